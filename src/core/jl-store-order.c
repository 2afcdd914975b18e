/* jl-store-order.c: putting records of one parent in a new order
 *
 * The order lives in each record's "position" field. Moving one agenda item
 * up changes two positions, and both must land or neither: the writes go
 * through jl_store_put (so the usual checks apply, e.g. approved minutes
 * refuse a new position) inside one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-store-order.h"

/**
 * jl_store_set_order:
 * @self: a store
 * @kind: a kind with an integer "position" field
 * @ids: (array zero-terminated=1): ids of records of @kind, in the wanted
 *   order; normally all children of one parent
 * @error: return location for an error
 *
 * Numbers the records 1, 2, 3… in the order of @ids, writing only the
 * positions that change. Blocks on the disk: call it from a worker.
 *
 * Returns: whether the new order was stored; on failure nothing changed.
 */
gboolean
jl_store_set_order (JlStore           *self,
                    const char        *kind,
                    const char *const *ids,
                    GError           **error)
{
  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && ids != NULL, FALSE);

  if (!jl_store_begin (self, error))
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(JlRecord) record = jl_store_get (self, kind, ids[i], error);
      g_autoptr(JsonObject) fields = NULL;
      g_autoptr(JlRecord) stored = NULL;

      if (record == NULL)
        goto failed;
      if (jl_record_has_value (record, "position") && jl_record_get_int (record, "position", 0) == i + 1)
        continue;
      fields = json_object_new ();
      json_object_set_int_member (fields, "position", i + 1);
      stored = jl_store_put (self, kind, ids[i], fields, NULL, error);
      if (stored == NULL)
        goto failed;
    }
  return jl_store_commit (self, error);

failed:
  jl_store_rollback (self);
  return FALSE;
}
