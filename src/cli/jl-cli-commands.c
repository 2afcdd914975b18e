/* jl-cli-commands.c: one function per jinlin-cli command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jl-cli.h"
#include "jl-demo.h"

int
jl_cli_exit_for_error (const GError *error)
{
  if (error == NULL || error->domain != JL_ERROR)
    return JL_EXIT_FAILED;

  switch ((JlError) error->code)
    {
    case JL_ERROR_NOT_FOUND:
      return JL_EXIT_NOT_FOUND;
    case JL_ERROR_INVALID:
    case JL_ERROR_BAD_JSON:
    case JL_ERROR_UNKNOWN_KIND:
      return JL_EXIT_INVALID;
    case JL_ERROR_READ_ONLY:
      return JL_EXIT_READ_ONLY;
    case JL_ERROR_NOT_A_DATABASE:
    case JL_ERROR_FOREIGN_DATABASE:
    case JL_ERROR_TOO_NEW:
      return JL_EXIT_DATABASE;
    case JL_ERROR_IO:
      return JL_EXIT_IO;
    case JL_ERROR_FAILED:
    case JL_ERROR_DATABASE:
    default:
      return JL_EXIT_FAILED;
    }
}

int
jl_cli_fail (const GError *error)
{
  g_printerr ("jinlin-cli: %s\n", error ? error->message : _("failed"));
  return jl_cli_exit_for_error (error);
}

int
jl_cli_usage (const char *message)
{
  g_printerr ("jinlin-cli: %s\n%s\n", message, _("Run “jinlin-cli --help” for usage."));
  return JL_EXIT_USAGE;
}

JlStore *
jl_cli_open_store (JlCliGlobals *globals,
                   int          *exit_code)
{
  g_autoptr(GError) error = NULL;
  JlStore *store = jl_store_open (globals->db_path, &error);

  if (store == NULL)
    *exit_code = jl_cli_fail (error);
  return store;
}

void
jl_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* Parses command options; argv[0] is the command name. Returns FALSE and
 * sets *exit_code on bad usage. */
static gboolean
parse_options (const char    *synopsis,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int           *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (synopsis);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = jl_cli_usage (error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
need_args (int          argc,
           int          wanted,
           const char  *synopsis,
           int         *exit_code)
{
  if (argc - 1 != wanted)
    {
      g_autofree char *msg = g_strdup_printf (_("Usage: jinlin-cli %s"), synopsis);
      *exit_code = jl_cli_usage (msg);
      return FALSE;
    }
  return TRUE;
}

/* demo */

int
jl_cli_cmd_demo (JlCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  int scale = 1, seed = 1, rc = JL_EXIT_OK;
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("times the seed's city (default 1)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("random seed (default 1)"), "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  JlDemoStats stats = { 0 };
  gint64 start;

  if (!parse_options ("demo", entries, &argc, &argv, &rc) || !need_args (argc, 0, "demo [--scale N] [--seed N]", &rc))
    return rc;
  if (scale < 1 || scale > 1000)
    return jl_cli_usage (_("--scale must be between 1 and 1000"));
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;

  start = g_get_monotonic_time ();
  if (!jl_demo_generate (store, scale, (guint32) seed, &stats, &error))
    return jl_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
#define ADD(name) json_builder_set_member_name (b, #name); json_builder_add_int_value (b, stats.name);
      ADD (communities) ADD (estates) ADD (branches) ADD (partner_units) ADD (part_time_members)
      ADD (people) ADD (meetings) ADD (score_sheets) ADD (records)
#undef ADD
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, (g_get_monotonic_time () - start) / 1e6);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      jl_cli_print_json (node);
    }
  else
    g_print (_("Demo data written to %s in %.1f s: %u communities, %u estates, %u branches, %u partner units, "
               "%u part-time committee members, %u people, %u meetings, %u score sheets (%u records).\n"),
             globals->db_path, (g_get_monotonic_time () - start) / 1e6,
             stats.communities, stats.estates, stats.branches, stats.partner_units,
             stats.part_time_members, stats.people, stats.meetings, stats.score_sheets, stats.records);
  return JL_EXIT_OK;
}

/* summary */

int
jl_cli_cmd_summary (JlCliGlobals  *globals,
                    int            argc,
                    char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JsonObject) counts = json_object_new ();
  const JlKind *const *kinds;
  guint n_kinds;
  gint64 outbox;
  int rc = JL_EXIT_OK;

  if (!parse_options ("summary", NULL, &argc, &argv, &rc) || !need_args (argc, 0, "summary", &rc))
    return rc;
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;

  if (!globals->json)
    g_print ("%s\n", globals->db_path);
  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 n = jl_store_count (store, kinds[i]->name, NULL, &error);

      if (n < 0)
        return jl_cli_fail (error);
      json_object_set_int_member (counts, kinds[i]->name, n);
      if (!globals->json)
        g_print ("  %-20s %-16s %8" G_GINT64_FORMAT "\n", kinds[i]->name,
                 g_dgettext (GETTEXT_PACKAGE, kinds[i]->label_plural), n);
    }
  outbox = jl_store_outbox_count (store, NULL);
  if (globals->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (counts, "_outbox", outbox);
      json_node_set_object (node, counts);
      jl_cli_print_json (node);
    }
  else
    g_print (_("  Changes waiting to be synced: %lld\n"), (long long) outbox);
  return JL_EXIT_OK;
}

