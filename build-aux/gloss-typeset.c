/* gloss-typeset.c: typesets a UTF-8 text file into an A4 PDF
 *
 * Usage: gloss-typeset [--title T] [--author A] [--left] [--plain]
 *                      INPUT.txt OUTPUT.pdf
 *
 * A build tool: it turns the sample contributions in data/sample into PDF
 * documents at build time, and writes PDF fixtures for the tests. It needs
 * cairo, pango and GLib only (no GTK).
 *
 * Normal mode (the sample contributions):
 *   - a title heading (--title), centred,
 *     and the author line (--author) at the top of the first page;
 *   - paragraphs are separated by one or more blank lines; the lines of one
 *     paragraph are joined with single spaces and reflowed;
 *   - a line starting with "# " is a section heading (its own block);
 *   - body text in a serif font, justified (or left-aligned with --left),
 *     page numbers centred in the footer, as many pages as needed;
 *   - the PDF title and author metadata are set from --title and --author.
 *   Text that poppler extracts from these pages: one line per typeset line,
 *   so a phrase may cross a line break (a newline in the extracted text) or
 *   a page break (a form feed once Gloss joins the pages), and the page
 *   number appears as a line of its own at the end of each page (so a
 *   phrase that crosses a page break is not found whole). Lines break at
 *   spaces only: no hyphens are added, and a compound such as
 *   "whole-of-society" is never broken after one of its own hyphens.
 *
 * Plain mode (--plain, the test fixtures):
 *   - one output line per input line, never wrapped or reflowed, in a fixed
 *     font (Monospace 10, 12 pt line pitch), from the top-left margin;
 *   - no title, no author line, no footer; the metadata title is still set
 *     when --title is given;
 *   - 60 lines per page; a line holding only a form feed (U+000C) ends the
 *     page early; an empty input line is an empty line on the page.
 *   Keep fixture lines short (at most 80 characters) so they stay on the
 *   page, with single spaces between words and no leading spaces: poppler
 *   reads a wider gap as a column break and returns the words around it on
 *   separate lines, out of order. For such input, poppler_page_get_text
 *   (poppler-glib 22.12) returns a page's non-empty lines as written, joined
 *   by "\n", with no "\n" after the last one; empty lines leave no trace.
 *   E.g. the page "alpha beta\n\ngamma\n" gives "alpha beta\ngamma", and
 *   Gloss's document text is the pages' texts joined by "\f". `pdftotext
 *   -layout` shows the same lines, plus the empty ones and a form feed after
 *   each page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define PAGE_WIDTH     595.0   /* A4 in PDF points */
#define PAGE_HEIGHT    842.0
#define MARGIN_SIDE     85.0
#define MARGIN_TOP      72.0
#define MARGIN_BOTTOM   80.0
#define FOOTER_BASE     (PAGE_HEIGHT - 40.0)

#define BODY_FONT      "Serif 11"
#define HEADING_FONT   "Serif Bold 13"
#define TITLE_FONT     "Serif Bold 18"
#define AUTHOR_FONT    "Serif Italic 11"
#define FOOTER_FONT    "Serif 9"
#define PARAGRAPH_GAP    8.0
#define HEADING_GAP_ABOVE 10.0
#define HEADING_GAP_BELOW  4.0

#define PLAIN_FONT            "Monospace 10"
#define PLAIN_LINE_PITCH      12.0
#define PLAIN_LINES_PER_PAGE  60
#define PLAIN_MARGIN          56.0

typedef enum
{
  BLOCK_PARAGRAPH,
  BLOCK_HEADING,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  char      *text;
} Block;

typedef struct
{
  cairo_t *cr;
  guint    page_number;   /* 1-based, of the page being drawn */
  double   y;             /* top of the free space on the page */
  gboolean page_empty;
} Typesetter;

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block);
}

