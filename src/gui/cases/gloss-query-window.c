/* gloss-query-window.c: a query put together as a sentence, its hits
 * listed with their quotes
 *
 * The query runs on the main loop as the parts change: the query model
 * answers a large project in well under the time of a redraw (see the
 * bench suite). The condition runs when it is entered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-excerpt-item.h"
#include "gloss-excerpt-row.h"
#include "gloss-file-chooser.h"
#include "gloss-hyphenation.h"
#include "gloss-project-exchange.h"
#include "gloss-query-window.h"
#include "gloss-set-chooser.h"
#include "gloss-window.h"

#define HIT_RESOURCE "/io/github/glossqda/Gloss/gloss-excerpt-list-item.ui"

struct _GlossQueryWindow
{
  AdwWindow         parent_instance;

  GlossProject     *project;
  GPtrArray        *codes;         /* GlossCode in tree order, as in both code lists */
  GPtrArray        *coder_checks;  /* GtkCheckButton, with "coder-id" */
  GListStore       *hits;          /* GlossExcerptItem */
  GArray           *hit_ids;       /* gint64: the codings found */
  char             *sentence;
  char             *message;
  gboolean          filling;

  AdwToastOverlay  *toast_overlay;
  GtkDropDown      *code_a;
  GtkCheckButton   *a_children;
  GtkDropDown      *op_dropdown;
  GtkWidget        *b_part;
  GtkDropDown      *relation_dropdown;
  GtkWidget        *distance_box;
  GtkSpinButton    *distance_spin;
  GtkDropDown      *code_b;
  GtkCheckButton   *b_children;
  GlossSetChooser  *set_chooser;
  GtkEntry         *where_entry;
  GtkMenuButton    *coders_button;
  GtkBox           *coders_box;
  GtkLabel         *sentence_label;
  GtkLabel         *count_label;
  GtkLabel         *message_label;
  GtkStack         *stack;
  GtkListView      *hits_view;
};

G_DEFINE_FINAL_TYPE (GlossQueryWindow, gloss_query_window, ADW_TYPE_WINDOW)

/* In the order of the dropdowns' items. */
static const GlossQueryOperator operators[] = {
  GLOSS_QUERY_ONLY, GLOSS_QUERY_AND, GLOSS_QUERY_OR, GLOSS_QUERY_NOT,
};
static const GlossQueryRelation relations[] = {
  GLOSS_QUERY_OVERLAPS, GLOSS_QUERY_WITHIN, GLOSS_QUERY_NEAR, GLOSS_QUERY_SAME_DOCUMENT,
};

static void run_query (GlossQueryWindow *self);

static void
show_message (GlossQueryWindow *self,
              const char       *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* The parts */

static gint64
selected_code (GlossQueryWindow *self,
               GtkDropDown      *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->codes == NULL || position >= self->codes->len)
    return 0;
  return ((GlossCode *) g_ptr_array_index (self->codes, position))->id;
}

static void
select_code (GlossQueryWindow *self,
             GtkDropDown      *dropdown,
             gint64            code_id)
{
  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    if (((GlossCode *) g_ptr_array_index (self->codes, i))->id == code_id)
      gtk_drop_down_set_selected (dropdown, i);
}

static guint
index_of_operator (GlossQueryOperator op)
{
  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (operators[i] == op)
      return i;
  return 0;
}

static guint
index_of_relation (GlossQueryRelation relation)
{
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    if (relations[i] == relation)
      return i;
  return 0;
}

