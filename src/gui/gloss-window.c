/* gloss-window.c: the main window: documents, the document view, the inspector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-window-private.h"
#include "gloss-toast.h"

G_DEFINE_FINAL_TYPE (GlossWindow, gloss_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_DOCUMENT_ID,
  PROP_CODER_ID,
  PROP_SHOW_ALL_CODERS,
  PROP_BLIND_CODER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlossWindow *
gloss_window_new (GtkApplication *application)
{
  return g_object_new (GLOSS_TYPE_WINDOW, "application", application, NULL);
}

GlossProject *
gloss_window_get_project (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->project;
}

gint64
gloss_window_get_document_id (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), 0);

  return self->document_id;
}

GlossDocumentView *
gloss_window_get_document_view (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->document_view;
}

gint64
gloss_window_get_active_coder (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), 0);

  return self->coder_id;
}

gint64
gloss_window_get_selected_coding (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), 0);

  return self->coding_id;
}

void
gloss_window_show_toast (GlossWindow *self,
                         const char  *message)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));

  gloss_toast_add (self->toast_overlay, message, GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
}

void
_gloss_window_show_error (GlossWindow  *self,
                          const GError *error)
{
  gloss_window_show_toast (self, error->message);
}

/* Blind and review modes: one place, the action's state. */

gboolean
_gloss_window_show_all_coders (GlossWindow *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self), "show-all-coders");

  return state != NULL && g_variant_get_boolean (state);
}

gint64
_gloss_window_blind_coder (GlossWindow *self)
{
  return _gloss_window_show_all_coders (self) ? 0 : self->coder_id;
}

void
_gloss_window_notify_mode (GlossWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ALL_CODERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLIND_CODER_ID]);
}

/* Title */

static void
update_title (GlossWindow *self)
{
  g_autofree char *project_title = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GlossDocumentInfo) info = NULL;

  if (self->project == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Gloss"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Gloss"));
      return;
    }

  project_title = gloss_project_dup_title (self->project);
  if (project_title == NULL || *project_title == '\0')
    {
      g_free (project_title);
      project_title = g_path_get_basename (gloss_project_get_path (self->project));
    }

  if (self->document_id > 0)
    info = gloss_project_get_document (self->project, self->document_id, NULL);

  adw_window_title_set_title (self->window_title, project_title);
  adw_window_title_set_subtitle (self->window_title, info ? info->title : NULL);

  if (info != NULL)
    /* Translators: the window title, "project — document" */
    title = g_strdup_printf (_("%s — %s"), project_title, info->title);
  else
    title = g_strdup (project_title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Codebook and coders */

static void
load_coders (GlossWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->coder_index);
  g_clear_pointer (&self->coders, g_ptr_array_unref);

  if (self->project != NULL)
    self->coders = gloss_project_list_coders (self->project, &error);
  if (self->coders == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the coders: %s", error->message);
      self->coders = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coder_free);
    }

  for (guint i = 0; i < self->coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (self->coders, i);
      g_hash_table_insert (self->coder_index, &coder->id, coder);
    }
}

static GlossCoder *
lookup_coder (GlossWindow *self,
              gint64       coder_id)
{
  return g_hash_table_lookup (self->coder_index, &coder_id);
}

static void
update_coder_menu (GlossWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) coders_section = g_menu_new ();
  g_autoptr(GMenu) mode_section = g_menu_new ();
  g_autoptr(GMenu) add_section = g_menu_new ();
  GlossCoder *active = lookup_coder (self, self->coder_id);
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (self->coders, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (coder->name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.coder",
                                               g_variant_new_int64 (coder->id));
      g_menu_append_item (coders_section, item);
    }
  g_menu_append_section (menu, _("Coding as"), G_MENU_MODEL (coders_section));

  g_menu_append (mode_section, _("Show _All Coders"), "win.show-all-coders");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (mode_section));
  _gloss_window_append_coder_filter (self, menu);

  g_menu_append (add_section, _("_Add Coder…"), "win.add-coder");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (add_section));
  _gloss_window_append_coder_management (self, menu);

  gtk_menu_button_set_menu_model (self->coder_button, G_MENU_MODEL (menu));

  if (active != NULL)
    /* Translators: the coder menu button, %s is the coder's name */
    label = g_strdup_printf (_("Coding as %s"), active->name);
  else
    label = g_strdup (_("No Coder"));
  gtk_menu_button_set_label (self->coder_button, label);
}

void
_gloss_window_refresh_coders (GlossWindow *self)
{
  load_coders (self);
  update_coder_menu (self);
}

/* Active coder: remembered per project (by GUID) in GSettings. */

