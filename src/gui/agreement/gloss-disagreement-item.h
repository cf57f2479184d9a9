/* gloss-disagreement-item.h: one disagreement of a report as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "gloss-agreement-quotes.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DISAGREEMENT_ITEM (gloss_disagreement_item_get_type ())

G_DECLARE_FINAL_TYPE (GlossDisagreementItem, gloss_disagreement_item, GLOSS, DISAGREEMENT_ITEM, GObject)

/* @values: what each compared coder did, in the report's coder order. */
GlossDisagreementItem *gloss_disagreement_item_new            (gint64                 document_id,
                                                               const char            *document_title,
                                                               gint64                 start,
                                                               gint64                 end,
                                                               const char            *code,
                                                               const char * const    *values);
gint64                 gloss_disagreement_item_get_document_id (GlossDisagreementItem *self);
const char            *gloss_disagreement_item_get_document_title (GlossDisagreementItem *self);
gint64                 gloss_disagreement_item_get_start      (GlossDisagreementItem *self);
gint64                 gloss_disagreement_item_get_end        (GlossDisagreementItem *self);
const char            *gloss_disagreement_item_get_code       (GlossDisagreementItem *self);
guint                  gloss_disagreement_item_get_n_values   (GlossDisagreementItem *self);
const char            *gloss_disagreement_item_get_value      (GlossDisagreementItem *self,
                                                               guint                  coder);
/* What the report knows besides: "omission" or "other code", the second
 * code of a substitution (or NULL), where its text is read (@quotes, or
 * NULL), whether the stretch has a text of its own (@quoted: not for the
 * document unit), and per coder the extent of their own coding there
 * (@versions: start and end, one pair per value; a negative start: none).
 * The texts are read when first asked for, so that only the disagreements
 * shown are quoted. */
void                   gloss_disagreement_item_set_details    (GlossDisagreementItem *self,
                                                               const char            *kind,
                                                               const char            *other_code,
                                                               GlossAgreementQuotes  *quotes,
                                                               gboolean               quoted,
                                                               const gint64          *versions);
const char            *gloss_disagreement_item_get_kind       (GlossDisagreementItem *self);
const char            *gloss_disagreement_item_get_other_code (GlossDisagreementItem *self);
const char            *gloss_disagreement_item_get_quote      (GlossDisagreementItem *self);
/* Coder @coder's own text here, or NULL. */
const char            *gloss_disagreement_item_get_version    (GlossDisagreementItem *self,
                                                               guint                  coder);
/* How the lead settled it ("Amina's version", "Edited"), or NULL. */
const char            *gloss_disagreement_item_get_resolution (GlossDisagreementItem *self);
void                   gloss_disagreement_item_set_resolution (GlossDisagreementItem *self,
                                                               const char            *resolution);

/* A report value ("coded", "not coded", a code path...) for display. */
const char            *gloss_disagreement_value_to_display    (const char            *value);

G_END_DECLS
