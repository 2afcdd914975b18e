-- Jinlin schema migration: 5, full-text search
-- Applied inside one transaction by jl-store-migrate.c; never edit a released
-- migration, add a new one.

-- tokens holds CJK bigrams and lowercased words (see jl-search-text.h), so
-- the unicode61 tokenizer finds Chinese substrings of any length.
CREATE VIRTUAL TABLE search_index USING fts5 (
  kind UNINDEXED,
  rec_id UNINDEXED,
  community_id UNINDEXED,
  title UNINDEXED,
  body UNINDEXED,
  tokens,
  tokenize = 'unicode61'
);

-- FTS5 cannot index rec_id, so keep the rowid of each record's document.
CREATE TABLE search_doc (
  rec_id TEXT PRIMARY KEY NOT NULL,
  fts_rowid INTEGER NOT NULL
) WITHOUT ROWID;
