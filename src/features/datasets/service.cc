#include "features/datasets/service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "auth/authorization.h"
#include "common/crypto.h"
#include "common/log.h"
#include "common/strings.h"
#include "common/temp_file.h"
#include "office/writers.h"
#include "validation/import_profile.h"
#include "validation/infer.h"
#include "validation/mapping_proposal.h"
#include "validation/report_format.h"
#include "validation/validate_file.h"

namespace opgv::datasets {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int64_t kMaxPage = 500;
constexpr size_t kMaxTitle = 200;
constexpr size_t kRowsPerTransaction = 5000;
// Errors kept in a version's report; all are counted, and rows are marked invalid as they come.
constexpr size_t kReportErrors = 5000;

// The start of an uploaded table as CSV text (validation::sampleTable), for inference.
Result<validation::TableSample> sampleOf(const std::string& filename, std::string_view bytes) {
  TempFile file("opgv-datensatz", filename, bytes);
  if (!file.ok()) return fail(ErrorCode::kInternal, "Die Datei konnte nicht zwischengespeichert werden.");
  auto sample = validation::sampleTable(file.path(), "", validation::kInferSampleBytes, validation::kInferSampleRows);
  if (!sample) return invalid({{"datei", sample.error().message}}, "Die Datei lässt sich nicht als Tabelle lesen.");
  return sample;
}

std::pair<std::string, std::string> splitModelChoice(const std::string& model, const std::string& resource) {
  auto slash = model.find('/');
  if (slash == std::string::npos) return {model, resource};
  return {model.substr(0, slash), resource.empty() ? model.substr(slash + 1) : resource};
}

// Lowercase letters, digits and hyphens, as import profile names must be.
std::string profileSlug(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c) && c < 128) {
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char n = static_cast<unsigned char>(text[++i]);
      if (n == 0xA4 || n == 0x84) out += "ae";
      else if (n == 0xB6 || n == 0x96) out += "oe";
      else if (n == 0xBC || n == 0x9C) out += "ue";
      else if (n == 0x9F) out += "ss";
      else if (!out.empty() && out.back() != '-') out.push_back('-');
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 80) out.resize(80);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// "0,001", "1000", "1.5" → number; nullopt if it is none.
std::optional<double> parseFactor(std::string text) {
  text = strings::trim(text);
  for (auto& c : text) {
    if (c == ',') c = '.';
  }
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value) || value == 0) return std::nullopt;
  return value;
}

std::string factorText(const json& value) {
  std::string text = value.is_number() ? validation::toText(validation::Value::number(value.get<double>())) : "";
  for (auto& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}


std::optional<json> parseCodes(const std::string& text, std::string* badLine) {
  json codes = json::object();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = strings::trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) {
      *badLine = line;
      return std::nullopt;
    }
    codes[strings::trim(line.substr(0, eq))] = strings::trim(line.substr(eq + 1));
  }
  return codes;
}

std::string areaTableText(const json& rows) {
  std::string text;
  for (const auto& pair : rows) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
      text += pair[0].get<std::string>() + ";" + pair[1].get<std::string>() + "\n";
    }
  }
  return text;
}

std::string withoutQuotes(std::string text) {
  text = strings::trim(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = strings::trim(text.substr(1, text.size() - 2));
  return text;
}

// The pasted mapping table → [["fine", "coarse"], …]. Columns copied from a spreadsheet arrive
// separated by tabs; typed ones by „;“, „,“ or „=“. A header line pasted along is harmless: its
// „fine id“ never occurs in the data. Problems name the line.
std::optional<json> parseAreaTable(const std::string& text, std::vector<FieldError>& problems) {
  constexpr size_t kMaxLines = 100000;
  json rows = json::array();
  std::map<std::string, std::pair<size_t, std::string>> seen;
  size_t start = 0, lineNumber = 0;
  const size_t problemsBefore = problems.size();
  auto problem = [&](std::string message) {
    if (problems.size() - problemsBefore < 5) problems.push_back({"zusammenfassen.tabelle", std::move(message)});
  };
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = strings::trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    ++lineNumber;
    if (line.empty()) continue;
    if (rows.size() >= kMaxLines) {
      problem("Die Zuordnungstabelle hat mehr als " + std::to_string(kMaxLines) + " Zeilen.");
      break;
    }
    std::vector<std::string> parts;
    for (char separator : {'\t', ';', '=', ','}) {
      if (line.find(separator) != std::string::npos) {
        parts = strings::split(line, separator);
        break;
      }
    }
    for (auto& part : parts) part = withoutQuotes(part);
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      problem("Zuordnungstabelle, Zeile " + std::to_string(lineNumber) + " („" + line.substr(0, 60) +
              "“): Bitte je Zeile genau zwei Werte angeben, feine und grobe Gebietsnummer, z. B. „01100101;0110“.");
      continue;
    }
    auto [it, inserted] = seen.try_emplace(parts[0], lineNumber, parts[1]);
    if (!inserted) {
      if (it->second.second != parts[1]) {
        problem("Zuordnungstabelle, Zeile " + std::to_string(lineNumber) + ": „" + parts[0] + "“ steht schon in Zeile " +
                std::to_string(it->second.first) + " mit „" + it->second.second + "“. Jedes feine Gebiet gehört zu genau einem groben.");
      }
      continue;
    }
    rows.push_back(json::array({parts[0], parts[1]}));
  }
  if (problems.size() != problemsBefore) return std::nullopt;
  if (rows.empty()) {
    problem("Bitte die Zuordnungstabelle eintragen: je Zeile feine und grobe Gebietsnummer, z. B. „01100101;0110“.");
    return std::nullopt;
  }
  return rows;
}

json typedCell(const validation::Value& value) { return value.isNull() ? json() : validation::toJson(value); }

// Keeps the cancel check and the progress writes cheap: at most every 300 ms.
class Throttle {
 public:
  bool due() {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(300)) return false;
    last_ = now;
    return true;
  }

 private:
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

std::string assignmentLines(const json& object) {
  std::string text;
  if (!object.is_object()) return text;
  for (const auto& [from, to] : object.items()) text += from + " = " + (to.is_string() ? to.get<std::string>() : to.dump()) + "\n";
  return text;
}

DatasetService::DatasetService(db::Database& database, const Clock& clock, std::shared_ptr<const models::ModelService> models,
                               fs::path modelsDir)
    : repo_(database), db_(database), clock_(clock), models_(std::move(models)), models_dir_(std::move(modelsDir)) {
  runner_ = [this](VersionRef ref) { runImport(ref); };
  std::ifstream in(models_dir_ / "synonyme.json", std::ios::binary);
  json synonyms = in ? json::parse(in, nullptr, false) : json::object();
  synonyms_ = validation::SynonymTable::fromJson(synonyms.is_discarded() ? json::object() : synonyms);
  for (const auto& m : models_->list()) {
    std::set<std::string> codeLists;  // resources other tables point to are lists, not data
    for (const auto& r : m.package.resources) {
      if (!r.schema) continue;
      for (const auto& fk : r.schema->foreignKeys) {
        if (!fk.selfReference()) codeLists.insert(fk.resource);
      }
    }
    for (const auto& r : m.package.resources) {
      if (!r.schema || codeLists.count(r.name)) continue;
      validation::ModelCandidate c;
      c.model = m.slug;
      c.resource = r.name;
      c.schema = &*r.schema;
      // The Musterdatenkatalog labels first: a match names the category a Kommune would look for.
      for (const auto& e : m.descriptor.value("musterdatenkatalog", json::array())) {
        if (e.is_object() && e.contains("bezeichnung") && e["bezeichnung"].is_string()) c.labels.push_back(e["bezeichnung"].get<std::string>());
      }
      c.labels.push_back(m.title);
      c.labels.push_back(r.descriptor.value("title", r.name));
      for (const auto& k : m.descriptor.value("keywords", json::array())) {
        if (k.is_string()) c.labels.push_back(k.get<std::string>());
      }
      c.codes = validation::codeListValues(m.package, m.dir, r);
      candidates_.push_back(std::move(c));
    }
  }
}

