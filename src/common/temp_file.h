#pragma once
// Uploaded bytes as a file for the readers (they read files, in chunks, and resolve foreign keys
// by path): a private directory (mode 0700) under the system's temp directory, removed with the
// object. Only the last path component of the given name is used, never "." or "..".
#include <filesystem>
#include <string>
#include <string_view>

namespace opgv {

class TempFile {
 public:
  // `prefix` names the directory for whoever looks into /tmp, e.g. "opgv-pruefung".
  TempFile(const std::string& prefix, const std::string& name, std::string_view bytes);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool ok() const { return ok_; }  // false if the bytes could not be written
  const std::filesystem::path& path() const { return path_; }
  // Another file in the same private directory (removed with it).
  std::filesystem::path sibling(const std::string& name) const { return dir_ / name; }

 private:
  std::filesystem::path dir_, path_;
  bool ok_ = false;
};

}  // namespace opgv
