// HTML pages of the use-case library: list with search and facets, detail, submission form with
// preview, the Redaktion's review, versions and diff, interest registration, archive/restore.
#include <algorithm>
#include <memory>
#include <set>

#include "app/web.h"
#include "common/strings.h"
#include "features/bausteine/repository.h"
#include "features/library/api_handlers.h"
#include "features/library/form_mapping.h"
#include "features/library/routes.h"
#include "features/library/service.h"
#include "features/library/views.h"

namespace opgv::library {
namespace {

// Bausteine named in the Projektweg become links with their titles; slugs of Bausteine that do
// not exist (yet) stay visible as their identifier.
void linkBausteine(db::Database& db, nlohmann::json& model) {
  std::map<std::string, std::string> titles;
  for (const auto& b : bausteine::BausteinRepository(db).all()) titles[b.slug] = b.title;
  auto resolve = [&](nlohmann::json& list) {
    if (!list.is_array()) return;
    for (auto& item : list) {
      auto it = titles.find(item.value("SLUG", ""));
      if (it != titles.end()) item["LINK"] = {{"SLUG", it->first}, {"TITLE", it->second}};
      else item["UNKNOWN"] = {{"TEXT", item.value("TEXT", "")}};
    }
  };
  if (model.contains("BLOCKS")) resolve(model["BLOCKS"]);
  if (model.contains("PATH")) {
    for (auto& step : model["PATH"]) {
      if (step.contains("BAUSTEINE")) resolve(step["BAUSTEINE"]);
    }
  }
}

std::string str(const nlohmann::json& j, const char* key) { return fieldText(j, key); }

// 28000 → "28.000", 3.5 → "3,5".
std::string germanNumber(const nlohmann::json& value) {
  if (value.is_number_integer()) {
    auto digits = std::to_string(std::llabs(value.get<int64_t>()));
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) out.push_back('.');
      out.push_back(digits[i]);
    }
    return (value.get<int64_t>() < 0 ? "-" : "") + out;
  }
  if (value.is_number()) {
    auto text = value.dump();
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
  }
  return value.is_string() ? value.get<std::string>() : "";
}

nlohmann::json stringItems(const nlohmann::json& list) {
  auto out = nlohmann::json::array();
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    if (v.is_string() && !v.get<std::string>().empty()) out.push_back({{"TEXT", v.get<std::string>()}});
  }
  return out;
}

