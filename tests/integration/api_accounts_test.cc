// JSON API for accounts and organisations over the real server: registration, confirmation,
// password reset, /me, tokens, admin, organisations, memberships, applications, and the error
// format (RFC 9457 problem+json; 415 for other media types, 400 for malformed JSON, 422 for
// validation with field errors under `errors`).
#include "common/crypto.h"
#include "integration/account_flows.h"

namespace opgv::test {
namespace {

class ApiAccounts : public BackendTest {};

using nlohmann::json;

std::string bearerFor(TestServer& server, const std::string& email, const std::string& role = "mitglied") {
  auto b = server.loggedIn(email, role);
  return createTokenViaCookie(b, "API-Test");
}

HttpResponse post(TestServer& server, const std::string& target, const json& body, const std::string& bearer = "") {
  return api(server, "POST", target, bearer, body.dump());
}

// ---------------------------------------------------------------------------------------------
// Registration and confirmation

TEST_P(ApiAccounts, RegistrationAnswersTheSameForNewAndExistingAddresses) {
  TestServer server(GetParam());
  server.createUser("vorhanden@example.org");
  json input = {{"email", "neu@example.org"}, {"display_name", "Neu"}, {"password", kPassword}, {"accept_privacy", true}};
  auto rNew = post(server, "/api/v1/accounts", input);
  input["email"] = "VORHANDEN@example.org";
  auto rDup = post(server, "/api/v1/accounts", input);
  EXPECT_EQ(rNew.status, 202);
  EXPECT_EQ(rDup.status, rNew.status);
  EXPECT_EQ(rDup.body, rNew.body);
  EXPECT_EQ(rDup.header("content-type"), rNew.header("content-type"));
  EXPECT_EQ(parseJson(rNew)["status"], "pending");
  EXPECT_TRUE(contains(server.lastMailTo("vorhanden@example.org"), "bereits ein Konto"));
  EXPECT_TRUE(contains(server.lastMailTo("neu@example.org"), "/registrieren/bestaetigen?token="));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 2);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE email = 'neu@example.org' AND status = 'pending'"), 1);
}

TEST_P(ApiAccounts, RegistrationErrorsAreProblemDocuments) {
  TestServer server(GetParam());
  auto p = expectProblem(post(server, "/api/v1/accounts", json::object()), 422);
  auto fields = errorFields(p);
  for (const char* f : {"email", "display_name", "password", "accept_privacy"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
  // accept_privacy must be the boolean true, not a truthy string.
  p = expectProblem(post(server, "/api/v1/accounts", {{"email", "a@example.org"}, {"display_name", "A"},
                                                      {"password", kPassword}, {"accept_privacy", "ja"}}),
                    422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"accept_privacy"});
  p = expectProblem(post(server, "/api/v1/accounts", {{"email", "a@example.org"}, {"display_name", "A"},
                                                      {"password", "kurz"}, {"accept_privacy", true}}),
                    422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"password"});
  EXPECT_FALSE(contains(p.dump(), "kurz\""));  // the password is not echoed
  // Wrong types count as missing.
  p = expectProblem(post(server, "/api/v1/accounts", {{"email", 42}, {"display_name", "A"}, {"password", kPassword},
                                                      {"accept_privacy", true}}),
                    422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"email"});

  expectProblem(api(server, "POST", "/api/v1/accounts", "", "email=a@example.org", "application/x-www-form-urlencoded"), 415);
  expectProblem(api(server, "POST", "/api/v1/accounts", "", json{{"email", "a"}}.dump(), "text/plain"), 415);
  expectProblem(api(server, "POST", "/api/v1/accounts", "", "", ""), 415);
  expectProblem(api(server, "POST", "/api/v1/accounts", "", "{\"email\": "), 400);
  expectProblem(api(server, "POST", "/api/v1/accounts", "", "[1, 2]"), 400);
  expectProblem(api(server, "POST", "/api/v1/accounts", "", "\"text\""), 400);
  expectProblem(api(server, "POST", "/api/v1/accounts", "", "{\"email\": \"\xff\xfe\"}"), 400);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM mails"), 0);
}

