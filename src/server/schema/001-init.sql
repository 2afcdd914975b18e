-- jinlin-server schema migration 1: accounts, devices, synced rows, the
-- conflict log. Applied in one transaction by jl-server-store-sqlite.c;
-- never edit a released migration, add a new one.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  pw_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'secretary', 'district')),
  district TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL
);

CREATE TABLE user_community (
  user_id INTEGER NOT NULL REFERENCES users (id),
  community_id TEXT NOT NULL,
  PRIMARY KEY (user_id, community_id)
) WITHOUT ROWID;

-- Only the SHA-256 of a device's token is kept.
CREATE TABLE devices (
  id TEXT PRIMARY KEY NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  name TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  revoked INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL DEFAULT 0,
  last_dseq INTEGER NOT NULL DEFAULT 0,
  skew_ms INTEGER NOT NULL DEFAULT 0,
  epoch INTEGER NOT NULL DEFAULT 0
);

-- The per-community sequence: every applied change and every conflict
-- entry takes the next number.
CREATE TABLE community (
  id TEXT PRIMARY KEY NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0,
  district TEXT
) WITHOUT ROWID;

-- One JSON document per row: {field: {value, ver, hlc, device, chlc}}.
CREATE TABLE rows (
  row_id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  community_id TEXT NOT NULL,
  row_seq INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  fields TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX rows_by_seq ON rows (community_id, row_seq);

-- Every change ever applied, so a retried push changes nothing twice.
CREATE TABLE applied_change (
  change_id TEXT PRIMARY KEY NOT NULL,
  device_id TEXT NOT NULL,
  dseq INTEGER NOT NULL,
  status TEXT NOT NULL,
  seq INTEGER NOT NULL,
  row_id TEXT,
  field TEXT
) WITHOUT ROWID;

-- The conflict log; syncs to every clerk of the community like data.
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('concurrent', 'edited_after_delete', 'rejected', 'frozen')),
  tbl TEXT,
  row_id TEXT,
  field TEXT,
  winner_value TEXT,
  winner_hlc INTEGER,
  winner_device TEXT,
  winner_user TEXT,
  loser_value TEXT,
  loser_hlc INTEGER,
  loser_device TEXT,
  loser_user TEXT,
  change_id TEXT,
  created_ms INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open'
) WITHOUT ROWID;
CREATE INDEX conflicts_by_seq ON conflicts (community_id, seq);