/* Reads @path as UTF-8, drops a byte-order mark and turns CRLF/CR into LF. */
static char *
read_text (const char  *path,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *start;
  GString *text;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   "%s: not valid UTF-8", path);
      return NULL;
    }

  start = contents;
  if (length >= 3 && memcmp (start, "\xef\xbb\xbf", 3) == 0)
    start += 3;

  text = g_string_sized_new (length);
  for (const char *p = start; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (text, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static gboolean
line_is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
flush_paragraph (GPtrArray *blocks,
                 GString   *paragraph)
{
  Block *block;

  if (paragraph->len == 0)
    return;
  block = g_new0 (Block, 1);
  block->kind = BLOCK_PARAGRAPH;
  block->text = g_strdup (paragraph->str);
  g_ptr_array_add (blocks, block);
  g_string_truncate (paragraph, 0);
}

/* Cuts @text into headings and paragraphs (see the comment at the top). */
static GPtrArray *
split_blocks (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line_is_blank (line))
        {
          flush_paragraph (blocks, paragraph);
        }
      else if (g_str_has_prefix (line, "# "))
        {
          Block *block = g_new0 (Block, 1);

          flush_paragraph (blocks, paragraph);
          block->kind = BLOCK_HEADING;
          block->text = g_strdup (g_strstrip (line + 2));
          g_ptr_array_add (blocks, block);
        }
      else
        {
          if (paragraph->len > 0)
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, line);
        }
    }
  flush_paragraph (blocks, paragraph);
  return blocks;
}

/* Forbids line breaks inside words that contain a hyphen, such as
 * "whole-of-society": broken after a hyphen, such a word would reach the
 * extracted text as "whole-\nof-society", which no longer reads as the word. */
static void
keep_compounds_whole (PangoAttrList *attrs,
                      const char    *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *word = p;
      gboolean hyphen = FALSE;

      while (*p != '\0' && !g_ascii_isspace (*p))
        {
          if (*p == '-' && p > word)
            hyphen = TRUE;
          p++;
        }
      if (hyphen)
        {
          PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

          attr->start_index = word - text;
          attr->end_index = p - text;
          pango_attr_list_insert (attrs, attr);
        }
      while (g_ascii_isspace (*p))
        p++;
    }
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Font sizes in points on a surface measured in points (pangocairo
   * assumes 96 dpi otherwise, and "10" would come out 13.3 points tall). */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  /* No hyphens inserted at line breaks: they would end up in the text that
   * poppler extracts, and phrases would no longer be found. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  keep_compounds_whole (attrs, text);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
draw_footer (Typesetter *ts)
{
  g_autofree char *number = g_strdup_printf ("%u", ts->page_number);
  g_autoptr(PangoLayout) layout = make_layout (ts->cr, FOOTER_FONT, number, 0);
  int width, baseline;

  pango_layout_get_size (layout, &width, NULL);
  baseline = pango_layout_get_baseline (layout);
  cairo_move_to (ts->cr,
                 (PAGE_WIDTH - (double) width / PANGO_SCALE) / 2.0,
                 FOOTER_BASE - (double) baseline / PANGO_SCALE);
  pango_cairo_show_layout (ts->cr, layout);
}

static void
next_page (Typesetter *ts)
{
  draw_footer (ts);
  cairo_show_page (ts->cr);
  ts->page_number++;
  ts->y = MARGIN_TOP;
  ts->page_empty = TRUE;
}

/* Draws @layout line by line from ts->y, starting a new page whenever a
 * line does not fit above the bottom margin. */
static void
flow_layout (Typesetter  *ts,
             PangoLayout *layout)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      double height, above_baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = (double) logical.height / PANGO_SCALE;
      above_baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y)
                       / PANGO_SCALE;
      if (ts->y + height > PAGE_HEIGHT - MARGIN_BOTTOM && !ts->page_empty)
        next_page (ts);

      cairo_move_to (ts->cr,
                     MARGIN_SIDE + (double) logical.x / PANGO_SCALE,
                     ts->y + above_baseline);
      pango_cairo_show_layout_line (ts->cr, pango_layout_iter_get_line_readonly (iter));
      ts->y += height;
      ts->page_empty = FALSE;
    }
  while (pango_layout_iter_next_line (iter));
}

