// The only translation unit (with poco_fuzz_support.cc) that includes Poco. It turns Poco's
// request objects into http::Request, enforces body limits before reading, and never lets an
// exception escape to Poco (which would drop the connection without an answer).
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Timestamp.h>
#include <Poco/Delegate.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/ThreadPool.h>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <istream>
#include <sstream>
#include <mutex>
#include <set>
#include <thread>
#include <string_view>
#include <vector>

#include "common/log.h"
#include "common/strings.h"
#include "http/form.h"
#include "http/problem.h"
#include "http/server.h"

namespace opgv::http {
namespace {

// Serialises status line, headers and body into one buffer and writes it with one send: Poco's
// sendBuffer() writes headers and body separately (measured: 4 sendto calls per page instead of 1).
void writeResponse(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out, const Response& response,
                   bool headOnly) {
  out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status),
                         statusReason(response.status));
  for (const auto& [name, value] : response.headers) {
    if (strings::toLowerAscii(name) == "content-length") continue;
    out.add(name, value);
  }
  out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
  std::ostringstream head;
  out.write(head);
  std::string wire = head.str();
  if (!headOnly) wire += response.body;
  auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(in).socket();
  socket.sendBytes(wire.data(), static_cast<int>(wire.size()));
}

Response limitResponse(int status, const std::string& detail) {
  return problem(status, detail);
}

// True if `path` is `prefix` or lies below it ("/a" covers "/a/b", not "/ab").
bool underPrefix(std::string_view path, std::string_view prefix) {
  if (prefix.empty() || !path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || prefix.back() == '/' || path[prefix.size()] == '/';
}

struct BodyLimit {
  size_t bytes;
  bool upload;  // the larger limit of an upload route applies
};

// Upload routes (ServerOptions::upload_path_prefixes) take larger bodies than everything else.
BodyLimit bodyLimitFor(const ServerOptions& options, std::string_view path) {
  for (const auto& prefix : options.upload_path_prefixes) {
    if (underPrefix(path, prefix)) return {std::max(options.max_upload_bytes, options.max_body_bytes), true};
  }
  return {options.max_body_bytes, false};
}

std::string tooLargeMessage(const BodyLimit& limit) {
  if (limit.upload) {
    size_t mib = limit.bytes >> 20;
    std::string amount = mib > 0 && limit.bytes % (size_t{1} << 20) == 0 ? std::to_string(mib) + " MiB"
                                                                        : std::to_string(limit.bytes / 1024) + " KiB";
    return "Die Anfrage ist zu groß (höchstens " + amount + " beim Hochladen von Dateien).";
  }
  return "Die Anfrage ist zu groß (höchstens " + std::to_string(limit.bytes / 1024) + " KiB).";
}

// RFC 9110 token characters (field names).
bool isToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool hasControlChars(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
  }
  return false;
}

// Checks what Poco lets through but RFC 9112 forbids, mainly the ambiguities behind request
// smuggling: whitespace in field names, Content-Length together with Transfer-Encoding, several
// different Content-Lengths, transfer codings we cannot decode (the body would otherwise be read
// as the next request). Also applies the configured header limits (Poco's own are fixed at 100
// fields and 8 KiB per value, so only stricter values take effect). Returns 0 if acceptable.
int checkHead(const Poco::Net::HTTPServerRequest& in, const ServerOptions& options, std::string& detail) {
  const auto& version = in.getVersion();
  if (version != Poco::Net::HTTPMessage::HTTP_1_1 && version != Poco::Net::HTTPMessage::HTTP_1_0) {
    detail = "Nur HTTP/1.0 und HTTP/1.1 werden unterstützt.";
    return 505;
  }
  size_t fields = 0;
  std::vector<std::string> lengths;
  std::vector<std::string> codings;
  for (const auto& [name, value] : in) {
    ++fields;
    if (!isToken(name) || hasControlChars(value)) {
      detail = "Die Anfrage enthält eine ungültige Kopfzeile.";
      return 400;
    }
    if (value.size() > options.max_header_value_bytes) {
      detail = "Eine Kopfzeile der Anfrage ist zu lang.";
      return 431;
    }
    auto lower = strings::toLowerAscii(name);
    if (lower == "content-length") lengths.push_back(strings::trim(value));
    if (lower == "transfer-encoding") codings.push_back(strings::toLowerAscii(strings::trim(value)));
  }
  if (fields > options.max_header_fields) {
    detail = "Die Anfrage enthält zu viele Kopfzeilen.";
    return 431;
  }
  if (!codings.empty() && !lengths.empty()) {
    detail = "Content-Length und Transfer-Encoding dürfen nicht zusammen gesendet werden.";
    return 400;
  }
  if (!codings.empty() && (codings.size() != 1 || codings[0] != "chunked")) {
    detail = "Nur Transfer-Encoding: chunked wird unterstützt.";
    return 501;
  }
  for (const auto& l : lengths) {
    auto n = strings::parseInt(l);
    if (!n || *n < 0 || l != lengths[0]) {
      detail = "Ungültige Content-Length.";
      return 400;
    }
  }
  return 0;
}

