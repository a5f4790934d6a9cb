#include "features/library/repository.h"

#include <algorithm>
#include <future>
#include <functional>
#include <limits>

#include "search/query.h"

namespace opgv::library {
namespace {

const std::string kColumns =
    "u.id, u.slug, u.origin, u.state, d.document, u.draft_updated_at, u.owner_id, u.organisation_id, u.published_version, "
    "u.title, u.summary, u.published_at, u.last_reviewed, u.replication_count, u.interest_count, u.listed, u.source_hash, "
    "u.seed_conflict, u.created_at";
const std::string kFrom = " FROM use_cases u JOIN use_case_drafts d ON d.use_case_id = u.id";
const std::string kSelectBySlug = "SELECT " + kColumns + kFrom + " WHERE u.slug = $1";
const std::string kSelectById = "SELECT " + kColumns + kFrom + " WHERE u.id = $1";
const std::string kSelectByOwner = "SELECT " + kColumns + kFrom + " WHERE u.owner_id = $1 ORDER BY u.draft_updated_at DESC";
const std::string kSelectByState = "SELECT " + kColumns + kFrom + " WHERE u.state = $1 ORDER BY u.draft_updated_at";
const std::string kSelectConflicts = "SELECT " + kColumns + kFrom + " WHERE u.seed_conflict IS NOT NULL ORDER BY u.slug";
const std::string kSelectByOrigin = "SELECT " + kColumns + kFrom + " WHERE u.origin = $1 ORDER BY u.slug";
const std::string kSelectListed = "SELECT " + kColumns + kFrom + " WHERE u.listed = 1 ORDER BY u.slug";
constexpr std::string_view kInsert =
    "INSERT INTO use_cases (slug, origin, state, draft_updated_at, owner_id, organisation_id, title, summary, "
    "source_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
constexpr std::string_view kInsertDraft = "INSERT INTO use_case_drafts (use_case_id, document) VALUES ($1, $2)";
constexpr std::string_view kUpdateDraft = "UPDATE use_case_drafts SET document = $1 WHERE use_case_id = $2";
// Until a case is first published, its listing title and summary follow the draft.
constexpr std::string_view kSaveDraft =
    "UPDATE use_cases SET state = $1, draft_updated_at = $2, "
    "title = CASE WHEN published_version IS NULL THEN $3 ELSE title END, "
    "summary = CASE WHEN published_version IS NULL THEN $4 ELSE summary END WHERE id = $5";
constexpr std::string_view kSetState = "UPDATE use_cases SET state = $1, listed = $2 WHERE id = $3";
constexpr std::string_view kSetSeed = "UPDATE use_cases SET source_hash = $1, seed_conflict = $2 WHERE id = $3";
constexpr std::string_view kNextVersion =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM use_case_versions WHERE use_case_id = $1";
constexpr std::string_view kInsertVersion =
    "INSERT INTO use_case_versions (use_case_id, version, document, title, published_at, published_by, note) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kMarkPublished =
    "UPDATE use_cases SET published_version = $1, title = $2, summary = $3, published_at = $4, last_reviewed = $5, "
    "replication_count = $6, listed = 1, state = 'veroeffentlicht', draft_updated_at = $4 WHERE id = $7";
constexpr std::string_view kDeleteFacets = "DELETE FROM use_case_facets WHERE use_case_id = $1";
constexpr std::string_view kInsertFacet = "INSERT INTO use_case_facets (use_case_id, facet, value) VALUES ($1, $2, $3)";
constexpr std::string_view kDeleteFtsSqlite = "DELETE FROM use_case_fts WHERE rowid = $1";
constexpr std::string_view kInsertFtsSqlite = "INSERT INTO use_case_fts (rowid, title, summary, body) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kUpsertSearchPg =
    "INSERT INTO use_case_search (use_case_id, title, summary, body) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (use_case_id) DO UPDATE SET title = excluded.title, summary = excluded.summary, body = excluded.body";
constexpr std::string_view kUpsertTermsPg =
    "INSERT INTO use_case_terms (use_case_id, tsv) VALUES ($1, setweight(to_tsvector('german', $2), 'A') || "
    "setweight(to_tsvector('german', $3), 'B') || setweight(to_tsvector('german', $4), 'C')) "
    "ON CONFLICT (use_case_id) DO UPDATE SET tsv = excluded.tsv";
constexpr std::string_view kUpsertHeadPg =
    "INSERT INTO use_case_heads (use_case_id, head) VALUES ($1, setweight(to_tsvector('german', $2), 'A') || "
    "setweight(to_tsvector('german', $3), 'B')) ON CONFLICT (use_case_id) DO UPDATE SET head = excluded.head";
constexpr std::string_view kSelectVersions =
    "SELECT v.version, v.document, v.title, v.published_at, v.published_by, COALESCE(u.display_name, ''), v.note "
    "FROM use_case_versions v LEFT JOIN users u ON u.id = v.published_by WHERE v.use_case_id = $1 ORDER BY v.version DESC";
constexpr std::string_view kSelectVersion =
    "SELECT v.version, v.document, v.title, v.published_at, v.published_by, COALESCE(u.display_name, ''), v.note "
    "FROM use_case_versions v LEFT JOIN users u ON u.id = v.published_by WHERE v.use_case_id = $1 AND v.version = $2";
constexpr std::string_view kSelectPublishedDocuments =
    "SELECT u.id, v.document FROM use_cases u JOIN use_case_versions v ON v.use_case_id = u.id "
    "AND v.version = u.published_version WHERE u.listed = 1";
// "+u.listed" keeps SQLite off the (listed, published_at) index, which re-read and sorted all remaining
// documents for every batch (360 ms per batch at 10,000 cases); the primary key walk takes 8 ms.
constexpr std::string_view kSelectPublishedBatch =
    "SELECT u.id, v.document FROM use_cases u JOIN use_case_versions v ON v.use_case_id = u.id "
    "AND v.version = u.published_version WHERE +u.listed = 1 AND u.id > $1 ORDER BY u.id LIMIT $2";
// Same definition as in migrations/sqlite/0002_use_cases.sql; reindexAll drops and recreates the
// table because deleting all rows of a large FTS5 table is slower than building it anew.
constexpr std::string_view kCreateFtsSqlite =
    "CREATE VIRTUAL TABLE use_case_fts USING fts5(title, summary, body, tokenize = 'german_snowball')";
constexpr std::string_view kSelectUserEmail = "SELECT email FROM users WHERE id = $1";
constexpr std::string_view kSelectFacetsOf = "SELECT facet, value FROM use_case_facets WHERE use_case_id = $1";
// Related: shared Themenfeld counts most, then shared Datenmodell, then shared Barrierenkreislauf.
constexpr std::string_view kSelectRelated =
    "SELECT u.id, u.slug, u.title, u.summary, u.published_at, u.last_reviewed, u.replication_count, u.interest_count, "
    "SUM(CASE o.facet WHEN 'themenfeld' THEN 4 WHEN 'datenmodell' THEN 3 WHEN 'zusammenarbeitsform' THEN 1 ELSE 1 END) AS score "
    "FROM use_case_facets mine JOIN use_case_facets o ON o.facet = mine.facet AND o.value = mine.value "
    "JOIN use_cases u ON u.id = o.use_case_id "
    "WHERE mine.use_case_id = $1 AND o.use_case_id <> $1 AND u.listed = 1 "
    "AND mine.facet IN ('themenfeld', 'datenmodell', 'barriere', 'zusammenarbeitsform') "
    "GROUP BY u.id, u.slug, u.title, u.summary, u.published_at, u.last_reviewed, u.replication_count, u.interest_count "
    "ORDER BY score DESC, u.replication_count DESC, u.id LIMIT $2";
constexpr std::string_view kInsertComment =
    "INSERT INTO use_case_comments (use_case_id, section, body, author_id, created_at) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelectComments =
    "SELECT c.id, c.section, c.body, COALESCE(u.display_name, 'gelöschtes Konto'), c.created_at "
    "FROM use_case_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.use_case_id = $1 ORDER BY c.created_at, c.id";
constexpr std::string_view kInsertInterest =
    "INSERT INTO use_case_interests (use_case_id, organisation_id, user_id, public, created_at) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (use_case_id, organisation_id) DO UPDATE SET public = excluded.public";
constexpr std::string_view kDeleteInterest = "DELETE FROM use_case_interests WHERE use_case_id = $1 AND organisation_id = $2";
constexpr std::string_view kCountInterests =
    "UPDATE use_cases SET interest_count = (SELECT COUNT(*) FROM use_case_interests WHERE use_case_id = $1) WHERE id = $1";
constexpr std::string_view kSelectInterests =
    "SELECT i.organisation_id, o.name, i.public, i.created_at FROM use_case_interests i "
    "JOIN organisations o ON o.id = i.organisation_id WHERE i.use_case_id = $1 ORDER BY i.created_at";

UseCase fromRow(const db::Row& r) {
  UseCase u;
  u.id = r.i64(0);
  u.slug = r.str(1);
  u.origin = r.str(2);
  u.state = parseState(r.str(3)).value_or(State::kEntwurf);
  u.draft = nlohmann::json::parse(r.str(4), nullptr, false);
  u.draft_updated_at = r.i64(5);
  u.owner_id = r.optI64(6);
  u.organisation_id = r.optI64(7);
  u.published_version = r.optI64(8);
  u.title = r.str(9);
  u.summary = r.str(10);
  u.published_at = r.optI64(11);
  u.last_reviewed = r.optStr(12).value_or("");
  u.replication_count = r.i64(13);
  u.interest_count = r.i64(14);
  u.listed = r.i64(15) != 0;
  u.source_hash = r.optStr(16).value_or("");
  u.seed_conflict = r.optStr(17).value_or("");
  u.created_at = r.i64(18);
  return u;
}

Version versionFromRow(const db::Row& r) {
  return Version{r.i64(0), nlohmann::json::parse(r.str(1), nullptr, false), r.str(2), r.i64(3), r.optI64(4), r.str(5), r.str(6)};
}

ListItem itemFromRow(const db::Row& r) {
  ListItem item;
  item.id = r.i64(0);
  item.slug = r.str(1);
  item.title = r.str(2);
  item.summary = r.str(3);
  item.published_at = r.optI64(4);
  item.last_reviewed = r.optStr(5).value_or("");
  item.replication_count = r.i64(6);
  item.interest_count = r.i64(7);
  return item;
}

std::vector<UseCase> many(db::Database& db, std::string_view sql, const std::vector<db::Param>& params) {
  std::vector<UseCase> out;
  for (const auto& r : db.query(sql, params).rows) out.push_back(fromRow(r));
  return out;
}

// Snippet markers: private-use characters that cannot come from the tokenizer's word characters
// and are split out before anything is rendered.
const std::string kHitStart = "\xEE\x80\x80";  // U+E000
const std::string kHitEnd = "\xEE\x80\x81";    // U+E001

std::vector<SnippetPart> splitSnippet(const std::string& marked) {
  std::vector<SnippetPart> parts;
  size_t pos = 0;
  while (pos < marked.size()) {
    auto start = marked.find(kHitStart, pos);
    if (start == std::string::npos) {
      parts.push_back({marked.substr(pos), false});
      break;
    }
    if (start > pos) parts.push_back({marked.substr(pos, start - pos), false});
    auto end = marked.find(kHitEnd, start);
    if (end == std::string::npos) end = marked.size();
    parts.push_back({marked.substr(start + kHitStart.size(), end - start - kHitStart.size()), true});
    pos = end == marked.size() ? end : end + kHitEnd.size();
  }
  return parts;
}

// Builds SQL with $n placeholders in order of appearance, which the SQLite backend requires.
class SqlBuilder {
 public:
  SqlBuilder& sql(std::string_view text) {
    text_ += text;
    return *this;
  }
  SqlBuilder& param(db::Param p) {
    params_.push_back(std::move(p));
    text_ += "$" + std::to_string(params_.size());
    return *this;
  }
  template <class T>
  SqlBuilder& list(const std::vector<T>& values) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) text_ += ", ";
      param(values[i]);
    }
    return *this;
  }
  const std::string& text() const { return text_; }
  const std::vector<db::Param>& params() const { return params_; }

 private:
  std::string text_;
  std::vector<db::Param> params_;
};

