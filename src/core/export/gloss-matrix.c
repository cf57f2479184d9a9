/* gloss-matrix.c: code x document, code x coder and code co-occurrence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-exchange-private.h"
#include "gloss-matrix.h"
#include "gloss-table-writer.h"

void
gloss_matrix_free (GlossMatrix *matrix)
{
  if (matrix == NULL)
    return;

  g_free (matrix->corner);
  g_clear_pointer (&matrix->row_labels, g_ptr_array_unref);
  g_clear_pointer (&matrix->col_labels, g_ptr_array_unref);
  g_free (matrix->values);
  g_free (matrix);
}

gboolean
gloss_matrix_kind_from_string (const char      *name,
                               GlossMatrixKind *kind)
{
  if (g_strcmp0 (name, "code-document") == 0)
    *kind = GLOSS_MATRIX_CODE_DOCUMENT;
  else if (g_strcmp0 (name, "code-coder") == 0)
    *kind = GLOSS_MATRIX_CODE_CODER;
  else if (g_strcmp0 (name, "cooccurrence") == 0 || g_strcmp0 (name, "co-occurrence") == 0)
    *kind = GLOSS_MATRIX_COOCCURRENCE;
  else
    return FALSE;

  return TRUE;
}

gint64
gloss_matrix_get (const GlossMatrix *matrix,
                  guint              row,
                  guint              col)
{
  g_return_val_if_fail (row < matrix->row_labels->len && col < matrix->col_labels->len, 0);

  return matrix->values[(gsize) row * matrix->col_labels->len + col];
}

static void
add_at (GlossMatrix *matrix,
        GHashTable  *rows,
        GHashTable  *cols,
        gint64       row_id,
        gint64       col_id,
        gint64       amount)
{
  gpointer row = g_hash_table_lookup (rows, &row_id);
  gpointer col = g_hash_table_lookup (cols, &col_id);

  /* The tables hold index + 1, so that 0 means absent. */
  if (row == NULL || col == NULL)
    return;

  matrix->values[(gsize) (GPOINTER_TO_UINT (row) - 1) * matrix->col_labels->len + GPOINTER_TO_UINT (col) - 1] += amount;
}

static void
index_put (GHashTable *index,
           gint64      id,
           guint       position)
{
  g_hash_table_insert (index, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (position + 1));
}

/* Codings that overlap in one document, swept in order of start. */
static void
count_cooccurrences (GlossMatrix *matrix,
                     GHashTable  *rows,
                     GPtrArray   *codings)
{
  g_autoptr(GPtrArray) active = g_ptr_array_new ();
  gint64 document = -1;

  for (guint i = 0; i < codings->len; i++)
    {
      const GlossCoding *c = g_ptr_array_index (codings, i);

      add_at (matrix, rows, rows, c->code_id, c->code_id, 1);
      if (c->document_id != document)
        {
          g_ptr_array_set_size (active, 0);
          document = c->document_id;
        }

      for (guint j = 0; j < active->len;)
        {
          const GlossCoding *a = g_ptr_array_index (active, j);

          if (a->end <= c->start)
            {
              g_ptr_array_remove_index_fast (active, j);
              continue;
            }
          if (a->code_id != c->code_id)
            {
              add_at (matrix, rows, rows, a->code_id, c->code_id, 1);
              add_at (matrix, rows, rows, c->code_id, a->code_id, 1);
            }
          j++;
        }
      g_ptr_array_add (active, (gpointer) c);
    }
}

