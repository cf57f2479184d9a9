/* gloss-project.c: opening, closing, statements and steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-atomic-file.h"
#include "gloss-project-private.h"

#define BUSY_TIMEOUT_MS 10000

G_DEFINE_FINAL_TYPE (GlossProject, gloss_project, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
gloss_project_finalize (GObject *object)
{
  GlossProject *self = GLOSS_PROJECT (object);

  gloss_project_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (gloss_project_parent_class)->finalize (object);
}

static void
gloss_project_class_init (GlossProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_project_finalize;

  /**
   * GlossProject::changed:
   * @changes: the #GlossChange flags of what a committed step touched
   *
   * Emitted after each committed change, undo and redo.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
gloss_project_init (GlossProject *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/* Helpers shared by the topic files */

gboolean
_gloss_set_sqlite_error (sqlite3     *db,
                         int          rc,
                         GError     **error,
                         const char  *what)
{
  int code = GLOSS_ERROR_FAILED;
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      code = GLOSS_ERROR_NOT_A_PROJECT;
      break;
    case SQLITE_CORRUPT:
      code = GLOSS_ERROR_DAMAGED;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = GLOSS_ERROR_READ_ONLY;
      break;
    case SQLITE_FULL:
      code = GLOSS_ERROR_NO_SPACE;
      message = _("the disk is full");
      break;
    case SQLITE_IOERR:
      /* A write refused for lack of room (ENOSPC comes as SQLITE_FULL; a
       * quota or a file size limit as a write error) is no hardware fault. */
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE)
        {
          int saved = db != NULL ? sqlite3_system_errno (db) : 0;
          code = saved == EDQUOT || saved == EFBIG ? GLOSS_ERROR_NO_SPACE : GLOSS_ERROR_FAILED;
          message = _("the project file could not be written (is the disk full?)");
        }
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = GLOSS_ERROR_BUSY;
      message = _("another program keeps the project busy; try again");
      break;
    case SQLITE_CONSTRAINT:
      code = GLOSS_ERROR_DUPLICATE;
      break;
    default:
      break;
    }

  g_set_error (error, GLOSS_ERROR, code, "%s: %s", what, message);
  return FALSE;
}

void
_gloss_project_set_error (GlossProject  *self,
                          GError       **error,
                          const char    *what)
{
  _gloss_set_sqlite_error (self->db, sqlite3_extended_errcode (self->db), error, what);
}

gboolean
_gloss_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

char *
_gloss_new_guid (void)
{
  return g_uuid_string_random ();
}

void
_gloss_guid_sequence_init (GlossGuidSequence *sequence)
{
  guint64 ms = (guint64) g_get_real_time () / 1000;

  /* 48 bits of milliseconds, the version, 12 random bits; then the
   * variant, 30 random bits and a counter with room for 2^31 rows */
  sequence->high = (ms & G_GUINT64_CONSTANT (0xffffffffffff)) << 16 | 0x7000 | (g_random_int () & 0xfff);
  sequence->random_low = g_random_int () & 0x3fffffff;
  sequence->counter = g_random_int () & 0x7fffffff;
}

void
_gloss_guid_sequence_next (GlossGuidSequence *sequence,
                           char               guid[GLOSS_GUID_LENGTH + 1])
{
  static const char digits[] = "0123456789abcdef";
  guint64 low = G_GUINT64_CONSTANT (2) << 62 | (guint64) sequence->random_low << 32 | sequence->counter++;
  guint64 halves[] = { sequence->high, low };
  char *out = guid;

  for (guint i = 0; i < 32; i++)
    {
      guint64 half = halves[i / 16];

      if (i == 8 || i == 12 || i == 16 || i == 20)
        *out++ = '-';
      *out++ = digits[(half >> (60 - 4 * (i % 16))) & 0xf];
    }
  *out = '\0';
}

gint64
_gloss_now (void)
{
  return g_get_real_time ();
}

char *
_gloss_column_dup_text (sqlite3_stmt *stmt,
                        int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;
  /* A project file is a database anyone can edit: what it holds in a text
   * column need not be UTF-8, which the rest of Gloss relies on. */
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);
  return g_strdup (text);
}

