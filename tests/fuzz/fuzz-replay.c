/* fuzz-replay.c: runs a fuzz harness on the files given (or on every file
 * of the folders given), without libFuzzer: the seed corpora and the
 * inputs that once crashed stay tests in every build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerInitialize (int *argc, char ***argv) __attribute__ ((weak));
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
replay (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *name;
      guint count = 0;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          count += replay (child);
        }
      return count;
    }

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint count = 0;

  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    count += replay (argv[i]);

  printf ("replayed %u inputs\n", count);
  return count > 0 ? 0 : 1;
}
