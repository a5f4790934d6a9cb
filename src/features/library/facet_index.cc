#include "features/library/facet_index.h"

#include <limits>

namespace opgv::library {
namespace {

constexpr std::string_view kSelectGeneration = "SELECT value FROM settings WHERE key = 'library_generation'";
constexpr std::string_view kBumpGeneration =
    "UPDATE settings SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'library_generation'";
constexpr std::string_view kSelectListed =
    "SELECT id, COALESCE(published_at, 0), replication_count FROM use_cases WHERE listed = 1 ORDER BY id";
constexpr std::string_view kSelectListedFacets =
    "SELECT f.use_case_id, f.facet, f.value FROM use_case_facets f JOIN use_cases u ON u.id = f.use_case_id "
    "WHERE u.listed = 1 ORDER BY f.use_case_id, f.facet, f.value";

int64_t readGeneration(db::Connection& conn) {
  auto rs = conn.query(kSelectGeneration);
  if (rs.empty()) return 0;
  return std::stoll(rs.first().str(0));
}

std::shared_ptr<const FacetSnapshot> load(db::Connection& conn, int64_t generation) {
  auto s = std::make_shared<FacetSnapshot>();
  s->generation = generation;
  auto cases = conn.query(kSelectListed);
  s->ids.reserve(cases.rows.size());
  for (const auto& r : cases.rows) {
    s->position.emplace(r.i64(0), static_cast<uint32_t>(s->ids.size()));
    s->ids.push_back(r.i64(0));
    s->published_at.push_back(r.i64(1));
    s->replication_count.push_back(r.i64(2));
  }
  // Facet rows arrive ordered by case id, which is the order of positions.
  std::vector<std::vector<uint32_t>> perCase(s->ids.size());
  for (const auto& r : conn.query(kSelectListedFacets).rows) {
    auto pos = s->position.find(r.i64(0));
    if (pos == s->position.end()) continue;  // listed after the first query ran; next reload has it
    auto key = std::make_pair(r.str(1), r.str(2));
    auto [it, inserted] = s->value_lookup.emplace(key, static_cast<uint32_t>(s->values.size()));
    if (inserted) {
      s->values.push_back(key);
      s->postings.emplace_back();
    }
    perCase[pos->second].push_back(it->second);
    s->postings[it->second].push_back(pos->second);
  }
  s->value_offset.reserve(perCase.size() + 1);
  for (const auto& list : perCase) {
    s->value_offset.push_back(static_cast<uint32_t>(s->value_ids.size()));
    s->value_ids.insert(s->value_ids.end(), list.begin(), list.end());
  }
  s->value_offset.push_back(static_cast<uint32_t>(s->value_ids.size()));
  return s;
}

}  // namespace

uint32_t FacetSnapshot::valueId(const std::string& facet, const std::string& value) const {
  auto it = value_lookup.find({facet, value});
  return it == value_lookup.end() ? std::numeric_limits<uint32_t>::max() : it->second;
}

std::shared_ptr<const FacetSnapshot> FacetIndex::snapshot(db::Connection& conn) {
  auto generation = readGeneration(conn);
  std::lock_guard lock(mutex_);
  // One reload at a time; requests that arrive meanwhile wait and then share the new snapshot.
  if (!current_ || current_->generation != generation) current_ = load(conn, generation);
  return current_;
}

void bumpLibraryGeneration(db::Connection& conn) { conn.query(kBumpGeneration); }

}  // namespace opgv::library
