-- jinlin-server schema migration 2: finding the attachment rows that name a
-- blob, for the blob endpoints' per-community check. Applied in one
-- transaction by jl-server-store-sqlite.c; never edit a released
-- migration, add a new one.

CREATE INDEX rows_attachment_sha256 ON rows (json_extract (fields, '$.sha256.value'))
  WHERE kind = 'attachment';
