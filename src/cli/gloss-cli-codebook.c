/* gloss-cli-codebook.c: coders and codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "gloss-cli-private.h"

static int
list_coders_json (GPtrArray *coders)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < coders->len; i++)
    {
      const GlossCoder *coder = g_ptr_array_index (coders, i);

      json_builder_begin_object (builder);
      gloss_cli_json_add_int (builder, "id", coder->id);
      gloss_cli_json_add_string (builder, "guid", coder->guid);
      gloss_cli_json_add_string (builder, "name", coder->name);
      gloss_cli_json_add_string (builder, "color", coder->color);
      gloss_cli_json_add_int (builder, "codings", coder->n_codings);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  gloss_cli_print_builder (builder);
  return GLOSS_CLI_OK;
}

int
gloss_cli_coders (int    argc,
                  char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("coders", "PROJECT", _("List the coders."), entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (coders = gloss_project_list_coders (project, &error)) == NULL)
    return gloss_cli_fail (error);

  if (json)
    return list_coders_json (coders);

  for (guint i = 0; i < coders->len; i++)
    {
      const GlossCoder *coder = g_ptr_array_index (coders, i);
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%" G_GINT64_FORMAT " codings\n",
              coder->id, coder->name, coder->color, coder->n_codings);
    }

  return GLOSS_CLI_OK;
}

int
gloss_cli_coder_add (int    argc,
                     char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "color", 'c', 0, G_OPTION_ARG_STRING, &color, N_("The coder’s colour"), "#RRGGBB" },
    { NULL }
  };

  if (!gloss_cli_parse ("coder-add", "PROJECT NAME", _("Add a coder."), entries, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (id = gloss_project_add_coder (project, argv[2], color, &error)) == 0)
    return gloss_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return GLOSS_CLI_OK;
}

/* A coder named by name, or by id when no coder has that name (so that a
 * coder called "2" can still be named). */
static gint64
find_coder (GlossProject  *project,
            const char    *name_or_id,
            GError       **error)
{
  g_autoptr(GError) not_found = NULL;
  char *end = NULL;
  gint64 id = gloss_project_find_coder (project, name_or_id, &not_found);
  gint64 number;

  if (id > 0)
    return id;

  number = g_ascii_strtoll (name_or_id, &end, 10);
  if (end != name_or_id && *end == '\0' && number > 0)
    {
      g_autoptr(GlossCoder) coder = gloss_project_get_coder (project, number, NULL);

      if (coder != NULL)
        return coder->id;
    }

  g_propagate_error (error, g_steal_pointer (&not_found));
  return 0;
}

int
gloss_cli_coder_remove (int    argc,
                        char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossCoder) coder = NULL;
  g_autoptr(GError) error = NULL;
  gboolean yes = FALSE;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Remove the coder’s codings with them"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("coder-remove", "PROJECT NAME|ID",
                        _("Remove a coder with their codings, memo and attribute values, as one step "
                          "that undo brings back. A coder who has codings is removed only with --yes."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (id = find_coder (project, argv[2], &error)) == 0 ||
      (coder = gloss_project_get_coder (project, id, &error)) == NULL)
    return gloss_cli_fail (error);

  if (coder->n_codings > 0 && !yes)
    return gloss_cli_fail_message (g_dngettext (GETTEXT_PACKAGE,
                                                "“%s” has %" PRId64 " coding: add --yes to remove it with the coder",
                                                "“%s” has %" PRId64 " codings: add --yes to remove them with the coder",
                                                coder->n_codings),
                                   coder->name, coder->n_codings);

  if (!gloss_project_remove_coder (project, id, &error))
    return gloss_cli_fail (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "removed coder “%s” and %" PRId64 " coding\n",
                       "removed coder “%s” and %" PRId64 " codings\n", coder->n_codings),
          coder->name, coder->n_codings);
  return GLOSS_CLI_OK;
}

static int
list_codes_json (GPtrArray *codes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < codes->len; i++)
    {
      const GlossCode *code = g_ptr_array_index (codes, i);

      json_builder_begin_object (builder);
      gloss_cli_json_add_int (builder, "id", code->id);
      gloss_cli_json_add_string (builder, "guid", code->guid);
      gloss_cli_json_add_string (builder, "path", code->path);
      gloss_cli_json_add_string (builder, "name", code->name);
      gloss_cli_json_add_int_or_null (builder, "parent", code->parent_id, code->parent_id != 0);
      gloss_cli_json_add_string (builder, "color", code->color);
      gloss_cli_json_add_string (builder, "description", code->description);
      gloss_cli_json_add_int (builder, "position", code->position);
      gloss_cli_json_add_int (builder, "codings", code->n_codings);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  gloss_cli_print_builder (builder);
  return GLOSS_CLI_OK;
}

int
gloss_cli_codes (int    argc,
                 char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("codes", "PROJECT", _("Show the codebook as a tree."), entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (codes = gloss_project_list_codes (project, &error)) == NULL)
    return gloss_cli_fail (error);

  if (json)
    return list_codes_json (codes);

  for (guint i = 0; i < codes->len; i++)
    {
      const GlossCode *code = g_ptr_array_index (codes, i);
      g_autofree char *indent = g_strnfill (code->depth * 2, ' ');

      printf ("%s%s\t%s\t%" G_GINT64_FORMAT " codings\n", indent, code->name, code->color, code->n_codings);
    }

  return GLOSS_CLI_OK;
}

int
gloss_cli_code_add (int    argc,
                    char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  g_autofree char *description = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "color", 'c', 0, G_OPTION_ARG_STRING, &color, N_("The code’s colour"), "#RRGGBB" },
    { "description", 'd', 0, G_OPTION_ARG_STRING, &description, N_("What the code means"), "T" },
    { NULL }
  };

  if (!gloss_cli_parse ("code-add", "PROJECT PATH",
                        _("Add a code; PATH such as Partnership/Funding creates missing parents."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  if (gloss_project_find_code (project, argv[2], NULL) != 0)
    return gloss_cli_fail_message (_("There is already a code “%s”"), argv[2]);

  if ((id = gloss_project_ensure_code_path (project, argv[2], color, description, &error)) == 0)
    return gloss_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return GLOSS_CLI_OK;
}
