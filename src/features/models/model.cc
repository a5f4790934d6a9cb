#include "features/models/model.h"

#include <algorithm>
#include <cctype>

namespace opgv::models {

namespace {

using nlohmann::json;

std::vector<std::string> splitVersion(const std::string& version) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : version) {
    if (c == '.' || c == '-') {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  return parts;
}

bool allDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string describe(const json& value) {
  if (value.is_null()) return "–";
  if (value.is_string()) return "„" + value.get<std::string>() + "“";
  return value.dump();
}

const json* findResource(const json& descriptor, const std::string& name) {
  if (!descriptor.contains("resources") || !descriptor["resources"].is_array()) return nullptr;
  for (const auto& r : descriptor["resources"]) {
    if (r.is_object() && r.value("name", "") == name) return &r;
  }
  return nullptr;
}

std::vector<std::string> resourceNames(const json& descriptor) {
  std::vector<std::string> names;
  if (!descriptor.contains("resources") || !descriptor["resources"].is_array()) return names;
  for (const auto& r : descriptor["resources"]) {
    if (r.is_object()) names.push_back(r.value("name", ""));
  }
  return names;
}

json fieldsOf(const json& resource) {
  if (!resource.contains("schema") || !resource["schema"].is_object()) return json::array();
  return resource["schema"].value("fields", json::array());
}

const json* findField(const json& fields, const std::string& name) {
  for (const auto& f : fields) {
    if (f.is_object() && f.value("name", "") == name) return &f;
  }
  return nullptr;
}

// Names of field properties in German for the diff.
std::string propertyLabel(const std::string& key) {
  static const std::pair<const char*, const char*> labels[] = {
      {"type", "Typ"}, {"format", "Format"}, {"title", "Titel"}, {"description", "Beschreibung"},
      {"constraints", "Bedingungen"}, {"categories", "Werteliste"}, {"example", "Beispiel"},
      {"missingValues", "Fehlwerte"}, {"unit", "Einheit"},
  };
  for (const auto& [k, label] : labels) {
    if (key == k) return label;
  }
  return key;
}

std::vector<std::string> categoryValues(const json& categories) {
  std::vector<std::string> values;
  if (!categories.is_array()) return values;
  for (const auto& c : categories) {
    const json& v = c.is_object() ? c.value("value", json()) : c;
    values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  }
  return values;
}

// "Werteliste: neu je_ew, qm_je_ew; Bezeichnungen geändert" instead of two JSON arrays.
std::string describeCategoryChange(const json& before, const json& after) {
  auto a = categoryValues(before), b = categoryValues(after);
  std::string added, removed;
  for (const auto& v : b) {
    if (std::find(a.begin(), a.end(), v) == a.end()) added += (added.empty() ? "" : ", ") + v;
  }
  for (const auto& v : a) {
    if (std::find(b.begin(), b.end(), v) == b.end()) removed += (removed.empty() ? "" : ", ") + v;
  }
  std::string out = "Werteliste:";
  if (!added.empty()) out += " neu " + added + ";";
  if (!removed.empty()) out += " entfallen " + removed + ";";
  if (added.empty() && removed.empty()) out += " Reihenfolge oder Bezeichnungen geändert;";
  else if (before.dump().find("label") != after.dump().find("label")) out += " Bezeichnungen geändert;";
  out.pop_back();
  return out;
}

}  // namespace

int compareVersions(const std::string& a, const std::string& b) {
  auto pa = splitVersion(a), pb = splitVersion(b);
  for (size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
    std::string x = i < pa.size() ? pa[i] : "0", y = i < pb.size() ? pb[i] : "0";
    if (allDigits(x) && allDigits(y)) {
      // Compare by length first: no overflow for long digit strings.
      x.erase(0, std::min(x.find_first_not_of('0'), x.size() - 1));
      y.erase(0, std::min(y.find_first_not_of('0'), y.size() - 1));
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
    }
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

ModelDiff diffDescriptors(const json& older, const json& newer) {
  ModelDiff diff;
  diff.from = older.value("version", "");
  diff.to = newer.value("version", "");
  for (const char* key : {"title", "description", "licenses", "musterdatenkatalog", "raumbezug"}) {
    json a = older.value(key, json()), b = newer.value(key, json());
    if (a != b) diff.other.push_back("Datenpaket: " + propertyLabel(key) + " geändert.");
  }
  auto oldNames = resourceNames(older), newNames = resourceNames(newer);
  for (const auto& name : newNames) {
    if (std::find(oldNames.begin(), oldNames.end(), name) == oldNames.end()) diff.resourcesAdded.push_back(name);
  }
  for (const auto& name : oldNames) {
    if (std::find(newNames.begin(), newNames.end(), name) == newNames.end()) diff.resourcesRemoved.push_back(name);
  }
  for (const auto& name : newNames) {
    const json* a = findResource(older, name);
    const json* b = findResource(newer, name);
    if (!a || !b) continue;
    for (const char* key : {"title", "description", "path"}) {
      if (a->value(key, json()) != b->value(key, json())) {
        diff.other.push_back("Ressource „" + name + "“: " + propertyLabel(key) + " geändert.");
      }
    }
    json sa = a->value("schema", json::object()), sb = b->value("schema", json::object());
    for (const char* key : {"primaryKey", "uniqueKeys", "foreignKeys", "missingValues", "fieldsMatch"}) {
      if (sa.value(key, json()) != sb.value(key, json())) {
        diff.other.push_back("Ressource „" + name + "“: " + key + " geändert: " + describe(sa.value(key, json())) +
                             " → " + describe(sb.value(key, json())) + ".");
      }
    }
    json fa = fieldsOf(*a), fb = fieldsOf(*b);
    for (const auto& field : fb) {
      std::string fieldName = field.value("name", "");
      const json* before = findField(fa, fieldName);
      if (!before) {
        diff.fields.push_back({name, fieldName, "hinzugefügt", {"Typ " + field.value("type", std::string("string"))}});
        continue;
      }
      FieldChange change{name, fieldName, "geändert", {}};
      std::vector<std::string> keys;
      for (auto it = before->begin(); it != before->end(); ++it) keys.push_back(it.key());
      for (auto it = field.begin(); it != field.end(); ++it) {
        if (!before->contains(it.key())) keys.push_back(it.key());
      }
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      for (const auto& key : keys) {
        if (key == "name") continue;
        json x = before->value(key, json()), y = field.value(key, json());
        if (x == y) continue;
        if (key == "description" || key == "title") {
          change.details.push_back(propertyLabel(key) + " geändert.");
        } else if (key == "categories") {
          change.details.push_back(describeCategoryChange(x, y));
        } else {
          change.details.push_back(propertyLabel(key) + ": " + describe(x) + " → " + describe(y));
        }
      }
      if (!change.details.empty()) diff.fields.push_back(std::move(change));
    }
    for (const auto& field : fa) {
      std::string fieldName = field.value("name", "");
      if (!findField(fb, fieldName)) diff.fields.push_back({name, fieldName, "entfernt", {}});
    }
  }
  return diff;
}

json diffToJson(const ModelDiff& diff) {
  json fields = json::array();
  for (const auto& f : diff.fields) {
    fields.push_back({{"resource", f.resource}, {"field", f.field}, {"change", f.kind}, {"details", f.details}});
  }
  return {{"from", diff.from},
          {"to", diff.to},
          {"resourcesAdded", diff.resourcesAdded},
          {"resourcesRemoved", diff.resourcesRemoved},
          {"fields", fields},
          {"other", diff.other}};
}

namespace {

json valueSchema(const validation::Field& field) {
  using validation::FieldType;
  json s = json::object();
  switch (field.type()) {
    case FieldType::kString:
      s["type"] = "string";
      if (field.format == "email") s["format"] = "email";
      if (field.format == "uri") s["format"] = "uri";
      if (field.format == "uuid") s["format"] = "uuid";
      break;
    case FieldType::kInteger: s["type"] = "integer"; break;
    case FieldType::kNumber: s["type"] = "number"; break;
    case FieldType::kBoolean: s["type"] = "boolean"; break;
    case FieldType::kDate: s = {{"type", "string"}, {"format", "date"}}; break;
    case FieldType::kDatetime: s = {{"type", "string"}, {"format", "date-time"}}; break;
    case FieldType::kTime: s = {{"type", "string"}, {"format", "time"}}; break;
    case FieldType::kYear: s["type"] = "integer"; break;
    case FieldType::kYearmonth: s = {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}$"}}; break;
    case FieldType::kDuration: s = {{"type", "string"}, {"format", "duration"}}; break;
    case FieldType::kGeopoint:
      s = {{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 2}, {"maxItems", 2},
           {"description", "Längengrad, Breitengrad (WGS 84)"}};
      break;
    case FieldType::kGeojson:
    case FieldType::kObject: s["type"] = "object"; break;
    case FieldType::kArray: s["type"] = "array"; break;
    case FieldType::kList: s = {{"type", "array"}, {"items", {{"type", "string"}}}}; break;
    case FieldType::kAny: break;
  }
  const auto& c = field.constraints;
  if (c.minLength) s["minLength"] = *c.minLength;
  if (c.maxLength) s["maxLength"] = *c.maxLength;
  if (c.pattern && field.type() == FieldType::kString) s["pattern"] = "^(?:" + c.pattern->text() + ")$";
  auto limit = [&](const char* key, const std::optional<validation::Value>& value) {
    if (value && value->isNumeric()) s[key] = validation::toJson(*value);
  };
  limit("minimum", c.minimum);
  limit("maximum", c.maximum);
  limit("exclusiveMinimum", c.exclusiveMinimum);
  limit("exclusiveMaximum", c.exclusiveMaximum);
  json allowed = json::array();
  if (c.enumValues) {
    for (const auto& v : *c.enumValues) allowed.push_back(validation::toJson(v));
  } else {
    for (const auto& category : field.categories) allowed.push_back(validation::toJson(category.value));
  }
  if (!allowed.empty()) s["enum"] = allowed;
  return s;
}

}  // namespace

json rowJsonSchema(const validation::Schema& schema, const std::string& title) {
  json properties = json::object();
  json required = json::array();
  for (const auto& field : schema.fields) {
    json s = valueSchema(field);
    bool isRequired = field.constraints.required || field.inPrimaryKey;
    if (isRequired) {
      required.push_back(field.name);
    } else if (!s.empty()) {
      // anyOf rather than a type list: "format" and "pattern" must not be applied to null.
      s = {{"anyOf", json::array({s, {{"type", "null"}}})}};
    }
    if (!field.title.empty()) s["title"] = field.title;
    if (!field.description.empty()) s["description"] = field.description;
    properties[field.name] = s;
  }
  json out = {{"type", "object"}, {"title", title}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) out["required"] = required;
  return out;
}

std::string componentName(const std::string& slug, const std::string& resource) {
  std::string out;
  bool upper = true;
  for (char c : slug + "-" + resource) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

json openApiDocument(const DataModel& model) {
  json schemas = json::object();
  for (const auto& resource : model.package.resources) {
    if (!resource.schema) continue;
    std::string title = resource.descriptor.value("title", resource.name);
    schemas[componentName(model.slug, resource.name)] = rowJsonSchema(*resource.schema, title);
  }
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "Datenmodell " + model.title},
            {"version", model.version},
            {"description", "Aus dem Table Schema des Modells „" + model.slug +
                                "“ abgeleitet: ein Schema je Ressource für eine Zeile im JSON-Format."}}},
          {"paths", json::object()},
          {"components", {{"schemas", schemas}}}};
}

}  // namespace opgv::models
