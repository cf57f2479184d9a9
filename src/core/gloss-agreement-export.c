/* gloss-agreement-export.c: an agreement report as JSON, CSV, HTML or text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-agreement-export.h"

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

/* JSON */

static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_measures (JsonBuilder                  *builder,
              const GlossAgreementMeasures *measures)
{
  json_builder_set_member_name (builder, "units");
  add_number (builder, measures->units);
  if (measures->has_counts)
    {
      json_builder_set_member_name (builder, "matched");
      json_builder_add_int_value (builder, measures->matched);
      json_builder_set_member_name (builder, "unmatched");
      json_builder_add_int_value (builder, measures->unmatched);
    }
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    {
      if (!gloss_agreement_measures_has (measures, k))
        continue;
      json_builder_set_member_name (builder, gloss_measure_kind_to_key (k));
      if (gloss_measure_is_defined (measures->values[k]))
        json_builder_add_double_value (builder, measures->values[k].value);
      else
        json_builder_add_null_value (builder);
    }
}

static void
add_rows (JsonBuilder *builder,
          const char  *array_name,
          const char  *label_key,
          GArray      *rows)
{
  json_builder_set_member_name (builder, array_name);
  json_builder_begin_array (builder);
  for (guint r = 0; r < rows->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (rows, GlossAgreementRow, r);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, label_key);
      json_builder_add_string_value (builder, row->label);
      add_measures (builder, &row->measures);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_pairs (JsonBuilder                *builder,
           const GlossAgreementReport *report)
{
  json_builder_set_member_name (builder, "pairs");
  json_builder_begin_array (builder);
  for (guint p = 0; p < report->pairs->len; p++)
    {
      GlossAgreementPair *pair = &g_array_index (report->pairs, GlossAgreementPair, p);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "coders");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, coder_at (report, pair->coder_a));
      json_builder_add_string_value (builder, coder_at (report, pair->coder_b));
      json_builder_end_array (builder);
      add_measures (builder, &pair->measures);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_disagreements (JsonBuilder                *builder,
                   const GlossAgreementReport *report)
{
  json_builder_set_member_name (builder, "disagreements");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->disagreements->len; i++)
    {
      GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "document");
      json_builder_add_string_value (builder, document_title (report, d->document));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, d->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, d->end);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, d->code);
      json_builder_set_member_name (builder, "coders");
      json_builder_begin_object (builder);
      for (guint c = 0; c < report->coders->len; c++)
        {
          json_builder_set_member_name (builder, coder_at (report, c));
          json_builder_add_string_value (builder, d->values[c]);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
gloss_agreement_report_to_json_node (const GlossAgreementReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, gloss_agreement_unit_to_string (report->unit));
  if (report->group != NULL)
    {
      json_builder_set_member_name (builder, "group");
      json_builder_add_string_value (builder, report->group);
    }
  if (report->unit == GLOSS_AGREEMENT_UNIT_SEGMENT)
    {
      json_builder_set_member_name (builder, "threshold");
      json_builder_add_double_value (builder, report->threshold);
    }
  if (report->unit == GLOSS_AGREEMENT_UNIT_CHAR)
    {
      json_builder_set_member_name (builder, "coded_only");
      json_builder_add_boolean_value (builder, report->coded_only);
    }
  json_builder_set_member_name (builder, "coders");
  json_builder_begin_array (builder);
  for (guint c = 0; c < report->coders->len; c++)
    json_builder_add_string_value (builder, coder_at (report, c));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "overall");
  json_builder_begin_object (builder);
  add_measures (builder, &report->overall);
  json_builder_end_object (builder);
  add_rows (builder, "codes", "code", report->codes);
  add_rows (builder, "documents", "document", report->documents);
  add_pairs (builder, report);
  add_disagreements (builder, report);

  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->notes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
gloss_agreement_report_to_json (const GlossAgreementReport *report)
{
  g_autoptr(JsonNode) root = gloss_agreement_report_to_json_node (report);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* CSV */

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_row (GString                      *out,
                const GlossAgreementReport   *report,
                const char                   *section,
                const char                   *name,
                const GlossAgreementMeasures *measures)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  append_csv_field (out, section);
  g_string_append_c (out, ',');
  append_csv_field (out, name);
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
  g_string_append (out, "\r\n");

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
  if (!gloss_agreement_measures_has (measures, kind) || !gloss_measure_is_defined (measures->values[kind]))
    return g_strdup ("-");
  return g_strdup_printf ("%.4f", measures->values[kind].value);
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

      g_string_append_printf (out, "  %s [%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "] %s:",
                              document_title (report, d->document), d->start, d->end, d->code);
      for (guint c = 0; c < report->coders->len; c++)
        g_string_append_printf (out, " %s=%s", coder_at (report, c), d->values[c]);
      g_string_append_c (out, '\n');
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
  g_string_append (out, "</tr>\n");
}

static void
html_disagreements (GString                    *out,
                    const GlossAgreementReport *report)
{
  g_string_append (out, "<h2>Disagreements</h2>\n<table>\n<tr><th>Document</th><th>Range</th><th>Code</th>");
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

      g_string_append_printf (out, "<tr><td>%s</td><td>%" G_GINT64_FORMAT "&ndash;%" G_GINT64_FORMAT
                              "</td><td>%s</td>", title, d->start, d->end, code);
      for (guint c = 0; c < report->coders->len; c++)
        {
          g_autofree char *value = g_markup_escape_text (d->values[c], -1);

          g_string_append_printf (out, "<td>%s</td>", value);
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
                               "th[scope=row]{text-align:left}</style></head><body>\n");

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
