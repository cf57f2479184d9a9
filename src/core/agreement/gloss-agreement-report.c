/* gloss-agreement-report.c: inter-coder agreement over a project
 *
 * This file gathers the inputs (coders, documents and codes, as indices)
 * and hands them to the part for the unit of analysis, which reads the
 * codings one document at a time (_gloss_agreement_inputs_read_document()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "gloss-agreement-report-private.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-char-units.h"
#include "gloss-error.h"
#include "gloss-project-private.h"

static void
clear_row (gpointer data)
{
  GlossAgreementRow *row = data;

  g_free (row->label);
}

/* The version places are handed out from chunks of this many. */
#define VERSION_CHUNK 65536

/* A list of values as the report keeps it: its length, then the values
 * (interned strings, compared by address). */
static guint
value_list_hash (gconstpointer key)
{
  const char * const *list = key;
  guint n = GPOINTER_TO_UINT (list[0]), hash = 2166136261u;

  for (guint i = 1; i <= n; i++)
    {
      guint64 p = (guint64) GPOINTER_TO_SIZE (list[i]);

      hash = (hash ^ (guint) p ^ (guint) (p >> 32)) * 16777619u;
    }
  return hash;
}

static gboolean
value_list_equal (gconstpointer a,
                  gconstpointer b)
{
  const char * const *x = a, * const *y = b;

  return x[0] == y[0] && memcmp (x + 1, y + 1, sizeof (char *) * GPOINTER_TO_UINT (x[0])) == 0;
}

const char **
_gloss_agreement_report_share_values (GlossAgreementReport *report,
                                      const char          **values,
                                      guint                 n)
{
  const char **key = g_alloca (sizeof (char *) * (n + 1));
  const char **shared;

  key[0] = GUINT_TO_POINTER (n);
  memcpy (key + 1, values, sizeof (char *) * n);
  shared = g_hash_table_lookup (report->value_lists, key);
  if (shared == NULL)
    {
      shared = g_memdup2 (key, sizeof (char *) * (n + 1));
      g_hash_table_add (report->value_lists, shared);
    }
  return shared + 1;
}

guint *
_gloss_agreement_report_alloc_versions (GlossAgreementReport *report,
                                        guint                 n)
{
  guint *chunk;

  if (report->version_chunks->len == 0 || report->chunk_used + n > VERSION_CHUNK)
    {
      g_ptr_array_add (report->version_chunks, g_new0 (guint, MAX (VERSION_CHUNK, n)));
      report->chunk_used = 0;
    }
  chunk = g_ptr_array_index (report->version_chunks, report->version_chunks->len - 1);
  report->chunk_used += n;
  return chunk + report->chunk_used - n;
}

const char *
gloss_disagreement_kind_to_string (GlossDisagreementKind kind)
{
  switch (kind)
    {
    case GLOSS_DISAGREEMENT_OMISSION:
      return "omission";
    case GLOSS_DISAGREEMENT_OTHER_CODE:
      return "other code";
    default:
      return NULL;
    }
}

const GlossAgreementVersion *
gloss_agreement_report_get_version (const GlossAgreementReport       *report,
                                    const GlossAgreementDisagreement *disagreement,
                                    guint                             coder)
{
  guint place;

  g_return_val_if_fail (report != NULL && disagreement != NULL, NULL);
  g_return_val_if_fail (coder < report->coders->len, NULL);

  if (disagreement->versions == NULL || (place = disagreement->versions[coder]) == 0)
    return NULL;
  return &g_array_index (report->versions, GlossAgreementVersion, place - 1);
}

static gint64
disagreement_document_id (const GlossAgreementReport       *report,
                          const GlossAgreementDisagreement *disagreement)
{
  return g_array_index (report->documents, GlossAgreementRow, disagreement->document).id;
}

char *
gloss_agreement_report_dup_quote (const GlossAgreementReport       *report,
                                  const GlossAgreementDisagreement *disagreement)
{
  g_return_val_if_fail (report != NULL && disagreement != NULL, NULL);

  if (report->unit == GLOSS_AGREEMENT_UNIT_DOCUMENT || report->quotes == NULL)
    return NULL;
  return gloss_agreement_quotes_dup (report->quotes, disagreement_document_id (report, disagreement),
                                     disagreement->start, disagreement->end);
}

char *
gloss_agreement_report_dup_version_quote (const GlossAgreementReport       *report,
                                          const GlossAgreementDisagreement *disagreement,
                                          guint                             coder)
{
  const GlossAgreementVersion *v;

  g_return_val_if_fail (report != NULL && disagreement != NULL, NULL);

  v = gloss_agreement_report_get_version (report, disagreement, coder);
  if (v == NULL || report->quotes == NULL)
    return NULL;
  return gloss_agreement_quotes_dup (report->quotes, disagreement_document_id (report, disagreement),
                                     v->start, v->end);
}

