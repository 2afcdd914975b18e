/* jl-server-sync.c: push (the per-field merge) and pull
 *
 * The rules of docs/sync-protocol.md, "Push", change by change, in one
 * transaction:
 *
 *  1. a known change id returns the stored outcome again (duplicate);
 *  2. an unknown kind, a wrong kind or an invalid value is quarantined as
 *     a "rejected" conflict entry, never dropped;
 *  3. fields of approved minutes are quarantined ("frozen") unless the
 *     approving device made the edit before it approved;
 *  4. base == ver (or a new field, or the device that wrote the current
 *     version) is sequential: applied;
 *  5. otherwise the larger (hlc, device) wins and the other value goes to
 *     the conflict log; equal values are no conflict;
 *  6. edits of deleted rows are applied to the tombstone and logged.
 *
 * Stamps further ahead than the server's clock plus five minutes are
 * clamped; the server's clock never moves for a client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <string.h>

#include "jl-schema.h"
#include "jl-server-sync.h"
#include "jl-uuid.h"

#define CONFLICT_KIND "sync_conflict"

GStrv
jl_server_readable_communities (JlServerStore  *store,
                                JlServerUser   *user,
                                GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (user->communities != NULL)
    g_strv_builder_addv (builder, (const char **) user->communities);
  if (g_strcmp0 (user->role, "district") == 0 && user->district != NULL)
    {
      g_auto(GStrv) ids = store->vtable->district_communities (store, user->district, error);

      if (ids == NULL)
        return NULL;
      for (guint i = 0; ids[i]; i++)
        if (user->communities == NULL || !g_strv_contains ((const char *const *) user->communities, ids[i]))
          g_strv_builder_add (builder, ids[i]);
    }
  return g_strv_builder_end (builder);
}

gboolean
jl_server_can_write (JlServerUser *user,
                     const char   *community_id)
{
  if (g_strcmp0 (user->role, "clerk") != 0 && g_strcmp0 (user->role, "secretary") != 0)
    return FALSE;
  return user->communities != NULL && g_strv_contains ((const char *const *) user->communities, community_id);
}

/* One push
 */

typedef struct
{
  JlServerStore   *store;
  JlServerUser    *user;
  JlServerDevice  *device;
  gint64           now_ms;
  JlHlc            max_hlc;     /* stamps above are clamped to it */
  gboolean         clamped;
  JlHlc            max_client_hlc;
  GHashTable      *parents;     /* row id → the change setting its parent field, in this push */
  GHashTable      *users;       /* device id → user name */
  GHashTable      *rows;        /* row id → JlServerRow as this push left it (NULL: not on the server) */
  GHashTable      *dirty;       /* row ids to write at the end of the push */
} Push;

/* Rows are read once per push and written once at its end: a push of
 * 500 changes touches about 100 rows, and each read or write of a row
 * parses or prints its whole JSON document. Returns the push's own copy
 * (NULL when the server has no such row), not to be freed. */
static JlServerRow *
push_row (Push        *p,
          const char  *row_id,
          GError     **error)
{
  JlServerRow *row;
  GError *local_error = NULL;

  if (g_hash_table_lookup_extended (p->rows, row_id, NULL, (gpointer *) &row))
    return row;
  row = p->store->vtable->row_get (p->store, row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_hash_table_insert (p->rows, g_strdup (row_id), row);
  return row;
}

static void
push_row_changed (Push        *p,
                  JlServerRow *row)
{
  if (g_hash_table_lookup (p->rows, row->row_id) != row)
    g_hash_table_replace (p->rows, g_strdup (row->row_id), row);
  g_hash_table_add (p->dirty, g_strdup (row->row_id));
}

static gboolean
push_write_rows (Push    *p,
                 GError **error)
{
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, p->dirty);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!p->store->vtable->row_put (p->store, g_hash_table_lookup (p->rows, id), error))
      return FALSE;
  return TRUE;
}

/* A copy for a caller that frees it: shares the field document, which
 * it only reads. */
