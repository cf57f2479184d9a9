/* test-real-input.c: a user at a real X display, with a real pointer and
 * keyboard (X test extension events): drags across a sentence of a PDF,
 * codes it from the popover with a new code, sees the highlight, and the
 * coding is in the project file. Then a double-click, a Shift+click and a
 * right-click.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "gloss-application.h"
#include "gloss-code-popover.h"
#include "gloss-document-view-private.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define FIRST_SENTENCE  "Partnership requires accountability."
#define SECOND_SENTENCE "Nothing in this line carries a code."
#define WORD            "requires"
#define NEW_CODE        "Trust"

/* One application for the whole run: it gives windows their shortcuts. */
static GlossApplication *application;

typedef struct
{
  char             *dir;
  char             *path;
  gint64            document_id;
  gint64            coder_id;
  GlossWindow      *window;
  Display          *xdisplay;
  gboolean          first_page_shown;
} Fixture;

/* Waiting */

typedef gboolean (*Condition) (gpointer data);

static gboolean
spin_until (Condition condition,
            gpointer  data,
            guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    spin (5);
  return condition (data);
}

/* Real input: X test extension events, each followed by a moment in which
 * GTK handles what the server sent. */

static void
flush_and_spin (Fixture *fixture,
                guint    ms)
{
  XFlush (fixture->xdisplay);
  XSync (fixture->xdisplay, False);
  spin (ms);
}

static void
move_to (Fixture *fixture,
         int      x,
         int      y)
{
  XTestFakeMotionEvent (fixture->xdisplay, DefaultScreen (fixture->xdisplay), x, y, CurrentTime);
  flush_and_spin (fixture, 30);
}

static void
press (Fixture *fixture,
       guint    button)
{
  XTestFakeButtonEvent (fixture->xdisplay, button, True, CurrentTime);
  flush_and_spin (fixture, 30);
}

static void
release (Fixture *fixture,
         guint    button)
{
  XTestFakeButtonEvent (fixture->xdisplay, button, False, CurrentTime);
  flush_and_spin (fixture, 30);
}

static void
key_event (Fixture *fixture,
           KeySym   keysym,
           gboolean down)
{
  KeyCode keycode = XKeysymToKeycode (fixture->xdisplay, keysym);

  g_assert_cmpint (keycode, !=, 0);
  XTestFakeKeyEvent (fixture->xdisplay, keycode, down, CurrentTime);
  flush_and_spin (fixture, 20);
}

/* Presses @modifier (or nothing for NoSymbol) and @key, releases both. */
static void
key_combo (Fixture *fixture,
           KeySym   modifier,
           KeySym   key)
{
  if (modifier != NoSymbol)
    key_event (fixture, modifier, TRUE);
  key_event (fixture, key, TRUE);
  key_event (fixture, key, FALSE);
  if (modifier != NoSymbol)
    key_event (fixture, modifier, FALSE);
}

/* Types ASCII letters key by key, capitals with Shift. */
static void
type_text (Fixture    *fixture,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isalpha (*p));
      key_combo (fixture, g_ascii_isupper (*p) ? XK_Shift_L : NoSymbol,
                 XStringToKeysym ((char[]) { g_ascii_tolower (*p), '\0' }));
    }
}

/* Geometry: page points to the screen */

/* Where window point (x, y) is on the root window. */
static void
window_to_root (Fixture *fixture,
                double   x,
                double   y,
                int     *root_x,
                int     *root_y)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  Window xid = gdk_x11_surface_get_xid (surface);
  Window child;
  double sx, sy;
  int ox, oy;

  /* The window widget may sit inside its surface (client-side shadows). */
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &sx, &sy);
  g_assert_true (XTranslateCoordinates (fixture->xdisplay, xid,
                                        DefaultRootWindow (fixture->xdisplay),
                                        0, 0, &ox, &oy, &child));
  *root_x = ox + (int) (sx + x);
  *root_y = oy + (int) (sy + y);
}

