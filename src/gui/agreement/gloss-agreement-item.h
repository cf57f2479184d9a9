/* gloss-agreement-item.h: one row of an agreement table as a list item
 *
 * The item also knows how a value is shown: three decimals, or a dash when
 * the measure is undefined, and which of Krippendorff's bands it falls in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "gloss-agreement-measures.h"

G_BEGIN_DECLS

/* Krippendorff's guide lines for alpha: rely on data from 0.800, draw
 * tentative conclusions from 0.667. */
#define GLOSS_AGREEMENT_RELIABLE  0.800
#define GLOSS_AGREEMENT_TENTATIVE 0.667

#define GLOSS_TYPE_AGREEMENT_ITEM (gloss_agreement_item_get_type ())

G_DECLARE_FINAL_TYPE (GlossAgreementItem, gloss_agreement_item, GLOSS, AGREEMENT_ITEM, GObject)

/* A pinned item (the overall row) sorts before every other. */
GlossAgreementItem           *gloss_agreement_item_new          (gint64                        id,
                                                                 const char                   *label,
                                                                 gboolean                      pinned,
                                                                 const GlossAgreementMeasures *measures);
gint64                        gloss_agreement_item_get_id       (GlossAgreementItem *self);
const char                   *gloss_agreement_item_get_label    (GlossAgreementItem *self);
gboolean                      gloss_agreement_item_get_pinned   (GlossAgreementItem *self);
const GlossAgreementMeasures *gloss_agreement_item_get_measures (GlossAgreementItem *self);

/* "0.812", or "—" when undefined or not reported. */
char       *gloss_agreement_format_measure    (const GlossAgreementMeasures *measures,
                                               GlossMeasureKind              kind);
/* Why the value is undefined, or NULL. */
const char *gloss_agreement_measure_reason    (const GlossAgreementMeasures *measures,
                                               GlossMeasureKind              kind);
/* "reliable", "tentative", "unreliable" for a chance-corrected measure with a
 * value; NULL for raw agreement (percent, Holsti) and undefined values. */
const char *gloss_agreement_measure_css_class (const GlossAgreementMeasures *measures,
                                               GlossMeasureKind              kind);
/* "0.712–0.803", or "—" without a bootstrap. */
char       *gloss_agreement_format_interval   (const GlossAgreementMeasures *measures);
/* The interval and the chances of alpha below 0.667 and 0.800, or NULL. */
char       *gloss_agreement_interval_tooltip  (const GlossAgreementMeasures *measures);
/* Orders values for a column sorter: undefined after every value. */
int         gloss_agreement_compare_measure   (const GlossAgreementMeasures *a,
                                               const GlossAgreementMeasures *b,
                                               GlossMeasureKind              kind);

G_END_DECLS
