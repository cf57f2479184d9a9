/* gloss-project-documents.c: importing, listing and reading documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-import.h"
#include "gloss-pdf-text.h"
#include "gloss-project-private.h"

#define DOCUMENT_COLUMNS \
  "d.id, d.guid, d.title, d.filename, d.kind, d.sha256, d.size, d.n_pages, d.n_chars, d.created, " \
  "(SELECT count(*) FROM coding c WHERE c.document_id = d.id)"

static GlossDocumentInfo *
document_from_row (sqlite3_stmt *stmt)
{
  GlossDocumentInfo *info = g_new0 (GlossDocumentInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->guid = _gloss_column_dup_text (stmt, 1);
  info->title = _gloss_column_dup_text (stmt, 2);
  info->filename = _gloss_column_dup_text (stmt, 3);
  gloss_document_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &info->kind);
  info->sha256 = _gloss_column_dup_text (stmt, 5);
  info->size = sqlite3_column_int64 (stmt, 6);
  info->n_pages = sqlite3_column_int (stmt, 7);
  info->n_chars = sqlite3_column_int64 (stmt, 8);
  info->created = sqlite3_column_int64 (stmt, 9);
  info->n_codings = sqlite3_column_int64 (stmt, 10);

  return info;
}

static void
set_not_found (GError **error,
               gint64   document_id)
{
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
               _("No document %" PRId64 " in the project"), document_id);
}

/* Looks for a stored document with the same bytes; 0 if none. */
static gint64
find_by_checksum (GlossProject *self,
                  const char   *sha256,
                  gboolean     *removed)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, "SELECT id, removed FROM document WHERE sha256 = ?1", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *removed = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  return id;
}

