/* gloss-project-merge.c: bringing a coder's copy back into the lead project
 *
 * Documents match by identity: their GUID, else the SHA-256 of their bytes,
 * else their text (a document that went through another program, or a
 * REFI-QDA round trip, keeps its GUID or its text but may not keep its
 * bytes); coders, codes, codings and memos by GUID. What the lead lacks is added (a code's parents before it);
 * what is the same is left alone, so merging a file twice changes nothing;
 * what has the same GUID but other content is a conflict: reported, and
 * the lead's version kept unless GLOSS_MERGE_THEIRS is given. A coding
 * whose quote is no longer at its offsets in the lead's text (a document
 * extracted differently) is re-anchored by its quote and context.
 * Deletions are not merged: a coding missing from the copy stays.
 *
 * Everything of one merged file happens in one step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-exchange-private.h"
#include "gloss-import.h"
#include "gloss-project-exchange.h"

#define CONTEXT_CHARS 32

void
gloss_merge_item_free (GlossMergeItem *item)
{
  if (item == NULL)
    return;

  g_free (item->kind);
  g_free (item->guid);
  g_free (item->label);
  g_free (item->reason);
  g_free (item);
}

void
gloss_merge_summary_free (GlossMergeSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->path);
  g_clear_pointer (&summary->added, g_ptr_array_unref);
  g_clear_pointer (&summary->skipped, g_ptr_array_unref);
  g_clear_pointer (&summary->conflicts, g_ptr_array_unref);
  g_free (summary);
}

static GlossMergeSummary *
summary_new (const char *path)
{
  GlossMergeSummary *summary = g_new0 (GlossMergeSummary, 1);

  summary->path = g_strdup (path);
  summary->added = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_merge_item_free);
  summary->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_merge_item_free);
  summary->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_merge_item_free);

  return summary;
}

void
_gloss_merge_note (GPtrArray  *list,
                   const char *kind,
                   const char *guid,
                   const char *label,
                   const char *reason)
{
  GlossMergeItem *item = g_new0 (GlossMergeItem, 1);

  item->kind = g_strdup (kind);
  item->guid = g_strdup (guid);
  item->label = g_strdup (label);
  item->reason = g_strdup (reason);
  g_ptr_array_add (list, item);
}

/* The merge in progress */

typedef struct
{
  GlossProject      *lead;
  GlossProject      *other_project;
  sqlite3           *other;      /* its connection: only read */
  GlossMergeFlags    flags;
  GlossMergeSummary *summary;
  GHashTable        *documents;  /* other id -> lead id (gint64 *) */
  GHashTable        *doc_titles; /* other id -> title */
  GHashTable        *coders;
  GHashTable        *coder_names;
  GHashTable        *codes;
  GHashTable        *code_paths; /* other id -> path */
  GHashTable        *texts;      /* lead id -> LeadText */
} Merge;

typedef struct
{
  char     *text;
  gunichar *chars;
  glong     n_chars;
} LeadText;

static void
lead_text_free (LeadText *text)
{
  g_free (text->text);
  g_free (text->chars);
  g_free (text);
}

static GHashTable *
id_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static GHashTable *
name_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

void
_gloss_merge_map_put (GHashTable *map,
                      gint64      other_id,
                      gint64      lead_id)
{
  g_hash_table_insert (map, g_memdup2 (&other_id, sizeof other_id), g_memdup2 (&lead_id, sizeof lead_id));
}

gint64
_gloss_merge_map_get (GHashTable *map,
                      gint64      other_id)
{
  gint64 *value = map != NULL ? g_hash_table_lookup (map, &other_id) : NULL;

  return value != NULL ? *value : 0;
}

static void
set_name (GHashTable *map,
          gint64      key,
          const char *name)
{
  g_hash_table_insert (map, g_memdup2 (&key, sizeof key), g_strdup (name != NULL ? name : ""));
}

static const char *
get_name (GHashTable *map,
          gint64      key)
{
  const char *name = g_hash_table_lookup (map, &key);

  return name != NULL ? name : "";
}

static void
merge_clear (Merge *merge)
{
  g_clear_pointer (&merge->documents, g_hash_table_unref);
  g_clear_pointer (&merge->doc_titles, g_hash_table_unref);
  g_clear_pointer (&merge->coders, g_hash_table_unref);
  g_clear_pointer (&merge->coder_names, g_hash_table_unref);
  g_clear_pointer (&merge->codes, g_hash_table_unref);
  g_clear_pointer (&merge->code_paths, g_hash_table_unref);
  g_clear_pointer (&merge->texts, g_hash_table_unref);
  merge->other = NULL;
  if (merge->other_project != NULL)
    gloss_project_close (merge->other_project);
  g_clear_object (&merge->other_project);
}

static gboolean
other_error (Merge   *merge,
             GError **error)
{
  return _gloss_set_sqlite_error (merge->other, sqlite3_errcode (merge->other), error,
                                  _("Cannot read the project to merge"));
}

static sqlite3_stmt *
other_query (Merge       *merge,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (merge->other, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      other_error (merge, error);
      return NULL;
    }

  return stmt;
}

/* Lead lookups */

/* The lead's row @sql finds with ?1 = @text, stepped onto it, or NULL (the
 * statement is reset when there is none); read it, then reset it. */
static sqlite3_stmt *
lead_row (Merge      *merge,
          const char *sql,
          const char *text)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (merge->lead, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return stmt;
  sqlite3_reset (stmt);
  return NULL;
}

typedef gboolean (*MergeRow) (Merge         *merge,
                              sqlite3_stmt  *row,
                              GError       **error);

