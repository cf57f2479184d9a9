/* gloss-matrix-row.h: one row of a code matrix, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_MATRIX_ROW (gloss_matrix_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossMatrixRow, gloss_matrix_row, GLOSS, MATRIX_ROW, GObject)

GlossMatrixRow *gloss_matrix_row_new          (const char     *label,
                                               const gint64   *values,
                                               guint           n_values);
const char     *gloss_matrix_row_get_label    (GlossMatrixRow *self);
guint           gloss_matrix_row_get_n_values (GlossMatrixRow *self);
/* 0 past the end. */
gint64          gloss_matrix_row_get_value    (GlossMatrixRow *self,
                                               guint           column);

G_END_DECLS
