// JSON API for accounts under /api/v1. Same service calls as the HTML pages.
#include "features/accounts/api_handlers.h"

#include "app/web.h"
#include "common/strings.h"
#include "http/problem.h"

namespace opgv::accounts {
namespace {

nlohmann::json userJson(const User& u) {
  return {{"id", u.id}, {"email", u.email}, {"display_name", u.display_name}, {"role", auth::roleKey(u.role)},
          {"status", u.status}, {"created_at", u.created_at}};
}

nlohmann::json tokenJson(const ApiToken& t) {
  return {{"id", t.id}, {"name", t.name}, {"prefix", t.prefix}, {"created_at", t.created_at},
          {"last_used_at", t.last_used_at ? nlohmann::json(*t.last_used_at) : nlohmann::json(nullptr)}};
}

std::string str(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void registerApiRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<AccountService> service) {
  router.post("/api/v1/accounts", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto acceptIt = body->find("accept_privacy");
    Registration input{str(*body, "email"), str(*body, "display_name"), str(*body, "password"), str(*body, "password"),
                       acceptIt != body->end() && acceptIt->is_boolean() && acceptIt->get<bool>()};
    auto result = service->registerAccount(input);
    if (!result) return http::problem(result.error());
    return web::jsonResponse(202, {{"status", "pending"},
                                   {"detail", "Falls die Adresse neu ist, wurde eine Bestätigungs-E-Mail gesendet."}});
  });

  router.post("/api/v1/accounts/confirm", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto result = service->confirmEmail(str(*body, "token"));
    if (!result) return http::problem(result.error());
    return web::jsonResponse(200, {{"status", "active"}});
  });

  router.post("/api/v1/password-resets", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto result = service->requestPasswordReset(str(*body, "email"));
    if (!result) return http::problem(result.error());
    return web::jsonResponse(202, {{"detail", "Falls ein Konto besteht, wurde eine E-Mail gesendet."}});
  });

  router.post("/api/v1/password-resets/confirm", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto password = str(*body, "password");
    auto result = service->resetPassword(str(*body, "token"), password, password);
    if (!result) return http::problem(result.error());
    return http::Response{204, {}, {}};
  });

  router.get("/api/v1/me", [service](http::Request& req) {
    auto user = service->profile(web::principal(req));
    if (!user) return http::problem(user.error());
    return web::jsonResponse(200, userJson(*user));
  });

  router.add(http::Method::kPatch, "/api/v1/me", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto& who = web::principal(req);
    auto result = service->updateProfile(who, str(*body, "display_name"));
    if (!result) return http::problem(result.error());
    return web::jsonResponse(200, userJson(*service->profile(who)));
  });

  router.del("/api/v1/me", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto result = service->deleteAccount(web::principal(req), str(*body, "password"));
    if (!result) return http::problem(result.error());
    return http::Response{204, {}, {}};
  });

  router.get("/api/v1/me/export", [service](http::Request& req) {
    auto data = service->exportData(web::principal(req));
    if (!data) return http::problem(data.error());
    return web::jsonResponse(200, *data);
  });

  router.get("/api/v1/me/tokens", [service](http::Request& req) {
    auto tokens = service->listTokens(web::principal(req));
    if (!tokens) return http::problem(tokens.error());
    auto items = nlohmann::json::array();
    for (const auto& t : *tokens) items.push_back(tokenJson(t));
    return web::jsonResponse(200, {{"items", items}});
  });

  router.post("/api/v1/me/tokens", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto created = service->createToken(web::principal(req), str(*body, "name"));
    if (!created) {
      auto error = created.error();
      for (auto& f : error.fields) {
        if (f.field == "token_name") f.field = "name";  // the HTML form's field is "token_name", the API's "name"
      }
      return http::problem(error);
    }
    auto j = tokenJson(created->token);
    j["token"] = created->raw;
    return web::jsonResponse(201, j);
  });

  router.del("/api/v1/me/tokens/{id}", [service](http::Request& req) {
    auto id = strings::parseInt(req.pathParam("id"));
    if (!id) return http::problem(404, "Diesen Token gibt es nicht.");
    auto result = service->revokeToken(web::principal(req), *id);
    if (!result) return http::problem(result.error());
    return http::Response{204, {}, {}};
  });

  router.get("/api/v1/admin/users", [service](http::Request& req) {
    auto limit = strings::parseInt(req.queryParam("limit").value_or("100")).value_or(100);
    auto offset = strings::parseInt(req.queryParam("offset").value_or("0")).value_or(0);
    auto users = service->listUsers(web::principal(req), static_cast<int>(limit), static_cast<int>(offset));
    if (!users) return http::problem(users.error());
    auto items = nlohmann::json::array();
    for (const auto& u : *users) items.push_back(userJson(u));
    return web::jsonResponse(200, {{"items", items}});
  });

  router.put("/api/v1/admin/users/{id}/role", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto id = strings::parseInt(req.pathParam("id")).value_or(0);
    auto result = service->setRole(web::principal(req), id, str(*body, "role"));
    if (!result) return http::problem(result.error());
    return http::Response{204, {}, {}};
  });

  router.get("/api/v1/admin/mails", [service](http::Request& req) {
    auto mails = service->devMailbox(web::principal(req));
    if (!mails) return http::problem(mails.error());
    auto items = nlohmann::json::array();
    for (const auto& m : *mails) {
      items.push_back({{"id", m.id}, {"to", m.recipient}, {"subject", m.subject}, {"body", m.body},
                       {"created_at", m.created_at}, {"delivery", m.delivery}});
    }
    return web::jsonResponse(200, {{"items", items}});
  });
  (void)ctx;
}

}  // namespace opgv::accounts
