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

  GPtrArray   *codes;
  char        *needle;   /* the filter, casefolded */

  /* Counted from the project when it is set: one coder's codings in blind
   * mode, everyone's otherwise (code id -> gint64) */
  GlossProject *project;
  gint64        coder_id;
  GHashTable   *counts;
  gulong        changed_id;   /* the project's "changed" */
  gboolean      stale;        /* codings changed since they were counted */
  guint         recount_id;   /* counting them again while the window rests */
  guint         prepare_id;   /* styles and sizes of new rows, worked out ahead */

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

#define ROW_CODE_KEY "gloss-code"
#define ROW_COUNT_KEY "gloss-count-label"

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

static const GlossCode *
row_code (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), ROW_CODE_KEY);
}

/* Rows */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GlossCode *code = user_data;
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
                 GtkListBoxRow *row)
{
  const GlossCode *code = row_code (row);

  return gdk_content_provider_new_typed (G_TYPE_INT64, code->id);
}

/* The number shown beside @code: every coder's codings, or in blind mode
 * only the chosen coder's. */
static gint64
code_count (GlossCodePopover *self,
            const GlossCode  *code)
{
  gint64 *count;

  if (self->counts == NULL)
    return code->n_codings;
  count = g_hash_table_lookup (self->counts, &code->id);
  return count != NULL ? *count : 0;
}

static void
show_count (GtkWidget *count_label,
            gint64     n_codings)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_codings);

  gtk_label_set_text (GTK_LABEL (count_label), count);
  gtk_widget_set_visible (count_label, n_codings > 0);
}

/* The numbers change in the rows there are; no row is made anew. */
static void
update_counts (GlossCodePopover *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->code_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *count_label = g_object_get_data (G_OBJECT (row), ROW_COUNT_KEY);

      if (count_label != NULL)
        show_count (count_label, code_count (self, row_code (GTK_LIST_BOX_ROW (row))));
    }
}

static GtkWidget *
create_row (GlossCodePopover *self,
            const GlossCode  *code)
{
  gint64 n_codings = code_count (self, code);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (code->name);
  GtkWidget *count_label = gtk_label_new (NULL);
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_set_margin_start (box, 6 + 16 * (int) code->depth);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, (gpointer) code, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), count_label);
  show_count (count_label, n_codings);
  g_object_set_data (G_OBJECT (row), ROW_COUNT_KEY, count_label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, code->description && *code->description
                                    ? code->description : code->path);
  g_object_set_data (G_OBJECT (row), ROW_CODE_KEY, (gpointer) code);

  /* A code dragged onto the document's selection codes it. */
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));

  return row;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  GlossCodePopover *self = user_data;

  return gloss_code_matches_filter (row_code (row), self->needle);
}

/* The "Create code «name»" button: when the text names no existing code. */
static void
update_create_button (GlossCodePopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autofree char *label = NULL;
  gboolean exact = FALSE;

  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (self->codes, i);
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
  gboolean has_codes = self->codes != NULL && self->codes->len > 0;
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
gloss_code_popover_set_codes (GlossCodePopover *self,
                              GPtrArray        *codes)
{
  GtkWidget *child;

  g_return_if_fail (GLOSS_IS_CODE_POPOVER (self));

  /* Rows point into the array: drop them before the array goes. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->code_list))) != NULL)
    gtk_list_box_remove (self->code_list, child);

  if (codes != NULL)
    g_ptr_array_ref (codes);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = codes;

  for (guint i = 0; codes != NULL && i < codes->len; i++)
    gtk_list_box_append (self->code_list, create_row (self, g_ptr_array_index (codes, i)));

  update_visibility (self);
  if (self->prepare_id == 0)
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_idle, self, NULL);
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
  gtk_list_box_invalidate_filter (self->code_list);
  update_visibility (self);
}

gint64
gloss_code_popover_get_first_match (GlossCodePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_POPOVER (self), 0);

  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (self->codes, i);
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
  gtk_list_box_invalidate_filter (self->code_list);
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
  g_signal_emit (self, signals[CODE_CHOSEN], 0, row_code (row)->id);
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
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->code_list));
           row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          if (gtk_widget_get_child_visible (row) && filter_row (GTK_LIST_BOX_ROW (row), self))
            {
              gtk_widget_grab_focus (row);
              return TRUE;
            }
        }
    }

  return FALSE;
}

/* Counts the codings per code afresh: @coder_id's, or everyone's for 0. */
static void
count_coder_codings (GlossCodePopover *self)
{
  GlossCodingFilter filter = { .coder_id = self->coder_id };
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->counts, g_hash_table_unref);
  if (self->project == NULL)
    return;

  self->counts = gloss_project_count_codings_by_code (self->project, &filter, &error);
  if (self->counts == NULL)
    {
      g_warning ("Could not count the codings: %s", error->message);
      self->counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
    }
}

static void
recount (GlossCodePopover *self)
{
  self->stale = FALSE;
  count_coder_codings (self);
  update_counts (self);
}

static gboolean
recount_idle (gpointer user_data)
{
  GlossCodePopover *self = user_data;

  self->recount_id = 0;
  if (self->stale)
    recount (self);
  return G_SOURCE_REMOVE;
}

/* Codings come and go while the popover is hidden: they are counted again
 * when the window rests, not when the popover is asked for (on 40,000
 * codings, counting and making every row anew on each right-click kept
 * it waiting 0.5 to 2 s). */
static void
on_project_changed (GlossProject     *project,
                    guint             changes,
                    GlossCodePopover *self)
{
  if (!(changes & (GLOSS_CHANGE_CODINGS | GLOSS_CHANGE_CODES | GLOSS_CHANGE_DOCUMENTS)))
    return;
  self->stale = TRUE;
  if (self->recount_id == 0)
    self->recount_id = g_idle_add_full (G_PRIORITY_LOW, recount_idle, self, NULL);
}

void
gloss_code_popover_set_coder_filter (GlossCodePopover *self,
                                     GlossProject     *project,
                                     gint64            coder_id)
{
  g_return_if_fail (GLOSS_IS_CODE_POPOVER (self));

  if (self->project != project)
    {
      if (self->project != NULL)
        g_clear_signal_handler (&self->changed_id, self->project);
      g_set_object (&self->project, project);
      if (project != NULL)
        self->changed_id = g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
    }
  self->coder_id = coder_id;
  recount (self);
}

gint64
gloss_code_popover_get_count (GlossCodePopover *self,
                              gint64            code_id)
{
  g_return_val_if_fail (GLOSS_IS_CODE_POPOVER (self), -1);

  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    {
      const GlossCode *code = g_ptr_array_index (self->codes, i);

      if (code->id == code_id)
        return code_count (self, code);
    }
  return -1;
}


static void
gloss_code_popover_show (GtkWidget *widget)
{
  GlossCodePopover *self = GLOSS_CODE_POPOVER (widget);

  /* Asked for before the window rested: the numbers are made right now. */
  if (self->project != NULL && self->stale)
    recount (self);

  GTK_WIDGET_CLASS (gloss_code_popover_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
gloss_code_popover_dispose (GObject *object)
{
  GlossCodePopover *self = GLOSS_CODE_POPOVER (object);

  g_clear_handle_id (&self->recount_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CODE_POPOVER);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (gloss_code_popover_parent_class)->dispose (object);
}

static void
gloss_code_popover_class_init (GlossCodePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_code_popover_dispose;
  widget_class->show = gloss_code_popover_show;

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
  gtk_list_box_set_filter_func (self->code_list, filter_row, self, NULL);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  update_visibility (self);
}
