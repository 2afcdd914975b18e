/* bench-sync.c: field changes pushed by one client and pulled by another
 * through jinlin-server ÷ the same JSON over plain HTTP into plain SQLite
 *
 * Client A writes people through jl_store_put (8 fields and the community:
 * nine outbox entries, i.e. field changes, each) until it has N changes,
 * logs in to a real jinlin-server on 127.0.0.1 and pushes them
 * (jl_sync_client_push_sync); client B, a fresh database, logs in and
 * pulls them (jl_sync_client_pull_sync). Both talk to the server through
 * a relay that counts the bytes on the wire (HTTP headers and gzipped
 * bodies, both ways). End to end = push + pull; the write is timed apart.
 *
 * Baseline, same run, same relay: the very push bodies A sent (the JSON
 * of jl_sync_push_encode, gzipped as the client gzips them) POSTed to a
 * minimal libsoup server in this process that decodes them and inserts
 * each change as a row of a plain SQLite table (WAL, synchronous=FULL,
 * one transaction per request), then pulled back by GETs of 500 changes
 * at a time (gzipped JSON) and inserted into a plain table on the other
 * side. That is the floor of moving these changes: HTTP, gzip, JSON and
 * SQLite, with none of the merge rules, versions, validation or search
 * index of the real thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "jl-test-proxy.h"
#include "bench-server.h"
#include "bench-util.h"
#include "jl-store-private.h"
#include "jl-store-sync.h"
#include "jl-sync-client.h"
#include "jl-uuid.h"

static int n_changes = 50000;

static const GOptionEntry entries[] = {
  { "changes", 'n', 0, G_OPTION_ARG_INT, &n_changes, "Field changes to sync (50000)", "N" },
  G_OPTION_ENTRY_NULL
};

#define PASSWORD "bench-password"

static void
check (gboolean      ok,
       const GError *error,
       const char   *what)
{
  if (!ok)
    g_error ("%s: %s", what, error ? error->message : "failed");
}

static void
sql_ok (sqlite3    *db,
        int         rc,
        const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static gint64
count_rows (JlStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  sql_ok (store->db, sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), sql);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Client A's data: people until the outbox holds @n changes. */
static guint
write_people (JlStore    *store,
              const char *community,
              int         n)
{
  static const char *const surnames[] = { "陈", "林", "黄", "张", "李", "王", "吴", "刘", "蔡", "杨" };
  static const char *const given[] = { "伟", "芳", "秀英", "敏", "静", "强", "志强", "建华", "晓东", "桂英" };
  static const char *const employers[] = { "思明区税务局", "厦门市第一医院", "鹭江街道办事处", "退休", "个体经营" };
  g_autoptr(GError) error = NULL;
  gint64 start = jl_store_outbox_count (store, NULL);
  BenchRng rng;
  guint people = 0;

  bench_rng_init (&rng, 20251128);
  while (jl_store_outbox_count (store, NULL) - start < n)
    {
      check (jl_store_begin (store, &error), error, "begin");
      for (guint i = 0; i < 500 && jl_store_outbox_count (store, NULL) - start < n; i++, people++)
        {
          g_autoptr(JsonObject) obj = json_object_new ();
          g_autoptr(JlRecord) record = NULL;
          g_autofree char *name = g_strdup_printf ("%s%s", surnames[bench_rng_below (&rng, 10)],
                                                  given[bench_rng_below (&rng, 10)]);
          g_autofree char *mobile = g_strdup_printf ("13%09u", bench_rng_below (&rng, 1000000000));
          char id_no[19];

          bench_id_card (people, id_no);
          json_object_set_string_member (obj, "community_id", community);
          json_object_set_string_member (obj, "name", name);
          json_object_set_string_member (obj, "gender", bench_rng_below (&rng, 2) ? "male" : "female");
          json_object_set_string_member (obj, "id_no", id_no);
          json_object_set_string_member (obj, "ethnicity", "汉族");
          json_object_set_string_member (obj, "mobile", mobile);
          json_object_set_string_member (obj, "member_type", "full");
          json_object_set_string_member (obj, "employer", employers[bench_rng_below (&rng, 5)]);
          json_object_set_string_member (obj, "building", "3号楼");
          record = jl_store_put (store, "person", NULL, obj, NULL, &error);
          check (record != NULL, error, "put");
        }
      check (jl_store_commit (store, &error), error, "commit");
    }
  return people;
}

