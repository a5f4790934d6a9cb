#include "app/backup.h"

#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "db/db.h"
#include "db/sqlite/sqlite_connection.h"

namespace opgv::app {
namespace {

std::string timestamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// Runs a program without a shell, so that URLs and paths are never interpreted.
int run(const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool isPostgres(const std::string& url) { return url.rfind("postgres", 0) == 0; }

}  // namespace

Result<std::string> backup(const Config& config, const std::string& outPath) {
  namespace fs = std::filesystem;
  auto url = config.effectiveDbUrl();
  fs::path target = outPath;
  std::string name = std::string("opgv-") + timestamp() + (isPostgres(url) ? ".pgdump" : ".db");
  if (outPath.empty()) target = fs::path(config.data_dir) / "backups" / name;
  else if (fs::is_directory(outPath) || outPath.back() == '/') target = fs::path(outPath) / name;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (fs::exists(target)) return fail(ErrorCode::kConflict, "Zieldatei existiert bereits: " + target.string());
  if (isPostgres(url)) {
    int rc = run({"pg_dump", "--format=custom", "--no-owner", "--file", target.string(), "--dbname", url});
    if (rc != 0) return fail(ErrorCode::kInternal, "pg_dump ist fehlgeschlagen (Exit-Code " + std::to_string(rc) + ").");
  } else {
    auto path = url.substr(9);
    if (!fs::exists(path)) return fail(ErrorCode::kNotFound, "Keine Datenbank unter " + path);
    try {
      db::sqlite::backupTo(path, target.string());
    } catch (const std::exception& e) {
      return fail(ErrorCode::kInternal, std::string("Sicherung fehlgeschlagen: ") + e.what());
    }
  }
  return target.string();
}

Status restore(const Config& config, const std::string& fromPath) {
  namespace fs = std::filesystem;
  if (!fs::is_regular_file(fromPath)) return fail(ErrorCode::kNotFound, "Sicherungsdatei nicht gefunden: " + fromPath);
  auto url = config.effectiveDbUrl();
  if (isPostgres(url)) {
    int rc = run({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", url, fromPath});
    if (rc != 0) return fail(ErrorCode::kInternal, "pg_restore ist fehlgeschlagen (Exit-Code " + std::to_string(rc) + ").");
    return {};
  }
  auto path = fs::path(url.substr(9));
  try {
    // Check the file really is an intact OPGV database before replacing anything. Read-only: a
    // normal connection would switch the backup to WAL mode and so modify it.
    db::sqlite::verifyBackup(fromPath);
  } catch (const std::exception& e) {
    return fail(ErrorCode::kInvalidInput, std::string("Die Datei ist keine gültige OPGV-Sicherung: ") + e.what());
  }
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (fs::exists(path)) {
    // Keep the replaced database complete: committed pages may still live only in the -wal file,
    // so it moves along with the main file (deleting it would silently lose those commits).
    // rename() would silently replace an earlier copy from a restore within the same second.
    auto aside = path.string() + ".vor-wiederherstellung-" + timestamp();
    for (int n = 2; fs::exists(aside) || fs::exists(aside + "-wal"); ++n) {
      aside = path.string() + ".vor-wiederherstellung-" + timestamp() + "-" + std::to_string(n);
    }
    fs::rename(path, aside, ec);
    if (ec) return fail(ErrorCode::kInternal, "Die bisherige Datenbank lässt sich nicht beiseitelegen: " + ec.message());
    if (fs::exists(path.string() + "-wal")) {
      fs::rename(path.string() + "-wal", aside + "-wal", ec);
      if (ec) return fail(ErrorCode::kInternal, "Die WAL-Datei lässt sich nicht beiseitelegen: " + ec.message());
    }
  }
  fs::remove(path.string() + "-wal", ec);
  fs::remove(path.string() + "-shm", ec);
  ec.clear();
  fs::copy_file(fromPath, path, fs::copy_options::overwrite_existing, ec);
  if (ec) return fail(ErrorCode::kInternal, "Kopieren fehlgeschlagen: " + ec.message());
  return {};
}

}  // namespace opgv::app
