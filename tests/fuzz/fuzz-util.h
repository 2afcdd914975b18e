/* fuzz-util.h: what the fuzz targets share
 *
 * Each target defines LLVMFuzzerTestOneInput. Built with clang it links
 * libFuzzer (-fsanitize=fuzzer); every build also links it with
 * fuzz-replay.c, a main() that runs the seed corpus and the saved crashes
 * once each, so they stay regression tests under gcc too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "jl-store.h"

G_BEGIN_DECLS

int       LLVMFuzzerTestOneInput  (const uint8_t *data,
                                   size_t         size);

/* Once per process: criticals abort (a g_return_if_fail reached from
 * public API with any input is a bug), warnings and below are dropped. */
void      fuzz_init               (void);
/* A store in a temporary folder removed at exit, with a small city whose
 * ids are fixed (below), so that seeds can refer to its records. */
JlStore  *fuzz_store_new          (void);
/* Writes @data to a file in the temporary folder; returns its path. */
const char *fuzz_write_file       (const uint8_t *data,
                                   size_t         size);
/* @data as a NUL-terminated string (may hold earlier NULs). */
char     *fuzz_strndup            (const uint8_t *data,
                                   size_t         size);

#define FUZZ_COMMUNITY    "10000000-0000-4000-8000-000000000001"
#define FUZZ_ESTATE       "10000000-0000-4000-8000-000000000002"
#define FUZZ_BRANCH       "10000000-0000-4000-8000-000000000003"
#define FUZZ_PERSON       "10000000-0000-4000-8000-000000000004"
#define FUZZ_UNIT         "10000000-0000-4000-8000-000000000005"
#define FUZZ_MEETING      "10000000-0000-4000-8000-000000000006"
#define FUZZ_AGENDA_ITEM  "10000000-0000-4000-8000-000000000007"
#define FUZZ_TEMPLATE     "10000000-0000-4000-8000-000000000008"
#define FUZZ_CRITERION    "10000000-0000-4000-8000-000000000009"
#define FUZZ_ROUND        "10000000-0000-4000-8000-00000000000a"

G_END_DECLS
