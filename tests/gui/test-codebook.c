/* test-codebook.c: the codebook panel, coded excerpts, memos, blind and
 * review modes, find across documents and "code all hits", each through its
 * action, read back from the file with a second connection, and undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gloss-code-popover.h"
#include "gloss-codebook-panel.h"
#include "gloss-inspector.h"
#include "gloss-document-item.h"
#include "gloss-document-list.h"
#include "gloss-document-view-private.h"
#include "gloss-excerpts-pane.h"
#include "gloss-name-dialog.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define FIRST_TEXT \
  "Trust grows slowly between partners.\n" \
  "The budget decides who is heard.\n" \
  "Power sits with the ministry, and the budget follows it.\n"
#define SECOND_TEXT \
  "A second transcript: the budget again, and trust again.\n"

typedef struct
{
  char        *dir;
  char        *path;
  gint64       document_id;
  gint64       second_id;
  gint64       ana_id;
  gint64       ben_id;
  gint64       trust_id;
  gint64       institutional_id;
  gint64       power_id;
  GlossWindow *window;
} Fixture;

/* Helpers */

static GlossCodebookPanel *
panel_of (Fixture *fixture)
{
  GtkWidget *panel = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_CODEBOOK_PANEL);

  g_assert_nonnull (panel);
  return GLOSS_CODEBOOK_PANEL (panel);
}

static GlossExcerptsPane *
pane_of (Fixture *fixture)
{
  GtkWidget *pane = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_EXCERPTS_PANE);

  g_assert_nonnull (pane);
  return GLOSS_EXCERPTS_PANE (pane);
}

static void
win_action (Fixture    *fixture,
            const char *name,
            GVariant   *param)
{
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->window), name));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), name));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), name, param);
}

static void
codebook_action (Fixture    *fixture,
                 const char *name,
                 const char *format,
                 ...)
{
  GlossCodebookPanel *panel = panel_of (fixture);
  GVariant *param = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      param = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (panel), name, param));
}

static GlossProject *
open_reader (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_open (fixture->path, &error);

  g_assert_no_error (error);
  return project;
}

static void
find_range (Fixture    *fixture,
            gint64      document_id,
            const char *needle,
            gint64     *start,
            gint64     *end)
{
  g_autoptr(GlossProject) reader = open_reader (fixture);
  g_autofree char *text = gloss_project_get_text (reader, document_id, 0, -1, NULL);
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  *start = g_utf8_pointer_to_offset (text, hit);
  *end = *start + g_utf8_strlen (needle, -1);
  gloss_project_close (reader);
}

/* Everything a change could touch, read from the file through a second
 * connection, as one string to compare before and after. */
static char *
snapshot (Fixture *fixture)
{
  g_autoptr(GlossProject) reader = open_reader (fixture);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (reader, NULL);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (reader, NULL);
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (reader, NULL, NULL);
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (reader, NULL);
  g_autofree char *project_memo = gloss_project_get_memo (reader, "project", 0, NULL);

  g_string_append_printf (out, "project memo %s\n", project_memo ? project_memo : "");
  for (guint i = 0; i < documents->len; i++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      g_autofree char *memo = gloss_project_get_memo (reader, "document", info->id, NULL);
      g_string_append_printf (out, "document %" G_GINT64_FORMAT " %s %s memo %s\n",
                              info->id, info->guid, info->title, memo ? memo : "");
    }
  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);
      g_autofree char *memo = gloss_project_get_memo (reader, "code", code->id, NULL);
      g_string_append_printf (out, "code %" G_GINT64_FORMAT " %s %s %s [%s] %d memo %s\n",
                              code->id, code->guid, code->path, code->color,
                              code->description ? code->description : "", code->position,
                              memo ? memo : "");
    }
  for (guint i = 0; i < coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (coders, i);
      g_string_append_printf (out, "coder %" G_GINT64_FORMAT " %s %s %s\n",
                              coder->id, coder->guid, coder->name, coder->color);
    }
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *c = g_ptr_array_index (codings, i);
      g_string_append_printf (out, "coding %" G_GINT64_FORMAT " %s d%" G_GINT64_FORMAT
                              " c%" G_GINT64_FORMAT " k%" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              "-%" G_GINT64_FORMAT " memo %s\n",
                              c->id, c->guid, c->document_id, c->coder_id, c->code_id,
                              c->start, c->end, c->memo ? c->memo : "");
    }
  gloss_project_close (reader);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Undo gives back exactly @before; redo exactly @after. */
