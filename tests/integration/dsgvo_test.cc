// DSGVO over the real server: data export (Art. 15/20) and account deletion (Art. 17).
#include "common/crypto.h"
#include "integration/account_flows.h"

namespace opgv::test {
namespace {

class Dsgvo : public BackendTest {};

// Makes `email` an active member of the Kommune org for Flensburg (admin: `adminEmail`).
void membershipInFlensburg(TestServer& server, Browser& member, Browser& admin, Browser& redaktion) {
  admin.get("/kommunen/01001000");
  ASSERT_EQ(admin.postForm("/kommunen/01001000/beitreten", {}).status, 303);
  auto orgId = server.ctx().db->query("SELECT id FROM organisations WHERE ags = '01001000'").first().i64(0);
  redaktion.get("/redaktion/antraege");
  ASSERT_EQ(redaktion.postForm("/redaktion/antraege/" + std::to_string(orgId) + "/entscheiden", {{"decision", "bestaetigen"}}).status,
            303);
  member.get("/kommunen/01001000");
  ASSERT_EQ(member.postForm("/kommunen/01001000/beitreten", {}).status, 303);
  auto memberId = server.ctx().db->query(
      "SELECT user_id FROM memberships WHERE organisation_id = $1 AND status = 'pending'", {orgId}).first().i64(0);
  admin.get("/organisationen/" + std::to_string(orgId));
  ASSERT_EQ(admin.postForm("/organisationen/" + std::to_string(orgId) + "/mitglieder/" + std::to_string(memberId) +
                               "/entscheiden",
                           {{"decision", "annehmen"}})
                .status,
            303);
}

TEST_P(Dsgvo, ExportContainsPersonalDataButNoSecrets) {
  TestServer server(GetParam());
  auto guest = server.browser();
  auto r = guest.get("/profil/export");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/anmelden?weiter=%2Fprofil%2Fexport");

  auto b = server.loggedIn("daten@example.org");
  auto second = server.browser();
  ASSERT_FALSE(setCookieValue(login(second, "daten@example.org", kPassword), "opgv_session").empty());
  auto raw = createTokenViaCookie(b, "Export-Skript");
  ASSERT_FALSE(raw.empty());
  b.get("/kommunen/09162000");
  ASSERT_EQ(b.postForm("/kommunen/09162000/beitreten", {}).status, 303);  // first-admin application

  r = b.get("/profil/export");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type").rfind("application/json", 0), 0u) << r.header("content-type");
  auto disposition = r.header("content-disposition");
  EXPECT_EQ(disposition.rfind("attachment", 0), 0u) << disposition;
  EXPECT_TRUE(contains(disposition, ".json"));
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto j = parseJson(r);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["konto"]["email"], "daten@example.org");
  EXPECT_EQ(j["konto"]["anzeigename"], "Test daten");
  EXPECT_EQ(j["konto"]["rolle"], "mitglied");
  EXPECT_EQ(j["konto"]["status"], "active");
  EXPECT_TRUE(j["konto"]["registriert_am"].is_number());
  ASSERT_EQ(j["mitgliedschaften"].size(), 1u);
  EXPECT_EQ(j["mitgliedschaften"][0]["organisation"], "München, Landeshauptstadt");
  EXPECT_EQ(j["mitgliedschaften"][0]["rolle"], "org_admin");
  EXPECT_EQ(j["mitgliedschaften"][0]["status"], "pending");
  ASSERT_EQ(j["sitzungen"].size(), 2u);
  EXPECT_TRUE(j["sitzungen"][0]["gueltig_bis"].is_number());
  ASSERT_EQ(j["api_tokens"].size(), 1u);
  EXPECT_EQ(j["api_tokens"][0]["name"], "Export-Skript");
  EXPECT_EQ(j["api_tokens"][0]["prefix"], raw.substr(0, 12));
  EXPECT_TRUE(j.contains("gesendete_emails"));
  EXPECT_FALSE(j["hinweis"].get<std::string>().empty());

