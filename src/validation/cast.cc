#include "validation/cast.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace opgv::validation {
namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Small helpers

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trimSpace(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
  return true;
}

bool istartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// ---------------------------------------------------------------------------------------------
// Failures: the hot path only records why; the cold path turns that into German text.

enum class Why : uint8_t {
  kSyntax, kEmpty, kIntegerRange, kGrouping, kNoSuchDay, kMonthRange, kTimeRange, kOffsetRange,
  kYearRange, kGeoRange, kJsonSyntax, kJsonDepth, kDurationRange, kDetail,
};

struct Fail {
  Why why = Why::kSyntax;
  int32_t a = 0, b = 0, c = 0;
  std::string detail;  // only filled on the cold path (kDetail, kGrouping)
};

constexpr std::array<const char*, 12> kGermanMonths = {"Januar", "Februar", "März",     "April",
                                                       "Mai",    "Juni",    "Juli",     "August",
                                                       "September", "Oktober", "November", "Dezember"};
constexpr size_t kMaxJsonDepth = 100;
constexpr int64_t kMaxOffsetMinutes = 14 * 60;

std::string reasonText(const Fail& f) {
  switch (f.why) {
    case Why::kSyntax: return {};
    case Why::kEmpty: return " Die Zelle ist leer.";
    case Why::kIntegerRange:
      return " Die Zahl ist zu groß für eine Ganzzahl (möglich sind −9.223.372.036.854.775.808 bis "
             "9.223.372.036.854.775.807).";
    case Why::kGrouping:
      return " Das Tausendertrennzeichen „" + f.detail +
             "“ steht an einer unerwarteten Stelle; es trennt immer Gruppen von drei Ziffern.";
    case Why::kNoSuchDay: {
      std::string out = " Den " + std::to_string(f.a) + ". " + kGermanMonths[static_cast<size_t>(f.b - 1)] +
                        " " + std::to_string(f.c) + " gibt es nicht";
      if (f.b == 2 && f.a == 29) out += " (" + std::to_string(f.c) + " ist kein Schaltjahr)";
      return out + ".";
    }
    case Why::kMonthRange: return " Einen Monat " + std::to_string(f.b) + " gibt es nicht.";
    case Why::kTimeRange: return " Stunden gehen von 0 bis 23, Minuten und Sekunden von 0 bis 59.";
    case Why::kOffsetRange: return " Die Zeitzone muss zwischen −14:00 und +14:00 liegen.";
    case Why::kYearRange: return " Möglich sind die Jahre 1 bis 9999.";
    case Why::kGeoRange:
      return " Der Längengrad muss zwischen −180 und 180, der Breitengrad zwischen −90 und 90 liegen.";
    case Why::kJsonSyntax: return " Der Text ist kein gültiges JSON.";
    case Why::kJsonDepth: return " Das JSON ist tiefer als 100 Ebenen verschachtelt.";
    case Why::kDurationRange: return " Die Dauer ist zu groß.";
    case Why::kDetail: return " " + f.detail;
  }
  return {};
}

[[gnu::cold]] DataError typeError(std::string_view cell, std::string_view what, std::string_view example,
                                  const Fail& fail, std::string note) {
  std::string message = "„" + displayCell(cell) + "“ ist " + std::string(what) + " (erwartet z. B. " +
                        std::string(example) + ")." + reasonText(fail);
  return DataError{std::string(kTypeError), std::move(message), std::move(note)};
}

// ---------------------------------------------------------------------------------------------
// Numbers

// A stack buffer for the normalised number text ("-1234.56e3"); spills to the heap only for
// absurdly long cells.
class NumberBuffer {
 public:
  explicit NumberBuffer(size_t capacity) {
    if (capacity > sizeof stack_) {
      heap_.resize(capacity);
      data_ = heap_.data();
    }
  }
  void push(char c) { data_[len_++] = c; }
  const char* begin() const { return data_; }
  const char* end() const { return data_ + len_; }

 private:
  char stack_[96];
  std::string heap_;
  char* data_ = stack_;
  size_t len_ = 0;
};

struct ScannedNumber {
  bool negative = false;
  uint64_t coefficient = 0;
  int64_t exponent = 0;   // value = ±coefficient × 10^exponent when exact
  bool exact = true;      // false: more than 18 significant digits or a huge exponent
  bool hasFraction = false;
  bool hasExponent = false;
};

bool isSpecialNumber(std::string_view s, double& out) {
  if (s.size() < 3 || s.size() > 9) return false;
  bool negative = s[0] == '-';
  std::string_view body = (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
  if (iequals(body, "nan") && s.size() == 3) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  return false;
}

// bareNumber=false: strip what surrounds the number ("95 %", "€ 95", "ca. 12,5 m²").
std::string_view stripNonNumeric(std::string_view s, const NumberFormat& f) {
  while (!s.empty() && !isDigit(s.front()) && s.front() != '-' && s.front() != '+' &&
         !s.starts_with(f.decimalChar))
    s.remove_prefix(1);
  while (!s.empty() && !isDigit(s.back())) s.remove_suffix(1);
  return trimSpace(s);
}

// Sign, integer digits with optional grouping, optional fraction and exponent. Writes the plain
// ASCII form to `buf` (for from_chars) and accumulates the exact coefficient on the way.
bool scanNumber(std::string_view s, const NumberFormat& f, bool integerOnly, NumberBuffer& buf,
                ScannedNumber& out, Fail& fail) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    out.negative = s[i] == '-';
    if (out.negative) buf.push('-');
    ++i;
  }
  constexpr int kMaxDigits = 18;
  int significant = 0;
  int64_t droppedIntegerZeros = 0;
  int64_t fractionDigits = 0;
  auto addDigit = [&](char c, bool inFraction) {
    buf.push(c);
    if (significant == 0 && c == '0') {
      if (inFraction) ++fractionDigits;
      return;
    }
    if (significant < kMaxDigits) {
      out.coefficient = out.coefficient * 10 + static_cast<uint64_t>(c - '0');
      ++significant;
      if (inFraction) ++fractionDigits;
    } else if (c != '0') {
      out.exact = false;
    } else if (!inFraction) {
      ++droppedIntegerZeros;  // 10^k beyond 18 digits: still exact as an exponent
    }
  };

  // Integer part. With a group separator the first group has 1–3 digits and every later one 3.
  int groupDigits = 0;
  bool grouped = false;
  int integerDigits = 0;
  const bool grouping = !f.groupChar.empty();
  while (i < s.size()) {
    char c = s[i];
    if (isDigit(c)) {
      addDigit(c, false);
      ++groupDigits;
      ++integerDigits;
      ++i;
      continue;
    }
    if (grouping && s.compare(i, f.groupChar.size(), f.groupChar) == 0 &&
        (integerOnly || s.compare(i, f.decimalChar.size(), f.decimalChar) != 0)) {
      bool ok = grouped ? groupDigits == 3 : (groupDigits >= 1 && groupDigits <= 3);
      if (!ok) {
        fail.why = Why::kGrouping;
        return false;
      }
      grouped = true;
      groupDigits = 0;
      i += f.groupChar.size();
      continue;
    }
    break;
  }
  if (grouped && groupDigits != 3) {
    fail.why = Why::kGrouping;
    return false;
  }
  int fractionCount = 0;
  if (!integerOnly && i < s.size() && s.compare(i, f.decimalChar.size(), f.decimalChar) == 0) {
    out.hasFraction = true;
    buf.push('.');
    i += f.decimalChar.size();
    while (i < s.size() && isDigit(s[i])) {
      addDigit(s[i], true);
      ++fractionCount;
      ++i;
    }
  }
  if (integerDigits + fractionCount == 0) return false;
  int64_t exponent = 0;
  if (!integerOnly && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    out.hasExponent = true;
    buf.push('e');
    ++i;
    bool negativeExp = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      negativeExp = s[i] == '-';
      if (negativeExp) buf.push('-');
      ++i;
    }
    size_t start = i;
    while (i < s.size() && isDigit(s[i])) {
      buf.push(s[i]);
      if (exponent < 1'000'000'000)
        exponent = exponent * 10 + (s[i] - '0');
      else
        out.exact = false;  // saturated: only the double path can still say "infinite" or "zero"
      ++i;
    }
    if (i == start) return false;
    if (negativeExp) exponent = -exponent;
  }
  if (i != s.size()) return false;
  out.exponent = exponent - fractionDigits + droppedIntegerZeros;
  // Keep well inside int32 so that normalising (stripping zeros into the exponent) cannot overflow.
  if (out.exponent < -1'000'000'000 || out.exponent > 1'000'000'000) out.exact = false;
  return true;
}

