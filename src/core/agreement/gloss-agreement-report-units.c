/* gloss-agreement-report-units.c: the document, char and unitized units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "gloss-agreement-report-private.h"

#include <glib/gi18n.h>

#include <string.h>

#include "gloss-char-units.h"
#include "gloss-error.h"
#include "gloss-unitizing.h"

#define STATE_NONE     (-1)
#define STATE_CONFLICT (-2)

static const char *
coder_name (GlossAgreementReport *report,
            guint                 coder)
{
  return g_ptr_array_index (report->coders, coder);
}

static GlossDocumentInfo *
document_at (GlossAgreementInputs *inputs,
             guint                 d)
{
  return g_ptr_array_index (inputs->documents, d);
}

static GlossCode *
code_at (GlossAgreementInputs *inputs,
         guint                 c)
{
  return g_ptr_array_index (inputs->codes, c);
}

static const GlossAgreementSpan *
spans_of (GlossAgreementInputs *inputs,
          guint                 d,
          guint                *n)
{
  g_assert (inputs->current == d);
  *n = inputs->spans->len;
  return (const GlossAgreementSpan *) inputs->spans->data;
}

static guint64
all_coders_mask (guint n_coders)
{
  return n_coders >= 64 ? G_MAXUINT64 : ((guint64) 1 << n_coders) - 1;
}

/* Every pair of coders with the two-coder measures, from the full table. */
static void
add_table_pairs (GlossAgreementReport   *report,
                 const GlossRatingTable *table)
{
  for (guint a = 0; a < table->n_coders; a++)
    for (guint b = a + 1; b < table->n_coders; b++)
      {
        g_autoptr(GlossRatingTable) pair = gloss_rating_table_new_pair (table, a, b);
        GlossAgreementMeasures measures;

        gloss_agreement_measures_init (&measures);
        gloss_agreement_measures_from_table (&measures, pair);
        _gloss_agreement_report_add_pair (report, a, b, &measures);
      }
}

static void
add_table_row (GArray                 *rows,
               gint64                  id,
               const char             *label,
               const GlossRatingTable *table)
{
  GlossAgreementMeasures measures;

  gloss_agreement_measures_init (&measures);
  gloss_agreement_measures_from_table (&measures, table);
  _gloss_agreement_report_add_row (rows, id, label, &measures);
}

static gboolean
counts_have_data (const GlossPatternCounts *counts)
{
  for (guint i = 0; i < counts->patterns->len; i++)
    {
      GlossPattern *p = &g_array_index (counts->patterns, GlossPattern, i);

      if (p->mask != 0 && p->weight > 0)
        return TRUE;
    }
  return FALSE;
}

/* The row just added has no data: nobody coded anything in its units. */
static void
mark_last_no_data (GArray *rows)
{
  gloss_agreement_measures_set_no_data (&g_array_index (rows, GlossAgreementRow, rows->len - 1).measures);
}

static void
add_counts_row (GArray                   *rows,
                gint64                    id,
                const char               *label,
                const GlossPatternCounts *counts)
{
  g_autoptr(GlossRatingTable) table = gloss_pattern_counts_to_table (counts);

  add_table_row (rows, id, label, table);
  if (!counts_have_data (counts))
    mark_last_no_data (rows);
}

/* "coded" / "not coded" for each coder of @mask. */
static void
mask_values (guint64       mask,
             guint         n_coders,
             const char  **values)
{
  /* interned once: interning takes a lock */
  const char *coded = g_intern_static_string ("coded"), *not_coded = g_intern_static_string ("not coded");

  for (guint i = 0; i < n_coders; i++)
    values[i] = (mask >> i) & 1 ? coded : not_coded;
}

/* Document unit with a code group: one categorical value per coder and document */

static void
note_conflict (GlossAgreementReport *report,
               GlossAgreementInputs *inputs,
               guint                 d,
               guint                 coder,
               guint                 first,
               guint                 second)
{
  _gloss_agreement_report_note (report, inputs,
                                _("%s gave %s two codes of %s (%s and %s), so that value is left out."),
                                coder_name (report, coder), document_at (inputs, d)->title,
                                report->group, code_at (inputs, first)->path,
                                code_at (inputs, second)->path);
}

