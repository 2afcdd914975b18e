/* jl-record-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlRecordList"

#include "config.h"

#include <string.h>

#include "jl-record-list.h"

#define DEFAULT_PAGE_SIZE 1000

struct _JlRecordList
{
  GObject       parent_instance;

  JlStore      *store;
  char         *kind;
  GPtrArray    *items;
  GMainContext *context;

  /* The query, owned copies of its strings. */
  JlQuery       query;
  GPtrArray    *query_strings;
  char         *search;

  guint         page_size;
  guint         generation;  /* bumped on reload; stale pages are dropped */
  gboolean      loading;
  gboolean      paused;      /* nobody looks: reloads wait */
  gboolean      stale;       /* a reload waits for the pause to end */
  GError       *error;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlRecordList, jl_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* One page travelling from the worker to the main context. */
typedef struct
{
  JlRecordList *self;       /* strong ref */
  guint         generation;
  GPtrArray    *records;    /* NULL on the final message */
  gboolean      done;
  GError       *error;
} Page;

typedef struct
{
  JlRecordList *self;
  JlStore      *store;
  char         *kind;
  JlQuery       query;
  GPtrArray    *strings;
  char         *search;
  guint         page_size;
  guint         generation;
} LoadJob;

static void
page_free (Page *page)
{
  g_clear_object (&page->self);
  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_clear_error (&page->error);
  g_free (page);
}

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->store);
  g_free (job->kind);
  g_clear_pointer (&job->strings, g_ptr_array_unref);
  g_free (job->search);
  g_free (job);
}

static void
set_loading (JlRecordList *self,
             gboolean      loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
deliver_page (gpointer data)
{
  Page *page = data;
  JlRecordList *self = page->self;

  if (page->generation != self->generation)
    return G_SOURCE_REMOVE;

  if (page->records != NULL && page->records->len > 0)
    {
      guint position = self->items->len;
      guint n = page->records->len;

      g_ptr_array_extend_and_steal (self->items, g_steal_pointer (&page->records));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  if (page->done)
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&page->error);
      if (self->error != NULL)
        g_warning ("Loading %s failed: %s", self->kind, self->error->message);
      set_loading (self, FALSE);
      g_signal_emit (self, signals[LOADED], 0);
    }
  return G_SOURCE_REMOVE;
}

static void
send_page (LoadJob   *job,
           GPtrArray *records,
           gboolean   done,
           GError    *error)
{
  Page *page = g_new0 (Page, 1);
  GSource *source;

  page->self = g_object_ref (job->self);
  page->generation = job->generation;
  page->records = records;
  page->done = done;
  page->error = error;
  /* Always through a source: g_main_context_invoke() would run
   * deliver_page right here, on the worker, whenever no thread holds the
   * context at that moment (tests iterating by hand do not), and the
   * list's views would then be changed from the wrong thread. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_page, page, (GDestroyNotify) page_free);
  g_source_set_static_name (source, "[jinlin] record list page");
  g_source_attach (source, job->self->context);
  g_source_unref (source);
}

/* A worker fetches a page only while its generation is current. */
static gboolean
still_current (LoadJob *job)
{
  return g_atomic_int_get ((gint *) &job->self->generation) == (gint) job->generation;
}

static void
load_search (LoadJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = jl_store_search (job->store, job->search, job->kind,
                                               job->query.community_id, 5000, &error);
  GPtrArray *records;

  if (hits == NULL)
    {
      send_page (job, NULL, TRUE, g_steal_pointer (&error));
      return;
    }
  records = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < hits->len && still_current (job); i++)
    {
      JlSearchHit *hit = hits->pdata[i];
      JlRecord *record = jl_store_get (job->store, job->kind, hit->id, NULL);

      if (record != NULL)
        g_ptr_array_add (records, record);
    }
  send_page (job, records, TRUE, NULL);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  LoadJob *job = data;
  guint offset = 0;

  if (job->search != NULL)
    {
      load_search (job);
      return;
    }

  while (still_current (job))
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *records;
      gboolean last;

      job->query.limit = job->page_size;
      job->query.offset = offset;
      records = jl_store_list (job->store, job->kind, &job->query, &error);
      if (records == NULL)
        {
          send_page (job, NULL, TRUE, g_steal_pointer (&error));
          return;
        }
      last = records->len < job->page_size;
      offset += records->len;
      send_page (job, records, last, NULL);
      if (last)
        return;
    }
}

