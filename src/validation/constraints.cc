#include "validation/constraints.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <charconv>
#include <mutex>
#include <optional>
#include <regex>

// Without this valijson prints to stderr and calls abort() on a schema it cannot read (for example
// a remote $ref); with it, it throws and compile() turns that into a German schema error.
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "common/strings.h"
#include "validation/schema.h"

namespace opgv::validation {
namespace {

using json = nlohmann::json;

// UTF-8 to UTF-32 (wchar_t is 32 bits on Linux); broken sequences become U+FFFD so that they can
// never match a character class by accident.
std::wstring toWide(std::string_view s) {
  std::wstring out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(L'\xFFFD');
      ++i;
      continue;
    }
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool ok = true;
    for (size_t k = 1; k < len && ok; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      ok = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (!ok || cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(L'\xFFFD');
      ++i;
      continue;
    }
    out.push_back(static_cast<wchar_t>(cp));
    i += len;
  }
  return out;
}

// XML Schema regex features that ECMAScript reads differently or not at all.
std::optional<std::string> xsdOnlySyntax(std::string_view p) {
  bool inClass = false;
  // libstdc++ compiles groups recursively; thousands of nested groups exhaust the stack (found by
  // fuzz/schema_fuzzer.cc). Real patterns nest a few levels.
  constexpr int kMaxGroupDepth = 32;
  constexpr size_t kMaxPatternBytes = 4096;
  if (p.size() > kMaxPatternBytes) return "das Muster ist länger als 4.096 Zeichen";
  int depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (!inClass && c == '(' && ++depth > kMaxGroupDepth) return "das Muster hat mehr als 32 verschachtelte Gruppen";
    if (!inClass && c == ')' && depth > 0) --depth;
    if (c == '\\' && i + 1 < p.size()) {
      char n = p[i + 1];
      if (n == 'p' || n == 'P') return "Unicode-Klassen wie \\p{L} werden nicht unterstützt";
      if (n == 'i' || n == 'c' || n == 'I' || n == 'C') return "die XML-Schema-Klassen \\i und \\c werden nicht unterstützt";
      if (n >= '1' && n <= '9' && !inClass) return "Rückverweise wie \\1 werden nicht unterstützt";
      ++i;
      continue;
    }
    if (c == '[') {
      if (inClass) return "Abzüge von Zeichenklassen wie [a-z-[aeiou]] werden nicht unterstützt";
      inClass = true;
    } else if (c == ']') {
      inClass = false;
    }
  }
  return std::nullopt;
}

std::string regexProblem(std::regex_constants::error_type code) {
  using namespace std::regex_constants;
  if (code == error_backref) return "Rückverweise wie \\1 werden nicht unterstützt";
  if (code == error_paren) return "runde Klammern passen nicht zusammen";
  if (code == error_brack) return "eckige Klammern passen nicht zusammen";
  if (code == error_brace) return "geschweifte Klammern passen nicht zusammen";
  if (code == error_badbrace) return "eine Wiederholung in { } ist ungültig";
  if (code == error_range) return "ein Zeichenbereich ist ungültig";
  if (code == error_escape) return "eine Escape-Sequenz mit \\ ist ungültig";
  if (code == error_badrepeat) return "ein Wiederholungszeichen (*, +, ?) steht an falscher Stelle";
  return "der Ausdruck lässt sich nicht übersetzen";
}

