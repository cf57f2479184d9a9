/* gloss-crosstab.c: codes against attribute values, sets or coders
 *
 * One pass over the codings in document order: each coding adds to the
 * cells of its code's rows (its own and, with children, its parents') and
 * of its document's columns. Documents are counted once per cell by
 * remembering the last document each cell saw, which the order makes
 * enough. Lookups go through arrays indexed by id, not hash tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-cases-private.h"
#include "gloss-crosstab.h"

gboolean
gloss_crosstab_measure_from_string (const char           *str,
                                    GlossCrosstabMeasure *measure)
{
  if (g_strcmp0 (str, "codings") == 0)
    *measure = GLOSS_CROSSTAB_CODINGS;
  else if (g_strcmp0 (str, "documents") == 0)
    *measure = GLOSS_CROSSTAB_DOCUMENTS;
  else if (g_strcmp0 (str, "percent") == 0)
    *measure = GLOSS_CROSSTAB_PERCENT;
  else
    return FALSE;

  return TRUE;
}

void
gloss_crosstab_free (GlossCrosstab *crosstab)
{
  if (crosstab == NULL)
    return;

  g_clear_pointer (&crosstab->row_labels, g_ptr_array_unref);
  g_clear_pointer (&crosstab->row_code_ids, g_array_unref);
  g_clear_pointer (&crosstab->row_coder_ids, g_array_unref);
  g_clear_pointer (&crosstab->col_labels, g_ptr_array_unref);
  g_free (crosstab->col_documents);
  g_free (crosstab->codings);
  g_free (crosstab->documents);
  g_free (crosstab->row_codings);
  g_free (crosstab->row_documents);
  g_free (crosstab);
}

guint
gloss_crosstab_n_rows (const GlossCrosstab *crosstab)
{
  return crosstab->row_labels->len;
}

guint
gloss_crosstab_n_cols (const GlossCrosstab *crosstab)
{
  return crosstab->col_labels->len;
}

double
gloss_crosstab_get (const GlossCrosstab  *crosstab,
                    GlossCrosstabMeasure  measure,
                    guint                 row,
                    guint                 col)
{
  guint i = row * crosstab->col_labels->len + col;

  g_return_val_if_fail (row < crosstab->row_labels->len && col < crosstab->col_labels->len, 0);

  switch (measure)
    {
    case GLOSS_CROSSTAB_DOCUMENTS:
      return crosstab->documents[i];
    case GLOSS_CROSSTAB_PERCENT:
      return crosstab->col_documents[col] > 0 ? 100.0 * crosstab->documents[i] / crosstab->col_documents[col] : 0;
    case GLOSS_CROSSTAB_CODINGS:
    default:
      return crosstab->codings[i];
    }
}

/* Columns: for each document (by id) the columns it belongs to. */
typedef struct
{
  gint64  max_document;
  gboolean *in_scope;    /* by document id */
  guint    *first;       /* by document id: its first entry in cols */
  guint    *count;       /* by document id */
  GArray   *cols;        /* guint */
} DocumentColumns;

static void
document_columns_clear (DocumentColumns *dc)
{
  g_free (dc->in_scope);
  g_free (dc->first);
  g_free (dc->count);
  g_clear_pointer (&dc->cols, g_array_unref);
}

static gint64
max_id (GlossProject *self,
        const char   *sql)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, NULL);
  gint64 id = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return id;
}

static int
compare_values (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  GlossAttributeType type = GPOINTER_TO_INT (user_data);

  if (type == GLOSS_ATTRIBUTE_NUMBER)
    {
      double dx = g_ascii_strtod (x, NULL), dy = g_ascii_strtod (y, NULL);
      return dx < dy ? -1 : dx > dy;
    }

  return g_utf8_collate (x, y);
}

static const char *
value_label (GlossAttributeType  type,
             const char         *value)
{
  if (type == GLOSS_ATTRIBUTE_BOOLEAN)
    return g_str_equal (value, "true") ? _("yes") : _("no");

  return value;
}

