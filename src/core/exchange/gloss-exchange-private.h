/* gloss-exchange-private.h: what the exchange files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-atomic-file.h"
#include "gloss-project-exchange.h"
#include "gloss-project-private.h"

G_BEGIN_DECLS

/* A temporary path beside @path (".name.XXXXXX" + @suffix), not created. */
char     *_gloss_sibling_temp_path (const char *path,
                                    const char *suffix);
/* Removes @path and its SQLite -wal/-shm/-journal companions. */
void      _gloss_remove_database_files (const char *path);

/* The next character, or the next byte where no whole UTF-8 character starts. */
const char *_gloss_utf8_next_valid  (const char *p);
/* Text escaping; characters XML 1.0 forbids are dropped, bytes that are
 * not UTF-8 become U+FFFD. */
void      _gloss_xml_escape_append  (GString    *out,
                                     const char *text);
void      _gloss_json_escape_append (GString    *out,
                                     const char *text);
/* At most the first @n_chars characters of @text. */
char     *_gloss_utf8_head          (const char *text,
                                     glong       n_chars);
/* ISO 8601 in UTC, "2024-05-01T10:00:00Z"; "" for 0. */
char     *_gloss_format_time        (gint64      usec);
/* Parses xsd:dateTime; 0 if it cannot. */
gint64    _gloss_parse_time         (const char *text);
/* A GUID made from @guid and @salt, the same every time. */
char     *_gloss_derived_guid       (const char *guid,
                                     const char *salt);
gboolean  _gloss_guid_is_valid      (const char *guid);

/* Re-anchoring: finds @quote in @chars (the text as code points, @text the
 * same in UTF-8) nearest to @hint, preferring places where @prefix and
 * @suffix match too. Tries the exact quote, then whitespace-insensitive. */
gboolean  _gloss_reanchor           (const char     *text,
                                     const gunichar *chars,
                                     glong           n_chars,
                                     const char     *quote,
                                     const char     *prefix,
                                     const char     *suffix,
                                     gint64          hint,
                                     gint64         *start,
                                     gint64         *end);

/* Pages (1-based) of [start, end) as "3" or "3-4"; @pages is GlossPage*. */
char     *_gloss_pages_label        (GPtrArray  *pages,
                                     gint64      start,
                                     gint64      end);

/* REFI-QDA Variables, Cases and Sets (gloss-qdpx-cases.c). The writers
 * append to @xml at their place in project.qde; the reader runs after the
 * sources are imported, inside the import's step, with the codes' map
 * (their GUID -> gint64 id). */
void      _gloss_qdpx_write_variables       (GlossProject *project,
                                             GString      *xml);
void      _gloss_qdpx_write_cases           (GlossProject *project,
                                             GString      *xml);
void      _gloss_qdpx_write_case_selections (GlossProject *project,
                                             GString      *xml,
                                             gint64        document_id);
void      _gloss_qdpx_write_source_values   (GlossProject *project,
                                             GString      *xml,
                                             gint64        document_id);
void      _gloss_qdpx_write_sets            (GlossProject *project,
                                             GString      *xml);
/* Gives row @id of @table the GUID @guid when it is valid and unused. */
void      _gloss_keep_guid                  (GlossProject *project,
                                             const char   *table,
                                             gint64        id,
                                             const char   *guid);
/* What the two merge files share (gloss-project-merge.c): an item added to
 * one of a merge summary's lists, and the maps of the other file's ids to
 * the lead's (gint64 -> gint64; 0 when not mapped). */
void      _gloss_merge_note                 (GPtrArray    *list,
                                             const char   *kind,
                                             const char   *guid,
                                             const char   *label,
                                             const char   *reason);
void      _gloss_merge_map_put              (GHashTable   *map,
                                             gint64        other_id,
                                             gint64        lead_id);
gint64    _gloss_merge_map_get              (GHashTable   *map,
                                             gint64        other_id);
/* Merges the attributes, values, cases and sets of @other into @lead
 * (gloss-merge-cases.c), inside the merge's step; the maps take @other's
 * ids to the lead's (gint64 -> gint64). */
gboolean  _gloss_merge_cases                (GlossProject      *lead,
                                             GlossProject      *other,
                                             GHashTable        *documents,
                                             GHashTable        *coders,
                                             GHashTable        *codes,
                                             gboolean           theirs,
                                             GlossMergeSummary *summary,
                                             GError           **error);
/* Builds the project a .qdpx makes in a hidden file beside @project_path
 * (which must not exist) and returns that file's path; nothing is left on
 * failure. */
char     *_gloss_qdpx_import_build          (const char        *qdpx_path,
                                             const char        *project_path,
                                             GPtrArray         *warnings,
                                             GlossQdpxCounts   *counts,
                                             GCancellable      *cancellable,
                                             GError           **error);
gboolean  _gloss_merge_notes                (GlossProject      *lead,
                                             GlossProject      *other,
                                             gboolean           theirs,
                                             GlossMergeSummary *summary,
                                             GError           **error);
struct _xmlNode;
gboolean  _gloss_qdpx_read_cases            (GlossProject     *project,
                                             struct _xmlNode  *root,
                                             GHashTable       *codes,
                                             GPtrArray        *warnings,
                                             GError          **error);

/* Does the async work of gloss-project-exchange.h on its own connection. */
GlossProject *_gloss_project_open_for_thread (const char *path,
                                              GError    **error);

G_END_DECLS
