/* test-exchange.c: coder copies and merge, REFI-QDA, excerpt exports, matrices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <zip.h>

#include "gloss-matrix.h"
#include "gloss-project-exchange.h"
#include "gloss-sync.h"
#include "gloss-test-util.h"

#define INTERVIEW \
  "Interviewer: What did \"partnership\" mean, in practice?\n" \
  "Respondent: Meetings, reports, more reports, and a seat, never a vote.\n" \
  "Funding came late; the conditions came early.\n" \
  "Ça dépend — who decides?\n"

static const char * const pdf_pages[] = {
  "The compact calls for a whole-of-society approach.\nCivil society shall be consulted.",
  "Funding for local partners remains scarce.\nRefugee-led groups ask for a seat at the table.",
  NULL
};

typedef struct
{
  char         *dir;
  char         *path;
  GlossProject *project;
  gint64        text_doc, pdf_doc;
  gint64        ana, ben;
  gint64        access, funding, voice;
} Fixture;

static const char *
schema_dir (void)
{
  const char *dir = g_getenv ("GLOSS_REFI_SCHEMAS");

  g_assert_nonnull (dir);
  return dir;
}

static gint64
add_coding (Fixture    *f,
            gint64      doc,
            gint64      coder,
            gint64      code,
            const char *phrase,
            const char *memo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gloss_project_search (f->project, doc, phrase, TRUE, &error);
  const GlossSearchHit *hit;
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 1);
  hit = g_ptr_array_index (hits, 0);
  id = gloss_project_add_coding (f->project, doc, coder, code, hit->start, hit->end, memo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  gint64 themes;

  f->dir = gloss_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "lead.gloss", NULL);
  f->project = gloss_project_create (f->path, "Lead & \"friends\"", &error);
  g_assert_no_error (error);

  f->text_doc = gloss_project_import_text (f->project, "interview.txt", INTERVIEW, -1, &error);
  g_assert_no_error (error);
  pdf = g_build_filename (f->dir, "compact.pdf", NULL);
  gloss_test_make_pdf (pdf, pdf_pages, "The compact");
  f->pdf_doc = gloss_project_import_file (f->project, pdf, NULL, NULL, &error);
  g_assert_no_error (error);

  f->ana = gloss_project_add_coder (f->project, "Ana", "#112233", &error);
  g_assert_no_error (error);
  f->ben = gloss_project_add_coder (f->project, "Ben", NULL, &error);
  g_assert_no_error (error);

  themes = gloss_project_add_code (f->project, 0, "Themes", "#aa0000", "Top <level> & \"all\"", &error);
  g_assert_no_error (error);
  f->access = gloss_project_add_code (f->project, themes, "Access", "#00aa00", "Who gets in", &error);
  g_assert_no_error (error);
  f->funding = gloss_project_ensure_code_path (f->project, "Themes/Money/Funding", "#0000aa", NULL, &error);
  g_assert_no_error (error);
  f->voice = gloss_project_add_code (f->project, 0, "Voice", "#aaaa00", NULL, &error);
  g_assert_no_error (error);

  add_coding (f, f->text_doc, f->ana, f->access, "a seat, never a vote", "<script>alert('x')</script> \"quoted\", with a comma\nand a newline");
  add_coding (f, f->text_doc, f->ben, f->voice, "a seat, never a vote.\nFunding came late", NULL);
  add_coding (f, f->text_doc, f->ana, f->funding, "Funding came late", NULL);
  add_coding (f, f->text_doc, f->ben, f->voice, "Ça dépend — who decides?", "é");
  add_coding (f, f->pdf_doc, f->ana, f->voice, "seat at the table", NULL);
  add_coding (f, f->pdf_doc, f->ben, f->funding, "Funding for local partners", "scarce");
  add_coding (f, f->pdf_doc, f->ben, f->access, "Civil society shall be consulted.\nFunding", NULL);

  gloss_project_set_memo (f->project, "project", 1, "Project memo", &error);
  g_assert_no_error (error);
  gloss_project_set_memo (f->project, "code", f->voice, "Code memo", &error);
  g_assert_no_error (error);
  gloss_project_set_memo (f->project, "document", f->pdf_doc, "Document memo", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_note (f->project, "Field trip", "Met the <network> & \"others\".\nTwice.",
                                           f->ana, &error), >, 0);
  g_assert_cmpint (gloss_project_add_note (f->project, "", "Nobody's note", 0, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  g_free (f->path);
  g_free (f->dir);
}

static gint
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A project's content as comparable lines: GUIDs, names, ranges, texts. */
static char *
describe (GlossProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (project, &error);
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (project, &error);
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (project, &error);
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (project, NULL, &error);
  g_autoptr(GPtrArray) notes = gloss_project_list_notes (project, &error);
  g_autoptr(GHashTable) guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < coders->len; i++)
    {
      GlossCoder *c = coders->pdata[i];
      g_ptr_array_add (lines, g_strdup_printf ("coder %s %s", c->guid, c->name));
      g_hash_table_insert (guids, g_strdup_printf ("coder%" G_GINT64_FORMAT, c->id), g_strdup (c->guid));
    }
  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *c = codes->pdata[i];
      g_ptr_array_add (lines, g_strdup_printf ("code %s %s %s %s", c->guid, c->path, c->color, c->description));
      g_hash_table_insert (guids, g_strdup_printf ("code%" G_GINT64_FORMAT, c->id), g_strdup (c->guid));
    }
  for (guint i = 0; i < documents->len; i++)
    {
      GlossDocumentInfo *d = documents->pdata[i];
      g_autofree char *text = gloss_project_get_text (project, d->id, 0, -1, &error);
      g_ptr_array_add (lines, g_strdup_printf ("document %s %s %s %s", d->guid, d->title,
                                               gloss_document_kind_to_string (d->kind), text));
      g_hash_table_insert (guids, g_strdup_printf ("doc%" G_GINT64_FORMAT, d->id), g_strdup (d->guid));
    }
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *c = codings->pdata[i];
      g_autofree char *doc = g_strdup_printf ("doc%" G_GINT64_FORMAT, c->document_id);
      g_autofree char *coder = g_strdup_printf ("coder%" G_GINT64_FORMAT, c->coder_id);
      g_autofree char *code = g_strdup_printf ("code%" G_GINT64_FORMAT, c->code_id);
      g_ptr_array_add (lines, g_strdup_printf ("coding %s %s %s %s %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT " [%s] [%s]",
                                               c->guid, (char *) g_hash_table_lookup (guids, doc),
                                               (char *) g_hash_table_lookup (guids, coder),
                                               (char *) g_hash_table_lookup (guids, code),
                                               c->start, c->end, c->quote, c->memo ? c->memo : ""));
    }

  for (guint i = 0; i < notes->len; i++)
    {
      GlossNote *n = notes->pdata[i];
      g_ptr_array_add (lines, g_strdup_printf ("note %s [%s] [%s] %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                               n->guid, n->name, n->text, n->author_guid ? n->author_guid : "-",
                                               n->author_name ? n->author_name : "-", n->created / G_USEC_PER_SEC,
                                               n->modified / G_USEC_PER_SEC));
    }

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);

  return g_string_free (out, FALSE);
}

