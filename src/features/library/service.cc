#include "features/library/service.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "common/crypto.h"
#include "common/strings.h"
#include "features/library/content_loader.h"
#include "features/organisations/repository.h"

namespace opgv::library {
namespace {

const std::set<std::string> kStatus = {"idee", "pilot", "im_betrieb", "verstetigt", "eingestellt"};
const std::set<std::string> kForms = {"public_interface", "trusted_intermediary", "data_pooling",
                                      "research_partnership", "prizes_challenges", "intelligence_generation"};
const std::set<std::string> kPhases = {"ueberzeugen", "umsetzen", "integrieren"};
const std::set<std::string> kSorts = {"relevanz", "neueste", "nachnutzungen"};

std::string str(const nlohmann::json& j, const char* key) { return fieldText(j, key); }

bool isRedaktion(const auth::Principal& who) { return who.atLeast(auth::PlatformRole::kRedaktion); }

// Guests are asked to log in; members without the role are refused.
Status requireRedaktion(const auth::Principal& who, const std::string& refusal) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an.");
  if (!isRedaktion(who)) return fail(ErrorCode::kForbidden, refusal);
  return {};
}

std::string slugify(const std::string& title) {
  std::string folded = strings::foldGerman(title), slug;
  for (unsigned char c : folded) {
    if (std::isalnum(c) && c < 0x80) slug.push_back(static_cast<char>(c));
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
    if (slug.size() >= 70) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "use-case" : slug;
}

std::string sectionText(const nlohmann::json& doc, const char* key) {
  if (!doc.contains("sections") || !doc["sections"].is_object()) return "";
  return str(doc["sections"], key);
}

// Structured fields as lines, so that the version diff shows changes to KPIs and the Projektweg too.
std::string kpiLines(const nlohmann::json& doc) {
  std::string out;
  if (!doc.contains("wirkung") || !doc["wirkung"].is_array()) return out;
  for (const auto& w : doc["wirkung"]) {
    out += str(w, "kennzahl") + ": " + str(w, "vorher") + " → " + str(w, "nachher") + " " + str(w, "einheit") + " (Quelle: " +
           str(w, "quelle") + ")\n";
  }
  return out;
}

std::string pathLines(const nlohmann::json& doc) {
  std::string out;
  if (!doc.contains("projektweg") || !doc["projektweg"].is_array()) return out;
  for (const auto& p : doc["projektweg"]) out += str(p, "datum") + " " + phaseLabel(str(p, "phase")) + ": " + str(p, "text") + "\n";
  return out;
}

std::string csvCell(std::string value) {
  // Spreadsheet formula injection: a cell starting with = + - @ is read as text.
  if (!value.empty() && std::string("=+-@\t\r").find(value[0]) != std::string::npos) value = "'" + value;
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

std::string joinValues(const std::map<std::string, std::vector<std::string>>& facets, const char* key, bool labels) {
  std::string out;
  auto it = facets.find(key);
  if (it == facets.end()) return out;
  for (const auto& v : it->second) out += (out.empty() ? "" : "; ") + (labels ? facetValueLabel(key, v) : v);
  return out;
}

}  // namespace

std::string ImportReport::summary() const {
  std::string s = std::to_string(added) + " Use Cases neu, " + std::to_string(updated) + " aktualisiert, " +
                  std::to_string(unchanged) + " unverändert";
  if (!conflicts.empty()) s += ", " + std::to_string(conflicts.size()) + " Konflikt(e)";
  return s;
}

nlohmann::json publicDocument(const nlohmann::json& document, bool withContacts) {
  auto doc = document;
  if (!withContacts) doc.erase("kontakte");
  return doc;
}

nlohmann::json documentFromFile(const nlohmann::json& meta, const std::vector<std::pair<std::string, std::string>>& fileSections) {
  auto doc = meta;
  nlohmann::json secs = nlohmann::json::object();
  for (const auto& [heading, text] : fileSections) {
    for (const auto& s : sections()) {
      if (heading == s.heading) secs[s.key] = strings::trim(text);
    }
  }
  doc["sections"] = secs;
  // Contacts in repository files are there because the persons agreed (docs/content/use-case-format.md).
  if (doc.contains("kontakte") && doc["kontakte"].is_array()) {
    for (auto& k : doc["kontakte"]) {
      if (k.is_object() && !k.contains("einverstanden")) k["einverstanden"] = true;
    }
  }
  return doc;
}

UseCaseService::UseCaseService(db::Database& database, const Clock& clock, mail::Mailer& mailer, std::string baseUrl)
    : db_(database), clock_(clock), mailer_(mailer), base_url_(std::move(baseUrl)), repo_(database) {}

Result<UseCase> UseCaseService::load(const std::string& slug) {
  auto u = repo_.bySlug(slug);
  if (!u) return fail(ErrorCode::kNotFound, "Diesen Use Case gibt es nicht.");
  return *u;
}

bool UseCaseService::canEdit(const auth::Principal& who, const UseCase& u) const {
  if (!who.loggedIn() || u.state == State::kArchiviert) return false;
  return isRedaktion(who) || (u.owner_id && *u.owner_id == *who.user_id);
}

std::vector<std::pair<int64_t, std::string>> UseCaseService::activeOrganisations(int64_t userId) {
  organisations::OrganisationRepository orgs(db_);
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& [org, membership] : orgs.membershipsOfUser(userId)) {
    if (membership.status == "active" && org.status == "active") out.emplace_back(org.id, org.name);
  }
  return out;
}

std::optional<FitProfile> UseCaseService::fitProfile(const auth::Principal& who) {
  if (!who.loggedIn()) return std::nullopt;
  organisations::OrganisationRepository orgs(db_);
  for (const auto& [org, membership] : orgs.membershipsOfUser(*who.user_id)) {
    if (membership.status != "active" || org.type != "kommune" || !org.ags) continue;
    auto k = orgs.kommune(*org.ags);
    if (!k) continue;
    return FitProfile{organisations::groessenklasse(k->einwohner), k->verwaltungstyp, k->bundesland, k->name};
  }
  return std::nullopt;
}

Result<SearchResult> UseCaseService::search(const auth::Principal& who, SearchParams params) {
  if (params.q.size() > 10 * 1024) params.q.resize(10 * 1024);  // parseQuery keeps at most 12 words anyway
  if (!kSorts.count(params.sort)) {
    return invalid({{"sort", "Unbekannte Sortierung. Erlaubt: relevanz, neueste, nachnutzungen."}});
  }
  if (params.page < 1 || params.page > 100000) return invalid({{"page", "Die Seitenzahl muss zwischen 1 und 100000 liegen."}});
  if (params.per_page < 1 || params.per_page > kMaxPerPage) {
    return invalid({{"per_page", "Pro Seite sind 1 bis " + std::to_string(kMaxPerPage) + " Einträge möglich."}});
  }
  for (auto& [facet, values] : params.filters) {
    if (values.size() > 20) return invalid({{facet, "Zu viele Werte für einen Filter (höchstens 20)."}});
  }
  auto fit = fitProfile(who);
  if (params.fit_only && !fit) {
    return fail(ErrorCode::kInvalidInput,
                "„Passt zu meiner Kommune“ setzt voraus, dass Sie angemeldet und Mitglied einer Kommune sind.");
  }
  return repo_.search(params, fit);
}

Result<UseCaseView> UseCaseService::detail(const auth::Principal& who, const std::string& slug) {
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  UseCaseView view;
  view.use_case = *u;
  view.can_edit = canEdit(who, *u);
  view.can_review = isRedaktion(who);
  bool editor = view.can_edit || view.can_review;
  if (!u->listed && !editor) return fail(ErrorCode::kNotFound, "Diesen Use Case gibt es nicht.");
  if (u->published_version) {
    view.published = repo_.version(u->id, *u->published_version);
    view.document = view.published ? view.published->document : u->draft;
  } else {
    view.document = u->draft;
    view.showing_draft = true;
  }
  view.contacts_visible = who.loggedIn();
  view.document = publicDocument(view.document, view.contacts_visible);
  view.version_count = static_cast<int64_t>(repo_.versions(u->id).size());
  if (u->listed) view.related = repo_.related(u->id, 3);
  auto interests = repo_.interests(u->id);
  view.interest_count = static_cast<int64_t>(interests.size());
  for (const auto& i : interests) {
    if (i.is_public) view.public_interests.push_back(i);
  }
  if (who.loggedIn()) {
    view.my_organisations = activeOrganisations(*who.user_id);
    for (const auto& i : interests) {
      for (const auto& [orgId, name] : view.my_organisations) {
        if (i.organisation_id == orgId) view.my_interest_org = orgId;
      }
    }
    view.can_register_interest = u->listed && !view.my_organisations.empty();
    if (auto fit = fitProfile(who)) view.fit_reasons = fitReasons(*fit, repo_.facetsOf(u->id));
  }
  if (editor) view.comments = repo_.comments(u->id);
  return view;
}

Result<std::vector<Version>> UseCaseService::versions(const auth::Principal& who, const std::string& slug) {
  auto view = detail(who, slug);
  if (!view) return std::unexpected(view.error());
  return repo_.versions(view->use_case.id);
}

Result<Version> UseCaseService::version(const auth::Principal& who, const std::string& slug, int64_t number) {
  auto view = detail(who, slug);
  if (!view) return std::unexpected(view.error());
  auto v = repo_.version(view->use_case.id, number);
  if (!v) return fail(ErrorCode::kNotFound, "Diese Version gibt es nicht.");
  v->document = publicDocument(v->document, who.loggedIn());
  return *v;
}

Result<VersionDiff> UseCaseService::diff(const auth::Principal& who, const std::string& slug, int64_t from, int64_t to) {
  auto a = version(who, slug, from);
  if (!a) return std::unexpected(a.error());
  auto b = version(who, slug, to);
  if (!b) return std::unexpected(b.error());
  VersionDiff d{*a, *b, {}};
  auto add = [&](const std::string& key, const std::string& heading, const std::string& before, const std::string& after) {
    SectionDiff s{key, heading, textdiff::diffWords(before, after), before != after};
    d.sections.push_back(std::move(s));
  };
  add("title", "Titel", str(a->document, "title"), str(b->document, "title"));
  add("summary", "Kurzbeschreibung", str(a->document, "summary"), str(b->document, "summary"));
  for (const auto& s : sections()) add(s.key, s.heading, sectionText(a->document, s.key), sectionText(b->document, s.key));
  add("kennzahlen", "Kennzahlen", kpiLines(a->document), kpiLines(b->document));
  add("projektweg", "Projektweg", pathLines(a->document), pathLines(b->document));
  return d;
}

namespace {

// The document's shape, checked before anything reads it: API clients can send any JSON.
std::vector<FieldError> shapeErrors(const nlohmann::json& doc) {
  std::vector<FieldError> errors;
  auto optional = [&](const char* key, auto check, const char* expected) {
    auto it = doc.find(key);
    if (it != doc.end() && !it->is_null() && !check(*it)) {
      errors.push_back({key, std::string("„") + key + "“ muss " + expected + " sein."});
    }
  };
  auto isString = [](const nlohmann::json& j) { return j.is_string(); };
  auto isStringList = [](const nlohmann::json& j) {
    return j.is_array() && std::all_of(j.begin(), j.end(), [](const nlohmann::json& v) { return v.is_string(); });
  };
  auto isObjectList = [](const nlohmann::json& j) {
    return j.is_array() && std::all_of(j.begin(), j.end(), [](const nlohmann::json& v) { return v.is_object(); });
  };
  for (const char* key : {"title", "summary", "status", "zusammenarbeitsform", "licence", "last_reviewed"}) optional(key, isString, "Text");
  for (const char* key : {"themenfeld", "schlagworte", "datenmodelle", "schnittstellen", "fachverfahren", "govtech_partner"}) {
    optional(key, isStringList, "eine Liste von Texten");
  }
  for (const char* key : {"kommunen", "wirkung", "huerden", "projektweg", "datensaetze", "nachnutzungen", "kontakte"}) {
    optional(key, isObjectList, "eine Liste von Objekten");
  }
  optional("sections", [](const nlohmann::json& j) {
    return j.is_object() && std::all_of(j.begin(), j.end(), [](const nlohmann::json& v) { return v.is_string(); });
  }, "ein Objekt mit Markdown-Texten");
  optional("personenbezug", [](const nlohmann::json& j) { return j.is_object(); }, "ein Objekt");
  optional("aufwand", [](const nlohmann::json& j) { return j.is_object(); }, "ein Objekt");
  if (doc.contains("aufwand") && doc["aufwand"].is_object()) {
    static const std::map<std::string, std::string> labels = {{"personentage", "Personentage"}, {"dauer_monate", "Dauer in Monaten"},
                                                              {"kosten_einmalig_eur", "Kosten einmalig"},
                                                              {"kosten_laufend_eur_jahr", "Kosten laufend"}};
    for (const auto& [key, label] : labels) {
      auto it = doc["aufwand"].find(key);
      if (it != doc["aufwand"].end() && !it->is_null() && !it->is_number()) {
        errors.push_back({"aufwand_" + key, "„" + label + "“ muss eine Zahl sein (z. B. 40 oder 12.500)."});
      }
    }
    auto b = doc["aufwand"].find("beschaffung");
    if (b != doc["aufwand"].end() && !b->is_null() && !b->is_string()) errors.push_back({"aufwand_beschaffung", "„beschaffung“ muss Text sein."});
  }
  // Text inside list entries.
  auto textFields = [&](const char* list, std::initializer_list<const char*> keys) {
    if (!doc.contains(list) || !doc[list].is_array()) return;
    for (const auto& item : doc[list]) {
      if (!item.is_object()) continue;
      for (const char* key : keys) {
        auto it = item.find(key);
        if (it != item.end() && !it->is_null() && !it->is_string()) {
          errors.push_back({list, std::string("„") + list + "." + key + "“ muss Text sein."});
          return;
        }
      }
    }
  };
  textFields("kommunen", {"name", "ags", "verwaltungstyp", "bundesland", "source"});
  textFields("wirkung", {"kennzahl", "einheit", "quelle"});
  textFields("huerden", {"text"});
  textFields("projektweg", {"datum", "phase", "text"});
  textFields("datensaetze", {"uri", "bezeichnung"});
  textFields("nachnutzungen", {"name", "datum", "ags"});
  textFields("kontakte", {"name", "rolle", "email"});
  return errors;
}

}  // namespace

std::vector<FieldError> UseCaseService::validate(const nlohmann::json& doc, bool forReview) const {
  auto shape = shapeErrors(doc);
  if (!shape.empty()) return shape;
  std::vector<FieldError> errors;
  auto title = strings::trim(str(doc, "title"));
  auto titleLength = strings::utf8Length(title);
  if (titleLength < 5 || titleLength > 200) errors.push_back({"title", "Bitte geben Sie einen Titel mit 5 bis 200 Zeichen an."});
  auto summaryLength = strings::utf8Length(strings::trim(str(doc, "summary")));
  if (summaryLength > 600) errors.push_back({"summary", "Die Kurzbeschreibung darf höchstens 600 Zeichen lang sein."});
  if (forReview && summaryLength < 20) {
    errors.push_back({"summary", "Bitte beschreiben Sie in ein bis zwei Sätzen (mindestens 20 Zeichen), was das Projekt löst."});
  }
  std::vector<std::string> themen;
  if (doc.contains("themenfeld") && doc["themenfeld"].is_array()) {
    for (const auto& t : doc["themenfeld"]) {
      auto v = t.is_string() ? t.get<std::string>() : t.dump();
      if (std::find(themenfelder().begin(), themenfelder().end(), v) == themenfelder().end()) {
        errors.push_back({"themenfeld", "Unbekanntes Themenfeld „" + v + "“."});
      }
      themen.push_back(v);
    }
  }
  if (forReview && themen.empty()) errors.push_back({"themenfeld", "Bitte wählen Sie mindestens ein Themenfeld."});
  auto status = str(doc, "status");
  if (!status.empty() && !kStatus.count(status)) errors.push_back({"status", "Unbekannter Status."});
  if (forReview && status.empty()) errors.push_back({"status", "Bitte wählen Sie den Status des Projekts."});
  auto form = str(doc, "zusammenarbeitsform");
  if (!form.empty() && !kForms.count(form)) errors.push_back({"zusammenarbeitsform", "Unbekannte Zusammenarbeitsform."});
  if (forReview && form.empty()) errors.push_back({"zusammenarbeitsform", "Bitte wählen Sie die Zusammenarbeitsform."});
  for (const auto& s : sections()) {
    auto text = sectionText(doc, s.key);
    auto length = strings::utf8Length(text);
    if (length > kMaxSectionChars) {
      errors.push_back({std::string("section_") + s.key, std::string("Der Abschnitt „") + s.heading + "“ ist zu lang (" +
                                                             std::to_string(length) + " Zeichen, höchstens " +
                                                             std::to_string(kMaxSectionChars) + ")."});
    } else if (forReview && strings::trim(text).empty() &&
               (std::string(s.key) == "ausgangslage" || std::string(s.key) == "loesung" || std::string(s.key) == "nutzen")) {
      errors.push_back({std::string("section_") + s.key, std::string("Bitte füllen Sie den Abschnitt „") + s.heading + "“ aus."});
    }
  }
  if (doc.contains("wirkung") && doc["wirkung"].is_array()) {
    for (const auto& w : doc["wirkung"]) {
      if (str(w, "kennzahl").empty()) errors.push_back({"wirkung", "Jede Kennzahl braucht eine Bezeichnung."});
      else if (str(w, "quelle").empty()) errors.push_back({"wirkung", "Kennzahl „" + str(w, "kennzahl") + "“: Bitte nennen Sie die Quelle."});
      for (const char* key : {"vorher", "nachher"}) {
        if (w.contains(key) && !w[key].is_null() && !w[key].is_number()) {
          errors.push_back({"wirkung", "Kennzahl „" + str(w, "kennzahl") + "“: „" + key + "“ muss eine Zahl sein."});
        }
      }
    }
  }
  if (doc.contains("huerden") && doc["huerden"].is_array()) {
    for (const auto& h : doc["huerden"]) {
      if (str(h, "text").empty()) errors.push_back({"huerden", "Jede Hürde braucht eine Beschreibung."});
      auto& keys = barrierenkreislaeufe();
      if (!h.contains("barrieren") || !h["barrieren"].is_array() || h["barrieren"].empty()) {
        errors.push_back({"huerden", "Hürde „" + str(h, "text") + "“: Bitte ordnen Sie mindestens einen Barrierenkreislauf zu."});
        continue;
      }
      for (const auto& b : h["barrieren"]) {
        if (!b.is_string() || std::find(keys.begin(), keys.end(), b.get<std::string>()) == keys.end()) {
          errors.push_back({"huerden", "Unbekannter Barrierenkreislauf " + b.dump() + "."});
        }
      }
    }
  }
  static const std::regex kMonth(R"(\d{4}-(0[1-9]|1[0-2])(-\d{2})?)");
  if (doc.contains("projektweg") && doc["projektweg"].is_array()) {
    for (const auto& p : doc["projektweg"]) {
      if (!std::regex_match(str(p, "datum"), kMonth)) {
        errors.push_back({"projektweg", "Projektweg: Datum bitte als Jahr-Monat angeben, z. B. 2025-03."});
      }
      if (!kPhases.count(str(p, "phase"))) errors.push_back({"projektweg", "Projektweg: Bitte wählen Sie eine Phase."});
      if (str(p, "text").empty()) errors.push_back({"projektweg", "Projektweg: Bitte beschreiben Sie jeden Schritt."});
    }
  }
  if (doc.contains("kontakte") && doc["kontakte"].is_array()) {
    for (const auto& k : doc["kontakte"]) {
      if (str(k, "name").empty() || str(k, "email").find('@') == std::string::npos) {
        errors.push_back({"kontakte", "Jeder Kontakt braucht einen Namen und eine E-Mail-Adresse."});
      } else if (!k.value("einverstanden", false)) {
        errors.push_back({"kontakte", "Kontakt „" + str(k, "name") + "“: Bitte bestätigen Sie, dass die Person einverstanden ist."});
      }
    }
  }
  if (doc.contains("datensaetze") && doc["datensaetze"].is_array()) {
    for (const auto& d : doc["datensaetze"]) {
      if (!strings::startsWith(str(d, "uri"), "https://")) {
        errors.push_back({"datensaetze", "Datensätze bitte als Musterdatenkatalog-Adresse (https://…) angeben."});
      }
    }
  }
  return errors;
}

void UseCaseService::resolveKommunen(nlohmann::json& document) {
  organisations::OrganisationRepository orgs(db_);
  // Replicating Kommunen with an AGS get type and size too ("nachgenutzt von ähnlichen Kommunen").
  if (document.contains("nachnutzungen") && document["nachnutzungen"].is_array()) {
    for (auto& n : document["nachnutzungen"]) {
      auto ags = n.is_object() ? str(n, "ags") : "";
      if (ags.empty()) continue;
      if (auto found = orgs.kommune(ags)) {
        n["verwaltungstyp"] = found->verwaltungstyp;
        if (found->einwohner) n["einwohner"] = *found->einwohner;
      }
    }
  }
  if (!document.contains("kommunen") || !document["kommunen"].is_array()) return;
  for (auto& k : document["kommunen"]) {
    auto ags = str(k, "ags");
    if (ags.empty()) continue;
    // Type, Land and size of real Kommunen come from the Gemeindeverzeichnis, not from the text.
    if (auto found = orgs.kommune(ags)) {
      k["verwaltungstyp"] = found->verwaltungstyp;
      k["bundesland"] = found->bundesland;
      if (found->einwohner) k["einwohner"] = *found->einwohner;
      if (auto org = orgs.byAgs(ags); org && org->status == "active") k["organisation_id"] = org->id;
    }
  }
}

namespace {

Result<void> checkSize(const nlohmann::json& doc, const std::vector<FieldError>& errors) {
  auto bytes = doc.dump().size();
  if (bytes > kMaxDocumentBytes) {
    Error e{ErrorCode::kPayloadTooLarge,
            "Der Use Case ist mit " + std::to_string(bytes / 1024) + " kB zu groß (höchstens " +
                std::to_string(kMaxDocumentBytes / 1024) + " kB). Bitte kürzen Sie die Abschnitte; Ihre Eingaben bleiben erhalten.",
            {}, errors};
    return std::unexpected(e);
  }
  if (!errors.empty()) return invalid(errors);
  return {};
}

}  // namespace

Result<UseCase> UseCaseService::create(const auth::Principal& who, nlohmann::json document) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an, um einen Use Case einzureichen.");
  if (!document.is_object()) return fail(ErrorCode::kMalformed, "Der Use Case muss ein JSON-Objekt sein.");
  if (auto ok = checkSize(document, validate(document, false)); !ok) return std::unexpected(ok.error());
  auto orgs = activeOrganisations(*who.user_id);
  if (!document.contains("kommunen") || document["kommunen"].empty()) {
    // A member's Kommune runs the project unless the document says otherwise.
    organisations::OrganisationRepository orgRepo(db_);
    for (const auto& [id, name] : orgs) {
      auto org = orgRepo.byId(id);
      if (org && org->type == "kommune" && org->ags) {
        document["kommunen"] = nlohmann::json::array({{{"name", org->name}, {"ags", *org->ags}, {"fictional", org->is_example}}});
        break;
      }
    }
  }
  resolveKommunen(document);
  if (!document.contains("licence")) document["licence"] = "CC-BY-4.0";
  auto base = slugify(str(document, "title"));
  if (base == "neu" || base == "meine") base += "-use-case";  // these are pages under /use-cases/
  auto now = clock_.nowSeconds();
  for (int attempt = 1; attempt < 50; ++attempt) {
    auto slug = attempt == 1 ? base : base + "-" + std::to_string(attempt);
    document["slug"] = slug;
    UseCase u;
    u.slug = slug;
    u.origin = "ui";
    u.state = State::kEntwurf;
    u.draft = document;
    u.draft_updated_at = now;
    u.owner_id = who.user_id;
    if (!orgs.empty()) u.organisation_id = orgs.front().first;
    u.title = str(document, "title");
    u.summary = str(document, "summary");
    u.created_at = now;
    if (auto id = repo_.insert(u)) return *repo_.byId(*id);
  }
  return fail(ErrorCode::kConflict, "Für diesen Titel gibt es schon zu viele Use Cases. Bitte wählen Sie einen anderen Titel.");
}

