/* gloss-project-invariants.c: what the rest of Gloss relies on and the
 * schema cannot say: GUIDs shaped as RFC 4122 asks, a codebook that is a
 * tree, pages that cut the text as it is, the project row
 *
 * A project file is an SQLite database anyone can edit. The checks here
 * find what another program may have put in it; the cheap ones run on
 * every open (a file failing them is refused unchanged), all of them run
 * for `gloss-cli check`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "gloss-project-private.h"

static const char * const guid_tables[] = { "project", "coder", "document", "code", "coding", "memo", "note" };

/* What each byte is in a GUID, and what each of its 36 places holds. */
enum { GUID_OTHER, GUID_HEX, GUID_DASH };

static const guint8 guid_byte_kind[256] = {
  ['0' ... '9'] = GUID_HEX, ['a' ... 'f'] = GUID_HEX, ['A' ... 'F'] = GUID_HEX, ['-'] = GUID_DASH,
};

#define H GUID_HEX
#define D GUID_DASH
static const guint8 guid_place_kind[36] = {
  H, H, H, H, H, H, H, H, D, H, H, H, H, D, H, H, H, H, D, H, H, H, H, D,
  H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef H
#undef D

/* 8-4-4-4-12 hexadecimal digits, as g_uuid_string_is_valid accepts
 * them, and nothing else: a shorter or longer text, a NUL inside. Every
 * byte is looked at, without a branch per byte. */
static gboolean
guid_is_shaped (const unsigned char *guid,
                int                  size)
{
  guint8 differs = 0;

  if (size != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    differs |= guid_byte_kind[guid[i]] ^ guid_place_kind[i];
  return differs == 0;
}

static void
guid_shaped_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  sqlite3_value *value = argv[0];
  gboolean shaped = FALSE;

  /* The type first: asking a number for its bytes would convert it. The
   * bytes of a text as a blob: no copy to end it with a NUL. */
  if (sqlite3_value_type (value) == SQLITE_TEXT)
    {
      const unsigned char *guid = sqlite3_value_blob (value);

      shaped = guid != NULL && guid_is_shaped (guid, sqlite3_value_bytes (value));
    }
  sqlite3_result_int (context, shaped);
}

/* One pass over each GUID, where a GLOB of 32 character classes walked
 * every pattern class with a UTF-8 decoder per character. */
static gboolean
register_guid_shaped (GlossProject *self)
{
  return sqlite3_create_function (self->db, "gloss_guid_shaped", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, guid_shaped_func, NULL, NULL) == SQLITE_OK;
}

static sqlite3_stmt *
prepare (GlossProject *self,
         const char   *sql)
{
  sqlite3_stmt *stmt = NULL;

  /* A missing table or column is reported by the schema check. */
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  return stmt;
}

/* Row ids go into sentences as text: a translatable string holds no
 * G_GINT64_FORMAT. */
static char *
id_text (sqlite3_stmt *stmt,
         int           column)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
}

typedef struct
{
  gint64  id;
  char   *shown;
} BadGuid;

static void
clear_bad_guid (gpointer data)
{
  g_free (((BadGuid *) data)->shown);
}

static int
compare_bad_guids (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = ((const BadGuid *) a)->id, y = ((const BadGuid *) b)->id;

  return (x > y) - (x < y);
}

/* On open the codings' GUIDs are read from their index (a fraction of the
 * table's pages) and the other tables' from their rows, then put in row
 * order: the rows found are few. @from_tables reads both for every table,
 * for a file whose index another program made differ from its table. */
