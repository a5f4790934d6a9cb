#include "validation/value.h"

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace opgv::validation {

static_assert(sizeof(Value) <= 40, "Value is meant to stay compact (see value.h)");

namespace {

using json = nlohmann::json;

constexpr std::array<double, 23> kPow10 = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                           1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                           1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

uint64_t magnitude(int64_t v) { return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); }

int digitCount(uint64_t v) {
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

__int128 pow10i(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

std::strong_ordering compareDecimal(const Decimal& a, const Decimal& b) {
  int sa = (a.coefficient > 0) - (a.coefficient < 0);
  int sb = (b.coefficient > 0) - (b.coefficient < 0);
  if (sa != sb) return sa <=> sb;
  if (sa == 0) return std::strong_ordering::equal;
  uint64_t ma = magnitude(a.coefficient);
  uint64_t mb = magnitude(b.coefficient);
  // Order of magnitude first; only when it is equal do the exponents differ by at most 18 (int64
  // has at most 19 digits), so the aligned coefficients stay below 10^37 and fit in 128 bits.
  int64_t adjA = int64_t{a.exponent} + digitCount(ma) - 1;
  int64_t adjB = int64_t{b.exponent} + digitCount(mb) - 1;
  std::strong_ordering magnitude = std::strong_ordering::equal;
  if (adjA != adjB) {
    magnitude = adjA <=> adjB;
  } else {
    __int128 xa = ma, xb = mb;
    if (a.exponent > b.exponent) xa *= pow10i(a.exponent - b.exponent);
    if (b.exponent > a.exponent) xb *= pow10i(b.exponent - a.exponent);
    magnitude = xa < xb ? std::strong_ordering::less
                        : (xa > xb ? std::strong_ordering::greater : std::strong_ordering::equal);
  }
  if (sa > 0) return magnitude;
  return 0 <=> magnitude;
}

std::partial_ordering fromDouble(double a, double b) { return a <=> b; }

int64_t timeKeySeconds(const Time& t) {
  int64_t s = int64_t{t.hour} * 3600 + int64_t{t.minute} * 60 + t.second;
  if (t.hasOffset) s -= int64_t{t.offsetMinutes} * 60;
  return s;
}

void appendPadded(std::string& out, int64_t value, int width) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  for (int n = static_cast<int>(end - buf); n < width; ++n) out += '0';
  out.append(buf, end);
}

void appendDate(std::string& out, const Date& d) {
  appendPadded(out, d.year, 4);
  out += '-';
  appendPadded(out, d.month, 2);
  out += '-';
  appendPadded(out, d.day, 2);
}

void appendTime(std::string& out, const Time& t) {
  appendPadded(out, t.hour, 2);
  out += ':';
  appendPadded(out, t.minute, 2);
  out += ':';
  appendPadded(out, t.second, 2);
  if (t.nanosecond != 0) {
    char frac[10];
    uint32_t n = t.nanosecond;
    for (int i = 8; i >= 0; --i) {
      frac[i] = static_cast<char>('0' + n % 10);
      n /= 10;
    }
    int len = 9;
    while (len > 1 && frac[len - 1] == '0') --len;
    out += '.';
    out.append(frac, static_cast<size_t>(len));
  }
  if (t.hasOffset) {
    if (t.offsetMinutes == 0) {
      out += 'Z';
    } else {
      int m = t.offsetMinutes;
      out += m < 0 ? '-' : '+';
      if (m < 0) m = -m;
      appendPadded(out, m / 60, 2);
      out += ':';
      appendPadded(out, m % 60, 2);
    }
  }
}

std::string doubleText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "INF" : "-INF";
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, end);
}

std::string durationText(const Duration& d) {
  std::string out;
  bool negative = d.months < 0 || d.seconds < 0 || d.nanoseconds < 0;
  uint64_t months = magnitude(d.months);
  uint64_t seconds = magnitude(d.seconds);
  uint32_t nanos = static_cast<uint32_t>(std::abs(d.nanoseconds));
  if (negative) out += '-';
  out += 'P';
  if (months / 12) out += std::to_string(months / 12) + "Y";
  if (months % 12) out += std::to_string(months % 12) + "M";
  if (seconds / 86400) out += std::to_string(seconds / 86400) + "D";
  uint64_t rest = seconds % 86400;
  if (rest != 0 || nanos != 0) {
    out += 'T';
    if (rest / 3600) out += std::to_string(rest / 3600) + "H";
    if (rest % 3600 / 60) out += std::to_string(rest % 3600 / 60) + "M";
    if (rest % 60 || nanos) {
      out += std::to_string(rest % 60);
      if (nanos) {
        std::string frac = std::to_string(nanos);
        frac.insert(0, 9 - frac.size(), '0');
        while (frac.back() == '0') frac.pop_back();
        out += "." + frac;
      }
      out += 'S';
    }
  }
  if (out.back() == 'P') out += "T0S";
  return out;
}