static void document_group_disagreement (GlossAgreementInputs *inputs,
                                         GlossAgreementReport *report,
                                         guint                 d,
                                         const int            *row);

/* @states: n_documents x n_coders, a category or STATE_NONE/STATE_CONFLICT;
 * each document's disagreement is listed as its codings are read. */
static int *
document_states (GlossAgreementInputs *inputs,
                 GlossAgreementReport *report,
                 GError              **error)
{
  guint m = inputs->n_coders;
  g_autofree int *states = g_new (int, (gsize) MAX (inputs->documents->len, 1) * m);

  for (gsize i = 0; i < (gsize) inputs->documents->len * m; i++)
    states[i] = STATE_NONE;
  for (guint d = 0; d < inputs->documents->len; d++)
    {
      guint n, first = report->disagreements->len;
      const GlossAgreementSpan *spans;

      if (g_cancellable_set_error_if_cancelled (inputs->cancellable, error)
          || !_gloss_agreement_inputs_read_document (inputs, d, error))
        return NULL;
      spans = spans_of (inputs, d, &n);
      for (guint i = 0; i < n; i++)
        {
          const GlossAgreementSpan *s = &spans[i];
          int *state = &states[(gsize) d * m + s->coder];

          if (*state == STATE_NONE)
            *state = (int) s->code;
          else if (*state >= 0 && *state != (int) s->code)
            {
              note_conflict (report, inputs, d, s->coder, *state, s->code);
              *state = STATE_CONFLICT;
            }
        }
      document_group_disagreement (inputs, report, d, states + (gsize) d * m);
      _gloss_agreement_report_finish_document (report, inputs, first);
    }
  return g_steal_pointer (&states);
}

static const char *
state_value (GlossAgreementInputs *inputs,
             int                   state)
{
  if (state == STATE_NONE)
    return g_intern_static_string ("none");
  if (state == STATE_CONFLICT)
    return g_intern_static_string ("conflict");
  return g_intern_string (code_at (inputs, state)->path);
}

static void
document_group_disagreement (GlossAgreementInputs *inputs,
                             GlossAgreementReport *report,
                             guint                 d,
                             const int            *row)
{
  guint m = inputs->n_coders;
  g_autofree const char **values = g_new (const char *, m);
  gboolean differ = FALSE;

  for (guint i = 1; i < m; i++)
    differ |= row[i] != row[0];
  if (!differ)
    return;
  for (guint i = 0; i < m; i++)
    values[i] = state_value (inputs, row[i]);
  _gloss_agreement_report_add_disagreement (report, inputs, d, 0, document_at (inputs, d)->n_chars,
                                            report->group, values);
}

static gboolean
compute_document_group (GlossAgreementInputs *inputs,
                        GlossAgreementReport *report,
                        GError              **error)
{
  guint m = inputs->n_coders, q = inputs->codes->len;
  g_autofree int *states = document_states (inputs, report, error);
  g_autoptr(GlossRatingTable) table = NULL;
  g_autofree int *values = g_new (int, m);

  if (states == NULL)
    return FALSE;
  table = gloss_rating_table_new (m, q);

  for (guint d = 0; d < inputs->documents->len; d++)
    {
      g_autoptr(GlossRatingTable) one = gloss_rating_table_new (m, q);
      GlossDocumentInfo *info = document_at (inputs, d);

      gboolean any = FALSE;

      for (guint i = 0; i < m; i++)
        {
          values[i] = MAX (states[(gsize) d * m + i], GLOSS_RATING_MISSING);
          any |= states[(gsize) d * m + i] != STATE_NONE;
        }
      gloss_rating_table_add_unit (table, values, 1);
      gloss_rating_table_add_unit (one, values, 1);
      add_table_row (report->documents, info->id, info->title, one);
      if (!any)
        mark_last_no_data (report->documents);
    }
  gloss_agreement_measures_from_table (&report->overall, table);

  for (guint k = 0; k < q; k++)
    {
      g_autoptr(GlossRatingTable) dichotomy = gloss_rating_table_new_dichotomy (table, k);
      gboolean used = FALSE;

      for (gsize i = 0; i < (gsize) inputs->documents->len * m; i++)
        used |= states[i] == (int) k;
      add_table_row (report->codes, code_at (inputs, k)->id, code_at (inputs, k)->path, dichotomy);
      if (!used)
        mark_last_no_data (report->codes);
    }
  add_table_pairs (report, table);
  return TRUE;
}

