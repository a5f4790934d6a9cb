// The real binary under SIGKILL and SIGTERM: acknowledged writes survive a crash, the database
// stays intact, and a graceful stop lets an in-flight request finish.
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
#include <cstdio>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "db/db.h"
#include "support/feedback_writers.h"
#include "support/process.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;


std::string tempDir() {
  std::string pattern = (fs::temp_directory_path() / "opgv-crash-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
  return pattern;
}

using Process = OpgvProcess;

// `opgv serve` on a free port; waits until /healthz answers.
class ServerProcess {
 public:
  ServerProcess(const std::string& dataDir, const std::string& logDir, const std::string& dbUrl = {}) {
    std::vector<std::string> args{"serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--resources", sourceDir()};
    if (!dbUrl.empty()) args.insert(args.end(), {"--db", dbUrl});
    process_ = std::make_unique<Process>(args, logDir + "/opgv");
    auto port = process_->waitForLog(R"(läuft auf http://127\.0\.0\.1:(\d+))");
    if (port.empty()) throw std::runtime_error("Server startet nicht:\n" + process_->err());
    port_ = static_cast<uint16_t>(std::stoi(port));
    auto deadline = Clock::now() + 10s;
    while (request(port_, "GET", "/healthz").status != 200) {
      if (Clock::now() > deadline) throw std::runtime_error("/healthz antwortet nicht");
      std::this_thread::sleep_for(10ms);
    }
  }
  uint16_t port() const { return port_; }
  Process& process() { return *process_; }

 private:
  std::unique_ptr<Process> process_;
  uint16_t port_ = 0;
};

// True once the server side of the loopback connection (server port <- client port) has an empty
// receive queue, i.e. the server has read everything the client sent (/proc/net/tcp).
bool serverDrained(uint16_t serverPort, uint16_t clientPort, std::chrono::milliseconds timeout) {
  char wanted[32];
  std::snprintf(wanted, sizeof wanted, ":%04X ", serverPort);
  char peer[32];
  std::snprintf(peer, sizeof peer, ":%04X ", clientPort);
  for (auto deadline = Clock::now() + timeout; Clock::now() < deadline; std::this_thread::sleep_for(2ms)) {
    std::ifstream in("/proc/net/tcp");
    for (std::string line; std::getline(in, line);) {
      // "sl local_address rem_address st tx_queue:rx_queue ..."
      std::istringstream fields(line);
      std::string sl, localAddr, remoteAddr, state, queues;
      fields >> sl >> localAddr >> remoteAddr >> state >> queues;
      if ((localAddr + " ").find(wanted) == std::string::npos || (remoteAddr + " ").find(peer) == std::string::npos) {
        continue;
      }
      if (queues.substr(queues.find(':') + 1) == "00000000") return true;
    }
  }
  return false;
}

using Writers = FeedbackWriters;

class CrashTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
    ASSERT_TRUE(fs::exists(opgvBinary())) << opgvBinary();
    dir_ = tempDir();
    data_ = dir_ + "/data";
    if (GetParam() == Backend::kPostgres) {
      pg_ = std::make_unique<TestDatabase>(Backend::kPostgres);
      db_url_ = pg_->url();
    }
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  std::string logDir(const std::string& name) {
    auto d = dir_ + "/" + name;
    fs::create_directories(d);
    return d;
  }
  std::unique_ptr<db::Database> openDb() {
    return db::open(db_url_.empty() ? "sqlite://" + data_ + "/opgv.db" : db_url_, 2);
  }

  std::string dir_, data_, db_url_;
  std::unique_ptr<TestDatabase> pg_;
};

