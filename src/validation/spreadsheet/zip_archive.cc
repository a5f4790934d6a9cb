#include "validation/spreadsheet/zip_archive.h"

#include <zip.h>

#include <string>
#include <unordered_map>
#include <utility>

namespace opgv::validation::spreadsheet {
namespace {

ZipProblem problemOf(int zipErrorCode) {
  switch (zipErrorCode) {
    case ZIP_ER_NOZIP: return ZipProblem::kNotZip;
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_MEMORY: return ZipProblem::kUnreadable;
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP: return ZipProblem::kEncrypted;
    case ZIP_ER_COMPNOTSUPP: return ZipProblem::kUnsupported;
    default: return ZipProblem::kCorrupt;
  }
}

ZipFailure failureOf(zip_error_t* error, std::string entry = {}) {
  return ZipFailure{problemOf(zip_error_code_zip(error)), std::move(entry), 0, 0, zip_error_strerror(error)};
}

}  // namespace

struct ZipArchive::Impl {
  std::string bytes;  // the archive for openMemory(); libzip reads it in place
  zip_t* archive = nullptr;
  SpreadsheetLimits limits;
  std::unordered_map<uint64_t, uint64_t> inflatedByEntry;  // most bytes inflated in one read of the entry
  uint64_t inflatedTotal = 0;
  uint64_t compressedTotal = 0;

  ~Impl() {
    if (archive != nullptr) zip_discard(archive);  // read-only: nothing to write back
  }

  // Called with the running count of one read of `entry`; false with `failure` set when a limit breaks.
  bool account(const ZipEntry& entry, uint64_t inflated, ZipFailure& failure) {
    uint64_t& most = inflatedByEntry[entry.index];
    if (inflated > most) {
      inflatedTotal += inflated - most;
      most = inflated;
    }
    auto fail = [&](ZipProblem problem, uint64_t bytes) {
      failure = ZipFailure{problem, entry.name, bytes, entry.compressedSize, {}};
      return false;
    };
    if (inflated > limits.maxUncompressedBytes) return fail(ZipProblem::kEntryTooLarge, inflated);
    if (inflatedTotal > limits.maxUncompressedBytes) return fail(ZipProblem::kTotalTooLarge, inflatedTotal);
    if (limits.maxCompressionRatio > 0 && inflated > kRatioCheckFromBytes &&
        inflated / limits.maxCompressionRatio > entry.compressedSize) {
      return fail(ZipProblem::kRatioTooHigh, inflated);
    }
    return true;
  }
};

struct ZipEntryReader::Impl {
  ZipArchive::Impl* owner = nullptr;
  zip_file_t* file = nullptr;
  ZipEntry entry;
  uint64_t inflated = 0;
  bool failed = false;