bool parseNumber(std::string_view cell, const NumberFormat& f, Value& value, Fail& fail) {
  std::string_view s = trimSpace(cell);
  if (s.empty()) {
    fail.why = Why::kEmpty;
    return false;
  }
  double special = 0;
  if (isSpecialNumber(s, special)) {
    value = Value::number(special);
    return true;
  }
  if (!f.bareNumber) s = stripNonNumeric(s, f);
  NumberBuffer buf(s.size() + 2);
  ScannedNumber n;
  if (!scanNumber(s, f, false, buf, n, fail)) return false;
  if (n.exact) {
    int64_t c = static_cast<int64_t>(n.coefficient);
    value = Value::decimal(Decimal{n.negative ? -c : c, static_cast<int32_t>(n.exponent)});
    return true;
  }
  double d = 0;
  auto r = std::from_chars(buf.begin(), buf.end(), d);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars leaves d untouched: the magnitude is beyond double, keep the sign.
    bool tiny = n.exponent < 0;
    d = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    if (n.negative) d = -d;
  } else if (r.ec != std::errc() || r.ptr != buf.end()) {
    return false;
  }
  value = Value::number(d);
  return true;
}

bool parseInteger(std::string_view cell, const NumberFormat& f, int64_t& value, Fail& fail) {
  std::string_view s = trimSpace(cell);
  if (s.empty()) {
    fail.why = Why::kEmpty;
    return false;
  }
  if (!f.bareNumber) s = stripNonNumeric(s, f);
  NumberBuffer buf(s.size() + 2);
  ScannedNumber n;
  if (!scanNumber(s, f, true, buf, n, fail)) return false;
  auto r = std::from_chars(buf.begin(), buf.end(), value);
  if (r.ec == std::errc::result_out_of_range) {
    fail.why = Why::kIntegerRange;
    return false;
  }
  return r.ec == std::errc() && r.ptr == buf.end();
}

std::string groupDigits(std::string_view digits, std::string_view groupChar) {
  if (groupChar.empty() || digits.size() <= 3) return std::string(digits);
  std::string out;
  size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits.substr(0, first));
  for (size_t i = first; i < digits.size(); i += 3) {
    out += groupChar;
    out.append(digits.substr(i, 3));
  }
  return out;
}

std::string exampleNumber(const NumberFormat& f) { return groupDigits("1234", f.groupChar) + f.decimalChar + "56"; }
std::string exampleInteger(const NumberFormat& f) { return groupDigits("1234", f.groupChar); }

std::string formatDecimal(const Decimal& d, const NumberFormat& f) {
  std::string text = toText(d, f.decimalChar);
  if (f.groupChar.empty() || text.find('E') != std::string::npos) return text;
  size_t start = text[0] == '-' ? 1 : 0;
  size_t end = text.find(f.decimalChar, start);
  if (end == std::string::npos) end = text.size();
  return text.substr(0, start) + groupDigits(std::string_view(text).substr(start, end - start), f.groupChar) +
         text.substr(end);
}

// ---------------------------------------------------------------------------------------------
// Temporal values

struct Cursor {
  const char* p;
  const char* end;
  bool done() const { return p == end; }
  char peek() const { return p < end ? *p : '\0'; }
  bool eat(char c) {
    if (p < end && *p == c) {
      ++p;
      return true;
    }
    return false;
  }
  std::string_view rest() const { return std::string_view(p, static_cast<size_t>(end - p)); }
};

// Exactly `count` digits.
bool fixedDigits(Cursor& c, int count, int& value) {
  if (c.end - c.p < count) return false;
  int v = 0;
  for (int i = 0; i < count; ++i) {
    if (!isDigit(c.p[i])) return false;
    v = v * 10 + (c.p[i] - '0');
  }
  c.p += count;
  value = v;
  return true;
}

// Between `min` and `max` digits, greedy.
bool someDigits(Cursor& c, int min, int max, int& value) {
  int v = 0, n = 0;
  while (n < max && c.p < c.end && isDigit(*c.p)) {
    v = v * 10 + (*c.p - '0');
    ++c.p;
    ++n;
  }
  if (n < min) return false;
  value = v;
  return true;
}

// Fraction digits after the decimal point: up to 9 are kept (nanoseconds), further ones ignored.
bool fractionDigits(Cursor& c, uint32_t& nanos) {
  int n = 0;
  uint32_t v = 0;
  while (c.p < c.end && isDigit(*c.p)) {
    if (n < 9) {
      v = v * 10 + static_cast<uint32_t>(*c.p - '0');
      ++n;
    }
    ++c.p;
  }
  if (n == 0) return false;
  for (int i = n; i < 9; ++i) v *= 10;
  nanos = v;
  return true;
}

struct Parts {
  int year = 1900, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
  uint32_t nanos = 0;
  bool hasOffset = false;
  int offset = 0;
  int ampm = -1;  // -1 none, 0 AM, 1 PM
  bool hour12 = false;
  int yday = -1;
};

// Z, ±hh:mm, ±hhmm, ±hh (the last two only when `lenient`).
bool parseOffset(Cursor& c, Parts& p, bool lenient, Fail& fail) {
  if (c.eat('Z') || (lenient && c.eat('z'))) {
    p.hasOffset = true;
    p.offset = 0;
    return true;
  }
  char sign = c.peek();
  if (sign != '+' && sign != '-') return false;
  ++c.p;
  int hh = 0, mm = 0;
  if (!fixedDigits(c, 2, hh)) return false;
  if (c.eat(':')) {
    if (!fixedDigits(c, 2, mm)) return false;
  } else if (lenient) {
    if (isDigit(c.peek()) && !fixedDigits(c, 2, mm)) return false;
  } else {
    return false;
  }
  if (mm > 59 || hh * 60 + mm > kMaxOffsetMinutes) {
    fail.why = Why::kOffsetRange;
    return false;
  }
  p.hasOffset = true;
  p.offset = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
  return true;
}

bool validDate(const Parts& p, Fail& fail) {
  if (p.year < 1 || p.year > 9999) {
    fail.why = Why::kYearRange;
    return false;
  }
  if (p.month < 1 || p.month > 12) {
    fail.why = Why::kMonthRange;
    fail.b = p.month;
    return false;
  }
  if (p.day < 1 || p.day > daysInMonth(p.year, p.month)) {
    fail.why = p.day < 1 || p.day > 31 ? Why::kSyntax : Why::kNoSuchDay;
    fail.a = p.day;
    fail.b = p.month;
    fail.c = p.year;
    return false;
  }
  return true;
}

bool validTime(const Parts& p, Fail& fail) {
  if (p.hour > 23 || p.minute > 59 || p.second > 59) {
    fail.why = Why::kTimeRange;
    return false;
  }
  return true;
}

Date toDate(const Parts& p) { return Date{p.year, static_cast<uint8_t>(p.month), static_cast<uint8_t>(p.day)}; }
Time toTime(const Parts& p) {
  return Time{static_cast<uint8_t>(p.hour), static_cast<uint8_t>(p.minute), static_cast<uint8_t>(p.second),
              p.nanos, p.hasOffset, static_cast<int16_t>(p.offset)};
}

// YYYY-MM-DD
bool isoDate(Cursor& c, Parts& p) {
  return fixedDigits(c, 4, p.year) && c.eat('-') && fixedDigits(c, 2, p.month) && c.eat('-') &&
         fixedDigits(c, 2, p.day);
}

// hh:mm:ss[.f][offset] (XML Schema)
bool isoTime(Cursor& c, Parts& p, Fail& fail) {
  if (!(fixedDigits(c, 2, p.hour) && c.eat(':') && fixedDigits(c, 2, p.minute) && c.eat(':') &&
        fixedDigits(c, 2, p.second)))
    return false;
  if (c.eat('.') && !fractionDigits(c, p.nanos)) return false;
  if (!c.done() && !parseOffset(c, p, false, fail)) return false;
  return true;
}

struct NameEntry {
  const char* name;
  int value;
};

// Longest names first so that "März" wins over "Mär" and "June" over "Jun".
constexpr NameEntry kMonthNames[] = {
    {"september", 9}, {"februar", 2},  {"february", 2}, {"dezember", 12}, {"december", 12},
    {"november", 11}, {"oktober", 10}, {"october", 10}, {"januar", 1},    {"january", 1},
    {"august", 8},    {"märz", 3},     {"maerz", 3},    {"march", 3},     {"april", 4},
    {"juni", 6},      {"june", 6},     {"juli", 7},     {"july", 7},      {"sept", 9},
    {"jan", 1},       {"feb", 2},      {"mär", 3},      {"mrz", 3},       {"mar", 3},
    {"apr", 4},       {"mai", 5},      {"may", 5},      {"jun", 6},       {"jul", 7},
    {"aug", 8},       {"sep", 9},      {"okt", 10},     {"oct", 10},      {"nov", 11},
    {"dez", 12},      {"dec", 12},
};
constexpr NameEntry kWeekdayNames[] = {
    {"donnerstag", 4}, {"wednesday", 3}, {"thursday", 4}, {"saturday", 6}, {"dienstag", 2},
    {"mittwoch", 3},   {"samstag", 6},   {"sonnabend", 6}, {"sonntag", 7},  {"tuesday", 2},
    {"freitag", 5},    {"montag", 1},    {"monday", 1},    {"friday", 5},   {"sunday", 7},
    {"mon", 1},        {"tue", 2},       {"wed", 3},       {"thu", 4},      {"fri", 5},
    {"sat", 6},        {"sun", 7},       {"mo", 1},        {"di", 2},       {"mi", 3},
    {"do", 4},         {"fr", 5},        {"sa", 6},        {"so", 7},
};

