#pragma once
// Opens produced office files in tests: the ZIP container, every XML part, and the visible text.
#include <map>
#include <optional>
#include <string>

namespace opgv::test {

// Entry name → content, in archive order by name; nullopt if `bytes` is not a readable ZIP.
std::optional<std::map<std::string, std::string>> unzipAll(const std::string& bytes);
// The first entry's name (ODF requires "mimetype" first and stored uncompressed).
std::string firstEntryName(const std::string& bytes);
bool firstEntryStored(const std::string& bytes);
// Empty if well-formed, else pugixml's description with the offset.
std::string xmlProblem(const std::string& xml);
// All text nodes of an XML part, concatenated (so "Kreuz" "furt" split over runs still matches).
std::string xmlText(const std::string& xml);
// Runs a command, returns its stdout (and the exit status through `status`).
std::string runCommand(const std::string& command, int* status = nullptr);

}  // namespace opgv::test
