// HTML pages: Kommunen search, Kommune and organisation pages, joining, GovTech directory,
// creating organisations, and the Redaktion's queue of applications.
#include <memory>

#include "app/web.h"
#include "common/strings.h"
#include "features/organisations/api_handlers.h"
#include "features/organisations/routes.h"
#include "features/organisations/service.h"
#include "features/organisations/views.h"

namespace opgv::organisations {
namespace {

nlohmann::json memberModels(const std::vector<Membership>& members, bool canManage) {
  auto list = nlohmann::json::array();
  for (const auto& m : members) {
    nlohmann::json item = {{"M_USER_ID", std::to_string(m.user_id)}, {"M_NAME", m.user_name},
                           {"M_ROLE", m.role == "org_admin" ? "Organisations-Admin" : "Mitglied"}};
    if (!m.user_email.empty()) item["M_EMAIL"] = {{"M_EMAIL_TEXT", m.user_email}};
    if (m.status == "pending") {
      item["M_PENDING"] = true;
      if (canManage) item["M_DECIDE"] = true;
    }
    list.push_back(item);
  }
  return list;
}

}  // namespace

void registerRoutes(http::Router& router, app::AppContext& ctx) {
  auto service = std::make_shared<OrganisationService>(*ctx.db, *ctx.clock, *ctx.mailer, ctx.config.effectiveBaseUrl());

  router.get("/kommunen", [&ctx, service](http::Request& req) {
    auto q = req.queryParam("q").value_or("");
    web::Page page{"Meine Kommune finden", "organisations/search.tpl"};
    page.crumbs = {{"Kommunen", ""}};
    page.model["FIELD_Q_VALUE"] = q;
    auto results = service->searchKommunen(q, 50);
    if (!results) {
      // The field message says what is wrong ("zu lang"); the generic message alone would not.
      const auto& message = results.error().fields.empty() ? results.error().message : results.error().fields.front().message;
      page.model["FORM_ERRORS"] = nlohmann::json::array({{{"FIELD_ID", "kommune-suche"}, {"MESSAGE", message}}});
      page.model["FIELD_Q_ERROR"] = {{"MESSAGE", message}};
      page.status = 422;
    } else if (!strings::trim(q).empty()) {
      auto list = nlohmann::json::array();
      for (const auto& k : *results) list.push_back(kommuneModel(k));
      page.model["SEARCHED"] = {{"RESULT_COUNT", std::to_string(results->size())}, {"QUERY", q}};
      if (list.empty()) page.model["NO_RESULTS"] = {{"QUERY", q}};
      else page.model["RESULTS"] = list;
      if (results->size() >= 50) page.model["MORE_RESULTS"] = true;
    }
    return web::render(ctx, req, std::move(page));
  });

  router.get("/kommunen/{ags}", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    auto view = service->kommune(who, req.pathParam("ags"));
    if (!view) return web::errorResponse(ctx, req, view.error());
    web::Page page{view->kommune.name, "organisations/kommune.tpl"};
    page.crumbs = {{"Kommunen", "/kommunen"}, {view->kommune.name, ""}};
    page.model.update(kommuneModel(view->kommune));
    if (view->organisation) {
      // A pending organisation's page is hidden from outsiders, so it is not linked.
      bool visible = view->organisation->status == "active" || view->my_membership ||
                     who.atLeast(auth::PlatformRole::kRedaktion);
      page.model[visible ? "ORG_ACTIVE" : "ORG_PENDING"] = organisationModel(*view->organisation);
    } else {
      page.model["NO_ORG"] = true;
    }
    if (!who.loggedIn()) {
      page.model["JOIN_LOGIN"] = {{"LOGIN_URL", "/anmelden?weiter=" + strings::percentEncode(req.path)}};
    } else if (view->my_membership) {
      page.model[view->my_membership->status == "active" ? "IS_MEMBER" : "IS_PENDING"] = true;
    } else if (view->organisation) {
      page.model["CAN_JOIN"] = true;
    } else {
      page.model["CAN_CLAIM"] = true;
    }
    return web::render(ctx, req, std::move(page));
  });

