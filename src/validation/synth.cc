// Synthetic data: executes the plan of synth_plan.cc row by row and streams CSV (synth.h).
#include "validation/synth.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <ostream>
#include <sstream>
#include <unordered_set>

#include "validation/constraints.h"
#include "validation/synth_plan.h"

namespace opgv::validation {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace synth_detail;

constexpr int kRetries = 20;
constexpr size_t kFlushBytes = size_t{1} << 20;

std::string q(const std::string& text) { return "„" + text + "“"; }

int64_t saturatingMul(int64_t a, int64_t b) {
  constexpr int64_t cap = int64_t{1} << 62;
  if (a == 0 || b == 0) return 0;
  if (a > cap / b) return cap;
  return a * b;
}

// Grows the key dimensions until their product covers `rows`: first the sequences (ids, dates,
// generated areas), then lists with a smaller `count`, last the --areas list (with generated ids).
Status sizeDomains(Plan& plan, int64_t rows) {
  auto product = [&] {
    int64_t p = 1;
    for (const auto& d : plan.dims) p = saturatingMul(p, d.size);
    return p;
  };
  for (auto& d : plan.dims) d.size = d.base;
  if (!plan.dims.empty() && product() < rows) {
    for (int cls = 0; cls <= 2 && product() < rows; ++cls) {
      for (auto& d : plan.dims) {
        if (d.growClass != cls || d.size >= d.capacity) continue;
        int64_t others = 1;
        for (const auto& o : plan.dims) {
          if (&o != &d) others = saturatingMul(others, o.size);
        }
        int64_t need = (rows + others - 1) / others;
        d.size = std::min(d.capacity, std::max(d.size, need));
        if (product() >= rows) break;
      }
    }
    if (product() < rows) {
      return fail(ErrorCode::kInvalidInput, "So viele Zeilen lassen sich nicht erzeugen: Das Schema erlaubt höchstens " +
                                                std::to_string(product()) + " verschiedene Schlüssel.");
    }
  }
  for (auto& u : plan.uniques) {
    if (u.capacity < rows) {
      return fail(ErrorCode::kInvalidInput, "Das eindeutige Feld " + q(plan.schema->fields[u.field].name) + " hat nur " +
                                                std::to_string(u.capacity) + " mögliche Werte.");
    }
    u.size = rows;
  }
  // An --areas list that has to grow gets generated ids that are not in it.
  for (auto& d : plan.dims) {
    if (d.kind != Domain::Kind::kArea || d.list.empty() || d.size <= static_cast<int64_t>(d.list.size())) continue;
    std::unordered_set<std::string> given(d.list.begin(), d.list.end());
    for (int64_t n = 0; static_cast<int64_t>(d.list.size()) < d.size; ++n) {
      std::string id = areaId(n, d.areaLong);
      if (!given.count(id)) d.list.push_back(std::move(id));
    }
  }
  return {};
}

struct Slot {
  std::string text;
  double num = 0;
  int64_t day = 0;
  bool missing = false;
};

class Generator {
 public:
  Generator(const Plan& plan, const SynthOptions& options)
      : plan_(plan), options_(options), rng_(options.seed), slots_(plan.fields.size()), digits_(plan.dims.size(), 0),
        checkedDigit_(plan.dims.size(), -1), latentZ_(plan.latents.size(), 0.0) {
    // Dates and years vary slowest (all areas for the latest Stichtag first), then the key
    // fields in their primaryKey order, the last one fastest.
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t d = 0; d < plan.dims.size(); ++d) {
        bool time = plan.dims[d].kind == Domain::Kind::kDate || plan.dims[d].kind == Domain::Kind::kYear;
        if (time == (pass == 0)) iter_.push_back(d);
      }
    }
    strides_.assign(plan.dims.size(), 1);
    for (size_t k = iter_.size(); k-- > 1;) {
      strides_[iter_[k - 1]] = saturatingMul(strides_[iter_[k]], plan.dims[iter_[k]].size);
    }
  }

  Status run(std::ostream& out);

 private:
  Status makeRow();
  bool generate(const FieldPlan& fp, const Spec& spec, Rng& rng, Slot& slot);
  void generic(const Field& field, const Spec& spec, Rng& rng, Slot& slot);
  void setNumber(const Field& field, const Spec& spec, double x, Slot& slot);
  void setDay(const Field& field, int64_t day, Rng& rng, Slot& slot);
  double latent(int index);
  int64_t depth(int64_t row) const {
    const Spec* tree = treeSpec();
    int64_t d = 0;
    while (row >= tree->roots) {
      row = (row - tree->roots) / tree->fanout;
      ++d;
    }
    return d;
  }
  const Spec* treeSpec() const {
    for (const auto& fp : plan_.fields) {
      if (fp.spec.kind == Kind::kTree) return &fp.spec;
    }
    return nullptr;
  }
  std::string keyOfRow(int64_t row) const {
    auto dim = static_cast<size_t>(plan_.treeRefDim);
    int64_t digit = (row / strides_[dim]) % plan_.dims[dim].size;
    return plan_.dims[dim].value(digit);
  }

  const Plan& plan_;
  const SynthOptions& options_;
  Rng rng_;
  std::vector<Slot> slots_;
  std::vector<int64_t> digits_;
  std::vector<int64_t> checkedDigit_;
  std::vector<int64_t> strides_;
  std::vector<size_t> iter_;  // dims from slowest to fastest
  std::vector<double> latentZ_;
  std::vector<int64_t> latentRow_;
  int64_t row_ = 0;
};

