// One behaviour for both engines: every test runs against SQLite and (when TEST_PG_ADMIN_URL is
// set, see scripts/with-postgres.sh) PostgreSQL, through the db:: interface only.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <future>
#include <limits>
#include <thread>

#include "db/db.h"
#include "common/strings.h"
#include "db/migrate.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

using namespace std::chrono_literals;

std::string migrationsDir() { return sourceDir() + "/migrations"; }

class DbConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
    test_db_ = std::make_unique<TestDatabase>(GetParam());
    db_ = open(4);
    db::migrate(*db_, migrationsDir());
    db_->acquire()->execScript(
        pg() ? "CREATE TABLE conformance (id BIGSERIAL PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, t TEXT, u TEXT UNIQUE)"
             : "CREATE TABLE conformance (id INTEGER PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, t TEXT, u TEXT UNIQUE)");
  }

  bool pg() const { return GetParam() == Backend::kPostgres; }
  std::unique_ptr<db::Database> open(size_t poolSize) { return db::open(test_db_->url(), poolSize); }
  int64_t count(const std::string& where = "1 = 1", const std::vector<db::Param>& params = {}) {
    return db_->query("SELECT COUNT(*) FROM conformance WHERE " + where, params).first().i64(0);
  }
  int64_t insertUser(const std::string& email) {
    return db_
        ->query("INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, 'x', 0) RETURNING id",
                {email, "Test"})
        .first()
        .i64(0);
  }

  std::unique_ptr<TestDatabase> test_db_;
  std::unique_ptr<db::Database> db_;
};

TEST_P(DbConformance, BindsParametersInOrder) {
  auto rs = db_->query("INSERT INTO conformance (i, d, t) VALUES ($1, $2, $3) RETURNING id, i, d, t", {7, 2.5, "sieben"});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_GT(rs.first().i64(0), 0);
  EXPECT_EQ(rs.first().i64(1), 7);
  EXPECT_EQ(rs.first().f64(2), 2.5);
  EXPECT_EQ(rs.first().str(3), "sieben");
  EXPECT_EQ(rs.columns, (std::vector<std::string>{"id", "i", "d", "t"}));
  auto back = db_->query("SELECT t FROM conformance WHERE i = $1 AND t = $2", {7, "sieben"});
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.first().str(0), "sieben");
}

TEST_P(DbConformance, RepeatedPlaceholderBindsTheSameValue) {
  db_->query("INSERT INTO conformance (t, u) VALUES ($1, $1)", {"doppelt"});
  auto rs = db_->query("SELECT t, u FROM conformance WHERE t = $1 AND u = $1", {"doppelt"});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.first().str(1), "doppelt");
  // $1 reappearing after $2.
  db_->query("INSERT INTO conformance (i, t) VALUES ($1, $2)", {5, "x"});
  EXPECT_EQ(count("i = $1 AND t = $2 AND i >= $1", {5, "x"}), 1);
}

TEST_P(DbConformance, WrongParameterCountIsAnError) {
  EXPECT_THROW(db_->query("SELECT t FROM conformance WHERE t = $1", {}), db::DbError);
  EXPECT_THROW(db_->query("SELECT t FROM conformance WHERE t = $1", {"a", "b"}), db::DbError);
  EXPECT_EQ(count(), 0);  // and the pool still works
}

TEST_P(DbConformance, NullRoundTrip) {
  std::optional<std::string> none;
  std::optional<int64_t> noNumber;
  auto id = db_->query("INSERT INTO conformance (i, d, t) VALUES ($1, $2, $3) RETURNING id", {noNumber, nullptr, none})
                .first()
                .i64(0);
  auto row = db_->query("SELECT i, d, t FROM conformance WHERE id = $1", {id}).first();
  EXPECT_TRUE(row.isNull(0));
  EXPECT_TRUE(row.isNull(1));
  EXPECT_TRUE(row.isNull(2));
  EXPECT_FALSE(row.optStr(2));
  EXPECT_FALSE(row.optI64(0));
  EXPECT_EQ(count("t IS NULL"), 1);
  // NULL never compares equal, also not when bound.
  EXPECT_EQ(count("t = $1", {nullptr}), 0);
}

