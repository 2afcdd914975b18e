/* test-cli.c: jinlin-cli as a script uses it: commands, output and exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = jl_test_dir_new ();
  f->db = g_build_filename (f->dir, "cli.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  jl_test_dir_free (f->dir);
  g_free (f->db);
}

/* Runs jinlin-cli --db DB ARGS…; returns the exit status. */
static int
run_cli (const char  *db,
         const char  *input,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  const char *cli = g_getenv ("JINLIN_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  if (db != NULL)
    {
      g_ptr_array_add (argv, "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &o, &e, &error);
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

static char *
json_id (const char *json_text)
{
  g_autoptr(JsonObject) obj = jl_test_json (json_text);
  return g_strdup (json_object_get_string_member (obj, "id"));
}

static char *
put_ok (const char *db,
        const char *kind,
        const char *json)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int rc = run_cli (db, NULL, &out, &err, "put", kind, json, NULL);

  if (rc != 0)
    g_printerr ("put %s failed: %s\n", kind, err);
  g_assert_cmpint (rc, ==, 0);
  return json_id (out);
}

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *community = put_ok (f->db, "community", "{\"name\": \"莲前社区\", \"households\": 3200}");
  g_autofree char *json = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"思明区税务局\","
                                           " \"uscc\": \"91110000802100433B\", \"unit_type\": \"party_gov\"}",
                                           community);
  g_autofree char *unit = put_ok (f->db, "partner_unit", json);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) obj = NULL;

  /* get */
  g_assert_cmpint (run_cli (f->db, NULL, &out, NULL, "get", "partner_unit", unit, NULL), ==, 0);
  obj = jl_test_json (out);
  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "思明区税务局");
  g_assert_cmpstr (json_object_get_string_member (obj, "_community_id"), ==, community);
  g_clear_pointer (&obj, json_object_unref);
  g_clear_pointer (&out, g_free);

  /* update only the given field, from stdin */
  g_assert_cmpint (run_cli (f->db, "{\"liaison\": \"陈晓东\"}", &out, NULL, "put", "partner_unit", "-", "--id", unit, NULL), ==, 0);
  obj = jl_test_json (out);
  g_assert_cmpstr (json_object_get_string_member (obj, "liaison"), ==, "陈晓东");
  g_assert_cmpstr (json_object_get_string_member (obj, "uscc"), ==, "91110000802100433B");
  g_clear_pointer (&obj, json_object_unref);
  g_clear_pointer (&out, g_free);

  /* list, text and JSON */
  g_assert_cmpint (run_cli (f->db, NULL, &out, &err, "list", "partner_unit", NULL), ==, 0);
  g_assert_nonnull (strstr (out, unit));
  g_assert_nonnull (strstr (out, "思明区税务局"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, &out, NULL, "--json", "list", "partner_unit", "--where", "unit_type=party_gov", NULL), ==, 0);
  g_assert_nonnull (strstr (out, unit));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, &out, NULL, "--json", "list", "partner_unit", "--where", "unit_type=school", NULL), ==, 0);
  g_assert_null (strstr (out, unit));
  g_clear_pointer (&out, g_free);

  /* search: a two-character Chinese query */
  g_assert_cmpint (run_cli (f->db, NULL, &out, &err, "search", "税务", NULL), ==, 0);
  g_assert_nonnull (strstr (out, unit));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* delete, then it is gone */
  g_assert_cmpint (run_cli (f->db, NULL, NULL, NULL, "delete", "partner_unit", unit, NULL), ==, 0);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "get", "partner_unit", unit, NULL), ==, 3);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, &out, &err, "search", "税务", NULL), ==, 0);
  g_assert_null (strstr (out, unit));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *community = put_ok (f->db, "community", "{\"name\": \"鼓浪屿社区\"}");
  g_autofree char *bad_uscc = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"某单位\", \"uscc\": \"91110000802100433A\"}",
                                               community);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "put", "partner_unit", bad_uscc, NULL), ==, 4);
  g_assert_nonnull (strstr (err, "(uscc)") ? strstr (err, "(uscc)") : strstr (err, "（uscc）"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "put", "community", "{\"name\": ", NULL), ==, 4);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "put", "community", "[1, 2]", NULL), ==, 4);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "put", "spaceship", "{}", NULL), ==, 4);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "put", "community", "{\"households\": \"many\"}", "--id", community, NULL), ==, 4);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "get", "community", "01234567-89ab-7def-8123-456789abcdef", NULL), ==, 3);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "frobnicate", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "get", "community", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "import", "/nonexistent/file.json", NULL), ==, 7);
  g_clear_pointer (&err, g_free);

  /* Nothing of the refused writes is stored. */
  g_assert_cmpint (run_cli (f->db, NULL, &out, NULL, "--json", "summary", NULL), ==, 0);
  {
    g_autoptr(JsonObject) counts = jl_test_json (out);
    g_assert_cmpint (json_object_get_int_member (counts, "community"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "partner_unit"), ==, 0);
  }
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  const char *text = "这不是数据库，只是一段文字。This is not a database at all, just some text.\n";
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (f->db, text, -1, NULL));
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "summary", NULL), ==, 6);
  g_assert_cmpstr (err, !=, "");
  g_assert_true (g_file_get_contents (f->db, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
}

static void
test_minutes_workflow (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *community = put_ok (f->db, "community", "{\"name\": \"莲前社区\"}");
  g_autofree char *host_json = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"林书记\"}", community);
  g_autofree char *host = put_ok (f->db, "person", host_json);
  g_autofree char *meeting_json = g_strdup_printf (
    "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"2025年第一季度党建联席会议\","
    " \"held_at\": \"2025-03-05 09:00\", \"place\": \"社区议事厅\", \"host_id\": \"%s\", \"recorder_id\": \"%s\","
    " \"attendance\": [{\"name\": \"林书记\", \"status\": \"present\"},"
    "                  {\"name\": \"王主任\", \"status\": \"leave\", \"reason\": \"外出开会\"}],"
    " \"agenda_item\": [{\"title\": \"加装电梯\", \"step_consult\": \"业主提出诉求\","
    "                   \"decision\": [{\"text\": \"物业牵头征求意见\", \"due_on\": \"2025-04-30\"}]},"
    "                  {\"title\": \"停车难\", \"step_plan\": \"错时共享车位\"}],"
    " \"state\": \"submitted\"}", community, host, host);
  g_autofree char *meeting = put_ok (f->db, "meeting", meeting_json);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (f->db, NULL, &out, NULL, "put", "meeting", "{\"state\": \"已审核\"}", "--id", meeting, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"approved\""));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "put", "meeting", "{\"title\": \"改过的标题\"}", "--id", meeting, NULL), ==, 5);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, NULL, &err, "delete", "meeting", meeting, NULL), ==, 5);
  g_clear_pointer (&err, g_free);

  {
    g_autofree char *amend = g_strdup_printf ("{\"meeting_id\": \"%s\", \"field\": \"title\", \"new_value\": \"2025年第一季度党建联席会议（更正）\","
                                              " \"reason\": \"标题笔误\"}", meeting);
    g_autofree char *amendment = put_ok (f->db, "amendment", amend);
    g_assert_nonnull (amendment);
  }
}

