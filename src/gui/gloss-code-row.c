/* gloss-code-row.c: a code of the codebook panel's tree
 *
 * Expander, colour, name (edited in place), count. What the row offers
 * goes through the panel's codebook.* actions: recolour, rename, move (a
 * code dropped on the row), and the code's context menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-code-row.h"
#include "gloss-codebook-panel-private.h"

/* The rename waits for the label to finish its edit (it checks its focus
 * 100 ms after losing it) before the list reloads and may replace the row. */
#define RENAME_DELAY_MS 200

struct _GlossCodeRow
{
  GtkWidget         parent_instance;

  GtkTreeListRow   *list_row;

  /* Template children */
  GtkTreeExpander  *expander;
  GtkColorButton   *swatch;
  GtkEditableLabel *label;
  GtkLabel         *count;
};

G_DEFINE_FINAL_TYPE (GlossCodeRow, gloss_code_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlossCodeItem *
gloss_code_row_get_item (GlossCodeRow *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_ROW (self), NULL);

  return self->list_row != NULL ? gtk_tree_expander_get_item (self->expander) : NULL;
}

GtkTreeListRow *
gloss_code_row_get_list_row (GlossCodeRow *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_ROW (self), NULL);

  return self->list_row;
}

static void
show_item (GlossCodeRow  *self,
           GlossCodeItem *item)
{
  const GlossCode *code = gloss_code_item_get_code (item);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, gloss_code_item_get_count (item));
  GdkRGBA rgba = { 0.5, 0.5, 0.5, 1.0 };

  if (code->color != NULL)
    gdk_rgba_parse (&rgba, code->color);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->swatch), &rgba);
  gtk_editable_set_text (GTK_EDITABLE (self->label), code->name);
  gtk_label_set_text (self->count, count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), code->description && *code->description
                                                  ? code->description : code->path);
}

void
gloss_code_row_set_list_row (GlossCodeRow   *self,
                             GtkTreeListRow *list_row)
{
  GlossCodeItem *item;

  g_return_if_fail (GLOSS_IS_CODE_ROW (self));

  if (!g_set_object (&self->list_row, list_row))
    return;
  gtk_tree_expander_set_list_row (self->expander, list_row);
  if ((item = gloss_code_row_get_item (self)) != NULL)
    show_item (self, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_ROW]);
}

void
gloss_code_row_start_rename (GlossCodeRow *self)
{
  g_return_if_fail (GLOSS_IS_CODE_ROW (self));

  gtk_widget_set_can_target (GTK_WIDGET (self->label), TRUE);
  gtk_editable_label_start_editing (self->label);
  gtk_widget_grab_focus (GTK_WIDGET (self->label));
}

/* Colour */

static void
on_color_set (GlossCodeRow *self)
{
  GlossCodeItem *item = gloss_code_row_get_item (self);
  g_autofree char *hex = NULL;
  GdkRGBA rgba;

  if (item == NULL)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->swatch), &rgba);
  hex = _gloss_rgba_to_hex (&rgba);
  gtk_widget_activate_action (GTK_WIDGET (self), "codebook.recolor", "(xs)", gloss_code_item_get_id (item), hex);
}

/* Rename in place */

typedef struct
{
  GtkWidget *panel;
  gint64     code_id;
  char      *name;
} PendingRename;

static void
pending_rename_free (gpointer data)
{
  PendingRename *rename = data;

  g_object_unref (rename->panel);
  g_free (rename->name);
  g_free (rename);
}

static gboolean
run_pending_rename (gpointer data)
{
  PendingRename *rename = data;

  gtk_widget_activate_action (rename->panel, "codebook.rename", "(xs)", rename->code_id, rename->name);
  return G_SOURCE_REMOVE;
}

