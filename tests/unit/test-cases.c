/* test-cases.c: attributes, cases, sets, conditions, queries, crosstabs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo.h>
#include <poppler.h>
#include <sqlite3.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "gloss-test-util.h"

typedef struct
{
  char         *path;
  GlossProject *project;
  gint64        docs[4];
  gint64        amina;
  gint64        jonas;
  gint64        partnership;
  gint64        funding;
  gint64        independence;
  gint64        type;        /* category: refugee-led, legal aid, academic */
  gint64        year;        /* number */
  gint64        submitted;   /* date */
  gint64        online;      /* yes/no */
  gint64        region;      /* text */
} Fixture;

static const char * const types[] = { "refugee-led", "legal aid network", "academic", NULL };

static void
set_value (Fixture    *f,
           gint64      attribute,
           int         doc,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_project_set_attribute_value (f->project, attribute, f->docs[doc], value, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const titles[] = { "a.txt", "b.txt", "c.txt", "d.txt" };

  f->project = gloss_test_new_project (&f->path);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *text = g_strdup_printf ("Document %d: partnership, funding and independence in one text of some length.", i);
      f->docs[i] = gloss_project_import_text (f->project, titles[i], text, -1, &error);
      g_assert_no_error (error);
    }
  f->amina = gloss_project_add_coder (f->project, "Amina", NULL, &error);
  f->jonas = gloss_project_add_coder (f->project, "Jonas", NULL, &error);
  f->partnership = gloss_project_add_code (f->project, 0, "Partnership", NULL, NULL, &error);
  f->funding = gloss_project_add_code (f->project, f->partnership, "Funding", NULL, NULL, &error);
  f->independence = gloss_project_add_code (f->project, 0, "Independence", NULL, NULL, &error);
  f->type = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "type of actor",
                                         GLOSS_ATTRIBUTE_CATEGORY, types, &error);
  f->year = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year",
                                         GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  f->submitted = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "submitted",
                                              GLOSS_ATTRIBUTE_DATE, NULL, &error);
  f->online = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "online",
                                           GLOSS_ATTRIBUTE_BOOLEAN, NULL, &error);
  f->region = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "region",
                                           GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  g_assert_no_error (error);

  set_value (f, f->type, 0, "Refugee-led");
  set_value (f, f->type, 1, "legal aid network");
  set_value (f, f->type, 2, "academic");
  set_value (f, f->year, 0, "2021");
  set_value (f, f->year, 1, "9");
  set_value (f, f->year, 2, "10.5");
  set_value (f, f->submitted, 0, "2021-03-04");
  set_value (f, f->submitted, 1, "2019-12-31T10:00:00Z");
  set_value (f, f->online, 0, "yes");
  set_value (f, f->online, 1, "No");
  set_value (f, f->region, 0, "East Africa");
  set_value (f, f->region, 1, "Europe");
  set_value (f, f->region, 3, "east africa");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->project);
  g_free (f->path);
}

static char *
value_of (Fixture *f,
          gint64   attribute,
          int      doc)
{
  g_autoptr(GError) error = NULL;
  char *value = gloss_project_get_attribute_value (f->project, attribute, f->docs[doc], &error);

  g_assert_no_error (error);
  return value;
}

/* Attributes */

