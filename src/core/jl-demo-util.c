/* jl-demo-util.c: random choices, names, dates, ids and records for the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "JlDemo"

#include <string.h>

#include "jl-demo-private.h"
#include "jl-uuid.h"
#include "jl-validate.h"

/* Marks exactly @k of @n slots with @flag where @mask is set (or all
 * slots when @mask is 0): Knuth's selection sampling, one pass. */
void
_jl_demo_choose_exact (Rng    *r,
                       guint8 *flags,
                       guint   n,
                       guint8  mask,
                       guint   k,
                       guint8  flag)
{
  guint candidates = 0;

  for (guint i = 0; i < n; i++)
    if (mask == 0 || (flags[i] & mask))
      candidates++;
  g_assert (k <= candidates);

  for (guint i = 0; i < n && k > 0; i++)
    {
      if (mask != 0 && !(flags[i] & mask))
        continue;
      if (rng_below (r, candidates) < k)
        {
          flags[i] |= flag;
          k--;
        }
      candidates--;
    }
}

/* Splits @total over @n slots, each at least @min, unevenly but with the
 * exact total. */
void
_jl_demo_distribute (Rng   *r,
                     guint  total,
                     guint  n,
                     guint  min,
                     guint  max,
                     guint *out)
{
  g_autofree guint8 *extra = g_new0 (guint8, n);

  g_assert (total / n >= min);
  _jl_demo_choose_exact (r, extra, n, 0, total % n, 1);
  for (guint i = 0; i < n; i++)
    out[i] = total / n + extra[i];

  for (guint k = 0; k < 2 * n; k++)
    {
      guint from = rng_below (r, n);
      guint to = rng_below (r, n);
      guint delta = rng_range (r, 1, 3);

      if (from != to && out[from] >= min + delta && out[to] + delta <= max)
        {
          out[from] -= delta;
          out[to] += delta;
        }
    }
}

/* Strings
 */

const char *
_jl_demo_keep (Demo *d,
               char *owned)
{
  const char *s = g_string_chunk_insert (d->chunk, owned);

  g_free (owned);
  return s;
}

const char * G_GNUC_PRINTF (2, 3)
_jl_demo_keepf (Demo       *d,
                const char *format,
                ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  return _jl_demo_keep (d, s);
}

/* Replaces the {X} tokens of a template; @values holds one string per
 * letter in @letters. */
