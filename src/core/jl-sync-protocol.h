/* jl-sync-protocol.h: the messages of sync protocol 1, encoded and decoded
 *
 * The one place where the JSON of docs/sync-protocol.md is written and
 * read, shared by the core's sync client and jinlin-server (no GTK, no
 * database). Every decoder validates strictly: a wrong type, a missing
 * member, a bad id, too deep or too large input gives a %JL_SYNC_ERROR
 * whose message names the member ("changes[3].hlc must be an integer"),
 * never a crash. Unknown members are ignored, so later versions may add
 * some.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jl-hlc.h"

G_BEGIN_DECLS

#define JL_SYNC_PROTOCOL_VERSION   1
/* A push holds at most this many changes … */
#define JL_SYNC_MAX_CHANGES        500
/* … and the client keeps a push under this size (uncompressed). */
#define JL_SYNC_PUSH_TARGET_BYTES  (512 * 1024)
/* The server refuses larger request bodies (after gunzip) with 413. */
#define JL_SYNC_MAX_REQUEST_BYTES  (2 * 1024 * 1024)
/* The client refuses larger responses (after gunzip). */
#define JL_SYNC_MAX_RESPONSE_BYTES (64 * 1024 * 1024)
#define JL_SYNC_PAGE_DEFAULT       500
#define JL_SYNC_PAGE_MAX           2000
/* Stamps further ahead of the server's clock are clamped, and a clock
 * further off than this gets a warning. */
#define JL_SYNC_CLOCK_TOLERANCE_MS (5 * 60 * 1000)
/* Deeper JSON is refused before it is parsed (json-glib recurses). */
#define JL_SYNC_MAX_DEPTH          32

/* HTTP headers of every request. */
#define JL_SYNC_HEADER_PROTOCOL "X-Jinlin-Protocol"
#define JL_SYNC_HEADER_SCHEMA   "X-Jinlin-Schema"
#define JL_SYNC_HEADER_TIME     "X-Jinlin-Time"

#define JL_SYNC_ERROR (jl_sync_error_quark ())

/**
 * JlSyncError:
 * @JL_SYNC_ERROR_BAD_MESSAGE: malformed, truncated or wrong-type JSON
 * @JL_SYNC_ERROR_TOO_LARGE: a body or batch over the limits
 * @JL_SYNC_ERROR_NETWORK: the server could not be reached, or the
 *   connection broke; retrying later may work
 * @JL_SYNC_ERROR_UNAUTHORIZED: wrong password, or a revoked or unknown
 *   device token: log in again
 * @JL_SYNC_ERROR_FORBIDDEN: outside the user's communities
 * @JL_SYNC_ERROR_UPGRADE: the server does not speak this protocol
 * @JL_SYNC_ERROR_RATE_LIMITED: too many failed logins; wait
 * @JL_SYNC_ERROR_SERVER: the server failed
 * @JL_SYNC_ERROR_NOT_LOGGED_IN: this database has no account yet
 * @JL_SYNC_ERROR_EPOCH: the device's change sequence went backwards (a
 *   database restored from a backup): the device starts a new epoch
 * @JL_SYNC_ERROR_CURSOR_TOO_OLD: the server cannot continue a pull from
 *   this cursor (it is ahead of the server's data, e.g. after the server
 *   was restored from a backup): the community is pulled again in full
 * @JL_SYNC_ERROR_DIVERGED: after a full pull, this database still does
 *   not hold the rows the server has (client side only)
 * @JL_SYNC_ERROR_DEMO_DATA: this database holds the invented demo city,
 *   which must never reach a server (client side only)
 *
 * Error codes of the %JL_SYNC_ERROR domain; jinlin-cli maps them to exit
 * codes, so never renumber them.
 */
typedef enum
{
  JL_SYNC_ERROR_BAD_MESSAGE = 1,
  JL_SYNC_ERROR_TOO_LARGE,
  JL_SYNC_ERROR_NETWORK,
  JL_SYNC_ERROR_UNAUTHORIZED,
  JL_SYNC_ERROR_FORBIDDEN,
  JL_SYNC_ERROR_UPGRADE,
  JL_SYNC_ERROR_RATE_LIMITED,
  JL_SYNC_ERROR_SERVER,
  JL_SYNC_ERROR_NOT_LOGGED_IN,
  JL_SYNC_ERROR_EPOCH,
  JL_SYNC_ERROR_CURSOR_TOO_OLD,
  JL_SYNC_ERROR_DIVERGED,
  JL_SYNC_ERROR_DEMO_DATA,
} JlSyncError;

