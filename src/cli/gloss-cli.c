/* gloss-cli.c: every core capability as a scriptable command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "gloss-cli-private.h"

static const GlossCliCommand commands[] = {
  { "init", "PROJECT [--title T]", N_("Create a new project file"), gloss_cli_init },
  { "import", "PROJECT FILE... [--password PW]", N_("Import PDF and text documents"), gloss_cli_import },
  { "documents", "PROJECT [--json]", N_("List the documents"), gloss_cli_documents },
  { "text", "PROJECT DOC [--range START:END]", N_("Print a document’s text"), gloss_cli_text },
  { "reextract", "PROJECT DOC", N_("Extract a PDF document’s text again, its codings moved with it"),
    gloss_cli_reextract },
  { "coders", "PROJECT [--json]", N_("List the coders"), gloss_cli_coders },
  { "coder-add", "PROJECT NAME [--color #RRGGBB]", N_("Add a coder"), gloss_cli_coder_add },
  { "coder-remove", "PROJECT NAME|ID [--yes]", N_("Remove a coder with their codings"), gloss_cli_coder_remove },
  { "codes", "PROJECT [--json]", N_("Show the codebook"), gloss_cli_codes },
  { "code-add", "PROJECT PATH [--color #RRGGBB] [--description T]", N_("Add a code"), gloss_cli_code_add },
  { "code", "PROJECT --doc DOC --coder NAME --code PATH (--range S:E | --match TEXT [--all])",
    N_("Code a passage"), gloss_cli_code },
  { "codings", "PROJECT [--doc DOC] [--coder NAME] [--code PATH] [--json]", N_("List codings"), gloss_cli_codings },
  { "notes", "PROJECT [--json]", N_("List the project’s notes"), gloss_cli_notes },
  { "note-add", "PROJECT NAME TEXT [--coder NAME]", N_("Add a note about the project"), gloss_cli_note_add },
  { "memo", "PROJECT (--project | --doc DOC | --code PATH | --coder NAME) [--set TEXT]",
    N_("Print or write a memo"), gloss_cli_memo },
  { "load", "PROJECT FILE.json", N_("Load coders, codes and codings from JSON"), gloss_cli_load },
  { "search", "PROJECT TEXT [--doc DOC] [--case-sensitive] [--json]", N_("Find a phrase"), gloss_cli_search },
  { "check", "PROJECT", N_("Check a project file"), gloss_cli_check },
  { "repair", "PROJECT OUT", N_("Write a repaired copy of a project file"), gloss_cli_repair },
  { "undo", "PROJECT", N_("Undo the last change"), gloss_cli_undo },
  { "redo", "PROJECT", N_("Redo the last undone change"), gloss_cli_redo },
  { "hand-over", "PROJECT", N_("Forget the undo history: undo stops here"), gloss_cli_hand_over },
  { "copy", "PROJECT OUT --coder NAME [--without-codings]", N_("Make a copy for one coder"), gloss_cli_copy },
  { "merge", "LEAD OTHER... [--theirs] [--json]", N_("Merge coders’ copies into the lead project"), gloss_cli_merge },
  { "export", "PROJECT --format qdpx|qdc|codebook-json|csv|xlsx|json|html|md -o OUT [--coder NAME] [--code PATH] [--doc DOC] [--set SET] [--where C]",
    N_("Export the project, its codebook or coded excerpts"), gloss_cli_export },
  { "import-qdpx", "PROJECT FILE.qdpx", N_("Create a project from a REFI-QDA file"), gloss_cli_import_qdpx },
  { "import-qdc", "PROJECT FILE.qdc", N_("Add a REFI-QDA codebook"), gloss_cli_import_qdc },
  { "matrix", "PROJECT --kind code-document|code-coder|cooccurrence [--presence] --format csv|xlsx -o OUT [--set SET] [--where C]",
    N_("Write a code matrix"), gloss_cli_matrix },
  { "agreement", "PROJECT --unit UNIT [OPTIONS]", N_("Inter-coder agreement"), gloss_cli_agreement },
  { "consensus", "PROJECT --doc DOC --range S:E --code PATH... (--accept NAME | --set S:E)",
    N_("Settle a disagreement into the consensus coder"), gloss_cli_consensus },
  { "attributes", "PROJECT [--on WHAT] [--json]", N_("List the attributes and their values"), gloss_cli_attributes },
  { "attribute-add", "PROJECT NAME [--type TYPE] [--values A,B,…] [--on WHAT]", N_("Define an attribute"),
    gloss_cli_attribute_add },
  { "attribute-set", "PROJECT NAME TARGET VALUE [--on WHAT]", N_("Set an attribute’s value"), gloss_cli_attribute_set },
  { "attribute-rename", "PROJECT NAME NEW-NAME [--on WHAT]", N_("Rename an attribute"), gloss_cli_attribute_rename },
  { "attribute-retype", "PROJECT NAME --type TYPE [--values A,B,…] [--drop-unconverted]",
    N_("Change an attribute’s type"), gloss_cli_attribute_retype },
  { "attribute-delete", "PROJECT NAME [--on WHAT]", N_("Delete an attribute"), gloss_cli_attribute_delete },
  { "cases", "PROJECT [--json]", N_("List the cases"), gloss_cli_cases },
  { "case-add", "PROJECT NAME [--description T]", N_("Add a case"), gloss_cli_case_add },
  { "case-rename", "PROJECT CASE NEW-NAME", N_("Rename a case"), gloss_cli_case_rename },
  { "case-describe", "PROJECT CASE TEXT", N_("Describe a case"), gloss_cli_case_describe },
  { "case-delete", "PROJECT CASE", N_("Delete a case"), gloss_cli_case_delete },
  { "case-member-add", "PROJECT CASE DOC [--range S:E]", N_("Add a document or passage to a case"),
    gloss_cli_case_member_add },
  { "case-member-remove", "PROJECT MEMBER-ID", N_("Take a member out of its case"), gloss_cli_case_member_remove },
  { "sets", "PROJECT [--json]", N_("List the sets"), gloss_cli_sets },
  { "set-add", "PROJECT NAME [--rule CONDITION] [--codes]", N_("Add a set"), gloss_cli_set_add },
  { "set-rename", "PROJECT SET NEW-NAME", N_("Rename a set"), gloss_cli_set_rename },
  { "set-rule", "PROJECT SET CONDITION", N_("Change a set’s rule"), gloss_cli_set_rule },
  { "set-delete", "PROJECT SET", N_("Delete a set"), gloss_cli_set_delete },
  { "set-member-add", "PROJECT SET ITEM…", N_("Add documents or codes to a set"), gloss_cli_set_member_add },
  { "set-member-remove", "PROJECT SET ITEM…", N_("Take documents or codes out of a set"), gloss_cli_set_member_remove },
  { "query", "PROJECT --code PATH [(--and|--or|--not) PATH] [OPTIONS]", N_("Find codings by codes and scope"),
    gloss_cli_query },
  { "crosstab", "PROJECT (--attribute NAME | --sets | --coder-columns) [OPTIONS]",
    N_("Count codes against attributes, sets or coders"), gloss_cli_crosstab },
  { "publish", "PROJECT URI", N_("Put the project on a team server"), gloss_cli_publish },
  { "join", "URI LOCAL.gloss --coder NAME", N_("Make a project file from a team server"), gloss_cli_join },
  { "sync", "PROJECT [--json]", N_("Sync with the team server"), gloss_cli_sync },
  { "team", "add-coder|remove-coder|phase|status …", N_("The team on the server and its phase"), gloss_cli_team },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: gloss-cli COMMAND [ARGUMENTS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-18s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “gloss-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return GLOSS_CLI_BAD_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return GLOSS_CLI_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("gloss-cli %s\n", PACKAGE_VERSION);
      return GLOSS_CLI_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("gloss-cli: unknown command “%s” (see gloss-cli --help)\n"), argv[1]);
  return GLOSS_CLI_BAD_USAGE;
}
