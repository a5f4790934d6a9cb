#pragma once
// The cross-row state of primaryKey, uniqueKeys and foreignKeys: a set of byte-string keys, each
// remembering the row where it was first seen. It is the only part of a validation whose memory
// grows with the file, so it is kept compact:
// - the open-addressing table holds 8 bytes per slot: a 40-bit arena position and a 24-bit tag
//   from the key's hash (most probes that miss are decided by the tag, without touching the key);
//   at a load between 0.35 and 0.7 that is 11–23 bytes per key;
// - keys live back to back in arena blocks of 64 KiB growing to 16 MiB (no reallocation): a varint
//   length, the key bytes, the first row as a varint (3–5 bytes).
// So a key costs its length plus roughly 16–30 bytes; for the Sozialraum-Indikatoren key
// (gebiet_id, stichtag, indikator ≈ 25 bytes encoded, see appendUniqueKey) about 45 bytes (measured
// in docs/performance.md). bytesUsed() reports what is allocated, so the validator can stop at a limit.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace opgv::validation {

class KeySet {
 public:
  // Inserts `key` first seen in `row`. Returns 0 if it is new, otherwise the row where it was
  // seen first.
  int64_t insert(std::string_view key, int64_t row);
  // The same in two steps, so that a caller can start loading the key's slot into the cache, do
  // other work, and insert later: a probe into a table of millions of keys otherwise waits about
  // 100 ns for memory on nearly every row.
  static uint64_t hashOf(std::string_view key);
  void prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  int64_t insert(std::string_view key, uint64_t hash, int64_t row);
  bool contains(std::string_view key) const;
  size_t size() const { return size_; }
  uint64_t bytesUsed() const;
  void clear();
  // Sizes the table for `keys` keys at once, so that it does not grow (and rehash) step by step.
  // A hint: fewer or more keys than announced work as well.
  void reserve(size_t keys);

 private:
  // Zero-filled slot memory. Large tables come straight from mmap: the kernel hands out zeroed
  // pages lazily (no memset pass over the whole table), and transparent huge pages are requested,
  // because the probes are random and a 64 MiB table in 4 KiB pages misses the TLB on nearly
  // every one.
  class SlotArray {
   public:
    SlotArray() = default;
    explicit SlotArray(size_t count);
    SlotArray(SlotArray&& other) noexcept;
    SlotArray& operator=(SlotArray&& other) noexcept;
    ~SlotArray();
    uint64_t& operator[](size_t i) { return data_[i]; }
    const uint64_t& operator[](size_t i) const { return data_[i]; }
    size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }

   private:
    void release();
    uint64_t* data_ = nullptr;
    size_t count_ = 0;
    bool mapped_ = false;
  };
  void rehash(size_t slotCount);

  // Key and first row at an arena position.
  std::string_view keyAt(uint64_t position, int64_t* row) const;
  // Index of the slot holding `key`, or of the empty slot where it belongs.
  size_t findSlot(std::string_view key, uint64_t hash) const;
  uint64_t append(std::string_view key, int64_t row);
  void grow();

  SlotArray slots_;  // 0 = empty; else (position + 1) << 24 | tag
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<size_t> blockSizes_;
  std::vector<size_t> blockFill_;  // bytes used per block (the last one: blockUsed_)
  size_t blockUsed_ = 0;  // bytes used in the last block
  size_t size_ = 0;
  uint64_t arenaBytes_ = 0;
};

}  // namespace opgv::validation
