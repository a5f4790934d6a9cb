// The import pipeline of datasets at the service level, with the runner under the test's control:
// cancelling a running import, a server shutdown during an import, an import whose server died,
// queued imports picked up after a restart, keeping valid rows, and aggregated profiles whose
// rejected rows cannot be told apart.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "features/datasets/service.h"
#include "features/models/repository.h"
#include "features/models/service.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

using nlohmann::json;
using datasets::DatasetService;
using datasets::VersionRef;

class DatasetsService : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "PostgreSQL nicht verfügbar";
    server_ = std::make_unique<TestServer>(GetParam());
    auto& db = *server_->ctx().db;
    userId_ = server_->createUser("service@example.org");
    orgId_ = db.query("INSERT INTO organisations (type, name, slug, status, created_at) VALUES ('govtech', 'Service Org', "
                      "'service-org', 'active', 1) RETURNING id")
                 .first()
                 .i64(0);
    db.query("INSERT INTO memberships (organisation_id, user_id, role, status, created_at) VALUES ($1, $2, 'mitglied', 'active', 1)",
             {orgId_, userId_});
    who_.user_id = userId_;
    who_.role = auth::PlatformRole::kMitglied;
    auto modelsDir = std::filesystem::path(sourceDir()) / "models";
    models_ = std::make_shared<const models::ModelService>(models::ModelRepository::load(modelsDir, nullptr));
    service_ = std::make_unique<DatasetService>(db, clock_, models_, modelsDir);
    service_->setRunner([this](VersionRef ref) { queued_.push_back(ref); });
  }

  std::string example() { return modelExample("haushalt"); }

  // A file of about `megabytes` MB (the readers report progress per MiB).
  std::string large(int megabytes) {
    std::string text = example();
    std::string body = text.substr(text.find('\n') + 1);
    std::string out = text;
    int year = 1000;
    while (out.size() < static_cast<size_t>(megabytes) << 20) {
      std::string block = body;
      // Unique keys: another year per copy.
      for (size_t at = block.find(",2024,"); at != std::string::npos; at = block.find(",2024,", at + 6)) {
        block.replace(at + 1, 4, std::to_string(year));
      }
      out += block;
      if (++year > 9999) break;
    }
    return out;
  }

  VersionRef start(const std::string& content, const std::string& title = "Haushalt") {
    datasets::NewUpload input;
    input.organisation_id = orgId_;
    input.title = title;
    input.model = "haushalt/ergebnisplan";
    input.filename = "haushalt.csv";
    input.bytes = content;
    auto upload = service_->createUpload(who_, input);
    EXPECT_TRUE(upload) << (upload ? "" : upload.error().message);
    auto ref = service_->startImport(who_, upload->id, {});
    EXPECT_TRUE(ref) << (ref ? "" : ref.error().message);
    return *ref;
  }

  datasets::DatasetVersion version(VersionRef ref) { return *service_->version(who_, ref.dataset_id, ref.version); }

  std::unique_ptr<TestServer> server_;
  ManualClock clock_{1'800'000'000};
  int64_t userId_ = 0, orgId_ = 0;
  auth::Principal who_;
  std::shared_ptr<const models::ModelService> models_;
  std::unique_ptr<DatasetService> service_;
  std::vector<VersionRef> queued_;
};

TEST_P(DatasetsService, ImportsAValidFileAndMakesItCurrent) {
  auto ref = start(example());
  ASSERT_EQ(queued_.size(), 1u);
  EXPECT_EQ(version(ref).status, "queued");
  service_->runImport(ref);
  auto v = version(ref);
  EXPECT_EQ(v.status, "imported") << v.message;
  EXPECT_EQ(v.rows_total, 30);
  EXPECT_EQ(v.rows_valid, 30);
  EXPECT_EQ(v.progress_percent, 100);
  EXPECT_EQ(v.profile["version"], "1.0.0");
  EXPECT_TRUE(v.report["result"]["valid"].get<bool>());
  auto view = service_->dataset(who_, ref.dataset_id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->dataset.current_version, 1);
  EXPECT_FALSE(v.upload_id.has_value());  // the upload is gone once the version is settled
  auto page = service_->rows(who_, ref.dataset_id, std::nullopt, 25, 10);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 30);
  EXPECT_EQ(page->rows.size(), 5u);
  EXPECT_EQ(page->rows.front().row_number, 27);  // header = row 1
  // Running it again does nothing: the version was claimed.
  service_->runImport(ref);
  EXPECT_EQ(version(ref).rows_total, 30);
}

