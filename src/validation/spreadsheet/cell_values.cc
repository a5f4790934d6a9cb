#include "validation/spreadsheet/cell_values.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "validation/value.h"

namespace opgv::validation::spreadsheet {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;

struct CivilDate {
  int64_t year = 0;
  int month = 0;
  int day = 0;
};

// Howard Hinnant's civil_from_days, the inverse of daysFromCivil (days since 1970-01-01).
CivilDate civilFromDays(int64_t days) {
  days += 719'468;
  const int64_t era = (days >= 0 ? days : days - 146'096) / 146'097;
  const int64_t doe = days - era * 146'097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

void appendDigits(std::string& out, int64_t value, int width) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  for (int pad = width - static_cast<int>(end - buffer); pad > 0; --pad) out.push_back('0');
  out.append(buffer, end);
}

void appendDate(std::string& out, int64_t year, int month, int day) {
  appendDigits(out, year, 4);
  out.push_back('-');
  appendDigits(out, month, 2);
  out.push_back('-');
  appendDigits(out, day, 2);
}

// Hours may exceed 23 (durations).
void appendClock(std::string& out, int64_t seconds) {
  appendDigits(out, seconds / 3600, 2);
  out.push_back(':');
  appendDigits(out, seconds / 60 % 60, 2);
  out.push_back(':');
  appendDigits(out, seconds % 60, 2);
}

char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trimBlanks(std::string_view text) {
  while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
  return text;
}

// Exactly `width` digits at text[pos]; advances pos.
std::optional<int> fixedDigits(std::string_view text, size_t& pos, size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    if (!isDigit(text[pos + i])) return std::nullopt;
    value = value * 10 + (text[pos + i] - '0');
  }
  pos += width;
  return value;
}

// "HH:MM[:SS[.fff]]" from text[pos] to the end; seconds of the day with the fraction.
std::optional<double> parseClock(std::string_view text, size_t pos) {
  auto hours = fixedDigits(text, pos, 2);
  if (!hours || pos >= text.size() || text[pos] != ':') return std::nullopt;
  ++pos;
  auto minutes = fixedDigits(text, pos, 2);
  if (!minutes) return std::nullopt;
  double seconds = 0;
  if (pos < text.size()) {
    if (text[pos] != ':') return std::nullopt;
    ++pos;
    auto whole = fixedDigits(text, pos, 2);
    if (!whole) return std::nullopt;
    seconds = *whole;
    if (pos < text.size()) {
      if (text[pos] != '.' && text[pos] != ',') return std::nullopt;
      double scale = 0.1;
      size_t digits = 0;
      for (++pos; pos < text.size(); ++pos, ++digits) {
        if (!isDigit(text[pos])) return std::nullopt;
        seconds += (text[pos] - '0') * scale;
        scale /= 10;
      }
      if (digits == 0) return std::nullopt;
    }
    if (*whole > 59) return std::nullopt;
  }
  if (*hours > 24 || *minutes > 59) return std::nullopt;
  const double total = *hours * 3600.0 + *minutes * 60.0 + seconds;
  if (total > kSecondsPerDay) return std::nullopt;  // 24:00:00 is allowed by ISO 8601, nothing after
  return total;
}

}  // namespace

TemporalKind builtinFormatKind(int numFmtId) {
  if (numFmtId >= 14 && numFmtId <= 17) return TemporalKind::kDate;
  if ((numFmtId >= 18 && numFmtId <= 21) || (numFmtId >= 45 && numFmtId <= 47)) return TemporalKind::kTime;
  if (numFmtId == 22) return TemporalKind::kDateTime;
  return TemporalKind::kNone;
}

