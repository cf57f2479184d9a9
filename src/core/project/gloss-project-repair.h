/* gloss-project-repair.h: a repaired copy of a project file that is refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes to @out_path (which must not exist) a copy of the project file
 * @path with what gloss_project_check() names repaired where it can be:
 * what Gloss did not create (triggers, views, tables, indexes) removed, its
 * tables made as Gloss defines them (rows that break their rules left
 * out), GUIDs that are not GUIDs or are shared given new ones (and what
 * names them by GUID too), a missing project row made again, codes on a
 * cycle moved to the top level, pages cut again from the text, codings
 * outside their text and rows that refer to nothing removed; the copy
 * starts with an empty undo history. @path is only read, never changed.
 * One sentence per change goes to @changes, and what the copy still
 * breaks (a text that is not UTF-8, a PDF that cannot be read) to @left.
 * FALSE, with nothing written, if @path is not a project at all or the
 * copy cannot be written. */
gboolean gloss_project_repair (const char  *path,
                               const char  *out_path,
                               GPtrArray   *changes,
                               GPtrArray   *left,
                               GError     **error);

/* A path beside @path for its repaired copy, not taken yet:
 * "name (repaired).gloss", "name (repaired 2).gloss", … */
char    *gloss_project_repair_path (const char *path);

G_END_DECLS
