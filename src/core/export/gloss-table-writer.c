/* gloss-table-writer.c: tables written as CSV, XLSX or HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gloss-atomic-file.h"
#include "gloss-error.h"
#include "gloss-table-writer.h"

/* Excel refuses longer strings. */
#define XLSX_MAX_STRING 32767
/* The buffer is written out past this size. */
#define FLUSH_BYTES (1 << 20)

typedef struct
{
  lxw_worksheet *sheet;
  lxw_row_t      row;    /* the next row to write */
} Sheet;

struct _GlossTableWriter
{
  GlossTableFormat  format;
  GlossAtomicFile  *file;
  char             *title;
  GString          *out;        /* CSV and HTML */
  gboolean          write_failed;

  lxw_workbook     *book;       /* XLSX */
  GArray           *sheets;     /* Sheet, in the order they were added */
  lxw_worksheet    *sheet;      /* the current one */
  lxw_format       *bold;
  lxw_format       *wrap;
  lxw_row_t         row;
  lxw_col_t         col;
  guint             current;

  gboolean          in_table;   /* HTML */
  gboolean          cells_in_row;
};

gboolean
gloss_text_is_formula_like (const char *text)
{
  return text != NULL && strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
}

void
gloss_csv_append_field (GString    *out,
                        const char *text)
{
  gboolean guard;

  if (text == NULL)
    return;

  guard = gloss_text_is_formula_like (text);
  if (!guard && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
gloss_html_append_escaped (GString    *out,
                           const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        case '\f': g_string_append_c (out, '\n'); break;
        default: g_string_append_c (out, *p);
        }
    }
}

static const char html_head[] =
  "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
  "<meta name=\"generator\" content=\"Gloss\">\n"
  "<style>\n"
  "body { font-family: sans-serif; margin: 2em; }\n"
  "table { border-collapse: collapse; margin: 1em 0 2em; }\n"
  "th, td { border: 1px solid #ccc; padding: .25em .6em; vertical-align: top; }\n"
  "th { background: #f0f0f0; text-align: left; }\n"
  "td.number { text-align: right; font-variant-numeric: tabular-nums; }\n"
  "td.wrap { white-space: pre-wrap; max-width: 40em; }\n"
  "</style>\n";

GlossTableWriter *
gloss_table_writer_new (GlossTableFormat   format,
                        const char        *path,
                        const char        *title,
                        GError           **error)
{
  g_autoptr(GlossTableWriter) writer = g_new0 (GlossTableWriter, 1);

  writer->format = format;
  writer->title = g_strdup (title != NULL ? title : "");
  writer->file = _gloss_atomic_file_new (path, format != GLOSS_TABLE_XLSX, error);
  if (writer->file == NULL)
    return NULL;

  if (format == GLOSS_TABLE_XLSX)
    {
      lxw_workbook_options options = { .constant_memory = LXW_TRUE };

      writer->sheets = g_array_new (FALSE, FALSE, sizeof (Sheet));
      writer->book = workbook_new_opt (writer->file->tmp_path, &options);
      if (writer->book == NULL)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot create the spreadsheet"));
          return NULL;
        }
      writer->bold = workbook_add_format (writer->book);
      format_set_bold (writer->bold);
      writer->wrap = workbook_add_format (writer->book);
      format_set_text_wrap (writer->wrap);
      format_set_align (writer->wrap, LXW_ALIGN_VERTICAL_TOP);
      return g_steal_pointer (&writer);
    }

  writer->out = g_string_sized_new (FLUSH_BYTES * 2);
  if (format == GLOSS_TABLE_HTML)
    {
      g_string_append (writer->out, html_head);
      g_string_append (writer->out, "<title>");
      gloss_html_append_escaped (writer->out, writer->title);
      g_string_append (writer->out, "</title>\n</head>\n<body>\n<h1>");
      gloss_html_append_escaped (writer->out, writer->title);
      g_string_append (writer->out, "</h1>\n");
    }

  return g_steal_pointer (&writer);
}

