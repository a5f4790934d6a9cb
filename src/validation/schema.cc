#include "validation/schema.h"

#include <algorithm>
#include <map>
#include <set>

namespace opgv::validation {
namespace {

using json = nlohmann::json;

std::string inQuotes(std::string_view s) { return "„" + displayCell(s) + "“"; }

std::string jsonTypeName(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "ein Wahrheitswert";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "eine Zahl";
    case json::value_t::string: return "ein Text";
    case json::value_t::array: return "eine Liste";
    case json::value_t::object: return "ein Objekt";
    default: return "etwas anderes";
  }
}

// Collects problems with their JSON pointers.
class Problems {
 public:
  explicit Problems(std::vector<FieldError>& out) : out_(out) {}
  void add(std::string pointer, std::string message) { out_.push_back({std::move(pointer), std::move(message)}); }
  std::vector<FieldError>& list() { return out_; }

 private:
  std::vector<FieldError>& out_;
};

std::optional<std::string> optionalString(const json& object, const char* key, const std::string& pointer,
                                          Problems& problems) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_string()) {
    problems.add(pointer + "/" + key, "„" + std::string(key) + "“ muss ein Text sein, ist aber " + jsonTypeName(*it) + ".");
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<bool> optionalBool(const json& object, const char* key, const std::string& pointer, Problems& problems) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_boolean()) {
    problems.add(pointer + "/" + key, "„" + std::string(key) + "“ muss true oder false sein.");
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<std::vector<std::string>> stringArray(const json& value, const std::string& pointer, const char* what,
                                                    Problems& problems) {
  if (!value.is_array()) {
    problems.add(pointer, std::string(what) + " muss eine Liste von Texten sein.");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      problems.add(pointer + "/" + std::to_string(i), std::string(what) + " darf nur Texte enthalten.");
      return std::nullopt;
    }
    out.push_back(value[i].get<std::string>());
  }
  return out;
}

// A field list: one name (v1) or an array of names.
std::optional<std::vector<std::string>> nameList(const json& value, const std::string& pointer, const char* what,
                                                 Problems& problems) {
  if (value.is_string()) return std::vector<std::string>{value.get<std::string>()};
  auto names = stringArray(value, pointer, what, problems);
  if (names && names->empty()) {
    problems.add(pointer, std::string(what) + " darf nicht leer sein.");
    return std::nullopt;
  }
  return names;
}

std::optional<std::vector<MissingValue>> parseMissingValues(const json& value, const std::string& pointer,
                                                            Problems& problems) {
  if (!value.is_array()) {
    problems.add(pointer, "„missingValues“ muss eine Liste sein, z. B. [\"\", \"-\"].");
    return std::nullopt;
  }
  std::vector<MissingValue> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < value.size(); ++i) {
    const json& item = value[i];
    const std::string ptr = pointer + "/" + std::to_string(i);
    MissingValue mv;
    if (item.is_string()) {
      mv.value = item.get<std::string>();
    } else if (item.is_object() && item.contains("value") && item["value"].is_string()) {
      mv.value = item["value"].get<std::string>();
      if (item.contains("label")) {
        if (!item["label"].is_string()) {
          problems.add(ptr + "/label", "„label“ muss ein Text sein.");
          continue;
        }
        mv.label = item["label"].get<std::string>();
      }
    } else {
      problems.add(ptr, "Ein fehlender Wert muss ein Text oder ein Objekt {\"value\": \"…\", \"label\": \"…\"} sein.");
      continue;
    }
    if (!seen.insert(mv.value).second) {
      problems.add(ptr, "Der fehlende Wert " + inQuotes(mv.value) + " steht doppelt in der Liste.");
      continue;
    }
    out.push_back(std::move(mv));
  }
  return out;
}

constexpr std::string_view kTypeList =
    "string, number, integer, boolean, object, array, list, datetime, date, time, year, yearmonth, duration, "
    "geopoint, geojson, any";

