/* gloss-document-table.c: the documents as a table, a column per attribute
 *
 * The rows are a list store of GlossTableRow, filtered by the chosen set
 * and sorted by the column view's sorter. The attribute columns are made
 * afresh only when the attributes themselves change (added, renamed,
 * retyped, deleted), so that a changed value keeps the sort and the
 * columns the user chose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-attribute-cell.h"
#include "gloss-attribute-dialog.h"
#include "gloss-attribute-editor.h"
#include "gloss-document-table.h"
#include "gloss-error.h"
#include "gloss-set-chooser.h"
#include "gloss-set-dialog.h"
#include "gloss-table-row.h"

/* The columns before the attributes: title and codings. */
#define N_FIXED_COLUMNS 2

/* The per-project settings (GSettings, by project path). */
#define SETTINGS_KEY "document-table-settings"
#define HIDDEN_KEY   "hidden-columns"

struct _GlossDocumentTable
{
  AdwWindow            parent_instance;

  GlossProject        *project;
  GListStore          *store;        /* GlossTableRow */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GHashTable          *members;      /* document ids of the chosen set; NULL: all */
  GPtrArray           *attributes;   /* GlossAttribute on documents, in column order */
  char                *signature;    /* of the attributes the columns were made for */
  GSimpleActionGroup  *column_actions;
  GHashTable          *hidden;       /* GUIDs of the attributes whose column is hidden */
  GMenu               *columns_menu;
  GSettings           *settings;
  GlossAttributeEditor *editor;

  AdwToast            *toast;        /* the one shown, or NULL */
  AdwToastOverlay     *toast_overlay;
  GlossSetChooser     *set_chooser;
  GtkMenuButton       *columns_button;
  GtkWidget           *edit_set_button;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkLabel            *caption_label;
};

G_DEFINE_FINAL_TYPE (GlossDocumentTable, gloss_document_table, ADW_TYPE_WINDOW)

static void
on_toast_dismissed (AdwToast           *toast,
                    GlossDocumentTable *self)
{
  if (self->toast == toast)
    self->toast = NULL;
}

/* The newest message replaces the one shown: it says what just happened. */
static void
show_toast_with_undo (GlossDocumentTable *self,
                      const char         *message,
                      gboolean            undo)
{
  AdwToast *toast = adw_toast_new (message);

  if (undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "table.undo");
    }
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  self->toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_toast (GlossDocumentTable *self,
            const char         *message)
{
  show_toast_with_undo (self, message, FALSE);
}

static GlossAttribute *
attribute_copy (const GlossAttribute *attribute)
{
  GlossAttribute *copy = g_new0 (GlossAttribute, 1);

  copy->id = attribute->id;
  copy->guid = g_strdup (attribute->guid);
  copy->target = attribute->target;
  copy->name = g_strdup (attribute->name);
  copy->type = attribute->type;
  copy->choices = g_strdupv (attribute->choices);
  copy->description = g_strdup (attribute->description);
  copy->position = attribute->position;
  copy->n_values = attribute->n_values;
  return copy;
}

/* Sorting */

static int
choice_position (const GlossAttribute *attribute,
                 const char           *value)
{
  for (guint i = 0; attribute->choices != NULL && attribute->choices[i] != NULL; i++)
    if (g_strcmp0 (attribute->choices[i], value) == 0)
      return (int) i;

  return G_MAXINT;
}

/* Empty values after every value; numbers as numbers, categories in the
 * order of their list, dates (YYYY-MM-DD) and yes/no as they spell. */
static int
compare_values (const GlossAttribute *attribute,
                const char           *a,
                const char           *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  switch (attribute->type)
    {
    case GLOSS_ATTRIBUTE_NUMBER:
      {
        double x = g_ascii_strtod (a, NULL), y = g_ascii_strtod (b, NULL);
        return (x > y) - (x < y);
      }
    case GLOSS_ATTRIBUTE_CATEGORY:
      {
        int x = choice_position (attribute, a), y = choice_position (attribute, b);
        return (x > y) - (x < y);
      }
    case GLOSS_ATTRIBUTE_TEXT:
      return g_utf8_collate (a, b);
    case GLOSS_ATTRIBUTE_DATE:
    case GLOSS_ATTRIBUTE_BOOLEAN:
    default:
      return g_strcmp0 (a, b);
    }
}

