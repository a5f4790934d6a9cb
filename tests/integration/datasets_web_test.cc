// Datasets in the browser, without JavaScript: upload → column mapping → import with progress →
// report → decision → dataset with preview, paging and downloads → delete with confirmation. On
// SQLite and PostgreSQL; the import runs on the real server's queue.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "support/http_client.h"
#include "support/process.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

using nlohmann::json;

const std::string kBoundary = "----opgvDatensatz42";

std::string multipart(const std::vector<std::pair<std::string, std::string>>& fields, const std::string& fileName,
                      const std::string& fileContent) {
  return multipartBody(kBoundary, fields, fileName, fileContent);
}

std::string example(const std::string& model) { return modelExample(model); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class DatasetsWeb : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "PostgreSQL nicht verfügbar";
    server_ = std::make_unique<TestServer>(GetParam());
  }

  // An active organisation with `email` as active member (role mitglied or org_admin).
  int64_t organisationWith(const std::string& name, const std::vector<std::pair<std::string, std::string>>& members) {
    auto& db = *server_->ctx().db;
    std::string slug = name;
    for (auto& c : slug) c = c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int64_t orgId = db.query("INSERT INTO organisations (type, name, slug, status, created_at) VALUES ('govtech', $1, $2, "
                             "'active', 1) RETURNING id",
                             {name, slug})
                        .first()
                        .i64(0);
    for (const auto& [email, role] : members) {
      auto user = db.query("SELECT id FROM users WHERE email = $1", {email});
      int64_t userId = user.empty() ? server_->createUser(email) : user.first().i64(0);
      db.query("INSERT INTO memberships (organisation_id, user_id, role, status, created_at) VALUES ($1, $2, $3, 'active', 1)",
               {orgId, userId, role});
    }
    return orgId;
  }

  HttpResponse upload(Browser& browser, const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::string& fileName, const std::string& content) {
    auto all = fields;
    all.insert(all.begin(), {"csrf_token", browser.csrfToken()});
    return browser.send("POST", "/daten/datensaetze/neu", multipart(all, fileName, content),
                        "multipart/form-data; boundary=" + kBoundary);
  }

  // A member of a new organisation uploads `content` for `model`; returns the mapping page's URL
  // (empty after a failed assertion).
  std::string uploadForMapping(Browser& browser, const std::string& email, const std::string& organisation,
                               const std::string& title, const std::string& model, const std::string& fileName,
                               const std::string& content, int64_t* orgIdOut = nullptr) {
    int64_t orgId = organisationWith(organisation, {{email, "mitglied"}});
    if (orgIdOut) *orgIdOut = orgId;
    browser.get("/daten/datensaetze/neu");
    auto uploaded = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", title}, {"modell", model}}, fileName, content);
    EXPECT_EQ(uploaded.status, 303) << uploaded.body;
    return uploaded.status == 303 ? uploaded.header("location") : std::string();
  }

  struct Imported {
    HttpResponse version;  // the version page once the import has finished
    std::string csv;       // the dataset as CSV
  };
  // Posts the mapping form, follows the import to its end and downloads the dataset.
  Imported importAndDownload(Browser& browser, const std::string& mappingUrl,
                             const std::vector<std::pair<std::string, std::string>>& choices) {
    auto started = browser.postForm(mappingUrl, choices);
    EXPECT_EQ(started.status, 303) << started.body;
    if (started.status != 303) return {started, ""};
    std::string location = started.header("location");
    auto version = waitForVersion(browser, location);
    return {version, browser.get(location.substr(0, location.find("/versionen")) + "/download?format=csv").body};
  }

  // Follows the progress page (as the meta refresh would) until the import has finished.
  HttpResponse waitForVersion(Browser& browser, const std::string& url) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      auto page = browser.get(url);
      if (!contains(page.body, "id=\"fortschritt\"") || std::chrono::steady_clock::now() > deadline) return page;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  std::unique_ptr<TestServer> server_;
};

