#pragma once
// Cell values of XLSX and ODS files in the canonical forms of SheetCell (see spreadsheet.h): number
// text, Excel serial dates, ISO dates and ODF durations, number formats that make a number a date,
// cell references. Pure functions, no XML and no ZIP.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "validation/spreadsheet.h"

namespace opgv::validation::spreadsheet {

// What an XLSX number format turns a number into.
enum class TemporalKind : uint8_t { kNone, kDate, kDateTime, kTime };

// Built-in number formats (ECMA-376 §18.8.30): 14–17 dates, 18–21 and 45–47 times, 22 date and time.
TemporalKind builtinFormatKind(int numFmtId);
// A custom format code ("dd.mm.yyyy", "[$-407]mmmm yy", "[h]:mm", "#,##0.00 \"€\""): a date or
// time when its first section has y, m, d, h or s (or AM/PM) outside quotes, brackets and escapes.
// m counts as minutes next to h or s, else as month.
TemporalKind classifyFormatCode(std::string_view code);

// Appends the canonical text of a double: 15 significant digits (what Excel and LibreOffice show),
// then the shortest decimal; fixed notation in [1e-6, 1e15) (so integers print as "3"), else with
// exponent ("1.5e-07", "1e+15"). -0 becomes "0".
void appendNumber(double value, std::string& out);
// A number as written in the file ("1.5E+3", "-0", "  3 "); nullopt if it is no finite number.
std::optional<double> parseNumber(std::string_view written);
// parseNumber + appendNumber; false (nothing appended) if it is no finite number.
bool canonicalNumber(std::string_view written, std::string& out);

// An Excel serial day number (1900 system with Lotus' non-existent 1900-02-29 = 60, or the 1904
// system) as date, datetime or time, rounded to the second. Returns the kind written to `out`:
// kText for the days Excel shows but that do not exist (1900-01-00, 1900-02-29), kNumber (the
// plain number) when the serial is negative or beyond 9999-12-31.
CellKind serialToTemporal(double serial, bool date1904, TemporalKind kind, std::string& out);

// ISO 8601 as written by XLSX `t="d"` cells and ODS `office:date-value`: "2024-12-31",
// "2024-12-31T14:30:00.5", "14:30:00"; a trailing "Z" is dropped, fractions are rounded to the
// second. Anything else (other offsets, invalid dates) is returned as kText, as written.
CellKind isoToTemporal(std::string_view text, std::string& out);

// ODS `office:time-value` ("PT14H30M00S", "PT1H2M3.5S", "P1DT2H"): kTime below 24 hours, else
// kText "38:00:00" (what LibreOffice shows for [HH]:MM:SS). Unreadable values: kText as written.
CellKind durationToTime(std::string_view text, std::string& out);

// OOXML writes characters XML cannot hold as `_xHHHH_` (UTF-16 code units, `_x005F_` is "_").
// Decodes them in place; surrogate pairs are combined, lone surrogates become U+FFFD.
void decodeOoxmlEscapes(std::string& text);

// Appends `text` to `buffer` but lets the buffer grow to at most `cap` bytes, cutting at a UTF-8
// character boundary; sets `truncated` when something was cut, and appends nothing once it is set.
void appendCapped(std::string& buffer, std::string_view text, uint64_t cap, bool& truncated);

// 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD".
std::string columnName(size_t column);

struct CellRef {
  size_t column = 0;  // 0-based
  int64_t row = 0;    // 1-based, 0 = not given ("C" alone)
};
// "C5", "$C$5", "xfd1048576". Columns and rows saturate instead of overflowing, so a hostile
// "ZZZZZZZZZZZZ1" is simply too far right. nullopt for anything else.
std::optional<CellRef> parseCellRef(std::string_view ref);

// Decimal digits (leading and trailing ASCII blanks allowed) to a non-negative number, saturating
// at INT64_MAX; nullopt for anything else.
std::optional<int64_t> parseCount(std::string_view text);

}  // namespace opgv::validation::spreadsheet
