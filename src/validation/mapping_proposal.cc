#include "validation/mapping_proposal.h"

#include "validation/validate_file.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

namespace opgv::validation {

namespace {

using nlohmann::json;

std::vector<std::string> tokens(const std::string& normalised) {
  std::vector<std::string> out;
  std::string current;
  for (char c : normalised) {
    if (c == '_') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

// Dice coefficient over letter pairs: tolerant of abbreviations and small spelling differences.
double letterPairs(const std::string& a, const std::string& b) {
  auto pairs = [](const std::string& s) {
    std::multiset<std::string> out;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      if (s[i] != '_' && s[i + 1] != '_') out.insert(s.substr(i, 2));
    }
    return out;
  };
  auto pa = pairs(a), pb = pairs(b);
  if (pa.empty() || pb.empty()) return a == b ? 1.0 : 0.0;
  size_t common = 0;
  for (const auto& p : pa) {
    auto it = pb.find(p);
    if (it != pb.end()) {
      ++common;
      pb.erase(it);
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(pa.size() + pairs(b).size());
}

double tokenOverlap(const std::string& a, const std::string& b) {
  auto ta = tokens(a), tb = tokens(b);
  if (ta.empty() || tb.empty()) return 0;
  size_t common = 0;
  for (const auto& t : ta) {
    if (std::find(tb.begin(), tb.end(), t) != tb.end()) ++common;
  }
  return static_cast<double>(common) / static_cast<double>(std::max(ta.size(), tb.size()));
}

// Whether a column of the inferred type can fill the field: 1 fits, 0.5 needs a conversion the
// profile can do (numbers and dates written as text), 0 does not fit.
double typeFit(const std::string& columnType, FieldType fieldType) {
  switch (fieldType) {
    case FieldType::kString:
    case FieldType::kAny:
      return 1.0;  // everything can be text (ids with leading zeros are inferred as text anyway)
    case FieldType::kInteger:
    case FieldType::kYear:
      return columnType == "integer" ? 1.0 : 0.0;
    case FieldType::kNumber:
      return columnType == "integer" || columnType == "number" ? 1.0 : 0.0;
    case FieldType::kBoolean:
      return columnType == "boolean" ? 1.0 : (columnType == "integer" ? 0.5 : 0.0);
    case FieldType::kDate:
      return columnType == "date" ? 1.0 : (columnType == "datetime" || columnType == "integer" ? 0.5 : 0.0);
    case FieldType::kDatetime:
      return columnType == "datetime" || columnType == "date" ? 1.0 : 0.0;
    case FieldType::kTime:
      return columnType == "time" ? 1.0 : 0.0;
    default:
      return columnType == "string" ? 0.7 : 0.3;
  }
}

std::string titleCase(const std::string& type) {
  if (type == "integer") return "ganze Zahlen";
  if (type == "number") return "Zahlen";
  if (type == "date") return "Datumsangaben";
  if (type == "boolean") return "Ja/Nein-Werte";
  return "Text";
}

}  // namespace

SynonymTable SynonymTable::fromJson(const json& document) {
  SynonymTable table;
  const json& entries = document.contains("synonyme") ? document["synonyme"] : document;
  if (!entries.is_object()) return table;
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    std::vector<std::string> words;
    if (it.value().is_array()) {
      for (const auto& w : it.value()) {
        if (w.is_string()) words.push_back(normaliseName(w.get<std::string>()));
      }
    }
    table.entries.emplace_back(normaliseName(it.key()), std::move(words));
  }
  return table;
}

std::string normaliseName(std::string_view name) {
  std::string out;
  auto push = [&](std::string_view s) { out += s; };
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      unsigned char d = static_cast<unsigned char>(name[i + 1]);
      ++i;
      switch (d) {
        case 0xA4: case 0x84: push("ae"); continue;  // ä Ä
        case 0xB6: case 0x96: push("oe"); continue;  // ö Ö
        case 0xBC: case 0x9C: push("ue"); continue;  // ü Ü
        case 0x9F: push("ss"); continue;             // ß
        default: push("_"); continue;
      }
    }
    // camelCase → camel_case, so "plrName" and "PLR_NAME" meet.
    if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]))) out += '_';
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

