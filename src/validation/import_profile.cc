#include "common/strings.h"
#include "validation/import_profile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

namespace opgv::validation {

namespace {

// A mapping table inside a profile: Germany has about 11,000 municipalities and a city's finest
// statistical areas are in the hundreds or thousands; this leaves room and bounds the profile.
constexpr size_t kMaxTableRows = 100000;

namespace fs = std::filesystem;
using nlohmann::json;

std::string inQuotesDe(std::string_view text) { return "„" + std::string(text) + "“"; }

// „1 Wert wurde“ / „3 Werte wurden“: the count with the matching German form.
std::string counted(int64_t n, std::string_view one, std::string_view many) {
  return n == 1 ? "1 " + std::string(one) : formatCount(n) + " " + std::string(many);
}

class Reader {
 public:
  explicit Reader(std::vector<FieldError>& errors) : errors_(errors) {}
  std::string string(const json& object, const char* key, const std::string& pointer, bool required) {
    auto it = object.find(key);
    if (it == object.end()) {
      if (required) errors_.push_back({pointer + "/" + key, std::string("Die Angabe „") + key + "“ fehlt."});
      return {};
    }
    if (!it->is_string()) {
      errors_.push_back({pointer + "/" + key, std::string("„") + key + "“ muss ein Text sein."});
      return {};
    }
    return it->get<std::string>();
  }
  std::vector<std::string> strings(const json& object, const char* key, const std::string& pointer) {
    std::vector<std::string> out;
    auto it = object.find(key);
    if (it == object.end()) return out;
    if (!it->is_array()) {
      errors_.push_back({pointer + "/" + key, std::string("„") + key + "“ muss eine Liste von Texten sein."});
      return out;
    }
    for (const auto& item : *it) {
      if (item.is_string()) {
        out.push_back(item.get<std::string>());
      } else {
        errors_.push_back({pointer + "/" + key, std::string("„") + key + "“ darf nur Texte enthalten."});
      }
    }
    return out;
  }
  std::optional<double> number(const json& object, const char* key, const std::string& pointer) {
    auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (!it->is_number()) {
      errors_.push_back({pointer + "/" + key, std::string("„") + key + "“ muss eine Zahl sein."});
      return std::nullopt;
    }
    return it->get<double>();
  }
  void error(std::string pointer, std::string message) { errors_.push_back({std::move(pointer), std::move(message)}); }

