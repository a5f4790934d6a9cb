#pragma once
// The cross-row state of primaryKey, uniqueKeys and foreignKeys: a set of byte-string keys, each
// remembering the row where it was first seen. It is the only part of a validation whose memory
// grows with the file, so it is kept compact: keys live back to back in an arena (a one-byte or
// varint length, then the bytes), and the open-addressing table holds 16 bytes per slot (the
// key's 64-bit hash and its arena offset; the first row is stored in the arena next to the key).
// At the maximum load of 0.7 that is about 23 bytes of table per key plus key length + 9 bytes
// of arena: for an 8-digit AGS plus a date (19 bytes) roughly 51 bytes per key.
// bytesUsed() reports what is allocated, so the validator can stop at a limit.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace opgv::validation {

class KeySet {
 public:
  // Inserts `key` first seen in `row`. Returns 0 if it is new, otherwise the row where it was
  // seen first.
  int64_t insert(std::string_view key, int64_t row);
  bool contains(std::string_view key) const;
  size_t size() const { return size_; }
  uint64_t bytesUsed() const;
  void clear();

 private:
  struct Slot {
    uint64_t hash = 0;
    uint64_t offset = 0;  // arena offset + 1; 0 = empty slot
  };
  static uint64_t hashOf(std::string_view key);
  std::string_view keyAt(uint64_t offset, int64_t* row) const;
  size_t findSlot(std::string_view key, uint64_t hash) const;
  void grow();

  std::vector<Slot> slots_;
  std::vector<char> arena_;
  size_t size_ = 0;
};

}  // namespace opgv::validation
