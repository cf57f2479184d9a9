/* gloss-agreement-report-disagreements.c: what the disagreements show
 *
 * The parts list disagreements per code. Here the two omissions that are
 * really one substitution (one coder coded a passage X, another coded it
 * Y) become one disagreement of kind "other code", and every disagreement
 * gets each coder's own version of it (as offsets: the text is read when
 * it is shown, see gloss-agreement-quotes.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-agreement-report-private.h"

#include <string.h>

#include "gloss-error.h"

static gboolean
is_coded (const char *value)
{
  return value == g_intern_static_string ("coded");
}

/* Two disagreements on different codes over the same passage, where no
 * coder coded both: a substitution. */
static gboolean
is_substitution (const GlossAgreementDisagreement *a,
                 const GlossAgreementDisagreement *b,
                 guint                             n_coders)
{
  gint64 overlap = MIN (a->end, b->end) - MAX (a->start, b->start);
  gint64 shorter = MIN (a->end - a->start, b->end - b->start);

  if (a->document != b->document || a->code == b->code || a->kind != GLOSS_DISAGREEMENT_OMISSION
      || b->kind != GLOSS_DISAGREEMENT_OMISSION || overlap <= 0 || 2 * overlap < shorter)
    return FALSE;
  for (guint c = 0; c < n_coders; c++)
    if (is_coded (a->values[c]) && is_coded (b->values[c]))
      return FALSE;
  return TRUE;
}

static void
merge_into (GlossAgreementReport             *report,
            GlossAgreementDisagreement       *a,
            const GlossAgreementDisagreement *b,
            guint                             n_coders)
{
  const char *not_coded = g_intern_static_string ("not coded");
  g_autofree const char **values = g_new (const char *, n_coders);

  /* the lists of values are shared: the merged one is a list of its own */
  for (guint c = 0; c < n_coders; c++)
    values[c] = is_coded (a->values[c]) ? a->code
                : is_coded (b->values[c]) ? b->code
                : not_coded;
  a->values = _gloss_agreement_report_share_values (report, values, n_coders);
  a->other_code = b->code;
  a->kind = GLOSS_DISAGREEMENT_OTHER_CODE;
  a->start = MIN (a->start, b->start);
  a->end = MAX (a->end, b->end);
}

/* With a code group the values are categories already: two coders with
 * two different categories disagree on the code, not on its presence. */
static void
mark_category_kinds (GlossAgreementReport *report,
                     guint                 from)
{
  const char *none = g_intern_static_string ("none");
  const char *conflict = g_intern_static_string ("conflict");

  for (guint i = from; i < report->disagreements->len; i++)
    {
      GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
      const char *first = NULL;

      for (guint c = 0; c < report->coders->len; c++)
        {
          const char *v = d->values[c];

          if (v == none || v == conflict)
            continue;
          if (first != NULL && v != first)
            d->kind = GLOSS_DISAGREEMENT_OTHER_CODE;
          first = first ? first : v;
        }
    }
}

/* The disagreements from @first on, of one document and sorted by start. */
static void
merge_substitutions (GlossAgreementReport *report,
                     GlossAgreementInputs *inputs,
                     guint                 first)
{
  GArray *list = report->disagreements;
  g_autofree gboolean *gone = NULL;
  guint n = first;

  if (report->group != NULL)
    {
      mark_category_kinds (report, first);
      return;
    }
  if (report->unit == GLOSS_AGREEMENT_UNIT_SEGMENT || list->len < first + 2)
    return;

  gone = g_new0 (gboolean, list->len - first);   /* indexed from @first */
  for (guint i = first; i < list->len; i++)
    {
      GlossAgreementDisagreement *a = &g_array_index (list, GlossAgreementDisagreement, i);

      if (gone[i - first])
        continue;
      for (guint j = i + 1; j < list->len; j++)
        {
          GlossAgreementDisagreement *b = &g_array_index (list, GlossAgreementDisagreement, j);

          if (b->document != a->document || b->start >= a->end)
            break;
          if (!gone[j - first] && is_substitution (a, b, inputs->n_coders))
            {
              merge_into (report, a, b, inputs->n_coders);
              gone[j - first] = TRUE;
              break;
            }
        }
    }
  for (guint i = first; i < list->len; i++)
    {
      GlossAgreementDisagreement *d = &g_array_index (list, GlossAgreementDisagreement, i);

      if (gone[i - first])
        continue;
      g_array_index (list, GlossAgreementDisagreement, n++) = *d;
    }
  /* a disagreement owns nothing: the report holds its values and versions */
  g_array_set_size (list, n);
}

