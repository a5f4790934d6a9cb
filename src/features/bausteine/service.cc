#include "features/bausteine/service.h"

#include <algorithm>

#include "common/crypto.h"
#include "common/strings.h"
#include "features/bausteine/content_loader.h"
#include "features/bausteine/document_builder.h"
#include "features/organisations/repository.h"
#include "office/pdf_converter.h"
#include "office/writers.h"
#include "search/query.h"

namespace opgv::bausteine {
namespace {

// A file name for downloads: the slug is already ASCII; the suffix names the format.
std::string fileName(const std::string& slug, const std::string& format) { return "opgv-" + slug + "." + format; }

std::string contentType(const std::string& format) {
  if (format == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (format == "odt") return "application/vnd.oasis.opendocument.text";
  if (format == "pptx") return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  if (format == "odp") return "application/vnd.oasis.opendocument.presentation";
  if (format == "pdf") return "application/pdf";
  return "application/octet-stream";
}

Error notFound() { return Error{ErrorCode::kNotFound, "Diesen Baustein gibt es nicht.", {}, {}}; }

}  // namespace

std::string ImportReport::summary() const {
  return std::to_string(added) + " neu, " + std::to_string(updated) + " aktualisiert, " + std::to_string(unchanged) +
         " unverändert" + (problems.empty() ? "" : ", " + std::to_string(problems.size()) + " fehlerhaft") +
         (conflicts.empty() ? "" : ", " + std::to_string(conflicts.size()) + " Konflikte");
}

std::vector<std::string> downloadFormats(const std::string& typ) {
  if (isPresentation(typ)) return {"pptx", "odp", "pdf", "docx", "odt", "html"};
  return {"docx", "odt", "pdf", "html"};
}

std::string formatLabel(const std::string& format) {
  if (format == "docx") return "Word (DOCX)";
  if (format == "odt") return "LibreOffice Writer (ODT)";
  if (format == "pdf") return "PDF";
  if (format == "pptx") return "PowerPoint (PPTX)";
  if (format == "odp") return "LibreOffice Impress (ODP)";
  if (format == "html") return "Druckfassung (HTML)";
  return format;
}

BausteinService::BausteinService(db::Database& database, const Clock& clock) : db_(database), clock_(clock), repo_(database) {}

ImportReport BausteinService::importDirectory(const std::string& directory) {
  ImportReport report;
  auto files = loadBausteine(directory);
  if (!files) {
    report.problems.push_back(files.error().message);
    return report;
  }
  auto useCases = repo_.useCaseSlugs();
  auto now = clock_.nowSeconds();
  for (const auto& file : *files) {
    auto problems = validateBaustein(file, useCases);
    if (!problems.empty()) {
      report.problems.insert(report.problems.end(), problems.begin(), problems.end());
      continue;
    }
    auto hash = crypto::hashToken(file.source);
    auto slug = str(file.document, "slug");
    auto existing = repo_.bySlug(slug);
    if (!existing) {
      if (repo_.insert(file.document, file.source, hash, now)) ++report.added;
      continue;
    }
    if (repo_.sourceHash(existing->id) == hash) {
      ++report.unchanged;
      continue;
    }
    if (repo_.editedInUi(existing->id)) {
      auto message = file.name + ": Die Datei hat sich geändert, der Baustein wurde aber im Browser bearbeitet. "
                                 "Er bleibt unverändert; bitte gleichen Sie beide Fassungen von Hand ab.";
      repo_.setSeedConflict(existing->id, message);
      report.conflicts.push_back(message);
      continue;
    }
    repo_.addVersion(existing->id, file.document, file.source, hash, std::nullopt, "Import aus content/bausteine/", now);
    ++report.updated;
  }
  return report;
}

Catalogue BausteinService::catalogue(const auth::Principal& who, const CatalogueParams& params) {
  Catalogue out;
  auto all = repo_.all();
  out.total_all = static_cast<int64_t>(all.size());
  std::set<int64_t> merkliste;
  if (who.loggedIn()) merkliste = repo_.merkliste(*who.user_id);

  std::map<int64_t, const Hit*> hitById;
  std::vector<Hit> hits;
  auto query = search::parseQuery(params.query);
  if (!query.empty()) {
    hits = repo_.search(search::toFts5Match(query), search::toPlainText(query));
    for (const auto& h : hits) hitById[h.id] = &h;
  }
  auto passes = [&](const Baustein& b, const std::string& exceptFacet) {
    if (!query.empty() && !hitById.count(b.id)) return false;
    if (params.only_merkliste && !merkliste.count(b.id)) return false;
    auto values = facetValues(b.document);
    for (const auto& [facet, chosen] : params.filters) {
      if (facet == exceptFacet || chosen.empty()) continue;
      const auto& have = values[facet];
      bool any = std::any_of(chosen.begin(), chosen.end(),
                             [&](const std::string& c) { return std::find(have.begin(), have.end(), c) != have.end(); });
      if (!any) return false;
    }
    return true;
  };

  // Counts per facet value over the result with every *other* facet applied, so that choosing a
  // second value of the same facet (OR) shows how many it would add.
  for (const auto& def : facetDefs()) {
    std::map<std::string, int64_t> counts;
    for (const auto& b : all) {
      if (!passes(b, def.key)) continue;
      auto values = facetValues(b.document);
      for (const auto& v : values[def.key]) ++counts[v];
    }
    auto chosen = params.filters.count(def.key) ? params.filters.at(def.key) : std::vector<std::string>{};
    auto& list = out.facets[def.key];
    for (const auto& term : def.terms()) {
      bool selected = std::find(chosen.begin(), chosen.end(), term.key) != chosen.end();
      list.push_back({term.key, term.label, counts[term.key], selected});
    }
  }

  for (const auto& b : all) {
    if (!passes(b, "")) continue;
    CatalogueItem item{b, {}, merkliste.count(b.id) > 0};
    if (auto it = hitById.find(b.id); it != hitById.end()) {
      const auto& marked = it->second->marked_snippet;
      size_t pos = 0;
      while (pos < marked.size()) {
        auto start = marked.find(kHitStart, pos);
        if (start == std::string::npos) {
          item.snippet.emplace_back(marked.substr(pos), false);
          break;
        }
        if (start > pos) item.snippet.emplace_back(marked.substr(pos, start - pos), false);
        auto end = marked.find(kHitEnd, start);
        if (end == std::string::npos) end = marked.size();
        item.snippet.emplace_back(marked.substr(start + kHitStart.size(), end - start - kHitStart.size()), true);
        pos = end == marked.size() ? end : end + kHitEnd.size();
      }
    }
    out.items.push_back(std::move(item));
  }
  if (!query.empty()) {
    std::stable_sort(out.items.begin(), out.items.end(), [&](const CatalogueItem& a, const CatalogueItem& b) {
      return hitById[a.baustein.id]->score > hitById[b.baustein.id]->score;
    });
  }
  return out;
}

Values BausteinService::prefillFor(const auth::Principal& who) {
  Values sources;
  sources["heute"] = strings::germanDate(strings::isoDate(clock_.nowSeconds()));
  if (!who.loggedIn()) return sources;
  sources["user.name"] = who.display_name;
  sources["user.email"] = who.email;
  organisations::OrganisationRepository orgs(db_);
  for (const auto& [org, membership] : orgs.membershipsOfUser(*who.user_id)) {
    if (membership.status != "active" || org.status != "active") continue;
    // A Kommune first: templates are written for the municipal side.
    if (sources.count("organisation.name") && org.type != "kommune") continue;
    sources["organisation.name"] = org.name;
    sources["organisation.ags"] = org.ags.value_or("");
    sources["organisation.website"] = org.website;
  }
  return sources;
}

Result<DetailView> BausteinService::detail(const auth::Principal& who, const std::string& slug) {
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  DetailView view{*b, repo_.useCaseTitles(strings(b->document, "use_cases")), false, {}, {}};
  if (who.loggedIn()) {
    view.on_merkliste = repo_.merkliste(*who.user_id).count(b->id) > 0;
    view.checked = repo_.checked(*who.user_id, b->id);
  }
  auto sources = prefillFor(who);
  for (const auto& p : placeholders(b->document)) {
    if (auto it = sources.find(p.source); !p.source.empty() && it != sources.end()) view.prefill[p.key] = it->second;
  }
  return view;
}

Result<std::vector<Version>> BausteinService::versions(const std::string& slug) {
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  return repo_.versions(b->id);
}

Result<Version> BausteinService::version(const std::string& slug, int64_t number) {
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  auto v = repo_.version(b->id, number);
  if (!v) return fail(ErrorCode::kNotFound, "Diese Version gibt es nicht.");
  return *v;
}

Status BausteinService::addToMerkliste(const auth::Principal& who, const std::string& slug) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an, um die Merkliste zu nutzen.");
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  repo_.addToMerkliste(*who.user_id, b->id, clock_.nowSeconds());
  return {};
}

Status BausteinService::removeFromMerkliste(const auth::Principal& who, const std::string& slug) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an, um die Merkliste zu nutzen.");
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  repo_.removeFromMerkliste(*who.user_id, b->id);
  return {};
}