double Generator::latent(int index) {
  if (latentRow_.size() != latentZ_.size()) latentRow_.assign(latentZ_.size(), -1);
  auto i = static_cast<size_t>(index);
  if (latentRow_[i] != row_) {
    uint64_t key = hashCombine(options_.seed, hashString(plan_.latents[i]));
    if (plan_.latentDims[i] >= 0) {
      key = hashCombine(key, static_cast<uint64_t>(digits_[static_cast<size_t>(plan_.latentDims[i])]));
    } else if (plan_.dims.empty()) {
      key = hashCombine(key, static_cast<uint64_t>(row_));
    } else {
      for (size_t d = 0; d < digits_.size(); ++d) {
        if (plan_.groupDim[d]) key = hashCombine(key, static_cast<uint64_t>(digits_[d]));
      }
    }
    latentZ_[i] = hashNormal(key);
    latentRow_[i] = row_;
  }
  return latentZ_[i];
}

void Generator::setNumber(const Field& field, const Spec& spec, double x, Slot& slot) {
  if (!std::isfinite(x)) x = 0;
  x = std::clamp(x, spec.lo, spec.hi);
  double step = std::pow(10.0, -spec.decimals);
  double r = roundTo(x, spec.decimals);
  if (r < spec.lo) r = roundTo(std::ceil(spec.lo / step) * step, spec.decimals);
  if (r > spec.hi) r = roundTo(std::floor(spec.hi / step) * step, spec.decimals);
  slot.num = r;
  slot.text.clear();
  if (field.type() == FieldType::kInteger) {
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(std::llround(r)));
    slot.text.assign(buf, res.ptr);
  } else {
    appendFixed(slot.text, r, spec.decimals);
  }
}

void Generator::setDay(const Field& field, int64_t day, Rng& rng, Slot& slot) {
  slot.day = day;
  slot.text = formatDate(civilFromDays(day));
  if (field.type() == FieldType::kDatetime) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:00+01:00", static_cast<int>(rng.uniformInt(6, 19)),
                  static_cast<int>(rng.uniformInt(0, 3) * 15));
    slot.text += buf;
  }
}

