/* gloss-merge-dialog.c: merge coders' copies into the lead project
 *
 * Files are merged one after the other, each in a thread on a connection
 * of its own and in one transaction. Cancel stops before the next file:
 * a file is either merged completely or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-merge-dialog.h"

/* A long first merge adds thousands of codings; the list shows this many. */
#define MAX_ROWS_PER_LIST 200

typedef struct
{
  char              *path;
  GlossMergeSummary *summary;
  char              *error;
} MergeResult;

struct _GlossMergeDialog
{
  AdwWindow            parent_instance;

  GlossProject        *project;
  GStrv                paths;
  GPtrArray           *results;      /* MergeResult */
  guint                next;         /* index of the next file to merge */
  gboolean             running;
  gboolean             stop_requested;
  guint                pulse_id;

  GtkWidget           *cancel_button;
  GtkWidget           *merge_button;
  GtkWidget           *done_button;
  GtkStack            *stack;
  AdwPreferencesGroup *files_group;
  GtkCheckButton      *take_theirs_check;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  AdwPreferencesPage  *summary_page;
};

G_DEFINE_FINAL_TYPE (GlossMergeDialog, gloss_merge_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
merge_result_free (MergeResult *result)
{
  g_free (result->path);
  g_clear_pointer (&result->summary, gloss_merge_summary_free);
  g_free (result->error);
  g_free (result);
}

/* The summary */

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "document") == 0)
    return _("Document");
  if (g_strcmp0 (kind, "coder") == 0)
    return _("Coder");
  if (g_strcmp0 (kind, "code") == 0)
    return _("Code");
  if (g_strcmp0 (kind, "coding") == 0)
    return _("Coding");
  if (g_strcmp0 (kind, "memo") == 0)
    return _("Memo");
  return kind;
}

static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

static GtkWidget *
item_row (const GlossMergeItem *item)
{
  g_autofree char *subtitle = NULL;

  if (item->reason != NULL)
    /* Translators: "Coding: why it was skipped" */
    subtitle = g_strdup_printf (_("%s: %s"), kind_label (item->kind), item->reason);
  else
    subtitle = g_strdup (kind_label (item->kind));

  return plain_row (item->label != NULL && *item->label != '\0' ? item->label : item->guid, subtitle);
}

static void
add_item_list (AdwPreferencesGroup *group,
               const char          *title,
               GPtrArray           *items,
               gboolean             expanded)
{
  GtkWidget *expander;
  g_autofree char *count = NULL;

  if (items->len == 0)
    return;

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  count = g_strdup_printf ("%u", items->len);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), expanded);

  for (guint i = 0; i < items->len && i < MAX_ROWS_PER_LIST; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), item_row (g_ptr_array_index (items, i)));
  if (items->len > MAX_ROWS_PER_LIST)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "and %u more",
                                                            "and %u more",
                                                            items->len - MAX_ROWS_PER_LIST),
                                               items->len - MAX_ROWS_PER_LIST);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), plain_row (more, NULL));
    }

  adw_preferences_group_add (group, expander);
}

static char *
summary_counts (const GlossMergeSummary *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("%u added, %u skipped, %u in conflict"),
                          summary->added->len, summary->skipped->len, summary->conflicts->len);
  g_string_append (text, "\n");
  g_string_append_printf (text, _("%u unchanged, %u re-anchored, %u taken from the copy"),
                          summary->n_unchanged, summary->n_reanchored, summary->n_updated);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_result_group (GlossMergeDialog  *self,
                  const MergeResult *result)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *name = g_filename_display_basename (result->path);

  if (result->summary == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("Not merged: %s"), result->error);
      GtkWidget *row = plain_row (name, reason);

      gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (group, row);
    }
  else
    {
      g_autofree char *counts = summary_counts (result->summary);

      adw_preferences_group_add (group, plain_row (name, counts));
      add_item_list (group, _("Conflicts"), result->summary->conflicts, TRUE);
      add_item_list (group, _("Skipped"), result->summary->skipped, TRUE);
      add_item_list (group, _("Added"), result->summary->added, FALSE);
    }

  adw_preferences_page_add (self->summary_page, group);
}

static void
show_summary (GlossMergeDialog *self)
{
  for (guint i = 0; i < self->results->len; i++)
    add_result_group (self, g_ptr_array_index (self->results, i));

  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->merge_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_widget_grab_focus (self->done_button);
}

/* Merging */

static gboolean
pulse (gpointer user_data)
{
  GlossMergeDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
finish (GlossMergeDialog *self)
{
  guint n_merged = 0;

  self->running = FALSE;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  for (guint i = self->next; self->paths[i] != NULL; i++)
    {
      MergeResult *skipped = g_new0 (MergeResult, 1);

      skipped->path = g_strdup (self->paths[i]);
      skipped->error = g_strdup (_("stopped before this file"));
      g_ptr_array_add (self->results, skipped);
    }
  for (guint i = 0; i < self->results->len; i++)
    if (((MergeResult *) g_ptr_array_index (self->results, i))->summary != NULL)
      n_merged++;

  show_summary (self);
  g_signal_emit (self, signals[FINISHED], 0, n_merged);
}

static void merge_next (GlossMergeDialog *self);

static void
on_merged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GlossMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossMergeSummary) summary = gloss_project_merge_finish (GLOSS_PROJECT (source), result, &error);
  MergeResult *merge;

  /* Closed with its parent meanwhile: the file is merged, nothing to show. */
  if (self->paths == NULL)
    return;

  merge = g_new0 (MergeResult, 1);
  merge->path = g_strdup (self->paths[self->next]);
  merge->summary = g_steal_pointer (&summary);
  if (merge->summary == NULL)
    merge->error = g_strdup (error->message);
  g_ptr_array_add (self->results, merge);

  self->next++;
  merge_next (self);
}

