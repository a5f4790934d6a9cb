// The use-case library end to end on both engines: German search (the issue's "done when"
// queries), facets, hostile queries, contacts, the contribute/review/publish cycle through the
// HTML forms, versions and diff, interest registrations, "Passt zu meiner Kommune", archive,
// the open-data export, the repository import with conflict detection, and the XSS corpus
// through every text field of a use case.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/application.h"
#include "common/strings.h"
#include "features/library/service.h"
#include "features/organisations/repository.h"
#include "support/test_server.h"
#include "support/use_cases.h"

namespace opgv::test {
namespace {

using nlohmann::json;

constexpr const char* kSozialraeume = "sozialraeume-berlin-mss";

class Library : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
    server_ = std::make_unique<TestServer>(GetParam(), TestServerOptions{.seed_library = true});
  }

  json api(const std::string& target, int expectedStatus = 200) {
    auto res = request(server_->port(), "GET", target);
    EXPECT_EQ(res.status, expectedStatus) << target << ": " << res.body.substr(0, 300);
    return json::parse(res.body, nullptr, false);
  }

  std::vector<std::string> slugs(const std::string& query) {
    auto body = api("/api/v1/use-cases?per_page=100&q=" + strings::percentEncode(query));
    std::vector<std::string> out;
    for (const auto& item : body["items"]) out.push_back(item["slug"]);
    return out;
  }

  library::UseCaseService service() {
    auto& c = server_->ctx();
    return library::UseCaseService(*c.db, *c.clock, *c.mailer, "http://test");
  }

  static auth::Principal principal(int64_t id, auth::PlatformRole role) {
    auth::Principal p;
    p.user_id = id;
    p.role = role;
    p.display_name = "Test";
    return p;
  }

  std::unique_ptr<TestServer> server_;
};

