// HTML pages of the Bausteine: catalogue with search and filters, detail with checklist and
// Merkliste, the fill-in form with downloads, print version, versions and the Redaktion's editor.
#include <algorithm>
#include <memory>

#include "app/web.h"
#include "common/strings.h"
#include "features/bausteine/document_builder.h"
#include "features/bausteine/routes.h"
#include "features/bausteine/service.h"
#include "features/bausteine/views.h"

namespace opgv::bausteine {
namespace {

nlohmann::json textItems(const std::vector<std::string>& texts) {
  auto out = nlohmann::json::array();
  for (const auto& t : texts) {
    if (!t.empty()) out.push_back({{"TEXT", t}});
  }
  return out;
}

std::string labels(const std::vector<Term>& terms, const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + labelOf(terms, k);
  return out;
}

// "12 kB", "1,4 MB": the size a download link announces (BITV: type and size in the link text).
std::string sizeLabel(size_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string(std::max<size_t>(1, (bytes + 512) / 1024)) + " kB";
  auto tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

// Everything a reader sees of one (filled) document: used by the detail page, old versions and
// the print version.
nlohmann::json documentModel(const nlohmann::json& d, int64_t version) {
  nlohmann::json m = nlohmann::json::object();
  auto typ = str(d, "typ");
  m["B_TITLE"] = str(d, "title");
  m["B_SLUG"] = str(d, "slug");
  m["B_ZWECK"] = str(d, "zweck");
  m["B_TYP"] = labelOf(types(), typ);
  m["B_VERSION"] = std::to_string(version);
  m["B_REVIEWED"] = strings::germanDate(str(d, "last_reviewed"));
  auto facts = nlohmann::json::array();
  auto fact = [&](const char* label, const std::string& value) {
    if (!value.empty()) facts.push_back({{"LABEL", label}, {"VALUE", value}});
  };
  fact("Art", labelOf(types(), typ));
  fact("Phase", labels(phases(), strings(d, "phasen")));
  fact("Rollen", labels(roles(), strings(d, "rollen")));
  fact("Wirkungsfeld", labels(wirkungsfelder(), strings(d, "wirkungsfelder")));
  fact("Barrierenkreisläufe", labels(barrieren(), strings(d, "barrieren")));
  if (d.contains("zeitbedarf_minuten") && d["zeitbedarf_minuten"].is_number_integer()) {
    fact("Zeitbedarf", durationLabel(d["zeitbedarf_minuten"].get<int64_t>()));
  }
  m["FACTS"] = facts;
  if (auto pre = strings(d, "voraussetzungen"); !pre.empty()) m["PREREQUISITES"] = {{"ITEMS", textItems(pre)}};
  if (isLegalAid(typ)) m["LEGAL_NOTICE"] = {{"TEXT", kNoLegalAdvice}};
  if (auto goals = strings(d, "lernziele"); !goals.empty()) m["LERNZIELE"] = {{"ITEMS", textItems(goals)}};
  m["BODY_MARKDOWN"] = str(d, "body");

  if (d.contains("punkte") && d["punkte"].is_array() && !d["punkte"].empty()) {
    auto items = nlohmann::json::array();
    int index = 0;
    for (const auto& p : d["punkte"]) {
      nlohmann::json item = {{"P_INDEX", std::to_string(index)}, {"P_NUMBER", std::to_string(index + 1)}, {"P_TEXT", str(p, "text")}};
      if (!str(p, "erlaeuterung").empty()) item["P_ERLAEUTERUNG"] = {{"TEXT", str(p, "erlaeuterung")}};
      if (!str(p, "rechtsquelle").empty()) item["P_QUELLE"] = {{"TEXT", str(p, "rechtsquelle")}};
      if (!str(p, "warum").empty()) item["P_WARUM"] = {{"TEXT", str(p, "warum")}};
      items.push_back(item);
      ++index;
    }
    m["CHECKLIST"] = {{"ITEMS", items}};
  }
  if (typ == "playbook" && d.contains("playbook") && d["playbook"].is_object()) {
    const auto& p = d["playbook"];
    nlohmann::json pb = {{"ZIEL", str(p, "ziel")}};
    auto rolesList = nlohmann::json::array();
    for (const auto& r : p.value("rollen", nlohmann::json::array())) rolesList.push_back({{"ROLLE", str(r, "rolle")}, {"AUFGABE", str(r, "aufgabe")}});
    if (!rolesList.empty()) pb["ROLLEN"] = {{"ROWS", rolesList}};
    if (auto rules = strings(p, "entscheidungsregeln"); !rules.empty()) pb["REGELN"] = {{"ITEMS", textItems(rules)}};
    auto steps = nlohmann::json::array();
    for (const auto& s : p.value("schritte", nlohmann::json::array())) steps.push_back({{"TITEL", str(s, "titel")}, {"TEXT", str(s, "text")}});
    pb["SCHRITTE"] = steps;
    if (auto pitfalls = strings(p, "fallstricke"); !pitfalls.empty()) pb["FALLSTRICKE"] = {{"ITEMS", textItems(pitfalls)}};
    m["PLAYBOOK"] = pb;
  }
  if (typ == "methodenkarte" && d.contains("methodenkarte") && d["methodenkarte"].is_object()) {
    const auto& c = d["methodenkarte"];
    nlohmann::json card = {{"ZIEL", str(c, "ziel")}, {"TEILNEHMENDE", str(c, "teilnehmende")}};
    if (c.contains("dauer_minuten") && c["dauer_minuten"].is_number_integer()) card["DAUER"] = durationLabel(c["dauer_minuten"].get<int64_t>());
    if (auto material = strings(c, "material"); !material.empty()) card["MATERIAL"] = {{"ITEMS", textItems(material)}};
    auto steps = nlohmann::json::array();
    for (const auto& s : c.value("ablauf", nlohmann::json::array())) {
      steps.push_back({{"SCHRITT", str(s, "schritt")}, {"MINUTEN", str(s, "minuten")}, {"TEXT", str(s, "text")}});
    }
    card["ABLAUF"] = steps;
    if (auto variants = strings(c, "varianten"); !variants.empty()) card["VARIANTEN"] = {{"ITEMS", textItems(variants)}};
    auto hints = nlohmann::json::array();
    auto h = c.value("hinweise", nlohmann::json::object());
    for (const auto& [key, label] : std::vector<std::pair<const char*, const char*>>{
             {"datenschutz", "Datenschutz"}, {"personalrat", "Personalrat"}, {"vergabe", "Vergabe"}, {"barrierefreiheit", "Barrierefreiheit"}}) {
      if (!str(h, key).empty()) hints.push_back({{"LABEL", label}, {"TEXT", str(h, key)}});
    }
    card["HINWEISE"] = hints;
    m["METHODENKARTE"] = card;
  }
  if (isPresentation(typ) && d.contains("folien") && d["folien"].is_array()) {
    auto slides = nlohmann::json::array();
    int n = 0;
    for (const auto& f : d["folien"]) {
      nlohmann::json slide = {{"S_NUMBER", std::to_string(++n)}, {"S_TITLE", str(f, "titel")}, {"S_POINTS", textItems(strings(f, "punkte"))}};
      if (!str(f, "notizen").empty()) slide["S_NOTES"] = {{"TEXT", str(f, "notizen")}};
      slides.push_back(slide);
    }
    m["SLIDES"] = slides;
  }
  if (auto sources = strings(d, "quellen"); !sources.empty()) m["SOURCES"] = {{"ITEMS", textItems(sources)}};
  return m;
}

// Download links with type and size (BITV). A PDF that has not been made yet (at start by
// `opgv serve`, or on its first download) is announced as made on request instead.
nlohmann::json downloadLinks(const Baustein& b, const std::map<std::string, int64_t>& sizes) {
  auto list = nlohmann::json::array();
  for (const auto& format : downloadFormats(b.typ)) {
    nlohmann::json link = {{"URL", "/bausteine/" + b.slug + "/download?format=" + format}, {"LABEL", formatLabel(format)}};
    if (format == "html") link["URL"] = "/bausteine/" + b.slug + "/druck";
    if (auto it = sizes.find(format); it != sizes.end()) link["SIZE"] = {{"TEXT", sizeLabel(static_cast<size_t>(it->second))}};
    else if (format == "pdf") link["ON_REQUEST"] = true;
    else link["PAGE"] = true;
    list.push_back(link);
  }
  return list;
}

nlohmann::json facetModel(const Catalogue& c) {
  auto facets = nlohmann::json::array();
  for (const auto& def : facetDefs()) {
    auto values = nlohmann::json::array();
    for (const auto& f : c.facets.at(def.key)) {
      nlohmann::json v = {{"F_ID", std::string("f-") + def.key + "-" + f.key}, {"F_KEY", def.key}, {"F_VALUE", f.key},
                          {"F_LABEL", f.label}, {"F_COUNT", std::to_string(f.count)}};
      if (f.selected) v["F_CHECKED"] = true;
      values.push_back(v);
    }
    facets.push_back({{"FACET_LABEL", def.label}, {"FACET_VALUES", values}});
  }
  return facets;
}

}  // namespace

std::string printHtml(const app::AppContext& ctx, const nlohmann::json& filled, int64_t version) {
  auto model = documentModel(filled, version);
  if (isPresentation(str(filled, "typ"))) model["DECK"] = true;
  else model["DOCUMENT"] = true;
  return ctx.renderer->fragment("bausteine/print.tpl", model);
}

void registerRoutes(http::Router& router, app::AppContext& ctx) {
  auto service = std::make_shared<BausteinService>(*ctx.db, *ctx.clock);
  registerApiRoutes(router, ctx, service);

  router.get("/bausteine", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    web::Page page{"Bausteine", "bausteine/list.tpl"};
    page.nav = "NAV_BAUSTEINE";
    auto params = catalogueParamsFromQuery(req.query);
    if (!params) {
      page.status = 422;
      page.model["SEARCH_ERROR"] = {{"MESSAGE", params.error().fields.empty() ? params.error().message : params.error().fields.front().message}};
      params = CatalogueParams{};
    }
    auto c = service->catalogue(who, *params);
    page.model["FIELD_Q_VALUE"] = params->query;
    if (!params->query.empty()) page.model["QUERY"] = {{"TEXT", params->query}};
    page.model["FACETS"] = facetModel(c);
    if (who.loggedIn()) {
      page.model["MERKLISTE_FILTER"] = true;
      if (params->only_merkliste) page.model["MERKLISTE_CHECKED"] = true;
    }
    auto items = nlohmann::json::array();
    for (const auto& i : c.items) {
      const auto& d = i.baustein.document;
      nlohmann::json item = {{"I_SLUG", i.baustein.slug}, {"I_TITLE", i.baustein.title}, {"I_ZWECK", str(d, "zweck")},
                             {"I_TYP", labelOf(types(), i.baustein.typ)}, {"I_PHASEN", labels(phases(), strings(d, "phasen"))}};
      if (d.contains("zeitbedarf_minuten") && d["zeitbedarf_minuten"].is_number_integer()) {
        item["I_ZEIT"] = {{"TEXT", durationLabel(d["zeitbedarf_minuten"].get<int64_t>())}};
      }
      if (!i.snippet.empty()) {
        auto parts = nlohmann::json::array();
        for (const auto& [text, hit] : i.snippet) parts.push_back(hit ? nlohmann::json{{"HIT", {{"TEXT", text}}}} : nlohmann::json{{"PLAIN", {{"TEXT", text}}}});
        item["SNIPPET"] = {{"PARTS", parts}};
      }
      if (i.on_merkliste) item["I_MERKLISTE"] = true;
      items.push_back(item);
    }
    page.model["ITEMS"] = items;
    if (!items.empty()) page.model["HAS_ITEMS"] = true;
    else page.model["NO_RESULTS"] = true;
    if (items.size() == 1) page.model["TOTAL_ONE"] = true;
    else page.model["TOTAL_MANY"] = {{"TOTAL", std::to_string(items.size())}};
    page.model["API_URL"] = "/api/v1/bausteine" + (req.query.empty() ? "" : "?" + req.query);
    return web::render(ctx, req, std::move(page));
  });

