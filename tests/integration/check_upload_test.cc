// Checking a file against a model in the browser (multipart form, report page) and through the
// API (the file as the request body), as a signed-in member.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "features/accounts/service.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

std::string example(const std::string& model) { return modelExample(model); }

TEST(CheckUpload, MemberUploadsAFileAndReadsTheReport) {
  TestServer server;
  auto browser = server.loggedIn("pruefer@example.org");
  auto page = browser.get("/daten/datensaetze/pruefen?modell=haushalt");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  const std::string boundary = "----opgvTest7MA4YWxk";
  auto post = [&](const std::string& modell, const std::string& name, const std::string& content, bool german = false) {
    std::vector<std::pair<std::string, std::string>> fields = {{"csrf_token", browser.csrfToken()}, {"modell", modell}};
    if (german) fields.emplace_back("deutsch", "1");
    return browser.send("POST", "/daten/datensaetze/pruefen", multipartBody(boundary, fields, name, content),
                        "multipart/form-data; boundary=" + boundary);
  };
  auto valid = post("haushalt/ergebnisplan", "haushalt.csv", example("haushalt"));
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_NE(valid.body.find("Gültig:"), std::string::npos);
  EXPECT_NE(valid.body.find("30 Zeilen passen zum Modell"), std::string::npos);

  std::string broken = example("haushalt");
  broken.replace(broken.find("09999001"), 8, "9999001");
  auto invalid = post("haushalt/ergebnisplan", "kaputt.csv", broken);
  ASSERT_EQ(invalid.status, 200);
  EXPECT_NE(invalid.body.find("Nicht gültig:"), std::string::npos);
  EXPECT_NE(invalid.body.find("entspricht nicht dem vorgegebenen Muster"), std::string::npos);
  EXPECT_NE(invalid.body.find("constraint-error"), std::string::npos);

  // German notation only with the box ticked.
  std::string german = "ags;haushaltsjahr;planart;produktbereich;produktbereich_name;ertraege_euro;aufwendungen_euro;saldo_euro\n"
                       "09999001;2024;ansatz;11;Innere Verwaltung;1.500,50;2.500;-999,50\n";
  EXPECT_NE(post("haushalt/ergebnisplan", "de.csv", german).body.find("Nicht gültig:"), std::string::npos);
  EXPECT_NE(post("haushalt/ergebnisplan", "de.csv", german, true).body.find("Gültig:"), std::string::npos);

  auto empty = post("haushalt/ergebnisplan", "", "");
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("Bitte eine Datei auswählen"), std::string::npos);
  auto unknown = post("gibt-es-nicht/x", "a.csv", "a\n1\n");
  EXPECT_EQ(unknown.status, 404);

  // A stale form (wrong CSRF token) changes nothing and says so.
  auto stale = browser.send("POST", "/daten/datensaetze/pruefen",
                            multipartBody(boundary, {{"csrf_token", "falsch"}, {"modell", "haushalt/ergebnisplan"}}, "a.csv", "x"),
                            "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(stale.status, 403);
}

TEST(CheckUpload, GuestsSeeTheFormOnlyAfterSigningIn) {
  TestServer server;
  auto guest = server.browser();
  auto page = guest.get("/daten/datensaetze/pruefen");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("type=\"file\""), std::string::npos);
  EXPECT_NE(page.body.find("Zum Prüfen bitte"), std::string::npos);
}

TEST(CheckUpload, ApiTakesTheFileAsBody) {
  TestServer server;
  auto& c = server.ctx();
  accounts::AccountService accounts(*c.db, *c.clock, *c.mailer, *c.sessions, *c.login_limiter, "http://test");
  auth::Principal who;
  who.user_id = server.createUser("api@example.org");
  auto token = accounts.createToken(who, "Prüftest");
  ASSERT_TRUE(token.has_value());
  const std::vector<std::pair<std::string, std::string>> headers = {{"Authorization", "Bearer " + token->raw},
                                                                    {"Content-Type", "text/csv"}};
  auto r = request(server.port(), "POST", "/api/v1/datasets/validate?model=sozialraum-indikatoren&filename=werte.csv",
                   headers, example("sozialraum-indikatoren"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto report = nlohmann::json::parse(r.body);
  EXPECT_EQ(report["valid"], true);
  EXPECT_EQ(report["resource"], "indikatorwerte");
  // A code that is not in the model's code list: the foreign key is checked against it.
  std::string wrong = "gebiet_id,gebietsebene,stichtag,indikator,wert,einheit\n01100101,planungsraum,2020-12-31,XX9,1,prozent\n";
  r = request(server.port(), "POST", "/api/v1/datasets/validate?model=sozialraum-indikatoren", headers, wrong);
  ASSERT_EQ(r.status, 200);
  report = nlohmann::json::parse(r.body);
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["errors"][0]["code"], "foreign-key");
  r = request(server.port(), "POST", "/api/v1/datasets/validate?model=haushalt", {{"Content-Type", "text/csv"}}, "a\n1\n");
  EXPECT_EQ(r.status, 401);
  r = request(server.port(), "POST", "/api/v1/datasets/validate", headers, "a\n");
  EXPECT_EQ(r.status, 422);
  // A file name with directories names nothing outside the private temporary directory.
  auto escaped = std::filesystem::temp_directory_path().parent_path() / "opgv-ausbruch.csv";
  std::filesystem::remove(escaped);
  r = request(server.port(), "POST", "/api/v1/datasets/validate?model=haushalt&filename=..%2F..%2Fopgv-ausbruch.csv", headers,
              example("haushalt"));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(std::filesystem::exists(escaped)) << escaped;
  std::filesystem::remove(escaped);
}

}  // namespace
}  // namespace opgv::test
