#include "db/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <cstring>
#include <unordered_map>

namespace opgv::db::postgres {
namespace {

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : url_(url) { open(); }
  ~PgConnection() override {
    if (conn_) PQfinish(conn_);
  }

  ResultSet query(std::string_view sql, const std::vector<Param>& params) override {
    ensureConnected();
    std::string key(sql);
    auto it = prepared_.find(key);
    std::string name;
    if (it == prepared_.end()) {
      name = "s" + std::to_string(prepared_.size() + 1);
      PGresult* prep = PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr);
      check(prep, key);
      PQclear(prep);
      prepared_.emplace(key, name);
    } else {
      name = it->second;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& v = params[i].value;
      if (auto n = std::get_if<int64_t>(&v)) {
        texts[i] = std::to_string(*n);
      } else if (auto d = std::get_if<double>(&v)) {
        texts[i] = formatDouble(*d);
      } else if (auto s = std::get_if<std::string>(&v)) {
        texts[i] = *s;
      } else {
        continue;  // NULL
      }
      values[i] = texts[i].c_str();
    }
    PGresult* res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                   nullptr, 0);
    check(res, key);
    ResultSet result;
    int columns = PQnfields(res);
    for (int c = 0; c < columns; ++c) result.columns.emplace_back(PQfname(res, c));
    int rows = PQntuples(res);
    result.rows.reserve(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> cells;
      cells.reserve(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(res, r, c)) {
          cells.emplace_back(std::monostate{});
        } else {
          cells.emplace_back(std::string(PQgetvalue(res, r, c), static_cast<size_t>(PQgetlength(res, r, c))));
        }
      }
      result.rows.emplace_back(std::move(cells));
    }
    const char* affected = PQcmdTuples(res);
    result.affected = affected && *affected ? std::stoll(affected) : 0;
    PQclear(res);
    return result;
  }

  void execScript(std::string_view sql) override {
    ensureConnected();
    std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    check(res, "script");
    PQclear(res);
  }

  void begin() override { execScript("BEGIN"); }
  void commit() override { execScript("COMMIT"); }
  void rollback() override {
    if (conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE) execScript("ROLLBACK");
  }
  bool ping() override {
    try {
      query("SELECT 1", {});
      return true;
    } catch (const DbError&) {
      return false;
    }
  }
  Dialect dialect() const override { return Dialect::kPostgres; }

 private:
  void open() {
    conn_ = PQconnectdb(url_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw DbError("PostgreSQL-Verbindung fehlgeschlagen: " + msg, false, false);
    }
    PGresult* res = PQexec(conn_, "SET client_min_messages = warning");
    PQclear(res);
  }

  // A pooled connection may have been dropped by the server (restart, idle timeout). Reconnect
  // outside a transaction; inside one the error must surface so the transaction is retried.
  void ensureConnected() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return;
    if (conn_) {
      PQfinish(conn_);
      conn_ = nullptr;
    }
    prepared_.clear();
    open();
  }

  void check(PGresult* res, const std::string& context) {
    auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    std::string sqlstate = state ? state : "";
    std::string msg = PQresultErrorMessage(res);
    if (msg.empty()) msg = PQerrorMessage(conn_);
    PQclear(res);
    bool unique = sqlstate == "23505";
    bool retryable = sqlstate == "40001" || sqlstate == "40P01";
    throw DbError("PostgreSQL: " + msg + " [" + context + "]", unique, retryable);
  }

  std::string url_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

std::unique_ptr<Connection> connect(const std::string& url) { return std::make_unique<PgConnection>(url); }

}  // namespace opgv::db::postgres
