/* gloss-reliability-report.c: an agreement report for a methods section
 *
 * The HTML page and the PDF tell the same things in the same order; the
 * sentences about the settings are shared, the drawing is each its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "gloss-reliability-report.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "gloss-atomic-file.h"
#include "gloss-error.h"

/* Disagreements listed in the PDF (the HTML lists more). */
#define PDF_DISAGREEMENTS  80
#define HTML_DISAGREEMENTS 2000

/* What the report says, whatever it is drawn on */

static const char *
coder_at (const GlossAgreementReport *report,
          guint                       i)
{
  return g_ptr_array_index (report->coders, i);
}

/* The alpha a row is judged by: Krippendorff's alpha, else the unitizing
 * alpha of the row. */
static GlossMeasureKind
judged_kind (const GlossAgreementReport *report)
{
  static const GlossMeasureKind kinds[] = {
    GLOSS_MEASURE_KRIPPENDORFF_ALPHA, GLOSS_MEASURE_U_ALPHA_2016, GLOSS_MEASURE_U_ALPHA_2004,
    GLOSS_MEASURE_BRENNAN_PREDIGER, GLOSS_MEASURE_PERCENT_AGREEMENT,
  };

  /* the alpha with the intervals, when there is one */
  if (report->overall.alpha_pairs > 0 && gloss_agreement_measures_has (&report->overall, report->overall.alpha_kind))
    return report->overall.alpha_kind;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (gloss_agreement_measures_has (&report->overall, kinds[i]))
      return kinds[i];
  return GLOSS_MEASURE_PERCENT_AGREEMENT;
}

/* The measure columns of the tables: the judged one first, then the others
 * the report has, at most @max. */
static guint
table_kinds (const GlossAgreementReport *report,
             GlossMeasureKind           *kinds,
             guint                       max)
{
  static const GlossMeasureKind order[] = {
    GLOSS_MEASURE_KRIPPENDORFF_ALPHA, GLOSS_MEASURE_U_ALPHA_2016, GLOSS_MEASURE_U_ALPHA_2004,
    GLOSS_MEASURE_BINARY_U_ALPHA, GLOSS_MEASURE_CU_ALPHA, GLOSS_MEASURE_PERCENT_AGREEMENT,
    GLOSS_MEASURE_HOLSTI, GLOSS_MEASURE_COHEN_KAPPA, GLOSS_MEASURE_FLEISS_KAPPA,
    GLOSS_MEASURE_BRENNAN_PREDIGER, GLOSS_MEASURE_GWET_AC1,
  };
  guint present = 0, n = 0;

  /* a measure that no row defines (Cohen's kappa of ten coders) is left out */
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (gloss_agreement_measures_has (&report->overall, k) && gloss_measure_is_defined (report->overall.values[k]))
      present |= 1u << k;
  for (guint r = 0; r < report->codes->len; r++)
    {
      const GlossAgreementMeasures *m = &g_array_index (report->codes, GlossAgreementRow, r).measures;

      for (guint k = 0; k < GLOSS_N_MEASURES; k++)
        if (gloss_agreement_measures_has (m, k) && gloss_measure_is_defined (m->values[k]))
          present |= 1u << k;
    }
  for (guint i = 0; i < G_N_ELEMENTS (order) && n < max; i++)
    if (present & (1u << order[i]))
      kinds[n++] = order[i];
  return n;
}

static double
no_negative_zero (double value)
{
  return fabs (value) < 0.0005 ? 0 : value;
}

static char *
format_value (const GlossAgreementMeasures *m,
              GlossMeasureKind              kind)
{
  if (m->no_data)
    return g_strdup (_("no data"));
  if (!gloss_agreement_measures_has (m, kind) || !gloss_measure_is_defined (m->values[kind]))
    return g_strdup ("—");
  return g_strdup_printf ("%.3f", no_negative_zero (m->values[kind].value));
}

static char *
format_interval (const GlossAgreementMeasures *m)
{
  if (!m->bootstrap.defined)
    return g_strdup ("—");
  return g_strdup_printf ("%.3f–%.3f", no_negative_zero (m->bootstrap.low), no_negative_zero (m->bootstrap.high));
}

static char *
format_share (const GlossAgreementMeasures *m,
              gboolean                      reliable)
{
  if (!m->bootstrap.defined)
    return g_strdup ("—");
  return g_strdup_printf ("%.3f", reliable ? m->bootstrap.p_below_reliable : m->bootstrap.p_below_tentative);
}

static const char *
unit_name (const GlossAgreementReport *report)
{
  switch (report->unit)
    {
    case GLOSS_AGREEMENT_UNIT_DOCUMENT:
      return _("documents");
    case GLOSS_AGREEMENT_UNIT_CHAR:
      return _("characters");
    case GLOSS_AGREEMENT_UNIT_SEGMENT:
      return _("coded segments");
    case GLOSS_AGREEMENT_UNIT_UNITIZED:
      return _("unitized text");
    default:
      return "";
    }
}