TEST_P(ApiAccounts, ConfirmationWorksOnce) {
  TestServer server(GetParam());
  ASSERT_EQ(post(server, "/api/v1/accounts", {{"email", "c@example.org"}, {"display_name", "C"}, {"password", kPassword},
                                              {"accept_privacy", true}})
                .status,
            202);
  auto token = valueAfter(server.lastMailTo("c@example.org"), "/registrieren/bestaetigen?token=");
  ASSERT_FALSE(token.empty());
  auto r = post(server, "/api/v1/accounts/confirm", {{"token", token}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(parseJson(r)["status"], "active");
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE status = 'active'"), 1);
  expectProblem(post(server, "/api/v1/accounts/confirm", {{"token", token}}), 404);
  expectProblem(post(server, "/api/v1/accounts/confirm", {{"token", "garbage"}}), 404);
  expectProblem(post(server, "/api/v1/accounts/confirm", json::object()), 404);
  expectProblem(api(server, "POST", "/api/v1/accounts/confirm", "", "token=" + token, "application/x-www-form-urlencoded"), 415);
  expectProblem(api(server, "POST", "/api/v1/accounts/confirm", "", "{"), 400);
  auto b = server.browser();
  EXPECT_FALSE(setCookieValue(login(b, "c@example.org", kPassword), "opgv_session").empty());
}

TEST_P(ApiAccounts, PasswordResetViaApi) {
  TestServer server(GetParam());
  server.createUser("r@example.org");
  auto tokenBefore = bearerFor(server, "other@example.org");
  auto known = post(server, "/api/v1/password-resets", {{"email", "r@example.org"}});
  auto unknown = post(server, "/api/v1/password-resets", {{"email", "niemand@example.org"}});
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(unknown.status, known.status);
  EXPECT_EQ(unknown.body, known.body);
  EXPECT_EQ(mailCount(server, "niemand@example.org"), 0);
  auto p = expectProblem(post(server, "/api/v1/password-resets", {{"email", "kaputt"}}), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"email"});
  expectProblem(api(server, "POST", "/api/v1/password-resets", "", "email=r@example.org", "application/x-www-form-urlencoded"), 415);

  auto b = server.loggedIn("s@example.org");  // a session of someone else stays
  auto victim = server.browser();
  ASSERT_FALSE(setCookieValue(login(victim, "r@example.org", kPassword), "opgv_session").empty());
  auto token = valueAfter(server.lastMailTo("r@example.org"), "/passwort-zuruecksetzen?token=");
  ASSERT_FALSE(token.empty());
  p = expectProblem(post(server, "/api/v1/password-resets/confirm", {{"token", token}, {"password", "kurz"}}), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"password"});
  auto r = post(server, "/api/v1/password-resets/confirm", {{"token", token}, {"password", "neues-passwort-123"}});
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  expectProblem(post(server, "/api/v1/password-resets/confirm", {{"token", token}, {"password", "drittes-passwort"}}), 404);
  expectProblem(post(server, "/api/v1/password-resets/confirm", {{"token", "garbage"}, {"password", "drittes-passwort"}}), 404);
  EXPECT_EQ(victim.get("/profil").status, 303);  // sessions ended
  EXPECT_EQ(b.get("/profil").status, 200);
  EXPECT_EQ(api(server, "GET", "/api/v1/me", tokenBefore).status, 200);
  auto c = server.browser();
  EXPECT_TRUE(setCookieValue(login(c, "r@example.org", kPassword), "opgv_session").empty());
  EXPECT_FALSE(setCookieValue(login(c, "r@example.org", "neues-passwort-123"), "opgv_session").empty());

  // Expired link.
  post(server, "/api/v1/password-resets", {{"email", "r@example.org"}});
  auto expired = valueAfter(server.lastMailTo("r@example.org"), "/passwort-zuruecksetzen?token=");
  server.ctx().db->query("UPDATE email_tokens SET expires_at = 1 WHERE token_hash = $1", {crypto::hashToken(expired)});
  expectProblem(post(server, "/api/v1/password-resets/confirm", {{"token", expired}, {"password", "viertes-passwort"}}), 404);
}

// ---------------------------------------------------------------------------------------------
// /me and tokens

