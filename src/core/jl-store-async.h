/* jl-store-async.h: the store's blocking calls, run on a worker thread
 *
 * What the UI uses: every call runs on a GTask thread and reports back on
 * the caller's main context, so the main loop never waits for the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-store.h"

G_BEGIN_DECLS

/* Runs on the worker; returns a new reference or pointer (owned by the
 * caller of _finish) or NULL with @error set. */
typedef gpointer (*JlStoreFunc) (JlStore   *store,
                                 gpointer   data,
                                 GError   **error);

void      jl_store_run_async    (JlStore             *self,
                                 JlStoreFunc          func,
                                 gpointer             data,
                                 GDestroyNotify       data_free,
                                 GDestroyNotify       result_free,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
gpointer  jl_store_run_finish   (JlStore             *self,
                                 GAsyncResult        *result,
                                 GError             **error);

/* jl_store_put on a worker. _finish returns the stored record and, if
 * @warnings is not NULL, the warnings (GPtrArray of char*). */
void      jl_store_put_async    (JlStore             *self,
                                 const char          *kind,
                                 const char          *id,
                                 JsonObject          *fields,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
JlRecord *jl_store_put_finish   (JlStore             *self,
                                 GAsyncResult        *result,
                                 GPtrArray          **warnings,
                                 GError             **error);

void      jl_store_delete_async (JlStore             *self,
                                 const char          *kind,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
gboolean  jl_store_delete_finish (JlStore            *self,
                                  GAsyncResult       *result,
                                  GError            **error);

void      jl_store_get_async    (JlStore             *self,
                                 const char          *kind,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
JlRecord *jl_store_get_finish   (JlStore             *self,
                                 GAsyncResult        *result,
                                 GError             **error);

/* Opens a store on a worker (opening may migrate a large database). */
void      jl_store_open_async   (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
JlStore  *jl_store_open_finish  (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
