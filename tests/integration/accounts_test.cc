// Accounts over the real server: registration, confirmation, login (rate limit, cookies, proxy),
// logout, open redirects, CSRF on every state-changing form, password reset, profile, API tokens.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "common/crypto.h"
#include "integration/account_flows.h"

namespace opgv::test {
namespace {

class Accounts : public BackendTest {};

std::vector<std::pair<std::string, std::string>> registration(const std::string& email, const std::string& name,
                                                               const std::string& password, const std::string& repeat,
                                                               bool privacy) {
  std::vector<std::pair<std::string, std::string>> f = {
      {"email", email}, {"display_name", name}, {"password", password}, {"password_repeat", repeat}};
  if (privacy) f.emplace_back("accept_privacy", "ja");
  return f;
}

std::string confirmToken(TestServer& server, const std::string& email) {
  return valueAfter(server.lastMailTo(email), "/registrieren/bestaetigen?token=");
}

// Sends a raw request from another loopback source address (not a trusted proxy).
std::string sendFrom(const char* sourceIp, uint16_t port, const std::string& raw) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in src{};
  src.sin_family = AF_INET;
  inet_pton(AF_INET, sourceIp, &src.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) {
    close(fd);
    return {};
  }
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(port);
  dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
    close(fd);
    return {};
  }
  ::send(fd, raw.data(), raw.size(), MSG_NOSIGNAL);
  shutdown(fd, SHUT_WR);
  std::string out;
  char buf[65536];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Registration

TEST_P(Accounts, RegistrationErrorsRedirectToSummaryAndKeepInputButNeverThePassword) {
  TestServer server(GetParam());
  auto b = server.browser();
  ASSERT_EQ(b.get("/registrieren").status, 200);
  const std::string secret = "Zq9-geheimes-Passwort";
  auto r = b.postForm("/registrieren", registration("keine-adresse", "Alex Beispiel", secret, secret + "x", false));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/registrieren#fehler");
  EXPECT_TRUE(r.body.find(secret) == std::string::npos);
  // Nothing about the password is kept server-side for the redirect.
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM form_states WHERE payload LIKE $1", {"%" + secret + "%"}), 0);

  auto page = b.get("/registrieren");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "opgv-error-summary"));
  EXPECT_TRUE(contains(page.body, "href=\"#email\""));
  EXPECT_TRUE(contains(page.body, "href=\"#password_repeat\""));
  EXPECT_TRUE(contains(page.body, "href=\"#accept_privacy\""));
  EXPECT_FALSE(contains(page.body, "href=\"#password\""));  // the password itself was long enough
  EXPECT_TRUE(contains(page.body, "value=\"keine-adresse\""));
  EXPECT_TRUE(contains(page.body, "value=\"Alex Beispiel\""));
  EXPECT_TRUE(contains(page.body, "aria-invalid=\"true\""));
  EXPECT_FALSE(contains(page.body, "Zq9")) << "Passwort darf nie wieder angezeigt werden";
  EXPECT_FALSE(contains(page.body, "value=\"ja\" checked"));  // privacy box stays unticked
  // The kept state is shown once.
  auto again = b.get("/registrieren");
  EXPECT_FALSE(contains(again.body, "opgv-error-summary"));
  EXPECT_FALSE(contains(again.body, "value=\"Alex Beispiel\""));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM mails"), 0);
}

TEST_P(Accounts, EachRegistrationRuleHasItsOwnFieldError) {
  TestServer server(GetParam());
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> form;
    const char* field;
    const char* message;
  };
  std::vector<Case> cases = {
      {"Datenschutz fehlt", registration("a@example.org", "A", kPassword, kPassword, false), "accept_privacy",
       "Datenschutzerklärung"},
      {"Passwort zu kurz", registration("a@example.org", "A", "kurz12345", "kurz12345", true), "password",
       "mindestens 10 Zeichen"},
      {"Wiederholung falsch", registration("a@example.org", "A", kPassword, kPassword + "!", true), "password_repeat",
       "stimmen nicht überein"},
      {"E-Mail ungültig", registration("a@@example", "A", kPassword, kPassword, true), "email",
       "gültige E-Mail-Adresse"},
      {"E-Mail ohne Domain-Punkt", registration("a@localhost", "A", kPassword, kPassword, true), "email",
       "gültige E-Mail-Adresse"},
      {"Name fehlt", registration("a@example.org", "   ", kPassword, kPassword, true), "display_name",
       "Namen an"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto b = server.browser();
    b.get("/registrieren");
    auto r = b.postForm("/registrieren", c.form);
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), "/registrieren#fehler");
    auto page = b.get("/registrieren");
    EXPECT_TRUE(contains(page.body, "opgv-error-summary"));
    EXPECT_TRUE(contains(page.body, std::string("href=\"#") + c.field + "\""));
    EXPECT_TRUE(contains(page.body, std::string("id=\"") + c.field + "-error\""));
    EXPECT_TRUE(contains(page.body, c.message)) << page.body.substr(0, 200);
    // Exactly one error in the summary.
    auto summary = page.body.substr(page.body.find("opgv-error-summary"));
    summary = summary.substr(0, summary.find("</div>"));
    size_t links = 0;
    for (size_t p = summary.find("<li>"); p != std::string::npos; p = summary.find("<li>", p + 1)) ++links;
    EXPECT_EQ(links, 1u) << summary;
  }
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 0);
}

