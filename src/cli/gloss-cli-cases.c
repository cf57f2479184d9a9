/* gloss-cli-cases.c: attributes, cases and sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli-private.h"

static gboolean
parse_target (const char           *command,
              const char           *on,
              GlossAttributeTarget *target,
              int                  *status)
{
  *target = GLOSS_ATTRIBUTE_ON_DOCUMENT;
  if (on == NULL || gloss_attribute_target_from_string (on, target))
    return TRUE;

  *status = gloss_cli_usage_error (command, _("--on takes document, coder or case, not “%s”"), on);
  return FALSE;
}

/* A document (id or title), a coder (name) or a case (id or name). */
static gint64
find_target (GlossProject          *project,
             GlossAttributeTarget   target,
             const char            *name,
             GError               **error)
{
  switch (target)
    {
    case GLOSS_ATTRIBUTE_ON_CODER:
      return gloss_project_find_coder (project, name, error);
    case GLOSS_ATTRIBUTE_ON_CASE:
      return gloss_project_find_case (project, name, error);
    case GLOSS_ATTRIBUTE_ON_DOCUMENT:
    default:
      return gloss_project_find_document (project, name, error);
    }
}

static GStrv
split_values (const char *values)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (values == NULL)
    return NULL;
  parts = g_strsplit (values, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* Commands that find one thing by name and change it: "COMMAND PROJECT
 * NAME" or "COMMAND PROJECT NAME ARG" (@n_args 2 or 3). */
typedef gint64   (*FindFunc)   (GlossProject *project,
                                const char   *name,
                                GError      **error);
typedef gboolean (*ChangeFunc) (GlossProject *project,
                                gint64        id,
                                const char   *arg,
                                GError      **error);

static int
change_named (int           argc,
              char        **argv,
              const char   *command,
              const char   *parameters,
              const char   *summary,
              int           n_args,
              FindFunc      find,
              ChangeFunc    change)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = { { NULL } };

  if (!gloss_cli_parse (command, parameters, summary, entries, &argc, &argv, n_args, n_args, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (id = find (project, argv[2], &error)) == 0 ||
      !change (project, id, n_args > 2 ? argv[3] : NULL, &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

/* Attribute commands with --on: the attribute NAME of documents, coders or
 * cases, then @change (with ARG when @n_args is 3). */
static int
change_attribute (int           argc,
                  char        **argv,
                  const char   *command,
                  const char   *parameters,
                  const char   *summary,
                  int           n_args,
                  ChangeFunc    change)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on = NULL;
  GlossAttributeTarget target;
  gint64 attribute;
  int status;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("What it describes: document (default), coder or case"), "WHAT" },
    { NULL }
  };

  if (!gloss_cli_parse (command, parameters, summary, entries, &argc, &argv, n_args, n_args, &status) ||
      !parse_target (command, on, &target, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (attribute = gloss_project_find_attribute (project, target, argv[2], &error)) == 0 ||
      !change (project, attribute, n_args > 2 ? argv[3] : NULL, &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

static gboolean
delete_attribute (GlossProject  *project,
                 gint64         id,
                 const char    *arg,
                 GError       **error)
{
  return gloss_project_delete_attribute (project, id, error);
}

static gboolean
delete_case (GlossProject  *project,
            gint64         id,
            const char    *arg,
            GError       **error)
{
  return gloss_project_delete_case (project, id, error);
}

static gboolean
delete_set (GlossProject  *project,
           gint64         id,
           const char    *arg,
           GError       **error)
{
  return gloss_project_delete_set (project, id, error);
}

/* Attributes */

int
gloss_cli_attribute_add (int    argc,
                         char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type_name = NULL, *values = NULL, *on = NULL;
  g_auto(GStrv) choices = NULL;
  GlossAttributeType type = GLOSS_ATTRIBUTE_TEXT;
  GlossAttributeTarget target;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name,
      N_("text, number, date, boolean (yes/no) or category (default: text)"), "TYPE" },
    { "values", 0, 0, G_OPTION_ARG_STRING, &values, N_("The values of a category"), "A,B,…" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("What it describes: document (default), coder or case"), "WHAT" },
    { NULL }
  };

  if (!gloss_cli_parse ("attribute-add", "PROJECT NAME", _("Define an attribute; prints its id."),
                        entries, &argc, &argv, 2, 2, &status) ||
      !parse_target ("attribute-add", on, &target, &status))
    return status;
  if (type_name != NULL && !gloss_attribute_type_from_string (type_name, &type))
    return gloss_cli_usage_error ("attribute-add", _("unknown type “%s” (text, number, date, boolean, category)"),
                                  type_name);
  if (values != NULL && type != GLOSS_ATTRIBUTE_CATEGORY)
    return gloss_cli_usage_error ("attribute-add", _("--values goes with --type category"));

  choices = split_values (values);
  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (id = gloss_project_add_attribute (project, target, argv[2], type, (const char * const *) choices, &error)) == 0)
    return gloss_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return GLOSS_CLI_OK;
}

int
gloss_cli_attribute_set (int    argc,
                         char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on = NULL;
  GlossAttributeTarget target;
  gint64 attribute, target_id;
  int status;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("What it describes: document (default), coder or case"), "WHAT" },
    { NULL }
  };

  if (!gloss_cli_parse ("attribute-set", "PROJECT NAME TARGET VALUE",
                        _("Give a document, coder or case a value (an empty VALUE clears it)."),
                        entries, &argc, &argv, 4, 4, &status) ||
      !parse_target ("attribute-set", on, &target, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (attribute = gloss_project_find_attribute (project, target, argv[2], &error)) == 0 ||
      (target_id = find_target (project, target, argv[3], &error)) == 0 ||
      !gloss_project_set_attribute_value (project, attribute, target_id, argv[4], &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

int
gloss_cli_attribute_rename (int    argc,
                            char **argv)
{
  return change_attribute (argc, argv, "attribute-rename", "PROJECT NAME NEW-NAME", _("Rename an attribute."),
                           3, gloss_project_rename_attribute);
}

int
gloss_cli_attribute_retype (int    argc,
                            char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unconverted = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *type_name = NULL, *values = NULL, *on = NULL;
  g_auto(GStrv) choices = NULL;
  gboolean drop = FALSE;
  GlossAttributeType type;
  GlossAttributeTarget target;
  gint64 attribute;
  int status;
  GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name,
      N_("text, number, date, boolean (yes/no) or category"), "TYPE" },
    { "values", 0, 0, G_OPTION_ARG_STRING, &values,
      N_("The values of a category (default: the values there are)"), "A,B,…" },
    { "drop-unconverted", 0, 0, G_OPTION_ARG_NONE, &drop,
      N_("Empty the values that do not convert instead of refusing"), NULL },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("What it describes: document (default), coder or case"), "WHAT" },
    { NULL }
  };

  if (!gloss_cli_parse ("attribute-retype", "PROJECT NAME --type TYPE",
                        _("Change an attribute’s type, converting its values."),
                        entries, &argc, &argv, 2, 2, &status) ||
      !parse_target ("attribute-retype", on, &target, &status))
    return status;
  if (type_name == NULL)
    return gloss_cli_usage_error ("attribute-retype", _("--type is required"));
  if (!gloss_attribute_type_from_string (type_name, &type))
    return gloss_cli_usage_error ("attribute-retype", _("unknown type “%s” (text, number, date, boolean, category)"),
                                  type_name);

  choices = split_values (values);
  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (attribute = gloss_project_find_attribute (project, target, argv[2], &error)) == 0 ||
      !gloss_project_retype_attribute (project, attribute, type, (const char * const *) choices,
                                       drop, unconverted, &error))
    return gloss_cli_fail (error);

  for (guint i = 0; i < unconverted->len; i++)
    printf (_("emptied %s\n"), (char *) g_ptr_array_index (unconverted, i));
  return GLOSS_CLI_OK;
}

