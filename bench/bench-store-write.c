/* bench-store-write.c: writing records through the store ÷ plain SQLite
 *
 * Writes N people (8 fields each, spread over some communities) through
 * jl_store_put inside one jl_store_begin/commit, as the demo generator and
 * import do. Two baselines write the same people with plain SQLite, with
 * prepared statements in one transaction, in files with the store's
 * pragmas (WAL, synchronous=FULL, the same page cache):
 *
 *  - "person only" (the baseline): one INSERT per person into a
 *    table with the person table's columns and indexes, nothing else;
 *  - "same rows": everything the store writes for a new person, in the
 *    store's own schema: the person row, its 9 outbox entries (one
 *    multi-row INSERT, each entry with a new UUIDv7 change id), the
 *    full-text document (the same CJK tokens) and its search_doc row.
 *
 * The first ratio is the price of sync and search plus the store's own
 * work (parsing, validation, the unique-ID and reference checks); the
 * second is the store's own work alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "bench-util.h"
#include "jl-search-text.h"
#include "jl-store-private.h"
#include "jl-uuid.h"

/* The store's pragmas (jl-store.c), for the baselines. */
#define STORE_PRAGMAS "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;" \
                      " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"

static int n_rows = 100000;
static int n_communities = 100;
static int n_baseline_runs = 3;
static gboolean core_only = FALSE;
static char *pragma = NULL;
static gboolean trace = FALSE;

static const GOptionEntry entries[] = {
  { "rows", 'n', 0, G_OPTION_ARG_INT, &n_rows, "Records to write (100000)", "N" },
  { "communities", 0, 0, G_OPTION_ARG_INT, &n_communities, "Communities they belong to (100)", "N" },
  { "baseline-runs", 0, 0, G_OPTION_ARG_INT, &n_baseline_runs, "Runs of the baseline; the median counts (3)", "N" },
  { "core-only", 0, 0, G_OPTION_ARG_NONE, &core_only, "Only the store (for a profiler)", NULL },
  { "pragma", 0, 0, G_OPTION_ARG_STRING, &pragma, "Run this SQL on the store's connection first (experiments)", "SQL" },
  { "trace", 0, 0, G_OPTION_ARG_NONE, &trace, "Print where SQLite spends the store's time, per statement", NULL },
  G_OPTION_ENTRY_NULL
};

typedef struct
{
  guint community;
  char  name[32];
  const char *gender;
  char  id_no[19];
  char  birth_date[11];
  const char *ethnicity;
  char  mobile[12];
  const char *member_type;
  const char *employer;
} Row;

static const char *const surnames[] = { "陈", "林", "黄", "张", "李", "王", "吴", "刘", "蔡", "杨", "许", "郑", "谢", "洪", "郭", "邱" };
static const char *const given[] = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "志强", "建华", "晓东" };
static const char *const ethnicities[] = { "汉族", "汉族", "汉族", "汉族", "畲族", "回族", "满族" };
static const char *const member_types[] = { "full", "full", "probationary", "non_member" };
static const char *const employers[] = { "思明区税务局", "厦门市第一医院", "厦门大学附属中学", "鹭江街道办事处", "国网厦门供电公司",
                                         "厦门轨道交通集团", "中国银行厦门分行", "退休", "个体经营", "厦门港务控股集团" };

static Row *
make_rows (void)
{
  Row *rows = g_new0 (Row, n_rows);
  BenchRng rng;

  bench_rng_init (&rng, 20240607);
  for (int i = 0; i < n_rows; i++)
    {
      Row *r = &rows[i];

      r->community = (guint) i % (guint) n_communities;
      g_snprintf (r->name, sizeof r->name, "%s%s", surnames[bench_rng_below (&rng, G_N_ELEMENTS (surnames))],
                  given[bench_rng_below (&rng, G_N_ELEMENTS (given))]);
      r->gender = bench_rng_below (&rng, 2) ? "male" : "female";
      bench_id_card ((guint) i, r->id_no);
      g_snprintf (r->birth_date, sizeof r->birth_date, "%.4s-%.2s-%.2s", r->id_no + 6, r->id_no + 10, r->id_no + 12);
      r->ethnicity = ethnicities[bench_rng_below (&rng, G_N_ELEMENTS (ethnicities))];
      g_snprintf (r->mobile, sizeof r->mobile, "1%u%09u", 3 + bench_rng_below (&rng, 7), bench_rng_below (&rng, 1000000000));
      r->member_type = member_types[bench_rng_below (&rng, G_N_ELEMENTS (member_types))];
      r->employer = employers[bench_rng_below (&rng, G_N_ELEMENTS (employers))];
    }
  return rows;
}

