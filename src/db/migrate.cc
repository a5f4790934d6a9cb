#include "db/migrate.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/crypto.h"
#include "common/log.h"
#include "common/strings.h"

namespace opgv::db {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)";
constexpr std::string_view kSelectApplied = "SELECT version, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kSelectOne = "SELECT checksum FROM schema_migrations WHERE version = $1";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)";
constexpr int64_t kAdvisoryLockKey = 7423001;

struct MigrationFile {
  int version;
  std::string name;
  std::string sql;
};

std::vector<MigrationFile> loadFiles(const std::filesystem::path& dir) {
  std::vector<MigrationFile> files;
  if (!std::filesystem::is_directory(dir)) {
    throw DbError("Migrationsverzeichnis fehlt: " + dir.string());
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    auto name = entry.path().filename().string();
    if (entry.path().extension() != ".sql") continue;
    auto version = strings::parseInt(name.substr(0, name.find('_')));
    if (!version) throw DbError("Migrationsdatei ohne Versionsnummer: " + name);
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    files.push_back({static_cast<int>(*version), name, buffer.str()});
  }
  std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return files;
}

}  // namespace

MigrationReport migrate(Database& database, const std::string& migrationsRoot) {
  auto dir = std::filesystem::path(migrationsRoot) /
             (database.dialect() == Dialect::kSqlite ? "sqlite" : "postgres");
  auto files = loadFiles(dir);
  auto conn = database.acquire();
  bool pg = conn->dialect() == Dialect::kPostgres;
  if (pg) conn->query("SELECT pg_advisory_lock($1)", {kAdvisoryLockKey});
  MigrationReport report;
  try {
    conn->execScript(kCreateTable);
    std::unordered_map<int64_t, std::string> applied;
    for (const auto& row : conn->query(kSelectApplied).rows) applied[row.i64(0)] = row.str(1);
    for (const auto& file : files) {
      auto checksum = crypto::hashToken(file.sql);
      auto it = applied.find(file.version);
      if (it != applied.end()) {
        if (it->second != checksum) {
          throw DbError("Migration " + file.name +
                        " wurde nach dem Einspielen verändert (Prüfsumme weicht ab). Migrationen "
                        "dürfen nur ergänzt werden.");
        }
        report.current_version = file.version;
        continue;
      }
      conn->begin();
      try {
        // SQLite has no advisory lock: another instance may have applied this migration between
        // our read of schema_migrations and BEGIN IMMEDIATE. Re-check under the write lock.
        auto concurrent = conn->query(kSelectOne, {file.version});
        if (!concurrent.empty()) {
          conn->commit();
          if (concurrent.first().str(0) != checksum) {
            throw DbError("Migration " + file.name + " wurde parallel mit anderem Inhalt eingespielt (Prüfsumme weicht ab).");
          }
          report.current_version = file.version;
          continue;
        }
        conn->execScript(file.sql);
        conn->query(kInsertApplied, {file.version, file.name, checksum,
                                     static_cast<int64_t>(std::time(nullptr))});
        conn->commit();
      } catch (...) {
        conn->rollback();
        throw;
      }
      log::info("Migration eingespielt: " + file.name);
      report.applied.push_back(file.name);
      report.current_version = file.version;
    }
  } catch (...) {
    if (pg) conn->query("SELECT pg_advisory_unlock($1)", {kAdvisoryLockKey});
    throw;
  }
  if (pg) conn->query("SELECT pg_advisory_unlock($1)", {kAdvisoryLockKey});
  return report;
}

}  // namespace opgv::db