static void
update_parts (GlossQueryWindow *self)
{
  GlossQueryOperator op = operators[MIN (gtk_drop_down_get_selected (self->op_dropdown),
                                         G_N_ELEMENTS (operators) - 1)];
  GlossQueryRelation relation = relations[MIN (gtk_drop_down_get_selected (self->relation_dropdown),
                                               G_N_ELEMENTS (relations) - 1)];

  gtk_widget_set_visible (self->b_part, op != GLOSS_QUERY_ONLY);
  gtk_widget_set_visible (GTK_WIDGET (self->relation_dropdown), op == GLOSS_QUERY_AND || op == GLOSS_QUERY_NOT);
  gtk_widget_set_visible (self->distance_box, (op == GLOSS_QUERY_AND || op == GLOSS_QUERY_NOT) &&
                                              relation == GLOSS_QUERY_NEAR);
}

static void
update_coders_label (GlossQueryWindow *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint i = 0; i < self->coder_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->coder_checks, i);
      if (gtk_check_button_get_active (check))
        g_ptr_array_add (names, (gpointer) gtk_check_button_get_label (check));
    }

  if (names->len == self->coder_checks->len)
    {
      gtk_menu_button_set_label (self->coders_button, _("any coder"));
      return;
    }
  if (names->len == 0)
    {
      gtk_menu_button_set_label (self->coders_button, _("no coder"));
      return;
    }
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (char **) names->pdata);
  gtk_menu_button_set_label (self->coders_button, joined);
}

static void
on_part_changed (GlossQueryWindow *self)
{
  if (self->filling)
    return;
  update_parts (self);
  update_coders_label (self);
  run_query (self);
}

static void
fill_codes (GlossQueryWindow *self)
{
  g_autoptr(GtkStringList) names_a = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) names_b = gtk_string_list_new (NULL);
  gint64 a = selected_code (self, self->code_a);
  gint64 b = selected_code (self, self->code_b);

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = gloss_project_list_codes (self->project, NULL);
  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (self->codes, i);
      gtk_string_list_append (names_a, code->path != NULL ? code->path : code->name);
      gtk_string_list_append (names_b, code->path != NULL ? code->path : code->name);
    }

  gtk_drop_down_set_model (self->code_a, G_LIST_MODEL (names_a));
  gtk_drop_down_set_model (self->code_b, G_LIST_MODEL (names_b));
  select_code (self, self->code_a, a);
  select_code (self, self->code_b, b);
}

static void
fill_coders (GlossQueryWindow *self)
{
  g_autoptr(GHashTable) unchecked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (self->project, NULL);
  GtkWidget *child;

  for (guint i = 0; i < self->coder_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->coder_checks, i);
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "coder-id"));
      if (!gtk_check_button_get_active (check))
        g_hash_table_add (unchecked, g_memdup2 (&id, sizeof id));
    }

  g_ptr_array_set_size (self->coder_checks, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->coders_box))) != NULL)
    gtk_box_remove (self->coders_box, child);

  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (coders, i);
      GtkWidget *check = gtk_check_button_new_with_label (coder->name);

      g_object_set_data (G_OBJECT (check), "coder-id", GSIZE_TO_POINTER ((gsize) coder->id));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !g_hash_table_contains (unchecked, &coder->id));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_part_changed), self);
      gtk_box_append (self->coders_box, check);
      g_ptr_array_add (self->coder_checks, check);
    }
}

static void
fill (GlossQueryWindow *self)
{
  self->filling = TRUE;
  fill_codes (self);
  fill_coders (self);
  self->filling = FALSE;
  update_parts (self);
  update_coders_label (self);
}

/* Reading and running */

