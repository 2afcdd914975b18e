/* jl-minutes-doc.h: the text of printed minutes (会议记录)
 *
 * Builds the document a clerk prints or files: title, 时间 written as
 * "2025年3月5日（星期三）上午9:00—11:00", 地点, 主持人, 记录人, the attendance
 * line "应到8人，实到7人，请假1人（王主任：外出开会）", 列席, each agenda item
 * with the four steps and its decisions (lead unit, owner, deadline), the
 * summary and the amendments. The result is a list of typed blocks; the
 * app lays them out on A4 with Pango, tests compare the plain text.
 *
 * Pure code: no GTK, no disk (except jl_minutes_doc_load, which blocks on
 * the store and belongs on a worker thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jl-record.h"
#include "jl-store.h"

G_BEGIN_DECLS

typedef enum
{
  JL_MINUTES_BLOCK_TITLE,      /* centred, large: the meeting's title */
  JL_MINUTES_BLOCK_SUBTITLE,   /* centred: community, kind of meeting, state */
  JL_MINUTES_BLOCK_FIELD,      /* "时间：…", hanging after the label */
  JL_MINUTES_BLOCK_HEADING,    /* 会议议题, 会议纪要, 更正记录 */
  JL_MINUTES_BLOCK_ITEM,       /* "一、议题（汇报人：…）" */
  JL_MINUTES_BLOCK_STEP,       /* "共同会商：…" inside an agenda item */
  JL_MINUTES_BLOCK_PARAGRAPH,  /* body text, first line indented */
  JL_MINUTES_BLOCK_ENTRY,      /* a numbered decision or amendment */
  JL_MINUTES_BLOCK_SIGNATURE,  /* right-aligned closing line */
} JlMinutesBlockKind;

typedef struct
{
  JlMinutesBlockKind  kind;
  char               *label;   /* FIELD and STEP; NULL otherwise */
  char               *text;
} JlMinutesBlock;

typedef struct
{
  char      *title;
  GPtrArray *blocks;           /* JlMinutesBlock* in reading order */
} JlMinutesDoc;

/* What the document is made from. Arrays hold JlRecord* and may be NULL;
 * @names maps ids of referenced records (community, host, recorder, lead
 * units…) to their names and may be NULL. */
typedef struct
{
  JlRecord   *meeting;
  GPtrArray  *attendance;
  GPtrArray  *agenda_items;   /* in agenda order */
  GPtrArray  *decisions;      /* of any item; matched by agenda_item_id */
  GPtrArray  *amendments;     /* oldest first */
  GHashTable *names;
} JlMinutesSource;

JlMinutesDoc *jl_minutes_doc_build       (const JlMinutesSource *source);
/* Loads a meeting, its children and the names it refers to, then builds
 * the document. Blocks on the store. */
JlMinutesDoc *jl_minutes_doc_load        (JlStore               *store,
                                          const char            *meeting_id,
                                          GError               **error);
void          jl_minutes_doc_free        (JlMinutesDoc          *doc);
/* One line per block; FIELD and STEP blocks read "label：text". */
char         *jl_minutes_doc_to_text     (const JlMinutesDoc    *doc);

/* "2025-03-05 09:00" and "2025-03-05 11:00" →
 * "2025年3月5日（星期三）上午9:00—11:00". @ended_at may be NULL. */
char         *jl_minutes_format_time     (const char            *held_at,
                                          const char            *ended_at);
/* "2025-03-05" → "2025年3月5日"; other text is returned as it is. */
char         *jl_minutes_format_date     (const char            *iso);
/* The attendance line of the expected participants:
 * "应到8人，实到7人，请假1人（王主任：外出开会）". Late counts as present;
 * observers and guests are not expected. */
char         *jl_minutes_format_tally    (GPtrArray             *attendance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlMinutesDoc, jl_minutes_doc_free)

G_END_DECLS
