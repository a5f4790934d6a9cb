#pragma once
// FTS5 tokenizer "german_snowball": unicode61 (case folding, no diacritic removal) followed by
// the Snowball German stemmer (libstemmer), so that Schule/Schulen or Haus/Häuser/Hauses match.
// Offsets point into the original text, so snippet() highlights what the author wrote.
struct sqlite3;

namespace opgv::db::sqlite {

// Registers the tokenizer on one connection; returns false if FTS5 is unavailable.
bool registerGermanTokenizer(sqlite3* db);

}  // namespace opgv::db::sqlite
