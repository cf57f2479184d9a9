/* gloss-load-scan.c: the codings of a load file read in one pass
 *
 * A load of 200,000 codings spent most of its reading in building a tree
 * of JSON nodes, one hash table per coding. The codings list is read here
 * straight into plain records; the rest of the file (coders, codes, cases,
 * a few hundred bytes) is handed on as JSON text. Whatever is not of the
 * plain shape makes the scan give up, and the full parser reads the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-load-scan.h"

typedef struct
{
  const char   *p, *end;
  GString      *buf;       /* the last string read, unescaped */
  GStringChunk *strings;
} Scanner;

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

/* Skips white space and @c. */
static gboolean
take (Scanner *s,
      char     c)
{
  skip_space (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

static gboolean
read_hex4 (Scanner  *s,
           gunichar *unit)
{
  *unit = 0;
  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (s->p[i]);

      if (d < 0)
        return FALSE;
      *unit = *unit * 16 + d;
    }
  s->p += 4;
  return TRUE;
}

/* An escape after its backslash; \u0000 and lone surrogates give up. */
static gboolean
read_escape (Scanner *s)
{
  static const char from[] = "\"\\/bfnrt";
  static const char to[] = "\"\\/\b\f\n\r\t";
  const char *found;
  gunichar c, low;

  if (s->p >= s->end)
    return FALSE;
  if (*s->p != 'u')
    {
      if (*s->p == '\0' || (found = strchr (from, *s->p)) == NULL)
        return FALSE;
      g_string_append_c (s->buf, to[found - from]);
      s->p++;
      return TRUE;
    }
  s->p++;
  if (!read_hex4 (s, &c) || c == 0 || (c >= 0xDC00 && c <= 0xDFFF))
    return FALSE;
  if (c >= 0xD800 && c <= 0xDBFF)
    {
      if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
        return FALSE;
      s->p += 2;
      if (!read_hex4 (s, &low) || low < 0xDC00 || low > 0xDFFF)
        return FALSE;
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }
  g_string_append_unichar (s->buf, c);
  return TRUE;
}

/* A string, unescaped into s->buf. */
static gboolean
read_string (Scanner *s)
{
  const char *run;

  if (!take (s, '"'))
    return FALSE;
  g_string_truncate (s->buf, 0);
  run = s->p;
  while (s->p < s->end)
    {
      unsigned char c = *s->p;

      if (c == '"')
        {
          g_string_append_len (s->buf, run, s->p - run);
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c == '\\')
        {
          g_string_append_len (s->buf, run, s->p - run);
          s->p++;
          if (!read_escape (s))
            return FALSE;
          run = s->p;
        }
      else
        s->p++;
    }
  return FALSE;
}

static gboolean
take_word (Scanner    *s,
           const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return FALSE;
  s->p += n;
  return TRUE;
}

/* A number as JSON writes one: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
skip_number (Scanner *s)
{
  const char *start;

  if (s->p < s->end && *s->p == '-')
    s->p++;
  start = s->p;
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  if (s->p == start || (*start == '0' && s->p - start > 1))
    return FALSE;
  if (s->p < s->end && *s->p == '.')
    {
      start = ++s->p;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
      if (s->p == start)
        return FALSE;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      start = s->p;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
      if (s->p == start)
        return FALSE;
    }
  return TRUE;
}

static gboolean skip_value (Scanner *s);

/* The members or elements of an object or a list after its opening. */
static gboolean
skip_items (Scanner *s,
            char     close,
            gboolean members)
{
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      if ((members && (!read_string (s) || !take (s, ':'))) || !skip_value (s))
        return FALSE;
      skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p++ == close)
        return TRUE;
      if (s->p[-1] != ',')
        return FALSE;
    }
}

/* Any value, checked as it is skipped. The file's depth is bounded before. */
static gboolean
skip_value (Scanner *s)
{
  skip_space (s);
  if (s->p >= s->end)
    return FALSE;
  switch (*s->p)
    {
    case '"':
      return read_string (s);
    case '{':
      s->p++;
      return skip_items (s, '}', TRUE);
    case '[':
      s->p++;
      return skip_items (s, ']', FALSE);
    case 't':
      return take_word (s, "true");
    case 'f':
      return take_word (s, "false");
    case 'n':
      return take_word (s, "null");
    default:
      return skip_number (s);
    }
}

typedef enum
{
  VALUE_NULL,
  VALUE_TEXT,
  VALUE_WHOLE,
} ValueKind;

/* A whole number that fits in 64 bits; anything else gives up. */
static gboolean
read_whole (Scanner *s,
            gint64  *value)
{
  const char *start = s->p;
  gboolean negative = s->p < s->end && *s->p == '-';
  guint64 n = 0;

  if (negative)
    s->p++;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p) || (*s->p == '0' && s->p + 1 < s->end && g_ascii_isdigit (s->p[1])))
    return FALSE;
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    {
      guint digit = *s->p++ - '0';

      if (n > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      n = n * 10 + digit;
    }
  if (s->p < s->end && (*s->p == '.' || *s->p == 'e' || *s->p == 'E'))
    return FALSE;
  if (n > (guint64) G_MAXINT64 + negative || s->p - start > 20)
    return FALSE;
  *value = negative ? (gint64) (0 - n) : (gint64) n;
  return TRUE;
}

/* Text, a whole number or null; anything else gives up. */
static gboolean
read_simple (Scanner    *s,
             ValueKind  *kind,
             const char **text,
             gint64      *whole)
{
  skip_space (s);
  if (s->p >= s->end)
    return FALSE;
  if (*s->p == '"')
    {
      if (!read_string (s))
        return FALSE;
      *kind = VALUE_TEXT;
      *text = g_string_chunk_insert_len (s->strings, s->buf->str, s->buf->len);
      return TRUE;
    }
  if (*s->p == 'n')
    {
      *kind = VALUE_NULL;
      return take_word (s, "null");
    }
  *kind = VALUE_WHOLE;
  return read_whole (s, whole);
}

