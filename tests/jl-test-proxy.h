/* jl-test-proxy.h: a TCP relay on loopback that counts the bytes it
 * carries, and can cut connections like a bad link
 *
 * Clients talk to the relay's URL instead of the server's, so a
 * benchmark or a test sees what really goes over the wire: HTTP headers
 * and (gzipped) bodies, both ways. The relay adds a hop on loopback; the
 * benchmarks' figures say when it was on. Shared by tests/ and bench/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JlTestProxy JlTestProxy;

/* Relays 127.0.0.1:<new port> to 127.0.0.1:@target_port. */
JlTestProxy *jl_test_proxy_start     (guint       target_port);
/* "http://127.0.0.1:PORT/" */
const char *jl_test_proxy_get_url   (JlTestProxy *self);
/* Bytes carried so far: client → server and server → client. */
void        jl_test_proxy_get_bytes (JlTestProxy *self,
                                   gint64     *up,
                                   gint64     *down);
/* From now on, every time another @bytes (both ways together) have gone
 * through, the connection carrying the last of them is closed mid-way,
 * as a dropped link would (0: never). */
void        jl_test_proxy_set_cut_every (JlTestProxy *self,
                                         gint64       bytes);
/* How many connections were cut so far. */
guint       jl_test_proxy_get_cuts      (JlTestProxy *self);
/* Stops accepting and lets go of @self (connections still open end with
 * their clients, then it is freed): do not use it afterwards. */
void        jl_test_proxy_stop      (JlTestProxy *self);

G_END_DECLS
