/* gloss-qdpx-reader.c: REFI-QDA archives and their XML, read defensively
 *
 * - every entry is checked before anything is read: a name that is
 *   absolute, has a drive letter or a ".." component, a symbolic link, an
 *   entry declaring more than it may hold, too many entries: the archive
 *   is refused as a whole;
 * - entries are only ever read into memory, whole or a megabyte at a
 *   time (never extracted under their own names), and reading stops past
 *   the declared size;
 * - XML is parsed without network, entity substitution or DTD loading,
 *   and a document with a DOCTYPE is refused; elements nest at most 256
 *   levels deep (no XML_PARSE_HUGE).
 * project.qde is read as a stream (xmlTextReader straight from the zip
 * entry): the importer expands one element at a time, so that memory
 * follows the largest element, not the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <string.h>
#include <sys/stat.h>

#include "gloss-error.h"
#include "gloss-import.h"
#include "gloss-qdpx-reader.h"

#define MAX_ENTRIES        100000
#define MAX_TOTAL_BYTES    (G_GINT64_CONSTANT (4) * 1024 * 1024 * 1024)
#define PARSE_OPTIONS      (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

/* The archive */

void
_gloss_qdpx_archive_close (GlossQdpxArchive *archive)
{
  if (archive->zip != NULL)
    zip_discard (archive->zip);
  archive->zip = NULL;
  g_clear_pointer (&archive->name, g_free);
}

gboolean
_gloss_qdpx_refuse (GError     **error,
        const char  *archive,
        const char  *format,
        ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT, _("“%s” is refused: %s"), archive, why);
  return FALSE;
}

/* An entry that declares more than Gloss reads: said with both sizes. */
static gboolean
refuse_too_large (GError       **error,
                  const char    *archive,
                  const char    *entry,
                  guint64        declared,
                  gint64         max)
{
  g_autofree char *size = g_format_size (declared);
  g_autofree char *limit = g_format_size (max);

  return _gloss_qdpx_refuse (error, archive, _("the entry “%s” is too large: it declares %s unpacked, and Gloss reads "
                                   "at most %s of it"), entry, size, limit);
}

/* TRUE if the entry name stays inside the archive's own tree. */
static gboolean
entry_name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  if (name[0] == '/' || name[0] == '\\')
    return FALSE;
  if (g_ascii_isalpha (name[0]) && name[1] == ':')
    return FALSE;

  /* Backslashes separate too, for archives made on Windows. */
  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;

  return TRUE;
}

static gboolean
entry_is_link (zip_t     *zip,
               zip_uint64_t index)
{
  zip_uint8_t opsys = 0;
  zip_uint32_t attributes = 0;

  if (zip_file_get_external_attributes (zip, index, 0, &opsys, &attributes) < 0)
    return FALSE;

  return opsys == ZIP_OPSYS_UNIX && ((attributes >> 16) & S_IFMT) == S_IFLNK;
}

gboolean
_gloss_qdpx_archive_open (GlossQdpxArchive  *archive,
              const char  *path,
              GError     **error)
{
  int zip_err = 0;
  zip_int64_t n;
  gint64 total = 0;

  archive->name = g_filename_display_basename (path);
  archive->zip = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zip_err);
  if (archive->zip == NULL)
    {
      if (zip_err == ZIP_ER_NOENT || zip_err == ZIP_ER_OPEN)
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("Cannot open “%s”"), archive->name);
      else
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                     _("“%s” is not a REFI-QDA project archive (not a readable zip file)"), archive->name);
      return FALSE;
    }

  n = zip_get_num_entries (archive->zip, 0);
  if (n > MAX_ENTRIES)
    return _gloss_qdpx_refuse (error, archive->name, _("it holds too many files (%" PRId64 ")"), (gint64) n);

  for (zip_int64_t i = 0; i < n; i++)
    {
      zip_stat_t st;

      if (zip_stat_index (archive->zip, i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME))
        return _gloss_qdpx_refuse (error, archive->name, _("an entry cannot be read"));
      if (!entry_name_is_safe (st.name))
        return _gloss_qdpx_refuse (error, archive->name, _("the entry “%s” points outside the archive"), st.name);
      if (entry_is_link (archive->zip, i))
        return _gloss_qdpx_refuse (error, archive->name, _("the entry “%s” is a link"), st.name);
      if (!(st.valid & ZIP_STAT_SIZE))
        return _gloss_qdpx_refuse (error, archive->name, _("the entry “%s” does not declare its size"), st.name);
      if (st.size > (zip_uint64_t) GLOSS_IMPORT_MAX_BYTES)
        return refuse_too_large (error, archive->name, st.name, st.size, GLOSS_IMPORT_MAX_BYTES);
      total += st.size;
      if (total > MAX_TOTAL_BYTES)
        {
          g_autofree char *limit = g_format_size (MAX_TOTAL_BYTES);
          return _gloss_qdpx_refuse (error, archive->name, _("its files are too large together: they declare more than %s "
                                                 "unpacked, the most Gloss reads"), limit);
        }
    }

  return TRUE;
}

