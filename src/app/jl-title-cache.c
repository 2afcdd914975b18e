/* jl-title-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlTitleCache"

#include "config.h"

#include "jl-store-async.h"
#include "jl-title-cache.h"

/* Ids asked for while a batch is being fetched wait for the next one; a
 * batch this large is split so that one fetch never holds the store long. */
#define MAX_BATCH 2000

typedef enum {
  SCOPE_LOADING = 1,
  SCOPE_LOADED,
} ScopeState;

struct _JlTitleCache
{
  GObject     parent_instance;

  JlStore    *store;      /* unowned: the store owns the cache */
  GHashTable *titles;     /* id → JlTitle (owned) */
  GHashTable *kind_of;    /* id → interned kind */
  GHashTable *scopes;     /* "kind" or "kind/community" → ScopeState */
  GHashTable *asked;      /* ids fetched or being fetched, found or not */
  GHashTable *wanted;     /* interned kind → GPtrArray of ids for the next batch */
  guint       flush_source;
  guint       in_flight;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlTitleCache, jl_title_cache, G_TYPE_OBJECT)

static void
jl_title_cache_finalize (GObject *object)
{
  JlTitleCache *self = (JlTitleCache *) object;

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->kind_of, g_hash_table_unref);
  g_clear_pointer (&self->scopes, g_hash_table_unref);
  g_clear_pointer (&self->asked, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  G_OBJECT_CLASS (jl_title_cache_parent_class)->finalize (object);
}

static void
jl_title_cache_class_init (JlTitleCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jl_title_cache_finalize;

  /**
   * JlTitleCache::changed:
   *
   * Names arrived or changed; the detail is the kind ("changed::person").
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_title_cache_init (JlTitleCache *self)
{
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) jl_title_free);
  self->kind_of = g_hash_table_new (g_str_hash, g_str_equal);
  self->scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->wanted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
}

static void
emit_changed (JlTitleCache *self,
              const char   *kind)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (kind));
}

static void
insert (JlTitleCache *self,
        const char   *kind,
        JlTitle      *title)
{
  /* kind_of borrows its keys from the entries: re-key it before replacing
   * the entry frees the old key. */
  g_hash_table_replace (self->kind_of, title->id, (gpointer) g_intern_string (kind));
  g_hash_table_replace (self->titles, title->id, title);
}

/* Moves the titles of a fetch into the cache. */
static void
take_titles (JlTitleCache *self,
             const char   *kind,
             GPtrArray    *titles)
{
  for (guint i = 0; i < titles->len; i++)
    insert (self, kind, g_steal_pointer (&titles->pdata[i]));
  g_ptr_array_set_size (titles, 0);
}

static char *
scope_key (const char *kind,
           const char *community_id)
{
  return community_id ? g_strconcat (kind, "/", community_id, NULL) : g_strdup (kind);
}

static ScopeState
scope_state (JlTitleCache *self,
             const char   *kind,
             const char   *community_id)
{
  g_autofree char *key = scope_key (kind, community_id);
  ScopeState all = GPOINTER_TO_INT (g_hash_table_lookup (self->scopes, kind));

  /* Every name of the kind covers each community. */
  if (all == SCOPE_LOADED || community_id == NULL)
    return all;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->scopes, key));
}

/* Batches of ids
 */

typedef struct
{
  const char *kind;    /* interned */
  GPtrArray  *ids;     /* NULL-terminated char* */
  GPtrArray  *titles;  /* filled on the worker */
} Batch;

static void
batch_free (Batch *b)
{
  g_clear_pointer (&b->ids, g_ptr_array_unref);
  g_clear_pointer (&b->titles, g_ptr_array_unref);
  g_free (b);
}

static gpointer
fetch_batches_func (JlStore   *store,
                    gpointer   data,
                    GError   **error)
{
  GPtrArray *batches = data;

  for (guint i = 0; i < batches->len; i++)
    {
      Batch *b = batches->pdata[i];

      b->titles = jl_store_get_titles (store, b->kind, (const char *const *) b->ids->pdata, error);
      if (b->titles == NULL)
        return NULL;
    }
  return g_ptr_array_ref (batches);
}

