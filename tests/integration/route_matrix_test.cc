// The authorisation matrix: every route the router registers × every role → expected status.
// A route without a row in kMatrix fails the test, so each new route forces a decision about who
// may use it. Requests are realistic (valid CSRF token and form, JSON with a bearer token), so the
// status reflects authorisation and not a missing token or an empty body. Each row may prepare its
// own target (a fresh applicant, a fresh token, a throw-away account), so rows do not depend on
// each other's side effects.
//
// Expectations: "200", "403", … or "303>/anmelden" (status and the start of the Location header).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <chrono>
#include <iostream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/strings.h"
#include "features/accounts/repository.h"
#include "features/accounts/service.h"
#include "features/datasets/service.h"
#include "features/library/service.h"
#include "features/models/repository.h"
#include "features/models/service.h"
#include "features/organisations/repository.h"
#include "features/organisations/service.h"
#include "support/test_server.h"
#include "support/use_cases.h"

namespace opgv::test {
namespace {

using nlohmann::json;

enum class Role { kGast, kMitglied, kRedaktion, kAdmin, kOrgAdmin };
constexpr Role kRoles[] = {Role::kGast, Role::kMitglied, Role::kRedaktion, Role::kAdmin, Role::kOrgAdmin};

const char* roleName(Role r) {
  switch (r) {
    case Role::kGast: return "Gast";
    case Role::kMitglied: return "Mitglied";
    case Role::kRedaktion: return "Redaktion";
    case Role::kAdmin: return "Plattform-Admin";
    case Role::kOrgAdmin: return "Organisations-Admin";
  }
  return "?";
}

const char* platformRole(Role r) {
  switch (r) {
    case Role::kRedaktion: return "redaktion";
    case Role::kAdmin: return "admin";
    default: return "mitglied";
  }
}

constexpr const char* kPassword = "matrix-passwort-123";
constexpr const char* kFlensburg = "01001000";
constexpr const char* kMuenchen = "09162000";

struct Identity {
  Role role = Role::kGast;
  int64_t user_id = 0;
  std::string email;
  std::unique_ptr<Browser> browser;  // HTML: session cookie and CSRF token
  std::string token;                 // API: personal bearer token ("" for Gast)
};

// What one cell sends. `target` defaults to the pattern with fixture values substituted.
struct Cell {
  std::string target;
  std::vector<std::pair<std::string, std::string>> form;
  std::string json = "{}";
  std::shared_ptr<Identity> as;  // a fresh session or a throw-away account instead of the shared one
};

class Fixture;
using Prepare = std::function<Cell(Fixture&, Role)>;

using Expect = std::map<Role, std::string>;

struct Row {
  std::string method;
  std::string pattern;
  Expect expect;
  Prepare prepare = nullptr;
  bool optional = false;  // registered only in some configurations (e.g. test-only routes)
};

class Fixture {
 public:
  explicit Fixture(Backend backend) : server(backend, TestServerOptions{.seed_bausteine = true}) {
    auto& c = server.ctx();
    accounts_ = std::make_unique<accounts::AccountService>(*c.db, *c.clock, *c.mailer, *c.sessions, *c.login_limiter,
                                                           "http://test");
    orgs_ = std::make_unique<organisations::OrganisationService>(*c.db, *c.clock, *c.mailer, "http://test");
    library_ = std::make_unique<library::UseCaseService>(*c.db, *c.clock, *c.mailer, "http://test");
    dummy_hash_ = crypto::hashPassword("nie-verwendet-" + crypto::randomToken());

    identities[Role::kGast] = gast();
    identities[Role::kMitglied] = makeIdentity(Role::kMitglied, "mitglied@matrix.example");
    identities[Role::kRedaktion] = makeIdentity(Role::kRedaktion, "redaktion@matrix.example");
    identities[Role::kAdmin] = makeIdentity(Role::kAdmin, "admin@matrix.example");
    // A second platform admin, so that a throw-away admin may delete its account.
    server.createUser("admin2@matrix.example", "admin", kPassword);

    // The organisation of the Organisations-Admin: created by them, confirmed by the Redaktion,
    // with one further active member so that the only org admin cannot simply leave.
    auto founder = cheapUser("gruenderin");
    organisations::NewOrganisation input{"govtech", "Matrix Datenwerk GmbH", "https://matrix.example", "Testdaten",
                                         "info@matrix.example", ""};
    org = orgs_->create(principal(founder, Role::kMitglied), input).value();
    if (!orgs_->confirmApplication(principal(identities[Role::kAdmin]->user_id, Role::kAdmin), org, true)) {
      throw std::runtime_error("Organisation nicht bestätigt");
    }
    identities[Role::kOrgAdmin] = makeIdentity(Role::kOrgAdmin, "orgadmin@matrix.example");
    orgRepo().removeMembership(org, founder);
    orgRepo().addMembership(org, cheapUser("kollege"), "mitglied", "active", now());
  }

  TestServer server;
  int64_t org = 0;
  std::map<Role, std::shared_ptr<Identity>> identities;

  std::string unique(const std::string& prefix) { return prefix + std::to_string(++counter_); }
  int64_t now() { return server.ctx().clock->nowSeconds(); }
  accounts::AccountRepository userRepo() { return accounts::AccountRepository(*server.ctx().db); }
  organisations::OrganisationRepository orgRepo() { return organisations::OrganisationRepository(*server.ctx().db); }

  static auth::Principal principal(int64_t userId, Role role) {
    auth::Principal p;
    p.user_id = userId;
    p.role = *auth::parseRole(platformRole(role));
    p.display_name = "Matrix";
    p.email = "matrix@example.org";
    return p;
  }

  Browser login(const std::string& email) {
    Browser b = server.browser();
    b.get("/anmelden");
    auto r = b.postForm("/anmelden", {{"email", email}, {"password", kPassword}, {"return_to", "/profil"}});
    if (r.status != 303 || b.cookie("opgv_session").empty()) {
      throw std::runtime_error("Anmeldung fehlgeschlagen für " + email + ": " + std::to_string(r.status));
    }
    b.get("/profil");  // CSRF token bound to the session
    return b;
  }

  std::shared_ptr<Identity> gast() {
    auto id = std::make_shared<Identity>();
    id->browser = std::make_unique<Browser>(server.browser());
    id->browser->get("/");  // CSRF cookie and token
    return id;
  }

  // A real account with password, session and API token (the Organisations-Admin also gets an
  // active org_admin membership in `org`).
  std::shared_ptr<Identity> makeIdentity(Role role, const std::string& email, bool withBrowser = true) {
    if (role == Role::kGast) return gast();
    auto id = std::make_shared<Identity>();
    id->role = role;
    id->email = email;
    id->user_id = server.createUser(email, platformRole(role), kPassword);
    if (role == Role::kOrgAdmin) orgRepo().addMembership(org, id->user_id, "org_admin", "active", now());
    if (withBrowser) id->browser = std::make_unique<Browser>(login(email));
    id->token = accounts_->createToken(principal(id->user_id, role), "Matrix").value().raw;
    return id;
  }

