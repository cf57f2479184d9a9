/* gloss-query.c: codings of one code related to those of another, within
 * a scope of documents and coders
 *
 * The codings of A and B are read once, light (ids and ranges), in text
 * order per document. For each coding of A the codings of B it may meet
 * are found by binary search on their starts, with the running maximum of
 * their ends, so a document with many codings costs n log n, not n².
 * Only the codings found are then read whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-cases-private.h"
#include "gloss-query.h"

typedef struct
{
  gint64 id;
  gint64 document_id;
  gint64 coder_id;
  gint64 code_id;
  gint64 start;
  gint64 end;
} Row;

static const char * const operator_names[] = { "only", "and", "or", "not" };
static const char * const relation_names[] = { "overlaps", "within", "near", "same-document" };

const char *
gloss_query_operator_to_string (GlossQueryOperator op)
{
  return (guint) op < G_N_ELEMENTS (operator_names) ? operator_names[op] : "only";
}

gboolean
gloss_query_operator_from_string (const char         *str,
                                  GlossQueryOperator *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (operator_names); i++)
    if (g_strcmp0 (str, operator_names[i]) == 0)
      {
        *op = (GlossQueryOperator) i;
        return TRUE;
      }

  return FALSE;
}

const char *
gloss_query_relation_to_string (GlossQueryRelation relation)
{
  return (guint) relation < G_N_ELEMENTS (relation_names) ? relation_names[relation] : "overlaps";
}

gboolean
gloss_query_relation_from_string (const char         *str,
                                  GlossQueryRelation *relation)
{
  for (guint i = 0; i < G_N_ELEMENTS (relation_names); i++)
    if (g_strcmp0 (str, relation_names[i]) == 0)
      {
        *relation = (GlossQueryRelation) i;
        return TRUE;
      }

  return FALSE;
}

/* Scopes */

gboolean
gloss_scope_is_empty (const GlossScope *scope)
{
  return scope == NULL ||
         (scope->set_id == 0 && scope->where == NULL &&
          (scope->coder_ids == NULL || scope->coder_ids->len == 0));
}

void
gloss_scope_clear (GlossScope *scope)
{
  scope->set_id = 0;
  g_clear_pointer (&scope->where, g_free);
  g_clear_pointer (&scope->coder_ids, g_array_unref);
}

void
gloss_scope_copy (const GlossScope *from,
                  GlossScope       *to)
{
  to->set_id = from->set_id;
  to->where = g_strdup (from->where);
  to->coder_ids = NULL;
  if (from->coder_ids != NULL)
    {
      to->coder_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), from->coder_ids->len);
      g_array_append_vals (to->coder_ids, from->coder_ids->data, from->coder_ids->len);
    }
}

static GArray *
all_documents (GlossProject  *self,
               GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _gloss_project_prepare (self, "SELECT id FROM document WHERE removed = 0 ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&ids);
}

/* The ids in both ascending arrays. */
static GArray *
intersect (GArray *a,
           GArray *b)
{
  GArray *both = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i = 0, j = 0;

  while (i < a->len && j < b->len)
    {
      gint64 x = g_array_index (a, gint64, i);
      gint64 y = g_array_index (b, gint64, j);

      if (x == y)
        {
          g_array_append_val (both, x);
          i++, j++;
        }
      else if (x < y)
        i++;
      else
        j++;
    }

  return both;
}

GArray *
gloss_project_scope_documents (GlossProject      *self,
                               const GlossScope  *scope,
                               GError           **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if (scope == NULL || (scope->set_id == 0 && scope->where == NULL))
    return all_documents (self, error);

  if (scope->set_id != 0)
    {
      g_autoptr(GlossSet) set = gloss_project_get_set (self, scope->set_id, error);

      if (set == NULL)
        return NULL;
      if (set->kind != GLOSS_SET_DOCUMENTS)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                       _("“%s” is a set of codes, not of documents"), set->name);
          return NULL;
        }
      if ((ids = gloss_project_get_set_members (self, scope->set_id, error)) == NULL)
        return NULL;
    }

  if (scope->where != NULL)
    {
      g_autoptr(GArray) matched = gloss_project_match_documents (self, scope->where, error);

      if (matched == NULL)
        return NULL;
      if (ids == NULL)
        return g_steal_pointer (&matched);
      return intersect (ids, matched);
    }

  return g_steal_pointer (&ids);
}

/* Queries */