Result<UseCase> UseCaseService::update(const auth::Principal& who, const std::string& slug, nlohmann::json document) {
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an.");
  if (!canEdit(who, *u)) return fail(ErrorCode::kForbidden, "Sie dürfen diesen Use Case nicht bearbeiten.");
  if (!document.is_object()) return fail(ErrorCode::kMalformed, "Der Use Case muss ein JSON-Objekt sein.");
  if (auto ok = checkSize(document, validate(document, false)); !ok) return std::unexpected(ok.error());
  document["slug"] = u->slug;  // the address stays stable
  if (!document.contains("kommunen") && u->draft.contains("kommunen")) document["kommunen"] = u->draft["kommunen"];
  // Fields the form does not edit (Nachnutzungen, Datenmodelle from later features) are kept.
  for (const char* keep : {"nachnutzungen", "datenmodelle", "schnittstellen", "example", "licence", "last_reviewed"}) {
    if (!document.contains(keep) && u->draft.contains(keep)) document[keep] = u->draft[keep];
  }
  resolveKommunen(document);
  // Editing a case under review takes it back to the author's desk; published stays published
  // (the listing keeps showing the last published version) until the new draft is published.
  repo_.saveDraft(u->id, document, State::kEntwurf, clock_.nowSeconds());
  return *repo_.byId(u->id);
}