sqlite3_stmt *
_gloss_project_prepare (GlossProject  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (self->db == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("The project is closed"));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot read the project"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

GPtrArray *
_gloss_project_query_rows (GlossProject    *self,
                           const char      *sql,
                           gint64           id,
                           GlossRowFunc     from_row,
                           GDestroyNotify   free_func,
                           GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gloss_set_sqlite_error (self->db, rc, error, _("Cannot read the project"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

gpointer
_gloss_project_query_row (GlossProject  *self,
                          const char    *sql,
                          gint64         id,
                          GlossRowFunc   from_row,
                          GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, error);
  gpointer row = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = from_row (stmt);
  sqlite3_reset (stmt);

  return row;
}

gboolean
_gloss_project_exec (GlossProject  *self,
                     const char    *sql,
                     GError       **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  sqlite3_free (message);
  if (rc != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot change the project"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_gloss_project_run (GlossProject  *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _gloss_project_set_error (self, error, _("Cannot change the project"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/* Opening */

typedef enum
{
  OPEN_NORMAL,     /* read and write, schema checked */
  OPEN_SNAPSHOT,   /* only read, never a byte changed, schema checked */
  OPEN_FOR_CHECK,  /* as a snapshot, but whatever the schema holds */
  OPEN_READ_ONLY,  /* as a snapshot, Gloss's tables as Gloss defines them, rows unchecked */
} OpenMode;

/* Reads the first bytes of the file through the connection's own file
 * descriptor. Reading it any other way (GIO, open(2)) and closing that
 * descriptor would drop every POSIX lock this process holds on the file,
 * those of other open connections included: another program would then
 * think itself alone, checkpoint and delete the WAL under our feet. */
static gboolean
check_header (GlossProject  *self,
              GError       **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  sqlite3_file *file = NULL;
  unsigned char header[100] = { 0 };
  int rc;

  rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot read “%s”"), name);
      return FALSE;
    }

  /* A short read fills the rest with zeros and is no error here: an empty
   * or truncated file is simply no project. */
  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot read “%s”: %s"), name, sqlite3_errstr (rc));
      return FALSE;
    }

  /* The magic, then the application id (big-endian at offset 68), which
   * Gloss writes when it creates the file. */
  if (memcmp (header, "SQLite format 3", 16) != 0 ||
      ((guint32) header[68] << 24 | (guint32) header[69] << 16 |
       (guint32) header[70] << 8 | (guint32) header[71]) != GLOSS_APPLICATION_ID)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Gloss project"), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_pragma_int (GlossProject  *self,
                 const char    *sql,
                 int           *value,
                 GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_autofree char *name = g_filename_display_basename (self->path);
      int code = (rc & 0xff) == SQLITE_NOTADB ? GLOSS_ERROR_NOT_A_PROJECT : GLOSS_ERROR_DAMAGED;

      if ((rc & 0xff) == SQLITE_BUSY)
        _gloss_set_sqlite_error (self->db, rc, error, name);
      else
        g_set_error (error, GLOSS_ERROR, code,
                     code == GLOSS_ERROR_NOT_A_PROJECT
                     ? _("“%s” is not a Gloss project")
                     : _("“%s” is damaged and cannot be opened"), name);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
configure_connection (GlossProject  *self,
                      GError       **error)
{
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, TRUE);

  /* A larger page cache and memory-mapped reads: large projects are read
   * in bulk by agreement reports and exports. Temporary files in memory:
   * each step inside a larger one (a load's codings) is a savepoint, whose
   * journal would otherwise be written to a file page by page. */
  if (!_gloss_project_exec (self, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; "
                                  "PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY", error))
    return FALSE;

  if (!self->read_only &&
      !_gloss_project_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
    return FALSE;

  return TRUE;
}

/* Reads the schema and the core tables, which a damaged file cannot give. */
static gboolean
schema_is_readable (GlossProject *self)
{
  sqlite3_stmt *stmt = NULL;
  int count = -1;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                          "('project', 'coder', 'document', 'document_blob', 'page', 'code', 'coding', 'memo', "
                          "'history_step', 'history_change')", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (count != 10)
    return FALSE;

  /* Touch each core table once: a broken page shows here. */
  return sqlite3_exec (self->db,
                       "SELECT count(*) FROM project; SELECT count(*) FROM coder; SELECT count(*) FROM code; "
                       "SELECT max (id) FROM coding; SELECT max (id) FROM document",
                       NULL, NULL, NULL) == SQLITE_OK;
}

/* Refuses files that are not ours or are newer, before anything is written. */
static gboolean
check_identity (GlossProject  *self,
                int           *version,
                GError       **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  int application_id = 0;

  if (!read_pragma_int (self, "PRAGMA application_id", &application_id, error) ||
      !read_pragma_int (self, "PRAGMA user_version", version, error))
    return FALSE;

  if (application_id != GLOSS_APPLICATION_ID)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Gloss project"), name);
      return FALSE;
    }

  if (*version > GLOSS_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Gloss (format %d; this version reads up to %d). Update Gloss to open it."),
                   name, *version, GLOSS_PROJECT_SCHEMA_VERSION);
      return FALSE;
    }

  if (*version < 1 || !schema_is_readable (self))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED,
                   _("“%s” is damaged and cannot be opened"), name);
      return FALSE;
    }

  return TRUE;
}

