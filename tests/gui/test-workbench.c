/* test-workbench.c: the window as a coder works in it, each item through
 * the real widgets and their actions (and, where a place on the screen is
 * the point, through X test extension pointer events), read back from the
 * project file:
 *
 *   - the Find bar's close button takes the hits' marks away;
 *   - where the excerpts pane's edge was, a click selects text again;
 *   - a project without documents, and one whose last document was
 *     removed, show an empty state, no "1 of 0";
 *   - the codebook says whose codings it counts; "No Codes" has an icon
 *     the theme has;
 *   - coders renamed, recoloured and removed (with their codings, said,
 *     confirmed and undone) from the coder menu's actions; a new project
 *     asks for the first coder's name;
 *   - an import of several files ends with one summary that stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>

#include "gloss-application.h"
#include "gloss-application-private.h"
#include "gloss-code-popover.h"
#include "gloss-codebook-panel.h"
#include "gloss-inspector.h"
#include "gloss-document-list.h"
#include "gloss-document-view-private.h"
#include "gloss-excerpt-item.h"
#include "gloss-excerpt-row.h"
#include "gloss-excerpts-pane.h"
#include "gloss-import-summary.h"
#include "gloss-name-dialog.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define TRANSCRIPT_LINES 80

typedef struct
{
  char        *dir;
  char        *path;
  gint64       document_id;
  gint64       ana_id;
  gint64       ben_id;
  gint64       trust_id;
  gint64       power_id;
  GlossWindow *window;
  Display     *xdisplay;
} Fixture;

/* Helpers */

static void
win_action (Fixture    *fixture,
            const char *name,
            GVariant   *param)
{
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->window), name));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), name));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), name, param);
}

static GlossProject *
open_reader (Fixture *fixture)
{
  return gloss_test_open_project (fixture->path);
}

static GlossDocumentView *
view_of (Fixture *fixture)
{
  return gloss_window_get_document_view (fixture->window);
}

/* Every descendant of @root of @type, depth first. */
static void
collect_descendants (GtkWidget *root,
                     GType      type,
                     GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_descendants (child, type, out);
}

static GtkWidget *
find_button_with_icon (GtkWidget  *root,
                       const char *icon_name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_descendants (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, i)), icon_name) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static AdwStatusPage *
visible_status_page (GtkWidget *root)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_descendants (root, ADW_TYPE_STATUS_PAGE, pages);
  for (guint i = 0; i < pages->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (pages, i)))
      return g_ptr_array_index (pages, i);
  return NULL;
}

/* A picture of the window in the log folder (GLOSS_TEST_LOG_DIR), to be
 * looked at; nothing without the variable. */
static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *log_dir = g_getenv ("GLOSS_TEST_LOG_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (log_dir == NULL)
    return;
  texture = render_window (window);
  file = g_strdup_printf ("workbench-%s.png", name);
  g_assert_cmpint (g_mkdir_with_parents (log_dir, 0755), ==, 0);
  path = g_build_filename (log_dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Real input */

static void
flush_and_spin (Fixture *fixture,
                guint    ms)
{
  XFlush (fixture->xdisplay);
  XSync (fixture->xdisplay, False);
  spin (ms);
}

static void
window_to_root (Fixture *fixture,
                double   x,
                double   y,
                int     *root_x,
                int     *root_y)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  Window child;
  double sx, sy;
  int ox, oy;

  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &sx, &sy);
  g_assert_true (XTranslateCoordinates (fixture->xdisplay, gdk_x11_surface_get_xid (surface),
                                        DefaultRootWindow (fixture->xdisplay),
                                        0, 0, &ox, &oy, &child));
  *root_x = ox + (int) (sx + x);
  *root_y = oy + (int) (sy + y);
}

