#include "app/web.h"

#include <map>

#include "common/crypto.h"
#include "common/strings.h"
#include "http/problem.h"

namespace opgv::web {
namespace {

constexpr std::string_view kInsertFormState = "INSERT INTO form_states (id, payload, expires_at) VALUES ($1, $2, $3)";
constexpr std::string_view kTakeFormState = "SELECT payload, expires_at FROM form_states WHERE id = $1";
constexpr std::string_view kDeleteFormState = "DELETE FROM form_states WHERE id = $1 OR expires_at < $2";
constexpr int64_t kFormStateSeconds = 600;

struct FlashText {
  const char* kind;
  const char* text;
};

const std::map<std::string, FlashText, std::less<>>& flashTexts() {
  static const std::map<std::string, FlashText, std::less<>> texts = {
      {"registriert", {"SUCCESS", "Fast geschafft: Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie darin Ihre Adresse."}},
      {"bestaetigt", {"SUCCESS", "Ihre E-Mail-Adresse ist bestätigt. Willkommen auf der OPGV-Plattform!"}},
      {"angemeldet", {"SUCCESS", "Sie sind angemeldet."}},
      {"abgemeldet", {"INFO", "Sie sind abgemeldet."}},
      {"reset_gesendet", {"INFO", "Falls zu dieser Adresse ein Konto besteht, haben wir einen Link zum Zurücksetzen geschickt. Er ist eine Stunde gültig."}},
      {"passwort_geaendert", {"SUCCESS", "Ihr Passwort wurde geändert. Bitte melden Sie sich neu an."}},
      {"link_ungueltig", {"DANGER", "Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an."}},
      {"profil_gespeichert", {"SUCCESS", "Ihre Angaben wurden gespeichert."}},
      {"token_erstellt", {"SUCCESS", "Der API-Token wurde erstellt. Kopieren Sie ihn jetzt: Er wird nur einmal angezeigt."}},
      {"token_geloescht", {"SUCCESS", "Der API-Token wurde widerrufen."}},
      {"konto_geloescht", {"SUCCESS", "Ihr Konto und Ihre Daten wurden gelöscht."}},
      {"darstellung", {"SUCCESS", "Die Darstellung wurde geändert."}},
      {"feedback_danke", {"SUCCESS", "Vielen Dank für Ihre Rückmeldung. Wir antworten innerhalb eines Monats."}},
      {"beitritt_beantragt", {"SUCCESS", "Ihr Beitritt ist beantragt. Die Organisations-Admins werden benachrichtigt."}},
      {"erstadmin_beantragt", {"SUCCESS", "Ihr Antrag ist eingegangen. Die Redaktion prüft ihn und bestätigt Sie als Organisations-Admin."}},
      {"mitglied_bestaetigt", {"SUCCESS", "Die Mitgliedschaft wurde bestätigt."}},
      {"mitglied_abgelehnt", {"INFO", "Der Antrag wurde abgelehnt."}},
      {"antrag_bestaetigt", {"SUCCESS", "Der Antrag wurde bestätigt. Die Organisation ist jetzt aktiv."}},
      {"organisation_angelegt", {"SUCCESS", "Die Organisation wurde angelegt. Die Redaktion prüft sie."}},
      {"rolle_geaendert", {"SUCCESS", "Die Rolle wurde geändert."}},
      {"mitgliedschaft_beendet", {"INFO", "Die Mitgliedschaft wurde beendet."}},
      {"use_case_gespeichert", {"SUCCESS", "Ihr Entwurf ist gespeichert. Sie können ihn weiter bearbeiten oder zur Prüfung einreichen."}},
      {"use_case_eingereicht", {"SUCCESS", "Ihr Use Case ist eingereicht. Die Redaktion prüft ihn und meldet sich per E-Mail."}},
      {"use_case_unvollstaendig", {"DANGER", "Zum Einreichen fehlen noch Angaben. Bitte ergänzen Sie die markierten Felder."}},
      {"use_case_veroeffentlicht", {"SUCCESS", "Der Use Case ist veröffentlicht. Die Einreichenden wurden benachrichtigt."}},
      {"use_case_aenderungen", {"SUCCESS", "Ihre Kommentare sind gespeichert; der Use Case ist zurück bei den Einreichenden."}},
      {"use_case_archiviert", {"SUCCESS", "Der Use Case ist archiviert und nicht mehr in der Bibliothek. Sie können ihn hier wiederherstellen."}},
      {"use_case_wiederhergestellt", {"SUCCESS", "Der Use Case ist wiederhergestellt."}},
      {"datensatz_geloescht", {"SUCCESS", "Der Datensatz mit allen Versionen wurde gelöscht."}},
      {"import_abgebrochen", {"INFO", "Der Import wird abgebrochen."}},
      {"version_uebernommen", {"SUCCESS", "Die fehlerfreien Zeilen wurden übernommen; die übrigen liegen in der Datei der abgelehnten Zeilen."}},
      {"version_verworfen", {"INFO", "Diese Version wurde verworfen; die gespeicherten Zeilen sind gelöscht."}},
      {"interesse_eingetragen", {"SUCCESS", "Das Interesse Ihrer Organisation ist eingetragen."}},
      {"interesse_zurueckgenommen", {"INFO", "Das Interesse Ihrer Organisation ist zurückgenommen."}},
      {"merkliste_gemerkt", {"SUCCESS", "Der Baustein steht auf Ihrer Merkliste."}},
      {"merkliste_entfernt", {"INFO", "Der Baustein ist von Ihrer Merkliste entfernt."}},
      {"checkliste_gespeichert", {"SUCCESS", "Ihr Stand der Checkliste ist gespeichert."}},
      {"baustein_gespeichert", {"SUCCESS", "Der Baustein ist gespeichert; die vorige Fassung bleibt in den Versionen erhalten."}},
  };
  return texts;
}

std::string currentTheme(http::Request& request) {
  auto theme = request.cookie("opgv_theme").value_or("system");
  if (theme != "light" && theme != "dark") theme = "system";
  return theme;
}

}  // namespace

RequestState& state(http::Request& request) {
  if (!request.context.has_value()) request.context = std::make_shared<RequestState>();
  return *std::any_cast<std::shared_ptr<RequestState>&>(request.context);
}

const auth::Principal& principal(http::Request& request) { return state(request).principal; }

void setCookie(const AppContext&, http::Request& request, http::Cookie cookie) {
  cookie.secure = request.secure;
  state(request).cookies.push_back(std::move(cookie));
}

std::string csrfToken(const AppContext& ctx, http::Request& request) {
  auto& st = state(request);
  if (st.csrf_binding.empty()) {
    st.csrf_binding = crypto::randomToken();
    setCookie(ctx, request, http::Cookie{"opgv_csrf", st.csrf_binding, "/", -1, true});
  }
  return ctx.csrf->tokenFor(st.csrf_binding);
}

Result<http::FormData> readForm(const AppContext& ctx, http::Request& request, const http::FormLimits& limits) {
  if (request.mediaType() != "application/x-www-form-urlencoded") {
    return fail(ErrorCode::kUnsupportedMediaType,
                "Das Formular wurde in einem unerwarteten Format gesendet (erwartet: "
                "application/x-www-form-urlencoded).");
  }
  auto form = http::parseUrlEncoded(request.body, limits);
  if (!form) return std::unexpected(form.error());
  auto& st = state(request);
  if (!ctx.csrf->valid(st.csrf_binding, form->value("csrf_token"))) {
    return fail(ErrorCode::kForbidden,
                "Das Formular ist abgelaufen oder wurde nicht von dieser Seite gesendet. Bitte laden Sie "
                "die Seite neu und senden Sie es erneut.",
                "csrf");
  }
  return form;
}

Result<http::MultipartForm> readMultipartForm(const AppContext& ctx, http::Request& request) {
  auto form = http::parseMultipartForm(request.header("content-type").value_or(""), request.body);
  if (!form) return std::unexpected(form.error());
  auto& st = state(request);
  if (!ctx.csrf->valid(st.csrf_binding, form->fields.value("csrf_token"))) {
    return fail(ErrorCode::kForbidden,
                "Das Formular ist abgelaufen oder wurde nicht von dieser Seite gesendet. Bitte laden Sie "
                "die Seite neu und senden Sie es erneut.",
                "csrf");
  }
  return form;
}

Result<nlohmann::json> readJson(http::Request& request) {
  if (request.mediaType() != "application/json") {
    return fail(ErrorCode::kUnsupportedMediaType, "Bitte senden Sie JSON (Content-Type: application/json).");
  }
  if (!strings::isValidUtf8(request.body)) return fail(ErrorCode::kMalformed, "Der Inhalt ist kein gültiges UTF-8.");
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return fail(ErrorCode::kMalformed, "Der Inhalt ist kein gültiges JSON-Objekt.");
  }
  return body;
}

