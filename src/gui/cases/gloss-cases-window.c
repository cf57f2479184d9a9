/* gloss-cases-window.c: the cases of a project with their documents and
 * passages, and the attributes of each case and each coder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-cases-window.h"
#include "gloss-hyphenation.h"

#define QUOTE_CHARS 80

struct _GlossCasesWindow
{
  AdwWindow            parent_instance;

  GlossProject        *project;
  GlossAttributeTarget shown_kind;   /* case or coder */
  gint64               shown_id;
  char                *message;

  AdwToastOverlay     *toast_overlay;
  GtkListBox          *list;
  GtkEntry            *name_entry;
  GtkLabel            *title_label;
  GtkEntry            *case_name;
  GtkEntry            *case_description;
  GtkButton           *delete_button;
  GlossAttributeSheet *sheet;
  GtkWidget           *members_section;
  GtkListBox          *members_list;
  GtkStack            *stack;
};

G_DEFINE_FINAL_TYPE (GlossCasesWindow, gloss_cases_window, ADW_TYPE_WINDOW)

static void
show_message (GlossCasesWindow *self,
              const char       *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  if (message != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
line_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  g_object_set_data_full (G_OBJECT (label), "line", g_strdup (text), g_free);
  return label;
}

/* The list: cases, then coders */

static void
add_list_row (GlossCasesWindow     *self,
              const char           *text,
              GlossAttributeTarget  kind,
              gint64                id)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line_label (text, FALSE));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "cases.show");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(sx)", gloss_attribute_target_to_string (kind), id);
  g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) id));
  gtk_list_box_append (self->list, row);
  if (kind == self->shown_kind && id == self->shown_id)
    gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
}

static void
add_heading (GlossCasesWindow *self,
             const char       *text)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line_label (text, TRUE));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (self->list, row);
}

static gboolean
fill_list (GlossCasesWindow *self)
{
  g_autoptr(GPtrArray) cases = gloss_project_list_cases (self->project, NULL);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (self->project, NULL);
  gboolean shown_exists = FALSE;

  clear_list (self->list);
  add_heading (self, _("Cases"));
  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      GlossCase *item = g_ptr_array_index (cases, i);
      /* Translators: a case in the list with its number of documents and passages */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%" PRId64 " member)",
                                                            "%s (%" PRId64 " members)", item->n_members),
                                               item->name, item->n_members);
      add_list_row (self, text, GLOSS_ATTRIBUTE_ON_CASE, item->id);
      shown_exists |= self->shown_kind == GLOSS_ATTRIBUTE_ON_CASE && self->shown_id == item->id;
    }

  add_heading (self, _("Coders"));
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (coders, i);
      add_list_row (self, coder->name, GLOSS_ATTRIBUTE_ON_CODER, coder->id);
      shown_exists |= self->shown_kind == GLOSS_ATTRIBUTE_ON_CODER && self->shown_id == coder->id;
    }

  return shown_exists;
}

/* The case or coder shown */

static char *
member_line (GlossCasesWindow      *self,
             const GlossCaseMember *member)
{
  g_autoptr(GlossDocumentInfo) info = gloss_project_get_document (self->project, member->document_id, NULL);
  g_autofree char *quote = NULL;
  g_autofree char *flat = NULL;
  const char *title = info != NULL ? info->title : "?";

  if (member->start < 0)
    /* Translators: a whole document in a case */
    return g_strdup_printf (_("%s, the whole document"), title);

  quote = gloss_project_get_text (self->project, member->document_id, member->start,
                                  MIN (member->end, member->start + QUOTE_CHARS), NULL);
  flat = gloss_text_one_line (quote);
  /* Translators: a passage in a case: document, range, the passage's start */
  return g_strdup_printf (_("%s, %" PRId64 "–%" PRId64 ": “%s%s”"), title, member->start, member->end,
                          flat, member->end - member->start > QUOTE_CHARS ? "…" : "");
}

static GtkWidget *
member_row (GlossCasesWindow      *self,
            const GlossCaseMember *member)
{
  g_autofree char *text = member_line (self, member);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_box_append (GTK_BOX (box), line_label (text, FALSE));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Take out of the case"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "cases.remove-member");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", member->id);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "cases.open-member");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", member->id);
  gtk_widget_set_tooltip_text (row, _("Show in the document"));
  return row;
}

