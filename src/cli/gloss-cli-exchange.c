/* gloss-cli-exchange.c: copy, merge, export, import-qdpx, import-qdc, matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli-private.h"
#include "gloss-matrix.h"
#include "gloss-project-exchange.h"

int
gloss_cli_copy (int    argc,
                char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *coder = NULL;
  gboolean without_codings = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("The coder the copy is for (added if missing)"), "NAME" },
    { "without-codings", 0, 0, G_OPTION_ARG_NONE, &without_codings, N_("Leave every coding out of the copy"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("copy", "PROJECT OUT", _("Make a copy of the project for one coder (blind coding)."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;
  if (coder == NULL)
    return gloss_cli_usage_error ("copy", _("--coder is required"));

  gloss_cli_remove_stale_files (argv[2]);
  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      !gloss_project_copy_for_coder (project, argv[2], coder, without_codings, &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}

/* merge */

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
      if (item->reason != NULL)
        {
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, item->reason);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_summary_json (JsonBuilder             *builder,
                  const GlossMergeSummary *summary)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, summary->path);
  add_items_json (builder, "added", summary->added);
  add_items_json (builder, "skipped", summary->skipped);
  add_items_json (builder, "conflicts", summary->conflicts);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, summary->n_unchanged);
  json_builder_set_member_name (builder, "reanchored");
  json_builder_add_int_value (builder, summary->n_reanchored);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, summary->n_updated);
  json_builder_end_object (builder);
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

      if (item->reason != NULL)
        printf ("    %s %s: %s\n", item->kind, item->label, item->reason);
      else
        printf ("    %s %s\n", item->kind, item->label);
    }
}

static void
print_summary (const GlossMergeSummary *summary)
{
  g_autofree char *name = g_filename_display_basename (summary->path);

  printf (_("%s: %u added, %u skipped, %u in conflict, %u unchanged, %u re-anchored\n"), name,
          summary->added->len, summary->skipped->len, summary->conflicts->len,
          summary->n_unchanged, summary->n_reanchored);
  print_items (_("added"), summary->added);
  print_items (_("skipped"), summary->skipped);
  print_items (_("conflicts"), summary->conflicts);
}

int
gloss_cli_merge (int    argc,
                 char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean theirs = FALSE, json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "theirs", 0, 0, G_OPTION_ARG_NONE, &theirs, N_("On a conflict, take the merged file’s version"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("merge", "LEAD OTHER...",
                        _("Merge coders’ copies into the lead project, one step per file."),
                        entries, &argc, &argv, 2, -1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  json_builder_begin_array (builder);
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GlossMergeSummary) summary = NULL;

      if (!gloss_project_merge (project, argv[i], theirs ? GLOSS_MERGE_THEIRS : GLOSS_MERGE_DEFAULT,
                                &summary, &error))
        {
          g_autofree char *name = g_filename_display_basename (argv[i]);
          return gloss_cli_fail_message (_("%s: %s (nothing of it was merged)"), name, error->message);
        }

      if (json)
        add_summary_json (builder, summary);
      else
        print_summary (summary);
    }
  json_builder_end_array (builder);

  if (json)
    gloss_cli_print_builder (builder);

  return GLOSS_CLI_OK;
}

/* export */

static gboolean
resolve_filter (GlossProject  *project,
                const char    *doc,
                const char    *coder,
                const char    *code,
                gint64        *document_id,
                gint64        *coder_id,
                gint64        *code_id,
                GError       **error)
{
  if (doc != NULL && (*document_id = gloss_project_find_document (project, doc, error)) == 0)
    return FALSE;
  if (coder != NULL && (*coder_id = gloss_project_find_coder (project, coder, error)) == 0)
    return FALSE;
  if (code != NULL && (*code_id = gloss_project_find_code (project, code, error)) == 0)
    return FALSE;

  return TRUE;
}

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, _("gloss-cli: warning: %s\n"), (const char *) g_ptr_array_index (warnings, i));
}

