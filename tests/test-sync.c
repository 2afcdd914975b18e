/* test-sync.c: clerks syncing through a real jinlin-server
 *
 * Every test starts its own jinlin-server process (127.0.0.1, port 0,
 * temporary database) and drives two or three clients through the core's
 * JlSyncClient, and some through jinlin-cli: the scenarios of
 * ../shared/SYNC.md §2.2 that need no PostgreSQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "jl-store-private.h"
#include "jl-store-sync.h"
#include "jl-sync-client-private.h"
#include "jl-test-proxy.h"
#include "jl-test-server.h"
#include "jl-test-util.h"

#define C1       "0190a6e2-7c1b-7d3e-8f00-00000000c001"
#define C2       "0190a6e2-7c1b-7d3e-8f00-00000000c002"
#define PASSWORD "secret-pass-1"
#define DAY_MS   (24 * 60 * 60 * 1000LL)
#define HOUR_MS  (60 * 60 * 1000LL)
#define MINUTE_AT_64_KBITS (64 * 1000 / 8 * 60)

typedef struct
{
  JlTestServer *server;
  char         *dir;
  guint         n_clients;
} Fixture;

typedef struct
{
  char         *db;
  JlStore      *store;
  JlSyncClient *client;
} Client;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = jl_test_server_new ();
  jl_test_server_add_user (f->server, "alice", PASSWORD, "clerk", (const char *[]) { C1, NULL }, FALSE);
  jl_test_server_add_user (f->server, "bob", PASSWORD, "clerk", (const char *[]) { C1, NULL }, FALSE);
  jl_test_server_add_user (f->server, "carol", PASSWORD, "secretary", (const char *[]) { C1, NULL }, FALSE);
  jl_test_server_add_user (f->server, "dave", PASSWORD, "clerk", (const char *[]) { C2, NULL }, FALSE);
  jl_test_server_start (f->server);
  f->dir = jl_test_dir_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  _jl_store_set_fake_wall_ms (0);
  jl_test_server_free (f->server);
  jl_test_dir_free (f->dir);
}

static Client *
client_open (Fixture    *f,
             const char *name)
{
  Client *c = g_new0 (Client, 1);
  g_autoptr(GError) error = NULL;

  c->db = g_strdup_printf ("%s/%s-%u.db", f->dir, name, f->n_clients++);
  c->store = jl_store_open (c->db, &error);
  g_assert_no_error (error);
  c->client = jl_sync_client_new (c->store);
  /* Retries are exercised, but quickly. */
  jl_sync_client_set_retry (c->client, 2, 20, 50);
  return c;
}

static Client *
client_new (Fixture    *f,
            const char *user)
{
  Client *c = client_open (f, user);
  g_autoptr(GError) error = NULL;

  jl_sync_client_login_sync (c->client, f->server->url, user, PASSWORD, user, NULL, &error);
  g_assert_no_error (error);
  return c;
}

