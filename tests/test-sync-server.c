/* test-sync-server.c: what jinlin-server does with requests no Jinlin
 * client would send (malformed, truncated, oversized, wrong-type JSON;
 * other communities; old protocols), and what the client does with
 * answers no jinlin-server would give (a fake server in this process)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "jl-store-sync.h"
#include "jl-sync-client.h"
#include "jl-test-server.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

#define C1       "0190a6e2-7c1b-7d3e-8f00-00000000c001"
#define C2       "0190a6e2-7c1b-7d3e-8f00-00000000c002"
#define C3       "0190a6e2-7c1b-7d3e-8f00-00000000c003"
#define PASSWORD "secret-pass-1"

typedef struct
{
  JlTestServer *server;
  char         *dir;
  JlStore      *alice;
  JlStore      *dave;
  JlSyncClient *alice_client;
  JlSyncClient *dave_client;
  char         *alice_token;
  char         *alice_device;
  char         *dave_token;
  char         *dave_device;
} Fixture;

static char *
read_token (JlStore  *store,
            char    **device)
{
  g_autofree char *path = jl_sync_client_account_path (store);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  *device = g_key_file_get_string (kf, "account", "device_id", NULL);
  return g_key_file_get_string (kf, "account", "token", NULL);
}

static JlSyncClient *
login (Fixture     *f,
       const char  *user,
       JlStore    **store)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.db", f->dir, user);
  g_autoptr(GError) error = NULL;
  JlSyncClient *client;

  *store = jl_store_open (path, &error);
  g_assert_no_error (error);
  client = jl_sync_client_new (*store);
  jl_sync_client_set_retry (client, 1, 0, 0);
  jl_sync_client_login_sync (client, f->server->url, user, PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  return client;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = jl_test_server_new ();
  jl_test_server_add_user (f->server, "alice", PASSWORD, "clerk", (const char *[]) { C1, NULL }, FALSE);
  jl_test_server_add_user (f->server, "dave", PASSWORD, "clerk", (const char *[]) { C2, NULL }, FALSE);
  jl_test_server_start (f->server);
  f->dir = jl_test_dir_new ();
  f->alice_client = login (f, "alice", &f->alice);
  f->dave_client = login (f, "dave", &f->dave);
  f->alice_token = read_token (f->alice, &f->alice_device);
  f->dave_token = read_token (f->dave, &f->dave_device);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->alice_client);
  g_clear_object (&f->dave_client);
  g_clear_object (&f->alice);
  g_clear_object (&f->dave);
  g_free (f->alice_token);
  g_free (f->alice_device);
  g_free (f->dave_token);
  g_free (f->dave_device);
  jl_test_server_free (f->server);
  jl_test_dir_free (f->dir);
}

/* Raw HTTP
 */

typedef struct
{
  const char *token;
  const char *encoding;      /* Content-Encoding of the body */
  gboolean    no_protocol;   /* leave out X-Jinlin-Protocol */
  gboolean    chunked;       /* no Content-Length */
} Options;

static guint
http (Fixture        *f,
      const char     *method,
      const char     *path,
      GBytes         *body,
      const Options  *opts,
      char          **reply)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (f->server->url, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (!opts->no_protocol)
    soup_message_headers_replace (headers, "X-Jinlin-Protocol", "1");
  if (opts->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", opts->token, NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (opts->encoding != NULL)
    soup_message_headers_replace (headers, "Content-Encoding", opts->encoding);
  if (body != NULL && opts->chunked)
    {
      g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (body);
      soup_message_set_request_body (msg, "application/json", in, -1);
    }
  else if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  out = soup_session_send_and_read (session, msg, NULL, &error);
  /* A refused upload may be cut off; the status is what matters. */
  if (error != NULL)
    g_test_message ("%s %s: %s", method, path, error->message);
  if (reply != NULL)
    *reply = out ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out)) : g_strdup ("");
  return soup_message_get_status (msg);
}

static GBytes *
text (const char *t)
{
  return g_bytes_new (t, strlen (t));
}

static void
assert_healthy (Fixture *f)
{
  Options opts = { 0 };
  g_autofree char *reply = NULL;

  g_assert_cmpuint (http (f, "GET", "/health", NULL, &opts, &reply), ==, 200);
  g_assert_nonnull (strstr (reply, "\"ok\""));
}

