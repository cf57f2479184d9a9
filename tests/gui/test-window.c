/* test-window.c: the main window drives the project: code, change, delete, undo;
 * highlights drawn where the coding is; import in a thread; the code popover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-code-popover.h"
#include "gloss-codebook-panel.h"
#include "gloss-document-list.h"
#include "gloss-document-view-private.h"
#include "gloss-inspector.h"
#include "gloss-preferences-window.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define CODED_SENTENCE   "Partnership requires accountability."
#define UNCODED_SENTENCE "Nothing in this line carries a code."
#define TRUST_COLOR      "#e01b24"
#define POWER_COLOR      "#3584e4"

typedef struct
{
  char        *dir;
  char        *path;
  gint64       document_id;
  gint64       coder_id;
  gint64       trust_id;
  gint64       power_id;
  GlossWindow *window;
  gboolean     first_page_shown;
} Fixture;

/* Fixtures */

static void
write_pdf (const char *path)
{
  const GlossTestLine lines[] = {
    { 0, 120, CODED_SENTENCE },
    { 0, 260, UNCODED_SENTENCE },
    { 1, 120, "The second page." },
    { 0, 0, NULL },
  };

  gloss_test_write_pdf_lines (path, "Sans", 20, lines);
}

/* The [start, end) of @needle in the document text, in characters. */
static void
find_range (GlossProject *project,
            gint64        document_id,
            const char   *needle,
            gint64       *start,
            gint64       *end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gloss_project_get_text (project, document_id, 0, -1, &error);
  const char *hit;

  g_assert_no_error (error);
  hit = strstr (text, needle);
  g_assert_nonnull (hit);
  *start = g_utf8_pointer_to_offset (text, hit);
  *end = *start + g_utf8_strlen (needle, -1);
}

static GlossProject *
open_second_connection (Fixture *fixture)
{
  return gloss_test_open_project (fixture->path);
}

static GPtrArray *
read_codings (Fixture *fixture)
{
  g_autoptr(GlossProject) project = open_second_connection (fixture);
  g_autoptr(GError) error = NULL;
  GlossCodingFilter filter = { .document_id = fixture->document_id };
  GPtrArray *codings = gloss_project_list_codings (project, &filter, &error);

  g_assert_no_error (error);
  gloss_project_close (project);
  return codings;
}

static void
on_first_page_shown (Fixture *fixture)
{
  fixture->first_page_shown = TRUE;
}

static void
wait_until (gboolean *flag,
            guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autofree char *pdf = NULL;
  GlossDocumentView *view;

  fixture->dir = g_dir_make_tmp ("gloss-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study.gloss", NULL);
  pdf = g_build_filename (fixture->dir, "interview.pdf", NULL);
  write_pdf (pdf);

  project = gloss_project_create (fixture->path, "Field study", &error);
  g_assert_no_error (error);
  fixture->document_id = gloss_project_import_file (project, pdf, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->coder_id = gloss_project_add_coder (project, "Tester", NULL, &error);
  g_assert_no_error (error);
  fixture->trust_id = gloss_project_add_code (project, 0, "Trust", TRUST_COLOR, NULL, &error);
  g_assert_no_error (error);
  fixture->power_id = gloss_project_add_code (project, 0, "Power", POWER_COLOR, NULL, &error);
  g_assert_no_error (error);
  gloss_project_close (project);

  fixture->window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  view = gloss_window_get_document_view (fixture->window);
  g_signal_connect_swapped (view, "first-page-shown", G_CALLBACK (on_first_page_shown), fixture);

  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* Opening a project shows its first document; the action opens it again. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "open-document",
                                  g_variant_new_int64 (fixture->document_id));
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->document_id);
  g_assert_cmpint (gloss_window_get_active_coder (fixture->window), ==, fixture->coder_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "interview.pdf", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  spin (50);

  g_remove (wal);
  g_remove (shm);
  g_remove (fixture->path);
  g_remove (pdf);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Coding through the window's actions, read back from the file */

static void
apply_code (Fixture *fixture,
            gint64   start,
            gint64   end,
            gint64   code_id)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  gint64 s = -1, e = -1;

  gloss_document_view_set_selection (view, start, end);
  g_assert_true (gloss_document_view_get_selection (view, &s, &e));
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, end);

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "apply-code"));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "apply-code",
                                  g_variant_new_int64 (code_id));
}

