// Bausteine end to end on both engines: the content imports cleanly and covers the issue's list,
// German search and filters, detail and print pages for every Baustein, Merkliste and checklist
// through the forms and the API, filling placeholders with hostile values, every download
// format opened (ZIP, XML, text; PDF through LibreOffice), and the Redaktion's editor with
// versions and import conflicts.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "app/application.h"
#include "common/strings.h"
#include "features/bausteine/service.h"
#include "support/office_files.h"
#include "support/test_server.h"
#include "account_flows.h"

namespace opgv::test {
namespace {

using nlohmann::json;

class Bausteine : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
    server_ = std::make_unique<TestServer>(GetParam(), TestServerOptions{.seed_bausteine = true});
  }

  json get(const std::string& target, int expectedStatus = 200) {
    auto res = request(server_->port(), "GET", target, {{"Accept", "application/json"}});
    EXPECT_EQ(res.status, expectedStatus) << target << ": " << res.body.substr(0, 300);
    return json::parse(res.body, nullptr, false);
  }

  std::vector<std::string> slugs(const std::string& query) {
    std::vector<std::string> out;
    auto body = get("/api/v1/bausteine?" + query);
    for (const auto& item : body["items"]) out.push_back(item["slug"]);
    return out;
  }

  std::unique_ptr<TestServer> server_;
};

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The main text part of an office file, as plain text.
std::string visibleText(const std::string& bytes, const std::string& format) {
  auto parts = unzipAll(bytes);
  if (!parts) return "";
  std::string text;
  for (const auto& [name, content] : *parts) {
    bool main = (format == "docx" && name == "word/document.xml") || ((format == "odt" || format == "odp") && name == "content.xml") ||
                (format == "pptx" && name.starts_with("ppt/slides/slide") && name.ends_with(".xml")) ||
                (format == "pptx" && name.starts_with("ppt/notesSlides/") && name.ends_with(".xml"));
    if (main) text += xmlText(content) + "\n";
  }
  return text;
}

// Every part of the container is well-formed XML; ODF starts with a stored mimetype.
std::string containerProblem(const std::string& bytes, const std::string& format) {
  auto parts = unzipAll(bytes);
  if (!parts) return "kein lesbares ZIP";
  for (const auto& [name, content] : *parts) {
    if (name.ends_with(".xml") || name.ends_with(".rels")) {
      if (auto problem = xmlProblem(content); !problem.empty()) return name + ": " + problem;
    }
  }
  if (format == "odt" || format == "odp") {
    if (firstEntryName(bytes) != "mimetype" || !firstEntryStored(bytes)) return "mimetype nicht als erster, unkomprimierter Eintrag";
  } else if (!parts->count("[Content_Types].xml")) {
    return "[Content_Types].xml fehlt";
  }
  return "";
}

TEST_P(Bausteine, ContentImportsCleanlyAndCoversTheIssuesList) {
  bausteine::BausteinService service(*server_->ctx().db, *server_->ctx().clock);
  auto again = service.importDirectory(sourceDir() + "/content/bausteine");
  EXPECT_TRUE(again.problems.empty()) << again.problems.front();
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.updated, 0);

  auto all = get("/api/v1/bausteine");
  EXPECT_GE(all["total"].get<int>(), 40);
  std::set<std::string> types;
  for (const auto& item : all["items"]) types.insert(item["typ"]["key"]);
  EXPECT_EQ(types.size(), 8u) << "alle acht Arten";
  for (const auto* slug : {"datenprojekt-intern-anstossen", "stakeholder-in-der-kommune", "praesentation-verwaltungsspitze",
                           "kurz-checkliste-dsgvo", "rollenklaerung", "nutzenkommunikation", "stakeholder-mapping",
                           "datenquellen-inventur", "pilot-retrospektive", "projektsteckbrief", "kosten-nutzen-rechnung",
                           "vergabe-textbausteine", "datenqualitaet-checkliste", "data-governance-rollenmodell",
                           "checkliste-verstetigung", "pressemitteilung", "intranet-artikel", "ausschussvorlage",
                           "vereinbarung-datennutzung-aemter", "checkliste-auftragsverarbeitung"}) {
    get(std::string("/api/v1/bausteine/") + slug);
  }
  auto dsgvo = get("/api/v1/bausteine/kurz-checkliste-dsgvo");
  EXPECT_NE(dsgvo["document"]["body"].get<std::string>().find("Assistent"), std::string::npos)
      << "verweist auf den kommenden DSGVO-Assistenten";
  auto cost = get("/api/v1/bausteine/kosten-nutzen-rechnung")["document"].dump();
  EXPECT_NE(cost.find("10.000"), std::string::npos) << "Hundesteuer-Beispiel mit 10.000-€-Schnittstelle";
}

