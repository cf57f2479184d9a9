/* gloss-project-load.c: coders, codes and codings from JSON, all or nothing
 *
 * {"coders":[{"name","color"}],
 *  "codes":[{"path","color","description"}],
 *  "codings":[{"document","coder","code","start","end","memo"}]}
 *
 * A coding may give "match" (a phrase) and "occurrence" (1-based) instead
 * of "start" and "end". Missing coders and codes are created.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-project-private.h"
#include "gloss-cases-private.h"
#include "gloss-load-scan.h"

#define MAX_JSON_BYTES (64 * 1024 * 1024)
/* Characters of context kept on each side of a quote, as for one coding. */
#define CONTEXT_CHARS 32
/* json-glib parses nested values by recursion: deep nesting would overflow
 * the stack. The load format needs a depth of 3. */
#define MAX_JSON_DEPTH 64

/* The deepest nesting of arrays and objects in @json (strings skipped). */
static int
json_depth (const char *json,
            gssize      length)
{
  gboolean in_string = FALSE;
  int depth = 0;
  int deepest = 0;

  for (gssize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

gboolean
_gloss_load_fail_at (GError     **error,
                     const char  *place,
                     guint        index,
                     const char  *message)
{
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s[%u]: %s", place, index, message);
  return FALSE;
}

gboolean
_gloss_load_get_string (JsonObject  *object,
                        const char  *member,
                        const char **value)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *value,
         gboolean   *present)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = node != NULL && !JSON_NODE_HOLDS_NULL (node);
  if (!*present)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static JsonArray *
get_array (JsonObject  *root,
           const char  *member,
           GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("“%s” must be a list"), member);
      return NULL;
    }

  return json_node_get_array (node);
}

static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
load_coders (GlossProject  *self,
             JsonArray     *coders,
             GError       **error)
{
  for (guint i = 0; coders != NULL && i < json_array_get_length (coders); i++)
    {
      JsonObject *object = element_object (coders, i);
      const char *name = NULL;
      const char *color = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (object == NULL || !_gloss_load_get_string (object, "name", &name) || !_gloss_load_get_string (object, "color", &color) ||
          name == NULL)
        return _gloss_load_fail_at (error, "coders", i, _("a coder needs a \"name\" (and may have a \"color\")"));

      id = gloss_project_find_coder (self, name, NULL);
      if (id == 0)
        id = gloss_project_add_coder (self, name, color, &local_error);
      else if (color != NULL && !gloss_project_set_coder_color (self, id, color, &local_error))
        id = 0;
      if (id == 0)
        return _gloss_load_fail_at (error, "coders", i, local_error->message);
    }

  return TRUE;
}

static gboolean
load_codes (GlossProject  *self,
            JsonArray     *codes,
            GError       **error)
{
  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    {
      JsonObject *object = element_object (codes, i);
      const char *path = NULL;
      const char *color = NULL;
      const char *description = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (object == NULL || !_gloss_load_get_string (object, "path", &path) || !_gloss_load_get_string (object, "color", &color) ||
          !_gloss_load_get_string (object, "description", &description) || path == NULL)
        return _gloss_load_fail_at (error, "codes", i, _("a code needs a \"path\" (and may have a \"color\" and a \"description\")"));

      id = gloss_project_find_code (self, path, NULL);
      if (id == 0)
        id = gloss_project_ensure_code_path (self, path, color, description, &local_error);
      else if ((color != NULL && !gloss_project_set_code_color (self, id, color, &local_error)) ||
               (description != NULL && !gloss_project_set_code_description (self, id, description, &local_error)))
        id = 0;
      if (id == 0)
        return _gloss_load_fail_at (error, "codes", i, local_error->message);
    }

  return TRUE;
}

/* The document's text, read once per load and kept in @texts. */
static const char *
document_text (GlossProject  *self,
               GHashTable    *texts,
               gint64         document_id,
               GError       **error)
{
  char *text = g_hash_table_lookup (texts, &document_id);

  if (text != NULL)
    return text;
  text = gloss_project_get_text (self, document_id, 0, -1, error);
  if (text != NULL)
    g_hash_table_insert (texts, g_memdup2 (&document_id, sizeof document_id), text);
  return text;
}

/* The range of the occurrence-th hit of @match in the document. */
static gboolean
resolve_match (GlossProject  *self,
               GHashTable    *texts,
               gint64         document_id,
               const char    *match,
               gint64         occurrence,
               gint64        *start,
               gint64        *end,
               GError       **error)
{
  const char *text = document_text (self, texts, document_id, error);
  g_autoptr(GArray) hits = NULL;

  if (text == NULL)
    return FALSE;

  hits = _gloss_find_in_text (text, match, TRUE);
  if (occurrence < 1 || (guint) occurrence > hits->len)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   hits->len == 0 ? _("the text “%s” does not occur in the document")
                                  : _("the text “%s” does not occur that often in the document"), match);
      return FALSE;
    }

  *start = g_array_index (hits, gint64, (occurrence - 1) * 2);
  *end = g_array_index (hits, gint64, (occurrence - 1) * 2 + 1);
  return TRUE;
}

