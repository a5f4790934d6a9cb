// synth.json + Table Schema → generation plan (synth_plan.h).
#include "validation/synth_plan.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <functional>
#include <cmath>
#include <set>
#include <unordered_set>

#include "validation/validate_file.h"

namespace opgv::validation::synth_detail {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr int64_t kHuge = int64_t{1} << 50;
constexpr int64_t kAreaBlock = 99'900;  // AGS-like ids 099KKGGG: 100 Kreise × 999 Gemeinden

std::string q(const std::string& text) { return "„" + text + "“"; }

std::unexpected<Error> hintError(const std::string& field, const std::string& message) {
  return fail(ErrorCode::kInvalidInput, "synth.json, Feld " + q(field) + ": " + message);
}

// A JSON scalar as CSV text (strings as they are, integers without a point, booleans as true/false).
std::optional<std::string> scalarText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  if (v.is_number_float()) return formatShortest(v.get<double>());
  return std::nullopt;
}

bool isNumericType(FieldType t) { return t == FieldType::kNumber || t == FieldType::kInteger; }
bool isDateType(FieldType t) { return t == FieldType::kDate || t == FieldType::kDatetime; }

bool cellValid(const Field& field, std::string_view cell) { return readCell(field, cell).has_value(); }

std::string cellProblem(const Field& field, std::string_view cell) {
  auto r = readCell(field, cell);
  return r ? std::string() : r.error().message;
}

struct RefTable {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> rows;
  std::optional<size_t> column(const std::string& name) const {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return i;
    }
    return std::nullopt;
  }
};

Result<RefTable> loadRefTable(const DataPackage& package, const fs::path& modelDir, const std::string& name) {
  const Resource* resource = package.resource(name);
  if (!resource || !resource->schema) {
    return fail(ErrorCode::kInvalidInput, "Die referenzierte Ressource " + q(name) + " hat kein Schema.");
  }
  auto path = resource->descriptor.value("path", json());
  if (!path.is_string()) {
    return fail(ErrorCode::kInvalidInput, "Die referenzierte Ressource " + q(name) + " nennt keine Datei (path).");
  }
  std::string rel = path.get<std::string>();
  if (fs::path(rel).is_absolute() || rel.find("..") != std::string::npos) {
    return fail(ErrorCode::kInvalidInput, "Die Datei der Ressource " + q(name) + " liegt nicht im Modellordner.");
  }
  RefTable table;
  for (const auto& f : resource->schema->fields) table.names.push_back(f.name);
  FileOptions options;
  if (auto enc = resource->descriptor.value("encoding", json()); enc.is_string()) options.encoding = enc.get<std::string>();
  TableValidator validator(*resource->schema, options.limits);
  validator.setRowCallback([&](const RowOutcome& row) {
    if (!row.valid || row.blank) return;
    std::vector<std::string> cells;
    for (auto cell : row.cells) cells.emplace_back(cell);
    table.rows.push_back(std::move(cells));
  });
  auto status = readTable(modelDir / rel, options, validator);
  if (!status) return std::unexpected(status.error());
  validator.finish();
  return table;
}

const std::set<std::string>& allowedHintKeys() {
  static const std::set<std::string> keys{
      "values", "weights", "normal", "lognormal", "uniform", "min", "max", "decimals", "template", "area", "count",
      "start", "stepYears", "stepMonths", "stepDays", "step", "missingRate", "latent", "latentKey", "rho", "after", "times",
      "difference", "labelOf", "fromReference", "byCode", "byDepth", "box", "minItems", "maxItems", "tree", "stable",
      "code", "hinweis"};
  return keys;
}

class PlanBuilder {
 public:
  PlanBuilder(const DataPackage& package, const Resource& resource, const fs::path& modelDir, const json& hints,
              const SynthOptions& options)
      : package_(package), resource_(resource), modelDir_(modelDir), hints_(hints), options_(options) {}

  Result<Plan> build();

 private:
  Result<const RefTable*> refTable(const std::string& name) {
    auto it = refs_.find(name);
    if (it != refs_.end()) return &it->second;
    auto table = loadRefTable(package_, modelDir_, name);
    if (!table) return std::unexpected(table.error());
    return &refs_.emplace(name, std::move(*table)).first->second;
  }
  std::optional<size_t> fieldIndex(const std::string& name) const { return plan_.schema->fieldIndex(name); }
  Result<size_t> sourceField(const std::string& owner, const json& name) {
    if (!name.is_string()) return hintError(owner, "Der Verweis auf ein anderes Feld muss ein Feldname sein.");
    auto index = fieldIndex(name.get<std::string>());
    if (!index) return hintError(owner, "Das Feld " + q(name.get<std::string>()) + " gibt es in der Ressource nicht.");
    return *index;
  }
  const json* hintFor(const std::string& field) const;
  Result<Template> parseTemplate(const std::string& owner, const std::string& text);
  Result<std::vector<std::string>> referencedValues(const Field& field);
  Result<Spec> parseSpec(size_t index, const json& hint, bool nested);
  Status numericRange(const Field& field, const json& hint, Spec& spec);
  Status buildDomain(size_t index, const json& hint, Domain& dom);
  Status checkList(const Field& field, const std::vector<std::string>& values, const std::string& what);
  Status finishOrder();

  const DataPackage& package_;
  const Resource& resource_;
  fs::path modelDir_;
  const json& hints_;
  const SynthOptions& options_;
  Plan plan_;
  std::map<std::string, RefTable> refs_;
  std::vector<std::string> areaIds_;  // --areas without duplicates
  int64_t patternCapacity_ = 0;
};

const json* PlanBuilder::hintFor(const std::string& field) const {
  if (!hints_.is_object()) return nullptr;
  auto res = hints_.find("resources");
  if (res != hints_.end() && res->is_object()) {
    auto r = res->find(resource_.name);
    if (r != res->end() && r->is_object()) {
      auto fields = r->find("fields");
      if (fields != r->end() && fields->is_object() && fields->contains(field)) return &(*fields)[field];
    }
  }
  auto fields = hints_.find("fields");
  if (fields != hints_.end() && fields->is_object() && fields->contains(field)) return &(*fields)[field];
  return nullptr;
}

