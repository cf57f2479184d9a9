/* fuzz-project-rows.c: a project file whose rows another program changed
 *
 * Each input mutates a copy of a valid project (see fuzz-rows.c), which is
 * then opened, checked, listed, exported in every format, measured for
 * agreement and repaired. None of it may crash or hang; what refuses says
 * why; a refused file keeps its bytes; a repair that names nothing left
 * gives a copy that opens and passes check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-rows.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *input;
static char *out_dir;
static char *repaired;

static void
remove_files (void)
{
  fuzz_rows_remove (input);
  fuzz_rows_remove (repaired);
}

static void
remove_all (void)
{
  g_autoptr(GDir) dir = g_dir_open (out_dir, 0, NULL);
  const char *name;

  remove_files ();
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (out_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *folder = fuzz_rows_init ();

  input = g_build_filename (folder, "input.gloss", NULL);
  repaired = g_build_filename (folder, "repaired.gloss", NULL);
  out_dir = g_build_filename (folder, "out", NULL);
  g_mkdir (out_dir, 0700);
  atexit (remove_all);
  return 0;
}

static void
assert_refused (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->message != NULL && error->message[0] != '\0');
  g_assert_null (strstr (error->message, "(null)"));
}

static void
exercise (GlossProject *project)
{
  static const GlossExcerptFormat formats[] = { GLOSS_EXCERPT_CSV, GLOSS_EXCERPT_XLSX, GLOSS_EXCERPT_JSON,
                                                GLOSS_EXCERPT_HTML, GLOSS_EXCERPT_MARKDOWN };
  static const GlossAgreementUnit units[] = { GLOSS_AGREEMENT_UNIT_DOCUMENT, GLOSS_AGREEMENT_UNIT_CHAR,
                                              GLOSS_AGREEMENT_UNIT_SEGMENT, GLOSS_AGREEMENT_UNIT_UNITIZED };
  GlossExcerptOptions options = { 0 };
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GError) error = NULL;

  documents = gloss_project_list_documents (project, NULL);
  coders = gloss_project_list_coders (project, NULL);
  codes = gloss_project_list_codes (project, NULL);
  codings = gloss_project_list_codings (project, NULL, NULL);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      g_autofree char *text = gloss_project_get_text (project, info->id, 0, -1, NULL);
      g_autoptr(GPtrArray) pages = gloss_project_get_pages (project, info->id, NULL);
      g_autoptr(GlossPageSource) source = gloss_page_source_new (project, info->id, NULL);

      /* The document as the window reads it: pages laid out, passages cut. */
      (void) text;
      (void) pages;
      for (guint page = 0; source != NULL && page < MIN (gloss_page_source_get_n_pages (source), 3); page++)
        {
          g_autoptr(GlossPageLayout) layout = gloss_page_source_get_layout (source, page, NULL);
          gint64 start = gloss_page_source_get_page_start (source, page);
          g_autofree char *passage = gloss_page_source_dup_text (source, start, start + 40);

          g_assert_nonnull (passage);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (out_dir, "excerpts", NULL);

      if (gloss_excerpt_export (project, formats[i], &options, path, &error) < 0)
        assert_refused (error);
      g_clear_error (&error);
    }
  {
    g_autofree char *path = g_build_filename (out_dir, "project.qdpx", NULL);

    if (!gloss_qdpx_export (project, path, &error))
      assert_refused (error);
    g_clear_error (&error);
  }
  {
    g_autoptr(GlossMatrix) matrix = gloss_matrix_compute (project, GLOSS_MATRIX_CODE_DOCUMENT, NULL, FALSE, &error);
    g_autofree char *path = g_build_filename (out_dir, "matrix.csv", NULL);

    if (matrix == NULL || !gloss_matrix_write (matrix, GLOSS_EXCERPT_CSV, path, &error))
      assert_refused (error);
    g_clear_error (&error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(GlossAgreementOptions) agreement = gloss_agreement_options_new (units[i]);
      g_autoptr(GlossAgreementReport) report = NULL;

      agreement->samples = 20;
      report = gloss_agreement_report_compute (project, agreement, NULL, &error);
      if (report == NULL)
        assert_refused (error);
      g_clear_error (&error);
    }
}

static void
try_repair (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;

  if (!gloss_project_repair (input, repaired, changes, left, &error))
    {
      assert_refused (error);
      g_assert_false (g_file_test (repaired, G_FILE_TEST_EXISTS));
      return;
    }
  if (left->len > 0)
    return;

  /* Nothing left: the copy opens, passes check and serves every command. */
  project = gloss_project_open (repaired, &error);
  if (project == NULL)
    g_error ("the repaired copy does not open: %s", error->message);
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (gloss_project_check (project, problems, &error));
    if (problems->len > 0)
      g_error ("the repaired copy fails check: %s", (const char *) g_ptr_array_index (problems, 0));
  }
  exercise (project);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossProject) checked = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length = 0;

  fuzz_rows_make_input (input, data, size);
  g_assert_true (g_file_get_contents (input, &before, &length, NULL));

  checked = gloss_project_open_for_check (input, &error);
  if (checked == NULL)
    assert_refused (error);
  else
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      if (!gloss_project_check (checked, problems, &error))
        assert_refused (error);
      gloss_project_close (checked);
    }
  g_clear_error (&error);

  project = gloss_project_open (input, &error);
  if (project == NULL)
    {
      /* Refused with a reason, and unchanged. */
      gsize after_length = 0;

      assert_refused (error);
      g_assert_true (g_file_get_contents (input, &after, &after_length, NULL));
      g_assert_true (after_length == length && memcmp (before, after, length) == 0);
      g_clear_error (&error);

      project = gloss_project_open_read_only (input, &error);
      if (project != NULL)
        exercise (project);
      else
        assert_refused (error);
    }
  else
    exercise (project);

  if (project != NULL)
    gloss_project_close (project);
  try_repair ();
  remove_files ();
  return 0;
}
