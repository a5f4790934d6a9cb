// Test data for bench/validate.sh: build/bench/opgv_bench_validate_gen.
//
// Writes a synthetic CSV of about the requested size, deterministic for a seed (the same seed
// gives the same bytes on every machine: own PRNG, no std:: distributions, no locale).
//
//   sozialraum-de    Sozialraum-Indikatoren in long form, German notation: UTF-8 with BOM (as
//                    Excel's "CSV UTF-8" writes it), `;`, CRLF, 1.234,56, 31.12.2024.
//                    Columns gebiet_id;gebietsebene;stichtag;indikator;wert;einheit; primary key
//                    (gebiet_id, stichtag, indikator) unique: stichtag (month ends from
//                    31.01.2000 on) × 2,172 Berlin-style areas × 29 indicators, in that order.
//                    Schema: bench/data/validate/sozialraum-de.json.
//   sozialraum-intl  The same rows in international notation (`,`, LF, no BOM, 1234.56,
//                    2024-12-31), for readers without German number support (tableschema-js).
//                    Schema: bench/data/validate/sozialraum-intl.json.
//   mixed-20         20 columns of all common types (integer id as primary key, strings with
//                    pattern/enum/maxLength/email, dates, datetimes, booleans, integers and numbers
//                    with minimum/maximum, empty cells, quoted cells with `,` and `""`),
//                    international notation (`,`, LF). Schema: bench/data/validate/mixed-20.json.
//
// Row i of a kind is the same whatever the notation and however many rows are written, so
// `sozialraum-intl --rows=N` repeats exactly the first N rows of `sozialraum-de`.
//
// Usage: opgv_bench_validate_gen KIND BYTES OUT [--seed=N] [--rows=N]
//   BYTES  size limit in bytes (10^9 = 1 GB): rows are written while the file stays <= BYTES
//   OUT    output file, "-" for stdout
//   --rows exactly N data rows instead (BYTES is then ignored)
// All generated data is valid against its schema (the benchmark measures the valid path).
// Prints "rows=N bytes=B" to stderr at the end.
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

// splitmix64: tiny, fast, and the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n) for benchmark data (n far below 2^32).
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
  int64_t between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1))); }
  bool percent(unsigned p) { return below(100) < p; }

 private:
  uint64_t state_;
};

// Output buffer flushed in large blocks.
class Out {
 public:
  explicit Out(std::FILE* file) : file_(file) { buffer_.reserve(kBlock + 4096); }
  void flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      std::fprintf(stderr, "opgv_bench_validate_gen: write failed: %s\n", std::strerror(errno));
      std::exit(1);
    }
    written_ += buffer_.size();
    buffer_.clear();
  }
  void row(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kBlock) flush();
  }
  uint64_t size() const { return written_ + buffer_.size(); }

 private:
  static constexpr size_t kBlock = size_t{4} << 20;
  std::FILE* file_;
  std::string buffer_;
  uint64_t written_ = 0;
};

void putUint(std::string& out, uint64_t value, int width = 0) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  (void)ec;
  for (int pad = width - static_cast<int>(end - digits); pad > 0; --pad) out.push_back('0');
  out.append(digits, end);
}

// German thousands separators: 1234567 → 1.234.567.
void putGrouped(std::string& out, uint64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  (void)ec;
  const size_t n = static_cast<size_t>(end - digits);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
}

// mantissa / 10^decimals, German (1.234,56) or international (1234.56).
void putDecimal(std::string& out, int64_t mantissa, int decimals, bool german) {
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (mantissa < 0) out.push_back('-');
  const uint64_t magnitude = mantissa < 0 ? static_cast<uint64_t>(-mantissa) : static_cast<uint64_t>(mantissa);
  if (german) {
    putGrouped(out, magnitude / scale);
  } else {
    putUint(out, magnitude / scale);
  }
  if (decimals > 0) {
    out.push_back(german ? ',' : '.');
    putUint(out, magnitude % scale, decimals);
  }
}

struct Ymd {
  int64_t y;
  unsigned m, d;
};

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
Ymd civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void putDate(std::string& out, const Ymd& date, bool german) {
  if (german) {
    putUint(out, date.d, 2);
    out.push_back('.');
    putUint(out, date.m, 2);
    out.push_back('.');
    putUint(out, static_cast<uint64_t>(date.y), 4);
  } else {
    putUint(out, static_cast<uint64_t>(date.y), 4);
    out.push_back('-');
    putUint(out, date.m, 2);
    out.push_back('-');
    putUint(out, date.d, 2);
  }
}

