/* gloss-document-list.c: the documents sidebar: list, import, remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-error.h"
#include "gloss-import.h"
#include "gloss-document-item.h"
#include "gloss-document-list.h"
#include "gloss-document-row.h"
#include "gloss-set-chooser.h"
#include "gloss-set-dialog.h"

#define ROW_RESOURCE "/io/github/glossqda/Gloss/gloss-document-list-item.ui"
/* An import shows its progress bar only when it takes longer than this. */
#define PROGRESS_DELAY_MS 300

struct _GlossDocumentList
{
  GtkWidget           parent_instance;

  GlossProject       *project;
  GListStore         *store;
  GtkCustomFilter    *filter;      /* the documents of the chosen set */
  GtkFilterListModel *filtered;
  GHashTable         *members;     /* of the chosen set; NULL: all documents */
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  gboolean            importing;
  guint               progress_source;
  GlossImportProgress *import_progress;  /* of the list's own import */
  gint64              import_started;
  gboolean            selecting;
  char               *next_password;
  /* Encrypted PDFs wait here for the password dialog, which asks for one
   * file at a time: the dialog shown (or NULL) and the paths after it. */
  AdwMessageDialog   *password_dialog;
  GQueue              locked_paths;
  gint64              coder_id;   /* counts only this coder's codings (blind mode); 0: all */

  /* Template children */
  GtkStack           *stack;
  GlossSetChooser    *set_chooser;
  GtkListView        *list_view;
  GtkLabel           *heading_label;
  GtkRevealer        *progress_revealer;
  GtkProgressBar     *progress_bar;
  GtkLabel           *progress_label;
};

G_DEFINE_FINAL_TYPE (GlossDocumentList, gloss_document_list, GTK_TYPE_WIDGET)

enum {
  DOCUMENT_ACTIVATED,
  IMPORT_FINISHED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
gloss_document_list_new (void)
{
  return g_object_new (GLOSS_TYPE_DOCUMENT_LIST, NULL);
}

/* Loading */

static void
update_heading (GlossDocumentList *self)
{
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *heading = NULL;

  if (all > 0 && self->members != NULL)
    /* Translators: the sidebar heading when a set is chosen: shown, all */
    heading = g_strdup_printf (_("Documents (%u of %u)"), shown, all);
  else if (all > 0)
    /* Translators: the sidebar heading with the number of documents */
    heading = g_strdup_printf (_("Documents (%u)"), all);
  gtk_label_set_text (self->heading_label, heading ? heading : _("Documents"));
}

static gboolean
filter_document (gpointer item,
                 gpointer user_data)
{
  GlossDocumentList *self = user_data;
  gint64 id = gloss_document_item_get_id (item);

  return self->members == NULL || g_hash_table_contains (self->members, &id);
}

/* The chosen set's documents now: its rule evaluated again. */
static void
update_members (GlossDocumentList *self)
{
  g_clear_pointer (&self->members, g_hash_table_unref);
  self->members = gloss_set_chooser_dup_members (self->set_chooser);
  self->selecting = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->selecting = FALSE;
  update_heading (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.edit-set",
                                 gloss_set_chooser_get_set_id (self->set_chooser) > 0);
}

static void
on_set_chosen (GlossDocumentList *self)
{
  update_members (self);
}

/* The chosen set edited: the same dialog as the table's */

static void
on_set_dialog_response (GlossSetDialog    *dialog,
                        const char        *response,
                        GlossDocumentList *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (gloss_set_dialog_get_name (dialog));
  const char *rule = gtk_editable_get_text (gloss_set_dialog_get_rule (dialog));

  if (g_strcmp0 (response, "apply") != 0 || self->project == NULL)
    return;
  if (!gloss_project_change_set (self->project, gloss_set_dialog_get_set_id (dialog), name, rule, &error))
    g_signal_emit (self, signals[TOAST], 0, error->message);
}

static void
edit_set_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossDocumentList *self = GLOSS_DOCUMENT_LIST (widget);
  gint64 set_id = gloss_set_chooser_get_set_id (self->set_chooser);
  GlossSetDialog *dialog;

  if (self->project == NULL || set_id <= 0)
    return;
  dialog = gloss_set_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->project, set_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_set_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_project_changed (GlossDocumentList *self,
                    guint              changes)
{
  if (changes & (GLOSS_CHANGE_ATTRIBUTES | GLOSS_CHANGE_CASES | GLOSS_CHANGE_SETS))
    update_members (self);
}

void
gloss_document_list_reload (GlossDocumentList *self)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 selected_id = 0;
  GlossDocumentItem *selected;
  g_autofree char *heading = NULL;

