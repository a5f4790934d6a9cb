#pragma once
#include <functional>

#include "http/request.h"
#include "http/response.h"

namespace opgv::http {

using Handler = std::function<Response(Request&)>;
// A middleware wraps the rest of the chain; it may answer itself or call `next`.
using Middleware = std::function<Response(Request&, const Handler& next)>;

Handler chain(const std::vector<Middleware>& middlewares, Handler last);

}  // namespace opgv::http
