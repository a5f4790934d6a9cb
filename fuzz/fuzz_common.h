#pragma once
// Shared helpers for the validation fuzzers: reporting a violated property with the input, and a
// small reader for the option bytes at the start of an input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace opgv::fuzz {

inline void printEscaped(std::string_view text, size_t limit = 512) {
  for (unsigned char c : text.substr(0, limit)) {
    if (c == '\\') std::fputs("\\\\", stderr);
    else if (c >= 0x20 && c < 0x7F) std::fputc(c, stderr);
    else std::fprintf(stderr, "\\x%02x", c);
  }
  if (text.size() > limit) std::fprintf(stderr, "… (%zu Bytes)", text.size());
}

// Prints what was violated, the input (escaped) and up to two details, then aborts so that
// libFuzzer stores the input as crash-… artifact.
[[noreturn]] inline void violated(const char* property, std::string_view input, std::string_view detailA = {},
                                  std::string_view detailB = {}) {
  std::fprintf(stderr, "\nEigenschaft verletzt: %s\nEingabe (%zu Bytes): ", property, input.size());
  printEscaped(input);
  if (!detailA.empty()) {
    std::fputs("\n--- A ---\n", stderr);
    printEscaped(detailA, 4000);
  }
  if (!detailB.empty()) {
    std::fputs("\n--- B ---\n", stderr);
    printEscaped(detailB, 4000);
  }
  std::fputs("\n", stderr);
  std::abort();
}

#define FUZZ_CHECK(cond, input, ...)                                           \
  do {                                                                         \
    if (!(cond)) ::opgv::fuzz::violated(#cond, input __VA_OPT__(, ) __VA_ARGS__); \
  } while (0)

// Option bytes at the start of an input; missing bytes read as 0, so every input is usable.
class OptionBytes {
 public:
  OptionBytes(std::string_view input, size_t count) : input_(input), count_(count) {}
  unsigned char operator[](size_t i) const { return i < input_.size() && i < count_ ? static_cast<unsigned char>(input_[i]) : 0; }
  std::string_view rest() const { return input_.size() > count_ ? input_.substr(count_) : std::string_view(); }

 private:
  std::string_view input_;
  size_t count_;
};

}  // namespace opgv::fuzz
