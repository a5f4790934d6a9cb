#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"
#include "features/organisations/model.h"

namespace opgv::organisations {

class OrganisationRepository {
 public:
  explicit OrganisationRepository(db::Database& database) : db_(database) {}

  std::vector<Kommune> searchKommunen(const std::string& foldedName, const std::string& digits, int limit);
  std::optional<Kommune> kommune(const std::string& ags);

  std::optional<Organisation> byId(int64_t id);
  std::optional<Organisation> byAgs(const std::string& ags);
  std::vector<Organisation> byType(const std::string& type, bool activeOnly);
  std::vector<Organisation> pending();
  // nullopt if the slug or AGS is already taken.
  std::optional<int64_t> insert(const Organisation& org, int64_t createdBy, int64_t now);
  void activate(int64_t orgId);
  void remove(int64_t orgId);

  std::vector<Membership> members(int64_t orgId);
  std::optional<Membership> membership(int64_t orgId, int64_t userId);
  std::vector<std::pair<Organisation, Membership>> membershipsOfUser(int64_t userId);
  bool addMembership(int64_t orgId, int64_t userId, const std::string& role, const std::string& status, int64_t now);
  void decideMembership(int64_t orgId, int64_t userId, const std::string& status, int64_t decidedBy, int64_t now);
  void removeMembership(int64_t orgId, int64_t userId);
  int64_t activeAdminCount(int64_t orgId);
  std::vector<std::string> adminEmails(int64_t orgId);
  std::vector<std::string> redaktionEmails();

 private:
  db::Database& db_;
};

}  // namespace opgv::organisations
