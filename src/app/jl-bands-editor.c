/* jl-bands-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlBandsEditor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "jl-bands-editor.h"
#include "jl-decimal.h"

typedef struct
{
  JlBandsEditor *self;        /* unowned */
  GtkWidget     *row;         /* AdwEntryRow: the label */
  GtkWidget     *min_entry;
} Band;

struct _JlBandsEditor
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *message_label;
  GPtrArray           *bands;     /* Band* */
  char                *message;
  gboolean             updating;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlBandsEditor, jl_bands_editor, ADW_TYPE_BIN)

/* Band labels are data, like the core's defaults: a notice prints them. */
static const struct
{
  const char *label;
  double      min;
} preset_default[] = {
  { "优秀", 90 }, { "良好", 80 }, { "合格", 60 }, { "不合格", 0 },
}, preset_alternative[] = {
  { "优秀", 85 }, { "良好", 75 }, { "一般", 65 }, { "较差", 60 }, { "不合格", 0 },
};

static void band_changed_cb (Band *band);

/* Checking
 */

typedef struct
{
  char   *label;
  double  min;
} Parsed;

static void
parsed_clear (Parsed *p)
{
  g_free (p->label);
}

static int
compare_parsed (gconstpointer a,
                gconstpointer b)
{
  const Parsed *x = a;
  const Parsed *y = b;

  return x->min > y->min ? -1 : x->min < y->min ? 1 : 0;
}

static void
set_row_error (Band     *band,
               gboolean  error)
{
  if (error)
    gtk_widget_add_css_class (band->row, "error");
  else
    gtk_widget_remove_css_class (band->row, "error");
}

/* Returns the bands sorted highest first, or NULL with @message set. */
static GArray *
parse_rows (JlBandsEditor  *self,
            char          **message)
{
  g_autoptr(GArray) parsed = g_array_new (FALSE, TRUE, sizeof (Parsed));
  g_autoptr(GString) problems = g_string_new (NULL);

  g_array_set_clear_func (parsed, (GDestroyNotify) parsed_clear);
  for (guint i = 0; i < self->bands->len; i++)
    {
      Band *band = self->bands->pdata[i];
      g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (band->row))));
      const char *min_text = gtk_editable_get_text (GTK_EDITABLE (band->min_entry));
      Parsed p = { 0 };
      gboolean bad = FALSE;

      if (*label == '\0')
        {
          g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "",
                                  _("Grade bands: every band needs a name"));
          bad = TRUE;
        }
      if (jl_decimal_parse (min_text, &p.min) != JL_DECIMAL_OK || p.min < 0 || p.min > 100)
        {
          g_string_append_printf (problems, "%s", problems->len ? "\n" : "");
          /* TRANSLATORS: a band's minimum score must be a number from 0 to 100 */
          g_string_append_printf (problems, _("Grade bands: the minimum of “%s” must be a number from 0 to 100"),
                                  label);
          bad = TRUE;
        }
      set_row_error (band, bad);
      p.label = g_steal_pointer (&label);
      g_array_append_val (parsed, p);
    }

  g_array_sort (parsed, compare_parsed);
  for (guint i = 1; problems->len == 0 && i < parsed->len; i++)
    if (g_array_index (parsed, Parsed, i).min == g_array_index (parsed, Parsed, i - 1).min)
      g_string_append_printf (problems, _("Grade bands: “%s” and “%s” start at the same score"),
                              g_array_index (parsed, Parsed, i - 1).label, g_array_index (parsed, Parsed, i).label);
  if (problems->len == 0 && parsed->len == 0)
    g_string_append (problems, _("Grade bands: add at least one band"));

  if (problems->len > 0)
    {
      *message = g_string_free (g_steal_pointer (&problems), FALSE);
      return NULL;
    }
  *message = NULL;
  return g_steal_pointer (&parsed);
}

