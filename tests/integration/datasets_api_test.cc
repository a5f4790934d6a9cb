// The datasets API end to end against the real server (SQLite and, with TEST_PG_ADMIN_URL,
// PostgreSQL): upload a file as the request body, read the proposed mapping, start the import
// (background queue), poll the version, decide about invalid rows, browse and download the rows,
// import profiles with versions, rights and broken input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "common/strings.h"
#include "features/accounts/service.h"
#include "features/organisations/repository.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

std::string example(const std::string& model) { return modelExample(model); }

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += "\r\n";
    else if (c != '\r') out += c;
  }
  return out;
}

size_t countLines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

// A Kämmerei export: semicolons, German numbers, its own column names.
const std::string kGermanHaushalt =
    "Gemeindeschlüssel;HHJ;Planart;PB-Nr;PB-Bezeichnung;Erträge;Aufwendungen;Saldo\n"
    "09999001;2024;ergebnis;11;Innere Verwaltung;3.852.410,17;18.402.117,84;-14.549.707,67\n"
    "09999001;2024;ergebnis;12;Sicherheit und Ordnung;2.948.733,40;7.651.280,12;-4.702.546,72\n"
    "09999001;2024;ansatz;21;Schulträgeraufgaben;2.104.560,00;12.798.403,66;-10.693.843,66\n";

// The example with two broken rows: an AGS without its leading zero (row 2) and negative
// revenue (row 3).
std::string brokenHaushalt() {
  std::string s = example("haushalt");
  s.replace(s.find("09999001"), 8, "9999001");
  s.replace(s.find("2948733.40"), 10, "-2948733.40");
  return s;
}

class DatasetsApi : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
    server_ = std::make_unique<TestServer>(GetParam());
    auto& c = server_->ctx();
    organisations::OrganisationRepository orgs(*c.db);
    organisations::Organisation o;
    o.type = "govtech";
    o.name = "Datenwerk Test GmbH";
    o.slug = "datenwerk-test-gmbh";
    org_ = orgs.insert(o, server_->createUser("gruender@example.org"), c.clock->nowSeconds()).value();
    orgs.activate(org_);
    auto member = [&](const std::string& email, const std::string& orgRole) {
      auto id = server_->createUser(email);
      if (!orgRole.empty()) orgs.addMembership(org_, id, orgRole, "active", c.clock->nowSeconds());
      return token(id);
    };
    champion_ = member("champion@example.org", "mitglied");
    kollegin_ = member("kollegin@example.org", "mitglied");
    orgAdmin_ = member("orgadmin@example.org", "org_admin");
    fremd_ = member("fremd@example.org", "");
    admin_ = token(server_->createUser("admin@example.org", "admin"));
  }

  std::string token(int64_t userId) {
    auto& c = server_->ctx();
    accounts::AccountService accounts(*c.db, *c.clock, *c.mailer, *c.sessions, *c.login_limiter, "http://test");
    auth::Principal who;
    who.user_id = userId;
    return accounts.createToken(who, "Datensatz-Test").value().raw;
  }

  HttpResponse call(const std::string& method, const std::string& target, const std::string& who,
                    const std::string& body = {}, const std::string& contentType = "application/json") {
    Headers headers;
    if (!who.empty()) headers.emplace_back("Authorization", "Bearer " + who);
    if (!body.empty() || method != "GET") headers.emplace_back("Content-Type", contentType);
    return request(server_->port(), method, target, headers, body);
  }
  json getJson(const std::string& target, const std::string& who, int expected = 200) {
    auto r = call("GET", target, who);
    EXPECT_EQ(r.status, expected) << target << ": " << r.body.substr(0, 400);
    return json::parse(r.body, nullptr, false);
  }

  std::string orgQuery() const { return "organisation=" + std::to_string(org_); }

  HttpResponse upload(const std::string& who, const std::string& query, const std::string& content,
                      const std::string& contentType = "text/csv") {
    return call("POST", "/api/v1/datasets/uploads?" + query, who, content, contentType);
  }
  // Uploads a new dataset and returns the upload's id.
  int64_t uploadNew(const std::string& who, const std::string& title, const std::string& model, const std::string& filename,
                    const std::string& content) {
    auto r = upload(who,
                    orgQuery() + "&title=" + strings::percentEncode(title) + "&model=" + strings::percentEncode(model) +
                        "&filename=" + strings::percentEncode(filename),
                    content);
    EXPECT_EQ(r.status, 201) << r.body.substr(0, 600);
    auto j = json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("upload") ? j["upload"]["id"].get<int64_t>() : 0;
  }

  struct Started {
    int64_t dataset = 0;
    int64_t version = 0;
    std::string path;
  };
  Started startImport(const std::string& who, int64_t uploadId, const json& body = json::object()) {
    auto r = call("POST", "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/import", who, body.dump());
    EXPECT_EQ(r.status, 202) << r.body.substr(0, 600);
    auto j = json::parse(r.body, nullptr, false);
    if (r.status != 202) return {};
    EXPECT_EQ(j["status"], "queued");
    EXPECT_EQ(r.header("location"), j["links"]["version"]);
    return {j["dataset_id"].get<int64_t>(), j["version"].get<int64_t>(), j["links"]["version"].get<std::string>()};
  }

  // Polls the version every 50 ms until the import has finished (at most 30 s).
  json waitFinished(const std::string& who, const std::string& versionPath) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      auto j = getJson(versionPath, who);
      if (!j.is_object() || j.value("finished", false)) return j;
      EXPECT_GE(j.value("progress_percent", -1), 0);
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "Import nach 30 s nicht fertig: " << j.dump();
        return j;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  // Upload, import as proposed, wait.
  std::pair<Started, json> importFile(const std::string& who, const std::string& title, const std::string& model,
                                      const std::string& filename, const std::string& content, const json& body = json::object()) {
    auto id = uploadNew(who, title, model, filename, content);
    auto started = startImport(who, id, body);
    return {started, started.path.empty() ? json() : waitFinished(who, started.path)};
  }

  std::unique_ptr<TestServer> server_;
  int64_t org_ = 0;
  std::string champion_, kollegin_, orgAdmin_, fremd_, admin_;
};

