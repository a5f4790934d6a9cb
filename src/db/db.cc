#include "db/db.h"

#include <charconv>

#include "common/strings.h"
#include "db/postgres/pg_connection.h"
#include "db/sqlite/sqlite_connection.h"

namespace opgv::db {

std::string Row::str(size_t i) const {
  const auto& v = cells_.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto d = std::get_if<double>(&v)) return formatDouble(*d);
  return {};
}

std::string formatDouble(double value) {
  // std::to_string would print six fixed decimals: 1e-9 became "0.000000", 0.1 + 0.2 lost digits.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(value);
}

int64_t Row::i64(size_t i) const {
  const auto& v = cells_.at(i);
  if (auto n = std::get_if<int64_t>(&v)) return *n;
  if (auto d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) {
    if (*s == "t") return 1;  // PostgreSQL boolean text form
    if (*s == "f") return 0;
    if (auto parsed = strings::parseInt(*s)) return *parsed;
    throw DbError("Spalte " + std::to_string(i) + " ist keine Zahl: " + *s);
  }
  return 0;
}

double Row::f64(size_t i) const {
  const auto& v = cells_.at(i);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (auto s = std::get_if<std::string>(&v)) {
    // from_chars: locale-independent, and accepts subnormals where std::stod throws out_of_range.
    double d = 0;
    auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), d);
    if (ec != std::errc() || end != s->data() + s->size()) {
      throw DbError("Spalte " + std::to_string(i) + " ist keine Gleitkommazahl: " + *s);
    }
    return d;
  }
  return 0;
}

std::optional<std::string> Row::optStr(size_t i) const {
  if (isNull(i)) return std::nullopt;
  return str(i);
}

std::optional<int64_t> Row::optI64(size_t i) const {
  if (isNull(i)) return std::nullopt;
  return i64(i);
}

PooledConnection::~PooledConnection() {
  if (owner_ && conn_) owner_->release(std::move(conn_));
}

Database::Database(Dialect dialect, std::string description, Factory factory, size_t poolSize)
    : dialect_(dialect), description_(std::move(description)), factory_(std::move(factory)), pool_size_(poolSize) {}

Database::~Database() = default;

PooledConnection Database::acquire() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return PooledConnection(this, std::move(conn));
    }
    if (created_ < pool_size_) {
      ++created_;
      lock.unlock();
      try {
        return PooledConnection(this, factory_());
      } catch (...) {
        lock.lock();
        --created_;
        throw;
      }
    }
    if (!available_.wait_for(lock, std::chrono::seconds(10), [&] { return !idle_.empty(); })) {
      throw DbError("Zeitüberschreitung beim Warten auf eine Datenbankverbindung", false, false);
    }
  }
}

void Database::release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(conn));
  available_.notify_one();
}

ResultSet Database::query(std::string_view sql, const std::vector<Param>& params) {
  auto conn = acquire();
  return conn->query(sql, params);
}

std::unique_ptr<Database> open(const std::string& url, size_t poolSize) {
  if (strings::startsWith(url, "postgresql://") || strings::startsWith(url, "postgres://")) {
    return std::make_unique<Database>(
        Dialect::kPostgres, "postgresql", [url] { return postgres::connect(url); }, poolSize);
  }
  if (strings::startsWith(url, "sqlite://")) {
    std::string path = url.substr(9);
    return std::make_unique<Database>(
        Dialect::kSqlite, "sqlite:" + path, [path] { return sqlite::connect(path); }, poolSize);
  }
  throw DbError("Unbekannte Datenbank-URL (erwartet sqlite:///pfad oder postgresql://…): " + url);
}

}  // namespace opgv::db