static gboolean
flush (GlossTableWriter  *writer,
       gboolean           force,
       GError           **error)
{
  GString *out = writer->out;

  if (out == NULL || (out->len < FLUSH_BYTES && !force))
    return TRUE;
  if (out->len > 0 && fwrite (out->str, 1, out->len, writer->file->fp) != out->len)
    writer->write_failed = TRUE;
  g_string_truncate (out, 0);

  if (writer->write_failed)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot write the file"));
      return FALSE;
    }

  return TRUE;
}

static void
close_html_table (GlossTableWriter *writer)
{
  if (writer->in_table)
    g_string_append (writer->out, "</tbody>\n</table>\n");
  writer->in_table = FALSE;
}

gboolean
gloss_table_writer_add_sheet (GlossTableWriter   *writer,
                              const char         *name,
                              const char * const *header,
                              guint               n_header,
                              const double       *widths,
                              guint               frozen_columns,
                              GError            **error)
{
  switch (writer->format)
    {
    case GLOSS_TABLE_XLSX:
      writer->sheet = workbook_add_worksheet (writer->book, name);
      if (writer->sheet == NULL)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot add the sheet “%s”"), name);
          return FALSE;
        }
      writer->row = 0;
      for (guint i = 0; widths != NULL && i < n_header; i++)
        worksheet_set_column (writer->sheet, i, i, widths[i], NULL);
      for (guint i = 0; i < n_header; i++)
        worksheet_write_string (writer->sheet, 0, i, header[i], writer->bold);
      if (n_header > 0)
        {
          worksheet_freeze_panes (writer->sheet, 1, frozen_columns);
          writer->row = 1;
        }
      writer->col = 0;
      g_array_append_val (writer->sheets, ((Sheet) { writer->sheet, writer->row }));
      writer->current = writer->sheets->len - 1;
      return TRUE;

    case GLOSS_TABLE_HTML:
      close_html_table (writer);
      g_string_append (writer->out, "<table>\n");
      if (name != NULL && *name != '\0')
        {
          g_string_append (writer->out, "<caption>");
          gloss_html_append_escaped (writer->out, name);
          g_string_append (writer->out, "</caption>\n");
        }
      if (n_header > 0)
        {
          g_string_append (writer->out, "<thead><tr>");
          for (guint i = 0; i < n_header; i++)
            {
              g_string_append (writer->out, "<th>");
              gloss_html_append_escaped (writer->out, header[i]);
              g_string_append (writer->out, "</th>");
            }
          g_string_append (writer->out, "</tr></thead>\n");
        }
      g_string_append (writer->out, "<tbody>\n");
      writer->in_table = TRUE;
      return TRUE;

    case GLOSS_TABLE_CSV:
    default:
      for (guint i = 0; i < n_header; i++)
        {
          if (i > 0)
            g_string_append_c (writer->out, ',');
          gloss_csv_append_field (writer->out, header[i]);
        }
      if (n_header > 0)
        g_string_append (writer->out, "\r\n");
      return flush (writer, FALSE, error);
    }
}

void
gloss_table_writer_select_sheet (GlossTableWriter *writer,
                                 guint             index)
{
  Sheet *sheet;

  if (writer->format != GLOSS_TABLE_XLSX || index >= writer->sheets->len || index == writer->current)
    return;

  g_array_index (writer->sheets, Sheet, writer->current).row = writer->row;
  sheet = &g_array_index (writer->sheets, Sheet, index);
  writer->sheet = sheet->sheet;
  writer->row = sheet->row;
  writer->col = 0;
  writer->current = index;
}

/* Excel refuses longer strings; cut at a character boundary. */
static char *
xlsx_text (const char *text)
{
  const char *end;

  if (strlen (text) <= XLSX_MAX_STRING)
    return g_strdup (text);

  end = g_utf8_find_prev_char (text, text + XLSX_MAX_STRING);
  return g_strndup (text, end != NULL ? end - text : 0);
}