TEST_P(DatasetsApi, ValidFileIsImportedBrowsedAndDownloaded) {
  const std::string content = example("schulen");
  auto r = upload(champion_, orgQuery() + "&title=Schulen%202024&model=schulen&filename=schulen.csv", content);
  ASSERT_EQ(r.status, 201) << r.body;
  auto created = json::parse(r.body);
  auto uploadId = created["upload"]["id"].get<int64_t>();
  EXPECT_EQ(created["upload"]["model"], "schulen");
  EXPECT_EQ(created["upload"]["resource"], "schulen");
  EXPECT_EQ(created["upload"]["organisation_id"], org_);
  EXPECT_TRUE(created["upload"]["dataset_id"].is_null());
  EXPECT_EQ(r.header("location"), "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping");
  // Same names: every field comes from its column.
  const auto& mapping = created["mapping"];
  ASSERT_EQ(mapping["fields"].size(), 13u);
  for (const auto& f : mapping["fields"]) {
    EXPECT_EQ(f["source"], f["field"]) << f.dump();
    EXPECT_EQ(f["column"], f["field"]);
    EXPECT_TRUE(f["constant"].is_null());
  }
  EXPECT_EQ(mapping["columns"].size(), 13u);
  EXPECT_EQ(mapping["profile"]["model"], "schulen");
  EXPECT_EQ(mapping["profile"]["fields"]["schul_id"]["column"], "schul_id");
  EXPECT_FALSE(mapping["profile_name"].get<std::string>().empty());

  auto again = getJson("/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping", champion_);
  EXPECT_EQ(again["fields"], mapping["fields"]);

  auto started = startImport(champion_, uploadId);
  auto version = waitFinished(champion_, started.path);
  EXPECT_EQ(version["status"], "imported") << version.dump();
  EXPECT_EQ(version["status_label"], "übernommen");
  EXPECT_EQ(version["progress_percent"], 100);
  EXPECT_EQ(version["rows_total"], 11);
  EXPECT_EQ(version["rows_valid"], 11);
  EXPECT_EQ(version["rows_invalid"], 0);
  EXPECT_EQ(version["report"]["result"]["valid"], true);
  EXPECT_EQ(version["profile"]["model"], "schulen");
  EXPECT_FALSE(version["finished_at"].is_null());
  // The upload is gone once its version is imported.
  EXPECT_EQ(call("GET", "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping", champion_).status, 404);

  const std::string base = "/api/v1/datasets/" + std::to_string(started.dataset);
  auto dataset = getJson(base, champion_);
  EXPECT_EQ(dataset["title"], "Schulen 2024");
  EXPECT_EQ(dataset["current_version"], 1);
  EXPECT_EQ(dataset["rows"], 11);
  EXPECT_EQ(dataset["can_delete"], true);
  ASSERT_EQ(dataset["versions"].size(), 1u);
  EXPECT_FALSE(dataset["versions"][0].contains("report"));
  // The colleague sees it but may not delete it; the Organisations-Admin may.
  EXPECT_EQ(getJson(base, kollegin_)["can_delete"], false);
  EXPECT_EQ(getJson(base, orgAdmin_)["can_delete"], true);

  auto list = getJson("/api/v1/datasets?" + orgQuery(), kollegin_);
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["id"], started.dataset);
  EXPECT_EQ(getJson("/api/v1/datasets", champion_)["total"], 1);

  auto rows = getJson(base + "/rows?offset=2&limit=5", kollegin_);
  EXPECT_EQ(rows["total"], 11);
  EXPECT_EQ(rows["offset"], 2);
  EXPECT_EQ(rows["limit"], 5);
  ASSERT_EQ(rows["rows"].size(), 5u);
  EXPECT_EQ(rows["fields"][0], "schul_id");
  EXPECT_EQ(rows["rows"][0]["row"], 4);  // header = row 1
  EXPECT_EQ(rows["rows"][0]["values"]["schul_id"], "SCH-0002");
  EXPECT_TRUE(rows["rows"][0]["values"]["schueler_anzahl"].is_number_integer());
  EXPECT_EQ(rows["rows"][0]["values"]["plz"], "00101");
  EXPECT_EQ(getJson(base + "/rows?version=1", kollegin_)["rows"].size(), 11u);
  EXPECT_EQ(call("GET", base + "/rows?limit=viele", kollegin_).status, 422);
  EXPECT_EQ(call("GET", base + "/rows?limit=501", kollegin_).status, 422);
  EXPECT_EQ(call("GET", base + "/rows?offset=100", kollegin_).status, 200);

  r = call("GET", base + "/download?format=csv", kollegin_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(r.header("content-disposition").find("schulen-2024-v1.csv"), std::string::npos);
  EXPECT_EQ(r.body, crlf(content));
  r = call("GET", base + "/download?format=xlsx&version=1", kollegin_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  r = call("GET", base + "/download?format=json", kollegin_);
  ASSERT_EQ(r.status, 200);
  auto doc = json::parse(r.body);
  ASSERT_EQ(doc["zeilen"].size(), 11u);
  EXPECT_EQ(doc["zeilen"][0]["schueler_anzahl"], 286);
  EXPECT_EQ(doc["zeilen"][0]["ags"], "09999001");
  EXPECT_EQ(call("GET", base + "/download?format=pdf", kollegin_).status, 422);
  r = call("GET", base + "/versions/1/rejects", kollegin_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(countLines(r.body), 1u) << r.body;  // header only

  // Cancelling a finished import is a conflict; the version is unchanged.
  EXPECT_EQ(call("POST", started.path + "/cancel", champion_).status, 409);
  EXPECT_EQ(call("GET", base + "/versions/2", champion_).status, 404);
}

TEST_P(DatasetsApi, GermanNotationAndOtherColumnNamesAreProposed) {
  auto r = upload(champion_, orgQuery() + "&title=Ergebnisplan&model=haushalt%2Fergebnisplan&filename=export.csv", kGermanHaushalt);
  ASSERT_EQ(r.status, 201) << r.body;
  auto mapping = json::parse(r.body)["mapping"];
  std::map<std::string, std::string> source;
  for (const auto& f : mapping["fields"]) source[f["field"]] = f["source"];
  EXPECT_EQ(source["ags"], "Gemeindeschlüssel");
  EXPECT_EQ(source["haushaltsjahr"], "HHJ");
  EXPECT_EQ(source["produktbereich"], "PB-Nr");
  EXPECT_EQ(source["ertraege_euro"], "Erträge");
  EXPECT_EQ(source["saldo_euro"], "Saldo");
  EXPECT_EQ(mapping["profile"]["source"]["dialect"]["delimiter"], ";");
  bool explained = false;
  for (const auto& n : mapping["notes"]) explained |= n.get<std::string>().find("Synonym") != std::string::npos;
  EXPECT_TRUE(explained) << mapping["notes"].dump();

  auto started = startImport(champion_, json::parse(r.body)["upload"]["id"].get<int64_t>());
  auto version = waitFinished(champion_, started.path);
  EXPECT_EQ(version["status"], "imported") << version.dump();
  EXPECT_EQ(version["rows_valid"], 3);
  auto rows = getJson("/api/v1/datasets/" + std::to_string(started.dataset) + "/rows", champion_);
  ASSERT_EQ(rows["rows"].size(), 3u);
  EXPECT_DOUBLE_EQ(rows["rows"][0]["values"]["ertraege_euro"].get<double>(), 3852410.17);
  EXPECT_DOUBLE_EQ(rows["rows"][0]["values"]["saldo_euro"].get<double>(), -14549707.67);
  EXPECT_EQ(rows["rows"][2]["values"]["planart"], "ansatz");
  r = call("GET", "/api/v1/datasets/" + std::to_string(started.dataset) + "/download", champion_);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("09999001,2024,ergebnis,11,Innere Verwaltung,3852410.17,18402117.84,-14549707.67\r\n"), std::string::npos)
      << r.body;
}

TEST_P(DatasetsApi, InvalidRowsWaitForADecision) {
  auto [started, version] = importFile(champion_, "Haushalt mit Fehlern", "haushalt", "haushalt.csv", brokenHaushalt());
  ASSERT_EQ(version["status"], "review") << version.dump();
  EXPECT_EQ(version["status_label"], "Entscheidung nötig");
  EXPECT_EQ(version["rows_total"], 30);
  EXPECT_EQ(version["rows_invalid"], 2);
  EXPECT_EQ(version["rows_valid"], 28);
  EXPECT_EQ(version["rejects_exact"], true);
  EXPECT_NE(version["message"].get<std::string>().find("2 von 30 Zeilen haben Fehler"), std::string::npos) << version["message"];
  EXPECT_EQ(version["report"]["result"]["valid"], false);
  const std::string base = "/api/v1/datasets/" + std::to_string(started.dataset);
  EXPECT_TRUE(getJson(base, champion_)["current_version"].is_null());

  auto r = call("GET", started.path + "/rejects", kollegin_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.rfind("zeile,fehler,ags,", 0), 0u) << r.body;
  EXPECT_EQ(countLines(r.body), 3u) << r.body;
  EXPECT_NE(r.body.find("2,"), std::string::npos);
  EXPECT_NE(r.body.find("entspricht nicht dem vorgegebenen Muster"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("ist kleiner als das Minimum 0"), std::string::npos) << r.body;
  // In review the valid rows can be looked at before deciding.
  EXPECT_EQ(getJson(base + "/rows?version=1", champion_)["total"], 28);

  r = call("POST", started.path + "/decision", champion_, R"({"choice":"vielleicht"})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "choice");
  EXPECT_EQ(call("POST", started.path + "/decision", fremd_, R"({"choice":"discard"})").status, 403);
  r = call("POST", started.path + "/decision", kollegin_, R"({"choice":"keep_valid_rows"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "imported");
  EXPECT_EQ(json::parse(r.body)["rows_valid"], 28);
  EXPECT_EQ(call("POST", started.path + "/decision", kollegin_, R"({"choice":"discard"})").status, 409);
  auto dataset = getJson(base, champion_);
  EXPECT_EQ(dataset["current_version"], 1);
  EXPECT_EQ(dataset["rows"], 28);
  r = call("GET", base + "/download?format=csv", champion_);
  EXPECT_EQ(countLines(r.body), 29u);
  EXPECT_EQ(r.body.find("\n9999001,"), std::string::npos) << "Zeile 2 wurde übernommen";
  EXPECT_EQ(r.body.find("-2948733.40"), std::string::npos) << "Zeile 3 wurde übernommen";

  // A second version of the same dataset with errors, discarded: its rows are gone, the first
  // version stays current.
  r = upload(champion_, "dataset=" + std::to_string(started.dataset) + "&filename=neu.csv", brokenHaushalt());
  ASSERT_EQ(r.status, 201) << r.body;
  auto created = json::parse(r.body);
  EXPECT_EQ(created["upload"]["dataset_id"], started.dataset);
  EXPECT_EQ(created["upload"]["title"], "Haushalt mit Fehlern");
  auto second = startImport(champion_, created["upload"]["id"].get<int64_t>());
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.dataset, started.dataset);
  EXPECT_EQ(waitFinished(champion_, second.path)["status"], "review");
  r = call("POST", second.path + "/decision", champion_, R"({"choice":"discard"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "discarded");
  EXPECT_EQ(call("GET", base + "/rows?version=2", champion_).status, 404);
  EXPECT_EQ(call("GET", second.path + "/rejects", champion_).status, 404);
  dataset = getJson(base, champion_);
  EXPECT_EQ(dataset["current_version"], 1);
  ASSERT_EQ(dataset["versions"].size(), 2u);
  EXPECT_EQ(dataset["versions"][0]["version"], 2);  // newest first
  EXPECT_EQ(dataset["versions"][0]["status"], "discarded");
  EXPECT_EQ(getJson(base + "/rows", champion_)["total"], 28);
}

TEST_P(DatasetsApi, OnlyMembersSeeAndOnlyAllowedPeopleDelete) {
  auto [started, version] = importFile(champion_, "Schulen", "schulen", "schulen.csv", example("schulen"));
  ASSERT_EQ(version["status"], "imported");
  const std::string base = "/api/v1/datasets/" + std::to_string(started.dataset);

  // Guests: 401 everywhere, with a Bearer challenge.
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/datasets"}, {"GET", base}, {"GET", started.path}, {"GET", base + "/rows"},
           {"GET", base + "/download"}, {"DELETE", base}, {"POST", "/api/v1/datasets/uploads?" + orgQuery()},
           {"GET", "/api/v1/import-profiles?" + orgQuery()}, {"GET", "/api/v1/datasets/abc"}}) {
    auto r = call(method, target, "");
    EXPECT_EQ(r.status, 401) << method << " " << target;
    EXPECT_FALSE(r.header("www-authenticate").empty());
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
  }

  // Someone from elsewhere: 403 for the dataset, nothing in the list, no uploads.
  EXPECT_EQ(call("GET", base, fremd_).status, 403);
  EXPECT_EQ(call("GET", started.path, fremd_).status, 403);
  EXPECT_EQ(call("GET", base + "/rows", fremd_).status, 403);
  EXPECT_EQ(call("GET", base + "/download?format=json", fremd_).status, 403);
  EXPECT_EQ(call("DELETE", base, fremd_).status, 403);
  EXPECT_EQ(getJson("/api/v1/datasets", fremd_)["total"], 0);
  EXPECT_EQ(getJson("/api/v1/datasets?" + orgQuery(), fremd_)["total"], 0);
  auto r = upload(fremd_, orgQuery() + "&title=Fremd&model=schulen", example("schulen"));
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(json::parse(r.body)["detail"].get<std::string>().find("Mitglieder"), std::string::npos);
  EXPECT_EQ(upload(fremd_, "dataset=" + std::to_string(started.dataset), example("schulen")).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/import-profiles?" + orgQuery(), fremd_).status, 403);
  // Another person's upload does not exist for them, even within the organisation.
  auto uploadId = uploadNew(champion_, "Entwurf", "schulen", "s.csv", example("schulen"));
  EXPECT_EQ(call("GET", "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping", fremd_).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping", kollegin_).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/import", kollegin_, "{}").status, 404);

  // Platform admins read everything.
  EXPECT_EQ(call("GET", base, admin_).status, 200);
  EXPECT_EQ(getJson("/api/v1/datasets", admin_)["total"], 1);

  // Non-numeric and unknown ids are 404 problems.
  for (const char* target : {"/api/v1/datasets/abc", "/api/v1/datasets/0", "/api/v1/datasets/999999",
                             "/api/v1/datasets/1/versions/x", "/api/v1/datasets/uploads/x/mapping", "/api/v1/import-profiles/y"}) {
    r = call("GET", target, champion_);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << target;
  }

  // A colleague may not delete; the creator may. Afterwards it is gone.
  r = call("DELETE", base, kollegin_);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(json::parse(r.body)["detail"].get<std::string>().find("Löschen"), std::string::npos);
  r = call("DELETE", base, champion_);
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(call("GET", base, champion_).status, 404);
  EXPECT_EQ(call("GET", base + "/rows", champion_).status, 404);
  EXPECT_EQ(call("DELETE", base, champion_).status, 404);
  EXPECT_EQ(getJson("/api/v1/datasets?" + orgQuery(), champion_)["total"], 0);
}

TEST_P(DatasetsApi, SavedProfilesGetVersions) {
  json body = {{"profile_name", "haushalt-kaemmerei"}};
  auto [first, v1] = importFile(champion_, "Haushalt 2024", "haushalt", "export.csv", kGermanHaushalt, body);
  ASSERT_EQ(v1["status"], "imported") << v1.dump();
  EXPECT_EQ(v1["profile_version"], 1);
  EXPECT_EQ(v1["profile"]["name"], "haushalt-kaemmerei");

  auto profiles = getJson("/api/v1/import-profiles?" + orgQuery(), kollegin_);
  ASSERT_EQ(profiles["total"], 1);
  EXPECT_EQ(profiles["items"][0]["name"], "haushalt-kaemmerei");
  EXPECT_EQ(profiles["items"][0]["version"], 1);
  auto profileId = profiles["items"][0]["id"].get<int64_t>();
  EXPECT_EQ(v1["profile_id"], profileId);

  // Next year's file for the same dataset, started from the saved profile.
  auto r = upload(champion_, "dataset=" + std::to_string(first.dataset) + "&filename=export-2025.csv", kGermanHaushalt);
  ASSERT_EQ(r.status, 201) << r.body;
  auto uploadId = json::parse(r.body)["upload"]["id"].get<int64_t>();
  auto draft = getJson("/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping?profile=" + std::to_string(profileId), champion_);
  EXPECT_EQ(draft["profile_name"], "haushalt-kaemmerei");
  EXPECT_EQ(draft["base_profile_id"], profileId);
  ASSERT_EQ(draft["saved_profiles"].size(), 1u);
  EXPECT_NE(draft["notes"][0].get<std::string>().find("haushalt-kaemmerei"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping?profile=999999", champion_).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping?profile=eins", champion_).status, 422);

  auto second = startImport(champion_, uploadId, {{"base_profile_id", profileId}, {"profile_name", "haushalt-kaemmerei"}});
  EXPECT_EQ(second.version, 2);
  auto v2 = waitFinished(champion_, second.path);
  EXPECT_EQ(v2["status"], "imported") << v2.dump();
  EXPECT_EQ(v2["profile_version"], 2);
  EXPECT_EQ(v2["profile_id"], profileId);
  EXPECT_EQ(getJson("/api/v1/datasets/" + std::to_string(first.dataset), champion_)["current_version"], 2);

  auto profile = getJson("/api/v1/import-profiles/" + std::to_string(profileId), kollegin_);
  EXPECT_EQ(profile["name"], "haushalt-kaemmerei");
  EXPECT_EQ(profile["version"], 2);
  EXPECT_EQ(profile["model"], "haushalt");
  EXPECT_EQ(profile["resource"], "ergebnisplan");
  ASSERT_EQ(profile["versions"].size(), 2u);
  for (const auto& v : profile["versions"]) {
    EXPECT_EQ(v["document"]["name"], "haushalt-kaemmerei");
    EXPECT_EQ(v["document"]["fields"]["ags"]["column"], "Gemeindeschlüssel");
  }
  EXPECT_EQ(getJson("/api/v1/import-profiles?" + orgQuery(), champion_)["items"][0]["version"], 2);
  EXPECT_EQ(call("GET", "/api/v1/import-profiles/" + std::to_string(profileId), fremd_).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/import-profiles", champion_).status, 422);

  // A complete profile instead of the choices: the saved document, sent back as it is.
  auto thirdUpload = json::parse(upload(champion_, "dataset=" + std::to_string(first.dataset) + "&filename=x.csv", kGermanHaushalt).body);
  json document = profile["versions"][1]["document"];
  auto third = startImport(champion_, thirdUpload["upload"]["id"].get<int64_t>(),
                           {{"profile", document}, {"profile_name", "haushalt-kaemmerei"}});
  EXPECT_EQ(waitFinished(champion_, third.path)["profile_version"], 3);
}

// The form's unit conversion, code translation and aggregation through the API, and the model
// chosen by the platform (model=auto).
TEST_P(DatasetsApi, UnitsCodesAggregationAndAutomaticModel) {
  auto uploadId = uploadNew(champion_, "Umgerechnet", "auto", "Haushaltsplan.csv", kGermanHaushalt);
  auto draft = getJson("/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/mapping", champion_);
  EXPECT_EQ(draft["upload"]["model"], "haushalt") << draft.dump().substr(0, 400);
  ASSERT_FALSE(draft["model_matches"].empty());
  EXPECT_EQ(draft["model_matches"][0]["label"], "Finanzen - Haushalt - Plan");
  json body = {{"profile_name", "umgerechnet"},
               {"fields", {{"ertraege_euro", {{"column", "Erträge"}, {"scale", 0.001}}},
                           {"planart", {{"column", "Planart"}, {"codes", {{"ansatz", "ergebnis"}}}}}}}};
  auto [started, version] = [&] {
    auto s = startImport(champion_, uploadId, body);
    return std::make_pair(s, waitFinished(champion_, s.path));
  }();
  ASSERT_EQ(version["status"], "imported") << version.dump().substr(0, 800);
  auto csv = call("GET", "/api/v1/datasets/" + std::to_string(started.dataset) + "/download?format=csv", champion_, "", "");
  EXPECT_NE(csv.body.find("09999001,2024,ergebnis,11,Innere Verwaltung,3852.41017,18402117.84"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("09999001,2024,ergebnis,21,"), std::string::npos) << csv.body;  // „ansatz“ translated

  // Aggregation with a broken prefix is named; a good one sums up.
  std::string plr = "Planungsraum;Indikator;Wert;EW\n01100101;EW;100;100\n01100102;EW;300;300\n";
  auto second = uploadNew(champion_, "Prognoseräume", "sozialraum-indikatoren", "plr.csv", plr);
  json agg = {{"fields", {{"gebiet_id", "Planungsraum"}, {"gebietsebene", {{"constant", "planungsraum"}}},
                          {"stichtag", {{"constant", "2020-12-31"}}}, {"indikator", "Indikator"}, {"wert", "Wert"},
                          {"einheit", {{"constant", "anzahl"}}}}},
              {"aggregation", {{"prefix", "vier"}, {"area_field", "gebiet_id"}, {"value_field", "wert"}, {"method", "summe"}}}};
  auto bad = call("POST", "/api/v1/datasets/uploads/" + std::to_string(second) + "/import", champion_, agg.dump());
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("\"aggregation\""), std::string::npos) << bad.body;
  agg["aggregation"]["prefix"] = 4;
  agg["aggregation"]["level"] = "prognoseraum";
  agg["aggregation"]["level_field"] = "gebietsebene";
  auto s2 = startImport(champion_, second, agg);
  auto v2 = waitFinished(champion_, s2.path);
  ASSERT_EQ(v2["status"], "imported") << v2.dump().substr(0, 800);
  auto csv2 = call("GET", "/api/v1/datasets/" + std::to_string(s2.dataset) + "/download?format=csv", champion_, "", "");
  EXPECT_NE(csv2.body.find("0110,prognoseraum,2020-12-31,EW,400,anzahl"), std::string::npos) << csv2.body;

  // By a mapping table sent as pairs: a conflicting pair is named, a good table sums up.
  auto third = uploadNew(champion_, "Bezirksregionen", "sozialraum-indikatoren", "plr.csv", plr);
  json byTable = agg;
  byTable["aggregation"].erase("prefix");
  byTable["aggregation"]["level"] = "bezirksregion";
  byTable["aggregation"]["table"] = json::parse(R"([["01100101","BZR-A"],["01100101","BZR-B"]])");
  auto conflicting = call("POST", "/api/v1/datasets/uploads/" + std::to_string(third) + "/import", champion_, byTable.dump());
  EXPECT_EQ(conflicting.status, 422) << conflicting.body;
  EXPECT_NE(conflicting.body.find("steht schon in Zeile 1"), std::string::npos) << conflicting.body;
  byTable["aggregation"]["table"] = json::parse(R"([["01100101","BZR-A"],["01100102","BZR-A"]])");
  auto s3 = startImport(champion_, third, byTable);
  auto v3 = waitFinished(champion_, s3.path);
  ASSERT_EQ(v3["status"], "imported") << v3.dump().substr(0, 800);
  auto csv3 = call("GET", "/api/v1/datasets/" + std::to_string(s3.dataset) + "/download?format=csv", champion_, "", "");
  EXPECT_NE(csv3.body.find("BZR-A,bezirksregion,2020-12-31,EW,400,anzahl"), std::string::npos) << csv3.body;
}

// Missing markers, a condition and a per-indicator rule through the API, and the draft shows them.
TEST_P(DatasetsApi, MissingMarkersConditionAndPerValueMethods) {
  std::string raw = "PLR_ID;EW;S1;S3;S4;KOM\n01100101;100;4,0;1,0;2,0;gültig\n01100102;300;2,0;-9999;4,0;gültig\n"
                    "01100103;50;9,0;9,0;9,0;ungültig\n";
  auto uploadId = uploadNew(champion_, "MSS roh", "sozialraum-indikatoren", "mss.csv", raw);
  json body = {{"profile_name", "mss-api"},
               {"missing_values", {"-9999"}},
               {"condition", {{"column", "KOM"}, {"not_equals", "gültig"}, {"keep", {"PLR_ID", "EW"}}}},
               {"fields", {{"gebiet_id", "PLR_ID"}, {"gebietsebene", {{"constant", "planungsraum"}}},
                           {"stichtag", {{"constant", "2020-12-31"}}}, {"indikator", "merkmal"}, {"wert", "wert"},
                           {"einheit", {{"column", "merkmal"}, {"codes", {{"EW", "anzahl"}, {"S1", "prozent"}, {"S3", "prozent"}, {"S4", "prozent"}}}}}}},
               {"aggregation", {{"prefix", 4}, {"level", "prognoseraum"}, {"area_field", "gebiet_id"}, {"level_field", "gebietsebene"},
                                {"value_field", "wert"}, {"method", "gewichteter_mittelwert"}, {"weight_column", "EW"},
                                {"method_by", "indikator"}, {"methods", {{"EW", "zaehlen"}}}}}};
  auto bad = call("POST", "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/import", champion_, body.dump());
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("Abweichende Rechnung, Zeile 1 („EW = zaehlen“)"), std::string::npos) << bad.body;
  body["aggregation"]["methods"] = {{"EW", "summe"}};
  auto started = startImport(champion_, uploadId, body);
  auto version = waitFinished(champion_, started.path);
  ASSERT_EQ(version["status"], "imported") << version.dump().substr(0, 800);
  auto csv = call("GET", "/api/v1/datasets/" + std::to_string(started.dataset) + "/download?format=csv", champion_, "", "").body;
  EXPECT_NE(csv.find("0110,prognoseraum,2020-12-31,EW,450,anzahl"), std::string::npos) << csv;
  EXPECT_NE(csv.find("0110,prognoseraum,2020-12-31,S1,2.5,prozent"), std::string::npos) << csv;
  EXPECT_NE(csv.find("0110,prognoseraum,2020-12-31,S3,1,prozent"), std::string::npos) << csv;

  // A new upload drafted from the saved profile shows the choices.
  auto next = uploadNew(champion_, "MSS roh 2023", "sozialraum-indikatoren", "mss-2023.csv", raw);
  auto profiles = getJson("/api/v1/import-profiles?" + orgQuery(), champion_);
  int64_t profileId = 0;
  for (const auto& p : profiles["items"]) {
    if (p["name"] == "mss-api") profileId = p["id"].get<int64_t>();
  }
  ASSERT_NE(profileId, 0) << profiles.dump();
  auto draft = getJson("/api/v1/datasets/uploads/" + std::to_string(next) + "/mapping?profile=" + std::to_string(profileId), champion_);
  EXPECT_EQ(draft["missing_values"], json::array({"-9999"})) << draft.dump().substr(0, 600);
  EXPECT_EQ(draft["condition"], json::parse(R"({"column":"KOM","not_equals":"gültig","keep":["PLR_ID","EW"]})"));
  EXPECT_EQ(draft["aggregation"]["method_by"], "indikator");
  EXPECT_EQ(draft["aggregation"]["methods"], "EW = summe\n");
}

TEST_P(DatasetsApi, BrokenInputIsExplained) {
  // Upload: missing title, model and file are field errors.
  auto r = upload(champion_, orgQuery(), "");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  std::set<std::string> fields;
  auto problem = json::parse(r.body);
  for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("title")) << r.body;
  EXPECT_TRUE(fields.contains("model"));
  EXPECT_TRUE(fields.contains("file"));
  r = upload(champion_, "title=X&model=schulen", example("schulen"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "organisation");
  r = upload(champion_, "organisation=eins&title=X&model=schulen", example("schulen"));
  EXPECT_EQ(r.status, 422);
  r = upload(champion_, orgQuery() + "&title=X&model=gibt-es-nicht", example("schulen"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "model");
  r = upload(champion_, orgQuery() + "&title=X&model=schulen&filename=leer.csv", "\n\n");
  EXPECT_EQ(r.status, 422) << r.body;

  auto uploadId = uploadNew(champion_, "Haushalt", "haushalt", "export.csv", kGermanHaushalt);
  const std::string importPath = "/api/v1/datasets/uploads/" + std::to_string(uploadId) + "/import";
  // A column the file does not have.
  r = call("POST", importPath, champion_, R"({"fields":{"ags":{"column":"Kennziffer"}}})");
  ASSERT_EQ(r.status, 422) << r.body;
  problem = json::parse(r.body);
  EXPECT_EQ(problem["errors"][0]["field"], "fields.ags");
  EXPECT_NE(problem["errors"][0]["message"].get<std::string>().find("„Kennziffer“ ist hier nicht bekannt"), std::string::npos)
      << problem.dump();
  // A field the model does not have.
  r = call("POST", importPath, champion_, R"({"fields":{"gemeinde":{"column":"HHJ"}}})");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "fields.gemeinde");
  EXPECT_NE(r.body.find("hat kein Feld „gemeinde“"), std::string::npos);
  // Wrong shapes and names.
  r = call("POST", importPath, champion_, R"({"fields":{"ags":42},"reshape":"ja","base_profile_id":"x"})");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"].size(), 3u);
  r = call("POST", importPath, champion_, R"({"fields":{"ags":{"column":""}}})");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "fields.ags");
  r = call("POST", importPath, champion_, R"({"profile_name":"Mein Profil!"})");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "profile_name");
  EXPECT_NE(r.body.find("mein-profil"), std::string::npos);
  EXPECT_EQ(call("POST", importPath, champion_, "[1]").status, 400);
  EXPECT_EQ(call("POST", importPath, champion_, "{}", "text/plain").status, 415);
  r = call("POST", importPath, champion_, R"({"profile":{"name":"kaputt","fields":{}}})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(call("POST", "/api/v1/datasets/uploads/999999/import", champion_, "{}").status, 404);

  // A required field left empty and one with a constant: the rows are invalid and say why.
  json body = {{"fields", {{"produktbereich_name", nullptr}, {"planart", {{"constant", "plan"}}}}}};
  auto started = startImport(champion_, uploadId, body);
  auto version = waitFinished(champion_, started.path);
  ASSERT_EQ(version["status"], "review") << version.dump();
  EXPECT_EQ(version["rows_invalid"], 3);
  EXPECT_EQ(version["profile"]["fields"]["planart"]["constant"], "plan");
  EXPECT_FALSE(version["profile"]["fields"].contains("produktbereich_name"));
  r = call("GET", started.path + "/rejects", champion_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(countLines(r.body), 4u);
  EXPECT_NE(r.body.find("Pflichtfeld"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(",plan,"), std::string::npos) << r.body;
  // Nothing valid to keep.
  r = call("POST", started.path + "/decision", champion_, R"({"choice":"keep_valid_rows"})");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(json::parse(r.body)["detail"].get<std::string>().find("Keine Zeile ist fehlerfrei"), std::string::npos);
  // The same upload can be mapped again after discarding: a second version of the dataset.
  ASSERT_EQ(call("POST", started.path + "/decision", champion_, R"({"choice":"discard"})").status, 200);
  auto retry = startImport(champion_, uploadId);
  EXPECT_EQ(retry.dataset, started.dataset);
  EXPECT_EQ(retry.version, 2);
  EXPECT_EQ(waitFinished(champion_, retry.path)["status"], "imported");
}

TEST_P(DatasetsApi, RunningImportsCanBeCancelled) {
  auto synth = request(server_->port(), "GET", "/api/v1/models/haushalt/synth?rows=20000&seed=4");
  ASSERT_EQ(synth.status, 200);
  auto uploadId = uploadNew(champion_, "Großer Haushalt", "haushalt", "gross.csv", synth.body);
  auto started = startImport(champion_, uploadId);
  // The import may already be done on a fast machine; then cancelling is a conflict.
  auto r = call("POST", started.path + "/cancel", kollegin_);
  if (r.status == 202) {
    auto body = json::parse(r.body);
    EXPECT_TRUE(body["status"] == "cancelled" || body["cancel_requested"] == true) << body.dump();
    auto version = waitFinished(champion_, started.path);
    EXPECT_EQ(version["status"], "cancelled") << version.dump();
    EXPECT_EQ(version["message"], "Der Import wurde abgebrochen.");
    EXPECT_EQ(call("GET", "/api/v1/datasets/" + std::to_string(started.dataset) + "/rows?version=1", champion_).status, 404);
  } else {
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_TRUE(waitFinished(champion_, started.path)["finished"]);
  }
  EXPECT_EQ(call("POST", started.path + "/cancel", fremd_).status, 403);
  // A running import blocks deleting.
  auto second = startImport(champion_, uploadNew(champion_, "Noch einer", "haushalt", "g2.csv", synth.body));
  r = call("DELETE", "/api/v1/datasets/" + std::to_string(second.dataset), champion_);
  EXPECT_TRUE(r.status == 409 || r.status == 204) << r.status << r.body;
  if (r.status == 409) {
    EXPECT_NE(json::parse(r.body)["detail"].get<std::string>().find("wird gerade importiert"), std::string::npos);
    waitFinished(champion_, second.path);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DatasetsApi, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

}  // namespace
}  // namespace opgv::test