/* The push bodies A will send, rebuilt from its outbox the way the
 * client builds them (500 changes a push), for the baseline. */
static GPtrArray *
push_bodies (JlStore    *store,
             const char *device_id)
{
  GPtrArray *bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(JlSyncPush) push = jl_sync_push_new (device_id);
  sqlite3_stmt *stmt = NULL;

  sql_ok (store->db, sqlite3_prepare_v2 (store->db, "SELECT change_id, dseq, community_id, tbl, row_id, field, value,"
                                                    " hlc, base FROM outbox ORDER BY dseq", -1, &stmt, NULL), "outbox");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JlSyncChange *c = jl_sync_change_new ();
      const char *value = (const char *) sqlite3_column_text (stmt, 6);

      c->change_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->dseq = sqlite3_column_int64 (stmt, 1);
      c->community_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      c->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      c->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      c->field = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      c->value = value ? json_from_string (value, NULL) : NULL;
      if (c->value == NULL)
        c->value = json_node_init_null (json_node_alloc ());
      c->hlc = (JlHlc) sqlite3_column_int64 (stmt, 7);
      c->base = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (push->changes, c);
      if (push->changes->len == JL_SYNC_MAX_CHANGES)
        {
          g_ptr_array_add (bodies, jl_sync_push_encode (push));
          g_ptr_array_set_size (push->changes, 0);
        }
    }
  sqlite3_finalize (stmt);
  if (push->changes->len > 0)
    g_ptr_array_add (bodies, jl_sync_push_encode (push));
  return bodies;
}

/* The baseline server: a SoupServer on its own thread and main context
 */

typedef struct
{
  sqlite3      *db;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  guint         port;
  GMutex        lock;
  GCond         ready;
} Plain;

static sqlite3 *
plain_open (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  sqlite3 *db = NULL;

  sql_ok (db, sqlite3_open (path, &db), "open plain");
  sql_ok (db, sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                "CREATE TABLE changes (seq INTEGER PRIMARY KEY, change_id TEXT UNIQUE,"
                                " community_id TEXT, kind TEXT, row_id TEXT, field TEXT, value TEXT, hlc INTEGER)",
                          NULL, NULL, NULL), "create plain");
  return db;
}

static void
plain_insert (sqlite3    *db,
              const char *change_id,
              const char *community_id,
              const char *kind,
              const char *row_id,
              const char *field,
              const char *value,
              gint64      hlc)
{
  static sqlite3_stmt *stmts[2];
  static sqlite3 *dbs[2];
  sqlite3_stmt **stmt = dbs[0] == db || dbs[0] == NULL ? &stmts[0] : &stmts[1];

  if (*stmt == NULL)
    {
      dbs[stmt - stmts] = db;
      sql_ok (db, sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO changes (change_id, community_id, kind, row_id,"
                                          " field, value, hlc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                      -1, stmt, NULL), "prepare");
    }
  sqlite3_bind_text (*stmt, 1, change_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (*stmt, 2, community_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (*stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (*stmt, 4, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (*stmt, 5, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (*stmt, 6, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (*stmt, 7, hlc);
  sql_ok (db, sqlite3_step (*stmt), "insert");
  sqlite3_reset (*stmt);
}

static void
plain_respond (SoupServerMessage *msg,
               GBytes            *body)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Encoding");
  g_autoptr(GBytes) out = NULL;
  gsize len = 0;
  gconstpointer data;

  if (accept != NULL && soup_header_contains (accept, "gzip") && g_bytes_get_size (body) >= 1024)
    {
      out = jl_sync_gzip (body);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Encoding", "gzip");
    }
  else
    out = g_bytes_ref (body);
  data = g_bytes_get_data (out, &len);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, len);
}

static void
plain_push_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  Plain *p = data;
  g_autoptr(GBytes) raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JlSyncPush) push = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;

  if (g_strcmp0 (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Content-Encoding"),
                 "gzip") == 0)
    body = jl_sync_gunzip (raw, JL_SYNC_MAX_REQUEST_BYTES, &error);
  else
    body = g_bytes_ref (raw);
  if (body == NULL || (push = jl_sync_push_decode (body, &error)) == NULL)
    g_error ("baseline push: %s", error->message);

  sql_ok (p->db, sqlite3_exec (p->db, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
  for (guint i = 0; i < push->changes->len; i++)
    {
      JlSyncChange *c = push->changes->pdata[i];
      g_autofree char *value = json_to_string (c->value, FALSE);

      plain_insert (p->db, c->change_id, c->community_id, c->kind, c->row_id, c->field, value, (gint64) c->hlc);
    }
  sql_ok (p->db, sqlite3_exec (p->db, "COMMIT", NULL, NULL, NULL), "commit");
  reply = g_strdup_printf ("{\"stored\":%u}", push->changes->len);
  {
    g_autoptr(GBytes) out = g_bytes_new (reply, strlen (reply));
    plain_respond (msg, out);
  }
}

static void
plain_pull_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  Plain *p = data;
  const char *after_text = query ? g_hash_table_lookup (query, "after") : NULL;
  gint64 after = after_text ? g_ascii_strtoll (after_text, NULL, 10) : 0, next = after;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize len = 0;
  char *text;
  guint n = 0;

  sql_ok (p->db, sqlite3_prepare_v2 (p->db, "SELECT seq, change_id, community_id, kind, row_id, field, value, hlc"
                                            " FROM changes WHERE seq > ?1 ORDER BY seq LIMIT 500", -1, &stmt, NULL),
          "pull");
  sqlite3_bind_int64 (stmt, 1, after);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      for (int col = 1; col <= 5; col++)
        {
          json_builder_set_member_name (b, sqlite3_column_name (stmt, col));
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, col));
        }
      json_builder_set_member_name (b, "value");
      json_builder_add_value (b, json_from_string ((const char *) sqlite3_column_text (stmt, 6), NULL));
      json_builder_set_member_name (b, "hlc");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 7));
      json_builder_end_object (b);
      next = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_finalize (stmt);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "next");
  json_builder_add_int_value (b, next);
  json_builder_set_member_name (b, "has_more");
  json_builder_add_boolean_value (b, n == 500);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  {
    g_autoptr(GBytes) out = g_bytes_new_take (text, len);
    plain_respond (msg, out);
  }
}