static int
compare_attribute (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const GlossAttribute *attribute = user_data;
  int order = compare_values (attribute, gloss_table_row_get_value ((GlossTableRow *) a, attribute->id),
                              gloss_table_row_get_value ((GlossTableRow *) b, attribute->id));

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_title (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int order = g_utf8_collate (gloss_table_row_get_title ((GlossTableRow *) a),
                              gloss_table_row_get_title ((GlossTableRow *) b));

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_codings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  gint64 x = gloss_table_row_get_n_codings ((GlossTableRow *) a);
  gint64 y = gloss_table_row_get_n_codings ((GlossTableRow *) b);

  return x < y ? GTK_ORDERING_SMALLER : x > y ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Cells */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  gboolean numeric = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), numeric ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_title (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GlossTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gloss_table_row_get_title (row));
  gtk_widget_set_tooltip_text (label, gloss_table_row_get_title (row));
}

static void
bind_codings (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GlossTableRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, gloss_table_row_get_n_codings (row));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
setup_attribute (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (item, gloss_attribute_cell_new ());
}

static void
bind_attribute (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  const GlossAttribute *attribute = g_object_get_data (G_OBJECT (factory), "attribute");
  GlossTableRow *row = gtk_list_item_get_item (item);

  gloss_attribute_cell_bind (GLOSS_ATTRIBUTE_CELL (gtk_list_item_get_child (item)), attribute,
                             gloss_table_row_get_id (row),
                             gloss_table_row_get_value (row, attribute->id));
}

typedef void (*BindFunc) (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          gpointer                  user_data);

/* A row updated in place (a value stored) is shown again by the same
 * widgets: replacing the rows would destroy the cell being edited. */
static void
on_row_changed (GtkListItem *item)
{
  GtkSignalListItemFactory *factory = g_object_get_data (G_OBJECT (item), "factory");
  BindFunc bind = (BindFunc) g_object_get_data (G_OBJECT (factory), "bind");

  bind (factory, item, NULL);
}

static void
bind_following (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  BindFunc bind = (BindFunc) g_object_get_data (G_OBJECT (factory), "bind");

  g_object_set_data (G_OBJECT (item), "factory", factory);
  g_signal_connect_object (gtk_list_item_get_item (item), "changed", G_CALLBACK (on_row_changed),
                           item, G_CONNECT_SWAPPED);
  bind (factory, item, NULL);
}

static void
unbind_following (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gpointer row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_changed, item);
}

static GtkColumnViewColumn *
make_column (const char *title,
             GCallback   setup,
             gpointer    setup_data,
             GCallback   bind,
             GtkSorter  *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "bind", (gpointer) bind);
  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_following), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_following), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
  return column;
}

/* The attribute's own commands, from its column's header. */
static GMenuModel *
header_menu (const GlossAttribute *attribute)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Rename or Change Type…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete Attribute…"), NULL);
  g_autofree char *hide = g_strdup_printf ("columns.attribute-%" G_GINT64_FORMAT, attribute->id);

  g_menu_item_set_action_and_target_value (edit, "table.edit-attribute", g_variant_new_int64 (attribute->id));
  g_menu_item_set_action_and_target_value (remove, "table.delete-attribute", g_variant_new_int64 (attribute->id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, remove);
  g_menu_append (menu, _("_Show Column"), hide);
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static GtkColumnViewColumn *
make_attribute_column (const GlossAttribute *attribute)
{
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_attribute, attribute_copy (attribute),
                                                         (GDestroyNotify) gloss_attribute_free));
  GtkColumnViewColumn *column = make_column (attribute->name, G_CALLBACK (setup_attribute), NULL,
                                             G_CALLBACK (bind_attribute), sorter);

  g_object_set_data_full (G_OBJECT (gtk_column_view_column_get_factory (column)), "attribute",
                          attribute_copy (attribute), (GDestroyNotify) gloss_attribute_free);
  g_object_set_data (G_OBJECT (column), "attribute-id", GSIZE_TO_POINTER ((gsize) attribute->id));
  gtk_column_view_column_set_fixed_width (column, 160);
  gtk_column_view_column_set_header_menu (column, header_menu (attribute));
  return column;
}

/* Columns shown */

static char *
column_action_name (gint64 attribute_id)
{
  return g_strdup_printf ("attribute-%" G_GINT64_FORMAT, attribute_id);
}

/* The columns hidden, by attribute GUID, are remembered for the project:
 * attributes added later are shown. */