static const char *
unit_sentence (const GlossAgreementReport *report)
{
  switch (report->unit)
    {
    case GLOSS_AGREEMENT_UNIT_DOCUMENT:
      return report->group != NULL
             ? _("Each document is a unit; a coder's value is the category of the code group they applied in it.")
             : _("Each document is a unit; each code is present or absent in it.");
    case GLOSS_AGREEMENT_UNIT_CHAR:
      return report->coded_only
             ? _("Each character that some compared coder coded is a unit, per code (coded text only).")
             : _("Each character of the documents is a unit, per code, coded or not.");
    case GLOSS_AGREEMENT_UNIT_SEGMENT:
      return _("Codings are matched one to one between coders when they overlap enough.");
    case GLOSS_AGREEMENT_UNIT_UNITIZED:
      return _("The documents are continua; Krippendorff's alphas for unitizing compare where coded "
               "passages lie and which code they got.");
    default:
      return "";
    }
}

/* The settings as sentences, in the order a methods section gives them. */
static GPtrArray *
settings_sentences (const GlossAgreementReport *report)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) coders = g_string_new (NULL);

  g_ptr_array_add (out, g_strdup_printf (_("Unit of analysis: %s. %s"), unit_name (report), unit_sentence (report)));
  if (report->group != NULL)
    g_ptr_array_add (out, g_strdup_printf (_("Code group: %s, with %u categories."), report->group, report->codes->len));
  if (report->unit == GLOSS_AGREEMENT_UNIT_SEGMENT)
    g_ptr_array_add (out, g_strdup_printf (_("Overlap needed to match two codings: %.2f."), report->threshold));
  for (guint i = 0; i < report->coders->len; i++)
    g_string_append_printf (coders, "%s%s", i ? ", " : "", coder_at (report, i));
  g_ptr_array_add (out, g_strdup_printf (_("Coders compared (%u): %s."), report->coders->len, coders->str));
  g_ptr_array_add (out, g_strdup_printf (_("Documents: %u. Codes: %u."), report->documents->len, report->codes->len));
  if (report->samples > 0)
    g_ptr_array_add (out, g_strdup_printf (_("Intervals: 95%%, from %u bootstrap samples of alpha (Hayes & Krippendorff "
                                             "2007), seed %" PRIu64 "."), report->samples, report->seed));
  g_ptr_array_add (out, g_strdup (_("Thresholds (Krippendorff 2004): rely on data from alpha = 0.800; draw tentative "
                                    "conclusions from 0.667.")));
  return out;
}

/* A quote on one line: line and page breaks of the text read as spaces. */
static char *
flatten (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '\n' || *p == '\f' || *p == '\t' || *p == '\r' || *p == ' ')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* A coder's cell of a disagreement: what they did and their own text. */
static char *
disagreement_cell (const GlossAgreementReport       *report,
                   const GlossAgreementDisagreement *d,
                   guint                             coder)
{
  const GlossAgreementVersion *v = gloss_agreement_report_get_version (report, d, coder);
  g_autofree char *text = NULL;
  g_autofree char *quote = NULL;

  if (v == NULL)
    return g_strdup (d->values[coder]);
  text = gloss_agreement_report_dup_version_quote (report, d, coder);
  quote = flatten (text);
  return g_strdup_printf ("%s: “%s”", d->values[coder], quote);
}

static const char *
band_color (double value)
{
  if (value >= 0.800)
    return "#2ec27e";
  if (value >= 0.667)
    return "#f6d32d";
  return "#ed333b";
}

/* HTML */

/* Appends @pattern with its one "%s" replaced by @text, escaped. */
static void
html_text (GString    *out,
           const char *pattern,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  const char *at = strstr (pattern, "%s");

  g_return_if_fail (at != NULL);
  g_string_append_len (out, pattern, at - pattern);
  g_string_append (out, escaped);
  g_string_append (out, at + 2);
}

static void
html_row (GString                      *out,
          const GlossAgreementReport   *report,
          const char                   *label,
          const GlossAgreementMeasures *m,
          const GlossMeasureKind       *kinds,
          guint                         n_kinds)
{
  html_text (out, "<tr><th scope=\"row\">%s</th>", label);
  g_string_append_printf (out, "<td>%.0f</td>", m->units);
  for (guint k = 0; k < n_kinds; k++)
    {
      g_autofree char *value = format_value (m, kinds[k]);

      g_string_append_printf (out, "<td>%s</td>", value);
    }
  if (report->samples > 0)
    {
      g_autofree char *interval = format_interval (m);
      g_autofree char *tentative = format_share (m, FALSE);
      g_autofree char *reliable = format_share (m, TRUE);

      g_string_append_printf (out, "<td>%s</td><td>%s</td><td>%s</td>", interval, tentative, reliable);
    }
  g_string_append (out, "</tr>\n");
}