// FTS match for all words (AND) or any of them (OR), per engine.
std::string matchText(db::Dialect dialect, const search::PlainQuery& query, bool anyWord) {
  if (dialect == db::Dialect::kSqlite) {
    if (!anyWord) return search::toFts5Match(query);
    std::string joined;
    for (const auto& w : query.words) joined += (joined.empty() ? "" : " OR ") + search::toFts5Match(search::PlainQuery{{w}});
    return joined;
  }
  if (!anyWord) return search::toPlainText(query);
  std::string text;
  for (const auto& w : query.words) text += (text.empty() ? "" : " or ") + w;
  return text;
}

// Every matching case with its score (higher is better). bm25 is lower-is-better, so it is
// negated; weights title 10 > summary and Schlagworte 4 > body 1 (PostgreSQL: setweight A/B/C).
constexpr std::string_view kMatchSqlite =
    "SELECT rowid, -bm25(use_case_fts, 10.0, 4.0, 1.0) FROM use_case_fts WHERE use_case_fts MATCH $1";
// PostgreSQL: `use_case_terms` says what matches, `use_case_heads` ranks the title and summary
// matches (ts_rank, weights A/B); body-only matches rank after them, newest first. Ranking over the
// full vector would detoast several kB per match.
constexpr std::string_view kMatchPostgresAll =
    "SELECT use_case_id FROM use_case_terms WHERE tsv @@ plainto_tsquery('german', $1)";