static GBytes *
read_zip_entry (const char *zip_path,
                const char *name)
{
  int err = 0;
  zip_t *zip = zip_open (zip_path, ZIP_RDONLY, &err);
  zip_stat_t st;
  zip_file_t *file;
  char *data;

  g_assert_nonnull (zip);
  g_assert_cmpint (zip_stat (zip, name, 0, &st), ==, 0);
  data = g_malloc (st.size + 1);
  file = zip_fopen (zip, name, 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, data, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (file);
  zip_discard (zip);

  return g_bytes_new_take (data, st.size);
}

static void
test_qdpx_roundtrip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qdpx = g_build_filename (f->dir, "out.qdpx", NULL);
  g_autofree char *back_path = g_build_filename (f->dir, "back.gloss", NULL);
  g_autofree char *xsd = g_build_filename (schema_dir (), "Project-mrt2019.xsd", NULL);
  g_autoptr(GBytes) qde = NULL;
  g_autoptr(GlossProject) back = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL, *after = NULL, *memo = NULL;

  g_assert_true (gloss_qdpx_export (f->project, qdpx, &error));
  g_assert_no_error (error);

  qde = read_zip_entry (qdpx, "project.qde");
  g_assert_true (gloss_qdpx_validate (qde, xsd, &error));
  g_assert_no_error (error);

  back = gloss_qdpx_import (qdpx, back_path, warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (warnings->len, ==, 0);

  before = describe (f->project);
  after = describe (back);
  g_assert_cmpstr (after, ==, before);

  memo = gloss_project_get_memo (back, "code", gloss_project_find_code (back, "Voice", NULL), &error);
  g_assert_cmpstr (memo, ==, "Code memo");
  g_clear_pointer (&memo, g_free);
  memo = gloss_project_get_memo (back, "project", 1, &error);
  g_assert_cmpstr (memo, ==, "Project memo");

  /* A new project has nothing to undo, and the target must not exist. */
  g_assert_false (gloss_project_can_undo (back));
  g_assert_null (gloss_qdpx_import (qdpx, back_path, NULL, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS);
}

/* Attributes, cases and sets, as the rows of their tables with every id
 * replaced by the GUID it stands for. */
static char *
describe_cases (GlossProject *project)
{
  static const char * const queries[] = {
    "SELECT guid, target, name, type, ifnull (choices, '') FROM attribute WHERE target <> 'coder' ORDER BY guid",
    "SELECT a.guid, ifnull (d.guid, k.guid), v.value FROM attribute_value v JOIN attribute a ON a.id = v.attribute_id "
    "LEFT JOIN document d ON a.target = 'document' AND d.id = v.target_id "
    "LEFT JOIN case_item k ON a.target = 'case' AND k.id = v.target_id WHERE a.target <> 'coder' ORDER BY 1, 2",
    "SELECT guid, name, description FROM case_item ORDER BY guid",
    "SELECT k.guid, d.guid, ifnull (m.start, -1), ifnull (m.end, -1), CASE WHEN m.start IS NULL THEN '' ELSE m.guid END "
    "FROM case_member m JOIN case_item k ON k.id = m.case_id JOIN document d ON d.id = m.document_id ORDER BY 1, 2, 3",
    "SELECT guid, kind, name, ifnull (rule, '') FROM set_item ORDER BY guid",
    "SELECT s.guid, ifnull (c.guid, d.guid) FROM set_member m JOIN set_item s ON s.id = m.set_id "
    "LEFT JOIN code c ON s.kind = 'code' AND c.id = m.member_id "
    "LEFT JOIN document d ON s.kind = 'document' AND d.id = m.member_id ORDER BY 1, 2",
  };
  GString *str = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (gloss_project_get_path (project), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
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

static void
test_qdpx_cases (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const kinds[] = { "refugee-led", "academic; \"quoted\"", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *qdpx = g_build_filename (f->dir, "cases.qdpx", NULL);
  g_autofree char *back_path = g_build_filename (f->dir, "cases.gloss", NULL);
  g_autofree char *again_qdpx = g_build_filename (f->dir, "again.qdpx", NULL);
  g_autofree char *xsd = g_build_filename (schema_dir (), "Project-mrt2019.xsd", NULL);
  g_autoptr(GBytes) qde = NULL;
  g_autoptr(GlossProject) back = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL, *after = NULL;
  gint64 kind, year, share, when, online, role, founded, org, set, codes;

  kind = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "kind", GLOSS_ATTRIBUTE_CATEGORY, kinds, &error);
  year = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year", GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  share = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "share", GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  when = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "when", GLOSS_ATTRIBUTE_DATE, NULL, &error);
  online = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "online", GLOSS_ATTRIBUTE_BOOLEAN, NULL, &error);
  role = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_CODER, "role", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  founded = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_CASE, "founded", GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_attribute_value (f->project, kind, f->text_doc, "refugee-led", &error);
  gloss_project_set_attribute_value (f->project, kind, f->pdf_doc, "academic; \"quoted\"", &error);
  gloss_project_set_attribute_value (f->project, year, f->text_doc, "2021", &error);
  gloss_project_set_attribute_value (f->project, share, f->pdf_doc, "0.25", &error);
  gloss_project_set_attribute_value (f->project, when, f->pdf_doc, "2020-02-29", &error);
  gloss_project_set_attribute_value (f->project, online, f->text_doc, "yes", &error);
  gloss_project_set_attribute_value (f->project, role, f->ana, "lead", &error);
  org = gloss_project_add_case (f->project, "Voices & <Transit>", "A collective", &error);
  gloss_project_set_attribute_value (f->project, founded, org, "2016", &error);
  gloss_project_add_case_member (f->project, org, f->pdf_doc, -1, -1, &error);
  gloss_project_add_case_member (f->project, org, f->text_doc, 5, 30, &error);
  gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "refugee-led", "kind = refugee-led", &error);
  set = gloss_project_add_set (f->project, GLOSS_SET_DOCUMENTS, "picked", NULL, &error);
  gloss_project_add_set_members (f->project, set, &f->pdf_doc, 1, &error);
  codes = gloss_project_add_set (f->project, GLOSS_SET_CODES, "core", NULL, &error);
  gloss_project_add_set_members (f->project, codes, &f->funding, 1, &error);
  gloss_project_add_set_members (f->project, codes, &f->voice, 1, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_qdpx_export (f->project, qdpx, &error));
  g_assert_no_error (error);
  qde = read_zip_entry (qdpx, "project.qde");
  g_assert_true (gloss_qdpx_validate (qde, xsd, &error));
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (qde, NULL), -1, "typeOfVariable=\"Integer\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (qde, NULL), -1, "<FloatValue>0.25</FloatValue>"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (qde, NULL), -1, "<BooleanValue>true</BooleanValue>"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (qde, NULL), -1, "<DateValue>2020-02-29</DateValue>"));

  back = gloss_qdpx_import (qdpx, back_path, warnings, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("warning: %s", (char *) warnings->pdata[i]);
  g_assert_cmpuint (warnings->len, ==, 0);

  before = describe_cases (f->project);
  after = describe_cases (back);
  g_assert_cmpstr (after, ==, before);

  /* The rule came back as a rule: it stays current in the new project. */
  {
    gint64 led = gloss_project_find_set (back, "refugee-led", &error);
    g_autoptr(GArray) members = gloss_project_get_set_members (back, led, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (members->len, ==, 1);
  }

  /* And once more through Gloss: the same file. */
  g_assert_true (gloss_qdpx_export (back, again_qdpx, &error));
  g_assert_no_error (error);
}

/* Attributes, values, cases and sets come back from a coder's copy by GUID. */
static void
test_merge_cases (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const kinds[] = { "refugee-led", "academic", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "ana.gloss", NULL);
  g_autoptr(GlossProject) copy = NULL;
  g_autoptr(GlossMergeSummary) summary = NULL;
  g_autoptr(GlossMergeSummary) again = NULL;
  g_autoptr(GlossMergeSummary) theirs = NULL;
  g_autofree char *merged = NULL, *copied = NULL, *value = NULL;
  gint64 kind, year, org, set, copy_kind, copy_year;

  kind = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "kind", GLOSS_ATTRIBUTE_CATEGORY, kinds, &error);
  year = gloss_project_add_attribute (f->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year", GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  gloss_project_set_attribute_value (f->project, kind, f->text_doc, "refugee-led", &error);
  g_assert_no_error (error);

  g_assert_true (gloss_project_copy_for_coder (f->project, copy_path, "Ana", FALSE, &error));
  g_assert_no_error (error);
  copy = gloss_project_open (copy_path, &error);
  g_assert_no_error (error);
  copy_kind = gloss_project_find_attribute (copy, GLOSS_ATTRIBUTE_ON_DOCUMENT, "kind", &error);
  copy_year = gloss_project_find_attribute (copy, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year", &error);
  g_assert_cmpint (copy_kind, ==, kind);

  /* The coder fills in values, adds an attribute, a case and two sets. */
  gloss_project_set_attribute_value (copy, copy_kind, f->pdf_doc, "academic", &error);
  gloss_project_set_attribute_value (copy, copy_year, f->text_doc, "2021", &error);
  gloss_project_add_attribute (copy, GLOSS_ATTRIBUTE_ON_CODER, "role", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  gloss_project_set_attribute_value (copy, gloss_project_find_attribute (copy, GLOSS_ATTRIBUTE_ON_CODER, "role", NULL),
                                     f->ana, "second", &error);
  org = gloss_project_add_case (copy, "Voices", NULL, &error);
  gloss_project_add_case_member (copy, org, f->text_doc, 0, 10, &error);
  gloss_project_add_set (copy, GLOSS_SET_DOCUMENTS, "led", "kind = refugee-led", &error);
  set = gloss_project_add_set (copy, GLOSS_SET_CODES, "core", NULL, &error);
  gloss_project_add_set_members (copy, set, &f->voice, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&copy);

  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->conflicts->len, ==, 0);
  copy = gloss_project_open (copy_path, &error);
  merged = describe_cases (f->project);
  copied = describe_cases (copy);
  g_assert_cmpstr (merged, ==, copied);
  value = gloss_project_get_attribute_value (f->project, gloss_project_find_attribute (f->project, GLOSS_ATTRIBUTE_ON_CODER, "role", NULL),
                                             f->ana, &error);
  g_assert_cmpstr (value, ==, "second");

  /* Again: nothing changes. */
  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->added->len, ==, 0);
  g_assert_cmpuint (again->conflicts->len, ==, 0);

  /* A value both changed: a conflict, the lead's kept; --theirs takes theirs. */
  gloss_project_set_attribute_value (f->project, year, f->text_doc, "2020", &error);
  g_clear_object (&copy);
  g_clear_pointer (&again, gloss_merge_summary_free);
  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &again, &error));
  g_assert_cmpuint (again->conflicts->len, ==, 1);
  g_assert_cmpstr (((GlossMergeItem *) again->conflicts->pdata[0])->reason, ==, "the lead has “2020”");
  g_clear_pointer (&value, g_free);
  value = gloss_project_get_attribute_value (f->project, year, f->text_doc, &error);
  g_assert_cmpstr (value, ==, "2020");
  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_THEIRS, &theirs, &error));
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = gloss_project_get_attribute_value (f->project, year, f->text_doc, &error);
  g_assert_cmpstr (value, ==, "2021");

  /* One step: undo takes the whole merge back. */
  g_assert_true (gloss_project_undo (f->project, &error));
  g_clear_pointer (&value, g_free);
  value = gloss_project_get_attribute_value (f->project, year, f->text_doc, &error);
  g_assert_cmpstr (value, ==, "2020");
}