static void
remember_active_coder (GlossWindow *self)
{
  g_autoptr(GVariant) old = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GlossCoder *coder = lookup_coder (self, self->coder_id);
  GVariantIter iter;
  const char *key, *value;
  GVariantBuilder builder;

  if (self->project == NULL || coder == NULL)
    return;

  old = g_settings_get_value (self->settings, "active-coders");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    {
      if (g_strcmp0 (key, gloss_project_get_path (self->project)) != 0)
        g_variant_builder_add (&builder, "{ss}", key, value);
    }
  g_variant_builder_add (&builder, "{ss}", gloss_project_get_path (self->project), coder->guid);
  g_settings_set_value (self->settings, "active-coders", g_variant_builder_end (&builder));
}

static gint64
find_remembered_coder (GlossWindow *self)
{
  g_autoptr(GVariant) map = g_settings_get_value (self->settings, "active-coders");
  const char *guid = NULL;

  if (!g_variant_lookup (map, gloss_project_get_path (self->project), "&s", &guid))
    return 0;

  for (guint i = 0; i < self->coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (self->coders, i);
      if (g_strcmp0 (coder->guid, guid) == 0)
        return coder->id;
    }

  return 0;
}

/* Picks the remembered coder, else the first one. A project without coders
 * is opened as it is (it may be someone else's, opened to read): the first
 * coder is asked for when someone is about to code in it. */
static void
choose_initial_coder (GlossWindow *self)
{
  gint64 coder_id;

  load_coders (self);
  coder_id = find_remembered_coder (self);
  if (coder_id == 0 && self->coders->len > 0)
    coder_id = ((GlossCoder *) g_ptr_array_index (self->coders, 0))->id;

  gloss_window_set_active_coder (self, coder_id);
}

void
gloss_window_set_active_coder (GlossWindow *self,
                               gint64       coder_id)
{
  GAction *action;

  g_return_if_fail (GLOSS_IS_WINDOW (self));

  self->coder_id = coder_id;
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "coder");
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_int64 (coder_id));

  remember_active_coder (self);
  update_coder_menu (self);

  /* In blind mode another coder's selected coding is not shown. */
  if (!_gloss_window_show_all_coders (self) && self->coding_id > 0)
    gloss_window_select_coding (self, 0);

  _gloss_window_refresh_highlights (self);
  _gloss_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLIND_CODER_ID]);
}

/* Highlights */

static guint
lane_for (GlossWindow       *self,
          const GlossCoding *coding)
{
  guint position;

  if (_gloss_window_show_all_coders (self))
    {
      for (guint i = 0; i < self->coders->len; i++)
        if (((GlossCoder *) g_ptr_array_index (self->coders, i))->id == coding->coder_id)
          return i;
      return 0;
    }

  /* A lane per code, in codebook order. */
  position = gloss_codebook_model_get_position (self->codebook_model, coding->code_id);
  return position != G_MAXUINT ? position : 0;
}

/* What every highlight of one code by one coder shares, worked out once
 * per refresh rather than for each of tens of thousands of codings. */
typedef struct
{
  gint64      code_id;     /* the key: code and coder */
  gint64      coder_id;
  GdkRGBA     color;
  GdkRGBA     coder_color;
  gboolean    has_coder_color;
  gboolean    underline;   /* review mode: another coder's, not the selected code */
  const char *code_label;
  const char *coder_label;
} HighlightLook;

static guint
look_hash (gconstpointer key)
{
  const HighlightLook *look = key;

  return g_int64_hash (&look->code_id) * 31 + g_int64_hash (&look->coder_id);
}

static gboolean
look_equal (gconstpointer a,
            gconstpointer b)
{
  const HighlightLook *x = a, *y = b;

  return x->code_id == y->code_id && x->coder_id == y->coder_id;
}

static HighlightLook *
highlight_look (GlossWindow       *self,
                GHashTable        *looks,
                const GlossCoding *coding)
{
  HighlightLook key = { .code_id = coding->code_id, .coder_id = coding->coder_id };
  HighlightLook *look = g_hash_table_lookup (looks, &key);
  const GlossCode *code;
  GlossCoder *coder;

  if (look != NULL)
    return look;
  code = gloss_codebook_model_get_code (self->codebook_model, coding->code_id);
  coder = lookup_coder (self, coding->coder_id);
  look = g_memdup2 (&key, sizeof key);
  look->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1.0 };
  if (code != NULL && code->color != NULL)
    gdk_rgba_parse (&look->color, code->color);
  look->has_coder_color = coder != NULL && coder->color != NULL && gdk_rgba_parse (&look->coder_color, coder->color);
  look->code_label = code ? (code->path ? code->path : code->name) : _("Unknown code");
  look->coder_label = coder ? coder->name : _("Unknown coder");
  look->underline = _gloss_window_show_all_coders (self) && coding->coder_id != self->coder_id &&
                    coding->code_id != gloss_codebook_panel_get_selected_code (self->codebook_panel);
  g_hash_table_add (looks, look);
  return look;
}