static void
client_free (Client *c)
{
  g_clear_object (&c->client);
  g_clear_object (&c->store);
  g_free (c->db);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static JlSyncStats
sync_ok (Client *c)
{
  g_autoptr(GError) error = NULL;
  JlSyncStats stats = { 0 };

  jl_sync_client_run_sync (c->client, &stats, NULL, &error);
  g_assert_no_error (error);
  return stats;
}

static GError *
sync_fails (Client *c,
            int     code)
{
  GError *error = NULL;

  g_assert_false (jl_sync_client_run_sync (c->client, NULL, NULL, &error));
  g_assert_error (error, JL_SYNC_ERROR, code);
  return error;
}

static char *
value_of (Client     *c,
          const char *kind,
          const char *id,
          const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_get (c->store, kind, id, &error);
  JsonNode *node;

  g_assert_no_error (error);
  if (!jl_record_has_value (record, field))
    return NULL;
  node = json_object_get_member (jl_record_get_values (record), field);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
    ? g_strdup (json_node_get_string (node)) : json_to_string (node, FALSE);
}

static void
assert_value (Client     *c,
              const char *kind,
              const char *id,
              const char *field,
              const char *expected)
{
  g_autofree char *value = value_of (c, kind, id, field);

  g_assert_cmpstr (value, ==, expected);
}

static void
update (Client     *c,
        const char *kind,
        const char *id,
        const char *json)
{
  g_autoptr(JlRecord) record = jl_test_update_ok (c->store, kind, id, json);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (jl_record_get_id (*(JlRecord **) a), jl_record_get_id (*(JlRecord **) b));
}

/* Everything of community C1 a client holds, tombstones included, in a
 * form that must be equal on every replica. */
static char *
dump (Client *c)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const JlKind *const *kinds;
  guint n_kinds;

  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      JlQuery query = { .community_id = C1, .include_deleted = TRUE };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = jl_store_list (c->store, kinds[k]->name, &query, &error);

      g_assert_no_error (error);
      g_ptr_array_sort (list, compare_records);
      for (guint i = 0; i < list->len; i++)
        {
          g_autoptr(JsonNode) node = jl_record_to_json (list->pdata[i], FALSE);
          g_autofree char *text = json_to_string (node, FALSE);

          g_string_append_printf (out, "%s %s %s\n", kinds[k]->name,
                                  jl_record_get_deleted (list->pdata[i]) ? "deleted" : "live", text);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_same (Client *a,
             Client *b)
{
  g_autofree char *da = dump (a);
  g_autofree char *db = dump (b);

  g_assert_cmpstr (da, ==, db);
}

static GPtrArray *
conflicts (Client *c)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = jl_store_sync_conflicts (c->store, C1, FALSE, &error);

  g_assert_no_error (error);
  return list;
}

static gint64
pending (Client *c)
{
  return jl_store_outbox_count (c->store, NULL);
}

/* The community and a partner unit, made by @c and synced. */
static char *
seed_unit (Client *c)
{
  static guint counter = 0;
  g_autoptr(JlRecord) community = NULL;
  g_autoptr(GError) error = NULL;
  char *unit;

  community = jl_store_get (c->store, "community", C1, &error);
  if (community == NULL)
    g_free (jl_test_putf_ok (c->store, "community",
                             "{\"id\": \"%s\", \"name\": \"鹭江社区\", \"district\": \"思明区\"}", C1));
  unit = jl_test_putf_ok (c->store, "partner_unit",
                          "{\"community_id\": \"%s\", \"name\": \"厦门市自来水有限公司%u\", \"status\": \"active\"}",
                          C1, counter++);
  sync_ok (c);
  return unit;
}

/* Login
 */

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Client) c = client_open (f, "erin");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jl_sync_client_account_path (c->store);
  g_autofree char *message = NULL;
  g_autoptr(JlSyncAccount) account = NULL;
  GStatBuf st;

  /* erin has a real argon2id hash. */
  jl_test_server_add_user (f->server, "erin", "real-password-1", "clerk", (const char *[]) { C1, NULL }, TRUE);

  g_assert_false (jl_sync_client_login_sync (c->client, f->server->url, "erin", "wrong-password", NULL, NULL,
                                             &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_UNAUTHORIZED);
  message = g_strdup (error->message);
  g_clear_error (&error);
  g_assert_false (jl_sync_client_is_logged_in (c->client));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (jl_store_sync_get_account (c->store, NULL));

  /* An unknown user gets the very same answer. */
  g_assert_false (jl_sync_client_login_sync (c->client, f->server->url, "nobody", "wrong-password", NULL, NULL,
                                             &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  /* Not logged in: sync says so. */
  error = sync_fails (c, JL_SYNC_ERROR_NOT_LOGGED_IN);
  g_clear_error (&error);

  g_assert_true (jl_sync_client_login_sync (c->client, f->server->url, "erin", "real-password-1", "办公室", NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_true (jl_sync_client_is_logged_in (c->client));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  account = jl_store_sync_get_account (c->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->user_name, ==, "erin");
  g_assert_cmpstr (account->role, ==, "clerk");
  g_assert_cmpstrv (account->communities, ((const char *[]) { C1, NULL }));
  sync_ok (c);

  /* Five failures in a minute lock the name (from this address), even
   * for the right password. */
  for (guint i = 0; i < 5; i++)
    {
      g_assert_false (jl_sync_client_login_sync (c->client, f->server->url, "bob", "guess-guess", NULL, NULL,
                                                 &error));
      g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_UNAUTHORIZED);
      g_clear_error (&error);
    }
  g_assert_false (jl_sync_client_login_sync (c->client, f->server->url, "bob", PASSWORD, NULL, NULL, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_RATE_LIMITED);
  /* The failed attempts did not touch erin's login. */
  g_assert_true (jl_sync_client_is_logged_in (c->client));
}

/* Round trip
 */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = NULL;
  g_autoptr(Client) d = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *person = NULL;
  g_autofree char *meeting = NULL;
  JlSyncStats stats;
  gint64 n;

  g_free (jl_test_putf_ok (a->store, "community",
                           "{\"id\": \"%s\", \"name\": \"鹭江社区\", \"district\": \"思明区\", \"households\": 3200,"
                           " \"area_km2\": 1.25}", C1));
  unit = jl_test_putf_ok (a->store, "partner_unit",
                          "{\"community_id\": \"%s\", \"name\": \"厦门市自来水有限公司\", \"uscc\": \"91350203MA31ABCD7E\","
                          " \"status\": \"active\", \"resources\": [\"场地\", \"志愿者\"],"
                          " \"part_time_member\": [{\"name\": \"王强\", \"term_start\": \"2024-01-01\"}],"
                          " \"project\": [{\"year\": 2025, \"lian_type\": \"service\", \"title\": \"管网改造\","
                          "   \"budget\": 50000.5}]}", C1);
  person = jl_test_putf_ok (a->store, "person", "{\"community_id\": \"%s\", \"name\": \"陈美丽\"}", C1);
  meeting = jl_test_putf_ok (a->store, "meeting",
                             "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"第一季度联席会议\","
                             " \"held_at\": \"2025-03-05 14:30\", \"host_id\": \"%s\","
                             " \"attendance\": [{\"name\": \"陈美丽\", \"status\": \"present\"}],"
                             " \"agenda_item\": [{\"title\": \"加装电梯\","
                             "   \"decision\": [{\"text\": \"由物业牵头完成意见征集\", \"progress\": 20}]}]}",
                             C1, person);
  n = pending (a);
  g_assert_cmpint (n, >, 20);

  stats = sync_ok (a);
  g_assert_cmpuint (stats.pushed, ==, n);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  /* Its own changes come back as echoes that change nothing. */
  g_assert_cmpuint (stats.pulled, ==, 0);
  g_assert_cmpint (pending (a), ==, 0);

  b = client_new (f, "bob");
  stats = sync_ok (b);
  g_assert_cmpuint (stats.pushed, ==, 0);
  g_assert_cmpuint (stats.pulled, >=, 9);
  assert_same (a, b);
  assert_value (b, "partner_unit", unit, "name", "厦门市自来水有限公司");
  assert_value (b, "community", C1, "area_km2", "1.25");
  /* Applying pulled rows made no outbox entries, and search knows them. */
  g_assert_cmpint (pending (b), ==, 0);
  hits = jl_store_search (b->store, "自来水", NULL, NULL, 0, NULL);
  g_assert_cmpuint (hits->len, ==, 1);

  /* Nothing new: nothing moves. */
  stats = sync_ok (a);
  g_assert_cmpuint (stats.pushed + stats.pulled, ==, 0);

  /* A district user reads the communities of its district, writes none. */
  jl_test_server_add_user (f->server, "dora", PASSWORD, "district", (const char *[]) { "思明区", NULL }, FALSE);
  d = client_new (f, "dora");
  sync_ok (d);
  assert_same (a, d);
  update (d, "partner_unit", unit, "{\"note\": \"区里的批注\"}");
  stats = sync_ok (d);
  g_assert_cmpuint (stats.pushed, ==, 0);
  g_assert_cmpint (stats.pending, ==, 1);
  sync_ok (a);
  g_assert_null (value_of (a, "partner_unit", unit, "note"));
}

/* Different fields of one record, both offline: both edits survive, in
 * either order. */
static void
test_different_fields (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");

  for (guint order = 0; order < 2; order++)
    {
      g_autofree char *unit = seed_unit (a);
      Client *first = order ? b : a;
      Client *second = order ? a : b;

      sync_ok (b);
      update (a, "partner_unit", unit, "{\"address\": \"湖滨南路1号\"}");
      update (b, "partner_unit", unit, "{\"chief\": \"李经理\", \"staff\": 120}");
      sync_ok (first);
      sync_ok (second);
      sync_ok (first);

      for (guint i = 0; i < 2; i++)
        {
          Client *c = i ? b : a;

          assert_value (c, "partner_unit", unit, "address", "湖滨南路1号");
          assert_value (c, "partner_unit", unit, "chief", "李经理");
          assert_value (c, "partner_unit", unit, "staff", "120");
        }
      assert_same (a, b);
      {
        g_autoptr(GPtrArray) ca = conflicts (a);
        g_autoptr(GPtrArray) cb = conflicts (b);

        g_assert_cmpuint (ca->len, ==, 0);
        g_assert_cmpuint (cb->len, ==, 0);
      }
    }
}

/* The same field, both offline: the later stamp wins on every replica and
 * the other value is in the conflict log everywhere; restoring it is an
 * ordinary edit. */
static void
test_same_field (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");

  for (guint order = 0; order < 2; order++)
    {
      g_autofree char *unit = seed_unit (a);
      g_autofree char *a_value = g_strdup_printf ("A 的名称 %u", order);
      g_autofree char *b_value = g_strdup_printf ("B 的名称 %u", order);
      g_autofree char *a_json = g_strdup_printf ("{\"name\": \"%s\"}", a_value);
      g_autofree char *b_json = g_strdup_printf ("{\"name\": \"%s\"}", b_value);
      g_autoptr(GPtrArray) ca = NULL;
      g_autoptr(GPtrArray) cb = NULL;
      gint64 now = g_get_real_time () / 1000;
      JlSyncConflict *conflict;
      JlSyncStats stats;

      sync_ok (b);
      _jl_store_set_fake_wall_ms (now + 1000);
      update (a, "partner_unit", unit, a_json);
      _jl_store_set_fake_wall_ms (now + 2000);
      update (b, "partner_unit", unit, b_json);
      _jl_store_set_fake_wall_ms (0);

      if (order == 0)
        {
          sync_ok (a);
          stats = sync_ok (b);
          g_assert_cmpuint (stats.superseded, ==, 0);
          sync_ok (a);
        }
      else
        {
          sync_ok (b);
          stats = sync_ok (a);
          /* A's value lost: replaced locally by B's. */
          g_assert_cmpuint (stats.superseded, ==, 1);
          g_assert_cmpuint (stats.conflicts, ==, 1);
          sync_ok (b);
        }

      assert_value (a, "partner_unit", unit, "name", b_value);
      assert_value (b, "partner_unit", unit, "name", b_value);
      assert_same (a, b);

      ca = conflicts (a);
      cb = conflicts (b);
      g_assert_cmpuint (ca->len, ==, order + 1);
      g_assert_cmpuint (cb->len, ==, order + 1);
      conflict = ca->pdata[0];
      g_assert_cmpstr (conflict->id, ==, ((JlSyncConflict *) cb->pdata[0])->id);
      g_assert_cmpstr (conflict->conflict_kind, ==, "concurrent");
      g_assert_cmpstr (conflict->row_id, ==, unit);
      g_assert_cmpstr (conflict->field, ==, "name");
      g_assert_true (g_str_has_prefix (conflict->loser_value, "\"A 的名称"));
      g_assert_true (g_str_has_prefix (conflict->winner_value, "\"B 的名称"));
      g_assert_cmpstr (conflict->loser_user, ==, "alice");
      g_assert_cmpstr (conflict->winner_user, ==, "bob");
      g_assert_cmpint (jl_hlc_get_ms (conflict->loser_hlc), ==, now + 1000);
      g_assert_cmpstr (conflict->status, ==, "open");

      /* Restoring the lost value is a normal, sequential edit. */
      update (a, "partner_unit", unit, a_json);
      stats = sync_ok (a);
      g_assert_cmpuint (stats.superseded, ==, 0);
      g_assert_cmpuint (stats.conflicts, ==, 0);
      sync_ok (b);
      assert_value (b, "partner_unit", unit, "name", a_value);
      g_clear_pointer (&cb, g_ptr_array_unref);
      cb = conflicts (b);
      g_assert_cmpuint (cb->len, ==, order + 1);
    }
}

/* B edits offline, then pulls A's newer edit of the same field before
 * pushing: still concurrent (the base was taken at edit time), never a
 * silent win. And a field edited a hundred times offline is one change. */
static void
test_pull_before_push (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autofree char *unit = seed_unit (a);
  g_autoptr(GPtrArray) cb = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / 1000;
  JlSyncStats stats = { 0 };

  sync_ok (b);
  _jl_store_set_fake_wall_ms (now + 1000);
  for (guint i = 1; i <= 100; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"B 第%u次修改\"}", i);
      update (b, "partner_unit", unit, json);
    }
  g_assert_cmpint (pending (b), ==, 1);
  _jl_store_set_fake_wall_ms (now + 2000);
  update (a, "partner_unit", unit, "{\"name\": \"A 的新名称\"}");
  _jl_store_set_fake_wall_ms (0);
  sync_ok (a);

  /* B pulls first: its pending value stays on screen. */
  g_assert_true (jl_sync_client_pull_sync (b->client, &stats, NULL, &error));
  g_assert_no_error (error);
  assert_value (b, "partner_unit", unit, "name", "B 第100次修改");
  g_assert_cmpint (pending (b), ==, 1);

  stats = sync_ok (b);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (stats.superseded, ==, 1);
  assert_value (b, "partner_unit", unit, "name", "A 的新名称");
  cb = conflicts (b);
  g_assert_cmpuint (cb->len, ==, 1);
  g_assert_cmpstr (((JlSyncConflict *) cb->pdata[0])->loser_value, ==, "\"B 第100次修改\"");
  sync_ok (a);
  assert_same (a, b);
}

/* A deletes, B edits offline: the row stays deleted with B's text in the
 * tombstone, and the edit is in the conflict log. */
static void
test_delete_vs_edit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");

  for (guint order = 0; order < 2; order++)
    {
      g_autofree char *unit = seed_unit (a);
      g_autofree char *sql = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JlRecord) gone = NULL;
      g_autoptr(GPtrArray) ca = NULL;
      g_autoptr(GPtrArray) cb = NULL;
      gint64 now = g_get_real_time () / 1000;

      sync_ok (b);
      _jl_store_set_fake_wall_ms (now + 1000);
      g_assert_true (jl_store_delete (a->store, "partner_unit", unit, &error));
      g_assert_no_error (error);
      _jl_store_set_fake_wall_ms (now + 2000);
      update (b, "partner_unit", unit, "{\"address\": \"删除后补录的地址\"}");
      _jl_store_set_fake_wall_ms (0);

      sync_ok (order ? b : a);
      sync_ok (order ? a : b);
      sync_ok (order ? b : a);

      for (guint i = 0; i < 2; i++)
        {
          Client *c = i ? b : a;

          gone = jl_store_get (c->store, "partner_unit", unit, &error);
          g_assert_null (gone);
          g_assert_error (error, JL_ERROR, JL_ERROR_NOT_FOUND);
          g_clear_error (&error);
          sql = g_strdup_printf ("SELECT count(*) FROM partner_unit WHERE id = '%s' AND deleted = 1"
                                 " AND address = '删除后补录的地址'", unit);
          g_assert_cmpint (jl_test_sql_int (c->store, sql), ==, 1);
          g_clear_pointer (&sql, g_free);
        }
      assert_same (a, b);
      ca = conflicts (a);
      cb = conflicts (b);
      g_assert_cmpuint (ca->len, ==, order + 1);
      g_assert_cmpuint (cb->len, ==, order + 1);
      g_assert_cmpstr (((JlSyncConflict *) ca->pdata[0])->conflict_kind, ==, "edited_after_delete");
      g_assert_cmpstr (((JlSyncConflict *) ca->pdata[0])->field, ==, "address");
      g_assert_cmpstr (((JlSyncConflict *) ca->pdata[0])->loser_value, ==, "\"删除后补录的地址\"");
    }
}

