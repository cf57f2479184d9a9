/* gloss-qdpx-cases.c: REFI-QDA Variables, Cases and Sets, both ways
 *
 * - Attributes of documents and of cases are <Variable>s; a document's
 *   values are <VariableValue>s of its source, a case's of the <Case>.
 *   Types: text Text, number Integer (when every value is whole) or Float,
 *   date Date, yes/no Boolean; a category is Text whose Description is
 *   "One of: " and its values as a JSON list, so that Gloss reads it back
 *   as a category and other programs as text. QDA-XML has no variables on
 *   users: coders' attributes are not written.
 * - A case's whole documents are <SourceRef>s; its passages <SelectionRef>s
 *   to a <PlainTextSelection> (without coding) of the member's GUID.
 * - A set is a <Set> of <MemberSource>s or <MemberCode>s; a set with a
 *   rule writes the documents it holds now and "Rule: " and the rule as its
 *   Description, which Gloss reads back as the rule.
 * Every element keeps its GUID both ways.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/tree.h>
#include <string.h>

#include "gloss-cases.h"
#include "gloss-exchange-private.h"

#define CATEGORY_PREFIX "One of: "
#define RULE_PREFIX     "Rule: "

/* Writing */

static char *
guid_of (GlossProject *project,
         const char   *sql,
         gint64        id)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project, sql, NULL);
  char *guid = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    guid = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return guid;
}

static void
xml_attr (GString    *xml,
          const char *name,
          const char *value)
{
  g_string_append_printf (xml, " %s=\"", name);
  _gloss_xml_escape_append (xml, value);
  g_string_append_c (xml, '"');
}

static gboolean
all_whole (GlossProject *project,
           gint64        attribute_id)
{
  g_autoptr(GPtrArray) values = gloss_project_list_attribute_values (project, attribute_id, 0, NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const char *v = ((GlossAttributeValue *) values->pdata[i])->value;
      if (strpbrk (v, ".eE") != NULL)
        return FALSE;
    }

  return TRUE;
}

static const char *
variable_type (GlossProject         *project,
               const GlossAttribute *attribute)
{
  switch (attribute->type)
    {
    case GLOSS_ATTRIBUTE_NUMBER:
      return all_whole (project, attribute->id) ? "Integer" : "Float";
    case GLOSS_ATTRIBUTE_DATE:
      return "Date";
    case GLOSS_ATTRIBUTE_BOOLEAN:
      return "Boolean";
    case GLOSS_ATTRIBUTE_TEXT:
    case GLOSS_ATTRIBUTE_CATEGORY:
    default:
      return "Text";
    }
}