constexpr std::string_view kMatchPostgresAny =
    "SELECT use_case_id FROM use_case_terms WHERE tsv @@ websearch_to_tsquery('german', $1)";
constexpr std::string_view kRankPostgresAll =
    "SELECT use_case_id, ts_rank(head, plainto_tsquery('german', $1)) FROM use_case_heads "
    "WHERE head @@ plainto_tsquery('german', $1)";
constexpr std::string_view kRankPostgresAny =
    "SELECT use_case_id, ts_rank(head, websearch_to_tsquery('german', $1)) FROM use_case_heads "
    "WHERE head @@ websearch_to_tsquery('german', $1)";
constexpr std::string_view kSnippetSqlite =
    "SELECT snippet(use_case_fts, -1, $1, $2, '…', 24) FROM use_case_fts WHERE use_case_fts MATCH $3 AND rowid = $4";

// Positions of the snapshot allowed by one facet's selected values (OR within a facet).
std::vector<char> allowedBy(const FacetSnapshot& snap, const std::string& facet, const std::vector<std::string>& values) {
  std::vector<char> allowed(snap.size(), 0);
  for (const auto& v : values) {
    auto id = snap.valueId(facet, v);
    if (id == std::numeric_limits<uint32_t>::max()) continue;
    for (auto pos : snap.postings[id]) allowed[pos] = 1;
  }
  return allowed;
}

}  // namespace