TEST_P(DbConformance, EmptyStringIsNotNull) {
  db_->query("INSERT INTO conformance (t) VALUES ($1)", {""});
  db_->query("INSERT INTO conformance (t) VALUES ($1)", {nullptr});
  EXPECT_EQ(count("t = ''"), 1);
  EXPECT_EQ(count("t IS NULL"), 1);
  auto rs = db_->query("SELECT t FROM conformance WHERE t IS NOT NULL");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_FALSE(rs.first().isNull(0));
  EXPECT_EQ(rs.first().optStr(0), std::optional<std::string>(""));
}

TEST_P(DbConformance, Int64Extremes) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  const int64_t min = std::numeric_limits<int64_t>::min();
  for (int64_t v : {max, min, int64_t{0}, int64_t{-1}, int64_t{1} << 53 | 1}) {
    auto id = db_->query("INSERT INTO conformance (i) VALUES ($1) RETURNING id", {v}).first().i64(0);
    EXPECT_EQ(db_->query("SELECT i FROM conformance WHERE id = $1", {id}).first().i64(0), v);
    EXPECT_EQ(count("i = $1", {v}), 1) << v;
  }
  EXPECT_EQ(db_->query("SELECT MAX(i) FROM conformance").first().i64(0), max);
}

TEST_P(DbConformance, DoublesRoundTripExactly) {
  for (double d : {0.1, 0.1 + 0.2, 1e-9, -2.5, 1.5e300, 123456789.123456789, 6.02214076e23, 5e-324}) {
    auto id = db_->query("INSERT INTO conformance (d) VALUES ($1) RETURNING id", {d}).first().i64(0);
    auto back = db_->query("SELECT d FROM conformance WHERE id = $1", {id}).first().f64(0);
    EXPECT_EQ(back, d) << "stored " << db::formatDouble(d);
  }
  EXPECT_EQ(count("d = $1", {0.1 + 0.2}), 1);
}

TEST_P(DbConformance, Utf8TextWithUmlautsAndEmoji) {
  const std::string text = "Grüße aus Köln – Straße, Ärger, Öl, Übel, ẞ 😀🚪 𝄞 中文";
  auto id = db_->query("INSERT INTO conformance (t) VALUES ($1) RETURNING id", {text}).first().i64(0);
  auto row = db_->query("SELECT t, length(t) FROM conformance WHERE id = $1", {id}).first();
  EXPECT_EQ(row.str(0), text);
  EXPECT_EQ(row.i64(1), static_cast<int64_t>(strings::utf8Length(text))) << "length() counts code points on both engines";
  EXPECT_EQ(count("t = $1", {text}), 1);
  EXPECT_EQ(count("t LIKE $1", {"%Köln%"}), 1);
}

TEST_P(DbConformance, ReturningAndAffectedRows) {
  for (int i = 0; i < 3; ++i) db_->query("INSERT INTO conformance (i, t) VALUES ($1, 'a')", {i});
  auto updated = db_->query("UPDATE conformance SET t = $1 WHERE i >= $2", {"b", 1});
  EXPECT_EQ(updated.affected, 2);
  auto returned = db_->query("UPDATE conformance SET t = $1 WHERE i = $2 RETURNING id, t", {"c", 0});
  ASSERT_EQ(returned.rows.size(), 1u);
  EXPECT_EQ(returned.first().str(1), "c");
  auto deleted = db_->query("DELETE FROM conformance WHERE t = $1", {"b"});
  EXPECT_EQ(deleted.affected, 2);
  EXPECT_EQ(count(), 1);
}

