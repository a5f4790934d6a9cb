// The opgv binary's subcommands, run as a user would: version, help, migrate, seed, user,
// backup/restore (online, both engines) and configuration precedence.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "common/crypto.h"
#include "db/db.h"
#include "db/migrate.h"
#include "support/feedback_writers.h"
#include "support/process.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int64_t kKommunen = 11564;
const std::string kPassword = "ein-sehr-sicheres-passwort";


// The binary as a child process (environment without inherited OPGV_* variables); stdout and
using Process = OpgvProcess;

struct RunResult {
  int code = -1;
  std::string out, err;
};

uint16_t waitHealthy(Process& p) {
  auto port = p.waitForLog(R"(läuft auf http://127\.0\.0\.1:(\d+))");
  if (port.empty()) throw std::runtime_error("Server startet nicht:\n" + p.err());
  auto n = static_cast<uint16_t>(std::stoi(port));
  for (auto deadline = Clock::now() + 10s; request(n, "GET", "/healthz").status != 200;) {
    if (Clock::now() > deadline) throw std::runtime_error("/healthz antwortet nicht");
    std::this_thread::sleep_for(10ms);
  }
  return n;
}

using Writers = FeedbackWriters;

std::vector<uint16_t> freePorts(int n) {
  std::vector<int> fds;
  std::vector<uint16_t> ports;
  for (int i = 0; i < n; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ports.push_back(ntohs(addr.sin_port));
    fds.push_back(fd);
  }
  for (int fd : fds) close(fd);
  return ports;
}

std::map<int64_t, std::string> feedbackRows(db::Database& database) {
  std::map<int64_t, std::string> rows;
  for (const auto& row : database.query("SELECT id, message FROM accessibility_feedback").rows) rows[row.i64(0)] = row.str(1);
  return rows;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(opgvBinary())) << opgvBinary();
    crypto::initialize();
    std::string pattern = (fs::temp_directory_path() / "opgv-cli-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(pattern.data()));
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  RunResult run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                std::chrono::milliseconds timeout = 30s) {
    Process p(args, dir_ + "/run" + std::to_string(++runs_), env);
    RunResult r;
    auto code = p.wait(timeout);
    if (!code) ADD_FAILURE() << "timeout: " << ::testing::PrintToString(args);
    r.code = code.value_or(-1);
    r.out = p.out();
    r.err = p.err();
    return r;
  }
  std::unique_ptr<Process> spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
    return std::make_unique<Process>(args, dir_ + "/run" + std::to_string(++runs_), env);
  }
  // --data-dir and --resources for a data directory under the test's temp dir.
  std::vector<std::string> where(const std::string& data) {
    return {"--data-dir", dir_ + "/" + data, "--resources", sourceDir()};
  }
  std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
  std::unique_ptr<db::Database> sqlite(const std::string& data) {
    return db::open("sqlite://" + dir_ + "/" + data + "/opgv.db", 1);
  }

  std::string dir_;
  int runs_ = 0;
};

