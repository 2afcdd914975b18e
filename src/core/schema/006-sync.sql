-- Jinlin schema migration: 6, the sync client's bookkeeping
-- Applied inside one transaction by jl-store-migrate.c; never edit a released
-- migration, add a new one.

-- The account this database syncs as. The device token itself is not here
-- but in a 0600 file next to the database (later: the keyring).
CREATE TABLE sync_account (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT NOT NULL,
  user_name TEXT NOT NULL,
  remote_device_id TEXT NOT NULL,
  role TEXT NOT NULL,
  communities TEXT NOT NULL DEFAULT '[]',
  logged_in_at TEXT NOT NULL,
  last_sync_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  skew_ms INTEGER NOT NULL DEFAULT 0
);

-- Per community: everything up to after_seq is applied. Moved in the same
-- transaction as the page it follows.
CREATE TABLE sync_cursor (
  community_id TEXT PRIMARY KEY NOT NULL,
  after_seq INTEGER NOT NULL DEFAULT 0,
  pulled_at_ms INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The conflict log as pulled from the server: every overwritten,
-- quarantined or rejected value, for review and one-click restore.
CREATE TABLE sync_conflict (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT NOT NULL,
  row_seq INTEGER NOT NULL,
  conflict_kind TEXT NOT NULL,
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
  created_ms INTEGER,
  status TEXT NOT NULL DEFAULT 'open'
);
CREATE INDEX sync_conflict_community ON sync_conflict (community_id, status);
CREATE INDEX sync_conflict_row ON sync_conflict (row_id);

-- Pulled values this version cannot store in its tables (a kind or field
-- of a newer version, or a value it cannot read): kept verbatim, never
-- dropped, for a later version to take up.
CREATE TABLE sync_remote (
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  tbl TEXT NOT NULL,
  community_id TEXT,
  value TEXT,
  ver INTEGER NOT NULL DEFAULT 0,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  PRIMARY KEY (row_id, field)
) WITHOUT ROWID;

-- Pushes look for entries in flight (batch set) and pulls for entries of
-- one row.
CREATE INDEX outbox_row ON outbox (row_id, field);
