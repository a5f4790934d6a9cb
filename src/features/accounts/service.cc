#include "features/accounts/service.h"

#include "auth/authorization.h"
#include "common/crypto.h"
#include "common/strings.h"
#include "features/organisations/repository.h"

namespace opgv::accounts {
namespace {

constexpr int64_t kConfirmSeconds = 3 * 24 * 3600;
constexpr int64_t kResetSeconds = 3600;
constexpr size_t kMinPassword = 10;

// Verifying against a real Argon2id hash even for unknown addresses keeps the response time
// the same, so timing does not reveal which addresses have accounts.
const std::string& dummyHash() {
  static const std::string hash = crypto::hashPassword("opgv-timing-equaliser-" + crypto::randomToken());
  return hash;
}

bool plausibleEmail(const std::string& email) {
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
  auto domain = email.substr(at + 1);
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.') return false;
  for (unsigned char c : email) {
    if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';') return false;
  }
  return email.size() <= 254;
}

nlohmann::json tokenJson(const ApiToken& t) {
  nlohmann::json j = {{"id", t.id}, {"name", t.name}, {"prefix", t.prefix}, {"created_at", t.created_at}};
  j["last_used_at"] = t.last_used_at ? nlohmann::json(*t.last_used_at) : nlohmann::json(nullptr);
  return j;
}

constexpr std::string_view kSessionsOfUser =
    "SELECT created_at, expires_at, last_seen_at FROM sessions WHERE user_id = $1 ORDER BY created_at";
constexpr std::string_view kMailsToUser =
    "SELECT subject, created_at FROM mails WHERE recipient = $1 ORDER BY id";
constexpr std::string_view kInterestsOfUser =
    "SELECT u.slug, o.name, i.public, i.created_at FROM use_case_interests i JOIN use_cases u ON u.id = i.use_case_id "
    "JOIN organisations o ON o.id = i.organisation_id WHERE i.user_id = $1 ORDER BY i.created_at";
constexpr std::string_view kMerklisteOfUser =
    "SELECT b.slug, m.created_at FROM merkliste m JOIN bausteine b ON b.id = m.baustein_id WHERE m.user_id = $1 "
    "ORDER BY m.created_at";
constexpr std::string_view kChecklistsOfUser =
    "SELECT b.slug, c.checked, c.updated_at FROM checklist_progress c JOIN bausteine b ON b.id = c.baustein_id "
    "WHERE c.user_id = $1 ORDER BY b.slug";
constexpr std::string_view kDeleteMailsToUser = "DELETE FROM mails WHERE recipient = $1";
constexpr std::string_view kAdminCount =
    "SELECT COUNT(*) FROM users WHERE platform_role = 'admin' AND status = 'active'";

}  // namespace

AccountService::AccountService(db::Database& database, const Clock& clock, mail::Mailer& mailer,
                               auth::SessionStore& sessions, auth::RateLimiter& limiter, std::string baseUrl)
    : repo_(database), db_(database), clock_(clock), mailer_(mailer), sessions_(sessions), limiter_(limiter),
      base_url_(std::move(baseUrl)) {}

std::string AccountService::normaliseEmail(const std::string& email) { return strings::toLowerAscii(strings::trim(email)); }

std::vector<FieldError> AccountService::validatePassword(const std::string& password, const std::string& repeat,
                                                         const std::string& field) {
  std::vector<FieldError> errors;
  if (strings::utf8Length(password) < kMinPassword) {
    errors.push_back({field, "Das Passwort muss mindestens " + std::to_string(kMinPassword) + " Zeichen lang sein."});
  } else if (password.size() > 512) {
    errors.push_back({field, "Das Passwort ist zu lang (höchstens 512 Zeichen)."});
  }
  if (password != repeat) errors.push_back({field + "_repeat", "Die beiden Passwörter stimmen nicht überein."});
  return errors;
}

