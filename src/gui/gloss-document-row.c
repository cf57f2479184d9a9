/* gloss-document-row.c: a row of the documents sidebar
 *
 * Its labels are bound to the GlossDocumentItem's properties in the
 * template; the remove button's target is the item's document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-document-item.h"
#include "gloss-document-row.h"

struct _GlossDocumentRow
{
  GlossItemRow  parent_instance;

  /* Template children */
  GtkButton    *remove_button;
};

G_DEFINE_FINAL_TYPE (GlossDocumentRow, gloss_document_row, GLOSS_TYPE_ITEM_ROW)

/* The target first: the action takes the document's id. */
static void
gloss_document_row_item_changed (GlossItemRow *row)
{
  GlossDocumentRow *self = GLOSS_DOCUMENT_ROW (row);
  GObject *item = gloss_item_row_get_item (row);
  GtkActionable *remove = GTK_ACTIONABLE (self->remove_button);

  if (GLOSS_IS_DOCUMENT_ITEM (item))
    {
      gtk_actionable_set_action_target_value (remove,
                                              g_variant_new_int64 (gloss_document_item_get_id (GLOSS_DOCUMENT_ITEM (item))));
      gtk_actionable_set_action_name (remove, "win.remove-document");
    }
  else
    {
      gtk_actionable_set_action_name (remove, NULL);
      gtk_actionable_set_action_target_value (remove, NULL);
    }
}

static void
gloss_document_row_class_init (GlossDocumentRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  GLOSS_ITEM_ROW_CLASS (klass)->item_changed = gloss_document_row_item_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, remove_button);
  g_type_ensure (GLOSS_TYPE_DOCUMENT_ITEM);
}

static void
gloss_document_row_init (GlossDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
