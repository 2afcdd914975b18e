/* jl-demo-meetings.c: demo meetings with attendance, agendas, decisions and minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "JlDemo"

#include <string.h>

#include "jl-demo-private.h"

/* Meetings
 */

typedef enum
{
  MEETING_JOINT,
  MEETING_COMMITTEE,
  MEETING_GENERAL,
  MEETING_SELF_GOV,
  MEETING_CO_GOV,
} MeetingKind;

static const char *const meeting_types[] = {
  "joint", "committee", "general", "self_gov", "co_gov",
};
static const char *const cn_numbers[] = { "一", "二", "三", "四" };

typedef struct
{
  guint due;
  guint present;
  guint leave;
  guint absent;
} Tally;

/* What one meeting is about. */
typedef struct
{
  MeetingKind     kind;
  const GDate    *date;
  const Estate   *estate;
  const Unit     *unit;
  const Branch   *branch;
  JsonObject     *obj;
  Tally           tally;
  guint           n_items;
  guint           n_decisions;
  const char     *first_item;
} Meeting;

static void
add_attendance (Demo              *d,
                Meeting           *m,
                const Participant *p,
                const char        *role,
                gboolean           sure)
{
  JsonObject *row = _jl_demo_child_new (d, m->obj, "attendance", TRUE, NULL);
  guint roll = sure ? 0 : rng_below (&d->rng, 100);
  const char *status = roll < 82 ? "present" : roll < 87 ? "late" : roll < 96 ? "leave" : "absent";

  _jl_demo_set_str (row, "person_id", p->person_id);
  _jl_demo_set_str (row, "unit_id", p->unit_id);
  _jl_demo_set_str (row, "name", p->name);
  _jl_demo_set_str (row, "role", role);
  _jl_demo_set_str (row, "status", status);
  if (strcmp (status, "leave") == 0)
    _jl_demo_set_str (row, "reason", PICK (&d->rng, _jl_demo_leave_reasons));
  else if (strcmp (status, "absent") == 0)
    _jl_demo_set_str (row, "reason", PICK (&d->rng, _jl_demo_absent_reasons));

  /* 应到/实到 count those expected, not observers or guests. */
  if (strcmp (role, "due") != 0)
    return;
  m->tally.due++;
  if (roll < 87)
    m->tally.present++;
  else if (roll < 96)
    m->tally.leave++;
  else
    m->tally.absent++;
}

/* Up to @k committee members other than @skip_a and @skip_b. */
static void
add_members (Demo      *d,
             Community *c,
             Meeting   *m,
             guint      skip_a,
             guint      skip_b,
             guint      k)
{
  guint order[MAX_LOCAL];

  _jl_demo_pick_distinct (&d->rng, c->members->len, c->members->len, order);
  for (guint i = 0; i < c->members->len && k > 0; i++)
    if (order[i] != skip_a && order[i] != skip_b)
      {
        add_attendance (d, m, &g_array_index (c->members, Participant, order[i]), "due", FALSE);
        k--;
      }
}

static void
add_branch_secretaries (Demo      *d,
                        Community *c,
                        Meeting   *m,
                        guint      k)
{
  guint order[MAX_LOCAL];

  /* The secretary of the estate under discussion presents it. */
  add_attendance (d, m, &m->branch->secretary, "due", TRUE);
  k = MIN (k, c->branches->len);
  _jl_demo_pick_distinct (&d->rng, c->branches->len, k, order);
  for (guint i = 1; i < k; i++)
    {
      const Branch *br = &g_array_index (c->branches, Branch, order[i]);

      if (br != m->branch)
        add_attendance (d, m, &br->secretary, "due", FALSE);
    }
}

static void
add_unit_reps (Demo      *d,
               Community *c,
               Meeting   *m,
               guint      k)
{
  guint order[MAX_LOCAL];
  Participant rep = { 0 };

  rep.name = m->unit->liaison;
  rep.unit_id = m->unit->id;
  add_attendance (d, m, &rep, "due", FALSE);
  k = MIN (k, c->units->len);
  _jl_demo_pick_distinct (&d->rng, c->units->len, k, order);
  for (guint i = 1; i < k; i++)
    {
      const Unit *u = &g_array_index (c->units, Unit, order[i]);

      if (u == m->unit)
        continue;
      rep.name = u->liaison;
      rep.unit_id = u->id;
      add_attendance (d, m, &rep, "due", FALSE);
    }
}

