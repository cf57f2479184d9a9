/* gloss-condition.c: conditions over attributes ("type = refugee-led and
 * year >= 2021"), turned into SQL
 *
 * The grammar is in gloss-cases.h (gloss_project_match_documents). Names
 * and values may be several words: "type of actor = legal aid network"
 * reads as the attribute "type of actor" and the value "legal aid network".
 * Every value is bound, never pasted into the SQL; attribute ids, which
 * come from the file itself, are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-cases-private.h"

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,      /* a bare word */
  TOKEN_QUOTED,    /* "…" */
  TOKEN_OPEN,
  TOKEN_CLOSE,
  TOKEN_OP,        /* = != < <= > >= ~ */
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char      *text;
  gsize      start;   /* bytes of the condition it was read from */
  gsize      end;
} Token;

typedef struct
{
  GlossProject *project;
  GPtrArray    *tokens;    /* Token */
  guint         pos;
  const char   *doc_expr;
  int           next_bind;
  GPtrArray    *binds;
  GError      **error;
  guint         depth;
  GArray       *names;     /* NameSpan: when only walking the grammar */
} Parser;

/* Where a condition names an attribute, for rewriting it. */
typedef struct
{
  gsize  start;
  gsize  end;
  char  *name;
} NameSpan;

#define MAX_DEPTH 64

static void
token_free (gpointer data)
{
  Token *token = data;

  g_free (token->text);
  g_free (token);
}

static void
add_token (GPtrArray  *tokens,
           TokenKind   kind,
           const char *start,
           gsize       length,
           gsize       from,
           gsize       to)
{
  Token *token = g_new0 (Token, 1);

  token->kind = kind;
  token->text = g_strndup (start, length);
  token->start = from;
  token->end = to;
  g_ptr_array_add (tokens, token);
}

static gboolean
is_word_char (gunichar c)
{
  return !g_unichar_isspace (c) && c != '(' && c != ')' && c != '"' && c != '=' && c != '!' &&
         c != '<' && c != '>' && c != '~' && c != 0x2260 && c != 0x2264 && c != 0x2265;
}

/* The operators, with their Unicode spellings. */
static const struct { const char *text; const char *op; } operators[] = {
  { "<=", "<=" }, { ">=", ">=" }, { "!=", "!=" }, { "<>", "!=" }, { "==", "=" },
  { "\xe2\x89\xa4", "<=" }, { "\xe2\x89\xa5", ">=" }, { "\xe2\x89\xa0", "!=" },
  { "=", "=" }, { "<", "<" }, { ">", ">" }, { "~", "~" },
};

static GPtrArray *
tokenize (const char  *text,
          GError     **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (token_free);
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      gboolean matched = FALSE;

      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (c == '(' || c == ')')
        {
          add_token (tokens, c == '(' ? TOKEN_OPEN : TOKEN_CLOSE, p, 1, p - text, p - text + 1);
          p++;
          continue;
        }
      if (c == '"')
        {
          GString *str = g_string_new (NULL);
          const char *open = p;
          p++;
          /* A doubled quote stands for one. */
          while (*p != '\0' && !(*p == '"' && p[1] != '"'))
            {
              if (*p == '"')
                p++;
              g_string_append_c (str, *p++);
            }
          if (*p != '"')
            {
              g_string_free (str, TRUE);
              g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A quote is not closed"));
              return NULL;
            }
          p++;
          add_token (tokens, TOKEN_QUOTED, str->str, str->len, open - text, p - text);
          g_string_free (str, TRUE);
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (operators) && !matched; i++)
        if (g_str_has_prefix (p, operators[i].text))
          {
            add_token (tokens, TOKEN_OP, operators[i].op, strlen (operators[i].op),
                       p - text, p - text + strlen (operators[i].text));
            p += strlen (operators[i].text);
            matched = TRUE;
          }
      if (matched)
        continue;
      if (c == '!')
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("“!” stands only in “!=”"));
          return NULL;
        }

      {
        const char *start = p;
        while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
          p = g_utf8_next_char (p);
        add_token (tokens, TOKEN_WORD, start, p - start, start - text, p - text);
      }
    }

  add_token (tokens, TOKEN_END, "", 0, p - text, p - text);
  return g_steal_pointer (&tokens);
}

static Token *
peek (Parser *parser)
{
  return g_ptr_array_index (parser->tokens, parser->pos);
}

static gboolean
peek_keyword (Parser     *parser,
              const char *keyword)
{
  Token *token = peek (parser);

  return token->kind == TOKEN_WORD && g_ascii_strcasecmp (token->text, keyword) == 0;
}

static gboolean
fail (Parser     *parser,
      const char *message)
{
  Token *token = peek (parser);

  if (token->kind == TOKEN_END)
    g_set_error (parser->error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("%s at the end of the condition"), message);
  else
    g_set_error (parser->error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("%s at “%s”"), message, token->text);
  return FALSE;
}