double nameSimilarity(std::string_view column, const Field& field, const SynonymTable& synonyms, std::string* reason) {
  const std::string c = normaliseName(column);
  const std::string f = normaliseName(field.name);
  auto result = [&](double score, std::string why) {
    if (reason) *reason = std::move(why);
    return score;
  };
  if (c.empty()) return result(0, "");
  if (c == f) return result(1.0, "gleicher Name");
  for (const auto& [key, words] : synonyms.entries) {
    if (key != f) continue;
    if (std::find(words.begin(), words.end(), c) != words.end()) return result(0.95, "Synonym von „" + field.name + "“");
  }
  std::string title = normaliseName(field.title);
  if (!title.empty() && c == title) return result(0.9, "gleich dem Titel „" + field.title + "“");
  double best = std::max({letterPairs(c, f), tokenOverlap(c, f) * 0.9, title.empty() ? 0.0 : letterPairs(c, title) * 0.85});
  for (const auto& [key, words] : synonyms.entries) {
    if (key != f) continue;
    for (const auto& w : words) best = std::max(best, letterPairs(c, w) * 0.9);
  }
  return result(best, best >= 0.5 ? "ähnlicher Name" : "");
}

MappingProposal proposeMapping(const Inference& source, const Schema& target, const std::string& model,
                               const std::string& resource, const SynonymTable& synonyms,
                               const std::set<std::string>& codes) {
  MappingProposal proposal;
  const auto& columns = source.fields;
  struct Candidate {
    double score;
    size_t field;
    size_t column;
    std::string reason;
  };
  std::vector<Candidate> candidates;
  for (size_t f = 0; f < target.fields.size(); ++f) {
    for (size_t c = 0; c < columns.size(); ++c) {
      std::string reason;
      double name = nameSimilarity(columns[c].name, target.fields[f], synonyms, &reason);
      if (name < 0.5) continue;
      double fit = typeFit(columns[c].type, target.fields[f].type());
      if (fit == 0) continue;
      double score = name * (0.7 + 0.3 * fit);
      candidates.push_back({score, f, c, reason});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.field != b.field) return a.field < b.field;
    return a.column < b.column;
  });
  std::vector<int> columnOfField(target.fields.size(), -1);
  std::vector<char> used(columns.size(), 0);
  proposal.fields.resize(target.fields.size());
  for (size_t f = 0; f < target.fields.size(); ++f) proposal.fields[f].field = target.fields[f].name;
  for (const auto& candidate : candidates) {
    if (columnOfField[candidate.field] >= 0 || used[candidate.column]) continue;
    columnOfField[candidate.field] = static_cast<int>(candidate.column);
    used[candidate.column] = 1;
    auto& p = proposal.fields[candidate.field];
    p.column = columns[candidate.column].name;
    p.score = candidate.score;
    p.reason = candidate.reason;
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (!used[c]) proposal.unusedColumns.push_back(columns[c].name);
  }

  // Long model, wide file: one number field left without a column, a string field for the code,
  // and several numeric columns left over → propose to turn those columns into rows.
  std::optional<size_t> valueField, codeField;
  for (size_t f = 0; f < target.fields.size(); ++f) {
    const Field& field = target.fields[f];
    if (columnOfField[f] >= 0) continue;
    if (field.type() == FieldType::kNumber && !valueField) valueField = f;
  }
  for (const auto& fk : target.foreignKeys) {
    if (fk.fields.size() == 1 && !fk.selfReference()) {
      auto index = target.fieldIndex(fk.fields[0]);
      if (index && columnOfField[*index] < 0) codeField = index;
    }
  }
  for (const auto& name : proposal.unusedColumns) {
    for (const auto& column : columns) {
      if (column.name != name || (column.type != "number" && column.type != "integer")) continue;
      if (!codes.empty() && !codes.count(name)) continue;
      proposal.reshapeColumns.push_back(name);
    }
  }
  bool reshape = valueField && codeField && proposal.reshapeColumns.size() >= 3;
  if (!reshape) {
    proposal.reshapeColumns.clear();
  } else {
    auto& value = proposal.fields[*valueField];
    value.column = "wert";
    value.reason = "Werte der umgeformten Spalten";
    auto& code = proposal.fields[*codeField];
    code.column = "merkmal";
    code.reason = "Namen der umgeformten Spalten";
    std::erase_if(proposal.unusedColumns, [&](const std::string& c) {
      return std::find(proposal.reshapeColumns.begin(), proposal.reshapeColumns.end(), c) != proposal.reshapeColumns.end();
    });
  }

  // Wide model, long file: number fields without a column whose names are values of one text
  // column (the codes, e.g. „EW“ for the field „ew“), and a number column left over for the values
  // → propose turning the rows into columns (long → wide).
  struct LongToWide {
    size_t nameColumn = 0;
    size_t valueColumn = 0;
    std::map<size_t, std::string> codeOfField;  // field → the code whose rows fill it
  };
  std::optional<LongToWide> toWide;
  if (!reshape) {
    std::map<std::string, size_t> openNumberField;  // normalised name → field
    for (size_t f = 0; f < target.fields.size(); ++f) {
      const FieldType type = target.fields[f].type();
      if (columnOfField[f] < 0 && (type == FieldType::kNumber || type == FieldType::kInteger)) {
        openNumberField.emplace(normaliseName(target.fields[f].name), f);
      }
    }
    if (openNumberField.size() >= 3) {
      for (size_t c = 0; c < columns.size(); ++c) {
        if (used[c] || columns[c].type != "string") continue;
        LongToWide candidate;
        candidate.nameColumn = c;
        for (const auto& value : columns[c].distinctValues) {
          auto it = openNumberField.find(normaliseName(value));
          if (it != openNumberField.end()) candidate.codeOfField.try_emplace(it->second, value);
        }
        if (candidate.codeOfField.size() >= 3 && (!toWide || candidate.codeOfField.size() > toWide->codeOfField.size())) {
          toWide = std::move(candidate);
        }
      }
    }
    if (toWide) {
      std::optional<size_t> valueColumn;
      for (size_t c = 0; c < columns.size() && !valueColumn; ++c) {
        if (!used[c] && c != toWide->nameColumn && (columns[c].type == "number" || columns[c].type == "integer")) valueColumn = c;
      }
      if (valueColumn) {
        toWide->valueColumn = *valueColumn;
        used[toWide->nameColumn] = used[*valueColumn] = 1;
        std::erase_if(proposal.unusedColumns, [&](const std::string& c) {
          return c == columns[toWide->nameColumn].name || c == columns[*valueColumn].name;
        });
        for (const auto& [f, code] : toWide->codeOfField) {
          auto& p = proposal.fields[f];
          p.column = code;
          p.score = 1.0;
          p.reason = "Zeilen mit „" + code + "“ in „" + columns[toWide->nameColumn].name + "“";
        }
      } else {
        toWide.reset();
      }
    }
  }

  size_t required = 0, requiredMapped = 0;
  for (size_t f = 0; f < target.fields.size(); ++f) {
    const Field& field = target.fields[f];
    if (!(field.constraints.required || field.inPrimaryKey)) continue;
    ++required;
    if (columnOfField[f] >= 0 || (reshape && (f == *valueField || f == *codeField)) ||
        (toWide && toWide->codeOfField.contains(f))) {
      ++requiredMapped;
    }
  }
  proposal.score = required == 0 ? 1.0 : static_cast<double>(requiredMapped) / static_cast<double>(required);

  // The draft profile: source columns with their inferred types and formats, then the fields.
  json sourceColumns = json::array();
  for (const auto& f : source.schema.value("fields", json::array())) {
    json column = f;
    column.erase("constraints");
    sourceColumns.push_back(column);
  }
  json sourceJson = {{"encoding", std::string(encodingName(source.encoding.encoding))},
                     {"dialect", {{"delimiter", source.dialect.dialect.delimiter}, {"header", true}}},
                     {"columns", sourceColumns}};
  if (source.schema.contains("missingValues")) sourceJson["missingValues"] = source.schema["missingValues"];
  json fields = json::object();
  for (size_t f = 0; f < target.fields.size(); ++f) {
    const Field& field = target.fields[f];
    if (columnOfField[f] >= 0) {
      fields[field.name] = {{"column", columns[columnOfField[f]].name}};
    } else if (toWide && toWide->codeOfField.contains(f)) {
      fields[field.name] = {{"column", toWide->codeOfField.at(f)}};
    } else if (reshape && f == *valueField) {
      fields[field.name] = {{"column", "wert"}};
    } else if (reshape && f == *codeField) {
      fields[field.name] = {{"column", "merkmal"}};
    } else if (field.constraints.required || field.inPrimaryKey) {
      fields[field.name] = {{"constant", ""}};
      proposal.notes.push_back("Für das Pflichtfeld „" + field.name + "“ (" + field.title +
                               ") wurde keine Spalte gefunden; bitte eine Spalte oder einen festen Wert eintragen.");
    }
  }
  proposal.profile = {{"name", "entwurf-" + model},
                      {"version", "0.1.0"},
                      {"title", "Entwurf: Datei → " + model},
                      {"description", "Automatisch vorgeschlagen; bitte prüfen und ergänzen."},
                      {"model", model},
                      {"resource", resource},
                      {"source", sourceJson},
                      {"fields", fields}};
  readTextFieldsAsText(proposal.profile, target);
  if (reshape) {
    json keep = json::array();
    for (size_t c = 0; c < columns.size(); ++c) {
      if (used[c]) keep.push_back(columns[c].name);
    }
    proposal.profile["reshape"] = {{"direction", "wide-to-long"}, {"keep", keep}, {"columns", proposal.reshapeColumns},
                                   {"nameColumn", "merkmal"}, {"valueColumn", "wert"}};
    proposal.notes.push_back(std::to_string(proposal.reshapeColumns.size()) + " Spalten mit " +
                             titleCase("number") + " werden zu Zeilen: je Spalte eine Zeile mit dem Spaltennamen in „" +
                             target.fields[*codeField].name + "“ und dem Wert in „" + target.fields[*valueField].name +
                             "“. Prüfen Sie, ob die Spaltennamen den Codes des Modells entsprechen (sonst „codes“ ergänzen).");
  }
  if (toWide) {
    json keep = json::array(), newColumns = json::array();
    for (size_t c = 0; c < columns.size(); ++c) {
      if (used[c] && c != toWide->nameColumn && c != toWide->valueColumn) keep.push_back(columns[c].name);
    }
    for (const auto& [f, code] : toWide->codeOfField) newColumns.push_back(code);
    const std::string& nameColumn = columns[toWide->nameColumn].name;
    const std::string& valueColumn = columns[toWide->valueColumn].name;
    proposal.profile["reshape"] = {{"direction", "long-to-wide"}, {"keep", keep}, {"columns", newColumns},
                                   {"nameColumn", nameColumn}, {"valueColumn", valueColumn}};
    for (const auto& code : newColumns) proposal.reshapeColumns.push_back(code.get<std::string>());
    proposal.notes.push_back("Die Datei hat eine Zeile je Wert, das Modell eine Spalte je Wert: Die Zeilen mit " +
                             std::to_string(toWide->codeOfField.size()) + " Codes in „" + nameColumn +
                             "“ werden zu Spalten, ihr Wert kommt aus „" + valueColumn +
                             "“. Zeilen mit anderen Codes werden gezählt und nicht übernommen.");
  }
  return proposal;
}

