/* gloss-codebook-panel.c: the codebook as a tree: create, rename, recolour,
 * describe, move, merge, delete, filter, import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gloss-error.h"
#include "gloss-code-item.h"
#include "gloss-code-row.h"
#include "gloss-codebook-panel.h"
#include "gloss-codebook-panel-private.h"
#include "gloss-name-dialog.h"
#include "gloss-toast.h"

/* A drop in the top or bottom quarter of a row puts the code beside it;
 * in the middle, inside it. */
#define DROP_EDGE 0.25
/* A rename is saved this long after the in-place edit ends. */

struct _GlossCodebookPanel
{
  GtkWidget           parent_instance;

  GlossProject       *project;
  GlossCodebookModel *model;        /* the window's codebook, counted */
  GListStore         *roots;        /* the model's top-level items, as the tree's root */
  GtkTreeListModel   *tree;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *needle;
  gint64              selected_id;
  gboolean            reloading;

  /* Template children */
  GtkLabel           *heading_label;
  GtkLabel           *counts_label;
  GtkMenuButton      *add_button;
  GtkMenuButton      *menu_button;
  GtkSearchEntry     *filter_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (GlossCodebookPanel, gloss_codebook_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CODE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_menu (GlossCodebookPanel *self);

GtkWidget *
gloss_codebook_panel_new (void)
{
  return g_object_new (GLOSS_TYPE_CODEBOOK_PANEL, NULL);
}

/* Helpers */

static const GlossCode *
lookup_code (GlossCodebookPanel *self,
             gint64              code_id)
{
  return gloss_codebook_model_get_code (self->model, code_id);
}

/* The codebook in tree order (GlossCode). */
static GPtrArray *
model_codes (GlossCodebookPanel *self)
{
  return gloss_codebook_model_get_codes (self->model);
}

static GtkWindow *
parent_window (GlossCodebookPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (GlossCodebookPanel *self,
            const char         *message,
            gboolean            with_undo)
{
  gloss_toast_show (GTK_WIDGET (self), message, with_undo);
}

static void
show_error (GlossCodebookPanel *self,
            const GError       *error)
{
  show_toast (self, error->message, FALSE);
}

static gboolean
writable (GlossCodebookPanel *self)
{
  return self->project != NULL && !gloss_project_get_read_only (self->project);
}

char *
_gloss_rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) (CLAMP (rgba->red, 0.0, 1.0) * 255.0 + 0.5),
                          (guint) (CLAMP (rgba->green, 0.0, 1.0) * 255.0 + 0.5),
                          (guint) (CLAMP (rgba->blue, 0.0, 1.0) * 255.0 + 0.5));
}

/* Loading: a tree of GlossCodeItems built from the flat codebook. */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListStore *children = gloss_code_item_get_children (GLOSS_CODE_ITEM (item));

  if (g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;
  return G_LIST_MODEL (g_object_ref (children));
}

static GlossCodeItem *
row_item (gpointer row)
{
  return GLOSS_CODE_ITEM (gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (row)));
}

static void
select_by_id (GlossCodebookPanel *self,
              gint64              code_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && code_id > 0; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      g_autoptr(GlossCodeItem) item = row_item (row);

      if (gloss_code_item_get_id (item) == code_id)
        {
          position = i;
          break;
        }
    }

  self->reloading = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->reloading = FALSE;
}

/* Says whose codings the numbers count: the blind coder's, or everyone's. */
static void
update_counts_label (GlossCodebookPanel *self)
{
  g_autoptr(GlossCoder) coder = NULL;
  g_autofree char *text = NULL;
  gint64 coder_id = self->model != NULL ? gloss_codebook_model_get_coder_id (self->model) : 0;

  if (self->project != NULL && coder_id > 0)
    coder = gloss_project_get_coder (self->project, coder_id, NULL);
  if (coder != NULL)
    /* Translators: below the codebook's heading; %s is the coder's name */
    text = g_strdup_printf (_("Counting %s’s codings"), coder->name);
  gtk_label_set_text (self->counts_label, text ? text : _("Counting every coder’s codings"));
}