GlossQuery *
gloss_query_new (void)
{
  return g_new0 (GlossQuery, 1);
}

GlossQuery *
gloss_query_copy (const GlossQuery *query)
{
  GlossQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_memdup2 (query, sizeof *query);
  gloss_scope_copy (&query->scope, &copy->scope);
  return copy;
}

void
gloss_query_free (GlossQuery *query)
{
  if (query == NULL)
    return;

  gloss_scope_clear (&query->scope);
  g_free (query);
}

static GHashTable *
id_set (const gint64 *ids,
        guint         n)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    g_hash_table_add (set, g_memdup2 (&ids[i], sizeof (gint64)));

  return set;
}

/* The code and, with @children, every code below it. */
static GArray *
code_family (GlossProject  *self,
             gint64         code_id,
             gboolean       children,
             GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (!_gloss_project_code_exists (self, code_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("No code %" PRId64 " in the project"), code_id);
      return NULL;
    }

  if (!children)
    {
      g_array_append_val (ids, code_id);
      return g_steal_pointer (&ids);
    }

  stmt = _gloss_project_prepare (self,
                                 "WITH RECURSIVE family (id) AS (SELECT ?1 UNION ALL "
                                 "SELECT c.id FROM code c JOIN family f ON c.parent_id = f.id) "
                                 "SELECT id FROM family", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, code_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&ids);
}

static char *
join_ids (GArray *ids)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (str, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "", g_array_index (ids, gint64, i));

  return g_string_free (str, FALSE);
}

/* The light rows of the codings of @codes in @documents and, when not
 * NULL, by @coders, in text order. */