/* Document unit without a group: each code present or absent per document */

static gboolean
compute_document_codes (GlossAgreementInputs *inputs,
                        GlossAgreementReport *report,
                        GError              **error)
{
  guint m = inputs->n_coders, Q = inputs->codes->len;
  guint64 all = all_coders_mask (m);
  g_autoptr(GPtrArray) per_code = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_pattern_counts_free);
  g_autoptr(GlossPatternCounts) overall = gloss_pattern_counts_new (m);
  g_autoptr(GlossPatternCounts) per_document = gloss_pattern_counts_new (m);
  g_autoptr(GlossRatingTable) table = NULL;
  g_autofree guint64 *all_masks = g_new0 (guint64, (gsize) MAX (Q, 1) * MAX (inputs->documents->len, 1));
  g_autofree const char **values = g_new (const char *, m);

  for (guint c = 0; c < Q; c++)
    g_ptr_array_add (per_code, gloss_pattern_counts_new (m));

  for (guint d = 0; d < inputs->documents->len; d++)
    {
      GlossDocumentInfo *info = document_at (inputs, d);
      guint n, first = report->disagreements->len;
      const GlossAgreementSpan *spans;
      guint64 *masks = all_masks + (gsize) d * Q;

      if (g_cancellable_set_error_if_cancelled (inputs->cancellable, error)
          || !_gloss_agreement_inputs_read_document (inputs, d, error))
        return FALSE;
      spans = spans_of (inputs, d, &n);
      for (guint i = 0; i < n; i++)
        masks[spans[i].code] |= (guint64) 1 << spans[i].coder;
      gloss_pattern_counts_reset (per_document);
      for (guint c = 0; c < Q; c++)
        {
          gloss_pattern_counts_add (per_document, masks[c], 1);
          if (masks[c] != 0 && masks[c] != all)
            {
              mask_values (masks[c], m, values);
              _gloss_agreement_report_add_disagreement (report, inputs, d, 0, info->n_chars,
                                                        code_at (inputs, c)->path, values);
            }
        }
      add_counts_row (report->documents, info->id, info->title, per_document);
      _gloss_agreement_report_finish_document (report, inputs, first);
    }

  /* The code rows leave out documents without data, the overall figures
   * also codes without data. */
  for (guint d = 0; d < inputs->documents->len; d++)
    for (guint c = 0; c < Q; c++)
      if (!g_array_index (report->documents, GlossAgreementRow, d).measures.no_data)
        gloss_pattern_counts_add (per_code->pdata[c], all_masks[(gsize) d * Q + c], 1);
  for (guint c = 0; c < Q; c++)
    add_counts_row (report->codes, code_at (inputs, c)->id, code_at (inputs, c)->path, per_code->pdata[c]);
  for (guint d = 0; d < inputs->documents->len; d++)
    for (guint c = 0; c < Q; c++)
      if (!g_array_index (report->documents, GlossAgreementRow, d).measures.no_data
          && !g_array_index (report->codes, GlossAgreementRow, c).measures.no_data)
        gloss_pattern_counts_add (overall, all_masks[(gsize) d * Q + c], 1);
  table = gloss_pattern_counts_to_table (overall);
  gloss_agreement_measures_from_table (&report->overall, table);
  add_table_pairs (report, table);
  if (Q > 1)
    _gloss_agreement_report_note (report, inputs,
                                  _("Each pair of a document and a code is a unit, coded or not coded; the overall "
                                    "and per-document rows pool the codes."));
  return TRUE;
}

