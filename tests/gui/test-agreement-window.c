/* test-agreement-window.c: the agreement window computes what core computes,
 * shows it, lets the lead settle a disagreement into the Consensus coder,
 * exports, and can be cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <poppler.h>

#include "gloss-agreement-item.h"
#include "gloss-agreement-window.h"
#include "gloss-compare-view.h"
#include "gloss-disagreement-item.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define TEXT \
  "The partners praised the new funding rules.\n" \
  "Trust between the groups grew over the year.\n" \
  "Nobody asked the refugees what they needed.\n"

typedef struct
{
  char        *dir;
  char        *path;
  gint64       document_id;
  gint64       sysuser_id;  /* a coder with no codings */
  gint64       ana_id;
  gint64       ben_id;
  gint64       unused_id;   /* a code nobody applied */
  gint64       stance_id;
  gint64       support_id;
  gint64       oppose_id;
  gint64       trust_id;
  gint64       trust_start;  /* Ana's Trust coding */
  gint64       trust_end;
  GlossWindow *window;
} Fixture;

/* Fixtures */

static void
find_range (const char *needle,
            gint64     *start,
            gint64     *end)
{
  const char *hit = strstr (TEXT, needle);

  g_assert_nonnull (hit);
  *start = g_utf8_pointer_to_offset (TEXT, hit);
  *end = *start + g_utf8_strlen (needle, -1);
}

static void
add_coding (GlossProject *project,
            Fixture      *fixture,
            gint64        coder_id,
            gint64        code_id,
            gint64        start,
            gint64        end)
{
  g_autoptr(GError) error = NULL;

  gloss_project_add_coding (project, fixture->document_id, coder_id, code_id, start, end, NULL, &error);
  g_assert_no_error (error);
}

/* Ana and Ben: opposite stances on the first sentence; Ana codes Trust on
 * the whole second sentence, Ben on part of it only. */