static void
check_guids (GlossProject *self,
             gboolean      from_tables,
             GPtrArray    *problems)
{
  if (!register_guid_shaped (self))
    {
      g_ptr_array_add (problems, g_strdup (_("The GUIDs could not be checked.")));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (guid_tables); i++)
    {
      g_autoptr(GArray) bad = g_array_new (FALSE, FALSE, sizeof (BadGuid));

      g_array_set_clear_func (bad, clear_bad_guid);
      /* The rows themselves of every table whose GUIDs name files in an
       * export; of the codings, whose GUIDs only ever go into escaped text,
       * the index on open and the rows too for a check. */
      gboolean codings = g_str_equal (guid_tables[i], "coding");
      const gboolean read[] = { from_tables || codings, from_tables || !codings };  /* index, rows */

      for (guint pass = 0; pass < G_N_ELEMENTS (read); pass++)
        {
          g_autofree char *sql = NULL;
          sqlite3_stmt *stmt;

          if (!read[pass])
            continue;
          sql = g_strdup_printf ("SELECT id, guid FROM \"%s\"%s WHERE NOT gloss_guid_shaped (guid)",
                                 guid_tables[i], pass == 1 ? " NOT INDEXED" : "");
          if ((stmt = prepare (self, sql)) == NULL)
            continue;
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              BadGuid row = {
                sqlite3_column_int64 (stmt, 0),
                g_strescape ((const char *) sqlite3_column_text (stmt, 1) ?: "NULL", NULL),
              };
              g_array_append_val (bad, row);
            }
          sqlite3_finalize (stmt);
        }

      g_array_sort (bad, compare_bad_guids);
      for (guint j = 0; j < bad->len; j++)
        {
          BadGuid *row = &g_array_index (bad, BadGuid, j);
          const char *shown = row->shown;
          g_autofree char *id = NULL;

          /* Both passes find a row whose index says what it says. */
          if (j > 0 && g_array_index (bad, BadGuid, j - 1).id == row->id &&
              g_str_equal (g_array_index (bad, BadGuid, j - 1).shown, shown))
            continue;
          id = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
          g_ptr_array_add (problems,
                           g_strdup_printf (_("The row %s of the table “%s” has the GUID “%s”, "
                                              "which is not a GUID: exporting or merging it could write "
                                              "outside the place meant for it."),
                                            id, guid_tables[i], shown));
        }
    }
}

static void
check_project_row (GlossProject *self,
                   GPtrArray    *problems)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT count(*) FROM project WHERE id = 1");

  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0)
    g_ptr_array_add (problems, g_strdup (_("The table “project” has no row: the project has no title, "
                                           "GUID or dates.")));
  sqlite3_finalize (stmt);
}

typedef struct
{
  gint64  parent;
  char   *name;
  int     state;  /* 0 not seen, 1 on the current walk, 2 done */
} CodeNode;

static void
code_node_free (gpointer data)
{
  CodeNode *node = data;

  g_free (node->name);
  g_free (node);
}

/* Walks up from @start, marking the path; a code met again on the same
 * walk lies on a cycle, and so does every code from there back to it. */
static void
walk_up (GHashTable *nodes,
         gint64      start,
         GArray     *on_cycle)
{
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = start;
  CodeNode *node;

  while ((node = g_hash_table_lookup (nodes, &id)) != NULL && node->state == 0)
    {
      node->state = 1;
      g_array_append_val (path, id);
      id = node->parent;
    }
  if (node != NULL && node->state == 1)
    {
      guint i = path->len;
      while (i-- > 0)
        {
          g_array_append_val (on_cycle, g_array_index (path, gint64, i));
          if (g_array_index (path, gint64, i) == id)
            break;
        }
    }
  for (guint i = 0; i < path->len; i++)
    ((CodeNode *) g_hash_table_lookup (nodes, &g_array_index (path, gint64, i)))->state = 2;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The codes that lie on a cycle, in id order; @nodes gets every code. */
static GArray *
find_code_cycles (GlossProject *self,
                  GHashTable   *nodes)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *on_cycle = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = prepare (self, "SELECT id, parent_id, name FROM code ORDER BY id");

  if (stmt == NULL)
    return on_cycle;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CodeNode *node = g_new0 (CodeNode, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      node->parent = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 1);
      node->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2) ?: "");
      g_hash_table_insert (nodes, g_memdup2 (&id, sizeof id), node);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < ids->len; i++)
    walk_up (nodes, g_array_index (ids, gint64, i), on_cycle);

  g_array_sort (on_cycle, compare_ids);
  return on_cycle;
}

