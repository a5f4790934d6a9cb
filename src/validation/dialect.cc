#include "validation/dialect.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "validation/csv_parser.h"
#include "validation/source_error.h"

namespace opgv::validation {
namespace {

using json = nlohmann::json;

// How a character is named in a message: tabs and line breaks are invisible otherwise.
std::string shown(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\t') {
      out += "\\t (Tabulator)";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == ' ') {
      out += "Leerzeichen";
    } else {
      out.push_back(c);
    }
  }
  return "„" + out + "“";
}

std::unexpected<Error> dialectInvalid(std::vector<FieldError> fields) {
  return invalid(std::move(fields),
                 "Die Angaben zum CSV-Format (Table Dialect) sind ungültig (Fehlerart: " +
                     std::string(codes::kDialectError) + ").");
}

bool isAsciiChar(char c) { return static_cast<unsigned char>(c) < 0x80; }

// ---------------------------------------------------------------------------- sniffer helpers

enum class CellKind { kEmpty, kInteger, kGermanNumber, kEnglishNumber, kAmbiguousNumber, kDate, kBoolean, kText };

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Numbers with optional sign and grouping. "1.234,56" and "3,5" are German, "1,234.56" and "3.5"
// English; "1.234" and "1,234" could be either.
CellKind classifyNumber(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty() || !isDigit(s[0])) return CellKind::kText;
  size_t dots = 0, commas = 0, lastSep = std::string_view::npos;
  char lastSepChar = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (isDigit(c)) continue;
    if (c != '.' && c != ',') return CellKind::kText;
    if (i + 1 >= s.size() || !isDigit(s[i + 1])) return CellKind::kText;
    (c == '.' ? dots : commas) += 1;
    lastSep = i;
    lastSepChar = c;
  }
  if (dots == 0 && commas == 0) return CellKind::kInteger;
  const size_t digitsAfterLast = s.size() - lastSep - 1;
  if (dots > 0 && commas > 0) return lastSepChar == ',' ? CellKind::kGermanNumber : CellKind::kEnglishNumber;
  if (dots + commas > 1) {
    // Only one kind, several times: grouping ("1.234.567"), so the other one is the decimal mark.
    return dots > 1 ? CellKind::kGermanNumber : CellKind::kEnglishNumber;
  }
  if (digitsAfterLast == 3) return CellKind::kAmbiguousNumber;
  return lastSepChar == ',' ? CellKind::kGermanNumber : CellKind::kEnglishNumber;
}

bool isDate(std::string_view s) {
  auto digits = [&](size_t from, size_t count) {
    if (from + count > s.size()) return false;
    for (size_t i = from; i < from + count; ++i)
      if (!isDigit(s[i])) return false;
    return true;
  };
  if (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2)) return true;
  // d.m.yyyy, dd.mm.yyyy, dd/mm/yyyy
  const size_t first = s.find_first_of("./");
  if (first == std::string_view::npos || first == 0 || first > 2 || !digits(0, first)) return false;
  const char sep = s[first];
  const size_t second = s.find(sep, first + 1);
  if (second == std::string_view::npos || second - first - 1 == 0 || second - first - 1 > 2) return false;
  if (!digits(first + 1, second - first - 1)) return false;
  const size_t yearLen = s.size() - second - 1;
  return (yearLen == 4 || yearLen == 2) && digits(second + 1, yearLen);
}

CellKind classify(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return CellKind::kEmpty;
  if (isDate(s)) return CellKind::kDate;
  const CellKind number = classifyNumber(s);
  if (number != CellKind::kText) return number;
  std::string lower;
  for (char c : s) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  if (lower == "ja" || lower == "nein" || lower == "true" || lower == "false" || lower == "wahr" || lower == "falsch")
    return CellKind::kBoolean;
  return CellKind::kText;
}

bool isTyped(CellKind kind) { return kind != CellKind::kText && kind != CellKind::kEmpty; }

constexpr std::array<char, 4> kDelimiters = {';', ',', '\t', '|'};
constexpr std::array<char, 2> kQuotes = {'"', '\''};
constexpr size_t kMaxSample = size_t{1} << 20;
constexpr size_t kKeepRows = 200;  // rows kept for the header and number-format guesses

