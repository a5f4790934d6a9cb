#include "features/pages/routes.h"

#include "app/web.h"
#include "features/pages/feedback.h"
#include "http/problem.h"

namespace opgv::pages {
namespace {

struct StaticPage {
  const char* path;
  const char* title;
  const char* tpl;
};

const StaticPage kStaticPages[] = {
    {"/impressum", "Impressum", "pages/static/impressum.tpl"},
    {"/datenschutz", "Datenschutzerklärung", "pages/static/datenschutz.tpl"},
    {"/barrierefreiheit", "Erklärung zur Barrierefreiheit", "pages/static/barrierefreiheit.tpl"},
    {"/leichte-sprache", "Leichte Sprache", "pages/static/leichte-sprache.tpl"},
    {"/kontakt", "Kontakt", "pages/static/kontakt.tpl"},
};

struct Area {
  const char* path;
  const char* nav;
  const char* title;
  const char* intro;
  std::vector<const char*> items;
};

// Areas whose features are being built; the page says honestly what will be there.
const std::vector<Area>& areas() {
  static const std::vector<Area> list = {
      {"/projekte", "NAV_PROJEKTE", "Projekte",
       "Ihr Arbeitsbereich: vom Use Case zum eigenen Projekt – überzeugen, umsetzen, integrieren.",
       {"Projektweg mit Phasen und Aufgaben", "Team aus Fachamt, IT und GovTech",
        "Veröffentlichung als neuer Use Case"}},
      {"/lernen", "NAV_LERNEN", "Lernen",
       "Lernpfade, Tutorials und ein Lernspiel zu den Dynamiken der Datenzusammenarbeit.",
       {"Lernpfade für Daten-Champions", "Browser-Lernspiel, auch ohne JavaScript spielbar"}},
  };
  return list;
}

}  // namespace

void registerRoutes(http::Router& router, app::AppContext& ctx) {
  router.get("/", [&ctx](http::Request& req) {
    web::Page page{"Startseite", "pages/static/start.tpl"};
    return web::render(ctx, req, std::move(page));
  });

  for (const auto& p : kStaticPages) {
    router.get(p.path, [&ctx, p](http::Request& req) {
      web::Page page{p.title, p.tpl};
      page.crumbs = {{p.title, ""}};
      if (std::string(p.path) == "/barrierefreiheit") {
        page.model["FIELD_PAGE_URL_VALUE"] = req.header("referer").value_or("");
        web::restoreForm(ctx, req, "feedback", page.model);
      }
      return web::render(ctx, req, std::move(page));
    });
  }

  for (const auto& a : areas()) {
    router.get(a.path, [&ctx, &a](http::Request& req) {
      web::Page page{a.title, "pages/static/bereich.tpl"};
      page.nav = a.nav;
      page.crumbs = {{a.title, ""}};
      page.model["AREA_TITLE"] = a.title;
      page.model["AREA_INTRO"] = a.intro;
      auto items = nlohmann::json::array();
      for (auto* item : a.items) items.push_back({{"ITEM_TEXT", item}});
      page.model["AREA_ITEMS"] = items;
      return web::render(ctx, req, std::move(page));
    });
  }

  router.post("/barrierefreiheit", [&ctx](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    FeedbackInput input{form->value("name"), form->value("email"), form->value("message"), form->value("page_url")};
    auto result = submitFeedback(*ctx.db, *ctx.clock, input);
    if (!result) {
      web::keepForm(ctx, req, "feedback",
                    {{"name", input.name}, {"email", input.email}, {"message", input.message}, {"page_url", input.page_url}},
                    result.error().fields);
      return http::Response::redirect("/barrierefreiheit#fehler");
    }
    web::flash(ctx, req, "feedback_danke");
    return http::Response::redirect("/barrierefreiheit");
  });

  router.post("/api/v1/accessibility-feedback", [&ctx](http::Request& req) {
    if (req.mediaType() != "application/json") {
      return http::problem(415, "Bitte senden Sie JSON (Content-Type: application/json).");
    }
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return http::problem(400, "Der Inhalt ist kein gültiges JSON-Objekt.");
    // Non-string values count as missing (json::value() would throw type_error → 500).
    auto text = [&body](const char* key) {
      auto it = body.find(key);
      return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    FeedbackInput input{text("name"), text("email"), text("message"), text("page_url")};
    auto result = submitFeedback(*ctx.db, *ctx.clock, input);
    if (!result) return http::problem(result.error());
    return http::Response::json(201, nlohmann::json{{"id", *result}, {"status", "offen"}}.dump());
  });

  router.post("/einstellungen/darstellung", [&ctx](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto theme = form->value("theme");
    if (theme != "light" && theme != "dark" && theme != "system") theme = "system";
    // Not HttpOnly-relevant (no secret), but HttpOnly anyway: only the server reads it.
    web::setCookie(ctx, req, http::Cookie{"opgv_theme", theme, "/", 365L * 24 * 3600, true});
    web::flash(ctx, req, "darstellung");
    return http::Response::redirect(web::safeReturnPath(form->value("return_to"), "/"));
  });
}

}  // namespace opgv::pages