void
gloss_codebook_panel_reload (GlossCodebookPanel *self)
{
  GListModel *roots = gloss_codebook_model_get_roots (self->model);
  guint n_roots = g_list_model_get_n_items (roots);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_codes = model_codes (self)->len;
  g_autofree char *heading = NULL;

  g_return_if_fail (GLOSS_IS_CODEBOOK_PANEL (self));

  for (guint i = 0; i < n_roots; i++)
    g_ptr_array_add (items, g_list_model_get_item (roots, i));

  self->reloading = TRUE;
  g_list_store_splice (self->roots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roots)),
                       items->pdata, items->len);
  self->reloading = FALSE;
  select_by_id (self, self->selected_id);

  gtk_stack_set_visible_child_name (self->stack, n_codes > 0 ? "list" : "empty");
  if (n_codes > 0)
    /* Translators: the codebook heading with the number of codes */
    heading = g_strdup_printf (_("Codebook (%u)"), n_codes);
  gtk_label_set_text (self->heading_label, heading ? heading : _("Codebook"));
  update_counts_label (self);
  update_menu (self);
}

void
gloss_codebook_panel_set_project (GlossCodebookPanel *self,
                                  GlossProject       *project)
{
  g_return_if_fail (GLOSS_IS_CODEBOOK_PANEL (self));

  if (self->project == project)
    return;
  self->selected_id = 0;
  g_set_object (&self->project, project);
  gloss_codebook_panel_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

GlossProject *
gloss_codebook_panel_get_project (GlossCodebookPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_PANEL (self), NULL);

  return self->project;
}

void
gloss_codebook_panel_set_model (GlossCodebookPanel *self,
                                GlossCodebookModel *model)
{
  g_return_if_fail (GLOSS_IS_CODEBOOK_PANEL (self));
  g_return_if_fail (model == NULL || GLOSS_IS_CODEBOOK_MODEL (model));

  if (model != NULL && self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  /* Without a model of its own, an empty one. */
  self->model = model != NULL ? g_object_ref (model) : gloss_codebook_model_new ();
  g_signal_connect_swapped (self->model, "reloaded", G_CALLBACK (gloss_codebook_panel_reload), self);
  gloss_codebook_panel_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GlossCodebookModel *
gloss_codebook_panel_get_model (GlossCodebookPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_PANEL (self), NULL);

  return self->model;
}

gint64
gloss_codebook_panel_get_selected_code (GlossCodebookPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_PANEL (self), 0);

  return self->selected_id;
}

void
gloss_codebook_panel_select_code (GlossCodebookPanel *self,
                                  gint64              code_id)
{
  g_return_if_fail (GLOSS_IS_CODEBOOK_PANEL (self));

  select_by_id (self, code_id);
  if (self->selected_id != code_id)
    {
      self->selected_id = code_id;
      update_menu (self);
      g_signal_emit (self, signals[CODE_SELECTED], 0, code_id);
    }
}