/* Create, sync, delete, sync within moments; a fresh install's full pull
 * must not bring the record back. */
static void
test_no_resurrection (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autofree char *unit = seed_unit (a);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM partner_unit WHERE id = '%s' AND deleted = 1", unit);
  JlQuery query = { .community_id = C1 };

  g_assert_true (jl_store_delete (a->store, "partner_unit", unit, &error));
  sync_ok (a);

  c = client_new (f, "carol");
  sync_ok (c);
  record = jl_store_get (c->store, "partner_unit", unit, &error);
  g_assert_null (record);
  g_assert_error (error, JL_ERROR, JL_ERROR_NOT_FOUND);
  g_assert_cmpint (jl_store_count (c->store, "partner_unit", &query, NULL), ==, 0);
  /* It is there as a tombstone. */
  g_assert_cmpint (jl_test_sql_int (c->store, sql), ==, 1);
  sync_ok (a);
  sync_ok (c);
  g_assert_cmpint (jl_store_count (a->store, "partner_unit", &query, NULL), ==, 0);
  assert_same (a, c);
}

/* The same score cell entered on two computers: one row (its id comes
 * from the sheet and the criterion); a conflict only where values differ. */
static void
test_natural_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(GPtrArray) ca = NULL;
  g_autoptr(GPtrArray) cb = NULL;
  g_autofree char *tpl = NULL;
  g_autofree char *round = NULL;
  g_autofree char *target = NULL;
  g_autofree char *sheet = NULL;
  JlQuery query = { .filters = { { "template_id", NULL } }, .order_by = "position" };
  JlQuery scores = { .filters = { { "sheet_id", NULL } } };
  const char *crit[2];

  g_free (seed_unit (a));
  tpl = jl_test_putf_ok (a->store, "eval_template",
                         "{\"community_id\": \"%s\", \"name\": \"物业服务测评\","
                         " \"eval_criterion\": [{\"position\": 1, \"content\": \"保洁\", \"max_points\": 40, \"weight\": 40},"
                         "  {\"position\": 2, \"content\": \"安保\", \"max_points\": 60, \"weight\": 60}]}", C1);
  query.filters[0].value = tpl;
  criteria = jl_store_list (a->store, "eval_criterion", &query, NULL);
  g_assert_cmpuint (criteria->len, ==, 2);
  crit[0] = jl_record_get_id (criteria->pdata[0]);
  crit[1] = jl_record_get_id (criteria->pdata[1]);
  round = jl_test_putf_ok (a->store, "eval_round",
                           "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度测评\"}", C1, tpl);
  target = jl_test_putf_ok (a->store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"鹭江物业\"}", round);
  sheet = jl_test_putf_ok (a->store, "eval_sheet",
                           "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 1}", round, target);
  sync_ok (a);
  sync_ok (b);

  /* Same cell, same value; same cell, different values. */
  g_free (jl_test_putf_ok (a->store, "eval_score",
                           "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 30}", sheet, crit[0]));
  g_free (jl_test_putf_ok (b->store, "eval_score",
                           "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 30}", sheet, crit[0]));
  g_free (jl_test_putf_ok (a->store, "eval_score",
                           "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 40}", sheet, crit[1]));
  g_free (jl_test_putf_ok (b->store, "eval_score",
                           "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 45}", sheet, crit[1]));
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);

  scores.filters[0].value = sheet;
  g_assert_cmpint (jl_store_count (a->store, "eval_score", &scores, NULL), ==, 2);
  g_assert_cmpint (jl_store_count (b->store, "eval_score", &scores, NULL), ==, 2);
  assert_same (a, b);
  ca = conflicts (a);
  cb = conflicts (b);
  g_assert_cmpuint (ca->len, ==, 1);
  g_assert_cmpuint (cb->len, ==, 1);
  g_assert_cmpstr (((JlSyncConflict *) ca->pdata[0])->field, ==, "points");
}

