/* test-pdf-text.c: the text of real PDFs as Gloss stores it
 *
 * Right-to-left text in logical order with each character on its glyph,
 * two columns read one after the other, words broken at a line end found
 * and quoted whole, and projects of the first extraction upgraded with
 * every coding still on its words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <sqlite3.h>
#include <string.h>

#include "gloss-excerpt-export.h"
#include "gloss-hyphenation.h"
#include "gloss-import.h"
#include "gloss-page-layout.h"
#include "gloss-page-source.h"
#include "gloss-pdf-text.h"
#include "gloss-test-util.h"

/* حَبيبي as typed: hah, fatha, beh, yeh, beh, yeh */
#define HABIBI_AR "\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8a\xd8\xa8\xd9\x8a"
/* as drawn, which poppler gives */
#define HABIBI_AR_DRAWN "\xd9\x8a\xd8\xa8\xd9\x8a\xd8\xa8\xd9\x8e\xd8\xad"
/* حبيبي as one types it without the vowel mark */
#define HABIBI_AR_PLAIN "\xd8\xad\xd8\xa8\xd9\x8a\xd8\xa8\xd9\x8a"

static gint64
import_corpus (GlossProject *project,
               const char   *name)
{
  g_autofree char *path = gloss_test_corpus_file (name);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = gloss_project_import_file (project, path, NULL, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
offset_of (const char *text,
           const char *needle)
{
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

static gboolean
has_bidi_marks (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x202A && c <= 0x202E) || c == 0x200E || c == 0x200F)
        return TRUE;
    }
  return FALSE;
}

/* habibi.pdf: the Arabic word reads as typed, search finds it typed
 * without its vowel mark, a coding quotes it so, and every character of it
 * has a glyph box on the line. */