static GlossHighlight *
highlight_for (GlossWindow       *self,
               GHashTable        *looks,
               const GlossCoding *coding)
{
  HighlightLook *look = highlight_look (self, looks, coding);
  GlossHighlight *highlight;

  highlight = gloss_highlight_new_with_coder (coding->id, coding->start, coding->end, &look->color,
                                              lane_for (self, coding), look->code_label, look->coder_label,
                                              look->has_coder_color ? &look->coder_color : NULL);
  highlight->underline = look->underline;
  return highlight;
}

typedef struct
{
  GlossWindow *self;
  GPtrArray   *highlights;
  GHashTable  *looks;
  gboolean     review;
} HighlightCollector;

static gboolean
collect_highlight (const GlossCoding *coding,
                   gpointer           user_data)
{
  HighlightCollector *collector = user_data;

  if (!collector->review || !_gloss_window_coder_hidden (collector->self, coding->coder_id))
    g_ptr_array_add (collector->highlights, highlight_for (collector->self, collector->looks, coding));
  return TRUE;
}

/* Only what a highlight needs is read: no quotes, memos or dates. */
void
_gloss_window_refresh_highlights (GlossWindow *self)
{
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) looks = g_hash_table_new_full (look_hash, look_equal, g_free, NULL);
  GlossCodingFilter filter = { 0 };
  HighlightCollector collector;

  highlights = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_highlight_free);
  collector = (HighlightCollector) { self, highlights, looks, _gloss_window_show_all_coders (self) };

  if (self->project != NULL && self->document_id > 0)
    {
      filter.document_id = self->document_id;
      filter.coder_id = _gloss_window_blind_coder (self);

      if (!gloss_project_foreach_coding (self->project, &filter, GLOSS_CODING_COLUMNS_SPAN,
                                         collect_highlight, &collector, &error))
        g_warning ("Could not read the codings: %s", error->message);
    }

  gloss_document_view_set_highlights (self->document_view, highlights);
  gloss_document_view_set_active_highlight (self->document_view, self->coding_id);
  _gloss_window_label_coder_lanes (self);
}

/* Inspector */

void
_gloss_window_refresh_inspector (GlossWindow *self)
{
  gloss_inspector_set_context (self->inspector, self->project != NULL ? self->document_id : 0,
                               self->project != NULL ? gloss_codebook_panel_get_selected_code (self->codebook_panel) : 0);
  gloss_inspector_show_coding (self->inspector, self->project, self->coding_id);
}

void
gloss_window_select_coding (GlossWindow *self,
                            gint64       coding_id)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));

  if (self->coding_id != coding_id)
    gloss_inspector_flush_memo (self->inspector);

  self->coding_id = coding_id;
  gloss_document_view_set_active_highlight (self->document_view, coding_id);
  _gloss_window_refresh_inspector (self);
  _gloss_window_update_actions (self);
}

/* Changes: whatever changed the project, the window reads it again. */

void
_gloss_window_refresh (GlossWindow *self,
                       guint        changes)
{
  if (self->project == NULL)
    return;

  if (changes & (GLOSS_CHANGE_CODERS))
    _gloss_window_refresh_coders (self);

  if (changes & (GLOSS_CHANGE_DOCUMENTS | GLOSS_CHANGE_CODINGS | GLOSS_CHANGE_CODES))
    gloss_document_list_reload (self->document_list);

  if (changes & GLOSS_CHANGE_DOCUMENTS && self->document_id > 0)
    {
      g_autoptr(GlossDocumentInfo) info =
        gloss_project_get_document (self->project, self->document_id, NULL);

      /* The open document was removed (or its removal was redone). */
      if (info == NULL)
        {
          self->document_id = 0;
          gloss_document_view_set_source (self->document_view, NULL);
          gtk_stack_set_visible_child_name (self->view_stack, "empty");
        }
    }

  /* A coding that no longer exists leaves the inspector. */
  if (self->coding_id > 0)
    {
      g_autoptr(GlossCoding) coding = gloss_project_get_coding (self->project, self->coding_id, NULL);

      if (coding == NULL)
        self->coding_id = 0;
    }

  _gloss_window_refresh_highlights (self);
  _gloss_window_refresh_inspector (self);
  update_title (self);
  _gloss_window_update_actions (self);
}

static void
on_project_changed (GlossProject *project,
                    guint         changes,
                    GlossWindow  *self)
{
  _gloss_window_refresh (self, changes);
}

/* Opening */

static void
update_view_controls (GlossWindow *self)
{
  gboolean has_document = self->document_id > 0;

  gtk_widget_set_visible (self->view_controls, has_document);
}

