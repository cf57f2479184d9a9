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
 *   table.edit-set (x set, 0: the chosen one)   the dialog for its name and rule
 *   table.change-set (x set, s name, s rule)    rule blank: its listed members
 *   table.edit-attribute (x attribute)   the dialog to rename or retype it
 *   table.change-attribute (x attribute, s name, s type, s values, b empty
 *                          the values that do not convert; without, they
 *                          are listed and the user asked)
 *   table.delete-attribute (x attribute) asks first, then deletes it
 *   table.undo                           the project's last change undone
 *   columns.attribute-ID                 (boolean state) the column is shown;
 *                                        the columns hidden are remembered
 *                                        per project
 * Each attribute column's header menu offers its edit, delete and show.
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
