// HTML pages for accounts. Thin: read the form, call AccountService, render or redirect.
#include <memory>

#include "app/web.h"
#include "common/strings.h"
#include "features/accounts/routes.h"
#include "features/accounts/service.h"
#include "features/accounts/api_handlers.h"
#include "features/organisations/repository.h"

namespace opgv::accounts {
namespace {

std::string formatDate(int64_t seconds) { return strings::formatUnixTime(seconds, "%d.%m.%Y %H:%M UTC"); }

http::Cookie sessionCookie(const std::string& token) {
  return http::Cookie{"opgv_session", token, "/", -1, true};
}

}  // namespace

void registerRoutes(http::Router& router, app::AppContext& ctx) {
  auto service = std::make_shared<AccountService>(*ctx.db, *ctx.clock, *ctx.mailer, *ctx.sessions, *ctx.login_limiter,
                                                  ctx.config.effectiveBaseUrl());

  router.get("/registrieren", [&ctx](http::Request& req) {
    web::Page page{"Registrieren", "accounts/register.tpl"};
    page.crumbs = {{"Registrieren", ""}};
    web::restoreForm(ctx, req, "register", page.model);
    return web::render(ctx, req, std::move(page));
  });

  router.post("/registrieren", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    Registration input{form->value("email"), form->value("display_name"), form->value("password"),
                       form->value("password_repeat"), form->value("accept_privacy") == "ja"};
    auto result = service->registerAccount(input);
    if (!result) {
      web::keepForm(ctx, req, "register",
                    {{"email", input.email}, {"display_name", input.display_name}, {"accept_privacy", input.accept_privacy}},
                    result.error().fields);
      return http::Response::redirect("/registrieren#fehler");
    }
    web::flash(ctx, req, "registriert");
    return http::Response::redirect("/anmelden");
  });

  router.get("/registrieren/bestaetigen", [&ctx, service](http::Request& req) {
    auto result = service->confirmEmail(req.queryParam("token").value_or(""));
    web::flash(ctx, req, result ? "bestaetigt" : "link_ungueltig");
    return http::Response::redirect(result ? "/anmelden" : "/registrieren");
  });

  router.get("/anmelden", [&ctx](http::Request& req) {
    if (web::principal(req).loggedIn()) return http::Response::redirect("/profil");
    web::Page page{"Anmelden", "accounts/login.tpl"};
    page.crumbs = {{"Anmelden", ""}};
    page.model["RETURN_TO"] = web::safeReturnPath(req.queryParam("weiter").value_or(""), "/profil");
    web::restoreForm(ctx, req, "login", page.model);
    return web::render(ctx, req, std::move(page));
  });

