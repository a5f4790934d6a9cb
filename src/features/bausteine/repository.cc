#include "features/bausteine/repository.h"

#include "common/crypto.h"

namespace opgv::bausteine {
namespace {

// The columns fromRow() reads, in its order.
#define OPGV_BAUSTEIN_HEAD \
  "SELECT id, slug, typ, title, document, version, usage_count, updated_at, COALESCE(seed_conflict, '') FROM bausteine "
constexpr std::string_view kAll = OPGV_BAUSTEIN_HEAD "ORDER BY title";
constexpr std::string_view kBySlug = OPGV_BAUSTEIN_HEAD "WHERE slug = $1";
#undef OPGV_BAUSTEIN_HEAD
constexpr std::string_view kSource = "SELECT source, COALESCE(source_hash, ''), edited_in_ui FROM bausteine WHERE id = $1";
constexpr std::string_view kInsert =
    "INSERT INTO bausteine (slug, typ, title, document, source, version, source_hash, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7) ON CONFLICT (slug) DO NOTHING RETURNING id";
constexpr std::string_view kInsertVersion =
    "INSERT INTO baustein_versions (baustein_id, version, document, created_at, created_by, note) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kNextVersion = "SELECT COALESCE(MAX(version), 0) + 1 FROM baustein_versions WHERE baustein_id = $1";
// An edit in the browser marks the Baustein, so that a later import of a changed file does not
// overwrite it silently (the import reports a conflict instead).
constexpr std::string_view kUpdateCurrent =
    "UPDATE bausteine SET typ = $1, title = $2, document = $3, source = $4, version = $5, updated_at = $6, "
    "source_hash = COALESCE($7, source_hash), edited_in_ui = $8, seed_conflict = NULL WHERE id = $9";
constexpr std::string_view kSetConflict = "UPDATE bausteine SET seed_conflict = $1 WHERE id = $2";
constexpr std::string_view kVersions =
    "SELECT v.version, v.document, v.created_at, COALESCE(u.display_name, ''), v.note FROM baustein_versions v "
    "LEFT JOIN users u ON u.id = v.created_by WHERE v.baustein_id = $1 ORDER BY v.version DESC";
constexpr std::string_view kVersion =
    "SELECT v.version, v.document, v.created_at, COALESCE(u.display_name, ''), v.note FROM baustein_versions v "
    "LEFT JOIN users u ON u.id = v.created_by WHERE v.baustein_id = $1 AND v.version = $2";

constexpr std::string_view kDeleteFtsSqlite = "DELETE FROM baustein_fts WHERE rowid = $1";
constexpr std::string_view kInsertFtsSqlite = "INSERT INTO baustein_fts (rowid, title, zweck, body) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kUpsertSearchPostgres =
    "INSERT INTO baustein_search (baustein_id, title, zweck, body) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (baustein_id) DO UPDATE SET title = excluded.title, zweck = excluded.zweck, body = excluded.body";
// Weights as in the use-case library: title 10 > purpose and keywords 4 > body 1.
constexpr std::string_view kSearchSqlite =
    "SELECT rowid, -bm25(baustein_fts, 10.0, 4.0, 1.0), snippet(baustein_fts, -1, $1, $2, '…', 20) "
    "FROM baustein_fts WHERE baustein_fts MATCH $3";
constexpr std::string_view kSearchPostgres =
    "SELECT baustein_id, ts_rank(tsv, plainto_tsquery('german', $1)), "
    "ts_headline('german', zweck || ' ' || body, plainto_tsquery('german', $1), "
    "'MaxWords=24, MinWords=12, StartSel=\"' || $2 || '\", StopSel=\"' || $3 || '\"') "
    "FROM baustein_search WHERE tsv @@ plainto_tsquery('german', $1)";

constexpr std::string_view kUseCaseSlugs = "SELECT slug FROM use_cases";
constexpr std::string_view kUseCaseTitles = "SELECT slug, title FROM use_cases WHERE listed = 1";

constexpr std::string_view kCachedPdf = "SELECT pdf_base64 FROM baustein_pdfs WHERE baustein_id = $1 AND version = $2";
constexpr std::string_view kStorePdf =
    "INSERT INTO baustein_pdfs (baustein_id, version, size_bytes, pdf_base64, created_at) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (baustein_id, version) DO NOTHING";
constexpr std::string_view kCachedPdfSizes =
    "SELECT p.baustein_id, p.size_bytes FROM baustein_pdfs p JOIN bausteine b ON b.id = p.baustein_id AND b.version = p.version";

constexpr std::string_view kMerkliste = "SELECT baustein_id FROM merkliste WHERE user_id = $1";
constexpr std::string_view kMerken =
    "INSERT INTO merkliste (user_id, baustein_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
constexpr std::string_view kVergessen = "DELETE FROM merkliste WHERE user_id = $1 AND baustein_id = $2";
constexpr std::string_view kChecked = "SELECT checked FROM checklist_progress WHERE user_id = $1 AND baustein_id = $2";
constexpr std::string_view kSaveChecked =
    "INSERT INTO checklist_progress (user_id, baustein_id, checked, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (user_id, baustein_id) DO UPDATE SET checked = excluded.checked, updated_at = excluded.updated_at";

Baustein fromRow(const db::Row& r) {
  Baustein b;
  b.id = r.i64(0);
  b.slug = r.str(1);
  b.typ = r.str(2);
  b.title = r.str(3);
  b.document = nlohmann::json::parse(r.str(4));
  b.version = r.i64(5);
  b.usage_count = r.i64(6);
  b.updated_at = r.i64(7);
  b.seed_conflict = r.str(8);
  return b;
}

Version versionFromRow(const db::Row& r) {
  return Version{r.i64(0), nlohmann::json::parse(r.str(1)), r.i64(2), r.str(3), r.str(4)};
}

}  // namespace

std::vector<Baustein> BausteinRepository::all() {
  std::vector<Baustein> out;
  for (const auto& r : db_.query(kAll).rows) out.push_back(fromRow(r));
  return out;
}

std::optional<Baustein> BausteinRepository::bySlug(const std::string& slug) {
  auto rs = db_.query(kBySlug, {slug});
  if (rs.rows.empty()) return std::nullopt;
  return fromRow(rs.rows.front());
}

std::optional<std::string> BausteinRepository::source(int64_t id) {
  auto rs = db_.query(kSource, {id});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows.front().str(0);
}

std::optional<std::string> BausteinRepository::sourceHash(int64_t id) {
  auto rs = db_.query(kSource, {id});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows.front().str(1);
}

bool BausteinRepository::editedInUi(int64_t id) {
  auto rs = db_.query(kSource, {id});
  return !rs.rows.empty() && rs.rows.front().i64(2) != 0;
}

void BausteinRepository::writeIndex(db::Connection& conn, int64_t id, const nlohmann::json& document) {
  auto text = searchText(document);
  if (conn.dialect() == db::Dialect::kSqlite) {
    conn.query(kDeleteFtsSqlite, {id});
    conn.query(kInsertFtsSqlite, {id, text.title, text.zweck, text.body});
  } else {
    conn.query(kUpsertSearchPostgres, {id, text.title, text.zweck, text.body});
  }
}

std::optional<int64_t> BausteinRepository::insert(const nlohmann::json& document, const std::string& source,
                                                   const std::string& sourceHash, int64_t now) {
  return db_.transaction([&](db::Connection& conn) -> std::optional<int64_t> {
    auto rs = conn.query(kInsert, {str(document, "slug"), str(document, "typ"), str(document, "title"), document.dump(),
                                   source, sourceHash, now});
    if (rs.rows.empty()) return std::nullopt;
    auto id = rs.rows.front().i64(0);
    conn.query(kInsertVersion, {id, 1, document.dump(), now, nullptr, std::string("Import aus content/bausteine/")});
    writeIndex(conn, id, document);
    return id;
  });
}

int64_t BausteinRepository::addVersion(int64_t id, const nlohmann::json& document, const std::string& source,
                                       const std::optional<std::string>& sourceHash, std::optional<int64_t> editor,
                                       const std::string& note, int64_t now) {
  return db_.transaction([&](db::Connection& conn) {
    auto next = conn.query(kNextVersion, {id}).rows.front().i64(0);
    auto text = document.dump();
    if (editor) conn.query(kInsertVersion, {id, next, text, now, *editor, note});
    else conn.query(kInsertVersion, {id, next, text, now, nullptr, note});
    auto typ = str(document, "typ"), title = str(document, "title");
    if (sourceHash) conn.query(kUpdateCurrent, {typ, title, text, source, next, now, *sourceHash, editor.has_value() ? 1 : 0, id});
    else conn.query(kUpdateCurrent, {typ, title, text, source, next, now, nullptr, editor.has_value() ? 1 : 0, id});
    writeIndex(conn, id, document);
    return next;
  });
}

void BausteinRepository::setSeedConflict(int64_t id, const std::string& conflict) {
  db_.query(kSetConflict, {conflict.empty() ? db::Param(nullptr) : db::Param(conflict), id});
}

std::vector<Version> BausteinRepository::versions(int64_t id) {
  std::vector<Version> out;
  for (const auto& r : db_.query(kVersions, {id}).rows) out.push_back(versionFromRow(r));
  return out;
}

std::optional<Version> BausteinRepository::version(int64_t id, int64_t number) {
  auto rs = db_.query(kVersion, {id, number});
  if (rs.rows.empty()) return std::nullopt;
  return versionFromRow(rs.rows.front());
}

std::vector<Hit> BausteinRepository::search(const std::string& fts5Match, const std::string& plainText) {
  std::vector<Hit> hits;
  auto rs = db_.dialect() == db::Dialect::kSqlite ? db_.query(kSearchSqlite, {kHitStart, kHitEnd, fts5Match})
                                                  : db_.query(kSearchPostgres, {plainText, kHitStart, kHitEnd});
  for (const auto& r : rs.rows) hits.push_back({r.i64(0), r.f64(1), r.str(2)});
  return hits;
}

std::set<std::string> BausteinRepository::useCaseSlugs() {
  std::set<std::string> out;
  for (const auto& r : db_.query(kUseCaseSlugs).rows) out.insert(r.str(0));
  return out;
}

std::vector<std::pair<std::string, std::string>> BausteinRepository::useCaseTitles(const std::vector<std::string>& slugs) {
  std::map<std::string, std::string> titles;
  for (const auto& r : db_.query(kUseCaseTitles).rows) titles[r.str(0)] = r.str(1);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : slugs) {
    if (auto it = titles.find(s); it != titles.end()) out.emplace_back(s, it->second);
  }
  return out;
}