TEST_P(DatasetsWeb, UploadMapImportBrowseDownloadAndDelete) {
  auto browser = server_->loggedIn("champion@example.org");
  int64_t orgId = organisationWith("Datenwerk Test", {{"champion@example.org", "mitglied"}});

  auto list = browser.get("/daten/datensaetze");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, "Noch keine Datensätze"));
  auto form = browser.get("/daten/datensaetze/neu");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(contains(form.body, "Datenwerk Test"));

  // Missing title and file: German errors, nothing stored.
  auto bad = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", ""}, {"modell", "haushalt/ergebnisplan"}}, "", "");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "Bitte einen Titel angeben"));
  EXPECT_TRUE(contains(bad.body, "Bitte eine Datei auswählen"));
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM dataset_uploads").first().i64(0), 0);
  // A file that is no table: said on the form, not kept.
  auto notATable = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Leer"}, {"modell", "haushalt/ergebnisplan"}},
                          "leer.csv", "\n\n");
  EXPECT_EQ(notATable.status, 422) << notATable.body;
  EXPECT_TRUE(contains(notATable.body, "opgv-error-summary"));
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM dataset_uploads").first().i64(0), 0);

  // Step 1: upload. Step 2: the proposal maps every column of the model's own example.
  auto uploaded = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Haushalt 2024"}, {"modell", "haushalt/ergebnisplan"}},
                         "haushalt.csv", example("haushalt"));
  ASSERT_EQ(uploaded.status, 303) << uploaded.body;
  std::string mappingUrl = uploaded.header("location");
  ASSERT_TRUE(std::regex_match(mappingUrl, std::regex("/daten/datensaetze/hochgeladen/[0-9]+/zuordnung")));
  auto mapping = browser.get(mappingUrl);
  ASSERT_EQ(mapping.status, 200) << mapping.body;
  EXPECT_TRUE(contains(mapping.body, "name=\"quelle.ags\""));
  EXPECT_TRUE(contains(mapping.body, "<option value=\"ertraege_euro\" selected>"));

  // Step 3: import; the progress page reloads itself until the import is done.
  auto started = browser.postForm(mappingUrl, {{"aktion", "importieren"}, {"profil", "haushalt-test"}});
  ASSERT_EQ(started.status, 303) << started.body;
  std::string versionUrl = started.header("location");
  ASSERT_TRUE(std::regex_match(versionUrl, std::regex("/daten/datensaetze/[0-9]+/versionen/1")));
  auto version = waitForVersion(browser, versionUrl);
  ASSERT_EQ(version.status, 200);
  EXPECT_TRUE(contains(version.body, "Diese Version ist übernommen")) << version.body;
  EXPECT_TRUE(contains(version.body, "30 Zeilen fehlerfrei"));
  std::string datasetUrl = versionUrl.substr(0, versionUrl.find("/versionen"));

  // The dataset: preview, downloads. The CSV is the model's example, byte for byte in its values.
  auto dataset = browser.get(datasetUrl);
  ASSERT_EQ(dataset.status, 200);
  EXPECT_TRUE(contains(dataset.body, "Haushalt 2024"));
  EXPECT_TRUE(contains(dataset.body, "Version 1, 30 Zeilen"));
  EXPECT_TRUE(contains(dataset.body, "Innere Verwaltung"));
  auto csv = browser.get(datasetUrl + "/download?format=csv");
  ASSERT_EQ(csv.status, 200);
  std::string expected = example("haushalt");
  std::string normalised = std::regex_replace(csv.body, std::regex("\r\n"), "\n");
  EXPECT_EQ(normalised, expected);
  auto xlsx = browser.get(datasetUrl + "/download?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto jsonFile = browser.get(datasetUrl + "/download?format=json");
  ASSERT_EQ(jsonFile.status, 200);
  auto doc = json::parse(jsonFile.body);
  ASSERT_EQ(doc["zeilen"].size(), 30u);
  EXPECT_EQ(doc["zeilen"][0]["ags"], "09999001");
  EXPECT_TRUE(doc["zeilen"][0]["ertraege_euro"].is_number());
  EXPECT_EQ(browser.get(datasetUrl + "/download?format=pdf").status, 422);

  // Second version with broken rows: the user decides. Nothing is dropped silently.
  std::string broken = example("haushalt");
  broken.replace(broken.find("09999001"), 8, "9999001");  // breaks the AGS pattern in row 2
  broken += "09999001,2024,ergebnis,99,Unbekannt,1,2,-1\n";  // not a Produktbereich
  std::string datasetId = datasetUrl.substr(datasetUrl.rfind('/') + 1);
  auto again = browser.get("/daten/datensaetze/neu?datensatz=" + datasetId);
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(contains(again.body, "Neue Version hochladen"));
  auto second = upload(browser, {{"datensatz", datasetId}}, "haushalt-neu.csv", broken);
  ASSERT_EQ(second.status, 303) << second.body;
  std::string secondMapping = second.header("location");
  auto mapping2 = browser.get(secondMapping);
  ASSERT_EQ(mapping2.status, 200);
  EXPECT_TRUE(contains(mapping2.body, "haushalt-test (Fassung 1)"));  // the saved profile is offered
  auto started2 = browser.postForm(secondMapping, {{"aktion", "importieren"}, {"profil", "haushalt-test"}});
  ASSERT_EQ(started2.status, 303) << started2.body;
  auto review = waitForVersion(browser, started2.header("location"));
  EXPECT_TRUE(contains(review.body, "Wie soll es weitergehen?")) << review.body;
  EXPECT_TRUE(contains(review.body, "29 Zeilen fehlerfrei"));
  EXPECT_TRUE(contains(review.body, "2 Zeilen mit Fehlern"));
  EXPECT_TRUE(contains(review.body, "constraint-error"));
  // Meanwhile the dataset still shows version 1.
  EXPECT_TRUE(contains(browser.get(datasetUrl).body, "Version 1, 30 Zeilen"));
  auto rejects = browser.get(started2.header("location") + "/abgelehnt.csv");
  ASSERT_EQ(rejects.status, 200);
  EXPECT_TRUE(contains(rejects.body, "zeile,fehler,ags"));
  EXPECT_TRUE(contains(rejects.body, "9999001"));
  EXPECT_TRUE(contains(rejects.body, "Unbekannt"));
  auto keep = browser.postForm(started2.header("location") + "/entscheidung", {{"wahl", "gueltige"}});
  ASSERT_EQ(keep.status, 303);
  dataset = browser.follow(keep);
  EXPECT_TRUE(contains(dataset.body, "Die fehlerfreien Zeilen wurden übernommen"));
  EXPECT_TRUE(contains(dataset.body, "Version 2, 29 Zeilen"));
  // The decision is final.
  EXPECT_EQ(browser.postForm(started2.header("location") + "/entscheidung", {{"wahl", "verwerfen"}}).status, 409);
  // The profile has its second version.
  auto profiles = browser.get("/daten/importprofile");
  ASSERT_EQ(profiles.status, 200);
  EXPECT_TRUE(contains(profiles.body, "haushalt-test"));
  std::smatch match;
  ASSERT_TRUE(std::regex_search(profiles.body, match, std::regex("/daten/importprofile/([0-9]+)")));
  auto profile = browser.get(match[0].str());
  EXPECT_TRUE(contains(profile.body, "Fassung 2 herunterladen"));
  auto profileFile = browser.get(match[0].str() + "/versionen/2");
  ASSERT_EQ(profileFile.status, 200);
  EXPECT_EQ(json::parse(profileFile.body)["model"], "haushalt");

  // Deleting asks first, then removes everything.
  auto confirm = browser.get(datasetUrl + "/loeschen");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(contains(confirm.body, "endgültig gelöscht"));
  EXPECT_EQ(browser.get(datasetUrl).status, 200);
  auto removed = browser.postForm(datasetUrl + "/loeschen", {});
  ASSERT_EQ(removed.status, 303);
  EXPECT_EQ(removed.header("location"), "/daten/datensaetze");
  EXPECT_EQ(browser.get(datasetUrl).status, 404);
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM dataset_rows").first().i64(0), 0);
}