static gboolean
in_documents (GArray *document_ids,
              gint64  id)
{
  if (document_ids == NULL)
    return TRUE;

  for (guint i = 0; i < document_ids->len; i++)
    if (g_array_index (document_ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

GlossMatrix *
gloss_matrix_compute (GlossProject             *project,
                      GlossMatrixKind           kind,
                      const GlossCodingFilter  *filter,
                      gboolean                  presence,
                      GError                  **error)
{
  g_autoptr(GlossMatrix) matrix = g_new0 (GlossMatrix, 1);
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (project, error);
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) cols = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GlossCodingFilter narrowed = { 0 };
  gsize n_cells;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  if (codes == NULL)
    return NULL;

  if (filter != NULL)
    {
      narrowed.document_id = filter->document_id;
      narrowed.coder_id = filter->coder_id;
      narrowed.document_ids = filter->document_ids;
    }
  codings = gloss_project_list_codings (project, &narrowed, error);
  if (codings == NULL)
    return NULL;

  matrix->kind = kind;
  matrix->row_labels = g_ptr_array_new_with_free_func (g_free);
  matrix->col_labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < codes->len; i++)
    {
      const GlossCode *code = g_ptr_array_index (codes, i);
      g_ptr_array_add (matrix->row_labels, g_strdup (code->path));
      index_put (rows, code->id, i);
    }

  switch (kind)
    {
    case GLOSS_MATRIX_CODE_DOCUMENT:
      matrix->corner = g_strdup (_("code \\ document"));
      columns = gloss_project_list_documents (project, error);
      if (columns == NULL)
        return NULL;
      for (guint i = 0; i < columns->len; i++)
        {
          const GlossDocumentInfo *doc = g_ptr_array_index (columns, i);
          if ((narrowed.document_id != 0 && doc->id != narrowed.document_id) ||
              !in_documents (narrowed.document_ids, doc->id))
            continue;
          index_put (cols, doc->id, matrix->col_labels->len);
          g_ptr_array_add (matrix->col_labels, g_strdup (doc->title));
        }
      break;
    case GLOSS_MATRIX_CODE_CODER:
      matrix->corner = g_strdup (_("code \\ coder"));
      columns = gloss_project_list_coders (project, error);
      if (columns == NULL)
        return NULL;
      for (guint i = 0; i < columns->len; i++)
        {
          const GlossCoder *coder = g_ptr_array_index (columns, i);
          if (narrowed.coder_id != 0 && coder->id != narrowed.coder_id)
            continue;
          index_put (cols, coder->id, matrix->col_labels->len);
          g_ptr_array_add (matrix->col_labels, g_strdup (coder->name));
        }
      break;
    case GLOSS_MATRIX_COOCCURRENCE:
    default:
      matrix->corner = g_strdup (_("code \\ code"));
      for (guint i = 0; i < codes->len; i++)
        g_ptr_array_add (matrix->col_labels, g_strdup (((GlossCode *) codes->pdata[i])->path));
      break;
    }

  n_cells = (gsize) matrix->row_labels->len * matrix->col_labels->len;
  matrix->values = g_new0 (gint64, MAX (n_cells, 1));

  if (kind == GLOSS_MATRIX_COOCCURRENCE)
    count_cooccurrences (matrix, rows, codings);
  else
    for (guint i = 0; i < codings->len; i++)
      {
        const GlossCoding *c = g_ptr_array_index (codings, i);
        add_at (matrix, rows, cols, c->code_id,
                kind == GLOSS_MATRIX_CODE_DOCUMENT ? c->document_id : c->coder_id, 1);
      }

  if (presence)
    for (gsize i = 0; i < n_cells; i++)
      matrix->values[i] = matrix->values[i] > 0 ? 1 : 0;

  return g_steal_pointer (&matrix);
}

/* Async */

typedef struct
{
  char              *project_path;
  GlossMatrixKind    kind;
  GlossCodingFilter  filter;
  gboolean           presence;
} MatrixData;

static void
matrix_data_free (MatrixData *data)
{
  g_free (data->project_path);
  g_clear_pointer (&data->filter.document_ids, g_array_unref);
  g_free (data);
}

static void
matrix_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MatrixData *data = task_data;
  g_autoptr(GlossProject) project = NULL;
  GlossMatrix *matrix = NULL;
  GError *error = NULL;

  project = _gloss_project_open_for_thread (data->project_path, &error);
  if (project != NULL)
    matrix = gloss_matrix_compute (project, data->kind, &data->filter, data->presence, &error);
  if (matrix == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  gloss_project_close (project);
  g_task_return_pointer (task, matrix, (GDestroyNotify) gloss_matrix_free);
}

void
gloss_matrix_compute_async (GlossProject            *project,
                            GlossMatrixKind          kind,
                            const GlossCodingFilter *filter,
                            gboolean                 presence,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  MatrixData *data = g_new0 (MatrixData, 1);

  g_return_if_fail (GLOSS_IS_PROJECT (project));

  data->project_path = g_strdup (gloss_project_get_path (project));
  data->kind = kind;
  if (filter != NULL)
    data->filter = *filter;
  if (data->filter.document_ids != NULL)
    g_array_ref (data->filter.document_ids);
  data->presence = presence;

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_matrix_compute_async);
  g_task_set_task_data (task, data, (GDestroyNotify) matrix_data_free);
  g_task_run_in_thread (task, matrix_thread);
}

GlossMatrix *
gloss_matrix_compute_finish (GlossProject  *project,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writing */

static GlossTableFormat
table_format (GlossExcerptFormat format)
{
  switch (format)
    {
    case GLOSS_EXCERPT_XLSX: return GLOSS_TABLE_XLSX;
    case GLOSS_EXCERPT_HTML: return GLOSS_TABLE_HTML;
    default: return GLOSS_TABLE_CSV;
    }
}

static gboolean
write_table (const GlossMatrix   *matrix,
             GlossTableFormat     format,
             const char          *out_path,
             GError             **error)
{
  g_autoptr(GlossTableWriter) writer = gloss_table_writer_new (format, out_path, matrix->corner, error);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autofree double *widths = g_new (double, matrix->col_labels->len + 1);

  if (writer == NULL)
    return FALSE;

  g_ptr_array_add (header, matrix->corner);
  widths[0] = 30;
  for (guint c = 0; c < matrix->col_labels->len; c++)
    {
      g_ptr_array_add (header, g_ptr_array_index (matrix->col_labels, c));
      widths[c + 1] = 12;
    }
  if (!gloss_table_writer_add_sheet (writer, "Matrix", (const char * const *) header->pdata, header->len,
                                     widths, 1, error))
    return FALSE;

  for (guint r = 0; r < matrix->row_labels->len; r++)
    {
      gloss_table_writer_label (writer, g_ptr_array_index (matrix->row_labels, r));
      for (guint c = 0; c < matrix->col_labels->len; c++)
        gloss_table_writer_number (writer, gloss_matrix_get (matrix, r, c));
      if (!gloss_table_writer_end_row (writer, error))
        return FALSE;
    }

  return gloss_table_writer_finish (writer, error);
}

gboolean
gloss_matrix_write (const GlossMatrix   *matrix,
                    GlossExcerptFormat   format,
                    const char          *out_path,
                    GError             **error)
{
  g_return_val_if_fail (matrix != NULL && out_path != NULL, FALSE);

  if (format == GLOSS_EXCERPT_CSV || format == GLOSS_EXCERPT_XLSX || format == GLOSS_EXCERPT_HTML)
    return write_table (matrix, table_format (format), out_path, error);

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A matrix is written as CSV, XLSX or HTML"));
  return FALSE;
}
