/* gloss-document-table.h: the documents as a table, a column per attribute
 *
 * Every column sorts; the user picks the attribute columns shown; a value
 * is changed where it is shown and checked against the attribute's type,
 * with the reason when it does not fit. A set chooser shows only the
 * documents of a set. Activating a row opens the document in the window
 * the table belongs to.
 *
 * Actions (group "table" unless said):
 *   attributes.set-value (x attribute, x document, s value)
 *   table.new-attribute                 the New Attribute dialog
 *   table.create-attribute (s name, s type, s values separated by commas)
 *   table.filter-by-set (x set, 0: all documents)
 *   table.new-set                        the New Set dialog
 *   table.create-set (s name, s rule)    a set given by the rule, or (rule
 *                                        empty) of the documents shown
 *   columns.attribute-ID                 (boolean state) the column is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-cases.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_TABLE (gloss_document_table_get_type ())

G_DECLARE_FINAL_TYPE (GlossDocumentTable, gloss_document_table, GLOSS, DOCUMENT_TABLE, AdwWindow)

GlossDocumentTable *gloss_document_table_new             (GtkWindow          *parent,
                                                          GlossProject       *project);
/* Reads documents, attributes and values again. */
void                gloss_document_table_reload          (GlossDocumentTable *self);
GtkColumnView      *gloss_document_table_get_column_view (GlossDocumentTable *self);
/* The rows in the order shown (after the set's filter and the sort):
 * GlossTableRow items. */
GListModel         *gloss_document_table_get_rows        (GlossDocumentTable *self);
/* The column of @attribute_id, or NULL. */
GtkColumnViewColumn *gloss_document_table_get_column     (GlossDocumentTable *self,
                                                          gint64              attribute_id);
GtkWidget          *gloss_document_table_get_set_chooser (GlossDocumentTable *self);

G_END_DECLS
