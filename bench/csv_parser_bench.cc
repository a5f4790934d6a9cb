// CSV reading micro-benchmark (Google Benchmark): build/bench/opgv_bench_csv.
//
// Generates a German municipal CSV in memory (default about 50 MB: `;`, CRLF, quoted text with
// umlauts and the odd doubled quote, `;` or line break inside quotes, ids with leading zeros,
// `1.234.567` and `405,02` numbers, `31.12.2021` dates, empty cells), then measures on the same
// buffer:
//   - NewlineCount: a memchr loop counting '\n', like `wc -l` – the floor for any reader that
//     has to look at every byte;
//   - CsvParse: the streaming parser, fed in 64 KiB chunks like a file read, and as one block;
//   - Utf8TranscodeAndParse: UTF-8 validation (transcoder) plus parser, the full reading path
//     for a UTF-8 upload;
//   - Windows1252TranscodeAndParse: the same table in Windows-1252, as German Excel writes it.
// At the end it prints MB/s (10^6 bytes) and rows/s per benchmark, the core count and the ratio
// parser : newline count.
//
// Usage: opgv_bench_csv [--mb=50] [Google Benchmark flags, e.g. --benchmark_repetitions=3]
#include <benchmark/benchmark.h>
#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "validation/csv_parser.h"
#include "validation/encoding.h"

namespace {

using namespace opgv::validation;

constexpr size_t kChunk = 64 * 1024;
size_t gTargetBytes = size_t{50} * 1000 * 1000;

struct Corpus {
  std::string utf8;
  std::string windows1252;
  int64_t rows = 0;  // data rows, without the header
};

std::string grouped(int64_t value) {
  std::string digits = std::to_string(value), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

// Latin-1 only text (all generated text is), so Windows-1252 is one byte per character.
std::string toWindows1252(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F)));
    }
  }
  return out;
}

const Corpus& corpus() {
  static const Corpus instance = [] {
    Corpus c;
    std::mt19937_64 rng(20261127);
    const std::vector<std::string> places = {
        "Köln, Stadt", "Düsseldorf, Landeshauptstadt", "Münster, Stadt", "Gütersloh", "Lüdenscheid", "Mülheim an der Ruhr",
        "Bad Dürkheim", "Öhringen", "Überlingen", "Fürstenfeldbruck", "Straßkirchen", "Weißenfels", "Großräschen",
        "Neustadt a.d. Weinstraße", "Frankfurt (Oder)", "Sankt Märgen", "Bärnau", "Schönau am Königssee"};
    const std::vector<std::string> notes = {
        "",
        "",
        "",
        "Schätzung",
        "vorläufiger Wert",
        "Gebietsänderung zum 01.01.2021",
        "Angaben gemäß \"\"Zensus 2011\"\"",  // a doubled quote inside quotes
        "Fläche; Stand Katasteramt",         // the delimiter inside quotes
        "Wert geheimgehalten (§ 16 BStatG)",
        "Fortschreibung auf Basis des Zensus",
    };
    std::string& out = c.utf8;
    out.reserve(gTargetBytes + 4096);
    out += "lfd_nr;ags;gemeinde;einwohner;flaeche_km2;anteil_kinder_prozent;stichtag;bemerkung;gueltig\r\n";
    while (out.size() < gTargetBytes) {
      ++c.rows;
      const int64_t inhabitants = static_cast<int64_t>(rng() % 1'200'000) + 200;
      out += std::to_string(c.rows);
      out += ";\"0";
      out += std::to_string(1'000'000 + rng() % 9'000'000);
      out += "\";\"";
      out += places[rng() % places.size()];
      out += "\";";
      out += grouped(inhabitants);
      out += ';';
      out += std::to_string(rng() % 900 + 1) + "," + std::to_string(rng() % 90 + 10);
      out += ';';
      if (rng() % 10 != 0) out += std::to_string(rng() % 25 + 5) + "," + std::to_string(rng() % 10);
      out += ";31.12.20";
      out += std::to_string(10 + rng() % 14);
      out += ';';
      const std::string& note = notes[rng() % notes.size()];
      if (!note.empty()) {
        out += '"';
        out += note;
        if (rng() % 200 == 0) out += "\r\nzweite Zeile";  // a line break inside a cell
        out += '"';
      }
      out += rng() % 5 == 0 ? ";nein\r\n" : ";ja\r\n";
    }
    c.windows1252 = toWindows1252(c.utf8);
    return c;
  }();
  return instance;
}

Dialect germanDialect() {
  Dialect dialect;
  dialect.delimiter = ";";
  return dialect;
}

// A consumer that looks at every field, so nothing can be optimised away.
struct Sink {
  int64_t rows = 0;
  uint64_t fieldBytes = 0;
  CsvParser::Handlers handlers() {
    CsvParser::Handlers h;
    h.onRecord = [this](const CsvRecord& record) {
      ++rows;
      for (const CsvField& field : record.fields) fieldBytes += field.value.size();
    };
    return h;
  }
};

