/* test-sync-pg.c: what only the PostgreSQL backend can show: several
 * jinlin-server processes sharing one database
 *
 * Run through tests/pg-run.sh (a throwaway cluster); without PostgreSQL
 * every case is skipped. Scenario 14 of SYNC.md: two devices push to the
 * same community at once, through two servers, while a third device
 * pulls in a loop; the puller must never skip a change, and no push may
 * merge against rows another push was still changing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "jl-store-sync.h"
#include "jl-sync-client.h"
#include "jl-test-server.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

#define C1       "0190a6e2-7c1b-7d3e-8f00-00000000c001"
#define PASSWORD "secret-pass-1"
#define ROUNDS   30

static gint pushers_done;

/* Both pushers start each round together, so their pushes of the shared
 * record overlap on the servers. */
static GMutex barrier_mutex;
static GCond  barrier_cond;
static guint  barrier_count, barrier_generation;

static void
barrier_wait (void)
{
  guint generation;

  g_mutex_lock (&barrier_mutex);
  generation = barrier_generation;
  if (++barrier_count == 2)
    {
      barrier_count = 0;
      barrier_generation++;
      g_cond_broadcast (&barrier_cond);
    }
  else
    while (generation == barrier_generation)
      g_cond_wait (&barrier_cond, &barrier_mutex);
  g_mutex_unlock (&barrier_mutex);
}

typedef struct
{
  JlTestServer *a;
  JlTestServer *b;   /* another process on a's database */
  char         *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->a = jl_test_server_new ();
  jl_test_server_add_user (f->a, "alice", PASSWORD, "clerk", (const char *[]) { C1, NULL }, FALSE);
  jl_test_server_add_user (f->a, "bob", PASSWORD, "clerk", (const char *[]) { C1, NULL }, FALSE);
  jl_test_server_add_user (f->a, "carol", PASSWORD, "secretary", (const char *[]) { C1, NULL }, FALSE);
  jl_test_server_start (f->a);
  f->b = jl_test_server_new_sharing (f->a);
  jl_test_server_start (f->b);
  f->dir = jl_test_dir_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  jl_test_server_free (f->b);
  jl_test_server_free (f->a);
  jl_test_dir_free (f->dir);
}

typedef struct
{
  JlStore      *store;
  JlSyncClient *client;
  const char   *name;
  GStrv         shared;    /* ids both pushers create */
  char         *token;
  char         *device;
} Client;