static JlServerRow *
push_row_dup (Push       *p,
              const char *row_id)
{
  JlServerRow *row = push_row (p, row_id, NULL);
  JlServerRow *copy;

  if (row == NULL)
    return NULL;
  copy = g_new0 (JlServerRow, 1);
  copy->row_id = g_strdup (row->row_id);
  copy->kind = g_strdup (row->kind);
  copy->community_id = g_strdup (row->community_id);
  copy->row_seq = row->row_seq;
  copy->deleted = row->deleted;
  copy->fields = json_object_ref (row->fields);
  return copy;
}

static const char *
user_of (Push       *p,
         const char *device_id)
{
  char *name;

  if (device_id == NULL || *device_id == '\0')
    return "";
  name = g_hash_table_lookup (p->users, device_id);
  if (name == NULL)
    {
      name = p->store->vtable->device_user (p->store, device_id, NULL);
      g_hash_table_insert (p->users, g_strdup (device_id), name);
    }
  return name;
}

static JsonObject *
field_state (JlServerRow *row,
             const char  *field)
{
  JsonNode *node;

  if (row == NULL || !json_object_has_member (row->fields, field))
    return NULL;
  node = json_object_get_member (row->fields, field);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
state_value (JsonObject *state)
{
  return state && json_object_has_member (state, "value") ? json_object_get_member (state, "value") : NULL;
}

static gint64
state_int (JsonObject *state,
           const char *name)
{
  return state ? json_object_get_int_member_with_default (state, name, 0) : 0;
}

static const char *
state_device (JsonObject *state)
{
  return state ? json_object_get_string_member_with_default (state, "device", "") : "";
}

/* Whether the pushing device wrote @state in its current epoch: its later
 * edits then come after that one. A database restored from a backup has
 * a new epoch, so its old edits are not taken for later ones. */
static gboolean
written_by_pusher (JsonObject *state,
                   Push       *p)
{
  return strcmp (state_device (state), p->device->id) == 0 &&
         state_int (state, "epoch") == p->device->epoch;
}

static void
set_state (JlServerRow *row,
           const char  *field,
           JsonNode    *value,
           gint64       ver,
           JlHlc        hlc,
           const char  *device,
           gint64       epoch,
           JlHlc        client_hlc)
{
  JsonObject *state = json_object_new ();

  json_object_set_member (state, "value", value ? json_node_copy (value) : json_node_init_null (json_node_alloc ()));
  json_object_set_int_member (state, "ver", ver);
  json_object_set_int_member (state, "hlc", (gint64) hlc);
  json_object_set_string_member (state, "device", device);
  if (epoch != 0)
    json_object_set_int_member (state, "epoch", epoch);
  json_object_set_int_member (state, "chlc", (gint64) client_hlc);
  json_object_set_object_member (row->fields, field, state);
}

/* Fills the outcome's view of the field as the server now has it. With
 * @with_value, the value the client must show: the field's, or for a row
 * the server has but a field it never set, null (and "not deleted"). */
static void
result_set_state (JlSyncResult *r,
                  const char   *field,
                  JsonObject   *state,
                  gboolean      with_value)
{
  r->ver = state_int (state, "ver");
  r->hlc = (JlHlc) state_int (state, "hlc");
  g_free (r->device);
  r->device = g_strdup (state_device (state));
  g_clear_pointer (&r->winner, json_node_unref);
  if (!with_value)
    return;
  if (state != NULL && state_value (state) != NULL)
    r->winner = json_node_copy (state_value (state));
  else if (strcmp (field, "_deleted") == 0)
    r->winner = json_node_init_boolean (json_node_alloc (), FALSE);
  else
    r->winner = json_node_init_null (json_node_alloc ());
}

static gboolean
is_true (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null && b_null;
  return json_node_equal (a, b);
}

/* (hlc, device) order: ties on the stamp go to the larger device id. */
static gboolean
stamp_after (JlHlc       a_hlc,
             const char *a_device,
             JlHlc       b_hlc,
             const char *b_device)
{
  if (a_hlc != b_hlc)
    return a_hlc > b_hlc;
  return g_strcmp0 (a_device, b_device) > 0;
}

static gboolean
add_conflict (Push          *p,
              JlSyncChange  *c,
              const char    *kind,
              JsonNode      *winner,
              JlHlc          winner_hlc,
              const char    *winner_device,
              JsonNode      *loser,
              JlHlc          loser_hlc,
              const char    *loser_device,
              gint64        *seq_out,
              GError       **error)
{
  g_autoptr(JlServerConflict) conflict = g_new0 (JlServerConflict, 1);
  gint64 seq = p->store->vtable->next_seq (p->store, c->community_id, error);

  if (seq < 0)
    return FALSE;
  conflict->id = jl_uuid_v7_new ();
  conflict->community_id = g_strdup (c->community_id);
  conflict->seq = seq;
  conflict->kind = g_strdup (kind);
  conflict->tbl = g_strdup (c->kind);
  conflict->row_id = g_strdup (c->row_id);
  conflict->field = g_strdup (c->field);
  conflict->winner_value = winner ? json_node_copy (winner) : NULL;
  conflict->winner_hlc = winner_hlc;
  conflict->winner_device = g_strdup (winner_device);
  conflict->winner_user = g_strdup (user_of (p, winner_device));
  conflict->loser_value = loser ? json_node_copy (loser) : NULL;
  conflict->loser_hlc = loser_hlc;
  conflict->loser_device = g_strdup (loser_device);
  conflict->loser_user = g_strdup (user_of (p, loser_device));
  conflict->change_id = g_strdup (c->change_id);
  conflict->created_ms = p->now_ms;
  conflict->status = g_strdup ("open");
  g_message ("event=conflict kind=%s community=%s tbl=%s row=%s field=%s winner_device=%s loser_device=%s",
             kind, c->community_id, c->kind, c->row_id, c->field, winner_device ? winner_device : "",
             loser_device ? loser_device : "");
  if (seq_out)
    *seq_out = seq;
  return p->store->vtable->conflict_put (p->store, conflict, error);
}

/* Validation
 */

/* The value to store, or NULL with *@reason set. Fields this version
 * does not know are kept verbatim (a newer client wrote them). */
static JsonNode *
validate (const JlKind  *kind,
          JlSyncChange  *c,
          char         **reason)
{
  g_autoptr(GError) error = NULL;
  const JlField *field;
  JsonNode *normalized;

  if (strcmp (kind->name, "community") == 0 && strcmp (c->row_id, c->community_id) != 0)
    {
      *reason = g_strdup ("a community record must be its own community");
      return NULL;
    }
  if (strcmp (c->field, "_deleted") == 0)
    {
      if (!JSON_NODE_HOLDS_VALUE (c->value) || json_node_get_value_type (c->value) != G_TYPE_BOOLEAN)
        {
          *reason = g_strdup ("_deleted must be true or false");
          return NULL;
        }
      return json_node_copy (c->value);
    }
  field = jl_kind_lookup_field (kind, c->field);
  if (field == NULL)
    return json_node_copy (c->value);
  if (strcmp (c->field, "community_id") == 0 &&
      (!JSON_NODE_HOLDS_VALUE (c->value) || json_node_get_value_type (c->value) != G_TYPE_STRING ||
       g_ascii_strcasecmp (json_node_get_string (c->value), c->community_id) != 0))
    {
      *reason = g_strdup ("community_id differs from the change's community");
      return NULL;
    }
  normalized = jl_field_normalize (kind, field, c->value, &error);
  if (normalized == NULL)
    *reason = g_strdup (error->message);
  return normalized;
}

/* Approved minutes
 */

static gboolean
kind_has_frozen (const JlKind *kind)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & JL_FIELD_FROZEN)
      return TRUE;
  return FALSE;
}

