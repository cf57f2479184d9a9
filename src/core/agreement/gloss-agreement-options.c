/* gloss-agreement-options.c: what an agreement report is asked to compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-agreement-options.h"

#include "gloss-agreement-bootstrap.h"

static const char *unit_names[] = { "document", "char", "segment", "unitized" };

const char *
gloss_agreement_unit_to_string (GlossAgreementUnit unit)
{
  g_return_val_if_fail (unit < G_N_ELEMENTS (unit_names), NULL);
  return unit_names[unit];
}

gboolean
gloss_agreement_unit_from_string (const char         *str,
                                  GlossAgreementUnit *unit)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (unit_names); i++)
    if (g_str_equal (str, unit_names[i]))
      {
        *unit = (GlossAgreementUnit) i;
        return TRUE;
      }
  return FALSE;
}

GlossAgreementOptions *
gloss_agreement_options_new (GlossAgreementUnit unit)
{
  GlossAgreementOptions *options = g_new0 (GlossAgreementOptions, 1);

  options->unit = unit;
  options->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  options->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  options->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  options->threshold = GLOSS_AGREEMENT_DEFAULT_THRESHOLD;
  options->samples = GLOSS_BOOTSTRAP_DEFAULT_SAMPLES;
  options->seed = GLOSS_BOOTSTRAP_DEFAULT_SEED;
  return options;
}

GlossAgreementOptions *
gloss_agreement_options_copy (const GlossAgreementOptions *options)
{
  GlossAgreementOptions *copy = g_new0 (GlossAgreementOptions, 1);

  *copy = *options;
  copy->coder_ids = g_array_copy (options->coder_ids);
  copy->document_ids = g_array_copy (options->document_ids);
  copy->code_ids = g_array_copy (options->code_ids);
  return copy;
}

void
gloss_agreement_options_free (GlossAgreementOptions *options)
{
  if (options == NULL)
    return;
  g_array_unref (options->coder_ids);
  g_array_unref (options->document_ids);
  g_array_unref (options->code_ids);
  g_free (options);
}