TEST_P(DatasetsWeb, WrongMappingIsExplainedAndCanBeCorrected) {
  auto browser = server_->loggedIn("mapper@example.org");
  int64_t orgId = organisationWith("Mapping GmbH", {{"mapper@example.org", "org_admin"}});
  browser.get("/daten/datensaetze/neu");
  // A Kommune's own export: German notation, other column names.
  std::string own = "Gemeindeschlüssel;Jahr;Planart;Produktbereich;Bezeichnung;Ertraege;Aufwendungen;Saldo\n"
                    "09999001;2024;ansatz;11;Innere Verwaltung;1.500,50;2.500,00;-999,50\n"
                    "09999001;2024;ansatz;12;Sicherheit und Ordnung;100,00;300,25;-200,25\n";
  auto uploaded = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Eigener Export"}, {"modell", "haushalt/ergebnisplan"}},
                         "export.csv", own);
  ASSERT_EQ(uploaded.status, 303) << uploaded.body;
  std::string mappingUrl = uploaded.header("location");
  auto mapping = browser.get(mappingUrl);
  ASSERT_EQ(mapping.status, 200);
  EXPECT_TRUE(contains(mapping.body, "<option value=\"Gemeindeschlüssel\" selected>")) << mapping.body;
  EXPECT_TRUE(contains(mapping.body, "<option value=\"Ertraege\" selected>"));

  // A column that is not in the file: the form says so and keeps the choices.
  auto wrong = browser.postForm(mappingUrl, {{"aktion", "importieren"}, {"profil", "eigener-export"}, {"quelle.ags", "Gibtsnicht"},
                                             {"quelle.haushaltsjahr", "Jahr"}, {"quelle.planart", "Planart"},
                                             {"quelle.produktbereich", "Produktbereich"}, {"quelle.produktbereich_name", "Bezeichnung"},
                                             {"quelle.ertraege_euro", "Ertraege"}, {"quelle.aufwendungen_euro", "Aufwendungen"},
                                             {"quelle.saldo_euro", "Saldo"}});
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_TRUE(contains(wrong.body, "Gibtsnicht"));
  EXPECT_TRUE(contains(wrong.body, "opgv-error-summary"));
  // A bad profile name.
  auto badName = browser.postForm(mappingUrl, {{"aktion", "importieren"}, {"profil", "Mein Profil!"}});
  EXPECT_EQ(badName.status, 422);
  EXPECT_TRUE(contains(badName.body, "Kleinbuchstaben"));

  // The planart "ansatz" with a constant: the fixed value replaces the column.
  auto fixed = browser.postForm(mappingUrl, {{"aktion", "importieren"}, {"profil", "eigener-export"}, {"quelle.planart", "="},
                                             {"wert.planart", "ergebnis"}});
  ASSERT_EQ(fixed.status, 303) << fixed.body;
  auto version = waitForVersion(browser, fixed.header("location"));
  EXPECT_TRUE(contains(version.body, "Diese Version ist übernommen")) << version.body;
  std::string datasetUrl = fixed.header("location").substr(0, fixed.header("location").find("/versionen"));
  auto csv = browser.get(datasetUrl + "/download?format=csv");
  EXPECT_TRUE(contains(csv.body, "09999001,2024,ergebnis,11,Innere Verwaltung,1500.50,2500.00,-999.50")) << csv.body;

  // Discarding a version in review and mapping the same file again.
  std::string broken = own + "09999001;2024;ansatz;11;Doppelt;1,00;2,00;-1,00\n";  // duplicate key
  auto second = upload(browser, {{"datensatz", datasetUrl.substr(datasetUrl.rfind('/') + 1)}}, "export2.csv", broken);
  ASSERT_EQ(second.status, 303);
  auto started = browser.postForm(second.header("location"), {{"aktion", "importieren"}, {"profil", "eigener-export"},
                                                              {"quelle.planart", "="}, {"wert.planart", "ergebnis"}});
  ASSERT_EQ(started.status, 303) << started.body;
  auto review = waitForVersion(browser, started.header("location"));
  ASSERT_TRUE(contains(review.body, "Wie soll es weitergehen?")) << review.body;
  auto remap = browser.postForm(started.header("location") + "/entscheidung", {{"wahl", "zuordnung"}});
  ASSERT_EQ(remap.status, 303);
  EXPECT_EQ(remap.header("location"), second.header("location"));
  auto discarded = browser.get(started.header("location"));
  EXPECT_TRUE(contains(discarded.body, "verworfen"));
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM dataset_rows WHERE valid = 0").first().i64(0), 0);
}

TEST_P(DatasetsWeb, OnlyMembersSeeAnOrganisationsDatasets) {
  auto owner = server_->loggedIn("owner@example.org");
  int64_t orgId = organisationWith("Eigene Org", {{"owner@example.org", "mitglied"}});
  owner.get("/daten/datensaetze/neu");
  auto uploaded = upload(owner, {{"organisation", std::to_string(orgId)}, {"titel", "Geheim"}, {"modell", "haushalt/ergebnisplan"}},
                         "haushalt.csv", example("haushalt"));
  ASSERT_EQ(uploaded.status, 303);
  auto started = owner.postForm(uploaded.header("location"), {{"aktion", "importieren"}});
  ASSERT_EQ(started.status, 303) << started.body;
  waitForVersion(owner, started.header("location"));
  std::string datasetUrl = started.header("location").substr(0, started.header("location").find("/versionen"));

  auto stranger = server_->loggedIn("fremd@example.org");
  EXPECT_EQ(stranger.get(datasetUrl).status, 403);
  EXPECT_EQ(stranger.get(datasetUrl + "/download?format=csv").status, 403);
  EXPECT_EQ(stranger.get(uploaded.header("location")).status, 404);
  EXPECT_FALSE(contains(stranger.get("/daten/datensaetze").body, "Geheim"));
  stranger.get("/daten/datensaetze/neu");
  auto foreign = upload(stranger, {{"organisation", std::to_string(orgId)}, {"titel", "X"}, {"modell", "haushalt/ergebnisplan"}},
                        "a.csv", example("haushalt"));
  EXPECT_EQ(foreign.status, 403);
  // A plain member who did not create it may not delete it either… but the creator may.
  EXPECT_EQ(owner.get(datasetUrl + "/loeschen").status, 200);

  Browser guest = server_->browser();
  auto redirect = guest.get("/daten/datensaetze");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.header("location").rfind("/anmelden", 0), 0u);
}