TEST_P(Bausteine, GermanSearchAndFilters) {
  EXPECT_TRUE(contains(slugs("q=Verwaltungsspitze"), "praesentation-verwaltungsspitze"));
  EXPECT_TRUE(contains(slugs("q=Auftragsverarbeitung"), "checkliste-auftragsverarbeitung"));
  // Stemming: the plural finds the singular and vice versa.
  EXPECT_TRUE(contains(slugs("q=Stakeholdern"), "stakeholder-mapping"));
  auto cards = slugs("typ=methodenkarte");
  EXPECT_GE(cards.size(), 5u);
  for (const auto& s : cards) EXPECT_EQ(get("/api/v1/bausteine/" + s)["typ"]["key"], "methodenkarte");
  // Values within a facet are combined with OR, facets with AND.
  auto either = slugs("typ=methodenkarte&typ=checkliste");
  EXPECT_GT(either.size(), cards.size());
  auto narrowed = slugs("typ=methodenkarte&phase=integrieren");
  EXPECT_LE(narrowed.size(), cards.size());
  auto result = get("/api/v1/bausteine?typ=checkliste");
  for (const auto& f : result["facets"]["typ"]) {
    if (f["value"] == "checkliste") {
      EXPECT_EQ(f["count"].get<size_t>(), result["items"].size());
    }
  }
  for (const auto* facet : {"typ", "phase", "rolle", "wirkungsfeld", "barriere", "zeit"}) {
    EXPECT_TRUE(result["facets"].contains(facet)) << facet;
  }
  get("/api/v1/bausteine?typ=gibtsnicht", 422);
  for (const auto* hostile : {"%22", "NEAR(", "*", "-", "((a", "a%20OR%20b", "%27;DROP%20TABLE%20bausteine;--"}) {
    get(std::string("/api/v1/bausteine?q=") + hostile);
  }
  get("/api/v1/bausteine?q=" + std::string(10000, 'x'));
  auto page = request(server_->port(), "GET", "/bausteine?q=Checkliste&typ=checkliste");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<mark>"), std::string::npos) << "Treffer hervorgehoben";
}

TEST_P(Bausteine, EveryDetailAndPrintPageRenders) {
  auto catalogue = get("/api/v1/bausteine");
  for (const auto& item : catalogue["items"]) {
    std::string slug = item["slug"];
    auto page = request(server_->port(), "GET", "/bausteine/" + slug);
    ASSERT_EQ(page.status, 200) << slug;
    EXPECT_NE(page.body.find(strings::htmlEscape(item["title"].get<std::string>())), std::string::npos) << slug;
    EXPECT_NE(page.body.find("kB</a>"), std::string::npos) << slug << ": Downloads nennen die Größe";
    auto print = request(server_->port(), "GET", "/bausteine/" + slug + "/druck");
    ASSERT_EQ(print.status, 200) << slug;
    EXPECT_NE(print.body.find("<html lang=\"de\">"), std::string::npos);
    if (item["typ"]["key"] == "rechtshilfe") {
      EXPECT_NE(page.body.find("Kein Rechtsrat"), std::string::npos) << slug;
    }
  }
  auto deck = request(server_->port(), "GET", "/bausteine/praesentation-verwaltungsspitze/druck");
  EXPECT_NE(deck.body.find("class=\"slide\""), std::string::npos);
  EXPECT_NE(deck.body.find("break-after: page"), std::string::npos);
  EXPECT_EQ(request(server_->port(), "GET", "/bausteine/gibt-es-nicht").status, 404);
}