template <size_t N>
bool matchName(Cursor& c, const NameEntry (&names)[N], int& value) {
  std::string_view rest = c.rest();
  for (const auto& entry : names) {
    std::string_view name(entry.name);
    // Lower-casing "Ä" byte-wise does not work; compare the umlaut bytes literally and accept the
    // capital form explicitly.
    if (rest.size() < name.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < name.size() && ok; ++i) {
      char a = lowerAscii(rest[i]);
      ok = a == name[i];
    }
    if (ok) {
      c.p += name.size();
      value = entry.value;
      return true;
    }
  }
  return false;
}

// Python's strptime regex alternatives for 1–2 digit fields: two digits when they form a valid
// value, otherwise one.
bool twoOrOne(Cursor& c, int max, int& value, bool allowZero) {
  if (c.end - c.p >= 2 && isDigit(c.p[0]) && isDigit(c.p[1])) {
    int v = (c.p[0] - '0') * 10 + (c.p[1] - '0');
    if (v <= max && (allowZero || v >= 1)) {
      c.p += 2;
      value = v;
      return true;
    }
  }
  if (c.p < c.end && isDigit(*c.p)) {
    int v = *c.p - '0';
    if (!allowZero && v == 0) return false;
    ++c.p;
    value = v;
    return true;
  }
  return false;
}

bool parsePattern(const TemporalPattern& pattern, std::string_view text, Parts& p, Fail& fail) {
  Cursor c{text.data(), text.data() + text.size()};
  for (const auto& token : pattern.tokens()) {
    switch (token.directive) {
      case 0: {
        if (static_cast<size_t>(c.end - c.p) < token.literal.size()) return false;
        for (char ch : token.literal) {
          if (lowerAscii(*c.p) != lowerAscii(ch)) return false;
          ++c.p;
        }
        break;
      }
      case ' ':
        if (c.done() || !isSpace(*c.p)) return false;
        while (!c.done() && isSpace(*c.p)) ++c.p;
        break;
      case 'Y':
        if (!fixedDigits(c, 4, p.year)) return false;
        break;
      case 'y': {
        int yy = 0;
        if (!fixedDigits(c, 2, yy)) return false;
        p.year = yy < 69 ? 2000 + yy : 1900 + yy;
        break;
      }
      case 'm':
        if (!twoOrOne(c, 12, p.month, false)) return false;
        break;
      case 'd':
        if (c.peek() == ' ') ++c.p;  // Python accepts " 5" for %d
        if (!twoOrOne(c, 31, p.day, false)) return false;
        break;
      case 'H':
        if (!twoOrOne(c, 23, p.hour, true)) return false;
        break;
      case 'I':
        if (!twoOrOne(c, 12, p.hour, false)) return false;
        p.hour12 = true;
        break;
      case 'M':
        if (!twoOrOne(c, 59, p.minute, true)) return false;
        break;
      case 'S':
        if (!twoOrOne(c, 59, p.second, true)) return false;
        break;
      case 'f':
        if (!fractionDigits(c, p.nanos)) return false;
        break;
      case 'z':
        if (!parseOffset(c, p, true, fail)) return false;
        break;
      case 'p':
        if (istartsWith(c.rest(), "am")) {
          p.ampm = 0;
        } else if (istartsWith(c.rest(), "pm")) {
          p.ampm = 1;
        } else {
          return false;
        }
        c.p += 2;
        break;
      case 'b':
      case 'B':
      case 'h':
        if (!matchName(c, kMonthNames, p.month)) {
          // "März" capitalised: the umlaut byte sequence is the same, only the M differs.
          if (!(istartsWith(c.rest(), "m\xC3\xA4r") || istartsWith(c.rest(), "m\xC3\x84r"))) return false;
          c.p += 4;
          if (istartsWith(c.rest(), "z")) ++c.p;
          p.month = 3;
        }
        break;
      case 'a':
      case 'A': {
        int ignored = 0;
        if (!matchName(c, kWeekdayNames, ignored)) return false;
        break;
      }
      case 'j':
        if (!someDigits(c, 1, 3, p.yday) || p.yday < 1) return false;
        break;
      case '%':
        if (!c.eat('%')) return false;
        break;
      default: return false;
    }
  }
  if (!c.done()) return false;
  if (p.hour12 && p.ampm >= 0) {
    if (p.hour == 12) p.hour = 0;
    if (p.ampm == 1) p.hour += 12;
  }
  if (p.yday > 0) {
    if (p.yday > (isLeapYear(p.year) ? 366 : 365)) return false;
    int remaining = p.yday;
    int month = 1;
    while (remaining > daysInMonth(p.year, month)) remaining -= daysInMonth(p.year, month++);
    p.month = month;
    p.day = remaining;
  }
  return true;
}

// "any" for dates: ISO, YYYY/MM/DD, D.M.YYYY, "31. Dezember 2024". Only the form is checked here;
// the calendar check follows for all formats alike.
bool anyDate(std::string_view text, Parts& p) {
  {
    Cursor c{text.data(), text.data() + text.size()};
    if (isoDate(c, p) && c.done()) return true;
  }
  {
    Cursor c{text.data(), text.data() + text.size()};
    p = Parts{};
    if (fixedDigits(c, 4, p.year) && c.eat('/') && someDigits(c, 1, 2, p.month) && c.eat('/') &&
        someDigits(c, 1, 2, p.day) && c.done())
      return true;
  }
  {
    Cursor c{text.data(), text.data() + text.size()};
    p = Parts{};
    if (someDigits(c, 1, 2, p.day) && c.eat('.') && someDigits(c, 1, 2, p.month) && c.eat('.') &&
        fixedDigits(c, 4, p.year) && c.done())
      return true;
  }
  {
    Cursor c{text.data(), text.data() + text.size()};
    p = Parts{};
    if (someDigits(c, 1, 2, p.day)) {
      c.eat('.');
      while (c.eat(' ')) {
      }
      static const TemporalPattern kMonth = *TemporalPattern::compile("%B", nullptr);
      // Reuse the pattern matcher for the month name only.
      const char* start = c.p;
      const char* nameEnd = start;
      while (nameEnd < c.end && !isSpace(*nameEnd) && *nameEnd != '.') ++nameEnd;
      Parts m;
      Fail ignored;
      if (nameEnd > start && parsePattern(kMonth, std::string_view(start, static_cast<size_t>(nameEnd - start)), m, ignored)) {
        c.p = nameEnd;
        c.eat('.');
        bool space = false;
        while (c.eat(' ')) space = true;
        p.month = m.month;
        if (space && fixedDigits(c, 4, p.year) && c.done()) return true;
      }
    }
  }
  return false;
}

// Times for "any": H:MM, HH:MM:SS[.f][offset], "14.30 Uhr", "14 Uhr".
bool anyTime(std::string_view text, Parts& p, Fail& fail) {
  bool uhr = false;
  std::string_view s = text;
  if (s.size() >= 3 && iequals(s.substr(s.size() - 3), "uhr")) {
    s = trimSpace(s.substr(0, s.size() - 3));
    uhr = true;
  }
  Cursor c{s.data(), s.data() + s.size()};
  if (!someDigits(c, 1, 2, p.hour)) return false;
  if (c.done()) return uhr;
  char sep = c.peek();
  if (sep != ':' && sep != '.') return false;
  ++c.p;
  if (!fixedDigits(c, 2, p.minute)) return false;
  if (c.eat(sep)) {
    if (!fixedDigits(c, 2, p.second)) return false;
    if (sep == ':' && c.eat('.') && !fractionDigits(c, p.nanos)) return false;
  }
  while (c.eat(' ')) {
  }
  if (!c.done() && !parseOffset(c, p, true, fail)) return false;
  return c.done();
}

// Datetimes for "any": a date as above, optionally followed by 'T', spaces, ", " or " um " and a
// time as above. A date alone means midnight.
bool anyDatetime(std::string_view text, Parts& p, Fail& fail) {
  // Split at the first 'T', ',' or space that follows the date part.
  size_t split = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == 'T' || ch == 't' || ch == ',' || ch == ' ') {
      split = i;
      break;
    }
  }
  // German "31. Dezember 2024 14:30" has spaces inside the date; only the numeric forms combine
  // with a time here.
  std::string_view datePart = split == std::string_view::npos ? text : text.substr(0, split);
  if (!anyDate(datePart, p)) {
    if (split == std::string_view::npos) return false;
    p = Parts{};
    return anyDate(text, p);  // "31. Dezember 2024" alone
  }
  if (split == std::string_view::npos) return true;
  std::string_view rest = text.substr(split);
  if (rest[0] == 'T' || rest[0] == 't') {
    rest.remove_prefix(1);
  } else {
    if (rest[0] == ',') rest.remove_prefix(1);
    rest = trimSpace(rest);
    if (istartsWith(rest, "um ")) rest = trimSpace(rest.substr(3));
  }
  Parts t;
  if (!anyTime(rest, t, fail)) return false;
  p.hour = t.hour;
  p.minute = t.minute;
  p.second = t.second;
  p.nanos = t.nanos;
  p.hasOffset = t.hasOffset;
  p.offset = t.offset;
  return true;
}