static void
save_settings (GlossDocumentTable *self)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, SETTINGS_KEY);
  g_autofree const char **guids = (const char **) g_hash_table_get_keys_as_array (self->hidden, NULL);
  const char *path = gloss_project_get_path (self->project);
  GVariantBuilder all, one;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (path == NULL)
    return;

  g_variant_builder_init (&one, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&one, "{sv}", HIDDEN_KEY, g_variant_new_strv (guids, -1));
  g_variant_builder_init (&all, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_strcmp0 (key, path) != 0)
        g_variant_builder_add (&all, "{sv}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&all, "{sv}", path, g_variant_builder_end (&one));
  g_settings_set_value (self->settings, SETTINGS_KEY, g_variant_builder_end (&all));
}

static void
restore_settings (GlossDocumentTable *self)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, SETTINGS_KEY);
  g_autoptr(GVariant) one = NULL;
  g_autoptr(GVariant) hidden = NULL;
  const char *path = gloss_project_get_path (self->project);
  g_autofree const char **guids = NULL;

  g_hash_table_remove_all (self->hidden);
  if (path == NULL ||
      (one = g_variant_lookup_value (all, path, G_VARIANT_TYPE_VARDICT)) == NULL ||
      (hidden = g_variant_lookup_value (one, HIDDEN_KEY, G_VARIANT_TYPE_STRING_ARRAY)) == NULL)
    return;

  guids = g_variant_get_strv (hidden, NULL);
  for (guint i = 0; guids[i] != NULL; i++)
    g_hash_table_add (self->hidden, g_strdup (guids[i]));
}

static void
on_column_toggled (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  GlossDocumentTable *self = user_data;
  gint64 attribute_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (action), "attribute-id"));
  const char *guid = g_object_get_data (G_OBJECT (action), "attribute-guid");
  GtkColumnViewColumn *column = gloss_document_table_get_column (self, attribute_id);
  gboolean shown = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  if (shown)
    g_hash_table_remove (self->hidden, guid);
  else
    g_hash_table_add (self->hidden, g_strdup (guid));
  if (column != NULL)
    gtk_column_view_column_set_visible (column, shown);
  save_settings (self);
}

static void
remove_attribute_columns (GlossDocumentTable *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > N_FIXED_COLUMNS)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, N_FIXED_COLUMNS);
      gtk_column_view_remove_column (self->column_view, column);
    }

  for (guint i = 0; self->attributes != NULL && i < self->attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (self->attributes, i);
      g_autofree char *name = column_action_name (attribute->id);
      g_action_map_remove_action (G_ACTION_MAP (self->column_actions), name);
    }
  g_menu_remove_all (self->columns_menu);
}

static void
add_attribute_columns (GlossDocumentTable *self)
{
  for (guint i = 0; i < self->attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (self->attributes, i);
      g_autoptr(GtkColumnViewColumn) column = make_attribute_column (attribute);
      g_autofree char *name = column_action_name (attribute->id);
      g_autofree char *detailed = g_strconcat ("columns.", name, NULL);
      gboolean shown = !g_hash_table_contains (self->hidden, attribute->guid);
      g_autoptr(GSimpleAction) action =
        g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (shown));

      g_object_set_data (G_OBJECT (action), "attribute-id", GSIZE_TO_POINTER ((gsize) attribute->id));
      g_object_set_data_full (G_OBJECT (action), "attribute-guid", g_strdup (attribute->guid), g_free);
      g_signal_connect (action, "change-state", G_CALLBACK (on_column_toggled), self);
      g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));
      g_menu_append (self->columns_menu, attribute->name, detailed);

      gtk_column_view_column_set_visible (column, shown);
      gtk_column_view_append_column (self->column_view, column);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_button), self->attributes->len > 0);
}

static char *
attributes_signature (GPtrArray *attributes)
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

/* Loading */

static void
update_caption (GlossDocumentTable *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *caption = NULL;

  if (self->members != NULL)
    /* Translators: below the documents table when a set is chosen */
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u document", "%u of %u documents", all),
                               shown, all);
  else
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", all), all);

  gtk_label_set_text (self->caption_label, caption);
  gtk_stack_set_visible_child_name (self->stack, all > 0 ? "table" : "empty");
}

static void
update_members (GlossDocumentTable *self)
{
  g_clear_pointer (&self->members, g_hash_table_unref);
  self->members = gloss_set_chooser_dup_members (self->set_chooser);
  gtk_widget_set_sensitive (self->edit_set_button, gloss_set_chooser_get_set_id (self->set_chooser) > 0);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_caption (self);
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  GlossDocumentTable *self = user_data;
  gint64 id = gloss_table_row_get_id (item);

  return self->members == NULL || g_hash_table_contains (self->members, &id);
}

