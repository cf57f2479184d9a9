/* gloss-import-preview.c: what a .qdpx will bring, before it is made
 *
 * The import has been read into a hidden file (GlossQdpxPending); this
 * window lists what it holds and what was left out, and only "Import"
 * puts the project in place. Cancel, Escape or closing the window remove
 * the hidden file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-import-preview.h"

struct _GlossImportPreview
{
  AdwWindow            parent_instance;

  GlossQdpxPending    *pending;
  char                *qdpx_name;

  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *contents_group;
  AdwPreferencesGroup *skipped_group;
};

G_DEFINE_FINAL_TYPE (GlossImportPreview, gloss_import_preview, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_count (GlossImportPreview *self,
           const char         *title,
           guint               count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->contents_group, row);
}

static void
fill (GlossImportPreview *self)
{
  const GlossQdpxCounts *counts = gloss_qdpx_pending_get_counts (self->pending);
  GPtrArray *warnings = gloss_qdpx_pending_get_warnings (self->pending);

  adw_window_title_set_subtitle (self->window_title, self->qdpx_name);
  add_count (self, _("Documents"), counts->n_documents);
  add_count (self, _("Coders"), counts->n_coders);
  add_count (self, _("Codes"), counts->n_codes);
  add_count (self, _("Codings"), counts->n_codings);
  add_count (self, _("Memos"), counts->n_memos);
  add_count (self, _("Notes"), counts->n_notes);

  if (warnings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing was left out."));
      adw_preferences_group_add (self->skipped_group, row);
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (warnings, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      adw_preferences_group_add (self->skipped_group, label);
    }
}

GlossImportPreview *
gloss_import_preview_new (GtkWindow        *parent,
                          const char       *qdpx_name,
                          GlossQdpxPending *pending)
{
  GlossImportPreview *self = g_object_new (GLOSS_TYPE_IMPORT_PREVIEW,
                                           "transient-for", parent,
                                           NULL);

  self->pending = pending;
  self->qdpx_name = g_strdup (qdpx_name);
  fill (self);
  return self;
}

const GlossQdpxCounts *
gloss_import_preview_get_counts (GlossImportPreview *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_PREVIEW (self), NULL);

  return self->pending != NULL ? gloss_qdpx_pending_get_counts (self->pending) : NULL;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossImportPreview *self = GLOSS_IMPORT_PREVIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->pending == NULL)
    return;
  if (!gloss_qdpx_pending_commit (self->pending, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                                  _("The project was not made"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  path = g_strdup (gloss_qdpx_pending_get_path (self->pending));
  g_clear_pointer (&self->pending, gloss_qdpx_pending_free);
  g_signal_emit (self, signals[IMPORTED], 0, path);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
gloss_import_preview_dispose (GObject *object)
{
  GlossImportPreview *self = GLOSS_IMPORT_PREVIEW (object);

  /* Not committed: the hidden file goes. */
  g_clear_pointer (&self->pending, gloss_qdpx_pending_free);
  g_clear_pointer (&self->qdpx_name, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_IMPORT_PREVIEW);

  G_OBJECT_CLASS (gloss_import_preview_parent_class)->dispose (object);
}

static void
gloss_import_preview_class_init (GlossImportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_import_preview_dispose;

  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-import-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossImportPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossImportPreview, contents_group);
  gtk_widget_class_bind_template_child (widget_class, GlossImportPreview, skipped_group);

  gtk_widget_class_install_action (widget_class, "preview.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "preview.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "preview.cancel", NULL);
}

static void
gloss_import_preview_init (GlossImportPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