static void
html_measures (GString                    *out,
               const GlossAgreementReport *report)
{
  GlossMeasureKind kinds[8];
  guint n = table_kinds (report, kinds, 6);

  g_string_append_printf (out, "<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th>", _("Measures"),
                          report->group ? _("Category") : _("Code"), _("Units"));
  for (guint k = 0; k < n; k++)
    html_text (out, "<th>%s</th>", gloss_measure_kind_to_label (kinds[k]));
  if (report->samples > 0)
    /* xgettext:no-c-format */
    g_string_append_printf (out, "<th>%s</th><th>%s</th><th>%s</th>", _("95% interval"),
                            _("P(α &lt; 0.667)"), _("P(α &lt; 0.800)"));
  g_string_append (out, "</tr>\n");
  html_row (out, report, _("Overall"), &report->overall, kinds, n);
  for (guint r = 0; r < report->codes->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (report->codes, GlossAgreementRow, r);

      html_row (out, report, row->label, &row->measures, kinds, n);
    }
  g_string_append (out, "</table>\n");
}

/* An SVG bar chart: alpha per code, its interval, the two thresholds. */
static void
html_chart (GString                    *out,
            const GlossAgreementReport *report)
{
  GlossMeasureKind kind = judged_kind (report);
  double lo = 0, left = 220, width = 420, row_h = 16;
  guint n = report->codes->len;
  double height = 30 + n * row_h;

  for (guint r = 0; r < n; r++)
    {
      const GlossAgreementMeasures *m = &g_array_index (report->codes, GlossAgreementRow, r).measures;

      if (!m->no_data && gloss_measure_is_defined (m->values[kind]))
        lo = MIN (lo, floor (MIN (m->values[kind].value, m->bootstrap.defined ? m->bootstrap.low : 0) * 5) / 5);
    }
  lo = MAX (lo, -1);
  g_string_append_printf (out, "<h2>%s</h2>\n", _("Alpha per code"));
  html_text (out, "<p>%s</p>\n", gloss_measure_kind_to_label (kind));
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                          "font-size=\"11\" font-family=\"sans-serif\">\n", left + width + 20, height + 10);
#define X(v) (left + ((v) - lo) / (1 - lo) * width)
  for (guint r = 0; r < n; r++)
    {
      const GlossAgreementRow *row = &g_array_index (report->codes, GlossAgreementRow, r);
      const GlossAgreementMeasures *m = &row->measures;
      double y = 20 + r * row_h;
      g_autofree char *label = g_markup_escape_text (row->label, -1);

      g_string_append_printf (out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                              left - 6, y + 11, label);
      if (m->no_data || !gloss_measure_is_defined (m->values[kind]))
        {
          g_string_append_printf (out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#77767b\">%s</text>\n", X (0) + 4, y + 11,
                                  m->no_data ? _("no data") : "—");
          continue;
        }
      g_string_append_printf (out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                              MIN (X (0), X (m->values[kind].value)), y + 2,
                              fabs (X (m->values[kind].value) - X (0)), row_h - 5, band_color (m->values[kind].value));
      if (m->bootstrap.defined && m->alpha_kind == kind)
        g_string_append_printf (out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#241f31\"/>\n",
                                X (m->bootstrap.low), X (m->bootstrap.high), y + row_h / 2 - 1, y + row_h / 2 - 1);
    }
  for (guint t = 0; t < 2; t++)
    {
      double v = t ? 0.800 : 0.667;

      g_string_append_printf (out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"14\" y2=\"%.1f\" stroke=\"#241f31\" "
                              "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"11\" text-anchor=\"middle\">%.3f</text>\n",
                              X (v), X (v), height, X (v), v);
    }
  g_string_append_printf (out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"14\" y2=\"%.1f\" stroke=\"#9a9996\"/>"
                          "<text x=\"%.1f\" y=\"11\" text-anchor=\"middle\">0</text>\n", X (0), X (0), height, X (0));
#undef X
  g_string_append (out, "</svg>\n");
}