static GlossCodeItem *
find_item (GListModel *model,
           gint64      code_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossCodeItem) item = g_list_model_get_item (model, i);
      GlossCodeItem *found;

      if (gloss_code_item_get_id (item) == code_id)
        return g_steal_pointer (&item);
      found = find_item (G_LIST_MODEL (gloss_code_item_get_children (item)), code_id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gint64
gloss_codebook_panel_get_count (GlossCodebookPanel *self,
                                gint64              code_id)
{
  g_autoptr(GlossCodeItem) item = NULL;

  g_return_val_if_fail (GLOSS_IS_CODEBOOK_PANEL (self), -1);

  item = find_item (G_LIST_MODEL (self->roots), code_id);
  return item ? gloss_code_item_get_count (item) : -1;
}

guint
gloss_codebook_panel_get_n_rows (GlossCodebookPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_PANEL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

/* Filter: a code stays when it or a code below it matches, so the
 * matches are shown with their ancestors. */

static gboolean
filter_row (gpointer row,
            gpointer user_data)
{
  GlossCodebookPanel *self = user_data;
  g_autoptr(GlossCodeItem) item = row_item (row);

  return gloss_code_item_matches_tree (item, self->needle);
}

void
gloss_codebook_panel_set_filter (GlossCodebookPanel *self,
                                 const char         *text)
{
  g_return_if_fail (GLOSS_IS_CODEBOOK_PANEL (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text);
  g_free (self->needle);
  self->needle = g_strstrip (g_strdup (text ? text : ""));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_by_id (self, self->selected_id);
}

static void
on_filter_changed (GlossCodebookPanel *self)
{
  gloss_codebook_panel_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
}

/* Selection */

static void
on_selection_changed (GlossCodebookPanel *self)
{
  GObject *row = gtk_single_selection_get_selected_item (self->selection);
  gint64 code_id = 0;

  if (self->reloading)
    return;

  if (row != NULL)
    {
      g_autoptr(GlossCodeItem) item = row_item (row);
      code_id = gloss_code_item_get_id (item);
    }
  if (code_id == self->selected_id)
    return;

  self->selected_id = code_id;
  update_menu (self);
  g_signal_emit (self, signals[CODE_SELECTED], 0, code_id);
}

static void
on_list_activate (GlossCodebookPanel *self,
                  guint               position)
{
  g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_autoptr(GlossCodeItem) item = NULL;

  if (row == NULL)
    return;
  item = row_item (row);
  self->selected_id = gloss_code_item_get_id (item);
  update_menu (self);
  g_signal_emit (self, signals[CODE_SELECTED], 0, self->selected_id);
}

/* Menus: the same entries for a right click and the header's menu. */

GMenu *
_gloss_codebook_code_menu (gint64 code_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) review = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  GVariant *id = g_variant_new_int64 (code_id);
  g_autoptr(GMenuItem) memo = NULL;

  g_variant_ref_sink (id);
#define ADD_ITEM(section, label, action)                                    \
  G_STMT_START {                                                            \
    g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);              \
    g_menu_item_set_action_and_target_value (item, action, id);             \
    g_menu_append_item (section, item);                                     \
  } G_STMT_END
  ADD_ITEM (edit, _("New C_hild Code…"), "codebook.new-child-code");
  ADD_ITEM (edit, _("_Rename"), "codebook.start-rename");
  ADD_ITEM (edit, _("_Colour…"), "codebook.choose-color");
  ADD_ITEM (edit, _("_Description…"), "codebook.edit-description");
  memo = g_menu_item_new (_("_Memo…"), NULL);
  g_menu_item_set_action_and_target_value (memo, "win.edit-memo",
                                           g_variant_new ("(sx)", "code", code_id));
  g_menu_append_item (edit, memo);
  ADD_ITEM (review, _("Coded _Excerpts"), "win.show-code-excerpts");
  ADD_ITEM (danger, _("Mer_ge Into…"), "codebook.choose-merge-target");
  ADD_ITEM (danger, _("De_lete…"), "codebook.delete");
#undef ADD_ITEM
  g_variant_unref (id);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (review));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
  return menu;
}

static void
update_menu (GlossCodebookPanel *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) file = g_menu_new ();

  if (self->selected_id > 0 && lookup_code (self, self->selected_id) != NULL)
    {
      g_autoptr(GMenu) code = _gloss_codebook_code_menu (self->selected_id);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (code));
    }
  g_menu_append (file, _("_Import Codebook…"), "codebook.import");
  g_menu_append (file, _("E_xport Codebook…"), "codebook.export");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (file));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.new-child-of-selected",
                                 writable (self) && self->selected_id > 0);
}

/* Where a code dropped on @target goes: its parent and the position among
 * that parent's children, counted without the moved code. */
static void
drop_place (GlossCodebookPanel *self,
            gint64              moved_id,
            const GlossCode    *target,
            double              fraction,
            gint64             *parent_id,
            int                *position)
{
  int index = 0;

  if (fraction > DROP_EDGE && fraction < 1.0 - DROP_EDGE)
    {
      *parent_id = target->id;
      *position = -1;
      return;
    }

  for (guint i = 0; i < model_codes (self)->len; i++)
    {
      GlossCode *code = g_ptr_array_index (model_codes (self), i);

      if (code->parent_id != target->parent_id || code->id == moved_id)
        continue;
      if (code->id == target->id)
        break;
      index++;
    }
  *parent_id = target->parent_id;
  *position = fraction <= DROP_EDGE ? index : index + 1;
}

/* A code dropped on a row: the row says where on it, the codebook where
 * that puts the code. */
static void
drop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  const GlossCode *target;
  gint64 moved_id, target_id, parent_id;
  double fraction;
  int position;

  g_variant_get (param, "(xxd)", &moved_id, &target_id, &fraction);
  if (moved_id == target_id || (target = lookup_code (self, target_id)) == NULL)
    return;
  drop_place (self, moved_id, target, fraction, &parent_id, &position);
  gtk_widget_activate_action (widget, "codebook.move", "(xxi)", moved_id, parent_id, position);
}