/* A clock three days ahead: its writes are accepted, clamped to the
 * server's clock plus five minutes, the clerk is warned, and a normal edit
 * by another clerk an hour later still wins. */
static void
test_clock_ahead (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(JlSyncAccount) account = NULL;
  g_autoptr(GPtrArray) cb = NULL;
  g_autofree char *unit = seed_unit (a);
  gint64 real = g_get_real_time () / 1000;
  JlSyncConflict *conflict;
  JlSyncStats stats;

  sync_ok (b);
  _jl_store_set_fake_wall_ms (real + 3 * DAY_MS);
  update (a, "partner_unit", unit, "{\"name\": \"未来的名称\"}");
  stats = sync_ok (a);
  g_assert_true (stats.has_skew_warning);
  g_assert_cmpint (stats.skew_ms, >, 3 * DAY_MS - 60000);
  g_assert_cmpint (stats.skew_ms, <, 3 * DAY_MS + 60000);
  account = jl_store_sync_get_account (a->store, NULL);
  g_assert_cmpint (account->skew_ms, ==, stats.skew_ms);

  /* An hour later, by the server's clock and B's. */
  jl_test_server_set_clock (f->server, HOUR_MS);
  _jl_store_set_fake_wall_ms (real + HOUR_MS);
  update (b, "partner_unit", unit, "{\"name\": \"一小时后的名称\"}");
  stats = sync_ok (b);
  g_assert_false (stats.has_skew_warning);
  _jl_store_set_fake_wall_ms (0);
  sync_ok (a);

  assert_value (a, "partner_unit", unit, "name", "一小时后的名称");
  assert_value (b, "partner_unit", unit, "name", "一小时后的名称");
  cb = conflicts (b);
  g_assert_cmpuint (cb->len, ==, 1);
  conflict = cb->pdata[0];
  g_assert_cmpstr (conflict->loser_value, ==, "\"未来的名称\"");
  /* Stored clamped, not three days ahead. */
  g_assert_cmpint (jl_hlc_get_ms (conflict->loser_hlc), <=, real + 5 * 60000 + 60000);
  /* B's clock was not dragged along. */
  g_assert_cmpint (jl_hlc_get_ms (b->store->last_hlc), <, real + 2 * HOUR_MS);
  jl_test_server_set_clock (f->server, 0);
}

/* A CMOS reset to 2001 after a power cut: writes go on, ordered after the
 * earlier ones; sync works and nothing is refused. A clerk whose clock is
 * behind but who saw the latest value still wins (sequential). */
static void
test_clock_2001 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(GPtrArray) cb = NULL;
  g_autofree char *unit = seed_unit (a);
  g_autoptr(JlRecord) before = jl_store_get (a->store, "partner_unit", unit, NULL);
  g_autoptr(JlRecord) after = NULL;
  JlSyncStats stats;

  sync_ok (b);
  _jl_store_set_fake_wall_ms (978307200000);  /* 2001-01-01 */
  after = jl_test_update_ok (a->store, "partner_unit", unit, "{\"name\": \"停电后的名称\"}");
  g_assert_cmpuint (jl_record_get_hlc (after), >, jl_record_get_hlc (before));
  stats = sync_ok (a);
  g_assert_true (stats.has_skew_warning);
  g_assert_cmpint (stats.skew_ms, <, -20 * 365 * DAY_MS);

  /* B, two days slow, pulls A's edit and then edits the same field. */
  _jl_store_set_fake_wall_ms (g_get_real_time () / 1000 - 2 * DAY_MS);
  sync_ok (b);
  assert_value (b, "partner_unit", unit, "name", "停电后的名称");
  update (b, "partner_unit", unit, "{\"name\": \"慢钟也能改\"}");
  stats = sync_ok (b);
  g_assert_cmpuint (stats.superseded, ==, 0);
  _jl_store_set_fake_wall_ms (0);
  sync_ok (a);
  assert_value (a, "partner_unit", unit, "name", "慢钟也能改");
  cb = conflicts (b);
  g_assert_cmpuint (cb->len, ==, 0);
}

/* An edit made while a push is in flight stays pending; the in-flight
 * acknowledgement never marks it synced. */
typedef struct
{
  JlStore *store;
  char    *unit;
  guint    replies;
  guint    pushes;
  gboolean checked;
} InFlight;

static gboolean
in_flight_hook (JlSyncClient    *client,
                JlSyncHookPoint  point,
                gpointer         data)
{
  InFlight *d = data;

  if (point == JL_SYNC_HOOK_AFTER_PUSH_REPLY && d->replies++ == 0)
    {
      g_autoptr(JlRecord) r = jl_test_update_ok (d->store, "partner_unit", d->unit,
                                                 "{\"name\": \"推送途中的修改\"}");
    }
  else if (point == JL_SYNC_HOOK_BEFORE_PUSH && d->pushes++ == 1)
    {
      g_autoptr(GPtrArray) entries = jl_store_outbox_peek (d->store, 0, NULL);

      /* The first acknowledgement left the new edit alone. */
      g_assert_cmpuint (entries->len, ==, 1);
      g_assert_cmpstr (((JlChange *) entries->pdata[0])->field, ==, "name");
      g_assert_cmpstr (((JlChange *) entries->pdata[0])->value, ==, "\"推送途中的修改\"");
      d->checked = TRUE;
    }
  return TRUE;
}

static void
test_edit_during_push (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autofree char *unit = seed_unit (a);
  InFlight d = { a->store, unit, 0, 0, FALSE };
  g_autoptr(GPtrArray) ca = NULL;
  JlSyncStats stats;

  update (a, "partner_unit", unit, "{\"name\": \"推送前的名称\", \"chief\": \"李经理\"}");
  _jl_sync_client_set_test_hook (a->client, in_flight_hook, &d);
  stats = sync_ok (a);
  _jl_sync_client_set_test_hook (a->client, NULL, NULL);
  g_assert_true (d.checked);
  g_assert_cmpuint (stats.pushed, ==, 3);
  g_assert_cmpint (pending (a), ==, 0);
  assert_value (a, "partner_unit", unit, "name", "推送途中的修改");

  sync_ok (b);
  assert_value (b, "partner_unit", unit, "name", "推送途中的修改");
  assert_same (a, b);
  /* Its own two edits of one field are no conflict. */
  ca = conflicts (a);
  g_assert_cmpuint (ca->len, ==, 0);
}

/* A crash after the server committed a push but before the client
 * applied the answer: the retry changes nothing twice. */
static gboolean
crash_once_hook (JlSyncClient    *client,
                 JlSyncHookPoint  point,
                 gpointer         data)
{
  guint *crashes = data;

  if (point == JL_SYNC_HOOK_AFTER_PUSH_REPLY && *crashes == 0)
    {
      (*crashes)++;
      return FALSE;
    }
  return TRUE;
}

static void
test_retry_after_commit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) ca = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = seed_unit (a);
  guint crashes = 0;
  gint64 seq;

  sync_ok (b);
  seq = jl_store_sync_get_cursor (b->store, C1, NULL);
  update (a, "partner_unit", unit, "{\"name\": \"重试的名称\", \"chief\": \"李经理\", \"staff\": 12}");
  g_free (jl_test_putf_ok (a->store, "project", "{\"unit_id\": \"%s\", \"year\": 2025, \"lian_type\": \"service\","
                           " \"title\": \"管网改造\"}", unit));
  before = jl_store_outbox_peek (a->store, 0, NULL);

  /* No retries: the crash is the end of this run. */
  jl_sync_client_set_retry (a->client, 1, 0, 0);
  _jl_sync_client_set_test_hook (a->client, crash_once_hook, &crashes);
  g_assert_false (jl_sync_client_run_sync (a->client, NULL, NULL, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK);
  g_clear_error (&error);
  /* The server has it all; the client does not know. Same entries, same
   * change ids. */
  after = jl_store_outbox_peek (a->store, 0, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((JlChange *) after->pdata[i])->change_id, ==, ((JlChange *) before->pdata[i])->change_id);

  sync_ok (a);
  _jl_sync_client_set_test_hook (a->client, NULL, NULL);
  g_assert_cmpint (pending (a), ==, 0);
  sync_ok (b);
  /* Each change took exactly one sequence number. */
  g_assert_cmpint (jl_store_sync_get_cursor (b->store, C1, NULL), ==, seq + (gint64) before->len);
  assert_same (a, b);
  ca = conflicts (a);
  g_assert_cmpuint (ca->len, ==, 0);
}