/* Words up to an operator, a keyword in @stops, a bracket or the end,
 * joined by single spaces; or one quoted string. */
static char *
read_phrase (Parser             *parser,
             const char * const *stops)
{
  GString *str = g_string_new (NULL);
  Token *token = peek (parser);

  if (token->kind == TOKEN_QUOTED)
    {
      parser->pos++;
      g_string_append (str, token->text);
      return g_string_free (str, FALSE);
    }

  while ((token = peek (parser))->kind == TOKEN_WORD)
    {
      gboolean stop = FALSE;
      for (guint i = 0; stops[i] != NULL && !stop; i++)
        stop = g_ascii_strcasecmp (token->text, stops[i]) == 0;
      if (stop)
        break;
      if (str->len > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, token->text);
      parser->pos++;
    }

  if (str->len == 0)
    {
      g_string_free (str, TRUE);
      return NULL;
    }

  return g_string_free (str, FALSE);
}

static char *
add_bind (Parser     *parser,
          const char *value)
{
  g_ptr_array_add (parser->binds, g_strdup (value));
  return g_strdup_printf ("?%d", parser->next_bind++);
}

/* The SQL that finds the value rows of @attribute for the document. */
static char *
value_source (Parser               *parser,
              const GlossAttribute *attribute)
{
  if (attribute->target == GLOSS_ATTRIBUTE_ON_CASE)
    return g_strdup_printf ("FROM attribute_value v WHERE v.attribute_id = %" G_GINT64_FORMAT
                            " AND v.target_id IN (SELECT m.case_id FROM case_member m WHERE m.document_id = %s)",
                            attribute->id, parser->doc_expr);

  return g_strdup_printf ("FROM attribute_value v WHERE v.attribute_id = %" G_GINT64_FORMAT
                          " AND v.target_id = %s", attribute->id, parser->doc_expr);
}

static GlossAttribute *
lookup_attribute (Parser     *parser,
                  const char *name)
{
  GlossAttributeTarget target = GLOSS_ATTRIBUTE_ON_DOCUMENT;
  gint64 id;

  if (g_ascii_strncasecmp (name, "case.", 5) == 0)
    {
      target = GLOSS_ATTRIBUTE_ON_CASE;
      name += 5;
    }

  id = gloss_project_find_attribute (parser->project, target, name, parser->error);
  if (id == 0)
    return NULL;

  return gloss_project_get_attribute (parser->project, id, parser->error);
}

static char *
comparison_sql (Parser               *parser,
                const GlossAttribute *attribute,
                const char           *op,
                const char           *input)
{
  g_autofree char *source = value_source (parser, attribute);
  g_autofree char *value = NULL;
  g_autofree char *bind = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *sql_op = g_str_equal (op, "!=") ? "=" : op;
  gboolean negate = g_str_equal (op, "!=");
  char *test;

  if (g_str_equal (op, "~"))
    {
      bind = add_bind (parser, input);
      return g_strdup_printf ("EXISTS (SELECT 1 %s AND instr (lower (v.value), lower (%s)) > 0)", source, bind);
    }

  if (!gloss_attribute_normalize (attribute->type, (const char * const *) attribute->choices,
                                  input, &value, &local_error) || value == NULL)
    {
      g_set_error (parser->error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s: %s", attribute->name,
                   local_error != NULL ? local_error->message : _("a value is missing"));
      return NULL;
    }
  bind = add_bind (parser, value);

  if (attribute->type == GLOSS_ATTRIBUTE_NUMBER)
    test = g_strdup_printf ("EXISTS (SELECT 1 %s AND CAST (v.value AS REAL) %s CAST (%s AS REAL))",
                            source, sql_op, bind);
  else if (attribute->type == GLOSS_ATTRIBUTE_TEXT || attribute->type == GLOSS_ATTRIBUTE_CATEGORY)
    test = g_strdup_printf ("EXISTS (SELECT 1 %s AND v.value %s %s COLLATE NOCASE)", source, sql_op, bind);
  else
    test = g_strdup_printf ("EXISTS (SELECT 1 %s AND v.value %s %s)", source, sql_op, bind);

  if (negate)
    {
      char *negated = g_strdup_printf ("NOT %s", test);
      g_free (test);
      return negated;
    }

  return test;
}

static char *parse_or (Parser *parser);

