/* test-codings.c: codings, memos, search and JSON loading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "gloss-load-scan.h"
#include "gloss-test-util.h"

static const char text[] =
  "The partnership principle asks states to share responsibility. "
  "Partnership\nwith civil society needs independence; PARTNERSHIP is not control.";

typedef struct
{
  GlossProject *project;
  gint64        doc;
  gint64        amina;
  gint64        jonas;
  gint64        partnership;
  gint64        independence;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->project = gloss_test_new_project (NULL);
  f->doc = gloss_project_import_text (f->project, "forum.txt", text, -1, &error);
  f->amina = gloss_project_add_coder (f->project, "Amina", NULL, &error);
  f->jonas = gloss_project_add_coder (f->project, "Jonas", NULL, &error);
  f->partnership = gloss_project_add_code (f->project, 0, "Partnership", NULL, NULL, &error);
  f->independence = gloss_project_add_code (f->project, 0, "Independence", NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->project);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCoding) coding = NULL;
  gint64 id;

  id = gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 4, 25, "central", &error);
  g_assert_no_error (error);
  coding = gloss_project_get_coding (f->project, id, &error);
  g_assert_cmpint (coding->document_id, ==, f->doc);
  g_assert_cmpint (coding->coder_id, ==, f->amina);
  g_assert_cmpint (coding->code_id, ==, f->partnership);
  g_assert_cmpint (coding->start, ==, 4);
  g_assert_cmpint (coding->end, ==, 25);
  g_assert_cmpstr (coding->quote, ==, "partnership principle");
  g_assert_cmpstr (coding->prefix, ==, "The ");
  g_assert_cmpstr (coding->suffix, ==, " asks states to share responsibi");
  g_assert_cmpstr (coding->memo, ==, "central");
  g_assert_true (g_uuid_string_is_valid (coding->guid));
  g_assert_cmpint (coding->created, >, 0);
}

static void
test_refuse (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 length = g_utf8_strlen (text, -1);
  struct { gint64 doc, coder, code, start, end; int code_error; } cases[] = {
    { f->doc, f->amina, f->partnership, 5, 5, GLOSS_ERROR_INVALID },
    { f->doc, f->amina, f->partnership, 6, 5, GLOSS_ERROR_INVALID },
    { f->doc, f->amina, f->partnership, -1, 5, GLOSS_ERROR_INVALID },
    { f->doc, f->amina, f->partnership, 0, length + 1, GLOSS_ERROR_INVALID },
    { 999, f->amina, f->partnership, 0, 5, GLOSS_ERROR_NOT_FOUND },
    { f->doc, 999, f->partnership, 0, 5, GLOSS_ERROR_NOT_FOUND },
    { f->doc, f->amina, 999, 0, 5, GLOSS_ERROR_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (gloss_project_add_coding (f->project, cases[i].doc, cases[i].coder, cases[i].code,
                                                 cases[i].start, cases[i].end, NULL, &error), ==, 0);
      g_assert_error (error, GLOSS_ERROR, cases[i].code_error);
      g_clear_error (&error);
    }

  /* The whole text may be coded; the same coding twice may not. */
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 0, length, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 0, length, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* ... but another coder or another code may. */
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->jonas, f->partnership, 0, length, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->amina, f->independence, 0, length, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_count_codings (f->project, NULL, NULL), ==, 3);
}

