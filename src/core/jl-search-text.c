/* jl-search-text.c: turning Chinese text into searchable tokens
 *
 * The index holds, for every maximal run of CJK characters c1…cn, the
 * bigrams c1c2 … c(n-1)cn followed by cn alone, and for every run of other
 * letters and digits the lowercased word. A query word becomes one FTS5
 * phrase ("t1" + "t2" + …) of the tokens the same text would have in the
 * index, which is the phrase of a substring:
 *
 *  - a run at the end of the query word may continue in the text, so it
 *    gives its bigrams without the final single character (which is only
 *    in the index where the text's run ends); a one-character run gives
 *    the prefix term "c"*, matching a bigram that starts with c or c alone;
 *  - a run followed by another run of the same word ends where the text's
 *    run ends, so it gives its bigrams and its final character, exactly as
 *    the index does;
 *  - a run at the start of the query word may start later than the text's
 *    run: its first bigram is still in the index, so nothing changes;
 *  - a word of letters or digits is matched as a whole word, or by prefix
 *    when it ends the query word ("ab" finds "abc"). Only CJK text has
 *    substring semantics.
 *
 * Both sides are NFKC-normalized first, so full-width letters and digits
 * and CJK compatibility ideographs match their usual forms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-search-text.h"

#include <string.h>

typedef enum
{
  CHAR_SEPARATOR,
  CHAR_CJK,
  CHAR_WORD,
} CharClass;

typedef struct
{
  CharClass   klass;
  const char *start;   /* first byte */
  const char *end;     /* one past the last byte */
  guint       n_chars;
} Run;

typedef struct
{
  char     *text;
  gboolean  prefix;
} QueryToken;

/* Receives one token: @len bytes at @start. */
typedef void (*EmitFunc) (const char *start,
                          gsize       len,
                          gpointer    data);

static gboolean
in_cjk_block (gunichar c)
{
  return (c >= 0x3005 && c <= 0x3007)       /* 々 〆 〇 (as in 二〇二五) */
         || (c >= 0x3040 && c <= 0x30FF)    /* Hiragana, Katakana */
         || (c >= 0x3100 && c <= 0x312F)    /* Bopomofo */
         || (c >= 0x3400 && c <= 0x4DBF)    /* CJK Extension A */
         || (c >= 0x4E00 && c <= 0x9FFF)    /* CJK Unified Ideographs */
         || (c >= 0xAC00 && c <= 0xD7AF)    /* Hangul Syllables */
         || (c >= 0xF900 && c <= 0xFAFF)    /* CJK Compatibility Ideographs */
         || (c >= 0x20000 && c <= 0x2FA1F); /* Extensions B–F, Supplement */
}

static CharClass
classify (gunichar c)
{
  /* Only letters and digits are token characters, as for FTS5's unicode61
   * tokenizer: so the katakana middle dot and the unassigned code points
   * of these blocks separate runs. */
  if (!g_unichar_isalnum (c))
    return CHAR_SEPARATOR;

  return in_cjk_block (c) ? CHAR_CJK : CHAR_WORD;
}

/* The runs of @text, of at most @len bytes (-1 for NUL-terminated), in
 * order; separators are left out. */
static GArray *
split_runs (const char *text,
            gssize      len)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  const char *end = len < 0 ? text + strlen (text) : text + len;
  const char *p = text;

  while (p < end)
    {
      CharClass klass = classify (g_utf8_get_char (p));
      Run run = { klass, p, NULL, 0 };

      if (klass == CHAR_SEPARATOR)
        {
          p = g_utf8_next_char (p);
          continue;
        }

      while (p < end && classify (g_utf8_get_char (p)) == klass)
        {
          p = g_utf8_next_char (p);
          run.n_chars++;
        }
      run.end = p;
      g_array_append_val (runs, run);
    }

  return runs;
}

/* Valid, NFKC-normalized copy of @text. */
static char *
normalize (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
}

/* Calls @emit for the bigrams of a CJK run and, when @with_last, for its
 * last character alone. A run of one character has no bigram. */
