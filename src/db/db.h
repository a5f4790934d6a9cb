#pragma once
// One interface over sqlite3 and libpq. SQL uses $1..$n placeholders on both engines, numbered in
// order of first appearance (SQLite numbers named parameters by first appearance; the SQLite
// backend checks this at prepare time). Types: integers, doubles, text and NULL. Booleans are
// stored as integers so that one SQL text runs everywhere.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace opgv::db {

enum class Dialect { kSqlite, kPostgres };

using Value = std::variant<std::monostate, int64_t, double, std::string>;

// Converts the usual C++ types to Value so that call sites read `query(sql, {id, name})`.
struct Param {
  Value value;
  Param(std::nullptr_t) : value(std::monostate{}) {}
  Param(int v) : value(static_cast<int64_t>(v)) {}
  Param(long v) : value(static_cast<int64_t>(v)) {}
  Param(long long v) : value(static_cast<int64_t>(v)) {}
  Param(unsigned v) : value(static_cast<int64_t>(v)) {}
  Param(bool v) : value(static_cast<int64_t>(v ? 1 : 0)) {}
  Param(double v) : value(v) {}
  Param(const char* v) : value(std::string(v)) {}
  Param(std::string v) : value(std::move(v)) {}
  Param(std::string_view v) : value(std::string(v)) {}
  template <class T>
  Param(const std::optional<T>& v) : value(v ? Param(*v).value : Value(std::monostate{})) {}
};

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  bool isNull(size_t i) const { return std::holds_alternative<std::monostate>(cells_.at(i)); }
  std::string str(size_t i) const;
  int64_t i64(size_t i) const;
  double f64(size_t i) const;
  std::optional<std::string> optStr(size_t i) const;
  std::optional<int64_t> optI64(size_t i) const;
  size_t size() const { return cells_.size(); }

 private:
  std::vector<Value> cells_;
};

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  int64_t affected = 0;
  bool empty() const { return rows.empty(); }
  const Row& first() const { return rows.at(0); }
};

// Infrastructure failures (connection lost, constraint bug, syntax error). Expected conflicts
// (unique violations) are reported with `isUniqueViolation` so services can map them.
class DbError : public std::runtime_error {
 public:
  DbError(const std::string& what, bool uniqueViolation = false, bool retryable = false)
      : std::runtime_error(what), unique_violation_(uniqueViolation), retryable_(retryable) {}
  bool isUniqueViolation() const { return unique_violation_; }
  bool isRetryable() const { return retryable_; }

 private:
  bool unique_violation_;
  bool retryable_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual ResultSet query(std::string_view sql, const std::vector<Param>& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual void execScript(std::string_view sql) = 0;
  virtual void begin() = 0;  // SQLite: BEGIN IMMEDIATE, so writers queue instead of deadlocking
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool ping() = 0;
  virtual Dialect dialect() const = 0;
};

class Database;

// Returns the connection to the pool when it goes out of scope.
class PooledConnection {
 public:
  PooledConnection(Database* owner, std::unique_ptr<Connection> conn)
      : owner_(owner), conn_(std::move(conn)) {}
  PooledConnection(PooledConnection&&) = default;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();
  Connection* operator->() { return conn_.get(); }
  Connection& operator*() { return *conn_; }

 private:
  Database* owner_;
  std::unique_ptr<Connection> conn_;
};

class Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  Database(Dialect dialect, std::string description, Factory factory, size_t poolSize);
  ~Database();

  PooledConnection acquire();
  Dialect dialect() const { return dialect_; }
  const std::string& description() const { return description_; }

  // Convenience for one statement on a pooled connection.
  ResultSet query(std::string_view sql, const std::vector<Param>& params = {});

  // Runs `work` in a transaction, commits if it returns normally, rolls back on exception, and
  // retries a few times when the engine reports a transient conflict (busy / serialization).
  template <class F>
  auto transaction(F&& work) -> decltype(work(std::declval<Connection&>()));

 private:
  friend class PooledConnection;
  void release(std::unique_ptr<Connection> conn);

  Dialect dialect_;
  std::string description_;
  Factory factory_;
  size_t pool_size_;
  size_t created_ = 0;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

// Shortest text that parses back to exactly `value` (used to send doubles to PostgreSQL as text).
std::string formatDouble(double value);

// "sqlite:///abs/path.db", "sqlite://relative.db", "postgresql://…" or "postgres://…".
std::unique_ptr<Database> open(const std::string& url, size_t poolSize = 8);

template <class F>
auto Database::transaction(F&& work) -> decltype(work(std::declval<Connection&>())) {
  for (int attempt = 1;; ++attempt) {
    auto conn = acquire();
    conn->begin();
    try {
      if constexpr (std::is_void_v<decltype(work(*conn))>) {
        work(*conn);
        conn->commit();
        return;
      } else {
        auto result = work(*conn);
        conn->commit();
        return result;
      }
    } catch (const DbError& e) {
      try {
        conn->rollback();
      } catch (...) {
      }
      if (!e.isRetryable() || attempt >= 5) throw;
    } catch (...) {
      try {
        conn->rollback();
      } catch (...) {
      }
      throw;
    }
  }
}

}  // namespace opgv::db