int
gloss_cli_attribute_delete (int    argc,
                            char **argv)
{
  return change_attribute (argc, argv, "attribute-delete", "PROJECT NAME", _("Delete an attribute and its values."),
                           2, delete_attribute);
}

/* A value as JSON: numbers as numbers, yes/no as booleans. */
static void
add_value (JsonBuilder        *builder,
           GlossAttributeType  type,
           const char         *value)
{
  if (type == GLOSS_ATTRIBUTE_NUMBER)
    json_builder_add_double_value (builder, g_ascii_strtod (value, NULL));
  else if (type == GLOSS_ATTRIBUTE_BOOLEAN)
    json_builder_add_boolean_value (builder, g_str_equal (value, "true"));
  else
    json_builder_add_string_value (builder, value);
}

static char *
target_name (GlossProject          *project,
             GlossAttributeTarget   target,
             gint64                 id)
{
  if (target == GLOSS_ATTRIBUTE_ON_CODER)
    {
      g_autoptr(GlossCoder) coder = gloss_project_get_coder (project, id, NULL);
      return g_strdup (coder != NULL ? coder->name : "");
    }
  if (target == GLOSS_ATTRIBUTE_ON_CASE)
    {
      g_autoptr(GlossCase) item = gloss_project_get_case (project, id, NULL);
      return g_strdup (item != NULL ? item->name : "");
    }

  {
    g_autoptr(GlossDocumentInfo) info = gloss_project_get_document (project, id, NULL);
    return g_strdup (info != NULL ? info->title : "");
  }
}

