/* gloss-code-item.c: one code of the codebook as a tree list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "gloss-code-item.h"

struct _GlossCodeItem
{
  GObject     parent_instance;

  GlossCode  *code;
  gint64      count;
  GListStore *children;
  char       *folded_name;   /* casefolded when first filtered, then kept */
  char       *folded_path;
};

G_DEFINE_FINAL_TYPE (GlossCodeItem, gloss_code_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PATH,
  PROP_COLOR,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlossCodeItem *
gloss_code_item_new (GlossCode *code,
                     gint64     count)
{
  GlossCodeItem *self = g_object_new (GLOSS_TYPE_CODE_ITEM, NULL);

  self->code = code;
  self->count = count;
  return self;
}

const GlossCode *
gloss_code_item_get_code (GlossCodeItem *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_ITEM (self), NULL);

  return self->code;
}

gint64
gloss_code_item_get_id (GlossCodeItem *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_ITEM (self), 0);

  return self->code->id;
}

gint64
gloss_code_item_get_count (GlossCodeItem *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_ITEM (self), 0);

  return self->count;
}

GListStore *
gloss_code_item_get_children (GlossCodeItem *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_ITEM (self), NULL);

  return self->children;
}

static gboolean
text_contains (const char *haystack,
               const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
matches_tree (GlossCodeItem *self,
              const char    *folded_needle)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

  if (text_contains (self->code->name, folded_needle) ||
      text_contains (self->code->path, folded_needle))
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossCodeItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
      if (matches_tree (child, folded_needle))
        return TRUE;
    }
  return FALSE;
}

gboolean
gloss_code_item_matches_tree (GlossCodeItem *self,
                              const char    *needle)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (GLOSS_IS_CODE_ITEM (self), FALSE);

  if (needle == NULL || *needle == '\0')
    return TRUE;
  folded = g_utf8_casefold (needle, -1);
  return matches_tree (self, folded);
}

gboolean
gloss_code_item_matches_folded (GlossCodeItem *self,
                                const char    *folded_needle)
{
  g_return_val_if_fail (GLOSS_IS_CODE_ITEM (self), FALSE);

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;
  if (self->folded_name == NULL)
    {
      self->folded_name = g_utf8_casefold (self->code->name, -1);
      self->folded_path = self->code->path != NULL ? g_utf8_casefold (self->code->path, -1) : g_strdup ("");
    }
  return strstr (self->folded_name, folded_needle) != NULL ||
         strstr (self->folded_path, folded_needle) != NULL;
}

static void
gloss_code_item_finalize (GObject *object)
{
  GlossCodeItem *self = GLOSS_CODE_ITEM (object);

  g_clear_pointer (&self->code, gloss_code_free);
  g_clear_object (&self->children);
  g_clear_pointer (&self->folded_name, g_free);
  g_clear_pointer (&self->folded_path, g_free);

  G_OBJECT_CLASS (gloss_code_item_parent_class)->finalize (object);
}

static void
gloss_code_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlossCodeItem *self = GLOSS_CODE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->code->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->code->name);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->code->path);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->code->color);
      break;
    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_code_item_class_init (GlossCodeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_code_item_finalize;
  object_class->get_property = gloss_code_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_code_item_init (GlossCodeItem *self)
{
  self->children = g_list_store_new (GLOSS_TYPE_CODE_ITEM);
}