void Generator::generic(const Field& field, const Spec& spec, Rng& rng, Slot& slot) {
  slot.text.clear();
  char buf[96];
  switch (field.type()) {
    case FieldType::kString: {
      const auto& c = field.constraints;
      if (c.pattern) {
        if (auto s = samplePatternWith(c.pattern->text(), rng)) slot.text = *s;
        return;
      }
      switch (field.cast.stringFormat) {
        case StringFormat::kEmail:
          slot.text = "person" + std::to_string(row_ + 1) + "@example.org";
          return;
        case StringFormat::kUri:
          slot.text = "https://example.org/" + std::to_string(row_ + 1);
          return;
        case StringFormat::kUuid: {
          std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-a%03x-%012llx", static_cast<unsigned>(rng.next() & 0xffffffff),
                        static_cast<unsigned>(rng.next() & 0xffff), static_cast<unsigned>(rng.next() & 0xfff),
                        static_cast<unsigned>(rng.next() & 0xfff),
                        static_cast<unsigned long long>(rng.next() & 0xffffffffffffULL));
          slot.text = buf;
          return;
        }
        case StringFormat::kBinary:
          slot.text = "ZmlrdGl2";
          return;
        default:
          break;
      }
      slot.text = "Text " + std::to_string(row_ + 1) + " (fiktiv)";
      if (c.maxLength && slot.text.size() > *c.maxLength) slot.text.resize(*c.maxLength);
      if (c.minLength && slot.text.size() < *c.minLength) slot.text.append(*c.minLength - slot.text.size(), 'x');
      return;
    }
    case FieldType::kInteger:
    case FieldType::kNumber: {
      double lo = spec.lo > -1e299 ? spec.lo : (spec.hi < 1e299 ? spec.hi - 1000 : 0);
      double hi = spec.hi < 1e299 ? spec.hi : lo + 1000;
      if (field.type() == FieldType::kInteger) {
        setNumber(field, spec, static_cast<double>(rng.uniformInt(static_cast<int64_t>(std::ceil(lo)),
                                                                  static_cast<int64_t>(std::floor(hi)))),
                  slot);
      } else {
        setNumber(field, spec, rng.uniform(lo, hi), slot);
      }
      return;
    }
    case FieldType::kBoolean:
      slot.text = rng.chance(0.5) ? "true" : "false";
      return;
    case FieldType::kTime:
      std::snprintf(buf, sizeof buf, "%02d:%02d:00", static_cast<int>(rng.uniformInt(0, 23)), static_cast<int>(rng.uniformInt(0, 59)));
      slot.text = buf;
      return;
    case FieldType::kYearmonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(rng.uniformInt(2015, 2025)), static_cast<int>(rng.uniformInt(1, 12)));
      slot.text = buf;
      return;
    case FieldType::kDuration:
      slot.text = "P" + std::to_string(rng.uniformInt(1, 30)) + "D";
      return;
    case FieldType::kObject:
      slot.text = "{}";
      return;
    case FieldType::kArray:
      slot.text = "[]";
      return;
    case FieldType::kList:
      slot.text = field.cast.list.itemType == FieldType::kString ? "a" : "1";
      return;
    default:
      slot.text = "x";
      return;
  }
}

