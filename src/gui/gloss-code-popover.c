/* gloss-code-popover.c: pick a code from the codebook, or name a new one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-code-choice-row.h"
#include "gloss-code-popover.h"

/* A list view over the window's codebook model: it makes widgets for the
 * rows on screen only and recycles them as the list scrolls or the filter
 * changes, so that opening the popover costs the same for 10 codes as for
 * 1,000. The popover is made once per window and kept; opening it again
 * changes nothing unless a filter was left in it. */
struct _GlossCodePopover
{
  GtkPopover   parent_instance;

  GlossCodebookModel *model;    /* the codes and their counts */
  GtkCustomFilter    *filter;   /* the codes that match the needle */
  GtkFilterListModel *shown;    /* what the list view shows */
  char        *needle;          /* the filter as typed, stripped */
  char        *folded;          /* the same, casefolded */
  guint        prepare_id;      /* the list's style worked out ahead */

  /* Template children */
  GtkSearchEntry *search_entry;
  GtkListView    *code_list;
  GtkWidget      *scroller;
  GtkWidget      *empty_label;
  GtkButton      *create_button;
};

G_DEFINE_FINAL_TYPE (GlossCodePopover, gloss_code_popover, GTK_TYPE_POPOVER)

enum {
  CODE_CHOSEN,
  CODE_CREATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
gloss_code_popover_new (void)
{
  return g_object_new (GLOSS_TYPE_CODE_POPOVER, NULL);
}

gboolean
gloss_code_matches_filter (const GlossCode *code,
                           const char      *needle)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folded = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;

  folded = g_utf8_casefold (needle, -1);
  name = g_utf8_casefold (code->name, -1);
  if (strstr (name, folded) != NULL)
    return TRUE;

  if (code->path != NULL)
    {
      path = g_utf8_casefold (code->path, -1);
      return strstr (path, folded) != NULL;
    }

  return FALSE;
}

static gboolean
matches_needle (gpointer item,
                gpointer user_data)
{
  GlossCodePopover *self = user_data;

  return gloss_code_item_matches_folded (item, self->folded);
}

/* The "Create code «name»" button: when the text names no existing code. */
static void
update_create_button (GlossCodePopover *self)
{
  g_autofree char *label = NULL;
  GPtrArray *codes;

  if (*self->needle == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->create_button), FALSE);
      return;
    }

  codes = gloss_codebook_model_get_codes (self->model);
  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);

      if (g_utf8_collate (code->name, self->needle) == 0 || g_strcmp0 (code->path, self->needle) == 0)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->create_button), FALSE);
          return;
        }
    }

  /* Translators: a button; %s is the name typed in the search entry */
  label = g_strdup_printf (_("Create code «%s»"), self->needle);
  gtk_button_set_label (self->create_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), TRUE);
}

static void
update_visibility (GlossCodePopover *self)
{
  gboolean has_codes = g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0;
  gboolean has_match = g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0;

  gtk_widget_set_visible (self->scroller, has_codes && has_match);
  gtk_widget_set_visible (self->empty_label, !has_codes);
  update_create_button (self);
}

/* Filters by @text. Typing on narrows the list: only the codes shown are
 * looked at again; deleting widens it: only those hidden are. */
static void
set_needle (GlossCodePopover *self,
            const char       *text)
{
  g_autofree char *needle = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = g_utf8_casefold (needle, -1);
  GtkFilterChange change;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  if (strcmp (folded, self->folded) != 0)
    {
      if (strstr (folded, self->folded) != NULL)
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (strstr (self->folded, folded) != NULL)
        change = GTK_FILTER_CHANGE_LESS_STRICT;
      else
        change = GTK_FILTER_CHANGE_DIFFERENT;
      g_free (self->folded);
      self->folded = g_steal_pointer (&folded);
      gtk_filter_changed (GTK_FILTER (self->filter), change);
    }
  update_visibility (self);
}

/* Styles and sizes of the first rows are worked out while the window rests,
 * not when the popover is asked for. */
