/* jl-minutes-doc.c: the text of printed minutes
 *
 * Every phrase goes through gettext: the English strings are placeholders
 * for the Chinese ones the document is really written in (zh_CN.po gives
 * "应到%u人", "%s（%s）", "%d年%d月%d日"…), so an English desktop still gets
 * a readable page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlMinutesDoc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "jl-minutes-doc.h"

/* Blocks */

static void
block_free (JlMinutesBlock *block)
{
  g_free (block->label);
  g_free (block->text);
  g_free (block);
}

static void
add_block (JlMinutesDoc       *doc,
           JlMinutesBlockKind  kind,
           const char         *label,
           const char         *text)
{
  JlMinutesBlock *block = g_new0 (JlMinutesBlock, 1);

  block->kind = kind;
  block->label = g_strdup (label);
  block->text = g_strdup (text ? text : "");
  g_ptr_array_add (doc->blocks, block);
}

/* A FIELD or STEP only when there is something to say. */
static void
add_labelled (JlMinutesDoc       *doc,
              JlMinutesBlockKind  kind,
              const char         *label,
              const char         *text)
{
  if (text != NULL && *text != '\0')
    add_block (doc, kind, label, text);
}

void
jl_minutes_doc_free (JlMinutesDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

/* Dates and times */

static gboolean
parse_iso (const char *iso,
           GDate      *date,
           int        *hour,
           int        *minute)
{
  int y, m, d;
  int n;

  *hour = *minute = -1;
  if (iso == NULL)
    return FALSE;
  n = sscanf (iso, "%d-%d-%d %d:%d", &y, &m, &d, hour, minute);
  if (n < 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (n < 5)
    *hour = *minute = -1;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
date_text (const GDate *date)
{
  /* TRANSLATORS: a date in printed minutes: year, month, day (zh_CN: %d年%d月%d日) */
  return g_strdup_printf (C_("minutes date", "%d-%d-%d"), g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

char *
jl_minutes_format_date (const char *iso)
{
  GDate date;
  int hour, minute;

  if (!parse_iso (iso, &date, &hour, &minute))
    return g_strdup (iso ? iso : "");
  return date_text (&date);
}

static const char *
weekday_text (const GDate *date)
{
  static const char *const names[] = {
    NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
    NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
    NC_("weekday", "Sunday"),
  };

  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday", names[g_date_get_weekday (date) - 1]);
}

/* 0 morning, 1 noon, 2 afternoon, 3 evening: as the hour is said aloud. */
static int
day_part (int hour)
{
  return hour < 12 ? 0 : hour < 13 ? 1 : hour < 18 ? 2 : 3;
}

static char *
clock_text (int      hour,
            int      minute,
            gboolean with_part)
{
  int h12 = hour > 12 ? hour - 12 : hour;

  if (!with_part)
    return g_strdup_printf ("%d:%02d", h12, minute);
  switch (day_part (hour))
    {
    case 0:
      /* TRANSLATORS: a time before noon in printed minutes (zh_CN: 上午%d:%02d) */
      return g_strdup_printf (C_("minutes time", "%d:%02d in the morning"), h12, minute);
    case 1:
      /* TRANSLATORS: a time between 12:00 and 13:00 (zh_CN: 中午%d:%02d) */
      return g_strdup_printf (C_("minutes time", "%d:%02d at noon"), h12, minute);
    case 2:
      /* TRANSLATORS: an afternoon time, 12-hour clock (zh_CN: 下午%d:%02d) */
      return g_strdup_printf (C_("minutes time", "%d:%02d in the afternoon"), h12, minute);
    default:
      /* TRANSLATORS: an evening time, 12-hour clock (zh_CN: 晚上%d:%02d) */
      return g_strdup_printf (C_("minutes time", "%d:%02d in the evening"), h12, minute);
    }
}

static char *
day_text (const GDate *date)
{
  g_autofree char *d = date_text (date);

  /* TRANSLATORS: a date and its weekday (zh_CN: %s（%s）) */
  return g_strdup_printf (C_("minutes time", "%s (%s)"), d, weekday_text (date));
}

char *
jl_minutes_format_time (const char *held_at,
                        const char *ended_at)
{
  GDate start, end;
  int sh, sm, eh, em;
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (!parse_iso (held_at, &start, &sh, &sm))
    return g_strdup (held_at ? held_at : "");
  day = day_text (&start);
  if (sh < 0)
    return g_steal_pointer (&day);
  from = clock_text (sh, sm, TRUE);

  if (!parse_iso (ended_at, &end, &eh, &em) || eh < 0 || g_date_compare (&end, &start) < 0)
    /* TRANSLATORS: a date and a time (zh_CN: %s%s) */
    return g_strdup_printf (C_("minutes time", "%s %s"), day, from);

  if (g_date_compare (&end, &start) > 0)
    {
      g_autofree char *end_day = day_text (&end);
      g_autofree char *end_clock = clock_text (eh, em, TRUE);

      to = g_strdup_printf (C_("minutes time", "%s %s"), end_day, end_clock);
    }
  else
    /* "上午9:00—11:00": the part of the day is said once if it is the same. */
    to = clock_text (eh, em, day_part (eh) != day_part (sh));

  /* TRANSLATORS: date, start and end of a meeting (zh_CN: %s%s—%s) */
  return g_strdup_printf (C_("minutes time", "%s %s–%s"), day, from, to);
}

/* Attendance */

typedef struct
{
  GPtrArray *who;       /* "王主任：外出开会" or "王主任" */
  gboolean   reasons;   /* whether any entry has a reason */
} Tally;

static void
tally_add (Tally      *t,
           const char *name,
           const char *reason)
{
  if (reason != NULL && *reason != '\0')
    {
      /* TRANSLATORS: a name and the reason for leave or absence (zh_CN: %s：%s) */
      g_ptr_array_add (t->who, g_strdup_printf (C_("minutes", "%s: %s"), name, reason));
      t->reasons = TRUE;
    }
  else
    g_ptr_array_add (t->who, g_strdup (name));
}

/* "，请假1人（王主任：外出开会）", or nothing when nobody is counted. */
static void
append_group (GString     *line,
              const char  *count,
              Tally       *t)
{
  g_autofree char *who = NULL;

  if (t->who->len == 0)
    return;
  g_ptr_array_add (t->who, NULL);
  /* Names with reasons read better apart: "王主任：外出开会；李明：病假". */
  who = g_strjoinv (t->reasons ? C_("minutes", "; ") : C_("minutes", ", "), (char **) t->who->pdata);
  g_ptr_array_remove_index (t->who, t->who->len - 1);
  /* TRANSLATORS: separates the parts of the attendance line (zh_CN: ，) */
  g_string_append (line, C_("minutes tally", ", "));
  /* TRANSLATORS: a count and the names it counts (zh_CN: %s（%s）) */
  g_string_append_printf (line, C_("minutes", "%s (%s)"), count, who);
}

static gboolean
is_expected (JlRecord *record)
{
  const char *role = jl_record_get_string (record, "role");

  return role == NULL || strcmp (role, "due") == 0;
}

char *
jl_minutes_format_tally (GPtrArray *attendance)
{
  Tally leave = { 0 }, absent = { 0 }, late = { 0 };
  guint due = 0, present = 0;
  GString *line;
  char *count;

  leave.who = g_ptr_array_new_with_free_func (g_free);
  absent.who = g_ptr_array_new_with_free_func (g_free);
  late.who = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; attendance && i < attendance->len; i++)
    {
      JlRecord *r = attendance->pdata[i];
      const char *status = jl_record_get_string (r, "status");
      const char *name = jl_record_get_string (r, "name");
      const char *reason = jl_record_get_string (r, "reason");

      if (!is_expected (r))
        continue;
      due++;
      if (g_strcmp0 (status, "leave") == 0)
        tally_add (&leave, name, reason);
      else if (g_strcmp0 (status, "absent") == 0)
        tally_add (&absent, name, reason);
      else
        {
          present++;
          if (g_strcmp0 (status, "late") == 0)
            tally_add (&late, name, NULL);
        }
    }

  line = g_string_new (NULL);
  /* TRANSLATORS: people expected at a meeting (zh_CN: 应到%u人) */
  g_string_append_printf (line, C_("minutes tally", "%u expected"), due);
  g_string_append (line, C_("minutes tally", ", "));
  /* TRANSLATORS: people who came (zh_CN: 实到%u人) */
  g_string_append_printf (line, C_("minutes tally", "%u present"), present);
  /* TRANSLATORS: people excused (zh_CN: 请假%u人) */
  count = g_strdup_printf (C_("minutes tally", "%u on leave"), leave.who->len);
  append_group (line, count, &leave);
  g_free (count);
  /* TRANSLATORS: people absent without leave (zh_CN: 缺席%u人) */
  count = g_strdup_printf (C_("minutes tally", "%u absent"), absent.who->len);
  append_group (line, count, &absent);
  g_free (count);
  /* TRANSLATORS: people who came late (zh_CN: 迟到%u人) */
  count = g_strdup_printf (C_("minutes tally", "%u late"), late.who->len);
  append_group (line, count, &late);
  g_free (count);

  g_ptr_array_unref (leave.who);
  g_ptr_array_unref (absent.who);
  g_ptr_array_unref (late.who);
  return g_string_free (line, FALSE);
}

/* Names present, late ones marked; observers and guests for 列席. */
static char *
names_of (GPtrArray *attendance,
          gboolean   expected)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; attendance && i < attendance->len; i++)
    {
      JlRecord *r = attendance->pdata[i];
      const char *status = jl_record_get_string (r, "status");

      if (is_expected (r) != expected ||
          g_strcmp0 (status, "leave") == 0 || g_strcmp0 (status, "absent") == 0)
        continue;
      if (s->len > 0)
        g_string_append (s, C_("minutes", ", "));
      if (g_strcmp0 (status, "late") == 0)
        /* TRANSLATORS: someone who came late (zh_CN: %s（迟到）) */
        g_string_append_printf (s, C_("minutes", "%s (late)"), jl_record_get_string (r, "name"));
      else
        g_string_append (s, jl_record_get_string (r, "name"));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The document */

static const char *
name_of (const JlMinutesSource *source,
         JlRecord              *record,
         const char            *field)
{
  const char *id = jl_record_get_string (record, field);
  const char *name = id && source->names ? g_hash_table_lookup (source->names, id) : NULL;

  return name ? name : id;
}

static const char *
label (const char *kind,
       const char *field)
{
  return jl_field_get_label (jl_kind_lookup_field (jl_schema_lookup (kind), field));
}

/* 一, 二 … 九十九 in Chinese; 1, 2 … elsewhere (the translation decides). */
static char *
item_number (guint n)
{
  static const char *const digits[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
  /* TRANSLATORS: "chinese" numbers agenda items 一、二、; anything else 1. 2. */
  const char *style = C_("minutes numbering", "arabic");

  if (strcmp (style, "chinese") != 0 || n == 0 || n > 99)
    return g_strdup_printf ("%u. ", n);
  if (n < 10)
    return g_strdup_printf ("%s、", digits[n]);
  return g_strdup_printf ("%s十%s、", n >= 20 ? digits[n / 10] : "", digits[n % 10]);
}

static void
add_header (JlMinutesDoc          *doc,
            const JlMinutesSource *source)
{
  JlRecord *m = source->meeting;
  const JlField *type = jl_kind_lookup_field (jl_record_get_kind (m), "meeting_type");
  const char *state = jl_record_get_string (m, "state");
  const char *community = name_of (source, m, "community_id");
  const char *type_label = jl_enum_get_label (type, jl_record_get_string (m, "meeting_type"));
  g_autofree char *subtitle = NULL;

  add_block (doc, JL_MINUTES_BLOCK_TITLE, NULL, doc->title);
  /* TRANSLATORS: under the title: community and kind of meeting (zh_CN: %s %s记录) */
  subtitle = g_strdup_printf (C_("minutes", "%s, %s record"), community ? community : "",
                              type_label ? type_label : "");
  if (g_strcmp0 (state, "approved") != 0)
    {
      g_autofree char *with_state = NULL;
      const JlField *state_field = jl_kind_lookup_field (jl_record_get_kind (m), "state");

      /* TRANSLATORS: the subtitle and the state of unapproved minutes (zh_CN: %s（%s）) */
      with_state = g_strdup_printf (C_("minutes", "%s (%s)"), subtitle,
                                    jl_enum_get_label (state_field, state ? state : "draft"));
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_state);
    }
  add_block (doc, JL_MINUTES_BLOCK_SUBTITLE, NULL, g_strstrip (subtitle));
}

static void
add_fields (JlMinutesDoc          *doc,
            const JlMinutesSource *source)
{
  JlRecord *m = source->meeting;
  g_autofree char *time = jl_minutes_format_time (jl_record_get_string (m, "held_at"),
                                                  jl_record_get_string (m, "ended_at"));
  g_autofree char *tally = jl_minutes_format_tally (source->attendance);
  g_autofree char *present = names_of (source->attendance, TRUE);
  g_autofree char *observers = names_of (source->attendance, FALSE);
  const char *observer_text = jl_record_get_string (m, "observers");

  /* TRANSLATORS: labels of the printed minutes' header lines */
  add_labelled (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Time"), time);
  add_labelled (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Place"), jl_record_get_string (m, "place"));
  add_labelled (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Host"), name_of (source, m, "host_id"));
  add_labelled (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Recorder"), name_of (source, m, "recorder_id"));
  add_labelled (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Lecturer"), jl_record_get_string (m, "lecturer"));
  if (source->attendance != NULL && source->attendance->len > 0)
    add_block (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Attendance"), tally);
  add_labelled (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Present"), present);

  if (observer_text != NULL && *observers != '\0')
    {
      g_autofree char *both = g_strdup_printf ("%s%s%s", observers, C_("minutes", ", "), observer_text);
      add_block (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Observers"), both);
    }
  else
    add_labelled (doc, JL_MINUTES_BLOCK_FIELD, C_("minutes", "Observers"),
                  observer_text ? observer_text : observers);
}

static void
add_decision (JlMinutesDoc          *doc,
              const JlMinutesSource *source,
              JlRecord              *decision,
              guint                  n)
{
  g_autoptr(GString) details = g_string_new (NULL);
  const char *lead = name_of (source, decision, "lead_unit_id");
  const char *owner = jl_record_get_string (decision, "owner");
  g_autofree char *due = jl_minutes_format_date (jl_record_get_string (decision, "due_on"));
  g_autofree char *text = NULL;
  const char *parts[3][2] = {
    /* TRANSLATORS: details of a decision in printed minutes */
    { C_("minutes", "Lead unit"), lead ? lead : name_of (source, decision, "lead_org_id") },
    { C_("minutes", "Responsible"), owner },
    { C_("minutes", "Deadline"), *due ? due : NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i][1] != NULL && *parts[i][1] != '\0')
      {
        if (details->len > 0)
          g_string_append (details, C_("minutes", "; "));
        g_string_append_printf (details, C_("minutes", "%s: %s"), parts[i][0], parts[i][1]);
      }
  if (details->len > 0)
    {
      g_autofree char *with = g_strdup_printf (C_("minutes", "%s (%s)"),
                                               jl_record_get_string (decision, "text"), details->str);
      /* TRANSLATORS: a numbered entry: number and text (zh_CN: %u. %s) */
      text = g_strdup_printf (C_("minutes", "%u. %s"), n, with);
    }
  else
    text = g_strdup_printf (C_("minutes", "%u. %s"), n, jl_record_get_string (decision, "text"));
  add_block (doc, JL_MINUTES_BLOCK_ENTRY, NULL, text);
}

static void
add_votes (JlMinutesDoc *doc,
           JlRecord     *item)
{
  g_autofree char *votes = NULL;

  if (!jl_record_has_value (item, "votes_yes") && !jl_record_has_value (item, "votes_no") &&
      !jl_record_has_value (item, "votes_abstain"))
    return;
  /* TRANSLATORS: a vote (zh_CN: 同意%d票，反对%d票，弃权%d票) */
  votes = g_strdup_printf (C_("minutes", "%d for, %d against, %d abstaining"),
                           (int) jl_record_get_int (item, "votes_yes", 0),
                           (int) jl_record_get_int (item, "votes_no", 0),
                           (int) jl_record_get_int (item, "votes_abstain", 0));
  add_block (doc, JL_MINUTES_BLOCK_STEP, C_("minutes", "Vote"), votes);
}

static void
add_item (JlMinutesDoc          *doc,
          const JlMinutesSource *source,
          JlRecord              *item,
          guint                  n)
{
  static const char *const steps[] = { "step_consult", "step_plan", "step_execute", "step_feedback" };
  g_autofree char *number = item_number (n);
  g_autofree char *title = NULL;
  const char *presenter = jl_record_get_string (item, "presenter");
  guint n_decisions = 0;

  if (presenter != NULL)
    {
      g_autofree char *who = g_strdup_printf (C_("minutes", "%s: %s"), C_("minutes", "Presented by"), presenter);
      title = g_strdup_printf (C_("minutes", "%s (%s)"), jl_record_get_string (item, "title"), who);
    }
  else
    title = g_strdup (jl_record_get_string (item, "title"));
  {
    g_autofree char *numbered = g_strconcat (number, title, NULL);
    add_block (doc, JL_MINUTES_BLOCK_ITEM, NULL, numbered);
  }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    add_labelled (doc, JL_MINUTES_BLOCK_STEP, label ("agenda_item", steps[i]),
                  jl_record_get_string (item, steps[i]));
  add_votes (doc, item);

  for (guint i = 0; source->decisions && i < source->decisions->len; i++)
    {
      JlRecord *d = source->decisions->pdata[i];

      if (g_strcmp0 (jl_record_get_string (d, "agenda_item_id"), jl_record_get_id (item)) != 0)
        continue;
      if (n_decisions == 0)
        add_block (doc, JL_MINUTES_BLOCK_STEP, C_("minutes", "Decisions"), "");
      add_decision (doc, source, d, ++n_decisions);
    }
}

static void
add_summary (JlMinutesDoc *doc,
             JlRecord     *meeting)
{
  const char *summary = jl_record_get_string (meeting, "summary");
  g_auto(GStrv) paragraphs = NULL;

  if (summary == NULL)
    return;
  add_block (doc, JL_MINUTES_BLOCK_HEADING, NULL, C_("minutes", "Summary"));
  paragraphs = g_strsplit (summary, "\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    if (*g_strstrip (paragraphs[i]) != '\0')
      add_block (doc, JL_MINUTES_BLOCK_PARAGRAPH, NULL, paragraphs[i]);
}

static char *
amendment_text (JlRecord *a,
                guint     n)
{
  const char *field = jl_record_get_string (a, "field");
  const char *target = jl_record_get_string (a, "target_kind");
  const JlField *f = field ? jl_kind_lookup_field (jl_schema_lookup ("meeting"), field) : NULL;
  /* A correction of a part (attendance, an agenda item…) names the part. */
  const JlKind *k = field == NULL && target != NULL ? jl_schema_lookup (target) : NULL;
  const char *what = f ? jl_field_get_label (f)
                     : k ? g_dgettext (GETTEXT_PACKAGE, k->label_plural) : field;
  const char *old = jl_record_get_string (a, "old_value");
  const char *author = jl_record_get_string (a, "author");
  g_autofree char *made_on = jl_minutes_format_date (jl_record_get_string (a, "made_on"));
  g_autoptr(GString) s = g_string_new (NULL);

  if (*made_on != '\0')
    g_string_append_printf (s, C_("minutes", "%s: "), made_on);
  if (what != NULL && old != NULL)
    /* TRANSLATORS: zh_CN: “%s”由“%s”更正为“%s”。 */
    g_string_append_printf (s, C_("minutes", "“%s” corrected from “%s” to “%s”."), what, old,
                            jl_record_get_string (a, "new_value"));
  else if (what != NULL)
    /* TRANSLATORS: zh_CN: “%s”更正为“%s”。 */
    g_string_append_printf (s, C_("minutes", "“%s” corrected to “%s”."), what,
                            jl_record_get_string (a, "new_value"));
  else
    /* TRANSLATORS: zh_CN: 更正为“%s”。 */
    g_string_append_printf (s, C_("minutes", "Corrected to “%s”."), jl_record_get_string (a, "new_value"));
  /* TRANSLATORS: zh_CN: 原因：%s */
  g_string_append_printf (s, C_("minutes", " Reason: %s"), jl_record_get_string (a, "reason"));
  if (author != NULL)
    /* TRANSLATORS: zh_CN: （更正人：%s） */
    g_string_append_printf (s, C_("minutes", " (corrected by %s)"), author);
  return g_strdup_printf (C_("minutes", "%u. %s"), n, s->str);
}

static void
add_closing (JlMinutesDoc          *doc,
             const JlMinutesSource *source)
{
  JlRecord *m = source->meeting;
  g_autofree char *approved_at = NULL;
  g_autofree char *line = NULL;

  for (guint i = 0; source->amendments && i < source->amendments->len; i++)
    {
      g_autofree char *text = amendment_text (source->amendments->pdata[i], i + 1);

      if (i == 0)
        add_block (doc, JL_MINUTES_BLOCK_HEADING, NULL, C_("minutes", "Amendments"));
      add_block (doc, JL_MINUTES_BLOCK_ENTRY, NULL, text);
    }

  if (g_strcmp0 (jl_record_get_string (m, "state"), "approved") != 0)
    return;
  approved_at = jl_minutes_format_date (jl_record_get_string (m, "approved_at"));
  if (jl_record_get_string (m, "approved_by") != NULL)
    /* TRANSLATORS: zh_CN: 审核人：%s　审核日期：%s */
    line = g_strdup_printf (C_("minutes", "Approved by %s on %s"),
                            jl_record_get_string (m, "approved_by"), approved_at);
  else
    /* TRANSLATORS: zh_CN: 审核日期：%s */
    line = g_strdup_printf (C_("minutes", "Approved on %s"), approved_at);
  add_block (doc, JL_MINUTES_BLOCK_SIGNATURE, NULL, line);
}

JlMinutesDoc *
jl_minutes_doc_build (const JlMinutesSource *source)
{
  JlMinutesDoc *doc;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (JL_IS_RECORD (source->meeting), NULL);

  doc = g_new0 (JlMinutesDoc, 1);
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->title = g_strdup (jl_record_get_string (source->meeting, "title"));
  if (doc->title == NULL)
    doc->title = g_strdup (C_("minutes", "Minutes"));

  add_header (doc, source);
  add_fields (doc, source);

  if (source->agenda_items != NULL && source->agenda_items->len > 0)
    {
      add_block (doc, JL_MINUTES_BLOCK_HEADING, NULL, C_("minutes", "Agenda"));
      for (guint i = 0; i < source->agenda_items->len; i++)
        add_item (doc, source, source->agenda_items->pdata[i], i + 1);
    }
  add_summary (doc, source->meeting);
  add_closing (doc, source);
  return doc;
}

char *
jl_minutes_doc_to_text (const JlMinutesDoc *doc)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (doc != NULL, NULL);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      JlMinutesBlock *b = doc->blocks->pdata[i];

      if (b->label != NULL)
        g_string_append_printf (s, C_("minutes", "%s: %s"), b->label, b->text);
      else
        g_string_append (s, b->text);
      g_string_append_c (s, '\n');
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Loading */

static GPtrArray *
list_children (JlStore     *store,
               const char  *kind,
               const char  *parent_field,
               const char  *parent_id,
               const char  *order_by,
               GError     **error)
{
  JlQuery query = { .filters = { { parent_field, parent_id } }, .order_by = order_by };

  return jl_store_list (store, kind, &query, error);
}

/* Names of the records @record refers to, into @names. */
static void
collect_names (JlStore    *store,
               JlRecord   *record,
               GHashTable *names)
{
  const JlKind *kind = jl_record_get_kind (record);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JlField *f = &kind->fields[i];
      const char *id = jl_record_get_string (record, f->name);
      g_autoptr(JlRecord) target = NULL;

      if (f->type != JL_FIELD_REF || id == NULL || g_hash_table_contains (names, id) ||
          ((f->flags & JL_FIELD_PARENT) && strcmp (f->ref_kind, "community") != 0))
        continue;
      target = jl_store_get (store, f->ref_kind, id, NULL);
      if (target != NULL)
        g_hash_table_insert (names, g_strdup (id), g_strdup (jl_record_get_title (target)));
    }
}

JlMinutesDoc *
jl_minutes_doc_load (JlStore     *store,
                     const char  *meeting_id,
                     GError     **error)
{
  g_autoptr(JlRecord) meeting = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) decisions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) amendments = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JlMinutesSource source = { 0 };

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  meeting = jl_store_get (store, "meeting", meeting_id, error);
  if (meeting == NULL ||
      !(attendance = list_children (store, "attendance", "meeting_id", meeting_id, "id", error)) ||
      !(items = list_children (store, "agenda_item", "meeting_id", meeting_id, "position", error)) ||
      !(amendments = list_children (store, "amendment", "meeting_id", meeting_id, "id", error)))
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GPtrArray) some = list_children (store, "decision", "agenda_item_id",
                                                 jl_record_get_id (items->pdata[i]), "id", error);
      if (some == NULL)
        return NULL;
      for (guint j = 0; j < some->len; j++)
        {
          collect_names (store, some->pdata[j], names);
          g_ptr_array_add (decisions, g_object_ref (some->pdata[j]));
        }
    }
  collect_names (store, meeting, names);

  source.meeting = meeting;
  source.attendance = attendance;
  source.agenda_items = items;
  source.decisions = decisions;
  source.amendments = amendments;
  source.names = names;
  return jl_minutes_doc_build (&source);
}
