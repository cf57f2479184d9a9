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

#define MAX_JSON_BYTES (64 * 1024 * 1024)
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

static gboolean
fail_at (GError     **error,
         const char  *place,
         guint        index,
         const char  *message)
{
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s[%u]: %s", place, index, message);
  return FALSE;
}

/* A string member, NULL when absent; FALSE when present but not a string. */
static gboolean
get_string (JsonObject  *object,
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

      if (object == NULL || !get_string (object, "name", &name) || !get_string (object, "color", &color) ||
          name == NULL)
        return fail_at (error, "coders", i, _("a coder needs a \"name\" (and may have a \"color\")"));

      id = gloss_project_find_coder (self, name, NULL);
      if (id == 0)
        id = gloss_project_add_coder (self, name, color, &local_error);
      else if (color != NULL && !gloss_project_set_coder_color (self, id, color, &local_error))
        id = 0;
      if (id == 0)
        return fail_at (error, "coders", i, local_error->message);
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

      if (object == NULL || !get_string (object, "path", &path) || !get_string (object, "color", &color) ||
          !get_string (object, "description", &description) || path == NULL)
        return fail_at (error, "codes", i, _("a code needs a \"path\" (and may have a \"color\" and a \"description\")"));

      id = gloss_project_find_code (self, path, NULL);
      if (id == 0)
        id = gloss_project_ensure_code_path (self, path, color, description, &local_error);
      else if ((color != NULL && !gloss_project_set_code_color (self, id, color, &local_error)) ||
               (description != NULL && !gloss_project_set_code_description (self, id, description, &local_error)))
        id = 0;
      if (id == 0)
        return fail_at (error, "codes", i, local_error->message);
    }

  return TRUE;
}

/* The range of the occurrence-th hit of @match in the document. */
static gboolean
resolve_match (GlossProject  *self,
               gint64         document_id,
               const char    *match,
               gint64         occurrence,
               gint64        *start,
               gint64        *end,
               GError       **error)
{
  g_autofree char *text = gloss_project_get_text (self, document_id, 0, -1, error);
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

static gint64
resolve_document (GlossProject  *self,
                  JsonObject    *object,
                  GError       **error)
{
  JsonNode *node = json_object_get_member (object, "document");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return gloss_project_find_document (self, id, error);
    }

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return gloss_project_find_document (self, json_node_get_string (node), error);

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("a coding needs a \"document\" (id or title)"));
  return 0;
}

static gboolean
load_coding (GlossProject  *self,
             JsonObject    *object,
             GError       **error)
{
  const char *coder = NULL, *code = NULL, *memo = NULL, *match = NULL;
  gint64 start = 0, end = 0, occurrence = 1;
  gboolean has_start, has_end, has_occurrence;
  gint64 document_id, coder_id, code_id;

  if (!get_string (object, "coder", &coder) || !get_string (object, "code", &code) ||
      !get_string (object, "memo", &memo) || !get_string (object, "match", &match) ||
      coder == NULL || code == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("a coding needs a \"coder\" and a \"code\" (text)"));
      return FALSE;
    }

  if (!get_int (object, "start", &start, &has_start) || !get_int (object, "end", &end, &has_end) ||
      !get_int (object, "occurrence", &occurrence, &has_occurrence))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("\"start\", \"end\" and \"occurrence\" must be whole numbers"));
      return FALSE;
    }

  if (match == NULL && !(has_start && has_end))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("a coding needs \"start\" and \"end\", or \"match\""));
      return FALSE;
    }

  if ((document_id = resolve_document (self, object, error)) == 0)
    return FALSE;

  coder_id = gloss_project_find_coder (self, coder, NULL);
  if (coder_id == 0 && (coder_id = gloss_project_add_coder (self, coder, NULL, error)) == 0)
    return FALSE;

  code_id = gloss_project_find_code (self, code, NULL);
  if (code_id == 0 && (code_id = gloss_project_ensure_code_path (self, code, NULL, NULL, error)) == 0)
    return FALSE;

  if (match != NULL && !resolve_match (self, document_id, match, occurrence, &start, &end, error))
    return FALSE;

  return gloss_project_add_coding (self, document_id, coder_id, code_id, start, end, memo, error) != 0;
}

static gboolean
load_codings (GlossProject  *self,
              JsonArray     *codings,
              GError       **error)
{
  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *object = element_object (codings, i);
      g_autoptr(GError) local_error = NULL;

      if (object == NULL)
        return fail_at (error, "codings", i, _("each coding must be an object"));
      if (!load_coding (self, object, &local_error))
        return fail_at (error, "codings", i, local_error->message);
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

  if (length < 0)
    length = strlen (json);

  if (length > MAX_JSON_BYTES)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The file is too large to load (more than %d MB)"),
                   MAX_JSON_BYTES / (1024 * 1024));
      return NULL;
    }

  if (json_depth (json, length) > MAX_JSON_DEPTH)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("Not valid for loading: lists and objects are nested more than %d deep"), MAX_JSON_DEPTH);
      return NULL;
    }

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

gboolean
gloss_project_load_json (GlossProject  *self,
                         const char    *json,
                         gssize         length,
                         GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root;
  JsonArray *coders, *codes, *codings;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if ((root = parse_root (parser, json, length, error)) == NULL)
    return FALSE;

  coders = get_array (root, "coders", &local_error);
  codes = local_error == NULL ? get_array (root, "codes", &local_error) : NULL;
  codings = local_error == NULL ? get_array (root, "codings", &local_error) : NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!gloss_project_begin_step (self, _("Load codings"), error))
    return FALSE;

  if (!load_coders (self, coders, error) ||
      !load_codes (self, codes, error) ||
      !load_codings (self, codings, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  return gloss_project_end_step (self, error);
}