/* Point (x, y) of page @page, in PDF points, in window coordinates. */
static graphene_point_t
page_to_window (Fixture *fixture,
                guint    page,
                double   x,
                double   y)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  graphene_point_t point, result;
  double wx, wy;

  _gloss_document_view_point_to_widget (view, page, x, y, &wx, &wy);
  graphene_point_init (&point, wx, wy);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (fixture->window),
                                           &point, &result));
  return result;
}

/* Moves the pointer to (x, y) of page 0, in PDF points. */
static void
move_to_page_point (Fixture *fixture,
                    double   x,
                    double   y)
{
  graphene_point_t point = page_to_window (fixture, 0, x, y);
  int root_x, root_y;

  window_to_root (fixture, point.x, point.y, &root_x, &root_y);
  move_to (fixture, root_x, root_y);
}

/* The box of document character @offset, which is on page 0. */
static GlossCharBox
char_box (Fixture *fixture,
          gint64   offset)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  g_autoptr(GlossPageLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  GlossCharBox box;

  layout = gloss_page_source_get_layout (gloss_document_view_get_source (view), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (offset, >=, layout->start);
  g_assert_cmpint (offset, <, layout->start + layout->n_chars);
  box = layout->boxes[offset - layout->start];
  g_assert_true (box.has_box);
  return box;
}

/* The rectangle of characters [start, end) of one line, in window coordinates. */
static GdkRectangle
line_rect (Fixture *fixture,
           gint64   start,
           gint64   end)
{
  GlossCharBox first = char_box (fixture, start);
  GlossCharBox last = char_box (fixture, end - 1);
  graphene_point_t top_left = page_to_window (fixture, 0, first.x1, MIN (first.y1, last.y1));
  graphene_point_t bottom_right = page_to_window (fixture, 0, last.x2, MAX (first.y2, last.y2));

  return (GdkRectangle) { (int) top_left.x, (int) top_left.y,
                          (int) (bottom_right.x - top_left.x), (int) (bottom_right.y - top_left.y) };
}

/* Fixture */

static void
write_pdf (const char *path)
{
  const GlossTestLine lines[] = {
    { 0, 120, FIRST_SENTENCE },
    { 0, 260, SECOND_SENTENCE },
    { 0, 0, NULL },
  };

  gloss_test_write_pdf_lines (path, "Sans", 20, lines);
}

/* The [start, end) of @needle in the document text, in characters. */
static void
find_range (Fixture    *fixture,
            const char *needle,
            gint64     *start,
            gint64     *end)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gloss_project_get_text (project, fixture->document_id, 0, -1, &error);
  const char *hit;

  g_assert_no_error (error);
  hit = strstr (text, needle);
  g_assert_nonnull (hit);
  *start = g_utf8_pointer_to_offset (text, hit);
  *end = *start + g_utf8_strlen (needle, -1);
}

static void
on_first_page_shown (Fixture *fixture)
{
  fixture->first_page_shown = TRUE;
}

