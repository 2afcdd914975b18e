/* jl-store-rules.c: rules that span fields or records
 *
 * Single fields are checked when they are normalised (jl-store-write.c);
 * here live the rules a clerk knows from practice: the minutes workflow and
 * the freezing of approved minutes, reasons for leave and absence, term and
 * period order, weights totalling 100, points within a criterion's maximum,
 * the one-or-two-estates guideline for partner units.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jl-store-private.h"

typedef struct
{
  const char *kind;
  const char *start;
  const char *end;
} DateOrder;

static const DateOrder date_orders[] = {
  { "party_org", "term_start", "term_end" },
  { "partner_unit", "agreement_signed_on", "agreement_term_end" },
  { "unit_estate_link", "since", "until" },
  { "part_time_member", "term_start", "term_end" },
  { "project", "start_on", "end_on" },
  { "meeting", "held_at", "ended_at" },
  { "eval_round", "period_from", "period_to" },
};

static const char *
str (JsonObject *obj,
     const char *name)
{
  JsonNode *node;

  if (!json_object_has_member (obj, name))
    return NULL;
  node = json_object_get_member (obj, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Sets a value both in what is stored and in what is sent. */
static void
set_default (JsonObject *merged,
             JsonObject *changes,
             const char *name,
             JsonNode   *value)
{
  json_object_set_member (changes, name, json_node_copy (value));
  json_object_set_member (merged, name, value);
}

static gboolean
check_date_order (const JlKind  *kind,
                  JsonObject    *merged,
                  GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
    {
      const DateOrder *o = &date_orders[i];
      const char *start, *end;

      if (strcmp (o->kind, kind->name) != 0)
        continue;
      start = str (merged, o->start);
      end = str (merged, o->end);
      /* ISO dates and date-times sort as text. */
      if (start && end && strcmp (end, start) < 0)
        {
          _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, o->end),
                               _("%s is before %s (%s)"), end,
                               jl_field_get_label (jl_kind_lookup_field (kind, o->start)), start);
          return FALSE;
        }
    }
  return TRUE;
}

/* Minutes
 */

/* The meeting that owns a record of @kind with @values, or NULL. */
static JlRecord *
owning_meeting (JlStore       *self,
                const JlKind  *kind,
                JsonObject    *values,
                const char    *id)
{
  const JlKind *meeting = jl_schema_lookup ("meeting");
  g_autoptr(JlRecord) item = NULL;
  const char *meeting_id = NULL;

  if (strcmp (kind->name, "meeting") == 0)
    meeting_id = id;
  else if (strcmp (kind->name, "attendance") == 0 ||
           strcmp (kind->name, "agenda_item") == 0 ||
           strcmp (kind->name, "amendment") == 0)
    meeting_id = str (values, "meeting_id");
  else if (strcmp (kind->name, "decision") == 0)
    {
      const char *item_id = str (values, "agenda_item_id");

      if (item_id == NULL)
        return NULL;
      /* @item owns the meeting id, so it lives as long as this function. */
      item = _jl_store_load (self, jl_schema_lookup ("agenda_item"), item_id, TRUE, NULL);
      if (item == NULL)
        return NULL;
      meeting_id = jl_record_get_string (item, "meeting_id");
    }

  if (meeting_id == NULL)
    return NULL;
  return _jl_store_load (self, meeting, meeting_id, TRUE, NULL);
}

gboolean
_jl_store_is_frozen (JlStore      *self,
                     const JlKind *kind,
                     JsonObject   *values,
                     const char   *id)
{
  g_autoptr(JlRecord) meeting = owning_meeting (self, kind, values, id);

  return meeting != NULL &&
         g_strcmp0 (jl_record_get_string (meeting, "state"), JL_MEETING_APPROVED) == 0;
}