std::optional<UseCase> UseCaseRepository::bySlug(const std::string& slug) {
  auto rs = db_.query(kSelectBySlug, {slug});
  if (rs.empty()) return std::nullopt;
  return fromRow(rs.first());
}

std::optional<UseCase> UseCaseRepository::byId(int64_t id) {
  auto rs = db_.query(kSelectById, {id});
  if (rs.empty()) return std::nullopt;
  return fromRow(rs.first());
}

std::vector<UseCase> UseCaseRepository::byOwner(int64_t userId) { return many(db_, kSelectByOwner, {userId}); }
std::vector<UseCase> UseCaseRepository::byState(State state) { return many(db_, kSelectByState, {stateKey(state)}); }
std::vector<UseCase> UseCaseRepository::withSeedConflict() { return many(db_, kSelectConflicts, {}); }
std::vector<UseCase> UseCaseRepository::byOrigin(const std::string& origin) { return many(db_, kSelectByOrigin, {origin}); }

std::optional<int64_t> UseCaseRepository::insert(const UseCase& u) {
  try {
    return db_.transaction([&](db::Connection& conn) {
      auto id = conn.query(kInsert, {u.slug, u.origin, stateKey(u.state), u.draft_updated_at, u.owner_id, u.organisation_id,
                                     u.title, u.summary, u.source_hash.empty() ? db::Param(nullptr) : db::Param(u.source_hash),
                                     u.created_at})
                    .first()
                    .i64(0);
      conn.query(kInsertDraft, {id, u.draft.dump()});
      return id;
    });
  } catch (const db::DbError& e) {
    if (e.isUniqueViolation()) return std::nullopt;
    throw;
  }
}

void UseCaseRepository::saveDraft(int64_t id, const nlohmann::json& draft, State state, int64_t now) {
  db_.transaction([&](db::Connection& conn) {
    conn.query(kUpdateDraft, {draft.dump(), id});
    conn.query(kSaveDraft, {stateKey(state), now, draft.value("title", ""), draft.value("summary", ""), id});
  });
}

void UseCaseRepository::setState(int64_t id, State state, bool listed) {
  db_.transaction([&](db::Connection& conn) {
    conn.query(kSetState, {stateKey(state), listed, id});
    bumpLibraryGeneration(conn);
  });
}

void UseCaseRepository::setSeedBookkeeping(int64_t id, const std::string& sourceHash, const std::string& conflict) {
  db_.query(kSetSeed, {sourceHash, conflict.empty() ? db::Param(nullptr) : db::Param(conflict), id});
}

void UseCaseRepository::writeIndex(db::Connection& conn, int64_t id, const nlohmann::json& document) {
  conn.query(kDeleteFacets, {id});
  for (const auto& [facet, values] : deriveFacets(document)) {
    for (const auto& value : values) conn.query(kInsertFacet, {id, facet, value});
  }
  auto text = searchText(document);
  if (conn.dialect() == db::Dialect::kSqlite) {
    conn.query(kDeleteFtsSqlite, {id});
    conn.query(kInsertFtsSqlite, {id, text.title, text.summary, text.body});
  } else {
    conn.query(kUpsertSearchPg, {id, text.title, text.summary, text.body});
    conn.query(kUpsertTermsPg, {id, text.title, text.summary, text.body});
    conn.query(kUpsertHeadPg, {id, text.title, text.summary});
  }
}

