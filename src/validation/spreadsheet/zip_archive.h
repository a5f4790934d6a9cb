#pragma once
// libzip adapter of the spreadsheet reader (zip.h stays in zip_archive.cc). Reads entries in
// chunks and enforces the ZIP bomb limits of SpreadsheetLimits on every entry: the declared size
// and ratio when the entry is opened, and the bytes actually inflated while it is read, because a
// hostile file can declare any size it likes.
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "validation/spreadsheet.h"

namespace opgv::validation::spreadsheet {

enum class ZipProblem : uint8_t {
  kNotZip,          // no ZIP archive at all
  kCorrupt,         // damaged directory, CRC or deflate stream
  kUnreadable,      // the file could not be opened or read (I/O)
  kEncrypted,       // ZIP encryption on an entry
  kUnsupported,     // a compression method libzip cannot inflate
  kEntryTooLarge,   // one entry over maxUncompressedBytes
  kTotalTooLarge,   // all entries read together over maxUncompressedBytes
  kRatioTooHigh,    // inflated / compressed over maxCompressionRatio
};

struct ZipFailure {
  ZipProblem problem = ZipProblem::kCorrupt;
  std::string entry;             // the entry concerned, empty for the archive as a whole
  uint64_t bytes = 0;            // the size that broke a limit (declared, or inflated so far)
  uint64_t compressedBytes = 0;  // the entry's compressed size
  std::string detail;            // libzip's explanation, English, for the log
};

struct ZipEntry {
  uint64_t index = 0;
  std::string name;
  uint64_t size = 0;  // as declared
  uint64_t compressedSize = 0;
  bool encrypted = false;
};

// Entries over this size must also keep the compression ratio (small XML parts of real files
// compress far better than 100:1 and are harmless anyway).
inline constexpr uint64_t kRatioCheckFromBytes = uint64_t{1} << 20;

class ZipArchive;

// One entry being inflated. Must not outlive its archive.
class ZipEntryReader {
 public:
  ZipEntryReader(ZipEntryReader&&) noexcept;
  ZipEntryReader& operator=(ZipEntryReader&&) noexcept;
  ~ZipEntryReader();

  // Inflates up to `capacity` bytes into `buffer`; 0 at the end of the entry.
  std::expected<size_t, ZipFailure> read(char* buffer, size_t capacity);

 private:
  friend class ZipArchive;
  struct Impl;
  explicit ZipEntryReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class ZipArchive {
 public:
  static std::expected<ZipArchive, ZipFailure> openMemory(std::string bytes, const SpreadsheetLimits& limits);
  static std::expected<ZipArchive, ZipFailure> openFile(const std::string& path, const SpreadsheetLimits& limits);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // OPC part names are case-insensitive, so is the lookup. nullopt if there is no such entry.
  std::optional<ZipEntry> find(std::string_view name) const;
  bool hasEncryptedEntry() const;

  std::expected<ZipEntryReader, ZipFailure> openEntry(const ZipEntry& entry);
  // A whole (small) entry, for manifests; kEntryTooLarge above maxBytes.
  std::expected<std::string, ZipFailure> readAll(const ZipEntry& entry, uint64_t maxBytes);

  // Each entry counted once, however often it was read.
  uint64_t compressedBytesRead() const;
  uint64_t inflatedBytes() const;

 private:
  friend class ZipEntryReader;
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace opgv::validation::spreadsheet