gboolean
_gloss_agreement_compute_document (GlossAgreementInputs *inputs,
                                   GlossAgreementReport *report,
                                   GError              **error)
{
  if (inputs->options->group_id != 0)
    return compute_document_group (inputs, report, error);
  return compute_document_codes (inputs, report, error);
}

/* Char unit */

/* The codings of document @d as a continuum of its text. */
static GlossContinuum *
document_continuum (GlossAgreementInputs *inputs,
                    guint                 d)
{
  guint n;
  const GlossAgreementSpan *spans = spans_of (inputs, d, &n);
  GlossContinuum *continuum = gloss_continuum_new (document_at (inputs, d)->n_chars,
                                                   inputs->n_coders, MAX (inputs->codes->len, 1));

  for (guint i = 0; i < n; i++)
    gloss_continuum_add (continuum, spans[i].coder, spans[i].code, spans[i].start, spans[i].end);
  return continuum;
}

static void
add_range_disagreements (GlossAgreementInputs *inputs,
                         GlossAgreementReport *report,
                         guint                 d,
                         GArray               *ranges)
{
  g_autofree const char **values = g_new (const char *, inputs->n_coders);

  for (guint r = 0; r < ranges->len; r++)
    {
      GlossPatternRange *range = &g_array_index (ranges, GlossPatternRange, r);

      mask_values (range->mask, inputs->n_coders, values);
      _gloss_agreement_report_add_disagreement (report, inputs, d, range->start, range->end,
                                                code_at (inputs, range->code)->path, values);
    }
}

/* The char unit's blocks for the bootstrap: per code in the document,
 * per code over the documents with data, per code and pair of coders. */
typedef struct
{
  guint      n_codes;
  guint      n_pairs;
  GPtrArray *in_document;   /* per code */
  GPtrArray *in_data;       /* per code */
  GPtrArray *pairs;         /* per code x pair */
} CharBlocks;

static GPtrArray *
new_blocks_array (guint n)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_bootstrap_blocks_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, gloss_bootstrap_blocks_new ());
  return array;
}

static void
char_blocks_init (CharBlocks *b,
                  guint       n_codes,
                  guint       n_coders)
{
  b->n_codes = n_codes;
  b->n_pairs = n_coders * (n_coders - 1) / 2;
  b->in_document = new_blocks_array (n_codes);
  b->in_data = new_blocks_array (n_codes);
  b->pairs = new_blocks_array (n_codes * b->n_pairs);
}