TEST_P(Accounts, RegistrationOfExistingAddressLooksExactlyLikeANewOne) {
  TestServer server(GetParam());
  server.createUser("vorhanden@example.org");
  auto fresh = server.browser();
  fresh.get("/registrieren");
  auto rNew = fresh.postForm("/registrieren", registration("neu@example.org", "Neu", kPassword, kPassword, true));
  auto dup = server.browser();
  dup.get("/registrieren");
  auto rDup = dup.postForm("/registrieren",
                           registration("  Vorhanden@Example.org ", "Jemand", "anderes-passwort-1", "anderes-passwort-1", true));
  EXPECT_EQ(rNew.status, 303);
  EXPECT_EQ(rDup.status, rNew.status);
  EXPECT_EQ(rDup.header("location"), rNew.header("location"));
  EXPECT_EQ(rNew.header("location"), "/anmelden");
  EXPECT_EQ(setCookieHeader(rDup, "opgv_flash"), setCookieHeader(rNew, "opgv_flash"));
  EXPECT_EQ(setCookieValue(rNew, "opgv_flash"), "registriert");
  EXPECT_EQ(rDup.body, rNew.body);
  std::vector<std::string> namesNew, namesDup;
  for (const auto& c : rNew.headerValues("set-cookie")) namesNew.push_back(c.substr(0, c.find('=')));
  for (const auto& c : rDup.headerValues("set-cookie")) namesDup.push_back(c.substr(0, c.find('=')));
  EXPECT_EQ(namesDup, namesNew);
  // The follow-up pages show the same message.
  auto pNew = follow(fresh, rNew);
  auto pDup = follow(dup, rDup);
  EXPECT_TRUE(contains(pNew.body, "Fast geschafft"));
  EXPECT_TRUE(contains(pDup.body, "Fast geschafft"));

  // The owner is told by mail; the account is unchanged and no second account exists.
  EXPECT_TRUE(contains(server.lastMailTo("vorhanden@example.org"), "bereits ein Konto"));
  EXPECT_TRUE(contains(server.lastMailTo("vorhanden@example.org"), "/passwort-vergessen"));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE email = 'vorhanden@example.org'"), 1);
  auto b = server.browser();
  EXPECT_EQ(login(b, "vorhanden@example.org", kPassword).header("location"), "/profil");
  // A new address gets a confirmation link instead.
  EXPECT_FALSE(confirmToken(server, "neu@example.org").empty());
}

TEST_P(Accounts, RegistrationOfExistingAddressTakesAsLongAsANewOne) {
  // Without equalising, an existing address answers without the Argon2id hash (~10× faster), so
  // timing would reveal registered addresses. Minimum of three runs each, generous margin.
  TestServer server(GetParam());
  server.createUser("vorhanden@example.org");
  auto timed = [&](const std::string& email) {
    auto b = server.browser();
    b.get("/registrieren");
    auto start = std::chrono::steady_clock::now();
    auto r = b.postForm("/registrieren", registration(email, "X", kPassword, kPassword, true));
    EXPECT_EQ(r.header("location"), "/anmelden");
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  double fresh = 1e9, existing = 1e9;
  for (int i = 0; i < 3; ++i) {
    fresh = std::min(fresh, timed("neu" + std::to_string(i) + "@example.org"));
    existing = std::min(existing, timed("vorhanden@example.org"));
  }
  EXPECT_GT(existing, 0.4 * fresh) << "neu: " << fresh << " s, vorhanden: " << existing << " s";
}

TEST_P(Accounts, RegisteringAPendingAddressAgainSendsANewConfirmation) {
  TestServer server(GetParam());
  auto b = server.browser();
  b.get("/registrieren");
  b.postForm("/registrieren", registration("p@example.org", "P", kPassword, kPassword, true));
  auto first = confirmToken(server, "p@example.org");
  b.get("/registrieren");
  auto r = b.postForm("/registrieren", registration("p@example.org", "P", kPassword, kPassword, true));
  EXPECT_EQ(r.header("location"), "/anmelden");
  auto second = confirmToken(server, "p@example.org");
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(mailCount(server, "p@example.org", "bestätigen"), 2);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 1);
}

TEST_P(Accounts, ConfirmationLinkWorksOnceAndUnconfirmedAccountsCannotLogIn) {
  TestServer server(GetParam());
  auto b = server.browser();
  b.get("/registrieren");
  ASSERT_EQ(b.postForm("/registrieren", registration("neu@example.org", "Neu", kPassword, kPassword, true)).status, 303);
  auto token = confirmToken(server, "neu@example.org");
  ASSERT_GE(token.size(), 32u) << server.lastMailTo("neu@example.org");
  // The token is stored hashed.
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM email_tokens WHERE token_hash = $1", {token}), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM email_tokens WHERE token_hash = $1", {crypto::hashToken(token)}), 1);

  // Not confirmed yet: login is refused with the generic message.
  auto r = login(b, "neu@example.org", kPassword);
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(contains(r.header("location"), "/anmelden"));
  EXPECT_TRUE(setCookieValue(r, "opgv_session").empty());
  EXPECT_TRUE(contains(follow(b, r).body, "noch nicht bestätigt"));

  r = b.get("/registrieren/bestaetigen?token=" + token);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/anmelden");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "bestaetigt");
  EXPECT_TRUE(contains(follow(b, r).body, "Ihre E-Mail-Adresse ist bestätigt"));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE status = 'active' AND confirmed_at IS NOT NULL"), 1);

  // Second use, garbage and empty tokens fail gracefully.
  for (const std::string& bad : {token, std::string("garbage"), std::string(""), std::string(500, 'A'),
                                 std::string("%00%ff%C3%28")}) {
    SCOPED_TRACE(bad.substr(0, 20));
    auto g = server.browser();
    auto res = g.get("/registrieren/bestaetigen?token=" + bad);
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(res.header("location"), "/registrieren");
    EXPECT_EQ(setCookieValue(res, "opgv_flash"), "link_ungueltig");
    auto page = follow(g, res);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "ungültig oder abgelaufen"));
  }
  auto ok = login(b, "neu@example.org", kPassword);
  EXPECT_EQ(ok.header("location"), "/profil");
  EXPECT_FALSE(setCookieValue(ok, "opgv_session").empty());
}

