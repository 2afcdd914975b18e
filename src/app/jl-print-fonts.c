/* jl-print-fonts.c: which font families printed documents can use
 *
 * Pango silently substitutes a missing family, and without any Chinese
 * font the characters print as boxes: the printed notice and minutes ask
 * here first, so the user can be told before paper is wasted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "jl-print-fonts.h"

const char *const jl_print_fonts_cjk[] = {
  "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC",
  "FangSong", "仿宋", "SimSun", "宋体", "AR PL UMing CN", "WenQuanYi Zen Hei",
  "WenQuanYi Micro Hei", NULL
};

/**
 * jl_print_fonts_pick:
 * @wanted: family names, best first, NULL-terminated
 * @fallback: the family to use when none of @wanted is installed
 * @fell_back: (out) (optional): set to %TRUE when @fallback was returned;
 *   left alone otherwise
 *
 * Returns: (transfer full): the first of @wanted that is installed, else
 *   @fallback.
 */
char *
jl_print_fonts_pick (const char *const *wanted,
                     const char        *fallback,
                     gboolean          *fell_back)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n = 0;
  char *found = NULL;

  g_return_val_if_fail (wanted != NULL && fallback != NULL, NULL);

  pango_font_map_list_families (map, &families, &n);
  for (guint w = 0; wanted[w] && found == NULL; w++)
    for (int i = 0; i < n && found == NULL; i++)
      if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), wanted[w]) == 0 ||
          g_strcmp0 (pango_font_family_get_name (families[i]), wanted[w]) == 0)
        found = g_strdup (wanted[w]);
  g_free (families);
  if (found == NULL && fell_back != NULL)
    *fell_back = TRUE;
  return found ? found : g_strdup (fallback);
}

/**
 * jl_print_fonts_minutes_warning:
 *
 * Returns: (transfer full) (nullable): a translated warning when no
 *   Chinese font is installed for the printed minutes, else %NULL.
 */
char *
jl_print_fonts_minutes_warning (void)
{
  gboolean fell_back = FALSE;
  g_autofree char *family = jl_print_fonts_pick (jl_print_fonts_cjk, "serif", &fell_back);

  if (!fell_back)
    return NULL;
  return g_strdup (_("No Chinese font is installed: the minutes may print with boxes instead of "
                     "characters. Install Noto Serif CJK SC (fonts-noto-cjk) for the usual look."));
}
