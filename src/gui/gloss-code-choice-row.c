/* gloss-code-choice-row.c: a code the code popover offers
 *
 * One of the few rows the popover's list view recycles: when it is given
 * another item it only sets its labels, indent and tooltip again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "gloss-code-choice-row.h"
#include "gloss-code-item.h"

struct _GlossCodeChoiceRow
{
  GlossItemRow    parent_instance;

  /* Template children */
  GtkWidget      *box;
  GtkWidget      *swatch;   /* a place kept for the colour, drawn in snapshot */
  GtkLabel       *name_label;
  GtkLabel       *count_label;
};

G_DEFINE_FINAL_TYPE (GlossCodeChoiceRow, gloss_code_choice_row, GLOSS_TYPE_ITEM_ROW)

static GlossCodeItem *
row_item (GlossCodeChoiceRow *self)
{
  GObject *item = gloss_item_row_get_item (GLOSS_ITEM_ROW (self));

  return GLOSS_IS_CODE_ITEM (item) ? GLOSS_CODE_ITEM (item) : NULL;
}

const char *
gloss_code_choice_row_get_label (GlossCodeChoiceRow *self)
{
  g_return_val_if_fail (GLOSS_IS_CODE_CHOICE_ROW (self), NULL);

  return gtk_label_get_text (self->name_label);
}

/* The swatch is drawn here, as a coloured disc over the place the template
 * keeps for it: no cairo surface to upload each time the row is drawn. */
static void
gloss_code_choice_row_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  GlossCodeChoiceRow *self = GLOSS_CODE_CHOICE_ROW (widget);
  GlossCodeItem *item = row_item (self);
  const GlossCode *code = item != NULL ? gloss_code_item_get_code (item) : NULL;
  GdkRGBA color = { 0.5, 0.5, 0.5, 1.0 };
  GdkRGBA edge = { 0, 0, 0, 0.2 };
  graphene_rect_t bounds;
  GskRoundedRect disc;
  float size;

  GTK_WIDGET_CLASS (gloss_code_choice_row_parent_class)->snapshot (widget, snapshot);

  if (code == NULL || !gtk_widget_compute_bounds (self->swatch, widget, &bounds))
    return;
  if (code->color != NULL)
    gdk_rgba_parse (&color, code->color);
  size = MIN (bounds.size.width, bounds.size.height);
  gsk_rounded_rect_init_from_rect (&disc,
                                   &GRAPHENE_RECT_INIT (bounds.origin.x + (bounds.size.width - size) / 2,
                                                        bounds.origin.y + (bounds.size.height - size) / 2,
                                                        size, size),
                                   size / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, &color, &disc.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &disc, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { edge, edge, edge, edge });
}

/* A code dragged onto the document's selection codes it. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource      *source,
                 double              x,
                 double              y,
                 GlossCodeChoiceRow *self)
{
  GlossCodeItem *item = row_item (self);

  if (item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, gloss_code_item_get_id (item));
}

/* The number is the model's count: every coder's codings, or in blind
 * mode only the chosen coder's. */
static void
gloss_code_choice_row_item_changed (GlossItemRow *row)
{
  GlossCodeChoiceRow *self = GLOSS_CODE_CHOICE_ROW (row);
  GlossCodeItem *item = row_item (self);
  const GlossCode *code = item != NULL ? gloss_code_item_get_code (item) : NULL;
  gint64 count = item != NULL ? gloss_code_item_get_count (item) : 0;

  if (code == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      return;
    }

  gtk_widget_set_margin_start (self->box, 6 + 16 * (int) code->depth);
  gtk_label_set_text (self->name_label, code->name);
  if (count > 0)
    {
      char text[32];

      g_snprintf (text, sizeof text, "%" PRId64, count);
      gtk_label_set_text (self->count_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), code->description != NULL && *code->description
                                                  ? code->description : code->path);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gloss_code_choice_row_class_init (GlossCodeChoiceRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  GLOSS_ITEM_ROW_CLASS (klass)->item_changed = gloss_code_choice_row_item_changed;
  widget_class->snapshot = gloss_code_choice_row_snapshot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-code-choice-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCodeChoiceRow, box);
  gtk_widget_class_bind_template_child (widget_class, GlossCodeChoiceRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, GlossCodeChoiceRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCodeChoiceRow, count_label);
}

static void
gloss_code_choice_row_init (GlossCodeChoiceRow *self)
{
  GtkDragSource *drag;

  gtk_widget_init_template (GTK_WIDGET (self));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}
