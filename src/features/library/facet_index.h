#pragma once
// In-memory facet index of the listed use cases. Measured reason (docs/adr/0004): counting facets
// with one GROUP BY joined to the matching cases took 50-250 ms at 10,000 cases and grew with the
// result size, far above the 20 ms target; counting the same values from arrays in memory takes
// about a millisecond per 100,000 cases. The database stays the source of truth: the snapshot is
// rebuilt whenever the `library_generation` counter in `settings` changes, which every write that
// changes listing or facets increments in its own transaction. So several instances behind nginx
// see each other's changes on their next search.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "db/db.h"

namespace opgv::library {

struct FacetSnapshot {
  int64_t generation = -1;
  std::vector<int64_t> ids;  // position → use case id, ascending
  std::unordered_map<int64_t, uint32_t> position;
  std::vector<int64_t> published_at;
  std::vector<int64_t> replication_count;
  std::vector<uint32_t> value_offset;  // values of position p: value_ids[value_offset[p] .. value_offset[p+1])
  std::vector<uint32_t> value_ids;
  std::vector<std::pair<std::string, std::string>> values;  // value id → (facet, value)
  std::map<std::pair<std::string, std::string>, uint32_t> value_lookup;
  std::vector<std::vector<uint32_t>> postings;  // value id → positions, ascending

  size_t size() const { return ids.size(); }
  // nullopt-like: UINT32_MAX when the value is not in the index.
  uint32_t valueId(const std::string& facet, const std::string& value) const;
};

class FacetIndex {
 public:
  // The current snapshot; reloads it first if another writer changed the library.
  std::shared_ptr<const FacetSnapshot> snapshot(db::Connection& conn);

 private:
  std::mutex mutex_;
  std::shared_ptr<const FacetSnapshot> current_;
};

// Increments the counter that invalidates every instance's snapshot; call inside the writing
// transaction.
void bumpLibraryGeneration(db::Connection& conn);

}  // namespace opgv::library
