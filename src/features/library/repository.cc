#include "features/library/repository.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <future>
#include <limits>
#include <thread>
#include <unordered_map>

#include "common/log.h"
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
constexpr std::string_view kSelectFacetsOf =
    "SELECT facet, value FROM use_case_facets WHERE use_case_id = $1 ORDER BY facet, value";
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
  int64_t version = 0;  // PostgreSQL reindex only: the published version it was built from
  std::map<std::string, std::vector<std::string>> facets;
  SearchText text;
};

// Rows of (id, document[, published_version]).
std::vector<IndexRows> prepareIndexRows(db::ResultSet rows) {
  std::vector<IndexRows> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) {
    auto doc = nlohmann::json::parse(r.str(1));
    out.push_back(IndexRows{r.i64(0), r.size() > 2 ? r.i64(2) : 0, deriveFacets(doc), searchText(doc)});
  }
  return out;
}

int64_t reindexSqlite(db::Connection& conn) {
  // Measured (docs/performance.md): a plain loop needed 35 s for 30,000 cases, now 13-15 s: the FTS
  // table is dropped and created again instead of deleted row by row; documents are read in batches
  // and parsed and converted to text on a second thread while the first writes the previous batch;
  // FTS5 merges its segments once at the end.
  constexpr int64_t kBatch = 1000;
  conn.execScript("PRAGMA cache_size = -262144;");  // 256 MiB for this bulk write only
  int64_t total = 0;
  conn.begin();
  try {
    conn.execScript(std::string("DELETE FROM use_case_facets; DROP TABLE use_case_fts; ") + std::string(kCreateFtsSqlite) + ";");
    conn.query("INSERT INTO use_case_fts (use_case_fts, rank) VALUES ('automerge', 0)");
    auto fetch = [&](int64_t after) { return conn.query(kSelectPublishedBatch, {after, kBatch}); };
    auto pending = std::async(std::launch::async, prepareIndexRows, fetch(0));
    for (;;) {
      auto batch = pending.get();
      if (batch.empty()) break;
      pending = std::async(std::launch::async, prepareIndexRows, fetch(batch.back().id));
      for (const auto& rows : batch) {
        for (const auto& [facet, values] : rows.facets) {
          for (const auto& value : values) conn.query(kInsertFacet, {rows.id, facet, value});
        }
        conn.query(kInsertFtsSqlite, {rows.id, rows.text.title, rows.text.summary, rows.text.body});
      }
      total += static_cast<int64_t>(batch.size());
    }
    conn.query("INSERT INTO use_case_fts (use_case_fts) VALUES ('optimize')");
    bumpLibraryGeneration(conn);
    conn.commit();
  } catch (...) {
    try {
      conn.rollback();
    } catch (...) {
    }
    conn.execScript("PRAGMA cache_size = -2000;");
    throw;
  }
  conn.execScript("PRAGMA cache_size = -2000;");
  return total;
}

// ------------------------------------------------------------------ PostgreSQL full reindex
//
// Builds the four index tables anew as `<name>_next` next to the live ones, then swaps the names in
// one short transaction (docs/adr/0004-library-search.md, "Reindex"; measured in docs/performance.md):
//   1. `CREATE TABLE …_next (LIKE … INCLUDING ALL)`; its B-tree indexes and primary keys are dropped
//      and remembered, GIN indexes stay (see NextTable);
//   2. two connections fill the tables, each claiming the next 1,000 ids in turn, with one statement
//      per batch for text, search vector and rank vector (text sent once, the title/summary vectors
//      computed once for both), while a thread of their own parses the next batch;
//   3. B-tree indexes and primary keys are created again, the tables analysed, the foreign keys
//      added (NOT VALID, then VALIDATE);
//   4. swap: lock the live tables against writers, index what was published meanwhile, rename
//      live → `_prev` and `_next` → live (indexes get the live names), bump the generation;
//   5. drop `_prev`.
// Searches keep reading the old tables until the swap and never see a half-filled index; a publish
// during the reindex lands in the old tables and is indexed again by step 4. At 100,000 cases
// to_tsvector alone takes about 50 s of server CPU and the GIN maintenance about 20 s, hence two
// connections.