void
gloss_window_set_project (GlossWindow  *self,
                          GlossProject *project)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (project == NULL || GLOSS_IS_PROJECT (project));

  if (self->project == project)
    return;

  gloss_inspector_flush_memo (self->inspector);
  gloss_inspector_show_coding (self->inspector, NULL, 0);
  _gloss_window_clear_search (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gloss_document_view_set_source (self->document_view, NULL);

  if (self->project != NULL)
    g_clear_signal_handler (&self->project_changed_id, self->project);
  g_set_object (&self->project, project);

  self->document_id = 0;
  self->coding_id = 0;
  self->last_code_id = 0;
  self->coder_id = 0;

  gloss_document_list_set_project (self->document_list, project);
  gloss_sync_indicator_set_project (self->sync_indicator, project);

  if (project != NULL)
    {
      /* After the codebook model and the panels have read the change. */
      self->project_changed_id =
        g_signal_connect_after (project, "changed", G_CALLBACK (on_project_changed), self);
      choose_initial_coder (self);
      if (gloss_project_get_read_only (project))
        {
          g_autofree char *name = g_filename_display_basename (gloss_project_get_path (project));
          g_autofree char *message = g_strdup_printf (_("“%s” is read-only: you can read and export, but not change it"), name);
          gloss_window_show_toast (self, message);
        }
      gtk_stack_set_visible_child_name (self->main_stack, "project");
    }
  else
    {
      load_coders (self);
      update_coder_menu (self);
      gtk_stack_set_visible_child_name (self->main_stack, "no-project");
    }

  _gloss_window_watch_project (self);
  gtk_widget_set_visible (GTK_WIDGET (self->coder_button), project != NULL);
  gtk_stack_set_visible_child_name (self->view_stack, "empty");
  update_view_controls (self);
  update_title (self);
  _gloss_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/* Opens the first document of a project that is shown for the first time. */
static void
open_first_document (GlossWindow *self)
{
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (self->project, NULL);

  if (documents != NULL && documents->len > 0)
    {
      GlossDocumentInfo *info = g_ptr_array_index (documents, 0);
      g_autoptr(GError) error = NULL;

      if (!gloss_window_open_document (self, info->id, &error))
        _gloss_window_show_error (self, error);
    }
}

gboolean
gloss_window_open_project (GlossWindow  *self,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(GlossProject) project = NULL;
  GtkApplication *app;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  project = gloss_project_open (path, error);
  if (project == NULL)
    return FALSE;

  gloss_window_set_project (self, project);

  {
    GlossTextUpgrade upgrade;
    g_autofree char *upgraded = NULL;

    gloss_project_get_text_upgrade (project, &upgrade);
    if ((upgraded = gloss_text_upgrade_describe (&upgrade)) != NULL)
      gloss_window_show_toast (self, upgraded);
  }

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (GLOSS_IS_APPLICATION (app))
    gloss_application_add_recent (GLOSS_APPLICATION (app), gloss_project_get_path (project));

  open_first_document (self);
  return TRUE;
}

static void
apply_default_zoom (GlossWindow *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "default-zoom-mode");

  if (g_strcmp0 (mode, "fit-page") == 0)
    gloss_document_view_set_zoom_mode (self->document_view, GLOSS_ZOOM_FIT_PAGE);
  else if (g_strcmp0 (mode, "free") == 0)
    gloss_document_view_set_zoom (self->document_view,
                                  g_settings_get_double (self->settings, "default-zoom-level"));
  else
    gloss_document_view_set_zoom_mode (self->document_view, GLOSS_ZOOM_FIT_WIDTH);
}

gboolean
gloss_window_open_document (GlossWindow  *self,
                            gint64        document_id,
                            GError      **error)
{
  g_autoptr(GlossPageSource) source = NULL;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  if (self->project == NULL)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("No project is open"));
      return FALSE;
    }

  if (document_id == self->document_id)
    return TRUE;

  source = gloss_page_source_new (self->project, document_id, error);
  if (source == NULL)
    return FALSE;

  gloss_inspector_flush_memo (self->inspector);
  /* Going to a hit in another document keeps the search across documents. */
  if (!self->keep_search)
    {
      _gloss_window_clear_search (self);
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
    }
  self->document_id = document_id;
  self->coding_id = 0;

  gloss_document_view_set_source (self->document_view, source);
  apply_default_zoom (self);
  gtk_stack_set_visible_child_name (self->view_stack, "document");
  gloss_document_list_select (self->document_list, document_id);

  _gloss_window_refresh_highlights (self);
  _gloss_window_refresh_inspector (self);
  update_view_controls (self);
  update_title (self);
  _gloss_window_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_ID]);
  return TRUE;
}

/* Coding */

gint64
_gloss_window_code_selection (GlossWindow  *self,
                              gint64        code_id,
                              GError      **error)
{
  gint64 start, end, coding_id;

  if (self->project == NULL || self->document_id <= 0)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Open a document first"));
      return 0;
    }
  if (!gloss_document_view_get_selection (self->document_view, &start, &end) || start >= end)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Select some text first"));
      return 0;
    }
  if (self->coder_id <= 0)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Choose a coder first"));
      return 0;
    }

  coding_id = gloss_project_add_coding (self->project, self->document_id, self->coder_id,
                                        code_id, start, end, NULL, error);
  if (coding_id <= 0)
    return 0;

  /* The project's "changed" signal has redrawn the highlights already. */
  self->last_code_id = code_id;
  gloss_document_view_clear_selection (self->document_view);
  gloss_window_select_coding (self, coding_id);
  return coding_id;
}

