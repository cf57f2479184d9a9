/* gloss-agreement-export.c: an agreement report as JSON, CSV, HTML or text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-agreement-export.h"
#include "gloss-table-writer.h"

#include <math.h>
#include <string.h>

static const char *
coder_at (const GlossAgreementReport *report,
          guint                       i)
{
  return g_ptr_array_index (report->coders, i);
}

static const char *
document_title (const GlossAgreementReport *report,
                guint                       d)
{
  return g_array_index (report->documents, GlossAgreementRow, d).label;
}

static char *
pair_label (const GlossAgreementReport *report,
            const GlossAgreementPair   *pair)
{
  return g_strdup_printf ("%s/%s", coder_at (report, pair->coder_a), coder_at (report, pair->coder_b));
}

/* The measures every row of this report has, in key order. */
static guint
report_kinds (const GlossAgreementReport *report)
{
  return report->overall.present;
}

/* JSON, written straight into a string: a report can list hundreds of
 * thousands of disagreements, too many for a tree of JsonNodes. */

typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  first[16];   /* nothing written yet at this depth */
} Writer;

static void
write_indent (Writer *w)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

static void
write_separator (Writer *w)
{
  if (!w->first[w->depth])
    g_string_append_c (w->out, ',');
  w->first[w->depth] = FALSE;
  write_indent (w);
}

static void
write_open (Writer *w,
            char    bracket)
{
  g_string_append_c (w->out, bracket);
  w->depth++;
  g_assert (w->depth < G_N_ELEMENTS (w->first));
  w->first[w->depth] = TRUE;
}

static void
write_close (Writer *w,
             char    bracket)
{
  gboolean empty = w->first[w->depth];

  w->depth--;
  if (!empty)
    write_indent (w);
  g_string_append_c (w->out, bracket);
}

