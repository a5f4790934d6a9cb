// JSON API for Kommunen and organisations under /api/v1.
#include "features/organisations/api_handlers.h"

#include "app/web.h"
#include "common/strings.h"
#include "features/organisations/views.h"
#include "http/problem.h"

namespace opgv::organisations {
namespace {

std::string str(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const char* outcomeName(JoinOutcome o) {
  return o == JoinOutcome::kRequestedFirstAdmin ? "first_admin_requested" : "membership_requested";
}

}  // namespace

void registerApiRoutes(http::Router& router, app::AppContext&, std::shared_ptr<OrganisationService> service) {
  router.get("/api/v1/kommunen", [service](http::Request& req) {
    auto limit = strings::parseInt(req.queryParam("limit").value_or("20")).value_or(20);
    auto results = service->searchKommunen(req.queryParam("q").value_or(""), static_cast<int>(limit));
    if (!results) return http::problem(results.error());
    auto items = nlohmann::json::array();
    for (const auto& k : *results) items.push_back(kommuneJson(k));
    auto res = web::jsonResponse(200, {{"items", items}});
    res.setHeader("Cache-Control", "public, max-age=300");
    return res;
  });

  router.get("/api/v1/kommunen/{ags}", [service](http::Request& req) {
    auto view = service->kommune(web::principal(req), req.pathParam("ags"));
    if (!view) return http::problem(view.error());
    auto j = kommuneJson(view->kommune);
    // Pending organisations are visible to their applicants and the Redaktion only; others see
    // just that an application is pending.
    auto& who = web::principal(req);
    bool visible = view->organisation && (view->organisation->status == "active" || view->my_membership ||
                                          who.atLeast(auth::PlatformRole::kRedaktion));
    j["organisation"] = visible ? organisationJson(*view->organisation) : nlohmann::json(nullptr);
    j["application_pending"] = view->organisation && !visible;
    return web::jsonResponse(200, j);
  });

  router.post("/api/v1/kommunen/{ags}/join", [service](http::Request& req) {
    auto result = service->joinKommune(web::principal(req), req.pathParam("ags"));
    if (!result) return http::problem(result.error());
    return web::jsonResponse(202, {{"status", outcomeName(*result)}});
  });

  router.get("/api/v1/organisations", [service](http::Request& req) {
    auto list = service->list(req.queryParam("type").value_or("govtech"));
    if (!list) return http::problem(list.error());
    auto items = nlohmann::json::array();
    for (const auto& o : *list) items.push_back(organisationJson(o));
    return web::jsonResponse(200, {{"items", items}});
  });

  router.post("/api/v1/organisations", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    NewOrganisation input{str(*body, "type"), str(*body, "name"), str(*body, "website"), str(*body, "description"),
                          str(*body, "contact"), str(*body, "sonstige_art")};
    auto id = service->create(web::principal(req), input);
    if (!id) return http::problem(id.error());
    auto view = service->organisation(web::principal(req), *id);
    auto res = web::jsonResponse(201, organisationJson(view->organisation));
    res.setHeader("Location", "/api/v1/organisations/" + std::to_string(*id));
    return res;
  });

  router.get("/api/v1/organisations/{id}", [service](http::Request& req) {
    auto id = strings::parseInt(req.pathParam("id"));
    if (!id) return http::problem(404, "Diese Organisation gibt es nicht.");
    auto view = service->organisation(web::principal(req), *id);
    if (!view) return http::problem(view.error());
    auto j = organisationJson(view->organisation);
    if (view->kommune) j["kommune"] = kommuneJson(*view->kommune);
    auto members = nlohmann::json::array();
    for (const auto& m : view->members) members.push_back(membershipJson(m));
    j["members"] = members;
    return web::jsonResponse(200, j);
  });

  router.post("/api/v1/organisations/{id}/memberships", [service](http::Request& req) {
    auto id = strings::parseInt(req.pathParam("id")).value_or(0);
    auto result = service->join(web::principal(req), id);
    if (!result) return http::problem(result.error());
    return web::jsonResponse(202, {{"status", outcomeName(*result)}});
  });

  router.put("/api/v1/organisations/{id}/memberships/{user}", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto decision = str(*body, "decision");
    if (decision != "approve" && decision != "reject") {
      return http::problem(422, "„decision“ muss „approve“ oder „reject“ sein.", {{"decision", "approve oder reject"}});
    }
    auto result = service->decideMembership(web::principal(req), strings::parseInt(req.pathParam("id")).value_or(0),
                                            strings::parseInt(req.pathParam("user")).value_or(0), decision == "approve");
    if (!result) return http::problem(result.error());
    return http::Response{204, {}, {}};
  });

  router.del("/api/v1/organisations/{id}/memberships/me", [service](http::Request& req) {
    auto result = service->leave(web::principal(req), strings::parseInt(req.pathParam("id")).value_or(0));
    if (!result) return http::problem(result.error());
    return http::Response{204, {}, {}};
  });

  router.get("/api/v1/applications", [service](http::Request& req) {
    auto pending = service->pendingApplications(web::principal(req));
    if (!pending) return http::problem(pending.error());
    auto items = nlohmann::json::array();
    for (const auto& [org, members] : *pending) {
      auto j = organisationJson(org);
      auto ms = nlohmann::json::array();
      for (const auto& m : members) ms.push_back(membershipJson(m));
      j["members"] = ms;
      items.push_back(j);
    }
    return web::jsonResponse(200, {{"items", items}});
  });

  router.put("/api/v1/applications/{id}", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto decision = str(*body, "decision");
    if (decision != "approve" && decision != "reject") {
      return http::problem(422, "„decision“ muss „approve“ oder „reject“ sein.", {{"decision", "approve oder reject"}});
    }
    auto result = service->confirmApplication(web::principal(req), strings::parseInt(req.pathParam("id")).value_or(0),
                                              decision == "approve");
    if (!result) return http::problem(result.error());
    return http::Response{204, {}, {}};
  });
}

}  // namespace opgv::organisations