Result<Template> PlanBuilder::parseTemplate(const std::string& owner, const std::string& text) {
  Template tmpl;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string::npos) {
      tmpl.parts.push_back({Template::Part::Kind::kLiteral, text.substr(i)});
      break;
    }
    if (open > i) tmpl.parts.push_back({Template::Part::Kind::kLiteral, text.substr(i, open - i)});
    size_t close = text.find('}', open);
    if (close == std::string::npos) return hintError(owner, "In der Vorlage " + q(text) + " fehlt eine schließende Klammer.");
    std::string inner = text.substr(open + 1, close - open - 1);
    std::vector<std::string> args;
    size_t start = 0;
    while (true) {
      size_t colon = inner.find(':', start);
      args.push_back(inner.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    Template::Part part;
    auto toInt = [](const std::string& s, int64_t& out) {
      return !s.empty() && std::from_chars(s.data(), s.data() + s.size(), out).ptr == s.data() + s.size();
    };
    bool ok = true;
    if (args[0] == "n" && args.size() <= 2) {
      part.kind = Template::Part::Kind::kSeq;
      int64_t w = 0;
      if (args.size() == 2) ok = toInt(args[1], w) && w >= 0 && w <= 20;
      part.width = static_cast<int>(w);
    } else if (args[0] == "int" && args.size() == 2) {
      part.kind = Template::Part::Kind::kInt;
      size_t dash = args[1].find('-', 1);
      ok = dash != std::string::npos && toInt(args[1].substr(0, dash), part.lo) && toInt(args[1].substr(dash + 1), part.hi) &&
           part.lo <= part.hi;
    } else if (args[0] == "word" && args.size() == 2) {
      part.kind = Template::Part::Kind::kWord;
      const json* list = nullptr;
      if (hints_.is_object() && hints_.contains("words") && hints_["words"].is_object() && hints_["words"].contains(args[1])) {
        list = &hints_["words"][args[1]];
      }
      if (!list || !list->is_array() || list->empty()) {
        return hintError(owner, "Die Wortliste " + q(args[1]) + " gibt es unter „words“ nicht (oder sie ist leer).");
      }
      auto& words = plan_.words[args[1]];
      if (words.empty()) {
        for (const auto& w : *list) {
          if (!w.is_string()) return hintError(owner, "Die Wortliste " + q(args[1]) + " enthält etwas anderes als Text.");
          words.push_back(w.get<std::string>());
        }
      }
      part.words = &words;
    } else if (args[0] == "field" && (args.size() == 2 || args.size() == 4)) {
      part.kind = Template::Part::Kind::kField;
      auto index = fieldIndex(args[1]);
      if (!index) return hintError(owner, "Die Vorlage nennt das unbekannte Feld " + q(args[1]) + ".");
      part.field = *index;
      if (args.size() == 4) {
        int64_t from = 0, to = 0;
        ok = toInt(args[2], from) && toInt(args[3], to) && from >= 0 && to >= from;
        part.from = static_cast<size_t>(from);
        part.to = static_cast<size_t>(to);
      }
    } else {
      ok = false;
    }
    if (!ok) return hintError(owner, "Unbekannter Platzhalter {" + inner + "} in der Vorlage " + q(text) + ".");
    tmpl.parts.push_back(std::move(part));
    i = close + 1;
  }
  return tmpl;
}

Result<std::vector<std::string>> PlanBuilder::referencedValues(const Field& field) {
  for (const auto& fk : plan_.schema->foreignKeys) {
    if (fk.selfReference() || std::find(fk.fields.begin(), fk.fields.end(), field.name) == fk.fields.end()) continue;
    if (fk.fields.size() != 1) {
      return hintError(field.name, "Fremdschlüssel aus mehreren Feldern werden vom Generator nicht unterstützt.");
    }
    auto table = refTable(fk.resource);
    if (!table) return std::unexpected(table.error());
    auto column = (*table)->column(fk.referenceFields.front());
    if (!column) return hintError(field.name, "Das referenzierte Feld fehlt in " + q(fk.resource) + ".");
    std::vector<std::string> values;
    std::unordered_set<std::string> seen;
    for (const auto& row : (*table)->rows) {
      const std::string& v = row[*column];
      if (!v.empty() && seen.insert(v).second) values.push_back(v);
    }
    if (values.empty()) {
      return hintError(field.name, "Die referenzierte Ressource " + q(fk.resource) + " enthält keine gültigen Werte.");
    }
    return values;
  }
  return std::vector<std::string>{};
}

Status PlanBuilder::checkList(const Field& field, const std::vector<std::string>& values, const std::string& what) {
  for (const auto& v : values) {
    if (auto problem = cellProblem(field, v); !problem.empty()) {
      return hintError(field.name, "Der Wert " + q(v) + " " + what + " passt nicht zum Schema: " + problem);
    }
  }
  return {};
}

Status PlanBuilder::numericRange(const Field& field, const json& hint, Spec& spec) {
  const auto& c = field.constraints;
  bool integer = field.type() == FieldType::kInteger;
  spec.decimals = integer ? 0 : 2;
  if (hint.contains("decimals")) {
    if (!hint["decimals"].is_number_integer() || hint["decimals"].get<int>() < 0 || hint["decimals"].get<int>() > 12) {
      return hintError(field.name, "„decimals“ muss eine ganze Zahl von 0 bis 12 sein.");
    }
    if (!integer) spec.decimals = hint["decimals"].get<int>();
  }
  double step = std::pow(10.0, -spec.decimals);
  if (c.minimum) spec.lo = std::max(spec.lo, c.minimum->toDouble());
  if (c.exclusiveMinimum) spec.lo = std::max(spec.lo, c.exclusiveMinimum->toDouble() + step);
  if (c.maximum) spec.hi = std::min(spec.hi, c.maximum->toDouble());
  if (c.exclusiveMaximum) spec.hi = std::min(spec.hi, c.exclusiveMaximum->toDouble() - step);
  for (const char* key : {"min", "max"}) {
    if (!hint.contains(key)) continue;
    if (!hint[key].is_number()) return hintError(field.name, std::string("„") + key + "“ muss eine Zahl sein.");
    double v = hint[key].get<double>();
    if (key[1] == 'i') spec.lo = std::max(spec.lo, v);
    else spec.hi = std::min(spec.hi, v);
  }
  if (spec.lo > spec.hi) return hintError(field.name, "Der Wertebereich ist leer (min > max).");
  return {};
}

