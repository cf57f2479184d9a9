/* gloss-core.h: everything core offers, one include for the window,
 * gloss-cli and the tests
 *
 * Core is grouped by domain: project/ (the project file, schema, history,
 * codebook, codings), document/ (import, page texts and layout),
 * agreement/ (measures, units, report), exchange/ (coder copies, merge,
 * REFI-QDA), export/ (coded excerpts, matrices) and cases/ (attributes,
 * cases, sets, queries, crosstabs) and sync/ (the team server). Private headers
 * (*-private.h) stay inside their domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* project/ */
#include "gloss-error.h"
#include "gloss-types.h"
#include "gloss-atomic-file.h"
#include "gloss-palette.h"
#include "gloss-project.h"
#include "gloss-project-repair.h"
#include "gloss-stale-files.h"
#include "gloss-project-notes.h"

/* document/ */
#include "gloss-import.h"
#include "gloss-text-pages.h"
#include "gloss-page-source.h"
#include "gloss-page-layout.h"

/* agreement/ */
#include "gloss-rating-table.h"
#include "gloss-agreement-measures.h"
#include "gloss-agreement-options.h"
#include "gloss-char-units.h"
#include "gloss-unitizing.h"
#include "gloss-agreement-quotes.h"
#include "gloss-agreement-report.h"
#include "gloss-agreement-export.h"
#include "gloss-consensus.h"

/* exchange/ */
#include "gloss-project-exchange.h"

/* export/ */
#include "gloss-excerpt-export.h"
#include "gloss-matrix.h"
#include "gloss-table-writer.h"

/* cases/ */
#include "gloss-cases.h"
#include "gloss-query.h"
#include "gloss-crosstab.h"
#include "gloss-crosstab-chart.h"

/* sync/ */
#include "gloss-sync.h"
#include "gloss-sync-watch.h"
