/* gloss-qdpx-export.c: the project as REFI-QDA (QDA-XML 1.0)
 *
 * A .qdpx is a zip holding project.qde and sources/:
 *   sources/<document GUID>.pdf   the PDF as imported
 *   sources/<document GUID>.txt   a text document's text (UTF-8, LF)
 *   sources/<representation GUID>.txt   a PDF's document text
 *   sources/<original GUID>.txt|.md   a text document's file as imported,
 *                                 when its bytes are not its text (CRLF
 *                                 line ends, a byte order mark): the
 *                                 TextSource's richTextPath, so that an
 *                                 import keeps the document's SHA-256
 * The coordinate conventions are written in gloss-project-exchange.h.
 * Each coding becomes a PlainTextSelection holding one Coding (the Coding
 * has the coding's GUID; the selection a GUID derived from it), a coding's
 * memo a Note referred to from its Coding, other memos Notes referred to
 * from their code, source or the project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <zip.h>

#include "gloss-exchange-private.h"
#include "gloss-project-exchange.h"

#define QDE_NAMESPACE "urn:QDA-XML:project:1.0"
#define QDC_NAMESPACE "urn:QDA-XML:codebook:1.0"

typedef struct
{
  GlossProject *project;
  GString      *xml;
  GHashTable   *memo_guids;   /* "kind:id" -> memo GUID */
  GHashTable   *coder_guids;  /* id -> GUID */
  GHashTable   *code_guids;   /* id -> GUID */
  GPtrArray    *notes;        /* Note: written under <Notes> at the end */
  GPtrArray    *files;        /* SourceFile: the sources/ entries */
  GPtrArray    *codings;      /* all of them, by document and place */
  guint         next;
} Export;

typedef struct
{
  char *guid;
  char *name;
  char *text;
  char *user;     /* creatingUser: a coder in <Users>, or NULL */
  gint64 created;
  gint64 modified;
} Note;

typedef struct
{
  char   *name;
  GBytes *bytes;
} SourceFile;

static void
note_free (Note *note)
{
  g_free (note->guid);
  g_free (note->name);
  g_free (note->text);
  g_free (note->user);
  g_free (note);
}

static void
source_file_free (SourceFile *file)
{
  g_free (file->name);
  g_bytes_unref (file->bytes);
  g_free (file);
}

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->memo_guids, g_hash_table_unref);
  g_clear_pointer (&export->coder_guids, g_hash_table_unref);
  g_clear_pointer (&export->code_guids, g_hash_table_unref);
  g_clear_pointer (&export->notes, g_ptr_array_unref);
  g_clear_pointer (&export->files, g_ptr_array_unref);
  g_clear_pointer (&export->codings, g_ptr_array_unref);
  if (export->xml != NULL)
    g_string_free (export->xml, TRUE);
  export->xml = NULL;
}

static void
export_init (Export       *export,
             GlossProject *project)
{
  export->project = project;
  export->xml = g_string_sized_new (1 << 16);
  export->memo_guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  export->coder_guids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  export->code_guids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  export->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  export->files = g_ptr_array_new_with_free_func ((GDestroyNotify) source_file_free);
}

/* XML writing */

static void
attr (GString    *xml,
      const char *name,
      const char *value)
{
  if (value == NULL)
    return;

  g_string_append_printf (xml, " %s=\"", name);
  _gloss_xml_escape_append (xml, value);
  g_string_append_c (xml, '"');
}

static void
attr_int (GString    *xml,
          const char *name,
          gint64      value)
{
  g_string_append_printf (xml, " %s=\"%" G_GINT64_FORMAT "\"", name, value);
}

static void
attr_time (GString    *xml,
           const char *name,
           gint64      usec)
{
  g_autofree char *time = _gloss_format_time (usec);

  if (*time != '\0')
    attr (xml, name, time);
}

static void
element_text (GString    *xml,
              const char *name,
              const char *text)
{
  g_string_append_printf (xml, "<%s>", name);
  _gloss_xml_escape_append (xml, text);
  g_string_append_printf (xml, "</%s>", name);
}

static void
note_ref (GString    *xml,
          const char *guid)
{
  if (guid == NULL)
    return;
  g_string_append (xml, "<NoteRef");
  attr (xml, "targetGUID", guid);
  g_string_append (xml, "/>");
}