TEST_P(Accounts, ExpiredConfirmationLinkFails) {
  TestServer server(GetParam());
  auto b = server.browser();
  b.get("/registrieren");
  b.postForm("/registrieren", registration("alt@example.org", "Alt", kPassword, kPassword, true));
  auto token = confirmToken(server, "alt@example.org");
  server.ctx().db->query("UPDATE email_tokens SET expires_at = 1");
  auto r = b.get("/registrieren/bestaetigen?token=" + token);
  EXPECT_EQ(r.header("location"), "/registrieren");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "link_ungueltig");
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE status = 'pending'"), 1);
}

// ---------------------------------------------------------------------------------------------
// Login

TEST_P(Accounts, WrongPasswordAndUnknownAddressAnswerIdentically) {
  TestServer server(GetParam());
  server.createUser("da@example.org");
  auto a = server.browser();
  auto b = server.browser();
  auto rWrong = login(a, "da@example.org", "falsches-passwort-123");
  auto rUnknown = login(b, "niemand@example.org", "falsches-passwort-123");
  EXPECT_EQ(rWrong.status, 303);
  EXPECT_EQ(rUnknown.status, rWrong.status);
  EXPECT_EQ(rUnknown.header("location"), rWrong.header("location"));
  EXPECT_EQ(rWrong.header("location"), "/anmelden?weiter=%2Fprofil#fehler");
  EXPECT_TRUE(setCookieValue(rWrong, "opgv_session").empty());
  EXPECT_TRUE(setCookieValue(rUnknown, "opgv_session").empty());
  auto pWrong = follow(a, rWrong);
  auto pUnknown = follow(b, rUnknown);
  const std::string message = "E-Mail-Adresse oder Passwort sind nicht korrekt";
  EXPECT_TRUE(contains(pWrong.body, message));
  EXPECT_TRUE(contains(pUnknown.body, message));
  EXPECT_TRUE(contains(pWrong.body, "opgv-error-summary"));
  // Identical apart from the echoed address and the per-browser CSRF token.
  auto normalise = [](std::string body, const std::string& email, const std::string& csrf) {
    for (auto* s : {&email, &csrf}) {
      for (size_t p; (p = body.find(*s)) != std::string::npos;) body.replace(p, s->size(), "X");
    }
    return body;
  };
  EXPECT_EQ(normalise(pWrong.body, "da@example.org", a.csrfToken()),
            normalise(pUnknown.body, "niemand@example.org", b.csrfToken()));
  EXPECT_TRUE(contains(pWrong.body, "value=\"da@example.org\""));
  EXPECT_FALSE(contains(pWrong.body, "falsches-passwort"));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions"), 0);
}

