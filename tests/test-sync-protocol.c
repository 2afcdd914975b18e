/* test-sync-protocol.c: the codec of sync protocol 1, strict decoding of
 * malformed, truncated, wrong-type and oversized input, and gzip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-sync-protocol.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

#define DEVICE    "0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6f"
#define COMMUNITY "0190a6e2-7c1b-7d3e-8f00-000000000001"
#define ROW       "0190a6e2-7c1b-7d3e-8f00-000000000002"
#define CHANGE    "0190a6e2-7c1b-7d3e-8f00-000000000003"

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static JlSyncChange *
make_change (guint       i,
             const char *value_json)
{
  JlSyncChange *c = jl_sync_change_new ();

  c->change_id = jl_uuid_v7_new ();
  c->dseq = i + 1;
  c->community_id = g_strdup (COMMUNITY);
  c->kind = g_strdup ("meeting");
  c->row_id = g_strdup (ROW);
  c->field = g_strdup (i % 2 ? "_deleted" : "title");
  c->value = json_from_string (value_json, NULL);
  c->hlc = jl_hlc_make (1764300000000 + i, i);
  c->base = i * 3;
  return c;
}

static GBytes *
sample_push (guint n)
{
  g_autoptr(JlSyncPush) push = jl_sync_push_new (DEVICE);
  static const char *const values[] = {
    "\"第一季度联席会议\"", "true", "null", "[\"理发\",\"维修\"]", "42", "1.25", "{\"a\":[1,{\"b\":null}]}",
  };

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (push->changes, make_change (i, values[i % G_N_ELEMENTS (values)]));
  return jl_sync_push_encode (push);
}

static GBytes *
sample_page (void)
{
  g_autoptr(JlSyncPage) page = jl_sync_page_new ();

  for (guint i = 0; i < 3; i++)
    {
      JlSyncRow *row = jl_sync_row_new (i == 2 ? "sync_conflict" : "partner_unit", i ? CHANGE : ROW);

      row->row_seq = 10 + i;
      row->deleted = i == 1;
      g_ptr_array_add (row->fields, jl_sync_field_new ("name", json_from_string ("\"自来水公司\"", NULL), 10 + i,
                                                       jl_hlc_make (1764300000000, 1), DEVICE));
      g_ptr_array_add (row->fields, jl_sync_field_new ("_deleted", json_from_string ("false", NULL), 9, 5, NULL));
      g_ptr_array_add (page->rows, row);
    }
  page->next = 12;
  page->has_more = FALSE;
  page->server_time = 1764300000123;
  page->has_summary = TRUE;
  page->count = 2;
  page->hash = g_strdup ("00ff00ff00ff00ff");
  return jl_sync_page_encode (page);
}

static void
test_push_round_trip (void)
{
  g_autoptr(GBytes) bytes = sample_push (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlSyncPush) push = jl_sync_push_decode (bytes, &error);
  g_autoptr(GBytes) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (push->device_id, ==, DEVICE);
  g_assert_cmpuint (push->changes->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      JlSyncChange *c = push->changes->pdata[i];

      g_assert_cmpint (c->dseq, ==, i + 1);
      g_assert_cmpint (c->base, ==, i * 3);
      g_assert_cmpuint (c->hlc, ==, jl_hlc_make (1764300000000 + i, i));
      g_assert_cmpstr (c->kind, ==, "meeting");
    }
  g_assert_true (JSON_NODE_HOLDS_NULL (((JlSyncChange *) push->changes->pdata[2])->value));
  g_assert_cmpstr (json_node_get_string (((JlSyncChange *) push->changes->pdata[0])->value), ==, "第一季度联席会议");
  again = jl_sync_push_encode (push);
  g_assert_true (g_bytes_equal (bytes, again));
}

static void
test_reply_round_trip (void)
{
  g_autoptr(JlSyncPushReply) reply = jl_sync_push_reply_new ();
  g_autoptr(JlSyncPushReply) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JlSyncResult *r;

  r = jl_sync_result_new (CHANGE, JL_SYNC_STATUS_SUPERSEDED);
  r->seq = 5;
  r->ver = 4;
  r->hlc = 77;
  r->device = g_strdup (DEVICE);
  r->winner = json_node_init_null (json_node_alloc ());
  g_ptr_array_add (reply->results, r);
  g_ptr_array_add (reply->results, jl_sync_result_new (ROW, JL_SYNC_STATUS_APPLIED));
  reply->server_time = 1;
  reply->has_skew_warning = TRUE;
  reply->skew_warning = -259200000;

  bytes = jl_sync_push_reply_encode (reply);
  back = jl_sync_push_reply_decode (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->results->len, ==, 2);
  r = back->results->pdata[0];
  g_assert_cmpint (r->status, ==, JL_SYNC_STATUS_SUPERSEDED);
  /* A null winner is a value (the field was cleared), not no winner. */
  g_assert_nonnull (r->winner);
  g_assert_true (JSON_NODE_HOLDS_NULL (r->winner));
  g_assert_null (((JlSyncResult *) back->results->pdata[1])->winner);
  g_assert_true (back->has_skew_warning);
  g_assert_cmpint (back->skew_warning, ==, -259200000);
}

