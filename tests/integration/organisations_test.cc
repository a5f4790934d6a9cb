// Organisations over the real server: Kommunen search (HTML and JSON), joining a Kommune (first
// admin via the Redaktion, then members via the Organisations-Admin), leaving, GovTech creation,
// visibility of pending organisations and the mails sent at each step.
#include "common/strings.h"
#include "integration/account_flows.h"

namespace opgv::test {
namespace {

class Organisations : public BackendTest {};

int64_t orgIdByAgs(TestServer& server, const std::string& ags) {
  auto rs = server.ctx().db->query("SELECT id FROM organisations WHERE ags = $1", {ags});
  return rs.empty() ? 0 : rs.first().i64(0);
}

int64_t orgIdByName(TestServer& server, const std::string& name) {
  auto rs = server.ctx().db->query("SELECT id FROM organisations WHERE name = $1", {name});
  return rs.empty() ? 0 : rs.first().i64(0);
}

std::string orgStatus(TestServer& server, int64_t id) {
  auto rs = server.ctx().db->query("SELECT status FROM organisations WHERE id = $1", {id});
  return rs.empty() ? std::string("<keine>") : rs.first().str(0);
}

// "<role>/<status>" of a membership, or "<keine>".
std::string membership(TestServer& server, int64_t orgId, const std::string& email) {
  auto rs = server.ctx().db->query(
      "SELECT m.role, m.status FROM memberships m JOIN users u ON u.id = m.user_id "
      "WHERE m.organisation_id = $1 AND u.email = $2",
      {orgId, email});
  return rs.empty() ? std::string("<keine>") : rs.first().str(0) + "/" + rs.first().str(1);
}

HttpResponse joinKommune(Browser& b, const std::string& ags) {
  b.get("/kommunen/" + ags);
  return b.postForm("/kommunen/" + ags + "/beitreten", {});
}

HttpResponse redaktionDecides(Browser& r, int64_t orgId, const std::string& decision) {
  r.get("/redaktion/antraege");
  return r.postForm("/redaktion/antraege/" + std::to_string(orgId) + "/entscheiden", {{"decision", decision}});
}

HttpResponse adminDecides(Browser& a, int64_t orgId, int64_t userId, const std::string& decision) {
  a.get("/organisationen/" + std::to_string(orgId));
  return a.postForm("/organisationen/" + std::to_string(orgId) + "/mitglieder/" + std::to_string(userId) + "/entscheiden",
                    {{"decision", decision}});
}

std::vector<std::string> searchAgs(TestServer& server, const std::string& q) {
  auto r = request(server.port(), "GET", "/api/v1/kommunen?q=" + strings::percentEncode(q));
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.contains("items")) {
    ADD_FAILURE() << r.status << " " << r.body;
    return out;
  }
  for (const auto& k : j["items"]) out.push_back(k.value("ags", ""));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Search

TEST_P(Organisations, SearchFindsKommunenByNameWithOrWithoutUmlauts) {
  TestServer server(GetParam());
  auto b = server.browser();
  for (const std::string q : {"münchen", "muenchen", "München", "MÜNCHEN", "Muenchen", "  münch  ", "landeshaupt"}) {
    SCOPED_TRACE(q);
    auto r = b.get("/kommunen?q=" + strings::percentEncode(q));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(contains(r.body, "href=\"/kommunen/09162000\"")) << q;
    EXPECT_TRUE(contains(r.body, "München, Landeshauptstadt"));
    EXPECT_FALSE(contains(r.body, "href=\"/kommunen/01001000\""));
    EXPECT_TRUE(contains(r.body, "1 Treffer"));
  }
  // A word inside the name counts ("Stadt" in "Flensburg, Stadt"), not arbitrary infixes.
  EXPECT_EQ(searchAgs(server, "stadt"), (std::vector<std::string>{"01001000", "01056039"}));  // larger first
  EXPECT_TRUE(searchAgs(server, "ensburg").empty());
  EXPECT_TRUE(searchAgs(server, "Hamburg").empty());
  auto none = b.get("/kommunen?q=Hamburg");
  EXPECT_EQ(none.status, 200);
  EXPECT_TRUE(contains(none.body, "0 Treffer"));
  EXPECT_TRUE(contains(none.body, "Keine Kommune gefunden"));
  // SQL wildcards typed by users are not wildcards.
  EXPECT_TRUE(searchAgs(server, "%").empty());
  EXPECT_TRUE(searchAgs(server, "_").empty());
  EXPECT_TRUE(searchAgs(server, "m%n").empty());
  EXPECT_TRUE(searchAgs(server, "' OR 1=1 --").empty());
}

TEST_P(Organisations, SearchFindsKommunenByPlzAndAgsPrefix) {
  TestServer server(GetParam());
  EXPECT_EQ(searchAgs(server, "24937"), std::vector<std::string>{"01001000"});
  EXPECT_EQ(searchAgs(server, "2493"), std::vector<std::string>{"01001000"});
  EXPECT_EQ(searchAgs(server, "80331"), std::vector<std::string>{"09162000"});
  EXPECT_EQ(searchAgs(server, "09162000"), std::vector<std::string>{"09162000"});
  // AGS prefix: the Landkreis (exact match) first, then the Stadt in it.
  EXPECT_EQ(searchAgs(server, "01056"), (std::vector<std::string>{"01056", "01056039"}));
  // Bayern: the larger place first.
  EXPECT_EQ(searchAgs(server, "09"), (std::vector<std::string>{"09162000", "09172116"}));
  EXPECT_EQ(searchAgs(server, "0").size(), 5u);
  EXPECT_TRUE(searchAgs(server, "99999").empty());
  auto b = server.browser();
  auto r = b.get("/kommunen?q=24937");
  EXPECT_TRUE(contains(r.body, "Flensburg, Stadt"));
  EXPECT_TRUE(contains(r.body, "PLZ 24937"));
}

TEST_P(Organisations, EmptyAndOverlongQueries) {
  TestServer server(GetParam());
  auto b = server.browser();
  for (const std::string target : {"/kommunen", "/kommunen?q=", "/kommunen?q=%20%20"}) {
    SCOPED_TRACE(target);
    auto r = b.get(target);
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(contains(r.body, "Treffer"));
    EXPECT_FALSE(contains(r.body, "opgv-error-summary"));
    EXPECT_FALSE(contains(r.body, "/kommunen/0"));
  }
  std::string longQuery;
  for (int i = 0; i < 101; ++i) longQuery += "ü";
  auto r = b.get("/kommunen?q=" + strings::percentEncode(longQuery));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "opgv-error-summary"));
  EXPECT_TRUE(contains(r.body, "href=\"#kommune-suche\""));
  EXPECT_TRUE(contains(r.body, "höchstens 100 Zeichen"));
  EXPECT_TRUE(contains(r.body, "value=\"" + longQuery + "\""));  // kept in the field
  // 100 characters (200 bytes) are still fine: the limit counts characters, not bytes.
  auto ok = b.get("/kommunen?q=" + strings::percentEncode(longQuery.substr(2)));
  EXPECT_EQ(ok.status, 200);
  // The API says the same as problem+json.
  auto p = expectProblem(request(server.port(), "GET", "/api/v1/kommunen?q=" + std::string(101, 'a')), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"q"});
}

