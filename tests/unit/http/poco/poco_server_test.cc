// The Poco adapter on its own (http::createServer with a small echo handler, no application):
// incremental parsing, limits, framing checks and graceful stop.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <regex>
#include <thread>

#include "http/poco/poco_fuzz_support.h"
#include "http/server.h"
#include "support/http_client.h"

namespace opgv::http {
namespace {

using namespace std::chrono_literals;

// A connected loopback socket with Nagle off, so that small writes leave as separate segments.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port, int timeoutSeconds = 5) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{timeoutSeconds, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
  }
  ~RawConnection() { close(fd_); }

  // Returns false if the peer closed (EPIPE/ECONNRESET).
  bool write(std::string_view data, size_t pieceSize = 0) {
    if (pieceSize == 0) pieceSize = data.size();
    for (size_t pos = 0; pos < data.size(); pos += pieceSize) {
      auto piece = data.substr(pos, pieceSize);
      size_t sent = 0;
      while (sent < piece.size()) {
        auto n = ::send(fd_, piece.data() + sent, piece.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
      }
    }
    return true;
  }
  bool readable(int timeoutMs) {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, timeoutMs) > 0;
  }
  void shutdownWrite() { shutdown(fd_, SHUT_WR); }
  // Reads one response with a Content-Length body (keep-alive).
  std::string readResponse() {
    std::string out;
    char buf[4096];
    while (true) {
      auto end = out.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::smatch m;
        size_t length = 0;
        std::string head = out.substr(0, end);
        if (std::regex_search(head, m, std::regex("Content-Length: (\\d+)"))) length = std::stoul(m[1]);
        if (out.size() >= end + 4 + length) return out;
      }
      auto n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  }
  // Reads until the server closes the connection (or the timeout hits).
  std::string readAll() {
    std::string out;
    char buf[65536];
    while (true) {
      auto n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
};

std::string withoutDate(const std::string& raw) {
  return std::regex_replace(raw, std::regex("Date: [^\r]*\r\n"), "");
}

Response echo(Request& req) {
  std::string out = std::string("method=") + methodName(req.method) + "\npath=" + req.path + "\nquery=" + req.query + "\n";
  for (const auto& [k, v] : req.headers) out += "header:" + k + "=" + v + "\n";
  out += "body(" + std::to_string(req.body.size()) + ")=" + req.body + "\n";
  auto res = Response::text(200, out);
  res.setHeader("X-Path", req.path);
  return res;
}

class PocoAdapter : public ::testing::Test {
 protected:
  void startServer(ServerOptions options = {}, Handler handler = echo) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 8;
    server_ = createServer(options, std::move(handler));
    server_->start();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }
  uint16_t port() const { return server_->port(); }
  std::string roundTrip(const std::string& raw, size_t pieceSize = 0) {
    RawConnection c(port());
    c.write(raw, pieceSize);
    c.shutdownWrite();
    return c.readAll();
  }
  std::unique_ptr<Server> server_;
};

std::string chunk(const std::string& data) {
  char size[16];
  std::snprintf(size, sizeof size, "%zx", data.size());
  return std::string(size) + "\r\n" + data + "\r\n";
}

const std::string kFormBody = "name=J%C3%B6rg+M%C3%BCller&msg=Gr%C3%BC%C3%9Fe";

// Four pipelined requests: plain GET, form POST with Content-Length, chunked JSON (a multi-byte
// character split across chunks), and a final GET that closes.
std::string pipelined() {
  return "GET /kommunen/M%C3%BCnchen?q=a%20b&x=1 HTTP/1.1\r\n"
         "Host: 127.0.0.1\r\n"
         "Accept: text/html\r\n"
         "X-Long: 0123456789012345678901234567890123456789\r\n"
         "\r\n"
         "POST /formular HTTP/1.1\r\n"
         "Host: 127.0.0.1\r\n"
         "Content-Type: application/x-www-form-urlencoded\r\n"
         "Content-Length: " + std::to_string(kFormBody.size()) + "\r\n"
         "\r\n" + kFormBody +
         "POST /api/chunked HTTP/1.1\r\n"
         "Host: 127.0.0.1\r\n"
         "Content-Type: application/json\r\n"
         "Transfer-Encoding: chunked\r\n"
         "\r\n" + chunk("{\"a\": \"Gr\xC3") + chunk("\xBC\xC3\x9F" "e \xF0\x9F\x9A\xAA\"}") + "0\r\n\r\n" +
         "GET /ende HTTP/1.1\r\n"
         "Host: 127.0.0.1\r\n"
         "Connection: close\r\n"
         "\r\n";
}

// In the spirit of Drogon's parser tests: the same bytes, fed in pieces of different sizes,
// must give byte-identical answers (apart from Date).
TEST_F(PocoAdapter, SplitWritesGiveIdenticalResponses) {
  startServer();
  std::string raw = pipelined();
  auto reference = withoutDate(roundTrip(raw));
  ASSERT_NE(reference.find("path=/kommunen/München"), std::string::npos) << reference;
  EXPECT_NE(reference.find("query=q=a%20b&x=1"), std::string::npos);
  EXPECT_NE(reference.find("body(" + std::to_string(kFormBody.size()) + ")=" + kFormBody), std::string::npos);
  EXPECT_NE(reference.find("body(21)={\"a\": \"Grüße 🚪\"}"), std::string::npos) << reference;
  EXPECT_NE(reference.find("path=/ende"), std::string::npos);
  size_t responses = 0;
  for (size_t pos = 0; (pos = reference.find("HTTP/1.1 200 OK", pos)) != std::string::npos; ++pos) ++responses;
  EXPECT_EQ(responses, 4u);
  for (size_t piece : {1, 3, 7, 20}) {
    EXPECT_EQ(withoutDate(roundTrip(raw, piece)), reference) << "pieces of " << piece << " bytes";
  }
}

TEST_F(PocoAdapter, KeepAliveServesSeveralRequestsOnOneConnection) {
  startServer();
  RawConnection c(port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.write("GET /r" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto res = c.readResponse();
    EXPECT_EQ(res.rfind("HTTP/1.1 200", 0), 0u) << res;
    EXPECT_NE(res.find("path=/r" + std::to_string(i)), std::string::npos) << res;
    EXPECT_NE(res.find("Connection: Keep-Alive"), std::string::npos) << res;
  }
}

TEST_F(PocoAdapter, ContentLengthOverLimitIsRefusedWithoutReadingTheBody) {
  ServerOptions o;
  o.max_body_bytes = 1000;
  startServer(o);
  RawConnection c(port());
  // Announce 50 MB but send nothing: if the server tried to read the body it would hang.
  ASSERT_TRUE(c.write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n"));
  auto start = std::chrono::steady_clock::now();
  auto res = c.readAll();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(res.rfind("HTTP/1.1 413", 0), 0u) << res;
  EXPECT_NE(res.find("application/problem+json"), std::string::npos);
  EXPECT_NE(res.find("Connection: Close"), std::string::npos);
  // Exactly at the limit is fine.
  auto ok = roundTrip("POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1000\r\n\r\n" +
                      std::string(1000, 'a'));
  EXPECT_NE(ok.find("body(1000)="), std::string::npos);
}

TEST_F(PocoAdapter, ChunkedBodyOverLimitIs413) {
  ServerOptions o;
  o.max_body_bytes = 64 * 1024;
  startServer(o);
  RawConnection c(port());
  ASSERT_TRUE(c.write("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
  std::string chunk = "4000\r\n" + std::string(0x4000, 'x') + "\r\n";
  // Keep sending 16 KiB chunks until the server answers (it must, after 64 KiB), at most 1 MiB.
  bool answered = false;
  for (int i = 0; i < 64 && !answered; ++i) {
    if (!c.write(chunk)) break;
    answered = c.readable(0);
  }
  auto res = c.readAll();
  EXPECT_EQ(res.rfind("HTTP/1.1 413", 0), 0u) << res.substr(0, 200);
  EXPECT_NE(res.find("application/problem+json"), std::string::npos);
}

TEST_F(PocoAdapter, HandlerExceptionBecomes500WithoutDetails) {
  startServer({}, [](Request&) -> Response { throw std::runtime_error("geheimes Detail"); });
  auto res = test::sendRaw(port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.header("content-type"), "application/problem+json");
  EXPECT_EQ(res.body.find("geheimes"), std::string::npos);
  // The server keeps serving.
  EXPECT_EQ(test::sendRaw(port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status, 500);
}

TEST_F(PocoAdapter, HeadSendsHeadersWithContentLengthButNoBody) {
  startServer();
  auto get = test::sendRaw(port(), "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto raw = roundTrip("HEAD /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(raw.rfind("HTTP/1.1 200", 0), 0u) << raw;
  auto end = raw.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(raw.size(), end + 4) << "HEAD response carries a body";
  // Same length as GET would send (the echo differs only in the method name: GET vs HEAD).
  auto expected = get.body.size() + 1;
  EXPECT_NE(raw.find("Content-Length: " + std::to_string(expected)), std::string::npos) << raw;
}

struct BadHead {
  const char* name;
  std::string request;
  int status;
};
// Keeps test names readable in ctest output instead of a byte dump.
void PrintTo(const BadHead& head, std::ostream* os) { *os << head.name; }

// One server for all cases (starting and stopping one costs Poco's 250 ms accept poll).
class PocoAdapterFraming : public ::testing::TestWithParam<BadHead> {
 protected:
  static void SetUpTestSuite() {
    ServerOptions o;
    o.port = 0;
    o.threads = 8;
    o.max_header_fields = 20;
    o.max_header_value_bytes = 1024;
    server_ = createServer(o, echo).release();
    server_->start();
  }
  static void TearDownTestSuite() {
    server_->stop();
    delete server_;
    server_ = nullptr;
  }
  static uint16_t port() { return server_->port(); }
  static std::string roundTrip(const std::string& raw) {
    RawConnection c(port());
    c.write(raw);
    c.shutdownWrite();
    return c.readAll();
  }
  static inline Server* server_ = nullptr;
};

TEST_P(PocoAdapterFraming, RejectsAndClosesTheConnection) {
  // A second, valid request follows on the same connection; after a framing error it must not be
  // answered (it could be a smuggled request).
  auto raw = roundTrip(GetParam().request + "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
  auto expected = "HTTP/1.1 " + std::to_string(GetParam().status);
  EXPECT_EQ(raw.rfind(expected, 0), 0u) << raw.substr(0, 300);
  EXPECT_EQ(raw.find("/smuggled"), std::string::npos) << raw;
  std::regex statusLine("HTTP/1\\.[01] [0-9]{3} ");
  auto responses = std::distance(std::sregex_iterator(raw.begin(), raw.end(), statusLine), std::sregex_iterator());
  EXPECT_EQ(responses, 1) << raw;
  // And the server is fine afterwards.
  EXPECT_EQ(test::sendRaw(port(), "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status, 200);
}

std::string manyHeaders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "X-H" + std::to_string(i) + ": v\r\n";
  return out;
}

INSTANTIATE_TEST_SUITE_P(
    PocoHead, PocoAdapterFraming,
    ::testing::Values(
        BadHead{"SpaceBeforeColon", "GET / HTTP/1.1\r\nHost: x\r\nX-Foo : bar\r\n\r\n", 400},
        BadHead{"EmptyFieldName", "GET / HTTP/1.1\r\nHost: x\r\n: bar\r\n\r\n", 400},
        BadHead{"ControlCharInName", "GET / HTTP/1.1\r\nHost: x\r\nX-\x01: bar\r\n\r\n", 400},
        BadHead{"NulInValue", std::string("GET / HTTP/1.1\r\nHost: x\r\nX-A: a") + '\0' + "b\r\n\r\n", 400},
        BadHead{"ContentLengthAndChunked",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
        BadHead{"ConflictingContentLengths",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}", 400},
        BadHead{"NegativeContentLength", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400},
        BadHead{"UnknownTransferCoding",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501},
        BadHead{"TwoTransferEncodingHeaders",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n",
                501},
        BadHead{"HttpVersion2", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505},
        BadHead{"MoreFieldsThanConfigured", "GET / HTTP/1.1\r\nHost: x\r\n" + manyHeaders(25) + "\r\n", 431},
        BadHead{"ValueLongerThanConfigured", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n",
                431},
        // Poco's own fixed limits (100 fields, 8 KiB value) answer 400 before the adapter runs.
        BadHead{"MoreThan100Fields", "GET / HTTP/1.1\r\nHost: x\r\n" + manyHeaders(150) + "\r\n", 400},
        BadHead{"HugeValue", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n", 400},
        BadHead{"GarbageRequestLine", "GARBAGE\r\n\r\n", 400},
        BadHead{"PathAboveRoot", "GET /static/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        BadHead{"BrokenPercentEscape", "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        BadHead{"AbsoluteFormTarget", "GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n", 400}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(PocoAdapter, IdenticalDuplicateContentLengthIsAccepted) {
  startServer();
  auto res = test::sendRaw(
      port(), "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("body(2)={}"), std::string::npos);
}

TEST_F(PocoAdapter, Http10IsServed) {
  startServer();
  auto raw = roundTrip("GET /alt HTTP/1.0\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.0 200", 0), 0u) << raw;
}

// stop() lets a running request finish: the client still gets its answer.
TEST_F(PocoAdapter, StopWaitsForRunningRequests) {
  std::mutex m;
  std::condition_variable cv;
  bool entered = false, release = false;
  startServer({}, [&](Request&) {
    std::unique_lock lock(m);
    entered = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return Response::text(200, "fertig");
  });
  auto client = std::async(std::launch::async, [p = port()] {
    return test::sendRaw(p, "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  });
  {
    std::unique_lock lock(m);
    ASSERT_TRUE(cv.wait_for(lock, 5s, [&] { return entered; }));
  }
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    server_->stop();
    stopped = true;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(stopped) << "stop() returned while a request was still running";
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  auto res = client.get();
  stopper.join();
  EXPECT_TRUE(stopped);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "fertig");
  server_.reset();
}

// A client that disconnects halfway through a Content-Length body: Poco reports a short body
// without an error; the handler must not see it as a complete request.
TEST_F(PocoAdapter, TruncatedBodyNeverReachesTheHandler) {
  std::atomic<int> handled{0};
  startServer({}, [&](Request& req) {
    ++handled;
    return echo(req);
  });
  RawConnection c(port());
  c.write("POST /formular HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          "Content-Length: 100\r\n\r\nmessage=abgeschnitt");
  c.shutdownWrite();  // the rest never comes
  auto res = c.readAll();
  EXPECT_EQ(res.rfind("HTTP/1.1 400", 0), 0u) << res;
  EXPECT_EQ(handled, 0) << "handler ran with a truncated body";
}

// A client that stalls mid-request must not hold up stop() beyond the grace period.
TEST_F(PocoAdapter, StopCutsStalledClientsAfterTheGracePeriod) {
  ServerOptions o;
  o.shutdown_grace_seconds = 1;
  std::atomic<int> handled{0};
  std::mutex m;
  std::vector<std::string> paths;
  startServer(o, [&](Request& req) {
    ++handled;
    std::lock_guard lock(m);
    paths.push_back(req.path);
    return echo(req);
  });
  RawConnection stalledHead(port());
  stalledHead.write("GET /stalled-head HTTP/1.1\r\nHost: x\r\n");
  RawConnection stalledBody(port());
  stalledBody.write("POST /stalled-body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
  RawConnection idle(port());
  // Make sure the server is serving (the stalled connections are accepted and being read).
  ASSERT_EQ(test::sendRaw(port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status, 200);
  auto start = std::chrono::steady_clock::now();
  server_->stop();
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, 4s) << "stop() waited for the stalled clients (socket timeout) instead of the grace period";
  EXPECT_EQ(handled, 1) << "a stalled request was handled with partial data: " << ::testing::PrintToString(paths);
  server_.reset();
}

// The fuzz-target entry point parses heads with the same Poco parser the server uses.
TEST(PocoFuzzSupport, ParseRequestHead) {
  auto parse = [](const std::string& head) {
    return poco::parseRequestHead(reinterpret_cast<const uint8_t*>(head.data()), head.size());
  };
  EXPECT_TRUE(parse("GET /kommunen?q=a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"));
  EXPECT_TRUE(parse("POST /x HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc"));
  EXPECT_FALSE(parse(""));
  EXPECT_FALSE(parse("GARBAGE\r\n\r\n"));
  EXPECT_FALSE(parse("GET\r\n\r\n"));
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 150; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_FALSE(parse(many + "\r\n"));
  EXPECT_FALSE(parse("GET / HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n"));
  // Never throws on arbitrary bytes.
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
  EXPECT_NO_THROW(parse(junk));
}

}  // namespace
}  // namespace opgv::http