std::string escapePointer(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string inQuotes(std::string_view s) { return "„" + displayCell(s) + "“"; }

bool isTemporal(FieldType t) {
  return t == FieldType::kDate || t == FieldType::kTime || t == FieldType::kDatetime || t == FieldType::kYear ||
         t == FieldType::kYearmonth;
}

bool isLengthType(FieldType t) {
  return t == FieldType::kString || t == FieldType::kArray || t == FieldType::kObject || t == FieldType::kList;
}

bool isRangeType(const Field& field) {
  switch (field.type()) {
    case FieldType::kInteger:
    case FieldType::kNumber:
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDatetime:
    case FieldType::kDuration:
    case FieldType::kYear:
    case FieldType::kYearmonth: return true;
    // Ordered categories give strings a natural order (§1.1 categoriesOrdered).
    case FieldType::kString: return field.categoriesOrdered && !field.categories.empty();
    default: return false;
  }
}

[[gnu::cold]] DataError constraintError(std::string message, std::string_view constraint) {
  return DataError{std::string(kConstraintError), std::move(message), std::string(constraint)};
}

std::string categoryList(const Field& field) {
  std::string out;
  for (size_t i = 0; i < field.categories.size() && i < 12; ++i) {
    if (i) out += ", ";
    out += inQuotes(formatValue(field.categories[i].value, field.cast));
    if (!field.categories[i].label.empty()) out += " (" + displayCell(field.categories[i].label) + ")";
  }
  if (field.categories.size() > 12) out += ", …";
  return out;
}

std::string enumList(const Field& field, const std::vector<Value>& values) {
  std::string out;
  for (size_t i = 0; i < values.size() && i < 12; ++i) {
    if (i) out += ", ";
    out += inQuotes(formatValue(values[i], field.cast));
  }
  if (values.size() > 12) out += ", …";
  return out;
}

std::optional<uint64_t> lengthOf(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kString: return strings::utf8Length(value.asString());
    case Value::Kind::kJson: return value.asJson().size();
    case Value::Kind::kList: return value.asList().size();
    default: return std::nullopt;
  }
}

std::string_view lengthUnit(FieldType t) {
  if (t == FieldType::kString) return "Zeichen";
  if (t == FieldType::kObject) return "Eigenschaften";
  return "Einträge";
}

// Satisfied only when the comparison has an answer: NaN or an unordered pair fails every bound.
bool holds(std::partial_ordering c, std::string_view constraint) {
  if (constraint == "minimum") return c >= 0;
  if (constraint == "maximum") return c <= 0;
  if (constraint == "exclusiveMinimum") return c > 0;
  return c < 0;  // exclusiveMaximum
}