static char *
category_description (const GlossAttribute *attribute)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *list = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; attribute->choices != NULL && attribute->choices[i] != NULL; i++)
    json_builder_add_string_value (builder, attribute->choices[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  list = json_generator_to_data (generator, NULL);

  return g_strconcat (CATEGORY_PREFIX, list, NULL);
}

void
_gloss_qdpx_write_variables (GlossProject *project,
                             GString      *xml)
{
  g_autoptr(GPtrArray) attributes = gloss_project_list_attributes (project, -1, NULL);
  gboolean any = FALSE;

  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    {
      const GlossAttribute *attribute = g_ptr_array_index (attributes, i);

      if (attribute->target == GLOSS_ATTRIBUTE_ON_CODER)
        continue;
      if (!any)
        g_string_append (xml, "<Variables>");
      any = TRUE;
      g_string_append (xml, "<Variable");
      xml_attr (xml, "guid", attribute->guid);
      xml_attr (xml, "name", attribute->name);
      xml_attr (xml, "typeOfVariable", variable_type (project, attribute));
      g_string_append_c (xml, '>');
      if (attribute->type == GLOSS_ATTRIBUTE_CATEGORY)
        {
          g_autofree char *description = category_description (attribute);
          g_string_append (xml, "<Description>");
          _gloss_xml_escape_append (xml, description);
          g_string_append (xml, "</Description>");
        }
      else if (attribute->description != NULL && *attribute->description != '\0')
        {
          g_string_append (xml, "<Description>");
          _gloss_xml_escape_append (xml, attribute->description);
          g_string_append (xml, "</Description>");
        }
      g_string_append (xml, "</Variable>");
    }

  if (any)
    g_string_append (xml, "</Variables>");
}

/* The <VariableValue>s of one document or case. */
static void
write_values (GlossProject *project,
              GString      *xml,
              GPtrArray    *attributes,
              gint64        target_id,
              GlossAttributeTarget target)
{
  g_autoptr(GPtrArray) values = gloss_project_list_attribute_values (project, 0, target_id, NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const GlossAttributeValue *value = g_ptr_array_index (values, i);

      for (guint a = 0; a < attributes->len; a++)
        {
          const GlossAttribute *attribute = g_ptr_array_index (attributes, a);
          const char *element;

          if (attribute->id != value->attribute_id || attribute->target != target)
            continue;
          element = attribute->type == GLOSS_ATTRIBUTE_NUMBER
                    ? (g_str_equal (variable_type (project, attribute), "Integer") ? "IntegerValue" : "FloatValue")
                    : attribute->type == GLOSS_ATTRIBUTE_DATE ? "DateValue"
                    : attribute->type == GLOSS_ATTRIBUTE_BOOLEAN ? "BooleanValue" : "TextValue";
          g_string_append_printf (xml, "<VariableValue><VariableRef targetGUID=\"%s\"/><%s>", attribute->guid, element);
          _gloss_xml_escape_append (xml, value->value);
          g_string_append_printf (xml, "</%s></VariableValue>", element);
        }
    }
}

void
_gloss_qdpx_write_source_values (GlossProject *project,
                                 GString      *xml,
                                 gint64        document_id)
{
  g_autoptr(GPtrArray) attributes = gloss_project_list_attributes (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, NULL);

  if (attributes != NULL && attributes->len > 0)
    write_values (project, xml, attributes, document_id, GLOSS_ATTRIBUTE_ON_DOCUMENT);
}

void
_gloss_qdpx_write_case_selections (GlossProject *project,
                                   GString      *xml,
                                   gint64        document_id)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project,
                                               "SELECT m.guid, m.start, m.end, k.name FROM case_member m "
                                               "JOIN case_item k ON k.id = m.case_id "
                                               "WHERE m.document_id = ?1 AND m.start IS NOT NULL ORDER BY m.start, m.id",
                                               NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append (xml, "<PlainTextSelection");
      xml_attr (xml, "guid", (const char *) sqlite3_column_text (stmt, 0));
      xml_attr (xml, "name", (const char *) sqlite3_column_text (stmt, 3));
      g_string_append_printf (xml, " startPosition=\"%" G_GINT64_FORMAT "\" endPosition=\"%" G_GINT64_FORMAT "\"/>",
                              (gint64) sqlite3_column_int64 (stmt, 1), (gint64) sqlite3_column_int64 (stmt, 2));
    }
  sqlite3_reset (stmt);
}