static void
start_cell (GlossTableWriter *writer,
            const char       *html_tag)
{
  if (writer->format == GLOSS_TABLE_CSV && writer->cells_in_row)
    g_string_append_c (writer->out, ',');
  if (writer->format == GLOSS_TABLE_HTML)
    {
      if (!writer->cells_in_row)
        g_string_append (writer->out, "<tr>");
      g_string_append (writer->out, html_tag);
    }
  writer->cells_in_row = TRUE;
}

static void
write_text (GlossTableWriter *writer,
            const char       *text,
            lxw_format       *format,
            const char       *html_tag,
            const char       *html_end)
{
  text = text != NULL ? text : "";

  if (writer->format == GLOSS_TABLE_XLSX)
    {
      g_autofree char *cut = xlsx_text (text);

      /* A string cell: a spreadsheet never runs it as a formula. */
      if (writer->sheet != NULL)
        worksheet_write_string (writer->sheet, writer->row, writer->col, cut, format);
      writer->col++;
      return;
    }

  start_cell (writer, html_tag);
  if (writer->format == GLOSS_TABLE_HTML)
    {
      gloss_html_append_escaped (writer->out, text);
      g_string_append (writer->out, html_end);
    }
  else
    gloss_csv_append_field (writer->out, text);
}

void
gloss_table_writer_text (GlossTableWriter *writer,
                         const char       *text)
{
  write_text (writer, text, NULL, "<td>", "</td>");
}

void
gloss_table_writer_wrapped (GlossTableWriter *writer,
                            const char       *text)
{
  write_text (writer, text, writer->wrap, "<td class=\"wrap\">", "</td>");
}

void
gloss_table_writer_label (GlossTableWriter *writer,
                          const char       *text)
{
  write_text (writer, text, writer->bold, "<th>", "</th>");
}

void
gloss_table_writer_number (GlossTableWriter *writer,
                           double            value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (writer->format == GLOSS_TABLE_XLSX)
    {
      if (writer->sheet != NULL)
        worksheet_write_number (writer->sheet, writer->row, writer->col, value, NULL);
      writer->col++;
      return;
    }

  start_cell (writer, "<td class=\"number\">");
  g_string_append (writer->out, g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
  if (writer->format == GLOSS_TABLE_HTML)
    g_string_append (writer->out, "</td>");
}

gboolean
gloss_table_writer_end_row (GlossTableWriter  *writer,
                            GError           **error)
{
  if (writer->format == GLOSS_TABLE_XLSX)
    {
      writer->row++;
      writer->col = 0;
      return TRUE;
    }

  if (writer->format == GLOSS_TABLE_HTML)
    g_string_append (writer->out, writer->cells_in_row ? "</tr>\n" : "<tr></tr>\n");
  else
    g_string_append (writer->out, "\r\n");
  writer->cells_in_row = FALSE;

  return flush (writer, FALSE, error);
}

gboolean
gloss_table_writer_finish (GlossTableWriter  *writer,
                           GError           **error)
{
  if (writer->format == GLOSS_TABLE_XLSX)
    {
      lxw_error rc = workbook_close (writer->book);

      writer->book = NULL;
      if (rc != LXW_NO_ERROR)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot write the spreadsheet: %s"),
                       lxw_strerror (rc));
          return FALSE;
        }
    }
  else
    {
      if (writer->format == GLOSS_TABLE_HTML)
        {
          close_html_table (writer);
          g_string_append (writer->out, "</body>\n</html>\n");
        }
      if (!flush (writer, TRUE, error))
        return FALSE;
    }

  return _gloss_atomic_file_commit (writer->file, error);
}

void
gloss_table_writer_free (GlossTableWriter *writer)
{
  if (writer == NULL)
    return;

  /* An unfinished workbook is closed into its temporary file, which the
   * atomic file then removes. */
  if (writer->book != NULL)
    workbook_close (writer->book);
  g_clear_pointer (&writer->file, _gloss_atomic_file_free);
  if (writer->out != NULL)
    g_string_free (writer->out, TRUE);
  if (writer->sheets != NULL)
    g_array_unref (writer->sheets);
  g_free (writer->title);
  g_free (writer);
}