Result<std::vector<int64_t>> BausteinService::saveChecklist(const auth::Principal& who, const std::string& slug,
                                                            const std::vector<int64_t>& checked) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an, um Ihren Stand zu speichern.");
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  auto items = b->document.value("punkte", nlohmann::json::array());
  if (!items.is_array() || items.empty()) return fail(ErrorCode::kInvalidInput, "Dieser Baustein hat keine Checkliste.");
  std::set<int64_t> unique;
  for (auto n : checked) {
    if (n < 0 || n >= static_cast<int64_t>(items.size())) {
      return fail(ErrorCode::kInvalidInput, "Diesen Punkt gibt es in dieser Checkliste nicht (erlaubt sind 0 bis " +
                                                std::to_string(items.size() - 1) + ").");
    }
    unique.insert(n);
  }
  std::vector<int64_t> list(unique.begin(), unique.end());
  repo_.saveChecked(*who.user_id, b->id, list, clock_.nowSeconds());
  return list;
}

Result<Values> BausteinService::acceptValues(const Baustein& baustein, const Values& submitted) {
  auto declared = placeholders(baustein.document);
  Values accepted;
  std::vector<FieldError> errors;
  if (submitted.size() > kMaxValues) return fail(ErrorCode::kInvalidInput, "Zu viele Platzhalterwerte.");
  for (const auto& [key, value] : submitted) {
    auto it = std::find_if(declared.begin(), declared.end(), [&](const Placeholder& p) { return p.key == key; });
    if (it == declared.end()) {
      errors.push_back({key, "Diesen Platzhalter gibt es in „" + baustein.title + "“ nicht."});
      continue;
    }
    if (!strings::isValidUtf8(value)) {
      errors.push_back({key, "„" + it->label + "“ enthält ungültige Zeichen."});
      continue;
    }
    auto characters = std::count_if(value.begin(), value.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    if (static_cast<size_t>(characters) > kMaxValueChars) {
      errors.push_back({key, "„" + it->label + "“ ist zu lang (höchstens " + std::to_string(kMaxValueChars) + " Zeichen)."});
      continue;
    }
    accepted[key] = value;
  }
  if (!errors.empty()) return invalid(std::move(errors), "Bitte prüfen Sie die Platzhalterwerte.");
  return accepted;
}

Result<Download> BausteinService::download(const std::string& slug, const std::string& format, const Values& values,
                                           std::chrono::milliseconds pdfTimeout) {
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  auto formats = downloadFormats(b->typ);
  if (format == "html" || std::find(formats.begin(), formats.end(), format) == formats.end()) {
    return fail(ErrorCode::kInvalidInput, "Dieses Format gibt es für diesen Baustein nicht. Möglich sind: " +
                                              [&] {
                                                std::string list;
                                                for (const auto& f : formats) list += (list.empty() ? "" : ", ") + f;
                                                return list;
                                              }() + ".");
  }
  auto accepted = acceptValues(*b, values);
  if (!accepted) return std::unexpected(accepted.error());
  auto filled = filledDocument(b->document, *accepted);
  bool deck = isPresentation(b->typ);

  Result<std::string> bytes = fail(ErrorCode::kInternal, "Unbekanntes Format.");
  if (format != "pdf") bytes = writeOffice(*b, filled, format);
  else {
    bool blank = accepted->empty();
    if (blank) {
      if (auto cached = repo_.cachedPdf(b->id, b->version)) return Download{std::move(*cached), contentType(format), fileName(b->slug, format)};
    }
    // Slides print as slides; every other type as a text document.
    auto source = deck ? office::writeOdp(toPresentation(filled, b->version)) : office::writeOdt(toOfficeDocument(filled, b->version));
    if (!source) return std::unexpected(source.error());
    bytes = office::convertToPdf(*source, deck ? "odp" : "odt", pdfTimeout);
    if (bytes && blank) repo_.storePdf(b->id, b->version, *bytes, clock_.nowSeconds());
  }
  if (!bytes) return std::unexpected(bytes.error());
  return Download{std::move(*bytes), contentType(format), fileName(b->slug, format)};
}

Result<std::string> BausteinService::writeOffice(const Baustein& baustein, const nlohmann::json& filled, const std::string& format) {
  if (format == "docx") return office::writeDocx(toOfficeDocument(filled, baustein.version));
  if (format == "odt") return office::writeOdt(toOfficeDocument(filled, baustein.version));
  if (format == "pptx") return office::writePptx(toPresentation(filled, baustein.version));
  if (format == "odp") return office::writeOdp(toPresentation(filled, baustein.version));
  return fail(ErrorCode::kInternal, "Unbekanntes Format.", format);
}

std::map<std::string, int64_t> BausteinService::blankSizes(const Baustein& baustein) {
  std::map<std::string, int64_t> sizes;
  {
    std::lock_guard lock(sizes_mutex_);
    if (auto it = office_sizes_.find({baustein.id, baustein.version}); it != office_sizes_.end()) sizes = it->second;
  }
  if (sizes.empty()) {
    auto blank = filledDocument(baustein.document, {});
    for (const auto& format : downloadFormats(baustein.typ)) {
      if (format == "pdf" || format == "html") continue;
      if (auto bytes = writeOffice(baustein, blank, format)) sizes[format] = static_cast<int64_t>(bytes->size());
    }
    std::lock_guard lock(sizes_mutex_);
    office_sizes_[{baustein.id, baustein.version}] = sizes;
  }
  auto pdfs = repo_.cachedPdfSizes();
  if (auto it = pdfs.find(baustein.id); it != pdfs.end()) sizes["pdf"] = it->second;
  return sizes;
}

int BausteinService::warmPdfCache(std::stop_token stop,
                                  const std::function<void(int done, int total, const std::string& slug)>& progress) {
  auto sizes = repo_.cachedPdfSizes();
  std::vector<Baustein> missing;
  for (auto& b : repo_.all()) {
    if (!sizes.count(b.id)) missing.push_back(std::move(b));
  }
  int made = 0, done = 0;
  for (const auto& b : missing) {
    if (stop.stop_requested()) break;
    // Shorter than a request's bound: a shutdown waits for the running conversion, and the
    // systemd unit gives the whole stop 30 s.
    if (download(b.slug, "pdf", {}, std::chrono::seconds(20))) ++made;
    progress(++done, static_cast<int>(missing.size()), b.slug);
  }
  return made;
}

Result<std::string> BausteinService::sourceFor(const auth::Principal& who, const std::string& slug) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an.");
  if (!who.atLeast(auth::PlatformRole::kRedaktion)) return fail(ErrorCode::kForbidden, "Nur die Redaktion kann Bausteine bearbeiten.");
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  auto text = repo_.source(b->id);
  return text.value_or("");
}