GQuark       jl_sync_error_quark            (void);
/* "bad_request", "unauthorized", … as in the error bodies, and back. */
const char  *jl_sync_error_to_code          (JlSyncError  error);
JlSyncError  jl_sync_error_from_code        (const char  *code);
guint        jl_sync_error_to_http_status   (JlSyncError  error);

typedef enum
{
  JL_SYNC_STATUS_APPLIED,
  JL_SYNC_STATUS_SUPERSEDED,
  JL_SYNC_STATUS_DUPLICATE,
  JL_SYNC_STATUS_QUARANTINED,
} JlSyncStatus;

const char  *jl_sync_status_to_string       (JlSyncStatus  status);

/* One field change of a push. @value is never NULL: a JSON null clears
 * the field; the field "_deleted" with true is a delete. */
typedef struct
{
  char     *change_id;
  gint64    dseq;
  char     *community_id;
  char     *kind;
  char     *row_id;
  char     *field;
  JsonNode *value;
  JlHlc     hlc;
  gint64    base;
} JlSyncChange;

/* @epoch and @max_dseq let the server notice a database restored from a
 * backup: @max_dseq is the highest change sequence number this database
 * ever gave out; when the server has seen a higher one from the device,
 * the database is older than the device's history (see "Epochs" in
 * docs/sync-protocol.md). Both are 0 from clients before they existed. */
typedef struct
{
  char      *device_id;
  gint64     epoch;
  gint64     max_dseq;
  GPtrArray *changes;   /* JlSyncChange */
} JlSyncPush;

/* The outcome of one change. @ver, @hlc and @device describe the field on
 * the server after the change (ver 0: the server keeps no value, e.g. a
 * rejected change). @winner is the server's value when it is not the one
 * pushed (superseded, quarantined, and for a duplicate whose field now
 * holds another value), else NULL. */
typedef struct
{
  char         *change_id;
  JlSyncStatus  status;
  gint64        seq;
  gint64        ver;
  JlHlc         hlc;
  char         *device;
  JsonNode     *winner;
} JlSyncResult;

typedef struct
{
  GPtrArray *results;          /* JlSyncResult */
  gint64     server_time;
  gboolean   has_skew_warning;
  gint64     skew_warning;     /* ms the client's clock is ahead (negative: behind) */
} JlSyncPushReply;

/* One field of a pulled row. */
typedef struct
{
  char     *name;
  JsonNode *value;
  gint64    ver;
  JlHlc     hlc;
  char     *device;
} JlSyncField;

typedef struct
{
  char      *kind;
  char      *row_id;
  gint64     row_seq;
  gboolean   deleted;
  GPtrArray *fields;   /* JlSyncField, in the order received */
} JlSyncRow;

typedef struct
{
  GPtrArray *rows;     /* JlSyncRow, in row_seq order */
  gint64     next;
  gboolean   has_more;
  gint64     server_time;
  /* On the last page: live rows of the community and their XOR hash. */
  gboolean   has_summary;
  gint64     count;
  char      *hash;
} JlSyncPage;

typedef struct
{
  char *user;
  char *password;
  char *device_name;
} JlSyncLogin;

typedef struct
{
  char  *device_id;
  char  *token;
  char  *user;
  char  *role;
  GStrv  communities;
} JlSyncLoginReply;

/* Constructors and destructors */
JlSyncChange     *jl_sync_change_new         (void);
void              jl_sync_change_free        (JlSyncChange     *change);
JlSyncPush       *jl_sync_push_new           (const char       *device_id);
void              jl_sync_push_free          (JlSyncPush       *push);
JlSyncResult     *jl_sync_result_new         (const char       *change_id,
                                              JlSyncStatus      status);
void              jl_sync_result_free        (JlSyncResult     *result);
JlSyncPushReply  *jl_sync_push_reply_new     (void);
void              jl_sync_push_reply_free    (JlSyncPushReply  *reply);
JlSyncField      *jl_sync_field_new          (const char       *name,
                                              JsonNode         *value,
                                              gint64            ver,
                                              JlHlc             hlc,
                                              const char       *device);