static gboolean
store_pages (GlossProject  *self,
             gint64         document_id,
             GArray        *pages,
             GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "INSERT INTO page (document_id, idx, start, length, width, height) "
                                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < pages->len; i++)
    {
      const GlossPage *page = &g_array_index (pages, GlossPage, i);

      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_int (stmt, 2, page->index);
      sqlite3_bind_int64 (stmt, 3, page->start);
      sqlite3_bind_int64 (stmt, 4, page->length);
      sqlite3_bind_double (stmt, 5, page->width);
      sqlite3_bind_double (stmt, 6, page->height);
      if (!_gloss_project_run (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

#define BLOB_CHUNK (1024 * 1024)

/* Writes @size bytes at @offset of an open blob, a megabyte at a time. */
gboolean
_gloss_project_blob_write (GlossProject  *self,
                           sqlite3_blob  *blob,
                           const void    *data,
                           gsize          size,
                           gint64         offset,
                           GError       **error)
{
  for (gsize done = 0; done < size;)
    {
      int piece = (int) MIN ((gsize) BLOB_CHUNK, size - done);

      if (sqlite3_blob_write (blob, (const guint8 *) data + done, piece, offset + done) != SQLITE_OK)
        {
          _gloss_project_set_error (self, error, _("Cannot change the project"));
          return FALSE;
        }
      done += piece;
    }

  return TRUE;
}

static gboolean
fill_from_bytes (GlossProject  *self,
                 sqlite3_blob  *blob,
                 gpointer       user_data,
                 GError       **error)
{
  GBytes *bytes = user_data;
  gsize size = 0;
  const void *data = g_bytes_get_data (bytes, &size);

  return _gloss_project_blob_write (self, blob, data, size, 0, error);
}

gint64
_gloss_project_store_document (GlossProject           *self,
                               GlossImportedDocument  *doc,
                               GError                **error)
{
  return _gloss_project_store_document_with (self, doc, g_bytes_get_size (doc->bytes), fill_from_bytes, doc->bytes, error);
}

/* The bytes go in through incremental blob I/O, into a zeroblob of their
 * size: SQLite never builds a record holding them all. */
gint64
_gloss_project_store_document_with (GlossProject           *self,
                                    GlossImportedDocument  *doc,
                                    gint64                  size,
                                    GlossBlobFill           fill,
                                    gpointer                user_data,
                                    GError                **error)
{
  sqlite3_blob *blob = NULL;
  gboolean filled;
  g_autofree char *guid = doc->guid != NULL ? g_strdup (doc->guid) : _gloss_new_guid ();
  g_autofree char *label = g_strdup_printf (_("Import “%s”"), doc->title);
  sqlite3_stmt *stmt;
  gint64 id;

  if (!gloss_project_begin_step (self, label, error))
    return 0;

  stmt = _gloss_project_prepare (self,
                                 "INSERT INTO document (guid, title, filename, kind, sha256, size, password, "
                                 "n_pages, n_chars, text, created, text_extraction) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, doc->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, doc->filename, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, gloss_document_kind_to_string (doc->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, doc->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, size);
  if (doc->password != NULL)
    sqlite3_bind_text (stmt, 7, doc->password, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, doc->pages->len);
  sqlite3_bind_int64 (stmt, 9, doc->n_chars);
  sqlite3_bind_text (stmt, 10, doc->text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, _gloss_now ());
  sqlite3_bind_int (stmt, 12, GLOSS_PDF_TEXT_VERSION);
  if (!_gloss_project_run (self, stmt, error))
    goto fail;
  sqlite3_bind_null (stmt, 10);
  id = sqlite3_last_insert_rowid (self->db);

  stmt = _gloss_project_prepare (self, "INSERT INTO document_blob (document_id, bytes) VALUES (?1, zeroblob (?2))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, size);
  if (!_gloss_project_run (self, stmt, error))
    goto fail;
  if (size > 0)
    {
      if (sqlite3_blob_open (self->db, "main", "document_blob", "bytes", id, 1, &blob) != SQLITE_OK)
        {
          _gloss_project_set_error (self, error, _("Cannot change the project"));
          sqlite3_blob_close (blob);
          goto fail;
        }
      filled = fill (self, blob, user_data, error);
      if (sqlite3_blob_close (blob) != SQLITE_OK && filled)
        {
          _gloss_project_set_error (self, error, _("Cannot change the project"));
          filled = FALSE;
        }
      if (!filled)
        goto fail;
    }

  if (!store_pages (self, id, doc->pages, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_DOCUMENTS);
  if (!gloss_project_end_step (self, error))
    return 0;

  return id;

fail:
  gloss_project_abort_step (self);
  return 0;
}

/* A removed document imported again comes back, with its codings. */
static gboolean
restore_document (GlossProject  *self,
                  gint64         id,
                  GError       **error)
{
  sqlite3_stmt *stmt;

  if (!gloss_project_begin_step (self, _("Import document"), error))
    return FALSE;

  stmt = _gloss_project_prepare (self, "UPDATE document SET removed = 0 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_gloss_project_run (self, stmt, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_DOCUMENTS | GLOSS_CHANGE_CODINGS);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

static gint64
import_loaded (GlossProject  *self,
               const char    *path,
               GBytes        *bytes,
               const char    *password,
               gboolean      *out_duplicate,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GlossImportedDocument) doc = NULL;
  g_autofree char *sha256 = gloss_import_checksum (bytes);
  gboolean removed = FALSE;
  gint64 existing;

  if (out_duplicate != NULL)
    *out_duplicate = FALSE;

  existing = find_by_checksum (self, sha256, &removed);
  if (existing != 0)
    {
      if (removed)
        return restore_document (self, existing, error) ? existing : 0;
      if (out_duplicate != NULL)
        *out_duplicate = TRUE;
      return existing;
    }

  doc = gloss_import_read (path, bytes, password, cancellable, error);
  if (doc == NULL)
    return 0;

  return _gloss_project_store_document (self, doc, error);
}

gint64
gloss_project_import_file (GlossProject  *self,
                           const char    *path,
                           const char    *password,
                           gboolean      *out_duplicate,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!_gloss_project_check_writable (self, error))
    return 0;

  bytes = gloss_import_load_bytes (path, error);
  if (bytes == NULL)
    return 0;

  return import_loaded (self, path, bytes, password, out_duplicate, NULL, error);
}

gint64
gloss_project_import_text (GlossProject  *self,
                           const char    *title,
                           const char    *text,
                           gssize         length,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossImportedDocument) doc = NULL;
  g_autofree char *sha256 = NULL;
  gboolean removed = FALSE;
  gint64 existing;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);
  g_return_val_if_fail (title != NULL && text != NULL, 0);

  if (!_gloss_project_check_writable (self, error))
    return 0;

  bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);
  sha256 = gloss_import_checksum (bytes);
  existing = find_by_checksum (self, sha256, &removed);
  if (existing != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE,
                   _("The same text is already in the project"));
      return 0;
    }

  doc = gloss_import_read_text (title, bytes, error);
  if (doc == NULL)
    return 0;

  return _gloss_project_store_document (self, doc, error);
}

/* The one import loop: each file on its own, refused files with their
 * reason; @progress (may be NULL) follows it from another thread. */
static GPtrArray *
import_files (GlossProject        *self,
              const char * const  *paths,
              const char          *password,
              GlossImportProgress *progress,
              GCancellable        *cancellable)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_import_result_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      GlossImportResult *result = g_new0 (GlossImportResult, 1);
      gboolean duplicate = FALSE;

      result->path = g_strdup (paths[i]);
      g_ptr_array_add (results, result);
      if (progress != NULL)
        _gloss_import_progress_begin_file (progress, i, paths[i]);

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          result->status = GLOSS_IMPORT_REFUSED;
          result->message = g_strdup (_("Import cancelled"));
          continue;
        }

      if (_gloss_project_check_writable (self, &error))
        bytes = gloss_import_load_bytes (paths[i], &error);
      if (bytes != NULL)
        result->document_id = import_loaded (self, paths[i], bytes, password, &duplicate,
                                             cancellable, &error);

      if (result->document_id == 0)
        {
          result->status = GLOSS_IMPORT_REFUSED;
          result->message = g_strdup (error->message);
          result->error_code = error->domain == GLOSS_ERROR ? error->code : 0;
        }
      else if (duplicate)
        {
          g_autoptr(GlossDocumentInfo) info = gloss_project_get_document (self, result->document_id, NULL);
          g_autofree char *name = g_filename_display_basename (paths[i]);

          result->status = GLOSS_IMPORT_DUPLICATE;
          result->message = g_strdup_printf (_("“%s” is already in the project as “%s”"), name,
                                             info != NULL ? info->title : "?");
        }
      else
        result->status = GLOSS_IMPORT_IMPORTED;
    }
  if (progress != NULL)
    _gloss_import_progress_begin_file (progress, results->len, NULL);

  return results;
}

