/* test-document-view.c: the document view on a generated PDF and a text document
 *
 * Runs under Xvfb. The fixture PDF is drawn with cairo, so every word's
 * offset in the document text is known; the test points at words through
 * the view's own geometry, renders the view to an image and looks for the
 * highlight colours where the codings are, and nowhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-core.h"
#include "gloss-document-view-private.h"
#include "gloss-gui-test.h"

typedef struct
{
  char              *dir;
  GlossProject      *project;
  gint64             pdf;
  gint64             text;
  GtkWidget         *window;
  GlossDocumentView *view;
  gboolean           first_page_shown;
} Fixture;

static const char *page_one[] = { "Alpha beta gamma delta", "Second line of text", NULL };
static const char *page_two[] = { "Page two starts here", NULL };

static void
draw_lines (cairo_t     *cr,
            const char **lines,
            double       top)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      cairo_move_to (cr, 72, top + i * 30);
      cairo_show_text (cr, lines[i]);
    }
}

static char *
write_fixture_pdf (const char *dir)
{
  char *path = g_build_filename (dir, "fixture.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 18);
  draw_lines (cr, page_one, 100);
  cairo_move_to (cr, 72, 500);
  cairo_show_text (cr, "Lower words here");
  cairo_show_page (cr);
  draw_lines (cr, page_two, 100);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return path;
}

static void
on_first_page_shown (GlossDocumentView *view,
                     Fixture           *fixture)
{
  fixture->first_page_shown = TRUE;
}

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_first_page (Fixture *fixture)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_reached, &timed_out);

  while (!fixture->first_page_shown && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
iterate_a_while (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_reached, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
show_document (Fixture *fixture,
               gint64   doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = gloss_page_source_new (fixture->project, doc, &error);

  g_assert_no_error (error);
  fixture->first_page_shown = FALSE;
  gloss_document_view_set_source (fixture->view, source);
  wait_for_first_page (fixture);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  GtkWidget *scrolled;

  fixture->dir = g_dir_make_tmp ("gloss-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.gloss", NULL);
  fixture->project = gloss_project_create (path, "View", &error);
  g_assert_no_error (error);

  pdf = write_fixture_pdf (fixture->dir);
  fixture->pdf = gloss_project_import_file (fixture->project, pdf, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->text = gloss_project_import_text (fixture->project, "interview.txt",
                                             "Interviewer: how did it start?\n"
                                             "Respondent: with a small grant and a lot of hope.\n",
                                             -1, &error);
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 900);
  scrolled = gtk_scrolled_window_new ();
  fixture->view = GLOSS_DOCUMENT_VIEW (gloss_document_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  g_signal_connect (fixture->view, "first-page-shown", G_CALLBACK (on_first_page_shown), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
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
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gloss_project_close (fixture->project);
  g_clear_object (&fixture->project);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The document offset of the first @word on the document text. */
static gint64
offset_of (Fixture    *fixture,
           gint64      doc,
           const char *word)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocumentInfo) info = gloss_project_get_document (fixture->project, doc, &error);
  g_autofree char *text = NULL;
  const char *hit;

  g_assert_no_error (error);
  text = gloss_project_get_text (fixture->project, doc, 0, info->n_chars, &error);
  g_assert_no_error (error);
  hit = strstr (text, word);
  g_assert_nonnull (hit);
  return g_utf8_pointer_to_offset (text, hit);
}

/* Widget coordinates of a point inside character @offset's box:
 * @fx, @fy from 0 (left, top) to 1 (right, bottom). */
