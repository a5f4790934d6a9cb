// api/openapi.json against the running application: every /api/v1 route the router registers
// is documented (and nothing else), and real responses conform to the documented schemas
// (valijson, draft 4, after translating the OpenAPI 3.0 dialect: nullable, $ref to components).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "common/strings.h"
#include "features/accounts/service.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

using nlohmann::json;

json loadDocument() {
  std::ifstream in(sourceDir() + "/api/openapi.json");
  if (!in) throw std::runtime_error("api/openapi.json nicht lesbar");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return json::parse(buffer.str());
}

std::string lower(std::string s) { return strings::toLowerAscii(s); }
std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const std::set<std::string> kHttpMethods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"};

// OpenAPI 3.0 schema objects → JSON Schema draft 4: `nullable` becomes anyOf […, null], refs to
// components point into `definitions`, and keywords draft 4 does not know (or that we do not
// want checked, like `format: int64`) are dropped. Property names are data, not keywords.
json toDraft4(const json& s) {
  if (s.is_array()) {
    json out = json::array();
    for (const auto& item : s) out.push_back(toDraft4(item));
    return out;
  }
  if (!s.is_object()) return s;
  json out = json::object();
  for (const auto& [key, value] : s.items()) {
    if (key == "nullable" || key == "example" || key == "format" || key == "readOnly" || key == "writeOnly" ||
        key == "deprecated" || key == "xml" || key == "externalDocs" || key == "discriminator") {
      continue;
    }
    if (key == "$ref") {
      std::string ref = value.get<std::string>();
      const std::string prefix = "#/components/schemas/";
      if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unerwartete Referenz " + ref);
      out[key] = "#/definitions/" + ref.substr(prefix.size());
    } else if (key == "properties") {
      json props = json::object();
      for (const auto& [name, sub] : value.items()) props[name] = toDraft4(sub);
      out[key] = props;
    } else if (key == "enum" || key == "required" || key == "default") {
      out[key] = value;
    } else {
      out[key] = toDraft4(value);
    }
  }
  if (s.value("nullable", false)) return json{{"anyOf", json::array({out, json{{"type", "null"}}})}};
  return out;
}

class OpenApiDocument {
 public:
  OpenApiDocument() : doc_(loadDocument()) {
    definitions_ = json::object();
    for (const auto& [name, schema] : doc_["components"]["schemas"].items()) definitions_[name] = toDraft4(schema);
  }

  const json& raw() const { return doc_; }

  // Validates `instance` against an OpenAPI schema object; returns the errors ("" if valid).
  std::string validate(const json& openApiSchema, const json& instance) const {
    json root = {{"definitions", definitions_}, {"allOf", json::array({toDraft4(openApiSchema)})}};
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    valijson::adapters::NlohmannJsonAdapter schemaAdapter(root);
    parser.populateSchema(schemaAdapter, schema);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(instance);
    if (validator.validate(schema, target, &results)) return {};
    std::string out;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string where;
      for (const auto& c : error.context) where += c;
      out += "  " + where + ": " + error.description + "\n";
    }
    return out;
  }

  const json& resolve(const json& node) const {
    if (node.is_object() && node.contains("$ref")) {
      auto ref = node["$ref"].get<std::string>();
      return resolve(doc_.at(json::json_pointer(ref.substr(1))));
    }
    return node;
  }

  // The documented response for path/method/status, or nullptr.
  const json* response(const std::string& path, const std::string& method, int status) const {
    auto p = doc_["paths"].find(path);
    if (p == doc_["paths"].end()) return nullptr;
    auto op = p->find(method);
    if (op == p->end()) return nullptr;
    auto& responses = (*op)["responses"];
    auto r = responses.find(std::to_string(status));
    if (r == responses.end()) r = responses.find("default");
    if (r == responses.end()) return nullptr;
    return &resolve(*r);
  }

  // Checks status, content type and body of a real response against the document.
  void expectConforms(const std::string& path, const std::string& method, const HttpResponse& res) const {
    SCOPED_TRACE(method + " " + path + " → " + std::to_string(res.status) + "\n" + res.body.substr(0, 400));
    const json* documented = response(path, method, res.status);
    ASSERT_NE(documented, nullptr) << "Status " << res.status << " ist für " << method << " " << path
                                   << " nicht dokumentiert";
    auto mediaType = lower(strings::trim(res.header("content-type").substr(0, res.header("content-type").find(';'))));
    if (!documented->contains("content")) {
      EXPECT_TRUE(res.body.empty()) << "undokumentierter Inhalt";
      return;
    }
    auto& content = (*documented)["content"];
    ASSERT_TRUE(content.contains(mediaType)) << "Content-Type „" << mediaType << "“ nicht dokumentiert";
    auto body = json::parse(res.body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << "kein JSON";
    auto errors = validate(content[mediaType]["schema"], body);
    EXPECT_TRUE(errors.empty()) << "Antwort passt nicht zum Schema:\n" << errors;
  }

 private:
  json doc_;
  json definitions_;
};