/* A push body of @n changes of community @community. */
static GBytes *
push_body (const char *device,
           const char *community,
           const char *row_id,
           guint       n)
{
  g_autoptr(JlSyncPush) push = jl_sync_push_new (device);

  for (guint i = 0; i < n; i++)
    {
      JlSyncChange *c = jl_sync_change_new ();

      c->change_id = jl_uuid_v7_new ();
      c->dseq = i + 1;
      c->community_id = g_strdup (community);
      c->kind = g_strdup ("community");
      c->row_id = g_strdup (row_id ? row_id : community);
      c->field = g_strdup (i ? "households" : "name");
      c->value = i ? json_node_init_int (json_node_alloc (), i) : json_node_init_string (json_node_alloc (), "越界");
      c->hlc = jl_hlc_make (g_get_real_time () / 1000, i);
      g_ptr_array_add (push->changes, c);
    }
  return jl_sync_push_encode (push);
}

/* How many rows community C1 holds on the server, as a fresh pull sees
 * them. */
static guint
rows_on_server (Fixture    *f,
                const char *community)
{
  Options opts = { .token = f->alice_token };
  g_autofree char *path = g_strdup_printf ("/sync/v1/pull?community=%s", community);
  g_autofree char *reply = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JlSyncPage) page = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (http (f, "GET", path, NULL, &opts, &reply), ==, 200);
  bytes = text (reply);
  page = jl_sync_page_decode (bytes, &error);
  g_assert_no_error (error);
  return page->rows->len;
}

/* Deep enough to blow the stack of a recursive parser. */
static char *
deep_json (void)
{
  GString *deep = g_string_new ("{\"device_id\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  return g_string_free (deep, FALSE);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *wrong_device = g_strdup_printf ("{\"device_id\": \"%s\", \"changes\": []}", f->dave_device);
  g_autoptr(GBytes) valid = push_body (f->alice_device, C1, NULL, 3);
  g_autoptr(GBytes) packed = jl_sync_gzip (valid);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (packed, 0, g_bytes_get_size (packed) - 12);
  g_autofree char *half = g_strndup (g_bytes_get_data (valid, NULL), g_bytes_get_size (valid) / 2);
  g_autofree char *deep = deep_json ();
  const struct
  {
    const char *body;
    GBytes     *bytes;
    const char *encoding;
    guint       status;
  } cases[] = {
    { "", NULL, NULL, 400 },
    { "{", NULL, NULL, 400 },
    { half, NULL, NULL, 400 },
    { "[1, 2, 3]", NULL, NULL, 400 },
    { "{\"device_id\": 7, \"changes\": []}", NULL, NULL, 400 },
    { "{\"device_id\": null, \"changes\": \"all of them\"}", NULL, NULL, 400 },
    { wrong_device, NULL, NULL, 400 },
    { NULL, cut, "gzip", 400 },
    { "not gzip at all", NULL, "gzip", 400 },
    { "{}", NULL, "br", 400 },
    { "{\"device_id\": \"\xc3\x28\", \"changes\": []}", NULL, NULL, 400 },
    { deep, NULL, NULL, 400 },
  };
  Options opts = { .token = f->alice_token };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = cases[i].bytes ? g_bytes_ref (cases[i].bytes)
                                              : g_bytes_new (cases[i].body, strlen (cases[i].body));
      g_autofree char *reply = NULL;
      g_autofree char *code = NULL;
      g_autofree char *message = NULL;
      g_autoptr(GBytes) reply_bytes = NULL;
      guint status;

      opts.encoding = cases[i].encoding;
      status = http (f, "POST", "/sync/v1/push", body, &opts, &reply);
      if (status != cases[i].status)
        g_error ("case %u: HTTP %u, not %u: %s", i, status, cases[i].status, reply);
      reply_bytes = text (reply);
      /* A clear error body every time. */
      g_assert_true (jl_sync_error_decode (reply_bytes, &code, &message));
      g_assert_cmpstr (code, ==, "bad_request");
      g_assert_cmpstr (message, !=, "");
      g_test_message ("case %u: %s", i, message);
      assert_healthy (f);
    }

  /* Wrong types in pull queries and logins. */
  opts.encoding = NULL;
  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=x", NULL, &opts, NULL), ==, 400);
  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=" C1 "&after=-1", NULL, &opts, NULL), ==, 400);
  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=" C1 "&after=1e3", NULL, &opts, NULL), ==, 400);
  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=" C1 "&limit=0", NULL, &opts, NULL), ==, 400);
  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=" C1 "&limit=99999", NULL, &opts, NULL), ==, 400);
  {
    g_autoptr(GBytes) body = text ("{\"user\": \"alice\", \"password\": 12345678}");
    g_assert_cmpuint (http (f, "POST", "/sync/v1/login", body, &opts, NULL), ==, 400);
  }

  /* Nothing of it was stored, and a good push still goes through,
   * gzipped. */
  g_assert_cmpuint (rows_on_server (f, C1), ==, 0);
  opts.encoding = "gzip";
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", packed, &opts, NULL), ==, 200);
  g_assert_cmpuint (rows_on_server (f, C1), ==, 1);
}