TEST_P(DatasetsWeb, ProgressPageReloadsOnlyWhenAskedAndTheDecisionNeedsAChoice) {
  auto browser = server_->loggedIn("geduld@example.org");
  int64_t orgId = organisationWith("Geduld AG", {{"geduld@example.org", "mitglied"}});
  browser.get("/daten/datensaetze/neu");
  std::string broken = example("haushalt");
  broken.replace(broken.find("09999001"), 8, "9999001");
  auto uploaded = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Geduld"}, {"modell", "haushalt/ergebnisplan"}},
                         "haushalt.csv", broken);
  ASSERT_EQ(uploaded.status, 303);
  auto started = browser.postForm(uploaded.header("location"), {{"aktion", "importieren"}});
  ASSERT_EQ(started.status, 303);
  std::string versionUrl = started.header("location");
  waitForVersion(browser, versionUrl);
  // As if it were still running (a real one is over too fast to catch).
  auto& db = *server_->ctx().db;
  db.query("UPDATE dataset_versions SET status = 'running', progress_percent = 42, phase = 'Werte prüfen und speichern', "
           "heartbeat_at = $1", {static_cast<int64_t>(std::time(nullptr))});
  auto running = browser.get(versionUrl);
  ASSERT_EQ(running.status, 200);
  EXPECT_TRUE(contains(running.body, "<progress id=\"v-fortschritt\" max=\"100\" value=\"42\">"));
  EXPECT_TRUE(contains(running.body, "Werte prüfen und speichern"));
  EXPECT_TRUE(contains(running.body, "data-opgv-poll=\"" + versionUrl + "\""));
  EXPECT_FALSE(contains(running.body, "http-equiv=\"refresh\""));  // WCAG 2.2.1: no reload unasked
  auto optedIn = browser.get(versionUrl + "?aktualisieren=an");
  EXPECT_TRUE(contains(optedIn.body, "<meta http-equiv=\"refresh\" content=\"5\">"));
  EXPECT_TRUE(contains(optedIn.body, "Automatisches Neuladen beenden"));
  EXPECT_FALSE(contains(optedIn.body, "data-opgv-poll"));
  db.query("UPDATE dataset_versions SET status = 'review', progress_percent = 100, phase = ''");

  auto page = browser.get(versionUrl);
  EXPECT_TRUE(contains(page.body, "die fehlerhafte Zeile bleibt"));  // one row: singular
  auto noChoice = browser.postForm(versionUrl + "/entscheidung", {});
  EXPECT_EQ(noChoice.status, 422);
  EXPECT_TRUE(contains(noChoice.body, "Bitte wählen Sie, wie es weitergehen soll."));
  EXPECT_TRUE(contains(noChoice.body, "kern-fieldset--error"));
  EXPECT_TRUE(contains(noChoice.body, "href=\"#d-wahl\""));
  EXPECT_TRUE(contains(browser.get(versionUrl).body, "Wie soll es weitergehen?"));  // nothing decided
}

TEST_P(DatasetsWeb, TheModelCanBeProposedFromColumnsFileNameAndMusterdatenkatalogLabels) {
  auto browser = server_->loggedIn("auto@example.org");
  int64_t orgId = organisationWith("Automatik", {{"auto@example.org", "mitglied"}});
  auto form = browser.get("/daten/datensaetze/neu");
  EXPECT_TRUE(contains(form.body, "<option value=\"auto\" selected>Automatisch vorschlagen"));
  std::string own = "Gemeindeschlüssel;Jahr;Planart;Produktbereich;Bezeichnung;Ertraege;Aufwendungen;Saldo\n"
                    "09999001;2024;ergebnis;11;Innere Verwaltung;1.500,50;2.500,00;-999,50\n";
  auto uploaded = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Plan"}, {"modell", "auto"}},
                         "Haushaltsplan_2024.csv", own);
  ASSERT_EQ(uploaded.status, 303) << uploaded.body;
  auto mapping = browser.get(uploaded.header("location"));
  ASSERT_EQ(mapping.status, 200);
  EXPECT_TRUE(contains(mapping.body, "Passt das Datenmodell?"));
  EXPECT_TRUE(contains(mapping.body, "<strong>Haushalt (Ergebnisplan nach Produktbereichen)</strong> (") && contains(mapping.body, "Gewählt")) << mapping.body.substr(mapping.body.find("modellwahl"), 1500);
  EXPECT_TRUE(contains(mapping.body, "Gewählt."));
  EXPECT_TRUE(contains(mapping.body, "„haushaltsplan“ passt zu „Finanzen - Haushalt - Plan“"));
  EXPECT_TRUE(contains(mapping.body, "name=\"quelle.ertraege_euro\""));
  // Switching to another model shows its fields; the choice travels with the form.
  auto other = browser.get(uploaded.header("location") + "?modell=schulen%2Fschulen");
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_TRUE(contains(other.body, "name=\"modell\" value=\"schulen/schulen\""));
  EXPECT_FALSE(contains(other.body, "name=\"quelle.ertraege_euro\""));
  // Nothing fits: say so instead of guessing.
  auto nothing = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "X"}, {"modell", "auto"}}, "a.csv",
                        "Farbe;Geschmack\nrot;süß\n");
  EXPECT_EQ(nothing.status, 422);
  EXPECT_TRUE(contains(nothing.body, "passt keines der Datenmodelle")) << nothing.body;
}

TEST_P(DatasetsWeb, UnitsCodesAndAggregationAreChosenInTheForm) {
  auto browser = server_->loggedIn("rechnen@example.org");
  int64_t orgId = organisationWith("Rechenstelle", {{"rechnen@example.org", "mitglied"}});
  browser.get("/daten/datensaetze/neu");
  // Haushalt: another code for the plan type and amounts to convert (× 0,001 just to see it).
  std::string own = "Gemeindeschlüssel;Jahr;Art;Produktbereich;Bezeichnung;Ertraege;Aufwendungen;Saldo\n"
                    "09999001;2024;Ist;11;Innere Verwaltung;1.500,50;2.500,00;-999,50\n";
  auto uploaded = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Umgerechnet"}, {"modell", "haushalt/ergebnisplan"}},
                         "haushalt.csv", own);
  ASSERT_EQ(uploaded.status, 303) << uploaded.body;
  std::string mappingUrl = uploaded.header("location");
  auto bad = browser.postForm(mappingUrl, {{"aktion", "importieren"}, {"quelle.planart", "Art"}, {"faktor.ertraege_euro", "viel"},
                                           {"codes.planart", "Ist ergebnis"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "Der Umrechnungsfaktor „viel“ ist keine Zahl"));
  EXPECT_TRUE(contains(bad.body, "Die Zeile „Ist ergebnis“ hat kein „=“"));
  EXPECT_TRUE(contains(bad.body, "<details class=\"opgv-details\" open>"));  // the typed values stay visible
  auto started = browser.postForm(mappingUrl, {{"aktion", "importieren"}, {"profil", "umgerechnet"}, {"quelle.planart", "Art"},
                                               {"faktor.ertraege_euro", "0,001"}, {"codes.planart", "Ist = ergebnis\n\n"}});
  ASSERT_EQ(started.status, 303) << started.body;
  auto version = waitForVersion(browser, started.header("location"));
  EXPECT_TRUE(contains(version.body, "Diese Version ist übernommen")) << version.body;
  std::string datasetUrl = started.header("location").substr(0, started.header("location").find("/versionen"));
  EXPECT_TRUE(contains(browser.get(datasetUrl + "/download?format=csv").body, "09999001,2024,ergebnis,11,Innere Verwaltung,1.5005,2500.00,-999.50"));

  // Sozialraum: Planungsräume (8 digits) to Prognoseräume (4), weighted by EW; the unit comes from
  // the indicator code through a code translation.
  std::string plr = "Planungsraum;Indikator;Wert;EW\n01100101;S1;4,0;100\n01100102;S1;2,0;300\n01200101;S1;3,0;50\n";
  auto second = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Prognoseräume"},
                                 {"modell", "sozialraum-indikatoren/indikatorwerte"}}, "plr.csv", plr);
  ASSERT_EQ(second.status, 303) << second.body;
  std::vector<std::pair<std::string, std::string>> choices = {
      {"aktion", "importieren"}, {"profil", "prognoseraeume"},
      {"quelle.gebiet_id", "Planungsraum"}, {"quelle.gebietsebene", "="}, {"wert.gebietsebene", "planungsraum"},
      {"quelle.stichtag", "="}, {"wert.stichtag", "2020-12-31"}, {"quelle.indikator", "Indikator"}, {"quelle.wert", "Wert"},
      {"quelle.einheit", "Indikator"}, {"codes.einheit", "S1 = prozent"},
      {"zusammenfassen_angeboten", "1"}, {"zusammenfassen", "1"}, {"zusammenfassen.zeichen", "4"}, {"zusammenfassen.ebene", "prognoseraum"},
      {"zusammenfassen.gebiet", "gebiet_id"}, {"zusammenfassen.ebenenfeld", "gebietsebene"}, {"zusammenfassen.wert", "wert"},
      {"zusammenfassen.methode", "gewichteter_mittelwert"}, {"zusammenfassen.gewicht", ""}};
  auto noWeight = browser.postForm(second.header("location"), choices);
  EXPECT_EQ(noWeight.status, 422);
  EXPECT_TRUE(contains(noWeight.body, "bitte die Spalte mit dem Gewicht wählen")) << noWeight.body;
  choices.back().second = "EW";
  auto aggregated = browser.postForm(second.header("location"), choices);
  ASSERT_EQ(aggregated.status, 303) << aggregated.body;
  auto done = waitForVersion(browser, aggregated.header("location"));
  EXPECT_TRUE(contains(done.body, "Diese Version ist übernommen")) << done.body;
  std::string url = aggregated.header("location").substr(0, aggregated.header("location").find("/versionen"));
  auto csv = browser.get(url + "/download?format=csv").body;
  EXPECT_TRUE(contains(csv, "0110,prognoseraum,2020-12-31,S1,2.5,prozent")) << csv;
  EXPECT_TRUE(contains(csv, "0120,prognoseraum,2020-12-31,S1,3,prozent")) << csv;
}