struct Candidate {
  char delimiter = ',';
  char quote = '"';
  std::map<size_t, int64_t> fieldCounts;  // fields per non-blank record → records
  int64_t records = 0;
  int64_t errors = 0;
  bool fatal = false;
  int64_t cells = 0;       // non-empty unquoted cells
  int64_t plausible = 0;   // … of which do not look like a wrong split
  int64_t afterDelimiterSpace = 0, afterDelimiterCells = 0;
  std::vector<std::vector<std::string>> rows;
  double score = 0.0;
  size_t modal = 0;
  double consistency = 0.0;
};

Candidate tryDialect(std::string_view sample, bool complete, char delimiter, char quote) {
  Candidate cand;
  cand.delimiter = delimiter;
  cand.quote = quote;
  Dialect dialect;
  dialect.header = false;
  dialect.delimiter = std::string(1, delimiter);
  dialect.quoteChar = quote;
  CsvParser::Handlers handlers;
  handlers.onRecord = [&](const CsvRecord& record) {
    if (record.fields.empty()) return;
    ++cand.records;
    ++cand.fieldCounts[record.fields.size()];
    for (size_t f = 0; f < record.fields.size(); ++f) {
      const CsvField& field = record.fields[f];
      if (field.quoted || field.value.empty()) continue;
      ++cand.cells;
      if (f > 0) {
        ++cand.afterDelimiterCells;
        if (field.value[0] == ' ') ++cand.afterDelimiterSpace;
      }
      // A cell that still contains another candidate delimiter suggests the wrong split, unless
      // it is a number ("1.234,56" in a semicolon file).
      bool suspicious = false;
      for (char other : kDelimiters)
        if (other != delimiter && field.value.find(other) != std::string_view::npos) suspicious = true;
      const char otherQuote = quote == '"' ? '\'' : '"';
      if (field.value.size() >= 2 && field.value.front() == otherQuote && field.value.back() == otherQuote)
        suspicious = true;
      if (suspicious) {
        const CellKind kind = classify(field.value);
        suspicious = !isTyped(kind);
      }
      if (!suspicious) ++cand.plausible;
    }
    if (cand.rows.size() < kKeepRows) {
      auto& row = cand.rows.emplace_back();
      for (const CsvField& field : record.fields) row.emplace_back(field.value);
    }
  };
  handlers.onError = [&](const SourceError& error) {
    ++cand.errors;
    if (error.fatal) cand.fatal = true;
  };
  CsvLimits limits;
  limits.maxRecordBytes = sample.size() + 1;
  limits.maxFields = 20'000;
  CsvParser parser(std::move(dialect), std::move(handlers), limits);
  if (parser.feed(sample) && (complete || cand.records == 0)) {
    // Without `complete`, the last record may be cut off: only use it when there is nothing else.
    (void)parser.finish();
  }

  int64_t modalRecords = 0;
  for (const auto& [count, records] : cand.fieldCounts) {
    if (records > modalRecords || (records == modalRecords && count > cand.modal)) {
      modalRecords = records;
      cand.modal = count;
    }
  }
  if (cand.records == 0) return cand;
  cand.consistency = static_cast<double>(modalRecords) / static_cast<double>(cand.records);
  const double plausibility =
      cand.cells > 0 ? static_cast<double>(cand.plausible) / static_cast<double>(cand.cells) : 1.0;
  cand.score = cand.consistency * (0.3 + 0.7 * plausibility);
  if (cand.modal < 2) cand.score *= 0.2;  // the delimiter does not occur: every row is one field
  if (cand.fatal) cand.score *= 0.1;
  cand.score /= 1.0 + 0.5 * static_cast<double>(cand.errors);
  return cand;
}

struct HeaderGuess {
  bool header = true;
  double confidence = 0.3;
  std::string reason;
};