static gpointer
plain_thread (gpointer data)
{
  Plain *p = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (p->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/push", plain_push_cb, p, NULL);
  soup_server_add_handler (server, "/pull", plain_pull_cb, p, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("baseline server: %s", error->message);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&p->lock);
  p->port = (guint) g_uri_get_port (uris->data);
  g_cond_signal (&p->ready);
  g_mutex_unlock (&p->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (p->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (p->context);
  return NULL;
}

static Plain *
plain_start (const char *dir)
{
  Plain *p = g_new0 (Plain, 1);

  p->db = plain_open (dir, "plain-server.db");
  p->context = g_main_context_new ();
  p->loop = g_main_loop_new (p->context, FALSE);
  g_mutex_init (&p->lock);
  g_cond_init (&p->ready);
  g_mutex_lock (&p->lock);
  p->thread = g_thread_new ("plain-server", plain_thread, p);
  while (p->port == 0)
    g_cond_wait (&p->ready, &p->lock);
  g_mutex_unlock (&p->lock);
  return p;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
plain_stop (Plain *p)
{
  g_main_context_invoke (p->context, quit_cb, p->loop);
  g_thread_join (p->thread);
  g_main_loop_unref (p->loop);
  g_main_context_unref (p->context);
  sqlite3_close (p->db);
  g_free (p);
}

static GBytes *
plain_call (SoupSession *session,
            const char  *method,
            const char  *url,
            GBytes      *body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  if (body != NULL)
    {
      g_autoptr(GBytes) packed = jl_sync_gzip (body);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Encoding", "gzip");
      soup_message_set_request_body_from_bytes (msg, "application/json", packed);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (reply == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_error ("baseline %s %s: %s", method, url, error ? error->message : "not 200");
  return reply;
}

/* Seconds for the baseline: push every body, then pull all into a plain
 * table on the other side. */
static double
run_baseline (const char *dir,
              GPtrArray  *bodies,
              JlTestProxy *relay,
              gint64     *n_pulled,
              double     *push_seconds)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *push_url = g_strconcat (jl_test_proxy_get_url (relay), "push", NULL);
  sqlite3 *b = plain_open (dir, "plain-client.db");
  double start = bench_now ();
  gint64 after = 0;
  gboolean more = TRUE;

  for (guint i = 0; i < bodies->len; i++)
    g_bytes_unref (plain_call (session, "POST", push_url, bodies->pdata[i]));
  *push_seconds = bench_now () - start;

  *n_pulled = 0;
  while (more)
    {
      g_autofree char *url = g_strdup_printf ("%spull?after=%" G_GINT64_FORMAT, jl_test_proxy_get_url (relay), after);
      g_autoptr(GBytes) reply = plain_call (session, "GET", url, NULL);
      g_autoptr(JsonObject) root = jl_sync_parse_object (reply, "baseline pull", NULL);
      JsonArray *changes;

      if (root == NULL)
        g_error ("baseline pull: bad JSON");
      changes = json_object_get_array_member (root, "changes");
      sql_ok (b, sqlite3_exec (b, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          g_autofree char *value = json_to_string (json_object_get_member (c, "value"), FALSE);

          plain_insert (b, json_object_get_string_member (c, "change_id"),
                        json_object_get_string_member (c, "community_id"), json_object_get_string_member (c, "kind"),
                        json_object_get_string_member (c, "row_id"), json_object_get_string_member (c, "field"),
                        value, json_object_get_int_member (c, "hlc"));
          (*n_pulled)++;
        }
      sql_ok (b, sqlite3_exec (b, "COMMIT", NULL, NULL, NULL), "commit");
      after = json_object_get_int_member (root, "next");
      more = json_object_get_boolean_member (root, "has_more");
    }
  sqlite3_close (b);
  return bench_now () - start;
}

static JlStore *
open_client (const char *dir,
             const char *name,
             const char *url,
             const char *user)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);
  g_autoptr(JlSyncClient) client = NULL;

  check (store != NULL, error, "open");
  client = jl_sync_client_new (store);
  check (jl_sync_client_login_sync (client, url, user, PASSWORD, name, NULL, &error), error, "login");
  return g_steal_pointer (&store);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) a = NULL;
  g_autoptr(JlStore) b = NULL;
  g_autoptr(JlSyncClient) client_a = NULL;
  g_autoptr(JlSyncClient) client_b = NULL;
  g_autoptr(JlSyncAccount) account = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autofree char *community = jl_uuid_v7_new ();
  const char *communities[] = { community, NULL };
  JlSyncStats push_stats = { 0 }, pull_stats = { 0 };
  BenchServer *server;
  JlTestProxy *relay, *plain_relay;
  Plain *plain;
  char *dir;
  gint64 changes, up0, down0, up1, down1, up2, down2, base_pulled = 0, base_up, base_down;
  gint64 people_a, people_b, push_bytes, pull_bytes;
  double start, write_s, push_s, pull_s, base_s, base_push_s = 0;
  guint people;

  bench_init (&argc, &argv, "Syncs field changes from one client to another through jinlin-server.",
              (GOptionEntry *) entries);
  n_changes = MAX (n_changes, 1);
  dir = bench_dir_new ();
  server = bench_server_start (dir);
  bench_server_add_user (server, "a", PASSWORD, communities);
  bench_server_add_user (server, "b", PASSWORD, communities);
  relay = jl_test_proxy_start (server->port);
  g_print ("sync: %d field changes, A → jinlin-server %s (through a counting relay) → B, in %s\n",
           n_changes, server->url, dir);

  /* A: the community, its people, then log in. */
  a = open_client (dir, "a.db", jl_test_proxy_get_url (relay), "a");
  {
    g_autoptr(JsonObject) obj = json_object_new ();
    g_autoptr(JlRecord) record = NULL;

    json_object_set_string_member (obj, "name", "鹭江社区");
    json_object_set_string_member (obj, "city", "厦门市");
    record = jl_store_put (a, "community", community, obj, NULL, &error);
    check (record != NULL, error, "community");
  }
  start = bench_now ();
  people = write_people (a, community, n_changes);
  write_s = bench_now () - start;
  changes = jl_store_sync_pending_count (a, NULL, &error);
  g_print ("  A wrote %u people through jl_store_put: %" G_GINT64_FORMAT " field changes in %.3f s\n",
           people, changes, write_s);
  account = jl_store_sync_get_account (a, &error);
  bodies = push_bodies (a, account->remote_device_id);

  /* Push. */
  client_a = jl_sync_client_new (a);
  jl_test_proxy_get_bytes (relay, &up0, &down0);
  start = bench_now ();
  check (jl_sync_client_push_sync (client_a, &push_stats, NULL, &error), error, "push");
  push_s = bench_now () - start;
  jl_test_proxy_get_bytes (relay, &up1, &down1);
  push_bytes = up1 - up0 + down1 - down0;
  g_print ("  push: %u changes acknowledged in %.3f s; %" G_GINT64_FORMAT " bytes up, %" G_GINT64_FORMAT " down\n",
           push_stats.pushed, push_s, up1 - up0, down1 - down0);
  if (push_stats.pushed != (guint) changes || jl_store_sync_pending_count (a, NULL, NULL) != 0)
    g_error ("push: %u of %" G_GINT64_FORMAT " acknowledged", push_stats.pushed, changes);

  /* Pull into a fresh database (its login is not counted). */
  b = open_client (dir, "b.db", jl_test_proxy_get_url (relay), "b");
  client_b = jl_sync_client_new (b);
  jl_test_proxy_get_bytes (relay, &up1, &down1);
  start = bench_now ();
  check (jl_sync_client_pull_sync (client_b, &pull_stats, NULL, &error), error, "pull");
  pull_s = bench_now () - start;
  jl_test_proxy_get_bytes (relay, &up2, &down2);
  people_a = count_rows (a, "SELECT count(*) FROM person WHERE deleted = 0");
  people_b = count_rows (b, "SELECT count(*) FROM person WHERE deleted = 0");
  pull_bytes = up2 - up1 + down2 - down1;
  g_print ("  pull: %u rows applied in %.3f s; %" G_GINT64_FORMAT " bytes up, %" G_GINT64_FORMAT " down\n",
           pull_stats.pulled, pull_s, up2 - up1, down2 - down1);
  if (people_a != people_b)
    g_error ("B has %" G_GINT64_FORMAT " people, A %" G_GINT64_FORMAT, people_b, people_a);
  jl_test_proxy_stop (relay);
  /* Pull lines carry no ms= (yet). */
  g_print ("  server log: %u errors; the server's own time in pushes %.3f s\n",
           bench_server_count_log (server, "event=error"), bench_server_sum_ms (server, "event=push") / 1e3);
  bench_server_stop (server);

  /* Baseline. */
  plain = plain_start (dir);
  plain_relay = jl_test_proxy_start (plain->port);
  base_s = run_baseline (dir, bodies, plain_relay, &base_pulled, &base_push_s);
  jl_test_proxy_get_bytes (plain_relay, &base_up, &base_down);
  jl_test_proxy_stop (plain_relay);
  plain_stop (plain);
  g_print ("  baseline (same bodies, plain HTTP + plain SQLite): push %.3f s, pull %.3f s, %" G_GINT64_FORMAT
           " changes back; %" G_GINT64_FORMAT " bytes up, %" G_GINT64_FORMAT " down\n",
           base_push_s, base_s - base_push_s, base_pulled, base_up, base_down);
  if (base_pulled != changes)
    g_error ("baseline pulled %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT, base_pulled, changes);

  bench_result ("sync", "end-to-end changes/s (push+pull)", changes / (push_s + pull_s), "changes/s (goal >= 50000)");
  bench_result ("sync", "push changes/s", changes / push_s, "changes/s");
  bench_result ("sync", "pull changes/s", changes / pull_s, "changes/s");
  bench_result ("sync", "write through the core, changes/s", changes / write_s, "changes/s (not in end to end)");
  bench_result ("sync", "wire bytes/change, push (up+down)", (double) push_bytes / changes, "B");
  bench_result ("sync", "wire bytes/change, pull (up+down)", (double) pull_bytes / changes, "B");
  bench_result ("sync", "wire bytes/change, push+pull", (double) (push_bytes + pull_bytes) / changes,
                "B (goal <= 80)");
  bench_result ("sync", "baseline changes/s (plain HTTP+SQLite)", changes / base_s, "changes/s");
  bench_result ("sync", "baseline wire bytes/change", (double) (base_up + base_down) / changes, "B");
  bench_result ("sync", "ratio time jinlin/baseline", (push_s + pull_s) / base_s, "x");
  bench_result ("sync", "ratio bytes jinlin/baseline", (double) (push_bytes + pull_bytes) / (base_up + base_down),
                "x");

  bench_dir_free (dir);
  return 0;
}
