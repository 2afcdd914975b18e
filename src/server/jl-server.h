/* jl-server.h: the HTTP side of jinlin-server (libsoup 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jl-server-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *listen;             /* address, default 127.0.0.1 */
  guint     port;               /* 0: ephemeral */
  gboolean  allow_remote_plain; /* plain HTTP on a non-loopback address */
  char     *tls_cert;
  char     *tls_key;
  gsize     max_body;           /* request bytes after gunzip */
  char     *test_clock_file;    /* tests: ms to add to the clock, re-read per request */
  char     *blob_dir;           /* attachments' bytes (jl-server-blob.c) */
  gint64    blob_max;           /* largest attachment, 0: the default */
} JlServerConfig;

typedef struct _JlServer JlServer;

/* @store stays owned by the caller and must outlive the server. */
JlServer *jl_server_new      (JlServerStore         *store,
                              const JlServerConfig  *config);
void      jl_server_free     (JlServer              *self);
/* Starts listening; the URL is then jl_server_get_url(). */
gboolean  jl_server_listen   (JlServer              *self,
                              GError               **error);
char     *jl_server_get_url  (JlServer              *self);

G_END_DECLS
