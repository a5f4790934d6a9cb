#include "support/office_files.h"

#include <zip.h>

#include <sys/wait.h>

#include <cstdio>
#include <memory>
#include <pugixml.hpp>

namespace opgv::test {
namespace {

struct Archive {
  zip_t* zip = nullptr;
  ~Archive() {
    if (zip) zip_discard(zip);
  }
};

bool open(const std::string& bytes, Archive& archive) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return false;
  archive.zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive.zip) {
    zip_source_free(source);
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::map<std::string, std::string>> unzipAll(const std::string& bytes) {
  Archive archive;
  if (!open(bytes, archive)) return std::nullopt;
  std::map<std::string, std::string> out;
  auto count = zip_get_num_entries(archive.zip, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive.zip, i, 0, &st) != 0) return std::nullopt;
    zip_file_t* file = zip_fopen_index(archive.zip, i, 0);
    if (!file) return std::nullopt;
    std::string content(st.size, '\0');
    auto read = zip_fread(file, content.data(), st.size);
    zip_fclose(file);
    if (read < 0 || static_cast<zip_uint64_t>(read) != st.size) return std::nullopt;
    out[st.name] = std::move(content);
  }
  return out;
}

std::string firstEntryName(const std::string& bytes) {
  Archive archive;
  if (!open(bytes, archive) || zip_get_num_entries(archive.zip, 0) < 1) return "";
  const char* name = zip_get_name(archive.zip, 0, 0);
  return name ? name : "";
}

bool firstEntryStored(const std::string& bytes) {
  Archive archive;
  zip_stat_t st;
  if (!open(bytes, archive) || zip_stat_index(archive.zip, 0, 0, &st) != 0) return false;
  return st.comp_method == ZIP_CM_STORE;
}

std::string xmlProblem(const std::string& xml) {
  pugi::xml_document doc;
  auto result = doc.load_buffer(xml.data(), xml.size());
  if (result) return "";
  return std::string(result.description()) + " at offset " + std::to_string(result.offset);
}

std::string xmlText(const std::string& xml) {
  pugi::xml_document doc;
  doc.load_buffer(xml.data(), xml.size());
  std::string out;
  struct Walker : pugi::xml_tree_walker {
    std::string* out;
    bool for_each(pugi::xml_node& node) override {
      if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) *out += node.value();
      return true;
    }
  } walker;
  walker.out = &out;
  doc.traverse(walker);
  return out;
}

std::string runCommand(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    if (status) *status = -1;
    return out;
  }
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int rc = pclose(pipe);
  if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

}  // namespace opgv::test