Status AccountService::registerAccount(const Registration& input) {
  std::vector<FieldError> errors;
  auto email = normaliseEmail(input.email);
  auto name = strings::trim(input.display_name);
  if (!plausibleEmail(email)) {
    errors.push_back({"email", "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. vorname.nachname@kommune.de."});
  }
  if (name.empty()) errors.push_back({"display_name", "Bitte geben Sie einen Namen an, unter dem andere Sie sehen."});
  if (strings::utf8Length(name) > 100) errors.push_back({"display_name", "Der Name darf höchstens 100 Zeichen lang sein."});
  for (auto& e : validatePassword(input.password, input.password_repeat)) errors.push_back(e);
  if (!input.accept_privacy) {
    errors.push_back({"accept_privacy", "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben."});
  }
  if (!errors.empty()) return invalid(errors);

  // Hash before looking the address up: otherwise an existing address answers ~100 ms faster
  // (no Argon2id), and the timing would reveal which addresses have accounts.
  auto passwordHash = crypto::hashPassword(input.password);
  auto existing = repo_.findByEmail(email);
  if (existing) {
    // Same answer as for a new address; the owner learns about the attempt by mail.
    if (existing->status == "pending") {
      sendConfirmation(*existing);
    } else {
      mailer_.send({email, "Ihr Konto auf der OPGV-Plattform",
                    "Guten Tag,\n\njemand hat versucht, mit dieser E-Mail-Adresse ein neues Konto anzulegen. "
                    "Sie haben bereits ein Konto.\n\nFalls Sie Ihr Passwort vergessen haben: " + base_url_ +
                        "/passwort-vergessen\n\nWenn Sie das nicht waren, können Sie diese Nachricht ignorieren.\n"});
    }
    return {};
  }
  auto id = repo_.insert(email, name, passwordHash, clock_.nowSeconds());
  if (!id) return {};  // a concurrent registration won the race; same answer
  sendConfirmation(*repo_.findById(*id));
  return {};
}

void AccountService::sendConfirmation(const User& user) {
  auto token = crypto::randomToken();
  auto now = clock_.nowSeconds();
  repo_.storeEmailToken(crypto::hashToken(token), user.id, "confirm", now, now + kConfirmSeconds);
  mailer_.send({user.email, "Bitte bestätigen Sie Ihre E-Mail-Adresse",
                "Guten Tag " + user.display_name + ",\n\nbitte bestätigen Sie Ihre Registrierung auf der "
                "OPGV-Plattform mit diesem Link (3 Tage gültig):\n\n" + base_url_ + "/registrieren/bestaetigen?token=" +
                    token + "\n\nWenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht.\n"});
}

Status AccountService::confirmEmail(const std::string& token) {
  auto userId = repo_.consumeEmailToken(crypto::hashToken(token), "confirm", clock_.nowSeconds());
  if (!userId) return fail(ErrorCode::kNotFound, "Dieser Bestätigungslink ist ungültig oder abgelaufen.");
  repo_.activate(*userId, clock_.nowSeconds());
  return {};
}

Result<LoginResult> AccountService::login(const std::string& rawEmail, const std::string& password,
                                          const std::string& clientAddress) {
  auto email = normaliseEmail(rawEmail);
  std::string ipKey = "ip:" + clientAddress;
  std::string accountKey = "account:" + email;
  if (limiter_.blocked(ipKey) || limiter_.blocked(accountKey)) {
    int wait = std::max(limiter_.retryAfterSeconds(ipKey), limiter_.retryAfterSeconds(accountKey));
    return fail(ErrorCode::kTooManyRequests,
                "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie " + std::to_string((wait + 59) / 60) +
                    " Minuten oder setzen Sie Ihr Passwort zurück.");
  }
  auto user = repo_.findByEmail(email);
  bool ok = user ? crypto::verifyPassword(user->password_hash, password) : crypto::verifyPassword(dummyHash(), password);
  if (!ok || !user || user->status != "active") {
    limiter_.recordFailure(ipKey);
    limiter_.recordFailure(accountKey);
    // One message for every failure, so the form does not reveal which addresses exist.
    return std::unexpected(Error{ErrorCode::kUnauthenticated,
                                 "E-Mail-Adresse oder Passwort sind nicht korrekt, oder die Adresse ist noch nicht "
                                 "bestätigt.",
                                 {},
                                 {{"email", "E-Mail-Adresse oder Passwort sind nicht korrekt, oder die Adresse ist "
                                            "noch nicht bestätigt."}}});
  }
  limiter_.reset(accountKey);
  return LoginResult{*user, sessions_.create(user->id)};
}

