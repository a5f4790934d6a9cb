#pragma once
// Internals of the synthetic data generator (synth.h): random numbers with portable transforms,
// calendar and number formatting, the tiny regex sampler. Only synth*.cc include this.
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "validation/value.h"

namespace opgv::validation::synth_detail {

inline uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

inline uint64_t hashCombine(uint64_t a, uint64_t b) { return splitmix64(a ^ splitmix64(b + 0x632BE59BD9B4E019ULL)); }

inline uint64_t hashString(std::string_view text) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// Inverse of the standard normal CDF (P. J. Acklam's rational approximation, relative error
// below 1.2e-9): one uniform in (0, 1) → one standard normal value, no state.
double inverseNormalCdf(double p);

// Uniform (0, 1) from 64 random bits, never exactly 0 or 1.
inline double unitOpen(uint64_t bits) { return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53; }

// A standard normal value that depends only on the key (for per-area latent factors).
inline double hashNormal(uint64_t key) { return inverseNormalCdf(unitOpen(splitmix64(key))); }

// The random source of the generator. The main stream is std::mt19937_64 (fixed algorithm and
// seeding in the standard); values that must depend only on a key (the same school in every
// school year) come from a SplitMix64 stream seeded with a hash of the key. The transforms are
// our own so the output does not depend on the standard library's distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : mt_(std::in_place, seed) {}
  // Cheap to create: no Mersenne Twister state to seed.
  static Rng keyed(uint64_t key) {
    Rng rng;
    rng.state_ = key;
    return rng;
  }
  uint64_t next() {
    if (mt_) return (*mt_)();
    state_ += 0x9E3779B97F4A7C15ULL;
    return splitmix64(state_);
  }
  double uniform() { return unitOpen(next()); }                      // (0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Integer in [lo, hi] (hi >= lo), by the multiply-shift method.
  int64_t uniformInt(int64_t lo, int64_t hi) {
    uint64_t range = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
    if (range == 0) return static_cast<int64_t>(next());  // the whole 64-bit range
    auto wide = static_cast<unsigned __int128>(next()) * range;
    return lo + static_cast<int64_t>(static_cast<uint64_t>(wide >> 64));
  }
  double normal() { return inverseNormalCdf(uniform()); }
  bool chance(double p) { return p > 0 && uniform() < p; }

 private:
  Rng() = default;
  std::optional<std::mt19937_64> mt_;
  uint64_t state_ = 0;
};

// Calendar: days since 1970-01-01 ↔ civil date (proleptic Gregorian).
Date civilFromDays(int64_t days);
std::optional<Date> parseIsoDate(std::string_view text);
std::string formatDate(const Date& date);
// Adds years and months (the day is clipped to the month's length), then days.
Date addToDate(const Date& date, int years, int months, int days);

// Fixed-point text with `decimals` digits after the point, "-0.00" written as "0.00".
void appendFixed(std::string& out, double value, int decimals);
std::string formatFixed(double value, int decimals);
// Shortest round-trip text for a double (JSON numbers in synth.json).
std::string formatShortest(double value);
inline double roundTo(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

// Appends `cell` to a CSV line, quoted where needed (comma, quote, CR, LF).
void appendCsvCell(std::string& line, std::string_view cell);

// One random string for `pattern`, or nullopt for syntax outside the supported subset.
std::optional<std::string> samplePatternWith(std::string_view pattern, Rng& rng);
// The index-th string of the pattern (each atom repeated its minimum, at least once, times; the
// last atom varies fastest) and how many there are (saturating); nullopt as above. For key fields
// with a pattern and no hint.
std::optional<std::string> enumeratePattern(std::string_view pattern, uint64_t index);
std::optional<uint64_t> patternCapacity(std::string_view pattern);

}  // namespace opgv::validation::synth_detail