const OpenApiDocument& document() {
  static const OpenApiDocument doc;
  return doc;
}

std::string createApiToken(TestServer& server, int64_t userId) {
  auto& c = server.ctx();
  accounts::AccountService service(*c.db, *c.clock, *c.mailer, *c.sessions, *c.login_limiter, "http://test");
  auth::Principal who;
  who.user_id = userId;
  auto created = service.createToken(who, "OpenAPI-Test");
  if (!created) throw std::runtime_error("Token: " + created.error().message);
  return created->raw;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

Headers bearer(const std::string& token, bool withJson = false) {
  Headers h{{"Authorization", "Bearer " + token}};
  if (withJson) h.emplace_back("Content-Type", "application/json");
  return h;
}

TEST(OpenApi, DocumentBasics) {
  const auto& doc = document().raw();
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_EQ(doc["info"]["license"]["name"], "EUPL-1.2");
  EXPECT_TRUE(doc["info"].contains("contact"));
  EXPECT_EQ(doc["servers"][0]["url"], "/");
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["type"], "http");
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
  auto problem = doc["components"]["schemas"]["Problem"]["properties"];
  for (const char* field : {"type", "title", "status", "detail", "instance", "errors"}) {
    EXPECT_TRUE(problem.contains(field)) << field;
  }
  for (const auto& [path, item] : doc["paths"].items()) {
    EXPECT_EQ(path.rfind("/api/v1/", 0), 0u) << path << " liegt nicht unter /api/v1";
    for (const auto& [method, op] : item.items()) {
      if (!kHttpMethods.contains(method)) continue;
      EXPECT_TRUE(op.contains("summary") && op.contains("description")) << method << " " << path;
      // Every 4xx/5xx answer is a problem+json body.
      for (const auto& [status, r] : op["responses"].items()) {
        if (status[0] != '4' && status[0] != '5') continue;
        auto& resolved = document().resolve(r);
        EXPECT_TRUE(resolved["content"].contains("application/problem+json")) << method << " " << path << " " << status;
      }
    }
  }
}

TEST(OpenApi, AllSchemasCompile) {
  for (const auto& [name, schema] : document().raw()["components"]["schemas"].items()) {
    EXPECT_NO_THROW(document().validate(schema, json::object())) << name;
  }
}

TEST(OpenApi, RouterAndDocumentAgree) {
  TestServer server;
  std::set<std::pair<std::string, std::string>> routed;
  for (const auto& r : server.app().router().routes()) {
    if (r.pattern == "/api/v1" || r.pattern.rfind("/api/v1/", 0) == 0) {
      routed.emplace(lower(http::methodName(r.method)), r.pattern);
    }
  }
  ASSERT_FALSE(routed.empty());
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : document().raw()["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (kHttpMethods.contains(method)) documented.emplace(method, path);
    }
  }
  for (const auto& [method, path] : routed) {
    EXPECT_TRUE(documented.contains({method, path}))
        << "Route " << upper(method) << " " << path
        << " ist registriert, fehlt aber in api/openapi.json";
  }
  for (const auto& [method, path] : documented) {
    EXPECT_TRUE(routed.contains({method, path}))
        << "api/openapi.json beschreibt " << upper(method) << " " << path << ", den der Router nicht kennt";
  }
}

TEST(OpenApi, ServedDocumentIsTheFile) {
  TestServer server;
  auto r = request(server.port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), document().raw());
  document().expectConforms("/api/v1/openapi.json", "get", r);
}

