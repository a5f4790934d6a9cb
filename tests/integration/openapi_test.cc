// api/openapi.json against the running application: every /api/v1 route the router registers
// is documented (and nothing else), and real responses conform to the documented schemas
// (valijson, draft 4, after translating the OpenAPI 3.0 dialect: nullable, $ref to components).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
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
#include "features/organisations/repository.h"
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
    if (!mediaType.ends_with("json")) {
      // Text downloads (CSV): documented as a string; the content itself is checked by the test.
      EXPECT_EQ(content[mediaType]["schema"].value("type", ""), "string");
      return;
    }
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

// The use-case library (/api/v1/use-cases…): the cases from content/use-cases/ imported as on a
// seeded installation, then searched and read as guest and member, and one case carried through
// create → edit → submit → request changes → publish → archive → restore.
constexpr const char* kSeeded = "/api/v1/use-cases/sozialraeume-berlin-mss";

void importUseCases(TestServer& server) {
  auto report = app::importLibrary(server.ctx());
  ASSERT_EQ(report.size(), 1u) << "Konflikte beim Import: " << report.back();
}

TEST(OpenApi, UseCaseReadResponsesConform) {
  TestServer server;
  ASSERT_NO_FATAL_FAILURE(importUseCases(server));
  const auto& doc = document();
  auto port = server.port();

  auto r = request(port, "GET", "/api/v1/use-cases?q=Sozialraum&themenfeld=Soziales");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases", "get", r);
  auto found = json::parse(r.body);
  ASSERT_FALSE(found["items"].empty());
  bool seededFound = false;
  for (const auto& item : found["items"]) seededFound = seededFound || item["slug"] == "sozialraeume-berlin-mss";
  EXPECT_TRUE(seededFound);
  EXPECT_FALSE(found["items"][0]["snippet"].empty());
  bool selected = false;
  for (const auto& f : found["facets"]["themenfeld"]) selected = selected || (f["value"] == "Soziales" && f["selected"] == true);
  EXPECT_TRUE(selected);

  // Several values of one facet, sort and paging.
  r = request(port, "GET", "/api/v1/use-cases?status=im_betrieb&status=pilot&sort=nachnutzungen&per_page=5&page=2");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases", "get", r);
  EXPECT_EQ(json::parse(r.body)["per_page"], 5);

  // No word matches all: cases with any of the words.
  r = request(port, "GET", "/api/v1/use-cases?q=Sozialraum%20Hundesteuer");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases", "get", r);
  EXPECT_TRUE(json::parse(r.body)["matched_any_word"].get<bool>());

  r = request(port, "GET", "/api/v1/use-cases?sort=zufall");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "sort");
  doc.expectConforms("/api/v1/use-cases", "get", r);

  r = request(port, "GET", "/api/v1/use-cases?per_page=101");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/use-cases", "get", r);

  r = request(port, "GET", "/api/v1/use-cases?page=x");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/use-cases", "get", r);

  r = request(port, "GET", "/api/v1/use-cases?passt=1");  // guests have no Kommune
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/use-cases", "get", r);

  // Detail as guest: no contact persons, no draft.
  r = request(port, "GET", kSeeded);
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);
  auto guestView = json::parse(r.body);
  EXPECT_EQ(guestView["state"], "veroeffentlicht");
  EXPECT_FALSE(guestView["contacts_visible"].get<bool>());
  EXPECT_FALSE(guestView["document"].contains("kontakte"));
  EXPECT_FALSE(guestView.contains("draft"));
  EXPECT_EQ(guestView["document"]["sections"].size(), 6u);

  r = request(port, "GET", "/api/v1/use-cases/gibt-es-nicht");
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);

  // Detail as logged-in member, with a token and with the session cookie.
  auto member = createApiToken(server, server.createUser("leser@example.org"));
  r = request(port, "GET", kSeeded, bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);
  auto memberView = json::parse(r.body);
  EXPECT_TRUE(memberView["contacts_visible"].get<bool>());
  EXPECT_TRUE(memberView["document"].contains("kontakte"));
  EXPECT_FALSE(memberView.contains("draft"));

  auto browser = server.loggedIn("leserin@example.org");
  r = browser.get(kSeeded);
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);

  // Versions and the diff.
  r = request(port, "GET", std::string(kSeeded) + "/versions");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/versions", "get", r);
  EXPECT_EQ(json::parse(r.body)["items"].size(), 1u);

  r = request(port, "GET", "/api/v1/use-cases/gibt-es-nicht/versions");
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/use-cases/{slug}/versions", "get", r);

  r = request(port, "GET", std::string(kSeeded) + "/versions/1");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/versions/{version}", "get", r);
  EXPECT_FALSE(json::parse(r.body)["document"].contains("kontakte"));

  r = request(port, "GET", std::string(kSeeded) + "/versions/1", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/versions/{version}", "get", r);
  EXPECT_TRUE(json::parse(r.body)["document"].contains("kontakte"));

  for (const char* missing : {"/versions/99", "/versions/eins"}) {
    r = request(port, "GET", std::string(kSeeded) + missing);
    ASSERT_EQ(r.status, 404) << missing;
    doc.expectConforms("/api/v1/use-cases/{slug}/versions/{version}", "get", r);
  }

  r = request(port, "GET", std::string(kSeeded) + "/diff?from=1&to=1");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/diff", "get", r);
  for (const auto& section : json::parse(r.body)["sections"]) EXPECT_FALSE(section["changed"].get<bool>()) << section["key"];

  r = request(port, "GET", std::string(kSeeded) + "/diff?from=1");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/use-cases/{slug}/diff", "get", r);

  r = request(port, "GET", std::string(kSeeded) + "/diff?from=1&to=2");
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/use-cases/{slug}/diff", "get", r);

  // Open data: every published case, never with contact persons.
  r = request(port, "GET", "/api/v1/open-data/use-cases.json");
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/open-data/use-cases.json", "get", r);
  EXPECT_NE(r.header("content-disposition").find("opgv-use-cases.json"), std::string::npos);
  auto exported = json::parse(r.body);
  auto listed = json::parse(request(port, "GET", "/api/v1/use-cases").body)["total"].get<size_t>();
  EXPECT_GT(listed, 0u);
  EXPECT_EQ(exported["items"].size(), listed);
  for (const auto& item : exported["items"]) EXPECT_FALSE(item.contains("kontakte")) << item["slug"];

  r = request(port, "GET", "/api/v1/open-data/use-cases.csv");
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/open-data/use-cases.csv", "get", r);
  EXPECT_EQ(r.body.rfind("slug,titel,kurzbeschreibung,", 0), 0u);
  EXPECT_NE(r.body.find("sozialraeume-berlin-mss,"), std::string::npos);

  // Writing needs an account.
  r = request(port, "POST", "/api/v1/use-cases", {{"Content-Type", "application/json"}}, R"({"title":"Ein neuer Use Case"})");
  ASSERT_EQ(r.status, 401);
  EXPECT_FALSE(r.header("www-authenticate").empty());
  doc.expectConforms("/api/v1/use-cases", "post", r);

  r = request(port, "POST", "/api/v1/use-cases", {}, R"({"title":"Ein neuer Use Case"})");
  ASSERT_EQ(r.status, 415);
  doc.expectConforms("/api/v1/use-cases", "post", r);

  r = request(port, "POST", "/api/v1/use-cases", bearer(member, true), R"({"title":"Ein neuer Use Case")");
  ASSERT_EQ(r.status, 400);
  doc.expectConforms("/api/v1/use-cases", "post", r);

  r = request(port, "PUT", kSeeded, {{"Content-Type", "application/json"}}, R"({"title":"Übernahme"})");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/use-cases/{slug}", "put", r);

  r = request(port, "GET", "/api/v1/me/use-cases");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/me/use-cases", "get", r);

  r = request(port, "GET", "/api/v1/review/use-cases");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/review/use-cases", "get", r);

  r = request(port, "POST", std::string(kSeeded) + "/publish");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/use-cases/{slug}/publish", "post", r);

  r = request(port, "POST", std::string(kSeeded) + "/interest");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/use-cases/{slug}/interest", "post", r);

  r = request(port, "DELETE", std::string(kSeeded) + "/interest");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/use-cases/{slug}/interest", "delete", r);

  r = request(port, "GET", "/api/v1/use-cases", {{"Authorization", "Bearer opgv_falsch"}});
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/use-cases", "get", r);
}

