// Casting cells to Table Schema v2 values: every type and format with valid and invalid examples
// from the spec, German conventions, boundaries (int64, 31.02., leap years, offsets) and messages.
#include "validation/cast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace opgv::validation {
namespace {

TemporalFormat pattern(std::string_view p) {
  auto compiled = TemporalPattern::compile(p, nullptr);
  EXPECT_TRUE(compiled.has_value()) << p;
  return TemporalFormat{TemporalFormat::Kind::kPattern, *compiled};
}
TemporalFormat anyFormat() { return TemporalFormat{TemporalFormat::Kind::kAny, {}}; }

NumberFormat german() { return germanDefaults().number; }

Date date(const CastResult& r) {
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return r ? r->asDate() : Date{};
}

void expectTypeError(const CastResult& r, std::string_view cell) {
  ASSERT_FALSE(r.has_value()) << "accepted: " << cell << " as " << toText(*r);
  EXPECT_EQ(r.error().code, "type-error");
  EXPECT_NE(r.error().message.find("erwartet z. B."), std::string::npos) << r.error().message;
  EXPECT_FALSE(r.error().note.empty());
}

// ---------------------------------------------------------------------------------------------

TEST(CastString, DefaultKeepsTextAsIs) {
  auto r = castString("Köln-Mülheim ");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->asString(), "Köln-Mülheim ");
  EXPECT_EQ(castString("")->asString(), "");
}

TEST(CastString, Email) {
  for (auto ok : {"name@beispiel.de", "vorname.nachname+rat@stadt-koeln.de", "a@b.co", "müller@köln.de"})
    EXPECT_TRUE(castString(ok, StringFormat::kEmail)) << ok;
  for (auto bad : {"name", "name@", "@beispiel.de", "a@b", "a b@c.de", "a@@b.de", "a@b..de", ".a@b.de", "a@.b.de", ""})
    expectTypeError(castString(bad, StringFormat::kEmail), bad);
}

TEST(CastString, Uri) {
  for (auto ok : {"https://www.berlin.de/sen/", "urn:isbn:0451450523", "mailto:rat@koeln.de", "ftp://x.de/a%20b"})
    EXPECT_TRUE(castString(ok, StringFormat::kUri)) << ok;
  for (auto bad : {"www.berlin.de", "https://a b", "1http://x", "https:", "http://x/%zz", "", "/relativ/pfad"})
    expectTypeError(castString(bad, StringFormat::kUri), bad);
}

TEST(CastString, BinaryIsBase64) {
  for (auto ok : {"SGFsbG8=", "SGFsbA==", "SGFs", ""}) EXPECT_TRUE(castString(ok, StringFormat::kBinary)) << ok;
  for (auto bad : {"SGFsbG8", "SGV=bG8=", "SG#sbG8=", "S===", "SGFsbG8 "})
    expectTypeError(castString(bad, StringFormat::kBinary), bad);
}

TEST(CastString, Uuid) {
  for (auto ok : {"123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
                  "123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}",
                  "urn:uuid:123e4567-e89b-12d3-a456-426614174000"})
    EXPECT_TRUE(castString(ok, StringFormat::kUuid)) << ok;
  for (auto bad : {"123e4567-e89b-12d3-a456-42661417400", "g23e4567-e89b-12d3-a456-426614174000",
                   "123e4567e89b-12d3-a456-4266141740000", ""})
    expectTypeError(castString(bad, StringFormat::kUuid), bad);
}

// ---------------------------------------------------------------------------------------------

TEST(CastNumber, XmlSchemaLexicalForms) {
  auto v = castNumber("1.5");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->kind(), Value::Kind::kDecimal);
  EXPECT_EQ(v->asDecimal().coefficient, 15);
  EXPECT_EQ(v->asDecimal().exponent, -1);
  EXPECT_DOUBLE_EQ(castNumber("-1.5e3")->toDouble(), -1500);
  EXPECT_DOUBLE_EQ(castNumber("1E-2")->toDouble(), 0.01);
  EXPECT_DOUBLE_EQ(castNumber("+3")->toDouble(), 3);
  EXPECT_DOUBLE_EQ(castNumber(".5")->toDouble(), 0.5);
  EXPECT_DOUBLE_EQ(castNumber("5.")->toDouble(), 5);
  EXPECT_DOUBLE_EQ(castNumber(" 42 ")->toDouble(), 42);  // Python's Decimal trims as well
  EXPECT_DOUBLE_EQ(castNumber("0")->toDouble(), 0);
}

