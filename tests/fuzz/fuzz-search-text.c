/* fuzz-search-text.c: search tokens and MATCH expressions of arbitrary text
 *
 * The input is indexed with jl_search_text_index_tokens into an in-memory
 * FTS5 table like the store's, next to a few fixed documents, then
 * searched for with jl_search_text_match_expr. The query must never make
 * FTS5 fail, and a text always contains itself, so it must find its own
 * document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "fuzz-util.h"
#include "jl-search-text.h"

#define SELF_ROWID 1000

static sqlite3 *
open_index (void)
{
  static const char *const docs[] = {
    "加装电梯 老旧小区改造 停车难", "思明区税务局 党支部", "Party branch 2025 第一季度联席会议",
  };
  sqlite3 *db = NULL;

  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5 (tokens, tokenize = 'unicode61')",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_error ("fts5: %s", sqlite3_errmsg (db));
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autofree char *tokens = jl_search_text_index_tokens (docs[i]);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, "INSERT INTO t (rowid, tokens) VALUES (?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
        g_error ("prepare: %s", sqlite3_errmsg (db));
      sqlite3_bind_int (stmt, 1, (int) i + 1);
      sqlite3_bind_text (stmt, 2, tokens, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
    }
  return db;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static sqlite3 *db;
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *tokens = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found_self = FALSE;
  int rc;

  fuzz_init ();
  if (db == NULL)
    db = open_index ();

  tokens = jl_search_text_index_tokens (text);
  g_assert (tokens != NULL);
  match = jl_search_text_match_expr (text);
  if (match == NULL)
    return 0;

  if (sqlite3_prepare_v2 (db, "INSERT INTO t (rowid, tokens) VALUES (?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("prepare: %s", sqlite3_errmsg (db));
  sqlite3_bind_int (stmt, 1, SELF_ROWID);
  sqlite3_bind_text (stmt, 2, tokens, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("insert: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("prepare: %s", sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_int (stmt, 0) == SELF_ROWID)
      found_self = TRUE;
  if (rc != SQLITE_DONE)
    g_error ("MATCH %s for %s: %s", match, text, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (!found_self)
    g_error ("“%s” (MATCH %s) does not find itself (tokens %s)", text, match, tokens);

  if (sqlite3_exec (db, "DELETE FROM t WHERE rowid = 1000", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("delete: %s", sqlite3_errmsg (db));
  return 0;
}