void
_gloss_harden_connection (sqlite3 *db)
{
  /* Triggers, views, defaults and checks stored in a file may only call
   * functions without side effects, and the schema cannot be written as
   * a table (PRAGMA writable_schema and the like are refused). */
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
}

/* The file as an SQLite URI that opens it only to read: immutable (no
 * lock, no -shm, not a byte written) when no -wal or -journal lies beside
 * it, for then the file itself holds everything; read-only otherwise, so
 * that the changes still in its WAL are read too. */
static char *
snapshot_uri (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  gboolean settled = !g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (journal, G_FILE_TEST_EXISTS);

  if (uri == NULL)
    return NULL;

  return g_strconcat (uri, settled ? "?mode=ro&immutable=1" : "?mode=ro", NULL);
}

static gboolean
open_connection (GlossProject  *self,
                 gboolean       create,
                 gboolean       snapshot,
                 GError       **error)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_NOMUTEX;
  int rc;

  if (create)
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  else if (self->read_only)
    flags |= SQLITE_OPEN_READONLY;
  else
    flags |= SQLITE_OPEN_READWRITE;

  if (snapshot && (uri = snapshot_uri (self->path)) != NULL)
    flags |= SQLITE_OPEN_URI;

  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_basename (self->path);
      _gloss_set_sqlite_error (self->db, rc, error, name);
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }

  /* Wait for other writers from the very first read: opening while another
   * program commits, checkpoints or switches the file to WAL is normal. */
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  _gloss_harden_connection (self->db);
  return TRUE;
}

/* A file nobody may write by its mode bits is opened read-only, also by
 * root, whom access(2) would let write anything. */
static gboolean
file_is_writable (const char *path)
{
  GStatBuf buf;

  if (g_access (path, W_OK) != 0 || g_stat (path, &buf) != 0)
    return FALSE;

  return (buf.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
}

/* Refuses a file whose schema holds anything Gloss did not create: a
 * trigger, a view, a changed table. Nothing of it has run yet. */
static gboolean
check_schema (GlossProject  *self,
              int            version,
              gboolean       own_only,
              GError       **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;

  if (own_only)
    _gloss_project_check_own_schema (self, version, problems);
  else
    _gloss_project_check_schema (self, version, problems);
  if (problems->len == 0)
    return TRUE;

  name = g_filename_display_basename (self->path);
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FOREIGN_SCHEMA,
               _("“%s” was not opened, so that nothing another program put in it can run; "
                 "it is unchanged. %s “gloss-cli check” lists every difference."),
               name, (const char *) g_ptr_array_index (problems, 0));
  return FALSE;
}

/* Refuses a file that breaks what every command relies on (GUIDs, the
 * codebook tree, the pages, the project row), before anything reads it. */
static gboolean
check_open_invariants (GlossProject  *self,
                       GError       **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;

  _gloss_project_check_open_invariants (self, problems);
  if (problems->len == 0)
    return TRUE;

  name = g_filename_display_basename (self->path);
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED,
               _("“%s” was not opened, it is unchanged: %s “gloss-cli check” lists every problem."),
               name, (const char *) g_ptr_array_index (problems, 0));
  return FALSE;
}

