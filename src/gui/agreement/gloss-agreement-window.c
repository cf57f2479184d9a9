/* gloss-agreement-window.c: inter-coder agreement of a project
 *
 * This file holds the options, the computation and the window's actions;
 * gloss-agreement-window-tables.c fills the result pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-agreement-export.h"
#include "gloss-agreement-window-private.h"
#include "gloss-disagreement-item.h"
#include "gloss-error.h"
#include "gloss-reliability-report.h"
#include "gloss-toast.h"

#define WINDOW_KEY "gloss-agreement-window"
#define ID_KEY     "gloss-id"
#define GUID_KEY   "gloss-guid"

G_DEFINE_FINAL_TYPE (GlossAgreementWindow, gloss_agreement_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Option rows */

gint64
_gloss_agreement_window_check_id (GtkWidget *check)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), ID_KEY);

  return id ? *id : 0;
}

/* A row with a check button standing for @id; @states keeps what the
 * previous list had checked. */
static GtkWidget *
make_check_row (const char *title,
                gint64      id,
                const char *guid,
                gboolean    active,
                GHashTable *states,
                GPtrArray  *checks)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  gpointer state;

  if (states != NULL && g_hash_table_lookup_extended (states, &id, NULL, &state))
    active = GPOINTER_TO_INT (state);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (check), GUID_KEY, g_strdup (guid), g_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (checks, check);
  return row;
}

static GHashTable *
collect_states (GPtrArray *checks)
{
  GHashTable *states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (checks, i);
      gint64 id = _gloss_agreement_window_check_id (check);

      g_hash_table_insert (states, g_memdup2 (&id, sizeof id),
                           GINT_TO_POINTER (gtk_check_button_get_active (GTK_CHECK_BUTTON (check))));
    }
  return states;
}

/* The checked documents' ids; none when all are (the report's "all"). */
static GArray *
checked_document_ids (GlossAgreementWindow *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->document_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->document_checks, i)))
      {
        gint64 id = _gloss_agreement_window_check_id (g_ptr_array_index (self->document_checks, i));

        g_array_append_val (ids, id);
      }
  if (ids->len == self->document_checks->len)
    g_array_set_size (ids, 0);
  return ids;
}

/* A coder is compared by default when they coded the chosen documents: a
 * coder with nothing coded there gives no data, and their "nothing"
 * counted as data would make everybody look unreliable. */
static void
fill_coders (GlossAgreementWindow *self)
{
  g_autoptr(GHashTable) states = collect_states (self->coder_checks);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (self->project, NULL);
  g_autoptr(GArray) documents = checked_document_ids (self);
  g_autoptr(GHashTable) counts = gloss_agreement_count_codings_by_coder (self->project, documents, NULL);
  gint64 consensus_id = gloss_project_get_consensus_coder (self->project, NULL);

  for (guint i = 0; i < self->coder_rows->len; i++)
    adw_preferences_group_remove (self->coders_group, g_ptr_array_index (self->coder_rows, i));
  g_ptr_array_set_size (self->coder_rows, 0);
  g_ptr_array_set_size (self->coder_checks, 0);

  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (coders, i);
      guint n = counts ? GPOINTER_TO_UINT (g_hash_table_lookup (counts, &coder->id)) : 0;
      /* The consensus is what the others are measured against, not a coder. */
      gboolean active = n > 0 && coder->id != consensus_id;
      GtkWidget *row = make_check_row (coder->name, coder->id, coder->guid, active, states, self->coder_checks);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings", n), n);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      adw_preferences_group_add (self->coders_group, row);
      g_ptr_array_add (self->coder_rows, row);
    }
}

/* An expander row "Documents: all" with a check row per item. */
static GtkWidget *
make_expander (AdwPreferencesGroup *group,
               GtkWidget           *old,
               const char          *title)
{
  GtkWidget *expander = adw_expander_row_new ();

  if (old != NULL)
    adw_preferences_group_remove (group, old);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_preferences_group_add (group, expander);
  return expander;
}