GlossQuery *
gloss_query_window_dup_query (GlossQueryWindow *self)
{
  g_autoptr(GlossQuery) query = gloss_query_new ();
  g_autofree char *where = NULL;

  g_return_val_if_fail (GLOSS_IS_QUERY_WINDOW (self), NULL);

  query->code_a = selected_code (self, self->code_a);
  query->a_children = gtk_check_button_get_active (self->a_children);
  query->op = operators[MIN (gtk_drop_down_get_selected (self->op_dropdown), G_N_ELEMENTS (operators) - 1)];
  if (query->op != GLOSS_QUERY_ONLY)
    {
      query->code_b = selected_code (self, self->code_b);
      query->b_children = gtk_check_button_get_active (self->b_children);
      query->relation = relations[MIN (gtk_drop_down_get_selected (self->relation_dropdown),
                                       G_N_ELEMENTS (relations) - 1)];
      query->distance = gtk_spin_button_get_value_as_int (self->distance_spin);
    }

  query->scope.set_id = gloss_set_chooser_get_set_id (self->set_chooser);
  where = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->where_entry))));
  if (*where != '\0')
    query->scope.where = g_steal_pointer (&where);

  for (guint i = 0; i < self->coder_checks->len; i++)
    if (!gtk_check_button_get_active (g_ptr_array_index (self->coder_checks, i)))
      {
        query->scope.coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        break;
      }
  for (guint i = 0; query->scope.coder_ids != NULL && i < self->coder_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->coder_checks, i);
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "coder-id"));
      if (gtk_check_button_get_active (check))
        g_array_append_val (query->scope.coder_ids, id);
    }

  return g_steal_pointer (&query);
}

static GlossExcerptItem *
hit_item (GlossQueryWindow  *self,
          const GlossCoding *coding,
          GHashTable        *titles,
          GHashTable        *coders)
{
  g_autofree char *path = gloss_project_dup_code_path (self->project, coding->code_id, NULL);
  const char *title = g_hash_table_lookup (titles, &coding->document_id);
  const char *coder = g_hash_table_lookup (coders, &coding->coder_id);
  g_autofree char *details = NULL;
  g_autofree char *read = coding->quote != NULL ? NULL
                          : gloss_project_get_text (self->project, coding->document_id,
                                                    coding->start, coding->end, NULL);
  g_autofree char *quote = gloss_text_one_line (coding->quote != NULL ? coding->quote : read);
  const char *color = NULL;

  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    if (((GlossCode *) g_ptr_array_index (self->codes, i))->id == coding->code_id)
      color = ((GlossCode *) g_ptr_array_index (self->codes, i))->color;

  /* Translators: a hit's code and coder, "Trust — Ana" */
  details = g_strdup_printf (_("%s — %s"), path != NULL ? path : "?", coder != NULL ? coder : "?");
  return gloss_excerpt_item_new (coding->id, coding->document_id, coding->start, coding->end,
                                 title != NULL ? title : "?", details, quote, coding->memo, color);
}

static void
show_hits (GlossQueryWindow *self,
           GPtrArray        *codings)
{
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (self->project, NULL);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (self->project, NULL);
  g_autoptr(GHashTable) titles = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      g_hash_table_insert (titles, &info->id, info->title);
    }
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (coders, i);
      g_hash_table_insert (names, &coder->id, coder->name);
    }

  g_array_set_size (self->hit_ids, 0);
  for (guint i = 0; codings != NULL && i < codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (codings, i);
      g_ptr_array_add (items, hit_item (self, coding, titles, names));
      g_array_append_val (self->hit_ids, coding->id);
    }
  g_list_store_splice (self->hits, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hits)),
                       items->pdata, items->len);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings", items->len), items->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "hits" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.export", items->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.show-in-excerpts", items->len > 0);
}

static void
run_query (GlossQueryWindow *self)
{
  g_autoptr(GlossQuery) query = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || self->filling)
    return;

  query = gloss_query_window_dup_query (self);
  g_clear_pointer (&self->sentence, g_free);
  if (query->code_a <= 0 || (query->op != GLOSS_QUERY_ONLY && query->code_b <= 0))
    {
      gtk_label_set_text (self->sentence_label, "");
      show_message (self, _("The codebook has no codes yet"));
      show_hits (self, NULL);
      return;
    }

  self->sentence = gloss_query_describe (self->project, query);
  gtk_label_set_text (self->sentence_label, self->sentence);

  if (query->scope.coder_ids != NULL && query->scope.coder_ids->len == 0)
    {
      show_message (self, _("Choose at least one coder"));
      show_hits (self, NULL);
      return;
    }

  codings = gloss_project_run_query (self->project, query, &error);
  show_message (self, codings == NULL ? error->message : NULL);
  show_hits (self, codings);
}

