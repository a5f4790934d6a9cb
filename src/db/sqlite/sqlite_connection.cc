#include "db/sqlite/sqlite_connection.h"

#include "db/sqlite/fts5_german_tokenizer.h"

#include <sqlite3.h>

#include <chrono>
#include <string>
#include <thread>
#include <unordered_map>

namespace opgv::db::sqlite {
namespace {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path, bool readOnly = false) {
    int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError("SQLite-Datenbank kann nicht geöffnet werden (" + path + "): " + msg);
    }
    // busy_timeout first, so that the following pragmas wait instead of failing under load.
    sqlite3_busy_timeout(db_, 5000);
    // Full-text indexes name this tokenizer; it must exist on every connection that reads them.
    if (!registerGermanTokenizer(db_)) {
      sqlite3_close_v2(db_);
      throw DbError("SQLite ohne FTS5: der Tokenizer german_snowball kann nicht registriert werden");
    }
    if (readOnly) return;  // checking a backup: no journal-mode switch, which would rewrite the file header
    try {
      // Switching a new database to WAL needs an exclusive lock and does not use the busy
      // handler: when two connections (e.g. two processes starting on an empty data directory)
      // race, the loser gets SQLITE_BUSY at once. Retry for up to the busy timeout.
      for (int attempt = 1;; ++attempt) {
        try {
          execScript("PRAGMA journal_mode=WAL");
          break;
        } catch (const DbError& e) {
          if (!e.isRetryable() || attempt >= 100) throw;
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      }
      execScript("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    } catch (...) {
      sqlite3_close_v2(db_);
      throw;
    }
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  ResultSet query(std::string_view sql, const std::vector<Param>& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    int count = sqlite3_bind_parameter_count(stmt);
    if (count != static_cast<int>(params.size())) {
      throw DbError("SQL erwartet " + std::to_string(count) + " Parameter, erhalten " +
                    std::to_string(params.size()) + ": " + std::string(sql));
    }
    for (int i = 0; i < count; ++i) {
      const auto& v = params[static_cast<size_t>(i)].value;
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(stmt, i + 1);
      } else if (auto n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, i + 1, *n);
      } else if (auto d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, i + 1, *d);
      } else if (auto s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(stmt, i + 1, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) fail("bind");
    }
    ResultSet result;
    int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(std::string(sql));
      std::vector<Value> cells;
      cells.reserve(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL: cells.emplace_back(std::monostate{}); break;
          case SQLITE_INTEGER: cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c))); break;
          case SQLITE_FLOAT: cells.emplace_back(sqlite3_column_double(stmt, c)); break;
          default: {
            auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            cells.emplace_back(std::string(text ? text : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
          }
        }
      }
      result.rows.emplace_back(std::move(cells));
    }
    result.affected = sqlite3_changes(db_);
    return result;
  }

  void execScript(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "unbekannt";
      sqlite3_free(err);
      bool busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
      throw DbError("SQLite: " + msg, false, busy);
    }
  }

  void begin() override { execScript("BEGIN IMMEDIATE"); }
  void commit() override { execScript("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) execScript("ROLLBACK");
  }
  bool ping() override {
    try {
      query("SELECT 1", {});
      return true;
    } catch (const DbError&) {
      return false;
    }
  }
  Dialect dialect() const override { return Dialect::kSqlite; }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) fail(key);
    // SQLite numbers "$n" parameters by first appearance; PostgreSQL by n. They agree only if
    // the SQL introduces $1, $2, … in order, so enforce that here once per statement.
    int count = sqlite3_bind_parameter_count(stmt);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(stmt, i);
      if (!name || std::string(name) != "$" + std::to_string(i)) {
        sqlite3_finalize(stmt);
        throw DbError("Platzhalter müssen als $1..$n in Reihenfolge erscheinen: " + key);
      }
    }
    cache_.emplace(std::move(key), stmt);
    return stmt;
  }

  [[noreturn]] void fail(const std::string& context) {
    int code = sqlite3_extended_errcode(db_);
    bool unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
    bool busy = (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED;
    throw DbError(std::string("SQLite: ") + sqlite3_errmsg(db_) + " [" + context + "]", unique, busy);
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Connection> connect(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

void verifyBackup(const std::string& path) {
  SqliteConnection conn(path, true);
  auto check = conn.query("PRAGMA quick_check", {});
  if (check.empty() || check.first().str(0) != "ok") {
    throw DbError("SQLite: Integritätsprüfung fehlgeschlagen: " + (check.empty() ? "" : check.first().str(0)));
  }
  conn.query("SELECT COUNT(*) FROM schema_migrations", {});
}

void backupTo(const std::string& databasePath, const std::string& targetPath) {
  SqliteConnection conn(databasePath);
  conn.query("VACUUM INTO $1", {targetPath});
}

}  // namespace opgv::db::sqlite