void parseNumberOptions(const json& f, const std::string& ptr, Field& field, Problems& problems) {
  NumberFormat& number = field.cast.number;
  if (field.type() == FieldType::kNumber) {
    if (auto d = optionalString(f, "decimalChar", ptr, problems)) {
      if (d->empty()) problems.add(ptr + "/decimalChar", "„decimalChar“ darf nicht leer sein.");
      else number.decimalChar = *d;
    }
  }
  if (auto g = optionalString(f, "groupChar", ptr, problems)) {
    number.groupChar = *g;
  } else if (number.groupChar == number.decimalChar) {
    // German defaults group with "."; a field that declares "." as its decimal mark means no grouping.
    number.groupChar.clear();
  }
  if (auto b = optionalBool(f, "bareNumber", ptr, problems)) number.bareNumber = *b;
  if (field.type() == FieldType::kNumber && !number.groupChar.empty() && number.groupChar == number.decimalChar)
    problems.add(ptr + "/groupChar", "„groupChar“ und „decimalChar“ dürfen nicht gleich sein (" +
                                         inQuotes(number.groupChar) + ").");
}

void parseBooleanOptions(const json& f, const std::string& ptr, Field& field, Problems& problems) {
  BooleanFormat& b = field.cast.boolean;
  if (f.contains("trueValues"))
    if (auto v = stringArray(f["trueValues"], ptr + "/trueValues", "„trueValues“", problems)) b.trueValues = *v;
  if (f.contains("falseValues"))
    if (auto v = stringArray(f["falseValues"], ptr + "/falseValues", "„falseValues“", problems)) b.falseValues = *v;
  for (const auto& t : b.trueValues)
    if (std::find(b.falseValues.begin(), b.falseValues.end(), t) != b.falseValues.end())
      problems.add(ptr, inQuotes(t) + " steht sowohl in „trueValues“ als auch in „falseValues“.");
}

void parseListOptions(const json& f, const std::string& ptr, Field& field, Problems& problems) {
  ListFormat& list = field.cast.list;
  if (auto d = optionalString(f, "delimiter", ptr, problems)) {
    if (d->empty()) problems.add(ptr + "/delimiter", "„delimiter“ darf nicht leer sein.");
    else list.delimiter = *d;
  }
  if (auto t = optionalString(f, "itemType", ptr, problems)) {
    auto type = parseFieldType(*t);
    static const std::set<FieldType> kItemTypes = {FieldType::kString, FieldType::kInteger, FieldType::kBoolean,
                                                   FieldType::kNumber, FieldType::kDatetime, FieldType::kDate,
                                                   FieldType::kTime};
    if (!type || !kItemTypes.contains(*type))
      problems.add(ptr + "/itemType", "Der Listentyp " + inQuotes(*t) +
                                          " ist nicht erlaubt (möglich: string, integer, boolean, number, datetime, "
                                          "date, time).");
    else
      list.itemType = *type;
  }
}