// Areas that are no prefix of each other (here: Planungsräume to Bezirksregionen with their own
// ids) are combined by a mapping table pasted into the form, e.g. two columns copied from a
// spreadsheet (tab-separated) with their header line.
TEST_P(DatasetsWeb, AreasAreCombinedByAPastedMappingTable) {
  auto browser = server_->loggedIn("tabelle@example.org");
  std::string plr = "Planungsraum;Indikator;Wert;EW\n01100101;S1;4,0;100\n01100102;S1;2,0;300\n01200101;S1;3,0;50\n"
                    "09999999;S1;1,0;10\n";
  int64_t orgId = 0;
  std::string mappingUrl = uploadForMapping(browser, "tabelle@example.org", "Statistikstelle", "Bezirksregionen",
                                            "sozialraum-indikatoren/indikatorwerte", "plr.csv", plr, &orgId);
  ASSERT_FALSE(mappingUrl.empty());
  std::vector<std::pair<std::string, std::string>> choices = {
      {"aktion", "importieren"}, {"profil", "bezirksregionen"},
      {"quelle.gebiet_id", "Planungsraum"}, {"quelle.gebietsebene", "="}, {"wert.gebietsebene", "planungsraum"},
      {"quelle.stichtag", "="}, {"wert.stichtag", "2020-12-31"}, {"quelle.indikator", "Indikator"}, {"quelle.wert", "Wert"},
      {"quelle.einheit", "Indikator"}, {"codes.einheit", "S1 = prozent"},
      {"zusammenfassen_angeboten", "1"}, {"zusammenfassen", "1"}, {"zusammenfassen.nach", "tabelle"},
      {"zusammenfassen.zeichen", ""}, {"zusammenfassen.ebene", "bezirksregion"},
      {"zusammenfassen.gebiet", "gebiet_id"}, {"zusammenfassen.ebenenfeld", "gebietsebene"}, {"zusammenfassen.wert", "wert"},
      {"zusammenfassen.methode", "gewichteter_mittelwert"}, {"zusammenfassen.gewicht", "EW"},
      {"zusammenfassen.tabelle", "01100101;BZR-A\n01100101;BZR-B\nnur-ein-wert\n<b>x</b>\n"}};

  auto bad = browser.postForm(mappingUrl, choices);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "Zuordnungstabelle, Zeile 2: „01100101“ steht schon in Zeile 1 mit „BZR-A“")) << bad.body;
  EXPECT_TRUE(contains(bad.body, "Zuordnungstabelle, Zeile 3 („nur-ein-wert“): Bitte je Zeile genau zwei Werte angeben"));
  // Nothing typed is lost, and the choice of the table stays.
  EXPECT_TRUE(contains(bad.body, ">01100101;BZR-A\n01100101;BZR-B\nnur-ein-wert\n&lt;b&gt;x&lt;/b&gt;\n</textarea>")) << bad.body;
  EXPECT_FALSE(contains(bad.body, "<b>x"));
  EXPECT_TRUE(contains(bad.body, "value=\"tabelle\" checked"));

  auto empty = choices;
  empty.back().second = "\n  \n";
  auto noTable = browser.postForm(mappingUrl, empty);
  EXPECT_EQ(noTable.status, 422);
  EXPECT_TRUE(contains(noTable.body, "Bitte die Zuordnungstabelle eintragen"));

  choices.back().second = "Planungsraum\tBezirksregion\r\n01100101\tBZR-A\r\n01100102\tBZR-A\r\n\"01200101\"\t\"BZR-B\"\r\n";
  auto [done, csv] = importAndDownload(browser, mappingUrl, choices);
  EXPECT_TRUE(contains(done.body, "Diese Version ist übernommen")) << done.body;
  // 09999999 is in no row of the table: counted, not silently lost.
  EXPECT_TRUE(contains(done.body, "1 Zeile ließ sich keinem Gebiet der Ebene „bezirksregion“ zuordnen")) << done.body;
  EXPECT_TRUE(contains(csv, "BZR-A,bezirksregion,2020-12-31,S1,2.5,prozent")) << csv;  // (4 × 100 + 2 × 300) / 400
  EXPECT_TRUE(contains(csv, "BZR-B,bezirksregion,2020-12-31,S1,3,prozent")) << csv;
  EXPECT_FALSE(contains(csv, "09999999"));

  // The saved profile keeps the table inside, so it runs again without a file next to it, and a
  // new upload started from it shows the table in the form.
  auto profiles = browser.get("/daten/importprofile");
  std::smatch link;
  ASSERT_TRUE(std::regex_search(profiles.body, link, std::regex(R"re(href="(/daten/importprofile/(\d+))")re"))) << profiles.body;
  auto versionJson = browser.get(link[1].str() + "/versionen/1");
  ASSERT_EQ(versionJson.status, 200) << versionJson.body;
  auto saved = nlohmann::json::parse(versionJson.body);
  EXPECT_EQ(saved["aggregate"]["table"]["rows"],
            nlohmann::json::parse(R"([["Planungsraum","Bezirksregion"],["01100101","BZR-A"],["01100102","BZR-A"],["01200101","BZR-B"]])"));
  EXPECT_FALSE(saved["aggregate"].contains("prefix"));
  auto next = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Nächstes Jahr"},
                               {"modell", "sozialraum-indikatoren/indikatorwerte"}}, "plr-2021.csv", plr);
  ASSERT_EQ(next.status, 303) << next.body;
  auto loaded = browser.postForm(next.header("location"), {{"aktion", "laden"}, {"profil_id", link[2].str()}});
  EXPECT_TRUE(contains(loaded.body, ">Planungsraum;Bezirksregion\n01100101;BZR-A\n01100102;BZR-A\n01200101;BZR-B\n</textarea>"))
      << loaded.body;
  EXPECT_TRUE(contains(loaded.body, "value=\"tabelle\" checked"));
}

