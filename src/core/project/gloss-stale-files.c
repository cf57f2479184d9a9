/* gloss-stale-files.c: what a killed import, copy or repair left behind
 *
 * A new project, a coder's copy and a repaired copy are built in a hidden
 * file beside the target and renamed into place at the end; a process
 * killed before that leaves the hidden file (and its -wal and -shm). Older
 * versions also put an archive's sources in a "gloss-qdpx-XXXXXX" folder
 * under the temporary folder. A file is removed only when it is surely
 * Gloss's and surely abandoned: its name and content are Gloss's, no
 * process holds a lock on it (a running Gloss keeps one on the -shm of a
 * project it has open, SQLite's own), and nobody wrote it for a while.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* F_OFD_GETLK */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss-project-private.h"
#include "gloss-stale-files.h"

static const char * const companions[] = { "-wal", "-shm", "-journal" };

/* ".NAME.XXXXXX.gloss": six letters or digits, as the temporary names
 * of the import, the copy and the repair are made. */
static gboolean
is_temp_project_name (const char *name)
{
  gsize length = strlen (name);
  const char *letters;

  if (name[0] != '.' || length < strlen (".x.XXXXXX.gloss") || !g_str_has_suffix (name, ".gloss"))
    return FALSE;
  letters = name + length - strlen ("XXXXXX.gloss");
  if (letters[-1] != '.')
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isalnum (letters[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_mine (const GStatBuf *buf)
{
  return buf->st_uid == getuid () && S_ISREG (buf->st_mode);
}

/* Whether another process holds any lock on @path. An open descriptor
 * description lock query sees the locks of every process, this one's
 * included; closing the descriptor drops this process's POSIX locks on
 * the file, which is why this runs before any project is opened. */
static gboolean
is_locked (const char *path)
{
  struct flock lock = { 0 };
  gboolean locked;
  int fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);

  if (fd < 0)
    return errno != ENOENT;  /* unreadable: not ours to judge */

  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = 0;
  lock.l_len = 0;  /* the whole file, past its end too (SQLite locks at 1 GB) */
#ifdef F_OFD_GETLK
  locked = fcntl (fd, F_OFD_GETLK, &lock) != 0 || lock.l_type != F_UNLCK;
#else
  locked = fcntl (fd, F_GETLK, &lock) != 0 || lock.l_type != F_UNLCK;
#endif
  close (fd);
  return locked;
}

/* An empty file (made, not yet written) or a Gloss project file. */
static gboolean
holds_gloss_project (const char   *path,
                     const GStatBuf *buf)
{
  unsigned char header[100] = { 0 };
  gssize n;
  int fd;

  if (buf->st_size == 0)
    return TRUE;
  if ((fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0)) < 0)
    return FALSE;
  n = read (fd, header, sizeof header);
  close (fd);

  return n == sizeof header && memcmp (header, "SQLite format 3", 16) == 0 &&
         ((guint32) header[68] << 24 | (guint32) header[69] << 16 |
          (guint32) header[70] << 8 | (guint32) header[71]) == GLOSS_APPLICATION_ID;
}

/* The latest write to @path or its companions, and whether any is held. */
static gboolean
is_abandoned (const char *path,
              gint64      min_age)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (int i = -1; i < (int) G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *file = g_strconcat (path, i < 0 ? "" : companions[i], NULL);
      GStatBuf buf;

      if (g_lstat (file, &buf) != 0)
        continue;
      if (!is_mine (&buf) || now - (gint64) buf.st_mtime < min_age || is_locked (file))
        return FALSE;
    }
  return TRUE;
}

static void
remove_one (const char *path,
            GPtrArray  *removed,
            guint      *count)
{
  for (int i = -1; i < (int) G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *file = g_strconcat (path, i < 0 ? "" : companions[i], NULL);

      if (g_unlink (file) == 0)
        {
          (*count)++;
          if (removed != NULL)
            g_ptr_array_add (removed, g_steal_pointer (&file));
        }
    }
}

static guint
remove_temp_projects (const char *folder,
                      gint64      min_age,
                      GPtrArray  *removed)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint count = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *base = g_strdup (name);
      g_autofree char *path = NULL;
      GStatBuf buf;

      /* A -wal or -shm left without its project goes too. */
      for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
        if (g_str_has_suffix (base, companions[i]))
          base[strlen (base) - strlen (companions[i])] = '\0';
      if (!is_temp_project_name (base))
        continue;
      path = g_build_filename (folder, base, NULL);
      if (g_strcmp0 (base, name) != 0 && g_file_test (path, G_FILE_TEST_EXISTS))
        continue;  /* judged with its project */
      if (g_strcmp0 (base, name) == 0 &&
          (g_lstat (path, &buf) != 0 || !is_mine (&buf) || !holds_gloss_project (path, &buf)))
        continue;
      if (is_abandoned (path, min_age))
        g_ptr_array_add (stale, g_steal_pointer (&path));
    }

  for (guint i = 0; i < stale->len; i++)
    remove_one (g_ptr_array_index (stale, i), removed, &count);
  return count;
}

/* "gloss-qdpx-XXXXXX" of this user, only files in it, none written lately. */
static gboolean
is_stale_qdpx_folder (const char *path,
                      gint64      min_age)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf buf;

  if (g_lstat (path, &buf) != 0 || buf.st_uid != getuid () || !S_ISDIR (buf.st_mode) ||
      now - (gint64) buf.st_mtime < min_age || (dir = g_dir_open (path, 0, NULL)) == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_lstat (child, &buf) != 0 || !is_mine (&buf) || now - (gint64) buf.st_mtime < min_age ||
          is_locked (child))
        return FALSE;
    }
  return TRUE;
}

static guint
remove_qdpx_folders (gint64      min_age,
                     GPtrArray  *removed)
{
  const char *tmp = g_get_tmp_dir ();
  g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
  const char *name;
  guint count = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GDir) inner = NULL;
      const char *child;
      gboolean alnum = strlen (name) == strlen ("gloss-qdpx-XXXXXX");

      for (gsize i = strlen ("gloss-qdpx-"); alnum && name[i] != '\0'; i++)
        alnum = g_ascii_isalnum (name[i]);
      if (!g_str_has_prefix (name, "gloss-qdpx-") || !alnum)
        continue;
      path = g_build_filename (tmp, name, NULL);
      if (!is_stale_qdpx_folder (path, min_age) || (inner = g_dir_open (path, 0, NULL)) == NULL)
        continue;
      while ((child = g_dir_read_name (inner)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, child, NULL);
          g_unlink (file);
        }
      if (g_rmdir (path) == 0)
        {
          count++;
          if (removed != NULL)
            g_ptr_array_add (removed, g_steal_pointer (&path));
        }
    }
  return count;
}

guint
gloss_remove_stale_files (const char *folder,
                          gint64      min_age,
                          GPtrArray  *removed)
{
  guint count = 0;

  if (folder != NULL)
    count += remove_temp_projects (folder, min_age, removed);
  return count + remove_qdpx_folders (min_age, removed);
}