/* jinlin-cli as a script runs it
 */

static int
run_cli (const char  *db,
         const char  *input,
         const char  *crash,
         char       **out,
         ...) G_GNUC_NULL_TERMINATED;

static int
run_cli (const char  *db,
         const char  *input,
         const char  *crash,
         char       **out,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("JINLIN_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, out);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (crash != NULL)
    g_subprocess_launcher_setenv (launcher, "JINLIN_SYNC_TEST_CRASH", crash, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &o, &e, &error);
  g_assert_no_error (error);
  if (e && *e)
    g_test_message ("jinlin-cli: %s", e);
  if (out)
    *out = g_strconcat (o ? o : "", e ? e : "", NULL);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *pwfile = g_build_filename (f->dir, "password", NULL);
  g_autofree char *out = NULL;
  g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"name\": \"鹭江社区\"}", C1);
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(GError) error = NULL;
  guint port = f->server->port;

  g_file_set_contents (pwfile, PASSWORD "\n", -1, &error);
  g_assert_no_error (error);

  /* Not logged in yet. */
  g_assert_cmpint (run_cli (db, NULL, NULL, &out, "sync", NULL), ==, 9);
  g_clear_pointer (&out, g_free);
  /* Wrong password on stdin. */
  g_assert_cmpint (run_cli (db, "not-the-password\n", NULL, &out, "login", "--server", f->server->url,
                            "--user", "alice", NULL), ==, 9);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (db, PASSWORD "\n", NULL, &out, "login", "--server", f->server->url,
                            "--user", "alice", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (db, NULL, NULL, &out, "login", "--server", f->server->url, "--user", "alice",
                            "--password-file", pwfile, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (db, NULL, NULL, NULL, "put", "community", json, NULL), ==, 0);
  g_assert_cmpint (run_cli (db, NULL, NULL, &out, "sync", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "pushed 1, pulled 0, conflicts 0\n"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (db, NULL, NULL, &out, "--json", "sync", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"pushed\" : 0"));
  g_clear_pointer (&out, g_free);

  /* A crash between the server's commit and ours, for real (the CLI
   * exits in the middle), then repeated SIGKILLs at random moments: no
   * change lost, none applied twice. */
  g_assert_cmpint (run_cli (db, NULL, NULL, NULL, "put", "community",
                            "{\"id\": \"" C1 "\", \"households\": 3201}", NULL), ==, 0);
  g_assert_cmpint (run_cli (db, NULL, "after-push", NULL, "sync", NULL), ==, 99);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *change = g_strdup_printf ("{\"id\": \"" C1 "\", \"population\": %u}", 9000 + i);
      g_autoptr(GSubprocess) proc = NULL;
      const char *argv[] = { g_getenv ("JINLIN_CLI"), "--db", db, "sync", NULL };

      g_assert_cmpint (run_cli (db, NULL, NULL, NULL, "put", "community", change, NULL), ==, 0);
      proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
      g_assert_no_error (error);
      g_usleep (g_random_int_range (0, 60000));
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, NULL);
    }
  g_assert_cmpint (run_cli (db, NULL, NULL, &out, "sync", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  sync_ok (b);
  assert_value (b, "community", C1, "households", "3201");
  assert_value (b, "community", C1, "population", "9005");
  {
    g_autoptr(JlStore) store = jl_store_open (db, &error);
    g_autoptr(GPtrArray) cb = conflicts (b);

    g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, 0);
    g_assert_cmpuint (cb->len, ==, 0);
  }

  /* Server down: exit 8, the change waits. */
  jl_test_server_stop (f->server);
  g_assert_cmpint (run_cli (db, NULL, NULL, NULL, "put", "community",
                            "{\"id\": \"" C1 "\", \"households\": 3202}", NULL), ==, 0);
  g_assert_cmpint (run_cli (db, NULL, NULL, &out, "sync", "--attempts", "1", NULL), ==, 8);
  g_clear_pointer (&out, g_free);
  g_assert_cmpuint (f->server->port, ==, port);
  jl_test_server_start (f->server);
  g_assert_cmpint (run_cli (db, NULL, NULL, &out, "sync", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "pushed 1,"));
}

/* The server restarts in the middle: during a push, and between two pages
 * of a pull; sync resumes from the last committed page. */
static gboolean
kill_server_hook (JlSyncClient    *client,
                  JlSyncHookPoint  point,
                  gpointer         data)
{
  Fixture *f = data;

  if (f->server->proc != NULL &&
      (point == JL_SYNC_HOOK_BEFORE_PUSH ||
       (point == JL_SYNC_HOOK_BEFORE_PULL && jl_store_sync_get_cursor (jl_sync_client_get_store (client), C1, NULL) > 0)))
    jl_test_server_kill (f->server);
  return TRUE;
}

static void
test_server_restart (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) c = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = seed_unit (a);
  gint64 cursor;

  /* Enough for two pages. */
  g_assert_true (jl_store_begin (a->store, NULL));
  for (guint i = 0; i < 600; i++)
    g_free (jl_test_putf_ok (a->store, "person", "{\"community_id\": \"%s\", \"name\": \"居民%u\"}", C1, i));
  g_assert_true (jl_store_commit (a->store, NULL));
  before = jl_store_outbox_peek (a->store, 0, NULL);

  _jl_sync_client_set_test_hook (a->client, kill_server_hook, f);
  g_assert_false (jl_sync_client_run_sync (a->client, NULL, NULL, &error));
  _jl_sync_client_set_test_hook (a->client, NULL, NULL);
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK);
  g_clear_error (&error);
  after = jl_store_outbox_peek (a->store, 0, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpstr (((JlChange *) after->pdata[0])->change_id, ==, ((JlChange *) before->pdata[0])->change_id);

  jl_test_server_start (f->server);
  sync_ok (a);
  g_assert_cmpint (pending (a), ==, 0);

  c = client_new (f, "carol");
  _jl_sync_client_set_test_hook (c->client, kill_server_hook, f);
  g_assert_false (jl_sync_client_run_sync (c->client, NULL, NULL, &error));
  _jl_sync_client_set_test_hook (c->client, NULL, NULL);
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK);
  /* The first page is in, with its cursor. */
  cursor = jl_store_sync_get_cursor (c->store, C1, NULL);
  g_assert_cmpint (cursor, >, 0);
  g_assert_cmpint (jl_store_count (c->store, "person", NULL, NULL), ==, JL_SYNC_PAGE_DEFAULT - 2);

  jl_test_server_start (f->server);
  sync_ok (c);
  g_assert_cmpint (jl_store_sync_get_cursor (c->store, C1, NULL), >, cursor);
  assert_same (a, c);
}

/* A revoked device: 401, the outbox is kept, logging in again lets it
 * through. */
