/* gloss-table-writer.h: tables written as CSV, XLSX or HTML
 *
 * Every tabular export (coded excerpts, code matrices, agreement figures)
 * writes through one writer, so that quoting, escaping and the guard
 * against spreadsheet formulas are done once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_TABLE_CSV,
  GLOSS_TABLE_XLSX,
  GLOSS_TABLE_HTML,
} GlossTableFormat;

typedef struct _GlossTableWriter GlossTableWriter;

/* Writes to @path through a temporary file that replaces @path only when
 * gloss_table_writer_finish() succeeds. @title heads the HTML page. */
GlossTableWriter *gloss_table_writer_new     (GlossTableFormat   format,
                                              const char        *path,
                                              const char        *title,
                                              GError           **error);
/* A new sheet (XLSX), table (HTML) or, in CSV, nothing but a header row
 * that follows; the @n_header cells of @header are the first row, shown bold
 * and kept in view with the first @frozen_columns columns; @widths (in
 * characters, one per header cell) may be NULL. */
gboolean          gloss_table_writer_add_sheet (GlossTableWriter   *writer,
                                                const char         *name,
                                                const char * const *header,
                                                guint               n_header,
                                                const double       *widths,
                                                guint               frozen_columns,
                                                GError            **error);
/* XLSX: the sheet (numbered from 0 as added) that the next rows go to;
 * each sheet goes on from its own last row. */
void              gloss_table_writer_select_sheet (GlossTableWriter *writer,
                                                   guint             index);
/* Cells of the current row, left to right; NULL text is an empty cell. */
void              gloss_table_writer_text    (GlossTableWriter  *writer,
                                              const char        *text);
void              gloss_table_writer_wrapped (GlossTableWriter  *writer,
                                              const char        *text);
void              gloss_table_writer_number  (GlossTableWriter  *writer,
                                              double             value);
void              gloss_table_writer_label   (GlossTableWriter  *writer,
                                              const char        *text);
gboolean          gloss_table_writer_end_row (GlossTableWriter  *writer,
                                              GError           **error);
gboolean          gloss_table_writer_finish  (GlossTableWriter  *writer,
                                              GError           **error);
void              gloss_table_writer_free    (GlossTableWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossTableWriter, gloss_table_writer_free)

/* Cell helpers for exports that are not tables. A CSV field is quoted when
 * it must be, and text that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe, as
 * OWASP recommends, so that it shows as the text it is. */
void     gloss_csv_append_field     (GString    *out,
                                     const char *text);
gboolean gloss_text_is_formula_like (const char *text);
void     gloss_html_append_escaped  (GString    *out,
                                     const char *text);

G_END_DECLS