TEST_P(Accounts, TenFailuresBlockTheAccountEvenWithTheRightPassword) {
  TestServer server(GetParam());
  server.createUser("ziel@example.org");
  server.createUser("andere@example.org");
  auto b = server.browser();
  // Different client addresses (via the trusted proxy) so that only the account limit applies.
  for (int i = 0; i < 10; ++i) {
    auto r = login(b, "Ziel@Example.org", "falsch-falsch-" + std::to_string(i), "/profil",
                   {{"X-Forwarded-For", "203.0.113." + std::to_string(i + 1)}});
    ASSERT_EQ(r.status, 303);
    EXPECT_TRUE(setCookieValue(r, "opgv_session").empty());
    follow(b, r);
  }
  auto r = login(b, "ziel@example.org", kPassword, "/profil", {{"X-Forwarded-For", "198.51.100.7"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(contains(r.header("location"), "/anmelden"));
  EXPECT_TRUE(setCookieValue(r, "opgv_session").empty());
  auto page = follow(b, r);
  EXPECT_TRUE(contains(page.body, "Zu viele fehlgeschlagene Anmeldeversuche")) << page.body;
  EXPECT_TRUE(contains(page.body, "Minuten"));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions"), 0);
  // Other accounts are not affected.
  auto other = server.browser();
  auto ok = login(other, "andere@example.org", kPassword, "/profil", {{"X-Forwarded-For", "198.51.100.8"}});
  EXPECT_EQ(ok.header("location"), "/profil");
  EXPECT_FALSE(setCookieValue(ok, "opgv_session").empty());
}

TEST_P(Accounts, TenFailuresFromOneAddressBlockThatAddress) {
  TestServer server(GetParam());
  server.createUser("echt@example.org");
  auto b = server.browser();
  for (int i = 0; i < 10; ++i) {
    auto r = login(b, "unbekannt" + std::to_string(i) + "@example.org", "falsch-falsch-x", "/profil",
                   {{"X-Forwarded-For", "192.0.2.66"}});
    ASSERT_EQ(r.status, 303);
    follow(b, r);
  }
  auto r = login(b, "echt@example.org", kPassword, "/profil", {{"X-Forwarded-For", "192.0.2.66"}});
  EXPECT_TRUE(setCookieValue(r, "opgv_session").empty());
  EXPECT_TRUE(contains(follow(b, r).body, "Zu viele fehlgeschlagene Anmeldeversuche"));
  auto c = server.browser();
  auto ok = login(c, "echt@example.org", kPassword, "/profil", {{"X-Forwarded-For", "192.0.2.67"}});
  EXPECT_FALSE(setCookieValue(ok, "opgv_session").empty());
}

TEST_P(Accounts, SessionCookieIsHttpOnlyLaxAndSecureOnlyBehindHttpsProxy) {
  TestServer server(GetParam());
  server.createUser("c@example.org");
  {
    auto b = server.browser();
    auto r = login(b, "c@example.org", kPassword);
    auto sc = setCookieHeader(r, "opgv_session");
    ASSERT_FALSE(sc.empty());
    EXPECT_TRUE(contains(sc, "; HttpOnly"));
    EXPECT_TRUE(contains(sc, "; SameSite=Lax"));
    EXPECT_TRUE(contains(sc, "; Path=/"));
    EXPECT_FALSE(contains(sc, "Secure"));
    EXPECT_FALSE(contains(sc, "Max-Age"));  // a browser-session cookie
    EXPECT_TRUE(r.header("strict-transport-security").empty());
  }
  {
    auto b = server.browser();
    auto r = login(b, "c@example.org", kPassword, "/profil", {{"X-Forwarded-Proto", "https"}});
    auto sc = setCookieHeader(r, "opgv_session");
    ASSERT_FALSE(sc.empty());
    EXPECT_TRUE(contains(sc, "; Secure"));
    EXPECT_TRUE(contains(sc, "; HttpOnly"));
    EXPECT_TRUE(contains(sc, "; SameSite=Lax"));
    EXPECT_TRUE(contains(setCookieHeader(r, "opgv_flash"), "; Secure"));
    EXPECT_FALSE(r.header("strict-transport-security").empty());
  }
  {
    auto b = server.browser();
    auto r = login(b, "c@example.org", kPassword, "/profil", {{"X-Forwarded-Proto", "http"}});
    EXPECT_FALSE(contains(setCookieHeader(r, "opgv_session"), "Secure"));
  }
  {
    // The header from a peer that is not a trusted proxy is ignored.
    auto b = server.browser();
    b.get("/anmelden");
    auto body = formEncode({{"email", "c@example.org"}, {"password", kPassword}, {"csrf_token", b.csrfToken()}});
    std::string raw = "POST /anmelden HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Forwarded-Proto: https\r\n"
                      "Cookie: opgv_csrf=" + b.cookie("opgv_csrf") +
                      "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body;
    auto answer = sendFrom("127.0.0.2", server.port(), raw);
    ASSERT_FALSE(answer.empty()) << "keine Verbindung von 127.0.0.2 (Loopback-Netz 127/8 erwartet)";
    auto at = answer.find("opgv_session=");
    ASSERT_NE(at, std::string::npos) << answer.substr(0, 600);
    auto line = answer.substr(at, answer.find("\r\n", at) - at);
    EXPECT_TRUE(contains(line, "HttpOnly")) << line;
    EXPECT_FALSE(contains(line, "Secure")) << line;
    EXPECT_FALSE(contains(answer, "Strict-Transport-Security"));
  }
}

TEST_P(Accounts, SessionTokenIsStoredOnlyAsHash) {
  TestServer server(GetParam());
  auto b = server.loggedIn("h@example.org");
  auto raw = b.cookie("opgv_session");
  ASSERT_GE(raw.size(), 32u);
  auto rs = server.ctx().db->query("SELECT token_hash FROM sessions");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_NE(rs.first().str(0), raw);
  EXPECT_EQ(rs.first().str(0), crypto::hashToken(raw));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions WHERE token_hash = $1", {raw}), 0);
}

TEST_P(Accounts, LoginReplacesAnExistingSessionOfTheBrowser) {
  TestServer server(GetParam());
  auto b = server.loggedIn("f@example.org");
  auto before = b.cookie("opgv_session");
  auto r = login(b, "f@example.org", kPassword);
  ASSERT_EQ(r.status, 303);
  EXPECT_NE(b.cookie("opgv_session"), before);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions"), 1);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions WHERE token_hash = $1", {crypto::hashToken(before)}), 0);
}

TEST_P(Accounts, LogoutEndsTheSessionOnTheServer) {
  TestServer server(GetParam());
  auto b = server.loggedIn("out@example.org");
  auto old = b.cookie("opgv_session");
  ASSERT_EQ(b.get("/profil").status, 200);
  auto r = b.postForm("/abmelden", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/");
  EXPECT_TRUE(contains(setCookieHeader(r, "opgv_session"), "Max-Age=0"));
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "abgemeldet");
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions"), 0);
  // Someone who kept the old cookie value is a guest now.
  auto replay = server.browser();
  replay.setCookie("opgv_session", old);
  auto p = replay.get("/profil");
  EXPECT_EQ(p.status, 303);
  EXPECT_EQ(p.header("location"), "/anmelden?weiter=%2Fprofil");
  EXPECT_TRUE(contains(setCookieHeader(p, "opgv_session"), "Max-Age=0"));  // stale cookie is cleared
  auto me = request(server.port(), "GET", "/api/v1/me", {{"Cookie", "opgv_session=" + old}});
  EXPECT_EQ(me.status, 401);
  auto home = replay.get("/");
  EXPECT_TRUE(contains(home.body, "href=\"/anmelden\""));
  EXPECT_FALSE(contains(home.body, "Angemeldet als"));
}

TEST_P(Accounts, ReturnToAcceptsOnlyLocalPaths) {
  TestServer server(GetParam());
  server.createUser("r@example.org");
  struct Case {
    std::string returnTo;
    std::string expected;
  };
  std::vector<Case> cases = {{"//evil.example", "/profil"},
                             {"https://evil.example", "/profil"},
                             {"/\\evil.example", "/profil"},
                             {"javascript:alert(1)", "/profil"},
                             {"evil.example", "/profil"},
                             {"", "/profil"},
                             {"/kommunen?q=m", "/kommunen?q=m"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.returnTo);
    auto b = server.browser();
    auto r = login(b, "r@example.org", kPassword, c.returnTo);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), c.expected);
  }
  // The login form does not carry a foreign target either, and a failed login keeps it local.
  auto b = server.browser();
  auto page = b.get("/anmelden?weiter=%2F%2Fevil.example");
  EXPECT_TRUE(contains(page.body, "name=\"return_to\" value=\"/profil\""));
  auto fail = login(b, "r@example.org", "falsches-passwort", "https://evil.example");
  EXPECT_EQ(fail.header("location"), "/anmelden?weiter=%2Fprofil#fehler");
  // The theme switch uses the same rule.
  auto t = b.postForm("/einstellungen/darstellung", {{"theme", "dark"}, {"return_to", "//evil.example"}});
  EXPECT_EQ(t.status, 303);
  EXPECT_EQ(t.header("location"), "/");
}