TEST_F(Cli, Version) {
  auto r = run({"version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, std::string("opgv ") + OPGV_VERSION + "\n");
}

TEST_F(Cli, HelpIsGermanAndEnglish) {
  auto r = run({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* text : {"Hilfe anzeigen", "show help", "Server starten", "start the server",
                           "Konsistente Online-Sicherung", "online consistent backup", "serve", "migrate", "seed",
                           "user", "backup", "restore", "version"}) {
    EXPECT_NE(r.out.find(text), std::string::npos) << text << "\n" << r.out;
  }
  auto serve = run({"serve", "--help"});
  EXPECT_EQ(serve.code, 0);
  EXPECT_NE(serve.out.find("--listen"), std::string::npos);
  EXPECT_NE(serve.out.find("[OPGV_LISTEN]"), std::string::npos) << "env variable not documented";
  EXPECT_NE(serve.out.find("Datenverzeichnis"), std::string::npos);
  EXPECT_NE(serve.out.find("data directory"), std::string::npos);
  // Without a subcommand or with an unknown one: usage error.
  EXPECT_NE(run({}).code, 0);
  EXPECT_NE(run({"fliegen"}).code, 0);
}

TEST_F(Cli, MigrateIsIdempotentAndDoesNotSeed) {
  auto first = run(with({"migrate"}, where("d")));
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("Datenbankschema ist aktuell."), std::string::npos);
  EXPECT_NE(first.err.find("Migration eingespielt"), std::string::npos);
  auto second = run(with({"migrate"}, where("d")));
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.err.find("Migration eingespielt"), std::string::npos) << second.err;
  auto database = sqlite("d");
  EXPECT_GE(database->query("SELECT COUNT(*) FROM schema_migrations").first().i64(0), 1);
  EXPECT_EQ(database->query("SELECT COUNT(*) FROM kommunen").first().i64(0), 0);
}

TEST_F(Cli, SeedImportsAllKommunenAndIsRepeatable) {
  for (int i = 0; i < 2; ++i) {
    auto r = run(with({"seed"}, where("d")));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Importiert: 11564 Kommunen"), std::string::npos) << r.out;
    // Use cases: imported once, unchanged on the second run.
    EXPECT_NE(r.out.find(i == 0 ? "Use Cases: 30 Use Cases neu" : "0 aktualisiert, 30 unverändert"), std::string::npos) << r.out;
  }
  auto reindexed = run(with({"reindex"}, where("d")));
  ASSERT_EQ(reindexed.code, 0) << reindexed.err;
  EXPECT_NE(reindexed.out.find("30 Use Cases neu indiziert"), std::string::npos) << reindexed.out;
  auto database = sqlite("d");
  EXPECT_EQ(database->query("SELECT COUNT(*) FROM kommunen").first().i64(0), kKommunen);
  EXPECT_EQ(database->query("SELECT COUNT(*) FROM organisations WHERE is_example = 1").first().i64(0), 2);
  auto muenchen = database->query("SELECT name, name_folded FROM kommunen WHERE ags = '09162000'");
  ASSERT_EQ(muenchen.rows.size(), 1u);
  EXPECT_EQ(muenchen.first().str(1).rfind("muenchen", 0), 0u) << muenchen.first().str(1);
}

TEST_F(Cli, UserAddAndSetRole) {
  std::map<std::string, std::string> env{{"OPGV_NEW_PASSWORD", kPassword}};
  auto add = run(with({"user", "add", "--email", "Admin@Example.org", "--name", "Ada Admin", "--role", "admin"}, where("d")),
                 env);
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_NE(add.out.find("angelegt"), std::string::npos) << add.out;
  {
    auto database = sqlite("d");
    auto row = database->query("SELECT platform_role, status, password_hash, display_name FROM users WHERE email = $1",
                               {"admin@example.org"});
    ASSERT_EQ(row.rows.size(), 1u) << "e-mail not normalised or user missing";
    EXPECT_EQ(row.first().str(0), "admin");
    EXPECT_EQ(row.first().str(1), "active");
    EXPECT_TRUE(crypto::verifyPassword(row.first().str(2), kPassword));
    EXPECT_EQ(row.first().str(3), "Ada Admin");
  }
  auto setRole = run(with({"user", "set-role", "--email", "admin@example.org", "--role", "redaktion"}, where("d")));
  ASSERT_EQ(setRole.code, 0) << setRole.err;
  EXPECT_EQ(sqlite("d")->query("SELECT platform_role FROM users WHERE email = 'admin@example.org'").first().str(0),
            "redaktion");
  // Errors: exit code 1 and a German message on stderr, nothing changed.
  auto duplicate = run(with({"user", "add", "--email", "admin@example.org"}, where("d")), env);
  EXPECT_EQ(duplicate.code, 1);
  EXPECT_NE(duplicate.err.find("bereits"), std::string::npos) << duplicate.err;
  auto badRole = run(with({"user", "set-role", "--email", "admin@example.org", "--role", "kaiser"}, where("d")));
  EXPECT_EQ(badRole.code, 1);
  EXPECT_NE(badRole.err.find("Unbekannte Rolle"), std::string::npos);
  auto unknown = run(with({"user", "set-role", "--email", "niemand@example.org", "--role", "admin"}, where("d")));
  EXPECT_EQ(unknown.code, 1);
  auto weak = run(with({"user", "add", "--email", "b@example.org"}, where("d")), {{"OPGV_NEW_PASSWORD", "kurz"}});
  EXPECT_EQ(weak.code, 1);
  auto database = sqlite("d");
  EXPECT_EQ(database->query("SELECT platform_role FROM users WHERE email = 'admin@example.org'").first().str(0),
            "redaktion");
  EXPECT_EQ(database->query("SELECT COUNT(*) FROM users").first().i64(0), 1);
}

TEST_F(Cli, OnlineBackupAndRestoreSqlite) {
  ASSERT_EQ(run(with({"user", "add", "--email", "keep@example.org"}, where("live")), {{"OPGV_NEW_PASSWORD", kPassword}}).code,
            0);
  auto server = spawn(with({"serve", "--listen", "127.0.0.1:0"}, where("live")));
  auto port = waitHealthy(*server);
  Writers writers(port, 3);
  ASSERT_TRUE(writers.waitFor(30, 10s));
  auto before = writers.acked();  // all acknowledged before the backup started
  auto backup = run(with({"backup", "--out", dir_ + "/sicherungen/"}, where("live")));
  ASSERT_TRUE(writers.waitFor(before.size() + 10, 10s)) << "writes stalled during the backup";
  writers.stop();
  server->signal(SIGTERM);
  ASSERT_EQ(server->wait(10s), 0) << server->err();
  ASSERT_EQ(backup.code, 0) << backup.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(backup.out, m, std::regex("Sicherung geschrieben: (.+\\.db)")));
  std::string file = m[1];
  ASSERT_TRUE(fs::exists(file));
  auto bytesBefore = slurp(file);

  auto restore = run(with({"restore", "--from", file, "--yes"}, where("restored")));
  ASSERT_EQ(restore.code, 0) << restore.err;
  EXPECT_EQ(slurp(file), bytesBefore) << "restore modified the backup file";

  auto live = sqlite("live");
  auto restored = sqlite("restored");
  EXPECT_EQ(restored->query("PRAGMA integrity_check").first().str(0), "ok");
  EXPECT_EQ(restored->query("SELECT COUNT(*) FROM kommunen").first().i64(0), kKommunen);
  EXPECT_EQ(restored->query("SELECT email FROM users").first().str(0), "keep@example.org");
  auto liveRows = feedbackRows(*live);
  auto backupRows = feedbackRows(*restored);
  for (const auto& [id, message] : before) {
    ASSERT_TRUE(backupRows.count(id)) << "write acknowledged before the backup is missing: " << id;
    EXPECT_EQ(backupRows[id], message);
  }
  // A consistent snapshot: a prefix of the live data, nothing invented.
  for (const auto& [id, message] : backupRows) EXPECT_EQ(liveRows[id], message) << id;
  EXPECT_LT(backupRows.size(), liveRows.size());
  // The restored directory serves.
  auto again = spawn(with({"serve", "--listen", "127.0.0.1:0"}, where("restored")));
  auto againPort = waitHealthy(*again);
  EXPECT_EQ(request(againPort, "GET", "/kommunen/09162000").status, 200);
  again->signal(SIGTERM);
  EXPECT_EQ(again->wait(10s), 0);
}