static void
test_habibi (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GlossCoding) coding = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  g_autoptr(GlossPageLayout) layout = NULL;
  g_autofree char *text = NULL;
  gint64 doc, start, s, e, coder, code, id;
  const GlossSearchHit *hit;

  doc = import_corpus (project, "habibi.pdf");
  text = gloss_project_get_text (project, doc, 0, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (text, ==, HABIBI_AR " habibi");
  g_assert_null (strstr (text, HABIBI_AR_DRAWN));
  g_assert_false (has_bidi_marks (text));

  hits = gloss_project_search (project, doc, HABIBI_AR_PLAIN, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  start = offset_of (text, HABIBI_AR);
  g_assert_cmpint (hit->start, ==, start);
  g_assert_cmpint (hit->end, ==, start + 6);

  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Names", NULL, NULL, &error);
  id = gloss_project_add_coding (project, doc, coder, code, hit->start, hit->end, NULL, &error);
  g_assert_no_error (error);
  coding = gloss_project_get_coding (project, id, &error);
  g_assert_cmpstr (coding->quote, ==, HABIBI_AR);

  source = gloss_page_source_new (project, doc, &error);
  g_assert_no_error (error);
  layout = gloss_page_source_get_layout (source, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (layout->text, ==, text);
  for (gint64 i = 0; i < layout->n_chars; i++)
    if (i != 6)  /* the space */
      {
        g_assert_true (layout->boxes[i].has_box);
        g_assert_true (gloss_char_boxes_same_line (&layout->boxes[0], &layout->boxes[i]));
      }

  /* A double click on the h of "habibi" takes the whole word. */
  gloss_page_layout_word_bounds (layout, offset_of (text, "habibi"), &s, &e);
  g_assert_cmpint (s, ==, offset_of (text, "habibi"));
  g_assert_cmpint (e, ==, s + 6);
}

/* habibi-rotated.pdf: the same line on pages turned by 90, 180, 270 and
 * 360 degrees reads the same wherever poppler finds text. */
static void
test_habibi_rotated (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  gint64 doc;
  guint with_text = 0;

  doc = import_corpus (project, "habibi-rotated.pdf");
  pages = gloss_project_get_pages (project, doc, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pages->len; i++)
    {
      const GlossPage *page = pages->pdata[i];
      g_autofree char *text = gloss_project_get_text (project, doc, page->start,
                                                      page->start + page->length, &error);

      g_assert_no_error (error);
      if (page->length == 0)
        continue;
      with_text++;
      g_assert_nonnull (strstr (text, HABIBI_AR " habibi"));
      g_assert_false (has_bidi_marks (text));
    }
  g_assert_cmpuint (with_text, >=, 3);
}

/* A Hebrew line as pango draws it: every letter on its own glyph, read in
 * logical order, the first letter typed the rightmost drawn. */
static char *
write_line_pdf (const char *dir,
                const char *name,
                const char *line,
                gboolean    right_to_left)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 14");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_auto_dir (layout, FALSE);
  pango_context_set_base_dir (pango_layout_get_context (layout),
                              right_to_left ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_layout_context_changed (layout);
  pango_layout_set_text (layout, line, -1);
  cairo_move_to (cr, 72, 72);
  pango_cairo_show_layout (cr, layout);
  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_steal_pointer (&path);
}

static void
check_hebrew (const char *line,
              gboolean    right_to_left,
              const char *first,
              const char *last)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = write_line_pdf (dir, "hebrew.pdf", line, right_to_left);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  g_autoptr(GlossPageLayout) layout = NULL;
  g_autofree char *text = NULL;
  gint64 doc, a, z;

  doc = gloss_project_import_file (project, path, NULL, NULL, &error);
  g_assert_no_error (error);
  text = gloss_project_get_text (project, doc, 0, -1, &error);
  g_assert_cmpstr (text, ==, line);

  /* The word's first letter is drawn right of its last. */
  source = gloss_page_source_new (project, doc, &error);
  layout = gloss_page_source_get_layout (source, 0, &error);
  g_assert_no_error (error);
  a = offset_of (text, first);
  z = offset_of (text, last);
  g_assert_true (layout->boxes[a].has_box && layout->boxes[z].has_box);
  g_assert_cmpfloat (layout->boxes[a].x1, >, layout->boxes[z].x2 - 0.5);
}

static void
test_hebrew (void)
{
  /* שלום: shin, lamed, vav, final mem */
  check_hebrew ("hello \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d world", FALSE, "\xd7\xa9", "\xd7\x9d");
  /* שלום עולם, a right-to-left paragraph */
  check_hebrew ("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d", TRUE,
                "\xd7\xa9", "\xd7\x9d \xd7\xa2");
}

/* multicolumn.pdf: the left column is read to its end before the right
 * one begins, its first paragraph in one piece. */
static void
test_columns (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page1 = NULL;
  gint64 doc;
  const GlossPage *first;

  doc = import_corpus (project, "multicolumn.pdf");
  pages = gloss_project_get_pages (project, doc, &error);
  first = pages->pdata[0];
  page1 = gloss_project_get_text (project, doc, first->start, first->start + first->length, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (page1, "Two-Column Document with Lorem Ipsum\nYour Name\nJanuary 3, 2024\n"
                                          "Abstract\nThis is a sample document with two columns filled\n"
                                          "with Lorem Ipsum text.\nLorem ipsum dolor sit amet, consectetuer adip-\n"
                                          "iscing elit. Ut purus elit, vestibulum ut, placerat\n"));
  /* The left column ends where the right one starts. */
  g_assert_nonnull (strstr (page1, "Vivamus viverra fermentum felis. Donec nonummy\n"
                                   "pellentesque ante. Phasellus adipiscing semper elit.\n"));
  g_assert_cmpint (offset_of (page1, "nissim rutrum."), <, offset_of (page1, "pellentesque ante."));
  g_assert_cmpint (offset_of (page1, "pellentesque ante."), <, offset_of (page1, "Quisque ullamcorper"));
  g_assert_true (g_str_has_suffix (page1, "Nam feugiat\n1"));

  /* A drag from the end of the left column to the start of the right
   * one selects only what lies between them in reading order. */
  {
    g_autoptr(GlossPageSource) source = gloss_page_source_new (project, doc, &error);
    g_autoptr(GlossPageLayout) layout = gloss_page_source_get_layout (source, 0, &error);
    g_autofree char *selected = NULL;
    gint64 from = offset_of (layout->text, "nonummy\npellentesque") + 6;
    gint64 to = offset_of (layout->text, "nonummy\npellentesque") + 9;
    const GlossCharBox *a = &layout->boxes[from];
    const GlossCharBox *b = &layout->boxes[to];
    gint64 start, end;

    g_assert_no_error (error);
    /* From the right half of the last "y" to the right half of the "e" of
     * "pellentesque" (a first column's glyph is left of the second's). */
    g_assert_cmpfloat (a->x2, <, b->x1);
    start = gloss_page_layout_hit_test (layout, a->x2 - 0.5, (a->y1 + a->y2) / 2);
    end = gloss_page_layout_hit_test (layout, b->x2 - 0.5, (b->y1 + b->y2) / 2);
    g_assert_cmpint (start, <, end);
    selected = g_utf8_substring (layout->text, start, end);
    g_assert_cmpstr (selected, ==, "\npe");
  }

  /* A running head beside a figure is read first, as one line. */
  {
    gint64 geo = import_corpus (project, "GeoTopo-komprimiert.pdf");
    g_autoptr(GPtrArray) geo_pages = gloss_project_get_pages (project, geo, &error);
    const GlossPage *tenth = geo_pages->pdata[9];
    g_autofree char *page10 = gloss_project_get_text (project, geo, tenth->start,
                                                      tenth->start + tenth->length, &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (page10, "7\n1.2. METRISCHE R\xc3\x84UME\nAlso f\xc3\xbcr n = 1:\n"));
  }

  /* Single-column pages keep poppler's text as it was. */
  text = gloss_project_get_text (project, import_corpus (project, "pdflatex-4-pages.pdf"), 0, -1, &error);
  g_assert_no_error (error);
  g_assert_false (has_bidi_marks (text));
}

static char *
export_markdown (GlossProject *project,
                 gboolean      keep_hyphens)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "excerpts.md", NULL);
  g_autoptr(GError) error = NULL;
  GlossExcerptOptions options = { 0 };
  char *contents = NULL;

  options.keep_line_hyphens = keep_hyphens;
  g_assert_cmpint (gloss_excerpt_export (project, GLOSS_EXCERPT_MARKDOWN, &options, out, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  return contents;
}

/* "adip-\niscing" stays in the text; search finds "adipiscing elit" there
 * and an export quotes it whole. */
static void
test_hyphenation (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) well = NULL;
  g_autofree char *found = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *text = NULL;
  gint64 doc, coder, code;
  const GlossSearchHit *hit;

  doc = import_corpus (project, "multicolumn.pdf");
  text = gloss_project_get_text (project, doc, 0, -1, &error);
  g_assert_nonnull (strstr (text, "consectetuer adip-\niscing elit."));

  hits = gloss_project_search (project, doc, "consectetuer adipiscing elit. Ut", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  found = gloss_project_get_text (project, doc, hit->start, hit->end, &error);
  g_assert_cmpstr (found, ==, "consectetuer adip-\niscing elit. Ut");

  /* The hyphen typed finds it too; a hyphen of the word stays one. */
  well = gloss_project_search (project, doc, "adip-iscing", FALSE, &error);
  g_assert_cmpuint (well->len, >=, 1);

  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Style", NULL, NULL, &error);
  g_assert_cmpint (gloss_project_code_hits (project, hits, coder, code, &error), ==, 1);
  g_assert_no_error (error);

  joined = export_markdown (project, FALSE);
  g_assert_nonnull (strstr (joined, "consectetuer adipiscing elit. Ut"));
  g_assert_null (strstr (joined, "adip-"));
  kept = export_markdown (project, TRUE);
  g_assert_nonnull (strstr (kept, "adip-"));
}

/* A project as the first extraction made it */

static void
store_first_extraction (const char *path,
                        gint64      doc,
                        const char *pdf)
{
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autoptr(PopplerDocument) document = poppler_document_new_from_file (uri, NULL, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 offset = 0;

  g_assert_nonnull (document);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE page SET start = ?3, length = ?4 "
                                           "WHERE document_id = ?1 AND idx = ?2", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *raw = gloss_pdf_page_raw_text (page);
      gint64 length = g_utf8_strlen (raw, -1);

      if (i > 0)
        {
          g_string_append_c (text, '\f');
          offset++;
        }
      sqlite3_bind_int64 (stmt, 1, doc);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, offset);
      sqlite3_bind_int64 (stmt, 4, length);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      g_string_append (text, raw);
      offset += length;
    }
  sqlite3_finalize (stmt);

  /* Marked current for now, so that it can be coded before the file is
   * taken back to the older version. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE document SET text = ?2, n_chars = ?3 "
                                           "WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, doc);
  sqlite3_bind_text (stmt, 2, text->str, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, offset);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gint64
code_words (GlossProject *project,
            gint64        doc,
            gint64        coder,
            gint64        code,
            const char   *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gloss_project_get_text (project, doc, 0, -1, &error);
  gint64 start = offset_of (text, words);
  gint64 id = gloss_project_add_coding (project, doc, coder, code, start,
                                        start + g_utf8_strlen (words, -1), NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
assert_coding_covers (GlossProject *project,
                      gint64        id,
                      const char   *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCoding) coding = gloss_project_get_coding (project, id, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = gloss_project_get_text (project, coding->document_id, coding->start, coding->end, &error);
  g_assert_cmpstr (text, ==, words);
  g_assert_cmpstr (coding->quote, ==, words);
}

static void
test_upgrade (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) upgraded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *habibi = gloss_test_corpus_file ("habibi.pdf");
  g_autofree char *columns = gloss_test_corpus_file ("multicolumn.pdf");
  g_autofree char *text = NULL;
  GlossTextUpgrade report;
  gint64 ar, mc, coder, code, arabic, right, hyphen, left, last;
  sqlite3 *db = NULL;

  ar = import_corpus (project, "habibi.pdf");
  mc = import_corpus (project, "multicolumn.pdf");
  gloss_project_close (project);
  g_clear_object (&project);
  store_first_extraction (path, ar, habibi);
  store_first_extraction (path, mc, columns);

  /* Coded on the old text: the Arabic word as poppler gave it, the right
   * column's first lines (read before the left column then), a word
   * broken at a line end, the left column's last words. */
  project = gloss_test_open_project (path);
  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Passages", NULL, NULL, &error);
  g_assert_no_error (error);
  arabic = code_words (project, ar, coder, code, HABIBI_AR_DRAWN);
  right = code_words (project, mc, coder, code, "pellentesque ante. Phasellus adipiscing semper elit.\nProin");
  hyphen = code_words (project, mc, coder, code, "adip-\niscing elit");
  left = code_words (project, mc, coder, code, "Vivamus viverra fermentum felis. Donec nonummy");
  last = code_words (project, mc, coder, code, "Nulla malesuada porttitor diam.");
  gloss_project_close (project);
  g_clear_object (&project);

  /* The file as the Gloss before the extraction migration left it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("ALTER TABLE document DROP COLUMN text_extraction; "
                                            "DROP TABLE sync_touched; DROP TABLE sync_waiting; DROP TABLE sync_count; "
                                            "PRAGMA user_version = %d",
                                            GLOSS_PROJECT_MIGRATION_TEXT_EXTRACTION - 1);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  upgraded = gloss_project_open (path, &error);
  g_assert_no_error (error);
  gloss_project_get_text_upgrade (upgraded, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_lost, ==, 0);
  g_assert_cmpuint (report.n_failed, ==, 0);
  g_assert_cmpuint (report.n_moved, >=, 3);

  text = gloss_project_get_text (upgraded, ar, 0, -1, &error);
  g_assert_cmpstr (text, ==, HABIBI_AR " habibi");
  assert_coding_covers (upgraded, arabic, HABIBI_AR);
  assert_coding_covers (upgraded, right, "pellentesque ante. Phasellus adipiscing semper elit.\nProin");
  assert_coding_covers (upgraded, hyphen, "adip-\niscing elit");
  assert_coding_covers (upgraded, left, "Vivamus viverra fermentum felis. Donec nonummy");
  assert_coding_covers (upgraded, last, "Nulla malesuada porttitor diam.");
  g_assert_true (gloss_project_check (upgraded, NULL, &error));
  g_assert_no_error (error);

  /* The history moved with them: the last coding undone and done again
   * comes back on its words. */
  g_assert_true (gloss_project_undo (upgraded, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_redo (upgraded, &error));
  g_assert_no_error (error);
  assert_coding_covers (upgraded, last, "Nulla malesuada porttitor diam.");

  /* Opened again, nothing is left to upgrade. */
  gloss_project_close (upgraded);
  g_clear_object (&upgraded);
  upgraded = gloss_project_open (path, &error);
  g_assert_no_error (error);
  gloss_project_get_text_upgrade (upgraded, &report);
  g_assert_cmpuint (report.n_documents, ==, 0);
  assert_coding_covers (upgraded, arabic, HABIBI_AR);
}

/* A file of the first extraction whose pages do not cut its text (another
 * program wrote them) is refused with the reason, before anything is
 * extracted again, and left as it was. */
static void
test_upgrade_damaged_pages (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  import_corpus (project, "habibi.pdf");
  gloss_project_close (project);
  g_clear_object (&project);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE page SET start = 5, length = 1000; "
                                            "ALTER TABLE document DROP COLUMN text_extraction; "
                                            "DROP TABLE sync_touched; DROP TABLE sync_waiting; DROP TABLE sync_count; "
                                            "PRAGMA user_version = %d",
                                            GLOSS_PROJECT_MIGRATION_TEXT_EXTRACTION - 1);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  project = gloss_project_open (path, &error);
  g_assert_null (project);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);

  /* Not migrated, not extracted again. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, GLOSS_PROJECT_MIGRATION_TEXT_EXTRACTION - 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A quote for a one-line row: broken words joined, other breaks spaces. */
static void
test_one_line (void)
{
  struct { const char *text, *line; } cases[] = {
    { "consectetur adip-\niscing elit,\nsed", "consectetur adipiscing elit, sed" },
    { "a well-\nKnown case", "a well- Known case" },
    { "refu\u00ad\ngees\fnext\tpage\r\nend", "refugees next page  end" },
    { "ends with a hyphen-\n", "ends with a hyphen- " },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = gloss_text_one_line (cases[i].text);
      g_assert_cmpstr (line, ==, cases[i].line);
    }
  {
    g_autofree char *line = gloss_text_one_line (NULL);
    g_assert_cmpstr (line, ==, "");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-text/habibi", test_habibi);
  g_test_add_func ("/pdf-text/habibi-rotated", test_habibi_rotated);
  g_test_add_func ("/pdf-text/hebrew", test_hebrew);
  g_test_add_func ("/pdf-text/columns", test_columns);
  g_test_add_func ("/pdf-text/hyphenation", test_hyphenation);
  g_test_add_func ("/pdf-text/one-line", test_one_line);
  g_test_add_func ("/pdf-text/upgrade", test_upgrade);
  g_test_add_func ("/pdf-text/upgrade-damaged-pages", test_upgrade_damaged_pages);

  return g_test_run ();
}