  // No secrets anywhere in the file.
  auto passwordHash = server.ctx().db->query("SELECT password_hash FROM users").first().str(0);
  EXPECT_FALSE(contains(r.body, passwordHash));
  EXPECT_FALSE(contains(r.body, "$argon2"));
  EXPECT_FALSE(contains(r.body, kPassword));
  EXPECT_FALSE(contains(r.body, raw));
  EXPECT_FALSE(contains(r.body, crypto::hashToken(raw)));
  EXPECT_FALSE(contains(r.body, b.cookie("opgv_session")));
  for (const auto& row : server.ctx().db->query("SELECT token_hash FROM sessions").rows) {
    EXPECT_FALSE(contains(r.body, row.str(0)));
  }
  EXPECT_FALSE(contains(r.body, "token_hash"));
  EXPECT_FALSE(contains(r.body, "password"));

  // Someone else's export holds only their own data.
  auto other = server.loggedIn("andere@example.org");
  auto o = parseJson(other.get("/profil/export"));
  EXPECT_EQ(o["konto"]["email"], "andere@example.org");
  EXPECT_TRUE(o["mitgliedschaften"].empty());
  EXPECT_TRUE(o["api_tokens"].empty());
  EXPECT_EQ(o["sitzungen"].size(), 1u);

  // The same through the API with the token.
  auto viaApi = api(server, "GET", "/api/v1/me/export", raw);
  ASSERT_EQ(viaApi.status, 200);
  EXPECT_EQ(parseJson(viaApi)["konto"]["email"], "daten@example.org");
  EXPECT_FALSE(contains(viaApi.body, "$argon2"));
}

TEST_P(Dsgvo, DeletionNeedsTheCorrectPassword) {
  TestServer server(GetParam());
  auto b = server.loggedIn("bleibt@example.org");
  auto page = b.get("/profil/loeschen");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "bleibt@example.org"));
  auto r = b.postForm("/profil/loeschen", {{"password", "falsches-passwort"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/profil/loeschen#fehler");
  page = follow(b, r);
  EXPECT_TRUE(contains(page.body, "opgv-error-summary"));
  EXPECT_TRUE(contains(page.body, "href=\"#password\""));
  EXPECT_TRUE(contains(page.body, "Das Passwort ist nicht korrekt"));
  EXPECT_FALSE(contains(page.body, "falsches-passwort"));
  r = b.postForm("/profil/loeschen", {{"password", ""}});
  EXPECT_EQ(r.header("location"), "/profil/loeschen#fehler");
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(b.get("/profil").status, 200);
  // Guests cannot reach the page.
  auto guest = server.browser();
  EXPECT_EQ(guest.get("/profil/loeschen").status, 303);
}

TEST_P(Dsgvo, DeletionRemovesAccountSessionsTokensMembershipsAndMails) {
  TestServer server(GetParam());
  server.createUser("redaktion@example.org", "redaktion");
  auto redaktion = server.browser();
  login(redaktion, "redaktion@example.org", kPassword);
  auto admin = server.loggedIn("orgadmin@example.org");
  auto b = server.loggedIn("weg@example.org");
  membershipInFlensburg(server, b, admin, redaktion);
  auto second = server.browser();
  ASSERT_FALSE(setCookieValue(login(second, "weg@example.org", kPassword), "opgv_session").empty());
  auto raw = createTokenViaCookie(b);
  // A pending reset link and a mail to the address.
  auto g = server.browser();
  g.get("/passwort-vergessen");
  g.postForm("/passwort-vergessen", {{"email", "weg@example.org"}});
  auto uid = userId(server, "weg@example.org");
  ASSERT_GT(uid, 0);
  ASSERT_GT(mailCount(server, "weg@example.org"), 0);
  ASSERT_EQ(rowCount(server, "SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND status = 'active'", {uid}), 1);
  auto otherMails = rowCount(server, "SELECT COUNT(*) FROM mails WHERE recipient <> 'weg@example.org'");
  ASSERT_GT(otherMails, 0);

  b.get("/profil/loeschen");
  auto r = b.postForm("/profil/loeschen", {{"password", kPassword}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/");
  EXPECT_TRUE(contains(setCookieHeader(r, "opgv_session"), "Max-Age=0"));
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "konto_geloescht");
  EXPECT_TRUE(contains(follow(b, r).body, "Ihr Konto und Ihre Daten wurden gelöscht"));

  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE email = 'weg@example.org'"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions WHERE user_id = $1", {uid}), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1", {uid}), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM memberships WHERE user_id = $1", {uid}), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM email_tokens WHERE user_id = $1", {uid}), 0);
  EXPECT_EQ(mailCount(server, "weg@example.org"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM mails WHERE recipient <> 'weg@example.org'"), otherMails);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 2);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM memberships WHERE status = 'active'"), 1);  // the org admin

  // Every way back in is closed.
  EXPECT_EQ(second.get("/profil").status, 303);
  expectProblem(api(server, "GET", "/api/v1/me", raw), 401);
  auto again = server.browser();
  EXPECT_TRUE(setCookieValue(login(again, "weg@example.org", kPassword), "opgv_session").empty());
  // The address is free for a new registration.
  again.get("/registrieren");
  again.postForm("/registrieren", {{"email", "weg@example.org"}, {"display_name", "Neu"}, {"password", kPassword},
                                   {"password_repeat", kPassword}, {"accept_privacy", "ja"}});
  EXPECT_TRUE(contains(server.lastMailTo("weg@example.org"), "/registrieren/bestaetigen?token="));
}

TEST_P(Dsgvo, TheLastPlatformAdminCannotDeleteThemselves) {
  TestServer server(GetParam());
  auto admin = server.loggedIn("admin@example.org", "admin");
  admin.get("/profil/loeschen");
  auto r = admin.postForm("/profil/loeschen", {{"password", kPassword}});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(contains(r.body, "einzige Plattform-Admin"));
  EXPECT_TRUE(contains(r.body, "text/html") || contains(r.header("content-type"), "text/html"));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE platform_role = 'admin'"), 1);
  EXPECT_EQ(admin.get("/profil").status, 200);
  // Wrong password is still reported as such first.
  r = admin.postForm("/profil/loeschen", {{"password", "falsch-falsch"}});
  EXPECT_EQ(r.header("location"), "/profil/loeschen#fehler");
  // Through the API as well.
  auto raw = createTokenViaCookie(admin);
  auto p = expectProblem(api(server, "DELETE", "/api/v1/me", raw, nlohmann::json{{"password", kPassword}}.dump()), 409);
  EXPECT_TRUE(contains(p.value("detail", ""), "einzige Plattform-Admin"));

  // With a second admin it works.
  server.createUser("admin2@example.org", "admin");
  admin.get("/profil/loeschen");
  r = admin.postForm("/profil/loeschen", {{"password", kPassword}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE email = 'admin@example.org'"), 0);
  // Now admin2 is the last one.
  auto admin2 = server.browser();
  login(admin2, "admin2@example.org", kPassword);
  admin2.get("/profil/loeschen");
  EXPECT_EQ(admin2.postForm("/profil/loeschen", {{"password", kPassword}}).status, 409);
}

TEST_P(Dsgvo, DeletionAndTokenRevocationNeedCsrf) {
  TestServer server(GetParam());
  auto b = server.loggedIn("csrf@example.org");
  auto raw = createTokenViaCookie(b);
  auto tokenId = server.ctx().db->query("SELECT id FROM api_tokens").first().i64(0);
  auto r = b.send("POST", "/profil/loeschen", formEncode({{"password", kPassword}}), "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 403);
  r = b.postForm("/profil/loeschen", {{"password", kPassword}, {"csrf_token", "falsch"}});
  EXPECT_EQ(r.status, 403);
  r = b.send("POST", "/profil/tokens/" + std::to_string(tokenId) + "/widerrufen", "", "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(api(server, "GET", "/api/v1/me", raw).status, 200);
  // A form post in another encoding is refused, not parsed.
  r = b.send("POST", "/profil/loeschen", "{\"password\":\"" + kPassword + "\"}", "application/json");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 1);
}

OPGV_BOTH_BACKENDS(Dsgvo);

}  // namespace
}  // namespace opgv::test