  g_return_if_fail (GLOSS_IS_DOCUMENT_LIST (self));

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_id = gloss_document_item_get_id (selected);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->project != NULL)
    {
      documents = gloss_project_list_documents (self->project, &error);
      if (documents == NULL)
        g_warning ("Could not list the documents: %s", error->message);
    }

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      /* The item takes the info: steal it from the array. */
      GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      documents->pdata[i] = NULL;
      if (self->coder_id > 0)
        {
          GlossCodingFilter filter = { .document_id = info->id, .coder_id = self->coder_id };
          info->n_codings = MAX (gloss_project_count_codings (self->project, &filter, NULL), 0);
        }
      g_ptr_array_add (items, gloss_document_item_new (info));
    }

  self->selecting = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  self->selecting = FALSE;
  gloss_document_list_select (self, selected_id);

  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  update_members (self);
}

void
gloss_document_list_set_project (GlossDocumentList *self,
                                 GlossProject      *project)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  gloss_set_chooser_set_project (self->set_chooser, project);
  gloss_document_list_reload (self);
}

void
gloss_document_list_set_set_id (GlossDocumentList *self,
                                gint64             set_id)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_LIST (self));

  gloss_set_chooser_set_set_id (self->set_chooser, set_id);
}

gint64
gloss_document_list_get_set_id (GlossDocumentList *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), 0);

  return gloss_set_chooser_get_set_id (self->set_chooser);
}

GListModel *
gloss_document_list_get_shown (GlossDocumentList *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

void
gloss_document_list_set_coder_filter (GlossDocumentList *self,
                                      gint64             coder_id)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_LIST (self));

  if (self->coder_id == coder_id)
    return;
  self->coder_id = coder_id;
  gloss_document_list_reload (self);
}

guint
gloss_document_list_get_n_documents (GlossDocumentList *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

void
gloss_document_list_select (GlossDocumentList *self,
                            gint64             document_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossDocumentItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      if (gloss_document_item_get_id (item) == document_id)
        {
          position = i;
          break;
        }
    }

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

static void
on_selection_changed (GlossDocumentList *self)
{
  GlossDocumentItem *item;

  if (self->selecting)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item != NULL)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, gloss_document_item_get_id (item));
}

static void
on_list_activate (GlossDocumentList *self,
                  guint              position)
{
  g_autoptr(GlossDocumentItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item != NULL)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, gloss_document_item_get_id (item));
}

/* Import: core's import off the main thread, with its progress shown. */

static gboolean update_progress (gpointer      user_data);
static void     on_import_done  (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data);

static void
on_core_import_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *results = gloss_project_import_files_finish (GLOSS_PROJECT (source), result, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

static GStrv
paths_of_files (GSList *files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  return g_strv_builder_end (builder);
}

void
gloss_document_list_import_files_async (GlossDocumentList   *self,
                                        GSList              *files,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GlossImportProgress) progress = NULL;
  g_autofree char *password = NULL;
  g_auto(GStrv) paths = NULL;

  g_return_if_fail (GLOSS_IS_DOCUMENT_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_document_list_import_files_async);
  /* A password typed for a locked PDF goes with the next import only. */
  password = g_steal_pointer (&self->next_password);

  if (self->project == NULL)
    {
      g_task_return_new_error (task, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("No project is open"));
      return;
    }

  paths = paths_of_files (files);
  /* The list's own imports show their progress. */
  if (callback == on_import_done)
    {
      progress = gloss_import_progress_new ();
      g_clear_pointer (&self->import_progress, gloss_import_progress_unref);
      self->import_progress = gloss_import_progress_ref (progress);
      g_clear_handle_id (&self->progress_source, g_source_remove);
      self->progress_source = g_timeout_add (100, update_progress, self);
    }

  gloss_project_import_files_async (self->project, (const char * const *) paths, password, progress,
                                    cancellable, on_core_import_done, g_steal_pointer (&task));
}

GPtrArray *
gloss_document_list_import_files_finish (GlossDocumentList  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
gloss_document_list_is_importing (GlossDocumentList *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), FALSE);

  return self->importing;
}