// An event-handler attribute in any tag. Quoted attribute values are removed first: text like
// `" onmouseover=` inside an escaped value is inert.
std::string eventHandlerAttribute(const std::string& html) {
  static const std::regex tag(R"(<[a-zA-Z][^>]*>)");
  static const std::regex quoted(R"("[^"]*")");
  static const std::regex handler(R"(\son[a-z]+\s*=)", std::regex::icase);
  for (std::sregex_iterator it(html.begin(), html.end(), tag), end; it != end; ++it) {
    auto bare = std::regex_replace(it->str(), quoted, "\"\"");
    if (std::regex_search(bare, handler)) return it->str();
  }
  return {};
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

TEST_P(Library, GuestFindsSozialraeumeWithTheIssueQueries) {
  for (const char* query : {"Sozialraum", "soziale Daten Stadtteile", "Sozialplanung", "Sozialräume", "SOZIALRAUM"}) {
    EXPECT_TRUE(contains(slugs(query), kSozialraeume)) << query;
  }
  auto page = server_->browser().get("/use-cases?q=Sozialraum");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/use-cases/sozialraeume-berlin-mss"), std::string::npos);
  EXPECT_NE(page.body.find("<mark>"), std::string::npos) << "Treffer werden im Ausschnitt hervorgehoben";
}

TEST_P(Library, GermanStemmingAndUmlautFolding) {
  EXPECT_EQ(slugs("Schule"), slugs("Schulen"));
  EXPECT_TRUE(contains(slugs("Schulen"), "schulentwicklungsplanung"));
  auto withSharpS = slugs("Straße");
  EXPECT_FALSE(withSharpS.empty());
  EXPECT_EQ(slugs("Strasse"), withSharpS);
  EXPECT_EQ(slugs("STRASSE"), withSharpS);
}

TEST_P(Library, TitleWeighsMoreThanBody) {
  auto hits = slugs("Hundesteuer");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front(), "hundesteuer-online-anmeldung");
}

TEST_P(Library, QuerySyntaxIsPlainWordsNeverAnError) {
  std::vector<std::string> hostile = {"\"Schule",       "Schule*",       "-Schule",          "(Schule",
                                      "Schule NEAR Mensa", "NEAR(a b)",  "Schule OR Kita",   "a:b",
                                      "title:Schule",  "Schule & !Kita", "^Schule",          "'; DROP TABLE use_cases; --",
                                      "%",             "_",              "\\",               std::string(10 * 1024, 'x'),
                                      "ä ö ü ß " + std::string(3000, '(')};
  for (const auto& q : hostile) {
    auto res = request(server_->port(), "GET", "/api/v1/use-cases?q=" + strings::percentEncode(q));
    EXPECT_EQ(res.status, 200) << q.substr(0, 40) << ": " << res.body.substr(0, 200);
    auto page = server_->browser().get("/use-cases?q=" + strings::percentEncode(q));
    EXPECT_EQ(page.status, 200) << q.substr(0, 40);
  }
  EXPECT_TRUE(contains(slugs("\"Schule*"), "schulentwicklungsplanung"));
}

TEST_P(Library, MissingWordsFallBackToAnyWord) {
  auto body = api("/api/v1/use-cases?q=" + strings::percentEncode("Hundesteuer Blumenwiese"));
  EXPECT_TRUE(body["matched_any_word"].get<bool>());
  EXPECT_GT(body["total"].get<int>(), 0);
}

TEST_P(Library, FacetCountsMatchFilteredTotals) {
  auto all = api("/api/v1/use-cases");
  EXPECT_EQ(all["total"], 30);
  for (const char* facet : {"themenfeld", "bundesland", "verwaltungstyp", "groessenklasse", "status", "barriere",
                            "zusammenarbeitsform"}) {
    ASSERT_FALSE(all["facets"][facet].empty()) << facet;
    auto first = all["facets"][facet][0];
    auto filtered = api(std::string("/api/v1/use-cases?") + facet + "=" + strings::percentEncode(first["value"].get<std::string>()));
    EXPECT_EQ(filtered["total"], first["count"]) << facet;
    bool selected = false;
    for (const auto& v : filtered["facets"][facet]) {
      if (v["value"] == first["value"]) selected = v["selected"].get<bool>();
    }
    EXPECT_TRUE(selected) << facet;
  }
  // Several values of one facet widen (OR), two facets narrow (AND).
  auto soziales = api("/api/v1/use-cases?themenfeld=Soziales")["total"].get<int>();
  auto bildung = api("/api/v1/use-cases?themenfeld=Bildung")["total"].get<int>();
  auto either = api("/api/v1/use-cases?themenfeld=Soziales&themenfeld=Bildung")["total"].get<int>();
  EXPECT_GE(either, std::max(soziales, bildung));
  EXPECT_LE(either, soziales + bildung);
  auto both = api("/api/v1/use-cases?themenfeld=Soziales&status=im_betrieb")["total"].get<int>();
  EXPECT_LE(both, soziales);
  EXPECT_EQ(api("/api/v1/use-cases?themenfeld=Gibtsnicht")["total"], 0);
}

TEST_P(Library, FourVerwaltungstypenAndThreeSizeClassesAreCovered) {
  auto all = api("/api/v1/use-cases");
  EXPECT_EQ(all["facets"]["verwaltungstyp"].size(), 4u);
  EXPECT_EQ(all["facets"]["groessenklasse"].size(), 3u);
  EXPECT_EQ(all["facets"]["themenfeld"].size(), 13u);
}

TEST_P(Library, SortingPaginationAndParameterErrors) {
  auto page1 = api("/api/v1/use-cases?per_page=7&page=1&sort=neueste");
  auto page2 = api("/api/v1/use-cases?per_page=7&page=2&sort=neueste");
  ASSERT_EQ(page1["items"].size(), 7u);
  ASSERT_EQ(page2["items"].size(), 7u);
  std::set<std::string> seen;
  for (const auto& item : page1["items"]) seen.insert(item["slug"]);
  for (const auto& item : page2["items"]) EXPECT_FALSE(seen.count(item["slug"])) << "Seiten überlappen";
  auto replicated = api("/api/v1/use-cases?sort=nachnutzungen&per_page=100");
  for (size_t i = 1; i < replicated["items"].size(); ++i) {
    EXPECT_GE(replicated["items"][i - 1]["replication_count"].get<int>(), replicated["items"][i]["replication_count"].get<int>());
  }
  api("/api/v1/use-cases?sort=zufall", 422);
  api("/api/v1/use-cases?per_page=1000", 422);
  api("/api/v1/use-cases?page=0", 422);
  api("/api/v1/use-cases?page=abc", 422);
  api("/api/v1/use-cases?passt=1", 422);  // a guest has no Kommune
  // The HTML list says so instead of failing, and keeps the URL's filters in its links.
  auto page = server_->browser().get("/use-cases?sort=zufall&themenfeld=Soziales");
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("Unbekannte Sortierung"), std::string::npos);
  auto paged = server_->browser().get("/use-cases?per_page=5&themenfeld=Klimaschutz");
  EXPECT_NE(paged.body.find("themenfeld=Klimaschutz&amp;per_page=5&amp;page=2"), std::string::npos);
}

