/* gloss-window-review.c: the window's codebook panel, coded excerpts, memos,
 * blind and review modes (per-coder visibility), find across documents and
 * "code all hits"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-window-private.h"
#include "gloss-toast.h"

static gboolean
action_state (GlossWindow *self,
              const char  *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self), name);

  return state != NULL && g_variant_get_boolean (state);
}

static void
add_toast_with_undo (GlossWindow *self,
                     const char  *message)
{
  gloss_toast_add_undo (self->toast_overlay, message);
}

/* Blind and review modes: win.show-all-coders's state says which. The
 * codebook model and the panels follow the window's "blind-coder-id"
 * through the template's bindings. */

static gboolean
review_mode (GlossWindow *self)
{
  return _gloss_window_show_all_coders (self);
}

static void
update_counts_and_lists (GlossWindow *self)
{
  gloss_document_list_set_coder_filter (self->document_list, _gloss_window_blind_coder (self));
}

gboolean
_gloss_window_coder_hidden (GlossWindow *self,
                            gint64       coder_id)
{
  return self->hidden_coders != NULL && g_hash_table_contains (self->hidden_coders, &coder_id);
}

static void
on_coder_visible_changed (GSimpleAction *action,
                          GVariant      *state,
                          GlossWindow   *self)
{
  gint64 coder_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (action), "coder-id"));

  g_simple_action_set_state (action, state);
  if (g_variant_get_boolean (state))
    g_hash_table_remove (self->hidden_coders, &coder_id);
  else
    g_hash_table_add (self->hidden_coders, g_memdup2 (&coder_id, sizeof coder_id));

  _gloss_window_refresh_highlights (self);
  gloss_excerpts_pane_set_hidden_coders (self->excerpts_pane, self->hidden_coders);
}

void
_gloss_window_append_coder_filter (GlossWindow *self,
                                   GMenu       *menu)
{
  g_autoptr(GMenu) section = NULL;
  g_auto(GStrv) old = NULL;

  if (self->coder_actions == NULL)
    return;

  section = g_menu_new ();
  old = g_action_group_list_actions (G_ACTION_GROUP (self->coder_actions));
  for (guint i = 0; old[i] != NULL; i++)
    g_action_map_remove_action (G_ACTION_MAP (self->coder_actions), old[i]);

  for (guint i = 0; self->coders != NULL && i < self->coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (self->coders, i);
      g_autofree char *name = g_strdup_printf ("visible-%" G_GINT64_FORMAT, coder->id);
      g_autofree char *detailed = g_strconcat ("coders.", name, NULL);
      g_autoptr(GSimpleAction) action = NULL;

      action = g_simple_action_new_stateful (name, NULL,
                                             g_variant_new_boolean (!_gloss_window_coder_hidden (self, coder->id)));
      g_object_set_data (G_OBJECT (action), "coder-id", GSIZE_TO_POINTER ((gsize) coder->id));
      /* The filter applies to review mode; blind mode shows one coder anyway. */
      g_simple_action_set_enabled (action, review_mode (self));
      g_signal_connect (action, "change-state", G_CALLBACK (on_coder_visible_changed), self);
      g_action_map_add_action (G_ACTION_MAP (self->coder_actions), G_ACTION (action));
      g_menu_append (section, coder->name, detailed);
    }

  if (self->coders != NULL && self->coders->len > 1)
    g_menu_append_section (menu, _("Show Codings Of"), G_MENU_MODEL (section));
}

static void
on_show_all_coders_changed (GlossWindow *self)
{
  g_auto(GStrv) names = NULL;

  if (self->coder_actions == NULL)
    return;
  names = g_action_group_list_actions (G_ACTION_GROUP (self->coder_actions));

  for (guint i = 0; names[i] != NULL; i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->coder_actions), names[i]);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), review_mode (self));
    }
  _gloss_window_notify_mode (self);
  update_counts_and_lists (self);
  _gloss_window_refresh_highlights (self);
}

/* Codebook panel and coded excerpts */

static void
show_excerpts_pane (GlossWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->excerpts_pane), TRUE);
}