TemporalKind classifyFormatCode(std::string_view code) {
  bool year = false, month = false, day = false, hour = false, second = false, clock = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = lowerAscii(code[i]);
    if (c == ';') break;  // the first section is the one for positive numbers, which dates are
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {  // escaped character, padding, fill character
      ++i;
      continue;
    }
    if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      // Elapsed time ([h], [mm], [ss]) is a time; colours, conditions and locales ([Red], [>100],
      // [$-407], [$€-1]) are not.
      const std::string_view inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of(inner[0]) == std::string_view::npos) {
        const char unit = lowerAscii(inner[0]);
        hour = hour || unit == 'h';  // so that the "mm" in "[h]:mm" counts as minutes
        second = second || unit == 's';
        clock = clock || unit == 'm';
      }
      i = close;
      continue;
    }
    if (c == 'a') {  // AM/PM or A/P (its "m" is no month)
      const std::string_view rest = code.substr(i);
      auto startsWithFolded = [&](std::string_view word) {
        if (rest.size() < word.size()) return false;
        for (size_t k = 0; k < word.size(); ++k)
          if (lowerAscii(rest[k]) != word[k]) return false;
        return true;
      };
      if (startsWithFolded("am/pm")) {
        clock = true;
        i += 4;
        continue;
      }
      if (startsWithFolded("a/p")) {
        clock = true;
        i += 2;
        continue;
      }
    }
    switch (c) {
      case 'y': year = true; break;
      case 'm': month = true; break;
      case 'd': day = true; break;
      case 'h': hour = true; break;
      case 's': second = true; break;
      default: break;
    }
  }
  const bool time = hour || second || clock;
  const bool date = year || day || (month && !hour && !second);
  if (date && time) return TemporalKind::kDateTime;
  if (date) return TemporalKind::kDate;
  if (time) return TemporalKind::kTime;
  return TemporalKind::kNone;
}

void appendNumber(double value, std::string& out) {
  if (value == 0 || !std::isfinite(value)) {
    out += "0";
    return;
  }
  // Excel and LibreOffice compute with doubles but show at most 15 significant digits; the file
  // holds the double (0.30000000000000004 for =0.1+0.2). Rounding to 15 digits gives what the
  // person who made the file saw.
  char buffer[64];
  auto rounded = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific, 14);
  double shown = value;
  std::from_chars(buffer, rounded.ptr, shown);
  // Beyond 1e15 fixed notation would print the double's exact digits ("1234567890123460096"),
  // which nobody saw; Excel itself switches to exponents there.
  const double magnitude = std::fabs(shown);
  const bool fixed = magnitude >= 1e-6 && magnitude < 1e15;
  auto result = std::to_chars(buffer, buffer + sizeof buffer, shown,
                              fixed ? std::chars_format::fixed : std::chars_format::scientific);
  out.append(buffer, result.ptr);
}