/* A code that is its own ancestor hangs nowhere in the tree: its codings
 * would vanish from the codebook and from every export. */
static void
check_code_cycles (GlossProject *self,
                   GPtrArray    *problems)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, code_node_free);
  g_autoptr(GArray) on_cycle = find_code_cycles (self, nodes);

  for (guint i = 0; i < on_cycle->len; i++)
    {
      gint64 id = g_array_index (on_cycle, gint64, i);
      const CodeNode *node = g_hash_table_lookup (nodes, &id);
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_ptr_array_add (problems,
                       g_strdup_printf (_("The code “%s” (%s) is its own parent or ancestor: "
                                          "the codebook is not a tree."), node->name, shown));
    }
}

gint64
_gloss_project_find_code_on_cycle (GlossProject *self)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, code_node_free);
  g_autoptr(GArray) on_cycle = find_code_cycles (self, nodes);

  return on_cycle->len > 0 ? g_array_index (on_cycle, gint64, 0) : 0;
}

/* Pages cut the document text in order: page 0 starts at 0, each next
 * page where the previous ends (a PDF's one character later: the form
 * feed between pages), and the last ends where the text does. */
static const char bad_pages_sql[] =
    "SELECT d.id, d.title FROM document d WHERE d.n_chars <> length (d.text) "
    "OR d.n_pages <> (SELECT count(*) FROM page WHERE document_id = d.id) "
    "OR EXISTS (SELECT 1 FROM ("
    "  SELECT idx, start, length, lag (start + length + (d.kind = 'pdf'), 1, 0) OVER (ORDER BY idx) AS expected,"
    "         row_number () OVER (ORDER BY idx) - 1 AS n"
    "  FROM page WHERE document_id = d.id)"
    "  WHERE idx <> n OR start <> expected OR length < 0 OR start + length > d.n_chars) "
    "OR (d.n_pages > 0 AND (SELECT start + length FROM page WHERE document_id = d.id "
    "                      ORDER BY idx DESC LIMIT 1) <> d.n_chars) "
    "ORDER BY d.id";

static void
check_pages (GlossProject *self,
             GPtrArray    *problems)
{
  sqlite3_stmt *stmt = prepare (self, bad_pages_sql);

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *id = id_text (stmt, 0);

      g_ptr_array_add (problems,
                     g_strdup_printf (_("The pages of the document “%s” (%s) do not match "
                                        "its text: a page starts beyond the text, or pages overlap or leave gaps."),
                                      (const char *) sqlite3_column_text (stmt, 1) ?: "",
                                      id));
    }
  sqlite3_finalize (stmt);
}

GArray *
_gloss_project_find_bad_pages (GlossProject *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = prepare (self, bad_pages_sql);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

static void
check_texts (GlossProject *self,
             GPtrArray    *problems)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT id, title, CAST (text AS BLOB) FROM document ORDER BY id");

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = sqlite3_column_blob (stmt, 2);
      int size = sqlite3_column_bytes (stmt, 2);

      g_autofree char *id = id_text (stmt, 0);

      if (text != NULL && !g_utf8_validate_len (text, size, NULL))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The text of the document “%s” (%s) "
                                            "is not valid UTF-8."),
                                          (const char *) sqlite3_column_text (stmt, 1) ?: "",
                                          id));
    }
  sqlite3_finalize (stmt);
}

/* The columns Gloss reads as text, other than GUIDs (checked above) and a
 * document's text (checked with its length). */