static void
test_oversized (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) too_many = push_body (f->alice_device, C1, NULL, JL_SYNC_MAX_CHANGES + 1);
  g_autofree guint8 *zeros = g_malloc0 (JL_SYNC_MAX_REQUEST_BYTES + 1);
  g_autoptr(GBytes) huge = g_bytes_new_take (g_steal_pointer (&zeros), JL_SYNC_MAX_REQUEST_BYTES + 1);
  g_autoptr(GBytes) bomb = jl_sync_gzip (huge);
  g_autoptr(GBytes) small = push_body (f->alice_device, C1, NULL, 1);
  g_autofree char *reply = NULL;
  Options opts = { .token = f->alice_token };

  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", too_many, &opts, &reply), ==, 413);
  g_assert_nonnull (strstr (reply, "too_large"));
  assert_healthy (f);
  /* Refused from its Content-Length, before it is read. */
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", huge, &opts, NULL), ==, 413);
  assert_healthy (f);
  /* Small on the wire, too large once unpacked. */
  opts.encoding = "gzip";
  g_assert_cmpuint (bomb ? g_bytes_get_size (bomb) : 0, <, 64 * 1024);
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", bomb, &opts, NULL), ==, 413);
  assert_healthy (f);
  /* A body of unannounced size is refused. */
  opts.encoding = NULL;
  opts.chunked = TRUE;
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", small, &opts, NULL), ==, 411);
  assert_healthy (f);
  g_assert_cmpuint (rows_on_server (f, C1), ==, 0);
}

/* Another community: the same 403 whether or not it exists, for reads
 * and writes, and nothing stored or leaked. */
static void
test_cross_community (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) to_c1 = push_body (f->dave_device, C1, NULL, 2);
  g_autoptr(GBytes) to_c3 = push_body (f->dave_device, C3, NULL, 2);
  g_autofree char *unit = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autoptr(GBytes) steal = NULL;
  g_autoptr(GError) error = NULL;
  JlSyncStats stats = { 0 };
  Options opts = { .token = f->dave_token };
  guint before;

  /* Alice's community holds data. */
  g_free (jl_test_putf_ok (f->alice, "community", "{\"id\": \"%s\", \"name\": \"鹭江社区\"}", C1));
  unit = jl_test_putf_ok (f->alice, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"自来水公司\"}", C1);
  g_assert_true (jl_sync_client_run_sync (f->alice_client, NULL, NULL, &error));
  before = rows_on_server (f, C1);
  g_assert_cmpuint (before, ==, 2);

  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=" C1, NULL, &opts, &a), ==, 403);
  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=" C3, NULL, &opts, &b), ==, 403);
  g_assert_cmpstr (a, ==, b);
  g_assert_null (strstr (a, "鹭江"));
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", to_c1, &opts, &c), ==, 403);
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", to_c3, &opts, &d), ==, 403);
  g_assert_cmpstr (c, ==, d);
  g_assert_cmpstr (a, ==, c);
  /* Alice's row, claimed for dave's own community. */
  {
    g_autoptr(JlSyncPush) push = jl_sync_push_new (f->dave_device);
    JlSyncChange *ch = jl_sync_change_new ();

    ch->change_id = jl_uuid_v7_new ();
    ch->dseq = 1;
    ch->community_id = g_strdup (C2);
    ch->kind = g_strdup ("partner_unit");
    ch->row_id = g_strdup (unit);
    ch->field = g_strdup ("name");
    ch->value = json_node_init_string (json_node_alloc (), "被偷的单位");
    g_ptr_array_add (push->changes, ch);
    steal = jl_sync_push_encode (push);
  }
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", steal, &opts, &e), ==, 403);
  g_assert_cmpstr (e, ==, a);
  g_assert_cmpuint (rows_on_server (f, C1), ==, before);

  /* Dave's own client never sends what is not his: it waits, kept. */
  g_free (jl_test_putf_ok (f->dave, "community", "{\"id\": \"%s\", \"name\": \"不是我的社区\"}", C1));
  g_assert_true (jl_sync_client_run_sync (f->dave_client, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pushed, ==, 0);
  g_assert_cmpint (stats.pending, ==, 1);
  g_assert_cmpint (jl_store_count (f->dave, "partner_unit", NULL, NULL), ==, 0);
  g_assert_cmpuint (rows_on_server (f, C1), ==, before);
}