static void
test_change (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCoding) coding = NULL;
  gint64 id, other;

  id = gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 4, 15, NULL, &error);
  other = gloss_project_add_coding (f->project, f->doc, f->amina, f->independence, 4, 25, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_project_set_coding_memo (f->project, id, "first mention", &error));
  g_assert_true (gloss_project_set_coding_code (f->project, id, f->independence, &error));
  g_assert_true (gloss_project_set_coding_range (f->project, id, 63, 74, &error));
  g_assert_no_error (error);

  coding = gloss_project_get_coding (f->project, id, &error);
  g_assert_cmpstr (coding->memo, ==, "first mention");
  g_assert_cmpint (coding->code_id, ==, f->independence);
  g_assert_cmpstr (coding->quote, ==, "Partnership");
  g_assert_cmpint (coding->modified, >=, coding->created);

  /* Changing into an existing coding's place is refused. */
  g_assert_false (gloss_project_set_coding_range (f->project, id, 4, 25, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (gloss_project_set_coding_range (f->project, id, 10, 10, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_project_set_coding_code (f->project, id, 999, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gloss_project_set_coding_memo (f->project, id, NULL, &error));
  g_clear_pointer (&coding, gloss_coding_free);
  coding = gloss_project_get_coding (f->project, id, &error);
  g_assert_null (coding->memo);

  g_assert_true (gloss_project_delete_coding (f->project, other, &error));
  g_assert_null (gloss_project_get_coding (f->project, other, NULL));
  g_assert_false (gloss_project_delete_coding (f->project, other, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
}

static void
test_queries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) amina = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  GlossCodingFilter filter = { 0 };
  gint64 doc2;

  doc2 = gloss_project_import_text (f->project, "other.txt", "Independence matters.", -1, &error);
  gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 30, 40, NULL, &error);
  gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 4, 15, NULL, &error);
  gloss_project_add_coding (f->project, f->doc, f->jonas, f->independence, 4, 15, NULL, &error);
  gloss_project_add_coding (f->project, doc2, f->jonas, f->independence, 0, 12, NULL, &error);
  g_assert_no_error (error);

  /* Text order within a document */
  all = gloss_project_list_codings (f->project, NULL, &error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpint (((GlossCoding *) all->pdata[0])->start, ==, 4);
  g_assert_cmpint (((GlossCoding *) all->pdata[2])->start, ==, 30);
  g_assert_cmpint (((GlossCoding *) all->pdata[3])->document_id, ==, doc2);

  filter.coder_id = f->amina;
  amina = gloss_project_list_codings (f->project, &filter, &error);
  g_assert_cmpuint (amina->len, ==, 2);
  filter.coder_id = 0;
  filter.code_id = f->independence;
  filter.document_id = f->doc;
  g_assert_cmpint (gloss_project_count_codings (f->project, &filter, NULL), ==, 1);

  /* Counts per code, coder and document */
  codes = gloss_project_list_codes (f->project, NULL);
  g_assert_cmpint (((GlossCode *) codes->pdata[0])->n_codings, ==, 2);
  g_assert_cmpint (((GlossCode *) codes->pdata[1])->n_codings, ==, 2);
  coders = gloss_project_list_coders (f->project, NULL);
  g_assert_cmpint (((GlossCoder *) coders->pdata[0])->n_codings, ==, 2);
  docs = gloss_project_list_documents (f->project, NULL);
  g_assert_cmpint (((GlossDocumentInfo *) docs->pdata[0])->n_codings, ==, 3);
  g_assert_cmpint (((GlossDocumentInfo *) docs->pdata[1])->n_codings, ==, 1);
}

static void
test_memos (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *memo = NULL;

  g_assert_true (gloss_project_set_memo (f->project, "project", 1, "Pilot study", &error));
  g_assert_true (gloss_project_set_memo (f->project, "code", f->partnership, "Broad code", &error));
  g_assert_true (gloss_project_set_memo (f->project, "code", f->partnership, "Narrower now", &error));
  g_assert_no_error (error);
  memo = gloss_project_get_memo (f->project, "code", f->partnership, &error);
  g_assert_cmpstr (memo, ==, "Narrower now");
  g_clear_pointer (&memo, g_free);

  g_assert_true (gloss_project_set_memo (f->project, "code", f->partnership, "", &error));
  memo = gloss_project_get_memo (f->project, "code", f->partnership, &error);
  g_assert_cmpstr (memo, ==, "");

  g_assert_false (gloss_project_set_memo (f->project, "planet", 1, "x", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) exact = NULL;
  g_autoptr(GPtrArray) across = NULL;
  g_autoptr(GPtrArray) all_docs = NULL;
  gint64 added;

  hits = gloss_project_search (f->project, f->doc, "partnership", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpint (((GlossSearchHit *) hits->pdata[0])->start, ==, 4);
  g_assert_cmpint (((GlossSearchHit *) hits->pdata[0])->end, ==, 15);
  g_assert_cmpint (((GlossSearchHit *) hits->pdata[1])->start, ==, 63);
  g_assert_cmpuint (((GlossSearchHit *) hits->pdata[0])->page, ==, 0);

  exact = gloss_project_search (f->project, f->doc, "Partnership", TRUE, &error);
  g_assert_cmpuint (exact->len, ==, 1);

  /* A space in the phrase matches the line break in the text. */
  across = gloss_project_search (f->project, 0, "partnership with", FALSE, &error);
  g_assert_cmpuint (across->len, ==, 1);
  g_assert_cmpint (((GlossSearchHit *) across->pdata[0])->start, ==, 63);
  g_assert_cmpint (((GlossSearchHit *) across->pdata[0])->end, ==, 79);

  g_assert_null (gloss_project_search (f->project, f->doc, "  ", FALSE, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  gloss_project_import_text (f->project, "b.txt", "More partnership here.", -1, &error);
  all_docs = gloss_project_search (f->project, 0, "partnership", FALSE, &error);
  g_assert_cmpuint (all_docs->len, ==, 4);

  /* Auto-code: every hit once, in one undoable step */
  added = gloss_project_code_hits (f->project, all_docs, f->amina, f->partnership, &error);
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 4);
  g_assert_cmpint (gloss_project_code_hits (f->project, all_docs, f->amina, f->partnership, &error), ==, 0);
  g_assert_cmpint (gloss_project_count_codings (f->project, NULL, NULL), ==, 4);
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_cmpint (gloss_project_count_codings (f->project, NULL, NULL), ==, 0);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  GlossCoding *c;
  const char *good =
    "{\"coders\": [{\"name\": \"Sara\", \"color\": \"#1c71d8\"}],"
    " \"codes\": [{\"path\": \"Participation/Refugee-led\", \"color\": \"#2ec27e\", \"description\": \"By refugees\"}],"
    " \"codings\": ["
    "   {\"document\": \"forum.txt\", \"coder\": \"Sara\", \"code\": \"Participation/Refugee-led\", \"start\": 0, \"end\": 3},"
    "   {\"document\": 1, \"coder\": \"New coder\", \"code\": \"New/Code\", \"match\": \"Partnership\", \"occurrence\": 1, \"memo\": \"m\"}"
    " ]}";
  const char *bad_place =
    "{\"codings\": ["
    "   {\"document\": \"forum.txt\", \"coder\": \"Amina\", \"code\": \"Partnership\", \"start\": 0, \"end\": 3},"
    "   {\"document\": \"forum.txt\", \"coder\": \"Amina\", \"code\": \"Partnership\", \"start\": 5, \"end\": 5000}"
    " ]}";

  gloss_project_load_json (f->project, good, -1, &error);
  g_assert_no_error (error);
  codings = gloss_project_list_codings (f->project, NULL, &error);
  g_assert_cmpuint (codings->len, ==, 2);
  c = codings->pdata[1];
  g_assert_cmpstr (c->quote, ==, "Partnership");
  g_assert_cmpstr (c->memo, ==, "m");
  g_assert_cmpint (gloss_project_find_coder (f->project, "New coder", NULL), >, 0);
  g_assert_cmpint (gloss_project_find_code (f->project, "New/Code", NULL), >, 0);

  /* All or nothing, and the error says where. */
  g_assert_false (gloss_project_load_json (f->project, bad_place, -1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "codings[1]"));
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_count_codings (f->project, NULL, NULL), ==, 2);

  g_assert_false (gloss_project_load_json (f->project, "{\"codings\": [", -1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_project_load_json (f->project, "[1, 2]", -1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_project_load_json (f->project, "{\"coders\": {\"name\": 1}}", -1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_project_load_json (f->project, "{\"coders\": [{\"name\": 7}]}", -1, &error));
  g_assert_nonnull (strstr (error->message, "coders[0]"));
  g_clear_error (&error);
  g_assert_false (gloss_project_load_json (f->project,
                                           "{\"codings\": [{\"document\": \"forum.txt\", \"coder\": \"Amina\", "
                                           "\"code\": \"Partnership\", \"match\": \"nowhere to be found\"}]}", -1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_count_codings (f->project, NULL, NULL), ==, 2);
}

/* A load quotes every coding, with its context, exactly as adding it on
 * its own does, on text with multi-byte characters and at both ends. */
static void
test_load_quotes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) single = NULL;
  g_autoptr(GString) json = g_string_new ("{\"codings\": [");
  const char *utf8 = "Écoute: «partenariat» — ça compte, Żółć, 日本語の文, and ASCII at the end.";
  const gint64 ranges[][2] = { { 0, 3 }, { 2, 40 }, { 8, 21 }, { 30, 35 }, { 40, 60 }, { 50, 69 } };
  gint64 other;

  other = gloss_project_import_text (f->project, "utf8.txt", utf8, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (utf8, -1), ==, 69);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      /* Amina's through load, Jonas's one by one: both documents at once. */
      g_string_append_printf (json, "%s{\"document\": %" G_GINT64_FORMAT ", \"coder\": \"Amina\", "
                              "\"code\": \"Partnership\", \"start\": %" G_GINT64_FORMAT ", \"end\": %" G_GINT64_FORMAT "}",
                              i > 0 ? "," : "", i % 2 ? f->doc : other, ranges[i][0], ranges[i][1]);
      g_assert_cmpint (gloss_project_add_coding (f->project, i % 2 ? f->doc : other, f->jonas, f->partnership,
                                                 ranges[i][0], ranges[i][1], NULL, &error), >, 0);
    }
  g_string_append (json, "]}");
  g_assert_true (gloss_project_load_json (f->project, json->str, -1, &error));
  g_assert_no_error (error);

  loaded = gloss_project_list_codings (f->project, &(GlossCodingFilter) { .coder_id = f->amina }, &error);
  single = gloss_project_list_codings (f->project, &(GlossCodingFilter) { .coder_id = f->jonas }, &error);
  g_assert_cmpuint (loaded->len, ==, G_N_ELEMENTS (ranges));
  g_assert_cmpuint (single->len, ==, loaded->len);
  for (guint i = 0; i < loaded->len; i++)
    {
      GlossCoding *x = loaded->pdata[i], *y = single->pdata[i];

      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpstr (x->quote, ==, y->quote);
      g_assert_cmpstr (x->prefix, ==, y->prefix);
      g_assert_cmpstr (x->suffix, ==, y->suffix);
      g_assert_cmpint (g_utf8_strlen (x->quote, -1), ==, x->end - x->start);
    }
}

/* Listings read only the columns asked for; counts per code in one query. */
static void
test_columns_and_counts (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GHashTable) amina = NULL;
  g_autoptr(GHashTable) everyone = NULL;
  GlossCodingFilter filter = { .document_id = f->doc };

  gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 30, 40, "a memo", &error);
  gloss_project_add_coding (f->project, f->doc, f->amina, f->independence, 4, 15, NULL, &error);
  gloss_project_add_coding (f->project, f->doc, f->jonas, f->independence, 4, 16, NULL, &error);
  g_assert_no_error (error);

  spans = gloss_project_list_coding_columns (f->project, &filter, GLOSS_CODING_COLUMNS_SPAN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_cmpint (((GlossCoding *) spans->pdata[0])->end, ==, 15);
  g_assert_cmpint (((GlossCoding *) spans->pdata[1])->end, ==, 16);
  g_assert_cmpint (((GlossCoding *) spans->pdata[2])->code_id, ==, f->partnership);
  g_assert_null (((GlossCoding *) spans->pdata[2])->quote);
  g_assert_null (((GlossCoding *) spans->pdata[2])->memo);
  g_assert_cmpint (((GlossCoding *) spans->pdata[2])->created, ==, 0);

  filter.coder_id = f->amina;
  quotes = gloss_project_list_coding_columns (f->project, &filter,
                                              GLOSS_CODING_COLUMNS_QUOTE | GLOSS_CODING_COLUMNS_MEMO, &error);
  g_assert_cmpuint (quotes->len, ==, 2);
  g_assert_cmpstr (((GlossCoding *) quotes->pdata[1])->quote, ==, " states to");
  g_assert_cmpstr (((GlossCoding *) quotes->pdata[1])->memo, ==, "a memo");
  g_assert_null (((GlossCoding *) quotes->pdata[1])->guid);

  amina = gloss_project_count_codings_by_code (f->project, &filter, &error);
  everyone = gloss_project_count_codings_by_code (f->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (amina, &f->independence), ==, 1);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (everyone, &f->independence), ==, 2);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (everyone, &f->partnership), ==, 1);

  /* A removed document's codings are neither listed nor counted. */
  g_assert_true (gloss_project_remove_document (f->project, f->doc, &error));
  g_clear_pointer (&everyone, g_hash_table_unref);
  everyone = gloss_project_count_codings_by_code (f->project, NULL, &error);
  g_assert_cmpuint (g_hash_table_size (everyone), ==, 0);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = gloss_project_list_coding_columns (f->project, NULL, GLOSS_CODING_COLUMNS_SPAN, &error);
  g_assert_cmpuint (spans->len, ==, 0);
}

/* Counts per code in one query agree with counting the listed codings,
 * per coder and for all, and leave out removed documents. */
static void
test_count_by_code (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GHashTable) amina = NULL;
  g_autoptr(GHashTable) after = NULL;
  GlossCodingFilter by_amina = { .coder_id = f->amina };
  GlossCodingFilter amina_partnership = { .coder_id = f->amina, .code_id = f->partnership };
  gint64 other = gloss_project_import_text (f->project, "other.txt", "Partnership again.", -1, &error);

  gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 4, 25, NULL, &error);
  gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 30, 40, NULL, &error);
  gloss_project_add_coding (f->project, f->doc, f->jonas, f->partnership, 4, 25, NULL, &error);
  gloss_project_add_coding (f->project, f->doc, f->jonas, f->independence, 50, 60, NULL, &error);
  gloss_project_add_coding (f->project, other, f->amina, f->independence, 0, 11, NULL, &error);
  g_assert_no_error (error);

  all = gloss_project_count_codings_by_code (f->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 2);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (all, &f->partnership), ==, 3);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (all, &f->independence), ==, 2);

  amina = gloss_project_count_codings_by_code (f->project, &by_amina, &error);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (amina, &f->partnership), ==, 2);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (amina, &f->independence), ==, 1);

  g_assert_true (gloss_project_remove_document (f->project, other, &error));
  after = gloss_project_count_codings_by_code (f->project, &by_amina, &error);
  g_assert_no_error (error);
  g_assert_null (g_hash_table_lookup (after, &f->independence));
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (after, &f->partnership), ==,
                   gloss_project_count_codings (f->project, &amina_partnership, NULL));
}