void appendTwo(std::string& out, int v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

std::string formatPattern(const TemporalPattern& pattern, const DateTime& v) {
  static constexpr const char* kShort[] = {"Jan", "Feb", "Mär", "Apr", "Mai", "Jun",
                                           "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"};
  static constexpr const char* kDays[] = {"Montag", "Dienstag", "Mittwoch", "Donnerstag",
                                          "Freitag", "Samstag", "Sonntag"};
  std::string out;
  const Date& d = v.date;
  const Time& t = v.time;
  for (const auto& token : pattern.tokens()) {
    switch (token.directive) {
      case 0: out += token.literal; break;
      case ' ': out += ' '; break;
      case 'Y': {
        std::string y = std::to_string(d.year);
        out.append(y.size() < 4 ? 4 - y.size() : 0, '0');
        out += y;
        break;
      }
      case 'y': appendTwo(out, d.year % 100); break;
      case 'm': appendTwo(out, d.month); break;
      case 'd': appendTwo(out, d.day); break;
      case 'H': appendTwo(out, t.hour); break;
      case 'I': appendTwo(out, t.hour % 12 == 0 ? 12 : t.hour % 12); break;
      case 'p': out += t.hour < 12 ? "AM" : "PM"; break;
      case 'M': appendTwo(out, t.minute); break;
      case 'S': appendTwo(out, t.second); break;
      case 'f': {
        std::string f = std::to_string(t.nanosecond / 1000);
        out.append(6 - f.size(), '0');
        out += f;
        break;
      }
      case 'z': {
        int m = t.hasOffset ? t.offsetMinutes : 60;
        out += m < 0 ? '-' : '+';
        if (m < 0) m = -m;
        appendTwo(out, m / 60);
        appendTwo(out, m % 60);
        break;
      }
      case 'b':
      case 'h': out += kShort[d.month - 1]; break;
      case 'B': out += kGermanMonths[d.month - 1]; break;
      case 'a':
      case 'A': {
        int64_t days = daysFromCivil(d.year, d.month, d.day);
        int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
        std::string name = kDays[weekday];
        out += token.directive == 'a' ? name.substr(0, 2) : name;
        break;
      }
      case 'j': {
        int64_t yday = daysFromCivil(d.year, d.month, d.day) - daysFromCivil(d.year, 1, 1) + 1;
        std::string j = std::to_string(yday);
        out.append(3 - j.size(), '0');
        out += j;
        break;
      }
      case '%': out += '%'; break;
      default: break;
    }
  }
  return out;
}

// 2024-12-31 14:30:00 (+01:00 where an offset is part of the format).
DateTime sampleDateTime(bool withOffset) {
  return DateTime{Date{2024, 12, 31}, Time{14, 30, 0, 0, withOffset, 60}};
}

bool patternHasOffset(const TemporalPattern& pattern) {
  for (const auto& t : pattern.tokens())
    if (t.directive == 'z') return true;
  return false;
}

std::string exampleTemporal(FieldType type, const TemporalFormat& f) {
  DateTime sample = sampleDateTime(false);
  switch (f.kind) {
    case TemporalFormat::Kind::kPattern:
      return formatPattern(f.pattern, sampleDateTime(patternHasOffset(f.pattern)));
    case TemporalFormat::Kind::kAny:
      if (type == FieldType::kDate) return "31.12.2024 oder 2024-12-31";
      if (type == FieldType::kTime) return "14:30 oder 14:30:00";
      return "31.12.2024 14:30 oder 2024-12-31T14:30:00";
    case TemporalFormat::Kind::kDefault:
      if (type == FieldType::kDate) return toText(Value::date(sample.date));
      if (type == FieldType::kTime) return toText(Value::time(sample.time));
      return toText(Value::dateTime(sample)) + " oder " + toText(Value::dateTime(sampleDateTime(true)));
  }
  return {};
}

std::string temporalNote(FieldType type, const TemporalFormat& f) {
  std::string format = f.kind == TemporalFormat::Kind::kPattern ? f.pattern.text()
                       : f.kind == TemporalFormat::Kind::kAny   ? "any"
                                                                : "default";
  return std::string(fieldTypeName(type)) + "/" + format;
}

enum class TemporalKind { kDate, kTime, kDatetime };

// One implementation for the three temporal types so that the formats behave alike.
bool parseTemporal(TemporalKind kind, std::string_view cell, const TemporalFormat& f, Parts& p, Fail& fail) {
  switch (f.kind) {
    case TemporalFormat::Kind::kDefault: {
      Cursor c{cell.data(), cell.data() + cell.size()};
      bool ok = false;
      if (kind == TemporalKind::kDate) ok = isoDate(c, p) && c.done();
      if (kind == TemporalKind::kTime) ok = isoTime(c, p, fail) && c.done();
      if (kind == TemporalKind::kDatetime) ok = isoDate(c, p) && c.eat('T') && isoTime(c, p, fail) && c.done();
      if (!ok) return false;
      break;
    }
    case TemporalFormat::Kind::kPattern:
      if (!parsePattern(f.pattern, cell, p, fail)) return false;
      break;
    case TemporalFormat::Kind::kAny: {
      std::string_view s = trimSpace(cell);
      if (kind == TemporalKind::kDate && !anyDate(s, p)) return false;
      if (kind == TemporalKind::kTime && !anyTime(s, p, fail)) return false;
      if (kind == TemporalKind::kDatetime && !anyDatetime(s, p, fail)) return false;
      break;
    }
  }
  if (kind != TemporalKind::kTime && !validDate(p, fail)) return false;
  if (kind != TemporalKind::kDate && !validTime(p, fail)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Year, yearmonth, duration

bool parseYear(std::string_view s, int& year) {
  Cursor c{s.data(), s.data() + s.size()};
  return fixedDigits(c, 4, year) && c.done();
}

bool parseYearmonth(std::string_view s, Parts& p, Fail& fail) {
  Cursor c{s.data(), s.data() + s.size()};
  if (!(fixedDigits(c, 4, p.year) && c.eat('-') && fixedDigits(c, 2, p.month) && c.done())) return false;
  if (p.month < 1 || p.month > 12) {
    fail.why = Why::kMonthRange;
    fail.b = p.month;
    return false;
  }
  return true;
}

// -?P(nY)?(nM)?(nW)?(nD)?(T(nH)?(nM)?(n(.n)?S)?)? with at least one component.
bool parseDuration(std::string_view s, Duration& out, Fail& fail) {
  Cursor c{s.data(), s.data() + s.size()};
  bool negative = c.eat('-');
  if (!c.eat('P')) return false;
  int64_t years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
  uint32_t nanos = 0;
  bool any = false;
  auto number = [&](int64_t& value) -> bool {
    const char* start = c.p;
    int64_t v = 0;
    while (!c.done() && isDigit(*c.p)) {
      if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *c.p - '0', &v)) {
        fail.why = Why::kDurationRange;
        return false;
      }
      ++c.p;
    }
    if (c.p == start) return false;
    value = v;
    return true;
  };
  // Date part: designators must come in order Y, M, W, D.
  const char kDate[] = {'Y', 'M', 'W', 'D'};
  int64_t* dateSlots[] = {&years, &months, &weeks, &days};
  size_t next = 0;
  while (!c.done() && isDigit(c.peek())) {
    int64_t v = 0;
    if (!number(v)) return false;
    size_t slot = next;
    while (slot < 4 && c.peek() != kDate[slot]) ++slot;
    if (slot == 4) return false;
    *dateSlots[slot] = v;
    ++c.p;
    next = slot + 1;
    any = true;
  }
  if (c.eat('T')) {
    const char kTime[] = {'H', 'M', 'S'};
    int64_t* timeSlots[] = {&hours, &minutes, &seconds};
    size_t nextTime = 0;
    bool anyTime = false;
    while (!c.done()) {
      int64_t v = 0;
      if (!number(v)) return false;
      uint32_t frac = 0;
      if (c.eat('.') || c.eat(',')) {
        if (!fractionDigits(c, frac)) return false;
        if (c.peek() != 'S') return false;  // fractions only for seconds, as XML Schema
      }
      size_t slot = nextTime;
      while (slot < 3 && c.peek() != kTime[slot]) ++slot;
      if (slot == 3) return false;
      *timeSlots[slot] = v;
      if (slot == 2) nanos = frac;
      ++c.p;
      nextTime = slot + 1;
      anyTime = true;
    }
    if (!anyTime) return false;
    any = true;
  }
  if (!c.done() || !any) return false;
  int64_t totalMonths = 0, totalSeconds = 0, t = 0;
  bool overflow = __builtin_mul_overflow(years, 12, &totalMonths) ||
                  __builtin_add_overflow(totalMonths, months, &totalMonths) ||
                  __builtin_mul_overflow(days, 86400, &totalSeconds) ||
                  __builtin_mul_overflow(weeks, 7 * 86400, &t) || __builtin_add_overflow(totalSeconds, t, &totalSeconds) ||
                  __builtin_mul_overflow(hours, 3600, &t) || __builtin_add_overflow(totalSeconds, t, &totalSeconds) ||
                  __builtin_mul_overflow(minutes, 60, &t) || __builtin_add_overflow(totalSeconds, t, &totalSeconds) ||
                  __builtin_add_overflow(totalSeconds, seconds, &totalSeconds);
  if (overflow) {
    fail.why = Why::kDurationRange;
    return false;
  }
  int sign = negative ? -1 : 1;
  out = Duration{sign * totalMonths, sign * totalSeconds, sign * static_cast<int32_t>(nanos)};
  return true;
}

// ---------------------------------------------------------------------------------------------
// JSON-based types

// nlohmann's parser recurses per nesting level; bound the depth before handing text to it.
bool depthWithin(std::string_view s, size_t limit) {
  size_t depth = 0;
  bool inString = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (inString) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

bool parseJson(std::string_view s, json& out, Fail& fail) {
  if (!depthWithin(s, kMaxJsonDepth)) {
    fail.why = Why::kJsonDepth;
    return false;
  }
  out = json::parse(s.begin(), s.end(), nullptr, false);
  if (out.is_discarded()) {
    fail.why = Why::kJsonSyntax;
    return false;
  }
  return true;
}

bool plainDouble(std::string_view s, double& out) {
  s = trimSpace(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::general);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

bool geoInRange(double lon, double lat, Fail& fail) {
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    fail.why = Why::kGeoRange;
    return false;
  }
  return true;
}

bool parseGeopoint(std::string_view s, GeoPointFormat format, GeoPoint& out, Fail& fail) {
  double lon = 0, lat = 0;
  if (format == GeoPointFormat::kDefault) {
    size_t comma = s.find(',');
    if (comma == std::string_view::npos || s.find(',', comma + 1) != std::string_view::npos) return false;
    if (!plainDouble(s.substr(0, comma), lon) || !plainDouble(s.substr(comma + 1), lat)) return false;
  } else {
    json j;
    if (!parseJson(s, j, fail)) return false;
    if (format == GeoPointFormat::kArray) {
      if (!j.is_array() || j.size() != 2 || !j[0].is_number() || !j[1].is_number()) {
        fail.why = Why::kSyntax;
        return false;
      }
      lon = j[0].get<double>();
      lat = j[1].get<double>();
    } else {
      if (!j.is_object() || j.size() != 2 || !j.contains("lon") || !j.contains("lat") ||
          !j["lon"].is_number() || !j["lat"].is_number()) {
        fail.why = Why::kSyntax;
        return false;
      }
      lon = j["lon"].get<double>();
      lat = j["lat"].get<double>();
    }
  }
  if (!geoInRange(lon, lat, fail)) return false;
  out = GeoPoint{lon, lat};
  return true;
}

[[gnu::cold]] bool geoFail(Fail& fail, std::string detail) {
  fail.why = Why::kDetail;
  fail.detail = std::move(detail);
  return false;
}

bool isPosition(const json& j) {
  if (!j.is_array() || j.size() < 2) return false;
  for (const auto& n : j)
    if (!n.is_number()) return false;
  return true;
}

bool positions(const json& j, size_t min) {
  if (!j.is_array() || j.size() < min) return false;
  for (const auto& p : j)
    if (!isPosition(p)) return false;
  return true;
}

bool ring(const json& j) { return positions(j, 4) && j.front() == j.back(); }

bool geometry(const json& j, Fail& fail, int depth);

bool geometryCoordinates(const std::string& type, const json& coords) {
  if (type == "Point") return isPosition(coords);
  if (type == "MultiPoint") return positions(coords, 0);
  if (type == "LineString") return positions(coords, 2);
  if (type == "MultiLineString") {
    if (!coords.is_array()) return false;
    for (const auto& l : coords)
      if (!positions(l, 2)) return false;
    return true;
  }
  if (type == "Polygon") {
    if (!coords.is_array()) return false;
    for (const auto& r : coords)
      if (!ring(r)) return false;
    return true;
  }
  if (type == "MultiPolygon") {
    if (!coords.is_array()) return false;
    for (const auto& poly : coords) {
      if (!poly.is_array()) return false;
      for (const auto& r : poly)
        if (!ring(r)) return false;
    }
    return true;
  }
  return false;
}

bool isGeometryType(const std::string& t) {
  return t == "Point" || t == "MultiPoint" || t == "LineString" || t == "MultiLineString" ||
         t == "Polygon" || t == "MultiPolygon" || t == "GeometryCollection";
}

bool geometry(const json& j, Fail& fail, int depth) {
  if (depth > 32) return geoFail(fail, "Die Geometrien sind zu tief verschachtelt.");
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
    return geoFail(fail, "Eine Geometrie braucht ein Feld „type“.");
  const std::string type = j["type"].get<std::string>();
  if (!isGeometryType(type)) return geoFail(fail, "„" + displayCell(type) + "“ ist kein Geometrietyp.");
  if (type == "GeometryCollection") {
    if (!j.contains("geometries") || !j["geometries"].is_array())
      return geoFail(fail, "Eine GeometryCollection braucht ein Array „geometries“.");
    for (const auto& g : j["geometries"])
      if (!geometry(g, fail, depth + 1)) return false;
    return true;
  }
  if (!j.contains("coordinates") || !geometryCoordinates(type, j["coordinates"]))
    return geoFail(fail, "Die Koordinaten passen nicht zum Typ „" + type + "“.");
  return true;
}

bool feature(const json& j, Fail& fail) {
  if (!j.is_object() || j.value("type", json()) != "Feature")
    return geoFail(fail, "Die Einträge in „features“ müssen vom Typ „Feature“ sein.");
  if (!j.contains("geometry") || !j.contains("properties"))
    return geoFail(fail, "Ein Feature braucht die Felder „geometry“ und „properties“.");
  if (!j["properties"].is_null() && !j["properties"].is_object())
    return geoFail(fail, "„properties“ muss ein Objekt oder null sein.");
  return j["geometry"].is_null() || geometry(j["geometry"], fail, 0);
}

bool geojsonObject(const json& j, GeoJsonFormat format, Fail& fail) {
  if (!j.is_object()) return geoFail(fail, "Erwartet wird ein JSON-Objekt.");
  if (!j.contains("type") || !j["type"].is_string()) return geoFail(fail, "Das Feld „type“ fehlt.");
  const std::string type = j["type"].get<std::string>();
  if (format == GeoJsonFormat::kTopoJson) {
    if (type != "Topology") return geoFail(fail, "Ein TopoJSON-Objekt hat den Typ „Topology“.");
    if (!j.contains("objects") || !j["objects"].is_object() || !j.contains("arcs") || !j["arcs"].is_array())
      return geoFail(fail, "Ein TopoJSON-Objekt braucht „objects“ (Objekt) und „arcs“ (Array).");
    return true;
  }
  if (type == "Feature") return feature(j, fail);
  if (type == "FeatureCollection") {
    if (!j.contains("features") || !j["features"].is_array())
      return geoFail(fail, "Eine FeatureCollection braucht ein Array „features“.");
    for (const auto& f : j["features"])
      if (!feature(f, fail)) return false;
    return true;
  }
  if (!isGeometryType(type))
    return geoFail(fail, "„" + displayCell(type) +
                             "“ ist kein GeoJSON-Typ (möglich: Point, MultiPoint, LineString, MultiLineString, "
                             "Polygon, MultiPolygon, GeometryCollection, Feature, FeatureCollection).");
  return geometry(j, fail, 0);
}

// ---------------------------------------------------------------------------------------------
// String formats

bool validEmail(std::string_view s) {
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size() || s.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' ||
        c == '"' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\\')
      return false;
  std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos)
    return false;
  for (char c : domain)
    if (!(isAlpha(c) || isDigit(c) || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80)) return false;
  return true;
}

bool validUri(std::string_view s) {
  if (s.empty() || !isAlpha(s[0])) return false;
  size_t i = 1;
  while (i < s.size() && (isAlpha(s[i]) || isDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
  if (i >= s.size() || s[i] != ':' || i + 1 >= s.size()) return false;
  for (size_t k = i + 1; k < s.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(s[k]);
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
        c == '\\' || c == '^' || c == '`')
      return false;
    if (c == '%' && !(k + 2 < s.size() && isHex(s[k + 1]) && isHex(s[k + 2]))) return false;
  }
  return true;
}

bool validBase64(std::string_view s) {
  if (s.size() % 4 != 0) return false;
  size_t padding = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '=') {
      if (i + 2 < s.size()) return false;
      ++padding;
      continue;
    }
    if (padding > 0) return false;
    if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/')) return false;
  }
  return padding <= 2;
}