static void
add_codings (GlossProject *project,
             Fixture      *fixture)
{
  gint64 s, e;

  find_range ("The partners praised the new funding rules.", &s, &e);
  add_coding (project, fixture, fixture->ana_id, fixture->support_id, s, e);
  add_coding (project, fixture, fixture->ben_id, fixture->oppose_id, s, e);

  find_range ("Trust between the groups grew over the year.", &s, &e);
  fixture->trust_start = s;
  fixture->trust_end = e;
  add_coding (project, fixture, fixture->ana_id, fixture->trust_id, s, e);
  find_range ("Trust between the groups", &s, &e);
  add_coding (project, fixture, fixture->ben_id, fixture->trust_id, s, e);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-test-agreement-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study.gloss", NULL);

  project = gloss_project_create (fixture->path, "Agreement study", &error);
  g_assert_no_error (error);
  fixture->document_id = gloss_project_import_text (project, "notes.txt", TEXT, -1, &error);
  g_assert_no_error (error);
  fixture->sysuser_id = gloss_project_add_coder (project, "Sysuser", "#000000", &error);
  g_assert_no_error (error);
  fixture->ana_id = gloss_project_add_coder (project, "Ana", "#813d9c", &error);
  g_assert_no_error (error);
  fixture->ben_id = gloss_project_add_coder (project, "Ben", "#e5a50a", &error);
  g_assert_no_error (error);
  fixture->stance_id = gloss_project_add_code (project, 0, "Stance", "#1c71d8", NULL, &error);
  g_assert_no_error (error);
  fixture->support_id = gloss_project_add_code (project, fixture->stance_id, "Support", "#3584e4", NULL, &error);
  g_assert_no_error (error);
  fixture->oppose_id = gloss_project_add_code (project, fixture->stance_id, "Oppose", "#62a0ea", NULL, &error);
  g_assert_no_error (error);
  fixture->trust_id = gloss_project_add_code (project, 0, "Trust", "#26a269", NULL, &error);
  g_assert_no_error (error);
  fixture->unused_id = gloss_project_add_code (project, 0, "Unused", "#c01c28", NULL, &error);
  g_assert_no_error (error);
  add_codings (project, fixture);
  gloss_project_close (project);

  fixture->window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  spin (100);

  g_remove (wal);
  g_remove (shm);
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GlossProject *
open_second_connection (Fixture *fixture)
{
  return gloss_test_open_project (fixture->path);
}

/* The window through the main window's action */

static GlossAgreementWindow *
open_agreement_window (Fixture *fixture)
{
  GlossAgreementWindow *agreement;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "agreement"));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "agreement", NULL);
  agreement = gloss_agreement_window_lookup (fixture->window);
  g_assert_nonnull (agreement);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (agreement)) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (agreement)));

  /* A second activation presents the same window. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "agreement", NULL);
  g_assert_true (gloss_agreement_window_lookup (fixture->window) == agreement);
  return agreement;
}

static void
compute_and_wait (GlossAgreementWindow *agreement)
{
  gint64 deadline;

  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.compute", NULL);
  g_assert_true (gloss_agreement_window_get_busy (agreement));
  g_assert_cmpstr (gloss_agreement_window_get_page (agreement), ==, "computing");

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (gloss_agreement_window_get_busy (agreement) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gloss_agreement_window_get_busy (agreement));
  g_assert_cmpstr (gloss_agreement_window_get_page (agreement), ==, "results");
  g_assert_nonnull (gloss_agreement_window_get_report (agreement));
}

static void
assert_same_measures (const GlossAgreementMeasures *shown,
                      const GlossAgreementMeasures *expected)
{
  g_assert_cmpfloat (shown->units, ==, expected->units);
  g_assert_cmpuint (shown->present, ==, expected->present);
  g_assert_cmpint (shown->no_data, ==, expected->no_data);
  g_assert_cmpuint (shown->present, !=, 0);
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    {
      g_autofree char *text = NULL;
      g_autofree char *expected_text = NULL;

      if (!gloss_agreement_measures_has (expected, k))
        continue;
      g_assert_cmpint (gloss_measure_is_defined (shown->values[k]), ==,
                       gloss_measure_is_defined (expected->values[k]));
      if (gloss_measure_is_defined (expected->values[k]))
        {
          g_assert_cmpfloat_with_epsilon (shown->values[k].value, expected->values[k].value, 1e-12);
          expected_text = g_strdup_printf ("%.3f", expected->values[k].value);
        }
      else if (expected->no_data)
        {
          expected_text = g_strdup ("no data");
          g_assert_nonnull (gloss_agreement_measure_reason (shown, k));
        }
      else
        {
          expected_text = g_strdup ("—");
          g_assert_cmpstr (gloss_agreement_measure_reason (shown, k), ==, expected->values[k].reason);
        }
      if (fabs (shown->values[k].value) < 0.0005)
        {
          g_free (expected_text);
          expected_text = g_strdup ("0.000");
        }
      text = gloss_agreement_format_measure (shown, k);
      g_assert_cmpstr (text, ==, expected_text);
    }
}

/* The overall row (first, pinned) and the code rows equal core's report
 * computed on a connection of its own with the window's options. */
static GlossAgreementReport *
assert_table_matches_core (Fixture              *fixture,
                           GlossAgreementWindow *agreement)
{
  g_autoptr(GlossAgreementOptions) options = gloss_agreement_window_get_options (agreement);
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  g_autoptr(GError) error = NULL;
  GlossAgreementReport *expected;
  GListModel *rows = gloss_agreement_window_get_codes_model (agreement);
  g_autoptr(GlossAgreementItem) overall = NULL;

  g_assert_cmpuint (options->coder_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (options->coder_ids, gint64, 0), ==, fixture->ana_id);
  g_assert_cmpint (g_array_index (options->coder_ids, gint64, 1), ==, fixture->ben_id);
  g_assert_cmpuint (options->document_ids->len, ==, 0);

  expected = gloss_agreement_report_compute (reader, options, NULL, &error);
  g_assert_no_error (error);
  gloss_project_close (reader);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected->codes->len + 1);
  overall = g_list_model_get_item (rows, 0);
  g_assert_true (gloss_agreement_item_get_pinned (overall));
  assert_same_measures (gloss_agreement_item_get_measures (overall), &expected->overall);

  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GlossAgreementItem) item = g_list_model_get_item (rows, i);
      gboolean found = FALSE;

      g_assert_false (gloss_agreement_item_get_pinned (item));
      for (guint r = 0; r < expected->codes->len; r++)
        {
          GlossAgreementRow *row = &g_array_index (expected->codes, GlossAgreementRow, r);

          if (row->id != gloss_agreement_item_get_id (item))
            continue;
          g_assert_cmpstr (row->label, ==, gloss_agreement_item_get_label (item));
          assert_same_measures (gloss_agreement_item_get_measures (item), &row->measures);
          found = TRUE;
        }
      g_assert_true (found);
    }
  g_assert_cmpuint (g_list_model_get_n_items (gloss_agreement_window_get_disagreements (agreement)), ==,
                    expected->disagreements->len);
  return expected;
}

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_all (child, type, found);
}

