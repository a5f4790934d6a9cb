// The only translation unit (with poco_fuzz_support.cc) that includes Poco. It turns Poco's
// request objects into http::Request, enforces body limits before reading, and never lets an
// exception escape to Poco (which would drop the connection without an answer).
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <istream>

#include "common/log.h"
#include "common/strings.h"
#include "http/form.h"
#include "http/problem.h"
#include "http/server.h"

namespace opgv::http {
namespace {

void writeResponse(Poco::Net::HTTPServerResponse& out, const Response& response, bool headOnly) {
  out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status),
                         statusReason(response.status));
  for (const auto& [name, value] : response.headers) {
    if (strings::toLowerAscii(name) == "content-length") continue;
    out.add(name, value);
  }
  out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
  if (headOnly) {
    out.send();
  } else {
    out.sendBuffer(response.body.data(), response.body.size());
  }
}

Response limitResponse(int status, const std::string& detail) {
  return problem(status, detail);
}

class RequestAdapter final : public Poco::Net::HTTPRequestHandler {
 public:
  RequestAdapter(const ServerOptions& options, const Handler& handler)
      : options_(options), handler_(handler) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    bool headOnly = in.getMethod() == "HEAD";
    try {
      Request request;
      request.method = parseMethod(in.getMethod());
      auto target = parseRequestTarget(in.getURI());
      if (!target) {
        out.setKeepAlive(false);
        writeResponse(out, limitResponse(400, target.error().message), headOnly);
        return;
      }
      request.path = std::move(target->first);
      request.query = std::move(target->second);
      for (const auto& [name, value] : in) {
        request.headers.emplace_back(strings::toLowerAscii(name), value);
      }
      request.remote_addr = in.clientAddress().host().toString();

      if (in.hasContentLength() && in.getContentLength64() > static_cast<Poco::Int64>(options_.max_body_bytes)) {
        // Do not read the body; closing the connection discards it.
        out.setKeepAlive(false);
        writeResponse(out, limitResponse(413, "Die Anfrage ist zu groß (höchstens " +
                                                  std::to_string(options_.max_body_bytes / 1024) +
                                                  " KiB)."),
                      headOnly);
        return;
      }
      if (in.hasContentLength() || in.getChunkedTransferEncoding()) {
        std::istream& body = in.stream();
        std::string buffer;
        char chunk[16384];
        while (body.read(chunk, sizeof chunk) || body.gcount() > 0) {
          buffer.append(chunk, static_cast<size_t>(body.gcount()));
          if (buffer.size() > options_.max_body_bytes) {
            out.setKeepAlive(false);
            writeResponse(out, limitResponse(413, "Die Anfrage ist zu groß."), headOnly);
            return;
          }
        }
        request.body = std::move(buffer);
      }
      Response response = handler_(request);
      writeResponse(out, response, headOnly);
    } catch (const std::exception& e) {
      log::error(std::string("unbehandelte Ausnahme an der Verbindungsgrenze: ") + e.what());
      if (!out.sent()) {
        out.setKeepAlive(false);
        writeResponse(out, limitResponse(500, "Ein interner Fehler ist aufgetreten."), headOnly);
      }
    }
  }

 private:
  const ServerOptions& options_;
  const Handler& handler_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(const ServerOptions& options, const Handler& handler) : options_(options), handler_(handler) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new RequestAdapter(options_, handler_);
  }

 private:
  const ServerOptions& options_;
  const Handler& handler_;
};

class PocoServer final : public Server {
 public:
  PocoServer(ServerOptions options, Handler handler)
      : options_(std::move(options)), handler_(std::move(handler)) {}

  ~PocoServer() override { stop(); }

  void start() override {
    Poco::Net::SocketAddress address(options_.host, options_.port);
    socket_ = std::make_unique<Poco::Net::ServerSocket>(address, 256);
    pool_ = std::make_unique<Poco::ThreadPool>(std::min(8, options_.threads), options_.threads + 1);
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options_.threads);
    params->setMaxQueued(options_.max_queued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(options_.keep_alive_seconds, 0));
    params->setMaxKeepAliveRequests(options_.max_keep_alive_requests);
    params->setTimeout(Poco::Timespan(options_.socket_timeout_seconds, 0));
    params->setServerName("opgv");
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(options_, handler_), *pool_, *socket_, params);
    server_->start();
  }

  uint16_t port() const override { return socket_ ? socket_->address().port() : 0; }

  void stop() override {
    if (!server_) return;
    // stopAll(false): stop accepting, close idle keep-alive connections, let running requests end.
    server_->stopAll(false);
    pool_->joinAll();
    server_.reset();
    socket_.reset();
    pool_.reset();
  }

 private:
  ServerOptions options_;
  Handler handler_;
  std::unique_ptr<Poco::Net::ServerSocket> socket_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace

std::unique_ptr<Server> createServer(const ServerOptions& options, Handler handler) {
  return std::make_unique<PocoServer>(options, std::move(handler));
}

}  // namespace opgv::http