 private:
  std::vector<FieldError>& errors_;
};

bool validName(const std::string& name) {
  if (name.empty() || name.size() > 80) return false;  // as model slugs (cli_support.h validSlug)
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// Values leave the pipeline as canonical text: ISO dates, "." decimals, exactly as read (1.50
// stays 1.50) unless a conversion or aggregation computed them.
std::string formatNumber(double value, int decimals) {
  if (!std::isfinite(value)) return {};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text(buffer);
  if (text.find('.') != std::string::npos) {
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

}  // namespace

Result<ImportProfile> parseProfile(const json& d, const fs::path& baseDir) {
  std::vector<FieldError> errors;
  Reader read(errors);
  if (!d.is_object()) return fail(ErrorCode::kInvalidInput, "Ein Import-Profil muss ein JSON-Objekt sein.");
  ImportProfile p;
  p.descriptor = d;
  p.name = read.string(d, "name", "", true);
  if (!p.name.empty() && !validName(p.name)) {
    read.error("/name", "Der Name darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.");
  }
  for (auto it = d.begin(); it != d.end(); ++it) {
    static const std::set<std::string> known = {"$schema", "name", "version", "title", "description", "model", "resource",
                                                "source", "conditions", "reshape", "fields", "aggregate"};
    if (!known.count(it.key())) read.error("/" + it.key(), "Die Angabe „" + it.key() + "“ gibt es in Import-Profilen nicht (Tippfehler?).");
  }
  p.version = read.string(d, "version", "", true);
  if (!p.version.empty()) {
    static const std::regex semver(R"(\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?)");
    if (!std::regex_match(p.version, semver)) read.error("/version", "Die Version muss eine semantische Version sein, z. B. „1.0.0“.");
  }
  p.title = read.string(d, "title", "", false);
  p.description = read.string(d, "description", "", false);
  p.model = read.string(d, "model", "", true);
  p.resource = read.string(d, "resource", "", false);

  json source = d.value("source", json::object());
  if (!source.is_object()) {
    read.error("/source", "„source“ muss ein Objekt sein.");
    source = json::object();
  }
  p.encoding = read.string(source, "encoding", "/source", false);
  if (auto it = source.find("dialect"); it != source.end()) {
    auto dialect = parseDialect(*it);
    if (dialect) {
      p.dialect = *dialect;
    } else {
      for (auto& e : dialect.error().fields) errors.push_back({"/source/dialect/" + e.field, e.message});
    }
  }
  json fields = json::array();
  auto columns = source.find("columns");
  if (columns == source.end() || !columns->is_array() || columns->empty()) {
    read.error("/source/columns", "Bitte die Spalten der Quelldatei angeben (Liste von Table-Schema-Feldern).");
  } else {
    fields = *columns;
  }
  p.sourceSchema = {{"fields", fields}, {"fieldsMatch", "subset"}};
  if (auto it = source.find("missingValues"); it != source.end()) p.sourceSchema["missingValues"] = *it;
  auto sourceSchema = parseSchema(p.sourceSchema);
  if (!sourceSchema) {
    for (auto& e : sourceSchema.error().fields) {
      std::string pointer = e.field.starts_with("/fields") ? "/source/columns" + e.field.substr(7) : "/source" + e.field;
      errors.push_back({std::move(pointer), e.message});
    }
  }
  std::set<std::string> known;
  if (sourceSchema) {
    for (const auto& f : sourceSchema->fields) known.insert(f.name);
  }
  auto requireKnown = [&](const std::string& column, const std::string& pointer) {
    if (!column.empty() && !known.count(column)) {
      read.error(pointer, "Die Spalte " + inQuotesDe(column) + " ist hier nicht bekannt (bitte in source.columns angeben " +
                              "oder durch die Umformung erzeugen).");
    }
  };

  if (auto it = d.find("conditions"); it != d.end()) {
    if (!it->is_array()) read.error("/conditions", "„conditions“ muss eine Liste sein.");
    for (size_t i = 0; it->is_array() && i < it->size(); ++i) {
      const json& c = (*it)[i];
      std::string pointer = "/conditions/" + std::to_string(i);
      if (!c.is_object()) {
        read.error(pointer, "Eine Bedingung muss ein Objekt sein.");
        continue;
      }
      ProfileCondition condition;
      condition.column = read.string(c, "column", pointer, true);
      requireKnown(condition.column, pointer + "/column");
      if (c.contains("equals")) condition.equals = read.string(c, "equals", pointer, true);
      if (c.contains("notEquals")) condition.notEquals = read.string(c, "notEquals", pointer, true);
      if (!condition.equals == !condition.notEquals) {
        read.error(pointer, "Bitte genau eines von „equals“ und „notEquals“ angeben.");
      }
      condition.keep = read.strings(c, "keep", pointer);
      for (const auto& k : condition.keep) requireKnown(k, pointer + "/keep");
      p.conditions.push_back(std::move(condition));
    }
  }

  if (auto it = d.find("reshape"); it != d.end() && it->is_object()) {
    const json& r = *it;
    ProfileReshape reshape;
    std::string direction = read.string(r, "direction", "/reshape", true);
    if (direction == "wide-to-long") {
      reshape.direction = ProfileReshape::Direction::kWideToLong;
    } else if (direction == "long-to-wide") {
      reshape.direction = ProfileReshape::Direction::kLongToWide;
    } else if (!direction.empty()) {
      read.error("/reshape/direction", "Erlaubt sind „wide-to-long“ und „long-to-wide“.");
    }
    reshape.keep = read.strings(r, "keep", "/reshape");
    reshape.columns = read.strings(r, "columns", "/reshape");
    reshape.nameColumn = read.string(r, "nameColumn", "/reshape", true);
    reshape.valueColumn = read.string(r, "valueColumn", "/reshape", true);
    if (reshape.columns.empty()) read.error("/reshape/columns", "Bitte die Spalten nennen, die umgeformt werden.");
    for (const auto& k : reshape.keep) requireKnown(k, "/reshape/keep");
    if (reshape.direction == ProfileReshape::Direction::kWideToLong) {
      for (const auto& c : reshape.columns) requireKnown(c, "/reshape/columns");
      known.clear();
      known.insert(reshape.keep.begin(), reshape.keep.end());
      known.insert(reshape.nameColumn);
      known.insert(reshape.valueColumn);
    } else {
      requireKnown(reshape.nameColumn, "/reshape/nameColumn");
      requireKnown(reshape.valueColumn, "/reshape/valueColumn");
      known.clear();
      known.insert(reshape.keep.begin(), reshape.keep.end());
      known.insert(reshape.columns.begin(), reshape.columns.end());
    }
    p.reshape = std::move(reshape);
  } else if (it != d.end()) {
    read.error("/reshape", "„reshape“ muss ein Objekt sein.");
  }

  auto fieldsIt = d.find("fields");
  if (fieldsIt == d.end() || !fieldsIt->is_object() || fieldsIt->empty()) {
    read.error("/fields", "Bitte für die Felder des Modells angeben, woher ihre Werte kommen.");
  } else {
    for (auto it = fieldsIt->begin(); it != fieldsIt->end(); ++it) {
      std::string pointer = "/fields/" + it.key();
      const json& f = it.value();
      ProfileFieldSource source;
      if (f.is_string()) {
        source.column = f.get<std::string>();
      } else if (f.is_object()) {
        if (f.contains("column")) source.column = read.string(f, "column", pointer, true);
        if (f.contains("constant")) {
          if (f["constant"].is_string()) {
            source.constant = f["constant"].get<std::string>();
          } else if (f["constant"].is_number() || f["constant"].is_boolean()) {
            source.constant = f["constant"].dump();
          } else {
            read.error(pointer + "/constant", "Eine Konstante muss ein Text, eine Zahl oder ein Wahrheitswert sein.");
          }
        }
        if (auto codes = f.find("codes"); codes != f.end()) {
          if (!codes->is_object()) {
            read.error(pointer + "/codes", "„codes“ muss ein Objekt Quellwert → Zielwert sein.");
          } else {
            for (auto c = codes->begin(); c != codes->end(); ++c) {
              if (c.value().is_string()) {
                source.codes[c.key()] = c.value().get<std::string>();
              } else {
                read.error(pointer + "/codes/" + c.key(), "Zielwerte der Übersetzung müssen Texte sein.");
              }
            }
          }
          if (auto required = f.find("codesRequired"); required != f.end()) {
            if (required->is_boolean()) {
              source.codesRequired = required->get<bool>();
            } else {
              read.error(pointer + "/codesRequired", "„codesRequired“ muss true oder false sein.");
            }
          }
        }
        source.scale = read.number(f, "scale", pointer);
        source.offset = read.number(f, "offset", pointer);
      } else {
        read.error(pointer, "Erwartet wird der Name einer Spalte oder ein Objekt mit „column“ oder „constant“.");
        continue;
      }
      if (!source.column == !source.constant) {
        read.error(pointer, "Bitte genau eines von „column“ und „constant“ angeben.");
      }
      if (source.column) requireKnown(*source.column, pointer + "/column");
      p.fields.emplace_back(it.key(), std::move(source));
    }
  }

  if (auto it = d.find("aggregate"); it != d.end() && it->is_object()) {
    const json& a = *it;
    ProfileAggregation agg;
    agg.level = read.string(a, "level", "/aggregate", true);
    agg.areaField = read.string(a, "areaField", "/aggregate", true);
    agg.levelField = read.string(a, "levelField", "/aggregate", false);
    agg.valueField = read.string(a, "valueField", "/aggregate", true);
    agg.groupBy = read.strings(a, "groupBy", "/aggregate");
    agg.method = a.contains("method") ? read.string(a, "method", "/aggregate", true) : agg.method;
    agg.weightColumn = read.string(a, "weightColumn", "/aggregate", false);
    agg.methodBy = read.string(a, "methodBy", "/aggregate", false);
    if (auto m = a.find("methods"); m != a.end()) {
      if (!m->is_object()) read.error("/aggregate/methods", "„methods“ muss ein Objekt Wert → Methode sein.");
      for (auto e = m->begin(); m->is_object() && e != m->end(); ++e) {
        if (e.value().is_string()) {
          agg.methods[e.key()] = e.value().get<std::string>();
        } else {
          read.error("/aggregate/methods/" + e.key(), "Die Methode muss ein Text sein, z. B. „summe“.");
        }
      }
    }
    if (auto dec = read.number(a, "decimals", "/aggregate")) {
      if (*dec < 0 || *dec > 12 || *dec != static_cast<int>(*dec)) {
        read.error("/aggregate/decimals", "„decimals“ muss eine ganze Zahl von 0 bis 12 sein.");
      } else {
        agg.decimals = static_cast<int>(*dec);
      }
    }
    if (auto prefix = a.find("prefix"); prefix != a.end()) {
      if (prefix->is_number_integer() && prefix->get<int64_t>() > 0) {
        agg.prefix = prefix->get<size_t>();
      } else {
        read.error("/aggregate/prefix", "„prefix“ muss eine positive ganze Zahl sein (Anzahl der Zeichen).");
      }
    }
    if (auto table = a.find("table"); table != a.end()) {
      if (table->is_object() && table->contains("rows")) {
        const json& rows = (*table)["rows"];
        std::map<std::string, std::pair<size_t, std::string>> seen;  // fine → first entry, coarse
        if (!rows.is_array() || rows.empty()) {
          read.error("/aggregate/table/rows", "„rows“ muss eine nicht leere Liste von Paaren [feine Nummer, grobe Nummer] sein.");
        } else if (rows.size() > kMaxTableRows) {
          read.error("/aggregate/table/rows", "Die Zuordnungstabelle hat " + std::to_string(rows.size()) +
                                                  " Zeilen; höchstens " + std::to_string(kMaxTableRows) + " sind möglich.");
        } else {
          for (size_t r = 0; r < rows.size(); ++r) {
            const json& pair = rows[r];
            const std::string pointer = "/aggregate/table/rows/" + std::to_string(r);
            if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string() ||
                pair[0].get_ref<const std::string&>().empty() || pair[1].get_ref<const std::string&>().empty()) {
              read.error(pointer, "Eintrag " + std::to_string(r + 1) +
                                      " der Zuordnungstabelle muss ein Paar aus zwei nicht leeren Texten sein, z. B. [\"01100101\", \"0110\"].");
              continue;
            }
            const std::string& fine = pair[0].get_ref<const std::string&>();
            const std::string& coarse = pair[1].get_ref<const std::string&>();
            auto [it, inserted] = seen.try_emplace(fine, r, coarse);
            if (!inserted) {
              if (it->second.second != coarse) {
                read.error(pointer, "„" + fine + "“ steht zweimal in der Zuordnungstabelle, mit verschiedenen groben Gebieten (Einträge " +
                                        std::to_string(it->second.first + 1) + " und " + std::to_string(r + 1) + ").");
              }
              continue;
            }
            agg.tableRows.emplace_back(fine, coarse);
          }
        }
      } else if (!table->is_object()) {
        read.error("/aggregate/table", "„table“ braucht „path“, „from“ und „to“ oder „rows“.");
      } else {
        std::string path = read.string(*table, "path", "/aggregate/table", true);
        agg.tableFrom = read.string(*table, "from", "/aggregate/table", true);
        agg.tableTo = read.string(*table, "to", "/aggregate/table", true);
        fs::path rel(path);
        bool escapes = rel.is_absolute();
        for (const auto& part : rel) escapes = escapes || part == "..";
        if (escapes) {
          read.error("/aggregate/table/path", "Die Zuordnungstabelle muss neben dem Profil liegen.");
        } else {
          agg.table = baseDir / rel;
        }
      }
    }
    if (a.contains("prefix") == a.contains("table")) {
      read.error("/aggregate", "Bitte genau eines von „prefix“ und „table“ angeben.");
    }
    auto checkMethod = [&](const std::string& method, const std::string& pointer) {
      if (!isAggregationMethod(method)) {
        read.error(pointer, "Unbekannte Methode " + inQuotesDe(method) +
                                " (erlaubt: summe, mittelwert, gewichteter_mittelwert, keine).");
      }
    };
    checkMethod(agg.method, "/aggregate/method");
    for (const auto& [key, method] : agg.methods) checkMethod(method, "/aggregate/methods/" + key);
    bool weighted = agg.method == "gewichteter_mittelwert";
    for (const auto& [key, method] : agg.methods) weighted = weighted || method == "gewichteter_mittelwert";
    if (weighted) {
      if (agg.weightColumn.empty()) {
        read.error("/aggregate/weightColumn", "Für den gewichteten Mittelwert fehlt die Spalte mit den Gewichten.");
      }
      requireKnown(agg.weightColumn, "/aggregate/weightColumn");
    }
    p.aggregation = std::move(agg);
  } else if (it != d.end()) {
    read.error("/aggregate", "„aggregate“ muss ein Objekt sein.");
  }

  if (!errors.empty()) {
    return invalid(std::move(errors), "Das Import-Profil ist fehlerhaft.");
  }
  return p;
}

bool isAggregationMethod(std::string_view method) {
  return method == "summe" || method == "mittelwert" || method == "gewichteter_mittelwert" || method == "keine";
}

Result<ImportProfile> loadProfile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, "Das Import-Profil " + inQuotesDe(path.string()) + " kann nicht gelesen werden.");
  std::stringstream text;
  text << in.rdbuf();
  auto descriptor = json::parse(text.str(), nullptr, false);
  if (descriptor.is_discarded()) {
    return fail(ErrorCode::kMalformed, "Das Import-Profil " + inQuotesDe(path.string()) + " ist kein gültiges JSON.");
  }
  return parseProfile(descriptor, path.parent_path());
}

namespace {

// A table of values in memory with named columns: the stage between reading and mapping.
struct Stage {
  std::vector<std::string> names;
  std::unordered_map<std::string, size_t> index;
  std::vector<std::vector<Value>> rows;
  std::vector<int64_t> sourceRows;  // source row number per row, for messages

