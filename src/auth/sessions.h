#pragma once
#include <optional>
#include <string>

#include "auth/principal.h"
#include "common/clock.h"
#include "db/db.h"

namespace opgv::auth {

// Server-side sessions and personal API tokens. Only BLAKE2b hashes of tokens are stored, so a
// copy of the database does not contain usable credentials.
class SessionStore {
 public:
  static constexpr int64_t kSessionLifetimeSeconds = 8 * 3600;  // a working day, sliding
  SessionStore(db::Database& database, const Clock& clock) : db_(database), clock_(clock) {}

  // Returns the raw token for the cookie.
  std::string create(int64_t userId);
  std::optional<Principal> resolveSession(const std::string& rawToken);
  std::optional<Principal> resolveApiToken(const std::string& rawToken);
  void destroy(const std::string& tokenHash);
  void destroyAllForUser(int64_t userId);

 private:
  db::Database& db_;
  const Clock& clock_;
};

// Synchronizer tokens derived from a server secret: token = keyed hash(secret, binding). The
// binding is the session hash when logged in, otherwise a random per-browser cookie value, so
// guests' forms (login, registration) are protected without creating sessions for every visitor.
class Csrf {
 public:
  explicit Csrf(std::string secret) : secret_(std::move(secret)) {}
  std::string tokenFor(const std::string& binding) const;
  bool valid(const std::string& binding, const std::string& token) const;

 private:
  std::string secret_;
};

// Loads or creates the installation secret (shared by all instances through the database).
std::string loadOrCreateSecret(db::Database& database);

}  // namespace opgv::auth