gint64
_gloss_window_create_code (GlossWindow  *self,
                           const char   *name,
                           GError      **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name));

  if (*clean == '\0')
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A code needs a name"));
      return 0;
    }

  return gloss_project_ensure_code_path (self->project, clean, NULL, NULL, error);
}

void
_gloss_window_popup_code_popover (GlossWindow *self)
{
  GdkRectangle rect;
  double x, y;

  if (self->document_id <= 0)
    return;

  if (!gloss_document_view_get_selection_rect (self->document_view, &rect))
    {
      gloss_window_show_toast (self, _("Select some text first"));
      return;
    }

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->document_view),
                                         GTK_WIDGET (self->view_box),
                                         rect.x, rect.y, &x, &y))
    x = y = 0;

  rect.x = (int) x;
  rect.y = (int) y;
  /* Point at the end of the selection's box, where the pointer usually is. */
  rect.height = MAX (rect.height, 1);
  rect.width = MAX (rect.width, 1);

  /* No coder yet: who is coding is asked first, then the popover opens. */
  if (!_gloss_window_ensure_coder (self, "code-selection", NULL))
    return;

  gloss_code_popover_set_filter (self->code_popover, "");
  gtk_popover_set_pointing_to (GTK_POPOVER (self->code_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->code_popover));
}

static void
on_code_chosen (GlossWindow      *self,
                gint64            code_id,
                GlossCodePopover *popover)
{
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (GTK_POPOVER (popover));
  if (_gloss_window_code_selection (self, code_id, &error) == 0)
    _gloss_window_show_error (self, error);
}

static void
on_code_create (GlossWindow      *self,
                const char       *name,
                GlossCodePopover *popover)
{
  g_autoptr(GError) error = NULL;
  gint64 code_id;

  gtk_popover_popdown (GTK_POPOVER (popover));
  code_id = _gloss_window_create_code (self, name, &error);
  if (code_id <= 0 || _gloss_window_code_selection (self, code_id, &error) == 0)
    _gloss_window_show_error (self, error);
}

/* A code dragged from the code popover onto the view codes the selection. */
static gboolean
on_view_drop (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              GlossWindow   *self)
{
  g_autoptr(GError) error = NULL;

  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  if (!_gloss_window_ensure_coder (self, "apply-code", g_variant_new_int64 (g_value_get_int64 (value))))
    return TRUE;

  if (_gloss_window_code_selection (self, g_value_get_int64 (value), &error) == 0)
    {
      _gloss_window_show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Files dropped on the window: a project opens, documents are imported. */
static gboolean
on_window_drop (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                GlossWindow   *self)
{
  GSList *files;
  g_autoptr(GSList) documents = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (g_str_has_suffix (name, ".gloss") && GLOSS_IS_APPLICATION (app))
        gloss_application_open_project (GLOSS_APPLICATION (app), l->data);
      else
        documents = g_slist_append (documents, l->data);
    }

  if (documents != NULL)
    {
      if (self->project == NULL)
        {
          gloss_window_show_toast (self, _("Open or create a project before importing documents"));
          return FALSE;
        }
      gloss_document_list_import_files (self->document_list, documents);
    }

  return TRUE;
}

/* Template callbacks */

static void
on_document_activated (GlossWindow *self,
                       gint64       document_id)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_window_open_document (self, document_id, &error))
    _gloss_window_show_error (self, error);
}

static void
on_import_finished (GlossWindow *self,
                    GPtrArray   *results)
{
  gint64 first_new = 0;

  /* The import wrote through its own connection: read everything again. */
  _gloss_window_refresh (self, GLOSS_CHANGE_ALL);

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      GlossImportResult *result = g_ptr_array_index (results, i);
      if (result->status == GLOSS_IMPORT_IMPORTED)
        {
          first_new = result->document_id;
          break;
        }
    }

  if (first_new > 0 && self->document_id <= 0)
    {
      g_autoptr(GError) error = NULL;
      if (!gloss_window_open_document (self, first_new, &error))
        _gloss_window_show_error (self, error);
    }
}

static void
on_list_toast (GlossWindow *self,
               const char  *message)
{
  gloss_window_show_toast (self, message);
}

/* The "Code…" button sits just below the selection's last character, kept
 * inside the view; it goes when the selection does or scrolls away. */