GPtrArray *
gloss_project_import_files (GlossProject       *self,
                            const char * const *paths,
                            const char         *password,
                            GCancellable       *cancellable)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), g_ptr_array_new ());

  return import_files (self, paths, password, NULL, cancellable);
}

typedef struct
{
  char                *project_path;
  GStrv                paths;
  char                *password;
  GlossImportProgress *progress;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->project_path);
  g_strfreev (job->paths);
  g_free (job->password);
  g_clear_pointer (&job->progress, gloss_import_progress_unref);
  g_free (job);
}

/* The thread has its own connection to the file. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GPtrArray) results = NULL;
  GError *error = NULL;

  if ((project = gloss_project_open (job->project_path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  results = import_files (project, (const char * const *) job->paths, job->password, job->progress, cancellable);
  gloss_project_close (project);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

void
gloss_project_import_files_async (GlossProject        *self,
                                  const char * const  *paths,
                                  const char          *password,
                                  GlossImportProgress *progress,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (GLOSS_IS_PROJECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_project_import_files_async);
  job = g_new0 (ImportJob, 1);
  job->project_path = g_strdup (self->path);
  job->paths = g_strdupv ((GStrv) paths);
  job->password = g_strdup (password);
  if (progress != NULL)
    {
      job->progress = gloss_import_progress_ref (progress);
      _gloss_import_progress_start (progress, job->paths != NULL ? g_strv_length (job->paths) : 0);
    }
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

GPtrArray *
gloss_project_import_files_finish (GlossProject  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
gloss_project_list_documents (GlossProject  *self,
                              GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return _gloss_project_query_rows (self,
                                    "SELECT " DOCUMENT_COLUMNS " FROM document d WHERE d.removed = 0 ORDER BY d.id",
                                    0, (GlossRowFunc) document_from_row,
                                    (GDestroyNotify) gloss_document_info_free, error);
}

GlossDocumentInfo *
gloss_project_get_document (GlossProject  *self,
                            gint64         document_id,
                            GError       **error)
{
  GlossDocumentInfo *info;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  info = _gloss_project_query_row (self,
                                   "SELECT " DOCUMENT_COLUMNS " FROM document d WHERE d.id = ?1 AND d.removed = 0",
                                   document_id, (GlossRowFunc) document_from_row, error);
  if (info == NULL && (error == NULL || *error == NULL))
    set_not_found (error, document_id);

  return info;
}

gint64
gloss_project_find_document (GlossProject  *self,
                             const char    *id_or_title,
                             GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  char *end = NULL;
  gint64 number;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);
  g_return_val_if_fail (id_or_title != NULL, 0);

  /* A title wins over a number, so a document called "2" can be named. */
  stmt = _gloss_project_prepare (self,
                                 "SELECT id FROM document WHERE removed = 0 AND title = ?1 ORDER BY id LIMIT 1",
                                 error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, id_or_title, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id != 0)
    return id;

  number = g_ascii_strtoll (id_or_title, &end, 10);
  if (end != id_or_title && *end == '\0' && number > 0)
    {
      /* Only whether it is there: not its count of codings. */
      stmt = _gloss_project_prepare (self, "SELECT id FROM document WHERE id = ?1 AND removed = 0", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, number);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (id != 0)
        return id;
    }

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
               _("No document “%s” in the project"), id_or_title);
  return 0;
}

