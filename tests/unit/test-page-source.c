/* test-page-source.c: page layouts and images of the corpus PDFs and of text documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gloss-core.h"
#include "gloss-page-layout.h"
#include "gloss-page-source.h"
#include "gloss-text-pages.h"

typedef struct
{
  char         *dir;
  GlossProject *project;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-page-source-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.gloss", NULL);
  fixture->project = gloss_project_create (path, "Layouts", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gloss_project_close (fixture->project);
  g_clear_object (&fixture->project);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static const char *
corpus_dir (void)
{
  const char *dir = g_getenv ("GLOSS_CORPUS_DIR");

  return dir != NULL ? dir : "../shared/corpus";
}

static gboolean
is_bidi_mark (gunichar c)
{
  return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Every page: the layout's text is the stored page text, one box per
 * character, the drawn boxes on the page, and pointing at a box finds it. */
static void
check_layouts (GlossProject    *project,
               gint64           doc,
               GlossPageSource *source)
{
  guint n_pages = gloss_page_source_get_n_pages (source);

  g_assert_cmpuint (n_pages, >, 0);

  for (guint page = 0; page < n_pages; page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossPageLayout) layout = NULL;
      g_autofree char *stored = NULL;
      g_autofree gunichar *chars = NULL;
      gint64 start = gloss_page_source_get_page_start (source, page);
      gint64 length = gloss_page_source_get_page_length (source, page);
      double width, height;
      gint64 boxed = 0, expected_boxed = 0, found = 0;

      layout = gloss_page_source_get_layout (source, page, &error);
      g_assert_no_error (error);
      stored = gloss_project_get_text (project, doc, start, start + length, &error);
      g_assert_no_error (error);

      g_assert_cmpstr (layout->text, ==, stored);
      g_assert_cmpint (layout->n_chars, ==, g_utf8_strlen (stored, -1));
      g_assert_cmpint (layout->n_chars, ==, length);
      g_assert_cmpint (layout->start, ==, start);

      gloss_page_source_get_page_size (source, page, &width, &height);
      chars = g_utf8_to_ucs4_fast (stored, -1, NULL);
      for (gint64 i = 0; i < layout->n_chars; i++)
        {
          const GlossCharBox *b = &layout->boxes[i];

          if (!is_bidi_mark (chars[i]) && chars[i] != '\n')
            expected_boxed++;
          if (is_bidi_mark (chars[i]))
            g_assert_false (b->has_box);
          if (!b->has_box)
            continue;
          boxed++;
          g_assert_cmpfloat (b->x1, <=, b->x2);
          g_assert_cmpfloat (b->y1, <=, b->y2);
          /* On the page (some producers set a glyph a little past its edge). */
          g_assert_cmpfloat (b->x1, >=, -0.05 * width);
          g_assert_cmpfloat (b->y1, >=, -0.05 * height);
          g_assert_cmpfloat (b->x2, <=, 1.05 * width);
          g_assert_cmpfloat (b->y2, <=, 1.05 * height);

          if (b->x2 - b->x1 > 0.5 && b->y2 - b->y1 > 0.5 &&
              gloss_page_layout_char_at (layout, (b->x1 + b->x2) / 2, (b->y1 + b->y2) / 2) == i)
            found++;
        }
      /* Every visible character has its box (poppler may also box line breaks). */
      g_assert_cmpint (boxed, >=, expected_boxed);
      /* Boxes may overlap a little (kerning), but pointing mostly finds the box. */
      g_assert_cmpint (found * 10, >=, expected_boxed * 8);
    }
}

static void
check_render (GlossPageSource *source)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  double width, height;

  gloss_page_source_get_page_size (source, 0, &width, &height);
  surface = gloss_page_source_render (source, 0, 0.5, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) ceil (width * 0.5));
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) ceil (height * 0.5));
  cairo_surface_destroy (surface);
}

static void
test_corpus_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (corpus_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  gint64 doc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("corpus not found");
      return;
    }

  doc = gloss_project_import_file (fixture->project, path, NULL, NULL, &error);
  g_assert_no_error (error);
  source = gloss_page_source_new (fixture->project, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_page_source_get_kind (source), ==, GLOSS_DOCUMENT_PDF);

  check_layouts (fixture->project, doc, source);
  check_render (source);
}

