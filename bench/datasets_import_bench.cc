// Dataset import benchmark (docs/performance.md "Datensätze"): what storing rows costs on top of
// checking them. Generates N synthetic Sozialraum-Indikatoren rows (validation/synth, seed fixed),
// then in one run measures
//   (a) the peer: validateResource on the same file, nothing stored (what `opgv validate` does),
//   (b) DatasetService::runImport: import profile (the platform's own proposal), model check,
//       every row stored with its cells and typed values, report written.
// Prints rows/s of both and the ratio. A plain timing loop: one import is one long call.
//
// Usage: opgv_bench_datasets [--engine=sqlite|postgres] [--rows=200000] [--source=REPO]
// PostgreSQL needs TEST_PG_ADMIN_URL (bash scripts/with-postgres.sh …); a fresh database is
// created and dropped afterwards.
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

#include "common/clock.h"
#include "db/db.h"
#include "db/migrate.h"
#include "features/datasets/service.h"
#include "features/models/repository.h"
#include "features/models/service.h"
#include "validation/synth.h"
#include "validation/validate_file.h"

#ifndef OPGV_SOURCE_DIR
#define OPGV_SOURCE_DIR "."
#endif

namespace {

using namespace opgv;
namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

double secondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// A "VmRSS"/"VmHWM" line of /proc/self/status in KiB, or -1.
long statusKb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + ":", 0) == 0) return std::strtol(line.c_str() + key.size() + 1, nullptr, 10);
  }
  return -1;
}