bool Generator::generate(const FieldPlan& fp, const Spec& spec, Rng& rng, Slot& slot) {
  const Field& field = *fp.field;
  switch (spec.kind) {
    case Kind::kGeneric:
      generic(field, spec, rng, slot);
      return true;
    case Kind::kValues: {
      double u = rng.uniform();
      auto it = std::lower_bound(spec.cumulative.begin(), spec.cumulative.end(), u);
      size_t i = std::min(static_cast<size_t>(it - spec.cumulative.begin()), spec.values.size() - 1);
      slot.text = spec.values[i];
      double v = 0;
      auto res = std::from_chars(slot.text.data(), slot.text.data() + slot.text.size(), v);
      slot.num = res.ec == std::errc() ? v : 0;
      return true;
    }
    case Kind::kNumeric: {
      double z = rng.normal();
      if (spec.latent >= 0) z = spec.rho * latent(spec.latent) + std::sqrt(1 - spec.rho * spec.rho) * z;
      double x = 0;
      switch (spec.dist) {
        case Spec::Dist::kNormal: x = spec.p1 + spec.p2 * z; break;
        case Spec::Dist::kLognormal: x = std::exp(spec.p1 + spec.p2 * z); break;
        case Spec::Dist::kUniform: x = rng.uniform(spec.p1, spec.p2); break;
      }
      setNumber(field, spec, x, slot);
      return true;
    }
    case Kind::kTemplate: {
      slot.text.clear();
      for (const auto& part : spec.tmpl.parts) {
        switch (part.kind) {
          case Template::Part::Kind::kLiteral: slot.text += part.text; break;
          case Template::Part::Kind::kSeq: {
            std::string digits = std::to_string(row_ + 1);
            if (static_cast<int>(digits.size()) < part.width) slot.text.append(static_cast<size_t>(part.width) - digits.size(), '0');
            slot.text += digits;
            break;
          }
          case Template::Part::Kind::kInt: slot.text += std::to_string(rng.uniformInt(part.lo, part.hi)); break;
          case Template::Part::Kind::kWord:
            slot.text += (*part.words)[static_cast<size_t>(rng.uniformInt(0, static_cast<int64_t>(part.words->size()) - 1))];
            break;
          case Template::Part::Kind::kField: {
            const std::string& src = slots_[part.field].text;
            if (part.from < src.size()) slot.text += src.substr(part.from, part.to == std::string::npos ? part.to : part.to - part.from);
            break;
          }
        }
      }
      return true;
    }
    case Kind::kArea:
      if (!options_.areaIds.empty()) {
        slot.text = options_.areaIds[static_cast<size_t>(rng.uniformInt(0, static_cast<int64_t>(options_.areaIds.size()) - 1))];
      } else {
        slot.text = areaId(rng.uniformInt(0, spec.pool - 1), false);
      }
      return true;
    case Kind::kDateRange:
      if (field.type() == FieldType::kYear) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%04d", static_cast<int>(rng.uniformInt(spec.dayLo, spec.dayHi)));
        slot.text = buf;
        return true;
      }
      setDay(field, rng.uniformInt(spec.dayLo, spec.dayHi), rng, slot);
      return true;
    case Kind::kAfter: {
      int64_t day = slots_[spec.sources[0]].day +
                    rng.uniformInt(static_cast<int64_t>(spec.factorLo), static_cast<int64_t>(spec.factorHi));
      setDay(field, std::min(day, daysFromCivil(9999, 12, 30)), rng, slot);
      return true;
    }
    case Kind::kTimes:
      setNumber(field, spec, slots_[spec.sources[0]].num * rng.uniform(spec.factorLo, spec.factorHi), slot);
      return true;
    case Kind::kDifference:
      setNumber(field, spec, slots_[spec.sources[0]].num - slots_[spec.sources[1]].num, slot);
      return true;
    case Kind::kLabelOf:
    case Kind::kFromReference: {
      auto it = spec.lookup.find(slots_[spec.sources[0]].text);
      if (it == spec.lookup.end()) return false;
      slot.text = it->second;
      return true;
    }
    case Kind::kByCode: {
      auto it = spec.codes.find(slots_[spec.sources[0]].text);
      const Spec& sub = it != spec.codes.end() ? *it->second : *spec.fallback;
      return generate(fp, sub, rng, slot);
    }
    case Kind::kByDepth:
      slot.text = spec.values[static_cast<size_t>(std::min<int64_t>(depth(row_), static_cast<int64_t>(spec.values.size()) - 1))];
      return true;
    case Kind::kTree:
      if (row_ < spec.roots) {
        slot.text = field.constraints.required ? keyOfRow(row_) : std::string();
      } else {
        slot.text = keyOfRow((row_ - spec.roots) / spec.fanout);
      }
      return true;
    case Kind::kForeign:
      slot.text = spec.values[static_cast<size_t>(rng.uniformInt(0, static_cast<int64_t>(spec.values.size()) - 1))];
      return true;
    case Kind::kGeo: {
      double lon = rng.uniform(spec.box[0], spec.box[2]);
      double lat = rng.uniform(spec.box[1], spec.box[3]);
      std::string x = formatFixed(lon, 4), y = formatFixed(lat, 4);
      if (field.type() == FieldType::kGeojson) {
        std::string x2 = formatFixed(std::clamp(lon + rng.uniform(-0.005, 0.005), -180.0, 180.0), 4);
        std::string y2 = formatFixed(std::clamp(lat + rng.uniform(-0.005, 0.005), -90.0, 90.0), 4);
        slot.text = "{\"type\": \"LineString\", \"coordinates\": [[" + x + ", " + y + "], [" + x2 + ", " + y2 + "]]}";
      } else if (field.cast.geopoint == GeoPointFormat::kArray) {
        slot.text = "[" + x + ", " + y + "]";
      } else if (field.cast.geopoint == GeoPointFormat::kObject) {
        slot.text = "{\"lon\": " + x + ", \"lat\": " + y + "}";
      } else {
        slot.text = x + ", " + y;
      }
      return true;
    }
    case Kind::kList: {
      auto n = static_cast<int64_t>(spec.values.size());
      int64_t k = rng.uniformInt(spec.minItems, spec.maxItems);
      std::vector<size_t> picked;
      // Selection sampling keeps the order of the list.
      for (int64_t i = 0; i < n && static_cast<int64_t>(picked.size()) < k; ++i) {
        if (rng.uniformInt(0, n - i - 1) < k - static_cast<int64_t>(picked.size())) picked.push_back(static_cast<size_t>(i));
      }
      slot.text.clear();
      for (size_t i = 0; i < picked.size(); ++i) {
        if (i) slot.text += field.cast.list.delimiter;
        slot.text += spec.values[picked[i]];
      }
      return true;
    }
  }
  return false;
}

