/* jl-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-account-dialog.h"
#include "jl-application.h"
#include "jl-sync-controller.h"

G_BEGIN_DECLS

#define JL_TYPE_WINDOW (jl_window_get_type ())

G_DECLARE_FINAL_TYPE (JlWindow, jl_window, JL, WINDOW, AdwApplicationWindow)

JlWindow   *jl_window_new            (JlApplication *app);
/* NULL until the database is open. */
JlStore    *jl_window_get_store      (JlWindow      *self);
/* "overview", "organisation", "partners", "minutes", "evaluation", "conflicts" */
void        jl_window_show_section   (JlWindow      *self,
                                      const char    *section);
const char *jl_window_get_section    (JlWindow      *self);
/* A toast; with @undo_action, an "Undo" button that activates it. */
void        jl_window_toast          (JlWindow      *self,
                                      const char    *title,
                                      const char    *undo_action,
                                      GVariant      *undo_target);
/* The page widget of a section (tests drive it). */
GtkWidget  *jl_window_get_page       (JlWindow      *self,
                                      const char    *section);

/* Sync: NULL until the database is open. */
JlSyncController *jl_window_get_sync_controller (JlWindow *self);
GtkWidget        *jl_window_get_sync_indicator  (JlWindow *self);
/* Opens (or raises) the account dialog; @reason (nullable) is shown. */
JlAccountDialog  *jl_window_open_account        (JlWindow   *self,
                                                 const char *reason);

G_END_DECLS