typedef enum
{
  MEMBER_DOCUMENT,
  MEMBER_CODER,
  MEMBER_CODE,
  MEMBER_MEMO,
  MEMBER_MATCH,
  MEMBER_START,
  MEMBER_END,
  MEMBER_OCCURRENCE,
  N_MEMBERS,
} Member;

static const char * const member_names[N_MEMBERS] = {
  "document", "coder", "code", "memo", "match", "start", "end", "occurrence",
};

static int
member_of (const char *name)
{
  for (int i = 0; i < N_MEMBERS; i++)
    if (strcmp (name, member_names[i]) == 0)
      return i;
  return -1;
}

/* Puts a value the load reads into @c; a member of the wrong kind gives
 * up, so that the full parser names it. */
static gboolean
store (GlossLoadCoding *c,
       Member           member,
       ValueKind        kind,
       const char      *text,
       gint64           whole)
{
  const char **texts[] = { NULL, &c->coder, &c->code, &c->memo, &c->match };
  gint64 *wholes[] = { &c->start, &c->end, &c->occurrence };
  gboolean *present[] = { &c->has_start, &c->has_end, &c->has_occurrence };

  if (member == MEMBER_DOCUMENT)
    {
      c->document_kind = kind == VALUE_TEXT ? GLOSS_LOAD_DOCUMENT_TITLE
                         : kind == VALUE_WHOLE ? GLOSS_LOAD_DOCUMENT_ID : GLOSS_LOAD_DOCUMENT_NONE;
      c->document_title = text;
      c->document_id = whole;
      return TRUE;
    }
  if (member < MEMBER_START)
    {
      if (kind == VALUE_WHOLE)
        return FALSE;
      *texts[member] = text;
      return TRUE;
    }
  if (kind == VALUE_TEXT)
    return FALSE;
  *present[member - MEMBER_START] = kind == VALUE_WHOLE;
  if (kind == VALUE_WHOLE)
    *wholes[member - MEMBER_START] = whole;
  return TRUE;
}

static gboolean
read_coding (Scanner         *s,
             GlossLoadCoding *c)
{
  guint seen = 0;

  *c = (GlossLoadCoding) { .occurrence = 1 };
  if (!take (s, '{'))
    return FALSE;
  skip_space (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      int member;

      if (!read_string (s) || !take (s, ':'))
        return FALSE;
      member = member_of (s->buf->str);
      if (member < 0)
        {
          if (!skip_value (s))
            return FALSE;
        }
      else
        {
          ValueKind kind;
          const char *text = NULL;
          gint64 whole = 0;

          if ((seen & (1u << member)) != 0 || !read_simple (s, &kind, &text, &whole) ||
              !store (c, member, kind, text, whole))
            return FALSE;
          seen |= 1u << member;
        }
      skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p++ == '}')
        return TRUE;
      if (s->p[-1] != ',')
        return FALSE;
    }
}

static gboolean
read_codings (Scanner *s,
              GArray  *codings)
{
  if (!take (s, '['))
    return FALSE;
  skip_space (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      GlossLoadCoding c;

      if (!read_coding (s, &c))
        return FALSE;
      g_array_append_val (codings, c);
      skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p++ == ']')
        return TRUE;
      if (s->p[-1] != ',')
        return FALSE;
    }
}

/* The top-level object: "codings" read, every other member copied to @rest. */
static gboolean
read_root (Scanner       *s,
           GlossLoadScan *scan,
           GString       *rest)
{
  if (!take (s, '{'))
    return FALSE;
  skip_space (s);
  if (s->p < s->end && *s->p == '}')
    s->p++;
  else
    for (;;)
      {
        const char *key;

        skip_space (s);
        key = s->p;
        if (!read_string (s) || !take (s, ':'))
          return FALSE;
        if (strcmp (s->buf->str, "codings") == 0)
          {
            if (scan->has_codings || !read_codings (s, scan->codings))
              return FALSE;
            scan->has_codings = TRUE;
          }
        else
          {
            if (!skip_value (s))
              return FALSE;
            g_string_append_c (rest, rest->len > 1 ? ',' : ' ');
            g_string_append_len (rest, key, s->p - key);
          }
        skip_space (s);
        if (s->p >= s->end)
          return FALSE;
        if (*s->p++ == '}')
          break;
        if (s->p[-1] != ',')
          return FALSE;
      }
  skip_space (s);
  return s->p == s->end;
}

gboolean
_gloss_load_scan (const char    *json,
                  gsize          length,
                  GlossLoadScan *scan)
{
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autoptr(GString) rest = g_string_new ("{");
  Scanner s = { json, json + length, buf, NULL };

  *scan = (GlossLoadScan) { g_array_new (FALSE, FALSE, sizeof (GlossLoadCoding)), g_string_chunk_new (64 * 1024),
                            NULL, FALSE };
  s.strings = scan->strings;
  if (!g_utf8_validate_len (json, length, NULL) || !read_root (&s, scan, rest))
    {
      _gloss_load_scan_clear (scan);
      return FALSE;
    }
  g_string_append (rest, " }");
  scan->rest = g_string_free (g_steal_pointer (&rest), FALSE);
  return TRUE;
}

void
_gloss_load_scan_clear (GlossLoadScan *scan)
{
  g_clear_pointer (&scan->codings, g_array_unref);
  g_clear_pointer (&scan->strings, g_string_chunk_free);
  g_clear_pointer (&scan->rest, g_free);
  scan->has_codings = FALSE;
}