static gboolean
print_attributes_json (GlossProject  *project,
                       GPtrArray     *attributes,
                       GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < attributes->len; i++)
    {
      const GlossAttribute *attribute = g_ptr_array_index (attributes, i);
      g_autoptr(GPtrArray) values = gloss_project_list_attribute_values (project, attribute->id, 0, error);

      if (values == NULL)
        return FALSE;

      json_builder_begin_object (builder);
      gloss_cli_json_add_int (builder, "id", attribute->id);
      gloss_cli_json_add_string (builder, "guid", attribute->guid);
      gloss_cli_json_add_string (builder, "name", attribute->name);
      gloss_cli_json_add_string (builder, "on", gloss_attribute_target_to_string (attribute->target));
      gloss_cli_json_add_string (builder, "type", gloss_attribute_type_to_string (attribute->type));
      json_builder_set_member_name (builder, "choices");
      if (attribute->choices != NULL)
        {
          json_builder_begin_array (builder);
          for (guint c = 0; attribute->choices[c] != NULL; c++)
            json_builder_add_string_value (builder, attribute->choices[c]);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint v = 0; v < values->len; v++)
        {
          const GlossAttributeValue *value = g_ptr_array_index (values, v);
          g_autofree char *name = target_name (project, attribute->target, value->target_id);

          json_builder_begin_object (builder);
          gloss_cli_json_add_int (builder, "id", value->target_id);
          gloss_cli_json_add_string (builder, "target", name);
          json_builder_set_member_name (builder, "value");
          add_value (builder, attribute->type, value->value);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  gloss_cli_print_builder (builder);
  return TRUE;
}

int
gloss_cli_attributes (int    argc,
                      char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autofree char *on = NULL;
  GlossAttributeTarget target = GLOSS_ATTRIBUTE_ON_DOCUMENT;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("Only those of documents, coders or cases"), "WHAT" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, with every value"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("attributes", "PROJECT", _("List the attributes and their values."),
                        entries, &argc, &argv, 1, 1, &status) ||
      !parse_target ("attributes", on, &target, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (attributes = gloss_project_list_attributes (project, on != NULL ? (int) target : -1, &error)) == NULL)
    return gloss_cli_fail (error);

  if (json)
    return print_attributes_json (project, attributes, &error) ? GLOSS_CLI_OK : gloss_cli_fail (error);

  for (guint i = 0; i < attributes->len; i++)
    {
      const GlossAttribute *attribute = g_ptr_array_index (attributes, i);
      g_autofree char *choices = attribute->choices != NULL ? g_strjoinv (", ", attribute->choices) : NULL;

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s%s%s%s\t%" G_GINT64_FORMAT " values\n", attribute->id,
              gloss_attribute_target_to_string (attribute->target), attribute->name,
              gloss_attribute_type_to_string (attribute->type),
              choices != NULL ? " (" : "", choices != NULL ? choices : "", choices != NULL ? ")" : "",
              attribute->n_values);
    }

  return GLOSS_CLI_OK;
}

/* Cases */

