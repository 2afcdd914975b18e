/* bench-search.c: Chinese full-text search ÷ the raw FTS5 query
 *
 * Fills a store with N meetings whose minutes are realistic Chinese text
 * of about 200 characters (through jl_store_put, one transaction), then
 * runs a fixed list of 2–6 character queries taken from that vocabulary,
 * and a few that match nothing, through jl_store_search (limit 50) and as
 * the bare FTS5 MATCH query on the same table over a second SQLite
 * connection (one prepared statement, reused as the store reuses its own:
 * bind, step through the rows reading every column, reset), alternating
 * the two. Prints the median and p95 latency of each and their ratios.
 * The store also copies each hit and makes its snippet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "jl-search-text.h"
#include "jl-store.h"

static int n_meetings = 100000;
static int n_rounds = 5;
static char *db_path = NULL;

static const GOptionEntry entries[] = {
  { "meetings", 'n', 0, G_OPTION_ARG_INT, &n_meetings, "Meetings to search (100000)", "N" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds, "Times each query runs (5)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Keep the generated database here and reuse it next time", "PATH" },
  G_OPTION_ENTRY_NULL
};

/* What residents and partner units bring to joint meetings. */
static const char *const topics[] = {
  "加装电梯", "老旧小区改造", "停车难", "垃圾分类", "消防通道", "电动车充电", "雨污分流", "屋顶漏水",
  "二次供水", "物业服务", "业主委员会", "楼道照明", "高空抛物", "噪音扰民", "绿化养护", "健身器材",
  "适老化改造", "无障碍通道", "社区食堂", "老年助餐", "四点半课堂", "红色物业", "党员先锋岗", "志愿服务",
  "网格巡查", "矛盾纠纷调解", "文明城市创建", "防汛防台", "疫苗接种", "平安社区", "反诈宣传", "燃气安全",
  "便民服务站", "邻里中心", "口袋公园", "快递柜", "外墙脱落", "化粪池清掏", "下水道堵塞", "路灯维修",
};
static const char *const actors[] = {
  "社区党委", "小区党支部", "楼栋党小组", "共建单位", "物业公司", "业委会", "网格员", "在职党员",
  "兼职委员", "街道党工委", "区住建局", "供电公司", "自来水公司", "派出所", "居民代表", "志愿者",
};
static const char *const actions[] = {
  "共同会商", "提出方案", "协同执行", "落实反馈", "入户走访", "召开协调会", "实地踏勘", "征求意见",
  "公示结果", "筹集资金", "签订协议", "跟踪督办", "组织验收", "发放问卷", "开展宣传", "建立台账",
};
static const char *const outcomes[] = {
  "问题已基本解决", "居民满意度明显提升", "形成长效机制", "列入下季度计划", "资金已落实", "工程已开工",
  "待上级协调", "已完成验收", "群众反映良好", "纳入民生实事项目",
};

/* 50 queries of 2–6 characters from the vocabulary above, and 5 that
 * match nothing (the last two from common characters in an order that
 * never occurs). */
static const char *const queries[] = {
  "电梯", "加装电梯", "老旧小区", "小区改造", "停车", "停车难", "垃圾分类", "分类", "消防通道", "充电",
  "电动车充电", "雨污分流", "漏水", "屋顶漏水", "二次供水", "物业服务", "业主委员会", "楼道照明", "高空抛物", "噪音",
  "绿化养护", "健身器材", "适老化", "无障碍", "社区食堂", "老年助餐", "四点半课堂", "红色物业", "先锋岗", "志愿服务",
  "网格巡查", "纠纷调解", "矛盾纠纷", "文明城市", "防汛防台", "疫苗", "平安社区", "反诈", "燃气安全", "便民服务",
  "邻里中心", "口袋公园", "快递柜", "外墙脱落", "化粪池", "下水道堵塞", "路灯维修", "共建单位", "协同执行", "落实反馈",
  "量子计算", "火星基地", "潜水艇", "电梯党建", "停车公示",
};
#define N_HIT_QUERIES 50

static void
check (gboolean      ok,
       const GError *error,
       const char   *what)
{
  if (!ok)
    g_error ("%s: %s", what, error ? error->message : "failed");
}

static char *
make_summary (BenchRng *r)
{
  GString *s = g_string_new (NULL);

  while (g_utf8_strlen (s->str, -1) < 190)
    {
      const char *topic = topics[bench_rng_below (r, G_N_ELEMENTS (topics))];

      switch (bench_rng_below (r, 4))
        {
        case 0:
          g_string_append_printf (s, "围绕%s问题，%s与%s%s，", topic,
                                  actors[bench_rng_below (r, G_N_ELEMENTS (actors))],
                                  actors[bench_rng_below (r, G_N_ELEMENTS (actors))],
                                  actions[bench_rng_below (r, G_N_ELEMENTS (actions))]);
          break;
        case 1:
          g_string_append_printf (s, "针对居民反映的%s，会议决定由%s牵头%s，%s。", topic,
                                  actors[bench_rng_below (r, G_N_ELEMENTS (actors))],
                                  actions[bench_rng_below (r, G_N_ELEMENTS (actions))],
                                  outcomes[bench_rng_below (r, G_N_ELEMENTS (outcomes))]);
          break;
        case 2:
          g_string_append_printf (s, "%s通报了%s工作进展，%s。",
                                  actors[bench_rng_below (r, G_N_ELEMENTS (actors))], topic,
                                  outcomes[bench_rng_below (r, G_N_ELEMENTS (outcomes))]);
          break;
        default:
          g_string_append_printf (s, "与会人员就%s%s进行了讨论。", topic,
                                  actions[bench_rng_below (r, G_N_ELEMENTS (actions))]);
          break;
        }
    }
  return g_string_free (s, FALSE);
}