static void
add_guests (Demo    *d,
            Meeting *m,
            guint    n_residents)
{
  Participant p = { 0 };

  if (m->estate->manager != NULL)
    {
      p.name = m->estate->manager;
      add_attendance (d, m, &p, "guest", FALSE);
    }
  if (m->estate->oc_chair != NULL && m->estate->oc_chair != m->branch->secretary.name)
    {
      p.name = m->estate->oc_chair;
      add_attendance (d, m, &p, "guest", FALSE);
    }
  for (guint i = 0; i < n_residents; i++)
    {
      p.name = _jl_demo_person_name (d, rng_chance (&d->rng, 50));
      add_attendance (d, m, &p, "due", FALSE);
    }
}

/* Past deadlines are mostly met; open ones are under way. */
static const char *
decision_status (Demo        *d,
                 const GDate *due,
                 double      *progress)
{
  guint roll = rng_below (&d->rng, 100);

  *progress = 0;
  if (g_date_compare (due, &d->today) < 0)
    {
      if (roll < 75)
        {
          *progress = 100;
          return "done";
        }
      if (roll < 95)
        {
          *progress = rng_range (&d->rng, 50, 90);
          return "delayed";
        }
      *progress = rng_range (&d->rng, 0, 30);
      return "cancelled";
    }
  if (roll < 70)
    {
      *progress = rng_range (&d->rng, 10, 80);
      return "in_progress";
    }
  return "not_started";
}

/* A deliberation with the four steps and one or two decisions. */
static void
add_deliberation (Demo        *d,
                  Meeting     *m,
                  const Topic *t)
{
  JsonObject *item = _jl_demo_child_new (d, m->obj, "agenda_item", TRUE, NULL);
  const char *values[5] = { m->estate->name, m->unit->name,
                            m->estate->company ? m->estate->company->name : "小区物业服务中心",
                            m->branch->secretary.name, NULL };
  guint n = rng_range (&d->rng, 1, 2);
  gboolean all_done = TRUE;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *dec = _jl_demo_child_new (d, item, "decision", TRUE, NULL);
      GDate due = _jl_demo_days_from (m->date, (int) rng_range (&d->rng, 20, 120));
      GDate disclosed = _jl_demo_days_from (m->date, (int) rng_range (&d->rng, 1, 3));
      GDate result = _jl_demo_days_from (&due, (int) rng_range (&d->rng, 1, 7));
      double progress;
      const char *status = decision_status (d, &due, &progress);

      values[4] = _jl_demo_cn_date_str (d, &due);
      _jl_demo_set_str (dec, "text", _jl_demo_expand (d, i == 0 ? t->decision_a : t->decision_b,
                                                      "EUPBD", values));
      if (rng_chance (&d->rng, 50))
        _jl_demo_set_str (dec, "lead_unit_id", m->unit->id);
      else
        _jl_demo_set_str (dec, "lead_org_id", m->branch->id);
      _jl_demo_set_str (dec, "owner", rng_chance (&d->rng, 50) ? m->branch->secretary.name
                                                               : m->unit->liaison);
      _jl_demo_set_date (d, dec, "due_on", &due);
      _jl_demo_set_str (dec, "status", status);
      _jl_demo_set_real (dec, "progress", progress);
      if (strcmp (status, "cancelled") == 0)
        _jl_demo_set_str (dec, "feedback", "经复议，该事项暂缓实施。");
      else if (progress > 0)
        _jl_demo_set_str (dec, "feedback", _jl_demo_expand (d, progress == 100 ? t->done : t->pending,
                                                            "EUPBD", values));
      if (g_date_compare (&disclosed, &d->today) <= 0)
        _jl_demo_set_date (d, dec, "decision_disclosed_on", &disclosed);
      if (progress == 100 && g_date_compare (&result, &d->today) <= 0)
        _jl_demo_set_date (d, dec, "result_disclosed_on", &result);
      all_done = all_done && progress == 100;
      m->n_decisions++;
    }

  values[4] = _jl_demo_cn_date_str (d, m->date);
  _jl_demo_set_int (item, "position", ++m->n_items);
  _jl_demo_set_str (item, "title", _jl_demo_expand (d, t->title, "EUPBD", values));
  _jl_demo_set_str (item, "presenter", m->branch->secretary.name);
  _jl_demo_set_str (item, "item_kind", "deliberation");
  _jl_demo_set_str (item, "step_consult", _jl_demo_expand (d, t->consult, "EUPBD", values));
  _jl_demo_set_str (item, "step_plan", _jl_demo_expand (d, t->plan, "EUPBD", values));
  _jl_demo_set_str (item, "step_execute", _jl_demo_expand (d, t->execute, "EUPBD", values));
  _jl_demo_set_str (item, "step_feedback", _jl_demo_expand (d, all_done ? t->done : t->pending,
                                                            "EUPBD", values));
  if (m->first_item == NULL)
    m->first_item = json_object_get_string_member (item, "title");
}