void
_gloss_qdpx_write_cases (GlossProject *project,
                         GString      *xml)
{
  g_autoptr(GPtrArray) cases = gloss_project_list_cases (project, NULL);
  g_autoptr(GPtrArray) attributes = gloss_project_list_attributes (project, GLOSS_ATTRIBUTE_ON_CASE, NULL);

  if (cases == NULL || cases->len == 0 || attributes == NULL)
    return;

  g_string_append (xml, "<Cases>");
  for (guint i = 0; i < cases->len; i++)
    {
      const GlossCase *item = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) members = gloss_project_list_case_members (project, item->id, NULL);

      g_string_append (xml, "<Case");
      xml_attr (xml, "guid", item->guid);
      xml_attr (xml, "name", item->name);
      g_string_append_c (xml, '>');
      if (item->description != NULL && *item->description != '\0')
        {
          g_string_append (xml, "<Description>");
          _gloss_xml_escape_append (xml, item->description);
          g_string_append (xml, "</Description>");
        }
      write_values (project, xml, attributes, item->id, GLOSS_ATTRIBUTE_ON_CASE);
      /* SourceRefs, then SelectionRefs, as the schema orders them. */
      for (int pass = 0; pass < 2 && members != NULL; pass++)
        for (guint m = 0; m < members->len; m++)
          {
            const GlossCaseMember *member = g_ptr_array_index (members, m);
            g_autofree char *doc = NULL;

            if ((member->start < 0) != (pass == 0))
              continue;
            if (pass == 0)
              {
                doc = guid_of (project, "SELECT guid FROM document WHERE id = ?1 AND removed = 0", member->document_id);
                if (doc != NULL)
                  g_string_append_printf (xml, "<SourceRef targetGUID=\"%s\"/>", doc);
              }
            else if ((doc = guid_of (project, "SELECT guid FROM document WHERE id = ?1 AND removed = 0",
                                     member->document_id)) != NULL)
              g_string_append_printf (xml, "<SelectionRef targetGUID=\"%s\"/>", member->guid);
          }
      g_string_append (xml, "</Case>");
    }
  g_string_append (xml, "</Cases>");
}

void
_gloss_qdpx_write_sets (GlossProject *project,
                        GString      *xml)
{
  g_autoptr(GPtrArray) sets = gloss_project_list_sets (project, NULL);

  if (sets == NULL || sets->len == 0)
    return;

  g_string_append (xml, "<Sets>");
  for (guint i = 0; i < sets->len; i++)
    {
      const GlossSet *set = g_ptr_array_index (sets, i);
      g_autoptr(GArray) members = gloss_project_get_set_members (project, set->id, NULL);

      g_string_append (xml, "<Set");
      xml_attr (xml, "guid", set->guid);
      xml_attr (xml, "name", set->name);
      g_string_append_c (xml, '>');
      if (set->rule != NULL)
        {
          g_string_append (xml, "<Description>" RULE_PREFIX);
          _gloss_xml_escape_append (xml, set->rule);
          g_string_append (xml, "</Description>");
        }
      else if (set->description != NULL && *set->description != '\0')
        {
          g_string_append (xml, "<Description>");
          _gloss_xml_escape_append (xml, set->description);
          g_string_append (xml, "</Description>");
        }
      for (guint m = 0; members != NULL && m < members->len; m++)
        {
          gint64 id = g_array_index (members, gint64, m);
          g_autofree char *guid = guid_of (project, set->kind == GLOSS_SET_CODES ? "SELECT guid FROM code WHERE id = ?1"
                                                                                  : "SELECT guid FROM document WHERE id = ?1",
                                           id);
          if (guid != NULL)
            g_string_append_printf (xml, set->kind == GLOSS_SET_CODES ? "<MemberCode targetGUID=\"%s\"/>"
                                                                      : "<MemberSource targetGUID=\"%s\"/>", guid);
        }
      g_string_append (xml, "</Set>");
    }
  g_string_append (xml, "</Sets>");
}

/* Reading */

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
content (xmlNode *node)
{
  xmlChar *text = xmlNodeGetContent (node);
  char *copy = g_strdup (text != NULL ? (const char *) text : "");

  xmlFree (text);
  return copy;
}

static xmlNode *
child (xmlNode    *node,
       const char *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is_named (c, name))
      return c;

  return NULL;
}

static char *
normal_guid (const char *guid)
{
  g_autofree char *clean = NULL;

  if (guid == NULL)
    return NULL;

  clean = g_strstrip (g_strdup (guid));
  if (clean[0] == '{' && g_str_has_suffix (clean, "}"))
    {
      clean[strlen (clean) - 1] = '\0';
      memmove (clean, clean + 1, strlen (clean));
    }

  return g_ascii_strdown (clean, -1);
}