  router.get("/bausteine/{slug}", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    auto view = service->detail(who, req.pathParam("slug"));
    if (!view) return web::errorResponse(ctx, req, view.error());
    const auto& b = view->baustein;
    web::Page page{b.title, "bausteine/detail.tpl"};
    page.nav = "NAV_BAUSTEINE";
    page.crumbs = {{"Bausteine", "/bausteine"}, {b.title, ""}};
    page.model.update(documentModel(b.document, b.version));
    page.model["B_UPDATED"] = strings::formatUnixTime(b.updated_at, "%d.%m.%Y");
    if (b.usage_count > 0) page.model["USAGE"] = {{"COUNT", std::to_string(b.usage_count)}};
    if (page.model.contains("CHECKLIST")) {
      auto& items = page.model["CHECKLIST"]["ITEMS"];
      for (auto& item : items) {
        auto index = strings::parseInt(item["P_INDEX"].get<std::string>()).value_or(-1);
        if (std::find(view->checked.begin(), view->checked.end(), index) != view->checked.end()) item["P_CHECKED"] = true;
      }
      if (who.loggedIn()) page.model["CHECKLIST"]["CAN_SAVE"] = true;
      else page.model["CHECKLIST"]["LOGIN"] = true;
      page.model["CHECKLIST"]["DONE"] = std::to_string(view->checked.size());
      page.model["CHECKLIST"]["TOTAL"] = std::to_string(items.size());
    }
    auto useCases = nlohmann::json::array();
    for (const auto& [slug, title] : view->use_cases) useCases.push_back({{"SLUG", slug}, {"TITLE", title}});
    if (!useCases.empty()) page.model["USE_CASES"] = {{"ITEMS", useCases}};
    page.model["CURRENT"] = true;
    if (!placeholders(b.document).empty()) page.model["CAN_FILL"] = true;
    else page.model["NO_FILL"] = true;
    page.model["DOWNLOADS"] = downloadLinks(b, service->blankSizes(b));
    if (who.loggedIn()) {
      if (view->on_merkliste) page.model["ON_MERKLISTE"] = true;
      else page.model["NOT_ON_MERKLISTE"] = true;
    } else {
      page.model["MERKLISTE_LOGIN"] = {{"NEXT", strings::percentEncode("/bausteine/" + b.slug)}};
    }
    if (who.atLeast(auth::PlatformRole::kRedaktion)) page.model["CAN_EDIT"] = true;
    if (!b.seed_conflict.empty() && who.atLeast(auth::PlatformRole::kRedaktion)) page.model["SEED_CONFLICT"] = {{"TEXT", b.seed_conflict}};
    return web::render(ctx, req, std::move(page));
  });

