/* jl-store-search.c: the full-text index and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jl-search-text.h"
#include "jl-store-private.h"

#define SNIPPET_CHARS 40

static gboolean
kind_is_searchable (const JlKind *kind)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & JL_FIELD_SEARCHABLE)
      return TRUE;
  return FALSE;
}

gboolean
_jl_store_unindex_record (JlStore     *self,
                          const char  *id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid = -1;
  int rc;

  if (self->schema_version < JL_STORE_SEARCH_VERSION)
    return TRUE;

  stmt = _jl_store_prepare (self, "SELECT fts_rowid FROM search_doc WHERE rec_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rowid < 0)
    return TRUE;

  stmt = _jl_store_prepare (self, "DELETE FROM search_index WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);

  stmt = _jl_store_prepare (self, "DELETE FROM search_doc WHERE rec_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* @is_new: the record was just created under a new random id, so it has
 * no document to replace yet. */
static gboolean
index_values (JlStore       *self,
              const JlKind  *kind,
              const char    *id,
              const char    *community_id,
              const char    *title,
              const char    *body,
              gboolean       is_new,
              GError       **error)
{
  g_autofree char *tokens = NULL;
  g_autofree char *all = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!is_new && !_jl_store_unindex_record (self, id, error))
    return FALSE;
  if (body == NULL || *body == '\0')
    return TRUE;

  all = g_strconcat (title ? title : "", "\n", body, NULL);
  tokens = jl_search_text_index_tokens (all);

  stmt = _jl_store_prepare (self,
                            "INSERT INTO search_index (kind, rec_id, community_id, title, body, tokens)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, community_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, tokens, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);

  stmt = _jl_store_prepare (self, "INSERT INTO search_doc (rec_id, fts_rowid) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, sqlite3_last_insert_rowid (self->db));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
index_record (JlStore   *self,
              JlRecord  *record,
              gboolean   is_new,
              GError   **error)
{
  const JlKind *kind = jl_record_get_kind (record);
  g_autoptr(GString) body = NULL;

  if (!kind_is_searchable (kind) || self->schema_version < JL_STORE_SEARCH_VERSION)
    return TRUE;

  body = g_string_new (NULL);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *text;

      if (!(kind->fields[i].flags & JL_FIELD_SEARCHABLE) || (kind->fields[i].flags & JL_FIELD_TITLE))
        continue;
      text = jl_record_get_string (record, kind->fields[i].name);
      if (text != NULL)
        g_string_append_printf (body, "%s%s", body->len ? "\n" : "", text);
    }
  return index_values (self, kind, jl_record_get_id (record), jl_record_get_community_id (record),
                       jl_record_get_title (record), body->len ? body->str : " ", is_new, error);
}

gboolean
_jl_store_index_record (JlStore   *self,
                        JlRecord  *record,
                        GError   **error)
{
  return index_record (self, record, FALSE, error);
}

gboolean
_jl_store_index_new_record (JlStore   *self,
                            JlRecord  *record,
                            GError   **error)
{
  return index_record (self, record, TRUE, error);
}

/* Rebuilds the index from the tables; used by the migration that added
 * search. Reads columns by name so it keeps working when later migrations
 * add columns. */
gboolean
_jl_store_reindex_all (JlStore  *self,
                       GError  **error)
{
  const JlKind *const *kinds;
  guint n_kinds;

  if (!_jl_store_exec (self, "DELETE FROM search_index; DELETE FROM search_doc;", error))
    return FALSE;

  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      const JlKind *kind = kinds[k];
      const JlField *title_field = jl_kind_title_field (kind);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;
      int rc;

      /* Run as a migration's last step, the tables of later migrations
       * do not exist yet; they come empty. */
      if (!kind_is_searchable (kind) ||
          sqlite3_table_column_metadata (self->db, NULL, kind->name, "id", NULL, NULL, NULL, NULL, NULL) != SQLITE_OK)
        continue;

      sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE deleted = 0", kind->name);
      rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        return _jl_store_set_sqlite_error (self, rc, error);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(GString) body = g_string_new (NULL);
          const char *id = NULL, *community_id = NULL, *title = NULL;
          int n_cols = sqlite3_column_count (stmt);

          for (int c = 0; c < n_cols; c++)
            {
              const char *col = sqlite3_column_name (stmt, c);
              const char *text = (const char *) sqlite3_column_text (stmt, c);
              const JlField *f = jl_kind_lookup_field (kind, col);

              if (strcmp (col, "id") == 0)
                id = text;
              else if (strcmp (col, "community_id") == 0)
                community_id = text;
              if (f == NULL || text == NULL)
                continue;
              if (f == title_field)
                title = text;
              else if (f->flags & JL_FIELD_SEARCHABLE)
                g_string_append_printf (body, "%s%s", body->len ? "\n" : "", text);
            }
          if (!index_values (self, kind, id, community_id, title ? title : id,
                             body->len ? body->str : " ", FALSE, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return _jl_store_set_sqlite_error (self, rc, error);
    }
  return TRUE;
}

void
jl_search_hit_free (JlSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->kind);
  g_free (hit->id);
  g_free (hit->community_id);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* The first word of @query: words are separated by white space of any
 * kind, full-width spaces included, and there may be some in front. */
static char *
first_word (const char *query)
{
  const char *start = query;
  const char *end;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start;
  while (*end != '\0' && !g_unichar_isspace (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  return g_strndup (start, end - start);
}

/* What snippets look for: the first word of the query, made once per
 * search. */
typedef struct
{
  char     *word;
  char     *folded_word;  /* NULL when @word is all Han */
} SnippetWord;

/* Whether @word is made of Han characters only. No character case-folds
 * into one, and they fold to themselves, so their first match in the text
 * as it is is the first match ignoring case. */
static gboolean
is_all_han (const char *word)
{
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) != G_UNICODE_SCRIPT_HAN)
      return FALSE;
  return TRUE;
}

static void
snippet_word_init (SnippetWord *w,
                   const char  *query)
{
  w->word = first_word (query);
  w->folded_word = is_all_han (w->word) ? NULL : g_utf8_casefold (w->word, -1);
}

static void
snippet_word_clear (SnippetWord *w)
{
  g_clear_pointer (&w->word, g_free);
  g_clear_pointer (&w->folded_word, g_free);
}

/* Where the first match of the word in @text starts, ignoring case; @text
 * itself when there is none. Chinese words are looked for as they are:
 * case-folding every hit's whole text was a seventh of a search
 * (bench-search). */
static const char *
find_match (const char        *text,
            const SnippetWord *w)
{
  g_autofree char *folded_text = NULL;
  const char *hit;
  glong at;

  if (*w->word == '\0')
    return text;
  if (w->folded_word == NULL)
    {
      hit = strstr (text, w->word);
      return hit ? hit : text;
    }

  folded_text = g_utf8_casefold (text, -1);
  hit = strstr (folded_text, w->folded_word);
  if (hit == NULL)
    return text;
  /* The same number of characters into @text: near enough when folding
   * changed the length (ß → ss). */
  at = g_utf8_pointer_to_offset (folded_text, hit);
  for (hit = text; at > 0 && *hit; at--)
    hit = g_utf8_next_char (hit);
  return hit;
}

/* Some characters of @text around the first match of the word, with "…"
 * where the text goes on; line breaks become spaces. */
static char *
make_snippet (const char        *text,
              const SnippetWord *w)
{
  const char *from = find_match (text, w);
  const char *to;
  char *out, *p;
  gsize len;

  for (guint i = 0; i < SNIPPET_CHARS / 2 && from > text; i++)
    from = g_utf8_prev_char (from);
  to = from;
  for (guint i = 0; i < SNIPPET_CHARS && *to; i++)
    to = g_utf8_next_char (to);

  len = (gsize) (to - from);
  p = out = g_malloc (len + 2 * strlen ("…") + 1);
  if (from != text)
    p = g_stpcpy (p, "…");
  memcpy (p, from, len);
  for (gsize i = 0; i < len; i++)
    if (p[i] == '\n')
      p[i] = ' ';
  p += len;
  *p = '\0';
  if (*to != '\0')
    g_stpcpy (p, "…");
  return out;
}

/**
 * jl_store_search:
 * @text: what the user typed; words separated by spaces must all occur
 * @kind: (nullable): only this kind
 * @community_id: (nullable): only this community
 * @limit: at most this many hits (0: 100)
 *
 * Finds records whose searchable text contains @text, newest first.
 *
 * Returns: (transfer full): a GPtrArray of JlSearchHit
 */
GPtrArray *
jl_store_search (JlStore     *self,
                 const char  *text,
                 const char  *kind,
                 const char  *community_id,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_search_hit_free);
  g_autofree char *match = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) all = g_string_sized_new (512);
  SnippetWord word;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  match = jl_search_text_match_expr (text);
  if (match == NULL)
    return g_steal_pointer (&hits);

  sql = g_string_new ("SELECT kind, rec_id, community_id, title, body FROM search_index"
                      " WHERE search_index MATCH ?1");
  if (kind != NULL)
    g_string_append (sql, " AND kind = ?2");
  if (community_id != NULL)
    g_string_append (sql, " AND community_id = ?3");
  g_string_append (sql, " ORDER BY rowid DESC LIMIT ?4");

  snippet_word_init (&word, text);
  g_rec_mutex_lock (&self->lock);
  /* Cached, like every statement of the store. */
  stmt = _jl_store_prepare (self, sql->str, NULL);
  rc = stmt != NULL ? SQLITE_OK : sqlite3_errcode (self->db);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      if (kind != NULL)
        sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      if (community_id != NULL)
        sqlite3_bind_text (stmt, 3, community_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, limit > 0 ? (int) limit : 100);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          JlSearchHit *hit = g_new0 (JlSearchHit, 1);
          const char *title = (const char *) sqlite3_column_text (stmt, 3);
          const char *body = (const char *) sqlite3_column_text (stmt, 4);

          hit->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          hit->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          hit->community_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          hit->title = g_strdup (title);
          g_string_truncate (all, 0);
          g_string_append (all, title ? title : "");
          g_string_append_c (all, ' ');
          g_string_append (all, body ? body : "");
          hit->snippet = make_snippet (all->str, &word);
          g_ptr_array_add (hits, hit);
        }
    }
  if (rc != SQLITE_DONE)
    _jl_store_set_sqlite_error (self, rc, error);
  /* A statement left running would hold a read transaction open. */
  if (stmt != NULL)
    sqlite3_reset (stmt);
  g_rec_mutex_unlock (&self->lock);
  snippet_word_clear (&word);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&hits);
}