static void
write_string (Writer     *w,
              const char *text)
{
  g_string_append_c (w->out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (w->out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (w->out, "\\u%04x", c);
      else
        g_string_append_c (w->out, c);
    }
  g_string_append_c (w->out, '"');
}

static void
write_key (Writer     *w,
           const char *key)
{
  write_separator (w);
  write_string (w, key);
  g_string_append (w->out, " : ");
}

static void
write_number (Writer *w,
              double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (w->out, "null");
  else if (value == floor (value) && fabs (value) < 9007199254740992.0)
    g_string_append_printf (w->out, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_string_append (w->out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

static void
write_measure (Writer       *w,
               GlossMeasure  measure)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* always with a fraction or exponent, so 1 reads as the double 1.0 */
  if (!gloss_measure_is_defined (measure) || !isfinite (measure.value))
    g_string_append (w->out, "null");
  else
    {
      g_ascii_formatd (buffer, sizeof buffer, "%.17g", measure.value);
      g_string_append (w->out, buffer);
      if (strpbrk (buffer, ".eEn") == NULL)
        g_string_append (w->out, ".0");
    }
}

/* The bootstrapped interval of the row's alpha, or null. */
static void
write_interval (Writer                       *w,
                const GlossAgreementMeasures *measures)
{
  const GlossBootstrap *b = &measures->bootstrap;

  write_key (w, "alpha_interval");
  if (!b->defined)
    {
      g_string_append (w->out, "null");
      return;
    }
  write_open (w, '{');
  write_key (w, "measure");
  write_string (w, gloss_measure_kind_to_key (measures->alpha_kind));
  write_key (w, "samples");
  write_number (w, b->samples);
  write_key (w, "low");
  write_measure (w, gloss_measure_defined (b->low));
  write_key (w, "high");
  write_measure (w, gloss_measure_defined (b->high));
  write_key (w, "p_below_0_667");
  write_measure (w, gloss_measure_defined (b->p_below_tentative));
  write_key (w, "p_below_0_800");
  write_measure (w, gloss_measure_defined (b->p_below_reliable));
  write_close (w, '}');
}

static void
write_measures (Writer                       *w,
                const GlossAgreementMeasures *measures)
{
  write_key (w, "units");
  write_number (w, measures->units);
  write_key (w, "no_data");
  g_string_append (w->out, measures->no_data ? "true" : "false");
  if (measures->prevalence)
    {
      write_key (w, "prevalence_paradox");
      g_string_append (w->out, "true");
    }
  if (measures->has_counts)
    {
      write_key (w, "matched");
      write_number (w, measures->matched);
      write_key (w, "unmatched");
      write_number (w, measures->unmatched);
    }
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (gloss_agreement_measures_has (measures, k))
      {
        write_key (w, gloss_measure_kind_to_key (k));
        write_measure (w, measures->values[k]);
      }
  write_interval (w, measures);
}

static void
write_rows (Writer     *w,
            const char *array_name,
            const char *label_key,
            GArray     *rows)
{
  write_key (w, array_name);
  write_open (w, '[');
  for (guint r = 0; r < rows->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (rows, GlossAgreementRow, r);

      write_separator (w);
      write_open (w, '{');
      write_key (w, label_key);
      write_string (w, row->label);
      write_measures (w, &row->measures);
      write_close (w, '}');
    }
  write_close (w, ']');
}

static void
write_pairs (Writer                     *w,
             const GlossAgreementReport *report)
{
  write_key (w, "pairs");
  write_open (w, '[');
  for (guint p = 0; p < report->pairs->len; p++)
    {
      GlossAgreementPair *pair = &g_array_index (report->pairs, GlossAgreementPair, p);

      write_separator (w);
      write_open (w, '{');
      write_key (w, "coders");
      write_open (w, '[');
      write_separator (w);
      write_string (w, coder_at (report, pair->coder_a));
      write_separator (w);
      write_string (w, coder_at (report, pair->coder_b));
      write_close (w, ']');
      write_measures (w, &pair->measures);
      write_close (w, '}');
    }
  write_close (w, ']');
}

/* Each coder's own coding behind the disagreement: extent and text. */
static void
write_versions (Writer                           *w,
                const GlossAgreementReport       *report,
                const GlossAgreementDisagreement *d)
{
  write_key (w, "versions");
  write_open (w, '{');
  for (guint c = 0; c < report->coders->len; c++)
    {
      const GlossAgreementVersion *v = gloss_agreement_report_get_version (report, d, c);
      g_autofree char *quote = NULL;

      write_key (w, coder_at (report, c));
      if (v == NULL)
        {
          g_string_append (w->out, "null");
          continue;
        }
      write_open (w, '{');
      write_key (w, "start");
      write_number (w, v->start);
      write_key (w, "end");
      write_number (w, v->end);
      quote = gloss_agreement_report_dup_version_quote (report, d, c);
      write_key (w, "quote");
      write_string (w, quote ? quote : "");
      write_close (w, '}');
    }
  write_close (w, '}');
}

static void
write_disagreements (Writer                     *w,
                     const GlossAgreementReport *report)
{
  write_key (w, "disagreements");
  write_open (w, '[');
  for (guint i = 0; i < report->disagreements->len; i++)
    {
      GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
      g_autofree char *quote = gloss_agreement_report_dup_quote (report, d);

      write_separator (w);
      write_open (w, '{');
      write_key (w, "document");
      write_string (w, document_title (report, d->document));
      write_key (w, "start");
      write_number (w, d->start);
      write_key (w, "end");
      write_number (w, d->end);
      write_key (w, "code");
      write_string (w, d->code);
      if (d->other_code != NULL)
        {
          write_key (w, "other_code");
          write_string (w, d->other_code);
        }
      write_key (w, "kind");
      write_string (w, gloss_disagreement_kind_to_string (d->kind));
      write_key (w, "quote");
      if (quote != NULL)
        write_string (w, quote);
      else
        g_string_append (w->out, "null");
      write_key (w, "coders");
      write_open (w, '{');
      for (guint c = 0; c < report->coders->len; c++)
        {
          write_key (w, coder_at (report, c));
          write_string (w, d->values[c]);
        }
      write_close (w, '}');
      write_versions (w, report, d);
      write_close (w, '}');
    }
  write_close (w, ']');
}

static void
write_strings (Writer     *w,
               const char *key,
               GPtrArray  *strings)
{
  write_key (w, key);
  write_open (w, '[');
  for (guint i = 0; i < strings->len; i++)
    {
      write_separator (w);
      write_string (w, g_ptr_array_index (strings, i));
    }
  write_close (w, ']');
}

char *
gloss_agreement_report_to_json (const GlossAgreementReport *report)
{
  Writer w = { g_string_sized_new (4096), 0, { TRUE } };

  write_open (&w, '{');
  write_key (&w, "unit");
  write_string (&w, gloss_agreement_unit_to_string (report->unit));
  if (report->group != NULL)
    {
      write_key (&w, "group");
      write_string (&w, report->group);
    }
  if (report->unit == GLOSS_AGREEMENT_UNIT_SEGMENT)
    {
      write_key (&w, "threshold");
      write_measure (&w, gloss_measure_defined (report->threshold));
    }
  if (report->unit == GLOSS_AGREEMENT_UNIT_CHAR)
    {
      write_key (&w, "coded_only");
      g_string_append (w.out, report->coded_only ? "true" : "false");
    }
  write_key (&w, "bootstrap");
  write_open (&w, '{');
  write_key (&w, "samples");
  write_number (&w, report->samples);
  write_key (&w, "seed");
  write_number (&w, (double) report->seed);
  write_key (&w, "confidence");
  write_measure (&w, gloss_measure_defined (0.95));
  write_close (&w, '}');
  write_strings (&w, "coders", report->coders);
  write_key (&w, "overall");
  write_open (&w, '{');
  write_measures (&w, &report->overall);
  write_close (&w, '}');
  write_rows (&w, "codes", "code", report->codes);
  write_rows (&w, "documents", "document", report->documents);
  write_pairs (&w, report);
  write_disagreements (&w, report);
  write_strings (&w, "notes", report->notes);
  write_close (&w, '}');
  g_string_append_c (w.out, '\n');
  return g_string_free (w.out, FALSE);
}

JsonNode *
gloss_agreement_report_to_json_node (const GlossAgreementReport *report)
{
  g_autofree char *json = gloss_agreement_report_to_json (report);

  return json_from_string (json, NULL);
}

/* CSV */

static void
append_csv_row (GString                      *out,
                const GlossAgreementReport   *report,
                const char                   *section,
                const char                   *name,
                const GlossAgreementMeasures *measures)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  gloss_csv_append_field (out, section);
  g_string_append_c (out, ',');
  gloss_csv_append_field (out, name);
  g_string_append_printf (out, ",%s", g_ascii_dtostr (buffer, sizeof buffer, measures->units));
  if (report->overall.has_counts)
    g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                            measures->matched, measures->unmatched);
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    {
      if (!(report_kinds (report) & (1u << k)))
        continue;
      g_string_append_c (out, ',');
      if (gloss_agreement_measures_has (measures, k) && gloss_measure_is_defined (measures->values[k]))
        g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, measures->values[k].value));
    }
  g_string_append (out, measures->no_data ? ",true" : ",false");
  if (measures->bootstrap.defined)
    {
      const GlossBootstrap *b = &measures->bootstrap;

      g_string_append_printf (out, ",%s", g_ascii_dtostr (buffer, sizeof buffer, b->low));
      g_string_append_printf (out, ",%s", g_ascii_dtostr (buffer, sizeof buffer, b->high));
      g_string_append_printf (out, ",%s", g_ascii_dtostr (buffer, sizeof buffer, b->p_below_tentative));
      g_string_append_printf (out, ",%s", g_ascii_dtostr (buffer, sizeof buffer, b->p_below_reliable));
    }
  else
    g_string_append (out, ",,,,");
  g_string_append (out, "\r\n");
}