void
_gloss_window_update_code_button (GlossWindow *self)
{
  GtkWidget *overlay = GTK_WIDGET (self->view_overlay);
  gboolean writable = self->project != NULL && !gloss_project_get_read_only (self->project);
  double x, y, ox, oy;
  int width, height, button_width, button_height;

  if (self->code_button == NULL)
    return;
  if (!writable ||
      !gloss_document_view_get_selection_end_point (self->document_view, &x, &y) ||
      !gtk_widget_translate_coordinates (GTK_WIDGET (self->document_view), overlay, x, y, &ox, &oy))
    {
      gtk_widget_set_visible (self->code_button, FALSE);
      return;
    }

  /* The measured size includes the margins that place the button. */
  gtk_widget_measure (self->code_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_width, NULL, NULL);
  gtk_widget_measure (self->code_button, GTK_ORIENTATION_VERTICAL, -1, NULL, &button_height, NULL, NULL);
  button_width -= gtk_widget_get_margin_start (self->code_button);
  button_height -= gtk_widget_get_margin_top (self->code_button);
  width = gtk_widget_get_width (overlay);
  height = gtk_widget_get_height (overlay);
  ox = CLAMP (ox + 4, 0, MAX (0, width - button_width - 16));
  oy = CLAMP (oy + 4, 0, MAX (0, height - button_height - 4));
  gtk_widget_set_margin_start (self->code_button, (int) ox);
  gtk_widget_set_margin_top (self->code_button, (int) oy);
  gtk_widget_set_visible (self->code_button, TRUE);
}

static void
on_view_selection_changed (GlossWindow *self)
{
  _gloss_window_update_actions (self);
  _gloss_window_update_code_button (self);
}

static void
on_view_highlight_activated (GlossWindow *self,
                             gint64       coding_id)
{
  gloss_window_select_coding (self, coding_id);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
    g_action_group_activate_action (G_ACTION_GROUP (self), "toggle-inspector", NULL);
}

/* An end of the active coding was dragged: one undo step. */
static void
on_view_coding_range_changed (GlossWindow *self,
                              gint64       coding_id,
                              gint64       start,
                              gint64       end)
{
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  if (!gloss_project_set_coding_range (self->project, coding_id, start, end, &error))
    {
      _gloss_window_show_error (self, error);
      /* Back to where the coding still is. */
      _gloss_window_refresh_highlights (self);
    }
}

static void
on_view_context_menu (GlossWindow *self,
                      double       x,
                      double       y)
{
  gint64 start, end;

  if (gloss_document_view_get_selection (self->document_view, &start, &end) && start < end)
    _gloss_window_popup_code_popover (self);
}

static void
update_page_controls (GlossWindow *self)
{
  guint page = gloss_document_view_get_page (self->document_view);
  guint n_pages = 0;
  g_autofree char *page_text = NULL;
  g_autofree char *of_text = NULL;

  g_object_get (self->document_view, "n-pages", &n_pages, NULL);
  page_text = g_strdup_printf ("%u", page + 1);
  /* Translators: after the page number entry, "of 12" */
  of_text = g_strdup_printf (_("of %u"), n_pages);

  if (!gtk_widget_has_focus (GTK_WIDGET (self->page_entry)))
    gtk_editable_set_text (GTK_EDITABLE (self->page_entry), page_text);
  gtk_label_set_text (self->n_pages_label, of_text);
}

static void
update_zoom_label (GlossWindow *self)
{
  g_autofree char *label = NULL;

  label = g_strdup_printf ("%.0f%%", gloss_document_view_get_zoom (self->document_view) * 100.0);
  gtk_menu_button_set_label (self->zoom_button, label);
}

static gboolean
update_view_controls_idle (gpointer user_data)
{
  GlossWindow *self = user_data;

  self->view_controls_idle = 0;
  update_page_controls (self);
  update_zoom_label (self);
  return G_SOURCE_REMOVE;
}

/* The view changes zoom and page while it lays itself out (fit width);
 * the header bar is updated afterwards, not in the middle of that. */
static void
queue_view_controls_update (GlossWindow *self)
{
  if (self->view_controls_idle == 0)
    self->view_controls_idle = g_idle_add (update_view_controls_idle, self);
}

static void
on_view_page_changed (GlossWindow *self)
{
  queue_view_controls_update (self);
}

static void
on_view_zoom_changed (GlossWindow *self)
{
  queue_view_controls_update (self);
}

static void
on_page_entry_activate (GlossWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->page_entry));
  guint64 page = 0;
  guint n_pages = 0;

  g_object_get (self->document_view, "n-pages", &n_pages, NULL);
  if (g_ascii_string_to_unsigned (text, 10, 1, MAX (n_pages, 1), &page, NULL))
    gloss_document_view_set_page (self->document_view, (guint) page - 1);

  update_page_controls (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

/* Find in the document: hits drawn as marks, Enter moves to the next one. */

void
_gloss_window_clear_search (GlossWindow *self)
{
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  self->search_index = 0;
  gtk_label_set_text (self->search_label, "");
  gloss_document_view_set_marks (self->document_view, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_hits_button), FALSE);
}