static char *
make_community (JlStore *store)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;

  json_object_set_string_member (obj, "name", "鹭江社区");
  json_object_set_string_member (obj, "city", "厦门市");
  record = jl_store_put (store, "community", NULL, obj, NULL, &error);
  check (record != NULL, error, "community");
  return g_strdup (jl_record_get_id (record));
}

static void
fill (JlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *community = make_community (store);
  BenchRng rng;
  double start = bench_now ();

  bench_rng_init (&rng, 20240607);
  check (jl_store_begin (store, &error), error, "begin");
  for (int i = 0; i < n_meetings; i++)
    {
      g_autoptr(JsonObject) obj = json_object_new ();
      g_autoptr(JlRecord) record = NULL;
      g_autofree char *summary = make_summary (&rng);
      g_autofree char *title = g_strdup_printf ("%s第%d次联席会议", topics[bench_rng_below (&rng, G_N_ELEMENTS (topics))], i + 1);
      g_autofree char *held_at = g_strdup_printf ("20%02u-%02u-%02u 09:30", 15 + bench_rng_below (&rng, 10),
                                                  1 + bench_rng_below (&rng, 12), 1 + bench_rng_below (&rng, 28));

      json_object_set_string_member (obj, "community_id", community);
      json_object_set_string_member (obj, "meeting_type", "joint");
      json_object_set_string_member (obj, "title", title);
      json_object_set_string_member (obj, "held_at", held_at);
      json_object_set_string_member (obj, "place", "社区党群服务中心");
      json_object_set_string_member (obj, "summary", summary);
      record = jl_store_put (store, "meeting", NULL, obj, NULL, &error);
      check (record != NULL, error, "meeting");
      if ((i + 1) % 20000 == 0)
        g_print ("  %d meetings written (%.0f s)\n", i + 1, bench_now () - start);
    }
  check (jl_store_commit (store, &error), error, "commit");
  g_print ("  %d meetings written in %.1f s\n", n_meetings, bench_now () - start);
}

/* Milliseconds of CPU this thread has used: unlike the wall clock, not
 * lengthened when a loaded machine takes the CPU away mid-query. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The raw query: what jl_store_search runs, without the store around it.
 * Prepared once and reused, as the store reuses its own. */
static sqlite3_stmt *raw_stmt = NULL;

static guint
raw_search (sqlite3    *db,
            const char *match)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  if (raw_stmt == NULL &&
      sqlite3_prepare_v2 (db, "SELECT kind, rec_id, community_id, title, body FROM search_index"
                              " WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT ?2", -1, &raw_stmt, NULL) != SQLITE_OK)
    g_error ("prepare: %s", sqlite3_errmsg (db));
  stmt = raw_stmt;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, 50);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < 5; c++)
        (void) sqlite3_column_text (stmt, c);
      n++;
    }
  if (rc != SQLITE_DONE)
    g_error ("step: %s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
  return n;
}

