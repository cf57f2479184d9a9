/* gloss-agreement-report.h: inter-coder agreement over a project
 *
 * The report gathers the inputs of the pure measures (gloss-rating-table.h,
 * gloss-unitizing.h) from a project for the chosen coders, documents, codes
 * and unit of analysis, and lists where the coders disagree. The codings
 * are read a document at a time, so that the memory a report needs while
 * it is computed is bounded by the largest document; the disagreements are
 * kept as offsets, and their text read from the project when shown.
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
#include "gloss-agreement-quotes.h"
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

typedef enum
{
  /* some coders coded the passage with the code, the others did not */
  GLOSS_DISAGREEMENT_OMISSION,
  /* the coders gave the same passage different codes (or categories) */
  GLOSS_DISAGREEMENT_OTHER_CODE,
} GlossDisagreementKind;

/* "omission", "other code" */
const char *gloss_disagreement_kind_to_string (GlossDisagreementKind kind);

/* A coder's own coding behind a disagreement: its extent (its text from
 * gloss_agreement_report_dup_version_quote()). */
typedef struct
{
  gint64  start;
  gint64  end;
} GlossAgreementVersion;

/* A stretch of a document where the coders differ on a code; its text
 * comes from gloss_agreement_report_dup_quote(), when it is shown. */
typedef struct
{
  guint                  document;  /* index into the report's documents */
  gint64                 start;
  gint64                 end;
  GlossDisagreementKind  kind;
  const char            *code;      /* code (or group) path, interned */
  const char            *other_code; /* OTHER_CODE with codes: the second code, interned; else NULL */
  const char           **values;    /* one per coder, interned: "coded", "not coded", a code path... */
  guint                 *versions;  /* per coder: index + 1 into the report's versions, 0: none */
} GlossAgreementDisagreement;

typedef struct
{
  GlossAgreementUnit      unit;
  double                  threshold;   /* segment unit */
  gboolean                coded_only;  /* char unit */
  guint                   samples;     /* bootstrap samples of alpha (0: none) */
  guint64                 seed;        /* and their seed */
  char                   *group;       /* document unit: the group's path, or NULL */
  GPtrArray              *coders;      /* char *, names in the order compared */
  GlossAgreementMeasures  overall;
  GArray                 *codes;       /* GlossAgreementRow; categories with a group */
  GArray                 *documents;   /* GlossAgreementRow */
  GArray                 *pairs;       /* GlossAgreementPair */
  GArray                 *disagreements; /* GlossAgreementDisagreement, in text order */
  GArray                 *versions;    /* GlossAgreementVersion, shared by the disagreements */
  GPtrArray              *notes;       /* char *, sentences: conflicts, why a measure is undefined */
  GlossAgreementQuotes   *quotes;      /* where the disagreements' text is read */
  /* private: the disagreements' lists of values (shared) and versions */
  GHashTable             *value_lists;
  GPtrArray              *version_chunks;
  guint                   chunk_used;
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

/* The pair of coders @a and @b (indices into report->coders, either way
 * round), or NULL. */
const GlossAgreementPair *gloss_agreement_report_find_pair (const GlossAgreementReport *report,
                                                            guint                       a,
                                                            guint                       b);

/* Coder @coder's own coding behind @disagreement, or NULL. */
const GlossAgreementVersion *gloss_agreement_report_get_version (const GlossAgreementReport       *report,
                                                                 const GlossAgreementDisagreement *disagreement,
                                                                 guint                             coder);

/* The text of @disagreement, shortened when long; NULL for the document
 * unit (whose stretch is the whole document) or when the text cannot be
 * read. Read from the project when asked: quote only what is shown. */
char *gloss_agreement_report_dup_quote (const GlossAgreementReport       *report,
                                        const GlossAgreementDisagreement *disagreement);

/* The text of coder @coder's own coding behind @disagreement, or NULL. */
char *gloss_agreement_report_dup_version_quote (const GlossAgreementReport       *report,
                                                const GlossAgreementDisagreement *disagreement,
                                                guint                             coder);

/* How many codings each coder made in the documents @document_ids (all
 * when empty): coder id (gint64 *) -> count (GUINT_TO_POINTER). The
 * default coders of a report are those with codings there. */
GHashTable *gloss_agreement_count_codings_by_coder (GlossProject  *project,
                                                    GArray        *document_ids,
                                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAgreementReport, gloss_agreement_report_free)

G_END_DECLS