void AccountService::logout(const auth::Principal& who) {
  if (!who.session_hash.empty()) sessions_.destroy(who.session_hash);
}

Status AccountService::requestPasswordReset(const std::string& rawEmail) {
  auto email = normaliseEmail(rawEmail);
  if (!plausibleEmail(email)) {
    return invalid({{"email", "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. vorname.nachname@kommune.de."}});
  }
  auto user = repo_.findByEmail(email);
  if (!user) return {};  // same answer as for an existing address
  auto token = crypto::randomToken();
  auto now = clock_.nowSeconds();
  repo_.storeEmailToken(crypto::hashToken(token), user->id, "reset", now, now + kResetSeconds);
  mailer_.send({user->email, "Passwort zurücksetzen",
                "Guten Tag " + user->display_name + ",\n\nmit diesem Link können Sie ein neues Passwort festlegen "
                "(eine Stunde gültig):\n\n" + base_url_ + "/passwort-zuruecksetzen?token=" + token +
                    "\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht. Ihr Passwort bleibt "
                    "unverändert.\n"});
  return {};
}

Status AccountService::resetPassword(const std::string& token, const std::string& password, const std::string& repeat) {
  auto errors = validatePassword(password, repeat);
  if (!errors.empty()) return invalid(errors);
  auto userId = repo_.consumeEmailToken(crypto::hashToken(token), "reset", clock_.nowSeconds());
  if (!userId) return fail(ErrorCode::kNotFound, "Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.");
  repo_.setPassword(*userId, crypto::hashPassword(password));
  // The mail proved control of the address, so an unconfirmed account counts as confirmed.
  repo_.activate(*userId, clock_.nowSeconds());
  sessions_.destroyAllForUser(*userId);
  if (auto user = repo_.findById(*userId)) limiter_.reset("account:" + user->email);
  return {};
}

Result<User> AccountService::profile(const auth::Principal& who) {
  if (auto s = auth::requireLogin(who); !s) return std::unexpected(s.error());
  auto user = repo_.findById(*who.user_id);
  if (!user) return fail(ErrorCode::kNotFound, "Konto nicht gefunden.");
  return *user;
}

Status AccountService::updateProfile(const auth::Principal& who, const std::string& displayName) {
  if (auto s = auth::requireLogin(who); !s) return s;
  auto name = strings::trim(displayName);
  if (name.empty()) return invalid({{"display_name", "Bitte geben Sie einen Namen an."}});
  if (strings::utf8Length(name) > 100) return invalid({{"display_name", "Der Name darf höchstens 100 Zeichen lang sein."}});
  repo_.setDisplayName(*who.user_id, name);
  return {};
}

