/* jl-test-proxy.c
 *
 * One thread accepts; each connection gets a thread that relays both
 * directions with poll() until either side closes, or the relay cuts it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jl-test-proxy.h"

struct _JlTestProxy
{
  int      listen_fd;
  guint    target_port;
  char    *url;
  gint64   up;       /* atomic */
  gint64   down;     /* atomic */
  gint64   cut_every;    /* atomic; 0: never */
  gint64   next_cut;     /* atomic: total bytes at which to cut */
  guint    cuts;         /* atomic */
  gatomicrefcount ref;   /* the creator and each relay thread */
  GThread *acceptor;
};

typedef struct
{
  JlTestProxy *proxy;
  int         client;
  int         server;
} Pair;

static int
connect_loopback (guint port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      if (fd >= 0)
        close (fd);
      return -1;
    }
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void
proxy_unref (JlTestProxy *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->url);
  g_free (self);
}

/* Whether the bytes carried so far reached the next cut; moves it on. */
static gboolean
cut_now (JlTestProxy *self)
{
  gint64 every = __atomic_load_n (&self->cut_every, __ATOMIC_RELAXED);
  gint64 total, next;

  if (every <= 0)
    return FALSE;
  total = __atomic_load_n (&self->up, __ATOMIC_RELAXED) + __atomic_load_n (&self->down, __ATOMIC_RELAXED);
  next = __atomic_load_n (&self->next_cut, __ATOMIC_RELAXED);
  if (total < next || !__atomic_compare_exchange_n (&self->next_cut, &next, total + every, FALSE,
                                                     __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    return FALSE;
  __atomic_fetch_add (&self->cuts, 1, __ATOMIC_RELAXED);
  return TRUE;
}

/* Copies what is readable on @from to @to; FALSE at the end. */
static gboolean
relay (JlTestProxy *self,
       int          from,
       int          to,
       gint64      *counter)
{
  char buffer[16384];
  ssize_t n = read (from, buffer, sizeof buffer);

  if (n <= 0)
    return n < 0 && errno == EINTR;
  __atomic_fetch_add (counter, (gint64) n, __ATOMIC_RELAXED);
  /* A dropped link: what was read never arrives. */
  if (cut_now (self))
    return FALSE;
  for (ssize_t done = 0; done < n;)
    {
      ssize_t w = write (to, buffer + done, (size_t) (n - done));

      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return FALSE;
      done += w;
    }
  return TRUE;
}

static gpointer
pump_thread (gpointer data)
{
  Pair *p = data;
  struct pollfd fds[2] = { { p->client, POLLIN, 0 }, { p->server, POLLIN, 0 } };
  gboolean open = TRUE;

  while (open)
    {
      if (poll (fds, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (fds[0].revents & (POLLIN | POLLHUP | POLLERR))
        open = relay (p->proxy, p->client, p->server, &p->proxy->up);
      if (open && fds[1].revents & (POLLIN | POLLHUP | POLLERR))
        open = relay (p->proxy, p->server, p->client, &p->proxy->down);
    }
  close (p->client);
  close (p->server);
  proxy_unref (p->proxy);
  g_free (p);
  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  JlTestProxy *self = data;

  for (;;)
    {
      int client = accept (self->listen_fd, NULL, NULL);
      int one = 1;
      Pair *p;

      if (client < 0)
        {
          if (errno == EINTR || errno == ECONNABORTED)
            continue;
          return NULL;   /* shut down */
        }
      setsockopt (client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      p = g_new0 (Pair, 1);
      g_atomic_ref_count_inc (&self->ref);
      p->proxy = self;
      p->client = client;
      p->server = connect_loopback (self->target_port);
      if (p->server < 0)
        {
          close (client);
          proxy_unref (self);
          g_free (p);
          continue;
        }
      g_thread_unref (g_thread_new ("jl-test-relay", pump_thread, p));
    }
}

JlTestProxy *
jl_test_proxy_start (guint target_port)
{
  JlTestProxy *self = g_new0 (JlTestProxy, 1);
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
  socklen_t len = sizeof addr;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_atomic_ref_count_init (&self->ref);
  self->target_port = target_port;
  self->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (self->listen_fd < 0 ||
      bind (self->listen_fd, (struct sockaddr *) &addr, sizeof addr) < 0 ||
      listen (self->listen_fd, 512) < 0 ||
      getsockname (self->listen_fd, (struct sockaddr *) &addr, &len) < 0)
    g_error ("proxy: %s", g_strerror (errno));
  self->url = g_strdup_printf ("http://127.0.0.1:%u/", ntohs (addr.sin_port));
  self->acceptor = g_thread_new ("jl-test-proxy", accept_thread, self);
  return self;
}

const char *
jl_test_proxy_get_url (JlTestProxy *self)
{
  return self->url;
}

void
jl_test_proxy_get_bytes (JlTestProxy *self,
                       gint64     *up,
                       gint64     *down)
{
  *up = __atomic_load_n (&self->up, __ATOMIC_RELAXED);
  *down = __atomic_load_n (&self->down, __ATOMIC_RELAXED);
}

void
jl_test_proxy_set_cut_every (JlTestProxy *self,
                             gint64       bytes)
{
  gint64 total = __atomic_load_n (&self->up, __ATOMIC_RELAXED) + __atomic_load_n (&self->down, __ATOMIC_RELAXED);

  __atomic_store_n (&self->next_cut, total + bytes, __ATOMIC_RELAXED);
  __atomic_store_n (&self->cut_every, bytes, __ATOMIC_RELAXED);
}

guint
jl_test_proxy_get_cuts (JlTestProxy *self)
{
  return __atomic_load_n (&self->cuts, __ATOMIC_RELAXED);
}

void
jl_test_proxy_stop (JlTestProxy *self)
{
  if (self == NULL)
    return;
  shutdown (self->listen_fd, SHUT_RDWR);
  g_thread_join (self->acceptor);
  close (self->listen_fd);
  /* Relay threads may still count: the last of them frees the relay. */
  proxy_unref (self);
}
