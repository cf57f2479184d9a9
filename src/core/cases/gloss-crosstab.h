/* gloss-crosstab.h: codes against attribute values, sets or coders
 *
 * Each cell holds the codings of a code (and, with_children, of the codes
 * below it) in the documents of a column, the number of those documents
 * with such a coding, and that number as a share of the column's
 * documents. Columns are the values of a document attribute (category
 * values in their order, others sorted, then "(empty)"), the document sets
 * (a document may be in several), or the coders. With by_coder every code
 * gets one row per coder. The scope narrows documents and coders as for
 * queries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-query.h"
#include "gloss-table-writer.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_CROSSTAB_ATTRIBUTE,
  GLOSS_CROSSTAB_SETS,
  GLOSS_CROSSTAB_CODERS,
} GlossCrosstabColumns;

typedef enum
{
  GLOSS_CROSSTAB_CODINGS,
  GLOSS_CROSSTAB_DOCUMENTS,
  GLOSS_CROSSTAB_PERCENT,   /* of the column's documents */
} GlossCrosstabMeasure;

gboolean gloss_crosstab_measure_from_string (const char           *str,
                                             GlossCrosstabMeasure *measure);

typedef struct
{
  GlossCrosstabColumns columns;
  gint64               attribute_id;   /* GLOSS_CROSSTAB_ATTRIBUTE */
  GArray              *code_ids;       /* gint64 rows; NULL: every code in codebook order */
  gboolean             with_children;
  gboolean             by_coder;
  GlossScope           scope;
} GlossCrosstabOptions;

typedef struct
{
  GPtrArray *row_labels;       /* char *: code path, or "path · coder" */
  GArray    *row_code_ids;     /* gint64 */
  GArray    *row_coder_ids;    /* gint64; 0 when not by coder */
  GPtrArray *col_labels;       /* char * */
  gint64    *col_documents;    /* documents of each column in the scope */
  gint64     n_documents;      /* documents in the scope */
  gint64    *codings;          /* row-major */
  gint64    *documents;        /* row-major */
  gint64    *row_codings;      /* per row, all columns */
  gint64    *row_documents;    /* per row, distinct documents over all columns */
} GlossCrosstab;

void          gloss_crosstab_free    (GlossCrosstab *crosstab);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCrosstab, gloss_crosstab_free)

guint         gloss_crosstab_n_rows  (const GlossCrosstab *crosstab);
guint         gloss_crosstab_n_cols  (const GlossCrosstab *crosstab);
/* The cell in @measure; a percentage of no documents is 0. */
double        gloss_crosstab_get     (const GlossCrosstab  *crosstab,
                                      GlossCrosstabMeasure  measure,
                                      guint                 row,
                                      guint                 col);

GlossCrosstab *gloss_project_crosstab (GlossProject               *self,
                                       const GlossCrosstabOptions *options,
                                       GError                    **error);

/* One table of @measure with a total column, as CSV, XLSX or HTML. */
gboolean      gloss_crosstab_write   (const GlossCrosstab  *crosstab,
                                      GlossCrosstabMeasure  measure,
                                      GlossTableFormat      format,
                                      const char           *out_path,
                                      GError              **error);

G_END_DECLS
