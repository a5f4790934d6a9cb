#pragma once
// The single mapping from ErrorCode to HTTP status, and RFC 9457 problem+json bodies.
#include "common/result.h"
#include "http/response.h"

namespace opgv::http {

int statusFor(ErrorCode code);
const char* defaultTitle(int status);
Response problem(int status, const std::string& detail, const std::vector<FieldError>& fields = {},
                 const std::string& instance = {});
Response problem(const Error& error, const std::string& instance = {});

}  // namespace opgv::http
