/* test-sync-blob.c: attachments' bytes through a real jinlin-server
 *
 * SYNC.md §2.2 scenario 25: a 20 MB scanned PDF uploads and downloads in
 * chunks, resumes after interruptions (a byte budget, a server crash)
 * without sending again what the server has, arrives identical, and
 * never holds up record sync of its community. A clerk of another
 * community cannot fetch it; bytes that do not match are refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "jl-attachment.h"
#include "jl-blob-store.h"
#include "jl-store-private.h"
#include "jl-sync-blob.h"
#include "jl-sync-client-private.h"
#include "jl-test-server.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

#define C1       "0190a6e2-7c1b-7d3e-8f00-00000000c001"
#define C2       "0190a6e2-7c1b-7d3e-8f00-00000000c002"
#define PASSWORD "secret-pass-1"
#define MIB      (1024 * 1024)
#define BIG      (20 * MIB)

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
  jl_test_server_add_user (f->server, "dave", PASSWORD, "clerk", (const char *[]) { C2, NULL }, FALSE);
  jl_test_server_start (f->server);
  f->dir = jl_test_dir_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  jl_test_server_free (f->server);
  jl_test_dir_free (f->dir);
}

static Client *
client_new (Fixture    *f,
            const char *user)
{
  Client *c = g_new0 (Client, 1);
  g_autoptr(GError) error = NULL;

  c->db = g_strdup_printf ("%s/%s-%u.db", f->dir, user, f->n_clients++);
  c->store = jl_store_open (c->db, &error);
  g_assert_no_error (error);
  c->client = jl_sync_client_new (c->store);
  jl_sync_client_set_retry (c->client, 2, 20, 50);
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

static JlBlobStats
transfer_ok (Client *c,
             gint64  budget)
{
  g_autoptr(GError) error = NULL;
  JlBlobStats stats = { 0 };

  jl_sync_client_transfer_blobs_sync (c->client, budget, &stats, NULL, &error);
  g_assert_no_error (error);
  return stats;
}

/* A file of @size pseudo-random bytes (incompressible, like a scan). */
static char *
write_file (Fixture    *f,
            const char *name,
            gsize       size,
            guint32     seed)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree guint32 *data = g_malloc (size + 4);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size / 4 + 1; i++)
    data[i] = g_rand_int (rand);
  g_file_set_contents (path, (const char *) data, (gssize) size, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
make_meeting (Client *c)
{
  g_free (jl_test_putf_ok (c->store, "community", "{\"id\": \"%s\", \"name\": \"鹭江社区\"}", C1));
  return jl_test_putf_ok (c->store, "meeting",
                          "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"第一季度联席会议\","
                          " \"held_at\": \"2025-03-05 14:30\"}", C1);
}

static char *
attach (Client     *c,
        const char *meeting,
        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_attach_file (c->store, meeting, path, "签字版", &error);

  g_assert_no_error (error);
  return g_strdup (jl_record_get_id (record));
}

static char *
token_of (Client *c)
{
  g_autofree char *path = jl_sync_client_account_path (c->store);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  return g_key_file_get_string (kf, "account", "token", NULL);
}

/* A raw request to the blob endpoint as @c's device. */
static guint
raw (Fixture     *f,
     Client      *c,
     const char  *method,
     const char  *sha,
     const char  *query,
     GBytes      *body,
     GBytes     **reply)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%ssync/v1/blobs/%s%s", f->server->url, sha, query ? query : "");
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *token = token_of (c);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "X-Jinlin-Protocol", "1");
  soup_message_headers_replace (headers, "Authorization", auth);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
  out = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (reply != NULL)
    *reply = g_steal_pointer (&out);
  return soup_message_get_status (msg);
}

static char *
blob_sha (Client     *c,
          const char *attachment)
{
  g_autoptr(JlRecord) record = jl_test_get_ok (c->store, "attachment", attachment);

  return g_strdup (jl_record_get_string (record, "sha256"));
}