int
gloss_cli_case_add (int    argc,
                    char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the case is"), "T" },
    { NULL }
  };

  if (!gloss_cli_parse ("case-add", "PROJECT NAME", _("Add a case; prints its id."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (id = gloss_project_add_case (project, argv[2], description, &error)) == 0)
    return gloss_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return GLOSS_CLI_OK;
}

int
gloss_cli_case_rename (int    argc,
                       char **argv)
{
  return change_named (argc, argv, "case-rename", "PROJECT CASE NEW-NAME", _("Rename a case."),
                       3, gloss_project_find_case, gloss_project_rename_case);
}

int
gloss_cli_case_describe (int    argc,
                         char **argv)
{
  return change_named (argc, argv, "case-describe", "PROJECT CASE TEXT",
                       _("Give a case a description (an empty TEXT removes it)."),
                       3, gloss_project_find_case, gloss_project_set_case_description);
}

int
gloss_cli_case_delete (int    argc,
                       char **argv)
{
  return change_named (argc, argv, "case-delete", "PROJECT CASE", _("Delete a case, its members and its values."),
                       2, gloss_project_find_case, delete_case);
}

int
gloss_cli_case_member_add (int    argc,
                           char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *range = NULL;
  gint64 case_id, doc, id, start = -1, end = -1;
  int status;
  GOptionEntry entries[] = {
    { "range", 'r', 0, G_OPTION_ARG_STRING, &range, N_("Only this passage of the document"), "START:END" },
    { NULL }
  };

  if (!gloss_cli_parse ("case-member-add", "PROJECT CASE DOC",
                        _("Add a document, or a passage of one, to a case; prints the member’s id."),
                        entries, &argc, &argv, 3, 3, &status))
    return status;
  if (range != NULL && !gloss_cli_parse_range (range, &start, &end))
    return gloss_cli_usage_error ("case-member-add", _("--range takes START:END, not “%s”"), range);

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (case_id = gloss_project_find_case (project, argv[2], &error)) == 0 ||
      (doc = gloss_project_find_document (project, argv[3], &error)) == 0 ||
      (id = gloss_project_add_case_member (project, case_id, doc, start, end, &error)) == 0)
    return gloss_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return GLOSS_CLI_OK;
}

