/* gloss-qdpx-reader.h: reading REFI-QDA archives and their XML
 *
 * The archive and its XML come from elsewhere and are read defensively
 * (see gloss-qdpx-reader.c). project.qde is read as a stream, one
 * element at a time: its size does not decide the memory an import takes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <zip.h>

G_BEGIN_DECLS

/* project.qde and .qdc files: at most this many bytes of XML. */
#define GLOSS_QDPX_MAX_XML_BYTES (G_GINT64_CONSTANT (256) * 1024 * 1024)

gboolean  _gloss_qdpx_refuse          (GError     **error,
                                       const char  *archive,
                                       const char  *format,
                                       ...) G_GNUC_PRINTF (3, 4);

/* The archive */

typedef struct
{
  zip_t *zip;
  char  *name;   /* for messages */
} GlossQdpxArchive;

/* Opens @path and checks every entry before anything is read. */
gboolean  _gloss_qdpx_archive_open    (GlossQdpxArchive  *archive,
                                       const char        *path,
                                       GError           **error);
void      _gloss_qdpx_archive_close   (GlossQdpxArchive  *archive);
/* Whether the entry @name is there (in any case). */
gboolean  _gloss_qdpx_archive_has     (GlossQdpxArchive  *archive,
                                       const char        *name);
/* One entry, at most @max bytes and never more than it declared, with a
 * NUL after its end. */
GBytes   *_gloss_qdpx_archive_read    (GlossQdpxArchive  *archive,
                                       const char        *name,
                                       gint64             max,
                                       GError           **error);
GBytes   *_gloss_qdpx_archive_read_index (GlossQdpxArchive *archive,
                                          zip_uint64_t      index,
                                          gint64            max,
                                          GError          **error);

/* A piece of an entry as it is read: first once with @chunk NULL and the
 * size the entry declares, then for every piece in order. FALSE (with
 * @error set) stops the reading. */
typedef gboolean (*GlossQdpxChunkFunc) (const guint8  *chunk,
                                        gsize          size,
                                        guint64        declared,
                                        gpointer       user_data,
                                        GError       **error);
/* Reads the entry @name piece by piece, with the checks of
 * _gloss_qdpx_archive_read, so that it is never whole in memory. */
gboolean  _gloss_qdpx_archive_stream  (GlossQdpxArchive    *archive,
                                       const char          *name,
                                       gint64               max,
                                       GlossQdpxChunkFunc   func,
                                       gpointer             user_data,
                                       GError             **error);

/* XML in memory, as a tree: for codebooks (.qdc), which are small. */
xmlDocPtr _gloss_qdpx_parse_xml       (GBytes      *bytes,
                                       const char  *what,
                                       const char  *archive_name,
                                       GError     **error);

/* XML as a stream: an entry of the archive read through xmlTextReader.
 * Walk it with _next (one node), _skip (past the current element) and
 * _expand (the current element as a tree, valid until the next move). */
typedef struct _GlossQdeStream GlossQdeStream;

GlossQdeStream *_gloss_qde_stream_open (GlossQdpxArchive  *archive,
                                        const char        *entry,
                                        GError           **error);
void      _gloss_qde_stream_free      (GlossQdeStream    *stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossQdeStream, _gloss_qde_stream_free)

/* The reader, positioned at the current node. */
xmlTextReaderPtr _gloss_qde_stream_reader (GlossQdeStream *stream);
/* To the next node: 1, or 0 at the end; FALSE with @error set when the
 * XML is not well-formed, too deep, too large or declares a DOCTYPE. */
gboolean  _gloss_qde_stream_next      (GlossQdeStream    *stream,
                                       gboolean          *more,
                                       GError           **error);
gboolean  _gloss_qde_stream_skip      (GlossQdeStream    *stream,
                                       gboolean          *more,
                                       GError           **error);
xmlNode  *_gloss_qde_stream_expand    (GlossQdeStream    *stream,
                                       GError           **error);

/* Calls @func for each child element of the element the stream is at,
 * positioned at the child; @func moves the stream past it (with _skip,
 * or to the child's end element and one _next on). Leaves the stream past
 * the element. */
typedef gboolean (*GlossQdeChildFunc) (GlossQdeStream  *stream,
                                       const char      *name,
                                       gpointer         data,
                                       GError         **error);
gboolean  _gloss_qde_stream_children  (GlossQdeStream    *stream,
                                       GlossQdeChildFunc  func,
                                       gpointer           data,
                                       GError           **error);
/* The current element's attribute @name, or NULL. */
char     *_gloss_qde_stream_attr      (GlossQdeStream    *stream,
                                       const char        *name);
/* The current element, expanded, as a copy of its own (free with
 * xmlFreeNode), and the stream past it. */
xmlNode  *_gloss_qde_stream_copy      (GlossQdeStream    *stream,
                                       GError           **error);

G_END_DECLS