namespace {

// Words of a name or label, normalised, without short and generic ones.
std::vector<std::string> labelWords(std::string_view text) {
  static const std::set<std::string> generic = {"daten", "liste", "tabelle", "export", "stand", "datei", "und", "der",
                                                "die", "das", "von", "nach", "mit", "pro", "je", "csv", "xlsx", "ods"};
  std::vector<std::string> words;
  std::string normal = normaliseName(text);
  size_t start = 0;
  while (start <= normal.size()) {
    size_t end = normal.find('_', start);
    if (end == std::string::npos) end = normal.size();
    std::string word = normal.substr(start, end - start);
    bool digits = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (word.size() >= 4 && !digits && !generic.count(word)) words.push_back(word);
    start = end + 1;
  }
  return words;
}

// „haushaltsplan“ and „haushalt“ are related: one starts with the other (at least 5 letters).
bool relatedWords(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  return shorter.size() >= 5 ? longer.compare(0, shorter.size(), shorter) == 0 : shorter == longer;
}

}  // namespace

std::vector<ModelMatch> rankModels(const Inference& source, const std::string& fileName,
                                   const std::vector<ModelCandidate>& candidates, const SynonymTable& synonyms) {
  std::vector<std::string> fileWords = labelWords(std::filesystem::path(fileName).stem().string());
  for (const auto& f : source.schema.value("fields", json::array())) {
    for (auto& w : labelWords(f.value("name", ""))) fileWords.push_back(std::move(w));
  }
  std::vector<ModelMatch> out;
  for (const auto& c : candidates) {
    if (!c.schema) continue;
    MappingProposal proposal = proposeMapping(source, *c.schema, c.model, c.resource, synonyms, c.codes);
    double weight = 0, filled = 0;
    size_t mapped = 0;
    for (size_t i = 0; i < c.schema->fields.size(); ++i) {
      const Field& field = c.schema->fields[i];
      double w = (field.constraints.required || field.inPrimaryKey) ? 2.0 : 1.0;
      weight += w;
      bool has = i < proposal.fields.size() && !proposal.fields[i].column.empty();
      bool reshaped = !proposal.reshapeColumns.empty() && proposal.profile.contains("fields") &&
                      proposal.profile["fields"].contains(field.name) && proposal.profile["fields"][field.name].contains("column");
      if (has || reshaped) {
        filled += w;
        ++mapped;
      }
    }
    ModelMatch match;
    match.model = c.model;
    match.resource = c.resource;
    match.fieldScore = weight > 0 ? filled / weight : 0;
    std::string hitWord;
    for (const auto& label : c.labels) {
      for (const auto& word : labelWords(label)) {
        for (const auto& fileWord : fileWords) {
          if (relatedWords(word, fileWord)) {
            match.label = label;
            hitWord = fileWord;
            break;
          }
        }
        if (!match.label.empty()) break;
      }
      if (!match.label.empty()) break;
    }
    match.score = 0.8 * match.fieldScore + (match.label.empty() ? 0.0 : 0.2);
    match.reason = std::to_string(mapped) + " von " + std::to_string(c.schema->fields.size()) + " Feldern finden eine Spalte";
    if (!match.label.empty()) match.reason += "; „" + hitWord + "“ passt zu „" + match.label + "“";
    out.push_back(std::move(match));
  }
  std::stable_sort(out.begin(), out.end(), [](const ModelMatch& a, const ModelMatch& b) { return a.score > b.score; });
  return out;
}