static gint64
count_children (JlStore    *self,
                const char *kind,
                const char *parent_field,
                const char *parent_id,
                const char *extra_where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1 AND deleted = 0 %s",
                                          kind, parent_field, extra_where ? extra_where : "");
  sqlite3_stmt *stmt = _jl_store_prepare (self, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, parent_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
check_meeting_workflow (JlStore       *self,
                        const JlKind  *kind,
                        JlRecord      *old,
                        const char    *id,
                        JsonObject    *merged,
                        JsonObject    *changes,
                        GError       **error)
{
  const char *from = old ? jl_record_get_string (old, "state") : NULL;
  const char *to = str (merged, "state");
  const JlField *state = jl_kind_lookup_field (kind, "state");

  if (from == NULL)
    from = JL_MEETING_DRAFT;
  if (to == NULL)
    {
      g_autoptr(JsonNode) draft = json_node_init_string (json_node_alloc (), JL_MEETING_DRAFT);
      set_default (merged, changes, "state", g_steal_pointer (&draft));
      to = JL_MEETING_DRAFT;
    }

  if (strcmp (from, JL_MEETING_APPROVED) == 0)
    {
      g_autoptr(GList) names = json_object_get_members (changes);

      for (GList *l = names; l; l = l->next)
        if (strcmp (l->data, "is_public") != 0)
          {
            g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                         _("These minutes are approved and can no longer be changed. Add an amendment instead."));
            return FALSE;
          }
      return TRUE;
    }

  if (strcmp (from, to) == 0)
    return TRUE;

  if (strcmp (to, JL_MEETING_SUBMITTED) == 0)
    {
      static const char *const needed[] = { "place", "host_id", "recorder_id" };

      if (strcmp (from, JL_MEETING_DRAFT) != 0)
        goto bad_transition;
      for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
        if (str (merged, needed[i]) == NULL)
          {
            _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, needed[i]),
                                 _("is required before the minutes are submitted"));
            return FALSE;
          }
      if (old == NULL || count_children (self, "attendance", "meeting_id", id, NULL) == 0)
        {
          g_set_error (error, JL_ERROR, JL_ERROR_INVALID,
                       _("Record the attendance before submitting the minutes."));
          return FALSE;
        }
      /* Resubmitted: the last return is dealt with. Its reason must not
       * stand in for the reason of the next return. */
      if (str (merged, "return_reason") != NULL)
        set_default (merged, changes, "return_reason", json_node_init_null (json_node_alloc ()));
      return TRUE;
    }

  if (strcmp (to, JL_MEETING_APPROVED) == 0)
    {
      if (strcmp (from, JL_MEETING_SUBMITTED) != 0)
        {
          _jl_set_field_error (error, kind, state, _("minutes must be submitted before they are approved"));
          return FALSE;
        }
      if (str (merged, "approved_at") == NULL)
        {
          g_autofree char *now = _jl_store_now_string ();
          g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (now, NULL);
          g_autoptr(GDateTime) local = g_date_time_to_local (dt);
          g_autofree char *text = g_date_time_format (local, "%Y-%m-%d %H:%M");

          set_default (merged, changes, "approved_at", json_node_init_string (json_node_alloc (), text));
        }
      return TRUE;
    }

  if (strcmp (to, JL_MEETING_DRAFT) == 0)
    {
      /* Returned by the reviewer: say why. */
      if (str (merged, "return_reason") == NULL)
        {
          _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "return_reason"),
                               _("is required when minutes are returned"));
          return FALSE;
        }
      return TRUE;
    }

bad_transition:
  _jl_set_field_error (error, kind, state, _("cannot go from “%s” to “%s”"),
                       jl_enum_get_label (state, from), jl_enum_get_label (state, to));
  return FALSE;
}

