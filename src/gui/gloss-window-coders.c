/* gloss-window-coders.c: the coders of a project, named, coloured and
 * removed from the coder menu; the first coder's name asked for when
 * someone is about to code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-name-dialog.h"
#include "gloss-window-private.h"

static GlossCoder *
find_coder (GlossWindow *self,
            gint64       coder_id)
{
  return self->coder_index != NULL ? g_hash_table_lookup (self->coder_index, &coder_id) : NULL;
}

static gboolean
writable (GlossWindow *self)
{
  return self->project != NULL && !gloss_project_get_read_only (self->project);
}

/* Rename (through the shared name dialog, which refuses an empty name and
 * that of another coder) */

/* The window is held weakly: a dialog left open does not keep it alive
 * (its going cancels the dialog, which then closes). */
typedef struct
{
  GWeakRef window;
  gint64   coder_id;
} NameRequest;

static void
name_request_free (NameRequest *request)
{
  g_weak_ref_clear (&request->window);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NameRequest, name_request_free)

static void
on_coder_name_chosen (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(NameRequest) request = user_data;
  g_autoptr(GlossWindow) self = g_weak_ref_get (&request->window);
  g_autofree char *name = gloss_name_dialog_choose_finish (GLOSS_NAME_DIALOG (source), result, NULL);
  g_autoptr(GError) error = NULL;
  GlossCoder *coder;

  if (self == NULL)
    return;
  coder = find_coder (self, request->coder_id);
  if (name == NULL || coder == NULL || g_strcmp0 (coder->name, name) == 0 || self->project == NULL)
    return;
  if (!gloss_project_rename_coder (self->project, request->coder_id, name, &error))
    _gloss_window_show_error (self, error);
}

static void
ask_coder_name (GlossWindow *self,
                gint64       coder_id,
                const char  *heading,
                const char  *body,
                const char  *accept_label)
{
  GlossCoder *coder = find_coder (self, coder_id);
  NameRequest *request;
  GlossNameDialog *dialog;

  if (coder == NULL || !writable (self))
    return;
  request = g_new0 (NameRequest, 1);
  g_weak_ref_init (&request->window, self);
  request->coder_id = coder_id;

  dialog = gloss_name_dialog_new (GTK_WINDOW (self), heading, body, accept_label);
  gloss_name_dialog_check_coder_name (dialog, self->project, coder_id);
  gloss_name_dialog_set_text (dialog, coder->name);
  gtk_editable_select_region (GTK_EDITABLE (gloss_name_dialog_get_entry (dialog)), 0, -1);
  _gloss_window_close_coder_dialogs (self);
  self->coder_name_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->coder_name_dialog);
  gloss_name_dialog_choose_async (dialog, self->cancellable, on_coder_name_chosen, request);
}

/* The dialog may outlive its answer (its task holds it a moment longer):
 * it lets go of the window first, so that it never points at a window
 * that is gone. */
void
_gloss_window_close_coder_dialogs (GlossWindow *self)
{
  GtkWindow *dialog = self->coder_name_dialog;

  if (dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->coder_name_dialog);
  self->coder_name_dialog = NULL;
  gtk_window_set_transient_for (dialog, NULL);
  gtk_window_destroy (dialog);
}

static void
rename_coder_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  GlossWindow *self = user_data;
  gint64 coder_id = g_variant_get_int64 (param);
  GlossCoder *coder = find_coder (self, coder_id);
  g_autofree char *heading = NULL;

  if (coder == NULL)
    return;
  /* Translators: a dialog's heading, %s is the coder's name */
  heading = g_strdup_printf (_("Rename “%s”"), coder->name);
  ask_coder_name (self, coder_id, heading,
                  _("Their codings keep their place; only the name they are shown with changes."),
                  _("_Rename"));
}

/* The first coder: asked for when someone is about to code in a project
 * that has none (a new project, or one prepared without coders), never
 * when one is opened: a project opened to read stays as it was. */

typedef struct
{
  GWeakRef  window;
  char     *action;   /* what was about to be done, done once named */
  GVariant *param;
} FirstCoderRequest;