static const struct
{
  const char *table;
  const char *column;
} text_columns[] = {
  { "project", "title" },
  { "coder", "name" }, { "coder", "color" },
  { "document", "title" }, { "document", "filename" },
  { "code", "name" }, { "code", "color" }, { "code", "description" },
  { "coding", "quote" }, { "coding", "prefix" }, { "coding", "suffix" }, { "coding", "memo" },
  { "memo", "text" },
  { "note", "name" }, { "note", "text" }, { "note", "author_name" },
  { "attribute", "name" }, { "attribute", "choices" }, { "attribute", "description" },
  { "attribute_value", "value" },
  { "case_item", "name" }, { "case_item", "description" },
  { "set_item", "name" }, { "set_item", "rule" }, { "set_item", "description" },
};

void
_gloss_project_foreach_invalid_text (GlossProject         *self,
                                     GlossInvalidTextFunc  func,
                                     gpointer              user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT rowid, CAST (\"%s\" AS BLOB) FROM \"%s\" "
                                              "WHERE typeof (\"%s\") IN ('text', 'blob') ORDER BY rowid",
                                              text_columns[i].column, text_columns[i].table,
                                              text_columns[i].column);
      sqlite3_stmt *stmt = prepare (self, sql);
      gboolean go_on = TRUE;

      if (stmt == NULL)
        continue;
      while (go_on && sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *bytes = sqlite3_column_blob (stmt, 1);
          int size = sqlite3_column_bytes (stmt, 1);

          if (bytes != NULL && !g_utf8_validate_len (bytes, size, NULL))
            go_on = func (text_columns[i].table, text_columns[i].column, sqlite3_column_int64 (stmt, 0),
                          bytes, size, user_data);
        }
      sqlite3_finalize (stmt);
      if (!go_on)
        return;
    }
}

static gboolean
name_invalid_text (const char *table,
                   const char *column,
                   gint64      row_id,
                   const char *bytes,
                   int         size,
                   gpointer    user_data)
{
  GPtrArray *problems = user_data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row_id);

  g_ptr_array_add (problems,
                   g_strdup_printf (_("The column “%s” of the row %s of the table “%s” is not valid UTF-8."),
                                    column, id, table));
  return TRUE;
}

static void
check_strings (GlossProject *self,
               GPtrArray    *problems)
{
  _gloss_project_foreach_invalid_text (self, name_invalid_text, problems);
}

static void
check_pdf_blobs (GlossProject *self,
                 GPtrArray    *problems)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT d.id, d.title, d.password, b.bytes FROM document d "
                                      "JOIN document_blob b ON b.document_id = d.id "
                                      "WHERE d.kind = 'pdf' ORDER BY d.id");

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
      g_autoptr(GError) error = NULL;
      PopplerDocument *pdf = poppler_document_new_from_bytes (bytes, (const char *) sqlite3_column_text (stmt, 2),
                                                              &error);

      g_autofree char *id = id_text (stmt, 0);

      g_clear_object (&pdf);
      if (error != NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The PDF of the document “%s” (%s) "
                                            "cannot be read: %s"),
                                          (const char *) sqlite3_column_text (stmt, 1) ?: "",
                                          id, error->message));
    }
  sqlite3_finalize (stmt);
}

static void
check_cheap_invariants (GlossProject *self,
                        gboolean      from_tables,
                        GPtrArray    *problems)
{
  check_project_row (self, problems);
  check_guids (self, from_tables, problems);
  check_code_cycles (self, problems);
  check_pages (self, problems);
}

void
_gloss_project_check_open_invariants (GlossProject *self,
                                      GPtrArray    *problems)
{
  check_cheap_invariants (self, FALSE, problems);
}

void
_gloss_project_check_invariants (GlossProject *self,
                                 GPtrArray    *problems)
{
  check_cheap_invariants (self, TRUE, problems);
  check_texts (self, problems);
  check_strings (self, problems);
  check_pdf_blobs (self, problems);
}