TEST(CastNumber, NanAndInfinityCaseInsensitive) {
  EXPECT_TRUE(std::isnan(castNumber("NaN")->asNumber()));
  EXPECT_TRUE(std::isnan(castNumber("nan")->asNumber()));
  EXPECT_EQ(castNumber("INF")->asNumber(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(castNumber("inf")->asNumber(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(castNumber("-INF")->asNumber(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(castNumber("Infinity")->asNumber(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(castNumber("-INF", german())->asNumber(), -std::numeric_limits<double>::infinity());
}

TEST(CastNumber, RejectsMalformedNumbers) {
  for (auto bad : {"1,5", "abc", "", "   ", "1.2.3", "1e", "--1", "1 000", "0x10", "e5", ".", "-", "1e+", "12a"})
    expectTypeError(castNumber(bad), bad);
  EXPECT_NE(castNumber("").error().message.find("Die Zelle ist leer."), std::string::npos);
}

TEST(CastNumber, GermanDecimalCommaAndGrouping) {
  EXPECT_EQ(castNumber("1.234,56", german())->asDecimal().coefficient, 123456);
  EXPECT_EQ(castNumber("1.234,56", german())->asDecimal().exponent, -2);
  EXPECT_DOUBLE_EQ(castNumber("1234,56", german())->toDouble(), 1234.56);
  EXPECT_DOUBLE_EQ(castNumber("-0,5", german())->toDouble(), -0.5);
  EXPECT_DOUBLE_EQ(castNumber("1.234.567,89", german())->toDouble(), 1234567.89);
  EXPECT_DOUBLE_EQ(castNumber("999", german())->toDouble(), 999);
  EXPECT_DOUBLE_EQ(castNumber("1,5e3", german())->toDouble(), 1500);
}

TEST(CastNumber, GroupSeparatorMustSeparateThreeDigits) {
  // With groupChar "." an ISO-style "3.5" would otherwise silently become 35.
  for (auto bad : {"3.5", "1.234.56", "12.34,5", "1234.567", ".123", "1..234", "1.234,5.6"}) {
    auto r = castNumber(bad, german());
    expectTypeError(r, bad);
  }
  auto r = castNumber("3.5", german());
  EXPECT_NE(r.error().message.find("Tausendertrennzeichen „.“"), std::string::npos) << r.error().message;
}

TEST(CastNumber, BareNumberFalseStripsUnitsAndCurrency) {
  NumberFormat f = german();
  f.bareNumber = false;
  EXPECT_DOUBLE_EQ(castNumber("12,5 %", f)->toDouble(), 12.5);
  EXPECT_DOUBLE_EQ(castNumber("€ 1.234,50", f)->toDouble(), 1234.5);
  EXPECT_DOUBLE_EQ(castNumber("95%", f)->toDouble(), 95);
  EXPECT_DOUBLE_EQ(castNumber("-3,2 °C", f)->toDouble(), -3.2);
  expectTypeError(castNumber("%", f), "%");
  // The default keeps numbers bare.
  expectTypeError(castNumber("12,5 %", german()), "12,5 %");
  NumberFormat plain;
  plain.bareNumber = false;
  EXPECT_DOUBLE_EQ(castNumber("95%", plain)->toDouble(), 95);
  EXPECT_DOUBLE_EQ(castNumber("€95", plain)->toDouble(), 95);
}

TEST(CastNumber, MultiByteSeparators) {
  NumberFormat swiss;
  swiss.groupChar = "’";  // U+2019, three bytes
  EXPECT_DOUBLE_EQ(castNumber("1’234’567.5", swiss)->toDouble(), 1234567.5);
  NumberFormat nbsp;
  nbsp.decimalChar = ",";
  nbsp.groupChar = "\u00A0";
  EXPECT_DOUBLE_EQ(castNumber("1\u00A0234,5", nbsp)->toDouble(), 1234.5);
}

TEST(CastNumber, ExactDecimalsAndFallbackToDouble) {
  // Exact: 0,1 and 0.10 are the same value, and the scale is kept for output.
  EXPECT_EQ(compare(*castNumber("0,1", german()), *castNumber("0.10")), std::partial_ordering::equivalent);
  EXPECT_EQ(toText(*castNumber("1,50", german())), "1.50");
  // 18 significant digits stay exact.
  auto big = castNumber("123456789012345678");
  EXPECT_EQ(big->kind(), Value::Kind::kDecimal);
  EXPECT_EQ(big->asDecimal().coefficient, 123456789012345678);
  // Trailing zeros beyond 18 digits move into the exponent.
  auto power = castNumber("100000000000000000000000");
  EXPECT_EQ(power->kind(), Value::Kind::kDecimal);
  EXPECT_EQ(toText(*power), "100000000000000000000000");
  // More significant digits: double.
  auto huge = castNumber("12345678901234567890,5", german());
  EXPECT_EQ(huge->kind(), Value::Kind::kNumber);
  EXPECT_NEAR(huge->asNumber(), 1.2345678901234567e19, 1e4);
  // Exponents far beyond double stay exact and ordered.
  auto e400 = castNumber("1e400");
  EXPECT_EQ(e400->kind(), Value::Kind::kDecimal);
  EXPECT_EQ(compare(*e400, *castNumber("9e399")), std::partial_ordering::greater);
  EXPECT_EQ(e400->toDouble(), std::numeric_limits<double>::infinity());
  // Exponents beyond any exact representation end up as double infinity or zero, never wrong.
  EXPECT_EQ(castNumber("1e10000000000")->asNumber(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(castNumber("-1e10000000000")->asNumber(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(castNumber("1e-10000000000")->asNumber(), 0.0);
}

// ---------------------------------------------------------------------------------------------

TEST(CastInteger, Basics) {
  EXPECT_EQ(castInteger("42")->asInteger(), 42);
  EXPECT_EQ(castInteger("-42")->asInteger(), -42);
  EXPECT_EQ(castInteger("+42")->asInteger(), 42);
  EXPECT_EQ(castInteger("007")->asInteger(), 7);
  EXPECT_EQ(castInteger(" 42 ")->asInteger(), 42);
  for (auto bad : {"1.5", "1e3", "", "abc", "4 2", "--4", "+", "1,000", "0x1F", "42L"})
    expectTypeError(castInteger(bad), bad);
}

TEST(CastInteger, Int64Boundaries) {
  EXPECT_EQ(castInteger("9223372036854775807")->asInteger(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(castInteger("-9223372036854775808")->asInteger(), std::numeric_limits<int64_t>::min());
  for (auto over : {"9223372036854775808", "-9223372036854775809", "99999999999999999999999"}) {
    auto r = castInteger(over);
    expectTypeError(r, over);
    EXPECT_NE(r.error().message.find("zu groß für eine Ganzzahl"), std::string::npos) << r.error().message;
  }
  EXPECT_EQ(castInteger("9.223.372.036.854.775.807", german())->asInteger(), std::numeric_limits<int64_t>::max());
}

TEST(CastInteger, GermanGroupingAndBareNumber) {
  EXPECT_EQ(castInteger("1.234", german())->asInteger(), 1234);
  EXPECT_EQ(castInteger("1.234.567", german())->asInteger(), 1234567);
  EXPECT_EQ(castInteger("-12.000", german())->asInteger(), -12000);
  for (auto bad : {"12.34", "1,5", "1.2345"}) expectTypeError(castInteger(bad, german()), bad);
  NumberFormat f = german();
  f.bareNumber = false;
  EXPECT_EQ(castInteger("ca. 1.200 Einwohner", f)->asInteger(), 1200);
  EXPECT_EQ(castInteger("§ 35", f)->asInteger(), 35);
}

// ---------------------------------------------------------------------------------------------

TEST(CastBoolean, SpecDefaults) {
  for (auto t : {"true", "True", "TRUE", "1"}) EXPECT_TRUE(castBoolean(t)->asBoolean()) << t;
  for (auto f : {"false", "False", "FALSE", "0"}) EXPECT_FALSE(castBoolean(f)->asBoolean()) << f;
  for (auto bad : {"yes", "ja", " true", "tRuE", "", "2"}) expectTypeError(castBoolean(bad), bad);
}

TEST(CastBoolean, GermanWords) {
  auto g = germanDefaults().boolean;
  for (auto t : {"ja", "Ja", "JA", "wahr", "Wahr", "j", "J", "1"}) EXPECT_TRUE(castBoolean(t, g)->asBoolean()) << t;
  for (auto f : {"nein", "Nein", "NEIN", "falsch", "n", "N", "0"}) EXPECT_FALSE(castBoolean(f, g)->asBoolean()) << f;
  auto r = castBoolean("true", g);
  expectTypeError(r, "true");
  EXPECT_NE(r.error().message.find("(erwartet z. B. „ja“ oder „nein“)"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("„wahr“"), std::string::npos);
}

TEST(CastBoolean, CustomValues) {
  BooleanFormat f{{"x", "X"}, {"-"}};
  EXPECT_TRUE(castBoolean("X", f)->asBoolean());
  EXPECT_FALSE(castBoolean("-", f)->asBoolean());
  expectTypeError(castBoolean("true", f), "true");
}

// ---------------------------------------------------------------------------------------------

TEST(CastDate, DefaultIsIso) {
  EXPECT_EQ(date(castDate("2024-12-31")), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("0001-01-01")), (Date{1, 1, 1}));
  EXPECT_EQ(date(castDate("9999-12-31")), (Date{9999, 12, 31}));
  for (auto bad : {"31.12.2024", "2024-1-01", "2024-01-1", "20241231", "2024-12-31T00:00:00", "2024-12-31 ",
                   "0000-01-01", "2024-00-10", "2024-12-00", "", "2024/12/31"})
    expectTypeError(castDate(bad), bad);
}

TEST(CastDate, LeapYearsAndImpossibleDays) {
  EXPECT_TRUE(castDate("2024-02-29"));
  EXPECT_TRUE(castDate("2000-02-29"));  // divisible by 400
  for (auto bad : {"2023-02-29", "1900-02-29", "2100-02-29", "2024-02-30", "2024-04-31", "2024-06-31"}) {
    auto r = castDate(bad);
    expectTypeError(r, bad);
    EXPECT_NE(r.error().message.find("gibt es nicht"), std::string::npos) << r.error().message;
  }
  EXPECT_NE(castDate("2023-02-29").error().message.find("(2023 ist kein Schaltjahr)"), std::string::npos);
  EXPECT_NE(castDate("2024-13-01").error().message.find("Einen Monat 13 gibt es nicht."), std::string::npos);
}

TEST(CastDate, GermanPattern) {
  auto f = pattern("%d.%m.%Y");
  EXPECT_EQ(date(castDate("31.12.2024", f)), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("1.2.2024", f)), (Date{2024, 2, 1}));  // strptime accepts one digit
  EXPECT_EQ(date(castDate("29.02.2024", f)), (Date{2024, 2, 29}));
  for (auto bad : {"31.12.24", "2024-12-31", "31.12.2024 ", "31-12-2024", "32.12.2024", "29.02.2023"})
    expectTypeError(castDate(bad, f), bad);
}

TEST(CastDate, MessageNamesValueTypeAndExample) {
  auto r = castDate("31.02.2024", pattern("%d.%m.%Y"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "type-error");
  EXPECT_TRUE(r.error().message.starts_with("„31.02.2024“ ist kein gültiges Datum (erwartet z. B. 31.12.2024)."))
      << r.error().message;
  EXPECT_NE(r.error().message.find("Den 31. Februar 2024 gibt es nicht."), std::string::npos);
  EXPECT_EQ(r.error().note, "date/%d.%m.%Y");
}

TEST(CastDate, OtherPatterns) {
  EXPECT_EQ(date(castDate("31/12/2024", pattern("%d/%m/%Y"))), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("20241231", pattern("%Y%m%d"))), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("31.12.24", pattern("%d.%m.%y"))), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("01.01.69", pattern("%d.%m.%y"))), (Date{1969, 1, 1}));  // Python's pivot
  EXPECT_EQ(date(castDate("2024-366", pattern("%Y-%j"))), (Date{2024, 12, 31}));
  expectTypeError(castDate("2023-366", pattern("%Y-%j")), "2023-366");
  EXPECT_EQ(date(castDate("12/2024", pattern("%m/%Y"))), (Date{2024, 12, 1}));
  auto names = pattern("%d. %B %Y");
  EXPECT_EQ(date(castDate("31. Dezember 2024", names)), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("1. März 2024", names)), (Date{2024, 3, 1}));
  EXPECT_EQ(date(castDate("1. MÄRZ 2024", names)), (Date{2024, 3, 1}));
  EXPECT_EQ(date(castDate("1. march 2024", names)), (Date{2024, 3, 1}));
  EXPECT_EQ(date(castDate("3. Mai   2024", names)), (Date{2024, 5, 3}));  // whitespace runs
  EXPECT_EQ(date(castDate("Di, 31 Dez 2024", pattern("%a, %d %b %Y"))), (Date{2024, 12, 31}));
  expectTypeError(castDate("31. Foo 2024", names), "31. Foo 2024");
}

TEST(CastDate, AnyAcceptsIsoAndGermanButNoSlashDayMonth) {
  auto f = anyFormat();
  EXPECT_EQ(date(castDate("2024-12-31", f)), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("31.12.2024", f)), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate(" 01.01.2021", f)), (Date{2021, 1, 1}));  // Berlin LOR files
  EXPECT_EQ(date(castDate("1.2.2024", f)), (Date{2024, 2, 1}));
  EXPECT_EQ(date(castDate("2024/12/31", f)), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("31. Dezember 2024", f)), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("31. Dez. 2024", f)), (Date{2024, 12, 31}));
  EXPECT_EQ(date(castDate("3. Mai 2024", f)), (Date{2024, 5, 3}));
  for (auto bad : {"12/31/2024", "31/12/2024", "gestern", "31.12.24", "2024", ""}) expectTypeError(castDate(bad, f), bad);
  auto impossible = castDate("31.02.2024", f);
  expectTypeError(impossible, "31.02.2024");
  EXPECT_NE(impossible.error().message.find("Den 31. Februar 2024 gibt es nicht."), std::string::npos);
}

// ---------------------------------------------------------------------------------------------

TEST(CastTime, DefaultIsXmlSchemaTime) {
  auto t = castTime("14:30:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->asTime().hour, 14);
  EXPECT_EQ(t->asTime().minute, 30);
  EXPECT_FALSE(t->asTime().hasOffset);
  EXPECT_TRUE(castTime("00:00:00"));
  EXPECT_TRUE(castTime("23:59:59"));
  EXPECT_EQ(castTime("14:30:00.123")->asTime().nanosecond, 123000000u);
  EXPECT_EQ(castTime("14:30:00.123456789123")->asTime().nanosecond, 123456789u);
  EXPECT_EQ(castTime("14:30:00Z")->asTime().offsetMinutes, 0);
  EXPECT_EQ(castTime("14:30:00+01:00")->asTime().offsetMinutes, 60);
  EXPECT_EQ(castTime("14:30:00-05:30")->asTime().offsetMinutes, -330);
  for (auto bad : {"24:00:00", "14:60:00", "14:30:60", "14:30", "2:30:00", "14:30:00+15:00", "14:30:00+0100",
                   "14:30:00.", ""})
    expectTypeError(castTime(bad), bad);
  EXPECT_NE(castTime("24:00:00").error().message.find("Stunden gehen von 0 bis 23"), std::string::npos);
  EXPECT_NE(castTime("14:30:00+15:00").error().message.find("−14:00 und +14:00"), std::string::npos);
}

TEST(CastTime, AnyAndPatterns) {
  auto f = anyFormat();
  for (auto ok : {"14:30", "9:05", "14:30 Uhr", "14.30 Uhr", "14 Uhr", "14:30:15", "14:30:15.5", "14:30+01:00"})
    EXPECT_TRUE(castTime(ok, f)) << ok;
  EXPECT_EQ(castTime("14.30 Uhr", f)->asTime().minute, 30);
  for (auto bad : {"14", "25:00", "halb drei", "14:3", "14:30:61"}) expectTypeError(castTime(bad, f), bad);
  EXPECT_EQ(castTime("14:30", pattern("%H:%M"))->asTime().hour, 14);
  EXPECT_EQ(castTime("02:30 PM", pattern("%I:%M %p"))->asTime().hour, 14);
  EXPECT_EQ(castTime("12:15 AM", pattern("%I:%M %p"))->asTime().hour, 0);
  EXPECT_EQ(castTime("14:30:00.250", pattern("%H:%M:%S.%f"))->asTime().nanosecond, 250000000u);
  EXPECT_EQ(castTime("14:30 +0200", pattern("%H:%M %z"))->asTime().offsetMinutes, 120);
}

// ---------------------------------------------------------------------------------------------

TEST(CastDatetime, DefaultWithFractionsAndOffsets) {
  auto v = castDatetime("2024-01-26T15:00:00");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->asDateTime().date, (Date{2024, 1, 26}));
  EXPECT_EQ(v->asDateTime().time.hour, 15);
  EXPECT_TRUE(castDatetime("2024-01-26T15:00:00Z"));
  EXPECT_TRUE(castDatetime("2024-01-26T15:00:00.5-05:30"));
  EXPECT_TRUE(castDatetime("2024-01-26T15:00:00+14:00"));
  EXPECT_TRUE(castDatetime("2024-01-26T15:00:00-14:00"));
  for (auto bad : {"2024-01-26 15:00:00", "2024-01-26T15:00", "2024-02-30T10:00:00", "2024-01-26T15:00:00+14:01",
                   "2024-01-26T15:00:00+1:00", "2024-01-26T15:00:00+01", "2024-01-26", "2024-01-26T24:00:00"})
    expectTypeError(castDatetime(bad), bad);
}

TEST(CastDatetime, OffsetsCompareAsInstantsAcrossDayBoundaries) {
  EXPECT_EQ(compare(*castDatetime("2024-01-26T15:00:00+01:00"), *castDatetime("2024-01-26T14:00:00Z")),
            std::partial_ordering::equivalent);
  EXPECT_EQ(compare(*castDatetime("2024-12-31T23:30:00-01:00"), *castDatetime("2025-01-01T00:30:00Z")),
            std::partial_ordering::equivalent);
  EXPECT_EQ(compare(*castDatetime("2024-03-01T00:30:00+02:00"), *castDatetime("2024-02-29T22:00:00Z")),
            std::partial_ordering::greater);
  EXPECT_EQ(uniqueKey(*castDatetime("2024-01-26T15:00:00+01:00")), uniqueKey(*castDatetime("2024-01-26T14:00:00Z")));
  EXPECT_EQ(toText(*castDatetime("2024-01-26T15:00:00.500+01:00")), "2024-01-26T15:00:00.5+01:00");
}

TEST(CastDatetime, AnyGermanAndIso) {
  auto f = anyFormat();
  auto v = castDatetime("31.12.2024 14:30", f);
  ASSERT_TRUE(v);
  EXPECT_EQ(toText(*v), "2024-12-31T14:30:00");
  for (auto ok : {"31.12.2024, 14:30 Uhr", "31.12.2024 um 14:30 Uhr", "2024-12-31 14:30:00", "2024-12-31T14:30",
                  "2024-12-31T14:30:00+01:00", "31.12.2024", "31. Dezember 2024"})
    EXPECT_TRUE(castDatetime(ok, f)) << ok;
  EXPECT_EQ(toText(*castDatetime("31.12.2024", f)), "2024-12-31T00:00:00");
  for (auto bad : {"31.12.2024 25:00", "12/31/2024 10:00", "morgen früh", "31.02.2024 10:00"})
    expectTypeError(castDatetime(bad, f), bad);
  EXPECT_EQ(toText(*castDatetime("31.12.2024 14:30", pattern("%d.%m.%Y %H:%M"))), "2024-12-31T14:30:00");
}

// ---------------------------------------------------------------------------------------------

TEST(CastYearAndYearmonth, Forms) {
  EXPECT_EQ(castYear("2024")->asYear().value, 2024);
  EXPECT_EQ(castYear("0000")->asYear().value, 0);
  EXPECT_EQ(castYear("9999")->asYear().value, 9999);
  for (auto bad : {"24", "20245", "-2024", "2024a", "", " 2024"}) expectTypeError(castYear(bad), bad);
  auto ym = castYearmonth("2024-12");
  ASSERT_TRUE(ym);
  EXPECT_EQ(ym->asYearMonth().year, 2024);
  EXPECT_EQ(ym->asYearMonth().month, 12);
  for (auto bad : {"2024-13", "2024-00", "2024-1", "202412", "12.2024", ""}) expectTypeError(castYearmonth(bad), bad);
  EXPECT_EQ(compare(*castYearmonth("2024-02"), *castYearmonth("2023-12")), std::partial_ordering::greater);
}

TEST(CastDuration, Iso8601) {
  auto d = castDuration("P1Y2M10DT2H30M");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->asDuration().months, 14);
  EXPECT_EQ(d->asDuration().seconds, 10 * 86400 + 2 * 3600 + 30 * 60);
  EXPECT_EQ(toText(*d), "P1Y2M10DT2H30M");
  EXPECT_EQ(compare(*castDuration("PT36H"), *castDuration("P1DT12H")), std::partial_ordering::equivalent);
  EXPECT_EQ(compare(*castDuration("P2W"), *castDuration("P14D")), std::partial_ordering::equivalent);
  EXPECT_EQ(castDuration("-P1D")->asDuration().seconds, -86400);
  EXPECT_EQ(castDuration("PT0.5S")->asDuration().nanoseconds, 500000000);
  EXPECT_TRUE(castDuration("P0D"));
  EXPECT_EQ(compare(*castDuration("P1M"), *castDuration("P31D")), std::partial_ordering::less);
  EXPECT_EQ(compare(*castDuration("P1M"), *castDuration("P30D")), std::partial_ordering::greater);
  for (auto bad : {"P", "PT", "1Y", "P1H", "P1Y1Y", "P1M2Y", "PT1.5M", "P1.5Y", "P1DT", "-", "p1d", ""})
    expectTypeError(castDuration(bad), bad);
  auto overflow = castDuration("P99999999999999999999Y");
  expectTypeError(overflow, "P99999999999999999999Y");
  EXPECT_NE(overflow.error().message.find("zu groß"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------

TEST(CastGeopoint, DefaultArrayObject) {
  auto g = castGeopoint("13.405, 52.52");
  ASSERT_TRUE(g);
  EXPECT_DOUBLE_EQ(g->asGeoPoint().lon, 13.405);
  EXPECT_DOUBLE_EQ(g->asGeoPoint().lat, 52.52);
  EXPECT_TRUE(castGeopoint("13.405,52.52"));
  EXPECT_TRUE(castGeopoint("-180, -90"));
  EXPECT_TRUE(castGeopoint("180, 90"));
  for (auto bad : {"52.52", "200, 10", "10, 95", "a, b", "1,2,3", "", "13,405, 52,52"})
    expectTypeError(castGeopoint(bad), bad);
  EXPECT_NE(castGeopoint("10, 95").error().message.find("Breitengrad"), std::string::npos);

  EXPECT_DOUBLE_EQ(castGeopoint("[13.405, 52.52]", GeoPointFormat::kArray)->asGeoPoint().lat, 52.52);
  for (auto bad : {"[13.405]", "[\"a\", 1]", "{}", "[1, 2, 3]", "13.4, 52.5"})
    expectTypeError(castGeopoint(bad, GeoPointFormat::kArray), bad);

  EXPECT_DOUBLE_EQ(castGeopoint("{\"lon\": 13.405, \"lat\": 52.52}", GeoPointFormat::kObject)->asGeoPoint().lon, 13.405);
  for (auto bad : {"{\"lon\": 13.4}", "{\"lon\": 13.4, \"lat\": 52.5, \"alt\": 3}", "{\"lon\": \"13\", \"lat\": 5}",
                   "[13.4, 52.5]"})
    expectTypeError(castGeopoint(bad, GeoPointFormat::kObject), bad);
}

TEST(CastGeojson, GeometriesFeaturesAndTopojson) {
  for (auto ok : {R"({"type": "Point", "coordinates": [13.405, 52.52]})",
                  R"({"type": "LineString", "coordinates": [[13.4, 52.5], [13.5, 52.6]]})",
                  R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]})",
                  R"({"type": "MultiPolygon", "coordinates": [[[[0,0],[1,0],[1,1],[0,0]]]]})",
                  R"({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]})",
                  R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"id": "01100101"}})",
                  R"({"type": "Feature", "geometry": null, "properties": null})",
                  R"({"type": "FeatureCollection", "features": []})"})
    EXPECT_TRUE(castGeojson(ok)) << ok;
  for (auto bad : {"{}", R"({"type": "Circle"})", "[1, 2]", "not json", R"({"type": "Point", "coordinates": [1]})",
                   R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1]]]})",
                   R"({"type": "Feature", "geometry": null})",
                   R"({"type": "FeatureCollection", "features": [{"type": "Point", "coordinates": [1, 2]}]})", ""})
    expectTypeError(castGeojson(bad), bad);
  EXPECT_NE(castGeojson(R"({"type": "Circle"})").error().message.find("kein GeoJSON-Typ"), std::string::npos);
  EXPECT_TRUE(castGeojson(R"({"type": "Topology", "objects": {}, "arcs": []})", GeoJsonFormat::kTopoJson));
  expectTypeError(castGeojson(R"({"type": "Point", "coordinates": [1, 2]})", GeoJsonFormat::kTopoJson), "Point");
}