[[gnu::cold]] DataError boundError(const Field& field, std::string_view cell, const Value& limit,
                                   std::string_view constraint) {
  std::string v = inQuotes(cell);
  std::string l = formatValue(limit, field.cast);
  bool temporal = isTemporal(field.type());
  std::string text;
  if (constraint == "minimum")
    text = temporal ? v + " liegt vor dem frühesten erlaubten Wert " + l : v + " ist kleiner als das Minimum " + l;
  else if (constraint == "maximum")
    text = temporal ? v + " liegt nach dem spätesten erlaubten Wert " + l : v + " ist größer als das Maximum " + l;
  else if (constraint == "exclusiveMinimum")
    text = temporal ? v + " muss nach " + l + " liegen" : v + " muss größer als " + l + " sein";
  else
    text = temporal ? v + " muss vor " + l + " liegen" : v + " muss kleiner als " + l + " sein";
  return constraintError(text + " (Bedingung „" + std::string(constraint) + "“).", constraint);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// pattern

// Most patterns in real schemas are a sequence of single characters and classes with counts
// ("[0-9]{8}", "\\d{4}/\\d{2}", "[A-Z]{2}[0-9]+"). For those and an ASCII cell, a small
// position-set matcher gives the same answer as the regex without converting the cell to UTF-32
// or allocating (measured: the regex was a quarter of the validation time for a schema with an
// AGS pattern; bench/validate.sh). Anything else – groups, alternation, lazy quantifiers,
// non-ASCII cells – goes to the regex.
class SimplePattern {
 public:
  static std::optional<SimplePattern> compile(std::string_view pattern) {
    SimplePattern out;
    size_t i = 0;
    if (!pattern.empty() && pattern.front() == '^') i = 1;
    size_t end = pattern.size();
    if (end > i && pattern.back() == '$' && (end < 2 || pattern[end - 2] != '\\')) --end;
    while (i < end) {
      Atom atom;
      unsigned char c = static_cast<unsigned char>(pattern[i]);
      if (c >= 0x80) return std::nullopt;
      if (c == '[') {
        size_t close = i + 1;
        bool negate = close < end && pattern[close] == '^';
        if (negate) ++close;
        std::bitset<128> set;
        if (close < end && pattern[close] == ']') return std::nullopt;  // [] and []…] differ between dialects
        while (close < end && pattern[close] != ']') {
          unsigned char x = static_cast<unsigned char>(pattern[close]);
          if (x >= 0x80) return std::nullopt;
          if (x == '\\') {
            if (close + 1 >= end) return std::nullopt;
            if (!addEscape(set, pattern[close + 1])) return std::nullopt;
            close += 2;
            continue;
          }
          if (x == '[') return std::nullopt;  // [[:digit:]] and friends
          if (close + 2 < end && pattern[close + 1] == '-' && pattern[close + 2] != ']') {
            unsigned char y = static_cast<unsigned char>(pattern[close + 2]);
            if (y >= 0x80 || y == '\\' || y < x) return std::nullopt;
            for (unsigned v = x; v <= y; ++v) set.set(v);
            close += 3;
            continue;
          }
          set.set(x);
          ++close;
        }
        if (close >= end) return std::nullopt;
        atom.set = negate ? ~set : set;
        i = close + 1;
      } else if (c == '\\') {
        if (i + 1 >= end) return std::nullopt;
        std::bitset<128> set;
        if (!addEscape(set, pattern[i + 1])) return std::nullopt;
        atom.set = set;
        i += 2;
      } else if (c == '.') {
        atom.set.set();
        atom.set.reset('\n');
        atom.set.reset('\r');
        i += 1;
      } else if (std::string_view("()|^$*+?{}]").find(static_cast<char>(c)) != std::string_view::npos) {
        return std::nullopt;
      } else {
        atom.set.set(c);
        i += 1;
      }
      if (i < end) {
        char q = pattern[i];
        if (q == '?' || q == '*' || q == '+') {
          atom.min = q == '+' ? 1 : 0;
          atom.max = q == '?' ? 1 : kUnbounded;
          ++i;
        } else if (q == '{') {
          size_t close = pattern.find('}', i);
          if (close == std::string_view::npos || close >= end) return std::nullopt;
          auto body = pattern.substr(i + 1, close - i - 1);
          auto comma = body.find(',');
          auto number = [](std::string_view t, uint32_t& v) {
            if (t.empty() || t.size() > 6) return false;
            auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            return ec == std::errc() && p == t.data() + t.size();
          };
          if (comma == std::string_view::npos) {
            if (!number(body, atom.min)) return std::nullopt;
            atom.max = atom.min;
          } else {
            if (!number(body.substr(0, comma), atom.min)) return std::nullopt;
            auto upper = body.substr(comma + 1);
            if (upper.empty()) {
              atom.max = kUnbounded;
            } else if (!number(upper, atom.max) || atom.max < atom.min) {
              return std::nullopt;
            }
          }
          i = close + 1;
        }
        if (i < end && (pattern[i] == '?' || pattern[i] == '+' || pattern[i] == '*' || pattern[i] == '{')) {
          return std::nullopt;  // lazy or possessive quantifiers, or a second quantifier
        }
      }
      out.atoms_.push_back(atom);
    }
    return out;
  }

  // nullopt: the cell is not ASCII, ask the regex.
  std::optional<bool> matches(std::string_view text) const {
    for (char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    }
    const size_t n = text.size();
    // Reachable positions before and after each atom; cells are short, two small vectors.
    thread_local std::vector<char> reach, next;
    reach.assign(n + 1, 0);
    reach[0] = 1;
    for (const Atom& atom : atoms_) {
      next.assign(n + 1, 0);
      bool any = false;
      for (size_t p = 0; p <= n; ++p) {
        if (!reach[p]) continue;
        if (atom.min == 0) {
          next[p] = 1;
          any = true;
        }
        size_t count = 0;
        for (size_t j = p; j < n && count < atom.max; ++j) {
          if (!atom.set.test(static_cast<unsigned char>(text[j]))) break;
          ++count;
          if (count >= atom.min) {
            next[j + 1] = 1;
            any = true;
          }
        }
      }
      if (!any) return false;
      reach.swap(next);
    }
    return reach[n] != 0;
  }

 private:
  static constexpr uint32_t kUnbounded = UINT32_MAX;
  struct Atom {
    std::bitset<128> set;
    uint32_t min = 1;
    uint32_t max = 1;
  };
  static bool addEscape(std::bitset<128>& set, char e) {
    switch (e) {
      case 'd':
        for (char c = '0'; c <= '9'; ++c) set.set(static_cast<unsigned char>(c));
        return true;
      case 'w':
        for (char c = '0'; c <= '9'; ++c) set.set(static_cast<unsigned char>(c));
        for (char c = 'a'; c <= 'z'; ++c) set.set(static_cast<unsigned char>(c));
        for (char c = 'A'; c <= 'Z'; ++c) set.set(static_cast<unsigned char>(c));
        set.set('_');
        return true;
      case 's':
        for (char c : std::string_view(" \t\n\r\v\f")) set.set(static_cast<unsigned char>(c));
        return true;
      default:
        // An escaped punctuation character stands for itself; letters and digits are classes,
        // back-references or escapes this matcher does not know.
        if (std::isalnum(static_cast<unsigned char>(e)) || static_cast<unsigned char>(e) >= 0x80) return false;
        set.set(static_cast<unsigned char>(e));
        return true;
    }
  }
  std::vector<Atom> atoms_;
};

struct PatternMatcher::Impl {
  std::wregex regex;
  std::optional<SimplePattern> simple;
};

PatternMatcher::~PatternMatcher() = default;

std::shared_ptr<const PatternMatcher> PatternMatcher::compile(std::string_view pattern, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = "Das Muster " + inQuotes(pattern) + " ist kein gültiger regulärer Ausdruck: " + why + ".";
    return nullptr;
  };
  if (auto why = xsdOnlySyntax(pattern)) return fail(*why);
  std::shared_ptr<PatternMatcher> matcher(new PatternMatcher());
  matcher->text_ = std::string(pattern);
  matcher->impl_ = std::make_unique<Impl>();
  auto flags = std::regex_constants::ECMAScript;
#if defined(__GLIBCXX__)
  // Breadth-first executor: linear time, no recursion per input character (see the header).
  flags |= std::regex_constants::__polynomial;
#endif
  try {
    matcher->impl_->regex = std::wregex(toWide(pattern), flags);
  } catch (const std::regex_error& e) {
    return fail(regexProblem(e.code()));
  }
  matcher->impl_->simple = SimplePattern::compile(pattern);
  return matcher;
}

