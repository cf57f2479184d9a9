/* gloss-memo-editor.c: a memo edited in place, saved by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-memo-editor.h"

/* Saved this long after the last key press, or when focus leaves. */
#define SAVE_DELAY_MS 800

struct _GlossMemoEditor
{
  GtkWidget     parent_instance;

  GlossProject *project;
  char         *kind;
  gint64        target_id;
  gboolean      dirty;
  gboolean      loading;
  guint         save_timeout;

  /* Template children */
  GtkTextView  *text_view;
};

G_DEFINE_FINAL_TYPE (GlossMemoEditor, gloss_memo_editor, GTK_TYPE_WIDGET)

GtkWidget *
gloss_memo_editor_new (void)
{
  return g_object_new (GLOSS_TYPE_MEMO_EDITOR, NULL);
}

const char *
gloss_memo_editor_get_kind (GlossMemoEditor *self)
{
  g_return_val_if_fail (GLOSS_IS_MEMO_EDITOR (self), NULL);
  return self->kind;
}

gint64
gloss_memo_editor_get_target_id (GlossMemoEditor *self)
{
  g_return_val_if_fail (GLOSS_IS_MEMO_EDITOR (self), 0);
  return self->target_id;
}

char *
gloss_memo_editor_dup_text (GlossMemoEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GLOSS_IS_MEMO_EDITOR (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
gloss_memo_editor_set_text (GlossMemoEditor *self,
                            const char      *text)
{
  g_return_if_fail (GLOSS_IS_MEMO_EDITOR (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

void
gloss_memo_editor_flush (GlossMemoEditor *self)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (GLOSS_IS_MEMO_EDITOR (self));

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (!self->dirty || self->project == NULL || self->kind == NULL)
    return;

  self->dirty = FALSE;
  text = gloss_memo_editor_dup_text (self);
  /* Saving emits "changed", which may show another target here. */
  project = g_object_ref (self->project);
  if (!gloss_project_set_memo (project, self->kind, self->target_id, text, &error))
    g_warning ("Could not save the memo: %s", error->message);
}

static void
load (GlossMemoEditor *self)
{
  g_autofree char *memo = NULL;
  g_autofree char *current = gloss_memo_editor_dup_text (self);
  g_autoptr(GError) error = NULL;

  if (self->project != NULL && self->kind != NULL)
    {
      memo = gloss_project_get_memo (self->project, self->kind, self->target_id, &error);
      if (error != NULL)
        g_warning ("Could not read the memo: %s", error->message);
    }
  if (g_strcmp0 (current, memo ? memo : "") == 0)
    return;

  self->loading = TRUE;
  gloss_memo_editor_set_text (self, memo);
  self->loading = FALSE;
}

void
gloss_memo_editor_set_target (GlossMemoEditor *self,
                              GlossProject    *project,
                              const char      *kind,
                              gint64           target_id)
{
  gboolean same;

  g_return_if_fail (GLOSS_IS_MEMO_EDITOR (self));

  same = project == self->project && g_strcmp0 (kind, self->kind) == 0 && target_id == self->target_id;
  /* Keep what the user is typing. */
  if (same && (self->dirty || gtk_widget_has_focus (GTK_WIDGET (self->text_view))))
    return;
  if (!same)
    gloss_memo_editor_flush (self);

  g_set_object (&self->project, project);
  g_free (self->kind);
  self->kind = g_strdup (kind);
  self->target_id = target_id;
  self->dirty = FALSE;
  load (self);
  gtk_text_view_set_editable (self->text_view, project != NULL && !gloss_project_get_read_only (project));
}

static gboolean
on_save_timeout (gpointer user_data)
{
  GlossMemoEditor *self = user_data;

  self->save_timeout = 0;
  gloss_memo_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (GlossMemoEditor *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  self->save_timeout = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, self);
}

static void
gloss_memo_editor_dispose (GObject *object)
{
  GlossMemoEditor *self = GLOSS_MEMO_EDITOR (object);
  GtkWidget *child;

  gloss_memo_editor_flush (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_MEMO_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_pointer (&self->kind, g_free);

  G_OBJECT_CLASS (gloss_memo_editor_parent_class)->dispose (object);
}

static void
gloss_memo_editor_class_init (GlossMemoEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_memo_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-memo-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossMemoEditor, text_view);
}

static void
gloss_memo_editor_init (GlossMemoEditor *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_buffer_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gloss_memo_editor_flush), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);
}