class RequestAdapter final : public Poco::Net::HTTPRequestHandler {
 public:
  RequestAdapter(const ServerOptions& options, const Handler& handler, const std::atomic<bool>& cut)
      : options_(options), handler_(handler), cut_(cut) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    bool headOnly = in.getMethod() == "HEAD";
    try {
      std::string headProblem;
      if (int status = checkHead(in, options_, headProblem); status != 0) {
        // The framing is unclear, so the rest of the connection cannot be trusted: close it.
        out.setKeepAlive(false);
        if (status == 505) out.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);  // not the client's "HTTP/2.0"
        respond(in, out, limitResponse(status, headProblem), headOnly);
        return;
      }
      Request request;
      request.method = parseMethod(in.getMethod());
      auto target = parseRequestTarget(in.getURI());
      if (!target) {
        out.setKeepAlive(false);
        respond(in, out, limitResponse(400, target.error().message), headOnly);
        return;
      }
      request.path = std::move(target->first);
      request.query = std::move(target->second);
      for (const auto& [name, value] : in) {
        request.headers.emplace_back(strings::toLowerAscii(name), value);
      }
      request.remote_addr = in.clientAddress().host().toString();

      const BodyLimit limit = bodyLimitFor(options_, request.path);
      if (in.hasContentLength() && in.getContentLength64() > static_cast<Poco::Int64>(limit.bytes)) {
        // Do not read the body; closing the connection discards it.
        out.setKeepAlive(false);
        respond(in, out, limitResponse(413, tooLargeMessage(limit)), headOnly);
        return;
      }
      bool largeBody = in.getChunkedTransferEncoding() ||
                       (in.hasContentLength() && in.getContentLength64() > static_cast<Poco::Int64>(options_.max_body_bytes));
      if (limit.upload && largeBody && options_.admit_upload && !options_.admit_upload(request)) {
        out.setKeepAlive(false);
        respond(in, out, limitResponse(401, "Zum Hochladen von Dateien bitte anmelden (Sitzung oder API-Token)."), headOnly);
        return;
      }
      if (in.hasContentLength() || in.getChunkedTransferEncoding()) {
        std::istream& body = in.stream();
        std::string buffer;
        char chunk[16384];
        while (body.read(chunk, sizeof chunk) || body.gcount() > 0) {
          buffer.append(chunk, static_cast<size_t>(body.gcount()));
          if (buffer.size() > limit.bytes) {
            out.setKeepAlive(false);
            respond(in, out, limitResponse(413, tooLargeMessage(limit)), headOnly);
            return;
          }
        }
        // Poco ends a fixed-length body early, without an error, when the client disconnects or
        // the read times out. A truncated body must not reach a handler as if it were complete
        // (a cut-off form is still a valid form).
        if (in.hasContentLength() && static_cast<Poco::Int64>(buffer.size()) != in.getContentLength64()) {
          out.setKeepAlive(false);
          respond(in, out, limitResponse(400, "Die Anfrage ist unvollständig angekommen."), headOnly);
          return;
        }
        request.body = std::move(buffer);
      }
      if (cut_) {
        // stop() has shut this connection down after the grace period. Poco treats a head cut
        // off by that as complete, so the request may lack header lines: do not handle it.
        out.setKeepAlive(false);
        respond(in, out, limitResponse(503, "Der Server wird beendet."), headOnly);
        return;
      }
      Response response = handler_(request);
      respond(in, out, response, headOnly);
    } catch (const std::exception& e) {
      log::error(std::string("unbehandelte Ausnahme an der Verbindungsgrenze: ") + e.what());
      if (!responded_) {
        out.setKeepAlive(false);
        respond(in, out, limitResponse(500, "Ein interner Fehler ist aufgetreten."), headOnly);
      }
    }
  }

 private:
  void respond(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out, const Response& response,
               bool headOnly) {
    responded_ = true;  // even a failed send must not be followed by a second response
    writeResponse(in, out, response, headOnly);
  }

  const ServerOptions& options_;
  const Handler& handler_;
  const std::atomic<bool>& cut_;
  bool responded_ = false;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(const ServerOptions& options, const Handler& handler, const std::atomic<bool>& cut)
      : options_(options), handler_(handler), cut_(cut) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new RequestAdapter(options_, handler_, cut_);
  }
  // What HTTPServer::stopAll does after stopping the listener (the event is protected).
  void notifyServerStopped(const void* sender, bool abortCurrent) {
    const bool abort = abortCurrent;
    serverStopped(sender, abort);
  }
  // Connections subscribe here (the event itself is protected).
  Poco::BasicEvent<const bool>& stoppedEvent() { return serverStopped; }

 private:
  const ServerOptions& options_;
  const Handler& handler_;
  const std::atomic<bool>& cut_;
};