/* Sorting by a measure, either way, keeps the overall row on top. */
static void
assert_overall_pinned_when_sorted (GlossAgreementWindow *agreement)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (agreement), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *rows = gloss_agreement_window_get_codes_model (agreement);
  g_autoptr(GtkColumnViewColumn) last = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);

  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 3);
  for (int direction = 0; direction < 2; direction++)
    {
      g_autoptr(GlossAgreementItem) first = NULL;

      gtk_column_view_sort_by_column (view, last, direction == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      first = g_list_model_get_item (rows, 0);
      g_assert_true (gloss_agreement_item_get_pinned (first));
    }
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
}

static guint
find_disagreement (GlossAgreementWindow *agreement,
                   const char           *code)
{
  GListModel *items = gloss_agreement_window_get_disagreements (agreement);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GlossDisagreementItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (gloss_disagreement_item_get_code (item), code) == 0)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

/* The Consensus coder's codings, read through another connection. */
static GPtrArray *
read_consensus (Fixture *fixture)
{
  g_autoptr(GlossProject) reader = open_second_connection (fixture);
  g_autoptr(GError) error = NULL;
  GlossCodingFilter filter = { .document_id = fixture->document_id };
  GPtrArray *codings;

  filter.coder_id = gloss_project_get_consensus_coder (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (filter.coder_id, >, 0);
  codings = gloss_project_list_codings (reader, &filter, &error);
  g_assert_no_error (error);
  gloss_project_close (reader);
  return codings;
}

static void
assert_consensus (Fixture *fixture,
                  gint64   code_id,
                  gint64   start,
                  gint64   end)
{
  g_autoptr(GPtrArray) codings = read_consensus (fixture);
  GlossCoding *coding;

  g_assert_cmpuint (codings->len, ==, 1);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->code_id, ==, code_id);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end);
}