static gboolean
check_frozen (JlStore       *self,
              const JlKind  *kind,
              JlRecord      *old,
              const char    *id,
              JsonObject    *merged,
              JsonObject    *changes,
              GError       **error)
{
  g_autoptr(JlRecord) meeting = NULL;
  gboolean approved;

  if (strcmp (kind->name, "amendment") == 0)
    {
      if (old != NULL)
        {
          g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                       _("Amendments are kept as written; add another amendment instead."));
          return FALSE;
        }
      meeting = owning_meeting (self, kind, merged, id);
      if (meeting == NULL || g_strcmp0 (jl_record_get_string (meeting, "state"), JL_MEETING_APPROVED) != 0)
        {
          g_set_error (error, JL_ERROR, JL_ERROR_INVALID,
                       _("Amendments are for approved minutes; edit the draft directly."));
          return FALSE;
        }
      return TRUE;
    }

  meeting = owning_meeting (self, kind, merged, id);
  approved = meeting != NULL &&
             g_strcmp0 (jl_record_get_string (meeting, "state"), JL_MEETING_APPROVED) == 0;
  if (!approved)
    return TRUE;

  if (old == NULL)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                   _("These minutes are approved and can no longer be changed. Add an amendment instead."));
      return FALSE;
    }

  for (guint i = 0; i < kind->n_fields; i++)
    if ((kind->fields[i].flags & JL_FIELD_FROZEN) && json_object_has_member (changes, kind->fields[i].name))
      {
        g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                     _("%s (%s) is part of approved minutes and can no longer be changed. Add an amendment instead."),
                     jl_field_get_label (&kind->fields[i]), kind->fields[i].name);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_attendance (const JlKind  *kind,
                  JsonObject    *merged,
                  GError       **error)
{
  const char *status = str (merged, "status");

  if (g_strcmp0 (status, "leave") == 0 || g_strcmp0 (status, "absent") == 0)
    if (str (merged, "reason") == NULL)
      {
        _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "reason"),
                             _("is required for someone on leave or absent"));
        return FALSE;
      }
  return TRUE;
}

/* Partner units
 */

static void
warn_links (JlStore    *self,
            JsonObject *merged,
            GPtrArray  *warnings)
{
  const char *unit_id = str (merged, "unit_id");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *extra = g_strdup_printf ("AND (until IS NULL OR until >= '%s')", today);
  gint64 n;

  /* Rules run before the write, so count the new link in. */
  n = count_children (self, "unit_estate_link", "unit_id", unit_id, extra) + 1;
  if (n > 2 && warnings != NULL)
    g_ptr_array_add (warnings,
                     g_strdup_printf (_("This partner unit is now linked to %d estates; the usual practice is one or two."), (int) n));
}

static void
warn_problems (JlStore    *self,
               JlRecord   *old,
               JsonObject *merged,
               GPtrArray  *warnings)
{
  gint64 year = json_object_get_int_member_with_default (merged, "year", 0);
  g_autofree char *extra = g_strdup_printf ("AND year = %" G_GINT64_FORMAT, year);
  gint64 n = count_children (self, "problem", "unit_id", str (merged, "unit_id"), extra) + (old ? 0 : 1);

  if (n > 2 && warnings != NULL)
    g_ptr_array_add (warnings,
                     g_strdup_printf (_("This partner unit now takes on %d prominent problems in %d; the usual practice is one or two a year."),
                                      (int) n, (int) year));
}

/* Evaluation
 */