/* export --json: {"file", "format", "warnings": [...]} */
static void
print_export_summary (const char *out,
                      const char *format,
                      GPtrArray  *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, out);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  gloss_cli_print_builder (builder);
}

int
gloss_cli_export (int    argc,
                  char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL, *out = NULL, *doc = NULL, *coder = NULL, *code = NULL;
  g_autofree char *set = NULL, *where = NULL;
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  GlossExcerptOptions options = { 0 };
  GlossExcerptFormat excerpt_format = GLOSS_EXCERPT_CSV;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  gboolean sheet_per_code = FALSE;
  gboolean keep_hyphens = FALSE;
  gboolean json = FALSE;
  gboolean refi;
  int status;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("qdpx, qdc, codebook-json, csv, xlsx, json, html or md"), "FORMAT" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a summary of the export as JSON"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), "OUT" },
    { "doc", 'd', 0, G_OPTION_ARG_STRING, &doc, N_("Only this document (id or title)"), "DOC" },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Only this coder’s codings"), "NAME" },
    { "code", 'c', 0, G_OPTION_ARG_STRING, &code, N_("Only this code and the codes below it"), "PATH" },
    { "sheet-per-code", 0, 0, G_OPTION_ARG_NONE, &sheet_per_code, N_("xlsx: add a sheet per code"), NULL },
    { "keep-hyphens", 0, 0, G_OPTION_ARG_NONE, &keep_hyphens, N_("Quote words broken at a line end as they are, hyphen and line break kept"), NULL },
    { "set", 's', 0, G_OPTION_ARG_STRING, &set, N_("Only the documents of this set"), "SET" },
    { "where", 'w', 0, G_OPTION_ARG_STRING, &where, N_("Only documents meeting this condition"), "CONDITION" },
    { NULL }
  };

  if (!gloss_cli_parse ("export", "PROJECT --format FORMAT -o OUT [--json]",
                        _("Export the project (qdpx), its codebook (qdc) or its coded excerpts."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;

  if (format == NULL || out == NULL)
    return gloss_cli_usage_error ("export", _("--format and -o are required"));
  refi = g_str_equal (format, "qdpx") || g_str_equal (format, "qdc") || g_str_equal (format, "codebook-json");
  if (!refi && !gloss_excerpt_format_from_string (format, &excerpt_format))
    return gloss_cli_usage_error ("export", _("unknown format “%s”"), format);
  if (refi && (doc != NULL || coder != NULL || code != NULL || set != NULL || where != NULL))
    return gloss_cli_usage_error ("export", _("--doc, --coder, --code, --set and --where apply to excerpt exports only"));

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  if (g_str_equal (format, "qdpx"))
    {
      if (!gloss_qdpx_export (project, out, &error) ||
          !gloss_qdpx_export_warnings (project, warnings, &error))
        return gloss_cli_fail (error);
    }
  else if (g_str_equal (format, "codebook-json"))
    {
      if (!gloss_project_export_codebook_json (project, out, &error))
        return gloss_cli_fail (error);
    }
  else if (g_str_equal (format, "qdc"))
    {
      if (!gloss_qdc_export (project, out, &error))
        return gloss_cli_fail (error);
    }
  else
    {
      if (!resolve_filter (project, doc, coder, code, &options.document_id, &options.coder_id,
                           &options.code_id, &error) ||
          !gloss_cli_restrict_documents (project, set, where, documents, &error))
        return gloss_cli_fail (error);
      options.sheet_per_code = sheet_per_code;
      options.keep_line_hyphens = keep_hyphens;
      if (set != NULL || where != NULL)
        options.document_ids = documents;

      if (gloss_excerpt_export (project, excerpt_format, &options, out, &error) < 0)
        return gloss_cli_fail (error);
    }

  print_warnings (warnings);
  if (json)
    print_export_summary (out, format, warnings);

  return GLOSS_CLI_OK;
}

/* import-qdpx, import-qdc */

int
gloss_cli_import_qdpx (int    argc,
                       char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a summary of the import as JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("import-qdpx", "PROJECT FILE.qdpx [--json]",
                        _("Create a project from a REFI-QDA project file, in one transaction; "
                          "what cannot be imported is skipped and listed."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  gloss_cli_remove_stale_files (argv[1]);
  project = gloss_qdpx_import (argv[2], argv[1], warnings, NULL, &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  print_warnings (warnings);
  if (json)
    print_export_summary (argv[1], "qdpx", warnings);
  return GLOSS_CLI_OK;
}

int
gloss_cli_import_qdc (int    argc,
                      char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  gint64 added;
  int status;

  if (!gloss_cli_parse ("import-qdc", "PROJECT FILE.qdc",
                        _("Add the codes of a REFI-QDA codebook; codes already there stay as they are."),
                        NULL, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (added = gloss_qdc_import (project, argv[2], warnings, &error)) < 0)
    return gloss_cli_fail (error);

  print_warnings (warnings);
  printf (g_dngettext (GETTEXT_PACKAGE, "added %" PRId64 " code\n",
                       "added %" PRId64 " codes\n", added), added);
  return GLOSS_CLI_OK;
}

/* matrix */

int
gloss_cli_matrix (int    argc,
                  char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossMatrix) matrix = NULL;
  g_autofree char *kind_name = NULL, *format = NULL, *out = NULL, *doc = NULL, *coder = NULL;
  g_autofree char *set = NULL, *where = NULL;
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  GlossCodingFilter filter = { 0 };
  GlossMatrixKind kind;
  GlossExcerptFormat matrix_format;
  gboolean presence = FALSE;
  gint64 unused = 0;
  int status;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name, N_("code-document, code-coder or cooccurrence"), "KIND" },
    { "presence", 0, 0, G_OPTION_ARG_NONE, &presence, N_("1 or 0 instead of counts"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or xlsx"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), "OUT" },
    { "doc", 'd', 0, G_OPTION_ARG_STRING, &doc, N_("Only this document (id or title)"), "DOC" },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Only this coder’s codings"), "NAME" },
    { "set", 's', 0, G_OPTION_ARG_STRING, &set, N_("Only the documents of this set"), "SET" },
    { "where", 'w', 0, G_OPTION_ARG_STRING, &where, N_("Only documents meeting this condition"), "CONDITION" },
    { NULL }
  };

  if (!gloss_cli_parse ("matrix", "PROJECT --kind KIND --format csv|xlsx|html -o OUT",
                        _("Write a code matrix."), entries, &argc, &argv, 1, 1, &status))
    return status;

  if (kind_name == NULL || format == NULL || out == NULL)
    return gloss_cli_usage_error ("matrix", _("--kind, --format and -o are required"));
  if (!gloss_matrix_kind_from_string (kind_name, &kind))
    return gloss_cli_usage_error ("matrix", _("unknown kind “%s”"), kind_name);
  if (!gloss_excerpt_format_from_string (format, &matrix_format) ||
      (matrix_format != GLOSS_EXCERPT_CSV && matrix_format != GLOSS_EXCERPT_XLSX &&
       matrix_format != GLOSS_EXCERPT_HTML))
    return gloss_cli_usage_error ("matrix", _("a matrix is written as csv, xlsx or html"));

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      !resolve_filter (project, doc, coder, NULL, &filter.document_id, &filter.coder_id, &unused, &error) ||
      !gloss_cli_restrict_documents (project, set, where, documents, &error))
    return gloss_cli_fail (error);

  if (set != NULL || where != NULL)
    filter.document_ids = documents;
  if ((matrix = gloss_matrix_compute (project, kind, &filter, presence, &error)) == NULL ||
      !gloss_matrix_write (matrix, matrix_format, out, &error))
    return gloss_cli_fail (error);

  return GLOSS_CLI_OK;
}