std::vector<validation::ModelMatch> DatasetService::rank(const validation::Inference& inference, const std::string& filename) {
  auto matches = validation::rankModels(inference, filename, candidates_, synonyms_);
  if (matches.size() > 5) matches.resize(5);
  return matches;
}

Result<std::pair<std::string, std::string>> DatasetService::bestModel(const validation::Inference& inference,
                                                                      const std::string& filename) {
  auto matches = rank(inference, filename);
  // Below a third of the fields there is no honest proposal.
  if (matches.empty() || matches.front().fieldScore < 0.34) {
    return invalid({{"modell", "Zu dieser Datei passt keines der Datenmodelle gut genug für einen Vorschlag. Bitte das Modell "
                               "selbst wählen."}},
                   "Bitte die markierten Angaben prüfen.");
  }
  return std::make_pair(matches.front().model, matches.front().resource);
}

bool DatasetService::isMember(const auth::Principal& who, int64_t organisationId) {
  return who.loggedIn() && repo_.activeRole(organisationId, *who.user_id).has_value();
}

Result<Dataset> DatasetService::readable(const auth::Principal& who, int64_t id) {
  if (auto allowed = auth::requireLogin(who); !allowed) return std::unexpected(allowed.error());
  auto d = repo_.dataset(id);
  if (!d) return fail(ErrorCode::kNotFound, "Diesen Datensatz gibt es nicht (mehr).");
  if (!isMember(who, d->organisation_id) && !who.atLeast(auth::PlatformRole::kAdmin)) {
    return fail(ErrorCode::kForbidden, "Diesen Datensatz sehen nur Mitglieder von „" + d->organisation_name + "“.");
  }
  return *d;
}

Result<Dataset> DatasetService::writable(const auth::Principal& who, int64_t id) {
  if (auto allowed = auth::requireLogin(who); !allowed) return std::unexpected(allowed.error());
  auto d = repo_.dataset(id);
  if (!d) return fail(ErrorCode::kNotFound, "Diesen Datensatz gibt es nicht (mehr).");
  if (!isMember(who, d->organisation_id)) {
    return fail(ErrorCode::kForbidden, "Nur Mitglieder von „" + d->organisation_name + "“ können diesen Datensatz bearbeiten.");
  }
  return *d;
}

Result<const models::DataModel*> DatasetService::modelOf(const std::string& slug) { return models_->model(slug); }

void DatasetService::markStale(DatasetVersion& v) {
  // Only running imports have a heartbeat; queued ones wait for the worker (and are picked up
  // again after a restart).
  if (v.status != status::kRunning || clock_.nowSeconds() - v.heartbeat_at <= kStaleSeconds) return;
  const std::string message = "Der Import wurde unterbrochen (der Server wurde beendet). Bitte erneut starten.";
  bool changed = db_.transaction([&](db::Connection& conn) {
    if (!repo_.changeStatus(conn, v.dataset_id, v.version, status::kRunning, status::kFailed, clock_.nowSeconds())) return false;
    conn.query("UPDATE dataset_versions SET message = $1, phase = '', finished_at = $2 WHERE dataset_id = $3 AND version = $4",
               {message, clock_.nowSeconds(), v.dataset_id, v.version});
    repo_.deleteRows(conn, v.dataset_id, v.version);
    return true;
  });
  if (changed) {
    v.status = status::kFailed;
    v.message = message;
    v.phase.clear();
  }
}

std::vector<VersionRef> DatasetService::queuedVersions() {
  std::vector<VersionRef> out;
  for (const auto& r : db_.query("SELECT dataset_id, version FROM dataset_versions WHERE status = 'queued' ORDER BY created_at").rows) {
    out.push_back({r.i64(0), r.i64(1)});
  }
  return out;
}

Result<std::vector<Dataset>> DatasetService::list(const auth::Principal& who, std::optional<int64_t> organisationId) {
  if (auto allowed = auth::requireLogin(who); !allowed) return std::unexpected(allowed.error());
  if (who.atLeast(auth::PlatformRole::kAdmin)) return repo_.allDatasets(organisationId);
  return repo_.datasetsOfUser(*who.user_id, organisationId);
}

std::vector<std::pair<int64_t, std::string>> DatasetService::organisationsOf(const auth::Principal& who) {
  if (!who.loggedIn()) return {};
  return repo_.activeOrganisations(*who.user_id);
}

Result<DatasetView> DatasetService::dataset(const auth::Principal& who, int64_t id) {
  auto d = readable(who, id);
  if (!d) return std::unexpected(d.error());
  DatasetView view{*d, repo_.versions(id), false};
  for (auto& v : view.versions) markStale(v);
  auto role = repo_.activeRole(d->organisation_id, *who.user_id);
  view.can_delete = (role && (*role == "org_admin" || d->created_by == who.user_id)) || who.atLeast(auth::PlatformRole::kAdmin);
  return view;
}

Result<DatasetVersion> DatasetService::version(const auth::Principal& who, int64_t id, int64_t number) {
  auto d = readable(who, id);
  if (!d) return std::unexpected(d.error());
  auto v = repo_.version(id, number);
  if (!v) return fail(ErrorCode::kNotFound, "Version " + std::to_string(number) + " dieses Datensatzes gibt es nicht.");
  markStale(*v);
  return *v;
}

Status DatasetService::remove(const auth::Principal& who, int64_t id) {
  auto view = dataset(who, id);
  if (!view) return std::unexpected(view.error());
  if (!view->can_delete) {
    return fail(ErrorCode::kForbidden,
                "Löschen dürfen die Person, die den Datensatz angelegt hat, und die Organisations-Admins.");
  }
  for (const auto& v : view->versions) {
    if (v.status == status::kRunning || v.status == status::kQueued) {
      return fail(ErrorCode::kConflict, "Version " + std::to_string(v.version) +
                                            " wird gerade importiert. Bitte den Import erst abbrechen oder abwarten.");
    }
  }
  repo_.removeDataset(id);
  return {};
}