Result<UseCase> UseCaseService::submit(const auth::Principal& who, const std::string& slug) {
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an.");
  if (!canEdit(who, *u)) return fail(ErrorCode::kForbidden, "Sie dürfen diesen Use Case nicht einreichen.");
  if (u->state != State::kEntwurf) return fail(ErrorCode::kConflict, "Nur ein Entwurf kann zur Prüfung eingereicht werden.");
  auto errors = validate(u->draft, true);
  if (!errors.empty()) return invalid(errors, "Der Entwurf ist noch nicht vollständig. Bitte ergänzen Sie die markierten Angaben.");
  repo_.setState(u->id, State::kInPruefung, u->listed);
  organisations::OrganisationRepository orgs(db_);
  for (const auto& to : orgs.redaktionEmails()) {
    mailer_.send({to, "Use Case zur Prüfung: " + str(u->draft, "title"),
                  "Guten Tag,\n\n" + who.display_name + " hat den Use Case „" + str(u->draft, "title") +
                      "“ zur Prüfung eingereicht.\n\nPrüfen: " + base_url_ + "/use-cases/" + u->slug + "/pruefen\n"});
  }
  return *repo_.byId(u->id);
}

std::vector<UseCase> UseCaseService::mine(const auth::Principal& who) {
  if (!who.loggedIn()) return {};
  return repo_.byOwner(*who.user_id);
}

