/* gloss-window-cases.c: the window's attribute, set, query and crosstab
 * commands, each opening a window of its own over the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-cases-window.h"
#include "gloss-crosstab-window.h"
#include "gloss-document-table.h"
#include "gloss-query-window.h"
#include "gloss-window-private.h"

static void
set_enabled (GlossWindow *self,
             const char  *name,
             gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_gloss_window_update_cases_actions (GlossWindow *self)
{
  gboolean writable = self->project != NULL && !gloss_project_get_read_only (self->project);

  set_enabled (self, "document-table", self->project != NULL);
  set_enabled (self, "cases", self->project != NULL);
  set_enabled (self, "query", self->project != NULL);
  set_enabled (self, "crosstab", self->project != NULL);
  set_enabled (self, "case-from-selection", writable && self->document_id > 0);
  set_enabled (self, "add-selection-to-case", writable && self->document_id > 0);
}

static void
document_table_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GlossWindow *self = user_data;
  GlossDocumentTable *table;

  if (self->project == NULL)
    return;

  table = gloss_document_table_new (GTK_WINDOW (self), self->project);
  gtk_window_present (GTK_WINDOW (table));
}

static void
cases_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GlossWindow *self = user_data;

  if (self->project != NULL)
    gtk_window_present (GTK_WINDOW (gloss_cases_window_new (GTK_WINDOW (self), self->project)));
}

/* Opens the document with the passage selected and in view. */
static void
show_passage_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 document_id, start, end;

  g_variant_get (param, "(xxx)", &document_id, &start, &end);
  if (!gloss_window_open_document (self, document_id, &error))
    {
      _gloss_window_show_error (self, error);
      return;
    }
  gloss_document_view_scroll_to_offset (self->document_view, start, TRUE);
  if (end > start)
    gloss_document_view_set_selection (self->document_view, start, end);
  gtk_window_present (GTK_WINDOW (self));
}

/* The selection (or, without one, the whole document) goes into the case
 * of that name, made when there is none. */
static gboolean
add_selection_to_case (GlossWindow  *self,
                       const char   *name,
                       GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 start = -1, end = -1, case_id;

  if (self->project == NULL || self->document_id <= 0)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Open a document first"));
      return FALSE;
    }
  if (!gloss_document_view_get_selection (self->document_view, &start, &end) || start >= end)
    start = end = -1;

  case_id = gloss_project_find_case (self->project, name, &local_error);
  if (case_id <= 0 && !g_error_matches (local_error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (case_id <= 0 && (case_id = gloss_project_add_case (self->project, name, NULL, error)) <= 0)
    return FALSE;

  return gloss_project_add_case_member (self->project, case_id, self->document_id, start, end, error) > 0;
}

static void
add_selection_to_case_action (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *name = g_variant_get_string (param, NULL);

  if (!add_selection_to_case (self, name, &error))
    _gloss_window_show_error (self, error);
  else
    {
      /* Translators: a toast after adding a passage or document to a case */
      g_autofree char *message = g_strdup_printf (_("Added to the case “%s”"), name);
      gloss_window_show_toast (self, message);
    }
}

static void
on_case_dialog_response (AdwMessageDialog *dialog,
                         const char       *response,
                         GlossWindow      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "add") == 0 && *name != '\0')
    g_action_group_activate_action (G_ACTION_GROUP (self), "add-selection-to-case", g_variant_new_string (name));
}

static void
on_case_picked (GtkDropDown *dropdown,
                GParamSpec  *pspec,
                GtkEditable *entry)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (item != NULL && gtk_drop_down_get_selected (dropdown) > 0)
    gtk_editable_set_text (entry, gtk_string_object_get_string (item));
}

/* Asks for the case: an existing one from the list, or a new name. */
static void
case_from_selection_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *box, *entry, *dropdown;
  gint64 start, end;
  gboolean selected;
  AdwMessageDialog *dialog;

  if (self->project == NULL || self->document_id <= 0)
    return;

  selected = gloss_document_view_get_selection (self->document_view, &start, &end) && start < end;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Add to a Case"),
                                                       selected ? _("The selected passage goes into the case.")
                                                                : _("Nothing is selected: the whole document goes into the case.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_string_list_append (names, _("Choose a case…"));
  cases = gloss_project_list_cases (self->project, NULL);
  for (guint i = 0; cases != NULL && i < cases->len; i++)
    gtk_string_list_append (names, ((GlossCase *) g_ptr_array_index (cases, i))->name);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name of the case, e.g. a participant"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_widget_set_visible (dropdown, cases != NULL && cases->len > 0);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_case_picked), entry);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_case_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
query_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GlossWindow *self = user_data;

  if (self->project != NULL)
    gtk_window_present (GTK_WINDOW (gloss_query_window_new (GTK_WINDOW (self), self->project)));
}

static void
crosstab_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GlossWindow *self = user_data;

  if (self->project != NULL)
    gtk_window_present (GTK_WINDOW (gloss_crosstab_window_new (GTK_WINDOW (self), self->project)));
}

/* Opens a coding's passage and shows the coding in the inspector. */
static void
show_coding_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCoding) coding = NULL;

  if (self->project == NULL ||
      (coding = gloss_project_get_coding (self->project, g_variant_get_int64 (param), &error)) == NULL ||
      !gloss_window_open_document (self, coding->document_id, &error))
    {
      if (error != NULL)
        _gloss_window_show_error (self, error);
      return;
    }
  gloss_document_view_scroll_to_offset (self->document_view, coding->start, TRUE);
  gloss_window_select_coding (self, coding->id);
  gtk_window_present (GTK_WINDOW (self));
}

void
gloss_window_show_query_excerpts (GlossWindow      *self,
                                  const GlossQuery *query)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (query != NULL);

  if (self->project == NULL)
    return;
  gloss_excerpts_pane_show_query (self->excerpts_pane, query);
  gtk_widget_set_visible (GTK_WIDGET (self->excerpts_pane), TRUE);
  gtk_window_present (GTK_WINDOW (self));
}

static void
filter_documents_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  GlossWindow *self = user_data;

  gloss_document_list_set_set_id (self->document_list, g_variant_get_int64 (param));
}

static const GActionEntry cases_entries[] = {
  { "filter-documents", filter_documents_action, "x" },
  { "query", query_action },
  { "crosstab", crosstab_action },
  { "show-coding", show_coding_action, "x" },
  { "document-table", document_table_action },
  { "cases", cases_action },
  { "show-passage", show_passage_action, "(xxx)" },
  { "add-selection-to-case", add_selection_to_case_action, "s" },
  { "case-from-selection", case_from_selection_action },
};

void
_gloss_window_add_cases_actions (GlossWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), cases_entries,
                                   G_N_ELEMENTS (cases_entries), self);
}
