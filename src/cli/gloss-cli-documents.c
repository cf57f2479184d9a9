/* gloss-cli-documents.c: import, documents, text, search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "gloss-cli-private.h"

int
gloss_cli_import (int    argc,
                  char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *password = NULL;
  guint refused = 0;
  int status;
  GOptionEntry entries[] = {
    { "password", 'p', 0, G_OPTION_ARG_STRING, &password, N_("Password of encrypted PDF files"), "PW" },
    { NULL }
  };

  if (!gloss_cli_parse ("import", "PROJECT FILE…",
                        _("Import PDF, .txt and .md files; each file is imported on its own."),
                        entries, &argc, &argv, 2, -1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL)
    return gloss_cli_fail (error);

  results = gloss_project_import_files (project, (const char * const *) argv + 2, password, NULL);
  for (guint i = 0; i < results->len; i++)
    {
      const GlossImportResult *result = g_ptr_array_index (results, i);
      g_autofree char *name = g_filename_display_basename (result->path);

      switch (result->status)
        {
        case GLOSS_IMPORT_IMPORTED:
          {
            g_autoptr(GlossDocumentInfo) info = gloss_project_get_document (project, result->document_id, NULL);

            /* A document that cannot be read back is no reason to crash. */
            if (info == NULL)
              printf (_("imported %s as document %" PRId64 "\n"), name, result->document_id);
            else
              printf (_("imported %s as document %" PRId64 " “%s” (%u pages, %" PRId64 " characters)\n"),
                      name, result->document_id, info->title, info->n_pages, info->n_chars);
          }
          break;
        case GLOSS_IMPORT_DUPLICATE:
          printf (_("skipped %s: %s\n"), name, result->message);
          break;
        case GLOSS_IMPORT_REFUSED:
        default:
          fprintf (stderr, "gloss-cli: %s\n", result->message);
          refused++;
          break;
        }
    }

  return refused > 0 ? GLOSS_CLI_USER_ERROR : GLOSS_CLI_OK;
}

static JsonNode *
documents_to_json (GPtrArray *documents)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocumentInfo *info = g_ptr_array_index (documents, i);

      json_builder_begin_object (builder);
      gloss_cli_json_add_int (builder, "id", info->id);
      gloss_cli_json_add_string (builder, "guid", info->guid);
      gloss_cli_json_add_string (builder, "title", info->title);
      gloss_cli_json_add_string (builder, "filename", info->filename);
      gloss_cli_json_add_string (builder, "kind", gloss_document_kind_to_string (info->kind));
      gloss_cli_json_add_int (builder, "pages", info->n_pages);
      gloss_cli_json_add_int (builder, "characters", info->n_chars);
      gloss_cli_json_add_int (builder, "codings", info->n_codings);
      gloss_cli_json_add_int (builder, "size", info->size);
      gloss_cli_json_add_string (builder, "sha256", info->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

int
gloss_cli_documents (int    argc,
                     char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("documents", "PROJECT", _("List the project’s documents."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL || (documents = gloss_project_list_documents (project, &error)) == NULL)
    return gloss_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) node = documents_to_json (documents);
      gloss_cli_print_json (node);
      return GLOSS_CLI_OK;
    }

  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocumentInfo *info = g_ptr_array_index (documents, i);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%u pages\t%" G_GINT64_FORMAT " characters\t%" G_GINT64_FORMAT " codings\n",
              info->id, gloss_document_kind_to_string (info->kind), info->title, info->n_pages,
              info->n_chars, info->n_codings);
    }

  return GLOSS_CLI_OK;
}

int
gloss_cli_text (int    argc,
                char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *range = NULL;
  g_autofree char *text = NULL;
  gint64 start = 0, end = -1;
  gint64 document_id;
  int status;
  GOptionEntry entries[] = {
    { "range", 'r', 0, G_OPTION_ARG_STRING, &range, N_("Only the characters [START, END)"), "START:END" },
    { NULL }
  };

  if (!gloss_cli_parse ("text", "PROJECT DOC", _("Print a document’s text (DOC is an id or a title)."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  if (range != NULL && !gloss_cli_parse_range (range, &start, &end))
    return gloss_cli_usage_error ("text", _("“%s” is not a range START:END"), range);

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (document_id = gloss_project_find_document (project, argv[2], &error)) == 0 ||
      (text = gloss_project_get_text (project, document_id, start, end, &error)) == NULL)
    return gloss_cli_fail (error);

  /* Exactly the text, so that offsets can be checked; a newline only for a terminal. */
  fputs (text, stdout);
  if (isatty (STDOUT_FILENO))
    fputc ('\n', stdout);
  return GLOSS_CLI_OK;
}

int
gloss_cli_reextract (int    argc,
                     char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  GlossTextUpgrade report;
  gint64 document_id;
  int status;

  if (!gloss_cli_parse ("reextract", "PROJECT DOC",
                        _("Extract a PDF document’s text again and move its codings with their words."),
                        NULL, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (document_id = gloss_project_find_document (project, argv[2], &error)) == 0 ||
      !gloss_project_reextract_document (project, document_id, &report, &error))
    return gloss_cli_fail (error);

  said = gloss_text_upgrade_describe (&report);
  if (said != NULL)
    g_print ("%s\n", said);
  return GLOSS_CLI_OK;
}

int
gloss_cli_search (int    argc,
                  char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *doc = NULL;
  gboolean json = FALSE;
  gboolean case_sensitive = FALSE;
  gint64 document_id = 0;
  int status;
  GOptionEntry entries[] = {
    { "doc", 'd', 0, G_OPTION_ARG_STRING, &doc, N_("Search one document only"), "DOC" },
    { "case-sensitive", 'c', 0, G_OPTION_ARG_NONE, &case_sensitive, N_("Match upper and lower case exactly"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("search", "PROJECT TEXT", _("Find every occurrence of a phrase."),
                        entries, &argc, &argv, 2, 2, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (doc != NULL && (document_id = gloss_project_find_document (project, doc, &error)) == 0) ||
      (hits = gloss_project_search (project, document_id, argv[2], case_sensitive, &error)) == NULL)
    return gloss_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          const GlossSearchHit *hit = g_ptr_array_index (hits, i);
          g_autoptr(GlossDocumentInfo) info = gloss_project_get_document (project, hit->document_id, NULL);
          g_autofree char *text = gloss_project_get_text (project, hit->document_id, hit->start, hit->end, NULL);

          json_builder_begin_object (builder);
          gloss_cli_json_add_string (builder, "document", info->title);
          gloss_cli_json_add_int (builder, "document_id", hit->document_id);
          gloss_cli_json_add_int (builder, "start", hit->start);
          gloss_cli_json_add_int (builder, "end", hit->end);
          gloss_cli_json_add_int (builder, "page", hit->page + 1);
          gloss_cli_json_add_string (builder, "text", text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gloss_cli_print_builder (builder);
      return GLOSS_CLI_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      const GlossSearchHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(GlossDocumentInfo) info = gloss_project_get_document (project, hit->document_id, NULL);

      printf ("%s\tpage %u\t%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "\n",
              info->title, hit->page + 1, hit->start, hit->end);
    }

  return GLOSS_CLI_OK;
}
