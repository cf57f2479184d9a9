/* gloss-cli-query.c: query, crosstab
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-cli-private.h"

typedef struct
{
  char    *and_code;
  char    *or_code;
  char    *not_code;
  char    *relation;
  gint64   distance;
} Combination;

static void
combination_clear (Combination *c)
{
  g_clear_pointer (&c->and_code, g_free);
  g_clear_pointer (&c->or_code, g_free);
  g_clear_pointer (&c->not_code, g_free);
  g_clear_pointer (&c->relation, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Combination, combination_clear)

static int
check_combination (const Combination *c,
                   GlossQuery        *query)
{
  int given = (c->and_code != NULL) + (c->or_code != NULL) + (c->not_code != NULL);

  if (given > 1)
    return gloss_cli_usage_error ("query", _("give one of --and, --or and --not"));

  query->op = c->and_code != NULL ? GLOSS_QUERY_AND
              : c->or_code != NULL ? GLOSS_QUERY_OR
              : c->not_code != NULL ? GLOSS_QUERY_NOT : GLOSS_QUERY_ONLY;
  query->relation = c->distance >= 0 ? GLOSS_QUERY_NEAR : GLOSS_QUERY_OVERLAPS;
  query->distance = MAX (c->distance, 0);

  if (c->relation != NULL && !gloss_query_relation_from_string (c->relation, &query->relation))
    return gloss_cli_usage_error ("query", _("unknown relation “%s” (overlaps, within, near, same-document)"),
                                  c->relation);
  if ((c->relation != NULL || c->distance >= 0) && (query->op == GLOSS_QUERY_ONLY || query->op == GLOSS_QUERY_OR))
    return gloss_cli_usage_error ("query", _("--relation and --distance go with --and or --not"));
  if (c->distance >= 0 && query->relation != GLOSS_QUERY_NEAR)
    return gloss_cli_usage_error ("query", _("--distance goes with --relation near"));

  return GLOSS_CLI_OK;
}

int
gloss_cli_query (int    argc,
                 char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossQuery) query = gloss_query_new ();
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *code = NULL, *set = NULL, *where = NULL, *coders = NULL, *format = NULL, *out = NULL;
  GlossExcerptFormat excerpt_format = GLOSS_EXCERPT_CSV;
  g_auto(Combination) c = { NULL, NULL, NULL, NULL, -1 };
  gboolean children = FALSE, b_children = FALSE, json = FALSE, csv = FALSE;
  const char *code_b;
  int status;
  GOptionEntry entries[] = {
    { "code", 'c', 0, G_OPTION_ARG_STRING, &code, N_("The codings of this code (A)"), "PATH" },
    { "children", 0, 0, G_OPTION_ARG_NONE, &children, N_("A with the codes below it"), NULL },
    { "and", 0, 0, G_OPTION_ARG_STRING, &c.and_code, N_("… that code B relates to"), "PATH" },
    { "not", 0, 0, G_OPTION_ARG_STRING, &c.not_code, N_("… that code B does not relate to"), "PATH" },
    { "or", 0, 0, G_OPTION_ARG_STRING, &c.or_code, N_("… or the codings of code B"), "PATH" },
    { "b-children", 0, 0, G_OPTION_ARG_NONE, &b_children, N_("B with the codes below it"), NULL },
    { "relation", 0, 0, G_OPTION_ARG_STRING, &c.relation,
      N_("How B relates to A: overlaps (default), within, near, same-document"), "REL" },
    { "distance", 0, 0, G_OPTION_ARG_INT64, &c.distance, N_("near: at most N characters apart"), "N" },
    { "set", 's', 0, G_OPTION_ARG_STRING, &set, N_("Only the documents of this set"), "SET" },
    { "where", 'w', 0, G_OPTION_ARG_STRING, &where, N_("Only documents meeting this condition"), "CONDITION" },
    { "coders", 0, 0, G_OPTION_ARG_STRING, &coders, N_("Only these coders’ codings"), "A,B,…" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, as codings --json"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Export the hits as excerpts: csv, xlsx, json, html or md"), "F" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to export to"), "OUT" },
    { NULL }
  };

  if (!gloss_cli_parse ("query", "PROJECT --code PATH [(--and|--or|--not) PATH]",
                        _("Find codings by codes, how they meet, sets, attributes and coders."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;
  if (code == NULL)
    return gloss_cli_usage_error ("query", _("--code is required"));
  if (json + csv + (out != NULL) > 1)
    return gloss_cli_usage_error ("query", _("give one of --json, --csv and -o"));
  if ((format != NULL) != (out != NULL))
    return gloss_cli_usage_error ("query", _("--format and -o go together"));
  if (format != NULL && !gloss_excerpt_format_from_string (format, &excerpt_format))
    return gloss_cli_usage_error ("query", _("unknown format “%s” (csv, xlsx, json, html, md)"), format);
  if ((status = check_combination (&c, query)) != GLOSS_CLI_OK)
    return status;
  code_b = c.and_code != NULL ? c.and_code : c.or_code != NULL ? c.or_code : c.not_code;

  query->a_children = children;
  query->b_children = b_children;
  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (query->code_a = gloss_project_find_code (project, code, &error)) == 0 ||
      (code_b != NULL && (query->code_b = gloss_project_find_code (project, code_b, &error)) == 0) ||
      !gloss_cli_parse_scope (project, set, where, coders, &query->scope, &error) ||
      (codings = gloss_project_run_query (project, query, &error)) == NULL)
    goto fail;

  if (out != NULL)
    {
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), codings->len);
      GlossExcerptOptions options = { 0 };

      for (guint i = 0; i < codings->len; i++)
        g_array_append_val (ids, ((GlossCoding *) codings->pdata[i])->id);
      options.coding_ids = ids;
      if (gloss_excerpt_export (project, excerpt_format, &options, out, &error) < 0)
        goto fail;
      return GLOSS_CLI_OK;
    }

  if (!json && !csv)
    {
      g_autofree char *sentence = gloss_query_describe (project, query);
      printf ("# %s: %u\n", sentence, codings->len);
    }
  if (!gloss_cli_print_codings (project, codings, json ? GLOSS_CLI_LIST_JSON : csv ? GLOSS_CLI_LIST_CSV
                                                                                   : GLOSS_CLI_LIST_TEXT, &error))
    goto fail;

  return GLOSS_CLI_OK;

fail:
  return gloss_cli_fail (error);
}

/* Crosstabs */