TEST_P(DbConformance, ConstraintViolationsAreClassified) {
  db_->query("INSERT INTO conformance (u) VALUES ($1)", {"eindeutig"});
  try {
    db_->query("INSERT INTO conformance (u) VALUES ($1)", {"eindeutig"});
    FAIL() << "duplicate accepted";
  } catch (const db::DbError& e) {
    EXPECT_TRUE(e.isUniqueViolation()) << e.what();
    EXPECT_FALSE(e.isRetryable());
  }
  insertUser("a@example.org");
  try {
    insertUser("a@example.org");
    FAIL() << "duplicate e-mail accepted";
  } catch (const db::DbError& e) {
    EXPECT_TRUE(e.isUniqueViolation()) << e.what();
  }
  // Other constraints are errors, but not unique violations.
  try {
    db_->query("INSERT INTO users (email, display_name, password_hash, created_at, platform_role) "
               "VALUES ('b@example.org', 'B', 'x', 0, 'kaiser')");
    FAIL() << "CHECK constraint not enforced";
  } catch (const db::DbError& e) {
    EXPECT_FALSE(e.isUniqueViolation()) << e.what();
  }
  try {
    db_->query("INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, NULL, 'x', 0)",
               {"c@example.org"});
    FAIL() << "NOT NULL not enforced";
  } catch (const db::DbError& e) {
    EXPECT_FALSE(e.isUniqueViolation()) << e.what();
  }
  // The statement that failed is cached and still usable.
  db_->query("INSERT INTO conformance (u) VALUES ($1)", {"anders"});
  EXPECT_EQ(count(), 2);
}

TEST_P(DbConformance, TransactionCommitsAndReturnsValue) {
  auto id = db_->transaction([](db::Connection& c) {
    c.query("INSERT INTO conformance (t) VALUES ($1)", {"eins"});
    return c.query("INSERT INTO conformance (t) VALUES ($1) RETURNING id", {"zwei"}).first().i64(0);
  });
  EXPECT_GT(id, 0);
  // Visible from a separate Database (another connection), so really committed.
  auto other = open(1);
  EXPECT_EQ(other->query("SELECT COUNT(*) FROM conformance").first().i64(0), 2);
}

TEST_P(DbConformance, TransactionRollsBackOnException) {
  auto single = open(1);  // one connection: what follows reuses the rolled-back connection
  EXPECT_THROW(single->transaction([](db::Connection& c) {
    c.query("INSERT INTO conformance (t) VALUES ($1)", {"verworfen"});
    throw std::runtime_error("Abbruch");
  }),
               std::runtime_error);
  EXPECT_EQ(count(), 0);
  // A database error inside: the earlier insert of the same transaction is undone too.
  db_->query("INSERT INTO conformance (u) VALUES ('belegt')");
  EXPECT_THROW(single->transaction([](db::Connection& c) {
    c.query("INSERT INTO conformance (t) VALUES ($1)", {"auch verworfen"});
    c.query("INSERT INTO conformance (u) VALUES ('belegt')");
  }),
               db::DbError);
  EXPECT_EQ(count("t = 'auch verworfen'"), 0);
  // The connection is back in autocommit mode: this write is visible elsewhere immediately.
  single->query("INSERT INTO conformance (t) VALUES ('danach')");
  EXPECT_EQ(count("t = 'danach'"), 1);
  single->transaction([](db::Connection& c) { c.query("INSERT INTO conformance (t) VALUES ('neu')"); });
  EXPECT_EQ(count("t = 'neu'"), 1);
}

TEST_P(DbConformance, PoolWaitsWhenExhaustedInsteadOfFailing) {
  auto pool = open(2);
  std::atomic<int> concurrent{0}, peak{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto conn = pool->acquire();
        int now = ++concurrent;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        conn->query("SELECT COUNT(*) FROM conformance");
        std::this_thread::sleep_for(2ms);
        --concurrent;
      }
      ++done;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(done, 8);
  EXPECT_LE(peak, 2) << "more connections handed out than the pool size";
  if (pg()) {
    // The pool never opened more than two sessions to this database.
    auto sessions = db_->query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()").first().i64(0);
    EXPECT_LE(sessions, 2 + 4);  // pool + this fixture's own pool
  }
}

