/* gloss-excerpt-row.c: a coded excerpt (or a memo) in the excerpts pane
 *
 * Its labels are bound to the GlossExcerptItem's properties in the template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-excerpt-item.h"
#include "gloss-excerpt-row.h"

struct _GlossExcerptRow
{
  GlossItemRow parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossExcerptRow, gloss_excerpt_row, GLOSS_TYPE_ITEM_ROW)

static void
gloss_excerpt_row_class_init (GlossExcerptRowClass *klass)
{
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/glossqda/Gloss/gloss-excerpt-row.ui");
  g_type_ensure (GLOSS_TYPE_EXCERPT_ITEM);
}

static void
gloss_excerpt_row_init (GlossExcerptRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