Result<std::vector<UseCase>> UseCaseService::reviewQueue(const auth::Principal& who) {
  if (auto allowed = requireRedaktion(who, "Nur die Redaktion prüft Use Cases."); !allowed) return std::unexpected(allowed.error());
  return repo_.byState(State::kInPruefung);
}

Result<std::vector<UseCase>> UseCaseService::seedConflicts(const auth::Principal& who) {
  if (auto allowed = requireRedaktion(who, "Nur die Redaktion sieht Import-Konflikte."); !allowed) return std::unexpected(allowed.error());
  return repo_.withSeedConflict();
}

Result<UseCase> UseCaseService::requestChanges(const auth::Principal& who, const std::string& slug,
                                               const std::vector<std::pair<std::string, std::string>>& sectionComments) {
  if (auto allowed = requireRedaktion(who, "Nur die Redaktion prüft Use Cases."); !allowed) return std::unexpected(allowed.error());
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  if (u->state != State::kInPruefung) return fail(ErrorCode::kConflict, "Dieser Use Case ist nicht in Prüfung.");
  std::set<std::string> allowed = {"allgemein", "title", "summary", "angaben"};
  for (const auto& s : sections()) allowed.insert(s.key);
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto& [section, text] : sectionComments) {
    if (!allowed.count(section)) return invalid({{"section", "Unbekannter Abschnitt „" + section + "“."}});
    if (strings::utf8Length(text) > 5000) return invalid({{"comment_" + section, "Ein Kommentar darf höchstens 5000 Zeichen lang sein."}});
    if (!strings::trim(text).empty()) kept.emplace_back(section, strings::trim(text));
  }
  if (kept.empty()) return invalid({{"comment_allgemein", "Bitte schreiben Sie mindestens einen Kommentar, was geändert werden soll."}});
  auto now = clock_.nowSeconds();
  for (const auto& [section, text] : kept) repo_.addComment(u->id, section, text, *who.user_id, now);
  repo_.setState(u->id, State::kEntwurf, u->listed);
  if (u->owner_id) {
    if (auto email = repo_.userEmail(*u->owner_id)) {
      mailer_.send({*email, "Änderungen erbeten: " + str(u->draft, "title"),
                    "Guten Tag,\n\ndie Redaktion hat Ihren Use Case „" + str(u->draft, "title") +
                        "“ geprüft und bittet um Änderungen. Die Kommentare stehen bei den Abschnitten:\n" + base_url_ +
                        "/use-cases/" + u->slug + "/bearbeiten\n"});
    }
  }
  return *repo_.byId(u->id);
}

