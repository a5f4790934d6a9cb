#pragma once
// Organisations and the Kommunen directory. A user finds "meine Kommune", then either joins
// its organisation (an Organisations-Admin approves) or, if it has none yet, applies to become
// its first admin (Redaktion confirms). GovTechs and other organisations are created the same
// way. Rights are checked here.
#include <string>
#include <vector>

#include "auth/principal.h"
#include "common/clock.h"
#include "common/result.h"
#include "features/organisations/model.h"
#include "features/organisations/repository.h"
#include "mail/mailer.h"

namespace opgv::organisations {

struct KommuneView {
  Kommune kommune;
  std::optional<Organisation> organisation;
  std::optional<Membership> my_membership;
};

struct OrganisationView {
  Organisation organisation;
  std::optional<Kommune> kommune;
  std::vector<Membership> members;  // only for members, Redaktion and admins
  bool can_manage = false;
  std::optional<Membership> my_membership;
};

struct NewOrganisation {
  std::string type;  // govtech | sonstige
  std::string name;
  std::string website;
  std::string description;
  std::string contact;
  std::string sonstige_art;
};

enum class JoinOutcome { kRequestedMembership, kRequestedFirstAdmin };

class OrganisationService {
 public:
  OrganisationService(db::Database& database, const Clock& clock, mail::Mailer& mailer, std::string baseUrl)
      : repo_(database), clock_(clock), mailer_(mailer), base_url_(std::move(baseUrl)) {}

  // Accepts a name, a PLZ or an AGS (prefixes work). Empty query → empty list.
  Result<std::vector<Kommune>> searchKommunen(const std::string& query, int limit);
  Result<KommuneView> kommune(const auth::Principal& who, const std::string& ags);
  Result<JoinOutcome> joinKommune(const auth::Principal& who, const std::string& ags);

  Result<OrganisationView> organisation(const auth::Principal& who, int64_t id);
  Result<std::vector<Organisation>> list(const std::string& type);
  Result<int64_t> create(const auth::Principal& who, const NewOrganisation& input);
  Result<JoinOutcome> join(const auth::Principal& who, int64_t orgId);
  Status decideMembership(const auth::Principal& who, int64_t orgId, int64_t userId, bool approve);
  Status leave(const auth::Principal& who, int64_t orgId);

  Result<std::vector<std::pair<Organisation, std::vector<Membership>>>> pendingApplications(const auth::Principal& who);
  Status confirmApplication(const auth::Principal& who, int64_t orgId, bool approve);


 private:
  bool canManage(const auth::Principal& who, int64_t orgId);
  Result<JoinOutcome> requestMembership(const auth::Principal& who, const Organisation& org);
  void notify(const std::vector<std::string>& recipients, const std::string& subject, const std::string& body);

  OrganisationRepository repo_;
  const Clock& clock_;
  mail::Mailer& mailer_;
  std::string base_url_;
};

std::string slugify(const std::string& name);

}  // namespace opgv::organisations
