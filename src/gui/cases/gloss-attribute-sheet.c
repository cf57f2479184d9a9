/* gloss-attribute-sheet.c: the attributes of one document, coder or case
 *
 * The rows are made again only when the attributes themselves change; a
 * stored value rebinds the cells in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-attribute-dialog.h"
#include "gloss-attribute-editor.h"
#include "gloss-attribute-sheet.h"
#include "gloss-error.h"
#include "gloss-hyphenation.h"

#define QUOTE_CHARS 60

struct _GlossAttributeSheet
{
  GtkWidget             parent_instance;

  GlossProject         *project;
  GlossAttributeTarget  target;
  gint64                target_id;
  GPtrArray            *attributes;   /* GlossAttribute of the target's kind */
  char                 *signature;
  GHashTable           *cells;        /* attribute id -> GlossAttributeCell (borrowed) */
  char                 *message;
  GlossAttributeEditor *editor;

  GtkListBox           *list;
  GtkLabel             *empty_label;
  GtkLabel             *message_label;
  GtkWidget            *cases_section;
  GtkListBox           *cases_list;
};

G_DEFINE_FINAL_TYPE (GlossAttributeSheet, gloss_attribute_sheet, GTK_TYPE_WIDGET)

GtkWidget *
gloss_attribute_sheet_new (void)
{
  return g_object_new (GLOSS_TYPE_ATTRIBUTE_SHEET, NULL);
}

static void
show_message (GlossAttributeSheet *self,
              const char          *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The attribute's own commands: rename or retype, delete. */
static GtkWidget *
attribute_menu_button (const GlossAttribute *attribute)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Rename or Change Type…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete Attribute…"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_item_set_action_and_target_value (edit, "sheet.edit-attribute", g_variant_new_int64 (attribute->id));
  g_menu_item_set_action_and_target_value (remove, "sheet.delete-attribute", g_variant_new_int64 (attribute->id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, remove);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Rename, change the type of or delete the attribute"));
  return button;
}

static GtkWidget *
attribute_row (GlossAttributeSheet  *self,
               const GlossAttribute *attribute)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (attribute->name);
  GtkWidget *cell = gloss_attribute_cell_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_widget_set_tooltip_text (label, attribute->name);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_size_request (cell, 120, -1);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), attribute_menu_button (attribute));
  g_hash_table_insert (self->cells, g_memdup2 (&attribute->id, sizeof attribute->id), cell);

  return box;
}

static char *
signature_of (GPtrArray *attributes)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (attributes, i);
      g_autofree char *choices = attribute->choices != NULL ? g_strjoinv ("\x1f", attribute->choices) : NULL;

      g_string_append_printf (signature, "%" G_GINT64_FORMAT "\x1e%d\x1e%s\x1e%s\x1d", attribute->id,
                              attribute->type, attribute->name, choices != NULL ? choices : "");
    }

  return g_string_free (signature, FALSE);
}

static void
rebuild_rows (GlossAttributeSheet *self)
{
  g_hash_table_remove_all (self->cells);
  clear_list (self->list);

  for (guint i = 0; i < self->attributes->len; i++)
    gtk_list_box_append (self->list, attribute_row (self, g_ptr_array_index (self->attributes, i)));
}

static void
bind_values (GlossAttributeSheet *self)
{
  g_autoptr(GPtrArray) values = gloss_project_list_attribute_values (self->project, 0, self->target_id, NULL);

  for (guint i = 0; i < self->attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (self->attributes, i);
      GlossAttributeCell *cell = g_hash_table_lookup (self->cells, &attribute->id);
      const char *value = NULL;

      for (guint j = 0; values != NULL && j < values->len; j++)
        {
          GlossAttributeValue *v = g_ptr_array_index (values, j);
          if (v->attribute_id == attribute->id)
            value = v->value;
        }
      gloss_attribute_cell_bind (cell, attribute, self->target_id, value);
    }
}

/* Cases of a document */

static char *
member_line (GlossAttributeSheet   *self,
             const GlossCase       *item,
             const GlossCaseMember *member)
{
  g_autofree char *quote = NULL;
  g_autofree char *flat = NULL;

  if (member->start < 0)
    /* Translators: a case a whole document belongs to, in the inspector */
    return g_strdup_printf (_("%s: the whole document"), item->name);

  quote = gloss_project_get_text (self->project, member->document_id, member->start,
                                  MIN (member->end, member->start + QUOTE_CHARS), NULL);
  flat = gloss_text_one_line (quote);
  /* Translators: a case a passage belongs to: case name, range, the passage's start */
  return g_strdup_printf (_("%s: %" PRId64 "–%" PRId64 " “%s%s”"), item->name, member->start, member->end,
                          flat, member->end - member->start > QUOTE_CHARS ? "…" : "");
}

