// Random transforms, calendar, number formatting and the pattern sampler of the synthetic data
// generator (see synth_internal.h).
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <vector>

#include "validation/synth_internal.h"

namespace opgv::validation::synth_detail {

double inverseNormalCdf(double p) {
  static constexpr std::array<double, 6> a{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                           1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr std::array<double, 5> b{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                           6.680131188771972e+01,  -1.328068155288572e+01};
  static constexpr std::array<double, 6> c{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                           -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr std::array<double, 4> d{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                           3.754408661907416e+00};
  constexpr double low = 0.02425;
  if (p <= 0) p = 1e-300;
  if (p >= 1) p = 1 - 1e-16;
  if (p < low) {
    double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    double q = std::sqrt(-2 * std::log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  double q = p - 0.5;
  double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

Date civilFromDays(int64_t z) {
  // H. Hinnant's civil_from_days.
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  Date date;
  date.year = static_cast<int32_t>(y + (m <= 2 ? 1 : 0));
  date.month = static_cast<uint8_t>(m);
  date.day = static_cast<uint8_t>(d);
  return date;
}

std::optional<Date> parseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (std::from_chars(text.data(), text.data() + 4, y).ptr != text.data() + 4) return std::nullopt;
  if (std::from_chars(text.data() + 5, text.data() + 7, m).ptr != text.data() + 7) return std::nullopt;
  if (std::from_chars(text.data() + 8, text.data() + 10, d).ptr != text.data() + 10) return std::nullopt;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return std::nullopt;
  return Date{y, static_cast<uint8_t>(m), static_cast<uint8_t>(d)};
}

std::string formatDate(const Date& date) {
  char buf[16];
  int y = date.year;
  buf[0] = static_cast<char>('0' + y / 1000 % 10);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + date.month / 10);
  buf[6] = static_cast<char>('0' + date.month % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + date.day / 10);
  buf[9] = static_cast<char>('0' + date.day % 10);
  return std::string(buf, 10);
}

Date addToDate(const Date& date, int years, int months, int days) {
  int64_t total = static_cast<int64_t>(date.year) * 12 + (date.month - 1) + static_cast<int64_t>(years) * 12 + months;
  auto year = static_cast<int32_t>(total >= 0 ? total / 12 : (total - 11) / 12);
  int month = static_cast<int>(total - static_cast<int64_t>(year) * 12) + 1;
  int day = std::min<int>(date.day, daysInMonth(year, month));
  if (days == 0) return Date{year, static_cast<uint8_t>(month), static_cast<uint8_t>(day)};
  return civilFromDays(daysFromCivil(year, month, day) + days);
}

void appendFixed(std::string& out, double value, int decimals) {
  char buf[64];
  double rounded = roundTo(value, decimals);
  if (rounded == 0) rounded = 0;  // no "-0"
  auto result = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, decimals);
  out.append(buf, result.ptr);
}

std::string formatFixed(double value, int decimals) {
  std::string out;
  appendFixed(out, value, decimals);
  return out;
}

std::string formatShortest(double value) {
  char buf[64];
  if (value == 0) value = 0;
  auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

void appendCsvCell(std::string& line, std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(cell);
    return;
  }
  line.push_back('"');
  for (char c : cell) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

namespace {

struct Atom {
  std::vector<char> chars;  // the characters it may produce
  int min = 1;
  int max = 1;
};

void addRange(std::vector<char>& chars, char from, char to) {
  for (int c = static_cast<unsigned char>(from); c <= static_cast<unsigned char>(to); ++c) chars.push_back(static_cast<char>(c));
}

// \d, \w, \s or an escaped literal; false for escapes we do not support (\b, \p, back references).
bool addEscape(std::vector<char>& chars, char e) {
  switch (e) {
    case 'd': addRange(chars, '0', '9'); return true;
    case 'w': addRange(chars, 'a', 'z'); addRange(chars, 'A', 'Z'); addRange(chars, '0', '9'); chars.push_back('_'); return true;
    case 's': chars.push_back(' '); return true;
    case 't': chars.push_back('\t'); return true;
    default: break;
  }
  if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) return false;
  if (static_cast<unsigned char>(e) >= 0x80) return false;
  chars.push_back(e);
  return true;
}

std::optional<std::vector<Atom>> parsePattern(std::string_view p) {
  std::vector<Atom> atoms;
  size_t i = 0;
  if (!p.empty() && p.front() == '^') ++i;
  size_t end = p.size();
  if (end > i && p[end - 1] == '$' && (end < 2 || p[end - 2] != '\\')) --end;
  while (i < end) {
    char c = p[i];
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    Atom atom;
    if (c == '\\') {
      if (i + 1 >= end || !addEscape(atom.chars, p[i + 1])) return std::nullopt;
      i += 2;
    } else if (c == '[') {
      ++i;
      if (i < end && p[i] == '^') return std::nullopt;
      bool first = true;
      while (i < end && (p[i] != ']' || first)) {
        first = false;
        char from = p[i];
        if (static_cast<unsigned char>(from) >= 0x80) return std::nullopt;
        if (from == '\\') {
          if (i + 1 >= end || !addEscape(atom.chars, p[i + 1])) return std::nullopt;
          i += 2;
          continue;
        }
        if (i + 2 < end && p[i + 1] == '-' && p[i + 2] != ']') {
          char to = p[i + 2];
          if (to == '\\' || static_cast<unsigned char>(to) >= 0x80 || to < from) return std::nullopt;
          addRange(atom.chars, from, to);
          i += 3;
        } else {
          atom.chars.push_back(from);
          ++i;
        }
      }
      if (i >= end) return std::nullopt;
      ++i;  // ]
    } else if (c == '.') {
      addRange(atom.chars, 'a', 'z');
      ++i;
    } else if (c == '(' || c == ')' || c == '|' || c == '?' || c == '*' || c == '+' || c == '{' || c == '}' ||
               c == ']' || c == '^' || c == '$') {
      return std::nullopt;
    } else {
      atom.chars.push_back(c);
      ++i;
    }
    if (atom.chars.empty()) return std::nullopt;
    // Quantifier.
    if (i < end) {
      char q = p[i];
      if (q == '?') { atom.min = 0; atom.max = 1; ++i; }
      else if (q == '*') { atom.min = 0; atom.max = 3; ++i; }
      else if (q == '+') { atom.min = 1; atom.max = 4; ++i; }
      else if (q == '{') {
        size_t close = p.find('}', i);
        if (close == std::string_view::npos || close >= end) return std::nullopt;
        std::string_view inner = p.substr(i + 1, close - i - 1);
        size_t comma = inner.find(',');
        int lo = 0, hi = 0;
        auto num = [](std::string_view s, int& out) {
          return !s.empty() && std::from_chars(s.data(), s.data() + s.size(), out).ptr == s.data() + s.size();
        };
        if (comma == std::string_view::npos) {
          if (!num(inner, lo)) return std::nullopt;
          hi = lo;
        } else {
          if (!num(inner.substr(0, comma), lo)) return std::nullopt;
          std::string_view rest = inner.substr(comma + 1);
          if (rest.empty()) hi = lo + 3;
          else if (!num(rest, hi)) return std::nullopt;
        }
        if (lo < 0 || hi < lo || hi > 1000) return std::nullopt;
        atom.min = lo;
        atom.max = hi;
        i = close + 1;
      }
    }
    atoms.push_back(std::move(atom));
  }
  return atoms;
}

}  // namespace

std::optional<std::string> samplePatternWith(std::string_view pattern, Rng& rng) {
  auto atoms = parsePattern(pattern);
  if (!atoms) return std::nullopt;
  std::string out;
  for (const auto& atom : *atoms) {
    auto count = rng.uniformInt(atom.min, atom.max);
    for (int64_t k = 0; k < count; ++k) {
      out.push_back(atom.chars[static_cast<size_t>(rng.uniformInt(0, static_cast<int64_t>(atom.chars.size()) - 1))]);
    }
  }
  return out;
}

std::optional<uint64_t> patternCapacity(std::string_view pattern) {
  auto atoms = parsePattern(pattern);
  if (!atoms) return std::nullopt;
  uint64_t capacity = 1;
  constexpr uint64_t cap = uint64_t{1} << 60;
  for (const auto& atom : *atoms) {
    for (int k = 0; k < std::max(atom.min, 1); ++k) {
      capacity = capacity > cap / atom.chars.size() ? cap : capacity * atom.chars.size();
    }
  }
  return capacity;
}

std::optional<std::string> enumeratePattern(std::string_view pattern, uint64_t index) {
  auto atoms = parsePattern(pattern);
  if (!atoms) return std::nullopt;
  std::vector<const std::vector<char>*> positions;
  for (const auto& atom : *atoms) {
    for (int k = 0; k < std::max(atom.min, 1); ++k) positions.push_back(&atom.chars);
  }
  std::string out(positions.size(), ' ');
  for (size_t i = positions.size(); i-- > 0;) {
    out[i] = (*positions[i])[index % positions[i]->size()];
    index /= positions[i]->size();
  }
  return out;
}

}  // namespace opgv::validation::synth_detail