TEST_P(ApiAccounts, MeRequiresAuthentication) {
  TestServer server(GetParam());
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/me"}, {"GET", "/api/v1/me/export"}, {"GET", "/api/v1/me/tokens"}}) {
    SCOPED_TRACE(target);
    auto r = api(server, method, target);
    expectProblem(r, 401);
    EXPECT_TRUE(contains(r.header("www-authenticate"), "Bearer")) << "RFC 9110: 401 braucht WWW-Authenticate";
  }
  expectProblem(api(server, "PATCH", "/api/v1/me", "", json{{"display_name", "X"}}.dump()), 401);
  expectProblem(api(server, "DELETE", "/api/v1/me", "", json{{"password", "x"}}.dump()), 401);
  expectProblem(api(server, "POST", "/api/v1/me/tokens", "", json{{"name", "x"}}.dump()), 401);
  expectProblem(api(server, "DELETE", "/api/v1/me/tokens/1", "", ""), 401);
  // Malformed Authorization headers.
  for (const auto& h : std::vector<std::string>{"Bearer x", "Bearer opgv_x", "Bearer " + std::string(300, 'a')}) {
    auto r = request(server.port(), "GET", "/api/v1/me", {{"Authorization", h}});
    expectProblem(r, 401);
    EXPECT_TRUE(contains(r.header("www-authenticate"), "invalid_token"));
  }
  expectProblem(request(server.port(), "GET", "/api/v1/me", {{"Authorization", "Bearer"}}), 401);
  // Other schemes are not ours: treated as anonymous.
  expectProblem(request(server.port(), "GET", "/api/v1/me", {{"Authorization", "Basic YTpi"}}), 401);
}

TEST_P(ApiAccounts, MeReadUpdateAndDelete) {
  TestServer server(GetParam());
  auto token = bearerFor(server, "me@example.org");
  ASSERT_FALSE(token.empty());
  auto r = api(server, "GET", "/api/v1/me", token);
  ASSERT_EQ(r.status, 200);
  auto me = parseJson(r);
  EXPECT_EQ(me["email"], "me@example.org");
  EXPECT_EQ(me["role"], "mitglied");
  EXPECT_EQ(me["status"], "active");
  EXPECT_TRUE(me["id"].is_number_integer());
  EXPECT_FALSE(me.contains("password_hash"));
  EXPECT_FALSE(contains(r.body, "$argon2"));

  r = api(server, "PATCH", "/api/v1/me", token, json{{"display_name", "  Maria Muster "}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parseJson(r)["display_name"], "Maria Muster");
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE display_name = 'Maria Muster'"), 1);
  auto p = expectProblem(api(server, "PATCH", "/api/v1/me", token, json{{"display_name", ""}}.dump()), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"display_name"});
  p = expectProblem(api(server, "PATCH", "/api/v1/me", token, json{{"display_name", std::string(101, 'x')}}.dump()), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"display_name"});
  // With a bearer token the media type is checked by the handler (415), not the CSRF guard (403).
  expectProblem(api(server, "PATCH", "/api/v1/me", token, "display_name=X", "application/x-www-form-urlencoded"), 415);
  expectProblem(api(server, "PATCH", "/api/v1/me", token, "{\"display_name\":"), 400);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE display_name = 'Maria Muster'"), 1);

  auto ex = api(server, "GET", "/api/v1/me/export", token);
  ASSERT_EQ(ex.status, 200);
  EXPECT_EQ(parseJson(ex)["konto"]["anzeigename"], "Maria Muster");

  p = expectProblem(api(server, "DELETE", "/api/v1/me", token, json{{"password", "falsch-falsch"}}.dump()), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"password"});
  expectProblem(api(server, "DELETE", "/api/v1/me", token, "", ""), 415);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 1);
  r = api(server, "DELETE", "/api/v1/me", token, json{{"password", kPassword}}.dump());
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions"), 0);
  expectProblem(api(server, "GET", "/api/v1/me", token), 401);
}

