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

/* One coding, as indices into the inputs' tables. */
typedef struct
{
  guint  document;
  guint  coder;
  guint  code;      /* index into codes (with a group: the category) */
  gint64 start;
  gint64 end;
  guint  coding;    /* index among its document's spans */
} GlossAgreementSpan;

typedef struct
{
  const GlossAgreementOptions *options;
  GCancellable *cancellable;
  guint         n_coders;
  GPtrArray    *documents;    /* GlossDocumentInfo *, in project order */
  GPtrArray    *codes;        /* GlossCode *: compared codes, or the group's children */
  /* The codings are read one document at a time, so that the memory held
   * is bounded by the largest document, not by the project. */
  GlossProject *project;
  GHashTable   *coder_index;  /* coder id -> index + 1 */
  GHashTable   *code_index;   /* code id -> index + 1 */
  guint         n_codings;    /* the compared coders' codings in the chosen documents */
  GThreadPool  *bootstraps;   /* draws the rows' bootstrap samples, or NULL */
  guint         current;      /* the document whose spans are read, G_MAXUINT: none */
  GArray       *spans;        /* GlossAgreementSpan of document @current, by start */
  GHashTable   *code_paths;   /* interned code path -> index + 1 */
  GHashTable   *notes_seen;
  GPtrArray    *left_out;     /* char *: coders left out by default (no codings) */
  /* The bootstrap's blocks of each row (GlossBootstrapBlocks *, owned), for
   * the units whose values are clustered on a continuum; a table without
   * them has its pairs of values drawn one by one. */
  GPtrArray    *blocks[GLOSS_AGREEMENT_N_TABLES];
} GlossAgreementInputs;

/* Reads document @d's codings by the compared coders with the compared
 * codes into inputs->spans, replacing the last document's. */
gboolean _gloss_agreement_inputs_read_document (GlossAgreementInputs *inputs,
                                                guint                 d,
                                                GError              **error);

/* Takes @blocks as those of row @row of @table. */
void     _gloss_agreement_inputs_set_blocks (GlossAgreementInputs *inputs,
                                             GlossAgreementTable   table,
                                             guint                 row,
                                             GlossBootstrapBlocks *blocks);

/* Bootstraps document row @d (added already) on its @blocks (taken) at
 * once, so that no document's blocks wait for the others. */
void     _gloss_agreement_report_bootstrap_document (GlossAgreementReport *report,
                                                     GlossAgreementInputs *inputs,
                                                     guint                 d,
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

/* The list of @n values @values, shared by the disagreements that have the
 * same (most have one of few): owned by @report. */
const char **_gloss_agreement_report_share_values (GlossAgreementReport *report,
                                                   const char          **values,
                                                   guint                 n);
/* @n version places, zeroed, owned by @report. */
guint       *_gloss_agreement_report_alloc_versions (GlossAgreementReport *report,
                                                     guint                 n);

/* gloss-agreement-report-disagreements.c: the disagreements from @first
 * on, those of the document whose spans are read, are sorted by start,
 * substitutions merged and each coder's version found. A part calls it
 * after each document. */
void     _gloss_agreement_report_finish_document (GlossAgreementReport *report,
                                                  GlossAgreementInputs *inputs,
                                                  guint                 first);

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