static const char *
lookup_guid (GHashTable *table,
             gint64      id)
{
  return g_hash_table_lookup (table, &id);
}

static void
put_guid (GHashTable *table,
          gint64      id,
          const char *guid)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), g_strdup (guid));
}

static const char *
memo_guid (Export     *export,
           const char *kind,
           gint64      id)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, id);

  return g_hash_table_lookup (export->memo_guids, key);
}

static void
add_note (Export     *export,
          const char *guid,
          const char *name,
          const char *text,
          gint64      created,
          gint64      modified)
{
  Note *note = g_new0 (Note, 1);

  note->guid = g_strdup (guid);
  note->name = g_strdup (name);
  note->text = g_strdup (text);
  note->created = created;
  note->modified = modified;
  g_ptr_array_add (export->notes, note);
}

/* The project's own notes, with their author when that coder is written
 * under <Users> (creatingUser must name one). */
static gboolean
collect_free_notes (Export  *export,
                    GError **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (export->project,
                                               "SELECT n.guid, n.name, n.text, ifnull (n.created, 0), "
                                               "ifnull (n.modified, 0), (SELECT c.guid FROM coder c "
                                               "WHERE lower (c.guid) = lower (n.author_guid)) "
                                               "FROM note n ORDER BY n.id", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      add_note (export, (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int64 (stmt, 3),
                sqlite3_column_int64 (stmt, 4));
      ((Note *) g_ptr_array_index (export->notes, export->notes->len - 1))->user = _gloss_column_dup_text (stmt, 5);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* Memos other than codings' own become Notes up front, so that the
 * elements they belong to can refer to them. */
static gboolean
collect_memos (Export  *export,
               GError **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (export->project,
                                               "SELECT m.guid, m.target_kind, m.target_id, m.text, m.created, m.modified, "
                                               "CASE m.target_kind WHEN 'coder' THEN (SELECT name FROM coder WHERE id = m.target_id) "
                                               "WHEN 'code' THEN (SELECT name FROM code WHERE id = m.target_id) "
                                               "WHEN 'document' THEN (SELECT title FROM document WHERE id = m.target_id) "
                                               "ELSE (SELECT title FROM project) END "
                                               "FROM memo m ORDER BY m.id", error);

  if (stmt == NULL)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *guid = (const char *) sqlite3_column_text (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *about = (const char *) sqlite3_column_text (stmt, 6);
      g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, (gint64) sqlite3_column_int64 (stmt, 2));
      g_autofree char *name = g_strdup_printf ("Memo: %s", about != NULL ? about : kind);

      g_hash_table_insert (export->memo_guids, g_steal_pointer (&key), g_strdup (guid));
      add_note (export, guid, name, (const char *) sqlite3_column_text (stmt, 3),
                sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5));
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
write_users (Export  *export,
             GError **error)
{
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (export->project, error);

  if (coders == NULL)
    return FALSE;

  if (coders->len == 0)
    return TRUE;

  g_string_append (export->xml, "<Users>");
  for (guint i = 0; i < coders->len; i++)
    {
      const GlossCoder *coder = g_ptr_array_index (coders, i);

      put_guid (export->coder_guids, coder->id, coder->guid);
      g_string_append (export->xml, "<User");
      attr (export->xml, "guid", coder->guid);
      attr (export->xml, "name", coder->name);
      g_string_append (export->xml, "/>");
    }
  g_string_append (export->xml, "</Users>");

  return TRUE;
}

/* The codebook as nested Code elements, from the list in tree order. */
/* A code that is only a heading for others is written isCodable="false". */
static gboolean
code_is_codable (Export *export,
                 gint64  code_id)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (export->project, "SELECT codable FROM code WHERE id = ?1", NULL);
  gboolean codable = TRUE;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, code_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    codable = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return codable;
}

static gboolean
write_codes (Export   *export,
             gboolean  with_notes,
             GError  **error)
{
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (export->project, error);

  if (codes == NULL)
    return FALSE;

  if (codes->len == 0)
    return TRUE;

  g_string_append (export->xml, "<Codes>");
  for (guint i = 0; i < codes->len; i++)
    {
      const GlossCode *code = g_ptr_array_index (codes, i);
      guint next_depth = i + 1 < codes->len ? ((GlossCode *) g_ptr_array_index (codes, i + 1))->depth : 0;

      put_guid (export->code_guids, code->id, code->guid);
      g_string_append (export->xml, "<Code");
      attr (export->xml, "guid", code->guid);
      attr (export->xml, "name", code->name);
      attr (export->xml, "isCodable", code_is_codable (export, code->id) ? "true" : "false");
      if (gloss_color_is_valid (code->color))
        attr (export->xml, "color", code->color);
      g_string_append_c (export->xml, '>');
      if (code->description != NULL && *code->description != '\0')
        element_text (export->xml, "Description", code->description);
      if (with_notes)
        note_ref (export->xml, memo_guid (export, "code", code->id));

      /* Close this code unless children follow, and the parents it ends. */
      if (next_depth <= code->depth)
        for (guint d = next_depth; d <= code->depth; d++)
          g_string_append (export->xml, "</Code>");
    }
  g_string_append (export->xml, "</Codes>");

  return TRUE;
}

static char *
selection_name (const char *quote)
{
  g_autofree char *name = _gloss_utf8_head (quote, 60);

  g_strdelimit (name, "\n\f\t\r", ' ');
  return g_strstrip (g_steal_pointer (&name));
}

/* The codings come ordered by document; @export->next walks them. */
static gboolean
write_selections (Export   *export,
                  gint64    document_id,
                  GError  **error)
{
  GPtrArray *codings = export->codings;

  for (; export->next < codings->len; export->next++)
    {
      const GlossCoding *coding = g_ptr_array_index (codings, export->next);

      if (coding->document_id != document_id)
        break;
      const char *user = lookup_guid (export->coder_guids, coding->coder_id);
      const char *code_guid = lookup_guid (export->code_guids, coding->code_id);
      g_autofree char *selection_guid = _gloss_derived_guid (coding->guid, "selection");
      g_autofree char *name = selection_name (coding->quote);
      g_autofree char *note_guid = NULL;

      g_string_append (export->xml, "<PlainTextSelection");
      attr (export->xml, "guid", selection_guid);
      attr (export->xml, "name", name);
      attr_int (export->xml, "startPosition", coding->start);
      attr_int (export->xml, "endPosition", coding->end);
      attr (export->xml, "creatingUser", user);
      attr_time (export->xml, "creationDateTime", coding->created);
      attr (export->xml, "modifyingUser", user);
      attr_time (export->xml, "modifiedDateTime", coding->modified);
      /* Opening refuses a codebook that is not a tree; never write a
       * reference to a code the file does not hold. */
      if (code_guid == NULL)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                       _("The coding %s has a code that is not in the codebook"), coding->guid);
          return FALSE;
        }
      g_string_append (export->xml, ">");
      /* The memo also as the selection's Description: QualCoder reads
       * coding memos only there; the NoteRef below is the standard's way. */
      if (coding->memo != NULL && *coding->memo != '\0')
        element_text (export->xml, "Description", coding->memo);
      g_string_append (export->xml, "<Coding");
      attr (export->xml, "guid", coding->guid);
      attr (export->xml, "creatingUser", user);
      attr_time (export->xml, "creationDateTime", coding->created);
      g_string_append (export->xml, ">");
      g_string_append (export->xml, "<CodeRef");
      attr (export->xml, "targetGUID", code_guid);
      g_string_append (export->xml, "/>");
      if (coding->memo != NULL && *coding->memo != '\0')
        {
          note_guid = _gloss_derived_guid (coding->guid, "memo");
          note_ref (export->xml, note_guid);
          add_note (export, note_guid, name, coding->memo, coding->created, coding->modified);
        }
      g_string_append (export->xml, "</Coding></PlainTextSelection>");
    }
  return TRUE;
}

