/* bench-proxy.h: a TCP relay on loopback that counts the bytes it carries
 *
 * Clients talk to the relay's URL instead of the server's, so the
 * benchmark sees what really goes over the wire: HTTP headers and
 * (gzipped) bodies, both ways. The relay adds a hop on loopback; the
 * figures say when it was on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchProxy BenchProxy;

/* Relays 127.0.0.1:<new port> to 127.0.0.1:@target_port. */
BenchProxy *bench_proxy_start     (guint       target_port);
/* "http://127.0.0.1:PORT/" */
const char *bench_proxy_get_url   (BenchProxy *self);
/* Bytes carried so far: client → server and server → client. */
void        bench_proxy_get_bytes (BenchProxy *self,
                                   gint64     *up,
                                   gint64     *down);
/* Stops accepting; connections still open end with their clients. */
void        bench_proxy_stop      (BenchProxy *self);

G_END_DECLS