/* Merges each row @sql reads from the other file, in order, until one fails. */
static gboolean
merge_rows (Merge       *merge,
            const char  *sql,
            MergeRow     merge_row,
            GError     **error)
{
  sqlite3_stmt *row = other_query (merge, sql, error);
  gboolean ok = TRUE;

  if (row == NULL)
    return FALSE;
  while (ok && sqlite3_step (row) == SQLITE_ROW)
    ok = merge_row (merge, row, error);
  sqlite3_finalize (row);

  return ok;
}

static gboolean
lead_guid_used (Merge      *merge,
                const char *table,
                const char *guid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE guid = ?1", table);
  sqlite3_stmt *stmt = NULL;
  gboolean used;

  /* Table names come from this file only. */
  if (sqlite3_prepare_v2 (merge->lead->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  used = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return used;
}

static const LeadText *
lead_text (Merge   *merge,
           gint64   document_id,
           GError **error)
{
  LeadText *text = g_hash_table_lookup (merge->texts, &document_id);
  sqlite3_stmt *stmt;

  if (text != NULL)
    return text;

  stmt = _gloss_project_prepare (merge->lead, "SELECT text FROM document WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  text = g_new0 (LeadText, 1);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text->text = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (text->text == NULL)
    text->text = g_strdup ("");
  text->chars = g_utf8_to_ucs4_fast (text->text, -1, &text->n_chars);

  g_hash_table_insert (merge->texts, g_memdup2 (&document_id, sizeof document_id), text);
  return text;
}

static char *
chars_to_utf8 (const LeadText *text,
               gint64          start,
               gint64          end)
{
  start = CLAMP (start, 0, text->n_chars);
  end = CLAMP (end, start, text->n_chars);

  return g_ucs4_to_utf8 (text->chars + start, end - start, NULL, NULL, NULL);
}

/* Documents */

static gboolean
refuse_document (const char  *title,
                 const char  *reason,
                 GError     **error)
{
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED,
               _("The document “%s” of the merged project was not taken, and nothing was merged: %s"),
               title, reason);
  return FALSE;
}

static gboolean
pages_match (sqlite3_stmt *read,
             GArray       *pages)
{
  guint n = 0;

  while (sqlite3_step (read) == SQLITE_ROW)
    {
      const GlossPage *page;

      if (n >= pages->len)
        return FALSE;
      page = &g_array_index (pages, GlossPage, n++);
      if (sqlite3_column_int64 (read, 0) != page->index || sqlite3_column_int64 (read, 1) != page->start ||
          sqlite3_column_int64 (read, 2) != page->length)
        return FALSE;
    }
  return n == pages->len;
}

/* A document new to the lead is taken only if it is what it says: its
 * bytes have its SHA-256 and size, and the text and pages Gloss extracts
 * from them are the ones it brings. Otherwise a copy could plant any text
 * under a real file's checksum. */
static gboolean
verify_document (Merge         *merge,
                 sqlite3_stmt  *row,
                 GError       **error)
{
  gint64 other_id = sqlite3_column_int64 (row, 0);
  const char *title = (const char *) sqlite3_column_text (row, 2);
  const char *kind = (const char *) sqlite3_column_text (row, 4);
  g_autoptr(GlossImportedDocument) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;
  sqlite3_stmt *read;
  gboolean pages_ok;

  read = other_query (merge, "SELECT bytes FROM document_blob WHERE document_id = ?1", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, other_id);
  if (sqlite3_step (read) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (read, 0), sqlite3_column_bytes (read, 0));
  sqlite3_finalize (read);
  if (bytes == NULL)
    return refuse_document (title, _("its file is missing"), error);

  sha256 = gloss_import_checksum (bytes);
  if (g_strcmp0 (sha256, (const char *) sqlite3_column_text (row, 5)) != 0 ||
      (gint64) g_bytes_get_size (bytes) != sqlite3_column_int64 (row, 6))
    return refuse_document (title, _("its SHA-256 or size is not that of its file"), error);

  if (g_strcmp0 (kind, "pdf") == 0)
    doc = gloss_import_read ("merged.pdf", bytes, (const char *) sqlite3_column_text (row, 7), NULL, &local_error);
  else
    doc = gloss_import_read_text (title, bytes, &local_error);
  if (doc == NULL)
    return refuse_document (title, local_error->message, error);

  if (g_strcmp0 (doc->text, (const char *) sqlite3_column_text (row, 10)) != 0 ||
      doc->n_chars != sqlite3_column_int64 (row, 9) || (gint64) doc->pages->len != sqlite3_column_int64 (row, 8))
    return refuse_document (title, _("its text is not the text Gloss reads from its file"), error);

  read = other_query (merge, "SELECT idx, start, length FROM page WHERE document_id = ?1 ORDER BY idx", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, other_id);
  pages_ok = pages_match (read, doc->pages);
  sqlite3_finalize (read);
  if (!pages_ok)
    return refuse_document (title, _("its pages do not cut its text as Gloss does"), error);

  return TRUE;
}

static gboolean
add_document (Merge         *merge,
              sqlite3_stmt  *row,
              gint64        *lead_id,
              GError       **error)
{
  gint64 other_id = sqlite3_column_int64 (row, 0);
  const char *guid = (const char *) sqlite3_column_text (row, 1);
  g_autofree char *new_guid = NULL;
  sqlite3_stmt *insert, *read = NULL;
  gboolean ok = FALSE;

  if (!verify_document (merge, row, error))
    return FALSE;

  if (lead_guid_used (merge, "document", guid))
    guid = new_guid = _gloss_new_guid ();

  insert = _gloss_project_prepare (merge->lead,
                                   "INSERT INTO document (guid, title, filename, kind, sha256, size, password, "
                                   "n_pages, n_chars, text, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                   error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, guid, -1, SQLITE_TRANSIENT);
  for (int i = 2; i <= 11; i++)
    sqlite3_bind_value (insert, i, sqlite3_column_value (row, i));
  if (!_gloss_project_run (merge->lead, insert, error))
    return FALSE;
  *lead_id = sqlite3_last_insert_rowid (merge->lead->db);

  /* The bytes and pages come over as they are. */
  read = other_query (merge, "SELECT bytes FROM document_blob WHERE document_id = ?1", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, other_id);
  if (sqlite3_step (read) == SQLITE_ROW)
    {
      insert = _gloss_project_prepare (merge->lead, "INSERT INTO document_blob (document_id, bytes) VALUES (?1, ?2)", error);
      if (insert == NULL)
        goto out;
      sqlite3_bind_int64 (insert, 1, *lead_id);
      sqlite3_bind_value (insert, 2, sqlite3_column_value (read, 0));
      if (!_gloss_project_run (merge->lead, insert, error))
        goto out;
    }
  sqlite3_finalize (read);

  read = other_query (merge, "SELECT idx, start, length, width, height FROM page WHERE document_id = ?1", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, other_id);
  insert = _gloss_project_prepare (merge->lead,
                                   "INSERT INTO page (document_id, idx, start, length, width, height) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (insert == NULL)
    goto out;
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      sqlite3_bind_int64 (insert, 1, *lead_id);
      for (int i = 0; i < 5; i++)
        sqlite3_bind_value (insert, i + 2, sqlite3_column_value (read, i));
      if (!_gloss_project_run (merge->lead, insert, error))
        goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (read);
  return ok;
}

/* The lead's document that is @row's: the same GUID, else the same bytes,
 * else the same kind and text; one already taken by another document of
 * this merge is passed over, so that two documents stay two. */
static gint64
match_document (Merge        *merge,
                sqlite3_stmt *row,
                GHashTable   *taken)
{
  static const char * const queries[] = {
    "SELECT id FROM document WHERE guid = ?1",
    "SELECT id FROM document WHERE sha256 = ?2 ORDER BY removed, id",
    "SELECT id FROM document WHERE n_chars = ?4 AND kind = ?3 AND text = ?5 ORDER BY removed, id",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = _gloss_project_prepare (merge->lead, queries[q], NULL);
      gint64 found = 0;

      if (stmt == NULL)
        return 0;
      sqlite3_bind_value (stmt, 1, sqlite3_column_value (row, 1));
      sqlite3_bind_value (stmt, 2, sqlite3_column_value (row, 5));
      sqlite3_bind_value (stmt, 3, sqlite3_column_value (row, 4));
      sqlite3_bind_value (stmt, 4, sqlite3_column_value (row, 9));
      sqlite3_bind_value (stmt, 5, sqlite3_column_value (row, 10));
      while (found == 0 && sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (!g_hash_table_contains (taken, &id))
            found = id;
        }
      sqlite3_reset (stmt);
      if (found != 0)
        return found;
    }

  return 0;
}

static gboolean
merge_documents (Merge   *merge,
                 GError **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *row = other_query (merge,
                                   "SELECT id, guid, title, filename, kind, sha256, size, password, n_pages, "
                                   "n_chars, text, created, removed FROM document ORDER BY id", error);
  gboolean ok = TRUE;

  if (row == NULL)
    return FALSE;

  while (ok && sqlite3_step (row) == SQLITE_ROW)
    {
      gint64 other_id = sqlite3_column_int64 (row, 0);
      const char *guid = (const char *) sqlite3_column_text (row, 1);
      const char *title = (const char *) sqlite3_column_text (row, 2);
      gboolean removed = sqlite3_column_int (row, 12) != 0;
      gint64 lead_id = match_document (merge, row, taken);

      set_name (merge->doc_titles, other_id, title);
      if (lead_id != 0)
        {
          merge->summary->n_unchanged++;
          _gloss_merge_map_put (merge->documents, other_id, lead_id);
          g_hash_table_add (taken, g_memdup2 (&lead_id, sizeof lead_id));
        }
      else if (removed)
        _gloss_merge_note (merge->summary->skipped, "document", guid, title, _("removed in the merged project"));
      else if ((ok = add_document (merge, row, &lead_id, error)))
        {
          _gloss_merge_map_put (merge->documents, other_id, lead_id);
          g_hash_table_add (taken, g_memdup2 (&lead_id, sizeof lead_id));
          _gloss_merge_note (merge->summary->added, "document", guid, title, NULL);
          _gloss_project_note_change (merge->lead, GLOSS_CHANGE_DOCUMENTS);
        }
    }

  sqlite3_finalize (row);
  return ok;
}

/* Coders */

static gboolean
run_lead (Merge         *merge,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  return stmt != NULL && _gloss_project_run (merge->lead, stmt, error);
}

static gboolean
merge_coder (Merge         *merge,
             sqlite3_stmt  *row,
             GError       **error)
{
  gint64 other_id = sqlite3_column_int64 (row, 0);
  const char *guid = (const char *) sqlite3_column_text (row, 1);
  const char *name = (const char *) sqlite3_column_text (row, 2);
  const char *color = (const char *) sqlite3_column_text (row, 3);
  sqlite3_stmt *stmt;
  gint64 lead_id;
  g_autofree char *lead_name = NULL;
  g_autofree char *lead_color = NULL;

  set_name (merge->coder_names, other_id, name);

  stmt = _gloss_project_prepare (merge->lead, "SELECT id, name, color FROM coder WHERE guid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  lead_id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (lead_id != 0)
    {
      lead_name = _gloss_column_dup_text (stmt, 1);
      lead_color = _gloss_column_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (lead_id != 0)
    {
      _gloss_merge_map_put (merge->coders, other_id, lead_id);
      if (g_strcmp0 (lead_name, name) == 0 && g_strcmp0 (lead_color, color) == 0)
        {
          merge->summary->n_unchanged++;
          return TRUE;
        }

      if (merge->flags & GLOSS_MERGE_THEIRS)
        {
          g_autofree char *reason = g_strdup_printf (_("was “%s” %s in the lead; their version taken"),
                                                     lead_name, lead_color);
          stmt = _gloss_project_prepare (merge->lead, "UPDATE OR IGNORE coder SET name = ?2, color = ?3 WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, lead_id);
          sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, color, -1, SQLITE_TRANSIENT);
          if (!run_lead (merge, stmt, error))
            return FALSE;
          merge->summary->n_updated++;
          _gloss_project_note_change (merge->lead, GLOSS_CHANGE_CODERS);
          _gloss_merge_note (merge->summary->conflicts, "coder", guid, name, reason);
        }
      else
        {
          g_autofree char *reason = g_strdup_printf (_("is “%s” %s in the lead and “%s” %s here; the lead’s kept"),
                                                     lead_name, lead_color, name, color);
          _gloss_merge_note (merge->summary->conflicts, "coder", guid, name, reason);
        }
      return TRUE;
    }

  /* A new coder; a lead coder of the same name is someone else. */
  {
    g_autofree char *unique = g_strdup (name);
    g_autofree char *reason = NULL;

    for (int n = 2; _gloss_project_select_id (merge->lead, "SELECT id FROM coder WHERE name = ?1", unique, NULL) != 0; n++)
      {
        g_free (unique);
        unique = g_strdup_printf ("%s (%d)", name, n);
      }
    if (g_strcmp0 (unique, name) != 0)
      reason = g_strdup_printf (_("another coder is called “%s” in the lead; added as “%s”"), name, unique);

    stmt = _gloss_project_prepare (merge->lead, "INSERT INTO coder (guid, name, color, created) VALUES (?1, ?2, ?3, ?4)", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, unique, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, color, -1, SQLITE_TRANSIENT);
    sqlite3_bind_value (stmt, 4, sqlite3_column_value (row, 4));
    if (!run_lead (merge, stmt, error))
      return FALSE;

    _gloss_merge_map_put (merge->coders, other_id, sqlite3_last_insert_rowid (merge->lead->db));
    _gloss_merge_note (reason != NULL ? merge->summary->conflicts : merge->summary->added, "coder", guid, unique, reason);
    _gloss_project_note_change (merge->lead, GLOSS_CHANGE_CODERS);
  }

  return TRUE;
}

static gboolean
merge_coders (Merge   *merge,
              GError **error)
{
  return merge_rows (merge, "SELECT id, guid, name, color, created FROM coder ORDER BY id", merge_coder, error);
}

/* Codes */

typedef struct
{
  gint64  id;
  gint64  parent_id;
  char   *guid;
  char   *name;
  char   *color;
  char   *description;
  char   *parent_guid;
  int     codable;
} LeadCode;

static gboolean
read_lead_code (Merge      *merge,
                const char *guid,
                LeadCode   *code)
{
  sqlite3_stmt *stmt = lead_row (merge,
                                 "SELECT c.id, ifnull (c.parent_id, 0), c.name, c.color, c.description, p.guid, "
                                 "c.codable FROM code c LEFT JOIN code p ON p.id = c.parent_id WHERE c.guid = ?1", guid);

  if (stmt == NULL)
    return FALSE;
  code->id = sqlite3_column_int64 (stmt, 0);
  code->parent_id = sqlite3_column_int64 (stmt, 1);
  code->name = _gloss_column_dup_text (stmt, 2);
  code->color = _gloss_column_dup_text (stmt, 3);
  code->description = _gloss_column_dup_text (stmt, 4);
  code->parent_guid = _gloss_column_dup_text (stmt, 5);
  code->codable = sqlite3_column_int (stmt, 6);
  sqlite3_reset (stmt);

  return TRUE;
}

static void
lead_code_clear (LeadCode *code)
{
  g_free (code->guid);
  g_free (code->name);
  g_free (code->color);
  g_free (code->description);
  g_free (code->parent_guid);
}

static gboolean
update_code (Merge       *merge,
             gint64       lead_id,
             const char  *name,
             const char  *color,
             const char  *description,
             int          codable,
             GError     **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (merge->lead,
                                               "UPDATE OR IGNORE code SET name = ?2, color = ?3, description = ?4, "
                                               "modified = ?5, codable = ?6 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lead_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, color, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, _gloss_now ());
  sqlite3_bind_int (stmt, 6, codable);

  return run_lead (merge, stmt, error);
}

static gboolean
code_conflict (Merge       *merge,
               LeadCode    *lead,
               const char  *guid,
               const char  *path,
               const char  *name,
               const char  *color,
               const char  *description,
               const char  *parent_guid,
               int          codable,
               GError     **error)
{
  GString *what = g_string_new (NULL);
  g_autofree char *reason = NULL;

  if (g_strcmp0 (lead->name, name) != 0)
    g_string_append_printf (what, _("name “%s” / “%s”; "), lead->name, name);
  if (g_strcmp0 (lead->color, color) != 0)
    g_string_append_printf (what, _("colour %s / %s; "), lead->color, color);
  if (g_strcmp0 (lead->description, description) != 0)
    g_string_append (what, _("description; "));
  if (lead->codable != codable)
    g_string_append (what, codable ? _("whether it can be coded (a heading only in the lead); ")
                                   : _("whether it can be coded (a heading only in theirs); "));
  if (g_strcmp0 (lead->parent_guid, parent_guid) != 0)
    g_string_append (what, _("place in the codebook (the lead’s kept); "));

  if (merge->flags & GLOSS_MERGE_THEIRS)
    {
      if (!update_code (merge, lead->id, name, color, description, codable, error))
        {
          g_string_free (what, TRUE);
          return FALSE;
        }
      merge->summary->n_updated++;
      _gloss_project_note_change (merge->lead, GLOSS_CHANGE_CODES);
      reason = g_strdup_printf (_("differs in %stheir version taken"), what->str);
    }
  else
    reason = g_strdup_printf (_("differs in %sthe lead’s kept"), what->str);

  _gloss_merge_note (merge->summary->conflicts, "code", guid, path, reason);
  g_string_free (what, TRUE);
  return TRUE;
}

static gboolean
add_code (Merge         *merge,
          sqlite3_stmt  *row,
          gint64         lead_parent,
          const char    *path,
          GError       **error)
{
  gint64 other_id = sqlite3_column_int64 (row, 0);
  const char *guid = (const char *) sqlite3_column_text (row, 1);
  const char *name = (const char *) sqlite3_column_text (row, 3);
  gint64 sibling = _gloss_project_find_child_code (merge->lead, lead_parent, name);
  sqlite3_stmt *stmt;

  if (sibling != 0)
    {
      _gloss_merge_map_put (merge->codes, other_id, sibling);
      _gloss_merge_note (merge->summary->conflicts, "code", guid, path,
                         _("a code of the same name is in the same place in the lead with another GUID; its codings go to the lead’s code"));
      return TRUE;
    }

  stmt = _gloss_project_prepare (merge->lead,
                                 "INSERT INTO code (guid, parent_id, name, color, description, position, created, modified, "
                                 "codable) VALUES (?1, ?2, ?3, ?4, ?5, (SELECT ifnull (max (position) + 1, 0) FROM code "
                                 "WHERE ifnull (parent_id, 0) = ifnull (?2, 0)), ?6, ?7, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (lead_parent > 0)
    sqlite3_bind_int64 (stmt, 2, lead_parent);
  else
    sqlite3_bind_null (stmt, 2);
  for (int i = 3; i <= 7; i++)
    sqlite3_bind_value (stmt, i, sqlite3_column_value (row, i));
  sqlite3_bind_int (stmt, 9, sqlite3_column_int (row, 9));
  if (!run_lead (merge, stmt, error))
    return FALSE;

  _gloss_merge_map_put (merge->codes, other_id, sqlite3_last_insert_rowid (merge->lead->db));
  _gloss_merge_note (merge->summary->added, "code", guid, path, NULL);
  _gloss_project_note_change (merge->lead, GLOSS_CHANGE_CODES);
  return TRUE;
}

static gboolean
merge_code (Merge         *merge,
            sqlite3_stmt  *row,
            GError       **error)
{
  gint64 other_id = sqlite3_column_int64 (row, 0);
  const char *guid = (const char *) sqlite3_column_text (row, 1);
  gint64 other_parent = sqlite3_column_int64 (row, 2);
  const char *name = (const char *) sqlite3_column_text (row, 3);
  const char *color = (const char *) sqlite3_column_text (row, 4);
  const char *description = (const char *) sqlite3_column_text (row, 5);
  const char *parent_guid = (const char *) sqlite3_column_text (row, 8);
  int codable = sqlite3_column_int (row, 9);
  g_autofree char *path = NULL;
  LeadCode lead = { 0 };
  gboolean ok = TRUE;

  path = gloss_code_path_append (other_parent != 0 ? get_name (merge->code_paths, other_parent) : NULL, name);
  set_name (merge->code_paths, other_id, path);

  if (read_lead_code (merge, guid, &lead))
    {
      _gloss_merge_map_put (merge->codes, other_id, lead.id);
      if (g_strcmp0 (lead.name, name) == 0 && g_strcmp0 (lead.color, color) == 0 &&
          g_strcmp0 (lead.description, description) == 0 && g_strcmp0 (lead.parent_guid, parent_guid) == 0 &&
          lead.codable == codable)
        merge->summary->n_unchanged++;
      else
        ok = code_conflict (merge, &lead, guid, path, name, color, description, parent_guid, codable, error);
      lead_code_clear (&lead);
      return ok;
    }

  return add_code (merge, row, other_parent != 0 ? _gloss_merge_map_get (merge->codes, other_parent) : 0, path, error);
}

/* The codebook of the other file, checked before anything is merged:
 * codes nested past GLOSS_MAX_CODE_LEVELS refuse the file. One pass over
 * the codes that keeps only its frontier, whatever the depth. */
static gboolean
check_code_levels (Merge       *merge,
                   const char  *name,
                   GError     **error)
{
  sqlite3_stmt *stmt = other_query (merge,
                                    "WITH RECURSIVE tree (id, depth) AS ("
                                    "  SELECT id, 1 FROM code WHERE parent_id IS NULL "
                                    "  UNION ALL SELECT c.id, t.depth + 1 FROM code c JOIN tree t ON c.parent_id = t.id) "
                                    "SELECT max (depth) FROM tree", error);
  gint64 levels = 0;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    levels = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (levels > GLOSS_MAX_CODE_LEVELS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                   _("“%s” is refused: its codes nest %" PRId64 " levels deep, and Gloss keeps at most %d"),
                   name, levels, GLOSS_MAX_CODE_LEVELS);
      return FALSE;
    }

  return TRUE;
}

static gboolean
merge_codes (Merge   *merge,
             GError **error)
{
  /* Parents before their children. */
  return merge_rows (merge,
                     "WITH RECURSIVE tree (id, depth) AS ("
                     "  SELECT id, 0 FROM code WHERE parent_id IS NULL "
                     "  UNION ALL SELECT c.id, t.depth + 1 FROM code c JOIN tree t ON c.parent_id = t.id) "
                     "SELECT c.id, c.guid, ifnull (c.parent_id, 0), c.name, c.color, c.description, "
                     "c.created, c.modified, p.guid, c.codable "
                     "FROM tree t JOIN code c ON c.id = t.id LEFT JOIN code p ON p.id = c.parent_id "
                     "ORDER BY t.depth, c.position, c.id",
                     merge_code, error);
}

/* Codings */

typedef struct
{
  const char *guid;
  gint64      document_id;  /* lead ids */
  gint64      coder_id;
  gint64      code_id;
  gint64      start;
  gint64      end;
  const char *memo;
  const char *quote;
  gint64      created;
  gint64      modified;
} Coding;

static char *
coding_label (Merge        *merge,
              gint64        other_document,
              gint64        other_coder,
              gint64        other_code,
              const char   *quote)
{
  g_autofree char *short_quote = _gloss_utf8_head (quote, 60);

  g_strdelimit (short_quote, "\n\f\t\r", ' ');
  return g_strdup_printf ("%s: “%s%s” (%s, %s)", get_name (merge->doc_titles, other_document), short_quote,
                          g_utf8_strlen (quote, -1) > 60 ? "…" : "",
                          get_name (merge->coder_names, other_coder), get_name (merge->code_paths, other_code));
}

static gboolean
write_coding (Merge        *merge,
              const Coding *coding,
              gboolean      update,
              gboolean     *inserted,
              GError      **error)
{
  const LeadText *text = lead_text (merge, coding->document_id, error);
  g_autofree char *quote = NULL, *prefix = NULL, *suffix = NULL;
  sqlite3_stmt *stmt;

  if (text == NULL)
    return FALSE;

  quote = chars_to_utf8 (text, coding->start, coding->end);
  prefix = chars_to_utf8 (text, MAX (coding->start - CONTEXT_CHARS, 0), coding->start);
  suffix = chars_to_utf8 (text, coding->end, coding->end + CONTEXT_CHARS);

  stmt = _gloss_project_prepare (merge->lead,
                                 update
                                 ? "UPDATE OR IGNORE coding SET document_id = ?2, coder_id = ?3, code_id = ?4, start = ?5, "
                                   "end = ?6, quote = ?7, prefix = ?8, suffix = ?9, memo = ?10, modified = ?12 WHERE guid = ?1"
                                 : "INSERT INTO coding (guid, document_id, coder_id, code_id, start, end, quote, prefix, "
                                   "suffix, memo, created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                                   "ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, coding->guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, coding->document_id);
  sqlite3_bind_int64 (stmt, 3, coding->coder_id);
  sqlite3_bind_int64 (stmt, 4, coding->code_id);
  sqlite3_bind_int64 (stmt, 5, coding->start);
  sqlite3_bind_int64 (stmt, 6, coding->end);
  sqlite3_bind_text (stmt, 7, quote, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, suffix, -1, SQLITE_TRANSIENT);
  if (coding->memo != NULL)
    sqlite3_bind_text (stmt, 10, coding->memo, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_int64 (stmt, 11, coding->created);
  sqlite3_bind_int64 (stmt, 12, update ? _gloss_now () : coding->modified);
  if (!run_lead (merge, stmt, error))
    return FALSE;

  *inserted = sqlite3_changes (merge->lead->db) > 0;
  return TRUE;
}

/* The lead's coding of the same GUID: TRUE if there is one. */
static gboolean
lead_coding (Merge      *merge,
             const char *guid,
             Coding     *lead,
             char      **memo)
{
  sqlite3_stmt *stmt = lead_row (merge,
                                 "SELECT document_id, coder_id, code_id, start, end, memo "
                                 "FROM coding WHERE guid = ?1", guid);

  if (stmt == NULL)
    return FALSE;
  lead->document_id = sqlite3_column_int64 (stmt, 0);
  lead->coder_id = sqlite3_column_int64 (stmt, 1);
  lead->code_id = sqlite3_column_int64 (stmt, 2);
  lead->start = sqlite3_column_int64 (stmt, 3);
  lead->end = sqlite3_column_int64 (stmt, 4);
  *memo = _gloss_column_dup_text (stmt, 5);
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
merge_coding (Merge         *merge,
              sqlite3_stmt  *row,
              GError       **error)
{
  gint64 other_document = sqlite3_column_int64 (row, 1);
  gint64 other_coder = sqlite3_column_int64 (row, 2);
  gint64 other_code = sqlite3_column_int64 (row, 3);
  const char *prefix = (const char *) sqlite3_column_text (row, 7);
  const char *suffix = (const char *) sqlite3_column_text (row, 8);
  Coding coding = { 0 };
  Coding lead = { 0 };
  g_autofree char *lead_memo = NULL;
  g_autofree char *label = NULL;
  const LeadText *text;
  gboolean inserted = FALSE;

  coding.guid = (const char *) sqlite3_column_text (row, 0);
  coding.quote = (const char *) sqlite3_column_text (row, 6);
  coding.memo = (const char *) sqlite3_column_text (row, 9);
  coding.created = sqlite3_column_int64 (row, 10);
  coding.modified = sqlite3_column_int64 (row, 11);
  coding.document_id = _gloss_merge_map_get (merge->documents, other_document);
  coding.coder_id = _gloss_merge_map_get (merge->coders, other_coder);
  coding.code_id = _gloss_merge_map_get (merge->codes, other_code);

  if (coding.document_id == 0 || coding.coder_id == 0 || coding.code_id == 0)
    {
      label = coding_label (merge, other_document, other_coder, other_code, coding.quote);
      _gloss_merge_note (merge->summary->skipped, "coding", coding.guid, label,
                         _("its document is not in the lead"));
      return TRUE;
    }

  text = lead_text (merge, coding.document_id, error);
  if (text == NULL)
    return FALSE;
  if (!_gloss_reanchor (text->text, text->chars, text->n_chars, coding.quote, prefix, suffix,
                        sqlite3_column_int64 (row, 4), &coding.start, &coding.end))
    {
      label = coding_label (merge, other_document, other_coder, other_code, coding.quote);
      _gloss_merge_note (merge->summary->skipped, "coding", coding.guid, label,
                         _("its text is not in the lead’s document"));
      return TRUE;
    }
  if (coding.start != sqlite3_column_int64 (row, 4))
    merge->summary->n_reanchored++;

  if (lead_coding (merge, coding.guid, &lead, &lead_memo))
    {
      if (lead.document_id == coding.document_id && lead.coder_id == coding.coder_id &&
          lead.code_id == coding.code_id && lead.start == coding.start && lead.end == coding.end &&
          g_strcmp0 (lead_memo, coding.memo) == 0)
        {
          merge->summary->n_unchanged++;
          return TRUE;
        }

      label = coding_label (merge, other_document, other_coder, other_code, coding.quote);
      if (merge->flags & GLOSS_MERGE_THEIRS)
        {
          if (!write_coding (merge, &coding, TRUE, &inserted, error))
            return FALSE;
          merge->summary->n_updated++;
          _gloss_project_note_change (merge->lead, GLOSS_CHANGE_CODINGS);
        }
      _gloss_merge_note (merge->summary->conflicts, "coding", coding.guid, label,
                         merge->flags & GLOSS_MERGE_THEIRS
                         ? (inserted ? _("differs from the lead’s; their version taken")
                         : _("differs from the lead’s; their version clashes with another coding, the lead’s kept"))
                         : _("differs from the lead’s (code, range or memo); the lead’s kept"));
      return TRUE;
    }

  if (!write_coding (merge, &coding, FALSE, &inserted, error))
    return FALSE;

  label = coding_label (merge, other_document, other_coder, other_code, coding.quote);
  if (inserted)
    {
      _gloss_merge_note (merge->summary->added, "coding", coding.guid, label, NULL);
      _gloss_project_note_change (merge->lead, GLOSS_CHANGE_CODINGS);
    }
  else
    _gloss_merge_note (merge->summary->skipped, "coding", coding.guid, label,
                       _("the lead has the same passage with the same code from the same coder"));

  return TRUE;
}

static gboolean
merge_codings (Merge   *merge,
               GError **error)
{
  return merge_rows (merge,
                     "SELECT guid, document_id, coder_id, code_id, start, end, quote, prefix, suffix, "
                     "memo, created, modified FROM coding ORDER BY document_id, start, id",
                     merge_coding, error);
}

/* Memos */

static gint64
memo_target (Merge      *merge,
             const char *kind,
             gint64      other_id,
             char      **label)
{
  if (g_strcmp0 (kind, "project") == 0)
    {
      *label = g_strdup (_("the project"));
      return 1;
    }
  if (g_strcmp0 (kind, "document") == 0)
    {
      *label = g_strdup (get_name (merge->doc_titles, other_id));
      return _gloss_merge_map_get (merge->documents, other_id);
    }
  if (g_strcmp0 (kind, "code") == 0)
    {
      *label = g_strdup (get_name (merge->code_paths, other_id));
      return _gloss_merge_map_get (merge->codes, other_id);
    }
  *label = g_strdup (get_name (merge->coder_names, other_id));
  return _gloss_merge_map_get (merge->coders, other_id);
}

static gboolean
merge_memo (Merge         *merge,
            sqlite3_stmt  *row,
            GError       **error)
{
  const char *guid = (const char *) sqlite3_column_text (row, 0);
  const char *kind = (const char *) sqlite3_column_text (row, 1);
  const char *text = (const char *) sqlite3_column_text (row, 3);
  g_autofree char *target_label = NULL;
  g_autofree char *label = NULL;
  g_autofree char *lead_text_value = NULL;
  gint64 target = memo_target (merge, kind, sqlite3_column_int64 (row, 2), &target_label);
  gboolean has_lead;
  sqlite3_stmt *stmt;

  label = g_strdup_printf (_("memo on %s “%s”"), kind, target_label);
  if (target == 0)
    {
      _gloss_merge_note (merge->summary->skipped, "memo", guid, label, _("what it is about is not in the lead"));
      return TRUE;
    }

  stmt = _gloss_project_prepare (merge->lead, "SELECT text FROM memo WHERE target_kind = ?1 AND target_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, target);
  has_lead = sqlite3_step (stmt) == SQLITE_ROW;
  if (has_lead)
    lead_text_value = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  if (has_lead && g_strcmp0 (lead_text_value, text) == 0)
    {
      merge->summary->n_unchanged++;
      return TRUE;
    }

  if (has_lead && !(merge->flags & GLOSS_MERGE_THEIRS))
    {
      _gloss_merge_note (merge->summary->conflicts, "memo", guid, label, _("the lead’s memo differs; the lead’s kept"));
      return TRUE;
    }

  stmt = _gloss_project_prepare (merge->lead,
                                 "INSERT INTO memo (guid, target_kind, target_id, text, created, modified) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                 "ON CONFLICT (target_kind, target_id) DO UPDATE SET text = ?4, modified = ?6", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *fresh = lead_guid_used (merge, "memo", guid) ? _gloss_new_guid () : NULL;
    sqlite3_bind_text (stmt, 1, fresh != NULL ? fresh : guid, -1, SQLITE_TRANSIENT);
  }
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, target);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_value (stmt, 5, sqlite3_column_value (row, 4));
  sqlite3_bind_value (stmt, 6, sqlite3_column_value (row, 5));
  if (!run_lead (merge, stmt, error))
    return FALSE;

  _gloss_project_note_change (merge->lead, GLOSS_CHANGE_MEMOS);
  if (has_lead)
    {
      merge->summary->n_updated++;
      _gloss_merge_note (merge->summary->conflicts, "memo", guid, label, _("the lead’s memo differs; their version taken"));
    }
  else
    _gloss_merge_note (merge->summary->added, "memo", guid, label, NULL);

  return TRUE;
}

static gboolean
merge_memos (Merge   *merge,
             GError **error)
{
  return merge_rows (merge,
                     "SELECT guid, target_kind, target_id, text, created, modified FROM memo ORDER BY id",
                     merge_memo, error);
}

/* Opening the other file: through the project API, so that a file that is
 * not a project, or is newer, or brings SQL of its own, is refused the
 * usual way; it is opened as a snapshot, so that not a byte of it changes. */
static gboolean
open_other (Merge       *merge,
            const char  *path,
            GError     **error)
{
  g_autoptr(GlossProject) other = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  if (g_strcmp0 (merge->lead->path, path) == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("“%s” is the lead project itself"), name);
      return FALSE;
    }

  other = gloss_project_open_snapshot (path, error);
  if (other == NULL)
    return FALSE;
  if (g_strcmp0 (other->path, merge->lead->path) == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("“%s” is the lead project itself"), name);
      return FALSE;
    }
  merge->other_project = g_steal_pointer (&other);
  merge->other = merge->other_project->db;

  return TRUE;
}

/* Everything `check` finds wrong in the other file: merging it would make
 * the lead fail the same check. */
static gboolean
verify_other (Merge       *merge,
              const char  *name,
              GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (!gloss_project_check (merge->other_project, problems, error))
    return FALSE;
  if (problems->len == 0)
    return TRUE;

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED,
               _("“%s” was not merged, the lead is unchanged: %s “gloss-cli check” lists every problem."),
               name, (const char *) g_ptr_array_index (problems, 0));
  return FALSE;
}

gboolean
gloss_project_merge (GlossProject        *self,
                     const char          *other_path,
                     GlossMergeFlags      flags,
                     GlossMergeSummary  **summary_out,
                     GError             **error)
{
  g_autoptr(GlossMergeSummary) summary = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  Merge merge = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (other_path != NULL, FALSE);

  if (!_gloss_project_check_writable (self, error))
    return FALSE;

  name = g_filename_display_basename (other_path);
  summary = summary_new (other_path);
  merge.lead = self;
  merge.flags = flags;
  merge.summary = summary;
  merge.documents = id_map_new ();
  merge.coders = id_map_new ();
  merge.codes = id_map_new ();
  merge.doc_titles = name_map_new ();
  merge.coder_names = name_map_new ();
  merge.code_paths = name_map_new ();
  merge.texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) lead_text_free);

  if (!open_other (&merge, other_path, error))
    {
      merge_clear (&merge);
      return FALSE;
    }

  if (!verify_other (&merge, name, error) || !check_code_levels (&merge, name, error))
    {
      merge_clear (&merge);
      return FALSE;
    }

  label = g_strdup_printf (_("Merge “%s”"), name);
  ok = gloss_project_begin_step (self, label, error);
  if (ok)
    {
      ok = sqlite3_exec (merge.other, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
           merge_documents (&merge, error) &&
           merge_coders (&merge, error) &&
           merge_codes (&merge, error) &&
           merge_codings (&merge, error) &&
           merge_memos (&merge, error) &&
           _gloss_merge_cases (self, merge.other_project, merge.documents, merge.coders, merge.codes,
                               (flags & GLOSS_MERGE_THEIRS) != 0, summary, error) &&
           _gloss_merge_notes (self, merge.other_project, (flags & GLOSS_MERGE_THEIRS) != 0, summary, error);
      sqlite3_exec (merge.other, "COMMIT", NULL, NULL, NULL);
      if (ok)
        ok = gloss_project_end_step (self, error);
      else
        gloss_project_abort_step (self);
    }
  merge_clear (&merge);

  if (ok && summary_out != NULL)
    *summary_out = g_steal_pointer (&summary);

  return ok;
}

/* Async */

typedef struct
{
  char            *lead_path;
  char            *other_path;
  GlossMergeFlags  flags;
} MergeData;

static void
merge_data_free (MergeData *data)
{
  g_free (data->lead_path);
  g_free (data->other_path);
  g_free (data);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeData *data = task_data;
  g_autoptr(GlossProject) lead = NULL;
  g_autoptr(GError) error = NULL;
  GlossMergeSummary *summary = NULL;

  lead = _gloss_project_open_for_thread (data->lead_path, &error);
  if (lead == NULL || !gloss_project_merge (lead, data->other_path, data->flags, &summary, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  gloss_project_close (lead);
  g_task_return_pointer (task, summary, (GDestroyNotify) gloss_merge_summary_free);
}

void
gloss_project_merge_async (GlossProject        *self,
                           const char          *other_path,
                           GlossMergeFlags      flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MergeData *data = g_new0 (MergeData, 1);

  g_return_if_fail (GLOSS_IS_PROJECT (self));

  data->lead_path = g_strdup (self->path);
  data->other_path = g_strdup (other_path);
  data->flags = flags;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_project_merge_async);
  g_task_set_task_data (task, data, (GDestroyNotify) merge_data_free);
  g_task_run_in_thread (task, merge_thread);
}

GlossMergeSummary *
gloss_project_merge_finish (GlossProject  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