Result<Spec> PlanBuilder::parseSpec(size_t index, const json& hintIn, bool nested) {
  const Field& field = plan_.schema->fields[index];
  const std::string& name = field.name;
  json hint = hintIn.is_null() ? json::object() : hintIn;
  if (!hint.is_object()) return hintError(name, "Die Angabe muss ein JSON-Objekt sein.");
  if (hint.contains("code")) {
    const json* codes = nullptr;
    if (hints_.contains("codes")) codes = &hints_["codes"];
    std::string code = hint["code"].is_string() ? hint["code"].get<std::string>() : "";
    if (!codes || !codes->is_object() || !codes->contains(code)) {
      return hintError(name, "Den Code " + q(code) + " gibt es unter „codes“ nicht.");
    }
    hint = (*codes)[code];
    if (!hint.is_object()) return hintError(name, "Die Angabe zum Code " + q(code) + " muss ein JSON-Objekt sein.");
  }
  for (const auto& [key, value] : hint.items()) {
    if (!allowedHintKeys().count(key)) return hintError(name, "Unbekannte Angabe " + q(key) + ".");
  }
  Spec spec;
  FieldType type = field.type();
  if (hint.contains("missingRate")) {
    const auto& m = hint["missingRate"];
    if (!m.is_number() || m.get<double>() < 0 || m.get<double>() > 1) {
      return hintError(name, "„missingRate“ muss eine Zahl von 0 bis 1 sein.");
    }
    spec.missingRate = m.get<double>();
  }
  if (hint.contains("stable")) {
    auto src = sourceField(name, hint["stable"]);
    if (!src) return std::unexpected(src.error());
    int dim = -1;
    for (size_t d = 0; d < plan_.dims.size(); ++d) {
      if (plan_.dims[d].field == *src) dim = static_cast<int>(d);
    }
    if (dim < 0) return hintError(name, "„stable“ muss ein Schlüsselfeld nennen.");
    spec.stableDim = dim;
  }
  if (isNumericType(type)) {
    if (auto s = numericRange(field, hint, spec); !s) return std::unexpected(s.error());
  }
  // Date range defaults (days since 1970, or years for `year`).
  if (isDateType(type)) {
    spec.dayLo = daysFromCivil(2015, 1, 1);
    spec.dayHi = daysFromCivil(2025, 12, 31);
    const auto& c = field.constraints;
    auto dayOf = [&](const Value& v) -> std::optional<int64_t> {
      if (v.kind() == Value::Kind::kDate) return daysFromCivil(v.asDate().year, v.asDate().month, v.asDate().day);
      if (v.kind() == Value::Kind::kDateTime) {
        const auto& d = v.asDateTime().date;
        return daysFromCivil(d.year, d.month, d.day);
      }
      return std::nullopt;
    };
    for (const char* key : {"min", "max"}) {
      if (!hint.contains(key)) continue;
      auto date = hint[key].is_string() ? parseIsoDate(hint[key].get<std::string>()) : std::nullopt;
      if (!date) return hintError(name, std::string("„") + key + "“ muss ein Datum JJJJ-MM-TT sein.");
      (key[1] == 'i' ? spec.dayLo : spec.dayHi) = daysFromCivil(date->year, date->month, date->day);
    }
    if (c.minimum) { if (auto d = dayOf(*c.minimum)) spec.dayLo = std::max(spec.dayLo, *d + (type == FieldType::kDatetime)); }
    if (c.maximum) { if (auto d = dayOf(*c.maximum)) spec.dayHi = std::min(spec.dayHi, *d - (type == FieldType::kDatetime)); }
    if (c.exclusiveMinimum) { if (auto d = dayOf(*c.exclusiveMinimum)) spec.dayLo = std::max(spec.dayLo, *d + 1); }
    if (c.exclusiveMaximum) { if (auto d = dayOf(*c.exclusiveMaximum)) spec.dayHi = std::min(spec.dayHi, *d - 1); }
    if (spec.dayLo > spec.dayHi) return hintError(name, "Der Datumsbereich ist leer.");
  } else if (type == FieldType::kYear) {
    spec.dayLo = hint.value("min", 2015);
    spec.dayHi = hint.value("max", 2025);
    const auto& c = field.constraints;
    if (c.minimum && c.minimum->kind() == Value::Kind::kYear) spec.dayLo = std::max<int64_t>(spec.dayLo, c.minimum->asYear().value);
    if (c.maximum && c.maximum->kind() == Value::Kind::kYear) spec.dayHi = std::min<int64_t>(spec.dayHi, c.maximum->asYear().value);
    if (spec.dayLo > spec.dayHi || spec.dayLo < 1 || spec.dayHi > 9999) return hintError(name, "Der Jahresbereich ist leer.");
  }

  auto weightsFor = [&](size_t n) -> Status {
    spec.cumulative.clear();
    double total = 0;
    if (hint.contains("weights")) {
      const auto& w = hint["weights"];
      if (!w.is_array() || w.size() != n) return hintError(name, "„weights“ braucht so viele Zahlen wie „values“.");
      for (const auto& x : w) {
        if (!x.is_number() || x.get<double>() < 0) return hintError(name, "„weights“ darf nur Zahlen ≥ 0 enthalten.");
        total += x.get<double>();
        spec.cumulative.push_back(total);
      }
      if (total <= 0) return hintError(name, "Die Summe von „weights“ muss größer als 0 sein.");
    } else {
      for (size_t i = 0; i < n; ++i) spec.cumulative.push_back(static_cast<double>(i + 1));
      total = static_cast<double>(n);
    }
    for (auto& c : spec.cumulative) c /= total;
    return {};
  };

  if (hint.contains("byCode")) {
    if (nested) return hintError(name, "„byCode“ kann nicht verschachtelt werden.");
    const auto& b = hint["byCode"];
    json selector = b.is_string() ? b : b.value("field", json());
    auto src = sourceField(name, selector);
    if (!src) return std::unexpected(src.error());
    const json* codes = b.is_object() && b.contains("codes") ? &b["codes"] : (hints_.contains("codes") ? &hints_["codes"] : nullptr);
    if (!codes || !codes->is_object()) return hintError(name, "„byCode“ braucht „codes“ (im Feld oder oben in synth.json).");
    spec.kind = Kind::kByCode;
    spec.sources = {*src};
    for (const auto& [code, sub] : codes->items()) {
      auto parsed = parseSpec(index, sub, true);
      if (!parsed) return std::unexpected(parsed.error());
      spec.codes[code] = std::make_shared<Spec>(std::move(*parsed));
    }
    json rest = hint;
    rest.erase("byCode");
    auto fallback = parseSpec(index, rest, true);
    if (!fallback) return std::unexpected(fallback.error());
    spec.fallback = std::make_shared<Spec>(std::move(*fallback));
    return spec;
  }
  if (hint.contains("values")) {
    const auto& v = hint["values"];
    if (!v.is_array() || v.empty()) return hintError(name, "„values“ muss eine nicht leere Liste sein.");
    for (const auto& x : v) {
      auto text = scalarText(x);
      if (!text) return hintError(name, "„values“ darf nur Texte, Zahlen und Wahrheitswerte enthalten.");
      spec.values.push_back(*text);
    }
    if (type == FieldType::kList) {
      spec.kind = Kind::kList;
      spec.minItems = hint.value("minItems", 1);
      spec.maxItems = hint.value("maxItems", 1);
      if (spec.minItems < 1 || spec.maxItems < spec.minItems || spec.maxItems > static_cast<int>(spec.values.size())) {
        return hintError(name, "„minItems“/„maxItems“ passen nicht zu „values“.");
      }
      return spec;
    }
    spec.kind = Kind::kValues;
    if (auto s = weightsFor(spec.values.size()); !s) return std::unexpected(s.error());
    if (auto s = checkList(field, spec.values, "aus „values“"); !s) return std::unexpected(s.error());
    if (auto allowed = referencedValues(field); !allowed) {
      return std::unexpected(allowed.error());
    } else if (!allowed->empty()) {
      std::unordered_set<std::string> set(allowed->begin(), allowed->end());
      for (const auto& x : spec.values) {
        if (!set.count(x)) return hintError(name, "Der Wert " + q(x) + " fehlt in der referenzierten Codeliste.");
      }
    }
    return spec;
  }
  for (const char* dist : {"normal", "lognormal", "uniform"}) {
    if (!hint.contains(dist)) continue;
    if (!isNumericType(type)) return hintError(name, std::string("„") + dist + "“ passt nur zu Zahlenfeldern.");
    const auto& d = hint[dist];
    spec.kind = Kind::kNumeric;
    if (dist[0] == 'u') {
      if (!d.is_object() || !d.contains("min") || !d.contains("max") || !d["min"].is_number() || !d["max"].is_number()) {
        return hintError(name, "„uniform“ braucht „min“ und „max“.");
      }
      spec.dist = Spec::Dist::kUniform;
      spec.p1 = d["min"].get<double>();
      spec.p2 = d["max"].get<double>();
    } else {
      if (!d.is_object() || !d.contains("mean") || !d.contains("sd") || !d["mean"].is_number() || !d["sd"].is_number() ||
          d["sd"].get<double>() < 0) {
        return hintError(name, std::string("„") + dist + "“ braucht „mean“ und „sd“ ≥ 0.");
      }
      double mean = d["mean"].get<double>(), sd = d["sd"].get<double>();
      if (dist[0] == 'l') {
        if (mean <= 0) return hintError(name, "„lognormal“ braucht „mean“ > 0.");
        double s2 = std::log(1 + sd * sd / (mean * mean));
        spec.dist = Spec::Dist::kLognormal;
        spec.p1 = std::log(mean) - s2 / 2;
        spec.p2 = std::sqrt(s2);
      } else {
        spec.dist = Spec::Dist::kNormal;
        spec.p1 = mean;
        spec.p2 = sd;
      }
    }
    if (hint.contains("latent")) {
      if (!hint["latent"].is_string()) return hintError(name, "„latent“ muss ein Name sein.");
      auto latentName = hint["latent"].get<std::string>();
      auto it = std::find(plan_.latents.begin(), plan_.latents.end(), latentName);
      spec.latent = static_cast<int>(it - plan_.latents.begin());
      int latentDim = -1;
      if (hint.contains("latentKey")) {
        auto src = sourceField(name, hint["latentKey"]);
        if (!src) return std::unexpected(src.error());
        latentDim = plan_.fields[*src].keyDim;
        if (latentDim < 0) return hintError(name, "„latentKey“ muss ein Schlüsselfeld nennen.");
      }
      if (it == plan_.latents.end()) {
        plan_.latents.push_back(latentName);
        plan_.latentDims.push_back(latentDim);
      } else if (plan_.latentDims[static_cast<size_t>(spec.latent)] != latentDim) {
        return hintError(name, "Der Faktor " + q(latentName) + " hat an anderer Stelle einen anderen „latentKey“.");
      }
      spec.rho = hint.value("rho", 0.0);
      if (spec.rho < -1 || spec.rho > 1) return hintError(name, "„rho“ muss zwischen -1 und 1 liegen.");
    }
    return spec;
  }
  if (hint.contains("template")) {
    if (!hint["template"].is_string()) return hintError(name, "„template“ muss ein Text sein.");
    auto tmpl = parseTemplate(name, hint["template"].get<std::string>());
    if (!tmpl) return std::unexpected(tmpl.error());
    spec.kind = Kind::kTemplate;
    spec.tmpl = std::move(*tmpl);
    for (const auto& part : spec.tmpl.parts) {
      if (part.kind == Template::Part::Kind::kField) spec.sources.push_back(part.field);
    }
    return spec;
  }
  if (hint.contains("area")) {
    spec.kind = Kind::kArea;
    spec.pool = hint.value("count", int64_t{10});
    if (spec.pool < 1 || spec.pool > kAreaBlock) return hintError(name, "„count“ muss zwischen 1 und 99900 liegen.");
    if (!cellValid(field, areaId(0, false))) {
      return hintError(name, "Erfundene Gebietsschlüssel wie " + q(areaId(0, false)) + " passen nicht zum Schema.");
    }
    return spec;
  }
  if (hint.contains("after")) {
    const auto& a = hint["after"];
    auto src = sourceField(name, a.is_object() ? a.value("field", json()) : json());
    if (!src) return std::unexpected(src.error());
    if (!isDateType(type) || !isDateType(plan_.schema->fields[*src].type())) {
      return hintError(name, "„after“ verbindet nur Datumsfelder.");
    }
    spec.kind = Kind::kAfter;
    spec.sources = {*src};
    spec.factorLo = a.value("minDays", 0);
    spec.factorHi = a.value("maxDays", 365);
    if (spec.factorLo < 0 || spec.factorHi < spec.factorLo) return hintError(name, "„minDays“/„maxDays“ passen nicht.");
    return spec;
  }
  if (hint.contains("times")) {
    const auto& t = hint["times"];
    auto src = sourceField(name, t.is_object() ? t.value("field", json()) : json());
    if (!src) return std::unexpected(src.error());
    if (!isNumericType(type) || !isNumericType(plan_.schema->fields[*src].type())) {
      return hintError(name, "„times“ verbindet nur Zahlenfelder.");
    }
    spec.kind = Kind::kTimes;
    spec.sources = {*src};
    spec.factorLo = t.value("min", 1.0);
    spec.factorHi = t.value("max", spec.factorLo);
    if (spec.factorHi < spec.factorLo) return hintError(name, "„times“: „max“ ist kleiner als „min“.");
    return spec;
  }
  if (hint.contains("difference")) {
    const auto& d = hint["difference"];
    if (!d.is_array() || d.size() != 2) return hintError(name, "„difference“ braucht zwei Feldnamen.");
    auto a = sourceField(name, d[0]);
    if (!a) return std::unexpected(a.error());
    auto b = sourceField(name, d[1]);
    if (!b) return std::unexpected(b.error());
    if (!isNumericType(type)) return hintError(name, "„difference“ passt nur zu Zahlenfeldern.");
    spec.kind = Kind::kDifference;
    spec.sources = {*a, *b};
    return spec;
  }
  if (hint.contains("labelOf")) {
    auto src = sourceField(name, hint["labelOf"]);
    if (!src) return std::unexpected(src.error());
    const auto& cats = plan_.schema->fields[*src].descriptor.value("categories", json());
    if (!cats.is_array()) return hintError(name, "„labelOf“ braucht ein Feld mit „categories“.");
    for (const auto& c : cats) {
      if (!c.is_object()) continue;
      auto value = scalarText(c.value("value", json()));
      if (value && c.contains("label") && c["label"].is_string()) spec.lookup[*value] = c["label"].get<std::string>();
    }
    spec.kind = Kind::kLabelOf;
    spec.sources = {*src};
    return spec;
  }
  if (hint.contains("fromReference")) {
    const auto& r = hint["fromReference"];
    auto src = sourceField(name, r.is_object() ? r.value("field", json()) : json());
    if (!src) return std::unexpected(src.error());
    std::string column = r.is_object() ? r.value("column", "") : "";
    const ForeignKey* fk = nullptr;
    for (const auto& k : plan_.schema->foreignKeys) {
      if (!k.selfReference() && k.fields.size() == 1 && k.fields[0] == plan_.schema->fields[*src].name) fk = &k;
    }
    if (!fk) return hintError(name, "„fromReference“ braucht ein Feld mit Fremdschlüssel auf eine andere Ressource.");
    auto table = refTable(fk->resource);
    if (!table) return std::unexpected(table.error());
    auto keyCol = (*table)->column(fk->referenceFields[0]);
    auto valueCol = (*table)->column(column);
    if (!keyCol || !valueCol) return hintError(name, "Die Spalte " + q(column) + " gibt es in " + q(fk->resource) + " nicht.");
    for (const auto& row : (*table)->rows) spec.lookup[row[*keyCol]] = row[*valueCol];
    spec.kind = Kind::kFromReference;
    spec.sources = {*src};
    return spec;
  }
  if (hint.contains("byDepth")) {
    const auto& v = hint["byDepth"];
    if (!v.is_array() || v.empty()) return hintError(name, "„byDepth“ muss eine nicht leere Liste sein.");
    for (const auto& x : v) {
      auto text = scalarText(x);
      if (!text) return hintError(name, "„byDepth“ darf nur Texte und Zahlen enthalten.");
      spec.values.push_back(*text);
    }
    if (auto s = checkList(field, spec.values, "aus „byDepth“"); !s) return std::unexpected(s.error());
    spec.kind = Kind::kByDepth;
    return spec;
  }
  // Self reference: a tree.
  for (const auto& fk : plan_.schema->foreignKeys) {
    if (!fk.selfReference() || fk.fields.size() != 1 || fk.fields[0] != name) continue;
    spec.kind = Kind::kTree;
    if (hint.contains("tree")) {
      const auto& t = hint["tree"];
      if (t.is_object()) {
        spec.roots = t.value("roots", int64_t{1});
        spec.fanout = t.value("fanout", int64_t{5});
      }
    }
    if (spec.roots < 1 || spec.fanout < 1) return hintError(name, "„tree“ braucht „roots“ und „fanout“ ≥ 1.");
    return spec;
  }
  if (hint.contains("tree")) return hintError(name, "„tree“ passt nur zu einem Fremdschlüssel auf dieselbe Tabelle.");
  if (type == FieldType::kGeopoint || type == FieldType::kGeojson) {
    spec.kind = Kind::kGeo;
    if (hint.contains("box")) {
      const auto& b = hint["box"];
      if (!b.is_array() || b.size() != 4) return hintError(name, "„box“ braucht [lonMin, latMin, lonMax, latMax].");
      for (size_t i = 0; i < 4; ++i) {
        if (!b[i].is_number()) return hintError(name, "„box“ braucht vier Zahlen.");
        spec.box[i] = b[i].get<double>();
      }
      if (spec.box[0] > spec.box[2] || spec.box[1] > spec.box[3] || spec.box[0] < -180 || spec.box[2] > 180 ||
          spec.box[1] < -90 || spec.box[3] > 90) {
        return hintError(name, "„box“ ist kein gültiges Rechteck aus Längen- und Breitengraden.");
      }
    }
    return spec;
  }
  if (auto allowed = referencedValues(field); !allowed) {
    return std::unexpected(allowed.error());
  } else if (!allowed->empty()) {
    spec.kind = Kind::kForeign;
    spec.values = std::move(*allowed);
    return spec;
  }
  if (isDateType(type) || type == FieldType::kYear) {
    spec.kind = Kind::kDateRange;
    return spec;
  }
  // Categories or enum: one of them, uniformly.
  const json& cats = field.descriptor.value("categories", json());
  const json& constraints = field.descriptor.value("constraints", json());
  const json* list = cats.is_array() ? &cats : nullptr;
  if (!list && constraints.is_object() && constraints.contains("enum") && constraints["enum"].is_array()) {
    list = &constraints["enum"];
  }
  if (list && type != FieldType::kList) {
    for (const auto& c : *list) {
      if (auto text = scalarText(c.is_object() ? c.value("value", json()) : c)) spec.values.push_back(*text);
    }
    if (!spec.values.empty()) {
      spec.kind = Kind::kValues;
      if (auto s = weightsFor(spec.values.size()); !s) return std::unexpected(s.error());
    }
  }
  return spec;  // generic
}