char *
gloss_agreement_report_to_csv (const GlossAgreementReport *report)
{
  GString *out = g_string_new ("section,name,units");

  if (report->overall.has_counts)
    g_string_append (out, ",matched,unmatched");
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (report_kinds (report) & (1u << k))
      g_string_append_printf (out, ",%s", gloss_measure_kind_to_key (k));
  g_string_append (out, ",no_data,alpha_low,alpha_high,p_below_0_667,p_below_0_800\r\n");

  append_csv_row (out, report, "overall", "", &report->overall);
  for (guint r = 0; r < report->codes->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (report->codes, GlossAgreementRow, r);

      append_csv_row (out, report, "code", row->label, &row->measures);
    }
  for (guint r = 0; r < report->documents->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (report->documents, GlossAgreementRow, r);

      append_csv_row (out, report, "document", row->label, &row->measures);
    }
  for (guint p = 0; p < report->pairs->len; p++)
    {
      GlossAgreementPair *pair = &g_array_index (report->pairs, GlossAgreementPair, p);
      g_autofree char *label = pair_label (report, pair);

      append_csv_row (out, report, "pair", label, &pair->measures);
    }
  return g_string_free (out, FALSE);
}

/* Text and HTML share the cell formatting */

static char *
format_value (const GlossAgreementMeasures *measures,
              GlossMeasureKind              kind)
{
  if (measures->no_data && gloss_agreement_measures_has (measures, kind))
    return g_strdup ("no data");
  if (!gloss_agreement_measures_has (measures, kind) || !gloss_measure_is_defined (measures->values[kind]))
    return g_strdup ("-");
  /* no "-0.0000": a value that rounds to zero is zero */
  return g_strdup_printf ("%.4f", fabs (measures->values[kind].value) < 0.00005 ? 0.0 : measures->values[kind].value);
}