static void
test_qdc_roundtrip (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qdc = g_build_filename (f->dir, "codes.qdc", NULL);
  g_autofree char *xsd = g_build_filename (schema_dir (), "Codebook-mrt2019.xsd", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossProject) other = gloss_test_new_project (&other_path);
  g_autoptr(GPtrArray) a = NULL, b = NULL;
  gsize length;

  g_assert_true (gloss_qdc_export (f->project, qdc, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (qdc, &contents, &length, NULL));
  bytes = g_bytes_new (contents, length);
  g_assert_true (gloss_qdpx_validate (bytes, xsd, &error));
  g_assert_no_error (error);

  g_assert_cmpint (gloss_qdc_import (other, qdc, NULL, &error), ==, 5);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_qdc_import (other, qdc, NULL, &error), ==, 0);

  a = gloss_project_list_codes (f->project, NULL);
  b = gloss_project_list_codes (other, NULL);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      GlossCode *x = a->pdata[i], *y = b->pdata[i];
      g_assert_cmpstr (x->guid, ==, y->guid);
      g_assert_cmpstr (x->path, ==, y->path);
      g_assert_cmpstr (x->color, ==, y->color);
      g_assert_cmpstr (x->description, ==, y->description);
    }
}

static gint64
count_codings (GlossProject *project)
{
  return gloss_project_count_codings (project, NULL, NULL);
}