const char *
_jl_demo_expand (Demo        *d,
                 const char  *tmpl,
                 const char  *letters,
                 const char **values)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = tmpl; *p; p++)
    {
      const char *hit;

      if (p[0] == '{' && p[1] != '\0' && p[2] == '}' && (hit = strchr (letters, p[1])) != NULL)
        {
          g_string_append (out, values[hit - letters]);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return _jl_demo_keep (d, g_string_free (g_steal_pointer (&out), FALSE));
}

/* Reserves @s among the current community's names; FALSE if taken. */
gboolean
_jl_demo_reserve (Demo       *d,
                  const char *s)
{
  if (g_hash_table_contains (d->used, s))
    return FALSE;
  g_hash_table_add (d->used, (gpointer) s);
  return TRUE;
}

/* Makes a candidate unique with a number, as clerks do ("…2"). */
const char *
_jl_demo_reserve_numbered (Demo       *d,
                           const char *s)
{
  for (guint n = 2; !_jl_demo_reserve (d, s); n++)
    s = _jl_demo_keepf (d, "%s%u", s, n);
  return s;
}

const char *
_jl_demo_date_str (Demo        *d,
                   const GDate *date)
{
  return _jl_demo_keepf (d, "%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                         g_date_get_day (date));
}

const char *
_jl_demo_cn_date_str (Demo        *d,
                      const GDate *date)
{
  return _jl_demo_keepf (d, "%u月%u日", g_date_get_month (date), g_date_get_day (date));
}

GDate
_jl_demo_days_from (const GDate *date,
                    int          days)
{
  GDate out = *date;

  if (days >= 0)
    g_date_add_days (&out, (guint) days);
  else
    g_date_subtract_days (&out, (guint) -days);
  return out;
}

GDate
_jl_demo_make_date (guint year,
                    guint month,
                    guint day)
{
  GDate out;

  g_date_clear (&out, 1);
  g_date_set_dmy (&out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return out;
}

/* A day between @from and @to inclusive. */
GDate
_jl_demo_random_day (Demo        *d,
                     const GDate *from,
                     const GDate *to)
{
  int span = g_date_days_between (from, to);

  return _jl_demo_days_from (from, span > 0 ? (int) rng_below (&d->rng, (guint) span + 1) : 0);
}

/* A day in one of the years @from … @to. */
GDate
_jl_demo_random_founding (Demo  *d,
                          guint  from,
                          guint  to)
{
  GDate jan1 = _jl_demo_make_date (from, 1, 1);
  GDate dec31 = _jl_demo_make_date (to, 12, 31);

  return _jl_demo_random_day (d, &jan1, &dec31);
}

static gboolean
is_workday (const GDate *date)
{
  GDateWeekday wd = g_date_get_weekday (date);
  guint month = g_date_get_month (date), day = g_date_get_day (date);

  return wd != G_DATE_SATURDAY && wd != G_DATE_SUNDAY &&
         !(month == 1 && day == 1) && !(month == 10 && day <= 7);
}

/* A working day between @from and @to, when there is one: Party meetings
 * are not held on weekends or public holidays. */
GDate
_jl_demo_random_workday (Demo        *d,
                         const GDate *from,
                         const GDate *to)
{
  GDate date = _jl_demo_random_day (d, from, to);

  for (GDate back = date; g_date_compare (&back, from) >= 0; g_date_subtract_days (&back, 1))
    if (is_workday (&back))
      return back;
  for (GDate ahead = date; g_date_compare (&ahead, to) <= 0; g_date_add_days (&ahead, 1))
    if (is_workday (&ahead))
      return ahead;
  return date;
}

const GDate *
_jl_demo_earlier (const GDate *a,
                  const GDate *b)
{
  return g_date_compare (a, b) <= 0 ? a : b;
}

/* Several random values in one expression would be drawn in an order the
 * compiler chooses, so each draw below gets its own statement: the same
 * seed must give the same city with any compiler. */

const char *
_jl_demo_mobile (Demo *d)
{
  const char *prefix = PICK (&d->rng, _jl_demo_mobile_prefixes);

  return _jl_demo_keepf (d, "%s%08u", prefix, rng_below (&d->rng, 100000000));
}

const char *
_jl_demo_landline (Demo *d)
{
  guint first = rng_range (&d->rng, 2, 8);

  return _jl_demo_keepf (d, "0592-%u%06u", first, rng_below (&d->rng, 1000000));
}

const char *
_jl_demo_person_name (Demo     *d,
                      gboolean  male)
{
  guint total = 0, pick;
  const char *surname = _jl_demo_surnames[0].name;
  const char *first;
  const char *const *chars = male ? _jl_demo_male_chars : _jl_demo_female_chars;
  guint n_chars = male ? G_N_ELEMENTS (_jl_demo_male_chars) : G_N_ELEMENTS (_jl_demo_female_chars);

  for (guint i = 0; i < G_N_ELEMENTS (_jl_demo_surnames); i++)
    total += _jl_demo_surnames[i].weight;
  pick = rng_below (&d->rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (_jl_demo_surnames); i++)
    {
      if (pick < _jl_demo_surnames[i].weight)
        {
          surname = _jl_demo_surnames[i].name;
          break;
        }
      pick -= _jl_demo_surnames[i].weight;
    }

  first = chars[rng_below (&d->rng, n_chars)];
  if (rng_chance (&d->rng, 30))
    return _jl_demo_keepf (d, "%s%s", surname, first);
  return _jl_demo_keepf (d, "%s%s%s", surname, first, chars[rng_below (&d->rng, n_chars)]);
}

/* A resident ID number (GB 11643): region, birth date, sequence (odd for
 * men), check character. The sequence is unique within the community. */
const char *
_jl_demo_id_card (Demo        *d,
                  Community   *c,
                  const GDate *birth,
                  gboolean     male)
{
  static const guint weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  char buf[19];
  guint sum = 0;
  guint seq = 10 + 2 * c->id_seq++ + (male ? 1 : 0);

  g_assert (seq < 1000);
  g_snprintf (buf, sizeof buf, "%s%04u%02u%02u%03u", c->district->code, g_date_get_year (birth),
              g_date_get_month (birth), g_date_get_day (birth), seq);
  for (guint i = 0; i < 17; i++)
    sum += (guint) (buf[i] - '0') * weights[i];
  buf[17] = "10X98765432"[sum % 11];
  buf[18] = '\0';
  return _jl_demo_keep (d, g_strdup (buf));
}

/* A unified social credit code (GB 32100): registration authority and
 * kind, region, organisation code with its GB 11714 check, check char. */
const char *
_jl_demo_uscc (Rng        *r,
               const char *prefix,
               const char *region,
               char        out[19])
{
  static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const guint weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  guint sum = 0, check;
  char *org = out + 8;

  memcpy (out, prefix, 2);
  memcpy (out + 2, region, 6);
  for (guint i = 0; i < 8; i++)
    {
      /* New enterprise codes start "MA"; others are digits. */
      if (prefix[0] == '9' && i < 2)
        org[i] = "MA"[i];
      else if (prefix[0] == '9')
        org[i] = charset[rng_below (r, 31)];
      else
        org[i] = charset[rng_below (r, 10)];
      sum += (guint) (g_ascii_isdigit (org[i]) ? org[i] - '0' : org[i] - 'A' + 10) * weights[i];
    }
  check = 11 - sum % 11;
  org[8] = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  out[17] = jl_uscc_expected_check (out);
  out[18] = '\0';
  return out;
}

/* Records
 */

/* A new record with a deterministic id. */
JsonObject *
_jl_demo_record_new (Demo        *d,
                     const char **id_out)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *name = g_strdup_printf ("jinlin-demo/%u/%u/%u/%u", d->seed, d->scale,
                                           d->community, d->next_id++);
  const char *id = _jl_demo_keep (d, jl_uuid_v5_new (JL_UUID_NAMESPACE, name));

  json_object_set_string_member (obj, "id", id);
  d->stats.records++;
  if (id_out != NULL)
    *id_out = id;
  return obj;
}

/* A child record in @parent's array named @kind. Kinds with a natural key
 * (unit_estate_link, eval_sheet, eval_score) get their id from the store. */
JsonObject *
_jl_demo_child_new (Demo        *d,
                    JsonObject  *parent,
                    const char  *kind,
                    gboolean     with_id,
                    const char **id_out)
{
  JsonObject *child;
  JsonArray *array;

  if (with_id)
    child = _jl_demo_record_new (d, id_out);
  else
    {
      child = json_object_new ();
      d->stats.records++;
    }

  if (!json_object_has_member (parent, kind))
    json_object_set_array_member (parent, kind, json_array_new ());
  array = json_object_get_array_member (parent, kind);
  json_array_add_object_element (array, child);
  return child;
}

void
_jl_demo_set_str (JsonObject *obj,
                  const char *name,
                  const char *value)
{
  /* NULL leaves the field out. */
  if (value != NULL)
    json_object_set_string_member (obj, name, value);
}

void
_jl_demo_set_int (JsonObject *obj,
                  const char *name,
                  gint64      value)
{
  json_object_set_int_member (obj, name, value);
}

void
_jl_demo_set_real (JsonObject *obj,
                   const char *name,
                   double      value)
{
  json_object_set_double_member (obj, name, value);
}

void
_jl_demo_set_bool (JsonObject *obj,
                   const char *name,
                   gboolean    value)
{
  json_object_set_boolean_member (obj, name, value);
}

void
_jl_demo_set_date (Demo        *d,
                   JsonObject  *obj,
                   const char  *name,
                   const GDate *date)
{
  _jl_demo_set_str (obj, name, _jl_demo_date_str (d, date));
}

void
_jl_demo_set_list (JsonObject         *obj,
                   const char         *name,
                   const char *const  *items,
                   guint               n)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (array, items[i]);
  json_object_set_array_member (obj, name, array);
}

gboolean
_jl_demo_put (Demo        *d,
              const char  *kind,
              const char  *id,
              JsonObject  *obj,
              GError     **error)
{
  g_autoptr(JlRecord) record = jl_store_put (d->store, kind, id, obj, NULL, error);

  if (record == NULL)
    {
      const char *title = json_object_get_string_member_with_default (obj, "name", NULL);

      if (title == NULL)
        title = json_object_get_string_member_with_default (obj, "title", "");
      g_prefix_error (error, "Demo %s “%s”: ", kind, title);
      return FALSE;
    }
  return TRUE;
}

/* Picks @k distinct indices below @n into @out (k ≤ n). */
void
_jl_demo_pick_distinct (Rng   *r,
                        guint  n,
                        guint  k,
                        guint *out)
{
  guint idx[MAX_LOCAL];

  g_assert (n <= MAX_LOCAL && k <= n);
  for (guint i = 0; i < n; i++)
    idx[i] = i;
  for (guint i = 0; i < k; i++)
    {
      guint j = i + rng_below (r, n - i);
      guint t = idx[i];

      idx[i] = idx[j];
      idx[j] = t;
      out[i] = idx[i];
    }
}