#define STREAM_CHUNK (1024 * 1024)

/* Reads one entry in pieces of at most a megabyte, handing each to @func:
 * at most @max bytes and never more than it declared. */
static gboolean
stream_index (GlossQdpxArchive     *archive,
              zip_uint64_t          index,
              gint64                max,
              GlossQdpxChunkFunc    func,
              gpointer              user_data,
              GError              **error)
{
  zip_stat_t st;
  zip_file_t *file;
  g_autofree guint8 *chunk = NULL;
  zip_uint64_t filled = 0;
  zip_int64_t n = 0;
  gboolean ok = TRUE;

  if (zip_stat_index (archive->zip, index, 0, &st) < 0)
    return _gloss_qdpx_refuse (error, archive->name, _("an entry cannot be read"));
  if ((gint64) st.size > max)
    return refuse_too_large (error, archive->name, st.name, st.size, max);

  file = zip_fopen_index (archive->zip, index, 0);
  if (file == NULL)
    return _gloss_qdpx_refuse (error, archive->name, _("the entry “%s” cannot be read: %s"), st.name,
                               zip_strerror (archive->zip));

  if (func == NULL || !func (NULL, 0, st.size, user_data, error))
    {
      zip_fclose (file);
      return FALSE;
    }

  /* One byte past the declared size is asked for at the end: an entry
   * that has it lies about its size. */
  chunk = g_malloc (STREAM_CHUNK);
  while (ok && filled <= st.size)
    {
      zip_uint64_t want = MIN ((zip_uint64_t) STREAM_CHUNK, st.size - filled + 1);

      n = zip_fread (file, chunk, want);
      if (n <= 0)
        break;
      if (filled + n > st.size)
        break;
      filled += n;
      ok = func (chunk, n, st.size, user_data, error);
    }
  zip_fclose (file);

  if (!ok)
    return FALSE;
  if (n > 0 && filled + n > st.size)
    {
      g_autofree char *size = g_format_size (st.size);
      return _gloss_qdpx_refuse (error, archive->name, _("the entry “%s” unpacks to more than the %s it declares, as an archive "
                                             "made to fill the disk does; reading stopped there"), st.name, size);
    }
  if (n < 0 || filled != st.size)
    return _gloss_qdpx_refuse (error, archive->name, _("the entry “%s” is damaged"), st.name);

  return TRUE;
}

typedef struct
{
  guint8 *data;
  gsize   filled;
} Whole;

static gboolean
fill_whole (const guint8  *chunk,
            gsize          size,
            guint64        declared,
            gpointer       user_data,
            GError       **error)
{
  Whole *whole = user_data;

  if (chunk == NULL)
    {
      /* One allocation of the declared size, with a NUL after the end: a
       * text entry is then a C string without a copy. */
      whole->data = g_malloc (declared + 1);
      return TRUE;
    }
  memcpy (whole->data + whole->filled, chunk, size);
  whole->filled += size;
  return TRUE;
}

/* Reads one entry, at most @max bytes and never more than it declared. */
GBytes *
_gloss_qdpx_archive_read_index (GlossQdpxArchive *archive,
                    zip_uint64_t   index,
                    gint64         max,
                    GError       **error)
{
  Whole whole = { NULL, 0 };

  if (!stream_index (archive, index, max, fill_whole, &whole, error))
    {
      g_free (whole.data);
      return NULL;
    }

  whole.data[whole.filled] = '\0';
  return g_bytes_new_take (whole.data, whole.filled);
}

