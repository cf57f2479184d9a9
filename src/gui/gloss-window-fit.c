/* gloss-window-fit.c: the window on a small screen (down to 800 px wide)
 *
 * GTK 4.8 and libadwaita 1.2 have no breakpoints: the window follows its
 * surface's size and folds in steps. The side panes are left out of the
 * window's smallest size (their paneds may shrink them) so that it can be
 * made narrow, and fold before they would have to shrink.
 *   - Below WIDE_WIDTH the Find bar's options go to a second row.
 *   - Below FOLD_WIDTH only one side pane shows at a time: showing the
 *     inspector hides the sidebar and the other way round (the header
 *     bar's sidebar and inspector buttons switch them), and the page
 *     number and zoom buttons leave the header bar (the zoom menu stays).
 * The coder button's name is shortened with an ellipsis, the title too.
 * Every pane hidden beside a GtkPaned stops the paned's gestures from
 * taking presses where its handle was (see gloss-window-workbench.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-window-private.h"

#define WIDE_WIDTH 1180
#define FOLD_WIDTH 1000

static GtkWidget *
sidebar_of (GlossWindow *self)
{
  return gtk_paned_get_start_child (self->outer_paned);
}

static void
set_action_state (GlossWindow *self,
                  const char  *name,
                  gboolean     value)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL && g_variant_get_boolean (g_action_get_state (action)) != value)
    g_action_change_state (action, g_variant_new_boolean (value));
}

static gboolean
action_state (GlossWindow *self,
              const char  *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self), name);

  return state != NULL && g_variant_get_boolean (state);
}

/* The Find bar's options: beside the entry, or on a row of their own. */
static void
place_search_options (GlossWindow *self,
                      gboolean     wide)
{
  GtkWidget *options[] = {
    GTK_WIDGET (self->search_all_button),
    GTK_WIDGET (self->search_memos_button),
    GTK_WIDGET (self->code_hits_button),
  };
  GtkWidget *target = wide ? self->search_row : self->search_options_row;

  if (gtk_widget_get_parent (options[0]) == target)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_object_ref (options[i]);
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (options[i])), options[i]);
      gtk_box_append (GTK_BOX (target), options[i]);
      g_object_unref (options[i]);
    }
  gtk_widget_set_visible (self->search_options_row, !wide);
}

static void
setup_search_rows (GlossWindow *self)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self->search_entry));
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  g_return_if_fail (gtk_search_bar_get_child (self->search_bar) == row);

  self->search_row = row;
  self->search_options_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->search_options_row, GTK_ALIGN_END);
  gtk_widget_set_visible (self->search_options_row, FALSE);

  g_object_ref (row);
  gtk_search_bar_set_child (self->search_bar, NULL);
  gtk_box_append (GTK_BOX (rows), row);
  gtk_box_append (GTK_BOX (rows), self->search_options_row);
  gtk_search_bar_set_child (self->search_bar, rows);
  g_object_unref (row);
}

/* Folded: one side pane at a time. */
static void
fold (GlossWindow *self,
      gboolean     folded)
{
  gboolean inspector = action_state (self, "toggle-inspector");
  gboolean sidebar = action_state (self, "toggle-sidebar");

  self->folded = folded;
  gtk_widget_set_visible (gtk_widget_get_first_child (self->view_controls), !folded);
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_last_child (self->view_controls));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (child != GTK_WIDGET (self->zoom_button))
      gtk_widget_set_visible (child, !folded);

  if (folded && inspector && sidebar)
    {
      /* The inspector goes for now and comes back when there is room. */
      self->inspector_folded_away = TRUE;
      set_action_state (self, "toggle-inspector", FALSE);
    }
  else if (!folded && self->inspector_folded_away)
    {
      self->inspector_folded_away = FALSE;
      set_action_state (self, "toggle-inspector", TRUE);
    }
  if (!folded && !action_state (self, "toggle-sidebar"))
    set_action_state (self, "toggle-sidebar", TRUE);
}

static void
apply_width (GlossWindow *self,
             int          width)
{
  if (width <= 0)
    return;
  place_search_options (self, width >= WIDE_WIDTH);
  if ((width < FOLD_WIDTH) != self->folded)
    fold (self, width < FOLD_WIDTH);
}

