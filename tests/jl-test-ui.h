/* jl-test-ui.h: helpers for the tests that drive the real UI under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-window.h"

G_BEGIN_DECLS

/* Returns FALSE (after printing a TAP skip) when there is no display. */
gboolean  jl_test_ui_init          (int        *argc,
                                    char     ***argv);
/* Spins the main context until @cond (polled) is true or @timeout_ms
 * passes; returns whether it became true. */
gboolean  jl_test_ui_wait          (gboolean  (*cond) (gpointer data),
                                    gpointer    data,
                                    guint       timeout_ms);
/* Spins the main context for @ms milliseconds. */
void      jl_test_ui_spin          (guint       ms);
/* A window on the database at @db_path, with its pages built. */
JlWindow *jl_test_ui_open_window   (const char *db_path);

G_END_DECLS