static GlossProject *
open_project (const char  *path,
              OpenMode     mode,
              GError     **error)
{
  g_autoptr(GlossProject) self = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* stat(2) only: no descriptor on the file is opened outside SQLite. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("Cannot open “%s”: %s"),
                   name, g_strerror (ENOENT));
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_A_PROJECT, _("“%s” is not a Gloss project"), name);
      return NULL;
    }

  self = g_object_new (GLOSS_TYPE_PROJECT, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->read_only = mode != OPEN_NORMAL || !file_is_writable (path);

  if (!open_connection (self, FALSE, mode != OPEN_NORMAL, error) ||
      !check_header (self, error) ||
      !check_identity (self, &version, error) ||
      (mode != OPEN_FOR_CHECK && !check_schema (self, version, mode == OPEN_READ_ONLY, error)))
    return NULL;

  /* Before the connection is set up (which turns the file to WAL) and
   * before a migration (a file from an older Gloss has the same tables):
   * a refused file keeps every byte. */
  if (mode != OPEN_FOR_CHECK && mode != OPEN_READ_ONLY && version >= 1 && !check_open_invariants (self, error))
    return NULL;

  if (!configure_connection (self, error))
    return NULL;

  if (version < GLOSS_PROJECT_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                       _("“%s” needs to be upgraded to this version of Gloss but is read-only"), name);
          return NULL;
        }
      if (!_gloss_project_migrate (self, version, error))
        return NULL;
    }

  if (mode == OPEN_NORMAL && !_gloss_project_upgrade_texts (self, &self->text_upgrade, error))
    return NULL;

  if (!_gloss_project_install_history_triggers (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

GlossProject *
gloss_project_open (const char  *path,
                    GError     **error)
{
  return open_project (path, OPEN_NORMAL, error);
}

GlossProject *
gloss_project_open_snapshot (const char  *path,
                             GError     **error)
{
  return open_project (path, OPEN_SNAPSHOT, error);
}

GlossProject *
gloss_project_open_read_only (const char  *path,
                              GError     **error)
{
  return open_project (path, OPEN_READ_ONLY, error);
}

GlossProject *
gloss_project_open_for_check (const char  *path,
                              GError     **error)
{
  return open_project (path, OPEN_FOR_CHECK, error);
}

/* A new project is built in a temporary file and renamed into place, so
 * that a failure never leaves a half-made project behind. */
GlossProject *
gloss_project_create (const char  *path,
                      const char  *title,
                      GError     **error)
{
  g_autoptr(GlossProject) self = NULL;
  g_autoptr(GlossAtomicFile) file = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *default_title = NULL;
  g_autofree char *guid = _gloss_new_guid ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("“%s” already exists"), name);
      return NULL;
    }

  if ((file = _gloss_atomic_file_new (path, FALSE, error)) == NULL)
    return NULL;

  self = g_object_new (GLOSS_TYPE_PROJECT, NULL);
  self->path = g_strdup (file->tmp_path);

  if (title == NULL || *title == '\0')
    {
      default_title = g_strdup (base);
      if (g_str_has_suffix (default_title, ".gloss"))
        default_title[strlen (default_title) - strlen (".gloss")] = '\0';
      title = default_title;
    }

  if (!open_connection (self, TRUE, FALSE, &local_error) ||
      !_gloss_project_exec (self, "PRAGMA foreign_keys = ON", &local_error) ||
      !_gloss_project_migrate (self, 0, &local_error) ||
      (stmt = _gloss_project_prepare (self,
                                      "INSERT INTO project (id, guid, title, created, modified) "
                                      "VALUES (1, ?1, ?2, ?3, ?3)", &local_error)) == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, _gloss_now ());
  if (!_gloss_project_run (self, stmt, &local_error))
    goto fail;

  /* Closed before the rename: the file is complete when it appears. */
  gloss_project_close (self);
  if (!_gloss_atomic_file_commit (file, &local_error))
    goto fail;

  return gloss_project_open (path, error);

fail:
  gloss_project_close (self);
  g_set_error (error, GLOSS_ERROR, local_error->code,
               _("Cannot create “%s”: %s"), name, local_error->message);
  return NULL;
}