Result<Upload> DatasetService::createUpload(const auth::Principal& who, const NewUpload& input) {
  if (auto allowed = auth::requireLogin(who); !allowed) return std::unexpected(allowed.error());
  repo_.removeUploadsBefore(clock_.nowSeconds() - kMaxUploadAge);
  Upload upload;
  upload.user_id = *who.user_id;
  upload.created_at = clock_.nowSeconds();
  upload.filename = fs::path(input.filename).filename().string();
  if (upload.filename.empty() || upload.filename == "." || upload.filename == "..") upload.filename = "datei.csv";
  std::vector<FieldError> errors;
  // Read once: is it a table at all, and what are its columns (for the mapping and model "auto").
  std::optional<validation::TableSample> sample;
  std::optional<validation::Inference> inference;
  if (input.bytes.empty()) {
    errors.push_back({"datei", "Bitte eine Datei auswählen (CSV, XLSX oder ODS)."});
  } else if (auto read = sampleOf(upload.filename, input.bytes); !read) {
    if (read.error().code != ErrorCode::kInvalidInput) return std::unexpected(read.error());
    errors.insert(errors.end(), read.error().fields.begin(), read.error().fields.end());
  } else {
    inference = validation::inferTable(read->text, read->complete);
    if (inference->schema.value("fields", json::array()).empty()) {
      errors.push_back({"datei", "In der Datei wurde keine Kopfzeile mit Spaltennamen gefunden."});
      inference.reset();
    } else {
      sample = std::move(*read);
    }
  }
  if (input.dataset_id) {
    auto d = writable(who, *input.dataset_id);
    if (!d) return std::unexpected(d.error());
    upload.organisation_id = d->organisation_id;
    upload.dataset_id = d->id;
    upload.title = d->title;
    upload.model = d->model;
    upload.resource = d->resource;
  } else {
    if (!input.organisation_id) {
      errors.push_back({"organisation", "Bitte die Organisation wählen, zu der der Datensatz gehört."});
    } else if (!isMember(who, *input.organisation_id)) {
      return fail(ErrorCode::kForbidden, "Datensätze können nur aktive Mitglieder der Organisation anlegen.");
    } else {
      upload.organisation_id = *input.organisation_id;
    }
    upload.title = strings::trim(input.title);
    if (upload.title.empty()) errors.push_back({"titel", "Bitte einen Titel angeben, z. B. „Sozialmonitoring 2024“."});
    if (upload.title.size() > kMaxTitle) errors.push_back({"titel", "Der Titel darf höchstens 200 Zeichen lang sein."});
    auto [slug, resource] = splitModelChoice(input.model, input.resource);
    if (slug == "auto" && inference) {
      auto best = bestModel(*inference, upload.filename);
      if (!best && best.error().code != ErrorCode::kInvalidInput) return std::unexpected(best.error());
      if (!best) {
        errors.insert(errors.end(), best.error().fields.begin(), best.error().fields.end());
        slug.clear();
      } else {
        std::tie(slug, resource) = *best;
      }
    }
    auto m = slug.empty() || slug == "auto" ? Result<const models::DataModel*>(fail(ErrorCode::kNotFound, "")) : modelOf(slug);
    if (!m && slug == "auto") {
      // No file to judge by: the file error says what is missing.
    } else if (!m && std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "modell"; })) {
      errors.push_back({"modell", "Bitte ein Datenmodell aus der Liste wählen."});
    } else if (!m) {
      // The automatic choice already said why.
    } else {
      auto r = models_->resource(**m, resource);
      if (!r) {
        errors.push_back({"modell", r.error().message});
      } else {
        upload.model = slug;
        upload.resource = (*r)->name;
      }
    }
  }
  if (!errors.empty()) return invalid(std::move(errors), "Bitte die markierten Angaben prüfen.");
  upload.size_bytes = static_cast<int64_t>(input.bytes.size());
  upload.id = repo_.insertUpload(upload, crypto::base64Encode(input.bytes), sample->text, sample->complete);
  return upload;
}

Result<Upload> DatasetService::upload(const auth::Principal& who, int64_t uploadId) {
  if (auto allowed = auth::requireLogin(who); !allowed) return std::unexpected(allowed.error());
  auto u = repo_.upload(uploadId);
  if (!u || u->user_id != *who.user_id || !isMember(who, u->organisation_id)) {
    // Also for other people's uploads: an upload id reveals nothing.
    return fail(ErrorCode::kNotFound,
                "Diese hochgeladene Datei gibt es nicht (mehr). Hochgeladene Dateien werden nach dem Import oder nach "
                "sieben Tagen gelöscht; bitte die Datei neu hochladen.");
  }
  return *u;
}