TEST(CastJson, ObjectAndArray) {
  auto o = castObject(R"({"name": "Köln", "ags": "05315000"})");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->asJson()["ags"], "05315000");
  for (auto bad : {"[1]", "{", "\"text\"", "", "{'a': 1}"}) expectTypeError(castObject(bad), bad);
  EXPECT_NE(castObject("[1]").error().message.find("kein Objekt"), std::string::npos);
  EXPECT_EQ(castArray("[1, 2]")->asJson().size(), 2u);
  for (auto bad : {"{}", "[1,", "1"}) expectTypeError(castArray(bad), bad);
}

TEST(CastJson, DeepNestingIsRejectedWithoutRecursing) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_TRUE(castArray(deep));
  std::string tooDeep(101, '[');
  tooDeep += std::string(101, ']');
  auto r = castArray(tooDeep);
  expectTypeError(r, "101 levels");
  EXPECT_NE(r.error().message.find("tiefer als 100 Ebenen"), std::string::npos);
  std::string huge(200000, '[');  // would overflow the stack in a recursive parser
  expectTypeError(castArray(huge), "200000 levels");
  expectTypeError(castObject(std::string(200000, '{')), "200000 levels");
}

TEST(CastList, DelimiterAndItemTypes) {
  auto l = castList("a,b,c");
  ASSERT_TRUE(l);
  ASSERT_EQ(l->asList().size(), 3u);
  EXPECT_EQ(l->asList()[1].asString(), "b");
  EXPECT_EQ(castList("")->asList().size(), 0u);
  EXPECT_EQ(castList(" a, b")->asList()[1].asString(), " b");  // strings keep their spaces
  auto ints = castList("1, 2, 3", ListFormat{",", FieldType::kInteger});
  ASSERT_TRUE(ints);
  EXPECT_EQ(ints->asList()[2].asInteger(), 3);
  EXPECT_EQ(castList("1;2", ListFormat{";", FieldType::kInteger})->asList().size(), 2u);
  EXPECT_EQ(castList("1 | 2", ListFormat{" | ", FieldType::kNumber})->asList().size(), 2u);
  EXPECT_FALSE(castList("true,false", ListFormat{",", FieldType::kBoolean})->asList()[1].asBoolean());
  EXPECT_EQ(castList("2024-01-01,2024-12-31", ListFormat{",", FieldType::kDate})->asList()[1].asDate(),
            (Date{2024, 12, 31}));
  EXPECT_TRUE(castList("08:00:00,14:30:00", ListFormat{",", FieldType::kTime}));
  EXPECT_TRUE(castList("2024-12-31T08:00:00", ListFormat{",", FieldType::kDatetime}));
  auto bad = castList("1,x,3", ListFormat{",", FieldType::kInteger});
  expectTypeError(bad, "1,x,3");
  EXPECT_NE(bad.error().message.find("Eintrag 2 („x“) ist keine gültige Ganzzahl."), std::string::npos)
      << bad.error().message;
  expectTypeError(castList("1,,3", ListFormat{",", FieldType::kInteger}), "1,,3");
}

