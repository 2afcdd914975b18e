-- Jinlin schema migration: 7, attachments (scanned signed minutes, photos)
-- Applied inside one transaction by jl-store-migrate.c; never edit a released
-- migration, add a new one.
--
-- The row syncs like any record; the bytes are a content-addressed blob in
-- the folder next to the database (jinlin.db.blobs/ab/abcdef…), named by
-- sha256 and moved separately (docs/sync-protocol.md, "Attachments").

CREATE TABLE attachment (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT,
  file_name TEXT,
  mime_type TEXT,
  size INTEGER,
  sha256 TEXT,
  note TEXT
);
CREATE INDEX attachment_community ON attachment (community_id, deleted);
CREATE INDEX attachment_meeting_id ON attachment (meeting_id);
CREATE INDEX attachment_sha256 ON attachment (sha256);