bool PatternMatcher::matches(std::string_view text) const {
  if (impl_->simple) {
    if (auto fast = impl_->simple->matches(text)) return *fast;
  }
  std::wstring wide = toWide(text);
  try {
    return std::regex_match(wide, impl_->regex);
  } catch (const std::regex_error&) {
    return false;  // only resource limits end up here; a value we cannot check does not pass
  }
}

// ---------------------------------------------------------------------------------------------
// jsonSchema

struct JsonSchemaCheck::Impl {
  json descriptor;
  valijson::Schema schema;
  // valijson's Validator caches compiled regexes and is not const; one per field, serialised.
  std::mutex mutex;
  valijson::Validator validator;
};

JsonSchemaCheck::~JsonSchemaCheck() = default;

namespace {

// valijson's parser recurses once per level of the schema (found by fuzz/schema_fuzzer.cc).
size_t jsonDepth(const json& value, size_t limit) {
  if (limit == 0) return 1;
  size_t deepest = 0;
  if (value.is_object() || value.is_array()) {
    for (const auto& item : value) deepest = std::max(deepest, jsonDepth(item, limit - 1));
    return deepest + 1;
  }
  return 0;
}

}  // namespace

std::shared_ptr<const JsonSchemaCheck> JsonSchemaCheck::compile(const json& schema, std::string* error) {
  constexpr size_t kMaxSchemaDepth = 32;
  if (jsonDepth(schema, kMaxSchemaDepth + 1) > kMaxSchemaDepth) {
    if (error) *error = "Das JSON Schema unter „jsonSchema“ ist tiefer als 32 Ebenen verschachtelt.";
    return nullptr;
  }
  std::shared_ptr<JsonSchemaCheck> check(new JsonSchemaCheck());
  check->impl_ = std::make_unique<Impl>();
  check->impl_->descriptor = schema;
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(check->impl_->descriptor);
    parser.populateSchema(adapter, check->impl_->schema);
  } catch (const std::exception& e) {
    if (error)
      *error = "Das JSON Schema unter „jsonSchema“ lässt sich nicht lesen (JSON Schema Draft 7; Verweise auf "
               "andere Dateien werden nicht geladen). Technische Angabe: " +
               displayCell(e.what());
    return nullptr;
  }
  return check;
}