static void
on_code_selected (GlossWindow        *self,
                  gint64              code_id,
                  GlossCodebookPanel *panel)
{
  /* Choosing a code puts it in the inspector: its description and memo. */
  if (code_id > 0 && self->coding_id > 0)
    gloss_window_select_coding (self, 0);
  else
    _gloss_window_refresh_inspector (self);
  if (code_id <= 0)
    return;
  gloss_excerpts_pane_show_code (self->excerpts_pane, code_id);
  show_excerpts_pane (self);
}

static void
on_excerpt_activated (GlossWindow       *self,
                      GlossExcerptItem  *item,
                      GlossExcerptsPane *pane)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = gloss_excerpt_item_get_document_id (item);
  gint64 coding_id = gloss_excerpt_item_get_coding_id (item);

  if (document_id <= 0)
    return;
  if (!gloss_window_open_document (self, document_id, &error))
    {
      _gloss_window_show_error (self, error);
      return;
    }
  gloss_document_view_scroll_to_offset (self->document_view,
                                        gloss_excerpt_item_get_start (item), TRUE);
  if (coding_id > 0)
    gloss_window_select_coding (self, coding_id);
}

static void
on_excerpts_closed (GlossWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->excerpts_pane), FALSE);
}

static void
show_code_excerpts_action (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  GlossWindow *self = user_data;
  gint64 code_id = g_variant_get_int64 (param);

  gloss_excerpts_pane_show_code (self->excerpts_pane, code_id);
  show_excerpts_pane (self);
}

/* 0 means the open document. */
static void
show_document_excerpts_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  GlossWindow *self = user_data;
  gint64 document_id = g_variant_get_int64 (param);

  if (document_id <= 0)
    document_id = self->document_id;
  if (document_id <= 0)
    {
      gloss_window_show_toast (self, _("Open a document first"));
      return;
    }
  gloss_excerpts_pane_show_document (self->excerpts_pane, document_id);
  show_excerpts_pane (self);
}

/* Memos on the project, a document, a code or a coder */

static void
set_memo_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *kind, *text;
  gint64 target_id;

  g_variant_get (param, "(&sx&s)", &kind, &target_id, &text);
  if (self->project != NULL &&
      !gloss_project_set_memo (self->project, kind, target_id, text, &error))
    _gloss_window_show_error (self, error);
}

static void
on_memo_response (AdwMessageDialog *dialog,
                  const char       *response,
                  GlossWindow      *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "view");
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  gint64 target_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "target-id");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (g_strcmp0 (response, "save") != 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (self), "set-memo",
                                  g_variant_new ("(sxs)", kind, target_id, text));
}

static char *
memo_heading (GlossWindow *self,
              const char  *kind,
              gint64       target_id)
{
  if (g_strcmp0 (kind, "document") == 0)
    {
      g_autoptr(GlossDocumentInfo) info = gloss_project_get_document (self->project, target_id, NULL);
      /* Translators: %s is a document's title */
      return g_strdup_printf (_("Memo on “%s”"), info ? info->title : "");
    }
  if (g_strcmp0 (kind, "code") == 0)
    {
      g_autofree char *path = gloss_project_dup_code_path (self->project, target_id, NULL);
      /* Translators: %s is a code's path */
      return g_strdup_printf (_("Memo on the code “%s”"), path ? path : "");
    }
  if (g_strcmp0 (kind, "coder") == 0)
    {
      g_autoptr(GlossCoder) coder = gloss_project_get_coder (self->project, target_id, NULL);
      /* Translators: %s is a coder's name */
      return g_strdup_printf (_("Memo on the coder %s"), coder ? coder->name : "");
    }
  return g_strdup (_("Project Memo"));
}