static const char *
string_field (JlServerRow *row,
              const char  *name)
{
  JsonNode *value = state_value (field_state (row, name));

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

/* The meeting whose minutes hold row @row_id of @kind (@row NULL: not on
 * the server yet; its parent may come in this push). */
static JlServerRow *
owning_meeting (Push         *p,
                const JlKind *kind,
                JlServerRow  *row,
                const char   *row_id)
{
  g_autoptr(JlServerRow) owned = NULL;
  g_autofree char *id = g_strdup (row_id);

  for (guint depth = 0; depth < 4; depth++)
    {
      const JlField *parent;
      g_autofree char *parent_id = NULL;

      if (strcmp (kind->name, "meeting") == 0)
        return push_row_dup (p, id);
      parent = jl_kind_parent_field (kind);
      if (parent == NULL)
        return NULL;
      if (row != NULL)
        parent_id = g_strdup (string_field (row, parent->name));
      else
        {
          JlSyncChange *pc = g_hash_table_lookup (p->parents, id);

          if (pc != NULL && JSON_NODE_HOLDS_VALUE (pc->value) &&
              json_node_get_value_type (pc->value) == G_TYPE_STRING)
            parent_id = g_ascii_strdown (json_node_get_string (pc->value), -1);
        }
      kind = parent_id ? jl_schema_lookup (parent->ref_kind) : NULL;
      if (kind == NULL)
        return NULL;
      g_clear_pointer (&owned, jl_server_row_free);
      owned = push_row_dup (p, parent_id);
      row = owned;
      g_free (id);
      id = g_steal_pointer (&parent_id);
    }
  return NULL;
}

static gboolean
is_frozen (Push         *p,
           const JlKind *kind,
           JlServerRow  *row,
           JlSyncChange *c)
{
  g_autoptr(JlServerRow) meeting = NULL;
  const JlField *field;
  JsonObject *state;

  if (!kind_has_frozen (kind))
    return FALSE;
  meeting = owning_meeting (p, kind, row, c->row_id);
  state = field_state (meeting, "state");
  if (g_strcmp0 (string_field (meeting, "state"), JL_MEETING_APPROVED) != 0)
    return FALSE;
  /* What the approving device wrote before it approved is what it
   * approved. */
  if (written_by_pusher (state, p) && c->hlc <= (JlHlc) state_int (state, "chlc"))
    return FALSE;
  if (row == NULL || strcmp (c->field, "_deleted") == 0)
    return TRUE;
  field = jl_kind_lookup_field (kind, c->field);
  return field != NULL && (field->flags & JL_FIELD_FROZEN);
}

/* Applying one change
 */

static gboolean
quarantine (Push          *p,
            JlSyncChange  *c,
            JlServerRow   *row,
            JlHlc          eff_hlc,
            const char    *kind,
            const char    *reason,
            JlSyncResult  *r,
            GError       **error)
{
  JsonObject *state = field_state (row, c->field);

  g_message ("event=quarantine kind=%s device=%s change=%s tbl=%s row=%s field=%s reason=\"%s\"",
             kind, p->device->id, c->change_id, c->kind, c->row_id, c->field, reason);
  if (!add_conflict (p, c, kind, state_value (state), (JlHlc) state_int (state, "hlc"), state_device (state),
                     c->value, eff_hlc, p->device->id, &r->seq, error))
    return FALSE;
  r->status = JL_SYNC_STATUS_QUARANTINED;
  /* For a row the server does not have (a new row refused) the device
   * keeps its own value; the conflict log holds it for review. */
  result_set_state (r, c->field, state, row != NULL);
  return TRUE;
}

/* A delete that lands on fields another device changed later (by their
 * stamps) is logged, so the edit can be brought back. */
static gboolean
log_edits_under_delete (Push          *p,
                        JlSyncChange  *c,
                        JlServerRow   *row,
                        JlHlc          eff_hlc,
                        GError       **error)
{
  g_autoptr(GList) names = json_object_get_members (row->fields);
  const char *latest = NULL;
  JlHlc latest_hlc = 0;

  for (GList *l = names; l; l = l->next)
    {
      JsonObject *state = field_state (row, l->data);
      JlHlc hlc = (JlHlc) state_int (state, "hlc");

      if (strcmp (l->data, "_deleted") == 0 || written_by_pusher (state, p))
        continue;
      if (hlc > eff_hlc && hlc > latest_hlc)
        {
          latest = l->data;
          latest_hlc = hlc;
        }
    }
  if (latest != NULL)
    {
      JsonObject *state = field_state (row, latest);
      g_autoptr(JlSyncChange) edit = jl_sync_change_new ();

      edit->change_id = g_strdup (c->change_id);
      edit->community_id = g_strdup (c->community_id);
      edit->kind = g_strdup (c->kind);
      edit->row_id = g_strdup (c->row_id);
      edit->field = g_strdup (latest);
      return add_conflict (p, edit, "edited_after_delete", c->value, eff_hlc, p->device->id,
                           state_value (state), latest_hlc, state_device (state), NULL, error);
    }
  return TRUE;
}

static gboolean
apply_sequential (Push          *p,
                  JlSyncChange  *c,
                  JlServerRow   *row,
                  JsonNode      *value,
                  JlHlc          eff_hlc,
                  JlSyncResult  *r,
                  GError       **error)
{
  JsonObject *state = field_state (row, c->field);
  JlHlc hlc = state ? MAX (eff_hlc, (JlHlc) state_int (state, "hlc") + 1) : eff_hlc;
  gboolean was_deleted = row->deleted;
  gint64 seq = p->store->vtable->next_seq (p->store, c->community_id, error);

  if (seq < 0)
    return FALSE;
  set_state (row, c->field, value, seq, hlc, p->device->id, p->device->epoch, c->hlc);
  row->row_seq = seq;
  if (strcmp (c->field, "_deleted") == 0)
    row->deleted = is_true (value);

  r->status = JL_SYNC_STATUS_APPLIED;
  r->seq = seq;
  result_set_state (r, c->field, field_state (row, c->field), FALSE);

  if (was_deleted && strcmp (c->field, "_deleted") != 0)
    {
      g_autoptr(JsonNode) deleted = json_node_init_boolean (json_node_alloc (), TRUE);
      JsonObject *del_state = field_state (row, "_deleted");

      return add_conflict (p, c, "edited_after_delete", deleted, (JlHlc) state_int (del_state, "hlc"),
                           state_device (del_state), value, hlc, p->device->id, NULL, error);
    }
  if (!was_deleted && row->deleted)
    return log_edits_under_delete (p, c, row, eff_hlc, error);
  return TRUE;
}

static gboolean
apply_concurrent (Push          *p,
                  JlSyncChange  *c,
                  JlServerRow   *row,
                  JsonNode      *value,
                  JlHlc          eff_hlc,
                  JlSyncResult  *r,
                  GError       **error)
{
  JsonObject *state = field_state (row, c->field);
  g_autoptr(JsonNode) old_value = json_node_copy (state_value (state));
  JlHlc old_hlc = (JlHlc) state_int (state, "hlc");
  g_autofree char *old_device = g_strdup (state_device (state));

  /* The same value written twice (two clerks entering the same score)
   * is no conflict. */
  if (values_equal (value, old_value))
    {
      r->status = JL_SYNC_STATUS_APPLIED;
      r->seq = state_int (state, "ver");
      result_set_state (r, c->field, state, FALSE);
      return TRUE;
    }

  if (stamp_after (eff_hlc, p->device->id, old_hlc, old_device))
    {
      if (!apply_sequential (p, c, row, value, eff_hlc, r, error))
        return FALSE;
      return add_conflict (p, c, "concurrent", value, eff_hlc, p->device->id,
                           old_value, old_hlc, old_device, NULL, error);
    }

  if (!add_conflict (p, c, "concurrent", old_value, old_hlc, old_device, value, eff_hlc, p->device->id,
                     &r->seq, error))
    return FALSE;
  r->status = JL_SYNC_STATUS_SUPERSEDED;
  result_set_state (r, c->field, state, TRUE);
  return TRUE;
}

static gboolean
apply_duplicate (Push             *p,
                 JlSyncChange     *c,
                 JlServerApplied  *applied,
                 JlSyncResult     *r,
                 GError          **error)
{
  JlServerRow *row = NULL;
  g_autoptr(GError) local_error = NULL;

  r->status = JL_SYNC_STATUS_DUPLICATE;
  r->seq = applied->seq;
  if (applied->row_id != NULL)
    row = push_row (p, applied->row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (row != NULL && applied->field != NULL)
    result_set_state (r, applied->field, field_state (row, applied->field), TRUE);
  /* The value the client pushed is still the field's: nothing to show it
   * (a batch retried after a dropped reply costs little). */
  if (r->winner != NULL && c->value != NULL && values_equal (r->winner, c->value))
    g_clear_pointer (&r->winner, json_node_unref);
  return TRUE;
}

/* Rules 4 to 7 for a change that passed validation: the row is created
 * when new, then the field merged and the row stored. */
static gboolean
merge (Push          *p,
       JlSyncChange  *c,
       JlServerRow   *row,
       JsonNode      *value,
       JlHlc          eff_hlc,
       JlSyncResult  *r,
       GError       **error)
{
  JlServerStore *store = p->store;
  JsonObject *state = field_state (row, c->field);

  /* Sequential: the client saw the current version, or wrote it itself
   * (its later edits come after its earlier ones). */
  if (state == NULL || c->base == state_int (state, "ver") || written_by_pusher (state, p))
    {
      if (!apply_sequential (p, c, row, value, eff_hlc, r, error))
        return FALSE;
    }
  else if (!apply_concurrent (p, c, row, value, eff_hlc, r, error))
    return FALSE;

  if (r->status != JL_SYNC_STATUS_APPLIED)
    return TRUE;
  push_row_changed (p, row);
  /* District users see the communities whose record names their district. */
  if (strcmp (c->kind, "community") == 0 && strcmp (c->field, "district") == 0)
    return store->vtable->set_district (store, c->community_id, string_field (row, "district"), error);
  return TRUE;
}

static JlServerRow *
new_row (JlSyncChange *c)
{
  JlServerRow *row = g_new0 (JlServerRow, 1);

  row->row_id = g_strdup (c->row_id);
  row->kind = g_strdup (c->kind);
  row->community_id = g_strdup (c->community_id);
  row->fields = json_object_new ();
  return row;
}

/* The stamp the server orders by: never more than five minutes ahead of
 * its own clock. */
static JlHlc
effective_hlc (Push         *p,
               JlSyncChange *c)
{
  p->max_client_hlc = MAX (p->max_client_hlc, c->hlc);
  if (c->hlc <= p->max_hlc)
    return c->hlc;
  p->clamped = TRUE;
  return p->max_hlc;
}

static gboolean
apply_change (Push          *p,
              JlSyncChange  *c,
              JlSyncResult  *r,
              GError       **error)
{
  JlServerStore *store = p->store;
  JlServerRow *row = NULL;
  g_autoptr(JlServerRow) new = NULL;
  g_autoptr(JlServerApplied) applied = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *reason = NULL;
  const JlKind *kind = jl_schema_lookup (c->kind);
  JlServerApplied record = {
    .change_id = c->change_id, .device_id = p->device->id, .dseq = c->dseq,
    .row_id = c->row_id, .field = c->field,
  };
  JlHlc eff_hlc;
  gboolean ok;

  applied = store->vtable->applied_get (store, c->change_id, &local_error);
  if (applied == NULL && local_error == NULL)
    row = push_row (p, c->row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (applied != NULL)
    return apply_duplicate (p, c, applied, r, error);
  p->device->last_dseq = MAX (p->device->last_dseq, c->dseq);
  eff_hlc = effective_hlc (p, c);

  if (kind == NULL)
    reason = g_strdup_printf ("unknown kind “%s”", c->kind);
  else if (row != NULL && strcmp (row->kind, c->kind) != 0)
    reason = g_strdup_printf ("row is a %s, not a %s", row->kind, c->kind);
  else
    value = validate (kind, c, &reason);

  if (reason != NULL)
    ok = quarantine (p, c, row, eff_hlc, "rejected", reason, r, error);
  else if (is_frozen (p, kind, row, c))
    ok = quarantine (p, c, row, eff_hlc, "frozen", "approved minutes", r, error);
  else
    {
      /* A new row belongs to the push's rows once merged. */
      if (row == NULL)
        new = row = new_row (c);
      ok = merge (p, c, row, value, eff_hlc, r, error);
      if (new != NULL && g_hash_table_lookup (p->rows, c->row_id) == new)
        new = NULL;
    }
  if (!ok)
    return FALSE;

  record.status = r->status;
  record.seq = r->seq;
  return store->vtable->applied_put (store, &record, error);
}

/* Every change must be inside the user's communities, and an existing
 * row must stay in its community; otherwise nothing is stored and the
 * answer does not say whether the community or row exists. */
static gboolean
authorise (Push        *p,
           JlSyncPush  *push,
           GError     **error)
{
  for (guint i = 0; i < push->changes->len; i++)
    {
      JlSyncChange *c = push->changes->pdata[i];
      g_autoptr(JlServerRow) row = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!jl_server_can_write (p->user, c->community_id))
        goto forbidden;
      row = p->store->vtable->row_get (p->store, c->row_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (row != NULL && strcmp (row->community_id, c->community_id) != 0)
        goto forbidden;
      continue;

forbidden:
      g_message ("event=forbidden op=push user=%s device=%s community=%s", p->user->name, p->device->id,
                 c->community_id);
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_FORBIDDEN, "not allowed");
      return FALSE;
    }
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Other server processes may push to the same communities (PostgreSQL):
 * the locks are taken before any row is read for merging, so each merge
 * sees what the previous push committed, and in one order, so two pushes
 * never wait for each other. */
static gboolean
lock_communities (Push        *p,
                  JlSyncPush  *push,
                  GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (p->store->vtable->lock_community == NULL)
    return TRUE;
  for (guint i = 0; i < push->changes->len; i++)
    {
      JlSyncChange *c = push->changes->pdata[i];

      if (!g_ptr_array_find_with_equal_func (ids, c->community_id, g_str_equal, NULL))
        g_ptr_array_add (ids, c->community_id);
    }
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (!p->store->vtable->lock_community (p->store, ids->pdata[i], error))
      return FALSE;
  return TRUE;
}

static void
index_parents (Push       *p,
               JlSyncPush *push)
{
  for (guint i = 0; i < push->changes->len; i++)
    {
      JlSyncChange *c = push->changes->pdata[i];
      const JlKind *kind = jl_schema_lookup (c->kind);
      const JlField *parent = kind ? jl_kind_parent_field (kind) : NULL;

      if (parent != NULL && strcmp (parent->name, c->field) == 0)
        g_hash_table_insert (p->parents, c->row_id, c);
    }
}

/* Ends the transaction either way (commits a new epoch, or rolls back).
 *
 * A database restored from a backup gives out change sequence numbers
 * the server has seen before. Its pending edits must then go through the
 * conflict rules like another device's, so the device gets a new epoch
 * (committed at once) and the push is refused with 409 "epoch"; the
 * client takes the epoch, pulls everything again and pushes once more.
 * Clients from before epochs send max_dseq 0 and are not checked. */
static gboolean
check_epoch (Push        *p,
             JlSyncPush  *push,
             GError     **error)
{
  JlServerDevice *device = p->device;
  gboolean restored = push->max_dseq > 0 && push->max_dseq < device->last_dseq;

  if (!restored && push->epoch == device->epoch)
    return TRUE;
  if (restored || push->epoch > device->epoch)
    device->epoch = MAX (device->epoch, push->epoch) + 1;
  g_message ("event=epoch user=%s device=%s epoch=%" G_GINT64_FORMAT " max_dseq=%" G_GINT64_FORMAT
             " last_dseq=%" G_GINT64_FORMAT, p->user->name, device->id, device->epoch, push->max_dseq,
             device->last_dseq);
  if (!p->store->vtable->device_update (p->store, device, error) || !p->store->vtable->commit (p->store, error))
    {
      p->store->vtable->rollback (p->store);
      return FALSE;
    }
  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_EPOCH,
               "this device's database is older than its history on the server; new epoch %" G_GINT64_FORMAT,
               device->epoch);
  return FALSE;
}

JlSyncPushReply *
jl_server_sync_push (JlServerStore   *store,
                     JlServerUser    *user,
                     JlServerDevice  *device,
                     JlSyncPush      *push,
                     gint64           now_ms,
                     gint64           client_time_ms,
                     GError         **error)
{
  g_autoptr(JlSyncPushReply) reply = jl_sync_push_reply_new ();
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) jl_server_row_free);
  g_autoptr(GHashTable) dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Push p = {
    .store = store, .user = user, .device = device, .now_ms = now_ms,
    .max_hlc = jl_hlc_make (now_ms + JL_SYNC_CLOCK_TOLERANCE_MS, 0),
    .parents = parents, .users = users, .rows = rows, .dirty = dirty,
  };

  if (g_strcmp0 (push->device_id, device->id) != 0)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE,
                   "push: device_id is not the device of this token");
      return NULL;
    }
  index_parents (&p, push);

  if (!store->vtable->begin (store, TRUE, error))
    return NULL;
  if (!check_epoch (&p, push, error))
    return NULL;
  if (!authorise (&p, push, error) || !lock_communities (&p, push, error))
    goto failed;
  for (guint i = 0; i < push->changes->len; i++)
    {
      JlSyncChange *c = push->changes->pdata[i];
      JlSyncResult *r = jl_sync_result_new (c->change_id, JL_SYNC_STATUS_APPLIED);

      g_ptr_array_add (reply->results, r);
      if (!apply_change (&p, c, r, error))
        goto failed;
    }
  if (!push_write_rows (&p, error))
    goto failed;

  /* The warning compares clocks, not stamps: a stamp may be ahead only
   * because of an earlier clock. */
  device->last_seen_ms = now_ms;
  if (client_time_ms > 0)
    device->skew_ms = client_time_ms - now_ms;
  else if (p.clamped)
    device->skew_ms = jl_hlc_get_ms (p.max_client_hlc) - now_ms;
  if (!store->vtable->device_update (store, device, error) || !store->vtable->commit (store, error))
    goto failed;

  reply->server_time = now_ms;
  if (p.clamped || ABS (device->skew_ms) > JL_SYNC_CLOCK_TOLERANCE_MS)
    {
      reply->has_skew_warning = TRUE;
      reply->skew_warning = device->skew_ms;
    }
  return g_steal_pointer (&reply);