static GlossAgreementReport *
report_new (const GlossAgreementOptions *options)
{
  GlossAgreementReport *report = g_new0 (GlossAgreementReport, 1);

  report->unit = options->unit;
  report->threshold = options->threshold;
  report->coded_only = options->coded_only;
  report->samples = options->samples;
  report->seed = options->seed;
  report->coders = g_ptr_array_new_with_free_func (g_free);
  gloss_agreement_measures_init (&report->overall);
  report->codes = g_array_new (FALSE, FALSE, sizeof (GlossAgreementRow));
  g_array_set_clear_func (report->codes, clear_row);
  report->documents = g_array_new (FALSE, FALSE, sizeof (GlossAgreementRow));
  g_array_set_clear_func (report->documents, clear_row);
  report->pairs = g_array_new (FALSE, FALSE, sizeof (GlossAgreementPair));
  report->disagreements = g_array_new (FALSE, FALSE, sizeof (GlossAgreementDisagreement));
  report->value_lists = g_hash_table_new_full (value_list_hash, value_list_equal, g_free, NULL);
  report->version_chunks = g_ptr_array_new_with_free_func (g_free);
  report->versions = g_array_new (FALSE, FALSE, sizeof (GlossAgreementVersion));
  report->notes = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
gloss_agreement_report_free (GlossAgreementReport *report)
{
  if (report == NULL)
    return;
  g_free (report->group);
  g_ptr_array_unref (report->coders);
  g_array_unref (report->codes);
  g_array_unref (report->documents);
  g_array_unref (report->pairs);
  g_array_unref (report->disagreements);
  g_array_unref (report->versions);
  g_ptr_array_unref (report->notes);
  g_clear_pointer (&report->quotes, gloss_agreement_quotes_unref);
  g_hash_table_unref (report->value_lists);
  g_ptr_array_unref (report->version_chunks);
  g_free (report);
}

const GlossAgreementPair *
gloss_agreement_report_find_pair (const GlossAgreementReport *report,
                                  guint                       a,
                                  guint                       b)
{
  g_return_val_if_fail (report != NULL, NULL);

  for (guint p = 0; p < report->pairs->len; p++)
    {
      const GlossAgreementPair *pair = &g_array_index (report->pairs, GlossAgreementPair, p);

      if ((pair->coder_a == a && pair->coder_b == b) || (pair->coder_a == b && pair->coder_b == a))
        return pair;
    }
  return NULL;
}

/* Helpers for the parts */

void
_gloss_agreement_report_note (GlossAgreementReport *report,
                              GlossAgreementInputs *inputs,
                              const char           *format,
                              ...)
{
  va_list args;
  char *note;

  va_start (args, format);
  note = g_strdup_vprintf (format, args);
  va_end (args);
  if (g_hash_table_contains (inputs->notes_seen, note))
    {
      g_free (note);
      return;
    }
  g_hash_table_add (inputs->notes_seen, note);
  g_ptr_array_add (report->notes, g_strdup (note));
}

void
_gloss_agreement_report_add_row (GArray                       *rows,
                                 gint64                        id,
                                 const char                   *label,
                                 const GlossAgreementMeasures *measures)
{
  GlossAgreementRow row = { id, g_strdup (label), *measures };

  g_array_append_val (rows, row);
}

void
_gloss_agreement_report_add_pair (GlossAgreementReport         *report,
                                  guint                         a,
                                  guint                         b,
                                  const GlossAgreementMeasures *measures)
{
  GlossAgreementPair pair = { a, b, *measures };

  g_array_append_val (report->pairs, pair);
}

void
_gloss_agreement_report_add_disagreement (GlossAgreementReport *report,
                                          GlossAgreementInputs *inputs,
                                          guint                 document,
                                          gint64                start,
                                          gint64                end,
                                          const char           *code,
                                          const char          **values)
{
  GlossAgreementDisagreement d = {
    .document = document,
    .start = start,
    .end = end,
    .code = g_intern_string (code),
    .values = _gloss_agreement_report_share_values (report, values, inputs->n_coders),
    .kind = GLOSS_DISAGREEMENT_OMISSION,
  };

  g_array_append_val (report->disagreements, d);
}

/* Gathering the inputs */

static void
wait_for_bootstraps (GThreadPool *pool)
{
  g_thread_pool_free (pool, FALSE, TRUE);
}

static void
inputs_clear (GlossAgreementInputs *inputs)
{
  /* first: the pool's jobs read the blocks */
  g_clear_pointer (&inputs->bootstraps, wait_for_bootstraps);
  g_clear_pointer (&inputs->documents, g_ptr_array_unref);
  g_clear_pointer (&inputs->codes, g_ptr_array_unref);
  g_clear_pointer (&inputs->spans, g_array_unref);
  g_clear_pointer (&inputs->coder_index, g_hash_table_unref);
  g_clear_pointer (&inputs->code_index, g_hash_table_unref);
  g_clear_pointer (&inputs->code_paths, g_hash_table_unref);
  g_clear_pointer (&inputs->notes_seen, g_hash_table_unref);
  g_clear_pointer (&inputs->left_out, g_ptr_array_unref);
  for (guint t = 0; t < GLOSS_AGREEMENT_N_TABLES; t++)
    g_clear_pointer (&inputs->blocks[t], g_ptr_array_unref);
}

void
_gloss_agreement_inputs_set_blocks (GlossAgreementInputs *inputs,
                                    GlossAgreementTable   table,
                                    guint                 row,
                                    GlossBootstrapBlocks *blocks)
{
  GPtrArray **rows = &inputs->blocks[table];

  if (*rows == NULL)
    *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_bootstrap_blocks_free);
  if ((*rows)->len <= row)
    g_ptr_array_set_size (*rows, row + 1);
  if ((*rows)->pdata[row] != NULL)
    gloss_bootstrap_blocks_free ((*rows)->pdata[row]);
  (*rows)->pdata[row] = blocks;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossAgreementInputs, inputs_clear)

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
add_coder (GlossAgreementReport *report,
           GHashTable           *coder_index,
           const GlossCoder     *coder)
{
  g_ptr_array_add (report->coders, g_strdup (coder->name));
  g_hash_table_insert (coder_index, g_memdup2 (&coder->id, sizeof (gint64)),
                       GUINT_TO_POINTER (report->coders->len));
}

