/* jl-test-server.h: real jinlin-server processes for the sync tests
 *
 * Each server runs from $JINLIN_SERVER on 127.0.0.1 with its own
 * temporary database, port 0 (the port is read from its "listening on"
 * line) and a test clock file. Its log goes to server.log in its folder
 * and is printed when a test fails.
 *
 * With JINLIN_TEST_BACKEND=postgresql (tests/pg-run.sh sets it, with
 * JINLIN_TEST_PG_URL and JINLIN_TEST_PSQL) each server gets a fresh
 * PostgreSQL database of that cluster instead of an SQLite file, and the
 * same tests run against the PostgreSQL backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *db;       /* SQLite file, or PostgreSQL conninfo */
  GStrv        db_args;  /* how jinlin-server is told about it */
  char        *log;
  char        *clock_file;
  char        *url;      /* "http://127.0.0.1:PORT/" while running */
  guint        port;     /* kept across restarts */
  GSubprocess *proc;
} JlTestServer;

/* "sqlite" or "postgresql": what jl_test_server_new() gives. */
const char   *jl_test_server_backend    (void);
/* A fresh folder and database; not started. */
JlTestServer *jl_test_server_new        (void);
/* Another server process on @other's database (PostgreSQL: several
 * servers share one database); its own folder, log and port. */
JlTestServer *jl_test_server_new_sharing (JlTestServer *other);
/* Starts (or restarts, on the same port) and waits for "listening on". */
void          jl_test_server_start      (JlTestServer *self);
/* A copy of the stopped server's database, put back by _restore (the
 * server restored from a backup), for either backend. */
void          jl_test_server_backup     (JlTestServer *self);
void          jl_test_server_restore    (JlTestServer *self);
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