TEST_P(Library, ContactsOnlyForLoggedInUsers) {
  auto guest = api(std::string("/api/v1/use-cases/") + kSozialraeume);
  EXPECT_FALSE(guest["document"].contains("kontakte"));
  auto guestPage = server_->browser().get(std::string("/use-cases/") + kSozialraeume);
  EXPECT_EQ(guestPage.body.find("@example.org"), std::string::npos);
  EXPECT_NE(guestPage.body.find("Ansprechpersonen sehen angemeldete"), std::string::npos);
  auto member = server_->loggedIn("leserin@example.org");
  auto page = member.get(std::string("/use-cases/") + kSozialraeume);
  EXPECT_NE(page.body.find("@example.org"), std::string::npos);
  // Open data never carries contact persons.
  auto exported = request(server_->port(), "GET", "/api/v1/open-data/use-cases.json");
  EXPECT_EQ(exported.body.find("\"kontakte\""), std::string::npos);
}

TEST_P(Library, DetailPageShowsTimelineKpisAndPrintableFacts) {
  auto page = server_->browser().get(std::string("/use-cases/") + kSozialraeume);
  ASSERT_EQ(page.status, 200);
  for (const char* part : {"<h2 class=\"kern-heading-medium\" id=\"ausgangslage-titel\">Ausgangslage</h2>", "opgv-timeline",
                           "Kennzahlen vorher und nachher", "Zuletzt geprüft am", "Nachnutzen / Interesse bekunden",
                           "Fehlende übergeordnete Harmonisierung", "Ähnliche Use Cases", "<time datetime=\"2025-01\">01/2025</time>"}) {
    EXPECT_NE(page.body.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(request(server_->port(), "GET", "/use-cases/gibt-es-nicht").status, 404);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/use-cases/gibt-es-nicht").status, 404);
}

TEST_P(Library, SubmitReviewPublishAndVersionsThroughTheForms) {
  auto member = server_->loggedIn("champion@example.org");
  auto redaktion = server_->loggedIn("redaktion@example.org", "redaktion");
  ASSERT_EQ(member.get("/use-cases/neu").status, 200);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"title", "Kita-Platzplanung Nordstadt"},
      {"summary", "Die Nordstadt (fiktiv) plant Kita-Plätze mit einer Geburtenprognose je Stadtteil (Beispielwerte)."},
      {"themenfeld", "Bildung"},
      {"status", "pilot"},
      {"zusammenarbeitsform", "data_pooling"},
      {"section_ausgangslage", "Bisher **Schätzungen**."},
      {"section_loesung", "Prognose aus dem Melderegister."},
      {"section_nutzen", "### Für Mitarbeitende\n\nWeniger Abstimmung."},
      {"kpi_1_kennzahl", "Dauer der Planung"}, {"kpi_1_vorher", "6"}, {"kpi_1_nachher", "2,5"},
      {"kpi_1_einheit", "Wochen"}, {"kpi_1_quelle", "Beispielwert (fiktiv)"},
      {"huerde_1_text", "Gebietsschlüssel passten nicht."}, {"huerde_1_barriere", "fehlende_harmonisierung"},
      {"weg_1_datum", "2025-04"}, {"weg_1_phase", "umsetzen"}, {"weg_1_text", "Pilot im Jugendamt"},
  };
  // Preview renders without saving anything.
  auto withAction = [&](const std::string& action) {
    auto f = fields;
    f.emplace_back("action", action);
    return f;
  };
  auto preview = member.postForm("/use-cases", withAction("vorschau"));
  EXPECT_EQ(preview.status, 200);
  EXPECT_NE(preview.body.find("<strong>Schätzungen</strong>"), std::string::npos);
  EXPECT_NE(preview.body.find("Noch ist nichts gespeichert"), std::string::npos);
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM use_cases WHERE origin = 'ui'").first().i64(0), 0);

  auto saved = member.postForm("/use-cases", withAction("einreichen"));
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 500);
  auto location = saved.header("location");
  ASSERT_EQ(location, "/use-cases/kita-platzplanung-nordstadt");
  EXPECT_EQ(api("/api/v1/use-cases/kita-platzplanung-nordstadt", 404)["status"], 404) << "Entwürfe sind nicht öffentlich";
  EXPECT_FALSE(contains(slugs("Nordstadt"), "kita-platzplanung-nordstadt"));
  EXPECT_NE(server_->lastMailTo("redaktion@example.org").find("zur Prüfung eingereicht"), std::string::npos);

  // Redaktion asks for changes with a comment on one section.
  ASSERT_EQ(redaktion.get("/redaktion/use-cases").body.find("kita-platzplanung-nordstadt/pruefen") != std::string::npos, true);
  redaktion.get(location + "/pruefen");
  auto changes = redaktion.postForm(location + "/pruefen", {{"decision", "aenderungen"}, {"comment_loesung", "Bitte die Datenquelle nennen."}});
  EXPECT_EQ(changes.status, 303);
  auto edit = member.get(location + "/bearbeiten");
  EXPECT_NE(edit.body.find("Bitte die Datenquelle nennen."), std::string::npos);
  EXPECT_NE(edit.body.find("value=\"2,5\""), std::string::npos) << "Werte kommen zurück ins Formular";
  // Markdown keeps its line breaks in the form; otherwise saving the form unchanged would turn the
  // heading and its paragraph into one heading line.
  EXPECT_NE(edit.body.find(">### Für Mitarbeitende\n\nWeniger Abstimmung.</textarea>"), std::string::npos) << edit.body.substr(edit.body.find("section_nutzen"), 600);
  fields[6].second = "Prognose aus dem Melderegister (Quelle: Einwohnermeldeamt).";
  auto resubmitted = member.postForm(location + "/bearbeiten", withAction("einreichen"));
  EXPECT_EQ(resubmitted.status, 303);

  redaktion.get(location + "/pruefen");
  auto published = redaktion.postForm(location + "/pruefen", {{"decision", "veroeffentlichen"}, {"note", "Erste Fassung"}});
  EXPECT_EQ(published.status, 303);
  EXPECT_TRUE(contains(slugs("Nordstadt"), "kita-platzplanung-nordstadt"));
  EXPECT_TRUE(contains(slugs("Melderegister Prognose"), "kita-platzplanung-nordstadt"));

  // A second round: the published version stays visible until the new one is published.
  fields[6].second = "Prognose aus Melderegister und Geburtenstatistik.";
  fields[7].second = "### Für Mitarbeitende\n\nWeniger Abstimmung.\n\n### Für Familien\n\nFrüher Klarheit.";
  member.get(location + "/bearbeiten");
  EXPECT_EQ(member.postForm(location + "/bearbeiten", withAction("einreichen")).status, 303);
  auto guestView = server_->browser().get(location);
  EXPECT_NE(guestView.body.find("Einwohnermeldeamt"), std::string::npos);
  redaktion.get(location + "/pruefen");
  EXPECT_NE(redaktion.get(location + "/pruefen").body.find("<ins>"), std::string::npos);
  EXPECT_EQ(redaktion.postForm(location + "/pruefen", {{"decision", "veroeffentlichen"}}).status, 303);
  auto versions = api("/api/v1/use-cases/kita-platzplanung-nordstadt/versions");
  ASSERT_EQ(versions["items"].size(), 2u);
  auto diff = server_->browser().get(location + "/vergleich?von=1&bis=2");
  EXPECT_EQ(diff.status, 200);
  EXPECT_NE(diff.body.find("<del>"), std::string::npos);
  EXPECT_NE(diff.body.find("Geburtenstatistik"), std::string::npos);
  // The comparison keeps the Markdown's lines (the diff is shown with white-space: pre-wrap).
  EXPECT_NE(diff.body.find(">### Für Mitarbeitende\n\nWeniger "), std::string::npos) << diff.body;
  EXPECT_EQ(server_->browser().get(location + "/versionen/1").status, 200);
  EXPECT_NE(server_->browser().get(location + "/versionen/1").body.find("Einwohnermeldeamt"), std::string::npos);
}