static void
point_in_char (Fixture *fixture,
               gint64   offset,
               double   fx,
               double   fy,
               double  *x,
               double  *y)
{
  GlossPageSource *source = gloss_document_view_get_source (fixture->view);
  guint page = gloss_page_source_page_for_offset (source, offset);
  g_autoptr(GlossPageLayout) layout = gloss_page_source_get_layout (source, page, NULL);
  const GlossCharBox *b;
  graphene_rect_t rect;
  double ppp = _gloss_document_view_pixels_per_point (fixture->view);

  g_assert_nonnull (layout);
  b = &layout->boxes[offset - layout->start];
  g_assert_true (b->has_box);
  _gloss_document_view_page_rect (fixture->view, page, &rect);
  *x = rect.origin.x + (b->x1 + fx * (b->x2 - b->x1)) * ppp;
  *y = rect.origin.y + (b->y1 + fy * (b->y2 - b->y1)) * ppp;
}

static GdkTexture *
render_view (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

/* Share of pixels in @rect whose colour leans to @channel (2 red, 0 blue,
 * in the B G R A memory order of the download). */
static double
tinted_share (const Pixels          *p,
              const graphene_rect_t *rect,
              int                    channel)
{
  guint tinted = 0, total = 0;

  for (int y = MAX (0, (int) rect->origin.y); y < MIN (p->height, (int) (rect->origin.y + rect->size.height)); y++)
    for (int x = MAX (0, (int) rect->origin.x); x < MIN (p->width, (int) (rect->origin.x + rect->size.width)); x++)
      {
        const guchar *px = p->data + y * p->stride + x * 4;
        int lean = px[channel];
        int other1 = px[(channel + 1) % 3];
        int other2 = px[(channel + 2) % 3];

        total++;
        if (lean - other1 > 40 && lean - other2 > 40)
          tinted++;
      }
  return total ? (double) tinted / total : 0;
}

static graphene_rect_t
range_bounds (Fixture *fixture,
              gint64   start,
              gint64   end)
{
  GlossPageSource *source = gloss_document_view_get_source (fixture->view);
  guint page = gloss_page_source_page_for_offset (source, start);
  g_autoptr(GArray) rects = _gloss_document_view_range_rects (fixture->view, page, start, end, TRUE);
  const GlossCharBox *b;

  g_assert_cmpuint (rects->len, ==, 1);
  b = &g_array_index (rects, GlossCharBox, 0);
  return GRAPHENE_RECT_INIT (b->x1, b->y1, b->x2 - b->x1, b->y2 - b->y1);
}

static void
test_layout_matches_project (Fixture       *fixture,
                             gconstpointer  data)
{
  GlossPageSource *source;

  show_document (fixture, fixture->pdf);
  source = gloss_document_view_get_source (fixture->view);
  g_assert_cmpuint (gloss_page_source_get_n_pages (source), ==, 2);

  for (guint page = 0; page < 2; page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossPageLayout) layout = gloss_page_source_get_layout (source, page, &error);
      gint64 start = gloss_page_source_get_page_start (source, page);
      gint64 length = gloss_page_source_get_page_length (source, page);
      g_autofree char *stored = gloss_project_get_text (fixture->project, fixture->pdf,
                                                        start, start + length, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (layout->text, ==, stored);
      g_assert_cmpint (layout->n_chars, ==, length);
      for (gint64 i = 0; i < layout->n_chars; i++)
        if (layout->boxes[i].has_box)
          {
            g_assert_cmpfloat (layout->boxes[i].x1, >=, 0);
            g_assert_cmpfloat (layout->boxes[i].x2, <=, 595);
            g_assert_cmpfloat (layout->boxes[i].y1, >=, 0);
            g_assert_cmpfloat (layout->boxes[i].y2, <=, 842);
          }
    }
  g_assert_cmpuint (gloss_document_view_get_page (fixture->view), ==, 0);
}

static void
test_pointer_selection (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 beta, page_two_start, start, end;
  g_autofree char *copied = NULL;
  GdkRectangle rect;
  GlossPageSource *source;
  double x, y;

  show_document (fixture, fixture->pdf);
  source = gloss_document_view_get_source (fixture->view);
  beta = offset_of (fixture, fixture->pdf, "beta");

  /* Pointing at the left half of "b" gives the caret before it, the right
   * half of the final "a" the caret after it. */
  point_in_char (fixture, beta, 0.2, 0.5, &x, &y);
  g_assert_cmpint (_gloss_document_view_offset_at (fixture->view, x, y), ==, beta);
  point_in_char (fixture, beta + 3, 0.8, 0.5, &x, &y);
  g_assert_cmpint (_gloss_document_view_offset_at (fixture->view, x, y), ==, beta + 4);

  /* The second page maps to its own characters. */
  page_two_start = gloss_page_source_get_page_start (source, 1);
  gloss_document_view_scroll_to_offset (fixture->view, page_two_start, FALSE);
  point_in_char (fixture, page_two_start, 0.1, 0.5, &x, &y);
  g_assert_cmpint (_gloss_document_view_offset_at (fixture->view, x, y), ==, page_two_start);
  g_assert_cmpuint (gloss_document_view_get_page (fixture->view), ==, 1);
  gloss_document_view_set_page (fixture->view, 0);

  gloss_document_view_set_selection (fixture->view, beta + 4, beta);
  g_assert_true (gloss_document_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, beta);
  g_assert_cmpint (end, ==, beta + 4);
  g_assert_true (gloss_document_view_get_selection_rect (fixture->view, &rect));
  g_assert_cmpint (rect.width, >, 10);
  g_assert_cmpint (rect.height, >, 5);

  /* view.copy puts the selected text on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.copy", NULL));
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));
    GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
    g_auto(GValue) value = G_VALUE_INIT;

    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_assert_cmpstr (g_value_get_string (&value), ==, "beta");
  }

  /* view.select-page selects the whole page text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.select-page", NULL));
  gloss_document_view_get_selection (fixture->view, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, gloss_page_source_get_page_length (source, 0));

  gloss_document_view_clear_selection (fixture->view);
  g_assert_false (gloss_document_view_get_selection (fixture->view, NULL, NULL));
}

static GPtrArray *
make_highlights (gint64 red_start,
                 gint64 red_end,
                 gint64 blue_start,
                 gint64 blue_end)
{
  GPtrArray *highlights = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_highlight_free);
  const GdkRGBA red = { 1, 0, 0, 1 };
  const GdkRGBA blue = { 0, 0, 1, 1 };

  g_ptr_array_add (highlights, gloss_highlight_new (1, red_start, red_end, &red, 0, "Red — Ann"));
  g_ptr_array_add (highlights, gloss_highlight_new (2, blue_start, blue_end, &blue, 1, "Blue — Bo"));
  return highlights;
}

static void
check_highlight_pixels (Fixture *fixture,
                        gint64   red_start,
                        gint64   red_end,
                        gint64   plain_start,
                        gint64   plain_end,
                        const char *png_name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *png = NULL;
  graphene_rect_t red_rect, plain_rect, stripe;
  Pixels pixels;

  iterate_a_while (100);
  texture = render_view (fixture);
  png = g_build_filename (g_get_tmp_dir (), png_name, NULL);
  gdk_texture_save_to_png (texture, png);
  pixels = download (texture);

  red_rect = range_bounds (fixture, red_start, red_end);
  plain_rect = range_bounds (fixture, plain_start, plain_end);
  g_assert_cmpfloat (tinted_share (&pixels, &red_rect, 2), >, 0.5);
  g_assert_cmpfloat (tinted_share (&pixels, &plain_rect, 2), ==, 0);
  g_assert_cmpfloat (tinted_share (&pixels, &plain_rect, 0), ==, 0);

  /* The red coding's stripe sits in the margin, level with it. */
  stripe = GRAPHENE_RECT_INIT (red_rect.origin.x - 200, red_rect.origin.y,
                               0, red_rect.size.height);
  {
    graphene_rect_t page;

    _gloss_document_view_page_rect (fixture->view,
                                    gloss_page_source_page_for_offset (gloss_document_view_get_source (fixture->view), red_start),
                                    &page);
    stripe.origin.x = page.origin.x - GLOSS_VIEW_LANE_AREA;
    stripe.size.width = GLOSS_VIEW_LANE_AREA;
  }
  g_assert_cmpfloat (tinted_share (&pixels, &stripe, 2), >, 0.05);
  g_free (pixels.data);
}

static void
test_highlights_drawn (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) highlights = NULL;
  gint64 gamma, alpha, lower;
  GdkTexture *before;
  double scale_before, scale_after;
  GlossHighlight *hit;
  double x, y;

  show_document (fixture, fixture->pdf);
  gamma = offset_of (fixture, fixture->pdf, "gamma");
  alpha = offset_of (fixture, fixture->pdf, "Alpha");
  lower = offset_of (fixture, fixture->pdf, "Lower");

  before = gloss_texture_cache_lookup (fixture->view->cache, 0, &scale_before);
  g_assert_nonnull (before);

  highlights = make_highlights (gamma, gamma + 5, lower, lower + 5);
  gloss_document_view_set_highlights (fixture->view, highlights);
  check_highlight_pixels (fixture, gamma, gamma + 5, alpha, alpha + 5, "gloss-test-view-pdf.png");

  /* Drawing the codings did not render the page again. */
  g_assert_true (gloss_texture_cache_lookup (fixture->view->cache, 0, &scale_after) == before);

  /* The highlight under the pointer is the one whose text is there. */
  point_in_char (fixture, gamma + 2, 0.5, 0.5, &x, &y);
  hit = _gloss_document_view_highlight_at (fixture->view, x, y);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->id, ==, 1);
  point_in_char (fixture, alpha + 1, 0.5, 0.5, &x, &y);
  g_assert_null (_gloss_document_view_highlight_at (fixture->view, x, y));
}