static void
settle_trust_disagreement (Fixture              *fixture,
                           GlossAgreementWindow *agreement)
{
  GlossCompareView *compare = gloss_agreement_window_get_compare_view (agreement);
  g_autoptr(GlossDisagreementItem) item = NULL;
  guint position = find_disagreement (agreement, "Trust");
  gint64 s, e;

  item = g_list_model_get_item (gloss_agreement_window_get_disagreements (agreement), position);
  g_assert_cmpstr (gloss_disagreement_item_get_value (item, 0), ==, "coded");
  g_assert_cmpstr (gloss_disagreement_item_get_value (item, 1), ==, "not coded");
  g_assert_null (gloss_disagreement_item_get_resolution (item));

  /* Activate it: the compare view shows a lane per coder. */
  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.show-disagreement", "u", position);
  g_assert_cmpstr (gloss_agreement_window_get_page (agreement), ==, "compare");
  g_assert_cmpuint (gloss_compare_view_get_position (compare), ==, position);
  g_assert_cmpuint (gloss_compare_view_get_n_lanes (compare), ==, 2);

  /* Accept Ana's version: the Consensus coder is created and has her coding. */
  gtk_widget_activate_action (GTK_WIDGET (compare), "compare.accept", "u", 0);
  assert_consensus (fixture, fixture->trust_id, fixture->trust_start, fixture->trust_end);
  g_assert_nonnull (gloss_disagreement_item_get_resolution (item));
  g_assert_cmpuint (gloss_compare_view_get_n_lanes (compare), ==, 3);

  /* Edit it: a narrower range replaces the consensus coding. */
  find_range ("Trust between the groups grew", &s, &e);
  gtk_widget_activate_action (GTK_WIDGET (compare), "compare.edit", NULL);
  gloss_compare_view_set_edit_range (compare, s, e);
  gtk_widget_activate_action (GTK_WIDGET (compare), "compare.save-edit", NULL);
  assert_consensus (fixture, fixture->trust_id, s, e);

  /* The edit is one step: undo brings Ana's version back. */
  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.undo", NULL);
  assert_consensus (fixture, fixture->trust_id, fixture->trust_start, fixture->trust_end);

  /* Stepping through the disagreements: the stances are one substitution. */
  g_assert_cmpuint (g_list_model_get_n_items (gloss_agreement_window_get_disagreements (agreement)), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (compare), "compare.previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (compare), "compare.previous", NULL);
  g_assert_cmpuint (gloss_compare_view_get_position (compare), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (compare), "compare.next", NULL);
  g_assert_cmpuint (gloss_compare_view_get_position (compare), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.back", NULL);
  g_assert_cmpstr (gloss_agreement_window_get_page (agreement), ==, "results");
}

static void
test_compute_and_settle (Fixture       *fixture,
                         gconstpointer  data)
{
  GlossAgreementWindow *agreement = open_agreement_window (fixture);
  g_autoptr(GlossAgreementReport) expected = NULL;
  g_autoptr(GlossAgreementOptions) options = NULL;

  /* Document unit with the code group: one conflict, Support against Oppose. */
  gloss_agreement_window_set_unit (agreement, GLOSS_AGREEMENT_UNIT_DOCUMENT);
  gloss_agreement_window_set_group (agreement, fixture->stance_id);
  options = gloss_agreement_window_get_options (agreement);
  g_assert_cmpint (options->group_id, ==, fixture->stance_id);
  compute_and_wait (agreement);
  expected = assert_table_matches_core (fixture, agreement);
  g_assert_cmpstr (expected->group, ==, "Stance");
  g_assert_cmpuint (expected->disagreements->len, ==, 1);
  g_clear_pointer (&expected, gloss_agreement_report_free);

  /* Character unit over every code. */
  gloss_agreement_window_set_unit (agreement, GLOSS_AGREEMENT_UNIT_CHAR);
  compute_and_wait (agreement);
  expected = assert_table_matches_core (fixture, agreement);
  g_assert_cmpuint (expected->codes->len, ==, 5);
  assert_overall_pinned_when_sorted (agreement);

  settle_trust_disagreement (fixture, agreement);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  GlossAgreementWindow *agreement = open_agreement_window (fixture);
  const char *formats[] = { "csv", "json", "html", "pdf", "report-html" };

  compute_and_wait (agreement);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("report.%s", g_str_equal (formats[i], "report-html") ? "html" : formats[i]);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;

      g_assert_true (gloss_agreement_window_export (agreement, formats[i], file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      if (g_str_equal (formats[i], "pdf"))
        {
          /* the PDF as poppler reads it: A4, the sections, the codes */
          g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
          PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, &error);
          g_autoptr(GString) all = g_string_new (NULL);
          double w, h;

          g_assert_no_error (error);
          for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
            {
              PopplerPage *page = poppler_document_get_page (pdf, p);
              g_autofree char *page_text = poppler_page_get_text (page);

              poppler_page_get_size (page, &w, &h);
              g_object_unref (page);
              g_assert_cmpfloat (fabs (w - 595.28), <, 1);
              g_assert_cmpfloat (fabs (h - 841.89), <, 1);
              g_string_append (all, page_text);
            }
          for (guint k = 0; k < 7; k++)
            {
              static const char *needles[] = { "Reliability report", "Settings", "Measures", "Alpha per code",
                                               "Coder pairs", "Disagreements", "Trust" };

              g_assert_nonnull (strstr (all->str, needles[k]));
            }
          g_object_unref (pdf);
          g_remove (path);
          continue;
        }
      g_assert_nonnull (strstr (contents, "Trust"));
      if (g_str_equal (formats[i], "report-html"))
        {
          g_assert_nonnull (strstr (contents, "<svg"));
          g_assert_nonnull (strstr (contents, "0.667"));
          g_assert_nonnull (strstr (contents, "Coder pairs"));
        }
      if (g_str_equal (formats[i], "json"))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
          g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "overall"));
        }
      if (g_str_equal (formats[i], "html"))
        g_assert_nonnull (strstr (contents, "<html"));
      g_remove (path);
    }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  GlossAgreementWindow *agreement = open_agreement_window (fixture);

  g_assert_cmpstr (gloss_agreement_window_get_page (agreement), ==, "empty");
  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.compute", NULL);
  g_assert_true (gloss_agreement_window_get_busy (agreement));
  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.cancel", NULL);
  g_assert_false (gloss_agreement_window_get_busy (agreement));
  g_assert_cmpstr (gloss_agreement_window_get_page (agreement), ==, "empty");

  /* The worker's late answer is not shown. */
  spin (500);
  g_assert_null (gloss_agreement_window_get_report (agreement));
  g_assert_cmpstr (gloss_agreement_window_get_page (agreement), ==, "empty");

  /* Computing again works. */
  compute_and_wait (agreement);
}