void
gloss_project_close (GlossProject *self)
{
  g_return_if_fail (GLOSS_IS_PROJECT (self));

  if (self->db == NULL)
    return;

  if (self->step_depth > 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->step_depth = 0;
    }

  g_hash_table_remove_all (self->statements);
  sqlite3_close (self->db);
  self->db = NULL;
}

const char *
gloss_project_get_path (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return self->path;
}

gboolean
gloss_project_get_read_only (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), TRUE);

  return self->read_only;
}

int
gloss_project_get_schema_version (GlossProject *self)
{
  int version = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  read_pragma_int (self, "PRAGMA user_version", &version, NULL);
  return version;
}

gint64
gloss_project_get_data_version (GlossProject *self)
{
  int version = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  read_pragma_int (self, "PRAGMA data_version", &version, NULL);
  return version;
}

static char *
dup_project_column (GlossProject *self,
                    const char   *sql)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, NULL);
  char *value = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = _gloss_column_dup_text (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return value;
}

char *
gloss_project_dup_title (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return dup_project_column (self, "SELECT title FROM project WHERE id = 1");
}

char *
gloss_project_dup_guid (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return dup_project_column (self, "SELECT guid FROM project WHERE id = 1");
}

gboolean
gloss_project_set_title (GlossProject  *self,
                         const char    *title,
                         GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (_gloss_is_blank (title))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The title cannot be empty"));
      return FALSE;
    }

  if (!gloss_project_begin_step (self, _("Rename project"), error))
    return FALSE;

  stmt = _gloss_project_prepare (self, "UPDATE project SET title = ?1, modified = ?2 WHERE id = 1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, _gloss_now ());
  if (!_gloss_project_run (self, stmt, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_PROJECT);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

/* Steps */

gboolean
_gloss_project_check_writable (GlossProject  *self,
                               GError       **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("The project is closed"));
      return FALSE;
    }

  if (self->read_only)
    {
      g_autofree char *name = g_filename_display_basename (self->path);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("“%s” is read-only: nothing can be changed"), name);
      return FALSE;
    }

  return TRUE;
}

void
_gloss_project_note_change (GlossProject *self,
                            GlossChange   change)
{
  self->step_changes |= change;
}

gboolean
gloss_project_begin_step (GlossProject  *self,
                          const char    *label,
                          GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (self->step_depth > 0)
    {
      self->step_depth++;
      return TRUE;
    }

  if (!_gloss_project_check_writable (self, error) ||
      !_gloss_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->step_depth = 1;
  self->step_failed = FALSE;
  self->step_changes = 0;

  /* A new change forgets what was undone: the redo branch goes. */
  if (!_gloss_project_exec (self, "DELETE FROM history_step WHERE undone = 1", error))
    goto fail;

  stmt = _gloss_project_prepare (self, "INSERT INTO history_step (label, created) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, _gloss_now ());
  if (!_gloss_project_run (self, stmt, error) ||
      !_gloss_project_set_current_step (self, sqlite3_last_insert_rowid (self->db), error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->step_depth = 0;
  return FALSE;
}

static void
drop_empty_step (GlossProject *self)
{
  /* A step that changed nothing is not worth an undo entry. */
  sqlite3_exec (self->db,
                "DELETE FROM history_step WHERE id = (SELECT step FROM temp.gloss_state) "
                "AND NOT EXISTS (SELECT 1 FROM history_change WHERE step_id = (SELECT step FROM temp.gloss_state))",
                NULL, NULL, NULL);
}

gboolean
gloss_project_end_step (GlossProject  *self,
                        GError       **error)
{
  GlossChange changes;
  int rc;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->step_depth > 0, FALSE);

  if (--self->step_depth > 0)
    return TRUE;

  if (self->step_failed)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      _gloss_project_set_current_step (self, 0, NULL);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("The change was not saved"));
      return FALSE;
    }

  drop_empty_step (self);
  _gloss_project_set_current_step (self, 0, NULL);

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("The change was not saved"));
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  changes = self->step_changes;
  self->step_changes = 0;
  if (changes != 0)
    g_signal_emit (self, signals[CHANGED], 0, (guint) changes);

  return TRUE;
}