TEST_P(Library, IncompleteAndOversizedDraftsAreKept) {
  auto member = server_->loggedIn("lang@example.org");
  member.get("/use-cases/neu");
  auto incomplete = member.postForm("/use-cases", {{"title", "Nur ein Titel"}, {"action", "einreichen"}});
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_NE(incomplete.body.find("Ihr Entwurf ist gespeichert"), std::string::npos);
  EXPECT_NE(incomplete.body.find("value=\"Nur ein Titel\""), std::string::npos);

  std::string longText(40000, 'a');
  member.get("/use-cases/neu");
  auto tooLong = member.postForm("/use-cases", {{"title", "Sehr langer Abschnitt"}, {"section_loesung", longText}, {"action", "speichern"}});
  EXPECT_EQ(tooLong.status, 422);
  EXPECT_NE(tooLong.body.find("ist zu lang"), std::string::npos);
  EXPECT_NE(tooLong.body.find(longText), std::string::npos) << "der Text bleibt im Formular";

  std::string big(25000, 'b');
  std::vector<std::pair<std::string, std::string>> huge = {{"title", "Riesiger Use Case"}, {"action", "speichern"}};
  for (const char* s : {"ausgangslage", "loesung", "nutzen", "wirkung", "erfolgsfaktoren", "huerden"}) {
    huge.emplace_back(std::string("section_") + s, big);
  }
  for (int i = 1; i <= 8; ++i) huge.emplace_back("huerde_" + std::to_string(i) + "_text", big);
  member.get("/use-cases/neu");
  auto tooBig = member.postForm("/use-cases", huge);
  EXPECT_EQ(tooBig.status, 413);
  EXPECT_NE(tooBig.body.find("zu groß"), std::string::npos);
  EXPECT_NE(tooBig.body.find("Ihre Eingaben bleiben erhalten"), std::string::npos);
  EXPECT_NE(tooBig.body.find("value=\"Riesiger Use Case\""), std::string::npos);
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM use_cases WHERE origin = 'ui'").first().i64(0), 1);
}

