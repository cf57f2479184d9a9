/* gloss-codebook-model.c: the project's codes in tree order, with counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-codebook-model.h"

struct _GlossCodebookModel
{
  GObject       parent_instance;

  GlossProject *project;
  gulong        changed_id;
  gint64        coder_id;

  GPtrArray    *codes;      /* GlossCode in tree order */
  GPtrArray    *items;      /* GlossCodeItem, the same order */
  GHashTable   *index;      /* code id -> position + 1 */
  GListStore   *roots;      /* the top-level items */
};

static void gloss_codebook_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossCodebookModel, gloss_codebook_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gloss_codebook_model_list_model_init))

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_CODER_ID,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return GLOSS_TYPE_CODE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return GLOSS_CODEBOOK_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GlossCodebookModel *self = GLOSS_CODEBOOK_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
gloss_codebook_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Loading */

static GPtrArray *
read_codes (GlossCodebookModel *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codes = NULL;

  if (self->project != NULL)
    {
      codes = gloss_project_list_codes (self->project, &error);
      if (codes == NULL)
        g_warning ("Could not read the codebook: %s", error->message);
    }
  return codes != NULL ? codes : g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_code_free);
}

/* One coder's codings per code, in one query; NULL when every coder's count
 * (the codes' own n_codings). */
static GHashTable *
read_counts (GlossCodebookModel *self)
{
  GlossCodingFilter filter = { .coder_id = self->coder_id };
  g_autoptr(GError) error = NULL;
  GHashTable *counts;

  if (self->project == NULL || self->coder_id <= 0)
    return NULL;
  counts = gloss_project_count_codings_by_code (self->project, &filter, &error);
  if (counts == NULL)
    {
      g_warning ("Could not count the codings: %s", error->message);
      counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
    }
  return counts;
}

static gint64
count_of (GHashTable      *counts,
          const GlossCode *code)
{
  gint64 *count;

  if (counts == NULL)
    return code->n_codings;
  count = g_hash_table_lookup (counts, &code->id);
  return count != NULL ? *count : 0;
}

void
gloss_codebook_model_reload (GlossCodebookModel *self)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  guint old_len;

  g_return_if_fail (GLOSS_IS_CODEBOOK_MODEL (self));

  old_len = self->items->len;
  g_hash_table_remove_all (self->index);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = read_codes (self);
  counts = read_counts (self);
  g_ptr_array_set_size (self->items, 0);

  for (guint i = 0; i < self->codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (self->codes, i);
      GlossCodeItem *item = gloss_code_item_new (gloss_code_copy (code), count_of (counts, code));
      GlossCodeItem *parent = gloss_codebook_model_lookup (self, code->parent_id);

      /* Depth first: a parent comes before its children. */
      g_ptr_array_add (self->items, item);
      g_hash_table_insert (self->index, &code->id, GUINT_TO_POINTER (i + 1));
      if (code->parent_id > 0 && parent != NULL)
        g_list_store_append (gloss_code_item_get_children (parent), item);
      else
        g_ptr_array_add (roots, item);
    }

  g_list_store_splice (self->roots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roots)),
                       roots->pdata, roots->len);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
  if (old_len != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[RELOADED], 0);
}

static void
on_project_changed (GlossProject       *project,
                    guint               changes,
                    GlossCodebookModel *self)
{
  if (changes & (GLOSS_CHANGE_CODES | GLOSS_CHANGE_CODINGS | GLOSS_CHANGE_CODERS))
    gloss_codebook_model_reload (self);
}

/* Accessors */

GlossCodebookModel *
gloss_codebook_model_new (void)
{
  return g_object_new (GLOSS_TYPE_CODEBOOK_MODEL, NULL);
}

GlossProject *
gloss_codebook_model_get_project (GlossCodebookModel *self)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_MODEL (self), NULL);

  return self->project;
}

void
gloss_codebook_model_set_project (GlossCodebookModel *self,
                                  GlossProject       *project)
{
  g_return_if_fail (GLOSS_IS_CODEBOOK_MODEL (self));
  g_return_if_fail (project == NULL || GLOSS_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id = g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  gloss_codebook_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

gint64
gloss_codebook_model_get_coder_id (GlossCodebookModel *self)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_MODEL (self), 0);

  return self->coder_id;
}

void
gloss_codebook_model_set_coder_id (GlossCodebookModel *self,
                                   gint64              coder_id)
{
  g_return_if_fail (GLOSS_IS_CODEBOOK_MODEL (self));

  if (self->coder_id == coder_id)
    return;
  self->coder_id = coder_id;
  gloss_codebook_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER_ID]);
}

GListModel *
gloss_codebook_model_get_roots (GlossCodebookModel *self)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_MODEL (self), NULL);

  return G_LIST_MODEL (self->roots);
}

GPtrArray *
gloss_codebook_model_get_codes (GlossCodebookModel *self)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_MODEL (self), NULL);

  return self->codes;
}

guint
gloss_codebook_model_get_position (GlossCodebookModel *self,
                                   gint64              code_id)
{
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_MODEL (self), G_MAXUINT);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->index, &code_id)) - 1;
}

GlossCodeItem *
gloss_codebook_model_lookup (GlossCodebookModel *self,
                             gint64              code_id)
{
  guint position;

  g_return_val_if_fail (GLOSS_IS_CODEBOOK_MODEL (self), NULL);

  position = gloss_codebook_model_get_position (self, code_id);
  return position < self->items->len ? g_ptr_array_index (self->items, position) : NULL;
}

const GlossCode *
gloss_codebook_model_get_code (GlossCodebookModel *self,
                               gint64              code_id)
{
  GlossCodeItem *item = gloss_codebook_model_lookup (self, code_id);

  return item != NULL ? gloss_code_item_get_code (item) : NULL;
}

/* GObject */

static void
gloss_codebook_model_dispose (GObject *object)
{
  GlossCodebookModel *self = GLOSS_CODEBOOK_MODEL (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_codebook_model_parent_class)->dispose (object);
}

static void
gloss_codebook_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossCodebookModel *self = GLOSS_CODEBOOK_MODEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_CODER_ID:
      g_value_set_int64 (value, self->coder_id);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_codebook_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossCodebookModel *self = GLOSS_CODEBOOK_MODEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      gloss_codebook_model_set_project (self, g_value_get_object (value));
      break;
    case PROP_CODER_ID:
      gloss_codebook_model_set_coder_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_codebook_model_class_init (GlossCodebookModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_codebook_model_dispose;
  object_class->get_property = gloss_codebook_model_get_property;
  object_class->set_property = gloss_codebook_model_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, GLOSS_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODER_ID] =
    g_param_spec_int64 ("coder-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gloss_codebook_model_init (GlossCodebookModel *self)
{
  self->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_code_free);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->roots = g_list_store_new (GLOSS_TYPE_CODE_ITEM);
}