/* A drop below the last row makes a top-level code, last. */
static gboolean
on_list_drop (GtkDropTarget      *drop,
              const GValue       *value,
              double              x,
              double              y,
              GlossCodebookPanel *self)
{
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "codebook.move", "(xxi)",
                              g_value_get_int64 (value), (gint64) 0, -1);
  return TRUE;
}

/* Small dialogs */

typedef struct
{
  GlossCodebookPanel *self;
  gint64              code_id;
  GtkTextView        *editor;
} DescriptionDialog;

static void
on_description_response (AdwMessageDialog  *dialog,
                         const char        *response,
                         DescriptionDialog *data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (data->editor);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (g_strcmp0 (response, "ok") != 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (data->self), "codebook.set-description", "(xs)",
                              data->code_id, text);
}

static void
description_dialog_free (gpointer data)
{
  DescriptionDialog *dialog = data;

  g_object_unref (dialog->self);
  g_free (dialog);
}

/* A dialog with a text area and Save. */
static void
ask_description (GlossCodebookPanel *self,
                 const char         *heading,
                 const char         *initial,
                 gint64              code_id)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading,
                                              _("When to apply this code, and when not to."));
  DescriptionDialog *data = g_new0 (DescriptionDialog, 1);
  GtkWidget *child;

  data->editor = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (data->editor, GTK_WRAP_WORD_CHAR);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (data->editor), initial ? initial : "", -1);
  child = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (child), GTK_WIDGET (data->editor));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (child), 140);
  gtk_widget_add_css_class (child, "card");

  data->self = g_object_ref (self);
  data->code_id = code_id;
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), child);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_description_response),
                         data, (GClosureNotify) (void (*) (void)) description_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

typedef struct
{
  GlossCodebookPanel *self;   /* a reference */
  gint64              parent_id;
} CreateRequest;

static void
on_code_name_chosen (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CreateRequest *request = user_data;
  g_autofree char *name = gloss_name_dialog_choose_finish (GLOSS_NAME_DIALOG (source), result, NULL);

  if (name != NULL)
    gtk_widget_activate_action (GTK_WIDGET (request->self), "codebook.create", "(xs)",
                                request->parent_id, name);
  g_object_unref (request->self);
  g_free (request);
}

/* Asks for the name of a new code in @parent_id (0: a name or a path at the top). */
static void
ask_code_name (GlossCodebookPanel *self,
               const char         *heading,
               const char         *body,
               gint64              parent_id)
{
  GlossNameDialog *dialog;
  CreateRequest *request;

  if (self->project == NULL)
    return;
  dialog = gloss_name_dialog_new (parent_window (self), heading, body, _("C_reate"));
  gloss_name_dialog_check_code_name (dialog, self->project, parent_id, 0);
  request = g_new0 (CreateRequest, 1);
  request->self = g_object_ref (self);
  request->parent_id = parent_id;
  gloss_name_dialog_choose_async (dialog, NULL, on_code_name_chosen, request);
}

static void
new_code_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ask_code_name (GLOSS_CODEBOOK_PANEL (widget), _("New Code"),
                 _("A name, or a path such as “Trust/Institutional” to make a code inside another."), 0);
}

static void
ask_child_name (GlossCodebookPanel *self,
                gint64              parent_id)
{
  const GlossCode *parent = lookup_code (self, parent_id);
  g_autofree char *body = NULL;

  if (parent == NULL)
    return;
  /* Translators: %s is the path of the code the new one goes in */
  body = g_strdup_printf (_("The new code goes inside “%s”."), parent->path);
  ask_code_name (self, _("New Child Code"), body, parent_id);
}

static void
new_child_code_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ask_child_name (GLOSS_CODEBOOK_PANEL (widget), g_variant_get_int64 (param));
}

static void
new_child_of_selected_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);

  if (self->selected_id > 0)
    ask_child_name (self, self->selected_id);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 parent_id, code_id;

  g_variant_get (param, "(xs)", &parent_id, &name);
  g_strstrip (name);
  if (*name == '\0' || self->project == NULL)
    return;

  if (parent_id > 0)
    code_id = gloss_project_add_code (self->project, parent_id, name, NULL, NULL, &error);
  else
    code_id = gloss_project_ensure_code_path (self->project, name, NULL, NULL, &error);
  if (code_id <= 0)
    {
      show_error (self, error);
      return;
    }
  gloss_codebook_panel_reload (self);
  gloss_codebook_panel_select_code (self, code_id);
}

