#include "validation/key_set.h"

#include <cstring>

namespace opgv::validation {

namespace {

void putVarint(std::vector<char>& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

uint64_t getVarint(const char*& p) {
  uint64_t value = 0;
  int shift = 0;
  while (true) {
    auto byte = static_cast<uint8_t>(*p++);
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
    shift += 7;
  }
}

}  // namespace

uint64_t KeySet::hashOf(std::string_view key) {
  // FNV-1a, then a final mix so the low bits used for the slot index spread well.
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

std::string_view KeySet::keyAt(uint64_t offset, int64_t* row) const {
  const char* p = arena_.data() + offset;
  uint64_t length = getVarint(p);
  if (row) std::memcpy(row, p + length, sizeof(int64_t));
  return {p, length};
}

size_t KeySet::findSlot(std::string_view key, uint64_t hash) const {
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.offset == 0) return i;
    if (slot.hash == hash && keyAt(slot.offset - 1, nullptr) == key) return i;
  }
}

void KeySet::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.offset == 0) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].offset != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

int64_t KeySet::insert(std::string_view key, int64_t row) {
  if ((size_ + 1) * 10 > slots_.size() * 7) grow();
  uint64_t hash = hashOf(key);
  size_t index = findSlot(key, hash);
  Slot& slot = slots_[index];
  if (slot.offset != 0) {
    int64_t first = 0;
    keyAt(slot.offset - 1, &first);
    return first;
  }
  slot.hash = hash;
  slot.offset = arena_.size() + 1;
  putVarint(arena_, key.size());
  arena_.insert(arena_.end(), key.begin(), key.end());
  const char* rowBytes = reinterpret_cast<const char*>(&row);
  arena_.insert(arena_.end(), rowBytes, rowBytes + sizeof(int64_t));
  ++size_;
  return 0;
}

bool KeySet::contains(std::string_view key) const {
  if (slots_.empty()) return false;
  return slots_[findSlot(key, hashOf(key))].offset != 0;
}

uint64_t KeySet::bytesUsed() const { return slots_.capacity() * sizeof(Slot) + arena_.capacity(); }

void KeySet::clear() {
  slots_.clear();
  slots_.shrink_to_fit();
  arena_.clear();
  arena_.shrink_to_fit();
  size_ = 0;
}

}  // namespace opgv::validation