/* Right-to-left text: the bidi marks poppler adds get no box, letters do. */
static void
test_rtl (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (corpus_dir (), "habibi.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  g_autoptr(GlossPageLayout) layout = NULL;
  g_autofree gunichar *chars = NULL;
  gint64 doc, arabic = 0, latin = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("corpus not found");
      return;
    }
  doc = gloss_project_import_file (fixture->project, path, NULL, NULL, &error);
  g_assert_no_error (error);
  source = gloss_page_source_new (fixture->project, doc, &error);
  g_assert_no_error (error);
  layout = gloss_page_source_get_layout (source, 0, &error);
  g_assert_no_error (error);

  chars = g_utf8_to_ucs4_fast (layout->text, -1, NULL);
  for (gint64 i = 0; i < layout->n_chars; i++)
    {
      if (chars[i] >= 0x0600 && chars[i] <= 0x06FF)
        {
          g_assert_true (layout->boxes[i].has_box);
          arabic++;
        }
      else if (g_unichar_isalpha (chars[i]))
        {
          g_assert_true (layout->boxes[i].has_box);
          latin++;
        }
    }
  g_assert_cmpint (arabic, >, 0);
  g_assert_cmpint (latin, >, 0);
}

/* Two columns: the selection of a column's text stays in that column. */
static void
test_multicolumn (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (corpus_dir (), "multicolumn.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  g_autoptr(GlossPageLayout) layout = NULL;
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (GlossCharBox));
  double width;
  guint left = 0, right = 0, wide = 0;
  gint64 doc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("corpus not found");
      return;
    }
  doc = gloss_project_import_file (fixture->project, path, NULL, NULL, &error);
  g_assert_no_error (error);
  source = gloss_page_source_new (fixture->project, doc, &error);
  g_assert_no_error (error);
  layout = gloss_page_source_get_layout (source, 0, &error);
  g_assert_no_error (error);
  gloss_page_source_get_page_size (source, 0, &width, NULL);

  gloss_page_layout_range_rects (layout, 0, layout->n_chars, rects);
  for (guint i = 0; i < rects->len; i++)
    {
      const GlossCharBox *r = &g_array_index (rects, GlossCharBox, i);

      if (r->x2 <= width / 2 + 5)
        left++;
      else if (r->x1 >= width / 2 - 5)
        right++;
      else
        wide++;
    }
  /* Line rectangles sit in one column or the other; only titles span both. */
  g_assert_cmpuint (left, >, 20);
  g_assert_cmpuint (right, >, 20);
  g_assert_cmpuint (wide, <, (left + right) / 5);

  /* Hit testing a box returns the caret before or after that character. */
  for (gint64 i = 0; i < layout->n_chars; i += 97)
    {
      const GlossCharBox *b = &layout->boxes[i];
      gint64 caret;

      if (!b->has_box || b->x2 - b->x1 < 1)
        continue;
      caret = gloss_page_layout_hit_test (layout, b->x1 + 0.2, (b->y1 + b->y2) / 2);
      g_assert_cmpint (caret, >=, i - 1);
      g_assert_cmpint (caret, <=, i + 1);
    }
}

/* An encrypted PDF opens with the password it was imported with. */
static void
test_encrypted (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (corpus_dir (), "libreoffice-writer-password.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  gint64 doc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("corpus not found");
      return;
    }
  doc = gloss_project_import_file (fixture->project, path, "openpassword", NULL, &error);
  g_assert_no_error (error);
  source = gloss_page_source_new (fixture->project, doc, &error);
  g_assert_no_error (error);
  check_layouts (fixture->project, doc, source);
  check_render (source);
}

static char *
make_long_text (void)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < 150; i++)
    {
      g_string_append_printf (text, "Speaker %d: this is line %d of the transcript", i % 3, i);
      if (i % 7 == 0)
        g_string_append (text, ", and it goes on long enough to wrap past the eighty columns of a page line");
      g_string_append (text, i % 11 == 0 ? " — naïve café déjà vu.\n\n" : ".\n");
    }
  return g_string_free (text, FALSE);
}

static void
test_text_document (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *text = make_long_text ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  g_autoptr(GArray) lines = gloss_text_wrap_lines (text);
  gint64 doc;

  doc = gloss_project_import_text (fixture->project, "transcript.txt", text, -1, &error);
  g_assert_no_error (error);
  source = gloss_page_source_new (fixture->project, doc, &error);
  g_assert_no_error (error);

  g_assert_cmpint (gloss_page_source_get_kind (source), ==, GLOSS_DOCUMENT_TEXT);
  g_assert_cmpuint (gloss_page_source_get_n_pages (source), ==, gloss_text_count_pages (lines));
  check_layouts (fixture->project, doc, source);
  check_render (source);

  /* The characters of one visual line share its top, lines stack by the line height. */
  {
    g_autoptr(GlossPageLayout) layout = gloss_page_source_get_layout (source, 0, &error);
    const GlossTextLine *line0 = &g_array_index (lines, GlossTextLine, 0);
    const GlossTextLine *line1 = &g_array_index (lines, GlossTextLine, 1);

    g_assert_no_error (error);
    for (gint64 i = line0->start; i < line0->start + line0->length; i++)
      {
        g_assert_true (layout->boxes[i].has_box);
        g_assert_cmpfloat_with_epsilon (layout->boxes[i].y1, GLOSS_TEXT_MARGIN, 0.01);
      }
    g_assert_cmpfloat_with_epsilon (layout->boxes[line1->start].y1,
                                    GLOSS_TEXT_MARGIN + GLOSS_TEXT_LINE_HEIGHT, 0.01);
    g_assert_cmpfloat_with_epsilon (layout->boxes[line0->start].x1, GLOSS_TEXT_MARGIN, 0.01);
    /* Monospace: the second character starts where the first ends. */
    g_assert_cmpfloat_with_epsilon (layout->boxes[line0->start + 1].x1,
                                    layout->boxes[line0->start].x2, 0.01);
  }

  /* Offsets map to their page, and pages cover the text in order. */
  for (guint page = 0; page < gloss_page_source_get_n_pages (source); page++)
    {
      gint64 start = gloss_page_source_get_page_start (source, page);

      g_assert_cmpuint (gloss_page_source_page_for_offset (source, start), ==, page);
    }
}