TEST_P(Library, InterestRegistrationAndFitForAMemberOfAKommune) {
  auto& c = server_->ctx();
  organisations::OrganisationRepository orgs(*c.db);
  auto member = server_->loggedIn("flensburg@example.org");
  auto userId = c.db->query("SELECT id FROM users WHERE email = 'flensburg@example.org'").first().i64(0);
  organisations::Organisation flensburg;
  flensburg.type = "kommune";
  flensburg.name = "Flensburg";
  flensburg.slug = "flensburg";
  flensburg.ags = "01001000";
  auto orgId = orgs.insert(flensburg, userId, c.clock->nowSeconds()).value();
  orgs.activate(orgId);
  orgs.addMembership(orgId, userId, "mitglied", "active", c.clock->nowSeconds());

  auto target = std::string("/use-cases/") + kSozialraeume;
  member.get(target);
  auto registered = member.postForm(target + "/interesse", {{"action", "eintragen"}, {"public", "1"}});
  EXPECT_EQ(registered.status, 303);
  auto detail = api(std::string("/api/v1/use-cases/") + kSozialraeume);
  EXPECT_EQ(detail["interest_count"], 1);
  ASSERT_EQ(detail["interested_organisations"].size(), 1u);
  EXPECT_EQ(detail["interested_organisations"][0]["name"], "Flensburg");
  member.get(target);
  EXPECT_EQ(member.postForm(target + "/interesse", {{"action", "zuruecknehmen"}}).status, 303);
  EXPECT_EQ(api(std::string("/api/v1/use-cases/") + kSozialraeume)["interest_count"], 0);

  // Flensburg: kreisfreie Stadt in Schleswig-Holstein, 89,357 inhabitants (20,000–100,000).
  auto fit = member.get("/use-cases?passt=1&per_page=100");
  EXPECT_EQ(fit.status, 200);
  EXPECT_NE(fit.body.find("Passt zu meiner Kommune (Flensburg, Stadt)"), std::string::npos);
  auto service = this->service();
  auto who = principal(userId, auth::PlatformRole::kMitglied);
  library::SearchParams params;
  params.fit_only = true;
  params.per_page = 100;
  auto result = service.search(who, params).value();
  EXPECT_GT(result.total, 0);
  EXPECT_LT(result.total, 30);
  for (const auto& item : result.items) EXPECT_GE(item.fit_reasons.size(), 2u) << item.slug;
}

