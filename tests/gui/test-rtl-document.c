/* test-rtl-document.c: an Arabic word coded in the real window
 *
 * habibi.pdf opened in the window, its Arabic word selected by its offsets
 * in the (logical) document text and coded through the window's action:
 * the coding quotes the word as typed and its highlight is drawn on the
 * glyphs the PDF gives those characters. A screenshot goes to the log
 * folder (GLOSS_TEST_LOG_DIR) to be looked at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-document-view.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define HABIBI_AR "\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8a\xd8\xa8\xd9\x8a"
/* שלום */
#define SHALOM "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"
#define CODE_COLOR "#e01b24"

static void
on_first_page_shown (gboolean *shown)
{
  *shown = TRUE;
}

static gboolean
is_red_tint (const guchar *p)
{
  /* ARGB32 little endian: B, G, R, A */
  return p[2] > 170 && p[2] - p[1] > 35 && p[2] - p[0] > 35;
}

static guint
count_tinted (const Pixels       *pixels,
              const GdkRectangle *rect)
{
  guint count = 0;

  for (int y = MAX (rect->y, 0); y < MIN (rect->y + rect->height, pixels->height); y++)
    for (int x = MAX (rect->x, 0); x < MIN (rect->x + rect->width, pixels->width); x++)
      if (is_red_tint (pixels->data + y * pixels->stride + x * 4))
        count++;
  return count;
}

static void
save_screenshot (GdkTexture *texture,
                 const char *name)
{
  const char *log_dir = g_getenv ("GLOSS_TEST_LOG_DIR");
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = NULL;

  if (log_dir == NULL)
    return;
  g_assert_cmpint (g_mkdir_with_parents (log_dir, 0755), ==, 0);
  path = g_build_filename (log_dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Opens @pdf in the window, codes @word through the window's action and
 * checks the quote and the highlight; the screenshot is @name. */
static void
code_word_in_window (const char *pdf,
                     const char *word,
                     const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  GlossDocumentView *view;
  GlossWindow *window;
  GdkRectangle rect;
  Pixels pixels;
  gboolean shown = FALSE;
  gint64 doc, code, start, s = -1, e = -1;
  double x, y;
  guint tinted;

  doc = gloss_project_import_file (project, pdf, NULL, NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Names", CODE_COLOR, NULL, &error);
  g_assert_no_error (error);
  text = gloss_project_get_text (project, doc, 0, -1, &error);
  g_assert_nonnull (strstr (text, word));
  start = g_utf8_pointer_to_offset (text, strstr (text, word));
  gloss_project_close (project);
  g_clear_object (&project);

  window = gloss_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  view = gloss_window_get_document_view (window);
  g_signal_connect_swapped (view, "first-page-shown", G_CALLBACK (on_first_page_shown), &shown);
  g_assert_true (gloss_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 200 && !shown; i++)
    spin (50);
  g_assert_true (shown);

  /* The line is small at the top of an A4 page: read it close. */
  gloss_document_view_set_zoom (view, 3.0);
  spin (500);
  gloss_document_view_scroll_to_offset (view, start, FALSE);
  /* The line starts at the page's left margin. */
  if (GTK_IS_SCROLLABLE (view))
    {
      GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
      gtk_adjustment_set_value (h, gtk_adjustment_get_lower (h));
    }
  spin (500);

  gloss_document_view_set_selection (view, start, start + g_utf8_strlen (word, -1));
  g_assert_true (gloss_document_view_get_selection (view, &s, &e));
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, start + g_utf8_strlen (word, -1));
  g_assert_true (gloss_document_view_get_selection_rect (view, &rect));
  g_action_group_activate_action (G_ACTION_GROUP (window), "apply-code", g_variant_new_int64 (code));
  gloss_document_view_clear_selection (view);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), GTK_WIDGET (window),
                                                   rect.x, rect.y, &x, &y));
  rect.x = (int) x;
  rect.y = (int) y;
  spin (500);

  project = gloss_test_open_project (path);
  codings = gloss_project_list_codings (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpstr (((GlossCoding *) codings->pdata[0])->quote, ==, word);

  texture = render_window (GTK_WIDGET (window));
  save_screenshot (texture, name);
  pixels = download (texture);
  tinted = count_tinted (&pixels, &rect);
  g_test_message ("coded box %d×%d at %d,%d; tinted pixels %u", rect.width, rect.height, rect.x, rect.y, tinted);
  g_assert_cmpuint (tinted, >, (guint) (rect.width * rect.height) / 4);
  g_free (pixels.data);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* habibi.pdf maps its Arabic word onto the glyphs it has text for. */
static void
test_arabic_coded (void)
{
  g_autofree char *pdf = gloss_test_corpus_file ("habibi.pdf");

  code_word_in_window (pdf, HABIBI_AR, "habibi");
}

/* A Hebrew word amid English, each letter on its own glyph. */
static void
test_hebrew_coded (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "hebrew.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 14");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "Peace: " SHALOM " and salaam", -1);
  cairo_move_to (cr, 72, 72);
  pango_cairo_show_layout (cr, layout);
  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  code_word_in_window (pdf, SHALOM, "hebrew");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/rtl-document/arabic-coded", test_arabic_coded);
  g_test_add_func ("/rtl-document/hebrew-coded", test_hebrew_coded);

  return g_test_run ();
}
