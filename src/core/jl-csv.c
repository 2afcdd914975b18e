/* jl-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-csv.h"

#define BOM "\xEF\xBB\xBF"

struct _JlCsv
{
  GString *data;
  guint    n_rows;
};

/**
 * jl_csv_new:
 *
 * Returns: (transfer full): an empty CSV document, holding only the BOM
 */
JlCsv *
jl_csv_new (void)
{
  JlCsv *self = g_new0 (JlCsv, 1);

  self->data = g_string_new (BOM);
  return self;
}

/**
 * jl_csv_free:
 * @self: (nullable): a CSV document
 */
void
jl_csv_free (JlCsv *self)
{
  if (self == NULL)
    return;
  g_string_free (self->data, TRUE);
  g_free (self);
}

/* A spreadsheet runs a cell starting with = + - @ as a formula: a name
 * typed as "=HYPERLINK(…)" must stay text. Plain negative numbers are
 * left alone. */
static gboolean
looks_like_formula (const char *field)
{
  char *end = NULL;

  switch (field[0])
    {
    case '=':
    case '+':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    case '-':
      g_ascii_strtod (field, &end);
      return end == field || *end != '\0';
    default:
      return FALSE;
    }
}

static void
append_field (GString    *out,
              const char *field)
{
  gboolean guard;
  gboolean quote;

  if (field == NULL || *field == '\0')
    return;

  guard = looks_like_formula (field);
  /* RFC 4180: separators, quotes and line breaks need quotes; leading or
   * trailing spaces are quoted so that no program trims them. */
  quote = strpbrk (field, ",\"\r\n") != NULL || field[0] == ' ' ||
          field[strlen (field) - 1] == ' ';
  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/**
 * jl_csv_quote:
 * @field: (nullable): the text of one field
 *
 * Quotes a field when it holds a comma, a double quote, a line break or
 * leading or trailing spaces, doubling the quotes inside (RFC 4180). A
 * field a spreadsheet would run as a formula (starting with =, +, @, or -
 * without being a number) gets a leading apostrophe.
 *
 * Returns: (transfer full): the field as written in the file
 */
char *
jl_csv_quote (const char *field)
{
  GString *out = g_string_new (NULL);

  append_field (out, field);
  return g_string_free (out, FALSE);
}

/**
 * jl_csv_add_row:
 * @self: a CSV document
 * @cells: (array length=n_cells): the fields
 * @n_cells: the number of fields, or -1 when @cells is NULL-terminated
 *
 * Appends one row ending in CRLF.
 */
void
jl_csv_add_row (JlCsv              *self,
                const char * const *cells,
                gssize              n_cells)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  if (n_cells < 0)
    n_cells = g_strv_length ((char **) cells);
  for (gssize i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (self->data, ',');
      append_field (self->data, cells[i]);
    }
  g_string_append (self->data, "\r\n");
  self->n_rows++;
}

/**
 * jl_csv_add_values:
 * @self: a CSV document
 * @first: the first field
 * @...: more fields, then NULL
 *
 * Appends one row of the given fields.
 */
void
jl_csv_add_values (JlCsv      *self,
                   const char *first,
                   ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, (gpointer) cell);
  va_end (args);
  jl_csv_add_row (self, (const char * const *) cells->pdata, cells->len);
}

/**
 * jl_csv_get_n_rows:
 * @self: a CSV document
 *
 * Returns: the number of rows added
 */
guint
jl_csv_get_n_rows (JlCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

/**
 * jl_csv_get_data:
 * @self: a CSV document
 * @length: (out) (optional): the length in bytes
 *
 * Returns: (transfer none): the document's bytes, BOM first
 */
const char *
jl_csv_get_data (JlCsv *self,
                 gsize *length)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (length != NULL)
    *length = self->data->len;
  return self->data->str;
}

/**
 * jl_csv_to_bytes:
 * @self: a CSV document
 *
 * Returns: (transfer full): a copy of the document's bytes
 */
GBytes *
jl_csv_to_bytes (JlCsv *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_bytes_new (self->data->str, self->data->len);
}
