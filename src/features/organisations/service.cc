#include "features/organisations/service.h"

#include "auth/authorization.h"
#include "common/strings.h"

namespace opgv::organisations {

std::string slugify(const std::string& name) {
  auto folded = strings::foldGerman(name);
  std::string slug;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 60) slug.resize(60);
  return slug.empty() ? "organisation" : slug;
}

Result<std::vector<Kommune>> OrganisationService::searchKommunen(const std::string& rawQuery, int limit) {
  auto query = strings::trim(rawQuery);
  if (strings::utf8Length(query) > 100) return invalid({{"q", "Der Suchbegriff ist zu lang (höchstens 100 Zeichen)."}});
  if (query.empty()) return std::vector<Kommune>{};
  bool digits = query.find_first_not_of("0123456789") == std::string::npos;
  limit = std::clamp(limit, 1, 100);
  if (digits) return repo_.searchKommunen("", query, limit);
  return repo_.searchKommunen(strings::foldGerman(query), "", limit);
}

Result<KommuneView> OrganisationService::kommune(const auth::Principal& who, const std::string& ags) {
  auto k = repo_.kommune(ags);
  if (!k) return fail(ErrorCode::kNotFound, "Eine Kommune mit dem Schlüssel „" + ags + "“ gibt es im Verzeichnis nicht.");
  KommuneView view{*k, repo_.byAgs(ags), std::nullopt};
  if (view.organisation && who.loggedIn()) view.my_membership = repo_.membership(view.organisation->id, *who.user_id);
  return view;
}

Result<JoinOutcome> OrganisationService::joinKommune(const auth::Principal& who, const std::string& ags) {
  if (auto s = auth::requireLogin(who); !s) return std::unexpected(s.error());
  auto k = repo_.kommune(ags);
  if (!k) return fail(ErrorCode::kNotFound, "Diese Kommune gibt es im Verzeichnis nicht.");
  if (auto org = repo_.byAgs(ags)) return requestMembership(who, *org);
  Organisation org;
  org.type = "kommune";
  org.name = k->name;
  org.slug = "kommune-" + k->ags;
  org.ags = k->ags;
  auto now = clock_.nowSeconds();
  auto id = repo_.insert(org, *who.user_id, now);
  if (!id) {
    // Someone else created it a moment ago: join that one instead.
    if (auto existing = repo_.byAgs(ags)) return requestMembership(who, *existing);
    return fail(ErrorCode::kConflict, "Die Organisation konnte nicht angelegt werden. Bitte versuchen Sie es erneut.");
  }
  repo_.addMembership(*id, *who.user_id, "org_admin", "pending", now);
  notify(repo_.redaktionEmails(), "Neuer Antrag: " + k->name,
         who.display_name + " (" + who.email + ") möchte erste Organisations-Admin für " + k->name + " (AGS " + k->ags +
             ") werden.\n\nBitte prüfen: " + base_url_ + "/redaktion/antraege\n");
  return JoinOutcome::kRequestedFirstAdmin;
}

bool OrganisationService::canManage(const auth::Principal& who, int64_t orgId) {
  if (!who.loggedIn()) return false;
  if (who.atLeast(auth::PlatformRole::kAdmin)) return true;
  auto m = repo_.membership(orgId, *who.user_id);
  return m && m->role == "org_admin" && m->status == "active";
}

Result<OrganisationView> OrganisationService::organisation(const auth::Principal& who, int64_t id) {
  auto org = repo_.byId(id);
  if (!org) return fail(ErrorCode::kNotFound, "Diese Organisation gibt es nicht.");
  OrganisationView view;
  view.organisation = *org;
  if (org->ags) view.kommune = repo_.kommune(*org->ags);
  if (who.loggedIn()) view.my_membership = repo_.membership(id, *who.user_id);
  view.can_manage = canManage(who, id);
  bool isMember = view.my_membership && view.my_membership->status == "active";
  if (org->status != "active" && !view.can_manage && !who.atLeast(auth::PlatformRole::kRedaktion) && !view.my_membership) {
    return fail(ErrorCode::kNotFound, "Diese Organisation gibt es nicht.");
  }
  if (isMember || view.can_manage || who.atLeast(auth::PlatformRole::kRedaktion)) {
    for (auto& m : repo_.members(id)) {
      // Pending requests and e-mail addresses are for those who decide, not for every member.
      if (!view.can_manage && !who.atLeast(auth::PlatformRole::kRedaktion)) {
        if (m.status != "active") continue;
        m.user_email.clear();
      }
      view.members.push_back(m);
    }
  }
  return view;
}

