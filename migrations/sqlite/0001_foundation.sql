-- Foundation: settings, accounts, sessions, tokens, Kommunen directory, organisations, mail outbox,
-- accessibility feedback. Times are Unix seconds (BIGINT) so both dialects agree.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  platform_role TEXT NOT NULL DEFAULT 'mitglied' CHECK (platform_role IN ('mitglied', 'redaktion', 'admin')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active')),
  created_at BIGINT NOT NULL,
  confirmed_at BIGINT
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE email_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX email_tokens_user ON email_tokens(user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE kommunen (
  ags TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  verwaltungstyp TEXT NOT NULL CHECK (verwaltungstyp IN ('kreisfreie_stadt', 'kreisangehoerige_stadt', 'gemeinde', 'landkreis')),
  bundesland TEXT NOT NULL,
  kreis_ags TEXT,
  einwohner BIGINT,
  plz TEXT,
  stand TEXT NOT NULL
);
CREATE INDEX kommunen_name ON kommunen(name_folded);
CREATE INDEX kommunen_plz ON kommunen(plz);

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('kommune', 'govtech', 'sonstige')),
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  ags TEXT UNIQUE REFERENCES kommunen(ags),
  website TEXT,
  description TEXT,
  contact TEXT,
  sonstige_art TEXT CHECK (sonstige_art IS NULL OR sonstige_art IN ('landesbehoerde', 'forschung', 'verband')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active')),
  is_example INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);

CREATE TABLE memberships (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('mitglied', 'org_admin')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'active')),
  created_at BIGINT NOT NULL,
  decided_at BIGINT,
  decided_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  UNIQUE (organisation_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE mails (
  id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  delivery TEXT NOT NULL CHECK (delivery IN ('log', 'smtp', 'failed'))
);

CREATE TABLE accessibility_feedback (
  id INTEGER PRIMARY KEY,
  name TEXT,
  email TEXT,
  message TEXT NOT NULL,
  page_url TEXT,
  created_at BIGINT NOT NULL,
  answer_due_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'offen' CHECK (status IN ('offen', 'beantwortet'))
);

-- What a user typed into a form that failed validation, kept for the redirect (Post/Redirect/Get)
-- so the next GET can show it again. Passwords are never stored here.
CREATE TABLE form_states (
  id TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