static void
test_resumable (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autofree char *meeting = make_meeting (a);
  g_autofree char *pdf = write_file (f, "签字纪要扫描件.pdf", BIG, 25);
  g_autofree char *attachment = attach (a, meeting, pdf);
  g_autofree char *sha = blob_sha (a, attachment);
  g_autofree char *want = jl_test_file_checksum (pdf);
  g_autofree char *path = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  JlBlobStats up1, up2, down0, down1, down2;
  gboolean downloaded = TRUE;
  gint64 start;

  /* The record holds what the file is; the bytes are in A's blob folder. */
  g_assert_cmpstr (sha, ==, want);
  record = jl_test_get_ok (a->store, "attachment", attachment);
  g_assert_cmpint (jl_record_get_int (record, "size", 0), ==, BIG);
  g_assert_cmpstr (jl_record_get_string (record, "file_name"), ==, "签字纪要扫描件.pdf");
  g_assert_cmpstr (jl_record_get_string (record, "mime_type"), ==, "application/pdf");
  path = jl_store_attachment_path (a->store, attachment, &downloaded, &error);
  g_assert_no_error (error);
  g_assert_true (downloaded);
  g_clear_pointer (&path, g_free);

  /* Record sync moves the row, not the 20 MB: it is quick, and B knows
   * the attachment before its file. */
  start = g_get_monotonic_time ();
  sync_ok (a);
  sync_ok (b);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  path = jl_store_attachment_path (b->store, attachment, &downloaded, &error);
  g_assert_no_error (error);
  g_assert_false (downloaded);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&path, g_free);

  /* Nothing uploaded yet: B's transfer waits, it does not fail. */
  down0 = transfer_ok (b, 0);
  g_assert_cmpuint (down0.pending, ==, 1);
  g_assert_cmpuint (down0.downloaded, ==, 0);
  g_assert_cmpint (down0.bytes_received, ==, 0);

  /* A uploads 8 MiB of it, then the server crashes (SIGKILL) and comes
   * back: every acknowledged chunk was fsynced before its answer. */
  up1 = transfer_ok (a, 8 * MIB);
  g_assert_cmpuint (up1.pending, ==, 1);
  g_assert_cmpuint (up1.uploaded, ==, 0);
  g_assert_cmpint (up1.bytes_sent, ==, 8 * MIB);
  jl_test_server_kill (f->server);
  jl_test_server_start (f->server);

  /* Meanwhile records of the same community still sync at once. */
  {
    g_autoptr(JlRecord) m = jl_test_update_ok (a->store, "meeting", meeting, "{\"place\": \"社区党群服务中心\"}");
    g_autoptr(JlRecord) seen = NULL;

    sync_ok (a);
    sync_ok (b);
    seen = jl_test_get_ok (b->store, "meeting", meeting);
    g_assert_cmpstr (jl_record_get_string (seen, "place"), ==, "社区党群服务中心");
  }

  /* The rest, resumed where the server stood: 20 MiB sent in all, not 28. */
  up2 = transfer_ok (a, 0);
  g_assert_cmpuint (up2.uploaded, ==, 1);
  g_assert_cmpuint (up2.pending, ==, 0);
  g_assert_cmpint (up1.bytes_sent + up2.bytes_sent, ==, BIG);
  /* Again: nothing left to send. */
  {
    JlBlobStats again = transfer_ok (a, 0);

    g_assert_cmpint (again.bytes_sent, ==, 0);
    g_assert_cmpuint (again.uploaded, ==, 0);
  }

  /* B downloads 5 MiB, is interrupted, resumes from its partial file. */
  down1 = transfer_ok (b, 5 * MIB);
  g_assert_cmpuint (down1.pending, ==, 1);
  g_assert_cmpint (down1.bytes_received, ==, 5 * MIB);
  path = jl_store_attachment_path (b->store, attachment, &downloaded, &error);
  g_assert_false (downloaded);
  g_clear_pointer (&path, g_free);
  down2 = transfer_ok (b, 0);
  g_assert_cmpuint (down2.downloaded, ==, 1);
  g_assert_cmpuint (down2.pending, ==, 0);
  g_assert_cmpint (down1.bytes_received + down2.bytes_received, ==, BIG);

  path = jl_store_attachment_path (b->store, attachment, &downloaded, &error);
  g_assert_no_error (error);
  g_assert_true (downloaded);
  {
    g_autofree char *got = jl_test_file_checksum (path);

    g_assert_cmpstr (got, ==, want);
  }
}

