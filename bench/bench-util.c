/* bench-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-util.h"

double
bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

double
bench_cpu_now (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

char *
bench_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("jinlin-bench-XXXXXX", &error);

  if (dir == NULL)
    g_error ("cannot make a temporary folder: %s", error->message);
  return dir;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
bench_dir_free (char *dir)
{
  if (dir == NULL)
    return;
  remove_tree (dir);
  g_free (dir);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
bench_percentile (double *values,
                  guint   n,
                  double  fraction)
{
  guint rank;

  if (n == 0)
    return 0;
  qsort (values, n, sizeof *values, compare_doubles);
  /* Nearest rank: the smallest value with at least @fraction of the
   * values at or below it. */
  rank = (guint) (fraction * n + 0.999999);
  rank = CLAMP (rank, 1, n);
  return values[rank - 1];
}

gint64
bench_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + 6, NULL, 10);
}

void
bench_rng_init (BenchRng *r,
                guint64   seed)
{
  r->s = seed ? seed : 0x9E3779B97F4A7C15ull;
}

guint32
bench_rng_below (BenchRng *r,
                 guint32   n)
{
  r->s ^= r->s >> 12;
  r->s ^= r->s << 25;
  r->s ^= r->s >> 27;
  return (guint32) (((r->s * 0x2545F4914F6CDD1Dull) >> 32) % (n ? n : 1));
}

void
bench_id_card (guint serial,
               char  out[19])
{
  static const guint weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  guint sum = 0;

  /* Xiamen Siming district, born 1940–1999 on days 1–28, serial number. */
  g_snprintf (out, 19, "350203%04u%02u%02u%03u", 1940 + serial % 60, 1 + serial / 60 % 12,
              1 + serial / 720 % 28, serial / 20160 % 1000);
  for (guint i = 0; i < 17; i++)
    sum += (guint) (out[i] - '0') * weights[i];
  out[17] = "10X98765432"[sum % 11];
  out[18] = '\0';
}

void
bench_result (const char *bench,
              const char *figure,
              double      value,
              const char *unit)
{
  g_print ("RESULT %s | %s | %.3f | %s\n", bench, figure, value, unit);
}

void
bench_init (int          *argc,
            char       ***argv,
            const char   *summary,
            GOptionEntry *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }
  /* Progress lines and results must not sit in a pipe's buffer. */
  setvbuf (stdout, NULL, _IOLBF, 0);
}
