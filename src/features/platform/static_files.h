#pragma once
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace opgv::platform {

// Serves a file below `root`. Rejects anything that would leave the root (symlinks included),
// sets a content type by extension and supports If-None-Match with a cheap ETag.
http::Response serveFile(const std::string& root, const std::string& relativePath, const http::Request& request,
                         const std::string& cacheControl);
std::string contentTypeFor(const std::string& path);

}  // namespace opgv::platform
