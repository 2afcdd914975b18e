/* jl-sync-indicator.h: the sync state in the header bar
 *
 * A button showing one line ("3 changes waiting", "Synced at 14:32", the
 * reason of a failure) with a spinner only while a run is going, opening
 * a popover with the details, the account and the conflicts; next to it
 * a Sync now button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jl-sync-controller.h"

G_BEGIN_DECLS

#define JL_TYPE_SYNC_INDICATOR (jl_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (JlSyncIndicator, jl_sync_indicator, JL, SYNC_INDICATOR, GtkBox)

GtkWidget  *jl_sync_indicator_new          (JlSyncController *controller);
/* What the header bar says now (tests). */
const char *jl_sync_indicator_get_text     (JlSyncIndicator  *self);
gboolean    jl_sync_indicator_is_spinning  (JlSyncIndicator  *self);
GtkButton  *jl_sync_indicator_get_sync_button (JlSyncIndicator *self);

G_END_DECLS
