#include "validation/key_set.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include <sys/mman.h>

namespace opgv::validation {

namespace {

constexpr size_t kBlockBits = 24;                    // 16 MiB blocks
constexpr size_t kBlockSize = size_t{1} << kBlockBits;
constexpr size_t kFirstBlockSize = size_t{64} << 10;
constexpr uint64_t kTagBits = 24;
constexpr uint64_t kTagMask = (uint64_t{1} << kTagBits) - 1;

size_t putVarint(char* out, uint64_t value) {
  size_t n = 0;
  while (value >= 0x80) {
    out[n++] = static_cast<char>((value & 0x7F) | 0x80);
    value >>= 7;
  }
  out[n++] = static_cast<char>(value);
  return n;
}

size_t varintSize(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
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

uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// Below this, calloc; above, mmap with huge pages (2 MiB on x86-64).
constexpr size_t kMappedBytes = size_t{1} << 21;

}  // namespace

KeySet::SlotArray::SlotArray(size_t count) : count_(count) {
  const size_t bytes = count * sizeof(uint64_t);
  if (bytes >= kMappedBytes) {
    void* memory = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    madvise(memory, bytes, MADV_HUGEPAGE);  // advice only; without THP the table works as well
#endif
    data_ = static_cast<uint64_t*>(memory);
    mapped_ = true;
  } else {
    data_ = static_cast<uint64_t*>(std::calloc(count, sizeof(uint64_t)));
    if (!data_) throw std::bad_alloc();
  }
}

KeySet::SlotArray::SlotArray(SlotArray&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      count_(std::exchange(other.count_, 0)),
      mapped_(std::exchange(other.mapped_, false)) {}

KeySet::SlotArray& KeySet::SlotArray::operator=(SlotArray&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    count_ = std::exchange(other.count_, 0);
    mapped_ = std::exchange(other.mapped_, false);
  }
  return *this;
}

KeySet::SlotArray::~SlotArray() { release(); }

void KeySet::SlotArray::release() {
  if (!data_) return;
  if (mapped_) {
    munmap(data_, count_ * sizeof(uint64_t));
  } else {
    std::free(data_);
  }
  data_ = nullptr;
  count_ = 0;
  mapped_ = false;
}

uint64_t KeySet::hashOf(std::string_view key) {
  // FNV-1a over 8-byte words, then a final mix so that both the slot index (low bits) and the
  // tag (high bits) spread well.
  uint64_t h = 14695981039346656037ULL ^ key.size();
  size_t i = 0;
  for (; i + 8 <= key.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, key.data() + i, 8);
    h = (h ^ word) * 1099511628211ULL;
    h ^= h >> 29;
  }
  for (; i < key.size(); ++i) h = (h ^ static_cast<unsigned char>(key[i])) * 1099511628211ULL;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

std::string_view KeySet::keyAt(uint64_t position, int64_t* row) const {
  const char* p = blocks_[position >> kBlockBits].get() + (position & (kBlockSize - 1));
  uint64_t length = getVarint(p);
  if (row) {
    const char* r = p + length;
    *row = unzigzag(getVarint(r));
  }
  return {p, length};
}

size_t KeySet::findSlot(std::string_view key, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint64_t tag = hash >> (64 - kTagBits);
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if ((slot & kTagMask) == tag && keyAt((slot >> kTagBits) - 1, nullptr) == key) return i;
  }
}

uint64_t KeySet::append(std::string_view key, int64_t row) {
  const size_t need = varintSize(key.size()) + key.size() + varintSize(zigzag(row));
  // A key longer than a block gets a block of its own; positions stay block index + offset.
  if (blocks_.empty() || blockUsed_ + need > blockSizes_.back()) {
    if (!blocks_.empty()) blockFill_.back() = blockUsed_;
    blockFill_.push_back(0);
    // Blocks grow from 64 KiB to 16 MiB, so a small code list does not hold 16 MiB.
    size_t size = blockSizes_.empty() ? kFirstBlockSize : std::min(kBlockSize, blockSizes_.back() * 2);
    if (need > size) size = need;
    blocks_.push_back(std::make_unique<char[]>(size));
    blockSizes_.push_back(size);
    arenaBytes_ += size;
    blockUsed_ = 0;
  }
  char* out = blocks_.back().get() + blockUsed_;
  size_t n = putVarint(out, key.size());
  std::memcpy(out + n, key.data(), key.size());
  n += key.size();
  n += putVarint(out + n, zigzag(row));
  uint64_t position = (static_cast<uint64_t>(blocks_.size() - 1) << kBlockBits) | blockUsed_;
  blockUsed_ += n;
  return position;
}

void KeySet::grow() { rehash(slots_.empty() ? 1024 : slots_.size() * 2); }

void KeySet::reserve(size_t keys) {
  size_t wanted = 1024;
  while (keys * 10 > wanted * 7) wanted *= 2;
  if (wanted > slots_.size()) rehash(wanted);
}

void KeySet::rehash(size_t slotCount) {
  // The slots keep no full hash, so every key is hashed again. Walking the arena in order reads
  // memory sequentially; walking the old slots would jump around it (measured: growth took 14 %
  // of a 100 MB validation that way).
  slots_ = SlotArray(slotCount);
  const size_t mask = slots_.size() - 1;
  for (size_t b = 0; b < blocks_.size(); ++b) {
    const size_t used = b + 1 == blocks_.size() ? blockUsed_ : blockFill_[b];
    const char* base = blocks_[b].get();
    size_t offset = 0;
    while (offset < used) {
      const char* p = base + offset;
      uint64_t length = getVarint(p);
      std::string_view key(p, length);
      const char* r = p + length;
      getVarint(r);
      const uint64_t hash = hashOf(key);
      size_t i = hash & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      const uint64_t position = (static_cast<uint64_t>(b) << kBlockBits) | offset;
      slots_[i] = ((position + 1) << kTagBits) | (hash >> (64 - kTagBits));
      offset = static_cast<size_t>(r - base);
    }
  }
}

int64_t KeySet::insert(std::string_view key, int64_t row) { return insert(key, hashOf(key), row); }

int64_t KeySet::insert(std::string_view key, uint64_t hash, int64_t row) {
  if ((size_ + 1) * 10 > slots_.size() * 7) grow();
  const size_t index = findSlot(key, hash);
  if (slots_[index] != 0) {
    int64_t first = 0;
    keyAt((slots_[index] >> kTagBits) - 1, &first);
    return first;
  }
  uint64_t position = append(key, row);
  slots_[index] = ((position + 1) << kTagBits) | (hash >> (64 - kTagBits));
  ++size_;
  return 0;
}

bool KeySet::contains(std::string_view key) const {
  if (slots_.empty()) return false;
  return slots_[findSlot(key, hashOf(key))] != 0;
}

uint64_t KeySet::bytesUsed() const { return slots_.size() * sizeof(uint64_t) + arenaBytes_; }

void KeySet::clear() {
  slots_ = SlotArray();
  blocks_.clear();
  blockSizes_.clear();
  blockFill_.clear();
  blockUsed_ = 0;
  arenaBytes_ = 0;
  size_ = 0;
}

}  // namespace opgv::validation