static char *
parse_term (Parser *parser)
{
  static const char * const name_stops[] = { "is", NULL };
  static const char * const value_stops[] = { "and", "or", NULL };
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autofree char *op = NULL;
  Token *token;

  if (++parser->depth > MAX_DEPTH)
    {
      fail (parser, _("The condition is nested too deeply"));
      return NULL;
    }

  if (peek_keyword (parser, "not"))
    {
      g_autofree char *inner = NULL;
      parser->pos++;
      if ((inner = parse_term (parser)) == NULL)
        return NULL;
      parser->depth--;
      return g_strdup_printf ("NOT (%s)", inner);
    }

  if (peek (parser)->kind == TOKEN_OPEN)
    {
      g_autofree char *inner = NULL;
      parser->pos++;
      if ((inner = parse_or (parser)) == NULL)
        return NULL;
      if (peek (parser)->kind != TOKEN_CLOSE)
        {
          fail (parser, _("“)” is missing"));
          return NULL;
        }
      parser->pos++;
      parser->depth--;
      return g_strdup_printf ("(%s)", inner);
    }

  if ((name = read_phrase (parser, name_stops)) == NULL)
    {
      fail (parser, _("An attribute name is missing"));
      return NULL;
    }
  if ((attribute = lookup_attribute (parser, name)) == NULL)
    return NULL;

  parser->depth--;
  if (peek_keyword (parser, "is"))
    {
      g_autofree char *source = value_source (parser, attribute);
      gboolean negate = FALSE;

      parser->pos++;
      if (peek_keyword (parser, "not"))
        {
          negate = TRUE;
          parser->pos++;
        }
      if (!peek_keyword (parser, "empty"))
        {
          fail (parser, _("“empty” is missing"));
          return NULL;
        }
      parser->pos++;
      return g_strdup_printf ("%sEXISTS (SELECT 1 %s)", negate ? "" : "NOT ", source);
    }

  token = peek (parser);
  if (token->kind != TOKEN_OP)
    {
      fail (parser, _("A comparison (=, !=, <, <=, >, >=, ~) is missing"));
      return NULL;
    }
  op = g_strdup (token->text);
  parser->pos++;

  if ((value = read_phrase (parser, value_stops)) == NULL)
    {
      fail (parser, _("A value is missing"));
      return NULL;
    }

  return comparison_sql (parser, attribute, op, value);
}

static char *
parse_and (Parser *parser)
{
  g_autofree char *left = parse_term (parser);

  while (left != NULL && peek_keyword (parser, "and"))
    {
      g_autofree char *right = NULL;
      char *both;

      parser->pos++;
      if ((right = parse_term (parser)) == NULL)
        return NULL;
      both = g_strdup_printf ("%s AND %s", left, right);
      g_free (left);
      left = both;
    }

  return g_steal_pointer (&left);
}

static char *
parse_or (Parser *parser)
{
  g_autofree char *left = parse_and (parser);

  while (left != NULL && peek_keyword (parser, "or"))
    {
      g_autofree char *right = NULL;
      char *either;

      parser->pos++;
      if ((right = parse_and (parser)) == NULL)
        return NULL;
      either = g_strdup_printf ("(%s OR %s)", left, right);
      g_free (left);
      left = either;
    }

  return g_steal_pointer (&left);
}

char *
_gloss_condition_to_sql (GlossProject  *self,
                         const char    *where,
                         const char    *doc_expr,
                         int            first_bind,
                         GPtrArray     *binds,
                         GError       **error)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *sql = NULL;
  Parser parser = { 0 };

  if (where == NULL || !g_utf8_validate (where, -1, NULL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The condition is not valid text"));
      return NULL;
    }

  if ((tokens = tokenize (where, error)) == NULL)
    return NULL;

  parser.project = self;
  parser.tokens = tokens;
  parser.doc_expr = doc_expr;
  parser.next_bind = first_bind;
  parser.binds = binds;
  parser.error = error;

  if (peek (&parser)->kind == TOKEN_END)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The condition is empty"));
      return NULL;
    }

  if ((sql = parse_or (&parser)) == NULL)
    return NULL;

  if (peek (&parser)->kind != TOKEN_END)
    {
      fail (&parser, _("“and” or “or” is missing"));
      return NULL;
    }

  return g_steal_pointer (&sql);
}

void
_gloss_bind_texts (sqlite3_stmt *stmt,
                   int           first_bind,
                   GPtrArray    *binds)
{
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, first_bind + (int) i, g_ptr_array_index (binds, i), -1, SQLITE_TRANSIENT);
}

