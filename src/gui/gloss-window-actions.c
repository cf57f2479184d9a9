/* gloss-window-actions.c: the window's commands (win.*)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-window-private.h"
#include "gloss-agreement-window.h"
#include "gloss-name-dialog.h"
#include "gloss-toast.h"

void
_gloss_window_set_action_enabled (GlossWindow *self,
                                  const char  *name,
                                  gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The Edit menu names what Undo and Redo would do */

#define HISTORY_LABEL_MAX 60

/* The step's description, shortened and with its underscores kept from
 * being read as mnemonics. */
static char *
menu_text_for_step (const GlossHistoryStep *step)
{
  g_autofree char *description = gloss_history_step_describe (step);
  g_autofree char *shortened = NULL;
  g_auto(GStrv) parts = NULL;

  if (g_utf8_strlen (description, -1) > HISTORY_LABEL_MAX)
    {
      g_autofree char *head = g_utf8_substring (description, 0, HISTORY_LABEL_MAX - 1);
      shortened = g_strconcat (head, "…", NULL);
    }
  parts = g_strsplit (shortened != NULL ? shortened : description, "_", -1);
  return g_strjoinv ("__", parts);
}

/* "_Undo Delete code “Funding”", or "_Undo" when there is nothing to undo */
static char *
dup_history_label (GlossWindow *self,
                   gboolean     undo)
{
  g_autoptr(GlossHistoryStep) step = NULL;
  g_autofree char *text = NULL;

  if (self->project != NULL && !gloss_project_get_read_only (self->project))
    step = undo ? gloss_project_get_undo_step (self->project) : gloss_project_get_redo_step (self->project);
  if (step == NULL)
    return g_strdup (undo ? _("_Undo") : _("_Redo"));

  text = menu_text_for_step (step);
  /* Translators: a menu item, "Undo Delete code “Funding”" */
  return g_strdup_printf (undo ? _("_Undo %s") : _("_Redo %s"), text);
}

/* Replaces the label of the item of @menu (or of its sections) that
 * activates @action, if it differs. */
static gboolean
relabel_menu_item (GMenuModel *menu,
                   const char *action,
                   const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_action = NULL;
      g_autofree char *item_label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (section != NULL && relabel_menu_item (section, action, label))
        return TRUE;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) ||
          !g_str_equal (item_action, action))
        continue;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label);
      if (g_strcmp0 (item_label, label) == 0 || !G_IS_MENU (menu))
        return TRUE;

      item = g_menu_item_new_from_model (menu, i);
      g_menu_item_set_label (item, label);
      g_menu_remove (G_MENU (menu), i);
      g_menu_insert_item (G_MENU (menu), i, item);
      return TRUE;
    }

  return FALSE;
}

static void
update_history_menu (GlossWindow *self)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (self->primary_menu_button);
  g_autofree char *undo_label = dup_history_label (self, TRUE);
  g_autofree char *redo_label = dup_history_label (self, FALSE);

  if (menu == NULL)
    return;

  relabel_menu_item (menu, "win.undo", undo_label);
  relabel_menu_item (menu, "win.redo", redo_label);
}

void
_gloss_window_update_actions (GlossWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean writable = has_project && !gloss_project_get_read_only (self->project);
  gboolean has_document = has_project && self->document_id > 0;
  gboolean has_coding = has_project && self->coding_id > 0;

  _gloss_window_set_action_enabled (self, "import", writable);
  _gloss_window_set_action_enabled (self, "open-document", has_project);
  _gloss_window_set_action_enabled (self, "remove-document", writable);
  /* Coding commands stay enabled with a document open and explain
   * themselves when nothing is selected. */
  _gloss_window_set_action_enabled (self, "code-selection", has_document && writable);
  _gloss_window_set_action_enabled (self, "apply-code", has_document && writable);
  _gloss_window_set_action_enabled (self, "apply-last-code", has_document && writable && self->last_code_id > 0);
  _gloss_window_set_action_enabled (self, "delete-coding", has_coding && writable);
  _gloss_window_set_action_enabled (self, "change-coding-code", has_coding && writable);
  _gloss_window_set_action_enabled (self, "change-coding-new-code", has_coding && writable);
  _gloss_window_set_action_enabled (self, "set-coding-memo", has_coding && writable);
  _gloss_window_set_action_enabled (self, "set-coding-range-to-selection", has_coding && writable);
  _gloss_window_set_action_enabled (self, "undo", writable && gloss_project_can_undo (self->project));
  _gloss_window_set_action_enabled (self, "redo", writable && gloss_project_can_redo (self->project));
  update_history_menu (self);
  _gloss_window_set_action_enabled (self, "coder", has_project);
  _gloss_window_set_action_enabled (self, "add-coder", writable);
  _gloss_window_set_action_enabled (self, "show-all-coders", has_project);
  _gloss_window_set_action_enabled (self, "find", has_document);
  _gloss_window_set_action_enabled (self, "agreement", has_project);
  _gloss_window_update_exchange_actions (self);
  _gloss_window_update_cases_actions (self);

  for (guint i = 0; i < 6; i++)
    {
      static const char *view_actions[] = {
        "zoom-in", "zoom-out", "zoom-reset", "fit-width", "fit-page", "zoom",
      };
      _gloss_window_set_action_enabled (self, view_actions[i], has_document);
    }
}

