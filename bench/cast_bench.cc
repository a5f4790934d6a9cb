// Cast throughput of the validation engine (src/validation/cast.h): casts per second for the German
// conventions (germanDefaults(): 1.234,56 · 10.751 · 31.12.2024 · ja/nein), the ISO defaults for
// comparison, and one cell through the whole field pipeline (missing values, cast, constraints),
// with and without a `pattern` constraint, to show what std::wregex costs.
//
// Run: build/bench/opgv_bench_cast [--benchmark_filter=German] ; items_per_second = casts per second.
// Inputs cycle through realistic cells (Berlin MSS indicators, Gemeindeverzeichnis counts) so that
// branch prediction does not see one value only.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdlib>
#include <string_view>

#include "validation/cast.h"
#include "validation/constraints.h"
#include "validation/schema.h"

namespace {

using namespace opgv::validation;

template <size_t N>
void runCasts(benchmark::State& state, const CastSpec& spec, const std::array<std::string_view, N>& cells) {
  size_t i = 0;
  size_t failures = 0;
  for (auto _ : state) {
    auto r = castCell(spec, cells[i]);
    failures += r.has_value() ? 0 : 1;
    benchmark::DoNotOptimize(r);
    i = i + 1 == N ? 0 : i + 1;
  }
  if (failures) state.SkipWithError("a benchmark cell did not cast");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

constexpr std::array<std::string_view, 8> kGermanNumbers = {"1.234,56", "0,5",   "-12,75", "3.755.251",
                                                            "98,6",     "1.000.000,01", "42", "7,125"};
constexpr std::array<std::string_view, 8> kGermanIntegers = {"10.751", "3.755.251", "542", "-12",
                                                             "1.000",  "11270",     "0",   "83.155.031"};
constexpr std::array<std::string_view, 8> kGermanDates = {"31.12.2024", "01.01.2021", "1.2.2024",  "29.02.2024",
                                                          "15.06.1990", "24.12.2023", "03.10.1990", "9.11.1989"};
constexpr std::array<std::string_view, 8> kGermanBooleans = {"ja", "nein", "wahr", "falsch", "j", "n", "1", "0"};
constexpr std::array<std::string_view, 8> kIsoNumbers = {"1234.56", "0.5",  "-12.75", "3755251",
                                                         "98.6",    "1e-3", "42",     "7.125"};
constexpr std::array<std::string_view, 8> kIsoDates = {"2024-12-31", "2021-01-01", "2024-02-01", "2024-02-29",
                                                       "1990-06-15", "2023-12-24", "1990-10-03", "1989-11-09"};
constexpr std::array<std::string_view, 4> kIsoDatetimes = {"2024-01-26T15:00:00", "2024-01-26T15:00:00Z",
                                                           "2024-01-26T15:00:00.5+01:00", "1999-12-31T23:59:59-05:00"};
constexpr std::array<std::string_view, 8> kAgs = {"05315000", "11000000", "02000000", "08111000",
                                                  "12064340", "01051003", "03354020", "01001000"};

void BM_GermanNumber(benchmark::State& state) {
  runCasts(state, makeCastSpec(FieldType::kNumber, germanDefaults()), kGermanNumbers);
}
void BM_GermanInteger(benchmark::State& state) {
  runCasts(state, makeCastSpec(FieldType::kInteger, germanDefaults()), kGermanIntegers);
}
void BM_GermanDate(benchmark::State& state) {
  runCasts(state, makeCastSpec(FieldType::kDate, germanDefaults()), kGermanDates);
}
void BM_GermanBoolean(benchmark::State& state) {
  runCasts(state, makeCastSpec(FieldType::kBoolean, germanDefaults()), kGermanBooleans);
}
void BM_IsoNumber(benchmark::State& state) { runCasts(state, makeCastSpec(FieldType::kNumber), kIsoNumbers); }
void BM_IsoDate(benchmark::State& state) { runCasts(state, makeCastSpec(FieldType::kDate), kIsoDates); }
void BM_IsoDatetime(benchmark::State& state) { runCasts(state, makeCastSpec(FieldType::kDatetime), kIsoDatetimes); }

template <size_t N>
void runCells(benchmark::State& state, const Field& field, const std::array<std::string_view, N>& cells) {
  size_t i = 0;
  for (auto _ : state) {
    auto r = readCell(field, cells[i]);
    if (!r) state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
    i = i + 1 == N ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

Field fieldFrom(const char* descriptor) {
  auto schema = parseSchemaText(descriptor, SchemaOptions{germanDefaults()});
  if (!schema) std::abort();
  return schema->fields.at(0);
}

// The whole pipeline for one cell: missing values, cast, minimum/maximum.
void BM_ReadCellGermanNumberWithRange(benchmark::State& state) {
  static const Field field = fieldFrom(
      R"({"fields": [{"name": "wert", "type": "number", "missingValues": ["", "-", "."],
          "constraints": {"minimum": "-1.000.000", "maximum": "100.000.000"}}]})");
  runCells(state, field, kGermanNumbers);
}

// The cost of `pattern` (std::wregex, breadth-first executor) on an 8-digit AGS.
void BM_ReadCellAgsWithPattern(benchmark::State& state) {
  static const Field field =
      fieldFrom(R"({"fields": [{"name": "ags", "type": "string", "constraints": {"pattern": "[0-9]{8}"}}]})");
  runCells(state, field, kAgs);
}
void BM_ReadCellAgsWithoutPattern(benchmark::State& state) {
  static const Field field = fieldFrom(R"({"fields": [{"name": "ags", "type": "string"}]})");
  runCells(state, field, kAgs);
}

}  // namespace

BENCHMARK(BM_GermanNumber);
BENCHMARK(BM_GermanInteger);
BENCHMARK(BM_GermanDate);
BENCHMARK(BM_GermanBoolean);
BENCHMARK(BM_IsoNumber);
BENCHMARK(BM_IsoDate);
BENCHMARK(BM_IsoDatetime);
BENCHMARK(BM_ReadCellGermanNumberWithRange);
BENCHMARK(BM_ReadCellAgsWithPattern);
BENCHMARK(BM_ReadCellAgsWithoutPattern);

BENCHMARK_MAIN();
