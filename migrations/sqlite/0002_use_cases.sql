-- Use-Case-Bibliothek (issue 3). A use case has one working copy (`use_case_drafts`, what authors edit and
-- the Redaktion reviews) and a list of published versions. Listing, search and facets always read
-- the latest published version, so editing a published case never hides it.
CREATE TABLE use_cases (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  origin TEXT NOT NULL CHECK (origin IN ('repo', 'ui')),
  state TEXT NOT NULL CHECK (state IN ('entwurf', 'in_pruefung', 'veroeffentlicht', 'archiviert')),
  draft_updated_at BIGINT NOT NULL,
  owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
  published_version INTEGER,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  published_at BIGINT,
  last_reviewed TEXT,
  replication_count INTEGER NOT NULL DEFAULT 0,
  interest_count INTEGER NOT NULL DEFAULT 0,
  listed INTEGER NOT NULL DEFAULT 0,
  source_hash TEXT,
  seed_conflict TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX use_cases_listed_new ON use_cases(listed, published_at);
CREATE INDEX use_cases_state ON use_cases(state);
CREATE INDEX use_cases_owner ON use_cases(owner_id);

-- The working copy lives apart from the listing columns: search and listing read use_cases row
-- by row, and a large document in the same row would be read along (SQLite overflow pages).
CREATE TABLE use_case_drafts (
  use_case_id INTEGER PRIMARY KEY REFERENCES use_cases(id) ON DELETE CASCADE,
  document TEXT NOT NULL
);

CREATE TABLE use_case_versions (
  use_case_id INTEGER NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  title TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  published_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (use_case_id, version)
);

-- One row per facet value of the published version (multi-valued facets have several rows), so
-- all facet counts come from one GROUP BY over the matching cases.
CREATE TABLE use_case_facets (
  use_case_id INTEGER NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (use_case_id, facet, value)
);
CREATE INDEX use_case_facets_value ON use_case_facets(facet, value, use_case_id);

CREATE TABLE use_case_comments (
  id INTEGER PRIMARY KEY,
  use_case_id INTEGER NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
  section TEXT NOT NULL,
  body TEXT NOT NULL,
  author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX use_case_comments_case ON use_case_comments(use_case_id, created_at);

CREATE TABLE use_case_interests (
  use_case_id INTEGER NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  public INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (use_case_id, organisation_id)
);

-- Search text of the published version; rowid = use_cases.id. Column weights are applied in the
-- ranking (bm25), the tokenizer folds umlauts and stems German.
-- Same definition as kCreateFtsSqlite in src/features/library/repository.cc (reindex recreates it).
CREATE VIRTUAL TABLE use_case_fts USING fts5(title, summary, body, tokenize = 'german_snowball');

-- Invalidates the in-memory facet index of every instance (src/features/library/facet_index.h).
INSERT INTO settings (key, value) VALUES ('library_generation', '0');