static void
show_search_hit (GlossWindow *self)
{
  GlossSearchHit *hit;
  g_autofree char *label = NULL;

  if (self->search_hits == NULL || self->search_hits->len == 0)
    return;

  hit = g_ptr_array_index (self->search_hits, self->search_index);
  if (hit->document_id != self->document_id)
    {
      g_autoptr(GError) error = NULL;

      self->keep_search = TRUE;
      if (!gloss_window_open_document (self, hit->document_id, &error))
        _gloss_window_show_error (self, error);
      self->keep_search = FALSE;
      _gloss_window_show_search_marks (self);
    }
  gloss_document_view_scroll_to_offset (self->document_view, hit->start, TRUE);
  gloss_document_view_set_selection (self->document_view, hit->start, hit->end);
  /* Translators: search position, "2 of 14" */
  label = g_strdup_printf (_("%u of %u"), self->search_index + 1, self->search_hits->len);
  gtk_label_set_text (self->search_label, label);
}

static void
on_search_changed (GlossWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean everywhere = _gloss_window_search_all_documents (self);
  g_autoptr(GError) error = NULL;

  _gloss_window_clear_search (self);
  /* A search delayed past the bar's closing finds nothing to show. */
  if (self->project == NULL || *text == '\0' || !gtk_search_bar_get_search_mode (self->search_bar))
    return;
  if (_gloss_window_search_in_memos (self))
    {
      _gloss_window_search_memos (self, text);
      return;
    }
  if (self->document_id <= 0 && !everywhere)
    return;

  self->search_hits = gloss_project_search (self->project, everywhere ? 0 : self->document_id,
                                            text, FALSE, &error);
  if (self->search_hits == NULL)
    {
      _gloss_window_show_error (self, error);
      return;
    }
  if (self->search_hits->len == 0)
    {
      gtk_label_set_text (self->search_label, _("No matches"));
      return;
    }

  _gloss_window_show_search_marks (self);
  show_search_hit (self);
}

static void
on_search_next (GlossWindow *self)
{
  if (self->search_hits == NULL || self->search_hits->len == 0)
    return;
  self->search_index = (self->search_index + 1) % self->search_hits->len;
  show_search_hit (self);
}

static void
on_search_previous (GlossWindow *self)
{
  if (self->search_hits == NULL || self->search_hits->len == 0)
    return;
  self->search_index = (self->search_index + self->search_hits->len - 1) % self->search_hits->len;
  show_search_hit (self);
}

static void
on_search_stop (GlossWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  _gloss_window_clear_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

/* Recent projects in the primary menu */

static void
update_recent_menu (GlossWindow *self)
{
  GMenuModel *primary = gtk_menu_button_get_menu_model (self->primary_menu_button);
  g_autoptr(GMenu) recent = g_menu_new ();
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-projects");
  GMenu *submenu = NULL;

  /* The submenu is the third item of the first section. */
  {
    g_autoptr(GMenuModel) section =
      g_menu_model_get_item_link (primary, 0, G_MENU_LINK_SECTION);
    if (section != NULL)
      {
        g_autoptr(GMenuModel) sub =
          g_menu_model_get_item_link (section, 2, G_MENU_LINK_SUBMENU);
        if (G_IS_MENU (sub))
          submenu = G_MENU (sub);
      }
  }
  if (submenu == NULL)
    return;

  g_menu_remove_all (submenu);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autoptr(GMenuItem) item = NULL;

      if (g_str_has_suffix (name, ".gloss"))
        name[strlen (name) - strlen (".gloss")] = '\0';
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (paths[i]));
      g_menu_append_item (submenu, item);
    }
  if (paths[0] == NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Projects"), "win.none");
      g_menu_append_item (submenu, item);
    }
}

/* Window state */

static void
save_window_state (GlossWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
gloss_window_close_request (GtkWindow *window)
{
  GlossWindow *self = GLOSS_WINDOW (window);

  gloss_inspector_flush_memo (self->inspector);
  save_window_state (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (gloss_window_parent_class)->close_request (window);
}

static void
gloss_window_dispose (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->view_controls_idle, g_source_remove);
  g_clear_handle_id (&self->code_button_idle, g_source_remove);
  _gloss_window_unwatch_project (self);
  if (self->project != NULL)
    g_clear_signal_handler (&self->project_changed_id, self->project);

  if (self->code_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->code_popover));
      self->code_popover = NULL;
    }

  _gloss_window_dispose_workbench (self);
  _gloss_window_dispose_review (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_WINDOW);

  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->coder_index, g_hash_table_unref);
  g_clear_pointer (&self->coders, g_ptr_array_unref);
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_window_parent_class)->dispose (object);
}