static void
test_page_round_trip (void)
{
  g_autoptr(GBytes) bytes = sample_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JlSyncPage) page = jl_sync_page_decode (bytes, &error);
  JlSyncRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (page->rows->len, ==, 3);
  row = page->rows->pdata[1];
  g_assert_true (row->deleted);
  g_assert_cmpint (row->row_seq, ==, 11);
  g_assert_cmpstr (json_node_get_string (jl_sync_row_get_field (row, "name")->value), ==, "自来水公司");
  g_assert_cmpstr (jl_sync_row_get_field (row, "_deleted")->device, ==, "");
  g_assert_true (page->has_summary);
  g_assert_cmpint (page->count, ==, 2);
  g_assert_cmpstr (page->hash, ==, "00ff00ff00ff00ff");
}

static void
test_login_round_trip (void)
{
  JlSyncLogin login = { "alice", "secret-pass-1", "办公室电脑" };
  JlSyncLoginReply reply = { DEVICE, "abc_-123", "alice", "clerk", (GStrv) (const char *[]) { COMMUNITY, NULL } };
  g_autoptr(GBytes) a = jl_sync_login_encode (&login);
  g_autoptr(GBytes) b = jl_sync_login_reply_encode (&reply);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlSyncLogin) login2 = jl_sync_login_decode (a, &error);
  g_autoptr(JlSyncLoginReply) reply2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (login2->device_name, ==, "办公室电脑");
  reply2 = jl_sync_login_reply_decode (b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply2->token, ==, "abc_-123");
  g_assert_cmpstrv (reply2->communities, ((const char *[]) { COMMUNITY, NULL }));
}