/* The columns of an attribute: its values, then "(empty)". */
static gboolean
attribute_columns (GlossProject     *self,
                   gint64            attribute_id,
                   GArray           *documents,
                   GlossCrosstab    *crosstab,
                   DocumentColumns  *dc,
                   GError          **error)
{
  g_autoptr(GlossAttribute) attribute = gloss_project_get_attribute (self, attribute_id, error);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) distinct = g_ptr_array_new ();
  g_autofree char **by_document = NULL;
  guint empty;

  if (attribute == NULL)
    return FALSE;
  if (attribute->target != GLOSS_ATTRIBUTE_ON_DOCUMENT)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is not an attribute of documents"), attribute->name);
      return FALSE;
    }
  if ((values = gloss_project_list_attribute_values (self, attribute_id, 0, error)) == NULL)
    return FALSE;

  by_document = g_new0 (char *, dc->max_document + 1);
  for (guint i = 0; i < values->len; i++)
    {
      GlossAttributeValue *value = g_ptr_array_index (values, i);
      if (value->target_id > dc->max_document || !dc->in_scope[value->target_id])
        continue;
      by_document[value->target_id] = value->value;
      if (attribute->type != GLOSS_ATTRIBUTE_CATEGORY && !g_hash_table_contains (index, value->value))
        {
          g_hash_table_insert (index, value->value, NULL);
          g_ptr_array_add (distinct, value->value);
        }
    }

  if (attribute->type == GLOSS_ATTRIBUTE_CATEGORY)
    for (guint i = 0; attribute->choices != NULL && attribute->choices[i] != NULL; i++)
      g_ptr_array_add (distinct, attribute->choices[i]);
  else
    g_ptr_array_sort_with_data (distinct, compare_values, GINT_TO_POINTER (attribute->type));

  g_hash_table_remove_all (index);
  for (guint i = 0; i < distinct->len; i++)
    {
      const char *value = g_ptr_array_index (distinct, i);
      g_hash_table_insert (index, (gpointer) value, GUINT_TO_POINTER (i));
      g_ptr_array_add (crosstab->col_labels, g_strdup (value_label (attribute->type, value)));
    }
  empty = distinct->len;
  g_ptr_array_add (crosstab->col_labels, g_strdup (_("(empty)")));

  for (guint i = 0; i < documents->len; i++)
    {
      gint64 id = g_array_index (documents, gint64, i);
      guint col = empty;
      gpointer found;

      if (by_document[id] != NULL && g_hash_table_lookup_extended (index, by_document[id], NULL, &found))
        col = GPOINTER_TO_UINT (found);
      dc->first[id] = dc->cols->len;
      dc->count[id] = 1;
      g_array_append_val (dc->cols, col);
    }

  return TRUE;
}

/* The columns of the document sets, in name order. */
static gboolean
set_columns (GlossProject     *self,
             GArray           *documents,
             GlossCrosstab    *crosstab,
             DocumentColumns  *dc,
             GError          **error)
{
  g_autoptr(GPtrArray) sets = gloss_project_list_sets (self, error);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree GArray **by_document = NULL;

  if (sets == NULL)
    return FALSE;

  by_document = g_new0 (GArray *, dc->max_document + 1);
  for (guint s = 0; s < sets->len; s++)
    {
      GlossSet *set = g_ptr_array_index (sets, s);
      GArray *ids;
      guint col;

      if (set->kind != GLOSS_SET_DOCUMENTS)
        continue;
      if ((ids = gloss_project_get_set_members (self, set->id, error)) == NULL)
        goto fail;
      col = crosstab->col_labels->len;
      g_ptr_array_add (crosstab->col_labels, g_strdup (set->name));
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          if (id > dc->max_document || !dc->in_scope[id])
            continue;
          if (by_document[id] == NULL)
            {
              by_document[id] = g_array_new (FALSE, FALSE, sizeof (guint));
              g_ptr_array_add (members, by_document[id]);
            }
          g_array_append_val (by_document[id], col);
        }
      g_array_unref (ids);
    }

  for (guint i = 0; i < documents->len; i++)
    {
      gint64 id = g_array_index (documents, gint64, i);

      dc->first[id] = dc->cols->len;
      dc->count[id] = by_document[id] != NULL ? by_document[id]->len : 0;
      if (by_document[id] != NULL)
        g_array_append_vals (dc->cols, by_document[id]->data, by_document[id]->len);
    }

  return TRUE;

fail:
  return FALSE;
}

