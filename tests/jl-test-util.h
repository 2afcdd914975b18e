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
/* jl_store_put of printf-formatted JSON, asserting success; returns the id. */
char     *jl_test_putf_ok          (JlStore    *store,
                                    const char *kind,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (3, 4);
/* jl_store_put of @json on record @id (NULL: create), asserting success. */
JlRecord *jl_test_update_ok        (JlStore    *store,
                                    const char *kind,
                                    const char *id,
                                    const char *json);
/* jl_store_put of @json on @id (NULL: create), asserting that it fails
 * with JL_ERROR @code; returns the error for further checks. */
GError   *jl_test_put_fails        (JlStore    *store,
                                    const char *kind,
                                    const char *id,
                                    const char *json,
                                    int         code);
/* Asserts a JL_ERROR with @code whose message names @field as "(field)"
 * or, in Chinese, "（field）" (skipped when @field is NULL). */
void      jl_test_assert_error     (const GError *error,
                                    int           code,
                                    const char   *field);
/* The first column of the first row of @sql run on the store's database,
 * bypassing the API (to see tombstones and bookkeeping). */
gint64    jl_test_sql_int          (JlStore    *store,
                                    const char *sql);
/* SHA-256 of a file's contents. */
char     *jl_test_file_checksum    (const char *path);
/* jl_store_get, asserting that the live record exists. */
JlRecord *jl_test_get_ok           (JlStore    *store,
                                    const char *kind,
                                    const char *id);
/* Common test init: setlocale, bindtextdomain to JINLIN_LOCALEDIR, g_test_init. */
void      jl_test_init             (int        *argc,
                                    char     ***argv);

G_END_DECLS