static void
fill_values (GlossDocumentTable *self,
             GHashTable         *rows)
{
  for (guint i = 0; i < self->attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (self->attributes, i);
      g_autoptr(GPtrArray) values = gloss_project_list_attribute_values (self->project, attribute->id, 0, NULL);

      for (guint j = 0; values != NULL && j < values->len; j++)
        {
          GlossAttributeValue *value = g_ptr_array_index (values, j);
          GlossTableRow *row = g_hash_table_lookup (rows, &value->target_id);

          if (row != NULL)
            gloss_table_row_set_value (row, attribute->id, value->value);
        }
    }
}

/* The same documents as shown: the rows take the new values in place and
 * the sort is done again. */
static gboolean
update_rows (GlossDocumentTable *self,
             GPtrArray          *rows)
{
  GListModel *store = G_LIST_MODEL (self->store);

  if (g_list_model_get_n_items (store) != rows->len)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GlossTableRow) row = g_list_model_get_item (store, i);
      if (gloss_table_row_get_id (row) != gloss_table_row_get_id (g_ptr_array_index (rows, i)))
        return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GlossTableRow) row = g_list_model_get_item (store, i);
      gloss_table_row_update (row, g_ptr_array_index (rows, i));
    }
  gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);
  return TRUE;
}

void
gloss_document_table_reload (GlossDocumentTable *self)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;

  g_return_if_fail (GLOSS_IS_DOCUMENT_TABLE (self));

  if (self->project == NULL)
    return;

  if ((attributes = gloss_project_list_attributes (self->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, &error)) == NULL ||
      (documents = gloss_project_list_documents (self->project, &error)) == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  signature = attributes_signature (attributes);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      remove_attribute_columns (self);
      g_clear_pointer (&self->attributes, g_ptr_array_unref);
      self->attributes = g_steal_pointer (&attributes);
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
      add_attribute_columns (self);
    }

  for (guint i = 0; i < documents->len; i++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      GlossTableRow *row = gloss_table_row_new (info->id, info->title, info->n_codings);

      g_ptr_array_add (rows, row);
      g_hash_table_insert (by_id, &info->id, row);
    }
  fill_values (self, by_id);

  if (!update_rows (self, rows))
    g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                         rows->pdata, rows->len);
  update_members (self);
}

static void
on_project_changed (GlossDocumentTable *self,
                    guint               changes)
{
  if (changes & (GLOSS_CHANGE_DOCUMENTS | GLOSS_CHANGE_CODINGS | GLOSS_CHANGE_ATTRIBUTES |
                 GLOSS_CHANGE_CASES | GLOSS_CHANGE_SETS))
    gloss_document_table_reload (self);
}

static void
on_set_chosen (GlossDocumentTable *self)
{
  update_members (self);
}

static void
on_row_activated (GlossDocumentTable *self,
                  guint               position)
{
  g_autoptr(GlossTableRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (row != NULL && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-document", "x",
                                gloss_table_row_get_id (row));
}

/* Actions */

static void
set_value_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GlossDocumentTable *self = GLOSS_DOCUMENT_TABLE (widget);
  g_autoptr(GError) error = NULL;
  gint64 attribute_id, document_id;
  const char *value;

  g_variant_get (param, "(xx&s)", &attribute_id, &document_id, &value);
  if (!gloss_project_set_attribute_value (self->project, attribute_id, document_id, value, &error))
    show_toast (self, error->message);
}

static gboolean
create_attribute (GlossDocumentTable *self,
                  const char         *name,
                  const char         *type_name,
                  const char         *values,
                  GError            **error)
{
  GlossAttributeType type;
  g_auto(GStrv) choices = NULL;

  if (!gloss_attribute_type_from_string (type_name, &type))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("“%s” is not a type of attribute"), type_name);
      return FALSE;
    }
  if (type == GLOSS_ATTRIBUTE_CATEGORY)
    choices = g_strsplit (values != NULL ? values : "", ",", -1);

  return gloss_project_add_attribute (self->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, name, type,
                                      (const char * const *) choices, error) > 0;
}

static void
create_attribute_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  GlossDocumentTable *self = GLOSS_DOCUMENT_TABLE (widget);
  g_autoptr(GError) error = NULL;
  const char *name, *type, *values;

  g_variant_get (param, "(&s&s&s)", &name, &type, &values);
  if (!create_attribute (self, name, type, values, &error))
    show_toast (self, error->message);
}

