/* jl-schema.h: the record kinds of the data model, described once
 *
 * Every record kind (community, partner unit, meeting, score, …) is
 * described by a JlKind: its table, its fields with their types, labels and
 * checks. The store, JSON export/import, the CLI, search and sync all work
 * from these descriptors, so a field is declared in exactly one place (plus
 * its column in a migration; a test checks that the two agree).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  JL_FIELD_TEXT,
  JL_FIELD_INT,
  JL_FIELD_REAL,
  JL_FIELD_BOOL,
  JL_FIELD_DATE,       /* "2025-03-05" */
  JL_FIELD_DATETIME,   /* "2025-03-05 14:30" */
  JL_FIELD_ENUM,       /* one of JlField.values[].key */
  JL_FIELD_REF,        /* id of a record of JlField.ref_kind */
  JL_FIELD_LIST,       /* JSON array of strings */
} JlFieldType;

typedef enum
{
  JL_FIELD_REQUIRED   = 1 << 0,
  JL_FIELD_SEARCHABLE = 1 << 1,  /* goes into the full-text index */
  JL_FIELD_TITLE      = 1 << 2,  /* names the record in lists and search hits */
  JL_FIELD_PARENT     = 1 << 3,  /* REF to the owning record: community and cascade come from it */
  JL_FIELD_FROZEN     = 1 << 4,  /* read-only once the owning minutes are approved */
  JL_FIELD_UNIQUE     = 1 << 5,  /* unique among live records of the same community */
} JlFieldFlags;

/* A checker for text fields beyond their type, e.g. the USCC check digit. */
typedef enum
{
  JL_CHECK_NONE,
  JL_CHECK_USCC,
  JL_CHECK_ID_CARD,
  JL_CHECK_MOBILE,
  JL_CHECK_PHONE,
} JlCheck;

typedef struct
{
  const char *key;     /* stored value, stable: "approved" */
  const char *label;   /* English, translated with gettext: N_("Approved") */
} JlEnumValue;

typedef struct
{
  const char        *name;      /* column and JSON name */
  JlFieldType        type;
  const char        *label;     /* English, N_() */
  guint              flags;     /* JlFieldFlags */
  const char        *ref_kind;  /* JL_FIELD_REF */
  const JlEnumValue *values;    /* JL_FIELD_ENUM, NULL-key terminated */
  JlCheck            check;
  double             min;       /* INT/REAL bounds when min < max */
  double             max;
  guint              max_len;   /* TEXT length in characters, 0 = default (2000) */
} JlField;

typedef struct
{
  const char    *name;      /* "partner_unit": kind name, table name, JSON key */
  const char    *label;     /* N_("Partner unit") */
  const char    *label_plural;
  const JlField *fields;
  guint          n_fields;
  const char    *order_by;  /* default list order, a field name */
} JlKind;

/* All kinds, in dependency order (parents before children). */
const JlKind  *const *jl_schema_get_kinds   (guint *n_kinds);
const JlKind         *jl_schema_lookup      (const char *kind_name);
const JlField        *jl_kind_lookup_field  (const JlKind *kind,
                                             const char   *field_name);
/* The PARENT field, or NULL for top-level kinds (community). */
const JlField        *jl_kind_parent_field  (const JlKind *kind);
/* The field that names a record, or NULL. */
const JlField        *jl_kind_title_field   (const JlKind *kind);
/* Translated label of a field / kind / enum value. */
const char           *jl_field_get_label    (const JlField *field);
const char           *jl_kind_get_label     (const JlKind  *kind);
const char           *jl_enum_get_label     (const JlField *field,
                                             const char    *key);
/* Normalise user input to an enum key: accepts the key itself, the English
 * label or the translated label (so a clerk can type "已审核"). */
const char           *jl_enum_parse         (const JlField *field,
                                             const char    *text);

/* Checks and normalises one value typed or pasted for @field (trimmed
 * text, enum labels turned into keys, ISO dates, USCC upper case…).
 * Returns a new node (JSON null for "empty") or NULL with a JL_ERROR that
 * names the field in the user's language. Needs no database. */
JsonNode             *jl_field_normalize     (const JlKind  *kind,
                                              const JlField *field,
                                              JsonNode      *value,
                                              GError       **error);

/* Fields whose values make a record's id (UUIDv5), or NULL. Internal. */
const char *const    *_jl_schema_natural_key (const JlKind *kind);

/* Meeting states: the minutes workflow. */
#define JL_MEETING_DRAFT     "draft"
#define JL_MEETING_SUBMITTED "submitted"
#define JL_MEETING_APPROVED  "approved"

G_END_DECLS