Result<int64_t> UseCaseService::publish(const auth::Principal& who, const std::string& slug, const std::string& note) {
  if (auto allowed = requireRedaktion(who, "Nur die Redaktion veröffentlicht Use Cases."); !allowed) return std::unexpected(allowed.error());
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  if (u->state != State::kInPruefung) return fail(ErrorCode::kConflict, "Nur ein Use Case in Prüfung kann veröffentlicht werden.");
  auto errors = validate(u->draft, true);
  if (!errors.empty()) return invalid(errors, "Der Entwurf ist noch nicht vollständig.");
  auto doc = u->draft;
  auto now = clock_.nowSeconds();
  doc["last_reviewed"] = strings::isoDate(now);
  auto version = repo_.publish({u->id, doc, now, who.user_id, strings::trim(note).substr(0, 500)});
  if (u->owner_id) {
    if (auto email = repo_.userEmail(*u->owner_id)) {
      mailer_.send({*email, "Veröffentlicht: " + str(doc, "title"),
                    "Guten Tag,\n\nIhr Use Case „" + str(doc, "title") + "“ ist veröffentlicht (Version " +
                        std::to_string(version) + "):\n" + base_url_ + "/use-cases/" + u->slug + "\n"});
    }
  }
  return version;
}

Result<UseCase> UseCaseService::archive(const auth::Principal& who, const std::string& slug) {
  if (auto allowed = requireRedaktion(who, "Nur die Redaktion archiviert Use Cases."); !allowed) return std::unexpected(allowed.error());
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  if (u->state == State::kArchiviert) return fail(ErrorCode::kConflict, "Dieser Use Case ist bereits archiviert.");
  repo_.setState(u->id, State::kArchiviert, false);
  return *repo_.byId(u->id);
}