// Python's csv.Sniffer idea: a header row differs in kind from the column below it. A column of
// numbers or dates under a text cell votes for a header, a number on top votes against.
HeaderGuess guessHeader(const std::vector<std::vector<std::string>>& rows, size_t width) {
  HeaderGuess guess;
  if (rows.size() < 2) {
    guess.reason = "Zu wenige Zeilen, um eine Kopfzeile sicher zu erkennen; Kopfzeile angenommen.";
    return guess;
  }
  int votes = 0, considered = 0;
  for (size_t c = 0; c < width; ++c) {
    int typed = 0, nonEmpty = 0;
    for (size_t r = 1; r < rows.size(); ++r) {
      if (c >= rows[r].size()) continue;
      const CellKind kind = classify(rows[r][c]);
      if (kind == CellKind::kEmpty) continue;
      ++nonEmpty;
      typed += isTyped(kind) ? 1 : 0;
    }
    if (nonEmpty == 0 || typed * 10 < nonEmpty * 8) continue;
    ++considered;
    const CellKind top = c < rows[0].size() ? classify(rows[0][c]) : CellKind::kEmpty;
    if (top == CellKind::kText) {
      ++votes;
    } else if (isTyped(top)) {
      --votes;
    }
  }
  if (considered > 0) {
    guess.header = votes > 0;
    guess.confidence = std::min(1.0, 0.5 + 0.5 * std::abs(votes) / considered);
    guess.reason = guess.header ? "Die erste Zeile enthält Text über Spalten mit Zahlen oder Datumsangaben: Kopfzeile."
                                : "Die erste Zeile enthält Zahlen wie die Zeilen darunter: keine Kopfzeile.";
    return guess;
  }
  // Only text columns: names in a header are non-empty and distinct.
  std::set<std::string> distinct;
  bool allFilled = true;
  for (const auto& cell : rows[0]) {
    allFilled = allFilled && !cell.empty();
    distinct.insert(cell);
  }
  guess.header = true;
  const bool looksLikeNames = allFilled && distinct.size() == rows[0].size();
  guess.confidence = looksLikeNames ? 0.6 : 0.4;
  guess.reason = looksLikeNames ? "Nur Textspalten; die erste Zeile hat verschiedene, nicht leere Einträge: Kopfzeile angenommen."
                                : "Nur Textspalten; Kopfzeile angenommen (Standard).";
  return guess;
}

LineEnding lineEndingOf(std::string_view text) {
  uint64_t lf = 0, crlf = 0, cr = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++crlf;
        ++i;
      } else if (i + 1 < text.size()) {
        ++cr;
      }
    } else if (text[i] == '\n') {
      ++lf;
    }
  }
  CsvStats stats;
  stats.lf = lf;
  stats.crlf = crlf;
  stats.cr = cr;
  return stats.lineEnding();
}

std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100.0))) + " %"; }

}  // namespace

std::string_view lineEndingName(LineEnding ending) {
  switch (ending) {
    case LineEnding::kNone: return "keins";
    case LineEnding::kLf: return "LF";
    case LineEnding::kCrLf: return "CRLF";
    case LineEnding::kCr: return "CR";
    case LineEnding::kMixed: return "gemischt";
  }
  return "keins";
}