TEST_P(DatasetsService, CancellingStopsARunningImportAndKeepsNothing) {
  auto ref = start(large(3));
  int calls = 0;
  // The user presses „Abbrechen“ while the import runs (as another request would).
  service_->runImport(ref, [&] {
    if (++calls == 1) {
      EXPECT_TRUE(service_->cancel(who_, ref.dataset_id, ref.version));
    }
    return false;
  });
  auto v = version(ref);
  EXPECT_EQ(v.status, "cancelled") << v.message;
  EXPECT_EQ(v.message, "Der Import wurde abgebrochen.");
  EXPECT_GE(calls, 1);
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM dataset_rows").first().i64(0), 0);
  EXPECT_FALSE(service_->dataset(who_, ref.dataset_id)->dataset.current_version.has_value());
  // A finished import cannot be cancelled.
  auto again = service_->cancel(who_, ref.dataset_id, ref.version);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

// Progress (and with it the cancel flag) is written at most every 300 ms, so a cancel can arrive
// after the import's last look at it. The finishing transaction looks once more: the user was
// told „Der Import wird abgebrochen“, so nothing is kept.
TEST_P(DatasetsService, ACancelAfterTheLastProgressCheckStillWins) {
  auto ref = start(large(1));
  int calls = 0;
  bool requested = false;
  service_->runImport(ref, [&] {
    // The first call comes before the first (immediate) progress write; cancel after it.
    if (++calls == 2) requested = static_cast<bool>(service_->cancel(who_, ref.dataset_id, ref.version));
    return false;
  });
  ASSERT_GE(calls, 2);
  EXPECT_TRUE(requested);
  auto v = version(ref);
  EXPECT_EQ(v.status, "cancelled") << v.message;
  EXPECT_EQ(v.message, "Der Import wurde abgebrochen.");
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM dataset_rows").first().i64(0), 0);
  EXPECT_FALSE(service_->dataset(who_, ref.dataset_id)->dataset.current_version.has_value());
}

// Too late is too late: a cancel after the end is refused and changes nothing.
TEST_P(DatasetsService, ACancelAfterTheEndIsRefused) {
  auto ref = start(example());
  service_->runImport(ref);
  ASSERT_EQ(version(ref).status, "imported");
  auto late = service_->cancel(who_, ref.dataset_id, ref.version);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_NE(late.error().message.find("bereits beendet (übernommen)"), std::string::npos) << late.error().message;
  EXPECT_EQ(version(ref).status, "imported");
}

TEST_P(DatasetsService, CancellingAQueuedImportNeedsNoWorker) {
  auto ref = start(example());
  ASSERT_TRUE(service_->cancel(who_, ref.dataset_id, ref.version));
  EXPECT_EQ(version(ref).status, "cancelled");
  service_->runImport(ref);  // the worker comes later and leaves it alone
  EXPECT_EQ(version(ref).status, "cancelled");
  EXPECT_EQ(server_->ctx().db->query("SELECT COUNT(*) FROM dataset_rows").first().i64(0), 0);
}

TEST_P(DatasetsService, AShutdownDuringAnImportFailsItWithAReason) {
  auto ref = start(large(3));
  service_->runImport(ref, [] { return true; });
  auto v = version(ref);
  EXPECT_EQ(v.status, "failed");
  EXPECT_NE(v.message.find("Server wurde während des Imports beendet"), std::string::npos) << v.message;
}

TEST_P(DatasetsService, AnImportWhoseServerDiedIsMarkedFailedAndQueuedOnesAreResumed) {
  auto ref = start(example());
  // Claimed by a server that then died: running, heartbeat old.
  server_->ctx().db->query("UPDATE dataset_versions SET status = 'running', heartbeat_at = $1", {clock_.nowSeconds()});
  clock_.advance(DatasetService::kStaleSeconds + 1);
  auto v = version(ref);
  EXPECT_EQ(v.status, "failed");
  EXPECT_NE(v.message.find("unterbrochen"), std::string::npos);

  auto queued = start(example(), "Zweiter");
  auto resumed = service_->queuedVersions();
  ASSERT_EQ(resumed.size(), 1u);
  EXPECT_EQ(resumed[0].dataset_id, queued.dataset_id);
}

TEST_P(DatasetsService, KeepingValidRowsLeavesRejectsWithTheirErrors) {
  std::string broken = example();
  broken.replace(broken.find("09999001"), 8, "9999001");
  auto ref = start(broken);
  service_->runImport(ref);
  auto v = version(ref);
  ASSERT_EQ(v.status, "review") << v.message;
  EXPECT_EQ(v.rows_invalid, 1);
  EXPECT_EQ(v.rows_valid, 29);
  EXPECT_TRUE(v.rejects_exact);
  auto rejects = service_->rejects(who_, ref.dataset_id, ref.version);
  ASSERT_TRUE(rejects);
  EXPECT_NE(rejects->bytes.find("2,"), std::string::npos);
  EXPECT_NE(rejects->bytes.find("9999001"), std::string::npos);
  // No current data until the user decides.
  EXPECT_FALSE(service_->rows(who_, ref.dataset_id, std::nullopt, 0, 10));
  ASSERT_TRUE(service_->decide(who_, ref.dataset_id, ref.version, datasets::Decision::kKeepValidRows));
  auto csv = service_->download(who_, ref.dataset_id, std::nullopt, "csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(std::count(csv->bytes.begin(), csv->bytes.end(), '\n'), 30);  // header + 29
  EXPECT_EQ(csv->bytes.find("\n9999001,"), std::string::npos);
}

TEST_P(DatasetsService, MoreErrorsThanTheReportKeepsStillMarkEveryRejectedRow) {
  std::string text = example();
  std::string header = text.substr(0, text.find('\n') + 1);
  std::string file = header;
  for (int i = 0; i < 5200; ++i) {  // each row breaks the AGS pattern; years keep the keys unique
    file += "9999001," + std::to_string(1000 + i) + ",ergebnis,11,Innere Verwaltung,1,2,-1\n";
  }
  file += "09999001,2024,ergebnis,11,Innere Verwaltung,1,2,-1\n";
  auto ref = start(file);
  service_->runImport(ref);
  auto v = version(ref);
  ASSERT_EQ(v.status, "review") << v.message;
  EXPECT_EQ(v.rows_invalid, 5200);
  EXPECT_EQ(v.rows_valid, 1);
  EXPECT_TRUE(v.rejects_exact);
  EXPECT_TRUE(v.report["result"]["truncated"].get<bool>());
  auto rejects = service_->rejects(who_, ref.dataset_id, ref.version);
  ASSERT_TRUE(rejects);
  EXPECT_NE(rejects->bytes.find("führt nur die ersten 5.000 Fehler"), std::string::npos);
  EXPECT_EQ(std::count(rejects->bytes.begin(), rejects->bytes.end(), '\n'), 5201) << rejects->bytes.substr(rejects->bytes.size() - 600);
}

TEST_P(DatasetsService, SourceCellsThatDoNotFitMakeTheirRowsRejects) {
  // The export has German numbers; one cell is text. Its row must not arrive with an empty value.
  std::string own = "Gemeindeschlüssel;Jahr;Planart;Produktbereich;Bezeichnung;Ertraege;Aufwendungen;Saldo\n"
                    "09999001;2024;ergebnis;11;Innere Verwaltung;1.500,50;2.500,00;-999,50\n"
                    "09999001;2024;ergebnis;12;Sicherheit;100,00;300,25;-200,25\n"
                    "09999001;2024;ergebnis;21;Schule;100,00;300,25;-200,25\n";
  datasets::NewUpload input;
  input.organisation_id = orgId_;
  input.title = "Eigen";
  input.model = "haushalt";
  input.filename = "eigen.csv";
  input.bytes = own;
  auto upload = service_->createUpload(who_, input);
  ASSERT_TRUE(upload);
  auto draft = service_->mappingDraft(who_, upload->id, {});
  ASSERT_TRUE(draft);
  // The proposal typed the numeric columns from the sample; now a text cell goes where a number is.
  json profile = draft->profile;
  std::string changed = own;
  changed.replace(changed.find("100,00;300,25;-200,25\n09999001"), 6, "hundert");
  // Re-upload the changed file with the same profile.
  input.bytes = changed;
  auto second = service_->createUpload(who_, input);
  ASSERT_TRUE(second);
  datasets::MappingInput mapping;
  mapping.profile = profile;
  auto ref = service_->startImport(who_, second->id, mapping);
  ASSERT_TRUE(ref) << ref.error().message;
  service_->runImport(*ref);
  auto v = version(*ref);
  ASSERT_EQ(v.status, "review") << v.message << v.report.dump();
  EXPECT_EQ(v.rows_invalid, 1);
  EXPECT_FALSE(v.report["source"]["valid"].get<bool>());
  auto rejects = service_->rejects(who_, ref->dataset_id, ref->version);
  EXPECT_NE(rejects->bytes.find("Quelldatei"), std::string::npos) << rejects->bytes;
}

// An aggregating profile (e.g. Planungsräume → Prognoseräume) mixes many source rows into one:
// a source error cannot be traced to one result row, so "keep the valid rows" is not offered.
TEST_P(DatasetsService, AggregatedRowsWithSourceErrorsCannotBeKeptSelectively) {
  json profile = {
      {"name", "aggregiert"}, {"version", "1.0.0"}, {"model", "sozialraum-indikatoren"}, {"resource", "indikatorwerte"},
      {"source", {{"dialect", {{"delimiter", ","}, {"header", true}}},
                  {"columns", {{{"name", "id"}, {"type", "string"}}, {{"name", "EW"}, {"type", "integer"}},
                               {{"name", "S1"}, {"type", "number"}}}}}},
      {"reshape", {{"direction", "wide-to-long"}, {"keep", {"id", "EW"}}, {"columns", {"S1"}},
                   {"nameColumn", "indikator"}, {"valueColumn", "wert"}}},
      {"fields", {{"gebiet_id", "id"}, {"gebietsebene", {{"constant", "planungsraum"}}}, {"stichtag", {{"constant", "2020-12-31"}}},
                  {"indikator", "indikator"}, {"wert", "wert"}, {"einheit", {{"constant", "prozent"}}}}},
      {"aggregate", {{"level", "prognoseraum"}, {"areaField", "gebiet_id"}, {"levelField", "gebietsebene"}, {"prefix", 4},
                     {"groupBy", {"stichtag", "indikator", "einheit"}}, {"valueField", "wert"},
                     {"method", "gewichteter_mittelwert"}, {"weightColumn", "EW"}}}};
  datasets::NewUpload input;
  input.organisation_id = orgId_;
  input.title = "Prognoseräume";
  input.model = "sozialraum-indikatoren";
  input.filename = "plr.csv";
  std::string file = "id,EW,S1\n01100101,100,4.0\n01100102,300,2.0\n01200101,50,keine Zahl\n01200102,50,3.0\n";
  input.bytes = file;
  auto upload = service_->createUpload(who_, input);
  ASSERT_TRUE(upload);
  datasets::MappingInput mapping;
  mapping.profile = profile;
  auto ref = service_->startImport(who_, upload->id, mapping);
  ASSERT_TRUE(ref) << ref.error().message << (ref.error().fields.empty() ? "" : ": " + ref.error().fields[0].field + " " + ref.error().fields[0].message);
  service_->runImport(*ref);
  auto v = version(*ref);
  ASSERT_EQ(v.status, "review") << v.message << v.report.dump();
  EXPECT_FALSE(v.rejects_exact);
  EXPECT_EQ(v.rows_total, 2);  // 0110 and 0120
  auto keep = service_->decide(who_, ref->dataset_id, ref->version, datasets::Decision::kKeepValidRows);
  ASSERT_FALSE(keep);
  EXPECT_EQ(keep.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(service_->decide(who_, ref->dataset_id, ref->version, datasets::Decision::kDiscard));
}

TEST_P(DatasetsService, NonMembersAndBadInputGetClearAnswers) {
  auth::Principal stranger;
  stranger.user_id = server_->createUser("fremd@example.org");
  stranger.role = auth::PlatformRole::kMitglied;
  auto ref = start(example());
  EXPECT_EQ(service_->dataset(stranger, ref.dataset_id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->cancel(stranger, ref.dataset_id, ref.version).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->dataset(auth::Principal{}, ref.dataset_id).error().code, ErrorCode::kUnauthenticated);
  datasets::NewUpload input;
  input.organisation_id = orgId_;
  input.model = "gibt-es-nicht";
  auto bad = service_->createUpload(who_, input);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(bad.error().fields.size(), 3u);  // title, model, file
  EXPECT_EQ(service_->download(who_, ref.dataset_id, std::nullopt, "csv").error().code, ErrorCode::kNotFound);
  // Deleting while an import waits is refused; afterwards it works.
  EXPECT_EQ(service_->remove(who_, ref.dataset_id).error().code, ErrorCode::kConflict);
  service_->runImport(ref);
  EXPECT_TRUE(service_->remove(who_, ref.dataset_id));
  EXPECT_EQ(service_->dataset(who_, ref.dataset_id).error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatasetsService, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

}  // namespace
}  // namespace opgv::test