Status PlanBuilder::buildDomain(size_t index, const json& hintIn, Domain& dom) {
  const Field& field = plan_.schema->fields[index];
  const std::string& name = field.name;
  json hint = hintIn.is_null() ? json::object() : hintIn;
  if (!hint.is_object()) return hintError(name, "Die Angabe muss ein JSON-Objekt sein.");
  for (const auto& [key, value] : hint.items()) {
    static const std::set<std::string> keyKeys{"values", "template", "area", "count", "start", "stepYears", "stepMonths",
                                               "stepDays", "step", "hinweis"};
    if (!keyKeys.count(key)) {
      return hintError(name, "Die Angabe " + q(key) + " passt nicht zu einem Schlüsselfeld (erlaubt: values, template, "
                                                     "area, count, start, step…).");
    }
  }
  dom.field = index;
  FieldType type = field.type();
  auto listFromJson = [&](const json& v) -> Status {
    if (!v.is_array() || v.empty()) return hintError(name, "„values“ muss eine nicht leere Liste sein.");
    std::unordered_set<std::string> seen;
    for (const auto& x : v) {
      auto text = scalarText(x);
      if (!text) return hintError(name, "„values“ darf nur Texte, Zahlen und Wahrheitswerte enthalten.");
      if (!seen.insert(*text).second) return hintError(name, "„values“ enthält " + q(*text) + " doppelt.");
      dom.list.push_back(*text);
    }
    return {};
  };
  int64_t count = -1;
  if (hint.contains("count")) {
    if (!hint["count"].is_number_integer() || hint["count"].get<int64_t>() < 1) {
      return hintError(name, "„count“ muss eine ganze Zahl ≥ 1 sein.");
    }
    count = hint["count"].get<int64_t>();
  }
  auto allowed = referencedValues(field);
  if (!allowed) return std::unexpected(allowed.error());

  if (hint.contains("values") || !allowed->empty()) {
    dom.kind = Domain::Kind::kList;
    if (hint.contains("values")) {
      if (auto s = listFromJson(hint["values"]); !s) return s;
      std::unordered_set<std::string> set(allowed->begin(), allowed->end());
      for (const auto& x : dom.list) {
        if (!allowed->empty() && !set.count(x)) {
          return hintError(name, "Der Wert " + q(x) + " fehlt in der referenzierten Codeliste.");
        }
      }
    } else {
      dom.list = *allowed;
    }
  } else if (hint.contains("template")) {
    if (!hint["template"].is_string()) return hintError(name, "„template“ muss ein Text sein.");
    auto tmpl = parseTemplate(name, hint["template"].get<std::string>());
    if (!tmpl) return std::unexpected(tmpl.error());
    if (!tmpl->onlySequence()) {
      return hintError(name, "Die Vorlage eines Schlüsselfelds darf nur {n} und festen Text enthalten.");
    }
    dom.kind = Domain::Kind::kTemplate;
    dom.tmpl = std::move(*tmpl);
  } else if (hint.contains("area")) {
    dom.kind = Domain::Kind::kArea;
    dom.areaLong = cellValid(field, areaId(kAreaBlock, true));
    if (!cellValid(field, areaId(0, false))) {
      return hintError(name, "Erfundene Gebietsschlüssel wie " + q(areaId(0, false)) + " passen nicht zum Schema.");
    }
    if (!areaIds_.empty()) {
      dom.list = areaIds_;
      for (const auto& id : dom.list) {
        if (auto problem = cellProblem(field, id); !problem.empty()) {
          return fail(ErrorCode::kInvalidInput, "Die Gebiets-ID " + q(id) + " aus --areas passt nicht zum Feld " + q(name) +
                                                    ": " + problem);
        }
      }
    }
  } else if (type == FieldType::kDate) {
    dom.kind = Domain::Kind::kDate;
    std::string start = hint.value("start", "2024-12-31");
    auto date = parseIsoDate(start);
    if (!date) return hintError(name, "„start“ muss ein Datum JJJJ-MM-TT sein.");
    dom.start = *date;
    dom.stepYears = hint.value("stepYears", 0);
    dom.stepMonths = hint.value("stepMonths", 0);
    dom.stepDays = hint.value("stepDays", 0);
    if (dom.stepYears == 0 && dom.stepMonths == 0 && dom.stepDays == 0) dom.stepYears = -1;
  } else if (type == FieldType::kYear || type == FieldType::kInteger) {
    dom.kind = type == FieldType::kYear ? Domain::Kind::kYear : Domain::Kind::kInteger;
    int64_t defaultStart = 1;
    if (type == FieldType::kYear) defaultStart = 2024;
    else if (field.constraints.minimum) defaultStart = static_cast<int64_t>(std::ceil(field.constraints.minimum->toDouble()));
    dom.intStart = hint.value("start", defaultStart);
    dom.intStep = hint.value("step", type == FieldType::kYear ? int64_t{-1} : int64_t{1});
    if (dom.intStep == 0) return hintError(name, "„step“ darf nicht 0 sein.");
  } else if (type == FieldType::kBoolean) {
    dom.kind = Domain::Kind::kList;
    dom.list = {"false", "true"};
  } else {
    // Categories or enum, else a numbered text.
    const json& cats = field.descriptor.value("categories", json());
    const json& constraints = field.descriptor.value("constraints", json());
    const json* list = cats.is_array() ? &cats : nullptr;
    if (!list && constraints.is_object() && constraints.contains("enum")) list = &constraints["enum"];
    if (list) {
      dom.kind = Domain::Kind::kList;
      for (const auto& c : *list) {
        auto text = scalarText(c.is_object() ? c.value("value", json()) : c);
        if (text) dom.list.push_back(*text);
      }
    } else if (type == FieldType::kString) {
      dom.kind = Domain::Kind::kTemplate;
      bool found = false;
      for (const char* candidate : {"{n}", "X{n}", "x{n}", "ID-{n}"}) {
        auto tmpl = parseTemplate(name, candidate);
        dom.tmpl = std::move(*tmpl);
        if (cellValid(field, dom.value(0)) && cellValid(field, dom.value(99'999))) {
          found = true;
          break;
        }
      }
      if (!found && field.constraints.pattern) {
        // Enumerate the pattern ("00000000", "00000001" … for [0-9]{8}).
        auto capacity = patternCapacity(field.constraints.pattern->text());
        if (capacity) {
          dom.kind = Domain::Kind::kPattern;
          dom.pattern = field.constraints.pattern->text();
          found = cellValid(field, dom.value(0));
          patternCapacity_ = static_cast<int64_t>(std::min<uint64_t>(*capacity, kHuge));
        }
      }
      if (!found) return hintError(name, "Für dieses Schlüsselfeld braucht synth.json eine Vorlage („template“ mit {n}).");
    } else {
      return hintError(name, "Für Schlüsselfelder vom Typ " + q(std::string(fieldTypeName(type))) +
                                 " kann der Generator keine Werte aufzählen.");
    }
  }

  // Capacity, base size and growth class.
  switch (dom.kind) {
    case Domain::Kind::kList:
      if (dom.list.empty()) return hintError(name, "Die Werteliste ist leer.");
      if (auto s = checkList(field, dom.list, "der Werteliste"); !s) return s;
      dom.listChecked = true;
      dom.capacity = static_cast<int64_t>(dom.list.size());
      dom.base = count > 0 ? std::min(count, dom.capacity) : dom.capacity;
      dom.growClass = 1;
      break;
    case Domain::Kind::kArea: {
      int64_t generated = dom.areaLong ? kAreaBlock * 100'000 : kAreaBlock;
      if (!dom.list.empty()) {
        dom.listChecked = true;
        dom.capacity = static_cast<int64_t>(dom.list.size()) + generated;
        dom.base = count > 0 ? std::min<int64_t>(count, static_cast<int64_t>(dom.list.size()))
                             : static_cast<int64_t>(dom.list.size());
        dom.growClass = 2;
      } else {
        dom.capacity = generated;
        dom.base = count > 0 ? std::min(count, generated) : 1;
      }
      break;
    }
    case Domain::Kind::kDate: {
      int64_t months = int64_t{dom.stepYears} * 12 + dom.stepMonths;
      if (months != 0) {
        int64_t limit = months < 0 ? (int64_t{dom.start.year} - 1) * 12 : (9999 - int64_t{dom.start.year}) * 12;
        dom.capacity = std::max<int64_t>(1, limit / std::abs(months) + 1);
      } else {
        int64_t day = daysFromCivil(dom.start.year, dom.start.month, dom.start.day);
        int64_t limit = dom.stepDays < 0 ? day - daysFromCivil(1, 1, 1) : daysFromCivil(9999, 12, 31) - day;
        dom.capacity = std::max<int64_t>(1, limit / std::abs(dom.stepDays) + 1);
      }
      dom.base = count > 0 ? std::min(count, dom.capacity) : 1;
      break;
    }
    case Domain::Kind::kYear: {
      int64_t limit = dom.intStep < 0 ? dom.intStart - 1 : 9999 - dom.intStart;
      dom.capacity = std::max<int64_t>(1, limit / std::abs(dom.intStep) + 1);
      dom.base = count > 0 ? std::min(count, dom.capacity) : 1;
      break;
    }
    case Domain::Kind::kPattern:
      dom.capacity = patternCapacity_;
      dom.base = count > 0 ? std::min(count, dom.capacity) : 1;
      break;
    case Domain::Kind::kInteger:
    case Domain::Kind::kTemplate:
      dom.capacity = kHuge;
      dom.base = count > 0 ? count : 1;
      break;
  }
  if (!dom.listChecked) {
    if (auto problem = cellProblem(field, dom.value(0)); !problem.empty()) {
      return hintError(name, "Der erste erzeugte Schlüssel " + q(dom.value(0)) + " passt nicht zum Schema: " + problem);
    }
  }
  return {};
}

Status PlanBuilder::finishOrder() {
  size_t n = plan_.fields.size();
  std::vector<int> state(n, 0);  // 0 new, 1 in progress, 2 done
  std::vector<size_t> order;
  std::function<Status(size_t)> visit = [&](size_t i) -> Status {
    if (state[i] == 2) return {};
    if (state[i] == 1) return hintError(plan_.fields[i].field->name, "Die Felder hängen im Kreis voneinander ab.");
    state[i] = 1;
    std::vector<size_t> sources = plan_.fields[i].spec.sources;
    for (const auto& [code, sub] : plan_.fields[i].spec.codes) sources.insert(sources.end(), sub->sources.begin(), sub->sources.end());
    if (plan_.fields[i].spec.fallback) {
      sources.insert(sources.end(), plan_.fields[i].spec.fallback->sources.begin(), plan_.fields[i].spec.fallback->sources.end());
    }
    for (size_t s : sources) {
      if (s == i) return hintError(plan_.fields[i].field->name, "Ein Feld kann nicht von sich selbst abhängen.");
      if (auto st = visit(s); !st) return st;
    }
    state[i] = 2;
    order.push_back(i);
    return {};
  };
  // Key fields first (they depend on nothing), then the rest in schema order.
  for (size_t i = 0; i < n; ++i) {
    if (plan_.fields[i].keyDim >= 0 || plan_.fields[i].uniqueDom >= 0) order.push_back(i), state[i] = 2;
  }
  for (size_t i = 0; i < n; ++i) {
    if (auto st = visit(i); !st) return st;
  }
  plan_.order = std::move(order);
  return {};
}

Result<Plan> PlanBuilder::build() {
  plan_.schema = &*resource_.schema;
  const Schema& schema = *plan_.schema;
  if (hints_.is_object()) {
    for (const auto& [key, value] : hints_.items()) {
      static const std::set<std::string> top{"quelle", "beschreibung", "hinweis", "fields", "resources", "codes", "words"};
      if (!top.count(key)) return fail(ErrorCode::kInvalidInput, "synth.json: Unbekannte Angabe " + q(key) + ".");
    }
    if (hints_.contains("resources")) {
      if (!hints_["resources"].is_object()) return fail(ErrorCode::kInvalidInput, "synth.json: „resources“ muss ein Objekt sein.");
      for (const auto& [name, value] : hints_["resources"].items()) {
        if (!package_.resource(name)) {
          return fail(ErrorCode::kInvalidInput, "synth.json: Die Ressource " + q(name) + " gibt es im Modell nicht.");
        }
        if (name != resource_.name || !value.is_object() || !value.contains("fields")) continue;
        if (!value["fields"].is_object()) return fail(ErrorCode::kInvalidInput, "synth.json: „fields“ muss ein Objekt sein.");
        for (const auto& [field, hint] : value["fields"].items()) {
          if (!schema.field(field)) {
            return fail(ErrorCode::kInvalidInput, "synth.json: Das Feld " + q(field) + " gibt es in der Ressource " +
                                                      q(name) + " nicht.");
          }
        }
      }
    }
  } else if (!hints_.is_null()) {
    return fail(ErrorCode::kInvalidInput, "synth.json muss ein JSON-Objekt sein.");
  }
  {
    std::unordered_set<std::string> seen;
    for (const auto& id : options_.areaIds) {
      if (!id.empty() && seen.insert(id).second) areaIds_.push_back(id);
    }
  }

  plan_.fields.resize(schema.fields.size());
  for (size_t i = 0; i < schema.fields.size(); ++i) plan_.fields[i].field = &schema.fields[i];

  // Key dimensions: primaryKey, else the first uniqueKey; single unique fields outside it.
  std::vector<std::string> key = schema.primaryKey;
  if (key.empty() && !schema.uniqueKeys.empty()) key = schema.uniqueKeys.front();
  for (const auto& name : key) {
    auto index = schema.fieldIndex(name);
    if (!index) return fail(ErrorCode::kInvalidInput, "Das Schlüsselfeld " + q(name) + " fehlt im Schema.");
    Domain dom;
    const json* hint = hintFor(name);
    if (auto s = buildDomain(*index, hint ? *hint : json(), dom); !s) return std::unexpected(s.error());
    plan_.fields[*index].keyDim = static_cast<int>(plan_.dims.size());
    plan_.dims.push_back(std::move(dom));
  }
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    if (!schema.fields[i].constraints.unique || plan_.fields[i].keyDim >= 0) continue;
    Domain dom;
    const json* hint = hintFor(schema.fields[i].name);
    if (auto s = buildDomain(i, hint ? *hint : json(), dom); !s) return std::unexpected(s.error());
    plan_.fields[i].uniqueDom = static_cast<int>(plan_.uniques.size());
    plan_.uniques.push_back(std::move(dom));
  }
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    auto& fp = plan_.fields[i];
    if (fp.keyDim >= 0 || fp.uniqueDom >= 0) continue;
    const json* hint = hintFor(fp.field->name);
    auto spec = parseSpec(i, hint ? *hint : json(), false);
    if (!spec) return std::unexpected(spec.error());
    fp.spec = std::move(*spec);
    if (fp.spec.kind == Kind::kArea && !areaIds_.empty()) {
      for (const auto& id : areaIds_) {
        if (auto problem = cellProblem(*fp.field, id); !problem.empty()) {
          return fail(ErrorCode::kInvalidInput, "Die Gebiets-ID " + q(id) + " aus --areas passt nicht zum Feld " +
                                                    q(fp.field->name) + ": " + problem);
        }
      }
    }
    bool anyMissing = fp.spec.missingRate > 0;
    for (const auto& [code, sub] : fp.spec.codes) anyMissing = anyMissing || sub->missingRate > 0;
    fp.mayBeMissing = anyMissing && !fp.field->constraints.required && !fp.field->missingValues.empty();
    fp.missingCell = fp.field->missingValues.empty() ? "" : fp.field->missingValues.front().value;
    if (fp.spec.kind == Kind::kTree) {
      if (plan_.tree) return hintError(fp.field->name, "Nur ein Fremdschlüssel auf dieselbe Tabelle wird unterstützt.");
      const ForeignKey* fk = nullptr;
      for (const auto& k : schema.foreignKeys) {
        if (k.selfReference() && k.fields.size() == 1 && k.fields[0] == fp.field->name) fk = &k;
      }
      auto ref = schema.fieldIndex(fk->referenceFields[0]);
      if (!ref || plan_.fields[*ref].keyDim < 0) {
        return hintError(fp.field->name, "Der Fremdschlüssel auf dieselbe Tabelle muss auf ein Schlüsselfeld zeigen.");
      }
      plan_.tree = true;
      plan_.treeRefDim = plan_.fields[*ref].keyDim;
    }
  }
  for (const auto& fp : plan_.fields) {
    if (fp.spec.kind == Kind::kByDepth && !plan_.tree) {
      return hintError(fp.field->name, "„byDepth“ braucht einen Fremdschlüssel auf dieselbe Tabelle (Baum).");
    }
  }
  for (const auto& fk : schema.foreignKeys) {
    if (fk.fields.size() != 1) {
      return fail(ErrorCode::kInvalidInput, "Fremdschlüssel aus mehreren Feldern werden vom Generator nicht unterstützt.");
    }
  }
  // Latent groups: all key dims except those selecting a code (byCode).
  plan_.groupDim.assign(plan_.dims.size(), true);
  for (const auto& fp : plan_.fields) {
    if (fp.spec.kind != Kind::kByCode) continue;
    int dim = plan_.fields[fp.spec.sources[0]].keyDim;
    if (dim >= 0) plan_.groupDim[static_cast<size_t>(dim)] = false;
  }
  if (auto s = finishOrder(); !s) return std::unexpected(s.error());
  return std::move(plan_);
}

}  // namespace