/* Rows: each code's own row and the rows it adds to. */
typedef struct
{
  gint64  max_code;
  guint  *first;    /* by code id: first entry in rows */
  guint  *count;
  GArray *rows;     /* guint: code row indices */
} CodeRows;

static void
code_rows_clear (CodeRows *cr)
{
  g_free (cr->first);
  g_free (cr->count);
  g_clear_pointer (&cr->rows, g_array_unref);
}

static gboolean
build_code_rows (GlossProject               *self,
                 const GlossCrosstabOptions *options,
                 GPtrArray                  *code_labels,
                 GArray                     *code_ids,
                 CodeRows                   *cr,
                 GError                    **error)
{
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (self, error);
  g_autofree gint64 *parent = NULL;
  g_autofree int *row_of = NULL;

  if (codes == NULL)
    return FALSE;

  cr->max_code = max_id (self, "SELECT ifnull (max (id), 0) FROM code");
  parent = g_new0 (gint64, cr->max_code + 1);
  row_of = g_new (int, cr->max_code + 1);
  for (gint64 i = 0; i <= cr->max_code; i++)
    row_of[i] = -1;

  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);
      parent[code->id] = code->parent_id;
    }

  if (options->code_ids != NULL && options->code_ids->len > 0)
    {
      for (guint i = 0; i < options->code_ids->len; i++)
        {
          gint64 id = g_array_index (options->code_ids, gint64, i);
          g_autofree char *path = NULL;

          if (id <= 0 || id > cr->max_code || (path = gloss_project_dup_code_path (self, id, error)) == NULL)
            {
              if (error != NULL && *error == NULL)
                g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                             _("No code %" PRId64 " in the project"), id);
              return FALSE;
            }
          if (row_of[id] >= 0)
            continue;
          row_of[id] = code_ids->len;
          g_array_append_val (code_ids, id);
          g_ptr_array_add (code_labels, g_steal_pointer (&path));
        }
    }
  else
    for (guint i = 0; i < codes->len; i++)
      {
        GlossCode *code = g_ptr_array_index (codes, i);
        row_of[code->id] = code_ids->len;
        g_array_append_val (code_ids, code->id);
        g_ptr_array_add (code_labels, g_strdup (code->path));
      }

  cr->first = g_new0 (guint, cr->max_code + 1);
  cr->count = g_new0 (guint, cr->max_code + 1);
  cr->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);

      cr->first[code->id] = cr->rows->len;
      for (gint64 id = code->id; id != 0; id = options->with_children ? parent[id] : 0)
        if (row_of[id] >= 0)
          {
            guint row = row_of[id];
            g_array_append_val (cr->rows, row);
          }
      cr->count[code->id] = cr->rows->len - cr->first[code->id];
    }

  return TRUE;
}

static void
add_coders (GlossProject  *self,
            GArray        *scope_coders,
            GPtrArray     *names,
            GArray        *ids,
            GError       **error)
{
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (self, error);

  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (coders, i);
      gboolean chosen = scope_coders == NULL || scope_coders->len == 0;

      for (guint j = 0; !chosen && j < scope_coders->len; j++)
        chosen = g_array_index (scope_coders, gint64, j) == coder->id;
      if (!chosen)
        continue;
      g_ptr_array_add (names, g_strdup (coder->name));
      g_array_append_val (ids, coder->id);
    }
}