// Everything a reader sees of one document (published version, old version or preview).
nlohmann::json documentModel(const nlohmann::json& doc, bool contactsVisible) {
  nlohmann::json m = nlohmann::json::object();
  m["UC_TITLE"] = str(doc, "title");
  m["UC_SUMMARY"] = str(doc, "summary");
  m["UC_SLUG"] = str(doc, "slug");
  if (doc.value("example", false)) m["UC_EXAMPLE"] = true;
  m["UC_LICENCE"] = str(doc, "licence").empty() ? "CC-BY-4.0" : str(doc, "licence");
  if (!str(doc, "last_reviewed").empty()) m["UC_REVIEWED"] = {{"DATE", strings::germanDate(str(doc, "last_reviewed"))}};
  auto facets = deriveFacets(doc);
  auto labels = [&](const char* facet) {
    auto list = nlohmann::json::array();
    for (const auto& v : facets[facet]) list.push_back({{"TEXT", facetValueLabel(facet, v)}});
    return list;
  };
  m["UC_THEMEN"] = labels("themenfeld");
  m["UC_STATUS"] = statusLabel(str(doc, "status"));
  m["UC_FORM"] = zusammenarbeitsformLabel(str(doc, "zusammenarbeitsform"));
  auto kommunen = nlohmann::json::array();
  for (const auto& k : doc.value("kommunen", nlohmann::json::array())) {
    std::string meta;
    if (!str(k, "verwaltungstyp").empty()) meta = facetValueLabel("verwaltungstyp", str(k, "verwaltungstyp"));
    if (!str(k, "bundesland").empty()) meta += (meta.empty() ? "" : ", ") + str(k, "bundesland");
    if (k.contains("einwohner") && k["einwohner"].is_number()) meta += (meta.empty() ? "" : ", ") + germanNumber(k["einwohner"]) + " Einwohner";
    nlohmann::json item = {{"NAME", str(k, "name")}, {"META", meta}};
    if (!str(k, "ags").empty()) item["LINK"] = {{"AGS", str(k, "ags")}};
    else item["NOLINK"] = true;
    if (!str(k, "source").empty()) item["SOURCE"] = {{"TEXT", str(k, "source")}};
    kommunen.push_back(item);
  }
  m["UC_KOMMUNEN"] = kommunen;

  auto secs = nlohmann::json::array();
  auto sourceSections = doc.value("sections", nlohmann::json::object());
  for (const auto& s : sections()) {
    auto text = str(sourceSections, s.key);
    if (strings::trim(text).empty()) continue;
    secs.push_back({{"SECTION_KEY", s.key}, {"SECTION_HEADING", s.heading}, {"SECTION_MARKDOWN", text}});
  }
  m["SECTIONS"] = secs;

  auto kpis = nlohmann::json::array();
  for (const auto& k : doc.value("wirkung", nlohmann::json::array())) {
    kpis.push_back({{"KENNZAHL", str(k, "kennzahl")}, {"VORHER", germanNumber(k.value("vorher", nlohmann::json()))},
                    {"NACHHER", germanNumber(k.value("nachher", nlohmann::json()))}, {"EINHEIT", str(k, "einheit")},
                    {"QUELLE", str(k, "quelle")}});
  }
  m["KPIS"] = kpis;
  auto hurdles = nlohmann::json::array();
  for (const auto& h : doc.value("huerden", nlohmann::json::array())) {
    auto barriers = nlohmann::json::array();
    for (const auto& b : h.value("barrieren", nlohmann::json::array())) {
      if (b.is_string()) barriers.push_back({{"TEXT", barriereLabel(b.get<std::string>())}});
    }
    hurdles.push_back({{"TEXT", str(h, "text")}, {"BARRIEREN", barriers}});
  }
  m["HURDLES"] = hurdles;
  auto path = nlohmann::json::array();
  std::set<std::string> blocks;
  for (const auto& p : doc.value("projektweg", nlohmann::json::array())) {
    auto used = nlohmann::json::array();
    for (const auto& b : p.value("bausteine", nlohmann::json::array())) {
      if (!b.is_string()) continue;
      used.push_back({{"TEXT", b.get<std::string>()}, {"SLUG", b.get<std::string>()}});
      blocks.insert(b.get<std::string>());
    }
    path.push_back({{"DATUM", strings::germanDate(str(p, "datum"))}, {"DATUM_ISO", str(p, "datum")},
                    {"PHASE", phaseLabel(str(p, "phase"))}, {"PHASE_KEY", str(p, "phase")}, {"TEXT", str(p, "text")},
                    {"BAUSTEINE", used}});
  }
  m["PATH"] = path;
  auto blockList = nlohmann::json::array();
  for (const auto& b : blocks) blockList.push_back({{"TEXT", b}, {"SLUG", b}});
  m["BLOCKS"] = blockList;
  auto datasets = nlohmann::json::array();
  for (const auto& d : doc.value("datensaetze", nlohmann::json::array())) {
    datasets.push_back({{"URI", str(d, "uri")}, {"LABEL", str(d, "bezeichnung").empty() ? str(d, "uri") : str(d, "bezeichnung")}});
  }
  m["DATASETS"] = datasets;
  m["DATENMODELLE"] = stringItems(doc.value("datenmodelle", nlohmann::json::array()));
  m["SCHNITTSTELLEN"] = stringItems(doc.value("schnittstellen", nlohmann::json::array()));
  m["FACHVERFAHREN"] = stringItems(doc.value("fachverfahren", nlohmann::json::array()));
  m["PARTNERS"] = stringItems(doc.value("govtech_partner", nlohmann::json::array()));
  auto pb = doc.value("personenbezug", nlohmann::json::object());
  if (pb.value("betroffen", false)) {
    m["PERSONAL_YES"] = {{"KATEGORIEN", stringItems(pb.value("kategorien", nlohmann::json::array()))},
                         {"RECHTSGRUNDLAGE", str(pb, "rechtsgrundlage")}};
  } else {
    m["PERSONAL_NO"] = true;
  }
  auto a = doc.value("aufwand", nlohmann::json::object());
  auto effort = nlohmann::json::array();
  auto addEffort = [&](const char* label, const char* key, const std::string& unit) {
    if (a.contains(key) && !a[key].is_null() && !(a[key].is_string() && a[key].get<std::string>().empty())) {
      effort.push_back({{"LABEL", label}, {"VALUE", germanNumber(a[key]) + unit}});
    }
  };
  addEffort("Personentage", "personentage", "");
  addEffort("Dauer", "dauer_monate", " Monate");
  addEffort("Kosten einmalig", "kosten_einmalig_eur", " €");
  addEffort("Kosten laufend", "kosten_laufend_eur_jahr", " € pro Jahr");
  addEffort("Beschaffung", "beschaffung", "");
  m["EFFORT"] = effort;
  auto reuse = nlohmann::json::array();
  for (const auto& n : doc.value("nachnutzungen", nlohmann::json::array())) {
    nlohmann::json item = {{"NAME", str(n, "name")}, {"DATUM", strings::germanDate(str(n, "datum"))}};
    if (!str(n, "ags").empty()) item["LINK"] = {{"AGS", str(n, "ags")}};
    else item["NOLINK"] = true;
    reuse.push_back(item);
  }
  m["REUSES"] = reuse;
  if (contactsVisible) {
    auto contacts = nlohmann::json::array();
    for (const auto& c : doc.value("kontakte", nlohmann::json::array())) {
      contacts.push_back({{"NAME", str(c, "name")}, {"ROLLE", str(c, "rolle")}, {"EMAIL", str(c, "email")}});
    }
    if (contacts.empty()) m["CONTACTS_NONE"] = true;
    else m["CONTACTS"] = contacts;
  } else {
    m["CONTACTS_LOGIN"] = true;
  }
  return m;
}