static void
test_needs_two_coders (Fixture       *fixture,
                       gconstpointer  data)
{
  GlossAgreementWindow *agreement = open_agreement_window (fixture);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  GtkWidget *check;

  /* The check buttons begin with the coders': Sysuser (off), Ana, Ben.
   * With Ana off, one remains. */
  find_all (GTK_WIDGET (agreement), GTK_TYPE_CHECK_BUTTON, checks);
  check = g_ptr_array_index (checks, 1);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.compute", NULL);
  g_assert_false (gloss_agreement_window_get_busy (agreement));
  g_assert_cmpstr (gloss_agreement_window_get_page (agreement), ==, "error");
}


static GtkWidget *
find_row_widget (GlossAgreementWindow *agreement,
                 const char           *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  find_all (GTK_WIDGET (agreement), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
  return NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GlossAgreementItem *
find_row (GListModel *rows,
          const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GlossAgreementItem) item = g_list_model_get_item (rows, i);

      if (g_strcmp0 (gloss_agreement_item_get_label (item), label) == 0)
        return g_steal_pointer (&item);
    }
  g_assert_not_reached ();
  return NULL;
}

/* Every heading of every column view in the window has a tooltip. */
static void
assert_header_tooltips (GlossAgreementWindow *agreement)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  guint n_titles = 0;

  find_all (GTK_WIDGET (agreement), GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, >=, 3);
  for (guint v = 0; v < views->len; v++)
    {
      GtkWidget *header = gtk_widget_get_first_child (g_ptr_array_index (views, v));
      GListModel *columns = gtk_column_view_get_columns (g_ptr_array_index (views, v));
      guint n = 0;

      for (GtkWidget *title = gtk_widget_get_first_child (header); title; title = gtk_widget_get_next_sibling (title), n++)
        {
          const char *tooltip = gtk_widget_get_tooltip_text (title);

          g_assert_nonnull (tooltip);
          g_assert_cmpuint (strlen (tooltip), >, 20);
        }
      g_assert_cmpuint (n, ==, g_list_model_get_n_items (columns));
      n_titles += n;
    }
  g_assert_cmpuint (n_titles, >, 10);
}