TEST_F(Cli, RestoreKeepsTheReplacedDatabaseComplete) {
  // A crashed server leaves committed rows only in the -wal file. Restoring over that directory
  // must keep them in the copy that is put aside.
  ASSERT_EQ(run(with({"migrate"}, where("backup-src"))).code, 0);
  auto backup = run(with({"backup", "--out", dir_ + "/b.db"}, where("backup-src")));
  ASSERT_EQ(backup.code, 0) << backup.err;

  auto server = spawn(with({"serve", "--listen", "127.0.0.1:0"}, where("d")));
  auto port = waitHealthy(*server);
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    auto r = postFeedback(port, "nur im WAL " + std::to_string(i));
    ASSERT_EQ(r.status, 201);
    ids.push_back(nlohmann::json::parse(r.body)["id"].get<int64_t>());
  }
  server->signal(SIGKILL);
  server->wait(5s);
  ASSERT_TRUE(fs::exists(dir_ + "/d/opgv.db-wal"));

  auto restore = run(with({"restore", "--from", dir_ + "/b.db", "--yes"}, where("d")));
  ASSERT_EQ(restore.code, 0) << restore.err;
  std::string aside;
  for (const auto& entry : fs::directory_iterator(dir_ + "/d")) {
    auto name = entry.path().filename().string();
    if (name.find("vor-wiederherstellung") != std::string::npos && !name.ends_with("-wal") && !name.ends_with("-shm")) {
      aside = entry.path().string();
    }
  }
  ASSERT_FALSE(aside.empty()) << "no copy of the replaced database";
  auto old = db::open("sqlite://" + aside, 1);
  for (auto id : ids) {
    EXPECT_EQ(old->query("SELECT COUNT(*) FROM accessibility_feedback WHERE id = $1", {id}).first().i64(0), 1)
        << "row " << id << " lost from the replaced database";
  }
  EXPECT_EQ(sqlite("d")->query("SELECT COUNT(*) FROM accessibility_feedback").first().i64(0), 0);
}

