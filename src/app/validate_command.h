#pragma once
// `opgv validate` and `opgv infer`: the validation engine on the command line. No database, no
// server; exit codes are a contract for scripts: 0 valid, 1 invalid, 2 usage error or unreadable
// input (also for a schema that cannot be read).
#include <cstdint>
#include <iosfwd>
#include <string>

namespace opgv::app {

struct ValidateArgs {
  std::string schemaPath;  // a Table Schema or a Data Package descriptor
  std::string resource;    // in a package; empty: the first resource
  std::string model;       // slug of a model under models/
  std::string resourcesDir;  // where models/ lives; empty: located like the server's resources
  std::string format = "text";  // text, json, html
  std::string encoding;    // declared; empty: detect
  std::string sheet;
  bool germanDefaults = false;
  uint64_t maxErrors = 1000;
  uint64_t maxKeyMemoryMb = 1024;  // primary/unique/foreign-key state
  std::string file;
};

inline constexpr int kExitValid = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

int runValidate(const ValidateArgs& args, std::ostream& out, std::ostream& err);

struct InferArgs {
  std::string file;
  uint64_t sampleBytes = uint64_t{1} << 20;
};
int runInfer(const InferArgs& args, std::ostream& out, std::ostream& err);

struct ImportArgs {
  std::string profile;       // a profile file, or the name of one under profiles/
  std::string resourcesDir;  // where models/ and profiles/ live
  std::string out;           // the model CSV; empty: stdout (the report then goes to stderr)
  std::string format = "text";
  std::string file;
};
// Exit 0 when source and result are valid, 1 when either has errors, 2 on usage errors.
int runImport(const ImportArgs& args, std::ostream& out, std::ostream& err);

struct ProposeArgs {
  std::string model;
  std::string resource;
  std::string resourcesDir;
  std::string profileOut;  // write the draft profile here; empty: only print the proposal
  std::string file;
};
// Proposes a column → field mapping and a draft import profile. Exit 0 when every required field
// found a column, 1 when some are missing, 2 on usage errors.
int runPropose(const ProposeArgs& args, std::ostream& out, std::ostream& err);

}  // namespace opgv::app