TEST_P(DatasetsWeb, AWideTableBecomesRowsOfTheLongModel) {
  auto browser = server_->loggedIn("sozial@example.org");
  int64_t orgId = organisationWith("Sozialplanung", {{"sozial@example.org", "mitglied"}});
  browser.get("/daten/datensaetze/neu");
  // One column per indicator, as monitoring tables are usually delivered.
  std::string wide = "Planungsraum;S1;S3;S4\n01100101;4,22594;2,5;10,1\n01100102;3,1;1,75;8\n";
  auto uploaded = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "Monitoring"},
                                   {"modell", "sozialraum-indikatoren/indikatorwerte"}}, "monitoring.csv", wide);
  ASSERT_EQ(uploaded.status, 303) << uploaded.body;
  std::string mappingUrl = uploaded.header("location");
  auto mapping = browser.get(mappingUrl);
  ASSERT_EQ(mapping.status, 200);
  EXPECT_TRUE(contains(mapping.body, "3 Spalten zu Zeilen machen")) << mapping.body;
  EXPECT_TRUE(contains(mapping.body, "id=\"m-umformen\" name=\"umformen\" value=\"1\" checked"));
  auto started = browser.postForm(mappingUrl, {{"aktion", "importieren"}, {"profil", "monitoring-breit"}, {"umformen_angeboten", "1"},
                                               {"umformen", "1"}, {"quelle.gebiet_id", "Planungsraum"},
                                               {"quelle.gebietsebene", "="}, {"wert.gebietsebene", "planungsraum"},
                                               {"quelle.stichtag", "="}, {"wert.stichtag", "2020-12-31"},
                                               {"quelle.einheit", "="}, {"wert.einheit", "prozent"}});
  ASSERT_EQ(started.status, 303) << started.body;
  auto version = waitForVersion(browser, started.header("location"));
  EXPECT_TRUE(contains(version.body, "Diese Version ist übernommen")) << version.body;
  EXPECT_TRUE(contains(version.body, "6 Zeilen fehlerfrei"));
  std::string datasetUrl = started.header("location").substr(0, started.header("location").find("/versionen"));
  auto csv = browser.get(datasetUrl + "/download?format=csv");
  EXPECT_TRUE(contains(csv.body, "01100101,planungsraum,2020-12-31,S1,4.22594,prozent")) << csv.body;
  EXPECT_TRUE(contains(csv.body, "01100102,planungsraum,2020-12-31,S3,1.75,prozent"));
}

// The other way: a long table (one row per area and indicator) into the wide model (one column
// per indicator). The platform sees the indicator codes among the values of a column.
TEST_P(DatasetsWeb, ALongTableBecomesColumnsOfTheWideModel) {
  auto browser = server_->loggedIn("breit@example.org");
  std::string longTable = "Planungsraum;Ebene;Stichtag;Indikator;Wert\n"
                          "01100101;planungsraum;31.12.2020;EW;100\n01100101;planungsraum;31.12.2020;S1;4,22594\n"
                          "01100101;planungsraum;31.12.2020;S3;2,5\n01100101;planungsraum;31.12.2020;XYZ;1\n"
                          "01100102;planungsraum;31.12.2020;EW;300\n01100102;planungsraum;31.12.2020;S1;3,1\n";
  std::string mappingUrl = uploadForMapping(browser, "breit@example.org", "Sozialplanung Breit", "Monitoring breit",
                                            "sozialraum-indikatoren/indikatorwerte-breit", "monitoring-lang.csv", longTable);
  ASSERT_FALSE(mappingUrl.empty());
  auto mapping = browser.get(mappingUrl);
  ASSERT_EQ(mapping.status, 200);
  EXPECT_TRUE(contains(mapping.body, "Lange Tabelle umformen")) << mapping.body;
  EXPECT_TRUE(contains(mapping.body, "Zeilen zu 3 Spalten machen")) << mapping.body;
  EXPECT_TRUE(contains(mapping.body, "<option value=\"S1\" selected>Wert der Zeilen mit „S1“ in „Indikator“</option>")) << mapping.body;
  // Without JavaScript, the form as proposed: only the constant level is added by hand.
  auto [version, csv] = importAndDownload(
      browser, mappingUrl,
      {{"aktion", "importieren"}, {"profil", "monitoring-lang"}, {"umformen_angeboten", "1"}, {"umformen", "1"},
       {"quelle.gebiet_id", "Planungsraum"}, {"quelle.gebietsebene", "Ebene"}, {"quelle.stichtag", "Stichtag"},
       {"quelle.ew", "EW"}, {"quelle.s1", "S1"}, {"quelle.s3", "S3"}});
  EXPECT_TRUE(contains(version.body, "Diese Version ist übernommen")) << version.body;
  EXPECT_TRUE(contains(version.body, "2 Zeilen fehlerfrei")) << version.body;
  EXPECT_TRUE(contains(csv, "gebiet_id,gebietsebene,stichtag,ew,s1,s3,s4,d1,d3,d4\r\n")) << csv;
  EXPECT_TRUE(contains(csv, "01100101,planungsraum,2020-12-31,100,4.22594,2.5,,,,\r\n")) << csv;
  EXPECT_TRUE(contains(csv, "01100102,planungsraum,2020-12-31,300,3.1,,,,,\r\n")) << csv;
  // The row with the code the model has no column for is counted, not silently dropped.
  EXPECT_TRUE(contains(version.body, "1 Wert gehört zu keiner der genannten Spalten")) << version.body;
}

