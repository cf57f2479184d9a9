/* gloss-stale-files.h: what a killed import, copy or repair left behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files not written for this long are stale unless a process holds them. */
#define GLOSS_STALE_SECONDS (30 * 60)

/* Removes from @folder the hidden project files that Gloss builds beside
 * a new project, copy or repaired copy (".NAME.XXXXXX.gloss", with their
 * -wal, -shm and -journal) and that a killed Gloss left behind: only those
 * that are Gloss's (a Gloss project file or an empty one, a regular file
 * of this user), that no process holds open (no lock on the file or its
 * -shm, as a running Gloss has) and that nobody wrote for @min_age seconds.
 * Also removes, from the temporary folder, "gloss-qdpx-XXXXXX" folders of
 * this user that hold only files and that nobody wrote for @min_age
 * seconds. Call it before this process opens any project: the check for a
 * lock drops those this process would hold on such a file. Each path
 * removed goes to @removed (may be NULL); returns how many. */
guint gloss_remove_stale_files (const char *folder,
                                gint64      min_age,
                                GPtrArray  *removed);

G_END_DECLS
