/* gloss-item-row.h: a list row that shows one item
 *
 * The base of the rows a GtkBuilderListItemFactory builds: the list item's
 * "item" is bound to the row's, and the row's template binds its labels to
 * the item's properties. A subclass that needs more than bindings
 * overrides item_changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_ITEM_ROW (gloss_item_row_get_type ())

G_DECLARE_DERIVABLE_TYPE (GlossItemRow, gloss_item_row, GLOSS, ITEM_ROW, GtkWidget)

struct _GlossItemRowClass
{
  GtkWidgetClass parent_class;

  void (*item_changed) (GlossItemRow *self);
};

GObject *gloss_item_row_get_item (GlossItemRow *self);
void     gloss_item_row_set_item (GlossItemRow *self,
                                  GObject      *item);

G_END_DECLS
