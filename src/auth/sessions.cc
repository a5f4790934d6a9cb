#include "auth/sessions.h"

#include "common/crypto.h"

namespace opgv::auth {
namespace {
constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelectSession =
    "SELECT u.id, u.email, u.display_name, u.platform_role, s.expires_at, s.last_seen_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND u.status = 'active'";
constexpr std::string_view kTouchSession =
    "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = $1";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = $1";
constexpr std::string_view kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at < $1";
constexpr std::string_view kSelectApiToken =
    "SELECT u.id, u.email, u.display_name, u.platform_role, t.id FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "WHERE t.token_hash = $1 AND u.status = 'active'";
constexpr std::string_view kTouchApiToken = "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";
constexpr std::string_view kSelectSecret = "SELECT value FROM settings WHERE key = 'installation_secret'";
constexpr std::string_view kInsertSecret =
    "INSERT INTO settings (key, value) VALUES ('installation_secret', $1) ON CONFLICT (key) DO NOTHING";

Principal principalFromRow(const db::Row& row) {
  Principal p;
  p.user_id = row.i64(0);
  p.email = row.str(1);
  p.display_name = row.str(2);
  p.role = parseRole(row.str(3)).value_or(PlatformRole::kMitglied);
  return p;
}
}  // namespace

std::string SessionStore::create(int64_t userId) {
  auto token = crypto::randomToken();
  auto now = clock_.nowSeconds();
  db_.query(kInsertSession, {crypto::hashToken(token), userId, now, now + kSessionLifetimeSeconds, now});
  // Opportunistic clean-up keeps the table small without a scheduler.
  db_.query(kDeleteExpiredSessions, {now});
  return token;
}

std::optional<Principal> SessionStore::resolveSession(const std::string& rawToken) {
  if (rawToken.empty() || rawToken.size() > 128) return std::nullopt;
  auto hash = crypto::hashToken(rawToken);
  auto rs = db_.query(kSelectSession, {hash});
  if (rs.empty()) return std::nullopt;
  auto now = clock_.nowSeconds();
  const auto& row = rs.first();
  if (row.i64(4) < now) {
    db_.query(kDeleteSession, {hash});
    return std::nullopt;
  }
  // Only write when a minute has passed, so that page views are not all database writes.
  if (now - row.i64(5) >= 60) db_.query(kTouchSession, {now, now + kSessionLifetimeSeconds, hash});
  Principal p = principalFromRow(row);
  p.session_hash = hash;
  return p;
}

std::optional<Principal> SessionStore::resolveApiToken(const std::string& rawToken) {
  if (rawToken.empty() || rawToken.size() > 160) return std::nullopt;
  auto rs = db_.query(kSelectApiToken, {crypto::hashToken(rawToken)});
  if (rs.empty()) return std::nullopt;
  db_.query(kTouchApiToken, {clock_.nowSeconds(), rs.first().i64(4)});
  Principal p = principalFromRow(rs.first());
  p.via_api_token = true;
  return p;
}

void SessionStore::destroy(const std::string& tokenHash) { db_.query(kDeleteSession, {tokenHash}); }

void SessionStore::destroyAllForUser(int64_t userId) { db_.query(kDeleteUserSessions, {userId}); }

std::string Csrf::tokenFor(const std::string& binding) const { return crypto::keyedHash(secret_, "csrf:" + binding); }

bool Csrf::valid(const std::string& binding, const std::string& token) const {
  if (binding.empty() || token.empty()) return false;
  return crypto::constantTimeEquals(tokenFor(binding), token);
}

std::string loadOrCreateSecret(db::Database& database) {
  auto rs = database.query(kSelectSecret);
  if (!rs.empty()) return rs.first().str(0);
  database.query(kInsertSecret, {crypto::randomToken() + crypto::randomToken()});
  return database.query(kSelectSecret).first().str(0);
}

}  // namespace opgv::auth