/* The row showing @code_id, if it is shown. */
static GlossCodeRow *
find_row (GtkWidget *widget,
          gint64     code_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GlossCodeRow *row;

      if (GLOSS_IS_CODE_ROW (child))
        {
          GlossCodeItem *item = gloss_code_row_get_item (GLOSS_CODE_ROW (child));

          if (item != NULL && gloss_code_item_get_id (item) == code_id)
            return GLOSS_CODE_ROW (child);
          continue;
        }
      if ((row = find_row (child, code_id)) != NULL)
        return row;
    }
  return NULL;
}

static void
start_rename_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  GlossCodeRow *row = find_row (GTK_WIDGET (self->list_view), g_variant_get_int64 (param));

  if (row != NULL)
    gloss_code_row_start_rename (row);
}

static void
rename_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);

  if (self->selected_id > 0)
    gtk_widget_activate_action (widget, "codebook.start-rename", "x", self->selected_id);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);

  if (self->selected_id > 0)
    gtk_widget_activate_action (widget, "codebook.delete", "x", self->selected_id);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 code_id;

  g_variant_get (param, "(xs)", &code_id, &name);
  if (self->project == NULL)
    return;
  if (!gloss_project_rename_code (self->project, code_id, name, &error))
    {
      show_error (self, error);
      gloss_codebook_panel_reload (self);
    }
}

static void
on_color_dialog_response (GtkDialog          *dialog,
                          int                 response,
                          GlossCodebookPanel *self)
{
  gint64 code_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "code-id");

  if (response == GTK_RESPONSE_OK)
    {
      GdkRGBA rgba;
      g_autofree char *hex = NULL;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
      hex = _gloss_rgba_to_hex (&rgba);
      gtk_widget_activate_action (GTK_WIDGET (self), "codebook.recolor", "(xs)", code_id, hex);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
choose_color_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  gint64 code_id = g_variant_get_int64 (param);
  const GlossCode *code = lookup_code (self, code_id);
  GtkWidget *dialog;
  GdkRGBA rgba;

  if (code == NULL)
    return;

  dialog = gtk_color_chooser_dialog_new (_("Code Colour"), parent_window (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (dialog), FALSE);
  if (code->color != NULL && gdk_rgba_parse (&rgba, code->color))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
  g_object_set_data_full (G_OBJECT (dialog), "code-id",
                          g_memdup2 (&code_id, sizeof code_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_color_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recolor_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  gint64 code_id;

  g_variant_get (param, "(xs)", &code_id, &color);
  if (self->project != NULL &&
      !gloss_project_set_code_color (self->project, code_id, color, &error))
    show_error (self, error);
}

static void
edit_description_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  gint64 code_id = g_variant_get_int64 (param);
  const GlossCode *code = lookup_code (self, code_id);
  g_autofree char *heading = NULL;

  if (code == NULL)
    return;
  /* Translators: %s is a code's name */
  heading = g_strdup_printf (_("Description of “%s”"), code->name);
  ask_description (self, heading, code->description, code_id);
}

static void
set_description_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 code_id;

  g_variant_get (param, "(xs)", &code_id, &text);
  if (self->project != NULL &&
      !gloss_project_set_code_description (self->project, code_id, text, &error))
    show_error (self, error);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  g_autoptr(GError) error = NULL;
  gint64 code_id, parent_id;
  int position;

  g_variant_get (param, "(xxi)", &code_id, &parent_id, &position);
  if (self->project != NULL &&
      !gloss_project_move_code (self->project, code_id, parent_id, position, &error))
    show_error (self, error);
}

/* Merge: pick the code that takes over the codings. */

static gboolean
is_below (GlossCodebookPanel *self,
          const GlossCode    *code,
          gint64              ancestor_id)
{
  while (code != NULL && code->parent_id > 0)
    {
      if (code->parent_id == ancestor_id)
        return TRUE;
      code = lookup_code (self, code->parent_id);
    }
  return FALSE;
}

static void
on_merge_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   GlossCodebookPanel *self)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  gint64 source_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "code-id");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (g_strcmp0 (response, "merge") != 0 || selected >= ids->len)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "codebook.merge", "(xx)",
                              source_id, g_array_index (ids, gint64, selected));
}

