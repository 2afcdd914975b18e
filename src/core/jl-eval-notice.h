/* jl-eval-notice.h: the results notice (评议结果公示) and the results
 * table, as text
 *
 * The words of a 公示 follow Chinese administrative practice (DOMAIN.md
 * §c.4): "关于……结果的公示", a body paragraph, the results table, the
 * disclosure period, where to raise objections, then the issuer and the
 * date. This module only builds the text; the app lays it out on A4 and
 * the CSV export reuses the table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-csv.h"
#include "jl-eval.h"
#include "jl-record.h"
#include "jl-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char  *community;        /* "莲前社区" */
  const char  *issuer;           /* signature; NULL: @community */
  const char  *round_title;      /* "2025年度红色物业考评" */
  JlEvalScale  scale;
  gboolean     drop_extremes;
  guint        drop_min_sheets;
  guint        decimals;
  const char  *period_from;      /* evaluated period, ISO dates; NULL: not stated */
  const char  *period_to;
  const char  *notice_from;      /* disclosure period (公示期), ISO dates */
  const char  *notice_to;
  const char  *issue_date;       /* ISO; NULL: no date under the issuer */
  const char  *phone;            /* contact for objections; NULL: not stated */
  const char  *address;
} JlEvalNoticeInfo;

typedef struct
{
  char      *title;              /* "关于2025年度红色物业考评结果的公示" */
  GPtrArray *intro;              /* paragraphs before the table (char*) */
  GStrv      header;             /* the table's column titles */
  GPtrArray *rows;               /* GStrv per target, ranked */
  GPtrArray *closing;            /* paragraphs after the table (char*) */
  char      *issuer;
  char      *date;               /* "2025年3月5日", or NULL */
} JlEvalNotice;

/* Fills @info from a round, its template and its community; the strings
 * are borrowed from the records. Disclosure period, date and contact are
 * left for the caller (the community's phone and address are taken). */
void          jl_eval_notice_info_init     (JlEvalNoticeInfo       *info,
                                            JlRecord               *round,
                                            JlRecord               *tpl,
                                            JlRecord               *community);
JlEvalNotice *jl_eval_notice_new           (const JlEvalNoticeInfo *info,
                                            GPtrArray              *results);
void          jl_eval_notice_free          (JlEvalNotice           *notice);
/* Title, paragraphs, table (tab-separated) and signature, one per line. */
char         *jl_eval_notice_to_text       (JlEvalNotice           *notice);

/* The results as table rows (GStrv each), best rank first, unranked
 * targets last in their round order. @detailed adds every count and
 * figure (for the CSV). */
GPtrArray    *jl_eval_results_table        (const JlEvalNoticeInfo *info,
                                            GPtrArray              *results,
                                            gboolean                detailed,
                                            GStrv                  *header);
/* The detailed table as a CSV document (UTF-8 with BOM, CRLF). */
JlCsv        *jl_eval_results_csv          (const JlEvalNoticeInfo *info,
                                            GPtrArray              *results);

/* "2025-03-05" → "2025年3月5日" (no zero padding, GB/T 9704). */
char         *jl_eval_notice_format_date   (const char             *iso);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlEvalNotice, jl_eval_notice_free)

G_END_DECLS
