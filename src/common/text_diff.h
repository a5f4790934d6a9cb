#pragma once
// Word-level diff for showing what changed between two versions of a text (page revisions,
// edited descriptions). Pure, no dependencies, safe on any UTF-8 input.
#include <string>
#include <string_view>
#include <vector>

namespace opgv::textdiff {

enum class Change { kSame, kAdded, kRemoved };

struct DiffPart {
  Change change;
  std::string text;
  bool operator==(const DiffPart&) const = default;
};

// Splits both texts into words (a run of non-whitespace plus the whitespace after it) and returns
// the changes in order. Guarantees: the kSame and kRemoved texts concatenate to `before`, the kSame
// and kAdded texts to `after`; no part is empty; neighbouring parts differ in kind; within one
// change the kRemoved part comes before the kAdded part. Very large, very different inputs degrade
// to a line-level diff and then to "all removed, all added" (see text_diff.cc).
std::vector<DiffPart> diffWords(std::string_view before, std::string_view after);

}  // namespace opgv::textdiff
