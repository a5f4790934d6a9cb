#include "features/accounts/repository.h"

namespace opgv::accounts {
namespace {
constexpr std::string_view kUserColumns =
    "id, email, display_name, password_hash, platform_role, status, created_at, confirmed_at";
const std::string kSelectByEmail = "SELECT " + std::string(kUserColumns) + " FROM users WHERE email = $1";
const std::string kSelectById = "SELECT " + std::string(kUserColumns) + " FROM users WHERE id = $1";
const std::string kSelectPage = "SELECT " + std::string(kUserColumns) + " FROM users ORDER BY id LIMIT $1 OFFSET $2";
constexpr std::string_view kCountUsers = "SELECT COUNT(*) FROM users";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (email, display_name, password_hash, platform_role, status, created_at) "
    "VALUES ($1, $2, $3, 'mitglied', 'pending', $4) RETURNING id";
constexpr std::string_view kActivate = "UPDATE users SET status = 'active', confirmed_at = $1 WHERE id = $2";
constexpr std::string_view kSetPassword = "UPDATE users SET password_hash = $1 WHERE id = $2";
constexpr std::string_view kSetName = "UPDATE users SET display_name = $1 WHERE id = $2";
constexpr std::string_view kSetRole = "UPDATE users SET platform_role = $1 WHERE id = $2";
constexpr std::string_view kDeleteUser = "DELETE FROM users WHERE id = $1";
constexpr std::string_view kInsertEmailToken =
    "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kConsumeEmailToken =
    "UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL "
    "AND expires_at >= $1 RETURNING user_id";
constexpr std::string_view kSelectApiTokens =
    "SELECT id, name, prefix, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY id";
constexpr std::string_view kInsertApiToken =
    "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view kDeleteApiToken = "DELETE FROM api_tokens WHERE id = $1 AND user_id = $2";
constexpr std::string_view kSelectMails =
    "SELECT id, recipient, subject, body, created_at, delivery FROM mails ORDER BY id DESC LIMIT $1";

User userFromRow(const db::Row& r) {
  User u;
  u.id = r.i64(0);
  u.email = r.str(1);
  u.display_name = r.str(2);
  u.password_hash = r.str(3);
  u.role = auth::parseRole(r.str(4)).value_or(auth::PlatformRole::kMitglied);
  u.status = r.str(5);
  u.created_at = r.i64(6);
  u.confirmed_at = r.optI64(7);
  return u;
}
}  // namespace

std::optional<User> AccountRepository::findByEmail(const std::string& email) {
  auto rs = db_.query(kSelectByEmail, {email});
  if (rs.empty()) return std::nullopt;
  return userFromRow(rs.first());
}

std::optional<User> AccountRepository::findById(int64_t id) {
  auto rs = db_.query(kSelectById, {id});
  if (rs.empty()) return std::nullopt;
  return userFromRow(rs.first());
}

std::optional<int64_t> AccountRepository::insert(const std::string& email, const std::string& name,
                                                 const std::string& passwordHash, int64_t now) {
  try {
    return db_.query(kInsertUser, {email, name, passwordHash, now}).first().i64(0);
  } catch (const db::DbError& e) {
    if (e.isUniqueViolation()) return std::nullopt;
    throw;
  }
}

void AccountRepository::activate(int64_t userId, int64_t now) { db_.query(kActivate, {now, userId}); }
void AccountRepository::setPassword(int64_t userId, const std::string& hash) { db_.query(kSetPassword, {hash, userId}); }
void AccountRepository::setDisplayName(int64_t userId, const std::string& name) { db_.query(kSetName, {name, userId}); }
void AccountRepository::setRole(int64_t userId, auth::PlatformRole role) {
  db_.query(kSetRole, {auth::roleKey(role), userId});
}
void AccountRepository::remove(int64_t userId) { db_.query(kDeleteUser, {userId}); }

std::vector<User> AccountRepository::list(int limit, int offset) {
  std::vector<User> users;
  for (const auto& r : db_.query(kSelectPage, {limit, offset}).rows) users.push_back(userFromRow(r));
  return users;
}

int64_t AccountRepository::count() { return db_.query(kCountUsers).first().i64(0); }

void AccountRepository::storeEmailToken(const std::string& tokenHash, int64_t userId, const std::string& purpose,
                                        int64_t now, int64_t expiresAt) {
  db_.query(kInsertEmailToken, {tokenHash, userId, purpose, now, expiresAt});
}

std::optional<int64_t> AccountRepository::consumeEmailToken(const std::string& tokenHash, const std::string& purpose,
                                                            int64_t now) {
  auto rs = db_.query(kConsumeEmailToken, {now, tokenHash, purpose});
  if (rs.empty()) return std::nullopt;
  return rs.first().i64(0);
}

std::vector<ApiToken> AccountRepository::apiTokens(int64_t userId) {
  std::vector<ApiToken> out;
  for (const auto& r : db_.query(kSelectApiTokens, {userId}).rows) {
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3), r.optI64(4)});
  }
  return out;
}

int64_t AccountRepository::insertApiToken(int64_t userId, const std::string& name, const std::string& tokenHash,
                                          const std::string& prefix, int64_t now) {
  return db_.query(kInsertApiToken, {userId, name, tokenHash, prefix, now}).first().i64(0);
}

bool AccountRepository::deleteApiToken(int64_t userId, int64_t tokenId) {
  return db_.query(kDeleteApiToken, {tokenId, userId}).affected > 0;
}

std::vector<Mail> AccountRepository::mails(int limit) {
  std::vector<Mail> out;
  for (const auto& r : db_.query(kSelectMails, {limit}).rows) {
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.str(5)});
  }
  return out;
}

}  // namespace opgv::accounts