TEST_P(Organisations, KommunenApiShapeAndLimit) {
  TestServer server(GetParam());
  auto r = request(server.port(), "GET", "/api/v1/kommunen?q=pinneberg&limit=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type").rfind("application/json", 0), 0u);
  auto j = parseJson(r);
  ASSERT_EQ(j["items"].size(), 1u);
  auto k = j["items"][0];
  EXPECT_EQ(k["ags"], "01056");  // the Landkreis is larger
  EXPECT_EQ(k["name"], "Pinneberg");
  EXPECT_EQ(k["verwaltungstyp"], "landkreis");
  EXPECT_EQ(k["verwaltungstyp_label"], "Landkreis");
  EXPECT_EQ(k["bundesland"], "Schleswig-Holstein");
  EXPECT_TRUE(k["kreis_ags"].is_null());
  EXPECT_EQ(k["einwohner"], 305102);
  EXPECT_EQ(k["groessenklasse"], "gross");
  EXPECT_TRUE(k["plz"].is_null());
  EXPECT_EQ(k["stand"], "2017-03-31");
  for (const char* key : {"ags", "name", "verwaltungstyp", "verwaltungstyp_label", "bundesland", "kreis_ags", "einwohner",
                          "groessenklasse", "groessenklasse_label", "plz", "stand"}) {
    EXPECT_TRUE(k.contains(key)) << key;
  }
  EXPECT_EQ(parseJson(request(server.port(), "GET", "/api/v1/kommunen?q=pinneberg"))["items"].size(), 2u);
  EXPECT_EQ(parseJson(request(server.port(), "GET", "/api/v1/kommunen?q=0&limit=0"))["items"].size(), 1u);
  EXPECT_EQ(parseJson(request(server.port(), "GET", "/api/v1/kommunen?q=0&limit=-5"))["items"].size(), 1u);
  EXPECT_EQ(parseJson(request(server.port(), "GET", "/api/v1/kommunen?q=0&limit=100000"))["items"].size(), 5u);
  EXPECT_EQ(parseJson(request(server.port(), "GET", "/api/v1/kommunen?q=0&limit=abc"))["items"].size(), 5u);
  auto empty = parseJson(request(server.port(), "GET", "/api/v1/kommunen?q="));
  EXPECT_TRUE(empty["items"].is_array() && empty["items"].empty());
  auto mittel = parseJson(request(server.port(), "GET", "/api/v1/kommunen?q=25421"))["items"][0];
  EXPECT_EQ(mittel["groessenklasse"], "mittel");
  EXPECT_EQ(mittel["kreis_ags"], "01056");
  EXPECT_EQ(mittel["plz"], "25421");

  auto one = request(server.port(), "GET", "/api/v1/kommunen/09162000");
  ASSERT_EQ(one.status, 200);
  auto m = parseJson(one);
  EXPECT_EQ(m["name"], "München, Landeshauptstadt");
  EXPECT_TRUE(m["organisation"].is_null());
  expectProblem(request(server.port(), "GET", "/api/v1/kommunen/00000000"), 404);
  auto page = server.browser().get("/kommunen/00000000");
  EXPECT_EQ(page.status, 404);
  EXPECT_TRUE(contains(page.body, "gibt es im Verzeichnis nicht"));
}