/* A coding read from the file, waiting for its quote. Its range is
 * checked when it goes in; a quote of a bad range is never used. */
typedef struct
{
  gint64      document_id, coder_id, code_id;
  gint64      start, end;
  const char *memo;
  GlossQuote  quote;
} Pending;

/* Byte offsets of the character offsets a load needs in one document. */
typedef struct
{
  gint64 chars;
  gint64 bytes;
} Position;

/* Names already resolved in this load: tens of thousands of codings name
 * a handful of documents, coders and codes. */
typedef struct
{
  GHashTable *texts;         /* document id -> its text */
  GHashTable *document_ids;  /* id given in the file -> id */
  GHashTable *documents;     /* title -> id */
  GHashTable *coders;        /* name -> id */
  GHashTable *codes;         /* path -> id */
} LoadCache;

static gint64
cached (GHashTable    *table,
        gconstpointer  key)
{
  gint64 *id = g_hash_table_lookup (table, key);

  return id != NULL ? *id : 0;
}

static gint64
remember (GHashTable *table,
          gpointer    key,
          gint64      id)
{
  if (id != 0)
    g_hash_table_insert (table, key, g_memdup2 (&id, sizeof id));
  else
    g_free (key);
  return id;
}

static gint64
cached_document (GlossProject          *self,
                 LoadCache             *cache,
                 const GlossLoadCoding *c,
                 GError               **error)
{
  gint64 id;

  if (c->document_kind == GLOSS_LOAD_DOCUMENT_ID)
    {
      g_autofree char *text = NULL;

      if ((id = cached (cache->document_ids, &c->document_id)) != 0)
        return id;
      text = g_strdup_printf ("%" G_GINT64_FORMAT, c->document_id);
      return remember (cache->document_ids, g_memdup2 (&c->document_id, sizeof (gint64)),
                       gloss_project_find_document (self, text, error));
    }
  if (c->document_kind == GLOSS_LOAD_DOCUMENT_TITLE)
    {
      if ((id = cached (cache->documents, c->document_title)) != 0)
        return id;
      return remember (cache->documents, g_strdup (c->document_title),
                       gloss_project_find_document (self, c->document_title, error));
    }

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("a coding needs a \"document\" (id or title)"));
  return 0;
}

/* The members of a coding the full parser read. */
static void
coding_from_object (JsonObject      *object,
                    GlossLoadCoding *c)
{
  JsonNode *node = json_object_get_member (object, "document");

  *c = (GlossLoadCoding) { .occurrence = 1 };
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      c->document_kind = GLOSS_LOAD_DOCUMENT_ID;
      c->document_id = json_node_get_int (node);
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      c->document_kind = GLOSS_LOAD_DOCUMENT_TITLE;
      c->document_title = json_node_get_string (node);
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    c->document_kind = GLOSS_LOAD_DOCUMENT_OTHER;

  c->bad_text = !_gloss_load_get_string (object, "coder", &c->coder) ||
                !_gloss_load_get_string (object, "code", &c->code) ||
                !_gloss_load_get_string (object, "memo", &c->memo) ||
                !_gloss_load_get_string (object, "match", &c->match);
  c->bad_number = !get_int (object, "start", &c->start, &c->has_start) ||
                  !get_int (object, "end", &c->end, &c->has_end) ||
                  !get_int (object, "occurrence", &c->occurrence, &c->has_occurrence);
}

static gint64
cached_coder (GlossProject  *self,
              LoadCache     *cache,
              const char    *name,
              GError       **error)
{
  gint64 id = cached (cache->coders, name);

  if (id != 0)
    return id;
  id = gloss_project_find_coder (self, name, NULL);
  if (id == 0 && (id = gloss_project_add_coder (self, name, NULL, error)) == 0)
    return 0;
  return remember (cache->coders, g_strdup (name), id);
}

static gint64
cached_code (GlossProject  *self,
             LoadCache     *cache,
             const char    *path,
             GError       **error)
{
  gint64 id = cached (cache->codes, path);

  if (id != 0)
    return id;
  id = gloss_project_find_code (self, path, NULL);
  if (id == 0 && (id = gloss_project_ensure_code_path (self, path, NULL, NULL, error)) == 0)
    return 0;
  return remember (cache->codes, g_strdup (path), id);
}

