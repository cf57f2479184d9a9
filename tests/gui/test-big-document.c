/* test-big-document.c: a document with 40,000 codings in the main window
 *
 * Under Xvfb with real pointer events (X test extension): the pointer
 * hovers coded text (the tooltip shows code and coder), then rests. The
 * window has nothing left to do and must do nothing: the process's CPU
 * time, read from /proc/self/stat, stays flat over two seconds. Hovering
 * finds the coding under the pointer, and jumping to a far page draws its
 * highlights, without walking every coding of the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>

#include "gloss-application.h"
#include "gloss-document-view-private.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define N_PAGES        20
#define LINES_PER_PAGE 40
#define N_CODINGS      40000
#define IDLE_MS        2000
/* Idle means idle: the clock's granularity (10 ms) is all there may be. */
#define IDLE_CPU_MS    20.0
/* GTK fades the overlay scrollbars out a while after the pointer stops. */
#define SETTLE_MS      3000

static GlossApplication *application;

static gboolean
timeout_done (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms, sleeping while nothing is due: unlike
 * spin(), the loop itself costs no CPU. Returns how often it woke up for
 * something else than the end of the rest. */
static guint
rest (guint ms)
{
  gboolean done = FALSE;
  guint wakeups = 0;

  g_timeout_add (ms, timeout_done, &done);
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
      wakeups++;
    }
  return wakeups - 1;
}

static void
count_paint (int *n_paints)
{
  (*n_paints)++;
}

typedef struct
{
  char        *dir;
  char        *path;
  gint64       document_id;
  GlossWindow *window;
  Display     *xdisplay;
  gboolean     first_page_shown;
} Fixture;

/* CPU time of the whole process (every thread), in milliseconds. */
static double
process_cpu_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  g_assert_true (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL));
  /* The command name may hold spaces: count fields after its ')'. */
  after_name = strrchr (stat, ')');
  g_assert_nonnull (after_name);
  fields = g_strsplit (after_name + 2, " ", -1);
  g_assert_cmpuint (g_strv_length (fields), >, 13);
  /* Fields 14 and 15 of stat(5), utime and stime: 12 and 13 after the name. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) *
         1000.0 / sysconf (_SC_CLK_TCK);
}

static void
write_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int page = 0; page < N_PAGES; page++)
    {
      for (int line = 0; line < LINES_PER_PAGE; line++)
        {
          g_autofree char *text = g_strdup_printf ("Page %d line %d: partnership, trust and the "
                                                   "sharing of responsibility", page + 1, line + 1);

          cairo_move_to (cr, 60, 60 + line * 18);
          cairo_show_text (cr, text);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* 40,000 short codings spread over the whole text, in one step. */
static void
add_codings (GlossProject *project,
             gint64        document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"codes\":[{\"path\":\"Trust\",\"color\":\"#e01b24\"}],\"codings\":[");
  g_autofree char *doc = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);
  gint64 length = g_utf8_strlen (gloss_project_get_text (project, document_id, 0, -1, NULL), -1);

  for (int i = 0; i < N_CODINGS; i++)
    {
      /* Distinct ranges: the same passage cannot take the same code twice. */
      gint64 start = (i * 37) % (length - 60);
      gint64 end = start + 3 + (i / (length - 60)) + i % 17;

      g_string_append_printf (json, "%s{\"document\":%s,\"coder\":\"Tester\",\"code\":\"Trust\","
                              "\"start\":%" G_GINT64_FORMAT ",\"end\":%" G_GINT64_FORMAT "}",
                              i > 0 ? "," : "", doc, start, end);
    }
  g_string_append (json, "]}");
  g_assert_true (gloss_project_load_json (project, json->str, json->len, &error));
  g_assert_no_error (error);
}

static void
flush_and_spin (Fixture *fixture,
                guint    ms)
{
  XFlush (fixture->xdisplay);
  XSync (fixture->xdisplay, False);
  spin (ms);
}

static void
move_to_view_point (Fixture *fixture,
                    double   x,
                    double   y)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  graphene_point_t point, result;
  Window child;
  double sx, sy;
  int ox, oy;

  graphene_point_init (&point, x, y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (fixture->window),
                                           &point, &result));
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &sx, &sy);
  g_assert_true (XTranslateCoordinates (fixture->xdisplay, gdk_x11_surface_get_xid (surface),
                                        DefaultRootWindow (fixture->xdisplay), 0, 0, &ox, &oy, &child));
  XTestFakeMotionEvent (fixture->xdisplay, DefaultScreen (fixture->xdisplay),
                        ox + (int) (sx + result.x), oy + (int) (sy + result.y), CurrentTime);
  flush_and_spin (fixture, 40);
}