// The tables in the order writeIndex (publish) writes them; the swap locks them in the same order.
const std::vector<std::string> kIndexTables = {"use_case_facets", "use_case_search", "use_case_terms", "use_case_heads"};
// pg_advisory_lock key: one reindex at a time over all instances ("opgvreix").
constexpr int64_t kReindexLockKey = 0x6f70677672656978;
constexpr int64_t kIdChunk = 1000;
constexpr int kSwapAttempts = 5;

constexpr std::string_view kSelectPublishedRange =
    "SELECT u.id, v.document, u.published_version FROM use_cases u JOIN use_case_versions v ON v.use_case_id = u.id "
    "AND v.version = u.published_version WHERE u.listed = 1 AND u.id >= $1 AND u.id < $2 ORDER BY u.id";
constexpr std::string_view kSelectPublishedIds =
    "SELECT u.id, v.document, u.published_version FROM use_cases u JOIN use_case_versions v ON v.use_case_id = u.id "
    "AND v.version = u.published_version WHERE u.listed = 1 AND u.id = ANY($1::bigint[]) ORDER BY u.id";
constexpr std::string_view kSelectListedRange = "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), -1) FROM use_cases WHERE listed = 1";
constexpr std::string_view kSelectListedVersions =
    "SELECT id, published_version FROM use_cases WHERE listed = 1 AND published_version IS NOT NULL";
constexpr std::string_view kInsertFacetsNext =
    "INSERT INTO use_case_facets_next (use_case_id, facet, value) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])";
// Same vectors as kUpsertTermsPg / kUpsertHeadPg: terms = A || B || C, heads = A || B, with A || B
// computed once ("x || y || z" is "(x || y) || z").
constexpr std::string_view kInsertTextNext =
    "WITH s AS (INSERT INTO use_case_search_next (use_case_id, title, summary, body) "
    "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) RETURNING use_case_id, title, summary, body), "
    "v AS (SELECT use_case_id, setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', summary), 'B') "
    "AS head, setweight(to_tsvector('german', body), 'C') AS rest FROM s), "
    "t AS (INSERT INTO use_case_terms_next (use_case_id, tsv) SELECT use_case_id, head || rest FROM v) "
    "INSERT INTO use_case_heads_next (use_case_id, head) SELECT use_case_id, head FROM v";
constexpr std::string_view kDeleteNext[] = {
    "DELETE FROM use_case_facets_next WHERE use_case_id = ANY($1::bigint[])",
    "DELETE FROM use_case_search_next WHERE use_case_id = ANY($1::bigint[])",
    "DELETE FROM use_case_terms_next WHERE use_case_id = ANY($1::bigint[])",
    "DELETE FROM use_case_heads_next WHERE use_case_id = ANY($1::bigint[])",
};
// Indexes of a table with their constraint, if one owns the index (primary key, unique).
constexpr std::string_view kSelectIndexes =
    "SELECT quote_ident(c.relname), pg_get_indexdef(i.indexrelid), quote_ident(con.conname), pg_get_constraintdef(con.oid), "
    "CASE WHEN i.indisprimary THEN 'p' WHEN i.indisunique THEN 'u' ELSE 'i' END || "
    "substr(pg_get_indexdef(i.indexrelid), strpos(pg_get_indexdef(i.indexrelid), ' USING ')) "
    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
    "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x') "
    "WHERE i.indrelid = $1::regclass ORDER BY c.relname";
constexpr std::string_view kSelectForeignKeys =
    "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' "
    "ORDER BY conname";
constexpr std::string_view kSelectRelOptions =
    "SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE oid = $1::regclass AND reloptions IS NOT NULL";
constexpr std::string_view kHasLz4 =
    "SELECT COUNT(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)";
