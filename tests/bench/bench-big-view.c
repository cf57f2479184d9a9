/* bench-big-view.c: the main window on a 1,053-page PDF with 40,000 codings
 *
 * Under Xvfb, with nine copies of GeoTopo-komprimiert.pdf and 40,000
 * generated codings spread over the document:
 *   - opening the project to its first page (target < 1 s), and the
 *     resident memory then, beside the same project without codings
 *     (memory must not grow with codings that are not on screen);
 *   - a pointer move over coded text: finding the coding under it, its
 *     tooltip and the handles (target < 4 ms);
 *   - a jump to a far page until its image, text and highlights are drawn,
 *     beside the same jump without codings (target < 100 ms more);
 *   - CPU used by the window resting after all that (floor 0).
 * Each opening runs in a child of its own, so one's memory is not
 * counted in the other's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gloss-application.h"
#include "gloss-core.h"
#include "gloss-document-view-private.h"
#include "gloss-window.h"

#define COPIES        9
#define N_CODINGS     40000
#define N_MOVES       400
#define N_JUMPS       5
#define OPEN_TARGET   1000.0
#define HOVER_TARGET  4.0
#define JUMP_TARGET   100.0
#define REST_MS       2000

static GlossApplication *application;

typedef struct
{
  double open_ms;
  double open_cpu_ms;
  double rss_mb;
  double hover_ms;
  double hover_max_ms;
  double hover_hits;
  double jump_ms;
  double idle_cpu_ms;
  double idle_wakeups;
  double idle_frames;
} Figures;

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

/* The main loop for @ms, sleeping while nothing is due; how often it
 * woke for something else. */
static guint
rest (guint ms)
{
  gboolean done = FALSE;
  guint wakeups = 0;

  g_timeout_add (ms, flag_up, &done);
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
      wakeups++;
    }
  return wakeups - 1;
}

static void
count_paint (guint *n)
{
  (*n)++;
}

static double
process_cpu_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return 0;
  fields = g_strsplit (strrchr (stat, ')') + 2, " ", -1);
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

static double
resident_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 7, NULL) / 1024.0 : -1;
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

