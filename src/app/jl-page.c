/* jl-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "jl-page.h"
#include "jl-window.h"

typedef struct
{
  JlStore *store;
} JlPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (JlPage, jl_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jl_page_constructed (GObject *object)
{
  JlPage *self = JL_PAGE (object);

  G_OBJECT_CLASS (jl_page_parent_class)->constructed (object);

  if (JL_PAGE_GET_CLASS (self)->store_ready != NULL)
    JL_PAGE_GET_CLASS (self)->store_ready (self);
}

static void
jl_page_dispose (GObject *object)
{
  JlPagePrivate *priv = jl_page_get_instance_private (JL_PAGE (object));

  g_clear_object (&priv->store);
  G_OBJECT_CLASS (jl_page_parent_class)->dispose (object);
}

static void
jl_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  JlPagePrivate *priv = jl_page_get_instance_private (JL_PAGE (object));

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jl_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  JlPagePrivate *priv = jl_page_get_instance_private (JL_PAGE (object));

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&priv->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jl_page_class_init (JlPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = jl_page_constructed;
  object_class->dispose = jl_page_dispose;
  object_class->get_property = jl_page_get_property;
  object_class->set_property = jl_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, JL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jl_page_init (JlPage *self)
{
}

JlStore *
jl_page_get_store (JlPage *self)
{
  JlPagePrivate *priv = jl_page_get_instance_private (self);

  g_return_val_if_fail (JL_IS_PAGE (self), NULL);
  return priv->store;
}

JlTitleCache *
jl_page_get_titles (JlPage *self)
{
  g_return_val_if_fail (JL_IS_PAGE (self), NULL);
  return jl_title_cache_get_for_store (jl_page_get_store (self));
}

void
jl_page_toast (JlPage     *self,
               const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (JL_IS_WINDOW (root))
    jl_window_toast (JL_WINDOW (root), message, NULL, NULL);
}

void
jl_page_show_error (JlPage       *self,
                    const char   *heading,
                    const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, error ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