Result<MappingDraft> DatasetService::mappingDraft(const auth::Principal& who, int64_t uploadId, const MappingInput& input) {
  auto u = upload(who, uploadId);
  if (!u) return std::unexpected(u.error());
  if (!input.model.empty() && !u->dataset_id) {
    // Another model for a new dataset (a dataset keeps its model from version to version).
    auto [slug, resource] = splitModelChoice(input.model, "");
    auto other = modelOf(slug);
    auto otherResource = other ? models_->resource(**other, resource) : Result<const validation::Resource*>(std::unexpected(other.error()));
    if (!otherResource) return invalid({{"modell", "Bitte ein Datenmodell aus der Liste wählen."}}, otherResource.error().message);
    u->model = slug;
    u->resource = (*otherResource)->name;
  }
  auto m = modelOf(u->model);
  if (!m) return std::unexpected(m.error());
  auto r = models_->resource(**m, u->resource);
  if (!r) return std::unexpected(r.error());
  const validation::Schema& target = *(*r)->schema;

  MappingDraft draft;
  draft.model_changeable = !u->dataset_id;
  draft.upload = *u;
  draft.saved_profiles = repo_.profiles(u->organisation_id);
  std::erase_if(draft.saved_profiles, [&](const ImportProfileRecord& p) { return p.model != u->model || p.resource != u->resource; });

  // The file's columns and types, and the proposal.
  auto sample = repo_.uploadSample(uploadId);
  if (!sample) return fail(ErrorCode::kNotFound, "Diese hochgeladene Datei gibt es nicht (mehr); bitte neu hochladen.");
  auto inference = validation::inferTable(sample->first, sample->second);
  for (const auto& f : inference.schema.value("fields", json::array())) draft.columns.push_back(f.value("name", ""));
  if (draft.model_changeable) draft.model_matches = rank(inference, u->filename);
  if (draft.columns.empty()) {
    return invalid({{"datei", "In der Datei wurde keine Kopfzeile mit Spaltennamen gefunden."}},
                   "Die Datei lässt sich nicht als Tabelle lesen.");
  }

  json profile;
  std::map<std::string, std::pair<std::string, std::string>> proposed;  // field → column, reason
  std::optional<int64_t> baseId = input.base_profile_id;
  if (baseId) {
    auto record = repo_.profile(*baseId);
    if (!record || record->organisation_id != u->organisation_id) {
      return fail(ErrorCode::kNotFound, "Dieses Import-Profil gibt es in Ihrer Organisation nicht.");
    }
    auto latest = repo_.profileVersion(record->id, record->version);
    if (!latest) return fail(ErrorCode::kNotFound, "Dieses Import-Profil hat keine gespeicherte Fassung.");
    profile = latest->document;
    draft.base_profile_id = record->id;
    draft.profile_name = record->name;
    draft.notes.push_back("Die Zuordnung stammt aus dem Import-Profil „" + record->name + "“ (Fassung " +
                          std::to_string(record->version) + ").");
  } else {
    auto codes = validation::codeListValues((*m)->package, (*m)->dir, **r);
    auto proposal = validation::proposeMapping(inference, target, u->model, u->resource, synonyms_, codes);
    profile = proposal.profile;
    for (const auto& f : proposal.fields) {
      if (f.column.empty()) continue;
      draft.notes.push_back("„" + f.field + "“ ← Spalte „" + f.column + "“: " + f.reason + ".");
      proposed[f.field] = {f.column, f.reason};
    }
    draft.notes.insert(draft.notes.end(), proposal.notes.begin(), proposal.notes.end());
    draft.profile_name = profileSlug(u->model + "-" + fs::path(u->filename).stem().string());
  }
  if (input.profile) {
    profile = *input.profile;
    if (input.profile_name.empty() && profile.contains("name") && profile["name"].is_string()) {
      draft.profile_name = profile["name"].get<std::string>();
    }
  }

  // The user's choices.
  if (profile.contains("reshape") && profile["reshape"].is_object()) {
    const json& reshape = profile["reshape"];
    draft.reshape_direction = reshape.value("direction", "");
    draft.reshape_available = draft.reshape_direction == "wide-to-long" || draft.reshape_direction == "long-to-wide";
    for (const auto& c : reshape.value("columns", json::array())) {
      if (c.is_string()) draft.reshape_columns.push_back(c.get<std::string>());
    }
    draft.reshape_name_column = reshape.value("nameColumn", "merkmal");
    draft.reshape_value_column = reshape.value("valueColumn", "wert");
  }
  draft.reshape = draft.reshape_available && input.reshape.value_or(true);
  if (!input.profile_name.empty()) draft.profile_name = strings::trim(input.profile_name);

  // Reading the file: markers for missing values and the first condition.
  if (!profile.contains("source") || !profile["source"].is_object()) profile["source"] = json::object();
  json& source = profile["source"];
  {
    std::string markers;
    for (const auto& m : source.value("missingValues", json::array())) {
      if (m.is_string() && !m.get<std::string>().empty()) markers += (markers.empty() ? "" : "; ") + m.get<std::string>();
    }
    draft.missing_values = markers;
  }
  if (input.missing_values && !input.profile) {
    draft.missing_values = *input.missing_values;
    json list = json::array({""});  // an empty cell is always missing
    for (const auto& part : strings::split(*input.missing_values, ';')) {
      std::string marker = strings::trim(part);
      if (!marker.empty() && std::find(list.begin(), list.end(), marker) == list.end()) list.push_back(marker);
    }
    source["missingValues"] = list;
  }
  json conditions = profile.value("conditions", json::array());
  if (!conditions.is_array()) conditions = json::array();
  if (!conditions.empty() && conditions[0].is_object()) {
    const json& first = conditions[0];
    draft.condition.enabled = true;
    draft.condition.column = first.value("column", "");
    draft.condition.comparison = first.contains("equals") ? "gleich" : "ungleich";
    const json& compared = first.contains("equals") ? first["equals"] : first.value("notEquals", json(""));
    draft.condition.value = compared.is_string() ? compared.get<std::string>() : compared.dump();
    for (const auto& k : first.value("keep", json::array())) {
      if (k.is_string()) draft.condition.keep.push_back(k.get<std::string>());
    }
  }
  draft.further_conditions = conditions.empty() ? 0 : conditions.size() - 1;
  if (input.condition && !input.profile) {
    const bool had = draft.condition.enabled;
    draft.condition = *input.condition;
    MappingCondition& c = draft.condition;
    if (c.enabled) {
      auto isColumn = [&](const std::string& name) {
        return std::find(draft.columns.begin(), draft.columns.end(), name) != draft.columns.end();
      };
      if (!isColumn(c.column)) {
        draft.problems.push_back({"bedingung", "Bitte die Spalte wählen, deren Wert über die Zeile entscheidet (z. B. „KOM“)."});
      }
      if (c.comparison != "gleich" && c.comparison != "ungleich") {
        draft.problems.push_back({"bedingung", "Bitte „gleich“ oder „ungleich“ wählen."});
      }
      std::erase_if(c.keep, [&](const std::string& k) { return !isColumn(k) || k == c.column; });
      json condition = {{"column", c.column}, {c.comparison == "gleich" ? "equals" : "notEquals", c.value}, {"keep", c.keep}};
      if (had) {
        conditions[0] = condition;
      } else {
        conditions.insert(conditions.begin(), condition);
      }
    } else if (had) {
      conditions.erase(conditions.begin());
    }
    if (conditions.empty()) {
      profile.erase("conditions");
    } else {
      profile["conditions"] = conditions;
    }
  }

  json fields = profile.value("fields", json::object());
  if (!fields.is_object()) fields = json::object();
  for (const auto& field : target.fields) {
    MappingField mf;
    mf.field = field.name;
    mf.title = field.title;
    mf.type = models::typeLabel(field);
    mf.required = field.constraints.required || field.inPrimaryKey;
    if (fields.contains(field.name)) {
      const json& s = fields[field.name];
      if (s.is_string()) {
        mf.source = s.get<std::string>();
      } else if (s.is_object() && s.contains("column") && s["column"].is_string()) {
        mf.source = s["column"].get<std::string>();
      } else if (s.is_object() && s.contains("constant")) {
        mf.source = "=";
        mf.constant = s["constant"].is_string() ? s["constant"].get<std::string>() : s["constant"].dump();
      }
    }
    mf.numeric = field.type() == validation::FieldType::kNumber || field.type() == validation::FieldType::kInteger;
    if (fields.contains(field.name) && fields[field.name].is_object()) {
      const json& s = fields[field.name];
      if (s.contains("scale")) mf.scale = factorText(s["scale"]);
      if (s.contains("codes")) mf.codes = assignmentLines(s["codes"]);
    }
    if (auto it = input.source.find(field.name); it != input.source.end() && !input.profile) mf.source = it->second;
    if (auto it = input.constant.find(field.name); it != input.constant.end() && !input.profile) mf.constant = it->second;
    if (auto it = input.scale.find(field.name); it != input.scale.end() && !input.profile) mf.scale = it->second;
    if (auto it = input.codes.find(field.name); it != input.codes.end() && !input.profile) mf.codes = it->second;
    if (auto it = proposed.find(mf.field); it != proposed.end() && mf.source == it->second.first) mf.reason = it->second.second;
    draft.fields.push_back(mf);
  }

  // Choices for fields the model does not have would be ignored silently; name them instead.
  if (!input.profile) {
    std::set<std::string> unknown;
    for (const auto* choices : {&input.source, &input.constant, &input.scale, &input.codes}) {
      for (const auto& [name, value] : *choices) {
        if (!target.field(name)) unknown.insert(name);
      }
    }
    for (const auto& name : unknown) {
      draft.problems.push_back({"feld." + name, "Das Modell „" + u->model + "“ (Tabelle „" + u->resource + "“) hat kein Feld „" +
                                                    name + "“."});
    }
  }

  // The complete profile from the choices. Options on a field (codes, scale) survive a change of
  // its column; a field set to "leer" leaves the profile.
  json newFields = json::object();
  std::set<std::string> usedColumns;
  for (const auto& mf : draft.fields) {
    json previous = fields.contains(mf.field) && fields[mf.field].is_object() ? fields[mf.field] : json::object();
    if (mf.source.empty()) continue;
    json entry = previous;
    for (const char* key : {"column", "constant", "scale", "codes"}) entry.erase(key);
    if (mf.source == "=") {
      entry["constant"] = mf.constant;
    } else {
      entry["column"] = mf.source;
      usedColumns.insert(mf.source);
      if (!strings::trim(mf.scale).empty()) {
        if (auto factor = parseFactor(mf.scale); factor && mf.numeric) {
          entry["scale"] = *factor;
        } else {
          draft.problems.push_back({"feld." + mf.field, "„" + mf.title + "“: Der Umrechnungsfaktor „" + mf.scale +
                                                            "“ ist keine Zahl ungleich 0 (z. B. 0,001 für Euro → Tausend Euro)."});
        }
      }
      std::string badLine;
      if (auto codes = parseCodes(mf.codes, &badLine); !codes) {
        draft.problems.push_back({"feld." + mf.field, "„" + mf.title + "“: Die Zeile „" + badLine +
                                                          "“ hat kein „=“. Bitte je Zeile „alter Wert = neuer Wert“ eintragen."});
      } else if (!codes->empty()) {
        entry["codes"] = *codes;
      } else {
        entry.erase("codesRequired");
      }
    }
    newFields[mf.field] = entry;
  }
  profile["fields"] = newFields;

  // Aggregation: as the profile has it, or as chosen in the form.
  MappingAggregation& agg = draft.aggregation;
  const json previousAggregate = profile.contains("aggregate") && profile["aggregate"].is_object() ? profile["aggregate"] : json();
  if (previousAggregate.is_object()) {
    agg.enabled = true;
    if (previousAggregate.contains("prefix")) agg.prefix = previousAggregate["prefix"].dump();
    if (previousAggregate.contains("table")) {
      agg.by = "tabelle";
      const json& table = previousAggregate["table"];
      if (table.is_object() && table.contains("rows")) agg.table = areaTableText(table["rows"]);
    }
    agg.level = previousAggregate.value("level", "");
    agg.area_field = previousAggregate.value("areaField", "");
    agg.level_field = previousAggregate.value("levelField", "");
    agg.value_field = previousAggregate.value("valueField", "");
    agg.method = previousAggregate.value("method", agg.method);
    agg.weight_column = previousAggregate.value("weightColumn", "");
    agg.method_by = previousAggregate.value("methodBy", "");
    agg.methods = assignmentLines(previousAggregate.value("methods", json::object()));
  }
  for (const auto& f : target.fields) {  // sensible defaults for the form
    bool numeric = f.type() == validation::FieldType::kNumber || f.type() == validation::FieldType::kInteger;
    if (agg.area_field.empty() && f.type() == validation::FieldType::kString && (f.constraints.required || f.inPrimaryKey)) {
      agg.area_field = f.name;
    }
    if (agg.value_field.empty() && numeric) agg.value_field = f.name;
    if (!previousAggregate.is_object() && agg.level_field.empty() && f.name.find("ebene") != std::string::npos) agg.level_field = f.name;
  }
  if (input.aggregation && !input.profile) agg = *input.aggregation;
  if (agg.enabled) {
    json aggregate = previousAggregate.is_object() ? previousAggregate : json::object();
    std::vector<FieldError> aggProblems;
    if (agg.by == "tabelle") {
      const bool fileTable = aggregate.contains("table") && aggregate["table"].is_object() && aggregate["table"].contains("path");
      if (!strings::trim(agg.table).empty() || !fileTable) {
        if (auto rows = parseAreaTable(agg.table, aggProblems)) aggregate["table"] = json{{"rows", *rows}};
      }
      aggregate.erase("prefix");
    } else if (agg.by == "praefix") {
      auto prefix = strings::parseInt(strings::trim(agg.prefix));
      if (prefix && *prefix >= 1 && *prefix <= 40) {
        aggregate["prefix"] = *prefix;
        aggregate.erase("table");
      } else {
        aggProblems.push_back({"zusammenfassen.prefix", "Bitte angeben, wie viele Zeichen der Gebietsnummer das grobe Gebiet bilden "
                                                        "(z. B. 4 für Berliner Prognoseräume aus Planungsräumen)."});
      }
    } else {
      aggProblems.push_back({"zusammenfassen.nach", "Bitte wählen: nach den ersten Zeichen der Gebietsnummer oder nach einer "
                                                    "Zuordnungstabelle."});
    }
    if (!target.field(agg.area_field)) aggProblems.push_back({"zusammenfassen.gebiet", "Bitte das Feld mit der Gebietsnummer wählen."});
    if (!target.field(agg.value_field)) aggProblems.push_back({"zusammenfassen.wert", "Bitte das Feld mit dem Wert wählen."});
    if (agg.method != "summe" && agg.method != "mittelwert" && agg.method != "gewichteter_mittelwert") {
      aggProblems.push_back({"zusammenfassen.methode", "Bitte Summe, Mittelwert oder gewichteten Mittelwert wählen."});
    }
    bool weighted = agg.method == "gewichteter_mittelwert";
    aggregate.erase("methodBy");
    aggregate.erase("methods");
    if (!strings::trim(agg.method_by).empty()) {
      json methods = json::object();
      if (!target.field(agg.method_by)) {
        aggProblems.push_back({"zusammenfassen.methode_nach", "Bitte das Feld wählen, dessen Wert die abweichende Rechnung bestimmt."});
      }
      size_t lineNumber = 0;
      for (const auto& rawLine : strings::split(agg.methods, '\n')) {
        ++lineNumber;
        std::string line = strings::trim(rawLine);
        if (line.empty()) continue;
        auto eq = line.find('=');
        std::string value = eq == std::string::npos ? "" : strings::trim(line.substr(0, eq));
        std::string method = eq == std::string::npos ? "" : strings::trim(line.substr(eq + 1));
        if (value.empty() || !validation::isAggregationMethod(method)) {
          aggProblems.push_back({"zusammenfassen.methoden", "Abweichende Rechnung, Zeile " + std::to_string(lineNumber) + " („" +
                                                                line.substr(0, 60) + "“): Bitte „Wert = Rechnung“ eintragen; "
                                                                "Rechnung ist summe, mittelwert, gewichteter_mittelwert oder keine."});
          continue;
        }
        methods[value] = method;
        weighted = weighted || method == "gewichteter_mittelwert";
      }
      if (methods.empty()) {
        aggProblems.push_back({"zusammenfassen.methoden", "Bitte je Zeile „Wert = Rechnung“ eintragen, z. B. „EW = summe“, oder "
                                                          "kein Feld für eine abweichende Rechnung wählen."});
      }
      aggregate["methodBy"] = agg.method_by;
      aggregate["methods"] = methods;
    }
    if (weighted && agg.weight_column.empty()) {
      aggProblems.push_back({"zusammenfassen.gewicht", "Für den gewichteten Mittelwert bitte die Spalte mit dem Gewicht wählen "
                                                       "(z. B. die Einwohnerzahl)."});
    }
    aggregate["level"] = strings::trim(agg.level).empty() ? std::string("zusammengefasst") : strings::trim(agg.level);
    aggregate["areaField"] = agg.area_field;
    if (agg.level_field.empty()) aggregate.erase("levelField");
    else aggregate["levelField"] = agg.level_field;
    aggregate["valueField"] = agg.value_field;
    aggregate["method"] = agg.method;
    if (agg.weight_column.empty()) aggregate.erase("weightColumn");
    else aggregate["weightColumn"] = agg.weight_column;
    if (!previousAggregate.is_object() || !previousAggregate.contains("groupBy")) {
      json groupBy = json::array();  // every other field keeps its own groups
      for (const auto& f : target.fields) {
        if (f.name != agg.area_field && f.name != agg.level_field && f.name != agg.value_field && newFields.contains(f.name)) {
          groupBy.push_back(f.name);
        }
      }
      aggregate["groupBy"] = groupBy;
    }
    draft.problems.insert(draft.problems.end(), aggProblems.begin(), aggProblems.end());
    profile["aggregate"] = aggregate;
    if (!agg.weight_column.empty()) usedColumns.insert(agg.weight_column);
  } else {
    profile.erase("aggregate");
  }
  if (draft.reshape) {
    // Carried along: what the profile kept (e.g. a weight for aggregating) and every column a
    // field now takes.
    std::set<std::string> wanted = usedColumns;
    for (const auto& c : profile["reshape"].value("keep", json::array())) {
      if (c.is_string()) wanted.insert(c.get<std::string>());
    }
    // A column may be both kept and turned into rows (the Berlin MSS weight EW is both).
    json keep = json::array();
    for (const auto& c : draft.columns) {
      if (wanted.count(c)) keep.push_back(c);
    }
    profile["reshape"]["keep"] = keep;
  } else {
    profile.erase("reshape");
  }
  validation::readTextFieldsAsText(profile, target);
  profile["name"] = draft.profile_name;
  profile["model"] = u->model;
  profile["resource"] = u->resource;
  profile["title"] = "Import: " + u->filename + " → " + (*m)->title;
  if (!profile.contains("version")) profile["version"] = "1.0.0";
  draft.profile = profile;
  return draft;
}