/* Rejected changes are quarantined in the conflict log, never dropped,
 * and do not block the rest of the push. */
static void
test_quarantine (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JlSyncPush) push = jl_sync_push_new (f->alice_device);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply_bytes = NULL;
  g_autoptr(JlSyncPushReply) reply = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_text = NULL;
  static const struct { const char *kind; const char *field; const char *value; } changes[] = {
    { "community", "name", "\"鹭江社区\"" },
    { "no_such_kind", "name", "\"?\"" },
    { "community", "households", "\"many\"" },
    { "community", "households", "3200" },
    { "community", "future_field", "{\"kept\": true}" },
  };
  Options opts = { .token = f->alice_token };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      JlSyncChange *c = jl_sync_change_new ();

      c->change_id = jl_uuid_v7_new ();
      c->dseq = i + 1;
      c->community_id = g_strdup (C1);
      c->kind = g_strdup (changes[i].kind);
      c->row_id = g_strdup (C1);
      c->field = g_strdup (changes[i].field);
      c->value = json_from_string (changes[i].value, NULL);
      c->hlc = jl_hlc_make (g_get_real_time () / 1000, i);
      g_ptr_array_add (push->changes, c);
    }
  body = jl_sync_push_encode (push);
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", body, &opts, &reply_text), ==, 200);
  reply_bytes = text (reply_text);
  reply = jl_sync_push_reply_decode (reply_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reply->results->len, ==, 5);
  g_assert_cmpint (((JlSyncResult *) reply->results->pdata[0])->status, ==, JL_SYNC_STATUS_APPLIED);
  g_assert_cmpint (((JlSyncResult *) reply->results->pdata[1])->status, ==, JL_SYNC_STATUS_QUARANTINED);
  g_assert_cmpint (((JlSyncResult *) reply->results->pdata[2])->status, ==, JL_SYNC_STATUS_QUARANTINED);
  g_assert_cmpint (((JlSyncResult *) reply->results->pdata[3])->status, ==, JL_SYNC_STATUS_APPLIED);
  g_assert_cmpint (((JlSyncResult *) reply->results->pdata[4])->status, ==, JL_SYNC_STATUS_APPLIED);

  /* The same push again: the same outcomes, nothing twice. */
  g_clear_pointer (&reply_text, g_free);
  g_assert_cmpuint (http (f, "POST", "/sync/v1/push", body, &opts, &reply_text), ==, 200);
  g_assert_nonnull (strstr (reply_text, "duplicate"));
  g_assert_null (strstr (reply_text, "applied"));

  g_assert_true (jl_sync_client_run_sync (f->alice_client, NULL, NULL, &error));
  g_assert_no_error (error);
  conflicts = jl_store_sync_conflicts (f->alice, C1, TRUE, &error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  for (guint i = 0; i < conflicts->len; i++)
    g_assert_cmpstr (((JlSyncConflict *) conflicts->pdata[i])->conflict_kind, ==, "rejected");
  {
    g_autoptr(JlRecord) community = jl_store_get (f->alice, "community", C1, NULL);

    g_assert_cmpint (jl_record_get_int (community, "households", 0), ==, 3200);
  }
  /* The field of a newer version is kept on both sides. */
  g_assert_cmpint (jl_test_sql_int (f->alice, "SELECT count(*) FROM sync_remote WHERE field = 'future_field'"), ==, 1);
}

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) body = text ("{\"user\": \"alice\", \"password\": \"" PASSWORD "\"}");
  g_autofree char *reply = NULL;
  Options opts = { .no_protocol = TRUE };

  g_assert_cmpuint (http (f, "POST", "/sync/v1/login", body, &opts, &reply), ==, 426);
  g_assert_nonnull (strstr (reply, "\"upgrade\""));
  g_assert_nonnull (strstr (reply, "min_protocol"));
  opts.no_protocol = FALSE;
  g_assert_cmpuint (http (f, "GET", "/sync/v1/nothing", NULL, &opts, NULL), ==, 404);
  g_assert_cmpuint (http (f, "GET", "/sync/v1/push", NULL, &opts, NULL), ==, 404);
  /* No token, a made-up token. */
  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=" C1, NULL, &opts, NULL), ==, 401);
  opts.token = "made-up-token";
  g_assert_cmpuint (http (f, "GET", "/sync/v1/pull?community=" C1, NULL, &opts, NULL), ==, 401);
}

