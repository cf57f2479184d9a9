/* fuzz-rows.h: a valid project file, and mutations of its rows
 *
 * The project-rows and merge harnesses share this: a project made once
 * (two coders, a codebook, texts, codings, a memo, attributes, a case, a
 * set), a copy of it per input, and the input read as a list of mutations
 * of single rows and columns done through SQL, as another program would:
 * other types, NULLs, huge and negative numbers, invalid UTF-8, values of
 * other rows (duplicate GUIDs, wrong references), deleted and repeated
 * rows. The first byte may ask for the tables to be made again without
 * their constraints first (the same columns).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>

#include "gloss-core.h"

G_BEGIN_DECLS

/* A folder with "base.gloss" (the project) and room for the inputs. */
const char *fuzz_rows_init       (void);
/* Copies the base project to @path and applies @data's mutations on it;
 * the file is then closed. */
void        fuzz_rows_make_input (const char    *path,
                                  const uint8_t *data,
                                  size_t         size);
/* Removes @path and its -wal, -shm and -journal. */
void        fuzz_rows_remove     (const char    *path);
/* The base project's path. */
const char *fuzz_rows_base       (void);

G_END_DECLS