void parseCategories(const json& f, const std::string& ptr, Field& field, Problems& problems) {
  auto it = f.find("categories");
  if (it == f.end()) return;
  const std::string cptr = ptr + "/categories";
  if (field.type() != FieldType::kString && field.type() != FieldType::kInteger) {
    problems.add(cptr, "Kategorien („categories“) gibt es nur für die Typen string und integer.");
    return;
  }
  if (!it->is_array() || it->empty()) {
    problems.add(cptr, "„categories“ muss eine nicht leere Liste sein.");
    return;
  }
  std::set<std::string> labels;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    const std::string iptr = cptr + "/" + std::to_string(i);
    Category category;
    const json* raw = &item;
    if (item.is_object()) {
      if (!item.contains("value")) {
        problems.add(iptr, "Eine Kategorie als Objekt braucht „value“ (und optional „label“).");
        continue;
      }
      raw = &item["value"];
      if (item.contains("label")) {
        if (!item["label"].is_string()) {
          problems.add(iptr + "/label", "„label“ muss ein Text sein.");
          continue;
        }
        category.label = item["label"].get<std::string>();
        if (!labels.insert(category.label).second) {
          problems.add(iptr + "/label", "Das Label " + inQuotes(category.label) + " kommt mehrfach vor.");
          continue;
        }
      }
    }
    auto v = castJsonValue(field.cast, *raw);
    if (!v) {
      problems.add(iptr, "Die Kategorie passt nicht zum Typ „" + std::string(fieldTypeName(field.type())) +
                             "“: " + v.error().message);
      continue;
    }
    if (categoryIndex(field, *v)) {
      problems.add(iptr, "Die Kategorie " + inQuotes(toText(*v)) + " kommt mehrfach vor.");
      continue;
    }
    category.value = std::move(*v);
    field.categories.push_back(std::move(category));
  }
  if (field.type() == FieldType::kString && !field.categories.empty()) {
    auto index = std::make_shared<std::unordered_map<std::string, size_t>>();
    for (size_t c = 0; c < field.categories.size(); ++c) {
      if (field.categories[c].value.kind() == Value::Kind::kString) index->emplace(field.categories[c].value.asString(), c);
    }
    field.stringCategoryIndex = std::move(index);
  }
  if (auto ordered = optionalBool(f, "categoriesOrdered", ptr, problems)) field.categoriesOrdered = *ordered;
}

Field parseField(const json& f, const std::string& ptr, const SchemaOptions& options, Problems& problems) {
  Field field;
  field.descriptor = f;
  if (auto it = f.find("name"); it == f.end()) {
    problems.add(ptr + "/name", "Jedes Feld braucht einen Namen („name“).");
  } else if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    problems.add(ptr + "/name", "Der Name eines Feldes muss ein nicht leerer Text sein.");
  } else {
    field.name = it->get<std::string>();
  }
  if (auto t = optionalString(f, "title", ptr, problems)) field.title = *t;
  if (auto d = optionalString(f, "description", ptr, problems)) field.description = *d;

  FieldType type = FieldType::kAny;  // §1.1: a missing type means any
  bool typeOk = true;
  if (auto t = optionalString(f, "type", ptr, problems)) {
    if (auto parsed = parseFieldType(*t)) {
      type = *parsed;
    } else {
      problems.add(ptr + "/type", "Den Typ " + inQuotes(*t) + " gibt es nicht. Möglich sind: " + std::string(kTypeList) + ".");
      typeOk = false;
    }
  } else if (f.contains("type")) {
    typeOk = false;
  }
  field.cast = makeCastSpec(type, options.defaults);

  if (auto it = f.find("format"); it != f.end()) {
    if (!it->is_string()) {
      problems.add(ptr + "/format", "„format“ muss ein Text sein.");
    } else {
      std::string format = it->get<std::string>();
      if (format.starts_with("fmt:")) format = format.substr(4);
      field.format = format;
      std::string error;
      if (typeOk && !setFormat(field.cast, format, &error)) problems.add(ptr + "/format", error);
    }
  }

  switch (type) {
    case FieldType::kNumber:
    case FieldType::kInteger: parseNumberOptions(f, ptr, field, problems); break;
    case FieldType::kBoolean: parseBooleanOptions(f, ptr, field, problems); break;
    case FieldType::kList: parseListOptions(f, ptr, field, problems); break;
    default: break;
  }

  if (auto it = f.find("missingValues"); it != f.end()) {
    if (auto mv = parseMissingValues(*it, ptr + "/missingValues", problems)) {
      field.missingValues = std::move(*mv);
      field.ownMissingValues = true;
    }
  }
  if (typeOk) parseCategories(f, ptr, field, problems);
  if (auto it = f.find("constraints"); it != f.end() && typeOk)
    field.constraints = parseConstraints(*it, field, ptr + "/constraints", problems.list());
  return field;
}