Decimal normalized(Decimal d) {
  if (d.coefficient == 0) return Decimal{0, 0};
  while (d.coefficient % 10 == 0) {
    d.coefficient /= 10;
    ++d.exponent;
  }
  return d;
}

}  // namespace

double Decimal::toDouble() const {
  // Both operands exact and one IEEE operation: the result is correctly rounded. Outside that
  // window from_chars does the correctly rounded conversion.
  constexpr int64_t kExactLimit = int64_t{1} << 53;
  if (coefficient > -kExactLimit && coefficient < kExactLimit && exponent >= -22 && exponent <= 22) {
    double c = static_cast<double>(coefficient);
    return exponent >= 0 ? c * kPow10[static_cast<size_t>(exponent)]
                         : c / kPow10[static_cast<size_t>(-exponent)];
  }
  char buf[48];
  auto r = std::to_chars(buf, buf + 30, coefficient);
  *r.ptr++ = 'e';
  r = std::to_chars(r.ptr, buf + sizeof buf, exponent);
  double out = 0;
  auto parsed = std::from_chars(buf, r.ptr, out);
  if (parsed.ec == std::errc::result_out_of_range) {
    // from_chars leaves `out` unchanged on overflow/underflow.
    bool tiny = exponent < 0;
    return tiny ? 0.0 * (coefficient < 0 ? -1 : 1)
                : (coefficient < 0 ? -std::numeric_limits<double>::infinity()
                                   : std::numeric_limits<double>::infinity());
  }
  return out;
}

bool Value::isNumeric() const {
  auto k = kind();
  return k == Kind::kInteger || k == Kind::kNumber || k == Kind::kDecimal;
}

double Value::toDouble() const {
  switch (kind()) {
    case Kind::kInteger: return static_cast<double>(asInteger());
    case Kind::kNumber: return asNumber();
    case Kind::kDecimal: return asDecimal().toDouble();
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

std::string_view kindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBoolean: return "boolean";
    case Value::Kind::kInteger: return "integer";
    case Value::Kind::kNumber: return "number";
    case Value::Kind::kDecimal: return "decimal";
    case Value::Kind::kString: return "string";
    case Value::Kind::kDate: return "date";
    case Value::Kind::kTime: return "time";
    case Value::Kind::kDateTime: return "datetime";
    case Value::Kind::kYear: return "year";
    case Value::Kind::kYearMonth: return "yearmonth";
    case Value::Kind::kDuration: return "duration";
    case Value::Kind::kGeoPoint: return "geopoint";
    case Value::Kind::kJson: return "json";
    case Value::Kind::kList: return "list";
  }
  return "unknown";
}