Result<VersionRef> DatasetService::startImport(const auth::Principal& who, int64_t uploadId, const MappingInput& input) {
  auto draft = mappingDraft(who, uploadId, input);
  if (!draft) return std::unexpected(draft.error());
  const Upload& u = draft->upload;
  if (!draft->problems.empty()) return invalid(draft->problems, "Bitte die markierten Angaben prüfen.");
  if (draft->profile_name.empty() || profileSlug(draft->profile_name) != draft->profile_name) {
    return invalid({{"profil", "Der Profilname darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten (höchstens 80 "
                               "Zeichen), z. B. „" + profileSlug(draft->profile_name.empty() ? u.model : draft->profile_name) +
                               "“."}},
                   "Bitte die markierten Angaben prüfen.");
  }
  auto m = modelOf(u.model);
  if (!m) return std::unexpected(m.error());
  auto parsed = validation::parseProfile(draft->profile, (*m)->dir);
  if (!parsed) {
    std::vector<FieldError> errors = parsed.error().fields;
    if (errors.empty()) errors.push_back({"zuordnung", parsed.error().message});
    for (auto& e : errors) {
      // "/fields/ags" → the form field of that model field.
      if (e.field.rfind("/fields/", 0) == 0) e.field = "feld." + e.field.substr(8, e.field.find('/', 8) - 8);
      else if (e.field.rfind("/aggregate", 0) == 0) e.field = "zusammenfassen";
    }
    return invalid(std::move(errors), "Die Zuordnung ist so nicht ausführbar. Bitte die markierten Felder prüfen.");
  }

  int64_t now = clock_.nowSeconds();
  auto ref = db_.transaction([&](db::Connection& conn) -> Result<VersionRef> {
    // Read again under the transaction's lock: a double click must not start two imports or
    // create two datasets from one upload.
    auto current = repo_.lockUpload(conn, uploadId);
    if (!current) return fail(ErrorCode::kNotFound, "Diese hochgeladene Datei gibt es nicht (mehr).");
    if (repo_.uploadInUse(conn, uploadId)) {
      return fail(ErrorCode::kConflict, "Diese Datei wird gerade importiert. Bitte warten oder den Import abbrechen.");
    }
    auto [profileId, profileVersion] = repo_.saveProfileVersion(conn, u.organisation_id, draft->profile_name, u.model,
                                                                u.resource, draft->profile.dump(2), who.user_id, now);
    int64_t datasetId = 0;
    if (*current) {
      datasetId = **current;
    } else {
      conn.query("UPDATE dataset_uploads SET model = $1, resource = $2 WHERE id = $3", {u.model, u.resource, uploadId});
      Dataset d;
      d.organisation_id = u.organisation_id;
      d.title = u.title;
      d.model = u.model;
      d.resource = u.resource;
      d.created_by = who.user_id;
      datasetId = repo_.insertDataset(conn, d, now);
      // A second run from the same upload (after correcting the mapping) adds to this dataset.
      conn.query("UPDATE dataset_uploads SET dataset_id = $1 WHERE id = $2", {datasetId, uploadId});
    }
    DatasetVersion v;
    v.dataset_id = datasetId;
    v.version = repo_.nextVersion(conn, datasetId);
    v.status = status::kQueued;
    v.upload_id = uploadId;
    v.filename = u.filename;
    v.size_bytes = u.size_bytes;
    v.profile_id = profileId;
    v.profile_version = profileVersion;
    v.profile = draft->profile;
    v.profile["version"] = std::to_string(profileVersion) + ".0.0";
    v.created_by = who.user_id;
    v.created_at = now;
    v.phase = "wartet auf den Start";
    repo_.insertVersion(conn, v);
    return VersionRef{datasetId, v.version};
  });
  if (ref && runner_) runner_(*ref);
  return ref;
}