static GtkWidget *
case_row (GlossAttributeSheet   *self,
          const GlossCase       *item,
          const GlossCaseMember *member)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *text = member_line (self, item, member);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Take out of the case"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "sheet.remove-case-member");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", member->id);
  gtk_box_append (GTK_BOX (box), remove);
  g_object_set_data_full (G_OBJECT (box), "line", g_steal_pointer (&text), g_free);

  return box;
}

static void
show_cases (GlossAttributeSheet *self)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) members = NULL;
  guint shown = 0;

  clear_list (self->cases_list);
  if (self->target != GLOSS_ATTRIBUTE_ON_DOCUMENT)
    {
      gtk_widget_set_visible (self->cases_section, FALSE);
      return;
    }

  cases = gloss_project_list_cases (self->project, NULL);
  members = gloss_project_list_case_members (self->project, 0, NULL);
  for (guint i = 0; members != NULL && cases != NULL && i < members->len; i++)
    {
      GlossCaseMember *member = g_ptr_array_index (members, i);

      if (member->document_id != self->target_id)
        continue;
      for (guint c = 0; c < cases->len; c++)
        {
          GlossCase *item = g_ptr_array_index (cases, c);
          if (item->id == member->case_id)
            {
              gtk_list_box_append (self->cases_list, case_row (self, item, member));
              shown++;
            }
        }
    }

  gtk_widget_set_visible (self->cases_section, shown > 0);
}

void
gloss_attribute_sheet_reload (GlossAttributeSheet *self)
{
  g_autoptr(GPtrArray) attributes = NULL;
  g_autofree char *signature = NULL;

  g_return_if_fail (GLOSS_IS_ATTRIBUTE_SHEET (self));

  if (self->project == NULL || self->target_id <= 0)
    {
      g_clear_pointer (&self->attributes, g_ptr_array_unref);
      g_clear_pointer (&self->signature, g_free);
      g_hash_table_remove_all (self->cells);
      clear_list (self->list);
      clear_list (self->cases_list);
      gtk_widget_set_visible (self->cases_section, FALSE);
      return;
    }

  attributes = gloss_project_list_attributes (self->project, self->target, NULL);
  if (attributes == NULL)
    return;

  signature = signature_of (attributes);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  self->attributes = g_steal_pointer (&attributes);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
      rebuild_rows (self);
    }
  bind_values (self);

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->attributes->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->attributes->len == 0);
  show_cases (self);
}

static void
on_project_changed (GlossAttributeSheet *self,
                    guint                changes)
{
  if (changes & (GLOSS_CHANGE_ATTRIBUTES | GLOSS_CHANGE_CASES | GLOSS_CHANGE_DOCUMENTS | GLOSS_CHANGE_CODERS))
    gloss_attribute_sheet_reload (self);
}

void
gloss_attribute_sheet_set_target (GlossAttributeSheet  *self,
                                  GlossProject         *project,
                                  GlossAttributeTarget  target,
                                  gint64                target_id)
{
  g_return_if_fail (GLOSS_IS_ATTRIBUTE_SHEET (self));

  if (self->project != project)
    {
      if (self->project != NULL)
        g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
      g_set_object (&self->project, project);
      gloss_attribute_editor_set_project (self->editor, project);
      if (project != NULL)
        g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
      g_clear_pointer (&self->signature, g_free);
    }
  if (self->target != target)
    g_clear_pointer (&self->signature, g_free);

  self->target = target;
  self->target_id = target_id;
  show_message (self, NULL);
  gloss_attribute_sheet_reload (self);
}

GlossAttributeCell *
gloss_attribute_sheet_get_cell (GlossAttributeSheet *self,
                                gint64               attribute_id)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_SHEET (self), NULL);

  return g_hash_table_lookup (self->cells, &attribute_id);
}

const char *
gloss_attribute_sheet_get_message (GlossAttributeSheet *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_SHEET (self), NULL);

  return self->message;
}

GPtrArray *
gloss_attribute_sheet_dup_case_lines (GlossAttributeSheet *self)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_SHEET (self), lines);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->cases_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      if (box != NULL && g_object_get_data (G_OBJECT (box), "line") != NULL)
        g_ptr_array_add (lines, g_strdup (g_object_get_data (G_OBJECT (box), "line")));
    }

  return lines;
}

/* Actions */

static void
set_value_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GlossAttributeSheet *self = GLOSS_ATTRIBUTE_SHEET (widget);
  g_autoptr(GError) error = NULL;
  gint64 attribute_id, target_id;
  const char *value;

  if (self->project == NULL)
    return;

  g_variant_get (param, "(xx&s)", &attribute_id, &target_id, &value);
  if (!gloss_project_set_attribute_value (self->project, attribute_id, target_id, value, &error))
    show_message (self, error->message);
  else
    show_message (self, NULL);
}