static void
add_file (Export     *export,
          const char *guid,
          const char *extension,
          GBytes     *bytes)
{
  SourceFile *file = g_new0 (SourceFile, 1);

  file->name = g_strdup_printf ("sources/%s.%s", guid, extension);
  file->bytes = g_bytes_ref (bytes);
  g_ptr_array_add (export->files, file);
}

static char *
internal_path (const char *guid,
               const char *extension)
{
  return g_strdup_printf ("internal://%s.%s", guid, extension);
}

static const char *
text_extension (const char *filename)
{
  g_autofree char *lower = g_ascii_strdown (filename != NULL ? filename : "", -1);

  return g_str_has_suffix (lower, ".md") ? "md" : "txt";
}

/* A text document whose file is not byte for byte its text goes out as
 * well, as the source's "rich text": the plain text (which the positions
 * count in) stays the normalised one. Returns the richTextPath or NULL. */
static char *
add_original_text (Export                  *export,
                   const GlossDocumentInfo *info,
                   GBytes                  *text_bytes,
                   GError                 **error)
{
  g_autoptr(GBytes) bytes = gloss_project_get_bytes (export->project, info->id, error);
  g_autofree char *guid = NULL;
  const char *extension = text_extension (info->filename);

  if (bytes == NULL)
    return NULL;
  if (g_bytes_equal (bytes, text_bytes))
    return g_strdup ("");

  guid = _gloss_derived_guid (info->guid, "original");
  add_file (export, guid, extension, bytes);
  return internal_path (guid, extension);
}

