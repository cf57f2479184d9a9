/* gloss-cli-team.c: publish, join, sync and team (the team server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-cli-private.h"

static void
add_items_json (JsonBuilder *builder,
                const char  *name,
                GPtrArray   *items)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      const GlossMergeItem *item = g_ptr_array_index (items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, item->kind);
      json_builder_set_member_name (builder, "guid");
      json_builder_add_string_value (builder, item->guid);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, item->label);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, item->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_report_json (const GlossSyncReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pushed");
  json_builder_add_int_value (builder, report->n_pushed);
  json_builder_set_member_name (builder, "pulled");
  json_builder_add_int_value (builder, report->n_pulled);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_int_value (builder, report->n_deleted);
  json_builder_set_member_name (builder, "texts");
  json_builder_add_int_value (builder, report->n_texts);
  json_builder_set_member_name (builder, "moved");
  json_builder_add_int_value (builder, report->n_moved);
  add_items_json (builder, "conflicts", report->conflicts);
  add_items_json (builder, "refused", report->refused);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, report->cursor);
  json_builder_set_member_name (builder, "phase");
  json_builder_add_string_value (builder, gloss_team_phase_to_string (report->phase));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  gloss_cli_print_json (root);
}

static void
print_items (const char *heading,
             GPtrArray  *items)
{
  if (items->len == 0)
    return;

  printf ("  %s:\n", heading);
  for (guint i = 0; i < items->len; i++)
    {
      const GlossMergeItem *item = g_ptr_array_index (items, i);
      printf ("    %s %s: %s\n", item->kind, item->label, item->reason);
    }
}

static void
print_report (const GlossSyncReport *report,
              gboolean               json)
{
  if (json)
    {
      print_report_json (report);
      return;
    }

  printf (_("%u sent, %u received, %u deleted, %u in conflict, %u refused (phase %s)\n"),
          report->n_pushed, report->n_pulled, report->n_deleted, report->conflicts->len,
          report->refused->len, gloss_team_phase_to_string (report->phase));
  if (report->n_texts > 0)
    printf (_("  documents extracted again by the lead: %u; codings and case passages moved with their words: %u\n"),
            report->n_texts, report->n_moved);
  print_items (_("conflicts"), report->conflicts);
  print_items (_("refused"), report->refused);
}

int
gloss_cli_publish (int    argc,
                   char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("publish", "PROJECT URI",
                        _("Put the project on a PostgreSQL team server, as its lead. URI is a libpq "
                          "connection string; the password comes from ~/.pgpass or PGPASSWORD."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (report = gloss_sync_publish (project, argv[2], &error)) == NULL)
    return gloss_cli_fail (error);

  print_report (report, json);
  return GLOSS_CLI_OK;
}

int
gloss_cli_join (int    argc,
                char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *coder = NULL;
  int status;
  GOptionEntry entries[] = {
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("The coder who codes in the new file"), "NAME" },
    { NULL }
  };

  if (!gloss_cli_parse ("join", "URI LOCAL.gloss",
                        _("Make a project file from a team server, for one coder."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_sync_join (argv[1], argv[2], coder, &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

int
gloss_cli_sync (int    argc,
                char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("sync", "PROJECT", _("Send this file’s changes to the team server and bring others’."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (report = gloss_sync_run (project, &error)) == NULL)
    return gloss_cli_fail (error);

  print_report (report, json);
  return GLOSS_CLI_OK;
}

/* team */

static void
print_status_json (const GlossTeamStatus *st)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, st->uri);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, st->role);
  json_builder_set_member_name (builder, "lead");
  json_builder_add_boolean_value (builder, st->is_lead);
  json_builder_set_member_name (builder, "phase");
  json_builder_add_string_value (builder, gloss_team_phase_to_string (st->phase));
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, st->cursor);
  json_builder_set_member_name (builder, "head");
  json_builder_add_int_value (builder, st->head);
  json_builder_set_member_name (builder, "waiting");
  json_builder_add_int_value (builder, st->n_waiting);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < st->members->len; i++)
    {
      const GlossTeamMember *m = g_ptr_array_index (st->members, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, m->role);
      json_builder_set_member_name (builder, "coder");
      if (m->coder != NULL)
        json_builder_add_string_value (builder, m->coder);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "lead");
      json_builder_add_boolean_value (builder, m->is_lead);
      json_builder_set_member_name (builder, "codings");
      if (m->n_codings >= 0)
        json_builder_add_int_value (builder, m->n_codings);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  gloss_cli_print_json (root);
}

