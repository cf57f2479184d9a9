/* test-agreement-quotes.c: a report's disagreements read their text when shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-test-util.h"

/* Characters beyond ASCII, so that character and byte offsets differ. */
static const char first_text[] = "Ärzte für Geflüchtete: «Teilhabe» heißt Mitsprache, nicht Almosen.";
static const char second_text[] = "東京の会議では、市民社会の独立が議論された。Independence matters.";

typedef struct
{
  GlossProject *project;
  char         *path;
  gint64        first;
  gint64        second;
  gint64        ana;
  gint64        ben;
  gint64        voice;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->project = gloss_test_new_project (&f->path);
  f->first = gloss_project_import_text (f->project, "first.txt", first_text, -1, &error);
  f->second = gloss_project_import_text (f->project, "second.txt", second_text, -1, &error);
  f->ana = gloss_project_add_coder (f->project, "Ana", NULL, &error);
  f->ben = gloss_project_add_coder (f->project, "Ben", NULL, &error);
  f->voice = gloss_project_add_code (f->project, 0, "Voice", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->first, f->ana, f->voice, 23, 40, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->first, f->ben, f->voice, 30, 51, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->second, f->ana, f->voice, 3, 19, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->project);
  g_free (f->path);
}

static char *
chars (const char *text,
       gint64      start,
       gint64      end)
{
  const char *a = g_utf8_offset_to_pointer (text, start), *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, b - a);
}

static GlossAgreementReport *
compute (Fixture            *f,
         GlossAgreementUnit  unit)
{
  g_autoptr(GlossAgreementOptions) options = gloss_agreement_options_new (unit);
  g_autoptr(GError) error = NULL;
  GlossAgreementReport *report;

  options->samples = 0;
  report = gloss_agreement_report_compute (f->project, options, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static const char *
text_of (const GlossAgreementReport       *report,
         const GlossAgreementDisagreement *d)
{
  const char *title = g_array_index (report->documents, GlossAgreementRow, d->document).label;

  return g_str_equal (title, "first.txt") ? first_text : second_text;
}

/* Every disagreement's text and every version's text is that of its range,
 * in characters, in both documents, read after the report is made. */
static void
test_char_unit_quotes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossAgreementReport) report = compute (f, GLOSS_AGREEMENT_UNIT_CHAR);
  guint in_second = 0, versions = 0;

  g_assert_cmpuint (report->disagreements->len, ==, 3);   /* 23-30 and 40-51 in the first, 3-19 in the second */
  for (guint i = 0; i < report->disagreements->len; i++)
    {
      const GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
      const char *text = text_of (report, d);
      g_autofree char *quote = gloss_agreement_report_dup_quote (report, d);
      g_autofree char *expected = chars (text, d->start, d->end);

      g_assert_cmpstr (quote, ==, expected);
      in_second += text == second_text;
      for (guint c = 0; c < report->coders->len; c++)
        {
          const GlossAgreementVersion *v = gloss_agreement_report_get_version (report, d, c);
          g_autofree char *own = gloss_agreement_report_dup_version_quote (report, d, c);
          g_autofree char *own_expected = v ? chars (text, v->start, v->end) : NULL;

          g_assert_cmpstr (own, ==, own_expected);
          versions += v != NULL;
        }
    }
  g_assert_cmpuint (in_second, ==, 1);
  g_assert_cmpuint (versions, ==, 3);

  /* the first disagreement is Ana's stretch before Ben's */
  {
    const GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, 0);
    g_autofree char *quote = gloss_agreement_report_dup_quote (report, d);
    g_autofree char *ana = gloss_agreement_report_dup_version_quote (report, d, 0);

    g_assert_cmpint (d->start, ==, 23);
    g_assert_cmpint (d->end, ==, 30);
    g_assert_cmpstr (quote, ==, "«Teilha");
    g_assert_cmpstr (ana, ==, "«Teilhabe» heißt ");
    g_assert_null (gloss_agreement_report_dup_version_quote (report, d, 1));
  }
}