static void
add_plain_item (Demo       *d,
                Meeting    *m,
                const char *title,
                const char *kind,
                const char *presenter)
{
  JsonObject *item = _jl_demo_child_new (d, m->obj, "agenda_item", TRUE, NULL);

  _jl_demo_set_int (item, "position", ++m->n_items);
  _jl_demo_set_str (item, "title", title);
  _jl_demo_set_str (item, "presenter", presenter);
  _jl_demo_set_str (item, "item_kind", kind);
  if (strcmp (kind, "vote") == 0)
    {
      /* Everyone present votes; now and then one against or abstaining. */
      guint no = rng_below (&d->rng, 2), abstain = rng_below (&d->rng, 2);

      if (no + abstain >= m->tally.present)
        no = abstain = 0;
      _jl_demo_set_int (item, "votes_yes", m->tally.present - no - abstain);
      _jl_demo_set_int (item, "votes_no", no);
      _jl_demo_set_int (item, "votes_abstain", abstain);
    }
  if (m->first_item == NULL)
    m->first_item = title;
}

static void
add_agenda (Demo      *d,
            Community *c,
            Meeting   *m)
{
  const char *secretary = g_array_index (c->members, Participant, 0).name;
  guint order[G_N_ELEMENTS (_jl_demo_topics)];
  guint n;

  switch (m->kind)
    {
    case MEETING_COMMITTEE:
      add_plain_item (d, m, PICK (&d->rng, _jl_demo_study_topics), "study", secretary);
      add_deliberation (d, m, &PICK (&d->rng, _jl_demo_topics));
      break;
    case MEETING_GENERAL:
      add_plain_item (d, m, PICK (&d->rng, _jl_demo_study_topics), "study", secretary);
      add_plain_item (d, m, PICK (&d->rng, _jl_demo_vote_topics), "vote", secretary);
      break;
    case MEETING_JOINT:
    case MEETING_SELF_GOV:
    case MEETING_CO_GOV:
    default:
      n = m->kind == MEETING_JOINT ? rng_range (&d->rng, 2, 3) : rng_range (&d->rng, 1, 2);
      _jl_demo_pick_distinct (&d->rng, G_N_ELEMENTS (_jl_demo_topics), n, order);
      for (guint i = 0; i < n; i++)
        add_deliberation (d, m, &_jl_demo_topics[order[i]]);
      break;
    }
}

static void
add_people (Demo      *d,
            Community *c,
            Meeting   *m,
            guint      recorder)
{
  switch (m->kind)
    {
    case MEETING_JOINT:
      add_members (d, c, m, 0, recorder, rng_range (&d->rng, 1, 2));
      add_branch_secretaries (d, c, m, rng_range (&d->rng, 1, 2));
      add_unit_reps (d, c, m, rng_range (&d->rng, 2, 3));
      if (m->estate->manager != NULL && rng_chance (&d->rng, 60))
        {
          Participant p = { .name = m->estate->manager };
          add_attendance (d, m, &p, "guest", FALSE);
        }
      break;
    case MEETING_COMMITTEE:
      add_members (d, c, m, 0, recorder, c->members->len);
      break;
    case MEETING_GENERAL:
      add_members (d, c, m, 0, recorder, c->members->len);
      add_branch_secretaries (d, c, m, rng_range (&d->rng, 2, 4));
      break;
    case MEETING_SELF_GOV:
      add_guests (d, m, rng_range (&d->rng, 3, 5));
      break;
    case MEETING_CO_GOV:
    default:
      add_unit_reps (d, c, m, 2);
      add_guests (d, m, rng_range (&d->rng, 2, 3));
      break;
    }
}

static const char *
meeting_summary (Demo          *d,
                 const Meeting *m,
                 const char    *host)
{
  const char *body;

  switch (m->kind)
    {
    case MEETING_COMMITTEE:
      body = _jl_demo_keepf (d, "传达学习了上级有关文件精神，研究了“%s”等事项", m->first_item);
      break;
    case MEETING_GENERAL:
      body = _jl_demo_keepf (d, "组织党员集中学习，审议了“%s”等事项", m->first_item);
      break;
    case MEETING_JOINT:
    case MEETING_SELF_GOV:
    case MEETING_CO_GOV:
    default:
      body = _jl_demo_keepf (d, "按照“共同会商、提出方案、协同执行、落实反馈”的程序，"
                                "围绕“%s”等%u个议题进行了深入讨论", m->first_item, m->n_items);
      break;
    }
  return _jl_demo_keepf (d, "会议由%s主持，应到%u人，实到%u人，请假%u人，缺席%u人。会议%s，形成决议%u项。",
                         host, m->tally.due, m->tally.present, m->tally.leave, m->tally.absent, body,
                         m->n_decisions);
}