static void
assert_undo_redo (Fixture    *fixture,
                  const char *before,
                  const char *after)
{
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *undone_again = NULL;

  win_action (fixture, "undo", NULL);
  undone = snapshot (fixture);
  g_assert_cmpstr (undone, ==, before);

  win_action (fixture, "redo", NULL);
  redone = snapshot (fixture);
  g_assert_cmpstr (redone, ==, after);

  win_action (fixture, "undo", NULL);
  undone_again = snapshot (fixture);
  g_assert_cmpstr (undone_again, ==, before);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *found = NULL;

  for (guint attempt = 0; attempt < 50 && found == NULL; attempt++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
          if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
            found = ADW_MESSAGE_DIALOG (window);
        }
      if (found == NULL)
        spin (10);
    }
  g_assert_nonnull (found);
  return found;
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  /* A click on a response button answers, then closes the dialog. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (20);
}

static GPtrArray *
view_highlights (Fixture *fixture)
{
  return gloss_window_get_document_view (fixture->window)->highlights;
}

static guint
n_highlights (Fixture *fixture)
{
  GPtrArray *highlights = view_highlights (fixture);

  return highlights ? highlights->len : 0;
}

/* The count the document list shows for @document_id. */
static gint64
listed_count (Fixture *fixture,
              gint64   document_id)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_DOCUMENT_LIST);
  GListModel *model = gloss_document_list_get_shown (GLOSS_DOCUMENT_LIST (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossDocumentItem) item = g_list_model_get_item (model, i);
      if (gloss_document_item_get_id (item) == document_id)
        return gloss_document_item_get_info (item)->n_codings;
    }
  return -1;
}

static void
apply_code (Fixture    *fixture,
            const char *needle,
            gint64      code_id)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  gint64 start, end;

  find_range (fixture, gloss_window_get_document_id (fixture->window), needle, &start, &end);
  gloss_document_view_set_selection (view, start, end);
  win_action (fixture, "apply-code", g_variant_new_int64 (code_id));
}

static GtkEditable *
search_entry (Fixture *fixture)
{
  GtkWidget *bar = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_BAR);

  g_assert_nonnull (bar);
  return GTK_EDITABLE (find_descendant (bar, GTK_TYPE_SEARCH_ENTRY));
}

static void
search_for (Fixture    *fixture,
            const char *text)
{
  GtkEditable *entry = search_entry (fixture);

  win_action (fixture, "find", NULL);
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "search-changed");
  spin (300);
}

/* Fixtures */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-test-codebook-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study.gloss", NULL);

  project = gloss_project_create (fixture->path, "Codebook study", &error);
  g_assert_no_error (error);
  fixture->document_id = gloss_project_import_text (project, "first.txt", FIRST_TEXT, -1, &error);
  g_assert_no_error (error);
  fixture->second_id = gloss_project_import_text (project, "second.txt", SECOND_TEXT, -1, &error);
  g_assert_no_error (error);
  fixture->ana_id = gloss_project_add_coder (project, "Ana", "#1c71d8", &error);
  g_assert_no_error (error);
  fixture->ben_id = gloss_project_add_coder (project, "Ben", "#c01c28", &error);
  g_assert_no_error (error);
  fixture->trust_id = gloss_project_add_code (project, 0, "Trust", "#e01b24", "Confidence in others", &error);
  g_assert_no_error (error);
  fixture->institutional_id = gloss_project_add_code (project, fixture->trust_id, "Institutional",
                                                      "#f66151", NULL, &error);
  g_assert_no_error (error);
  fixture->power_id = gloss_project_add_code (project, 0, "Power", "#3584e4", NULL, &error);
  g_assert_no_error (error);
  gloss_project_close (project);

  fixture->window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  win_action (fixture, "open-document", g_variant_new_int64 (fixture->document_id));
  win_action (fixture, "coder", g_variant_new_int64 (fixture->ana_id));
  spin (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  spin (50);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Codebook: create, rename, recolour, describe, each undone and redone */

static void
test_codebook_edit (Fixture       *fixture,
                    gconstpointer  data)
{
  GlossCodebookPanel *panel = panel_of (fixture);
  g_autofree char *s0 = snapshot (fixture);
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s5 = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GlossCode) code = NULL;
  gint64 care_id, child_id;

  codebook_action (fixture, "codebook.create", "(xs)", (gint64) 0, "Care");
  s1 = snapshot (fixture);
  reader = open_reader (fixture);
  care_id = gloss_project_find_code (reader, "Care", NULL);
  g_assert_cmpint (care_id, >, 0);
  g_clear_object (&reader);
  g_assert_cmpint (gloss_codebook_panel_get_selected_code (panel), ==, care_id);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, care_id), ==, 0);
  assert_undo_redo (fixture, s0, s1);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, care_id), ==, -1);
  win_action (fixture, "redo", NULL);

  codebook_action (fixture, "codebook.create", "(xs)", care_id, "Mutual aid");
  s2 = snapshot (fixture);
  reader = open_reader (fixture);
  child_id = gloss_project_find_code (reader, "Care/Mutual aid", NULL);
  g_assert_cmpint (child_id, >, 0);
  g_clear_object (&reader);
  assert_undo_redo (fixture, s1, s2);
  win_action (fixture, "redo", NULL);

  codebook_action (fixture, "codebook.rename", "(xs)", care_id, "Caring");
  s3 = snapshot (fixture);
  reader = open_reader (fixture);
  code = gloss_project_get_code (reader, care_id, NULL);
  g_assert_cmpstr (code->name, ==, "Caring");
  g_clear_pointer (&code, gloss_code_free);
  g_clear_object (&reader);
  assert_undo_redo (fixture, s2, s3);
  win_action (fixture, "redo", NULL);

  codebook_action (fixture, "codebook.recolor", "(xs)", care_id, "#123456");
  s4 = snapshot (fixture);
  reader = open_reader (fixture);
  code = gloss_project_get_code (reader, care_id, NULL);
  g_assert_cmpstr (code->color, ==, "#123456");
  g_clear_pointer (&code, gloss_code_free);
  g_clear_object (&reader);
  assert_undo_redo (fixture, s3, s4);
  win_action (fixture, "redo", NULL);

  codebook_action (fixture, "codebook.set-description", "(xs)", care_id, "Looking after one another");
  s5 = snapshot (fixture);
  reader = open_reader (fixture);
  code = gloss_project_get_code (reader, care_id, NULL);
  g_assert_cmpstr (code->description, ==, "Looking after one another");
  g_clear_object (&reader);
  assert_undo_redo (fixture, s4, s5);
}