static void
first_coder_request_free (FirstCoderRequest *request)
{
  g_weak_ref_clear (&request->window);
  g_free (request->action);
  g_clear_pointer (&request->param, g_variant_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FirstCoderRequest, first_coder_request_free)

static void
on_first_coder_chosen (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(FirstCoderRequest) request = user_data;
  g_autoptr(GlossWindow) self = g_weak_ref_get (&request->window);
  g_autofree char *name = gloss_name_dialog_choose_finish (GLOSS_NAME_DIALOG (source), result, NULL);
  g_autoptr(GError) error = NULL;
  gint64 coder_id;

  if (self == NULL || name == NULL || !writable (self))
    return;
  coder_id = gloss_project_add_coder (self->project, name, NULL, &error);
  if (coder_id <= 0)
    {
      _gloss_window_show_error (self, error);
      return;
    }
  _gloss_window_refresh_coders (self);
  gloss_window_set_active_coder (self, coder_id);
  if (request->action != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self), request->action, request->param);
}

static void
ask_first_coder (GlossWindow *self,
                 const char  *then_action,
                 GVariant    *then_param)
{
  FirstCoderRequest *request;
  GlossNameDialog *dialog;

  request = g_new0 (FirstCoderRequest, 1);
  g_weak_ref_init (&request->window, self);
  request->action = g_strdup (then_action);
  request->param = then_param != NULL ? g_variant_ref_sink (then_param) : NULL;

  dialog = gloss_name_dialog_new (GTK_WINDOW (self), _("Who Is Coding?"),
                                  _("Your codings are saved under this name, so that a team can tell them apart. "
                                    "You can rename coders later in the coder menu."),
                                  _("_Continue"));
  gloss_name_dialog_check_coder_name (dialog, self->project, 0);
  /* The name of the account is a guess: the person says theirs. */
  gloss_name_dialog_set_text (dialog, g_get_real_name ());
  gtk_editable_select_region (GTK_EDITABLE (gloss_name_dialog_get_entry (dialog)), 0, -1);
  _gloss_window_close_coder_dialogs (self);
  self->coder_name_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->coder_name_dialog);
  gloss_name_dialog_choose_async (dialog, self->cancellable, on_first_coder_chosen, request);
}

gboolean
_gloss_window_ensure_coder (GlossWindow *self,
                            const char  *then_action,
                            GVariant    *then_param)
{
  if (self->coder_id > 0)
    {
      if (then_param != NULL)
        g_variant_unref (g_variant_ref_sink (then_param));
      return TRUE;
    }
  if (writable (self))
    ask_first_coder (self, then_action, then_param);
  else if (then_param != NULL)
    g_variant_unref (g_variant_ref_sink (then_param));
  return FALSE;
}

void
gloss_window_ask_first_coder (GlossWindow *self)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));

  if (self->coder_id <= 0 && writable (self))
    ask_first_coder (self, NULL, NULL);
}

/* Recolour */

static void
on_color_response (GtkDialog   *dialog,
                   int          response,
                   GlossWindow *self)
{
  gint64 coder_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "coder-id"));
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  if (response == GTK_RESPONSE_OK && self->project != NULL)
    {
      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
      color = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                               (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
      if (!gloss_project_set_coder_color (self->project, coder_id, color, &error))
        _gloss_window_show_error (self, error);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
recolor_coder_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GlossWindow *self = user_data;
  gint64 coder_id = g_variant_get_int64 (param);
  GlossCoder *coder = find_coder (self, coder_id);
  g_autofree char *title = NULL;
  GtkWidget *dialog;
  GdkRGBA rgba;

  if (coder == NULL || !writable (self))
    return;
  /* Translators: a dialog's title, %s is the coder's name */
  title = g_strdup_printf (_("Colour of “%s”"), coder->name);
  dialog = gtk_color_chooser_dialog_new (title, GTK_WINDOW (self));
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (dialog), FALSE);
  if (coder->color != NULL && gdk_rgba_parse (&rgba, coder->color))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "coder-id", GSIZE_TO_POINTER ((gsize) coder_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_color_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Remove: said what goes with the coder, confirmed, undoable */

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    GlossWindow      *self)
{
  gint64 coder_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "coder-id"));
  g_autoptr(GlossCoder) coder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (g_strcmp0 (response, "remove") != 0 || self->project == NULL ||
      (coder = gloss_project_get_coder (self->project, coder_id, NULL)) == NULL)
    return;

  if (!gloss_project_remove_coder (self->project, coder_id, &error))
    {
      _gloss_window_show_error (self, error);
      return;
    }
  /* Coding goes on as someone who is still there. */
  if (self->coder_id == coder_id)
    {
      _gloss_window_refresh_coders (self);
      gloss_window_set_active_coder (self, self->coders->len > 0
                                           ? ((GlossCoder *) g_ptr_array_index (self->coders, 0))->id : 0);
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Coder “%s” removed with %" PRId64 " coding",
                                          "Coder “%s” removed with %" PRId64 " codings",
                                          (gulong) coder->n_codings),
                             coder->name, coder->n_codings);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