static void
char_blocks_clear (CharBlocks *b)
{
  g_clear_pointer (&b->in_document, g_ptr_array_unref);
  g_clear_pointer (&b->in_data, g_ptr_array_unref);
  g_clear_pointer (&b->pairs, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CharBlocks, char_blocks_clear)

/* A document with data has a coding of some length: only then do its
 * blocks go to the pairs' totals, as its counts go to the overall table. */
static gboolean
document_has_data (const GlossContinuum *continuum)
{
  for (guint i = 0; i < continuum->intervals->len; i++)
    {
      const GlossInterval *v = &g_array_index (continuum->intervals, GlossInterval, i);

      if (MIN (v->end, continuum->length) > MAX (v->start, 0))
        return TRUE;
    }
  return FALSE;
}

static void
char_blocks_count (CharBlocks           *b,
                   const GlossContinuum *continuum,
                   gint64                n_units,
                   GPtrArray            *in_document,
                   GArray               *ranges)
{
  for (guint c = 0; c < b->n_codes; c++)
    gloss_bootstrap_blocks_reset (b->in_document->pdata[c]);
  gloss_char_units_count_blocks (continuum, n_units, (GlossPatternCounts **) in_document->pdata, ranges,
                                 (GlossBootstrapBlocks **) b->in_document->pdata,
                                 document_has_data (continuum) ? (GlossBootstrapBlocks **) b->pairs->pdata : NULL);
}

static void
char_blocks_finish (CharBlocks           *b,
                    GlossAgreementInputs *inputs,
                    GlossAgreementReport *report)
{
  g_autoptr(GlossBootstrapBlocks) overall = gloss_bootstrap_blocks_new ();

  for (guint c = 0; c < b->n_codes; c++)
    {
      if (g_array_index (report->codes, GlossAgreementRow, c).measures.no_data)
        continue;
      gloss_bootstrap_blocks_merge (overall, b->in_data->pdata[c]);
    }
  for (guint c = 0; c < b->n_codes; c++)
    _gloss_agreement_inputs_set_blocks (inputs, GLOSS_AGREEMENT_TABLE_CODES, c,
                                        g_steal_pointer (&b->in_data->pdata[c]));
  for (guint p = 0; p < b->n_pairs; p++)
    {
      GlossBootstrapBlocks *pair = gloss_bootstrap_blocks_new ();

      for (guint c = 0; c < b->n_codes; c++)
        if (!g_array_index (report->codes, GlossAgreementRow, c).measures.no_data)
          gloss_bootstrap_blocks_merge (pair, b->pairs->pdata[(gsize) c * b->n_pairs + p]);
      _gloss_agreement_inputs_set_blocks (inputs, GLOSS_AGREEMENT_TABLE_PAIRS, p, pair);
    }
  _gloss_agreement_inputs_set_blocks (inputs, GLOSS_AGREEMENT_TABLE_OVERALL, 0, g_steal_pointer (&overall));
}

gboolean
_gloss_agreement_compute_char (GlossAgreementInputs *inputs,
                               GlossAgreementReport *report,
                               GError              **error)
{
  guint m = inputs->n_coders, Q = inputs->codes->len;
  g_autoptr(GPtrArray) per_code = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_pattern_counts_free);
  g_autoptr(GPtrArray) in_document = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_pattern_counts_free);
  g_autoptr(GPtrArray) in_data = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_pattern_counts_free);
  g_autoptr(GlossPatternCounts) overall = gloss_pattern_counts_new (m);
  g_autoptr(GlossPatternCounts) per_document = gloss_pattern_counts_new (m);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (GlossPatternRange));
  g_autoptr(GlossRatingTable) table = NULL;
  g_auto(CharBlocks) blocks = { 0 };
  gboolean bootstrap = inputs->options->samples > 0;

  if (Q == 0)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "There are no codes to compare");
      return FALSE;
    }
  for (guint c = 0; c < Q; c++)
    {
      g_ptr_array_add (per_code, gloss_pattern_counts_new (m));
      g_ptr_array_add (in_document, gloss_pattern_counts_new (m));
      g_ptr_array_add (in_data, gloss_pattern_counts_new (m));
    }
  if (bootstrap)
    char_blocks_init (&blocks, Q, m);

  for (guint d = 0; d < inputs->documents->len; d++)
    {
      GlossDocumentInfo *info = document_at (inputs, d);
      g_autoptr(GlossContinuum) continuum = NULL;
      guint first = report->disagreements->len;
      gint64 n_units;
      gboolean has_data;

      if (g_cancellable_set_error_if_cancelled (inputs->cancellable, error)
          || !_gloss_agreement_inputs_read_document (inputs, d, error))
        return FALSE;
      continuum = document_continuum (inputs, d);
      n_units = inputs->options->coded_only ? gloss_continuum_coded_length (continuum) : continuum->length;
      for (guint c = 0; c < Q; c++)
        gloss_pattern_counts_reset (in_document->pdata[c]);
      gloss_pattern_counts_reset (per_document);
      g_array_set_size (ranges, 0);
      if (bootstrap)
        char_blocks_count (&blocks, continuum, n_units, in_document, ranges);
      else
        gloss_char_units_count (continuum, n_units, (GlossPatternCounts **) in_document->pdata, ranges);
      for (guint c = 0; c < Q; c++)
        {
          gloss_pattern_counts_merge (per_code->pdata[c], in_document->pdata[c]);
          gloss_pattern_counts_merge (per_document, in_document->pdata[c]);
        }
      add_counts_row (report->documents, info->id, info->title, per_document);
      /* The code rows and the overall figures leave out documents without
       * data (and the overall figures codes without data). */
      has_data = !g_array_index (report->documents, GlossAgreementRow, d).measures.no_data;
      if (has_data)
        for (guint c = 0; c < Q; c++)
          gloss_pattern_counts_merge (in_data->pdata[c], in_document->pdata[c]);
      if (bootstrap)
        {
          GlossBootstrapBlocks *document = gloss_bootstrap_blocks_new ();

          for (guint c = 0; c < Q; c++)
            gloss_bootstrap_blocks_merge (document, blocks.in_document->pdata[c]);
          _gloss_agreement_report_bootstrap_document (report, inputs, d, document);
          for (guint c = 0; has_data && c < Q; c++)
            gloss_bootstrap_blocks_merge (blocks.in_data->pdata[c], blocks.in_document->pdata[c]);
        }
      add_range_disagreements (inputs, report, d, ranges);
      _gloss_agreement_report_finish_document (report, inputs, first);
    }

  for (guint c = 0; c < Q; c++)
    {
      add_counts_row (report->codes, code_at (inputs, c)->id, code_at (inputs, c)->path, in_data->pdata[c]);
      if (!g_array_index (report->codes, GlossAgreementRow, c).measures.no_data)
        gloss_pattern_counts_merge (overall, in_data->pdata[c]);
    }
  table = gloss_pattern_counts_to_table (overall);
  gloss_agreement_measures_from_table (&report->overall, table);
  add_table_pairs (report, table);
  if (bootstrap)
    char_blocks_finish (&blocks, inputs, report);
  if (Q > 1)
    _gloss_agreement_report_note (report, inputs,
                                  _("Each pair of a character and a code is a unit, coded or not coded; the overall and per-document rows pool the codes."));
  if (!inputs->options->coded_only)
    _gloss_agreement_report_note (report, inputs,
                                  _("Every character counts, coded or not: text that every coder left uncoded "
                                    "counts as agreement. “Coded text only” compares just the characters some coder coded."));
  if (inputs->options->coded_only)
    _gloss_agreement_report_note (report, inputs,
                                  _("Coded text only: only the characters that a compared coder coded with a compared code count as units."));
  return TRUE;
}