// A CSV cell that may need quoting (delimiter, quote, line break).
void putText(std::string& out, std::string_view text, char delimiter) {
  if (text.find_first_of(std::string{delimiter, '"', '\n', '\r'}) == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// ---------------------------------------------------------------------------------------------
// Sozialraum-Indikatoren

struct Area {
  std::string id;
  const char* level;
};

std::vector<Area> berlinAreas() {
  // Berlin LOR-like hierarchy: 12 Bezirke, 4 Prognoseräume each, 4 Bezirksregionen each, 10
  // Planungsräume each (2,172 areas). Id digits: BB PP RR NN.
  std::vector<Area> areas;
  auto id = [](int b, int p, int r, int n) {
    std::string s;
    putUint(s, static_cast<uint64_t>(b), 2);
    putUint(s, static_cast<uint64_t>(p), 2);
    putUint(s, static_cast<uint64_t>(r), 2);
    putUint(s, static_cast<uint64_t>(n), 2);
    return s;
  };
  for (int b = 1; b <= 12; ++b) {
    areas.push_back({id(b, 0, 0, 0), "bezirk"});
    for (int p = 1; p <= 4; ++p) {
      areas.push_back({id(b, p, 0, 0), "prognoseraum"});
      for (int r = 1; r <= 4; ++r) {
        areas.push_back({id(b, p, r, 0), "bezirksregion"});
        for (int n = 1; n <= 10; ++n) areas.push_back({id(b, p, r, n), "planungsraum"});
      }
    }
  }
  return areas;
}

enum class ValueKind { kCount, kPercent, kPoints, kPer1000, kIndex, kClass };

struct Indicator {
  std::string code;
  const char* unit;
  ValueKind kind;
};

std::vector<Indicator> indicators() {
  std::vector<Indicator> list = {{"EW", "anzahl", ValueKind::kCount}};
  for (int i = 1; i <= 4; ++i) list.push_back({"S" + std::to_string(i), "prozent", ValueKind::kPercent});
  for (int i = 1; i <= 4; ++i) list.push_back({"D" + std::to_string(i), "prozentpunkte", ValueKind::kPoints});
  for (int i = 1; i <= 17; ++i) {
    std::string code = "KI_";
    putUint(code, static_cast<uint64_t>(i), 2);
    if (i <= 5) list.push_back({code, "prozent", ValueKind::kPercent});
    else if (i <= 10) list.push_back({code, "je_1000_ew", ValueKind::kPer1000});
    else if (i <= 14) list.push_back({code, "anzahl", ValueKind::kCount});
    else list.push_back({code, "index", ValueKind::kIndex});
  }
  for (const char* code : {"SI_N", "DI_N", "SDI_N"}) list.push_back({code, "klasse", ValueKind::kClass});
  return list;
}

void putIndicatorValue(std::string& out, ValueKind kind, Rng& rng, bool german) {
  switch (kind) {
    case ValueKind::kCount: {
      const int64_t n = rng.between(0, 40000);
      if (german) putGrouped(out, static_cast<uint64_t>(n)); else putUint(out, static_cast<uint64_t>(n));
      break;
    }
    case ValueKind::kPercent: putDecimal(out, rng.between(0, 6'000'000), 5, german); break;
    case ValueKind::kPoints: putDecimal(out, rng.between(-500'000, 500'000), 5, german); break;
    case ValueKind::kPer1000: putDecimal(out, rng.between(0, 25'000), 1, german); break;
    case ValueKind::kIndex: putDecimal(out, rng.between(5'000, 150'000), 2, german); break;
    case ValueKind::kClass: putUint(out, static_cast<uint64_t>(rng.between(1, 4))); break;
  }
}

class SozialraumRows {
 public:
  SozialraumRows(uint64_t seed, bool german) : rng_(seed), german_(german), areas_(berlinAreas()), indicators_(indicators()) {}
  std::string header() const {
    std::string h = german_ ? "\xEF\xBB\xBF" : "";
    h += "gebiet_id;gebietsebene;stichtag;indikator;wert;einheit";
    if (!german_) {
      for (char& c : h) {
        if (c == ';') c = ',';
      }
    }
    h += german_ ? "\r\n" : "\n";
    return h;
  }
  void next(std::string& out) {
    const char d = german_ ? ';' : ',';
    const Area& area = areas_[area_];
    const Indicator& ind = indicators_[indicator_];
    if (indicator_ == 0 && area_ == 0) date_ = monthEnd(month_);
    out += area.id;
    out.push_back(d);
    out += area.level;
    out.push_back(d);
    putDate(out, date_, german_);
    out.push_back(d);
    out += ind.code;
    out.push_back(d);
    // About 3 % of the values are not published (empty), never the population.
    const bool empty = ind.kind != ValueKind::kCount && rng_.percent(3);
    if (!empty) putIndicatorValue(out, ind.kind, rng_, german_);
    out.push_back(d);
    out += ind.unit;
    out += german_ ? "\r\n" : "\n";
    if (++indicator_ == indicators_.size()) {
      indicator_ = 0;
      if (++area_ == areas_.size()) {
        area_ = 0;
        ++month_;
      }
    }
  }

 private:
  static Ymd monthEnd(int64_t month) {  // month 0 = January 2000
    const int64_t y = 2000 + month / 12;
    const auto m = static_cast<unsigned>(month % 12) + 1;
    const int64_t firstOfNext = m == 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
    return civilFromDays(firstOfNext - 1);
  }
  Rng rng_;
  bool german_;
  std::vector<Area> areas_;
  std::vector<Indicator> indicators_;
  size_t area_ = 0, indicator_ = 0;
  int64_t month_ = 0;
  Ymd date_{};
};

// ---------------------------------------------------------------------------------------------
// mixed-20

class MixedRows {
 public:
  explicit MixedRows(uint64_t seed) : rng_(seed) {}
  static std::string header() {
    return "id,ags,name,kategorie,status,plz,email,erstellt_am,geaendert_am,faellig_am,aktiv,geprueft,anzahl,"
           "einwohner,betrag,anteil,temperatur,jahr,bemerkung,kennung\n";
  }
  void next(std::string& out) {
    static constexpr std::string_view kPlaces[] = {
        "Köln, Stadt", "Düsseldorf", "Münster", "Gütersloh", "Lüdenscheid", "Mülheim an der Ruhr", "Bad Dürkheim",
        "Öhringen", "Überlingen", "Fürstenfeldbruck", "Straßkirchen", "Weißenfels", "Großräschen",
        "Neustadt a.d. Weinstraße", "Frankfurt (Oder)", "Sankt Märgen", "Bärnau", "Schönau am Königssee",
        "Berlin", "Hamburg", "Leipzig", "Chemnitz", "Erfurt", "Kiel"};
    static constexpr std::string_view kSlugs[] = {
        "koeln", "duesseldorf", "muenster", "guetersloh", "luedenscheid", "muelheim", "bad-duerkheim", "oehringen",
        "ueberlingen", "ffb", "strasskirchen", "weissenfels", "grossraeschen", "neustadt", "frankfurt-oder",
        "st-maergen", "baernau", "schoenau", "berlin", "hamburg", "leipzig", "chemnitz", "erfurt", "kiel"};
    static constexpr std::string_view kCategories[] = {"Bildung", "Soziales", "Umwelt", "Verkehr", "Wirtschaft",
                                                       "Gesundheit"};
    static constexpr std::string_view kStatus[] = {"offen", "in_bearbeitung", "abgeschlossen", "abgelehnt"};
    static constexpr std::string_view kFirst[] = {"anna", "ben", "clara", "deniz", "emil", "fatma", "greta", "hannes"};
    static constexpr std::string_view kNotes[] = {
        "Schätzung", "vorläufiger Wert", "Gebietsänderung zum 01.01.2021", "Angaben gemäß \"Zensus 2011\"",
        "Fläche, Stand Katasteramt", "Wert geheimgehalten (§ 16 BStatG)", "Fortschreibung auf Basis des Zensus",
        "Rückfrage beim Fachamt, Antwort steht aus"};
    static constexpr char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    ++id_;
    const size_t place = rng_.below(std::size(kPlaces));
    putUint(out, id_);                                   // id
    out.push_back(',');
    putUint(out, static_cast<uint64_t>(rng_.between(1, 16)), 2);  // ags
    putUint(out, static_cast<uint64_t>(rng_.between(0, 999'999)), 6);
    out.push_back(',');
    std::string name = "Gemeinde ";                      // name (quoted when it has a comma)
    name += kPlaces[place];
    putText(out, name, ',');
    out.push_back(',');
    out += kCategories[rng_.below(std::size(kCategories))];  // kategorie
    out.push_back(',');
    out += kStatus[rng_.below(std::size(kStatus))];      // status
    out.push_back(',');
    putUint(out, static_cast<uint64_t>(rng_.between(1067, 99998)), 5);  // plz
    out.push_back(',');
    out += kFirst[rng_.below(std::size(kFirst))];        // email
    out.push_back('.');
    putUint(out, rng_.below(10000));
    out += "@stadt-";
    out += kSlugs[place];
    out += ".de,";
    const int64_t created = rng_.between(daysFromCivil(2000, 1, 1), daysFromCivil(2025, 12, 31));
    putDate(out, civilFromDays(created), false);         // erstellt_am
    out.push_back(',');
    const int64_t changed = created + rng_.between(0, 1500);  // geaendert_am
    putDate(out, civilFromDays(changed), false);
    out.push_back('T');
    const auto second = rng_.below(86400);
    putUint(out, second / 3600, 2);
    out.push_back(':');
    putUint(out, second / 60 % 60, 2);
    out.push_back(':');
    putUint(out, second % 60, 2);
    out += "Z,";
    if (!rng_.percent(10)) putDate(out, civilFromDays(created + rng_.between(1, 1000)), false);  // faellig_am
    out.push_back(',');
    out += rng_.percent(80) ? "true," : "false,";        // aktiv
    if (!rng_.percent(5)) out += rng_.percent(50) ? "true" : "false";  // geprueft
    out.push_back(',');
    putUint(out, static_cast<uint64_t>(rng_.between(0, 1'000'000)));  // anzahl
    out.push_back(',');
    putUint(out, static_cast<uint64_t>(rng_.between(0, 4'000'000)));  // einwohner
    out.push_back(',');
    putDecimal(out, rng_.between(0, 1'000'000'000), 2, false);  // betrag
    out.push_back(',');
    putDecimal(out, rng_.between(0, 100'000), 3, false);  // anteil
    out.push_back(',');
    putDecimal(out, rng_.between(-300, 450), 1, false);  // temperatur
    out.push_back(',');
    putUint(out, static_cast<uint64_t>(rng_.between(1990, 2030)));  // jahr
    out.push_back(',');
    if (rng_.percent(40)) putText(out, kNotes[rng_.below(std::size(kNotes))], ',');  // bemerkung
    out.push_back(',');
    out.push_back(static_cast<char>('A' + rng_.below(26)));  // kennung
    out.push_back(static_cast<char>('A' + rng_.below(26)));
    out.push_back('-');
    putUint(out, rng_.below(10000), 4);
    out.push_back('-');
    for (int i = 0; i < 6; ++i) out.push_back(kAlnum[rng_.below(36)]);
    out.push_back('\n');
  }

 private:
  Rng rng_;
  uint64_t id_ = 0;
};

template <typename Rows>
void write(Rows& rows, const std::string& header, Out& out, uint64_t maxBytes, int64_t exactRows, int64_t& count) {
  out.row(header);
  std::string line;
  while (exactRows < 0 || count < exactRows) {
    line.clear();
    rows.next(line);
    if (exactRows < 0 && out.size() + line.size() > maxBytes) break;
    out.row(line);
    ++count;
  }
}

[[noreturn]] void usage(const char* message) {
  std::fprintf(stderr,
               "opgv_bench_validate_gen: %s\n"
               "Usage: opgv_bench_validate_gen sozialraum-de|sozialraum-intl|mixed-20 BYTES OUT [--seed=N] [--rows=N]\n",
               message);
  std::exit(2);
}

bool parseNumber(std::string_view text, uint64_t& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) usage("KIND, BYTES and OUT are required");
  const std::string kind = argv[1];
  uint64_t maxBytes = 0, seed = 20261128, rowsArg = 0;
  int64_t exactRows = -1;
  if (!parseNumber(argv[2], maxBytes)) usage("BYTES must be a number");
  for (int i = 4; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("--seed=")) {
      if (!parseNumber(arg.substr(7), seed)) usage("--seed must be a number");
    } else if (arg.starts_with("--rows=")) {
      if (!parseNumber(arg.substr(7), rowsArg)) usage("--rows must be a number");
      exactRows = static_cast<int64_t>(rowsArg);
    } else {
      usage("unknown argument");
    }
  }
  if (kind != "sozialraum-de" && kind != "sozialraum-intl" && kind != "mixed-20") usage("unknown KIND");

  const std::string path = argv[3];
  std::FILE* file = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (!file) {
    std::fprintf(stderr, "opgv_bench_validate_gen: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    return 1;
  }
  Out out(file);
  int64_t count = 0;
  if (kind == "mixed-20") {
    MixedRows rows(seed);
    write(rows, MixedRows::header(), out, maxBytes, exactRows, count);
  } else {
    SozialraumRows rows(seed, kind == "sozialraum-de");
    write(rows, rows.header(), out, maxBytes, exactRows, count);
  }
  out.flush();
  if (file != stdout && std::fclose(file) != 0) {
    std::fprintf(stderr, "opgv_bench_validate_gen: closing %s failed: %s\n", path.c_str(), std::strerror(errno));
    return 1;
  }
  std::fprintf(stderr, "rows=%lld bytes=%llu\n", static_cast<long long>(count), static_cast<unsigned long long>(out.size()));
  return 0;
}