int64_t UseCaseRepository::publish(const PublishRecord& r) {
  return db_.transaction([&](db::Connection& conn) {
    auto version = conn.query(kNextVersion, {r.use_case_id}).first().i64(0);
    auto title = r.document.value("title", "");
    conn.query(kInsertVersion, {r.use_case_id, version, r.document.dump(), title, r.published_at, r.published_by, r.note});
    int64_t replications = r.document.contains("nachnutzungen") && r.document["nachnutzungen"].is_array()
                               ? static_cast<int64_t>(r.document["nachnutzungen"].size())
                               : 0;
    conn.query(kMarkPublished, {version, title, r.document.value("summary", ""), r.published_at,
                                r.document.value("last_reviewed", ""), replications, r.use_case_id});
    conn.query(kUpdateDraft, {r.document.dump(), r.use_case_id});
    writeIndex(conn, r.use_case_id, r.document);
    bumpLibraryGeneration(conn);
    return version;
  });
}

std::vector<Version> UseCaseRepository::versions(int64_t id) {
  std::vector<Version> out;
  for (const auto& r : db_.query(kSelectVersions, {id}).rows) out.push_back(versionFromRow(r));
  return out;
}

std::optional<Version> UseCaseRepository::version(int64_t id, int64_t number) {
  auto rs = db_.query(kSelectVersion, {id, number});
  if (rs.empty()) return std::nullopt;
  return versionFromRow(rs.first());
}

namespace {

// What one published version contributes to the index, computed off the writing thread.
struct IndexRows {
  int64_t id = 0;
  std::map<std::string, std::vector<std::string>> facets;
  SearchText text;
};

std::vector<IndexRows> prepareIndexRows(db::ResultSet rows) {
  std::vector<IndexRows> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) {
    auto doc = nlohmann::json::parse(r.str(1));
    out.push_back(IndexRows{r.i64(0), deriveFacets(doc), searchText(doc)});
  }
  return out;
}

}  // namespace

namespace {

// PostgreSQL array literal of text values: every element quoted, quotes and backslashes escaped.
std::string pgTextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string pgIdArray(const std::vector<int64_t>& ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "}";
}

constexpr std::string_view kInsertFacetsPgBatch =
    "INSERT INTO use_case_facets (use_case_id, facet, value) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])";
constexpr std::string_view kInsertSearchPgBatch =
    "INSERT INTO use_case_search (use_case_id, title, summary, body) "
    "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])";
constexpr std::string_view kInsertTermsPgBatch =
    "INSERT INTO use_case_terms (use_case_id, tsv) SELECT use_case_id, setweight(to_tsvector('german', title), 'A') || "
    "setweight(to_tsvector('german', summary), 'B') || setweight(to_tsvector('german', body), 'C') "
    "FROM use_case_search WHERE use_case_id = ANY($1::bigint[])";
constexpr std::string_view kInsertHeadsPgBatch =
    "INSERT INTO use_case_heads (use_case_id, head) SELECT use_case_id, setweight(to_tsvector('german', title), 'A') || "
    "setweight(to_tsvector('german', summary), 'B') FROM use_case_search WHERE use_case_id = ANY($1::bigint[])";

void writeBatchPostgres(db::Connection& conn, const std::vector<IndexRows>& batch) {
  std::vector<int64_t> facetIds, ids;
  std::vector<std::string> facetKeys, facetValues, titles, summaries, bodies;
  for (const auto& rows : batch) {
    for (const auto& [facet, values] : rows.facets) {
      for (const auto& value : values) {
        facetIds.push_back(rows.id);
        facetKeys.push_back(facet);
        facetValues.push_back(value);
      }
    }
    ids.push_back(rows.id);
    titles.push_back(rows.text.title);
    summaries.push_back(rows.text.summary);
    bodies.push_back(rows.text.body);
  }
  conn.query(kInsertFacetsPgBatch, {pgIdArray(facetIds), pgTextArray(facetKeys), pgTextArray(facetValues)});
  conn.query(kInsertSearchPgBatch, {pgIdArray(ids), pgTextArray(titles), pgTextArray(summaries), pgTextArray(bodies)});
  conn.query(kInsertTermsPgBatch, {pgIdArray(ids)});
  conn.query(kInsertHeadsPgBatch, {pgIdArray(ids)});
}

}  // namespace

