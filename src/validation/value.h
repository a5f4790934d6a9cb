#pragma once
// Logical cell values of Frictionless Table Schema v2 (data-standards.md §1.1) and the error record
// every validation step returns. A Value is 40 bytes: the scalar kinds live inline, so casting a
// number, date or boolean never touches the heap; only strings longer than the small-string
// buffer, JSON and lists allocate.
//
// Numbers: `decimal` is the normal result of a `number` cast. It is exact (coefficient × 10^exponent
// with up to 18 significant digits) so that "0,1", an enum value 0.1 and a minimum of "0.1" compare
// equal without binary rounding, and so that the value is written back as it was read ("1,50"
// stays 1.50). Values that do not fit (more than 18 significant digits) and NaN/INF become a
// `double`. Integers are int64; larger integers are a type error, not silently rounded.
#include <compare>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace opgv::validation {

// Frictionless error types (frictionless-py errors/*.py) used by this module.
inline constexpr std::string_view kTypeError = "type-error";
inline constexpr std::string_view kConstraintError = "constraint-error";
inline constexpr std::string_view kUniqueError = "unique-error";
inline constexpr std::string_view kMissingLabel = "missing-label";
inline constexpr std::string_view kExtraLabel = "extra-label";
inline constexpr std::string_view kIncorrectLabel = "incorrect-label";

// One finding about a cell or a header. `code` is the Frictionless error type so reports can be read
// by Frictionless tooling; `message` is German for the people who fix the data; `note` is the
// machine-readable detail (the constraint name such as "minimum", or "type/format" for type errors).
struct DataError {
  std::string code;
  std::string message;
  std::string note;
};

struct Decimal {
  int64_t coefficient = 0;
  int32_t exponent = 0;  // value = coefficient × 10^exponent; the scale is kept as written
  double toDouble() const;
};

struct Date {
  int32_t year = 1970;
  uint8_t month = 1;
  uint8_t day = 1;
  friend auto operator<=>(const Date&, const Date&) = default;
};

struct Time {
  uint8_t hour = 0;
  uint8_t minute = 0;
  uint8_t second = 0;
  uint32_t nanosecond = 0;
  bool hasOffset = false;
  int16_t offsetMinutes = 0;  // east of UTC; only meaningful when hasOffset
};

struct DateTime {
  Date date;
  Time time;
};

struct Year {
  int32_t value = 0;
};

struct YearMonth {
  int32_t year = 0;
  uint8_t month = 1;
};

// XML Schema's duration value space: months and seconds (both with the same sign). P1D and PT24H
// are therefore the same value; P1M and P30D are not.
struct Duration {
  int64_t months = 0;
  int64_t seconds = 0;
  int32_t nanoseconds = 0;
};

struct GeoPoint {
  double lon = 0;
  double lat = 0;
};

class Value;
using ValueList = std::vector<Value>;

class Value {
 public:
  // The order matches the variant below.
  enum class Kind : uint8_t {
    kNull, kBoolean, kInteger, kNumber, kDecimal, kString, kDate, kTime, kDateTime, kYear,
    kYearMonth, kDuration, kGeoPoint, kJson, kList,
  };

  Value() = default;
  static Value null() { return Value(); }
  static Value boolean(bool v) { return Value(Storage(std::in_place_index<1>, v)); }
  static Value integer(int64_t v) { return Value(Storage(std::in_place_index<2>, v)); }
  static Value number(double v) { return Value(Storage(std::in_place_index<3>, v)); }
  static Value decimal(Decimal v) { return Value(Storage(std::in_place_index<4>, v)); }
  static Value string(std::string v) { return Value(Storage(std::in_place_index<5>, std::move(v))); }
  static Value date(Date v) { return Value(Storage(std::in_place_index<6>, v)); }
  static Value time(Time v) { return Value(Storage(std::in_place_index<7>, v)); }
  static Value dateTime(DateTime v) { return Value(Storage(std::in_place_index<8>, v)); }
  static Value year(Year v) { return Value(Storage(std::in_place_index<9>, v)); }
  static Value yearMonth(YearMonth v) { return Value(Storage(std::in_place_index<10>, v)); }
  static Value duration(Duration v) { return Value(Storage(std::in_place_index<11>, v)); }
  static Value geoPoint(GeoPoint v) { return Value(Storage(std::in_place_index<12>, v)); }
  static Value json(nlohmann::json v) { return Value(Storage(std::in_place_index<13>, std::move(v))); }
  static Value list(ValueList v) {
    return Value(Storage(std::in_place_index<14>, std::make_shared<const ValueList>(std::move(v))));
  }

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool isNull() const { return data_.index() == 0; }
  // True for the three numeric kinds (integer, decimal, double).
  bool isNumeric() const;

  // Accessors; calling one for another kind is a bug (std::bad_variant_access).
  bool asBoolean() const { return std::get<1>(data_); }
  int64_t asInteger() const { return std::get<2>(data_); }
  double asNumber() const { return std::get<3>(data_); }
  const Decimal& asDecimal() const { return std::get<4>(data_); }
  const std::string& asString() const { return std::get<5>(data_); }
  const Date& asDate() const { return std::get<6>(data_); }
  const Time& asTime() const { return std::get<7>(data_); }
  const DateTime& asDateTime() const { return std::get<8>(data_); }
  Year asYear() const { return std::get<9>(data_); }
  YearMonth asYearMonth() const { return std::get<10>(data_); }
  const Duration& asDuration() const { return std::get<11>(data_); }
  const GeoPoint& asGeoPoint() const { return std::get<12>(data_); }
  const nlohmann::json& asJson() const { return std::get<13>(data_); }
  const ValueList& asList() const { return *std::get<14>(data_); }
  // Any numeric kind as double (NaN for other kinds).
  double toDouble() const;

 private:
  using Storage = std::variant<std::monostate, bool, int64_t, double, Decimal, std::string, Date, Time,
                               DateTime, Year, YearMonth, Duration, GeoPoint, nlohmann::json,
                               std::shared_ptr<const ValueList>>;
  explicit Value(Storage s) : data_(std::move(s)) {}
  Storage data_;
};

std::string_view kindName(Value::Kind kind);

// Total order within a kind, numeric kinds compare with each other exactly where both are exact.
// Different kinds, NaN and JSON values that differ are unordered. Times and datetimes with a UTC
// offset compare as instants; a value without offset is taken as UTC (Python refuses to compare
// such pairs; a validator has to answer).
std::partial_ordering compare(const Value& a, const Value& b);
inline bool operator==(const Value& a, const Value& b) { return compare(a, b) == 0; }

// Canonical text: ISO 8601 for temporal kinds, "." as decimal separator, JSON for JSON values,
// list items joined with ",".
std::string toText(const Value& value);
std::string toText(const Decimal& value, std::string_view decimalChar = ".");
nlohmann::json toJson(const Value& value);

// Key for the `unique` constraint: equal values (1.5 and 1.50, the same instant in two offsets)
// give the same key, so a later cross-row check needs only a hash set of strings.
std::string uniqueKey(const Value& value);
// The same key appended to `out`; the encodings are self-delimiting, so composite keys are the
// parts' keys one after the other.
void appendUniqueKey(std::string& out, const Value& value);

// Proleptic Gregorian calendar.
bool isLeapYear(int32_t year);
int daysInMonth(int32_t year, int month);
int64_t daysFromCivil(int32_t year, int month, int day);
// Seconds since 1970-01-01T00:00:00Z (offset applied; no offset = UTC).
int64_t epochSeconds(const DateTime& value);

}  // namespace opgv::validation