bool validUuid(std::string_view s) {
  if (istartsWith(s, "urn:uuid:")) s.remove_prefix(9);
  if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = s.substr(1, s.size() - 2);
  if (s.size() == 32) {
    for (char c : s)
      if (!isHex(c)) return false;
    return true;
  }
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !isHex(s[i])) return false;
  }
  return true;
}

std::string_view stringFormatName(StringFormat f) {
  switch (f) {
    case StringFormat::kDefault: return "default";
    case StringFormat::kEmail: return "email";
    case StringFormat::kUri: return "uri";
    case StringFormat::kBinary: return "binary";
    case StringFormat::kUuid: return "uuid";
  }
  return "default";
}

std::string_view typePhrase(FieldType type) {
  switch (type) {
    case FieldType::kString: return "keine gültige Zeichenkette";
    case FieldType::kNumber: return "keine gültige Zahl";
    case FieldType::kInteger: return "keine gültige Ganzzahl";
    case FieldType::kBoolean: return "kein gültiger Wahrheitswert";
    case FieldType::kObject: return "kein gültiges JSON-Objekt";
    case FieldType::kArray: return "kein gültiges JSON-Array";
    case FieldType::kList: return "keine gültige Liste";
    case FieldType::kDatetime: return "kein gültiger Zeitpunkt mit Datum und Uhrzeit";
    case FieldType::kDate: return "kein gültiges Datum";
    case FieldType::kTime: return "keine gültige Uhrzeit";
    case FieldType::kYear: return "keine gültige Jahreszahl";
    case FieldType::kYearmonth: return "keine gültige Angabe von Jahr und Monat";
    case FieldType::kDuration: return "keine gültige Dauer nach ISO 8601";
    case FieldType::kGeopoint: return "kein gültiger Geopunkt";
    case FieldType::kGeojson: return "kein gültiges GeoJSON-Objekt";
    case FieldType::kAny: return "kein gültiger Wert";
  }
  return "kein gültiger Wert";
}