// ---------------------------------------------------------------------------------------------
// CSRF

TEST_P(Accounts, StateChangingFormsRequireAValidCsrfToken) {
  TestServer server(GetParam());
  auto user = server.loggedIn("csrf@example.org");
  auto other = server.loggedIn("other@example.org");
  const std::string foreignToken = other.csrfToken();  // valid, but bound to another session
  ASSERT_FALSE(foreignToken.empty());
  ASSERT_NE(foreignToken, user.csrfToken());
  auto guest = server.browser();
  guest.get("/registrieren");
  const std::string guestToken = guest.csrfToken();

  struct Case {
    const char* what;
    Browser* b;
    std::string target;
    std::vector<std::pair<std::string, std::string>> fields;
    std::string wrongToken;
  };
  std::vector<Case> cases = {
      {"Registrierung", &guest, "/registrieren", registration("x@example.org", "X", kPassword, kPassword, true),
       foreignToken},
      {"Anmeldung", &guest, "/anmelden", {{"email", "csrf@example.org"}, {"password", kPassword}}, foreignToken},
      {"Abmeldung", &user, "/abmelden", {}, guestToken},
      {"Profil", &user, "/profil", {{"display_name", "Geändert"}}, foreignToken},
      {"Token", &user, "/profil/tokens", {{"token_name", "Skript"}}, foreignToken},
      {"Darstellung", &user, "/einstellungen/darstellung", {{"theme", "dark"}, {"return_to", "/"}}, foreignToken},
      {"Feedback", &guest, "/barrierefreiheit",
       {{"name", "N"}, {"email", "n@example.org"}, {"message", "Der Kontrast ist zu gering."}}, foreignToken},
      {"Kommune beitreten", &user, "/kommunen/01001000/beitreten", {}, foreignToken},
      {"Passwort vergessen", &guest, "/passwort-vergessen", {{"email", "csrf@example.org"}}, foreignToken},
      {"Konto löschen", &user, "/profil/loeschen", {{"password", kPassword}}, foreignToken},
  };
  for (auto& c : cases) {
    for (int variant = 0; variant < 3; ++variant) {
      SCOPED_TRACE(std::string(c.what) + (variant == 0 ? " ohne Token" : variant == 1 ? " falscher Token" : " leer"));
      auto fields = c.fields;
      if (variant == 1) fields.emplace_back("csrf_token", c.wrongToken);
      if (variant == 2) fields.emplace_back("csrf_token", "");
      auto body = formEncode(fields);
      if (variant == 0) {
        // Browser::postForm would add the token; send the form without it.
        auto r = c.b->send("POST", c.target, body, "application/x-www-form-urlencoded");
        EXPECT_EQ(r.status, 403);
        EXPECT_TRUE(contains(r.body, "Das Formular ist abgelaufen")) << r.body.substr(0, 300);
        EXPECT_TRUE(setCookieValue(r, "opgv_session").empty());
        EXPECT_TRUE(setCookieHeader(r, "opgv_theme").empty());
        EXPECT_TRUE(setCookieHeader(r, "opgv_flash").empty() || contains(setCookieHeader(r, "opgv_flash"), "Max-Age=0"));
      } else {
        auto r = c.b->postForm(c.target, fields);
        EXPECT_EQ(r.status, 403);
        EXPECT_TRUE(setCookieValue(r, "opgv_session").empty());
        EXPECT_TRUE(setCookieHeader(r, "opgv_theme").empty());
      }
    }
  }
  // Nothing changed.
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 2);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE display_name = 'Geändert'"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions"), 2);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM accessibility_feedback"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM organisations"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM memberships"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM mails"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM email_tokens"), 0);
  EXPECT_EQ(user.get("/profil").status, 200);
  EXPECT_TRUE(user.cookie("opgv_theme").empty());

  // Positive control: the same forms with the right token work.
  user.get("/profil");
  EXPECT_EQ(user.postForm("/profil", {{"display_name", "Geändert"}}).status, 303);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE display_name = 'Geändert'"), 1);
}