TEST_P(ApiAccounts, TokensCrud) {
  TestServer server(GetParam());
  auto b = server.loggedIn("t@example.org");
  auto r = b.send("POST", "/api/v1/me/tokens", json{{"name", "Import"}}.dump(), "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  auto created = parseJson(r);
  std::string raw = created["token"];
  EXPECT_EQ(raw.rfind("opgv_", 0), 0u);
  EXPECT_EQ(created["name"], "Import");
  EXPECT_EQ(created["prefix"], raw.substr(0, 12));
  EXPECT_TRUE(created["last_used_at"].is_null());
  int64_t id = created["id"];
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1", {crypto::hashToken(raw)}), 1);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1", {raw}), 0);

  // Tokens can manage tokens too.
  r = api(server, "POST", "/api/v1/me/tokens", raw, json{{"name", "Zweiter"}}.dump());
  ASSERT_EQ(r.status, 201);
  std::string second = parseJson(r)["token"];
  int64_t secondId = parseJson(r)["id"];
  r = api(server, "GET", "/api/v1/me/tokens", raw);
  ASSERT_EQ(r.status, 200);
  auto list = parseJson(r)["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["name"], "Import");
  EXPECT_FALSE(list[0]["last_used_at"].is_null());
  EXPECT_FALSE(list[0].contains("token"));
  EXPECT_FALSE(contains(r.body, raw));
  EXPECT_FALSE(contains(r.body, second));
  EXPECT_FALSE(contains(r.body, crypto::hashToken(raw)));

  // Validation: the error names the field as the API spells it.
  auto p = expectProblem(api(server, "POST", "/api/v1/me/tokens", raw, json{{"name", " "}}.dump()), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"name"});
  p = expectProblem(api(server, "POST", "/api/v1/me/tokens", raw, json{{"name", std::string(81, 'n')}}.dump()), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"name"});
  expectProblem(api(server, "POST", "/api/v1/me/tokens", raw, "name=x", "application/x-www-form-urlencoded"), 415);
  expectProblem(api(server, "POST", "/api/v1/me/tokens", raw, "{]"), 400);

  // Another user cannot delete it.
  auto other = bearerFor(server, "o@example.org");
  expectProblem(api(server, "DELETE", "/api/v1/me/tokens/" + std::to_string(id), other), 404);
  expectProblem(api(server, "DELETE", "/api/v1/me/tokens/abc", other), 404);
  EXPECT_EQ(api(server, "GET", "/api/v1/me", raw).status, 200);

  r = api(server, "DELETE", "/api/v1/me/tokens/" + std::to_string(secondId), raw);
  EXPECT_EQ(r.status, 204);
  expectProblem(api(server, "GET", "/api/v1/me", second), 401);
  expectProblem(api(server, "DELETE", "/api/v1/me/tokens/" + std::to_string(secondId), raw), 404);
  // A token may revoke itself; afterwards it is dead.
  EXPECT_EQ(api(server, "DELETE", "/api/v1/me/tokens/" + std::to_string(id), raw).status, 204);
  auto dead = api(server, "GET", "/api/v1/me/tokens", raw);
  expectProblem(dead, 401);
  EXPECT_TRUE(contains(dead.header("www-authenticate"), "invalid_token"));
}

TEST_P(ApiAccounts, AtMostTwentyTokens) {
  TestServer server(GetParam());
  auto raw = bearerFor(server, "viele@example.org");
  for (int i = 2; i <= 20; ++i) {
    ASSERT_EQ(api(server, "POST", "/api/v1/me/tokens", raw, json{{"name", "T" + std::to_string(i)}}.dump()).status, 201);
  }
  auto p = expectProblem(api(server, "POST", "/api/v1/me/tokens", raw, json{{"name", "T21"}}.dump()), 409);
  EXPECT_TRUE(contains(p.value("detail", ""), "20 Tokens"));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens"), 20);
}

// ---------------------------------------------------------------------------------------------
// Administration

