/* gloss-set-chooser.c: choose a set of documents, or all documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-set-chooser.h"

struct _GlossSetChooser
{
  GtkWidget      parent_instance;

  GlossProject  *project;
  GArray        *set_ids;    /* gint64, in the order of the list after "All Documents" */
  gint64         set_id;
  gboolean       filling;

  GtkDropDown   *dropdown;
  GtkStringList *model;
};

G_DEFINE_FINAL_TYPE (GlossSetChooser, gloss_set_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SET_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
gloss_set_chooser_new (void)
{
  return g_object_new (GLOSS_TYPE_SET_CHOOSER, NULL);
}

static void
select_current (GlossSetChooser *self)
{
  guint position = 0;

  for (guint i = 0; i < self->set_ids->len; i++)
    if (g_array_index (self->set_ids, gint64, i) == self->set_id)
      position = i + 1;

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->dropdown, position);
  self->filling = FALSE;

  if (position == 0 && self->set_id != 0)
    {
      self->set_id = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SET_ID]);
    }
}

static void
reload (GlossSetChooser *self)
{
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;

  g_array_set_size (self->set_ids, 0);
  g_strv_builder_add (builder, _("All Documents"));
  if (self->project != NULL)
    sets = gloss_project_list_sets (self->project, NULL);

  for (guint i = 0; sets != NULL && i < sets->len; i++)
    {
      GlossSet *set = g_ptr_array_index (sets, i);

      if (set->kind != GLOSS_SET_DOCUMENTS)
        continue;
      g_array_append_val (self->set_ids, set->id);
      g_strv_builder_add (builder, set->name);
    }

  labels = g_strv_builder_end (builder);
  self->filling = TRUE;
  gtk_string_list_splice (self->model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model)),
                          (const char * const *) labels);
  self->filling = FALSE;
  select_current (self);
}

static void
on_project_changed (GlossSetChooser *self,
                    guint            changes)
{
  if (changes & GLOSS_CHANGE_SETS)
    reload (self);
}

static void
on_selected_changed (GlossSetChooser *self)
{
  guint position;
  gint64 set_id = 0;

  if (self->filling)
    return;

  position = gtk_drop_down_get_selected (self->dropdown);
  if (position > 0 && position <= self->set_ids->len)
    set_id = g_array_index (self->set_ids, gint64, position - 1);

  if (set_id != self->set_id)
    {
      self->set_id = set_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SET_ID]);
    }
}

void
gloss_set_chooser_set_project (GlossSetChooser *self,
                               GlossProject    *project)
{
  g_return_if_fail (GLOSS_IS_SET_CHOOSER (self));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);

  reload (self);
}

gint64
gloss_set_chooser_get_set_id (GlossSetChooser *self)
{
  g_return_val_if_fail (GLOSS_IS_SET_CHOOSER (self), 0);

  return self->set_id;
}

void
gloss_set_chooser_set_set_id (GlossSetChooser *self,
                              gint64           set_id)
{
  g_return_if_fail (GLOSS_IS_SET_CHOOSER (self));

  if (self->set_id == set_id)
    return;

  self->set_id = set_id;
  select_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SET_ID]);
}

guint
gloss_set_chooser_get_n_sets (GlossSetChooser *self)
{
  g_return_val_if_fail (GLOSS_IS_SET_CHOOSER (self), 0);

  return self->set_ids->len;
}

GArray *
gloss_set_chooser_dup_document_ids (GlossSetChooser *self)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  g_return_val_if_fail (GLOSS_IS_SET_CHOOSER (self), NULL);

  if (self->set_id <= 0 || self->project == NULL)
    return NULL;

  ids = gloss_project_get_set_members (self->project, self->set_id, &error);
  if (ids == NULL)
    {
      /* A rule naming an attribute since deleted: no documents, until the rule is changed. */
      g_debug ("Could not read the set: %s", error->message);
      return g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  return ids;
}

GHashTable *
gloss_set_chooser_dup_members (GlossSetChooser *self)
{
  g_autoptr(GArray) ids = gloss_set_chooser_dup_document_ids (self);
  GHashTable *members;

  if (ids == NULL)
    return NULL;

  members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (members, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
  return members;
}

static void
gloss_set_chooser_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlossSetChooser *self = GLOSS_SET_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_SET_ID:
      g_value_set_int64 (value, self->set_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_set_chooser_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GlossSetChooser *self = GLOSS_SET_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_SET_ID:
      gloss_set_chooser_set_set_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_set_chooser_dispose (GObject *object)
{
  GlossSetChooser *self = GLOSS_SET_CHOOSER (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_SET_CHOOSER);

  G_OBJECT_CLASS (gloss_set_chooser_parent_class)->dispose (object);
}

static void
gloss_set_chooser_finalize (GObject *object)
{
  GlossSetChooser *self = GLOSS_SET_CHOOSER (object);

  g_array_unref (self->set_ids);

  G_OBJECT_CLASS (gloss_set_chooser_parent_class)->finalize (object);
}

static void
gloss_set_chooser_class_init (GlossSetChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gloss_set_chooser_get_property;
  object_class->set_property = gloss_set_chooser_set_property;
  object_class->dispose = gloss_set_chooser_dispose;
  object_class->finalize = gloss_set_chooser_finalize;

  properties[PROP_SET_ID] =
    g_param_spec_int64 ("set-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-set-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossSetChooser, dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossSetChooser, model);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
gloss_set_chooser_init (GlossSetChooser *self)
{
  self->set_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  reload (self);
}