TEST(OpenApi, PublicResponsesConform) {
  TestServer server;
  const auto& doc = document();
  auto port = server.port();

  auto r = request(port, "GET", "/api/v1/kommunen?q=flen");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("01001000"), std::string::npos);
  doc.expectConforms("/api/v1/kommunen", "get", r);

  r = request(port, "GET", "/api/v1/kommunen?q=" + std::string(101, 'x'));
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/kommunen", "get", r);

  r = request(port, "GET", "/api/v1/kommunen/01001000");
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/kommunen/{ags}", "get", r);

  r = request(port, "GET", "/api/v1/kommunen/99999999");
  EXPECT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/kommunen/{ags}", "get", r);

  r = request(port, "GET", "/api/v1/organisations?type=govtech");
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/organisations", "get", r);

  // 422 with field errors.
  r = request(port, "POST", "/api/v1/accounts", {{"Content-Type", "application/json"}},
              R"({"email":"kein-at","display_name":"","password":"kurz","accept_privacy":false})");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto problem = json::parse(r.body);
  EXPECT_GE(problem["errors"].size(), 3u);
  doc.expectConforms("/api/v1/accounts", "post", r);

  r = request(port, "POST", "/api/v1/accounts", {{"Content-Type", "application/json"}},
              R"({"email":"neu@example.org","display_name":"Neu","password":"ein-langes-passwort","accept_privacy":true})");
  ASSERT_EQ(r.status, 202);
  doc.expectConforms("/api/v1/accounts", "post", r);

  r = request(port, "POST", "/api/v1/accounts", {{"Content-Type", "text/plain"}}, "hallo");
  EXPECT_EQ(r.status, 415);
  doc.expectConforms("/api/v1/accounts", "post", r);

  r = request(port, "POST", "/api/v1/accounts", {{"Content-Type", "application/json"}}, "[1,2");
  EXPECT_EQ(r.status, 400);
  doc.expectConforms("/api/v1/accounts", "post", r);

  r = request(port, "POST", "/api/v1/accounts/confirm", {{"Content-Type", "application/json"}}, R"({"token":"x"})");
  EXPECT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/accounts/confirm", "post", r);

  r = request(port, "POST", "/api/v1/password-resets", {{"Content-Type", "application/json"}}, R"({"email":"a@example.org"})");
  EXPECT_EQ(r.status, 202);
  doc.expectConforms("/api/v1/password-resets", "post", r);

  r = request(port, "POST", "/api/v1/accessibility-feedback", {{"Content-Type", "application/json"}},
              R"({"message":"Der Kontrast der Fußzeile ist zu gering.","page_url":"/kontakt"})");
  EXPECT_EQ(r.status, 201);
  doc.expectConforms("/api/v1/accessibility-feedback", "post", r);

  // Wrong types must be a 422/400 problem, never a 500.
  r = request(port, "POST", "/api/v1/accessibility-feedback", {{"Content-Type", "application/json"}},
              R"({"message":42,"name":["x"]})");
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/accessibility-feedback", "post", r);

  // Unauthenticated: 401 problem with WWW-Authenticate.
  r = request(port, "GET", "/api/v1/me");
  ASSERT_EQ(r.status, 401);
  EXPECT_FALSE(r.header("www-authenticate").empty());
  doc.expectConforms("/api/v1/me", "get", r);

  r = request(port, "GET", "/api/v1/me", {{"Authorization", "Bearer opgv_falsch"}});
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/me", "get", r);
}