bool knownFields(const Schema& schema, const std::vector<std::string>& names, const std::string& pointer,
                 bool arrayPointer, std::string_view what, Problems& problems) {
  bool ok = true;
  for (size_t i = 0; i < names.size(); ++i) {
    if (schema.field(names[i])) continue;
    problems.add(arrayPointer ? pointer + "/" + std::to_string(i) : pointer,
                 std::string(what) + " nennt das Feld " + inQuotes(names[i]) + ", das es im Schema nicht gibt.");
    ok = false;
  }
  return ok;
}

void parseKeys(const json& d, const std::string& base, Schema& schema, Problems& problems) {
  if (auto it = d.find("primaryKey"); it != d.end()) {
    const std::string ptr = base + "/primaryKey";
    if (auto names = nameList(*it, ptr, "„primaryKey“", problems)) {
      if (knownFields(schema, *names, ptr, it->is_array(), "Der Primärschlüssel", problems)) {
        schema.primaryKey = *names;
        // §1.1: primary key fields are implicitly required.
        for (auto& field : schema.fields) {
          if (std::find(names->begin(), names->end(), field.name) == names->end()) continue;
          field.inPrimaryKey = true;
          field.constraints.required = true;
        }
      }
    }
  }
  if (auto it = d.find("uniqueKeys"); it != d.end()) {
    const std::string ptr = base + "/uniqueKeys";
    if (!it->is_array() || it->empty()) {
      problems.add(ptr, "„uniqueKeys“ muss eine nicht leere Liste von Feldlisten sein, z. B. [[\"a\", \"b\"]].");
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const std::string kptr = ptr + "/" + std::to_string(i);
        auto names = stringArray((*it)[i], kptr, "Ein eindeutiger Schlüssel", problems);
        if (!names) continue;
        if (names->empty()) {
          problems.add(kptr, "Ein eindeutiger Schlüssel braucht mindestens ein Feld.");
          continue;
        }
        if (knownFields(schema, *names, kptr, true, "Der eindeutige Schlüssel", problems))
          schema.uniqueKeys.push_back(*names);
      }
    }
  }
  if (auto it = d.find("foreignKeys"); it != d.end()) {
    const std::string ptr = base + "/foreignKeys";
    if (!it->is_array()) {
      problems.add(ptr, "„foreignKeys“ muss eine Liste sein.");
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const json& fk = (*it)[i];
        const std::string kptr = ptr + "/" + std::to_string(i);
        if (!fk.is_object() || !fk.contains("fields") || !fk.contains("reference") || !fk["reference"].is_object()) {
          problems.add(kptr, "Ein Fremdschlüssel braucht „fields“ und „reference“ mit „fields“ (und optional "
                             "„resource“).");
          continue;
        }
        ForeignKey key;
        auto local = nameList(fk["fields"], kptr + "/fields", "„fields“", problems);
        const json& ref = fk["reference"];
        const std::string rptr = kptr + "/reference";
        if (!ref.contains("fields")) {
          problems.add(rptr, "Die Referenz eines Fremdschlüssels braucht „fields“.");
          continue;
        }
        auto remote = nameList(ref["fields"], rptr + "/fields", "„fields“", problems);
        if (auto r = optionalString(ref, "resource", rptr, problems)) key.resource = *r;
        if (!local || !remote) continue;
        bool ok = knownFields(schema, *local, kptr + "/fields", fk["fields"].is_array(), "Der Fremdschlüssel", problems);
        if (local->size() != remote->size()) {
          auto count = [](size_t n) { return n == 1 ? std::string("ein Feld") : std::to_string(n) + " Felder"; };
          problems.add(rptr + "/fields", "Der Fremdschlüssel hat " + count(local->size()) + ", die Referenz aber " +
                                             count(remote->size()) + ".");
          ok = false;
        }
        if (key.selfReference())
          ok = knownFields(schema, *remote, rptr + "/fields", ref["fields"].is_array(),
                           "Die Referenz auf dieselbe Tabelle", problems) && ok;
        if (!ok) continue;
        key.fields = std::move(*local);
        key.referenceFields = std::move(*remote);
        key.position = i;
        key.referenceFieldsAsList = ref["fields"].is_array();
        schema.foreignKeys.push_back(std::move(key));
      }
    }
  }
}