Result<nlohmann::json> AccountService::exportData(const auth::Principal& who) {
  auto user = profile(who);
  if (!user) return std::unexpected(user.error());
  nlohmann::json out;
  out["hinweis"] = "Export Ihrer personenbezogenen Daten nach Art. 15 und 20 DSGVO. Passwort und Tokens sind nur als "
                   "Hash gespeichert und deshalb nicht enthalten.";
  out["exportiert_am"] = clock_.nowSeconds();
  out["konto"] = {{"id", user->id},
                  {"email", user->email},
                  {"anzeigename", user->display_name},
                  {"rolle", auth::roleKey(user->role)},
                  {"status", user->status},
                  {"registriert_am", user->created_at},
                  {"bestaetigt_am", user->confirmed_at ? nlohmann::json(*user->confirmed_at) : nlohmann::json(nullptr)}};
  auto memberships = nlohmann::json::array();
  for (const auto& [org, m] : organisations::OrganisationRepository(db_).membershipsOfUser(user->id)) {
    memberships.push_back({{"organisation_id", org.id}, {"organisation", org.name}, {"typ", org.type},
                           {"rolle", m.role}, {"status", m.status}, {"seit", m.created_at}});
  }
  out["mitgliedschaften"] = memberships;
  auto sessions = nlohmann::json::array();
  for (const auto& r : db_.query(kSessionsOfUser, {user->id}).rows) {
    sessions.push_back({{"angemeldet_am", r.i64(0)}, {"gueltig_bis", r.i64(1)}, {"zuletzt_aktiv", r.i64(2)}});
  }
  out["sitzungen"] = sessions;
  auto tokens = nlohmann::json::array();
  for (const auto& t : repo_.apiTokens(user->id)) tokens.push_back(tokenJson(t));
  out["api_tokens"] = tokens;
  auto mails = nlohmann::json::array();
  for (const auto& r : db_.query(kMailsToUser, {user->email}).rows) {
    mails.push_back({{"betreff", r.str(0)}, {"gesendet_am", r.i64(1)}});
  }
  out["gesendete_emails"] = mails;
  auto interests = nlohmann::json::array();
  for (const auto& r : db_.query(kInterestsOfUser, {user->id}).rows) {
    interests.push_back({{"use_case", r.str(0)}, {"organisation", r.str(1)}, {"oeffentlich", r.i64(2) != 0}, {"am", r.i64(3)}});
  }
  out["nachnutzungsinteressen"] = interests;
  auto merkliste = nlohmann::json::array();
  for (const auto& r : db_.query(kMerklisteOfUser, {user->id}).rows) merkliste.push_back({{"baustein", r.str(0)}, {"gemerkt_am", r.i64(1)}});
  out["merkliste"] = merkliste;
  auto checklists = nlohmann::json::array();
  for (const auto& r : db_.query(kChecklistsOfUser, {user->id}).rows) {
    checklists.push_back({{"baustein", r.str(0)}, {"abgehakt", nlohmann::json::parse(r.str(1), nullptr, false)}, {"gespeichert_am", r.i64(2)}});
  }
  out["checklisten"] = checklists;
  return out;
}

Status AccountService::deleteAccount(const auth::Principal& who, const std::string& password) {
  auto user = profile(who);
  if (!user) return std::unexpected(user.error());
  if (!crypto::verifyPassword(user->password_hash, password)) {
    return invalid({{"password", "Das Passwort ist nicht korrekt. Ihr Konto wurde nicht gelöscht."}});
  }
  if (user->role == auth::PlatformRole::kAdmin && db_.query(kAdminCount).first().i64(0) <= 1) {
    return fail(ErrorCode::kConflict,
                "Sie sind die einzige Plattform-Admin. Bitte ernennen Sie zuerst eine weitere Person, bevor Sie Ihr "
                "Konto löschen.");
  }
  db_.transaction([&](db::Connection& c) {
    c.query(kDeleteMailsToUser, {user->email});
    c.query("DELETE FROM users WHERE id = $1", {user->id});
  });
  return {};
}

Result<std::vector<ApiToken>> AccountService::listTokens(const auth::Principal& who) {
  if (auto s = auth::requireLogin(who); !s) return std::unexpected(s.error());
  return repo_.apiTokens(*who.user_id);
}