static gboolean
count_codings (GlossProject        *self,
               GlossCrosstab       *ct,
               const DocumentColumns *dc,
               const CodeRows      *cr,
               const int           *coder_index,
               gint64               max_coder,
               gboolean             coder_columns,
               guint                n_coders,
               GError             **error)
{
  guint n_cols = ct->col_labels->len;
  guint n_rows = ct->row_labels->len;
  g_autofree gint64 *last = g_new (gint64, (gsize) n_rows * MAX (n_cols, 1));
  g_autofree gint64 *row_last = g_new (gint64, MAX (n_rows, 1));
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (gsize i = 0; i < (gsize) n_rows * n_cols; i++)
    last[i] = -1;
  for (guint i = 0; i < n_rows; i++)
    row_last[i] = -1;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT document_id, coder_id, code_id FROM coding ORDER BY document_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot read the codings"));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 doc = sqlite3_column_int64 (stmt, 0);
      gint64 coder = sqlite3_column_int64 (stmt, 1);
      gint64 code = sqlite3_column_int64 (stmt, 2);
      int ci;

      if (doc > dc->max_document || !dc->in_scope[doc] || coder > max_coder ||
          (ci = coder_index[coder]) < 0 || code > cr->max_code)
        continue;

      for (guint r = 0; r < cr->count[code]; r++)
        {
          guint row = g_array_index (cr->rows, guint, cr->first[code] + r);
          guint n_doc_cols = coder_columns ? 1 : dc->count[doc];

          if (n_coders > 0)
            row = row * n_coders + ci;
          ct->row_codings[row]++;
          if (row_last[row] != doc)
            {
              row_last[row] = doc;
              ct->row_documents[row]++;
            }

          for (guint c = 0; c < n_doc_cols; c++)
            {
              guint col = coder_columns ? (guint) ci : g_array_index (dc->cols, guint, dc->first[doc] + c);
              gsize cell = (gsize) row * n_cols + col;

              ct->codings[cell]++;
              if (last[cell] != doc)
                {
                  last[cell] = doc;
                  ct->documents[cell]++;
                }
            }
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _gloss_set_sqlite_error (self->db, rc, error, _("Cannot read the codings"));
      return FALSE;
    }

  return TRUE;
}

GlossCrosstab *
gloss_project_crosstab (GlossProject               *self,
                        const GlossCrosstabOptions *options,
                        GError                    **error)
{
  g_autoptr(GlossCrosstab) ct = g_new0 (GlossCrosstab, 1);
  g_autoptr(GArray) documents = NULL;
  g_autoptr(GPtrArray) code_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) coder_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree int *coder_index = NULL;
  DocumentColumns dc = { 0 };
  CodeRows cr = { 0 };
  gint64 max_coder;
  guint n_cols, n_rows, n_coders;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ct->row_labels = g_ptr_array_new_with_free_func (g_free);
  ct->row_code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ct->row_coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ct->col_labels = g_ptr_array_new_with_free_func (g_free);

  if ((documents = gloss_project_scope_documents (self, &options->scope, error)) == NULL)
    return NULL;
  ct->n_documents = documents->len;

  dc.max_document = max_id (self, "SELECT ifnull (max (id), 0) FROM document");
  dc.in_scope = g_new0 (gboolean, dc.max_document + 1);
  dc.first = g_new0 (guint, dc.max_document + 1);
  dc.count = g_new0 (guint, dc.max_document + 1);
  dc.cols = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < documents->len; i++)
    dc.in_scope[g_array_index (documents, gint64, i)] = TRUE;

  add_coders (self, options->scope.coder_ids, coder_names, coder_ids, NULL);
  max_coder = max_id (self, "SELECT ifnull (max (id), 0) FROM coder");
  coder_index = g_new (int, max_coder + 1);
  for (gint64 i = 0; i <= max_coder; i++)
    coder_index[i] = -1;
  for (guint i = 0; i < coder_ids->len; i++)
    coder_index[g_array_index (coder_ids, gint64, i)] = i;

  switch (options->columns)
    {
    case GLOSS_CROSSTAB_ATTRIBUTE:
      if (!attribute_columns (self, options->attribute_id, documents, ct, &dc, error))
        goto out;
      break;
    case GLOSS_CROSSTAB_SETS:
      if (!set_columns (self, documents, ct, &dc, error))
        goto out;
      break;
    case GLOSS_CROSSTAB_CODERS:
    default:
      for (guint i = 0; i < coder_names->len; i++)
        g_ptr_array_add (ct->col_labels, g_strdup (g_ptr_array_index (coder_names, i)));
      break;
    }

  if (!build_code_rows (self, options, code_labels, code_ids, &cr, error))
    goto out;

  n_coders = options->by_coder ? coder_ids->len : 0;
  for (guint r = 0; r < code_ids->len; r++)
    {
      gint64 code_id = g_array_index (code_ids, gint64, r);
      gint64 none = 0;

      if (n_coders == 0)
        {
          g_ptr_array_add (ct->row_labels, g_strdup (g_ptr_array_index (code_labels, r)));
          g_array_append_val (ct->row_code_ids, code_id);
          g_array_append_val (ct->row_coder_ids, none);
          continue;
        }
      for (guint k = 0; k < n_coders; k++)
        {
          g_ptr_array_add (ct->row_labels, g_strdup_printf ("%s · %s", (char *) g_ptr_array_index (code_labels, r),
                                                            (char *) g_ptr_array_index (coder_names, k)));
          g_array_append_val (ct->row_code_ids, code_id);
          g_array_append_val (ct->row_coder_ids, g_array_index (coder_ids, gint64, k));
        }
    }

  n_rows = ct->row_labels->len;
  n_cols = ct->col_labels->len;
  ct->codings = g_new0 (gint64, (gsize) n_rows * n_cols + 1);
  ct->documents = g_new0 (gint64, (gsize) n_rows * n_cols + 1);
  ct->row_codings = g_new0 (gint64, n_rows + 1);
  ct->row_documents = g_new0 (gint64, n_rows + 1);
  ct->col_documents = g_new0 (gint64, n_cols + 1);

  if (options->columns == GLOSS_CROSSTAB_CODERS)
    for (guint c = 0; c < n_cols; c++)
      ct->col_documents[c] = documents->len;
  else
    for (guint i = 0; i < dc.cols->len; i++)
      ct->col_documents[g_array_index (dc.cols, guint, i)]++;

  ok = count_codings (self, ct, &dc, &cr, coder_index, max_coder,
                      options->columns == GLOSS_CROSSTAB_CODERS, n_coders, error);