static guint
core_search (JlStore    *store,
             const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = jl_store_search (store, query, NULL, NULL, 50, &error);

  check (hits != NULL, error, "search");
  return hits->len;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree double *core = NULL;
  g_autofree double *raw = NULL;
  g_autofree double *worst = NULL;
  g_autofree double *core_cpu = NULL;
  g_autofree double *raw_cpu = NULL;
  char *dir = NULL;
  char *matches[G_N_ELEMENTS (queries)];
  guint n_hits[G_N_ELEMENTS (queries)];
  guint n = 0, n_queries = G_N_ELEMENTS (queries);
  sqlite3 *db = NULL;
  double c50, c95, r50, r95;
  double cc95, rc95;

  bench_init (&argc, &argv, "Searches Chinese minutes with jl_store_search and with the raw FTS5 query.",
              (GOptionEntry *) entries);
  n_meetings = MAX (n_meetings, 1);
  n_rounds = MAX (n_rounds, 1);

  if (db_path == NULL)
    {
      dir = bench_dir_new ();
      path = g_build_filename (dir, "search.db", NULL);
    }
  else
    path = g_strdup (db_path);

  g_print ("search: %d meetings with about 200 characters of minutes, %u queries × %d rounds\n",
           n_meetings, n_queries, n_rounds);
  store = jl_store_open (path, &error);
  check (store != NULL, error, "open");
  if (jl_store_count (store, "meeting", NULL, NULL) != n_meetings)
    {
      if (jl_store_count (store, "meeting", NULL, NULL) != 0)
        g_error ("%s holds another number of meetings; remove it first", path);
      fill (store);
    }
  else
    g_print ("  reusing %s\n", path);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("open %s: %s", path, sqlite3_errmsg (db));
  /* The store's page cache (jl-store.c), so both read from memory alike. */
  if (sqlite3_exec (db, "PRAGMA cache_size = -65536", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("cache_size: %s", sqlite3_errmsg (db));

  for (guint q = 0; q < n_queries; q++)
    {
      matches[q] = jl_search_text_match_expr (queries[q]);
      /* Warm both page caches up, and check that both find the same. */
      n_hits[q] = core_search (store, queries[q]);
      if (raw_search (db, matches[q]) != n_hits[q])
        g_error ("“%s”: the store and the raw query disagree", queries[q]);
      if ((q < N_HIT_QUERIES) != (n_hits[q] > 0))
        g_error ("“%s” found %u meetings; expected %s", queries[q], n_hits[q],
                 q < N_HIT_QUERIES ? "some" : "none");
    }

  core = g_new0 (double, n_queries * n_rounds);
  raw = g_new0 (double, n_queries * n_rounds);
  worst = g_new0 (double, n_queries);
  core_cpu = g_new0 (double, n_queries * n_rounds);
  raw_cpu = g_new0 (double, n_queries * n_rounds);
  for (int round = 0; round < n_rounds; round++)
    for (guint q = 0; q < n_queries; q++, n++)
      {
        double t0, t1, t2, u0, u1, u2;

        /* Alternate which goes first, so neither always finds the other's
         * pages in the CPU cache. */
        if ((round + q) % 2 == 0)
          {
            u0 = thread_cpu_ms ();
            t0 = bench_now ();
            core_search (store, queries[q]);
            t1 = bench_now ();
            u1 = thread_cpu_ms ();
            raw_search (db, matches[q]);
            t2 = bench_now ();
            u2 = thread_cpu_ms ();
            core[n] = (t1 - t0) * 1000;
            raw[n] = (t2 - t1) * 1000;
            core_cpu[n] = u1 - u0;
            raw_cpu[n] = u2 - u1;
          }
        else
          {
            u0 = thread_cpu_ms ();
            t0 = bench_now ();
            raw_search (db, matches[q]);
            t1 = bench_now ();
            u1 = thread_cpu_ms ();
            core_search (store, queries[q]);
            t2 = bench_now ();
            u2 = thread_cpu_ms ();
            raw[n] = (t1 - t0) * 1000;
            core[n] = (t2 - t1) * 1000;
            raw_cpu[n] = u1 - u0;
            core_cpu[n] = u2 - u1;
          }
        worst[q] = MAX (worst[q], core[n]);
      }

  g_print ("  slowest queries (worst of %d rounds, jl_store_search):\n", n_rounds);
  for (guint k = 0; k < 5; k++)
    {
      guint max_q = 0;

      for (guint q = 1; q < n_queries; q++)
        if (worst[q] > worst[max_q])
          max_q = q;
      /* Pad by display width: a CJK character takes two columns. */
      g_print ("    %s%*s %7.2f ms  (%u hits)\n", queries[max_q],
               (int) (12 - 2 * g_utf8_strlen (queries[max_q], -1)), "", worst[max_q], n_hits[max_q]);
      worst[max_q] = -1;
    }

  c50 = bench_percentile (core, n, 0.5);
  c95 = bench_percentile (core, n, 0.95);
  r50 = bench_percentile (raw, n, 0.5);
  r95 = bench_percentile (raw, n, 0.95);
  bench_result ("search", "jl_store_search median", c50, "ms");
  bench_result ("search", "jl_store_search p95", c95, "ms (goal < 10)");
  bench_result ("search", "raw FTS5 median", r50, "ms");
  bench_result ("search", "raw FTS5 p95", r95, "ms");
  bench_result ("search", "ratio median", c50 / r50, "x");
  bench_result ("search", "ratio p95", c95 / r95, "x (goal <= 1.2)");
  /* The same in CPU time of this thread: steadier when the machine is
   * loaded and wall-clock p95s measure the scheduler. */
  cc95 = bench_percentile (core_cpu, n, 0.95);
  rc95 = bench_percentile (raw_cpu, n, 0.95);
  bench_result ("search", "jl_store_search p95, CPU", cc95, "ms");
  bench_result ("search", "raw FTS5 p95, CPU", rc95, "ms");
  bench_result ("search", "ratio median, CPU", bench_percentile (core_cpu, n, 0.5) / bench_percentile (raw_cpu, n, 0.5), "x");
  bench_result ("search", "ratio p95, CPU", cc95 / rc95, "x");

  for (guint q = 0; q < n_queries; q++)
    g_free (matches[q]);
  sqlite3_finalize (raw_stmt);
  sqlite3_close (db);
  g_clear_object (&store);
  bench_dir_free (dir);
  return 0;
}