// ---------------------------------------------------------------------------------------------
// Joining a Kommune

TEST_P(Organisations, FirstAdminApplicationIsConfirmedByTheRedaktion) {
  TestServer server(GetParam());
  server.createUser("redaktion@example.org", "redaktion");
  server.createUser("chefin@example.org", "admin");  // admins get Redaktion mails too
  auto a = server.loggedIn("a@flensburg.de");
  auto c = server.loggedIn("c@example.org");
  auto guest = server.browser();

  auto page = a.get("/kommunen/01001000");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "noch nicht auf der Plattform vertreten"));
  EXPECT_TRUE(contains(page.body, "Als erste Person beitreten"));
  EXPECT_TRUE(contains(guest.get("/kommunen/01001000").body, "/anmelden?weiter=%2Fkommunen%2F01001000"));

  auto r = a.postForm("/kommunen/01001000/beitreten", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/kommunen/01001000");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "erstadmin_beantragt");
  auto id = orgIdByAgs(server, "01001000");
  ASSERT_GT(id, 0);
  EXPECT_EQ(orgStatus(server, id), "pending");
  EXPECT_EQ(membership(server, id, "a@flensburg.de"), "org_admin/pending");
  page = follow(a, r);
  EXPECT_TRUE(contains(page.body, "Ihr Antrag ist eingegangen"));
  EXPECT_TRUE(contains(page.body, "Ihr Antrag wird geprüft"));
  EXPECT_FALSE(contains(page.body, "Als erste Person beitreten"));
  // Applying twice is a conflict, not a second application.
  EXPECT_EQ(a.postForm("/kommunen/01001000/beitreten", {}).status, 409);

  // The Redaktion (and admins) are notified, the applicant is not yet.
  EXPECT_EQ(lastSubjectTo(server, "redaktion@example.org"), "Neuer Antrag: Flensburg, Stadt");
  EXPECT_TRUE(contains(server.lastMailTo("redaktion@example.org"), "a@flensburg.de"));
  EXPECT_TRUE(contains(server.lastMailTo("redaktion@example.org"), "/redaktion/antraege"));
  EXPECT_EQ(lastSubjectTo(server, "chefin@example.org"), "Neuer Antrag: Flensburg, Stadt");
  EXPECT_EQ(mailCount(server, "c@example.org"), 0);
  EXPECT_EQ(mailCount(server, "a@flensburg.de"), 0);

  // Pending: invisible to unrelated users and guests, visible to the applicant.
  const auto orgPath = "/organisationen/" + std::to_string(id);
  EXPECT_EQ(c.get(orgPath).status, 404);
  EXPECT_EQ(guest.get(orgPath).status, 404);
  expectProblem(api(server, "GET", "/api/v1/organisations/" + std::to_string(id)), 404);
  auto own = a.get(orgPath);
  EXPECT_EQ(own.status, 200);
  EXPECT_TRUE(contains(own.body, "wird von der Redaktion geprüft"));
  EXPECT_FALSE(contains(parseJson(request(server.port(), "GET", "/api/v1/organisations?type=kommune")).dump(),
                        "Flensburg"));

  // Only the Redaktion sees and decides the queue.
  EXPECT_EQ(c.get("/redaktion/antraege").status, 403);
  EXPECT_EQ(guest.get("/redaktion/antraege").status, 303);
  c.get("/profil");
  EXPECT_EQ(c.postForm(std::string("/redaktion/antraege/") + std::to_string(id) + "/entscheiden",
                       {{"decision", "bestaetigen"}})
                .status,
            403);
  EXPECT_EQ(orgStatus(server, id), "pending");

  auto redaktion = server.browser();
  login(redaktion, "redaktion@example.org", kPassword);
  auto queue = redaktion.get("/redaktion/antraege");
  ASSERT_EQ(queue.status, 200);
  EXPECT_TRUE(contains(queue.body, "Flensburg, Stadt"));
  EXPECT_TRUE(contains(queue.body, "a@flensburg.de"));  // the Redaktion checks the address
  EXPECT_TRUE(contains(queue.body, "/redaktion/antraege/" + std::to_string(id) + "/entscheiden"));
  EXPECT_EQ(redaktion.get(orgPath).status, 200);

  r = redaktionDecides(redaktion, id, "bestaetigen");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/redaktion/antraege");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "antrag_bestaetigt");
  EXPECT_EQ(orgStatus(server, id), "active");
  EXPECT_EQ(membership(server, id, "a@flensburg.de"), "org_admin/active");
  EXPECT_EQ(lastSubjectTo(server, "a@flensburg.de"), "Sie sind Organisations-Admin: Flensburg, Stadt");
  EXPECT_TRUE(contains(server.lastMailTo("a@flensburg.de"), orgPath));
  EXPECT_TRUE(contains(follow(redaktion, r).body, "Keine offenen Anträge"));
  // Deciding again finds nothing.
  EXPECT_EQ(redaktionDecides(redaktion, id, "bestaetigen").status, 404);

  // Now public.
  EXPECT_EQ(c.get(orgPath).status, 200);
  EXPECT_EQ(guest.get(orgPath).status, 200);
  EXPECT_TRUE(contains(guest.get("/kommunen/01001000").body, "href=\"" + orgPath + "\""));
  EXPECT_TRUE(contains(parseJson(request(server.port(), "GET", "/api/v1/organisations?type=kommune")).dump(),
                       "Flensburg, Stadt"));
  EXPECT_TRUE(contains(a.get("/profil").body, "Organisations-Admin"));
}