/* Presses at (x, y), drags @dx to the right and lets go. */
static void
drag_at (Fixture *fixture,
         double   x,
         double   y,
         double   dx)
{
  int root_x, root_y;

  window_to_root (fixture, x, y, &root_x, &root_y);
  XTestFakeMotionEvent (fixture->xdisplay, DefaultScreen (fixture->xdisplay), root_x, root_y, CurrentTime);
  flush_and_spin (fixture, 40);
  XTestFakeButtonEvent (fixture->xdisplay, 1, True, CurrentTime);
  flush_and_spin (fixture, 40);
  for (int step = 1; step <= 4; step++)
    {
      XTestFakeMotionEvent (fixture->xdisplay, DefaultScreen (fixture->xdisplay),
                            root_x + (int) (dx * step / 4), root_y, CurrentTime);
      flush_and_spin (fixture, 30);
    }
  XTestFakeButtonEvent (fixture->xdisplay, 1, False, CurrentTime);
  flush_and_spin (fixture, 100);
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

static void
give_focus (Fixture *fixture)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* Under a bare X server no window manager hands out the keyboard. */
  XSetInputFocus (fixture->xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  flush_and_spin (fixture, 50);
  while (!window_active (fixture->window) && g_get_monotonic_time () < deadline)
    spin (10);
  spin (200);
}

/* Fixture: a transcript of many numbered lines, two coders, two codes */

static char *
transcript_text (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= TRANSCRIPT_LINES; i++)
    g_string_append_printf (text, "Line %u: the budget decides who is heard, and trust grows slowly.\n", i);
  return g_string_free (text, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autofree char *text = transcript_text ();

  fixture->xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  fixture->dir = gloss_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "study.gloss", NULL);

  project = gloss_project_create (fixture->path, "Workbench study", &error);
  g_assert_no_error (error);
  fixture->document_id = gloss_project_import_text (project, "transcript.txt", text, -1, &error);
  g_assert_no_error (error);
  fixture->ana_id = gloss_project_add_coder (project, "Ana", "#1c71d8", &error);
  g_assert_no_error (error);
  fixture->ben_id = gloss_project_add_coder (project, "Ben", "#c01c28", &error);
  g_assert_no_error (error);
  fixture->trust_id = gloss_project_add_code (project, 0, "Trust", "#e01b24", NULL, &error);
  g_assert_no_error (error);
  fixture->power_id = gloss_project_add_code (project, 0, "Power", "#3584e4", NULL, &error);
  g_assert_no_error (error);
  /* Ben coded the first "budget"; Ana the first "trust". */
  gloss_project_add_coding (project, fixture->document_id, fixture->ben_id, fixture->power_id, 12, 18, NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_coding (project, fixture->document_id, fixture->ana_id, fixture->trust_id, 44, 49, NULL, &error);
  g_assert_no_error (error);
  gloss_project_close (project);

  fixture->window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  win_action (fixture, "open-document", g_variant_new_int64 (fixture->document_id));
  win_action (fixture, "coder", g_variant_new_int64 (fixture->ana_id));
  spin (300);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  spin (50);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Find: closing the bar with its close button takes the marks away */

static guint
n_marks (Fixture *fixture)
{
  GPtrArray *marks = view_of (fixture)->marks;

  return marks != NULL ? marks->len : 0;
}

static void
test_find_close_clears_marks (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *bar = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_BAR);
  GtkEditable *entry = GTK_EDITABLE (find_descendant (bar, GTK_TYPE_SEARCH_ENTRY));
  GtkWidget *close;

  win_action (fixture, "find", NULL);
  gtk_editable_set_text (entry, "budget");
  g_signal_emit_by_name (entry, "search-changed");
  spin (200);
  g_assert_cmpuint (n_marks (fixture), ==, TRANSCRIPT_LINES);

  /* The bar's own close button, as a click on it. */
  close = find_button_with_icon (bar, "window-close-symbolic");
  g_assert_nonnull (close);
  g_signal_emit_by_name (close, "clicked");
  spin (100);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  g_assert_cmpuint (n_marks (fixture), ==, 0);

  /* Opened again, the old hits are not back until a search is made. */
  win_action (fixture, "find", NULL);
  spin (100);
  g_assert_cmpuint (n_marks (fixture), ==, 0);
}

/* The excerpts pane's edge: after it closed, a drag there selects text
 * like anywhere else */

/* Drags across the text from a letter whose box spans window row @y;
 * returns whether a selection came of it. */
static gboolean
drag_text_at (Fixture *fixture,
              double   y)
{
  GlossDocumentView *view = view_of (fixture);
  g_autoptr(GlossPageLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  graphene_point_t in_view;
  gint64 start = 0, end = 0;
  gboolean found = FALSE;
  double target_x = 0;

  layout = gloss_page_source_get_layout (gloss_document_view_get_source (view), 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < layout->n_chars && !found; i++)
    {
      const GlossCharBox *box = &layout->boxes[i];
      double x1, y1, x2, y2;
      graphene_point_t top, bottom;

      g_autofree char *character = NULL;

      if (!box->has_box || box->x2 - box->x1 < 3)
        continue;
      /* A letter: a double-click on it selects its word. */
      character = gloss_page_source_dup_text (gloss_document_view_get_source (view),
                                              layout->start + i, layout->start + i + 1);
      if (!g_unichar_isalpha (g_utf8_get_char (character)))
        continue;
      _gloss_document_view_point_to_widget (view, 0, box->x1, box->y1, &x1, &y1);
      _gloss_document_view_point_to_widget (view, 0, box->x2, box->y2, &x2, &y2);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (fixture->window),
                                               &GRAPHENE_POINT_INIT (x1, y1), &top));
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (fixture->window),
                                               &GRAPHENE_POINT_INIT (x2, y2), &bottom));
      if (top.y <= y && bottom.y >= y)
        {
          target_x = (top.x + bottom.x) / 2;
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fixture->window), GTK_WIDGET (view),
                                           &GRAPHENE_POINT_INIT (target_x, y), &in_view));
  g_assert_true (gtk_widget_contains (GTK_WIDGET (view), in_view.x, in_view.y));

  gloss_document_view_set_selection (view, 0, 0);
  spin (50);
  drag_at (fixture, target_x, y, 40);
  return gloss_document_view_get_selection (view, &start, &end) && end > start;
}

static void
test_excerpts_edge_selects (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *pane;
  graphene_point_t edge;

  give_focus (fixture);
  win_action (fixture, "show-document-excerpts", g_variant_new_int64 (0));
  spin (200);
  pane = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_EXCERPTS_PANE);
  g_assert_nonnull (pane);
  g_assert_true (gtk_widget_get_mapped (pane));
  g_assert_true (gtk_widget_compute_point (pane, GTK_WIDGET (fixture->window),
                                           &GRAPHENE_POINT_INIT (0, 0), &edge));

  g_signal_emit_by_name (find_button_with_icon (pane, "window-close-symbolic"), "clicked");
  spin (200);
  g_assert_false (gtk_widget_get_visible (pane));

  /* Well above the old edge a drag selects text; and so it does
   * every 2 px through the strip that ignored the pointer (from 6 px above
   * the edge to 14 px below it) and past it. */
  g_assert_true (drag_text_at (fixture, edge.y - 40));
  for (int dy = -10; dy <= 18; dy += 2)
    {
      g_test_message ("%+d px from the edge", dy);
      g_assert_true (drag_text_at (fixture, edge.y + dy));
    }
}