static double
layout_line_height (PangoLayout *layout)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
  PangoRectangle logical;

  pango_layout_line_get_extents (line, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
typeset_title (Typesetter *ts,
               const char *title,
               const char *author)
{
  double width = PAGE_WIDTH - 2 * MARGIN_SIDE;

  if (title != NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (ts->cr, TITLE_FONT, title, width);

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      flow_layout (ts, layout);
      ts->y += 6.0;
    }
  if (author != NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (ts->cr, AUTHOR_FONT, author, width);

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      flow_layout (ts, layout);
    }
  if (title != NULL || author != NULL)
    ts->y += 24.0;
}

static void
typeset_block (Typesetter  *ts,
               const Block *block,
               gboolean     justify)
{
  double width = PAGE_WIDTH - 2 * MARGIN_SIDE;

  if (block->kind == BLOCK_HEADING)
    {
      g_autoptr(PangoLayout) layout = make_layout (ts->cr, HEADING_FONT, block->text, width);
      double body_line = 14.0;

      if (!ts->page_empty)
        ts->y += HEADING_GAP_ABOVE;
      /* Keep a heading with the first lines of what follows it. */
      if (ts->y + pango_layout_get_line_count (layout) * layout_line_height (layout)
          + 3 * body_line > PAGE_HEIGHT - MARGIN_BOTTOM && !ts->page_empty)
        next_page (ts);
      flow_layout (ts, layout);
      ts->y += HEADING_GAP_BELOW;
    }
  else
    {
      g_autoptr(PangoLayout) layout = make_layout (ts->cr, BODY_FONT, block->text, width);

      pango_layout_set_justify (layout, justify);
      flow_layout (ts, layout);
      ts->y += PARAGRAPH_GAP;
    }
}

static void
typeset_document (cairo_t    *cr,
                  const char *text,
                  const char *title,
                  const char *author,
                  gboolean    justify)
{
  g_autoptr(GPtrArray) blocks = split_blocks (text);
  Typesetter ts = { cr, 1, MARGIN_TOP, TRUE };

  typeset_title (&ts, title, author);
  for (guint i = 0; i < blocks->len; i++)
    typeset_block (&ts, g_ptr_array_index (blocks, i), justify);
  draw_footer (&ts);
  cairo_show_page (cr);
}

static void
typeset_plain (cairo_t    *cr,
               const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint count = g_strv_length (lines);
  guint on_page = 0;
  gboolean page_used = FALSE;

  /* A final newline ends the last line; it does not start another one. */
  if (count > 0 && lines[count - 1][0] == '\0')
    count--;

  for (guint i = 0; i < count; i++)
    {
      if (strcmp (lines[i], "\f") == 0 || on_page == PLAIN_LINES_PER_PAGE)
        {
          cairo_show_page (cr);
          on_page = 0;
          page_used = FALSE;
          if (strcmp (lines[i], "\f") == 0)
            continue;
        }
      if (lines[i][0] != '\0')
        {
          g_autoptr(PangoLayout) layout = make_layout (cr, PLAIN_FONT, lines[i], 0);
          int baseline = pango_layout_get_baseline (layout);

          /* The current point of a layout line is its baseline. */
          cairo_move_to (cr, PLAIN_MARGIN,
                         PLAIN_MARGIN + on_page * PLAIN_LINE_PITCH
                         + (double) baseline / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (layout, 0));
        }
      on_page++;
      page_used = TRUE;
    }
  /* At least one page; a form feed on the last line adds no empty page. */
  if (page_used || count == 0)
    cairo_show_page (cr);
}

static void
set_metadata (cairo_surface_t *surface,
              const char      *title,
              const char      *author)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "gloss-typeset");

  /* Reproducible output when the build asks for it. */
  if (epoch != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));

      if (when != NULL)
        {
          g_autofree char *date = g_date_time_format_iso8601 (when);

          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  gboolean plain = FALSE;
  gboolean left = FALSE;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "Title heading and PDF title", "T" },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, "Author line and PDF author", "A" },
    { "left", 0, 0, G_OPTION_ARG_NONE, &left, "Left-aligned body text (default: justified)", NULL },
    { "plain", 0, 0, G_OPTION_ARG_NONE, &plain, "One fixed-font line per input line (test fixtures)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("INPUT.txt OUTPUT.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_option_context_set_summary (context, "Typesets a UTF-8 text file into an A4 PDF.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gloss-typeset: %s\n", error->message);
      return 2;
    }
  if (argc != 3)
    {
      g_printerr ("gloss-typeset: expected INPUT.txt OUTPUT.pdf\n");
      return 2;
    }

  text = read_text (argv[1], &error);
  if (text == NULL)
    {
      g_printerr ("gloss-typeset: %s\n", error->message);
      return 1;
    }

  surface = cairo_pdf_surface_create (argv[2], PAGE_WIDTH, PAGE_HEIGHT);
  set_metadata (surface, title, author);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (plain)
    typeset_plain (cr, text);
  else
    typeset_document (cr, text, title, author, !left);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("gloss-typeset: %s: %s\n", argv[2], cairo_status_to_string (status));
      return 1;
    }
  return 0;
}