  void setNames(std::vector<std::string> n) {
    names = std::move(n);
    index.clear();
    for (size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);
  }
  std::optional<size_t> column(const std::string& name) const {
    auto it = index.find(name);
    if (it == index.end()) return std::nullopt;
    return it->second;
  }
};

Stage wideToLong(const Stage& in, const ProfileReshape& r) {
  Stage out;
  std::vector<std::string> names = r.keep;
  names.push_back(r.nameColumn);
  names.push_back(r.valueColumn);
  out.setNames(names);
  std::vector<size_t> keep, cols;
  for (const auto& k : r.keep) keep.push_back(*in.column(k));
  for (const auto& c : r.columns) cols.push_back(*in.column(c));
  for (size_t row = 0; row < in.rows.size(); ++row) {
    for (size_t c = 0; c < cols.size(); ++c) {
      std::vector<Value> values;
      values.reserve(names.size());
      for (size_t k : keep) values.push_back(in.rows[row][k]);
      values.push_back(Value::string(r.columns[c]));
      values.push_back(in.rows[row][cols[c]]);
      out.rows.push_back(std::move(values));
      out.sourceRows.push_back(in.sourceRows[row]);
    }
  }
  return out;
}

Stage longToWide(const Stage& in, const ProfileReshape& r, std::vector<std::string>& notes) {
  Stage out;
  std::vector<std::string> names = r.keep;
  names.insert(names.end(), r.columns.begin(), r.columns.end());
  out.setNames(names);
  std::vector<size_t> keep;
  for (const auto& k : r.keep) keep.push_back(*in.column(k));
  size_t nameCol = *in.column(r.nameColumn), valueCol = *in.column(r.valueColumn);
  std::map<std::string, size_t> wideColumn;
  for (size_t c = 0; c < r.columns.size(); ++c) wideColumn[r.columns[c]] = r.keep.size() + c;
  std::map<std::string, size_t> rowOfKey;
  int64_t unknown = 0, duplicates = 0;
  for (size_t row = 0; row < in.rows.size(); ++row) {
    std::string key;
    for (size_t k : keep) key += toText(in.rows[row][k]) + '\x1f';
    auto [it, inserted] = rowOfKey.emplace(key, out.rows.size());
    if (inserted) {
      std::vector<Value> values(names.size());
      for (size_t k = 0; k < keep.size(); ++k) values[k] = in.rows[row][keep[k]];
      out.rows.push_back(std::move(values));
      out.sourceRows.push_back(in.sourceRows[row]);
    }
    auto target = wideColumn.find(toText(in.rows[row][nameCol]));
    if (target == wideColumn.end()) {
      ++unknown;
      continue;
    }
    Value& cell = out.rows[it->second][target->second];
    if (!cell.isNull()) ++duplicates;
    cell = in.rows[row][valueCol];
  }
  if (unknown) notes.push_back(counted(unknown, "Wert gehört", "Werte gehören") + " zu keiner der genannten Spalten und " + (unknown == 1 ? "wurde" : "wurden") + " nicht übernommen.");
  if (duplicates) notes.push_back(counted(duplicates, "Wert kam", "Werte kamen") + " doppelt vor; jeweils der letzte gilt.");
  return out;
}

std::optional<double> numeric(const Value& v) {
  if (v.isNull() || !v.isNumeric()) return std::nullopt;
  return v.toDouble();
}

}  // namespace

Result<ImportResult> runProfile(const ImportProfile& profile, const Schema& target, const fs::path& sourcePath,
                                const ImportOptions& options) {
  auto sourceSchema = parseSchema(profile.sourceSchema);
  if (!sourceSchema) return std::unexpected(sourceSchema.error());
  for (const auto& [name, source] : profile.fields) {
    if (!target.field(name)) {
      return fail(ErrorCode::kInvalidInput, "Das Profil nennt das Feld " + inQuotesDe(name) + ", das es im Modell " +
                                                inQuotesDe(profile.model) + " nicht gibt.");
    }
  }

  ImportResult result;
  Stage stage;
  std::vector<std::string> sourceNames;
  for (const auto& f : sourceSchema->fields) sourceNames.push_back(f.name);
  stage.setNames(sourceNames);
  FileOptions fileOptions = options.file;
  if (fileOptions.encoding.empty()) fileOptions.encoding = profile.encoding;
  if (!fileOptions.dialect && profile.dialect) fileOptions.dialect = profile.dialect;

  // The columns the fields are mapped from: the source's, or those the reshaping makes.
  const bool wideToLongReshape = profile.reshape && profile.reshape->direction == ProfileReshape::Direction::kWideToLong;
  const bool longToWideReshape = profile.reshape && profile.reshape->direction == ProfileReshape::Direction::kLongToWide;
  Stage mapped;
  if (wideToLongReshape) {
    std::vector<std::string> names = profile.reshape->keep;
    names.push_back(profile.reshape->nameColumn);
    names.push_back(profile.reshape->valueColumn);
    mapped.setNames(names);
  } else if (longToWideReshape) {
    std::vector<std::string> names = profile.reshape->keep;
    names.insert(names.end(), profile.reshape->columns.begin(), profile.reshape->columns.end());
    mapped.setNames(names);
  } else {
    mapped.setNames(sourceNames);
  }
  const size_t fieldCount = target.fields.size();
  std::vector<const ProfileFieldSource*> sourceOf(fieldCount, nullptr);
  std::vector<std::optional<size_t>> columnOf(fieldCount);
  for (const auto& [name, source] : profile.fields) {
    size_t i = *target.fieldIndex(name);
    sourceOf[i] = &source;
    if (source.column) columnOf[i] = mapped.column(*source.column);
  }
  std::map<std::string, int64_t> untranslated;
  // One row (in the mapped columns) → the model fields' texts.
  auto textsOf = [&](const std::vector<Value>& row) {
    std::vector<std::string> texts(fieldCount);
    for (size_t i = 0; i < fieldCount; ++i) {
      const ProfileFieldSource* source = sourceOf[i];
      if (!source) continue;
      if (source->constant) {
        texts[i] = *source->constant;
        continue;
      }
      if (!columnOf[i]) continue;
      const Value& value = row[*columnOf[i]];
      if (value.isNull()) continue;
      std::string text = toText(value);
      if (!source->codes.empty()) {
        auto it = source->codes.find(text);
        if (it != source->codes.end()) {
          text = it->second;
        } else if (source->codesRequired) {
          ++untranslated[text];
          ++result.stats.untranslatedCodes;
          text.clear();
        }
      }
      if ((source->scale || source->offset) && value.isNumeric()) {
        double converted = value.toDouble() * source->scale.value_or(1.0) + source->offset.value_or(0.0);
        text = formatNumber(converted, 10);
      }
      texts[i] = std::move(text);
    }
    return texts;
  };
  std::string csv;
  for (size_t i = 0; i < fieldCount; ++i) csv += (i ? "," : "") + strings::csvField(target.fields[i].name);
  csv += "\n";
  int64_t written = 0;
  auto writeRow = [&](const std::vector<std::string>& texts, int64_t sourceRow) {
    for (size_t i = 0; i < fieldCount; ++i) csv += (i ? "," : "") + strings::csvField(texts[i]);
    csv += "\n";
    ++written;
    result.outputSourceRows.push_back(sourceRow);
  };
  // Where every output row comes from one source row (no aggregation, no long → wide), rows are
  // mapped and written while the file is read: memory holds the output, not the whole file as
  // values as well (measured in docs/performance.md, „Datensätze“).
  const bool streaming = !profile.aggregation && !longToWideReshape;
  std::vector<size_t> reshapeKeep, reshapeColumns;
  if (wideToLongReshape) {
    for (const auto& k : profile.reshape->keep) reshapeKeep.push_back(*stage.column(k));
    for (const auto& c : profile.reshape->columns) reshapeColumns.push_back(*stage.column(c));
  }
  std::vector<Value> reshaped;

  std::vector<std::pair<size_t, ProfileCondition>> conditions;
  for (const auto& c : profile.conditions) conditions.emplace_back(*sourceSchema->fieldIndex(c.column), c);
  TableValidator reader(*sourceSchema, fileOptions.limits);
  reader.setRowCallback([&](const RowOutcome& outcome) {
    if (outcome.blank) return;
    if (!outcome.valid) result.invalidSourceRows.push_back(outcome.row);
    std::vector<Value> values(outcome.values.begin(), outcome.values.end());
    for (const auto& [column, condition] : conditions) {
      std::string_view cell = outcome.cells[column];
      bool applies = condition.equals ? cell == *condition.equals : cell != *condition.notEquals;
      if (!applies) continue;
      for (size_t i = 0; i < values.size(); ++i) {
        const auto& name = sourceSchema->fields[i].name;
        if (name == condition.column || values[i].isNull()) continue;
        if (std::find(condition.keep.begin(), condition.keep.end(), name) != condition.keep.end()) continue;
        values[i] = Value::null();
        ++result.stats.valuesSetMissing;
      }
    }
    if (!streaming) {
      stage.rows.push_back(std::move(values));
      stage.sourceRows.push_back(outcome.row);
      return;
    }
    if (!wideToLongReshape) {
      writeRow(textsOf(values), outcome.row);
      return;
    }
    for (size_t c = 0; c < reshapeColumns.size(); ++c) {
      reshaped.clear();
      for (size_t k : reshapeKeep) reshaped.push_back(values[k]);
      reshaped.push_back(Value::string(profile.reshape->columns[c]));
      reshaped.push_back(values[reshapeColumns[c]]);
      writeRow(textsOf(reshaped), outcome.row);
    }
  });
  auto status = readTable(sourcePath, fileOptions, reader);
  if (!status) return std::unexpected(status.error());
  result.sourceReport = reader.finish();
  result.stats.sourceRows = result.sourceReport.stats.rows;
  if (result.stats.valuesSetMissing) {
    result.notes.push_back(counted(result.stats.valuesSetMissing, "Wert wurde", "Werte wurden") +
                           " nach den Bedingungen des Profils als fehlend übernommen.");
  }

  if (!streaming && profile.reshape) {
    stage = wideToLongReshape ? wideToLong(stage, *profile.reshape) : longToWide(stage, *profile.reshape, result.notes);
  }
  std::vector<std::vector<std::string>> out;  // text per model field
  std::vector<std::optional<double>> weights;
  std::optional<size_t> weightColumn;
  if (profile.aggregation && !profile.aggregation->weightColumn.empty()) {
    weightColumn = stage.column(profile.aggregation->weightColumn);
  }
  for (size_t row = 0; row < stage.rows.size(); ++row) {
    std::vector<std::string> texts = textsOf(stage.rows[row]);
    if (!profile.aggregation) {  // long → wide: each merged row once
      writeRow(texts, stage.sourceRows[row]);
      std::vector<Value>().swap(stage.rows[row]);
      continue;
    }
    out.push_back(std::move(texts));
    weights.push_back(weightColumn ? numeric(stage.rows[row][*weightColumn]) : std::nullopt);
  }
  for (const auto& [code, count] : untranslated) {
    result.notes.push_back("Für " + inQuotesDe(code) + " gibt es keine Übersetzung (" + formatCount(count) +
                           "-mal); das Feld bleibt leer.");
  }

  // Long → wide merges several source rows into one, like an aggregation: no row to point to.
  if (profile.aggregation || longToWideReshape) result.outputSourceRows.clear();
  if (profile.aggregation) {
    const ProfileAggregation& agg = *profile.aggregation;
    auto areaIndex = target.fieldIndex(agg.areaField);
    auto valueIndex = target.fieldIndex(agg.valueField);
    // npos: not set (std::optional here trips GCC 12's -Wmaybe-uninitialized).
    constexpr size_t kNone = static_cast<size_t>(-1);
    size_t levelIndex = agg.levelField.empty() ? kNone : target.fieldIndex(agg.levelField).value_or(kNone);
    size_t methodIndex = agg.methodBy.empty() ? kNone : target.fieldIndex(agg.methodBy).value_or(kNone);
    std::vector<size_t> groupIndexes;
    for (const auto& g : agg.groupBy) {
      auto index = target.fieldIndex(g);
      if (!index) return fail(ErrorCode::kInvalidInput, "groupBy nennt das unbekannte Feld " + inQuotesDe(g) + ".");
      groupIndexes.push_back(*index);
    }
    if (!areaIndex || !valueIndex) {
      return fail(ErrorCode::kInvalidInput, "areaField und valueField müssen Felder des Modells sein.");
    }
    std::unordered_map<std::string, std::string> coarseOf;
    for (const auto& [fine, coarse] : agg.tableRows) coarseOf.emplace(fine, coarse);
    if (!agg.table.empty()) {
      auto tableSchema = parseSchema(json{{"fields", {{{"name", agg.tableFrom}}, {{"name", agg.tableTo}}}}, {"fieldsMatch", "subset"}});
      TableValidator tableReader(*tableSchema);
      tableReader.setRowCallback([&](const RowOutcome& o) {
        if (!o.blank) coarseOf[std::string(o.cells[0])] = std::string(o.cells[1]);
      });
      auto tableStatus = readTable(agg.table, FileOptions{}, tableReader);
      if (!tableStatus) return std::unexpected(tableStatus.error());
      auto tableReport = tableReader.finish();
      if (!tableReport.valid) {
        return fail(ErrorCode::kInvalidInput, "Die Zuordnungstabelle " + inQuotesDe(agg.table.filename().string()) +
                                                  " ist fehlerhaft: " + (tableReport.errors.empty() ? "" : tableReport.errors[0].message));
      }
    }
    struct Group {
      std::vector<std::string> texts;  // first row's texts, for the fields outside the group key
      std::string method;
      double sum = 0, weightedSum = 0, weightSum = 0;
      int64_t count = 0;
      bool mixed = false;
    };
    std::map<std::string, Group> groups;
    int64_t withoutArea = 0, withoutWeight = 0, notNumeric = 0;
    std::map<std::string, int64_t> blanked;
    for (size_t row = 0; row < out.size(); ++row) {
      const std::string& fine = out[row][*areaIndex];
      std::string coarse;
      if (agg.prefix) {
        if (fine.size() >= *agg.prefix) coarse = fine.substr(0, *agg.prefix);
      } else if (auto it = coarseOf.find(fine); it != coarseOf.end()) {
        coarse = it->second;
      }
      if (coarse.empty()) {
        ++withoutArea;
        continue;
      }
      std::string key = coarse;
      for (size_t g : groupIndexes) key += '\x1f' + out[row][g];
      auto [it, inserted] = groups.try_emplace(key);
      Group& group = it->second;
      if (inserted) {
        group.texts = out[row];
        group.texts[*areaIndex] = coarse;
        if (levelIndex != kNone) group.texts[levelIndex] = agg.level;
        group.method = agg.method;
        if (methodIndex != kNone) {
          auto m = agg.methods.find(out[row][methodIndex]);
          if (m != agg.methods.end()) group.method = m->second;
        }
      } else {
        for (size_t i = 0; i < fieldCount; ++i) {
          if (i == *areaIndex || i == *valueIndex || i == levelIndex) continue;
          if (std::find(groupIndexes.begin(), groupIndexes.end(), i) != groupIndexes.end()) continue;
          if (!group.texts[i].empty() && group.texts[i] != out[row][i]) {
            group.texts[i].clear();  // differs within the group: left empty, and said so below
            ++blanked[target.fields[i].name];
          }
        }
      }
      const std::string& valueText = out[row][*valueIndex];
      if (valueText.empty()) continue;
      char* end = nullptr;
      double value = std::strtod(valueText.c_str(), &end);
      if (end == valueText.c_str() || *end != '\0' || !std::isfinite(value)) {
        ++notNumeric;
        continue;
      }
      if (group.method == "gewichteter_mittelwert") {
        if (!weights[row] || *weights[row] <= 0) {
          ++withoutWeight;
          continue;
        }
        group.weightedSum += value * *weights[row];
        group.weightSum += *weights[row];
      }
      group.sum += value;
      ++group.count;
    }
    for (const auto& [field, count] : blanked) {
      result.notes.push_back("„" + field + "“ unterscheidet sich innerhalb von " + formatCount(count) +
                             " zusammengefassten Gebieten und bleibt dort leer; gegebenenfalls in „groupBy“ aufnehmen.");
    }
    if (withoutWeight) {
      result.notes.push_back(counted(withoutWeight, "Wert geht", "Werte gehen") + " nicht in den gewichteten Mittelwert ein, weil " + (withoutWeight == 1 ? "sein" : "ihr") + " Gewicht („" +
                             agg.weightColumn + "“) fehlt oder nicht größer als 0 ist.");
    }
    if (notNumeric) {
      result.notes.push_back(counted(notNumeric, "Wert", "Werte") + " in „" + agg.valueField + "“ " +
                             (notNumeric == 1 ? "ist keine Zahl und geht" : "sind keine Zahlen und gehen") + " nicht in die Zusammenfassung ein.");
    }
    if (withoutArea) {
      result.notes.push_back(withoutArea == 1 ? "1 Zeile ließ sich keinem Gebiet der Ebene " + inQuotesDe(agg.level) +
                                                    " zuordnen und fehlt im Ergebnis."
                                              : formatCount(withoutArea) + " Zeilen ließen sich keinem Gebiet der Ebene " +
                                                    inQuotesDe(agg.level) + " zuordnen und fehlen im Ergebnis.");
    }
    std::vector<std::vector<std::string>> aggregated;
    std::map<std::string, int64_t> skippedByMethod;
    for (auto& [key, group] : groups) {
      ++result.stats.groups;
      if (group.method == "keine") {
        ++result.stats.groupsSkipped;
        ++skippedByMethod[methodIndex != kNone ? group.texts[methodIndex] : std::string("Werte")];
        continue;
      }
      std::string value;
      if (group.method == "summe" && group.count > 0) {
        value = formatNumber(group.sum, agg.decimals);
      } else if (group.method == "mittelwert" && group.count > 0) {
        value = formatNumber(group.sum / static_cast<double>(group.count), agg.decimals);
      } else if (group.method == "gewichteter_mittelwert" && group.weightSum > 0) {
        value = formatNumber(group.weightedSum / group.weightSum, agg.decimals);
      }
      if (value.empty()) ++result.stats.groupsWithoutValue;
      group.texts[*valueIndex] = value;
      aggregated.push_back(std::move(group.texts));
    }
    for (const auto& [what, count] : skippedByMethod) {
      result.notes.push_back(inQuotesDe(what) + " wird nicht zusammengefasst (Methode „keine“); " +
                             counted(count, "Gruppe fehlt", "Gruppen fehlen") + " daher im Ergebnis.");
    }
    if (result.stats.groupsWithoutValue) {
      result.notes.push_back(result.stats.groupsWithoutValue == 1
                                 ? std::string("1 Gebiet hat keinen Wert, weil alle seine Teilgebiete leer sind.")
                                 : formatCount(result.stats.groupsWithoutValue) +
                                       " Gebiete haben keinen Wert, weil alle ihre Teilgebiete leer sind.");
    }
    out = std::move(aggregated);
  }

  for (const auto& row : out) {
    for (size_t i = 0; i < fieldCount; ++i) csv += (i ? "," : "") + strings::csvField(row[i]);
    csv += "\n";
  }
  result.csv = std::move(csv);
  result.stats.outputRows = written + static_cast<int64_t>(out.size());
  return result;
}

}  // namespace opgv::validation