static void
test_text_document (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) highlights = NULL;
  gint64 grant, interviewer;
  double x, y;

  show_document (fixture, fixture->text);
  g_assert_cmpint (gloss_page_source_get_kind (gloss_document_view_get_source (fixture->view)),
                   ==, GLOSS_DOCUMENT_TEXT);
  grant = offset_of (fixture, fixture->text, "grant");
  interviewer = offset_of (fixture, fixture->text, "Interviewer");

  point_in_char (fixture, grant, 0.2, 0.5, &x, &y);
  g_assert_cmpint (_gloss_document_view_offset_at (fixture->view, x, y), ==, grant);

  highlights = make_highlights (grant, grant + 5, interviewer, interviewer + 3);
  gloss_document_view_set_highlights (fixture->view, highlights);
  check_highlight_pixels (fixture, grant, grant + 5, interviewer + 4, interviewer + 11,
                          "gloss-test-view-text.png");
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);
  graphene_rect_t page;

  show_document (fixture, fixture->pdf);
  g_assert_cmpfloat (gloss_document_view_get_zoom (fixture->view), ==, 1.0);

  g_assert_true (gtk_widget_activate_action (widget, "view.zoom-in", NULL));
  g_assert_cmpfloat (gloss_document_view_get_zoom (fixture->view), >, 1.1);
  g_assert_true (gtk_widget_activate_action (widget, "view.zoom-reset", NULL));
  g_assert_cmpfloat (gloss_document_view_get_zoom (fixture->view), ==, 1.0);
  gloss_document_view_set_zoom (fixture->view, 10);
  g_assert_cmpfloat (gloss_document_view_get_zoom (fixture->view), ==, 4.0);
  gloss_document_view_set_zoom (fixture->view, 0.1);
  g_assert_cmpfloat (gloss_document_view_get_zoom (fixture->view), ==, 0.5);

  g_assert_true (gtk_widget_activate_action (widget, "view.fit-width", NULL));
  g_assert_cmpint (gloss_document_view_get_zoom_mode (fixture->view), ==, GLOSS_ZOOM_FIT_WIDTH);
  _gloss_document_view_page_rect (fixture->view, 0, &page);
  g_assert_cmpfloat (page.origin.x + page.size.width, <=, gtk_widget_get_width (widget));
  g_assert_cmpfloat (page.size.width, >, gtk_widget_get_width (widget) * 0.8);

  g_assert_true (gtk_widget_activate_action (widget, "view.fit-page", NULL));
  _gloss_document_view_page_rect (fixture->view, 0, &page);
  g_assert_cmpfloat (page.size.height, <=, gtk_widget_get_height (widget));

  /* Zooming again renders again, and the page still reaches the screen. */
  iterate_a_while (300);
  g_assert_nonnull (gloss_texture_cache_lookup (fixture->view->cache, 0, NULL));
}