static JsonNode *
crosstab_to_json (GlossProject        *project,
                  const GlossCrosstab *ct)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
    json_builder_add_string_value (builder, g_ptr_array_index (ct->col_labels, c));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "column_documents");
  json_builder_begin_array (builder);
  for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
    json_builder_add_int_value (builder, ct->col_documents[c]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, ct->n_documents);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < gloss_crosstab_n_rows (ct); r++)
    {
      gint64 coder_id = g_array_index (ct->row_coder_ids, gint64, r);
      g_autofree char *path = gloss_project_dup_code_path (project, g_array_index (ct->row_code_ids, gint64, r), NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "coder");
      if (coder_id != 0)
        {
          g_autoptr(GlossCoder) coder = gloss_project_get_coder (project, coder_id, NULL);
          json_builder_add_string_value (builder, coder != NULL ? coder->name : "");
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "cells");
      json_builder_begin_array (builder);
      for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "codings");
          json_builder_add_int_value (builder, (gint64) gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, r, c));
          json_builder_set_member_name (builder, "documents");
          json_builder_add_int_value (builder, (gint64) gloss_crosstab_get (ct, GLOSS_CROSSTAB_DOCUMENTS, r, c));
          json_builder_set_member_name (builder, "percent");
          json_builder_add_double_value (builder, gloss_crosstab_get (ct, GLOSS_CROSSTAB_PERCENT, r, c));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "codings");
      json_builder_add_int_value (builder, ct->row_codings[r]);
      json_builder_set_member_name (builder, "documents");
      json_builder_add_int_value (builder, ct->row_documents[r]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
format_cell (double               value,
             GlossCrosstabMeasure measure)
{
  return measure == GLOSS_CROSSTAB_PERCENT ? g_strdup_printf ("%.1f", value)
                                           : g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
}

static void
print_crosstab_text (const GlossCrosstab  *ct,
                     GlossCrosstabMeasure  measure)
{
  guint width = 4;

  for (guint r = 0; r < gloss_crosstab_n_rows (ct); r++)
    width = MAX (width, g_utf8_strlen (g_ptr_array_index (ct->row_labels, r), -1));

  printf ("%-*s", (int) width, "");
  for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
    printf ("\t%s", (char *) g_ptr_array_index (ct->col_labels, c));
  printf ("\t%s\n", _("Total"));

  for (guint r = 0; r < gloss_crosstab_n_rows (ct); r++)
    {
      const char *label = g_ptr_array_index (ct->row_labels, r);
      double total = measure == GLOSS_CROSSTAB_CODINGS ? ct->row_codings[r]
                     : measure == GLOSS_CROSSTAB_DOCUMENTS ? ct->row_documents[r]
                     : ct->n_documents > 0 ? 100.0 * ct->row_documents[r] / ct->n_documents : 0;
      g_autofree char *total_text = format_cell (total, measure);

      /* Pad by characters, not bytes. */
      printf ("%s%*s", label, (int) (width - g_utf8_strlen (label, -1)), "");
      for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
        {
          g_autofree char *cell = format_cell (gloss_crosstab_get (ct, measure, r, c), measure);
          printf ("\t%s", cell);
        }
      printf ("\t%s\n", total_text);
    }
}

static void
print_crosstab_csv (const GlossCrosstab  *ct,
                    GlossCrosstabMeasure  measure)
{
  g_autoptr(GString) out = g_string_new ("code");

  for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
    {
      g_string_append_c (out, ',');
      gloss_csv_append_field (out, g_ptr_array_index (ct->col_labels, c));
    }
  g_string_append (out, ",total\r\n");

  for (guint r = 0; r < gloss_crosstab_n_rows (ct); r++)
    {
      double total = measure == GLOSS_CROSSTAB_CODINGS ? ct->row_codings[r]
                     : measure == GLOSS_CROSSTAB_DOCUMENTS ? ct->row_documents[r]
                     : ct->n_documents > 0 ? 100.0 * ct->row_documents[r] / ct->n_documents : 0;
      g_autofree char *total_text = format_cell (total, measure);

      gloss_csv_append_field (out, g_ptr_array_index (ct->row_labels, r));
      for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
        {
          g_autofree char *cell = format_cell (gloss_crosstab_get (ct, measure, r, c), measure);
          g_string_append_printf (out, ",%s", cell);
        }
      g_string_append_printf (out, ",%s\r\n", total_text);
    }

  fwrite (out->str, 1, out->len, stdout);
}

static gboolean
table_format_from_string (const char       *name,
                          GlossTableFormat *format)
{
  if (g_strcmp0 (name, "csv") == 0)
    *format = GLOSS_TABLE_CSV;
  else if (g_strcmp0 (name, "xlsx") == 0)
    *format = GLOSS_TABLE_XLSX;
  else if (g_strcmp0 (name, "html") == 0)
    *format = GLOSS_TABLE_HTML;
  else
    return FALSE;

  return TRUE;
}

static gboolean
resolve_codes (GlossProject  *project,
               const char    *list,
               GArray        *ids,
               GError       **error)
{
  g_auto(GStrv) paths = g_strsplit (list, ",", -1);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *path = g_strstrip (paths[i]);
      gint64 id;

      if (*path == '\0')
        continue;
      if ((id = gloss_project_find_code (project, path, error)) == 0)
        return FALSE;
      g_array_append_val (ids, id);
    }

  return TRUE;
}

