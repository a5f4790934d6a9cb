#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace opgv::http {

int statusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed: return 400;
    case ErrorCode::kInvalidInput: return 422;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

const char* defaultTitle(int status) {
  switch (status) {
    case 400: return "Fehlerhafte Anfrage";
    case 401: return "Anmeldung erforderlich";
    case 403: return "Keine Berechtigung";
    case 404: return "Nicht gefunden";
    case 405: return "Methode nicht erlaubt";
    case 409: return "Konflikt";
    case 413: return "Anfrage zu groß";
    case 415: return "Nicht unterstütztes Format";
    case 422: return "Ungültige Eingabe";
    case 429: return "Zu viele Anfragen";
    case 431: return "Kopfzeilen zu groß";
    case 501: return "Nicht unterstützt";
    case 505: return "HTTP-Version nicht unterstützt";
    case 503: return "Dienst nicht verfügbar";
    default: return "Interner Fehler";
  }
}

Response problem(int status, const std::string& detail, const std::vector<FieldError>& fields,
                 const std::string& instance) {
  nlohmann::json body = {{"type", "about:blank"}, {"title", defaultTitle(status)}, {"status", status},
                         {"detail", detail}};
  if (!instance.empty()) body["instance"] = instance;
  if (!fields.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& f : fields) errors.push_back({{"field", f.field}, {"message", f.message}});
  }
  Response r = Response::json(status, body.dump());
  r.setHeader("Content-Type", "application/problem+json");
  // RFC 9110 §15.5.2: a 401 must name the scheme; callers may refine it (error="invalid_token").
  if (status == 401) r.setHeader("WWW-Authenticate", "Bearer realm=\"opgv\"");
  return r;
}

Response problem(const Error& error, const std::string& instance) {
  return problem(statusFor(error.code), error.message, error.fields, instance);
}

}  // namespace opgv::http