/* An attribute holding a GUID, normalized; NULL when absent. */
static char *
prop_guid (xmlNode    *node,
           const char *name)
{
  g_autofree char *raw = node != NULL ? prop (node, name) : NULL;

  return normal_guid (raw);
}

typedef struct
{
  GlossProject *project;
  GPtrArray    *warnings;
  GHashTable   *codes;       /* their GUID -> gint64 id, from the code import */
  GHashTable   *variables;   /* their GUID -> Variable */
  GHashTable   *selections;  /* their GUID -> Selection */
} Reader;

typedef struct
{
  char               *guid;
  char               *name;
  GlossAttributeType  type;
  GStrv               choices;
  gint64              on_document;  /* attribute ids, made when first used */
  gint64              on_case;
} Variable;

typedef struct
{
  char   *source_guid;
  gint64  start;
  gint64  end;
} Selection;

static void
variable_free (Variable *variable)
{
  g_free (variable->guid);
  g_free (variable->name);
  g_strfreev (variable->choices);
  g_free (variable);
}

static void
selection_free (Selection *selection)
{
  g_free (selection->source_guid);
  g_free (selection);
}

static void
note_warning (Reader     *reader,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static void
note_warning (Reader     *reader,
              const char *format,
              ...)
{
  va_list args;

  if (reader->warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (reader->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Gives the row the GUID it had, when that GUID is valid and free. */
void
_gloss_keep_guid (GlossProject *project,
           const char   *table,
           gint64        id,
           const char   *guid)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (!_gloss_guid_is_valid (guid))
    return;

  sql = g_strdup_printf ("UPDATE %s SET guid = ?2 WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM %s WHERE guid = ?2)",
                         table, table);
  stmt = _gloss_project_prepare (project, sql, NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

static gint64
document_by_guid (GlossProject *project,
                  const char   *guid)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project, "SELECT id FROM document WHERE guid = ?1 AND removed = 0", NULL);
  gint64 id = 0;

  if (stmt == NULL || guid == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

static GStrv
category_choices (const char *description)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;
  JsonArray *array;

  if (description == NULL || !g_str_has_prefix (description, CATEGORY_PREFIX) ||
      !json_parser_load_from_data (parser, description + strlen (CATEGORY_PREFIX), -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *choice = json_array_get_string_element (array, i);
      if (choice == NULL)
        return NULL;
      g_strv_builder_add (builder, choice);
    }

  return g_strv_builder_end (builder);
}

static void
read_variables (Reader  *reader,
                xmlNode *variables)
{
  for (xmlNode *node = variables != NULL ? variables->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *raw_guid = NULL;
      g_autofree char *type = NULL;
      g_autofree char *description = NULL;
      Variable *variable;

      if (!is_named (node, "Variable"))
        continue;
      raw_guid = prop (node, "guid");
      type = prop (node, "typeOfVariable");
      if (child (node, "Description") != NULL)
        description = content (child (node, "Description"));

      variable = g_new0 (Variable, 1);
      variable->guid = normal_guid (raw_guid);
      variable->name = prop (node, "name");
      if (g_strcmp0 (type, "Integer") == 0 || g_strcmp0 (type, "Float") == 0)
        variable->type = GLOSS_ATTRIBUTE_NUMBER;
      else if (g_strcmp0 (type, "Date") == 0 || g_strcmp0 (type, "DateTime") == 0)
        variable->type = GLOSS_ATTRIBUTE_DATE;
      else if (g_strcmp0 (type, "Boolean") == 0)
        variable->type = GLOSS_ATTRIBUTE_BOOLEAN;
      else if ((variable->choices = category_choices (description)) != NULL && variable->choices[0] != NULL)
        variable->type = GLOSS_ATTRIBUTE_CATEGORY;
      else
        variable->type = GLOSS_ATTRIBUTE_TEXT;

      if (variable->guid == NULL || variable->name == NULL || _gloss_is_blank (variable->name))
        {
          note_warning (reader, _("A variable without a GUID or name is not imported"));
          variable_free (variable);
          continue;
        }
      g_hash_table_replace (reader->variables, g_strdup (variable->guid), variable);
    }
}

/* The attribute of @variable on @target, made the first time it is used. */
static gint64
attribute_for (Reader               *reader,
               Variable             *variable,
               GlossAttributeTarget  target,
               GError              **error)
{
  gint64 *slot = target == GLOSS_ATTRIBUTE_ON_CASE ? &variable->on_case : &variable->on_document;

  if (*slot != 0)
    return *slot;

  *slot = gloss_project_find_attribute (reader->project, target, variable->name, NULL);
  if (*slot == 0)
    {
      *slot = gloss_project_add_attribute (reader->project, target, variable->name, variable->type,
                                           (const char * const *) variable->choices, error);
      if (*slot == 0)
        return 0;
      /* One variable used by sources and cases: the cases' copy gets a GUID of its own. */
      if (target == GLOSS_ATTRIBUTE_ON_DOCUMENT || variable->on_document == 0)
        _gloss_keep_guid (reader->project, "attribute", *slot, variable->guid);
      else
        {
          g_autofree char *derived = _gloss_derived_guid (variable->guid, "case");
          _gloss_keep_guid (reader->project, "attribute", *slot, derived);
        }
    }

  return *slot;
}

/* The <VariableValue>s below @node, for the document or case @target_id. */
static gboolean
read_values (Reader               *reader,
             xmlNode              *node,
             GlossAttributeTarget  target,
             gint64               target_id,
             const char           *label,
             GError              **error)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *ref = NULL;
      g_autofree char *value = NULL;
      g_autoptr(GError) local_error = NULL;
      Variable *variable;
      xmlNode *v;
      gint64 attribute;

      if (!is_named (c, "VariableValue"))
        continue;
      ref = prop_guid (child (c, "VariableRef"), "targetGUID");
      variable = ref != NULL ? g_hash_table_lookup (reader->variables, ref) : NULL;
      if (variable == NULL)
        {
          note_warning (reader, _("“%s”: a value of an unknown variable is not imported"), label);
          continue;
        }
      for (v = c->children; v != NULL && !(v->type == XML_ELEMENT_NODE && !is_named (v, "VariableRef")); v = v->next)
        ;
      if (v == NULL)
        continue;
      value = content (v);
      if ((attribute = attribute_for (reader, variable, target, error)) == 0)
        return FALSE;
      if (!gloss_project_set_attribute_value (reader->project, attribute, target_id, value, &local_error))
        {
          if (reader->project->step_failed)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          note_warning (reader, _("“%s”: %s; not imported"), label, local_error->message);
        }
    }

  return TRUE;
}

/* Remembers every PlainTextSelection, for the cases' SelectionRefs. */
static void
collect_selections (Reader     *reader,
                    xmlNode    *node,
                    const char *source_guid)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_named (c, "Representation"))
        collect_selections (reader, c, source_guid);
      else if (is_named (c, "PlainTextSelection"))
        {
          g_autofree char *raw = prop (c, "guid");
          g_autofree char *start = prop (c, "startPosition");
          g_autofree char *end = prop (c, "endPosition");
          Selection *selection;

          if (raw == NULL || start == NULL || end == NULL)
            continue;
          selection = g_new0 (Selection, 1);
          selection->source_guid = g_strdup (source_guid);
          selection->start = g_ascii_strtoll (start, NULL, 10);
          selection->end = g_ascii_strtoll (end, NULL, 10);
          g_hash_table_replace (reader->selections, normal_guid (raw), selection);
        }
    }
}