bool Template::onlySequence() const {
  return std::all_of(parts.begin(), parts.end(), [](const Part& p) {
    return p.kind == Part::Kind::kLiteral || p.kind == Part::Kind::kSeq;
  }) && std::any_of(parts.begin(), parts.end(), [](const Part& p) { return p.kind == Part::Kind::kSeq; });
}

std::string areaId(int64_t n, bool longForm) {
  int64_t block = n / kAreaBlock;
  int64_t base = n % kAreaBlock;
  int64_t kreis = 99 - base / 999;
  int64_t gemeinde = base % 999 + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "099%02d%03d", static_cast<int>(kreis), static_cast<int>(gemeinde));
  std::string id(buf);
  if (block > 0 && longForm) id += "-" + std::to_string(block);
  return id;
}

std::string Domain::value(int64_t i) const {
  switch (kind) {
    case Kind::kList:
      return list[static_cast<size_t>(i)];
    case Kind::kArea:
      if (i < static_cast<int64_t>(list.size())) return list[static_cast<size_t>(i)];
      return areaId(i - static_cast<int64_t>(list.size()), areaLong);
    case Kind::kTemplate: {
      std::string out;
      for (const auto& part : tmpl.parts) {
        if (part.kind == Template::Part::Kind::kLiteral) {
          out += part.text;
        } else {
          std::string digits = std::to_string(i + 1);
          if (static_cast<int>(digits.size()) < part.width) out.append(static_cast<size_t>(part.width) - digits.size(), '0');
          out += digits;
        }
      }
      return out;
    }
    case Kind::kDate:
      return formatDate(addToDate(start, static_cast<int>(stepYears * i), static_cast<int>(stepMonths * i),
                                  static_cast<int>(stepDays * i)));
    case Kind::kYear: {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04d", static_cast<int>(intStart + intStep * i));
      return buf;
    }
    case Kind::kInteger:
      return std::to_string(intStart + intStep * i);
    case Kind::kPattern:
      return enumeratePattern(pattern, static_cast<uint64_t>(i)).value_or(std::string());
  }
  return {};
}

Result<Plan> buildPlan(const DataPackage& package, const Resource& resource, const fs::path& modelDir, const json& hints,
                       const SynthOptions& options) {
  PlanBuilder builder(package, resource, modelDir, hints, options);
  try {
    return builder.build();
  } catch (const json::exception& e) {
    // value() with a value of the wrong type in synth.json.
    return fail(ErrorCode::kInvalidInput, "synth.json: Eine Angabe hat den falschen Typ (" + std::string(e.what()) + ").");
  }
}

}  // namespace opgv::validation::synth_detail