/* Issue 13, items 1-7 as a project lead meets them in the window. */
static void
test_honest_defaults (Fixture       *fixture,
                      gconstpointer  data)
{
  GlossAgreementWindow *agreement = open_agreement_window (fixture);
  g_autoptr(GlossAgreementOptions) options = gloss_agreement_window_get_options (agreement);
  GListModel *rows = gloss_agreement_window_get_codes_model (agreement);
  GListModel *items = gloss_agreement_window_get_disagreements (agreement);
  g_autoptr(GPtrArray) rows_found = g_ptr_array_new ();
  g_autoptr(GlossAgreementItem) unused = NULL;
  g_autoptr(GlossDisagreementItem) stance = NULL;
  GlossCompareView *compare = gloss_agreement_window_get_compare_view (agreement);
  const GlossAgreementReport *report;
  g_autofree char *text = NULL;
  gint64 s, e;
  gboolean found_zero = FALSE;

  /* 2. Sysuser, without codings, is listed but not ticked, "0 codings". */
  g_assert_cmpuint (options->coder_ids->len, ==, 2);
  find_all (GTK_WIDGET (agreement), ADW_TYPE_ACTION_ROW, rows_found);
  for (guint i = 0; i < rows_found->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows_found, i)), "Sysuser") == 0)
      {
        g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows_found, i)), ==, "0 codings");
        found_zero = TRUE;
      }
  g_assert_true (found_zero);

  /* 3. Coded text only is a visible choice with its explanation. */
  gloss_agreement_window_set_unit (agreement, GLOSS_AGREEMENT_UNIT_CHAR);
  g_assert_true (gtk_widget_get_sensitive (find_row_widget (agreement, "Coded Text Only")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row_widget (agreement, "Coded Text Only"))),
                            "uncoded"));

  compute_and_wait (agreement);
  report = gloss_agreement_window_get_report (agreement);

  /* 1. The code nobody applied shows "no data", in no band colour. */
  unused = find_row (rows, "Unused");
  g_assert_true (gloss_agreement_item_get_measures (unused)->no_data);
  text = gloss_agreement_format_measure (gloss_agreement_item_get_measures (unused), GLOSS_MEASURE_KRIPPENDORFF_ALPHA);
  g_assert_cmpstr (text, ==, "no data");
  g_assert_null (gloss_agreement_measure_css_class (gloss_agreement_item_get_measures (unused),
                                                    GLOSS_MEASURE_KRIPPENDORFF_ALPHA));

  /* 9. The overall alpha has its bootstrapped interval, in a column. */
  {
    g_autoptr(GlossAgreementItem) overall = g_list_model_get_item (rows, 0);
    const GlossAgreementMeasures *m = gloss_agreement_item_get_measures (overall);
    g_autofree char *interval = gloss_agreement_format_interval (m);
    GtkColumnView *view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (agreement), GTK_TYPE_COLUMN_VIEW));
    GListModel *columns = gtk_column_view_get_columns (view);
    gboolean column = FALSE;

    g_assert_true (m->bootstrap.defined);
    g_assert_cmpuint (m->bootstrap.samples, ==, 1000);
    g_assert_cmpfloat (m->bootstrap.low, <=, m->values[GLOSS_MEASURE_KRIPPENDORFF_ALPHA].value);
    g_assert_nonnull (strstr (interval, "–"));
    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);

        column |= g_strcmp0 (gtk_column_view_column_get_title (col), "Alpha 95% Interval") == 0;
      }
    g_assert_true (column);
  }

  /* 4. Tooltips on every heading; notes as sentences; no "-0.000". */
  assert_header_tooltips (agreement);
  for (guint i = 0; i < report->notes->len; i++)
    {
      const char *note = g_ptr_array_index (report->notes, i);

      g_assert_true (g_unichar_isupper (g_utf8_get_char (note)));
      g_assert_true (g_str_has_suffix (note, "."));
      g_assert_null (strchr (note, '_'));
    }
  {
    GlossAgreementMeasures m;
    g_autofree char *zero = NULL;

    gloss_agreement_measures_init (&m);
    gloss_agreement_measures_set (&m, GLOSS_MEASURE_KRIPPENDORFF_ALPHA, gloss_measure_defined (-0.0001));
    zero = gloss_agreement_format_measure (&m, GLOSS_MEASURE_KRIPPENDORFF_ALPHA);
    g_assert_cmpstr (zero, ==, "0.000");
  }

  /* 7. Support against Oppose is one disagreement of kind "other code";
   * 6. with its text and each coder's version. */
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  stance = g_list_model_get_item (items, 0);
  g_assert_cmpstr (gloss_disagreement_item_get_kind (stance), ==, "other code");
  g_assert_cmpstr (gloss_disagreement_item_get_value (stance, 0), ==, "Stance/Support");
  g_assert_cmpstr (gloss_disagreement_item_get_value (stance, 1), ==, "Stance/Oppose");
  g_assert_cmpstr (gloss_disagreement_item_get_quote (stance), ==, "The partners praised the new funding rules.");
  g_assert_cmpstr (gloss_disagreement_item_get_version (stance, 0), ==, "The partners praised the new funding rules.");
  {
    g_autoptr(GlossDisagreementItem) trust = g_list_model_get_item (items, 1);

    find_range ("Trust between the groups grew over the year.", &s, &e);
    g_assert_cmpstr (gloss_disagreement_item_get_quote (trust), ==, " grew over the year.");
    g_assert_cmpstr (gloss_disagreement_item_get_version (trust, 0), ==, "Trust between the groups grew over the year.");
    g_assert_null (gloss_disagreement_item_get_version (trust, 1));
  }
  /* The compare view shows both codes: each lane has its coder's coding. */
  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.show-disagreement", "u", 0);
  g_assert_cmpuint (gloss_compare_view_get_n_lanes (compare), ==, 2);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (compare), "Stance/Support"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (compare), "Stance/Oppose"));
  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.back", NULL);

  /* 5. The settings are remembered for the project. */
  gloss_agreement_window_set_unit (agreement, GLOSS_AGREEMENT_UNIT_SEGMENT);
  compute_and_wait (agreement);
  gtk_window_destroy (GTK_WINDOW (agreement));
  spin (50);
  agreement = open_agreement_window (fixture);
  {
    g_autoptr(GlossAgreementOptions) again = gloss_agreement_window_get_options (agreement);

    g_assert_cmpint (again->unit, ==, GLOSS_AGREEMENT_UNIT_SEGMENT);
    g_assert_cmpuint (again->coder_ids->len, ==, 2);
  }
}