static void
html_heat_map (GString                    *out,
               const GlossAgreementReport *report)
{
  GlossMeasureKind kind = judged_kind (report);
  guint m = report->coders->len;

  g_string_append_printf (out, "<h2>%s</h2>\n", _("Coder pairs"));
  html_text (out, "<p>%s</p>\n<table class=\"heat\">\n<tr><th></th>", gloss_measure_kind_to_label (kind));
  for (guint j = 0; j < m; j++)
    html_text (out, "<th>%s</th>", coder_at (report, j));
  g_string_append (out, "</tr>\n");
  for (guint i = 0; i < m; i++)
    {
      html_text (out, "<tr><th scope=\"row\">%s</th>", coder_at (report, i));
      for (guint j = 0; j < m; j++)
        {
          const GlossAgreementPair *pair = i == j ? NULL : gloss_agreement_report_find_pair (report, i, j);
          GlossMeasure v = pair ? pair->measures.values[kind] : gloss_measure_undefined ("");

          if (pair == NULL || !gloss_measure_is_defined (v))
            g_string_append (out, "<td>—</td>");
          else
            g_string_append_printf (out, "<td style=\"background:%s\">%.3f</td>", band_color (v.value),
                                    no_negative_zero (v.value));
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");
}

static void
html_disagreements (GString                    *out,
                    const GlossAgreementReport *report)
{
  guint n = MIN (report->disagreements->len, HTML_DISAGREEMENTS);

  g_string_append_printf (out, "<h2>%s</h2>\n<p>", _("Disagreements"));
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u disagreement.", "%u disagreements.",
                                            report->disagreements->len), report->disagreements->len);
  if (n < report->disagreements->len)
    g_string_append_printf (out, _(" The first %u are listed."), n);
  g_string_append (out, "</p>\n<table class=\"list\">\n");
  for (guint i = 0; i < n; i++)
    {
      const GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
      const GlossAgreementRow *document = &g_array_index (report->documents, GlossAgreementRow, d->document);

      html_text (out, "<tr><td>%s", document->label);
      g_string_append_printf (out, " %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT "</td>", d->start, d->end);
      html_text (out, "<td>%s", d->code);
      if (d->other_code != NULL)
        html_text (out, " / %s", d->other_code);
      html_text (out, " (%s)</td>", gloss_disagreement_kind_to_string (d->kind));
      if (report->unit != GLOSS_AGREEMENT_UNIT_DOCUMENT)
        {
          g_autofree char *text = gloss_agreement_report_dup_quote (report, d);
          g_autofree char *quote = flatten (text);

          html_text (out, "<td><q>%s</q></td>", quote);
        }
      else
        g_string_append (out, "<td></td>");
      g_string_append (out, "<td>");
      for (guint c = 0; c < report->coders->len; c++)
        {
          g_autofree char *cell = disagreement_cell (report, d, c);

          html_text (out, "<b>%s</b>: ", coder_at (report, c));
          html_text (out, "%s<br>", cell);
        }
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</table>\n");
}

char *
gloss_reliability_report_to_html (const GlossAgreementReport *report,
                                  const char                 *title)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) settings = settings_sentences (report);

  g_return_val_if_fail (report != NULL, NULL);

  html_text (out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>\n", _("Reliability report"));
  g_string_append (out, "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
                        "table{border-collapse:collapse;margin:1em 0}td,th{padding:2px 8px;border-bottom:1px solid #ccc;"
                        "text-align:right;vertical-align:top}th[scope=row],table.list td{text-align:left}"
                        "table.heat td{text-align:center}q{font-style:italic}</style></head><body>\n");
  html_text (out, "<h1>%s</h1>\n", _("Reliability report"));
  html_text (out, "<p>%s</p>\n", title);
  g_string_append_printf (out, "<h2>%s</h2>\n<ul>\n", _("Settings"));
  for (guint i = 0; i < settings->len; i++)
    html_text (out, "<li>%s</li>\n", g_ptr_array_index (settings, i));
  g_string_append (out, "</ul>\n");
  g_string_append_printf (out, "<h2>%s</h2>\n<ul>\n", _("Documents"));
  for (guint i = 0; i < report->documents->len; i++)
    html_text (out, "<li>%s</li>\n", g_array_index (report->documents, GlossAgreementRow, i).label);
  g_string_append (out, "</ul>\n");
  html_measures (out, report);
  html_chart (out, report);
  html_heat_map (out, report);
  html_disagreements (out, report);
  g_string_append_printf (out, "<h2>%s</h2>\n<ul>\n", _("Notes"));
  for (guint i = 0; i < report->notes->len; i++)
    html_text (out, "<li>%s</li>\n", g_ptr_array_index (report->notes, i));
  g_string_append (out, "</ul>\n</body></html>\n");
  return g_string_free (out, FALSE);
}

/* PDF: A4 pages of flowing text, tables and two figures */

#define PAGE_W  595.28
#define PAGE_H  841.89
#define MARGIN  56.0
#define TEXT_W  (PAGE_W - 2 * MARGIN)

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
  guint        page;
} Pdf;

static void
pdf_footer (Pdf *pdf)
{
  g_autofree char *number = g_strdup_printf ("%u", pdf->page);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 8");
  int w, h;

  pango_layout_set_font_description (pdf->layout, font);
  pango_layout_set_width (pdf->layout, -1);
  pango_layout_set_text (pdf->layout, number, -1);
  pango_layout_get_size (pdf->layout, &w, &h);
  cairo_set_source_rgb (pdf->cr, 0.4, 0.4, 0.4);
  cairo_move_to (pdf->cr, PAGE_W / 2 - w / (2.0 * PANGO_SCALE), PAGE_H - MARGIN / 2);
  pango_cairo_show_layout (pdf->cr, pdf->layout);
}