static void
test_merge_idempotent (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "cleo.gloss", NULL);
  g_autoptr(GlossProject) copy = NULL;
  g_autoptr(GlossMergeSummary) first = NULL;
  g_autoptr(GlossMergeSummary) second = NULL;
  g_autofree char *label = NULL, *label2 = NULL, *before = NULL, *after = NULL;
  gint64 cleo, doc, code, n;

  g_assert_true (gloss_project_copy_for_coder (f->project, copy_path, "Cleo", TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_project_copy_for_coder (f->project, copy_path, "Cleo", TRUE, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS);
  g_clear_error (&error);

  copy = gloss_project_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_codings (copy), ==, 0);
  g_assert_false (gloss_project_can_undo (copy));
  cleo = gloss_project_find_coder (copy, "Cleo", &error);
  g_assert_no_error (error);

  /* The copy keeps the GUIDs. */
  {
    g_autofree char *a = gloss_project_dup_guid (f->project);
    g_autofree char *b = gloss_project_dup_guid (copy);
    g_autoptr(GlossDocumentInfo) x = gloss_project_get_document (f->project, f->pdf_doc, NULL);
    g_autoptr(GlossDocumentInfo) y = gloss_project_get_document (copy, f->pdf_doc, NULL);
    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (x->guid, ==, y->guid);
  }

  doc = gloss_project_find_document (copy, "interview.txt", &error);
  code = gloss_project_ensure_code_path (copy, "Voice/Silenced", NULL, "new", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coding (copy, doc, cleo, code, 0, 11, "mine", &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (copy, doc, cleo, f->voice, 12, 20, NULL, &error), >, 0);
  g_assert_no_error (error);
  /* A document only the copy has comes along, with its bytes and pages. */
  doc = gloss_project_import_text (copy, "notes.txt", "Cleo's own notes.\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coding (copy, doc, cleo, f->voice, 0, 4, NULL, &error), >, 0);
  g_clear_object (&copy);

  n = count_codings (f->project);
  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first->added->len, ==, 6);   /* document, coder, code, three codings */
  g_assert_cmpuint (first->conflicts->len, ==, 0);
  g_assert_cmpuint (first->skipped->len, ==, 0);
  g_assert_cmpint (count_codings (f->project), ==, n + 3);
  g_assert_cmpint (gloss_project_find_code (f->project, "Voice/Silenced", NULL), >, 0);
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *text = gloss_project_get_text (f->project, gloss_project_find_document (f->project, "notes.txt", NULL),
                                                   0, -1, &error);
    g_assert_cmpstr (text, ==, "Cleo's own notes.\n");
    g_assert_true (gloss_project_check (f->project, problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
  }
  label = gloss_project_dup_undo_label (f->project);

  before = describe (f->project);
  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->added->len, ==, 0);
  g_assert_cmpuint (second->conflicts->len, ==, 0);
  g_assert_cmpuint (second->skipped->len, ==, 0);
  after = describe (f->project);
  g_assert_cmpstr (after, ==, before);
  label2 = gloss_project_dup_undo_label (f->project);
  g_assert_cmpstr (label2, ==, label);   /* no new step */

  /* The merge is one step. */
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_cmpint (count_codings (f->project), ==, n);
  g_assert_cmpint (gloss_project_find_code (f->project, "Voice/Silenced", NULL), ==, 0);
}

static gint64
coding_by_memo (GlossProject *project,
                const char   *memo)
{
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (project, NULL, NULL);

  for (guint i = 0; i < codings->len; i++)
    if (g_strcmp0 (((GlossCoding *) codings->pdata[i])->memo, memo) == 0)
      return ((GlossCoding *) codings->pdata[i])->id;

  return 0;
}

static void
test_merge_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "ben.gloss", NULL);
  g_autoptr(GlossProject) copy = NULL;
  g_autoptr(GlossMergeSummary) ours = NULL;
  g_autoptr(GlossMergeSummary) theirs = NULL;
  g_autoptr(GlossCoding) coding = NULL;
  gint64 id;

  g_assert_true (gloss_project_copy_for_coder (f->project, copy_path, "Ben", FALSE, &error));
  copy = gloss_project_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_codings (copy), ==, count_codings (f->project));

  id = coding_by_memo (copy, "scarce");
  g_assert_true (gloss_project_set_coding_memo (copy, id, "scarce, says Ben", &error));
  g_assert_true (gloss_project_set_code_color (copy, f->voice, "#010203", &error));
  g_assert_no_error (error);
  g_clear_object (&copy);

  id = coding_by_memo (f->project, "scarce");
  g_assert_true (gloss_project_set_coding_memo (f->project, id, "scarce, says the lead", &error));

  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &ours, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ours->conflicts->len, ==, 2);
  g_assert_cmpuint (ours->added->len, ==, 0);
  coding = gloss_project_get_coding (f->project, id, &error);
  g_assert_cmpstr (coding->memo, ==, "scarce, says the lead");
  g_clear_pointer (&coding, gloss_coding_free);

  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_THEIRS, &theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (theirs->conflicts->len, ==, 2);
  g_assert_cmpuint (theirs->n_updated, ==, 2);
  coding = gloss_project_get_coding (f->project, id, &error);
  g_assert_cmpstr (coding->memo, ==, "scarce, says Ben");
  {
    g_autoptr(GlossCode) voice = gloss_project_get_code (f->project, f->voice, &error);
    g_assert_cmpstr (voice->color, ==, "#010203");
  }
}

static gboolean
code_is_codable (GlossProject *project,
                 gint64        code_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCode) code = gloss_project_get_code (project, code_id, &error);

  g_assert_no_error (error);
  return code->codable;
}

/* Whether a code can be coded travels with it: a new code arrives as a
 * heading if it was one, and a changed one is a conflict like its colour. */