static void
test_word_and_line_bounds (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *text = "first line here\nsecond words\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  g_autoptr(GlossPageLayout) layout = NULL;
  g_autofree char *copy = NULL;
  gint64 doc, start, end;

  doc = gloss_project_import_text (fixture->project, "short.txt", text, -1, &error);
  g_assert_no_error (error);
  source = gloss_page_source_new (fixture->project, doc, &error);
  g_assert_no_error (error);
  layout = gloss_page_source_get_layout (source, 0, &error);
  g_assert_no_error (error);

  gloss_page_layout_word_bounds (layout, 8, &start, &end);   /* in "line" */
  g_assert_cmpint (start, ==, 6);
  g_assert_cmpint (end, ==, 10);
  gloss_page_layout_line_bounds (layout, 18, &start, &end);  /* in "second words" */
  g_assert_cmpint (start, ==, 16);
  g_assert_cmpint (end, ==, 28);

  copy = gloss_page_source_dup_text (source, 6, 10);
  g_assert_cmpstr (copy, ==, "line");
}

/* Pages that another program changed after the project was opened: the
 * page source refuses them instead of reading past the text. */
static void
test_pages_beyond_text (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const changes[] = {
    "UPDATE page SET start = 100000",
    "UPDATE page SET length = length + 5000",
    "UPDATE page SET start = start + 3 WHERE idx = 0",
  };
  g_autofree char *path = g_build_filename (corpus_dir (), "002-trivial-libre-office-writer.pdf", NULL);
  g_autofree char *project_path = g_build_filename (fixture->dir, "test.gloss", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = make_long_text ();
  gint64 pdf = gloss_project_import_file (fixture->project, path, NULL, NULL, &error);
  gint64 txt;

  g_assert_no_error (error);
  txt = gloss_project_import_text (fixture->project, "transcript.txt", text, -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (project_path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TABLE keep AS SELECT * FROM page", NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, changes[i], NULL, NULL, NULL), ==, SQLITE_OK);

      for (guint d = 0; d < 2; d++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(GlossPageSource) source = gloss_page_source_new (fixture->project, d == 0 ? pdf : txt,
                                                                     &local_error);

          g_assert_null (source);
          g_assert_error (local_error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED);
        }

      g_assert_cmpint (sqlite3_exec (db, "DELETE FROM page; INSERT INTO page SELECT * FROM keep", NULL, NULL, NULL),
                       ==, SQLITE_OK);
      sqlite3_close (db);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *pdfs[] = {
    "minimal-document.pdf", "002-trivial-libre-office-writer.pdf", "pdflatex-4-pages.pdf",
    "pdflatex-outline.pdf", "pdflatex-image.pdf", "pdflatex-forms.pdf",
    "google-doc-document.pdf", "multicolumn.pdf", "habibi.pdf", "habibi-rotated.pdf",
    "unreadablemetadata.pdf", "annotated_pdf.pdf", "GeoTopo-komprimiert.pdf",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pdfs); i++)
    {
      g_autofree char *name = g_strdup_printf ("/page-source/corpus/%s", pdfs[i]);

      g_test_add (name, Fixture, pdfs[i], fixture_setup, test_corpus_pdf, fixture_teardown);
    }
  g_test_add ("/page-source/encrypted", Fixture, NULL, fixture_setup, test_encrypted, fixture_teardown);
  g_test_add ("/page-source/rtl", Fixture, NULL, fixture_setup, test_rtl, fixture_teardown);
  g_test_add ("/page-source/multicolumn", Fixture, NULL, fixture_setup, test_multicolumn, fixture_teardown);
  g_test_add ("/page-source/text", Fixture, NULL, fixture_setup, test_text_document, fixture_teardown);
  g_test_add ("/page-source/pages-beyond-text", Fixture, NULL, fixture_setup, test_pages_beyond_text,
              fixture_teardown);
  g_test_add ("/page-source/bounds", Fixture, NULL, fixture_setup, test_word_and_line_bounds, fixture_teardown);

  return g_test_run ();
}