TEST(OpenApi, UseCaseWorkflowResponsesConform) {
  TestServer server;
  ASSERT_NO_FATAL_FAILURE(importUseCases(server));
  const auto& doc = document();
  auto port = server.port();
  auto redaktion = createApiToken(server, server.createUser("redaktion@example.org", "redaktion"));
  auto member = createApiToken(server, server.createUser("mitglied@example.org"));
  auto other = createApiToken(server, server.createUser("andere@example.org"));

  // Without an organisation: no interest, no "Passt zu meiner Kommune".
  auto r = request(port, "POST", std::string(kSeeded) + "/interest", bearer(member));
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/use-cases/{slug}/interest", "post", r);

  r = request(port, "GET", "/api/v1/use-cases?passt=1", bearer(member));
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/use-cases", "get", r);

  // Membership of an active Kommune: join Flensburg, the Redaktion confirms the first admin.
  r = request(port, "POST", "/api/v1/kommunen/01001000/join", bearer(member));
  ASSERT_EQ(r.status, 202) << r.body;
  r = request(port, "GET", "/api/v1/kommunen/01001000", bearer(member));
  ASSERT_EQ(r.status, 200);
  auto orgId = json::parse(r.body)["organisation"]["id"].get<int64_t>();
  r = request(port, "PUT", "/api/v1/applications/" + std::to_string(orgId), bearer(redaktion, true), R"({"decision":"approve"})");
  ASSERT_EQ(r.status, 204) << r.body;

  r = request(port, "GET", "/api/v1/use-cases?passt=1&per_page=100", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases", "get", r);
  auto fitting = json::parse(r.body);
  ASSERT_FALSE(fitting["items"].empty());
  EXPECT_FALSE(fitting["items"][0]["fit_reasons"].empty());

  r = request(port, "GET", kSeeded, bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);

  // Interest: register (public), withdraw, withdraw again.
  r = request(port, "POST", std::string(kSeeded) + "/interest", bearer(member, true),
              R"({"organisation_id":)" + std::to_string(orgId) + R"(,"public":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/interest", "post", r);
  EXPECT_EQ(json::parse(r.body)["interest_count"], 1);
  EXPECT_TRUE(json::parse(r.body)["registered"].get<bool>());

  r = request(port, "GET", kSeeded);
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);
  auto withInterest = json::parse(r.body);
  EXPECT_EQ(withInterest["interest_count"], 1);
  ASSERT_EQ(withInterest["interested_organisations"].size(), 1u);
  EXPECT_EQ(withInterest["interested_organisations"][0]["organisation_id"], orgId);

  r = request(port, "POST", std::string(kSeeded) + "/interest", bearer(member, true), R"({"organisation_id":999999})");
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/use-cases/{slug}/interest", "post", r);

  r = request(port, "POST", "/api/v1/use-cases/gibt-es-nicht/interest", bearer(member));
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/use-cases/{slug}/interest", "post", r);

  r = request(port, "DELETE", std::string(kSeeded) + "/interest?organisation_id=" + std::to_string(orgId), bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/interest", "delete", r);
  EXPECT_EQ(json::parse(r.body)["interest_count"], 0);
  EXPECT_FALSE(json::parse(r.body)["registered"].get<bool>());

  r = request(port, "DELETE", std::string(kSeeded) + "/interest", bearer(member));
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/use-cases/{slug}/interest", "delete", r);

  // Create a draft.
  r = request(port, "POST", "/api/v1/use-cases", bearer(member, true), R"({"title":"Abc"})");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "title");
  doc.expectConforms("/api/v1/use-cases", "post", r);

  r = request(port, "POST", "/api/v1/use-cases", bearer(member, true),
              R"({"title":"Leerstandsmelder für Ladenlokale","summary":"Kurz."})");
  ASSERT_EQ(r.status, 201) << r.body;
  doc.expectConforms("/api/v1/use-cases", "post", r);
  auto created = json::parse(r.body);
  auto slug = created["slug"].get<std::string>();
  auto path = "/api/v1/use-cases/" + slug;
  EXPECT_EQ(r.header("location"), path);
  EXPECT_EQ(created["state"], "entwurf");
  EXPECT_EQ(created["origin"], "ui");
  EXPECT_TRUE(created["published_version"].is_null());
  EXPECT_TRUE(created["showing_draft"].get<bool>());
  EXPECT_TRUE(created.contains("draft"));
  EXPECT_EQ(created["draft"]["kommunen"][0]["organisation_id"], orgId);  // the member's Kommune

  // Drafts are invisible to others.
  r = request(port, "GET", path);
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);

  // Incomplete drafts cannot be submitted.
  r = request(port, "POST", path + "/submit", bearer(member));
  ASSERT_EQ(r.status, 422);
  EXPECT_GE(json::parse(r.body)["errors"].size(), 3u);
  doc.expectConforms("/api/v1/use-cases/{slug}/submit", "post", r);

  const std::string complete = R"json({
    "title": "Leerstandsmelder für Ladenlokale",
    "summary": "Leere Ladenlokale werden gemeldet, damit die Wirtschaftsförderung sie schneller vermittelt (Beispielwerte).",
    "schlagworte": ["Leerstand", "Innenstadt"],
    "themenfeld": ["Wirtschaft"],
    "status": "pilot",
    "zusammenarbeitsform": "public_interface",
    "wirkung": [{"kennzahl": "Vermittelte Ladenlokale je Jahr", "vorher": 3, "nachher": 8.5, "einheit": "Ladenlokale",
                 "quelle": "Beispielwert (fiktiv)"},
                {"kennzahl": "Meldungen je Monat", "vorher": null, "nachher": 12, "einheit": "Meldungen",
                 "quelle": "Beispielwert (fiktiv)"}],
    "huerden": [{"text": "Eigentümer meldeten Leerstand nicht.", "barrieren": ["fehlende_mehrwerte"]}],
    "datensaetze": [{"uri": "https://musterdatenkatalog.de/def/musterdatensatz/wirtschaft/leerstand",
                     "bezeichnung": "Leerstand"}],
    "projektweg": [{"datum": "2025-03", "phase": "umsetzen", "text": "Pilot in der Fußgängerzone", "bausteine": []}],
    "kontakte": [{"name": "Kim Beispiel (fiktiv)", "rolle": "Wirtschaftsförderung", "email": "kim.beispiel@example.org",
                  "einverstanden": true}],
    "personenbezug": {"betroffen": false, "kategorien": [], "rechtsgrundlage": ""},
    "fachverfahren": ["Gewerbeflächenverwaltung"],
    "govtech_partner": [],
    "aufwand": {"personentage": 12, "dauer_monate": 4, "kosten_einmalig_eur": null, "kosten_laufend_eur_jahr": 0,
                "beschaffung": "Inhouse"},
    "sections": {"ausgangslage": "Leerstand wurde erst spät bekannt.", "loesung": "Ein Meldeformular mit offener Schnittstelle.",
                 "nutzen": "Schnellere Vermittlung.", "wirkung": "", "erfolgsfaktoren": "",
                 "huerden": "Eigentümer mussten überzeugt werden."}
  })json";

  r = request(port, "PUT", path, bearer(other, true), complete);
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/use-cases/{slug}", "put", r);

  r = request(port, "PUT", path, bearer(member, true), R"({"title":"Leerstand","wirkung":[{"kennzahl":"X"}]})");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/use-cases/{slug}", "put", r);

  r = request(port, "PUT", path, bearer(member), complete);
  ASSERT_EQ(r.status, 415);
  doc.expectConforms("/api/v1/use-cases/{slug}", "put", r);

  r = request(port, "PUT", "/api/v1/use-cases/gibt-es-nicht", bearer(member, true), complete);
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/use-cases/{slug}", "put", r);

  r = request(port, "PUT", path, bearer(member, true), complete);
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}", "put", r);
  EXPECT_EQ(json::parse(r.body)["slug"], slug);

  // Submit, and the states around it.
  r = request(port, "POST", path + "/submit", bearer(other));
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/use-cases/{slug}/submit", "post", r);

  r = request(port, "POST", path + "/submit", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/submit", "post", r);
  EXPECT_EQ(json::parse(r.body)["state"], "in_pruefung");

  r = request(port, "POST", path + "/submit", bearer(member));
  ASSERT_EQ(r.status, 409);
  doc.expectConforms("/api/v1/use-cases/{slug}/submit", "post", r);

  r = request(port, "GET", "/api/v1/me/use-cases", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/me/use-cases", "get", r);
  auto mine = json::parse(r.body)["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["slug"], slug);
  EXPECT_EQ(mine[0]["state"], "in_pruefung");

  // Review by the Redaktion.
  r = request(port, "GET", "/api/v1/review/use-cases", bearer(member));
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/review/use-cases", "get", r);

  r = request(port, "GET", "/api/v1/review/use-cases", bearer(redaktion));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/review/use-cases", "get", r);
  auto queue = json::parse(r.body)["items"];
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0]["slug"], slug);

  r = request(port, "POST", path + "/request-changes", bearer(member, true), R"({"comments":{"allgemein":"Passt."}})");
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/use-cases/{slug}/request-changes", "post", r);

  r = request(port, "POST", path + "/request-changes", bearer(redaktion, true),
              R"({"comments":{"kapitel9":"Was ist das?"}})");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/use-cases/{slug}/request-changes", "post", r);

  r = request(port, "POST", path + "/request-changes", bearer(redaktion, true), R"({"comments":{"allgemein":"  "}})");
  ASSERT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/use-cases/{slug}/request-changes", "post", r);

  r = request(port, "POST", path + "/request-changes", bearer(redaktion, true),
              R"({"comments":{"loesung":"Bitte nennen Sie, wer die Meldungen bearbeitet.","allgemein":"Sonst gut."}})");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/request-changes", "post", r);
  auto returned = json::parse(r.body);
  EXPECT_EQ(returned["state"], "entwurf");
  EXPECT_EQ(returned["review_comments"].size(), 2u);

  r = request(port, "POST", path + "/request-changes", bearer(redaktion, true), R"({"comments":{"allgemein":"Noch mal."}})");
  ASSERT_EQ(r.status, 409);
  doc.expectConforms("/api/v1/use-cases/{slug}/request-changes", "post", r);

  r = request(port, "GET", path, bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);
  EXPECT_EQ(json::parse(r.body)["review_comments"].size(), 2u);

  r = request(port, "POST", path + "/publish", bearer(redaktion, true), R"({"note":"Erste Fassung"})");
  ASSERT_EQ(r.status, 409);  // back on the author's desk
  doc.expectConforms("/api/v1/use-cases/{slug}/publish", "post", r);

  r = request(port, "POST", path + "/submit", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;

  r = request(port, "POST", path + "/publish", bearer(member, true), R"({"note":"Selbst veröffentlicht"})");
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/use-cases/{slug}/publish", "post", r);

  r = request(port, "POST", path + "/publish", bearer(redaktion), R"({"note":"ohne JSON"})");
  ASSERT_EQ(r.status, 415);
  doc.expectConforms("/api/v1/use-cases/{slug}/publish", "post", r);

  r = request(port, "POST", path + "/publish", bearer(redaktion, true), R"({"note":"Erste Fassung"})");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/publish", "post", r);
  auto published = json::parse(r.body);
  EXPECT_EQ(published["state"], "veroeffentlicht");
  EXPECT_EQ(published["published_version"], 1);
  EXPECT_FALSE(published["showing_draft"].get<bool>());

  // Public now: guests see it, its version and the search finds it.
  r = request(port, "GET", path);
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}", "get", r);
  EXPECT_FALSE(json::parse(r.body)["document"].contains("kontakte"));

  r = request(port, "GET", path + "/versions");
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/use-cases/{slug}/versions", "get", r);
  auto versions = json::parse(r.body)["items"];
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0]["note"], "Erste Fassung");
  EXPECT_EQ(versions[0]["published_by"], "Test redaktion");

  r = request(port, "GET", "/api/v1/use-cases?q=Leerstandsmelder&themenfeld=Wirtschaft");
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/use-cases", "get", r);
  EXPECT_EQ(json::parse(r.body)["items"][0]["slug"], slug);

  // A new draft of a published case: the published version stays visible.
  auto revised = json::parse(complete);
  revised["title"] = "Leerstandsmelder für Ladenlokale und Gewerbeflächen";
  r = request(port, "PUT", path, bearer(member, true), revised.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}", "put", r);
  auto edited = json::parse(r.body);
  EXPECT_EQ(edited["state"], "entwurf");
  EXPECT_EQ(edited["document"]["title"], "Leerstandsmelder für Ladenlokale");
  EXPECT_EQ(edited["draft"]["title"], "Leerstandsmelder für Ladenlokale und Gewerbeflächen");

  // Archive and restore.
  r = request(port, "POST", path + "/archive", bearer(member));
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/use-cases/{slug}/archive", "post", r);

  r = request(port, "POST", path + "/archive", bearer(redaktion));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/archive", "post", r);
  EXPECT_EQ(json::parse(r.body)["state"], "archiviert");

  r = request(port, "GET", path);
  ASSERT_EQ(r.status, 404);

  r = request(port, "POST", path + "/archive", bearer(redaktion));
  ASSERT_EQ(r.status, 409);
  doc.expectConforms("/api/v1/use-cases/{slug}/archive", "post", r);

  r = request(port, "POST", path + "/restore", bearer(redaktion));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/use-cases/{slug}/restore", "post", r);
  EXPECT_EQ(json::parse(r.body)["state"], "veroeffentlicht");

  r = request(port, "POST", path + "/restore", bearer(redaktion));
  ASSERT_EQ(r.status, 409);
  doc.expectConforms("/api/v1/use-cases/{slug}/restore", "post", r);

  r = request(port, "POST", "/api/v1/use-cases/gibt-es-nicht/restore", bearer(redaktion));
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/use-cases/{slug}/restore", "post", r);

  // Cookie-authenticated writes must be JSON.
  auto browser = server.loggedIn("browser@example.org");
  r = browser.send("POST", "/api/v1/use-cases", "title=Formular", "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/use-cases", "post", r);

  r = browser.send("POST", "/api/v1/use-cases", R"({"title":"Über die Sitzung angelegt"})", "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  doc.expectConforms("/api/v1/use-cases", "post", r);
}