void DatasetService::runImport(VersionRef ref) { runImport(ref, {}); }

void DatasetService::runImport(VersionRef ref, const std::function<bool()>& stopping) {
  if (!repo_.claim(ref.dataset_id, ref.version, clock_.nowSeconds())) return;
  auto v = repo_.version(ref.dataset_id, ref.version);
  auto dataset = repo_.dataset(ref.dataset_id);
  if (!v || !dataset) return;

  auto finishWith = [&](const std::string& statusValue, const std::string& message) {
    v->status = statusValue;
    v->message = message;
    v->phase.clear();
    db_.transaction([&](db::Connection& conn) {
      // A cancel that came after the last check still wins: the user was told it would.
      bool keeps = v->status == status::kImported || v->status == status::kReview;
      if (keeps && !repo_.claimCompletion(conn, v->dataset_id, v->version, clock_.nowSeconds())) {
        v->status = status::kCancelled;
        v->message = "Der Import wurde abgebrochen.";
        keeps = false;
      }
      if (!keeps) repo_.deleteRows(conn, v->dataset_id, v->version);
      repo_.finish(conn, *v, clock_.nowSeconds());
      if (v->status == status::kImported) {
        repo_.setCurrentVersion(conn, v->dataset_id, v->version, clock_.nowSeconds());
        if (v->upload_id) repo_.detachUpload(conn, *v->upload_id);
        if (v->upload_id) conn.query("DELETE FROM dataset_uploads WHERE id = $1", {*v->upload_id});
      }
    });
  };

  bool cancelled = false, shutdown = false;
  auto finishCancelled = [&] {
    if (shutdown) return finishWith(status::kFailed, "Der Server wurde während des Imports beendet. Bitte erneut starten.");
    return finishWith(status::kCancelled, "Der Import wurde abgebrochen.");
  };
  try {
    Throttle throttle;
    auto report = [&](int percent, const std::string& phase) {
      if (cancelled) return false;
      if (stopping && stopping()) cancelled = shutdown = true;
      if (!cancelled && throttle.due()) {
        cancelled = repo_.progress(ref.dataset_id, ref.version, percent, phase, clock_.nowSeconds());
      }
      return !cancelled;
    };
    repo_.progress(ref.dataset_id, ref.version, 1, "Datei lesen", clock_.nowSeconds());

    auto m = modelOf(dataset->model);
    if (!m) return finishWith(status::kFailed, m.error().message);
    auto r = models_->resource(**m, dataset->resource);
    if (!r) return finishWith(status::kFailed, r.error().message);
    const validation::Schema& schema = *(*r)->schema;
    auto profile = validation::parseProfile(v->profile, (*m)->dir);
    if (!profile) return finishWith(status::kFailed, "Das Import-Profil ist fehlerhaft: " + profile.error().message);
    auto content = v->upload_id ? repo_.uploadContent(*v->upload_id) : std::nullopt;
    auto bytes = content ? crypto::base64Decode(*content) : std::nullopt;
    if (!bytes) return finishWith(status::kFailed, "Die hochgeladene Datei ist nicht mehr vorhanden; bitte neu hochladen.");
    TempFile file("opgv-datensatz", v->filename, *bytes);
    if (!file.ok()) return finishWith(status::kFailed, "Die Datei konnte nicht zwischengespeichert werden.");
    content.reset();  // from here on the file is read from disk, in chunks
    bytes.reset();

    // 1. The profile: source columns read and checked, mapped to the model (0–40 %).
    validation::ImportOptions importOptions;
    importOptions.file.progress = [&](uint64_t done, uint64_t total) {
      return report(total ? static_cast<int>(1 + 39 * done / total) : 20, "Spalten zuordnen");
    };
    auto imported = validation::runProfile(*profile, schema, file.path(), importOptions);
    if (cancelled) return finishCancelled();
    if (!imported) return finishWith(status::kFailed, imported.error().message);
    const validation::Report& source = imported->sourceReport;
    if (source.fatal) {
      v->report = {{"source", validation::reportToJson(source)}, {"notes", imported->notes}};
      return finishWith(status::kFailed, "Die Datei konnte nicht vollständig gelesen werden: " +
                                             (source.errors.empty() ? std::string("Lesefehler") : source.errors.back().message));
    }
    auto resultPath = file.sibling("ergebnis.csv");
    {
      std::ofstream out(resultPath, std::ios::binary);
      out << imported->csv;
      if (!out) return finishWith(status::kFailed, "Das Ergebnis konnte nicht zwischengespeichert werden.");
    }
    std::string().swap(imported->csv);

    // 2. The model check; rows are stored as they come (40–95 %).
    std::set<int64_t> invalidSource(imported->invalidSourceRows.begin(), imported->invalidSourceRows.end());
    const auto& outputSource = imported->outputSourceRows;
    std::vector<StoredRow> batch;
    int64_t outputIndex = 0, stored = 0, flaggedByModel = 0;
    auto flush = [&] {
      if (batch.empty()) return;
      db_.transaction([&](db::Connection& conn) {
        repo_.insertRows(conn, ref.dataset_id, ref.version, batch);
      });
      batch.clear();
    };
    validation::FileOptions options;
    options.limits.maxErrors = kReportErrors;
    options.progress = [&](uint64_t done, uint64_t total) {
      return report(total ? static_cast<int>(40 + 55 * done / total) : 60, "Werte prüfen und speichern");
    };
    options.onRow = [&](const validation::RowOutcome& outcome) {
      if (outcome.blank) return;
      StoredRow row;
      row.row_number = outcome.row;
      row.valid = outcome.valid;
      if (!outcome.valid) ++flaggedByModel;
      size_t index = static_cast<size_t>(outputIndex++);
      if (index < outputSource.size() && invalidSource.count(outputSource[index])) {
        row.valid = false;
        row.errors = "Zeile " + std::to_string(outputSource[index]) +
                     " der Quelldatei hat einen Fehler (siehe Prüfbericht der Quelle); ein Wert fehlt deshalb.";
      }
      row.cells.reserve(outcome.cells.size());
      row.record = json::array();
      for (size_t i = 0; i < outcome.cells.size(); ++i) {
        row.cells.emplace_back(outcome.cells[i]);
        row.record.push_back(typedCell(outcome.values[i]));
      }
      ++stored;
      batch.push_back(std::move(row));
      if (batch.size() >= kRowsPerTransaction) flush();
    };
    auto checked = validation::validateResource((*m)->package, (*m)->dir, dataset->resource, resultPath, options);
    flush();
    if (cancelled) return finishCancelled();
    if (!checked) return finishWith(status::kFailed, checked.error().message);
    checked->source = v->filename;
    checked->notes.insert(checked->notes.begin(),
                          "Zeilennummern beziehen sich auf die Tabelle im Format des Modells, die das Import-Profil aus der "
                          "Datei erzeugt hat (Kopfzeile = Zeile 1).");

    // 3. Errors found only at the end (foreign keys within the table) and the messages of every
    // invalid row.
    report(96, "Prüfbericht ablegen");
    db_.transaction([&](db::Connection& conn) {
      std::map<int64_t, std::string> messages;
      for (const auto& e : checked->errors) {
        if (e.row > 0) messages[e.row] += (messages[e.row].empty() ? "" : " ") + e.message;
      }
      for (const auto& [row, text] : messages) repo_.markInvalid(conn, ref.dataset_id, ref.version, row, text);
      repo_.fillMissingErrors(conn, ref.dataset_id, ref.version,
                              "Die Zeile hat Fehler; der Prüfbericht führt nur die ersten " +
                                  validation::formatCount(kReportErrors) + " Fehler im Einzelnen auf.");
    });
    int64_t invalidStored = repo_.countRows(ref.dataset_id, ref.version, false);
    v->rows_total = stored;
    v->rows_invalid = invalidStored;
    v->rows_valid = stored - invalidStored;
    // Every invalid row is known when source errors can be traced to one result row each (not
    // after aggregating or long → wide) and the errors found only at the end were all kept.
    bool sourceErrorsTraced = invalidSource.empty() || outputSource.size() == static_cast<size_t>(stored);
    bool lateErrorsKept = !(checked->truncated && checked->stats.invalidRows > flaggedByModel);
    v->rejects_exact = sourceErrorsTraced && lateErrorsKept;
    v->progress_percent = 100;
    v->report = {{"result", validation::reportToJson(*checked)},
                 {"source", validation::reportToJson(source)},
                 {"notes", imported->notes},
                 {"stats",
                  {{"sourceRows", imported->stats.sourceRows},
                   {"outputRows", imported->stats.outputRows},
                   {"valuesSetMissing", imported->stats.valuesSetMissing},
                   {"untranslatedCodes", imported->stats.untranslatedCodes}}}};
    bool clean = checked->valid && source.valid && invalidStored == 0;
    if (clean) return finishWith(status::kImported, "");
    std::string message = validation::formatCount(static_cast<uint64_t>(v->rows_invalid)) + " von " +
                          validation::formatCount(static_cast<uint64_t>(stored)) + " Zeilen haben Fehler.";
    if (!source.valid) {
      message += " Die Quelldatei hat " + validation::formatCount(static_cast<uint64_t>(source.stats.errors)) + " Fehler.";
    }
    return finishWith(status::kReview, message);
  } catch (const std::exception& e) {
    log::error("Import von Datensatz " + std::to_string(ref.dataset_id) + " Version " + std::to_string(ref.version) +
               " fehlgeschlagen: " + e.what());
    try {
      finishWith(status::kFailed, "Beim Import ist ein interner Fehler aufgetreten. Bitte später erneut versuchen.");
    } catch (...) {
    }
  }
}