void              jl_sync_field_free         (JlSyncField      *field);
JlSyncRow        *jl_sync_row_new            (const char       *kind,
                                              const char       *row_id);
void              jl_sync_row_free           (JlSyncRow        *row);
/* The field named @name of @row, or NULL. */
JlSyncField      *jl_sync_row_get_field      (JlSyncRow        *row,
                                              const char       *name);
JlSyncPage       *jl_sync_page_new           (void);
void              jl_sync_page_free          (JlSyncPage       *page);
void              jl_sync_login_free         (JlSyncLogin      *login);
void              jl_sync_login_reply_free   (JlSyncLoginReply *reply);

/* Encoding: compact JSON text as GBytes. */
GBytes           *jl_sync_push_encode        (JlSyncPush             *push);
GBytes           *jl_sync_push_reply_encode  (JlSyncPushReply        *reply);
GBytes           *jl_sync_page_encode        (JlSyncPage             *page);
GBytes           *jl_sync_login_encode       (const JlSyncLogin      *login);
GBytes           *jl_sync_login_reply_encode (const JlSyncLoginReply *reply);
GBytes           *jl_sync_error_encode       (const char             *code,
                                              const char             *message);
/* The body of a 409 "epoch" answer: the device's new epoch and the
 * highest change sequence number the server has seen from it. */
GBytes           *jl_sync_epoch_error_encode (const char             *message,
                                              gint64                  epoch,
                                              gint64                  last_dseq);
/* The size one change adds to an encoded push (to keep pushes small). */
gsize             jl_sync_change_encoded_size (JlSyncChange          *change);

/* Decoding: NULL with a %JL_SYNC_ERROR on anything unexpected. */
JlSyncPush       *jl_sync_push_decode        (GBytes   *body,
                                              GError  **error);
JlSyncPushReply  *jl_sync_push_reply_decode  (GBytes   *body,
                                              GError  **error);
JlSyncPage       *jl_sync_page_decode        (GBytes   *body,
                                              GError  **error);
JlSyncLogin      *jl_sync_login_decode       (GBytes   *body,
                                              GError  **error);
JlSyncLoginReply *jl_sync_login_reply_decode (GBytes   *body,
                                              GError  **error);
/* GET /sync/v1/account: a login reply without a token. */
JlSyncLoginReply *jl_sync_account_reply_decode (GBytes *body,
                                                GError **error);
/* An error body: TRUE and the code and message, or FALSE when @body is
 * not one. */
gboolean          jl_sync_error_decode       (GBytes   *body,
                                              char    **code,
                                              char    **message);
gboolean          jl_sync_epoch_error_decode (GBytes   *body,
                                              gint64   *epoch,
                                              gint64   *last_dseq,
                                              GError  **error);

/* Parses @body as a JSON object after the checks every decoder makes
 * (size, UTF-8, nesting depth). */
JsonObject       *jl_sync_parse_object       (GBytes      *body,
                                              const char  *what,
                                              GError     **error);

/* One live row's share of the end-of-pull hash (XORed over the rows of a
 * community): the first 8 bytes of SHA-256("kind/row_id/row_seq"). */
guint64           jl_sync_row_hash           (const char  *kind,
                                              const char  *row_id,
                                              gint64       row_seq);

/* Names: ids of kinds and fields ("meeting", "_deleted"). */
gboolean          jl_sync_name_is_valid      (const char  *name);

/* gzip */
GBytes           *jl_sync_gzip               (GBytes   *data);
/* At most @max_size bytes out: more is %JL_SYNC_ERROR_TOO_LARGE; corrupt
 * or truncated input is %JL_SYNC_ERROR_BAD_MESSAGE. */
GBytes           *jl_sync_gunzip             (GBytes   *data,
                                              gsize     max_size,
                                              GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncChange, jl_sync_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncPush, jl_sync_push_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncResult, jl_sync_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncPushReply, jl_sync_push_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncField, jl_sync_field_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncRow, jl_sync_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncPage, jl_sync_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncLogin, jl_sync_login_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncLoginReply, jl_sync_login_reply_free)

G_END_DECLS