/* Moving: below another code, and back to the top level first */

static void
test_codebook_move (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *s0 = snapshot (fixture);
  g_autofree char *s1 = NULL, *s2 = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GlossCode) code = NULL;

  codebook_action (fixture, "codebook.move", "(xxi)", fixture->power_id, fixture->trust_id, -1);
  s1 = snapshot (fixture);
  reader = open_reader (fixture);
  g_assert_cmpint (gloss_project_find_code (reader, "Trust/Power", NULL), ==, fixture->power_id);
  g_clear_object (&reader);
  assert_undo_redo (fixture, s0, s1);

  codebook_action (fixture, "codebook.move", "(xxi)", fixture->power_id, (gint64) 0, 0);
  s2 = snapshot (fixture);
  reader = open_reader (fixture);
  code = gloss_project_get_code (reader, fixture->power_id, NULL);
  g_assert_cmpint (code->parent_id, ==, 0);
  g_assert_cmpint (code->position, ==, 0);
  g_clear_object (&reader);
  assert_undo_redo (fixture, s0, s2);
}

/* Merge: the codings go to the target, the source goes */

static void
test_codebook_merge (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *s0 = NULL, *s1 = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  GlossCodingFilter filter = { 0 };

  apply_code (fixture, "Power sits with the ministry", fixture->power_id);
  s0 = snapshot (fixture);

  codebook_action (fixture, "codebook.merge", "(xx)", fixture->power_id, fixture->trust_id);
  s1 = snapshot (fixture);
  reader = open_reader (fixture);
  g_assert_cmpint (gloss_project_find_code (reader, "Power", NULL), <=, 0);
  filter.code_id = fixture->trust_id;
  codings = gloss_project_list_codings (reader, &filter, NULL);
  g_assert_cmpuint (codings->len, ==, 1);
  g_clear_object (&reader);
  assert_undo_redo (fixture, s0, s1);
}

/* Delete: the dialog says how many codings go with the code */

static void
test_codebook_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  GlossCodebookPanel *panel = panel_of (fixture);
  g_autofree char *s0 = NULL, *s1 = NULL;
  g_autoptr(GlossProject) reader = NULL;
  AdwMessageDialog *dialog;

  apply_code (fixture, "Trust grows slowly", fixture->trust_id);
  apply_code (fixture, "The budget decides", fixture->institutional_id);
  s0 = snapshot (fixture);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->trust_id), ==, 1);

  /* Cancelling changes nothing. */
  codebook_action (fixture, "codebook.delete", "x", fixture->trust_id);
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 codings"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 code inside"));
  answer_dialog (dialog, "cancel");
  s1 = snapshot (fixture);
  g_assert_cmpstr (s1, ==, s0);
  g_clear_pointer (&s1, g_free);

  codebook_action (fixture, "codebook.delete", "x", fixture->trust_id);
  answer_dialog (find_message_dialog (), "delete");
  s1 = snapshot (fixture);
  reader = open_reader (fixture);
  g_assert_cmpint (gloss_project_find_code (reader, "Trust", NULL), <=, 0);
  g_assert_cmpint (gloss_project_find_code (reader, "Trust/Institutional", NULL), <=, 0);
  g_assert_cmpint (gloss_project_count_codings (reader, NULL, NULL), ==, 0);
  g_clear_object (&reader);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->trust_id), ==, -1);
  g_assert_cmpuint (n_highlights (fixture), ==, 0);

  assert_undo_redo (fixture, s0, s1);
  /* The window follows the undo: panel and highlights are back. */
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->trust_id), ==, 1);
  g_assert_cmpuint (n_highlights (fixture), ==, 2);
}

