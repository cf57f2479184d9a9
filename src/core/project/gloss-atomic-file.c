/* gloss-atomic-file.c: a file written beside its target, renamed over it when complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gloss-atomic-file.h"
#include "gloss-error.h"

static void
set_file_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, GLOSS_ERROR, saved_errno == ENOSPC ? GLOSS_ERROR_NO_SPACE : GLOSS_ERROR_FAILED,
               _("Cannot write “%s”: %s"), name, g_strerror (saved_errno));
}

GlossAtomicFile *
_gloss_atomic_file_new (const char  *path,
                        gboolean     open_stream,
                        GError     **error)
{
  g_autoptr(GlossAtomicFile) file = g_new0 (GlossAtomicFile, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  int fd;

  file->path = g_strdup (path);
  file->tmp_path = g_build_filename (dir, tmpl, NULL);
  fd = g_mkstemp (file->tmp_path);
  if (fd < 0)
    {
      set_file_error (error, errno, path);
      g_clear_pointer (&file->tmp_path, g_free);
      return NULL;
    }

  if (!open_stream)
    {
      close (fd);
      return g_steal_pointer (&file);
    }

  file->fp = fdopen (fd, "wb");
  if (file->fp == NULL)
    {
      set_file_error (error, errno, path);
      close (fd);
      return NULL;
    }
  setvbuf (file->fp, NULL, _IOFBF, 1 << 20);

  return g_steal_pointer (&file);
}

gboolean
_gloss_atomic_file_commit (GlossAtomicFile  *file,
                           GError          **error)
{
  if (file->fp != NULL)
    {
      gboolean failed = ferror (file->fp) != 0;
      int saved = errno;

      if (fflush (file->fp) != 0)
        failed = TRUE, saved = errno;
      if (fclose (file->fp) != 0 && !failed)
        failed = TRUE, saved = errno;
      file->fp = NULL;
      if (failed)
        {
          set_file_error (error, saved != 0 ? saved : EIO, file->path);
          return FALSE;
        }
    }

  /* mkstemp makes 0600 files; an export is an ordinary document. */
  g_chmod (file->tmp_path, 0644);
  if (g_rename (file->tmp_path, file->path) != 0)
    {
      set_file_error (error, errno, file->path);
      return FALSE;
    }

  g_clear_pointer (&file->tmp_path, g_free);
  return TRUE;
}

void
_gloss_atomic_file_free (GlossAtomicFile *file)
{
  if (file == NULL)
    return;

  if (file->fp != NULL)
    fclose (file->fp);
  if (file->tmp_path != NULL)
    g_unlink (file->tmp_path);
  g_free (file->tmp_path);
  g_free (file->path);
  g_free (file);
}
