#include "features/organisations/repository.h"

namespace opgv::organisations {
namespace {

const std::string kKommuneColumns = "ags, name, verwaltungstyp, bundesland, kreis_ags, einwohner, plz, stand";
// Prefix matches on the name or any word of it, PLZ or AGS prefixes; exact and larger places first.
const std::string kSearchKommunen =
    "SELECT " + kKommuneColumns + " FROM kommunen WHERE ($1 <> '' AND (name_folded LIKE $2 OR name_folded LIKE $3)) "
    "OR ($4 <> '' AND (plz LIKE $5 OR ags LIKE $5)) "
    "ORDER BY CASE WHEN name_folded = $1 OR ags = $4 OR plz = $4 THEN 0 WHEN name_folded LIKE $2 THEN 1 ELSE 2 END, "
    "COALESCE(einwohner, 0) DESC, name LIMIT $6";
const std::string kSelectKommune = "SELECT " + kKommuneColumns + " FROM kommunen WHERE ags = $1";
const std::string kOrgColumns =
    "id, type, name, slug, ags, website, description, contact, sonstige_art, status, is_example, created_at";
const std::string kSelectOrgById = "SELECT " + kOrgColumns + " FROM organisations WHERE id = $1";
const std::string kSelectOrgByAgs = "SELECT " + kOrgColumns + " FROM organisations WHERE ags = $1";
const std::string kSelectOrgsByType = "SELECT " + kOrgColumns + " FROM organisations WHERE type = $1 AND (status = 'active' OR $2 = 0) ORDER BY name";
const std::string kSelectPendingOrgs = "SELECT " + kOrgColumns + " FROM organisations WHERE status = 'pending' ORDER BY created_at";
constexpr std::string_view kInsertOrg =
    "INSERT INTO organisations (type, name, slug, ags, website, description, contact, sonstige_art, status, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10) RETURNING id";
constexpr std::string_view kActivateOrg = "UPDATE organisations SET status = 'active' WHERE id = $1";
constexpr std::string_view kDeleteOrg = "DELETE FROM organisations WHERE id = $1";
const std::string kMemberColumns =
    "m.id, m.organisation_id, m.user_id, u.display_name, u.email, m.role, m.status, m.created_at";
const std::string kSelectMembers = "SELECT " + kMemberColumns +
                                   " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 "
                                   "ORDER BY m.status DESC, u.display_name";
const std::string kSelectMembership = "SELECT " + kMemberColumns +
                                      " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND m.user_id = $2";
const std::string kSelectMembershipsOfUser = "SELECT " + kMemberColumns +
                                             " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 ORDER BY m.created_at";
constexpr std::string_view kInsertMembership =
    "INSERT INTO memberships (organisation_id, user_id, role, status, created_at) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kDecideMembership =
    "UPDATE memberships SET status = $1, decided_by = $2, decided_at = $3 WHERE organisation_id = $4 AND user_id = $5";
constexpr std::string_view kDeleteMembership = "DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2";
constexpr std::string_view kActiveAdminCount =
    "SELECT COUNT(*) FROM memberships WHERE organisation_id = $1 AND role = 'org_admin' AND status = 'active'";
constexpr std::string_view kAdminEmails =
    "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 "
    "AND m.role = 'org_admin' AND m.status = 'active'";
constexpr std::string_view kRedaktionEmails =
    "SELECT email FROM users WHERE platform_role IN ('redaktion', 'admin') AND status = 'active'";

Kommune kommuneFromRow(const db::Row& r) {
  return Kommune{r.str(0), r.str(1), r.str(2), r.str(3), r.optStr(4).value_or(""), r.optI64(5), r.optStr(6).value_or(""), r.str(7)};
}

Organisation orgFromRow(const db::Row& r) {
  Organisation o;
  o.id = r.i64(0);
  o.type = r.str(1);
  o.name = r.str(2);
  o.slug = r.str(3);
  o.ags = r.optStr(4);
  o.website = r.optStr(5).value_or("");
  o.description = r.optStr(6).value_or("");
  o.contact = r.optStr(7).value_or("");
  o.sonstige_art = r.optStr(8).value_or("");
  o.status = r.str(9);
  o.is_example = r.i64(10) != 0;
  o.created_at = r.i64(11);
  return o;
}

Membership memberFromRow(const db::Row& r) {
  return Membership{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.str(6), r.i64(7)};
}

std::string escapeLike(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_') continue;  // wildcards typed by users are dropped, not interpreted
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<Kommune> OrganisationRepository::searchKommunen(const std::string& foldedName, const std::string& digits,
                                                            int limit) {
  auto name = escapeLike(foldedName);
  auto num = escapeLike(digits);
  std::vector<Kommune> out;
  for (const auto& r : db_.query(kSearchKommunen, {name, name + "%", "% " + name + "%", num, num + "%", limit}).rows) {
    out.push_back(kommuneFromRow(r));
  }
  return out;
}

std::optional<Kommune> OrganisationRepository::kommune(const std::string& ags) {
  auto rs = db_.query(kSelectKommune, {ags});
  if (rs.empty()) return std::nullopt;
  return kommuneFromRow(rs.first());
}

std::optional<Organisation> OrganisationRepository::byId(int64_t id) {
  auto rs = db_.query(kSelectOrgById, {id});
  if (rs.empty()) return std::nullopt;
  return orgFromRow(rs.first());
}

std::optional<Organisation> OrganisationRepository::byAgs(const std::string& ags) {
  auto rs = db_.query(kSelectOrgByAgs, {ags});
  if (rs.empty()) return std::nullopt;
  return orgFromRow(rs.first());
}

std::vector<Organisation> OrganisationRepository::byType(const std::string& type, bool activeOnly) {
  std::vector<Organisation> out;
  for (const auto& r : db_.query(kSelectOrgsByType, {type, activeOnly ? 1 : 0}).rows) out.push_back(orgFromRow(r));
  return out;
}

std::vector<Organisation> OrganisationRepository::pending() {
  std::vector<Organisation> out;
  for (const auto& r : db_.query(kSelectPendingOrgs).rows) out.push_back(orgFromRow(r));
  return out;
}

std::optional<int64_t> OrganisationRepository::insert(const Organisation& o, int64_t createdBy, int64_t now) {
  try {
    auto optional = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional(s); };
    return db_.query(kInsertOrg, {o.type, o.name, o.slug, o.ags, optional(o.website), optional(o.description),
                                  optional(o.contact), optional(o.sonstige_art), now, createdBy})
        .first()
        .i64(0);
  } catch (const db::DbError& e) {
    if (e.isUniqueViolation()) return std::nullopt;
    throw;
  }
}

void OrganisationRepository::activate(int64_t orgId) { db_.query(kActivateOrg, {orgId}); }
void OrganisationRepository::remove(int64_t orgId) { db_.query(kDeleteOrg, {orgId}); }

std::vector<Membership> OrganisationRepository::members(int64_t orgId) {
  std::vector<Membership> out;
  for (const auto& r : db_.query(kSelectMembers, {orgId}).rows) out.push_back(memberFromRow(r));
  return out;
}

std::optional<Membership> OrganisationRepository::membership(int64_t orgId, int64_t userId) {
  auto rs = db_.query(kSelectMembership, {orgId, userId});
  if (rs.empty()) return std::nullopt;
  return memberFromRow(rs.first());
}

std::vector<std::pair<Organisation, Membership>> OrganisationRepository::membershipsOfUser(int64_t userId) {
  std::vector<std::pair<Organisation, Membership>> out;
  for (const auto& r : db_.query(kSelectMembershipsOfUser, {userId}).rows) {
    auto m = memberFromRow(r);
    if (auto o = byId(m.organisation_id)) out.emplace_back(*o, m);
  }
  return out;
}

bool OrganisationRepository::addMembership(int64_t orgId, int64_t userId, const std::string& role,
                                           const std::string& status, int64_t now) {
  try {
    db_.query(kInsertMembership, {orgId, userId, role, status, now});
    return true;
  } catch (const db::DbError& e) {
    if (e.isUniqueViolation()) return false;
    throw;
  }
}

void OrganisationRepository::decideMembership(int64_t orgId, int64_t userId, const std::string& status,
                                              int64_t decidedBy, int64_t now) {
  db_.query(kDecideMembership, {status, decidedBy, now, orgId, userId});
}

void OrganisationRepository::removeMembership(int64_t orgId, int64_t userId) {
  db_.query(kDeleteMembership, {orgId, userId});
}

int64_t OrganisationRepository::activeAdminCount(int64_t orgId) {
  return db_.query(kActiveAdminCount, {orgId}).first().i64(0);
}

std::vector<std::string> OrganisationRepository::adminEmails(int64_t orgId) {
  std::vector<std::string> out;
  for (const auto& r : db_.query(kAdminEmails, {orgId}).rows) out.push_back(r.str(0));
  return out;
}

std::vector<std::string> OrganisationRepository::redaktionEmails() {
  std::vector<std::string> out;
  for (const auto& r : db_.query(kRedaktionEmails).rows) out.push_back(r.str(0));
  return out;
}

}  // namespace opgv::organisations
