/* jl-minutes-print.h: printed minutes on A4, through GtkPrintOperation
 *
 * Lays out a JlMinutesDoc (built in the core) with Pango in Noto Serif /
 * Sans CJK SC on A4 with the official margins (top 37 mm, left 28 mm,
 * GB/T 9704), page after page, numbered "— 1 —".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jl-minutes-doc.h"

G_BEGIN_DECLS

/* Opens the print dialog; the document is printed when the user says so.
 * Takes ownership of @doc. Errors are shown in a message dialog. */
void     jl_minutes_print_dialog (JlMinutesDoc  *doc,
                                  GtkWindow     *parent);
/* Writes @doc as a PDF file at @path (no dialog). @n_pages, if not NULL,
 * receives the number of pages written. */
gboolean jl_minutes_print_export (JlMinutesDoc  *doc,
                                  GtkWindow     *parent,
                                  const char    *path,
                                  guint         *n_pages,
                                  GError       **error);

G_END_DECLS