void readTextFieldsAsText(json& profile, const Schema& target) {
  if (!profile.contains("fields") || !profile["fields"].is_object() || !profile.contains("source") ||
      !profile["source"].is_object() || !profile["source"].contains("columns") || !profile["source"]["columns"].is_array()) {
    return;
  }
  std::set<std::string> textColumns;
  for (const auto& [name, source] : profile["fields"].items()) {
    const Field* field = target.field(name);
    if (!field || field->type() != FieldType::kString) continue;
    if (source.is_string()) textColumns.insert(source.get<std::string>());
    if (source.is_object() && source.contains("column") && source["column"].is_string()) {
      textColumns.insert(source["column"].get<std::string>());
    }
  }
  for (auto& column : profile["source"]["columns"]) {
    if (!column.is_object() || !column.contains("name") || !column["name"].is_string()) continue;
    if (!textColumns.count(column["name"].get<std::string>()) || column.value("type", "string") == "string") continue;
    for (const char* key : {"format", "decimalChar", "groupChar", "bareNumber", "trueValues", "falseValues"}) column.erase(key);
    column["type"] = "string";
  }
}

std::set<std::string> codeListValues(const DataPackage& package, const std::filesystem::path& packageDir,
                                     const Resource& resource) {
  std::set<std::string> codes;
  if (!resource.schema) return codes;
  for (const auto& fk : resource.schema->foreignKeys) {
    const Resource* list = fk.selfReference() ? nullptr : package.resource(fk.resource);
    if (!list || !list->schema || fk.referenceFields.size() != 1 || !list->descriptor.contains("path") ||
        !list->descriptor["path"].is_string()) {
      continue;
    }
    auto column = list->schema->fieldIndex(fk.referenceFields[0]);
    if (!column) continue;
    TableValidator reader(*list->schema);
    reader.setRowCallback([&](const RowOutcome& row) {
      if (!row.blank) codes.insert(std::string(row.cells[*column]));
    });
    if (readTable(packageDir / list->descriptor["path"].get<std::string>(), {}, reader)) reader.finish();
  }
  return codes;
}

}  // namespace opgv::validation