nlohmann::json facetModel(const SearchResult& result, const SearchParams& params) {
  auto list = nlohmann::json::array();
  for (const auto& [key, counts] : result.facets) {
    if (counts.empty()) continue;
    std::string label;
    for (const auto& f : facets()) {
      if (key == f.key) label = f.label;
    }
    auto values = nlohmann::json::array();
    int n = 0;
    for (const auto& c : counts) {
      nlohmann::json v = {{"F_KEY", key}, {"F_VALUE", c.value}, {"F_LABEL", c.label}, {"F_COUNT", std::to_string(c.count)},
                          {"F_ID", "f-" + key + "-" + std::to_string(++n)}};
      if (c.selected) v["F_CHECKED"] = true;
      values.push_back(v);
    }
    // Selected values that no longer match anything stay visible, so they can be unticked.
    if (auto it = params.filters.find(key); it != params.filters.end()) {
      for (const auto& value : it->second) {
        bool shown = std::any_of(counts.begin(), counts.end(), [&](const FacetCount& c) { return c.value == value; });
        if (!shown) {
          values.push_back({{"F_KEY", key}, {"F_VALUE", value}, {"F_LABEL", facetValueLabel(key, value)}, {"F_COUNT", "0"},
                            {"F_ID", "f-" + key + "-" + std::to_string(++n)}, {"F_CHECKED", true}});
        }
      }
    }
    list.push_back({{"FACET_KEY", key}, {"FACET_LABEL", label}, {"FACET_VALUES", values}});
  }
  return list;
}

nlohmann::json useCaseRows(const std::vector<UseCase>& list) {
  auto rows = nlohmann::json::array();
  for (const auto& u : list) {
    nlohmann::json row = {{"R_SLUG", u.slug}, {"R_TITLE", u.draft.value("title", u.title)}, {"R_STATE", stateLabel(u.state)},
                          {"R_UPDATED", strings::formatUnixTime(u.draft_updated_at, "%d.%m.%Y")}};
    if (!u.seed_conflict.empty()) row["R_CONFLICT"] = {{"TEXT", u.seed_conflict}};
    if (u.state == State::kInPruefung) row["R_REVIEW"] = true;
    rows.push_back(row);
  }
  return rows;
}

// Word diff as template sections SAME / ADDED (<ins>) / REMOVED (<del>).
nlohmann::json diffModel(const std::vector<textdiff::DiffPart>& parts) {
  auto list = nlohmann::json::array();
  for (const auto& p : parts) {
    const char* kind = p.change == textdiff::Change::kSame ? "SAME" : p.change == textdiff::Change::kAdded ? "ADDED" : "REMOVED";
    list.push_back({{kind, {{"TEXT", p.text}}}});
  }
  return list;
}

http::FormLimits useCaseFormLimits() {
  // Generous transport limits so an oversized draft reaches the service, which refuses it with a
  // clear message and shows the form again with everything typed.
  return http::FormLimits{400, 900 * 1024};
}

// Where "Nachnutzen / Interesse bekunden" posts to. Today it registers interest; the project
// workspace (a later issue) replaces this one function to start a project from the use case.
std::string reuseActionFor(const std::string& slug) { return "/use-cases/" + slug + "/interesse"; }

}  // namespace

