#pragma once
// Minimal blocking HTTP/1.1 client for tests (raw sockets, Connection: close), so tests can also
// send deliberately broken requests. A Browser keeps cookies and the last CSRF token like a user.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace opgv::test {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& name) const;
  std::vector<std::string> headerValues(const std::string& name) const;
};

// A connected loopback TCP socket with send/receive timeouts, for tests that write by hand.
int connectLoopback(uint16_t port, int timeoutSeconds = 10);
// Reads until the peer closes the connection or the receive timeout expires.
std::string readUntilClosed(int fd);

// Sends `raw` bytes as they are and reads the answer until the server closes the connection.
HttpResponse sendRaw(uint16_t port, const std::string& raw, int timeoutSeconds = 10);

HttpResponse request(uint16_t port, const std::string& method, const std::string& target,
                     const std::vector<std::pair<std::string, std::string>>& headers = {}, const std::string& body = {});

std::string formEncode(const std::vector<std::pair<std::string, std::string>>& fields);
// A multipart/form-data body: the fields, then the file as field „datei“ (text/csv), as the upload
// forms send it. Content-Type: "multipart/form-data; boundary=" + boundary.
std::string multipartBody(const std::string& boundary, const std::vector<std::pair<std::string, std::string>>& fields,
                          const std::string& fileName, const std::string& fileContent);

class Browser {
 public:
  explicit Browser(uint16_t port) : port_(port) {}
  HttpResponse get(const std::string& target);
  // Adds csrf_token from the most recent page automatically unless `fields` has one.
  HttpResponse postForm(const std::string& target, std::vector<std::pair<std::string, std::string>> fields);
  HttpResponse send(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& contentType, std::vector<std::pair<std::string, std::string>> extra = {});
  // Follows one 303/302 redirect with GET.
  HttpResponse follow(const HttpResponse& redirect);
  std::string cookie(const std::string& name) const;
  void setCookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  const std::string& csrfToken() const { return csrf_; }
  uint16_t port() const { return port_; }

 private:
  void absorb(const HttpResponse& r);
  uint16_t port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

// Extracts the value of the first `name="csrf_token" value="…"` in an HTML page.
std::string extractCsrf(const std::string& html);

}  // namespace opgv::test
