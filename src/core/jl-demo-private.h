/* jl-demo-private.h: what the jl-demo-*.c files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-demo.h"

G_BEGIN_DECLS

/* The seed's figures, per unit of scale. */
#define N_COMMUNITIES       159
#define N_ESTATES           1521
#define N_BRANCHES          1219
#define N_GRIDS             1345
#define N_UNITS             902
#define N_PART_TIME         222
#define N_OWNERS_COMMITTEES 674
#define N_RED_OC            485
#define N_PROPERTY          583
#define N_RED_PROPERTY      400
#define N_MISSING_JOINT     10     /* communities without this quarter's joint meeting */

#define MIN_PER_COMMUNITY   3      /* property companies and owners' committees */
#define MAX_LOCAL           256    /* estates, units, branches of one community */
#define N_COMPANIES         48     /* property companies of the city */

G_STATIC_ASSERT (MIN_PER_COMMUNITY * N_COMMUNITIES <= N_PROPERTY);
G_STATIC_ASSERT (MIN_PER_COMMUNITY * N_COMMUNITIES <= N_OWNERS_COMMITTEES);
G_STATIC_ASSERT (2 * N_BRANCHES >= N_ESTATES && N_BRANCHES <= N_ESTATES);

#define FLAG_OC     (1 << 0)
#define FLAG_RED_OC (1 << 1)
#define FLAG_PC     (1 << 2)
#define FLAG_RED_PC (1 << 3)

/* Random numbers: splitmix64, so that a seed gives the same city on every
 * platform and GLib version. */

typedef struct
{
  guint64 s;
} Rng;