/* How many codings each coder made in the documents of @document_index
 * (all when NULL), counted by SQLite on the index that holds document and
 * coder: no coding is read. */
static GHashTable *
count_by_coder (GlossProject  *project,
                GHashTable    *document_index,
                GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project,
                                               "SELECT c.document_id, c.coder_id, count (*) FROM coding c "
                                               "GROUP BY c.document_id, c.coder_id",
                                               error);
  g_autoptr(GHashTable) counts = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 document_id = sqlite3_column_int64 (stmt, 0), coder_id = sqlite3_column_int64 (stmt, 1);
      guint n = sqlite3_column_int (stmt, 2);

      if (!g_hash_table_contains (document_index, &document_id))
        continue;
      n += GPOINTER_TO_UINT (g_hash_table_lookup (counts, &coder_id));
      g_hash_table_insert (counts, g_memdup2 (&coder_id, sizeof (gint64)), GUINT_TO_POINTER (n));
    }
  if (rc != SQLITE_DONE)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "Cannot read the codings: %s",
                 sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&counts) : NULL;
}

GHashTable *
gloss_agreement_count_codings_by_coder (GlossProject  *project,
                                        GArray        *document_ids,
                                        GError       **error)
{
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) all = NULL;

  for (guint i = 0; document_ids != NULL && i < document_ids->len; i++)
    g_hash_table_add (documents, g_memdup2 (&g_array_index (document_ids, gint64, i), sizeof (gint64)));
  if (g_hash_table_size (documents) == 0)
    {
      /* the documents not removed */
      if ((all = gloss_project_list_documents (project, error)) == NULL)
        return NULL;
      for (guint i = 0; i < all->len; i++)
        g_hash_table_add (documents, g_memdup2 (&((GlossDocumentInfo *) all->pdata[i])->id, sizeof (gint64)));
    }
  return count_by_coder (project, documents, error);
}

/* By default the coders who coded the chosen documents: a coder with no
 * codings there has given no data, and counting their "nothing coded" as
 * data would make every other coder look unreliable. */
static gboolean
gather_default_coders (GlossProject         *project,
                       GlossAgreementInputs *inputs,
                       GlossAgreementReport *report,
                       GHashTable           *counts,
                       GHashTable           *coder_index,
                       GError              **error)
{
  g_autoptr(GPtrArray) all = gloss_project_list_coders (project, error);
  gint64 consensus;

  if (all == NULL)
    return FALSE;
  /* The consensus coder is known by its GUID, never by its name. */
  consensus = gloss_project_get_consensus_coder (project, NULL);
  inputs->left_out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (all, i);

      if (coder->id == consensus)
        continue;
      if (g_hash_table_contains (counts, &coder->id))
        add_coder (report, coder_index, coder);
      else
        g_ptr_array_add (inputs->left_out, g_strdup (coder->name));
    }
  return TRUE;
}

static gboolean
gather_coders (GlossProject                *project,
               const GlossAgreementOptions *options,
               GlossAgreementInputs        *inputs,
               GlossAgreementReport        *report,
               GHashTable                  *counts,
               GHashTable                  *coder_index,
               GError                     **error)
{
  if (options->coder_ids->len == 0
      && !gather_default_coders (project, inputs, report, counts, coder_index, error))
    return FALSE;
  for (guint i = 0; i < options->coder_ids->len; i++)
    {
      gint64 id = g_array_index (options->coder_ids, gint64, i);
      g_autoptr(GlossCoder) coder = NULL;

      if (g_hash_table_contains (coder_index, &id))
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "A coder is listed twice");
          return FALSE;
        }
      coder = gloss_project_get_coder (project, id, error);
      if (coder == NULL)
        return FALSE;
      add_coder (report, coder_index, coder);
    }
  if (report->coders->len < 2)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                           options->coder_ids->len == 0
                           ? "Agreement needs two coders or more with codings in the chosen documents"
                           : "Agreement needs two coders or more");
      return FALSE;
    }
  if (report->coders->len > GLOSS_CHAR_UNITS_MAX_CODERS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   "Agreement compares at most %u coders at once", GLOSS_CHAR_UNITS_MAX_CODERS);
      return FALSE;
    }
  return TRUE;
}