// The Berlin social monitoring's raw tables through the form alone: a marker for missing values
// (-9999), the validity flag KOM as a condition, wide → long, and aggregation where population is
// added up and shares are weighted by it. Expected values computed by hand below.
TEST_P(DatasetsWeb, MissingMarkersConditionsAndPerIndicatorRulesAreChosenInTheForm) {
  auto browser = server_->loggedIn("monitoring@example.org");
  std::string raw = "PLR_ID;EW;S1;S3;S4;KOM\n"
                    "01100101;100;4,0;1,0;2,0;gültig\n"
                    "01100102;300;2,0;-9999;4,0;gültig\n"
                    "01100103;50;9,0;9,0;9,0;ungültig\n"
                    "01200101;50;3,0;3,0;3,0;gültig\n";
  int64_t orgId = 0;
  std::string mappingUrl = uploadForMapping(browser, "monitoring@example.org", "Monitoring", "MSS roh",
                                            "sozialraum-indikatoren/indikatorwerte", "mss.csv", raw, &orgId);
  ASSERT_FALSE(mappingUrl.empty());
  auto form = browser.get(mappingUrl);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "Werte der Datei lesen"));
  EXPECT_TRUE(contains(form.body, "<option value=\"KOM\">KOM</option>")) << form.body;

  std::vector<std::pair<std::string, std::string>> choices = {
      {"aktion", "importieren"}, {"profil", "mss-roh"}, {"umformen_angeboten", "1"}, {"umformen", "1"},
      {"quelle.gebiet_id", "PLR_ID"}, {"quelle.gebietsebene", "="}, {"wert.gebietsebene", "planungsraum"},
      {"quelle.stichtag", "="}, {"wert.stichtag", "2020-12-31"}, {"quelle.indikator", "merkmal"}, {"quelle.wert", "wert"},
      {"quelle.einheit", "merkmal"}, {"codes.einheit", "EW = anzahl\nS1 = prozent\nS3 = prozent\nS4 = prozent"},
      {"lesen_angeboten", "1"}, {"fehlend", "-9999"}, {"bedingung", "1"}, {"bedingung.spalte", ""},
      {"bedingung.vergleich", "ungleich"}, {"bedingung.wert", "gültig"}, {"bedingung.behalten", "PLR_ID"},
      {"bedingung.behalten", "EW"},
      {"zusammenfassen_angeboten", "1"}, {"zusammenfassen", "1"}, {"zusammenfassen.nach", "praefix"},
      {"zusammenfassen.zeichen", "4"}, {"zusammenfassen.ebene", "prognoseraum"}, {"zusammenfassen.gebiet", "gebiet_id"},
      {"zusammenfassen.ebenenfeld", "gebietsebene"}, {"zusammenfassen.wert", "wert"},
      {"zusammenfassen.methode", "gewichteter_mittelwert"}, {"zusammenfassen.gewicht", "EW"},
      {"zusammenfassen.methode_nach", "indikator"}, {"zusammenfassen.methoden", "EW summe"}};
  auto bad = browser.postForm(mappingUrl, choices);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "Bitte die Spalte wählen, deren Wert über die Zeile entscheidet")) << bad.body;
  EXPECT_TRUE(contains(bad.body, "Abweichende Rechnung, Zeile 1 („EW summe“)")) << bad.body;
  // What was typed comes back.
  EXPECT_TRUE(contains(bad.body, "id=\"m-fehlend\" name=\"fehlend\" type=\"text\" value=\"-9999\""));
  EXPECT_TRUE(contains(bad.body, "value=\"EW\" checked"));
  EXPECT_TRUE(contains(bad.body, ">EW summe</textarea>"));

  for (auto& [name, value] : choices) {
    if (name == "bedingung.spalte") value = "KOM";
    if (name == "zusammenfassen.methoden") value = "EW = summe";
  }
  auto [version, csv] = importAndDownload(browser, mappingUrl, choices);
  EXPECT_TRUE(contains(version.body, "Diese Version ist übernommen")) << version.body;
  // S1, S3 and S4 of the invalid Planungsraum 01100103; its id and EW are kept.
  EXPECT_TRUE(contains(version.body, "3 Werte wurden nach den Bedingungen des Profils als fehlend übernommen")) << version.body;
  EXPECT_TRUE(contains(csv, "0110,prognoseraum,2020-12-31,EW,450,anzahl")) << csv;     // 100 + 300 + 50
  EXPECT_TRUE(contains(csv, "0110,prognoseraum,2020-12-31,S1,2.5,prozent")) << csv;    // (4 × 100 + 2 × 300) / 400
  EXPECT_TRUE(contains(csv, "0110,prognoseraum,2020-12-31,S3,1,prozent")) << csv;      // -9999 and ungültig left out
  EXPECT_TRUE(contains(csv, "0110,prognoseraum,2020-12-31,S4,3.5,prozent")) << csv;    // (2 × 100 + 4 × 300) / 400
  EXPECT_TRUE(contains(csv, "0120,prognoseraum,2020-12-31,EW,50,anzahl")) << csv;

  // The saved profile has all of it, and loading it fills the form again.
  auto profiles = browser.get("/daten/importprofile");
  std::smatch link;
  ASSERT_TRUE(std::regex_search(profiles.body, link, std::regex(R"re(href="(/daten/importprofile/(\d+))")re")));
  auto saved = nlohmann::json::parse(browser.get(link[1].str() + "/versionen/1").body);
  EXPECT_EQ(saved["source"]["missingValues"], nlohmann::json::parse(R"(["", "-9999"])")) << saved.dump(2);
  EXPECT_EQ(saved["conditions"], nlohmann::json::parse(R"([{"column":"KOM","notEquals":"gültig","keep":["PLR_ID","EW"]}])"));
  EXPECT_EQ(saved["aggregate"]["methodBy"], "indikator");
  EXPECT_EQ(saved["aggregate"]["methods"], nlohmann::json::parse(R"({"EW":"summe"})"));
  auto next = upload(browser, {{"organisation", std::to_string(orgId)}, {"titel", "MSS roh 2023"},
                               {"modell", "sozialraum-indikatoren/indikatorwerte"}}, "mss-2023.csv", raw);
  ASSERT_EQ(next.status, 303);
  auto loaded = browser.postForm(next.header("location"), {{"aktion", "laden"}, {"profil_id", link[2].str()}});
  EXPECT_TRUE(contains(loaded.body, "<option value=\"KOM\" selected>KOM</option>")) << loaded.body;
  EXPECT_TRUE(contains(loaded.body, ">EW = summe\n</textarea>"));
  EXPECT_TRUE(contains(loaded.body, "value=\"-9999\""));
}

