/* gloss-agreement-report.h: inter-coder agreement over a project
 *
 * The report gathers the inputs of the pure measures (gloss-agreement.h,
 * gloss-unitizing.h) from a project for the chosen coders, documents, codes
 * and unit of analysis, and lists where the coders disagree.
 *
 * gloss_agreement_report_compute() blocks; a window runs the _async pair,
 * which reads the project through its own connection in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-agreement-measures.h"
#include "gloss-agreement-options.h"
#include "gloss-project.h"

G_BEGIN_DECLS

/* One row of the per-code or per-document table. */
typedef struct
{
  gint64                  id;     /* code or document id */
  char                   *label;  /* code path or document title */
  GlossAgreementMeasures  measures;
} GlossAgreementRow;

/* Two coders (indices into the report's coders) and their measures. */
typedef struct
{
  guint                   coder_a;
  guint                   coder_b;
  GlossAgreementMeasures  measures;
} GlossAgreementPair;

/* A stretch of a document where the coders differ on a code. */
typedef struct
{
  guint        document;  /* index into the report's documents */
  gint64       start;
  gint64       end;
  const char  *code;      /* code (or group) path, interned */
  const char **values;    /* one per coder, interned: "coded", "not coded", a code path... */
} GlossAgreementDisagreement;

typedef struct
{
  GlossAgreementUnit      unit;
  double                  threshold;   /* segment unit */
  gboolean                coded_only;  /* char unit */
  char                   *group;       /* document unit: the group's path, or NULL */
  GPtrArray              *coders;      /* char *, names in the order compared */
  GlossAgreementMeasures  overall;
  GArray                 *codes;       /* GlossAgreementRow; categories with a group */
  GArray                 *documents;   /* GlossAgreementRow */
  GArray                 *pairs;       /* GlossAgreementPair */
  GArray                 *disagreements; /* GlossAgreementDisagreement, in text order */
  GPtrArray              *notes;       /* char *: conflicts, why a measure is undefined */
} GlossAgreementReport;

GlossAgreementReport *gloss_agreement_report_compute        (GlossProject                *project,
                                                             const GlossAgreementOptions *options,
                                                             GCancellable                *cancellable,
                                                             GError                     **error);
void                  gloss_agreement_report_compute_async  (GlossProject                *project,
                                                             const GlossAgreementOptions *options,
                                                             GCancellable                *cancellable,
                                                             GAsyncReadyCallback          callback,
                                                             gpointer                     user_data);
GlossAgreementReport *gloss_agreement_report_compute_finish (GAsyncResult                *result,
                                                             GError                     **error);
void                  gloss_agreement_report_free           (GlossAgreementReport        *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAgreementReport, gloss_agreement_report_free)

G_END_DECLS