std::optional<std::string> JsonSchemaCheck::firstViolation(const json& value) const {
  std::lock_guard lock(impl_->mutex);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(value);
  try {
    if (impl_->validator.validate(impl_->schema, target, &results)) return std::nullopt;
  } catch (const std::exception& e) {
    return std::string(e.what());
  }
  // The most specific error is the one with the deepest context.
  valijson::ValidationResults::Error error, best;
  while (results.popError(error))
    if (error.context.size() >= best.context.size()) best = error;
  std::string where;
  for (const auto& part : best.context) {
    if (part == "<root>") continue;
    std::string p = part;
    if (p.size() >= 2 && p.front() == '[' && p.back() == ']') p = p.substr(1, p.size() - 2);
    if (p.size() >= 2 && p.front() == '"' && p.back() == '"') p = p.substr(1, p.size() - 2);
    where += "/" + p;
  }
  return (where.empty() ? "/" : where) + ": " + best.description;
}

// ---------------------------------------------------------------------------------------------
// Reading constraints from a descriptor

Constraints parseConstraints(const json& c, const Field& field, const std::string& pointer,
                             std::vector<FieldError>& errors) {
  Constraints out;
  if (!c.is_object()) {
    errors.push_back({pointer, "„constraints“ muss ein JSON-Objekt sein."});
    return out;
  }
  const FieldType type = field.type();
  const std::string typeName(fieldTypeName(type));
  auto notFor = [&](const std::string& ptr, std::string_view key, std::string_view allowed) {
    errors.push_back({ptr, "Die Bedingung „" + std::string(key) + "“ gibt es für den Typ „" + typeName +
                               "“ nicht (nur für " + std::string(allowed) + ")."});
  };
  auto castLimit = [&](const std::string& ptr, std::string_view key, const json& value) -> std::optional<Value> {
    auto v = castJsonValue(field.cast, value);
    if (!v) {
      errors.push_back({ptr, "Der Wert der Bedingung „" + std::string(key) + "“ passt nicht zum Typ „" + typeName +
                                 "“: " + v.error().message});
      return std::nullopt;
    }
    if (!field.categories.empty() && field.categoriesOrdered && type == FieldType::kString &&
        !categoryIndex(field, *v)) {
      errors.push_back({ptr, "Der Wert der Bedingung „" + std::string(key) + "“ muss eine der Kategorien sein."});
      return std::nullopt;
    }
    return std::move(*v);
  };

  for (const auto& [key, value] : c.items()) {
    const std::string ptr = pointer + "/" + escapePointer(key);
    if (key == "required" || key == "unique") {
      if (!value.is_boolean()) {
        errors.push_back({ptr, "„" + key + "“ muss true oder false sein."});
        continue;
      }
      (key == "required" ? out.required : out.unique) = value.get<bool>();
    } else if (key == "minLength" || key == "maxLength") {
      if (!isLengthType(type)) {
        notFor(ptr, key, "string, array, object, list");
        continue;
      }
      if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<int64_t>() >= 0)) {
        errors.push_back({ptr, "„" + key + "“ muss eine ganze Zahl ab 0 sein."});
        continue;
      }
      (key == "minLength" ? out.minLength : out.maxLength) = value.get<uint64_t>();
    } else if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" || key == "exclusiveMaximum") {
      if (!isRangeType(field)) {
        notFor(ptr, key,
               "integer, number, date, time, datetime, duration, year, yearmonth und string mit "
               "categoriesOrdered");
        continue;
      }
      auto v = castLimit(ptr, key, value);
      if (!v) continue;
      if (key == "minimum") out.minimum = std::move(v);
      else if (key == "maximum") out.maximum = std::move(v);
      else if (key == "exclusiveMinimum") out.exclusiveMinimum = std::move(v);
      else out.exclusiveMaximum = std::move(v);
    } else if (key == "pattern") {
      if (type != FieldType::kString) {
        notFor(ptr, key, "string");
        continue;
      }
      if (!value.is_string()) {
        errors.push_back({ptr, "„pattern“ muss ein Text sein."});
        continue;
      }
      std::string error;
      out.pattern = PatternMatcher::compile(value.get<std::string>(), &error);
      if (!out.pattern) errors.push_back({ptr, error});
    } else if (key == "enum") {
      if (!value.is_array() || value.empty()) {
        errors.push_back({ptr, "„enum“ muss eine nicht leere Liste von Werten sein."});
        continue;
      }
      std::vector<Value> values;
      bool ok = true;
      for (size_t j = 0; j < value.size(); ++j) {
        const std::string itemPtr = ptr + "/" + std::to_string(j);
        auto v = castJsonValue(field.cast, value[j]);
        if (!v) {
          errors.push_back({itemPtr, "Der Wert " + std::to_string(j + 1) + " in „enum“ passt nicht zum Typ „" +
                                         typeName + "“: " + v.error().message});
          ok = false;
          continue;
        }
        // §1.1: an enum on a field with categories must be a subset of them.
        if (!field.categories.empty() && !categoryIndex(field, *v)) {
          errors.push_back({itemPtr, "Der Wert " + inQuotes(formatValue(*v, field.cast)) +
                                         " in „enum“ ist keine der Kategorien des Feldes."});
          ok = false;
          continue;
        }
        values.push_back(std::move(*v));
      }
      if (ok) {
        if (std::all_of(values.begin(), values.end(), [](const Value& v) { return v.kind() == Value::Kind::kString; })) {
          auto set = std::make_shared<std::unordered_set<std::string>>();
          for (const Value& v : values) set->insert(v.asString());
          out.stringEnum = std::move(set);
        }
        out.enumValues = std::move(values);
      }
    } else if (key == "jsonSchema") {
      if (type != FieldType::kObject && type != FieldType::kArray) {
        notFor(ptr, key, "object, array");
        continue;
      }
      if (!value.is_object()) {
        errors.push_back({ptr, "„jsonSchema“ muss ein JSON-Objekt (ein JSON Schema) sein."});
        continue;
      }
      std::string error;
      out.jsonSchema = JsonSchemaCheck::compile(value, &error);
      if (!out.jsonSchema) errors.push_back({ptr, error});
      out.jsonSchemaDescriptor = value;
    } else {
      errors.push_back({ptr, "Die Bedingung „" + displayCell(key) +
                                 "“ gibt es nicht (möglich: required, unique, minLength, maxLength, minimum, "
                                 "maximum, exclusiveMinimum, exclusiveMaximum, pattern, enum, jsonSchema)."});
    }
  }

  if (out.minLength && out.maxLength && *out.minLength > *out.maxLength)
    errors.push_back({pointer + "/minLength", "„minLength“ (" + std::to_string(*out.minLength) +
                                                  ") ist größer als „maxLength“ (" + std::to_string(*out.maxLength) + ")."});
  auto lower = out.minimum ? out.minimum : out.exclusiveMinimum;
  auto upper = out.maximum ? out.maximum : out.exclusiveMaximum;
  if (lower && upper && compareInField(field, *lower, *upper) > 0)
    errors.push_back({pointer + (out.minimum ? "/minimum" : "/exclusiveMinimum"),
                      "Die Untergrenze " + formatValue(*lower, field.cast) + " liegt über der Obergrenze " +
                          formatValue(*upper, field.cast) + "."});
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cells