static void
test_code_change_delete_undo (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  g_autoptr(GPtrArray) codings = NULL;
  GlossCoding *coding;
  gint64 start, end, coding_id;
  const char *title;

  find_range (reader, fixture->document_id, CODED_SENTENCE, &start, &end);
  gloss_project_close (reader);

  /* The title names project and document. */
  title = gtk_window_get_title (GTK_WINDOW (fixture->window));
  g_assert_nonnull (strstr (title, "Field study"));
  g_assert_nonnull (strstr (title, "interview"));

  /* Code */
  apply_code (fixture, start, end, fixture->trust_id);
  codings = read_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->document_id, ==, fixture->document_id);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end);
  g_assert_cmpint (coding->code_id, ==, fixture->trust_id);
  g_assert_cmpint (coding->coder_id, ==, fixture->coder_id);
  g_assert_cmpstr (coding->quote, ==, CODED_SENTENCE);
  coding_id = coding->id;
  g_assert_cmpint (gloss_window_get_selected_coding (fixture->window), ==, coding_id);
  g_clear_pointer (&codings, g_ptr_array_unref);

  /* Change its code */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "change-coding-code",
                                  g_variant_new_int64 (fixture->power_id));
  codings = read_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->id, ==, coding_id);
  g_assert_cmpint (coding->code_id, ==, fixture->power_id);
  g_assert_cmpint (coding->start, ==, start);
  g_clear_pointer (&codings, g_ptr_array_unref);

  /* Memo */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "set-coding-memo",
                                  g_variant_new_string ("Said twice in the interview."));
  codings = read_codings (fixture);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpstr (coding->memo, ==, "Said twice in the interview.");
  g_clear_pointer (&codings, g_ptr_array_unref);

  /* Adjust its boundaries to a new selection, then back */
  gloss_document_view_set_selection (gloss_window_get_document_view (fixture->window), start, end - 1);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "set-coding-range-to-selection", NULL);
  codings = read_codings (fixture);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end - 1);
  g_clear_pointer (&codings, g_ptr_array_unref);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "undo", NULL);
  codings = read_codings (fixture);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->end, ==, end);
  g_clear_pointer (&codings, g_ptr_array_unref);

  /* Re-apply the last code (Power) to another passage */
  {
    g_autoptr(GlossProject) again = open_second_connection (fixture);
    gint64 s2, e2;

    find_range (again, fixture->document_id, UNCODED_SENTENCE, &s2, &e2);
    gloss_project_close (again);
    gloss_document_view_set_selection (gloss_window_get_document_view (fixture->window), s2, e2);
    g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "apply-last-code", NULL);
    codings = read_codings (fixture);
    g_assert_cmpuint (codings->len, ==, 2);
    coding = g_ptr_array_index (codings, 1);
    g_assert_cmpint (coding->start, ==, s2);
    g_assert_cmpint (coding->code_id, ==, fixture->power_id);
    g_clear_pointer (&codings, g_ptr_array_unref);

    /* ... and delete that one again */
    g_assert_cmpint (gloss_window_get_selected_coding (fixture->window), !=, coding_id);
    g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "delete-coding", NULL);
    gloss_window_select_coding (fixture->window, coding_id);
  }

  /* Delete */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "delete-coding", NULL);
  codings = read_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
  g_assert_cmpint (gloss_window_get_selected_coding (fixture->window), ==, 0);
  g_clear_pointer (&codings, g_ptr_array_unref);

  /* Undo brings it back, as it was */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "undo"));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "undo", NULL);
  codings = read_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end);
  g_assert_cmpint (coding->code_id, ==, fixture->power_id);
  g_assert_cmpstr (coding->memo, ==, "Said twice in the interview.");
  g_clear_pointer (&codings, g_ptr_array_unref);

  /* Redo deletes it again */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "redo", NULL);
  codings = read_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
}

static void
test_apply_without_selection (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) codings = NULL;

  gloss_document_view_clear_selection (gloss_window_get_document_view (fixture->window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "apply-code",
                                  g_variant_new_int64 (fixture->trust_id));
  codings = read_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
}

/* Rendering: the highlight is drawn where the coding is */

/* A pixel tinted by the Trust colour (#e01b24 blended over white). */
static gboolean
is_trust_tint (const guchar *p)
{
  guint32 v = *(const guint32 *) p;
  int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;

  return r > 170 && r - g > 35 && r - b > 35;
}

static guint
count_tinted (const Pixels       *pixels,
              const GdkRectangle *rect)
{
  guint count = 0;

  for (int y = MAX (rect->y, 0); y < MIN (rect->y + rect->height, pixels->height); y++)
    for (int x = MAX (rect->x, 0); x < MIN (rect->x + rect->width, pixels->width); x++)
      if (is_trust_tint (pixels->data + y * pixels->stride + x * 4))
        count++;

  return count;
}

