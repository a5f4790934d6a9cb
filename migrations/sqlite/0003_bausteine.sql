-- Bausteine (issue 4): templates, checklists, playbooks, method cards, legal aids. Each Baustein is
-- one JSON document (front matter plus `body`); every change is a new row in baustein_versions and
-- `bausteine` carries the current one. The catalogue is small (hundreds), so filters run in memory
-- over the head rows; only the German full-text search needs an index.
CREATE TABLE bausteine (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  typ TEXT NOT NULL,
  title TEXT NOT NULL,
  document TEXT NOT NULL,
  source TEXT NOT NULL,  -- the file text (front matter + Markdown) the Redaktion edits
  version INTEGER NOT NULL,
  usage_count INTEGER NOT NULL DEFAULT 0,
  source_hash TEXT,
  edited_in_ui INTEGER NOT NULL DEFAULT 0,
  seed_conflict TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE baustein_versions (
  baustein_id INTEGER NOT NULL REFERENCES bausteine(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (baustein_id, version)
);

-- Same tokenizer as the use-case library: German stemming, umlaut and ß folding.
CREATE VIRTUAL TABLE baustein_fts USING fts5(title, zweck, body, tokenize = 'german_snowball');

CREATE TABLE merkliste (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  baustein_id INTEGER NOT NULL REFERENCES bausteine(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, baustein_id)
);

-- Ticked checklist items per user, as a JSON array of item numbers (projects will turn them into tasks).
CREATE TABLE checklist_progress (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  baustein_id INTEGER NOT NULL REFERENCES bausteine(id) ON DELETE CASCADE,
  checked TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, baustein_id)
);

-- The blank PDF of each version, made once by LibreOffice (a few seconds) and then served from
-- here; its size also goes into the download link (BITV: type and size in the link text). Base64,
-- because both engines store it as TEXT.
CREATE TABLE baustein_pdfs (
  baustein_id INTEGER NOT NULL REFERENCES bausteine(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  size_bytes BIGINT NOT NULL,
  pdf_base64 TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (baustein_id, version)
);