gint64
_gloss_project_document_length (GlossProject  *self,
                                gint64         document_id,
                                GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, "SELECT n_chars FROM document WHERE id = ?1 AND removed = 0", error);
  gint64 length = -1;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    length = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (length < 0)
    set_not_found (error, document_id);

  return length;
}

char *
gloss_project_get_text (GlossProject  *self,
                        gint64         document_id,
                        gint64         start,
                        gint64         end,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 length;
  char *text = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  length = _gloss_project_document_length (self, document_id, error);
  if (length < 0)
    return NULL;

  if (end < 0)
    end = length;

  if (start < 0 || start > end || end > length)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The range %" PRId64 ":%" PRId64 " lies outside the document (0:%" PRId64 ")"),
                   start, end, length);
      return NULL;
    }

  /* substr() counts characters in UTF-8 text, as our offsets do. */
  stmt = _gloss_project_prepare (self, "SELECT substr (text, ?2 + 1, ?3) FROM document WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end - start);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return text != NULL ? text : g_strdup ("");
}

GBytes *
gloss_project_get_bytes (GlossProject  *self,
                         gint64         document_id,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  stmt = _gloss_project_prepare (self, "SELECT bytes FROM document_blob WHERE document_id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);

  if (bytes == NULL)
    set_not_found (error, document_id);

  return bytes;
}

char *
gloss_project_dup_document_password (GlossProject *self,
                                     gint64        document_id)
{
  sqlite3_stmt *stmt;
  char *password = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  stmt = _gloss_project_prepare (self, "SELECT password FROM document WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    password = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return password;
}

GPtrArray *
gloss_project_get_pages (GlossProject  *self,
                         gint64         document_id,
                         GError       **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_page_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if (_gloss_project_document_length (self, document_id, error) < 0)
    return NULL;

  stmt = _gloss_project_prepare (self,
                                 "SELECT idx, start, length, width, height FROM page "
                                 "WHERE document_id = ?1 ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GlossPage *page = g_new0 (GlossPage, 1);

      page->index = sqlite3_column_int (stmt, 0);
      page->start = sqlite3_column_int64 (stmt, 1);
      page->length = sqlite3_column_int64 (stmt, 2);
      page->width = sqlite3_column_double (stmt, 3);
      page->height = sqlite3_column_double (stmt, 4);
      g_ptr_array_add (pages, page);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&pages);
}

static gboolean
update_document (GlossProject  *self,
                 const char    *label,
                 const char    *sql,
                 gint64         document_id,
                 const char    *text,
                 GError       **error)
{
  sqlite3_stmt *stmt;

  if (_gloss_project_document_length (self, document_id, error) < 0)
    return FALSE;

  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  stmt = _gloss_project_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  if (!_gloss_project_run (self, stmt, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_DOCUMENTS | GLOSS_CHANGE_CODINGS);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

gboolean
gloss_project_rename_document (GlossProject  *self,
                               gint64         document_id,
                               const char    *title,
                               GError       **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (title != NULL ? title : ""));

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (*clean == '\0')
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A document needs a title"));
      return FALSE;
    }

  return update_document (self, _("Rename document"),
                          "UPDATE document SET title = ?2 WHERE id = ?1", document_id, clean, error);
}

gboolean
gloss_project_remove_document (GlossProject  *self,
                               gint64         document_id,
                               GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return update_document (self, _("Remove document"),
                          "UPDATE document SET removed = 1 WHERE id = ?1", document_id, NULL, error);
}
