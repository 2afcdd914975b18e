/* jl-csv.h: CSV files that Excel and WPS open correctly
 *
 * Excel on Chinese Windows reads a CSV without a byte-order mark as GBK,
 * and the Chinese comes out garbled; so the text starts with the UTF-8 BOM
 * (EF BB BF). Rows end in CRLF and fields are quoted as RFC 4180 says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JlCsv JlCsv;

JlCsv      *jl_csv_new        (void);
void        jl_csv_free       (JlCsv              *self);
/* One row; @n_cells -1: @cells is NULL-terminated. A NULL cell in a
 * counted row is an empty field. */
void        jl_csv_add_row    (JlCsv              *self,
                               const char * const *cells,
                               gssize              n_cells);
/* One row of the NULL-terminated arguments. */
void        jl_csv_add_values (JlCsv              *self,
                               const char         *first,
                               ...) G_GNUC_NULL_TERMINATED;
guint       jl_csv_get_n_rows (JlCsv              *self);
/* The file's bytes so far, BOM included. */
const char *jl_csv_get_data   (JlCsv              *self,
                               gsize              *length);
GBytes     *jl_csv_to_bytes   (JlCsv              *self);
/* One field as written: quoted when needed. */
char       *jl_csv_quote      (const char         *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlCsv, jl_csv_free)

G_END_DECLS
