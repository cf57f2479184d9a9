/* gloss-attribute-cell.c: one attribute value, shown and edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-attribute-cell.h"

struct _GlossAttributeCell
{
  GtkWidget           parent_instance;

  gint64              attribute_id;
  GlossAttributeType  type;
  GStrv               choices;      /* the list entries after the empty one */
  gint64              target_id;
  char               *value;        /* as stored; NULL: empty */
  gboolean            binding;
  char               *pending;      /* typed or chosen, to be stored from an idle */
  gint64              pending_attribute;
  gint64              pending_target;
  char               *pending_old;  /* the value it was typed over */
  guint               commit_id;

  GtkStack           *stack;
  GtkEntry           *entry;
  GtkDropDown        *dropdown;
  GtkStringList      *choice_model;
};

G_DEFINE_FINAL_TYPE (GlossAttributeCell, gloss_attribute_cell, GTK_TYPE_WIDGET)

#define EMPTY_ENTRY "—"

GtkWidget *
gloss_attribute_cell_new (void)
{
  return g_object_new (GLOSS_TYPE_ATTRIBUTE_CELL, NULL);
}

static gboolean
is_list (GlossAttributeCell *self)
{
  return self->type == GLOSS_ATTRIBUTE_BOOLEAN || self->type == GLOSS_ATTRIBUTE_CATEGORY;
}

/* The stored value of a list entry: yes/no as "true"/"false". */
static const char *
stored_choice (GlossAttributeCell *self,
               guint               index)
{
  if (self->type == GLOSS_ATTRIBUTE_BOOLEAN)
    return index == 1 ? "true" : index == 2 ? "false" : NULL;

  return index == 0 || index > g_strv_length (self->choices) ? NULL : self->choices[index - 1];
}

static guint
choice_index (GlossAttributeCell *self,
              const char         *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->choice_model));

  for (guint i = 1; value != NULL && i < n; i++)
    if (g_strcmp0 (stored_choice (self, i), value) == 0)
      return i;

  return 0;
}

static void
show_value (GlossAttributeCell *self)
{
  /* Disposed while its value was being stored. */
  if (self->entry == NULL || self->dropdown == NULL)
    return;

  self->binding = TRUE;
  if (is_list (self))
    gtk_drop_down_set_selected (self->dropdown, choice_index (self, self->value));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->entry), self->value != NULL ? self->value : "");
  self->binding = FALSE;
}

/* The value goes to the project once the editing widget is done with the
 * event: storing it makes the table rebind (or drop) this very cell. */
static gboolean
commit_pending (gpointer user_data)
{
  GlossAttributeCell *self = user_data;
  g_autofree char *clean = g_strstrip (g_steal_pointer (&self->pending));

  g_autofree char *old = g_steal_pointer (&self->pending_old);

  self->commit_id = 0;
  if (g_strcmp0 (clean, old != NULL ? old : "") != 0 &&
      self->pending_attribute > 0 && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "attributes.set-value", "(xxs)",
                                self->pending_attribute, self->pending_target, clean);

  /* Stored: the rebinding brought the new value; refused: the old one stays. */
  show_value (self);
  return G_SOURCE_REMOVE;
}

static void
commit (GlossAttributeCell *self,
        const char         *text)
{
  g_free (self->pending);
  self->pending = g_strdup (text != NULL ? text : "");
  g_free (self->pending_old);
  self->pending_old = g_strdup (self->value);
  self->pending_attribute = self->attribute_id;
  self->pending_target = self->target_id;
  if (self->commit_id == 0)
    self->commit_id = g_idle_add_full (G_PRIORITY_DEFAULT, commit_pending, g_object_ref (self), g_object_unref);
}

