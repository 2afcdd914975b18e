/* bench-server-load.c: 300 clients syncing small batches at once against
 * one jinlin-server ÷ one client at the same request rate
 *
 * Each client is a thread with its own SoupSession and its own device
 * (it logs in first; logins are not timed). For a fixed time it syncs
 * like the app: a push of one new person (5 field changes), then a pull
 * of its community from its cursor, then waits a random think time
 * (--think-ms on average) before the next sync. The clients are spread
 * over --communities communities, one user each. Every request is timed
 * from send to the last byte of the answer; anything but a 200 with a
 * body that decodes is an error.
 *
 * Baseline, same run, same server: one client alone sending the same
 * requests, paced to the request rate the crowd reached (or as fast as it
 * can, if it cannot reach it). Its latency is what a request costs
 * without the crowd; the ratio is what the crowd adds.
 *
 * The clients do no SQLite work of their own (they keep no database),
 * so on 2 cores the server gets most of the machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bench-server.h"
#include "bench-util.h"
#include "jl-store.h"
#include "jl-sync-protocol.h"
#include "jl-uuid.h"

static int n_clients = 300;
static int n_communities = 30;
static int seconds = 30;
static int think_ms = 5000;

static const GOptionEntry entries[] = {
  { "clients", 'c', 0, G_OPTION_ARG_INT, &n_clients, "Concurrent clients (300)", "N" },
  { "communities", 0, 0, G_OPTION_ARG_INT, &n_communities, "Communities they are spread over (30)", "N" },
  { "seconds", 's', 0, G_OPTION_ARG_INT, &seconds, "How long they sync (30)", "S" },
  { "think-ms", 0, 0, G_OPTION_ARG_INT, &think_ms, "Average wait between a client's syncs (5000)", "MS" },
  G_OPTION_ENTRY_NULL
};

#define PASSWORD "bench-password"

typedef struct
{
  const char *base_url;
  const char *user;
  const char *community;
  guint       index;
  gint64      end_us;       /* monotonic */
  double      pace_s;       /* > 0: one sync every pace_s seconds (baseline) */
  GArray     *latencies;    /* double, ms */
  guint       errors;
  guint       login_errors; /* failed login attempts, retried */
  char       *first_error;
  guint       syncs;
  GMutex     *start_lock;   /* the crowd starts together */
  GCond      *start_cond;
  gboolean   *started;
  gint       *logged_in;
} Client;

static void
client_error (Client     *c,
              const char *what)
{
  c->errors++;
  if (c->first_error == NULL)
    c->first_error = g_strdup (what);
}

static SoupMessage *
new_request (const char *method,
             const char *url,
             const char *token)
{
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  g_autofree char *schema = g_strdup_printf ("%d", JL_STORE_SCHEMA_VERSION);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000);

  soup_message_headers_replace (h, JL_SYNC_HEADER_PROTOCOL, G_STRINGIFY (JL_SYNC_PROTOCOL_VERSION));
  soup_message_headers_replace (h, JL_SYNC_HEADER_SCHEMA, schema);
  soup_message_headers_replace (h, JL_SYNC_HEADER_TIME, now);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (h, "Authorization", auth);
    }
  return msg;
}

/* Sends @msg; the body of a 200 answer, else NULL (an error counted). */
static GBytes *
timed_send (Client      *c,
            SoupSession *session,
            SoupMessage *msg,
            gboolean     timed)
{
  g_autoptr(GError) error = NULL;
  double start = bench_now ();
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);
  double ms = (bench_now () - start) * 1000;

  if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_autofree char *what = g_strdup_printf ("HTTP %u %s", soup_message_get_status (msg),
                                               error ? error->message : body ? (const char *) g_bytes_get_data (body, NULL) : "");
      client_error (c, what);
      return NULL;
    }
  if (timed)
    g_array_append_val (c->latencies, ms);
  return g_steal_pointer (&body);
}

