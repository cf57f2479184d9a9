/* gloss-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "gloss-test-util.h"

void
gloss_test_make_pdf (const char         *path,
                     const char * const *pages,
                     const char         *title)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);

  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[p], "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          cairo_move_to (cr, 72, 100 + 20 * i);
          cairo_show_text (cr, lines[i]);
        }
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

void
gloss_test_write_pdf_lines (const char          *path,
                            const char          *font,
                            double               size,
                            const GlossTestLine *lines)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  guint page = 0;

  cairo_select_font_face (cr, font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; lines[i].text != NULL; i++)
    {
      for (; page < lines[i].page; page++)
        cairo_show_page (cr);
      cairo_move_to (cr, 72, lines[i].y);
      cairo_show_text (cr, lines[i].text);
    }
  cairo_show_page (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

GlossProject *
gloss_test_open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        {
          g_chmod (child, 0600);
          g_unlink (child);
        }
      g_object_unref (info);
    }
  g_chmod (path, 0700);
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
}

char *
gloss_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gloss-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));

  return dir;
}

GlossProject *
gloss_test_new_project (char **out_path)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "test.gloss", NULL);
  g_autoptr(GError) error = NULL;
  GlossProject *project;

  project = gloss_project_create (path, "Test project", &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);

  return project;
}

const char *
gloss_test_corpus_dir (void)
{
  const char *dir = g_getenv ("GLOSS_CORPUS_DIR");

  g_assert_nonnull (dir);
  return dir;
}

char *
gloss_test_corpus_file (const char *name)
{
  return g_build_filename (gloss_test_corpus_dir (), name, NULL);
}

char *
gloss_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("");

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

char *
gloss_test_write_file (const char *dir,
                       const char *name,
                       const char *contents,
                       gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

#define OLD_CODE_TABLE \
  "DROP TABLE note;" \
  "CREATE TABLE gloss_test_keep AS SELECT * FROM code; DROP TABLE code;" \
  "CREATE TABLE code (" \
  "  id INTEGER PRIMARY KEY," \
  "  guid TEXT NOT NULL UNIQUE," \
  "  parent_id INTEGER REFERENCES code (id) ON DELETE CASCADE," \
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0 AND instr (name, '/') = 0)," \
  "  color TEXT NOT NULL," \
  "  description TEXT NOT NULL DEFAULT ''," \
  "  position INTEGER NOT NULL DEFAULT 0," \
  "  created INTEGER NOT NULL," \
  "  modified INTEGER NOT NULL);" \
  "CREATE UNIQUE INDEX code_sibling_name ON code (ifnull (parent_id, 0), name COLLATE NOCASE);" \
  "CREATE INDEX code_parent ON code (parent_id);"

const char *
gloss_test_sql_before_version_6 (gboolean with_codable)
{
  if (with_codable)
    return OLD_CODE_TABLE
      "ALTER TABLE code ADD COLUMN codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1));"
      "INSERT INTO code SELECT id, guid, parent_id, name, color, description, position, created, modified, codable "
      "FROM gloss_test_keep; DROP TABLE gloss_test_keep;";

  return OLD_CODE_TABLE
    "INSERT INTO code SELECT id, guid, parent_id, name, color, description, position, created, modified "
    "FROM gloss_test_keep; DROP TABLE gloss_test_keep;";
}