static void
edit_memo_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autofree char *heading = NULL;
  g_autofree char *memo = NULL;
  GtkWidget *dialog, *scroller, *view;
  const char *kind;
  gint64 target_id;

  if (self->project == NULL)
    return;
  g_variant_get (param, "(&sx)", &kind, &target_id);
  heading = memo_heading (self, kind, target_id);
  memo = gloss_project_get_memo (self->project, kind, target_id, NULL);

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), memo ? memo : "", -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_widget_add_css_class (scroller, "card");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Notes, ideas and decisions; memos are searchable."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "view", view);
  g_object_set_data_full (G_OBJECT (dialog), "kind", g_strdup (kind), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "target-id",
                          g_memdup2 (&target_id, sizeof target_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_memo_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
edit_document_memo_action (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  GlossWindow *self = user_data;

  if (self->document_id <= 0)
    {
      gloss_window_show_toast (self, _("Open a document first"));
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self), "edit-memo",
                                  g_variant_new ("(sx)", "document", self->document_id));
}

/* Find: across documents, in memos, and coding every hit */

gboolean
_gloss_window_search_all_documents (GlossWindow *self)
{
  return action_state (self, "search-all-documents");
}

gboolean
_gloss_window_search_in_memos (GlossWindow *self)
{
  return action_state (self, "search-memos");
}

void
_gloss_window_search_memos (GlossWindow *self,
                            const char  *text)
{
  gloss_excerpts_pane_show_memos (self->excerpts_pane, text);
  show_excerpts_pane (self);
}

void
_gloss_window_show_search_marks (GlossWindow *self)
{
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_highlight_free);
  GdkRGBA color = { 0.96, 0.76, 0.07, 1.0 };
  guint n = self->search_hits ? self->search_hits->len : 0;
  guint n_documents = 0;
  gint64 last_document = 0;

  for (guint i = 0; i < n; i++)
    {
      GlossSearchHit *hit = g_ptr_array_index (self->search_hits, i);

      if (hit->document_id != last_document)
        n_documents++;
      last_document = hit->document_id;
      if (hit->document_id == self->document_id)
        g_ptr_array_add (marks, gloss_highlight_new (i + 1, hit->start, hit->end, &color, 0, NULL));
    }
  gloss_document_view_set_marks (self->document_view, marks);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_hits_button),
                            n > 0 && !gloss_project_get_read_only (self->project));
  if (n > 0 && n_documents > 1)
    {
      g_autofree char *tooltip =
        /* Translators: the search position label's tooltip */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Matches in %u document",
                                      "Matches in %u documents", n_documents), n_documents);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_label), tooltip);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_label), NULL);
}

static void
rerun_search (GlossWindow *self)
{
  g_signal_emit_by_name (self->search_entry, "search-changed");
}

static void
search_toggle_action (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  g_simple_action_set_state (action, state);
  rerun_search (user_data);
}

static void
find_memos_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  GlossWindow *self = user_data;

  g_action_group_change_action_state (G_ACTION_GROUP (self), "search-memos",
                                      g_variant_new_boolean (TRUE));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
code_hits_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 n;

  if (self->search_hits == NULL || self->search_hits->len == 0)
    {
      gloss_window_show_toast (self, _("Find something first"));
      return;
    }
  /* No coder yet: who is coding is asked first, then the hits are coded. */
  if (!_gloss_window_ensure_coder (self, "code-hits", param))
    return;

  n = gloss_project_code_hits (self->project, self->search_hits, self->coder_id,
                               g_variant_get_int64 (param), &error);
  if (n < 0)
    {
      _gloss_window_show_error (self, error);
      return;
    }
  if (n == 0)
    {
      gloss_window_show_toast (self, _("Every match is coded so already"));
      return;
    }
  self->last_code_id = g_variant_get_int64 (param);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " match coded",
                                          "%" PRId64 " matches coded", n), n);
  add_toast_with_undo (self, message);
}

static void
on_hits_code_chosen (GlossWindow      *self,
                     gint64            code_id,
                     GlossCodePopover *popover)
{
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_action_group_activate_action (G_ACTION_GROUP (self), "code-hits", g_variant_new_int64 (code_id));
}

static void
on_hits_code_create (GlossWindow      *self,
                     const char       *name,
                     GlossCodePopover *popover)
{
  g_autoptr(GError) error = NULL;
  gint64 code_id;

  gtk_popover_popdown (GTK_POPOVER (popover));
  code_id = _gloss_window_create_code (self, name, &error);
  if (code_id <= 0)
    {
      _gloss_window_show_error (self, error);
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self), "code-hits", g_variant_new_int64 (code_id));
}