static GArray *
fetch_rows (GlossProject  *self,
            GArray        *codes,
            GHashTable    *documents,
            GHashTable    *coders,
            GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autofree char *list = join_ids (codes);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* No join with document: its rows carry the whole text, and reading
   * "removed" behind it for every coding costs more than the rest. The
   * caller's set of documents leaves the removed ones out. */
  sql = g_strdup_printf ("SELECT c.id, c.document_id, c.coder_id, c.code_id, c.start, c.end "
                         "FROM coding c WHERE c.code_id IN (%s) "
                         "ORDER BY c.document_id, c.start, c.end, c.id", list);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot read the codings"));
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5),
      };

      if (!g_hash_table_contains (documents, &row.document_id) ||
          (coders != NULL && !g_hash_table_contains (coders, &row.coder_id)))
        continue;
      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _gloss_set_sqlite_error (self->db, rc, error, _("Cannot read the codings"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* One document's codings of B, with the running maximum of their ends. */
typedef struct
{
  const Row *rows;
  guint      n;
  gint64    *max_end;  /* max_end[i]: the largest end among rows[0..i] */
} Side;

/* The number of rows whose start is at most @limit. */
static guint
count_starting_by (const Side *side,
                   gint64      limit)
{
  guint lo = 0, hi = side->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (side->rows[mid].start <= limit)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Does some coding of B other than @a itself relate to @a? */
static gboolean
relates (const GlossQuery *query,
         const Row        *a,
         const Side       *b,
         gboolean          shared_codes)
{
  gint64 reach = query->relation == GLOSS_QUERY_NEAR ? MAX (query->distance, 0) : 0;
  guint k;

  if (b->n == 0)
    return FALSE;

  switch (query->relation)
    {
    case GLOSS_QUERY_SAME_DOCUMENT:
      return !shared_codes || b->n > 1 || b->rows[0].id != a->id;

    case GLOSS_QUERY_WITHIN:
      for (guint i = count_starting_by (b, a->start - 1); i < b->n && b->rows[i].start < a->end; i++)
        if (b->rows[i].end <= a->end && b->rows[i].id != a->id)
          return TRUE;
      return FALSE;

    case GLOSS_QUERY_NEAR:
    case GLOSS_QUERY_OVERLAPS:
    default:
      /* Overlap: b.start < a.end and b.end > a.start. Near N: the gap
       * between them is at most N characters. */
      k = query->relation == GLOSS_QUERY_NEAR ? count_starting_by (b, a->end + reach)
                                               : count_starting_by (b, a->end - 1);
      if (k == 0)
        return FALSE;
      if (!shared_codes)
        return query->relation == GLOSS_QUERY_NEAR ? b->max_end[k - 1] >= a->start - reach
                                                   : b->max_end[k - 1] > a->start;
      for (guint i = 0; i < k; i++)
        {
          gboolean meets = query->relation == GLOSS_QUERY_NEAR ? b->rows[i].end >= a->start - reach
                                                               : b->rows[i].end > a->start;
          if (meets && b->rows[i].id != a->id)
            return TRUE;
        }
      return FALSE;
    }
}

/* The ids of the codings of A that B relates to (or, with NOT, does not). */
static void
match_rows (const GlossQuery *query,
            GArray           *a_rows,
            GArray           *b_rows,
            gboolean          shared_codes,
            GArray           *hits)
{
  g_autofree gint64 *max_end = g_new (gint64, MAX (b_rows->len, 1));
  guint j = 0;

  for (guint i = 0; i < b_rows->len; i++)
    {
      const Row *row = &g_array_index (b_rows, Row, i);
      gboolean first = i == 0 || g_array_index (b_rows, Row, i - 1).document_id != row->document_id;
      max_end[i] = first ? row->end : MAX (max_end[i - 1], row->end);
    }

  for (guint i = 0; i < a_rows->len; i++)
    {
      const Row *a = &g_array_index (a_rows, Row, i);
      Side side = { NULL, 0, NULL };
      guint end;
      gboolean found;

      while (j < b_rows->len && g_array_index (b_rows, Row, j).document_id < a->document_id)
        j++;
      for (end = j; end < b_rows->len && g_array_index (b_rows, Row, end).document_id == a->document_id; end++)
        ;
      side.rows = &g_array_index (b_rows, Row, 0) + j;
      side.n = end - j;
      side.max_end = max_end + j;

      found = relates (query, a, &side, shared_codes);
      if (found == (query->op == GLOSS_QUERY_AND))
        g_array_append_val (hits, a->id);
    }
}

static gboolean
families_share (GArray *a,
                GArray *b)
{
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      if (g_array_index (a, gint64, i) == g_array_index (b, gint64, j))
        return TRUE;

  return FALSE;
}

#define CHUNK 500

/* The whole codings of @ids, in text order. */
static GPtrArray *
fetch_codings (GlossProject  *self,
               GArray        *ids,
               GError       **error)
{
  g_autoptr(GPtrArray) codings = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coding_free);

  for (guint from = 0; from < ids->len; from += CHUNK)
    {
      g_autoptr(GArray) chunk = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *list = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_array_append_vals (chunk, &g_array_index (ids, gint64, from), MIN (CHUNK, ids->len - from));
      list = join_ids (chunk);
      sql = g_strdup_printf ("SELECT " GLOSS_CODING_SELECT_COLUMNS " FROM coding c WHERE c.id IN (%s)", list);
      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          _gloss_project_set_error (self, error, _("Cannot read the codings"));
          return NULL;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (codings, _gloss_coding_from_row (stmt));
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          _gloss_set_sqlite_error (self->db, rc, error, _("Cannot read the codings"));
          return NULL;
        }
    }

  return g_steal_pointer (&codings);
}

static int
compare_codings (gconstpointer a,
                 gconstpointer b)
{
  const GlossCoding *x = *(GlossCoding * const *) a;
  const GlossCoding *y = *(GlossCoding * const *) b;

  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
append_row_ids (GArray *rows,
                GArray *ids)
{
  for (guint i = 0; i < rows->len; i++)
    g_array_append_val (ids, g_array_index (rows, Row, i).id);
}

GPtrArray *
gloss_project_run_query (GlossProject      *self,
                         const GlossQuery  *query,
                         GError           **error)
{
  g_autoptr(GArray) documents = NULL;
  g_autoptr(GHashTable) document_set = NULL;
  g_autoptr(GHashTable) coder_set = NULL;
  g_autoptr(GArray) family_a = NULL;
  g_autoptr(GArray) family_b = NULL;
  g_autoptr(GArray) a_rows = NULL;
  g_autoptr(GArray) b_rows = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *codings;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if ((family_a = code_family (self, query->code_a, query->a_children, error)) == NULL)
    return NULL;
  if (query->op != GLOSS_QUERY_ONLY &&
      (family_b = code_family (self, query->code_b, query->b_children, error)) == NULL)
    return NULL;

  if ((documents = gloss_project_scope_documents (self, &query->scope, error)) == NULL)
    return NULL;
  document_set = id_set ((const gint64 *) documents->data, documents->len);
  if (query->scope.coder_ids != NULL && query->scope.coder_ids->len > 0)
    coder_set = id_set ((const gint64 *) query->scope.coder_ids->data, query->scope.coder_ids->len);

  if ((a_rows = fetch_rows (self, family_a, document_set, coder_set, error)) == NULL)
    return NULL;

  switch (query->op)
    {
    case GLOSS_QUERY_ONLY:
      append_row_ids (a_rows, hits);
      break;
    case GLOSS_QUERY_OR:
      {
        g_autoptr(GArray) both = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

        if ((b_rows = fetch_rows (self, family_b, document_set, coder_set, error)) == NULL)
          return NULL;
        append_row_ids (a_rows, both);
        append_row_ids (b_rows, both);
        for (guint i = 0; i < both->len; i++)
          if (g_hash_table_add (seen, &g_array_index (both, gint64, i)))
            g_array_append_val (hits, g_array_index (both, gint64, i));
      }
      break;
    case GLOSS_QUERY_AND:
    case GLOSS_QUERY_NOT:
    default:
      if ((b_rows = fetch_rows (self, family_b, document_set, coder_set, error)) == NULL)
        return NULL;
      match_rows (query, a_rows, b_rows, families_share (family_a, family_b), hits);
      break;
    }

  if ((codings = fetch_codings (self, hits, error)) == NULL)
    return NULL;
  g_ptr_array_sort (codings, compare_codings);

  return codings;
}

/* Describing */

static char *
code_label (GlossProject *self,
            gint64        code_id,
            gboolean      children)
{
  g_autofree char *path = gloss_project_dup_code_path (self, code_id, NULL);

  if (path == NULL)
    path = g_strdup_printf ("%" G_GINT64_FORMAT, code_id);

  return children ? g_strdup_printf (_("%s (with the codes below it)"), path) : g_steal_pointer (&path);
}

static const char *
relation_phrase (GlossQueryRelation relation)
{
  switch (relation)
    {
    case GLOSS_QUERY_WITHIN:
      return _("containing");
    case GLOSS_QUERY_NEAR:
      return _("near");
    case GLOSS_QUERY_SAME_DOCUMENT:
      return _("in a document with");
    case GLOSS_QUERY_OVERLAPS:
    default:
      return _("overlapping");
    }
}

static void
describe_scope (GlossProject     *self,
                const GlossScope *scope,
                GString          *out)
{
  if (scope->set_id != 0)
    {
      g_autoptr(GlossSet) set = gloss_project_get_set (self, scope->set_id, NULL);
      g_string_append_printf (out, _(" in the set “%s”"), set != NULL ? set->name : "?");
    }

  if (scope->where != NULL)
    g_string_append_printf (out, _(" in documents where %s"), scope->where);

  if (scope->coder_ids != NULL && scope->coder_ids->len > 0)
    {
      g_string_append (out, _(" by "));
      for (guint i = 0; i < scope->coder_ids->len; i++)
        {
          g_autoptr(GlossCoder) coder = gloss_project_get_coder (self, g_array_index (scope->coder_ids, gint64, i), NULL);
          if (i > 0)
            g_string_append (out, i + 1 == scope->coder_ids->len ? _(" or ") : ", ");
          g_string_append (out, coder != NULL ? coder->name : "?");
        }
    }
}

char *
gloss_query_describe (GlossProject     *self,
                      const GlossQuery *query)
{
  g_autofree char *a = code_label (self, query->code_a, query->a_children);
  g_autofree char *b = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if (query->op != GLOSS_QUERY_ONLY)
    b = code_label (self, query->code_b, query->b_children);

  switch (query->op)
    {
    case GLOSS_QUERY_ONLY:
      g_string_append_printf (out, _("Codings of %s"), a);
      break;
    case GLOSS_QUERY_OR:
      g_string_append_printf (out, _("Codings of %s or %s"), a, b);
      break;
    case GLOSS_QUERY_NOT:
      g_string_append_printf (out, _("Codings of %s not %s %s"), a, relation_phrase (query->relation), b);
      break;
    case GLOSS_QUERY_AND:
    default:
      g_string_append_printf (out, _("Codings of %s %s %s"), a, relation_phrase (query->relation), b);
      break;
    }

  if (query->op != GLOSS_QUERY_ONLY && query->op != GLOSS_QUERY_OR && query->relation == GLOSS_QUERY_NEAR)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " (within %" PRId64 " character)",
                                              " (within %" PRId64 " characters)", query->distance),
                            query->distance);

  describe_scope (self, &query->scope, out);
  return g_string_free (out, FALSE);
}
