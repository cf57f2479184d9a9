/* gloss-agreement-report-segment.c: codings matched one to one
 *
 * Two coders' codings of one code in one document match when their overlap
 * |A and B| / |A or B| reaches the threshold; each coding matches at most
 * one other, the closest pairs first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-agreement-report-private.h"

#include <glib/gi18n.h>

#include <stdlib.h>

#include "gloss-error.h"

typedef struct
{
  gint64 matched;
  gint64 n_a;
  gint64 n_b;
} PairCounts;

typedef struct
{
  guint  a;        /* places in the two lists */
  guint  b;
  double overlap;
} Candidate;

static int
compare_candidates (const void *x,
                    const void *y)
{
  const Candidate *p = x, *q = y;

  if (p->overlap != q->overlap)
    return p->overlap > q->overlap ? -1 : 1;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return (p->b > q->b) - (p->b < q->b);
}

static double
overlap_ratio (const GlossAgreementSpan *a,
               const GlossAgreementSpan *b)
{
  double both = MIN (a->end, b->end) - MAX (a->start, b->start);
  double either = MAX (a->end, b->end) - MIN (a->start, b->start);

  return both > 0 ? both / either : 0;
}

/* Matches the spans @a and @b (each sorted by start); sets bit @b_coder of
 * @a_matched[i] (and @a_coder of @b_matched[j]) for matched spans; returns
 * the number of matches. */
static gint64
match_spans (const GlossAgreementSpan *a,
             guint                     n_a,
             const GlossAgreementSpan *b,
             guint                     n_b,
             double                    threshold,
             guint64                  *a_matched,
             guint64                  *b_matched)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *used_a = g_new0 (gboolean, n_a + 1);
  g_autofree gboolean *used_b = g_new0 (gboolean, n_b + 1);
  guint next_b = 0;
  gint64 matched = 0;

  for (guint i = 0; i < n_a; i++)
    {
      guint kept = 0;

      for (; next_b < n_b && b[next_b].start < a[i].end; next_b++)
        g_array_append_val (active, next_b);
      /* b spans ending before this a starts end before every later a too */
      for (guint k = 0; k < active->len; k++)
        {
          guint j = g_array_index (active, guint, k);
          double ratio;

          if (b[j].end <= a[i].start)
            continue;
          g_array_index (active, guint, kept++) = j;
          ratio = overlap_ratio (&a[i], &b[j]);
          if (ratio >= threshold)
            g_array_append_vals (candidates, &(Candidate) { i, j, ratio }, 1);
        }
      g_array_set_size (active, kept);
    }

  if (candidates->len > 1)
    qsort (candidates->data, candidates->len, sizeof (Candidate), compare_candidates);
  for (guint k = 0; k < candidates->len; k++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, k);

      if (used_a[c->a] || used_b[c->b])
        continue;
      used_a[c->a] = used_b[c->b] = TRUE;
      a_matched[c->a] |= (guint64) 1 << b[c->b].coder;
      b_matched[c->b] |= (guint64) 1 << a[c->a].coder;
      matched++;
    }
  return matched;
}

static int
compare_by_code_coder (const void *x,
                       const void *y)
{
  const GlossAgreementSpan *p = x, *q = y;

  if (p->code != q->code)
    return p->code < q->code ? -1 : 1;
  if (p->coder != q->coder)
    return p->coder < q->coder ? -1 : 1;
  if (p->start != q->start)
    return p->start < q->start ? -1 : 1;
  return (p->end > q->end) - (p->end < q->end);
}

static guint
pair_index (guint a,
            guint b,
            guint m)
{
  /* pairs (0,1) (0,2) ... (0,m-1) (1,2) ... */
  return a * m - a * (a + 1) / 2 + (b - a - 1);
}

static void
add_counts (PairCounts       *to,
            const PairCounts *from)
{
  to->matched += from->matched;
  to->n_a += from->n_a;
  to->n_b += from->n_b;
}

typedef struct
{
  GlossAgreementInputs *inputs;
  GlossAgreementReport *report;
  guint                 n_pairs;
  PairCounts           *by_document;  /* n_pairs x n_documents */
  PairCounts           *by_code;      /* n_pairs x n_codes */
  PairCounts           *by_pair;
  gint64               *codings_by_document;
  gint64               *codings_by_code;
} SegmentState;

