/* jl-server-store.c: what every storage backend shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <string.h>

#include "jl-server-store.h"

void
jl_server_store_close (JlServerStore *self)
{
  if (self != NULL)
    self->vtable->close (self);
}

void
jl_server_user_free (JlServerUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->pw_hash);
  g_free (user->role);
  g_free (user->district);
  g_strfreev (user->communities);
  g_free (user);
}

void
jl_server_device_free (JlServerDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->user_name);
  g_free (device->name);
  g_free (device);
}

void
jl_server_row_free (JlServerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->row_id);
  g_free (row->kind);
  g_free (row->community_id);
  g_clear_pointer (&row->fields, json_object_unref);
  g_free (row);
}

void
jl_server_applied_free (JlServerApplied *applied)
{
  if (applied == NULL)
    return;
  g_free (applied->change_id);
  g_free (applied->device_id);
  g_free (applied->row_id);
  g_free (applied->field);
  g_free (applied);
}

void
jl_server_conflict_free (JlServerConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->community_id);
  g_free (c->kind);
  g_free (c->tbl);
  g_free (c->row_id);
  g_free (c->field);
  g_clear_pointer (&c->winner_value, json_node_unref);
  g_free (c->winner_device);
  g_free (c->winner_user);
  g_clear_pointer (&c->loser_value, json_node_unref);
  g_free (c->loser_device);
  g_free (c->loser_user);
  g_free (c->change_id);
  g_free (c->status);
  g_free (c);
}

JlSyncRow *
jl_server_row_to_sync (const JlServerRow *row)
{
  JlSyncRow *out = jl_sync_row_new (row->kind, row->row_id);
  g_autoptr(GList) names = json_object_get_members (row->fields);

  out->row_seq = row->row_seq;
  out->deleted = row->deleted;
  for (GList *l = names; l; l = l->next)
    {
      JsonObject *state = json_object_get_object_member (row->fields, l->data);
      JsonNode *value;

      if (state == NULL)
        continue;
      value = json_object_get_member (state, "value");
      g_ptr_array_add (out->fields,
                       jl_sync_field_new (l->data, value ? json_node_copy (value) : NULL,
                                          json_object_get_int_member_with_default (state, "ver", 0),
                                          (JlHlc) json_object_get_int_member_with_default (state, "hlc", 0),
                                          json_object_get_string_member_with_default (state, "device", "")));
    }
  return out;
}

static void
add_text (JlSyncRow  *row,
          const char *name,
          const char *text,
          gint64      seq)
{
  JsonNode *value = text ? json_node_init_string (json_node_alloc (), text) : NULL;

  g_ptr_array_add (row->fields, jl_sync_field_new (name, value, seq, 0, ""));
}

static void
add_int (JlSyncRow  *row,
         const char *name,
         gint64      number,
         gint64      seq)
{
  g_ptr_array_add (row->fields, jl_sync_field_new (name, json_node_init_int (json_node_alloc (), number),
                                                   seq, 0, ""));
}

static void
add_node (JlSyncRow  *row,
          const char *name,
          JsonNode   *node,
          gint64      seq)
{
  g_ptr_array_add (row->fields, jl_sync_field_new (name, node ? json_node_copy (node) : NULL, seq, 0, ""));
}

/* A conflict entry travels as a row of kind "sync_conflict". */
JlSyncRow *
jl_server_conflict_to_sync (const JlServerConflict *c)
{
  JlSyncRow *row = jl_sync_row_new ("sync_conflict", c->id);
  gint64 seq = c->seq;

  row->row_seq = seq;
  add_text (row, "conflict_kind", c->kind, seq);
  add_text (row, "tbl", c->tbl, seq);
  add_text (row, "row_id", c->row_id, seq);
  add_text (row, "field", c->field, seq);
  add_node (row, "winner_value", c->winner_value, seq);
  add_int (row, "winner_hlc", (gint64) c->winner_hlc, seq);
  add_text (row, "winner_device", c->winner_device, seq);
  add_text (row, "winner_user", c->winner_user, seq);
  add_node (row, "loser_value", c->loser_value, seq);
  add_int (row, "loser_hlc", (gint64) c->loser_hlc, seq);
  add_text (row, "loser_device", c->loser_device, seq);
  add_text (row, "loser_user", c->loser_user, seq);
  add_text (row, "change_id", c->change_id, seq);
  add_int (row, "created_ms", c->created_ms, seq);
  add_text (row, "status", c->status ? c->status : "open", seq);
  return row;
}

guint64
jl_server_row_hash (const char *kind,
                    const char *row_id,
                    gint64      row_seq)
{
  return jl_sync_row_hash (kind, row_id, row_seq);
}