TEST_P(DbConformance, ReleasedConnectionWakesAWaiter) {
  auto pool = open(1);
  auto held = std::make_unique<db::PooledConnection>(pool->acquire());
  auto start = std::chrono::steady_clock::now();
  auto waiter = std::async(std::launch::async, [&] {
    return pool->query("SELECT COUNT(*) FROM conformance").first().i64(0);
  });
  EXPECT_EQ(waiter.wait_for(50ms), std::future_status::timeout) << "acquire did not wait for the held connection";
  held.reset();  // back to the pool
  ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready) << "waiter was not woken";
  EXPECT_EQ(waiter.get(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST_P(DbConformance, ConcurrentWritersLoseNothing) {
  constexpr int kThreads = 8, kPerThread = 50;
  auto pool = open(8);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        try {
          pool->transaction([&](db::Connection& c) {
            c.query("INSERT INTO conformance (i, t) VALUES ($1, $2)", {t * 1000 + i, "w" + std::to_string(t)});
          });
        } catch (const std::exception& e) {
          ++failures;
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(count(), kThreads * kPerThread);
  EXPECT_EQ(db_->query("SELECT COUNT(DISTINCT i) FROM conformance").first().i64(0), kThreads * kPerThread);
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(count("t = $1", {"w" + std::to_string(t)}), kPerThread);
}

TEST_P(DbConformance, StatementCacheIsReusedAndStaysCorrect) {
  auto pool = open(1);
  auto conn = pool->acquire();
  const std::string insert = "INSERT INTO conformance (i, t) VALUES ($1, $2)";
  const std::string select = "SELECT t FROM conformance WHERE i = $1";
  for (int i = 0; i < 300; ++i) {
    conn->query(insert, {i, "n" + std::to_string(i)});
    ASSERT_EQ(conn->query(select, {i}).first().str(0), "n" + std::to_string(i));
  }
  // Results from a previous execution never leak into the next one.
  EXPECT_TRUE(conn->query(select, {-1}).empty());
  EXPECT_EQ(conn->query("SELECT COUNT(*) FROM conformance").first().i64(0), 300);
  if (pg()) {
    auto prepared = conn->query("SELECT COUNT(*) FROM pg_prepared_statements").first().i64(0);
    EXPECT_LE(prepared, 5) << "each SQL text should be prepared once per connection";
  }
}

TEST_P(DbConformance, MigrationsAreIdempotent) {
  auto before = db_->query("SELECT COUNT(*), MAX(version) FROM schema_migrations").first();
  EXPECT_GE(before.i64(0), 1);
  auto again = db::migrate(*db_, migrationsDir());
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.current_version, before.i64(1));
  auto after = db_->query("SELECT COUNT(*) FROM schema_migrations").first().i64(0);
  EXPECT_EQ(after, before.i64(0));
}

TEST_P(DbConformance, TamperedChecksumIsAnError) {
  db_->query("UPDATE schema_migrations SET checksum = 'manipuliert' WHERE version = 1");
  try {
    db::migrate(*db_, migrationsDir());
    FAIL() << "a changed migration was accepted";
  } catch (const db::DbError& e) {
    EXPECT_NE(std::string(e.what()).find("Prüfsumme"), std::string::npos) << e.what();
  }
  if (pg()) {
    // The advisory lock was released on the error path: another session can take it.
    auto other = open(1);
    EXPECT_EQ(other->query("SELECT pg_try_advisory_lock(7423001)").first().i64(0), 1);
    other->query("SELECT pg_advisory_unlock(7423001)");
  }
}

TEST_P(DbConformance, ConcurrentMigrationOfAFreshDatabase) {
  // Two instances starting at the same moment on an empty database: both succeed, the schema is
  // applied exactly once.
  TestDatabase fresh(GetParam());
  auto a = db::open(fresh.url(), 2);
  auto b = db::open(fresh.url(), 2);
  auto ra = std::async(std::launch::async, [&] { return db::migrate(*a, migrationsDir()); });
  auto rb = std::async(std::launch::async, [&] { return db::migrate(*b, migrationsDir()); });
  db::MigrationReport reportA, reportB;
  ASSERT_NO_THROW(reportA = ra.get());
  ASSERT_NO_THROW(reportB = rb.get());
  // Every migration is applied by exactly one of the two.
  EXPECT_GE(reportA.current_version, 2);
  EXPECT_EQ(reportA.current_version, reportB.current_version);
  EXPECT_EQ(static_cast<int>(reportA.applied.size() + reportB.applied.size()), reportA.current_version);
  EXPECT_EQ(a->query("SELECT COUNT(*) FROM schema_migrations").first().i64(0), reportA.current_version);
}

TEST_P(DbConformance, ForeignKeysAreEnforced) {
  auto user = insertUser("fk@example.org");
  db_->query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, 0, 1, 0)",
             {"hash-1", user});
  // Reference to a missing user.
  try {
    db_->query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, 0, 1, 0)",
               {"hash-2", user + 1000});
    FAIL() << "foreign key not enforced";
  } catch (const db::DbError& e) {
    EXPECT_FALSE(e.isUniqueViolation());
  }
  // ON DELETE CASCADE, checked on every pooled connection (foreign_keys is per connection in SQLite).
  std::vector<db::PooledConnection> conns;
  for (int i = 0; i < 4; ++i) conns.push_back(db_->acquire());
  for (auto& c : conns) {
    auto rs = c->query("SELECT COUNT(*) FROM sessions WHERE user_id = $1", {user});
    EXPECT_EQ(rs.first().i64(0), 1);
  }
  conns.back()->query("DELETE FROM users WHERE id = $1", {user});
  EXPECT_EQ(conns.front()->query("SELECT COUNT(*) FROM sessions").first().i64(0), 0) << "sessions not cascaded";
  if (!pg()) {
    for (auto& c : conns) EXPECT_EQ(c->query("PRAGMA foreign_keys").first().i64(0), 1);
  }
}