/* Filter: matches keep their ancestors */

static void
test_codebook_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  GlossCodebookPanel *panel = panel_of (fixture);

  g_assert_cmpuint (gloss_codebook_panel_get_n_rows (panel), ==, 3);
  gloss_codebook_panel_set_filter (panel, "instit");
  g_assert_cmpuint (gloss_codebook_panel_get_n_rows (panel), ==, 2);
  gloss_codebook_panel_set_filter (panel, "POWER");
  g_assert_cmpuint (gloss_codebook_panel_get_n_rows (panel), ==, 1);
  gloss_codebook_panel_set_filter (panel, "nothing like this");
  g_assert_cmpuint (gloss_codebook_panel_get_n_rows (panel), ==, 0);
  gloss_codebook_panel_set_filter (panel, "");
  g_assert_cmpuint (gloss_codebook_panel_get_n_rows (panel), ==, 3);
}

/* Export, then import into another project: the same paths and colours */

static void
test_codebook_import_export (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *json_path = g_build_filename (fixture->dir, "codebook.json", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.gloss", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) other = NULL;
  g_autoptr(GlossCode) code = NULL;
  g_autofree char *s0 = NULL, *s1 = NULL;

  codebook_action (fixture, "codebook.export-to", "s", json_path);
  g_assert_true (g_file_get_contents (json_path, &json, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"Trust/Institutional\""));
  g_assert_nonnull (strstr (json, "\"Confidence in others\""));

  other = gloss_project_create (other_path, "Other", &error);
  g_assert_no_error (error);
  gloss_project_close (other);
  g_clear_object (&other);
  g_assert_true (gloss_window_open_project (fixture->window, other_path, &error));
  g_assert_no_error (error);

  codebook_action (fixture, "codebook.import-from", "s", json_path);
  g_assert_cmpuint (gloss_codebook_panel_get_n_rows (panel_of (fixture)), ==, 3);
  other = gloss_project_open (other_path, &error);
  g_assert_no_error (error);
  code = gloss_project_get_code (other, gloss_project_find_code (other, "Trust/Institutional", NULL), NULL);
  g_assert_nonnull (code);
  g_assert_cmpstr (code->color, ==, "#f66151");
  g_clear_pointer (&code, gloss_code_free);
  code = gloss_project_get_code (other, gloss_project_find_code (other, "Trust", NULL), NULL);
  g_assert_cmpstr (code->description, ==, "Confidence in others");
  gloss_project_close (other);

  /* The import is one step. */
  win_action (fixture, "undo", NULL);
  g_clear_object (&other);
  other = gloss_project_open (other_path, &error);
  g_assert_cmpint (gloss_project_find_code (other, "Trust", NULL), <=, 0);
  gloss_project_close (other);
  (void) s0;
  (void) s1;
}

/* Blind mode: two coders in turn on one copy; the lead sees both */

static void
test_blind_two_coders (Fixture       *fixture,
                       gconstpointer  data)
{
  GlossCodebookPanel *panel = panel_of (fixture);
  g_autofree char *s0 = snapshot (fixture);
  g_autofree char *s1 = NULL, *s2 = NULL;
  g_autofree char *ben_visible = g_strdup_printf ("coders.visible-%" G_GINT64_FORMAT, fixture->ben_id);
  g_autoptr(GVariant) remembered = NULL;
  GPtrArray *highlights;
  GlossHighlight *a, *b;
  const char *guid;

  /* Blind mode is the default. */
  g_assert_false (g_variant_get_boolean (g_action_group_get_action_state (G_ACTION_GROUP (fixture->window),
                                                                          "show-all-coders")));

  apply_code (fixture, "Trust grows slowly", fixture->trust_id);
  s1 = snapshot (fixture);
  g_assert_cmpuint (n_highlights (fixture), ==, 1);
  g_assert_cmpint (listed_count (fixture, fixture->document_id), ==, 1);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->trust_id), ==, 1);

  /* Ben takes over: Ana's coding is neither shown nor counted. */
  win_action (fixture, "coder", g_variant_new_int64 (fixture->ben_id));
  g_assert_cmpint (gloss_window_get_active_coder (fixture->window), ==, fixture->ben_id);
  g_assert_cmpuint (n_highlights (fixture), ==, 0);
  g_assert_cmpint (listed_count (fixture, fixture->document_id), ==, 0);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->trust_id), ==, 0);

  apply_code (fixture, "The budget decides", fixture->power_id);
  s2 = snapshot (fixture);
  highlights = view_highlights (fixture);
  g_assert_cmpuint (highlights->len, ==, 1);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->power_id), ==, 1);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->trust_id), ==, 0);

  /* The choice is remembered for this project. */
  remembered = g_settings_get_value (g_settings_new (APPLICATION_ID), "active-coders");
  g_assert_true (g_variant_lookup (remembered, fixture->path, "&s", &guid));
  {
    g_autoptr(GlossProject) reader = open_reader (fixture);
    g_autoptr(GlossCoder) ben = gloss_project_get_coder (reader, fixture->ben_id, NULL);
    g_assert_cmpstr (guid, ==, ben->guid);
    gloss_project_close (reader);
  }

  /* Back to Ana: only hers again. */
  win_action (fixture, "coder", g_variant_new_int64 (fixture->ana_id));
  highlights = view_highlights (fixture);
  g_assert_cmpuint (highlights->len, ==, 1);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->power_id), ==, 0);

  /* The lead turns blind mode off: both, one lane per coder. */
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->window), "show-all-coders",
                                      g_variant_new_boolean (TRUE));
  highlights = view_highlights (fixture);
  g_assert_cmpuint (highlights->len, ==, 2);
  a = g_ptr_array_index (highlights, 0);
  b = g_ptr_array_index (highlights, 1);
  g_assert_cmpuint (a->lane, !=, b->lane);
  g_assert_nonnull (strstr (a->tooltip, "Ana"));
  g_assert_nonnull (strstr (b->tooltip, "Ben"));
  g_assert_cmpint (listed_count (fixture, fixture->document_id), ==, 2);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->power_id), ==, 1);
  g_assert_cmpint (gloss_codebook_panel_get_count (panel, fixture->trust_id), ==, 1);

  /* The visibility filter hides one coder's codings. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), ben_visible, NULL));
  g_assert_cmpuint (n_highlights (fixture), ==, 1);
  g_assert_nonnull (strstr (((GlossHighlight *) g_ptr_array_index (view_highlights (fixture), 0))->tooltip, "Ana"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), ben_visible, NULL));
  g_assert_cmpuint (n_highlights (fixture), ==, 2);

  /* Every step can be undone. */
  win_action (fixture, "undo", NULL);
  {
    g_autofree char *now = snapshot (fixture);
    g_assert_cmpstr (now, ==, s1);
  }
  g_assert_cmpuint (n_highlights (fixture), ==, 1);
  win_action (fixture, "undo", NULL);
  {
    g_autofree char *now = snapshot (fixture);
    g_assert_cmpstr (now, ==, s0);
  }
  g_assert_cmpuint (n_highlights (fixture), ==, 0);
  g_assert_cmpint (listed_count (fixture, fixture->document_id), ==, 0);
  (void) s2;
}

