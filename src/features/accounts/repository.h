#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"
#include "features/accounts/model.h"

namespace opgv::accounts {

class AccountRepository {
 public:
  explicit AccountRepository(db::Database& database) : db_(database) {}

  std::optional<User> findByEmail(const std::string& email);
  std::optional<User> findById(int64_t id);
  // Returns nullopt if the e-mail address is taken.
  std::optional<int64_t> insert(const std::string& email, const std::string& name, const std::string& passwordHash,
                                int64_t now);
  void activate(int64_t userId, int64_t now);
  void setPassword(int64_t userId, const std::string& passwordHash);
  void setDisplayName(int64_t userId, const std::string& name);
  void setRole(int64_t userId, auth::PlatformRole role);
  void remove(int64_t userId);
  std::vector<User> list(int limit, int offset);
  int64_t count();

  void storeEmailToken(const std::string& tokenHash, int64_t userId, const std::string& purpose, int64_t now,
                       int64_t expiresAt);
  // Marks the token used and returns its user, if it exists, is unused, unexpired and of `purpose`.
  std::optional<int64_t> consumeEmailToken(const std::string& tokenHash, const std::string& purpose, int64_t now);

  std::vector<ApiToken> apiTokens(int64_t userId);
  int64_t insertApiToken(int64_t userId, const std::string& name, const std::string& tokenHash,
                         const std::string& prefix, int64_t now);
  bool deleteApiToken(int64_t userId, int64_t tokenId);

  std::vector<Mail> mails(int limit);

 private:
  db::Database& db_;
};

}  // namespace opgv::accounts