static void
choose_merge_target_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  gint64 code_id = g_variant_get_int64 (param);
  const GlossCode *source = lookup_code (self, code_id);
  g_autoptr(GtkStringList) paths = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *dropdown;

  if (source == NULL)
    {
      g_array_unref (ids);
      return;
    }

  for (guint i = 0; i < model_codes (self)->len; i++)
    {
      GlossCode *code = g_ptr_array_index (model_codes (self), i);

      if (code->id == code_id || is_below (self, code, code_id))
        continue;
      gtk_string_list_append (paths, code->path);
      g_array_append_val (ids, code->id);
    }

  /* Translators: %s is the code that goes */
  heading = g_strdup_printf (_("Merge “%s” Into…"), source->name);
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Its codings and the codes inside it move to the chosen code; "
                                     "then it is deleted. Undo brings it back."));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (paths)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge", ids->len > 0);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ids", ids, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "code-id",
                          g_memdup2 (&code_id, sizeof code_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  g_autoptr(GError) error = NULL;
  gint64 source_id, target_id;

  g_variant_get (param, "(xx)", &source_id, &target_id);
  if (self->project == NULL)
    return;
  if (!gloss_project_merge_code (self->project, source_id, target_id, &error))
    {
      show_error (self, error);
      return;
    }
  gloss_codebook_panel_select_code (self, target_id);
  show_toast (self, _("Codes merged"), TRUE);
}

/* Delete: say what goes with the code before it goes. */

static void
on_delete_response (AdwMessageDialog   *dialog,
                    const char         *response,
                    GlossCodebookPanel *self)
{
  gint64 code_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "code-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->project == NULL)
    return;
  if (!gloss_project_delete_code (self->project, code_id, &error))
    {
      show_error (self, error);
      return;
    }
  show_toast (self, _("Code deleted"), TRUE);
}

static guint
count_children (GlossCodebookPanel *self,
                gint64              code_id)
{
  guint n = 0;

  for (guint i = 0; i < model_codes (self)->len; i++)
    if (is_below (self, g_ptr_array_index (model_codes (self), i), code_id))
      n++;
  return n;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  gint64 code_id = g_variant_get_int64 (param);
  const GlossCode *code = lookup_code (self, code_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *codings = NULL;
  g_autofree char *body = NULL;
  gint64 n_codings;
  guint n_children;
  GtkWidget *dialog;

  if (code == NULL || self->project == NULL)
    return;

  n_codings = gloss_project_count_code_codings (self->project, code_id, TRUE, &error);
  if (n_codings < 0)
    {
      show_error (self, error);
      return;
    }
  n_children = count_children (self, code_id);

  /* Translators: %s is a code's name */
  heading = g_strdup_printf (_("Delete “%s”?"), code->name);
  codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%" PRId64 " coding (of any coder) goes with it.",
                                          "%" PRId64 " codings (of all coders) go with it.",
                                          n_codings),
                             n_codings);
  if (n_children > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %u codes inside; %s is "N codings go with it." */
                                         "The code and the %u code inside it are deleted. %s",
                                         "The code and the %u codes inside it are deleted. %s",
                                         n_children),
                            n_children, codings);
  else
    body = g_strdup_printf (_("The code is deleted. %s"), codings);

  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "code-id",
                          g_memdup2 (&code_id, sizeof code_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import and export as JSON, the shape "gloss-cli load" reads. */

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *path = g_variant_get_string (param, NULL);

  if (self->project == NULL)
    return;
  if (!gloss_project_export_codebook_json (self->project, path, &error))
    {
      show_error (self, error);
      return;
    }
  show_toast (self, _("Codebook exported"), FALSE);
}

static void
import_from_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize length;

  if (self->project == NULL)
    return;
  if (!g_file_get_contents (g_variant_get_string (param, NULL), &json, &length, &error) ||
      !gloss_project_load_json (self->project, json, length, &error))
    {
      show_error (self, error);
      return;
    }
  show_toast (self, _("Codebook imported"), TRUE);
}

static void
on_chooser_response (GtkNativeDialog    *chooser,
                     int                 response,
                     GlossCodebookPanel *self)
{
  const char *action = g_object_get_data (G_OBJECT (chooser), "action");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "s", path);
  g_object_unref (chooser);
}

