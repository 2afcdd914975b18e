/* jl-record.h: one record of any kind, as the store hands it out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "jl-hlc.h"
#include "jl-schema.h"

G_BEGIN_DECLS

#define JL_TYPE_RECORD (jl_record_get_type ())

G_DECLARE_FINAL_TYPE (JlRecord, jl_record, JL, RECORD, GObject)

const JlKind *jl_record_get_kind          (JlRecord   *self);
const char   *jl_record_get_kind_name     (JlRecord   *self);
const char   *jl_record_get_id            (JlRecord   *self);
const char   *jl_record_get_community_id  (JlRecord   *self);
const char   *jl_record_get_created_at    (JlRecord   *self);
const char   *jl_record_get_updated_at    (JlRecord   *self);
JlHlc         jl_record_get_hlc           (JlRecord   *self);
gboolean      jl_record_get_deleted       (JlRecord   *self);
/* Field values keyed by field name; absent and null both mean "not set". */
JsonObject   *jl_record_get_values        (JlRecord   *self);

gboolean      jl_record_has_value         (JlRecord   *self,
                                           const char *field);
const char   *jl_record_get_string        (JlRecord   *self,
                                           const char *field);
gint64        jl_record_get_int           (JlRecord   *self,
                                           const char *field,
                                           gint64      fallback);
double        jl_record_get_double        (JlRecord   *self,
                                           const char *field,
                                           double      fallback);
gboolean      jl_record_get_bool          (JlRecord   *self,
                                           const char *field);
/* The title field's value, or the id when the kind has none. */
const char   *jl_record_get_title         (JlRecord   *self);

/* {"id": …, field: value, …} in schema order, null fields omitted. */
JsonNode     *jl_record_to_json           (JlRecord   *self,
                                           gboolean    with_meta);

G_END_DECLS