static void
print_status (const GlossTeamStatus *st)
{
  printf (_("Server: %s\n"), st->uri);
  printf (_("Role: %s%s\n"), st->role, st->is_lead ? _(" (lead)") : "");
  printf (_("Phase: %s\n"), gloss_team_phase_to_string (st->phase));
  printf (_("Changes waiting here: %" PRId64 "\n"), st->n_waiting);
  printf (_("Behind the server: %s\n"), st->cursor >= st->head ? _("no") : _("yes"));
  for (guint i = 0; i < st->members->len; i++)
    {
      const GlossTeamMember *m = g_ptr_array_index (st->members, i);

      if (m->is_lead)
        printf ("  %-16s %s\n", m->role, _("lead"));
      else if (m->n_codings >= 0)
        printf (_("  %-16s %s, %" PRId64 " codings\n"), m->role, m->coder, m->n_codings);
      else
        printf (_("  %-16s %s, codings hidden (blind)\n"), m->role, m->coder);
    }
}

static char *
read_password (GError **error)
{
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
  g_autofree char *line = NULL;

  if (g_io_channel_read_line (in, &line, NULL, NULL, error) != G_IO_STATUS_NORMAL || line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("No password on standard input"));
      return NULL;
    }
  g_strchomp (line);
  if (*line == '\0')
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("No password on standard input"));
      return NULL;
    }

  return g_steal_pointer (&line);
}

static int
team_coder (gboolean   add,
            int        argc,
            char     **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  const char *command = add ? "team add-coder" : "team remove-coder";
  int status;
  GOptionEntry add_entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("The coder’s login role (made from the name if not given)"), "ROLE" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the role’s password from standard input"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse (command, "PROJECT NAME",
                        add ? _("Add a coder to the team, with a role of their own on the server.")
                            : _("Take a coder’s role out of the team; their codings stay."),
                        add ? add_entries : NULL, &argc, &argv, 2, 2, &status))
    return status;

  if (password_stdin && (password = read_password (&error)) == NULL)
    return gloss_cli_fail (error);

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      !(add ? gloss_team_add_coder (project, argv[2], role, password, &error)
            : gloss_team_remove_coder (project, argv[2], &error)))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

static int
team_phase (int    argc,
            char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GlossTeamPhase phase;
  int status;

  if (!gloss_cli_parse ("team phase", "blind|review PROJECT",
                        _("Set the project’s phase: blind (coders see only their own codings) or review."),
                        NULL, &argc, &argv, 2, 2, &status))
    return status;
  if (!gloss_team_phase_from_string (argv[1], &phase))
    return gloss_cli_usage_error ("team phase", _("the phase is blind or review, not “%s”"), argv[1]);

  project = gloss_cli_open_project (argv[2], &error);
  if (project == NULL || !gloss_team_set_phase (project, phase, &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

static int
team_status (int    argc,
             char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossTeamStatus) st = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the status as JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("team status", "PROJECT", _("Show the team server, the phase and the team."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (st = gloss_team_get_status (project, &error)) == NULL)
    return gloss_cli_fail (error);

  if (json)
    print_status_json (st);
  else
    print_status (st);
  return GLOSS_CLI_OK;
}

int
gloss_cli_team (int    argc,
                char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "add-coder") == 0)
    return team_coder (TRUE, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "remove-coder") == 0)
    return team_coder (FALSE, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "phase") == 0)
    return team_phase (argc - 1, argv + 1);
  if (g_strcmp0 (sub, "status") == 0)
    return team_status (argc - 1, argv + 1);

  if (g_strcmp0 (sub, "--help") == 0 || g_strcmp0 (sub, "-h") == 0)
    {
      printf ("%s\n", _("Usage: gloss-cli team add-coder|remove-coder|phase|status …"));
      return GLOSS_CLI_OK;
    }

  return gloss_cli_usage_error ("team", _("expected add-coder, remove-coder, phase or status"));
}
