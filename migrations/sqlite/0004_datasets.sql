-- Datasets (issue 5): data of an organisation in the shape of a harmonised model (models/). Every
-- upload becomes a version; its rows are stored after the import profile ran and the model check
-- passed or the user chose to keep the valid rows. Rows are JSON arrays (one text per model field
-- as delivered, and the typed values), so one table serves every model on both engines.
CREATE TABLE import_profiles (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  model TEXT NOT NULL,
  resource TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (organisation_id, name)
);

-- Every saved mapping is a new version; a dataset version names the profile version it ran with.
CREATE TABLE import_profile_versions (
  profile_id INTEGER NOT NULL REFERENCES import_profiles(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  PRIMARY KEY (profile_id, version)
);

CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL,
  resource TEXT NOT NULL,
  current_version INTEGER,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX datasets_organisation ON datasets(organisation_id);

-- An uploaded file waiting for its mapping and import. Kept until the user decides (the mapping
-- may be corrected and run again), at most a week. Base64, because both engines store it as TEXT.
CREATE TABLE dataset_uploads (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  dataset_id INTEGER REFERENCES datasets(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  model TEXT NOT NULL,
  resource TEXT NOT NULL,
  filename TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  content_base64 TEXT NOT NULL,
  -- The start of the table as CSV text (at most 1 MiB or 5,000 rows), read once at upload: the
  -- mapping form infers columns and types from it without decoding the whole file again.
  sample_text TEXT NOT NULL,
  sample_complete INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE dataset_versions (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'review', 'imported', 'cancelled', 'discarded', 'failed')),
  upload_id INTEGER REFERENCES dataset_uploads(id) ON DELETE SET NULL,
  filename TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  profile_id INTEGER REFERENCES import_profiles(id) ON DELETE SET NULL,
  profile_version INTEGER,
  profile_document TEXT NOT NULL,
  rows_total BIGINT NOT NULL DEFAULT 0,
  rows_valid BIGINT NOT NULL DEFAULT 0,
  rows_invalid BIGINT NOT NULL DEFAULT 0,
  rejects_exact INTEGER NOT NULL DEFAULT 1,
  progress_percent INTEGER NOT NULL DEFAULT 0,
  phase TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  report TEXT,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL,
  finished_at BIGINT,
  PRIMARY KEY (dataset_id, version)
);

-- Row numbers are those of the model table the profile produced (header = row 1). `valid` = 0
-- rows are the rejects; they are kept with their errors and never shown as data.
CREATE TABLE dataset_rows (
  dataset_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  row_number BIGINT NOT NULL,
  valid INTEGER NOT NULL,
  cells TEXT NOT NULL,
  record TEXT NOT NULL,
  errors TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dataset_id, version, row_number),
  FOREIGN KEY (dataset_id, version) REFERENCES dataset_versions(dataset_id, version) ON DELETE CASCADE
);
CREATE INDEX dataset_rows_valid ON dataset_rows(dataset_id, version, valid, row_number);
