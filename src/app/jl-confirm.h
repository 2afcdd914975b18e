/* jl-confirm.h: the delete confirmation and the icon buttons around it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An icon-only button named @label: tooltip and accessible name. */
GtkWidget *jl_icon_button_new       (const char   *icon,
                                     const char   *label);
/* The same, flat and centred: for the end of a list row or group header. */
GtkWidget *jl_row_button_new        (const char   *icon,
                                     const char   *label);
/* A message dialog over @widget's window asking @heading / @body, with
 * "cancel" (the default) and a destructive "delete" response labelled
 * @action (e.g. "_Delete"). The caller connects "response" and presents. */
GtkWidget *jl_confirm_delete_new    (GtkWidget    *widget,
                                     const char   *heading,
                                     const char   *body,
                                     const char   *action);
/* Shows @error under @heading over @widget's window. */
void       jl_confirm_show_error    (GtkWidget    *widget,
                                     const char   *heading,
                                     const GError *error);

G_END_DECLS