constexpr std::string_view kGinPendingSettings = "SET LOCAL gin_pending_list_limit = '16MB'; SET LOCAL work_mem = '16MB'";
constexpr std::string_view kCleanGinPendingList = "SELECT gin_clean_pending_list($1::regclass)";
// GIN and B-tree builds sort in maintenance_work_mem (default 64 MB); never lowers a larger setting.
constexpr std::string_view kRaiseMaintenanceMem =
    "SELECT set_config('maintenance_work_mem', GREATEST(setting::bigint, 262144)::text || 'kB', true) FROM pg_settings "
    "WHERE name = 'maintenance_work_mem'";

// PostgreSQL array literal of text values: every element quoted, quotes and backslashes escaped.
std::string pgTextArray(const std::vector<std::string>& values) {
  size_t size = 2;
  for (const auto& v : values) size += v.size() + 3;
  std::string out;
  out.reserve(size + size / 64);
  out += '{';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    const auto& v = values[i];
    size_t from = 0;
    for (auto at = v.find_first_of("\"\\"); at != std::string::npos; at = v.find_first_of("\"\\", at + 1)) {
      out.append(v, from, at - from);
      out += '\\';
      from = at;
    }
    out.append(v, from, std::string::npos);
    out += '"';
  }
  out += '}';
  return out;
}

std::string pgIdArray(const std::vector<int64_t>& ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "}";
}