Status DatasetService::cancel(const auth::Principal& who, int64_t id, int64_t number) {
  auto d = writable(who, id);
  if (!d) return std::unexpected(d.error());
  auto v = repo_.version(id, number);
  if (!v) return fail(ErrorCode::kNotFound, "Version " + std::to_string(number) + " dieses Datensatzes gibt es nicht.");
  if (v->status != status::kQueued && v->status != status::kRunning) {
    return fail(ErrorCode::kConflict, "Dieser Import ist bereits beendet (" + statusLabel(v->status) + ").");
  }
  if (!repo_.requestCancel(id, number)) {
    auto now = repo_.version(id, number);
    return fail(ErrorCode::kConflict, "Dieser Import ist bereits beendet (" + statusLabel(now ? now->status : v->status) + ").");
  }
  // Not started yet: nothing will pick it up any more.
  db_.transaction([&](db::Connection& conn) {
    if (repo_.changeStatus(conn, id, number, status::kQueued, status::kCancelled, clock_.nowSeconds())) {
      conn.query("UPDATE dataset_versions SET message = $1, finished_at = $2 WHERE dataset_id = $3 AND version = $4",
                 {std::string("Der Import wurde abgebrochen."), clock_.nowSeconds(), id, number});
    }
  });
  return {};
}

Status DatasetService::decide(const auth::Principal& who, int64_t id, int64_t number, Decision decision) {
  auto d = writable(who, id);
  if (!d) return std::unexpected(d.error());
  auto v = repo_.version(id, number);
  if (!v) return fail(ErrorCode::kNotFound, "Version " + std::to_string(number) + " dieses Datensatzes gibt es nicht.");
  if (v->status != status::kReview) {
    return fail(ErrorCode::kConflict, "Über diese Version ist schon entschieden (" + statusLabel(v->status) + ").");
  }
  if (decision == Decision::kKeepValidRows && !v->rejects_exact) {
    return fail(ErrorCode::kConflict,
                "Die fehlerhaften Zeilen lassen sich hier nicht vollständig bestimmen (zu viele Fehler oder Fehler in der "
                "Quelldatei bei zusammengefassten Zeilen). Bitte die Datei korrigieren und neu hochladen.");
  }
  if (decision == Decision::kKeepValidRows && v->rows_valid == 0) {
    return fail(ErrorCode::kConflict, "Keine Zeile ist fehlerfrei; es gibt nichts zu übernehmen.");
  }
  int64_t now = clock_.nowSeconds();
  bool changed = db_.transaction([&](db::Connection& conn) {
    std::string to = decision == Decision::kKeepValidRows ? status::kImported : status::kDiscarded;
    if (!repo_.changeStatus(conn, id, number, status::kReview, to, now)) return false;
    if (decision == Decision::kKeepValidRows) {
      repo_.setCurrentVersion(conn, id, number, now);
    } else {
      repo_.deleteRows(conn, id, number);
    }
    return true;
  });
  if (!changed) return fail(ErrorCode::kConflict, "Über diese Version wurde gerade anderweitig entschieden.");
  // The file is no longer needed once the version is settled (a discarded one may be mapped again
  // from the same upload, so it stays until it expires).
  if (decision == Decision::kKeepValidRows && v->upload_id) repo_.removeUpload(*v->upload_id);
  return {};
}

Result<RowPage> DatasetService::rows(const auth::Principal& who, int64_t id, std::optional<int64_t> number, int64_t offset,
                                     int64_t limit) {
  auto d = readable(who, id);
  if (!d) return std::unexpected(d.error());
  int64_t versionNumber = number.value_or(d->current_version.value_or(0));
  if (versionNumber == 0) return fail(ErrorCode::kNotFound, "Dieser Datensatz hat noch keine übernommenen Daten.");
  auto v = repo_.version(id, versionNumber);
  if (!v) return fail(ErrorCode::kNotFound, "Version " + std::to_string(versionNumber) + " dieses Datensatzes gibt es nicht.");
  if (v->status != status::kImported && v->status != status::kReview) {
    return fail(ErrorCode::kNotFound, "Version " + std::to_string(versionNumber) + " hat keine gespeicherten Zeilen (" +
                                          statusLabel(v->status) + ").");
  }
  RowPage page;
  auto m = modelOf(d->model);
  if (m) {
    if (auto r = models_->resource(**m, d->resource)) {
      for (const auto& f : (*r)->schema->fields) page.fields.push_back(f.name);
    }
  }
  page.offset = std::max<int64_t>(0, offset);
  page.limit = std::clamp<int64_t>(limit <= 0 ? 50 : limit, 1, kMaxPage);
  page.total = repo_.countRows(id, versionNumber, true);
  page.rows = repo_.rows(id, versionNumber, true, page.offset, page.limit);
  return page;
}