Status Generator::makeRow() {
  for (size_t fi : plan_.order) {
    const FieldPlan& fp = plan_.fields[fi];
    Slot& slot = slots_[fi];
    slot.missing = false;
    if (fp.keyDim >= 0) {
      auto d = static_cast<size_t>(fp.keyDim);
      const Domain& dom = plan_.dims[d];
      if (checkedDigit_[d] != digits_[d]) {
        slot.text = dom.value(digits_[d]);
        if (!dom.listChecked) {
          if (auto r = readCell(*fp.field, slot.text); !r) {
            return fail(ErrorCode::kInvalidInput, "Der erzeugte Schlüssel " + q(slot.text) + " im Feld " + q(fp.field->name) +
                                                      " ist ungültig: " + r.error().message);
          }
        }
        checkedDigit_[d] = digits_[d];
      }
      continue;
    }
    if (fp.uniqueDom >= 0) {
      slot.text = plan_.uniques[static_cast<size_t>(fp.uniqueDom)].value(row_);
      if (auto r = readCell(*fp.field, slot.text); !r) {
        return fail(ErrorCode::kInvalidInput, "Der erzeugte Wert " + q(slot.text) + " im Feld " + q(fp.field->name) +
                                                  " ist ungültig: " + r.error().message);
      }
      continue;
    }
    Rng keyed = Rng::keyed(0);
    Rng* rng = &rng_;
    if (fp.spec.stableDim >= 0) {
      keyed = Rng::keyed(hashCombine(hashCombine(options_.seed, fi + 1), static_cast<uint64_t>(digits_[static_cast<size_t>(fp.spec.stableDim)])));
      rng = &keyed;
    }
    std::string problem;
    bool ok = false;
    for (int attempt = 0; attempt < kRetries && !ok; ++attempt) {
      if (!generate(fp, fp.spec, *rng, slot)) {
        problem = "kein Wert für " + q(slots_[fp.spec.sources.empty() ? fi : fp.spec.sources[0]].text);
        break;
      }
      if (fp.spec.kind == Kind::kTree && slot.text.empty()) {
        ok = true;
        break;
      }
      auto r = readCell(*fp.field, slot.text);
      if (r) {
        ok = true;
      } else {
        problem = r.error().message;
      }
    }
    if (!ok && !fp.field->constraints.required && !fp.field->missingValues.empty()) {
      // An optional field stays empty where its rule gives nothing valid (e.g. an AGS taken
      // from an --areas id that is not one).
      slot.missing = true;
      continue;
    }
    if (!ok) {
      return fail(ErrorCode::kInvalidInput, "Für das Feld " + q(fp.field->name) + " ließ sich kein gültiger Wert erzeugen (" +
                                                problem + "). Bitte synth.json prüfen.");
    }
    if (fp.mayBeMissing) {
      double rate = fp.spec.missingRate;
      if (fp.spec.kind == Kind::kByCode) {
        auto it = fp.spec.codes.find(slots_[fp.spec.sources[0]].text);
        rate = it != fp.spec.codes.end() ? it->second->missingRate : fp.spec.fallback->missingRate;
      }
      slot.missing = rng->chance(rate);
    }
  }
  return {};
}