http::Response jsonResponse(int status, const nlohmann::json& body) {
  return http::Response::json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void flash(const AppContext& ctx, http::Request& request, std::string_view code) {
  setCookie(ctx, request, http::Cookie{"opgv_flash", std::string(code), "/", 120, true});
}

void keepForm(const AppContext& ctx, http::Request& request, const std::string& form, const nlohmann::json& values,
              const std::vector<FieldError>& errors) {
  nlohmann::json payload = {{"form", form}, {"values", values}, {"errors", nlohmann::json::array()}};
  for (const auto& e : errors) payload["errors"].push_back({{"field", e.field}, {"message", e.message}});
  auto id = crypto::randomToken();
  ctx.db->query(kInsertFormState, {id, payload.dump(), ctx.clock->nowSeconds() + kFormStateSeconds});
  setCookie(ctx, request, http::Cookie{"opgv_form", id, "/", kFormStateSeconds, true});
}

static std::string fieldKey(const std::string& field) {
  std::string key;
  for (char c : field) key.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return key;
}

void restoreForm(const AppContext& ctx, http::Request& request, const std::string& form, nlohmann::json& model) {
  auto id = request.cookie("opgv_form");
  if (!id || id->empty()) return;
  auto rs = ctx.db->query(kTakeFormState, {*id});
  ctx.db->query(kDeleteFormState, {*id, ctx.clock->nowSeconds()});
  setCookie(ctx, request, http::Cookie{"opgv_form", "", "/", 0, true});
  if (rs.empty() || rs.first().i64(1) < ctx.clock->nowSeconds()) return;
  auto payload = nlohmann::json::parse(rs.first().str(0), nullptr, false);
  if (payload.is_discarded() || payload.value("form", "") != form) return;
  for (const auto& [name, value] : payload["values"].items()) {
    if (value.is_string()) model["FIELD_" + fieldKey(name) + "_VALUE"] = value;
    if (value.is_boolean() && value.get<bool>()) model["FIELD_" + fieldKey(name) + "_CHECKED"] = true;
  }
  auto errors = nlohmann::json::array();
  for (const auto& e : payload["errors"]) {
    auto field = e.value("field", "");
    auto message = e.value("message", "");
    errors.push_back({{"FIELD_ID", field}, {"MESSAGE", message}});
    model["FIELD_" + fieldKey(field) + "_ERROR"] = {{"MESSAGE", message}};
  }
  if (!errors.empty()) model["FORM_ERRORS"] = errors;
}

http::Response render(const AppContext& ctx, http::Request& request, Page page) {
  auto& model = page.model;
  auto& who = principal(request);
  model["PAGE_TITLE"] = page.title + " – OPGV-Plattform";
  auto theme = currentTheme(request);
  model[theme == "light" ? "THEME_LIGHT" : theme == "dark" ? "THEME_DARK" : "THEME_SYSTEM"] = true;
  model["THEME_" + strings::toLowerAscii(theme) + "_CHECKED"] = true;
  model["CSRF_TOKEN"] = csrfToken(ctx, request);
  model["CURRENT_PATH"] = request.path + (request.query.empty() ? "" : "?" + request.query);
  if (!page.nav.empty()) model[page.nav] = true;
  if (who.loggedIn()) {
    nlohmann::json user = {{"USER_NAME", who.display_name}};
    if (who.atLeast(auth::PlatformRole::kRedaktion)) user["IS_REDAKTION"] = true;
    if (who.atLeast(auth::PlatformRole::kAdmin)) user["IS_ADMIN"] = true;
    model["LOGGED_IN"] = user;
  } else {
    model["LOGGED_OUT"] = true;
  }
  if (!page.crumbs.empty()) {
    auto crumbs = nlohmann::json::array();
    crumbs.push_back({{"CRUMB_LABEL", "Startseite"}, {"CRUMB_LINK", {{"CRUMB_URL", "/"}}}});
    for (const auto& [label, url] : page.crumbs) {
      if (url.empty()) {
        crumbs.push_back({{"CRUMB_LABEL", label}, {"CRUMB_CURRENT", true}});
      } else {
        crumbs.push_back({{"CRUMB_LABEL", label}, {"CRUMB_LINK", {{"CRUMB_URL", url}}}});
      }
    }
    model["BREADCRUMBS"] = crumbs;
  }
  if (auto code = request.cookie("opgv_flash"); code && !code->empty()) {
    auto it = flashTexts().find(*code);
    if (it != flashTexts().end()) {
      model["FLASH"] = {{std::string("FLASH_") + it->second.kind, true}, {"FLASH_MESSAGE", it->second.text}};
    }
    setCookie(ctx, request, http::Cookie{"opgv_flash", "", "/", 0, true});
  }
  auto response = http::Response::html(page.status, ctx.renderer->page(page.body_template, model));
  response.setHeader("Cache-Control", "no-store");
  return response;
}

http::Response errorPage(const AppContext& ctx, http::Request& request, int status, const std::string& message) {
  Page page;
  page.status = status;
  page.body_template = "errors/error.tpl";
  std::string title = status == 404   ? "Seite nicht gefunden"
                      : status == 403 ? "Keine Berechtigung"
                      : status >= 500 ? "Interner Fehler"
                                      : http::defaultTitle(status);
  page.title = title;
  page.model["ERROR_STATUS"] = std::to_string(status);
  page.model["ERROR_TITLE"] = title;
  page.model["ERROR_MESSAGE"] = message;
  if (status >= 500 && !request.request_id.empty()) {
    page.model["ERROR_REFERENCE"] = {{"REQUEST_ID", request.request_id}};
  }
  return render(ctx, request, std::move(page));
}

http::Response errorResponse(const AppContext& ctx, http::Request& request, const Error& error) {
  int status = http::statusFor(error.code);
  if (request.wantsJson()) {
    auto response = http::problem(error, request.path);
    if (status == 401) response.setHeader("WWW-Authenticate", "Bearer realm=\"opgv\"");
    return response;
  }
  if (status == 401) {
    // After login, come back to the page the user was on; a POST target cannot be revisited.
    std::string back = request.path;
    if (request.method != http::Method::kGet) {
      auto referer = request.header("referer").value_or("");
      auto hostEnd = referer.find('/', referer.find("://") == std::string::npos ? 0 : referer.find("://") + 3);
      back = safeReturnPath(hostEnd == std::string::npos ? "" : referer.substr(hostEnd), "/");
    }
    return http::Response::redirect("/anmelden?weiter=" + strings::percentEncode(back));
  }
  return errorPage(ctx, request, status, error.message);
}

std::string safeReturnPath(const std::string& candidate, const std::string& fallback) {
  // Only same-site paths: "/x" but not "//host" or "/\host" (browsers treat both as external).
  if (candidate.size() >= 1 && candidate[0] == '/' && (candidate.size() == 1 || (candidate[1] != '/' && candidate[1] != '\\')) &&
      candidate.find_first_of("\r\n") == std::string::npos) {
    return candidate;
  }
  return fallback;
}

}  // namespace opgv::web
