#pragma once
// Turns what a user typed into a search into plain words, so that no query syntax of either
// engine (FTS5 MATCH operators, quotes, NEAR, *, -, parentheses, tsquery operators) ever reaches
// the database: a search box must never produce a syntax error or a 500.
#include <string>
#include <string_view>
#include <vector>

namespace opgv::search {

struct PlainQuery {
  std::vector<std::string> words;  // at most kMaxWords, each at most kMaxWordBytes, valid UTF-8
  bool empty() const { return words.empty(); }
};

inline constexpr size_t kMaxWords = 12;
inline constexpr size_t kMaxWordBytes = 64;

PlainQuery parseQuery(std::string_view input);

// FTS5 MATCH expression: every word as a quoted string, all required ("a" "b"). Quoting makes FTS5
// treat keywords like NEAR/AND/OR as words; the tokenizer stems them like the indexed text.
std::string toFts5Match(const PlainQuery& query);
// Text for PostgreSQL's plainto_tsquery('german', $1): words joined by spaces.
std::string toPlainText(const PlainQuery& query);

}  // namespace opgv::search
