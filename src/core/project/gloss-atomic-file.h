/* gloss-atomic-file.h: a file that appears whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/* A file written beside its target and renamed over it when complete. */
typedef struct
{
  char *path;
  char *tmp_path;
  FILE *fp;
} GlossAtomicFile;

GlossAtomicFile *_gloss_atomic_file_new    (const char       *path,
                                            gboolean          open_stream,
                                            GError          **error);
gboolean         _gloss_atomic_file_commit (GlossAtomicFile  *file,
                                            GError          **error);
void             _gloss_atomic_file_free   (GlossAtomicFile  *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAtomicFile, _gloss_atomic_file_free)

G_END_DECLS
