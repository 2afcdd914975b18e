/* jl-account-dialog.h: log this database in to a sync server, or out
 *
 * Server address, user name and password; says where the device token is
 * kept (the keyring, or a file only the user can read) and shows the
 * server's answer in the user's language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-sync-controller.h"

G_BEGIN_DECLS

#define JL_TYPE_ACCOUNT_DIALOG (jl_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (JlAccountDialog, jl_account_dialog, JL, ACCOUNT_DIALOG, AdwWindow)

/* @reason (nullable): why it opened, e.g. the server refused the token. */
JlAccountDialog *jl_account_dialog_new        (GtkWindow        *parent,
                                               JlSyncController *controller,
                                               const char       *reason);
/* The widgets, for tests. */
GtkEditable     *jl_account_dialog_get_server   (JlAccountDialog *self);
GtkEditable     *jl_account_dialog_get_user     (JlAccountDialog *self);
GtkEditable     *jl_account_dialog_get_password (JlAccountDialog *self);
GtkButton       *jl_account_dialog_get_login    (JlAccountDialog *self);
GtkButton       *jl_account_dialog_get_logout   (JlAccountDialog *self);
/* The status line and where the token is kept. */
const char      *jl_account_dialog_get_message  (JlAccountDialog *self);
const char      *jl_account_dialog_get_location (JlAccountDialog *self);
gboolean         jl_account_dialog_is_busy      (JlAccountDialog *self);

G_END_DECLS