static void
pdf_new_page (Pdf *pdf)
{
  pdf_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

/* Room for @height points more on this page, else a new page. */
static void
pdf_need (Pdf    *pdf,
          double  height)
{
  if (pdf->y + height > PAGE_H - MARGIN)
    pdf_new_page (pdf);
}

/* Lays out @markup at @x, @width wide; returns its height without drawing
 * when @draw is FALSE. */
static double
pdf_layout (Pdf        *pdf,
            const char *font_name,
            const char *markup,
            double      x,
            double      width,
            gboolean    draw)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (font_name);
  int w, h;

  pango_layout_set_font_description (pdf->layout, font);
  pango_layout_set_width (pdf->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (pdf->layout, markup, -1);
  pango_layout_get_size (pdf->layout, &w, &h);
  if (draw)
    {
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.12);
      cairo_move_to (pdf->cr, x, pdf->y);
      pango_cairo_show_layout (pdf->cr, pdf->layout);
    }
  return h / (double) PANGO_SCALE;
}

static void
pdf_paragraph (Pdf        *pdf,
               const char *font_name,
               const char *markup,
               double      space_after)
{
  double height = pdf_layout (pdf, font_name, markup, MARGIN, TEXT_W, FALSE);

  pdf_need (pdf, height);
  pdf_layout (pdf, font_name, markup, MARGIN, TEXT_W, TRUE);
  pdf->y += height + space_after;
}

static void
pdf_text (Pdf        *pdf,
          const char *font_name,
          const char *text,
          double      space_after)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  pdf_paragraph (pdf, font_name, escaped, space_after);
}

static void
pdf_heading (Pdf        *pdf,
             const char *text)
{
  pdf_need (pdf, 90);
  pdf->y += 8;
  pdf_text (pdf, "Sans Bold 12", text, 6);
}

/* One table row of @n cells; the first is left-aligned, the rest right. */
static void
pdf_table_row (Pdf         *pdf,
               const char **cells,
               const double *widths,
               guint        n,
               gboolean     header)
{
  const char *font = header ? "Sans Bold 7.5" : "Sans 7.5";
  double height = 0, x = MARGIN;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (cells[i], -1);

      height = MAX (height, pdf_layout (pdf, font, escaped, 0, widths[i] - 4, FALSE));
    }
  pdf_need (pdf, height + 3);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (cells[i], -1);

      pango_layout_set_alignment (pdf->layout, i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      pdf_layout (pdf, font, escaped, x, widths[i] - 4, TRUE);
      pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_LEFT);
      x += widths[i];
    }
  pdf->y += height + 1;
  cairo_set_source_rgb (pdf->cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (pdf->cr, 0.4);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_line_to (pdf->cr, x, pdf->y);
  cairo_stroke (pdf->cr);
  pdf->y += 2;
}

static void
pdf_measure_row (Pdf                          *pdf,
                 const GlossAgreementReport   *report,
                 const char                   *label,
                 const GlossAgreementMeasures *m,
                 const GlossMeasureKind       *kinds,
                 guint                         n_kinds,
                 const double                 *widths,
                 guint                         n_cells)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, g_strdup (label));
  g_ptr_array_add (cells, g_strdup_printf ("%.0f", m->units));
  for (guint k = 0; k < n_kinds; k++)
    g_ptr_array_add (cells, format_value (m, kinds[k]));
  if (report->samples > 0)
    {
      g_ptr_array_add (cells, format_interval (m));
      g_ptr_array_add (cells, format_share (m, FALSE));
      g_ptr_array_add (cells, format_share (m, TRUE));
    }
  pdf_table_row (pdf, (const char **) cells->pdata, widths, n_cells, FALSE);
}

static void
pdf_measures (Pdf                        *pdf,
              const GlossAgreementReport *report)
{
  GlossMeasureKind kinds[8];
  guint n = table_kinds (report, kinds, report->samples > 0 ? 3 : 5);
  const char *header[12];
  double widths[12];
  guint cells = 0;

  header[cells] = report->group ? _("Category") : _("Code");
  widths[cells++] = 0;
  header[cells] = _("Units");
  widths[cells++] = 46;
  for (guint k = 0; k < n; k++)
    {
      header[cells] = gloss_measure_kind_to_label (kinds[k]);
      widths[cells++] = 52;
    }
  if (report->samples > 0)
    {
      /* xgettext:no-c-format */
      header[cells] = _("95% interval");
      widths[cells++] = 78;
      header[cells] = _("P(α < 0.667)");
      widths[cells++] = 40;
      header[cells] = _("P(α < 0.800)");
      widths[cells++] = 40;
    }
  widths[0] = TEXT_W;
  for (guint i = 1; i < cells; i++)
    widths[0] -= widths[i];

  pdf_heading (pdf, _("Measures"));
  pdf_table_row (pdf, header, widths, cells, TRUE);
  pdf_measure_row (pdf, report, _("Overall"), &report->overall, kinds, n, widths, cells);
  for (guint r = 0; r < report->codes->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (report->codes, GlossAgreementRow, r);

      pdf_measure_row (pdf, report, row->label, &row->measures, kinds, n, widths, cells);
    }
}