  // A new session of the shared account (for rows that end or replace the session).
  std::shared_ptr<Identity> freshSession(Role role) {
    if (role == Role::kGast) return gast();
    auto& shared = identities.at(role);
    auto id = std::make_shared<Identity>();
    id->role = role;
    id->email = shared->email;
    id->user_id = shared->user_id;
    id->token = shared->token;
    id->browser = std::make_unique<Browser>(login(shared->email));
    return id;
  }

  // Accounts that never log in: no Argon2 hashing.
  int64_t cheapUser(const std::string& prefix) {
    auto repo = userRepo();
    auto id = repo.insert(unique(prefix) + "@matrix.example", "Person " + prefix, dummy_hash_, now()).value();
    repo.activate(id, now());
    return id;
  }

  std::string emailToken(const std::string& purpose, bool active) {
    auto repo = userRepo();
    auto id = repo.insert(unique(purpose) + "@matrix.example", "Person", dummy_hash_, now()).value();
    if (active) repo.activate(id, now());
    auto token = crypto::randomToken();
    repo.storeEmailToken(crypto::hashToken(token), id, purpose, now(), now() + 3600);
    return token;
  }

  int64_t pendingApplicant() {
    auto user = cheapUser("antrag");
    orgRepo().addMembership(org, user, "mitglied", "pending", now());
    return user;
  }

  int64_t pendingOrganisation() {
    auto user = cheapUser("antragsteller");
    organisations::NewOrganisation input{"sonstige", unique("Forschungsverbund "), "", "", "", "forschung"};
    return orgs_->create(principal(user, Role::kMitglied), input).value();
  }

  int64_t freshToken(Role role) {
    auto& who = identities.at(role == Role::kGast ? Role::kMitglied : role);
    return accounts_->createToken(principal(who->user_id, role), "Wegwerf").value().token.id;
  }

  int64_t userOf(Role role) { return identities.at(role)->user_id; }

  // Use cases in a given state; drafts belong to the role's own account (a guest's to the Mitglied).
  std::string draftOf(Role role) {
    if (role == Role::kGast) role = Role::kMitglied;
    auto owner = principal(userOf(role), role);
    return library_->create(owner, completeUseCase(unique("Matrix-Fall "))).value().slug;
  }
  std::string inReview() {
    auto owner = principal(userOf(Role::kMitglied), Role::kMitglied);
    auto slug = draftOf(Role::kMitglied);
    library_->submit(owner, slug).value();
    return slug;
  }
  std::string published() {
    auto slug = inReview();
    library_->publish(principal(userOf(Role::kAdmin), Role::kAdmin), slug, "").value();
    return slug;
  }
  std::string archived() {
    auto slug = published();
    library_->archive(principal(userOf(Role::kAdmin), Role::kAdmin), slug).value();
    return slug;
  }
  void registerInterest(Role role, const std::string& slug) {
    if (role == Role::kOrgAdmin) {
      library_->registerInterest(principal(userOf(role), role), slug, org, false).value();
    }
  }

  // Datasets of `org`, made by the Organisations-Admin through the service; imports run right away
  // unless `holdImports` (the version then stays queued). Shared fixtures are made once, for cells
  // that change nothing; rows that consume their target make a fresh one.
  datasets::DatasetService& datasetService() {
    if (!datasets_) {
      auto modelsDir = std::filesystem::path(sourceDir()) / "models";
      auto models = std::make_shared<const models::ModelService>(models::ModelRepository::load(modelsDir, nullptr));
      datasets_ = std::make_unique<datasets::DatasetService>(*server.ctx().db, *server.ctx().clock, models, modelsDir);
      datasets_->setRunner([this](datasets::VersionRef ref) {
        if (!hold_imports_) datasets_->runImport(ref);
      });
    }
    return *datasets_;
  }
  static std::string haushaltCsv(bool broken) {
    return std::string("ags,haushaltsjahr,planart,produktbereich,produktbereich_name,ertraege_euro,aufwendungen_euro,saldo_euro\n"
                       "09999001,2024,ergebnis,11,Innere Verwaltung,3852410.17,18402117.84,-14549707.67\n") +
           (broken ? "9999001" : "09999001") + ",2024,ergebnis,12,Sicherheit und Ordnung,2948733.40,7651280.12,-4702546.72\n";
  }
  int64_t datasetUpload(bool broken = false) {
    datasets::NewUpload input;
    input.organisation_id = org;
    input.title = unique("Matrix-Datensatz ");
    input.model = "haushalt/ergebnisplan";
    input.filename = "matrix.csv";
    std::string content = haushaltCsv(broken);
    input.bytes = content;
    return datasetService().createUpload(principal(userOf(Role::kOrgAdmin), Role::kOrgAdmin), input).value().id;
  }
  // A dataset with version 1: imported, in review (broken) or still queued (held).
  datasets::VersionRef dataset(bool broken = false, bool held = false) {
    auto uploadId = datasetUpload(broken);
    hold_imports_ = held;
    auto ref = datasetService().startImport(principal(userOf(Role::kOrgAdmin), Role::kOrgAdmin), uploadId, {});
    hold_imports_ = false;
    return ref.value();
  }
  std::string sharedDataset() {
    if (!shared_dataset_) shared_dataset_ = dataset().dataset_id;
    return std::to_string(*shared_dataset_);
  }
  std::string sharedUpload() {
    if (!shared_upload_) shared_upload_ = datasetUpload();
    return std::to_string(*shared_upload_);
  }
  std::string sharedProfile() {
    sharedDataset();
    auto list = datasetService().profiles(principal(userOf(Role::kOrgAdmin), Role::kOrgAdmin), org).value();
    return std::to_string(list.at(0).id);
  }

  void leave(Role role, int64_t orgId) {
    if (role != Role::kGast) orgRepo().removeMembership(orgId, userOf(role));
  }
  void leaveKommune(Role role, const std::string& ags) {
    if (auto o = orgRepo().byAgs(ags)) leave(role, o->id);
  }
  void applyTo(Role role, int64_t orgId) {
    if (role != Role::kGast && !orgRepo().membership(orgId, userOf(role))) {
      orgRepo().addMembership(orgId, userOf(role), "mitglied", "pending", now());
    }
  }