static gboolean
read_coding (GlossProject           *self,
             LoadCache              *cache,
             const GlossLoadCoding  *c,
             Pending                *pending,
             GError                **error)
{
  gint64 start = c->start, end = c->end;
  gint64 document_id, coder_id, code_id;

  if (c->bad_text || c->coder == NULL || c->code == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("a coding needs a \"coder\" and a \"code\" (text)"));
      return FALSE;
    }

  if (c->bad_number)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("\"start\", \"end\" and \"occurrence\" must be whole numbers"));
      return FALSE;
    }

  if (c->match == NULL && !(c->has_start && c->has_end))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("a coding needs \"start\" and \"end\", or \"match\""));
      return FALSE;
    }

  if ((document_id = cached_document (self, cache, c, error)) == 0 ||
      (coder_id = cached_coder (self, cache, c->coder, error)) == 0 ||
      (code_id = cached_code (self, cache, c->code, error)) == 0)
    return FALSE;

  if (c->match != NULL &&
      !resolve_match (self, cache->texts, document_id, c->match, c->occurrence, &start, &end, error))
    return FALSE;

  *pending = (Pending) { document_id, coder_id, code_id, start, end, c->memo, { 0 } };
  return TRUE;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = ((const Position *) a)->chars, y = ((const Position *) b)->chars;

  return x < y ? -1 : x > y;
}

static gint64
byte_at (GArray *positions,
         gint64  chars)
{
  guint lo = 0, hi = positions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (positions, Position, mid).chars < chars)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert (lo < positions->len && g_array_index (positions, Position, lo).chars == chars);
  return g_array_index (positions, Position, lo).bytes;
}

/* Quote, prefix and suffix of the pending codings @indices (all of one
 * document) from one walk over its text: the character offsets they need
 * are sorted and turned into byte offsets on the way, instead of counting
 * characters from the start of the text for each coding. */
static void
quote_document (GArray     *pending,
                GArray     *indices,
                const char *text)
{
  g_autoptr(GArray) positions = g_array_sized_new (FALSE, FALSE, sizeof (Position), indices->len * 4);
  const char *p = text;
  gint64 at = 0;

  for (guint i = 0; i < indices->len; i++)
    {
      Pending *c = &g_array_index (pending, Pending, g_array_index (indices, guint, i));
      gint64 wanted[] = { MAX (c->start - CONTEXT_CHARS, 0), c->start, c->end, c->end + CONTEXT_CHARS };

      for (guint k = 0; k < G_N_ELEMENTS (wanted); k++)
        g_array_append_val (positions, ((Position) { wanted[k], -1 }));
    }
  g_array_sort (positions, compare_positions);

  for (guint i = 0; i < positions->len; i++)
    {
      Position *pos = &g_array_index (positions, Position, i);

      while (at < pos->chars && *p != '\0')
        {
          p = g_utf8_next_char (p);
          at++;
        }
      pos->bytes = p - text;   /* past the end: the end of the text */
    }

  for (guint i = 0; i < indices->len; i++)
    {
      Pending *c = &g_array_index (pending, Pending, g_array_index (indices, guint, i));
      gint64 before = byte_at (positions, MAX (c->start - CONTEXT_CHARS, 0));
      gint64 start = byte_at (positions, c->start);
      gint64 end = byte_at (positions, c->end);
      gint64 after = byte_at (positions, c->end + CONTEXT_CHARS);

      if (c->start >= c->end || c->start < 0)
        continue;   /* refused when it goes in */
      /* Copies: the text goes once its codings are quoted. */
      c->quote = (GlossQuote) { g_strndup (text + start, end - start), g_strndup (text + before, start - before),
                                g_strndup (text + end, after - end), -1, -1, -1 };
    }
}

static void
clear_pending (gpointer data)
{
  Pending *c = data;

  g_free ((char *) c->quote.exact);
  g_free ((char *) c->quote.prefix);
  g_free ((char *) c->quote.suffix);
}

static void
add_to_document (GHashTable *by_document,
                 gint64      document_id,
                 guint       index)
{
  GArray *indices = g_hash_table_lookup (by_document, &document_id);

  if (indices == NULL)
    {
      indices = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (by_document, g_memdup2 (&document_id, sizeof document_id), indices);
    }
  g_array_append_val (indices, index);
}

/* The codings go in with the history triggers paused and are written
 * down afterwards, a run of consecutive ids at a time: one change for the
 * history of a load instead of a row per coding. */