std::optional<double> parseNumber(std::string_view written) {
  std::string_view text = trimBlanks(written);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  // from_chars would also take "inf" and "nan"; a number in a file starts like a number.
  if (text.empty() || !(isDigit(text.front()) || text.front() == '-' || text.front() == '.')) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool canonicalNumber(std::string_view written, std::string& out) {
  const auto value = parseNumber(written);
  if (!value) return false;
  appendNumber(*value, out);
  return true;
}

void appendCapped(std::string& buffer, std::string_view text, uint64_t cap, bool& truncated) {
  // Once cut, nothing more: a later short piece would otherwise still fit, and the result would
  // depend on how the text arrived in pieces.
  if (truncated) return;
  if (buffer.size() + text.size() <= cap) {
    buffer.append(text);
    return;
  }
  truncated = true;
  if (buffer.size() >= cap) return;
  size_t keep = static_cast<size_t>(cap - buffer.size());
  // Do not split a multi-byte character: back off over continuation bytes (10xxxxxx).
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
  buffer.append(text.substr(0, keep));
}

CellKind serialToTemporal(double serial, bool date1904, TemporalKind kind, std::string& out) {
  // 2,958,465 is 9999-12-31 in the 1900 system; Excel shows ##### beyond it and for negatives.
  if (!std::isfinite(serial) || serial < 0 || serial >= 2'958'466.0 || kind == TemporalKind::kNone) {
    appendNumber(serial, out);
    return CellKind::kNumber;
  }
  const int64_t total = std::llround(serial * kSecondsPerDay);
  const int64_t days = total / kSecondsPerDay;
  const int64_t seconds = total % kSecondsPerDay;
  if (kind == TemporalKind::kTime) {
    appendClock(out, seconds);
    return CellKind::kTime;
  }
  CellKind result = kind == TemporalKind::kDate ? CellKind::kDate : CellKind::kDateTime;
  if (date1904) {
    const CivilDate date = civilFromDays(daysFromCivil(1904, 1, 1) + days);
    if (date.year > 9999) {
      appendNumber(serial, out);
      return CellKind::kNumber;
    }
    appendDate(out, date.year, date.month, date.day);
  } else if (days == 0 || days == 60) {
    // Day 0 is shown as 1900-01-00, and day 60 as 1900-02-29, a day that never was: Lotus 1-2-3
    // took 1900 for a leap year and Excel kept the mistake. Neither is a date; as text the
    // validator reports it like any other invalid date.
    out += days == 0 ? "1900-01-00" : "1900-02-29";
    result = CellKind::kText;
  } else {
    // Serial 1 is 1900-01-01. From serial 61 on, the phantom leap day shifts everything by one.
    const CivilDate date = civilFromDays(daysFromCivil(1899, 12, days < 60 ? 31 : 30) + days);
    appendDate(out, date.year, date.month, date.day);
  }
  if (kind == TemporalKind::kDateTime) {
    out.push_back('T');
    appendClock(out, seconds);
  }
  return result;
}

CellKind isoToTemporal(std::string_view written, std::string& out) {
  std::string_view text = trimBlanks(written);
  auto asWritten = [&] {
    out.append(written);
    return CellKind::kText;
  };
  if (!text.empty() && text.back() == 'Z') text.remove_suffix(1);
  if (text.size() >= 5 && text[2] == ':') {  // a time alone
    auto seconds = parseClock(text, 0);
    if (!seconds) return asWritten();
    const int64_t rounded = std::llround(*seconds);
    if (rounded >= kSecondsPerDay) return asWritten();
    appendClock(out, rounded);
    return CellKind::kTime;
  }
  size_t pos = 0;
  auto year = fixedDigits(text, pos, 4);
  if (!year || pos >= text.size() || text[pos++] != '-') return asWritten();
  auto month = fixedDigits(text, pos, 2);
  if (!month || pos >= text.size() || text[pos++] != '-') return asWritten();
  auto day = fixedDigits(text, pos, 2);
  if (!day || *year < 1 || *month < 1 || *month > 12 || *day < 1 || *day > daysInMonth(*year, *month)) {
    return asWritten();
  }
  if (pos == text.size()) {
    appendDate(out, *year, *month, *day);
    return CellKind::kDate;
  }
  if (text[pos] != 'T' && text[pos] != ' ') return asWritten();
  auto seconds = parseClock(text, pos + 1);
  if (!seconds) return asWritten();
  // LibreOffice writes computed instants as 14:29:59.999999999; round, carrying into the date.
  int64_t total = std::llround(*seconds);
  int64_t days = daysFromCivil(*year, *month, *day) + total / kSecondsPerDay;
  total %= kSecondsPerDay;
  const CivilDate date = civilFromDays(days);
  if (date.year > 9999) return asWritten();
  appendDate(out, date.year, date.month, date.day);
  out.push_back('T');
  appendClock(out, total);
  return CellKind::kDateTime;
}

CellKind durationToTime(std::string_view written, std::string& out) {
  const std::string_view text = trimBlanks(written);
  auto asWritten = [&] {
    out.append(written);
    return CellKind::kText;
  };
  size_t pos = 0;
  const bool negative = pos < text.size() && text[pos] == '-';
  if (negative) ++pos;
  if (pos >= text.size() || text[pos++] != 'P') return asWritten();
  double total = 0;
  bool inTime = false, any = false;
  while (pos < text.size()) {
    if (text[pos] == 'T') {
      if (inTime) return asWritten();
      inTime = true;
      ++pos;
      continue;
    }
    double value = 0;
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), value, std::chars_format::fixed);
    if (ec != std::errc() || end == text.data() + text.size() || value < 0 || value > 1e12) return asWritten();
    pos = static_cast<size_t>(end - text.data());
    const char unit = text[pos++];
    if (!inTime && unit == 'D') {
      total += value * kSecondsPerDay;
    } else if (inTime && unit == 'H') {
      total += value * 3600;
    } else if (inTime && unit == 'M') {
      total += value * 60;
    } else if (inTime && unit == 'S') {
      total += value;
    } else {
      return asWritten();  // years and months have no fixed length
    }
    any = true;
  }
  if (!any) return asWritten();
  const int64_t rounded = std::llround(total);
  if (!negative && rounded < kSecondsPerDay) {
    appendClock(out, rounded);
    return CellKind::kTime;
  }
  if (negative && rounded != 0) out.push_back('-');
  appendClock(out, rounded);
  return CellKind::kText;
}