std::string commaList(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Writes one batch into the _next tables; takes the texts over instead of copying them.
void writeNext(db::Connection& conn, std::vector<IndexRows> batch) {
  if (batch.empty()) return;
  std::vector<int64_t> facetIds, ids;
  std::vector<std::string> facetKeys, facetValues, titles, summaries, bodies;
  for (auto& rows : batch) {
    for (auto& [facet, values] : rows.facets) {
      for (auto& value : values) {
        facetIds.push_back(rows.id);
        facetKeys.push_back(facet);
        facetValues.push_back(std::move(value));
      }
    }
    ids.push_back(rows.id);
    titles.push_back(std::move(rows.text.title));
    summaries.push_back(std::move(rows.text.summary));
    bodies.push_back(std::move(rows.text.body));
  }
  conn.query(kInsertFacetsNext, {pgIdArray(facetIds), pgTextArray(facetKeys), pgTextArray(facetValues)});
  conn.query(kInsertTextNext, {pgIdArray(ids), pgTextArray(titles), pgTextArray(summaries), pgTextArray(bodies)});
}

// Index rows of published versions: case id → published version it was built from.
using IndexedVersions = std::unordered_map<int64_t, int64_t>;

// Id ranges of kIdChunk ids, handed out to the writing connections in turn.
class IdChunks {
 public:
  IdChunks(int64_t first, int64_t last) : next_(first), last_(last) {}
  std::optional<int64_t> claim() {
    if (stopped_) return std::nullopt;
    auto lo = next_.fetch_add(kIdChunk);
    return lo <= last_ ? std::optional<int64_t>(lo) : std::nullopt;
  }
  void stop() { stopped_ = true; }

 private:
  std::atomic<int64_t> next_;
  int64_t last_;
  std::atomic<bool> stopped_{false};
};

// One writing connection: claims id chunks, reads them, parses on a second thread while it writes the
// previous chunk, all in one transaction. Returns what it indexed.
std::vector<std::pair<int64_t, int64_t>> fillNext(db::Connection& conn, IdChunks& chunks, bool lz4) {
  std::vector<std::pair<int64_t, int64_t>> written;
  conn.begin();
  try {
    // lz4 compresses the body text (5 kB per case) at a third of pglz's CPU time; reading is
    // transparent, the tables may hold both. Vectors hardly compress with either.
    if (lz4) conn.execScript("SET LOCAL default_toast_compression = lz4");
    // GIN indexes stay during the fill (see NextTable); new entries go to the pending list, which
    // the writing connection merges into the index whenever it exceeds the limit.
    conn.execScript(kGinPendingSettings);
    auto fetch = [&](std::optional<int64_t> lo) {
      return lo ? conn.query(kSelectPublishedRange, {*lo, *lo + kIdChunk}) : db::ResultSet{};
    };
    auto lo = chunks.claim();
    auto pending = std::async(std::launch::async, prepareIndexRows, fetch(lo));
    while (lo) {
      auto batch = pending.get();
      lo = chunks.claim();
      pending = std::async(std::launch::async, prepareIndexRows, fetch(lo));
      for (const auto& rows : batch) written.emplace_back(rows.id, rows.version);
      writeNext(conn, std::move(batch));
    }
    pending.get();
    conn.commit();
  } catch (...) {
    chunks.stop();
    try {
      conn.rollback();
    } catch (...) {
    }
    throw;
  }
  return written;
}

// GIN indexes stay on the _next tables during the fill: both writing connections then share their
// maintenance, while a GIN build afterwards runs on one core only (PostgreSQL 15) and took 20-30 s
// at 100,000 cases with the other connection idle. B-tree indexes are built after the fill.
struct NextTable {
  std::string live, next, prev;
  std::vector<std::string> createIndexes;  // statements that re-create the B-tree indexes after the fill
  std::vector<std::string> ginIndexes;     // names of the GIN indexes kept during the fill
  std::vector<std::pair<std::string, std::string>> foreignKeys;  // name, definition (as on `live`)
};

// Creates `<live>_next` with the live table's columns, defaults, constraints, storage and GIN
// indexes; remembers how to create its other indexes and the live table's foreign keys after the fill.
NextTable createNext(db::Connection& conn, const std::string& live) {
  NextTable t{live, live + "_next", live + "_prev", {}, {}};
  conn.execScript("CREATE TABLE " + t.next + " (LIKE " + live + " INCLUDING ALL)");
  auto options = conn.query(kSelectRelOptions, {live});
  if (!options.empty()) conn.execScript("ALTER TABLE " + t.next + " SET (" + options.first().str(0) + ")");
  std::string drop;
  for (const auto& r : conn.query(kSelectIndexes, {t.next}).rows) {
    if (r.isNull(2) && r.str(4).starts_with("i USING gin ")) {
      t.ginIndexes.push_back(r.str(0));
      continue;
    }
    if (r.isNull(2)) {
      t.createIndexes.push_back(r.str(1));
      drop += "DROP INDEX " + r.str(0) + "; ";
    } else {
      t.createIndexes.push_back("ALTER TABLE " + t.next + " ADD CONSTRAINT " + r.str(2) + " " + r.str(3));
      drop += "ALTER TABLE " + t.next + " DROP CONSTRAINT " + r.str(2) + "; ";
    }
  }
  if (!drop.empty()) conn.execScript(drop);
  for (const auto& r : conn.query(kSelectForeignKeys, {live}).rows) t.foreignKeys.emplace_back(r.str(0), r.str(1));
  return t;
}

// Indexes, statistics and foreign keys of the filled tables, in that order per table.
void finishNext(db::Connection& conn, const std::vector<const NextTable*>& tables) {
  for (const auto* t : tables) {
    conn.begin();
    try {
      conn.query(kRaiseMaintenanceMem);
      // Whatever is still in the pending list would be scanned by every search.
      for (const auto& gin : t->ginIndexes) conn.query(kCleanGinPendingList, {gin});
      for (const auto& sql : t->createIndexes) conn.execScript(sql);
      conn.commit();
    } catch (...) {
      conn.rollback();
      throw;
    }
    conn.execScript("ANALYZE " + t->next);
    // NOT VALID takes the lock on use_cases only for a moment; VALIDATE does not block its writers.
    for (const auto& [name, definition] : t->foreignKeys) {
      conn.execScript("ALTER TABLE " + t->next + " ADD CONSTRAINT " + name + " " + definition + " NOT VALID");
      conn.execScript("ALTER TABLE " + t->next + " VALIDATE CONSTRAINT " + name);
    }
  }
}

// Re-indexes into the _next tables what was published (or listed) after it was read. Returns the
// number of cases that were not indexed at all before.
int64_t catchUp(db::Connection& conn, const IndexedVersions& indexed) {
  std::vector<int64_t> changed;
  int64_t added = 0;
  for (const auto& r : conn.query(kSelectListedVersions).rows) {
    auto it = indexed.find(r.i64(0));
    if (it == indexed.end()) ++added;
    if (it == indexed.end() || it->second != r.i64(1)) changed.push_back(r.i64(0));
  }
  for (size_t from = 0; from < changed.size(); from += kIdChunk) {
    std::vector<int64_t> part(changed.begin() + static_cast<std::ptrdiff_t>(from),
                              changed.begin() + static_cast<std::ptrdiff_t>(std::min(changed.size(), from + kIdChunk)));
    auto ids = pgIdArray(part);
    for (auto sql : kDeleteNext) conn.query(sql, {ids});
    writeNext(conn, prepareIndexRows(conn.query(kSelectPublishedIds, {ids})));
  }
  return added;
}

// Index name per definition key (kind + "USING …" part of the definition), to give the new indexes
// the names of the live ones.
std::map<std::string, std::string> indexNames(db::Connection& conn, const std::string& table) {
  std::map<std::string, std::string> out;
  for (const auto& r : conn.query(kSelectIndexes, {table}).rows) {
    if (!out.emplace(r.str(4), r.str(0)).second) throw std::runtime_error("reindex: two equal indexes on " + table);
  }
  return out;
}

// Step 4 in one transaction. Waits at most 5 s for running searches (lock_timeout) and tries again
// a few times, so that a long reader cannot make all searches queue behind the swap.
// Returns the number of cases added by the catch-up.
int64_t swapIn(db::Connection& conn, const std::vector<NextTable>& tables, const IndexedVersions& indexed) {
  std::vector<std::string> live;
  for (const auto& t : tables) live.push_back(t.live);
  auto lock = "LOCK TABLE " + commaList(live) + " IN EXCLUSIVE MODE";  // readers go on, writers (publish) wait
  for (int attempt = 1;; ++attempt) {
    conn.begin();
    try {
      conn.execScript("SET LOCAL lock_timeout = '5s'");
      conn.execScript(lock);
      auto added = catchUp(conn, indexed);
      std::string renames;
      for (const auto& t : tables) {
        auto liveNames = indexNames(conn, t.live);
        auto nextNames = indexNames(conn, t.next);
        if (liveNames.size() != nextNames.size()) throw std::runtime_error("reindex: indexes of " + t.next + " differ from " + t.live);
        renames += "ALTER TABLE " + t.live + " RENAME TO " + t.prev + "; ";
        int n = 0;
        for (const auto& [key, name] : liveNames) {
          if (!nextNames.contains(key)) throw std::runtime_error("reindex: " + t.next + " lacks index " + name);
          renames += "ALTER INDEX " + name + " RENAME TO " + t.prev + "_" + std::to_string(++n) + "; ";
        }
        renames += "ALTER TABLE " + t.next + " RENAME TO " + t.live + "; ";
        for (const auto& [key, name] : nextNames) renames += "ALTER INDEX " + name + " RENAME TO " + liveNames.at(key) + "; ";
      }
      conn.execScript(renames);
      bumpLibraryGeneration(conn);
      conn.commit();
      return added;
    } catch (const db::DbError&) {
      conn.rollback();
      if (attempt == kSwapAttempts) throw;
    } catch (...) {
      conn.rollback();
      throw;
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

// Dropping a table with a foreign key locks use_cases exclusively for a moment; wait at most 3 s
// for running readers, a few times. Whatever is left is dropped by the next reindex.
void dropTables(db::Connection& conn, const std::vector<std::string>& names) {
  auto sql = "DROP TABLE IF EXISTS " + commaList(names);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    try {
      conn.begin();
      conn.execScript("SET LOCAL lock_timeout = '3s'");
      conn.execScript(sql);
      conn.commit();
      return;
    } catch (const std::exception& e) {
      try {
        conn.rollback();
      } catch (...) {
      }
      if (attempt == 3) log::warn(std::string("reindex: could not drop ") + names.front() + "…: " + e.what());
    }
  }
}

class AdvisoryLock {
 public:
  explicit AdvisoryLock(db::Connection& conn) : conn_(conn) { conn_.query("SELECT pg_advisory_lock($1)", {kReindexLockKey}); }
  ~AdvisoryLock() {
    try {
      conn_.query("SELECT pg_advisory_unlock($1)", {kReindexLockKey});
    } catch (...) {
    }
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

 private:
  db::Connection& conn_;
};

}  // namespace

int64_t UseCaseRepository::reindexAll() {
  auto conn = db_.acquire();
  if (conn->dialect() == db::Dialect::kSqlite) return reindexSqlite(*conn);

  // A second reindex (another instance, a second `opgv reindex`) waits here until this one is done.
  AdvisoryLock lock(*conn);
  auto started = std::chrono::steady_clock::now();
  std::string phases;  // "fill 41.2 s, indexes 19.5 s, …" for the log
  auto phase = [&, last = started](const char* name) mutable {
    auto now = std::chrono::steady_clock::now();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s %.1f s", phases.empty() ? "" : ", ", name, std::chrono::duration<double>(now - last).count());
    phases += buf;
    last = now;
  };
  std::vector<std::string> leftovers;
  for (const auto& live : kIndexTables) leftovers.insert(leftovers.end(), {live + "_next", live + "_prev"});
  conn->execScript("DROP TABLE IF EXISTS " + commaList(leftovers));  // of an interrupted reindex
  std::vector<NextTable> tables;
  std::vector<std::string> nextNames;
  for (const auto& live : kIndexTables) nextNames.push_back(live + "_next");
  int64_t total = 0;
  try {
    for (const auto& live : kIndexTables) tables.push_back(createNext(*conn, live));
    bool lz4 = conn->query(kHasLz4).first().i64(0) > 0;
    phase("prepare");

    // A second connection writes and builds indexes in parallel; without one (pool exhausted) the
    // first does everything.
    std::optional<db::PooledConnection> second;
    try {
      second.emplace(db_.acquire());
    } catch (const db::DbError& e) {
      log::warn(std::string("reindex: one connection only: ") + e.what());
    }

    auto range = conn->query(kSelectListedRange).first();
    IdChunks chunks(range.i64(0), range.i64(1));
    std::vector<std::pair<int64_t, int64_t>> written;
    {
      std::future<std::vector<std::pair<int64_t, int64_t>>> other;
      if (second) other = std::async(std::launch::async, [&] { return fillNext(**second, chunks, lz4); });
      try {
        written = fillNext(*conn, chunks, lz4);
      } catch (...) {
        chunks.stop();
        if (other.valid()) other.wait();
        throw;
      }
      if (other.valid()) {
        auto more = other.get();
        written.insert(written.end(), more.begin(), more.end());
      }
    }
    IndexedVersions indexed(written.begin(), written.end());
    total = static_cast<int64_t>(indexed.size());
    phase(second ? "fill (2 connections)" : "fill (1 connection)");

    // About 3 s each at 100,000 cases: use_case_terms (flush of the GIN pending list, ANALYZE over
    // the large vectors) on one connection, the B-tree indexes of the others on the second.
    std::vector<const NextTable*> first, rest;
    for (const auto& t : tables) (t.live == "use_case_terms" ? first : rest).push_back(&t);
    if (second) {
      auto other = std::async(std::launch::async, [&] { finishNext(**second, rest); });
      try {
        finishNext(*conn, first);
      } catch (...) {
        other.wait();
        throw;
      }
      other.get();
      second.reset();
    } else {
      first.insert(first.end(), rest.begin(), rest.end());
      finishNext(*conn, first);
    }

    phase("indexes");
    total += swapIn(*conn, tables, indexed);
    phase("swap");
  } catch (...) {
    try {
      dropTables(*conn, nextNames);
    } catch (...) {
    }
    throw;
  }
  std::vector<std::string> prev;
  for (const auto& t : tables) prev.push_back(t.prev);
  dropTables(*conn, prev);
  conn->execScript("ANALYZE use_cases");
  phase("drop old, analyse");
  log::info("reindex: " + std::to_string(total) + " use cases in " +
            std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count()) +
            " ms (" + phases + ")");
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
