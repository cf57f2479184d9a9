/* gloss-crosstab-chart.c: a crosstab as a bar chart, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "gloss-atomic-file.h"
#include "gloss-crosstab-chart.h"
#include "gloss-error.h"

#define MARGIN      24.0
#define LABEL_WIDTH 220.0
#define PLOT_WIDTH  480.0
#define VALUE_WIDTH 56.0
#define BAR_HEIGHT  14.0
#define BAR_GAP     2.0
#define GROUP_GAP   14.0
#define LEGEND_ROW  20.0
#define TITLE_SIZE  28.0
#define AXIS_SIZE   22.0
#define FONT        "Sans 9"

/* The GNOME palette, a colour per column (repeated past eight). */
static const double palette[][3] = {
  { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0 },
  { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0 },
  { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0 },
  { 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0 },
  { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 },
  { 0xf5 / 255.0, 0xc2 / 255.0, 0x11 / 255.0 },
  { 0x98 / 255.0, 0x6a / 255.0, 0x44 / 255.0 },
  { 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0 },
};

gboolean
gloss_chart_format_from_string (const char       *name,
                                GlossChartFormat *format)
{
  static const char * const names[] = { "png", "svg", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *format = (GlossChartFormat) i;
        return TRUE;
      }
  return FALSE;
}

static guint
legend_rows (const GlossCrosstab *crosstab)
{
  /* Three entries a line. */
  return (gloss_crosstab_n_cols (crosstab) + 2) / 3;
}

void
gloss_crosstab_chart_size (const GlossCrosstab *crosstab,
                           double              *width,
                           double              *height)
{
  guint rows = gloss_crosstab_n_rows (crosstab);
  guint cols = MAX (gloss_crosstab_n_cols (crosstab), 1);

  *width = MARGIN * 2 + LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  *height = MARGIN * 2 + TITLE_SIZE + legend_rows (crosstab) * LEGEND_ROW + AXIS_SIZE +
            rows * (cols * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP);
}

static const char *
measure_title (GlossCrosstabMeasure measure)
{
  switch (measure)
    {
    case GLOSS_CROSSTAB_DOCUMENTS:
      return _("Documents with a coding of the code");
    case GLOSS_CROSSTAB_PERCENT:
      return _("Documents with a coding of the code, as a percentage of the column’s documents");
    case GLOSS_CROSSTAB_CODINGS:
    default:
      return _("Codings of each code");
    }
}

static char *
format_value (GlossCrosstabMeasure measure,
              double               value)
{
  if (measure == GLOSS_CROSSTAB_PERCENT)
    return g_strdup_printf (_("%.1f %%"), value);
  return g_strdup_printf ("%.0f", value);
}

/* Draws @text with its top left at (@x, @y), at most @max_width wide. */
static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       max_width,
           gboolean     right)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, right ? x - w : x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
largest_value (const GlossCrosstab  *crosstab,
               GlossCrosstabMeasure  measure)
{
  double largest = 0;

  if (measure == GLOSS_CROSSTAB_PERCENT)
    return 100;

  for (guint r = 0; r < gloss_crosstab_n_rows (crosstab); r++)
    for (guint c = 0; c < gloss_crosstab_n_cols (crosstab); c++)
      largest = MAX (largest, gloss_crosstab_get (crosstab, measure, r, c));

  return largest > 0 ? largest : 1;
}

/* A round step for about five grid lines. */
static double
grid_step (double largest)
{
  double raw = largest / 5, magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

static void
draw_legend (const GlossCrosstab *crosstab,
             cairo_t             *cr,
             PangoLayout         *layout,
             double               y)
{
  double entry_width = (LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH) / 3;

  for (guint c = 0; c < gloss_crosstab_n_cols (crosstab); c++)
    {
      double x = MARGIN + (c % 3) * entry_width;
      double row_y = y + (c / 3) * LEGEND_ROW;
      const double *rgb = palette[c % G_N_ELEMENTS (palette)];

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, x, row_y + 3, 12, 12);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.13, 0.13, 0.13);
      draw_text (cr, layout, g_ptr_array_index (crosstab->col_labels, c), x + 18, row_y + 1,
                 entry_width - 24, FALSE);
    }
}