static void
set_band (cairo_t *cr,
          double   value)
{
  if (value >= 0.800)
    cairo_set_source_rgb (cr, 0.18, 0.76, 0.49);
  else if (value >= 0.667)
    cairo_set_source_rgb (cr, 0.96, 0.83, 0.18);
  else
    cairo_set_source_rgb (cr, 0.93, 0.20, 0.23);
}

static void
pdf_chart_lines (Pdf    *pdf,
                 double  top,
                 double  bottom,
                 double  left,
                 double  width,
                 double  lo)
{
  static const double marks[] = { 0, 0.667, 0.800, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      double x = left + (marks[i] - lo) / (1 - lo) * width;
      g_autofree char *label = g_strdup_printf (marks[i] == 0 || marks[i] == 1 ? "%.0f" : "%.3f", marks[i]);
      double saved = pdf->y;

      cairo_set_source_rgb (pdf->cr, 0.14, 0.12, 0.19);
      cairo_set_line_width (pdf->cr, 0.6);
      if (marks[i] > 0 && marks[i] < 1)
        {
          double dash[] = { 3, 2 };

          cairo_set_dash (pdf->cr, dash, 2, 0);
        }
      cairo_move_to (pdf->cr, x, top);
      cairo_line_to (pdf->cr, x, bottom);
      cairo_stroke (pdf->cr);
      cairo_set_dash (pdf->cr, NULL, 0, 0);
      pdf->y = top - 10;
      pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_CENTER);
      pdf_layout (pdf, "Sans 6.5", label, x - 20, 40, TRUE);
      pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_LEFT);
      pdf->y = saved;
    }
}

/* Bars of alpha per code, with the interval as a whisker; the rows flow
 * over pages, each page with its own threshold lines. */
static void
pdf_chart (Pdf                        *pdf,
           const GlossAgreementReport *report)
{
  GlossMeasureKind kind = judged_kind (report);
  double left = MARGIN + 170, width = TEXT_W - 180, row_h = 13, lo = 0, top;
  g_autofree char *caption = NULL;

  for (guint r = 0; r < report->codes->len; r++)
    {
      const GlossAgreementMeasures *m = &g_array_index (report->codes, GlossAgreementRow, r).measures;

      if (!m->no_data && gloss_measure_is_defined (m->values[kind]))
        lo = MIN (lo, floor (MIN (m->values[kind].value, m->bootstrap.defined ? m->bootstrap.low : 0) * 5) / 5);
    }
  lo = MAX (lo, -1);
  pdf_heading (pdf, _("Alpha per code"));
  caption = g_strdup_printf (_("%s per code; the line through a bar is its 95%% interval; dashed: 0.667 and 0.800."),
                             gloss_measure_kind_to_label (kind));
  pdf_text (pdf, "Sans 8", caption, 14);
  top = pdf->y;
  for (guint r = 0; r < report->codes->len; r++)
    {
      const GlossAgreementRow *row = &g_array_index (report->codes, GlossAgreementRow, r);
      const GlossAgreementMeasures *m = &row->measures;
      g_autofree char *label = g_markup_escape_text (row->label, -1);
      double x0 = left + (0 - lo) / (1 - lo) * width;

      if (pdf->y + row_h > PAGE_H - MARGIN)
        {
          pdf_chart_lines (pdf, top, pdf->y, left, width, lo);
          pdf_new_page (pdf);
          pdf->y += 14;
          top = pdf->y;
        }
      pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_ellipsize (pdf->layout, PANGO_ELLIPSIZE_MIDDLE);
      pdf_layout (pdf, "Sans 7", label, MARGIN, 164, TRUE);
      pango_layout_set_ellipsize (pdf->layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_LEFT);
      if (m->no_data || !gloss_measure_is_defined (m->values[kind]))
        pdf_layout (pdf, "Sans Italic 7", m->no_data ? _("no data") : "—", x0 + 3, 80, TRUE);
      else
        {
          double v = m->values[kind].value, x = left + (v - lo) / (1 - lo) * width;

          set_band (pdf->cr, v);
          cairo_rectangle (pdf->cr, MIN (x0, x), pdf->y + 1.5, fabs (x - x0), row_h - 4);
          cairo_fill (pdf->cr);
          if (m->bootstrap.defined && m->alpha_kind == kind)
            {
              double a = left + (MAX (m->bootstrap.low, lo) - lo) / (1 - lo) * width;
              double b = left + (MIN (m->bootstrap.high, 1) - lo) / (1 - lo) * width;

              cairo_set_source_rgb (pdf->cr, 0.14, 0.12, 0.19);
              cairo_set_line_width (pdf->cr, 0.8);
              cairo_move_to (pdf->cr, a, pdf->y + row_h / 2 - 0.5);
              cairo_line_to (pdf->cr, b, pdf->y + row_h / 2 - 0.5);
              cairo_stroke (pdf->cr);
            }
        }
      pdf->y += row_h;
    }
  pdf_chart_lines (pdf, top, pdf->y, left, width, lo);
  pdf->y += 8;
}

