#pragma once
// Decoding of application/x-www-form-urlencoded bodies and query strings. Rejects broken
// percent escapes and invalid UTF-8 so that nothing downstream has to cope with them.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace opgv::http {

struct FormLimits {
  size_t max_fields = 200;
  size_t max_value_bytes = 256 * 1024;
};

class FormData {
 public:
  std::vector<std::pair<std::string, std::string>> fields;

  std::optional<std::string> get(std::string_view name) const;
  std::string value(std::string_view name) const;  // "" if absent
  std::vector<std::string> all(std::string_view name) const;
};

Result<FormData> parseUrlEncoded(std::string_view body, const FormLimits& limits = {});

struct ContentType {
  std::string media_type;  // lower-cased, e.g. "application/json"
  std::string charset;     // lower-cased, may be empty
  std::string boundary;
};

ContentType parseContentType(std::string_view value);

// Splits a request target into a decoded path and the raw query. Rejects targets that are not
// origin-form, contain NUL or control characters, invalid UTF-8, or try to climb above the root.
Result<std::pair<std::string, std::string>> parseRequestTarget(std::string_view target);

}  // namespace opgv::http