static gboolean
update_progress (gpointer user_data)
{
  GlossDocumentList *self = user_data;
  g_autofree char *current = NULL;
  g_autofree char *label = NULL;
  guint done, total;

  if (g_get_monotonic_time () - self->import_started < PROGRESS_DELAY_MS * 1000)
    return G_SOURCE_CONTINUE;

  gloss_import_progress_get (self->import_progress, &done, &total, &current);
  /* Translators: import progress, "Importing report.pdf (2 of 5)" */
  label = g_strdup_printf (_("Importing %s (%u of %u)"), current ? current : "",
                           MIN (done + 1, total), total);
  gtk_label_set_text (self->progress_label, label);
  if (total > 1)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  return G_SOURCE_CONTINUE;
}

static void
toast_result (GlossDocumentList       *self,
              const GlossImportResult *result)
{
  g_autofree char *name = g_path_get_basename (result->path);
  g_autofree char *message = NULL;

  if (result->status == GLOSS_IMPORT_REFUSED && strstr (result->message, name) != NULL)
    /* Translators: the reason names the file already */
    message = g_strdup_printf (_("Not imported: %s"), result->message);
  else if (result->status == GLOSS_IMPORT_REFUSED)
    /* Translators: "report.pdf was not imported: the file is encrypted" */
    message = g_strdup_printf (_("%s was not imported: %s"), name, result->message);
  else if (result->status == GLOSS_IMPORT_DUPLICATE)
    message = g_strdup_printf (_("%s is already in the project"), name);

  if (message != NULL)
    g_signal_emit (self, signals[TOAST], 0, message);
}

/* An encrypted PDF: ask for its password and import it again.
 *
 * One dialog at a time, closed as soon as it is answered, however it is
 * answered (button, Enter, Escape); an answer that comes after it closed
 * (a second Enter) is not taken twice. */

typedef struct
{
  char     *path;
  gboolean  retry;   /* a password was given and did not open it */
} LockedFile;

static void
locked_file_free (LockedFile *locked)
{
  g_free (locked->path);
  g_free (locked);
}

static void import_with_password (GlossDocumentList *self,
                                  const char        *path,
                                  const char        *password);
static void show_next_password_dialog (GlossDocumentList *self);

static void
close_password_dialog (GlossDocumentList *self)
{
  g_autoptr(AdwMessageDialog) dialog = g_steal_pointer (&self->password_dialog);

  if (dialog == NULL)
    return;

  /* The entry gives up the focus while it is alive: GTK 4.8 tells a
   * password entry's focus controller about it after it is gone otherwise. */
  gtk_root_set_focus (GTK_ROOT (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_password_response (AdwMessageDialog  *dialog,
                      const char        *response,
                      GlossDocumentList *self)
{
  g_autofree char *path = NULL;
  g_autofree char *password = NULL;

  if (dialog != self->password_dialog)
    return;

  path = g_strdup (g_object_get_data (G_OBJECT (dialog), "path"));
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog))));
  close_password_dialog (self);

  if (g_strcmp0 (response, "import") == 0)
    import_with_password (self, path, password);
  show_next_password_dialog (self);
}

static gboolean
respond_import (gpointer user_data)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (user_data), "import");
  return G_SOURCE_REMOVE;
}

/* Enter in the password entry: answer once the entry's own handler has
 * returned, since answering closes the dialog and the entry with it. */
static void
on_password_activate (GtkPasswordEntry *entry,
                      AdwMessageDialog *dialog)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, respond_import, g_object_ref (dialog), g_object_unref);
}

static void
show_next_password_dialog (GlossDocumentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LockedFile *locked;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->password_dialog != NULL || (locked = g_queue_pop_head (&self->locked_paths)) == NULL)
    return;

  name = g_path_get_basename (locked->path);
  if (locked->retry)
    body = g_strdup_printf (_("The password does not open “%s”. Try again."), name);
  else
    body = g_strdup_printf (_("“%s” is protected by a password."), name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Password Required"), body));
  entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_password_activate), dialog, 0);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (locked->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_password_response), self, 0);
  locked_file_free (locked);

  self->password_dialog = g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_password (GlossDocumentList *self,
              const char        *path,
              gboolean           retry)
{
  LockedFile *locked = g_new0 (LockedFile, 1);

  locked->path = g_strdup (path);
  locked->retry = retry;
  g_queue_push_tail (&self->locked_paths, locked);
  show_next_password_dialog (self);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlossDocumentList *self = GLOSS_DOCUMENT_LIST (source);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->import_progress, gloss_import_progress_unref);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  self->importing = FALSE;

  results = gloss_document_list_import_files_finish (self, result, &error);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[TOAST], 0, error->message);
      return;
    }

  /* One file says what became of it in a toast; several are summed up
   * by whoever hears "import-finished", in one place that stays. */
  for (guint i = 0; i < results->len; i++)
    {
      GlossImportResult *r = g_ptr_array_index (results, i);

      if (r->error_code == GLOSS_ERROR_PASSWORD_REQUIRED || r->error_code == GLOSS_ERROR_BAD_PASSWORD)
        ask_password (self, r->path, r->error_code == GLOSS_ERROR_BAD_PASSWORD);
      else if (results->len == 1)
        toast_result (self, r);
    }


  gloss_document_list_reload (self);
  g_signal_emit (self, signals[IMPORT_FINISHED], 0, results);
}