Status validateDialect(const Dialect& d) {
  std::vector<FieldError> errors;
  if (d.delimiter.empty()) {
    errors.push_back({"delimiter", "Das Trennzeichen (delimiter) darf nicht leer sein, z. B. \";\"."});
  } else {
    if (d.delimiter.find_first_of("\r\n") != std::string::npos)
      errors.push_back({"delimiter", "Das Trennzeichen (delimiter) darf keinen Zeilenumbruch enthalten."});
    if (d.delimiter.find('\0') != std::string::npos)
      errors.push_back({"delimiter", "Das Trennzeichen (delimiter) darf kein NUL-Zeichen enthalten."});
    if (d.delimiter.find(d.quoteChar) != std::string::npos)
      errors.push_back({"delimiter", "Trennzeichen (delimiter) und Anführungszeichen (quoteChar) müssen verschieden sein."});
    if (d.escapeChar && d.delimiter.find(*d.escapeChar) != std::string::npos)
      errors.push_back({"delimiter", "Trennzeichen (delimiter) und Escape-Zeichen (escapeChar) müssen verschieden sein."});
  }
  if (!isAsciiChar(d.quoteChar) || d.quoteChar == '\r' || d.quoteChar == '\n' || d.quoteChar == '\0')
    errors.push_back({"quoteChar", "Das Anführungszeichen (quoteChar) muss ein einzelnes sichtbares ASCII-Zeichen sein, z. B. \"\\\"\"."});
  if (d.escapeChar) {
    const char e = *d.escapeChar;
    if (!isAsciiChar(e) || e == '\r' || e == '\n' || e == '\0')
      errors.push_back({"escapeChar", "Das Escape-Zeichen (escapeChar) muss ein einzelnes sichtbares ASCII-Zeichen sein, z. B. \"\\\\\"."});
    else if (e == d.quoteChar)
      errors.push_back({"escapeChar",
                        "Escape-Zeichen (escapeChar) und Anführungszeichen (quoteChar) müssen verschieden sein; "
                        "verdoppelte Anführungszeichen beschreibt „doubleQuote“."});
  }
  const std::string& t = d.lineTerminator;
  if (t != "\r\n" && t != "\n" && t != "\r") {
    if (t.size() != 1) {
      errors.push_back({"lineTerminator", "Als Zeilenende (lineTerminator) werden \\r\\n, \\n, \\r oder ein einzelnes "
                                          "ASCII-Zeichen unterstützt, nicht " + shown(t) + "."});
    } else if (!isAsciiChar(t[0]) || t[0] == '\0' || t[0] == d.quoteChar || (d.escapeChar && t[0] == *d.escapeChar) ||
               (!d.delimiter.empty() && t[0] == d.delimiter[0])) {
      errors.push_back({"lineTerminator", "Das Zeilenende (lineTerminator) " + shown(t) +
                                              " darf weder Trennzeichen, Anführungszeichen noch Escape-Zeichen sein."});
    }
  }
  for (int64_t row : d.headerRows)
    if (row < 1) errors.push_back({"headerRows", "Die Kopfzeilen (headerRows) werden ab 1 gezählt, z. B. [1, 2]."});
  if (!std::is_sorted(d.headerRows.begin(), d.headerRows.end()) ||
      std::adjacent_find(d.headerRows.begin(), d.headerRows.end()) != d.headerRows.end())
    errors.push_back({"headerRows", "Die Kopfzeilen (headerRows) müssen aufsteigend und ohne Wiederholung angegeben sein."});
  for (int64_t row : d.commentRows)
    if (row < 1) errors.push_back({"commentRows", "Die Kommentarzeilen (commentRows) werden ab 1 gezählt, z. B. [2]."});
  if (!std::is_sorted(d.commentRows.begin(), d.commentRows.end()) ||
      std::adjacent_find(d.commentRows.begin(), d.commentRows.end()) != d.commentRows.end())
    errors.push_back({"commentRows", "Die Kommentarzeilen (commentRows) müssen aufsteigend und ohne Wiederholung angegeben sein."});
  if (d.commentChar) {
    if (d.commentChar->empty())
      errors.push_back({"commentChar", "Das Kommentarzeichen (commentChar) darf nicht leer sein, z. B. \"#\"."});
    else if ((*d.commentChar)[0] == '\r' || (*d.commentChar)[0] == '\n')
      errors.push_back({"commentChar", "Das Kommentarzeichen (commentChar) darf nicht mit einem Zeilenumbruch beginnen."});
  }
  if (!errors.empty()) return dialectInvalid(std::move(errors));
  return {};
}

