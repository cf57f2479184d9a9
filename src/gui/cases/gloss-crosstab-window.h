/* gloss-crosstab-window.h: codes against attribute values, sets or coders,
 * as a table and as a bar chart
 *
 * Actions: crosstab.export (s: "csv", "xlsx", "html" for the table; "png",
 * "svg", "pdf" for the chart).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-crosstab.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CROSSTAB_WINDOW (gloss_crosstab_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossCrosstabWindow, gloss_crosstab_window, GLOSS, CROSSTAB_WINDOW, AdwWindow)

GlossCrosstabWindow *gloss_crosstab_window_new          (GtkWindow            *parent,
                                                         GlossProject         *project);
/* Columns of @columns; for GLOSS_CROSSTAB_ATTRIBUTE, @attribute_id. */
void                 gloss_crosstab_window_set_columns  (GlossCrosstabWindow  *self,
                                                         GlossCrosstabColumns  columns,
                                                         gint64                attribute_id);
void                 gloss_crosstab_window_set_measure  (GlossCrosstabWindow  *self,
                                                         GlossCrosstabMeasure  measure);
void                 gloss_crosstab_window_set_options  (GlossCrosstabWindow  *self,
                                                         gboolean              with_children,
                                                         gboolean              by_coder,
                                                         gint64                set_id);
/* Shows the table ("table") or the chart ("chart"). */
void                 gloss_crosstab_window_show_page    (GlossCrosstabWindow  *self,
                                                         const char           *page);
/* The crosstab shown (NULL when there is none, with the reason shown). */
const GlossCrosstab *gloss_crosstab_window_get_crosstab (GlossCrosstabWindow  *self);
GtkColumnView       *gloss_crosstab_window_get_column_view (GlossCrosstabWindow *self);
/* A cell's text as shown; column 0 holds the codes, the last the totals. */
char                *gloss_crosstab_window_dup_cell_text (GlossCrosstabWindow *self,
                                                          guint                row,
                                                          guint                column);
const char          *gloss_crosstab_window_get_message  (GlossCrosstabWindow  *self);

G_END_DECLS