/* The box of [start, end) in window coordinates, through the view's selection. */
static GdkRectangle
range_rect (Fixture *fixture,
            gint64   start,
            gint64   end)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  GdkRectangle rect;
  double x, y;

  gloss_document_view_set_selection (view, start, end);
  g_assert_true (gloss_document_view_get_selection_rect (view, &rect));
  gloss_document_view_clear_selection (view);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), GTK_WIDGET (fixture->window),
                                                   rect.x, rect.y, &x, &y));
  rect.x = (int) x;
  rect.y = (int) y;
  g_assert_cmpint (rect.width, >, 20);
  g_assert_cmpint (rect.height, >, 5);
  return rect;
}

static void
test_highlight_drawn (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *png = NULL;
  gint64 start, end, s2, e2;
  GdkRectangle coded, uncoded;
  Pixels pixels;
  guint tinted_in, tinted_out;

  find_range (reader, fixture->document_id, CODED_SENTENCE, &start, &end);
  find_range (reader, fixture->document_id, UNCODED_SENTENCE, &s2, &e2);
  gloss_project_close (reader);

  wait_until (&fixture->first_page_shown, 10000);
  g_assert_true (fixture->first_page_shown);

  apply_code (fixture, start, end, fixture->trust_id);
  /* Nothing selected: only the highlight colours the page. */
  gloss_window_select_coding (fixture->window, 0);
  coded = range_rect (fixture, start, end);
  uncoded = range_rect (fixture, s2, e2);
  spin (300);

  texture = render_window (GTK_WIDGET (fixture->window));
  png = g_build_filename (g_getenv ("GLOSS_TEST_OUTPUT") ? g_getenv ("GLOSS_TEST_OUTPUT")
                                                         : fixture->dir,
                          "test-window-highlight.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, png));
  g_test_message ("window rendered to %s", png);

  pixels = download (texture);
  tinted_in = count_tinted (&pixels, &coded);
  tinted_out = count_tinted (&pixels, &uncoded);
  g_test_message ("tinted pixels: %u of %d in the coding, %u in the uncoded line",
                  tinted_in, coded.width * coded.height, tinted_out);
  g_assert_cmpuint (tinted_in, >, (guint) (coded.width * coded.height) / 4);
  g_assert_cmpuint (tinted_out, ==, 0);
  g_free (pixels.data);

  if (g_getenv ("GLOSS_TEST_OUTPUT") == NULL)
    g_remove (png);
}

/* Import off the main thread, through a second connection */

typedef struct
{
  GPtrArray *results;
  gboolean   done;
} ImportWait;

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->results = gloss_document_list_import_files_finish (GLOSS_DOCUMENT_LIST (source), result, &error);
  g_assert_no_error (error);
  wait->done = TRUE;
}