static gboolean
check_bands (const JlKind  *kind,
             const char    *text,
             GError       **error)
{
  const JlField *field = jl_kind_lookup_field (kind, "bands");
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  JsonArray *array;
  double previous = INFINITY;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    {
      _jl_set_field_error (error, kind, field,
                           _("must be a list like [{\"label\": \"优秀\", \"min\": 90}, …]"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonObject *band;
      JsonNode *min;

      if (!JSON_NODE_HOLDS_OBJECT (e) ||
          str (band = json_node_get_object (e), "label") == NULL ||
          !json_object_has_member (band, "min") ||
          !JSON_NODE_HOLDS_VALUE (min = json_object_get_member (band, "min")) ||
          (json_node_get_value_type (min) != G_TYPE_INT64 && json_node_get_value_type (min) != G_TYPE_DOUBLE))
        {
          _jl_set_field_error (error, kind, field, _("band %u needs a label and a minimum score"), i + 1);
          return FALSE;
        }
      if (json_object_get_double_member (band, "min") >= previous ||
          json_object_get_double_member (band, "min") < 0)
        {
          _jl_set_field_error (error, kind, field,
                               _("band minimums must be at least 0 and go from highest to lowest"));
          return FALSE;
        }
      previous = json_object_get_double_member (band, "min");
    }
  return TRUE;
}

static gboolean
check_eval_template (const JlKind  *kind,
                     JlRecord      *old,
                     JsonObject    *merged,
                     JsonObject    *changes,
                     gboolean       fill_defaults,
                     GError       **error)
{
  /* Not on import: a template restored from an export keeps the options
   * it was exported with, cleared ones included. */
  if (old == NULL && fill_defaults)
    {
      if (!json_object_has_member (merged, "scale"))
        set_default (merged, changes, "scale", json_node_init_string (json_node_alloc (), "score"));
      if (!json_object_has_member (merged, "drop_extremes"))
        set_default (merged, changes, "drop_extremes", json_node_init_boolean (json_node_alloc (), TRUE));
      if (!json_object_has_member (merged, "drop_min_sheets"))
        set_default (merged, changes, "drop_min_sheets", json_node_init_int (json_node_alloc (), 5));
      if (!json_object_has_member (merged, "decimals"))
        set_default (merged, changes, "decimals", json_node_init_int (json_node_alloc (), 2));
      if (!json_object_has_member (merged, "bands"))
        set_default (merged, changes, "bands", json_node_init_string (json_node_alloc (),
                     "[{\"label\":\"优秀\",\"min\":90},{\"label\":\"良好\",\"min\":80},"
                     "{\"label\":\"合格\",\"min\":60},{\"label\":\"不合格\",\"min\":0}]"));
    }
  if (json_object_has_member (changes, "bands") && str (merged, "bands") != NULL)
    return check_bands (kind, str (merged, "bands"), error);
  return TRUE;
}

static JlRecord *
load_ref (JlStore    *self,
          const char *kind,
          JsonObject *merged,
          const char *field)
{
  const char *id = str (merged, field);

  if (id == NULL)
    return NULL;
  return _jl_store_load (self, jl_schema_lookup (kind), id, FALSE, NULL);
}

static gboolean
check_eval_round (JlStore       *self,
                  const JlKind  *kind,
                  JlRecord      *old,
                  JsonObject    *merged,
                  JsonObject    *changes,
                  GError       **error)
{
  g_autoptr(JlRecord) tpl = NULL;
  double total;
  g_autoptr(GError) local_error = NULL;

  if (old == NULL && !json_object_has_member (merged, "state"))
    set_default (merged, changes, "state", json_node_init_string (json_node_alloc (), "preparing"));
  if (!json_object_has_member (changes, "template_id"))
    return TRUE;
  if (old != NULL && count_children (self, "eval_sheet", "round_id", jl_record_get_id (old), NULL) > 0)
    {
      _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "template_id"),
                           _("cannot be changed once score sheets have been entered"));
      return FALSE;
    }

  /* Weights matter only where sheets carry points; a satisfaction or
   * grade round is one choice per sheet and may have no criteria. */
  tpl = load_ref (self, "eval_template", merged, "template_id");
  if (tpl != NULL && g_strcmp0 (jl_record_get_string (tpl, "scale"), "score") != 0 &&
      jl_record_has_value (tpl, "scale"))
    return TRUE;

  total = jl_store_template_weight (self, str (merged, "template_id"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (fabs (total - 100.0) > 0.001)
    {
      _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "template_id"),
                           _("the weights of the template's criteria total %g; they must total 100"),
                           total);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_eval_sheet (JlStore       *self,
                  const JlKind  *kind,
                  JsonObject    *merged,
                  GError       **error)
{
  g_autoptr(JlRecord) round = load_ref (self, "eval_round", merged, "round_id");
  g_autoptr(JlRecord) target = load_ref (self, "eval_target", merged, "target_id");
  g_autoptr(JlRecord) scorer = load_ref (self, "eval_scorer", merged, "scorer_id");
  g_autoptr(JlRecord) tpl = NULL;
  const char *choice = str (merged, "choice");
  const char *scale;

  if (round == NULL)
    return TRUE;  /* reported as a missing parent */

  if (target != NULL && g_strcmp0 (jl_record_get_string (target, "round_id"), jl_record_get_id (round)) != 0)
    {
      _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "target_id"),
                           _("is not evaluated in this round"));
      return FALSE;
    }
  if (scorer != NULL && g_strcmp0 (jl_record_get_string (scorer, "round_id"), jl_record_get_id (round)) != 0)
    {
      _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "scorer_id"),
                           _("does not score in this round"));
      return FALSE;
    }
  if (scorer != NULL && jl_record_get_bool (round, "anonymous"))
    {
      _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "scorer_id"),
                           _("must be empty: the round is anonymous"));
      return FALSE;
    }

  tpl = _jl_store_load (self, jl_schema_lookup ("eval_template"),
                        jl_record_get_string (round, "template_id"), FALSE, NULL);
  scale = tpl ? jl_record_get_string (tpl, "scale") : "score";
  if (choice != NULL)
    {
      static const char *const satisfaction[] = { "satisfied", "basic", "unsatisfied", NULL };
      static const char *const grades[] = { "excellent", "pass", "basic_pass", "fail", NULL };
      const char *const *allowed = g_strcmp0 (scale, "satisfaction") == 0 ? satisfaction
                                 : g_strcmp0 (scale, "grade") == 0 ? grades : NULL;

      if (allowed == NULL || !g_strv_contains (allowed, choice))
        {
          _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "choice"),
                               _("“%s” does not fit this round's scale"),
                               jl_enum_get_label (jl_kind_lookup_field (kind, "choice"), choice));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_eval_score (JlStore       *self,
                  const JlKind  *kind,
                  JsonObject    *merged,
                  GError       **error)
{
  g_autoptr(JlRecord) sheet = load_ref (self, "eval_sheet", merged, "sheet_id");
  g_autoptr(JlRecord) criterion = load_ref (self, "eval_criterion", merged, "criterion_id");
  g_autoptr(JlRecord) round = NULL;
  JsonNode *points;

  if (sheet == NULL || criterion == NULL)
    return TRUE;  /* reported as missing references */

  round = _jl_store_load (self, jl_schema_lookup ("eval_round"),
                          jl_record_get_string (sheet, "round_id"), FALSE, NULL);
  if (round == NULL ||
      g_strcmp0 (jl_record_get_string (round, "template_id"),
                 jl_record_get_string (criterion, "template_id")) != 0)
    {
      _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "criterion_id"),
                           _("is not a criterion of this round's template"));
      return FALSE;
    }

  points = json_object_has_member (merged, "points") ? json_object_get_member (merged, "points") : NULL;
  if (points != NULL && !JSON_NODE_HOLDS_NULL (points))
    {
      double max = jl_record_get_double (criterion, "max_points", 0);
      double p = json_node_get_double (points);

      if (p > max)
        {
          _jl_set_field_error (error, kind, jl_kind_lookup_field (kind, "points"),
                               _("%g is more than the maximum of %g for “%s”"),
                               p, max, jl_record_get_title (criterion));
          return FALSE;
        }
    }
  return TRUE;
}

