#pragma once
// Composition root: everything a feature needs, created once at start-up and passed by reference.
#include <memory>
#include <string>

#include "app/config.h"
#include "auth/rate_limiter.h"
#include "auth/sessions.h"
#include "common/clock.h"
#include "db/db.h"
#include "http/metrics.h"
#include "mail/mailer.h"
#include "view/renderer.h"

namespace opgv::app {

struct AppContext {
  Config config;
  std::string resources;
  std::unique_ptr<Clock> clock;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<view::Renderer> renderer;
  std::unique_ptr<mail::Mailer> mailer;
  std::unique_ptr<auth::SessionStore> sessions;
  std::unique_ptr<auth::Csrf> csrf;
  std::unique_ptr<auth::RateLimiter> login_limiter;  // per IP address and per account
  http::Metrics metrics;
};

}  // namespace opgv::app
