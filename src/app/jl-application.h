/* jl-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_APPLICATION (jl_application_get_type ())

G_DECLARE_FINAL_TYPE (JlApplication, jl_application, JL, APPLICATION, AdwApplication)

JlApplication *jl_application_new          (void);
/* The database path: --db, else $JINLIN_DB, else the user's default. */
const char    *jl_application_get_db_path  (JlApplication *self);
void           jl_application_set_db_path  (JlApplication *self,
                                            const char    *path);

G_END_DECLS