Result<Dialect> parseDialect(const json& descriptor) {
  if (!descriptor.is_object()) {
    return dialectInvalid({{"dialect", "Die Angaben zum CSV-Format (dialect) müssen ein JSON-Objekt sein, z. B. "
                                       "{\"delimiter\": \";\"}."}});
  }
  Dialect d;
  std::vector<FieldError> errors;

  auto readBool = [&](const char* key, bool& target) {
    auto it = descriptor.find(key);
    if (it == descriptor.end()) return;
    if (!it->is_boolean()) {
      errors.push_back({key, std::string("„") + key + "“ muss true oder false sein."});
      return;
    }
    target = it->get<bool>();
  };
  auto readString = [&](const char* key, auto& target, const char* example) {
    auto it = descriptor.find(key);
    if (it == descriptor.end()) return false;
    if (!it->is_string()) {
      errors.push_back({key, std::string("„") + key + "“ muss eine Zeichenkette sein, z. B. " + example + "."});
      return false;
    }
    target = it->get<std::string>();
    return true;
  };
  auto readChar = [&](const char* key, auto& target, const char* what, const char* example) {
    std::string value;
    auto it = descriptor.find(key);
    if (it == descriptor.end()) return;
    if (!it->is_string() || it->get_ref<const std::string&>().size() != 1) {
      errors.push_back({key, std::string(what) + " („" + key + "“) muss genau ein Zeichen sein, z. B. " + example +
                                 (it->is_string() && !it->get_ref<const std::string&>().empty() &&
                                          !isAsciiChar(it->get_ref<const std::string&>()[0])
                                      ? "; Zeichen außerhalb von ASCII werden nicht unterstützt."
                                      : ".")});
      return;
    }
    target = it->get_ref<const std::string&>()[0];
  };
  auto readRows = [&](const char* key, std::vector<int64_t>& target, const char* what) {
    auto it = descriptor.find(key);
    if (it == descriptor.end()) return;
    const std::string message = std::string(what) + " („" + key + "“) müssen eine Liste von Zeilennummern ab 1 sein, z. B. [1, 2].";
    if (!it->is_array()) {
      errors.push_back({key, message});
      return;
    }
    std::vector<int64_t> rows;
    for (const auto& item : *it) {
      if (!item.is_number_integer() || item.get<int64_t>() < 1) {
        errors.push_back({key, message});
        return;
      }
      rows.push_back(item.get<int64_t>());
    }
    // Order and repetition carry no meaning in a list of row numbers.
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    target = std::move(rows);
  };

  readBool("header", d.header);
  readRows("headerRows", d.headerRows, "Die Kopfzeilen");
  readString("headerJoin", d.headerJoin, "\" \"");
  readRows("commentRows", d.commentRows, "Die Kommentarzeilen");
  {
    std::string comment;
    if (readString("commentChar", comment, "\"#\"")) d.commentChar = comment;
  }
  readString("delimiter", d.delimiter, "\";\"");
  readString("lineTerminator", d.lineTerminator, "\"\\r\\n\"");
  readChar("quoteChar", d.quoteChar, "Das Anführungszeichen", "\"\\\"\"");
  readBool("doubleQuote", d.doubleQuote);
  {
    char escape = 0;
    const size_t before = errors.size();
    readChar("escapeChar", escape, "Das Escape-Zeichen", "\"\\\\\"");
    if (descriptor.contains("escapeChar") && errors.size() == before) d.escapeChar = escape;
  }
  {
    std::string null;
    if (readString("nullSequence", null, "\"NA\"")) d.nullSequence = null;
  }
  readBool("skipInitialSpace", d.skipInitialSpace);
  {
    // CSV Dialect 1.0 only; kept readable so old descriptors still load.
    bool ignored = false;
    readBool("caseSensitiveHeader", ignored);
  }
  if (!errors.empty()) return dialectInvalid(std::move(errors));
  if (auto status = validateDialect(d); !status) return std::unexpected(status.error());
  return d;
}

json dialectToJson(const Dialect& d) {
  json out = {
      {"$schema", "https://datapackage.org/profiles/2.0/tabledialect.json"},
      {"header", d.header},
      {"headerRows", d.headerRows},
      {"headerJoin", d.headerJoin},
      {"delimiter", d.delimiter},
      {"lineTerminator", d.lineTerminator},
      {"quoteChar", std::string(1, d.quoteChar)},
      {"doubleQuote", d.doubleQuote},
      {"skipInitialSpace", d.skipInitialSpace},
  };
  if (!d.commentRows.empty()) out["commentRows"] = d.commentRows;
  if (d.commentChar) out["commentChar"] = *d.commentChar;
  if (d.escapeChar) out["escapeChar"] = std::string(1, *d.escapeChar);
  if (d.nullSequence) out["nullSequence"] = *d.nullSequence;
  return out;
}

