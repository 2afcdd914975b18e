/* jl-store-async.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include "jl-store-async.h"

typedef struct
{
  JlStoreFunc     func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} RunData;

static void
run_data_free (RunData *run)
{
  if (run->data_free && run->data)
    run->data_free (run->data);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;
  result = run->func (JL_STORE (source), run->data, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, run->result_free);
}

void
jl_store_run_async (JlStore             *self,
                    JlStoreFunc          func,
                    gpointer             data,
                    GDestroyNotify       data_free,
                    GDestroyNotify       result_free,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (JL_IS_STORE (self));
  g_return_if_fail (func != NULL);

  run = g_new0 (RunData, 1);
  run->func = func;
  run->data = data;
  run->data_free = data_free;
  run->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jl_store_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

gpointer
jl_store_run_finish (JlStore       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* put */

typedef struct
{
  char       *kind;
  char       *id;
  JsonObject *fields;
} PutData;

typedef struct
{
  JlRecord  *record;
  GPtrArray *warnings;
} PutResult;

static void
put_data_free (PutData *put)
{
  g_free (put->kind);
  g_free (put->id);
  g_clear_pointer (&put->fields, json_object_unref);
  g_free (put);
}

static void
put_result_free (PutResult *result)
{
  g_clear_object (&result->record);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

static gpointer
put_func (JlStore   *store,
          gpointer   data,
          GError   **error)
{
  PutData *put = data;
  g_autoptr(GPtrArray) warnings = NULL;
  JlRecord *record = jl_store_put (store, put->kind, put->id, put->fields, &warnings, error);
  PutResult *result;

  if (record == NULL)
    return NULL;
  result = g_new0 (PutResult, 1);
  result->record = record;
  result->warnings = g_steal_pointer (&warnings);
  return result;
}

void
jl_store_put_async (JlStore             *self,
                    const char          *kind,
                    const char          *id,
                    JsonObject          *fields,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  PutData *put = g_new0 (PutData, 1);
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  /* The worker gets its own deep copy: JsonObject is not thread-safe. */
  json_node_set_object (node, fields);
  copy = json_node_copy (node);
  put->kind = g_strdup (kind);
  put->id = g_strdup (id);
  put->fields = json_object_ref (json_node_get_object (copy));
  jl_store_run_async (self, put_func, put, (GDestroyNotify) put_data_free,
                      (GDestroyNotify) put_result_free, cancellable, callback, user_data);
}

JlRecord *
jl_store_put_finish (JlStore       *self,
                     GAsyncResult  *result,
                     GPtrArray    **warnings,
                     GError       **error)
{
  PutResult *put = jl_store_run_finish (self, result, error);
  JlRecord *record;

  if (put == NULL)
    return NULL;
  record = g_steal_pointer (&put->record);
  if (warnings != NULL)
    *warnings = g_steal_pointer (&put->warnings);
  put_result_free (put);
  return record;
}

/* delete and get */

typedef struct
{
  char *kind;
  char *id;
} KindId;

static void
kind_id_free (KindId *k)
{
  g_free (k->kind);
  g_free (k->id);
  g_free (k);
}

static KindId *
kind_id_new (const char *kind,
             const char *id)
{
  KindId *k = g_new0 (KindId, 1);

  k->kind = g_strdup (kind);
  k->id = g_strdup (id);
  return k;
}

static gpointer
delete_func (JlStore   *store,
             gpointer   data,
             GError   **error)
{
  KindId *k = data;

  if (!jl_store_delete (store, k->kind, k->id, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

void
jl_store_delete_async (JlStore             *self,
                       const char          *kind,
                       const char          *id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  jl_store_run_async (self, delete_func, kind_id_new (kind, id), (GDestroyNotify) kind_id_free,
                      NULL, cancellable, callback, user_data);
}

gboolean
jl_store_delete_finish (JlStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return jl_store_run_finish (self, result, error) != NULL;
}

static gpointer
get_func (JlStore   *store,
          gpointer   data,
          GError   **error)
{
  KindId *k = data;

  return jl_store_get (store, k->kind, k->id, error);
}

void
jl_store_get_async (JlStore             *self,
                    const char          *kind,
                    const char          *id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  jl_store_run_async (self, get_func, kind_id_new (kind, id), (GDestroyNotify) kind_id_free,
                      g_object_unref, cancellable, callback, user_data);
}

JlRecord *
jl_store_get_finish (JlStore       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  return jl_store_run_finish (self, result, error);
}

/* open */

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  JlStore *store = jl_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
jl_store_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, jl_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

JlStore *
jl_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
