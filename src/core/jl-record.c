/* jl-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-record-private.h"

struct _JlRecord
{
  GObject       parent_instance;

  const JlKind *kind;
  char         *id;
  char         *community_id;
  char         *created_at;
  char         *updated_at;
  JsonObject   *values;
  JlHlc         hlc;
  gboolean      deleted;
};

G_DEFINE_FINAL_TYPE (JlRecord, jl_record, G_TYPE_OBJECT)

static void
jl_record_finalize (GObject *object)
{
  JlRecord *self = (JlRecord *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->community_id, g_free);
  g_clear_pointer (&self->created_at, g_free);
  g_clear_pointer (&self->updated_at, g_free);
  g_clear_pointer (&self->values, json_object_unref);

  G_OBJECT_CLASS (jl_record_parent_class)->finalize (object);
}

static void
jl_record_class_init (JlRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jl_record_finalize;
}

static void
jl_record_init (JlRecord *self)
{
}

JlRecord *
_jl_record_new (const JlKind *kind,
                const char   *id,
                const char   *community_id,
                JsonObject   *values,
                const char   *created_at,
                const char   *updated_at,
                JlHlc         hlc,
                gboolean      deleted)
{
  JlRecord *self = g_object_new (JL_TYPE_RECORD, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->community_id = g_strdup (community_id);
  self->values = json_object_ref (values);
  self->created_at = g_strdup (created_at);
  self->updated_at = g_strdup (updated_at);
  self->hlc = hlc;
  self->deleted = deleted;

  return self;
}

const JlKind *
jl_record_get_kind (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), NULL);
  return self->kind;
}

const char *
jl_record_get_kind_name (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), NULL);
  return self->kind->name;
}

const char *
jl_record_get_id (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), NULL);
  return self->id;
}

const char *
jl_record_get_community_id (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), NULL);
  return self->community_id;
}

const char *
jl_record_get_created_at (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), NULL);
  return self->created_at;
}

const char *
jl_record_get_updated_at (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), NULL);
  return self->updated_at;
}

JlHlc
jl_record_get_hlc (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), 0);
  return self->hlc;
}

gboolean
jl_record_get_deleted (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), FALSE);
  return self->deleted;
}

JsonObject *
jl_record_get_values (JlRecord *self)
{
  g_return_val_if_fail (JL_IS_RECORD (self), NULL);
  return self->values;
}

static JsonNode *
get_node (JlRecord   *self,
          const char *field)
{
  JsonNode *node;

  if (!json_object_has_member (self->values, field))
    return NULL;
  node = json_object_get_member (self->values, field);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
jl_record_has_value (JlRecord   *self,
                     const char *field)
{
  g_return_val_if_fail (JL_IS_RECORD (self), FALSE);
  return get_node (self, field) != NULL;
}

const char *
jl_record_get_string (JlRecord   *self,
                      const char *field)
{
  JsonNode *node;

  g_return_val_if_fail (JL_IS_RECORD (self), NULL);

  node = get_node (self, field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
jl_record_get_int (JlRecord   *self,
                   const char *field,
                   gint64      fallback)
{
  JsonNode *node;

  g_return_val_if_fail (JL_IS_RECORD (self), fallback);

  node = get_node (self, field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return fallback;
}

double
jl_record_get_double (JlRecord   *self,
                      const char *field,
                      double      fallback)
{
  JsonNode *node;

  g_return_val_if_fail (JL_IS_RECORD (self), fallback);

  node = get_node (self, field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return fallback;
}

gboolean
jl_record_get_bool (JlRecord   *self,
                    const char *field)
{
  return jl_record_get_int (self, field, 0) != 0;
}

const char *
jl_record_get_title (JlRecord *self)
{
  const JlField *title;
  const char *value = NULL;

  g_return_val_if_fail (JL_IS_RECORD (self), NULL);

  title = jl_kind_title_field (self->kind);
  if (title != NULL)
    value = jl_record_get_string (self, title->name);
  return value ? value : self->id;
}

JsonNode *
jl_record_to_json (JlRecord *self,
                   gboolean  with_meta)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (JL_IS_RECORD (self), NULL);

  json_object_set_string_member (obj, "id", self->id);
  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const char *name = self->kind->fields[i].name;
      JsonNode *value = get_node (self, name);

      if (value != NULL)
        json_object_set_member (obj, name, json_node_copy (value));
    }

  if (with_meta)
    {
      g_autofree char *hlc = jl_hlc_to_string (self->hlc);

      json_object_set_string_member (obj, "_kind", self->kind->name);
      json_object_set_string_member (obj, "_community_id", self->community_id);
      json_object_set_string_member (obj, "_created_at", self->created_at);
      json_object_set_string_member (obj, "_updated_at", self->updated_at);
      json_object_set_string_member (obj, "_hlc", hlc);
      if (self->deleted)
        json_object_set_boolean_member (obj, "_deleted", TRUE);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, obj);
  return node;
}