static void
test_import_in_thread (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "import.gloss", NULL);
  g_autofree char *text = g_build_filename (dir, "e8.txt", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken.pdf", NULL);
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GFile) text_file = g_file_new_for_path (text);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GSList) files = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  GtkWidget *list;
  ImportWait wait = { 0 };
  GlossImportResult *r;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (text, "Interviewer: Why?\nRespondent: Trust.\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "%PDF-1.4 this is not a PDF", -1, NULL));

  project = gloss_project_create (path, "Import", &error);
  g_assert_no_error (error);

  list = g_object_ref_sink (gloss_document_list_new ());
  gloss_document_list_set_project (GLOSS_DOCUMENT_LIST (list), project);
  g_assert_cmpuint (gloss_document_list_get_n_documents (GLOSS_DOCUMENT_LIST (list)), ==, 0);

  files = g_slist_append (files, text_file);
  files = g_slist_append (files, bad_file);
  gloss_document_list_import_files_async (GLOSS_DOCUMENT_LIST (list), files, NULL,
                                          on_import_done, &wait);
  wait_until (&wait.done, 20000);
  g_assert_true (wait.done);

  g_assert_cmpuint (wait.results->len, ==, 2);
  r = g_ptr_array_index (wait.results, 0);
  g_assert_cmpint (r->status, ==, GLOSS_IMPORT_IMPORTED);
  g_assert_cmpint (r->document_id, >, 0);
  r = g_ptr_array_index (wait.results, 1);
  g_assert_cmpint (r->status, ==, GLOSS_IMPORT_REFUSED);
  g_assert_nonnull (r->message);
  g_assert_cmpstr (r->message, !=, "");

  /* The window's connection sees what the thread's connection wrote. */
  documents = gloss_project_list_documents (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (((GlossDocumentInfo *) g_ptr_array_index (documents, 0))->title, ==, "e8.txt");
  gloss_document_list_reload (GLOSS_DOCUMENT_LIST (list));
  g_assert_cmpuint (gloss_document_list_get_n_documents (GLOSS_DOCUMENT_LIST (list)), ==, 1);

  g_ptr_array_unref (wait.results);
  g_object_unref (list);
  gloss_project_close (project);
  g_clear_object (&project);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_remove (path);
  g_remove (text);
  g_remove (bad);
  g_rmdir (dir);
}

/* Every damaged file of the corpus, through the window's import */
static void
test_import_bad_corpus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "import.gloss", NULL);
  g_autofree char *bad_dir = g_build_filename (g_getenv ("GLOSS_CORPUS_DIR"), "bad", NULL);
  g_autoptr(GDir) bad = g_dir_open (bad_dir, 0, &error);
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  GSList *files = NULL;
  GtkWidget *list;
  ImportWait wait = { 0 };
  const char *name;
  guint imported = 0;

  g_assert_no_error (error);
  project = gloss_project_create (path, "Import", &error);
  g_assert_no_error (error);
  list = g_object_ref_sink (gloss_document_list_new ());
  gloss_document_list_set_project (GLOSS_DOCUMENT_LIST (list), project);

  while ((name = g_dir_read_name (bad)) != NULL)
    {
      g_autofree char *file = g_build_filename (bad_dir, name, NULL);
      files = g_slist_append (files, g_file_new_for_path (file));
    }
  gloss_document_list_import_files_async (GLOSS_DOCUMENT_LIST (list), files, NULL, on_import_done, &wait);
  wait_until (&wait.done, 30000);
  g_assert_true (wait.done);
  g_assert_cmpuint (wait.results->len, ==, g_slist_length (files));

  for (guint i = 0; i < wait.results->len; i++)
    {
      GlossImportResult *r = g_ptr_array_index (wait.results, i);
      g_autofree char *base = g_path_get_basename (r->path);

      if (r->status == GLOSS_IMPORT_IMPORTED)
        {
          /* Only the file with a few bytes overwritten may still open partly. */
          g_assert_cmpstr (base, ==, "corrupted-bytes.pdf");
          imported++;
          continue;
        }
      g_assert_cmpint (r->status, ==, GLOSS_IMPORT_REFUSED);
      g_assert_nonnull (strstr (r->message, base));
    }

  documents = gloss_project_list_documents (project, &error);
  g_assert_cmpuint (documents->len, ==, imported);
  g_assert_true (gloss_project_check (project, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);

  g_ptr_array_unref (wait.results);
  g_slist_free_full (files, g_object_unref);
  g_object_unref (list);
  gloss_project_close (project);
}

/* The code popover: filter, first match, create */

typedef struct
{
  gint64  chosen;
  char   *created;
} PopoverResult;

static void
on_chosen (GlossCodePopover *popover,
           gint64            id,
           PopoverResult    *result)
{
  result->chosen = id;
}

static void
on_create (GlossCodePopover *popover,
           const char       *name,
           PopoverResult    *result)
{
  g_free (result->created);
  result->created = g_strdup (name);
}

static void
test_code_popover (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GlossCodebookModel) model = gloss_codebook_model_new ();
  GtkWidget *popover = g_object_ref_sink (gloss_code_popover_new ());
  PopoverResult result = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 themes, power;
  GPtrArray *codes;

  themes = gloss_project_ensure_code_path (project, "Themes", NULL, NULL, &error);
  g_assert_no_error (error);
  gloss_project_ensure_code_path (project, "Themes/Trust", NULL, NULL, &error);
  g_assert_no_error (error);
  power = gloss_project_ensure_code_path (project, "Themes/Power", NULL, NULL, &error);
  g_assert_no_error (error);
  gloss_project_ensure_code_path (project, "Accountability", NULL, NULL, &error);
  g_assert_no_error (error);
  gloss_codebook_model_set_project (model, project);
  codes = gloss_codebook_model_get_codes (model);
  g_assert_cmpuint (codes->len, ==, 4);

  g_assert_true (gloss_code_matches_filter (g_ptr_array_index (codes, 1), "tru"));
  g_assert_true (gloss_code_matches_filter (g_ptr_array_index (codes, 1), "THEMES/t"));
  g_assert_false (gloss_code_matches_filter (g_ptr_array_index (codes, 2), "trust"));
  g_assert_true (gloss_code_matches_filter (g_ptr_array_index (codes, 2), ""));

  gloss_code_popover_set_model (GLOSS_CODE_POPOVER (popover), model);
  g_signal_connect (popover, "code-chosen", G_CALLBACK (on_chosen), &result);
  g_signal_connect (popover, "code-create", G_CALLBACK (on_create), &result);

  gloss_code_popover_set_filter (GLOSS_CODE_POPOVER (popover), "");
  g_assert_cmpint (gloss_code_popover_get_first_match (GLOSS_CODE_POPOVER (popover)), ==, themes);

  gloss_code_popover_set_filter (GLOSS_CODE_POPOVER (popover), "pow");
  g_assert_cmpint (gloss_code_popover_get_first_match (GLOSS_CODE_POPOVER (popover)), ==, power);
  gloss_code_popover_activate_first (GLOSS_CODE_POPOVER (popover));
  g_assert_cmpint (result.chosen, ==, power);
  g_assert_null (result.created);

  gloss_code_popover_set_filter (GLOSS_CODE_POPOVER (popover), "  Resistance ");
  g_assert_cmpint (gloss_code_popover_get_first_match (GLOSS_CODE_POPOVER (popover)), ==, 0);
  gloss_code_popover_activate_first (GLOSS_CODE_POPOVER (popover));
  g_assert_cmpstr (result.created, ==, "Resistance");

  g_free (result.created);
  g_object_unref (popover);
  gloss_project_close (project);
}

