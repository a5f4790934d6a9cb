#pragma once
// Error policy (see docs/architecture.md): expected failures (bad input, not found, conflict,
// missing permission) travel as Result<T>. Exceptions are reserved for bugs and infrastructure
// failures and are caught once, at the request boundary. `message` is German text that is safe
// to show to users; `internal` goes only to the log.
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace opgv {

enum class ErrorCode {
  kMalformed,     // the request itself is broken (encoding, syntax): 400
  kInvalidInput,  // well-formed but fails validation: 422
  kUnauthenticated,
  kForbidden,
  kNotFound,
  kConflict,
  kTooManyRequests,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kUnavailable,
  kInternal,
};

struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string internal;
  std::vector<FieldError> fields;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message, std::string internal = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(internal), {}});
}

inline std::unexpected<Error> invalid(std::vector<FieldError> fields,
                                      std::string message = "Bitte prüfen Sie Ihre Eingaben.") {
  return std::unexpected(Error{ErrorCode::kInvalidInput, std::move(message), {}, std::move(fields)});
}

const char* errorCodeName(ErrorCode code);

}  // namespace opgv