static void
test_merge_codable (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "ben.gloss", NULL);
  g_autoptr(GlossProject) copy = NULL;
  g_autoptr(GlossMergeSummary) ours = NULL;
  g_autoptr(GlossMergeSummary) theirs = NULL;
  gint64 heading;

  g_assert_true (gloss_project_copy_for_coder (f->project, copy_path, "Ben", FALSE, &error));
  copy = gloss_project_open (copy_path, &error);
  g_assert_no_error (error);
  heading = gloss_project_ensure_code_path (copy, "Voice/Only a heading", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_code_codable (copy, heading, FALSE, &error));
  g_assert_true (gloss_project_set_code_codable (copy, f->voice, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (code_is_codable (copy, heading));
  g_clear_object (&copy);

  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &ours, &error));
  g_assert_no_error (error);
  heading = gloss_project_find_code (f->project, "Voice/Only a heading", &error);
  g_assert_no_error (error);
  g_assert_false (code_is_codable (f->project, heading));
  g_assert_cmpuint (ours->conflicts->len, ==, 1);
  g_assert_nonnull (strstr (((GlossMergeItem *) ours->conflicts->pdata[0])->reason, "coded"));
  g_assert_true (code_is_codable (f->project, f->voice));

  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_THEIRS, &theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (theirs->n_updated, ==, 1);
  g_assert_false (code_is_codable (f->project, f->voice));
}

static const GlossNote *
note_named (GPtrArray  *notes,
            const char *name)
{
  for (guint i = 0; i < notes->len; i++)
    if (g_strcmp0 (((GlossNote *) notes->pdata[i])->name, name) == 0)
      return notes->pdata[i];

  return NULL;
}

/* Free notes merge by GUID: a new one comes with its author, a changed
 * one is a conflict; merging twice changes nothing, and undo takes it back. */
static void
test_merge_notes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "ben.gloss", NULL);
  g_autoptr(GlossProject) copy = NULL;
  g_autoptr(GlossMergeSummary) first = NULL, second = NULL, theirs = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  const GlossNote *note;

  g_assert_true (gloss_project_copy_for_coder (f->project, copy_path, "Ben", FALSE, &error));
  copy = gloss_project_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_note (copy, "Ben's idea", "Ask about funding.", f->ben, &error), >, 0);
  notes = gloss_project_list_notes (copy, &error);
  g_assert_true (gloss_project_delete_note (copy, note_named (notes, "Field trip")->id, &error));
  g_assert_no_error (error);
  {
    sqlite3 *db = NULL;
    g_clear_object (&copy);
    g_assert_cmpint (sqlite3_open (copy_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE note SET text = 'Everybody''s note' WHERE name = ''", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_clear_pointer (&notes, g_ptr_array_unref);

  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &first, &error));
  g_assert_no_error (error);
  notes = gloss_project_list_notes (f->project, &error);
  g_assert_cmpuint (notes->len, ==, 3);   /* the deletion is not carried over */
  note = note_named (notes, "Ben's idea");
  g_assert_nonnull (note);
  g_assert_cmpstr (note->text, ==, "Ask about funding.");
  g_assert_cmpstr (note->author_name, ==, "Ben");
  g_assert_cmpstr (note_named (notes, "")->text, ==, "Nobody's note");
  g_assert_cmpuint (first->conflicts->len, ==, 1);
  g_assert_cmpstr (((GlossMergeItem *) first->conflicts->pdata[0])->kind, ==, "note");

  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &second, &error));
  g_assert_cmpuint (second->added->len, ==, 0);
  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_THEIRS, &theirs, &error));
  g_assert_no_error (error);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = gloss_project_list_notes (f->project, &error);
  g_assert_cmpstr (note_named (notes, "")->text, ==, "Everybody's note");

  g_assert_true (gloss_project_undo (f->project, &error));   /* their version */
  g_assert_true (gloss_project_undo (f->project, &error));   /* the first merge */
  g_assert_no_error (error);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = gloss_project_list_notes (f->project, &error);
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (note_named (notes, "")->text, ==, "Nobody's note");
  g_assert_true (gloss_project_redo (f->project, &error));
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = gloss_project_list_notes (f->project, &error);
  g_assert_cmpuint (notes->len, ==, 3);
}

/* A copy whose text differs (as if extracted by another version): its
 * codings land where their quotes are in the lead's text. */