gboolean
_gloss_qdpx_archive_stream (GlossQdpxArchive    *archive,
                            const char          *name,
                            gint64               max,
                            GlossQdpxChunkFunc   func,
                            gpointer             user_data,
                            GError             **error)
{
  zip_int64_t index = zip_name_locate (archive->zip, name, ZIP_FL_NOCASE);

  if (index < 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("“%s” is not in the archive"), name);
      return FALSE;
    }

  return stream_index (archive, index, max, func, user_data, error);
}

GBytes *
_gloss_qdpx_archive_read (GlossQdpxArchive  *archive,
              const char  *name,
              gint64       max,
              GError     **error)
{
  zip_int64_t index = zip_name_locate (archive->zip, name, ZIP_FL_NOCASE);

  if (index < 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("“%s” is not in the archive"), name);
      return NULL;
    }

  return _gloss_qdpx_archive_read_index (archive, index, max, error);
}

/* XML */

static gboolean
has_doctype (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i + 9 <= size; i++)
    if (data[i] == '<' && data[i + 1] == '!' &&
        (g_ascii_strncasecmp (data + i + 2, "DOCTYPE", 7) == 0 ||
         (i + 8 <= size && g_ascii_strncasecmp (data + i + 2, "ENTITY", 6) == 0)))
      return TRUE;

  return FALSE;
}

static void
keep_first_error (void     *user_data,
                  xmlError *error)
{
  xmlError *first = user_data;

  if (first->code == 0 && error->level >= XML_ERR_ERROR)
    xmlCopyError (error, first);
}

/* libxml2's words for a name, value or text over its limits. */
static gboolean
is_size_limit (const char *message)
{
  return strstr (message, "too long") != NULL || strstr (message, "huge") != NULL ||
         strstr (message, "Huge") != NULL || strstr (message, "too big") != NULL;
}

xmlDocPtr
_gloss_qdpx_parse_xml (GBytes      *bytes,
           const char  *what,
           const char  *archive_name,
           GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlError first = { 0 };
  xmlDocPtr doc;

  if (has_doctype (bytes))
    {
      _gloss_qdpx_refuse (error, archive_name, _("%s declares a DOCTYPE or entities"), what);
      return NULL;
    }

  /* No XML_PARSE_NOENT, no XML_PARSE_DTDLOAD: nothing is fetched or
   * expanded; no XML_PARSE_HUGE: elements nest at most 256 deep, and names,
   * values and texts have libxml2's size limits. The first error is the
   * cause; those after it follow from it. */
  xmlResetLastError ();
  xmlSetStructuredErrorFunc (&first, keep_first_error);
  doc = xmlReadMemory (data, size, what, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL)
    {
      const xmlError *last = xmlGetLastError ();
      const xmlError *why = first.code != 0 ? &first : last;
      g_autofree char *message = why != NULL && why->message != NULL ? g_strstrip (g_strdup (why->message)) : NULL;

      if (message != NULL && strstr (message, "Excessive depth") != NULL)
        _gloss_qdpx_refuse (error, archive_name, _("%s nests elements more than 256 levels deep"), what);
      else if (message != NULL && is_size_limit (message))
        _gloss_qdpx_refuse (error, archive_name, _("%s is over a size limit: a name, value or text in it is longer than "
                                       "Gloss reads (line %d: %s)"), what, why->line, message);
      else if (message != NULL)
        _gloss_qdpx_refuse (error, archive_name, _("%s is not well-formed XML (line %d: %s)"), what, why->line, message);
      else
        _gloss_qdpx_refuse (error, archive_name, _("%s is not well-formed XML"), what);
      xmlResetError (&first);
      return NULL;
    }
  xmlResetError (&first);

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      xmlFreeDoc (doc);
      _gloss_qdpx_refuse (error, archive_name, _("%s declares a DOCTYPE or entities"), what);
      return NULL;
    }

  return doc;
}


gboolean
_gloss_qdpx_archive_has (GlossQdpxArchive *archive,
                         const char       *name)
{
  return name != NULL && zip_name_locate (archive->zip, name, ZIP_FL_NOCASE) >= 0;
}

