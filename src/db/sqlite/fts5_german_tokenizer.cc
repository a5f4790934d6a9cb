#include "db/sqlite/fts5_german_tokenizer.h"

#include <libstemmer.h>
#include <sqlite3.h>

#include <cstring>
#include <new>
#include <string>

namespace opgv::db::sqlite {
namespace {

fts5_api* fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  // The index 1 matters: some copies of the FTS5 documentation omit it.
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

struct GermanTokenizer {
  fts5_tokenizer base{};         // unicode61's methods
  Fts5Tokenizer* base_instance = nullptr;
  sb_stemmer* stemmer = nullptr;
};

struct Forward {
  void* ctx;
  int (*token)(void*, int, const char*, int, int, int);
  sb_stemmer* stemmer;
};

int stemToken(void* context, int flags, const char* text, int size, int start, int end) {
  auto* fwd = static_cast<Forward*>(context);
  const sb_symbol* stem = sb_stemmer_stem(fwd->stemmer, reinterpret_cast<const sb_symbol*>(text), size);
  if (!stem) return SQLITE_NOMEM;
  return fwd->token(fwd->ctx, flags, reinterpret_cast<const char*>(stem), sb_stemmer_length(fwd->stemmer), start, end);
}

int create(void* userData, const char**, int, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(userData);
  auto* self = new (std::nothrow) GermanTokenizer;
  if (!self) return SQLITE_NOMEM;
  void* baseUserData = nullptr;
  int rc = api->xFindTokenizer(api, "unicode61", &baseUserData, &self->base);
  if (rc == SQLITE_OK) {
    // Umlauts stay: the German stemmer folds ä/ö/ü itself, after using them to find the stem.
    const char* args[] = {"remove_diacritics", "0"};
    rc = self->base.xCreate(baseUserData, args, 2, &self->base_instance);
  }
  if (rc == SQLITE_OK) {
    self->stemmer = sb_stemmer_new("german", "UTF_8");
    if (!self->stemmer) rc = SQLITE_ERROR;
  }
  if (rc != SQLITE_OK) {
    if (self->base_instance) self->base.xDelete(self->base_instance);
    delete self;
    return rc;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(self);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer* tokenizer) {
  auto* self = reinterpret_cast<GermanTokenizer*>(tokenizer);
  if (self->base_instance) self->base.xDelete(self->base_instance);
  if (self->stemmer) sb_stemmer_delete(self->stemmer);
  delete self;
}

int tokenize(Fts5Tokenizer* tokenizer, void* ctx, int flags, const char* text, int size,
             int (*token)(void*, int, const char*, int, int, int)) {
  auto* self = reinterpret_cast<GermanTokenizer*>(tokenizer);
  Forward fwd{ctx, token, self->stemmer};
  return self->base.xTokenize(self->base_instance, &fwd, flags, text, size, stemToken);
}

}  // namespace

bool registerGermanTokenizer(sqlite3* db) {
  fts5_api* api = fts5Api(db);
  if (!api || api->iVersion < 2) return false;
  fts5_tokenizer methods{create, destroy, tokenize};
  return api->xCreateTokenizer(api, "german_snowball", api, &methods, nullptr) == SQLITE_OK;
}

}  // namespace opgv::db::sqlite