static void
show_members (GlossCasesWindow *self)
{
  g_autoptr(GPtrArray) members = NULL;

  clear_list (self->members_list);
  if (self->shown_kind != GLOSS_ATTRIBUTE_ON_CASE)
    {
      gtk_widget_set_visible (self->members_section, FALSE);
      return;
    }

  members = gloss_project_list_case_members (self->project, self->shown_id, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    gtk_list_box_append (self->members_list, member_row (self, g_ptr_array_index (members, i)));
  if (members == NULL || members->len == 0)
    {
      GtkWidget *label = line_label (_("No documents or passages yet: select a passage in a document "
                                       "and choose Add Selection to Case in the main menu."), FALSE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->members_list, label);
    }
  gtk_widget_set_visible (self->members_section, TRUE);
}

static void
show_item (GlossCasesWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (self->shown_id <= 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      gloss_attribute_sheet_set_target (self->sheet, NULL, GLOSS_ATTRIBUTE_ON_CASE, 0);
      return;
    }

  if (self->shown_kind == GLOSS_ATTRIBUTE_ON_CASE)
    {
      g_autoptr(GlossCase) item = gloss_project_get_case (self->project, self->shown_id, NULL);
      name = g_strdup (item != NULL ? item->name : "");
      description = g_strdup (item != NULL && item->description != NULL ? item->description : "");
    }
  else
    {
      g_autoptr(GlossCoder) coder = gloss_project_get_coder (self->project, self->shown_id, NULL);
      name = g_strdup (coder != NULL ? coder->name : "");
    }

  gtk_label_set_text (self->title_label, self->shown_kind == GLOSS_ATTRIBUTE_ON_CASE ? _("Case") : _("Coder"));
  gtk_editable_set_text (GTK_EDITABLE (self->case_name), name);
  gtk_editable_set_editable (GTK_EDITABLE (self->case_name), self->shown_kind == GLOSS_ATTRIBUTE_ON_CASE);
  gtk_editable_set_text (GTK_EDITABLE (self->case_description), description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->case_description), self->shown_kind == GLOSS_ATTRIBUTE_ON_CASE);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->shown_kind == GLOSS_ATTRIBUTE_ON_CASE);
  gloss_attribute_sheet_set_target (self->sheet, self->project, self->shown_kind, self->shown_id);
  show_members (self);
  gtk_stack_set_visible_child_name (self->stack, "item");
}

void
gloss_cases_window_reload (GlossCasesWindow *self)
{
  g_return_if_fail (GLOSS_IS_CASES_WINDOW (self));

  if (self->project == NULL)
    return;

  if (!fill_list (self))
    self->shown_id = 0;
  show_item (self);
}

static void
on_project_changed (GlossCasesWindow *self,
                    guint             changes)
{
  if (changes & (GLOSS_CHANGE_CASES | GLOSS_CHANGE_CODERS | GLOSS_CHANGE_DOCUMENTS))
    gloss_cases_window_reload (self);
}

/* Actions */

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = gloss_project_add_case (self->project, g_variant_get_string (param, NULL), NULL, &error);

  if (id <= 0)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_widget_activate_action (widget, "cases.show", "(sx)", "case", id);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 id;

  g_variant_get (param, "(x&s)", &id, &name);
  if (!gloss_project_rename_case (self->project, id, name, &error))
    {
      show_message (self, error->message);
      show_item (self);
    }
}

static void
describe_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *description;
  gint64 id;

  g_variant_get (param, "(x&s)", &id, &description);
  if (!gloss_project_set_case_description (self->project, id, description, &error))
    {
      show_message (self, error->message);
      show_item (self);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!gloss_project_delete_case (self->project, g_variant_get_int64 (param), &error))
    show_message (self, error->message);
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (widget);
  GlossAttributeTarget kind;
  const char *kind_name;
  gint64 id;

  g_variant_get (param, "(&sx)", &kind_name, &id);
  if (!gloss_attribute_target_from_string (kind_name, &kind) || kind == GLOSS_ATTRIBUTE_ON_DOCUMENT)
    return;

  self->shown_kind = kind;
  self->shown_id = id;
  gloss_cases_window_reload (self);
}

static void
remove_member_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!gloss_project_remove_case_member (self->project, g_variant_get_int64 (param), &error))
    show_message (self, error->message);
}

static void
open_member_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (widget);
  g_autoptr(GPtrArray) members = gloss_project_list_case_members (self->project, self->shown_id, NULL);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gint64 member_id = g_variant_get_int64 (param);

  for (guint i = 0; parent != NULL && members != NULL && i < members->len; i++)
    {
      GlossCaseMember *member = g_ptr_array_index (members, i);
      if (member->id == member_id)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-passage", "(xxx)", member->document_id,
                                    MAX (member->start, 0), MAX (member->end, 0));
    }
}