Result<UseCase> UseCaseService::restore(const auth::Principal& who, const std::string& slug) {
  if (auto allowed = requireRedaktion(who, "Nur die Redaktion stellt Use Cases wieder her."); !allowed) return std::unexpected(allowed.error());
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  if (u->state != State::kArchiviert) return fail(ErrorCode::kConflict, "Dieser Use Case ist nicht archiviert.");
  bool published = u->published_version.has_value();
  repo_.setState(u->id, published ? State::kVeroeffentlicht : State::kEntwurf, published);
  return *repo_.byId(u->id);
}

Result<int64_t> UseCaseService::registerInterest(const auth::Principal& who, const std::string& slug,
                                                 std::optional<int64_t> organisationId, bool isPublic) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an, um Interesse zu bekunden.");
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  if (!u->listed) return fail(ErrorCode::kNotFound, "Diesen Use Case gibt es nicht.");
  auto orgs = activeOrganisations(*who.user_id);
  if (orgs.empty()) {
    return fail(ErrorCode::kForbidden,
                "Interesse bekunden Sie für Ihre Organisation. Treten Sie dazu zuerst Ihrer Kommune oder Organisation bei.");
  }
  int64_t org = organisationId.value_or(orgs.front().first);
  if (std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.first == org; })) {
    return fail(ErrorCode::kForbidden, "Sie sind nicht Mitglied dieser Organisation.");
  }
  repo_.addInterest(u->id, org, *who.user_id, isPublic, clock_.nowSeconds());
  return static_cast<int64_t>(repo_.interests(u->id).size());
}