static void
test_merge_reanchor (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "shifted.gloss", NULL);
  g_autoptr(GlossProject) copy = NULL;
  g_autoptr(GlossMergeSummary) summary = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GlossCoding) merged = NULL;
  sqlite3 *db = NULL;
  gint64 dora, id;

  g_assert_true (gloss_project_copy_for_coder (f->project, copy_path, "Dora", FALSE, &error));
  copy = gloss_project_open (copy_path, &error);
  dora = gloss_project_find_coder (copy, "Dora", &error);
  hits = gloss_project_search (copy, f->pdf_doc, "whole-of-society approach", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  gloss_project_add_coding (copy, f->pdf_doc, dora, f->access,
                            ((GlossSearchHit *) hits->pdata[0])->start,
                            ((GlossSearchHit *) hits->pdata[0])->end, "dora", &error);
  g_assert_no_error (error);
  g_clear_object (&copy);

  g_assert_cmpint (sqlite3_open (copy_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE document SET text = 'Page 1 ' || text, n_chars = n_chars + 7 WHERE kind = 'pdf';"
                                 "UPDATE coding SET start = start + 7, end = end + 7 WHERE document_id IN "
                                 "(SELECT id FROM document WHERE kind = 'pdf');"
                                 /* The pages cut the longer text, as another poppler's would. */
                                 "UPDATE page SET length = length + 7 WHERE idx = 0 AND document_id IN "
                                 "(SELECT id FROM document WHERE kind = 'pdf');"
                                 "UPDATE page SET start = start + 7 WHERE idx > 0 AND document_id IN "
                                 "(SELECT id FROM document WHERE kind = 'pdf')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (gloss_project_merge (f->project, copy_path, GLOSS_MERGE_DEFAULT, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->conflicts->len, ==, 0);
  g_assert_cmpuint (summary->added->len, ==, 2);   /* Dora and her coding */
  g_assert_cmpuint (summary->n_reanchored, ==, 4); /* three codings of the lead's, and hers */

  id = coding_by_memo (f->project, "dora");
  merged = gloss_project_get_coding (f->project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (merged->quote, ==, "whole-of-society approach");
  g_assert_cmpint (merged->start, ==, ((GlossSearchHit *) hits->pdata[0])->start);
}

static char *
export_to_string (Fixture            *f,
                  GlossExcerptFormat  format,
                  const char         *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *contents = NULL;

  g_assert_cmpint (gloss_excerpt_export (f->project, format, NULL, path, &error), ==, 7);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  return contents;
}

static void
test_html_inert (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *html = export_to_string (f, GLOSS_EXCERPT_HTML, "report.html");
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autofree char *md = export_to_string (f, GLOSS_EXCERPT_MARKDOWN, "report.md");

  g_assert_null (strstr (lower, "<script"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "Content-Security-Policy"));
  g_assert_nonnull (strstr (html, "#00aa00"));
  g_assert_null (strstr (md, "<script"));
}

static void
test_json_annotations (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *json = export_to_string (f, GLOSS_EXCERPT_JSON, "annotations.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *first;
  JsonArray *items;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "AnnotationCollection");
  first = json_object_get_object_member (root, "first");
  items = json_object_get_array_member (first, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *target = json_object_get_object_member (item, "target");
      JsonArray *selectors = json_object_get_array_member (target, "selector");
      JsonObject *position = json_array_get_object_element (selectors, 0);
      JsonObject *quote = json_array_get_object_element (selectors, 1);
      g_autoptr(GlossCoding) coding = NULL;
      g_autoptr(GPtrArray) codings = gloss_project_list_codings (f->project, NULL, NULL);

      g_assert_cmpstr (json_object_get_string_member (position, "type"), ==, "TextPositionSelector");
      g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "TextQuoteSelector");
      coding = gloss_coding_copy (codings->pdata[i]);
      g_assert_cmpint (json_object_get_int_member (position, "start"), ==, coding->start);
      g_assert_cmpint (json_object_get_int_member (position, "end"), ==, coding->end);
      g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, coding->quote);
    }
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "codings.xlsx", NULL);
  GlossExcerptOptions options = { .sheet_per_code = TRUE, .code_id = 0 };
  g_autoptr(GBytes) sheet = NULL;
  g_autoptr(GBytes) workbook = NULL;

  g_assert_cmpint (gloss_excerpt_export (f->project, GLOSS_EXCERPT_XLSX, &options, path, &error), ==, 7);
  g_assert_no_error (error);
  workbook = read_zip_entry (path, "xl/workbook.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (workbook, NULL), g_bytes_get_size (workbook), "Themes-Money-Funding"));
  sheet = read_zip_entry (path, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (sheet, NULL), g_bytes_get_size (sheet), "a seat, never a vote"));

  /* --code narrows to the code and the codes below it. */
  options.sheet_per_code = FALSE;
  options.code_id = gloss_project_find_code (f->project, "Themes", NULL);
  g_assert_cmpint (gloss_excerpt_export (f->project, GLOSS_EXCERPT_XLSX, &options, path, &error), ==, 4);
}

static void
test_matrix (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossMatrix) by_doc = gloss_matrix_compute (f->project, GLOSS_MATRIX_CODE_DOCUMENT, NULL, FALSE, &error);
  g_autoptr(GlossMatrix) by_coder = gloss_matrix_compute (f->project, GLOSS_MATRIX_CODE_CODER, NULL, TRUE, &error);
  g_autoptr(GlossMatrix) co = gloss_matrix_compute (f->project, GLOSS_MATRIX_COOCCURRENCE, NULL, FALSE, &error);
  g_autofree char *csv = g_build_filename (f->dir, "matrix.csv", NULL);
  g_autofree char *contents = NULL;
  guint access = 1, funding = 3, voice = 4;  /* rows in codebook order: Themes, Access, Money, Funding, Voice */
  gint64 total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (by_doc->row_labels->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (by_doc->row_labels, funding), ==, "Themes/Money/Funding");
  for (guint r = 0; r < by_doc->row_labels->len; r++)
    for (guint c = 0; c < by_doc->col_labels->len; c++)
      total += gloss_matrix_get (by_doc, r, c);
  g_assert_cmpint (total, ==, 7);
  g_assert_cmpint (gloss_matrix_get (by_doc, voice, 0), ==, 2);

  g_assert_cmpint (gloss_matrix_get (by_coder, access, 0), ==, 1);  /* Ana */
  g_assert_cmpint (gloss_matrix_get (by_coder, access, 1), ==, 1);  /* Ben */

  /* Ben's Voice overlaps Ana's Access and Funding in the interview;
   * Ben's Access overlaps his Funding in the PDF. */
  g_assert_cmpint (gloss_matrix_get (co, voice, access), ==, 1);
  g_assert_cmpint (gloss_matrix_get (co, access, voice), ==, 1);
  g_assert_cmpint (gloss_matrix_get (co, voice, funding), ==, 1);
  g_assert_cmpint (gloss_matrix_get (co, access, funding), ==, 1);
  g_assert_cmpint (gloss_matrix_get (co, voice, voice), ==, 3);

  g_assert_true (gloss_matrix_write (co, GLOSS_EXCERPT_CSV, csv, &error));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "code \\ code,Themes,Themes/Access,"));
}

/* Text a spreadsheet would run as a formula reaches every CSV as text
 * (OWASP: a leading apostrophe inside the quoted cell); numbers stay
 * numbers, HTML tables are escaped. */