static gboolean
gather_documents (GlossProject                *project,
                  const GlossAgreementOptions *options,
                  GlossAgreementInputs        *inputs,
                  GHashTable                  *document_index,
                  GError                     **error)
{
  g_autoptr(GPtrArray) all = gloss_project_list_documents (project, error);

  if (all == NULL)
    return FALSE;
  inputs->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_document_info_free);
  for (guint i = 0; i < all->len; i++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (all, i);

      if (options->document_ids->len == 0 || contains_id (options->document_ids, info->id))
        {
          g_ptr_array_add (inputs->documents, g_ptr_array_steal_index (all, i--));
          g_hash_table_insert (document_index, g_memdup2 (&info->id, sizeof (gint64)),
                               GUINT_TO_POINTER (inputs->documents->len));
        }
    }
  for (guint i = 0; i < options->document_ids->len; i++)
    if (!g_hash_table_contains (document_index, &g_array_index (options->document_ids, gint64, i)))
      {
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, "No document with id %" G_GINT64_FORMAT,
                     g_array_index (options->document_ids, gint64, i));
        return FALSE;
      }
  return TRUE;
}

/* The compared codes; @code_index maps a code id to its index + 1. With a
 * group, the codes are the group's children and a code below a child maps
 * to that child. */
static gboolean
gather_codes (GlossProject                *project,
              const GlossAgreementOptions *options,
              GlossAgreementInputs        *inputs,
              GlossAgreementReport        *report,
              GHashTable                  *code_index,
              GError                     **error)
{
  g_autoptr(GPtrArray) all = gloss_project_list_codes (project, error);
  gint64 group = options->group_id;

  if (all == NULL)
    return FALSE;
  inputs->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_code_free);
  if (group != 0)
    {
      g_autoptr(GlossCode) code = gloss_project_get_code (project, group, error);

      if (code == NULL)
        return FALSE;
      report->group = gloss_project_dup_code_path (project, group, error);
      if (report->group == NULL)
        return FALSE;
      if (options->code_ids->len > 0)
        {
          g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                               "A code group and a list of codes cannot be combined");
          return FALSE;
        }
    }

  for (guint i = 0; i < all->len; i++)
    {
      GlossCode *code = g_ptr_array_index (all, i);
      gpointer parent_place = g_hash_table_lookup (code_index, &code->parent_id);
      gpointer place = NULL;

      if (group != 0 && code->parent_id == group)
        {
          g_ptr_array_add (inputs->codes, gloss_code_copy (code));
          place = GUINT_TO_POINTER (inputs->codes->len);
        }
      else if (group != 0 && parent_place != NULL)
        place = parent_place;
      else if (group == 0 && (options->code_ids->len == 0 || contains_id (options->code_ids, code->id)))
        {
          g_ptr_array_add (inputs->codes, gloss_code_copy (code));
          place = GUINT_TO_POINTER (inputs->codes->len);
        }
      if (place != NULL)
        g_hash_table_insert (code_index, g_memdup2 (&code->id, sizeof (gint64)), place);
    }

  for (guint i = 0; i < options->code_ids->len; i++)
    if (!g_hash_table_contains (code_index, &g_array_index (options->code_ids, gint64, i)))
      {
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, "No code with id %" G_GINT64_FORMAT,
                     g_array_index (options->code_ids, gint64, i));
        return FALSE;
      }
  if (group != 0 && inputs->codes->len < 2)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   "The group %s needs two child codes or more", report->group);
      return FALSE;
    }
  return TRUE;
}

static int
compare_spans (const void *a,
               const void *b)
{
  const GlossAgreementSpan *x = a, *y = b;

  if (x->document != y->document)
    return x->document < y->document ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->coder != y->coder)
    return x->coder < y->coder ? -1 : 1;
  return (x->code > y->code) - (x->code < y->code);
}

static guint
lookup_index (GHashTable *index,
              gint64      id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (index, &id));
}