static void
on_name_activate (GlossCasesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));

  if (*name != '\0')
    gtk_widget_activate_action (GTK_WIDGET (self), "cases.create", "s", name);
}

static void
on_case_name_activate (GlossCasesWindow *self)
{
  g_autofree char *name = NULL;

  if (self->shown_kind != GLOSS_ATTRIBUTE_ON_CASE || self->shown_id <= 0)
    return;

  name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->case_name)));
  gtk_widget_activate_action (GTK_WIDGET (self), "cases.rename", "(xs)", self->shown_id, name);
}

/* Kept on Enter and when the entry is left, as a memo is. */
static void
on_case_description_activate (GlossCasesWindow *self)
{
  g_autoptr(GlossCase) item = NULL;
  g_autofree char *clean = NULL;
  const char *text;

  if (self->shown_kind != GLOSS_ATTRIBUTE_ON_CASE || self->shown_id <= 0 ||
      (item = gloss_project_get_case (self->project, self->shown_id, NULL)) == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->case_description));
  clean = g_strstrip (g_strdup (text));
  if (g_strcmp0 (clean, item->description != NULL ? item->description : "") != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "cases.describe", "(xs)", self->shown_id, text);
}

static void
on_delete_clicked (GlossCasesWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "cases.delete", "x", self->shown_id);
}

/* Public */

GlossCasesWindow *
gloss_cases_window_new (GtkWindow    *parent,
                        GlossProject *project)
{
  GlossCasesWindow *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_CASES_WINDOW, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  gloss_cases_window_reload (self);
  return self;
}

GtkEditable *
gloss_cases_window_get_description (GlossCasesWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CASES_WINDOW (self), NULL);

  return GTK_EDITABLE (self->case_description);
}

GlossAttributeSheet *
gloss_cases_window_get_sheet (GlossCasesWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CASES_WINDOW (self), NULL);

  return self->sheet;
}

static GPtrArray *
lines_of (GtkListBox *list)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : row;

      if (GTK_IS_BOX (child))
        child = gtk_widget_get_first_child (child);
      if (child != NULL && g_object_get_data (G_OBJECT (child), "line") != NULL)
        g_ptr_array_add (lines, g_strdup (g_object_get_data (G_OBJECT (child), "line")));
    }

  return lines;
}

GPtrArray *
gloss_cases_window_dup_lines (GlossCasesWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CASES_WINDOW (self), NULL);

  return lines_of (self->list);
}

GPtrArray *
gloss_cases_window_dup_member_lines (GlossCasesWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CASES_WINDOW (self), NULL);

  return lines_of (self->members_list);
}

const char *
gloss_cases_window_get_message (GlossCasesWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CASES_WINDOW (self), NULL);

  return self->message;
}

/* GObject */

static void
gloss_cases_window_dispose (GObject *object)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CASES_WINDOW);

  G_OBJECT_CLASS (gloss_cases_window_parent_class)->dispose (object);
}

static void
gloss_cases_window_finalize (GObject *object)
{
  GlossCasesWindow *self = GLOSS_CASES_WINDOW (object);

  g_free (self->message);

  G_OBJECT_CLASS (gloss_cases_window_parent_class)->finalize (object);
}

static void
gloss_cases_window_class_init (GlossCasesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_cases_window_dispose;
  object_class->finalize = gloss_cases_window_finalize;

  g_type_ensure (GLOSS_TYPE_ATTRIBUTE_SHEET);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-cases-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, list);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, case_name);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, case_description);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, sheet);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, members_section);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, members_list);
  gtk_widget_class_bind_template_child (widget_class, GlossCasesWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_case_name_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_case_description_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);

  gtk_widget_class_install_action (widget_class, "cases.create", "s", create_action);
  gtk_widget_class_install_action (widget_class, "cases.rename", "(xs)", rename_action);
  gtk_widget_class_install_action (widget_class, "cases.describe", "(xs)", describe_action);
  gtk_widget_class_install_action (widget_class, "cases.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "cases.show", "(sx)", show_action);
  gtk_widget_class_install_action (widget_class, "cases.remove-member", "x", remove_member_action);
  gtk_widget_class_install_action (widget_class, "cases.open-member", "x", open_member_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_cases_window_init (GlossCasesWindow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->shown_kind = GLOSS_ATTRIBUTE_ON_CASE;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_case_description_activate), self);
  gtk_widget_add_controller (GTK_WIDGET (self->case_description), focus);
}