/* Find: Ctrl+F's action shows the bar; hits become marks and the selection */

static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  gint64 start, end, s = -1, e = -1;
  GtkWidget *focus;

  find_range (reader, fixture->document_id, "accountability", &start, &end);
  gloss_project_close (reader);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "find", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "accountability");
  /* The search entry waits a little before it reports a change. */
  for (guint i = 0; i < 500 && !gloss_document_view_get_selection (view, &s, &e); i++)
    spin (10);

  g_assert_true (gloss_document_view_get_selection (view, &s, &e));
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, end);
}

/* The first start copies the bundled sample into the user's data folder, once */

static void
test_install_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-sample-XXXXXX", &error);
  g_autofree char *sample = g_build_filename (dir, "bundled.gloss", NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "gloss",
                                                "Sample project.gloss", NULL);
  g_autofree char *installed = NULL;
  g_autofree char *again = NULL;
  g_autofree char *old_env = g_strdup (g_getenv ("GLOSS_SAMPLE_PROJECT"));
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossProject) copy = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sample_path = NULL;

  g_assert_no_error (error);
  project = gloss_project_create (sample, "Bundled sample", &error);
  g_assert_no_error (error);
  gloss_project_close (project);

  g_setenv ("GLOSS_SAMPLE_PROJECT", sample, TRUE);
  sample_path = gloss_application_dup_sample_path ();
  g_assert_cmpstr (sample_path, ==, sample);
  g_remove (expected);

  installed = gloss_application_install_sample (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (installed, ==, expected);
  copy = gloss_project_open (installed, &error);
  g_assert_no_error (error);
  title = gloss_project_dup_title (copy);
  g_assert_cmpstr (title, ==, "Bundled sample");
  gloss_project_close (copy);

  /* A second start keeps the user's copy (and what they coded in it). */
  g_remove (sample);
  again = gloss_application_install_sample (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, expected);

  if (old_env != NULL)
    g_setenv ("GLOSS_SAMPLE_PROJECT", old_env, TRUE);
  else
    g_unsetenv ("GLOSS_SAMPLE_PROJECT");
  g_rmdir (dir);
}

/* Preferences write GSettings */

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.glossqda.Gloss");
  GtkWidget *prefs = gloss_preferences_window_new (settings);
  GtkSpinButton *spin_button = NULL;

  g_settings_set_uint (settings, "render-cache-size", 256);

  /* Find the cache size spin button among the window's widgets. */
  for (GtkWidget *w = gtk_widget_get_first_child (prefs); w != NULL;)
    {
      if (GTK_IS_SPIN_BUTTON (w))
        {
          spin_button = GTK_SPIN_BUTTON (w);
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }

  g_assert_nonnull (spin_button);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_button), ==, 256);
  gtk_spin_button_set_value (spin_button, 512);
  g_assert_cmpuint (g_settings_get_uint (settings, "render-cache-size"), ==, 512);
  g_settings_set_uint (settings, "render-cache-size", 128);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_button), ==, 128);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* The inspector saves a memo by itself after a short pause in typing */

