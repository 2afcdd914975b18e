/* jl-schema.c: lookups over the kind descriptors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-schema-private.h"

static const JlKind *const all_kinds[] = {
  &jl_kind_community,
  &jl_kind_person,
  &jl_kind_party_org,
  &jl_kind_estate,
  &jl_kind_grid,
  &jl_kind_partner_unit,
  &jl_kind_unit_estate_link,
  &jl_kind_part_time_member,
  &jl_kind_project,
  &jl_kind_meeting,
  &jl_kind_problem,
  &jl_kind_attendance,
  &jl_kind_agenda_item,
  &jl_kind_decision,
  &jl_kind_amendment,
  &jl_kind_attachment,
  &jl_kind_eval_template,
  &jl_kind_eval_criterion,
  &jl_kind_eval_round,
  &jl_kind_eval_target,
  &jl_kind_eval_scorer,
  &jl_kind_eval_sheet,
  &jl_kind_eval_score,
};

static const JlNaturalKey natural_keys[] = {
  { "eval_score", { "sheet_id", "criterion_id", NULL } },
  { "eval_sheet", { "round_id", "target_id", "ballot_no" } },
  { "unit_estate_link", { "unit_id", "estate_id", NULL } },
};

const JlKind *const *
jl_schema_get_kinds (guint *n_kinds)
{
  if (n_kinds)
    *n_kinds = G_N_ELEMENTS (all_kinds);
  return all_kinds;
}

const JlKind *
jl_schema_lookup (const char *kind_name)
{
  if (kind_name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    if (strcmp (all_kinds[i]->name, kind_name) == 0)
      return all_kinds[i];
  return NULL;
}

const char *const *
_jl_schema_natural_key (const JlKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (natural_keys); i++)
    if (strcmp (natural_keys[i].kind, kind->name) == 0)
      return natural_keys[i].fields;
  return NULL;
}

const JlField *
jl_kind_lookup_field (const JlKind *kind,
                      const char   *field_name)
{
  g_return_val_if_fail (kind != NULL, NULL);

  if (field_name == NULL)
    return NULL;
  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, field_name) == 0)
      return &kind->fields[i];
  return NULL;
}

const JlField *
jl_kind_parent_field (const JlKind *kind)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & JL_FIELD_PARENT)
      return &kind->fields[i];
  return NULL;
}

const JlField *
jl_kind_title_field (const JlKind *kind)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & JL_FIELD_TITLE)
      return &kind->fields[i];
  return NULL;
}

const char *
jl_field_get_label (const JlField *field)
{
  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

const char *
jl_kind_get_label (const JlKind *kind)
{
  return g_dgettext (GETTEXT_PACKAGE, kind->label);
}

const char *
jl_enum_get_label (const JlField *field,
                   const char    *key)
{
  g_return_val_if_fail (field->type == JL_FIELD_ENUM, NULL);

  if (key == NULL)
    return NULL;
  for (const JlEnumValue *v = field->values; v->key; v++)
    if (strcmp (v->key, key) == 0)
      return g_dgettext (GETTEXT_PACKAGE, v->label);
  return NULL;
}

const char *
jl_enum_parse (const JlField *field,
               const char    *text)
{
  g_return_val_if_fail (field->type == JL_FIELD_ENUM, NULL);

  if (text == NULL)
    return NULL;
  for (const JlEnumValue *v = field->values; v->key; v++)
    {
      if (strcmp (v->key, text) == 0 ||
          strcmp (v->label, text) == 0 ||
          strcmp (g_dgettext (GETTEXT_PACKAGE, v->label), text) == 0)
        return v->key;
    }
  return NULL;
}