/* The ends of the active coding drag its boundaries, reported on release */

typedef struct
{
  guint  n_changes;
  gint64 id;
  gint64 start;
  gint64 end;
} RangeChange;

static void
on_coding_range_changed (GlossDocumentView *view,
                         gint64             id,
                         gint64             start,
                         gint64             end,
                         RangeChange       *change)
{
  change->n_changes++;
  change->id = id;
  change->start = start;
  change->end = end;
}

static void
bar_centre (Fixture     *fixture,
            GlossHandle  handle,
            double      *x,
            double      *y)
{
  graphene_rect_t bar;

  g_assert_true (_gloss_document_view_handle_bar (fixture->view, handle, &bar));
  *x = bar.origin.x + bar.size.width / 2;
  *y = bar.origin.y + bar.size.height / 2;
}

static void
test_handle_drag (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) highlights = NULL;
  RangeChange change = { 0 };
  gint64 beta, gamma, delta;
  graphene_rect_t bar;
  double x, y, gx, gy;

  show_document (fixture, fixture->pdf);
  beta = offset_of (fixture, fixture->pdf, "beta");
  gamma = offset_of (fixture, fixture->pdf, "gamma");
  delta = offset_of (fixture, fixture->pdf, "delta");
  highlights = make_highlights (gamma, gamma + 5, 0, 0);
  gloss_document_view_set_highlights (fixture->view, highlights);
  g_signal_connect (fixture->view, "coding-range-changed", G_CALLBACK (on_coding_range_changed), &change);

  /* No active coding, no handles. */
  g_assert_false (_gloss_document_view_handle_bar (fixture->view, GLOSS_HANDLE_START, &bar));
  gloss_document_view_set_active_highlight (fixture->view, 1);

  /* The handles stand at the coding's first and last characters. */
  bar_centre (fixture, GLOSS_HANDLE_START, &x, &y);
  point_in_char (fixture, gamma, 0, 0.5, &gx, &gy);
  g_assert_cmpfloat (ABS (x - gx), <, 2);
  g_assert_cmpint (_gloss_document_view_handle_at (fixture->view, x, y), ==, GLOSS_HANDLE_START);
  bar_centre (fixture, GLOSS_HANDLE_END, &x, &y);
  point_in_char (fixture, gamma + 4, 1, 0.5, &gx, &gy);
  g_assert_cmpfloat (ABS (x - gx), <, 2);
  g_assert_cmpint (_gloss_document_view_handle_at (fixture->view, x, y), ==, GLOSS_HANDLE_END);
  point_in_char (fixture, gamma + 2, 0.5, 0.5, &gx, &gy);
  g_assert_cmpint (_gloss_document_view_handle_at (fixture->view, gx, gy), ==, GLOSS_HANDLE_NONE);

  /* Drag the end over "delta": live feedback, one report on release. */
  g_assert_true (_gloss_document_view_begin_handle_drag (fixture->view, x, y));
  point_in_char (fixture, delta + 4, 0.8, 0.5, &gx, &gy);
  _gloss_document_view_update_handle_drag (fixture->view, gx, gy);
  g_assert_cmpint (fixture->view->handle_end, ==, delta + 5);
  g_assert_cmpint (change.n_changes, ==, 0);
  _gloss_document_view_end_handle_drag (fixture->view);
  g_assert_cmpint (change.n_changes, ==, 1);
  g_assert_cmpint (change.id, ==, 1);
  g_assert_cmpint (change.start, ==, gamma);
  g_assert_cmpint (change.end, ==, delta + 5);

  /* The start moves back to "beta"; it never passes the end. */
  bar_centre (fixture, GLOSS_HANDLE_START, &x, &y);
  g_assert_true (_gloss_document_view_begin_handle_drag (fixture->view, x, y));
  point_in_char (fixture, gamma + 4, 0.9, 0.5, &gx, &gy);
  _gloss_document_view_update_handle_drag (fixture->view, gx + 200, gy);
  g_assert_cmpint (fixture->view->handle_start, ==, gamma + 4);
  point_in_char (fixture, beta, 0.1, 0.5, &gx, &gy);
  _gloss_document_view_update_handle_drag (fixture->view, gx, gy);
  _gloss_document_view_end_handle_drag (fixture->view);
  g_assert_cmpint (change.n_changes, ==, 2);
  g_assert_cmpint (change.start, ==, beta);
  g_assert_cmpint (change.end, ==, gamma + 5);

  /* A press and release without moving changes nothing. */
  bar_centre (fixture, GLOSS_HANDLE_END, &x, &y);
  g_assert_true (_gloss_document_view_begin_handle_drag (fixture->view, x, y));
  _gloss_document_view_end_handle_drag (fixture->view);
  g_assert_cmpint (change.n_changes, ==, 2);
}