void registerRoutes(http::Router& router, app::AppContext& ctx) {
  auto service = std::make_shared<UseCaseService>(*ctx.db, *ctx.clock, *ctx.mailer, ctx.config.effectiveBaseUrl());
  registerApiRoutes(router, ctx, service);

  router.get("/use-cases", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    web::Page page{"Use Cases", "library/list.tpl"};
    page.nav = "NAV_USECASES";
    page.crumbs = {{"Use Cases", ""}};
    auto params = searchParamsFromQuery(req.query);
    if (!params) return web::errorResponse(ctx, req, params.error());
    auto fit = service->fitProfile(who);
    auto result = service->search(who, *params);
    if (!result) {
      page.status = 422;
      page.model["SEARCH_ERROR"] = {{"MESSAGE", result.error().fields.empty() ? result.error().message : result.error().fields.front().message}};
      params->sort = "relevanz";
      params->page = 1;
      params->per_page = 20;
      params->fit_only = false;
      result = service->search(who, *params);
      if (!result) return web::errorResponse(ctx, req, result.error());
    }
    page.model["FIELD_Q_VALUE"] = params->q;
    page.model["SORT_" + params->sort] = true;
    if (params->per_page != 20) page.model["PER_PAGE"] = {{"VALUE", std::to_string(params->per_page)}};
    if (fit) {
      page.model["FIT"] = {{"KOMMUNE", fit->kommune_name}};
      if (params->fit_only) page.model["FIT_CHECKED"] = true;
    }
    page.model["FACETS"] = facetModel(*result, *params);
    page.model["TOTAL"] = std::to_string(result->total);
    if (result->total == 1) page.model["TOTAL_ONE"] = true;
    else page.model["TOTAL_MANY"] = true;
    if (!params->q.empty()) page.model["QUERY"] = {{"TEXT", params->q}};
    if (result->any_word) page.model["ANY_WORD"] = true;
    if (result->total == 0) page.model["NO_RESULTS"] = true;
    auto items = nlohmann::json::array();
    for (const auto& item : result->items) {
      nlohmann::json row = {{"I_SLUG", item.slug}, {"I_TITLE", item.title}, {"I_SUMMARY", item.summary}};
      auto snippet = nlohmann::json::array();
      for (const auto& part : item.snippet) snippet.push_back(part.hit ? nlohmann::json{{"HIT", {{"TEXT", part.text}}}} : nlohmann::json{{"PLAIN", {{"TEXT", part.text}}}});
      if (!snippet.empty()) row["SNIPPET"] = {{"PARTS", snippet}};
      auto badges = nlohmann::json::array();
      for (const char* facet : {"themenfeld", "status"}) {
        if (auto it = item.facets.find(facet); it != item.facets.end()) {
          for (const auto& v : it->second) badges.push_back({{"TEXT", facetValueLabel(facet, v)}});
        }
      }
      row["BADGES"] = badges;
      if (item.replication_count > 0) row["REPLICATIONS"] = {{"COUNT", std::to_string(item.replication_count)}};
      if (item.interest_count > 0) row["INTERESTS"] = {{"COUNT", std::to_string(item.interest_count)}};
      auto reasons = nlohmann::json::array();
      for (const auto& r : item.fit_reasons) reasons.push_back({{"TEXT", r}});
      if (item.fit_reasons.size() >= 2) row["FIT_REASONS"] = {{"REASONS", reasons}};
      items.push_back(row);
    }
    page.model["ITEMS"] = items;
    // Pagination links keep every filter.
    int64_t pages = (result->total + result->per_page - 1) / result->per_page;
    if (pages > 1) {
      auto link = [&](int64_t n) {
        auto p = *params;
        p.page = n;
        return "/use-cases?" + searchQueryString(p);
      };
      nlohmann::json pager = {{"PAGE", std::to_string(result->page)}, {"PAGES", std::to_string(pages)}};
      if (result->page > 1) pager["PREV"] = {{"URL", link(result->page - 1)}};
      if (result->page < pages) pager["NEXT"] = {{"URL", link(result->page + 1)}};
      page.model["PAGER"] = pager;
    }
    auto apiParams = *params;
    page.model["API_URL"] = "/api/v1/use-cases?" + searchQueryString(apiParams);
    if (who.loggedIn()) page.model["CAN_SUBMIT"] = true;
    else page.model["SUBMIT_LOGIN"] = true;
    if (who.atLeast(auth::PlatformRole::kRedaktion)) page.model["IS_REDAKTION"] = true;
    return web::render(ctx, req, std::move(page));
  });

  auto renderForm = [&ctx](http::Request& req, const std::string& action, const nlohmann::json& doc,
                           const std::vector<FieldError>& errors, const std::string& message, int status, bool preview,
                           const std::string& slug, const std::vector<Comment>& comments) {
    bool isNew = slug.empty();
    web::Page page{isNew ? "Use Case einreichen" : "Use Case bearbeiten", "library/form.tpl"};
    page.nav = "NAV_USECASES";
    page.status = status;
    page.crumbs = {{"Use Cases", "/use-cases"}};
    if (!isNew) page.crumbs.push_back({str(doc, "title"), "/use-cases/" + slug});
    page.crumbs.push_back({isNew ? "Einreichen" : "Bearbeiten", ""});
    page.model.update(formModel(doc, errors));
    page.model["FORM_ACTION"] = action;
    page.model[isNew ? "IS_NEW" : "IS_EDIT"] = true;
    if (!message.empty()) page.model["FORM_MESSAGE"] = {{"TEXT", message}};
    if (preview) page.model["PREVIEW"] = documentModel(doc, true);
    auto list = nlohmann::json::array();
    for (const auto& c : comments) {
      std::string heading = c.section == "allgemein" ? "Allgemein" : c.section;
      for (const auto& s : sections()) {
        if (c.section == s.key) heading = s.heading;
      }
      list.push_back({{"C_SECTION", heading}, {"C_BODY", c.body}, {"C_AUTHOR", c.author_name},
                      {"C_DATE", strings::formatUnixTime(c.created_at, "%d.%m.%Y")}});
    }
    page.model["COMMENTS"] = list;
    return web::render(ctx, req, std::move(page));
  };

  router.get("/use-cases/neu", [&ctx, renderForm](http::Request& req) {
    if (!web::principal(req).loggedIn()) {
      return web::errorResponse(ctx, req, Error{ErrorCode::kUnauthenticated, "Bitte melden Sie sich an, um einen Use Case einzureichen."});
    }
    nlohmann::json doc = {{"sections", {{"nutzen", "### Für Mitarbeitende\n\n### Für Bürgerinnen und Bürger\n\n### Für die Politik\n"}}}};
    return renderForm(req, "/use-cases", doc, {}, "", 200, false, "", {});
  });

  // Saving, previewing and submitting share one handler per form; "action" says which button.
  auto handleFormPost = [&ctx, service, renderForm](http::Request& req, const std::string& slug) {
    auto form = web::readForm(ctx, req, useCaseFormLimits());
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto& who = web::principal(req);
    if (!who.loggedIn()) {
      return web::errorResponse(ctx, req, Error{ErrorCode::kUnauthenticated, "Bitte melden Sie sich an, um einen Use Case einzureichen."});
    }
    auto doc = documentFromForm(*form);
    auto action = form->value("action");
    std::string formAction = slug.empty() ? "/use-cases" : "/use-cases/" + slug + "/bearbeiten";
    std::vector<Comment> comments;
    if (!slug.empty()) {
      auto view = service->detail(who, slug);
      if (!view) return web::errorResponse(ctx, req, view.error());
      if (!view->can_edit) return web::errorResponse(ctx, req, Error{ErrorCode::kForbidden, "Sie dürfen diesen Use Case nicht bearbeiten."});
      comments = view->comments;
    }
    if (action == "vorschau") {
      auto errors = service->validate(doc, false);
      return renderForm(req, formAction, doc, errors, "Vorschau: So sieht Ihr Use Case aus. Noch ist nichts gespeichert.", 200, true, slug,
                        comments);
    }
    auto saved = slug.empty() ? service->create(who, doc) : service->update(who, slug, doc);
    if (!saved) {
      const auto& e = saved.error();
      if (e.code != ErrorCode::kInvalidInput && e.code != ErrorCode::kPayloadTooLarge) return web::errorResponse(ctx, req, e);
      // Nothing is lost: the same form comes back with every value and the reasons.
      return renderForm(req, formAction, doc, e.fields, e.message, e.code == ErrorCode::kPayloadTooLarge ? 413 : 422, false, slug,
                        comments);
    }
    if (action == "einreichen") {
      auto submitted = service->submit(who, saved->slug);
      if (!submitted) {
        const auto& e = submitted.error();
        if (e.code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, e);
        return renderForm(req, "/use-cases/" + saved->slug + "/bearbeiten", doc, e.fields,
                          "Ihr Entwurf ist gespeichert. Zum Einreichen fehlt noch etwas: " + e.message, 422, false, saved->slug, comments);
      }
      web::flash(ctx, req, "use_case_eingereicht");
    } else {
      web::flash(ctx, req, "use_case_gespeichert");
    }
    return http::Response::redirect("/use-cases/" + saved->slug);
  };

  router.post("/use-cases", [handleFormPost](http::Request& req) { return handleFormPost(req, ""); });

  router.get("/use-cases/meine", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    if (!who.loggedIn()) return web::errorResponse(ctx, req, Error{ErrorCode::kUnauthenticated, "Bitte melden Sie sich an."});
    web::Page page{"Meine Use Cases", "library/mine.tpl"};
    page.nav = "NAV_USECASES";
    page.crumbs = {{"Use Cases", "/use-cases"}, {"Meine Use Cases", ""}};
    auto rows = useCaseRows(service->mine(who));
    if (rows.empty()) page.model["NONE"] = true;
    page.model["ROWS"] = rows;
    return web::render(ctx, req, std::move(page));
  });

  router.get("/redaktion/use-cases", [&ctx, service](http::Request& req) {
    auto queue = service->reviewQueue(web::principal(req));
    if (!queue) return web::errorResponse(ctx, req, queue.error());
    auto conflicts = service->seedConflicts(web::principal(req));
    web::Page page{"Use Cases prüfen", "library/queue.tpl"};
    page.crumbs = {{"Redaktion", "/redaktion/antraege"}, {"Use Cases prüfen", ""}};
    auto rows = useCaseRows(*queue);
    if (rows.empty()) page.model["QUEUE_EMPTY"] = true;
    page.model["ROWS"] = rows;
    page.model["CONFLICTS"] = useCaseRows(*conflicts);
    return web::render(ctx, req, std::move(page));
  });

  router.get("/use-cases/{slug}", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    auto view = service->detail(who, req.pathParam("slug"));
    if (!view) return web::errorResponse(ctx, req, view.error());
    const auto& u = view->use_case;
    web::Page page{str(view->document, "title"), "library/detail.tpl"};
    page.nav = "NAV_USECASES";
    page.crumbs = {{"Use Cases", "/use-cases"}, {str(view->document, "title"), ""}};
    page.model.update(documentModel(view->document, view->contacts_visible));
    linkBausteine(*ctx.db, page.model);
    page.model["UC_SLUG"] = u.slug;
    if (view->published) {
      page.model["UC_VERSION"] = {{"NUMBER", std::to_string(view->published->version)},
                                  {"DATE", strings::formatUnixTime(view->published->published_at, "%d.%m.%Y")},
                                  {"COUNT", std::to_string(view->version_count)}};
    }
    if (view->showing_draft) page.model["SHOWING_DRAFT"] = {{"STATE", stateLabel(u.state)}};
    if (u.state == State::kArchiviert) page.model["ARCHIVED"] = true;
    if (view->can_edit || view->can_review) {
      nlohmann::json editor = {{"STATE", stateLabel(u.state)}};
      if (view->can_edit) editor["CAN_EDIT"] = true;
      if (view->can_edit && u.state == State::kEntwurf) editor["CAN_SUBMIT"] = true;
      if (view->can_review && u.state == State::kInPruefung) editor["CAN_REVIEW"] = true;
      if (view->can_review && u.state != State::kArchiviert) editor["CAN_ARCHIVE"] = true;
      if (view->can_review && u.state == State::kArchiviert) editor["CAN_RESTORE"] = true;
      if (u.published_version && u.state != State::kVeroeffentlicht && u.state != State::kArchiviert) editor["PENDING_CHANGES"] = true;
      if (!view->comments.empty()) editor["HAS_COMMENTS"] = {{"COUNT", std::to_string(view->comments.size())}};
      if (!u.seed_conflict.empty()) editor["SEED_CONFLICT"] = {{"TEXT", u.seed_conflict}};
      page.model["EDITOR"] = editor;
    }
    page.model["INTEREST_COUNT"] = std::to_string(view->interest_count);
    auto interested = nlohmann::json::array();
    for (const auto& i : view->public_interests) interested.push_back({{"NAME", i.organisation_name}, {"ORG_ID", std::to_string(i.organisation_id)}});
    page.model["INTERESTED"] = interested;
    if (!who.loggedIn()) {
      page.model["INTEREST_LOGIN"] = {{"LOGIN_URL", "/anmelden?weiter=" + strings::percentEncode(req.path)}};
    } else if (view->my_interest_org) {
      page.model["INTEREST_REGISTERED"] = {{"REUSE_ACTION", reuseActionFor(u.slug)}};
    } else if (view->can_register_interest) {
      auto orgs = nlohmann::json::array();
      for (const auto& [id, name] : view->my_organisations) orgs.push_back({{"ORG_ID", std::to_string(id)}, {"ORG_NAME", name}});
      nlohmann::json form = {{"ORGS", orgs}, {"REUSE_ACTION", reuseActionFor(u.slug)}};
      if (orgs.size() == 1) form["ONE_ORG"] = {{"ORG_ID", std::to_string(view->my_organisations.front().first)}, {"ORG_NAME", view->my_organisations.front().second}};
      else form["MANY_ORGS"] = {{"ORGS", orgs}};
      page.model["INTEREST_FORM"] = form;
    } else if (u.listed) {
      page.model["INTEREST_NO_ORG"] = true;
    }
    auto reasons = nlohmann::json::array();
    for (const auto& r : view->fit_reasons) reasons.push_back({{"TEXT", r}});
    page.model["FIT_REASONS"] = reasons;
    auto related = nlohmann::json::array();
    for (const auto& r : view->related) related.push_back({{"R_SLUG", r.slug}, {"R_TITLE", r.title}, {"R_SUMMARY", r.summary}});
    page.model["RELATED"] = related;
    return web::render(ctx, req, std::move(page));
  });

  router.get("/use-cases/{slug}/bearbeiten", [&ctx, service, renderForm](http::Request& req) {
    auto& who = web::principal(req);
    if (!who.loggedIn()) return web::errorResponse(ctx, req, Error{ErrorCode::kUnauthenticated, "Bitte melden Sie sich an."});
    auto view = service->detail(who, req.pathParam("slug"));
    if (!view) return web::errorResponse(ctx, req, view.error());
    if (!view->can_edit) return web::errorResponse(ctx, req, Error{ErrorCode::kForbidden, "Sie dürfen diesen Use Case nicht bearbeiten."});
    std::string message;
    if (view->use_case.state == State::kInPruefung) {
      message = "Dieser Use Case ist in Prüfung. Wenn Sie jetzt speichern, geht er zurück in den Entwurf und muss neu eingereicht werden.";
    } else if (view->use_case.state == State::kVeroeffentlicht) {
      message = "Ihre Änderungen werden als Entwurf gespeichert. Die veröffentlichte Fassung bleibt sichtbar, bis die Redaktion die neue freigibt.";
    }
    return renderForm(req, "/use-cases/" + view->use_case.slug + "/bearbeiten", view->use_case.draft, {}, message, 200, false,
                      view->use_case.slug, view->comments);
  });

  router.post("/use-cases/{slug}/bearbeiten", [handleFormPost](http::Request& req) { return handleFormPost(req, req.pathParam("slug")); });

  router.post("/use-cases/{slug}/einreichen", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto slug = req.pathParam("slug");
    auto result = service->submit(web::principal(req), slug);
    if (!result) {
      if (result.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, result.error());
      web::flash(ctx, req, "use_case_unvollstaendig");
      return http::Response::redirect("/use-cases/" + strings::percentEncode(slug) + "/bearbeiten");
    }
    web::flash(ctx, req, "use_case_eingereicht");
    return http::Response::redirect("/use-cases/" + strings::percentEncode(slug));
  });

  router.get("/use-cases/{slug}/pruefen", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    if (!who.atLeast(auth::PlatformRole::kRedaktion)) {
      return web::errorResponse(ctx, req, Error{who.loggedIn() ? ErrorCode::kForbidden : ErrorCode::kUnauthenticated, "Nur die Redaktion prüft Use Cases."});
    }
    auto view = service->detail(who, req.pathParam("slug"));
    if (!view) return web::errorResponse(ctx, req, view.error());
    const auto& u = view->use_case;
    web::Page page{"Prüfen: " + str(u.draft, "title"), "library/review.tpl"};
    page.crumbs = {{"Redaktion", "/redaktion/use-cases"}, {str(u.draft, "title"), "/use-cases/" + u.slug}, {"Prüfen", ""}};
    page.model.update(documentModel(u.draft, true));
    page.model["UC_SLUG"] = u.slug;
    page.model["STATE"] = stateLabel(u.state);
    if (u.state == State::kInPruefung) page.model["CAN_DECIDE"] = true;
    else page.model["NOT_IN_REVIEW"] = true;
    // One comment field per section, plus general remarks.
    auto fields = nlohmann::json::array({{{"CF_KEY", "allgemein"}, {"CF_LABEL", "Allgemein"}}, {{"CF_KEY", "angaben"}, {"CF_LABEL", "Angaben (Themenfeld, Status, Kennzahlen, Projektweg …)"}}});
    for (const auto& s : sections()) fields.push_back({{"CF_KEY", s.key}, {"CF_LABEL", s.heading}});
    page.model["COMMENT_FIELDS"] = fields;
    if (u.published_version) {
      page.model["PUBLISHED_DIFF"] = true;
      auto current = service->version(who, u.slug, *u.published_version);
      if (current) {
        auto diffSections = nlohmann::json::array();
        for (const auto& s : sections()) {
          auto before = current->document.contains("sections") ? str(current->document["sections"], s.key) : "";
          auto after = u.draft.contains("sections") ? str(u.draft["sections"], s.key) : "";
          if (before == after) continue;
          diffSections.push_back({{"D_HEADING", s.heading}, {"PARTS", diffModel(textdiff::diffWords(before, after))}});
        }
        page.model["CHANGES"] = diffSections;
        if (diffSections.empty()) page.model["NO_SECTION_CHANGES"] = true;
      }
    }
    auto comments = nlohmann::json::array();
    for (const auto& c : view->comments) {
      comments.push_back({{"C_SECTION", c.section}, {"C_BODY", c.body}, {"C_AUTHOR", c.author_name},
                          {"C_DATE", strings::formatUnixTime(c.created_at, "%d.%m.%Y")}});
    }
    page.model["COMMENTS"] = comments;
    return web::render(ctx, req, std::move(page));
  });

  router.post("/use-cases/{slug}/pruefen", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto slug = req.pathParam("slug");
    auto& who = web::principal(req);
    if (form->value("decision") == "veroeffentlichen") {
      auto version = service->publish(who, slug, form->value("note"));
      if (!version) return web::errorResponse(ctx, req, version.error());
      web::flash(ctx, req, "use_case_veroeffentlicht");
      return http::Response::redirect("/use-cases/" + strings::percentEncode(slug));
    }
    std::vector<std::pair<std::string, std::string>> comments;
    for (const auto& [name, value] : form->fields) {
      if (strings::startsWith(name, "comment_")) comments.emplace_back(name.substr(8), value);
    }
    auto result = service->requestChanges(who, slug, comments);
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, "use_case_aenderungen");
    return http::Response::redirect("/redaktion/use-cases");
  });

  router.get("/use-cases/{slug}/archivieren", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    if (!who.atLeast(auth::PlatformRole::kRedaktion)) {
      return web::errorResponse(ctx, req, Error{who.loggedIn() ? ErrorCode::kForbidden : ErrorCode::kUnauthenticated, "Nur die Redaktion archiviert Use Cases."});
    }
    auto view = service->detail(who, req.pathParam("slug"));
    if (!view) return web::errorResponse(ctx, req, view.error());
    web::Page page{"Use Case archivieren", "library/archive.tpl"};
    page.crumbs = {{"Use Cases", "/use-cases"}, {view->use_case.title, "/use-cases/" + view->use_case.slug}, {"Archivieren", ""}};
    page.model["UC_SLUG"] = view->use_case.slug;
    page.model["UC_TITLE"] = view->use_case.title;
    return web::render(ctx, req, std::move(page));
  });

  router.post("/use-cases/{slug}/archivieren", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto result = service->archive(web::principal(req), req.pathParam("slug"));
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, "use_case_archiviert");
    return http::Response::redirect("/use-cases/" + strings::percentEncode(result->slug));
  });

  router.post("/use-cases/{slug}/wiederherstellen", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto result = service->restore(web::principal(req), req.pathParam("slug"));
    if (!result) return web::errorResponse(ctx, req, result.error());
    web::flash(ctx, req, "use_case_wiederhergestellt");
    return http::Response::redirect("/use-cases/" + strings::percentEncode(result->slug));
  });

  router.post("/use-cases/{slug}/interesse", [&ctx, service](http::Request& req) {
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto slug = req.pathParam("slug");
    auto& who = web::principal(req);
    std::optional<int64_t> org;
    if (auto raw = form->get("organisation_id"); raw && !raw->empty()) org = strings::parseInt(*raw);
    if (form->value("action") == "zuruecknehmen") {
      auto result = service->withdrawInterest(who, slug, org);
      if (!result) return web::errorResponse(ctx, req, result.error());
      web::flash(ctx, req, "interesse_zurueckgenommen");
    } else {
      auto result = service->registerInterest(who, slug, org, form->value("public") == "1");
      if (!result) return web::errorResponse(ctx, req, result.error());
      web::flash(ctx, req, "interesse_eingetragen");
    }
    return http::Response::redirect("/use-cases/" + strings::percentEncode(slug) + "#nachnutzen");
  });

  router.get("/use-cases/{slug}/versionen", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    auto view = service->detail(who, req.pathParam("slug"));
    if (!view) return web::errorResponse(ctx, req, view.error());
    auto list = service->versions(who, view->use_case.slug);
    web::Page page{"Versionen: " + view->use_case.title, "library/versions.tpl"};
    page.nav = "NAV_USECASES";
    page.crumbs = {{"Use Cases", "/use-cases"}, {view->use_case.title, "/use-cases/" + view->use_case.slug}, {"Versionen", ""}};
    page.model["UC_SLUG"] = view->use_case.slug;
    page.model["UC_TITLE"] = view->use_case.title;
    auto rows = nlohmann::json::array(), from = nlohmann::json::array(), to = nlohmann::json::array();
    for (size_t i = 0; i < list->size(); ++i) {
      const auto& v = (*list)[i];
      auto number = std::to_string(v.version);
      rows.push_back({{"V_NUMBER", number}, {"V_DATE", strings::formatUnixTime(v.published_at, "%d.%m.%Y")},
                      {"V_BY", v.published_by ? v.published_by_name : "Import aus dem Repository"}, {"V_NOTE", v.note}});
      nlohmann::json f = {{"V_NUMBER", number}}, t = {{"V_NUMBER", number}};
      if (i == 1) f["V_SELECTED"] = true;
      if (i == 0) t["V_SELECTED"] = true;
      from.push_back(f);
      to.push_back(t);
    }
    page.model["VERSIONS"] = rows;
    if (list->size() > 1) page.model["COMPARE"] = {{"FROM", from}, {"TO", to}};
    return web::render(ctx, req, std::move(page));
  });

  router.get("/use-cases/{slug}/versionen/{version}", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    auto number = strings::parseInt(req.pathParam("version"));
    auto v = number ? service->version(who, req.pathParam("slug"), *number)
                    : Result<Version>(fail(ErrorCode::kNotFound, "Diese Version gibt es nicht."));
    if (!v) return web::errorResponse(ctx, req, v.error());
    auto slug = req.pathParam("slug");
    web::Page page{v->title + " (Version " + std::to_string(v->version) + ")", "library/detail.tpl"};
    page.nav = "NAV_USECASES";
    page.crumbs = {{"Use Cases", "/use-cases"}, {v->title, "/use-cases/" + slug}, {"Versionen", "/use-cases/" + slug + "/versionen"},
                   {"Version " + std::to_string(v->version), ""}};
    page.model.update(documentModel(v->document, who.loggedIn()));
    linkBausteine(*ctx.db, page.model);
    page.model["UC_SLUG"] = slug;
    page.model["OLD_VERSION"] = {{"NUMBER", std::to_string(v->version)}, {"DATE", strings::formatUnixTime(v->published_at, "%d.%m.%Y")}};
    return web::render(ctx, req, std::move(page));
  });

  router.get("/use-cases/{slug}/vergleich", [&ctx, service](http::Request& req) {
    auto& who = web::principal(req);
    auto from = strings::parseInt(req.queryParam("von").value_or(""));
    auto to = strings::parseInt(req.queryParam("bis").value_or(""));
    if (!from || !to) return web::errorResponse(ctx, req, Error{ErrorCode::kInvalidInput, "Bitte wählen Sie zwei Versionen zum Vergleich."});
    auto d = service->diff(who, req.pathParam("slug"), *from, *to);
    if (!d) return web::errorResponse(ctx, req, d.error());
    auto slug = req.pathParam("slug");
    web::Page page{"Vergleich Version " + std::to_string(*from) + " und " + std::to_string(*to), "library/diff.tpl"};
    page.nav = "NAV_USECASES";
    page.crumbs = {{"Use Cases", "/use-cases"}, {d->to.title, "/use-cases/" + slug}, {"Versionen", "/use-cases/" + slug + "/versionen"}, {"Vergleich", ""}};
    page.model["UC_SLUG"] = slug;
    page.model["FROM"] = std::to_string(d->from.version);
    page.model["TO"] = std::to_string(d->to.version);
    auto list = nlohmann::json::array();
    for (const auto& s : d->sections) {
      nlohmann::json item = {{"D_HEADING", s.heading}};
      if (s.changed) item["D_CHANGED"] = {{"PARTS", diffModel(s.parts)}};
      else item["D_UNCHANGED"] = true;
      list.push_back(item);
    }
    page.model["DIFF_SECTIONS"] = list;
    return web::render(ctx, req, std::move(page));
  });
}

}  // namespace opgv::library
