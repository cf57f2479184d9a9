/* gloss-code-path.h: a code named by its path, "Parent/Child"
 *
 * A code name may hold "/" (REFI-QDA names such as "Asylum / refugee
 * status"), so a path escapes it: "\/" is a "/" inside a name and "\\" a
 * backslash. Any other backslash stands for itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SQL expression that escapes the column or expression @x as
 * gloss_code_path_escape() does. */
#define GLOSS_CODE_PATH_ESCAPE_SQL(x) "replace (replace (" x ", '\\', '\\\\'), '/', '\\/')"

char  *gloss_code_path_escape (const char *name);
/* "A/B" with @name escaped; @parent_path NULL or "" for a top-level code. */
char  *gloss_code_path_append (const char *parent_path,
                               const char *name);
/* The names along @path, unescaped; NULL-terminated. */
GStrv  gloss_code_path_split  (const char *path);

G_END_DECLS
