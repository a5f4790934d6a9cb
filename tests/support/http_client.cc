#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "common/strings.h"

namespace opgv::test {

std::string HttpResponse::header(const std::string& name) const {
  auto lower = strings::toLowerAscii(name);
  for (const auto& [k, v] : headers) {
    if (k == lower) return v;
  }
  return {};
}

std::vector<std::string> HttpResponse::headerValues(const std::string& name) const {
  std::vector<std::string> out;
  auto lower = strings::toLowerAscii(name);
  for (const auto& [k, v] : headers) {
    if (k == lower) out.push_back(v);
  }
  return out;
}

static HttpResponse parse(const std::string& raw) {
  HttpResponse r;
  auto headerEnd = raw.find("\r\n\r\n");
  if (headerEnd == std::string::npos) return r;
  auto head = raw.substr(0, headerEnd);
  auto lines = strings::split(head, '\n');
  if (lines.empty()) return r;
  auto statusLine = strings::trim(lines[0]);
  auto sp = statusLine.find(' ');
  if (sp != std::string::npos) r.status = std::stoi(statusLine.substr(sp + 1, 3));
  for (size_t i = 1; i < lines.size(); ++i) {
    auto line = strings::trim(lines[i]);
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    r.headers.emplace_back(strings::toLowerAscii(strings::trim(line.substr(0, colon))), strings::trim(line.substr(colon + 1)));
  }
  std::string body = raw.substr(headerEnd + 4);
  if (strings::toLowerAscii(r.header("transfer-encoding")) == "chunked") {
    std::string decoded;
    size_t pos = 0;
    while (pos < body.size()) {
      auto eol = body.find("\r\n", pos);
      if (eol == std::string::npos) break;
      size_t len = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
      if (len == 0) break;
      decoded += body.substr(eol + 2, len);
      pos = eol + 2 + len + 2;
    }
    body = decoded;
  }
  r.body = body;
  return r;
}

int connectLoopback(uint16_t port, int timeoutSeconds) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket");
  timeval tv{timeoutSeconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("connect to port " + std::to_string(port) + " failed");
  }
  return fd;
}

std::string readUntilClosed(int fd) {
  std::string out;
  char buf[65536];
  while (true) {
    auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

HttpResponse sendRaw(uint16_t port, const std::string& raw, int timeoutSeconds) {
  int fd = connectLoopback(port, timeoutSeconds);
  size_t sent = 0;
  while (sent < raw.size()) {
    auto n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (e.g. 413); still read its answer
    sent += static_cast<size_t>(n);
  }
  shutdown(fd, SHUT_WR);
  auto response = readUntilClosed(fd);
  close(fd);
  return parse(response);
}

HttpResponse request(uint16_t port, const std::string& method, const std::string& target,
                     const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool hasLength = false;
  for (const auto& [k, v] : headers) {
    raw += k + ": " + v + "\r\n";
    if (strings::toLowerAscii(k) == "content-length") hasLength = true;
  }
  if (!hasLength && (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")) {
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  raw += "\r\n" + body;
  return sendRaw(port, raw);
}

std::string formEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += "&";
    out += strings::percentEncode(k) + "=" + strings::percentEncode(v);
  }
  return out;
}

std::string multipartBody(const std::string& boundary, const std::vector<std::pair<std::string, std::string>>& fields,
                          const std::string& fileName, const std::string& fileContent) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"" + fileName +
          "\"\r\nContent-Type: text/csv\r\n\r\n" + fileContent + "\r\n--" + boundary + "--\r\n";
  return body;
}

std::string extractCsrf(const std::string& html) {
  auto pos = html.find("name=\"csrf_token\" value=\"");
  if (pos == std::string::npos) return {};
  pos += 25;
  auto end = html.find('"', pos);
  return html.substr(pos, end - pos);
}

void Browser::absorb(const HttpResponse& r) {
  for (const auto& sc : r.headerValues("set-cookie")) {
    auto semi = sc.find(';');
    auto pair = sc.substr(0, semi);
    auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    auto name = pair.substr(0, eq);
    auto value = pair.substr(eq + 1);
    if (sc.find("Max-Age=0") != std::string::npos) cookies_.erase(name);
    else cookies_[name] = value;
  }
  auto token = extractCsrf(r.body);
  if (!token.empty()) csrf_ = token;
}

static std::string cookieHeader(const std::map<std::string, std::string>& cookies) {
  std::string out;
  for (const auto& [k, v] : cookies) out += (out.empty() ? "" : "; ") + k + "=" + v;
  return out;
}

HttpResponse Browser::send(const std::string& method, const std::string& target, const std::string& body,
                           const std::string& contentType, std::vector<std::pair<std::string, std::string>> extra) {
  if (!cookies_.empty()) extra.emplace_back("Cookie", cookieHeader(cookies_));
  if (!contentType.empty()) extra.emplace_back("Content-Type", contentType);
  auto r = request(port_, method, target, extra, body);
  absorb(r);
  return r;
}

HttpResponse Browser::get(const std::string& target) { return send("GET", target, "", ""); }

HttpResponse Browser::postForm(const std::string& target, std::vector<std::pair<std::string, std::string>> fields) {
  bool has = false;
  for (const auto& [k, v] : fields) has = has || k == "csrf_token";
  if (!has) fields.emplace_back("csrf_token", csrf_);
  return send("POST", target, formEncode(fields), "application/x-www-form-urlencoded");
}

HttpResponse Browser::follow(const HttpResponse& redirect) {
  auto location = redirect.header("location");
  if (location.empty()) throw std::runtime_error("keine Weiterleitung (Status " + std::to_string(redirect.status) + ")");
  // Browsers never send the fragment (#fehler) to the server.
  return get(location.substr(0, location.find('#')));
}

std::string Browser::cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  return it == cookies_.end() ? std::string() : it->second;
}

}  // namespace opgv::test