static void
draw_grid (cairo_t     *cr,
           PangoLayout *layout,
           double       largest,
           double       plot_x,
           double       top,
           double       bottom,
           gboolean     percent)
{
  /* Counts are whole: no grid line between two of them. */
  double step = percent ? grid_step (largest) : MAX (grid_step (largest), 1);

  for (double v = 0; v <= largest + step / 1000; v += step)
    {
      double x = plot_x + PLOT_WIDTH * v / largest;
      g_autofree char *text = percent ? g_strdup_printf ("%.0f", v) : g_strdup_printf ("%g", v);

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (x) + 0.5, top);
      cairo_line_to (cr, round (x) + 0.5, bottom);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      draw_text (cr, layout, text, x - 2, top - AXIS_SIZE + 4, -1, FALSE);
    }
}

void
gloss_crosstab_draw_chart (const GlossCrosstab  *crosstab,
                           GlossCrosstabMeasure  measure,
                           cairo_t              *cr,
                           double                width,
                           double                height)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  guint rows = gloss_crosstab_n_rows (crosstab), cols = gloss_crosstab_n_cols (crosstab);
  double largest = largest_value (crosstab, measure);
  double plot_x = MARGIN + LABEL_WIDTH;
  double top = MARGIN + TITLE_SIZE + legend_rows (crosstab) * LEGEND_ROW + AXIS_SIZE;
  double y = top;

  g_return_if_fail (crosstab != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string (FONT);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  cairo_set_source_rgb (cr, 0.13, 0.13, 0.13);
  pango_layout_set_markup (layout, "", -1);
  {
    g_autofree char *escaped = g_markup_escape_text (measure_title (measure), -1);
    g_autofree char *markup = g_strdup_printf ("<b>%s</b>", escaped);

    pango_layout_set_width (layout, (int) ((width - 2 * MARGIN) * PANGO_SCALE));
    pango_layout_set_markup (layout, markup, -1);
    cairo_move_to (cr, MARGIN, MARGIN);
    pango_cairo_show_layout (cr, layout);
    pango_layout_set_attributes (layout, NULL);
  }

  draw_legend (crosstab, cr, layout, MARGIN + TITLE_SIZE);
  draw_grid (cr, layout, largest, plot_x, top, top + rows * (cols * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP),
             measure == GLOSS_CROSSTAB_PERCENT);

  for (guint r = 0; r < rows; r++)
    {
      double group = cols * (BAR_HEIGHT + BAR_GAP);

      cairo_set_source_rgb (cr, 0.13, 0.13, 0.13);
      draw_text (cr, layout, g_ptr_array_index (crosstab->row_labels, r), MARGIN, y + group / 2 - 8,
                 LABEL_WIDTH - 12, FALSE);

      for (guint c = 0; c < cols; c++)
        {
          double value = gloss_crosstab_get (crosstab, measure, r, c);
          double length = PLOT_WIDTH * MIN (value, largest) / largest;
          const double *rgb = palette[c % G_N_ELEMENTS (palette)];
          double bar_y = y + c * (BAR_HEIGHT + BAR_GAP);
          g_autofree char *text = format_value (measure, value);

          cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
          cairo_rectangle (cr, plot_x, bar_y, MAX (length, value > 0 ? 1 : 0), BAR_HEIGHT);
          cairo_fill (cr);
          /* No bar says nought; a label on each would crowd the chart. */
          if (value <= 0)
            continue;
          cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
          draw_text (cr, layout, text, plot_x + length + 4, bar_y - 1, VALUE_WIDTH, FALSE);
        }
      y += group + GROUP_GAP;
    }

  cairo_restore (cr);
}

static cairo_status_t
write_stream (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
gloss_crosstab_write_chart (const GlossCrosstab  *crosstab,
                            GlossCrosstabMeasure  measure,
                            GlossChartFormat      format,
                            const char           *out_path,
                            GError              **error)
{
  g_autoptr(GlossAtomicFile) file = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (crosstab != NULL, FALSE);

  if ((file = _gloss_atomic_file_new (out_path, TRUE, error)) == NULL)
    return FALSE;

  gloss_crosstab_chart_size (crosstab, &width, &height);
  if (format == GLOSS_CHART_PDF)
    surface = cairo_pdf_surface_create_for_stream (write_stream, file->fp, width, height);
  else if (format == GLOSS_CHART_SVG)
    surface = cairo_svg_surface_create_for_stream (write_stream, file->fp, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width), (int) ceil (height));

  cr = cairo_create (surface);
  gloss_crosstab_draw_chart (crosstab, measure, cr, width, height);
  cairo_destroy (cr);
  if (format == GLOSS_CHART_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_stream, file->fp);
  else
    {
      /* Finishing writes the vector surface out. */
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Could not draw the chart: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return _gloss_atomic_file_commit (file, error);
}
