/* bench-viewer.c: the document view on a 1,000-page PDF
 *
 * Measures, under Xvfb:
 *   - opening the document to its first page on screen, beside
 *     `pdftocairo -png -f 1 -l 1` of the same file;
 *   - coding a page that already has 1,000 codings: saving the coding,
 *     reading the page's codings back, and redrawing the view (< 16 ms);
 *   - resident memory after scrolling through every page, against the
 *     texture cache bound plus 150 MB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-core.h"
#include "gloss-document-view-private.h"

#define COPIES          9
#define CACHE_BYTES     GLOSS_VIEW_DEFAULT_CACHE   /* the view's own default */
#define FRAME_MS        16.0
#define MEMORY_SLACK_MB 150.0
#define N_CODINGS       1000
#define REPEATS         20

typedef struct
{
  char              *dir;
  GlossProject      *project;
  gint64             doc;
  GtkWidget         *window;
  GlossDocumentView *view;
  gboolean           first_page_shown;
  gint64             coder;
  gint64             code;
} Bench;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
flag_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
run_shell (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return FALSE;
    }
  return g_spawn_check_wait_status (status, NULL);
}

static double
resident_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line ? g_ascii_strtod (line + strlen (field) + 1, NULL) / 1024.0 : -1;
}

static char *
make_long_pdf (const char *dir,
               const char *corpus)
{
  g_autofree char *one = g_build_filename (corpus, "GeoTopo-komprimiert.pdf", NULL);
  char *out = g_build_filename (dir, "long.pdf", NULL);
  const char *argv[COPIES + 3];

  argv[0] = "pdfunite";
  for (int i = 0; i < COPIES; i++)
    argv[i + 1] = one;
  argv[COPIES + 1] = out;
  argv[COPIES + 2] = NULL;

  if (!g_file_test (one, G_FILE_TEST_EXISTS) || !run_shell (argv))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

static double
time_pdftocairo (const char *pdf,
                 const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "baseline", NULL);
  const char *argv[] = { "pdftocairo", "-png", "-f", "1", "-l", "1", pdf, prefix, NULL };
  gint64 start = g_get_monotonic_time ();

  if (!run_shell (argv))
    return -1;
  return ms_since (start);
}

static void
on_first_page_shown (GlossDocumentView *view,
                     Bench             *bench)
{
  bench->first_page_shown = TRUE;
}

static void
make_window (Bench *bench)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gboolean done = FALSE;

  bench->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench->window), 900, 800);
  bench->view = GLOSS_DOCUMENT_VIEW (gloss_document_view_new ());
  gloss_document_view_set_cache_size (bench->view, CACHE_BYTES);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (bench->view));
  gtk_window_set_child (GTK_WINDOW (bench->window), scrolled);
  g_signal_connect (bench->view, "first-page-shown", G_CALLBACK (on_first_page_shown), bench);
  gtk_window_present (GTK_WINDOW (bench->window));

  /* Let the window map before the clock starts. */
  g_timeout_add (500, flag_up, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static double
open_to_first_page (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossPageSource) source = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean timed_out = FALSE;
  guint id;

  source = gloss_page_source_new (bench->project, bench->doc, &error);
  g_assert_no_error (error);
  gloss_document_view_set_source (bench->view, source);

  id = g_timeout_add_seconds (60, flag_up, &timed_out);
  while (!bench->first_page_shown && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  return ms_since (start);
}

static GPtrArray *
highlights_of (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  GlossCodingFilter filter = { bench->doc, 0, 0 };
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (bench->project, &filter, &error);
  GPtrArray *highlights = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_highlight_free);
  const GdkRGBA color = { 0.9, 0.3, 0.1, 1 };

  g_assert_no_error (error);
  for (guint i = 0; i < codings->len; i++)
    {
      const GlossCoding *c = g_ptr_array_index (codings, i);

      g_ptr_array_add (highlights, gloss_highlight_new (c->id, c->start, c->end, &color,
                                                        i % 4, "Code — Coder"));
    }
  return highlights;
}

/* The densest page among the first twenty, to code. */
static guint
dense_page (GlossPageSource *source)
{
  guint best = 0;

  for (guint i = 0; i < 20 && i < gloss_page_source_get_n_pages (source); i++)
    if (gloss_page_source_get_page_length (source, i) > gloss_page_source_get_page_length (source, best))
      best = i;
  return best;
}

static void
wait_for_page (Bench *bench,
               guint  page,
               guint  timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, flag_up, &timed_out);
  GlossPageSource *source = gloss_document_view_get_source (bench->view);

  for (;;)
    {
      g_autoptr(GlossPageLayout) layout = gloss_page_source_peek_layout (source, page);

      if ((gloss_texture_cache_lookup (bench->view->cache, page, NULL) != NULL && layout != NULL) ||
          timed_out)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
}

/* The view's own work for one frame: the highlights set and the scene
 * built (GtkSnapshot), and the same scene rendered off screen. */
