/* gloss-reliability-report.h: an agreement report for a methods section
 *
 * One HTML page or one A4 PDF (cairo and pango) with the settings used,
 * the coders, documents and codes, the measures with their bootstrapped
 * intervals, a chart of alpha per code with the 0.667 and 0.800 lines, a
 * heat map of the coder pairs, the disagreements with their text, and the
 * notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-agreement-report.h"

G_BEGIN_DECLS

/* The whole page; @title names the project. */
char     *gloss_reliability_report_to_html  (const GlossAgreementReport *report,
                                             const char                 *title);
gboolean  gloss_reliability_report_write_pdf (const GlossAgreementReport *report,
                                              const char                 *title,
                                              const char                 *path,
                                              GError                    **error);
/* PDF or HTML after the name's extension (.pdf, .html, .htm); another
 * extension is refused and nothing is written. */
gboolean  gloss_reliability_report_write    (const GlossAgreementReport *report,
                                             const char                 *title,
                                             const char                 *path,
                                             GError                    **error);

G_END_DECLS