gboolean
_gloss_agreement_inputs_read_document (GlossAgreementInputs *inputs,
                                       guint                 d,
                                       GError              **error)
{
  GlossDocumentInfo *info = g_ptr_array_index (inputs->documents, d);
  sqlite3_stmt *stmt;
  int rc;

  if (inputs->current == d)
    return TRUE;
  /* The index on (document, coder, code, start, end) holds every column
   * read: the coding rows, with their quotes, are not touched. */
  stmt = _gloss_project_prepare (inputs->project,
                                 "SELECT coder_id, code_id, start, end FROM coding WHERE document_id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  g_array_set_size (inputs->spans, 0);
  inputs->current = G_MAXUINT;
  sqlite3_bind_int64 (stmt, 1, info->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint coder = lookup_index (inputs->coder_index, sqlite3_column_int64 (stmt, 0));
      guint code = lookup_index (inputs->code_index, sqlite3_column_int64 (stmt, 1));
      GlossAgreementSpan span = { d, coder - 1, code - 1, sqlite3_column_int64 (stmt, 2),
                                  sqlite3_column_int64 (stmt, 3), 0 };

      if (coder == 0 || code == 0 || span.end <= span.start)
        continue;
      g_array_append_val (inputs->spans, span);
    }
  if (rc != SQLITE_DONE)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "Cannot read the codings: %s",
                 sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;
  if (inputs->spans->len > 1)
    qsort (inputs->spans->data, inputs->spans->len, sizeof (GlossAgreementSpan), compare_spans);
  for (guint i = 0; i < inputs->spans->len; i++)
    g_array_index (inputs->spans, GlossAgreementSpan, i).coding = i;
  inputs->current = d;
  return TRUE;
}

static void run_bootstrap (gpointer data,
                           gpointer user_data);

static gboolean
gather_inputs (GlossProject                *project,
               const GlossAgreementOptions *options,
               GlossAgreementInputs        *inputs,
               GlossAgreementReport        *report,
               GError                     **error)
{
  g_autoptr(GHashTable) document_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) counts = NULL;
  GHashTable *coder_index, *code_index;
  GHashTableIter iter;
  gpointer id, n;

  if (options->unit == GLOSS_AGREEMENT_UNIT_SEGMENT
      && !(options->threshold > 0 && options->threshold <= 1))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   "The overlap threshold must lie in (0, 1], not %g", options->threshold);
      return FALSE;
    }
  if (options->group_id != 0 && options->unit != GLOSS_AGREEMENT_UNIT_DOCUMENT)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                           "A code group applies to the document unit only");
      return FALSE;
    }
  inputs->options = options;
  inputs->project = project;
  inputs->current = G_MAXUINT;
  inputs->spans = g_array_new (FALSE, FALSE, sizeof (GlossAgreementSpan));
  inputs->notes_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  coder_index = inputs->coder_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  code_index = inputs->code_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* The rows' bootstraps are drawn beside the rest, by rows whose place
   * does not move: room for every document's row is made at once. */
  if (options->samples > 0)
    inputs->bootstraps = g_thread_pool_new (run_bootstrap, NULL, 2, FALSE, NULL);
  if (!gather_documents (project, options, inputs, document_index, error)
      || !gather_codes (project, options, inputs, report, code_index, error)
      || (counts = count_by_coder (project, document_index, error)) == NULL
      || !gather_coders (project, options, inputs, report, counts, coder_index, error))
    return FALSE;
  g_array_unref (report->documents);
  report->documents = g_array_sized_new (FALSE, FALSE, sizeof (GlossAgreementRow), MAX (inputs->documents->len, 1));
  g_array_set_clear_func (report->documents, clear_row);
  /* the compared coders' codings: as many versions at most, and about as
   * many disagreements in text coded differently. Room made for them at
   * once spares copying the lists as they grow (and the pages not used
   * are never touched). */
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &id, &n))
    if (g_hash_table_contains (coder_index, id))
      inputs->n_codings += GPOINTER_TO_UINT (n);
  g_array_set_size (report->versions, inputs->n_codings);
  g_array_set_size (report->versions, 0);
  if (options->unit != GLOSS_AGREEMENT_UNIT_DOCUMENT)
    {
      g_array_set_size (report->disagreements, inputs->n_codings);
      g_array_set_size (report->disagreements, 0);
    }
  inputs->n_coders = report->coders->len;
  return TRUE;
}

/* Notes, in sentences. A measure left undefined gets one sentence for the
 * overall row and each pair, and one per measure and reason for the code
 * and document tables; rows without data get their own sentence. */

static void
note_undefined (GlossAgreementReport         *report,
                GlossAgreementInputs         *inputs,
                const char                   *scope,
                const GlossAgreementMeasures *measures)
{
  if (measures->no_data)
    return;
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (gloss_agreement_measures_has (measures, k) && !gloss_measure_is_defined (measures->values[k]))
      /* Translators: "Cohen's kappa is not given for the overall figures: it compares exactly two coders." */
      _gloss_agreement_report_note (report, inputs, _("%s is not given for %s: %s."),
                                    gloss_measure_kind_to_label (k), scope, measures->values[k].reason);
}

static void
note_undefined_rows (GlossAgreementReport *report,
                     GlossAgreementInputs *inputs,
                     GArray               *rows,
                     const char           *what)
{
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    {
      g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) order = g_ptr_array_new ();
      guint n_rows = 0;

      for (guint r = 0; r < rows->len; r++)
        {
          GlossAgreementRow *row = &g_array_index (rows, GlossAgreementRow, r);
          GlossMeasure value = row->measures.values[k];
          guint count;

          if (row->measures.no_data)
            continue;
          n_rows++;
          if (!gloss_agreement_measures_has (&row->measures, k) || gloss_measure_is_defined (value))
            continue;
          count = GPOINTER_TO_UINT (g_hash_table_lookup (reasons, value.reason));
          if (count == 0)
            g_ptr_array_add (order, (gpointer) value.reason);
          g_hash_table_insert (reasons, (gpointer) value.reason, GUINT_TO_POINTER (count + 1));
        }
      for (guint i = 0; i < order->len; i++)
        {
          const char *reason = g_ptr_array_index (order, i);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (reasons, reason));

          /* Translators: "Cohen's kappa is not given for 4 of 9 codes: it compares exactly two coders." */
          _gloss_agreement_report_note (report, inputs, _("%s is not given for %u of %u %s: %s."),
                                        gloss_measure_kind_to_label (k), count, n_rows, what, reason);
        }
    }
}

