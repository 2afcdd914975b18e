/* jl-test-server.h: real jinlin-server processes for the sync tests
 *
 * Each server runs from $JINLIN_SERVER on 127.0.0.1 with its own
 * temporary database, port 0 (the port is read from its "listening on"
 * line) and a test clock file. Its log goes to server.log in its folder
 * and is printed when a test fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *db;
  char        *log;
  char        *clock_file;
  char        *url;      /* "http://127.0.0.1:PORT/" while running */
  guint        port;     /* kept across restarts */
  GSubprocess *proc;
} JlTestServer;

/* A fresh folder and database; not started. */
JlTestServer *jl_test_server_new        (void);
/* Starts (or restarts, on the same port) and waits for "listening on". */
void          jl_test_server_start      (JlTestServer *self);
/* SIGTERM and wait. */
void          jl_test_server_stop       (JlTestServer *self);
/* SIGKILL and wait: a crash. */
void          jl_test_server_kill       (JlTestServer *self);
void          jl_test_server_free       (JlTestServer *self);
/* The server's clock runs @offset_ms ahead of the real one from now on. */
void          jl_test_server_set_clock  (JlTestServer *self,
                                         gint64        offset_ms);
/* jinlin-server --db DB ARGS… (NULL-terminated) with @input on stdin;
 * returns the exit status. @out receives stdout. */
int           jl_test_server_admin      (JlTestServer *self,
                                         const char   *input,
                                         char        **out,
                                         ...) G_GNUC_NULL_TERMINATED;
/* user add NAME --role ROLE --community … with a cheap password hash
 * unless @real_hash. @communities is NULL-terminated. */
void          jl_test_server_add_user   (JlTestServer       *self,
                                         const char         *name,
                                         const char         *password,
                                         const char         *role,
                                         const char *const  *communities,
                                         gboolean            real_hash);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlTestServer, jl_test_server_free)

G_END_DECLS