TEST(CastAny, KeepsText) {
  EXPECT_EQ(castAny("  irgendwas 1,5 ")->asString(), "  irgendwas 1,5 ");
  EXPECT_EQ(castCell(makeCastSpec(FieldType::kAny), "x")->asString(), "x");
}

// ---------------------------------------------------------------------------------------------

TEST(CastGermanDefaults, AvailableWithoutSchema) {
  auto g = germanDefaults();
  EXPECT_EQ(g.number.decimalChar, ",");
  EXPECT_EQ(g.number.groupChar, ".");
  EXPECT_DOUBLE_EQ(castCell(makeCastSpec(FieldType::kNumber, g), "1.234,56")->toDouble(), 1234.56);
  EXPECT_EQ(castCell(makeCastSpec(FieldType::kInteger, g), "10.751")->asInteger(), 10751);
  EXPECT_EQ(castCell(makeCastSpec(FieldType::kDate, g), "31.12.2024")->asDate(), (Date{2024, 12, 31}));
  EXPECT_TRUE(castCell(makeCastSpec(FieldType::kBoolean, g), "wahr")->asBoolean());
  EXPECT_EQ(castCell(makeCastSpec(FieldType::kTime, g), "14:30 Uhr")->asTime().minute, 30);
  EXPECT_EQ(toText(*castCell(makeCastSpec(FieldType::kDatetime, g), "31.12.2024 14:30")), "2024-12-31T14:30:00");
  EXPECT_EQ(exampleFor(makeCastSpec(FieldType::kNumber, g)), "1.234,56");
  EXPECT_EQ(exampleFor(makeCastSpec(FieldType::kInteger, g)), "1.234");
  EXPECT_EQ(exampleFor(makeCastSpec(FieldType::kDate, g)), "31.12.2024");
  EXPECT_EQ(exampleFor(makeCastSpec(FieldType::kNumber)), "1234.56");
  EXPECT_EQ(exampleFor(makeCastSpec(FieldType::kDate)), "2024-12-31");
  // The frictionless defaults stay untouched.
  EXPECT_FALSE(castCell(makeCastSpec(FieldType::kNumber), "1.234,56"));
}