static void
update_expander_subtitle (GtkWidget *expander,
                          GPtrArray *checks)
{
  guint n = 0;
  g_autofree char *subtitle = NULL;

  if (expander == NULL)
    return;
  for (guint i = 0; i < checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (checks, i));
  if (n == checks->len)
    subtitle = g_strdup (_("All"));
  else
    /* Translators: "3 of 11" documents or codes chosen */
    subtitle = g_strdup_printf (_("%u of %u"), n, checks->len);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
}

static void
on_document_toggled (GlossAgreementWindow *self)
{
  update_expander_subtitle (self->documents_row, self->document_checks);
}

static void
on_code_toggled (GlossAgreementWindow *self)
{
  update_expander_subtitle (self->codes_row, self->code_checks);
}

/* Choosing a set ticks its documents, and only those; all documents tick
 * every one. The ticks can be changed afterwards as ever. */
static void
on_set_chosen (GlossAgreementWindow *self)
{
  g_autoptr(GHashTable) members = gloss_set_chooser_dup_members (self->set_chooser);

  for (guint i = 0; i < self->document_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->document_checks, i);
      gint64 id = _gloss_agreement_window_check_id (GTK_WIDGET (check));

      gtk_check_button_set_active (check, members == NULL || g_hash_table_contains (members, &id));
    }
}

static void
fill_documents (GlossAgreementWindow *self)
{
  g_autoptr(GHashTable) states = collect_states (self->document_checks);
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (self->project, NULL);

  g_ptr_array_set_size (self->document_checks, 0);
  self->documents_row = make_expander (self->documents_group, self->documents_row, _("Documents"));
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      GtkWidget *row = make_check_row (info->title, info->id, info->guid, TRUE, states, self->document_checks);

      g_signal_connect_swapped (g_ptr_array_index (self->document_checks, i), "toggled",
                                G_CALLBACK (on_document_toggled), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->documents_row), row);
    }
  on_document_toggled (self);
}

static guint
count_children (GPtrArray *codes,
                gint64     parent_id)
{
  guint n = 0;

  for (guint i = 0; i < codes->len; i++)
    n += ((GlossCode *) g_ptr_array_index (codes, i))->parent_id == parent_id;
  return n;
}

static void
fill_groups (GlossAgreementWindow *self,
             GPtrArray            *codes)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 previous = 0, none = 0;
  guint selected = 0;

  if (self->group_ids->len > 0)
    previous = g_array_index (self->group_ids, gint64, adw_combo_row_get_selected (self->group_row));
  g_array_set_size (self->group_ids, 0);
  g_array_append_val (self->group_ids, none);
  gtk_string_list_append (labels, _("None: each code present or absent"));
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);

      if (count_children (codes, code->id) < 2)
        continue;
      if (code->id == previous)
        selected = self->group_ids->len;
      g_array_append_val (self->group_ids, code->id);
      gtk_string_list_append (labels, code->path);
    }
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->group_row, selected);
}

static void
fill_codes (GlossAgreementWindow *self)
{
  g_autoptr(GHashTable) states = collect_states (self->code_checks);
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (self->project, NULL);

  g_ptr_array_set_size (self->code_checks, 0);
  self->codes_row = make_expander (self->codes_group, self->codes_row, _("Codes"));
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);
      GtkWidget *row = make_check_row (code->path, code->id, code->guid, TRUE, states, self->code_checks);

      g_signal_connect_swapped (g_ptr_array_index (self->code_checks, i), "toggled",
                                G_CALLBACK (on_code_toggled), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->codes_row), row);
    }
  on_code_toggled (self);
  fill_groups (self, codes);
}

static GlossAgreementUnit
selected_unit (GlossAgreementWindow *self)
{
  return (GlossAgreementUnit) adw_combo_row_get_selected (self->unit_row);
}

static gint64
selected_group (GlossAgreementWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->group_row);

  if (selected_unit (self) != GLOSS_AGREEMENT_UNIT_DOCUMENT || selected >= self->group_ids->len)
    return 0;
  return g_array_index (self->group_ids, gint64, selected);
}

static void
on_unit_changed (GlossAgreementWindow *self)
{
  GlossAgreementUnit unit = selected_unit (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->group_row), unit == GLOSS_AGREEMENT_UNIT_DOCUMENT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->coded_only_row), unit == GLOSS_AGREEMENT_UNIT_CHAR);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_row), unit == GLOSS_AGREEMENT_UNIT_SEGMENT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->codes_group), selected_group (self) == 0);
}