TEST(OpenApi, AuthenticatedResponsesConform) {
  TestServer server;
  const auto& doc = document();
  auto port = server.port();
  auto adminId = server.createUser("admin@example.org", "admin");
  auto redaktionId = server.createUser("redaktion@example.org", "redaktion");
  auto memberId = server.createUser("mitglied@example.org", "mitglied");
  auto admin = createApiToken(server, adminId);
  auto redaktion = createApiToken(server, redaktionId);
  auto member = createApiToken(server, memberId);

  auto r = request(port, "GET", "/api/v1/me", bearer(member));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["email"], "mitglied@example.org");
  doc.expectConforms("/api/v1/me", "get", r);

  r = request(port, "PATCH", "/api/v1/me", bearer(member, true), R"({"display_name":"Jörg Müller"})");
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/me", "patch", r);

  r = request(port, "PATCH", "/api/v1/me", bearer(member, true), R"({"display_name":"  "})");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/me", "patch", r);

  r = request(port, "POST", "/api/v1/me/tokens", bearer(member, true), R"({"name":"Import-Skript"})");
  ASSERT_EQ(r.status, 201);
  doc.expectConforms("/api/v1/me/tokens", "post", r);
  auto tokenId = json::parse(r.body)["id"].get<int64_t>();

  r = request(port, "GET", "/api/v1/me/tokens", bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/me/tokens", "get", r);

  r = request(port, "DELETE", "/api/v1/me/tokens/" + std::to_string(tokenId), bearer(member));
  ASSERT_EQ(r.status, 204);
  doc.expectConforms("/api/v1/me/tokens/{id}", "delete", r);

  r = request(port, "GET", "/api/v1/me/export", bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/me/export", "get", r);

  r = request(port, "POST", "/api/v1/organisations", bearer(member, true),
              R"({"type":"govtech","name":"Datenwerk Süd GmbH","website":"https://datenwerk.example","contact":"info@datenwerk.example","description":"Sensorik"})");
  ASSERT_EQ(r.status, 201) << r.body;
  doc.expectConforms("/api/v1/organisations", "post", r);
  auto orgId = std::to_string(json::parse(r.body)["id"].get<int64_t>());

  r = request(port, "POST", "/api/v1/organisations", bearer(member, true), R"({"type":"sonstige","name":"X"})");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/organisations", "post", r);

  r = request(port, "GET", "/api/v1/organisations/" + orgId, bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/organisations/{id}", "get", r);

  r = request(port, "GET", "/api/v1/applications", bearer(member));
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/applications", "get", r);

  r = request(port, "GET", "/api/v1/applications", bearer(redaktion));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/applications", "get", r);

  r = request(port, "PUT", "/api/v1/applications/" + orgId, bearer(redaktion, true), R"({"decision":"vielleicht"})");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/applications/{id}", "put", r);

  r = request(port, "PUT", "/api/v1/applications/" + orgId, bearer(redaktion, true), R"({"decision":"approve"})");
  ASSERT_EQ(r.status, 204);
  doc.expectConforms("/api/v1/applications/{id}", "put", r);

  r = request(port, "POST", "/api/v1/organisations/" + orgId + "/memberships", bearer(redaktion));
  ASSERT_EQ(r.status, 202);
  doc.expectConforms("/api/v1/organisations/{id}/memberships", "post", r);

  r = request(port, "POST", "/api/v1/organisations/" + orgId + "/memberships", bearer(redaktion));
  ASSERT_EQ(r.status, 409);
  doc.expectConforms("/api/v1/organisations/{id}/memberships", "post", r);

  r = request(port, "PUT", "/api/v1/organisations/" + orgId + "/memberships/" + std::to_string(redaktionId),
              bearer(member, true), R"({"decision":"approve"})");
  ASSERT_EQ(r.status, 204);
  doc.expectConforms("/api/v1/organisations/{id}/memberships/{user}", "put", r);

  r = request(port, "GET", "/api/v1/organisations/" + orgId, bearer(member));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["members"].size(), 2u);
  doc.expectConforms("/api/v1/organisations/{id}", "get", r);

  r = request(port, "DELETE", "/api/v1/organisations/" + orgId + "/memberships/me", bearer(redaktion));
  ASSERT_EQ(r.status, 204);
  doc.expectConforms("/api/v1/organisations/{id}/memberships/me", "delete", r);

  r = request(port, "POST", "/api/v1/kommunen/01001000/join", bearer(member));
  ASSERT_EQ(r.status, 202);
  EXPECT_EQ(json::parse(r.body)["status"], "first_admin_requested");
  doc.expectConforms("/api/v1/kommunen/{ags}/join", "post", r);

  r = request(port, "GET", "/api/v1/kommunen/01001000", bearer(member));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(json::parse(r.body)["organisation"].is_object());
  doc.expectConforms("/api/v1/kommunen/{ags}", "get", r);

  r = request(port, "GET", "/api/v1/admin/users?limit=10", bearer(member));
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/admin/users", "get", r);

  r = request(port, "GET", "/api/v1/admin/users?limit=10", bearer(admin));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/admin/users", "get", r);

  r = request(port, "PUT", "/api/v1/admin/users/" + std::to_string(memberId) + "/role", bearer(admin, true),
              R"({"role":"redaktion"})");
  ASSERT_EQ(r.status, 204);
  doc.expectConforms("/api/v1/admin/users/{id}/role", "put", r);

  r = request(port, "PUT", "/api/v1/admin/users/" + std::to_string(adminId) + "/role", bearer(admin, true),
              R"({"role":"mitglied"})");
  ASSERT_EQ(r.status, 409);
  doc.expectConforms("/api/v1/admin/users/{id}/role", "put", r);

  r = request(port, "GET", "/api/v1/admin/mails", bearer(admin));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/admin/mails", "get", r);

  r = request(port, "DELETE", "/api/v1/me", bearer(member, true), R"({"password":"falsch"})");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/me", "delete", r);

  r = request(port, "DELETE", "/api/v1/me", bearer(member, true), R"({"password":"ein-sicheres-passwort"})");
  ASSERT_EQ(r.status, 204);
  doc.expectConforms("/api/v1/me", "delete", r);
}

}  // namespace
}  // namespace opgv::test