Result<Baustein> BausteinService::edit(const auth::Principal& who, const std::string& slug, const std::string& fileText,
                                       const std::string& note) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an.");
  if (!who.atLeast(auth::PlatformRole::kRedaktion)) return fail(ErrorCode::kForbidden, "Nur die Redaktion kann Bausteine bearbeiten.");
  auto b = repo_.bySlug(slug);
  if (!b) return std::unexpected(notFound());
  if (fileText.size() > 200'000) {
    return invalid({{"source", "Der Text ist zu lang (höchstens 200.000 Zeichen)."}}, "Der Baustein wurde nicht gespeichert.");
  }
  // CRLF from browsers' textareas would hide the front matter delimiters.
  std::string text;
  text.reserve(fileText.size());
  for (char c : fileText) {
    if (c != '\r') text.push_back(c);
  }
  auto file = parseBausteinFile(slug + ".md", text);
  if (!file) return invalid({{"source", file.error().message}}, "Der Baustein wurde nicht gespeichert.");
  auto problems = validateBaustein(*file, repo_.useCaseSlugs());
  if (str(file->document, "slug") != slug) problems.push_back(slug + ".md: Der Slug kann nicht geändert werden.");
  if (!problems.empty()) {
    std::vector<FieldError> errors;
    for (const auto& p : problems) errors.push_back({"source", p});
    return invalid(std::move(errors), "Der Baustein wurde nicht gespeichert.");
  }
  repo_.addVersion(b->id, file->document, text, std::nullopt, who.user_id,
                   strings::trim(note).empty() ? "Bearbeitet im Browser" : strings::trim(note), clock_.nowSeconds());
  return *repo_.bySlug(slug);
}

}  // namespace opgv::bausteine