static inline guint64
rng_next (Rng *r)
{
  guint64 z = (r->s += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Independent streams: one for the plan, one per community. */
static inline void
rng_init (Rng     *r,
          guint32  seed,
          guint64  stream)
{
  r->s = ((guint64) seed << 32) ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  rng_next (r);
}

/* 0 … n − 1 (0 when n is 0). */
static inline guint
rng_below (Rng   *r,
           guint  n)
{
  return n ? (guint) (rng_next (r) % n) : 0;
}

/* lo … hi inclusive. */
static inline guint
rng_range (Rng   *r,
           guint  lo,
           guint  hi)
{
  return lo + rng_below (r, hi - lo + 1);
}

static inline gboolean
rng_chance (Rng   *r,
            guint  percent)
{
  return rng_below (r, 100) < percent;
}

static inline double
rng_unit (Rng *r)
{
  return (double) (rng_next (r) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);
}

#define PICK(r, array) ((array)[rng_below ((r), G_N_ELEMENTS (array))])

typedef struct
{
  const char *name;
  const char *code;      /* GB/T 2260 */
  const char *short_name;
  guint       weight;    /* share of the communities */
  const char *streets[11];
} District;

#define CITY "厦门市"

typedef struct
{
  const char *name;
  guint       weight;
} Surname;

/* Deliberation topics for joint and consultation meetings, with the four
 * steps. {E} estate, {U} partner unit, {P} property company, {B} branch
 * secretary, {D} deadline. */
typedef struct
{
  const char *title;
  const char *consult;
  const char *plan;
  const char *execute;
  const char *done;
  const char *pending;
  const char *decision_a;
  const char *decision_b;
} Topic;

typedef struct
{
  const char *title;
  const char *result;
} Problem;

typedef struct
{
  const char *key;
  const char *label;
  const char *titles[5];
} LianType;

/* Partner unit names: {D} district, {d} district without 区, {S} street
 * without 街道, {C} community stem, {B} bank, {X} company stem. */
typedef struct
{
  const char *unit_type;
  const char *uscc_prefix;   /* NULL: the unit has no credit code at hand */
  guint       weight;
  const char *names[12];
} UnitKind;

/* Evaluation templates */
typedef struct
{
  const char *category;
  const char *content;
  const char *standard;
} Criterion;

/* Word lists (jl-demo-words.c) */
extern const District _jl_demo_districts[6];
extern const char *const _jl_demo_place_first[40];
extern const char *const _jl_demo_place_second[30];
extern const char *const _jl_demo_estate_stems[44];
extern const char *const _jl_demo_estate_suffixes[15];
extern const char *const _jl_demo_estate_phases[5];
extern const char *const _jl_demo_roads[24];
extern const Surname _jl_demo_surnames[37];
extern const char *const _jl_demo_male_chars[40];
extern const char *const _jl_demo_female_chars[36];
extern const char *const _jl_demo_mobile_prefixes[27];
extern const char *const _jl_demo_company_stems[48];
extern const char *const _jl_demo_places[5];
extern const char *const _jl_demo_leave_reasons[5];
extern const char *const _jl_demo_absent_reasons[2];
extern const Topic _jl_demo_topics[12];
extern const char *const _jl_demo_study_topics[6];
extern const char *const _jl_demo_vote_topics[4];
extern const Problem _jl_demo_problems[10];
extern const LianType _jl_demo_lian_types[4];
extern const char *const _jl_demo_resources[9];
extern const char *const _jl_demo_demands[5];
extern const UnitKind _jl_demo_unit_kinds[8];
extern const char *const _jl_demo_unit_posts[6];
extern const char *const _jl_demo_ranks[4];
extern const Criterion _jl_demo_property_criteria[4];
extern const double _jl_demo_weight_sets[4][4];
extern const char *const _jl_demo_sheet_comments[7];
extern const char *const _jl_demo_void_reasons[3];

/* The generator */

typedef struct
{
  const char *name;
  const char *uscc;
} Company;

typedef struct
{
  const char *name;
  const char *person_id;   /* NULL for people who are not in the register */
  const char *unit_id;
} Participant;

typedef struct
{
  const char    *id;
  const char    *name;
  guint          branch;      /* index into Community.branches */
  guint8         flags;
  const Company *company;
  const char    *manager;     /* property project manager */
  const char    *oc_chair;
} Estate;

typedef struct
{
  const char  *id;
  const char  *name;
  guint        first_estate;
  guint        n_estates;
  Participant  secretary;
} Branch;

typedef struct
{
  const char *id;
  const char *name;
  const char *liaison;
  guint       estates[2];
  guint       n_estates;
} Unit;

typedef struct
{
  guint           index;
  const char     *id;
  const char     *name;       /* "莲前社区" */
  const char     *stem;       /* "莲前" */
  const char     *code;       /* "3502030017": district and number */
  const District *district;
  const char     *street;
  const char     *committee_id;
  guint           n_estates;
  guint           n_pairs;    /* branches covering two estates */
  guint           n_grids;
  guint           n_units;
  guint           first_estate;
  guint           first_unit;
  guint           id_seq;     /* for ID card numbers */
  GArray         *members;    /* Participant: [0] secretary, [1] deputy, then members */
  GArray         *estates;    /* Estate */
  GArray         *branches;   /* Branch */
  GArray         *units;      /* Unit */
  const char     *joint[4];   /* joint meeting per quarter, oldest first */
  GDate           joint_date[4];
} Community;

typedef struct
{
  JlStore      *store;
  guint32       seed;
  guint         scale;
  Rng           rng;
  guint         community;    /* index of the community being made */
  guint         next_id;      /* within the community */
  GDate         today;
  GStringChunk *chunk;        /* strings of the current community */
  GStringChunk *city_chunk;   /* strings that live for the whole run */
  GHashTable   *used;         /* names and codes taken in the current community */
  GHashTable   *community_names;
  Company       companies[N_COMPANIES];

  /* The plan, drawn before anything is written. */
  guint        *estates_per;
  guint        *pairs_per;
  guint        *grids_per;
  guint        *units_per;
  guint8       *estate_flags;
  guint8       *unit_ptm;
  guint8       *missing_joint;

  JlDemoStats   stats;
} Demo;

/* Helpers: random choices, strings, dates, ids and records (jl-demo-util.c) */
JsonObject *_jl_demo_child_new (Demo        *d,
                                JsonObject  *parent,
                                const char  *kind,
                                gboolean     with_id,
                                const char **id_out);
void _jl_demo_choose_exact (Rng    *r,
                            guint8 *flags,
                            guint   n,
                            guint8  mask,
                            guint   k,
                            guint8  flag);
const char *_jl_demo_cn_date_str (Demo        *d,
                                  const GDate *date);
const char *_jl_demo_date_str (Demo        *d,
                               const GDate *date);
GDate _jl_demo_days_from (const GDate *date,
                          int          days);
void _jl_demo_distribute (Rng   *r,
                          guint  total,
                          guint  n,
                          guint  min,
                          guint  max,
                          guint *out);
const GDate *_jl_demo_earlier (const GDate *a,
                               const GDate *b);
const char *_jl_demo_expand (Demo        *d,
                             const char  *tmpl,
                             const char  *letters,
                             const char **values);
const char *_jl_demo_id_card (Demo        *d,
                              Community   *c,
                              const GDate *birth,
                              gboolean     male);
const char *_jl_demo_keep (Demo *d,
                           char *owned);
const char *_jl_demo_keepf (Demo       *d,
                            const char *format,
                            ...) G_GNUC_PRINTF (2, 3);
const char *_jl_demo_landline (Demo *d);
GDate _jl_demo_make_date (guint year,
                          guint month,
                          guint day);
const char *_jl_demo_mobile (Demo *d);
const char *_jl_demo_person_name (Demo     *d,
                                  gboolean  male);
void _jl_demo_pick_distinct (Rng   *r,
                             guint  n,
                             guint  k,
                             guint *out);
gboolean _jl_demo_put (Demo        *d,
                       const char  *kind,
                       const char  *id,
                       JsonObject  *obj,
                       GError     **error);
GDate _jl_demo_random_day (Demo        *d,
                           const GDate *from,
                           const GDate *to);
GDate _jl_demo_random_founding (Demo  *d,
                                guint  from,
                                guint  to);
GDate _jl_demo_random_workday (Demo        *d,
                               const GDate *from,
                               const GDate *to);
JsonObject *_jl_demo_record_new (Demo        *d,
                                 const char **id_out);
gboolean _jl_demo_reserve (Demo       *d,
                           const char *s);
const char *_jl_demo_reserve_numbered (Demo       *d,
                                       const char *s);
void _jl_demo_set_bool (JsonObject *obj,
                        const char *name,
                        gboolean    value);
void _jl_demo_set_date (Demo        *d,
                        JsonObject  *obj,
                        const char  *name,
                        const GDate *date);
void _jl_demo_set_int (JsonObject *obj,
                       const char *name,
                       gint64      value);
void _jl_demo_set_list (JsonObject         *obj,
                        const char         *name,
                        const char *const  *items,
                        guint               n);
void _jl_demo_set_real (JsonObject *obj,
                        const char *name,
                        double      value);
void _jl_demo_set_str (JsonObject *obj,
                       const char *name,
                       const char *value);
const char *_jl_demo_uscc (Rng        *r,
                           const char *prefix,
                           const char *region,
                           char        out[19]);

/* Communities and their organisation (jl-demo-org.c) */
const char *_jl_demo_address (Demo      *d,
                              Community *c);
void _jl_demo_plan_estates (Demo      *d,
                            Community *c);
gboolean _jl_demo_put_branch_people (Demo       *d,
                                     Community  *c,
                                     GError    **error);
gboolean _jl_demo_put_branches (Demo       *d,
                                Community  *c,
                                GError    **error);
gboolean _jl_demo_put_committee (Demo       *d,
                                 Community  *c,
                                 GError    **error);
gboolean _jl_demo_put_community (Demo       *d,
                                 Community  *c,
                                 GError    **error);
gboolean _jl_demo_put_estates (Demo       *d,
                               Community  *c,
                               GError    **error);
gboolean _jl_demo_put_grids (Demo       *d,
                             Community  *c,
                             GError    **error);

/* Partner units and their problems (jl-demo-partners.c) */
gboolean _jl_demo_put_problems (Demo       *d,
                                Community  *c,
                                GError    **error);
gboolean _jl_demo_put_units (Demo       *d,
                             Community  *c,
                             GError    **error);

/* Meetings and minutes (jl-demo-meetings.c) */
gboolean _jl_demo_put_meetings (Demo       *d,
                                Community  *c,
                                GError    **error);

/* Evaluation rounds and score sheets (jl-demo-eval.c) */
gboolean _jl_demo_put_evaluation (Demo       *d,
                                  Community  *c,
                                  GError    **error);

G_END_DECLS
