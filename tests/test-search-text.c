/* test-search-text.c: Chinese search tokens, against a real FTS5 table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "jl-search-text.h"

/* The rows of the test table; rowid = index + 1. */
static const char * const corpus[] = {
  "社区党建联席会议",
  "红色物业",
  "关于加装电梯的公示",
  "ABC物业公司2025年度",
  "社区-党建 工作",
  "𠮷野家的牛丼，党员会议。",
  "会议纪要：社区党委会议",
};

typedef struct
{
  sqlite3 *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &fixture->db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (fixture->db,
                                 "CREATE VIRTUAL TABLE t USING fts5(tok, tokenize='unicode61')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, "INSERT INTO t (rowid, tok) VALUES (?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *tokens = jl_search_text_index_tokens (corpus[i]);

      sqlite3_bind_int (stmt, 1, (int) i + 1);
      sqlite3_bind_text (stmt, 2, tokens, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_cmpint (sqlite3_close (fixture->db), ==, SQLITE_OK);
}

/* Rowids matching @query, as "1,4" ("" for none, "-" when the query has
 * no expression). Fails the test on an FTS5 error. */
static char *
search (Fixture    *fixture,
        const char *query)
{
  g_autofree char *expr = jl_search_text_match_expr (query);
  g_autoptr(GString) rows = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (expr == NULL)
    return g_strdup ("-");

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db,
                                       "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (rows, "%s%d", rows->len > 0 ? "," : "", sqlite3_column_int (stmt, 0));
  if (rc != SQLITE_DONE)
    g_error ("query “%s” → “%s”: %s", query, expr, sqlite3_errmsg (fixture->db));
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&rows), FALSE);
}

static void
assert_search (Fixture    *fixture,
               const char *query,
               const char *expected_rows)
{
  g_autofree char *rows = search (fixture, query);

  if (g_strcmp0 (rows, expected_rows) != 0)
    g_error ("query “%s”: rows “%s”, expected “%s”", query, rows, expected_rows);
}

static void
test_index_tokens (void)
{
  const struct
  {
    const char *text;
    const char *tokens;
  } cases[] = {
    { "社区党建联席会议", "社区 区党 党建 建联 联席 席会 会议 议" },
    { "红色物业", "红色 色物 物业 业" },
    { "ABC物业公司2025年度", "abc 物业 业公 公司 司 2025 年度 度" },
    { "关于加装电梯的公示。", "关于 于加 加装 装电 电梯 梯的 的公 公示 示" },
    { "社区 党建", "社区 区 党建 建" },
    { "党", "党" },
    { "Hello, World! 42", "hello world 42" },
    /* NFKC: full-width letters and digits, the ideographic space. */
    { "ＡＢＣ２０２５　物业", "abc2025 物业 业" },
    /* CJK compatibility ideograph U+F9B2 (零) becomes U+96F6. */
    { "\xef\xa6\xb2" "下", "零下 下" },
    /* Supplementary-plane ideograph (U+20BB7). */
    { "𠮷野家", "𠮷野 野家 家" },
    { "カタカナ", "カタ タカ カナ ナ" },
    { "ナカ・カタ", "ナカ カ カタ タ" },
    /* 〇 and 々 belong to the run. */
    { "二〇二五年", "二〇 〇二 二五 五年 年" },
    { "人々", "人々 々" },
    { "Éco-Quartier", "éco quartier" },
    { "", "" },
    { "，。！？ --- ***", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tokens = jl_search_text_index_tokens (cases[i].text);

      g_assert_cmpstr (tokens, ==, cases[i].tokens);
    }

  {
    g_autofree char *tokens = jl_search_text_index_tokens (NULL);

    g_assert_cmpstr (tokens, ==, "");
  }

  {
    /* Invalid UTF-8 is repaired, not a crash. */
    g_autofree char *tokens = jl_search_text_index_tokens ("ab\xff" "cd");

    g_assert_true (g_utf8_validate (tokens, -1, NULL));
    g_assert_cmpstr (tokens, ==, "ab cd");
  }
}

static void
test_match_expr (void)
{
  const struct
  {
    const char *query;
    const char *expr;
  } cases[] = {
    { "党建", "\"党建\"" },
    { "党", "\"党\"*" },
    { "联席会", "\"联席\" + \"席会\"" },
    { "社区党建联席", "\"社区\" + \"区党\" + \"党建\" + \"建联\" + \"联席\"" },
    { "abc", "\"abc\"*" },
    { "ABC", "\"abc\"*" },
    { "社区 党建", "\"社区\" AND \"党建\"" },
    { "  社区　　党建  ", "\"社区\" AND \"党建\"" },
    /* Runs inside one word: a run followed by another ends where the
     * text's run ends, so its last character is in the phrase too. */
    { "ABC物业", "\"abc\" + \"物业\"" },
    { "物业abc", "\"物业\" + \"业\" + \"abc\"*" },
    { "社区-党建", "\"社区\" + \"区\" + \"党建\"" },
    { "区-党", "\"区\" + \"党\"*" },
    { "2025年", "\"2025\" + \"年\"*" },
    /* FTS5 syntax is searched as text. */
    { "a\"b", "\"a\" + \"b\"*" },
    { "AND OR NEAR( * ^", "\"and\"* AND \"or\"* AND \"near\"*" },
  };
  const char *nothing[] = { "", "   ", "!!! *** ^", "\"\"", "（）、。", "\t\n" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expr = jl_search_text_match_expr (cases[i].query);

      g_assert_cmpstr (expr, ==, cases[i].expr);
    }

  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    g_assert_null (jl_search_text_match_expr (nothing[i]));
  g_assert_null (jl_search_text_match_expr (NULL));
}

static void
test_fts5_substrings (Fixture       *fixture,
                      gconstpointer  data)
{
  const struct
  {
    const char *query;
    const char *rows;
  } cases[] = {
    { "党建", "1,5" },
    { "联席会", "1" },
    { "席会议", "1" },
    { "建联席", "1" },
    { "社区党建联席会议", "1" },
    { "党", "1,5,6,7" },
    { "议", "1,6,7" },
    { "会议", "1,6,7" },
    { "电梯", "3" },
    { "物业", "2,4" },
    { "红色物", "2" },
    { "加装电梯的公", "3" },
    { "abc", "4" },
    { "ABC", "4" },
    { "ab", "4" },
    { "2025", "4" },
    { "20", "4" },
    { "年度", "4" },
    { "度", "4" },
    { "𠮷", "6" },
    { "𠮷野", "6" },
    /* Not substrings of any text. */
    { "会党", "" },
    { "党会", "" },
    { "社区党建会议", "" },
    { "物业红色", "" },
    { "建联会", "" },
    { "梯电", "" },
    { "bc", "" },
    { "2024", "" },
    { "社区党建联席会议室", "" },
    { "区党委会", "7" },
    { "区党委会议纪要", "" },
    { "色", "2" },
    { "黑", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_search (fixture, cases[i].query, cases[i].rows);
}

static void
test_fts5_words (Fixture       *fixture,
                 gconstpointer  data)
{
  const struct
  {
    const char *query;
    const char *rows;
  } cases[] = {
    /* Several words: all must occur, in any order. */
    { "社区 会议", "1,7" },
    { "会议 社区", "1,7" },
    { "物业 2025", "4" },
    { "物业 红色", "2" },
    { "物业 电梯", "" },
    { "党 会议", "1,6,7" },
    { "社区 党委 纪要", "7" },
    /* Runs of one word stay together across punctuation... */
    { "社区-党建", "5" },
    { "社区，党建", "5" },
    { "区-党", "5" },
    { "abc物业", "4" },
    { "ABC物业公", "4" },
    { "abc物", "4" },
    { "2025年", "4" },
    { "公司2025", "4" },
    { "司2025年度", "4" },
    /* ...and need the text's run to end there. */
    { "社-区", "" },
    { "abc业", "" },
    { "物业2025", "" },
    /* Full-width input finds half-width text. */
    { "ＡＢＣ", "4" },
    { "２０２５", "4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_search (fixture, cases[i].query, cases[i].rows);
}

static void
test_fts5_syntax (Fixture       *fixture,
                  gconstpointer  data)
{
  const struct
  {
    const char *query;
    const char *rows;
  } cases[] = {
    /* Operators are not interpreted: "OR" is a word that no text has. */
    { "党建 OR 电梯", "" },
    { "党建 AND 电梯", "" },
    { "NOT 电梯", "" },
    { "-电梯", "3" },
    { "^党建", "1,5" },
    { "党建*", "1,5" },
    { "\"党建\"", "1,5" },
    { "党\"建", "" },
    { "社区\"", "1,5,7" },
    { "\"", "-" },
    { "\"\"\"", "-" },
    { "AND OR NEAR( * ^", "" },
    { "NEAR(党建 电梯, 5)", "" },
    { "tok:党建", "" },
    { "{tok}: 电梯", "" },
    { "(物业)", "2,4" },
    { "物业 +", "2,4" },
    { "+ - * : ^ ( ) { }", "-" },
    { "'; DROP TABLE t; --", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_search (fixture, cases[i].query, cases[i].rows);

  /* The table is still there. */
  assert_search (fixture, "物业", "2,4");
}

static gboolean
is_han (gunichar c)
{
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
         || (c >= 0x20000 && c <= 0x2FA1F);
}

/* Rowids of the corpus texts that contain @query, the oracle for queries
 * of CJK characters only. */
static char *
oracle (const char *query)
{
  GString *rows = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      if (strstr (corpus[i], query) != NULL)
        g_string_append_printf (rows, "%s%u", rows->len > 0 ? "," : "", i + 1);
    }

  return g_string_free (rows, FALSE);
}

static void
test_fts5_exhaustive (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GArray) chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  /* Every CJK substring of 1 to 6 characters of every text... */
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      glong n_chars = 0;
      g_autofree gunichar *ucs = g_utf8_to_ucs4 (corpus[i], -1, NULL, &n_chars, NULL);

      for (glong start = 0; start < n_chars; start++)
        {
          if (is_han (ucs[start]))
            g_array_append_val (chars, ucs[start]);

          for (glong len = 1; len <= 6 && start + len <= n_chars; len++)
            {
              g_autofree char *query = NULL;
              g_autofree char *expected = NULL;
              g_autofree char *rows = NULL;

              if (!is_han (ucs[start + len - 1]))
                break;
              query = g_ucs4_to_utf8 (ucs + start, len, NULL, NULL, NULL);
              expected = oracle (query);
              rows = search (fixture, query);
              g_assert_cmpstr (expected, !=, "");
              if (g_strcmp0 (rows, expected) != 0)
                g_error ("query “%s”: rows “%s”, expected “%s”", query, rows, expected);
            }
        }
    }

  /* ...and random strings of the same characters, most of which are in
   * no text: the rows are exactly those that contain the query. */
  for (guint n = 0; n < 3000; n++)
    {
      guint len = (guint) g_rand_int_range (rand, 1, 5);
      gunichar ucs[4];
      g_autofree char *query = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *rows = NULL;

      for (guint i = 0; i < len; i++)
        ucs[i] = g_array_index (chars, gunichar, g_rand_int_range (rand, 0, (gint32) chars->len));
      query = g_ucs4_to_utf8 (ucs, len, NULL, NULL, NULL);
      expected = oracle (query);
      rows = search (fixture, query);
      if (g_strcmp0 (rows, expected) != 0)
        g_error ("query “%s”: rows “%s”, expected “%s”", query, rows, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jinlin/search-text/index-tokens", test_index_tokens);
  g_test_add_func ("/jinlin/search-text/match-expr", test_match_expr);
  g_test_add ("/jinlin/search-text/fts5/substrings", Fixture, NULL,
              fixture_set_up, test_fts5_substrings, fixture_tear_down);
  g_test_add ("/jinlin/search-text/fts5/words", Fixture, NULL,
              fixture_set_up, test_fts5_words, fixture_tear_down);
  g_test_add ("/jinlin/search-text/fts5/syntax", Fixture, NULL,
              fixture_set_up, test_fts5_syntax, fixture_tear_down);
  g_test_add ("/jinlin/search-text/fts5/exhaustive", Fixture, NULL,
              fixture_set_up, test_fts5_exhaustive, fixture_tear_down);

  return g_test_run ();
}