void
gloss_project_abort_step (GlossProject *self)
{
  g_return_if_fail (GLOSS_IS_PROJECT (self));

  if (self->step_depth == 0)
    return;

  if (--self->step_depth > 0)
    {
      /* The outer step cannot commit half of what it was asked to do. */
      self->step_failed = TRUE;
      return;
    }

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  _gloss_project_set_current_step (self, 0, NULL);
  self->step_changes = 0;
}

/* Checking */

static void
check_query (GlossProject *self,
             const char   *sql,
             const char   *problem,
             GPtrArray    *problems)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("Cannot check: %s"), sqlite3_errmsg (self->db)));
      return;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (problems, g_strdup_printf ("%s: %" G_GINT64_FORMAT, problem, (gint64) sqlite3_column_int64 (stmt, 0)));

  sqlite3_finalize (stmt);
}

/* GUIDs are unique by the schema Gloss creates; a changed schema may let
 * two rows share one, and merging and exchange would then mix them up. */
static void
check_duplicate_guids (GlossProject *self,
                       GPtrArray    *problems)
{
  static const char * const tables[] = { "coder", "document", "code", "coding", "memo", "note" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*), guid FROM \"%s\" GROUP BY guid "
                                              "HAVING count(*) > 1 ORDER BY guid", tables[i]);
      sqlite3_stmt *stmt = NULL;

      /* A table that is missing is reported by the schema check. */
      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *guid = (const char *) sqlite3_column_text (stmt, 1);
          g_ptr_array_add (problems, g_strdup_printf (_("%d rows of the table “%s” share the GUID %s: "
                                                        "merging and exchange would mix them up."),
                                                      sqlite3_column_int (stmt, 0), tables[i],
                                                      guid != NULL ? guid : "NULL"));
        }
      sqlite3_finalize (stmt);
    }
}

gboolean
gloss_project_check (GlossProject  *self,
                     GPtrArray     *problems,
                     GError       **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot check the project"));
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (row, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("Integrity: %s"), row));
    }
  sqlite3_finalize (stmt);

  _gloss_project_check_schema (self, gloss_project_get_schema_version (self), problems);
  check_duplicate_guids (self, problems);
  _gloss_project_check_invariants (self, problems);

  check_query (self, "SELECT rowid FROM pragma_foreign_key_check",
               _("A row refers to something that does not exist"), problems);
  check_query (self,
               "SELECT c.id FROM coding c JOIN document d ON d.id = c.document_id "
               "WHERE c.start < 0 OR c.end > d.n_chars OR c.start >= c.end",
               _("A coding lies outside its document; coding"), problems);
  check_query (self,
               "SELECT c.id FROM coding c JOIN document d ON d.id = c.document_id "
               "WHERE c.quote IS NOT substr (d.text, c.start + 1, c.end - c.start)",
               _("A coding no longer matches its quoted text; coding"), problems);
  check_query (self,
               "SELECT d.id FROM document d LEFT JOIN document_blob b ON b.document_id = d.id "
               "WHERE b.bytes IS NULL OR length (b.bytes) <> d.size",
               _("A document has lost its file; document"), problems);
  check_query (self,
               "SELECT v.id FROM attribute_value v JOIN attribute a ON a.id = v.attribute_id "
               "WHERE (a.target = 'document' AND v.target_id NOT IN (SELECT id FROM document)) "
               "OR (a.target = 'coder' AND v.target_id NOT IN (SELECT id FROM coder)) "
               "OR (a.target = 'case' AND v.target_id NOT IN (SELECT id FROM case_item))",
               _("An attribute value belongs to nothing; value"), problems);
  check_query (self,
               "SELECT m.id FROM set_member m JOIN set_item s ON s.id = m.set_id "
               "WHERE (s.kind = 'document' AND m.member_id NOT IN (SELECT id FROM document)) "
               "OR (s.kind = 'code' AND m.member_id NOT IN (SELECT id FROM code))",
               _("A set member does not exist; member"), problems);

  return TRUE;
}

gboolean
gloss_project_remove_files (const char  *path,
                            GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_remove (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (file);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot replace “%s”: %s"), name, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}