/* "A, B and C" */
static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? _(" and ") : ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

/* The labels of the rows without data, "A, B and C", or NULL. */
static char *
join_no_data (GArray *rows)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint r = 0; r < rows->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (rows, GlossAgreementRow, r);

      if (row->measures.no_data)
        g_ptr_array_add (names, row->label);
    }
  if (names->len == 0)
    return NULL;
  if (names->len > 8)
    {
      g_ptr_array_set_size (names, 8);
      g_ptr_array_add (names, (gpointer) _("others"));
    }
  return join_names (names);
}

static void
note_no_data (GlossAgreementReport *report,
              GlossAgreementInputs *inputs)
{
  g_autofree char *codes = join_no_data (report->codes);
  g_autofree char *documents = join_no_data (report->documents);

  if (codes != NULL && report->group != NULL)
    _gloss_agreement_report_note (report, inputs,
                                  _("No compared coder used the categories %s: they show “no data”."), codes);
  else if (codes != NULL)
    _gloss_agreement_report_note (report, inputs,
                                  _("No compared coder applied %s in the chosen documents: these codes show "
                                    "“no data” and are left out of the overall figures."), codes);
  if (documents != NULL)
    _gloss_agreement_report_note (report, inputs,
                                  _("No compared coder coded %s: these documents show “no data” and are left out "
                                    "of the overall figures."), documents);
}

/* Brennan-Prediger and AC1 assume a chance agreement that ignores how
 * rare coding is; where almost every unit is "not coded" by everybody,
 * they stay near 1 while alpha, which knows the values are skewed, is low. */
static gboolean
mark_prevalence (GlossAgreementMeasures *m)
{
  GlossMeasure alpha = m->values[GLOSS_MEASURE_KRIPPENDORFF_ALPHA];
  GlossMeasure bp = m->values[GLOSS_MEASURE_BRENNAN_PREDIGER];
  GlossMeasure ac1 = m->values[GLOSS_MEASURE_GWET_AC1];

  if (!gloss_agreement_measures_has (m, GLOSS_MEASURE_KRIPPENDORFF_ALPHA) || !gloss_measure_is_defined (alpha)
      || alpha.value >= 0.667)
    return FALSE;
  m->prevalence = (gloss_measure_is_defined (bp) && bp.value >= 0.8 && bp.value - alpha.value >= 0.2)
                  || (gloss_measure_is_defined (ac1) && ac1.value >= 0.8 && ac1.value - alpha.value >= 0.2);
  return m->prevalence;
}

static void
note_prevalence (GlossAgreementReport *report,
                 GlossAgreementInputs *inputs)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (mark_prevalence (&report->overall))
    g_ptr_array_add (names, (gpointer) _("the overall figures"));
  for (guint r = 0; r < report->codes->len; r++)
    {
      GlossAgreementRow *row = &g_array_index (report->codes, GlossAgreementRow, r);

      if (mark_prevalence (&row->measures))
        g_ptr_array_add (names, row->label);
    }
  for (guint r = 0; r < report->documents->len; r++)
    mark_prevalence (&g_array_index (report->documents, GlossAgreementRow, r).measures);
  for (guint p = 0; p < report->pairs->len; p++)
    mark_prevalence (&g_array_index (report->pairs, GlossAgreementPair, p).measures);
  if (names->len == 0)
    return;
  if (names->len > 8)
    {
      g_ptr_array_set_size (names, 8);
      g_ptr_array_add (names, (gpointer) _("others"));
    }
  {
    g_autofree char *joined = join_names (names);

    _gloss_agreement_report_note (report, inputs,
                                  _("For %s, Brennan-Prediger or Gwet's AC1 is high while Krippendorff's alpha is low. "
                                    "Most units are left uncoded by every coder, and these two coefficients count that "
                                    "agreement on absence as if chance could not explain it (the prevalence paradox); "
                                    "report alpha. %s"),
                                  joined,
                                  report->unit == GLOSS_AGREEMENT_UNIT_CHAR && !report->coded_only
                                  ? _("Try “Coded text only”, which compares just the characters some coder coded.") : "");
  }
}

