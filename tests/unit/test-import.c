/* test-import.c: PDF and text documents into the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "gloss-test-util.h"

static guint
count_documents (GlossProject *project)
{
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (project, NULL);

  return documents->len;
}

static const char * const fixture_pages[] = {
  "Partnership requires accountability.\nCivil society stays independent.",
  "Refugees take part in decisions.",
  NULL
};

static const char fixture_text[] =
  "Partnership requires accountability.\nCivil society stays independent.\f"
  "Refugees take part in decisions.";

static void
test_pdf_fixture (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "compact.pdf", NULL);
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GlossDocumentInfo) info = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *part = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  gsize length = 0;
  gboolean duplicate = TRUE;
  gint64 id;

  gloss_test_make_pdf (pdf, fixture_pages, "A Compact on Partnership");
  id = gloss_project_import_file (project, pdf, NULL, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (duplicate);

  info = gloss_project_get_document (project, id, &error);
  g_assert_cmpstr (info->title, ==, "A Compact on Partnership");
  g_assert_cmpstr (info->filename, ==, "compact.pdf");
  g_assert_cmpint (info->kind, ==, GLOSS_DOCUMENT_PDF);
  g_assert_cmpuint (info->n_pages, ==, 2);
  g_assert_cmpint (info->n_chars, ==, g_utf8_strlen (fixture_text, -1));

  text = gloss_project_get_text (project, id, 0, -1, &error);
  g_assert_cmpstr (text, ==, fixture_text);
  part = gloss_project_get_text (project, id, 12, 20, &error);
  g_assert_cmpstr (part, ==, "requires");

  pages = gloss_project_get_pages (project, id, &error);
  g_assert_cmpuint (pages->len, ==, 2);
  g_assert_cmpint (((GlossPage *) pages->pdata[0])->start, ==, 0);
  g_assert_cmpint (((GlossPage *) pages->pdata[0])->length, ==, 69);
  g_assert_cmpint (((GlossPage *) pages->pdata[1])->start, ==, 70);
  g_assert_cmpint (((GlossPage *) pages->pdata[1])->length, ==, 32);
  g_assert_cmpfloat_with_epsilon (((GlossPage *) pages->pdata[0])->width, 595, 0.01);
  g_assert_cmpfloat_with_epsilon (((GlossPage *) pages->pdata[0])->height, 842, 0.01);

  /* The bytes and their checksum are kept. */
  bytes = gloss_project_get_bytes (project, id, &error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, length);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), length, contents, length);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (info->sha256, ==, sha);

  /* The same bytes again are a duplicate, not a second document. */
  g_assert_cmpint (gloss_project_import_file (project, pdf, NULL, &duplicate, &error), ==, id);
  g_assert_true (duplicate);
  g_assert_cmpuint (count_documents (project), ==, 1);
}

static guint
pdfinfo_pages (const char *path,
               const char *password)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdfinfo", "-upw", password ? password : "", path, NULL };
  const char *line;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);

  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static void
