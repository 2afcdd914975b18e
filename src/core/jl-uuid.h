/* jl-uuid.h: record identifiers made offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Canonical lowercase 36-character form, e.g. "0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6f". */
#define JL_UUID_STRING_LEN 36

char     *jl_uuid_v7_new      (void);
char     *jl_uuid_v7_new_at   (gint64       unix_ms);
char     *jl_uuid_v5_new      (const char  *namespace_uuid,
                               const char  *name);
gboolean  jl_uuid_is_valid    (const char  *str);
gint64    jl_uuid_v7_get_ms   (const char  *uuid);

/* Namespace for Jinlin's deterministic ids (UUIDv5 of a natural key). */
#define JL_UUID_NAMESPACE "6f1c3a52-9d0e-4b7a-8c21-5e4f3d2b1a09"

G_END_DECLS
