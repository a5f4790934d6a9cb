#include "common/temp_file.h"

#include <unistd.h>

#include <fstream>
#include <random>

namespace opgv {

namespace fs = std::filesystem;

TempFile::TempFile(const std::string& prefix, const std::string& name, std::string_view bytes) {
  std::error_code ec;
  dir_ = fs::temp_directory_path(ec) / (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir_, ec);
  fs::permissions(dir_, fs::perms::owner_all, ec);
  std::string safe = fs::path(name).filename().string();
  if (safe.empty() || safe == "." || safe == "..") safe = "datei";
  path_ = dir_ / safe;
  std::ofstream out(path_, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ok_ = static_cast<bool>(out);
}

TempFile::~TempFile() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

}  // namespace opgv