TEST_P(ApiAccounts, AdminUsersAndRoles) {
  TestServer server(GetParam());
  auto admin = bearerFor(server, "admin@example.org", "admin");
  auto member = bearerFor(server, "mitglied@example.org");
  auto redaktion = bearerFor(server, "redaktion@example.org", "redaktion");

  expectProblem(api(server, "GET", "/api/v1/admin/users"), 401);
  auto p = expectProblem(api(server, "GET", "/api/v1/admin/users", member), 403);
  EXPECT_TRUE(contains(p.value("detail", ""), "Plattform-Admin"));
  expectProblem(api(server, "GET", "/api/v1/admin/users", redaktion), 403);
  expectProblem(api(server, "GET", "/api/v1/admin/mails", member), 403);

  auto r = api(server, "GET", "/api/v1/admin/users", admin);
  ASSERT_EQ(r.status, 200);
  auto items = parseJson(r)["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["email"], "admin@example.org");
  EXPECT_EQ(items[0]["role"], "admin");
  EXPECT_EQ(items[1]["role"], "mitglied");
  EXPECT_FALSE(contains(r.body, "$argon2"));
  EXPECT_FALSE(contains(r.body, "password"));
  EXPECT_EQ(parseJson(api(server, "GET", "/api/v1/admin/users?limit=1&offset=1", admin))["items"][0]["email"],
            "mitglied@example.org");
  EXPECT_EQ(parseJson(api(server, "GET", "/api/v1/admin/users?limit=0", admin))["items"].size(), 1u);
  EXPECT_EQ(parseJson(api(server, "GET", "/api/v1/admin/users?offset=-3", admin))["items"].size(), 3u);
  EXPECT_EQ(api(server, "GET", "/api/v1/admin/mails", admin).status, 200);

  auto memberId = userId(server, "mitglied@example.org");
  auto target = "/api/v1/admin/users/" + std::to_string(memberId) + "/role";
  expectProblem(api(server, "PUT", target, member, json{{"role", "admin"}}.dump()), 403);
  expectProblem(api(server, "PUT", target, redaktion, json{{"role", "admin"}}.dump()), 403);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE platform_role = 'admin'"), 1);
  // Before the promotion the member cannot see the Redaktion queue.
  expectProblem(api(server, "GET", "/api/v1/applications", member), 403);
  r = api(server, "PUT", target, admin, json{{"role", "redaktion"}}.dump());
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE id = $1 AND platform_role = 'redaktion'", {memberId}), 1);
  // The new role applies to the existing token immediately.
  EXPECT_EQ(api(server, "GET", "/api/v1/applications", member).status, 200);
  EXPECT_EQ(parseJson(api(server, "GET", "/api/v1/me", member))["role"], "redaktion");

  p = expectProblem(api(server, "PUT", target, admin, json{{"role", "kaiser"}}.dump()), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"role"});
  expectProblem(api(server, "PUT", target, admin, json::object().dump()), 422);
  expectProblem(api(server, "PUT", "/api/v1/admin/users/99999/role", admin, json{{"role", "admin"}}.dump()), 404);
  expectProblem(api(server, "PUT", target, admin, "role=admin", "application/x-www-form-urlencoded"), 415);
  expectProblem(api(server, "PUT", target, admin, "{role: admin}"), 400);
  // The last admin cannot be demoted.
  auto adminId = userId(server, "admin@example.org");
  p = expectProblem(api(server, "PUT", "/api/v1/admin/users/" + std::to_string(adminId) + "/role", admin,
                        json{{"role", "mitglied"}}.dump()),
                    409);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE platform_role = 'admin'"), 1);
}

// ---------------------------------------------------------------------------------------------
// Organisations

