/* gloss-cli-util.c: what the subcommands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli-private.h"

gboolean
gloss_cli_parse (const char    *command,
                 const char    *parameter_string,
                 const char    *summary,
                 GOptionEntry  *entries,
                 int           *argc,
                 char        ***argv,
                 int            min_args,
                 int            max_args,
                 int           *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_strdup_printf ("gloss-cli %s", command);
  int n_args;

  /* "Usage: gloss-cli COMMAND [OPTION…] PARAMETERS" */
  g_set_prgname (program);
  context = g_option_context_new (parameter_string);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* --help prints and exits with 0 inside the parser. */
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = gloss_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  n_args = *argc - 1;
  if (n_args < min_args || (max_args >= 0 && n_args > max_args))
    {
      *status = gloss_cli_usage_error (command, _("expected %s"), parameter_string);
      return FALSE;
    }

  return TRUE;
}

static char *
one_line (const char *message)
{
  char *line = g_strdup (message);

  g_strdelimit (line, "\n\r", ' ');
  return line;
}

int
gloss_cli_fail (GError *error)
{
  g_autofree char *line = one_line (error != NULL ? error->message : _("unknown error"));

  fprintf (stderr, "gloss-cli: %s\n", line);
  return GLOSS_CLI_USER_ERROR;
}

int
gloss_cli_fail_message (const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  line = one_line (message);
  fprintf (stderr, "gloss-cli: %s\n", line);
  return GLOSS_CLI_USER_ERROR;
}

int
gloss_cli_usage_error (const char *command,
                       const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  line = one_line (message);
  fprintf (stderr, "gloss-cli %s: %s (see gloss-cli %s --help)\n", command, line, command);
  return GLOSS_CLI_BAD_USAGE;
}

void
gloss_cli_remove_stale_files (const char *out_path)
{
  g_autofree char *folder = g_path_get_dirname (out_path);

  gloss_remove_stale_files (folder, GLOSS_STALE_SECONDS, NULL);
}

GlossProject *
gloss_cli_open_project (const char  *path,
                        GError     **error)
{
  GlossProject *project = gloss_project_open (path, error);
  GlossTextUpgrade upgrade;
  g_autofree char *upgraded = NULL;

  if (project == NULL)
    return NULL;
  gloss_project_get_text_upgrade (project, &upgrade);
  if ((upgraded = gloss_text_upgrade_describe (&upgrade)) != NULL)
    g_printerr ("%s\n", upgraded);
  return project;
}

gboolean
gloss_cli_parse_range (const char *text,
                       gint64     *start,
                       gint64     *end)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 2)
    return FALSE;

  return g_ascii_string_to_signed (parts[0], 10, 0, G_MAXINT64, start, NULL) &&
         g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT64, end, NULL);
}

void
gloss_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

void
gloss_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  gloss_cli_print_json (root);
}

void
gloss_cli_json_add_string (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
gloss_cli_json_add_int (JsonBuilder *builder,
                        const char  *name,
                        gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
gloss_cli_json_add_int_or_null (JsonBuilder *builder,
                                const char  *name,
                                gint64       value,
                                gboolean     present)
{
  json_builder_set_member_name (builder, name);
  if (present)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

gboolean
gloss_cli_parse_scope (GlossProject  *project,
                       const char    *set,
                       const char    *where,
                       const char    *coders,
                       GlossScope    *scope,
                       GError       **error)
{
  if (set != NULL && (scope->set_id = gloss_project_find_set (project, set, error)) == 0)
    return FALSE;

  if (where != NULL)
    {
      /* Checked now, so that a bad condition is reported as such. */
      g_autoptr(GArray) ids = gloss_project_match_documents (project, where, error);
      if (ids == NULL)
        return FALSE;
      scope->where = g_strdup (where);
    }

  if (coders != NULL)
    {
      g_auto(GStrv) names = g_strsplit (coders, ",", -1);

      scope->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; names[i] != NULL; i++)
        {
          const char *name = g_strstrip (names[i]);
          gint64 id;

          if (*name == '\0')
            continue;
          if ((id = gloss_project_find_coder (project, name, error)) == 0)
            return FALSE;
          g_array_append_val (scope->coder_ids, id);
        }
    }

  return TRUE;
}

gboolean
gloss_cli_restrict_documents (GlossProject  *project,
                              const char    *set,
                              const char    *where,
                              GArray        *document_ids,
                              GError       **error)
{
  GlossScope scope = { 0 };
  g_autoptr(GArray) chosen = NULL;
  gboolean ok = FALSE;

  if (set == NULL && where == NULL)
    return TRUE;

  if (!gloss_cli_parse_scope (project, set, where, NULL, &scope, error) ||
      (chosen = gloss_project_scope_documents (project, &scope, error)) == NULL)
    goto out;

  if (document_ids->len > 0)
    {
      g_autoptr(GArray) both = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < document_ids->len; i++)
        for (guint j = 0; j < chosen->len; j++)
          if (g_array_index (document_ids, gint64, i) == g_array_index (chosen, gint64, j))
            {
              g_array_append_val (both, g_array_index (chosen, gint64, j));
              break;
            }
      g_array_set_size (document_ids, 0);
      g_array_append_vals (document_ids, both->data, both->len);
    }
  else
    g_array_append_vals (document_ids, chosen->data, chosen->len);

  if (document_ids->len == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("No document meets the restriction"));
      goto out;
    }
  ok = TRUE;

out:
  gloss_scope_clear (&scope);
  return ok;
}