Schema parseSchemaAt(const json& d, const SchemaOptions& options, const std::string& base, Problems& problems) {
  Schema schema;
  schema.descriptor = d;
  if (!d.is_object()) {
    problems.add(base, "Das Schema muss ein JSON-Objekt sein, ist aber " + jsonTypeName(d) + ".");
    return schema;
  }
  if (auto p = optionalString(d, "$schema", base, problems)) schema.profile = *p;

  // Schema-level missingValues first: fields without their own list take it.
  schema.missingValues.clear();
  for (const auto& v : options.defaults.missingValues) schema.missingValues.push_back({v, ""});
  if (auto it = d.find("missingValues"); it != d.end())
    if (auto mv = parseMissingValues(*it, base + "/missingValues", problems)) schema.missingValues = std::move(*mv);

  auto fields = d.find("fields");
  if (fields == d.end()) {
    problems.add(base + "/fields", "Das Schema braucht eine Liste „fields“.");
  } else if (!fields->is_array()) {
    problems.add(base + "/fields", "„fields“ muss eine Liste sein.");
  } else {
    for (size_t i = 0; i < fields->size(); ++i) {
      const std::string ptr = base + "/fields/" + std::to_string(i);
      const json& f = (*fields)[i];
      if (!f.is_object()) {
        problems.add(ptr, "Jedes Feld muss ein JSON-Objekt sein.");
        continue;
      }
      Field field = parseField(f, ptr, options, problems);
      if (!field.ownMissingValues) field.missingValues = schema.missingValues;
      schema.fields.push_back(std::move(field));
    }
  }

  if (auto m = optionalString(d, "fieldsMatch", base, problems)) {
    static const std::map<std::string, FieldsMatch, std::less<>> kMatch = {
        {"exact", FieldsMatch::kExact},       {"equal", FieldsMatch::kEqual},
        {"subset", FieldsMatch::kSubset},     {"superset", FieldsMatch::kSuperset},
        {"partial", FieldsMatch::kPartial}};
    if (auto it = kMatch.find(*m); it != kMatch.end())
      schema.fieldsMatch = it->second;
    else
      problems.add(base + "/fieldsMatch", "„fieldsMatch“ " + inQuotes(*m) +
                                              " gibt es nicht (möglich: exact, equal, subset, superset, partial).");
  }
  parseKeys(d, base, schema, problems);
  return schema;
}

std::unexpected<Error> descriptorError(std::vector<FieldError> problems, std::string_view what, std::string_view code) {
  std::string message = std::string(what) + " enthält " +
                        (problems.size() == 1 ? std::string("einen Fehler") : std::to_string(problems.size()) + " Fehler") +
                        ".";
  Error error{ErrorCode::kInvalidInput, std::move(message), std::string(code), std::move(problems)};
  return std::unexpected(std::move(error));
}