TEST_F(Cli, RestoreRejectsGarbageWithoutTouchingTheData) {
  ASSERT_EQ(run(with({"migrate"}, where("d"))).code, 0);
  std::ofstream(dir_ + "/kaputt.db") << "keine Datenbank";
  auto r = run(with({"restore", "--from", dir_ + "/kaputt.db", "--yes"}, where("d")));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("keine gültige OPGV-Sicherung"), std::string::npos) << r.err;
  EXPECT_GE(sqlite("d")->query("SELECT COUNT(*) FROM schema_migrations").first().i64(0), 1);
  auto missing = run(with({"restore", "--from", dir_ + "/gibt-es-nicht.db", "--yes"}, where("d")));
  EXPECT_EQ(missing.code, 1);
  // Without --yes and without an answer on stdin nothing happens.
  auto unconfirmed = run(with({"restore", "--from", dir_ + "/kaputt.db"}, where("d")));
  EXPECT_EQ(unconfirmed.code, 1);
  EXPECT_NE(unconfirmed.err.find("Abgebrochen"), std::string::npos);
}

TEST_F(Cli, OnlineBackupAndRestorePostgres) {
  if (!postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
  TestDatabase source(Backend::kPostgres);
  TestDatabase target(Backend::kPostgres);
  {
    // Schema plus a marker so that serve skips the 11,564-row import (keeps the test fast).
    auto database = db::open(source.url(), 1);
    db::migrate(*database, sourceDir() + "/migrations");
    database->query("INSERT INTO settings (key, value) VALUES ('seeded_at', '0')");
    database->query("INSERT INTO kommunen (ags, name, name_folded, verwaltungstyp, bundesland, stand) VALUES "
                    "('09162000', 'München', 'muenchen', 'kreisfreie_stadt', 'Bayern', '2011-12-31')");
  }
  std::vector<std::string> db{"--db", source.url()};
  ASSERT_EQ(run(with(with({"user", "add", "--email", "pg@example.org", "--role", "redaktion"}, where("d")), db),
                {{"OPGV_NEW_PASSWORD", kPassword}})
                .code,
            0);
  auto server = spawn(with(with({"serve", "--listen", "127.0.0.1:0"}, where("d")), db));
  auto port = waitHealthy(*server);
  Writers writers(port, 3);
  ASSERT_TRUE(writers.waitFor(30, 10s));
  auto before = writers.acked();
  auto backup = run(with(with({"backup", "--out", dir_ + "/pg/"}, where("d")), db));
  ASSERT_TRUE(writers.waitFor(before.size() + 10, 10s));
  writers.stop();
  server->signal(SIGTERM);
  ASSERT_EQ(server->wait(10s), 0) << server->err();
  ASSERT_EQ(backup.code, 0) << backup.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(backup.out, m, std::regex("Sicherung geschrieben: (.+\\.pgdump)"))) << backup.out;
  std::string file = m[1];

  auto restore = run(with({"restore", "--from", file, "--yes", "--db", target.url()}, where("d2")));
  ASSERT_EQ(restore.code, 0) << restore.err;
  auto live = db::open(source.url(), 1);
  auto restored = db::open(target.url(), 1);
  EXPECT_EQ(restored->query("SELECT platform_role FROM users WHERE email = 'pg@example.org'").first().str(0), "redaktion");
  EXPECT_EQ(restored->query("SELECT name FROM kommunen WHERE ags = '09162000'").first().str(0), "München");
  EXPECT_EQ(restored->query("SELECT COUNT(*) FROM schema_migrations").first().i64(0),
            live->query("SELECT COUNT(*) FROM schema_migrations").first().i64(0));
  auto liveRows = feedbackRows(*live);
  auto backupRows = feedbackRows(*restored);
  for (const auto& [id, message] : before) {
    ASSERT_TRUE(backupRows.count(id)) << "write acknowledged before the backup is missing: " << id;
    EXPECT_EQ(backupRows[id], message);
  }
  for (const auto& [id, message] : backupRows) EXPECT_EQ(liveRows[id], message) << id;
  // Sequences came along: new rows in the restored database do not collide.
  auto next = restored->query("INSERT INTO accessibility_feedback (message, created_at, answer_due_at) "
                              "VALUES ('neu', 0, 0) RETURNING id")
                  .first()
                  .i64(0);
  EXPECT_GT(next, backupRows.rbegin()->first);
  // The restored database serves.
  auto again = spawn(with(with({"serve", "--listen", "127.0.0.1:0"}, where("d2")), {"--db", target.url()}));
  auto againPort = waitHealthy(*again);
  EXPECT_EQ(request(againPort, "GET", "/readyz").status, 200);
  again->signal(SIGTERM);
  EXPECT_EQ(again->wait(10s), 0);
}

