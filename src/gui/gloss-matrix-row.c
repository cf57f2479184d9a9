/* gloss-matrix-row.c: one row of a code matrix, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-matrix-row.h"

struct _GlossMatrixRow
{
  GObject  parent_instance;

  char    *label;
  gint64  *values;
  guint    n_values;
};

G_DEFINE_FINAL_TYPE (GlossMatrixRow, gloss_matrix_row, G_TYPE_OBJECT)

GlossMatrixRow *
gloss_matrix_row_new (const char   *label,
                      const gint64 *values,
                      guint         n_values)
{
  GlossMatrixRow *self = g_object_new (GLOSS_TYPE_MATRIX_ROW, NULL);

  self->label = g_strdup (label);
  self->values = g_memdup2 (values, sizeof (gint64) * n_values);
  self->n_values = n_values;
  return self;
}

const char *
gloss_matrix_row_get_label (GlossMatrixRow *self)
{
  g_return_val_if_fail (GLOSS_IS_MATRIX_ROW (self), NULL);

  return self->label;
}

guint
gloss_matrix_row_get_n_values (GlossMatrixRow *self)
{
  g_return_val_if_fail (GLOSS_IS_MATRIX_ROW (self), 0);

  return self->n_values;
}

gint64
gloss_matrix_row_get_value (GlossMatrixRow *self,
                            guint           column)
{
  g_return_val_if_fail (GLOSS_IS_MATRIX_ROW (self), 0);

  return column < self->n_values ? self->values[column] : 0;
}

static void
gloss_matrix_row_finalize (GObject *object)
{
  GlossMatrixRow *self = GLOSS_MATRIX_ROW (object);

  g_free (self->label);
  g_free (self->values);

  G_OBJECT_CLASS (gloss_matrix_row_parent_class)->finalize (object);
}

static void
gloss_matrix_row_class_init (GlossMatrixRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_matrix_row_finalize;
}

static void
gloss_matrix_row_init (GlossMatrixRow *self)
{
}
