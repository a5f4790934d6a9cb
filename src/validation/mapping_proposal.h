#pragma once
// The first step of harmonisation without programming: for an uploaded file and a model, propose
// which column fills which field. The proposal uses
// - the names: normalised (case, umlauts, punctuation), German synonyms and abbreviations from
//   models/synonyme.json, token overlap and letter-pair similarity, also against the field's
//   German title;
// - the inferred types: a text column does not fill a number field, a date column fits a date;
// - the shape: if the model is long (one value field and a code field) and the file has several
//   numeric columns left over, it proposes turning them into rows (wide → long); if the model is
//   wide (a number field per indicator) and a text column of the file holds those indicators' codes
//   with a number column for the values, it proposes turning the rows into columns (long → wide).
// The result is a draft import profile (import_profile.h) for the user to check and correct.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/infer.h"
#include "validation/schema.h"

namespace opgv::validation {

// Field name → synonyms, as in models/synonyme.json ({"synonyme": {...}}).
struct SynonymTable {
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
  static SynonymTable fromJson(const nlohmann::json& document);
};

struct FieldProposal {
  std::string field;
  std::string column;  // empty: no column found
  double score = 0;    // 0..1
  std::string reason;  // German, e.g. „Synonym von ags“
};

struct MappingProposal {
  std::vector<FieldProposal> fields;        // one per model field, in model order
  std::vector<std::string> unusedColumns;
  std::vector<std::string> reshapeColumns;  // wide → long: the columns to become rows; long → wide: the codes to become columns
  double score = 0;                         // share of required fields with a column
  nlohmann::json profile;                   // draft import profile
  std::vector<std::string> notes;           // German
};

// Normalised form used for comparisons: "Straße/Hausnr." → "strasse_hausnr".
std::string normaliseName(std::string_view name);
// 0..1 similarity of a column name with a field (name, title and synonyms).
double nameSimilarity(std::string_view column, const Field& field, const SynonymTable& synonyms, std::string* reason);

// The values of the code list that `resource`'s code field points to (a foreign key to another
// resource of the package with one field, read from its file), e.g. the indicator codes.
std::set<std::string> codeListValues(const DataPackage& package, const std::filesystem::path& packageDir,
                                     const Resource& resource);

// Which model fits an uploaded file? For a Daten-Champion who does not know the models: every
// candidate gets the proposal's share of fields it could fill (required ones count double) and a
// match of the file's name and column names with the model's labels – its title, keywords and
// Musterdatenkatalog labels (e.g. „Finanzen - Haushalt - Plan“).
struct ModelCandidate {
  std::string model;
  std::string resource;
  const Schema* schema = nullptr;
  std::vector<std::string> labels;   // title, keywords, Musterdatenkatalog labels
  std::set<std::string> codes;       // code list values (for wide → long), see codeListValues
};
struct ModelMatch {
  std::string model;
  std::string resource;
  double score = 0;        // 0..1, best first
  double fieldScore = 0;   // share of fields filled (required ones double)
  std::string label;       // the label the file's name or columns matched, if any
  std::string reason;      // German
};
std::vector<ModelMatch> rankModels(const Inference& source, const std::string& fileName,
                                   const std::vector<ModelCandidate>& candidates, const SynonymTable& synonyms);

// Source columns that fill a text field of the model are read as text: a column the sample made
// look like numbers ("9999001") would otherwise lose what the sample did not show (the leading
// zero of "09999001" further down) or its notation ("1.0" → "1"). Changes `profile` in place.
void readTextFieldsAsText(nlohmann::json& profile, const Schema& target);

// `codes`: the values of the code list the model's code field refers to (e.g. the indicator codes);
// when given, only columns named like a code are proposed to become rows.
MappingProposal proposeMapping(const Inference& source, const Schema& target, const std::string& model,
                               const std::string& resource, const SynonymTable& synonyms,
                               const std::set<std::string>& codes = {});

}  // namespace opgv::validation