/* XML as a stream */

struct _GlossQdeStream
{
  xmlTextReaderPtr  reader;
  zip_file_t       *file;
  char             *archive_name;
  char             *entry;
  zip_uint64_t      declared;
  zip_uint64_t      done;
  gboolean          overflow;   /* the entry holds more than it declares */
  gboolean          damaged;
  char             *message;    /* the parser's first error */
  int               line;
};

static int
stream_read (void *context,
             char *buffer,
             int   length)
{
  GlossQdeStream *stream = context;
  zip_int64_t n;

  if (stream->done >= stream->declared)
    {
      char extra[1];

      n = zip_fread (stream->file, extra, sizeof extra);
      if (n > 0)
        stream->overflow = TRUE;
      else if (n < 0)
        stream->damaged = TRUE;
      return n == 0 ? 0 : -1;
    }

  n = zip_fread (stream->file, buffer, MIN ((zip_uint64_t) length, stream->declared - stream->done));
  if (n <= 0)
    {
      stream->damaged = TRUE;
      return -1;
    }
  stream->done += n;
  return (int) n;
}

static int
stream_close (void *context)
{
  return 0;
}

static void
stream_error (void        *context,
              const xmlError *error)
{
  GlossQdeStream *stream = context;

  if (stream->message == NULL && error != NULL && error->level >= XML_ERR_ERROR)
    {
      stream->message = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
      stream->line = error->line;
    }
}

GlossQdeStream *
_gloss_qde_stream_open (GlossQdpxArchive  *archive,
                        const char        *entry,
                        GError           **error)
{
  g_autoptr(GlossQdeStream) stream = g_new0 (GlossQdeStream, 1);
  zip_int64_t index = zip_name_locate (archive->zip, entry, ZIP_FL_NOCASE);
  zip_stat_t st;

  stream->archive_name = g_strdup (archive->name);
  stream->entry = g_strdup (entry);
  if (index < 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("“%s” is not in the archive"), entry);
      return NULL;
    }
  if (zip_stat_index (archive->zip, index, 0, &st) < 0)
    {
      _gloss_qdpx_refuse (error, archive->name, _("an entry cannot be read"));
      return NULL;
    }
  if ((gint64) st.size > GLOSS_QDPX_MAX_XML_BYTES)
    {
      refuse_too_large (error, archive->name, st.name, st.size, GLOSS_QDPX_MAX_XML_BYTES);
      return NULL;
    }
  stream->declared = st.size;
  stream->file = zip_fopen_index (archive->zip, index, 0);
  if (stream->file == NULL)
    {
      _gloss_qdpx_refuse (error, archive->name, _("the entry “%s” cannot be read: %s"), st.name,
                          zip_strerror (archive->zip));
      return NULL;
    }

  stream->reader = xmlReaderForIO (stream_read, stream_close, stream, entry, NULL, PARSE_OPTIONS);
  if (stream->reader == NULL)
    {
      _gloss_qdpx_refuse (error, archive->name, _("%s is not well-formed XML"), entry);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (stream->reader, (xmlStructuredErrorFunc) stream_error, stream);

  return g_steal_pointer (&stream);
}

void
_gloss_qde_stream_free (GlossQdeStream *stream)
{
  if (stream == NULL)
    return;
  if (stream->reader != NULL)
    xmlFreeTextReader (stream->reader);
  if (stream->file != NULL)
    zip_fclose (stream->file);
  g_free (stream->archive_name);
  g_free (stream->entry);
  g_free (stream->message);
  g_free (stream);
}

xmlTextReaderPtr
_gloss_qde_stream_reader (GlossQdeStream *stream)
{
  return stream->reader;
}