static void
on_hits_popover_show (GlossWindow *self)
{
  gloss_code_popover_set_filter (self->hits_popover, "");
}

/* Following the project */

static void
on_review_project_changed (GlossProject *project,
                           guint         changes,
                           GlossWindow  *self)
{
  /* The codebook panel follows the codebook model. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->excerpts_pane)))
    gloss_excerpts_pane_reload (self->excerpts_pane);
  /* The search hits may have changed documents; they are recomputed on the next search. */
  _gloss_window_update_actions (self);
}

static void
on_project_notify (GlossWindow *self)
{
  if (self->review_project != NULL)
    g_clear_signal_handler (&self->review_changed_id, self->review_project);
  g_set_object (&self->review_project, self->project);
  if (self->project != NULL)
    self->review_changed_id = g_signal_connect (self->project, "changed",
                                                G_CALLBACK (on_review_project_changed), self);

  g_hash_table_remove_all (self->hidden_coders);
  gtk_widget_set_visible (GTK_WIDGET (self->excerpts_pane), FALSE);
  /* The panels have the project through the template's bindings. */
  gloss_excerpts_pane_set_hidden_coders (self->excerpts_pane, self->hidden_coders);
  update_counts_and_lists (self);
}

static void
on_coder_notify (GlossWindow *self)
{
  /* While another project is being opened, on_project_notify does it all. */
  if (self->review_project != self->project)
    return;
  update_counts_and_lists (self);
  if (self->search_hits != NULL)
    _gloss_window_show_search_marks (self);
}

static const GActionEntry review_entries[] = {
  { "show-code-excerpts", show_code_excerpts_action, "x" },
  { "show-document-excerpts", show_document_excerpts_action, "x" },
  { "edit-memo", edit_memo_action, "(sx)" },
  { "set-memo", set_memo_action, "(sxs)" },
  { "edit-document-memo", edit_document_memo_action },
  { "search-all-documents", NULL, NULL, "false", search_toggle_action },
  { "search-memos", NULL, NULL, "false", search_toggle_action },
  { "find-memos", find_memos_action },
  { "code-hits", code_hits_action, "x" },
};

void
_gloss_window_setup_review (GlossWindow *self)
{
  GAction *show_all;

  self->hidden_coders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->coder_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "coders", G_ACTION_GROUP (self->coder_actions));
  g_action_map_add_action_entries (G_ACTION_MAP (self), review_entries,
                                   G_N_ELEMENTS (review_entries), self);

  g_signal_connect_swapped (self->hits_popover, "code-chosen", G_CALLBACK (on_hits_code_chosen), self);
  g_signal_connect_swapped (self->hits_popover, "code-create", G_CALLBACK (on_hits_code_create), self);
  g_signal_connect_swapped (self->hits_popover, "show", G_CALLBACK (on_hits_popover_show), self);

  g_signal_connect_swapped (self->codebook_panel, "code-selected", G_CALLBACK (on_code_selected), self);
  g_signal_connect_swapped (self->excerpts_pane, "excerpt-activated", G_CALLBACK (on_excerpt_activated), self);
  g_signal_connect_swapped (self->excerpts_pane, "closed", G_CALLBACK (on_excerpts_closed), self);
  g_signal_connect (self, "notify::project", G_CALLBACK (on_project_notify), NULL);
  g_signal_connect (self, "notify::coder-id", G_CALLBACK (on_coder_notify), NULL);

  /* show-all-coders is the window's; its state says blind or review mode. */
  show_all = g_action_map_lookup_action (G_ACTION_MAP (self), "show-all-coders");
  g_signal_connect_object (show_all, "notify::state", G_CALLBACK (on_show_all_coders_changed),
                           self, G_CONNECT_SWAPPED);
}

void
_gloss_window_dispose_review (GlossWindow *self)
{
  if (self->review_project != NULL)
    g_clear_signal_handler (&self->review_changed_id, self->review_project);
  g_clear_object (&self->review_project);
  g_clear_object (&self->coder_actions);
  g_clear_pointer (&self->hidden_coders, g_hash_table_unref);
}