static char *
to_json (GArray *parsed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < parsed->len; i++)
    {
      Parsed *p = &g_array_index (parsed, Parsed, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, p->label);
      json_builder_set_member_name (builder, "min");
      /* 90, not 90.0: the text people see in an export. */
      if (p->min == floor (p->min))
        json_builder_add_int_value (builder, (gint64) p->min);
      else
        json_builder_add_double_value (builder, p->min);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
show_message (JlBandsEditor *self,
              char          *message)
{
  g_free (self->message);
  self->message = message ? message : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (self->message_label), self->message);
  gtk_widget_set_visible (self->message_label, *self->message != '\0');
}

static void
bands_changed (JlBandsEditor *self)
{
  g_autoptr(GArray) parsed = NULL;
  g_autofree char *json = NULL;
  char *message = NULL;

  if (self->updating)
    return;
  parsed = parse_rows (self, &message);
  show_message (self, message);
  if (parsed == NULL)
    return;
  json = to_json (parsed);
  g_signal_emit (self, signals[CHANGED], 0, json);
}

/* Rows
 */

static void
band_changed_cb (Band *band)
{
  bands_changed (band->self);
}

static void
remove_clicked_cb (GtkButton *button,
                   Band      *band)
{
  JlBandsEditor *self = band->self;

  adw_preferences_group_remove (self->group, band->row);
  g_ptr_array_remove (self->bands, band);
  bands_changed (self);
}

static Band *
add_row (JlBandsEditor *self,
         const char    *label,
         double         min)
{
  Band *band = g_new0 (Band, 1);
  GtkWidget *ge = gtk_label_new ("≥");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *min_text = isnan (min) ? g_strdup ("") : jl_decimal_format (min);

  band->self = self;
  band->row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (band->row), _("Band"));
  gtk_editable_set_text (GTK_EDITABLE (band->row), label);

  band->min_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (band->min_entry), 4);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (band->min_entry), 4);
  gtk_entry_set_alignment (GTK_ENTRY (band->min_entry), 1.0);
  gtk_entry_set_input_purpose (GTK_ENTRY (band->min_entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_valign (band->min_entry, GTK_ALIGN_CENTER);
  gtk_editable_set_text (GTK_EDITABLE (band->min_entry), min_text);
  gtk_widget_set_tooltip_text (band->min_entry, _("Lowest score of the band"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (band->min_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lowest score of the band"), -1);
  gtk_widget_add_css_class (ge, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (band->row), ge);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (band->row), band->min_entry);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this band"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this band"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), band);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (band->row), remove);

  g_signal_connect_swapped (band->row, "changed", G_CALLBACK (band_changed_cb), band);
  g_signal_connect_swapped (band->min_entry, "changed", G_CALLBACK (band_changed_cb), band);
  adw_preferences_group_add (self->group, band->row);
  g_ptr_array_add (self->bands, band);
  return band;
}

static void
clear_rows (JlBandsEditor *self)
{
  for (guint i = 0; i < self->bands->len; i++)
    adw_preferences_group_remove (self->group, ((Band *) self->bands->pdata[i])->row);
  g_ptr_array_set_size (self->bands, 0);
}

void
jl_bands_editor_set_json (JlBandsEditor *self,
                          const char    *json)
{
  g_autoptr(JsonNode) node = json ? json_from_string (json, NULL) : NULL;

  g_return_if_fail (JL_IS_BANDS_EDITOR (self));

  self->updating = TRUE;
  clear_rows (self);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *b = json_array_get_object_element (array, i);

          if (b != NULL)
            add_row (self, json_object_get_string_member_with_default (b, "label", ""),
                     json_object_get_double_member_with_default (b, "min", 0));
        }
    }
  else
    for (guint i = 0; i < G_N_ELEMENTS (preset_default); i++)
      add_row (self, preset_default[i].label, preset_default[i].min);
  self->updating = FALSE;
  show_message (self, NULL);
}

char *
jl_bands_editor_get_json (JlBandsEditor *self)
{
  g_autoptr(GArray) parsed = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (JL_IS_BANDS_EDITOR (self), NULL);
  parsed = parse_rows (self, &message);
  return parsed ? to_json (parsed) : NULL;
}

