#include "common/text_diff.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <utility>

namespace opgv::textdiff {
namespace {

// The LCS table has one cell per pair of tokens in the part that differs. Capping it at 4 million
// cells bounds a diff to ~8 MB and a few milliseconds, whatever a client uploads. Above the cap the
// differing middle is diffed by lines instead (usually far fewer tokens); if even that is too big,
// the middle is reported as one removed and one added part. Common prefix and suffix are stripped
// first, so a small edit in a huge text never reaches the cap.
constexpr size_t kMaxTableCells = 4'000'000;

// With n * m <= kMaxTableCells, min(n, m) <= 2000, so an LCS length always fits in 16 bits.
using LcsLength = uint16_t;
static_assert(kMaxTableCells <= size_t{std::numeric_limits<LcsLength>::max()} *
                                    std::numeric_limits<LcsLength>::max());

enum class Level { kWords, kLines };

using Tokens = std::vector<std::string_view>;

// ASCII whitespace only: every byte of a multi-byte UTF-8 sequence is >= 0x80, so token
// boundaries can never fall inside a character.
bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A token is a run of non-whitespace plus the whitespace after it, so tokens tile the text
// exactly (leading whitespace forms a token of its own).
Tokens splitWords(std::string_view text) {
  Tokens tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = pos;
    while (end < text.size() && !isSpace(text[end])) ++end;
    while (end < text.size() && isSpace(text[end])) ++end;
    tokens.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return tokens;
}

// Lines including their '\n', so they tile the text exactly too.
Tokens splitLines(std::string_view text) {
  Tokens tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t newline = text.find('\n', pos);
    size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    tokens.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return tokens;
}

// Appends parts, skipping empty text and merging with the previous part of the same kind.
class PartList {
 public:
  void add(Change change, std::string_view text) {
    if (text.empty()) return;
    if (!parts_.empty() && parts_.back().change == change) {
      parts_.back().text += text;
    } else {
      parts_.push_back({change, std::string(text)});
    }
  }
  std::vector<DiffPart> take() { return std::move(parts_); }

 private:
  std::vector<DiffPart> parts_;
};

// Tokens are views into one contiguous text, so a token range is a substring.
std::string_view joined(const Tokens& tokens, size_t begin, size_t end) {
  if (begin == end) return {};
  const char* first = tokens[begin].data();
  const char* last = tokens[end - 1].data() + tokens[end - 1].size();
  return {first, static_cast<size_t>(last - first)};
}

// Classic LCS table over token ids; table[i][j] is the LCS length of a[i..] and b[j..], so the
// walk goes forwards. On a tie it removes before it adds, which keeps each change in the order
// "removed, then added".
void emitLcsDiff(const Tokens& a, size_t aBegin, size_t aEnd, const Tokens& b, size_t bBegin,
                 size_t bEnd, PartList& out) {
  const size_t n = aEnd - aBegin;
  const size_t m = bEnd - bBegin;
  // Interning turns the O(n * m) comparisons into integer compares.
  std::unordered_map<std::string_view, uint32_t> ids;
  auto idOf = [&ids](std::string_view token) {
    return ids.try_emplace(token, static_cast<uint32_t>(ids.size())).first->second;
  };
  std::vector<uint32_t> aIds(n);
  std::vector<uint32_t> bIds(m);
  for (size_t i = 0; i < n; ++i) aIds[i] = idOf(a[aBegin + i]);
  for (size_t j = 0; j < m; ++j) bIds[j] = idOf(b[bBegin + j]);

  const size_t width = m + 1;
  std::vector<LcsLength> table((n + 1) * width, 0);
  auto at = [&](size_t i, size_t j) -> LcsLength& { return table[i * width + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = aIds[i] == bIds[j] ? static_cast<LcsLength>(at(i + 1, j + 1) + 1)
                                    : std::max(at(i + 1, j), at(i, j + 1));
    }
  }

  size_t i = 0;
  size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && aIds[i] == bIds[j]) {
      out.add(Change::kSame, a[aBegin + i]);
      ++i;
      ++j;
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      out.add(Change::kRemoved, a[aBegin + i]);
      ++i;
    } else {
      out.add(Change::kAdded, b[bBegin + j]);
      ++j;
    }
  }
}

void diffAt(std::string_view before, std::string_view after, Level level, PartList& out) {
  const Tokens a = level == Level::kWords ? splitWords(before) : splitLines(before);
  const Tokens b = level == Level::kWords ? splitWords(after) : splitLines(after);

  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t aEnd = a.size() - suffix;
  const size_t bEnd = b.size() - suffix;

  out.add(Change::kSame, joined(a, 0, prefix));
  const size_t n = aEnd - prefix;
  const size_t m = bEnd - prefix;
  if (n == 0 || m == 0 || n <= kMaxTableCells / m) {
    emitLcsDiff(a, prefix, aEnd, b, prefix, bEnd, out);
  } else if (level == Level::kWords) {
    diffAt(joined(a, prefix, aEnd), joined(b, prefix, bEnd), Level::kLines, out);
  } else {
    out.add(Change::kRemoved, joined(a, prefix, aEnd));
    out.add(Change::kAdded, joined(b, prefix, bEnd));
  }
  out.add(Change::kSame, joined(a, aEnd, a.size()));
}

}  // namespace

std::vector<DiffPart> diffWords(std::string_view before, std::string_view after) {
  PartList parts;
  diffAt(before, after, Level::kWords, parts);
  return parts.take();
}

}  // namespace opgv::textdiff