static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(JlSyncAccount) account = jl_store_sync_get_account (a->store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = seed_unit (a);
  g_autofree char *out = NULL;

  g_assert_cmpint (jl_test_server_admin (f->server, NULL, &out, "device", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, account->remote_device_id));
  g_assert_cmpint (jl_test_server_admin (f->server, NULL, NULL, "device", "revoke", account->remote_device_id,
                                         NULL), ==, 0);

  update (a, "partner_unit", unit, "{\"chief\": \"撤销后的修改\"}");
  g_assert_cmpint (pending (a), ==, 1);
  error = sync_fails (a, JL_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpint (pending (a), ==, 1);
  g_clear_pointer (&account, jl_sync_account_free);
  account = jl_store_sync_get_account (a->store, NULL);
  g_assert_nonnull (account->last_error);
  g_assert_cmpint (run_cli (a->db, NULL, NULL, NULL, "sync", NULL), ==, 9);
  g_assert_cmpint (pending (a), ==, 1);

  jl_sync_client_login_sync (a->client, f->server->url, "alice", PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  sync_ok (a);
  g_assert_cmpint (pending (a), ==, 0);
  sync_ok (b);
  assert_value (b, "partner_unit", unit, "chief", "撤销后的修改");
}

/* Approved minutes are never altered by a merge: a concurrent edit is
 * quarantined ("frozen") and shown; the approver's own earlier edits in
 * the same push go through. */
static void
test_frozen_minutes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(GPtrArray) ca = NULL;
  g_autoptr(GPtrArray) cb = NULL;
  g_autofree char *person = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *attendance = NULL;
  JlSyncStats stats;

  g_free (seed_unit (a));
  person = jl_test_putf_ok (a->store, "person", "{\"community_id\": \"%s\", \"name\": \"陈美丽\"}", C1);
  meeting = jl_test_putf_ok (a->store, "meeting",
                             "{\"community_id\": \"%s\", \"meeting_type\": \"committee\", \"title\": \"支委会\","
                             " \"held_at\": \"2025-02-01 09:00\", \"place\": \"会议室\", \"host_id\": \"%s\","
                             " \"recorder_id\": \"%s\", \"summary\": \"原始纪要\","
                             " \"attendance\": [{\"name\": \"陈美丽\", \"status\": \"present\"}]}",
                             C1, person, person);
  sync_ok (a);
  sync_ok (b);
  {
    JlQuery query = { .filters = { { "meeting_id", meeting } } };
    g_autoptr(GPtrArray) list = jl_store_list (b->store, "attendance", &query, NULL);

    g_assert_cmpuint (list->len, ==, 1);
    attendance = g_strdup (jl_record_get_id (list->pdata[0]));
  }

  /* B, not knowing of the approval: a concurrent edit and a delete. */
  g_assert_true (jl_store_delete (b->store, "attendance", attendance, NULL));
  update (b, "meeting", meeting, "{\"summary\": \"B 改写的纪要\"}");
  /* The title edit is pushed after the approval (its state entry is the
   * older one), yet it is part of what A approved. */
  update (a, "meeting", meeting, "{\"state\": \"submitted\"}");
  update (a, "meeting", meeting, "{\"title\": \"支委会（定稿）\"}");
  update (a, "meeting", meeting, "{\"state\": \"approved\"}");
  stats = sync_ok (a);
  g_assert_cmpuint (stats.quarantined, ==, 0);

  stats = sync_ok (b);
  g_assert_cmpuint (stats.quarantined, ==, 2);
  sync_ok (a);
  for (guint i = 0; i < 2; i++)
    {
      Client *c = i ? b : a;
      g_autoptr(JlRecord) kept = jl_store_get (c->store, "attendance", attendance, NULL);

      /* The delete did not go through: the row is back on B. */
      g_assert_nonnull (kept);
      assert_value (c, "meeting", meeting, "state", "approved");
      assert_value (c, "meeting", meeting, "title", "支委会（定稿）");
      assert_value (c, "meeting", meeting, "summary", "原始纪要");
    }
  assert_same (a, b);
  ca = conflicts (a);
  cb = conflicts (b);
  g_assert_cmpuint (ca->len, ==, 2);
  g_assert_cmpuint (cb->len, ==, 2);
  g_assert_cmpstr (((JlSyncConflict *) cb->pdata[1])->conflict_kind, ==, "frozen");
  g_assert_cmpstr (((JlSyncConflict *) cb->pdata[1])->field, ==, "_deleted");
  g_assert_cmpstr (((JlSyncConflict *) cb->pdata[0])->conflict_kind, ==, "frozen");
  g_assert_cmpstr (((JlSyncConflict *) cb->pdata[0])->loser_value, ==, "\"B 改写的纪要\"");
  g_assert_cmpstr (((JlSyncConflict *) cb->pdata[0])->loser_user, ==, "bob");
}

/* Three clerks offline on one community, syncing in any order, end with
 * the same data, every overwritten value logged. */
static void
test_three_clerks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(Client) c = client_new (f, "carol");
  g_autofree char *unit = seed_unit (a);
  g_autofree char *person = NULL;
  g_autoptr(GPtrArray) ca = NULL;
  g_autoptr(GPtrArray) cc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / 1000;
  Client *order[] = { c, a, b };

  person = jl_test_putf_ok (a->store, "person", "{\"community_id\": \"%s\", \"name\": \"张三\"}", C1);
  sync_ok (a);
  sync_ok (b);
  sync_ok (c);

  _jl_store_set_fake_wall_ms (now + 1000);
  update (a, "partner_unit", unit, "{\"name\": \"甲改的名称\", \"address\": \"甲的地址\"}");
  _jl_store_set_fake_wall_ms (now + 2000);
  update (b, "partner_unit", unit, "{\"name\": \"乙改的名称\", \"staff\": 30}");
  g_assert_true (jl_store_delete (b->store, "person", person, &error));
  _jl_store_set_fake_wall_ms (now + 2500);
  update (a, "person", person, "{\"mobile\": \"13800000001\"}");
  _jl_store_set_fake_wall_ms (now + 3000);
  update (c, "partner_unit", unit, "{\"address\": \"丙的地址\", \"note\": \"丙的备注\"}");
  g_free (jl_test_putf_ok (c->store, "project", "{\"unit_id\": \"%s\", \"year\": 2025, \"lian_type\": \"service\","
                           " \"title\": \"丙的项目\"}", unit));
  _jl_store_set_fake_wall_ms (0);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    sync_ok (order[i]);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    sync_ok (order[i]);

  assert_same (a, b);
  assert_same (b, c);
  assert_value (a, "partner_unit", unit, "name", "乙改的名称");
  assert_value (a, "partner_unit", unit, "address", "丙的地址");
  assert_value (a, "partner_unit", unit, "staff", "30");
  assert_value (a, "partner_unit", unit, "note", "丙的备注");
  /* name (A lost to B), address (A lost to C), the phone edit under B's
   * delete: three entries, the same on every replica. */
  ca = conflicts (a);
  cc = conflicts (c);
  g_assert_cmpuint (ca->len, ==, 3);
  g_assert_cmpuint (cc->len, ==, 3);
  for (guint i = 0; i < ca->len; i++)
    g_assert_cmpstr (((JlSyncConflict *) ca->pdata[i])->id, ==, ((JlSyncConflict *) cc->pdata[i])->id);
}


/* Recovery: restored backups, lost rows, a restored server, demo data
 */

static gboolean
holds (Client     *c,
       const char *kind,
       const char *id)
{
  g_autoptr(JlRecord) record = jl_store_get (c->store, kind, id, NULL);

  return record != NULL && !jl_record_get_deleted (record);
}

/* Closes @c's database and reopens it (and its sync client). */
static void
client_reopen (Client *c)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&c->client);
  g_clear_object (&c->store);
  c->store = jl_store_open (c->db, &error);
  g_assert_no_error (error);
  c->client = jl_sync_client_new (c->store);
  jl_sync_client_set_retry (c->client, 2, 20, 50);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, (gssize) len, &error);
  g_assert_no_error (error);
}

/* Copies @c's closed database and account file to @to (and back). */
static void
copy_database (Client     *c,
               const char *from,
               const char *to)
{
  g_autofree char *from_account = g_strconcat (from, ".account", NULL);
  g_autofree char *to_account = g_strconcat (to, ".account", NULL);

  g_clear_object (&c->client);
  g_clear_object (&c->store);
  copy_file (from, to);
  copy_file (from_account, to_account);
}

/* SYNC.md scenario 19: the clerk's database is replaced by last week's
 * copy. Its edits after the restore must go through the conflict rules
 * (they are based on old versions), not overwrite what the same computer
 * sent since the backup; and the database gets back everything it lost. */
