/* jl-org-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-org-node.h"

struct _JlOrgNode
{
  GObject   parent_instance;

  JlRecord *record;
  char     *subtitle;
  int       n_children;
};

G_DEFINE_FINAL_TYPE (JlOrgNode, jl_org_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jl_org_node_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JlOrgNode *self = JL_ORG_NODE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, jl_org_node_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jl_org_node_finalize (GObject *object)
{
  JlOrgNode *self = JL_ORG_NODE (object);

  g_clear_object (&self->record);
  g_free (self->subtitle);
  G_OBJECT_CLASS (jl_org_node_parent_class)->finalize (object);
}

static void
jl_org_node_class_init (JlOrgNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jl_org_node_finalize;
  object_class->get_property = jl_org_node_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jl_org_node_init (JlOrgNode *self)
{
  self->n_children = -1;
}

JlOrgNode *
jl_org_node_new (JlRecord   *record,
                 const char *subtitle)
{
  JlOrgNode *self;

  g_return_val_if_fail (JL_IS_RECORD (record), NULL);

  self = g_object_new (JL_TYPE_ORG_NODE, NULL);
  self->record = g_object_ref (record);
  self->subtitle = g_strdup (subtitle ? subtitle : "");
  return self;
}

JlRecord *
jl_org_node_get_record (JlOrgNode *self)
{
  g_return_val_if_fail (JL_IS_ORG_NODE (self), NULL);
  return self->record;
}

void
jl_org_node_set_record (JlOrgNode  *self,
                        JlRecord   *record,
                        const char *subtitle)
{
  g_return_if_fail (JL_IS_ORG_NODE (self));
  g_return_if_fail (JL_IS_RECORD (record));

  g_set_object (&self->record, record);
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle ? subtitle : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
jl_org_node_get_id (JlOrgNode *self)
{
  g_return_val_if_fail (JL_IS_ORG_NODE (self), NULL);
  return jl_record_get_id (self->record);
}

const char *
jl_org_node_get_title (JlOrgNode *self)
{
  g_return_val_if_fail (JL_IS_ORG_NODE (self), NULL);
  return jl_record_get_title (self->record);
}

const char *
jl_org_node_get_subtitle (JlOrgNode *self)
{
  g_return_val_if_fail (JL_IS_ORG_NODE (self), NULL);
  return self->subtitle;
}

gboolean
jl_org_node_is_community (JlOrgNode *self)
{
  g_return_val_if_fail (JL_IS_ORG_NODE (self), FALSE);
  return strcmp (jl_record_get_kind_name (self->record), "community") == 0;
}

const char *
jl_org_node_get_level (JlOrgNode *self)
{
  g_return_val_if_fail (JL_IS_ORG_NODE (self), NULL);
  return jl_org_node_is_community (self) ? NULL : jl_record_get_string (self->record, "level");
}

const char *
jl_org_node_get_parent_key (JlOrgNode *self)
{
  const char *parent;

  g_return_val_if_fail (JL_IS_ORG_NODE (self), NULL);
  if (jl_org_node_is_community (self))
    return NULL;
  parent = jl_record_get_string (self->record, "parent_id");
  return parent ? parent : jl_record_get_community_id (self->record);
}

gboolean
jl_org_node_can_have_children (JlOrgNode *self)
{
  const char *level;

  g_return_val_if_fail (JL_IS_ORG_NODE (self), FALSE);
  level = jl_org_node_get_level (self);
  return level == NULL || (g_strcmp0 (level, "group") != 0 && g_strcmp0 (level, "center_household") != 0);
}

int
jl_org_node_get_n_children (JlOrgNode *self)
{
  g_return_val_if_fail (JL_IS_ORG_NODE (self), -1);
  return self->n_children;
}

void
jl_org_node_set_n_children (JlOrgNode *self,
                            int        n_children)
{
  g_return_if_fail (JL_IS_ORG_NODE (self));
  self->n_children = n_children;
}

gboolean
jl_org_node_get_expandable (JlOrgNode *self)
{
  g_return_val_if_fail (JL_IS_ORG_NODE (self), FALSE);
  return jl_org_node_can_have_children (self) && self->n_children != 0;
}