static void
add_notes (GlossAgreementReport *report,
           GlossAgreementInputs *inputs)
{
  const char *what = report->group ? _("categories") : _("codes");

  if (inputs->left_out != NULL && inputs->left_out->len > 0)
    {
      g_autofree char *joined = join_names (inputs->left_out);

      _gloss_agreement_report_note (report, inputs,
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "%s made no codings in the chosen documents and is left out of the comparison.",
                                                 "%s made no codings in the chosen documents and are left out of the comparison.",
                                                 inputs->left_out->len),
                                    joined);
    }
  note_no_data (report, inputs);
  note_prevalence (report, inputs);
  if (report->samples > 0 && report->overall.bootstrap.defined)
    _gloss_agreement_report_note (report, inputs,
                                  _("The 95%% intervals and the probabilities that alpha lies below 0.667 and 0.800 "
                                    "come from %u bootstrap samples (Hayes & Krippendorff 2007, seed %" PRIu64 ")."),
                                  report->samples, report->seed);
  if (report->samples > 0 && report->unit == GLOSS_AGREEMENT_UNIT_CHAR)
    _gloss_agreement_report_note (report, inputs,
                                  _("Neighbouring characters are coded together, so the bootstrap resamples blocks of "
                                    "text, not single characters: each coded stretch of a code with the uncoded text after it."));
  if (report->samples > 0 && report->unit == GLOSS_AGREEMENT_UNIT_UNITIZED)
    _gloss_agreement_report_note (report, inputs,
                                  _("The intervals are those of u-alpha (2016), resampled by blocks of text: each coded "
                                    "stretch with the uncoded text after it, since neighbouring characters are coded together."));
  if (report->samples > 0 && report->unit == GLOSS_AGREEMENT_UNIT_SEGMENT)
    _gloss_agreement_report_note (report, inputs,
                                  _("The segment unit has no alpha, so no bootstrap intervals are given."));
  note_undefined (report, inputs, _("the overall figures"), &report->overall);
  note_undefined_rows (report, inputs, report->codes, what);
  note_undefined_rows (report, inputs, report->documents, _("documents"));
  for (guint p = 0; p < report->pairs->len; p++)
    {
      GlossAgreementPair *pair = &g_array_index (report->pairs, GlossAgreementPair, p);
      /* Translators: "the pair Ann and Ben" */
      g_autofree char *scope = g_strdup_printf (_("the pair %s and %s"),
                                                (char *) g_ptr_array_index (report->coders, pair->coder_a),
                                                (char *) g_ptr_array_index (report->coders, pair->coder_b));

      note_undefined (report, inputs, scope, &pair->measures);
    }
}

/* One row's bootstrap, run by the inputs' pool of threads (or at once):
 * each row's samples are its own, so rows can be drawn in any order. */
typedef struct
{
  GlossAgreementMeasures *measures;
  GlossBootstrapBlocks   *blocks;   /* NULL: the pairs of values drawn one by one */
  gboolean                owned;    /* the job frees @blocks */
  guint64                 seed;
  guint                   samples;
} BootstrapJob;

static void
run_bootstrap (gpointer data,
               gpointer user_data)
{
  BootstrapJob *job = data;
  GlossAgreementMeasures *m = job->measures;
  double alpha = m->values[m->alpha_kind].value;

  if (job->blocks != NULL)
    gloss_bootstrap_alpha_blocks (alpha, job->blocks, job->samples, job->seed, &m->bootstrap);
  else
    gloss_bootstrap_alpha (alpha, m->alpha_observed, m->alpha_pairs, job->samples, job->seed, &m->bootstrap);
  if (job->owned)
    gloss_bootstrap_blocks_free (job->blocks);
  g_free (job);
}

/* Draws @m's samples, on @blocks when given (taken if @owned); the
 * measures must stay where they are until the inputs' pool is done. */
static void
queue_bootstrap (GlossAgreementInputs   *inputs,
                 GlossAgreementMeasures *m,
                 GlossBootstrapBlocks   *blocks,
                 gboolean                owned,
                 guint64                 seed,
                 guint                   samples)
{
  BootstrapJob *job = g_new0 (BootstrapJob, 1);

  *job = (BootstrapJob) { m, blocks, owned, seed, samples };
  /* a bounded queue: a slow pool does not hold every document's blocks */
  if (inputs->bootstraps == NULL || g_thread_pool_unprocessed (inputs->bootstraps) > 64
      || !g_thread_pool_push (inputs->bootstraps, job, NULL))
    run_bootstrap (job, NULL);
}

/* Each row's samples have a seed of their own, derived from the report's,
 * so that a row's interval does not depend on the rows before it. With
 * blocks for its table, a row is resampled by them (or, without any, has
 * no interval); else its pairs of values are drawn one by one. @own_blocks:
 * the row's blocks, taken, instead of its table's. */
static void
bootstrap_row (GlossAgreementMeasures *m,
               GlossAgreementInputs   *inputs,
               GlossAgreementTable     table,
               guint                   row,
               guint64                 seed,
               guint                   samples,
               GlossBootstrapBlocks   *own_blocks)
{
  GlossMeasure alpha = m->values[m->alpha_kind];
  GPtrArray *blocks = inputs->blocks[table];

  if (m->no_data || m->alpha_pairs <= 0 || !gloss_agreement_measures_has (m, m->alpha_kind)
      || !gloss_measure_is_defined (alpha))
    {
      gloss_bootstrap_blocks_free (own_blocks);
      return;
    }
  if (own_blocks != NULL)
    queue_bootstrap (inputs, m, own_blocks, TRUE, seed, samples);
  else if (blocks != NULL)
    {
      if (row < blocks->len && blocks->pdata[row] != NULL)
        queue_bootstrap (inputs, m, blocks->pdata[row], FALSE, seed, samples);
    }
  else
    queue_bootstrap (inputs, m, NULL, FALSE, seed, samples);
}