/* Older minutes are mostly approved; recent ones are still in review. */
static const char *
meeting_state (Demo        *d,
               const GDate *date)
{
  int age = g_date_days_between (date, &d->today);
  guint roll = rng_below (&d->rng, 100);

  if (age >= 14)
    return roll < 94 ? JL_MEETING_APPROVED : roll < 98 ? JL_MEETING_SUBMITTED : JL_MEETING_DRAFT;
  if (age >= 3)
    return roll < 40 ? JL_MEETING_APPROVED : roll < 80 ? JL_MEETING_SUBMITTED : JL_MEETING_DRAFT;
  return roll < 40 ? JL_MEETING_SUBMITTED : JL_MEETING_DRAFT;
}

static gboolean
approve_meeting (Demo        *d,
                 Community   *c,
                 const char  *id,
                 const GDate *date,
                 GError     **error)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  int age = g_date_days_between (date, &d->today);
  GDate on = _jl_demo_days_from (date, (int) rng_range (&d->rng, 1, (guint) MIN (age, 10)));
  guint hour;

  _jl_demo_set_str (obj, "state", JL_MEETING_APPROVED);
  _jl_demo_set_str (obj, "approved_by", _jl_demo_keepf (d, "%s党工委 %s", c->street,
                                     _jl_demo_person_name (d, rng_chance (&d->rng, 60))));
  hour = rng_range (&d->rng, 9, 17);
  _jl_demo_set_str (obj, "approved_at", _jl_demo_keepf (d, "%s %02u:%02u", _jl_demo_date_str (d, &on), hour,
                                     rng_below (&d->rng, 4) * 15));
  return _jl_demo_put (d, "meeting", id, obj, error);
}

static gboolean
put_meeting (Demo         *d,
             Community    *c,
             MeetingKind   kind,
             const char   *title,
             const GDate  *date,
             const char  **id_out,
             GError      **error)
{
  static const guint starts[] = { 9, 9, 14, 15, 19 };
  g_autoptr(JsonObject) obj = NULL;
  Meeting m = { .kind = kind, .date = date };
  gboolean estate_level = kind == MEETING_SELF_GOV || kind == MEETING_CO_GOV;
  guint recorder = rng_range (&d->rng, 1, c->members->len - 1);
  const Participant *host;
  guint hour = PICK (&d->rng, starts), minute = rng_chance (&d->rng, 50) ? 30 : 0;
  const char *id, *state;

  obj = _jl_demo_record_new (d, &id);
  m.obj = obj;
  m.unit = &g_array_index (c->units, Unit, rng_below (&d->rng, c->units->len));
  m.estate = &g_array_index (c->estates, Estate, kind == MEETING_SELF_GOV
                             ? rng_below (&d->rng, c->estates->len)
                             : m.unit->estates[rng_below (&d->rng, m.unit->n_estates)]);
  m.branch = &g_array_index (c->branches, Branch, m.estate->branch);
  host = estate_level ? &m.branch->secretary : &g_array_index (c->members, Participant, 0);
  if (title == NULL)
    title = kind == MEETING_SELF_GOV ? _jl_demo_keepf (d, "%s居民议事会（自治议）", m.estate->name)
                                     : _jl_demo_keepf (d, "%s共治协商会（共治议）", m.estate->name);

  _jl_demo_set_str (obj, "community_id", c->id);
  _jl_demo_set_str (obj, "org_id", estate_level ? m.branch->id : c->committee_id);
  _jl_demo_set_str (obj, "meeting_type", meeting_types[kind]);
  _jl_demo_set_str (obj, "title", title);
  _jl_demo_set_str (obj, "held_at", _jl_demo_keepf (d, "%s %02u:%02u", _jl_demo_date_str (d, date), hour, minute));
  _jl_demo_set_str (obj, "ended_at", _jl_demo_keepf (d, "%s %02u:%02u", _jl_demo_date_str (d, date), hour + 2, minute));
  _jl_demo_set_str (obj, "place", estate_level ? _jl_demo_keepf (d, "%s党群服务站", m.estate->name)
                                               : PICK (&d->rng, _jl_demo_places));
  _jl_demo_set_str (obj, "host_id", host->person_id);
  _jl_demo_set_str (obj, "recorder_id", g_array_index (c->members, Participant, recorder).person_id);
  if (kind == MEETING_JOINT)
    _jl_demo_set_str (obj, "observers", _jl_demo_keepf (d, "%s党工委组织委员", c->street));
  else if (kind == MEETING_CO_GOV)
    _jl_demo_set_str (obj, "observers", "辖区民警、人大代表、居民代表");
  _jl_demo_set_bool (obj, "is_public", kind != MEETING_COMMITTEE);

  add_attendance (d, &m, host, "due", TRUE);
  add_attendance (d, &m, &g_array_index (c->members, Participant, recorder), "due", TRUE);
  add_people (d, c, &m, recorder);
  add_agenda (d, c, &m);
  _jl_demo_set_str (obj, "summary", meeting_summary (d, &m, host->name));

  /* The store applies the state once the children are in. */
  state = meeting_state (d, date);
  if (strcmp (state, JL_MEETING_DRAFT) != 0)
    _jl_demo_set_str (obj, "state", JL_MEETING_SUBMITTED);
  d->stats.meetings++;
  if (!_jl_demo_put (d, "meeting", NULL, obj, error))
    return FALSE;
  if (strcmp (state, JL_MEETING_APPROVED) == 0 && !approve_meeting (d, c, id, date, error))
    return FALSE;
  if (id_out != NULL)
    *id_out = id;
  return TRUE;
}