TEST_P(Organisations, MembersApplyAndTheOrgAdminDecides) {
  TestServer server(GetParam());
  server.createUser("redaktion@example.org", "redaktion");
  auto redaktion = server.browser();
  login(redaktion, "redaktion@example.org", kPassword);
  auto a = server.loggedIn("a@flensburg.de");
  auto b = server.loggedIn("b@flensburg.de");
  auto c = server.loggedIn("c@flensburg.de");
  auto d = server.loggedIn("d@flensburg.de");
  ASSERT_EQ(joinKommune(a, "01001000").status, 303);
  auto id = orgIdByAgs(server, "01001000");
  ASSERT_EQ(redaktionDecides(redaktion, id, "bestaetigen").status, 303);
  const auto orgPath = "/organisationen/" + std::to_string(id);
  auto bId = userId(server, "b@flensburg.de");
  auto cId = userId(server, "c@flensburg.de");
  auto dId = userId(server, "d@flensburg.de");

  auto page = b.get("/kommunen/01001000");
  EXPECT_TRUE(contains(page.body, "Beitritt beantragen"));
  auto r = b.postForm("/kommunen/01001000/beitreten", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "beitritt_beantragt");
  EXPECT_EQ(membership(server, id, "b@flensburg.de"), "mitglied/pending");
  EXPECT_EQ(lastSubjectTo(server, "a@flensburg.de"), "Beitrittsantrag für Flensburg, Stadt");
  EXPECT_TRUE(contains(server.lastMailTo("a@flensburg.de"), orgPath));
  auto redaktionMails = mailCount(server, "redaktion@example.org");
  // C joins through the organisation page instead.
  c.get(orgPath);
  EXPECT_EQ(c.postForm(orgPath + "/beitreten", {}).status, 303);
  EXPECT_EQ(membership(server, id, "c@flensburg.de"), "mitglied/pending");
  EXPECT_EQ(c.postForm(orgPath + "/beitreten", {}).status, 409);
  d.get(orgPath);
  EXPECT_EQ(d.postForm(orgPath + "/beitreten", {}).status, 303);
  EXPECT_EQ(mailCount(server, "redaktion@example.org"), redaktionMails);  // the org has its own admin now

  // The admin sees the applications with addresses and decision buttons.
  auto adminView = a.get(orgPath);
  EXPECT_TRUE(contains(adminView.body, "b@flensburg.de"));
  EXPECT_TRUE(contains(adminView.body, orgPath + "/mitglieder/" + std::to_string(bId) + "/entscheiden"));

  // A pending member cannot decide.
  EXPECT_EQ(adminDecides(b, id, cId, "annehmen").status, 403);
  EXPECT_EQ(membership(server, id, "c@flensburg.de"), "mitglied/pending");

  r = adminDecides(a, id, bId, "annehmen");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), orgPath);
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "mitglied_bestaetigt");
  EXPECT_EQ(membership(server, id, "b@flensburg.de"), "mitglied/active");
  EXPECT_EQ(lastSubjectTo(server, "b@flensburg.de"), "Willkommen bei Flensburg, Stadt");
  EXPECT_EQ(adminDecides(a, id, bId, "annehmen").status, 404);  // already decided

  // An active ordinary member cannot decide either, and sees neither applications nor addresses.
  EXPECT_EQ(adminDecides(b, id, cId, "annehmen").status, 403);
  EXPECT_EQ(adminDecides(b, id, cId, "ablehnen").status, 403);
  EXPECT_EQ(membership(server, id, "c@flensburg.de"), "mitglied/pending");
  auto memberView = b.get(orgPath);
  EXPECT_TRUE(contains(memberView.body, "Test a"));
  EXPECT_FALSE(contains(memberView.body, "Test c"));
  EXPECT_FALSE(contains(memberView.body, "@flensburg.de"));
  EXPECT_FALSE(contains(memberView.body, "/entscheiden"));
  EXPECT_TRUE(contains(memberView.body, "Organisation verlassen"));
  // Outsiders see the organisation but not its members.
  auto outsider = server.loggedIn("x@example.org");
  auto outsiderView = outsider.get(orgPath);
  EXPECT_EQ(outsiderView.status, 200);
  EXPECT_FALSE(contains(outsiderView.body, "Test a"));
  EXPECT_TRUE(contains(outsiderView.body, "Beitritt beantragen"));

  // Rejection.
  r = adminDecides(a, id, cId, "ablehnen");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "mitglied_abgelehnt");
  EXPECT_EQ(membership(server, id, "c@flensburg.de"), "<keine>");
  EXPECT_EQ(lastSubjectTo(server, "c@flensburg.de"), "Ihr Antrag bei Flensburg, Stadt");
  EXPECT_TRUE(contains(server.lastMailTo("c@flensburg.de"), "abgelehnt"));
  EXPECT_EQ(mailCount(server, "c@flensburg.de", "Willkommen"), 0);
  // Deciding about someone who never applied.
  EXPECT_EQ(adminDecides(a, id, userId(server, "x@example.org"), "annehmen").status, 404);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM memberships WHERE organisation_id = $1", {id}), 3);  // a, b, d
  (void)dId;
}