std::string cpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  std::string engine = "sqlite", source = OPGV_SOURCE_DIR;
  int64_t rows = 200'000;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--engine=", 0) == 0) engine = arg.substr(9);
    else if (arg.rfind("--rows=", 0) == 0) rows = std::stoll(arg.substr(7));
    else if (arg.rfind("--source=", 0) == 0) source = arg.substr(9);
    else {
      std::fprintf(stderr, "Usage: opgv_bench_datasets [--engine=sqlite|postgres] [--rows=200000] [--source=REPO]\n");
      return 2;
    }
  }
  spdlog::set_level(spdlog::level::warn);
  utsname host{};
  uname(&host);
  std::printf("command:  opgv_bench_datasets --engine=%s --rows=%lld\n", engine.c_str(), static_cast<long long>(rows));
  std::printf("machine:  %s, %u cores, %s %s\n", cpuModel().c_str(), std::thread::hardware_concurrency(), host.sysname,
              host.release);

  fs::path dir = fs::temp_directory_path() / ("opgv-bench-datasets-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string url, pgName;
  if (engine == "sqlite") {
    url = "sqlite://" + (dir / "bench.db").string();
  } else {
    const char* admin = std::getenv("TEST_PG_ADMIN_URL");
    if (!admin) {
      std::fprintf(stderr, "--engine=postgres needs TEST_PG_ADMIN_URL (bash scripts/with-postgres.sh …)\n");
      return 2;
    }
    pgName = "opgv_bench_datasets_" + std::to_string(::getpid());
    db::open(admin, 1)->query("CREATE DATABASE " + pgName);
    url = std::string(admin);
    url = url.substr(0, url.rfind('/') + 1) + pgName;
  }
  int status = 0;
  {
    auto database = db::open(url, 4);
    db::migrate(*database, source + "/migrations");
    database->query("INSERT INTO users (email, display_name, password_hash, status, created_at) VALUES ('b@example.org', 'B', 'x', 'active', 1)");
    database->query("INSERT INTO organisations (type, name, slug, status, created_at) VALUES ('govtech', 'Bench', 'bench', 'active', 1)");
    database->query("INSERT INTO memberships (organisation_id, user_id, role, status, created_at) VALUES (1, 1, 'mitglied', 'active', 1)");
    auth::Principal who;
    who.user_id = 1;
    who.role = auth::PlatformRole::kMitglied;

    fs::path modelsDir = fs::path(source) / "models";
    auto models = std::make_shared<const models::ModelService>(models::ModelRepository::load(modelsDir, nullptr));
    const models::DataModel* model = *models->model("sozialraum-indikatoren");
    std::ostringstream csv;
    validation::SynthOptions synth;
    synth.rows = rows;
    synth.seed = 7;
    synth.resource = "indikatorwerte";
    if (!validation::synthesize(model->package, model->dir, synth, csv)) return 1;
    std::string data = csv.str();
    fs::path file = dir / "sozialraum.csv";
    std::ofstream(file, std::ios::binary) << data;
    std::printf("data:     %lld rows, %.1f MB (Sozialraum-Indikatoren, long form)\n", static_cast<long long>(rows),
                static_cast<double>(data.size()) / 1e6);

    auto start = SteadyClock::now();
    auto checked = validation::validateResource(model->package, model->dir, "indikatorwerte", file);
    double validateSeconds = secondsSince(start);
    if (!checked || !checked->valid) {
      std::fprintf(stderr, "validation failed\n");
      return 1;
    }

    SystemClock clock;
    datasets::DatasetService service(*database, clock, models, modelsDir);
    service.setRunner([](datasets::VersionRef) {});
    datasets::NewUpload upload;
    upload.organisation_id = 1;
    upload.title = "Bench";
    upload.model = "sozialraum-indikatoren/indikatorwerte";
    upload.filename = "sozialraum.csv";
    upload.bytes = data;
    auto u = service.createUpload(who, upload);
    auto ref = u ? service.startImport(who, u->id, {}) : Result<datasets::VersionRef>(std::unexpected(u.error()));
    if (!ref) {
      std::fprintf(stderr, "start failed: %s\n", ref.error().message.c_str());
      return 1;
    }
    // The import's own peak: Linux resets the high-water mark on writing 5 to clear_refs, so the
    // data generation and the peer run above do not count.
    rusage beforeImport{};
    getrusage(RUSAGE_SELF, &beforeImport);
    bool importPeakKnown = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5");
    long rssBeforeImport = statusKb("VmRSS");
    start = SteadyClock::now();
    service.runImport(*ref);
    double importSeconds = secondsSince(start);
    long importPeak = statusKb("VmHWM");
    auto v = service.version(who, ref->dataset_id, ref->version);
    if (!v || v->status != "imported" || v->rows_valid != rows) {
      std::fprintf(stderr, "import did not store every row: %s %s\n", v ? v->status.c_str() : "?", v ? v->message.c_str() : "");
      status = 1;
    }
    double validateRate = static_cast<double>(rows) / validateSeconds;
    double importRate = static_cast<double>(rows) / importSeconds;
    std::printf("\n%-38s %10s %12s\n", "", "seconds", "rows/s");
    std::printf("%-38s %10.2f %12.0f\n", "validate only (peer, nothing stored)", validateSeconds, validateRate);
    std::printf("%-38s %10.2f %12.0f\n", ("import and store (" + engine + ")").c_str(), importSeconds, importRate);
    std::printf("ratio: import is %.1fx slower than validating alone\n", validateRate / importRate);
    std::printf("peak RSS before the import: %.0f MB (generating the file and the peer run)\n",
                static_cast<double>(beforeImport.ru_maxrss) / 1024.0);
    if (importPeakKnown && importPeak > 0) {
      std::printf("peak RSS during the import: %.0f MB (%.0f MB before it; file %.1f MB)\n", static_cast<double>(importPeak) / 1024.0,
                  static_cast<double>(rssBeforeImport) / 1024.0, static_cast<double>(data.size()) / 1e6);
    }
  }
  if (!pgName.empty()) db::open(std::getenv("TEST_PG_ADMIN_URL"), 1)->query("DROP DATABASE " + pgName);
  fs::remove_all(dir);
  return status;
}