static void
batches_fetched_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(JlTitleCache) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = jl_store_run_finish (JL_STORE (source), result, &error);

  self->in_flight--;
  if (batches == NULL)
    {
      /* The ids stay asked: a broken database would fail again at once. */
      g_warning ("Could not load record names: %s", error->message);
      return;
    }
  for (guint i = 0; i < batches->len; i++)
    {
      Batch *b = batches->pdata[i];

      take_titles (self, b->kind, b->titles);
    }
  for (guint i = 0; i < batches->len; i++)
    emit_changed (self, ((Batch *) batches->pdata[i])->kind);
}

static gboolean
flush_cb (gpointer data)
{
  JlTitleCache *self = data;
  GPtrArray *batches = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_free);
  GHashTableIter iter;
  gpointer kind, ids;

  self->flush_source = 0;
  g_hash_table_iter_init (&iter, self->wanted);
  while (g_hash_table_iter_next (&iter, &kind, &ids))
    {
      GPtrArray *all = ids;

      for (guint start = 0; start < all->len; start += MAX_BATCH)
        {
          Batch *b = g_new0 (Batch, 1);

          b->kind = kind;
          b->ids = g_ptr_array_new_with_free_func (g_free);
          for (guint i = start; i < all->len && i < start + MAX_BATCH; i++)
            g_ptr_array_add (b->ids, g_strdup (all->pdata[i]));
          g_ptr_array_add (b->ids, NULL);
          g_ptr_array_add (batches, b);
        }
    }
  g_hash_table_remove_all (self->wanted);

  if (self->store == NULL || batches->len == 0)
    {
      g_ptr_array_unref (batches);
      return G_SOURCE_REMOVE;
    }
  self->in_flight++;
  jl_store_run_async (self->store, fetch_batches_func, batches, (GDestroyNotify) g_ptr_array_unref,
                      (GDestroyNotify) g_ptr_array_unref, NULL, batches_fetched_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Queues @id for the next batch, once. */
static void
want (JlTitleCache *self,
      const char   *kind,
      const char   *id)
{
  const char *interned;
  GPtrArray *ids;
  char *owned;

  if (kind == NULL || self->store == NULL || g_hash_table_contains (self->asked, id))
    return;
  /* All names of the kind are here or coming: an unknown id is not there. */
  if (scope_state (self, kind, NULL) != 0)
    return;

  interned = g_intern_string (kind);
  owned = g_strdup (id);
  g_hash_table_add (self->asked, owned);
  ids = g_hash_table_lookup (self->wanted, interned);
  if (ids == NULL)
    {
      ids = g_ptr_array_new ();
      g_hash_table_insert (self->wanted, (gpointer) interned, ids);
    }
  /* The asked set owns the string, and never drops it. */
  g_ptr_array_add (ids, owned);
  if (self->flush_source == 0)
    self->flush_source = g_idle_add (flush_cb, self);
}

/* Whole kinds or communities
 */

typedef struct
{
  char *kind;
  char *community_id;
} Scope;

static void
scope_free (Scope *s)
{
  g_free (s->kind);
  g_free (s->community_id);
  g_free (s);
}

static gpointer
fetch_scope_func (JlStore   *store,
                  gpointer   data,
                  GError   **error)
{
  Scope *s = data;

  return jl_store_list_titles (store, s->kind, s->community_id, error);
}

typedef struct
{
  JlTitleCache *self;
  char         *key;
  const char   *kind;   /* interned */
} ScopeLoad;

static void
scope_fetched_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ScopeLoad *load = user_data;
  g_autoptr(JlTitleCache) self = load->self;
  g_autofree char *key = load->key;
  const char *kind = load->kind;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = jl_store_run_finish (JL_STORE (source), result, &error);

  g_free (load);
  self->in_flight--;
  if (titles == NULL)
    {
      g_warning ("Could not load the names of %s: %s", key, error->message);
      g_hash_table_remove (self->scopes, key);
      return;
    }
  take_titles (self, kind, titles);
  g_hash_table_replace (self->scopes, g_steal_pointer (&key), GINT_TO_POINTER (SCOPE_LOADED));
  emit_changed (self, kind);
}