TEST_P(Organisations, LeavingAndTheLastOrgAdmin) {
  TestServer server(GetParam());
  server.createUser("redaktion@example.org", "redaktion");
  auto redaktion = server.browser();
  login(redaktion, "redaktion@example.org", kPassword);
  auto a = server.loggedIn("a@flensburg.de");
  auto b = server.loggedIn("b@flensburg.de");
  joinKommune(a, "01001000");
  auto id = orgIdByAgs(server, "01001000");
  redaktionDecides(redaktion, id, "bestaetigen");
  joinKommune(b, "01001000");
  adminDecides(a, id, userId(server, "b@flensburg.de"), "annehmen");
  const auto orgPath = "/organisationen/" + std::to_string(id);

  a.get(orgPath);
  auto r = a.postForm(orgPath + "/austreten", {});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(contains(r.body, "einzige Organisations-Admin"));
  EXPECT_EQ(membership(server, id, "a@flensburg.de"), "org_admin/active");

  b.get(orgPath);
  r = b.postForm(orgPath + "/austreten", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/profil");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "mitgliedschaft_beendet");
  EXPECT_EQ(membership(server, id, "b@flensburg.de"), "<keine>");
  EXPECT_EQ(b.postForm(orgPath + "/austreten", {}).status, 404);

  // Alone, the admin may leave.
  a.get(orgPath);
  EXPECT_EQ(a.postForm(orgPath + "/austreten", {}).status, 303);
  EXPECT_EQ(membership(server, id, "a@flensburg.de"), "<keine>");
  // Guests are sent to the login.
  auto guest = server.browser();
  guest.get(orgPath);
  EXPECT_EQ(guest.postForm(orgPath + "/austreten", {}).status, 303);
}

TEST_P(Organisations, RedaktionCanRejectAnApplication) {
  TestServer server(GetParam());
  server.createUser("redaktion@example.org", "redaktion");
  auto redaktion = server.browser();
  login(redaktion, "redaktion@example.org", kPassword);
  auto a = server.loggedIn("a@muenchen.de");
  joinKommune(a, "09162000");
  auto id = orgIdByAgs(server, "09162000");
  ASSERT_GT(id, 0);
  auto r = redaktionDecides(redaktion, id, "ablehnen");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(orgIdByAgs(server, "09162000"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM memberships"), 0);
  EXPECT_EQ(lastSubjectTo(server, "a@muenchen.de"), "Ihr Antrag: München, Landeshauptstadt");
  EXPECT_TRUE(contains(server.lastMailTo("a@muenchen.de"), "abgelehnt"));
  EXPECT_EQ(a.get("/organisationen/" + std::to_string(id)).status, 404);
  // The Kommune can be claimed again.
  auto b = server.loggedIn("b@muenchen.de");
  EXPECT_TRUE(contains(b.get("/kommunen/09162000").body, "Als erste Person beitreten"));
  EXPECT_EQ(setCookieValue(joinKommune(b, "09162000"), "opgv_flash"), "erstadmin_beantragt");
}

TEST_P(Organisations, JoiningRequiresLoginAndAnExistingKommune) {
  TestServer server(GetParam());
  auto guest = server.browser();
  guest.get("/kommunen/01001000");
  auto r = guest.postForm("/kommunen/01001000/beitreten", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/anmelden?weiter=", 0), 0u);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM organisations"), 0);
  auto a = server.loggedIn("a@example.org");
  a.get("/kommunen");
  EXPECT_EQ(a.postForm("/kommunen/00000000/beitreten", {}).status, 404);
  EXPECT_EQ(a.postForm("/organisationen/99999/beitreten", {}).status, 404);
  EXPECT_EQ(a.get("/organisationen/abc").status, 404);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM organisations"), 0);
}

// ---------------------------------------------------------------------------------------------
// GovTechs and other organisations

TEST_P(Organisations, GovTechFormValidatesAndKeepsInput) {
  TestServer server(GetParam());
  auto guest = server.browser();
  auto r = guest.get("/organisationen/neu");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/anmelden?weiter=%2Forganisationen%2Fneu");

  auto a = server.loggedIn("gruenderin@example.org");
  ASSERT_EQ(a.get("/organisationen/neu").status, 200);
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> form;
    std::vector<std::string> fields;
  };
  std::vector<Case> cases = {
      {"ohne https und Kontakt",
       {{"type", "govtech"}, {"name", "Daten & Co GmbH"}, {"website", "www.daten-co.de"}, {"description", "Wir <b>helfen</b>."}},
       {"website", "contact"}},
      {"ftp-Adresse", {{"type", "govtech"}, {"name", "Daten GmbH"}, {"website", "ftp://daten.de"}, {"contact", "x@y.de"}},
       {"website"}},
      {"ohne Website", {{"type", "govtech"}, {"name", "Daten GmbH"}, {"contact", "x@y.de"}}, {"website"}},
      {"ohne Name", {{"type", "govtech"}, {"name", " "}, {"website", "https://d.de"}, {"contact", "x@y.de"}}, {"name"}},
      {"Kommune als Typ", {{"type", "kommune"}, {"name", "Stadt X"}}, {"type"}},
      {"Sonstige ohne Art", {{"type", "sonstige"}, {"name", "Institut"}}, {"sonstige_art"}},
      {"Sonstige mit falscher Art", {{"type", "sonstige"}, {"name", "Institut"}, {"sonstige_art", "kirche"}}, {"sonstige_art"}},
      {"Beschreibung zu lang",
       {{"type", "govtech"}, {"name", "Lang GmbH"}, {"website", "https://l.de"}, {"contact", "x"}, {"description", std::string(2001, 'x')}},
       {"description"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    a.get("/organisationen/neu");
    r = a.postForm("/organisationen", c.form);
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), "/organisationen/neu#fehler");
    auto page = follow(a, r);
    EXPECT_TRUE(contains(page.body, "opgv-error-summary"));
    for (const auto& f : c.fields) EXPECT_TRUE(contains(page.body, "href=\"#" + f + "\"")) << f;
    auto summary = page.body.substr(page.body.find("opgv-error-summary"));
    summary = summary.substr(0, summary.find("</div>"));
    size_t items = 0;
    for (size_t p = summary.find("<li>"); p != std::string::npos; p = summary.find("<li>", p + 1)) ++items;
    EXPECT_EQ(items, c.fields.size()) << summary;
  }
  // The first case's input is kept (escaped) on the form.
  a.get("/organisationen/neu");
  r = a.postForm("/organisationen", cases[0].form);
  auto page = follow(a, r);
  EXPECT_TRUE(contains(page.body, "value=\"Daten &amp; Co GmbH\""));
  EXPECT_TRUE(contains(page.body, "value=\"www.daten-co.de\""));
  EXPECT_TRUE(contains(page.body, "Wir &lt;b&gt;helfen&lt;/b&gt;."));
  EXPECT_TRUE(contains(page.body, "Bitte geben Sie die Website mit https:// an"));
  EXPECT_TRUE(contains(page.body, "Bitte nennen Sie einen Kontakt"));
  // Sonstige keeps its selected type and Art.
  a.get("/organisationen/neu");
  r = a.postForm("/organisationen", {{"type", "sonstige"}, {"name", ""}, {"sonstige_art", "forschung"}});
  page = follow(a, r);
  EXPECT_TRUE(contains(page.body, "value=\"sonstige\" checked"));
  EXPECT_TRUE(contains(page.body, "value=\"forschung\" selected"));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM organisations"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM mails"), 0);
}

