#pragma once
// `opgv infer`: proposes encoding, dialect and a Table Schema for a file nobody described, from a
// sample. Municipal exports are the normal case, so German conventions are tried on an equal
// footing with the international ones: "1.234,56", "31.12.2024", "ja/nein".
//
// Each field's confidence is the share of non-empty sample cells its proposed type reads; the
// overall confidence is the dialect's confidence times the mean field confidence.
// Digit strings with a leading zero ("01100101", "09162000") stay strings: they are keys (AGS,
// area ids) whose zeros matter, and a number would lose them.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/dialect.h"
#include "validation/encoding.h"

namespace opgv::validation {

struct InferredField {
  std::string name;
  std::string type;
  double confidence = 0;
  int64_t nonEmpty = 0;
  int64_t empty = 0;
  // Text columns: their distinct values in the sample (at most kInferDistinctValues, first seen
  // first), e.g. the indicator codes of a long table that a wide model wants as columns.
  std::vector<std::string> distinctValues;
};

inline constexpr size_t kInferDistinctValues = 200;

struct Inference {
  EncodingGuess encoding;
  DialectGuess dialect;
  nlohmann::json schema;  // Table Schema v2 descriptor
  std::vector<InferredField> fields;
  double confidence = 0;
  int64_t sampleRows = 0;
  std::vector<std::string> notes;  // German
};

inline constexpr size_t kInferSampleBytes = size_t{1} << 20;
inline constexpr int64_t kInferSampleRows = 5000;

// `sample` is the start of the file (raw bytes); `complete` says it is the whole file.
Inference inferTable(std::string_view sample, bool complete);

nlohmann::json inferenceToJson(const Inference& inference);

}  // namespace opgv::validation