// Engine-specific behaviour, instantiated only for its engine (no skipped variants).
class DbSqliteOnly : public DbConformance {};
class DbPostgresOnly : public DbConformance {};

TEST_P(DbSqliteOnly, PragmasOnEveryConnection) {
  std::vector<db::PooledConnection> conns;
  for (int i = 0; i < 4; ++i) conns.push_back(db_->acquire());
  for (auto& c : conns) {
    EXPECT_EQ(c->query("PRAGMA journal_mode").first().str(0), "wal");
    EXPECT_EQ(c->query("PRAGMA foreign_keys").first().i64(0), 1);
    EXPECT_GT(c->query("PRAGMA busy_timeout").first().i64(0), 0);
    EXPECT_EQ(c->query("PRAGMA synchronous").first().i64(0), 1);  // NORMAL
  }
}

TEST_P(DbSqliteOnly, PlaceholdersMustAppearInOrder) {
  EXPECT_THROW(db_->query("SELECT $2, $1", {1, 2}), db::DbError);
  EXPECT_THROW(db_->query("SELECT $1, $3", {1, 2}), db::DbError);
  EXPECT_THROW(db_->query("SELECT ?", {1}), db::DbError);
  EXPECT_THROW(db_->query("SELECT :name", {1}), db::DbError);
  auto rs = db_->query("SELECT $1, $2, $1", {1, 2});
  EXPECT_EQ(rs.first().i64(2), 1);
}

TEST_P(DbPostgresOnly, RecoversFromADroppedConnection) {
  auto pool = open(1);
  auto pid = pool->query("SELECT pg_backend_pid()").first().i64(0);
  db_->query("SELECT pg_terminate_backend($1)", {pid});
  // The first statement on the dead connection may fail; the pool must be usable right after.
  try {
    pool->query("SELECT 1");
  } catch (const db::DbError&) {
  }
  EXPECT_NO_THROW(pool->query("INSERT INTO conformance (t) VALUES ('nach Neustart')"));
  EXPECT_EQ(count("t = 'nach Neustart'"), 1);
  EXPECT_NE(pool->query("SELECT pg_backend_pid()").first().i64(0), pid);
}

INSTANTIATE_TEST_SUITE_P(Backends, DbConformance, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });
INSTANTIATE_TEST_SUITE_P(Engine, DbSqliteOnly, ::testing::Values(Backend::kSqlite),
                         [](const auto& info) { return std::string(backendName(info.param)); });
INSTANTIATE_TEST_SUITE_P(Engine, DbPostgresOnly, ::testing::Values(Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

// Failing connection factories must not leak pool slots (each attempt fails fast, no 10 s wait).
TEST(DbPool, FailedConnectsDoNotExhaustThePool) {
  auto sqlite = db::open("sqlite:///nicht/vorhandenes/verzeichnis/opgv.db", 1);
  auto pg = db::open("postgresql://127.0.0.1:1/nichts?connect_timeout=2", 1);
  for (auto* database : {sqlite.get(), pg.get()}) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i) EXPECT_THROW(database->query("SELECT 1"), db::DbError);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << database->description();
  }
}

}  // namespace
}  // namespace opgv::test
