#pragma once
// `opgv synth`: synthetic test data for a harmonised model (validation/synth.h) as CSV on stdout.
// Exit codes as for `opgv validate`: 0 written, 2 usage error (unknown model or resource, row
// count out of range, unreadable --areas file, a synth.json the generator cannot use).
#include <cstdint>
#include <iosfwd>
#include <string>

namespace opgv::app {

struct SynthArgs {
  std::string model;         // slug under models/
  std::string resource;      // empty: the first resource
  std::string areasFile;     // CSV with area ids (column gebiet_id, PLR_ID, id or ags; else the first)
  std::string resourcesDir;  // where models/ lives; empty: located like the server's resources
  int64_t rows = 100;
  uint64_t seed = 1;
};

int runSynth(const SynthArgs& args, std::ostream& out, std::ostream& err);

}  // namespace opgv::app