  router.post("/anmelden", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto returnTo = web::safeReturnPath(form->value("return_to"), "/profil");
    auto result = service->login(form->value("email"), form->value("password"), req.remote_addr);
    if (!result) {
      auto fields = result.error().fields;
      if (fields.empty()) fields.push_back({"email", result.error().message});
      web::keepForm(ctx, req, "login", {{"email", form->value("email")}}, fields);
      return http::Response::redirect("/anmelden?weiter=" + strings::percentEncode(returnTo) + "#fehler");
    }
    auto& st = web::state(req);
    if (!st.principal.session_hash.empty()) ctx.sessions->destroy(st.principal.session_hash);
    web::setCookie(ctx, req, sessionCookie(result->session_token));
    web::flash(ctx, req, "angemeldet");
    return http::Response::redirect(returnTo);
  });

  router.post("/abmelden", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    service->logout(web::principal(req));
    web::setCookie(ctx, req, http::Cookie{"opgv_session", "", "/", 0, true});
    web::flash(ctx, req, "abgemeldet");
    return http::Response::redirect("/");
  });

  router.get("/passwort-vergessen", [&ctx](http::Request& req) {
    web::Page page{"Passwort vergessen", "accounts/forgot.tpl"};
    page.crumbs = {{"Anmelden", "/anmelden"}, {"Passwort vergessen", ""}};
    web::restoreForm(ctx, req, "forgot", page.model);
    return web::render(ctx, req, std::move(page));
  });

  router.post("/passwort-vergessen", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto result = service->requestPasswordReset(form->value("email"));
    if (!result) {
      web::keepForm(ctx, req, "forgot", {{"email", form->value("email")}}, result.error().fields);
      return http::Response::redirect("/passwort-vergessen#fehler");
    }
    web::flash(ctx, req, "reset_gesendet");
    return http::Response::redirect("/anmelden");
  });

  router.get("/passwort-zuruecksetzen", [&ctx](http::Request& req) {
    web::Page page{"Neues Passwort festlegen", "accounts/reset.tpl"};
    page.crumbs = {{"Anmelden", "/anmelden"}, {"Neues Passwort", ""}};
    page.model["TOKEN"] = req.queryParam("token").value_or("");
    web::restoreForm(ctx, req, "reset", page.model);
    return web::render(ctx, req, std::move(page));
  });

  router.post("/passwort-zuruecksetzen", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto token = form->value("token");
    auto result = service->resetPassword(token, form->value("password"), form->value("password_repeat"));
    if (!result) {
      if (result.error().code == ErrorCode::kNotFound) {
        web::flash(ctx, req, "link_ungueltig");
        return http::Response::redirect("/passwort-vergessen");
      }
      web::keepForm(ctx, req, "reset", nlohmann::json::object(), result.error().fields);
      return http::Response::redirect("/passwort-zuruecksetzen?token=" + strings::percentEncode(token) + "#fehler");
    }
    web::setCookie(ctx, req, http::Cookie{"opgv_session", "", "/", 0, true});
    web::flash(ctx, req, "passwort_geaendert");
    return http::Response::redirect("/anmelden");
  });

  router.get("/profil", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    auto user = service->profile(who);
    if (!user) return web::errorResponse(ctx, req, user.error());
    web::Page page{"Mein Profil", "accounts/profile.tpl"};
    page.crumbs = {{"Mein Profil", ""}};
    auto& m = page.model;
    m["PROFILE_EMAIL"] = user->email;
    m["FIELD_DISPLAY_NAME_VALUE"] = user->display_name;
    m["PROFILE_ROLE"] = auth::roleLabel(user->role);
    m["PROFILE_SINCE"] = formatDate(user->created_at);
    auto tokens = nlohmann::json::array();
    auto tokenList = service->listTokens(who);
    for (const auto& t : tokenList.value()) {
      tokens.push_back({{"TOKEN_ID", std::to_string(t.id)}, {"TOKEN_NAME", t.name}, {"TOKEN_PREFIX", t.prefix},
                        {"TOKEN_CREATED", formatDate(t.created_at)},
                        {"TOKEN_USED", t.last_used_at ? formatDate(*t.last_used_at) : "noch nie"}});
    }
    if (!tokens.empty()) m["TOKENS"] = tokens;
    else m["NO_TOKENS"] = true;
    auto memberships = nlohmann::json::array();
    for (const auto& [org, membership] : organisations::OrganisationRepository(*ctx.db).membershipsOfUser(user->id)) {
      nlohmann::json item = {{"ORG_ID", std::to_string(org.id)}, {"ORG_NAME", org.name},
                             {"MEMBER_ROLE", membership.role == "org_admin" ? "Organisations-Admin" : "Mitglied"}};
      if (membership.status == "pending") item["MEMBER_PENDING"] = true;
      memberships.push_back(item);
    }
    if (!memberships.empty()) m["MEMBERSHIPS"] = memberships;
    else m["NO_MEMBERSHIPS"] = true;
    nlohmann::json kept = nlohmann::json::object();
    web::restoreForm(ctx, req, "profile", kept);
    if (kept.contains("FIELD_NEW_TOKEN_VALUE")) {
      m["NEW_TOKEN"] = {{"NEW_TOKEN_VALUE", kept["FIELD_NEW_TOKEN_VALUE"]}};
      kept.erase("FIELD_NEW_TOKEN_VALUE");
    }
    for (auto& [k, v] : kept.items()) m[k] = v;
    return web::render(ctx, req, std::move(page));
  });

  router.post("/profil", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto result = service->updateProfile(web::principal(req), form->value("display_name"));
    if (!result) {
      if (result.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, result.error());
      web::keepForm(ctx, req, "profile", {{"display_name", form->value("display_name")}}, result.error().fields);
      return http::Response::redirect("/profil#fehler");
    }
    web::flash(ctx, req, "profil_gespeichert");
    return http::Response::redirect("/profil");
  });

  router.post("/profil/tokens", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto result = service->createToken(web::principal(req), form->value("token_name"));
    if (!result) {
      if (result.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, result.error());
      web::keepForm(ctx, req, "profile", {{"token_name", form->value("token_name")}}, result.error().fields);
      return http::Response::redirect("/profil#fehler");
    }
    // The raw token must survive one redirect to be shown once; it is deleted when read.
    web::keepForm(ctx, req, "profile", {{"new_token", result->raw}}, {});
    web::flash(ctx, req, "token_erstellt");
    return http::Response::redirect("/profil#api-tokens");
  });

  router.post("/profil/tokens/{id}/widerrufen", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto id = strings::parseInt(req.pathParam("id"));
    auto result = id ? service->revokeToken(web::principal(req), *id)
                     : Status(fail(ErrorCode::kNotFound, "Diesen Token gibt es nicht."));
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, "token_geloescht");
    return http::Response::redirect("/profil#api-tokens");
  });

  router.get("/profil/export", [&ctx, service](http::Request& req) {
    auto data = service->exportData(web::principal(req));
    if (!data) return web::errorResponse(ctx, req, data.error());
    auto res = web::jsonResponse(200, *data);
    res.setHeader("Content-Disposition", "attachment; filename=\"opgv-meine-daten.json\"");
    res.setHeader("Cache-Control", "no-store");
    return res;
  });

  router.get("/profil/loeschen", [&ctx, service](http::Request& req) {
    auto user = service->profile(web::principal(req));
    if (!user) return web::errorResponse(ctx, req, user.error());
    web::Page page{"Konto löschen", "accounts/delete.tpl"};
    page.crumbs = {{"Mein Profil", "/profil"}, {"Konto löschen", ""}};
    page.model["PROFILE_EMAIL"] = user->email;
    web::restoreForm(ctx, req, "delete", page.model);
    return web::render(ctx, req, std::move(page));
  });

  router.post("/profil/loeschen", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto result = service->deleteAccount(web::principal(req), form->value("password"));
    if (!result) {
      if (result.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, result.error());
      web::keepForm(ctx, req, "delete", nlohmann::json::object(), result.error().fields);
      return http::Response::redirect("/profil/loeschen#fehler");
    }
    web::setCookie(ctx, req, http::Cookie{"opgv_session", "", "/", 0, true});
    web::flash(ctx, req, "konto_geloescht");
    return http::Response::redirect("/");
  });

  router.get("/admin", [&ctx, service](http::Request& req) {
    auto users = service->listUsers(web::principal(req), 500, 0);
    if (!users) return web::errorResponse(ctx, req, users.error());
    web::Page page{"Verwaltung", "accounts/admin.tpl"};
    page.crumbs = {{"Verwaltung", ""}};
    auto list = nlohmann::json::array();
    for (const auto& u : *users) {
      nlohmann::json item = {{"USER_ID", std::to_string(u.id)}, {"USER_EMAIL", u.email},
                             {"USER_DISPLAY", u.display_name}, {"USER_ROLE_LABEL", auth::roleLabel(u.role)},
                             {"USER_STATUS", u.status == "active" ? "aktiv" : "unbestätigt"}};
      item[std::string("ROLE_") + auth::roleKey(u.role) + "_SELECTED"] = true;
      list.push_back(item);
    }
    page.model["USERS"] = list;
    page.model["USER_COUNT"] = std::to_string(users->size());
    return web::render(ctx, req, std::move(page));
  });

  router.post("/admin/benutzer/{id}/rolle", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto id = strings::parseInt(req.pathParam("id")).value_or(0);
    auto result = service->setRole(web::principal(req), id, form->value("role"));
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, "rolle_geaendert");
    return http::Response::redirect("/admin");
  });

  router.get("/admin/postfach", [&ctx, service](http::Request& req) {
    auto mails = service->devMailbox(web::principal(req));
    if (!mails) return web::errorResponse(ctx, req, mails.error());
    web::Page page{"Postfach (Entwicklung)", "accounts/mailbox.tpl"};
    page.crumbs = {{"Verwaltung", "/admin"}, {"Postfach", ""}};
    auto list = nlohmann::json::array();
    for (const auto& m : *mails) {
      list.push_back({{"MAIL_ID", std::to_string(m.id)}, {"MAIL_TO", m.recipient}, {"MAIL_SUBJECT", m.subject},
                      {"MAIL_BODY", m.body}, {"MAIL_DATE", formatDate(m.created_at)}, {"MAIL_DELIVERY", m.delivery}});
    }
    if (list.empty()) page.model["NO_MAILS"] = true;
    else page.model["MAILS"] = list;
    if (ctx.config.smtp.host.empty()) page.model["NO_SMTP"] = true;
    return web::render(ctx, req, std::move(page));
  });

  registerApiRoutes(router, ctx, service);
}

}  // namespace opgv::accounts
