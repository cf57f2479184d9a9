/* fuzz-qdpx.c: the REFI-QDA .qdpx importer on arbitrary bytes
 *
 * Each input is written to a file in a temporary folder and imported into
 * a new project there, which is removed afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "gloss-core.h"
#include "gloss-project-exchange.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir;
static char *qdpx_path;
static char *project_path;

static void
remove_files (void)
{
  g_autofree char *wal = g_strconcat (project_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (project_path, "-shm", NULL);

  g_unlink (qdpx_path);
  g_unlink (project_path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
remove_dir (void)
{
  remove_files ();
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  dir = g_dir_make_tmp ("gloss-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  qdpx_path = g_build_filename (dir, "in.qdpx", NULL);
  project_path = g_build_filename (dir, "out.gloss", NULL);
  atexit (remove_dir);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossProject) project = NULL;

  if (!g_file_set_contents (qdpx_path, (const char *) data, size, &error))
    g_error ("%s", error->message);

  project = gloss_qdpx_import (qdpx_path, project_path, warnings, NULL, &error);
  if (project == NULL)
    {
      g_assert_nonnull (error);
      /* All or nothing: a refused archive leaves no project behind. */
      g_assert_false (g_file_test (project_path, G_FILE_TEST_EXISTS));
    }
  else
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      g_assert_true (gloss_project_check (project, problems, NULL));
      g_assert_cmpuint (problems->len, ==, 0);
    }

  g_clear_object (&project);
  remove_files ();
  return 0;
}
