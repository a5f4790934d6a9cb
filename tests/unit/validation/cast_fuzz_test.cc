// Fuzz-style robustness: 10,000 seeded random strings through every cast function and format. No
// crash, no exception, and every failure is a type-error with a German message.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "validation/cast.h"

namespace opgv::validation {
namespace {

struct Target {
  std::string name;
  CastSpec spec;
};

std::vector<Target> allTargets() {
  std::vector<Target> out;
  auto add = [&](std::string name, FieldType type, std::string_view format = "default",
                 const Conventions& conventions = frictionlessDefaults()) {
    CastSpec spec = makeCastSpec(type, conventions);
    std::string error;
    if (!setFormat(spec, format, &error)) ADD_FAILURE() << name << ": " << error;
    out.push_back({std::move(name), std::move(spec)});
  };
  for (auto f : {"default", "email", "uri", "binary", "uuid"}) add(std::string("string/") + f, FieldType::kString, f);
  add("number", FieldType::kNumber);
  add("number/german", FieldType::kNumber, "default", germanDefaults());
  Conventions notBare = germanDefaults();
  notBare.number.bareNumber = false;
  add("number/german/notBare", FieldType::kNumber, "default", notBare);
  add("integer", FieldType::kInteger);
  add("integer/german", FieldType::kInteger, "default", germanDefaults());
  add("integer/german/notBare", FieldType::kInteger, "default", notBare);
  add("boolean", FieldType::kBoolean);
  add("boolean/german", FieldType::kBoolean, "default", germanDefaults());
  for (auto type : {FieldType::kDate, FieldType::kTime, FieldType::kDatetime}) {
    std::string base(fieldTypeName(type));
    add(base + "/default", type);
    add(base + "/any", type, "any");
  }
  add("date/%d.%m.%Y", FieldType::kDate, "%d.%m.%Y");
  add("date/%d. %B %Y", FieldType::kDate, "%d. %B %Y");
  add("date/%Y-%j", FieldType::kDate, "%Y-%j");
  add("time/%I:%M %p", FieldType::kTime, "%I:%M %p");
  add("datetime/%d.%m.%Y %H:%M:%S.%f %z", FieldType::kDatetime, "%d.%m.%Y %H:%M:%S.%f %z");
  add("datetime/%a, %d %b %y %H:%M", FieldType::kDatetime, "%a, %d %b %y %H:%M");
  add("year", FieldType::kYear);
  add("yearmonth", FieldType::kYearmonth);
  add("duration", FieldType::kDuration);
  for (auto f : {"default", "array", "object"}) add(std::string("geopoint/") + f, FieldType::kGeopoint, f);
  add("geojson", FieldType::kGeojson);
  add("geojson/topojson", FieldType::kGeojson, "topojson");
  add("object", FieldType::kObject);
  add("array", FieldType::kArray);
  for (auto item : {FieldType::kString, FieldType::kInteger, FieldType::kNumber, FieldType::kBoolean, FieldType::kDate,
                    FieldType::kTime, FieldType::kDatetime}) {
    CastSpec spec = makeCastSpec(FieldType::kList);
    spec.list.itemType = item;
    spec.list.delimiter = item == FieldType::kNumber ? ";" : ",";
    out.push_back({"list/" + std::string(fieldTypeName(item)), spec});
  }
  add("any", FieldType::kAny);
  return out;
}

// Three kinds of input: raw bytes (invalid UTF-8, NUL, control characters), strings over the
// characters that cast functions care about, and valid examples with a few mutations, which get
// past the first checks and into the deeper parsing paths.
std::string randomCell(std::mt19937& rng) {
  static const std::string kAlphabet = "0123456789.,-+eE:TZ PYMDWHS%/[]{}\"lonat:äÖ€\\ \tInfNa";
  static const std::vector<std::string> kSeeds = {
      "1.234,56", "2024-12-31", "31.12.2024", "14:30:00+01:00", "2024-01-26T15:00:00.5Z", "P1Y2M10DT2H30M",
      "13.405, 52.52", "[13.405, 52.52]", "{\"lon\": 1, \"lat\": 2}", "{\"type\": \"Point\", \"coordinates\": [1, 2]}",
      "9223372036854775807", "ja", "true", "2024-12", "name@beispiel.de", "https://www.berlin.de/", "SGFsbG8=",
      "123e4567-e89b-12d3-a456-426614174000", "1,2,3", "31. Dezember 2024", "02:30 PM", "-INF", "12,5 %"};
  std::uniform_int_distribution<int> mode(0, 2);
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string s;
  switch (mode(rng)) {
    case 0: {
      int n = length(rng);
      for (int i = 0; i < n; ++i) s.push_back(static_cast<char>(byte(rng)));
      break;
    }
    case 1: {
      std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
      int n = length(rng);
      for (int i = 0; i < n; ++i) s.push_back(kAlphabet[pick(rng)]);
      break;
    }
    default: {
      std::uniform_int_distribution<size_t> seed(0, kSeeds.size() - 1);
      s = kSeeds[seed(rng)];
      std::uniform_int_distribution<int> edits(0, 3);
      std::uniform_int_distribution<size_t> alphabet(0, kAlphabet.size() - 1);
      for (int e = edits(rng); e > 0 && !s.empty(); --e) {
        std::uniform_int_distribution<size_t> pos(0, s.size() - 1);
        switch (edits(rng)) {
          case 0: s.erase(pos(rng), 1); break;
          case 1: s.insert(pos(rng), 1, kAlphabet[alphabet(rng)]); break;
          default: s[pos(rng)] = kAlphabet[alphabet(rng)]; break;
        }
      }
    }
  }
  return s;
}

TEST(CastFuzz, RandomStringsNeverCrashAndFailOnlyWithGermanTypeErrors) {
  const auto targets = allTargets();
  std::mt19937 rng(20261127);
  size_t casts = 0, accepted = 0, badErrors = 0, exceptions = 0;
  std::string firstProblem;
  for (int i = 0; i < 10000; ++i) {
    const std::string cell = randomCell(rng);
    for (const auto& target : targets) {
      ++casts;
      try {
        auto r = castCell(target.spec, cell);
        if (r) {
          ++accepted;
          (void)toText(*r);  // formatting an accepted value must work too
          continue;
        }
        const auto& e = r.error();
        bool german = e.message.find(" ist ") != std::string::npos &&
                      e.message.find("(erwartet z. B. ") != std::string::npos;
        if (e.code != "type-error" || e.message.empty() || !german || e.note.empty()) {
          if (firstProblem.empty()) firstProblem = target.name + " „" + cell + "“: " + e.code + " " + e.message;
          ++badErrors;
        }
      } catch (const std::exception& ex) {
        if (firstProblem.empty()) firstProblem = target.name + " „" + cell + "“ threw " + ex.what();
        ++exceptions;
      }
    }
  }
  EXPECT_EQ(exceptions, 0u) << firstProblem;
  EXPECT_EQ(badErrors, 0u) << firstProblem;
  EXPECT_EQ(casts, 10000u * targets.size());
  // The mutated seeds must reach the success paths as well, or the test fuzzes only the rejects.
  EXPECT_GT(accepted, 10000u);
  RecordProperty("casts", static_cast<int>(casts));
  RecordProperty("accepted", static_cast<int>(accepted));
}

TEST(CastFuzz, JsonDescriptorValuesNeverThrow) {
  const auto targets = allTargets();
  std::mt19937 rng(7);
  const std::vector<nlohmann::json> values = {nullptr, true, 0, -1, 1.5, 1e308, "", "x", "2024-12-31",
                                              nlohmann::json::array(), nlohmann::json::object(),
                                              nlohmann::json::array({1, "a"}), 18446744073709551615ull};
  for (const auto& target : targets)
    for (const auto& v : values) EXPECT_NO_THROW((void)castJsonValue(target.spec, v)) << target.name << " " << v;
}

}  // namespace
}  // namespace opgv::validation