static void
gloss_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_DOCUMENT_ID:
      g_value_set_int64 (value, self->document_id);
      break;
    case PROP_CODER_ID:
      g_value_set_int64 (value, self->coder_id);
      break;
    case PROP_SHOW_ALL_CODERS:
      g_value_set_boolean (value, _gloss_window_show_all_coders (self));
      break;
    case PROP_BLIND_CODER_ID:
      g_value_set_int64 (value, _gloss_window_blind_coder (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_class_init (GlossWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_window_dispose;
  object_class->get_property = gloss_window_get_property;
  window_class->close_request = gloss_window_close_request;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, GLOSS_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_int64 ("document-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODER_ID] =
    g_param_spec_int64 ("coder-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Review mode, as win.show-all-coders says. */
  properties[PROP_SHOW_ALL_CODERS] =
    g_param_spec_boolean ("show-all-coders", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The coder whose codings alone are shown and counted (0: everyone's). */
  properties[PROP_BLIND_CODER_ID] =
    g_param_spec_int64 ("blind-coder-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSS_TYPE_CODEBOOK_MODEL);
  g_type_ensure (GLOSS_TYPE_CODE_POPOVER);
  g_type_ensure (GLOSS_TYPE_DOCUMENT_LIST);
  g_type_ensure (GLOSS_TYPE_SYNC_INDICATOR);
  g_type_ensure (GLOSS_TYPE_DOCUMENT_VIEW);
  g_type_ensure (GLOSS_TYPE_INSPECTOR);
  g_type_ensure (GLOSS_TYPE_CODEBOOK_PANEL);
  g_type_ensure (GLOSS_TYPE_EXCERPTS_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, coder_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, view_box);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, view_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, code_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, page_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, view_controls);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, codebook_panel);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, excerpts_pane);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_all_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_memos_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, code_hits_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, hits_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, codebook_model);
  gtk_widget_class_bind_template_callback (widget_class, on_document_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_import_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_list_toast);
  gtk_widget_class_bind_template_callback (widget_class, on_view_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_highlight_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_view_context_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_view_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_zoom_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_page_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_view_coding_range_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
}

static void
setup_code_popover (GlossWindow *self)
{
  self->code_popover = GLOSS_CODE_POPOVER (gloss_code_popover_new ());
  gloss_code_popover_set_model (self->code_popover, self->codebook_model);
  gtk_widget_set_parent (GTK_WIDGET (self->code_popover), GTK_WIDGET (self->view_box));
  gtk_popover_set_position (GTK_POPOVER (self->code_popover), GTK_POS_BOTTOM);
  g_signal_connect_swapped (self->code_popover, "code-chosen", G_CALLBACK (on_code_chosen), self);
  g_signal_connect_swapped (self->code_popover, "code-create", G_CALLBACK (on_code_create), self);
}

static void
setup_drop_targets (GlossWindow *self)
{
  GtkDropTarget *code_target;
  GtkDropTarget *file_target;

  code_target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_COPY);
  g_signal_connect (code_target, "drop", G_CALLBACK (on_view_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->document_view), GTK_EVENT_CONTROLLER (code_target));

  file_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (file_target, "drop", G_CALLBACK (on_window_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (file_target));
}

static gboolean
update_code_button_idle (gpointer user_data)
{
  GlossWindow *self = user_data;

  self->code_button_idle = 0;
  _gloss_window_update_code_button (self);
  return G_SOURCE_REMOVE;
}

/* Adjustments change while the view is laid out: move the button after. */
static void
queue_code_button_update (GlossWindow *self)
{
  if (self->code_button_idle == 0)
    self->code_button_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, update_code_button_idle, self, NULL);
}

static void
setup_code_button (GlossWindow *self)
{
  GtkAdjustment *adjustments[] = {
    gtk_scrolled_window_get_vadjustment (self->scroller),
    gtk_scrolled_window_get_hadjustment (self->scroller),
  };

  /* Scrolling and zooming move the selection; the button follows. */
  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    {
      g_signal_connect_object (adjustments[i], "value-changed",
                               G_CALLBACK (_gloss_window_update_code_button), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustments[i], "changed",
                               G_CALLBACK (queue_code_button_update), self, G_CONNECT_SWAPPED);
    }
}

static void
restore_window_state (GlossWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->inspector),
                          g_settings_get_boolean (self->settings, "inspector-visible"));
}

static void
on_cache_size_changed (GlossWindow *self)
{
  guint mb = g_settings_get_uint (self->settings, "render-cache-size");

  gloss_document_view_set_cache_size (self->document_view, (gsize) mb * 1024 * 1024);
}

static void
gloss_window_init (GlossWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->coder_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->coders = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coder_free);

  setup_code_popover (self);
  setup_drop_targets (self);
  setup_code_button (self);
  _gloss_window_add_actions (self);
  _gloss_window_add_coder_actions (self);
  _gloss_window_setup_review (self);
  _gloss_window_setup_workbench (self);
  _gloss_window_setup_fit (self);
  restore_window_state (self);

  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::render-cache-size",
                           G_CALLBACK (on_cache_size_changed), self, G_CONNECT_SWAPPED);
  on_cache_size_changed (self);
  update_recent_menu (self);

  /* The empty state: no project yet. */
  load_coders (self);
  update_coder_menu (self);
  gtk_widget_set_visible (GTK_WIDGET (self->coder_button), FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "no-project");
  update_view_controls (self);
  update_title (self);
  _gloss_window_update_actions (self);
}