std::string exampleBoolean(const BooleanFormat& f) {
  std::string t = f.trueValues.empty() ? "true" : f.trueValues.front();
  std::string n = f.falseValues.empty() ? "false" : f.falseValues.front();
  return "„" + t + "“ oder „" + n + "“";
}

std::string listWords(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size() && i < 12; ++i) {
    if (i) out += ", ";
    out += "„" + displayCell(words[i]) + "“";
  }
  if (words.size() > 12) out += ", …";
  return out;
}

std::string exampleGeopoint(GeoPointFormat f) {
  switch (f) {
    case GeoPointFormat::kDefault: return "13.405, 52.52";
    case GeoPointFormat::kArray: return "[13.405, 52.52]";
    case GeoPointFormat::kObject: return "{\"lon\": 13.405, \"lat\": 52.52}";
  }
  return {};
}

std::string exampleList(const ListFormat& f) {
  switch (f.itemType) {
    case FieldType::kInteger: return "1" + f.delimiter + "2" + f.delimiter + "3";
    case FieldType::kNumber: return "1.5" + f.delimiter + "2" + f.delimiter + "3.25";
    case FieldType::kBoolean: return "true" + f.delimiter + "false";
    case FieldType::kDate: return "2024-01-31" + f.delimiter + "2024-12-31";
    case FieldType::kTime: return "08:00:00" + f.delimiter + "14:30:00";
    case FieldType::kDatetime: return "2024-12-31T08:00:00" + f.delimiter + "2024-12-31T14:30:00";
    default: return "a" + f.delimiter + "b" + f.delimiter + "c";
  }
}

std::string_view geoFormatName(GeoPointFormat f) {
  return f == GeoPointFormat::kArray ? "array" : f == GeoPointFormat::kObject ? "object" : "default";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

std::string_view fieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kString: return "string";
    case FieldType::kNumber: return "number";
    case FieldType::kInteger: return "integer";
    case FieldType::kBoolean: return "boolean";
    case FieldType::kObject: return "object";
    case FieldType::kArray: return "array";
    case FieldType::kList: return "list";
    case FieldType::kDatetime: return "datetime";
    case FieldType::kDate: return "date";
    case FieldType::kTime: return "time";
    case FieldType::kYear: return "year";
    case FieldType::kYearmonth: return "yearmonth";
    case FieldType::kDuration: return "duration";
    case FieldType::kGeopoint: return "geopoint";
    case FieldType::kGeojson: return "geojson";
    case FieldType::kAny: return "any";
  }
  return "any";
}

std::optional<FieldType> parseFieldType(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(FieldType::kAny); ++i) {
    auto t = static_cast<FieldType>(i);
    if (fieldTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::optional<TemporalPattern> TemporalPattern::compile(std::string_view pattern, std::string* error) {
  TemporalPattern out;
  out.text_ = std::string(pattern);
  bool anyDirective = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '%') {
      if (i + 1 >= pattern.size()) {
        if (error) *error = "Das Format „" + displayCell(pattern) + "“ endet mit einem einzelnen „%“.";
        return std::nullopt;
      }
      char d = pattern[++i];
      static constexpr std::string_view kKnown = "YymdHIpMSfzbBhaAj%";
      if (kKnown.find(d) == std::string_view::npos) {
        if (error)
          *error = "Der Platzhalter „%" + displayCell(std::string_view(&d, 1)) + "“ im Format „" +
                   displayCell(pattern) +
                   "“ wird nicht unterstützt (möglich: %Y %y %m %d %H %I %p %M %S %f %z %b %B %a %A %j %%).";
        return std::nullopt;
      }
      if (d != '%') anyDirective = true;
      if (std::string_view("YymdbBhj").find(d) != std::string_view::npos) out.hasDate_ = true;
      if (std::string_view("HIpMSfz").find(d) != std::string_view::npos) out.hasTime_ = true;
      out.tokens_.push_back(Token{d, {}});
    } else if (isSpace(c)) {
      while (i + 1 < pattern.size() && isSpace(pattern[i + 1])) ++i;
      out.tokens_.push_back(Token{' ', {}});
    } else {
      if (out.tokens_.empty() || out.tokens_.back().directive != 0) out.tokens_.push_back(Token{0, {}});
      out.tokens_.back().literal += c;
    }
  }
  if (!anyDirective) {
    if (error) {
      // The common mistake is a spreadsheet-style pattern; suggest the strptime spelling.
      std::string hint(pattern);
      auto replace = [&hint](std::string_view from, std::string_view to) {
        size_t pos = hint.find(from);
        if (pos != std::string::npos) hint.replace(pos, from.size(), to);
      };
      for (auto y : {"yyyy", "YYYY", "JJJJ", "jjjj"}) replace(y, "%Y");
      for (auto d : {"dd", "DD", "TT", "tt"}) replace(d, "%d");
      for (auto h : {"HH", "hh"}) replace(h, "%H");
      if (hint.find("%H") != std::string::npos) {
        size_t colon = hint.find(':');
        if (colon != std::string::npos && hint.compare(colon + 1, 2, "mm") == 0) hint.replace(colon + 1, 2, "%M");
      }
      for (auto m : {"MM", "mm"}) replace(m, "%m");
      for (auto s : {"ss", "SS"}) replace(s, "%S");
      *error = "Das Format „" + displayCell(pattern) + "“ enthält keinen Platzhalter wie %d oder %Y";
      if (hint != pattern && hint.find('%') != std::string::npos)
        *error += "; gemeint ist vermutlich „" + displayCell(hint) + "“";
      *error += ".";
    }
    return std::nullopt;
  }
  return out;
}

Conventions frictionlessDefaults() { return Conventions{}; }

Conventions germanDefaults() {
  Conventions c;
  c.number.decimalChar = ",";
  c.number.groupChar = ".";
  c.boolean.trueValues = {"ja", "Ja", "JA", "wahr", "Wahr", "WAHR", "j", "J", "1"};
  c.boolean.falseValues = {"nein", "Nein", "NEIN", "falsch", "Falsch", "FALSCH", "n", "N", "0"};
  c.dateFormat = "%d.%m.%Y";
  c.timeFormat = "any";
  c.datetimeFormat = "any";
  return c;
}