std::partial_ordering compare(const Value& a, const Value& b) {
  using K = Value::Kind;
  if (a.isNumeric() && b.isNumeric()) {
    if (a.kind() == K::kNumber || b.kind() == K::kNumber) return fromDouble(a.toDouble(), b.toDouble());
    if (a.kind() == K::kInteger && b.kind() == K::kInteger) return a.asInteger() <=> b.asInteger();
    Decimal da = a.kind() == K::kInteger ? Decimal{a.asInteger(), 0} : a.asDecimal();
    Decimal db = b.kind() == K::kInteger ? Decimal{b.asInteger(), 0} : b.asDecimal();
    return compareDecimal(da, db);
  }
  if (a.kind() != b.kind()) return std::partial_ordering::unordered;
  switch (a.kind()) {
    case K::kNull: return std::partial_ordering::equivalent;
    case K::kBoolean: return a.asBoolean() <=> b.asBoolean();
    case K::kString: return a.asString().compare(b.asString()) <=> 0;
    case K::kDate: return a.asDate() <=> b.asDate();
    case K::kTime: {
      auto sa = timeKeySeconds(a.asTime()), sb = timeKeySeconds(b.asTime());
      if (sa != sb) return sa <=> sb;
      return a.asTime().nanosecond <=> b.asTime().nanosecond;
    }
    case K::kDateTime: {
      auto sa = epochSeconds(a.asDateTime()), sb = epochSeconds(b.asDateTime());
      if (sa != sb) return sa <=> sb;
      return a.asDateTime().time.nanosecond <=> b.asDateTime().time.nanosecond;
    }
    case K::kYear: return a.asYear().value <=> b.asYear().value;
    case K::kYearMonth: {
      auto x = a.asYearMonth(), y = b.asYearMonth();
      if (x.year != y.year) return x.year <=> y.year;
      return x.month <=> y.month;
    }
    case K::kDuration: {
      const auto& x = a.asDuration();
      const auto& y = b.asDuration();
      if (x.months != y.months) {
        // Months have no fixed length; the average Gregorian month (2,629,746 s) gives a total
        // order that agrees with every case where the answer is certain.
        long double ax = static_cast<long double>(x.months) * 2629746.0L + x.seconds + x.nanoseconds * 1e-9L;
        long double ay = static_cast<long double>(y.months) * 2629746.0L + y.seconds + y.nanoseconds * 1e-9L;
        if (ax != ay) return ax < ay ? std::partial_ordering::less : std::partial_ordering::greater;
        return x.months <=> y.months;
      }
      if (x.seconds != y.seconds) return x.seconds <=> y.seconds;
      return x.nanoseconds <=> y.nanoseconds;
    }
    case K::kGeoPoint: {
      const auto& x = a.asGeoPoint();
      const auto& y = b.asGeoPoint();
      return (x.lon == y.lon && x.lat == y.lat) ? std::partial_ordering::equivalent
                                                : std::partial_ordering::unordered;
    }
    case K::kJson:
      return a.asJson() == b.asJson() ? std::partial_ordering::equivalent : std::partial_ordering::unordered;
    case K::kList: {
      const auto& x = a.asList();
      const auto& y = b.asList();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        auto c = compare(x[i], y[i]);
        if (c != 0) return c;
      }
      return x.size() <=> y.size();
    }
    default: return std::partial_ordering::unordered;
  }
}

std::string toText(const Decimal& value, std::string_view decimalChar) {
  std::string digits = std::to_string(magnitude(value.coefficient));
  std::string out = value.coefficient < 0 ? "-" : "";
  int64_t len = static_cast<int64_t>(digits.size());
  int64_t e = value.exponent;
  if (e >= 0 && len + e <= 40) {
    out += digits;
    out.append(static_cast<size_t>(e), '0');
  } else if (e < 0 && len + e > 0) {
    out += digits.substr(0, static_cast<size_t>(len + e));
    out += decimalChar;
    out += digits.substr(static_cast<size_t>(len + e));
  } else if (e < 0 && len + e > -40) {
    out += '0';
    out += decimalChar;
    out.append(static_cast<size_t>(-(len + e)), '0');
    out += digits;
  } else {
    out += digits[0];
    if (len > 1) {
      out += decimalChar;
      out += digits.substr(1);
    }
    int64_t exp = e + len - 1;
    out += exp < 0 ? "E-" : "E+";
    out += std::to_string(exp < 0 ? -exp : exp);
  }
  return out;
}

std::string toText(const Value& value) {
  using K = Value::Kind;
  std::string out;
  switch (value.kind()) {
    case K::kNull: return {};
    case K::kBoolean: return value.asBoolean() ? "true" : "false";
    case K::kInteger: return std::to_string(value.asInteger());
    case K::kNumber: return doubleText(value.asNumber());
    case K::kDecimal: return toText(value.asDecimal());
    case K::kString: return value.asString();
    case K::kDate: appendDate(out, value.asDate()); return out;
    case K::kTime: appendTime(out, value.asTime()); return out;
    case K::kDateTime:
      appendDate(out, value.asDateTime().date);
      out += 'T';
      appendTime(out, value.asDateTime().time);
      return out;
    case K::kYear: appendPadded(out, value.asYear().value, 4); return out;
    case K::kYearMonth:
      appendPadded(out, value.asYearMonth().year, 4);
      out += '-';
      appendPadded(out, value.asYearMonth().month, 2);
      return out;
    case K::kDuration: return durationText(value.asDuration());
    case K::kGeoPoint: return doubleText(value.asGeoPoint().lon) + ", " + doubleText(value.asGeoPoint().lat);
    case K::kJson: return value.asJson().dump(-1, ' ', false, json::error_handler_t::replace);
    case K::kList: {
      bool first = true;
      for (const auto& item : value.asList()) {
        if (!first) out += ',';
        first = false;
        out += toText(item);
      }
      return out;
    }
  }
  return out;
}