Result<std::vector<Organisation>> OrganisationService::list(const std::string& type) {
  if (type != "kommune" && type != "govtech" && type != "sonstige") {
    return invalid({{"type", "Unbekannter Organisationstyp. Erlaubt: kommune, govtech, sonstige."}});
  }
  return repo_.byType(type, true);
}

Result<int64_t> OrganisationService::create(const auth::Principal& who, const NewOrganisation& input) {
  if (auto s = auth::requireLogin(who); !s) return std::unexpected(s.error());
  std::vector<FieldError> errors;
  auto name = strings::trim(input.name);
  if (input.type != "govtech" && input.type != "sonstige") {
    errors.push_back({"type", "Bitte wählen Sie „GovTech-Unternehmen“ oder „Sonstige“. Kommunen finden Sie über die Kommunensuche."});
  }
  if (name.size() < 2) errors.push_back({"name", "Bitte geben Sie den Namen der Organisation an."});
  if (strings::utf8Length(name) > 150) errors.push_back({"name", "Der Name darf höchstens 150 Zeichen lang sein."});
  auto website = strings::trim(input.website);
  bool webAddress = strings::startsWith(website, "https://") || strings::startsWith(website, "http://");
  // Required for GovTechs; for others optional, but if given it must be a web address (no javascript: etc.).
  if ((input.type == "govtech" || !website.empty()) && !webAddress) {
    errors.push_back({"website", "Bitte geben Sie die Website mit https:// an, z. B. https://www.beispiel.de."});
  }
  if (website.size() > 300) errors.push_back({"website", "Die Adresse ist zu lang."});
  if (strings::utf8Length(input.description) > 2000) errors.push_back({"description", "Die Beschreibung darf höchstens 2.000 Zeichen lang sein."});
  if (input.type == "govtech" && strings::trim(input.contact).empty()) {
    errors.push_back({"contact", "Bitte nennen Sie einen Kontakt (E-Mail-Adresse oder Telefon)."});
  }
  if (strings::utf8Length(input.contact) > 300) errors.push_back({"contact", "Der Kontakt ist zu lang."});
  if (input.type == "sonstige" && input.sonstige_art != "landesbehoerde" && input.sonstige_art != "forschung" &&
      input.sonstige_art != "verband") {
    errors.push_back({"sonstige_art", "Bitte wählen Sie die Art: Landesbehörde, Forschung oder Verband."});
  }
  if (!errors.empty()) return invalid(errors);
  Organisation org;
  org.type = input.type;
  org.name = name;
  org.website = website;
  org.description = strings::trim(input.description);
  org.contact = strings::trim(input.contact);
  org.sonstige_art = input.type == "sonstige" ? input.sonstige_art : "";
  auto now = clock_.nowSeconds();
  std::optional<int64_t> id;
  for (int attempt = 0; attempt < 5 && !id; ++attempt) {
    org.slug = slugify(name) + (attempt ? "-" + std::to_string(attempt + 1) : "");
    id = repo_.insert(org, *who.user_id, now);
  }
  if (!id) return fail(ErrorCode::kConflict, "Eine Organisation mit diesem Namen gibt es bereits.");
  repo_.addMembership(*id, *who.user_id, "org_admin", "pending", now);
  notify(repo_.redaktionEmails(), "Neue Organisation: " + name,
         who.display_name + " hat die Organisation „" + name + "“ (" + organisationTypeLabel(org.type) +
             ") angelegt.\n\nBitte prüfen: " + base_url_ + "/redaktion/antraege\n");
  return *id;
}

Result<JoinOutcome> OrganisationService::join(const auth::Principal& who, int64_t orgId) {
  if (auto s = auth::requireLogin(who); !s) return std::unexpected(s.error());
  auto org = repo_.byId(orgId);
  // A pending organisation is invisible to outsiders (404), so it cannot be joined by its id either:
  // a membership request would make it visible to them. Pending Kommunen are joined via their AGS.
  if (!org || (org->status != "active" && !repo_.membership(orgId, *who.user_id))) {
    return fail(ErrorCode::kNotFound, "Diese Organisation gibt es nicht.");
  }
  return requestMembership(who, *org);
}

Result<JoinOutcome> OrganisationService::requestMembership(const auth::Principal& who, const Organisation& org) {
  auto orgId = org.id;
  if (auto existing = repo_.membership(orgId, *who.user_id)) {
    return fail(ErrorCode::kConflict, existing->status == "active" ? "Sie sind bereits Mitglied dieser Organisation."
                                                                   : "Ihr Antrag liegt bereits vor und wird geprüft.");
  }
  auto now = clock_.nowSeconds();
  if (!repo_.addMembership(orgId, *who.user_id, "mitglied", "pending", now)) {
    return fail(ErrorCode::kConflict, "Ihr Antrag liegt bereits vor und wird geprüft.");
  }
  auto admins = repo_.adminEmails(orgId);
  if (admins.empty()) admins = repo_.redaktionEmails();
  notify(admins, "Beitrittsantrag für " + org.name,
         who.display_name + " möchte " + org.name + " beitreten.\n\nBitte entscheiden: " + base_url_ +
             "/organisationen/" + std::to_string(orgId) + "\n");
  return JoinOutcome::kRequestedMembership;
}

