#pragma once
// Account logic: registration with e-mail confirmation, login with rate limits, password reset,
// profile, DSGVO export and deletion, personal API tokens, platform roles. Every function that
// needs a right checks it here. Responses never reveal whether an e-mail address is registered.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.h"
#include "auth/rate_limiter.h"
#include "auth/sessions.h"
#include "common/clock.h"
#include "common/result.h"
#include "features/accounts/model.h"
#include "features/accounts/repository.h"
#include "mail/mailer.h"

namespace opgv::accounts {

struct Registration {
  std::string email;
  std::string display_name;
  std::string password;
  std::string password_repeat;
  bool accept_privacy = false;
};

struct LoginResult {
  User user;
  std::string session_token;
};

struct CreatedToken {
  ApiToken token;
  std::string raw;  // shown once
};

class AccountService {
 public:
  AccountService(db::Database& database, const Clock& clock, mail::Mailer& mailer, auth::SessionStore& sessions,
                 auth::RateLimiter& limiter, std::string baseUrl);

  static std::string normaliseEmail(const std::string& email);
  static std::vector<FieldError> validatePassword(const std::string& password, const std::string& repeat,
                                                  const std::string& field = "password");

  Status registerAccount(const Registration& input);
  Status confirmEmail(const std::string& token);
  Result<LoginResult> login(const std::string& email, const std::string& password, const std::string& clientAddress);
  void logout(const auth::Principal& who);
  Status requestPasswordReset(const std::string& email);
  Status resetPassword(const std::string& token, const std::string& password, const std::string& repeat);

  Result<User> profile(const auth::Principal& who);
  Status updateProfile(const auth::Principal& who, const std::string& displayName);
  Result<nlohmann::json> exportData(const auth::Principal& who);
  Status deleteAccount(const auth::Principal& who, const std::string& password);

  Result<std::vector<ApiToken>> listTokens(const auth::Principal& who);
  Result<CreatedToken> createToken(const auth::Principal& who, const std::string& name);
  Status revokeToken(const auth::Principal& who, int64_t tokenId);

  Result<std::vector<User>> listUsers(const auth::Principal& who, int limit, int offset);
  Status setRole(const auth::Principal& who, int64_t userId, const std::string& roleKey);
  Result<std::vector<Mail>> devMailbox(const auth::Principal& who);

  // For the CLI: creates an active account directly (no confirmation mail).
  Result<int64_t> createActiveUser(const std::string& email, const std::string& name, const std::string& password,
                                   auth::PlatformRole role);
  Status setRoleByEmail(const std::string& email, auth::PlatformRole role);

 private:
  void sendConfirmation(const User& user);

  AccountRepository repo_;
  db::Database& db_;
  const Clock& clock_;
  mail::Mailer& mailer_;
  auth::SessionStore& sessions_;
  auth::RateLimiter& limiter_;
  std::string base_url_;
};

}  // namespace opgv::accounts