TEST_P(ApiAccounts, OrganisationsAndApplications) {
  TestServer server(GetParam());
  auto founder = bearerFor(server, "gruender@example.org");
  auto outsider = bearerFor(server, "x@example.org");
  auto redaktion = bearerFor(server, "redaktion@example.org", "redaktion");
  const json valid = {{"type", "govtech"}, {"name", "Offene Daten AG"}, {"website", "https://offene-daten.example"},
                      {"description", "Open Data für Kommunen"}, {"contact", "info@offene-daten.example"}};

  expectProblem(post(server, "/api/v1/organisations", valid), 401);
  auto p = expectProblem(post(server, "/api/v1/organisations", {{"type", "govtech"}, {"name", "X GmbH"}}, founder), 422);
  auto fields = errorFields(p);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"contact", "website"}));
  p = expectProblem(post(server, "/api/v1/organisations", {{"type", "kommune"}, {"name", "Stadt"}}, founder), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"type"});
  expectProblem(api(server, "POST", "/api/v1/organisations", founder, "type=govtech", "application/x-www-form-urlencoded"), 415);
  expectProblem(api(server, "POST", "/api/v1/organisations", founder, "{"), 400);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM organisations"), 0);

  auto r = post(server, "/api/v1/organisations", valid, founder);
  ASSERT_EQ(r.status, 201) << r.body;
  auto org = parseJson(r);
  int64_t id = org["id"];
  EXPECT_EQ(r.header("location"), "/api/v1/organisations/" + std::to_string(id));
  EXPECT_EQ(org["status"], "pending");
  EXPECT_EQ(org["type"], "govtech");
  EXPECT_EQ(org["website"], "https://offene-daten.example");
  EXPECT_EQ(org["contact"], "info@offene-daten.example");
  EXPECT_EQ(lastSubjectTo(server, "redaktion@example.org"), "Neue Organisation: Offene Daten AG");
  const auto orgUrl = "/api/v1/organisations/" + std::to_string(id);

  // Pending: only the founder and the Redaktion see it.
  EXPECT_EQ(api(server, "GET", orgUrl, founder).status, 200);
  EXPECT_EQ(api(server, "GET", orgUrl, redaktion).status, 200);
  expectProblem(api(server, "GET", orgUrl, outsider), 404);
  expectProblem(api(server, "GET", orgUrl), 404);
  expectProblem(api(server, "POST", orgUrl + "/memberships", outsider, "{}"), 404);
  EXPECT_TRUE(parseJson(api(server, "GET", "/api/v1/organisations?type=govtech"))["items"].empty());
  expectProblem(api(server, "GET", "/api/v1/organisations?type=firma"), 422);

  expectProblem(api(server, "GET", "/api/v1/applications"), 401);
  expectProblem(api(server, "GET", "/api/v1/applications", founder), 403);
  r = api(server, "GET", "/api/v1/applications", redaktion);
  ASSERT_EQ(r.status, 200);
  auto apps = parseJson(r)["items"];
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0]["id"], id);
  ASSERT_EQ(apps[0]["members"].size(), 1u);
  EXPECT_EQ(apps[0]["members"][0]["email"], "gruender@example.org");
  EXPECT_EQ(apps[0]["members"][0]["role"], "org_admin");
  EXPECT_EQ(apps[0]["members"][0]["status"], "pending");

  const auto appUrl = "/api/v1/applications/" + std::to_string(id);
  expectProblem(api(server, "PUT", appUrl, founder, json{{"decision", "approve"}}.dump()), 403);
  p = expectProblem(api(server, "PUT", appUrl, redaktion, json{{"decision", "yes"}}.dump()), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"decision"});
  expectProblem(api(server, "PUT", appUrl, redaktion, "decision=approve", "application/x-www-form-urlencoded"), 415);
  expectProblem(api(server, "PUT", appUrl, redaktion, "[]"), 400);
  EXPECT_EQ(api(server, "PUT", appUrl, redaktion, json{{"decision", "approve"}}.dump()).status, 204);
  expectProblem(api(server, "PUT", appUrl, redaktion, json{{"decision", "approve"}}.dump()), 404);
  EXPECT_EQ(lastSubjectTo(server, "gruender@example.org"), "Sie sind Organisations-Admin: Offene Daten AG");

  auto listed = parseJson(api(server, "GET", "/api/v1/organisations?type=govtech"))["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["name"], "Offene Daten AG");
  EXPECT_EQ(listed[0]["status"], "active");
  auto view = parseJson(api(server, "GET", orgUrl));
  EXPECT_EQ(view["status"], "active");
  EXPECT_TRUE(view["members"].empty());  // guests do not see members
  auto own = parseJson(api(server, "GET", orgUrl, founder));
  ASSERT_EQ(own["members"].size(), 1u);
  EXPECT_EQ(own["members"][0]["status"], "active");

  // Rejection path.
  r = post(server, "/api/v1/organisations",
           {{"type", "sonstige"}, {"name", "Verband Y"}, {"sonstige_art", "verband"}}, outsider);
  ASSERT_EQ(r.status, 201);
  int64_t second = parseJson(r)["id"];
  EXPECT_EQ(parseJson(r)["sonstige_art"], "verband");
  EXPECT_EQ(api(server, "PUT", "/api/v1/applications/" + std::to_string(second), redaktion,
                json{{"decision", "reject"}}.dump())
                .status,
            204);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM organisations WHERE id = $1", {second}), 0);
  EXPECT_TRUE(contains(server.lastMailTo("x@example.org"), "abgelehnt"));
}