static void
on_project_changed (GlossQueryWindow *self,
                    guint             changes)
{
  if (changes & (GLOSS_CHANGE_CODES | GLOSS_CHANGE_CODERS))
    fill (self);
  run_query (self);
}

/* Actions */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  run_query (GLOSS_QUERY_WINDOW (widget));
}

static void
open_hit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossQueryWindow *self = GLOSS_QUERY_WINDOW (widget);
  g_autoptr(GlossExcerptItem) item = g_list_model_get_item (G_LIST_MODEL (self->hits), g_variant_get_uint32 (param));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (item != NULL && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-coding", "x", gloss_excerpt_item_get_coding_id (item));
}

/* The hits go to the excerpts pane of the window the query belongs to,
 * where they stay current and open one by one in the document view. */
static void
show_in_excerpts_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  GlossQueryWindow *self = GLOSS_QUERY_WINDOW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GlossQuery) query = NULL;

  if (parent == NULL || !GLOSS_IS_WINDOW (parent))
    return;
  query = gloss_query_window_dup_query (self);
  if (query->code_a <= 0)
    return;
  gloss_window_show_query_excerpts (GLOSS_WINDOW (parent), query);
}

static void
on_hit_activated (GlossQueryWindow *self,
                  guint             position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "query.open-hit", "u", position);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossQueryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!gloss_project_export_finish (GLOSS_PROJECT (source), result, &error))
    message = g_strdup_printf (_("Could not export the codings: %s"), error->message);
  else
    message = g_strdup (_("Codings exported"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_export_file_chosen (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GlossQueryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);
  const char *format = g_object_get_data (G_OBJECT (self), "export-format");
  g_autofree char *extension = g_strconcat (".", format, NULL);
  g_autofree char *path = NULL;
  GlossExcerptOptions options = { 0 };
  g_autoptr(GArray) hits = NULL;

  if (paths == NULL)
    return;

  path = gloss_file_chooser_with_extension (paths[0], extension);
  /* The export reads them in a thread: its own copy, as the query may run again. */
  hits = g_array_copy (self->hit_ids);
  options.coding_ids = hits;
  gloss_project_export_async (self->project, format, &options, path, NULL, on_exported, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossQueryWindow *self = GLOSS_QUERY_WINDOW (widget);
  const char *format = g_variant_get_string (param, NULL);
  /* Translators: the file name offered for a query's hits, without the extension */
  g_autofree char *name = g_strconcat (_("Query"), ".", format, NULL);
  g_autofree char *pattern = g_strconcat ("*.", format, NULL);
  g_autoptr(GtkFileFilter) filter = gloss_file_filter_new (format, pattern, NULL);

  g_object_set_data_full (G_OBJECT (self), "export-format", g_strdup (format), g_free);
  gloss_file_chooser_choose_async (GTK_WINDOW (self), GLOSS_FILE_CHOOSER_SAVE, _("Export the Codings Found"),
                                   _("_Export"), name, filter, on_export_file_chosen, g_object_ref (self));
}

/* Public */

GlossQueryWindow *
gloss_query_window_new (GtkWindow    *parent,
                        GlossProject *project)
{
  GlossQueryWindow *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_QUERY_WINDOW, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  gloss_set_chooser_set_project (self->set_chooser, project);
  fill (self);
  run_query (self);
  return self;
}

void
gloss_query_window_set_query (GlossQueryWindow *self,
                              const GlossQuery *query)
{
  g_return_if_fail (GLOSS_IS_QUERY_WINDOW (self));

  self->filling = TRUE;
  select_code (self, self->code_a, query->code_a);
  gtk_check_button_set_active (self->a_children, query->a_children);
  gtk_drop_down_set_selected (self->op_dropdown, index_of_operator (query->op));
  if (query->op != GLOSS_QUERY_ONLY)
    {
      select_code (self, self->code_b, query->code_b);
      gtk_check_button_set_active (self->b_children, query->b_children);
      gtk_drop_down_set_selected (self->relation_dropdown, index_of_relation (query->relation));
      gtk_spin_button_set_value (self->distance_spin, query->distance);
    }
  gloss_set_chooser_set_set_id (self->set_chooser, query->scope.set_id);
  gtk_editable_set_text (GTK_EDITABLE (self->where_entry), query->scope.where != NULL ? query->scope.where : "");
  for (guint i = 0; i < self->coder_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->coder_checks, i);
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "coder-id"));
      gboolean chosen = query->scope.coder_ids == NULL;

      for (guint j = 0; !chosen && j < query->scope.coder_ids->len; j++)
        chosen = g_array_index (query->scope.coder_ids, gint64, j) == id;
      gtk_check_button_set_active (check, chosen);
    }
  self->filling = FALSE;

  update_parts (self);
  update_coders_label (self);
  run_query (self);
}