// The Bausteine (/api/v1/bausteine…, /api/v1/me/merkliste…, /api/v1/me/checklisten…): the catalogue
// from content/bausteine/ read as guest and member, every detail, the downloads (one file per
// media type family, the 422s and the 503 of a missing PDF converter), the Redaktion's source
// editor with its versions, Merkliste and checklist progress.
constexpr const char* kChecklist = "/api/v1/bausteine/checkliste-auftragsverarbeitung";
constexpr const char* kDeck = "/api/v1/bausteine/praesentation-verwaltungsspitze";
constexpr const char* kTemplate = "/api/v1/bausteine/projektsteckbrief";

// The media type a download format is documented with.
const std::map<std::string, std::string> kDownloadMediaTypes = {
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"pdf", "application/pdf"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"odp", "application/vnd.oasis.opendocument.presentation"},
    {"html", "text/html"},
};

// Sets an environment variable for the lifetime of the object and restores the old value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(OpenApi, BausteineResponsesConform) {
  TestServer server(Backend::kSqlite, TestServerOptions{.seed_bausteine = true});
  const auto& doc = document();
  auto port = server.port();
  auto redaktion = createApiToken(server, server.createUser("redaktion@example.org", "redaktion"));
  auto member = createApiToken(server, server.createUser("mitglied@example.org"));

  // Catalogue without filters: everything, every facet with every value.
  auto r = request(port, "GET", "/api/v1/bausteine");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine", "get", r);
  auto all = json::parse(r.body);
  ASSERT_GT(all["total"].get<int64_t>(), 0);
  EXPECT_EQ(all["total"], all["total_all"]);
  EXPECT_EQ(all["items"].size(), all["total"].get<size_t>());
  EXPECT_EQ(all["facets"]["typ"].size(), 8u);
  EXPECT_EQ(all["facets"]["zeit"].size(), 4u);

  // Search and filters (several values of one facet: or).
  r = request(port, "GET", "/api/v1/bausteine?q=Auftragsverarbeitung&typ=checkliste&typ=rechtshilfe&phase=umsetzen");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine", "get", r);
  auto found = json::parse(r.body);
  ASSERT_FALSE(found["items"].empty());
  EXPECT_EQ(found["items"][0]["slug"], "checkliste-auftragsverarbeitung");
  EXPECT_TRUE(found["items"][0].contains("snippet"));
  EXPECT_EQ(found["total_all"], all["total_all"]);
  int selected = 0;
  for (const auto& f : found["facets"]["typ"]) selected += f["selected"].get<bool>() ? 1 : 0;
  EXPECT_EQ(selected, 2);

  r = request(port, "GET",
              "/api/v1/bausteine?rolle=personalrat&wirkungsfeld=kompetenzen&barriere=it_altlasten&zeit=bis_30&zeit=mehr");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine", "get", r);

  r = request(port, "GET", "/api/v1/bausteine?merkliste=1");  // guests have no Merkliste
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine", "get", r);
  EXPECT_EQ(json::parse(r.body)["total"], 0);

  r = request(port, "GET", "/api/v1/bausteine?typ=checkliste&phase=irgendwann");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "phase");
  doc.expectConforms("/api/v1/bausteine", "get", r);

  r = request(port, "GET", "/api/v1/bausteine?q=%ZZ");
  ASSERT_EQ(r.status, 400);
  doc.expectConforms("/api/v1/bausteine", "get", r);

  r = request(port, "GET", "/api/v1/bausteine", {{"Authorization", "Bearer opgv_falsch"}});
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/bausteine", "get", r);

  // Every detail conforms; the three kinds with their own fields are checked closer.
  std::string legalAid;
  for (const auto& item : all["items"]) {
    std::string slug = item["slug"];
    r = request(port, "GET", "/api/v1/bausteine/" + slug);
    ASSERT_EQ(r.status, 200) << slug << ": " << r.body.substr(0, 300);
    doc.expectConforms("/api/v1/bausteine/{slug}", "get", r);
    if (legalAid.empty() && item["typ"]["key"] == "rechtshilfe") legalAid = slug;
  }
  ASSERT_FALSE(legalAid.empty()) << "kein rechtliches Hilfsmittel im Katalog";

  r = request(port, "GET", "/api/v1/bausteine/" + legalAid);
  ASSERT_EQ(r.status, 200);
  auto legal = json::parse(r.body);
  EXPECT_TRUE(legal["legal_notice"].is_string());
  EXPECT_NE(legal["legal_notice"].get<std::string>().find("Kein Rechtsrat"), std::string::npos);

  r = request(port, "GET", kChecklist, bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}", "get", r);
  auto checklist = json::parse(r.body);
  EXPECT_EQ(checklist["typ"]["key"], "checkliste");
  EXPECT_TRUE(checklist["legal_notice"].is_null());
  ASSERT_GT(checklist["document"]["punkte"].size(), 2u);
  EXPECT_EQ(checklist["checked"], json::array());
  EXPECT_FALSE(checklist["use_cases"].empty());

  r = request(port, "GET", kDeck, bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}", "get", r);
  auto deck = json::parse(r.body);
  EXPECT_EQ(deck["typ"]["key"], "praesentation");
  EXPECT_FALSE(deck["document"]["folien"].empty());
  ASSERT_FALSE(deck["placeholders"].empty());
  std::vector<std::string> deckFormats;
  for (const auto& d : deck["downloads"]) deckFormats.push_back(d["format"]);
  EXPECT_EQ(deckFormats, (std::vector<std::string>{"pptx", "odp", "pdf", "docx", "odt", "html"}));

  r = request(port, "GET", "/api/v1/bausteine/gibt-es-nicht");
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/bausteine/{slug}", "get", r);

  // Versions: the import is version 1, by nobody.
  r = request(port, "GET", std::string(kTemplate) + "/versionen");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/versionen", "get", r);
  auto versions = json::parse(r.body)["items"];
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_TRUE(versions[0]["created_by"].is_null());

  r = request(port, "GET", "/api/v1/bausteine/gibt-es-nicht/versionen");
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/bausteine/{slug}/versionen", "get", r);

  // Source text: Redaktion only.
  const std::string source = std::string(kTemplate) + "/quelltext";
  r = request(port, "GET", source, bearer(redaktion));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "get", r);
  auto text = json::parse(r.body)["source"].get<std::string>();
  EXPECT_EQ(text.rfind("---\nslug: projektsteckbrief\n", 0), 0u);

  r = request(port, "GET", source, bearer(member));
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "get", r);

  r = request(port, "GET", source);  // guests are asked to log in
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "get", r);

  r = request(port, "GET", "/api/v1/bausteine/gibt-es-nicht/quelltext", bearer(redaktion));
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "get", r);

  r = request(port, "PUT", source, bearer(redaktion, true), json{{"source", "---\ntitle: [\n---\nText"}}.dump());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_FALSE(json::parse(r.body)["errors"].empty());
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "put", r);

  r = request(port, "PUT", source, bearer(redaktion, true), R"({"note":"ohne Quelltext"})");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "put", r);

  r = request(port, "PUT", source, bearer(redaktion), json{{"source", text}}.dump());
  ASSERT_EQ(r.status, 415);
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "put", r);

  r = request(port, "PUT", source, bearer(member, true), json{{"source", text}}.dump());
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "put", r);

  r = request(port, "PUT", source, bearer(redaktion, true),
              json{{"source", text + "\nErgänzt über die API.\n"}, {"note", "Satz ergänzt"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/quelltext", "put", r);
  EXPECT_EQ(json::parse(r.body)["version"], 2);

  r = request(port, "GET", std::string(kTemplate) + "/versionen");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/versionen", "get", r);
  versions = json::parse(r.body)["items"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0]["version"], 2);
  EXPECT_EQ(versions[0]["created_by"], "Test redaktion");
  EXPECT_EQ(versions[0]["note"], "Satz ergänzt");

  // Merkliste.
  r = request(port, "PUT", "/api/v1/me/merkliste/checkliste-auftragsverarbeitung", bearer(member));
  ASSERT_EQ(r.status, 204) << r.body;
  doc.expectConforms("/api/v1/me/merkliste/{slug}", "put", r);

  r = request(port, "GET", "/api/v1/me/merkliste", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/me/merkliste", "get", r);
  auto merkliste = json::parse(r.body);
  ASSERT_EQ(merkliste["items"].size(), 1u);
  EXPECT_EQ(merkliste["items"][0]["slug"], "checkliste-auftragsverarbeitung");
  EXPECT_TRUE(merkliste["items"][0]["on_merkliste"].get<bool>());

  r = request(port, "GET", "/api/v1/bausteine?merkliste=1", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/bausteine", "get", r);
  EXPECT_EQ(json::parse(r.body)["total"], 1);

  r = request(port, "PUT", "/api/v1/me/merkliste/gibt-es-nicht", bearer(member));
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/me/merkliste/{slug}", "put", r);

  r = request(port, "DELETE", "/api/v1/me/merkliste/checkliste-auftragsverarbeitung", bearer(member));
  ASSERT_EQ(r.status, 204) << r.body;
  doc.expectConforms("/api/v1/me/merkliste/{slug}", "delete", r);

  r = request(port, "DELETE", "/api/v1/me/merkliste/gibt-es-nicht", bearer(member));
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/me/merkliste/{slug}", "delete", r);

  r = request(port, "GET", "/api/v1/me/merkliste", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/me/merkliste", "get", r);
  EXPECT_EQ(json::parse(r.body)["total"], 0);

  r = request(port, "GET", "/api/v1/me/merkliste");
  ASSERT_EQ(r.status, 401);
  EXPECT_FALSE(r.header("www-authenticate").empty());
  doc.expectConforms("/api/v1/me/merkliste", "get", r);

  r = request(port, "PUT", "/api/v1/me/merkliste/checkliste-auftragsverarbeitung");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/me/merkliste/{slug}", "put", r);

  r = request(port, "DELETE", "/api/v1/me/merkliste/checkliste-auftragsverarbeitung");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/me/merkliste/{slug}", "delete", r);

  // Cookie-authenticated writes must be JSON, even without a body.
  auto browser = server.loggedIn("browser@example.org");
  r = browser.send("PUT", "/api/v1/me/merkliste/checkliste-auftragsverarbeitung", "", "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/me/merkliste/{slug}", "put", r);

  // Checklist progress.
  const std::string progress = "/api/v1/me/checklisten/checkliste-auftragsverarbeitung";
  r = request(port, "PUT", progress, bearer(member, true), R"({"checked":[2,0,2]})");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);
  EXPECT_EQ(json::parse(r.body)["checked"], json::array({0, 2}));

  r = request(port, "GET", progress, bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "get", r);
  EXPECT_EQ(json::parse(r.body)["checked"], json::array({0, 2}));

  r = request(port, "GET", kChecklist, bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/bausteine/{slug}", "get", r);
  EXPECT_EQ(json::parse(r.body)["checked"], json::array({0, 2}));

  r = request(port, "PUT", progress, bearer(member, true), R"({"checked":[999]})");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);

  r = request(port, "PUT", progress, bearer(member, true), R"({"checked":[-1]})");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);

  r = request(port, "PUT", progress, bearer(member, true), R"({"checked":["1"]})");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);

  r = request(port, "PUT", "/api/v1/me/checklisten/praesentation-verwaltungsspitze", bearer(member, true), R"({"checked":[0]})");
  ASSERT_EQ(r.status, 422) << r.body;  // no checklist
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);

  r = request(port, "GET", progress, bearer(member));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["checked"], json::array({0, 2})) << "ein ungültiger Versuch ändert den Stand nicht";

  r = request(port, "PUT", progress, bearer(member), R"({"checked":[1]})");
  ASSERT_EQ(r.status, 415);
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);

  r = request(port, "PUT", progress, bearer(member, true), R"({"checked":[1])");
  ASSERT_EQ(r.status, 400);
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);

  r = request(port, "PUT", "/api/v1/me/checklisten/gibt-es-nicht", bearer(member, true), R"({"checked":[]})");
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);

  r = request(port, "GET", "/api/v1/me/checklisten/gibt-es-nicht", bearer(member));
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "get", r);

  r = request(port, "GET", progress);
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "get", r);

  r = request(port, "PUT", progress, {{"Content-Type", "application/json"}}, R"({"checked":[1]})");
  ASSERT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/me/checklisten/{slug}", "put", r);

  // Downloads: the 422s.
  const std::string download = std::string(kTemplate) + "/download";
  r = request(port, "GET", download + "?format=exe");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);

  r = request(port, "GET", download);  // no format
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);

  r = request(port, "GET", download + "?format=pptx");  // slides only for Präsentationsvorlagen
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);

  r = request(port, "GET", download + "?format=docx&werte%5Bgibt_es_nicht%5D=x");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);

  r = request(port, "GET", download + "?format=html&werte%5Bgibt_es_nicht%5D=x");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);

  auto deckKey = deck["placeholders"][0]["key"].get<std::string>();
  r = request(port, "GET", std::string(kDeck) + "/download?format=odp&werte%5B" + deckKey + "%5D=" + std::string(4001, 'x'));
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);

  r = request(port, "GET", "/api/v1/bausteine/gibt-es-nicht/download?format=docx");
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);

  r = request(port, "GET", download + "?format=docx&werte%5Bx%5D=%ZZ");
  ASSERT_EQ(r.status, 400);
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);

  r = request(port, "POST", download, {{"Content-Type", "application/json"}}, R"({"werte":{}})");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(json::parse(r.body)["errors"][0]["field"], "format");
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "post", r);

  r = request(port, "POST", download, {{"Content-Type", "application/json"}}, R"({"format":"odt","werte":{"kommune":1}})");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "post", r);

  r = request(port, "POST", download, {{"Content-Type", "application/json"}}, R"({"format":"odt","werte":["x"]})");
  ASSERT_EQ(r.status, 422) << r.body;
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "post", r);

  r = request(port, "POST", download, {{"Content-Type", "text/plain"}}, "format=odt");
  ASSERT_EQ(r.status, 415);
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "post", r);

  r = request(port, "POST", download, {{"Content-Type", "application/json"}}, R"({"format":)");
  ASSERT_EQ(r.status, 400);
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "post", r);

  r = request(port, "POST", "/api/v1/bausteine/gibt-es-nicht/download", {{"Content-Type", "application/json"}},
              R"({"format":"odt"})");
  ASSERT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/bausteine/{slug}/download", "post", r);

  // Downloads that succeed: the Content-Type is the documented media type of the format.
  auto expectFile = [&](const HttpResponse& res, const std::string& method, const std::string& format) {
    SCOPED_TRACE(method + " " + format);
    ASSERT_EQ(res.status, 200) << res.body.substr(0, 300);
    doc.expectConforms("/api/v1/bausteine/{slug}/download", method, res);
    auto mediaType = lower(strings::trim(res.header("content-type").substr(0, res.header("content-type").find(';'))));
    EXPECT_EQ(mediaType, kDownloadMediaTypes.at(format));
    EXPECT_NE(res.header("content-disposition").find("opgv-"), std::string::npos);
    EXPECT_FALSE(res.body.empty());
  };
  expectFile(request(port, "GET", download + "?format=docx"), "get", "docx");
  expectFile(request(port, "GET", download + "?format=html&werte%5Bkommune%5D=Musterstadt%20%28fiktiv%29"), "get", "html");
  expectFile(request(port, "GET", std::string(kDeck) + "/download?format=pptx&werte%5B" + deckKey + "%5D=Musterstadt"), "get",
             "pptx");
  expectFile(request(port, "POST", std::string(kDeck) + "/download", {{"Content-Type", "application/json"}},
                     json{{"format", "odp"}, {"werte", {{deckKey, "Musterstadt (fiktiv)"}}}}.dump()),
             "post", "odp");
  expectFile(request(port, "POST", std::string(kChecklist) + "/download", bearer(member, true), R"({"format":"odt"})"), "post",
             "odt");

  // PDF without LibreOffice: 503, not 500.
  {
    ScopedEnv noConverter("OPGV_SOFFICE", server.dataDir() + "/kein-soffice");
    r = request(port, "GET", download + "?format=pdf");
    ASSERT_EQ(r.status, 503) << r.body;
    doc.expectConforms("/api/v1/bausteine/{slug}/download", "get", r);
    r = request(port, "POST", download, {{"Content-Type", "application/json"}}, R"({"format":"pdf"})");
    ASSERT_EQ(r.status, 503) << r.body;
    doc.expectConforms("/api/v1/bausteine/{slug}/download", "post", r);
  }
}