failed:
  store->vtable->rollback (store);
  return NULL;
}

/* Pull
 */

JlSyncPage *
jl_server_sync_pull (JlServerStore  *store,
                     JlServerUser   *user,
                     const char     *community_id,
                     gint64          after,
                     guint           limit,
                     gint64          now_ms,
                     GError        **error)
{
  g_auto(GStrv) readable = jl_server_readable_communities (store, user, error);
  g_autoptr(JlSyncPage) page = jl_sync_page_new ();
  g_autoptr(GPtrArray) rows = NULL;

  if (readable == NULL)
    return NULL;
  if (!g_strv_contains ((const char *const *) readable, community_id))
    {
      g_message ("event=forbidden op=pull user=%s community=%s", user->name, community_id);
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_FORBIDDEN, "not allowed");
      return NULL;
    }

  if (!store->vtable->begin (store, FALSE, error))
    return NULL;
  /* A cursor beyond what this server has ever numbered: the server was
   * restored from a backup (or is another server). The client pulls the
   * community again from 0, once. */
  if (after > 0)
    {
      gint64 last = store->vtable->last_seq (store, community_id, error);

      if (last < 0)
        goto failed;
      if (after > last)
        {
          g_message ("event=cursor_too_old user=%s community=%s after=%" G_GINT64_FORMAT " last=%" G_GINT64_FORMAT,
                     user->name, community_id, after, last);
          g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_CURSOR_TOO_OLD,
                       "the cursor %" G_GINT64_FORMAT " is beyond this server's data; pull again from 0", after);
          goto failed;
        }
    }
  rows = store->vtable->pull (store, community_id, after, limit + 1, error);
  if (rows == NULL)
    goto failed;
  page->has_more = rows->len > limit;
  if (page->has_more)
    g_ptr_array_set_size (rows, limit);
  page->next = rows->len ? ((JlSyncRow *) rows->pdata[rows->len - 1])->row_seq : after;
  if (!page->has_more)
    {
      if (!store->vtable->summary (store, community_id, &page->count, &page->hash, error))
        goto failed;
      page->has_summary = TRUE;
    }
  if (!store->vtable->commit (store, error))
    goto failed;

  g_ptr_array_unref (page->rows);
  page->rows = g_steal_pointer (&rows);
  page->server_time = now_ms;
  return g_steal_pointer (&page);

failed:
  store->vtable->rollback (store);
  return NULL;
}