/* Memos on the project, a document and a code; undone exactly */

static void
test_memos (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *s0 = snapshot (fixture);
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autofree char *memo = NULL;

  win_action (fixture, "set-memo", g_variant_new ("(sxs)", "project", (gint64) 0, "Ask about budgets"));
  s1 = snapshot (fixture);
  assert_undo_redo (fixture, s0, s1);
  win_action (fixture, "redo", NULL);

  win_action (fixture, "set-memo", g_variant_new ("(sxs)", "document", fixture->document_id,
                                                  "Recorded in March"));
  s2 = snapshot (fixture);
  assert_undo_redo (fixture, s1, s2);
  win_action (fixture, "redo", NULL);

  win_action (fixture, "set-memo", g_variant_new ("(sxs)", "code", fixture->power_id,
                                                  "Mind the budget link"));
  s3 = snapshot (fixture);
  assert_undo_redo (fixture, s2, s3);
  win_action (fixture, "redo", NULL);

  reader = open_reader (fixture);
  memo = gloss_project_get_memo (reader, "code", fixture->power_id, NULL);
  g_assert_cmpstr (memo, ==, "Mind the budget link");
  g_clear_pointer (&memo, g_free);
  memo = gloss_project_get_memo (reader, "document", fixture->document_id, NULL);
  g_assert_cmpstr (memo, ==, "Recorded in March");
  gloss_project_close (reader);

  /* The memos are searchable: a coding's memo and the memos above. */
  apply_code (fixture, "Trust grows slowly", fixture->trust_id);
  win_action (fixture, "set-coding-memo", g_variant_new_string ("Budget again?"));
  win_action (fixture, "search-memos", NULL);
  search_for (fixture, "budget");
  g_assert_cmpint (gloss_excerpts_pane_get_mode (pane_of (fixture)), ==, GLOSS_EXCERPTS_MEMOS);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_excerpts_pane_get_items (pane_of (fixture))), ==, 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane_of (fixture))));
}

/* Coded excerpts: of a code, of a document; filters; activation */

static guint
n_excerpts (Fixture *fixture)
{
  return g_list_model_get_n_items (gloss_excerpts_pane_get_items (pane_of (fixture)));
}

