#include "validation/source_error.h"

namespace opgv::validation {

Error toError(const SourceError& error) {
  std::string internal = error.code + " row=" + std::to_string(error.row) + " line=" + std::to_string(error.line) +
                         " offset=" + std::to_string(error.byteOffset);
  return Error{ErrorCode::kInvalidInput, error.message + " (Fehlerart: " + error.code + ")", std::move(internal), {}};
}

std::string describePosition(int64_t row, int64_t line) {
  if (line <= 0 && row <= 0) return "Am Dateianfang";
  if (line <= 0) return "Datensatz " + formatCount(static_cast<uint64_t>(row));
  std::string out = "Zeile " + formatCount(static_cast<uint64_t>(line));
  if (row > 0 && row != line) out += " (Datensatz " + formatCount(static_cast<uint64_t>(row)) + ")";
  return out;
}

std::string formatCount(uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

std::string formatByteSize(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024, kMiB = kKiB * 1024, kGiB = kMiB * 1024;
  if (bytes >= kGiB && bytes % kGiB == 0) return formatCount(bytes / kGiB) + " GB";
  if (bytes >= kMiB && bytes % kMiB == 0) return formatCount(bytes / kMiB) + " MB";
  if (bytes >= kKiB && bytes % kKiB == 0) return formatCount(bytes / kKiB) + " KB";
  return formatCount(bytes) + " Byte";
}

}  // namespace opgv::validation