static double
snapshot_view (Bench     *bench,
               GPtrArray *highlights,
               double    *render_ms)
{
  GtkWidget *widget = GTK_WIDGET (bench->view);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 start = g_get_monotonic_time ();
  double snapshot_ms;

  gloss_document_view_set_highlights (bench->view, highlights);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  snapshot_ms = ms_since (start);

  start = g_get_monotonic_time ();
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  *render_ms = ms_since (start);
  return snapshot_ms;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static void
code_dense_page (Bench  *bench,
                 double *save_ms,
                 double *reload_ms,
                 double *redraw_ms,
                 double *redraw_max_ms,
                 double *plain_ms,
                 double *scene_ms,
                 double *offscreen_ms)
{
  g_autoptr(GError) error = NULL;
  GlossPageSource *source = gloss_document_view_get_source (bench->view);
  guint page = dense_page (source);
  gint64 start = gloss_page_source_get_page_start (source, page);
  gint64 length = gloss_page_source_get_page_length (source, page);
  double saves[REPEATS], reloads[REPEATS], redraws[REPEATS], plains[REPEATS];
  double scenes[REPEATS], offscreens[REPEATS];

  bench->coder = gloss_project_add_coder (bench->project, "Bench", "#3465a4", &error);
  g_assert_no_error (error);
  bench->code = gloss_project_add_code (bench->project, 0, "Dense", "#e66100", NULL, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_project_begin_step (bench->project, "Bench codings", &error));
  for (int i = 0; i < N_CODINGS; i++)
    {
      gint64 span = MAX (length - 40, 1);
      gint64 s = start + (i * 7) % span;

      /* Distinct ranges: the same passage cannot take the same code twice. */
      gloss_project_add_coding (bench->project, bench->doc, bench->coder, bench->code,
                                s, s + 5 + (i * 7) / span, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (gloss_project_end_step (bench->project, &error));

  gloss_document_view_set_page (bench->view, page);
  {
    g_autoptr(GPtrArray) highlights = highlights_of (bench);

    gloss_document_view_set_highlights (bench->view, highlights);
  }
  wait_for_page (bench, page, 10000);
  {
    double ignored;

    snapshot_view (bench, bench->view->highlights, &ignored);   /* warm the renderer */
  }

  for (int r = 0; r < REPEATS; r++)
    {
      g_autoptr(GPtrArray) highlights = NULL;
      gint64 t = g_get_monotonic_time ();
      gint64 s = start + (r * 13) % MAX (length - 40, 1);

      gloss_project_add_coding (bench->project, bench->doc, bench->coder, bench->code,
                                s, s + 12, NULL, &error);
      g_assert_no_error (error);
      saves[r] = ms_since (t);

      t = g_get_monotonic_time ();
      highlights = highlights_of (bench);
      reloads[r] = ms_since (t);

      scenes[r] = snapshot_view (bench, highlights, &offscreens[r]);
      redraws[r] = scenes[r];
      snapshot_view (bench, NULL, &plains[r]);
    }

  *save_ms = median (saves, REPEATS);
  *reload_ms = median (reloads, REPEATS);
  *redraw_ms = median (redraws, REPEATS);
  *redraw_max_ms = redraws[REPEATS - 1];
  *plain_ms = median (plains, REPEATS);
  *scene_ms = median (scenes, REPEATS);
  *offscreen_ms = median (offscreens, REPEATS);
}

static double
scroll_through (Bench *bench)
{
  guint n_pages = gloss_page_source_get_n_pages (gloss_document_view_get_source (bench->view));
  gint64 start = g_get_monotonic_time ();

  for (guint page = 0; page < n_pages; page++)
    {
      gloss_document_view_set_page (bench->view, page);
      wait_for_page (bench, page, 5000);
    }
  return ms_since (start) / 1000.0;
}

/* The import runs in a child process, as it would have in an earlier
 * session: the memory measured is the viewer's, not the import's. */
static int
import_main (const char *project_path,
             const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (project_path, "Bench", &error);

  if (project == NULL ||
      gloss_project_import_file (project, pdf, NULL, NULL, &error) <= 0)
    {
      g_printerr ("import failed: %s\n", error->message);
      return 1;
    }
  gloss_project_close (project);
  return 0;
}

static gint64
import_in_child (const char *self_path,
                 const char *project_path,
                 const char *pdf,
                 Bench      *bench)
{
  const char *argv[] = { self_path, "--import", project_path, pdf, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  if (!run_shell (argv))
    return 0;
  bench->project = gloss_project_open (project_path, &error);
  g_assert_no_error (error);
  documents = gloss_project_list_documents (bench->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  return ((GlossDocumentInfo *) g_ptr_array_index (documents, 0))->id;
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *path = NULL;
  const char *corpus = g_getenv ("GLOSS_CORPUS_DIR");
  Bench bench = { 0 };
  double import_ms, baseline_ms, first_ms, save_ms, reload_ms, redraw_ms, redraw_max_ms, plain_ms;
  double scene_ms, offscreen_ms, window_mb, first_page_mb;
  double scroll_s, rss_mb, hwm_mb, bound_mb;
  guint n_pages;
  gint64 t;
  gboolean ok = TRUE;

  if (argc == 4 && g_str_equal (argv[1], "--import"))
    return import_main (argv[2], argv[3]);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-viewer needs a display (run under Xvfb)\n");
      return 77;
    }
  gtk_init ();

  bench.dir = g_dir_make_tmp ("gloss-bench-viewer-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = make_long_pdf (bench.dir, corpus ? corpus : "../shared/corpus");
  if (pdf == NULL)
    {
      g_printerr ("cannot make the long PDF (pdfunite and the corpus are needed)\n");
      remove_tree (bench.dir);
      return 77;
    }

  path = g_build_filename (bench.dir, "bench.gloss", NULL);
  t = g_get_monotonic_time ();
  bench.doc = import_in_child (argv[0], path, pdf, &bench);
  g_assert_cmpint (bench.doc, >, 0);
  import_ms = ms_since (t);

  baseline_ms = time_pdftocairo (pdf, bench.dir);
  make_window (&bench);
  window_mb = resident_mb ("VmRSS:");
  first_ms = open_to_first_page (&bench);
  first_page_mb = resident_mb ("VmRSS:");
  n_pages = gloss_page_source_get_n_pages (gloss_document_view_get_source (bench.view));

  code_dense_page (&bench, &save_ms, &reload_ms, &redraw_ms, &redraw_max_ms, &plain_ms,
                   &scene_ms, &offscreen_ms);

  scroll_s = scroll_through (&bench);
  rss_mb = resident_mb ("VmRSS:");
  hwm_mb = resident_mb ("VmHWM:");
  bound_mb = CACHE_BYTES / (1024.0 * 1024.0) + MEMORY_SLACK_MB;

  g_print ("\nViewer benchmark: %u pages (%d copies of GeoTopo-komprimiert.pdf)\n", n_pages, COPIES);
  g_print ("%-46s %12s %12s\n", "measure", "gloss", "baseline");
  g_print ("%-46s %10.0f ms %12s\n", "import (extract and store the text, a child)", import_ms, "-");
  g_print ("%-46s %10.0f ms %9.0f ms\n", "open to first page on screen (vs pdftocairo)", first_ms, baseline_ms);
  g_print ("%-46s %10.2f ms %12s\n", "save one coding (page has 1,000)", save_ms, "-");
  g_print ("%-46s %10.2f ms %12s\n", "read the codings back as highlights", reload_ms, "-");
  g_print ("%-46s %10.2f ms %9.0f ms\n", "set highlights + build the scene (median)", redraw_ms, FRAME_MS);
  g_print ("%-46s %10.2f ms %9.0f ms\n", "set highlights + build the scene (worst)", redraw_max_ms, FRAME_MS);
  g_print ("%-46s %10.2f ms %12s\n", "that scene rendered off screen (renderer)", offscreen_ms, "-");
  g_print ("%-46s %10.2f ms %12s\n", "same page, no highlights, off screen", plain_ms, "-");
  g_print ("%-46s %10.2f ms %9.0f ms\n", "save + read back + redraw (median)",
           save_ms + reload_ms + redraw_ms, FRAME_MS);
  g_print ("%-46s %11.0f s %12s\n", "scroll through every page, each rendered", scroll_s, "-");
  g_print ("%-46s %9.0f MB %12s\n", "resident memory, window shown, no document", window_mb, "-");
  g_print ("%-46s %9.0f MB %12s\n", "resident memory, first page shown", first_page_mb, "-");
  g_print ("%-46s %9.0f MB %9.0f MB\n", "resident memory after scrolling (VmRSS)", rss_mb, bound_mb);
  g_print ("%-46s %9.0f MB %12s\n", "peak resident memory (VmHWM)", hwm_mb, "-");
  g_print ("%-46s %9.0f MB %9.0f MB\n", "page images in the cache", gloss_document_view_get_cache_bytes (bench.view) / (1024.0 * 1024.0), CACHE_BYTES / (1024.0 * 1024.0));

  if (save_ms + reload_ms + redraw_ms >= FRAME_MS)
    {
      g_printerr ("FAIL: coding and redrawing take %.1f ms, more than a frame\n",
                  save_ms + reload_ms + redraw_ms);
      ok = FALSE;
    }
  if (rss_mb > bound_mb)
    {
      g_printerr ("FAIL: %.0f MB resident, over the cache bound plus %.0f MB\n", rss_mb, MEMORY_SLACK_MB);
      ok = FALSE;
    }

  gtk_window_destroy (GTK_WINDOW (bench.window));
  gloss_project_close (bench.project);
  g_clear_object (&bench.project);
  remove_tree (bench.dir);
  g_free (bench.dir);

  return ok ? 0 : 1;
}