int64_t UseCaseRepository::reindexAll() {
  // Measured (docs/performance.md): a plain loop needed 35 s for 30,000 cases on SQLite, now 13-15 s:
  // the FTS table is dropped and created again instead of deleted row by row; documents are read in
  // batches and parsed and converted to text on a second thread while the first writes the
  // previous batch; FTS5 merges its segments once at the end. On PostgreSQL each batch is written
  // with a few array statements instead of ~18 round trips per case.
  constexpr int64_t kBatch = 1000;
  auto conn = db_.acquire();
  auto sqlite = conn->dialect() == db::Dialect::kSqlite;
  if (sqlite) conn->execScript("PRAGMA cache_size = -262144;");  // 256 MiB for this bulk write only
  int64_t total = 0;
  conn->begin();
  try {
    if (sqlite) {
      conn->execScript(std::string("DELETE FROM use_case_facets; DROP TABLE use_case_fts; ") + std::string(kCreateFtsSqlite) + ";");
      conn->query("INSERT INTO use_case_fts (use_case_fts, rank) VALUES ('automerge', 0)");
    } else {
      conn->execScript("TRUNCATE use_case_search, use_case_terms, use_case_heads, use_case_facets;");
    }
    auto fetch = [&](int64_t after) { return conn->query(kSelectPublishedBatch, {after, kBatch}); };
    auto pending = std::async(std::launch::async, prepareIndexRows, fetch(0));
    for (;;) {
      auto batch = pending.get();
      if (batch.empty()) break;
      pending = std::async(std::launch::async, prepareIndexRows, fetch(batch.back().id));
      if (sqlite) {
        for (const auto& rows : batch) {
          for (const auto& [facet, values] : rows.facets) {
            for (const auto& value : values) conn->query(kInsertFacet, {rows.id, facet, value});
          }
          conn->query(kInsertFtsSqlite, {rows.id, rows.text.title, rows.text.summary, rows.text.body});
        }
      } else {
        writeBatchPostgres(*conn, batch);
      }
      total += static_cast<int64_t>(batch.size());
    }
    if (sqlite) conn->query("INSERT INTO use_case_fts (use_case_fts) VALUES ('optimize')");
    bumpLibraryGeneration(*conn);
    conn->commit();
    if (!sqlite) conn->execScript("ANALYZE use_case_search, use_case_terms, use_case_heads, use_case_facets, use_cases;");
  } catch (...) {
    try {
      conn->rollback();
    } catch (...) {
    }
    if (sqlite) conn->execScript("PRAGMA cache_size = -2000;");
    throw;
  }
  if (sqlite) conn->execScript("PRAGMA cache_size = -2000;");
  return total;
}