static void
on_attribute_dialog_response (GlossAttributeDialog *dialog,
                              const char           *response,
                              GlossDocumentTable   *self)
{
  g_autofree char *name = NULL;
  g_autofree char *values = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;

  name = gloss_attribute_dialog_dup_name (dialog);
  values = gloss_attribute_dialog_dup_values (dialog);
  gtk_widget_activate_action (GTK_WIDGET (self), "table.create-attribute", "(sss)", name,
                              gloss_attribute_type_to_string (gloss_attribute_dialog_get_attribute_type (dialog)),
                              values);
}

static void
new_attribute_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GlossDocumentTable *self = GLOSS_DOCUMENT_TABLE (widget);
  GlossAttributeDialog *dialog = gloss_attribute_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_attribute_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A set named now: given by @rule, or, without one, of the documents shown. */
static void
create_set_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GlossDocumentTable *self = GLOSS_DOCUMENT_TABLE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *clean_rule = NULL;
  const char *name, *rule;
  gint64 set_id;

  g_variant_get (param, "(&s&s)", &name, &rule);
  clean_rule = g_strstrip (g_strdup (rule));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->filtered)); i++)
    {
      g_autoptr(GlossTableRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      gint64 id = gloss_table_row_get_id (row);
      g_array_append_val (shown, id);
    }

  set_id = gloss_project_add_set (self->project, GLOSS_SET_DOCUMENTS, name,
                                  *clean_rule != '\0' ? clean_rule : NULL, &error);
  if (set_id <= 0 ||
      (*clean_rule == '\0' && shown->len > 0 &&
       !gloss_project_add_set_members (self->project, set_id, (const gint64 *) shown->data, shown->len, &error)))
    {
      show_toast (self, error->message);
      return;
    }
  gloss_set_chooser_set_set_id (self->set_chooser, set_id);
}

static void
on_set_dialog_response (GlossSetDialog     *dialog,
                        const char         *response,
                        GlossDocumentTable *self)
{
  const char *name = gtk_editable_get_text (gloss_set_dialog_get_name (dialog));
  const char *rule = gtk_editable_get_text (gloss_set_dialog_get_rule (dialog));
  gint64 set_id = gloss_set_dialog_get_set_id (dialog);

  if (g_strcmp0 (response, "apply") != 0)
    return;
  if (set_id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "table.change-set", "(xss)", set_id, name, rule);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "table.create-set", "(ss)", name, rule);
}

static void
present_set_dialog (GlossDocumentTable *self,
                    gint64              set_id)
{
  GlossSetDialog *dialog = gloss_set_dialog_new (GTK_WINDOW (self), self->project, set_id);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_set_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_set_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  present_set_dialog (GLOSS_DOCUMENT_TABLE (widget), 0);
}

/* 0: the set chosen. */
static void
edit_set_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossDocumentTable *self = GLOSS_DOCUMENT_TABLE (widget);
  gint64 set_id = g_variant_get_int64 (param);

  if (set_id <= 0)
    set_id = gloss_set_chooser_get_set_id (self->set_chooser);
  if (set_id > 0)
    present_set_dialog (self, set_id);
}

static void
change_set_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GlossDocumentTable *self = GLOSS_DOCUMENT_TABLE (widget);
  g_autoptr(GError) error = NULL;
  const char *name, *rule;
  gint64 set_id;

  g_variant_get (param, "(x&s&s)", &set_id, &name, &rule);
  if (!gloss_project_change_set (self->project, set_id, name, rule, &error))
    show_toast (self, error->message);
  else
    update_members (self);
}

/* Attributes renamed, retyped, deleted */

static void
edit_attribute_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  gloss_attribute_editor_edit (GLOSS_DOCUMENT_TABLE (widget)->editor, g_variant_get_int64 (param));
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
  gloss_attribute_editor_change (GLOSS_DOCUMENT_TABLE (widget)->editor, attribute_id, name, type, values, drop);
}

/* Asks first: the values go with the attribute. */
static void
delete_attribute_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  gloss_attribute_editor_delete (GLOSS_DOCUMENT_TABLE (widget)->editor, g_variant_get_int64 (param));
}

static void
on_editor_message (GlossDocumentTable *self,
                   const char         *message,
                   gboolean            undo)
{
  show_toast_with_undo (self, message, undo);
}

/* The history is the project's: undo as in the window the table belongs to. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.undo", NULL);
}

static void
filter_by_set_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GlossDocumentTable *self = GLOSS_DOCUMENT_TABLE (widget);

  gloss_set_chooser_set_set_id (self->set_chooser, g_variant_get_int64 (param));
}

/* Public */