static void
pdf_heat_map (Pdf                        *pdf,
              const GlossAgreementReport *report)
{
  GlossMeasureKind kind = judged_kind (report);
  guint m = report->coders->len;
  double label_w = 90, cell = MIN (36, (TEXT_W - label_w) / MAX (m, 1));
  g_autofree char *caption = g_strdup_printf (_("%s of each pair of coders."), gloss_measure_kind_to_label (kind));

  pdf_heading (pdf, _("Coder pairs"));
  pdf_text (pdf, "Sans 8", caption, 6);
  pdf_need (pdf, 30 + (m + 1) * cell);
  for (guint j = 0; j < m; j++)
    {
      g_autofree char *name = g_markup_escape_text (coder_at (report, j), -1);

      pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_CENTER);
      pango_layout_set_ellipsize (pdf->layout, PANGO_ELLIPSIZE_END);
      pdf_layout (pdf, "Sans 6.5", name, MARGIN + label_w + j * cell, cell, TRUE);
    }
  pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_LEFT);
  pdf->y += 14;
  for (guint i = 0; i < m; i++)
    {
      g_autofree char *name = g_markup_escape_text (coder_at (report, i), -1);
      double row_y = pdf->y;

      pdf->y = row_y + cell / 2 - 6;
      pango_layout_set_ellipsize (pdf->layout, PANGO_ELLIPSIZE_END);
      pdf_layout (pdf, "Sans 7", name, MARGIN, label_w - 4, TRUE);
      pdf->y = row_y;
      for (guint j = 0; j < m; j++)
        {
          const GlossAgreementPair *pair = i == j ? NULL : gloss_agreement_report_find_pair (report, i, j);
          GlossMeasure v = pair ? pair->measures.values[kind] : gloss_measure_undefined ("");
          double x = MARGIN + label_w + j * cell;
          g_autofree char *text = NULL;
          double saved = pdf->y;

          if (pair == NULL || !gloss_measure_is_defined (v))
            {
              cairo_set_source_rgb (pdf->cr, 0.92, 0.92, 0.92);
              text = g_strdup ("—");
            }
          else
            {
              set_band (pdf->cr, v.value);
              text = g_strdup_printf ("%.3f", no_negative_zero (v.value));
            }
          cairo_rectangle (pdf->cr, x + 0.5, pdf->y - 2, cell - 1, cell - 1);
          cairo_fill (pdf->cr);
          pdf->y = saved + cell / 2 - 6;
          pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_CENTER);
          pdf_layout (pdf, "Sans 6.5", text, x, cell, TRUE);
          pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_LEFT);
          pdf->y = saved;
        }
      pdf->y += cell;
    }
  pango_layout_set_ellipsize (pdf->layout, PANGO_ELLIPSIZE_NONE);
  pdf->y += 6;
}

/* Each coder with their own version on a line; the coders without one
 * grouped by what they did ("not coded: C, D"). */
static void
append_coders (GString                          *markup,
               const GlossAgreementReport       *report,
               const GlossAgreementDisagreement *d)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  for (guint c = 0; c < report->coders->len; c++)
    {
      g_autofree char *cell = NULL, *name = NULL, *escaped = NULL;

      if (gloss_agreement_report_get_version (report, d, c) == NULL)
        {
          if (!g_ptr_array_find (values, d->values[c], NULL))
            g_ptr_array_add (values, (gpointer) d->values[c]);
          continue;
        }
      cell = disagreement_cell (report, d, c);
      name = g_markup_escape_text (coder_at (report, c), -1);
      escaped = g_markup_escape_text (cell, -1);
      g_string_append_printf (markup, "\n    %s: %s", name, escaped);
    }
  for (guint v = 0; v < values->len; v++)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *value = g_markup_escape_text (g_ptr_array_index (values, v), -1);
      g_autofree char *escaped = NULL;

      for (guint c = 0; c < report->coders->len; c++)
        if (d->values[c] == g_ptr_array_index (values, v) && gloss_agreement_report_get_version (report, d, c) == NULL)
          g_string_append_printf (names, "%s%s", names->len ? ", " : "", coder_at (report, c));
      escaped = g_markup_escape_text (names->str, -1);
      g_string_append_printf (markup, "\n    %s: %s", value, escaped);
    }
}