// The issue's acceptance through the browser form alone: the raw Berlin MSS 2021 index table,
// with the choices of the repository's profile made in the form (missing marker, KOM condition,
// wide → long, units, Prognoseräume weighted by EW with EW summed), gives the same 58 areas and
// values as `opgv import` with that profile. The data is not in the repository; skipped without it.
TEST_P(DatasetsWeb, TheBerlinRawTableThroughTheFormMatchesTheRepositoryProfile) {
  namespace fs = std::filesystem;
  fs::path raw = fs::path(sourceDir()) / ".." / "shared" / "data" / "berlin-mss-2021" / "raw" / "mss_2021_index_indikatoren.csv";
  if (!fs::exists(raw)) GTEST_SKIP() << "Berlin-MSS-Daten fehlen: " << raw;
  std::ifstream in(raw, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();

  auto browser = server_->loggedIn("berlin@example.org");
  std::string mappingUrl = uploadForMapping(browser, "berlin@example.org", "Berlin Monitoring", "MSS 2021 Prognoseräume",
                                            "sozialraum-indikatoren/indikatorwerte", "mss_2021_index_indikatoren.csv", text.str());
  ASSERT_FALSE(mappingUrl.empty());
  auto form = browser.get(mappingUrl);
  ASSERT_TRUE(contains(form.body, "9 Spalten zu Zeilen machen")) << form.body;  // EW, S1–S4, D1–D4 proposed
  std::vector<std::pair<std::string, std::string>> choices = {
      {"aktion", "importieren"}, {"profil", "mss-2021-prognoseraeume"}, {"umformen_angeboten", "1"}, {"umformen", "1"},
      {"quelle.gebiet_id", "PLR_ID"}, {"quelle.gebietsebene", "="}, {"wert.gebietsebene", "planungsraum"},
      {"quelle.stichtag", "="}, {"wert.stichtag", "2020-12-31"}, {"quelle.indikator", "merkmal"}, {"quelle.wert", "wert"},
      {"quelle.einheit", "merkmal"},
      {"codes.einheit", "EW = anzahl\nS1 = prozent\nS2 = prozent\nS3 = prozent\nS4 = prozent\n"
                        "D1 = prozentpunkte\nD2 = prozentpunkte\nD3 = prozentpunkte\nD4 = prozentpunkte"},
      {"lesen_angeboten", "1"}, {"fehlend", "-9999"}, {"bedingung", "1"}, {"bedingung.spalte", "KOM"},
      {"bedingung.vergleich", "ungleich"}, {"bedingung.wert", "gültig"}};
  for (const char* column : {"ZEIT", "PLR_ID", "PLR_NAME", "EW", "BEZ_ID"}) choices.emplace_back("bedingung.behalten", column);
  for (const auto& choice : std::vector<std::pair<std::string, std::string>>{
           {"zusammenfassen_angeboten", "1"}, {"zusammenfassen", "1"}, {"zusammenfassen.nach", "praefix"},
           {"zusammenfassen.zeichen", "4"}, {"zusammenfassen.ebene", "prognoseraum"}, {"zusammenfassen.gebiet", "gebiet_id"},
           {"zusammenfassen.ebenenfeld", "gebietsebene"}, {"zusammenfassen.wert", "wert"},
           {"zusammenfassen.methode", "gewichteter_mittelwert"}, {"zusammenfassen.gewicht", "EW"},
           {"zusammenfassen.methode_nach", "indikator"}, {"zusammenfassen.methoden", "EW = summe"}}) {
    choices.push_back(choice);
  }
  auto [version, formCsv] = importAndDownload(browser, mappingUrl, choices);
  EXPECT_TRUE(contains(version.body, "Diese Version ist übernommen")) << version.body;

  // The same file through the repository's profile on the command line.
  // Its output, stdout and stderr go to a private temporary directory (never the working directory).
  fs::path work = fs::temp_directory_path() / ("opgv-mss-form-" + std::to_string(::getpid()));
  fs::create_directories(work);
  std::stringstream cliText;
  {
    OpgvProcess cli({"import", "--profile", "berlin-mss-2021-index-indikatoren-prognoseraeume", "--resources", sourceDir(),
                     "--out", (work / "ergebnis.csv").string(), raw.string()},
                    (work / "cli").string());
    ASSERT_EQ(cli.wait(std::chrono::seconds(60)).value_or(-1), 0) << cli.out();
    std::ifstream cliIn(work / "ergebnis.csv");
    cliText << cliIn.rdbuf();
  }
  fs::remove_all(work);

  // gebiet|indikator → wert (the profile rounds to 5 decimals, the form to 6).
  auto valuesOf = [](const std::string& csv) {
    std::map<std::string, std::string> values;
    std::stringstream lines(csv);
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      std::vector<std::string> cells;
      std::stringstream cellStream(line);
      for (std::string cell; std::getline(cellStream, cell, ',');) cells.push_back(cell);
      if (cells.size() == 5) cells.push_back("");
      if (cells.size() == 6) values[cells[0] + "|" + cells[3]] = cells[4] + "|" + cells[5];
    }
    return values;
  };
  auto fromForm = valuesOf(formCsv);
  auto fromProfile = valuesOf(cliText.str());
  ASSERT_GT(fromProfile.size(), 58u * 7) << cliText.str().substr(0, 400);
  ASSERT_EQ(fromForm.size(), fromProfile.size()) << formCsv.substr(0, 400);
  std::set<std::string> areas;
  for (const auto& [key, expected] : fromProfile) {
    areas.insert(key.substr(0, key.find('|')));
    ASSERT_TRUE(fromForm.contains(key)) << key;
    const std::string& got = fromForm.at(key);
    std::string expectedValue = expected.substr(0, expected.find('|')), gotValue = got.substr(0, got.find('|'));
    EXPECT_EQ(got.substr(got.find('|')), expected.substr(expected.find('|'))) << key;  // the unit
    if (expectedValue.empty() || gotValue.empty()) {
      EXPECT_EQ(gotValue, expectedValue) << key;
    } else {
      EXPECT_NEAR(std::stod(gotValue), std::stod(expectedValue), 1e-5) << key;
    }
  }
  EXPECT_EQ(areas.size(), 58u);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatasetsWeb, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

}  // namespace
}  // namespace opgv::test