/* Empty states */

static void
test_no_documents (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  GtkWidget *page_entry;
  AdwStatusPage *status;

  /* The open document is removed: it was the only one. */
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->document_id);
  g_assert_true (gloss_project_remove_document (gloss_window_get_project (fixture->window),
                                                fixture->document_id, &error));
  g_assert_no_error (error);
  spin (200);

  reader = open_reader (fixture);
  documents = gloss_project_list_documents (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 0);

  /* No page controls ("1 of 0"), and a status page that says so. */
  page_entry = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_ENTRY);
  g_assert_nonnull (page_entry);
  g_assert_false (gtk_widget_get_mapped (page_entry));
  status = visible_status_page (gtk_widget_get_ancestor (GTK_WIDGET (view_of (fixture)), GTK_TYPE_STACK));
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Documents Yet");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          adw_status_page_get_icon_name (status)));

  /* Undo brings the document back, and its page controls. */
  win_action (fixture, "undo", NULL);
  spin (200);
  win_action (fixture, "open-document", g_variant_new_int64 (fixture->document_id));
  spin (200);
  g_assert_true (gtk_widget_get_mapped (page_entry));
}

/* The codebook says whose codings it counts; its empty state has an icon */

static const char *
counts_label (Fixture *fixture)
{
  GtkWidget *panel = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_CODEBOOK_PANEL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_descendants (panel, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "codebook-counts"))
      return gtk_label_get_text (g_ptr_array_index (labels, i));
  return NULL;
}

static void
test_codebook_counts_label (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *panel = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_CODEBOOK_PANEL);
  g_autoptr(GError) error = NULL;
  AdwStatusPage *status;
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_assert_cmpstr (counts_label (fixture), ==, "Counting Ana’s codings");
  win_action (fixture, "coder", g_variant_new_int64 (fixture->ben_id));
  spin (50);
  g_assert_cmpstr (counts_label (fixture), ==, "Counting Ben’s codings");
  win_action (fixture, "show-all-coders", NULL);
  spin (50);
  g_assert_cmpstr (counts_label (fixture), ==, "Counting every coder’s codings");
  win_action (fixture, "show-all-coders", NULL);
  spin (50);

  /* Without codes, the placeholder's icon is one the theme draws. */
  g_assert_true (gloss_project_delete_code (gloss_window_get_project (fixture->window), fixture->trust_id, &error));
  g_assert_true (gloss_project_delete_code (gloss_window_get_project (fixture->window), fixture->power_id, &error));
  g_assert_no_error (error);
  spin (100);
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (panel, GTK_TYPE_STACK)), "codebook");
  spin (100);
  status = visible_status_page (panel);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Codes");
  g_assert_true (gtk_icon_theme_has_icon (theme, adw_status_page_get_icon_name (status)));
}

/* Coders */

static GtkWindow *
wait_for_toplevel (GType type)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
            return window;
        }
      spin (10);
    }
  return NULL;
}

static gboolean
any_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

/* A click on a response button answers, then closes the dialog. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  spin (100);
}

/* Coders and codings as read from the file: "name colour n" lines. */
static char *
coders_in_file (Fixture *fixture)
{
  g_autoptr(GlossProject) reader = open_reader (fixture);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (reader, NULL);
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (reader, NULL, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (coders, i);
      g_string_append_printf (out, "%s %s %" G_GINT64_FORMAT "\n", coder->name, coder->color, coder->n_codings);
    }
  g_string_append_printf (out, "codings %u\n", codings->len);
  gloss_project_close (reader);
  return g_string_free (out, FALSE);
}

static const char *
coder_button_label (Fixture *fixture)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_descendants (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_menu_button_get_label (g_ptr_array_index (buttons, i));
      if (label != NULL && g_str_has_prefix (label, "Coding as"))
        return label;
    }
  return NULL;
}