std::set<int64_t> BausteinRepository::merkliste(int64_t userId) {
  std::set<int64_t> out;
  for (const auto& r : db_.query(kMerkliste, {userId}).rows) out.insert(r.i64(0));
  return out;
}

void BausteinRepository::addToMerkliste(int64_t userId, int64_t bausteinId, int64_t now) {
  db_.query(kMerken, {userId, bausteinId, now});
}

bool BausteinRepository::removeFromMerkliste(int64_t userId, int64_t bausteinId) {
  return db_.query(kVergessen, {userId, bausteinId}).affected > 0;
}

std::optional<std::string> BausteinRepository::cachedPdf(int64_t bausteinId, int64_t version) {
  auto rs = db_.query(kCachedPdf, {bausteinId, version});
  if (rs.rows.empty()) return std::nullopt;
  return crypto::base64Decode(rs.rows.front().str(0));
}

void BausteinRepository::storePdf(int64_t bausteinId, int64_t version, const std::string& pdf, int64_t now) {
  db_.query(kStorePdf, {bausteinId, version, static_cast<int64_t>(pdf.size()), crypto::base64Encode(pdf), now});
}

std::map<int64_t, int64_t> BausteinRepository::cachedPdfSizes() {
  std::map<int64_t, int64_t> out;
  for (const auto& r : db_.query(kCachedPdfSizes).rows) out[r.i64(0)] = r.i64(1);
  return out;
}

std::vector<int64_t> BausteinRepository::checked(int64_t userId, int64_t bausteinId) {
  std::vector<int64_t> out;
  auto rs = db_.query(kChecked, {userId, bausteinId});
  if (rs.rows.empty()) return out;
  auto list = nlohmann::json::parse(rs.rows.front().str(0), nullptr, false);
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    if (v.is_number_integer()) out.push_back(v.get<int64_t>());
  }
  return out;
}

void BausteinRepository::saveChecked(int64_t userId, int64_t bausteinId, const std::vector<int64_t>& items, int64_t now) {
  db_.query(kSaveChecked, {userId, bausteinId, nlohmann::json(items).dump(), now});
}

}  // namespace opgv::bausteine