static void
create_attribute_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  GlossAttributeSheet *self = GLOSS_ATTRIBUTE_SHEET (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) choices = NULL;
  const char *name, *type_name, *values;
  GlossAttributeType type;

  if (self->project == NULL)
    return;

  g_variant_get (param, "(&s&s&s)", &name, &type_name, &values);
  if (!gloss_attribute_type_from_string (type_name, &type))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a type of attribute"), type_name);
      show_message (self, message);
      return;
    }
  if (type == GLOSS_ATTRIBUTE_CATEGORY)
    choices = g_strsplit (values, ",", -1);
  if (gloss_project_add_attribute (self->project, self->target, name, type,
                                   (const char * const *) choices, &error) <= 0)
    show_message (self, error->message);
  else
    show_message (self, NULL);
}

static void
on_dialog_response (GlossAttributeDialog *dialog,
                    const char           *response,
                    GlossAttributeSheet  *self)
{
  g_autofree char *name = NULL;
  g_autofree char *values = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;

  name = gloss_attribute_dialog_dup_name (dialog);
  values = gloss_attribute_dialog_dup_values (dialog);
  gtk_widget_activate_action (GTK_WIDGET (self), "sheet.create-attribute", "(sss)", name,
                              gloss_attribute_type_to_string (gloss_attribute_dialog_get_attribute_type (dialog)),
                              values);
}

static void
new_attribute_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GlossAttributeSheet *self = GLOSS_ATTRIBUTE_SHEET (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GlossAttributeDialog *dialog = gloss_attribute_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_attribute_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  gloss_attribute_editor_edit (GLOSS_ATTRIBUTE_SHEET (widget)->editor, g_variant_get_int64 (param));
}

static void
change_attribute_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  const char *name, *type, *values;
  gboolean drop;
  gint64 attribute_id;

  g_variant_get (param, "(x&s&s&sb)", &attribute_id, &name, &type, &values, &drop);
  gloss_attribute_editor_change (GLOSS_ATTRIBUTE_SHEET (widget)->editor, attribute_id, name, type, values, drop);
}

static void
delete_attribute_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  gloss_attribute_editor_delete (GLOSS_ATTRIBUTE_SHEET (widget)->editor, g_variant_get_int64 (param));
}

/* Refusals are shown under the list; what was done is seen in it. */
static void
on_editor_message (GlossAttributeSheet *self,
                   const char          *message,
                   gboolean             done)
{
  show_message (self, done ? NULL : message);
}

static void
remove_case_member_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  GlossAttributeSheet *self = GLOSS_ATTRIBUTE_SHEET (widget);
  g_autoptr(GError) error = NULL;

  if (self->project != NULL &&
      !gloss_project_remove_case_member (self->project, g_variant_get_int64 (param), &error))
    show_message (self, error->message);
}

/* GObject */

static void
gloss_attribute_sheet_dispose (GObject *object)
{
  GlossAttributeSheet *self = GLOSS_ATTRIBUTE_SHEET (object);
  GtkWidget *child;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_clear_object (&self->project);
  g_clear_object (&self->editor);
  g_hash_table_remove_all (self->cells);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ATTRIBUTE_SHEET);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gloss_attribute_sheet_parent_class)->dispose (object);
}

static void
gloss_attribute_sheet_finalize (GObject *object)
{
  GlossAttributeSheet *self = GLOSS_ATTRIBUTE_SHEET (object);

  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_hash_table_unref (self->cells);
  g_free (self->signature);
  g_free (self->message);

  G_OBJECT_CLASS (gloss_attribute_sheet_parent_class)->finalize (object);
}

static void
gloss_attribute_sheet_class_init (GlossAttributeSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_attribute_sheet_dispose;
  object_class->finalize = gloss_attribute_sheet_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-attribute-sheet.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeSheet, list);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeSheet, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeSheet, message_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeSheet, cases_section);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeSheet, cases_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "attributes.set-value", "(xxs)", set_value_action);
  gtk_widget_class_install_action (widget_class, "sheet.new-attribute", NULL, new_attribute_action);
  gtk_widget_class_install_action (widget_class, "sheet.create-attribute", "(sss)", create_attribute_action);
  gtk_widget_class_install_action (widget_class, "sheet.remove-case-member", "x", remove_case_member_action);
  gtk_widget_class_install_action (widget_class, "sheet.edit-attribute", "x", edit_attribute_action);
  gtk_widget_class_install_action (widget_class, "sheet.change-attribute", "(xsssb)", change_attribute_action);
  gtk_widget_class_install_action (widget_class, "sheet.delete-attribute", "x", delete_attribute_action);
}

static void
gloss_attribute_sheet_init (GlossAttributeSheet *self)
{
  self->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editor = gloss_attribute_editor_new (GTK_WIDGET (self));
  g_signal_connect_object (self->editor, "message", G_CALLBACK (on_editor_message), self, G_CONNECT_SWAPPED);
}