static void
test_inspector_memo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  g_autoptr(GPtrArray) codings = NULL;
  GtkWidget *inspector;
  GtkTextView *memo_view;
  gint64 start, end, coding_id;
  gint64 deadline;

  find_range (reader, fixture->document_id, CODED_SENTENCE, &start, &end);
  gloss_project_close (reader);

  apply_code (fixture, start, end, fixture->trust_id);
  coding_id = gloss_window_get_selected_coding (fixture->window);
  g_assert_cmpint (coding_id, >, 0);

  inspector = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_INSPECTOR);
  g_assert_nonnull (inspector);
  g_assert_cmpint (gloss_inspector_get_coding (GLOSS_INSPECTOR (inspector)), ==, coding_id);
  memo_view = GTK_TEXT_VIEW (find_descendant (inspector, GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (memo_view);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (memo_view), "Typed in the inspector", -1);

  /* Saved after the pause, without leaving the field. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  do
    {
      spin (100);
      g_clear_pointer (&codings, g_ptr_array_unref);
      codings = read_codings (fixture);
    }
  while (g_strcmp0 (((GlossCoding *) g_ptr_array_index (codings, 0))->memo, "Typed in the inspector") != 0
         && g_get_monotonic_time () < deadline);
  g_assert_cmpstr (((GlossCoding *) g_ptr_array_index (codings, 0))->memo, ==, "Typed in the inspector");

  /* An edit not yet saved is saved when another coding is selected. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (memo_view), "Changed again", -1);
  gloss_window_select_coding (fixture->window, 0);
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = read_codings (fixture);
  g_assert_cmpstr (((GlossCoding *) g_ptr_array_index (codings, 0))->memo, ==, "Changed again");
}

/* Another program writes the project: the window notices and redraws. */
static void
test_other_writer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GlossProject) writer = open_second_connection (fixture);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GdkRectangle coded;
  Pixels pixels;
  gint64 start, end;
  guint tinted;

  wait_until (&fixture->first_page_shown, 10000);
  g_assert_true (fixture->first_page_shown);

  find_range (writer, fixture->document_id, CODED_SENTENCE, &start, &end);
  g_assert_cmpint (gloss_project_add_coding (writer, fixture->document_id, fixture->coder_id,
                                             fixture->trust_id, start, end, NULL, &error), >, 0);
  g_assert_no_error (error);
  gloss_project_close (writer);

  /* The window looks for other programs' changes every second. */
  spin (2500);
  coded = range_rect (fixture, start, end);
  texture = render_window (GTK_WIDGET (fixture->window));
  pixels = download (texture);
  tinted = count_tinted (&pixels, &coded);
  g_free (pixels.data);
  g_assert_cmpuint (tinted, >, (guint) (coded.width * coded.height) / 4);
}

/* The workbench: dragging a coding's end, the "Code…" button, hover,
 * blind counts in the code popover, memos in the inspector */

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