/* "[0.712, 0.803] 0.01 0.62", or "-" */
static char *
format_interval (const GlossAgreementMeasures *measures)
{
  const GlossBootstrap *b = &measures->bootstrap;

  if (!b->defined)
    return g_strdup ("-");
  return g_strdup_printf ("[%.3f, %.3f] %.3f %.3f", fabs (b->low) < 0.0005 ? 0.0 : b->low,
                          fabs (b->high) < 0.0005 ? 0.0 : b->high, b->p_below_tentative, b->p_below_reliable);
}

static char *
format_units (const GlossAgreementMeasures *measures)
{
  return g_strdup_printf ("%.0f", measures->units);
}

typedef void (*RowFunc) (GString                      *out,
                         const GlossAgreementReport   *report,
                         const char                   *name,
                         const GlossAgreementMeasures *measures,
                         int                           width);

static void
for_each_row (GString                    *out,
              const GlossAgreementReport *report,
              GArray                     *rows,
              RowFunc                     func,
              int                         width)
{
  for (guint r = 0; r < rows->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (rows, GlossAgreementRow, r);

      func (out, report, row->label, &row->measures, width);
    }
}

/* Text */

static void
text_row (GString                      *out,
          const GlossAgreementReport   *report,
          const char                   *name,
          const GlossAgreementMeasures *measures,
          int                           width)
{
  g_autofree char *units = format_units (measures);

  g_string_append_printf (out, "  %-*s %10s", width, name, units);
  if (report->overall.has_counts)
    g_string_append_printf (out, " %8" G_GINT64_FORMAT " %9" G_GINT64_FORMAT,
                            measures->matched, measures->unmatched);
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (report_kinds (report) & (1u << k))
      {
        g_autofree char *value = format_value (measures, k);

        g_string_append_printf (out, " %18s", value);
      }
  if (report->samples > 0)
    {
      g_autofree char *interval = format_interval (measures);

      g_string_append_printf (out, "  %s", interval);
    }
  g_string_append_c (out, '\n');
}

static void
text_header (GString                    *out,
             const GlossAgreementReport *report,
             const char                 *title,
             int                         width)
{
  g_string_append_printf (out, "\n%s\n  %-*s %10s", title, width, "", "units");
  if (report->overall.has_counts)
    g_string_append_printf (out, " %8s %9s", "matched", "unmatched");
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (report_kinds (report) & (1u << k))
      g_string_append_printf (out, " %18s", gloss_measure_kind_to_key (k));
  if (report->samples > 0)
    g_string_append (out, "  alpha 95% interval, P(alpha < 0.667), P(alpha < 0.800)");
  g_string_append_c (out, '\n');
}

static int
label_width (const GlossAgreementReport *report)
{
  int width = 12;

  for (guint r = 0; r < report->codes->len; r++)
    width = MAX (width, (int) g_utf8_strlen (g_array_index (report->codes, GlossAgreementRow, r).label, -1));
  for (guint r = 0; r < report->documents->len; r++)
    width = MAX (width, (int) g_utf8_strlen (g_array_index (report->documents, GlossAgreementRow, r).label, -1));
  return MIN (width, 40);
}