static void
report_unmatched (SegmentState             *st,
                  guint                     d,
                  const GlossAgreementSpan *spans,
                  guint                     n,
                  const guint64            *matched)
{
  guint m = st->inputs->n_coders;
  g_autofree const char **values = g_new (const char *, m);

  for (guint i = 0; i < n; i++)
    {
      guint64 others = (m >= 64 ? G_MAXUINT64 : ((guint64) 1 << m) - 1) & ~((guint64) 1 << spans[i].coder);
      GlossCode *code = g_ptr_array_index (st->inputs->codes, spans[i].code);

      if ((matched[i] & others) == others)
        continue;
      for (guint k = 0; k < m; k++)
        values[k] = k == spans[i].coder ? g_intern_static_string ("coded")
                  : (matched[i] >> k) & 1 ? g_intern_static_string ("matched")
                  : g_intern_static_string ("no match");
      _gloss_agreement_report_add_disagreement (st->report, st->inputs, d, spans[i].start,
                                                spans[i].end, code->path, values);
    }
}

/* All pairs of coders on the spans of one code in document @d. */
static void
match_code (SegmentState             *st,
            guint                     d,
            const GlossAgreementSpan *spans,
            guint                     n)
{
  guint m = st->inputs->n_coders, code = spans[0].code;
  g_autofree guint *first = g_new0 (guint, m + 1);
  g_autofree guint64 *matched = g_new0 (guint64, n + 1);

  for (guint i = 0; i < n; i++)
    first[spans[i].coder + 1]++;
  for (guint i = 0; i < m; i++)
    first[i + 1] += first[i];

  for (guint a = 0; a < m; a++)
    for (guint b = a + 1; b < m; b++)
      {
        guint p = pair_index (a, b, m);
        PairCounts counts = { 0, first[a + 1] - first[a], first[b + 1] - first[b] };

        counts.matched = match_spans (spans + first[a], counts.n_a, spans + first[b], counts.n_b,
                                      st->inputs->options->threshold,
                                      matched + first[a], matched + first[b]);
        add_counts (&st->by_document[(gsize) p * st->inputs->documents->len + d], &counts);
        add_counts (&st->by_code[(gsize) p * st->inputs->codes->len + code], &counts);
        add_counts (&st->by_pair[p], &counts);
      }
  st->codings_by_document[d] += n;
  st->codings_by_code[code] += n;
  report_unmatched (st, d, spans, n, matched);
}

static void
match_document (SegmentState *st,
                guint         d)
{
  GlossAgreementInputs *inputs = st->inputs;
  guint n = inputs->spans->len;
  g_autofree GlossAgreementSpan *spans = NULL;
  guint first = 0;

  /* A document nobody coded has nothing to match. */
  if (n == 0)
    return;
  spans = g_memdup2 (inputs->spans->data, sizeof (GlossAgreementSpan) * n);
  if (n > 1)
    qsort (spans, n, sizeof (GlossAgreementSpan), compare_by_code_coder);
  while (first < n)
    {
      guint last = first;

      while (last < n && spans[last].code == spans[first].code)
        last++;
      match_code (st, d, spans + first, last - first);
      first = last;
    }
}

/* Percent agreement, Holsti and Brennan-Prediger of one pair's counts. */
static void
pair_measures (const PairCounts       *counts,
               guint                   n_codes,
               GlossAgreementMeasures *measures)
{
  gint64 unmatched = counts->n_a + counts->n_b - 2 * counts->matched;
  double q = n_codes;

  gloss_agreement_measures_init (measures);
  measures->units = counts->n_a + counts->n_b;
  measures->has_counts = TRUE;
  measures->matched = counts->matched;
  measures->unmatched = unmatched;
  if (counts->n_a + counts->n_b == 0)
    {
      GlossMeasure none = gloss_measure_undefined ("neither coder made a coding here");

      gloss_agreement_measures_set (measures, GLOSS_MEASURE_PERCENT_AGREEMENT, none);
      gloss_agreement_measures_set (measures, GLOSS_MEASURE_HOLSTI, none);
      gloss_agreement_measures_set (measures, GLOSS_MEASURE_BRENNAN_PREDIGER, none);
      return;
    }
  {
    double p = (double) counts->matched / (counts->matched + unmatched);

    gloss_agreement_measures_set (measures, GLOSS_MEASURE_PERCENT_AGREEMENT, gloss_measure_defined (p));
    gloss_agreement_measures_set (measures, GLOSS_MEASURE_HOLSTI,
                                  gloss_measure_defined (2.0 * counts->matched / (counts->n_a + counts->n_b)));
    gloss_agreement_measures_set (measures, GLOSS_MEASURE_BRENNAN_PREDIGER,
                                  n_codes < 2
                                  ? gloss_measure_undefined ("Brennan-Prediger needs two codes or more")
                                  : gloss_measure_defined ((p - 1 / q) / (1 - 1 / q)));
  }
}