const char *
jl_bands_editor_get_message (JlBandsEditor *self)
{
  g_return_val_if_fail (JL_IS_BANDS_EDITOR (self), NULL);
  return self->message;
}

guint
jl_bands_editor_get_n_bands (JlBandsEditor *self)
{
  g_return_val_if_fail (JL_IS_BANDS_EDITOR (self), 0);
  return self->bands->len;
}

GtkWidget *
jl_bands_editor_get_label_entry (JlBandsEditor *self,
                                 guint          row)
{
  g_return_val_if_fail (JL_IS_BANDS_EDITOR (self), NULL);
  g_return_val_if_fail (row < self->bands->len, NULL);
  return ((Band *) self->bands->pdata[row])->row;
}

GtkWidget *
jl_bands_editor_get_min_entry (JlBandsEditor *self,
                               guint          row)
{
  g_return_val_if_fail (JL_IS_BANDS_EDITOR (self), NULL);
  g_return_val_if_fail (row < self->bands->len, NULL);
  return ((Band *) self->bands->pdata[row])->min_entry;
}

void
jl_bands_editor_add_band (JlBandsEditor *self)
{
  Band *band;

  g_return_if_fail (JL_IS_BANDS_EDITOR (self));
  band = add_row (self, "", NAN);
  gtk_widget_grab_focus (band->row);
  bands_changed (self);
}

/* Presets (DOMAIN.md §c.6)
 */

static void
apply_preset (JlBandsEditor *self,
              gboolean       alternative)
{
  guint n = alternative ? G_N_ELEMENTS (preset_alternative) : G_N_ELEMENTS (preset_default);

  self->updating = TRUE;
  clear_rows (self);
  for (guint i = 0; i < n; i++)
    add_row (self, alternative ? preset_alternative[i].label : preset_default[i].label,
             alternative ? preset_alternative[i].min : preset_default[i].min);
  self->updating = FALSE;
  bands_changed (self);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  apply_preset (JL_BANDS_EDITOR (widget), g_variant_get_boolean (parameter));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  jl_bands_editor_add_band (JL_BANDS_EDITOR (widget));
}

static void
jl_bands_editor_finalize (GObject *object)
{
  JlBandsEditor *self = JL_BANDS_EDITOR (object);

  g_clear_pointer (&self->bands, g_ptr_array_unref);
  g_free (self->message);
  G_OBJECT_CLASS (jl_bands_editor_parent_class)->finalize (object);
}

static void
jl_bands_editor_class_init (JlBandsEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = jl_bands_editor_finalize;
  gtk_widget_class_install_action (widget_class, "bands.preset", "b", preset_action);
  gtk_widget_class_install_action (widget_class, "bands.add", NULL, add_action);

  /**
   * JlBandsEditor::changed:
   * @json: the bands as JSON text
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static GtkWidget *
make_header_buttons (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *presets = gtk_menu_button_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  g_menu_append (menu, _("90 / 80 / 60 (the default)"), "bands.preset(false)");
  g_menu_append (menu, _("85 / 75 / 65 / 60"), "bands.preset(true)");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (presets), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (presets), _("Presets"));
  gtk_widget_add_css_class (presets, "flat");
  gtk_widget_set_tooltip_text (presets, _("Use a common set of bands"));

  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add a band"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a band"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "bands.add");

  gtk_box_append (GTK_BOX (box), presets);
  gtk_box_append (GTK_BOX (box), add);
  return box;
}

static void
jl_bands_editor_init (JlBandsEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->bands = g_ptr_array_new_with_free_func (g_free);
  self->message = g_strdup ("");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Grade Bands"));
  adw_preferences_group_set_description (self->group,
                                         _("A final score at or above a band's minimum gets that band."));
  adw_preferences_group_set_header_suffix (self->group, make_header_buttons ());

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_widget_set_visible (self->message_label, FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));
  gtk_box_append (GTK_BOX (box), self->message_label);
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
jl_bands_editor_new (void)
{
  return g_object_new (JL_TYPE_BANDS_EDITOR, NULL);
}