TEST_P(CrashTest, SigkillLosesNoAcknowledgedWrite) {
  std::map<int64_t, std::string> acked;
  {
    ServerProcess server(data_, logDir("run1"), db_url_);
    Writers writers(server.port(), 8);
    ASSERT_TRUE(writers.waitFor(150, 20s)) << "only " << writers.count() << " writes acknowledged";
    server.process().signal(SIGKILL);  // writers are mid-stream
    auto code = server.process().wait(5s);
    ASSERT_TRUE(code);
    EXPECT_EQ(*code, 128 + SIGKILL);
    writers.stop();
    EXPECT_EQ(writers.unexpected(), 0);
    acked = writers.acked();
  }
  ASSERT_GE(acked.size(), 150u);
  {
    auto database = openDb();
    if (GetParam() == Backend::kSqlite) {
      auto check = database->query("PRAGMA integrity_check");
      ASSERT_EQ(check.rows.size(), 1u);
      EXPECT_EQ(check.first().str(0), "ok");
    }
    std::map<int64_t, std::string> stored;
    for (const auto& row : database->query("SELECT id, message FROM accessibility_feedback").rows) {
      stored[row.i64(0)] = row.str(1);
    }
    for (const auto& [id, message] : acked) {
      auto it = stored.find(id);
      ASSERT_NE(it, stored.end()) << "acknowledged id " << id << " lost";
      EXPECT_EQ(it->second, message);
    }
    EXPECT_GE(stored.size(), acked.size());  // a write may commit without the client seeing 201
  }
  // The same data directory / database serves again.
  ServerProcess again(data_, logDir("run2"), db_url_);
  EXPECT_EQ(request(again.port(), "GET", "/readyz").status, 200);
  auto r = postFeedback(again.port(), "nach dem Absturz");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_GT(nlohmann::json::parse(r.body)["id"].get<int64_t>(), acked.rbegin()->first);
  EXPECT_EQ(request(again.port(), "GET", "/kommunen/01001000").status, 200) << "seeded data gone";
  again.process().signal(SIGTERM);
  EXPECT_EQ(again.process().wait(10s), 0);
}

TEST_P(CrashTest, SigtermLetsTheInFlightRequestFinish) {
  ServerProcess server(data_, logDir("run"), db_url_);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string body = nlohmann::json{{"message", "während des Herunterfahrens"}}.dump();
  std::string head = "POST /api/v1/accessibility-feedback HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  auto firstPart = head + body.substr(0, 10);
  ASSERT_EQ(send(fd, firstPart.data(), firstPart.size(), MSG_NOSIGNAL), static_cast<ssize_t>(firstPart.size()));
  // Wait until the server has read what we sent (its receive queue for this connection is
  // empty): it then holds the request and waits for the rest of the body.
  sockaddr_in local{};
  socklen_t len = sizeof local;
  getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len);
  ASSERT_TRUE(serverDrained(server.port(), ntohs(local.sin_port), 5s)) << "server never read the request";
  auto start = Clock::now();
  server.process().signal(SIGTERM);
  ASSERT_FALSE(server.process().waitForLog("Signal 15 erhalten", 5s).empty()) << server.process().err();
  // New connections are refused (not parked in the listen backlog) while the request is open.
  bool refused = false;
  for (auto deadline = Clock::now() + 3s; Clock::now() < deadline && !refused; std::this_thread::sleep_for(20ms)) {
    int probe = socket(AF_INET, SOCK_STREAM, 0);
    refused = connect(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno == ECONNREFUSED;
    close(probe);
  }
  EXPECT_TRUE(refused) << "still accepting connections during shutdown";
  EXPECT_FALSE(server.process().wait(0ms)) << "exited before the in-flight request was done";
  auto rest = body.substr(10);
  ASSERT_EQ(send(fd, rest.data(), rest.size(), MSG_NOSIGNAL), static_cast<ssize_t>(rest.size()));
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) response.append(buf, static_cast<size_t>(n));
  close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 201", 0), 0u) << response;
  auto code = server.process().wait(5s);
  ASSERT_TRUE(code) << "did not exit within 5 s of SIGTERM";
  EXPECT_EQ(*code, 0) << server.process().err();
  EXPECT_LT(Clock::now() - start, 8s);
  EXPECT_NE(server.process().err().find("Server beendet"), std::string::npos);
  auto database = openDb();
  EXPECT_EQ(database->query("SELECT COUNT(*) FROM accessibility_feedback WHERE message = $1",
                            {"während des Herunterfahrens"})
                .first()
                .i64(0),
            1);
}

TEST_P(CrashTest, SigtermWithIdleClientsExitsPromptly) {
  ServerProcess server(data_, logDir("run"), db_url_);
  int idle = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(idle, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  // A keep-alive connection that has been served once and is now idle.
  int keepAlive = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_EQ(connect(keepAlive, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  send(keepAlive, get.data(), get.size(), MSG_NOSIGNAL);
  char buf[4096];
  ASSERT_GT(recv(keepAlive, buf, sizeof buf, 0), 0);
  std::this_thread::sleep_for(50ms);
  auto start = Clock::now();
  server.process().signal(SIGTERM);
  auto code = server.process().wait(5s);
  ASSERT_TRUE(code) << "idle connections held up the shutdown";
  EXPECT_EQ(*code, 0);
  EXPECT_LT(Clock::now() - start, 5s);
  close(idle);
  close(keepAlive);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

}  // namespace
}  // namespace opgv::test
