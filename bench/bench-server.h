/* bench-server.h: a real jinlin-server process for the sync benchmarks
 *
 * Started as the sync tests start it: its own database in a folder, port 0
 * on 127.0.0.1, the URL read from its "listening on" line; its request
 * log (stderr) goes to server.log in that folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char        *db;
  char        *log;
  char        *url;     /* "http://127.0.0.1:PORT/" */
  guint        port;
  GSubprocess *proc;
} BenchServer;

/* Starts jinlin-server (BENCH_SERVER, or $JINLIN_SERVER) on a new
 * database in @dir; exits the benchmark when it cannot. */
BenchServer *bench_server_start     (const char         *dir);
/* user add NAME --role clerk --community … (a cheap password hash: the
 * benchmarks measure sync, not argon2id). */
void         bench_server_add_user  (BenchServer        *self,
                                     const char         *name,
                                     const char         *password,
                                     const char *const  *communities);
/* Lines of its log holding @needle ("event=error"). */
guint        bench_server_count_log (BenchServer        *self,
                                     const char         *needle);
/* The "ms=" of each log line holding @needle ("event=push"): the
 * server's own time for those requests, as doubles. */
GArray      *bench_server_log_ms    (BenchServer        *self,
                                     const char         *needle);
/* Their sum. */
gint64       bench_server_sum_ms    (BenchServer        *self,
                                     const char         *needle);
/* SIGTERM, wait, free. */
void         bench_server_stop      (BenchServer        *self);

G_END_DECLS
