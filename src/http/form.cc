#include "http/form.h"

#include "common/strings.h"

namespace opgv::http {

std::optional<std::string> FormData::get(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string FormData::value(std::string_view name) const { return get(name).value_or(""); }

std::vector<std::string> FormData::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields) {
    if (k == name) out.push_back(v);
  }
  return out;
}

Result<FormData> parseUrlEncoded(std::string_view body, const FormLimits& limits) {
  FormData form;
  if (body.empty()) return form;
  size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      if (form.fields.size() >= limits.max_fields) {
        return fail(ErrorCode::kPayloadTooLarge, "Das Formular enthält zu viele Felder.");
      }
      auto eq = pair.find('=');
      auto rawName = pair.substr(0, eq);
      auto rawValue = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      auto name = strings::percentDecode(rawName, true);
      auto value = strings::percentDecode(rawValue, true);
      if (!name || !value) {
        return fail(ErrorCode::kMalformed,
                    "Die Formulardaten sind fehlerhaft kodiert (ungültige %-Zeichenfolge).");
      }
      if (!strings::isValidUtf8(*name) || !strings::isValidUtf8(*value)) {
        return fail(ErrorCode::kMalformed,
                    "Die Formulardaten enthalten ungültige Zeichen (kein gültiges UTF-8).");
      }
      if (value->size() > limits.max_value_bytes) {
        return fail(ErrorCode::kPayloadTooLarge, "Ein Formularfeld ist zu lang.");
      }
      form.fields.emplace_back(std::move(*name), std::move(*value));
    }
    if (end == body.size()) break;
    start = end + 1;
  }
  return form;
}

ContentType parseContentType(std::string_view value) {
  ContentType ct;
  auto parts = strings::split(value, ';');
  if (parts.empty()) return ct;
  ct.media_type = strings::toLowerAscii(strings::trim(parts[0]));
  for (size_t i = 1; i < parts.size(); ++i) {
    auto param = strings::trim(parts[i]);
    auto eq = param.find('=');
    if (eq == std::string::npos) continue;
    auto key = strings::toLowerAscii(strings::trim(param.substr(0, eq)));
    auto val = strings::trim(param.substr(eq + 1));
    if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
    if (key == "charset") ct.charset = strings::toLowerAscii(val);
    if (key == "boundary") ct.boundary = val;
  }
  return ct;
}

Result<std::pair<std::string, std::string>> parseRequestTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return fail(ErrorCode::kMalformed, "Ungültige Anfrage-Adresse.");
  }
  auto q = target.find('?');
  auto rawPath = target.substr(0, q);
  std::string query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
  auto hash = query.find('#');
  if (hash != std::string::npos) query.resize(hash);
  auto decoded = strings::percentDecode(rawPath, false);
  if (!decoded) return fail(ErrorCode::kMalformed, "Ungültige %-Kodierung in der Adresse.");
  if (!strings::isValidUtf8(*decoded)) {
    return fail(ErrorCode::kMalformed, "Die Adresse enthält ungültige Zeichen.");
  }
  for (unsigned char c : *decoded) {
    if (c < 0x20 || c == 0x7F) return fail(ErrorCode::kMalformed, "Die Adresse enthält Steuerzeichen.");
  }
  for (unsigned char c : query) {
    if (c < 0x20 || c == 0x7F) return fail(ErrorCode::kMalformed, "Die Adresse enthält Steuerzeichen.");
  }
  // Resolve "." and ".." segments; a path may never climb above the root.
  std::vector<std::string> segments;
  for (auto& seg : strings::split(std::string_view(*decoded).substr(1), '/')) {
    if (seg == ".") continue;
    if (seg == "..") {
      if (segments.empty()) return fail(ErrorCode::kMalformed, "Ungültiger Pfad.");
      segments.pop_back();
      continue;
    }
    segments.push_back(seg);
  }
  std::string path;
  for (auto& s : segments) path += "/" + s;
  if (path.empty()) path = "/";
  return std::make_pair(path, query);
}

}  // namespace opgv::http