static void
test_csv_formulas (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (f->project, NULL, NULL);
  g_autofree char *csv = NULL;
  g_autofree char *matrix_csv = g_build_filename (f->dir, "by-coder.csv", NULL);
  g_autofree char *matrix_html = g_build_filename (f->dir, "by-coder.html", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GlossMatrix) by_coder = NULL;
  g_autoptr(GString) field = g_string_new (NULL);

  g_assert_true (gloss_project_rename_coder (f->project, f->ana, "=cmd|' /C calc'!A0", &error));
  g_assert_true (gloss_project_set_coding_memo (f->project, ((GlossCoding *) codings->pdata[0])->id,
                                                "=HYPERLINK(\"http://example.org\",\"x\")", &error));
  g_assert_no_error (error);

  csv = export_to_string (f, GLOSS_EXCERPT_CSV, "codings.csv");
  g_assert_null (strstr (csv, ",=cmd"));
  g_assert_nonnull (strstr (csv, ",\"'=cmd|' /C calc'!A0\","));
  g_assert_null (strstr (csv, ",=HYPERLINK"));
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\","));

  by_coder = gloss_matrix_compute (f->project, GLOSS_MATRIX_CODE_CODER, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_matrix_write (by_coder, GLOSS_EXCERPT_CSV, matrix_csv, &error));
  g_assert_true (g_file_get_contents (matrix_csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ",\"'=cmd|' /C calc'!A0\""));
  g_clear_pointer (&contents, g_free);

  g_assert_true (gloss_matrix_write (by_coder, GLOSS_EXCERPT_HTML, matrix_html, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (matrix_html, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<th>=cmd|&#39; /C calc&#39;!A0</th>"));
  g_assert_nonnull (strstr (contents, "<td class=\"number\">1</td>"));

  for (const char *text = "=+-@\t\r"; *text != '\0'; text++)
    {
      char cell[] = { *text, '1', '\0' };

      g_string_truncate (field, 0);
      gloss_csv_append_field (field, cell);
      g_assert_cmpint (field->str[0], ==, '"');
      g_assert_cmpint (field->str[1], ==, '\'');
    }
  g_string_truncate (field, 0);
  gloss_csv_append_field (field, "plain text");
  g_assert_cmpstr (field->str, ==, "plain text");
}

/* Archives that must be refused leave nothing behind. */
static void
assert_refused (const char *dir,
                const char *archive)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (dir, "target.gloss", NULL);
  g_autoptr(GlossProject) project = gloss_qdpx_import (archive, target, NULL, NULL, &error);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n = 0;

  g_assert_null (project);
  g_assert_nonnull (error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (g_str_has_suffix (name, ".qdpx"));
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

static char *
make_archive (const char *dir,
              const char *entry,
              const char *contents,
              gboolean    link)
{
  g_autofree char *path = g_build_filename (dir, "bad.qdpx", NULL);
  int err = 0;
  zip_t *zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  zip_source_t *source;
  zip_int64_t index;

  source = zip_source_buffer (zip, contents, strlen (contents), 0);
  index = zip_file_add (zip, entry, source, ZIP_FL_ENC_UTF_8);
  g_assert_cmpint (index, >=, 0);
  if (link)
    zip_file_set_external_attributes (zip, index, 0, ZIP_OPSYS_UNIX, (0120777u) << 16);
  g_assert_cmpint (zip_close (zip), ==, 0);

  return g_steal_pointer (&path);
}

/* Another program's Variables, Cases and Sets, some of them odd: what can
 * be kept is, the rest is listed, and the import goes through. */
static void
test_qdpx_foreign_cases (void)
{
  static const char qde[] =
    "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">"
    "<CodeBook><Codes><Code guid=\"{0000000C-0000-4000-8000-000000000001}\" name=\"Money\" isCodable=\"true\"/></Codes></CodeBook>"
    "<Variables>"
    "<Variable guid=\"00000001-0000-4000-8000-000000000001\" name=\"Age\" typeOfVariable=\"Integer\"/>"
    "<Variable guid=\"00000001-0000-4000-8000-000000000002\" name=\"Since\" typeOfVariable=\"DateTime\"/>"
    "<Variable guid=\"00000001-0000-4000-8000-000000000003\" name=\"Unused\" typeOfVariable=\"Boolean\"/>"
    "</Variables>"
    "<Cases>"
    "<Case guid=\"00000002-0000-4000-8000-000000000001\" name=\"Org\">"
    "<VariableValue><VariableRef targetGUID=\"00000001-0000-4000-8000-000000000001\"/><IntegerValue>12</IntegerValue></VariableValue>"
    "<SourceRef targetGUID=\"00000003-0000-4000-8000-000000000001\"/>"
    "<SourceRef targetGUID=\"00000003-0000-4000-8000-00000000dead\"/>"
    "<SelectionRef targetGUID=\"00000004-0000-4000-8000-000000000001\"/>"
    "</Case>"
    "<Case guid=\"00000002-0000-4000-8000-000000000002\" name=\"Org\"/>"
    "</Cases>"
    "<Sources><TextSource guid=\"00000003-0000-4000-8000-000000000001\" name=\"Interview\">"
    "<PlainTextContent>We were asked, never heard.</PlainTextContent>"
    "<PlainTextSelection guid=\"00000004-0000-4000-8000-000000000001\" startPosition=\"3\" endPosition=\"12\"/>"
    "<VariableValue><VariableRef targetGUID=\"00000001-0000-4000-8000-000000000001\"/><IntegerValue>many</IntegerValue></VariableValue>"
    "<VariableValue><VariableRef targetGUID=\"00000001-0000-4000-8000-000000000002\"/><DateTimeValue>2020-05-01T10:00:00Z</DateTimeValue></VariableValue>"
    "<VariableValue><VariableRef targetGUID=\"00000001-0000-4000-8000-0000000000ff\"/><TextValue>?</TextValue></VariableValue>"
    "</TextSource></Sources>"
    "<Sets>"
    "<Set guid=\"00000005-0000-4000-8000-000000000001\" name=\"Mixed\">"
    "<MemberCode targetGUID=\"0000000c-0000-4000-8000-000000000001\"/>"
    "<MemberSource targetGUID=\"00000003-0000-4000-8000-000000000001\"/>"
    "</Set>"
    "<Set guid=\"00000005-0000-4000-8000-000000000002\" name=\"Money codes\">"
    "<MemberCode targetGUID=\"0000000C-0000-4000-8000-000000000001\"/></Set>"
    "<Set guid=\"00000005-0000-4000-8000-000000000003\" name=\"Ruled\"><Description>Rule: colour = red</Description></Set>"
    "</Sets>"
    "</Project>";
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *archive = make_archive (dir, "project.qde", qde, FALSE);
  g_autofree char *target = g_build_filename (dir, "foreign.gloss", NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_qdpx_import (archive, target, warnings, NULL, &error);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autofree char *since = NULL, *age = NULL, *all = NULL;
  gint64 doc, org;

  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_ptr_array_add (warnings, NULL);
  all = g_strjoinv ("\n", (char **) warnings->pdata);
  g_test_message ("%s", all);
  g_assert_nonnull (strstr (all, "“Interview”: Age: “many” is not a number; not imported"));
  g_assert_nonnull (strstr (all, "“Interview”: a value of an unknown variable is not imported"));
  g_assert_nonnull (strstr (all, "Case “Org”: a member that is not among the imported sources is left out"));
  g_assert_nonnull (strstr (all, "Set “Mixed”: its codes are left out"));
  g_assert_nonnull (strstr (all, "Set “Ruled”: its rule does not read here (No document attribute “colour” in the project); "
                                 "imported as a set of listed documents"));

  doc = gloss_project_find_document (project, "Interview", &error);
  since = gloss_project_get_attribute_value (project, gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "Since", NULL),
                                             doc, &error);
  g_assert_cmpstr (since, ==, "2020-05-01");
  g_assert_cmpint (gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "Unused", &error), >, 0);
  g_assert_no_error (error);

  /* Two cases of one name: the second is numbered. */
  cases = gloss_project_list_cases (project, &error);
  g_assert_cmpuint (cases->len, ==, 2);
  g_assert_cmpstr (((GlossCase *) cases->pdata[1])->name, ==, "Org (2)");
  org = gloss_project_find_case (project, "Org", &error);
  age = gloss_project_get_attribute_value (project, gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_CASE, "Age", NULL),
                                           org, &error);
  g_assert_cmpstr (age, ==, "12");
  members = gloss_project_list_case_members (project, org, &error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpint (((GlossCaseMember *) members->pdata[1])->start, ==, 3);
  g_assert_cmpint (((GlossCaseMember *) members->pdata[1])->end, ==, 12);

  /* Sets: documents of the mixed one, the code set, the rule that does not read as a listed set. */
  sets = gloss_project_list_sets (project, &error);
  g_assert_cmpuint (sets->len, ==, 3);
  g_assert_cmpint (((GlossSet *) sets->pdata[0])->kind, ==, GLOSS_SET_DOCUMENTS);
  g_assert_cmpint (((GlossSet *) sets->pdata[0])->n_members, ==, 1);
  g_assert_cmpint (((GlossSet *) sets->pdata[1])->kind, ==, GLOSS_SET_CODES);
  g_assert_cmpint (((GlossSet *) sets->pdata[1])->n_members, ==, 1);
  g_assert_null (((GlossSet *) sets->pdata[2])->rule);
}

static void
test_refused (void)
{
  static const char qde[] =
    "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"/>";
  static const char xxe[] =
    "<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&x;\"/>";
  const struct { const char *entry; const char *contents; gboolean link; } cases[] = {
    { "../evil.txt", "evil", FALSE },
    { "sources/../../evil.txt", "evil", FALSE },
    { "/tmp/evil.txt", "evil", FALSE },
    { "C:/evil.txt", "evil", FALSE },
    { "sources/link", "/etc/passwd", TRUE },
    { "project.qde", xxe, FALSE },
    { "notes.txt", qde, FALSE },   /* no project.qde */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *parent = gloss_test_make_tmpdir ();
      g_autofree char *dir = g_build_filename (parent, "inner", NULL);
      g_autofree char *archive = NULL;
      g_autofree char *evil = g_build_filename (parent, "evil.txt", NULL);

      g_mkdir (dir, 0755);
      archive = make_archive (dir, cases[i].entry, cases[i].contents, cases[i].link);
      assert_refused (dir, archive);
      g_assert_false (g_file_test (evil, G_FILE_TEST_EXISTS));
    }
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* The async variants run in a thread on their own connection. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "async.csv", NULL);
  g_autofree char *copy_path = g_build_filename (f->dir, "eve.gloss", NULL);
  g_autoptr(GlossMergeSummary) summary = NULL;
  GAsyncResult *result = NULL;
  GlossExcerptOptions options = { .coder_id = f->ana };

  gloss_project_export_async (f->project, "csv", &options, out, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gloss_project_export_finish (f->project, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&result);

  gloss_project_copy_for_coder_async (f->project, copy_path, "Eve", FALSE, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gloss_project_copy_for_coder_finish (f->project, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  gloss_project_merge_async (f->project, copy_path, GLOSS_MERGE_DEFAULT, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  summary = gloss_project_merge_finish (f->project, result, &error);
  g_clear_object (&result);
  gloss_matrix_compute_async (f->project, GLOSS_MATRIX_CODE_CODER, NULL, FALSE, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(GlossMatrix) matrix = gloss_matrix_compute_finish (f->project, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (matrix->col_labels->len, ==, 3);   /* Ana, Ben, Eve */
  }
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->added->len, ==, 1);   /* Eve */
  g_assert_cmpint (gloss_project_find_coder (f->project, "Eve", NULL), >, 0);
  g_clear_object (&result);
}

/* A coder's copy of a file that syncs with a team server does not sync:
 * it would log in as the lead's file does. */
static void
test_copy_leaves_team_server (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "synced-copy.gloss", NULL);
  g_autofree char *path = g_strdup (gloss_project_get_path (f->project));
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sync_server (id, uri, is_lead) VALUES (1, 'dbname=study', 1);"
                                     "INSERT INTO sync_row (tbl, guid, state) VALUES ('coder', 'x', '{}')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  uri = gloss_sync_dup_uri (f->project);
  g_assert_cmpstr (uri, ==, "dbname=study");

  g_assert_true (gloss_project_copy_for_coder (f->project, copy_path, "Ana", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (copy_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM sync_server) + (SELECT count(*) FROM sync_row)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exchange/copy/leaves-team-server", Fixture, NULL, fixture_setup, test_copy_leaves_team_server, fixture_teardown);
  g_test_add ("/exchange/qdpx/roundtrip", Fixture, NULL, fixture_setup, test_qdpx_roundtrip, fixture_teardown);
  g_test_add ("/exchange/qdpx/cases", Fixture, NULL, fixture_setup, test_qdpx_cases, fixture_teardown);
  g_test_add ("/exchange/merge/cases", Fixture, NULL, fixture_setup, test_merge_cases, fixture_teardown);
  g_test_add ("/exchange/qdc/roundtrip", Fixture, NULL, fixture_setup, test_qdc_roundtrip, fixture_teardown);
  g_test_add ("/exchange/merge/idempotent", Fixture, NULL, fixture_setup, test_merge_idempotent, fixture_teardown);
  g_test_add ("/exchange/merge/conflict", Fixture, NULL, fixture_setup, test_merge_conflict, fixture_teardown);
  g_test_add ("/exchange/merge/notes", Fixture, NULL, fixture_setup, test_merge_notes, fixture_teardown);
  g_test_add ("/exchange/merge/codable", Fixture, NULL, fixture_setup, test_merge_codable, fixture_teardown);
  g_test_add ("/exchange/merge/reanchor", Fixture, NULL, fixture_setup, test_merge_reanchor, fixture_teardown);
  g_test_add ("/exchange/excerpts/html-inert", Fixture, NULL, fixture_setup, test_html_inert, fixture_teardown);
  g_test_add ("/exchange/excerpts/json", Fixture, NULL, fixture_setup, test_json_annotations, fixture_teardown);
  g_test_add ("/exchange/excerpts/xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/exchange/matrix", Fixture, NULL, fixture_setup, test_matrix, fixture_teardown);
  g_test_add ("/exchange/csv-formulas", Fixture, NULL, fixture_setup, test_csv_formulas, fixture_teardown);
  g_test_add ("/exchange/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add_func ("/exchange/qdpx/refused", test_refused);
  g_test_add_func ("/exchange/qdpx/foreign-cases", test_qdpx_foreign_cases);

  return g_test_run ();
}