Result<models::Download> DatasetService::download(const auth::Principal& who, int64_t id, std::optional<int64_t> number,
                                                  const std::string& format) {
  if (format != "csv" && format != "xlsx" && format != "json") {
    return invalid({{"format", "Bitte ein Format wählen: csv, xlsx oder json."}}, "Unbekanntes Format „" + format + "“.");
  }
  auto first = rows(who, id, number, 0, 1);
  if (!first) return std::unexpected(first.error());
  auto d = repo_.dataset(id);
  if (!d) return fail(ErrorCode::kNotFound, "Diesen Datensatz gibt es nicht (mehr).");
  int64_t versionNumber = number.value_or(d->current_version.value_or(0));
  const auto& fields = first->fields;
  std::string stem = profileSlug(d->title);
  if (stem.empty()) stem = "datensatz";
  stem += "-v" + std::to_string(versionNumber);

  // Streams through the rows in pages: the full table is built once, in the output format only.
  auto eachRow = [&](const std::function<void(const StoredRow&)>& visit) {
    for (int64_t offset = 0;; offset += 1000) {
      auto page = repo_.rows(id, versionNumber, true, offset, 1000);
      for (const auto& row : page) visit(row);
      if (page.size() < 1000) break;
    }
  };
  if (format == "csv") {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + strings::csvField(fields[i]);
    out += "\r\n";
    eachRow([&](const StoredRow& row) {
      for (size_t i = 0; i < row.cells.size(); ++i) out += (i ? "," : "") + strings::csvField(row.cells[i]);
      out += "\r\n";
    });
    return models::Download{stem + ".csv", "text/csv; charset=utf-8", std::move(out)};
  }
  if (format == "json") {
    json rowsJson = json::array();
    eachRow([&](const StoredRow& row) {
      json object = json::object();
      for (size_t i = 0; i < fields.size() && row.record.is_array() && i < row.record.size(); ++i) object[fields[i]] = row.record[i];
      rowsJson.push_back(std::move(object));
    });
    json doc = {{"datensatz", d->title}, {"organisation", d->organisation_name}, {"modell", d->model},
                {"ressource", d->resource}, {"version", versionNumber}, {"felder", fields}, {"zeilen", std::move(rowsJson)}};
    return models::Download{stem + ".json", "application/json", doc.dump(1)};
  }
  office::Workbook book;
  book.properties.title = d->title;
  book.properties.subject = "Datensatz im Modell " + d->model + ", Version " + std::to_string(versionNumber);
  office::Sheet sheet;
  sheet.name = "Daten";
  sheet.header = fields;
  eachRow([&](const StoredRow& row) {
    std::vector<office::SheetCell> cells;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const json* typed = row.record.is_array() && i < row.record.size() ? &row.record[i] : nullptr;
      bool number = typed && typed->is_number();
      cells.push_back({number ? typed->dump() : row.cells[i], number});
    }
    sheet.rows.push_back(std::move(cells));
  });
  book.sheets.push_back(std::move(sheet));
  auto bytes = office::writeXlsx(book);
  if (!bytes) return std::unexpected(bytes.error());
  return models::Download{stem + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*bytes)};
}

Result<models::Download> DatasetService::rejects(const auth::Principal& who, int64_t id, int64_t number) {
  auto d = readable(who, id);
  if (!d) return std::unexpected(d.error());
  auto v = repo_.version(id, number);
  if (!v) return fail(ErrorCode::kNotFound, "Version " + std::to_string(number) + " dieses Datensatzes gibt es nicht.");
  if (v->status != status::kImported && v->status != status::kReview) {
    return fail(ErrorCode::kNotFound, "Version " + std::to_string(number) + " hat keine gespeicherten Zeilen (" +
                                          statusLabel(v->status) + ").");
  }
  std::vector<std::string> fields;
  if (auto m = modelOf(d->model)) {
    if (auto r = models_->resource(**m, d->resource)) {
      for (const auto& f : (*r)->schema->fields) fields.push_back(f.name);
    }
  }
  std::string out = "zeile,fehler";
  for (const auto& f : fields) out += "," + strings::csvField(f);
  out += "\r\n";
  for (int64_t offset = 0;; offset += 1000) {
    auto page = repo_.rows(id, number, false, offset, 1000);
    for (const auto& row : page) {
      out += std::to_string(row.row_number) + "," + strings::csvField(row.errors);
      for (const auto& cell : row.cells) out += "," + strings::csvField(cell);
      out += "\r\n";
    }
    if (page.size() < 1000) break;
  }
  std::string stem = profileSlug(d->title);
  return models::Download{(stem.empty() ? "datensatz" : stem) + "-v" + std::to_string(number) + "-abgelehnt.csv",
                          "text/csv; charset=utf-8", std::move(out)};
}

Result<std::vector<ImportProfileRecord>> DatasetService::profiles(const auth::Principal& who, int64_t organisationId) {
  if (auto allowed = auth::requireLogin(who); !allowed) return std::unexpected(allowed.error());
  if (!isMember(who, organisationId) && !who.atLeast(auth::PlatformRole::kAdmin)) {
    return fail(ErrorCode::kForbidden, "Import-Profile sehen nur Mitglieder der Organisation.");
  }
  return repo_.profiles(organisationId);
}

Result<std::pair<ImportProfileRecord, std::vector<ImportProfileVersion>>> DatasetService::profile(const auth::Principal& who,
                                                                                               int64_t id) {
  if (auto allowed = auth::requireLogin(who); !allowed) return std::unexpected(allowed.error());
  auto record = repo_.profile(id);
  if (!record) return fail(ErrorCode::kNotFound, "Dieses Import-Profil gibt es nicht.");
  if (!isMember(who, record->organisation_id) && !who.atLeast(auth::PlatformRole::kAdmin)) {
    return fail(ErrorCode::kForbidden, "Import-Profile sehen nur Mitglieder der Organisation.");
  }
  return std::make_pair(*record, repo_.profileVersions(id));
}

// ImportQueue

struct ImportQueue::State {
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<VersionRef> jobs;
  bool stopping = false;
  std::atomic<bool> stopFlag{false};
  std::thread worker;
};

ImportQueue::ImportQueue(std::function<void(VersionRef, const std::function<bool()>&)> work)
    : state_(std::make_shared<State>()) {
  auto state = state_;
  state_->worker = std::thread([state, work = std::move(work)] {
    auto stopping = [state] { return state->stopFlag.load(); };
    for (;;) {
      VersionRef job;
      {
        std::unique_lock lock(state->mutex);
        state->wake.wait(lock, [&] { return state->stopping || !state->jobs.empty(); });
        if (state->stopping) return;
        job = state->jobs.front();
        state->jobs.pop_front();
      }
      try {
        work(job, stopping);
      } catch (const std::exception& e) {
        log::error(std::string("Import-Warteschlange: ") + e.what());
      }
    }
  });
}

ImportQueue::~ImportQueue() { stop(); }

void ImportQueue::submit(VersionRef ref) {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping) return;
    state_->jobs.push_back(ref);
  }
  state_->wake.notify_one();
}

void ImportQueue::stop() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    state_->stopFlag = true;
  }
  state_->wake.notify_all();
  if (!state_->worker.joinable()) return;
  // The last owner may be the worker itself (it held the service while finishing an import).
  if (state_->worker.get_id() == std::this_thread::get_id()) {
    state_->worker.detach();
  } else {
    state_->worker.join();
  }
}

}  // namespace opgv::datasets