static void
test_results_and_roundtrip (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *community = put_ok (f->db, "community", "{\"name\": \"莲前社区\"}");
  g_autofree char *tpl_json = g_strdup_printf (
    "{\"community_id\": \"%s\", \"name\": \"红色物业考评表\","
    " \"eval_criterion\": [{\"content\": \"服务质量\", \"max_points\": 100, \"weight\": 100}]}", community);
  g_autofree char *tpl = put_ok (f->db, "eval_template", tpl_json);
  g_autofree char *round_json = g_strdup_printf (
    "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度物业考评\","
    " \"eval_target\": [{\"name\": \"金山花园物业\"}]}", community, tpl);
  g_autofree char *round = put_ok (f->db, "eval_round", round_json);
  const int totals[] = { 70, 82, 91, 88, 79, 95 };
  g_autofree char *out = NULL;
  g_autofree char *target = NULL;
  g_autofree char *criterion = NULL;
  g_autofree char *export1 = g_build_filename (f->dir, "one.json", NULL);
  g_autofree char *export2 = g_build_filename (f->dir, "two.json", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_cmpint (run_cli (f->db, NULL, &out, NULL, "--json", "list", "eval_target", NULL), ==, 0);
  {
    g_autoptr(JsonNode) node = json_from_string (out, NULL);
    target = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (node), 0), "id"));
  }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f->db, NULL, &out, NULL, "--json", "list", "eval_criterion", NULL), ==, 0);
  {
    g_autoptr(JsonNode) node = json_from_string (out, NULL);
    criterion = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (node), 0), "id"));
  }
  g_clear_pointer (&out, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *sheet = g_strdup_printf (
        "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": %u,"
        " \"eval_score\": [{\"criterion_id\": \"%s\", \"points\": %d}]}", round, target, i + 1, criterion, totals[i]);
      g_autofree char *id = put_ok (f->db, "eval_sheet", sheet);
    }

  g_assert_cmpint (run_cli (f->db, NULL, &out, NULL, "--json", "results", round, NULL), ==, 0);
  {
    g_autoptr(JsonNode) node = json_from_string (out, NULL);
    JsonObject *r = json_array_get_object_element (json_node_get_array (node), 0);

    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "final_score"), 85.00, 1e-9);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "raw_mean"), 84.17, 1e-9);
    g_assert_cmpstr (json_object_get_string_member (r, "band"), ==, "良好");
    g_assert_true (json_object_get_boolean_member (r, "dropped"));
    g_assert_cmpint (json_object_get_int_member (r, "rank"), ==, 1);
  }

  /* export → import → export is byte-identical */
  g_assert_cmpint (run_cli (f->db, NULL, NULL, NULL, "export", "--format", "json", export1, NULL), ==, 0);
  g_assert_cmpint (run_cli (db2, NULL, NULL, NULL, "import", export1, NULL), ==, 0);
  g_assert_cmpint (run_cli (db2, NULL, NULL, NULL, "export", "--format", "json", export2, NULL), ==, 0);
  g_assert_true (g_file_get_contents (export1, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (export2, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "红色物业考评表"));
}

static void
test_help (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, &out, NULL, "--help", NULL), ==, 0);
  /* Scripts rely on the documented exit codes. */
  g_assert_nonnull (strstr (out, "--db"));
  for (int code = 0; code <= 7; code++)
    {
      g_autofree char *line = g_strdup_printf ("  %d  ", code);
      g_assert_nonnull (strstr (out, line));
    }
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);

  g_test_add ("/jinlin/cli/crud", Fixture, NULL, fixture_setup, test_crud, fixture_teardown);
  g_test_add ("/jinlin/cli/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/jinlin/cli/not-a-database", Fixture, NULL, fixture_setup, test_not_a_database, fixture_teardown);
  g_test_add ("/jinlin/cli/minutes-workflow", Fixture, NULL, fixture_setup, test_minutes_workflow, fixture_teardown);
  g_test_add ("/jinlin/cli/results-and-roundtrip", Fixture, NULL, fixture_setup, test_results_and_roundtrip, fixture_teardown);
  g_test_add_func ("/jinlin/cli/help", test_help);

  return g_test_run ();
}