test_corpus (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GDir) dir = g_dir_open (gloss_test_corpus_dir (), 0, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = gloss_test_corpus_file (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossDocumentInfo) info = NULL;
      const char *password = strstr (name, "password") ? "openpassword" : NULL;
      gint64 id;

      if (!g_str_has_suffix (name, ".pdf"))
        continue;

      g_test_message ("importing %s", name);
      id = gloss_project_import_file (project, path, password, NULL, &error);
      g_assert_no_error (error);
      info = gloss_project_get_document (project, id, &error);
      g_assert_cmpuint (info->n_pages, ==, pdfinfo_pages (path, password));
      n++;
    }

  g_assert_cmpuint (n, >=, 14);
  g_assert_true (gloss_project_check (project, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_password (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autofree char *path = gloss_test_corpus_file ("libreoffice-writer-password.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  gint64 id;

  g_assert_cmpint (gloss_project_import_file (project, path, NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_PASSWORD_REQUIRED);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);

  g_assert_cmpint (gloss_project_import_file (project, path, "wrong", NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpuint (count_documents (project), ==, 0);

  id = gloss_project_import_file (project, path, "openpassword", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  password = gloss_project_dup_document_password (project, id);
  g_assert_cmpstr (password, ==, "openpassword");
}

static void
test_bad_files (void)
{
  g_autofree char *project_path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&project_path);
  g_autofree char *bad = g_build_filename (gloss_test_corpus_dir (), "bad", NULL);
  g_autoptr(GDir) dir = g_dir_open (bad, 0, NULL);
  g_autofree char *good = gloss_test_corpus_file ("minimal-document.pdf");
  g_autoptr(GlossDocumentInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 good_id;

  good_id = gloss_project_import_file (project, good, NULL, NULL, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (bad, name, NULL);
      g_autoptr(GPtrArray) before = gloss_project_list_documents (project, NULL);
      g_autoptr(GPtrArray) after = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *undo_label = gloss_project_dup_undo_label (project);
      g_autofree char *undo_after = NULL;
      gint64 id;

      id = gloss_project_import_file (project, path, NULL, NULL, &error);
      after = gloss_project_list_documents (project, NULL);
      if (id == 0)
        {
          /* Refused, with a message naming the file, and nothing changed. */
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, name));
          g_assert_cmpuint (before->len, ==, after->len);
          undo_after = gloss_project_dup_undo_label (project);
          g_assert_cmpstr (undo_label, ==, undo_after);
          g_clear_error (&error);
        }
      else
        {
          /* Only a file that still opens partly may be imported. */
          g_assert_cmpstr (name, ==, "corrupted-bytes.pdf");
          g_assert_cmpuint (after->len, ==, before->len + 1);
        }

      g_assert_true (gloss_project_check (project, problems, NULL));
      g_assert_cmpuint (problems->len, ==, 0);
    }

  info = gloss_project_get_document (project, good_id, NULL);
  g_assert_nonnull (info);
}

static void
test_many_files (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autofree char *a = gloss_test_write_file (dir, "a.txt", "First interview.", -1);
  g_autofree char *b = gloss_test_write_file (dir, "b.pdf", "not a pdf at all", -1);
  g_autofree char *c = gloss_test_write_file (dir, "c.md", "# Notes\nSecond.", -1);
  g_autofree char *d = gloss_test_write_file (dir, "d.docx", "PK\003\004", 4);
  g_autofree char *e = gloss_test_write_file (dir, "e.txt", "First interview.", -1);
  const char *paths[] = { a, b, c, d, e, NULL };
  g_autoptr(GPtrArray) results = gloss_project_import_files (project, paths, NULL, NULL);
  GlossImportResult **r = (GlossImportResult **) results->pdata;

  g_assert_cmpuint (results->len, ==, 5);
  g_assert_cmpint (r[0]->status, ==, GLOSS_IMPORT_IMPORTED);
  g_assert_cmpint (r[1]->status, ==, GLOSS_IMPORT_REFUSED);
  g_assert_nonnull (strstr (r[1]->message, "b.pdf"));
  g_assert_cmpint (r[2]->status, ==, GLOSS_IMPORT_IMPORTED);
  g_assert_cmpint (r[3]->status, ==, GLOSS_IMPORT_REFUSED);
  g_assert_nonnull (strstr (r[3]->message, "d.docx"));
  g_assert_cmpint (r[4]->status, ==, GLOSS_IMPORT_DUPLICATE);
  g_assert_cmpint (r[4]->document_id, ==, r[0]->document_id);
  g_assert_cmpuint (count_documents (project), ==, 2);
}

static void
test_text_files (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autofree char *crlf = gloss_test_write_file (dir, "crlf.txt", "\xEF\xBB\xBFInterviewer: Hello\r\nR: Hi\rEnd\r\n", -1);
  g_autofree char *latin1 = gloss_test_write_file (dir, "latin1.txt", "Caf\xe9 au lait", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GlossDocumentInfo) info = NULL;
  gint64 id;

  id = gloss_project_import_file (project, crlf, NULL, NULL, &error);
  g_assert_no_error (error);
  info = gloss_project_get_document (project, id, NULL);
  g_assert_cmpstr (info->title, ==, "crlf.txt");
  g_assert_cmpint (info->kind, ==, GLOSS_DOCUMENT_TEXT);
  text = gloss_project_get_text (project, id, 0, -1, NULL);
  g_assert_cmpstr (text, ==, "Interviewer: Hello\nR: Hi\nEnd\n");

  g_assert_cmpint (gloss_project_import_file (project, latin1, NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "offset 3"));
}

static void
test_text_pages (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, next = 0;

  /* 130 short lines and one long paragraph that wraps */
  for (int i = 0; i < 130; i++)
    g_string_append_printf (text, "Line %d of the transcript.\n", i);
  for (int i = 0; i < 100; i++)
    g_string_append (text, "partnership ");

  id = gloss_project_import_text (project, "long.txt", text->str, text->len, &error);
  g_assert_no_error (error);
  pages = gloss_project_get_pages (project, id, &error);
  g_assert_cmpuint (pages->len, ==, 3);

  /* Pages tile the text: each starts where the previous ends. */
  for (guint i = 0; i < pages->len; i++)
    {
      GlossPage *page = pages->pdata[i];
      g_assert_cmpint (page->start, ==, next);
      next = page->start + page->length;
    }
  g_assert_cmpint (next, ==, g_utf8_strlen (text->str, -1));
}

static void
test_arabic (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autofree char *path = gloss_test_corpus_file ("habibi.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GlossCoding) coding = NULL;
  g_autofree char *expected = NULL;
  gint64 id, coder, code, coding_id;
  const char *word;
  const char *arabic;
  glong start;

  id = gloss_project_import_file (project, path, NULL, NULL, &error);
  g_assert_no_error (error);
  text = gloss_project_get_text (project, id, 0, -1, NULL);

  /* The Arabic word in logical order, as typed (U+062D first), although
   * poppler gives it as drawn; a coding of those six characters quotes
   * exactly them. */
  arabic = "\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8a\xd8\xa8\xd9\x8a";
  word = strstr (text, arabic);
  g_assert_nonnull (word);
  start = g_utf8_pointer_to_offset (text, word);

  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Arabic", NULL, NULL, &error);
  coding_id = gloss_project_add_coding (project, id, coder, code, start, start + 6, NULL, &error);
  g_assert_no_error (error);
  coding = gloss_project_get_coding (project, coding_id, &error);
  expected = g_strdup (arabic);
  g_assert_cmpstr (coding->quote, ==, expected);
}

static void
on_async_import_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The import off the main thread: the same loop and results as the
 * blocking one, its progress readable, a password error told by code. */
static void
test_async (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *a = gloss_test_write_file (dir, "a.txt", "First text.", -1);
  g_autofree char *b = gloss_test_write_file (dir, "b.txt", "Second text.", -1);
  g_autofree char *locked = gloss_test_corpus_file ("libreoffice-writer-password.pdf");
  g_autofree char *current = NULL;
  const char *paths[] = { a, b, a, locked, NULL };
  g_autoptr(GlossImportProgress) progress = gloss_import_progress_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  guint done = 99, total = 0;
  GlossImportResult *r;

  gloss_project_import_files_async (project, paths, NULL, progress, NULL, on_async_import_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  results = gloss_project_import_files_finish (project, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);
  g_assert_cmpint (((GlossImportResult *) g_ptr_array_index (results, 0))->status, ==, GLOSS_IMPORT_IMPORTED);
  g_assert_cmpint (((GlossImportResult *) g_ptr_array_index (results, 1))->status, ==, GLOSS_IMPORT_IMPORTED);
  g_assert_cmpint (((GlossImportResult *) g_ptr_array_index (results, 2))->status, ==, GLOSS_IMPORT_DUPLICATE);
  r = g_ptr_array_index (results, 3);
  g_assert_cmpint (r->status, ==, GLOSS_IMPORT_REFUSED);
  g_assert_cmpint (r->error_code, ==, GLOSS_ERROR_PASSWORD_REQUIRED);

  gloss_import_progress_get (progress, &done, &total, &current);
  g_assert_cmpuint (done, ==, 4);
  g_assert_cmpuint (total, ==, 4);
  g_assert_null (current);

  /* Written through the thread's own connection, seen by this one. */
  documents = gloss_project_list_documents (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
}

static void
test_async_cancelled (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *a = gloss_test_write_file (dir, "a.txt", "First text.", -1);
  const char *paths[] = { a, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  gloss_project_import_files_async (project, paths, NULL, NULL, cancellable, on_async_import_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  results = gloss_project_import_files_finish (project, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
  documents = gloss_project_list_documents (project, NULL);
  g_assert_cmpuint (documents->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/pdf-fixture", test_pdf_fixture);
  g_test_add_func ("/import/corpus", test_corpus);
  g_test_add_func ("/import/password", test_password);
  g_test_add_func ("/import/bad-files", test_bad_files);
  g_test_add_func ("/import/many-files", test_many_files);
  g_test_add_func ("/import/text-files", test_text_files);
  g_test_add_func ("/import/text-pages", test_text_pages);
  g_test_add_func ("/import/arabic", test_arabic);
  g_test_add_func ("/import/async", test_async);
  g_test_add_func ("/import/async-cancelled", test_async_cancelled);

  return g_test_run ();
}
