/* gloss-code-popover.c: pick a code from the codebook, or name a new one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-code-popover.h"

struct _GlossCodePopover
{
  GtkPopover   parent_instance;

  GlossCodebookModel *model;   /* the codes and their counts */
  GtkCustomFilter    *filter;  /* the codes that match the needle */
  GtkFilterListModel *shown;   /* what the list box shows */
  char        *needle;   /* the filter, casefolded */
  guint        prepare_id;   /* styles and sizes of new rows, worked out ahead */

  /* Template children */
  GtkSearchEntry *search_entry;
  GtkListBox     *code_list;
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

/* The list box shows the matching codes: a row's index is its position there. */
static const GlossCode *
row_code (GlossCodePopover *self,
          GtkListBoxRow    *row)
{
  GlossCodeItem *item = g_list_model_get_item (G_LIST_MODEL (self->shown),
                                               (guint) gtk_list_box_row_get_index (row));
  const GlossCode *code;

  if (item == NULL)
    return NULL;
  code = gloss_code_item_get_code (item);
  /* The model holds the item. */
  g_object_unref (item);
  return code;
}

/* Rows */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GlossCode *code = gloss_code_item_get_code (user_data);
  GdkRGBA color = { 0.5, 0.5, 0.5, 1.0 };
  double size = MIN (width, height);

  if (code->color != NULL)
    gdk_rgba_parse (&color, code->color);

  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 0.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GlossCodeItem *item)
{
  return gdk_content_provider_new_typed (G_TYPE_INT64, gloss_code_item_get_id (item));
}

/* A row for one item of the model; its number is the model's count: every
 * coder's codings, or in blind mode only the chosen coder's. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  const GlossCode *code = gloss_code_item_get_code (item);
  gint64 n_codings = gloss_code_item_get_count (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (code->name);
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_set_margin_start (box, 6 + 16 * (int) code->depth);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, g_object_ref (item), g_object_unref);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  if (n_codings > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_codings);
      GtkWidget *count_label = gtk_label_new (count);

      gtk_widget_add_css_class (count_label, "dim-label");
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_box_append (GTK_BOX (box), count_label);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, code->description && *code->description
                                    ? code->description : code->path);

  /* A code dragged onto the document's selection codes it. */
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect_data (drag, "prepare", G_CALLBACK (on_drag_prepare), g_object_ref (item),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));

  return row;
}

static gboolean
matches_needle (gpointer item,
                gpointer user_data)
{
  GlossCodePopover *self = user_data;

  return gloss_code_matches_filter (gloss_code_item_get_code (item), self->needle);
}

/* The "Create code «name»" button: when the text names no existing code. */
static void
update_create_button (GlossCodePopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autofree char *label = NULL;
  gboolean exact = FALSE;

  GPtrArray *codes = gloss_codebook_model_get_codes (self->model);

  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);
      if (g_utf8_collate (code->name, name) == 0 || g_strcmp0 (code->path, name) == 0)
        exact = TRUE;
    }

  if (*name == '\0' || exact)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->create_button), FALSE);
      return;
    }

  /* Translators: a button; %s is the name typed in the search entry */
  label = g_strdup_printf (_("Create code «%s»"), name);
  gtk_button_set_label (self->create_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), TRUE);
}

static void
update_visibility (GlossCodePopover *self)
{
  gboolean has_codes = g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0;
  gboolean has_match = gloss_code_popover_get_first_match (self) > 0;

  gtk_widget_set_visible (self->scroller, has_codes && has_match);
  gtk_widget_set_visible (self->empty_label, !has_codes);
  update_create_button (self);
}

/* A codebook of hundreds of codes takes a second to style and measure the
 * first time: done while the window rests, not when the popover is asked for. */
static gboolean
prepare_idle (gpointer user_data)
{
  GlossCodePopover *self = user_data;

  self->prepare_id = 0;
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_measure (GTK_WIDGET (self->code_list), GTK_ORIENTATION_VERTICAL, 300, NULL, NULL, NULL, NULL);
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

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* Apply at once rather than after the entry's search delay. */
  g_free (self->needle);
  self->needle = g_strstrip (g_strdup (text ? text : ""));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_visibility (self);
}

gint64
gloss_code_popover_get_first_match (GlossCodePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_POPOVER (self), 0);

  GPtrArray *codes = gloss_codebook_model_get_codes (self->model);

  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);
      if (gloss_code_matches_filter (code, self->needle))
        return code->id;
    }

  return 0;
}

void
gloss_code_popover_activate_first (GlossCodePopover *self)
{
  g_autofree char *name = NULL;
  gint64 code_id;

  g_return_if_fail (GLOSS_IS_CODE_POPOVER (self));

  code_id = gloss_code_popover_get_first_match (self);
  if (code_id > 0)
    {
      g_signal_emit (self, signals[CODE_CHOSEN], 0, code_id);
      return;
    }

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*name != '\0')
    g_signal_emit (self, signals[CODE_CREATE], 0, name);
}

/* Template callbacks */

static void
on_search_changed (GlossCodePopover *self)
{
  g_free (self->needle);
  self->needle = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_visibility (self);
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

static void
on_row_activated (GlossCodePopover *self,
                  GtkListBoxRow    *row)
{
  const GlossCode *code = row_code (self, row);

  if (code != NULL)
    g_signal_emit (self, signals[CODE_CHOSEN], 0, code->id);
}

static void
on_create_clicked (GlossCodePopover *self)
{
  g_autofree char *name =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (*name != '\0')
    g_signal_emit (self, signals[CODE_CREATE], 0, name);
}

/* Down from the search entry moves into the list. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GlossCodePopover      *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      /* The rows are the matches. */
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->code_list, 0);

      if (row != NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (row));
          return TRUE;
        }
    }

  return FALSE;
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

static void
gloss_code_popover_show (GtkWidget *widget)
{
  GlossCodePopover *self = GLOSS_CODE_POPOVER (widget);

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
}

static void
gloss_code_popover_init (GlossCodePopover *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->needle = g_strdup ("");
  self->filter = gtk_custom_filter_new (matches_needle, self, NULL);
  self->shown = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->code_list, G_LIST_MODEL (self->shown), create_row, self, NULL);
  gloss_code_popover_set_model (self, NULL);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  update_visibility (self);
}
