/* jl-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "jl-format.h"

char *
jl_format_field (JlRecord      *record,
                 const JlField *field,
                 JlTitleCache  *titles)
{
  JsonObject *values = jl_record_get_values (record);
  JsonNode *node;

  if (!json_object_has_member (values, field->name))
    return g_strdup ("");
  node = json_object_get_member (values, field->name);
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");

  switch (field->type)
    {
    case JL_FIELD_BOOL:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    case JL_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case JL_FIELD_REAL:
      return g_strdup_printf ("%g", json_node_get_double (node));
    case JL_FIELD_ENUM:
      {
        const char *label = jl_enum_get_label (field, json_node_get_string (node));
        return g_strdup (label ? label : json_node_get_string (node));
      }
    case JL_FIELD_REF:
      {
        const char *title = titles ? jl_title_cache_lookup (titles, field->ref_kind, json_node_get_string (node)) : NULL;
        return g_strdup (title ? title : "…");
      }
    case JL_FIELD_LIST:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(GString) s = g_string_new (NULL);

        for (guint i = 0; i < json_array_get_length (array); i++)
          g_string_append_printf (s, "%s%s", i ? "、" : "", json_array_get_string_element (array, i));
        return g_string_free (g_steal_pointer (&s), FALSE);
      }
    case JL_FIELD_TEXT:
    case JL_FIELD_DATE:
    case JL_FIELD_DATETIME:
    default:
      return g_strdup (json_node_get_string (node));
    }
}

char *
jl_format_date_document (const char *iso)
{
  int y, m, d, hh, mm;

  if (iso == NULL)
    return g_strdup ("");
  if (sscanf (iso, "%d-%d-%d %d:%d", &y, &m, &d, &hh, &mm) == 5)
    /* TRANSLATORS: a date in documents: year, month, day, then hour:minute */
    return g_strdup_printf (_("%d-%d-%d %02d:%02d"), y, m, d, hh, mm);
  if (sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3)
    /* TRANSLATORS: a date in documents, e.g. 2025年3月5日 */
    return g_strdup_printf (_("%d-%d-%d"), y, m, d);
  return g_strdup (iso);
}

char *
jl_format_quarter (const char *iso)
{
  static const char *const names[] = { N_("first quarter"), N_("second quarter"),
                                       N_("third quarter"), N_("fourth quarter") };
  int y, m;

  if (iso == NULL || sscanf (iso, "%d-%d", &y, &m) != 2 || m < 1 || m > 12)
    return g_strdup ("");
  /* TRANSLATORS: a year and a quarter, e.g. 2025年第一季度 */
  return g_strdup_printf (_("%d, %s"), y, _(names[(m - 1) / 3]));
}