TEST_P(Bausteine, MerklisteAndChecklistThroughFormsAndApi) {
  auto b = server_->loggedIn("champion@example.org");
  b.get("/bausteine/checkliste-auftragsverarbeitung");
  auto saved = b.postForm("/bausteine/checkliste-auftragsverarbeitung/merken", {});
  EXPECT_EQ(saved.status, 303);
  auto list = b.get("/api/v1/me/merkliste");
  auto body = json::parse(list.body);
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["slug"], "checkliste-auftragsverarbeitung");
  EXPECT_NE(b.get("/bausteine?merkliste=1").body.find("checkliste-auftragsverarbeitung"), std::string::npos);

  b.get("/bausteine/checkliste-auftragsverarbeitung");
  auto ticked = b.postForm("/bausteine/checkliste-auftragsverarbeitung/checkliste", {{"punkt", "0"}, {"punkt", "2"}});
  EXPECT_EQ(ticked.status, 303);
  auto page = b.get("/bausteine/checkliste-auftragsverarbeitung");
  EXPECT_NE(page.body.find("2 von"), std::string::npos);
  EXPECT_NE(page.body.find("id=\"punkt-2\" name=\"punkt\" value=\"2\" checked"), std::string::npos);
  auto state = json::parse(b.get("/api/v1/me/checklisten/checkliste-auftragsverarbeitung").body);
  EXPECT_EQ(state["checked"], json::array({0, 2}));
  auto outOfRange = b.postForm("/bausteine/checkliste-auftragsverarbeitung/checkliste", {{"punkt", "999"}});
  EXPECT_EQ(outOfRange.status, 422);
  EXPECT_EQ(json::parse(b.get("/api/v1/me/checklisten/checkliste-auftragsverarbeitung").body)["checked"], json::array({0, 2}))
      << "ein ungültiger Versuch ändert den gespeicherten Stand nicht";

  // Both are personal data: in the DSGVO export.
  auto exported = json::parse(b.get("/profil/export").body);
  ASSERT_EQ(exported["merkliste"].size(), 1u);
  EXPECT_EQ(exported["merkliste"][0]["baustein"], "checkliste-auftragsverarbeitung");
  EXPECT_EQ(exported["checklisten"][0]["abgehakt"], json::array({0, 2}));

  b.get("/bausteine/checkliste-auftragsverarbeitung");
  EXPECT_EQ(b.postForm("/bausteine/checkliste-auftragsverarbeitung/merken", {{"action", "entfernen"}}).status, 303);
  EXPECT_EQ(json::parse(b.get("/api/v1/me/merkliste").body)["items"].size(), 0u);

  // Guests are asked to log in.
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/me/merkliste", {{"Accept", "application/json"}}).status, 401);
  EXPECT_EQ(request(server_->port(), "PUT", "/api/v1/me/merkliste/projektsteckbrief", {{"Accept", "application/json"}}).status, 401);
}

TEST_P(Bausteine, EveryBausteinDownloadsInEveryOfficeFormat) {
  auto catalogue = get("/api/v1/bausteine");
  for (const auto& item : catalogue["items"]) {
    std::string slug = item["slug"];
    for (const auto& d : item["downloads"]) {
      std::string format = d["format"];
      if (format == "pdf") continue;  // PdfThroughLibreOffice
      auto res = request(server_->port(), "GET", d["url"].get<std::string>());
      ASSERT_EQ(res.status, 200) << slug << " " << format;
      if (format == "html") {
        EXPECT_NE(res.body.find("<html lang=\"de\">"), std::string::npos);
        continue;
      }
      EXPECT_EQ(containerProblem(res.body, format), "") << slug << " " << format;
      auto text = visibleText(res.body, format);
      auto title = item["title"].get<std::string>();
      if (format == "docx" || format == "odt") {
        EXPECT_NE(text.find(title), std::string::npos) << slug << " " << format;
      }
    }
  }
}

