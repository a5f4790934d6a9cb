#pragma once
// Internal to src/validation: byte scanning for the encoding and CSV layers. The parsers jump
// from one interesting byte to the next instead of switching state per character; SSE2 is part
// of the x86-64 baseline, so it needs no runtime dispatch. Other targets use the table loop.
#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#define OPGV_VALIDATION_SSE2 1
#endif

namespace opgv::validation::detail {

// A set of up to six bytes, searched 16 bytes at a time.
class ByteSet {
 public:
  static constexpr int kMax = 6;

  ByteSet() = default;
  // Adding a byte twice is harmless; more than kMax distinct bytes is a programming error.
  void add(unsigned char c) {
    if (table_[c]) return;
    table_[c] = true;
    bytes_[count_++] = c;
#if OPGV_VALIDATION_SSE2
    // Unused lanes repeat the first byte, which keeps them harmless.
    for (int i = 0; i < kMax; ++i) vectors_[i] = _mm_set1_epi8(static_cast<char>(bytes_[i < count_ ? i : 0]));
#endif
  }
  bool contains(unsigned char c) const { return table_[c]; }

  // First byte of the set in [p, end), or end.
  const char* find(const char* p, const char* end) const {
#if OPGV_VALIDATION_SSE2
    // One loop per set size: comparing against unused lanes costs about a fifth of the scan.
    switch (count_) {
      case 1: return findN<1>(p, end);
      case 2: return findN<2>(p, end);
      case 3: return findN<3>(p, end);
      case 4: return findN<4>(p, end);
      case 5: return findN<5>(p, end);
      default: return findN<kMax>(p, end);
    }
#else
    return findTail(p, end);
#endif
  }

 private:
  const char* findTail(const char* p, const char* end) const {
    while (p < end && !table_[static_cast<unsigned char>(*p)]) ++p;
    return p;
  }
#if OPGV_VALIDATION_SSE2
  template <int N>
  const char* findN(const char* p, const char* end) const {
    __m128i v[N];
    for (int i = 0; i < N; ++i) v[i] = vectors_[i];
    while (end - p >= 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      __m128i m = _mm_cmpeq_epi8(x, v[0]);
      for (int i = 1; i < N; ++i) m = _mm_or_si128(m, _mm_cmpeq_epi8(x, v[i]));
      const int mask = _mm_movemask_epi8(m);
      if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
      p += 16;
    }
    return findTail(p, end);
  }
#endif

  std::array<bool, 256> table_{};
  std::array<unsigned char, kMax> bytes_{};
  int count_ = 0;
#if OPGV_VALIDATION_SSE2
  __m128i vectors_[kMax] = {};
#endif
};

// First byte >= 0x80 in [p, end), or end. ASCII runs are the common case in German data too.
inline const char* findNonAscii(const char* p, const char* end) {
#if OPGV_VALIDATION_SSE2
  while (end - p >= 16) {
    const int mask = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && static_cast<unsigned char>(*p) < 0x80) ++p;
  return p;
}

// Physical line breaks as an editor counts them: every CR, and every LF that does not directly
// follow a CR. `prevCR` carries "the last byte seen was CR" across calls, so a CRLF split
// between two chunks counts once.
inline uint64_t countLineBreaks(const char* p, size_t n, bool& prevCR) {
  uint64_t count = 0;
  size_t i = 0;
#if OPGV_VALIDATION_SSE2
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  unsigned carry = prevCR ? 1u : 0u;
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const unsigned mlf = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, lf)));
    const unsigned mcr = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, cr)));
    const unsigned afterCR = ((mcr << 1) | carry) & 0xFFFFu;
    count += static_cast<uint64_t>(__builtin_popcount(mcr) + __builtin_popcount(mlf & ~afterCR));
    carry = (mcr >> 15) & 1u;
  }
  prevCR = carry != 0;
#endif
  for (; i < n; ++i) {
    const char c = p[i];
    if (c == '\r') {
      ++count;
      prevCR = true;
    } else {
      if (c == '\n' && !prevCR) ++count;
      prevCR = false;
    }
  }
  return count;
}

}  // namespace opgv::validation::detail
