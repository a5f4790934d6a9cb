#pragma once
// Shared helpers for the accounts, organisations, DSGVO and API integration tests: a fixture
// parameterised over both database backends, mail-link extraction, form posts with extra headers,
// row counts and JSON API calls.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/test_server.h"

namespace opgv::test {

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
  }
};

inline std::string backendParamName(const ::testing::TestParamInfo<Backend>& info) {
  return backendName(info.param);
}

#define OPGV_BOTH_BACKENDS(Suite)                                                                     \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values(Backend::kSqlite, Backend::kPostgres), \
                           ::opgv::test::backendParamName)

inline const std::string kPassword = "ein-sicheres-passwort";

// The value after `marker` up to the end of the line (e.g. the token of a mailed link).
inline std::string valueAfter(const std::string& text, const std::string& marker) {
  auto pos = text.find(marker);
  if (pos == std::string::npos) return {};
  pos += marker.size();
  auto end = text.find_first_of("\r\n \t", pos);
  return text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

inline int64_t rowCount(TestServer& server, const std::string& sql, const std::vector<db::Param>& params = {}) {
  return server.ctx().db->query(sql, params).first().i64(0);
}

inline int64_t mailCount(TestServer& server, const std::string& recipient, const std::string& subjectPart = "") {
  return rowCount(server, "SELECT COUNT(*) FROM mails WHERE recipient = $1 AND subject LIKE $2",
               {recipient, "%" + subjectPart + "%"});
}

inline std::string lastSubjectTo(TestServer& server, const std::string& recipient) {
  auto rs = server.ctx().db->query("SELECT subject FROM mails WHERE recipient = $1 ORDER BY id DESC LIMIT 1", {recipient});
  return rs.empty() ? std::string() : rs.first().str(0);
}

inline int64_t userId(TestServer& server, const std::string& email) {
  auto rs = server.ctx().db->query("SELECT id FROM users WHERE email = $1", {email});
  return rs.empty() ? 0 : rs.first().i64(0);
}

// Value of cookie `name` in the response's Set-Cookie headers, or nullopt-like "<none>".
inline std::string setCookieHeader(const HttpResponse& r, const std::string& name) {
  for (const auto& sc : r.headerValues("set-cookie")) {
    if (sc.rfind(name + "=", 0) == 0) return sc;
  }
  return {};
}

inline std::string setCookieValue(const HttpResponse& r, const std::string& name) {
  auto sc = setCookieHeader(r, name);
  if (sc.empty()) return {};
  auto value = sc.substr(name.size() + 1);
  return value.substr(0, value.find(';'));
}

// Follows a redirect like a browser: the fragment (#fehler) is not part of the request target.
// (Browser::follow sends it along, which a real browser never does.)
inline HttpResponse follow(Browser& b, const HttpResponse& redirect) {
  auto location = redirect.header("location");
  EXPECT_FALSE(location.empty()) << "keine Weiterleitung (Status " << redirect.status << ")";
  return b.get(location.substr(0, location.find('#')));
}

// POSTs a form like Browser::postForm, with extra request headers (X-Forwarded-For, …).
inline HttpResponse postFormWith(Browser& b, const std::string& target,
                                 std::vector<std::pair<std::string, std::string>> fields,
                                 std::vector<std::pair<std::string, std::string>> headers) {
  bool has = false;
  for (const auto& [k, v] : fields) has = has || k == "csrf_token";
  if (!has) fields.emplace_back("csrf_token", b.csrfToken());
  return b.send("POST", target, formEncode(fields), "application/x-www-form-urlencoded", std::move(headers));
}

inline HttpResponse login(Browser& b, const std::string& email, const std::string& password,
                          const std::string& returnTo = "/profil",
                          std::vector<std::pair<std::string, std::string>> headers = {}) {
  if (b.csrfToken().empty()) b.get("/anmelden");
  return postFormWith(b, "/anmelden", {{"email", email}, {"password", password}, {"return_to", returnTo}},
                      std::move(headers));
}

// A JSON API call, with an optional bearer token.
inline HttpResponse api(TestServer& server, const std::string& method, const std::string& target,
                        const std::string& bearer = "", const std::string& body = "",
                        const std::string& contentType = "application/json") {
  std::vector<std::pair<std::string, std::string>> headers = {{"Accept", "application/json"}};
  if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE") {
    if (!contentType.empty()) headers.emplace_back("Content-Type", contentType);
  }
  return request(server.port(), method, target, headers, body);
}

inline nlohmann::json parseJson(const HttpResponse& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded()) ADD_FAILURE() << "kein JSON (Status " << r.status << "): " << r.body.substr(0, 400);
  return j;
}

// Asserts an RFC 9457 problem document with the given status; returns it.
inline nlohmann::json expectProblem(const HttpResponse& r, int status) {
  EXPECT_EQ(r.status, status) << r.body.substr(0, 400);
  EXPECT_EQ(r.header("content-type").rfind("application/problem+json", 0), 0u) << r.header("content-type");
  auto j = parseJson(r);
  if (!j.is_object()) return nlohmann::json::object();
  EXPECT_TRUE(j.contains("type")) << r.body;
  EXPECT_TRUE(j.contains("title") && j["title"].is_string() && !j["title"].get<std::string>().empty()) << r.body;
  EXPECT_EQ(j.value("status", 0), status) << r.body;
  EXPECT_TRUE(j.contains("detail") && j["detail"].is_string() && !j["detail"].get<std::string>().empty()) << r.body;
  return j;
}

// Field names under `errors` of a problem document.
inline std::vector<std::string> errorFields(const nlohmann::json& problem) {
  std::vector<std::string> out;
  if (problem.contains("errors")) {
    for (const auto& e : problem["errors"]) {
      out.push_back(e.value("field", ""));
      EXPECT_FALSE(e.value("message", "").empty()) << e.dump();
    }
  }
  return out;
}

// Creates a personal API token for a logged-in browser via the cookie-authenticated JSON API.
inline std::string createTokenViaCookie(Browser& b, const std::string& name = "Test") {
  auto r = b.send("POST", "/api/v1/me/tokens", nlohmann::json{{"name", name}}.dump(), "application/json");
  if (r.status != 201) {
    ADD_FAILURE() << "Token anlegen: " << r.status << " " << r.body;
    return {};
  }
  return nlohmann::json::parse(r.body).value("token", "");
}

}  // namespace opgv::test