static void
test_excerpts (Fixture       *fixture,
               gconstpointer  data)
{
  GlossExcerptsPane *pane = pane_of (fixture);
  g_autoptr(GlossExcerptItem) item = NULL;
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);

  apply_code (fixture, "Trust grows slowly", fixture->trust_id);
  apply_code (fixture, "The budget decides", fixture->institutional_id);
  win_action (fixture, "coder", g_variant_new_int64 (fixture->ben_id));
  apply_code (fixture, "Power sits", fixture->trust_id);
  win_action (fixture, "open-document", g_variant_new_int64 (fixture->second_id));
  apply_code (fixture, "trust again", fixture->trust_id);

  /* Blind mode: Ben's excerpts of Trust (and the codes inside it). */
  win_action (fixture, "show-code-excerpts", g_variant_new_int64 (fixture->trust_id));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_cmpuint (n_excerpts (fixture), ==, 2);

  /* Review mode: everyone's, then filtered by coder and by document. */
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->window), "show-all-coders",
                                      g_variant_new_boolean (TRUE));
  g_assert_cmpuint (n_excerpts (fixture), ==, 4);
  gloss_excerpts_pane_set_filter (pane, fixture->ana_id, 0);
  g_assert_cmpuint (n_excerpts (fixture), ==, 2);
  gloss_excerpts_pane_set_filter (pane, 0, fixture->second_id);
  g_assert_cmpuint (n_excerpts (fixture), ==, 1);
  gloss_excerpts_pane_set_filter (pane, 0, 0);

  /* Activating one opens its document at the passage and selects it. */
  item = g_list_model_get_item (gloss_excerpts_pane_get_items (pane), 0);
  g_assert_cmpint (gloss_excerpt_item_get_document_id (item), ==, fixture->document_id);
  g_assert_nonnull (strstr (gloss_excerpt_item_get_text (item), "Trust grows slowly"));
  g_assert_nonnull (strstr (gloss_excerpt_item_get_heading (item), "first.txt"));
  g_assert_nonnull (strstr (gloss_excerpt_item_get_details (item), "Ana"));
  gloss_excerpts_pane_activate (pane, 0);
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->document_id);
  g_assert_cmpint (gloss_window_get_selected_coding (fixture->window), ==,
                   gloss_excerpt_item_get_coding_id (item));
  g_assert_cmpint (gloss_document_view_get_active_highlight (view), ==,
                   gloss_excerpt_item_get_coding_id (item));

  /* Everything coded in the open document. */
  win_action (fixture, "show-document-excerpts", g_variant_new_int64 (0));
  g_assert_cmpint (gloss_excerpts_pane_get_mode (pane), ==, GLOSS_EXCERPTS_DOCUMENT);
  g_assert_cmpuint (n_excerpts (fixture), ==, 3);

  /* Deleting a coding updates the list; undo brings it back. */
  win_action (fixture, "delete-coding", NULL);
  g_assert_cmpuint (n_excerpts (fixture), ==, 2);
  win_action (fixture, "undo", NULL);
  g_assert_cmpuint (n_excerpts (fixture), ==, 3);
}

/* Find in every document, then code all hits as one step */

static void
test_find_all_and_code_hits (Fixture       *fixture,
                             gconstpointer  data)
{
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  g_autofree char *s0 = snapshot (fixture);
  g_autofree char *s1 = NULL;
  g_autoptr(GlossProject) reader = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  GlossCodingFilter filter = { .code_id = 0 };

  /* One document: two hits, drawn as marks. */
  search_for (fixture, "budget");
  g_assert_cmpuint (view->marks ? view->marks->len : 0, ==, 2);

  /* Every document: three hits, the marks still those of the open one. */
  win_action (fixture, "search-all-documents", NULL);
  spin (100);
  g_assert_cmpuint (view->marks ? view->marks->len : 0, ==, 2);

  win_action (fixture, "code-hits", g_variant_new_int64 (fixture->power_id));
  s1 = snapshot (fixture);
  reader = open_reader (fixture);
  filter.code_id = fixture->power_id;
  codings = gloss_project_list_codings (reader, &filter, NULL);
  g_assert_cmpuint (codings->len, ==, 3);
  for (guint i = 0; i < codings->len; i++)
    g_assert_cmpint (((GlossCoding *) g_ptr_array_index (codings, i))->coder_id, ==, fixture->ana_id);
  gloss_project_close (reader);

  /* One undo step takes all three back. */
  win_action (fixture, "undo", NULL);
  {
    g_autofree char *now = snapshot (fixture);
    g_assert_cmpstr (now, ==, s0);
  }
  win_action (fixture, "redo", NULL);
  {
    g_autofree char *now = snapshot (fixture);
    g_assert_cmpstr (now, ==, s1);
  }

  /* Next goes on to the hit in the other document. */
  for (guint i = 0; i < 2; i++)
    g_signal_emit_by_name (search_entry (fixture), "next-match");
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->second_id);
  g_assert_cmpuint (view->marks ? view->marks->len : 0, ==, 1);
}

/* Coders and documents: added and removed through their dialogs, undone */