static JlSyncChange *
new_change (const char *community,
            const char *row_id,
            const char *field,
            const char *value,
            gint64      dseq)
{
  JlSyncChange *ch = jl_sync_change_new ();

  ch->change_id = jl_uuid_v7_new ();
  ch->dseq = dseq;
  ch->community_id = g_strdup (community);
  ch->kind = g_strdup ("person");
  ch->row_id = g_strdup (row_id);
  ch->field = g_strdup (field);
  ch->value = json_node_init_string (json_node_alloc (), value);
  ch->hlc = jl_hlc_make (g_get_real_time () / 1000, (guint) dseq & 0xffff);
  return ch;
}

static gpointer
client_thread (gpointer data)
{
  Client *c = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(JlSyncLoginReply) login = NULL;
  g_autofree char *login_url = g_strconcat (c->base_url, "sync/v1/login", NULL);
  g_autofree char *push_url = g_strconcat (c->base_url, "sync/v1/push", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (c->index + 1);
  gint64 dseq = 0, cursor = 0;
  double next_start;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 1, NULL);

  /* Log in (not timed). Hundreds of connections at once overflow the
   * server's listen queue and some are reset: retry as the app would,
   * and count the retries apart from the timed errors. */
  for (guint attempt = 1; login == NULL; attempt++)
    {
      g_autofree char *device = g_strdup_printf ("bench-%u", c->index);
      JlSyncLogin l = { (char *) c->user, PASSWORD, device };
      g_autoptr(GBytes) body = jl_sync_login_encode (&l);
      g_autoptr(SoupMessage) msg = new_request ("POST", login_url, NULL);
      g_autoptr(GBytes) reply = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      reply = timed_send (c, session, msg, FALSE);
      if (reply != NULL)
        login = jl_sync_login_reply_decode (reply, NULL);
      if (login == NULL && attempt == 10)
        g_error ("client %u: login failed: %s", c->index, c->first_error ? c->first_error : "bad reply");
      if (login == NULL)
        g_usleep (g_rand_int_range (rand, 50, 200) * 1000 * attempt);
    }
  c->login_errors = c->errors;
  c->errors = 0;
  g_clear_pointer (&c->first_error, g_free);
  g_atomic_int_inc (c->logged_in);

  if (c->start_lock != NULL)
    {
      g_mutex_lock (c->start_lock);
      while (!*c->started)
        g_cond_wait (c->start_cond, c->start_lock);
      g_mutex_unlock (c->start_lock);
    }

  /* Spread the first syncs over one think time. */
  next_start = bench_now () + (c->pace_s > 0 ? 0 : g_rand_double_range (rand, 0, think_ms / 1000.0));
  while (g_get_monotonic_time () < c->end_us)
    {
      g_autoptr(JlSyncPush) push = jl_sync_push_new (login->device_id);
      g_autofree char *row_id = jl_uuid_v7_new ();
      g_autofree char *name = g_strdup_printf ("客户%u号%u", c->index, c->syncs);
      g_autofree char *pull_url = NULL;
      double wait = next_start - bench_now ();

      if (wait > 0)
        g_usleep ((gulong) (wait * 1e6));
      if (g_get_monotonic_time () >= c->end_us)
        break;

      /* Push: one new person, 5 fields. */
      g_ptr_array_add (push->changes, new_change (c->community, row_id, "community_id", c->community, ++dseq));
      g_ptr_array_add (push->changes, new_change (c->community, row_id, "name", name, ++dseq));
      g_ptr_array_add (push->changes, new_change (c->community, row_id, "gender", "female", ++dseq));
      g_ptr_array_add (push->changes, new_change (c->community, row_id, "ethnicity", "汉族", ++dseq));
      g_ptr_array_add (push->changes, new_change (c->community, row_id, "building", "3号楼", ++dseq));
      {
        g_autoptr(GBytes) body = jl_sync_push_encode (push);
        g_autoptr(SoupMessage) msg = new_request ("POST", push_url, login->token);
        g_autoptr(GBytes) reply = NULL;
        g_autoptr(JlSyncPushReply) decoded = NULL;

        soup_message_set_request_body_from_bytes (msg, "application/json", body);
        reply = timed_send (c, session, msg, TRUE);
        if (reply != NULL && ((decoded = jl_sync_push_reply_decode (reply, NULL)) == NULL ||
                              decoded->results->len != push->changes->len))
          client_error (c, "push reply");
      }

      /* Pull: the community from this client's cursor, page by page. */
      for (gboolean more = TRUE; more;)
        {
          g_autoptr(SoupMessage) msg = NULL;
          g_autoptr(GBytes) reply = NULL;
          g_autoptr(JlSyncPage) page = NULL;

          g_free (pull_url);
          pull_url = g_strdup_printf ("%ssync/v1/pull?community=%s&after=%" G_GINT64_FORMAT "&limit=%d",
                                      c->base_url, c->community, cursor, JL_SYNC_PAGE_DEFAULT);
          msg = new_request ("GET", pull_url, login->token);
          reply = timed_send (c, session, msg, TRUE);
          more = FALSE;
          if (reply == NULL)
            break;
          if ((page = jl_sync_page_decode (reply, NULL)) == NULL)
            {
              client_error (c, "pull reply");
              break;
            }
          more = page->has_more && page->next > cursor;
          cursor = page->next;
        }
      c->syncs++;
      next_start += c->pace_s > 0 ? c->pace_s : g_rand_double_range (rand, 0.5, 1.5) * think_ms / 1000.0;
      /* A client that fell behind starts at once, without catching up. */
      next_start = MAX (next_start, bench_now ());
    }

  g_main_context_pop_thread_default (context);
  return NULL;
}