/* Documents */

static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  GlossWindow *self = user_data;

  gloss_document_list_choose_files (self->document_list);
}

static void
open_document_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gloss_window_open_document (self, g_variant_get_int64 (param), &error))
    _gloss_window_show_error (self, error);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    GlossWindow      *self)
{
  gint64 document_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "document-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->project == NULL)
    return;

  if (!gloss_project_remove_document (self->project, document_id, &error))
    {
      _gloss_window_show_error (self, error);
      return;
    }

  gloss_toast_add_undo (self->toast_overlay, _("Document removed"));
}

void
_gloss_window_confirm_remove_document (GlossWindow *self,
                                       gint64       document_id)
{
  g_autoptr(GlossDocumentInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  info = gloss_project_get_document (self->project, document_id, &error);
  if (info == NULL)
    {
      _gloss_window_show_error (self, error);
      return;
    }

  heading = g_strdup_printf (_("Remove “%s”?"), info->title);
  if (info->n_codings > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The document and its coding are removed from the project.",
                                         "The document and its %" PRId64 " codings are removed from the project.",
                                         info->n_codings),
                            info->n_codings);
  else
    body = g_strdup (_("The document is removed from the project."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "document-id", GSIZE_TO_POINTER ((gsize) document_id));
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_document_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  _gloss_window_confirm_remove_document (user_data, g_variant_get_int64 (param));
}

/* Coding */

static void
code_selection_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  _gloss_window_popup_code_popover (user_data);
}

static void
apply_code_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_gloss_window_ensure_coder (self, "apply-code", param))
    return;
  if (_gloss_window_code_selection (self, g_variant_get_int64 (param), &error) == 0)
    _gloss_window_show_error (self, error);
}

static void
apply_last_code_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->last_code_id <= 0 || !_gloss_window_ensure_coder (self, "apply-last-code", NULL))
    return;
  if (_gloss_window_code_selection (self, self->last_code_id, &error) == 0)
    _gloss_window_show_error (self, error);
}

static void
delete_coding_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 coding_id = self->coding_id;

  if (coding_id <= 0)
    return;

  gloss_window_select_coding (self, 0);
  if (!gloss_project_delete_coding (self->project, coding_id, &error))
    {
      _gloss_window_show_error (self, error);
      return;
    }

  gloss_toast_add_undo (self->toast_overlay, _("Coding deleted"));
}

static void
change_coding_code_action (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 code_id = g_variant_get_int64 (param);

  if (self->coding_id <= 0)
    return;

  if (!gloss_project_set_coding_code (self->project, self->coding_id, code_id, &error))
    {
      _gloss_window_show_error (self, error);
      return;
    }
  self->last_code_id = code_id;
  _gloss_window_update_actions (self);
}

static void
change_coding_new_code_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 code_id;

  if (self->coding_id <= 0)
    return;

  code_id = _gloss_window_create_code (self, g_variant_get_string (param, NULL), &error);
  if (code_id <= 0)
    {
      _gloss_window_show_error (self, error);
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self), "change-coding-code",
                                  g_variant_new_int64 (code_id));
}

/* Adjusting a coding's boundaries: select the new extent, then this. */
static void
set_coding_range_to_selection_action (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  if (self->coding_id <= 0)
    return;

  if (!gloss_document_view_get_selection (self->document_view, &start, &end) || start >= end)
    {
      gloss_window_show_toast (self, _("Select the text the coding should cover"));
      return;
    }

  if (!gloss_project_set_coding_range (self->project, self->coding_id, start, end, &error))
    {
      _gloss_window_show_error (self, error);
      return;
    }
  gloss_document_view_clear_selection (self->document_view);
}

static void
set_coding_memo_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->coding_id <= 0)
    return;

  if (!gloss_project_set_coding_memo (self->project, self->coding_id,
                                      g_variant_get_string (param, NULL), &error))
    _gloss_window_show_error (self, error);
}

/* History */

/* Undoing or redoing a large step says so, and offers to go back: it is
 * one click away, as the change itself was. */
