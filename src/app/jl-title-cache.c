/* jl-title-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlTitleCache"

#include "config.h"

#include "jl-store-async.h"
#include "jl-title-cache.h"

/* Kinds that other records point to and whose names lists show. */
static const char *const cached_kinds[] = {
  "community", "party_org", "estate", "partner_unit", "person",
  "eval_template", "eval_round", "eval_target", "eval_criterion", "meeting", "agenda_item",
};

struct _JlTitleCache
{
  GObject     parent_instance;

  GHashTable *titles;     /* id → JlTitleEntry (owned) */
  GHashTable *kind_of;    /* id → interned kind */
  gboolean    loaded;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlTitleCache, jl_title_cache, G_TYPE_OBJECT)

static void
entry_free (JlTitleEntry *e)
{
  g_free (e->id);
  g_free (e->title);
  g_free (e->community_id);
  g_free (e);
}

static JlTitleEntry *
entry_new (JlRecord *record)
{
  JlTitleEntry *e = g_new0 (JlTitleEntry, 1);

  e->id = g_strdup (jl_record_get_id (record));
  e->title = g_strdup (jl_record_get_title (record));
  e->community_id = g_strdup (jl_record_get_community_id (record));
  return e;
}

static void
jl_title_cache_finalize (GObject *object)
{
  JlTitleCache *self = (JlTitleCache *) object;

  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->kind_of, g_hash_table_unref);
  G_OBJECT_CLASS (jl_title_cache_parent_class)->finalize (object);
}

static void
jl_title_cache_class_init (JlTitleCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jl_title_cache_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_title_cache_init (JlTitleCache *self)
{
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) entry_free);
  self->kind_of = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
insert (JlTitleCache *self,
        JlRecord     *record)
{
  JlTitleEntry *e = entry_new (record);

  /* kind_of borrows its keys from the entries: re-key it before replacing
   * the entry frees the old key. */
  g_hash_table_replace (self->kind_of, e->id, (gpointer) g_intern_string (jl_record_get_kind_name (record)));
  g_hash_table_replace (self->titles, e->id, e);
}

/* Runs on the worker: a plain array of arrays of records. */
static gpointer
load_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (cached_kinds); i++)
    {
      GPtrArray *records = jl_store_list (store, cached_kinds[i], NULL, error);

      if (records == NULL)
        {
          g_ptr_array_unref (all);
          return NULL;
        }
      g_ptr_array_add (all, records);
    }
  return all;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlTitleCache) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = jl_store_run_finish (JL_STORE (source), result, &error);

  if (all == NULL)
    {
      g_warning ("Could not load record names: %s", error->message);
      return;
    }
  for (guint i = 0; i < all->len; i++)
    {
      GPtrArray *records = all->pdata[i];

      for (guint j = 0; j < records->len; j++)
        insert (self, records->pdata[j]);
    }
  self->loaded = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

JlTitleCache *
jl_title_cache_get_for_store (JlStore *store)
{
  JlTitleCache *self;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "jl-title-cache");
  if (self != NULL)
    return self;

  self = g_object_new (JL_TYPE_TITLE_CACHE, NULL);
  g_object_set_data_full (G_OBJECT (store), "jl-title-cache", self, g_object_unref);
  jl_store_run_async (store, load_func, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                      NULL, loaded_cb, g_object_ref (self));
  return self;
}

const char *
jl_title_cache_lookup (JlTitleCache *self,
                       const char   *id)
{
  JlTitleEntry *e;

  g_return_val_if_fail (JL_IS_TITLE_CACHE (self), NULL);

  if (id == NULL)
    return NULL;
  e = g_hash_table_lookup (self->titles, id);
  return e ? e->title : NULL;
}

void
jl_title_cache_set (JlTitleCache *self,
                    JlRecord     *record)
{
  g_return_if_fail (JL_IS_TITLE_CACHE (self));

  if (jl_record_get_deleted (record))
    {
      g_hash_table_remove (self->kind_of, jl_record_get_id (record));
      g_hash_table_remove (self->titles, jl_record_get_id (record));
    }
  else
    insert (self, record);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
jl_title_cache_get_loaded (JlTitleCache *self)
{
  g_return_val_if_fail (JL_IS_TITLE_CACHE (self), FALSE);
  return self->loaded;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const JlTitleEntry *x = *(JlTitleEntry **) a;
  const JlTitleEntry *y = *(JlTitleEntry **) b;

  return g_utf8_collate (x->title, y->title);
}

GPtrArray *
jl_title_cache_list (JlTitleCache *self,
                     const char   *kind,
                     const char   *community_id)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  const char *interned = g_intern_string (kind);

  g_return_val_if_fail (JL_IS_TITLE_CACHE (self), out);

  g_hash_table_iter_init (&iter, self->titles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JlTitleEntry *e = value;

      if (g_hash_table_lookup (self->kind_of, key) != interned)
        continue;
      if (community_id != NULL && g_strcmp0 (e->community_id, community_id) != 0)
        continue;
      g_ptr_array_add (out, e);
    }
  g_ptr_array_sort (out, compare_entries);
  return out;
}