/* An attachment is its bytes: the checksum names the blob file, so it
 * must be a SHA-256 in lower-case hex, and neither it nor the size changes
 * once the attachment exists (attach another file instead). */
static gboolean
check_attachment (const JlKind  *kind,
                  JlRecord      *old,
                  JsonObject    *merged,
                  JsonObject    *changes,
                  GError       **error)
{
  const JlField *sha = jl_kind_lookup_field (kind, "sha256");
  const char *hash = str (merged, "sha256");

  if (old != NULL && (json_object_has_member (changes, "sha256") || json_object_has_member (changes, "size")))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                   _("The file of an attachment cannot be replaced; attach the new file instead."));
      return FALSE;
    }
  if (hash == NULL || strlen (hash) != 64 || strspn (hash, "0123456789abcdef") != 64)
    {
      _jl_set_field_error (error, kind, sha, _("must be 64 lower-case hexadecimal digits"));
      return FALSE;
    }
  return TRUE;
}

/* SYNC.md scenario 20: a community taken out of the sync account (it was
 * pulled, so it has a cursor, but the account no longer lists it) is
 * read-only here; the changes made before wait in the outbox until it is
 * given back. */
static gboolean
check_community_access (JlStore     *self,
                        const char  *community_id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean lost;

  if (community_id == NULL)
    return TRUE;
  stmt = _jl_store_prepare (self,
                            "SELECT 1 FROM sync_cursor c, sync_account a WHERE c.community_id = ?1"
                            " AND NOT EXISTS (SELECT 1 FROM json_each (a.communities) j WHERE j.value = ?1)",
                            NULL);
  /* Before schema 6 there is no sync bookkeeping to ask. */
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, community_id, -1, SQLITE_STATIC);
  lost = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (lost)
    g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                 _("This community was taken out of your sync account, so its records are read-only on this "
                   "computer. Changes made before are kept and sent if it is given back."));
  return !lost;
}