bool setFormat(CastSpec& spec, std::string_view format, std::string* error) {
  if (format.starts_with("fmt:")) format.remove_prefix(4);  // v0 prefix, see §1.1
  auto unknown = [&](std::string_view allowed) {
    if (error)
      *error = "Das Format „" + displayCell(format) + "“ gibt es für den Typ „" +
               std::string(fieldTypeName(spec.type)) + "“ nicht (möglich: " + std::string(allowed) + ").";
    return false;
  };
  switch (spec.type) {
    case FieldType::kString:
      if (format == "default") spec.stringFormat = StringFormat::kDefault;
      else if (format == "email") spec.stringFormat = StringFormat::kEmail;
      else if (format == "uri") spec.stringFormat = StringFormat::kUri;
      else if (format == "binary") spec.stringFormat = StringFormat::kBinary;
      else if (format == "uuid") spec.stringFormat = StringFormat::kUuid;
      else return unknown("default, email, uri, binary, uuid");
      return true;
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDatetime: {
      if (format == "default") {
        spec.temporal = TemporalFormat{};
      } else if (format == "any") {
        spec.temporal = TemporalFormat{TemporalFormat::Kind::kAny, {}};
      } else {
        auto pattern = TemporalPattern::compile(format, error);
        if (!pattern) return false;
        spec.temporal = TemporalFormat{TemporalFormat::Kind::kPattern, std::move(*pattern)};
      }
      return true;
    }
    case FieldType::kGeopoint:
      if (format == "default") spec.geopoint = GeoPointFormat::kDefault;
      else if (format == "array") spec.geopoint = GeoPointFormat::kArray;
      else if (format == "object") spec.geopoint = GeoPointFormat::kObject;
      else return unknown("default, array, object");
      return true;
    case FieldType::kGeojson:
      if (format == "default") spec.geojson = GeoJsonFormat::kDefault;
      else if (format == "topojson") spec.geojson = GeoJsonFormat::kTopoJson;
      else return unknown("default, topojson");
      return true;
    default:
      if (format == "default") return true;
      return unknown("default");
  }
}

CastSpec makeCastSpec(FieldType type, const Conventions& conventions) {
  CastSpec spec;
  spec.type = type;
  spec.number = conventions.number;
  spec.boolean = conventions.boolean;
  std::string_view format = "default";
  if (type == FieldType::kDate) format = conventions.dateFormat;
  if (type == FieldType::kTime) format = conventions.timeFormat;
  if (type == FieldType::kDatetime) format = conventions.datetimeFormat;
  if (!setFormat(spec, format, nullptr)) setFormat(spec, "default", nullptr);
  return spec;
}

CastResult castString(std::string_view cell, StringFormat format) {
  bool ok = true;
  switch (format) {
    case StringFormat::kDefault: break;
    case StringFormat::kEmail: ok = validEmail(cell); break;
    case StringFormat::kUri: ok = validUri(cell); break;
    case StringFormat::kBinary: ok = validBase64(cell); break;
    case StringFormat::kUuid: ok = validUuid(cell); break;
  }
  if (ok) return Value::string(std::string(cell));
  static constexpr std::string_view kWhat[] = {"keine gültige Zeichenkette", "keine gültige E-Mail-Adresse",
                                               "keine gültige URI mit Schema wie https:",
                                               "kein gültiger Base64-Text", "keine gültige UUID"};
  static constexpr std::string_view kExample[] = {"Text", "name@beispiel.de", "https://www.beispiel.de/",
                                                  "SGFsbG8=", "123e4567-e89b-12d3-a456-426614174000"};
  auto i = static_cast<size_t>(format);
  return std::unexpected(typeError(cell, kWhat[i], kExample[i], Fail{}, "string/" + std::string(stringFormatName(format))));
}

CastResult castNumber(std::string_view cell, const NumberFormat& format) {
  Value v;
  Fail fail;
  if (parseNumber(cell, format, v, fail)) return v;
  if (fail.why == Why::kGrouping) fail.detail = format.groupChar;
  return std::unexpected(typeError(cell, typePhrase(FieldType::kNumber), exampleNumber(format), fail, "number/default"));
}

CastResult castInteger(std::string_view cell, const NumberFormat& format) {
  int64_t v = 0;
  Fail fail;
  if (parseInteger(cell, format, v, fail)) return Value::integer(v);
  if (fail.why == Why::kGrouping) fail.detail = format.groupChar;
  return std::unexpected(typeError(cell, typePhrase(FieldType::kInteger), exampleInteger(format), fail, "integer/default"));
}

CastResult castBoolean(std::string_view cell, const BooleanFormat& format) {
  for (const auto& t : format.trueValues)
    if (cell == t) return Value::boolean(true);
  for (const auto& f : format.falseValues)
    if (cell == f) return Value::boolean(false);
  Fail fail;
  fail.why = Why::kDetail;
  fail.detail = "Möglich sind für „wahr“ " + listWords(format.trueValues) + " und für „falsch“ " +
                listWords(format.falseValues) + ".";
  return std::unexpected(typeError(cell, typePhrase(FieldType::kBoolean), exampleBoolean(format), fail, "boolean/default"));
}

CastResult castDate(std::string_view cell, const TemporalFormat& format) {
  Parts p;
  Fail fail;
  if (parseTemporal(TemporalKind::kDate, cell, format, p, fail)) return Value::date(toDate(p));
  return std::unexpected(typeError(cell, typePhrase(FieldType::kDate), exampleTemporal(FieldType::kDate, format), fail,
                                   temporalNote(FieldType::kDate, format)));
}

CastResult castTime(std::string_view cell, const TemporalFormat& format) {
  Parts p;
  Fail fail;
  if (parseTemporal(TemporalKind::kTime, cell, format, p, fail)) return Value::time(toTime(p));
  return std::unexpected(typeError(cell, typePhrase(FieldType::kTime), exampleTemporal(FieldType::kTime, format), fail,
                                   temporalNote(FieldType::kTime, format)));
}

CastResult castDatetime(std::string_view cell, const TemporalFormat& format) {
  Parts p;
  Fail fail;
  if (parseTemporal(TemporalKind::kDatetime, cell, format, p, fail))
    return Value::dateTime(DateTime{toDate(p), toTime(p)});
  return std::unexpected(typeError(cell, typePhrase(FieldType::kDatetime),
                                   exampleTemporal(FieldType::kDatetime, format), fail,
                                   temporalNote(FieldType::kDatetime, format)));
}

CastResult castYear(std::string_view cell) {
  int year = 0;
  if (parseYear(cell, year)) return Value::year(Year{year});
  return std::unexpected(typeError(cell, typePhrase(FieldType::kYear), "2024", Fail{}, "year/default"));
}

CastResult castYearmonth(std::string_view cell) {
  Parts p;
  Fail fail;
  if (parseYearmonth(cell, p, fail)) return Value::yearMonth(YearMonth{p.year, static_cast<uint8_t>(p.month)});
  return std::unexpected(typeError(cell, typePhrase(FieldType::kYearmonth), "2024-12", fail, "yearmonth/default"));
}

CastResult castDuration(std::string_view cell) {
  Duration d;
  Fail fail;
  if (parseDuration(cell, d, fail)) return Value::duration(d);
  return std::unexpected(typeError(cell, typePhrase(FieldType::kDuration), "P1Y2M10DT2H30M", fail, "duration/default"));
}

CastResult castGeopoint(std::string_view cell, GeoPointFormat format) {
  GeoPoint g;
  Fail fail;
  if (parseGeopoint(cell, format, g, fail)) return Value::geoPoint(g);
  return std::unexpected(typeError(cell, typePhrase(FieldType::kGeopoint), exampleGeopoint(format), fail,
                                   "geopoint/" + std::string(geoFormatName(format))));
}

CastResult castGeojson(std::string_view cell, GeoJsonFormat format) {
  json j;
  Fail fail;
  if (parseJson(cell, j, fail) && geojsonObject(j, format, fail)) return Value::json(std::move(j));
  bool topo = format == GeoJsonFormat::kTopoJson;
  return std::unexpected(typeError(
      cell, topo ? "kein gültiges TopoJSON-Objekt" : typePhrase(FieldType::kGeojson),
      topo ? "{\"type\": \"Topology\", \"objects\": {}, \"arcs\": []}" : "{\"type\": \"Point\", \"coordinates\": [13.405, 52.52]}",
      fail, topo ? "geojson/topojson" : "geojson/default"));
}

CastResult castObject(std::string_view cell) {
  json j;
  Fail fail;
  if (parseJson(cell, j, fail)) {
    if (j.is_object()) return Value::json(std::move(j));
    fail = Fail{Why::kDetail, 0, 0, 0, "Der Text ist gültiges JSON, aber kein Objekt in { }."};
  }
  return std::unexpected(typeError(cell, typePhrase(FieldType::kObject), "{\"name\": \"Köln\"}", fail, "object/default"));
}

CastResult castArray(std::string_view cell) {
  json j;
  Fail fail;
  if (parseJson(cell, j, fail)) {
    if (j.is_array()) return Value::json(std::move(j));
    fail = Fail{Why::kDetail, 0, 0, 0, "Der Text ist gültiges JSON, aber kein Array in [ ]."};
  }
  return std::unexpected(typeError(cell, typePhrase(FieldType::kArray), "[1, 2, 3]", fail, "array/default"));
}