/* kinds */

static const char *
field_type_name (JlFieldType type)
{
  static const char *const names[] = { "text", "integer", "number", "boolean", "date", "datetime",
                                       "enum", "ref", "list" };
  return names[type];
}

int
jl_cli_cmd_kinds (JlCliGlobals  *globals,
                  int            argc,
                  char         **argv)
{
  const JlKind *const *kinds;
  const JlKind *kind;
  guint n_kinds;
  int rc = JL_EXIT_OK;

  if (!parse_options ("kinds", NULL, &argc, &argv, &rc))
    return rc;

  if (argc == 1)
    {
      kinds = jl_schema_get_kinds (&n_kinds);
      for (guint i = 0; i < n_kinds; i++)
        g_print ("%-20s %s\n", kinds[i]->name, jl_kind_get_label (kinds[i]));
      return JL_EXIT_OK;
    }
  if (!need_args (argc, 1, "kinds [KIND]", &rc))
    return rc;
  kind = jl_schema_lookup (argv[1]);
  if (kind == NULL)
    {
      g_autoptr(GError) error = g_error_new (JL_ERROR, JL_ERROR_UNKNOWN_KIND, _("Unknown record kind “%s”"), argv[1]);
      return jl_cli_fail (error);
    }
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JlField *f = &kind->fields[i];
      g_autoptr(GString) extra = g_string_new (NULL);

      if (f->flags & JL_FIELD_REQUIRED)
        g_string_append (extra, _(" required"));
      if (f->type == JL_FIELD_REF)
        g_string_append_printf (extra, " → %s", f->ref_kind);
      if (f->type == JL_FIELD_ENUM)
        for (const JlEnumValue *v = f->values; v->key; v++)
          g_string_append_printf (extra, " %s=%s", v->key, g_dgettext (GETTEXT_PACKAGE, v->label));
      g_print ("%-28s %-9s %s%s\n", f->name, field_type_name (f->type), jl_field_get_label (f), extra->str);
    }
  return JL_EXIT_OK;
}

/* list */