bool isMissingValue(const Field& field, std::string_view cell) {
  for (const auto& m : field.missingValues)
    if (cell == m.value) return true;
  return false;
}

std::optional<size_t> categoryIndex(const Field& field, const Value& value) {
  if (field.stringCategoryIndex && value.kind() == Value::Kind::kString) {
    auto it = field.stringCategoryIndex->find(value.asString());
    if (it != field.stringCategoryIndex->end()) return it->second;
    return std::nullopt;
  }
  for (size_t i = 0; i < field.categories.size(); ++i)
    if (compare(field.categories[i].value, value) == 0) return i;
  return std::nullopt;
}

std::partial_ordering compareInField(const Field& field, const Value& a, const Value& b) {
  if (field.categoriesOrdered && !field.categories.empty()) {
    auto ia = categoryIndex(field, a), ib = categoryIndex(field, b);
    if (ia && ib) return *ia <=> *ib;
  }
  return compare(a, b);
}

std::optional<DataError> checkValue(const Field& field, const Value& value, std::string_view cell) {
  if (!field.categories.empty() && !categoryIndex(field, value))
    return constraintError(inQuotes(cell) + " ist keine der erlaubten Kategorien: " + categoryList(field) + ".",
                           "categories");
  const Constraints& c = field.constraints;
  if (c.minLength || c.maxLength) {
    if (auto length = lengthOf(value)) {
      std::string unit(lengthUnit(field.type()));
      if (c.minLength && *length < *c.minLength)
        return constraintError(inQuotes(cell) + " ist zu kurz: " + std::to_string(*length) + " " + unit +
                                   ", mindestens " + std::to_string(*c.minLength) + " sind verlangt (Bedingung „minLength“).",
                               "minLength");
      if (c.maxLength && *length > *c.maxLength)
        return constraintError(inQuotes(cell) + " ist zu lang: " + std::to_string(*length) + " " + unit +
                                   ", höchstens " + std::to_string(*c.maxLength) + " sind erlaubt (Bedingung „maxLength“).",
                               "maxLength");
    }
  }
  if (c.minimum && !holds(compareInField(field, value, *c.minimum), "minimum"))
    return boundError(field, cell, *c.minimum, "minimum");
  if (c.maximum && !holds(compareInField(field, value, *c.maximum), "maximum"))
    return boundError(field, cell, *c.maximum, "maximum");
  if (c.exclusiveMinimum && !holds(compareInField(field, value, *c.exclusiveMinimum), "exclusiveMinimum"))
    return boundError(field, cell, *c.exclusiveMinimum, "exclusiveMinimum");
  if (c.exclusiveMaximum && !holds(compareInField(field, value, *c.exclusiveMaximum), "exclusiveMaximum"))
    return boundError(field, cell, *c.exclusiveMaximum, "exclusiveMaximum");
  if (c.pattern && value.kind() == Value::Kind::kString && !c.pattern->matches(value.asString()))
    return constraintError(inQuotes(cell) + " entspricht nicht dem vorgegebenen Muster " + inQuotes(c.pattern->text()) +
                               " (Bedingung „pattern“).",
                           "pattern");
  if (c.enumValues) {
    bool found = c.stringEnum && value.kind() == Value::Kind::kString
                     ? c.stringEnum->contains(value.asString())
                     : std::any_of(c.enumValues->begin(), c.enumValues->end(),
                             [&](const Value& allowed) { return compare(allowed, value) == 0; });
    if (!found)
      return constraintError(inQuotes(cell) + " ist nicht erlaubt; erlaubt sind " + enumList(field, *c.enumValues) +
                                 " (Bedingung „enum“).",
                             "enum");
  }
  if (c.jsonSchema && value.kind() == Value::Kind::kJson) {
    if (auto violation = c.jsonSchema->firstViolation(value.asJson())) {
      // valijson describes the problem in English; people get the place, the note keeps the detail.
      std::string where = violation->substr(0, violation->find(':'));
      std::string place = where == "/" ? "" : ", Stelle " + displayCell(where);
      return DataError{std::string(kConstraintError),
                       inQuotes(cell) + " entspricht nicht dem JSON Schema des Feldes (Bedingung „jsonSchema“" + place + ").",
                       "jsonSchema: " + *violation};
    }
  }
  return std::nullopt;
}

std::expected<Value, DataError> readCell(const Field& field, std::string_view cell) {
  if (isMissingValue(field, cell)) {
    if (!field.constraints.required) return Value::null();
    std::string why = field.inPrimaryKey ? "es gehört zum Primärschlüssel und muss daher immer gefüllt sein"
                                         : "es ist ein Pflichtfeld";
    return std::unexpected(constraintError(
        "Im Feld " + inQuotes(field.name) + " fehlt der Wert, aber " + why + " (Bedingung „required“).", "required"));
  }
  auto value = castCell(field.cast, cell);
  if (!value) return value;
  if (auto error = checkValue(field, *value, cell)) return std::unexpected(std::move(*error));
  return value;
}

DataError uniqueError(const Field& field, std::string_view cell, uint64_t firstRow) {
  return DataError{std::string(kUniqueError),
                   inQuotes(cell) + " kommt im Feld " + inQuotes(field.name) + " mehrfach vor, zuerst in Zeile " +
                       std::to_string(firstRow) + "; die Werte müssen eindeutig sein (Bedingung „unique“).",
                   "unique"};
}

}  // namespace opgv::validation