SearchResult UseCaseRepository::search(const SearchParams& p, const std::optional<FitProfile>& fit) {
  SearchResult result;
  result.page = std::max<int64_t>(1, p.page);
  result.per_page = std::clamp<int64_t>(p.per_page, 1, kMaxPerPage);
  auto query = search::parseQuery(p.q);
  auto conn = db_.acquire();
  auto dialect = conn->dialect();
  auto snap = index_->snapshot(*conn);

  // 1. Candidates: every listed case, or the text matches with their scores.
  std::vector<uint32_t> candidates;
  std::vector<double> score(query.empty() ? 0 : snap->size(), 0.0);
  auto match = [&](bool anyWord) {
    candidates.clear();
    auto text = matchText(dialect, query, anyWord);
    if (dialect == db::Dialect::kSqlite) {
      for (const auto& r : conn->query(kMatchSqlite, {text}).rows) {
        auto pos = snap->position.find(r.i64(0));
        if (pos == snap->position.end()) continue;  // not listed (archived, or newer than the snapshot)
        candidates.push_back(pos->second);
        score[pos->second] = r.f64(1);
      }
      return;
    }
    // The planner prices @@ on toasted vectors too low and scans whole tables (48 ms at 10,000
    // cases even for no match); the GIN bitmap never needs the vectors themselves.
    db::ResultSet matches, ranked;
    conn->begin();
    try {
      conn->execScript("SET LOCAL enable_seqscan = off");
      matches = conn->query(anyWord ? kMatchPostgresAny : kMatchPostgresAll, {text});
      ranked = conn->query(anyWord ? kRankPostgresAny : kRankPostgresAll, {text});
      conn->commit();
    } catch (...) {
      conn->rollback();
      throw;
    }
    for (const auto& r : matches.rows) {
      auto pos = snap->position.find(r.i64(0));
      if (pos != snap->position.end()) candidates.push_back(pos->second);
    }
    for (const auto& r : ranked.rows) {
      auto pos = snap->position.find(r.i64(0));
      if (pos != snap->position.end()) score[pos->second] = 1.0 + r.f64(1);
    }
  };
  if (query.empty()) {
    candidates.resize(snap->size());
    for (uint32_t i = 0; i < candidates.size(); ++i) candidates[i] = i;
  } else {
    match(false);
    if (candidates.empty() && query.words.size() > 1) {
      result.any_word = true;
      match(true);
    }
  }

  // 2. Filters: AND across facets, OR within one.
  for (const auto& f : facets()) {
    auto it = p.filters.find(f.key);
    if (it == p.filters.end() || it->second.empty()) continue;
    auto allowed = allowedBy(*snap, f.key, it->second);
    std::erase_if(candidates, [&](uint32_t pos) { return !allowed[pos]; });
  }
  if (p.fit_only && fit) {
    // "Passt zu meiner Kommune": at least two of size class, type, Land, replicated by a similar Kommune.
    std::vector<char> hits(snap->size(), 0);
    for (const auto& [facet, value] : std::vector<std::pair<std::string, std::string>>{
             {"groessenklasse", fit->groessenklasse}, {"verwaltungstyp", fit->verwaltungstyp},
             {"bundesland", fit->bundesland}, {"nachnutzer", fit->verwaltungstyp + ":" + fit->groessenklasse}}) {
      auto id = snap->valueId(facet, value);
      if (id == std::numeric_limits<uint32_t>::max()) continue;
      for (auto pos : snap->postings[id]) ++hits[pos];
    }
    std::erase_if(candidates, [&](uint32_t pos) { return hits[pos] < 2; });
  }
  result.total = static_cast<int64_t>(candidates.size());

  // 3. Facet counts over the result, in one pass.
  std::vector<int64_t> counts(snap->values.size(), 0);
  for (auto pos : candidates) {
    for (auto i = snap->value_offset[pos]; i < snap->value_offset[pos + 1]; ++i) ++counts[snap->value_ids[i]];
  }
  std::map<std::string, std::vector<FacetCount>> byFacet;
  for (uint32_t id = 0; id < counts.size(); ++id) {
    if (counts[id] == 0) continue;
    const auto& [facet, value] = snap->values[id];
    if (facet == "nachnutzer") continue;  // internal, for "Passt zu meiner Kommune"
    bool selected = false;
    if (auto it = p.filters.find(facet); it != p.filters.end()) {
      selected = std::find(it->second.begin(), it->second.end(), value) != it->second.end();
    }
    byFacet[facet].push_back(FacetCount{value, facetValueLabel(facet, value), counts[id], selected});
  }
  for (const auto& f : facets()) {
    auto& list = byFacet[f.key];
    std::sort(list.begin(), list.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.label < b.label;
    });
    result.facets.emplace_back(f.key, std::move(list));
  }

  // 4. Order and page: only the first page*per_page cases are sorted completely.
  auto newer = [&](uint32_t a, uint32_t b) {
    if (snap->published_at[a] != snap->published_at[b]) return snap->published_at[a] > snap->published_at[b];
    return snap->ids[a] > snap->ids[b];
  };
  std::function<bool(uint32_t, uint32_t)> before;
  if (p.sort == "neueste") {
    before = newer;
  } else if (p.sort == "nachnutzungen" || query.empty()) {
    before = [&](uint32_t a, uint32_t b) {
      if (snap->replication_count[a] != snap->replication_count[b]) return snap->replication_count[a] > snap->replication_count[b];
      return newer(a, b);
    };
  } else {
    before = [&](uint32_t a, uint32_t b) { return score[a] != score[b] ? score[a] > score[b] : newer(a, b); };
  }
  auto offset = static_cast<size_t>((result.page - 1) * result.per_page);
  if (offset >= candidates.size()) return result;
  auto end = std::min(candidates.size(), offset + static_cast<size_t>(result.per_page));
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(end), candidates.end(), before);
  std::vector<int64_t> ids;
  for (size_t i = offset; i < end; ++i) ids.push_back(snap->ids[candidates[i]]);

  // 5. The page's rows, facet values and snippets.
  SqlBuilder page;
  page.sql("SELECT id, slug, title, summary, published_at, last_reviewed, replication_count, interest_count "
           "FROM use_cases WHERE id IN (").list(ids).sql(")");
  std::map<int64_t, ListItem> rows;
  for (const auto& r : conn->query(page.text(), page.params()).rows) rows[r.i64(0)] = itemFromRow(r);
  for (auto id : ids) {
    auto it = rows.find(id);
    if (it == rows.end()) continue;  // removed since the snapshot
    auto item = std::move(it->second);
    auto pos = snap->position.at(id);
    for (auto i = snap->value_offset[pos]; i < snap->value_offset[pos + 1]; ++i) {
      const auto& [facet, value] = snap->values[snap->value_ids[i]];
      item.facets[facet].push_back(value);
    }
    if (fit) item.fit_reasons = fitReasons(*fit, item.facets);
    result.items.push_back(std::move(item));
  }
  if (!query.empty() && !result.items.empty()) {
    // Snippets show every word, also when all had to match.
    auto anyMatch = matchText(dialect, query, true);
    if (dialect == db::Dialect::kSqlite) {
      for (auto& item : result.items) {
        auto rs = conn->query(kSnippetSqlite, {kHitStart, kHitEnd, anyMatch, item.id});
        if (!rs.empty()) item.snippet = splitSnippet(rs.first().str(0));
      }
    } else {
      SqlBuilder snippets;
      // ts_headline parses its whole input; the summary and the first 2,000 characters of the body
      // keep it at a few milliseconds per page (the full body took about 0.5 ms per case).
      snippets.sql("SELECT use_case_id, ts_headline('german', summary || ' ' || left(body, 2000), websearch_to_tsquery('german', ")
          .param(anyMatch)
          .sql("), 'MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=\" … \", StartSel=\"")
          .sql(kHitStart).sql("\", StopSel=\"").sql(kHitEnd)
          .sql("\"') FROM use_case_search WHERE use_case_id IN (").list(ids).sql(")");
      std::map<int64_t, std::string> marked;
      for (const auto& r : conn->query(snippets.text(), snippets.params()).rows) marked[r.i64(0)] = r.str(1);
      for (auto& item : result.items) {
        if (auto it = marked.find(item.id); it != marked.end()) item.snippet = splitSnippet(it->second);
      }
    }
  }
  return result;
}

