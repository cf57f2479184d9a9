/* gloss-agreement-item.c: one row of an agreement table as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-agreement-item.h"

#include <glib/gi18n.h>
#include <math.h>

struct _GlossAgreementItem
{
  GObject                 parent_instance;

  gint64                  id;
  char                   *label;
  gboolean                pinned;
  GlossAgreementMeasures  measures;
};

G_DEFINE_FINAL_TYPE (GlossAgreementItem, gloss_agreement_item, G_TYPE_OBJECT)

GlossAgreementItem *
gloss_agreement_item_new (gint64                        id,
                          const char                   *label,
                          gboolean                      pinned,
                          const GlossAgreementMeasures *measures)
{
  GlossAgreementItem *self = g_object_new (GLOSS_TYPE_AGREEMENT_ITEM, NULL);

  self->id = id;
  self->label = g_strdup (label);
  self->pinned = pinned;
  self->measures = *measures;
  return self;
}

gint64
gloss_agreement_item_get_id (GlossAgreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_ITEM (self), 0);

  return self->id;
}

const char *
gloss_agreement_item_get_label (GlossAgreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_ITEM (self), NULL);

  return self->label;
}

gboolean
gloss_agreement_item_get_pinned (GlossAgreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_ITEM (self), FALSE);

  return self->pinned;
}

const GlossAgreementMeasures *
gloss_agreement_item_get_measures (GlossAgreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_ITEM (self), NULL);

  return &self->measures;
}

/* Values */

static gboolean
has_value (const GlossAgreementMeasures *measures,
           GlossMeasureKind              kind)
{
  return gloss_agreement_measures_has (measures, kind)
         && gloss_measure_is_defined (measures->values[kind]);
}

char *
gloss_agreement_format_measure (const GlossAgreementMeasures *measures,
                                GlossMeasureKind              kind)
{
  double value;

  if (measures->no_data && gloss_agreement_measures_has (measures, kind))
    return g_strdup (_("no data"));
  if (!has_value (measures, kind))
    return g_strdup ("—");
  value = measures->values[kind].value;
  /* A value that rounds to zero is shown as zero, never as "-0.000". */
  if (fabs (value) < 0.0005)
    value = 0;
  return g_strdup_printf ("%.3f", value);
}

static double
no_negative_zero (double value)
{
  return fabs (value) < 0.0005 ? 0 : value;
}

char *
gloss_agreement_format_interval (const GlossAgreementMeasures *measures)
{
  if (!measures->bootstrap.defined)
    return g_strdup ("—");
  return g_strdup_printf ("%.3f–%.3f", no_negative_zero (measures->bootstrap.low),
                          no_negative_zero (measures->bootstrap.high));
}

char *
gloss_agreement_interval_tooltip (const GlossAgreementMeasures *measures)
{
  const GlossBootstrap *b = &measures->bootstrap;

  if (!b->defined)
    return NULL;
  return g_strdup_printf (_("95%% of %u bootstrap samples of alpha lie between %.3f and %.3f.\n"
                            "Chance that alpha is below 0.667: %.1f%%; below 0.800: %.1f%%."),
                          b->samples, no_negative_zero (b->low), no_negative_zero (b->high),
                          100 * b->p_below_tentative, 100 * b->p_below_reliable);
}

const char *
gloss_agreement_measure_reason (const GlossAgreementMeasures *measures,
                                GlossMeasureKind              kind)
{
  if (!gloss_agreement_measures_has (measures, kind))
    return NULL;
  if (measures->no_data)
    return _("No compared coder coded anything here, so there is nothing to measure agreement on. "
             "This row counts in no overall figure.");
  if (measures->prevalence && (kind == GLOSS_MEASURE_BRENNAN_PREDIGER || kind == GLOSS_MEASURE_GWET_AC1))
    return _("High only because most units are left uncoded by every coder (the prevalence paradox): "
             "Krippendorff's alpha, low here, takes that into account. Report alpha.");
  return measures->values[kind].reason;
}

const char *
gloss_agreement_measure_css_class (const GlossAgreementMeasures *measures,
                                   GlossMeasureKind              kind)
{
  double value;

  /* Raw agreement is high by chance alone; the bands are meant for
   * chance-corrected coefficients. */
  if (kind == GLOSS_MEASURE_PERCENT_AGREEMENT || kind == GLOSS_MEASURE_HOLSTI)
    return NULL;
  if (!has_value (measures, kind))
    return NULL;
  value = measures->values[kind].value;
  if (value >= GLOSS_AGREEMENT_RELIABLE)
    return "reliable";
  if (value >= GLOSS_AGREEMENT_TENTATIVE)
    return "tentative";
  return "unreliable";
}

int
gloss_agreement_compare_measure (const GlossAgreementMeasures *a,
                                 const GlossAgreementMeasures *b,
                                 GlossMeasureKind              kind)
{
  gboolean has_a = has_value (a, kind), has_b = has_value (b, kind);
  double x, y;

  if (!has_a || !has_b)
    return has_b - has_a;
  x = a->values[kind].value;
  y = b->values[kind].value;
  return (x > y) - (x < y);
}

static void
gloss_agreement_item_finalize (GObject *object)
{
  GlossAgreementItem *self = GLOSS_AGREEMENT_ITEM (object);

  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (gloss_agreement_item_parent_class)->finalize (object);
}

static void
gloss_agreement_item_class_init (GlossAgreementItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_agreement_item_finalize;
}

static void
gloss_agreement_item_init (GlossAgreementItem *self)
{
}