TEST_P(Library, ArchiveHidesAndRestoreBringsBack) {
  auto redaktion = server_->loggedIn("archiv@example.org", "redaktion");
  auto target = std::string("/use-cases/") + kSozialraeume;
  EXPECT_EQ(redaktion.get(target + "/archivieren").status, 200);
  EXPECT_EQ(redaktion.postForm(target + "/archivieren", {}).status, 303);
  EXPECT_FALSE(contains(slugs("Sozialraum"), kSozialraeume));
  EXPECT_EQ(request(server_->port(), "GET", target).status, 404);
  EXPECT_EQ(redaktion.get(target).status, 200);
  EXPECT_EQ(redaktion.postForm(target + "/wiederherstellen", {}).status, 303);
  EXPECT_TRUE(contains(slugs("Sozialraum"), kSozialraeume));
}

TEST_P(Library, OpenDataExportJsonAndCsv) {
  auto exported = api("/api/v1/open-data/use-cases.json");
  EXPECT_EQ(exported["items"].size(), 30u);
  auto csv = request(server_->port(), "GET", "/api/v1/open-data/use-cases.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  std::istringstream lines(csv.body);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (!line.empty() && line != "\r") ++rows;
  }
  EXPECT_GE(rows, 31);  // header + 30 cases (quoted fields may hold line breaks)
  EXPECT_EQ(csv.body.rfind("slug,titel,kurzbeschreibung", 0), 0u);
}

TEST_P(Library, ReimportNeverOverwritesUiEditsAndReportsConflicts) {
  namespace fs = std::filesystem;
  auto& c = server_->ctx();
  auto dir = server_->dataDir() + "/use-cases-kopie";
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(sourceDir() + "/content/use-cases")) {
    fs::copy_file(entry.path(), dir + "/" + entry.path().filename().string());
  }
  auto service = this->service();
  auto unchanged = service.importDirectory(dir);
  EXPECT_EQ(unchanged.unchanged, 30);
  EXPECT_TRUE(unchanged.conflicts.empty());

  // One case edited in the UI and published; two files change in the repository.
  auto redaktionId = server_->createUser("import@example.org", "redaktion");
  auto who = principal(redaktionId, auth::PlatformRole::kRedaktion);
  auto edited = service.detail(who, "leerstandskataster").value().use_case.draft;
  edited["summary"] = edited["summary"].get<std::string>() + " In der Oberfläche ergänzt.";
  ASSERT_TRUE(service.update(who, "leerstandskataster", edited));
  ASSERT_TRUE(service.submit(who, "leerstandskataster"));
  ASSERT_TRUE(service.publish(who, "leerstandskataster", ""));
  auto append = [&](const std::string& file) {
    std::ofstream out(dir + "/" + file, std::ios::app);
    out << "\nIm Repository ergänzt.\n";
  };
  append("leerstandskataster.md");
  append("kita-platzplanung.md");
  auto report = service.importDirectory(dir);
  EXPECT_EQ(report.updated, 1);
  ASSERT_EQ(report.conflicts.size(), 1u);
  EXPECT_NE(report.conflicts[0].find("leerstandskataster.md"), std::string::npos);
  auto kept = service.detail(who, "leerstandskataster").value();
  EXPECT_NE(kept.document["summary"].get<std::string>().find("In der Oberfläche ergänzt."), std::string::npos);
  EXPECT_EQ(service.versions(who, "kita-platzplanung").value().size(), 2u);
  auto queue = service.seedConflicts(who).value();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].slug, "leerstandskataster");
  (void)c;
}