GArray *
gloss_project_match_documents (GlossProject  *self,
                               const char    *where,
                               GError       **error)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *condition = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if ((condition = _gloss_condition_to_sql (self, where, "d.id", 1, binds, error)) == NULL)
    return NULL;

  sql = g_strdup_printf ("SELECT d.id FROM document d WHERE d.removed = 0 AND (%s) ORDER BY d.id", condition);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot read the project"));
      return NULL;
    }
  _gloss_bind_texts (stmt, 1, binds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _gloss_set_sqlite_error (self->db, rc, error, _("Cannot read the project"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Renaming: the grammar walked without the project, to find the names. */

static gboolean walk_or (Parser *parser);

static void
name_span_clear (gpointer data)
{
  NameSpan *span = data;

  g_free (span->name);
}

static gboolean
walk_comparison (Parser *parser)
{
  static const char * const name_stops[] = { "is", NULL };
  static const char * const value_stops[] = { "and", "or", NULL };
  g_autofree char *value = NULL;
  guint first = parser->pos;
  NameSpan span;

  span.name = read_phrase (parser, name_stops);
  if (span.name == NULL)
    return FALSE;
  span.start = ((Token *) g_ptr_array_index (parser->tokens, first))->start;
  span.end = ((Token *) g_ptr_array_index (parser->tokens, parser->pos - 1))->end;
  g_array_append_val (parser->names, span);

  if (peek_keyword (parser, "is"))
    {
      parser->pos++;
      if (peek_keyword (parser, "not"))
        parser->pos++;
      if (!peek_keyword (parser, "empty"))
        return FALSE;
      parser->pos++;
      return TRUE;
    }

  if (peek (parser)->kind != TOKEN_OP)
    return FALSE;
  parser->pos++;
  value = read_phrase (parser, value_stops);

  return value != NULL;
}

static gboolean
walk_term (Parser *parser)
{
  gboolean ok;

  if (++parser->depth > MAX_DEPTH)
    return FALSE;

  if (peek_keyword (parser, "not"))
    {
      parser->pos++;
      ok = walk_term (parser);
    }
  else if (peek (parser)->kind == TOKEN_OPEN)
    {
      parser->pos++;
      ok = walk_or (parser) && peek (parser)->kind == TOKEN_CLOSE;
      if (ok)
        parser->pos++;
    }
  else
    ok = walk_comparison (parser);

  parser->depth--;
  return ok;
}

static gboolean
walk_or (Parser *parser)
{
  if (!walk_term (parser))
    return FALSE;

  while (peek_keyword (parser, "and") || peek_keyword (parser, "or"))
    {
      parser->pos++;
      if (!walk_term (parser))
        return FALSE;
    }

  return TRUE;
}

/* Whether @name, written bare, would read back as that one name. */
static gboolean
reads_as_name (const char *name)
{
  static const char * const keywords[] = { "is", "not", "and", "or", "empty", NULL };
  g_autoptr(GPtrArray) tokens = tokenize (name, NULL);
  g_autoptr(GString) joined = g_string_new (NULL);

  if (tokens == NULL)
    return FALSE;

  for (guint i = 0; i + 1 < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (token->kind != TOKEN_WORD)
        return FALSE;
      for (guint k = 0; keywords[k] != NULL; k++)
        if (g_ascii_strcasecmp (token->text, keywords[k]) == 0)
          return FALSE;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, token->text);
    }

  return joined->len > 0 && g_str_equal (joined->str, name);
}

static char *
quote_name (const char *name)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

/* Whether the name read in a condition stands for @name on @target. */
static gboolean
names_attribute (const char           *read,
                 GlossAttributeTarget  target,
                 const char           *name)
{
  g_autofree char *clean = NULL;
  gboolean on_case = g_ascii_strncasecmp (read, "case.", 5) == 0;

  if (on_case != (target == GLOSS_ATTRIBUTE_ON_CASE))
    return FALSE;

  clean = g_strstrip (g_strdup (on_case ? read + 5 : read));
  return g_ascii_strcasecmp (clean, name) == 0;
}

char *
_gloss_condition_rename_attribute (const char           *where,
                                   GlossAttributeTarget  target,
                                   const char           *old_name,
                                   const char           *new_name)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (NameSpan));
  g_autoptr(GString) out = NULL;
  g_autofree char *written = NULL;
  Parser parser = { 0 };
  gsize copied = 0;
  gboolean renamed = FALSE;

  if (target == GLOSS_ATTRIBUTE_ON_CODER || where == NULL || !g_utf8_validate (where, -1, NULL) ||
      (tokens = tokenize (where, NULL)) == NULL)
    return NULL;

  g_array_set_clear_func (names, name_span_clear);
  parser.tokens = tokens;
  parser.names = names;
  if (!walk_or (&parser) || peek (&parser)->kind != TOKEN_END)
    return NULL;

  written = g_strconcat (target == GLOSS_ATTRIBUTE_ON_CASE ? "case." : "", new_name, NULL);
  if (!reads_as_name (written))
    {
      char *quoted = quote_name (written);
      g_free (written);
      written = quoted;
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    {
      NameSpan *span = &g_array_index (names, NameSpan, i);

      if (!names_attribute (span->name, target, old_name))
        continue;
      g_string_append_len (out, where + copied, span->start - copied);
      g_string_append (out, written);
      copied = span->end;
      renamed = TRUE;
    }

  if (!renamed)
    return NULL;

  g_string_append (out, where + copied);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