static void
test_values_canonical (Fixture       *f,
                       gconstpointer  data)
{
  struct { gint64 attribute; int doc; const char *expected; } cases[] = {
    { f->type, 0, "refugee-led" },          /* spelt as in the list */
    { f->year, 1, "9" },
    { f->year, 2, "10.5" },
    { f->submitted, 1, "2019-12-31" },      /* the date of a date-time */
    { f->online, 0, "true" },
    { f->online, 1, "false" },
    { f->region, 0, "East Africa" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = value_of (f, cases[i].attribute, cases[i].doc);
      g_assert_cmpstr (value, ==, cases[i].expected);
    }

  /* Blank clears. */
  set_value (f, f->region, 0, "  ");
  g_assert_null (value_of (f, f->region, 0));
}

static void
test_values_refused (Fixture       *f,
                     gconstpointer  data)
{
  struct { gint64 attribute; const char *value; const char *message; } cases[] = {
    { f->year, "many", "year: “many” is not a number" },
    { f->year, "12abc", "year: “12abc” is not a number" },
    { f->year, "inf", "year: “inf” is not a number" },
    { f->submitted, "2021-02-30", "submitted: “2021-02-30” is not a date: use YYYY-MM-DD" },
    { f->submitted, "4 March", "submitted: “4 March” is not a date: use YYYY-MM-DD" },
    { f->online, "perhaps", "online: “perhaps” is not yes or no" },
    { f->type, "church", "type of actor: “church” is not one of the values: refugee-led, legal aid network, academic" },
  };
  g_autofree char *before = gloss_test_file_checksum (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gloss_project_set_attribute_value (f->project, cases[i].attribute, f->docs[3],
                                                         cases[i].value, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    g_assert_false (gloss_project_set_attribute_value (f->project, f->year, 999, "1", &error));
    g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
    after = gloss_test_file_checksum (f->path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_attribute_definitions (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GlossAttribute) type = NULL;
  static const char * const twice[] = { "a", "A", NULL };
  static const char * const none[] = { " ", NULL };
  gint64 role;

  /* Same name, any case, on the same target: refused; on coders: fine. */
  g_assert_cmpint (gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "Year",
                                                GLOSS_ATTRIBUTE_TEXT, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  role = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_CODER, "year", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (role, >, 0);
  g_assert_true (gloss_project_set_attribute_value (f->project, role, f->amina, "first", &error));
  g_assert_no_error (error);

  g_assert_cmpint (gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "kind",
                                                GLOSS_ATTRIBUTE_CATEGORY, twice, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "kind",
                                                GLOSS_ATTRIBUTE_CATEGORY, none, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, " ",
                                                GLOSS_ATTRIBUTE_TEXT, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  list = gloss_project_list_attributes (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  type = g_ptr_array_steal_index (list, 0);
  g_assert_cmpstr (type->name, ==, "type of actor");
  g_assert_cmpint (type->type, ==, GLOSS_ATTRIBUTE_CATEGORY);
  g_assert_cmpstrv (type->choices, types);
  g_assert_cmpint (type->n_values, ==, 3);

  g_assert_cmpint (gloss_project_find_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "TYPE OF ACTOR", &error), ==, f->type);
  g_assert_no_error (error);

  g_assert_true (gloss_project_rename_attribute (f->project, f->type, "actor", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_project_rename_attribute (f->project, f->type, "Region", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_true (gloss_project_delete_attribute (f->project, f->type, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_project_get_attribute (f->project, f->type, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo brings the attribute back with its values. */
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_no_error (error);
  {
    g_autofree char *value = value_of (f, f->type, 1);
    g_assert_cmpstr (value, ==, "legal aid network");
  }
}

static void
test_retype (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unconverted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossAttribute) region = NULL;
  g_autofree char *before = gloss_test_file_checksum (f->path);
  g_autofree char *after = NULL;
  static const char * const expected_choices[] = { "East Africa", "Europe", NULL };

  /* Text to number: nothing converts; the change is refused and named. */
  g_assert_false (gloss_project_retype_attribute (f->project, f->region, GLOSS_ATTRIBUTE_NUMBER, NULL,
                                                  FALSE, unconverted, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "3 values of “region” do not convert to number: a.txt: East Africa; b.txt: Europe; d.txt: east africa");
  g_assert_cmpuint (unconverted->len, ==, 3);
  g_clear_error (&error);
  after = gloss_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  /* Text to category without a list takes the values (one per any case). */
  g_assert_true (gloss_project_retype_attribute (f->project, f->region, GLOSS_ATTRIBUTE_CATEGORY, NULL,
                                                 FALSE, NULL, &error));
  g_assert_no_error (error);
  region = gloss_project_get_attribute (f->project, f->region, &error);
  g_assert_cmpstrv (region->choices, expected_choices);
  {
    g_autofree char *value = value_of (f, f->region, 3);
    g_assert_cmpstr (value, ==, "East Africa");
  }

  /* Number to yes/no: 9 and 10.5 do not convert; dropped when asked. */
  g_ptr_array_set_size (unconverted, 0);
  g_assert_true (gloss_project_retype_attribute (f->project, f->year, GLOSS_ATTRIBUTE_BOOLEAN, NULL,
                                                 TRUE, unconverted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (unconverted->len, ==, 3);
  g_assert_null (value_of (f, f->year, 1));

  /* Yes/no to number: 1 and 0. */
  g_assert_true (gloss_project_retype_attribute (f->project, f->online, GLOSS_ATTRIBUTE_NUMBER, NULL,
                                                 FALSE, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *yes = value_of (f, f->online, 0);
    g_autofree char *no = value_of (f, f->online, 1);
    g_assert_cmpstr (yes, ==, "1");
    g_assert_cmpstr (no, ==, "0");
  }

  /* Each retype is one step: undoing three restores the text values. */
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (gloss_project_undo (f->project, &error));
      g_assert_no_error (error);
    }
  {
    g_autofree char *value = value_of (f, f->region, 3);
    g_autofree char *year = value_of (f, f->year, 2);
    g_assert_cmpstr (value, ==, "east africa");
    g_assert_cmpstr (year, ==, "10.5");
  }
}

/* Undo and redo of every kind of change give back exact states. */

static char *
snapshot (const char *path)
{
  static const char * const queries[] = {
    "SELECT * FROM attribute ORDER BY id",
    "SELECT * FROM attribute_value ORDER BY id",
    "SELECT * FROM case_item ORDER BY id",
    "SELECT * FROM case_member ORDER BY id",
    "SELECT * FROM set_item ORDER BY id",
    "SELECT * FROM set_member ORDER BY id",
  };
  GString *str = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (str, "%s|", sqlite3_column_text (stmt, c));
          g_string_append_c (str, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (str, "--\n");
    }
  sqlite3_close (db);

  return g_string_free (str, FALSE);
}

typedef gboolean (*Change) (Fixture *f);

static gint64 the_case, the_set;

static gboolean ch_add_attribute (Fixture *f) { return gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_CASE, "age", GLOSS_ATTRIBUTE_NUMBER, NULL, NULL) > 0; }
static gboolean ch_set_value (Fixture *f) { return gloss_project_set_attribute_value (f->project, f->year, f->docs[3], "2000", NULL); }
static gboolean ch_change_value (Fixture *f) { return gloss_project_set_attribute_value (f->project, f->year, f->docs[0], "2022", NULL); }
static gboolean ch_clear_value (Fixture *f) { return gloss_project_set_attribute_value (f->project, f->year, f->docs[0], NULL, NULL); }
static gboolean ch_rename (Fixture *f) { return gloss_project_rename_attribute (f->project, f->year, "Jahr", NULL); }
static gboolean ch_retype (Fixture *f) { return gloss_project_retype_attribute (f->project, f->year, GLOSS_ATTRIBUTE_TEXT, NULL, FALSE, NULL, NULL); }
static gboolean ch_change (Fixture *f) { return gloss_project_change_attribute (f->project, f->year, "founded", GLOSS_ATTRIBUTE_TEXT, NULL, FALSE, NULL, NULL); }
static gboolean ch_describe_case (Fixture *f) { return gloss_project_set_case_description (f->project, the_case, "A network", NULL); }
static gboolean ch_delete (Fixture *f) { return gloss_project_delete_attribute (f->project, f->type, NULL); }
static gboolean ch_add_case (Fixture *f) { return gloss_project_add_case (f->project, "Org B", "x", NULL) > 0; }
static gboolean ch_rename_case (Fixture *f) { return gloss_project_rename_case (f->project, the_case, "Org Z", NULL); }
static gboolean ch_add_member (Fixture *f) { return gloss_project_add_case_member (f->project, the_case, f->docs[2], 3, 9, NULL) > 0; }
static gboolean ch_delete_case (Fixture *f) { return gloss_project_delete_case (f->project, the_case, NULL); }
static gboolean ch_add_set (Fixture *f) { return gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "recent", "year >= 2000", NULL) > 0; }
static gboolean ch_set_rule (Fixture *f) { return gloss_project_set_set_rule (f->project, the_set, "online = yes", NULL); }
static gboolean ch_add_members (Fixture *f) { gint64 ids[] = { f->docs[2], f->docs[3] }; return gloss_project_add_set_members (f->project, the_set, ids, 2, NULL); }
static gboolean ch_change_set (Fixture *f) { return gloss_project_change_set (f->project, the_set, "dated", "year > 1", NULL); }
static gboolean ch_delete_set (Fixture *f) { return gloss_project_delete_set (f->project, the_set, NULL); }

/* Rename and retype together: one step, nothing changed when either part
 * is refused, and nothing done when nothing differs. */
static void
test_change_attribute (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unconverted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossAttribute) year = NULL;
  g_autoptr(GlossAttribute) type = NULL;
  g_autofree char *before = gloss_test_file_checksum (f->path);
  g_autofree char *after = NULL;
  static const char * const fewer[] = { "refugee-led", " legal aid network ", "", NULL };
  static const char * const same[] = { "refugee-led", "legal aid network", "academic", NULL };

  /* Nothing differs: no step at all. */
  g_assert_true (gloss_project_change_attribute (f->project, f->type, " type of actor ", GLOSS_ATTRIBUTE_CATEGORY,
                                                 same, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* Values that do not convert refuse the whole change, the new name too. */
  g_assert_false (gloss_project_change_attribute (f->project, f->type, "actor", GLOSS_ATTRIBUTE_CATEGORY,
                                                  fewer, FALSE, unconverted, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "1 value of “type of actor” does not convert to category: c.txt: academic");
  g_assert_cmpuint (unconverted->len, ==, 1);
  g_clear_error (&error);
  /* A name taken refuses it too, after the type would have changed. */
  g_assert_false (gloss_project_change_attribute (f->project, f->year, "online", GLOSS_ATTRIBUTE_TEXT, NULL,
                                                  FALSE, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  after = gloss_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  /* Both at once, one undo step. */
  g_assert_true (gloss_project_change_attribute (f->project, f->year, "founded", GLOSS_ATTRIBUTE_TEXT, NULL,
                                                 FALSE, NULL, &error));
  g_assert_no_error (error);
  year = gloss_project_get_attribute (f->project, f->year, &error);
  g_assert_cmpstr (year->name, ==, "founded");
  g_assert_cmpint (year->type, ==, GLOSS_ATTRIBUTE_TEXT);
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&year, gloss_attribute_free);
  year = gloss_project_get_attribute (f->project, f->year, &error);
  g_assert_cmpstr (year->name, ==, "year");
  g_assert_cmpint (year->type, ==, GLOSS_ATTRIBUTE_NUMBER);

  /* Dropping what does not convert, when asked. */
  g_assert_true (gloss_project_change_attribute (f->project, f->type, "actor", GLOSS_ATTRIBUTE_CATEGORY,
                                                 fewer, TRUE, NULL, &error));
  g_assert_no_error (error);
  type = gloss_project_get_attribute (f->project, f->type, &error);
  g_assert_cmpstr (type->name, ==, "actor");
  g_assert_cmpuint (g_strv_length (type->choices), ==, 2);
  g_assert_null (value_of (f, f->type, 2));
}

/* A case's description: trimmed, cleared when blank, refused for a case
 * that is not there. */
static void
test_case_description (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCase) item = NULL;
  gint64 id = gloss_project_add_case (f->project, "Org A", NULL, &error);

  g_assert_no_error (error);
  g_assert_true (gloss_project_set_case_description (f->project, id, "  A refugee-led network \n", &error));
  g_assert_no_error (error);
  item = gloss_project_get_case (f->project, id, &error);
  g_assert_cmpstr (item->description, ==, "A refugee-led network");
  g_clear_pointer (&item, gloss_case_free);

  g_assert_true (gloss_project_set_case_description (f->project, id, " ", &error));
  item = gloss_project_get_case (f->project, id, &error);
  g_assert_cmpstr (item->description, ==, "");

  g_assert_false (gloss_project_set_case_description (f->project, id + 100, "x", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
}

static void
assert_sets_using (Fixture            *f,
                   gint64              attribute,
                   const char * const *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = gloss_project_list_sets_using_attribute (f->project, attribute, &error);

  g_assert_no_error (error);
  g_ptr_array_add (names, NULL);
  g_assert_cmpstrv ((const char * const *) names->pdata, expected);
}

/* The sets whose rules name an attribute: by name, not by a value that
 * spells it, and the case's attribute apart from the document's. */
static void
test_sets_using_attribute (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 size, doc_size;

  gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "legal aid",
                         "type of actor = legal aid network and (year < 10 or region ~ \"online\")", &error);
  gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "online", "ONLINE = yes", &error);
  gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "listed", NULL, &error);
  size = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_CASE, "size", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  doc_size = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "size", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "big", "case.size = big", &error);
  g_assert_no_error (error);

  assert_sets_using (f, f->type, (const char *[]) { "legal aid", NULL });
  assert_sets_using (f, f->year, (const char *[]) { "legal aid", NULL });
  assert_sets_using (f, f->region, (const char *[]) { "legal aid", NULL });
  assert_sets_using (f, f->online, (const char *[]) { "online", NULL });
  assert_sets_using (f, size, (const char *[]) { "big", NULL });
  assert_sets_using (f, doc_size, (const char *[]) { NULL });

  g_assert_null (gloss_project_list_sets_using_attribute (f->project, 9999, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
}

static guint n_members_of (Fixture *f,
                           gint64   set_id);

/* A set renamed and given a rule at once; refused as a whole. */
static void
test_change_set (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSet) set = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 one = f->docs[1];
  gint64 listed = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "chosen", NULL, &error);

  gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "taken", NULL, &error);
  g_assert_true (gloss_project_add_set_members (f->project, listed, &one, 1, &error));
  g_assert_no_error (error);
  before = gloss_test_file_checksum (f->path);

  g_assert_false (gloss_project_change_set (f->project, listed, "dated", "colour = red", &error));
  g_assert_cmpstr (error->message, ==, "No document attribute “colour” in the project");
  g_clear_error (&error);
  g_assert_false (gloss_project_change_set (f->project, listed, "taken", "year > 1", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (gloss_project_change_set (f->project, listed, " chosen ", "  ", &error));
  g_assert_no_error (error);
  after = gloss_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (gloss_project_change_set (f->project, listed, "dated", " year > 1 ", &error));
  g_assert_no_error (error);
  set = gloss_project_get_set (f->project, listed, &error);
  g_assert_cmpstr (set->name, ==, "dated");
  g_assert_cmpstr (set->rule, ==, "year > 1");
  g_assert_cmpuint (n_members_of (f, listed), ==, 3);

  /* Without the rule again: its listed members. */
  g_assert_true (gloss_project_change_set (f->project, listed, "dated", "", &error));
  g_assert_cmpuint (n_members_of (f, listed), ==, 1);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  struct { const char *label; Change change; } changes[] = {
    { "add attribute", ch_add_attribute }, { "set value", ch_set_value }, { "change value", ch_change_value },
    { "clear value", ch_clear_value }, { "rename attribute", ch_rename }, { "retype", ch_retype },
    { "rename and retype", ch_change }, { "describe case", ch_describe_case },
    { "delete attribute", ch_delete }, { "add case", ch_add_case }, { "rename case", ch_rename_case },
    { "add member", ch_add_member }, { "delete case", ch_delete_case }, { "add set", ch_add_set },
    { "set rule", ch_set_rule }, { "add set members", ch_add_members }, { "change set", ch_change_set }, { "delete set", ch_delete_set },
  };
  g_autoptr(GError) error = NULL;
  gint64 age;
  gint64 one = f->docs[0];

  the_case = gloss_project_add_case (f->project, "Org A", NULL, &error);
  age = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_CASE, "founded", GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  g_assert_true (gloss_project_set_attribute_value (f->project, age, the_case, "1999", &error));
  g_assert_cmpint (gloss_project_add_case_member (f->project, the_case, f->docs[0], -1, -1, &error), >, 0);
  the_set = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "chosen", NULL, &error);
  g_assert_true (gloss_project_add_set_members (f->project, the_set, &one, 1, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *before = snapshot (f->path);
      g_autofree char *after = NULL;

      g_test_message ("%s", changes[i].label);
      g_assert_true (changes[i].change (f));
      after = snapshot (f->path);
      g_assert_cmpstr (before, !=, after);

      for (int round = 0; round < 2; round++)
        {
          g_autofree char *undone = NULL;
          g_autofree char *redone = NULL;

          g_assert_true (gloss_project_undo (f->project, &error));
          g_assert_no_error (error);
          undone = snapshot (f->path);
          g_assert_cmpstr (undone, ==, before);
          g_assert_true (gloss_project_redo (f->project, &error));
          g_assert_no_error (error);
          redone = snapshot (f->path);
          g_assert_cmpstr (redone, ==, after);
        }

      /* Back to the start for the next change. */
      g_assert_true (gloss_project_undo (f->project, &error));
      g_assert_no_error (error);
    }
}

/* Cases */

static void
test_cases (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  gint64 org, member;

  org = gloss_project_add_case (f->project, "Refugee Voices", "an organisation", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_case (f->project, "refugee voices", NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);

  member = gloss_project_add_case_member (f->project, org, f->docs[0], -1, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (member, >, 0);
  g_assert_cmpint (gloss_project_add_case_member (f->project, org, f->docs[0], -1, -1, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_add_case_member (f->project, org, f->docs[1], 5, 12, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_case_member (f->project, org, f->docs[1], 5, 5000, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  members = gloss_project_list_case_members (f->project, org, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpint (((GlossCaseMember *) members->pdata[0])->start, ==, -1);
  g_assert_cmpint (((GlossCaseMember *) members->pdata[1])->start, ==, 5);
  g_assert_cmpint (((GlossCaseMember *) members->pdata[1])->end, ==, 12);

  cases = gloss_project_list_cases (f->project, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((GlossCase *) cases->pdata[0])->n_members, ==, 2);
  g_assert_cmpint (gloss_project_find_case (f->project, "REFUGEE VOICES", &error), ==, org);
  g_assert_no_error (error);

  g_assert_true (gloss_project_remove_case_member (f->project, member, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_delete_case (f->project, org, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_find_case (f->project, "Refugee Voices", &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
}

/* Conditions and sets */

static char *
matched (Fixture    *f,
         const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = gloss_project_match_documents (f->project, where, &error);
  GString *str = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    for (int d = 0; d < 4; d++)
      if (f->docs[d] == g_array_index (ids, gint64, i))
        g_string_append_c (str, 'a' + d);

  return g_string_free (str, FALSE);
}

static void
test_conditions (Fixture       *f,
                 gconstpointer  data)
{
  struct { const char *where; const char *expected; } cases[] = {
    { "type of actor = refugee-led", "a" },
    { "TYPE OF ACTOR = Legal Aid Network", "b" },
    { "type of actor != academic", "abd" },        /* empty values too */
    { "year > 9", "ac" },                            /* numbers as numbers: 10.5 > 9 */
    { "year >= 9 and year < 100", "bc" },
    { "year ≥ 2021", "a" },
    { "submitted < 2020-01-01", "b" },
    { "online = yes", "a" },
    { "online = false", "b" },
    { "region = east africa", "ad" },
    { "region ~ AFR", "ad" },
    { "region is empty", "c" },
    { "region is not empty", "abd" },
    { "not region is empty", "abd" },
    { "type of actor = academic or region = europe and year = 9", "bc" },   /* and binds tighter */
    { "(type of actor = academic or region = europe) and year = 9", "b" },
    { "\"type of actor\" = \"legal aid network\"", "b" },
    { "not (online = yes or online = no)", "cd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = matched (f, cases[i].where);
      g_test_message ("%s", cases[i].where);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_condition_errors (Fixture       *f,
                       gconstpointer  data)
{
  struct { const char *where; const char *message; } cases[] = {
    { "", "The condition is empty" },
    { "colour = red", "No document attribute “colour” in the project" },
    { "year = ", "A value is missing at the end of the condition" },
    { "year 2021", "No document attribute “year 2021” in the project" },   /* names may be several words */
    { "year", "A comparison (=, !=, <, <=, >, >=, ~) is missing at the end of the condition" },
    { "year = many", "year: “many” is not a number" },
    { "type of actor = church", "type of actor: “church” is not one of the values: refugee-led, legal aid network, academic" },
    { "(year = 1", "“)” is missing at the end of the condition" },
    { "region = \"Europe", "A quote is not closed" },
    { "region is full", "“empty” is missing at “full”" },
    { "year = 1 region = x", "year: “1 region” is not a number" },
    { "region = x year = 1", "“and” or “or” is missing at “=”" },
    { "year = 1)", "“and” or “or” is missing at “)”" },
    { "region ! x", "“!” stands only in “!=”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = gloss_project_match_documents (f->project, cases[i].where, &error);

      g_test_message ("%s", cases[i].where);
      g_assert_null (ids);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) ids = NULL;

    for (int i = 0; i < 10000; i++)
      g_string_append (deep, "not (");
    ids = gloss_project_match_documents (f->project, deep->str, &error);
    g_assert_null (ids);
    g_assert_nonnull (error);
  }
}

static void
test_sets (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  gint64 led, chosen, codes;
  gint64 ids[] = { 0, 0 };

  led = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "refugee-led",
                               "type of actor = refugee-led", &error);
  g_assert_no_error (error);
  members = gloss_project_get_set_members (f->project, led, &error);
  g_assert_cmpuint (members->len, ==, 1);
  g_clear_pointer (&members, g_array_unref);

  /* The rule stays current. */
  set_value (f, f->type, 3, "refugee-led");
  members = gloss_project_get_set_members (f->project, led, &error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpint (g_array_index (members, gint64, 1), ==, f->docs[3]);
  g_clear_pointer (&members, g_array_unref);

  /* A rule that does not read is refused; members of a rule set too. */
  g_assert_cmpint (gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "bad", "colour = red", &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ids[0] = f->docs[0];
  g_assert_false (gloss_project_add_set_members (f->project, led, ids, 1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "Refugee-Led", NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);

  chosen = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "chosen", NULL, &error);
  ids[0] = f->docs[2];
  ids[1] = f->docs[1];
  g_assert_true (gloss_project_add_set_members (f->project, chosen, ids, 2, &error));
  g_assert_true (gloss_project_add_set_members (f->project, chosen, ids, 1, &error));   /* again: no change */
  g_assert_no_error (error);
  members = gloss_project_get_set_members (f->project, chosen, &error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpint (g_array_index (members, gint64, 0), ==, f->docs[1]);
  g_clear_pointer (&members, g_array_unref);
  ids[0] = 999;
  g_assert_false (gloss_project_add_set_members (f->project, chosen, ids, 1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  codes = gloss_project_add_set (f->project, GLOSS_SET_CODES, "core codes", NULL, &error);
  ids[0] = f->funding;
  g_assert_true (gloss_project_add_set_members (f->project, codes, ids, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_set (f->project, GLOSS_SET_CODES, "ruled codes", "year = 1", &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  /* A removed document leaves every set. */
  g_assert_true (gloss_project_remove_document (f->project, f->docs[1], &error));
  members = gloss_project_get_set_members (f->project, chosen, &error);
  g_assert_cmpuint (members->len, ==, 1);

  sets = gloss_project_list_sets (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, 3);
  g_assert_cmpstr (((GlossSet *) sets->pdata[2])->name, ==, "refugee-led");
  g_assert_cmpint (((GlossSet *) sets->pdata[2])->n_members, ==, 2);
  g_assert_cmpstr (((GlossSet *) sets->pdata[2])->rule, ==, "type of actor = refugee-led");
}

static char *
rule_of (Fixture *f,
         gint64   set_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSet) set = gloss_project_get_set (f->project, set_id, &error);

  g_assert_no_error (error);
  return g_strdup (set->rule);
}

static guint
n_members_of (Fixture *f,
              gint64   set_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) members = gloss_project_get_set_members (f->project, set_id, &error);

  g_assert_no_error (error);
  return members->len;
}

/* Renaming an attribute rewrites the rules that name it, and only the
 * names: a value that reads like the old name stays, a document attribute
 * is not a case attribute of the same name; a new name that would not read
 * back as one name is quoted; undo brings the old rule back. */
static void
test_rename_attribute_in_rules (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rule = NULL;
  gint64 legal, sized, other, size, doc_size, org;

  legal = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "legal aid",
                                 "TYPE  of actor=legal aid network and (year < 10 or not region ~ \"type of actor\")",
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_members_of (f, legal), ==, 1);
  other = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "online", "online = yes", &error);
  g_assert_no_error (error);

  size = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_CASE, "size", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  doc_size = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "size", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  org = gloss_project_add_case (f->project, "Org A", NULL, &error);
  gloss_project_add_case_member (f->project, org, f->docs[2], -1, -1, &error);
  g_assert_true (gloss_project_set_attribute_value (f->project, size, org, "big", &error));
  set_value (f, doc_size, 0, "big");
  sized = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "big", "case.size = big or size = big", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_members_of (f, sized), ==, 2);

  g_assert_true (gloss_project_rename_attribute (f->project, f->type, "kind of organisation", &error));
  g_assert_no_error (error);
  rule = rule_of (f, legal);
  g_assert_cmpstr (rule, ==, "kind of organisation=legal aid network and (year < 10 or not region ~ \"type of actor\")");
  g_clear_pointer (&rule, g_free);
  g_assert_cmpuint (n_members_of (f, legal), ==, 1);

  g_assert_true (gloss_project_rename_attribute (f->project, f->year, "year or so", &error));
  g_assert_no_error (error);
  rule = rule_of (f, legal);
  g_assert_cmpstr (rule, ==, "kind of organisation=legal aid network and (\"year or so\" < 10 or not region ~ \"type of actor\")");
  g_clear_pointer (&rule, g_free);
  g_assert_cmpuint (n_members_of (f, legal), ==, 1);

  g_assert_true (gloss_project_rename_attribute (f->project, size, "head count", &error));
  g_assert_no_error (error);
  rule = rule_of (f, sized);
  g_assert_cmpstr (rule, ==, "case.head count = big or size = big");
  g_clear_pointer (&rule, g_free);
  g_assert_cmpuint (n_members_of (f, sized), ==, 2);

  g_assert_true (gloss_project_rename_attribute (f->project, doc_size, "not (x)", &error));
  g_assert_no_error (error);
  rule = rule_of (f, sized);
  g_assert_cmpstr (rule, ==, "case.head count = big or \"not (x)\" = big");
  g_clear_pointer (&rule, g_free);
  g_assert_cmpuint (n_members_of (f, sized), ==, 2);

  rule = rule_of (f, other);
  g_assert_cmpstr (rule, ==, "online = yes");
  g_clear_pointer (&rule, g_free);

  /* One step each: undo takes the name and the rule back together. */
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_no_error (error);
  rule = rule_of (f, legal);
  g_assert_cmpstr (rule, ==, "kind of organisation=legal aid network and (year < 10 or not region ~ \"type of actor\")");
  g_clear_pointer (&rule, g_free);
  rule = rule_of (f, sized);
  g_assert_cmpstr (rule, ==, "case.size = big or size = big");
  g_clear_pointer (&rule, g_free);
  g_assert_cmpuint (n_members_of (f, sized), ==, 2);
  g_assert_cmpuint (n_members_of (f, legal), ==, 1);
}

/* Pixels of exactly @rgb (0xRRGGBB) in a PNG. */
static guint
count_colour (cairo_surface_t *image,
              guint32          rgb)
{
  int width = cairo_image_surface_get_width (image), height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data = cairo_image_surface_get_data (image);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if ((*(const guint32 *) (data + y * stride + x * 4) & 0xffffff) == rgb)
        n++;
  return n;
}

/* The crosstab as a chart: a PNG at its size whose bars are as long as
 * their values say, an SVG, a PDF with the codes and values as text; a
 * file that cannot be written is an error and leaves nothing. */
static void
test_crosstab_chart (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCrosstab) ct = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-chart-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *svg_text = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *pdf_text = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(PopplerPage) page = NULL;
  GlossCrosstabOptions options = { 0 };
  cairo_surface_t *image;
  double width, height, legend = 12 * 12;
  guint blue, orange, purple;

  gloss_project_add_coding (f->project, f->docs[0], f->amina, f->funding, 10, 20, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[0], f->jonas, f->funding, 12, 20, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[0], f->amina, f->independence, 19, 30, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[1], f->amina, f->partnership, 1, 5, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[3], f->jonas, f->funding, 1, 5, NULL, &error);
  g_assert_no_error (error);
  options.columns = GLOSS_CROSSTAB_ATTRIBUTE;
  options.attribute_id = f->type;
  options.with_children = TRUE;
  ct = gloss_project_crosstab (f->project, &options, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_crosstab_write_chart (ct, GLOSS_CROSSTAB_CODINGS, GLOSS_CHART_PNG, png, &error));
  g_assert_no_error (error);
  gloss_crosstab_chart_size (ct, &width, &height);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (width));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (height));
  /* Codings by column: refugee-led 2 + 2 + 1, legal aid 1 + 0 + 0, academic
   * none, (empty) 1 + 1 + 0: the bars' areas in their colours say as much. */
  blue = count_colour (image, 0x3584e4) - legend;
  orange = count_colour (image, 0xe66100) - legend;
  purple = count_colour (image, 0x9141ac) - legend;
  g_assert_cmpuint (count_colour (image, 0x2ec27e), ==, legend);
  g_assert_cmpfloat (fabs ((double) blue / orange - 5.0), <, 0.25);
  g_assert_cmpfloat (fabs ((double) purple / orange - 2.0), <, 0.1);
  cairo_surface_destroy (image);

  g_assert_true (gloss_crosstab_write_chart (ct, GLOSS_CROSSTAB_PERCENT, GLOSS_CHART_SVG, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, &error));
  g_assert_nonnull (strstr (svg_text, "<svg"));

  g_assert_true (gloss_crosstab_write_chart (ct, GLOSS_CROSSTAB_DOCUMENTS, GLOSS_CHART_PDF, pdf, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (pdf, NULL, &error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  page = poppler_document_get_page (document, 0);
  pdf_text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (pdf_text, "Partnership/Funding"));
  g_assert_nonnull (strstr (pdf_text, "legal aid network"));
  g_assert_nonnull (strstr (pdf_text, "Documents with a coding of the code"));

  g_assert_false (gloss_crosstab_write_chart (ct, GLOSS_CROSSTAB_CODINGS, GLOSS_CHART_PNG, bad, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_remove (png);
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
}

/* Queries: compared with a brute-force reading of the same codings. */

typedef struct
{
  gint64 id, doc, coder, code, start, end;
} Plain;

static gboolean
plain_relates (const GlossQuery *q,
               const Plain      *a,
               const Plain      *b)
{
  if (a->id == b->id || a->doc != b->doc)
    return FALSE;

  switch (q->relation)
    {
    case GLOSS_QUERY_OVERLAPS:
      return b->start < a->end && a->start < b->end;
    case GLOSS_QUERY_WITHIN:
      return b->start >= a->start && b->end <= a->end;
    case GLOSS_QUERY_NEAR:
      return b->start <= a->end + q->distance && b->end >= a->start - q->distance;
    case GLOSS_QUERY_SAME_DOCUMENT:
    default:
      return TRUE;
    }
}

/* Parents of the fixture's codes, read once: the brute force asks often. */
static GHashTable *parents;

static gboolean
in_family (GlossProject *project,
           gint64        code,
           gint64        top,
           gboolean      children)
{
  if (parents == NULL)
    {
      g_autoptr(GPtrArray) codes = gloss_project_list_codes (project, NULL);
      parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      for (guint i = 0; i < codes->len; i++)
        {
          GlossCode *c = g_ptr_array_index (codes, i);
          g_hash_table_insert (parents, g_memdup2 (&c->id, sizeof (gint64)), g_memdup2 (&c->parent_id, sizeof (gint64)));
        }
    }

  while (code != 0)
    {
      if (code == top)
        return TRUE;
      if (!children)
        return FALSE;
      code = *(gint64 *) g_hash_table_lookup (parents, &code);
    }
  return FALSE;
}

static GArray *
brute_force (GlossProject     *project,
             const GlossQuery *q,
             GPtrArray        *all,
             GArray           *docs)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < all->len; i++)
    {
      const Plain *a = g_ptr_array_index (all, i);
      gboolean a_in = in_family (project, a->code, q->code_a, q->a_children);
      gboolean b_in = q->op != GLOSS_QUERY_ONLY && in_family (project, a->code, q->code_b, q->b_children);
      gboolean in_scope = FALSE, related = FALSE;

      for (guint d = 0; d < docs->len; d++)
        in_scope |= g_array_index (docs, gint64, d) == a->doc;
      if (q->scope.coder_ids != NULL)
        {
          gboolean coder = FALSE;
          for (guint c = 0; c < q->scope.coder_ids->len; c++)
            coder |= g_array_index (q->scope.coder_ids, gint64, c) == a->coder;
          in_scope &= coder;
        }
      if (!in_scope)
        continue;

      if (q->op == GLOSS_QUERY_ONLY || q->op == GLOSS_QUERY_OR)
        {
          if (a_in || (q->op == GLOSS_QUERY_OR && b_in))
            g_array_append_val (hits, a->id);
          continue;
        }
      if (!a_in)
        continue;

      for (guint j = 0; j < all->len && !related; j++)
        {
          const Plain *b = g_ptr_array_index (all, j);
          gboolean b_scope = FALSE;

          if (!in_family (project, b->code, q->code_b, q->b_children))
            continue;
          b_scope = TRUE;
          if (q->scope.coder_ids != NULL)
            {
              b_scope = FALSE;
              for (guint c = 0; c < q->scope.coder_ids->len; c++)
                b_scope |= g_array_index (q->scope.coder_ids, gint64, c) == b->coder;
            }
          related = b_scope && plain_relates (q, a, b);
        }
      if (related == (q->op == GLOSS_QUERY_AND))
        g_array_append_val (hits, a->id);
    }

  return hits;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
test_query_random (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  gint64 codes[3] = { f->partnership, f->funding, f->independence };
  gint64 coders[2] = { f->amina, f->jonas };
  guint checked = 0;

  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One step: the file is written once, not 400 times. */
  g_assert_true (gloss_project_begin_step (f->project, "codings", &error));
  for (int i = 0; i < 400; i++)
    {
      Plain *p = g_new0 (Plain, 1);
      char *key;
      p->doc = f->docs[g_rand_int_range (rand, 0, 4)];
      p->coder = coders[g_rand_int_range (rand, 0, 2)];
      p->code = codes[g_rand_int_range (rand, 0, 3)];
      p->start = g_rand_int_range (rand, 0, 70);
      p->end = p->start + g_rand_int_range (rand, 1, 10);
      key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                             p->doc, p->coder, p->code, p->start, p->end);
      if (!g_hash_table_add (seen, key))
        {
          g_free (p);
          continue;
        }
      p->id = gloss_project_add_coding (f->project, p->doc, p->coder, p->code, p->start, p->end, NULL, NULL);
      if (p->id == 0)
        {
          g_free (p);
          continue;
        }
      g_ptr_array_add (all, p);
    }
  g_assert_true (gloss_project_end_step (f->project, &error));
  g_assert_no_error (error);

  for (int op = GLOSS_QUERY_ONLY; op <= GLOSS_QUERY_NOT; op++)
    for (int rel = GLOSS_QUERY_OVERLAPS; rel <= GLOSS_QUERY_SAME_DOCUMENT; rel++)
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
          for (int variant = 0; variant < 4; variant++)
            {
              g_autoptr(GlossQuery) q = gloss_query_new ();
              g_autoptr(GPtrArray) hits = NULL;
              g_autoptr(GArray) expected = NULL;
              g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_autoptr(GArray) docs = NULL;

              q->op = op;
              q->relation = rel;
              q->code_a = codes[a];
              q->code_b = codes[b];
              q->a_children = variant & 1;
              q->b_children = (variant & 2) != 0;
              q->distance = 3;
              if (variant == 1)
                q->scope.where = g_strdup ("region = east africa");
              if (variant == 2)
                {
                  q->scope.coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
                  g_array_append_val (q->scope.coder_ids, f->jonas);
                }

              docs = gloss_project_scope_documents (f->project, &q->scope, &error);
              g_assert_no_error (error);
              hits = gloss_project_run_query (f->project, q, &error);
              g_assert_no_error (error);
              for (guint i = 0; i < hits->len; i++)
                {
                  GlossCoding *c = g_ptr_array_index (hits, i);
                  if (i > 0)
                    {
                      GlossCoding *prev = g_ptr_array_index (hits, i - 1);
                      g_assert_true (prev->document_id < c->document_id ||
                                     (prev->document_id == c->document_id && prev->start <= c->start));
                    }
                  g_array_append_val (got, c->id);
                }
              g_array_sort (got, compare_ids);
              expected = brute_force (f->project, q, all, docs);
              g_array_sort (expected, compare_ids);
              g_assert_cmpuint (got->len, ==, expected->len);
              g_assert_cmpmem (got->data, got->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
              checked += got->len;
            }

  g_assert_cmpuint (checked, >, 1000);
  g_clear_pointer (&parents, g_hash_table_unref);
}

static void
test_query_known (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossQuery) q = gloss_query_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *sentence = NULL;
  gint64 fund, ind, led;

  fund = gloss_project_add_coding (f->project, f->docs[0], f->amina, f->funding, 10, 20, NULL, &error);
  ind = gloss_project_add_coding (f->project, f->docs[0], f->jonas, f->independence, 19, 30, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[1], f->amina, f->funding, 10, 20, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[1], f->amina, f->independence, 25, 30, NULL, &error);
  led = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "refugee-led", "type of actor = refugee-led", &error);
  g_assert_no_error (error);

  /* Funding overlapping Independence in refugee-led contributions. */
  q->code_a = f->funding;
  q->op = GLOSS_QUERY_AND;
  q->code_b = f->independence;
  q->relation = GLOSS_QUERY_OVERLAPS;
  q->scope.set_id = led;
  hits = gloss_project_run_query (f->project, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((GlossCoding *) hits->pdata[0])->id, ==, fund);
  g_assert_cmpstr (((GlossCoding *) hits->pdata[0])->quote, ==, ": partners");
  g_clear_pointer (&hits, g_ptr_array_unref);

  sentence = gloss_query_describe (f->project, q);
  g_assert_cmpstr (sentence, ==, "Codings of Partnership/Funding overlapping Independence in the set “refugee-led”");

  /* Without the set, near 5 finds the second document too. */
  q->scope.set_id = 0;
  q->relation = GLOSS_QUERY_NEAR;
  q->distance = 5;
  hits = gloss_project_run_query (f->project, q, &error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  q->distance = 4;
  hits = gloss_project_run_query (f->project, q, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Partnership with its children, not overlapping Independence. */
  q->code_a = f->partnership;
  q->a_children = TRUE;
  q->op = GLOSS_QUERY_NOT;
  q->relation = GLOSS_QUERY_OVERLAPS;
  hits = gloss_project_run_query (f->project, q, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((GlossCoding *) hits->pdata[0])->document_id, ==, f->docs[1]);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A missing code, a code set as scope: clear errors. */
  q->code_b = 999;
  g_assert_null (gloss_project_run_query (f->project, q, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  q->code_b = ind > 0 ? f->independence : 0;
  q->scope.set_id = gloss_project_add_set (f->project, GLOSS_SET_CODES, "codes", NULL, &error);
  g_assert_null (gloss_project_run_query (f->project, q, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
}

/* Crosstabs */

static void
test_crosstab (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCrosstab) ct = NULL;
  GlossCrosstabOptions options = { 0 };
  static const char * const cols[] = { "refugee-led", "legal aid network", "academic", "(empty)" };

  gloss_project_add_coding (f->project, f->docs[0], f->amina, f->funding, 10, 20, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[0], f->jonas, f->funding, 12, 20, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[0], f->amina, f->independence, 19, 30, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[1], f->amina, f->partnership, 1, 5, NULL, &error);
  gloss_project_add_coding (f->project, f->docs[3], f->jonas, f->funding, 1, 5, NULL, &error);
  g_assert_no_error (error);

  options.columns = GLOSS_CROSSTAB_ATTRIBUTE;
  options.attribute_id = f->type;
  options.with_children = TRUE;
  ct = gloss_project_crosstab (f->project, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_crosstab_n_cols (ct), ==, 4);
  for (guint c = 0; c < 4; c++)
    g_assert_cmpstr (g_ptr_array_index (ct->col_labels, c), ==, cols[c]);
  g_assert_cmpuint (gloss_crosstab_n_rows (ct), ==, 3);
  g_assert_cmpstr (g_ptr_array_index (ct->row_labels, 0), ==, "Partnership");
  g_assert_cmpstr (g_ptr_array_index (ct->row_labels, 1), ==, "Partnership/Funding");
  g_assert_cmpstr (g_ptr_array_index (ct->row_labels, 2), ==, "Independence");

  /* Partnership with its child: 2 + 1 codings in refugee-led, in 1 document of 1. */
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 0, 0), ==, 2);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_DOCUMENTS, 0, 0), ==, 1);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_PERCENT, 0, 0), ==, 100);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 0, 1), ==, 1);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 0, 3), ==, 1);
  g_assert_cmpint (ct->row_codings[0], ==, 4);
  g_assert_cmpint (ct->row_documents[0], ==, 3);
  g_assert_cmpint (ct->col_documents[3], ==, 1);
  g_assert_cmpint (ct->n_documents, ==, 4);
  g_clear_pointer (&ct, gloss_crosstab_free);

  /* By coder, without children, only Jonas. */
  options.with_children = FALSE;
  options.by_coder = TRUE;
  options.scope.coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (options.scope.coder_ids, f->jonas);
  ct = gloss_project_crosstab (f->project, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_crosstab_n_rows (ct), ==, 3);
  g_assert_cmpstr (g_ptr_array_index (ct->row_labels, 1), ==, "Partnership/Funding · Jonas");
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 1, 0), ==, 1);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 0, 0), ==, 0);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 1, 3), ==, 1);
  g_clear_pointer (&ct, gloss_crosstab_free);
  gloss_scope_clear (&options.scope);

  /* Code x set: a document in two sets counts in both. */
  {
    gint64 both[] = { f->docs[0], f->docs[3] };
    gint64 s = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "picked", NULL, &error);
    gloss_project_add_set_members (f->project, s, both, 2, &error);
    gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "east", "region = east africa", &error);
    g_assert_no_error (error);
  }
  options.columns = GLOSS_CROSSTAB_SETS;
  options.by_coder = FALSE;
  ct = gloss_project_crosstab (f->project, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_crosstab_n_cols (ct), ==, 2);
  g_assert_cmpstr (g_ptr_array_index (ct->col_labels, 0), ==, "east");
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 1, 0), ==, 3);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 1, 1), ==, 3);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_DOCUMENTS, 1, 1), ==, 2);
  g_assert_cmpint (ct->row_codings[1], ==, 3);
  g_clear_pointer (&ct, gloss_crosstab_free);

  /* Code x coder, restricted to a condition. */
  options.columns = GLOSS_CROSSTAB_CODERS;
  options.scope.where = g_strdup ("year >= 2000");
  ct = gloss_project_crosstab (f->project, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_crosstab_n_cols (ct), ==, 2);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 1, 0), ==, 1);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, 1, 1), ==, 1);
  g_assert_cmpfloat (gloss_crosstab_get (ct, GLOSS_CROSSTAB_PERCENT, 1, 1), ==, 100);
  gloss_scope_clear (&options.scope);

  /* Only document attributes make columns. */
  g_clear_pointer (&ct, gloss_crosstab_free);
  options.columns = GLOSS_CROSSTAB_ATTRIBUTE;
  options.attribute_id = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_CODER, "role",
                                                      GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  g_assert_null (gloss_project_crosstab (f->project, &options, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
}

/* A coding filter restricted to some documents (a set, a condition). */
static void
test_filter_documents (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) docs = gloss_project_match_documents (f->project, "region = east africa", &error);
  g_autoptr(GPtrArray) codings = NULL;
  GlossCodingFilter filter = { 0 };

  for (int d = 0; d < 4; d++)
    {
      gloss_project_add_coding (f->project, f->docs[d], f->amina, f->funding, 0, 5, NULL, &error);
      gloss_project_add_coding (f->project, f->docs[d], f->jonas, f->funding, 1, 5, NULL, &error);
    }
  g_assert_no_error (error);

  filter.document_ids = docs;
  codings = gloss_project_list_codings (f->project, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 4);
  for (guint i = 0; i < codings->len; i++)
    {
      gint64 doc = ((GlossCoding *) codings->pdata[i])->document_id;
      g_assert_true (doc == f->docs[0] || doc == f->docs[3]);
    }
  g_assert_cmpint (gloss_project_count_codings (f->project, &filter, &error), ==, 4);
  filter.coder_id = f->jonas;
  g_assert_cmpint (gloss_project_count_codings (f->project, &filter, &error), ==, 2);
  g_array_set_size (docs, 0);
  g_assert_cmpint (gloss_project_count_codings (f->project, &filter, &error), ==, 0);
}

/* A deleted code leaves its sets, also for a new code with its id; undo
 * brings the membership back; check finds nothing amiss. */
static void
test_deleted_code (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gint64 set = gloss_project_add_set (f->project, GLOSS_SET_CODES, "core", NULL, &error);
  gint64 last = gloss_project_add_code (f->project, 0, "Last", NULL, NULL, &error);
  gint64 again;

  g_assert_true (gloss_project_add_set_members (f->project, set, &last, 1, &error));
  g_assert_true (gloss_project_delete_code (f->project, last, &error));
  again = gloss_project_add_code (f->project, 0, "Newcomer", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, last);   /* SQLite gives the id out again */
  members = gloss_project_get_set_members (f->project, set, &error);
  g_assert_cmpuint (members->len, ==, 0);
  g_clear_pointer (&members, g_array_unref);

  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_no_error (error);
  members = gloss_project_get_set_members (f->project, set, &error);
  g_assert_cmpuint (members->len, ==, 1);

  g_assert_true (gloss_project_check (f->project, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A file of the format before attributes gets the new tables on opening. */
static void
test_migration (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  gloss_project_close (project);
  g_clear_object (&project);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    /* The version before attributes. */
    g_autofree char *sql = g_strdup_printf ("ALTER TABLE document DROP COLUMN text_extraction; %sDROP TABLE set_member; DROP TABLE set_item; "
                                            "DROP TABLE case_member; DROP TABLE case_item; DROP TABLE attribute_value; "
                                            "DROP TABLE attribute; DROP TABLE sync_server; DROP TABLE sync_row; DROP TABLE sync_touched; DROP TABLE sync_waiting; DROP TABLE sync_count; PRAGMA user_version = 3",
                                            /* and what the versions after it changed */
                                            gloss_test_sql_before_version_6 (FALSE));
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_get_schema_version (project), ==, GLOSS_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (gloss_project_add_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year",
                                                GLOSS_ATTRIBUTE_NUMBER, NULL, &error), >, 0);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cases/values/canonical", test_values_canonical);
  ADD ("/cases/values/refused", test_values_refused);
  ADD ("/cases/attributes/definitions", test_attribute_definitions);
  ADD ("/cases/attributes/retype", test_retype);
  ADD ("/cases/attributes/change", test_change_attribute);
  ADD ("/cases/cases/description", test_case_description);
  ADD ("/cases/undo-redo", test_undo_redo);
  ADD ("/cases/cases", test_cases);
  ADD ("/cases/conditions", test_conditions);
  ADD ("/cases/conditions/errors", test_condition_errors);
  ADD ("/cases/sets", test_sets);
  ADD ("/cases/sets/rename-attribute", test_rename_attribute_in_rules);
  ADD ("/cases/sets/using-attribute", test_sets_using_attribute);
  ADD ("/cases/sets/change", test_change_set);
  ADD ("/cases/query/random", test_query_random);
  ADD ("/cases/query/known", test_query_known);
  ADD ("/cases/crosstab", test_crosstab);
  ADD ("/cases/crosstab/chart", test_crosstab_chart);
  ADD ("/cases/filter-documents", test_filter_documents);
  ADD ("/cases/sets/deleted-code", test_deleted_code);
#undef ADD
  g_test_add_func ("/cases/migration", test_migration);

  return g_test_run ();
}