void
jl_record_list_reload (JlRecordList *self)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;
  guint removed;

  g_return_if_fail (JL_IS_RECORD_LIST (self));

  g_atomic_int_inc ((gint *) &self->generation);
  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  set_loading (self, TRUE);
  if (self->paused)
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  job = g_new0 (LoadJob, 1);
  job->self = g_object_ref (self);
  job->store = g_object_ref (self->store);
  job->kind = g_strdup (self->kind);
  job->query = self->query;
  job->strings = g_ptr_array_ref (self->query_strings);
  job->search = g_strdup (self->search);
  job->page_size = self->page_size;
  job->generation = self->generation;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, jl_record_list_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

static char *
keep (JlRecordList *self,
      const char   *s)
{
  char *copy = g_strdup (s);

  if (copy != NULL)
    g_ptr_array_add (self->query_strings, copy);
  return copy;
}

void
jl_record_list_set_query (JlRecordList  *self,
                          const JlQuery *query)
{
  g_return_if_fail (JL_IS_RECORD_LIST (self));

  /* Jobs in flight hold a reference to the old strings. */
  g_ptr_array_unref (self->query_strings);
  self->query_strings = g_ptr_array_new_with_free_func (g_free);
  memset (&self->query, 0, sizeof self->query);
  if (query != NULL)
    {
      self->query = *query;
      self->query.community_id = keep (self, query->community_id);
      self->query.order_by = keep (self, query->order_by);
      for (guint i = 0; i < G_N_ELEMENTS (query->filters); i++)
        {
          self->query.filters[i].field = keep (self, query->filters[i].field);
          self->query.filters[i].value = keep (self, query->filters[i].value);
        }
    }
  jl_record_list_reload (self);
}

void
jl_record_list_set_search (JlRecordList *self,
                           const char   *text)
{
  g_return_if_fail (JL_IS_RECORD_LIST (self));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = g_strdup (text);
  jl_record_list_reload (self);
}

void
jl_record_list_set_page_size (JlRecordList *self,
                              guint         page_size)
{
  g_return_if_fail (JL_IS_RECORD_LIST (self));
  self->page_size = MAX (1, page_size);
}

void
jl_record_list_set_paused (JlRecordList *self,
                           gboolean      paused)
{
  g_return_if_fail (JL_IS_RECORD_LIST (self));

  self->paused = paused;
  if (!paused && self->stale)
    jl_record_list_reload (self);
}

const char *
jl_record_list_get_kind (JlRecordList *self)
{
  g_return_val_if_fail (JL_IS_RECORD_LIST (self), NULL);
  return self->kind;
}

gboolean
jl_record_list_get_loading (JlRecordList *self)
{
  g_return_val_if_fail (JL_IS_RECORD_LIST (self), FALSE);
  return self->loading;
}

const GError *
jl_record_list_get_error (JlRecordList *self)
{
  g_return_val_if_fail (JL_IS_RECORD_LIST (self), NULL);
  return self->error;
}

static GType
get_item_type (GListModel *model)
{
  return JL_TYPE_RECORD;
}

static guint
get_n_items (GListModel *model)
{
  return JL_RECORD_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  JlRecordList *self = JL_RECORD_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (self->items->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
jl_record_list_finalize (GObject *object)
{
  JlRecordList *self = (JlRecordList *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->query_strings, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (jl_record_list_parent_class)->finalize (object);
}

static void
jl_record_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JlRecordList *self = JL_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jl_record_list_class_init (JlRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jl_record_list_finalize;
  object_class->get_property = jl_record_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JlRecordList::loaded:
   *
   * Emitted on the main context when a (re)load has finished, with or
   * without an error.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_record_list_init (JlRecordList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->query_strings = g_ptr_array_new_with_free_func (g_free);
  self->page_size = DEFAULT_PAGE_SIZE;
}

/**
 * jl_record_list_new:
 *
 * Creates an empty list bound to the calling thread's main context; call
 * jl_record_list_set_query() or jl_record_list_reload() to load it.
 */
JlRecordList *
jl_record_list_new (JlStore    *store,
                    const char *kind)
{
  JlRecordList *self;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (jl_schema_lookup (kind) != NULL, NULL);

  self = g_object_new (JL_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->kind = g_strdup (kind);
  self->context = g_main_context_ref_thread_default ();
  return self;
}