/* Versions */

/* Each coding behind a disagreement becomes one version, shared by the
 * disagreements it is behind. */
static guint
add_version (GlossAgreementReport     *report,
             guint                    *version_of,
             const GlossAgreementSpan *span)
{
  GlossAgreementVersion v;

  if (version_of[span->coding] != 0)
    return version_of[span->coding];
  v.start = span->start;
  v.end = span->end;
  g_array_append_val (report->versions, v);
  version_of[span->coding] = report->versions->len;
  return report->versions->len;
}

/* The document's spans are sorted by start and none is longer than
 * @max_length: the first that can reach @d begins at d->start - max_length. */
static guint
first_overlapping (GlossAgreementInputs             *inputs,
                   const GlossAgreementDisagreement *d,
                   gint64                            max_length)
{
  guint lo = 0, hi = inputs->spans->len;
  gint64 from = d->start - max_length;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (inputs->spans, GlossAgreementSpan, mid).start < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gint64
longest_span (GlossAgreementInputs *inputs)
{
  gint64 longest = 0;

  for (guint i = 0; i < inputs->spans->len; i++)
    {
      const GlossAgreementSpan *s = &g_array_index (inputs->spans, GlossAgreementSpan, i);

      longest = MAX (longest, s->end - s->start);
    }
  return longest;
}

/* Each coder's first coding (of the disagreement's codes) over the stretch. */
static void
find_versions (GlossAgreementReport       *report,
               GlossAgreementInputs       *inputs,
               gint64                      max_length,
               GHashTable                 *code_index,
               guint                      *version_of,
               GlossAgreementDisagreement *d)
{
  guint first = first_overlapping (inputs, d, max_length), last = inputs->spans->len;
  guint code = GPOINTER_TO_UINT (g_hash_table_lookup (code_index, d->code));
  guint other = d->other_code ? GPOINTER_TO_UINT (g_hash_table_lookup (code_index, d->other_code)) : 0;
  const char *not_coded = g_intern_static_string ("not coded");
  const char *none = g_intern_static_string ("none");

  d->versions = _gloss_agreement_report_alloc_versions (report, inputs->n_coders);
  for (guint i = first; i < last; i++)
    {
      const GlossAgreementSpan *s = &g_array_index (inputs->spans, GlossAgreementSpan, i);

      if (s->start >= d->end)
        break;
      /* a coder who did not code here has no version of it */
      if (s->end <= d->start || d->versions[s->coder] != 0
          || d->values[s->coder] == not_coded || d->values[s->coder] == none)
        continue;
      if (report->group == NULL && s->code + 1 != code && s->code + 1 != other)
        continue;
      d->versions[s->coder] = add_version (report, version_of, s);
    }
}

static int
compare_disagreements (const void *a,
                       const void *b)
{
  const GlossAgreementDisagreement *x = a, *y = b;

  if (x->document != y->document)
    return x->document < y->document ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return strcmp (x->code, y->code);
}

static void
sort_from (GArray *list,
           guint   first)
{
  if (list->len > first + 1)
    qsort (&g_array_index (list, GlossAgreementDisagreement, first), list->len - first,
           sizeof (GlossAgreementDisagreement), compare_disagreements);
}

void
_gloss_agreement_report_finish_document (GlossAgreementReport *report,
                                         GlossAgreementInputs *inputs,
                                         guint                 first)
{
  GArray *list = report->disagreements;
  g_autofree guint *version_of = NULL;
  gint64 max_length;

  if (list->len <= first)
    return;
  g_return_if_fail (g_array_index (list, GlossAgreementDisagreement, first).document == inputs->current);

  sort_from (list, first);
  merge_substitutions (report, inputs, first);
  sort_from (list, first);

  /* the codes' paths are interned, as the disagreements' codes */
  if (inputs->code_paths == NULL)
    {
      inputs->code_paths = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint c = 0; c < inputs->codes->len; c++)
        g_hash_table_insert (inputs->code_paths,
                             (gpointer) g_intern_string (((GlossCode *) inputs->codes->pdata[c])->path),
                             GUINT_TO_POINTER (c + 1));
    }
  version_of = g_new0 (guint, MAX (inputs->spans->len, 1));
  max_length = longest_span (inputs);
  for (guint i = first; i < list->len; i++)
    find_versions (report, inputs, max_length, inputs->code_paths, version_of,
                   &g_array_index (list, GlossAgreementDisagreement, i));
}