TEST(CastFormatValue, UsesTheFieldsNotation) {
  auto g = makeCastSpec(FieldType::kNumber, germanDefaults());
  EXPECT_EQ(formatValue(*castNumber("1234567.5"), g), "1.234.567,5");
  EXPECT_EQ(formatValue(*castNumber("-0.25"), g), "-0,25");
  EXPECT_EQ(formatValue(Value::integer(10751), makeCastSpec(FieldType::kInteger, germanDefaults())), "10.751");
  EXPECT_EQ(formatValue(*castDate("2020-01-01"), makeCastSpec(FieldType::kDate, germanDefaults())), "01.01.2020");
  EXPECT_EQ(formatValue(*castDate("2020-01-01"), makeCastSpec(FieldType::kDate)), "2020-01-01");
  EXPECT_EQ(formatValue(Value::boolean(true), makeCastSpec(FieldType::kBoolean, germanDefaults())), "ja");
}

TEST(CastSetFormat, KnownAndUnknownFormats) {
  std::string error;
  auto spec = makeCastSpec(FieldType::kString);
  EXPECT_TRUE(setFormat(spec, "fmt:email", &error));  // v0 prefix
  EXPECT_EQ(spec.stringFormat, StringFormat::kEmail);
  EXPECT_FALSE(setFormat(spec, "phone", &error));
  EXPECT_NE(error.find("„phone“"), std::string::npos);
  auto number = makeCastSpec(FieldType::kNumber);
  EXPECT_FALSE(setFormat(number, "currency", &error));
  EXPECT_NE(error.find("möglich: default"), std::string::npos);
  auto d = makeCastSpec(FieldType::kDate);
  EXPECT_FALSE(setFormat(d, "dd.mm.yyyy", &error));
  EXPECT_NE(error.find("gemeint ist vermutlich „%d.%m.%Y“"), std::string::npos) << error;
  EXPECT_FALSE(setFormat(d, "%d.%m.%Q", &error));
  EXPECT_NE(error.find("„%Q“"), std::string::npos);
  EXPECT_FALSE(setFormat(d, "%d.%m.%", &error));
  auto dt = makeCastSpec(FieldType::kDatetime);
  EXPECT_FALSE(setFormat(dt, "dd.MM.yyyy HH:mm", &error));
  EXPECT_NE(error.find("„%d.%m.%Y %H:%M“"), std::string::npos) << error;
}