static Client *
client_new (Fixture      *f,
            JlTestServer *server,
            const char   *user)
{
  Client *c = g_new0 (Client, 1);
  g_autofree char *path = g_strdup_printf ("%s/%s.db", f->dir, user);
  g_autofree char *account = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  c->name = user;
  c->store = jl_store_open (path, &error);
  g_assert_no_error (error);
  c->client = jl_sync_client_new (c->store);
  jl_sync_client_set_retry (c->client, 1, 0, 0);
  jl_sync_client_login_sync (c->client, server->url, user, PASSWORD, user, NULL, &error);
  g_assert_no_error (error);
  account = jl_sync_client_account_path (c->store);
  g_key_file_load_from_file (kf, account, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  c->token = g_key_file_get_string (kf, "account", "token", NULL);
  c->device = g_key_file_get_string (kf, "account", "device_id", NULL);
  return c;
}

static void
client_free (Client *c)
{
  g_clear_object (&c->client);
  g_clear_object (&c->store);
  g_free (c->token);
  g_free (c->device);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static void
sync_ok (Client *c)
{
  g_autoptr(GError) error = NULL;

  jl_sync_client_run_sync (c->client, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* One page of GET /sync/v1/pull, as the server sent it. */
static JlSyncPage *
pull_page (JlTestServer *server,
           Client       *c,
           gint64        after,
           guint         limit)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%ssync/v1/pull?community=%s&after=%" G_GINT64_FORMAT "&limit=%u",
                                          server->url, C1, after, limit);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *auth = g_strconcat ("Bearer ", c->token, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JlSyncPage *page;

  soup_message_headers_replace (soup_message_get_request_headers (msg), JL_SYNC_HEADER_PROTOCOL, "1");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  page = jl_sync_page_decode (body, &error);
  g_assert_no_error (error);
  return page;
}

/* Pulls from @after until the server has nothing more, recording each
 * row's id → row_seq in @seen; checks the order within and across pages.
 * Returns the new cursor. */
static gint64
pull_all (JlTestServer *server,
          Client       *c,
          gint64        after,
          guint         limit,
          GHashTable   *seen)
{
  for (;;)
    {
      g_autoptr(JlSyncPage) page = pull_page (server, c, after, limit);

      for (guint i = 0; i < page->rows->len; i++)
        {
          JlSyncRow *row = page->rows->pdata[i];

          g_assert_cmpint (row->row_seq, >, after);
          after = row->row_seq;
          g_hash_table_insert (seen, g_strdup (row->row_id), GINT_TO_POINTER ((int) row->row_seq));
        }
      g_assert_cmpint (page->next, ==, after);
      if (!page->has_more)
        return after;
    }
}

/* A pusher: per round one record of its own and one record that the
 * other pusher creates too (same id, another name), pushed at once. */
static gpointer
push_rounds (gpointer data)
{
  Client *c = data;

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;

      /* The shared record first: the first change of a push is the one
       * read before anything else in its transaction is locked. */
      g_free (jl_test_putf_ok (c->store, "partner_unit",
                               "{\"id\": \"%s\", \"community_id\": \"%s\", \"name\": \"%s 写的 %u\","
                               " \"status\": \"active\"}", c->shared[i], C1, c->name, i));
      g_free (jl_test_putf_ok (c->store, "partner_unit",
                               "{\"community_id\": \"%s\", \"name\": \"%s 的单位 %u\", \"status\": \"active\"}",
                               C1, c->name, i));
      barrier_wait ();
      jl_sync_client_push_sync (c->client, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (jl_store_outbox_count (c->store, NULL), ==, 0);
    }
  g_atomic_int_inc (&pushers_done);
  return NULL;
}

static const char *
field_string (JlSyncRow  *row,
              const char *name)
{
  for (guint i = 0; i < row->fields->len; i++)
    {
      JlSyncField *field = row->fields->pdata[i];

      if (strcmp (field->name, name) == 0 && field->value != NULL && JSON_NODE_HOLDS_VALUE (field->value) &&
          json_node_get_value_type (field->value) == G_TYPE_STRING)
        return json_node_get_string (field->value);
    }
  return NULL;
}

/* Everything of C1 from 0, in one pass: id → row. */
static GHashTable *
full_pull (JlTestServer *server,
           Client       *c)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) jl_sync_row_free);
  gint64 after = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(JlSyncPage) page = pull_page (server, c, after, 500);

      for (guint i = 0; i < page->rows->len; i++)
        {
          JlSyncRow *row = page->rows->pdata[i];

          g_hash_table_insert (rows, g_strdup (row->row_id), page->rows->pdata[i]);
          page->rows->pdata[i] = NULL;
        }
      g_ptr_array_set_free_func (page->rows, NULL);
      after = page->next;
      more = page->has_more;
    }
  return rows;
}

static void
test_concurrent_pushes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Client) alice = client_new (f, f->a, "alice");
  g_autoptr(Client) bob = client_new (f, f->b, "bob");
  g_autoptr(Client) carol = client_new (f, f->a, "carol");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) all = NULL;
  g_auto(GStrv) shared = g_new0 (char *, ROUNDS + 1);
  GThread *threads[2];
  gint64 cursor = 0;
  guint n_pulls = 0, n_conflicts = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < ROUNDS; i++)
    shared[i] = jl_uuid_v7_new ();
  alice->shared = bob->shared = shared;
  g_free (jl_test_putf_ok (alice->store, "community",
                           "{\"id\": \"%s\", \"name\": \"鹭江社区\", \"district\": \"思明区\"}", C1));
  sync_ok (alice);
  sync_ok (bob);

  /* Alice pushes through server a, Bob through server b, Carol pulls
   * from both in turn, in small pages, until they are done. */
  threads[0] = g_thread_new ("alice", push_rounds, alice);
  threads[1] = g_thread_new ("bob", push_rounds, bob);
  g_atomic_int_set (&pushers_done, 0);
  while (g_atomic_int_get (&pushers_done) < 2)
    {
      cursor = pull_all (n_pulls % 2 ? f->b : f->a, carol, cursor, 7, seen);
      n_pulls++;
    }
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);
  cursor = pull_all (f->b, carol, cursor, 7, seen);
  g_test_message ("%u pulls while pushing", n_pulls);

  /* What the puller saw page by page is what a fresh full pull gives:
   * every row, each with its last sequence number; a change skipped
   * while another push was uncommitted would be missing for good, as
   * the rows of one pusher are never written again. */
  all = full_pull (f->a, carol);
  g_assert_cmpuint (g_hash_table_size (all), ==, g_hash_table_size (seen));
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JlSyncRow *row = value;

      g_assert_true (g_hash_table_contains (seen, key));
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (seen, key)), ==, row->row_seq);
      if (strcmp (row->kind, "sync_conflict") == 0)
        {
          const char *row_id = field_string (row, "row_id");

          g_assert_true (g_strv_contains ((const char *const *) shared, row_id));
          if (g_strcmp0 (field_string (row, "field"), "name") == 0)
            n_conflicts++;
        }
    }

  /* Each shared record was created by both: whichever push came second
   * saw the first one's name and logged exactly one conflict. A push
   * merging against rows read before the other committed would have
   * overwritten the name silently. */
  g_assert_cmpuint (n_conflicts, ==, ROUNDS);
  for (guint i = 0; i < ROUNDS; i++)
    {
      JlSyncRow *row = g_hash_table_lookup (all, shared[i]);
      g_autofree char *by_alice = g_strdup_printf ("alice 写的 %u", i);
      g_autofree char *by_bob = g_strdup_printf ("bob 写的 %u", i);

      g_assert_nonnull (row);
      g_assert_true (g_strcmp0 (field_string (row, "name"), by_alice) == 0 ||
                     g_strcmp0 (field_string (row, "name"), by_bob) == 0);
    }

  /* The clients end equal too. */
  sync_ok (alice);
  sync_ok (bob);
  sync_ok (carol);
  {
    g_autoptr(GPtrArray) ca = jl_store_sync_conflicts (alice->store, C1, FALSE, NULL);
    g_autoptr(GPtrArray) cb = jl_store_sync_conflicts (bob->store, C1, FALSE, NULL);

    g_assert_cmpuint (ca->len, >=, ROUNDS);
    g_assert_cmpuint (cb->len, ==, ca->len);
  }
}