static void
refill_options (GlossAgreementWindow *self,
                guint                 changes)
{
  if (self->project == NULL)
    return;
  if (changes & GLOSS_CHANGE_DOCUMENTS)
    fill_documents (self);
  /* the coders' counts follow the codings in the chosen documents */
  if (changes & (GLOSS_CHANGE_CODERS | GLOSS_CHANGE_DOCUMENTS | GLOSS_CHANGE_CODINGS))
    fill_coders (self);
  if (changes & GLOSS_CHANGE_CODES)
    fill_codes (self);
  on_unit_changed (self);
}

static void
on_project_changed (GlossProject         *project,
                    guint                 changes,
                    GlossAgreementWindow *self)
{
  refill_options (self, changes);
}

/* The checked ids; none when all are checked (the report's "all"). */
static void
collect_ids (GPtrArray *checks,
             GArray    *ids,
             gboolean   all_means_none)
{
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      {
        gint64 id = _gloss_agreement_window_check_id (g_ptr_array_index (checks, i));

        g_array_append_val (ids, id);
      }
  if (all_means_none && ids->len == checks->len)
    g_array_set_size (ids, 0);
}

GlossAgreementOptions *
gloss_agreement_window_get_options (GlossAgreementWindow *self)
{
  GlossAgreementOptions *options;

  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  options = gloss_agreement_options_new (selected_unit (self));
  /* Coders are always named, so that the report's order is known here. */
  collect_ids (self->coder_checks, options->coder_ids, FALSE);
  collect_ids (self->document_checks, options->document_ids, TRUE);
  options->group_id = selected_group (self);
  if (options->group_id == 0)
    collect_ids (self->code_checks, options->code_ids, TRUE);
  options->coded_only = gtk_switch_get_active (self->coded_only_switch);
  options->threshold = gtk_spin_button_get_value (self->threshold_spin);
  return options;
}

static gboolean
any_checked (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      return TRUE;
  return FALSE;
}

static gboolean
validate_options (GlossAgreementWindow        *self,
                  const GlossAgreementOptions *options,
                  GError                     **error)
{
  const char *message = NULL;

  if (options->coder_ids->len < 2)
    message = _("Choose two coders or more to compare.");
  else if (!any_checked (self->document_checks))
    message = _("Choose at least one document.");
  else if (options->group_id == 0 && !any_checked (self->code_checks))
    message = _("Choose at least one code.");
  if (message != NULL)
    g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, message);
  return message == NULL;
}

void
gloss_agreement_window_set_unit (GlossAgreementWindow *self,
                                 GlossAgreementUnit    unit)
{
  g_return_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self));

  adw_combo_row_set_selected (self->unit_row, unit);
}

void
gloss_agreement_window_set_group (GlossAgreementWindow *self,
                                  gint64                group_id)
{
  g_return_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self));

  for (guint i = 0; i < self->group_ids->len; i++)
    if (g_array_index (self->group_ids, gint64, i) == group_id)
      adw_combo_row_set_selected (self->group_row, i);
}

/* Computing */

static void
set_busy (GlossAgreementWindow *self,
          gboolean              busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner), busy);
  gtk_spinner_set_spinning (self->header_spinner, busy);
  gtk_spinner_set_spinning (self->computing_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.export", !busy && self->report != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy && self->report != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_page (GlossAgreementWindow *self,
           const char           *name)
{
  gtk_stack_set_visible_child_name (self->content_stack, name);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_str_equal (name, "results"));
}

static void
show_error (GlossAgreementWindow *self,
            const GError         *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  show_page (self, "error");
}

/* The compared coders as records, in the report's order (the options name
 * them all, in order). */
static GPtrArray *
load_report_coders (GlossAgreementWindow        *self,
                    const GlossAgreementOptions *options)
{
  GPtrArray *coders = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coder_free);

  for (guint i = 0; i < options->coder_ids->len; i++)
    {
      GlossCoder *coder = gloss_project_get_coder (self->project, g_array_index (options->coder_ids, gint64, i), NULL);

      if (coder == NULL)
        {
          coder = g_new0 (GlossCoder, 1);
          coder->name = g_strdup (g_ptr_array_index (self->report->coders, i));
        }
      g_ptr_array_add (coders, coder);
    }
  return coders;
}

