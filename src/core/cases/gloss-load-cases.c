/* gloss-load-cases.c: the attributes and sets of a `load` file
 *
 *   "attributes": [{"name": "type of actor", "type": "category",
 *                   "choices": ["refugee-led", "academic"], "on": "document",
 *                   "values": {"forum.txt": "refugee-led", "2": "academic"}}],
 *   "sets": [{"name": "refugee-led", "rule": "type of actor = refugee-led"},
 *            {"name": "picked", "documents": ["forum.txt", 2]},
 *            {"name": "core", "codes": ["Partnership/Funding"]}]
 *
 * An attribute already there (same name and target) is used as it is; its
 * type must match. Values are keyed by document title or id, coder name or
 * case name. It all runs inside the load's one step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-cases-private.h"

/* A list of strings; NULL when absent; FALSE when it is something else. */
static gboolean
get_strings (JsonObject  *object,
             const char  *member,
             GStrv       *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* A value given as text, number or true/false, as text. */
static char *
value_text (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static gint64
find_target (GlossProject          *self,
             GlossAttributeTarget   target,
             const char            *key,
             GError               **error)
{
  switch (target)
    {
    case GLOSS_ATTRIBUTE_ON_CODER:
      return gloss_project_find_coder (self, key, error);
    case GLOSS_ATTRIBUTE_ON_CASE:
      return gloss_project_find_case (self, key, error);
    case GLOSS_ATTRIBUTE_ON_DOCUMENT:
    default:
      return gloss_project_find_document (self, key, error);
    }
}

static gboolean
load_values (GlossProject          *self,
             gint64                 attribute_id,
             GlossAttributeTarget   target,
             JsonObject            *values,
             GError               **error)
{
  g_autoptr(GList) keys = json_object_get_members (values);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *value = value_text (json_object_get_member (values, key));
      gint64 target_id;

      if (value == NULL)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("the value for “%s” must be text, a number or true/false"), key);
          return FALSE;
        }
      if ((target_id = find_target (self, target, key, error)) == 0 ||
          !gloss_project_set_attribute_value (self, attribute_id, target_id, value, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_attribute (GlossProject  *self,
                JsonObject    *object,
                GError       **error)
{
  const char *name = NULL, *type_name = NULL, *on = NULL;
  g_auto(GStrv) choices = NULL;
  GlossAttributeType type = GLOSS_ATTRIBUTE_TEXT;
  GlossAttributeTarget target = GLOSS_ATTRIBUTE_ON_DOCUMENT;
  JsonNode *values = json_object_get_member (object, "values");
  gint64 id;

  if (!_gloss_load_get_string (object, "name", &name) || !_gloss_load_get_string (object, "type", &type_name) ||
      !_gloss_load_get_string (object, "on", &on) || !get_strings (object, "choices", &choices) || name == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("an attribute needs a \"name\" (and may have a \"type\", \"choices\", \"on\" and \"values\")"));
      return FALSE;
    }
  if (type_name != NULL && !gloss_attribute_type_from_string (type_name, &type))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("unknown type “%s”"), type_name);
      return FALSE;
    }
  if (on != NULL && !gloss_attribute_target_from_string (on, &target))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("\"on\" is document, coder or case, not “%s”"), on);
      return FALSE;
    }
  if (values != NULL && !JSON_NODE_HOLDS_OBJECT (values))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("\"values\" must be an object"));
      return FALSE;
    }

  id = gloss_project_find_attribute (self, target, name, NULL);
  if (id != 0)
    {
      g_autoptr(GlossAttribute) existing = gloss_project_get_attribute (self, id, error);
      if (existing == NULL)
        return FALSE;
      if (type_name != NULL && existing->type != type)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_CONFLICT, _("“%s” is already an attribute of type %s"),
                       existing->name, gloss_attribute_type_to_string (existing->type));
          return FALSE;
        }
    }
  else if ((id = gloss_project_add_attribute (self, target, name, type, (const char * const *) choices, error)) == 0)
    return FALSE;

  return values == NULL || load_values (self, id, target, json_node_get_object (values), error);
}

static gboolean
add_members (GlossProject  *self,
             gint64         set_id,
             JsonArray     *items,
             gboolean       codes,
             GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autofree char *key = value_text (node);
      gint64 id;

      if (key == NULL || *key == '\0')
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("each member is a document (title or id) or a code path"));
          return FALSE;
        }
      id = codes ? gloss_project_find_code (self, key, error) : gloss_project_find_document (self, key, error);
      if (id == 0)
        return FALSE;
      g_array_append_val (ids, id);
    }

  return gloss_project_add_set_members (self, set_id, (const gint64 *) ids->data, ids->len, error);
}

static gboolean
load_set (GlossProject  *self,
          JsonObject    *object,
          GError       **error)
{
  const char *name = NULL, *rule = NULL;
  JsonNode *documents = json_object_get_member (object, "documents");
  JsonNode *codes = json_object_get_member (object, "codes");
  gint64 id;

  if (!_gloss_load_get_string (object, "name", &name) || !_gloss_load_get_string (object, "rule", &rule) || name == NULL ||
      (documents != NULL && !JSON_NODE_HOLDS_ARRAY (documents)) || (codes != NULL && !JSON_NODE_HOLDS_ARRAY (codes)) ||
      (documents != NULL && codes != NULL) || (rule != NULL && (documents != NULL || codes != NULL)))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("a set needs a \"name\" and one of \"rule\", \"documents\" (a list) or \"codes\" (a list)"));
      return FALSE;
    }

  if (gloss_project_find_set (self, name, NULL) != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE, _("There is already a set “%s”"), name);
      return FALSE;
    }

  id = gloss_project_add_set (self, codes != NULL ? GLOSS_SET_CODES : GLOSS_SET_DOCUMENTS, name, rule, error);
  if (id == 0)
    return FALSE;

  if (documents != NULL)
    return add_members (self, id, json_node_get_array (documents), FALSE, error);
  if (codes != NULL)
    return add_members (self, id, json_node_get_array (codes), TRUE, error);
  return TRUE;
}

static gboolean
load_list (GlossProject  *self,
           JsonObject    *root,
           const char    *member,
           gboolean     (*load_one) (GlossProject *, JsonObject *, GError **),
           GError       **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("“%s” must be a list"), member);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return _gloss_load_fail_at (error, member, i, _("each entry must be an object"));
      if (!load_one (self, json_node_get_object (element), &local_error))
        return _gloss_load_fail_at (error, member, i, local_error->message);
    }

  return TRUE;
}

gboolean
_gloss_project_load_cases_json (GlossProject  *self,
                                JsonObject    *root,
                                GError       **error)
{
  return load_list (self, root, "attributes", load_attribute, error) &&
         load_list (self, root, "sets", load_set, error);
}