TEST_P(Bausteine, FilledPlaceholdersAppearInTheDocuments) {
  const std::string kommune = "Kreuzfurt (fiktiv) 4711";
  auto url = "/api/v1/bausteine/praesentation-verwaltungsspitze/download?werte%5Bkommune%5D=" + strings::percentEncode(kommune);
  for (const auto* format : {"pptx", "odp", "docx", "odt"}) {
    auto res = request(server_->port(), "GET", url + "&format=" + format);
    ASSERT_EQ(res.status, 200) << format;
    EXPECT_NE(visibleText(res.body, format).find(kommune), std::string::npos) << format;
  }
  // Through the fill-in form, prefilled from the user's account.
  auto b = server_->loggedIn("fuellerin@example.org");
  auto form = b.get("/bausteine/projektsteckbrief/ausfuellen");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"fuellerin@example.org\""), std::string::npos) << "E-Mail aus dem Konto vorausgefüllt";
  auto file = b.postForm("/bausteine/projektsteckbrief/ausfuellen", {{"werte[kommune]", kommune}, {"format", "docx"}});
  ASSERT_EQ(file.status, 200);
  EXPECT_NE(file.header("Content-Disposition").find("opgv-projektsteckbrief.docx"), std::string::npos);
  EXPECT_NE(visibleText(file.body, "docx").find(kommune), std::string::npos);

  // Too long: the form comes back with the message and every value.
  b.get("/bausteine/projektsteckbrief/ausfuellen");
  auto tooLong = b.postForm("/bausteine/projektsteckbrief/ausfuellen",
                            {{"werte[kommune]", kommune}, {"werte[projekttitel]", std::string(5000, 'a')}, {"format", "odt"}});
  EXPECT_EQ(tooLong.status, 422);
  EXPECT_NE(tooLong.body.find("zu lang"), std::string::npos);
  EXPECT_NE(tooLong.body.find(kommune), std::string::npos) << "nichts geht verloren";
  auto unknown = request(server_->port(), "GET", "/api/v1/bausteine/projektsteckbrief/download?format=odt&werte%5Bgibtsnicht%5D=x",
                         {{"Accept", "application/json"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/bausteine/projektsteckbrief/download?format=exe").status, 422);
}

// Markup, long text, emoji, right-to-left text and control characters in every placeholder of
// every template: the documents stay well-formed and keep the printable text.
TEST_P(Bausteine, HostileAndRandomPlaceholderValuesKeepDocumentsValid) {
  std::mt19937 random(4711);
  const std::vector<std::string> hostile = {"<script>alert(1)</script>&amp;\"'", "]]><x/>", std::string(3900, 'L'),
                                            "Grüße 😀🚪 𝄞", "مرحبا بالعالم שלום", std::string("a\x01\x02\x0b\x0c\x1f\x7f" "b"),
                                            "{{kommune}} {{", "\xef\xbf\xbe\xef\xbf\xbf"};
  auto catalogue = get("/api/v1/bausteine");
  for (const auto& item : catalogue["items"]) {
    auto detail = get("/api/v1/bausteine/" + item["slug"].get<std::string>());
    if (detail["placeholders"].empty()) continue;
    for (int round = 0; round < 3; ++round) {
      json values = json::object();
      for (const auto& p : detail["placeholders"]) {
        std::string value;
        if (round == 0) value = hostile[random() % hostile.size()];
        else {
          std::uniform_int_distribution<int> length(0, 300), byte(1, 0x7f);
          for (int i = length(random); i > 0; --i) value.push_back(static_cast<char>(byte(random)));
        }
        values[p["key"].get<std::string>()] = value;
      }
      for (const auto& d : detail["downloads"]) {
        std::string format = d["format"];
        if (format == "pdf") continue;
        auto res = request(server_->port(), "POST", "/api/v1/bausteine/" + detail["slug"].get<std::string>() + "/download",
                           {{"Content-Type", "application/json"}, {"Accept", "application/json"}},
                           json{{"format", format}, {"werte", values}}.dump());
        ASSERT_EQ(res.status, 200) << detail["slug"] << " " << format << ": " << res.body.substr(0, 200);
        if (format != "html") {
          EXPECT_EQ(containerProblem(res.body, format), "") << detail["slug"] << " " << format;
        } else {
          EXPECT_EQ(res.body.find("<script>alert"), std::string::npos);
        }
      }
    }
  }
}

TEST_P(Bausteine, RedaktionEditsWithVersionsAndImportConflicts) {
  auto member = server_->loggedIn("mitglied@example.org");
  EXPECT_EQ(member.get("/bausteine/projektsteckbrief/bearbeiten").status, 403);
  auto redaktion = server_->loggedIn("redaktion@example.org", "redaktion");
  auto editor = redaktion.get("/bausteine/projektsteckbrief/bearbeiten");
  ASSERT_EQ(editor.status, 200);
  std::ifstream in(sourceDir() + "/content/bausteine/projektsteckbrief.md");
  std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto changed = source;
  auto titleAt = changed.find("title: \"");
  ASSERT_NE(titleAt, std::string::npos);
  changed.insert(titleAt + 8, "Geändert – ");

  // Broken YAML: refused, the text comes back.
  auto broken = redaktion.postForm("/bausteine/projektsteckbrief/bearbeiten", {{"quelltext", "---\ntitle: [\n---\nText"}});
  EXPECT_EQ(broken.status, 422);
  EXPECT_NE(broken.body.find("kein gültiges YAML"), std::string::npos);

  redaktion.get("/bausteine/projektsteckbrief/bearbeiten");
  auto saved = redaktion.postForm("/bausteine/projektsteckbrief/bearbeiten", {{"quelltext", changed}, {"notiz", "Titel geschärft"}});
  EXPECT_EQ(saved.status, 303);
  auto versions = get("/api/v1/bausteine/projektsteckbrief/versionen")["items"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0]["note"], "Titel geschärft");
  EXPECT_EQ(request(server_->port(), "GET", "/bausteine/projektsteckbrief/versionen/1").status, 200);

  // The file changes in the repository too: the browser edit wins and a conflict is reported.
  auto dir = server_->dataDir() + "/bausteine-kopie";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(sourceDir() + "/content/bausteine/projektsteckbrief.md", dir + "/projektsteckbrief.md");
  { std::ofstream(dir + "/projektsteckbrief.md", std::ios::app) << "\nNeuer Absatz im Repository.\n"; }
  bausteine::BausteinService service(*server_->ctx().db, *server_->ctx().clock);
  auto report = service.importDirectory(dir);
  ASSERT_EQ(report.conflicts.size(), 1u);
  EXPECT_NE(get("/api/v1/bausteine/projektsteckbrief")["title"].get<std::string>().find("Geändert"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Bausteine, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return info.param == Backend::kSqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace opgv::test

namespace opgv::test {
namespace {

// PDF is made by LibreOffice on the server; every other produced file is opened by LibreOffice
// here, in one batch per format (SQLite only: the files do not depend on the engine).
class BausteineOffice : public ::testing::Test {
 protected:
  void SetUp() override {
    int status = 0;
    runCommand("command -v soffice >/dev/null 2>&1", &status);
    if (status != 0) GTEST_SKIP() << "LibreOffice (soffice) ist nicht installiert";
    server_ = std::make_unique<TestServer>(Backend::kSqlite, TestServerOptions{.seed_bausteine = true});
  }
  std::unique_ptr<TestServer> server_;
};

TEST_F(BausteineOffice, PdfDownloadsShowTheFilledValuesAndTheLanguage) {
  const std::string kommune = "Kreuzfurt (fiktiv) 4711";
  auto dir = server_->dataDir() + "/pdf";
  std::filesystem::create_directories(dir);
  for (const auto* slug : {"praesentation-verwaltungsspitze", "projektsteckbrief"}) {
    auto res = request(server_->port(), "GET",
                       std::string("/api/v1/bausteine/") + slug + "/download?format=pdf&werte%5Bkommune%5D=" + strings::percentEncode(kommune));
    ASSERT_EQ(res.status, 200) << slug << ": " << res.body.substr(0, 300);
    EXPECT_EQ(res.header("Content-Type"), "application/pdf");
    auto file = dir + "/" + slug + ".pdf";
    std::ofstream(file, std::ios::binary) << res.body;
    auto text = runCommand("pdftotext -enc UTF-8 " + file + " - 2>/dev/null");
    EXPECT_NE(text.find(kommune), std::string::npos) << slug;
    EXPECT_NE(res.body.find("/Lang(de-DE)"), std::string::npos) << slug << ": Dokumentsprache fehlt";
    EXPECT_NE(res.body.find("/StructTreeRoot"), std::string::npos) << slug << ": kein getaggtes PDF";
    auto info = runCommand("pdfinfo " + file + " 2>/dev/null");
    EXPECT_NE(info.find("Tagged:          yes"), std::string::npos) << info;
  }
}

// The blank PDF is made once and kept; then its link names its size (BITV) and it is served from
// the cache. Filled PDFs are never cached (they carry the user's values).
TEST_F(BausteineOffice, BlankPdfIsCachedAndItsSizeNamed) {
  auto before = request(server_->port(), "GET", "/bausteine/projektsteckbrief");
  EXPECT_NE(before.body.find("wird beim Herunterladen erzeugt"), std::string::npos);
  auto first = request(server_->port(), "GET", "/api/v1/bausteine/projektsteckbrief/download?format=pdf");
  ASSERT_EQ(first.status, 200);
  auto after = request(server_->port(), "GET", "/bausteine/projektsteckbrief");
  auto kilobytes = std::to_string((first.body.size() + 512) / 1024) + " kB";
  EXPECT_NE(after.body.find("PDF, " + kilobytes), std::string::npos) << kilobytes;
  auto started = std::chrono::steady_clock::now();
  auto second = request(server_->port(), "GET", "/api/v1/bausteine/projektsteckbrief/download?format=pdf");
  EXPECT_EQ(second.body, first.body);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1)) << "aus dem Zwischenspeicher, ohne LibreOffice";
  auto filled = request(server_->port(), "GET", "/api/v1/bausteine/projektsteckbrief/download?format=pdf&werte%5Bkommune%5D=Talheim%20(fiktiv)");
  ASSERT_EQ(filled.status, 200);
  EXPECT_NE(filled.body, first.body);
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM baustein_pdfs").first().i64(0), 1);
}

TEST_F(BausteineOffice, LibreOfficeOpensEveryProducedFile) {
  auto dir = server_->dataDir() + "/alle";
  std::filesystem::create_directories(dir + "/pdf");
  auto catalogue = nlohmann::json::parse(request(server_->port(), "GET", "/api/v1/bausteine").body);
  std::vector<std::string> produced;
  for (const auto& item : catalogue["items"]) {
    for (const auto& d : item["downloads"]) {
      std::string format = d["format"];
      if (format == "pdf" || format == "html") continue;
      auto res = request(server_->port(), "GET", d["url"].get<std::string>());
      ASSERT_EQ(res.status, 200);
      // The format in the stem too, so that every file gets a PDF of its own.
      auto name = item["slug"].get<std::string>() + "-" + format + "." + format;
      std::ofstream(dir + "/" + name, std::ios::binary) << res.body;
      produced.push_back(name);
    }
  }
  ASSERT_GE(produced.size(), 88u);
  int status = 0;
  auto log = runCommand("cd " + dir + " && timeout 600 soffice -env:UserInstallation=file://" + dir +
                            "/profil --headless --norestore --convert-to pdf --outdir pdf *.docx *.odt *.pptx *.odp 2>&1",
                        &status);
  EXPECT_EQ(status, 0) << log;
  for (const auto& name : produced) {
    auto pdf = dir + "/pdf/" + name.substr(0, name.rfind('.')) + ".pdf";
    ASSERT_TRUE(std::filesystem::exists(pdf)) << name << " wurde nicht nach PDF konvertiert";
    EXPECT_GT(std::filesystem::file_size(pdf), 1000u) << name;
  }
  EXPECT_EQ(log.find("Error"), std::string::npos) << log.substr(0, 2000);
}

}  // namespace
}  // namespace opgv::test