/* Unitized */

static void
set_unitized (GlossAgreementMeasures *measures,
              double                  units,
              GlossMeasure            u_2004,
              const GlossUnitizingResult *r)
{
  gloss_agreement_measures_init (measures);
  measures->units = units;
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_U_ALPHA_2004, u_2004);
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_U_ALPHA_2016, r->u_alpha_2016);
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_BINARY_U_ALPHA, r->binary_u_alpha);
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_CU_ALPHA, r->cu_alpha);
  measures->alpha_kind = GLOSS_MEASURE_U_ALPHA_2016;
  measures->alpha_observed = r->u_alpha_2016_observed;
  measures->alpha_pairs = r->u_alpha_2016_pairs;
}

static void
unitized_codes (GlossAgreementInputs       *inputs,
                GlossAgreementReport       *report,
                const GlossContinuum       *joined,
                const GlossUnitizingResult *overall)
{
  guint Q = inputs->codes->len;

  /* one code's continuum at a time: a copy of its part of the joined one */
  for (guint c = 0; c < Q; c++)
    {
      g_autoptr(GlossContinuum) code = gloss_continuum_new (joined->length, joined->n_coders, 1);
      g_autoptr(GlossUnitizingResult) r = NULL;
      GlossAgreementMeasures measures;

      for (guint i = 0; i < joined->intervals->len; i++)
        {
          GlossInterval *v = &g_array_index (joined->intervals, GlossInterval, i);

          if (v->code == c)
            gloss_continuum_add (code, v->coder, 0, v->start, v->end);
        }
      r = gloss_unitizing_compute (code);
      set_unitized (&measures, joined->length, overall->u_alpha_2004[c], r);
      gloss_agreement_measures_set (&measures, GLOSS_MEASURE_CU_ALPHA,
                                    gloss_measure_undefined ("cu-alpha compares two codes or more"));
      _gloss_agreement_report_add_row (report->codes, code_at (inputs, c)->id,
                                       code_at (inputs, c)->path, &measures);
      _gloss_agreement_inputs_set_blocks (inputs, GLOSS_AGREEMENT_TABLE_CODES, c, g_steal_pointer (&r->blocks));
      if (code->intervals->len == 0)
        mark_last_no_data (report->codes);
    }
}

