/* gloss-agreement-options.h: what an agreement report is asked to compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_AGREEMENT_UNIT_DOCUMENT,
  GLOSS_AGREEMENT_UNIT_CHAR,
  GLOSS_AGREEMENT_UNIT_SEGMENT,
  GLOSS_AGREEMENT_UNIT_UNITIZED,
} GlossAgreementUnit;

const char *gloss_agreement_unit_to_string   (GlossAgreementUnit  unit);
gboolean    gloss_agreement_unit_from_string (const char         *str,
                                              GlossAgreementUnit *unit);

#define GLOSS_AGREEMENT_DEFAULT_THRESHOLD 0.9

typedef struct
{
  GlossAgreementUnit unit;
  GArray   *coder_ids;     /* gint64; two or more (empty: every coder with codings in the documents) */
  GArray   *document_ids;  /* gint64; empty: every document */
  GArray   *code_ids;      /* gint64; empty: every code (not with a group) */
  gint64    group_id;      /* document unit: the code whose children are the categories; 0: none */
  gboolean  coded_only;    /* char unit: only characters some compared coder coded */
  double    threshold;     /* segment unit: overlap needed to match, in (0, 1] */
  guint     samples;       /* bootstrap samples of alpha; 0: none */
  guint64   seed;          /* the bootstrap's seed, so a report can be reproduced */
} GlossAgreementOptions;

GlossAgreementOptions *gloss_agreement_options_new  (GlossAgreementUnit           unit);
GlossAgreementOptions *gloss_agreement_options_copy (const GlossAgreementOptions *options);
void                   gloss_agreement_options_free (GlossAgreementOptions       *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAgreementOptions, gloss_agreement_options_free)

G_END_DECLS