char *
gloss_agreement_report_to_text (const GlossAgreementReport *report)
{
  GString *out = g_string_new (NULL);
  int width = label_width (report);

  g_string_append_printf (out, "Unit: %s", gloss_agreement_unit_to_string (report->unit));
  if (report->group != NULL)
    g_string_append_printf (out, " (group %s)", report->group);
  g_string_append (out, "\nCoders:");
  for (guint c = 0; c < report->coders->len; c++)
    g_string_append_printf (out, " %s", coder_at (report, c));
  g_string_append_c (out, '\n');

  text_header (out, report, "Overall", width);
  text_row (out, report, "all", &report->overall, width);
  text_header (out, report, report->group != NULL ? "Categories" : "Codes", width);
  for_each_row (out, report, report->codes, text_row, width);
  text_header (out, report, "Documents", width);
  for_each_row (out, report, report->documents, text_row, width);
  text_header (out, report, "Pairs", width);
  for (guint p = 0; p < report->pairs->len; p++)
    {
      GlossAgreementPair *pair = &g_array_index (report->pairs, GlossAgreementPair, p);
      g_autofree char *label = pair_label (report, pair);

      text_row (out, report, label, &pair->measures, width);
    }

  g_string_append_printf (out, "\nDisagreements: %u\n", report->disagreements->len);
  for (guint i = 0; i < report->disagreements->len; i++)
    {
      GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
      g_autofree char *quote = report->group == NULL ? gloss_agreement_report_dup_quote (report, d) : NULL;

      g_string_append_printf (out, "  %s [%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "] %s:",
                              document_title (report, d->document), d->start, d->end, d->code);
      for (guint c = 0; c < report->coders->len; c++)
        g_string_append_printf (out, " %s=%s", coder_at (report, c), d->values[c]);
      if (d->kind == GLOSS_DISAGREEMENT_OTHER_CODE)
        g_string_append (out, " (other code)");
      g_string_append_c (out, '\n');
      if (quote != NULL)
        g_string_append_printf (out, "    “%s”\n", quote);
      for (guint c = 0; c < report->coders->len; c++)
        {
          const GlossAgreementVersion *v = gloss_agreement_report_get_version (report, d, c);
          g_autofree char *version = v ? gloss_agreement_report_dup_version_quote (report, d, c) : NULL;

          if (v != NULL)
            g_string_append_printf (out, "    %s [%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "]: “%s”\n",
                                    coder_at (report, c), v->start, v->end, version ? version : "");
        }
    }
  if (report->notes->len > 0)
    g_string_append (out, "\nNotes:\n");
  for (guint i = 0; i < report->notes->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (report->notes, i));
  return g_string_free (out, FALSE);
}

/* HTML */

static void
html_row (GString                      *out,
          const GlossAgreementReport   *report,
          const char                   *name,
          const GlossAgreementMeasures *measures,
          int                           width)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *units = format_units (measures);

  g_string_append_printf (out, "<tr><th scope=\"row\">%s</th><td>%s</td>", escaped, units);
  if (report->overall.has_counts)
    g_string_append_printf (out, "<td>%" G_GINT64_FORMAT "</td><td>%" G_GINT64_FORMAT "</td>",
                            measures->matched, measures->unmatched);
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (report_kinds (report) & (1u << k))
      {
        g_autofree char *value = format_value (measures, k);

        g_string_append_printf (out, "<td>%s</td>", value);
      }
  if (report->samples > 0)
    {
      g_autofree char *interval = format_interval (measures);

      g_string_append_printf (out, "<td>%s</td>", interval);
    }
  g_string_append (out, "</tr>\n");
}

static void
html_table_start (GString                    *out,
                  const GlossAgreementReport *report,
                  const char                 *title)
{
  g_string_append_printf (out, "<h2>%s</h2>\n<table>\n<tr><th></th><th>Units</th>", title);
  if (report->overall.has_counts)
    g_string_append (out, "<th>Matched</th><th>Unmatched</th>");
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (report_kinds (report) & (1u << k))
      g_string_append_printf (out, "<th>%s</th>", gloss_measure_kind_to_label (k));
  if (report->samples > 0)
    g_string_append (out, "<th>alpha 95% interval, P(&lt; 0.667), P(&lt; 0.800)</th>");
  g_string_append (out, "</tr>\n");
}