/* The first widget below @root (itself included) that @test accepts. */
static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetTest     test,
             gconstpointer  data)
{
  if (test (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window's own code popover: the one beside the document view. */
static gboolean
is_view_code_popover (GtkWidget     *widget,
                      gconstpointer  view)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return GLOSS_IS_CODE_POPOVER (widget) && parent != NULL && gtk_widget_is_ancestor (GTK_WIDGET (view), parent);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static GlossCoding *
read_coding (Fixture *fixture,
             gint64   coding_id)
{
  g_autoptr(GlossProject) project = open_second_connection (fixture);
  g_autoptr(GError) error = NULL;
  GlossCoding *coding = gloss_project_get_coding (project, coding_id, &error);

  g_assert_no_error (error);
  gloss_project_close (project);
  return coding;
}

static void
test_drag_coding_end (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  g_autoptr(GlossCoding) dragged = NULL;
  g_autoptr(GlossCoding) undone = NULL;
  g_autoptr(GArray) rects = NULL;
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  const GlossCharBox *box;
  graphene_rect_t bar;
  gint64 start, end, coding_id;

  find_range (reader, fixture->document_id, CODED_SENTENCE, &start, &end);
  gloss_project_close (reader);
  wait_until (&fixture->first_page_shown, 10000);
  g_assert_true (fixture->first_page_shown);

  apply_code (fixture, start, end, fixture->trust_id);
  coding_id = gloss_window_get_selected_coding (fixture->window);
  g_assert_cmpint (coding_id, >, 0);
  g_assert_cmpint (gloss_document_view_get_active_highlight (view), ==, coding_id);
  spin (100);

  /* Drag the end handle back to the end of "Partnership requires". */
  g_assert_true (_gloss_document_view_handle_bar (view, GLOSS_HANDLE_END, &bar));
  g_assert_true (_gloss_document_view_begin_handle_drag (view, bar.origin.x + 1,
                                                         bar.origin.y + bar.size.height / 2));
  rects = _gloss_document_view_range_rects (view, 0, start + 19, start + 20, TRUE);
  g_assert_cmpuint (rects->len, ==, 1);
  box = &g_array_index (rects, GlossCharBox, 0);
  _gloss_document_view_update_handle_drag (view, box->x2 - 1, (box->y1 + box->y2) / 2);
  _gloss_document_view_end_handle_drag (view);

  dragged = read_coding (fixture, coding_id);
  g_assert_cmpint (dragged->start, ==, start);
  g_assert_cmpint (dragged->end, ==, start + 20);
  g_assert_cmpstr (dragged->quote, ==, "Partnership requires");

  /* One drag, one undo step. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "undo", NULL);
  undone = read_coding (fixture, coding_id);
  g_assert_cmpint (undone->start, ==, start);
  g_assert_cmpint (undone->end, ==, end);
}

static void
test_code_button (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  GtkWidget *button = find_with_class (GTK_WIDGET (fixture->window), "code-selection-button");
  gint64 start, end;
  double x, y, bx, by;

  find_range (reader, fixture->document_id, CODED_SENTENCE, &start, &end);
  gloss_project_close (reader);
  wait_until (&fixture->first_page_shown, 10000);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.code-selection");
  g_assert_false (gtk_widget_get_visible (button));

  /* A selection brings it beside its end... */
  gloss_document_view_set_selection (view, start, end);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gloss_document_view_get_selection_end_point (view, &x, &y));
  spin (100);
  g_assert_true (gtk_widget_translate_coordinates (button, GTK_WIDGET (view), 0, 0, &bx, &by));
  g_test_message ("selection ends at %.0f,%.0f; the button is at %.0f,%.0f", x, y, bx, by);
  g_assert_cmpfloat (ABS (bx - x), <, 40);
  g_assert_cmpfloat (ABS (by - y), <, 40);

  /* ...scrolling the selection away hides it, clearing it too. */
  gloss_document_view_set_page (view, 1);
  spin (100);
  g_assert_false (gtk_widget_get_visible (button));
  gloss_document_view_set_page (view, 0);
  spin (100);
  g_assert_true (gtk_widget_get_visible (button));
  gloss_document_view_clear_selection (view);
  g_assert_false (gtk_widget_get_visible (button));
}

static void
test_hover_names_coder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  g_autoptr(GlossCoder) coder = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *coder_color = NULL;
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  GlossHighlight *highlight;
  GdkRGBA expected;
  gint64 start, end;

  find_range (reader, fixture->document_id, CODED_SENTENCE, &start, &end);
  coder = gloss_project_get_coder (reader, fixture->coder_id, NULL);
  gloss_project_close (reader);
  g_assert_nonnull (coder->color);

  apply_code (fixture, start, end, fixture->trust_id);
  g_assert_cmpuint (view->highlights->len, ==, 1);
  highlight = g_ptr_array_index (view->highlights, 0);
  g_assert_cmpstr (highlight->code_label, ==, "Trust");
  g_assert_cmpstr (highlight->coder_label, ==, "Tester");
  g_assert_true (highlight->has_coder_color);
  g_assert_true (gdk_rgba_parse (&expected, coder->color));
  g_assert_true (gdk_rgba_equal (&expected, &highlight->coder_color));

  markup = _gloss_document_view_tooltip_markup (highlight);
  coder_color = g_ascii_strdown (coder->color, -1);
  g_assert_nonnull (strstr (markup, coder_color));
  g_assert_nonnull (strstr (markup, TRUST_COLOR));
}

static void
test_popover_blind_counts (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_window_get_project (fixture->window);
  GtkWidget *popover;
  gint64 start, end, other;

  find_range (reader, fixture->document_id, UNCODED_SENTENCE, &start, &end);
  gloss_project_close (reader);
  wait_until (&fixture->first_page_shown, 10000);

  /* Two Trust codings by Tester, one by another coder. */
  apply_code (fixture, start, start + 7, fixture->trust_id);
  apply_code (fixture, start + 8, start + 12, fixture->trust_id);
  other = gloss_project_add_coder (project, "Other", NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_coding (project, fixture->document_id, other, fixture->trust_id,
                            start, end, NULL, &error);
  g_assert_no_error (error);

  /* Blind mode is on: the popover counts the active coder's codings. */
  gloss_document_view_set_selection (gloss_window_get_document_view (fixture->window), start, end);
  /* (Opening counts afresh, whether or not the popover can stay up here.) */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "code-selection", NULL);
  spin (50);
  popover = find_widget (GTK_WIDGET (fixture->window), is_view_code_popover,
                         gloss_window_get_document_view (fixture->window));
  g_assert_nonnull (popover);
  g_assert_cmpint (gloss_code_popover_get_count (GLOSS_CODE_POPOVER (popover), fixture->trust_id), ==, 2);
  g_assert_cmpint (gloss_code_popover_get_count (GLOSS_CODE_POPOVER (popover), fixture->power_id), ==, 0);
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Review mode counts everyone's. */
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->window), "show-all-coders",
                                      g_variant_new_boolean (TRUE));
  g_assert_cmpint (gloss_code_popover_get_count (GLOSS_CODE_POPOVER (popover), fixture->trust_id), ==, 3);
}