static void
cjk_run_tokens (const Run *run,
                gboolean   with_last,
                EmitFunc   emit,
                gpointer   data)
{
  const char *p = run->start;

  for (guint i = 0; i + 1 < run->n_chars; i++)
    {
      const char *next = g_utf8_next_char (p);

      emit (p, (gsize) (g_utf8_next_char (next) - p), data);
      p = next;
    }

  if (with_last)
    emit (p, (gsize) (run->end - p), data);
}

static void
append_index_token (const char *start,
                    gsize       len,
                    gpointer    data)
{
  GString *out = data;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_len (out, start, (gssize) len);
}

/**
 * jl_search_text_index_tokens:
 * @text: (nullable): text to index
 *
 * The tokens to store in the FTS5 column for @text: overlapping bigrams
 * and the last character of each CJK run, and lowercased words of letters
 * and digits, separated by single spaces.
 *
 * Returns: (transfer full): the tokens, "" when there are none
 */
char *
jl_search_text_index_tokens (const char *text)
{
  g_autofree char *norm = NULL;
  g_autoptr(GArray) runs = NULL;
  GString *out = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (out, FALSE);

  norm = normalize (text);
  runs = split_runs (norm, -1);

  for (guint i = 0; i < runs->len; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);

      if (run->klass == CHAR_CJK)
        {
          cjk_run_tokens (run, TRUE, append_index_token, out);
        }
      else
        {
          g_autofree char *word = g_utf8_strdown (run->start, run->end - run->start);

          append_index_token (word, strlen (word), out);
        }
    }

  return g_string_free (out, FALSE);
}

static void
query_token_clear (gpointer data)
{
  QueryToken *token = data;

  g_free (token->text);
}

static void
append_query_token (const char *start,
                    gsize       len,
                    gpointer    data)
{
  GArray *tokens = data;
  QueryToken token = { g_strndup (start, len), FALSE };

  g_array_append_val (tokens, token);
}

/* Appends the FTS5 phrase of one query word (no spaces in it) to @out;
 * FALSE when the word has no tokens. */
static gboolean
append_word_phrase (GString    *out,
                    const char *word,
                    gsize       len)
{
  g_autoptr(GArray) runs = split_runs (word, (gssize) len);
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (QueryToken));

  g_array_set_clear_func (tokens, query_token_clear);

  for (guint i = 0; i < runs->len; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);
      gboolean last_run = i + 1 == runs->len;

      if (run->klass == CHAR_WORD)
        {
          QueryToken token = {
            g_utf8_strdown (run->start, run->end - run->start), last_run
          };

          g_array_append_val (tokens, token);
        }
      else if (!last_run || run->n_chars == 1)
        {
          cjk_run_tokens (run, TRUE, append_query_token, tokens);
          g_array_index (tokens, QueryToken, tokens->len - 1).prefix = last_run;
        }
      else
        {
          cjk_run_tokens (run, FALSE, append_query_token, tokens);
        }
    }

  if (tokens->len == 0)
    return FALSE;

  if (out->len > 0)
    g_string_append (out, " AND ");

  for (guint i = 0; i < tokens->len; i++)
    {
      const QueryToken *token = &g_array_index (tokens, QueryToken, i);

      if (i > 0)
        g_string_append (out, " + ");
      g_string_append_c (out, '"');
      for (const char *p = token->text; *p != '\0'; p++)
        {
          /* Cannot happen with today's tokens ('"' separates), but a
           * quote inside an FTS5 string is written twice. */
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
      if (token->prefix)
        g_string_append_c (out, '*');
    }

  return TRUE;
}

/**
 * jl_search_text_match_expr:
 * @query: (nullable): what the user typed
 *
 * An FTS5 MATCH expression for a table filled with
 * jl_search_text_index_tokens(): each word of @query (words are separated
 * by white space) must occur, CJK text as a substring. Everything in
 * @query is quoted, so FTS5 operators in it are searched as text.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when
 *   @query has nothing to search for
 */
char *
jl_search_text_match_expr (const char *query)
{
  g_autofree char *norm = NULL;
  GString *out;
  const char *p;

  if (query == NULL)
    return NULL;

  norm = normalize (query);
  out = g_string_new (NULL);
  p = norm;

  while (*p != '\0')
    {
      const char *word = p;

      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      append_word_phrase (out, word, (gsize) (p - word));
      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}