TEST(CastJsonValue, DescriptorValues) {
  auto number = makeCastSpec(FieldType::kNumber, germanDefaults());
  EXPECT_EQ(compare(*castJsonValue(number, 0.1), *castNumber("0,1", german())), std::partial_ordering::equivalent);
  EXPECT_EQ(compare(*castJsonValue(number, "1,5"), *castNumber("1.5")), std::partial_ordering::equivalent);
  EXPECT_EQ(castJsonValue(makeCastSpec(FieldType::kInteger), 5)->asInteger(), 5);
  EXPECT_FALSE(castJsonValue(makeCastSpec(FieldType::kInteger), 5.5));
  EXPECT_FALSE(castJsonValue(makeCastSpec(FieldType::kInteger), nlohmann::json::parse("18446744073709551615")));
  auto germanDate = makeCastSpec(FieldType::kDate, germanDefaults());
  EXPECT_EQ(castJsonValue(germanDate, "01.01.2020")->asDate(), (Date{2020, 1, 1}));
  EXPECT_EQ(castJsonValue(germanDate, "2020-01-01")->asDate(), (Date{2020, 1, 1}));  // ISO is always fine
  EXPECT_TRUE(castJsonValue(makeCastSpec(FieldType::kBoolean), true)->asBoolean());
  EXPECT_EQ(castJsonValue(makeCastSpec(FieldType::kYear), 2024)->asYear().value, 2024);
  EXPECT_TRUE(castJsonValue(makeCastSpec(FieldType::kGeopoint), nlohmann::json::array({13.4, 52.5})));
  EXPECT_TRUE(castJsonValue(makeCastSpec(FieldType::kObject), nlohmann::json::object({{"a", 1}})));
  EXPECT_FALSE(castJsonValue(makeCastSpec(FieldType::kString), nullptr));
  EXPECT_EQ(castJsonValue(makeCastSpec(FieldType::kString), 5)->asString(), "5");
}

