/* gloss-agreement-window.h: inter-coder agreement of a project
 *
 * Options (coders, documents, codes, unit), the report computed off the
 * main thread, its tables (per code, per document, per coder pair), the
 * disagreements and, for one of them, the compare view where the lead
 * settles it into the Consensus coder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-agreement-report.h"
#include "gloss-compare-view.h"
#include "gloss-window.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_AGREEMENT_WINDOW (gloss_agreement_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossAgreementWindow, gloss_agreement_window, GLOSS, AGREEMENT_WINDOW, AdwWindow)

/* The agreement window of @window's project: the open one, or a new one. */
GlossAgreementWindow       *gloss_agreement_window_present_for    (GlossWindow          *window);
/* The agreement window open for @window, or NULL. */
GlossAgreementWindow       *gloss_agreement_window_lookup         (GlossWindow          *window);
GlossAgreementWindow       *gloss_agreement_window_new            (GlossWindow          *window,
                                                                   GlossProject         *project);

/* What the option widgets ask for. */
GlossAgreementOptions      *gloss_agreement_window_get_options    (GlossAgreementWindow *self);
void                        gloss_agreement_window_set_unit       (GlossAgreementWindow *self,
                                                                   GlossAgreementUnit    unit);
/* A code group for the document unit (0: none). */
void                        gloss_agreement_window_set_group      (GlossAgreementWindow *self,
                                                                   gint64                group_id);
/* Ticks the documents of a set, and only those (0: every document). */
void                        gloss_agreement_window_set_set        (GlossAgreementWindow *self,
                                                                   gint64                set_id);
gboolean                    gloss_agreement_window_get_busy       (GlossAgreementWindow *self);
/* The report shown, or NULL. */
const GlossAgreementReport *gloss_agreement_window_get_report     (GlossAgreementWindow *self);
/* The per-code and per-document rows as shown (sorted): GlossAgreementItem. */
GListModel                 *gloss_agreement_window_get_codes_model (GlossAgreementWindow *self);
GListModel                 *gloss_agreement_window_get_documents_model (GlossAgreementWindow *self);
/* GlossDisagreementItem in text order. */
GListModel                 *gloss_agreement_window_get_disagreements (GlossAgreementWindow *self);
GlossCompareView           *gloss_agreement_window_get_compare_view (GlossAgreementWindow *self);
/* The name of the page shown: "empty", "computing", "error", "results", "compare". */
const char                 *gloss_agreement_window_get_page       (GlossAgreementWindow *self);
/* Writes the report as "csv", "json" or "html". */
gboolean                    gloss_agreement_window_export         (GlossAgreementWindow *self,
                                                                   const char           *format,
                                                                   GFile                *file,
                                                                   GError              **error);

/*
 * Property: "busy" (a computation runs).
 * Widget actions: agreement.compute, agreement.cancel, agreement.export (s),
 *   agreement.show-disagreement (u), agreement.back, agreement.undo.
 */

G_END_DECLS