static gboolean
first_page_shown (gpointer data)
{
  return ((Fixture *) data)->first_page_shown;
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autofree char *pdf = NULL;
  GdkSurface *surface;

  fixture->xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  fixture->dir = g_dir_make_tmp ("gloss-test-real-input-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study.gloss", NULL);
  pdf = g_build_filename (fixture->dir, "interview.pdf", NULL);
  write_pdf (pdf);

  /* A document and a coder; no codes: the code is made from the popover. */
  project = gloss_project_create (fixture->path, "Field study", &error);
  g_assert_no_error (error);
  fixture->document_id = gloss_project_import_file (project, pdf, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->coder_id = gloss_project_add_coder (project, "Tester", NULL, &error);
  g_assert_no_error (error);
  gloss_project_close (project);

  fixture->window = g_object_ref_sink (gloss_window_new (GTK_APPLICATION (application)));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  g_signal_connect_swapped (gloss_window_get_document_view (fixture->window), "first-page-shown",
                            G_CALLBACK (on_first_page_shown), fixture);
  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));

  g_assert_true (spin_until (first_page_shown, fixture, 10000));
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->document_id);
  g_assert_cmpint (gloss_window_get_active_coder (fixture->window), ==, fixture->coder_id);

  /* Under a bare X server no window manager hands out the keyboard: give
   * it to the window as one would, and wait until GTK knows it is active. */
  surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  XSetInputFocus (fixture->xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  flush_and_spin (fixture, 50);
  g_assert_true (spin_until (window_active, fixture->window, 5000));
  /* Let the layout settle (fit-width zoom follows the window's size). */
  spin (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "interview.pdf", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  spin (50);

  g_remove (wal);
  g_remove (shm);
  g_remove (fixture->path);
  g_remove (pdf);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Pixels */

/* A pixel tinted by @color over white: coloured (not grey), and darkened
 * most in the channel the colour has least of. */
static gboolean
is_tinted (const guchar  *p,
           const GdkRGBA *color)
{
  guint32 v = *(const guint32 *) p;
  int rgb[3] = { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
  double c[3] = { color->red, color->green, color->blue };
  int lo = 0, dark = 0;

  for (int i = 1; i < 3; i++)
    {
      if (c[i] < c[lo])
        lo = i;
      if (rgb[i] < rgb[dark])
        dark = i;
    }
  return MAX (rgb[0], MAX (rgb[1], rgb[2])) - MIN (rgb[0], MIN (rgb[1], rgb[2])) > 20 && dark == lo;
}

static guint
count_tinted (const Pixels       *pixels,
              const GdkRectangle *rect,
              const GdkRGBA      *color)
{
  guint count = 0;

  for (int y = MAX (rect->y, 0); y < MIN (rect->y + rect->height, pixels->height); y++)
    for (int x = MAX (rect->x, 0); x < MIN (rect->x + rect->width, pixels->width); x++)
      if (is_tinted (pixels->data + y * pixels->stride + x * 4, color))
        count++;

  return count;
}

/* The code popover */

static gboolean
is_view_code_popover (GtkWidget *widget,
                      GtkWidget *view)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return GLOSS_IS_CODE_POPOVER (widget) && parent != NULL && gtk_widget_is_ancestor (view, parent);
}

static GtkWidget *
find_code_popover (GtkWidget *root,
                   GtkWidget *view)
{
  if (is_view_code_popover (root, view))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_code_popover (child, view);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popover_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
popover_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static GtkWidget *
code_popover (Fixture *fixture)
{
  GtkWidget *popover = find_code_popover (GTK_WIDGET (fixture->window),
                                          GTK_WIDGET (gloss_window_get_document_view (fixture->window)));

  g_assert_nonnull (popover);
  return popover;
}

/* A coding of the new code in the file */

typedef struct
{
  Fixture *fixture;
  gint64   code_id;
  gint64   n_codings;
} FileState;

/* Reads the file through a second connection, as another program would. */
static gboolean
coding_saved (gpointer data)
{
  FileState *state = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) reader = gloss_project_open (state->fixture->path, &error);
  GlossCodingFilter filter = { .document_id = state->fixture->document_id };

  g_assert_no_error (error);
  state->code_id = gloss_project_find_code (reader, NEW_CODE, NULL);
  state->n_codings = gloss_project_count_codings (reader, &filter, NULL);
  gloss_project_close (reader);
  return state->code_id > 0 && state->n_codings > 0;
}

/* Drag, code from the popover, highlight, file */

static void
test_drag_and_code (Fixture       *fixture,
                    gconstpointer  data)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GlossCode) code = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GlossCodingFilter filter = { .document_id = fixture->document_id };
  FileState state = { fixture, 0, 0 };
  GlossCharBox first, last, other;
  GlossCoding *coding;
  GtkWidget *popover;
  GdkRectangle coded, uncoded;
  GdkRGBA color;
  Pixels pixels;
  gint64 start, end, s2, e2, s = -1, e = -1;
  guint tinted_in, tinted_out;
  const guint steps = 6;

  find_range (fixture, FIRST_SENTENCE, &start, &end);
  find_range (fixture, SECOND_SENTENCE, &s2, &e2);
  first = char_box (fixture, start);
  last = char_box (fixture, end - 1);

  /* Press on the left part of the first character, drag in steps to just
   * past the last one, release. */
  move_to_page_point (fixture, first.x1 + (first.x2 - first.x1) / 4, (first.y1 + first.y2) / 2);
  press (fixture, 1);
  for (guint i = 1; i <= steps; i++)
    {
      double x = first.x1 + (last.x2 + 4 - first.x1) * i / steps;
      move_to_page_point (fixture, x, (last.y1 + last.y2) / 2);
    }
  release (fixture, 1);

  g_assert_true (gloss_document_view_get_selection (view, &s, &e));
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, end);

  /* Ctrl+E opens the code popover; a name that matches nothing makes the code. */
  popover = code_popover (fixture);
  key_combo (fixture, XK_Control_L, XK_e);
  g_assert_true (spin_until (popover_mapped, popover, 3000));
  type_text (fixture, NEW_CODE);
  spin (100);
  g_assert_cmpint (gloss_code_popover_get_first_match (GLOSS_CODE_POPOVER (popover)), ==, 0);
  key_combo (fixture, NoSymbol, XK_Return);
  g_assert_true (spin_until (popover_hidden, popover, 3000));

  /* The coding is in the file: that code, that coder, exactly the sentence. */
  g_assert_true (spin_until (coding_saved, &state, 5000));
  reader = gloss_project_open (fixture->path, &error);
  g_assert_no_error (error);
  codings = gloss_project_list_codings (reader, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->code_id, ==, state.code_id);
  g_assert_cmpint (coding->coder_id, ==, fixture->coder_id);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end);
  g_assert_cmpstr (coding->quote, ==, FIRST_SENTENCE);
  code = gloss_project_get_code (reader, state.code_id, &error);
  g_assert_no_error (error);
  g_assert_true (gdk_rgba_parse (&color, code->color));
  gloss_project_close (reader);

  /* A click on blank paper leaves nothing selected; the highlight stays. */
  other = char_box (fixture, s2);
  move_to_page_point (fixture, other.x1, other.y2 + 200);
  press (fixture, 1);
  release (fixture, 1);
  g_assert_false (gloss_document_view_get_selection (view, &s, &e) && s < e);

  /* The highlight is drawn in the code's colour over the sentence only. */
  coded = line_rect (fixture, start, end);
  uncoded = line_rect (fixture, s2, e2);
  g_assert_cmpint (coded.width, >, 100);
  g_assert_cmpint (coded.height, >, 10);
  spin (300);
  texture = render_window (GTK_WIDGET (fixture->window));
  pixels = download (texture);
  tinted_in = count_tinted (&pixels, &coded, &color);
  tinted_out = count_tinted (&pixels, &uncoded, &color);
  g_test_message ("code colour %s: %u of %d pixels tinted in the sentence, %u in the other",
                  code->color, tinted_in, coded.width * coded.height, tinted_out);
  g_assert_cmpuint (tinted_in, >, (guint) (coded.width * coded.height) / 4);
  g_assert_cmpuint (tinted_out, ==, 0);
  g_free (pixels.data);
}