TEST_P(Organisations, GovTechIsCreatedPendingAndListedAfterConfirmation) {
  TestServer server(GetParam());
  server.createUser("redaktion@example.org", "redaktion");
  auto a = server.loggedIn("gruenderin@example.org");
  auto outsider = server.loggedIn("x@example.org");
  a.get("/organisationen/neu");
  auto r = a.postForm("/organisationen", {{"type", "govtech"},
                                          {"name", "  Datenwerk Nord GmbH "},
                                          {"website", "https://datenwerk.example"},
                                          {"description", "Dashboards für Kommunen."},
                                          {"contact", "kontakt@datenwerk.example"}});
  ASSERT_EQ(r.status, 303);
  auto id = orgIdByName(server, "Datenwerk Nord GmbH");
  ASSERT_GT(id, 0);
  const auto orgPath = "/organisationen/" + std::to_string(id);
  EXPECT_EQ(r.header("location"), orgPath);
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "organisation_angelegt");
  EXPECT_EQ(orgStatus(server, id), "pending");
  EXPECT_EQ(membership(server, id, "gruenderin@example.org"), "org_admin/pending");
  EXPECT_EQ(lastSubjectTo(server, "redaktion@example.org"), "Neue Organisation: Datenwerk Nord GmbH");
  EXPECT_EQ(mailCount(server, "x@example.org"), 0);

  auto own = follow(a, r);
  EXPECT_EQ(own.status, 200);
  EXPECT_TRUE(contains(own.body, "Die Redaktion prüft sie"));
  EXPECT_TRUE(contains(own.body, "wird von der Redaktion geprüft"));
  EXPECT_TRUE(contains(own.body, "https://datenwerk.example"));
  EXPECT_EQ(outsider.get(orgPath).status, 404);
  EXPECT_EQ(server.browser().get(orgPath).status, 404);
  EXPECT_FALSE(contains(server.browser().get("/govtechs").body, "Datenwerk"));
  // Joining a pending organisation by its id is not possible for outsiders either (it would make
  // the organisation visible to them).
  outsider.get("/profil");
  EXPECT_EQ(outsider.postForm(orgPath + "/beitreten", {}).status, 404);
  EXPECT_EQ(outsider.get(orgPath).status, 404);
  EXPECT_EQ(membership(server, id, "x@example.org"), "<keine>");

  auto redaktion = server.browser();
  login(redaktion, "redaktion@example.org", kPassword);
  auto queue = redaktion.get("/redaktion/antraege");
  EXPECT_TRUE(contains(queue.body, "Datenwerk Nord GmbH"));
  EXPECT_TRUE(contains(queue.body, "GovTech-Unternehmen"));
  ASSERT_EQ(redaktionDecides(redaktion, id, "bestaetigen").status, 303);
  EXPECT_EQ(orgStatus(server, id), "active");
  EXPECT_EQ(membership(server, id, "gruenderin@example.org"), "org_admin/active");
  EXPECT_EQ(lastSubjectTo(server, "gruenderin@example.org"), "Sie sind Organisations-Admin: Datenwerk Nord GmbH");

  auto list = server.browser().get("/govtechs");
  EXPECT_TRUE(contains(list.body, "href=\"" + orgPath + "\""));
  EXPECT_TRUE(contains(list.body, "Datenwerk Nord GmbH"));
  EXPECT_TRUE(contains(list.body, "Dashboards für Kommunen."));
  auto pub = outsider.get(orgPath);
  EXPECT_EQ(pub.status, 200);
  EXPECT_TRUE(contains(pub.body, "kontakt@datenwerk.example"));
  EXPECT_TRUE(contains(pub.body, "Beitritt beantragen"));
  EXPECT_EQ(outsider.postForm(orgPath + "/beitreten", {}).status, 303);
  EXPECT_EQ(lastSubjectTo(server, "gruenderin@example.org"), "Beitrittsantrag für Datenwerk Nord GmbH");

  // A second organisation with the same name gets its own slug.
  a.get("/organisationen/neu");
  r = a.postForm("/organisationen", {{"type", "govtech"},
                                     {"name", "Datenwerk Nord GmbH"},
                                     {"website", "https://datenwerk-2.example"},
                                     {"contact", "x"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(DISTINCT slug) FROM organisations WHERE name = 'Datenwerk Nord GmbH'"), 2);
}

TEST_P(Organisations, SonstigeOrganisationAndUnsafeWebsites) {
  TestServer server(GetParam());
  auto a = server.loggedIn("forschung@example.org");
  a.get("/organisationen/neu");
  auto r = a.postForm("/organisationen", {{"type", "sonstige"}, {"name", "Institut für Verwaltungsdaten"},
                                          {"sonstige_art", "forschung"}});
  ASSERT_EQ(r.status, 303);
  auto id = orgIdByName(server, "Institut für Verwaltungsdaten");
  ASSERT_GT(id, 0);
  auto page = a.get("/organisationen/" + std::to_string(id));
  EXPECT_TRUE(contains(page.body, "Sonstige – Forschung"));

  // A website, if given, must be a web address: never javascript: or data: in a link.
  for (const std::string bad : {"javascript:alert(document.cookie)", "data:text/html,x", " JavaScript:alert(1)"}) {
    SCOPED_TRACE(bad);
    a.get("/organisationen/neu");
    r = a.postForm("/organisationen", {{"type", "sonstige"}, {"name", "Verband X"}, {"sonstige_art", "verband"},
                                       {"website", bad}});
    EXPECT_EQ(r.header("location"), "/organisationen/neu#fehler");
  }
  EXPECT_EQ(orgIdByName(server, "Verband X"), 0);
  // Defence in depth: an unsafe address already in the database is not rendered as a live link.
  server.ctx().db->query(
      "INSERT INTO organisations (type, name, slug, website, sonstige_art, status, created_at) "
      "VALUES ('sonstige', 'Altbestand', 'altbestand', 'javascript:alert(1)', 'verband', 'active', 1)");
  page = a.get("/organisationen/" + std::to_string(orgIdByName(server, "Altbestand")));
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "href=\"javascript:")) << page.body.substr(page.body.find("Website"), 300);
}