static void
test_coder_and_document_undo (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *s0 = snapshot (fixture);
  g_autofree char *s1 = NULL, *s2 = NULL;
  AdwMessageDialog *dialog;
  g_autoptr(GlossProject) reader = NULL;

  win_action (fixture, "add-coder", NULL);
  dialog = find_message_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (gloss_name_dialog_get_entry (GLOSS_NAME_DIALOG (dialog))), "Chen");
  answer_dialog (dialog, "accept");
  s1 = snapshot (fixture);
  reader = open_reader (fixture);
  g_assert_cmpint (gloss_project_find_coder (reader, "Chen", NULL), >, 0);
  gloss_project_close (reader);
  g_clear_object (&reader);
  assert_undo_redo (fixture, s0, s1);
  win_action (fixture, "redo", NULL);

  apply_code (fixture, "Trust grows slowly", fixture->trust_id);
  g_clear_pointer (&s1, g_free);
  s1 = snapshot (fixture);
  win_action (fixture, "remove-document", g_variant_new_int64 (fixture->document_id));
  answer_dialog (find_message_dialog (), "remove");
  s2 = snapshot (fixture);
  g_assert_null (strstr (s2, "first.txt"));
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, 0);
  assert_undo_redo (fixture, s1, s2);
}

/* The "type a name" dialogs refuse an empty name and one that is taken,
 * say why below the entry, and add what they accept. */
static void
type_name (AdwMessageDialog *dialog,
           const char       *name)
{
  gtk_editable_set_text (GTK_EDITABLE (gloss_name_dialog_get_entry (GLOSS_NAME_DIALOG (dialog))), name);
}

static void
test_name_dialogs (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GlossProject) reader = NULL;
  GlossNameDialog *names;
  AdwMessageDialog *dialog;

  codebook_action (fixture, "codebook.new-code", NULL);
  dialog = find_message_dialog ();
  g_assert_true (GLOSS_IS_NAME_DIALOG (dialog));
  names = GLOSS_NAME_DIALOG (dialog);
  g_assert_false (gloss_name_dialog_can_accept (names));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  type_name (dialog, "trust ");
  g_assert_false (gloss_name_dialog_can_accept (names));
  g_assert_cmpstr (gloss_name_dialog_get_message (names), ==, "There is already a code “trust” here");
  type_name (dialog, "Trust/Institutional");
  g_assert_false (gloss_name_dialog_can_accept (names));
  type_name (dialog, "   ");
  g_assert_cmpstr (gloss_name_dialog_get_message (names), ==, "A name is needed");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  type_name (dialog, "Trust/Personal");
  g_assert_true (gloss_name_dialog_can_accept (names));
  g_assert_cmpstr (gloss_name_dialog_get_message (names), ==, "");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  answer_dialog (dialog, "accept");

  /* A child: the names of its siblings are taken, others' are not. */
  codebook_action (fixture, "codebook.new-child-code", "x", fixture->trust_id);
  dialog = find_message_dialog ();
  type_name (dialog, "Institutional");
  g_assert_false (gloss_name_dialog_can_accept (GLOSS_NAME_DIALOG (dialog)));
  type_name (dialog, "Power");
  g_assert_true (gloss_name_dialog_can_accept (GLOSS_NAME_DIALOG (dialog)));
  answer_dialog (dialog, "accept");

  /* Cancelled, nothing is added. */
  win_action (fixture, "add-coder", NULL);
  dialog = find_message_dialog ();
  type_name (dialog, "Ana");
  g_assert_false (gloss_name_dialog_can_accept (GLOSS_NAME_DIALOG (dialog)));
  g_assert_cmpstr (gloss_name_dialog_get_message (GLOSS_NAME_DIALOG (dialog)), ==, "There is already a coder “Ana”");
  type_name (dialog, "Dara");
  answer_dialog (dialog, "cancel");

  reader = open_reader (fixture);
  g_assert_cmpint (gloss_project_find_code (reader, "Trust/Personal", NULL), >, 0);
  g_assert_cmpint (gloss_project_find_code (reader, "Trust/Power", NULL), >, 0);
  g_assert_cmpint (gloss_project_find_coder (reader, "Dara", NULL), <=, 0);
  after = snapshot (fixture);
  g_assert_cmpstr (after, !=, before);
}

/* One codebook model per window: every panel that shows codes shows the
 * window's one model, so a code added through core or through an action,
 * and the counts of blind and review mode, reach them all at once. */
