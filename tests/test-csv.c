/* test-csv.c: CSV that Excel and WPS open correctly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-csv.h"

static void
test_bom_and_crlf (void)
{
  g_autoptr(JlCsv) csv = jl_csv_new ();
  const char *data;
  gsize len;

  data = jl_csv_get_data (csv, &len);
  g_assert_cmpuint (len, ==, 3);
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);

  jl_csv_add_values (csv, "名次", "被评议对象", "最终得分", NULL);
  jl_csv_add_values (csv, "1", "莲花新村", "85.00", NULL);
  data = jl_csv_get_data (csv, &len);
  g_assert_cmpstr (data, ==, "\xEF\xBB\xBF" "名次,被评议对象,最终得分\r\n1,莲花新村,85.00\r\n");
  g_assert_cmpuint (len, ==, strlen (data));
  g_assert_cmpuint (jl_csv_get_n_rows (csv), ==, 2);
}

static void
test_quoting (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "鹭城物业，莲花新村", "鹭城物业，莲花新村" },    /* a full-width comma is text */
    { "a,b", "\"a,b\"" },
    { "他说\"好\"", "\"他说\"\"好\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "第一行\n第二行", "\"第一行\n第二行\"" },
    { "line\r\nbreak", "\"line\r\nbreak\"" },
    { " 前后空格 ", "\" 前后空格 \"" },
    { "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
    { "+86 138", "'+86 138" },
    { "@SUM", "'@SUM" },
    { "-3.5", "-3.5" },
    { "-abc", "'-abc" },
    { "0592-5551234", "0592-5551234" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = jl_csv_quote (cases[i].in);
      g_assert_cmpstr (quoted, ==, cases[i].out);
    }
  {
    g_autofree char *quoted = jl_csv_quote (NULL);
    g_assert_cmpstr (quoted, ==, "");
  }
}

static void
test_rows (void)
{
  g_autoptr(JlCsv) csv = jl_csv_new ();
  const char *counted[] = { "a", NULL, "c,d" };
  const char *terminated[] = { "x\"y", "", NULL };
  g_autoptr(GBytes) bytes = NULL;
  const char *expected = "\xEF\xBB\xBF" "a,,\"c,d\"\r\n\"x\"\"y\",\r\n\r\n";

  jl_csv_add_row (csv, counted, G_N_ELEMENTS (counted));
  jl_csv_add_row (csv, terminated, -1);
  jl_csv_add_row (csv, NULL, 0);
  bytes = jl_csv_to_bytes (csv);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, strlen (expected));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/bom-and-crlf", test_bom_and_crlf);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/rows", test_rows);

  return g_test_run ();
}