static void
pdf_disagreements (Pdf                        *pdf,
                   const GlossAgreementReport *report)
{
  guint n = MIN (report->disagreements->len, PDF_DISAGREEMENTS);
  g_autofree char *summary = NULL;

  pdf_heading (pdf, _("Disagreements"));
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u disagreement.", "%u disagreements.",
                                          report->disagreements->len), report->disagreements->len);
  if (n < report->disagreements->len)
    {
      g_autofree char *more = g_strdup_printf (_("%s The first %u are listed; the HTML report and the JSON have more."),
                                               summary, n);

      g_free (summary);
      summary = g_steal_pointer (&more);
    }
  pdf_text (pdf, "Sans 9", summary, 6);
  for (guint i = 0; i < n; i++)
    {
      const GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
      const GlossAgreementRow *document = &g_array_index (report->documents, GlossAgreementRow, d->document);
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autofree char *title = g_markup_escape_text (document->label, -1);
      g_autofree char *code = g_markup_escape_text (d->code, -1);
      g_autofree char *other = g_markup_escape_text (d->other_code ? d->other_code : "", -1);

      g_string_append_printf (markup, "<b>%s</b> %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " · %s%s%s · %s",
                              title, d->start, d->end, code, d->other_code ? " / " : "", other,
                              gloss_disagreement_kind_to_string (d->kind));
      g_autofree char *text = gloss_agreement_report_dup_quote (report, d);

      if (text != NULL)
        {
          g_autofree char *flat = flatten (text);
          g_autofree char *quote = g_markup_escape_text (flat, -1);

          g_string_append_printf (markup, "\n<i>“%s”</i>", quote);
        }
      append_coders (markup, report, d);
      pdf_paragraph (pdf, "Sans 7.5", markup->str, 6);
    }
}

static void
pdf_body (Pdf                        *pdf,
          const GlossAgreementReport *report,
          const char                 *title)
{
  g_autoptr(GPtrArray) settings = settings_sentences (report);
  g_autoptr(GString) documents = g_string_new (NULL);

  pdf_text (pdf, "Sans Bold 18", _("Reliability report"), 4);
  pdf_text (pdf, "Sans 10", title ? title : "", 10);
  pdf_heading (pdf, _("Settings"));
  for (guint i = 0; i < settings->len; i++)
    pdf_text (pdf, "Sans 9", g_ptr_array_index (settings, i), 3);
  pdf_heading (pdf, _("Documents"));
  for (guint i = 0; i < report->documents->len; i++)
    g_string_append_printf (documents, "%s%s", i ? "; " : "", g_array_index (report->documents, GlossAgreementRow, i).label);
  pdf_text (pdf, "Sans 8", documents->str, 4);
  pdf_measures (pdf, report);
  pdf_chart (pdf, report);
  pdf_heat_map (pdf, report);
  pdf_heading (pdf, _("Notes"));
  for (guint i = 0; i < report->notes->len; i++)
    pdf_text (pdf, "Sans 8.5", g_ptr_array_index (report->notes, i), 4);
  pdf_disagreements (pdf, report);
}

gboolean
gloss_reliability_report_write_pdf (const GlossAgreementReport *report,
                                    const char                 *title,
                                    const char                 *path,
                                    GError                    **error)
{
  g_autoptr(GlossAtomicFile) file = _gloss_atomic_file_new (path, FALSE, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { 0 };

  g_return_val_if_fail (report != NULL, FALSE);

  if (file == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (file->tmp_path, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Reliability report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gloss");
  pdf.cr = cairo_create (surface);
  pdf.layout = pango_cairo_create_layout (pdf.cr);
  pdf.page = 1;
  pdf.y = MARGIN;
  pdf_body (&pdf, report, title);
  pdf_footer (&pdf);
  g_object_unref (pdf.layout);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return _gloss_atomic_file_commit (file, error);
}

gboolean
gloss_reliability_report_write (const GlossAgreementReport *report,
                                const char                 *title,
                                const char                 *path,
                                GError                    **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    return gloss_reliability_report_write_pdf (report, title, path, error);
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    {
      g_autofree char *html = gloss_reliability_report_to_html (report, title);
      g_autoptr(GlossAtomicFile) file = _gloss_atomic_file_new (path, TRUE, error);

      if (file == NULL)
        return FALSE;
      if (fputs (html, file->fp) < 0)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot write “%s”"), path);
          return FALSE;
        }
      return _gloss_atomic_file_commit (file, error);
    }
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
               _("A reliability report is written as .pdf or .html, not “%s”"), path);
  return FALSE;
}