TEST_P(ApiAccounts, KommuneJoinAndMembershipDecisions) {
  TestServer server(GetParam());
  auto a = bearerFor(server, "a@flensburg.de");
  auto b = bearerFor(server, "b@flensburg.de");
  auto c = bearerFor(server, "c@flensburg.de");
  auto redaktion = bearerFor(server, "redaktion@example.org", "redaktion");

  expectProblem(api(server, "POST", "/api/v1/kommunen/01001000/join", "", ""), 401);
  expectProblem(api(server, "POST", "/api/v1/kommunen/00000000/join", a, ""), 404);
  auto r = api(server, "POST", "/api/v1/kommunen/01001000/join", a, "");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(parseJson(r)["status"], "first_admin_requested");
  expectProblem(api(server, "POST", "/api/v1/kommunen/01001000/join", a, ""), 409);
  // Outsiders only learn that an application is pending; the applicant sees the organisation.
  auto outside = parseJson(api(server, "GET", "/api/v1/kommunen/01001000"));
  EXPECT_TRUE(outside["organisation"].is_null());
  EXPECT_EQ(outside["application_pending"], true);
  auto kommune = parseJson(api(server, "GET", "/api/v1/kommunen/01001000", a, ""));
  ASSERT_TRUE(kommune["organisation"].is_object());
  EXPECT_EQ(kommune["organisation"]["status"], "pending");
  int64_t id = kommune["organisation"]["id"];
  const auto orgUrl = "/api/v1/organisations/" + std::to_string(id);
  EXPECT_EQ(api(server, "PUT", "/api/v1/applications/" + std::to_string(id), redaktion,
                json{{"decision", "approve"}}.dump())
                .status,
            204);

  r = api(server, "POST", "/api/v1/kommunen/01001000/join", b, "");
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(parseJson(r)["status"], "membership_requested");
  r = api(server, "POST", orgUrl + "/memberships", c, "{}");
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(parseJson(r)["status"], "membership_requested");
  EXPECT_EQ(lastSubjectTo(server, "a@flensburg.de"), "Beitrittsantrag für Flensburg, Stadt");

  auto bId = userId(server, "b@flensburg.de");
  auto cId = userId(server, "c@flensburg.de");
  const auto bUrl = orgUrl + "/memberships/" + std::to_string(bId);
  const auto cUrl = orgUrl + "/memberships/" + std::to_string(cId);
  expectProblem(api(server, "PUT", cUrl, b, json{{"decision", "approve"}}.dump()), 403);
  auto p = expectProblem(api(server, "PUT", bUrl, a, json{{"decision", "ja"}}.dump()), 422);
  EXPECT_EQ(errorFields(p), std::vector<std::string>{"decision"});
  expectProblem(api(server, "PUT", bUrl, a, "decision=approve", "application/x-www-form-urlencoded"), 415);
  expectProblem(api(server, "PUT", bUrl, a, "nope"), 400);
  EXPECT_EQ(api(server, "PUT", bUrl, a, json{{"decision", "approve"}}.dump()).status, 204);
  expectProblem(api(server, "PUT", bUrl, a, json{{"decision", "approve"}}.dump()), 404);
  EXPECT_EQ(lastSubjectTo(server, "b@flensburg.de"), "Willkommen bei Flensburg, Stadt");
  // An active ordinary member cannot decide.
  expectProblem(api(server, "PUT", cUrl, b, json{{"decision", "approve"}}.dump()), 403);
  EXPECT_EQ(api(server, "PUT", cUrl, a, json{{"decision", "reject"}}.dump()).status, 204);
  EXPECT_EQ(lastSubjectTo(server, "c@flensburg.de"), "Ihr Antrag bei Flensburg, Stadt");

  auto members = parseJson(api(server, "GET", orgUrl, a))["members"];
  ASSERT_EQ(members.size(), 2u);
  for (const auto& m : members) {
    EXPECT_EQ(m["status"], "active");
    EXPECT_TRUE(m.contains("email"));  // the admin sees addresses
  }
  for (const auto& m : parseJson(api(server, "GET", orgUrl, b))["members"]) EXPECT_FALSE(m.contains("email"));

  // Leaving.
  expectProblem(api(server, "DELETE", orgUrl + "/memberships/me", a, ""), 409);
  EXPECT_EQ(api(server, "DELETE", orgUrl + "/memberships/me", b, "").status, 204);
  expectProblem(api(server, "DELETE", orgUrl + "/memberships/me", b, ""), 404);
  EXPECT_EQ(api(server, "DELETE", orgUrl + "/memberships/me", a, "").status, 204);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM memberships"), 0);
}

OPGV_BOTH_BACKENDS(ApiAccounts);

}  // namespace
}  // namespace opgv::test