int
jl_cli_cmd_list (JlCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  g_autofree char *community = NULL;
  g_autofree char *order = NULL;
  g_auto(GStrv) where = NULL;
  gboolean desc = FALSE;
  int limit = 0, offset = 0, rc = JL_EXIT_OK;
  GOptionEntry entries[] = {
    { "community", 0, 0, G_OPTION_ARG_STRING, &community, N_("only this community"), "ID" },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where, N_("only records whose FIELD equals VALUE"), "FIELD=VALUE" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("sort by this field"), "FIELD" },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &desc, N_("sort descending"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("at most N records"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("skip N records"), "N" },
    G_OPTION_ENTRY_NULL
  };
  const char *synopsis = "list KIND [--community ID] [--where FIELD=VALUE]… [--order FIELD] [--desc] [--limit N] [--offset N]";
  JlQuery query = { 0 };
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  if (!parse_options ("list", entries, &argc, &argv, &rc) || !need_args (argc, 1, synopsis, &rc))
    return rc;
  if (limit < 0 || offset < 0)
    return jl_cli_usage (_("--limit and --offset cannot be negative"));
  if (where != NULL && g_strv_length (where) > G_N_ELEMENTS (query.filters))
    return jl_cli_usage (_("At most four --where filters"));

  for (guint i = 0; where && where[i]; i++)
    {
      char *eq = strchr (where[i], '=');

      if (eq == NULL)
        return jl_cli_usage (_("--where takes FIELD=VALUE"));
      *eq = '\0';
      query.filters[i].field = where[i];
      query.filters[i].value = *(eq + 1) ? eq + 1 : NULL;
    }
  query.community_id = community;
  query.order_by = order;
  query.descending = desc;
  query.limit = limit;
  query.offset = offset;

  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;
  records = jl_store_list (store, argv[1], &query, &error);
  if (records == NULL)
    return jl_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < records->len; i++)
        json_array_add_element (array, jl_record_to_json (records->pdata[i], FALSE));
      json_node_set_array (node, array);
      jl_cli_print_json (node);
    }
  else
    {
      for (guint i = 0; i < records->len; i++)
        g_print ("%s\t%s\n", jl_record_get_id (records->pdata[i]), jl_record_get_title (records->pdata[i]));
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u record\n", "%u records\n", records->len), records->len);
    }
  return JL_EXIT_OK;
}

/* get */

int
jl_cli_cmd_get (JlCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  int rc = JL_EXIT_OK;

  if (!parse_options ("get", NULL, &argc, &argv, &rc) || !need_args (argc, 2, "get KIND ID", &rc))
    return rc;
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;
  record = jl_store_get (store, argv[1], argv[2], &error);
  if (record == NULL)
    return jl_cli_fail (error);
  node = jl_record_to_json (record, TRUE);
  jl_cli_print_json (node);
  return JL_EXIT_OK;
}

/* put */