/* The codings of a load get GUIDs that follow each other (version 7:
 * the time first, then a counter), so that they go into the GUID index
 * one after the other; GUIDs of two loads differ. */
static void
test_load_guids (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *coders[] = { "Amina", "Jonas" };

  for (guint load = 0; load < G_N_ELEMENTS (coders); load++)
    {
      g_autoptr(GString) json = g_string_new ("{\"codings\": [");
      g_autoptr(GPtrArray) codings = NULL;
      GlossCodingFilter filter = { .coder_id = gloss_project_find_coder (f->project, coders[load], NULL) };
      const char *previous = NULL;

      for (guint i = 0; i < 40; i++)
        g_string_append_printf (json, "%s{\"document\": \"forum.txt\", \"coder\": \"%s\", \"code\": \"Partnership\", "
                                "\"start\": %u, \"end\": %u}", i > 0 ? "," : "", coders[load], i, i + 4);
      g_string_append (json, "]}");
      g_assert_true (gloss_project_load_json (f->project, json->str, -1, &error));
      g_assert_no_error (error);

      /* listed by start, which is the order they were loaded in */
      codings = gloss_project_list_codings (f->project, &filter, &error);
      g_assert_cmpuint (codings->len, ==, 40);
      for (guint i = 0; i < codings->len; i++)
        {
          const char *guid = ((GlossCoding *) codings->pdata[i])->guid;

          g_assert_true (g_uuid_string_is_valid (guid));
          g_assert_cmpint (guid[14], ==, '7');
          g_assert_nonnull (strchr ("89ab", guid[19]));
          g_assert_true (g_hash_table_add (seen, g_strdup (guid)));
          if (previous != NULL)
            g_assert_cmpint (strcmp (previous, guid), <, 0);
          previous = guid;
        }
    }
}