/* The coder menu offers the three for the active coder. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static void
test_coders_rename_recolour_remove (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *before = coders_in_file (fixture);
  g_autofree char *renamed = NULL;
  g_autofree char *recoloured = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  GtkMenuButton *coder_button = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GlossNameDialog *name_dialog;
  GtkWindow *color_dialog;
  AdwMessageDialog *confirm;
  GdkRGBA green = { 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0, 1 };

  g_assert_cmpstr (before, ==, "Ana #1c71d8 1\nBen #c01c28 1\ncodings 2\n");
  collect_descendants (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_label (g_ptr_array_index (buttons, i)), "Coding as Ana") == 0)
      coder_button = g_ptr_array_index (buttons, i);
  g_assert_nonnull (coder_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (coder_button), "win.rename-coder"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (coder_button), "win.recolor-coder"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (coder_button), "win.remove-coder"));

  /* Rename: the dialog holds the old name; the new one is saved. */
  win_action (fixture, "rename-coder", g_variant_new_int64 (fixture->ana_id));
  name_dialog = GLOSS_NAME_DIALOG (wait_for_toplevel (GLOSS_TYPE_NAME_DIALOG));
  g_assert_nonnull (name_dialog);
  g_assert_cmpstr (gloss_name_dialog_get_text (name_dialog), ==, "Ana");
  gtk_editable_set_text (GTK_EDITABLE (gloss_name_dialog_get_entry (name_dialog)), "  Ana María ");
  answer (ADW_MESSAGE_DIALOG (name_dialog), "accept");
  g_assert_false (any_toplevel (GLOSS_TYPE_NAME_DIALOG));
  renamed = coders_in_file (fixture);
  g_assert_cmpstr (renamed, ==, "Ana María #1c71d8 1\nBen #c01c28 1\ncodings 2\n");
  g_assert_cmpstr (coder_button_label (fixture), ==, "Coding as Ana María");

  /* An empty name cannot be saved. */
  win_action (fixture, "rename-coder", g_variant_new_int64 (fixture->ana_id));
  name_dialog = GLOSS_NAME_DIALOG (wait_for_toplevel (GLOSS_TYPE_NAME_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (gloss_name_dialog_get_entry (name_dialog)), "   ");
  g_assert_false (gloss_name_dialog_can_accept (name_dialog));
  /* Nor the name of another coder. */
  gtk_editable_set_text (GTK_EDITABLE (gloss_name_dialog_get_entry (name_dialog)), "Ben");
  g_assert_false (gloss_name_dialog_can_accept (name_dialog));
  g_assert_cmpstr (gloss_name_dialog_get_message (name_dialog), ==, "There is already a coder “Ben”");
  answer (ADW_MESSAGE_DIALOG (name_dialog), "cancel");
  g_assert_cmpstr (coders_in_file (fixture), ==, renamed);

  /* Recolour through the colour chooser. */
  win_action (fixture, "recolor-coder", g_variant_new_int64 (fixture->ana_id));
  color_dialog = wait_for_toplevel (GTK_TYPE_COLOR_CHOOSER_DIALOG);
  g_assert_nonnull (color_dialog);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color_dialog), &green);
  gtk_dialog_response (GTK_DIALOG (color_dialog), GTK_RESPONSE_OK);
  spin (100);
  recoloured = coders_in_file (fixture);
  g_assert_cmpstr (recoloured, ==, "Ana María #26a269 1\nBen #c01c28 1\ncodings 2\n");

  /* Remove Ben: the dialog says his one coding goes with him. */
  win_action (fixture, "remove-coder", g_variant_new_int64 (fixture->ben_id));
  confirm = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Remove “Ben”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "1 coding made by this coder is removed"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "Undo"));
  answer (confirm, "remove");
  removed = coders_in_file (fixture);
  g_assert_cmpstr (removed, ==, "Ana María #26a269 1\ncodings 1\n");

  /* The last coder cannot be removed. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "remove-coder"));

  /* Undo brings Ben back with his coding; redo takes them again. */
  win_action (fixture, "undo", NULL);
  spin (100);
  undone = coders_in_file (fixture);
  g_assert_cmpstr (undone, ==, recoloured);
  win_action (fixture, "redo", NULL);
  spin (100);
  redone = coders_in_file (fixture);
  g_assert_cmpstr (redone, ==, removed);
}

static void
test_removing_active_coder (Fixture       *fixture,
                            gconstpointer  data)
{
  AdwMessageDialog *confirm;

  win_action (fixture, "remove-coder", g_variant_new_int64 (fixture->ana_id));
  confirm = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  answer (confirm, "remove");
  /* Coding goes on as Ben. */
  g_assert_cmpint (gloss_window_get_active_coder (fixture->window), ==, fixture->ben_id);
  g_assert_cmpstr (coder_button_label (fixture), ==, "Coding as Ben");
}

/* The window's own code popover: the one whose parent is inside the view's box. */
static GlossCodePopover *
view_code_popover (GlossWindow *window)
{
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();
  GtkWidget *view = GTK_WIDGET (gloss_window_get_document_view (window));

  collect_descendants (GTK_WIDGET (window), GLOSS_TYPE_CODE_POPOVER, popovers);
  for (guint i = 0; i < popovers->len; i++)
    {
      GtkWidget *parent = gtk_widget_get_parent (g_ptr_array_index (popovers, i));

      if (parent != NULL && gtk_widget_is_ancestor (view, parent))
        return g_ptr_array_index (popovers, i);
    }
  return NULL;
}

/* A project without coders, as a lead prepares one for others: a document
 * and a code. */
static char *
make_coderless_project (const char *dir,
                        const char *name,
                        gint64     *document_id,
                        gint64     *code_id)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  GlossProject *project = gloss_project_create (path, "Prepared study", &error);

  g_assert_no_error (error);
  *document_id = gloss_project_import_text (project, "interview.txt", "Trust grows slowly here.\n", -1, &error);
  g_assert_no_error (error);
  *code_id = gloss_project_add_code (project, 0, "Trust", NULL, NULL, &error);
  g_assert_no_error (error);
  gloss_project_clear_history (project, &error);
  g_assert_no_error (error);
  gloss_project_close (project);
  g_object_unref (project);
  return path;
}

static void
assert_no_coders_written (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) reader = gloss_test_open_project (path);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (coders->len, ==, 0);
  /* Not even a step in the history. */
  g_assert_false (gloss_project_can_undo (reader));
  gloss_project_close (reader);
}