int
gloss_cli_crosstab (int    argc,
                    char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCrosstab) ct = NULL;
  g_autofree char *attribute = NULL, *measure_name = NULL, *codes = NULL, *format_name = NULL, *out = NULL;
  g_autofree char *set = NULL, *where = NULL, *coders = NULL;
  gboolean sets = FALSE, coder_columns = FALSE, by_coder = FALSE, children = FALSE, json = FALSE, csv = FALSE;
  GlossCrosstabOptions options = { 0 };
  GlossCrosstabMeasure measure = GLOSS_CROSSTAB_CODINGS;
  GlossTableFormat format = GLOSS_TABLE_CSV;
  int status;
  GOptionEntry entries[] = {
    { "attribute", 'a', 0, G_OPTION_ARG_STRING, &attribute, N_("Columns: the values of this document attribute"), "NAME" },
    { "sets", 0, 0, G_OPTION_ARG_NONE, &sets, N_("Columns: the document sets"), NULL },
    { "coder-columns", 0, 0, G_OPTION_ARG_NONE, &coder_columns, N_("Columns: the coders"), NULL },
    { "by-coder", 0, 0, G_OPTION_ARG_NONE, &by_coder, N_("A row per code and coder"), NULL },
    { "children", 0, 0, G_OPTION_ARG_NONE, &children, N_("A code counts the codings of the codes below it"), NULL },
    { "codes", 0, 0, G_OPTION_ARG_STRING, &codes, N_("Rows: these codes (default: all)"), "P,…" },
    { "measure", 'm', 0, G_OPTION_ARG_STRING, &measure_name,
      N_("codings (default), documents, or percent of the column’s documents"), "M" },
    { "set", 's', 0, G_OPTION_ARG_STRING, &set, N_("Only the documents of this set"), "SET" },
    { "where", 'w', 0, G_OPTION_ARG_STRING, &where, N_("Only documents meeting this condition"), "CONDITION" },
    { "coders", 0, 0, G_OPTION_ARG_STRING, &coders, N_("Only these coders’ codings"), "A,B,…" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON with every measure"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("Write csv, xlsx or html to -o"), "F" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), "OUT" },
    { NULL }
  };

  if (!gloss_cli_parse ("crosstab", "PROJECT (--attribute NAME | --sets | --coder-columns)",
                        _("Count codes against attribute values, sets or coders."),
                        entries, &argc, &argv, 1, 1, &status))
    return status;
  if ((attribute != NULL) + sets + coder_columns != 1)
    return gloss_cli_usage_error ("crosstab", _("give one of --attribute, --sets and --coder-columns"));
  if (measure_name != NULL && !gloss_crosstab_measure_from_string (measure_name, &measure))
    return gloss_cli_usage_error ("crosstab", _("unknown measure “%s” (codings, documents, percent)"), measure_name);
  if (json + csv + (out != NULL) > 1)
    return gloss_cli_usage_error ("crosstab", _("give one of --json, --csv and -o"));
  if ((format_name != NULL) != (out != NULL))
    return gloss_cli_usage_error ("crosstab", _("--format and -o go together"));
  if (format_name != NULL && !table_format_from_string (format_name, &format))
    return gloss_cli_usage_error ("crosstab", _("unknown format “%s” (csv, xlsx, html)"), format_name);

  options.columns = attribute != NULL ? GLOSS_CROSSTAB_ATTRIBUTE : sets ? GLOSS_CROSSTAB_SETS : GLOSS_CROSSTAB_CODERS;
  options.by_coder = by_coder;
  options.with_children = children;
  options.code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (attribute != NULL &&
       (options.attribute_id = gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, attribute, &error)) == 0) ||
      (codes != NULL && !resolve_codes (project, codes, options.code_ids, &error)) ||
      !gloss_cli_parse_scope (project, set, where, coders, &options.scope, &error) ||
      (ct = gloss_project_crosstab (project, &options, &error)) == NULL ||
      (out != NULL && !gloss_crosstab_write (ct, measure, format, out, &error)))
    {
      gloss_scope_clear (&options.scope);
      g_array_unref (options.code_ids);
      return gloss_cli_fail (error);
    }
  gloss_scope_clear (&options.scope);
  g_array_unref (options.code_ids);

  if (json)
    {
      g_autoptr(JsonNode) node = crosstab_to_json (project, ct);
      gloss_cli_print_json (node);
    }
  else if (csv)
    print_crosstab_csv (ct, measure);
  else if (out == NULL)
    print_crosstab_text (ct, measure);

  return GLOSS_CLI_OK;
}