/* The one-pass reading of a load file: texts unescaped, numbers whole,
 * members it does not read skipped; a file of any other shape is left to
 * the full parser. */
static void
test_load_scan (Fixture       *f,
                gconstpointer  data)
{
  const char *plain =
    "{ \"coders\": [{\"name\": \"Sara\"}],\n"
    "  \"codings\": [ {\"document\": 3, \"coder\": \"A\\\"b\\\\\\/\", \"code\": \"Caf\\u00e9 \\ud83d\\ude00\","
    " \"start\": 0, \"end\": 12, \"memo\": \"line\\nnext\\ttab\", \"extra\": {\"deep\": [1, -2.5e3, true, null, {}]}},\n"
    "  {\"document\": \"t.txt\", \"coder\": \"Z\", \"code\": \"K\", \"match\": \"x\", \"occurrence\": null, \"memo\": null},"
    "  {\"document\": null, \"coder\": \"Z\", \"code\": \"K\", \"start\": -9223372036854775808, \"end\": 9223372036854775807} ],\n"
    "  \"codes\": [] }\n";
  static const char * const others[] = {
    "{\"codings\": [{\"start\": 1.0}]}",
    "{\"codings\": [{\"start\": 1e2}]}",
    "{\"codings\": [{\"start\": 01}]}",
    "{\"codings\": [{\"start\": 9223372036854775808}]}",
    "{\"codings\": [{\"start\": \"1\"}]}",
    "{\"codings\": [{\"coder\": 5}]}",
    "{\"codings\": [{\"coder\": true}]}",
    "{\"codings\": [{\"coder\": [\"a\"]}]}",
    "{\"codings\": [{\"coder\": \"a\", \"coder\": \"b\"}]}",
    "{\"codings\": [1]}",
    "{\"codings\": null}",
    "{\"codings\": [], \"codings\": []}",
    "{\"codings\": []} x",
    "{\"codings\": [{\"coder\": \"a\\u0000b\"}]}",
    "{\"codings\": [{\"coder\": \"a\\udc00\"}]}",
    "{\"codings\": [{\"coder\": \"a\\ud800\"}]}",
    "{\"codings\": [{\"coder\": \"a\\x\"}]}",
    "{\"codings\": [{\"coder\": \"a\tb\"}]}",
    "{\"codings\": [{\"coder\": \"\xff\"}]}",
    "{\"codings\": [{\"coder\": \"a\",}]}",
    "{\"codings\": [{\"coder\": \"a\"}],}",
    "{\"coders\": [01], \"codings\": []}",
    "[{\"codings\": []}]",
    "",
  };
  GlossLoadScan scan;
  const GlossLoadCoding *c;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *rest;

  g_assert_true (_gloss_load_scan (plain, strlen (plain), &scan));
  g_assert_true (scan.has_codings);
  g_assert_cmpuint (scan.codings->len, ==, 3);
  c = &g_array_index (scan.codings, GlossLoadCoding, 0);
  g_assert_cmpint (c->document_kind, ==, GLOSS_LOAD_DOCUMENT_ID);
  g_assert_cmpint (c->document_id, ==, 3);
  g_assert_cmpstr (c->coder, ==, "A\"b\\/");
  g_assert_cmpstr (c->code, ==, "Café 😀");
  g_assert_cmpstr (c->memo, ==, "line\nnext\ttab");
  g_assert_true (c->has_start && c->has_end && !c->has_occurrence);
  g_assert_cmpint (c->end, ==, 12);
  g_assert_cmpint (c->occurrence, ==, 1);
  g_assert_false (c->bad_text || c->bad_number);
  c = &g_array_index (scan.codings, GlossLoadCoding, 1);
  g_assert_cmpint (c->document_kind, ==, GLOSS_LOAD_DOCUMENT_TITLE);
  g_assert_cmpstr (c->document_title, ==, "t.txt");
  g_assert_cmpstr (c->match, ==, "x");
  g_assert_null (c->memo);
  g_assert_false (c->has_start || c->has_occurrence);
  g_assert_cmpint (c->occurrence, ==, 1);
  c = &g_array_index (scan.codings, GlossLoadCoding, 2);
  g_assert_cmpint (c->document_kind, ==, GLOSS_LOAD_DOCUMENT_NONE);
  g_assert_cmpint (c->start, ==, G_MININT64);
  g_assert_cmpint (c->end, ==, G_MAXINT64);

  /* the rest of the file, as JSON, without the codings */
  g_assert_true (json_parser_load_from_data (parser, scan.rest, -1, NULL));
  rest = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (rest, "coders"));
  g_assert_true (json_object_has_member (rest, "codes"));
  g_assert_false (json_object_has_member (rest, "codings"));
  _gloss_load_scan_clear (&scan);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_test_message ("%s", others[i]);
      g_assert_false (_gloss_load_scan (others[i], strlen (others[i]), &scan));
      g_assert_null (scan.codings);
    }
}