TEST_F(Cli, ConfigPrecedenceFlagOverEnvOverFile) {
  auto ports = freePorts(3);
  auto [a, b, c] = std::tuple(ports[0], ports[1], ports[2]);
  auto config = dir_ + "/opgv.conf";
  std::ofstream(config) << "# Testkonfiguration\nlisten = 127.0.0.1:" << a << "\ndata-dir = " << dir_
                        << "/d\nresources = " << sourceDir() << "\nlog-level = info\n";
  auto listensOn = [&](std::vector<std::string> args, std::map<std::string, std::string> env) -> uint16_t {
    auto p = spawn(args, env);
    auto port = p->waitForLog(R"(läuft auf http://127\.0\.0\.1:(\d+))");
    if (port.empty()) {
      ADD_FAILURE() << "server did not start: " << p->err();
      return 0;
    }
    uint16_t n = static_cast<uint16_t>(std::stoi(port));
    EXPECT_EQ(request(n, "GET", "/healthz").status, 200);
    p->signal(SIGTERM);
    EXPECT_EQ(p->wait(10s), 0);
    return n;
  };
  std::map<std::string, std::string> env{{"OPGV_LISTEN", "127.0.0.1:" + std::to_string(b)}};
  EXPECT_EQ(listensOn({"serve", "--config", config, "--listen", "127.0.0.1:" + std::to_string(c)}, env), c);
  EXPECT_EQ(listensOn({"serve", "--config", config}, env), b);
  EXPECT_EQ(listensOn({"serve", "--config", config}, {}), a);
  // OPGV_CONFIG names the file when --config is absent.
  EXPECT_EQ(listensOn({"serve"}, {{"OPGV_CONFIG", config}}), a);
  // All of this used the data directory from the file.
  EXPECT_TRUE(fs::exists(dir_ + "/d/opgv.db"));

  // A typo in the file stops the start with the line number.
  std::ofstream(config, std::ios::app) << "listn = 127.0.0.1:1\n";
  auto bad = run({"serve", "--config", config});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find(config + ":6:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("listn"), std::string::npos);
  auto badNumber = run({"serve", "--threads", "viele", "--data-dir", dir_ + "/d", "--resources", sourceDir()});
  EXPECT_EQ(badNumber.code, 1);
  EXPECT_NE(badNumber.err.find("threads"), std::string::npos) << badNumber.err;
}

}  // namespace
}  // namespace opgv::test
