-- Jinlin schema migration: 8, sync checks: demo databases, pulled row sequence numbers
-- Applied inside one transaction by jl-store-migrate.c; never edit a released
-- migration, add a new one.

-- Set by the demo generator: an invented city must never reach a server.
ALTER TABLE sync_state ADD COLUMN holds_demo INTEGER NOT NULL DEFAULT 0;

-- Every row pulled from the server, with the sequence number it had then
-- and whether the server had it deleted. The end of a pull compares the
-- live rows here that this database really holds with the server's count
-- and hash, to notice rows lost or damaged locally (docs/sync-protocol.md,
-- "Divergence").
CREATE TABLE sync_row (
  row_id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_seq INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX sync_row_community ON sync_row (community_id, deleted);