TEST(OpenApi, ModelsResponsesConform) {
  TestServer server;
  const auto& doc = document();
  auto port = server.port();
  auto r = request(port, "GET", "/api/v1/models");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/models", "get", r);
  for (const auto& item : json::parse(r.body)["items"]) {
    std::string slug = item["slug"];
    r = request(port, "GET", "/api/v1/models/" + slug);
    ASSERT_EQ(r.status, 200) << r.body;
    doc.expectConforms("/api/v1/models/{slug}", "get", r);
    r = request(port, "GET", "/api/v1/models/" + slug + "/versions");
    ASSERT_EQ(r.status, 200);
    doc.expectConforms("/api/v1/models/{slug}/versions", "get", r);
    r = request(port, "GET", "/api/v1/models/" + slug + "/openapi");
    ASSERT_EQ(r.status, 200);
    doc.expectConforms("/api/v1/models/{slug}/openapi", "get", r);
    r = request(port, "GET", "/api/v1/models/" + slug + "/datapackage");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(json::parse(r.body)["name"], slug);
    r = request(port, "GET", "/api/v1/models/" + slug + "/template?format=xlsx");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.substr(0, 2), "PK");
    r = request(port, "GET", "/api/v1/models/" + slug + "/example");
    ASSERT_EQ(r.status, 200);
  }
  r = request(port, "GET", "/api/v1/models/sozialraum-indikatoren/diff?from=1.0.0&to=1.1.0");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/models/{slug}/diff", "get", r);
  for (const char* target : {"/api/v1/models/gibt-es-nicht", "/api/v1/models/gibt-es-nicht/versions",
                             "/api/v1/models/gibt-es-nicht/openapi", "/api/v1/models/sozialraum-indikatoren/diff?from=0.1.0&to=1.1.0",
                             "/api/v1/models/sozialraum-indikatoren/example?resource=gibtsnicht",
                             "/api/v1/models/sozialraum-indikatoren/datapackage?version=9.9.9"}) {
    r = request(port, "GET", target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos) << target;
  }
  r = request(port, "GET", "/api/v1/models/haushalt/synth?rows=50&seed=9");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/models/{slug}/synth", "get", r);
  EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 51);
  EXPECT_EQ(r.body, request(port, "GET", "/api/v1/models/haushalt/synth?rows=50&seed=9").body);
  for (const char* bad : {"rows=0", "rows=100001", "rows=viele", "seed=-1"}) {
    r = request(port, "GET", std::string("/api/v1/models/haushalt/synth?") + bad);
    EXPECT_EQ(r.status, 422) << bad;
    doc.expectConforms("/api/v1/models/{slug}/synth", "get", r);
  }
  {
    auto token = createApiToken(server, server.createUser("pruefung@example.org"));
    auto headers = bearer(token);
    headers.emplace_back("Content-Type", "text/csv");
    r = request(port, "POST", "/api/v1/datasets/validate?model=haushalt&filename=h.csv", headers,
                "ags,haushaltsjahr\n9999001,2024\n");
    ASSERT_EQ(r.status, 200) << r.body;
    doc.expectConforms("/api/v1/datasets/validate", "post", r);
    r = request(port, "POST", "/api/v1/datasets/validate?model=gibt-es-nicht", headers, "a\n");
    EXPECT_EQ(r.status, 404);
    doc.expectConforms("/api/v1/datasets/validate", "post", r);
    r = request(port, "POST", "/api/v1/datasets/validate?model=haushalt", {{"Content-Type", "text/csv"}}, "a\n");
    EXPECT_EQ(r.status, 401);
    doc.expectConforms("/api/v1/datasets/validate", "post", r);
  }
  r = request(port, "GET", "/api/v1/models/sozialraum-indikatoren/template?format=ods");
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/models/{slug}/template", "get", r);
}

