/* fuzz-load-json.c: gloss_project_load_json on arbitrary bytes
 *
 * One project in a temporary folder, with one text document, a coder and a
 * code, serves every input; a load that succeeds is undone so each input
 * meets the same project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "gloss-core.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GlossProject *project;
static char *project_dir;

static void
remove_project (void)
{
  g_autofree char *path = g_build_filename (project_dir, "fuzz.gloss", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&project);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (project_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  project_dir = g_dir_make_tmp ("gloss-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (project_dir, "fuzz.gloss", NULL);
  project = gloss_project_create (path, "Fuzz", &error);
  g_assert_no_error (error);
  gloss_project_import_text (project, "forum.txt",
                             "Partnership and funding: the compact asks for burden sharing.\n"
                             "Whole-of-society approaches, résumé, naïve, 日本語.\n", -1, &error);
  g_assert_no_error (error);
  gloss_project_add_coder (project, "Amina", "#813d9c", &error);
  g_assert_no_error (error);
  gloss_project_ensure_code_path (project, "Partnership/Funding", NULL, NULL, &error);
  g_assert_no_error (error);
  atexit (remove_project);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = gloss_project_dup_undo_label (project);
  g_autofree char *after = NULL;

  if (!gloss_project_load_json (project, (const char *) data, (gssize) size, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }

  /* A load that changed nothing leaves no step to undo. */
  after = gloss_project_dup_undo_label (project);
  if (g_strcmp0 (label, after) != 0)
    {
      g_assert_true (gloss_project_undo (project, &error));
      g_assert_no_error (error);
    }

  return 0;
}