static gboolean
insert_codings (GlossProject  *self,
                GArray        *pending,
                GError       **error)
{
  gint64 first = 0, last = -1, document_id = 0, length = -1;
  GlossGuidSequence guids;
  gboolean ok = TRUE;

  _gloss_guid_sequence_init (&guids);

  if (!_gloss_project_pause_history (self, "coding", TRUE, error))
    return FALSE;
  for (guint i = 0; ok && i < pending->len; i++)
    {
      const Pending *c = &g_array_index (pending, Pending, i);
      g_autoptr(GError) local_error = NULL;
      char guid[GLOSS_GUID_LENGTH + 1];
      gint64 id = 0;

      /* The coder and code were found or made by this load. */
      if (c->document_id != document_id)
        {
          document_id = c->document_id;
          length = _gloss_project_document_length (self, document_id, &local_error);
        }
      if (length >= 0 && _gloss_project_check_coding_range (length, c->start, c->end, &local_error))
        {
          _gloss_guid_sequence_next (&guids, guid);
          id = _gloss_project_insert_checked_coding (self, guid, c->document_id, c->coder_id, c->code_id,
                                                     c->start, c->end, c->memo, &c->quote, &local_error);
        }
      if (id == 0)
        {
          ok = _gloss_load_fail_at (error, "codings", i, local_error->message);
          document_id = 0;
        }
      else if (id != last + 1)
        {
          ok = _gloss_project_record_inserts (self, "coding", first, last, error);
          first = last = id;
        }
      else
        last = id;
    }
  ok = ok && _gloss_project_record_inserts (self, "coding", first, last, error);
  /* also on failure: the step is rolled back, but not the statement cache */
  if (!_gloss_project_pause_history (self, "coding", FALSE, ok ? error : NULL))
    return FALSE;
  return ok;
}

/* The codings from the full parser's @codings, or from the scan's @scanned. */
static gboolean
load_codings (GlossProject  *self,
              JsonArray     *codings,
              GArray        *scanned,
              GError       **error)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) document_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) coders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  LoadCache cache = { texts, document_ids, documents, coders, codes };
  g_autoptr(GHashTable) by_document = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                             (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  guint n = scanned != NULL ? scanned->len : codings != NULL ? json_array_get_length (codings) : 0;
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (pending, clear_pending);
  g_array_set_size (pending, n);
  for (guint i = 0; i < n; i++)
    {
      Pending *c = &g_array_index (pending, Pending, i);
      g_autoptr(GError) local_error = NULL;
      GlossLoadCoding read;

      if (scanned != NULL)
        read = g_array_index (scanned, GlossLoadCoding, i);
      else
        {
          JsonObject *object = element_object (codings, i);

          if (object == NULL)
            return _gloss_load_fail_at (error, "codings", i, _("each coding must be an object"));
          coding_from_object (object, &read);
        }
      if (!read_coding (self, &cache, &read, c, &local_error) ||
          document_text (self, texts, c->document_id, &local_error) == NULL)
        return _gloss_load_fail_at (error, "codings", i, local_error->message);
      add_to_document (by_document, c->document_id, i);
    }

  g_hash_table_iter_init (&iter, by_document);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      quote_document (pending, value, g_hash_table_lookup (texts, key));
      g_hash_table_remove (texts, key);
    }

  return insert_codings (self, pending, error);
}

/* Refuses what no parser should be given: too large, or nested too deep. */
static gboolean
check_size (const char  *json,
            gsize        length,
            GError     **error)
{
  if (length > MAX_JSON_BYTES)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The file is too large to load (more than %d MB)"),
                   MAX_JSON_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (json_depth (json, length) > MAX_JSON_DEPTH)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("Not valid for loading: lists and objects are nested more than %d deep"), MAX_JSON_DEPTH);
      return FALSE;
    }

  return TRUE;
}

static JsonObject *
parse_root (JsonParser  *parser,
            const char  *json,
            gssize       length,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The file must hold one object with \"coders\", \"codes\" and \"codings\""));
      return NULL;
    }

  return json_node_get_object (root);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossLoadScan, _gloss_load_scan_clear)

gboolean
gloss_project_load_json (GlossProject  *self,
                         const char    *json,
                         gssize         length,
                         GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_auto(GlossLoadScan) scan = { 0 };
  JsonObject *root = NULL;
  JsonArray *coders, *codes, *codings = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (length < 0)
    length = strlen (json);
  if (!check_size (json, length, error))
    return FALSE;

  /* The codings read in one pass, the rest of the file (a few members) by
   * the full parser; a file of another shape all by the full parser. */
  if (_gloss_load_scan (json, length, &scan))
    root = parse_root (parser, scan.rest, -1, NULL);
  if (root == NULL)
    {
      _gloss_load_scan_clear (&scan);
      if ((root = parse_root (parser, json, length, error)) == NULL)
        return FALSE;
    }

  coders = get_array (root, "coders", &local_error);
  codes = local_error == NULL ? get_array (root, "codes", &local_error) : NULL;
  if (local_error == NULL && scan.codings == NULL)
    codings = get_array (root, "codings", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!gloss_project_begin_step (self, _("Load codings"), error))
    return FALSE;

  if (!load_coders (self, coders, error) ||
      !load_codes (self, codes, error) ||
      !load_codings (self, codings, scan.codings, error) ||
      !_gloss_project_load_cases_json (self, root, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  return gloss_project_end_step (self, error);
}