Status Generator::run(std::ostream& out) {
  std::string buffer;
  for (size_t i = 0; i < plan_.fields.size(); ++i) {
    if (i) buffer.push_back(',');
    appendCsvCell(buffer, plan_.fields[i].field->name);
  }
  buffer.push_back('\n');
  for (row_ = 0; row_ < options_.rows; ++row_) {
    if (auto s = makeRow(); !s) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      return s;
    }
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (i) buffer.push_back(',');
      if (slots_[i].missing) appendCsvCell(buffer, plan_.fields[i].missingCell);
      else appendCsvCell(buffer, slots_[i].text);
    }
    buffer.push_back('\n');
    if (buffer.size() >= kFlushBytes) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
    // Mixed-radix counter over the key dimensions.
    for (size_t k = iter_.size(); k-- > 0;) {
      size_t d = iter_[k];
      if (++digits_[d] < plan_.dims[d].size) break;
      digits_[d] = 0;
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
  if (!out) return fail(ErrorCode::kInternal, "Die Ausgabe konnte nicht geschrieben werden.");
  return {};
}

}  // namespace

Result<json> readSynthHints(const fs::path& modelDir) {
  std::error_code ec;
  fs::path path = modelDir / "synth.json";
  if (!fs::exists(path, ec)) return json();
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, "Die Datei " + q(path.string()) + " kann nicht gelesen werden.");
  std::stringstream text;
  text << in.rdbuf();
  auto hints = json::parse(text.str(), nullptr, false);
  if (hints.is_discarded()) return fail(ErrorCode::kInvalidInput, q(path.string()) + " ist kein gültiges JSON.");
  return hints;
}

Status synthesizeWithHints(const DataPackage& package, const fs::path& modelDir, const json& hints,
                           const SynthOptions& options, std::ostream& out) {
  if (options.rows < 0 || options.rows > kSynthMaxRows) {
    return fail(ErrorCode::kInvalidInput, "Die Zeilenzahl muss zwischen 0 und " + std::to_string(kSynthMaxRows) + " liegen.");
  }
  const Resource* resource = nullptr;
  if (options.resource.empty()) {
    for (const auto& r : package.resources) {
      if (r.schema) {
        resource = &r;
        break;
      }
    }
  } else {
    resource = package.resource(options.resource);
  }
  if (!resource || !resource->schema) {
    std::string names;
    for (const auto& r : package.resources) {
      if (r.schema) names += (names.empty() ? "" : ", ") + r.name;
    }
    return fail(ErrorCode::kNotFound, "Die Ressource " + q(options.resource) + " gibt es im Modell nicht oder sie hat kein "
                                      "Schema (vorhanden: " + (names.empty() ? "keine" : names) + ").");
  }
  auto plan = buildPlan(package, *resource, modelDir, hints, options);
  if (!plan) return std::unexpected(plan.error());
  if (auto s = sizeDomains(*plan, options.rows); !s) return s;
  Generator generator(*plan, options);
  return generator.run(out);
}

Status synthesize(const DataPackage& package, const fs::path& modelDir, const SynthOptions& options, std::ostream& out) {
  auto hints = readSynthHints(modelDir);
  if (!hints) return std::unexpected(hints.error());
  return synthesizeWithHints(package, modelDir, *hints, options, out);
}

std::optional<std::string> samplePattern(const std::string& pattern, uint64_t seed) {
  Rng rng(seed);
  return samplePatternWith(pattern, rng);
}

}  // namespace opgv::validation