DialectGuess sniffDialect(std::string_view sample, bool complete) {
  if (sample.substr(0, 3) == "\xEF\xBB\xBF") sample.remove_prefix(3);
  if (sample.size() > kMaxSample) {
    sample = sample.substr(0, kMaxSample);
    complete = false;
  }
  DialectGuess guess;
  guess.lineEnding = lineEndingOf(sample);
  switch (guess.lineEnding) {
    case LineEnding::kLf: guess.dialect.lineTerminator = "\n"; break;
    case LineEnding::kCr: guess.dialect.lineTerminator = "\r"; break;
    default: guess.dialect.lineTerminator = "\r\n"; break;
  }

  std::vector<Candidate> candidates;
  // `'` is only a candidate where a field starts with it. Otherwise a broken `"` quote (opened,
  // never closed) would make `'` win, and the broken quote would go unreported as literal text.
  auto quoteStartsAField = [&](char quote) {
    if (quote == '"') return true;
    if (!sample.empty() && sample.front() == quote) return true;
    for (size_t i = 1; i < sample.size(); ++i) {
      char before = sample[i - 1];
      if (sample[i] == quote && (before == ',' || before == ';' || before == '\t' || before == '|' || before == '\n'))
        return true;
    }
    return false;
  };
  for (char quote : kQuotes) {
    if (!quoteStartsAField(quote)) continue;
    for (char delimiter : kDelimiters) candidates.push_back(tryDialect(sample, complete, delimiter, quote));
  }
  // Ties go to the earlier candidate: `"` before `'`, and `;` first because this platform
  // mostly sees German exports.
  size_t best = 0;
  for (size_t c = 1; c < candidates.size(); ++c)
    if (candidates[c].score > candidates[best].score + 1e-9) best = c;
  const Candidate& chosen = candidates[best];
  double second = 0.0;
  for (const auto& cand : candidates)
    if (cand.delimiter != chosen.delimiter) second = std::max(second, cand.score);

  if (chosen.records == 0) {
    guess.note = "Die Stichprobe enthält keine Daten; das Standardformat (Komma, Kopfzeile) wird angenommen.";
    return guess;
  }
  guess.dialect.delimiter = std::string(1, chosen.delimiter);
  guess.dialect.quoteChar = chosen.quote;
  guess.sampleRows = chosen.records;
  guess.fieldCount = chosen.modal;

  // Few rows and a close runner-up both mean less certainty; a tie halves the confidence.
  const double sizeFactor = std::min(1.0, 0.5 + static_cast<double>(chosen.records) / 20.0);
  const double marginFactor = std::min(1.0, 0.5 + 2.0 * (chosen.score - second));
  guess.delimiterConfidence = std::clamp(chosen.score * sizeFactor * marginFactor, 0.0, 1.0);

  const HeaderGuess header = guessHeader(chosen.rows, chosen.modal);
  guess.dialect.header = header.header;
  guess.headerConfidence = header.confidence;
  guess.confidence = guess.delimiterConfidence * (0.7 + 0.3 * header.confidence);

  if (chosen.afterDelimiterCells >= 4 && chosen.afterDelimiterSpace * 10 >= chosen.afterDelimiterCells * 9)
    guess.dialect.skipInitialSpace = true;

  int64_t german = 0, english = 0, germanGrouped = 0, englishGrouped = 0;
  for (size_t r = guess.dialect.header ? 1 : 0; r < chosen.rows.size(); ++r) {
    for (const auto& cell : chosen.rows[r]) {
      const CellKind kind = classify(cell);
      if (kind == CellKind::kGermanNumber) {
        ++german;
        germanGrouped += cell.find('.') != std::string::npos;
      } else if (kind == CellKind::kEnglishNumber) {
        ++english;
        englishGrouped += cell.find(',') != std::string::npos;
      }
    }
  }
  if (german > english) {
    guess.decimalChar = ',';
    if (germanGrouped > 0) guess.groupChar = '.';
  } else if (english > 0) {
    guess.decimalChar = '.';
    if (englishGrouped > 0) guess.groupChar = ',';
  }

  std::string delimiterName = chosen.delimiter == '\t' ? "Tabulator" : "„" + std::string(1, chosen.delimiter) + "“";
  guess.note = "Trennzeichen " + delimiterName + ": " + percent(chosen.consistency) + " von " +
               formatCount(static_cast<uint64_t>(chosen.records)) + " Zeilen haben " + formatCount(chosen.modal) +
               " Felder. " + header.reason;
  if (guess.decimalChar == ',') guess.note += " Zahlen im deutschen Format (Dezimalkomma).";
  return guess;
}

}  // namespace opgv::validation