std::vector<ListItem> UseCaseRepository::related(int64_t id, int limit) {
  std::vector<ListItem> out;
  for (const auto& r : db_.query(kSelectRelated, {id, limit}).rows) out.push_back(itemFromRow(r));
  return out;
}

std::map<std::string, std::vector<std::string>> UseCaseRepository::facetsOf(int64_t id) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& r : db_.query(kSelectFacetsOf, {id}).rows) out[r.str(0)].push_back(r.str(1));
  return out;
}

std::vector<std::pair<UseCase, nlohmann::json>> UseCaseRepository::listedDocuments() {
  std::map<int64_t, nlohmann::json> docs;
  for (const auto& r : db_.query(kSelectPublishedDocuments).rows) docs[r.i64(0)] = nlohmann::json::parse(r.str(1));
  std::vector<std::pair<UseCase, nlohmann::json>> out;
  for (auto& u : many(db_, kSelectListed, {})) {
    auto it = docs.find(u.id);
    if (it != docs.end()) out.emplace_back(std::move(u), std::move(it->second));
  }
  return out;
}

void UseCaseRepository::addComment(int64_t id, const std::string& section, const std::string& body, int64_t authorId, int64_t now) {
  db_.query(kInsertComment, {id, section, body, authorId, now});
}

std::vector<Comment> UseCaseRepository::comments(int64_t id) {
  std::vector<Comment> out;
  for (const auto& r : db_.query(kSelectComments, {id}).rows) out.push_back(Comment{r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4)});
  return out;
}

bool UseCaseRepository::addInterest(int64_t id, int64_t organisationId, int64_t userId, bool isPublic, int64_t now) {
  return db_.transaction([&](db::Connection& conn) {
    auto inserted = conn.query(kInsertInterest, {id, organisationId, userId, isPublic, now}).affected > 0;  // also an update
    conn.query(kCountInterests, {id});
    return inserted;
  });
}

bool UseCaseRepository::removeInterest(int64_t id, int64_t organisationId) {
  return db_.transaction([&](db::Connection& conn) {
    auto removed = conn.query(kDeleteInterest, {id, organisationId}).affected > 0;
    conn.query(kCountInterests, {id});
    return removed;
  });
}

std::vector<Interest> UseCaseRepository::interests(int64_t id) {
  std::vector<Interest> out;
  for (const auto& r : db_.query(kSelectInterests, {id}).rows) out.push_back(Interest{r.i64(0), r.str(1), r.i64(2) != 0, r.i64(3)});
  return out;
}

std::optional<std::string> UseCaseRepository::userEmail(int64_t userId) {
  auto rs = db_.query(kSelectUserEmail, {userId});
  if (rs.empty()) return std::nullopt;
  return rs.first().str(0);
}

}  // namespace opgv::library