CastResult castList(std::string_view cell, const ListFormat& format) {
  // Items use the default lexical forms (§1.1), so one spec per item type serves every list.
  static const std::array<CastSpec, 16> kItemSpecs = [] {
    std::array<CastSpec, 16> specs;
    for (size_t i = 0; i < specs.size(); ++i) specs[i] = makeCastSpec(static_cast<FieldType>(i));
    return specs;
  }();
  const CastSpec& item = kItemSpecs[static_cast<size_t>(format.itemType)];
  ValueList items;
  bool castable = format.itemType == FieldType::kString || format.itemType == FieldType::kInteger ||
                  format.itemType == FieldType::kNumber || format.itemType == FieldType::kBoolean ||
                  format.itemType == FieldType::kDate || format.itemType == FieldType::kTime ||
                  format.itemType == FieldType::kDatetime;
  Fail fail;
  if (castable && !cell.empty()) {
    size_t start = 0;
    size_t index = 0;
    while (true) {
      size_t end = format.delimiter.empty() ? std::string_view::npos : cell.find(format.delimiter, start);
      std::string_view raw = cell.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      ++index;
      // Spaces after the delimiter are common ("1, 2, 3"); they carry meaning only in strings.
      std::string_view piece = format.itemType == FieldType::kString ? raw : trimSpace(raw);
      auto v = castCell(item, piece);
      if (!v) {
        fail.why = Why::kDetail;
        fail.detail = "Eintrag " + std::to_string(index) + " („" + displayCell(piece) + "“) ist " +
                      std::string(typePhrase(format.itemType)) + ".";
        break;
      }
      items.push_back(std::move(*v));
      if (end == std::string_view::npos) return Value::list(std::move(items));
      start = end + format.delimiter.size();
    }
  } else if (castable) {
    return Value::list({});
  }
  return std::unexpected(typeError(cell, typePhrase(FieldType::kList), exampleList(format), fail,
                                   "list/" + std::string(fieldTypeName(format.itemType))));
}

CastResult castAny(std::string_view cell) { return Value::string(std::string(cell)); }

CastResult castCell(const CastSpec& spec, std::string_view cell) {
  switch (spec.type) {
    case FieldType::kString: return castString(cell, spec.stringFormat);
    case FieldType::kNumber: return castNumber(cell, spec.number);
    case FieldType::kInteger: return castInteger(cell, spec.number);
    case FieldType::kBoolean: return castBoolean(cell, spec.boolean);
    case FieldType::kObject: return castObject(cell);
    case FieldType::kArray: return castArray(cell);
    case FieldType::kList: return castList(cell, spec.list);
    case FieldType::kDatetime: return castDatetime(cell, spec.temporal);
    case FieldType::kDate: return castDate(cell, spec.temporal);
    case FieldType::kTime: return castTime(cell, spec.temporal);
    case FieldType::kYear: return castYear(cell);
    case FieldType::kYearmonth: return castYearmonth(cell);
    case FieldType::kDuration: return castDuration(cell);
    case FieldType::kGeopoint: return castGeopoint(cell, spec.geopoint);
    case FieldType::kGeojson: return castGeojson(cell, spec.geojson);
    case FieldType::kAny: return castAny(cell);
  }
  return castAny(cell);
}

CastResult castJsonValue(const CastSpec& spec, const json& value) {
  auto text = [&] { return value.dump(-1, ' ', false, json::error_handler_t::replace); };
  switch (value.type()) {
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (spec.type == FieldType::kAny) return Value::string(s);
      auto v = castCell(spec, s);
      bool temporal = spec.type == FieldType::kDate || spec.type == FieldType::kTime ||
                      spec.type == FieldType::kDatetime;
      if (!v && temporal && spec.temporal.kind != TemporalFormat::Kind::kDefault) {
        CastSpec iso = spec;
        iso.temporal = TemporalFormat{};
        if (auto w = castCell(iso, s)) return w;
      }
      return v;
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: {
      if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return castInteger(text());  // reports the overflow
      int64_t i = value.get<int64_t>();
      if (spec.type == FieldType::kInteger) return Value::integer(i);
      if (spec.type == FieldType::kNumber) return Value::decimal(Decimal{i, 0});
      if (spec.type == FieldType::kYear && i >= 0 && i <= 9999) return Value::year(Year{static_cast<int32_t>(i)});
      break;
    }
    case json::value_t::number_float:
      if (spec.type == FieldType::kNumber) return castNumber(text());
      if (spec.type == FieldType::kInteger) return castInteger(text());
      break;
    case json::value_t::boolean:
      if (spec.type == FieldType::kBoolean) return Value::boolean(value.get<bool>());
      break;
    case json::value_t::object:
    case json::value_t::array:
      if (spec.type == FieldType::kObject && value.is_object()) return Value::json(value);
      if (spec.type == FieldType::kArray && value.is_array()) return Value::json(value);
      if (spec.type == FieldType::kGeojson) return castGeojson(text(), spec.geojson);
      if (spec.type == FieldType::kGeopoint)
        return castGeopoint(text(), value.is_array() ? GeoPointFormat::kArray : GeoPointFormat::kObject);
      if (spec.type == FieldType::kList && value.is_array()) {
        ValueList items;
        CastSpec item = makeCastSpec(spec.list.itemType);
        for (const auto& element : value) {
          auto v = castJsonValue(item, element);
          if (!v) return v;
          items.push_back(std::move(*v));
        }
        return Value::list(std::move(items));
      }
      break;
    default: break;
  }
  if (spec.type == FieldType::kAny) return Value::string(text());
  if (value.is_null())
    return std::unexpected(typeError("null", typePhrase(spec.type), exampleFor(spec), Fail{},
                                     std::string(fieldTypeName(spec.type)) + "/default"));
  // Anything else goes through the cell cast, which produces the usual German type error.
  return castCell(spec, text());
}

std::string exampleFor(const CastSpec& spec) {
  switch (spec.type) {
    case FieldType::kString: {
      static constexpr std::string_view kExample[] = {"Text", "name@beispiel.de", "https://www.beispiel.de/",
                                                      "SGFsbG8=", "123e4567-e89b-12d3-a456-426614174000"};
      return std::string(kExample[static_cast<size_t>(spec.stringFormat)]);
    }
    case FieldType::kNumber: return exampleNumber(spec.number);
    case FieldType::kInteger: return exampleInteger(spec.number);
    case FieldType::kBoolean: return exampleBoolean(spec.boolean);
    case FieldType::kObject: return "{\"name\": \"Köln\"}";
    case FieldType::kArray: return "[1, 2, 3]";
    case FieldType::kList: return exampleList(spec.list);
    case FieldType::kDatetime:
    case FieldType::kDate:
    case FieldType::kTime: return exampleTemporal(spec.type, spec.temporal);
    case FieldType::kYear: return "2024";
    case FieldType::kYearmonth: return "2024-12";
    case FieldType::kDuration: return "P1Y2M10DT2H30M";
    case FieldType::kGeopoint: return exampleGeopoint(spec.geopoint);
    case FieldType::kGeojson: return "{\"type\": \"Point\", \"coordinates\": [13.405, 52.52]}";
    case FieldType::kAny: return "Text";
  }
  return {};
}

std::string formatValue(const Value& value, const CastSpec& spec) {
  using K = Value::Kind;
  switch (value.kind()) {
    case K::kDecimal: return formatDecimal(value.asDecimal(), spec.number);
    case K::kInteger: return formatDecimal(Decimal{value.asInteger(), 0}, spec.number);
    case K::kNumber: {
      std::string text = toText(value);
      size_t dot = text.find('.');
      if (dot != std::string::npos) text.replace(dot, 1, spec.number.decimalChar);
      return text;
    }
    case K::kBoolean: {
      const auto& words = value.asBoolean() ? spec.boolean.trueValues : spec.boolean.falseValues;
      return words.empty() ? toText(value) : words.front();
    }
    case K::kDate:
    case K::kTime:
    case K::kDateTime: {
      if (spec.temporal.kind != TemporalFormat::Kind::kPattern) return toText(value);
      DateTime dt = sampleDateTime(false);
      if (value.kind() == K::kDate) dt = DateTime{value.asDate(), Time{}};
      if (value.kind() == K::kTime) dt = DateTime{Date{2024, 12, 31}, value.asTime()};
      if (value.kind() == K::kDateTime) dt = value.asDateTime();
      return formatPattern(spec.temporal.pattern, dt);
    }
    default: return toText(value);
  }
}

std::string displayCell(std::string_view cell) {
  constexpr size_t kMaxCodePoints = 60;
  std::string out;
  size_t codePoints = 0;
  size_t i = 0;
  while (i < cell.size()) {
    if (codePoints == kMaxCodePoints) {
      out += "…";
      break;
    }
    unsigned char c = static_cast<unsigned char>(cell[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len > 0 && i + len <= cell.size();
    for (size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(cell[i + k]) & 0xC0) == 0x80;
    if (valid && len == 2 && c < 0xC2) valid = false;  // overlong
    if (valid && len == 3) {
      unsigned char c1 = static_cast<unsigned char>(cell[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) valid = false;  // overlong, surrogates
    }
    if (valid && len == 4) {
      unsigned char c1 = static_cast<unsigned char>(cell[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) valid = false;
    }
    if (!valid) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else if (len == 1 && (c < 0x20 || c == 0x7F)) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(cell.substr(i, len));
      i += len;
    }
    ++codePoints;
  }
  return out;
}

}  // namespace opgv::validation