/* Accounts and data written through one server are there through the
 * other: users, devices, rows, the admin commands. */
static void
test_shared_database (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Client) alice = client_new (f, f->a, "alice");
  g_autoptr(Client) bob = client_new (f, f->b, "bob");
  g_autoptr(JlRecord) record = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_free (jl_test_putf_ok (alice->store, "community",
                           "{\"id\": \"%s\", \"name\": \"鹭江社区\", \"district\": \"思明区\"}", C1));
  unit = jl_test_putf_ok (alice->store, "partner_unit",
                          "{\"community_id\": \"%s\", \"name\": \"厦门市自来水有限公司\", \"status\": \"active\"}", C1);
  sync_ok (alice);
  sync_ok (bob);
  record = jl_test_get_ok (bob->store, "partner_unit", unit);
  g_assert_cmpstr (json_object_get_string_member (jl_record_get_values (record), "name"), ==, "厦门市自来水有限公司");

  g_assert_cmpint (jl_test_server_admin (f->b, NULL, &out, "device", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, alice->device));
  g_assert_nonnull (strstr (out, bob->device));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (jl_test_server_admin (f->b, NULL, NULL, "device", "revoke", bob->device, NULL), ==, 0);
  /* Revoked in the shared database: server a refuses the token too. */
  g_assert_false (jl_sync_client_run_sync (bob->client, NULL, NULL, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpint (jl_test_server_admin (f->a, NULL, &out, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "carol"));
}

/* PostgreSQL restarts under a running server: the request that finds
 * the connection broken fails, the client's retry gets through on a new
 * connection, and nothing is lost. */
static void
test_database_restart (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Client) alice = client_new (f, f->a, "alice");
  g_autoptr(Client) bob = client_new (f, f->b, "bob");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autofree char *unit = NULL;

  g_free (jl_test_putf_ok (alice->store, "community",
                           "{\"id\": \"%s\", \"name\": \"鹭江社区\", \"district\": \"思明区\"}", C1));
  sync_ok (alice);

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("JINLIN_TEST_PG_RESTART"), NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);

  unit = jl_test_putf_ok (alice->store, "partner_unit",
                          "{\"community_id\": \"%s\", \"name\": \"重启之后\", \"status\": \"active\"}", C1);
  jl_sync_client_set_retry (alice->client, 3, 50, 200);
  jl_sync_client_set_retry (bob->client, 3, 50, 200);
  sync_ok (alice);
  g_assert_cmpint (jl_store_outbox_count (alice->store, NULL), ==, 0);
  sync_ok (bob);
  record = jl_test_get_ok (bob->store, "partner_unit", unit);
  g_assert_cmpstr (json_object_get_string_member (jl_record_get_values (record), "name"), ==, "重启之后");
}

/* Connection and database errors are clear, and a database holding
 * something else is left alone. */