// Every text field of a use case carries the XSS corpus; the published page must contain none
// of it as markup.
TEST_P(Library, XssCorpusInEveryFieldIsRenderedInert) {
  std::ifstream in(sourceDir() + "/tests/data/xss-corpus.txt");
  std::vector<std::string> corpus;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) corpus.push_back(line);
  }
  ASSERT_GE(corpus.size(), 40u);
  // The checker itself finds what it is looking for.
  ASSERT_NE(eventHandlerAttribute("<p>x</p><img src=x onerror=alert(1)>"), "");
  ASSERT_EQ(eventHandlerAttribute("<a title=\"x&quot; onmouseover=alert(1)\">"), "");
  std::string all;
  for (const auto& v : corpus) all += v + "\n\n";
  auto doc = completeUseCase("XSS-Prüfung " + corpus[0].substr(0, 60));
  doc["summary"] = corpus[1] + " " + corpus[2];
  doc["schlagworte"] = json::array({corpus[3], corpus[4]});
  for (auto& [key, value] : doc["sections"].items()) value = all;
  doc["wirkung"] = json::array({{{"kennzahl", corpus[5]}, {"vorher", 1}, {"nachher", 2}, {"einheit", corpus[6]}, {"quelle", corpus[7]}}});
  doc["huerden"] = json::array({{{"text", corpus[8]}, {"barrieren", {"it_altlasten"}}}});
  doc["projektweg"] = json::array({{{"datum", "2025-01"}, {"phase", "umsetzen"}, {"text", corpus[9]}, {"bausteine", {corpus[10]}}}});
  doc["datensaetze"] = json::array({{{"uri", "https://x.example/\"><script>alert(1)</script>"}, {"bezeichnung", corpus[11]}}});
  doc["fachverfahren"] = json::array({corpus[12]});
  doc["govtech_partner"] = json::array({corpus[13]});
  doc["personenbezug"] = {{"betroffen", true}, {"kategorien", {corpus[14]}}, {"rechtsgrundlage", corpus[15]}};
  doc["aufwand"] = {{"personentage", 1}, {"beschaffung", corpus[16]}};
  doc["kontakte"] = json::array({{{"name", corpus[17]}, {"rolle", corpus[18]}, {"email", "x@example.org\"><script>alert(1)</script>"}, {"einverstanden", true}}});

  auto& c = server_->ctx();
  auto editorId = server_->createUser("xss@example.org", "redaktion");
  auto who = principal(editorId, auth::PlatformRole::kRedaktion);
  auto service = this->service();
  auto created = service.create(who, doc);
  ASSERT_TRUE(created) << created.error().message;
  ASSERT_TRUE(service.submit(who, created->slug)) << "vollständig";
  ASSERT_TRUE(service.publish(who, created->slug, corpus[19]));
  (void)c;

  auto reader = server_->loggedIn("leser-xss@example.org");
  std::vector<std::string> pages = {"/use-cases/" + created->slug, "/use-cases/" + created->slug + "/versionen",
                                    "/use-cases/" + created->slug + "/versionen/1", "/use-cases?q=Prüfung",
                                    "/use-cases/" + created->slug + "/vergleich?von=1&bis=1"};
  std::regex dangerousUrl(R"((href|src)\s*=\s*"\s*(javascript|vbscript|data:text/html))", std::regex::icase);
  for (const auto& target : pages) {
    auto page = reader.get(target);
    ASSERT_EQ(page.status, 200) << target;
    auto html = strings::toLowerAscii(page.body);
    // The layout has exactly the scripts it loads itself; none comes from content.
    EXPECT_EQ(html.find("<script>"), std::string::npos) << target;
    EXPECT_EQ(html.find("<script "), html.find("<script src=\"/static/")) << target;
    for (const char* tag : {"<iframe", "<svg", "<object", "<embed", "<style", "<img src=x", "<math", "<form action=\"javascript"}) {
      EXPECT_EQ(html.find(tag), std::string::npos) << target << ": " << tag;
    }
    EXPECT_EQ(eventHandlerAttribute(page.body), "") << target;
    EXPECT_FALSE(std::regex_search(page.body, dangerousUrl)) << target;
  }
  auto edit = reader.get("/use-cases/" + created->slug + "/bearbeiten");
  EXPECT_EQ(edit.status, 403);
  auto editor = server_->loggedIn("xss-redaktion@example.org", "redaktion");
  auto form = editor.get("/use-cases/" + created->slug + "/bearbeiten");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(eventHandlerAttribute(form.body), "");
  EXPECT_EQ(strings::toLowerAscii(form.body).find("<script>"), std::string::npos);
}