static void
show_report (GlossAgreementWindow  *self,
             GlossAgreementReport  *report,
             GlossAgreementOptions *options)
{
  g_clear_pointer (&self->report, gloss_agreement_report_free);
  g_clear_pointer (&self->report_coders, g_ptr_array_unref);
  self->report = report;
  self->report_coders = load_report_coders (self, options);

  _gloss_agreement_window_show_tables (self);
  gloss_compare_view_set_coders (self->compare_view, self->report_coders, report->group != NULL);
  gloss_compare_view_set_disagreements (self->compare_view, G_LIST_MODEL (self->disagreement_items));
  show_page (self, "results");
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossAgreementWindow) self = user_data;
  g_autoptr(GlossAgreementOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  GlossAgreementReport *report = gloss_agreement_report_compute_finish (result, &error);

  /* A computation cancelled or replaced since is no longer shown. */
  if (self->cancellable == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&report, gloss_agreement_report_free);
      return;
    }
  g_clear_object (&self->cancellable);
  options = g_steal_pointer (&self->pending_options);
  if (report == NULL)
    show_error (self, error);
  else
    show_report (self, report, options);
  set_busy (self, FALSE);
}

static void
compute_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (widget);
  g_autoptr(GlossAgreementOptions) options = gloss_agreement_window_get_options (self);
  g_autoptr(GError) error = NULL;

  if (!validate_options (self, options, &error))
    {
      show_error (self, error);
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  _gloss_agreement_window_save_settings (self, options);

  gloss_agreement_report_compute_async (self->project, options, self->cancellable,
                                        on_computed, g_object_ref (self));
  /* What the report will answer to, to name its coders. */
  g_clear_pointer (&self->pending_options, gloss_agreement_options_free);
  self->pending_options = g_steal_pointer (&options);
  show_page (self, "computing");
  set_busy (self, TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (widget);

  if (self->cancellable == NULL)
    return;
  /* The worker stops at its next check; the window does not wait for it. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_status_page_set_description (self->empty_page, _("The computation was cancelled. Press Compute to start again."));
  show_page (self, self->report != NULL ? "results" : "empty");
  set_busy (self, FALSE);
}

gboolean
gloss_agreement_window_get_busy (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

const GlossAgreementReport *
gloss_agreement_window_get_report (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  return self->report;
}

GListModel *
gloss_agreement_window_get_codes_model (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  return G_LIST_MODEL (self->code_sorted);
}

GListModel *
gloss_agreement_window_get_documents_model (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  return G_LIST_MODEL (self->document_sorted);
}

void
gloss_agreement_window_set_set (GlossAgreementWindow *self,
                                gint64                set_id)
{
  g_return_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self));

  gloss_set_chooser_set_set_id (self->set_chooser, set_id);
}

GListModel *
gloss_agreement_window_get_disagreements (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  return G_LIST_MODEL (self->disagreement_items);
}

GlossCompareView *
gloss_agreement_window_get_compare_view (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  return self->compare_view;
}

const char *
gloss_agreement_window_get_page (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

/* Disagreements and the compare view */

static void
show_disagreement_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (widget);
  guint position = g_variant_get_uint32 (param);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->disagreement_items)))
    return;
  gloss_compare_view_show (self->compare_view, position);
  show_page (self, "compare");
  /* The lanes need the width more than the options do. */
  gtk_toggle_button_set_active (self->options_button, FALSE);
}

static void
on_disagreement_activated (GlossAgreementWindow *self,
                           guint                 position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "agreement.show-disagreement", "u", position);
}

static void
back_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (widget);

  if (self->report == NULL)
    return;
  show_page (self, "results");
  adw_view_stack_set_visible_child_name (self->results_stack, "disagreements");
}