Result<json> parseJsonText(std::string_view text, std::string_view what, std::string_view code) {
  try {
    // Nesting is limited while parsing: copying or destroying a deeper document recurses once per
    // level and could exhaust the stack (found by fuzz/schema_fuzzer.cc).
    bool tooDeep = false;
    json parsed = json::parse(text, [&](int depth, json::parse_event_t, json&) {
      if (depth > kMaxJsonDepth) tooDeep = true;
      return !tooDeep;
    });
    if (tooDeep) {
      std::string message =
          std::string(what) + " ist zu tief verschachtelt (mehr als " + std::to_string(kMaxJsonDepth) + " Ebenen).";
      return std::unexpected(Error{ErrorCode::kMalformed, message, std::string(code) + ": nesting", {{"", message}}});
    }
    return parsed;
  } catch (const json::out_of_range& e) {
    std::string message = std::string(what) + " enthält eine Zahl, die zu groß ist, um sie zu lesen.";
    return std::unexpected(Error{ErrorCode::kMalformed, message, std::string(code) + ": " + e.what(), {{"", message}}});
  } catch (const json::parse_error& e) {
    // Line and column help people find the spot in an editor.
    size_t offset = e.byte > 0 ? std::min<size_t>(e.byte - 1, text.size()) : 0;
    size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(offset), '\n'));
    size_t lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    size_t column = lineStart == std::string_view::npos ? offset + 1 : offset - lineStart;
    if (offset == 0) column = 1;
    Error error{ErrorCode::kMalformed,
                std::string(what) + " ist kein gültiges JSON (Zeile " + std::to_string(line) + ", Spalte " +
                    std::to_string(column) + ").",
                std::string(code) + ": " + e.what(),
                {{"", std::string(what) + " ist kein gültiges JSON: Fehler in Zeile " + std::to_string(line) +
                          ", Spalte " + std::to_string(column) + "."}}};
    return std::unexpected(std::move(error));
  }
}

}  // namespace

std::string_view fieldsMatchName(FieldsMatch match) {
  switch (match) {
    case FieldsMatch::kExact: return "exact";
    case FieldsMatch::kEqual: return "equal";
    case FieldsMatch::kSubset: return "subset";
    case FieldsMatch::kSuperset: return "superset";
    case FieldsMatch::kPartial: return "partial";
  }
  return "exact";
}

const Field* Schema::field(std::string_view name) const {
  auto index = fieldIndex(name);
  return index ? &fields[*index] : nullptr;
}

std::optional<size_t> Schema::fieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return i;
  return std::nullopt;
}

Result<Schema> parseSchema(const json& descriptor, const SchemaOptions& options) {
  std::vector<FieldError> list;
  Problems problems(list);
  Schema schema = parseSchemaAt(descriptor, options, "", problems);
  if (!list.empty()) return descriptorError(std::move(list), "Das Table Schema", kSchemaError);
  return schema;
}

Result<Schema> parseSchemaText(std::string_view jsonText, const SchemaOptions& options) {
  auto parsed = parseJsonText(jsonText, "Das Table Schema", kSchemaError);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return parseSchema(*parsed, options);
}

const Resource* DataPackage::resource(std::string_view name) const {
  for (const auto& r : resources)
    if (r.name == name) return &r;
  return nullptr;
}