static gboolean
prepare_idle (gpointer user_data)
{
  GlossCodePopover *self = user_data;

  self->prepare_id = 0;
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_measure (gtk_popover_get_child (GTK_POPOVER (self)), GTK_ORIENTATION_VERTICAL, 300,
                        NULL, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

void
gloss_code_popover_set_model (GlossCodePopover   *self,
                              GlossCodebookModel *model)
{
  g_return_if_fail (GLOSS_IS_CODE_POPOVER (self));
  g_return_if_fail (model == NULL || GLOSS_IS_CODEBOOK_MODEL (model));

  if (model != NULL && self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  /* Without a model of its own, an empty one. */
  self->model = model != NULL ? g_object_ref (model) : gloss_codebook_model_new ();
  gtk_filter_list_model_set_model (self->shown, G_LIST_MODEL (self->model));
  g_signal_connect_swapped (self->model, "reloaded", G_CALLBACK (update_visibility), self);
  update_visibility (self);
  if (self->prepare_id == 0)
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_idle, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GlossCodebookModel *
gloss_code_popover_get_model (GlossCodePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_POPOVER (self), NULL);

  return self->model;
}

void
gloss_code_popover_set_filter (GlossCodePopover *self,
                               const char       *text)
{
  g_return_if_fail (GLOSS_IS_CODE_POPOVER (self));

  /* The entry's own "search-changed" follows after its delay, with the
   * same text: then nothing is left to do. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  set_needle (self, text);
}

static GlossCodeItem *
shown_item (GlossCodePopover *self,
            guint             position)
{
  GlossCodeItem *item = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  /* The model holds the item. */
  if (item != NULL)
    g_object_unref (item);
  return item;
}

gint64
gloss_code_popover_get_first_match (GlossCodePopover *self)
{
  GlossCodeItem *item;

  g_return_val_if_fail (GLOSS_IS_CODE_POPOVER (self), 0);

  item = shown_item (self, 0);
  return item != NULL ? gloss_code_item_get_id (item) : 0;
}

guint
gloss_code_popover_get_n_shown (GlossCodePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_POPOVER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

void
gloss_code_popover_activate_first (GlossCodePopover *self)
{
  gint64 code_id;

  g_return_if_fail (GLOSS_IS_CODE_POPOVER (self));

  code_id = gloss_code_popover_get_first_match (self);
  if (code_id > 0)
    {
      g_signal_emit (self, signals[CODE_CHOSEN], 0, code_id);
      return;
    }

  if (*self->needle != '\0')
    g_signal_emit (self, signals[CODE_CREATE], 0, self->needle);
}

/* Rows and keyboard */

/* The row that has the keyboard focus, or NULL. */
static GlossCodeChoiceRow *
focused_row (GlossCodePopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL && focus != GTK_WIDGET (self->code_list); focus = gtk_widget_get_parent (focus))
    {
      GtkWidget *child = gtk_widget_get_first_child (focus);

      if (GLOSS_IS_CODE_CHOICE_ROW (focus))
        return GLOSS_CODE_CHOICE_ROW (focus);
      /* The list view focuses the row's list item widget. */
      if (child != NULL && GLOSS_IS_CODE_CHOICE_ROW (child))
        return GLOSS_CODE_CHOICE_ROW (child);
    }
  return NULL;
}

GlossCodeItem *
gloss_code_popover_get_focused_item (GlossCodePopover *self)
{
  GlossCodeChoiceRow *row;
  GObject *item;

  g_return_val_if_fail (GLOSS_IS_CODE_POPOVER (self), NULL);

  row = focused_row (self);
  item = row != NULL ? gloss_item_row_get_item (GLOSS_ITEM_ROW (row)) : NULL;
  return GLOSS_IS_CODE_ITEM (item) ? GLOSS_CODE_ITEM (item) : NULL;
}

/* The row of the first match, brought into view and focused. */
static gboolean
focus_first_row (GlossCodePopover *self)
{
  GlossCodeItem *first = shown_item (self, 0);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->code_list));

  if (first == NULL)
    return FALSE;
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  gtk_widget_activate_action (GTK_WIDGET (self->code_list), "list.scroll-to-item", "u", 0);
  if (gloss_code_popover_get_focused_item (self) == first)
    return TRUE;

  /* The rows on screen are the list view's children. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->code_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row != NULL && GLOSS_IS_CODE_CHOICE_ROW (row) &&
          gloss_item_row_get_item (GLOSS_ITEM_ROW (row)) == G_OBJECT (first))
        return gtk_widget_grab_focus (child);
    }
  return gtk_widget_child_focus (GTK_WIDGET (self->code_list), GTK_DIR_TAB_FORWARD);
}

/* Template callbacks */

static void
on_search_changed (GlossCodePopover *self)
{
  set_needle (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate (GlossCodePopover *self)
{
  /* The search delay may not have run yet. */
  on_search_changed (self);
  gloss_code_popover_activate_first (self);
}

static void
on_stop_search (GlossCodePopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* A click on a row, or Enter on the focused one. */
static void
on_row_activated (GlossCodePopover *self,
                  guint             position)
{
  GlossCodeItem *item = shown_item (self, position);

  if (item == NULL)
    return;
  /* The keyboard back in the entry first: the coding reloads the model,
   * and the row that had the focus goes to another code or away. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  g_signal_emit (self, signals[CODE_CHOSEN], 0, gloss_code_item_get_id (item));
}

static void
on_create_clicked (GlossCodePopover *self)
{
  on_search_changed (self);
  if (*self->needle != '\0')
    g_signal_emit (self, signals[CODE_CREATE], 0, self->needle);
}

/* Down from the search entry moves into the list. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GlossCodePopover      *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  /* The rows are the matches of what was typed so far. */
  on_search_changed (self);
  return focus_first_row (self);
}

/* Up from the first row goes back to the search entry. */
static gboolean
on_list_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GlossCodePopover      *self)
{
  GlossCodeItem *focused;

  if (keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Up)
    return FALSE;
  focused = gloss_code_popover_get_focused_item (self);
  if (focused == NULL || focused != shown_item (self, 0))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

gint64
gloss_code_popover_get_count (GlossCodePopover *self,
                              gint64            code_id)
{
  GlossCodeItem *item;

  g_return_val_if_fail (GLOSS_IS_CODE_POPOVER (self), -1);

  item = gloss_codebook_model_lookup (self->model, code_id);
  return item != NULL ? gloss_code_item_get_count (item) : -1;
}

/* Each time it opens: the list from its top, the keyboard in the entry. */
static void
gloss_code_popover_show (GtkWidget *widget)
{
  GlossCodePopover *self = GLOSS_CODE_POPOVER (widget);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->code_list));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  GTK_WIDGET_CLASS (gloss_code_popover_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
gloss_code_popover_dispose (GObject *object)
{
  GlossCodePopover *self = GLOSS_CODE_POPOVER (object);

  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CODE_POPOVER);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->folded, g_free);
  g_clear_object (&self->shown);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (gloss_code_popover_parent_class)->dispose (object);
}

static void
gloss_code_popover_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossCodePopover *self = GLOSS_CODE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_code_popover_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossCodePopover *self = GLOSS_CODE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      gloss_code_popover_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_code_popover_class_init (GlossCodePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_code_popover_dispose;
  object_class->get_property = gloss_code_popover_get_property;
  object_class->set_property = gloss_code_popover_set_property;
  widget_class->show = gloss_code_popover_show;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GLOSS_TYPE_CODEBOOK_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CODE_CHOSEN] =
    g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CODE_CREATE] =
    g_signal_new ("code-create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-code-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCodePopover, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossCodePopover, code_list);
  gtk_widget_class_bind_template_child (widget_class, GlossCodePopover, scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossCodePopover, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCodePopover, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);

  g_type_ensure (GLOSS_TYPE_CODE_CHOICE_ROW);
}

static void
gloss_code_popover_init (GlossCodePopover *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->needle = g_strdup ("");
  self->folded = g_strdup ("");
  self->filter = gtk_custom_filter_new (matches_needle, self, NULL);
  self->shown = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown))));
  factory = gtk_builder_list_item_factory_new_from_resource (NULL,
                                                             "/io/github/glossqda/Gloss/gloss-code-choice-list-item.ui");
  gtk_list_view_set_factory (self->code_list, factory);
  gtk_list_view_set_model (self->code_list, selection);
  gloss_code_popover_set_model (self, NULL);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->code_list), keys);

  /* Typing while a row has the focus goes on in the entry. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->code_list));

  update_visibility (self);
}