static gboolean
run_quietly (const char * const *argv,
             char              **out)
{
  int status = 0;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, out, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* The page has its image and its text layout: it is drawn with its highlights. */
static gboolean
page_ready (GlossDocumentView *view,
            guint              page)
{
  g_autoptr(GlossPageLayout) layout = gloss_page_source_peek_layout (gloss_document_view_get_source (view), page);

  return layout != NULL && gloss_texture_cache_lookup (view->cache, page, NULL) != NULL;
}

static gboolean
wait_for_page (GlossDocumentView *view,
               guint              page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!page_ready (view, page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return page_ready (view, page);
}

/* One frame of the view built as GTK builds it, highlights and all. */
static void
build_scene (GlossDocumentView *view)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
}

static GlossWindow *
open_window (const char *path,
             double     *open_ms,
             double     *open_cpu_ms)
{
  g_autoptr(GError) error = NULL;
  GlossWindow *window = g_object_ref_sink (gloss_window_new (GTK_APPLICATION (application)));
  GlossDocumentView *view = gloss_window_get_document_view (window);
  gint64 start;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 850);
  gtk_window_present (GTK_WINDOW (window));
  rest (300);

  start = g_get_monotonic_time ();
  *open_cpu_ms = process_cpu_ms ();
  g_assert_true (gloss_window_open_project (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_page (view, 0));
  build_scene (view);
  *open_ms = ms_since (start);
  *open_cpu_ms = process_cpu_ms () - *open_cpu_ms;
  return window;
}

/* Pointer moves over the first page: the coding under each point, its
 * tooltip and the handles of the active coding, as a motion and a tooltip
 * query do them. */
static void
time_hover (GlossDocumentView *view,
            Figures           *figures)
{
  GlossPageSource *source = gloss_document_view_get_source (view);
  g_autoptr(GlossPageLayout) layout = NULL;
  double times[N_MOVES];
  guint page = 0, n = 0;

  /* The densest of the first twenty pages, on screen with its layout. */
  for (guint i = 0; i < 20 && i < gloss_page_source_get_n_pages (source); i++)
    if (gloss_page_source_get_page_length (source, i) > gloss_page_source_get_page_length (source, page))
      page = i;
  gloss_document_view_set_page (view, page);
  g_assert_true (wait_for_page (view, page));
  build_scene (view);
  layout = gloss_page_source_get_layout (source, page, NULL);

  for (gint64 i = 0; layout != NULL && i < layout->n_chars && n < N_MOVES; i += MAX (layout->n_chars / N_MOVES, 1))
    {
      const GlossCharBox *box = &layout->boxes[i];
      double x, y;
      gint64 start;
      GlossHighlight *h;

      if (!box->has_box)
        continue;
      _gloss_document_view_point_to_widget (view, page, (box->x1 + box->x2) / 2, (box->y1 + box->y2) / 2, &x, &y);
      if (y < 0 || y > gtk_widget_get_height (GTK_WIDGET (view)))
        continue;
      start = g_get_monotonic_time ();
      h = _gloss_document_view_highlight_at (view, x, y);
      if (h != NULL)
        g_free (_gloss_document_view_tooltip_markup (h));
      _gloss_document_view_handle_at (view, x, y);
      times[n++] = ms_since (start);
      figures->hover_hits += h != NULL;
    }
  figures->hover_max_ms = 0;
  for (guint i = 0; i < n; i++)
    figures->hover_max_ms = MAX (figures->hover_max_ms, times[i]);
  figures->hover_ms = n > 0 ? median (times, n) : -1;
}

/* Jumps to far pages, each until it is drawn with its highlights. */
static double
time_jumps (GlossDocumentView *view)
{
  guint n_pages = gloss_page_source_get_n_pages (gloss_document_view_get_source (view));
  double times[N_JUMPS];

  for (int i = 0; i < N_JUMPS; i++)
    {
      guint page = (n_pages / 3 + i * 97) % n_pages;
      gint64 start = g_get_monotonic_time ();

      gloss_document_view_set_page (view, page);
      g_assert_true (wait_for_page (view, page));
      build_scene (view);
      times[i] = ms_since (start);
    }
  return median (times, N_JUMPS);
}

/* The child: opens @path, measures, prints the figures on one line. */
static int
measure_main (const char *path)
{
  Figures figures = { 0 };
  GlossWindow *window = open_window (path, &figures.open_ms, &figures.open_cpu_ms);
  GlossDocumentView *view = gloss_window_get_document_view (window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint frames = 0;
  gulong handler;
  double before;

  figures.rss_mb = resident_mb ();
  time_hover (view, &figures);
  figures.jump_ms = time_jumps (view);
  rest (3000);   /* GTK's own fades end */
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (count_paint), &frames);
  before = process_cpu_ms ();
  figures.idle_wakeups = rest (REST_MS);
  figures.idle_cpu_ms = process_cpu_ms () - before;
  figures.idle_frames = frames;
  g_signal_handler_disconnect (clock, handler);

  g_print ("%f %f %f %f %f %f %f %f %f %f\n", figures.open_cpu_ms, figures.open_ms, figures.rss_mb, figures.hover_ms,
           figures.hover_max_ms, figures.jump_ms, figures.idle_cpu_ms, figures.idle_wakeups,
           figures.idle_frames, figures.hover_hits);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  return 0;
}

static gboolean
measure_in_child (const char *self_path,
                  const char *project,
                  Figures    *figures)
{
  const char *argv[] = { self_path, "--measure", project, NULL };
  g_autofree char *out = NULL;

  if (!run_quietly (argv, &out) ||
      sscanf (out, "%lf %lf %lf %lf %lf %lf %lf %lf %lf %lf", &figures->open_cpu_ms, &figures->open_ms, &figures->rss_mb, &figures->hover_ms,
              &figures->hover_max_ms, &figures->jump_ms, &figures->idle_cpu_ms, &figures->idle_wakeups,
              &figures->idle_frames, &figures->hover_hits) != 10)
    {
      g_printerr ("measuring %s failed\n", project);
      return FALSE;
    }
  return TRUE;
}

static char *
make_long_pdf (const char *dir)
{
  const char *corpus = g_getenv ("GLOSS_CORPUS");
  g_autofree char *one = g_build_filename (corpus ? corpus : "../shared/corpus", "GeoTopo-komprimiert.pdf", NULL);
  char *out = g_build_filename (dir, "long.pdf", NULL);
  const char *argv[COPIES + 3];

  argv[0] = "pdfunite";
  for (int i = 0; i < COPIES; i++)
    argv[i + 1] = one;
  argv[COPIES + 1] = out;
  argv[COPIES + 2] = NULL;
  if (!g_file_test (one, G_FILE_TEST_EXISTS) || !run_quietly (argv, NULL))
    g_clear_pointer (&out, g_free);
  return out;
}

static void
add_codings (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GString) json = g_string_new ("{\"codings\":[");
  gint64 span;

  g_assert_no_error (error);
  span = g_utf8_strlen (gloss_project_get_text (project, 1, 0, -1, NULL), -1) - 200;
  for (guint i = 0; i < N_CODINGS; i++)
    {
      gint64 start = ((gint64) i * 31) % span;

      g_string_append_printf (json, "%s{\"document\":1,\"coder\":\"Amina\",\"code\":\"Theme/%u\","
                              "\"start\":%" G_GINT64_FORMAT ",\"end\":%" G_GINT64_FORMAT "}",
                              i > 0 ? "," : "", i % 7, start, start + 5 + i % 60 + i / span);
    }
  g_string_append (json, "]}");
  g_assert_true (gloss_project_load_json (project, json->str, json->len, &error));
  g_assert_no_error (error);
  gloss_project_close (project);
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
  g_autofree char *dir = NULL, *pdf = NULL, *plain = NULL, *coded = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GFile) from = NULL, to = NULL;
  Figures none, many;
  gboolean ok = TRUE;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-big-view needs a display (run under Xvfb)\n");
      return 77;
    }
  adw_init ();
  application = gloss_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));

  if (argc == 3 && g_str_equal (argv[1], "--measure"))
    return measure_main (argv[2]);

  dir = g_dir_make_tmp ("gloss-bench-big-view-XXXXXX", &error);
  g_assert_no_error (error);
  if ((pdf = make_long_pdf (dir)) == NULL)
    {
      g_printerr ("cannot make the long PDF (pdfunite and the corpus are needed)\n");
      remove_tree (dir);
      return 77;
    }
  plain = g_build_filename (dir, "plain.gloss", NULL);
  coded = g_build_filename (dir, "coded.gloss", NULL);
  project = gloss_project_create (plain, "Big", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_import_file (project, pdf, NULL, NULL, &error), ==, 1);
  g_assert_cmpint (gloss_project_add_coder (project, "Amina", NULL, &error), >, 0);
  gloss_project_close (project);
  from = g_file_new_for_path (plain);
  to = g_file_new_for_path (coded);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  add_codings (coded);

  if (!measure_in_child (argv[0], plain, &none) || !measure_in_child (argv[0], coded, &many))
    {
      remove_tree (dir);
      return 1;
    }

  g_print ("\nBig-document benchmark: 1,053 pages (%d copies of GeoTopo-komprimiert.pdf), %d codings\n",
           COPIES, N_CODINGS);
  g_print ("%-50s %12s %12s %14s\n", "measure", "gloss", "no codings", "floor/target");
  g_print ("%-50s %9.0f ms %9.0f ms %11.0f ms\n", "open the project to its first page", many.open_ms,
           none.open_ms, OPEN_TARGET);
  g_print ("%-50s %9.0f ms %9.0f ms %14s\n", "  CPU time of that (all threads)", many.open_cpu_ms,
           none.open_cpu_ms, "-");
  g_print ("%-50s %9.0f MB %9.0f MB %14s\n", "resident memory, first page shown", many.rss_mb, none.rss_mb,
           "= no codings");
  g_print ("%-50s %9.3f ms %9.3f ms %11.0f ms\n", "pointer move over coded text (median)", many.hover_ms,
           none.hover_ms, HOVER_TARGET);
  g_print ("%-50s %9.3f ms %9.3f ms %11.0f ms\n", "pointer move over coded text (worst)", many.hover_max_ms,
           none.hover_max_ms, HOVER_TARGET);
  g_print ("%-50s %12.0f %12.0f %14s\n", "  of the moves, how many were over a coding", many.hover_hits,
           none.hover_hits, "-");
  g_print ("%-50s %9.0f ms %9.0f ms %8.0f ms more\n", "jump to a far page until drawn (median)", many.jump_ms,
           none.jump_ms, JUMP_TARGET);
  g_print ("%-50s %9.0f ms %9.0f ms %11.0f ms\n", "CPU while resting 2 s after that", many.idle_cpu_ms,
           none.idle_cpu_ms, 0.0);
  g_print ("%-50s %12.0f %12.0f %14d\n", "  main-loop wake-ups while resting", many.idle_wakeups,
           none.idle_wakeups, 0);
  g_print ("%-50s %12.0f %12.0f %14d\n", "  frames drawn while resting", many.idle_frames,
           none.idle_frames, 0);

  if (many.open_ms > OPEN_TARGET || many.hover_max_ms > HOVER_TARGET ||
      many.jump_ms - none.jump_ms > JUMP_TARGET || many.idle_cpu_ms > 20)
    {
      g_printerr ("NOTE: a figure is over its target\n");
      ok = FALSE;
    }

  remove_tree (dir);
  g_clear_object (&application);
  return ok ? 0 : 1;
}