static void
html_disagreements (GString                    *out,
                    const GlossAgreementReport *report)
{
  g_string_append (out, "<h2>Disagreements</h2>\n<table>\n<tr><th>Document</th><th>Range</th><th>Code</th>"
                        "<th>Kind</th><th>Text</th>");
  for (guint c = 0; c < report->coders->len; c++)
    {
      g_autofree char *name = g_markup_escape_text (coder_at (report, c), -1);

      g_string_append_printf (out, "<th>%s</th>", name);
    }
  g_string_append (out, "</tr>\n");
  for (guint i = 0; i < report->disagreements->len; i++)
    {
      GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
      g_autofree char *title = g_markup_escape_text (document_title (report, d->document), -1);
      g_autofree char *code = g_markup_escape_text (d->code, -1);

      g_autofree char *text = gloss_agreement_report_dup_quote (report, d);
      g_autofree char *quote = g_markup_escape_text (text ? text : "", -1);

      g_string_append_printf (out, "<tr><td>%s</td><td>%" G_GINT64_FORMAT "&ndash;%" G_GINT64_FORMAT
                              "</td><td>%s</td><td>%s</td><td class=\"quote\">%s</td>", title, d->start, d->end,
                              code, gloss_disagreement_kind_to_string (d->kind), quote);
      for (guint c = 0; c < report->coders->len; c++)
        {
          const GlossAgreementVersion *v = gloss_agreement_report_get_version (report, d, c);
          g_autofree char *value = g_markup_escape_text (d->values[c], -1);
          g_autofree char *own = v ? gloss_agreement_report_dup_version_quote (report, d, c) : NULL;
          g_autofree char *version = g_markup_escape_text (own ? own : "", -1);

          g_string_append_printf (out, "<td>%s%s%s</td>", value, v ? "<br><q>" : "", v ? version : "");
          if (v != NULL)
            g_string_append (out, "</q>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");
}

char *
gloss_agreement_report_to_html (const GlossAgreementReport *report)
{
  GString *out = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                               "<title>Inter-coder agreement</title>"
                               "<style>table{border-collapse:collapse}td,th{padding:2px 8px;"
                               "border-bottom:1px solid #ccc;text-align:right}"
                               "th[scope=row]{text-align:left}td.quote,q{text-align:left}</style></head><body>\n");

  g_string_append_printf (out, "<h1>Inter-coder agreement (%s)</h1>\n<p>Coders:",
                          gloss_agreement_unit_to_string (report->unit));
  for (guint c = 0; c < report->coders->len; c++)
    {
      g_autofree char *name = g_markup_escape_text (coder_at (report, c), -1);

      g_string_append_printf (out, " %s", name);
    }
  g_string_append (out, "</p>\n");

  html_table_start (out, report, "Overall");
  html_row (out, report, "All", &report->overall, 0);
  g_string_append (out, "</table>\n");
  html_table_start (out, report, report->group != NULL ? "Categories" : "Codes");
  for_each_row (out, report, report->codes, html_row, 0);
  g_string_append (out, "</table>\n");
  html_table_start (out, report, "Documents");
  for_each_row (out, report, report->documents, html_row, 0);
  g_string_append (out, "</table>\n");
  html_table_start (out, report, "Pairs of coders");
  for (guint p = 0; p < report->pairs->len; p++)
    {
      GlossAgreementPair *pair = &g_array_index (report->pairs, GlossAgreementPair, p);
      g_autofree char *label = pair_label (report, pair);

      html_row (out, report, label, &pair->measures, 0);
    }
  g_string_append (out, "</table>\n");
  html_disagreements (out, report);

  g_string_append (out, "<h2>Notes</h2>\n<ul>\n");
  for (guint i = 0; i < report->notes->len; i++)
    {
      g_autofree char *note = g_markup_escape_text (g_ptr_array_index (report->notes, i), -1);

      g_string_append_printf (out, "<li>%s</li>\n", note);
    }
  g_string_append (out, "</ul>\n</body></html>\n");
  return g_string_free (out, FALSE);
}