static gboolean
read_source_values (Reader   *reader,
                    xmlNode  *sources,
                    GError  **error)
{
  for (xmlNode *node = sources != NULL ? sources->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *raw = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *name = NULL;
      gint64 document;

      if (!is_named (node, "TextSource") && !is_named (node, "PDFSource"))
        continue;
      raw = prop (node, "guid");
      guid = normal_guid (raw);
      name = prop (node, "name");
      if (guid == NULL)
        continue;
      collect_selections (reader, node, guid);
      document = document_by_guid (reader->project, guid);
      if (document != 0 && !read_values (reader, node, GLOSS_ATTRIBUTE_ON_DOCUMENT, document,
                                         name != NULL ? name : guid, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_case_members (Reader     *reader,
                   xmlNode    *node,
                   gint64      case_id,
                   const char *name,
                   GError    **error)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *target = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 document, member;
      gint64 start = -1, end = -1;

      if (!is_named (c, "SourceRef") && !is_named (c, "SelectionRef"))
        continue;
      target = prop_guid (c, "targetGUID");
      if (target == NULL)
        continue;

      if (is_named (c, "SourceRef"))
        document = document_by_guid (reader->project, target);
      else
        {
          Selection *selection = g_hash_table_lookup (reader->selections, target);
          document = selection != NULL ? document_by_guid (reader->project, selection->source_guid) : 0;
          if (selection != NULL)
            start = selection->start, end = selection->end;
        }

      if (document == 0)
        {
          note_warning (reader, _("Case “%s”: a member that is not among the imported sources is left out"), name);
          continue;
        }
      member = gloss_project_add_case_member (reader->project, case_id, document, start, end, &local_error);
      if (member == 0)
        {
          if (reader->project->step_failed)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          note_warning (reader, _("Case “%s”: %s; left out"), name, local_error->message);
          continue;
        }
      if (start >= 0)
        _gloss_keep_guid (reader->project, "case_member", member, target);
    }

  return TRUE;
}

static gboolean
read_cases (Reader   *reader,
            xmlNode  *cases,
            GError  **error)
{
  for (xmlNode *node = cases != NULL ? cases->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *raw = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (!is_named (node, "Case"))
        continue;
      raw = prop (node, "guid");
      guid = normal_guid (raw);
      name = prop (node, "name");
      if (name == NULL || _gloss_is_blank (name))
        {
          g_free (name);
          name = g_strdup_printf (_("Case %s"), guid != NULL ? guid : "?");
        }
      /* Two cases of one name in their file: the second gets a number. */
      for (int n = 2; gloss_project_find_case (reader->project, name, NULL) != 0; n++)
        {
          g_autofree char *base = g_strdup (name);
          g_free (name);
          name = g_strdup_printf ("%s (%d)", base, n);
        }
      if (child (node, "Description") != NULL)
        description = content (child (node, "Description"));

      id = gloss_project_add_case (reader->project, name, description, &local_error);
      if (id == 0)
        {
          if (reader->project->step_failed)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          note_warning (reader, _("Case “%s”: %s; not imported"), name, local_error->message);
          continue;
        }
      _gloss_keep_guid (reader->project, "case_item", id, guid);
      if (!read_values (reader, node, GLOSS_ATTRIBUTE_ON_CASE, id, name, error) ||
          !read_case_members (reader, node, id, name, error))
        return FALSE;
      if (child (node, "CodeRef") != NULL)
        note_warning (reader, _("Case “%s”: its codes are not imported"), name);
    }

  return TRUE;
}

static gboolean
read_set (Reader   *reader,
          xmlNode  *node,
          GError  **error)
{
  g_autofree char *raw = prop (node, "guid");
  g_autofree char *guid = normal_guid (raw);
  g_autofree char *name = prop (node, "name");
  g_autofree char *description = child (node, "Description") != NULL ? content (child (node, "Description")) : NULL;
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  const char *rule = NULL;
  guint skipped = 0;
  gint64 id;

  if (name == NULL || _gloss_is_blank (name))
    {
      note_warning (reader, _("A set without a name is not imported"));
      return TRUE;
    }
  if (gloss_project_find_set (reader->project, name, NULL) != 0)
    {
      note_warning (reader, _("A second set “%s” is not imported"), name);
      return TRUE;
    }

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *target = NULL;
      gint64 member = 0;

      if (!is_named (c, "MemberSource") && !is_named (c, "MemberCode"))
        {
          skipped += is_named (c, "MemberNote");
          continue;
        }
      target = prop_guid (c, "targetGUID");
      if (is_named (c, "MemberSource") && (member = document_by_guid (reader->project, target)) != 0)
        g_array_append_val (documents, member);
      else if (is_named (c, "MemberCode") && target != NULL && reader->codes != NULL &&
               g_hash_table_contains (reader->codes, target))
        {
          member = *(gint64 *) g_hash_table_lookup (reader->codes, target);
          g_array_append_val (codes, member);
        }
      else
        skipped++;
    }

  if (documents->len > 0 && codes->len > 0)
    {
      note_warning (reader, _("Set “%s”: its codes are left out (a set in Gloss holds documents or codes)"), name);
      g_array_set_size (codes, 0);
    }
  if (skipped > 0)
    note_warning (reader, _("Set “%s”: %u member(s) that were not imported are left out"), name, skipped);

  if (codes->len == 0 && description != NULL && g_str_has_prefix (description, RULE_PREFIX))
    {
      g_autoptr(GError) rule_error = NULL;
      g_autoptr(GArray) matched = gloss_project_match_documents (reader->project, description + strlen (RULE_PREFIX),
                                                                 &rule_error);
      if (matched != NULL)
        rule = description + strlen (RULE_PREFIX);
      else
        note_warning (reader, _("Set “%s”: its rule does not read here (%s); imported as a set of listed documents"),
                      name, rule_error->message);
    }

  id = gloss_project_add_set (reader->project, codes->len > 0 ? GLOSS_SET_CODES : GLOSS_SET_DOCUMENTS,
                              name, rule, &local_error);
  if (id == 0)
    {
      if (reader->project->step_failed)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      note_warning (reader, _("Set “%s”: %s; not imported"), name, local_error->message);
      return TRUE;
    }
  _gloss_keep_guid (reader->project, "set_item", id, guid);

  if (rule != NULL)
    return TRUE;
  if (codes->len > 0)
    return gloss_project_add_set_members (reader->project, id, (const gint64 *) codes->data, codes->len, error);
  return gloss_project_add_set_members (reader->project, id, (const gint64 *) documents->data, documents->len, error);
}

gboolean
_gloss_qdpx_read_cases (GlossProject  *project,
                        xmlNode       *root,
                        GHashTable    *codes,
                        GPtrArray     *warnings,
                        GError       **error)
{
  Reader reader = { project, warnings, codes, NULL, NULL };
  gboolean ok = FALSE;

  reader.variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) variable_free);
  reader.selections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) selection_free);

  read_variables (&reader, child (root, "Variables"));
  if (!read_source_values (&reader, child (root, "Sources"), error) ||
      !read_cases (&reader, child (root, "Cases"), error))
    goto out;

  /* A variable nothing uses is still a definition worth keeping. */
  for (xmlNode *node = child (root, "Variables") != NULL ? child (root, "Variables")->children : NULL;
       node != NULL; node = node->next)
    {
      g_autofree char *guid = is_named (node, "Variable") ? prop_guid (node, "guid") : NULL;
      Variable *variable = guid != NULL ? g_hash_table_lookup (reader.variables, guid) : NULL;

      if (variable != NULL && variable->on_document == 0 && variable->on_case == 0 &&
          attribute_for (&reader, variable, GLOSS_ATTRIBUTE_ON_DOCUMENT, error) == 0)
        goto out;
    }

  ok = TRUE;
  for (xmlNode *node = child (root, "Sets") != NULL ? child (root, "Sets")->children : NULL;
       node != NULL && ok; node = node->next)
    if (is_named (node, "Set"))
      ok = read_set (&reader, node, error);

out:
  g_hash_table_unref (reader.variables);
  g_hash_table_unref (reader.selections);
  return ok;
}