static void
test_bad_database (void)
{
  const char *server = g_getenv ("JINLIN_SERVER");
  g_autofree char *other = g_strdup_printf ("%s dbname=postgres", g_getenv ("JINLIN_TEST_PG_URL"));
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, server,
                           "--database-url", "host=127.0.0.1 port=1 user=nobody dbname=nothing connect_timeout=5",
                           "user", "list", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  g_assert_nonnull (strstr (err, "cannot connect to PostgreSQL"));
  g_assert_nonnull (strstr (err, "127.0.0.1"));
  g_clear_object (&proc);
  g_clear_pointer (&err, g_free);

  /* The cluster's "postgres" database gets a table of someone else's. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("JINLIN_TEST_PSQL"), "-Xq",
                           "-v", "ON_ERROR_STOP=1", "-d", other, "-c",
                           "CREATE TABLE IF NOT EXISTS payroll (name text); INSERT INTO payroll VALUES ('x')",
                           NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&proc);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, server,
                           "--database-url", other, "user", "list", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  g_assert_nonnull (strstr (err, "not a jinlin-server database"));
  g_clear_object (&proc);
  g_clear_pointer (&err, g_free);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("JINLIN_TEST_PSQL"), "-XAtq",
                           "-d", other, "-c", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (out), ==, "1");
}

/* jinlin-server ARGS… (NULL-terminated): exit status, stdout's first
 * line and stderr. */
static int
run_server (char       **line,
            char       **err,
            const char  *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("JINLIN_SERVER"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  /* A server that starts prints its URL, then is stopped. */
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  if (*line != NULL && g_str_has_prefix (*line, "listening on "))
    g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

/* [database] in the config file, and what the command line overrides. */
static void
test_config_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *config = g_build_filename (f->dir, "jinlin-server.conf", NULL);
  g_autofree char *blobs = g_build_filename (f->dir, "blobs", NULL);
  g_autofree char *text = g_strdup_printf ("[database]\nbackend=postgresql\nurl=%s\n\n"
                                           "[server]\nport=0\nblob-dir=%s\n", f->a->db, blobs);
  g_autofree char *sqlite = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  char *line = NULL, *err = NULL;

  g_file_set_contents (config, text, -1, &error);
  g_assert_no_error (error);

  /* The users of the shared database are there through the file. */
  g_assert_cmpint (run_server (&line, &err, "--config", config, "user", "list", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (line, "alice\t"));
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_server (&line, &err, "--config", config, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  g_assert_null (strstr (err, "dbname"));   /* the URL is not logged */
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&err, g_free);

  /* --db wins over the file: an empty SQLite database has no users. */
  g_assert_cmpint (run_server (&line, &err, "--config", config, "--db", sqlite, "user", "list", NULL), ==, 0);
  g_assert_null (line);
  g_assert_true (g_file_test (sqlite, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  /* Both on the command line, or a backend without its database: clear
   * errors, exit status 2. */
  g_assert_cmpint (run_server (&line, &err, "--db", sqlite, "--database-url", f->a->db, "user", "list", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "either --db or --database-url"));
  g_clear_pointer (&err, g_free);
  g_file_set_contents (config, "[database]\nbackend=postgresql\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_server (&line, &err, "--config", config, "user", "list", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--database-url"));
  g_clear_pointer (&err, g_free);
  g_file_set_contents (config, "[database]\nbackend=oracle\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_server (&line, &err, "--config", config, "user", "list", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown database backend “oracle”"));
  g_clear_pointer (&err, g_free);
  /* Serving from PostgreSQL needs a folder for attachments. */
  g_assert_cmpint (run_server (&line, &err, "--database-url", f->a->db, "--port", "0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--blob-dir"));
  g_free (err);
}

static void
skip_case (gconstpointer reason)
{
  g_test_skip (reason);
}

int
main (int    argc,
      char **argv)
{
  gboolean have_pg = strcmp (jl_test_server_backend (), "postgresql") == 0;
  const char *reason = "PostgreSQL tests run through tests/pg-run.sh (JINLIN_TEST_BACKEND=postgresql)";

  jl_test_init (&argc, &argv);

#define ADD(path, func) \
  if (have_pg) \
    g_test_add ("/sync-pg/" path, Fixture, NULL, fixture_setup, func, fixture_teardown); \
  else \
    g_test_add_data_func ("/sync-pg/" path, reason, skip_case)
  ADD ("concurrent-pushes", test_concurrent_pushes);
  ADD ("shared-database", test_shared_database);
  ADD ("config-file", test_config_file);
  ADD ("database-restart", test_database_restart);
#undef ADD
  if (have_pg)
    g_test_add_func ("/sync-pg/bad-database", test_bad_database);
  else
    g_test_add_data_func ("/sync-pg/bad-database", reason, skip_case);
  return g_test_run ();
}