static const char *
community_of (const JlKind *kind,
              const char   *id,
              JsonObject   *values)
{
  if (strcmp (kind->name, "community") == 0)
    return id;
  return values ? str (values, "community_id") : NULL;
}

gboolean
_jl_store_check_rules (JlStore       *self,
                       const JlKind  *kind,
                       JlRecord      *old,
                       const char    *id,
                       JsonObject    *merged,
                       JsonObject    *changes,
                       GPtrArray     *warnings,
                       GError       **error)
{
  const char *name = kind->name;

  if (!check_date_order (kind, merged, error))
    return FALSE;
  if (!self->importing && !check_community_access (self, community_of (kind, id, merged), error))
    return FALSE;

  if (!self->importing)
    {
      if (strcmp (name, "meeting") == 0 &&
          !check_meeting_workflow (self, kind, old, id, merged, changes, error))
        return FALSE;
      if (strcmp (name, "meeting") != 0 &&
          !check_frozen (self, kind, old, id, merged, changes, error))
        return FALSE;
    }

  if (strcmp (name, "attendance") == 0)
    return check_attendance (kind, merged, error);
  if (strcmp (name, "attachment") == 0)
    return check_attachment (kind, old, merged, changes, error);
  if (strcmp (name, "unit_estate_link") == 0 && old == NULL)
    warn_links (self, merged, warnings);
  if (strcmp (name, "problem") == 0 && json_object_has_member (changes, "year"))
    warn_problems (self, old, merged, warnings);
  if (strcmp (name, "eval_template") == 0)
    return check_eval_template (kind, old, merged, changes, !self->importing, error);
  if (strcmp (name, "eval_round") == 0 && !self->importing)
    return check_eval_round (self, kind, old, merged, changes, error);
  if (strcmp (name, "eval_sheet") == 0)
    return check_eval_sheet (self, kind, merged, error);
  if (strcmp (name, "eval_score") == 0)
    return check_eval_score (self, kind, merged, error);
  return TRUE;
}

gboolean
_jl_store_check_delete (JlStore   *self,
                        JlRecord  *record,
                        GError   **error)
{
  const JlKind *kind = jl_record_get_kind (record);

  if (!check_community_access (self, community_of (kind, jl_record_get_id (record), jl_record_get_values (record)),
                               error))
    return FALSE;
  if (strcmp (kind->name, "amendment") == 0)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                   _("Amendments are kept as written and cannot be deleted."));
      return FALSE;
    }
  if (_jl_store_is_frozen (self, kind, jl_record_get_values (record), jl_record_get_id (record)))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                   _("These minutes are approved and can no longer be changed. Add an amendment instead."));
      return FALSE;
    }
  return TRUE;
}

/* Rules that need the children of a nested put in place. */
gboolean
_jl_store_check_after_children (JlStore      *self,
                                const JlKind *kind,
                                const char   *id,
                                JsonObject   *children,
                                GError      **error)
{
  if (strcmp (kind->name, "eval_template") == 0 && json_object_has_member (children, "eval_criterion"))
    {
      double total = jl_store_template_weight (self, id, NULL);

      if (fabs (total - 100.0) > 0.001)
        {
          g_set_error (error, JL_ERROR, JL_ERROR_INVALID,
                       _("The weights of the criteria total %g; they must total 100."), total);
          return FALSE;
        }
    }
  return TRUE;
}

double
jl_store_template_weight (JlStore     *self,
                          const char  *template_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  double total = 0;

  g_return_val_if_fail (JL_IS_STORE (self), 0);

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self,
                            "SELECT coalesce (sum (weight), 0) FROM eval_criterion"
                            " WHERE template_id = ?1 AND deleted = 0", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, template_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        total = sqlite3_column_double (stmt, 0);
      sqlite3_reset (stmt);
    }
  g_rec_mutex_unlock (&self->lock);
  return total;
}