/* The other direction: a server (here, a fake one) answering nonsense.
 * The client reports a clear error and applies nothing. */
typedef enum
{
  FAKE_BAD_PUSH_REPLY,
  FAKE_TRUNCATED_PAGE,
  FAKE_TRUNCATED_GZIP,
  FAKE_WRONG_TYPES,
  FAKE_UPGRADE,
  FAKE_NOT_JSON_ERROR,
} FakeMode;

typedef struct
{
  FakeMode mode;
  char    *page;
} Fake;

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fake *fake = user_data;
  g_autofree char *body = NULL;
  guint status = 200;

  if (strcmp (path, "/sync/v1/login") == 0 ||
      (strcmp (path, "/sync/v1/account") == 0 && fake->mode != FAKE_UPGRADE && fake->mode != FAKE_NOT_JSON_ERROR))
    body = g_strdup ("{\"device_id\": \"0190a6e2-7c1b-7d3e-8f00-0000000000aa\", \"token\": \"t\","
                     " \"user\": \"alice\", \"role\": \"clerk\", \"communities\": [\"" C1 "\"]}");
  else if (fake->mode == FAKE_UPGRADE)
    {
      status = 426;
      body = g_strdup ("{\"error\": \"upgrade\", \"message\": \"protocol 2 only\", \"min_protocol\": 2}");
    }
  else if (fake->mode == FAKE_NOT_JSON_ERROR)
    {
      status = 502;
      body = g_strdup ("<html>Bad Gateway</html>");
    }
  else if (strcmp (path, "/sync/v1/push") == 0 && fake->mode == FAKE_BAD_PUSH_REPLY)
    body = g_strdup ("{\"results\": \"all fine\", \"server_time\": 1}");
  else if (strcmp (path, "/sync/v1/push") == 0)
    {
      g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autoptr(GBytes) plain = jl_sync_gunzip (request, 1 << 24, NULL);
      g_autoptr(JlSyncPush) push = jl_sync_push_decode (plain ? plain : request, NULL);
      g_autoptr(JlSyncPushReply) reply = jl_sync_push_reply_new ();
      g_autoptr(GBytes) out = NULL;

      for (guint i = 0; push && i < push->changes->len; i++)
        {
          JlSyncResult *r = jl_sync_result_new (((JlSyncChange *) push->changes->pdata[i])->change_id,
                                                JL_SYNC_STATUS_APPLIED);
          r->seq = r->ver = i + 1;
          g_ptr_array_add (reply->results, r);
        }
      reply->server_time = 1;
      out = jl_sync_push_reply_encode (reply);
      body = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
    }
  else if (fake->mode == FAKE_TRUNCATED_PAGE)
    body = g_strndup (fake->page, strlen (fake->page) / 2);
  else if (fake->mode == FAKE_WRONG_TYPES)
    body = g_strdup ("{\"rows\": [{\"kind\": \"community\", \"row_id\": \"" C1 "\", \"row_seq\": \"1\","
                     " \"deleted\": false, \"fields\": {}}], \"next\": 1, \"has_more\": false, \"server_time\": 1}");
  else
    {
      g_autoptr(GBytes) plain = g_bytes_new (fake->page, strlen (fake->page));
      g_autoptr(GBytes) packed = jl_sync_gzip (plain);
      gsize len = g_bytes_get_size (packed) / 2;

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Encoding", "gzip");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (packed, NULL), len);
      return;
    }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static gboolean