static void
test_restored_backup (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autoptr(JlSyncAccount) account = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *unit = seed_unit (a);
  g_autofree char *backup = g_strconcat (a->db, ".backup", NULL);
  g_autofree char *out = NULL;
  g_autofree char *later = NULL;
  JlSyncConflict *conflict = NULL;
  JlSyncStats stats;

  /* The backup holds an edit not yet sent. */
  update (a, "partner_unit", unit, "{\"chief\": \"备份前的负责人\"}");
  copy_database (a, a->db, backup);
  client_reopen (a);

  /* After the backup the computer sends that edit, then more. */
  sync_ok (a);
  update (a, "partner_unit", unit, "{\"chief\": \"备份后的负责人\", \"liaison_phone\": \"0592-5551234\"}");
  later = jl_test_putf_ok (a->store, "partner_unit",
                           "{\"community_id\": \"%s\", \"name\": \"备份后新建的单位\", \"status\": \"active\"}", C1);
  sync_ok (a);

  /* The disk dies; last week's copy comes back, and the clerk edits. */
  copy_database (a, backup, a->db);
  client_reopen (a);
  g_assert_cmpint (jl_store_count (a->store, "partner_unit", NULL, NULL), ==, 1);
  update (a, "partner_unit", unit, "{\"chief\": \"恢复后的负责人\"}");

  stats = sync_ok (a);
  g_assert_cmpint (pending (a), ==, 0);

  /* Everything sent since the backup is back... */
  assert_value (a, "partner_unit", unit, "liaison_phone", "0592-5551234");
  assert_value (a, "partner_unit", later, "name", "备份后新建的单位");
  /* ...the edit after the restore wins, as the newest, but the value it
   * replaced is in the conflict log instead of silently gone. */
  assert_value (a, "partner_unit", unit, "chief", "恢复后的负责人");
  list = conflicts (a);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((JlSyncConflict *) list->pdata[i])->field, "chief") == 0)
      conflict = list->pdata[i];
  g_assert_nonnull (conflict);
  g_assert_cmpstr (conflict->loser_value, ==, "\"备份后的负责人\"");
  g_assert_cmpstr (conflict->winner_value, ==, "\"恢复后的负责人\"");
  g_assert_cmpuint (stats.conflicts, >=, 1);

  sync_ok (b);
  assert_same (a, b);

  /* The server moved the device to a new epoch, once. */
  account = jl_store_sync_get_account (a->store, NULL);
  g_assert_cmpint (jl_test_server_admin (f->server, NULL, &out, "device", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, account->remote_device_id));
  stats = sync_ok (a);
  g_assert_cmpuint (stats.pulled, ==, 0);
  g_assert_cmpuint (stats.resyncs, ==, 0);
}

static void
delete_row_behind_the_store (Client     *c,
                             const char *kind,
                             const char *id)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = '%s'", kind, id);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (c->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

/* Damage that a full pull cannot repair: a trigger someone left in the
 * file deletes the row again whenever it is written. */
static void
add_damaging_trigger (Client     *c,
                      const char *id)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TRIGGER damage AFTER INSERT ON partner_unit WHEN NEW.id = '%s'"
                                          " BEGIN UPDATE partner_unit SET deleted = 1 WHERE id = NEW.id; END;", id);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (c->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
remove_damaging_trigger (Client *c)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (c->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER damage", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* SYNC.md scenario 24: a row lost locally (damage, a bad tool) is noticed
 * by the end-of-pull count and hash; one full pull brings it back and
 * keeps a pending edit; damage that persists is an error, not a loop. */
static void
test_divergence (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autofree char *unit = seed_unit (a);
  g_autofree char *other = seed_unit (a);
  g_autoptr(GError) error = NULL;
  JlSyncStats stats;

  sync_ok (b);
  stats = sync_ok (b);
  g_assert_cmpuint (stats.resyncs, ==, 0);

  update (b, "partner_unit", other, "{\"chief\": \"待推送的修改\"}");
  delete_row_behind_the_store (b, "partner_unit", unit);
  g_assert_false (holds (b, "partner_unit", unit));

  stats = sync_ok (b);
  g_assert_cmpuint (stats.resyncs, ==, 1);
  g_assert_cmpint (pending (b), ==, 0);
  sync_ok (a);
  assert_value (a, "partner_unit", other, "chief", "待推送的修改");
  assert_same (a, b);
  stats = sync_ok (b);
  g_assert_cmpuint (stats.resyncs, ==, 0);
  g_assert_cmpuint (stats.pulled, ==, 0);

  /* Damage that comes back after the full pull: one full pull, then an
   * error, not a loop; repaired, the next sync recovers. */
  add_damaging_trigger (b, unit);
  delete_row_behind_the_store (b, "partner_unit", unit);
  client_reopen (b);
  error = sync_fails (b, JL_SYNC_ERROR_DIVERGED);
  g_clear_error (&error);
  remove_damaging_trigger (b);
  client_reopen (b);
  stats = sync_ok (b);
  g_assert_cmpuint (stats.resyncs, ==, 1);
  assert_same (a, b);
}

/* The server is restored from an older backup: a client's cursor is
 * beyond its data. The client pulls that community again, once. */
static void
test_server_restored (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autofree char *unit = seed_unit (a);
  g_autofree char *lost = NULL;
  JlSyncStats stats;

  sync_ok (b);
  jl_test_server_stop (f->server);
  jl_test_server_backup (f->server);
  jl_test_server_start (f->server);

  lost = seed_unit (a);
  sync_ok (b);
  g_assert_true (holds (b, "partner_unit", lost));

  jl_test_server_stop (f->server);
  jl_test_server_restore (f->server);
  jl_test_server_start (f->server);

  stats = sync_ok (b);
  g_assert_cmpuint (stats.resyncs, ==, 1);
  g_assert_true (holds (b, "partner_unit", unit));
  stats = sync_ok (b);
  g_assert_cmpuint (stats.resyncs, ==, 0);
}

/* A database with the invented demo city is never logged in or synced. */
static void
test_demo_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) d = client_open (f, "demo");
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = seed_unit (a);

  g_assert_false (jl_store_holds_demo (a->store));
  g_assert_true (_jl_store_mark_demo (d->store, NULL));
  g_assert_true (jl_store_holds_demo (d->store));
  g_free (jl_test_putf_ok (d->store, "community", "{\"id\": \"%s\", \"name\": \"演示社区\"}", C1));

  g_assert_false (jl_sync_client_login_sync (d->client, f->server->url, "bob", PASSWORD, NULL, NULL, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_DEMO_DATA);
  g_clear_error (&error);
  g_assert_false (jl_sync_client_is_logged_in (d->client));
  g_assert_cmpint (run_cli (d->db, NULL, NULL, NULL, "sync", NULL), ==, 11);

  /* A logged-in database that gets marked later stops syncing too: what
   * waited stays, and later edits fill no outbox. */
  update (a, "partner_unit", unit, "{\"chief\": \"不该上传\"}");
  g_assert_true (_jl_store_mark_demo (a->store, NULL));
  update (a, "partner_unit", unit, "{\"liaison\": \"演示联络员\"}");
  error = sync_fails (a, JL_SYNC_ERROR_DEMO_DATA);
  g_assert_cmpint (pending (a), ==, 1);
}


/* SYNC.md scenario 20: a community granted after the login is pulled in
 * full at the next sync, without logging in again; one taken away is no
 * longer pulled, and the changes made for it wait, kept and counted,
 * until it is granted again. */
static void
test_access_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) d = client_new (f, "dave");
  g_autoptr(JlSyncAccount) account = NULL;
  g_autofree char *unit = seed_unit (a);
  g_autofree char *name_a = NULL;
  g_autofree char *name_d = NULL;
  g_autofree char *chief = NULL;
  g_autoptr(GError) error = NULL;
  JlSyncStats stats;

  stats = sync_ok (d);
  g_assert_false (holds (d, "partner_unit", unit));

  g_assert_cmpint (jl_test_server_admin (f->server, NULL, NULL, "user", "grant", "dave", "--community", C1,
                                         NULL), ==, 0);
  stats = sync_ok (d);
  g_assert_cmpuint (stats.pulled, >=, 2);
  name_d = value_of (d, "partner_unit", unit, "name");
  name_a = value_of (a, "partner_unit", unit, "name");
  g_assert_cmpstr (name_d, ==, name_a);
  account = jl_store_sync_get_account (d->store, NULL);
  g_assert_true (g_strv_contains ((const char *const *) account->communities, C1));
  g_assert_cmpint (account->last_sync_ms, >, 0);

  /* Taken away while dave had an edit waiting. */
  update (d, "partner_unit", unit, "{\"chief\": \"权限收回前的修改\"}");
  g_assert_cmpint (jl_test_server_admin (f->server, NULL, NULL, "user", "ungrant", "dave", "--community", C1,
                                         NULL), ==, 0);
  stats = sync_ok (d);
  g_assert_cmpint (stats.stranded, ==, 1);
  g_assert_cmpint (pending (d), ==, 1);
  assert_value (d, "partner_unit", unit, "chief", "权限收回前的修改");
  /* Its records are read-only here now, the waiting edit kept. */
  {
    g_autoptr(JsonObject) change = jl_test_json ("{\"chief\": \"收回后的修改\"}");
    g_autoptr(JlRecord) refused = jl_store_put (d->store, "partner_unit", unit, change, NULL, &error);

    g_assert_null (refused);
    g_assert_error (error, JL_ERROR, JL_ERROR_READ_ONLY);
    g_clear_error (&error);
  }
  g_assert_cmpint (pending (d), ==, 1);
  sync_ok (a);
  chief = value_of (a, "partner_unit", unit, "chief");
  g_assert_null (chief);

  /* Granted again: the waiting edit goes through. */
  g_assert_cmpint (jl_test_server_admin (f->server, NULL, NULL, "user", "grant", "dave", "--community", C1,
                                         NULL), ==, 0);
  stats = sync_ok (d);
  g_assert_cmpint (stats.stranded, ==, 0);
  g_assert_cmpint (pending (d), ==, 0);
  sync_ok (a);
  assert_value (a, "partner_unit", unit, "chief", "权限收回前的修改");
}