static void
run_chooser (GlossCodebookPanel   *self,
             GtkFileChooserAction  mode,
             const char           *title,
             const char           *accept,
             const char           *action)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, parent_window (self), mode, accept, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Codebook (JSON)"));
  /* By name only, never by content type: see gloss-document-list.c. */
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (mode == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("codebook.json"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "action", (gpointer) action);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  run_chooser (GLOSS_CODEBOOK_PANEL (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("Import Codebook"), _("_Import"), "codebook.import-from");
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  run_chooser (GLOSS_CODEBOOK_PANEL (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("Export Codebook"), _("_Export"), "codebook.export-to");
}

/* Class */

static void
gloss_codebook_panel_dispose (GObject *object)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CODEBOOK_PANEL);
  /* The template's unnamed top box is not cleared by dispose_template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->roots);
  g_clear_object (&self->project);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (gloss_codebook_panel_parent_class)->dispose (object);
}

static void
gloss_codebook_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_codebook_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossCodebookPanel *self = GLOSS_CODEBOOK_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      gloss_codebook_panel_set_project (self, g_value_get_object (value));
      break;
    case PROP_MODEL:
      gloss_codebook_panel_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_codebook_panel_class_init (GlossCodebookPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_codebook_panel_dispose;
  object_class->get_property = gloss_codebook_panel_get_property;
  object_class->set_property = gloss_codebook_panel_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, GLOSS_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GLOSS_TYPE_CODEBOOK_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CODE_SELECTED] =
    g_signal_new ("code-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-codebook-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, GlossCodebookPanel, heading_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCodebookPanel, counts_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCodebookPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, GlossCodebookPanel, menu_button);
  gtk_widget_class_bind_template_child (widget_class, GlossCodebookPanel, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossCodebookPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossCodebookPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "codebook.new-code", NULL, new_code_action);
  gtk_widget_class_install_action (widget_class, "codebook.new-child-code", "x", new_child_code_action);
  gtk_widget_class_install_action (widget_class, "codebook.new-child-of-selected", NULL,
                                   new_child_of_selected_action);
  gtk_widget_class_install_action (widget_class, "codebook.create", "(xs)", create_action);
  gtk_widget_class_install_action (widget_class, "codebook.start-rename", "x", start_rename_action);
  gtk_widget_class_install_action (widget_class, "codebook.rename", "(xs)", rename_action);
  gtk_widget_class_install_action (widget_class, "codebook.rename-selected", NULL, rename_selected_action);
  gtk_widget_class_install_action (widget_class, "codebook.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "codebook.rename-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "codebook.delete-selected", NULL);
  gtk_widget_class_install_action (widget_class, "codebook.choose-color", "x", choose_color_action);
  gtk_widget_class_install_action (widget_class, "codebook.recolor", "(xs)", recolor_action);
  gtk_widget_class_install_action (widget_class, "codebook.edit-description", "x", edit_description_action);
  gtk_widget_class_install_action (widget_class, "codebook.set-description", "(xs)", set_description_action);
  gtk_widget_class_install_action (widget_class, "codebook.move", "(xxi)", move_action);
  gtk_widget_class_install_action (widget_class, "codebook.drop", "(xxd)", drop_action);
  gtk_widget_class_install_action (widget_class, "codebook.choose-merge-target", "x",
                                   choose_merge_target_action);
  gtk_widget_class_install_action (widget_class, "codebook.merge", "(xx)", merge_action);
  gtk_widget_class_install_action (widget_class, "codebook.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "codebook.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "codebook.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "codebook.import-from", "s", import_from_action);
  gtk_widget_class_install_action (widget_class, "codebook.export-to", "s", export_to_action);
  g_type_ensure (GLOSS_TYPE_CODE_ROW);
}

static void
gloss_codebook_panel_init (GlossCodebookPanel *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *list_drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->needle = g_strdup ("");
  self->model = gloss_codebook_model_new ();
  g_signal_connect_swapped (self->model, "reloaded", G_CALLBACK (gloss_codebook_panel_reload), self);
  self->roots = g_list_store_new (GLOSS_TYPE_CODE_ITEM);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->roots)),
                                        FALSE, TRUE, create_children, NULL, NULL);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->tree), GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed), self);

  factory = gtk_builder_list_item_factory_new_from_resource (NULL, "/io/github/glossqda/Gloss/gloss-code-list-item.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  list_drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (list_drop, "drop", G_CALLBACK (on_list_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (list_drop));

  update_menu (self);
}