static gboolean
write_source (Export                  *export,
              const GlossDocumentInfo *info,
              GError                 **error)
{
  char *text = gloss_project_get_text (export->project, info->id, 0, -1, error);
  g_autoptr(GBytes) text_bytes = NULL;
  gboolean pdf = info->kind == GLOSS_DOCUMENT_PDF;
  g_autofree char *text_guid = pdf ? _gloss_derived_guid (info->guid, "representation") : g_strdup (info->guid);
  g_autofree char *text_path = internal_path (text_guid, "txt");
  GString *xml = export->xml;

  if (text == NULL)
    return FALSE;

  /* Entry names are built from the GUID: only from one that is a GUID. */
  if (!_gloss_guid_is_valid (info->guid) || strlen (info->guid) != 36)
    {
      g_free (text);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The document “%s” has no valid GUID; “gloss-cli check” names the problem"), info->title);
      return FALSE;
    }

  text_bytes = g_bytes_new_take (text, strlen (text));
  add_file (export, text_guid, "txt", text_bytes);

  g_string_append (xml, pdf ? "<PDFSource" : "<TextSource");
  attr (xml, "guid", info->guid);
  attr (xml, "name", info->title);
  if (pdf)
    {
      g_autofree char *path = internal_path (info->guid, "pdf");
      g_autoptr(GBytes) bytes = gloss_project_get_bytes (export->project, info->id, error);

      if (bytes == NULL)
        return FALSE;
      add_file (export, info->guid, "pdf", bytes);
      attr (xml, "path", path);
    }
  else
    {
      g_autofree char *original = add_original_text (export, info, text_bytes, error);

      if (original == NULL)
        return FALSE;
      if (*original != '\0')
        attr (xml, "richTextPath", original);
      attr (xml, "plainTextPath", text_path);
    }
  attr_time (xml, "creationDateTime", info->created);
  g_string_append_c (xml, '>');

  if (pdf)
    {
      g_string_append (xml, "<Representation");
      attr (xml, "guid", text_guid);
      attr (xml, "name", info->title);
      attr (xml, "plainTextPath", text_path);
      g_string_append_c (xml, '>');
    }

  /* Skip the codings of documents not exported (none: both lists are by id). */
  while (export->next < export->codings->len &&
         ((GlossCoding *) g_ptr_array_index (export->codings, export->next))->document_id < info->id)
    export->next++;
  if (!write_selections (export, info->id, error))
    return FALSE;
  _gloss_qdpx_write_case_selections (export->project, xml, info->id);

  if (pdf)
    g_string_append (xml, "</Representation>");
  note_ref (xml, memo_guid (export, "document", info->id));
  _gloss_qdpx_write_source_values (export->project, xml, info->id);
  g_string_append (xml, pdf ? "</PDFSource>" : "</TextSource>");

  return TRUE;
}

static gboolean
write_sources (Export  *export,
               GError **error)
{
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (export->project, error);

  if (documents == NULL)
    return FALSE;

  if (documents->len == 0)
    return TRUE;

  export->codings = gloss_project_list_codings (export->project, NULL, error);
  if (export->codings == NULL)
    return FALSE;
  export->next = 0;

  g_string_append (export->xml, "<Sources>");
  for (guint i = 0; i < documents->len; i++)
    if (!write_source (export, g_ptr_array_index (documents, i), error))
      return FALSE;
  g_string_append (export->xml, "</Sources>");

  return TRUE;
}