/* Double-click, Shift+click, right-click */

static void
test_click_extend_menu (Fixture       *fixture,
                        gconstpointer  data)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  GlossCharBox middle, last;
  GtkWidget *popover;
  gint64 start, end, word_start, word_end, s = -1, e = -1;

  find_range (fixture, FIRST_SENTENCE, &start, &end);
  find_range (fixture, WORD, &word_start, &word_end);
  middle = char_box (fixture, word_start + 3);
  last = char_box (fixture, end - 1);

  /* A double-click selects the word. */
  move_to_page_point (fixture, (middle.x1 + middle.x2) / 2, (middle.y1 + middle.y2) / 2);
  press (fixture, 1);
  release (fixture, 1);
  press (fixture, 1);
  release (fixture, 1);
  g_assert_true (gloss_document_view_get_selection (view, &s, &e));
  g_assert_cmpint (s, ==, word_start);
  g_assert_cmpint (e, ==, word_end);

  /* Wait out the double-click time: the next press is a new click. */
  spin (600);

  /* Shift+click past the end of the sentence extends to it. */
  move_to_page_point (fixture, last.x2 + 4, (last.y1 + last.y2) / 2);
  key_event (fixture, XK_Shift_L, TRUE);
  press (fixture, 1);
  release (fixture, 1);
  key_event (fixture, XK_Shift_L, FALSE);
  g_assert_true (gloss_document_view_get_selection (view, &s, &e));
  g_assert_cmpint (s, ==, word_start);
  g_assert_cmpint (e, ==, end);

  /* A right-click on the selection opens the code popover. */
  popover = code_popover (fixture);
  g_assert_false (gtk_widget_get_visible (popover));
  move_to_page_point (fixture, (middle.x1 + middle.x2) / 2, (middle.y1 + middle.y2) / 2);
  press (fixture, 3);
  release (fixture, 3);
  g_assert_true (spin_until (popover_mapped, popover, 3000));
  /* It stays up, and the selection with it. */
  spin (300);
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_true (gloss_document_view_get_selection (view, &s, &e));
  g_assert_cmpint (s, ==, word_start);
  g_assert_cmpint (e, ==, end);

  /* Escape closes it. */
  key_combo (fixture, NoSymbol, XK_Escape);
  g_assert_true (spin_until (popover_hidden, popover, 3000));
}