  ~Impl() {
    if (file != nullptr) zip_fclose(file);
  }
};

ZipEntryReader::ZipEntryReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipEntryReader::ZipEntryReader(ZipEntryReader&&) noexcept = default;
ZipEntryReader& ZipEntryReader::operator=(ZipEntryReader&&) noexcept = default;
ZipEntryReader::~ZipEntryReader() = default;

std::expected<size_t, ZipFailure> ZipEntryReader::read(char* buffer, size_t capacity) {
  if (impl_->failed) return std::unexpected(ZipFailure{ZipProblem::kCorrupt, impl_->entry.name, 0, 0, "read after failure"});
  const zip_int64_t n = zip_fread(impl_->file, buffer, capacity);
  if (n < 0) {
    impl_->failed = true;
    return std::unexpected(failureOf(zip_file_get_error(impl_->file), impl_->entry.name));
  }
  impl_->inflated += static_cast<uint64_t>(n);
  ZipFailure failure;
  if (!impl_->owner->account(impl_->entry, impl_->inflated, failure)) {
    impl_->failed = true;
    return std::unexpected(std::move(failure));
  }
  return static_cast<size_t>(n);
}

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

std::expected<ZipArchive, ZipFailure> ZipArchive::openMemory(std::string bytes, const SpreadsheetLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->bytes = std::move(bytes);
  impl->limits = limits;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(impl->bytes.data(), impl->bytes.size(), 0, &error);
  if (source == nullptr) {
    ZipFailure failure = failureOf(&error);
    zip_error_fini(&error);
    return std::unexpected(std::move(failure));
  }
  // ZIP_CHECKCONS compares local and central headers: a truncated or patched file fails here
  // rather than halfway through a sheet.
  impl->archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (impl->archive == nullptr) {
    zip_source_free(source);
    ZipFailure failure = failureOf(&error);
    zip_error_fini(&error);
    return std::unexpected(std::move(failure));
  }
  zip_error_fini(&error);
  return ZipArchive(std::move(impl));
}

std::expected<ZipArchive, ZipFailure> ZipArchive::openFile(const std::string& path, const SpreadsheetLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  int code = 0;
  impl->archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (impl->archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    ZipFailure failure = failureOf(&error);
    zip_error_fini(&error);
    return std::unexpected(std::move(failure));
  }
  return ZipArchive(std::move(impl));
}

std::optional<ZipEntry> ZipArchive::find(std::string_view name) const {
  const std::string key(name);
  const zip_int64_t index = zip_name_locate(impl_->archive, key.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(impl_->archive, static_cast<zip_uint64_t>(index), 0, &stat) < 0) return std::nullopt;
  ZipEntry entry;
  entry.index = static_cast<uint64_t>(index);
  entry.name = (stat.valid & ZIP_STAT_NAME) != 0 && stat.name != nullptr ? stat.name : key;
  entry.size = (stat.valid & ZIP_STAT_SIZE) != 0 ? stat.size : 0;
  entry.compressedSize = (stat.valid & ZIP_STAT_COMP_SIZE) != 0 ? stat.comp_size : 0;
  entry.encrypted = (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE;
  return entry;
}

bool ZipArchive::hasEncryptedEntry() const {
  const zip_int64_t count = zip_get_num_entries(impl_->archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(impl_->archive, static_cast<zip_uint64_t>(i), 0, &stat) == 0 &&
        (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
      return true;
    }
  }
  return false;
}

std::expected<ZipEntryReader, ZipFailure> ZipArchive::openEntry(const ZipEntry& entry) {
  auto fail = [&](ZipProblem problem, uint64_t bytes, std::string detail = {}) {
    return std::unexpected(ZipFailure{problem, entry.name, bytes, entry.compressedSize, std::move(detail)});
  };
  if (entry.encrypted) return fail(ZipProblem::kEncrypted, 0);
  // The declared sizes can be checked before inflating anything; the actual bytes are counted
  // while reading.
  const SpreadsheetLimits& limits = impl_->limits;
  if (entry.size > limits.maxUncompressedBytes) return fail(ZipProblem::kEntryTooLarge, entry.size);
  if (limits.maxCompressionRatio > 0 && entry.size > kRatioCheckFromBytes &&
      entry.size / limits.maxCompressionRatio > entry.compressedSize) {
    return fail(ZipProblem::kRatioTooHigh, entry.size);
  }
  zip_file_t* file = zip_fopen_index(impl_->archive, entry.index, 0);
  if (file == nullptr) {
    ZipFailure failure = failureOf(zip_get_error(impl_->archive), entry.name);
    failure.compressedBytes = entry.compressedSize;
    return std::unexpected(std::move(failure));
  }
  if (!impl_->inflatedByEntry.contains(entry.index)) {
    impl_->inflatedByEntry[entry.index] = 0;
    impl_->compressedTotal += entry.compressedSize;
  }
  auto reader = std::make_unique<ZipEntryReader::Impl>();
  reader->owner = impl_.get();
  reader->file = file;
  reader->entry = entry;
  return ZipEntryReader(std::move(reader));
}

std::expected<std::string, ZipFailure> ZipArchive::readAll(const ZipEntry& entry, uint64_t maxBytes) {
  if (entry.size > maxBytes) return std::unexpected(ZipFailure{ZipProblem::kEntryTooLarge, entry.name, entry.size, entry.compressedSize, {}});
  auto reader = openEntry(entry);
  if (!reader) return std::unexpected(std::move(reader.error()));
  std::string content;
  char buffer[16384];
  for (;;) {
    auto n = reader->read(buffer, sizeof buffer);
    if (!n) return std::unexpected(std::move(n.error()));
    if (*n == 0) break;
    if (content.size() + *n > maxBytes) {
      return std::unexpected(ZipFailure{ZipProblem::kEntryTooLarge, entry.name, content.size() + *n, entry.compressedSize, {}});
    }
    content.append(buffer, *n);
  }
  return content;
}

uint64_t ZipArchive::compressedBytesRead() const { return impl_->compressedTotal; }
uint64_t ZipArchive::inflatedBytes() const { return impl_->inflatedTotal; }

}  // namespace opgv::validation::spreadsheet