/* A disagreement's quote, one line in the list: a word broken at a line
 * end reads whole, other line breaks read as spaces. */

#define HYPHENATED_TEXT "Lorem ipsum dolor sit amet, consectetur adip-\niscing elit,\nsed do eiusmod tempor."
#define HYPHENATED_QUOTE "consectetur adip-\niscing elit,\nsed"
#define JOINED_QUOTE "consectetur adipiscing elit, sed"

static void
test_hyphenated_quote (Fixture       *fixture,
                       gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autofree char *quoted = g_strdup_printf ("“%s”", JOINED_QUOTE);
  g_autofree char *coded = g_strdup_printf ("coded: “%s”", JOINED_QUOTE);
  const char *start_of_quote = strstr (HYPHENATED_TEXT, "consectetur");
  GlossAgreementWindow *agreement;
  gboolean quote_shown = FALSE, version_shown = FALSE;
  gint64 document, start;

  document = gloss_project_import_text (project, "lorem.txt", HYPHENATED_TEXT, -1, &error);
  g_assert_no_error (error);
  start = g_utf8_pointer_to_offset (HYPHENATED_TEXT, start_of_quote);
  gloss_project_add_coding (project, document, fixture->ana_id, fixture->unused_id,
                            start, start + g_utf8_strlen (HYPHENATED_QUOTE, -1), NULL, &error);
  g_assert_no_error (error);

  agreement = open_agreement_window (fixture);
  compute_and_wait (agreement);
  spin (300);

  find_all (GTK_WIDGET (agreement), GTK_TYPE_COLUMN_VIEW, views);
  for (guint v = 0; v < views->len; v++)
    {
      GtkWidget *view = g_ptr_array_index (views, v);
      GtkWidget *label = find_label_containing (view, "adip");

      if (label == NULL)
        continue;
      g_assert_null (find_label_containing (view, "adip-"));
      quote_shown |= find_label_containing (view, quoted) != NULL;
      version_shown |= find_label_containing (view, coded) != NULL;
    }
  g_assert_true (quote_shown);
  g_assert_true (version_shown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/agreement-window/compute-and-settle", Fixture, NULL,
              fixture_set_up, test_compute_and_settle, fixture_tear_down);
  g_test_add ("/agreement-window/honest-defaults", Fixture, NULL,
              fixture_set_up, test_honest_defaults, fixture_tear_down);
  g_test_add ("/agreement-window/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/agreement-window/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/agreement-window/needs-two-coders", Fixture, NULL,
              fixture_set_up, test_needs_two_coders, fixture_tear_down);
  g_test_add ("/agreement-window/hyphenated-quote", Fixture, NULL,
              fixture_set_up, test_hyphenated_quote, fixture_tear_down);

  return g_test_run ();
}