static void
write_notes (Export *export)
{
  if (export->notes->len == 0)
    return;

  g_string_append (export->xml, "<Notes>");
  for (guint i = 0; i < export->notes->len; i++)
    {
      const Note *note = g_ptr_array_index (export->notes, i);

      g_string_append (export->xml, "<Note");
      attr (export->xml, "guid", note->guid);
      attr (export->xml, "name", note->name);
      attr (export->xml, "creatingUser", note->user);
      attr_time (export->xml, "creationDateTime", note->created);
      attr_time (export->xml, "modifiedDateTime", note->modified);
      g_string_append_c (export->xml, '>');
      element_text (export->xml, "PlainTextContent", note->text);
      g_string_append (export->xml, "</Note>");
    }
  g_string_append (export->xml, "</Notes>");
}

static gboolean
build_project_xml (Export  *export,
                   GError **error)
{
  g_autofree char *title = gloss_project_dup_title (export->project);
  g_autofree char *origin = g_strdup_printf ("Gloss %s", PACKAGE_VERSION);
  sqlite3_stmt *stmt;
  gint64 created = 0, modified = 0;

  stmt = _gloss_project_prepare (export->project, "SELECT created, modified FROM project WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      created = sqlite3_column_int64 (stmt, 0);
      modified = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (!collect_memos (export, error) || !collect_free_notes (export, error))
    return FALSE;

  g_string_append (export->xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"" QDE_NAMESPACE "\"");
  attr (export->xml, "name", title != NULL ? title : "");
  attr (export->xml, "origin", origin);
  attr_time (export->xml, "creationDateTime", created);
  attr_time (export->xml, "modifiedDateTime", modified);
  g_string_append (export->xml, ">");

  if (!write_users (export, error))
    return FALSE;

  {
    gsize before = export->xml->len;

    g_string_append (export->xml, "<CodeBook>");
    if (!write_codes (export, TRUE, error))
      return FALSE;
    if (export->xml->len == before + strlen ("<CodeBook>"))
      g_string_truncate (export->xml, before);  /* no codes: no CodeBook */
    else
      g_string_append (export->xml, "</CodeBook>");
  }

  _gloss_qdpx_write_variables (export->project, export->xml);
  _gloss_qdpx_write_cases (export->project, export->xml);

  if (!write_sources (export, error))
    return FALSE;

  write_notes (export);
  _gloss_qdpx_write_sets (export->project, export->xml);
  note_ref (export->xml, memo_guid (export, "project", 1));
  g_string_append (export->xml, "</Project>\n");

  return TRUE;
}

/* The zip */

static gboolean
zip_error (zip_t       *zip,
           const char  *path,
           GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot write “%s”: %s"), name,
               zip != NULL ? zip_strerror (zip) : _("cannot create the archive"));
  return FALSE;
}

static gboolean
zip_add_bytes (zip_t       *zip,
               const char  *name,
               GBytes      *bytes,
               const char  *path,
               GError     **error)
{
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);
  zip_source_t *source = zip_source_buffer (zip, data, size, 0);

  if (source == NULL)
    return zip_error (zip, path, error);

  if (zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0)
    {
      zip_source_free (source);
      return zip_error (zip, path, error);
    }

  return TRUE;
}

static gboolean
write_zip (Export      *export,
           const char  *tmp_path,
           const char  *path,
           GError     **error)
{
  g_autoptr(GBytes) qde = g_bytes_new_static (export->xml->str, export->xml->len);
  int zip_err = 0;
  zip_t *zip = zip_open (tmp_path, ZIP_CREATE | ZIP_TRUNCATE, &zip_err);

  if (zip == NULL)
    return zip_error (NULL, path, error);

  if (!zip_add_bytes (zip, "project.qde", qde, path, error))
    goto fail;
  if (zip_dir_add (zip, "sources", ZIP_FL_ENC_UTF_8) < 0)
    {
      zip_error (zip, path, error);
      goto fail;
    }
  for (guint i = 0; i < export->files->len; i++)
    {
      const SourceFile *file = g_ptr_array_index (export->files, i);
      if (!zip_add_bytes (zip, file->name, file->bytes, path, error))
        goto fail;
    }

  if (zip_close (zip) < 0)
    {
      zip_error (zip, path, error);
      zip_discard (zip);
      return FALSE;
    }
  return TRUE;

fail:
  zip_discard (zip);
  return FALSE;
}

