/* gloss-document-item.c: one document as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-document-item.h"

struct _GlossDocumentItem
{
  GObject            parent_instance;

  GlossDocumentInfo *info;
};

G_DEFINE_FINAL_TYPE (GlossDocumentItem, gloss_document_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DETAILS,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlossDocumentItem *
gloss_document_item_new (GlossDocumentInfo *info)
{
  GlossDocumentItem *self = g_object_new (GLOSS_TYPE_DOCUMENT_ITEM, NULL);

  self->info = info;
  return self;
}

const GlossDocumentInfo *
gloss_document_item_get_info (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), NULL);

  return self->info;
}

gint64
gloss_document_item_get_id (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), 0);

  return self->info->id;
}

/* "12 pages · 3 codings" */
char *
gloss_document_item_dup_details (GlossDocumentItem *self)
{
  g_autofree char *pages = NULL;
  g_autofree char *codings = NULL;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), NULL);

  pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", self->info->n_pages),
                           self->info->n_pages);
  codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%" PRId64 " coding",
                                          "%" PRId64 " codings",
                                          self->info->n_codings),
                             self->info->n_codings);
  /* Translators: "12 pages · 3 codings" */
  return g_strdup_printf (_("%s · %s"), pages, codings);
}

static const char *
icon_name (GlossDocumentItem *self)
{
  return self->info->kind == GLOSS_DOCUMENT_PDF ? "x-office-document-symbolic" : "text-x-generic-symbolic";
}

static void
gloss_document_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossDocumentItem *self = GLOSS_DOCUMENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->info->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->info->title);
      break;
    case PROP_DETAILS:
      g_value_take_string (value, gloss_document_item_dup_details (self));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, icon_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_item_finalize (GObject *object)
{
  GlossDocumentItem *self = GLOSS_DOCUMENT_ITEM (object);

  g_clear_pointer (&self->info, gloss_document_info_free);

  G_OBJECT_CLASS (gloss_document_item_parent_class)->finalize (object);
}

static void
gloss_document_item_class_init (GlossDocumentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_document_item_finalize;
  object_class->get_property = gloss_document_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_document_item_init (GlossDocumentItem *self)
{
}
