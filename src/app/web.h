#pragma once
// Request-scoped helpers shared by all HTML and API handlers: who is asking, CSRF, flash
// messages, forms that keep their values across Post/Redirect/Get, and rendering in the layout.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "auth/principal.h"
#include "common/result.h"
#include "http/form.h"
#include "http/multipart.h"
#include "http/request.h"
#include "http/response.h"

namespace opgv::web {

using app::AppContext;

struct RequestState {
  auth::Principal principal;
  std::string csrf_binding;
  std::vector<http::Cookie> cookies;  // added to the response by the session middleware
};

RequestState& state(http::Request& request);
const auth::Principal& principal(http::Request& request);
std::string csrfToken(const AppContext& ctx, http::Request& request);
void setCookie(const AppContext& ctx, http::Request& request, http::Cookie cookie);

// Form bodies: checks the media type (415), UTF-8 and encoding (400) and the CSRF token (403).
Result<http::FormData> readForm(const AppContext& ctx, http::Request& request, const http::FormLimits& limits = {});

// multipart/form-data bodies (forms with a file input): media type (415), structure and limits
// (400/413) and the CSRF token from the form's csrf_token field (403).
Result<http::MultipartForm> readMultipartForm(const AppContext& ctx, http::Request& request);

// JSON bodies for /api/v1: requires application/json (415) and a JSON object (400). Requiring the
// media type also keeps cross-site forms out, so cookie-authenticated API calls need no token.
Result<nlohmann::json> readJson(http::Request& request);
http::Response jsonResponse(int status, const nlohmann::json& body);

struct Page {
  std::string title;
  std::string body_template;
  nlohmann::json model = nlohmann::json::object();
  std::string nav;  // e.g. "NAV_GOVTECHS"
  std::vector<std::pair<std::string, std::string>> crumbs;  // label, url ("" for the current page)
  int status = 200;
};

http::Response render(const AppContext& ctx, http::Request& request, Page page);

// Flash messages are codes (see web.cc), never free text from a cookie.
void flash(const AppContext& ctx, http::Request& request, std::string_view code);

// Keeps `values` (never passwords) and `errors` for the next GET of the same form.
void keepForm(const AppContext& ctx, http::Request& request, const std::string& form, const nlohmann::json& values,
              const std::vector<FieldError>& errors);
// Fills FIELD_<NAME>_VALUE, FIELD_<NAME>_ERROR and FORM_ERRORS into `model` if a kept state exists.
void restoreForm(const AppContext& ctx, http::Request& request, const std::string& form, nlohmann::json& model);

// Maps an error to a response: problem+json for API requests, a page in the layout otherwise
// (401 on a page redirects to the login with a return address).
http::Response errorResponse(const AppContext& ctx, http::Request& request, const Error& error);
http::Response errorPage(const AppContext& ctx, http::Request& request, int status, const std::string& message);

// Redirect target from a form field, accepted only if it is a local path.
std::string safeReturnPath(const std::string& candidate, const std::string& fallback);

}  // namespace opgv::web