static void
check (gboolean      ok,
       const GError *error,
       const char   *what)
{
  if (!ok)
    g_error ("%s: %s", what, error ? error->message : "failed");
}

static char **
make_communities (JlStore *store)
{
  char **ids = g_new0 (char *, n_communities + 1);
  g_autoptr(GError) error = NULL;

  check (jl_store_begin (store, &error), error, "begin");
  for (int i = 0; i < n_communities; i++)
    {
      g_autoptr(JsonObject) obj = json_object_new ();
      g_autofree char *name = g_strdup_printf ("第%d社区", i + 1);
      g_autoptr(JlRecord) record = NULL;

      json_object_set_string_member (obj, "name", name);
      json_object_set_string_member (obj, "city", "厦门市");
      record = jl_store_put (store, "community", NULL, obj, NULL, &error);
      check (record != NULL, error, "community");
      ids[i] = g_strdup (jl_record_get_id (record));
    }
  check (jl_store_commit (store, &error), error, "commit");
  return ids;
}

/* --trace: nanoseconds and runs per statement text */
typedef struct
{
  char   *sql;
  gint64  ns;
  gint64  runs;
} StmtTime;

static GHashTable *stmt_times;

static int
profile_cb (unsigned    type,
            void       *data,
            void       *p,
            void       *x)
{
  const char *sql = sqlite3_sql (p);
  StmtTime *t;

  if (sql == NULL)
    return 0;
  t = g_hash_table_lookup (stmt_times, sql);
  if (t == NULL)
    {
      t = g_new0 (StmtTime, 1);
      t->sql = g_strdup (sql);
      g_hash_table_insert (stmt_times, t->sql, t);
    }
  t->ns += *(sqlite3_int64 *) x;
  t->runs++;
  return 0;
}

static int
by_time (gconstpointer a,
         gconstpointer b)
{
  const StmtTime *x = *(StmtTime **) a, *y = *(StmtTime **) b;

  return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : 0;
}

static void
print_stmt_times (double total)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  double sum = 0;

  g_hash_table_iter_init (&iter, stmt_times);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);

  g_ptr_array_sort (all, by_time);
  for (guint i = 0; i < all->len; i++)
    sum += ((StmtTime *) all->pdata[i])->ns / 1e9;
  g_print ("  SQLite time %.3f s of %.3f s; by statement:\n", sum, total);
  for (guint i = 0; i < MIN (all->len, 25); i++)
    {
      StmtTime *t = all->pdata[i];
      g_print ("  %7.3f s %8" G_GINT64_FORMAT "x %6.1f us  %.110s\n", t->ns / 1e9, t->runs,
               t->ns / 1e3 / t->runs, t->sql);
    }
}