static void
on_entry_activate (GlossAttributeCell *self)
{
  if (!self->binding)
    commit (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

/* Leaving the cell keeps what was typed, as Enter does. */
static void
on_focus_leave (GlossAttributeCell *self)
{
  g_autofree char *shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  if (!self->binding && g_strcmp0 (shown, self->value != NULL ? self->value : "") != 0)
    commit (self, shown);
}

static gboolean
on_key_pressed (GlossAttributeCell *self,
                guint               keyval,
                guint               keycode,
                GdkModifierType     state)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;

  /* Escape takes back what was typed. */
  show_value (self);
  return TRUE;
}

static void
on_selected_changed (GlossAttributeCell *self)
{
  const char *value;

  if (self->binding)
    return;

  value = stored_choice (self, gtk_drop_down_get_selected (self->dropdown));
  commit (self, value != NULL ? value : "");
}

void
gloss_attribute_cell_bind (GlossAttributeCell   *self,
                           const GlossAttribute *attribute,
                           gint64                target_id,
                           const char           *value)
{
  g_return_if_fail (GLOSS_IS_ATTRIBUTE_CELL (self));

  self->attribute_id = attribute->id;
  self->type = attribute->type;
  self->target_id = target_id;
  g_free (self->value);
  self->value = g_strdup (value);
  g_strfreev (self->choices);
  self->choices = attribute->choices != NULL ? g_strdupv (attribute->choices) : g_new0 (char *, 1);

  self->binding = TRUE;
  if (is_list (self))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) entries = NULL;

      g_strv_builder_add (builder, EMPTY_ENTRY);
      if (self->type == GLOSS_ATTRIBUTE_BOOLEAN)
        {
          g_strv_builder_add (builder, _("Yes"));
          g_strv_builder_add (builder, _("No"));
        }
      else
        g_strv_builder_addv (builder, (const char **) self->choices);
      entries = g_strv_builder_end (builder);
      gtk_string_list_splice (self->choice_model, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->choice_model)),
                              (const char * const *) entries);
    }
  gtk_stack_set_visible_child_name (self->stack, is_list (self) ? "list" : "text");
  gtk_editable_set_alignment (GTK_EDITABLE (self->entry), self->type == GLOSS_ATTRIBUTE_NUMBER ? 1.0 : 0.0);
  self->binding = FALSE;

  show_value (self);
}

gint64
gloss_attribute_cell_get_target_id (GlossAttributeCell *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_CELL (self), 0);

  return self->target_id;
}

gint64
gloss_attribute_cell_get_attribute_id (GlossAttributeCell *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_CELL (self), 0);

  return self->attribute_id;
}

char *
gloss_attribute_cell_dup_text (GlossAttributeCell *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_CELL (self), NULL);

  if (is_list (self))
    {
      guint selected = gtk_drop_down_get_selected (self->dropdown);
      return selected == 0 ? g_strdup ("")
                           : g_strdup (gtk_string_list_get_string (self->choice_model, selected));
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

void
gloss_attribute_cell_enter (GlossAttributeCell *self,
                            const char         *text)
{
  g_return_if_fail (GLOSS_IS_ATTRIBUTE_CELL (self));

  if (is_list (self))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->choice_model));

      for (guint i = 0; i < n; i++)
        {
          const char *entry = i == 0 ? "" : gtk_string_list_get_string (self->choice_model, i);
          if (g_utf8_collate (entry, text) == 0)
            {
              gtk_drop_down_set_selected (self->dropdown, i);
              return;
            }
        }
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  g_signal_emit_by_name (self->entry, "activate");
}

static void
gloss_attribute_cell_dispose (GObject *object)
{
  GlossAttributeCell *self = GLOSS_ATTRIBUTE_CELL (object);

  g_clear_handle_id (&self->commit_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ATTRIBUTE_CELL);

  G_OBJECT_CLASS (gloss_attribute_cell_parent_class)->dispose (object);
}

static void
gloss_attribute_cell_finalize (GObject *object)
{
  GlossAttributeCell *self = GLOSS_ATTRIBUTE_CELL (object);

  g_free (self->value);
  g_free (self->pending);
  g_free (self->pending_old);
  g_strfreev (self->choices);

  G_OBJECT_CLASS (gloss_attribute_cell_parent_class)->finalize (object);
}

static void
gloss_attribute_cell_class_init (GlossAttributeCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_attribute_cell_dispose;
  object_class->finalize = gloss_attribute_cell_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-attribute-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeCell, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeCell, entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeCell, dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeCell, choice_model);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attributecell");
}

static void
gloss_attribute_cell_init (GlossAttributeCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