GlossDocumentTable *
gloss_document_table_new (GtkWindow    *parent,
                          GlossProject *project)
{
  GlossDocumentTable *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_DOCUMENT_TABLE, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  gloss_set_chooser_set_project (self->set_chooser, project);
  gloss_attribute_editor_set_project (self->editor, project);
  restore_settings (self);
  gloss_document_table_reload (self);
  return self;
}

GtkColumnView *
gloss_document_table_get_column_view (GlossDocumentTable *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_TABLE (self), NULL);

  return self->column_view;
}

GListModel *
gloss_document_table_get_rows (GlossDocumentTable *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_TABLE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

GtkColumnViewColumn *
gloss_document_table_get_column (GlossDocumentTable *self,
                                 gint64              attribute_id)
{
  GListModel *columns;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_TABLE (self), NULL);

  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = N_FIXED_COLUMNS; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (column), "attribute-id")) == attribute_id)
        return column;
    }

  return NULL;
}

GtkWidget *
gloss_document_table_get_set_chooser (GlossDocumentTable *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_TABLE (self), NULL);

  return GTK_WIDGET (self->set_chooser);
}

/* GObject */

static void
gloss_document_table_dispose (GObject *object)
{
  GlossDocumentTable *self = GLOSS_DOCUMENT_TABLE (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_DOCUMENT_TABLE);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->columns_menu);
  g_clear_object (&self->settings);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->members, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->signature, g_free);

  G_OBJECT_CLASS (gloss_document_table_parent_class)->dispose (object);
}

static void
gloss_document_table_class_init (GlossDocumentTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_document_table_dispose;

  g_type_ensure (GLOSS_TYPE_SET_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-document-table.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentTable, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentTable, set_chooser);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentTable, columns_button);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentTable, edit_set_button);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentTable, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentTable, caption_label);
  gtk_widget_class_bind_template_callback (widget_class, on_set_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "attributes.set-value", "(xxs)", set_value_action);
  gtk_widget_class_install_action (widget_class, "table.new-attribute", NULL, new_attribute_action);
  gtk_widget_class_install_action (widget_class, "table.create-attribute", "(sss)", create_attribute_action);
  gtk_widget_class_install_action (widget_class, "table.filter-by-set", "x", filter_by_set_action);
  gtk_widget_class_install_action (widget_class, "table.new-set", NULL, new_set_action);
  gtk_widget_class_install_action (widget_class, "table.create-set", "(ss)", create_set_action);
  gtk_widget_class_install_action (widget_class, "table.edit-set", "x", edit_set_action);
  gtk_widget_class_install_action (widget_class, "table.change-set", "(xss)", change_set_action);
  gtk_widget_class_install_action (widget_class, "table.edit-attribute", "x", edit_attribute_action);
  gtk_widget_class_install_action (widget_class, "table.change-attribute", "(xsssb)", change_attribute_action);
  gtk_widget_class_install_action (widget_class, "table.delete-attribute", "x", delete_attribute_action);
  gtk_widget_class_install_action (widget_class, "table.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "table.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
add_fixed_columns (GlossDocumentTable *self)
{
  g_autoptr(GtkColumnViewColumn) title =
    make_column (_("Document"), G_CALLBACK (setup_label), GINT_TO_POINTER (FALSE), G_CALLBACK (bind_title),
                 GTK_SORTER (gtk_custom_sorter_new (compare_title, NULL, NULL)));
  g_autoptr(GtkColumnViewColumn) codings =
    make_column (_("Codings"), G_CALLBACK (setup_label), GINT_TO_POINTER (TRUE), G_CALLBACK (bind_codings),
                 GTK_SORTER (gtk_custom_sorter_new (compare_codings, NULL, NULL)));

  gtk_column_view_column_set_expand (title, TRUE);
  gtk_column_view_append_column (self->column_view, title);
  gtk_column_view_append_column (self->column_view, codings);
}

static void
gloss_document_table_init (GlossDocumentTable *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->settings = g_settings_new (APPLICATION_ID);
  self->editor = gloss_attribute_editor_new (GTK_WIDGET (self));
  g_signal_connect_object (self->editor, "message", G_CALLBACK (on_editor_message), self, G_CONNECT_SWAPPED);
  self->column_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));
  self->columns_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->columns_button, G_MENU_MODEL (self->columns_menu));

  self->store = g_list_store_new (GLOSS_TYPE_TABLE_ROW);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_fixed_columns (self);
}