// ---------------------------------------------------------------------------------------------

TEST(CastValue, CompareAcrossNumericKinds) {
  EXPECT_EQ(compare(Value::integer(2), *castNumber("2.0")), std::partial_ordering::equivalent);
  EXPECT_EQ(compare(Value::integer(2), *castNumber("1.99")), std::partial_ordering::greater);
  EXPECT_EQ(compare(*castNumber("-0.5"), *castNumber("-0.25")), std::partial_ordering::less);
  EXPECT_EQ(compare(*castNumber("NaN"), Value::integer(1)), std::partial_ordering::unordered);
  EXPECT_EQ(compare(Value::integer(std::numeric_limits<int64_t>::min()), *castNumber("-9223372036854775808")),
            std::partial_ordering::equivalent);
  // Exact where doubles would see no difference: 10^18 + 1 against 10^18.
  EXPECT_EQ(compare(Value::integer(1'000'000'000'000'000'001), *castNumber("1000000000000000000")),
            std::partial_ordering::greater);
  EXPECT_EQ(compare(Value::integer(std::numeric_limits<int64_t>::max()), *castNumber("999999999999999999")),
            std::partial_ordering::greater);
  EXPECT_EQ(compare(Value::string("a"), Value::integer(1)), std::partial_ordering::unordered);
  EXPECT_EQ(compare(Value::null(), Value::null()), std::partial_ordering::equivalent);
}