void finishCounters(benchmark::State& state, size_t bytes, int64_t rowsPerIteration) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["rows"] = benchmark::Counter(static_cast<double>(rowsPerIteration) * static_cast<double>(state.iterations()),
                                              benchmark::Counter::kIsRate);
}

void NewlineCount(benchmark::State& state) {
  const std::string& data = corpus().utf8;
  size_t lines = 0;
  for (auto _ : state) {
    lines = 0;
    const char* p = data.data();
    const char* end = p + data.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr) {
      ++lines;
      ++p;
    }
    benchmark::DoNotOptimize(lines);
  }
  finishCounters(state, data.size(), corpus().rows);
}

void CsvParse(benchmark::State& state) {
  const std::string& data = corpus().utf8;
  const size_t chunk = state.range(0) == 0 ? data.size() : static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    Sink sink;
    CsvParser parser(germanDialect(), sink.handlers());
    for (size_t at = 0; at < data.size(); at += chunk) {
      if (!parser.feed(std::string_view(data).substr(at, chunk))) state.SkipWithError("parse error");
    }
    if (!parser.finish() || sink.rows != corpus().rows) state.SkipWithError("wrong row count");
    benchmark::DoNotOptimize(sink.fieldBytes);
  }
  finishCounters(state, data.size(), corpus().rows);
}

void TranscodeAndParse(benchmark::State& state, const std::string& data, Encoding encoding) {
  std::string text;
  for (auto _ : state) {
    Sink sink;
    CsvParser parser(germanDialect(), sink.handlers());
    Utf8Transcoder transcoder(encoding);
    for (size_t at = 0; at < data.size(); at += kChunk) {
      text.clear();
      if (!transcoder.feed(std::string_view(data).substr(at, kChunk), text) || !parser.feed(text))
        state.SkipWithError("read error");
    }
    text.clear();
    if (!transcoder.finish(text) || !parser.feed(text) || !parser.finish() || sink.rows != corpus().rows)
      state.SkipWithError("wrong row count");
    benchmark::DoNotOptimize(sink.fieldBytes);
  }
  // Throughput in bytes of the file as uploaded.
  finishCounters(state, data.size(), corpus().rows);
}

void Utf8TranscodeAndParse(benchmark::State& state) { TranscodeAndParse(state, corpus().utf8, Encoding::kUtf8); }
void Windows1252TranscodeAndParse(benchmark::State& state) {
  TranscodeAndParse(state, corpus().windows1252, Encoding::kWindows1252);
}

BENCHMARK(NewlineCount)->Unit(benchmark::kMillisecond);
BENCHMARK(CsvParse)->Arg(kChunk)->Arg(0)->ArgName("chunk")->Unit(benchmark::kMillisecond);
BENCHMARK(Utf8TranscodeAndParse)->Unit(benchmark::kMillisecond);
BENCHMARK(Windows1252TranscodeAndParse)->Unit(benchmark::kMillisecond);

// Console output as usual, plus a summary in the units the issue asks for.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred || run.run_type != Run::RT_Iteration) continue;
      auto bytes = run.counters.find("bytes_per_second");
      auto rows = run.counters.find("rows");
      if (bytes == run.counters.end() || rows == run.counters.end()) continue;
      // With repetitions, the last one wins; the table is for one run.
      results_[run.benchmark_name()] = {bytes->second.value, rows->second.value};
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    cpu_set_t set;
    CPU_ZERO(&set);
    const int usable = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : -1;
    std::printf("\nCSV corpus: %.1f MB, %lld data rows, %.1f bytes/row (UTF-8)\n", corpus().utf8.size() / 1e6,
                static_cast<long long>(corpus().rows), static_cast<double>(corpus().utf8.size()) / corpus().rows);
    std::printf("cores: nproc=%d (online %ld), single-threaded benchmarks\n", usable, sysconf(_SC_NPROCESSORS_ONLN));
    std::printf("%-44s %10s %14s\n", "benchmark", "MB/s", "rows/s");
    for (const auto& [name, value] : results_)
      std::printf("%-44s %10.1f %14.0f\n", name.c_str(), value.first / 1e6, value.second);
    const auto floor = results_.find("NewlineCount");
    if (floor == results_.end()) return;
    for (const auto& [name, value] : results_) {
      if (name == "NewlineCount") continue;
      std::printf("ratio %-38s : NewlineCount = %.1f %%\n", name.c_str(), 100.0 * value.first / floor->second.first);
    }
  }

 private:
  std::map<std::string, std::pair<double, double>> results_;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--mb=", 5) == 0) {
      gTargetBytes = static_cast<size_t>(std::atof(argv[i] + 5) * 1e6);
    } else {
      args.push_back(argv[i]);
    }
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  (void)corpus();  // generate before timing starts
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