  router.post("/bausteine/{slug}/merken", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto slug = req.pathParam("slug");
    bool remove = form->value("action") == "entfernen";
    auto result = remove ? service->removeFromMerkliste(web::principal(req), slug) : service->addToMerkliste(web::principal(req), slug);
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, remove ? "merkliste_entfernt" : "merkliste_gemerkt");
    return http::Response::redirect(web::safeReturnPath(form->value("weiter"), "/bausteine/" + strings::percentEncode(slug)));
  });

  router.post("/bausteine/{slug}/checkliste", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto slug = req.pathParam("slug");
    std::vector<int64_t> checked;
    for (const auto& v : form->all("punkt")) {
      if (auto n = strings::parseInt(v)) checked.push_back(*n);
      else return web::errorResponse(ctx, req, Error{ErrorCode::kInvalidInput, "Die Auswahl der Checkliste ist ungültig."});
    }
    auto result = service->saveChecklist(web::principal(req), slug, checked);
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, "checkliste_gespeichert");
    return http::Response::redirect("/bausteine/" + strings::percentEncode(slug) + "#checkliste");
  });

  // The fill-in form. Values come back after an error (nothing typed is lost).
  auto renderFill = [&ctx, service](http::Request& req, const std::string& slug, const Values& values,
                                    const std::vector<FieldError>& errors, int status) {
    auto view = service->detail(web::principal(req), slug);
    if (!view) return web::errorResponse(ctx, req, view.error());
    const auto& b = view->baustein;
    web::Page page{"Ausfüllen: " + b.title, "bausteine/fill.tpl"};
    page.nav = "NAV_BAUSTEINE";
    page.status = status;
    page.crumbs = {{"Bausteine", "/bausteine"}, {b.title, "/bausteine/" + b.slug}, {"Ausfüllen", ""}};
    page.model["B_TITLE"] = b.title;
    page.model["B_SLUG"] = b.slug;
    auto fields = nlohmann::json::array();
    for (const auto& p : placeholders(b.document)) {
      std::string value;
      if (auto it = values.find(p.key); it != values.end()) value = it->second;
      else if (auto pre = view->prefill.find(p.key); pre != view->prefill.end()) value = pre->second;
      nlohmann::json field = {{"P_KEY", p.key}, {"P_ID", "wert-" + p.key}, {"P_LABEL", p.label}, {"P_VALUE", value}};
      if (!p.example.empty()) field["P_HINT"] = {{"TEXT", "Beispiel: " + p.example}, {"ID", "wert-" + p.key + "-hinweis"}};
      if (view->prefill.count(p.key)) field["P_PREFILLED"] = true;
      for (const auto& e : errors) {
        if (e.field == p.key) field["P_ERROR"] = {{"TEXT", e.message}, {"ID", "wert-" + p.key + "-fehler"}};
      }
      fields.push_back(field);
    }
    page.model["FIELDS"] = fields;
    auto formats = nlohmann::json::array();
    bool first = true;
    for (const auto& f : downloadFormats(b.typ)) {
      nlohmann::json item = {{"F_VALUE", f}, {"F_LABEL", formatLabel(f)}, {"F_ID", "format-" + f}};
      if (first) item["F_CHECKED"] = true;
      first = false;
      formats.push_back(item);
    }
    page.model["FORMATS"] = formats;
    if (!errors.empty()) {
      auto list = nlohmann::json::array();
      for (const auto& e : errors) list.push_back({{"FIELD_ID", "wert-" + e.field}, {"TEXT", e.message}});
      page.model["ERRORS"] = {{"ITEMS", list}};
    }
    return web::render(ctx, req, std::move(page));
  };

  router.get("/bausteine/{slug}/ausfuellen", [renderFill](http::Request& req) {
    return renderFill(req, req.pathParam("slug"), {}, {}, 200);
  });

  router.post("/bausteine/{slug}/ausfuellen", [&ctx, service, renderFill](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto slug = req.pathParam("slug");
    auto values = valuesFromForm(*form);
    auto format = form->value("format");
    if (format == "html") {
      auto view = service->detail(web::principal(req), slug);
      if (!view) return web::errorResponse(ctx, req, view.error());
      auto accepted = service->acceptValues(view->baustein, values);
      if (!accepted) return renderFill(req, slug, values, accepted.error().fields, 422);
      return http::Response::html(200, printHtml(ctx, filledDocument(view->baustein.document, *accepted), view->baustein.version));
    }
    auto file = service->download(slug, format, values);
    if (!file) {
      const auto& e = file.error();
      if (e.code == ErrorCode::kInvalidInput && !e.fields.empty()) return renderFill(req, slug, values, e.fields, 422);
      if (e.code == ErrorCode::kUnavailable || e.code == ErrorCode::kInvalidInput) {
        return renderFill(req, slug, values, {{"format", e.message}}, e.code == ErrorCode::kUnavailable ? 503 : 422);
      }
      return web::errorResponse(ctx, req, e);
    }
    return fileResponse(*file);
  });

  router.get("/bausteine/{slug}/download", [&ctx, service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    auto file = service->download(req.pathParam("slug"), query->value("format"), valuesFromForm(*query));
    if (!file) return web::errorResponse(ctx, req, file.error());
    return fileResponse(*file);
  });

  router.get("/bausteine/{slug}/druck", [&ctx, service](http::Request& req) {
    auto view = service->detail(web::principal(req), req.pathParam("slug"));
    if (!view) return web::errorResponse(ctx, req, view.error());
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    auto accepted = service->acceptValues(view->baustein, valuesFromForm(*query));
    if (!accepted) return web::errorResponse(ctx, req, accepted.error());
    return http::Response::html(200, printHtml(ctx, filledDocument(view->baustein.document, *accepted), view->baustein.version));
  });

  router.get("/bausteine/{slug}/versionen", [&ctx, service](http::Request& req) {
    auto slug = req.pathParam("slug");
    auto view = service->detail(web::principal(req), slug);
    if (!view) return web::errorResponse(ctx, req, view.error());
    auto list = service->versions(slug);
    web::Page page{"Versionen: " + view->baustein.title, "bausteine/versions.tpl"};
    page.nav = "NAV_BAUSTEINE";
    page.crumbs = {{"Bausteine", "/bausteine"}, {view->baustein.title, "/bausteine/" + slug}, {"Versionen", ""}};
    page.model["B_SLUG"] = slug;
    page.model["B_TITLE"] = view->baustein.title;
    auto rows = nlohmann::json::array();
    for (const auto& v : *list) {
      rows.push_back({{"V_NUMBER", std::to_string(v.version)}, {"V_DATE", strings::formatUnixTime(v.created_at, "%d.%m.%Y %H:%M")},
                      {"V_BY", v.created_by_name.empty() ? "Import aus dem Repository" : v.created_by_name}, {"V_NOTE", v.note}});
    }
    page.model["VERSIONS"] = rows;
    return web::render(ctx, req, std::move(page));
  });

  router.get("/bausteine/{slug}/versionen/{version}", [&ctx, service](http::Request& req) {
    auto slug = req.pathParam("slug");
    auto number = strings::parseInt(req.pathParam("version"));
    auto v = number ? service->version(slug, *number) : Result<Version>(fail(ErrorCode::kNotFound, "Diese Version gibt es nicht."));
    if (!v) return web::errorResponse(ctx, req, v.error());
    auto title = str(v->document, "title");
    web::Page page{title + " (Version " + std::to_string(v->version) + ")", "bausteine/detail.tpl"};
    page.nav = "NAV_BAUSTEINE";
    page.crumbs = {{"Bausteine", "/bausteine"}, {title, "/bausteine/" + slug}, {"Versionen", "/bausteine/" + slug + "/versionen"},
                   {"Version " + std::to_string(v->version), ""}};
    page.model.update(documentModel(v->document, v->version));
    page.model["B_SLUG"] = slug;
    page.model["OLD_VERSION"] = {{"NUMBER", std::to_string(v->version)}, {"DATE", strings::formatUnixTime(v->created_at, "%d.%m.%Y")}};
    return web::render(ctx, req, std::move(page));
  });

  auto renderEditor = [&ctx](http::Request& req, const std::string& slug, const std::string& title, const std::string& text,
                             const std::string& note, const std::vector<FieldError>& errors, int status) {
    web::Page page{"Bearbeiten: " + title, "bausteine/edit.tpl"};
    page.nav = "NAV_BAUSTEINE";
    page.status = status;
    page.crumbs = {{"Bausteine", "/bausteine"}, {title, "/bausteine/" + slug}, {"Bearbeiten", ""}};
    page.model["B_SLUG"] = slug;
    page.model["B_TITLE"] = title;
    page.model["FIELD_QUELLTEXT_VALUE"] = text;
    page.model["FIELD_NOTIZ_VALUE"] = note;
    if (!errors.empty()) {
      auto list = nlohmann::json::array();
      for (const auto& e : errors) list.push_back({{"TEXT", e.message}});
      page.model["ERRORS"] = {{"ITEMS", list}};
    }
    return web::render(ctx, req, std::move(page));
  };

  router.get("/bausteine/{slug}/bearbeiten", [&ctx, service, renderEditor](http::Request& req) {
    auto slug = req.pathParam("slug");
    auto text = service->sourceFor(web::principal(req), slug);
    if (!text) return web::errorResponse(ctx, req, text.error());
    auto view = service->detail(web::principal(req), slug);
    return renderEditor(req, slug, view->baustein.title, *text, "", {}, 200);
  });

  router.post("/bausteine/{slug}/bearbeiten", [&ctx, service, renderEditor](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto slug = req.pathParam("slug");
    auto saved = service->edit(web::principal(req), slug, form->value("quelltext"), form->value("notiz"));
    if (!saved) {
      if (saved.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, saved.error());
      auto view = service->detail(web::principal(req), slug);
      return renderEditor(req, slug, view->baustein.title, form->value("quelltext"), form->value("notiz"), saved.error().fields, 422);
    }
    web::flash(ctx, req, "baustein_gespeichert");
    return http::Response::redirect("/bausteine/" + strings::percentEncode(slug));
  });
}

}  // namespace opgv::bausteine