/* A long stretch keeps its beginning and end around an ellipsis. */
static void
test_long_quote_shortened (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GlossAgreementReport) report = NULL;
  g_autofree char *quote = NULL, *head = NULL, *tail = NULL, *expected = NULL;
  const GlossAgreementDisagreement *d = NULL;
  gint64 doc;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (long_text, "Satz %03u über Rechte. ", i);   /* 23 characters each */
  doc = gloss_project_import_text (f->project, "long.txt", long_text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coding (f->project, doc, f->ana, f->voice, 100, 1100, NULL, &error), >, 0);
  g_assert_no_error (error);

  report = compute (f, GLOSS_AGREEMENT_UNIT_CHAR);
  for (guint i = 0; i < report->disagreements->len; i++)
    if (g_array_index (report->disagreements, GlossAgreementDisagreement, i).end == 1100)
      d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
  g_assert_nonnull (d);
  quote = gloss_agreement_report_dup_quote (report, d);
  head = chars (long_text->str, 100, 220);
  tail = chars (long_text->str, 980, 1100);
  expected = g_strconcat (head, " … ", tail, NULL);
  g_assert_cmpstr (quote, ==, expected);
}

/* The document unit's stretch is the whole document: no text of its own,
 * but each coder's coding has its text. */
static void
test_document_unit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossAgreementReport) report = compute (f, GLOSS_AGREEMENT_UNIT_DOCUMENT);
  const GlossAgreementDisagreement *d;
  g_autofree char *ana = NULL;

  g_assert_cmpuint (report->disagreements->len, ==, 1);   /* only Ana coded the second document */
  d = &g_array_index (report->disagreements, GlossAgreementDisagreement, 0);
  g_assert_null (gloss_agreement_report_dup_quote (report, d));
  ana = gloss_agreement_report_dup_version_quote (report, d, 0);
  g_assert_cmpstr (ana, ==, "会議では、市民社会の独立が議論さ");
}

/* Once the project is closed, the documents not read yet give no text,
 * never a crash, and the exports still work. */
static void
test_text_after_close (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossAgreementReport) report = compute (f, GLOSS_AGREEMENT_UNIT_CHAR);
  const GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, 0);
  g_autofree char *before = gloss_agreement_report_dup_quote (report, d);
  g_autofree char *json = NULL;

  g_assert_cmpstr (before, ==, "«Teilha");
  gloss_project_close (f->project);
  /* the last document read is still at hand; another one cannot be read */
  d = &g_array_index (report->disagreements, GlossAgreementDisagreement, report->disagreements->len - 1);
  g_assert_null (gloss_agreement_report_dup_quote (report, d));
  json = gloss_agreement_report_to_json (report);
  g_assert_nonnull (strstr (json, "\"disagreements\""));
}

/* A removed document's codings count for no coder. */
static void
test_counts_leave_out_removed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = NULL;

  counts = gloss_agreement_count_codings_by_coder (f->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, &f->ana)), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, &f->ben)), ==, 1);
  g_clear_pointer (&counts, g_hash_table_unref);

  g_assert_true (gloss_project_remove_document (f->project, f->second, &error));
  g_assert_no_error (error);
  counts = gloss_agreement_count_codings_by_coder (f->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, &f->ana)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/agreement-quotes/char-unit", Fixture, NULL, fixture_set_up, test_char_unit_quotes, fixture_tear_down);
  g_test_add ("/agreement-quotes/long", Fixture, NULL, fixture_set_up, test_long_quote_shortened, fixture_tear_down);
  g_test_add ("/agreement-quotes/document-unit", Fixture, NULL, fixture_set_up, test_document_unit, fixture_tear_down);
  g_test_add ("/agreement-quotes/after-close", Fixture, NULL, fixture_set_up, test_text_after_close, fixture_tear_down);
  g_test_add ("/agreement-quotes/removed-documents", Fixture, NULL, fixture_set_up, test_counts_leave_out_removed,
              fixture_tear_down);

  return g_test_run ();
}