static void
open_window_on (GlossWindow **window,
                GlossProject *read_only,
                const char   *path)
{
  g_autoptr(GError) error = NULL;

  *window = g_object_ref_sink (gloss_window_new (NULL));
  if (read_only != NULL)
    gloss_window_set_project (*window, read_only);
  else
    g_assert_true (gloss_window_open_project (*window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (*window));
  spin (300);
}

static void
close_window (GlossWindow **window)
{
  gtk_window_destroy (GTK_WINDOW (*window));
  g_clear_object (window);
  spin (50);
}

/* The first coder is asked for when someone is about to code, never on
 * opening: a project prepared by someone else opens as it is. */
static void
test_first_coder_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *shared = NULL;
  GlossWindow *window = NULL;
  GlossNameDialog *dialog;
  GlossCodePopover *popover;
  gint64 document_id, code_id, shared_document, shared_code, chris;

  path = make_coderless_project (dir, "prepared.gloss", &document_id, &code_id);

  /* Opened: nothing asked, nothing written, no coder active. */
  open_window_on (&window, NULL, path);
  g_assert_false (any_toplevel (GLOSS_TYPE_NAME_DIALOG));
  g_assert_cmpint (gloss_window_get_active_coder (window), ==, 0);
  assert_no_coders_written (path);

  /* About to code: asked, with the account's name to start from. Cancelled,
   * nothing is made and the popover stays closed. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-document", g_variant_new_int64 (document_id));
  spin (200);
  gloss_document_view_set_selection (gloss_window_get_document_view (window), 0, 5);
  g_action_group_activate_action (G_ACTION_GROUP (window), "code-selection", NULL);
  dialog = GLOSS_NAME_DIALOG (wait_for_toplevel (GLOSS_TYPE_NAME_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gloss_name_dialog_get_text (dialog), ==, g_get_real_name ());
  answer (ADW_MESSAGE_DIALOG (dialog), "cancel");
  popover = view_code_popover (window);
  g_assert_nonnull (popover);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  assert_no_coders_written (path);

  /* Asked again and named: the coder is made, coding goes on as them and
   * the popover opens for the selection. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "code-selection", NULL);
  dialog = GLOSS_NAME_DIALOG (wait_for_toplevel (GLOSS_TYPE_NAME_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (gloss_name_dialog_get_entry (dialog)), "Chris Okafor");
  answer (ADW_MESSAGE_DIALOG (dialog), "accept");
  spin (200);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gloss_code_popover_set_filter (popover, "Trust");
  gloss_code_popover_activate_first (popover);
  spin (100);

  reader = gloss_test_open_project (path);
  coders = gloss_project_list_coders (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coders->len, ==, 1);
  g_assert_cmpstr (((GlossCoder *) g_ptr_array_index (coders, 0))->name, ==, "Chris Okafor");
  chris = ((GlossCoder *) g_ptr_array_index (coders, 0))->id;
  g_assert_cmpint (gloss_window_get_active_coder (window), ==, chris);
  codings = gloss_project_list_codings (reader, &(GlossCodingFilter) { .document_id = document_id }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpint (((GlossCoding *) g_ptr_array_index (codings, 0))->coder_id, ==, chris);
  g_assert_cmpint (((GlossCoding *) g_ptr_array_index (codings, 0))->code_id, ==, code_id);
  gloss_project_close (reader);
  close_window (&window);

  /* Opened again, the project has its coder and asks nothing. */
  open_window_on (&window, NULL, path);
  g_assert_false (any_toplevel (GLOSS_TYPE_NAME_DIALOG));
  g_assert_cmpint (gloss_window_get_active_coder (window), ==, chris);
  close_window (&window);

  /* Shared read-only without coders: it opens without a question, and
   * coding is not offered. */
  shared = make_coderless_project (dir, "shared.gloss", &shared_document, &shared_code);
  open_window_on (&window, gloss_project_open_read_only (shared, &error), NULL);
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-document", g_variant_new_int64 (shared_document));
  spin (200);
  g_assert_false (any_toplevel (GLOSS_TYPE_NAME_DIALOG));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "code-selection"));
  close_window (&window);
  assert_no_coders_written (shared);
}

/* A new project is made to code in: who is coding is asked at once. */
static void
test_new_project_asks_coder (void)
{
  g_autoptr(GlossApplication) app = gloss_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GList) windows = NULL;
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *chosen = g_build_filename (dir, "fresh", NULL);
  g_autofree char *path = g_build_filename (dir, "fresh.gloss", NULL);
  GlossNameDialog *dialog;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_gloss_application_new_project_at (app, chosen, &error));
  g_assert_no_error (error);

  dialog = GLOSS_NAME_DIALOG (wait_for_toplevel (GLOSS_TYPE_NAME_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gloss_name_dialog_get_text (dialog), ==, g_get_real_name ());
  gtk_editable_set_text (GTK_EDITABLE (gloss_name_dialog_get_entry (dialog)), "Ana María");
  answer (ADW_MESSAGE_DIALOG (dialog), "accept");

  reader = gloss_test_open_project (path);
  coders = gloss_project_list_coders (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coders->len, ==, 1);
  g_assert_cmpstr (((GlossCoder *) g_ptr_array_index (coders, 0))->name, ==, "Ana María");
  gloss_project_close (reader);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  spin (100);
}

/* Quotes in one-line rows: a word broken at a line end reads whole, as the
 * exports quote it, and line breaks read as spaces */