/* The code popover from the keyboard alone */

typedef struct
{
  Fixture *fixture;
  gint64   code_id;
} CodedWith;

static gboolean
coded_with (gpointer data)
{
  CodedWith *state = data;
  GlossCodingFilter filter = { .code_id = state->code_id };

  return gloss_project_count_codings (gloss_window_get_project (state->fixture->window), &filter, NULL) > 0;
}

static gint64
focused_code (GtkWidget *popover)
{
  GlossCodeItem *item = gloss_code_popover_get_focused_item (GLOSS_CODE_POPOVER (popover));

  return item != NULL ? gloss_code_item_get_id (item) : 0;
}

static void
test_popover_keyboard (Fixture       *fixture,
                       gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  GtkWidget *popover = code_popover (fixture);
  g_autoptr(GError) error = NULL;
  gint64 accountability, partnership, funding, trust, start, end, s2, e2;
  CodedWith state = { fixture, 0 };

  accountability = gloss_project_ensure_code_path (project, "Accountability", NULL, NULL, &error);
  partnership = gloss_project_ensure_code_path (project, "Partnership", NULL, NULL, &error);
  funding = gloss_project_ensure_code_path (project, "Partnership/Funding", NULL, NULL, &error);
  trust = gloss_project_ensure_code_path (project, "Trust", NULL, NULL, &error);
  g_assert_no_error (error);
  find_range (fixture, FIRST_SENTENCE, &start, &end);
  find_range (fixture, SECOND_SENTENCE, &s2, &e2);

  /* Ctrl+E: every code, the keyboard in the search entry. */
  gloss_document_view_set_selection (view, start, end);
  key_combo (fixture, XK_Control_L, XK_e);
  g_assert_true (spin_until (popover_mapped, popover, 3000));
  g_assert_cmpuint (gloss_code_popover_get_n_shown (GLOSS_CODE_POPOVER (popover)), ==, 4);
  g_assert_cmpint (focused_code (popover), ==, 0);

  /* Typing filters on name and path; Down goes to the first match, Down
   * again to the next, Enter codes with it. */
  type_text (fixture, "a");
  spin (300);
  g_assert_cmpuint (gloss_code_popover_get_n_shown (GLOSS_CODE_POPOVER (popover)), ==, 3);
  key_combo (fixture, NoSymbol, XK_Down);
  g_assert_cmpint (focused_code (popover), ==, accountability);
  key_combo (fixture, NoSymbol, XK_Down);
  g_assert_cmpint (focused_code (popover), ==, partnership);
  key_combo (fixture, NoSymbol, XK_Return);
  g_assert_true (spin_until (popover_hidden, popover, 3000));
  state.code_id = partnership;
  g_assert_true (spin_until (coded_with, &state, 3000));

  /* Opened again: the filter is gone. Up from the first row goes back to
   * the entry; typing there narrows, Enter takes the first match. */
  gloss_document_view_set_selection (view, s2, e2);
  key_combo (fixture, XK_Control_L, XK_e);
  g_assert_true (spin_until (popover_mapped, popover, 3000));
  g_assert_cmpuint (gloss_code_popover_get_n_shown (GLOSS_CODE_POPOVER (popover)), ==, 4);
  key_combo (fixture, NoSymbol, XK_Down);
  key_combo (fixture, NoSymbol, XK_Down);
  key_combo (fixture, NoSymbol, XK_Down);
  g_assert_cmpint (focused_code (popover), ==, funding);
  key_combo (fixture, NoSymbol, XK_Up);
  key_combo (fixture, NoSymbol, XK_Up);
  g_assert_cmpint (focused_code (popover), ==, accountability);
  key_combo (fixture, NoSymbol, XK_Up);
  g_assert_cmpint (focused_code (popover), ==, 0);
  type_text (fixture, "tru");
  key_combo (fixture, NoSymbol, XK_Return);
  g_assert_true (spin_until (popover_hidden, popover, 3000));
  state.code_id = trust;
  g_assert_true (spin_until (coded_with, &state, 3000));

  /* Escape with a row focused, the codebook changed meanwhile: the
   * popover opens again as before. */
  gloss_document_view_set_selection (view, start, end);
  key_combo (fixture, XK_Control_L, XK_e);
  g_assert_true (spin_until (popover_mapped, popover, 3000));
  key_combo (fixture, NoSymbol, XK_Down);
  g_assert_cmpint (focused_code (popover), ==, accountability);
  key_combo (fixture, NoSymbol, XK_Escape);
  g_assert_true (spin_until (popover_hidden, popover, 3000));
  g_assert_cmpint (gloss_project_add_coding (project, fixture->document_id, fixture->coder_id, accountability,
                                             s2, e2, NULL, &error), >, 0);
  g_assert_no_error (error);
  spin (100);

  /* Typing while a row has the focus goes on in the entry. */
  gloss_document_view_set_selection (view, start, end);
  key_combo (fixture, XK_Control_L, XK_e);
  g_assert_true (spin_until (popover_mapped, popover, 3000));
  key_combo (fixture, NoSymbol, XK_Down);
  g_assert_cmpint (focused_code (popover), ==, accountability);
  type_text (fixture, "fun");
  spin (300);
  g_assert_cmpuint (gloss_code_popover_get_n_shown (GLOSS_CODE_POPOVER (popover)), ==, 1);
  g_assert_cmpint (gloss_code_popover_get_first_match (GLOSS_CODE_POPOVER (popover)), ==, funding);
  key_combo (fixture, NoSymbol, XK_Return);
  g_assert_true (spin_until (popover_hidden, popover, 3000));
  state.code_id = funding;
  g_assert_true (spin_until (coded_with, &state, 3000));
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
      g_printerr ("real input needs an X11 display (GDK_BACKEND=x11)\n");
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

  g_test_add ("/real-input/drag-and-code", Fixture, NULL,
              fixture_set_up, test_drag_and_code, fixture_tear_down);
  g_test_add ("/real-input/click-extend-menu", Fixture, NULL,
              fixture_set_up, test_click_extend_menu, fixture_tear_down);
  g_test_add ("/real-input/popover-keyboard", Fixture, NULL,
              fixture_set_up, test_popover_keyboard, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