/* The view point of document character @offset (its page's layout loaded). */
static graphene_point_t
char_point (GlossDocumentView *view,
            gint64             offset)
{
  GlossPageSource *source = gloss_document_view_get_source (view);
  guint page = gloss_page_source_page_for_offset (source, offset);
  g_autoptr(GlossPageLayout) layout = gloss_page_source_get_layout (source, page, NULL);
  const GlossCharBox *box;
  double x, y;

  g_assert_nonnull (layout);
  box = &layout->boxes[offset - layout->start];
  g_assert_true (box->has_box);
  _gloss_document_view_point_to_widget (view, page, (box->x1 + box->x2) / 2, (box->y1 + box->y2) / 2,
                                        &x, &y);
  return GRAPHENE_POINT_INIT (x, y);
}

static gboolean
spin_until_first_page (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!fixture->first_page_shown && g_get_monotonic_time () < deadline)
    spin (10);
  return fixture->first_page_shown;
}

static void
on_first_page_shown (Fixture *fixture)
{
  fixture->first_page_shown = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autofree char *pdf = NULL;

  fixture->xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  fixture->dir = g_dir_make_tmp ("gloss-test-big-document-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "big.gloss", NULL);
  pdf = g_build_filename (fixture->dir, "big.pdf", NULL);
  write_pdf (pdf);

  project = gloss_project_create (fixture->path, "Big", &error);
  g_assert_no_error (error);
  fixture->document_id = gloss_project_import_file (project, pdf, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coder (project, "Tester", "#1c71d8", &error), >, 0);
  add_codings (project, fixture->document_id);
  gloss_project_close (project);
  g_remove (pdf);

  fixture->window = g_object_ref_sink (gloss_window_new (GTK_APPLICATION (application)));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  g_signal_connect_swapped (gloss_window_get_document_view (fixture->window), "first-page-shown",
                            G_CALLBACK (on_first_page_shown), fixture);
  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (spin_until_first_page (fixture));
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->document_id);
  spin (300);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  spin (50);
  g_remove (wal);
  g_remove (shm);
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Hovering codings, then resting: no CPU is spent while nothing changes. */
static void
test_idle_after_hover (Fixture       *fixture,
                       gconstpointer  data)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  GlossPageSource *source = gloss_document_view_get_source (view);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  gint64 page_start = gloss_page_source_get_page_start (source, 0);
  double before, used;
  int n_paints = 0;
  guint wakeups;
  gulong handler;

  g_assert_cmpuint (view->highlights->len, ==, N_CODINGS);

  /* Across coded words of the first page, as a reader's pointer goes;
   * each finds a coding holding the character under it. */
  for (int i = 0; i < 12; i++)
    {
      gint64 offset = page_start + 40 + i * 61;
      graphene_point_t p = char_point (view, offset);
      GlossHighlight *h;

      move_to_view_point (fixture, p.x, p.y);
      h = _gloss_document_view_highlight_at (view, p.x, p.y);
      g_assert_nonnull (h);
      g_assert_cmpint (h->start, <=, offset);
      g_assert_cmpint (h->end, >, offset);
    }
  /* The tooltip of the last one shows, and everything settles. */
  rest (SETTLE_MS);

  handler = g_signal_connect_swapped (frame_clock, "after-paint", G_CALLBACK (count_paint), &n_paints);
  before = process_cpu_ms ();
  wakeups = rest (IDLE_MS);
  used = process_cpu_ms () - before;
  g_signal_handler_disconnect (frame_clock, handler);
  g_test_message ("over %d ms of rest: %.0f ms CPU, %d frames drawn, %u wake-ups",
                  IDLE_MS, used, n_paints, wakeups);
  /* No timer, no redraw: nothing changed, so nothing is done. */
  g_assert_cmpuint (wakeups, ==, 0);
  g_assert_cmpint (n_paints, ==, 0);
  g_assert_cmpfloat (used, <, IDLE_CPU_MS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int event_base, error_base, major, minor, status;

  g_test_init (&argc, &argv, NULL);
  adw_init ();

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("this test needs an X11 display (GDK_BACKEND=x11)\n");
      return 77;
    }
  if (!XTestQueryExtension (gdk_x11_display_get_xdisplay (gdk_display_get_default ()),
                            &event_base, &error_base, &major, &minor))
    {
      g_printerr ("the X server has no XTEST extension\n");
      return 77;
    }

  application = gloss_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add ("/big-document/idle-after-hover", Fixture, NULL,
              fixture_set_up, test_idle_after_hover, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