/* A load file means the same whichever parser reads it: a wrong member is
 * named, escapes are undone, members the load does not read are skipped. */
static void
test_load_shapes (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { const char *json, *message; } refused[] = {
    { "{\"codings\": [{\"document\": 1, \"coder\": \"A\", \"code\": \"C\", \"start\": 1.0, \"end\": 3}]}", "whole numbers" },
    { "{\"codings\": [{\"document\": 1, \"coder\": 5, \"code\": \"C\", \"start\": 1, \"end\": 3}]}", "\"coder\"" },
    { "{\"codings\": [{\"document\": true, \"coder\": \"A\", \"code\": \"C\", \"start\": 1, \"end\": 3}]}", "\"document\"" },
    { "{\"codings\": [{\"document\": null, \"coder\": \"A\", \"code\": \"C\", \"start\": 1, \"end\": 3}]}", "\"document\"" },
    { "{\"codings\": [{\"document\": 1, \"coder\": \"A\", \"code\": \"C\", \"start\": 1}]}", "\"start\" and \"end\"" },
    { "{\"codings\": [{\"document\": 1, \"coder\": \"A\", \"code\": \"C\", \"start\": 1, \"end\": 3}, 7]}", "codings[1]" },
    { "{\"codings\": null}", "list" },
    { "{\"codings\": []} x", "JSON" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  GlossCoding *c;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i].json);
      g_assert_false (gloss_project_load_json (f->project, refused[i].json, -1, &error));
      g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, refused[i].message));
      g_clear_error (&error);
    }
  g_assert_cmpint (gloss_project_count_codings (f->project, NULL, NULL), ==, 0);

  g_assert_true (gloss_project_load_json (f->project,
                                          "{\"codings\": [{\"document\": \"forum.txt\", \"coder\": \"Sa\\u0159a\", "
                                          "\"code\": \"A\\/B\", \"start\": 0, \"end\": 3, \"memo\": \"\\\"q\\\"\\n\\u00e9\", "
                                          "\"note\": [{\"x\": 1}]}], \"codes\": [{\"path\": \"A/B\", \"color\": \"#2ec27e\"}]}",
                                          -1, &error));
  g_assert_no_error (error);
  codings = gloss_project_list_codings (f->project, NULL, &error);
  g_assert_cmpuint (codings->len, ==, 1);
  c = codings->pdata[0];
  g_assert_cmpstr (c->memo, ==, "\"q\"\né");
  g_assert_cmpint (c->coder_id, ==, gloss_project_find_coder (f->project, "Sařa", NULL));
  g_assert_cmpint (c->code_id, ==, gloss_project_find_code (f->project, "A/B", NULL));
}