/* Seconds to write @rows through the store. */
static double
run_core (const char *dir,
          const Row  *rows,
          gint64     *n_outbox,
          double     *cpu_seconds)
{
  g_autofree char *path = g_build_filename (dir, "core.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);
  g_auto(GStrv) communities = NULL;
  gint64 outbox_before;
  double start, seconds, cpu;

  check (store != NULL, error, "open");
  if (pragma != NULL && sqlite3_exec (store->db, pragma, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", pragma, sqlite3_errmsg (store->db));
  communities = make_communities (store);
  if (trace)
    {
      stmt_times = g_hash_table_new (g_str_hash, g_str_equal);
      sqlite3_trace_v2 (store->db, SQLITE_TRACE_PROFILE, profile_cb, NULL);
    }
  outbox_before = jl_store_outbox_count (store, NULL);

  start = bench_now ();
  cpu = bench_cpu_now ();
  check (jl_store_begin (store, &error), error, "begin");
  for (int i = 0; i < n_rows; i++)
    {
      const Row *r = &rows[i];
      g_autoptr(JsonObject) obj = json_object_new ();
      g_autoptr(JlRecord) record = NULL;

      json_object_set_string_member (obj, "community_id", communities[r->community]);
      json_object_set_string_member (obj, "name", r->name);
      json_object_set_string_member (obj, "gender", r->gender);
      json_object_set_string_member (obj, "id_no", r->id_no);
      json_object_set_string_member (obj, "birth_date", r->birth_date);
      json_object_set_string_member (obj, "ethnicity", r->ethnicity);
      json_object_set_string_member (obj, "mobile", r->mobile);
      json_object_set_string_member (obj, "member_type", r->member_type);
      json_object_set_string_member (obj, "employer", r->employer);
      record = jl_store_put (store, "person", NULL, obj, NULL, &error);
      check (record != NULL, error, "put");
    }
  check (jl_store_commit (store, &error), error, "commit");
  seconds = bench_now () - start;
  *cpu_seconds = bench_cpu_now () - cpu;
  if (trace)
    print_stmt_times (seconds);

  *n_outbox = jl_store_outbox_count (store, NULL) - outbox_before;
  return seconds;
}

static void
sql_ok (sqlite3    *db,
        int         rc,
        const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

/* The person table's CREATE TABLE and CREATE INDEX statements, as the
 * store made them. */
static GPtrArray *
person_schema (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "schema.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);
  GPtrArray *ddl = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  check (store != NULL, error, "open");
  sql_ok (db, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), "open schema");
  sql_ok (db, sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE tbl_name = 'person'"
                                      " AND sql IS NOT NULL ORDER BY type DESC", -1, &stmt, NULL), "schema");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ddl, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ddl;
}

/* Seconds to insert @rows into a plain table. */
static double
run_baseline (const char *dir,
              guint       run,
              GPtrArray  *ddl,
              const Row  *rows,
              char      **communities,
              double     *cpu_seconds)
{
  g_autofree char *name = g_strdup_printf ("plain-%u.db", run);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *device = jl_uuid_v7_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double start, seconds, cpu;

  sql_ok (db, sqlite3_open (path, &db), "open plain");
  sql_ok (db, sqlite3_exec (db, STORE_PRAGMAS, NULL, NULL, NULL), "pragmas");
  for (guint i = 0; i < ddl->len; i++)
    sql_ok (db, sqlite3_exec (db, ddl->pdata[i], NULL, NULL, NULL), "create");

  start = bench_now ();
  cpu = bench_cpu_now ();
  sql_ok (db, sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
  sql_ok (db, sqlite3_prepare_v2 (db,
                                  "INSERT INTO person (id, community_id, created_at, updated_at, hlc, device_id, deleted,"
                                  " name, gender, id_no, birth_date, ethnicity, mobile, member_type, employer)"
                                  " VALUES (?1, ?2, ?3, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                  -1, &stmt, NULL), "prepare");
  for (int i = 0; i < n_rows; i++)
    {
      const Row *r = &rows[i];
      g_autofree char *id = jl_uuid_v7_new ();

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, communities[r->community], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, "2025-03-05T08:00:00Z", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) i);
      sqlite3_bind_text (stmt, 5, device, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, r->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, r->gender, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, r->id_no, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, r->birth_date, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, r->ethnicity, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, r->mobile, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, r->member_type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, r->employer, -1, SQLITE_STATIC);
      sql_ok (db, sqlite3_step (stmt), "insert");
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sql_ok (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), "commit");
  seconds = bench_now () - start;
  *cpu_seconds = bench_cpu_now () - cpu;
  sqlite3_close (db);
  return seconds;
}

static const char *const outbox_fields[] = {
  "community_id", "name", "gender", "id_no", "birth_date", "ethnicity", "mobile", "member_type", "employer",
};

/* Seconds to write what the store writes for @rows, with plain SQLite,
 * into a database with the store's schema. */
static double
run_baseline_same_rows (const char *dir,
                        guint       run,
                        const Row  *rows,
                        char      **communities,
                        double     *cpu_seconds)
{
  g_autofree char *name = g_strdup_printf ("same-rows-%u.db", run);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *device = jl_uuid_v7_new ();
  g_autoptr(GString) outbox_sql = g_string_new ("INSERT OR FAIL INTO outbox"
                                                " (change_id, community_id, tbl, row_id, field, value, hlc, base) VALUES ");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *person = NULL, *outbox = NULL, *doc = NULL, *search_doc = NULL;
  double start, seconds, cpu;

  /* The store makes the schema; then it is closed and not used again. */
  {
    g_autoptr(JlStore) store = jl_store_open (path, &error);
    check (store != NULL, error, "open");
  }
  sql_ok (db, sqlite3_open (path, &db), "open same-rows");
  sql_ok (db, sqlite3_exec (db, STORE_PRAGMAS, NULL, NULL, NULL), "pragmas");

  for (guint i = 0; i < G_N_ELEMENTS (outbox_fields); i++)
    g_string_append_printf (outbox_sql, "%s(?%u, ?1, 'person', ?2, ?%u, ?%u, ?3, 0)",
                            i ? ", " : "", 4 + 3 * i, 5 + 3 * i, 6 + 3 * i);

  start = bench_now ();
  cpu = bench_cpu_now ();
  sql_ok (db, sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
  sql_ok (db, sqlite3_prepare_v2 (db,
                                  "INSERT INTO person (id, community_id, created_at, updated_at, hlc, device_id, deleted,"
                                  " name, gender, id_no, birth_date, ethnicity, mobile, member_type, employer)"
                                  " VALUES (?1, ?2, ?3, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                  -1, &person, NULL), "prepare person");
  sql_ok (db, sqlite3_prepare_v2 (db, outbox_sql->str, -1, &outbox, NULL), "prepare outbox");
  sql_ok (db, sqlite3_prepare_v2 (db,
                                  "INSERT INTO search_index (kind, rec_id, community_id, title, body, tokens)"
                                  " VALUES ('person', ?1, ?2, ?3, ?4, ?5)", -1, &doc, NULL), "prepare search");
  sql_ok (db, sqlite3_prepare_v2 (db, "INSERT INTO search_doc (rec_id, fts_rowid) VALUES (?1, ?2)",
                                  -1, &search_doc, NULL), "prepare search_doc");
  for (int i = 0; i < n_rows; i++)
    {
      const Row *r = &rows[i];
      g_autofree char *id = jl_uuid_v7_new ();
      const char *values[G_N_ELEMENTS (outbox_fields)] = {
        communities[r->community], r->name, r->gender, r->id_no, r->birth_date, r->ethnicity, r->mobile,
        r->member_type, r->employer,
      };
      char *change_ids[G_N_ELEMENTS (outbox_fields)];
      char *json[G_N_ELEMENTS (outbox_fields)];
      g_autofree char *text = g_strconcat (r->name, "\n", r->employer, NULL);
      g_autofree char *tokens = jl_search_text_index_tokens (text);

      sqlite3_bind_text (person, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (person, 2, communities[r->community], -1, SQLITE_STATIC);
      sqlite3_bind_text (person, 3, "2025-03-05T08:00:00Z", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (person, 4, (sqlite3_int64) i);
      sqlite3_bind_text (person, 5, device, -1, SQLITE_STATIC);
      for (guint f = 1; f < G_N_ELEMENTS (outbox_fields); f++)
        sqlite3_bind_text (person, 5 + (int) f, values[f], -1, SQLITE_STATIC);
      sql_ok (db, sqlite3_step (person), "insert person");
      sqlite3_reset (person);

      sqlite3_bind_text (outbox, 1, communities[r->community], -1, SQLITE_STATIC);
      sqlite3_bind_text (outbox, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (outbox, 3, (sqlite3_int64) i);
      for (guint f = 0; f < G_N_ELEMENTS (outbox_fields); f++)
        {
          change_ids[f] = jl_uuid_v7_new ();
          json[f] = g_strconcat ("\"", values[f], "\"", NULL);
          sqlite3_bind_text (outbox, 4 + 3 * (int) f, change_ids[f], -1, SQLITE_STATIC);
          sqlite3_bind_text (outbox, 5 + 3 * (int) f, outbox_fields[f], -1, SQLITE_STATIC);
          sqlite3_bind_text (outbox, 6 + 3 * (int) f, json[f], -1, SQLITE_STATIC);
        }
      sql_ok (db, sqlite3_step (outbox), "insert outbox");
      sqlite3_reset (outbox);
      for (guint f = 0; f < G_N_ELEMENTS (outbox_fields); f++)
        {
          g_free (change_ids[f]);
          g_free (json[f]);
        }

      sqlite3_bind_text (doc, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (doc, 2, communities[r->community], -1, SQLITE_STATIC);
      sqlite3_bind_text (doc, 3, r->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (doc, 4, r->employer, -1, SQLITE_STATIC);
      sqlite3_bind_text (doc, 5, tokens, -1, SQLITE_STATIC);
      sql_ok (db, sqlite3_step (doc), "insert search");
      sqlite3_reset (doc);
      sqlite3_bind_text (search_doc, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (search_doc, 2, sqlite3_last_insert_rowid (db));
      sql_ok (db, sqlite3_step (search_doc), "insert search_doc");
      sqlite3_reset (search_doc);
    }
  sqlite3_finalize (person);
  sqlite3_finalize (outbox);
  sqlite3_finalize (doc);
  sqlite3_finalize (search_doc);
  sql_ok (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), "commit");
  seconds = bench_now () - start;
  *cpu_seconds = bench_cpu_now () - cpu;
  sqlite3_close (db);
  return seconds;
}

int
main (int    argc,
      char **argv)
{
  g_autofree Row *rows = NULL;
  g_autofree double *plain = NULL;
  g_autofree double *plain_cpu = NULL;
  g_autofree double *same = NULL;
  g_autofree double *same_cpu = NULL;
  g_auto(GStrv) fake_communities = NULL;
  g_autoptr(GPtrArray) ddl = NULL;
  char *dir;
  double core, core_cpu = 0, base, base_cpu;
  gint64 n_outbox = 0;
  guint runs;

  bench_init (&argc, &argv, "Writes people through jl_store_put and through plain SQLite.", (GOptionEntry *) entries);
  n_rows = MAX (n_rows, 1);
  n_communities = MAX (n_communities, 1);
  n_baseline_runs = MAX (n_baseline_runs, 1);
  runs = (guint) n_baseline_runs;

  dir = bench_dir_new ();
  rows = make_rows ();
  g_print ("store-write: %d people (8 fields each) in %d communities, in %s\n", n_rows, n_communities, dir);

  if (!core_only)
    {
      ddl = person_schema (dir);
      fake_communities = g_new0 (char *, n_communities + 1);
      for (int i = 0; i < n_communities; i++)
        fake_communities[i] = jl_uuid_v7_new ();
      plain = g_new0 (double, runs);
      plain_cpu = g_new0 (double, runs);
      same = g_new0 (double, runs);
      same_cpu = g_new0 (double, runs);
      for (guint i = 0; i < runs; i++)
        {
          plain[i] = run_baseline (dir, i, ddl, rows, fake_communities, &plain_cpu[i]);
          g_print ("  plain sqlite3, person only, run %u: %.3f s (CPU %.3f s)\n", i + 1, plain[i], plain_cpu[i]);
          same[i] = run_baseline_same_rows (dir, i, rows, fake_communities, &same_cpu[i]);
          g_print ("  plain sqlite3, same rows,   run %u: %.3f s (CPU %.3f s)\n", i + 1, same[i], same_cpu[i]);
        }
    }

  core = run_core (dir, rows, &n_outbox, &core_cpu);
  g_print ("  jl_store_put:        %.3f s (CPU %.3f s; %" G_GINT64_FORMAT " outbox entries)\n",
           core, core_cpu, n_outbox);
  bench_result ("store-write", "core rows/s", n_rows / core, "rows/s");
  if (!core_only)
    {
      base = bench_percentile (plain, runs, 0.5);
      base_cpu = bench_percentile (plain_cpu, runs, 0.5);
      bench_result ("store-write", "plain sqlite3 rows/s (person only)", n_rows / base, "rows/s");
      bench_result ("store-write", "ratio core/plain", core / base, "x (goal <= 1.5)");
      bench_result ("store-write", "ratio core/plain, CPU time", core_cpu / base_cpu, "x");
      base = bench_percentile (same, runs, 0.5);
      base_cpu = bench_percentile (same_cpu, runs, 0.5);
      bench_result ("store-write", "plain sqlite3 rows/s (same rows)", n_rows / base, "rows/s");
      bench_result ("store-write", "ratio core/same rows", core / base, "x");
      bench_result ("store-write", "ratio core/same rows, CPU", core_cpu / base_cpu, "x");
    }

  bench_dir_free (dir);
  return 0;
}