Result<int64_t> UseCaseService::withdrawInterest(const auth::Principal& who, const std::string& slug,
                                                 std::optional<int64_t> organisationId) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an.");
  auto u = load(slug);
  if (!u) return std::unexpected(u.error());
  auto orgs = activeOrganisations(*who.user_id);
  bool removed = false;
  for (const auto& [id, name] : orgs) {
    if (!organisationId || *organisationId == id) removed = repo_.removeInterest(u->id, id) || removed;
  }
  if (!removed) return fail(ErrorCode::kNotFound, "Für Ihre Organisation ist kein Interesse eingetragen.");
  return static_cast<int64_t>(repo_.interests(u->id).size());
}

ImportReport UseCaseService::importDirectory(const std::string& directory) {
  ImportReport report;
  auto files = loadUseCases(directory);
  if (!files) {
    report.conflicts.push_back(files.error().message);
    return report;
  }
  for (const auto& file : *files) {
    auto name = std::filesystem::path(file.path).filename().string();
    auto problems = validateUseCase(file);
    if (!problems.empty()) {
      report.conflicts.push_back(name + ": nicht importiert, " + problems.front());
      continue;
    }
    std::ifstream in(file.path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto hash = crypto::hashToken(text.str());
    auto doc = documentFromFile(file.meta, file.sections);
    resolveKommunen(doc);
    auto slug = str(doc, "slug");
    auto now = clock_.nowSeconds();
    auto existing = repo_.bySlug(slug);
    if (!existing) {
      UseCase u;
      u.slug = slug;
      u.origin = "repo";
      u.draft = doc;
      u.draft_updated_at = now;
      u.title = str(doc, "title");
      u.summary = str(doc, "summary");
      u.source_hash = hash;
      u.created_at = now;
      auto id = repo_.insert(u);
      if (!id) continue;  // inserted concurrently by another instance
      repo_.publish({*id, doc, now, std::nullopt, "Import aus dem Repository (" + name + ")"});
      ++report.added;
      continue;
    }
    if (existing->origin != "repo") {
      auto message = name + ": Es gibt schon einen in der Oberfläche angelegten Use Case mit dem Slug „" + slug +
                     "“. Die Datei wurde nicht importiert.";
      report.conflicts.push_back(message);
      repo_.setSeedBookkeeping(existing->id, existing->source_hash, message);
      continue;
    }
    if (existing->source_hash == hash) {
      ++report.unchanged;
      continue;
    }
    // The file changed. Overwrite only if nobody touched the case in the UI since the last import:
    // the latest version came from an import and the working copy is that version.
    auto versions = repo_.versions(existing->id);
    bool untouched = !versions.empty() && !versions.front().published_by && existing->state == State::kVeroeffentlicht &&
                     existing->draft == versions.front().document;
    if (!untouched) {
      auto message = name + ": Die Datei wurde geändert, der Use Case „" + existing->title +
                     "“ aber auch in der Oberfläche bearbeitet. Nichts wurde überschrieben; bitte Änderungen von Hand zusammenführen.";
      report.conflicts.push_back(message);
      repo_.setSeedBookkeeping(existing->id, existing->source_hash, message);
      continue;
    }
    repo_.publish({existing->id, doc, now, std::nullopt, "Import aus dem Repository (" + name + ")"});
    repo_.setSeedBookkeeping(existing->id, hash, "");
    ++report.updated;
  }
  return report;
}

nlohmann::json UseCaseService::exportJson() {
  auto items = nlohmann::json::array();
  for (auto& [u, doc] : repo_.listedDocuments()) {
    auto item = publicDocument(doc, false);
    item["version"] = u.published_version.value_or(0);
    item["published_at"] = u.published_at ? nlohmann::json(strings::isoDate(*u.published_at)) : nlohmann::json(nullptr);
    item["url"] = base_url_ + "/use-cases/" + u.slug;
    items.push_back(std::move(item));
  }
  return {{"title", "Use-Case-Bibliothek der OPGV-Plattform"},
          {"licence_note", "Texte unter der im Feld „licence“ genannten Lizenz (Standard: CC BY 4.0). Kontaktpersonen sind nicht enthalten."},
          {"generated_at", strings::isoDate(clock_.nowSeconds())},
          {"items", items}};
}

std::string UseCaseService::exportCsv() {
  std::ostringstream out;
  out << "slug,titel,kurzbeschreibung,themenfeld,status,zusammenarbeitsform,bundesland,verwaltungstyp,groessenklasse,"
         "barrierenkreislaeufe,kommunen,datensaetze,nachnutzungen,version,veroeffentlicht_am,zuletzt_geprueft,lizenz,url\r\n";
  for (auto& [u, doc] : repo_.listedDocuments()) {
    auto f = deriveFacets(doc);
    std::string kommunen, datasets;
    for (const auto& k : doc.value("kommunen", nlohmann::json::array())) kommunen += (kommunen.empty() ? "" : "; ") + str(k, "name");
    for (const auto& d : doc.value("datensaetze", nlohmann::json::array())) datasets += (datasets.empty() ? "" : "; ") + str(d, "uri");
    std::vector<std::string> cells = {u.slug, str(doc, "title"), str(doc, "summary"), joinValues(f, "themenfeld", true),
                                      joinValues(f, "status", true), joinValues(f, "zusammenarbeitsform", true),
                                      joinValues(f, "bundesland", true), joinValues(f, "verwaltungstyp", true),
                                      joinValues(f, "groessenklasse", true), joinValues(f, "barriere", true), kommunen, datasets,
                                      std::to_string(u.replication_count), std::to_string(u.published_version.value_or(0)),
                                      u.published_at ? strings::isoDate(*u.published_at) : "", str(doc, "last_reviewed"),
                                      str(doc, "licence"), base_url_ + "/use-cases/" + u.slug};
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csvCell(cells[i]);
    out << "\r\n";
  }
  return out.str();
}

}  // namespace opgv::library