Status OrganisationService::decideMembership(const auth::Principal& who, int64_t orgId, int64_t userId, bool approve) {
  if (auto s = auth::requireLogin(who); !s) return s;
  if (!canManage(who, orgId)) {
    return fail(ErrorCode::kForbidden, "Nur Organisations-Admins dieser Organisation können über Anträge entscheiden.");
  }
  auto m = repo_.membership(orgId, userId);
  if (!m || m->status != "pending") return fail(ErrorCode::kNotFound, "Dieser Antrag liegt nicht (mehr) vor.");
  auto org = repo_.byId(orgId);
  if (approve) {
    repo_.decideMembership(orgId, userId, "active", *who.user_id, clock_.nowSeconds());
    notify({m->user_email}, "Willkommen bei " + org->name,
           "Ihr Beitritt zu " + org->name + " wurde bestätigt.\n\n" + base_url_ + "/organisationen/" + std::to_string(orgId) + "\n");
  } else {
    repo_.removeMembership(orgId, userId);
    notify({m->user_email}, "Ihr Antrag bei " + org->name, "Ihr Beitrittsantrag zu " + org->name + " wurde abgelehnt.\n");
  }
  return {};
}

Status OrganisationService::leave(const auth::Principal& who, int64_t orgId) {
  if (auto s = auth::requireLogin(who); !s) return s;
  auto m = repo_.membership(orgId, *who.user_id);
  if (!m) return fail(ErrorCode::kNotFound, "Sie sind nicht Mitglied dieser Organisation.");
  if (m->role == "org_admin" && m->status == "active" && repo_.activeAdminCount(orgId) <= 1 && repo_.members(orgId).size() > 1) {
    return fail(ErrorCode::kConflict,
                "Sie sind die einzige Organisations-Admin. Bitte bestimmen Sie zuerst eine Nachfolge.");
  }
  repo_.removeMembership(orgId, *who.user_id);
  return {};
}

Result<std::vector<std::pair<Organisation, std::vector<Membership>>>> OrganisationService::pendingApplications(
    const auth::Principal& who) {
  if (auto s = auth::requireRole(who, auth::PlatformRole::kRedaktion); !s) return std::unexpected(s.error());
  std::vector<std::pair<Organisation, std::vector<Membership>>> out;
  for (auto& org : repo_.pending()) out.emplace_back(org, repo_.members(org.id));
  return out;
}

Status OrganisationService::confirmApplication(const auth::Principal& who, int64_t orgId, bool approve) {
  if (auto s = auth::requireRole(who, auth::PlatformRole::kRedaktion); !s) return s;
  auto org = repo_.byId(orgId);
  if (!org || org->status != "pending") return fail(ErrorCode::kNotFound, "Dieser Antrag liegt nicht (mehr) vor.");
  auto members = repo_.members(orgId);
  if (!approve) {
    repo_.remove(orgId);
    for (const auto& m : members) {
      notify({m.user_email}, "Ihr Antrag: " + org->name, "Ihr Antrag für " + org->name + " wurde von der Redaktion abgelehnt.\n");
    }
    return {};
  }
  repo_.activate(orgId);
  auto now = clock_.nowSeconds();
  // Colleagues may have asked to join while the organisation waited; the new admin decides.
  size_t waiting = 0;
  for (const auto& m : members) waiting += m.role == "mitglied" && m.status == "pending";
  std::string waitingNote = waiting == 0 ? "" : "\nEs warten " + std::to_string(waiting) +
                                                    " Beitrittsanträge auf Ihre Entscheidung.\n";
  for (const auto& m : members) {
    if (m.role == "org_admin") {
      repo_.decideMembership(orgId, m.user_id, "active", *who.user_id, now);
      notify({m.user_email}, "Sie sind Organisations-Admin: " + org->name,
             "Die Redaktion hat Sie als Organisations-Admin für " + org->name + " bestätigt.\n" + waitingNote +
                 "\n" + base_url_ + "/organisationen/" + std::to_string(orgId) + "\n");
    }
  }
  return {};
}

void OrganisationService::notify(const std::vector<std::string>& recipients, const std::string& subject,
                                 const std::string& body) {
  for (const auto& to : recipients) mailer_.send({to, subject, "Guten Tag,\n\n" + body});
}

}  // namespace opgv::organisations