Result<CreatedToken> AccountService::createToken(const auth::Principal& who, const std::string& rawName) {
  if (auto s = auth::requireLogin(who); !s) return std::unexpected(s.error());
  auto name = strings::trim(rawName);
  if (name.empty()) return invalid({{"token_name", "Bitte geben Sie dem Token einen Namen, z. B. „Import-Skript“."}});
  if (strings::utf8Length(name) > 80) return invalid({{"token_name", "Der Name darf höchstens 80 Zeichen lang sein."}});
  if (repo_.apiTokens(*who.user_id).size() >= 20) {
    return fail(ErrorCode::kConflict, "Sie haben bereits 20 Tokens. Bitte widerrufen Sie zuerst einen alten.");
  }
  auto raw = "opgv_" + crypto::randomToken();
  auto prefix = raw.substr(0, 12);
  auto now = clock_.nowSeconds();
  auto id = repo_.insertApiToken(*who.user_id, name, crypto::hashToken(raw), prefix, now);
  return CreatedToken{ApiToken{id, name, prefix, now, std::nullopt}, raw};
}

Status AccountService::revokeToken(const auth::Principal& who, int64_t tokenId) {
  if (auto s = auth::requireLogin(who); !s) return s;
  if (!repo_.deleteApiToken(*who.user_id, tokenId)) return fail(ErrorCode::kNotFound, "Diesen Token gibt es nicht.");
  return {};
}

Result<std::vector<User>> AccountService::listUsers(const auth::Principal& who, int limit, int offset) {
  if (auto s = auth::requireRole(who, auth::PlatformRole::kAdmin); !s) return std::unexpected(s.error());
  return repo_.list(std::clamp(limit, 1, 500), std::max(offset, 0));
}

Status AccountService::setRole(const auth::Principal& who, int64_t userId, const std::string& roleKey) {
  if (auto s = auth::requireRole(who, auth::PlatformRole::kAdmin); !s) return s;
  auto role = auth::parseRole(roleKey);
  if (!role) return invalid({{"role", "Unbekannte Rolle. Erlaubt: mitglied, redaktion, admin."}});
  auto user = repo_.findById(userId);
  if (!user) return fail(ErrorCode::kNotFound, "Dieses Konto gibt es nicht.");
  if (user->role == auth::PlatformRole::kAdmin && *role != auth::PlatformRole::kAdmin &&
      db_.query(kAdminCount).first().i64(0) <= 1) {
    return fail(ErrorCode::kConflict, "Die letzte Plattform-Admin kann nicht herabgestuft werden.");
  }
  repo_.setRole(userId, *role);
  return {};
}

Result<std::vector<Mail>> AccountService::devMailbox(const auth::Principal& who) {
  if (auto s = auth::requireRole(who, auth::PlatformRole::kAdmin); !s) return std::unexpected(s.error());
  return repo_.mails(200);
}

Result<int64_t> AccountService::createActiveUser(const std::string& rawEmail, const std::string& name,
                                                 const std::string& password, auth::PlatformRole role) {
  auto email = normaliseEmail(rawEmail);
  std::vector<FieldError> errors;
  if (!plausibleEmail(email)) errors.push_back({"email", "Ungültige E-Mail-Adresse: " + rawEmail});
  for (auto& e : validatePassword(password, password)) errors.push_back(e);
  if (!errors.empty()) return invalid(errors, errors.front().message);
  auto id = repo_.insert(email, name.empty() ? email : name, crypto::hashPassword(password), clock_.nowSeconds());
  if (!id) return fail(ErrorCode::kConflict, "Es gibt bereits ein Konto mit " + email + ".");
  repo_.activate(*id, clock_.nowSeconds());
  repo_.setRole(*id, role);
  return *id;
}

Status AccountService::setRoleByEmail(const std::string& email, auth::PlatformRole role) {
  auto user = repo_.findByEmail(normaliseEmail(email));
  if (!user) return fail(ErrorCode::kNotFound, "Kein Konto mit " + email + ".");
  repo_.setRole(user->id, role);
  return {};
}

}  // namespace opgv::accounts