gboolean
gloss_qdpx_export (GlossProject  *self,
                   const char    *out_path,
                   GError       **error)
{
  g_autoptr(GlossAtomicFile) file = NULL;
  Export export = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  file = _gloss_atomic_file_new (out_path, FALSE, error);
  if (file == NULL)
    return FALSE;

  export_init (&export, self);
  /* One read transaction: everything comes from the same state. */
  _gloss_project_exec (self, "SAVEPOINT gloss_export", NULL);
  ok = build_project_xml (&export, error);
  _gloss_project_exec (self, "RELEASE gloss_export", NULL);
  ok = ok && write_zip (&export, file->tmp_path, out_path, error) &&
       _gloss_atomic_file_commit (file, error);
  export_clear (&export);

  return ok;
}

gboolean
gloss_qdpx_export_warnings (GlossProject  *self,
                            GPtrArray     *warnings,
                            GError       **error)
{
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (warnings != NULL, FALSE);

  documents = gloss_project_list_documents (self, error);
  if (documents == NULL)
    return FALSE;

  /* poppler reads encrypted PDFs but cannot write a decrypted copy with
   * the same text layer, so the bytes go in as they are: say so. */
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      g_autofree char *password = NULL;

      if (info->kind != GLOSS_DOCUMENT_PDF)
        continue;
      password = gloss_project_dup_document_password (self, info->id);
      if (password == NULL || *password == '\0')
        continue;
      g_ptr_array_add (warnings,
                       g_strdup_printf (_("“%s” is protected by a password and is exported encrypted: "
                                          "the program that opens the .qdpx will ask for its password"),
                                        info->title));
    }

  return TRUE;
}

gboolean
gloss_qdc_export (GlossProject  *self,
                  const char    *out_path,
                  GError       **error)
{
  g_autoptr(GlossAtomicFile) file = NULL;
  g_autofree char *origin = g_strdup_printf ("Gloss %s", PACKAGE_VERSION);
  Export export = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  export_init (&export, self);
  g_string_append (export.xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"" QDC_NAMESPACE "\"");
  attr (export.xml, "origin", origin);
  g_string_append_c (export.xml, '>');
  ok = write_codes (&export, FALSE, error);
  if (ok && g_str_has_suffix (export.xml->str, "\">"))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The codebook is empty: there is nothing to export"));
      ok = FALSE;
    }
  g_string_append (export.xml, "</CodeBook>\n");

  if (ok)
    {
      file = _gloss_atomic_file_new (out_path, TRUE, error);
      ok = file != NULL &&
           fwrite (export.xml->str, 1, export.xml->len, file->fp) == export.xml->len &&
           _gloss_atomic_file_commit (file, error);
    }
  export_clear (&export);

  return ok;
}

/* Validation */

static void
collect_schema_error (void        *data,
                      const char  *format,
                      ...) G_GNUC_PRINTF (2, 3);

static void
collect_schema_error (void        *data,
                      const char  *format,
                      ...)
{
  GString *errors = data;
  va_list args;

  if (errors->len > 2000)
    return;
  va_start (args, format);
  g_string_append_vprintf (errors, format, args);
  va_end (args);
}

gboolean
gloss_qdpx_validate (GBytes      *xml,
                     const char  *xsd_path,
                     GError     **error)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  xmlSchemaParserCtxtPtr parser = NULL;
  xmlSchemaPtr schema = NULL;
  xmlSchemaValidCtxtPtr valid = NULL;
  xmlDocPtr doc = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (xml, &size);
  int rc = -1;

  parser = xmlSchemaNewParserCtxt (xsd_path);
  if (parser != NULL)
    schema = xmlSchemaParse (parser);
  if (schema == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot read the schema %s"), xsd_path);
      goto out;
    }

  doc = xmlReadMemory (data, size, "project.qde", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The XML is not well-formed"));
      goto out;
    }

  valid = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidErrors (valid, collect_schema_error, collect_schema_error, errors);
  rc = xmlSchemaValidateDoc (valid, doc);
  if (rc != 0)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The XML does not follow the schema: %s"), errors->str);

out:
  if (valid != NULL)
    xmlSchemaFreeValidCtxt (valid);
  if (doc != NULL)
    xmlFreeDoc (doc);
  if (schema != NULL)
    xmlSchemaFree (schema);
  if (parser != NULL)
    xmlSchemaFreeParserCtxt (parser);

  return rc == 0;
}
