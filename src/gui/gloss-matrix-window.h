/* gloss-matrix-window.h: code matrices as tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-matrix.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_MATRIX_WINDOW (gloss_matrix_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossMatrixWindow, gloss_matrix_window, GLOSS, MATRIX_WINDOW, AdwWindow)

/* ::computed is emitted each time a new matrix is shown. */
GlossMatrixWindow *gloss_matrix_window_new          (GtkWindow         *parent,
                                                     GlossProject      *project);
void               gloss_matrix_window_set_kind     (GlossMatrixWindow *self,
                                                     GlossMatrixKind    kind);
void               gloss_matrix_window_set_presence (GlossMatrixWindow *self,
                                                     gboolean           presence);
/* Only the documents of a set (0: all). */
void               gloss_matrix_window_set_set_id   (GlossMatrixWindow *self,
                                                     gint64             set_id);
/* Computes again (after the project changed). */
void               gloss_matrix_window_reload       (GlossMatrixWindow *self);
gboolean           gloss_matrix_window_get_busy     (GlossMatrixWindow *self);
/* The matrix shown, or NULL before the first one arrives. */
const GlossMatrix *gloss_matrix_window_get_matrix   (GlossMatrixWindow *self);
GtkColumnView     *gloss_matrix_window_get_column_view (GlossMatrixWindow *self);
/* The text of a cell as the table shows it; column 0 holds the codes. */
char              *gloss_matrix_window_dup_cell_text (GlossMatrixWindow *self,
                                                      guint              row,
                                                      guint              column);

G_END_DECLS
