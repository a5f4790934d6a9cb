#include "search/query.h"

#include "common/strings.h"

namespace opgv::search {

PlainQuery parseQuery(std::string_view input) {
  PlainQuery query;
  if (!strings::isValidUtf8(input)) return query;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && query.words.size() < kMaxWords) {
      if (word.size() > kMaxWordBytes) {
        // Cut at a code point boundary so the word stays valid UTF-8.
        size_t cut = kMaxWordBytes;
        while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
        word.resize(cut);
      }
      query.words.push_back(word);
    }
    word.clear();
  };
  for (size_t i = 0; i < input.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(input[i]);
    // Letters and digits (any non-ASCII byte belongs to a letter in practice) form words;
    // everything else – spaces, punctuation, operators – separates them.
    bool wordByte = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (wordByte) {
      word.push_back(static_cast<char>(c));
    } else {
      flush();
    }
  }
  flush();
  return query;
}

std::string toFts5Match(const PlainQuery& query) {
  std::string out;
  for (const auto& w : query.words) {
    if (!out.empty()) out += ' ';
    out += '"' + w + '"';  // words contain no quotes (see parseQuery)
  }
  return out;
}

std::string toPlainText(const PlainQuery& query) {
  std::string out;
  for (const auto& w : query.words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace opgv::search
