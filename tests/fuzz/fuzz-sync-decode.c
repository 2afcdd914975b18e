/* fuzz-sync-decode.c: every decoder of the sync protocol on arbitrary bytes
 *
 * The input goes, as it is, through each decoder of jl-sync-protocol.c:
 * the requests the server decodes (login, push: the server's only JSON
 * request bodies; a pull's parameters are in its URL) and the replies the
 * client decodes (login reply, account, push reply, pulled page, error
 * body, the epoch error's details). When
 * the input is gzip data, what jl_sync_gunzip makes of it goes through
 * them too, as the server does with a "Content-Encoding: gzip" body.
 *
 * A decoder must refuse with a %JL_SYNC_ERROR or decode; criticals abort
 * (fuzz_init). What it decodes must survive the trip back: encoding it
 * gives text that decodes again and encodes to the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-util.h"
#include "jl-sync-protocol.h"
#include "jl-uuid.h"

/* The server's default request limit: as much as it would gunzip. */
#define MAX_GUNZIP JL_SYNC_MAX_REQUEST_BYTES

static void
refused (const GError *error)
{
  g_assert (error != NULL && error->domain == JL_SYNC_ERROR);
  g_assert (error->message != NULL && *error->message != '\0');
}

static void
assert_same (GBytes *a,
             GBytes *b)
{
  if (!g_bytes_equal (a, b))
    g_error ("encoding is not stable:\n%.*s\n%.*s", (int) g_bytes_get_size (a),
             (const char *) g_bytes_get_data (a, NULL), (int) g_bytes_get_size (b),
             (const char *) g_bytes_get_data (b, NULL));
}

/* FUZZ_VERBOSE=1: what each decoder said, for whoever writes seeds. */
static void
note (const char   *decoder,
      const GError *error)
{
  if (g_getenv ("FUZZ_VERBOSE") != NULL)
    g_printerr ("  %s: %s\n", decoder, error ? error->message : "decoded");
}

/* decode → encode → decode → encode: the two encodings are equal. */
#define ROUND_TRIP(Type, decode, encode, body)                         \
  G_STMT_START {                                                       \
    g_autoptr(GError) error_ = NULL;                                   \
    g_autoptr(Type) first_ = decode (body, &error_);                   \
                                                                       \
    note (#decode, error_);                                            \
    if (first_ == NULL)                                                \
      refused (error_);                                                \
    else                                                               \
      {                                                                \
        g_autoptr(GBytes) once_ = encode (first_);                     \
        g_autoptr(Type) again_ = decode (once_, &error_);              \
        g_autoptr(GBytes) twice_ = NULL;                               \
                                                                       \
        if (again_ == NULL)                                            \
          g_error ("%s of its own output: %s", #decode,                \
                   error_->message);                                   \
        twice_ = encode (again_);                                      \
        assert_same (once_, twice_);                                   \
      }                                                                \
  } G_STMT_END

static GBytes *
login_encode (JlSyncLogin *login)
{
  return jl_sync_login_encode (login);
}

static GBytes *
login_reply_encode (JlSyncLoginReply *reply)
{
  return jl_sync_login_reply_encode (reply);
}

static void
check_error_body (GBytes *body)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *code2 = NULL;
  g_autofree char *message2 = NULL;
  g_autoptr(GBytes) again = NULL;

  if (!jl_sync_error_decode (body, &code, &message))
    {
      if (g_getenv ("FUZZ_VERBOSE") != NULL)
        g_printerr ("  jl_sync_error_decode: not an error body\n");
      return;
    }
  g_assert (code != NULL && message != NULL);
  g_assert (g_utf8_validate (message, -1, NULL));
  again = jl_sync_error_encode (code, message);
  g_assert (jl_sync_error_decode (again, &code2, &message2));
  g_assert (strcmp (code, code2) == 0 && strcmp (message, message2) == 0);
  /* Every code maps to an error and back to some code. */
  g_assert (jl_sync_error_to_code (jl_sync_error_from_code (code)) != NULL);
}

static void
check_account (GBytes *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlSyncLoginReply) reply = jl_sync_account_reply_decode (body, &error);

  note ("jl_sync_account_reply_decode", error);
  if (reply == NULL)
    {
      refused (error);
      return;
    }
  g_assert (reply->device_id != NULL && reply->user != NULL && reply->role != NULL);
  g_assert (reply->communities != NULL);
  for (guint i = 0; reply->communities[i] != NULL; i++)
    g_assert (jl_uuid_is_valid (reply->communities[i]));
}

static void
check_epoch_error (GBytes *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autofree char *code = NULL;
  gint64 epoch = -1, last_dseq = -1, epoch2 = -1, last_dseq2 = -1;

  if (!jl_sync_epoch_error_decode (body, &epoch, &last_dseq, &error))
    {
      note ("jl_sync_epoch_error_decode", error);
      refused (error);
      return;
    }
  note ("jl_sync_epoch_error_decode", NULL);
  g_assert (epoch >= 0 && last_dseq >= 0);
  again = jl_sync_epoch_error_encode ("again", epoch, last_dseq);
  g_assert (jl_sync_epoch_error_decode (again, &epoch2, &last_dseq2, &again_error));
  g_assert (epoch2 == epoch && last_dseq2 == last_dseq);
  g_assert (jl_sync_error_decode (again, &code, NULL) && strcmp (code, "epoch") == 0);
}

static void
decode_all (GBytes *body)
{
  /* Requests (server side) */
  ROUND_TRIP (JlSyncLogin, jl_sync_login_decode, login_encode, body);
  ROUND_TRIP (JlSyncPush, jl_sync_push_decode, jl_sync_push_encode, body);
  /* Replies (client side) */
  ROUND_TRIP (JlSyncLoginReply, jl_sync_login_reply_decode, login_reply_encode, body);
  check_account (body);
  check_epoch_error (body);
  ROUND_TRIP (JlSyncPushReply, jl_sync_push_reply_decode, jl_sync_push_reply_encode, body);
  ROUND_TRIP (JlSyncPage, jl_sync_page_decode, jl_sync_page_encode, body);
  check_error_body (body);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = NULL;

  fuzz_init ();
  decode_all (body);

  /* gzip: corrupt or truncated data is an error, never a crash. */
  plain = jl_sync_gunzip (body, MAX_GUNZIP, &error);
  note ("jl_sync_gunzip", error);
  if (plain == NULL)
    refused (error);
  else
    {
      g_assert (g_bytes_get_size (plain) <= MAX_GUNZIP);
      decode_all (plain);
    }

  /* And what we gzip, we gunzip back. */
  if (size <= 4096)
    {
      g_autoptr(GBytes) packed = jl_sync_gzip (body);
      g_autoptr(GBytes) back = jl_sync_gunzip (packed, size, NULL);

      g_assert (back != NULL && g_bytes_equal (back, body));
    }
  return 0;
}
