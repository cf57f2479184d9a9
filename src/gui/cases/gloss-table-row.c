/* gloss-table-row.c: one document of the documents table, with its
 * attribute values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-table-row.h"

struct _GlossTableRow
{
  GObject     parent_instance;

  gint64      id;
  char       *title;
  gint64      n_codings;
  GHashTable *values;   /* attribute id (gint64 *) -> char * */
};

G_DEFINE_FINAL_TYPE (GlossTableRow, gloss_table_row, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GlossTableRow *
gloss_table_row_new (gint64      id,
                     const char *title,
                     gint64      n_codings)
{
  GlossTableRow *self = g_object_new (GLOSS_TYPE_TABLE_ROW, NULL);

  self->id = id;
  self->title = g_strdup (title);
  self->n_codings = n_codings;
  return self;
}

gint64
gloss_table_row_get_id (GlossTableRow *self)
{
  g_return_val_if_fail (GLOSS_IS_TABLE_ROW (self), 0);

  return self->id;
}

const char *
gloss_table_row_get_title (GlossTableRow *self)
{
  g_return_val_if_fail (GLOSS_IS_TABLE_ROW (self), NULL);

  return self->title;
}

gint64
gloss_table_row_get_n_codings (GlossTableRow *self)
{
  g_return_val_if_fail (GLOSS_IS_TABLE_ROW (self), 0);

  return self->n_codings;
}

const char *
gloss_table_row_get_value (GlossTableRow *self,
                           gint64         attribute_id)
{
  g_return_val_if_fail (GLOSS_IS_TABLE_ROW (self), NULL);

  return g_hash_table_lookup (self->values, &attribute_id);
}

void
gloss_table_row_set_value (GlossTableRow *self,
                           gint64         attribute_id,
                           const char    *value)
{
  g_return_if_fail (GLOSS_IS_TABLE_ROW (self));

  if (value == NULL)
    g_hash_table_remove (self->values, &attribute_id);
  else
    g_hash_table_insert (self->values, g_memdup2 (&attribute_id, sizeof attribute_id), g_strdup (value));
}

static gboolean
same_values (GHashTable *a,
             GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;

  return TRUE;
}

void
gloss_table_row_update (GlossTableRow *self,
                        GlossTableRow *from)
{
  g_return_if_fail (GLOSS_IS_TABLE_ROW (self));
  g_return_if_fail (GLOSS_IS_TABLE_ROW (from));

  if (g_strcmp0 (self->title, from->title) == 0 && self->n_codings == from->n_codings &&
      same_values (self->values, from->values))
    return;

  g_free (self->title);
  self->title = g_strdup (from->title);
  self->n_codings = from->n_codings;
  g_hash_table_unref (self->values);
  self->values = g_hash_table_ref (from->values);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
gloss_table_row_finalize (GObject *object)
{
  GlossTableRow *self = GLOSS_TABLE_ROW (object);

  g_free (self->title);
  g_hash_table_unref (self->values);

  G_OBJECT_CLASS (gloss_table_row_parent_class)->finalize (object);
}

static void
gloss_table_row_class_init (GlossTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_table_row_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gloss_table_row_init (GlossTableRow *self)
{
  self->values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}