TEST_P(Organisations, OrganisationFormsNeedCsrf) {
  TestServer server(GetParam());
  server.createUser("redaktion@example.org", "redaktion");
  auto redaktion = server.browser();
  login(redaktion, "redaktion@example.org", kPassword);
  auto a = server.loggedIn("a@flensburg.de");
  auto b = server.loggedIn("b@flensburg.de");
  joinKommune(a, "01001000");
  auto id = orgIdByAgs(server, "01001000");
  const auto orgPath = "/organisationen/" + std::to_string(id);
  const std::string form = "application/x-www-form-urlencoded";

  EXPECT_EQ(redaktion.send("POST", "/redaktion/antraege/" + std::to_string(id) + "/entscheiden",
                           "decision=bestaetigen", form).status,
            403);
  EXPECT_EQ(orgStatus(server, id), "pending");
  redaktionDecides(redaktion, id, "bestaetigen");
  joinKommune(b, "01001000");
  auto bId = userId(server, "b@flensburg.de");
  EXPECT_EQ(a.send("POST", orgPath + "/mitglieder/" + std::to_string(bId) + "/entscheiden", "decision=annehmen", form).status,
            403);
  EXPECT_EQ(a.postForm(orgPath + "/mitglieder/" + std::to_string(bId) + "/entscheiden",
                       {{"decision", "annehmen"}, {"csrf_token", b.csrfToken()}})
                .status,
            403);
  EXPECT_EQ(membership(server, id, "b@flensburg.de"), "mitglied/pending");
  EXPECT_EQ(a.send("POST", orgPath + "/austreten", "", form).status, 403);
  EXPECT_EQ(b.send("POST", orgPath + "/beitreten", "", form).status, 403);
  EXPECT_EQ(a.send("POST", "/organisationen", "type=govtech&name=X&website=https://x.de&contact=x", form).status, 403);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM organisations"), 1);
  EXPECT_EQ(membership(server, id, "a@flensburg.de"), "org_admin/active");
}

OPGV_BOTH_BACKENDS(Organisations);

}  // namespace
}  // namespace opgv::test
