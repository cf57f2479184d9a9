/* gloss-cli-project.c: init, load, check, undo, redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli-private.h"

int
gloss_cli_init (int    argc,
                char **argv)
{
  g_autofree char *title = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("The project’s title"), "T" },
    { NULL }
  };

  if (!gloss_cli_parse ("init", "PROJECT", _("Create a new, empty project file."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_project_create (argv[1], title, &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

int
gloss_cli_load (int    argc,
                char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  int status;

  if (!gloss_cli_parse ("load", "PROJECT FILE.json",
                        _("Load coders, codes and codings from a JSON file, all or nothing."),
                        NULL, &argc, &argv, 2, 2, &status))
    return status;

  if (!g_file_get_contents (argv[2], &contents, &length, &error))
    return gloss_cli_fail (error);

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  if (!gloss_project_load_json (project, contents, length, &error))
    {
      g_autofree char *name = g_filename_display_basename (argv[2]);
      return gloss_cli_fail_message (_("%s: %s (nothing was loaded)"), name, error->message);
    }

  return GLOSS_CLI_OK;
}

int
gloss_cli_check (int    argc,
                 char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  int status;

  if (!gloss_cli_parse ("check", "PROJECT", _("Check that a project file is sound."),
                        NULL, &argc, &argv, 1, 1, &status))
    return status;

  /* Read-only, and also when the schema is not Gloss's: check says what differs. */
  project = gloss_project_open_for_check (argv[1], &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  if (!gloss_project_check (project, problems, &error))
    return gloss_cli_fail (error);

  for (guint i = 0; i < problems->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (problems, i));

  if (problems->len > 0)
    return gloss_cli_fail_message (g_dngettext (GETTEXT_PACKAGE, "%u problem found", "%u problems found",
                                                problems->len), problems->len);

  printf ("%s\n", _("ok"));
  return GLOSS_CLI_OK;
}

int
gloss_cli_repair (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  int status;

  if (!gloss_cli_parse ("repair", "PROJECT OUT",
                        _("Write a repaired copy of a project file that is refused, and say what was changed; "
                          "the file itself is only read."),
                        NULL, &argc, &argv, 2, 2, &status))
    return status;

  gloss_cli_remove_stale_files (argv[2]);
  if (!gloss_project_repair (argv[1], argv[2], changes, left, &error))
    return gloss_cli_fail (error);

  for (guint i = 0; i < changes->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (changes, i));
  if (changes->len == 0)
    printf ("%s\n", _("Nothing needed repair."));

  if (left->len > 0)
    {
      printf ("%s\n", _("Left as it was:"));
      for (guint i = 0; i < left->len; i++)
        printf ("%s\n", (const char *) g_ptr_array_index (left, i));
      return gloss_cli_fail_message (g_dngettext (GETTEXT_PACKAGE,
                                                  "the copy was written, but %u problem could not be repaired",
                                                  "the copy was written, but %u problems could not be repaired",
                                                  left->len), left->len);
    }

  return GLOSS_CLI_OK;
}

static int
undo_or_redo (int       argc,
              char    **argv,
              gboolean  undo)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossHistoryStep) step = NULL;
  g_autofree char *description = NULL;
  int status;

  if (!gloss_cli_parse (undo ? "undo" : "redo", "PROJECT",
                        undo ? _("Undo the last change and print what it was.")
                             : _("Redo the last undone change and print what it was."),
                        NULL, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  step = undo ? gloss_project_get_undo_step (project) : gloss_project_get_redo_step (project);
  if (!(undo ? gloss_project_undo (project, &error) : gloss_project_redo (project, &error)))
    return gloss_cli_fail (error);

  description = gloss_history_step_describe (step);
  printf (undo ? _("Undone: %s\n") : _("Redone: %s\n"), description);
  return GLOSS_CLI_OK;
}

/* A project made by a script and given to someone: their undo stops here. */
int
gloss_cli_hand_over (int    argc,
                     char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!gloss_cli_parse ("hand-over", "PROJECT",
                        _("Forget the undo history, so that undo stops at the project as it is now."),
                        NULL, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  if (!gloss_project_clear_history (project, &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

int
gloss_cli_undo (int    argc,
                char **argv)
{
  return undo_or_redo (argc, argv, TRUE);
}

int
gloss_cli_redo (int    argc,
                char **argv)
{
  return undo_or_redo (argc, argv, FALSE);
}