static gboolean
stream_failed (GlossQdeStream  *stream,
               GError         **error)
{
  const char *what = stream->entry;

  if (stream->overflow)
    {
      g_autofree char *size = g_format_size (stream->declared);

      return _gloss_qdpx_refuse (error, stream->archive_name,
                                 _("the entry “%s” unpacks to more than the %s it declares, as an archive "
                                   "made to fill the disk does; reading stopped there"), what, size);
    }
  if (stream->damaged)
    return _gloss_qdpx_refuse (error, stream->archive_name, _("the entry “%s” is damaged"), what);
  if (stream->message != NULL && strstr (stream->message, "Excessive depth") != NULL)
    return _gloss_qdpx_refuse (error, stream->archive_name, _("%s nests elements more than 256 levels deep"), what);
  if (stream->message != NULL && (strstr (stream->message, "ntity") != NULL || strstr (stream->message, "DOCTYPE") != NULL))
    return _gloss_qdpx_refuse (error, stream->archive_name, _("%s declares a DOCTYPE or entities"), what);
  if (stream->message != NULL && is_size_limit (stream->message))
    return _gloss_qdpx_refuse (error, stream->archive_name,
                               _("%s is over a size limit: a name, value or text in it is longer than "
                                 "Gloss reads (line %d: %s)"), what, stream->line, stream->message);
  if (stream->message != NULL)
    return _gloss_qdpx_refuse (error, stream->archive_name, _("%s is not well-formed XML (line %d: %s)"), what,
                               stream->line, stream->message);

  return _gloss_qdpx_refuse (error, stream->archive_name, _("%s is not well-formed XML"), what);
}

/* After a move: an error, the end, or a node that may be read. */
static gboolean
stream_moved (GlossQdeStream  *stream,
              int              rc,
              gboolean        *more,
              GError         **error)
{
  *more = FALSE;
  if (rc < 0 || stream->overflow || stream->damaged)
    return stream_failed (stream, error);
  if (rc == 0)
    return TRUE;
  if (xmlTextReaderNodeType (stream->reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    return _gloss_qdpx_refuse (error, stream->archive_name, _("%s declares a DOCTYPE or entities"), stream->entry);
  *more = TRUE;
  return TRUE;
}

gboolean
_gloss_qde_stream_next (GlossQdeStream  *stream,
                        gboolean        *more,
                        GError         **error)
{
  return stream_moved (stream, xmlTextReaderRead (stream->reader), more, error);
}

gboolean
_gloss_qde_stream_skip (GlossQdeStream  *stream,
                        gboolean        *more,
                        GError         **error)
{
  return stream_moved (stream, xmlTextReaderNext (stream->reader), more, error);
}

xmlNode *
_gloss_qde_stream_expand (GlossQdeStream  *stream,
                          GError         **error)
{
  xmlNode *node = xmlTextReaderExpand (stream->reader);

  if (node == NULL || stream->overflow || stream->damaged)
    {
      stream_failed (stream, error);
      return NULL;
    }

  return node;
}

xmlNode *
_gloss_qde_stream_copy (GlossQdeStream  *stream,
                        GError         **error)
{
  xmlNode *node = _gloss_qde_stream_expand (stream, error);
  xmlNode *copy;
  gboolean more;

  if (node == NULL)
    return NULL;
  copy = xmlCopyNode (node, 1);
  if (!_gloss_qde_stream_skip (stream, &more, error))
    {
      xmlFreeNode (copy);
      return NULL;
    }

  return copy;
}

char *
_gloss_qde_stream_attr (GlossQdeStream *stream,
                        const char     *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (stream->reader, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

gboolean
_gloss_qde_stream_children (GlossQdeStream     *stream,
                            GlossQdeChildFunc   func,
                            gpointer            data,
                            GError            **error)
{
  int depth = xmlTextReaderDepth (stream->reader);
  gboolean more = TRUE;

  if (xmlTextReaderIsEmptyElement (stream->reader))
    return _gloss_qde_stream_next (stream, &more, error);

  if (!_gloss_qde_stream_next (stream, &more, error))
    return FALSE;
  while (more)
    {
      int type = xmlTextReaderNodeType (stream->reader);
      int at = xmlTextReaderDepth (stream->reader);

      if (at <= depth && type == XML_READER_TYPE_END_ELEMENT)
        return _gloss_qde_stream_next (stream, &more, error);
      if (type == XML_READER_TYPE_ELEMENT && at == depth + 1)
        {
          if (!func (stream, (const char *) xmlTextReaderConstLocalName (stream->reader), data, error))
            return FALSE;
        }
      else if (!_gloss_qde_stream_next (stream, &more, error))
        return FALSE;
    }

  return TRUE;
}