/* Each case: the body and a piece of the expected message. */
static const struct
{
  const char *body;
  const char *needle;
} bad_pushes[] = {
  { "", "empty" },
  { "{", "malformed" },
  { "[]", "object" },
  { "null", "object" },
  { "\"text\"", "object" },
  { "{}", "device_id" },
  { "{\"device_id\": 1, \"changes\": []}", "device_id" },
  { "{\"device_id\": \"not-a-uuid\", \"changes\": []}", "UUID" },
  { "{\"device_id\": \"" DEVICE "\"}", "changes" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": {}}", "array" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [1]}", "changes[0]" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{}]}", "change_id" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{\"change_id\": \"" CHANGE "\", \"dseq\": \"1\"}]}", "integer" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{\"change_id\": \"" CHANGE "\", \"dseq\": 1.5}]}", "integer" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{\"change_id\": \"" CHANGE "\", \"dseq\": 0}]}", "at least" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{\"change_id\": \"" CHANGE "\", \"dseq\": 1, \"community_id\": \""
    COMMUNITY "\", \"kind\": \"Meeting; DROP TABLE\", \"row_id\": \"" ROW "\", \"field\": \"title\", \"value\": 1,"
    " \"hlc\": 1, \"base\": 0}]}", "kind" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{\"change_id\": \"" CHANGE "\", \"dseq\": 1, \"community_id\": \""
    COMMUNITY "\", \"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"field\": \"title\","
    " \"hlc\": 1, \"base\": 0}]}", "value" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{\"change_id\": \"" CHANGE "\", \"dseq\": 1, \"community_id\": \""
    COMMUNITY "\", \"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"field\": \"title\", \"value\": 1,"
    " \"hlc\": -5, \"base\": 0}]}", "hlc" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{\"change_id\": \"" CHANGE "\", \"dseq\": 1, \"community_id\": \""
    COMMUNITY "\", \"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"field\": \"title\", \"value\": 1,"
    " \"hlc\": 1, \"base\": true}]}", "base" },
  { "{\"device_id\": \"" DEVICE "\", \"changes\": [{\"change_id\": \"" CHANGE "\", \"dseq\": 1, \"community_id\": \""
    COMMUNITY "\", \"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"field\": \"\", \"value\": 1,"
    " \"hlc\": 1, \"base\": 0}]}", "field" },
};

static void
test_push_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_pushes); i++)
    {
      g_autoptr(GBytes) bytes = text_bytes (bad_pushes[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(JlSyncPush) push = jl_sync_push_decode (bytes, &error);

      g_assert_null (push);
      g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
      if (strstr (error->message, bad_pushes[i].needle) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, bad_pushes[i].needle);
    }
}

static void
test_too_many_changes (void)
{
  g_autoptr(GBytes) ok = sample_push (JL_SYNC_MAX_CHANGES);
  g_autoptr(GBytes) over = sample_push (JL_SYNC_MAX_CHANGES + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlSyncPush) push = jl_sync_push_decode (ok, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (push->changes->len, ==, JL_SYNC_MAX_CHANGES);
  g_clear_pointer (&push, jl_sync_push_free);
  push = jl_sync_push_decode (over, &error);
  g_assert_null (push);
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_TOO_LARGE);
}

static void
test_deep_and_invalid_utf8 (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"device_id\": \"" DEVICE "\", \"changes\": ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  static const char bad_utf8[] = "{\"device_id\": \"\xff\xfe\", \"changes\": []}";

  /* Deep enough to blow the stack of a recursive parser. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  bytes = g_bytes_new (deep->str, deep->len);
  g_assert_null (jl_sync_push_decode (bytes, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Brackets inside strings do not count. */
  bytes = text_bytes ("{\"user\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\", \"password\": \"x-long-enough\"}");
  {
    g_autoptr(JsonObject) parsed = jl_sync_parse_object (bytes, "login", &error);

    g_assert_nonnull (parsed);
    g_assert_no_error (error);
  }
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new (bad_utf8, sizeof bad_utf8 - 1);
  g_assert_null (jl_sync_push_decode (bytes, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

typedef gpointer (*Decoder) (GBytes *bytes, GError **error);

static gpointer
decode_push (GBytes  *bytes,
             GError **error)
{
  return jl_sync_push_decode (bytes, error);
}

static gpointer
decode_page (GBytes  *bytes,
             GError **error)
{
  return jl_sync_page_decode (bytes, error);
}

/* Every prefix of a valid message is refused cleanly. */
static void
assert_truncations_fail (GBytes         *bytes,
                         Decoder         decode,
                         GDestroyNotify  free_func)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      gpointer result = decode (part, &error);

      if (result != NULL)
        g_error ("a message cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes was accepted", cut, len);
      g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
    }
  {
    gpointer whole = decode (bytes, NULL);
    g_assert_nonnull (whole);
    free_func (whole);
  }
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) push = sample_push (3);
  g_autoptr(GBytes) page = sample_page ();

  assert_truncations_fail (push, decode_push, (GDestroyNotify) jl_sync_push_free);
  assert_truncations_fail (page, decode_page, (GDestroyNotify) jl_sync_page_free);
}

/* Wrong types and shapes in what the server sends. */
static void
test_page_wrong_types (void)
{
  static const char *const pages[] = {
    "{\"rows\": [], \"next\": \"5\", \"has_more\": false, \"server_time\": 1}",
    "{\"rows\": [], \"next\": 5, \"has_more\": 0, \"server_time\": 1}",
    "{\"rows\": {}, \"next\": 5, \"has_more\": false, \"server_time\": 1}",
    "{\"rows\": [{\"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"row_seq\": 1, \"deleted\": false,"
    " \"fields\": []}], \"next\": 1, \"has_more\": false, \"server_time\": 1}",
    "{\"rows\": [{\"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"row_seq\": 1, \"deleted\": false,"
    " \"fields\": {\"title\": \"bare value\"}}], \"next\": 1, \"has_more\": false, \"server_time\": 1}",
    "{\"rows\": [{\"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"row_seq\": 1, \"deleted\": false,"
    " \"fields\": {\"title\": {\"value\": 1, \"ver\": \"1\", \"hlc\": 1}}}], \"next\": 1, \"has_more\": false,"
    " \"server_time\": 1}",
    "{\"rows\": [{\"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"row_seq\": 1, \"deleted\": false,"
    " \"fields\": {\"Title!\": {\"value\": 1, \"ver\": 1, \"hlc\": 1}}}], \"next\": 1, \"has_more\": false,"
    " \"server_time\": 1}",
    /* Past the cursor, or out of order: the cursor would skip rows. */
    "{\"rows\": [{\"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"row_seq\": 9, \"deleted\": false,"
    " \"fields\": {}}], \"next\": 5, \"has_more\": false, \"server_time\": 1}",
    "{\"rows\": [{\"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"row_seq\": 3, \"deleted\": false,"
    " \"fields\": {}}, {\"kind\": \"meeting\", \"row_id\": \"" ROW "\", \"row_seq\": 2, \"deleted\": false,"
    " \"fields\": {}}], \"next\": 5, \"has_more\": false, \"server_time\": 1}",
  };
  static const char *const replies[] = {
    "{\"results\": [{\"change_id\": \"" CHANGE "\", \"status\": \"won\", \"seq\": 1, \"ver\": 1, \"hlc\": 1}],"
    " \"server_time\": 1}",
    "{\"results\": [{\"change_id\": \"" CHANGE "\", \"status\": \"applied\", \"seq\": 1, \"ver\": 1, \"hlc\": 1,"
    " \"device\": 5}], \"server_time\": 1}",
    "{\"results\": [], \"server_time\": 1, \"skew_warning\": \"3 days\"}",
    "{\"results\": [null], \"server_time\": 1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GBytes) bytes = text_bytes (pages[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (jl_sync_page_decode (bytes, &error));
      g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
      g_test_message ("page %u: %s", i, error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(GBytes) bytes = text_bytes (replies[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (jl_sync_push_reply_decode (bytes, &error));
      g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
    }
}

/* Random damage never crashes a decoder. */
static void
test_mutations (void)
{
  g_autoptr(GBytes) push = sample_push (5);
  g_autoptr(GBytes) page = sample_page ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251128);
  GBytes *samples[] = { push, page };

  for (guint round = 0; round < 3000; round++)
    {
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (samples[round % 2], &len);
      g_autofree guint8 *copy = g_memdup2 (data, len);
      g_autoptr(GBytes) damaged = NULL;
      guint n = g_rand_int_range (rand, 1, 6);

      for (guint i = 0; i < n; i++)
        copy[g_rand_int_range (rand, 0, (gint32) len)] = (guint8) g_rand_int_range (rand, 0, 256);
      damaged = g_bytes_new (copy, len);
      jl_sync_push_free (jl_sync_push_decode (damaged, NULL));
      jl_sync_page_free (jl_sync_page_decode (damaged, NULL));
      jl_sync_push_reply_free (jl_sync_push_reply_decode (damaged, NULL));
      jl_sync_login_free (jl_sync_login_decode (damaged, NULL));
      jl_sync_login_reply_free (jl_sync_login_reply_decode (damaged, NULL));
    }
}

static void
test_error_body (void)
{
  g_autoptr(GBytes) body = jl_sync_error_encode ("forbidden", "not allowed");
  g_autoptr(GBytes) junk = text_bytes ("<html>502 Bad Gateway</html>");
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  g_assert_true (jl_sync_error_decode (body, &code, &message));
  g_assert_cmpstr (code, ==, "forbidden");
  g_assert_cmpstr (message, ==, "not allowed");
  g_assert_cmpint (jl_sync_error_from_code (code), ==, JL_SYNC_ERROR_FORBIDDEN);
  g_assert_cmpuint (jl_sync_error_to_http_status (JL_SYNC_ERROR_FORBIDDEN), ==, 403);
  g_assert_false (jl_sync_error_decode (junk, NULL, NULL));
}

static void
test_gzip (void)
{
  g_autoptr(GBytes) plain = sample_push (50);
  g_autoptr(GBytes) packed = jl_sync_gzip (plain);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(GBytes) junk = text_bytes ("this is not gzip at all");
  g_autoptr(GBytes) zeros = NULL;
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *big = g_malloc0 (8 * 1024 * 1024);

  g_assert_cmpuint (g_bytes_get_size (packed), <, g_bytes_get_size (plain));
  back = jl_sync_gunzip (packed, JL_SYNC_MAX_REQUEST_BYTES, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, back));

  /* Cut mid-stream. */
  cut = g_bytes_new_from_bytes (packed, 0, g_bytes_get_size (packed) / 2);
  g_assert_null (jl_sync_gunzip (cut, JL_SYNC_MAX_REQUEST_BYTES, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
  g_clear_error (&error);

  g_assert_null (jl_sync_gunzip (junk, JL_SYNC_MAX_REQUEST_BYTES, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE);
  g_clear_error (&error);

  /* 8 MB of zeros packs into a few KB: stopped at the limit. */
  zeros = g_bytes_new_take (g_steal_pointer (&big), 8 * 1024 * 1024);
  bomb = jl_sync_gzip (zeros);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 64 * 1024);
  g_assert_null (jl_sync_gunzip (bomb, JL_SYNC_MAX_REQUEST_BYTES, &error));
  g_assert_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_TOO_LARGE);
}

static void
test_names (void)
{
  g_assert_true (jl_sync_name_is_valid ("meeting"));
  g_assert_true (jl_sync_name_is_valid ("_deleted"));
  g_assert_true (jl_sync_name_is_valid ("votes_yes"));
  g_assert_false (jl_sync_name_is_valid (""));
  g_assert_false (jl_sync_name_is_valid ("_"));
  g_assert_false (jl_sync_name_is_valid ("Meeting"));
  g_assert_false (jl_sync_name_is_valid ("a\"b"));
  g_assert_false (jl_sync_name_is_valid ("1abc"));
  g_assert_false (jl_sync_name_is_valid (NULL));
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);

  g_test_add_func ("/sync-protocol/push/round-trip", test_push_round_trip);
  g_test_add_func ("/sync-protocol/push/malformed", test_push_malformed);
  g_test_add_func ("/sync-protocol/push/too-many", test_too_many_changes);
  g_test_add_func ("/sync-protocol/reply/round-trip", test_reply_round_trip);
  g_test_add_func ("/sync-protocol/page/round-trip", test_page_round_trip);
  g_test_add_func ("/sync-protocol/page/wrong-types", test_page_wrong_types);
  g_test_add_func ("/sync-protocol/login/round-trip", test_login_round_trip);
  g_test_add_func ("/sync-protocol/deep-and-utf8", test_deep_and_invalid_utf8);
  g_test_add_func ("/sync-protocol/truncated", test_truncated);
  g_test_add_func ("/sync-protocol/mutations", test_mutations);
  g_test_add_func ("/sync-protocol/error-body", test_error_body);
  g_test_add_func ("/sync-protocol/gzip", test_gzip);
  g_test_add_func ("/sync-protocol/names", test_names);
  return g_test_run ();
}