void
gloss_document_list_import_files (GlossDocumentList *self,
                                  GSList            *files)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_LIST (self));

  if (files == NULL)
    return;

  self->importing = TRUE;
  self->import_started = g_get_monotonic_time ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gloss_document_list_import_files_async (self, files, self->cancellable, on_import_done, NULL);
}

static void
import_with_password (GlossDocumentList *self,
                      const char        *path,
                      const char        *password)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };

  self->importing = TRUE;
  self->import_started = g_get_monotonic_time ();
  self->next_password = g_strdup (password);
  gloss_document_list_import_files_async (self, &files, self->cancellable, on_import_done, NULL);
}

/* File chooser */

static void
on_chooser_response (GtkNativeDialog   *dialog,
                     int                response,
                     GlossDocumentList *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *list = NULL;
      guint n = g_list_model_get_n_items (files);

      for (guint i = n; i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      gloss_document_list_import_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
gloss_document_list_choose_files (GlossDocumentList *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) pdfs = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) texts = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (GLOSS_IS_DOCUMENT_LIST (self));

  /* By name only: a filter by content type makes GIO open every file of the
   * folder to guess it, the open project among them, and closing that
   * descriptor would drop the project's SQLite locks in this process. */
  gtk_file_filter_set_name (documents, _("PDF and text documents"));
  gtk_file_filter_add_suffix (documents, "pdf");
  gtk_file_filter_add_suffix (documents, "txt");
  gtk_file_filter_add_suffix (documents, "md");

  gtk_file_filter_set_name (pdfs, _("PDF documents"));
  gtk_file_filter_add_suffix (pdfs, "pdf");

  gtk_file_filter_set_name (texts, _("Text transcripts"));
  gtk_file_filter_add_suffix (texts, "txt");
  gtk_file_filter_add_suffix (texts, "md");

  dialog = gtk_file_chooser_native_new (_("Import Documents"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), documents);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdfs);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), texts);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Dropping files on the list imports them. */
static gboolean
on_drop (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         GlossDocumentList *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->project == NULL)
    return FALSE;

  gloss_document_list_import_files (self, g_value_get_boxed (value));
  return TRUE;
}

/* Class */

static void
gloss_document_list_dispose (GObject *object)
{
  GlossDocumentList *self = GLOSS_DOCUMENT_LIST (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_DOCUMENT_LIST);
  /* The template's unnamed top box is not cleared by dispose_template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->members, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->project);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->next_password, g_free);
  g_queue_clear_full (&self->locked_paths, (GDestroyNotify) locked_file_free);
  close_password_dialog (self);
  g_clear_pointer (&self->import_progress, gloss_import_progress_unref);

  G_OBJECT_CLASS (gloss_document_list_parent_class)->dispose (object);
}

static void
gloss_document_list_class_init (GlossDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_document_list_dispose;

  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentlist");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-document-list.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentList, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentList, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentList, set_chooser);
  gtk_widget_class_bind_template_callback (widget_class, on_set_chosen);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentList, heading_label);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentList, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentList, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentList, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  g_type_ensure (GLOSS_TYPE_DOCUMENT_ROW);
  gtk_widget_class_install_action (widget_class, "sidebar.edit-set", NULL, edit_set_action);
  g_type_ensure (GLOSS_TYPE_SET_CHOOSER);
}

static void
gloss_document_list_init (GlossDocumentList *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *drop;

  self->store = g_list_store_new (GLOSS_TYPE_DOCUMENT_ITEM);
  self->filter = gtk_custom_filter_new (filter_document, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.edit-set", FALSE);

  self->cancellable = g_cancellable_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed), self);

  factory = gtk_builder_list_item_factory_new_from_resource (NULL, ROW_RESOURCE);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
