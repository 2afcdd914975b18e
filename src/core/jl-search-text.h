/* jl-search-text.h: turning Chinese text into searchable tokens
 *
 * SQLite's FTS5 does not segment Chinese. Jinlin indexes overlapping
 * character bigrams of every run of CJK characters (plus the run's last
 * character alone) and lowercased words of every run of letters/digits,
 * separated by spaces, into an FTS5 table with the unicode61 tokenizer.
 * A query becomes an FTS5 phrase of the same tokens, so it matches exactly
 * the texts that contain it as a substring, for queries of any length:
 * one CJK character becomes a prefix query on the bigrams.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tokens of @text, space separated, for the index. Never NULL. */
char *jl_search_text_index_tokens (const char *text);

/* An FTS5 MATCH expression for @query, or NULL when @query has nothing
 * searchable (only spaces or punctuation). Several words separated by
 * spaces must all match (AND). FTS5 syntax characters in @query are
 * never interpreted. */
char *jl_search_text_match_expr   (const char *query);

G_END_DECLS
