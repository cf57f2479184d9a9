/* gloss-cli-notes.c: the project's free notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli-private.h"

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       usec)
{
  g_autoptr(GDateTime) time = usec > 0 ? g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC) : NULL;
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  json_builder_set_member_name (builder, member);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_text (JsonBuilder *builder,
          const char  *member,
          const char  *text)
{
  json_builder_set_member_name (builder, member);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static int
list_notes_json (GPtrArray *notes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < notes->len; i++)
    {
      const GlossNote *note = g_ptr_array_index (notes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, note->id);
      add_text (builder, "guid", note->guid);
      add_text (builder, "name", note->name);
      add_text (builder, "text", note->text);
      add_text (builder, "author", note->author_name);
      add_text (builder, "author_guid", note->author_guid);
      add_time (builder, "created", note->created);
      add_time (builder, "modified", note->modified);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  gloss_cli_print_json (root);
  return GLOSS_CLI_OK;
}

int
gloss_cli_notes (int    argc,
                 char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("notes", "PROJECT", _("List the project’s notes (those about no document, code or coding)."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (notes = gloss_project_list_notes (project, &error)) == NULL)
    return gloss_cli_fail (error);

  if (json)
    return list_notes_json (notes);

  for (guint i = 0; i < notes->len; i++)
    {
      const GlossNote *note = g_ptr_array_index (notes, i);
      g_auto(GStrv) lines = g_strsplit (note->text, "\n", -1);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", note->id, note->name,
              note->author_name != NULL ? note->author_name : "");
      for (guint j = 0; lines[j] != NULL; j++)
        printf ("  %s\n", lines[j]);
    }

  return GLOSS_CLI_OK;
}

int
gloss_cli_note_add (int    argc,
                    char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *coder = NULL;
  gint64 coder_id = 0, id;
  int status;
  GOptionEntry entries[] = {
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("The coder who wrote it"), N_("NAME") },
    { NULL }
  };

  if (!gloss_cli_parse ("note-add", "PROJECT NAME TEXT", _("Add a note about the project."),
                        entries, &argc, &argv, 3, 3, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (coder != NULL && (coder_id = gloss_project_find_coder (project, coder, &error)) == 0) ||
      (id = gloss_project_add_note (project, argv[2], argv[3], coder_id, &error)) == 0)
    return gloss_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return GLOSS_CLI_OK;
}

/* The memo's target from the options: exactly one of them. */
static gboolean
memo_target (GlossProject  *project,
             gboolean       on_project,
             const char    *doc,
             const char    *code,
             const char    *coder,
             const char   **kind,
             gint64        *target_id,
             GError       **error)
{
  if ((on_project ? 1 : 0) + (doc != NULL) + (code != NULL) + (coder != NULL) != 1)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("Say what the memo is about: one of --project, --doc, --code or --coder"));
      return FALSE;
    }

  if (on_project)
    {
      *kind = "project";
      *target_id = 1;
    }
  else if (doc != NULL)
    {
      *kind = "document";
      *target_id = gloss_project_find_document (project, doc, error);
    }
  else if (code != NULL)
    {
      *kind = "code";
      *target_id = gloss_project_find_code (project, code, error);
    }
  else
    {
      *kind = "coder";
      *target_id = gloss_project_find_coder (project, coder, error);
    }

  return *target_id > 0;
}

int
gloss_cli_memo (int    argc,
                char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *code = NULL;
  g_autofree char *coder = NULL;
  g_autofree char *text = NULL;
  g_autofree char *set = NULL;
  gboolean on_project = FALSE;
  const char *kind = NULL;
  gint64 target_id = 0;
  int status;
  GOptionEntry entries[] = {
    { "project", 0, 0, G_OPTION_ARG_NONE, &on_project, N_("The memo on the project"), NULL },
    { "doc", 0, 0, G_OPTION_ARG_STRING, &doc, N_("The memo on a document"), N_("DOC") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The memo on a code"), N_("PATH") },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("The memo on a coder"), N_("NAME") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set, N_("Write the memo (an empty text removes it)"), N_("TEXT") },
    { NULL }
  };

  if (!gloss_cli_parse ("memo", "PROJECT", _("Print or write the memo on the project, a document, a code or a coder."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      !memo_target (project, on_project, doc, code, coder, &kind, &target_id, &error))
    return gloss_cli_fail (error);

  if (set != NULL)
    return gloss_project_set_memo (project, kind, target_id, set, &error) ? GLOSS_CLI_OK : gloss_cli_fail (error);

  text = gloss_project_get_memo (project, kind, target_id, &error);
  if (text == NULL)
    return gloss_cli_fail (error);
  if (*text != '\0')
    printf ("%s\n", text);
  return GLOSS_CLI_OK;
}