TEST_P(Accounts, CookieAuthenticatedApiWritesMustBeJson) {
  TestServer server(GetParam());
  auto b = server.loggedIn("api@example.org");
  struct Case {
    std::string method, target, body, contentType;
  };
  std::vector<Case> cases = {
      {"POST", "/api/v1/me/tokens", "name=Skript", "application/x-www-form-urlencoded"},
      {"POST", "/api/v1/me/tokens", "{\"name\":\"Skript\"}", "text/plain"},
      {"POST", "/api/v1/me/tokens", "", ""},
      {"PATCH", "/api/v1/me", "{\"display_name\":\"Neu\"}", "text/plain"},
      {"DELETE", "/api/v1/me", "", ""},
      {"POST", "/api/v1/kommunen/01001000/join", "", ""},
      {"POST", "/api/v1/kommunen/01001000/join", "x=1", "multipart/form-data; boundary=x"},
      {"POST", "/api/v1/organisations", "type=govtech&name=X", "application/x-www-form-urlencoded"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target + " " + c.contentType);
    auto r = b.send(c.method, c.target, c.body, c.contentType);
    expectProblem(r, 403);
  }
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE display_name = 'Neu'"), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM organisations"), 0);
  // With JSON the same cookie works (no CSRF token needed: cross-site JSON needs CORS).
  auto ok = b.send("POST", "/api/v1/me/tokens", "{\"name\":\"Skript\"}", "application/json; charset=utf-8");
  EXPECT_EQ(ok.status, 201) << ok.body;
  // Reads need no content type.
  EXPECT_EQ(b.get("/api/v1/me").status, 200);
}

// ---------------------------------------------------------------------------------------------
// Password reset

TEST_P(Accounts, ResetRequestForUnknownAddressLooksLikeAKnownOne) {
  TestServer server(GetParam());
  server.createUser("bekannt@example.org");
  auto a = server.browser();
  a.get("/passwort-vergessen");
  auto rKnown = a.postForm("/passwort-vergessen", {{"email", "bekannt@example.org"}});
  auto b = server.browser();
  b.get("/passwort-vergessen");
  auto rUnknown = b.postForm("/passwort-vergessen", {{"email", "unbekannt@example.org"}});
  EXPECT_EQ(rKnown.status, 303);
  EXPECT_EQ(rUnknown.status, rKnown.status);
  EXPECT_EQ(rKnown.header("location"), "/anmelden");
  EXPECT_EQ(rUnknown.header("location"), rKnown.header("location"));
  EXPECT_EQ(setCookieHeader(rUnknown, "opgv_flash"), setCookieHeader(rKnown, "opgv_flash"));
  EXPECT_EQ(rUnknown.body, rKnown.body);
  EXPECT_TRUE(contains(follow(a, rKnown).body, "Falls zu dieser Adresse ein Konto besteht"));
  EXPECT_TRUE(contains(follow(b, rUnknown).body, "Falls zu dieser Adresse ein Konto besteht"));
  EXPECT_EQ(mailCount(server, "bekannt@example.org", "Passwort"), 1);
  EXPECT_EQ(mailCount(server, "unbekannt@example.org"), 0);
  // A malformed address is a form error, not a silent success.
  auto bad = b.postForm("/passwort-vergessen", {{"email", "kein-at-zeichen"}});
  EXPECT_EQ(bad.header("location"), "/passwort-vergessen#fehler");
  auto page = b.get("/passwort-vergessen");
  EXPECT_TRUE(contains(page.body, "opgv-error-summary"));
  EXPECT_TRUE(contains(page.body, "href=\"#email\""));
  EXPECT_TRUE(contains(page.body, "value=\"kein-at-zeichen\""));
}

