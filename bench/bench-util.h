/* bench-util.h: what the benchmarks share
 *
 * Every benchmark measures its subject and a baseline in the same run and
 * prints the ratio: the machines are shared and noisy, so only ratios are
 * comparable between runs. Nothing here passes or fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Seconds on the monotonic clock. */
double  bench_now             (void);
/* CPU seconds (user + system) this process has used: steadier than wall
 * time on a shared machine, for comparing two versions of the code. */
double  bench_cpu_now         (void);
/* A fresh temporary folder; bench_dir_free removes it with its files. */
char   *bench_dir_new         (void);
void    bench_dir_free        (char *dir);
/* Sorts @values in place and returns the value at @fraction (0.5: the
 * median, 0.95: p95), nearest rank. */
double  bench_percentile      (double *values,
                               guint   n,
                               double  fraction);
/* Peak resident set size of this process in kB (VmHWM), or -1. */
gint64  bench_peak_rss_kb     (void);
/* A small deterministic generator (xorshift64*), so every run writes the
 * same data. */
typedef struct { guint64 s; } BenchRng;
void    bench_rng_init        (BenchRng *r,
                               guint64   seed);
guint32 bench_rng_below       (BenchRng *r,
                               guint32   n);
/* A valid resident ID number (GB 11643) made from @serial. */
void    bench_id_card         (guint     serial,
                               char      out[19]);
/* Prints "name: value unit" in the common format run-all.sh parses:
 * lines starting with "RESULT " are collected into the summary table. */
void    bench_result          (const char *bench,
                               const char *figure,
                               double      value,
                               const char *unit);
/* Common start: setlocale, a parser for --rows and the like. */
void    bench_init            (int        *argc,
                               char     ***argv,
                               const char *summary,
                               GOptionEntry *entries);

G_END_DECLS