static void
on_label_editing (GlossCodeRow *self)
{
  GlossCodeItem *item = gloss_code_row_get_item (self);
  g_autofree char *text = NULL;
  PendingRename *rename;
  GtkWidget *list_view;

  if (gtk_editable_label_get_editing (self->label) || item == NULL)
    return;

  gtk_widget_set_can_target (GTK_WIDGET (self->label), FALSE);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label))));
  if (*text == '\0' || g_strcmp0 (text, gloss_code_item_get_code (item)->name) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->label), gloss_code_item_get_code (item)->name);
      return;
    }
  list_view = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_VIEW);
  if (list_view == NULL || gtk_widget_get_parent (list_view) == NULL)
    return;
  /* Focus leaves the label now, so that its check happens before the reload. */
  gtk_widget_grab_focus (list_view);
  rename = g_new0 (PendingRename, 1);
  /* The action is the panel's: any ancestor of the list reaches it. */
  rename->panel = g_object_ref (gtk_widget_get_parent (list_view));
  rename->code_id = gloss_code_item_get_id (item);
  rename->name = g_steal_pointer (&text);
  g_timeout_add_full (G_PRIORITY_DEFAULT, RENAME_DELAY_MS, run_pending_rename, rename, pending_rename_free);
}

/* Context menu */

static void
on_popover_closed (GtkPopover *popover)
{
  /* Unparent after the menu's own action has run. */
  g_idle_add_once ((GSourceOnceFunc) gtk_widget_unparent, popover);
}

static void
on_right_click (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GlossCodeRow    *self)
{
  GlossCodeItem *item = gloss_code_row_get_item (self);
  g_autoptr(GMenu) menu = NULL;
  GtkWidget *popover;
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (item == NULL)
    return;

  menu = _gloss_codebook_code_menu (gloss_code_item_get_id (item));
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Drag and drop: a code dragged carries its id; a drop asks the panel to
 * place it by where on the row it fell. */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GlossCodeRow  *self)
{
  GlossCodeItem *item = gloss_code_row_get_item (self);

  if (item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, gloss_code_item_get_id (item));
}

static gboolean
on_drop (GtkDropTarget *drop,
         const GValue  *value,
         double         x,
         double         y,
         GlossCodeRow  *self)
{
  GlossCodeItem *item = gloss_code_row_get_item (self);
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gint64 moved_id;

  if (item == NULL || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  moved_id = g_value_get_int64 (value);
  if (moved_id == gloss_code_item_get_id (item))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "codebook.drop", "(xxd)",
                              moved_id, gloss_code_item_get_id (item), height > 0 ? y / height : 0.5);
  return TRUE;
}

/* Class */

static void
gloss_code_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossCodeRow *self = GLOSS_CODE_ROW (object);

  switch (prop_id)
    {
    case PROP_LIST_ROW:
      g_value_set_object (value, self->list_row);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_code_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossCodeRow *self = GLOSS_CODE_ROW (object);

  switch (prop_id)
    {
    case PROP_LIST_ROW:
      gloss_code_row_set_list_row (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_code_row_dispose (GObject *object)
{
  GlossCodeRow *self = GLOSS_CODE_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CODE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->list_row);

  G_OBJECT_CLASS (gloss_code_row_parent_class)->dispose (object);
}

static void
gloss_code_row_class_init (GlossCodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_code_row_dispose;
  object_class->get_property = gloss_code_row_get_property;
  object_class->set_property = gloss_code_row_set_property;

  properties[PROP_LIST_ROW] =
    g_param_spec_object ("list-row", NULL, NULL, GTK_TYPE_TREE_LIST_ROW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-code-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCodeRow, expander);
  gtk_widget_class_bind_template_child (widget_class, GlossCodeRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, GlossCodeRow, label);
  gtk_widget_class_bind_template_child (widget_class, GlossCodeRow, count);
  gtk_widget_class_bind_template_callback (widget_class, on_color_set);
  gtk_widget_class_bind_template_callback (widget_class, on_label_editing);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
gloss_code_row_init (GlossCodeRow *self)
{
  GtkGesture *right_click = gtk_gesture_click_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (right_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (right_click, "pressed", G_CALLBACK (on_right_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (right_click));

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