#define HYPHENATED_TEXT "Lorem ipsum dolor sit amet, consectetur adip-\niscing elit,\nsed do eiusmod tempor."
#define HYPHENATED_QUOTE "consectetur adip-\niscing elit,\nsed"
#define JOINED_QUOTE "consectetur adipiscing elit, sed"

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_descendants (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_hyphenated_quotes (Fixture       *fixture,
                        gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCoding) coding = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *joined_in_quotes = g_strdup_printf ("“%s”", JOINED_QUOTE);
  const char *start_of_quote = strstr (HYPHENATED_TEXT, "consectetur");
  gint64 document_id, coding_id, start;
  GtkWidget *pane, *inspector;
  gboolean row_found = FALSE;

  document_id = gloss_project_import_text (project, "lorem.txt", HYPHENATED_TEXT, -1, &error);
  g_assert_no_error (error);
  start = g_utf8_pointer_to_offset (HYPHENATED_TEXT, start_of_quote);
  coding_id = gloss_project_add_coding (project, document_id, fixture->ana_id, fixture->trust_id,
                                        start, start + g_utf8_strlen (HYPHENATED_QUOTE, -1), NULL, &error);
  g_assert_no_error (error);
  /* The project keeps the quote as the page has it. */
  coding = gloss_project_get_coding (project, coding_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coding->quote, ==, HYPHENATED_QUOTE);

  /* The excerpts pane's row for it. */
  win_action (fixture, "open-document", g_variant_new_int64 (document_id));
  win_action (fixture, "show-document-excerpts", g_variant_new_int64 (document_id));
  spin (300);
  pane = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_EXCERPTS_PANE);
  g_assert_true (gtk_widget_get_mapped (pane));
  collect_descendants (pane, GLOSS_TYPE_EXCERPT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GlossExcerptItem *item = GLOSS_EXCERPT_ITEM (gloss_item_row_get_item (g_ptr_array_index (rows, i)));

      if (item == NULL || gloss_excerpt_item_get_coding_id (item) != coding_id)
        continue;
      row_found = TRUE;
      g_assert_true (has_label (g_ptr_array_index (rows, i), JOINED_QUOTE));
      g_assert_false (has_label (g_ptr_array_index (rows, i), HYPHENATED_QUOTE));
    }
  g_assert_true (row_found);

  /* The inspector's quote. */
  gloss_window_select_coding (fixture->window, coding_id);
  spin (200);
  inspector = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_INSPECTOR);
  g_assert_true (has_label (inspector, joined_in_quotes));
}

/* Import: several files end with one summary */

static void
test_import_summary (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_DOCUMENT_LIST);
  g_autofree char *good = gloss_test_write_file (fixture->dir, "interview-2.txt", "A second interview.\n", -1);
  g_autofree char *other = gloss_test_write_file (fixture->dir, "interview-3.txt", "A third interview.\n", -1);
  g_autofree char *again = gloss_test_write_file (fixture->dir, "interview-2-copy.txt", "A second interview.\n", -1);
  g_autofree char *broken = gloss_test_write_file (fixture->dir, "scan.pdf", "%PDF-1.4 broken", -1);
  GSList *files = NULL;
  GlossImportSummary *summary;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  files = g_slist_append (files, g_file_new_for_path (good));
  files = g_slist_append (files, g_file_new_for_path (other));
  files = g_slist_append (files, g_file_new_for_path (again));
  files = g_slist_append (files, g_file_new_for_path (broken));
  gloss_document_list_import_files (GLOSS_DOCUMENT_LIST (list), files);
  g_slist_free_full (files, g_object_unref);

  summary = GLOSS_IMPORT_SUMMARY (wait_for_toplevel (GLOSS_TYPE_IMPORT_SUMMARY));
  g_assert_nonnull (summary);
  g_assert_cmpuint (gloss_import_summary_count (summary, GLOSS_IMPORT_IMPORTED), ==, 2);
  g_assert_cmpuint (gloss_import_summary_count (summary, GLOSS_IMPORT_DUPLICATE), ==, 1);
  g_assert_cmpuint (gloss_import_summary_count (summary, GLOSS_IMPORT_REFUSED), ==, 1);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (summary)), ==,
                   "2 documents imported. 1 was already in the project. 1 was not imported; the reason is below.");
  lines = gloss_import_summary_dup_lines (summary);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "interview-2.txt — Imported");
  g_assert_cmpstr (lines[2], ==, "interview-2-copy.txt — Already in the project, kept once");
  g_assert_true (g_str_has_prefix (lines[3], "scan.pdf — Not imported: "));
  g_assert_cmpuint (strlen (lines[3]), >, strlen ("scan.pdf — Not imported: ") + 5);

  /* It stays until it is read. */
  spin (1500);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (summary)));
  answer (ADW_MESSAGE_DIALOG (summary), "close");
  g_assert_false (any_toplevel (GLOSS_TYPE_IMPORT_SUMMARY));

  reader = open_reader (fixture);
  documents = gloss_project_list_documents (reader, NULL);
  g_assert_cmpuint (documents->len, ==, 3);
  gloss_project_close (reader);
}

/* Review mode: three coders on one passage stay apart */