void
gloss_query_window_set_condition (GlossQueryWindow *self,
                                  const char       *where)
{
  g_return_if_fail (GLOSS_IS_QUERY_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->where_entry), where);
  g_signal_emit_by_name (self->where_entry, "activate");
}

const char *
gloss_query_window_get_sentence (GlossQueryWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_QUERY_WINDOW (self), NULL);

  return self->sentence;
}

GListModel *
gloss_query_window_get_hits (GlossQueryWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_QUERY_WINDOW (self), NULL);

  return G_LIST_MODEL (self->hits);
}

const char *
gloss_query_window_get_message (GlossQueryWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_QUERY_WINDOW (self), NULL);

  return self->message;
}

/* GObject */

static void
gloss_query_window_dispose (GObject *object)
{
  GlossQueryWindow *self = GLOSS_QUERY_WINDOW (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_QUERY_WINDOW);
  g_clear_object (&self->hits);

  G_OBJECT_CLASS (gloss_query_window_parent_class)->dispose (object);
}

static void
gloss_query_window_finalize (GObject *object)
{
  GlossQueryWindow *self = GLOSS_QUERY_WINDOW (object);

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_ptr_array_unref (self->coder_checks);
  g_array_unref (self->hit_ids);
  g_free (self->sentence);
  g_free (self->message);

  G_OBJECT_CLASS (gloss_query_window_parent_class)->finalize (object);
}

static void
gloss_query_window_class_init (GlossQueryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_query_window_dispose;
  object_class->finalize = gloss_query_window_finalize;

  g_type_ensure (GLOSS_TYPE_SET_CHOOSER);
  g_type_ensure (GLOSS_TYPE_EXCERPT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-query-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, code_a);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, a_children);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, op_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, b_part);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, relation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, distance_box);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, distance_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, code_b);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, b_children);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, set_chooser);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, where_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, coders_button);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, coders_box);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossQueryWindow, hits_view);
  gtk_widget_class_bind_template_callback (widget_class, on_part_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activated);

  gtk_widget_class_install_action (widget_class, "query.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "query.open-hit", "u", open_hit_action);
  gtk_widget_class_install_action (widget_class, "query.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "query.show-in-excerpts", NULL, show_in_excerpts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_query_window_init (GlossQueryWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkListItemFactory *factory;

  self->coder_checks = g_ptr_array_new ();
  self->hit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->hits = g_list_store_new (GLOSS_TYPE_EXCERPT_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_builder_list_item_factory_new_from_resource (NULL, HIT_RESOURCE);
  gtk_list_view_set_factory (self->hits_view, factory);
  g_object_unref (factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->hits)));
  gtk_list_view_set_model (self->hits_view, GTK_SELECTION_MODEL (selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.show-in-excerpts", FALSE);
}