static void
announce_large_step (GlossWindow            *self,
                     const GlossHistoryStep *step,
                     gboolean                undone)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (step == NULL || !gloss_history_step_is_large (step))
    return;

  description = gloss_history_step_describe (step);
  escaped = g_markup_escape_text (description, -1);
  title = g_strdup_printf (undone ? _("Undone: %s") : _("Redone: %s"), escaped);
  toast = gloss_toast_add (self->toast_overlay, title, 10, undone ? _("_Redo") : _("_Undo"),
                           undone ? "win.redo" : "win.undo", NULL);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossHistoryStep) step = NULL;

  gloss_inspector_flush_memo (self->inspector);
  step = gloss_project_get_undo_step (self->project);
  if (!gloss_project_undo (self->project, &error))
    _gloss_window_show_error (self, error);
  else
    announce_large_step (self, step, TRUE);
  _gloss_window_update_actions (self);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossHistoryStep) step = NULL;

  step = gloss_project_get_redo_step (self->project);
  if (!gloss_project_redo (self->project, &error))
    _gloss_window_show_error (self, error);
  else
    announce_large_step (self, step, FALSE);
  _gloss_window_update_actions (self);
}

/* Coders */

static void
coder_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gloss_window_set_active_coder (user_data, g_variant_get_int64 (param));
}

static void
on_coder_name_chosen (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autofree char *name = gloss_name_dialog_choose_finish (GLOSS_NAME_DIALOG (source), result, NULL);
  g_autoptr(GError) error = NULL;
  gint64 coder_id;

  if (name == NULL || self->project == NULL)
    return;

  coder_id = gloss_project_add_coder (self->project, name, NULL, &error);
  if (coder_id <= 0)
    {
      _gloss_window_show_error (self, error);
      return;
    }
  _gloss_window_refresh_coders (self);
  gloss_window_set_active_coder (self, coder_id);
}

void
_gloss_window_add_coder_dialog (GlossWindow *self)
{
  GlossNameDialog *dialog;

  if (self->project == NULL)
    return;
  dialog = gloss_name_dialog_new (GTK_WINDOW (self), _("Add Coder"),
                                  _("New codings are made by the active coder. "
                                    "Each coder sees only their own codings while coding."),
                                  _("_Add"));
  gloss_name_dialog_check_coder_name (dialog, self->project, 0);
  gloss_name_dialog_choose_async (dialog, self->cancellable, on_coder_name_chosen, g_object_ref (self));
}

static void
add_coder_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  _gloss_window_add_coder_dialog (user_data);
}

/* View */

static void
toggle_inspector_action (GSimpleAction *action,
                         GVariant      *state,
                         gpointer       user_data)
{
  GlossWindow *self = user_data;
  gboolean visible = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), visible);
  g_settings_set_boolean (self->settings, "inspector-visible", visible);
}

static void
forward_to_view (GlossWindow *self,
                 const char  *name)
{
  gtk_widget_activate_action (GTK_WIDGET (self->document_view), name, NULL);
}

static void
zoom_in_action (GSimpleAction *a, GVariant *p, gpointer self)
{
  forward_to_view (self, "view.zoom-in");
}

static void
zoom_out_action (GSimpleAction *a, GVariant *p, gpointer self)
{
  forward_to_view (self, "view.zoom-out");
}

static void
zoom_reset_action (GSimpleAction *a, GVariant *p, gpointer self)
{
  forward_to_view (self, "view.zoom-reset");
}

static void
fit_width_action (GSimpleAction *a, GVariant *p, gpointer self)
{
  forward_to_view (self, "view.fit-width");
}

static void
fit_page_action (GSimpleAction *a, GVariant *p, gpointer self)
{
  forward_to_view (self, "view.fit-page");
}

static void
zoom_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GlossWindow *self = user_data;

  gloss_document_view_set_zoom (self->document_view, g_variant_get_double (param));
}

static void
find_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GlossWindow *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static void
agreement_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  gloss_agreement_window_present_for (GLOSS_WINDOW (user_data));
}

static const GActionEntry win_entries[] = {
  { "import", import_action },
  { "open-document", open_document_action, "x" },
  { "remove-document", remove_document_action, "x" },
  { "code-selection", code_selection_action },
  { "apply-code", apply_code_action, "x" },
  { "apply-last-code", apply_last_code_action },
  { "delete-coding", delete_coding_action },
  { "change-coding-code", change_coding_code_action, "x" },
  { "change-coding-new-code", change_coding_new_code_action, "s" },
  { "set-coding-memo", set_coding_memo_action, "s" },
  { "set-coding-range-to-selection", set_coding_range_to_selection_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "coder", coder_action, "x", "int64 0" },
  { "add-coder", add_coder_action },
  /* Blind or review mode; what follows it follows the state ("notify::state"). */
  { "show-all-coders", NULL, NULL, "false", NULL },
  { "toggle-inspector", NULL, NULL, "true", toggle_inspector_action },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "zoom-reset", zoom_reset_action },
  { "fit-width", fit_width_action },
  { "fit-page", fit_page_action },
  { "zoom", zoom_action, "d" },
  { "find", find_action },
  { "agreement", agreement_action },
  { "close", close_action },
};

void
_gloss_window_add_actions (GlossWindow *self)
{
  GAction *inspector;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
  _gloss_window_add_exchange_actions (self);
  _gloss_window_add_cases_actions (self);

  inspector = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-inspector");
  g_simple_action_set_state (G_SIMPLE_ACTION (inspector),
                             g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                            "inspector-visible")));
}
