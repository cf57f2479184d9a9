/* gloss-cli-agreement.c: agreement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli-private.h"
#include "gloss-agreement-export.h"
#include "gloss-reliability-report.h"

typedef gint64 (*FindFunc) (GlossProject *project,
                            const char   *name,
                            GError      **error);

/* Resolves a comma-separated list of names into @ids. */
static gboolean
resolve_list (GlossProject  *project,
              const char    *list,
              FindFunc       find,
              GArray        *ids,
              GError       **error)
{
  g_auto(GStrv) names = NULL;

  if (list == NULL)
    return TRUE;
  names = g_strsplit (list, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      gint64 id;

      if (*name == '\0')
        continue;
      id = find (project, name, error);
      if (id == 0)
        return FALSE;
      g_array_append_val (ids, id);
    }
  return TRUE;
}

static int
check_usage (const char         *unit_name,
             GlossAgreementUnit *unit,
             const char         *group,
             gboolean            coded_only,
             double              threshold,
             gboolean            json,
             gboolean            csv)
{
  if (unit_name == NULL)
    return gloss_cli_usage_error ("agreement", _("--unit is required (document, char, segment or unitized)"));
  if (!gloss_agreement_unit_from_string (unit_name, unit))
    return gloss_cli_usage_error ("agreement", _("unknown unit “%s” (document, char, segment or unitized)"),
                                  unit_name);
  if (group != NULL && *unit != GLOSS_AGREEMENT_UNIT_DOCUMENT)
    return gloss_cli_usage_error ("agreement", _("--group goes with --unit document"));
  if (coded_only && *unit != GLOSS_AGREEMENT_UNIT_CHAR)
    return gloss_cli_usage_error ("agreement", _("--coded-only goes with --unit char"));
  if (threshold >= 0 && *unit != GLOSS_AGREEMENT_UNIT_SEGMENT)
    return gloss_cli_usage_error ("agreement", _("--threshold goes with --unit segment"));
  if (threshold >= 0 && !(threshold > 0 && threshold <= 1))
    return gloss_cli_usage_error ("agreement", _("--threshold must lie in (0, 1]"));
  if (json && csv)
    return gloss_cli_usage_error ("agreement", _("give either --json or --csv"));
  return GLOSS_CLI_OK;
}

int
gloss_cli_agreement (int    argc,
                     char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAgreementOptions) options = NULL;
  g_autoptr(GlossAgreementReport) report = NULL;
  g_autofree char *unit_name = NULL, *group = NULL, *coders = NULL, *docs = NULL, *codes = NULL;
  g_autofree char *report_path = NULL;
  g_autofree char *set = NULL, *where = NULL;
  gboolean coded_only = FALSE, json = FALSE, csv = FALSE;
  double threshold = -1;
  int samples = GLOSS_BOOTSTRAP_DEFAULT_SAMPLES;
  gint64 seed = GLOSS_BOOTSTRAP_DEFAULT_SEED;
  GlossAgreementUnit unit = GLOSS_AGREEMENT_UNIT_DOCUMENT;
  int status;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name,
      N_("Unit of analysis: document, char, segment or unitized"), "UNIT" },
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group,
      N_("Document unit: the code whose children are the categories"), "PATH" },
    { "coded-only", 0, 0, G_OPTION_ARG_NONE, &coded_only,
      N_("Char unit: only characters some compared coder coded"), NULL },
    { "threshold", 't', 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("Segment unit: overlap needed to match two codings (default 0.9)"), "X" },
    { "coders", 0, 0, G_OPTION_ARG_STRING, &coders, N_("The coders to compare (default: all)"), "A,B,…" },
    { "docs", 0, 0, G_OPTION_ARG_STRING, &docs, N_("The documents, ids or titles (default: all)"), "D,…" },
    { "codes", 0, 0, G_OPTION_ARG_STRING, &codes, N_("The codes to compare (default: all)"), "P,…" },
    { "bootstrap", 0, 0, G_OPTION_ARG_INT, &samples,
      /* xgettext:no-c-format */
      N_("Bootstrap samples of alpha for its 95% interval (default 1000; 0: none)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the bootstrap (default 2007)"), "S" },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report_path,
      N_("Write a reliability report for a methods section (.pdf or .html)"), "OUT" },
    { "set", 's', 0, G_OPTION_ARG_STRING, &set, N_("Only the documents of this set"), "SET" },
    { "where", 'w', 0, G_OPTION_ARG_STRING, &where, N_("Only documents meeting this condition"), "CONDITION" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print the tables as CSV"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("agreement", "PROJECT", _("Measure how far coders agree."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;
  status = check_usage (unit_name, &unit, group, coded_only, threshold, json, csv);
  if (status != GLOSS_CLI_OK)
    return status;

  if (report_path != NULL && !g_str_has_suffix (report_path, ".pdf") && !g_str_has_suffix (report_path, ".html")
      && !g_str_has_suffix (report_path, ".htm") && !g_str_has_suffix (report_path, ".PDF"))
    return gloss_cli_usage_error ("agreement", _("--report writes OUT.pdf or OUT.html"));
  if (samples < 0 || samples > 1000000)
    return gloss_cli_usage_error ("agreement", _("--bootstrap takes 0 to 1000000 samples"));
  options = gloss_agreement_options_new (unit);
  options->coded_only = coded_only;
  options->samples = samples;
  options->seed = (guint64) seed;
  if (threshold >= 0)
    options->threshold = threshold;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL
      || !resolve_list (project, coders, gloss_project_find_coder, options->coder_ids, &error)
      || !resolve_list (project, docs, gloss_project_find_document, options->document_ids, &error)
      || !gloss_cli_restrict_documents (project, set, where, options->document_ids, &error)
      || !resolve_list (project, codes, gloss_project_find_code, options->code_ids, &error)
      || (group != NULL && (options->group_id = gloss_project_find_code (project, group, &error)) == 0))
    return gloss_cli_fail (error);

  report = gloss_agreement_report_compute (project, options, NULL, &error);
  if (report == NULL)
    return gloss_cli_fail (error);
  if (report_path != NULL)
    {
      g_autofree char *title = gloss_project_dup_title (project);

      if (!gloss_reliability_report_write (report, title, report_path, &error))
        return gloss_cli_fail (error);
      if (!json && !csv)
        return GLOSS_CLI_OK;
    }

  {
    /* written as one string: a large report has too many disagreements
     * for a tree of JSON nodes */
    g_autofree char *text = json ? gloss_agreement_report_to_json (report)
                          : csv ? gloss_agreement_report_to_csv (report)
                          : gloss_agreement_report_to_text (report);

    fputs (text, stdout);
  }
  return GLOSS_CLI_OK;
}