/* Removing a coder: their codings go with them in one step, undo brings
 * every one back as it was, another coder's stay untouched. */
static char *
describe_codings (Fixture *f,
                  gint64   coder_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings =
    gloss_project_list_codings (f->project, &(GlossCodingFilter) { .coder_id = coder_id }, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < codings->len; i++)
    {
      const GlossCoding *coding = g_ptr_array_index (codings, i);

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT " %s %s\n",
                              coding->guid, coding->code_id, coding->start, coding->end,
                              coding->quote, coding->memo ? coding->memo : "-");
    }
  return g_string_free (out, FALSE);
}

static void
test_remove_coder (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCoder) amina = NULL;
  g_autoptr(GlossCoder) back = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autofree char *amina_before = NULL;
  g_autofree char *jonas_before = NULL;
  g_autofree char *amina_after = NULL;
  g_autofree char *jonas_after = NULL;
  g_autofree char *amina_undone = NULL;
  g_autofree char *jonas_undone = NULL;
  g_autofree char *label = NULL;
  GlossCodingFilter every = { 0 };

  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->amina, f->partnership, 4, 25, "central", &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->amina, f->independence, 40, 62, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->jonas, f->partnership, 4, 25, "same", &error), >, 0);
  g_assert_true (gloss_project_set_memo (f->project, "coder", f->amina, "lead coder", &error));
  g_assert_no_error (error);
  amina = gloss_project_get_coder (f->project, f->amina, &error);
  g_assert_no_error (error);
  amina_before = describe_codings (f, f->amina);
  jonas_before = describe_codings (f, f->jonas);
  g_assert_cmpint (gloss_project_count_codings (f->project, &every, NULL), ==, 3);

  /* An unknown coder: refused, nothing changed. */
  g_assert_false (gloss_project_remove_coder (f->project, f->jonas + 100, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_count_codings (f->project, &every, NULL), ==, 3);

  g_assert_true (gloss_project_remove_coder (f->project, f->amina, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_project_get_coder (f->project, f->amina, NULL));
  coders = gloss_project_list_coders (f->project, &error);
  g_assert_cmpuint (coders->len, ==, 1);
  g_assert_cmpint (((GlossCoder *) coders->pdata[0])->id, ==, f->jonas);
  amina_after = describe_codings (f, f->amina);
  jonas_after = describe_codings (f, f->jonas);
  g_assert_cmpstr (amina_after, ==, "");
  g_assert_cmpstr (jonas_after, ==, jonas_before);
  g_assert_cmpint (gloss_project_count_codings (f->project, &every, NULL), ==, 1);

  /* One step, named after the coder. */
  label = gloss_project_dup_undo_label (f->project);
  g_assert_cmpstr (label, ==, "Remove coder “Amina”");
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_no_error (error);
  back = gloss_project_get_coder (f->project, f->amina, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->guid, ==, amina->guid);
  g_assert_cmpstr (back->name, ==, "Amina");
  g_assert_cmpint (back->n_codings, ==, 2);
  {
    g_autofree char *memo = gloss_project_get_memo (f->project, "coder", f->amina, NULL);
    g_assert_cmpstr (memo, ==, "lead coder");
  }
  amina_undone = describe_codings (f, f->amina);
  jonas_undone = describe_codings (f, f->jonas);
  g_assert_cmpstr (amina_undone, ==, amina_before);
  g_assert_cmpstr (jonas_undone, ==, jonas_before);

  g_assert_true (gloss_project_redo (f->project, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_project_get_coder (f->project, f->amina, NULL));
  g_assert_cmpint (gloss_project_count_codings (f->project, &every, NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/codings/create", test_create);
  ADD ("/codings/refuse", test_refuse);
  ADD ("/codings/change", test_change);
  ADD ("/codings/queries", test_queries);
  ADD ("/codings/memos", test_memos);
  ADD ("/codings/search", test_search);
  ADD ("/codings/load", test_load);
  ADD ("/codings/load-quotes", test_load_quotes);
  ADD ("/codings/load-guids", test_load_guids);
  ADD ("/codings/load-scan", test_load_scan);
  ADD ("/codings/load-shapes", test_load_shapes);
  ADD ("/codings/columns-and-counts", test_columns_and_counts);
  ADD ("/codings/count-by-code", test_count_by_code);
  ADD ("/codings/remove-coder", test_remove_coder);
#undef ADD

  return g_test_run ();
}