/* Hover names the code and the coder, each beside its colour */
static void
test_tooltip_markup (void)
{
  const GdkRGBA red = { 1, 0, 0, 1 };
  const GdkRGBA green = { 0, 1, 0, 1 };
  g_autoptr(GlossHighlight) plain = gloss_highlight_new (1, 0, 4, &red, 0, "Trust — Ann & Bo");
  g_autoptr(GlossHighlight) full = gloss_highlight_new_with_coder (2, 0, 4, &red, 0, "Trust", "Ann & Bo", &green);
  g_autofree char *plain_markup = _gloss_document_view_tooltip_markup (plain);
  g_autofree char *full_markup = _gloss_document_view_tooltip_markup (full);

  g_assert_cmpstr (plain_markup, ==, "Trust — Ann &amp; Bo");
  g_assert_nonnull (strstr (full_markup, "#ff0000"));
  g_assert_nonnull (strstr (full_markup, "#00ff00"));
  g_assert_nonnull (strstr (full_markup, "<b>Trust</b>"));
  g_assert_nonnull (strstr (full_markup, "Ann &amp; Bo"));
  g_assert_true (pango_parse_markup (full_markup, -1, 0, NULL, NULL, NULL, NULL));
  g_assert_cmpstr (full->tooltip, ==, "Trust — Ann & Bo");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_message ("no display: the view tests need one (run under Xvfb)");
      return 77;
    }
  gtk_init ();

  g_test_add ("/document-view/layout", Fixture, NULL, fixture_setup, test_layout_matches_project, fixture_teardown);
  g_test_add ("/document-view/pointer-selection", Fixture, NULL, fixture_setup, test_pointer_selection, fixture_teardown);
  g_test_add ("/document-view/highlights", Fixture, NULL, fixture_setup, test_highlights_drawn, fixture_teardown);
  g_test_add ("/document-view/text-document", Fixture, NULL, fixture_setup, test_text_document, fixture_teardown);
  g_test_add ("/document-view/zoom", Fixture, NULL, fixture_setup, test_zoom, fixture_teardown);
  g_test_add ("/document-view/handle-drag", Fixture, NULL, fixture_setup, test_handle_drag, fixture_teardown);
  g_test_add_func ("/document-view/tooltip-markup", test_tooltip_markup);

  return g_test_run ();
}
