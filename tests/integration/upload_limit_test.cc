// The larger body limit of the upload routes (ServerOptions::upload_path_prefixes, set in
// app::Config::serverOptions()) against the real application and Poco server. Bodies above the
// general limit are admitted only with a session or API token (checked on the head, before the
// body is read); the size tests send a token so that an accepted body ends in 401/403/404/405
// from the route, never a 413.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "features/accounts/service.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

constexpr size_t kMiB = size_t{1} << 20;

class UploadLimit : public ::testing::Test {
 protected:
  // max-body-bytes stays at 1 MiB; uploads get 3 MiB so that the tests stay small.
  static void SetUpTestSuite() {
    server_ = new TestServer(Backend::kSqlite, TestServerOptions{.max_body_bytes = kMiB, .max_upload_bytes = 3 * kMiB});
    auto& c = server_->ctx();
    accounts::AccountService accounts(*c.db, *c.clock, *c.mailer, *c.sessions, *c.login_limiter, "http://test");
    auth::Principal who;
    who.user_id = server_->createUser("hochladen@example.org");
    token_ = accounts.createToken(who, "Upload-Test")->raw;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static uint16_t port() { return server_->port(); }

  // Sends the whole body with Content-Length and reads the answer.
  static HttpResponse postFull(const std::string& path, size_t bytes) {
    return request(port(), "POST", path, {{"Content-Type", "application/octet-stream"}, {"Authorization", "Bearer " + token_}},
                   std::string(bytes, 'x'));
  }

  // Announces `bytes` but sends only the head: a 413 must come without the body being read (and
  // without the client racing a connection reset while it still sends).
  static std::string announce(const std::string& path, size_t bytes, bool signedIn = true) {
    int fd = connectLoopback(port(), 5);
    std::string head = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n" +
                       (signedIn ? "Authorization: Bearer " + token_ + "\r\n" : std::string()) +
                       "Content-Length: " + std::to_string(bytes) + "\r\n\r\n";
    ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    auto raw = readUntilClosed(fd);
    close(fd);
    return raw;
  }

  // Sends `bytes` in 64 KiB chunks; stops early once the server answers.
  static std::string chunked(const std::string& path, size_t bytes, bool signedIn = true) {
    int fd = connectLoopback(port(), 10);
    std::string head = "POST " + path +
                       " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/octet-stream\r\n" +
                       (signedIn ? "Authorization: Bearer " + token_ + "\r\n" : std::string()) +
                       "Transfer-Encoding: chunked\r\n\r\n";
    ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'y') + "\r\n";
    bool answered = false;
    for (size_t sent = 0; sent < bytes && !answered; sent += 0x10000) {
      if (::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
      pollfd p{fd, POLLIN, 0};
      answered = poll(&p, 1, 0) > 0;
    }
    if (!answered) ::send(fd, "0\r\n\r\n", 5, MSG_NOSIGNAL);
    auto raw = readUntilClosed(fd);
    close(fd);
    return raw;
  }

  static int statusOf(const std::string& raw) {
    if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return 0;
    return std::stoi(raw.substr(9, 3));
  }

  static std::string detailOf(const std::string& raw) {
    auto start = raw.find("\r\n\r\n");
    if (start == std::string::npos) return {};
    auto json = nlohmann::json::parse(raw.substr(start + 4), nullptr, false);
    if (!json.is_object() || !json.contains("detail")) return {};
    return json["detail"].get<std::string>();
  }

  static void expectAlive() { EXPECT_EQ(request(port(), "GET", "/healthz").status, 200); }

  static inline TestServer* server_ = nullptr;
  static inline std::string token_;
};

TEST_F(UploadLimit, LargeUploadsWithoutSignInAreRefusedBeforeTheBodyIsRead) {
  // Only the head is sent: the answer must come without the server waiting for 2 MiB.
  auto raw = announce("/daten/datensaetze/neu", 2 * kMiB, false);
  ASSERT_EQ(statusOf(raw), 401) << raw.substr(0, 300);
  EXPECT_EQ(detailOf(raw), "Zum Hochladen von Dateien bitte anmelden (Sitzung oder API-Token).");
  EXPECT_EQ(statusOf(chunked("/api/v1/datasets/uploads", 2 * kMiB, false)), 401);
  // A forged session cookie is no sign-in.
  int fd = connectLoopback(port(), 5);
  std::string head = "POST /daten/datensaetze/neu HTTP/1.1\r\nHost: x\r\nCookie: opgv_session=erfunden\r\n"
                     "Content-Length: " + std::to_string(2 * kMiB) + "\r\n\r\n";
  ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  auto forged = readUntilClosed(fd);
  close(fd);
  EXPECT_EQ(statusOf(forged), 401);
  // Small bodies are not affected (the route answers for itself, e.g. 303 to the login).
  EXPECT_NE(request(port(), "POST", "/daten/datensaetze/neu", {{"Content-Type", "text/plain"}}, "x").status, 401);
  expectAlive();
}

TEST_F(UploadLimit, TwoMiBToAnUploadRouteIsNotRefused) {
  for (const char* path : {"/daten/datensaetze/x", "/daten/datensaetze", "/api/v1/datasets/abc/versionen",
                           "/api/v1/datasets"}) {
    auto r = postFull(path, 2 * kMiB);
    EXPECT_NE(r.status, 0) << path;
    EXPECT_NE(r.status, 413) << path << ": " << r.body;
  }
  expectAlive();
}

TEST_F(UploadLimit, TwoMiBElsewhereIs413WithTheGeneralLimit) {
  // Prefixes match whole path segments, and dot segments are resolved before matching.
  for (const char* path : {"/use-cases", "/daten/datensaetzeX", "/daten", "/api/v1/datasetsfoo",
                           "/daten/datensaetze/../../use-cases", "/api/v1/accessibility-feedback"}) {
    auto raw = announce(path, 2 * kMiB);
    ASSERT_EQ(statusOf(raw), 413) << path << ": " << raw.substr(0, 300);
    EXPECT_NE(raw.find("application/problem+json"), std::string::npos);
    auto detail = detailOf(raw);
    EXPECT_EQ(detail, "Die Anfrage ist zu groß (höchstens 1024 KiB).") << path;
  }
  // Exactly at the general limit is fine.
  EXPECT_NE(postFull("/nicht-vorhanden", kMiB).status, 413);
  expectAlive();
}

TEST_F(UploadLimit, OverTheUploadLimitIs413NamingTheUploadLimit) {
  auto raw = announce("/daten/datensaetze/x", 3 * kMiB + 1);
  ASSERT_EQ(statusOf(raw), 413) << raw.substr(0, 300);
  auto detail = detailOf(raw);
  EXPECT_EQ(detail, "Die Anfrage ist zu groß (höchstens 3 MiB beim Hochladen von Dateien).");
  auto api = announce("/api/v1/datasets/x", 50 * kMiB);
  EXPECT_EQ(statusOf(api), 413);
  EXPECT_NE(detailOf(api).find("3 MiB"), std::string::npos) << detailOf(api);
  // Exactly at the upload limit is fine.
  EXPECT_NE(postFull("/daten/datensaetze/x", 3 * kMiB).status, 413);
  expectAlive();
}

TEST_F(UploadLimit, ChunkedBodiesAreCountedAgainstTheSameLimits) {
  auto upload = chunked("/daten/datensaetze/x", 2 * kMiB);
  EXPECT_NE(statusOf(upload), 0);
  EXPECT_NE(statusOf(upload), 413) << upload.substr(0, 300);

  auto tooBig = chunked("/daten/datensaetze/x", 5 * kMiB);
  ASSERT_EQ(statusOf(tooBig), 413) << tooBig.substr(0, 300);
  EXPECT_EQ(detailOf(tooBig), "Die Anfrage ist zu groß (höchstens 3 MiB beim Hochladen von Dateien).");

  auto elsewhere = chunked("/use-cases", 2 * kMiB);
  ASSERT_EQ(statusOf(elsewhere), 413) << elsewhere.substr(0, 300);
  EXPECT_EQ(detailOf(elsewhere), "Die Anfrage ist zu groß (höchstens 1024 KiB).");
  expectAlive();
}

}  // namespace
}  // namespace opgv::test