/* The pairs' measures, computed beside the other rows (the continuum is
 * only read): a thread of their own. */
typedef struct
{
  const GlossContinuum *joined;
  GlossUnitizingPair   *pairs;
  guint                 n_pairs;
} PairsJob;

static gpointer
compute_pairs (gpointer data)
{
  PairsJob *job = data;

  job->pairs = gloss_unitizing_compute_pairs (job->joined, &job->n_pairs);
  return NULL;
}

static void
unitized_pairs (GlossAgreementReport *report,
                const GlossContinuum *joined,
                PairsJob             *job)
{
  for (guint p = 0; p < job->n_pairs; p++)
    {
      const GlossUnitizingPair *pair = &job->pairs[p];
      GlossAgreementMeasures measures;

      gloss_agreement_measures_init (&measures);
      measures.units = joined->length;
      gloss_agreement_measures_set (&measures, GLOSS_MEASURE_U_ALPHA_2004, pair->u_alpha_2004);
      gloss_agreement_measures_set (&measures, GLOSS_MEASURE_U_ALPHA_2016, pair->u_alpha_2016);
      gloss_agreement_measures_set (&measures, GLOSS_MEASURE_BINARY_U_ALPHA, pair->binary_u_alpha);
      gloss_agreement_measures_set (&measures, GLOSS_MEASURE_CU_ALPHA, pair->cu_alpha);
      _gloss_agreement_report_add_pair (report, pair->coder_a, pair->coder_b, &measures);
    }
}

/* Document @d's row and disagreements, its spans read; the rows of the
 * documents are their own continua, read one by one again once the
 * joined continuum is done with. */
static void
unitized_document (GlossAgreementInputs *inputs,
                   GlossAgreementReport *report,
                   guint                 d,
                   GPtrArray            *counts,
                   GArray               *ranges)
{
  GlossDocumentInfo *info = document_at (inputs, d);
  g_autoptr(GlossContinuum) continuum = document_continuum (inputs, d);
  g_autoptr(GlossUnitizingResult) r = gloss_unitizing_compute (continuum);
  GlossAgreementMeasures measures;
  guint first = report->disagreements->len;

  set_unitized (&measures, continuum->length, r->u_alpha_2004_overall, r);
  _gloss_agreement_report_add_row (report->documents, info->id, info->title, &measures);
  if (continuum->intervals->len == 0)
    mark_last_no_data (report->documents);
  _gloss_agreement_report_bootstrap_document (report, inputs, d, g_steal_pointer (&r->blocks));

  /* the stretches where coders differ, as for characters */
  for (guint c = 0; c < counts->len; c++)
    gloss_pattern_counts_reset (counts->pdata[c]);
  g_array_set_size (ranges, 0);
  gloss_char_units_count (continuum, continuum->length, (GlossPatternCounts **) counts->pdata, ranges);
  add_range_disagreements (inputs, report, d, ranges);
  _gloss_agreement_report_finish_document (report, inputs, first);
}

/* The chosen documents end to end, read one by one; @n_with_codings: how
 * many documents the continuum holds. */