TEST(OpenApi, DatasetsResponsesConform) {
  TestServer server;
  const auto& doc = document();
  auto port = server.port();
  auto& c = server.ctx();
  organisations::OrganisationRepository orgs(*c.db);
  organisations::Organisation o;
  o.type = "govtech";
  o.name = "Schnittstellen-Test GmbH";
  o.slug = "schnittstellen-test-gmbh";
  auto championId = server.createUser("champion@example.org");
  auto org = orgs.insert(o, championId, c.clock->nowSeconds()).value();
  orgs.activate(org);
  orgs.addMembership(org, championId, "mitglied", "active", c.clock->nowSeconds());
  auto member = createApiToken(server, championId);
  auto stranger = createApiToken(server, server.createUser("fremd@example.org"));
  const std::string orgId = std::to_string(org);
  auto example = [](const std::string& model) { return modelExample(model); };
  auto csvUpload = [&](const std::string& token, const std::string& query, const std::string& content) {
    auto headers = bearer(token);
    headers.emplace_back("Content-Type", "text/csv");
    return request(port, "POST", "/api/v1/datasets/uploads?" + query, headers, content);
  };
  // Polls the version until the import has finished; every answer must conform.
  auto wait = [&](const std::string& target) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      auto r = request(port, "GET", target, bearer(member));
      doc.expectConforms("/api/v1/datasets/{id}/versions/{version}", "get", r);
      auto j = json::parse(r.body, nullptr, false);
      if (r.status != 200 || j.value("finished", false) || std::chrono::steady_clock::now() > deadline) return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  };

  // List
  auto r = request(port, "GET", "/api/v1/datasets", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/datasets", "get", r);
  r = request(port, "GET", "/api/v1/datasets?organisation=abc", bearer(member));
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/datasets", "get", r);
  r = request(port, "GET", "/api/v1/datasets");
  EXPECT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/datasets", "get", r);

  // Upload
  r = csvUpload(member, "organisation=" + orgId + "&title=Schulen&model=schulen&filename=schulen.csv", example("schulen"));
  ASSERT_EQ(r.status, 201) << r.body;
  doc.expectConforms("/api/v1/datasets/uploads", "post", r);
  auto uploadId = std::to_string(json::parse(r.body)["upload"]["id"].get<int64_t>());
  r = csvUpload(member, "organisation=" + orgId, "");
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/datasets/uploads", "post", r);
  r = csvUpload(stranger, "organisation=" + orgId + "&title=X&model=schulen", example("schulen"));
  EXPECT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/datasets/uploads", "post", r);
  r = csvUpload(member, "dataset=999999", example("schulen"));
  EXPECT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/datasets/uploads", "post", r);
  r = request(port, "POST", "/api/v1/datasets/uploads?organisation=" + orgId, {{"Content-Type", "text/csv"}}, "a\n1\n");
  EXPECT_EQ(r.status, 401);
  doc.expectConforms("/api/v1/datasets/uploads", "post", r);

  // Mapping
  r = request(port, "GET", "/api/v1/datasets/uploads/" + uploadId + "/mapping", bearer(member));
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/datasets/uploads/{id}/mapping", "get", r);
  r = request(port, "GET", "/api/v1/datasets/uploads/" + uploadId + "/mapping?profile=eins", bearer(member));
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/datasets/uploads/{id}/mapping", "get", r);
  r = request(port, "GET", "/api/v1/datasets/uploads/999999/mapping", bearer(member));
  EXPECT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/datasets/uploads/{id}/mapping", "get", r);

  // Import
  const std::string importPath = "/api/v1/datasets/uploads/" + uploadId + "/import";
  r = request(port, "POST", importPath, bearer(member, true), R"({"fields":{"schul_id":{"column":"gibt-es-nicht"}}})");
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/datasets/uploads/{id}/import", "post", r);
  r = request(port, "POST", importPath, bearer(member, true), "[1");
  EXPECT_EQ(r.status, 400);
  doc.expectConforms("/api/v1/datasets/uploads/{id}/import", "post", r);
  auto plain = bearer(member);
  plain.emplace_back("Content-Type", "text/plain");
  r = request(port, "POST", importPath, plain, "{}");
  EXPECT_EQ(r.status, 415);
  doc.expectConforms("/api/v1/datasets/uploads/{id}/import", "post", r);
  r = request(port, "POST", importPath, bearer(member, true),
              R"({"profile_name":"schulen-verzeichnis","fields":{"ags":{"column":"ags"},"ort":{"constant":"Musterstadt"}},"reshape":false})");
  ASSERT_EQ(r.status, 202) << r.body;
  doc.expectConforms("/api/v1/datasets/uploads/{id}/import", "post", r);
  auto started = json::parse(r.body);
  const std::string datasetPath = "/api/v1/datasets/" + std::to_string(started["dataset_id"].get<int64_t>());
  auto version = wait(r.header("location"));
  ASSERT_EQ(version["status"], "imported") << version.dump();
  r = request(port, "POST", importPath, bearer(member, true), "{}");
  EXPECT_EQ(r.status, 404);  // the upload is gone after the import
  doc.expectConforms("/api/v1/datasets/uploads/{id}/import", "post", r);

  // Dataset, version, rows, downloads
  r = request(port, "GET", datasetPath, bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/datasets/{id}", "get", r);
  r = request(port, "GET", datasetPath, bearer(stranger));
  EXPECT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/datasets/{id}", "get", r);
  r = request(port, "GET", "/api/v1/datasets/999999", bearer(member));
  EXPECT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/datasets/{id}", "get", r);
  r = request(port, "GET", datasetPath + "/versions/9", bearer(member));
  EXPECT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}", "get", r);
  r = request(port, "GET", datasetPath + "/rows?limit=3", bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/datasets/{id}/rows", "get", r);
  r = request(port, "GET", datasetPath + "/rows?offset=-1", bearer(member));
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/datasets/{id}/rows", "get", r);
  for (const char* format : {"csv", "xlsx", "json"}) {
    r = request(port, "GET", datasetPath + "/download?format=" + format, bearer(member));
    ASSERT_EQ(r.status, 200) << format;
    doc.expectConforms("/api/v1/datasets/{id}/download", "get", r);
  }
  r = request(port, "GET", datasetPath + "/download?format=pdf", bearer(member));
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/datasets/{id}/download", "get", r);
  r = request(port, "GET", datasetPath + "/versions/1/rejects", bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}/rejects", "get", r);
  r = request(port, "POST", datasetPath + "/versions/1/cancel", bearer(member));
  EXPECT_EQ(r.status, 409);
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}/cancel", "post", r);

  // A version with errors and the decision about it.
  std::string broken = example("schulen");
  broken.replace(broken.find("2024/25"), 7, "2024-25");
  r = csvUpload(member, "dataset=" + std::to_string(started["dataset_id"].get<int64_t>()) + "&filename=neu.csv", broken);
  ASSERT_EQ(r.status, 201) << r.body;
  doc.expectConforms("/api/v1/datasets/uploads", "post", r);
  uploadId = std::to_string(json::parse(r.body)["upload"]["id"].get<int64_t>());
  r = request(port, "POST", "/api/v1/datasets/uploads/" + uploadId + "/import", bearer(member));
  ASSERT_EQ(r.status, 202) << r.body;
  version = wait(r.header("location"));
  ASSERT_EQ(version["status"], "review") << version.dump();
  const std::string decision = datasetPath + "/versions/2/decision";
  r = request(port, "POST", decision, bearer(member, true), R"({"choice":"später"})");
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}/decision", "post", r);
  r = request(port, "POST", decision, bearer(stranger, true), R"({"choice":"discard"})");
  EXPECT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}/decision", "post", r);
  r = request(port, "GET", datasetPath + "/versions/2/rejects", bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}/rejects", "get", r);
  r = request(port, "POST", decision, bearer(member, true), R"({"choice":"keep_valid_rows"})");
  ASSERT_EQ(r.status, 200) << r.body;
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}/decision", "post", r);
  r = request(port, "POST", decision, bearer(member, true), R"({"choice":"discard"})");
  EXPECT_EQ(r.status, 409);
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}/decision", "post", r);

  // Cancelling a running (or, on a fast machine, already finished) import.
  r = request(port, "GET", "/api/v1/models/schulen/synth?rows=5000&seed=2");
  ASSERT_EQ(r.status, 200);
  r = csvUpload(member, "dataset=" + std::to_string(started["dataset_id"].get<int64_t>()) + "&filename=gross.csv", r.body);
  ASSERT_EQ(r.status, 201);
  uploadId = std::to_string(json::parse(r.body)["upload"]["id"].get<int64_t>());
  r = request(port, "POST", "/api/v1/datasets/uploads/" + uploadId + "/import", bearer(member));
  ASSERT_EQ(r.status, 202);
  auto running = r.header("location");
  r = request(port, "POST", running + "/cancel", bearer(member));
  EXPECT_TRUE(r.status == 202 || r.status == 409) << r.status;
  doc.expectConforms("/api/v1/datasets/{id}/versions/{version}/cancel", "post", r);
  wait(running);

  // Import profiles
  r = request(port, "GET", "/api/v1/import-profiles?organisation=" + orgId, bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/import-profiles", "get", r);
  auto profiles = json::parse(r.body);
  ASSERT_FALSE(profiles["items"].empty());
  r = request(port, "GET", "/api/v1/import-profiles", bearer(member));
  EXPECT_EQ(r.status, 422);
  doc.expectConforms("/api/v1/import-profiles", "get", r);
  r = request(port, "GET", "/api/v1/import-profiles?organisation=" + orgId, bearer(stranger));
  EXPECT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/import-profiles", "get", r);
  r = request(port, "GET", "/api/v1/import-profiles/" + std::to_string(profiles["items"][0]["id"].get<int64_t>()), bearer(member));
  ASSERT_EQ(r.status, 200);
  doc.expectConforms("/api/v1/import-profiles/{id}", "get", r);
  r = request(port, "GET", "/api/v1/import-profiles/999999", bearer(member));
  EXPECT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/import-profiles/{id}", "get", r);

  // Delete
  r = request(port, "DELETE", datasetPath, bearer(stranger));
  EXPECT_EQ(r.status, 403);
  doc.expectConforms("/api/v1/datasets/{id}", "delete", r);
  r = request(port, "DELETE", datasetPath, bearer(member));
  ASSERT_EQ(r.status, 204) << r.body;
  doc.expectConforms("/api/v1/datasets/{id}", "delete", r);
  r = request(port, "DELETE", datasetPath, bearer(member));
  EXPECT_EQ(r.status, 404);
  doc.expectConforms("/api/v1/datasets/{id}", "delete", r);
}

}  // namespace
}  // namespace opgv::test