static void
on_surface_layout (GdkSurface  *surface,
                   int          width,
                   int          height,
                   GlossWindow *self)
{
  apply_width (self, width);
}

static void
on_realize (GlossWindow *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));

  g_signal_connect_object (surface, "layout", G_CALLBACK (on_surface_layout), self, 0);
}

/* Sidebar and inspector: while folded, showing one hides the other. */
static void
toggle_sidebar_action (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  GlossWindow *self = user_data;
  gboolean visible = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (sidebar_of (self), visible);
  if (visible && self->folded)
    {
      self->inspector_folded_away = FALSE;
      set_action_state (self, "toggle-inspector", FALSE);
    }
}

static void
on_inspector_visible (GlossWindow *self)
{
  if (self->folded && gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
    {
      self->inspector_folded_away = FALSE;
      set_action_state (self, "toggle-sidebar", FALSE);
    }
}

/* A GtkPaned with a hidden child still takes presses where its handle was
 * (its drag gesture tests the handle's last place, wide grab area and
 * all): its gestures wait while a child is hidden. */
#define PHASE_KEY "gloss-propagation-phase"

void
_gloss_window_sync_paned_gestures (GtkPaned *paned)
{
  GtkWidget *start = gtk_paned_get_start_child (paned);
  GtkWidget *end = gtk_paned_get_end_child (paned);
  gboolean both = start != NULL && end != NULL && gtk_widget_get_visible (start) && gtk_widget_get_visible (end);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (paned));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gpointer saved;

      if (!GTK_IS_GESTURE (controller))
        continue;
      saved = g_object_get_data (G_OBJECT (controller), PHASE_KEY);
      if (saved == NULL)
        {
          saved = GINT_TO_POINTER (gtk_event_controller_get_propagation_phase (controller) + 1);
          g_object_set_data (G_OBJECT (controller), PHASE_KEY, saved);
        }
      gtk_event_controller_set_propagation_phase (controller,
                                                  both ? (GtkPropagationPhase) (GPOINTER_TO_INT (saved) - 1)
                                                       : GTK_PHASE_NONE);
    }
}

static void
watch_paned (GtkPaned *paned)
{
  GtkWidget *children[] = { gtk_paned_get_start_child (paned), gtk_paned_get_end_child (paned) };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    if (children[i] != NULL)
      g_signal_connect_object (children[i], "notify::visible",
                               G_CALLBACK (_gloss_window_sync_paned_gestures), paned, G_CONNECT_SWAPPED);
  _gloss_window_sync_paned_gestures (paned);
}

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The coder's name in the header bar is cut short rather than widening it. */
static void
ellipsize_coder_button (GlossWindow *self)
{
  GtkWidget *label = first_label (GTK_WIDGET (self->coder_button));

  if (label == NULL)
    return;
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
}

static void
add_sidebar_button (GlossWindow *self)
{
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (self->coder_button), ADW_TYPE_HEADER_BAR);
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), "sidebar-show-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.toggle-sidebar");
  gtk_widget_set_tooltip_text (button, _("Show Sidebar"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button);
}

static const GActionEntry fit_entries[] = {
  { "toggle-sidebar", NULL, NULL, "true", toggle_sidebar_action },
};

void
_gloss_window_setup_fit (GlossWindow *self)
{
  GtkPaned *excerpts_paned = GTK_PANED (gtk_widget_get_parent (GTK_WIDGET (self->excerpts_pane)));

  g_action_map_add_action_entries (G_ACTION_MAP (self), fit_entries, G_N_ELEMENTS (fit_entries), self);
  add_sidebar_button (self);
  setup_search_rows (self);

  /* The side panes do not count in the window's smallest width: before
   * they would have to shrink, one of them folds away. */
  gtk_paned_set_shrink_start_child (self->outer_paned, TRUE);
  gtk_paned_set_shrink_end_child (self->inner_paned, TRUE);

  watch_paned (self->outer_paned);
  watch_paned (self->inner_paned);
  watch_paned (excerpts_paned);
  g_signal_connect_object (self->inspector, "notify::visible",
                           G_CALLBACK (on_inspector_visible), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->coder_button, "notify::label",
                           G_CALLBACK (ellipsize_coder_button), self, G_CONNECT_SWAPPED);
  ellipsize_coder_button (self);

  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
  place_search_options (self, TRUE);
}