int
gloss_cli_case_member_remove (int    argc,
                              char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 member;
  char *end = NULL;
  int status;
  GOptionEntry entries[] = { { NULL } };

  if (!gloss_cli_parse ("case-member-remove", "PROJECT MEMBER-ID", _("Take a member out of its case."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;
  member = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || member <= 0)
    return gloss_cli_usage_error ("case-member-remove", _("a member id is a number, not “%s”"), argv[2]);

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || !gloss_project_remove_case_member (project, member, &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

static void
add_attribute_values (JsonBuilder  *builder,
                      GlossProject *project,
                      gint64        target_id,
                      GPtrArray    *attributes)
{
  g_autoptr(GPtrArray) values = gloss_project_list_attribute_values (project, 0, target_id, NULL);

  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const GlossAttributeValue *value = g_ptr_array_index (values, i);

      for (guint a = 0; a < attributes->len; a++)
        {
          const GlossAttribute *attribute = g_ptr_array_index (attributes, a);
          if (attribute->id != value->attribute_id)
            continue;
          json_builder_set_member_name (builder, attribute->name);
          add_value (builder, attribute->type, value->value);
        }
    }
  json_builder_end_object (builder);
}

int
gloss_cli_cases (int    argc,
                 char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, with members and attributes"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("cases", "PROJECT", _("List the cases."), entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (cases = gloss_project_list_cases (project, &error)) == NULL ||
      (attributes = gloss_project_list_attributes (project, GLOSS_ATTRIBUTE_ON_CASE, &error)) == NULL)
    return gloss_cli_fail (error);

  if (!json)
    {
      for (guint i = 0; i < cases->len; i++)
        {
          const GlossCase *item = g_ptr_array_index (cases, i);
          printf ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT " members\n", item->id, item->name, item->n_members);
        }
      return GLOSS_CLI_OK;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < cases->len; i++)
    {
      const GlossCase *item = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) members = gloss_project_list_case_members (project, item->id, &error);

      if (members == NULL)
        return gloss_cli_fail (error);

      json_builder_begin_object (builder);
      gloss_cli_json_add_int (builder, "id", item->id);
      gloss_cli_json_add_string (builder, "guid", item->guid);
      gloss_cli_json_add_string (builder, "name", item->name);
      gloss_cli_json_add_string (builder, "description", item->description);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint m = 0; m < members->len; m++)
        {
          const GlossCaseMember *member = g_ptr_array_index (members, m);
          g_autofree char *title = target_name (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, member->document_id);

          json_builder_begin_object (builder);
          gloss_cli_json_add_int (builder, "id", member->id);
          gloss_cli_json_add_string (builder, "document", title);
          gloss_cli_json_add_int (builder, "document_id", member->document_id);
          gloss_cli_json_add_int_or_null (builder, "start", member->start, member->start >= 0);
          gloss_cli_json_add_int_or_null (builder, "end", member->end, member->end >= 0);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_attribute_values (builder, project, item->id, attributes);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  gloss_cli_print_builder (builder);
  return GLOSS_CLI_OK;
}

/* Sets */

int
gloss_cli_set_add (int    argc,
                   char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rule = NULL;
  gboolean codes = FALSE;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "rule", 0, 0, G_OPTION_ARG_STRING, &rule,
      N_("The documents meeting this condition, now and later (e.g. “type = refugee-led”)"), "CONDITION" },
    { "codes", 0, 0, G_OPTION_ARG_NONE, &codes, N_("A set of codes instead of documents"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("set-add", "PROJECT NAME", _("Add a set of documents (or codes); prints its id."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (id = gloss_project_add_set (project, codes ? GLOSS_SET_CODES : GLOSS_SET_DOCUMENTS, argv[2], rule, &error)) == 0)
    return gloss_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return GLOSS_CLI_OK;
}

int
gloss_cli_set_rename (int    argc,
                      char **argv)
{
  return change_named (argc, argv, "set-rename", "PROJECT SET NEW-NAME", _("Rename a set."),
                       3, gloss_project_find_set, gloss_project_rename_set);
}

int
gloss_cli_set_rule (int    argc,
                    char **argv)
{
  return change_named (argc, argv, "set-rule", "PROJECT SET CONDITION",
                       _("Give a set a rule (an empty CONDITION makes its members listed again)."),
                       3, gloss_project_find_set, gloss_project_set_set_rule);
}

int
gloss_cli_set_delete (int    argc,
                      char **argv)
{
  return change_named (argc, argv, "set-delete", "PROJECT SET", _("Delete a set (its members stay in the project)."),
                       2, gloss_project_find_set, delete_set);
}

static int
change_set_members (int         argc,
                    char      **argv,
                    const char *command,
                    gboolean    add)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSet) set = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 set_id;
  int status;
  GOptionEntry entries[] = { { NULL } };

  if (!gloss_cli_parse (command, "PROJECT SET ITEM…",
                        add ? _("Add documents (ids or titles) or codes (paths) to a set.")
                            : _("Take documents or codes out of a set."),
                        entries, &argc, &argv, 3, -1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (set_id = gloss_project_find_set (project, argv[2], &error)) == 0 ||
      (set = gloss_project_get_set (project, set_id, &error)) == NULL)
    return gloss_cli_fail (error);

  for (int i = 3; i < argc; i++)
    {
      gint64 id = set->kind == GLOSS_SET_CODES ? gloss_project_find_code (project, argv[i], &error)
                                               : gloss_project_find_document (project, argv[i], &error);
      if (id == 0)
        return gloss_cli_fail (error);
      g_array_append_val (ids, id);
    }

  if (!(add ? gloss_project_add_set_members : gloss_project_remove_set_members)
        (project, set_id, (const gint64 *) ids->data, ids->len, &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

int
gloss_cli_set_member_add (int    argc,
                          char **argv)
{
  return change_set_members (argc, argv, "set-member-add", TRUE);
}

int
gloss_cli_set_member_remove (int    argc,
                             char **argv)
{
  return change_set_members (argc, argv, "set-member-remove", FALSE);
}

int
gloss_cli_sets (int    argc,
                char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, with the members"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("sets", "PROJECT", _("List the sets."), entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (sets = gloss_project_list_sets (project, &error)) == NULL)
    return gloss_cli_fail (error);

  if (!json)
    {
      for (guint i = 0; i < sets->len; i++)
        {
          const GlossSet *set = g_ptr_array_index (sets, i);
          printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%" G_GINT64_FORMAT " members%s%s\n", set->id,
                  gloss_set_kind_to_string (set->kind), set->name, set->n_members,
                  set->rule != NULL ? "\t" : "", set->rule != NULL ? set->rule : "");
        }
      return GLOSS_CLI_OK;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < sets->len; i++)
    {
      const GlossSet *set = g_ptr_array_index (sets, i);
      g_autoptr(GArray) members = gloss_project_get_set_members (project, set->id, &error);

      if (members == NULL)
        return gloss_cli_fail (error);

      json_builder_begin_object (builder);
      gloss_cli_json_add_int (builder, "id", set->id);
      gloss_cli_json_add_string (builder, "guid", set->guid);
      gloss_cli_json_add_string (builder, "name", set->name);
      gloss_cli_json_add_string (builder, "kind", gloss_set_kind_to_string (set->kind));
      gloss_cli_json_add_string (builder, "rule", set->rule);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint m = 0; m < members->len; m++)
        {
          gint64 id = g_array_index (members, gint64, m);
          g_autofree char *name = set->kind == GLOSS_SET_CODES ? gloss_project_dup_code_path (project, id, NULL)
                                                               : target_name (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, id);
          json_builder_begin_object (builder);
          gloss_cli_json_add_int (builder, "id", id);
          gloss_cli_json_add_string (builder, set->kind == GLOSS_SET_CODES ? "path" : "title", name);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  gloss_cli_print_builder (builder);
  return GLOSS_CLI_OK;
}
