/* jl-test-util.h: helpers shared by the store tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-store.h"

G_BEGIN_DECLS

/* A fresh temporary directory for one test, removed by jl_test_dir_free. */
char     *jl_test_dir_new          (void);
void      jl_test_dir_free         (char *dir);
/* A new store in a fresh temporary directory; *dir receives the folder. */
JlStore  *jl_test_store_new        (char      **dir);
/* Parses JSON text that the test wrote; aborts the test on bad JSON. */
JsonObject *jl_test_json           (const char *text);
/* jl_store_put of JSON text; returns the record or NULL with @error. */
JlRecord *jl_test_put              (JlStore    *store,
                                    const char *kind,
                                    const char *json,
                                    GError    **error);
/* Same, asserting success; returns the new id (owned by the caller). */
char     *jl_test_put_ok           (JlStore    *store,
                                    const char *kind,
                                    const char *json);
/* Common test init: setlocale, bindtextdomain to JINLIN_LOCALEDIR, g_test_init. */
void      jl_test_init             (int        *argc,
                                    char     ***argv);

G_END_DECLS
