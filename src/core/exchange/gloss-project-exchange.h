/* gloss-project-exchange.h: coder copies, merging them back, REFI-QDA
 *
 * Every function here works on a project and files; none needs a display.
 * Those that may take long have an _async/_finish pair that runs the work
 * in a thread on a connection of its own (the project's file is opened
 * again there), so the caller's GlossProject is never touched off its
 * thread. After an async change the caller's project sees the new data on
 * its next query; it emits no ::changed for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-excerpt-export.h"
#include "gloss-project.h"

G_BEGIN_DECLS

/* Coder copies */

/* Writes a copy of @self to @out_path (which must not exist) for blind
 * coding by @coder_name: same GUIDs everywhere, the coder added if missing,
 * the undo history left behind, and with @without_codings every coding of
 * every coder removed. */
gboolean gloss_project_copy_for_coder (GlossProject  *self,
                                       const char    *out_path,
                                       const char    *coder_name,
                                       gboolean       without_codings,
                                       GError       **error);

void     gloss_project_copy_for_coder_async  (GlossProject        *self,
                                              const char          *out_path,
                                              const char          *coder_name,
                                              gboolean             without_codings,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean gloss_project_copy_for_coder_finish (GlossProject        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Merging */

typedef enum
{
  GLOSS_MERGE_DEFAULT = 0,
  GLOSS_MERGE_THEIRS  = 1 << 0,  /* on a conflict the merged file's version wins */
} GlossMergeFlags;

typedef struct
{
  char *kind;         /* "document", "coder", "code", "coding", "memo" */
  char *guid;
  char *label;        /* what it is, for people: a name, a path, a quote */
  char *reason;       /* why it was skipped or in conflict; NULL for added */
} GlossMergeItem;

typedef struct
{
  char      *path;        /* the merged file */
  GPtrArray *added;       /* GlossMergeItem */
  GPtrArray *skipped;     /* GlossMergeItem: could not be merged */
  GPtrArray *conflicts;   /* GlossMergeItem: same GUID, different content */
  guint      n_unchanged; /* already in the lead as they are */
  guint      n_reanchored;/* codings moved to where their quote is in the lead */
  guint      n_updated;   /* conflicts resolved with their version (GLOSS_MERGE_THEIRS) */
} GlossMergeSummary;

void gloss_merge_item_free    (GlossMergeItem    *item);
void gloss_merge_summary_free (GlossMergeSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossMergeItem, gloss_merge_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossMergeSummary, gloss_merge_summary_free)

/* Brings the coders, codes, codings, memos (and documents the lead lacks)
 * of the project at @other_path into @self, as one step. Documents match
 * by GUID, else the SHA-256 of their bytes, else kind and text; everything
 * else by GUID. A file whose codes nest deeper than GLOSS_MAX_CODE_LEVELS
 * is refused. Merging the same file again changes nothing. */
gboolean gloss_project_merge          (GlossProject       *self,
                                       const char         *other_path,
                                       GlossMergeFlags     flags,
                                       GlossMergeSummary **summary_out,
                                       GError            **error);
void     gloss_project_merge_async    (GlossProject        *self,
                                       const char          *other_path,
                                       GlossMergeFlags      flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GlossMergeSummary *gloss_project_merge_finish (GlossProject  *self,
                                               GAsyncResult  *result,
                                               GError       **error);

/* REFI-QDA (QDA-XML 1.0)
 *
 * Coordinates, in both directions:
 * - PlainTextSelection startPosition/endPosition are [start, end) offsets,
 *   0-based, in Unicode code points, into the source's plain text: for a
 *   TextSource the file at plainTextPath (UTF-8, LF line ends), for a
 *   PDFSource the file of its Representation, which is Gloss's document text
 *   (the page texts joined by U+000C). These are exactly Gloss's offsets.
 * - PDFSelection regions: Gloss writes none (it codes text, not regions).
 *   Read ones are listed as skipped. Should Gloss write them, they would be
 *   in PDF points, origin at the page's top-left corner, page 0-based.
 * - Attributes, cases and sets: see gloss-qdpx-cases.c. Coders' attributes
 *   are not carried (QDA-XML has no variables on users).
 * - Not carried by QDA-XML: coder colours (new ones are given on import),
 *   coders' memos (written as Notes nothing refers to, which an import
 *   keeps as free notes), removed documents (not written).
 * - Reading, when the exporter's plain text differs from the text Gloss
 *   extracts, each selection is re-anchored by its quote (exact text, then
 *   whitespace-insensitive, nearest to the old offset); one that cannot be
 *   found is listed as skipped.
 */

/* Writes @self as a .qdpx archive (project.qde + sources/). */
gboolean      gloss_qdpx_export       (GlossProject  *self,
                                       const char    *out_path,
                                       GError       **error);
/* What a .qdpx of @self carries differently from the project, for the
 * export's summary: each PDF that opens only with a password is written
 * encrypted, as it was imported, and the program that reads the archive
 * asks for the password. Appends one message (a string) per document. */
gboolean      gloss_qdpx_export_warnings (GlossProject  *self,
                                          GPtrArray     *warnings,
                                          GError       **error);
/* Creates the project @project_path (which must not exist) from a .qdpx,
 * all or nothing. What was read but not kept is appended to @warnings
 * (strings; may be NULL). */
GlossProject *gloss_qdpx_import       (const char    *qdpx_path,
                                       const char    *project_path,
                                       GPtrArray     *warnings,
                                       GCancellable  *cancellable,
                                       GError       **error);
void          gloss_qdpx_import_async (const char          *qdpx_path,
                                       const char          *project_path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Returns the path of the new project; @warnings_out gets the warnings. */
char         *gloss_qdpx_import_finish (GAsyncResult  *result,
                                        GPtrArray    **warnings_out,
                                        GError       **error);

/* An import read but not committed: the project is made in a hidden file
 * beside @project_path, and only renamed into place by _commit; freeing
 * an uncommitted one removes it, so nothing was made. */
typedef struct
{
  guint n_documents;
  guint n_coders;
  guint n_codes;
  guint n_codings;
  guint n_notes;   /* free notes */
  guint n_memos;   /* memos on the project, documents, codes, coders and codings */
} GlossQdpxCounts;

typedef struct _GlossQdpxPending GlossQdpxPending;

GlossQdpxPending      *gloss_qdpx_import_prepare        (const char          *qdpx_path,
                                                         const char          *project_path,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
void                   gloss_qdpx_import_prepare_async  (const char          *qdpx_path,
                                                         const char          *project_path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GlossQdpxPending      *gloss_qdpx_import_prepare_finish (GAsyncResult        *result,
                                                         GError             **error);
const GlossQdpxCounts *gloss_qdpx_pending_get_counts    (GlossQdpxPending    *pending);
/* What was read but not kept, and how the file was read (strings). */
GPtrArray             *gloss_qdpx_pending_get_warnings  (GlossQdpxPending    *pending);
const char            *gloss_qdpx_pending_get_path      (GlossQdpxPending    *pending);
gboolean               gloss_qdpx_pending_commit        (GlossQdpxPending    *pending,
                                                         GError             **error);
void                   gloss_qdpx_pending_free          (GlossQdpxPending    *pending);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossQdpxPending, gloss_qdpx_pending_free)

/* The codebook alone, as a .qdc file. */
gboolean      gloss_qdc_export        (GlossProject  *self,
                                       const char    *out_path,
                                       GError       **error);
/* Adds the codes of a .qdc to @self (one step); codes whose GUID is already
 * there are kept as they are. Returns the number of codes added, -1 on error. */
gint64        gloss_qdc_import        (GlossProject  *self,
                                       const char    *qdc_path,
                                       GPtrArray     *warnings,
                                       GError       **error);

/* For tests and the GUI: validates a project.qde or .qdc against the
 * QDA-XML schema at @xsd_path. */
gboolean      gloss_qdpx_validate     (GBytes        *xml,
                                       const char    *xsd_path,
                                       GError       **error);

/* Async export of any kind: the work runs in a thread on its own
 * connection. @format is "qdpx", "qdc", or an excerpt format (see
 * gloss-excerpt-export.h), which @options (may be NULL) narrows. */
void          gloss_project_export_async  (GlossProject              *self,
                                           const char                *format,
                                           const GlossExcerptOptions *options,
                                           const char                *out_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      gloss_project_export_finish (GlossProject  *self,
                                           GAsyncResult  *result,
                                           GError       **error);

G_END_DECLS