 private:
  std::unique_ptr<accounts::AccountService> accounts_;
  std::unique_ptr<organisations::OrganisationService> orgs_;
  std::unique_ptr<library::UseCaseService> library_;
  std::unique_ptr<datasets::DatasetService> datasets_;
  bool hold_imports_ = false;
  std::optional<int64_t> shared_dataset_, shared_upload_;
  std::string dummy_hash_;
  int counter_ = 0;
};

// ---- Expectation helpers -------------------------------------------------------------------

constexpr Role G = Role::kGast, M = Role::kMitglied, R = Role::kRedaktion, A = Role::kAdmin, O = Role::kOrgAdmin;

Expect all(const std::string& e) { return {{G, e}, {M, e}, {R, e}, {A, e}, {O, e}}; }
Expect roles(const std::string& g, const std::string& m, const std::string& r, const std::string& a,
             const std::string& o) {
  return {{G, g}, {M, m}, {R, r}, {A, a}, {O, o}};
}
// Any account; guests are sent to the login page (HTML) or get 401 (API).
Expect members(const std::string& ok) { return roles("303>/anmelden", ok, ok, ok, ok); }
Expect apiMembers(const std::string& ok) { return roles("401", ok, ok, ok, ok); }

std::string bausteinSource(const std::string& slug) {
  std::ifstream in(sourceDir() + "/content/bausteine/" + slug + ".md");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string orgPath(Fixture& f) { return std::to_string(f.org); }

Cell form(std::vector<std::pair<std::string, std::string>> fields) {
  Cell c;
  c.form = std::move(fields);
  return c;
}
Cell body(json j) {
  Cell c;
  c.json = j.dump();
  return c;
}

// ---- The matrix ------------------------------------------------------------------------------

const std::vector<Row>& matrix() {
  static const std::vector<Row> rows = {
      // Operations and static files
      {"GET", "/healthz", all("200")},
      {"GET", "/readyz", all("200")},
      {"GET", "/metrics", all("200")},
      {"GET", "/static/{path...}", all("200"), [](Fixture&, Role) { return Cell{"/static/css/opgv.css"}; }},
      {"GET", "/favicon.ico", all("200")},
      {"GET", "/api/docs", all("200")},
      {"GET", "/_test/interner-fehler", all("500"), nullptr, true},

      // Public pages
      {"GET", "/", all("200")},
      {"GET", "/impressum", all("200")},
      {"GET", "/datenschutz", all("200")},
      {"GET", "/barrierefreiheit", all("200")},
      {"GET", "/leichte-sprache", all("200")},
      {"GET", "/kontakt", all("200")},
      {"GET", "/daten/datensaetze/pruefen", all("200")},
      // The form is multipart (a file input); the matrix's urlencoded form shows that guests are sent
      // to the login before anything is read, members get 415 for the wrong media type.
      {"POST", "/daten/datensaetze/pruefen", roles("303>/anmelden", "415", "415", "415", "415")},
      // Dataset pages: as the API rows below, the Organisations-Admin is the member of `org` that
      // owns the fixtures; platform admins may read and delete, not work with, others' data.
      {"GET", "/daten/datensaetze", roles("303>/anmelden", "200", "200", "200", "200")},
      {"GET", "/daten/datensaetze/neu", roles("303>/anmelden", "200", "200", "200", "200")},
      {"POST", "/daten/datensaetze/neu", roles("303>/anmelden", "415", "415", "415", "415")},
      {"GET", "/daten/datensaetze/hochgeladen/{id}/zuordnung", roles("303>/anmelden", "404", "404", "404", "200"),
       [](Fixture& f, Role) { return Cell{"/daten/datensaetze/hochgeladen/" + f.sharedUpload() + "/zuordnung"}; }},
      {"POST", "/daten/datensaetze/hochgeladen/{id}/zuordnung", roles("303>/anmelden", "404", "404", "404", "200"),
       [](Fixture& f, Role) {
         auto c = form({{"aktion", "aktualisieren"}});
         c.target = "/daten/datensaetze/hochgeladen/" + f.sharedUpload() + "/zuordnung";
         return c;
       }},
      {"GET", "/daten/datensaetze/{id}", roles("303>/anmelden", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/daten/datensaetze/" + f.sharedDataset()}; }},
      {"GET", "/daten/datensaetze/{id}/versionen/{version}", roles("303>/anmelden", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/daten/datensaetze/" + f.sharedDataset() + "/versionen/1"}; }},
      {"POST", "/daten/datensaetze/{id}/versionen/{version}/abbrechen", roles("303>/anmelden", "403", "403", "403", "303>/daten/datensaetze/"),
       [](Fixture& f, Role role) {
         auto c = form({});
         auto id = role == O ? std::to_string(f.dataset(false, true).dataset_id) : f.sharedDataset();
         c.target = "/daten/datensaetze/" + id + "/versionen/1/abbrechen";
         return c;
       }},
      {"POST", "/daten/datensaetze/{id}/versionen/{version}/entscheidung", roles("303>/anmelden", "403", "403", "403", "303>/daten/datensaetze/"),
       [](Fixture& f, Role role) {
         auto c = form({{"wahl", "verwerfen"}});
         auto id = role == O ? std::to_string(f.dataset(true).dataset_id) : f.sharedDataset();
         c.target = "/daten/datensaetze/" + id + "/versionen/1/entscheidung";
         return c;
       }},
      {"GET", "/daten/datensaetze/{id}/download", roles("303>/anmelden", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/daten/datensaetze/" + f.sharedDataset() + "/download?format=csv"}; }},
      {"GET", "/daten/datensaetze/{id}/versionen/{version}/abgelehnt.csv", roles("303>/anmelden", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/daten/datensaetze/" + f.sharedDataset() + "/versionen/1/abgelehnt.csv"}; }},
      {"GET", "/daten/datensaetze/{id}/loeschen", roles("303>/anmelden", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/daten/datensaetze/" + f.sharedDataset() + "/loeschen"}; }},
      {"POST", "/daten/datensaetze/{id}/loeschen", roles("303>/anmelden", "403", "403", "303>/daten/datensaetze", "303>/daten/datensaetze"),
       [](Fixture& f, Role role) {
         auto c = form({});
         auto id = role == A || role == O ? std::to_string(f.dataset().dataset_id) : f.sharedDataset();
         c.target = "/daten/datensaetze/" + id + "/loeschen";
         return c;
       }},
      {"GET", "/daten/importprofile", roles("303>/anmelden", "200", "200", "200", "200")},
      {"GET", "/daten/importprofile/{id}", roles("303>/anmelden", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/daten/importprofile/" + f.sharedProfile()}; }},
      {"GET", "/daten/importprofile/{id}/versionen/{version}", roles("303>/anmelden", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/daten/importprofile/" + f.sharedProfile() + "/versionen/1"}; }},
      {"GET", "/daten/modelle", all("200")},
      {"GET", "/daten/modelle/{slug}", all("200"), [](Fixture&, Role) { return Cell{"/daten/modelle/sozialraum-indikatoren"}; }},
      {"GET", "/daten/modelle/{slug}/datapackage.json", all("200"),
       [](Fixture&, Role) { return Cell{"/daten/modelle/haushalt/datapackage.json"}; }},
      {"GET", "/daten/modelle/{slug}/vorlage", all("200"), [](Fixture&, Role) { return Cell{"/daten/modelle/haushalt/vorlage?format=xlsx"}; }},
      {"GET", "/daten/modelle/{slug}/beispiel", all("200"), [](Fixture&, Role) { return Cell{"/daten/modelle/haushalt/beispiel"}; }},
      {"GET", "/daten/modelle/{slug}/testdaten", all("200"),
       [](Fixture&, Role) { return Cell{"/daten/modelle/sozialraum-indikatoren/testdaten?zeilen=50&startwert=2"}; }},
      {"GET", "/daten/modelle/{slug}/versionen", all("200"),
       [](Fixture&, Role) { return Cell{"/daten/modelle/sozialraum-indikatoren/versionen?von=1.0.0&zu=1.1.0"}; }},
      {"GET", "/bausteine", all("200")},
      {"GET", "/projekte", all("200")},
      {"GET", "/daten", all("200")},
      {"GET", "/lernen", all("200")},
      {"POST", "/barrierefreiheit", all("303>/barrierefreiheit"),
       [](Fixture&, Role) {
         return form({{"name", "Jörg"}, {"email", "joerg@example.org"},
                      {"message", "Der Kontrast der Schaltfläche „Suchen“ ist zu gering."}, {"page_url", "/kommunen"}});
       }},
      {"POST", "/einstellungen/darstellung", all("303>/kontakt"),
       [](Fixture&, Role) { return form({{"theme", "dark"}, {"return_to", "/kontakt"}}); }},

      // Accounts
      {"GET", "/registrieren", all("200")},
      {"POST", "/registrieren", all("303>/anmelden"),
       [](Fixture& f, Role) {
         return form({{"email", f.unique("neu") + "@example.org"}, {"display_name", "Änne Neu"},
                      {"password", "ein-langes-passwort"}, {"password_repeat", "ein-langes-passwort"},
                      {"accept_privacy", "ja"}});
       }},
      {"GET", "/registrieren/bestaetigen", all("303>/anmelden"),
       [](Fixture& f, Role) { return Cell{"/registrieren/bestaetigen?token=" + f.emailToken("confirm", false)}; }},
      {"GET", "/anmelden", roles("200", "303>/profil", "303>/profil", "303>/profil", "303>/profil")},
      {"POST", "/anmelden", all("303>/profil"),
       [](Fixture& f, Role role) {
         auto c = form({{"email", role == G ? f.identities.at(M)->email : f.identities.at(role)->email},
                        {"password", kPassword}, {"return_to", "/profil"}});
         c.as = f.freshSession(role);  // logging in again replaces the session
         return c;
       }},
      {"POST", "/abmelden", all("303>/"),
       [](Fixture& f, Role role) {
         Cell c;
         c.as = f.freshSession(role);
         return c;
       }},
      {"GET", "/passwort-vergessen", all("200")},
      {"POST", "/passwort-vergessen", all("303>/anmelden"),
       [](Fixture& f, Role) { return form({{"email", f.unique("vergessen") + "@example.org"}}); }},
      {"GET", "/passwort-zuruecksetzen", all("200"),
       [](Fixture&, Role) { return Cell{"/passwort-zuruecksetzen?token=abc"}; }},
      {"POST", "/passwort-zuruecksetzen", all("303>/anmelden"),
       [](Fixture& f, Role role) {
         auto c = form({{"token", f.emailToken("reset", true)}, {"password", "ganz-neues-passwort"},
                        {"password_repeat", "ganz-neues-passwort"}});
         c.as = f.freshSession(role);  // the handler clears the caller's session cookie
         return c;
       }},
      {"GET", "/profil", members("200")},
      {"POST", "/profil", members("303>/profil"),
       [](Fixture&, Role) { return form({{"display_name", "Grüße aus der Matrix"}}); }},
      {"POST", "/profil/tokens", members("303>/profil"),
       [](Fixture&, Role) { return form({{"token_name", "Import-Skript"}}); }},
      {"POST", "/profil/tokens/{id}/widerrufen", members("303>/profil"),
       [](Fixture& f, Role role) { return Cell{"/profil/tokens/" + std::to_string(f.freshToken(role)) + "/widerrufen"}; }},
      {"GET", "/profil/export", members("200")},
      {"GET", "/profil/loeschen", members("200")},
      {"POST", "/profil/loeschen", members("303>/"),
       [](Fixture& f, Role role) {
         auto c = form({{"password", kPassword}});
         c.as = f.makeIdentity(role, f.unique("wegwerf") + "@matrix.example");
         return c;
       }},
      {"GET", "/admin", roles("303>/anmelden", "403", "403", "200", "403")},
      {"POST", "/admin/benutzer/{id}/rolle", roles("303>/anmelden", "403", "403", "303>/admin", "403"),
       [](Fixture& f, Role) {
         auto c = form({{"role", "redaktion"}});
         c.target = "/admin/benutzer/" + std::to_string(f.cheapUser("befoerdert")) + "/rolle";
         return c;
       }},
      {"GET", "/admin/postfach", roles("303>/anmelden", "403", "403", "200", "403")},

      // Kommunen and organisations
      {"GET", "/kommunen", all("200"), [](Fixture&, Role) { return Cell{"/kommunen?q=flen"}; }},
      {"GET", "/kommunen/{ags}", all("200")},
      {"POST", "/kommunen/{ags}/beitreten", members(std::string("303>/kommunen/") + kFlensburg),
       [](Fixture& f, Role role) {
         f.leaveKommune(role, kFlensburg);
         return Cell{};
       }},
      {"GET", "/govtechs", all("200")},
      {"GET", "/organisationen/neu", members("200")},
      {"POST", "/organisationen", members("303>/organisationen/"),
       [](Fixture& f, Role) {
         return form({{"type", "govtech"}, {"name", f.unique("Stadtdaten Nord GmbH ")},
                      {"website", "https://stadtdaten.example"}, {"contact", "info@stadtdaten.example"},
                      {"description", "Sensorik für Kommunen"}});
       }},
      {"GET", "/organisationen/{id}", all("200")},
      {"POST", "/organisationen/{id}/beitreten",
       roles("303>/anmelden", "303>/organisationen/", "303>/organisationen/", "303>/organisationen/", "409"),
       [](Fixture& f, Role role) {
         if (role != O) f.leave(role, f.org);
         return Cell{};
       }},
      {"POST", "/organisationen/{id}/austreten", roles("303>/anmelden", "303>/profil", "303>/profil", "303>/profil", "409"),
       [](Fixture& f, Role role) {
         if (role != O) f.applyTo(role, f.org);
         return Cell{};
       }},
      {"POST", "/organisationen/{id}/mitglieder/{user}/entscheiden",
       roles("303>/anmelden", "403", "403", "303>/organisationen/", "303>/organisationen/"),
       [](Fixture& f, Role) {
         auto c = form({{"decision", "annehmen"}});
         c.target = "/organisationen/" + orgPath(f) + "/mitglieder/" + std::to_string(f.pendingApplicant()) + "/entscheiden";
         return c;
       }},
      {"GET", "/redaktion", all("302>/redaktion/antraege")},
      {"GET", "/redaktion/antraege", roles("303>/anmelden", "403", "200", "200", "403")},
      {"POST", "/redaktion/antraege/{id}/entscheiden",
       roles("303>/anmelden", "403", "303>/redaktion/antraege", "303>/redaktion/antraege", "403"),
       [](Fixture& f, Role) {
         auto c = form({{"decision", "bestaetigen"}});
         c.target = "/redaktion/antraege/" + std::to_string(f.pendingOrganisation()) + "/entscheiden";
         return c;
       }},

      // Bausteine
      {"GET", "/bausteine/{slug}", all("200"), [](Fixture&, Role) { return Cell{"/bausteine/checkliste-auftragsverarbeitung"}; }},
      {"POST", "/bausteine/{slug}/merken", members("303>/bausteine/"), [](Fixture&, Role) { return Cell{"/bausteine/projektsteckbrief/merken"}; }},
      {"POST", "/bausteine/{slug}/checkliste", members("303>/bausteine/"),
       [](Fixture&, Role) {
         auto c = form({{"punkt", "1"}});
         c.target = "/bausteine/checkliste-auftragsverarbeitung/checkliste";
         return c;
       }},
      {"GET", "/bausteine/{slug}/ausfuellen", all("200"), [](Fixture&, Role) { return Cell{"/bausteine/projektsteckbrief/ausfuellen"}; }},
      {"POST", "/bausteine/{slug}/ausfuellen", all("200"),
       [](Fixture&, Role) {
         auto c = form({{"werte[kommune]", "Matrixstadt (fiktiv)"}, {"format", "docx"}});
         c.target = "/bausteine/projektsteckbrief/ausfuellen";
         return c;
       }},
      {"GET", "/bausteine/{slug}/download", all("200"), [](Fixture&, Role) { return Cell{"/bausteine/projektsteckbrief/download?format=odt"}; }},
      {"GET", "/bausteine/{slug}/druck", all("200"), [](Fixture&, Role) { return Cell{"/bausteine/projektsteckbrief/druck"}; }},
      {"GET", "/bausteine/{slug}/versionen", all("200"), [](Fixture&, Role) { return Cell{"/bausteine/projektsteckbrief/versionen"}; }},
      {"GET", "/bausteine/{slug}/versionen/{version}", all("200"), [](Fixture&, Role) { return Cell{"/bausteine/projektsteckbrief/versionen/1"}; }},
      {"GET", "/bausteine/{slug}/bearbeiten", roles("303>/anmelden", "403", "200", "200", "403"),
       [](Fixture&, Role) { return Cell{"/bausteine/projektsteckbrief/bearbeiten"}; }},
      {"POST", "/bausteine/{slug}/bearbeiten", roles("303>/anmelden", "403", "303>/bausteine/", "303>/bausteine/", "403"),
       [](Fixture&, Role) {
         auto c = form({{"quelltext", bausteinSource("projektsteckbrief")}, {"notiz", "Matrix"}});
         c.target = "/bausteine/projektsteckbrief/bearbeiten";
         return c;
       }},

      // JSON API
      {"GET", "/api/v1/openapi.json", all("200")},
      {"POST", "/api/v1/accessibility-feedback", all("201"),
       [](Fixture&, Role) { return body({{"message", "Der Fokus ist auf der Karte nicht sichtbar."}, {"page_url", "/kommunen"}}); }},
      {"POST", "/api/v1/accounts", all("202"),
       [](Fixture& f, Role) {
         return body({{"email", f.unique("api-neu") + "@example.org"}, {"display_name", "Neu"},
                      {"password", "ein-langes-passwort"}, {"accept_privacy", true}});
       }},
      {"POST", "/api/v1/accounts/confirm", all("200"),
       [](Fixture& f, Role) { return body({{"token", f.emailToken("confirm", false)}}); }},
      {"POST", "/api/v1/password-resets", all("202"),
       [](Fixture& f, Role) { return body({{"email", f.unique("vergessen") + "@example.org"}}); }},
      {"POST", "/api/v1/password-resets/confirm", all("204"),
       [](Fixture& f, Role) { return body({{"token", f.emailToken("reset", true)}, {"password", "ganz-neues-passwort"}}); }},
      {"GET", "/api/v1/me", apiMembers("200")},
      {"PATCH", "/api/v1/me", apiMembers("200"), [](Fixture&, Role) { return body({{"display_name", "Geänderter Name"}}); }},
      {"DELETE", "/api/v1/me", apiMembers("204"),
       [](Fixture& f, Role role) {
         auto c = body({{"password", kPassword}});
         if (role != G) c.as = f.makeIdentity(role, f.unique("api-wegwerf") + "@matrix.example", false);
         return c;
       }},
      {"GET", "/api/v1/me/export", apiMembers("200")},
      {"GET", "/api/v1/me/tokens", apiMembers("200")},
      {"POST", "/api/v1/me/tokens", apiMembers("201"), [](Fixture&, Role) { return body({{"name", "CI"}}); }},
      {"DELETE", "/api/v1/me/tokens/{id}", apiMembers("204"),
       [](Fixture& f, Role role) { return Cell{"/api/v1/me/tokens/" + std::to_string(f.freshToken(role))}; }},
      {"GET", "/api/v1/admin/users", roles("401", "403", "403", "200", "403")},
      {"PUT", "/api/v1/admin/users/{id}/role", roles("401", "403", "403", "204", "403"),
       [](Fixture& f, Role) {
         auto c = body({{"role", "redaktion"}});
         c.target = "/api/v1/admin/users/" + std::to_string(f.cheapUser("api-befoerdert")) + "/role";
         return c;
       }},
      {"GET", "/api/v1/admin/mails", roles("401", "403", "403", "200", "403")},
      {"GET", "/api/v1/kommunen", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/kommunen?q=flen"}; }},
      {"GET", "/api/v1/kommunen/{ags}", all("200")},
      {"POST", "/api/v1/kommunen/{ags}/join", apiMembers("202"),
       [](Fixture& f, Role role) {
         f.leaveKommune(role, kMuenchen);
         return Cell{std::string("/api/v1/kommunen/") + kMuenchen + "/join"};
       }},
      {"GET", "/api/v1/organisations", all("200")},
      {"POST", "/api/v1/organisations", apiMembers("201"),
       [](Fixture& f, Role) {
         return body({{"type", "sonstige"}, {"name", f.unique("Landesamt für Daten ")}, {"sonstige_art", "landesbehoerde"}});
       }},
      {"GET", "/api/v1/organisations/{id}", all("200")},
      {"POST", "/api/v1/organisations/{id}/memberships", roles("401", "202", "202", "202", "409"),
       [](Fixture& f, Role role) {
         if (role != O) f.leave(role, f.org);
         return Cell{};
       }},
      {"PUT", "/api/v1/organisations/{id}/memberships/{user}", roles("401", "403", "403", "204", "204"),
       [](Fixture& f, Role) {
         auto c = body({{"decision", "approve"}});
         c.target = "/api/v1/organisations/" + orgPath(f) + "/memberships/" + std::to_string(f.pendingApplicant());
         return c;
       }},
      {"DELETE", "/api/v1/organisations/{id}/memberships/me", roles("401", "204", "204", "204", "409"),
       [](Fixture& f, Role role) {
         if (role != O) f.applyTo(role, f.org);
         return Cell{};
       }},
      {"GET", "/api/v1/applications", roles("401", "403", "200", "200", "403")},
      {"PUT", "/api/v1/applications/{id}", roles("401", "403", "204", "204", "403"),
       [](Fixture& f, Role) {
         auto c = body({{"decision", "approve"}});
         c.target = "/api/v1/applications/" + std::to_string(f.pendingOrganisation());
         return c;
       }},

      // Use-case library ({slug} is the seeded Sozialräume case unless a row prepares its own)
      {"GET", "/use-cases", all("200"), [](Fixture&, Role) { return Cell{"/use-cases?q=Sozialraum&themenfeld=Soziales"}; }},
      {"GET", "/use-cases/neu", members("200")},
      {"POST", "/use-cases", members("303>/use-cases/"),
       [](Fixture& f, Role) { return form({{"title", f.unique("Leerstandskataster Nord ")}, {"action", "speichern"}}); }},
      {"GET", "/use-cases/meine", members("200")},
      {"GET", "/redaktion/use-cases", roles("303>/anmelden", "403", "200", "200", "403")},
      {"GET", "/use-cases/{slug}", all("200")},
      {"GET", "/use-cases/{slug}/bearbeiten", roles("303>/anmelden", "403", "200", "200", "403")},
      {"POST", "/use-cases/{slug}/bearbeiten", members("303>/use-cases/"),
       [](Fixture& f, Role role) {
         auto c = form({{"title", "Geänderter Matrix-Fall"}, {"action", "speichern"}});
         c.target = "/use-cases/" + f.draftOf(role) + "/bearbeiten";
         return c;
       }},
      {"POST", "/use-cases/{slug}/einreichen", members("303>/use-cases/"),
       [](Fixture& f, Role role) { return Cell{"/use-cases/" + f.draftOf(role) + "/einreichen"}; }},
      {"GET", "/use-cases/{slug}/pruefen", roles("303>/anmelden", "403", "200", "200", "403")},
      {"POST", "/use-cases/{slug}/pruefen", roles("303>/anmelden", "403", "303>/use-cases/", "303>/use-cases/", "403"),
       [](Fixture& f, Role) {
         auto c = form({{"decision", "veroeffentlichen"}, {"note", "Matrix"}});
         c.target = "/use-cases/" + f.inReview() + "/pruefen";
         return c;
       }},
      {"GET", "/use-cases/{slug}/archivieren", roles("303>/anmelden", "403", "200", "200", "403")},
      {"POST", "/use-cases/{slug}/archivieren", roles("303>/anmelden", "403", "303>/use-cases/", "303>/use-cases/", "403"),
       [](Fixture& f, Role) { return Cell{"/use-cases/" + f.published() + "/archivieren"}; }},
      {"POST", "/use-cases/{slug}/wiederherstellen", roles("303>/anmelden", "403", "303>/use-cases/", "303>/use-cases/", "403"),
       [](Fixture& f, Role) { return Cell{"/use-cases/" + f.archived() + "/wiederherstellen"}; }},
      {"POST", "/use-cases/{slug}/interesse", roles("303>/anmelden", "403", "403", "403", "303>/use-cases/"),
       [](Fixture&, Role) { return form({{"action", "eintragen"}, {"public", "1"}}); }},
      {"GET", "/use-cases/{slug}/versionen", all("200")},
      {"GET", "/use-cases/{slug}/versionen/{version}", all("200")},
      {"GET", "/use-cases/{slug}/vergleich", all("200"),
       [](Fixture&, Role) { return Cell{"/use-cases/sozialraeume-berlin-mss/vergleich?von=1&bis=1"}; }},

      // JSON API
      {"GET", "/api/v1/use-cases", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/use-cases?q=Schule&status=pilot"}; }},
      {"POST", "/api/v1/use-cases", apiMembers("201"), [](Fixture& f, Role) { return body({{"title", f.unique("API-Fall ")}}); }},
      {"GET", "/api/v1/me/use-cases", apiMembers("200")},
      {"GET", "/api/v1/review/use-cases", roles("401", "403", "200", "200", "403")},
      {"GET", "/api/v1/open-data/use-cases.json", all("200")},
      {"GET", "/api/v1/open-data/use-cases.csv", all("200")},
      {"GET", "/api/v1/use-cases/{slug}", all("200")},
      {"PUT", "/api/v1/use-cases/{slug}", apiMembers("200"),
       [](Fixture& f, Role role) {
         auto c = body(completeUseCase("Per API geändert"));
         c.target = "/api/v1/use-cases/" + f.draftOf(role);
         return c;
       }},
      {"POST", "/api/v1/use-cases/{slug}/submit", apiMembers("200"),
       [](Fixture& f, Role role) { return Cell{"/api/v1/use-cases/" + f.draftOf(role) + "/submit"}; }},
      {"POST", "/api/v1/use-cases/{slug}/publish", roles("401", "403", "200", "200", "403"),
       [](Fixture& f, Role) { return Cell{"/api/v1/use-cases/" + f.inReview() + "/publish"}; }},
      {"POST", "/api/v1/use-cases/{slug}/request-changes", roles("401", "403", "200", "200", "403"),
       [](Fixture& f, Role) {
         auto c = body({{"comments", {{"loesung", "Bitte die Datenquelle nennen."}}}});
         c.target = "/api/v1/use-cases/" + f.inReview() + "/request-changes";
         return c;
       }},
      {"POST", "/api/v1/use-cases/{slug}/archive", roles("401", "403", "200", "200", "403"),
       [](Fixture& f, Role) { return Cell{"/api/v1/use-cases/" + f.published() + "/archive"}; }},
      {"POST", "/api/v1/use-cases/{slug}/restore", roles("401", "403", "200", "200", "403"),
       [](Fixture& f, Role) { return Cell{"/api/v1/use-cases/" + f.archived() + "/restore"}; }},
      {"GET", "/api/v1/use-cases/{slug}/versions", all("200")},
      {"GET", "/api/v1/use-cases/{slug}/versions/{version}", all("200")},
      {"GET", "/api/v1/use-cases/{slug}/diff", all("200"),
       [](Fixture&, Role) { return Cell{"/api/v1/use-cases/sozialraeume-berlin-mss/diff?from=1&to=1"}; }},
      {"POST", "/api/v1/use-cases/{slug}/interest", roles("401", "403", "403", "403", "200"),
       [](Fixture&, Role) { return body({{"public", true}}); }},
      {"DELETE", "/api/v1/use-cases/{slug}/interest", roles("401", "404", "404", "404", "200"),
       [](Fixture& f, Role role) {
         f.registerInterest(role, "sozialraeume-berlin-mss");
         return Cell{};
       }},
      {"POST", "/api/v1/datasets/validate", roles("401", "200", "200", "200", "200"),
       [](Fixture&, Role) { return Cell{"/api/v1/datasets/validate?model=haushalt&filename=matrix.csv"}; }},
      // Datasets: the Organisations-Admin is a member of `org`, which owns the fixtures; everyone
      // else is not (platform admins may read, but not work with, other organisations' data).
      // Uploads are visible to their uploader only (404 for everyone else).
      {"GET", "/api/v1/datasets", apiMembers("200")},
      {"POST", "/api/v1/datasets/uploads", roles("401", "403", "403", "403", "201"),
       [](Fixture& f, Role) {
         Cell c;
         c.target = "/api/v1/datasets/uploads?organisation=" + orgPath(f) + "&title=Matrix&model=haushalt&filename=matrix.csv";
         c.json = Fixture::haushaltCsv(false);  // the file is the body
         return c;
       }},
      {"GET", "/api/v1/datasets/uploads/{id}/mapping", roles("401", "404", "404", "404", "200"),
       [](Fixture& f, Role) { return Cell{"/api/v1/datasets/uploads/" + f.sharedUpload() + "/mapping"}; }},
      {"POST", "/api/v1/datasets/uploads/{id}/import", roles("401", "404", "404", "404", "202"),
       [](Fixture& f, Role role) {
         auto id = role == O ? std::to_string(f.datasetUpload()) : f.sharedUpload();
         return Cell{"/api/v1/datasets/uploads/" + id + "/import"};
       }},
      {"GET", "/api/v1/datasets/{id}", roles("401", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/api/v1/datasets/" + f.sharedDataset()}; }},
      {"DELETE", "/api/v1/datasets/{id}", roles("401", "403", "403", "204", "204"),
       [](Fixture& f, Role role) {
         auto id = role == A || role == O ? std::to_string(f.dataset().dataset_id) : f.sharedDataset();
         return Cell{"/api/v1/datasets/" + id};
       }},
      {"GET", "/api/v1/datasets/{id}/versions/{version}", roles("401", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/api/v1/datasets/" + f.sharedDataset() + "/versions/1"}; }},
      {"POST", "/api/v1/datasets/{id}/versions/{version}/cancel", roles("401", "403", "403", "403", "202"),
       [](Fixture& f, Role role) {
         auto id = role == O ? std::to_string(f.dataset(false, true).dataset_id) : f.sharedDataset();
         return Cell{"/api/v1/datasets/" + id + "/versions/1/cancel"};
       }},
      {"POST", "/api/v1/datasets/{id}/versions/{version}/decision", roles("401", "403", "403", "403", "200"),
       [](Fixture& f, Role role) {
         auto c = body({{"choice", "discard"}});
         auto id = role == O ? std::to_string(f.dataset(true).dataset_id) : f.sharedDataset();
         c.target = "/api/v1/datasets/" + id + "/versions/1/decision";
         return c;
       }},
      {"GET", "/api/v1/datasets/{id}/versions/{version}/rejects", roles("401", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/api/v1/datasets/" + f.sharedDataset() + "/versions/1/rejects"}; }},
      {"GET", "/api/v1/datasets/{id}/rows", roles("401", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/api/v1/datasets/" + f.sharedDataset() + "/rows?limit=5"}; }},
      {"GET", "/api/v1/datasets/{id}/download", roles("401", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/api/v1/datasets/" + f.sharedDataset() + "/download?format=xlsx"}; }},
      {"GET", "/api/v1/import-profiles", roles("401", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/api/v1/import-profiles?organisation=" + orgPath(f)}; }},
      {"GET", "/api/v1/import-profiles/{id}", roles("401", "403", "403", "200", "200"),
       [](Fixture& f, Role) { return Cell{"/api/v1/import-profiles/" + f.sharedProfile()}; }},
      {"GET", "/api/v1/models", all("200")},
      {"GET", "/api/v1/models/{slug}", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/models/schulen"}; }},
      {"GET", "/api/v1/models/{slug}/datapackage", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/models/schulen/datapackage"}; }},
      {"GET", "/api/v1/models/{slug}/template", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/models/schulen/template?format=csv"}; }},
      {"GET", "/api/v1/models/{slug}/example", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/models/schulen/example"}; }},
      {"GET", "/api/v1/models/{slug}/versions", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/models/schulen/versions"}; }},
      {"GET", "/api/v1/models/{slug}/diff", all("200"),
       [](Fixture&, Role) { return Cell{"/api/v1/models/sozialraum-indikatoren/diff?from=1.0.0&to=1.1.0"}; }},
      {"GET", "/api/v1/models/{slug}/synth", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/models/haushalt/synth?rows=20&seed=3"}; }},
      {"GET", "/api/v1/models/{slug}/openapi", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/models/schulen/openapi"}; }},
      {"GET", "/api/v1/bausteine", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/bausteine?q=Checkliste&typ=checkliste"}; }},
      {"GET", "/api/v1/bausteine/{slug}", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/bausteine/projektsteckbrief"}; }},
      {"GET", "/api/v1/bausteine/{slug}/download", all("200"),
       [](Fixture&, Role) { return Cell{"/api/v1/bausteine/projektsteckbrief/download?format=docx&werte%5Bkommune%5D=Matrixstadt"}; }},
      {"POST", "/api/v1/bausteine/{slug}/download", all("200"),
       [](Fixture&, Role) {
         auto c = body({{"format", "pptx"}, {"werte", {{"kommune", "Matrixstadt"}}}});
         c.target = "/api/v1/bausteine/praesentation-verwaltungsspitze/download";
         return c;
       }},
      {"GET", "/api/v1/bausteine/{slug}/versionen", all("200"), [](Fixture&, Role) { return Cell{"/api/v1/bausteine/projektsteckbrief/versionen"}; }},
      {"GET", "/api/v1/bausteine/{slug}/quelltext", roles("401", "403", "200", "200", "403"),
       [](Fixture&, Role) { return Cell{"/api/v1/bausteine/projektsteckbrief/quelltext"}; }},
      {"PUT", "/api/v1/bausteine/{slug}/quelltext", roles("401", "403", "200", "200", "403"),
       [](Fixture&, Role) {
         auto c = body({{"source", bausteinSource("projektsteckbrief")}, {"note", "Matrix"}});
         c.target = "/api/v1/bausteine/projektsteckbrief/quelltext";
         return c;
       }},
      {"GET", "/api/v1/me/merkliste", apiMembers("200")},
      {"PUT", "/api/v1/me/merkliste/{slug}", apiMembers("204"), [](Fixture&, Role) { return Cell{"/api/v1/me/merkliste/projektsteckbrief"}; }},
      {"DELETE", "/api/v1/me/merkliste/{slug}", apiMembers("204"), [](Fixture&, Role) { return Cell{"/api/v1/me/merkliste/projektsteckbrief"}; }},
      {"GET", "/api/v1/me/checklisten/{slug}", apiMembers("200"),
       [](Fixture&, Role) { return Cell{"/api/v1/me/checklisten/checkliste-auftragsverarbeitung"}; }},
      {"PUT", "/api/v1/me/checklisten/{slug}", apiMembers("200"),
       [](Fixture&, Role) {
         auto c = body({{"checked", {0, 1}}});
         c.target = "/api/v1/me/checklisten/checkliste-auftragsverarbeitung";
         return c;
       }},
  };
  return rows;
}

// ---- Running it -----------------------------------------------------------------------------

std::string substitute(Fixture& f, const std::string& pattern) {
  std::string out;
  for (auto& seg : strings::split(pattern.substr(1), '/')) {
    std::string value = seg;
    if (seg == "{ags}") value = kFlensburg;
    else if (seg == "{slug}") value = "sozialraeume-berlin-mss";
    else if (seg == "{version}") value = "1";
    else if (seg == "{id}") value = orgPath(f);
    else if (seg.size() > 2 && seg.front() == '{') throw std::runtime_error("kein Wert für " + seg + " in " + pattern);
    out += "/" + value;
  }
  return out.empty() ? "/" : out;
}

HttpResponse perform(Fixture& f, const Row& row, Role role, Cell& cell) {
  auto& who = cell.as ? *cell.as : *f.identities.at(role);
  if (row.pattern.rfind("/api/", 0) == 0) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!who.token.empty()) headers.emplace_back("Authorization", "Bearer " + who.token);
    std::string payload;
    if (row.method != "GET") {
      headers.emplace_back("Content-Type", "application/json");
      payload = cell.json;
    }
    return request(f.server.port(), row.method, cell.target, headers, payload);
  }
  if (row.method == "GET") return who.browser->get(cell.target);
  if (row.method == "POST") return who.browser->postForm(cell.target, cell.form);
  throw std::runtime_error("HTML-Methode " + row.method + " wird im Test nicht unterstützt");
}

// "" if the response meets the expectation, else a description of the difference.
std::string check(const Row& row, const std::string& expected, const HttpResponse& res) {
  auto arrow = expected.find('>');
  int status = std::stoi(expected.substr(0, arrow));
  std::string location = arrow == std::string::npos ? "" : expected.substr(arrow + 1);
  std::string got = std::to_string(res.status);
  if (!res.header("location").empty()) got += ">" + res.header("location");
  if (res.status != status || (!location.empty() && res.header("location").rfind(location, 0) != 0)) {
    return "erwartet " + expected + ", erhalten " + got + (res.status >= 400 ? " " + res.body.substr(0, 200) : "");
  }
  bool api = row.pattern.rfind("/api/", 0) == 0;
  auto contentType = res.header("content-type");
  if (api && status >= 400 && contentType != "application/problem+json") {
    return "API-Fehler ohne application/problem+json (" + contentType + ")";
  }
  if (api && status == 401 && res.header("www-authenticate").empty()) return "401 ohne WWW-Authenticate";
  if (!api && (status == 403 || status == 404 || status == 409) && contentType.rfind("text/html", 0) != 0) {
    return "HTML-Fehler ohne Fehlerseite (" + contentType + ")";
  }
  return {};
}

class RouteMatrix : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
  }
};

TEST_P(RouteMatrix, EveryRouteEveryRole) {
  auto started = std::chrono::steady_clock::now();
  Fixture f(GetParam());

  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& r : f.server.app().router().routes()) registered.emplace(http::methodName(r.method), r.pattern);
  std::set<std::pair<std::string, std::string>> tabled;
  for (const auto& row : matrix()) {
    EXPECT_TRUE(tabled.emplace(row.method, row.pattern).second) << "doppelte Zeile " << row.method << " " << row.pattern;
    EXPECT_EQ(row.expect.size(), std::size(kRoles)) << row.method << " " << row.pattern << ": nicht jede Rolle hat eine Erwartung";
    if (!row.optional) {
      EXPECT_TRUE(registered.contains({row.method, row.pattern}))
          << "Zeile " << row.method << " " << row.pattern << " beschreibt eine Route, die es nicht (mehr) gibt";
    }
  }
  for (const auto& [method, pattern] : registered) {
    EXPECT_TRUE(tabled.contains({method, pattern}))
        << "Route " << method << " " << pattern
        << " hat keine Zeile in der Berechtigungsmatrix (tests/integration/route_matrix_test.cc): "
           "bitte für jede Rolle festlegen, was sie bekommt";
  }

  int cells = 0;
  for (const auto& row : matrix()) {
    if (!registered.contains({row.method, row.pattern})) continue;
    for (Role role : kRoles) {
      Cell cell = row.prepare ? row.prepare(f, role) : Cell{};
      if (cell.target.empty()) cell.target = substitute(f, row.pattern);
      auto res = perform(f, row, role, cell);
      auto problem = check(row, row.expect.at(role), res);
      EXPECT_TRUE(problem.empty()) << row.method << " " << cell.target << " als " << roleName(role) << ": " << problem;
      ++cells;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "[ matrix   ] " << cells << " Zellen (" << registered.size() << " Routen × " << std::size(kRoles)
            << " Rollen) in " << seconds << " s auf " << backendName(GetParam()) << "\n";
  EXPECT_LT(seconds, 20.0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RouteMatrix, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

}  // namespace
}  // namespace opgv::test