static void
test_other_community (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) d = client_new (f, "dave");
  g_autofree char *meeting = make_meeting (a);
  g_autofree char *file = write_file (f, "photo.jpg", 300 * 1024, 7);
  g_autofree char *attachment = attach (a, meeting, file);
  g_autofree char *sha = blob_sha (a, attachment);
  g_autofree char *unknown = g_strnfill (64, 'a');
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) chunk = g_bytes_new_static ("x", 1);
  JlBlobStats stats;

  sync_ok (a);
  stats = transfer_ok (a, 0);
  g_assert_cmpuint (stats.uploaded, ==, 1);

  /* Dave (another community) gets the same 404 as for a blob that does
   * not exist, and no byte of the file. */
  g_assert_cmpuint (raw (f, d, "GET", sha, NULL, NULL, &reply), ==, 404);
  g_assert_cmpuint (g_bytes_get_size (reply), <, 200);
  g_clear_pointer (&reply, g_bytes_unref);
  g_assert_cmpuint (raw (f, d, "GET", unknown, NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (raw (f, d, "HEAD", sha, NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (raw (f, d, "PUT", sha, "?offset=0", chunk, NULL), ==, 404);
  /* A name that is not a SHA-256 never becomes a path. */
  g_assert_cmpuint (raw (f, d, "GET", "..%2F..%2Fserver.db", NULL, NULL, NULL), ==, 400);
  stats = transfer_ok (d, 0);
  g_assert_cmpuint (stats.downloaded + stats.pending, ==, 0);

  /* Alice, of the community, can. */
  g_assert_cmpuint (raw (f, a, "GET", sha, NULL, NULL, &reply), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (reply), ==, 300 * 1024);
}

static void
test_corrupt_upload (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autofree char *meeting = make_meeting (a);
  g_autofree char *file = write_file (f, "scan.pdf", 1536 * 1024, 11);
  g_autofree char *attachment = attach (a, meeting, file);
  g_autofree char *sha = blob_sha (a, attachment);
  g_autofree char *blob_dir = jl_store_blob_dir (a->store);
  g_autofree char *blob = jl_blob_path (blob_dir, sha);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  gsize len = 0;
  JlBlobStats stats;

  sync_ok (a);

  /* Wrong bytes of the right size, sent raw: refused at the end, with a
   * clear error, and nothing kept. */
  {
    g_autofree char *zeros = g_malloc0 (MIB);
    g_autoptr(GBytes) first = g_bytes_new_static (zeros, MIB);
    g_autoptr(GBytes) rest = g_bytes_new_static (zeros, 512 * 1024);
    g_autofree char *text = NULL;

    g_assert_cmpuint (raw (f, a, "PUT", sha, "?offset=0", first, NULL), ==, 200);
    /* Not where the upload stands. */
    g_assert_cmpuint (raw (f, a, "PUT", sha, "?offset=5", rest, NULL), ==, 409);
    g_assert_cmpuint (raw (f, a, "PUT", sha, "?offset=1048576", rest, &reply), ==, 400);
    text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
    g_assert_nonnull (strstr (text, "do not match"));
    g_clear_pointer (&reply, g_bytes_unref);
    g_assert_cmpuint (raw (f, a, "GET", sha, NULL, NULL, NULL), ==, 404);
  }

  /* A's own blob file damaged on disk: the server refuses it, the run
   * goes on and says so, B still waits for the real file. */
  g_file_get_contents (blob, &contents, &len, &error);
  g_assert_no_error (error);
  contents[len / 2] ^= 0x55;
  g_chmod (blob, 0600);
  g_file_set_contents (blob, contents, (gssize) len, &error);
  g_assert_no_error (error);
  stats = transfer_ok (a, 0);
  g_assert_cmpuint (stats.failed, ==, 1);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  g_assert_cmpuint (raw (f, a, "GET", sha, NULL, NULL, NULL), ==, 404);

  sync_ok (b);
  stats = transfer_ok (b, 0);
  g_assert_cmpuint (stats.pending, ==, 1);
  g_assert_cmpuint (stats.downloaded, ==, 0);

  /* Attaching the real file again repairs A's copy; then it all goes. */
  g_unlink (blob);
  g_free (attach (a, meeting, file));
  sync_ok (a);
  stats = transfer_ok (a, 0);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  sync_ok (b);
  stats = transfer_ok (b, 0);
  g_assert_cmpuint (stats.downloaded, ==, 1);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autofree char *meeting = make_meeting (a);
  g_autofree char *file = write_file (f, "a.bin", 1000, 3);
  g_autofree char *attachment = attach (a, meeting, file);
  g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) none = NULL;

  /* The checksum names a file: never anything but a SHA-256, never changed. */
  g_clear_error (&error);
  {
    g_autofree char *json = g_strdup_printf ("{\"meeting_id\": \"%s\", \"file_name\": \"a\", \"size\": 1,"
                                             " \"sha256\": \"../../etc\"}", meeting);

    error = jl_test_put_fails (a->store, "attachment", NULL, json, JL_ERROR_INVALID);
  }
  g_clear_error (&error);
  error = jl_test_put_fails (a->store, "attachment", attachment, "{\"size\": 5}", JL_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* A file that is not there: a clear error, nothing created. */
  none = jl_store_attach_file (a->store, meeting, missing, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, JL_ERROR, JL_ERROR_IO);
  g_assert_cmpint (jl_store_count (a->store, "attachment", NULL, NULL), ==, 1);

  /* An empty file is refused when attached; an empty attachment made some
   * other way still "arrives" (nothing to fetch) instead of failing runs. */
  {
    g_autofree char *empty = write_file (f, "empty.pdf", 0, 1);
    g_autoptr(JlRecord) refused = NULL;
    g_autofree char *json = g_strdup_printf ("{\"meeting_id\": \"%s\", \"file_name\": \"空.txt\", \"size\": 0,"
                                             " \"sha256\": \"%s\"}", meeting,
                                             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    g_autofree char *id = NULL;
    g_autofree char *path = NULL;
    gboolean downloaded = FALSE;
    JlBlobStats stats;

    g_clear_error (&error);
    refused = jl_store_attach_file (a->store, meeting, empty, NULL, &error);
    g_assert_null (refused);
    g_assert_error (error, JL_ERROR, JL_ERROR_INVALID);
    id = jl_test_put_ok (a->store, "attachment", json);
    sync_ok (a);
    stats = transfer_ok (a, 0);
    g_assert_cmpuint (stats.failed, ==, 0);
    path = jl_store_attachment_path (a->store, id, &downloaded, NULL);
    g_assert_true (downloaded);
  }
}

/* jinlin-cli --db DB ARGS…; returns the exit status, @out gets stdout. */
static int
cli (const char  *db,
     char       **out,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
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
  proc = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &o, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_strdup (g_strstrip (o));
  return g_subprocess_get_exit_status (proc);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, "alice");
  g_autoptr(Client) b = client_new (f, "bob");
  g_autofree char *meeting = make_meeting (a);
  g_autofree char *file = write_file (f, "minutes.pdf", 2 * MIB + 17, 5);
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *want = jl_test_file_checksum (file);

  g_assert_true (g_file_test (g_getenv ("JINLIN_CLI"), G_FILE_TEST_IS_EXECUTABLE));
  g_assert_cmpint (cli (a->db, &id, "attach", meeting, file, "--note", "签字版", NULL), ==, 0);
  g_assert_true (jl_uuid_is_valid (id));
  g_assert_cmpint (cli (a->db, NULL, "sync", NULL), ==, 0);
  g_assert_cmpint (cli (a->db, &out, "sync-files", "--budget", "1048576", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "uploaded 0, downloaded 0, pending 1, failed 0");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (a->db, &out, "sync-files", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "uploaded 1, downloaded 0, pending 0, failed 0");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (b->db, NULL, "sync", NULL), ==, 0);
  /* Known, not downloaded yet: exit 3 and no path. */
  g_assert_cmpint (cli (b->db, &out, "attachment-path", id, NULL), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (b->db, &out, "sync-files", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "uploaded 0, downloaded 1, pending 0, failed 0");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (b->db, &out, "attachment-path", id, NULL), ==, 0);
  {
    g_autofree char *got = jl_test_file_checksum (out);

    g_assert_cmpstr (got, ==, want);
  }
  g_clear_pointer (&out, g_free);
  /* Not an attachment: exit 3 too, with the usual not-found error. */
  g_assert_cmpint (cli (b->db, NULL, "attachment-path", meeting, NULL), ==, 3);
  g_assert_cmpint (cli (b->db, NULL, "attach", meeting, "/nonexistent/file.pdf", NULL), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  jl_test_init (&argc, &argv);

  g_test_add ("/sync/blob/resumable-20mb", Fixture, NULL, fixture_setup, test_resumable, fixture_teardown);
  g_test_add ("/sync/blob/other-community", Fixture, NULL, fixture_setup, test_other_community, fixture_teardown);
  g_test_add ("/sync/blob/corrupt-upload", Fixture, NULL, fixture_setup, test_corrupt_upload, fixture_teardown);
  g_test_add ("/sync/blob/rules", Fixture, NULL, fixture_setup, test_rules, fixture_teardown);
  g_test_add ("/sync/blob/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  return g_test_run ();
}
