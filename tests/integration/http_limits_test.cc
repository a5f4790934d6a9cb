// Hostile and broken requests against the real application (router, middleware, Poco), SQLite.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <regex>
#include <sstream>

#include "support/test_server.h"

namespace opgv::test {
namespace {

using namespace std::chrono_literals;

int connectTo(uint16_t port) { return connectLoopback(port, 5); }
std::string readAll(int fd) { return readUntilClosed(fd); }

class HttpLimits : public ::testing::Test {
 protected:
  // One server for the suite: every test here leaves the data alone.
  static void SetUpTestSuite() { server_ = new TestServer(Backend::kSqlite); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static uint16_t port() { return server_->port(); }
  static HttpResponse get(const std::string& target) { return request(port(), "GET", target); }
  static void expectAlive() {
    auto r = get("/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "ok\n");
  }
  static HttpResponse post(const std::string& target, const std::string& contentType, const std::string& body,
                           std::vector<std::pair<std::string, std::string>> extra = {}) {
    extra.emplace_back("Content-Type", contentType);
    return request(port(), "POST", target, extra, body);
  }
  static inline TestServer* server_ = nullptr;
};

TEST_F(HttpLimits, MalformedRequestLineIs400AndServerSurvives) {
  // (Poco ignores anything after the version, so "GET / HTTP/1.1 extra" is served; not tested.)
  for (const char* raw : {"GARBAGE\r\n\r\n", "GET\r\n\r\n", "\x16\x03\x01\x02\x00\x01\x00\r\n\r\n", "GET /\r\n\r\n",
                          "GET / HTTP/1.1\r\n" "Host: x\r\n" "Content-Length: abc\r\n\r\n"}) {
    auto r = sendRaw(port(), raw);
    EXPECT_TRUE(r.status == 400 || r.status == 0) << "status " << r.status << " for " << raw;
    expectAlive();
  }
  // The common case answers 400 explicitly.
  EXPECT_EQ(sendRaw(port(), "GARBAGE\r\n\r\n").status, 400);
}

TEST_F(HttpLimits, InvalidHeaderSyntaxIs400) {
  EXPECT_EQ(sendRaw(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Foo : bar\r\nConnection: close\r\n\r\n").status, 400);
  EXPECT_EQ(sendRaw(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n: leer\r\nConnection: close\r\n\r\n").status, 400);
  EXPECT_EQ(sendRaw(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX\x7F: y\r\nConnection: close\r\n\r\n").status, 400);
  expectAlive();
}

TEST_F(HttpLimits, TooManyHeaderFieldsIs4xx) {
  std::string raw = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
  for (int i = 0; i < 150; ++i) raw += "X-Feld-" + std::to_string(i) + ": wert\r\n";
  auto r = sendRaw(port(), raw + "\r\n");
  EXPECT_GE(r.status, 400);
  EXPECT_LT(r.status, 500);
  // 90 are fine.
  std::string ok = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
  for (int i = 0; i < 90; ++i) ok += "X-Feld-" + std::to_string(i) + ": wert\r\n";
  EXPECT_EQ(sendRaw(port(), ok + "\r\n").status, 200);
}

TEST_F(HttpLimits, HugeHeaderValueIs4xx) {
  auto r = sendRaw(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: opgv_session=" +
                               std::string(100000, 'a') + "\r\n\r\n");
  EXPECT_GE(r.status, 400);
  EXPECT_LT(r.status, 500);
  expectAlive();
}

TEST_F(HttpLimits, BodyOverLimitWithContentLengthIs413WithoutReadingIt) {
  int fd = connectTo(port());
  // 50 MB announced, nothing sent: an answer can only come if the server does not wait for it.
  std::string head =
      "POST /api/v1/accessibility-feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 50000000\r\n\r\n";
  ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  auto start = std::chrono::steady_clock::now();
  auto raw = readAll(fd);
  close(fd);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  ASSERT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw;
  EXPECT_NE(raw.find("Content-Type: application/problem+json"), std::string::npos);
  auto body = nlohmann::json::parse(raw.substr(raw.find("\r\n\r\n") + 4));
  EXPECT_EQ(body["status"], 413);
  EXPECT_NE(body["detail"].get<std::string>().find("zu groß"), std::string::npos);
  expectAlive();
}

TEST_F(HttpLimits, ChunkedBodyOverLimitIs413) {
  int fd = connectTo(port());
  std::string head =
      "POST /api/v1/accessibility-feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";  // 64 KiB of JSON whitespace
  // Send until the server answers (it must after 1 MiB), at most 4 MiB.
  for (int i = 0; i < 64; ++i) {
    if (send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 0) > 0) break;
  }
  auto raw = readAll(fd);
  close(fd);
  ASSERT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw.substr(0, 300);
  EXPECT_NE(raw.find("application/problem+json"), std::string::npos);
  expectAlive();
}

TEST_F(HttpLimits, InvalidUtf8InFormIs400WithGermanMessage) {
  // HTML client: an error page in German.
  auto page = post("/anmelden", "application/x-www-form-urlencoded", "email=%FF%FE&password=x");
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("ungültige Zeichen"), std::string::npos) << page.body.substr(0, 500);
  // API-style client: problem+json with the same message.
  auto api = post("/anmelden", "application/x-www-form-urlencoded", "email=Stra%DFe",
                  {{"Accept", "application/json"}});
  EXPECT_EQ(api.status, 400);
  EXPECT_EQ(api.header("content-type"), "application/problem+json");
  auto body = nlohmann::json::parse(api.body);
  EXPECT_NE(body["detail"].get<std::string>().find("UTF-8"), std::string::npos) << api.body;
}

TEST_F(HttpLimits, InvalidPercentEscapeIs400) {
  auto r = post("/anmelden", "application/x-www-form-urlencoded", "email=a%zzb&password=%",
                {{"Accept", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("fehlerhaft kodiert"), std::string::npos) << r.body;
  // In the path as well.
  EXPECT_EQ(get("/kommunen/%G1").status, 400);
}

TEST_F(HttpLimits, FormRouteRejectsJson) {
  auto r = post("/anmelden", "application/json", R"({"email":"a@example.org","password":"x"})");
  EXPECT_EQ(r.status, 415);
  auto noType = request(port(), "POST", "/anmelden", {}, "email=a");
  EXPECT_EQ(noType.status, 415);
}

TEST_F(HttpLimits, JsonRouteRejectsFormContentType) {
  auto r = post("/api/v1/accessibility-feedback", "application/x-www-form-urlencoded", "message=Barriere");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_EQ(post("/api/v1/accounts", "text/plain", "{}").status, 415);
  // Media type parameters and case do not matter.
  auto ok = post("/api/v1/accessibility-feedback", "Application/JSON; charset=UTF-8", R"({"message":"  "})");
  EXPECT_EQ(ok.status, 422);
}

TEST_F(HttpLimits, MalformedJsonIs400) {
  for (const char* body : {"{", "{\"message\": ", "[1,2]", "\"text\"", "", "{\"message\":\"a\"}}", "nul"}) {
    auto r = post("/api/v1/accessibility-feedback", "application/json", body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
  }
  auto invalidUtf8 = post("/api/v1/accounts", "application/json", "{\"email\":\"\xff\"}");
  EXPECT_EQ(invalidUtf8.status, 400);
}

TEST_F(HttpLimits, PathTraversalNeverServesFiles) {
  const char* targets[] = {
      "/static/../../etc/passwd",
      "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/static/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/static/..%2f..%2f..%2fetc/passwd",
      "/static/css/../../../../etc/passwd",
      "/static//etc/passwd",
      "/static/%2fetc%2fpasswd",
      "/static/....//....//etc/passwd",
      "/static/%252e%252e/%252e%252e/etc/passwd",
      "/static/..\\..\\..\\etc\\passwd",
      "/static/css/../../migrations/sqlite/0001_foundation.sql",
      "/static/%00../etc/passwd",
      "/favicon.ico/../../etc/passwd",
  };
  for (const char* target : targets) {
    auto r = get(target);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("CREATE TABLE"), std::string::npos) << target;
  }
  // The static route itself works.
  auto css = get("/static/css/opgv.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.header("content-type").find("text/css"), std::string::npos);
  expectAlive();
}

TEST_F(HttpLimits, UnknownMethodIsRejected) {
  auto brew = sendRaw(port(), "BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(brew.status, 405);
  auto allow = brew.header("allow");
  EXPECT_NE(allow.find("GET"), std::string::npos) << allow;
  EXPECT_NE(allow.find("HEAD"), std::string::npos) << allow;
  auto del = sendRaw(port(), "DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(del.status, 405);
  auto unknownPath = sendRaw(port(), "BREW /gibt-es-nicht HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(unknownPath.status, 404);
}

TEST_F(HttpLimits, StalledClientsDoNotBlockOthers) {
  auto feedbackCount = [] {
    return server_->ctx().db->query("SELECT COUNT(*) FROM accessibility_feedback").first().i64(0);
  };
  auto before = feedbackCount();
  std::vector<int> stalled;
  // Half a request line, half a head, and half a body.
  for (const std::string& part : {std::string("GET /heal"), std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n"),
                                  std::string("POST /api/v1/accessibility-feedback HTTP/1.1\r\nHost: x\r\n"
                                              "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"mess")}) {
    int fd = connectTo(port());
    send(fd, part.data(), part.size(), MSG_NOSIGNAL);
    stalled.push_back(fd);
  }
  for (int i = 0; i < 5; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto r = get("/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);  // not the 30 s socket timeout
  }
  for (int fd : stalled) close(fd);
  // The half-sent feedback was not stored.
  EXPECT_EQ(feedbackCount(), before);
}

TEST_F(HttpLimits, HeadReturnsHeadersWithoutBody) {
  auto get = request(port(), "GET", "/");
  ASSERT_EQ(get.status, 200);
  int fd = connectTo(port());
  std::string head = "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  auto raw = readAll(fd);
  close(fd);
  ASSERT_EQ(raw.rfind("HTTP/1.1 200", 0), 0u) << raw;
  auto end = raw.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(raw.size(), end + 4) << "HEAD carried a body";
  EXPECT_NE(raw.find("Content-Type: text/html"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(raw, m, std::regex("Content-Length: (\\d+)")));
  EXPECT_GT(std::stoul(m[1]), 1000u);
  // Security headers apply to HEAD as well.
  EXPECT_NE(raw.find("X-Content-Type-Options: nosniff"), std::string::npos);
}

TEST_F(HttpLimits, HealthReadinessAndMetrics) {
  expectAlive();
  auto ready = get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, "bereit\n");
  get("/healthz");
  get("/kommunen/01001000");
  auto metrics = get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.header("content-type").find("text/plain; version=0.0.4"), std::string::npos);
  const auto& text = metrics.body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      text, m, std::regex(R"(opgv_http_requests_total\{method="GET",route="/healthz",status="200"\} (\d+))")))
      << text;
  EXPECT_GE(std::stoi(m[1]), 2);
  // Route patterns, not raw paths, label the series (bounded cardinality).
  EXPECT_NE(text.find(R"(route="/kommunen/{ags}")"), std::string::npos) << text;
  EXPECT_EQ(text.find("01001000"), std::string::npos);
  EXPECT_NE(text.find("# TYPE opgv_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_TRUE(std::regex_search(
      text, std::regex(R"(opgv_http_request_duration_seconds_bucket\{method="GET",route="/healthz",le="0\.005"\} \d+)")));
  ASSERT_TRUE(std::regex_search(
      text, m, std::regex(R"(opgv_http_request_duration_seconds_bucket\{method="GET",route="/healthz",le="\+Inf"\} (\d+))")));
  auto inf = m[1].str();
  ASSERT_TRUE(std::regex_search(
      text, m, std::regex(R"(opgv_http_request_duration_seconds_count\{method="GET",route="/healthz"\} (\d+))")));
  EXPECT_EQ(inf, m[1].str());
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(opgv_http_request_duration_seconds_sum\{method="GET",route="/healthz"\} [0-9.]+)")));
  // Requests that matched no route are counted under one label.
  get("/gibt-es-nicht-" + std::to_string(std::rand()));
  EXPECT_NE(get("/metrics").body.find(R"(route="unmatched",status="404")"), std::string::npos);
}

// The application behind the real server sees the same request however the bytes arrive:
// writes of 1, 3, 7 and 20 bytes split the head, multi-byte characters and the body.
TEST_F(HttpLimits, SplitWritesReachTheApplicationIntact) {
  const std::string message = "Stufe am Eingang – für Rollstühle unpassierbar ♿🚪";
  const std::string body = nlohmann::json{{"message", message}, {"name", "Jörg Müller"}}.dump();
  const std::string raw = "POST /api/v1/accessibility-feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                          "Content-Type: application/json; charset=utf-8\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body;
  for (size_t piece : {1, 3, 7, 20}) {
    int fd = connectTo(port());
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    for (size_t pos = 0; pos < raw.size(); pos += piece) {
      auto part = raw.substr(pos, piece);
      ASSERT_EQ(send(fd, part.data(), part.size(), MSG_NOSIGNAL), static_cast<ssize_t>(part.size()));
    }
    auto response = readAll(fd);
    close(fd);
    ASSERT_EQ(response.rfind("HTTP/1.1 201", 0), 0u) << "pieces of " << piece << ":\n" << response;
    auto id = nlohmann::json::parse(response.substr(response.find("\r\n\r\n") + 4))["id"].get<int64_t>();
    auto row = server_->ctx().db->query("SELECT message, name FROM accessibility_feedback WHERE id = $1", {id}).first();
    EXPECT_EQ(row.str(0), message) << "pieces of " << piece;
    EXPECT_EQ(row.str(1), "Jörg Müller");
  }
}

}  // namespace
}  // namespace opgv::test