run_async (JlSyncClient  *client,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  jl_sync_client_run_async (client, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return jl_sync_client_run_finish (client, result, NULL, error);
}

static void
test_bad_server (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "client.db", NULL);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JlSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlSyncPage) page = jl_sync_page_new ();
  g_autoptr(GBytes) page_bytes = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  JlSyncRow *row;
  Fake fake = { FAKE_BAD_PUSH_REPLY, NULL };
  gint64 n;

  /* A page worth having, which the fake server mangles. */
  row = jl_sync_row_new ("partner_unit", "0190a6e2-7c1b-7d3e-8f00-0000000000bb");
  row->row_seq = 1;
  g_ptr_array_add (row->fields, jl_sync_field_new ("community_id", json_node_init_string (json_node_alloc (), C1),
                                                   1, 1, "x"));
  g_ptr_array_add (row->fields, jl_sync_field_new ("name", json_node_init_string (json_node_alloc (), "假服务器的单位"),
                                                   1, 1, "x"));
  g_ptr_array_add (page->rows, row);
  page->next = 1;
  page_bytes = jl_sync_page_encode (page);
  fake.page = g_strndup (g_bytes_get_data (page_bytes, NULL), g_bytes_get_size (page_bytes));

  soup_server_add_handler (server, NULL, fake_handler, &fake, NULL);
  address = g_inet_socket_address_new (loopback, 0);
  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  client = jl_sync_client_new (store);
  jl_sync_client_set_retry (client, 1, 0, 0);
  jl_sync_client_login_async (client, url, "alice", PASSWORD, NULL, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (jl_sync_client_login_finish (client, result, &error));
  g_assert_no_error (error);

  g_free (jl_test_putf_ok (store, "community", "{\"id\": \"%s\", \"name\": \"鹭江社区\"}", C1));
  n = jl_store_outbox_count (store, NULL);

  /* A push reply of the wrong shape: nothing acknowledged. */
  g_assert_false (run_async (client, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, n);

  /* Pages cut short, as JSON and mid-gzip, or of the wrong types: the
   * page is not applied and the cursor stays. */
  for (FakeMode mode = FAKE_TRUNCATED_PAGE; mode <= FAKE_WRONG_TYPES; mode++)
    {
      fake.mode = mode;
      g_assert_false (run_async (client, &error));
      g_assert_true (error->domain == JL_SYNC_ERROR);
      g_test_message ("mode %d: %s", mode, error->message);
      g_clear_error (&error);
      g_assert_cmpint (jl_store_sync_get_cursor (store, C1, NULL), ==, 0);
      g_assert_cmpint (jl_store_count (store, "partner_unit", NULL, NULL), ==, 0);
    }
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, 0);

  fake.mode = FAKE_UPGRADE;
  g_assert_false (run_async (client, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_UPGRADE);
  g_clear_error (&error);
  fake.mode = FAKE_NOT_JSON_ERROR;
  g_assert_false (run_async (client, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK);
  g_clear_error (&error);

  /* A second run while one is going is refused, not queued (the first
   * waits for this thread to serve it); a cancelled run stops. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) first = NULL;
    g_autoptr(GAsyncResult) second = NULL;

    jl_sync_client_run_async (client, NULL, got_result, &first);
    jl_sync_client_run_async (client, NULL, got_result, &second);
    while (first == NULL || second == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (jl_sync_client_run_finish (client, second, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
    g_clear_error (&error);
    g_assert_false (jl_sync_client_run_finish (client, first, NULL, &error));
    g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK);
    g_clear_error (&error);

    g_clear_object (&first);
    g_cancellable_cancel (cancellable);
    jl_sync_client_run_async (client, cancellable, got_result, &first);
    while (first == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (jl_sync_client_run_finish (client, first, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* The store is fine. */
  record = jl_store_get (store, "community", C1, &error);
  g_assert_no_error (error);
  g_clear_object (&client);
  soup_server_disconnect (server);
  /* Let the server's connections finish closing before it goes. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_free (fake.page);
  jl_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/sync-server/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("malformed", test_malformed);
  ADD ("oversized", test_oversized);
  ADD ("cross-community", test_cross_community);
  ADD ("quarantine", test_quarantine);
  ADD ("versions", test_versions);
#undef ADD
  g_test_add_func ("/sync-server/bad-server", test_bad_server);
  return g_test_run ();
}