static void
on_show_in_document (GlossAgreementWindow *self,
                     gint64                document_id,
                     gint64                start,
                     gint64                end)
{
  g_autoptr(GError) error = NULL;
  GlossDocumentView *view;

  if (self->main_window == NULL)
    return;
  if (!gloss_window_open_document (self->main_window, document_id, &error))
    {
      gloss_toast_add (self->toast_overlay, error->message, GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
      return;
    }
  view = gloss_window_get_document_view (self->main_window);
  gloss_document_view_set_selection (view, start, end);
  gloss_document_view_scroll_to_offset (view, start, TRUE);
  gtk_window_present (GTK_WINDOW (self->main_window));
}

static void
on_consensus_saved (GlossAgreementWindow *self,
                    const char           *label)
{
  gloss_toast_add (self->toast_overlay, label, GLOSS_TOAST_TIMEOUT, _("Undo"), "agreement.undo", NULL);
}

static void
on_compare_failed (GlossAgreementWindow *self,
                   GError               *error)
{
  gloss_toast_add (self->toast_overlay, error->message, GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!gloss_project_undo (self->project, &error))
    gloss_toast_add (self->toast_overlay, error->message, GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
}

/* Export */

gboolean
gloss_agreement_window_export (GlossAgreementWindow *self,
                               const char           *format,
                               GFile                *file,
                               GError              **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), FALSE);

  if (self->report == NULL)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("There is no report to export yet"));
      return FALSE;
    }
  if (g_str_equal (format, "pdf") || g_str_equal (format, "report-html"))
    {
      g_autofree char *title = gloss_project_dup_title (self->project);
      g_autofree char *path = g_file_get_path (file);

      if (g_str_equal (format, "pdf"))
        return gloss_reliability_report_write_pdf (self->report, title, path, error);
      text = gloss_reliability_report_to_html (self->report, title);
    }
  else if (g_str_equal (format, "csv"))
    text = gloss_agreement_report_to_csv (self->report);
  else if (g_str_equal (format, "json"))
    text = gloss_agreement_report_to_json (self->report);
  else if (g_str_equal (format, "html"))
    text = gloss_agreement_report_to_html (self->report);
  else
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Unknown export format “%s”"), format);
      return FALSE;
    }
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  GlossAgreementWindow *self = user_data;
  const char *format = g_object_get_data (G_OBJECT (dialog), "gloss-format");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (!gloss_agreement_window_export (self, format, file, &error))
        gloss_toast_add (self->toast_overlay, error->message, GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
      else
        gloss_toast_add (self->toast_overlay, _("Report exported"), GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (widget);
  const char *format = g_variant_get_string (param, NULL);
  g_autofree char *suggested = g_str_equal (format, "pdf") ? g_strdup_printf ("%s.pdf", _("reliability-report"))
                               : g_str_equal (format, "report-html") ? g_strdup_printf ("%s.html", _("reliability-report"))
                               : g_strdup_printf ("%s.%s", _("agreement"), format);
  GtkFileChooserNative *dialog;

  if (self->report == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Agreement Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  g_object_set_data_full (G_OBJECT (dialog), "gloss-format", g_strdup (format), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_pair_measure_changed (GlossAgreementWindow *self)
{
  _gloss_agreement_window_fill_pairs (self);
}

/* Construction */

static void
on_main_project_changed (GlossAgreementWindow *self)
{
  /* The report belongs to the project the window was opened for. */
  if (self->main_window == NULL || gloss_window_get_project (self->main_window) != self->project)
    gtk_window_close (GTK_WINDOW (self));
}

GlossAgreementWindow *
gloss_agreement_window_new (GlossWindow  *window,
                            GlossProject *project)
{
  GlossAgreementWindow *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_AGREEMENT_WINDOW, NULL);
  self->project = g_object_ref (project);
  self->changed_id = g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  gloss_compare_view_set_project (self->compare_view, project);
  gloss_set_chooser_set_project (self->set_chooser, project);
  if (window != NULL)
    {
      self->main_window = window;
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->main_window);
      gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (window));
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (GTK_WINDOW (window)));
      g_signal_connect_object (window, "notify::project", G_CALLBACK (on_main_project_changed),
                               self, G_CONNECT_SWAPPED);
    }
  refill_options (self, GLOSS_CHANGE_ALL);
  _gloss_agreement_window_restore_settings (self);
  on_unit_changed (self);
  return self;
}