// Our own connection loop instead of Poco::Net::HTTPServerConnection, for two reasons:
//  - stop() must be able to cut a connection after the grace period; Poco's own abort path
//    (HTTPServer::stopAll(true)) cannot help once stopAll(false) is waiting, because both go
//    through the same event delegate, whose mutex the waiting call holds;
//  - Poco waits for the next keep-alive request with Socket::poll(), which in 1.11 creates,
//    arms and closes an epoll instance per request (4 syscalls; measured with strace -c). We wait
//    in a 1-byte MSG_PEEK recv with the keep-alive timeout as the socket's receive timeout.
// Otherwise it follows Poco's HTTPServerConnection::run(): the per-connection mutex is held while
// a request is handled, so stopping waits for running requests and closes idle connections.
class ConnectionRegistry;

// Exposes HTTPSession::buffered(): a pipelined request may already sit in Poco's read buffer,
// and peeking at the socket then would wait for bytes that never come.
class Session final : public Poco::Net::HTTPServerSession {
 public:
  using Poco::Net::HTTPServerSession::HTTPServerSession;
  using Poco::Net::HTTPSession::buffered;
};

class TrackedConnection final : public Poco::Net::TCPServerConnection {
 public:
  TrackedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory, ConnectionRegistry& registry);
  ~TrackedConnection() override;

  void run() override;

  void abort() {
    try {
      socket().shutdown();  // wakes a thread blocked reading from this client
    } catch (...) {
    }
  }

 private:
  void onServerStopped(const bool& abortCurrent) {
    stopped_ = true;
    if (abortCurrent) {
      abort();
      return;
    }
    std::lock_guard lock(mutex_);  // waits for a request in progress on this connection
    abort();
  }

  void sendBadRequest(Session& session) {
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
      response.setKeepAlive(false);
      response.send();
    } catch (...) {
    }
    session.setKeepAlive(false);
  }

  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  ConnectionRegistry& registry_;
  std::mutex mutex_;
  std::atomic<bool> stopped_{false};
};

class ConnectionRegistry {
 public:
  void add(TrackedConnection* c) {
    std::lock_guard lock(mutex_);
    live_.insert(c);
  }
  void remove(TrackedConnection* c) {
    std::lock_guard lock(mutex_);
    live_.erase(c);
  }
  size_t abortAll() {
    std::lock_guard lock(mutex_);
    for (auto* c : live_) c->abort();
    return live_.size();
  }

 private:
  std::mutex mutex_;
  std::set<TrackedConnection*> live_;
};

TrackedConnection::TrackedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                                     Poco::Net::HTTPRequestHandlerFactory::Ptr factory, ConnectionRegistry& registry)
    : Poco::Net::TCPServerConnection(socket), params_(params), factory_(factory), registry_(registry) {
  static_cast<Factory&>(*factory_).stoppedEvent() += Poco::delegate(this, &TrackedConnection::onServerStopped);
  registry_.add(this);
}

TrackedConnection::~TrackedConnection() {
  try {
    static_cast<Factory&>(*factory_).stoppedEvent() -= Poco::delegate(this, &TrackedConnection::onServerStopped);
  } catch (...) {
  }
  registry_.remove(this);
}

void TrackedConnection::run() {
  Session session(socket(), params_);
  try {
    // The keep-alive timeout bounds idle waits; it also applies between packets of a request,
    // which is fine behind nginx (it buffers slow clients) and cuts stalled clients sooner.
    socket().setReceiveTimeout(params_->getKeepAliveTimeout());
  } catch (...) {
    return;
  }
  const std::string server = params_->getSoftwareVersion();
  const int maxRequests = params_->getMaxKeepAliveRequests();
  int served = 0;
  while (!stopped_) {
    try {
      if (session.buffered() == 0) {
        char byte;
        if (socket().receiveBytes(&byte, 1, MSG_PEEK) <= 0) break;  // peer closed
      }
    } catch (const Poco::Exception&) {
      break;  // keep-alive timeout, reset or shutdown by stop()
    }
    std::lock_guard lock(mutex_);
    if (stopped_) break;
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      Poco::Net::HTTPServerRequestImpl request(response, session, params_);
      ++served;
      bool lastAllowed = maxRequests > 0 && served >= maxRequests;
      response.setDate(Poco::Timestamp());
      response.setVersion(request.getVersion());
      response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && !lastAllowed);
      if (!server.empty()) response.set("Server", server);
      if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) {
        response.sendContinue();
      }
      std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory_->createRequestHandler(request));
      if (!handler) {
        sendBadRequest(session);
        break;
      }
      handler->handleRequest(request, response);
      session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && !lastAllowed);
      if (!session.getKeepAlive()) break;
    } catch (const Poco::Net::NoMessageException&) {
      break;
    } catch (const Poco::Net::MessageException&) {
      sendBadRequest(session);
      break;
    } catch (const Poco::Exception&) {
      break;  // timeouts and resets mid-request: the client is gone
    }
  }
}

class TrackedConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  TrackedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                           ConnectionRegistry& registry)
      : params_(params), factory_(factory), registry_(registry) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new TrackedConnection(socket, params_, factory_, registry_);
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  ConnectionRegistry& registry_;
};

class PocoServer final : public Server {
 public:
  PocoServer(ServerOptions options, Handler handler)
      : options_(std::move(options)), handler_(std::move(handler)) {}

  ~PocoServer() override { stop(); }

  void start() override {
    Poco::Net::SocketAddress address(options_.host, options_.port);
    socket_ = std::make_unique<Poco::Net::ServerSocket>(address, 256);
    port_ = socket_->address().port();
    pool_ = std::make_unique<Poco::ThreadPool>(std::min(8, options_.threads), options_.threads + 1);
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options_.threads);
    params->setMaxQueued(options_.max_queued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(options_.keep_alive_seconds, 0));
    params->setMaxKeepAliveRequests(options_.max_keep_alive_requests);
    params->setTimeout(Poco::Timespan(options_.socket_timeout_seconds, 0));
    // Poco 1.11 stops its dispatcher threads with NotificationQueue::wakeUpAll(), which misses a
    // thread that is just about to wait; that thread then sleeps for the full idle time and
    // pool_->joinAll() in stop() with it (10 s by default). A short idle time bounds the delay.
    params->setThreadIdleTime(Poco::Timespan(0, 500 * 1000));
    params->setServerName("opgv");
    cut_ = false;
    factory_ = new Factory(options_, handler_, cut_);
    handler_factory_ = factory_;  // owns it
    // What Poco::Net::HTTPServer does, with connections that stop() can cut.
    server_ = std::make_unique<Poco::Net::TCPServer>(new TrackedConnectionFactory(params, handler_factory_, registry_),
                                                     *pool_, *socket_, params);
    server_->start();
  }

  uint16_t port() const override { return port_; }

  void stop() override {
    if (!server_) return;
    // Stop accepting, then tell every connection (HTTPServer::stopAll(false)): idle keep-alive
    // connections close at once, a connection inside a request closes after answering. That
    // second part waits for each such connection, also one that stalls halfway through its head
    // or body until the socket timeout; after the grace period those sockets are shut down.
    server_->stop();
    // Close the listener too: otherwise the kernel keeps accepting into the backlog and those
    // clients hang until we exit, instead of being refused (and retried elsewhere by a proxy).
    socket_->close();
    std::promise<void> graceful;
    auto finished = graceful.get_future();
    std::thread notifier([this, &graceful] {
      factory_->notifyServerStopped(server_.get(), false);
      graceful.set_value();
    });
    if (finished.wait_for(std::chrono::seconds(options_.shutdown_grace_seconds)) != std::future_status::ready) {
      cut_ = true;
      auto cut = registry_.abortAll();
      log::warn("Beenden: " + std::to_string(cut) + " Verbindung(en) nach " +
                std::to_string(options_.shutdown_grace_seconds) + " s abgebrochen.");
    }
    notifier.join();
    pool_->joinAll();
    server_.reset();
    socket_.reset();
    pool_.reset();
  }

 private:
  ServerOptions options_;
  Handler handler_;
  ConnectionRegistry registry_;  // outlives every connection: the pool is joined in stop()
  std::atomic<bool> cut_{false};  // set when stop() cuts connections after the grace period
  std::unique_ptr<Poco::Net::ServerSocket> socket_;
  uint16_t port_ = 0;
  std::unique_ptr<Poco::ThreadPool> pool_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handler_factory_;
  Factory* factory_ = nullptr;  // the same object as handler_factory_
  std::unique_ptr<Poco::Net::TCPServer> server_;
};

}  // namespace

std::unique_ptr<Server> createServer(const ServerOptions& options, Handler handler) {
  return std::make_unique<PocoServer>(options, std::move(handler));
}

}  // namespace opgv::http