static void
load_scope (JlTitleCache *self,
            const char   *kind,
            const char   *community_id)
{
  Scope *s;
  ScopeLoad *load;

  if (self->store == NULL || scope_state (self, kind, community_id) != 0)
    return;

  s = g_new0 (Scope, 1);
  s->kind = g_strdup (kind);
  s->community_id = g_strdup (community_id);
  load = g_new0 (ScopeLoad, 1);
  load->self = g_object_ref (self);
  load->key = scope_key (kind, community_id);
  load->kind = g_intern_string (kind);
  g_hash_table_replace (self->scopes, g_strdup (load->key), GINT_TO_POINTER (SCOPE_LOADING));

  self->in_flight++;
  jl_store_run_async (self->store, fetch_scope_func, s, (GDestroyNotify) scope_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL, scope_fetched_cb, load);
}

/* API
 */

JlTitleCache *
jl_title_cache_get_for_store (JlStore *store)
{
  JlTitleCache *self;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "jl-title-cache");
  if (self != NULL)
    return self;

  self = g_object_new (JL_TYPE_TITLE_CACHE, NULL);
  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  g_object_set_data_full (G_OBJECT (store), "jl-title-cache", self, g_object_unref);
  return self;
}

const JlTitleEntry *
jl_title_cache_lookup_entry (JlTitleCache *self,
                             const char   *kind,
                             const char   *id)
{
  JlTitle *title;

  g_return_val_if_fail (JL_IS_TITLE_CACHE (self), NULL);

  if (id == NULL)
    return NULL;
  title = g_hash_table_lookup (self->titles, id);
  if (title == NULL)
    want (self, kind, id);
  return title;
}

const char *
jl_title_cache_lookup (JlTitleCache *self,
                       const char   *kind,
                       const char   *id)
{
  const JlTitleEntry *e = jl_title_cache_lookup_entry (self, kind, id);

  return e ? e->title : NULL;
}

void
jl_title_cache_set (JlTitleCache *self,
                    JlRecord     *record)
{
  const char *kind;

  g_return_if_fail (JL_IS_TITLE_CACHE (self));

  kind = jl_record_get_kind_name (record);
  if (jl_record_get_deleted (record))
    {
      g_hash_table_remove (self->kind_of, jl_record_get_id (record));
      g_hash_table_remove (self->titles, jl_record_get_id (record));
    }
  else
    insert (self, kind, jl_title_new (jl_record_get_id (record), jl_record_get_title (record),
                                      jl_record_get_community_id (record)));
  emit_changed (self, kind);
}

gboolean
jl_title_cache_get_loaded (JlTitleCache *self)
{
  g_return_val_if_fail (JL_IS_TITLE_CACHE (self), FALSE);
  return self->in_flight == 0 && self->flush_source == 0;
}

gboolean
jl_title_cache_has_list (JlTitleCache *self,
                         const char   *kind,
                         const char   *community_id)
{
  g_return_val_if_fail (JL_IS_TITLE_CACHE (self), FALSE);
  return scope_state (self, kind, community_id) == SCOPE_LOADED;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const JlTitle *x = *(JlTitle **) a;
  const JlTitle *y = *(JlTitle **) b;

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

  load_scope (self, kind, community_id);

  g_hash_table_iter_init (&iter, self->titles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JlTitle *e = value;

      if (g_hash_table_lookup (self->kind_of, key) != interned)
        continue;
      if (community_id != NULL && g_strcmp0 (e->community_id, community_id) != 0)
        continue;
      g_ptr_array_add (out, e);
    }
  g_ptr_array_sort (out, compare_entries);
  return out;
}