TEST_P(Library, ApiRejectsWrongTypesWithoutBreakingLaterCalls) {
  auto browser = server_->loggedIn("typen2@example.org");
  auto send = [&](const std::string& method, const std::string& target, const json& body) {
    return browser.send(method, target, body.dump(), "application/json");
  };
  for (const auto& bad : {json{{"title", 12345}}, json{{"title", {{"a", 1}}}}, json{{"title", "Gültiger Titel"}, {"summary", {1, 2}}},
                          json{{"title", "Gültiger Titel"}, {"aufwand", {{"personentage", "ca. vierzig"}}}},
                          json{{"title", "Gültiger Titel"}, {"huerden", "x"}}, json{{"title", "Gültiger Titel"}, {"sections", {{"loesung", 42}}}},
                          json{{"title", "Gültiger Titel"}, {"kommunen", {{{"name", "X"}, {"ags", 12}}}}}}) {
    auto res = send("POST", "/api/v1/use-cases", bad);
    EXPECT_EQ(res.status, 422) << bad.dump() << ": " << res.body.substr(0, 200);
    EXPECT_EQ(res.header("content-type"), "application/problem+json");
  }
  EXPECT_EQ(browser.get("/api/v1/me/use-cases").status, 200);
  EXPECT_EQ(browser.get("/use-cases/meine").status, 200);
  auto interest = browser.send("DELETE", std::string("/api/v1/use-cases/") + kSozialraeume + "/interest?organisation_id=abc", "",
                               "application/json");
  EXPECT_EQ(interest.status, 422);
  auto post = send("POST", std::string("/api/v1/use-cases/") + kSozialraeume + "/interest", {{"organisation_id", "eins"}});
  EXPECT_EQ(post.status, 422);
}

TEST_P(Library, ReindexRebuildsTheSameSearchAndFacets) {
  std::vector<std::string> targets = {"/api/v1/use-cases?per_page=100", "/api/v1/use-cases?q=Schule&per_page=100",
                                      "/api/v1/use-cases?q=Sozialraum&themenfeld=Soziales",
                                      "/api/v1/use-cases?q=Daten%20Planung&sort=neueste&per_page=100"};
  // Characters that array literals and FTS syntax treat specially survive the bulk path.
  auto service = this->service();
  auto editorId = server_->createUser("reindex@example.org", "redaktion");
  auto who = principal(editorId, auth::PlatformRole::kRedaktion);
  auto doc = completeUseCase("Sonderzeichen \"{Zitat}\", Back\\slash; NULL 'Apostroph' Quersumme");
  doc["schlagworte"] = json::array({"{a,b}", "\"x\"", "NULL"});
  auto created = service.create(who, doc).value();
  ASSERT_TRUE(service.submit(who, created.slug));
  ASSERT_TRUE(service.publish(who, created.slug, ""));
  targets.push_back("/api/v1/use-cases?q=Quersumme");
  std::vector<json> before;
  for (const auto& t : targets) before.push_back(api(t));
  ASSERT_EQ(before.back()["total"], 1);
  EXPECT_EQ(before.back()["items"][0]["title"], doc["title"]);
  EXPECT_EQ(service.reindex(), 31);
  EXPECT_EQ(service.reindex(), 31);  // also into full index tables
  for (size_t i = 0; i < targets.size(); ++i) EXPECT_EQ(api(targets[i]), before[i]) << targets[i];
}

INSTANTIATE_TEST_SUITE_P(Backends, Library, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

}  // namespace
}  // namespace opgv::test