static JsonObject *
read_json_argument (const char  *arg,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (strcmp (arg, "-") == 0)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      char buf[4096];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len (s, buf, n);
      text = g_string_free (g_steal_pointer (&s), FALSE);
    }
  else if (arg[0] == '@')
    {
      if (!g_file_get_contents (arg + 1, &text, NULL, &local_error))
        {
          g_set_error (error, JL_ERROR, JL_ERROR_IO, _("Cannot read “%s”: %s"), arg + 1, local_error->message);
          return NULL;
        }
    }
  else
    text = g_strdup (arg);

  node = json_from_string (text, &local_error);
  if (node == NULL)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_BAD_JSON, _("The record is not valid JSON: %s"),
                   local_error ? local_error->message : _("empty input"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_BAD_JSON, _("The record must be a JSON object like {\"name\": \"…\"}"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

int
jl_cli_cmd_put (JlCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  g_autofree char *id = NULL;
  GOptionEntry entries[] = {
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_("the record to update (or to create with this id)"), "ID" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  int rc = JL_EXIT_OK;

  if (!parse_options ("put", entries, &argc, &argv, &rc) || !need_args (argc, 2, "put KIND JSON|@FILE|- [--id ID]", &rc))
    return rc;
  if (jl_schema_lookup (argv[1]) == NULL)
    {
      g_set_error (&error, JL_ERROR, JL_ERROR_UNKNOWN_KIND, _("Unknown record kind “%s”"), argv[1]);
      return jl_cli_fail (error);
    }
  if (!(fields = read_json_argument (argv[2], &error)))
    return jl_cli_fail (error);
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;

  record = jl_store_put (store, argv[1], id, fields, &warnings, &error);
  if (record == NULL)
    return jl_cli_fail (error);
  for (guint i = 0; warnings && i < warnings->len; i++)
    g_printerr (_("jinlin-cli: warning: %s\n"), (char *) warnings->pdata[i]);
  node = jl_record_to_json (record, TRUE);
  jl_cli_print_json (node);
  return JL_EXIT_OK;
}

/* delete */

int
jl_cli_cmd_delete (JlCliGlobals  *globals,
                   int            argc,
                   char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int rc = JL_EXIT_OK;

  if (!parse_options ("delete", NULL, &argc, &argv, &rc) || !need_args (argc, 2, "delete KIND ID", &rc))
    return rc;
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;
  if (!jl_store_delete (store, argv[1], argv[2], &error))
    return jl_cli_fail (error);
  return JL_EXIT_OK;
}

/* search */

int
jl_cli_cmd_search (JlCliGlobals  *globals,
                   int            argc,
                   char         **argv)
{
  g_autofree char *kind = NULL;
  g_autofree char *community = NULL;
  int limit = 20, rc = JL_EXIT_OK;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("only this kind"), "KIND" },
    { "community", 0, 0, G_OPTION_ARG_STRING, &community, N_("only this community"), "ID" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("at most N hits (default 20)"), "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options ("search", entries, &argc, &argv, &rc) ||
      !need_args (argc, 1, "search TEXT [--kind KIND] [--community ID] [--limit N]", &rc))
    return rc;
  if (limit < 1)
    return jl_cli_usage (_("--limit must be at least 1"));
  if (kind != NULL && jl_schema_lookup (kind) == NULL)
    {
      g_set_error (&error, JL_ERROR, JL_ERROR_UNKNOWN_KIND, _("Unknown record kind “%s”"), kind);
      return jl_cli_fail (error);
    }
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;
  hits = jl_store_search (store, argv[1], kind, community, limit, &error);
  if (hits == NULL)
    return jl_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < hits->len; i++)
        {
          JlSearchHit *hit = hits->pdata[i];
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "kind", hit->kind);
          json_object_set_string_member (o, "id", hit->id);
          json_object_set_string_member (o, "community_id", hit->community_id);
          json_object_set_string_member (o, "title", hit->title);
          json_object_set_string_member (o, "snippet", hit->snippet);
          json_array_add_object_element (array, o);
        }
      json_node_set_array (node, array);
      jl_cli_print_json (node);
    }
  else
    {
      for (guint i = 0; i < hits->len; i++)
        {
          JlSearchHit *hit = hits->pdata[i];
          g_print ("%s\t%s\t%s\t%s\n", hit->kind, hit->id, hit->title, hit->snippet);
        }
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u hit\n", "%u hits\n", hits->len), hits->len);
    }
  return JL_EXIT_OK;
}

/* results */

static void
add_number (JsonObject *o,
            const char *name,
            double      value)
{
  if (isnan (value))
    json_object_set_null_member (o, name);
  else
    json_object_set_double_member (o, name, value);
}

static char *
format_number (double value,
               int    decimals)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", decimals, value);
}