static GlossContinuum *
joined_continuum (GlossAgreementInputs *inputs,
                  guint                *n_with_codings,
                  GError              **error)
{
  gint64 length = 0;
  g_autoptr(GlossContinuum) joined = gloss_continuum_new (0, inputs->n_coders, MAX (inputs->codes->len, 1));

  /* room for every coding at once */
  g_array_set_size (joined->intervals, inputs->n_codings);
  g_array_set_size (joined->intervals, 0);

  *n_with_codings = 0;
  for (guint d = 0; d < inputs->documents->len; d++)
    {
      guint n;
      const GlossAgreementSpan *spans;
      gint64 n_chars = document_at (inputs, d)->n_chars, offset = length;

      if (g_cancellable_set_error_if_cancelled (inputs->cancellable, error)
          || !_gloss_agreement_inputs_read_document (inputs, d, error))
        return NULL;
      spans = spans_of (inputs, d, &n);
      /* A document nobody coded has no data and stays out of the continuum. */
      if (n > 0)
        {
          length += n_chars;
          (*n_with_codings)++;
        }

      for (guint i = 0; i < n; i++)
        {
          gint64 start = CLAMP (spans[i].start, 0, n_chars), end = CLAMP (spans[i].end, 0, n_chars);

          if (end > start)
            gloss_continuum_add (joined, spans[i].coder, spans[i].code, offset + start, offset + end);
        }
    }
  joined->length = length;
  return g_steal_pointer (&joined);
}

gboolean
_gloss_agreement_compute_unitized (GlossAgreementInputs *inputs,
                                   GlossAgreementReport *report,
                                   GError              **error)
{
  g_autoptr(GlossContinuum) joined = NULL;
  g_autoptr(GlossUnitizingResult) overall = NULL;
  guint n_with_codings = 0;
  PairsJob job = { 0 };
  GThread *pairs_thread;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (GlossPatternRange));
  gint64 length;

  if (inputs->codes->len == 0)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "There are no codes to compare");
      return FALSE;
    }
  joined = joined_continuum (inputs, &n_with_codings, error);
  if (joined == NULL)
    return FALSE;
  job.joined = joined;
  pairs_thread = g_thread_new ("agreement-pairs", compute_pairs, &job);
  overall = gloss_unitizing_compute (joined);
  set_unitized (&report->overall, joined->length, overall->u_alpha_2004_overall, overall);
  _gloss_agreement_inputs_set_blocks (inputs, GLOSS_AGREEMENT_TABLE_OVERALL, 0, g_steal_pointer (&overall->blocks));
  /* the pairs have no u-alpha (2016) interval: give their table no blocks */
  _gloss_agreement_inputs_set_blocks (inputs, GLOSS_AGREEMENT_TABLE_PAIRS, 0, NULL);
  unitized_codes (inputs, report, joined, overall);
  g_thread_join (pairs_thread);
  unitized_pairs (report, joined, &job);
  g_free (job.pairs);
  length = joined->length;
  g_clear_pointer (&joined, gloss_continuum_free);

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_pattern_counts_free);
  for (guint c = 0; c < MAX (inputs->codes->len, 1); c++)
    g_ptr_array_add (counts, gloss_pattern_counts_new (inputs->n_coders));
  for (guint d = 0; d < inputs->documents->len; d++)
    {
      if (g_cancellable_set_error_if_cancelled (inputs->cancellable, error)
          || !_gloss_agreement_inputs_read_document (inputs, d, error))
        return FALSE;
      unitized_document (inputs, report, d, counts, ranges);
    }

  if (n_with_codings > 1)
    _gloss_agreement_report_note (report, inputs,
                                  _("The overall, per-code and per-pair rows lay the %u documents with codings end to end "
                                    "as one continuum of %" PRId64 " characters."),
                                  n_with_codings, length);
  if (overall->overlapping_codes)
    _gloss_agreement_report_note (report, inputs,
                                  _("A coder gave two codes to the same characters; u-alpha (2016) and cu-alpha count "
                                    "each pair of those codes as a coincidence."));
  return TRUE;
}