  router.post("/kommunen/{ags}/beitreten", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto ags = req.pathParam("ags");
    auto result = service->joinKommune(web::principal(req), ags);
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, *result == JoinOutcome::kRequestedFirstAdmin ? "erstadmin_beantragt" : "beitritt_beantragt");
    return http::Response::redirect("/kommunen/" + strings::percentEncode(ags));
  });

  router.get("/govtechs", [&ctx, service](http::Request& req) {
    web::Page page{"GovTechs", "organisations/govtechs.tpl"};
    page.nav = "NAV_GOVTECHS";
    page.crumbs = {{"GovTechs", ""}};
    auto list = nlohmann::json::array();
    auto govtechs = service->list("govtech");
    for (const auto& o : govtechs.value()) list.push_back(organisationModel(o));
    if (list.empty()) page.model["NO_ORGS"] = true;
    else page.model["ORGS"] = list;
    return web::render(ctx, req, std::move(page));
  });

  router.get("/organisationen/neu", [&ctx](http::Request& req) {
    if (!web::principal(req).loggedIn()) {
      return web::errorResponse(ctx, req, Error{ErrorCode::kUnauthenticated, "Bitte melden Sie sich an."});
    }
    web::Page page{"Organisation anlegen", "organisations/new.tpl"};
    page.crumbs = {{"GovTechs", "/govtechs"}, {"Organisation anlegen", ""}};
    page.model["TYPE_GOVTECH_CHECKED"] = true;
    web::restoreForm(ctx, req, "organisation", page.model);
    if (page.model.contains("FIELD_TYPE_VALUE")) {
      page.model.erase("TYPE_GOVTECH_CHECKED");
      page.model[page.model["FIELD_TYPE_VALUE"] == "sonstige" ? "TYPE_SONSTIGE_CHECKED" : "TYPE_GOVTECH_CHECKED"] = true;
    }
    if (page.model.contains("FIELD_SONSTIGE_ART_VALUE")) {
      page.model["ART_" + strings::toLowerAscii(page.model["FIELD_SONSTIGE_ART_VALUE"].get<std::string>()) + "_SELECTED"] = true;
    }
    return web::render(ctx, req, std::move(page));
  });

  router.post("/organisationen", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    NewOrganisation input{form->value("type"), form->value("name"), form->value("website"),
                          form->value("description"), form->value("contact"), form->value("sonstige_art")};
    auto result = service->create(web::principal(req), input);
    if (!result) {
      if (result.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, result.error());
      web::keepForm(ctx, req, "organisation",
                    {{"type", input.type}, {"name", input.name}, {"website", input.website},
                     {"description", input.description}, {"contact", input.contact}, {"sonstige_art", input.sonstige_art}},
                    result.error().fields);
      return http::Response::redirect("/organisationen/neu#fehler");
    }
    web::flash(ctx, req, "organisation_angelegt");
    return http::Response::redirect("/organisationen/" + std::to_string(*result));
  });

  router.get("/organisationen/{id}", [&ctx, service](http::Request& req) {
    auto id = strings::parseInt(req.pathParam("id"));
    auto& who = web::principal(req);
    auto view = id ? service->organisation(who, *id)
                   : Result<OrganisationView>(fail(ErrorCode::kNotFound, "Diese Organisation gibt es nicht."));
    if (!view) return web::errorResponse(ctx, req, view.error());
    web::Page page{view->organisation.name, "organisations/organisation.tpl"};
    page.crumbs = {{view->organisation.type == "govtech" ? "GovTechs" : "Organisationen",
                    view->organisation.type == "govtech" ? "/govtechs" : "/kommunen"},
                   {view->organisation.name, ""}};
    if (view->organisation.type == "govtech") page.nav = "NAV_GOVTECHS";
    page.model.update(organisationModel(view->organisation));
    if (view->kommune) page.model["KOMMUNE"] = kommuneModel(*view->kommune);
    if (!view->members.empty()) page.model["MEMBERS"] = memberModels(view->members, view->can_manage);
    if (view->can_manage) page.model["CAN_MANAGE"] = true;
    if (view->my_membership) {
      page.model[view->my_membership->status == "active" ? "IS_MEMBER" : "IS_PENDING"] = true;
    } else if (who.loggedIn() && view->organisation.status == "active") {
      page.model["CAN_JOIN"] = true;
    }
    return web::render(ctx, req, std::move(page));
  });

  router.post("/organisationen/{id}/beitreten", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto id = strings::parseInt(req.pathParam("id")).value_or(0);
    auto result = service->join(web::principal(req), id);
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, "beitritt_beantragt");
    return http::Response::redirect("/organisationen/" + std::to_string(id));
  });

  router.post("/organisationen/{id}/austreten", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto id = strings::parseInt(req.pathParam("id")).value_or(0);
    auto result = service->leave(web::principal(req), id);
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, "mitgliedschaft_beendet");
    return http::Response::redirect("/profil");
  });

  router.post("/organisationen/{id}/mitglieder/{user}/entscheiden", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto id = strings::parseInt(req.pathParam("id")).value_or(0);
    auto user = strings::parseInt(req.pathParam("user")).value_or(0);
    bool approve = form->value("decision") == "annehmen";
    auto result = service->decideMembership(web::principal(req), id, user, approve);
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, approve ? "mitglied_bestaetigt" : "mitglied_abgelehnt");
    return http::Response::redirect("/organisationen/" + std::to_string(id));
  });

  router.get("/redaktion", [](http::Request&) { return http::Response::redirect("/redaktion/antraege", 302); });

  router.get("/redaktion/antraege", [&ctx, service](http::Request& req) {
    auto pending = service->pendingApplications(web::principal(req));
    if (!pending) return web::errorResponse(ctx, req, pending.error());
    web::Page page{"Anträge prüfen", "organisations/applications.tpl"};
    page.crumbs = {{"Redaktion", ""}, {"Anträge", ""}};
    page.crumbs.front().second = "/redaktion/antraege";
    auto list = nlohmann::json::array();
    for (const auto& [org, members] : *pending) {
      auto item = organisationModel(org);
      if (org.ags) {
        item["A_AGS"] = *org.ags;
      }
      item["A_MEMBERS"] = memberModels(members, false);
      list.push_back(item);
    }
    if (list.empty()) page.model["NO_APPLICATIONS"] = true;
    else page.model["APPLICATIONS"] = list;
    return web::render(ctx, req, std::move(page));
  });

  router.post("/redaktion/antraege/{id}/entscheiden", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto id = strings::parseInt(req.pathParam("id")).value_or(0);
    bool approve = form->value("decision") == "bestaetigen";
    auto result = service->confirmApplication(web::principal(req), id, approve);
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, approve ? "antrag_bestaetigt" : "mitglied_abgelehnt");
    return http::Response::redirect("/redaktion/antraege");
  });

  registerApiRoutes(router, ctx, service);
}

}  // namespace opgv::organisations