static void
collect_popovers (GtkWidget *widget,
                  GPtrArray *found)
{
  if (GLOSS_IS_CODE_POPOVER (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_popovers (child, found);
}

static GlossCodebookModel *
model_of (gpointer widget)
{
  g_autoptr(GlossCodebookModel) model = NULL;

  g_object_get (widget, "model", &model, NULL);
  g_assert_true (GLOSS_IS_CODEBOOK_MODEL (model));
  return model;   /* the widget holds it */
}

static void
assert_listed_everywhere (Fixture   *fixture,
                          GPtrArray *popovers,
                          gint64     code_id,
                          gint64     count)
{
  g_assert_cmpint (gloss_codebook_panel_get_count (panel_of (fixture), code_id), ==, count);
  for (guint i = 0; i < popovers->len; i++)
    g_assert_cmpint (gloss_code_popover_get_count (g_ptr_array_index (popovers, i), code_id), ==, count);
}

static void
test_one_codebook_model (Fixture       *fixture,
                         gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GlossCodebookModel *model = model_of (panel_of (fixture));
  GtkWidget *inspector = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_INSPECTOR);
  gint64 fresh, newer, blind = 0;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* The view's popover, Code All Hits' and the inspector's "change code". */
  collect_popovers (GTK_WIDGET (fixture->window), popovers);
  g_assert_cmpuint (popovers->len, ==, 3);
  for (guint i = 0; i < popovers->len; i++)
    g_assert_true (model_of (g_ptr_array_index (popovers, i)) == model);
  g_assert_true (model_of (inspector) == model);
  g_assert_true (model_of (pane_of (fixture)) == model);
  g_assert_true (gloss_codebook_model_get_project (model) == project);
  g_assert_true (GLOSS_CODEBOOK_PANEL (panel_of (fixture)) != NULL);
  g_assert_cmpuint (n_before, ==, 3);

  /* A code added through core: in the model, the panel and every popover. */
  fresh = gloss_project_add_code (project, fixture->power_id, "Fresh", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_before + 1);
  /* Tree order: Power's child comes right after Power, last. */
  g_assert_cmpuint (gloss_codebook_model_get_position (model, fresh), ==, 3);
  assert_listed_everywhere (fixture, popovers, fresh, 0);
  gloss_code_popover_set_filter (g_ptr_array_index (popovers, 0), "fresh");
  g_assert_cmpint (gloss_code_popover_get_first_match (g_ptr_array_index (popovers, 0)), ==, fresh);

  /* And through the window's action. */
  codebook_action (fixture, "codebook.create", "(xs)", (gint64) 0, "Newer");
  newer = gloss_project_find_code (project, "Newer", &error);
  g_assert_no_error (error);
  assert_listed_everywhere (fixture, popovers, newer, 0);
  g_assert_cmpint (gloss_codebook_panel_get_selected_code (panel_of (fixture)), ==, newer);

  /* Blind mode counts Ana's codings, review mode everyone's: one state. */
  apply_code (fixture, "Trust grows slowly", fresh);
  gloss_project_add_coding (project, fixture->document_id, fixture->ben_id, fresh, 0, 5, NULL, &error);
  g_assert_no_error (error);
  g_object_get (fixture->window, "blind-coder-id", &blind, NULL);
  g_assert_cmpint (blind, ==, fixture->ana_id);
  g_assert_cmpint (gloss_codebook_model_get_coder_id (model), ==, fixture->ana_id);
  assert_listed_everywhere (fixture, popovers, fresh, 1);

  win_action (fixture, "show-all-coders", NULL);
  g_object_get (fixture->window, "blind-coder-id", &blind, NULL);
  g_assert_cmpint (blind, ==, 0);
  g_object_get (pane_of (fixture), "coder-id", &blind, NULL);
  g_assert_cmpint (blind, ==, 0);
  assert_listed_everywhere (fixture, popovers, fresh, 2);

  win_action (fixture, "show-all-coders", NULL);
  assert_listed_everywhere (fixture, popovers, fresh, 1);

  /* Undone, the code leaves every panel. */
  win_action (fixture, "undo", NULL);
  win_action (fixture, "undo", NULL);
  win_action (fixture, "undo", NULL);
  assert_listed_everywhere (fixture, popovers, newer, -1);

  /* Another program adds a code: within a second or two every panel has it. */
  {
    g_autoptr(GlossProject) writer = open_reader (fixture);
    gint64 outside = gloss_project_add_code (writer, 0, "From outside", NULL, NULL, &error);

    g_assert_no_error (error);
    gloss_project_close (writer);
    spin (2500);
    assert_listed_everywhere (fixture, popovers, outside, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/codebook/edit", test_codebook_edit);
  ADD ("/codebook/move", test_codebook_move);
  ADD ("/codebook/merge", test_codebook_merge);
  ADD ("/codebook/delete", test_codebook_delete);
  ADD ("/codebook/filter", test_codebook_filter);
  ADD ("/codebook/import-export", test_codebook_import_export);
  ADD ("/codebook/blind-two-coders", test_blind_two_coders);
  ADD ("/codebook/memos", test_memos);
  ADD ("/codebook/excerpts", test_excerpts);
  ADD ("/codebook/find-all-and-code-hits", test_find_all_and_code_hits);
  ADD ("/codebook/coder-and-document-undo", test_coder_and_document_undo);
  ADD ("/codebook/name-dialogs", test_name_dialogs);
  ADD ("/codebook/one-codebook-model", test_one_codebook_model);
#undef ADD

  return g_test_run ();
}