/* A row over all pairs: counts summed, measures averaged over the pairs. */
static void
mean_measures (const PairCounts       *counts,   /* one per pair, @stride apart */
               gsize                   stride,
               guint                   n_pairs,
               guint                   n_codes,
               double                  units,
               GlossAgreementMeasures *measures)
{
  static const GlossMeasureKind kinds[] = {
    GLOSS_MEASURE_PERCENT_AGREEMENT, GLOSS_MEASURE_HOLSTI, GLOSS_MEASURE_BRENNAN_PREDIGER,
  };

  gloss_agreement_measures_init (measures);
  measures->units = units;
  measures->has_counts = TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      double sum = 0;
      guint n = 0;
      const char *reason = "no pair of coders made a coding here";

      for (guint p = 0; p < n_pairs; p++)
        {
          GlossAgreementMeasures one;

          pair_measures (&counts[p * stride], n_codes, &one);
          if (k == 0)
            {
              measures->matched += one.matched;
              measures->unmatched += one.unmatched;
            }
          if (gloss_measure_is_defined (one.values[kinds[k]]))
            {
              sum += one.values[kinds[k]].value;
              n++;
            }
          else
            reason = one.values[kinds[k]].reason;
        }
      gloss_agreement_measures_set (measures, kinds[k],
                                    n > 0 ? gloss_measure_defined (sum / n)
                                          : gloss_measure_undefined (reason));
    }
}

gboolean
_gloss_agreement_compute_segment (GlossAgreementInputs *inputs,
                                  GlossAgreementReport *report,
                                  GError              **error)
{
  guint m = inputs->n_coders, D = inputs->documents->len, Q = inputs->codes->len;
  guint n_pairs = m * (m - 1) / 2;
  g_autofree PairCounts *by_document = g_new0 (PairCounts, (gsize) n_pairs * MAX (D, 1));
  g_autofree PairCounts *by_code = g_new0 (PairCounts, (gsize) n_pairs * MAX (Q, 1));
  g_autofree PairCounts *by_pair = g_new0 (PairCounts, n_pairs);
  g_autofree gint64 *codings_by_document = g_new0 (gint64, MAX (D, 1));
  g_autofree gint64 *codings_by_code = g_new0 (gint64, MAX (Q, 1));
  SegmentState st = { inputs, report, n_pairs, by_document, by_code, by_pair,
                      codings_by_document, codings_by_code };
  GlossAgreementMeasures measures;

  gint64 n_spans = 0;

  for (guint d = 0; d < D; d++)
    {
      guint first = report->disagreements->len;

      if (g_cancellable_set_error_if_cancelled (inputs->cancellable, error)
          || !_gloss_agreement_inputs_read_document (inputs, d, error))
        return FALSE;
      n_spans += inputs->spans->len;
      match_document (&st, d);
      _gloss_agreement_report_finish_document (report, inputs, first);
    }

  for (guint d = 0; d < D; d++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (inputs->documents, d);

      mean_measures (by_document + d, D, n_pairs, Q, codings_by_document[d], &measures);
      _gloss_agreement_report_add_row (report->documents, info->id, info->title, &measures);
    }
  for (guint c = 0; c < Q; c++)
    {
      GlossCode *code = g_ptr_array_index (inputs->codes, c);

      mean_measures (by_code + c, Q, n_pairs, Q, codings_by_code[c], &measures);
      _gloss_agreement_report_add_row (report->codes, code->id, code->path, &measures);
    }
  for (guint a = 0; a < m; a++)
    for (guint b = a + 1; b < m; b++)
      {
        pair_measures (&by_pair[pair_index (a, b, m)], Q, &measures);
        _gloss_agreement_report_add_pair (report, a, b, &measures);
      }
  mean_measures (by_pair, 1, n_pairs, Q, n_spans, &report->overall);

  _gloss_agreement_report_note (report, inputs,
                                _("Codings match one to one per document and code when their overlap (intersection "
                                  "over union) reaches %g; Brennan-Prediger counts %u codes."),
                                inputs->options->threshold, Q);
  if (m > 2)
    _gloss_agreement_report_note (report, inputs,
                                  _("With more than two coders, matched and unmatched codings are summed over the pairs "
                                    "of coders, and the measures are the mean over the pairs."));
  return TRUE;
}