out:
  document_columns_clear (&dc);
  code_rows_clear (&cr);
  return ok ? g_steal_pointer (&ct) : NULL;
}

/* Writing */

gboolean
gloss_crosstab_write (const GlossCrosstab  *crosstab,
                      GlossCrosstabMeasure  measure,
                      GlossTableFormat      format,
                      const char           *out_path,
                      GError              **error)
{
  /* xgettext:no-c-format */
  const char *corner = measure == GLOSS_CROSSTAB_PERCENT ? _("Code (% of documents)")
                       : measure == GLOSS_CROSSTAB_DOCUMENTS ? _("Code (documents)") : _("Code (codings)");
  g_autoptr(GlossTableWriter) writer = gloss_table_writer_new (format, out_path, corner, error);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  guint n_cols = crosstab->col_labels->len;
  g_autofree double *widths = g_new (double, n_cols + 3);

  if (writer == NULL)
    return FALSE;

  g_ptr_array_add (header, (gpointer) corner);
  widths[0] = 30;
  for (guint c = 0; c < n_cols; c++)
    {
      g_ptr_array_add (header, g_ptr_array_index (crosstab->col_labels, c));
      widths[c + 1] = 14;
    }
  g_ptr_array_add (header, (gpointer) _("Total"));
  widths[n_cols + 1] = 10;
  widths[n_cols + 2] = -1;

  if (!gloss_table_writer_add_sheet (writer, "Crosstab", (const char * const *) header->pdata, header->len,
                                     widths, 1, error))
    return FALSE;

  for (guint r = 0; r < crosstab->row_labels->len; r++)
    {
      double total = measure == GLOSS_CROSSTAB_CODINGS ? crosstab->row_codings[r]
                     : measure == GLOSS_CROSSTAB_DOCUMENTS ? crosstab->row_documents[r]
                     : crosstab->n_documents > 0 ? 100.0 * crosstab->row_documents[r] / crosstab->n_documents : 0;

      gloss_table_writer_label (writer, g_ptr_array_index (crosstab->row_labels, r));
      for (guint c = 0; c < n_cols; c++)
        {
          double value = gloss_crosstab_get (crosstab, measure, r, c);
          /* Percentages to one decimal, as a reader compares them. */
          gloss_table_writer_number (writer, measure == GLOSS_CROSSTAB_PERCENT ? ((gint64) (value * 10 + 0.5)) / 10.0 : value);
        }
      gloss_table_writer_number (writer, measure == GLOSS_CROSSTAB_PERCENT ? ((gint64) (total * 10 + 0.5)) / 10.0 : total);
      if (!gloss_table_writer_end_row (writer, error))
        return FALSE;
    }

  return gloss_table_writer_finish (writer, error);
}