/* Writes @n residents with five fields each (the community's row first),
 * in one transaction. */
static void
write_residents (Client     *c,
                 const char *who,
                 guint       n)
{
  g_assert_true (jl_store_begin (c->store, NULL));
  for (guint i = 0; i < n; i++)
    g_free (jl_test_putf_ok (c->store, "person",
                             "{\"community_id\": \"%s\", \"name\": \"%s居民%u\", \"gender\": \"female\","
                             " \"employer\": \"厦门市第%u中学\", \"building\": \"%u号楼\"}",
                             C1, who, i, i % 97, i % 40));
  g_assert_true (jl_store_commit (c->store, NULL));
}

/* Logs @user in through @url (a relay) on a fresh database. */
static Client *
client_via (Fixture    *f,
            const char *user,
            const char *url)
{
  Client *c = client_open (f, user);
  g_autoptr(GError) error = NULL;

  jl_sync_client_login_sync (c->client, url, user, PASSWORD, user, NULL, &error);
  g_assert_no_error (error);
  /* A bad link: many tries, quickly. */
  jl_sync_client_set_retry (c->client, 60, 5, 20);
  return c;
}

static gint64
relay_bytes (JlTestProxy *relay)
{
  gint64 up, down;

  jl_test_proxy_get_bytes (relay, &up, &down);
  return up + down;
}

/* SYNC.md scenario 12: a clerk back after a long time offline with
 * 15,000 changes to push, and a fresh computer with 30,000 fields to
 * pull, over a link that drops every 480 KB — what 64 kbit/s carries in a
 * minute — while pushing and every 160 KB while pulling. Both go through
 * in pages; a drop costs the exchange it cut and its retry, never a
 * restart from zero: the bytes stay within 1.3 times those of the same
 * work over a good link (measured: about 1.2). */
static void
test_long_offline (Fixture       *f,
                   gconstpointer  data)
{
  JlTestProxy *good = jl_test_proxy_start (f->server->port);
  JlTestProxy *bad = jl_test_proxy_start (f->server->port);
  g_autoptr(Client) seed = client_new (f, "carol");
  g_autoptr(Client) a = NULL;
  g_autoptr(Client) b = NULL;
  g_autoptr(Client) c = NULL;
  g_autoptr(Client) d = NULL;
  g_autofree char *unit = seed_unit (seed);
  gint64 before, ideal, actual;
  JlSyncStats stats;

  if (g_strcmp0 (g_getenv ("JINLIN_TEST_BACKEND"), "postgresql") == 0)
    {
      g_test_skip ("the bytes on the wire do not depend on the backend");
      jl_test_proxy_stop (good);
      jl_test_proxy_stop (bad);
      return;
    }

  /* Pushing: the same amount of work over each link. */
  a = client_via (f, "alice", jl_test_proxy_get_url (good));
  b = client_via (f, "bob", jl_test_proxy_get_url (bad));
  sync_ok (a);
  sync_ok (b);
  write_residents (a, "甲", 3000);
  write_residents (b, "乙", 3000);
  g_assert_cmpint (pending (b), ==, 15000);

  before = relay_bytes (good);
  sync_ok (a);
  ideal = relay_bytes (good) - before;
  jl_test_proxy_set_cut_every (bad, MINUTE_AT_64_KBITS);
  before = relay_bytes (bad);
  stats = sync_ok (b);
  actual = relay_bytes (bad) - before;
  g_test_message ("push: %" G_GINT64_FORMAT " bytes over the good link, %" G_GINT64_FORMAT " over the bad one"
                  " (%u cuts, %.2f×)", ideal, actual, jl_test_proxy_get_cuts (bad), (double) actual / ideal);
  g_assert_cmpint (pending (b), ==, 0);
  g_assert_cmpuint (stats.pushed, ==, 15000);
  g_assert_cmpuint (jl_test_proxy_get_cuts (bad), >=, 2);
  g_assert_cmpint (actual, <=, ideal * 13 / 10);

  /* Pulling everything on two fresh computers. */
  jl_test_proxy_set_cut_every (bad, 0);
  c = client_via (f, "alice", jl_test_proxy_get_url (good));
  d = client_via (f, "bob", jl_test_proxy_get_url (bad));
  before = relay_bytes (good);
  sync_ok (c);
  ideal = relay_bytes (good) - before;
  /* Pulls are compact: a drop every 20 seconds. */
  jl_test_proxy_set_cut_every (bad, MINUTE_AT_64_KBITS / 3);
  before = relay_bytes (bad);
  stats = sync_ok (d);
  actual = relay_bytes (bad) - before;
  g_test_message ("pull: %" G_GINT64_FORMAT " bytes over the good link, %" G_GINT64_FORMAT " over the bad one"
                  " (%u cuts in all, %.2f×)", ideal, actual, jl_test_proxy_get_cuts (bad), (double) actual / ideal);
  g_assert_cmpuint (stats.resyncs, ==, 0);
  g_assert_cmpint (actual, <=, ideal * 13 / 10);
  g_assert_cmpuint (jl_test_proxy_get_cuts (bad), >=, 4);
  g_assert_cmpint (jl_store_count (d->store, "person", NULL, NULL), ==, 6000);
  assert_same (c, d);

  jl_test_proxy_stop (good);
  jl_test_proxy_stop (bad);
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("login", test_login);
  ADD ("round-trip", test_round_trip);
  ADD ("different-fields", test_different_fields);
  ADD ("same-field", test_same_field);
  ADD ("pull-before-push", test_pull_before_push);
  ADD ("delete-vs-edit", test_delete_vs_edit);
  ADD ("no-resurrection", test_no_resurrection);
  ADD ("natural-key", test_natural_key);
  ADD ("clock-ahead", test_clock_ahead);
  ADD ("clock-2001", test_clock_2001);
  ADD ("edit-during-push", test_edit_during_push);
  ADD ("retry-after-commit", test_retry_after_commit);
  ADD ("server-restart", test_server_restart);
  ADD ("revoked", test_revoked);
  ADD ("frozen-minutes", test_frozen_minutes);
  ADD ("three-clerks", test_three_clerks);
  ADD ("cli", test_cli);
  ADD ("restored-backup", test_restored_backup);
  ADD ("divergence", test_divergence);
  ADD ("server-restored", test_server_restored);
  ADD ("demo-refused", test_demo_refused);
  ADD ("access-changes", test_access_changes);
  ADD ("long-offline", test_long_offline);
#undef ADD
  return g_test_run ();
}
