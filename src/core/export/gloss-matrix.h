/* gloss-matrix.h: code matrices as plain tables
 *
 * - code x document: codings of each code in each document;
 * - code x coder: codings of each code by each coder;
 * - co-occurrence: code x code, the number of pairs of codings (one of each
 *   code, any coders) in the same document whose ranges overlap; the
 *   diagonal holds each code's number of codings.
 * Rows are the codes in codebook order (their paths); with @presence every
 * count becomes 1 or 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-excerpt-export.h"
#include "gloss-project.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_MATRIX_CODE_DOCUMENT,
  GLOSS_MATRIX_CODE_CODER,
  GLOSS_MATRIX_COOCCURRENCE,
} GlossMatrixKind;

typedef struct
{
  GlossMatrixKind  kind;
  char            *corner;      /* the label of the top-left cell */
  GPtrArray       *row_labels;  /* char * */
  GPtrArray       *col_labels;  /* char * */
  gint64          *values;      /* row-major, n_rows * n_cols */
} GlossMatrix;

void     gloss_matrix_free        (GlossMatrix *matrix);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossMatrix, gloss_matrix_free)

gboolean gloss_matrix_kind_from_string (const char      *name,
                                        GlossMatrixKind *kind);
gint64   gloss_matrix_get         (const GlossMatrix *matrix,
                                   guint              row,
                                   guint              col);
/* @filter narrows the codings (its code_id is ignored). */
GlossMatrix *gloss_matrix_compute (GlossProject            *project,
                                   GlossMatrixKind          kind,
                                   const GlossCodingFilter *filter,
                                   gboolean                 presence,
                                   GError                 **error);
/* The same in a thread, on a connection of its own. */
void         gloss_matrix_compute_async  (GlossProject            *project,
                                          GlossMatrixKind          kind,
                                          const GlossCodingFilter *filter,
                                          gboolean                 presence,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data);
GlossMatrix *gloss_matrix_compute_finish (GlossProject            *project,
                                          GAsyncResult            *result,
                                          GError                 **error);
/* @format: GLOSS_EXCERPT_CSV or GLOSS_EXCERPT_XLSX. */
gboolean gloss_matrix_write       (const GlossMatrix *matrix,
                                   GlossExcerptFormat format,
                                   const char        *out_path,
                                   GError           **error);

G_END_DECLS