typedef struct
{
  guint  requests;
  guint  errors;
  guint  login_errors;
  double p50, p99, max;
  double rate;      /* requests/s */
} Outcome;

static Outcome
run_clients (BenchServer        *server,
             guint               n,
             GStrv               users,
             GStrv               communities,
             double              pace_s,
             int                 run_seconds)
{
  g_autofree Client *clients = g_new0 (Client, n);
  g_autofree GThread **threads = g_new0 (GThread *, n);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  GMutex lock;
  GCond cond;
  gboolean started = FALSE;
  gint logged_in = 0;
  Outcome o = { 0 };
  double start;
  guint n_users = g_strv_length (users);

  g_mutex_init (&lock);
  g_cond_init (&cond);
  for (guint i = 0; i < n; i++)
    {
      Client *c = &clients[i];

      c->base_url = server->url;
      c->user = users[i % n_users];
      c->community = communities[i % n_users];
      c->index = i;
      c->end_us = G_MAXINT64;
      c->pace_s = pace_s;
      c->latencies = g_array_new (FALSE, FALSE, sizeof (double));
      c->start_lock = &lock;
      c->start_cond = &cond;
      c->started = &started;
      c->logged_in = &logged_in;
      threads[i] = g_thread_new ("bench-client", client_thread, c);
    }
  while (g_atomic_int_get (&logged_in) < (gint) n)
    g_usleep (10000);

  /* Go. */
  g_mutex_lock (&lock);
  start = bench_now ();
  for (guint i = 0; i < n; i++)
    clients[i].end_us = g_get_monotonic_time () + (gint64) run_seconds * G_USEC_PER_SEC;
  started = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);

  for (guint i = 0; i < n; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (all, clients[i].latencies->data, clients[i].latencies->len);
      o.errors += clients[i].errors;
      o.login_errors += clients[i].login_errors;
      if (clients[i].first_error != NULL)
        g_print ("    client %u: %u errors, first: %s\n", i, clients[i].errors, clients[i].first_error);
      g_array_unref (clients[i].latencies);
      g_free (clients[i].first_error);
    }
  o.requests = all->len;
  o.rate = all->len / (bench_now () - start);
  o.p50 = bench_percentile ((double *) (void *) all->data, all->len, 0.50);
  o.p99 = bench_percentile ((double *) (void *) all->data, all->len, 0.99);
  o.max = bench_percentile ((double *) (void *) all->data, all->len, 1.0);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  return o;
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) users = NULL;
  g_auto(GStrv) communities = NULL;
  BenchServer *server;
  Outcome crowd, alone;
  char *dir;
  guint log_errors;
  double server_p50, server_p99;

  bench_init (&argc, &argv, "Many clients syncing at once against one jinlin-server.", (GOptionEntry *) entries);
  n_clients = MAX (n_clients, 1);
  n_communities = CLAMP (n_communities, 1, n_clients);
  seconds = MAX (seconds, 1);
  think_ms = MAX (think_ms, 0);

  dir = bench_dir_new ();
  server = bench_server_start (dir);
  users = g_new0 (char *, n_communities + 1);
  communities = g_new0 (char *, n_communities + 1);
  for (int i = 0; i < n_communities; i++)
    {
      const char *one[2] = { NULL, NULL };

      users[i] = g_strdup_printf ("clerk%d", i);
      communities[i] = jl_uuid_v7_new ();
      one[0] = communities[i];
      bench_server_add_user (server, users[i], PASSWORD, one);
    }
  g_print ("server-load: %d clients in %d communities, %d s, a sync (push of 5 changes + pull) every ~%d ms each,"
           " against %s\n", n_clients, n_communities, seconds, think_ms, server->url);

  crowd = run_clients (server, (guint) n_clients, users, communities, 0, seconds);
  g_print ("  %d clients: %u requests (%.1f/s), %u errors; p50 %.1f ms, p99 %.1f ms, max %.1f ms"
           " (logging in first: %u attempts failed and were retried)\n", n_clients,
           crowd.requests, crowd.rate, crowd.errors, crowd.p50, crowd.p99, crowd.max, crowd.login_errors);

  /* One client at the crowd's rate: a sync is about two requests. */
  alone = run_clients (server, 1, users, communities, crowd.rate > 0 ? 2.0 / crowd.rate : 0,
                       MIN (seconds, 10));
  g_print ("  1 client at that rate: %u requests (%.1f/s), %u errors; p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
           alone.requests, alone.rate, alone.errors, alone.p50, alone.p99, alone.max);

  log_errors = bench_server_count_log (server, "event=error");
  g_print ("  server log: %u event=error lines\n", log_errors);
  /* The server's own time per push (its log's ms=), to tell time spent
   * working from time spent waiting in line. */
  {
    g_autoptr(GArray) push_ms = bench_server_log_ms (server, "event=push");

    server_p50 = bench_percentile ((double *) (void *) push_ms->data, push_ms->len, 0.50);
    server_p99 = bench_percentile ((double *) (void *) push_ms->data, push_ms->len, 0.99);
    g_print ("  the server's own time per push (both runs): p50 %.0f ms, p99 %.0f ms over %u pushes\n",
             server_p50, server_p99, push_ms->len);
  }
  bench_server_stop (server);

  bench_result ("server-load", "clients", n_clients, "");
  bench_result ("server-load", "requests/s", crowd.rate, "req/s");
  bench_result ("server-load", "p50 latency", crowd.p50, "ms");
  bench_result ("server-load", "p99 latency", crowd.p99, "ms (goal < 500)");
  bench_result ("server-load", "errors", crowd.errors + log_errors, "(goal 0)");
  bench_result ("server-load", "failed logins at the start (retried)", crowd.login_errors, "");
  bench_result ("server-load", "1 client: requests/s", alone.rate, "req/s");
  bench_result ("server-load", "1 client: p50 latency", alone.p50, "ms");
  bench_result ("server-load", "1 client: p99 latency", alone.p99, "ms");
  bench_result ("server-load", "server's own time per push, p99", server_p99, "ms");
  bench_result ("server-load", "ratio p99 crowd/alone", alone.p99 > 0 ? crowd.p99 / alone.p99 : 0, "x");

  bench_dir_free (dir);
  return 0;
}