static GDate
month_start (const GDate *date,
             guint        months_back)
{
  GDate out = _jl_demo_make_date (g_date_get_year (date), g_date_get_month (date), 1);

  g_date_subtract_months (&out, months_back);
  return out;
}

static GDate
month_end (const GDate *start,
           guint        months)
{
  GDate out = *start;

  g_date_add_months (&out, months);
  g_date_subtract_days (&out, 1);
  return out;
}

static gboolean
put_joint_meetings (Demo       *d,
                    Community  *c,
                    GError    **error)
{
  guint quarter_month = (g_date_get_month (&d->today) - 1) % 3;

  for (guint k = 0; k < 4; k++)
    {
      GDate from = month_start (&d->today, quarter_month + 3 * (3 - k));
      GDate to = month_end (&from, 3);
      guint q = (g_date_get_month (&from) - 1) / 3;
      const char *title = _jl_demo_keepf (d, "%u年第%s季度党建联席会议", g_date_get_year (&from),
                                          cn_numbers[q]);

      if (k == 3 && d->missing_joint[c->index])
        continue;
      c->joint_date[k] = _jl_demo_random_workday (d, &from, _jl_demo_earlier (&to, &d->today));
      if (!put_meeting (d, c, MEETING_JOINT, title, &c->joint_date[k], &c->joint[k], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_committee_meetings (Demo       *d,
                        Community  *c,
                        GError    **error)
{
  for (guint k = 0; k < 3; k++)
    {
      GDate from = month_start (&d->today, 2 - k);
      GDate to = month_end (&from, 1);
      GDate date = _jl_demo_random_workday (d, &from, _jl_demo_earlier (&to, &d->today));
      const char *title = _jl_demo_keepf (d, "%u年%u月社区党委会议", g_date_get_year (&from),
                                          g_date_get_month (&from));

      if (!put_meeting (d, c, MEETING_COMMITTEE, title, &date, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_general_meeting (Demo       *d,
                     Community  *c,
                     GError    **error)
{
  GDate from = month_start (&d->today, (g_date_get_month (&d->today) - 1) % 6);
  GDate to = month_end (&from, 6);
  GDate date = _jl_demo_random_workday (d, &from, _jl_demo_earlier (&to, &d->today));
  const char *title = _jl_demo_keepf (d, "%u年%s半年党员大会", g_date_get_year (&from),
                                      g_date_get_month (&from) < 7 ? "上" : "下");

  return put_meeting (d, c, MEETING_GENERAL, title, &date, NULL, error);
}

/* One joint meeting a quarter for the last four quarters (this quarter's
 * is missing in a few communities), a committee meeting a month for three
 * months, this half-year's general meeting, and a few consultations in
 * the estates. */
gboolean
_jl_demo_put_meetings (Demo       *d,
                       Community  *c,
                       GError    **error)
{
  GDate from = _jl_demo_days_from (&d->today, -300);

  if (!put_joint_meetings (d, c, error) ||
      !put_committee_meetings (d, c, error) ||
      !put_general_meeting (d, c, error))
    return FALSE;

  for (guint k = rng_range (&d->rng, 1, 3); k > 0; k--)
    {
      GDate date = _jl_demo_random_day (d, &from, &d->today);

      if (!put_meeting (d, c, k % 2 ? MEETING_SELF_GOV : MEETING_CO_GOV, NULL, &date, NULL, error))
        return FALSE;
    }
  return TRUE;
}