json toJson(const Value& value) {
  using K = Value::Kind;
  switch (value.kind()) {
    case K::kNull: return nullptr;
    case K::kBoolean: return value.asBoolean();
    case K::kInteger: return value.asInteger();
    case K::kNumber: {
      double d = value.asNumber();
      if (!std::isfinite(d)) return doubleText(d);  // JSON has no NaN/INF
      return d;
    }
    case K::kDecimal: return value.asDecimal().toDouble();
    case K::kYear: return value.asYear().value;
    case K::kGeoPoint: return json::array({value.asGeoPoint().lon, value.asGeoPoint().lat});
    case K::kJson: return value.asJson();
    case K::kList: {
      json out = json::array();
      for (const auto& item : value.asList()) out.push_back(toJson(item));
      return out;
    }
    default: return toText(value);
  }
}

namespace {

// Keys live only in memory for one validation, so the machine's byte order is fine.
void appendFixed(std::string& out, uint64_t bits, size_t bytes) {
  char buffer[8];
  std::memcpy(buffer, &bits, sizeof buffer);
  out.append(buffer + (std::endian::native == std::endian::little ? 0 : 8 - bytes), bytes);
}

void appendLength(std::string& out, uint64_t length) {
  while (length >= 0x80) {
    out += static_cast<char>((length & 0x7F) | 0x80);
    length >>= 7;
  }
  out += static_cast<char>(length);
}

}  // namespace

// Every kind's encoding is self-delimiting (a fixed width or a length prefix), so the parts of a
// composite key follow each other without a separator that a string could contain. Fixed-width
// binary instead of decimal text keeps the keys short: the key state is what grows with the file.
void appendUniqueKey(std::string& out, const Value& value) {
  using K = Value::Kind;
  switch (value.kind()) {
    case K::kNull: out += 'N'; return;
    case K::kBoolean: out += value.asBoolean() ? "B1" : "B0"; return;
    case K::kInteger:
    case K::kDecimal: {
      Decimal d = normalized(value.kind() == K::kInteger ? Decimal{value.asInteger(), 0} : value.asDecimal());
      out += 'D';
      appendFixed(out, static_cast<uint64_t>(d.coefficient), 8);
      appendFixed(out, static_cast<uint32_t>(d.exponent), 4);
      return;
    }
    case K::kNumber: {
      std::string text = doubleText(value.asNumber());
      out += 'F';
      appendLength(out, text.size());
      out += text;
      return;
    }
    case K::kString: {
      const std::string& text = value.asString();
      out += 'S';
      appendLength(out, text.size());
      out += text;
      return;
    }
    case K::kDate: {
      const Date& d = value.asDate();
      out += 'd';
      appendFixed(out, static_cast<uint64_t>(daysFromCivil(d.year, d.month, d.day)), 8);
      return;
    }
    case K::kTime: {
      const auto& t = value.asTime();
      out += 't';
      appendFixed(out, static_cast<uint64_t>(timeKeySeconds(t)), 8);
      appendFixed(out, t.nanosecond, 4);
      return;
    }
    case K::kDateTime:
      out += 'T';
      appendFixed(out, static_cast<uint64_t>(epochSeconds(value.asDateTime())), 8);
      appendFixed(out, value.asDateTime().time.nanosecond, 4);
      return;
    case K::kDuration: {
      const auto& d = value.asDuration();
      out += 'P';
      appendFixed(out, static_cast<uint64_t>(d.months), 8);
      appendFixed(out, static_cast<uint64_t>(d.seconds), 8);
      appendFixed(out, static_cast<uint64_t>(d.nanoseconds), 8);
      return;
    }
    case K::kList: {
      out += 'L';
      appendLength(out, value.asList().size());
      for (const auto& item : value.asList()) appendUniqueKey(out, item);
      return;
    }
    default: {
      std::string text = toText(value);
      out += kindName(value.kind()).substr(0, 2);
      appendLength(out, text.size());
      out += text;
      return;
    }
  }
}

std::string uniqueKey(const Value& value) {
  std::string out;
  appendUniqueKey(out, value);
  return out;
}

bool isLeapYear(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int32_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil.
int64_t daysFromCivil(int32_t year, int month, int day) {
  int64_t y = int64_t{year} - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t epochSeconds(const DateTime& value) {
  int64_t days = daysFromCivil(value.date.year, value.date.month, value.date.day);
  return days * 86400 + timeKeySeconds(value.time);
}

}  // namespace opgv::validation
