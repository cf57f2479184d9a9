/* gloss-crosstab-chart.h: a crosstab as a bar chart, drawn with cairo
 *
 * One group of bars per row (a code, or a code and a coder), one bar per
 * column (an attribute value, a set, a coder) in the colours of the
 * legend, each bar labelled with its value (none for nought); drawn on any cairo context
 * (a window, a PNG, SVG or PDF file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "gloss-crosstab.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_CHART_PNG,
  GLOSS_CHART_SVG,
  GLOSS_CHART_PDF,
} GlossChartFormat;

/* "png", "svg", "pdf". */
gboolean gloss_chart_format_from_string (const char       *name,
                                         GlossChartFormat *format);

/* The size the chart needs, in points (pixels at 1:1). */
void     gloss_crosstab_chart_size  (const GlossCrosstab  *crosstab,
                                     double               *width,
                                     double               *height);
void     gloss_crosstab_draw_chart  (const GlossCrosstab  *crosstab,
                                     GlossCrosstabMeasure  measure,
                                     cairo_t              *cr,
                                     double                width,
                                     double                height);
/* Writes the chart at its size to @out_path (replaced whole or not at all). */
gboolean gloss_crosstab_write_chart (const GlossCrosstab  *crosstab,
                                     GlossCrosstabMeasure  measure,
                                     GlossChartFormat      format,
                                     const char           *out_path,
                                     GError              **error);

G_END_DECLS