/* The codes that count, from repeated --code options. */
static GArray *
find_codes (GlossProject  *project,
            char         **paths,
            GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; paths[i] != NULL; i++)
    {
      gint64 id = gloss_project_find_code (project, paths[i], error);

      if (id == 0)
        return NULL;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

int
gloss_cli_consensus (int    argc,
                     char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) code_ids = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *doc = NULL, *range = NULL, *accept = NULL, *set = NULL;
  GlossConsensusPassage passage = { 0 };
  gint64 set_start = 0, set_end = 0, coder_id = 0;
  gboolean done;
  int status;
  GOptionEntry entries[] = {
    { "doc", 'd', 0, G_OPTION_ARG_STRING, &doc, N_("The document (id or title)"), "DOC" },
    { "range", 'r', 0, G_OPTION_ARG_STRING, &range, N_("The disagreement’s characters [START, END)"), "START:END" },
    { "code", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &codes,
      N_("A code that counts there (repeat for a group’s categories; --set uses the first)"), "PATH" },
    { "accept", 0, 0, G_OPTION_ARG_STRING, &accept, N_("Accept this coder’s version"), "NAME" },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set, N_("Make the consensus one coding over [START, END)"), "START:END" },
    { NULL }
  };

  if (!gloss_cli_parse ("consensus", "PROJECT",
                        _("Settle a disagreement into the consensus coder: accept one coder’s version or set the consensus coding."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;

  if (doc == NULL || range == NULL || codes == NULL)
    return gloss_cli_usage_error ("consensus", _("--doc, --range and --code are required"));
  if ((accept == NULL) == (set == NULL))
    return gloss_cli_usage_error ("consensus", _("give either --accept or --set"));
  if (!gloss_cli_parse_range (range, &passage.start, &passage.end))
    return gloss_cli_usage_error ("consensus", _("“%s” is not a range START:END"), range);
  if (set != NULL && !gloss_cli_parse_range (set, &set_start, &set_end))
    return gloss_cli_usage_error ("consensus", _("“%s” is not a range START:END"), set);

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (passage.document_id = gloss_project_find_document (project, doc, &error)) == 0 ||
      (code_ids = find_codes (project, codes, &error)) == NULL ||
      (accept != NULL && (coder_id = gloss_project_find_coder (project, accept, &error)) == 0))
    return gloss_cli_fail (error);

  passage.code_ids = (const gint64 *) (gpointer) code_ids->data;
  passage.n_code_ids = code_ids->len;
  if (accept != NULL)
    done = gloss_consensus_accept (project, &passage, coder_id, &error);
  else
    done = gloss_consensus_edit (project, &passage, passage.code_ids[0], set_start, set_end, &error);

  return done ? GLOSS_CLI_OK : gloss_cli_fail (error);
}
