#include "validation/infer.h"

#include <algorithm>
#include <array>
#include <set>

#include "validation/cast.h"
#include "validation/csv_parser.h"

namespace opgv::validation {

namespace {

// Markers that statistics use for "no value" in numeric columns (Destatis: "-" nichts vorhanden,
// "." Zahlenwert unbekannt, "x" Tabellenfach gesperrt; "…" Angabe fällt später an).
constexpr std::array<std::string_view, 7> kMissingMarkers = {"-", ".", "x", "…", "k.A.", "n.v.", "NA"};

bool isMissingMarker(std::string_view cell) {
  return std::find(kMissingMarkers.begin(), kMissingMarkers.end(), cell) != kMissingMarkers.end();
}

bool hasLeadingZeroDigits(std::string_view cell) {
  if (cell.size() < 2 || cell[0] != '0') return false;
  return std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Candidate {
  std::string type;
  CastSpec spec;
  nlohmann::json extra;  // descriptor properties besides type
};

std::vector<Candidate> candidatesFor(const DialectGuess& dialect) {
  const bool germanNumbers = dialect.decimalChar.value_or('.') == ',';
  NumberFormat numbers;
  if (germanNumbers) {
    numbers.decimalChar = ",";
    numbers.groupChar = ".";
  }
  nlohmann::json numberExtra = nlohmann::json::object();
  if (germanNumbers) numberExtra = {{"decimalChar", ","}, {"groupChar", "."}};

  std::vector<Candidate> out;
  Candidate integer{"integer", makeCastSpec(FieldType::kInteger), nlohmann::json::object()};
  integer.spec.number = numbers;
  if (germanNumbers) integer.extra = {{"groupChar", "."}};
  out.push_back(integer);
  Candidate number{"number", makeCastSpec(FieldType::kNumber), numberExtra};
  number.spec.number = numbers;
  out.push_back(number);
  // After the numbers: a column of 0 and 1 is more likely a count than a yes/no.
  Candidate boolean{"boolean", makeCastSpec(FieldType::kBoolean, germanDefaults()), nlohmann::json::object()};
  boolean.extra = {{"trueValues", boolean.spec.boolean.trueValues}, {"falseValues", boolean.spec.boolean.falseValues}};
  out.push_back(boolean);
  // true/false, the international spelling (and the models' own).
  Candidate english{"boolean", makeCastSpec(FieldType::kBoolean), nlohmann::json::object()};
  out.push_back(english);
  Candidate isoDate{"date", makeCastSpec(FieldType::kDate), nlohmann::json::object()};
  out.push_back(isoDate);
  Candidate germanDate{"date", makeCastSpec(FieldType::kDate), {{"format", "%d.%m.%Y"}}};
  std::string error;
  setFormat(germanDate.spec, "%d.%m.%Y", &error);
  out.push_back(germanDate);
  Candidate datetime{"datetime", makeCastSpec(FieldType::kDatetime), {{"format", "any"}}};
  setFormat(datetime.spec, "any", &error);
  out.push_back(datetime);
  Candidate time{"time", makeCastSpec(FieldType::kTime), {{"format", "any"}}};
  setFormat(time.spec, "any", &error);
  out.push_back(time);
  return out;
}

}  // namespace

Inference inferTable(std::string_view sample, bool complete) {
  Inference result;
  if (sample.size() > kInferSampleBytes) {
    sample = sample.substr(0, kInferSampleBytes);
    complete = false;
  }
  result.encoding = detectEncoding(sample, complete);
  if (!isSupported(result.encoding.encoding)) {
    result.notes.push_back("Die Datei ist " + std::string(encodingName(result.encoding.encoding)) +
                           "-kodiert; bitte als UTF-8 speichern.");
    return result;
  }
  std::string text;
  Utf8Transcoder transcoder(result.encoding.encoding);
  if (!transcoder.feed(sample, text)) {
    result.notes.push_back("Ab Byte " + formatCount(transcoder.bytesRead()) +
                           " passt die Zeichenkodierung nicht; nur der Teil davor wurde ausgewertet.");
  } else if (complete) {
    (void)transcoder.finish(text);
  }
  if (!complete) {
    // A record cut by the end of the sample would look like a short row.
    auto end = text.find_last_of('\n');
    if (end != std::string::npos) text.resize(end + 1);
  }
  result.dialect = sniffDialect(text, true);
  if (!result.dialect.note.empty()) result.notes.push_back(result.dialect.note);

  Dialect dialect = result.dialect.dialect;
  std::vector<std::string> labels;
  std::vector<std::vector<std::string>> columns;
  int64_t rows = 0;
  CsvParser parser(dialect, CsvParser::Handlers{
                                .onRecord =
                                    [&](const CsvRecord& record) {
                                      if (rows >= kInferSampleRows || record.fields.empty()) return;
                                      ++rows;
                                      if (columns.size() < record.fields.size()) columns.resize(record.fields.size());
                                      for (size_t i = 0; i < record.fields.size(); ++i) {
                                        columns[i].emplace_back(record.fields[i].value);
                                      }
                                    },
                                .onHeader = [&](const CsvHeader& header) { labels = header.labels; },
                                .onError = [](const SourceError&) {},
                            });
  (void)parser.feed(text);
  (void)parser.finish();
  result.sampleRows = rows;
  if (!dialect.header) {
    for (size_t i = 0; i < columns.size(); ++i) labels.push_back("feld_" + std::to_string(i + 1));
  }
  if (columns.size() < labels.size()) columns.resize(labels.size());

  auto candidates = candidatesFor(result.dialect);
  nlohmann::json fields = nlohmann::json::array();
  std::set<std::string> extraMissing;
  double confidenceSum = 0;
  for (size_t c = 0; c < labels.size(); ++c) {
    InferredField inferred;
    inferred.name = labels[c].empty() ? "feld_" + std::to_string(c + 1) : labels[c];
    std::vector<std::string_view> cells;
    bool leadingZero = false;
    std::set<std::string_view> markers;
    for (const auto& cell : columns[c]) {
      if (cell.empty()) {
        ++inferred.empty;
        continue;
      }
      ++inferred.nonEmpty;
      if (hasLeadingZeroDigits(cell)) leadingZero = true;
      cells.push_back(cell);
    }
    nlohmann::json field = {{"name", inferred.name}, {"type", "string"}};
    inferred.type = "string";
    inferred.confidence = 1.0;
    if (!cells.empty() && !leadingZero) {
      for (const auto& candidate : candidates) {
        int64_t ok = 0;
        std::set<std::string_view> failedMarkers;
        int64_t failedOther = 0;
        for (auto cell : cells) {
          if (castCell(candidate.spec, cell)) {
            ++ok;
          } else if (isMissingMarker(cell)) {
            failedMarkers.insert(cell);
          } else {
            ++failedOther;
          }
        }
        // Markers count as missing values only where everything else fits the type.
        int64_t considered = static_cast<int64_t>(cells.size()) -
                             (failedOther == 0 ? static_cast<int64_t>(std::count_if(cells.begin(), cells.end(),
                                                                                    [&](std::string_view v) {
                                                                                      return failedMarkers.count(v) > 0;
                                                                                    }))
                                               : 0);
        if (ok == 0 || considered == 0) continue;
        double share = static_cast<double>(ok) / static_cast<double>(considered);
        if (share >= 0.98) {
          inferred.type = candidate.type;
          inferred.confidence = share;
          field["type"] = candidate.type;
          for (auto it = candidate.extra.begin(); it != candidate.extra.end(); ++it) field[it.key()] = it.value();
          if (failedOther == 0) {
            for (auto marker : failedMarkers) extraMissing.insert(std::string(marker));
          }
          break;
        }
      }
    }
    if (inferred.empty == 0 && inferred.nonEmpty > 0) field["constraints"] = {{"required", true}};
    if (inferred.type == "string") {
      std::set<std::string_view> seen;
      for (auto cell : cells) {
        if (seen.size() >= kInferDistinctValues) break;
        if (seen.insert(cell).second) inferred.distinctValues.emplace_back(cell);
      }
    }
    if (leadingZero) {
      result.notes.push_back("Spalte " + inferred.name +
                             ": Werte mit führender Null bleiben Text, damit die Nullen erhalten bleiben.");
    }
    fields.push_back(std::move(field));
    confidenceSum += inferred.confidence;
    result.fields.push_back(std::move(inferred));
  }
  result.schema = {{"$schema", "https://datapackage.org/profiles/2.0/tableschema.json"}, {"fields", fields}};
  if (!extraMissing.empty()) {
    nlohmann::json missing = nlohmann::json::array({""});
    for (const auto& marker : extraMissing) missing.push_back(marker);
    result.schema["missingValues"] = missing;
    result.notes.push_back("Zeichen wie „-“ oder „.“ in Zahlenspalten werden als fehlender Wert gelesen.");
  }
  double fieldConfidence = result.fields.empty() ? 0 : confidenceSum / static_cast<double>(result.fields.size());
  result.confidence = result.dialect.confidence * fieldConfidence;
  return result;
}

nlohmann::json inferenceToJson(const Inference& inference) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : inference.fields) {
    fields.push_back({{"name", f.name},
                      {"type", f.type},
                      {"confidence", f.confidence},
                      {"nonEmpty", f.nonEmpty},
                      {"empty", f.empty}});
  }
  nlohmann::json dialect = dialectToJson(inference.dialect.dialect);
  return {{"encoding", {{"name", encodingName(inference.encoding.encoding)},
                        {"bom", inference.encoding.bom},
                        {"confidence", inference.encoding.confidence}}},
          {"dialect", dialect},
          {"schema", inference.schema},
          {"confidence", inference.confidence},
          {"dialectConfidence", inference.dialect.confidence},
          {"sampleRows", inference.sampleRows},
          {"fields", fields},
          {"notes", inference.notes}};
}

}  // namespace opgv::validation
