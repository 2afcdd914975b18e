/* fuzz-put.c: jl_store_put of an arbitrary JSON object as each kind
 *
 * The input is parsed as JSON; an object is put as the kind named by its
 * "_kind" member (the store ignores members starting with "_"), or else as
 * every kind in turn, with the id in "_id" if any, into a store holding
 * the fuzz city, inside a transaction that is rolled back. Every put must
 * either store a record that reads back, or fail with a JL_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-util.h"

static void
put_as (JlStore      *store,
        const JlKind *kind,
        const char   *id,
        JsonObject   *obj)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(JlRecord) record = NULL;

  record = jl_store_put (store, kind->name, id, obj, &warnings, &error);
  if (record != NULL)
    {
      g_autoptr(JlRecord) back = jl_store_get (store, kind->name, jl_record_get_id (record), NULL);

      g_assert (back != NULL);
      g_assert (jl_record_get_title (record) != NULL);
    }
  else
    g_assert (error != NULL && error->domain == JL_ERROR);
  /* For whoever writes seeds: what each put did. */
  if (g_getenv ("FUZZ_VERBOSE") != NULL)
    g_printerr ("%s: %s\n", kind->name, record ? "stored" : error->message);
}

static const char *
string_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static JlStore *store;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *obj;
  const JlKind *kind;
  const char *id;

  fuzz_init ();
  if (store == NULL)
    store = fuzz_store_new ();

  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  obj = json_node_get_object (root);
  kind = jl_schema_lookup (string_member (obj, "_kind"));
  id = string_member (obj, "_id");

  if (!jl_store_begin (store, &error))
    g_error ("begin: %s", error->message);
  if (kind != NULL)
    put_as (store, kind, id, obj);
  else
    {
      guint n_kinds;
      const JlKind *const *kinds = jl_schema_get_kinds (&n_kinds);

      for (guint i = 0; i < n_kinds; i++)
        put_as (store, kinds[i], id, obj);
    }
  jl_store_rollback (store);
  return 0;
}
