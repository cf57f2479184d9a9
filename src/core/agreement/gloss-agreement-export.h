/* gloss-agreement-export.h: an agreement report as JSON, CSV, HTML or text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gloss-agreement-report.h"

G_BEGIN_DECLS

/* {"unit", "coders", "overall", "codes", "documents", "pairs",
 *  "disagreements", "notes"}; an undefined measure is null. */
JsonNode *gloss_agreement_report_to_json_node (const GlossAgreementReport *report);
char     *gloss_agreement_report_to_json      (const GlossAgreementReport *report);
/* One line per row: section,name,units[,matched,unmatched],measures... */
char     *gloss_agreement_report_to_csv       (const GlossAgreementReport *report);
/* A standalone page with the tables and the disagreements. */
char     *gloss_agreement_report_to_html      (const GlossAgreementReport *report);
/* Plain-text tables for a terminal. */
char     *gloss_agreement_report_to_text      (const GlossAgreementReport *report);

G_END_DECLS