void decodeOoxmlEscapes(std::string& text) {
  size_t first = text.find("_x");
  if (first == std::string::npos) return;
  auto hexAt = [&](size_t pos) -> std::optional<uint32_t> {
    if (pos + 7 > text.size() || text[pos] != '_' || text[pos + 1] != 'x' || text[pos + 6] != '_') return std::nullopt;
    uint32_t value = 0;
    for (size_t i = pos + 2; i < pos + 6; ++i) {
      const char c = lowerAscii(text[i]);
      const int digit = isDigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + static_cast<uint32_t>(digit);
    }
    return value;
  };
  auto appendUtf8 = [](std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  };
  std::string out(text, 0, first);
  for (size_t i = first; i < text.size();) {
    auto unit = hexAt(i);
    if (!unit) {
      out.push_back(text[i++]);
      continue;
    }
    i += 7;
    uint32_t cp = *unit;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      auto low = hexAt(i);
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
        i += 7;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    appendUtf8(out, cp);
  }
  text = std::move(out);
}

std::string columnName(size_t column) {
  std::string name;
  for (size_t n = column + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

std::optional<CellRef> parseCellRef(std::string_view ref) {
  constexpr size_t kColumnCap = size_t{1} << 40;
  constexpr int64_t kRowCap = int64_t{1} << 50;
  size_t pos = 0;
  if (pos < ref.size() && ref[pos] == '$') ++pos;
  size_t column = 0;
  const size_t lettersBegin = pos;
  for (; pos < ref.size(); ++pos) {
    const char c = lowerAscii(ref[pos]);
    if (c < 'a' || c > 'z') break;
    column = std::min(column * 26 + static_cast<size_t>(c - 'a' + 1), kColumnCap);
  }
  if (pos == lettersBegin) return std::nullopt;
  if (pos < ref.size() && ref[pos] == '$') ++pos;
  int64_t row = 0;
  const size_t digitsBegin = pos;
  for (; pos < ref.size() && isDigit(ref[pos]); ++pos) row = std::min(row * 10 + (ref[pos] - '0'), kRowCap);
  if (pos != ref.size() || (pos > digitsBegin && row == 0)) return std::nullopt;
  return CellRef{column - 1, row};
}

std::optional<int64_t> parseCount(std::string_view text) {
  text = trimBlanks(text);
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!isDigit(c)) return std::nullopt;
    value = value > (std::numeric_limits<int64_t>::max() - 9) / 10 ? std::numeric_limits<int64_t>::max()
                                                                   : value * 10 + (c - '0');
  }
  return value;
}

}  // namespace opgv::validation::spreadsheet