TEST_P(Accounts, PasswordResetSetsNewPasswordEndsSessionsAndWorksOnce) {
  TestServer server(GetParam());
  auto s1 = server.loggedIn("reset@example.org");
  auto s2 = server.browser();
  ASSERT_EQ(login(s2, "reset@example.org", kPassword).header("location"), "/profil");
  ASSERT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions"), 2);
  auto other = server.loggedIn("unbeteiligt@example.org");

  auto g = server.browser();
  g.get("/passwort-vergessen");
  g.postForm("/passwort-vergessen", {{"email", "Reset@Example.org"}});
  auto token = valueAfter(server.lastMailTo("reset@example.org"), "/passwort-zuruecksetzen?token=");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM email_tokens WHERE token_hash = $1", {token}), 0);

  auto form = g.get("/passwort-zuruecksetzen?token=" + token);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "name=\"token\" value=\"" + token + "\""));

  // A validation error keeps the link usable and never echoes the password.
  auto r = g.postForm("/passwort-zuruecksetzen", {{"token", token}, {"password", "zu-kurz"}, {"password_repeat", "zu-kurz"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/passwort-zuruecksetzen?token=" + token + "#fehler");
  auto errPage = follow(g, r);
  EXPECT_TRUE(contains(errPage.body, "opgv-error-summary"));
  EXPECT_TRUE(contains(errPage.body, "href=\"#password\""));
  EXPECT_FALSE(contains(errPage.body, "zu-kurz"));
  r = g.postForm("/passwort-zuruecksetzen",
                 {{"token", token}, {"password", "neues-passwort-123"}, {"password_repeat", "neues-passwort-124"}});
  EXPECT_EQ(r.header("location"), "/passwort-zuruecksetzen?token=" + token + "#fehler");
  EXPECT_TRUE(contains(follow(g, r).body, "href=\"#password_repeat\""));

  r = g.postForm("/passwort-zuruecksetzen",
                 {{"token", token}, {"password", "neues-passwort-123"}, {"password_repeat", "neues-passwort-123"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/anmelden");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "passwort_geaendert");

  // All sessions of that user ended, others untouched.
  EXPECT_EQ(s1.get("/profil").status, 303);
  EXPECT_EQ(s2.get("/profil").status, 303);
  EXPECT_EQ(other.get("/profil").status, 200);
  auto uid = userId(server, "reset@example.org");
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM sessions WHERE user_id = $1", {uid}), 0);

  auto b = server.browser();
  EXPECT_TRUE(setCookieValue(login(b, "reset@example.org", kPassword), "opgv_session").empty());
  EXPECT_FALSE(setCookieValue(login(b, "reset@example.org", "neues-passwort-123"), "opgv_session").empty());

  // The link works only once.
  auto again = server.browser();
  again.get("/passwort-zuruecksetzen?token=" + token);
  r = again.postForm("/passwort-zuruecksetzen",
                     {{"token", token}, {"password", "drittes-passwort-1"}, {"password_repeat", "drittes-passwort-1"}});
  EXPECT_EQ(r.header("location"), "/passwort-vergessen");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "link_ungueltig");
  EXPECT_TRUE(contains(follow(again, r).body, "ungültig oder abgelaufen"));
  auto c = server.browser();
  EXPECT_TRUE(setCookieValue(login(c, "reset@example.org", "drittes-passwort-1"), "opgv_session").empty());
  EXPECT_FALSE(setCookieValue(login(c, "reset@example.org", "neues-passwort-123"), "opgv_session").empty());
}

TEST_P(Accounts, ExpiredOrForeignResetLinksFail) {
  TestServer server(GetParam());
  server.createUser("exp@example.org");
  auto g = server.browser();
  g.get("/passwort-vergessen");
  g.postForm("/passwort-vergessen", {{"email", "exp@example.org"}});
  auto token = valueAfter(server.lastMailTo("exp@example.org"), "/passwort-zuruecksetzen?token=");
  ASSERT_FALSE(token.empty());
  server.ctx().db->query("UPDATE email_tokens SET expires_at = $1 WHERE purpose = 'reset'",
                         {server.ctx().clock->nowSeconds() - 1});
  g.get("/passwort-zuruecksetzen?token=" + token);
  auto r = g.postForm("/passwort-zuruecksetzen",
                      {{"token", token}, {"password", "neues-passwort-123"}, {"password_repeat", "neues-passwort-123"}});
  EXPECT_EQ(r.header("location"), "/passwort-vergessen");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "link_ungueltig");
  auto b = server.browser();
  EXPECT_FALSE(setCookieValue(login(b, "exp@example.org", kPassword), "opgv_session").empty());

  // A confirmation token cannot be used as a reset token, garbage neither.
  auto reg = server.browser();
  reg.get("/registrieren");
  reg.postForm("/registrieren", registration("neu@example.org", "Neu", kPassword, kPassword, true));
  auto confirm = confirmToken(server, "neu@example.org");
  for (const auto& bad : {confirm, std::string("garbage"), std::string()}) {
    auto x = server.browser();
    x.get("/passwort-zuruecksetzen?token=" + bad);
    auto res = x.postForm("/passwort-zuruecksetzen",
                          {{"token", bad}, {"password", "neues-passwort-123"}, {"password_repeat", "neues-passwort-123"}});
    EXPECT_EQ(res.header("location"), "/passwort-vergessen");
  }
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE email = 'neu@example.org' AND status = 'pending'"), 1);
}

TEST_P(Accounts, ResetThroughTheMailLinkConfirmsAPendingAccount) {
  TestServer server(GetParam());
  auto g = server.browser();
  g.get("/registrieren");
  g.postForm("/registrieren", registration("vergessen@example.org", "V", kPassword, kPassword, true));
  g.get("/passwort-vergessen");
  g.postForm("/passwort-vergessen", {{"email", "vergessen@example.org"}});
  auto token = valueAfter(server.lastMailTo("vergessen@example.org"), "/passwort-zuruecksetzen?token=");
  g.get("/passwort-zuruecksetzen?token=" + token);
  g.postForm("/passwort-zuruecksetzen",
             {{"token", token}, {"password", "neues-passwort-123"}, {"password_repeat", "neues-passwort-123"}});
  auto b = server.browser();
  EXPECT_FALSE(setCookieValue(login(b, "vergessen@example.org", "neues-passwort-123"), "opgv_session").empty());
}

// ---------------------------------------------------------------------------------------------
// Profile and API tokens

TEST_P(Accounts, ProfileRequiresLoginAndUpdatesTheDisplayName) {
  TestServer server(GetParam());
  auto guest = server.browser();
  auto r = guest.get("/profil");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/anmelden?weiter=%2Fprofil");

  auto b = server.loggedIn("p@example.org");
  auto page = b.get("/profil");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "p@example.org"));
  EXPECT_EQ(page.header("cache-control"), "no-store");
  r = b.postForm("/profil", {{"display_name", "  Petra Beispiel  "}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/profil");
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "profil_gespeichert");
  page = follow(b, r);
  EXPECT_TRUE(contains(page.body, "value=\"Petra Beispiel\""));
  EXPECT_TRUE(contains(page.body, "Angemeldet als Petra Beispiel"));
  EXPECT_TRUE(contains(page.body, "Ihre Angaben wurden gespeichert"));

  const std::string tooLong(101, 'x');
  r = b.postForm("/profil", {{"display_name", tooLong}});
  EXPECT_EQ(r.header("location"), "/profil#fehler");
  page = follow(b, r);
  EXPECT_TRUE(contains(page.body, "opgv-error-summary"));
  EXPECT_TRUE(contains(page.body, "href=\"#display_name\""));
  EXPECT_TRUE(contains(page.body, "höchstens 100 Zeichen"));
  EXPECT_TRUE(contains(page.body, "value=\"" + tooLong + "\""));  // the input is kept
  r = b.postForm("/profil", {{"display_name", "   "}});
  page = follow(b, r);
  EXPECT_TRUE(contains(page.body, "Bitte geben Sie einen Namen an"));
  EXPECT_TRUE(contains(page.body, "value=\"   \""));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM users WHERE display_name = 'Petra Beispiel'"), 1);
  // Markup in a name is escaped on every page.
  b.postForm("/profil", {{"display_name", "<script>alert(1)</script>"}});
  page = b.get("/profil");
  EXPECT_FALSE(contains(page.body, "<script>alert(1)</script>"));
  EXPECT_TRUE(contains(page.body, "&lt;script&gt;"));
}

TEST_P(Accounts, ApiTokenIsShownOnceWorksAsBearerAndCanBeRevoked) {
  TestServer server(GetParam());
  auto b = server.loggedIn("tok@example.org");
  auto r = b.postForm("/profil/tokens", {{"token_name", "Import-Skript"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/profil#api-tokens");
  auto page = follow(b, r);
  auto pos = page.body.find("id=\"neuer-token\">");
  ASSERT_NE(pos, std::string::npos);
  pos += 17;
  auto raw = page.body.substr(pos, page.body.find('<', pos) - pos);
  ASSERT_EQ(raw.rfind("opgv_", 0), 0u) << raw;
  EXPECT_TRUE(contains(page.body, "Import-Skript"));
  EXPECT_TRUE(contains(page.body, raw.substr(0, 12)));  // prefix shown in the list

  // Shown once: neither a reload nor the database has it in clear text.
  EXPECT_TRUE(contains(page.body, "noch nie"));
  auto reload = b.get("/profil");
  EXPECT_FALSE(contains(reload.body, raw));
  EXPECT_TRUE(contains(reload.body, raw.substr(0, 12)));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1", {crypto::hashToken(raw)}), 1);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1 OR name = $1 OR prefix = $1", {raw}), 0);
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM form_states WHERE payload LIKE $1", {"%" + raw + "%"}), 0);

  auto me = api(server, "GET", "/api/v1/me", raw);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(parseJson(me).value("email", ""), "tok@example.org");
  EXPECT_FALSE(contains(me.body, "password"));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens WHERE last_used_at IS NOT NULL"), 1);
  EXPECT_FALSE(contains(b.get("/profil").body, "noch nie"));  // "zuletzt benutzt" is a date now

  // Another user cannot revoke it.
  auto mallory = server.loggedIn("mallory@example.org");
  auto tokenId = server.ctx().db->query("SELECT id FROM api_tokens").first().i64(0);
  auto m = mallory.postForm("/profil/tokens/" + std::to_string(tokenId) + "/widerrufen", {});
  EXPECT_EQ(m.status, 404);
  EXPECT_EQ(api(server, "GET", "/api/v1/me", raw).status, 200);

  b.get("/profil");
  r = b.postForm("/profil/tokens/" + std::to_string(tokenId) + "/widerrufen", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(setCookieValue(r, "opgv_flash"), "token_geloescht");
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens"), 0);
  auto revoked = api(server, "GET", "/api/v1/me", raw);
  expectProblem(revoked, 401);
  EXPECT_TRUE(contains(revoked.header("www-authenticate"), "Bearer"));
  EXPECT_TRUE(contains(revoked.header("www-authenticate"), "invalid_token"));

  auto invalid = api(server, "GET", "/api/v1/me", "opgv_das-ist-kein-token");
  expectProblem(invalid, 401);
  EXPECT_TRUE(contains(invalid.header("www-authenticate"), "Bearer"));
  // An invalid bearer is refused even on public pages rather than silently ignored.
  EXPECT_EQ(api(server, "GET", "/api/v1/kommunen?q=flensburg", "falsch").status, 401);
}

TEST_P(Accounts, TokenNameIsValidated) {
  TestServer server(GetParam());
  auto b = server.loggedIn("tn@example.org");
  auto r = b.postForm("/profil/tokens", {{"token_name", "  "}});
  EXPECT_EQ(r.header("location"), "/profil#fehler");
  auto page = follow(b, r);
  EXPECT_TRUE(contains(page.body, "opgv-error-summary"));
  EXPECT_TRUE(contains(page.body, "href=\"#token_name\""));
  EXPECT_FALSE(contains(page.body, "id=\"neuer-token\""));
  r = b.postForm("/profil/tokens", {{"token_name", std::string(81, 'n')}});
  page = follow(b, r);
  EXPECT_TRUE(contains(page.body, "höchstens 80 Zeichen"));
  EXPECT_TRUE(contains(page.body, "value=\"" + std::string(81, 'n') + "\""));
  EXPECT_EQ(rowCount(server, "SELECT COUNT(*) FROM api_tokens"), 0);
}

OPGV_BOTH_BACKENDS(Accounts);

}  // namespace
}  // namespace opgv::test