static void
test_inspector_memos (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GlossProject) reader = NULL;
  g_autofree char *document_memo = NULL;
  g_autofree char *code_memo = NULL;
  GlossInspector *inspector;
  GlossMemoEditor *editor;
  GtkWidget *panel;
  GtkWidget *project_button;

  inspector = GLOSS_INSPECTOR (find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_INSPECTOR));
  g_assert_cmpint (gloss_window_get_selected_coding (fixture->window), ==, 0);

  /* No coding selected: the open document's memo. */
  editor = gloss_inspector_get_memo_editor (inspector, "document");
  g_assert_cmpstr (gloss_memo_editor_get_kind (editor), ==, "document");
  g_assert_cmpint (gloss_memo_editor_get_target_id (editor), ==, fixture->document_id);
  gloss_memo_editor_set_text (editor, "Second interview, noisy room");
  gloss_memo_editor_flush (editor);

  /* A code chosen in the codebook: its description and memo. */
  panel = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_CODEBOOK_PANEL);
  gloss_codebook_panel_select_code (GLOSS_CODEBOOK_PANEL (panel), fixture->power_id);
  editor = gloss_inspector_get_memo_editor (inspector, "code");
  g_assert_cmpstr (gloss_memo_editor_get_kind (editor), ==, "code");
  g_assert_cmpint (gloss_memo_editor_get_target_id (editor), ==, fixture->power_id);
  gloss_memo_editor_set_text (editor, "Who decides");
  /* Saved after the pause in typing. */
  spin (1500);

  reader = open_second_connection (fixture);
  document_memo = gloss_project_get_memo (reader, "document", fixture->document_id, NULL);
  code_memo = gloss_project_get_memo (reader, "code", fixture->power_id, NULL);
  gloss_project_close (reader);
  g_assert_cmpstr (document_memo, ==, "Second interview, noisy room");
  g_assert_cmpstr (code_memo, ==, "Who decides");

  /* The project memo is a button away. */
  project_button = find_widget (GTK_WIDGET (inspector), has_action, "win.edit-memo");
  g_assert_nonnull (project_button);
  g_assert_true (g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (project_button)),
                                  g_variant_new ("(sx)", "project", (gint64) 0)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/code-popover", test_code_popover);
  g_test_add_func ("/window/import-in-thread", test_import_in_thread);
  g_test_add_func ("/window/import-bad-corpus", test_import_bad_corpus);
  g_test_add ("/window/code-change-delete-undo", Fixture, NULL,
              fixture_set_up, test_code_change_delete_undo, fixture_tear_down);
  g_test_add ("/window/apply-without-selection", Fixture, NULL,
              fixture_set_up, test_apply_without_selection, fixture_tear_down);
  g_test_add_func ("/window/install-sample", test_install_sample);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add ("/window/inspector-memo", Fixture, NULL,
              fixture_set_up, test_inspector_memo, fixture_tear_down);
  g_test_add ("/window/find", Fixture, NULL,
              fixture_set_up, test_find, fixture_tear_down);
  g_test_add ("/window/other-writer", Fixture, NULL,
              fixture_set_up, test_other_writer, fixture_tear_down);
  g_test_add ("/window/drag-coding-end", Fixture, NULL,
              fixture_set_up, test_drag_coding_end, fixture_tear_down);
  g_test_add ("/window/code-button", Fixture, NULL,
              fixture_set_up, test_code_button, fixture_tear_down);
  g_test_add ("/window/hover-names-coder", Fixture, NULL,
              fixture_set_up, test_hover_names_coder, fixture_tear_down);
  g_test_add ("/window/popover-blind-counts", Fixture, NULL,
              fixture_set_up, test_popover_blind_counts, fixture_tear_down);
  g_test_add ("/window/inspector-memos", Fixture, NULL,
              fixture_set_up, test_inspector_memos, fixture_tear_down);
  g_test_add ("/window/highlight-drawn", Fixture, NULL,
              fixture_set_up, test_highlight_drawn, fixture_tear_down);

  return g_test_run ();
}
