/* gloss-import-summary.c: what an import of several files brought in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-import-summary.h"

struct _GlossImportSummary
{
  AdwMessageDialog  parent_instance;

  guint             counts[GLOSS_IMPORT_REFUSED + 1];
  GPtrArray        *lines;

  /* Template children */
  GtkListBox       *file_list;
};

G_DEFINE_FINAL_TYPE (GlossImportSummary, gloss_import_summary, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
waits_for_password (const GlossImportResult *result)
{
  return result->error_code == GLOSS_ERROR_PASSWORD_REQUIRED ||
         result->error_code == GLOSS_ERROR_BAD_PASSWORD;
}

/* What became of one file, in a sentence. */
static char *
outcome_of (const GlossImportResult *result)
{
  switch (result->status)
    {
    case GLOSS_IMPORT_IMPORTED:
      return g_strdup (_("Imported"));
    case GLOSS_IMPORT_DUPLICATE:
      return g_strdup (_("Already in the project, kept once"));
    case GLOSS_IMPORT_REFUSED:
    default:
      if (waits_for_password (result))
        return g_strdup (_("Protected by a password, asked for next"));
      /* Translators: a refused file in the import summary, %s is the reason */
      return g_strdup_printf (_("Not imported: %s"), result->message ? result->message : "");
    }
}

static const char *
icon_of (const GlossImportResult *result)
{
  switch (result->status)
    {
    case GLOSS_IMPORT_IMPORTED:
      return "object-select-symbolic";
    case GLOSS_IMPORT_DUPLICATE:
      return "edit-copy-symbolic";
    case GLOSS_IMPORT_REFUSED:
    default:
      return waits_for_password (result) ? "dialog-password-symbolic" : "dialog-warning-symbolic";
    }
}

static void
add_row (GlossImportSummary      *self,
         const GlossImportResult *result)
{
  g_autofree char *name = g_path_get_basename (result->path);
  g_autofree char *outcome = outcome_of (result);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_of (result));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), outcome);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (result->status == GLOSS_IMPORT_REFUSED && !waits_for_password (result))
    gtk_widget_add_css_class (icon, "warning");
  gtk_list_box_append (self->file_list, row);
  g_ptr_array_add (self->lines, g_strdup_printf ("%s — %s", name, outcome));
}

static char *
summary_body (GlossImportSummary *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint imported = self->counts[GLOSS_IMPORT_IMPORTED];
  guint duplicates = self->counts[GLOSS_IMPORT_DUPLICATE];
  guint refused = self->counts[GLOSS_IMPORT_REFUSED];

  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u document imported.",
                                             "%u documents imported.", imported), imported);
  if (duplicates > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u was already in the project.",
                                                 "%u were already in the project.", duplicates), duplicates);
    }
  if (refused > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u was not imported; the reason is below.",
                                                 "%u were not imported; the reasons are below.", refused), refused);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

GlossImportSummary *
gloss_import_summary_new (GtkWindow *parent,
                          GPtrArray *results)
{
  GlossImportSummary *self = g_object_new (GLOSS_TYPE_IMPORT_SUMMARY, "transient-for", parent, NULL);
  g_autofree char *body = NULL;

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      const GlossImportResult *result = g_ptr_array_index (results, i);

      self->counts[MIN (result->status, GLOSS_IMPORT_REFUSED)]++;
      add_row (self, result);
    }
  body = summary_body (self);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}

guint
gloss_import_summary_count (GlossImportSummary *self,
                            GlossImportStatus   status)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_SUMMARY (self), 0);
  g_return_val_if_fail (status <= GLOSS_IMPORT_REFUSED, 0);

  return self->counts[status];
}

GStrv
gloss_import_summary_dup_lines (GlossImportSummary *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GLOSS_IS_IMPORT_SUMMARY (self), NULL);

  for (guint i = 0; i < self->lines->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->lines, i));
  return g_strv_builder_end (builder);
}

/* However it is answered (a click, Enter, Escape), it closes. */
static void
on_response (GlossImportSummary *self,
             const char         *response)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gloss_import_summary_finalize (GObject *object)
{
  GlossImportSummary *self = GLOSS_IMPORT_SUMMARY (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  G_OBJECT_CLASS (gloss_import_summary_parent_class)->finalize (object);
}

static void
gloss_import_summary_class_init (GlossImportSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gloss_import_summary_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-import-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossImportSummary, file_list);
}

static void
gloss_import_summary_init (GlossImportSummary *self)
{
  self->lines = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}
