/* jl-a11y.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-a11y.h"

char *
jl_a11y_strip_mnemonic (const char *mnemonic)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (mnemonic != NULL, NULL);

  for (const char *p = mnemonic; *p; p++)
    {
      /* Translations put the key after the words: "新建单位(_N)", "（_N）". */
      if (p[0] == '(' && p[1] == '_' && p[2] && p[3] == ')')
        {
          p += 3;
          continue;
        }
      if (g_str_has_prefix (p, "（_") && p[strlen ("（_")] && g_str_has_prefix (p + strlen ("（_") + 1, "）"))
        {
          p += strlen ("（_") + strlen ("）");
          continue;
        }
      if (p[0] == '_' && p[1] == '_')
        p++;
      else if (p[0] == '_')
        continue;
      g_string_append_c (s, *p);
    }
  return g_strstrip (g_string_free (s, FALSE));
}

void
jl_a11y_label_from_mnemonic (GtkWidget  *widget,
                             const char *mnemonic)
{
  g_autofree char *plain = jl_a11y_strip_mnemonic (mnemonic);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
}

GtkWidget *
jl_button_new_with_mnemonic (const char *mnemonic)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  jl_a11y_label_from_mnemonic (button, mnemonic);
  /* GTK 4.8 also points "labelled-by" at the label inside and adds its
   * text, "新建单位(N)", to the name. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  return button;
}
