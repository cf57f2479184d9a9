/* gloss-agreement-quotes.h: the text of a report's disagreements, on demand
 *
 * A report keeps its disagreements as offsets into the documents; their
 * text is read when it is shown or exported, one document at a time, so
 * that a report of many disagreements holds no text. The quotes keep the
 * project open and the last document's text (with an index of its
 * characters), so that quoting in text order reads each document once.
 * Safe to use from any thread, one call at a time each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-project.h"

G_BEGIN_DECLS

typedef struct _GlossAgreementQuotes GlossAgreementQuotes;

GlossAgreementQuotes *gloss_agreement_quotes_new   (GlossProject         *project);
GlossAgreementQuotes *gloss_agreement_quotes_ref   (GlossAgreementQuotes *self);
void                  gloss_agreement_quotes_unref (GlossAgreementQuotes *self);

/* The text of [@start, @end) of document @document_id, shortened to its
 * first and last characters around an ellipsis when long; NULL when the
 * document cannot be read. */
char                 *gloss_agreement_quotes_dup   (GlossAgreementQuotes *self,
                                                    gint64                document_id,
                                                    gint64                start,
                                                    gint64                end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAgreementQuotes, gloss_agreement_quotes_unref)

G_END_DECLS
