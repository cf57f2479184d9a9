/* gloss-agreement-report-private.h: what the report's parts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-agreement-report.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_AGREEMENT_TABLE_OVERALL,
  GLOSS_AGREEMENT_TABLE_CODES,
  GLOSS_AGREEMENT_TABLE_DOCUMENTS,
  GLOSS_AGREEMENT_TABLE_PAIRS,
  GLOSS_AGREEMENT_N_TABLES,
} GlossAgreementTable;

/* A coding as the report reads it: ids and range only, no text. */
typedef struct
{
  gint64 document_id;
  gint64 coder_id;
  gint64 code_id;
  gint64 start;
  gint64 end;
} GlossCodingRow;

/* One coding, as indices into the inputs' tables. */
typedef struct
{
  guint  document;
  guint  coder;
  guint  code;      /* index into codes (with a group: the category) */
  gint64 start;
  gint64 end;
  guint  coding;    /* index into the inputs' codings */
} GlossAgreementSpan;

typedef struct
{
  const GlossAgreementOptions *options;
  GCancellable *cancellable;
  guint         n_coders;
  GPtrArray    *documents;    /* GlossDocumentInfo *, in project order */
  GPtrArray    *codes;        /* GlossCode *: compared codes, or the group's children */
  GArray       *spans;        /* GlossAgreementSpan, by document then start */
  guint        *doc_offsets;  /* spans of document d: [doc_offsets[d], doc_offsets[d + 1]) */
  GHashTable   *notes_seen;
  GArray       *codings;      /* GlossCodingRow: every coding of the project's documents */
  GPtrArray    *left_out;     /* char *: coders left out by default (no codings) */
  /* The bootstrap's blocks of each row (GlossBootstrapBlocks *, owned), for
   * the units whose values are clustered on a continuum; a table without
   * them has its pairs of values drawn one by one. */
  GPtrArray    *blocks[GLOSS_AGREEMENT_N_TABLES];
} GlossAgreementInputs;

/* Takes @blocks as those of row @row of @table. */
void     _gloss_agreement_inputs_set_blocks (GlossAgreementInputs *inputs,
                                             GlossAgreementTable   table,
                                             guint                 row,
                                             GlossBootstrapBlocks *blocks);

void     _gloss_agreement_report_note       (GlossAgreementReport *report,
                                             GlossAgreementInputs *inputs,
                                             const char           *format,
                                             ...) G_GNUC_PRINTF (3, 4);
void     _gloss_agreement_report_add_row    (GArray                       *rows,
                                             gint64                        id,
                                             const char                   *label,
                                             const GlossAgreementMeasures *measures);
void     _gloss_agreement_report_add_pair   (GlossAgreementReport         *report,
                                             guint                         a,
                                             guint                         b,
                                             const GlossAgreementMeasures *measures);
/* Appends a disagreement; @values (n_coders) are interned strings. */
void     _gloss_agreement_report_add_disagreement (GlossAgreementReport *report,
                                                   GlossAgreementInputs *inputs,
                                                   guint                 document,
                                                   gint64                start,
                                                   gint64                end,
                                                   const char           *code,
                                                   const char          **values);

/* The clear function of the report's disagreements. */
void     _gloss_agreement_disagreement_clear (gpointer data);

/* gloss-agreement-report-disagreements.c; both need the disagreements
 * sorted by document and start. */
void     _gloss_agreement_report_merge_substitutions (GlossAgreementReport *report,
                                                      GlossAgreementInputs *inputs);
gboolean _gloss_agreement_report_add_versions (GlossAgreementReport *report,
                                               GlossAgreementInputs *inputs,
                                               GError              **error);

gboolean _gloss_agreement_compute_document  (GlossAgreementInputs *inputs,
                                             GlossAgreementReport *report,
                                             GError              **error);
gboolean _gloss_agreement_compute_char      (GlossAgreementInputs *inputs,
                                             GlossAgreementReport *report,
                                             GError              **error);
gboolean _gloss_agreement_compute_segment   (GlossAgreementInputs *inputs,
                                             GlossAgreementReport *report,
                                             GError              **error);
gboolean _gloss_agreement_compute_unitized  (GlossAgreementInputs *inputs,
                                             GlossAgreementReport *report,
                                             GError              **error);

G_END_DECLS