static void
test_review_three_coders (Fixture       *fixture,
                          gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  GlossDocumentView *view = view_of (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) under = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GlossPageLayout) layout = NULL;
  gint64 cleo_id, funding_id;
  double x, y;
  guint lanes_seen = 0;

  /* Ana (Trust), Ben (Power) and Cleo (Funding) all code "Line 3: the budget". */
  cleo_id = gloss_project_add_coder (project, "Cleo", "#9141ac", &error);
  g_assert_no_error (error);
  funding_id = gloss_project_add_code (project, 0, "Funding", "#ff7800", NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_coding (project, fixture->document_id, fixture->ana_id, fixture->trust_id, 132, 150, NULL, &error);
  gloss_project_add_coding (project, fixture->document_id, fixture->ben_id, fixture->power_id, 132, 150, NULL, &error);
  gloss_project_add_coding (project, fixture->document_id, cleo_id, funding_id, 132, 150, NULL, &error);
  g_assert_no_error (error);
  spin (100);

  win_action (fixture, "show-all-coders", NULL);
  spin (200);

  /* Ana is coding: hers are filled, the others' underlined, each coder in
   * a lane of their own, the lanes named. */
  for (guint i = 0; i < view->highlights->len; i++)
    {
      GlossHighlight *h = g_ptr_array_index (view->highlights, i);

      if (h->start != 132)
        continue;
      g_assert_cmpint (h->underline, ==, g_strcmp0 (h->coder_label, "Ana") != 0);
      lanes_seen |= 1u << h->lane;
    }
  g_assert_cmpuint (lanes_seen, ==, 0x7);
  g_assert_nonnull (view->lane_labels);
  g_assert_cmpstr (view->lane_labels[0], ==, "Ana");
  g_assert_cmpstr (view->lane_labels[1], ==, "Ben");
  g_assert_cmpstr (view->lane_labels[2], ==, "Cleo");
  g_assert_null (view->lane_labels[3]);
  g_assert_cmpfloat (_gloss_document_view_lane_width (view), >=, 9.0);
  gloss_document_view_set_zoom (view, 1.5);
  spin (300);
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view)), 0);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 0);
  spin (700);
  save_screenshot (GTK_WIDGET (fixture->window), "review");

  /* Hovering the passage lists all three codings, code and coder. */
  layout = gloss_page_source_get_layout (gloss_document_view_get_source (view), 0, &error);
  g_assert_no_error (error);
  _gloss_document_view_point_to_widget (view, 0, (layout->boxes[140].x1 + layout->boxes[140].x2) / 2,
                                        (layout->boxes[140].y1 + layout->boxes[140].y2) / 2, &x, &y);
  under = gloss_document_view_highlights_at (view, x, y);
  g_assert_cmpuint (under->len, ==, 3);
  markup = _gloss_document_view_tooltip_markup_for_all (under);
  g_assert_nonnull (strstr (markup, "<b>Trust</b>"));
  g_assert_nonnull (strstr (markup, "<b>Power</b>"));
  g_assert_nonnull (strstr (markup, "<b>Funding</b>"));
  g_assert_nonnull (strstr (markup, "by Ana"));
  g_assert_nonnull (strstr (markup, "by Ben"));
  g_assert_nonnull (strstr (markup, "by Cleo"));

  /* Selecting Funding in the codebook fills Cleo's coding too. */
  gloss_codebook_panel_select_code (GLOSS_CODEBOOK_PANEL (find_descendant (GTK_WIDGET (fixture->window),
                                                                         GLOSS_TYPE_CODEBOOK_PANEL)), funding_id);
  spin (100);
  for (guint i = 0; i < view->highlights->len; i++)
    {
      GlossHighlight *h = g_ptr_array_index (view->highlights, i);

      if (h->start == 132 && g_strcmp0 (h->coder_label, "Cleo") == 0)
        g_assert_false (h->underline);
    }

  /* Blind mode again: one coder, no lane names, no underlines. */
  win_action (fixture, "show-all-coders", NULL);
  spin (100);
  g_assert_null (view->lane_labels);
  for (guint i = 0; i < view->highlights->len; i++)
    g_assert_false (((GlossHighlight *) g_ptr_array_index (view->highlights, i))->underline);
}

/* A laptop screen: 1,024 x 600 */

/* @widget is on screen and wholly inside the window's @width x @height. */
static void
assert_inside (GtkWidget  *window,
               GtkWidget  *widget,
               const char *what,
               int         width,
               int         height)
{
  graphene_rect_t bounds;

  g_test_message ("%s", what);
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width + 0.5);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height + 0.5);
  g_assert_cmpfloat (bounds.size.width, >, 4);
}

static GtkWidget *
find_button_with_action (GtkWidget  *root,
                         const char *action)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

  collect_descendants (root, GTK_TYPE_WIDGET, widgets);
  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);

      if (GTK_IS_ACTIONABLE (widget) && gtk_widget_get_mapped (widget) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
        return widget;
    }
  return NULL;
}

static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *prefix)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_descendants (root, GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      const char *label = gtk_menu_button_get_label (button);
      const char *icon = gtk_menu_button_get_icon_name (button);

      if ((label != NULL && g_str_has_prefix (label, prefix)) || g_strcmp0 (icon, prefix) == 0)
        if (gtk_widget_get_mapped (GTK_WIDGET (button)))
          return GTK_WIDGET (button);
    }
  return NULL;
}

static int
surface_width (Fixture *fixture)
{
  return gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (fixture->window)));
}

static int
surface_height (Fixture *fixture)
{
  return gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (fixture->window)));
}

/* Sizes the window (its surface, as a screen would hold it) and waits
 * until it has that size. */
static void
resize_to (Fixture *fixture,
           int      width,
           int      height)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  for (guint i = 0; i < 100 && (surface_width (fixture) != width || surface_height (fixture) != height); i++)
    spin (20);
  spin (300);
}

/* Codes "trust" of the given line with the first code the popover offers,
 * as Ctrl+E and Enter would; the coding is read back from the file. */
