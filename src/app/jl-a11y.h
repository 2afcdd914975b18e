/* jl-a11y.h: accessible names where GTK 4.8 gets them wrong
 *
 * GTK 4.8 names a button made with a mnemonic after both its label
 * property and its child label, so a screen reader says "新建单位(_N)
 * 新建单位(N)". These helpers give such widgets the plain name, "新建单位".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @mnemonic without its mnemonic: "新建单位(_N)" → "新建单位", "_Save" → "Save". */
char      *jl_a11y_strip_mnemonic      (const char *mnemonic);
/* Sets @widget's accessible label to @mnemonic without its mnemonic. */
void       jl_a11y_label_from_mnemonic (GtkWidget  *widget,
                                        const char *mnemonic);
/* gtk_button_new_with_mnemonic() with a plain accessible name. */
GtkWidget *jl_button_new_with_mnemonic (const char *mnemonic);

G_END_DECLS
