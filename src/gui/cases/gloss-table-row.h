/* gloss-table-row.h: one document of the documents table, with its
 * attribute values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_TABLE_ROW (gloss_table_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossTableRow, gloss_table_row, GLOSS, TABLE_ROW, GObject)

GlossTableRow *gloss_table_row_new        (gint64         id,
                                           const char    *title,
                                           gint64         n_codings);
gint64         gloss_table_row_get_id     (GlossTableRow *self);
const char    *gloss_table_row_get_title  (GlossTableRow *self);
gint64         gloss_table_row_get_n_codings (GlossTableRow *self);
/* NULL when the document has no value of the attribute. */
const char    *gloss_table_row_get_value  (GlossTableRow *self,
                                           gint64         attribute_id);
void           gloss_table_row_set_value  (GlossTableRow *self,
                                           gint64         attribute_id,
                                           const char    *value);
/* Takes title, codings and values of @from (a row of the same document)
 * and emits "changed" if any differ. */
void           gloss_table_row_update     (GlossTableRow *self,
                                           GlossTableRow *from);

/*
 * Signals:
 *   "changed"   what the row shows changed
 */

G_END_DECLS