Result<DataPackage> parsePackage(const json& descriptor, const SchemaOptions& options) {
  std::vector<FieldError> list;
  Problems problems(list);
  DataPackage package;
  package.descriptor = descriptor;
  if (!descriptor.is_object()) {
    problems.add("", "Das Data Package muss ein JSON-Objekt sein.");
    return descriptorError(std::move(list), "Das Data Package", kPackageError);
  }
  if (auto n = optionalString(descriptor, "name", "", problems)) package.name = *n;
  auto resources = descriptor.find("resources");
  if (resources == descriptor.end() || !resources->is_array() || resources->empty()) {
    problems.add("/resources", "Ein Data Package braucht eine nicht leere Liste „resources“.");
    return descriptorError(std::move(list), "Das Data Package", kPackageError);
  }
  std::set<std::string> names;
  for (size_t i = 0; i < resources->size(); ++i) {
    const json& r = (*resources)[i];
    const std::string ptr = "/resources/" + std::to_string(i);
    Resource resource;
    resource.descriptor = r;
    if (!r.is_object()) {
      problems.add(ptr, "Jede Ressource muss ein JSON-Objekt sein.");
      package.resources.push_back(std::move(resource));
      continue;
    }
    if (auto n = optionalString(r, "name", ptr, problems); !n || n->empty()) {
      if (!r.contains("name") || (n && n->empty())) problems.add(ptr + "/name", "Jede Ressource braucht einen Namen („name“).");
    } else if (!names.insert(*n).second) {
      problems.add(ptr + "/name", "Der Ressourcenname " + inQuotes(*n) + " kommt mehrfach vor.");
    } else {
      resource.name = *n;
    }
    if (auto s = r.find("schema"); s != r.end()) {
      if (s->is_string()) {
        problems.add(ptr + "/schema", "Schemas in eigenen Dateien („schema“: " + inQuotes(s->get<std::string>()) +
                                          ") werden noch nicht geladen; bitte das Schema direkt einbetten.");
      } else {
        resource.schema = parseSchemaAt(*s, options, ptr + "/schema", problems);
      }
    }
    package.resources.push_back(std::move(resource));
  }
  // Foreign keys to other resources can only be checked once all resources are known.
  for (size_t i = 0; i < package.resources.size(); ++i) {
    const Resource& from = package.resources[i];
    if (!from.schema) continue;
    for (size_t k = 0; k < from.schema->foreignKeys.size(); ++k) {
      const ForeignKey& fk = from.schema->foreignKeys[k];
      if (fk.selfReference()) continue;
      const std::string ptr =
          "/resources/" + std::to_string(i) + "/schema/foreignKeys/" + std::to_string(fk.position) + "/reference";
      const Resource* target = package.resource(fk.resource);
      if (!target) {
        problems.add(ptr + "/resource", "Der Fremdschlüssel verweist auf die Ressource " + inQuotes(fk.resource) +
                                            ", die es im Data Package nicht gibt.");
        continue;
      }
      if (!target->schema) {
        problems.add(ptr + "/resource", "Die Ressource " + inQuotes(fk.resource) + " hat kein Schema, auf das der "
                                                                                  "Fremdschlüssel verweisen kann.");
        continue;
      }
      knownFields(*target->schema, fk.referenceFields, ptr + "/fields", fk.referenceFieldsAsList,
                  "Die Referenz auf " + inQuotes(fk.resource), problems);
    }
  }
  if (!list.empty()) return descriptorError(std::move(list), "Das Data Package", kPackageError);
  return package;
}

Result<DataPackage> parsePackageText(std::string_view jsonText, const SchemaOptions& options) {
  auto parsed = parseJsonText(jsonText, "Das Data Package", kPackageError);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return parsePackage(*parsed, options);
}

Status detectForeignKeyCycles(const DataPackage& package) {
  const size_t n = package.resources.size();
  struct Edge {
    size_t to;
    size_t key;
  };
  std::vector<std::vector<Edge>> edges(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& schema = package.resources[i].schema;
    if (!schema) continue;
    for (size_t k = 0; k < schema->foreignKeys.size(); ++k) {
      const auto& fk = schema->foreignKeys[k];
      if (fk.selfReference() || fk.resource == package.resources[i].name) continue;
      for (size_t j = 0; j < n; ++j)
        if (package.resources[j].name == fk.resource) edges[i].push_back({j, k});
    }
  }
  // Depth-first search; every edge back into the current path closes a cycle. Cycles are
  // reported once, whichever resource the search happened to start from.
  enum class Color : uint8_t { kWhite, kGrey, kBlack };
  std::vector<Color> color(n, Color::kWhite);
  std::vector<size_t> path;
  std::set<std::vector<size_t>> seen;
  std::vector<FieldError> problems;
  auto visit = [&](auto&& self, size_t v) -> void {
    color[v] = Color::kGrey;
    path.push_back(v);
    for (const Edge& e : edges[v]) {
      if (color[e.to] == Color::kGrey) {
        auto start = std::find(path.begin(), path.end(), e.to);
        std::vector<size_t> cycle(start, path.end());
        std::vector<size_t> canonical = cycle;
        std::rotate(canonical.begin(), std::min_element(canonical.begin(), canonical.end()), canonical.end());
        if (!seen.insert(canonical).second) continue;
        std::string text;
        for (size_t r : cycle) text += inQuotes(package.resources[r].name) + " → ";
        text += inQuotes(package.resources[e.to].name);
        problems.push_back({"/resources/" + std::to_string(v) + "/schema/foreignKeys/" + std::to_string(e.key),
                            "Die Fremdschlüssel bilden einen Kreis: " + text +
                                ". So lässt sich keine Reihenfolge finden, in der die Tabellen geprüft und geladen "
                                "werden können."});
      } else if (color[e.to] == Color::kWhite) {
        self(self, e.to);
      }
    }
    path.pop_back();
    color[v] = Color::kBlack;
  };
  for (size_t i = 0; i < n; ++i)
    if (color[i] == Color::kWhite) visit(visit, i);
  if (problems.empty()) return {};
  std::string message = problems.size() == 1 ? "Die Fremdschlüssel des Data Package bilden einen Kreis."
                                             : "Die Fremdschlüssel des Data Package bilden " +
                                                   std::to_string(problems.size()) + " Kreise.";
  return std::unexpected(Error{ErrorCode::kInvalidInput, message, std::string(kPackageError), std::move(problems)});
}