TEST(CastValue, UniqueKeysTreatEqualValuesAlike) {
  EXPECT_EQ(uniqueKey(*castNumber("1,5", german())), uniqueKey(*castNumber("1.50")));
  EXPECT_EQ(uniqueKey(Value::integer(100)), uniqueKey(*castNumber("1e2")));
  EXPECT_NE(uniqueKey(Value::integer(100)), uniqueKey(Value::string("100")));
  EXPECT_EQ(uniqueKey(*castDuration("PT24H")), uniqueKey(*castDuration("P1D")));
}

TEST(CastValue, CalendarHelpers) {
  EXPECT_TRUE(isLeapYear(2024));
  EXPECT_FALSE(isLeapYear(1900));
  EXPECT_TRUE(isLeapYear(2000));
  EXPECT_EQ(daysInMonth(2024, 2), 29);
  EXPECT_EQ(daysInMonth(2023, 2), 28);
  EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(daysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(epochSeconds(castDatetime("2024-01-01T01:00:00+01:00")->asDateTime()), 1704067200);
}

TEST(CastDisplayCell, SanitisesAndShortens) {
  EXPECT_EQ(displayCell("Köln"), "Köln");
  EXPECT_EQ(displayCell(std::string("a\xFF" "b\n", 4)), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  std::string longCell(200, 'x');
  auto shown = displayCell(longCell);
  EXPECT_EQ(shown, std::string(60, 'x') + "…");
  auto r = castInteger(longCell);
  ASSERT_FALSE(r);
  EXPECT_LT(r.error().message.size(), 200u);
}

}  // namespace
}  // namespace opgv::validation