static guint64
row_seed (guint64 seed,
          guint   table,
          guint   row)
{
  guint64 x = seed ^ (((guint64) table << 56) + (guint64) row * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  /* splitmix64's finaliser */
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

void
_gloss_agreement_report_bootstrap_document (GlossAgreementReport *report,
                                            GlossAgreementInputs *inputs,
                                            guint                 d,
                                            GlossBootstrapBlocks *blocks)
{
  GlossAgreementTable table = GLOSS_AGREEMENT_TABLE_DOCUMENTS;

  /* the row's blocks go with its job: add_bootstraps() finds none for it */
  _gloss_agreement_inputs_set_blocks (inputs, table, d, NULL);
  if (report->samples > 0)
    bootstrap_row (&g_array_index (report->documents, GlossAgreementRow, d).measures, inputs, table, d,
                   row_seed (report->seed, table, d), report->samples, blocks);
  else
    gloss_bootstrap_blocks_free (blocks);
}

static void
add_bootstraps (GlossAgreementReport *report,
                GlossAgreementInputs *inputs)
{
  guint samples = report->samples;

  if (samples == 0)
    return;
  bootstrap_row (&report->overall, inputs, GLOSS_AGREEMENT_TABLE_OVERALL, 0, row_seed (report->seed, 0, 0), samples,
                 NULL);
  for (guint r = 0; r < report->codes->len; r++)
    bootstrap_row (&g_array_index (report->codes, GlossAgreementRow, r).measures, inputs,
                   GLOSS_AGREEMENT_TABLE_CODES, r, row_seed (report->seed, 1, r), samples, NULL);
  for (guint r = 0; r < report->documents->len; r++)
    bootstrap_row (&g_array_index (report->documents, GlossAgreementRow, r).measures, inputs,
                   GLOSS_AGREEMENT_TABLE_DOCUMENTS, r, row_seed (report->seed, 2, r), samples, NULL);
  for (guint p = 0; p < report->pairs->len; p++)
    bootstrap_row (&g_array_index (report->pairs, GlossAgreementPair, p).measures, inputs,
                   GLOSS_AGREEMENT_TABLE_PAIRS, p, row_seed (report->seed, 3, p), samples, NULL);
}

/* A code or document in which no compared coder made a coding. */
static void
mark_segment_no_data (GlossAgreementReport *report)
{
  GArray *tables[] = { report->codes, report->documents };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint r = 0; r < tables[t]->len; r++)
      {
        GlossAgreementRow *row = &g_array_index (tables[t], GlossAgreementRow, r);

        if (row->measures.units == 0)
          gloss_agreement_measures_set_no_data (&row->measures);
      }
}

GlossAgreementReport *
gloss_agreement_report_compute (GlossProject                *project,
                                const GlossAgreementOptions *options,
                                GCancellable                *cancellable,
                                GError                     **error)
{
  g_autoptr(GlossAgreementReport) report = report_new (options);
  g_auto(GlossAgreementInputs) inputs = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  inputs.cancellable = cancellable;
  if (!gather_inputs (project, options, &inputs, report, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  switch (options->unit)
    {
    case GLOSS_AGREEMENT_UNIT_DOCUMENT:
      ok = _gloss_agreement_compute_document (&inputs, report, error);
      break;
    case GLOSS_AGREEMENT_UNIT_CHAR:
      ok = _gloss_agreement_compute_char (&inputs, report, error);
      break;
    case GLOSS_AGREEMENT_UNIT_SEGMENT:
      ok = _gloss_agreement_compute_segment (&inputs, report, error);
      break;
    case GLOSS_AGREEMENT_UNIT_UNITIZED:
      ok = _gloss_agreement_compute_unitized (&inputs, report, error);
      break;
    default:
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "Unknown unit of analysis");
    }
  if (!ok)
    return NULL;
  if (options->unit == GLOSS_AGREEMENT_UNIT_SEGMENT)
    mark_segment_no_data (report);

  /* each part finished its documents' disagreements, in text order */
  report->quotes = gloss_agreement_quotes_new (project);
  add_bootstraps (report, &inputs);
  /* every row's samples drawn before the notes speak of them */
  g_clear_pointer (&inputs.bootstraps, wait_for_bootstraps);
  add_notes (report, &inputs);
  return g_steal_pointer (&report);
}

/* Off the main thread: the worker opens the project file again, so it never
 * shares the caller's connection. */

typedef struct
{
  char                  *path;
  GlossAgreementOptions *options;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_free (data->path);
  gloss_agreement_options_free (data->options);
  g_free (data);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (data->path, &error);
  GlossAgreementReport *report = NULL;

  if (project != NULL)
    report = gloss_agreement_report_compute (project, data->options, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) gloss_agreement_report_free);
}

void
gloss_agreement_report_compute_async (GlossProject                *project,
                                      const GlossAgreementOptions *options,
                                      GCancellable                *cancellable,
                                      GAsyncReadyCallback          callback,
                                      gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (GLOSS_IS_PROJECT (project));
  g_return_if_fail (options != NULL);

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_agreement_report_compute_async);
  data = g_new0 (ComputeData, 1);
  data->path = g_strdup (gloss_project_get_path (project));
  data->options = gloss_agreement_options_copy (options);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

GlossAgreementReport *
gloss_agreement_report_compute_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_agreement_report_compute_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