int
jl_cli_cmd_results (JlCliGlobals  *globals,
                    int            argc,
                    char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  int rc = JL_EXIT_OK;

  if (!parse_options ("results", NULL, &argc, &argv, &rc) || !need_args (argc, 1, "results ROUND-ID", &rc))
    return rc;
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;
  results = jl_store_eval_results (store, argv[1], &error);
  if (results == NULL)
    return jl_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < results->len; i++)
        {
          JlTargetResult *t = results->pdata[i];
          JlEvalResult *r = t->result;
          JsonObject *o = json_object_new ();
          JsonArray *means = json_array_new ();
          JsonArray *void_ids = json_array_new ();
          JsonArray *incomplete_ids = json_array_new ();

          json_object_set_string_member (o, "target_id", t->target_id);
          json_object_set_string_member (o, "target", t->target_name);
          json_object_set_int_member (o, "sheets", r->n_sheets);
          json_object_set_int_member (o, "valid", r->n_valid);
          json_object_set_int_member (o, "void", r->n_void);
          json_object_set_int_member (o, "incomplete", r->n_incomplete);
          for (guint j = 0; j < r->void_sheet_ids->len; j++)
            json_array_add_string_element (void_ids, r->void_sheet_ids->pdata[j]);
          for (guint j = 0; j < r->incomplete_sheet_ids->len; j++)
            json_array_add_string_element (incomplete_ids, r->incomplete_sheet_ids->pdata[j]);
          json_object_set_array_member (o, "void_sheets", void_ids);
          json_object_set_array_member (o, "incomplete_sheets", incomplete_ids);
          add_number (o, "raw_mean", r->raw_mean);
          json_object_set_boolean_member (o, "dropped", r->dropped);
          if (r->dropped)
            {
              add_number (o, "dropped_high", r->dropped_high);
              add_number (o, "dropped_low", r->dropped_low);
            }
          add_number (o, "final_score", r->final_score);
          if (r->band)
            json_object_set_string_member (o, "band", r->band);
          else
            json_object_set_null_member (o, "band");
          json_object_set_int_member (o, "rank", r->rank);
          for (guint j = 0; j < r->n_criteria; j++)
            if (isnan (r->criterion_means[j]))
              json_array_add_null_element (means);
            else
              json_array_add_double_element (means, r->criterion_means[j]);
          json_object_set_array_member (o, "criterion_means", means);
          add_number (o, "satisfaction_rate", r->satisfaction_rate);
          add_number (o, "dissatisfaction_rate", r->dissatisfaction_rate);
          json_array_add_object_element (array, o);
        }
      json_node_set_array (node, array);
      jl_cli_print_json (node);
      return JL_EXIT_OK;
    }

  g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", _("Rank"), _("Evaluated"), _("Valid sheets"),
           _("Void"), _("Incomplete"), _("Raw mean"), _("Final score"), _("Band"));
  for (guint i = 0; i < results->len; i++)
    {
      JlTargetResult *t = results->pdata[i];
      JlEvalResult *r = t->result;
      g_autofree char *raw = format_number (r->raw_mean, 2);
      g_autofree char *fin = format_number (isnan (r->satisfaction_rate) ? r->final_score : r->satisfaction_rate,
                                            isnan (r->satisfaction_rate) ? 2 : 1);

      g_print ("%u\t%s\t%u\t%u\t%u\t%s\t%s%s\t%s\n", r->rank, t->target_name, r->n_valid, r->n_void,
               r->n_incomplete, raw, fin, isnan (r->satisfaction_rate) ? "" : "%",
               r->band ? r->band : "—");
    }
  return JL_EXIT_OK;
}

/* export / import */

int
jl_cli_cmd_export (JlCliGlobals  *globals,
                   int            argc,
                   char         **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("the file format (json)"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int rc = JL_EXIT_OK;

  if (!parse_options ("export", entries, &argc, &argv, &rc) || !need_args (argc, 1, "export --format json FILE", &rc))
    return rc;
  if (format != NULL && strcmp (format, "json") != 0)
    return jl_cli_usage (_("Only --format json is supported"));
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;
  if (!jl_store_export_json (store, argv[1], &error))
    return jl_cli_fail (error);
  return JL_EXIT_OK;
}

int
jl_cli_cmd_import (JlCliGlobals  *globals,
                   int            argc,
                   char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  int rc = JL_EXIT_OK;

  if (!parse_options ("import", NULL, &argc, &argv, &rc) || !need_args (argc, 1, "import FILE", &rc))
    return rc;
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;
  if (!jl_store_import_json (store, argv[1], &n, &error))
    return jl_cli_fail (error);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Imported %u record.\n", "Imported %u records.\n", n), n);
  return JL_EXIT_OK;
}