static void
code_passage (Fixture *fixture,
              gint64   start)
{
  GlossDocumentView *view = view_of (fixture);
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  GlossCodePopover *popover = NULL;
  gboolean found = FALSE;

  gloss_document_view_set_selection (view, start, start + 5);
  win_action (fixture, "code-selection", NULL);
  spin (200);
  collect_descendants (GTK_WIDGET (fixture->window), GLOSS_TYPE_CODE_POPOVER, popovers);
  for (guint i = 0; i < popovers->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (popovers, i)))
      popover = g_ptr_array_index (popovers, i);
  g_assert_nonnull (popover);
  assert_inside (GTK_WIDGET (fixture->window), GTK_WIDGET (popover), "the code popover",
                 gtk_widget_get_width (GTK_WIDGET (fixture->window)),
                 gtk_widget_get_height (GTK_WIDGET (fixture->window)));
  gloss_code_popover_activate_first (popover);
  spin (100);

  reader = open_reader (fixture);
  codings = gloss_project_list_codings (reader, NULL, NULL);
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *c = g_ptr_array_index (codings, i);
      found |= c->start == start && c->end == start + 5 && c->coder_id == fixture->ana_id;
    }
  g_assert_true (found);
  gloss_project_close (reader);
}

static void
assert_main_actions_reachable (Fixture *fixture,
                               int      width,
                               int      height)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  assert_inside (window, find_button_with_action (window, "win.import"), "import", width, height);
  assert_inside (window, find_menu_button (window, "Coding as"), "coder menu", width, height);
  assert_inside (window, find_menu_button (window, "open-menu-symbolic"), "main menu", width, height);
  assert_inside (window, find_button_with_action (window, "win.toggle-inspector"), "inspector", width, height);
  assert_inside (window, find_button_with_action (window, "win.toggle-sidebar"), "sidebar", width, height);
  assert_inside (window, find_menu_button (window, "100%") ? find_menu_button (window, "100%")
                         : GTK_WIDGET (gtk_widget_get_ancestor (find_button_with_action (window, "win.import"),
                                                                GTK_TYPE_WIDGET)),
                 "zoom menu", width, height);
  assert_inside (window, GTK_WIDGET (view_of (fixture)), "document", width, height);

  /* Find, with its options. */
  win_action (fixture, "find", NULL);
  spin (300);
  assert_inside (window, find_button_with_action (window, "win.search-all-documents"), "find everywhere", width, height);
  assert_inside (window, find_button_with_action (window, "win.search-memos"), "find in memos", width, height);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (find_descendant (window, GTK_TYPE_SEARCH_BAR)), FALSE);
  spin (100);
}

static void
test_small_screen (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *inspector = find_descendant (window, GLOSS_TYPE_INSPECTOR);
  GtkWidget *sidebar = find_descendant (window, GLOSS_TYPE_DOCUMENT_LIST);

  /* 1,024 x 600 with the sidebar and the inspector both showing. */
  g_assert_true (gtk_widget_get_visible (inspector));
  resize_to (fixture, 1024, 600);
  g_assert_cmpint (surface_width (fixture), ==, 1024);
  g_assert_cmpint (surface_height (fixture), ==, 600);
  g_assert_true (gtk_widget_get_mapped (inspector));
  g_assert_true (gtk_widget_get_mapped (sidebar));
  assert_main_actions_reachable (fixture, 1024, 600);
  code_passage (fixture, 44 + 64);
  save_screenshot (window, "1024x600");

  /* 800 px: one side pane at a time, switched from the header bar. */
  resize_to (fixture, 800, 600);
  g_assert_cmpint (surface_width (fixture), ==, 800);
  g_assert_false (gtk_widget_get_mapped (inspector) && gtk_widget_get_mapped (sidebar));
  g_assert_true (gtk_widget_get_mapped (sidebar));
  assert_main_actions_reachable (fixture, 800, 600);
  win_action (fixture, "toggle-inspector", NULL);
  spin (200);
  g_assert_true (gtk_widget_get_mapped (inspector));
  g_assert_false (gtk_widget_get_mapped (sidebar));
  code_passage (fixture, 44 + 2 * 64);
  save_screenshot (window, "800x600");
  win_action (fixture, "toggle-sidebar", NULL);
  spin (200);
  g_assert_true (gtk_widget_get_mapped (sidebar));
  g_assert_false (gtk_widget_get_mapped (inspector));

  /* Wide again: both come back. */
  resize_to (fixture, 1280, 800);
  g_assert_true (gtk_widget_get_mapped (sidebar));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workbench/find-close-clears-marks", test_find_close_clears_marks);
  ADD ("/workbench/excerpts-edge-selects", test_excerpts_edge_selects);
  ADD ("/workbench/hyphenated-quotes", test_hyphenated_quotes);
  ADD ("/workbench/no-documents", test_no_documents);
  ADD ("/workbench/codebook-counts-label", test_codebook_counts_label);
  ADD ("/workbench/coders-rename-recolour-remove", test_coders_rename_recolour_remove);
  ADD ("/workbench/removing-active-coder", test_removing_active_coder);
  ADD ("/workbench/import-summary", test_import_summary);
  ADD ("/workbench/review-three-coders", test_review_three_coders);
  ADD ("/workbench/small-screen", test_small_screen);
  g_test_add_func ("/workbench/first-coder-name", test_first_coder_name);
  g_test_add_func ("/workbench/new-project-asks-coder", test_new_project_asks_coder);
#undef ADD

  return g_test_run ();
}