static void
merge_next (GlossMergeDialog *self)
{
  guint n = g_strv_length (self->paths);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  GlossMergeFlags flags = gtk_check_button_get_active (self->take_theirs_check)
                          ? GLOSS_MERGE_THEIRS : GLOSS_MERGE_DEFAULT;

  if (self->stop_requested || self->next >= n || self->project == NULL)
    {
      finish (self);
      return;
    }

  name = g_filename_display_basename (self->paths[self->next]);
  label = g_strdup_printf (_("File %u of %u: %s"), self->next + 1, n, name);
  gtk_label_set_text (self->progress_label, label);

  /* No cancellable: a file under way is merged to the end (one step). */
  gloss_project_merge_async (self->project, self->paths[self->next], flags, NULL,
                             on_merged, g_object_ref (self));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  GlossMergeDialog *self = GLOSS_MERGE_DIALOG (widget);

  if (self->running || self->results->len > 0)
    return;

  self->running = TRUE;
  gtk_widget_action_set_enabled (widget, "merge.start", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->pulse_id = g_timeout_add (120, pulse, self);
  merge_next (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossMergeDialog *self = GLOSS_MERGE_DIALOG (widget);

  if (!self->running)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->stop_requested = TRUE;
  gtk_widget_action_set_enabled (widget, "merge.cancel", FALSE);
  gtk_label_set_text (self->progress_label, _("Stopping after the file being merged…"));
}

static gboolean
gloss_merge_dialog_close_request (GtkWindow *window)
{
  GlossMergeDialog *self = GLOSS_MERGE_DIALOG (window);

  /* Closing while a file is being merged stops after it instead. */
  if (self->running)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "merge.cancel", NULL);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (gloss_merge_dialog_parent_class)->close_request (window);
}

/* Public */

static void
add_file_rows (GlossMergeDialog *self)
{
  for (guint i = 0; self->paths[i] != NULL; i++)
    {
      g_autofree char *name = g_filename_display_basename (self->paths[i]);
      g_autofree char *dir = g_path_get_dirname (self->paths[i]);
      g_autofree char *dir_name = g_filename_display_name (dir);
      GtkWidget *row = plain_row (name, dir_name);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
      adw_preferences_group_add (self->files_group, row);
    }
}

GlossMergeDialog *
gloss_merge_dialog_new (GtkWindow          *parent,
                        GlossProject       *project,
                        const char * const *paths)
{
  GlossMergeDialog *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  self->paths = g_strdupv ((char **) paths);
  add_file_rows (self);
  return self;
}

void
gloss_merge_dialog_set_take_theirs (GlossMergeDialog *self,
                                    gboolean          take_theirs)
{
  g_return_if_fail (GLOSS_IS_MERGE_DIALOG (self));

  gtk_check_button_set_active (self->take_theirs_check, take_theirs);
}

gboolean
gloss_merge_dialog_get_running (GlossMergeDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_MERGE_DIALOG (self), FALSE);

  return self->running;
}

guint
gloss_merge_dialog_get_n_results (GlossMergeDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_MERGE_DIALOG (self), 0);

  return self->results->len;
}

const GlossMergeSummary *
gloss_merge_dialog_get_summary (GlossMergeDialog *self,
                                guint             index)
{
  g_return_val_if_fail (GLOSS_IS_MERGE_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);

  return ((MergeResult *) g_ptr_array_index (self->results, index))->summary;
}

const char *
gloss_merge_dialog_get_error (GlossMergeDialog *self,
                              guint             index)
{
  g_return_val_if_fail (GLOSS_IS_MERGE_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);

  return ((MergeResult *) g_ptr_array_index (self->results, index))->error;
}

/* GObject */

static void
gloss_merge_dialog_dispose (GObject *object)
{
  GlossMergeDialog *self = GLOSS_MERGE_DIALOG (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->project);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_MERGE_DIALOG);

  G_OBJECT_CLASS (gloss_merge_dialog_parent_class)->dispose (object);
}

static void
gloss_merge_dialog_class_init (GlossMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_merge_dialog_dispose;
  window_class->close_request = gloss_merge_dialog_close_request;

  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, merge_button);
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, take_theirs_check);
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GlossMergeDialog, summary_page);

  gtk_widget_class_install_action (widget_class, "merge.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "merge.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "merge.cancel", NULL);
}

static void
gloss_merge_dialog_init (GlossMergeDialog *self)
{
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) merge_result_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