HeaderMapping mapHeader(const Schema& schema, const std::vector<std::string>& labels) {
  HeaderMapping out;
  const size_t nf = schema.fields.size();
  const size_t nl = labels.size();
  out.columnOfField.assign(nf, std::nullopt);
  out.fieldOfColumn.assign(nl, std::nullopt);
  auto error = [&](std::string_view code, std::string message, std::string note) {
    out.errors.push_back(DataError{std::string(code), std::move(message), std::move(note)});
  };
  auto missing = [&](size_t f) {
    error(kMissingLabel, "Die Spalte für das Feld " + inQuotes(schema.fields[f].name) + " fehlt in der Datei.",
          schema.fields[f].name);
  };
  auto extra = [&](size_t c) {
    error(kExtraLabel, "Die Spalte " + inQuotes(labels[c]) + " (Spalte " + std::to_string(c + 1) +
                           ") gibt es im Schema nicht.",
          labels[c]);
  };

  if (schema.fieldsMatch == FieldsMatch::kExact) {
    // By position (§1.1): the names must agree as well.
    for (size_t i = 0; i < std::min(nf, nl); ++i) {
      out.columnOfField[i] = i;
      out.fieldOfColumn[i] = i;
      if (labels[i] != schema.fields[i].name)
        error(kIncorrectLabel, "Spalte " + std::to_string(i + 1) + " heißt " + inQuotes(labels[i]) +
                                   ", laut Schema steht hier das Feld " + inQuotes(schema.fields[i].name) + ".",
              labels[i]);
    }
    for (size_t i = nl; i < nf; ++i) missing(i);
    for (size_t i = nf; i < nl; ++i) extra(i);
    return out;
  }

  // Every other mode maps by name; the first column of a name wins.
  for (size_t c = 0; c < nl; ++c) {
    auto f = schema.fieldIndex(labels[c]);
    if (f && !out.columnOfField[*f]) {
      out.columnOfField[*f] = c;
      out.fieldOfColumn[c] = *f;
    }
  }
  const bool needAllFields = schema.fieldsMatch == FieldsMatch::kEqual || schema.fieldsMatch == FieldsMatch::kSubset;
  const bool onlySchemaColumns = schema.fieldsMatch == FieldsMatch::kEqual || schema.fieldsMatch == FieldsMatch::kSuperset;
  if (needAllFields)
    for (size_t f = 0; f < nf; ++f)
      if (!out.columnOfField[f]) missing(f);
  if (onlySchemaColumns)
    for (size_t c = 0; c < nl; ++c)
      if (!out.fieldOfColumn[c]) extra(c);
  if (schema.fieldsMatch == FieldsMatch::kPartial && nf > 0 &&
      std::none_of(out.columnOfField.begin(), out.columnOfField.end(), [](const auto& c) { return c.has_value(); }))
    error(kMissingLabel, "Keine Spalte der Datei passt zu einem Feld des Schemas (fieldsMatch „partial“ verlangt "
                         "mindestens eine).",
          "");
  return out;
}

}  // namespace opgv::validation