GlossAgreementWindow *
gloss_agreement_window_lookup (GlossWindow *window)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), WINDOW_KEY);
}

static void
forget_window (gpointer  data,
               GObject  *where_the_object_was)
{
  GlossWindow *window = data;

  g_object_steal_data (G_OBJECT (window), WINDOW_KEY);
  g_object_unref (window);
}

GlossAgreementWindow *
gloss_agreement_window_present_for (GlossWindow *window)
{
  GlossAgreementWindow *self;
  GlossProject *project;

  g_return_val_if_fail (GLOSS_IS_WINDOW (window), NULL);

  self = gloss_agreement_window_lookup (window);
  project = gloss_window_get_project (window);
  if (self == NULL && project != NULL)
    {
      self = gloss_agreement_window_new (window, project);
      g_object_set_data (G_OBJECT (window), WINDOW_KEY, self);
      g_object_weak_ref (G_OBJECT (self), forget_window, g_object_ref (window));
    }
  if (self != NULL)
    gtk_window_present (GTK_WINDOW (self));
  return self;
}

static void
gloss_agreement_window_dispose (GObject *object)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  if (self->main_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->main_window), (gpointer *) &self->main_window);
      self->main_window = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_AGREEMENT_WINDOW);
  g_clear_object (&self->code_sorted);
  g_clear_object (&self->document_sorted);
  g_clear_object (&self->code_items);
  g_clear_object (&self->document_items);
  g_clear_object (&self->disagreement_items);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_agreement_window_parent_class)->dispose (object);
}

static void
gloss_agreement_window_finalize (GObject *object)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (object);

  g_clear_pointer (&self->report, gloss_agreement_report_free);
  g_clear_pointer (&self->report_coders, g_ptr_array_unref);
  g_clear_pointer (&self->pending_options, gloss_agreement_options_free);
  g_clear_pointer (&self->coder_rows, g_ptr_array_unref);
  g_clear_pointer (&self->coder_checks, g_ptr_array_unref);
  g_clear_pointer (&self->document_checks, g_ptr_array_unref);
  g_clear_pointer (&self->code_checks, g_ptr_array_unref);
  g_clear_pointer (&self->group_ids, g_array_unref);
  g_clear_pointer (&self->pair_kinds, g_array_unref);

  G_OBJECT_CLASS (gloss_agreement_window_parent_class)->finalize (object);
}

static void
gloss_agreement_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, gloss_agreement_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_agreement_window_class_init (GlossAgreementWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_agreement_window_dispose;
  object_class->finalize = gloss_agreement_window_finalize;
  object_class->get_property = gloss_agreement_window_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSS_TYPE_COMPARE_VIEW);
  g_type_ensure (GLOSS_TYPE_SET_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-agreement-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, options_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, header_spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, group_row);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, coded_only_row);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, coded_only_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, coders_group);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, documents_group);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, set_chooser);
  gtk_widget_class_bind_template_callback (widget_class, on_set_chosen);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, codes_group);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, computing_spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, codes_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, documents_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, pair_measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, pairs_grid);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, disagreements_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, disagreements_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, legend_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, notes_expander);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, compare_view);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pair_measure_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_disagreement_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_show_in_document);
  gtk_widget_class_bind_template_callback (widget_class, on_consensus_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_failed);

  gtk_widget_class_install_action (widget_class, "agreement.compute", NULL, compute_action);
  gtk_widget_class_install_action (widget_class, "agreement.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "agreement.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "agreement.show-disagreement", "u", show_disagreement_action);
  gtk_widget_class_install_action (widget_class, "agreement.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "agreement.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "agreement.compute", NULL);
}

static void
gloss_agreement_window_init (GlossAgreementWindow *self)
{
  self->coder_rows = g_ptr_array_new ();
  self->coder_checks = g_ptr_array_new ();
  self->document_checks = g_ptr_array_new ();
  self->code_checks = g_ptr_array_new ();
  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
  _gloss_agreement_window_setup_tables (self);
  adw_combo_row_set_selected (self->unit_row, GLOSS_AGREEMENT_UNIT_CHAR);
  set_busy (self, FALSE);
}
