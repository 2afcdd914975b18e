/* jl-store-titles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jl-store-private.h"
#include "jl-store-titles.h"

JlTitle *
jl_title_new (const char *id,
              const char *title,
              const char *community_id)
{
  JlTitle *t = g_new0 (JlTitle, 1);

  t->id = g_strdup (id);
  t->title = g_strdup (title ? title : id);
  t->community_id = g_strdup (community_id);
  return t;
}

void
jl_title_free (JlTitle *title)
{
  if (title == NULL)
    return;
  g_free (title->id);
  g_free (title->title);
  g_free (title->community_id);
  g_free (title);
}

static const JlKind *
lookup_kind (const char  *name,
             GError     **error)
{
  const JlKind *kind = jl_schema_lookup (name);

  if (kind == NULL)
    g_set_error (error, JL_ERROR, JL_ERROR_UNKNOWN_KIND, _("Unknown record kind “%s”"),
                 name ? name : "");
  return kind;
}

/* SELECT id, community_id, <title> FROM kind WHERE deleted = 0 AND … */
static char *
titles_sql (const JlKind *kind,
            const char   *where)
{
  const JlField *title = jl_kind_title_field (kind);

  return g_strdup_printf ("SELECT id, community_id, %s%s%s FROM \"%s\" WHERE deleted = 0 AND %s",
                          title ? "\"" : "", title ? title->name : "NULL", title ? "\"" : "",
                          kind->name, where);
}

static JlTitle *
title_from_row (sqlite3_stmt *stmt)
{
  return jl_title_new ((const char *) sqlite3_column_text (stmt, 0),
                       (const char *) sqlite3_column_text (stmt, 2),
                       (const char *) sqlite3_column_text (stmt, 1));
}

/* Steps @stmt to the end, adding a title per row to @out. */
static gboolean
collect (JlStore       *self,
         sqlite3_stmt  *stmt,
         GPtrArray     *out,
         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, title_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/**
 * jl_store_list_titles:
 *
 * Returns: (transfer full): a GPtrArray of #JlTitle, or %NULL with @error set
 */
GPtrArray *
jl_store_list_titles (JlStore     *self,
                      const char  *kind_name,
                      const char  *community_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_title_free);
  g_autofree char *sql = NULL;
  const JlKind *kind;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);

  if (!(kind = lookup_kind (kind_name, error)))
    return NULL;
  sql = titles_sql (kind, community_id ? "community_id = ?1" : "1");

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self, sql, error);
  if (stmt != NULL && community_id != NULL)
    sqlite3_bind_text (stmt, 1, community_id, -1, SQLITE_TRANSIENT);
  ok = stmt != NULL && collect (self, stmt, out, error);
  g_rec_mutex_unlock (&self->lock);

  return ok ? g_steal_pointer (&out) : NULL;
}

/**
 * jl_store_get_titles:
 *
 * Returns: (transfer full): a GPtrArray of #JlTitle, or %NULL with @error set
 */
GPtrArray *
jl_store_get_titles (JlStore            *self,
                     const char         *kind_name,
                     const char * const *ids,
                     GError            **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_title_free);
  g_autofree char *sql = NULL;
  const JlKind *kind;
  gboolean ok = TRUE;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  if (!(kind = lookup_kind (kind_name, error)))
    return NULL;
  sql = titles_sql (kind, "id = ?1");

  /* One cached statement per id: each is a primary-key lookup. */
  g_rec_mutex_lock (&self->lock);
  for (guint i = 0; ok && ids[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = _jl_store_prepare (self, sql, error);

      if (stmt == NULL)
        ok = FALSE;
      else
        {
          sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_TRANSIENT);
          ok = collect (self, stmt, out, error);
        }
    }
  g_rec_mutex_unlock (&self->lock);

  return ok ? g_steal_pointer (&out) : NULL;
}