remove_coder_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  GlossWindow *self = user_data;
  gint64 coder_id = g_variant_get_int64 (param);
  g_autoptr(GlossCoder) coder = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!writable (self) || (coder = gloss_project_get_coder (self->project, coder_id, NULL)) == NULL)
    return;

  /* Translators: a dialog's heading, %s is the coder's name */
  heading = g_strdup_printf (_("Remove “%s”?"), coder->name);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%" PRId64 " coding made by this coder is removed with them. "
                                       "Undo (Ctrl+Z) brings the coder and the coding back.",
                                       "%" PRId64 " codings made by this coder are removed with them. "
                                       "Undo (Ctrl+Z) brings the coder and the codings back.",
                                       (gulong) coder->n_codings),
                          coder->n_codings);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "coder-id", GSIZE_TO_POINTER ((gsize) coder_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Review mode: a lane per coder (in the order of self->coders, as the
 * highlights are given them), named after the coder in their colour. */
void
_gloss_window_label_coder_lanes (GlossWindow *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GArray) colors = g_array_new (FALSE, TRUE, sizeof (GdkRGBA));
  g_auto(GStrv) labels = NULL;

  for (guint i = 0; _gloss_window_show_all_coders (self) && self->coders != NULL && i < self->coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (self->coders, i);
      GdkRGBA color = { 0.4, 0.4, 0.4, 1.0 };

      if (coder->color != NULL)
        gdk_rgba_parse (&color, coder->color);
      g_strv_builder_add (names, coder->name);
      g_array_append_val (colors, color);
    }
  labels = g_strv_builder_end (names);
  gloss_document_view_set_lane_labels (self->document_view, (const char * const *) labels,
                                       (const GdkRGBA *) colors->data);
}

static void
on_code_selected (GlossWindow *self)
{
  /* The selected code's codings are filled, whoever made them. */
  if (_gloss_window_show_all_coders (self))
    _gloss_window_refresh_highlights (self);
}

static const GActionEntry coder_entries[] = {
  { "rename-coder", rename_coder_action, "x" },
  { "recolor-coder", recolor_coder_action, "x" },
  { "remove-coder", remove_coder_action, "x" },
};

void
_gloss_window_add_coder_actions (GlossWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), coder_entries, G_N_ELEMENTS (coder_entries), self);
  g_signal_connect_object (self->codebook_panel, "code-selected", G_CALLBACK (on_code_selected),
                           self, G_CONNECT_SWAPPED);
}

void
_gloss_window_update_coder_actions (GlossWindow *self)
{
  gboolean can_change = writable (self) && find_coder (self, self->coder_id) != NULL;
  const char *names[] = { "rename-coder", "recolor-coder" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), names[i])),
                                 can_change);
  /* The last coder stays: someone has to be coding. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "remove-coder")),
                               can_change && self->coders != NULL && self->coders->len > 1);
}

/* The coder menu's section for the active coder. */
void
_gloss_window_append_coder_management (GlossWindow *self,
                                       GMenu       *menu)
{
  g_autoptr(GMenu) section = g_menu_new ();
  const char *items[][2] = {
    { N_("_Rename Coder…"), "win.rename-coder" },
    { N_("Coder _Colour…"), "win.recolor-coder" },
    { N_("Re_move Coder…"), "win.remove-coder" },
  };

  if (find_coder (self, self->coder_id) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i][0]), NULL);

      g_menu_item_set_action_and_target_value (item, items[i][1], g_variant_new_int64 (self->coder_id));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  _gloss_window_update_coder_actions (self);
}
