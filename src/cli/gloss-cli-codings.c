/* gloss-cli-codings.c: code, codings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-cli-private.h"

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("");
}

static int
code_matches (GlossProject *project,
              gint64        document_id,
              gint64        coder_id,
              gint64        code_id,
              const char   *match,
              gboolean      all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gloss_project_search (project, document_id, match, FALSE, &error);
  gint64 added;

  if (hits == NULL)
    return gloss_cli_fail (error);

  if (hits->len == 0)
    return gloss_cli_fail_message (_("The text “%s” does not occur in the document"), match);

  /* Without --all only the first occurrence is coded. */
  if (!all)
    g_ptr_array_set_size (hits, 1);

  added = gloss_project_code_hits (project, hits, coder_id, code_id, &error);
  if (added < 0)
    return gloss_cli_fail (error);

  if (added == 0)
    return gloss_cli_fail_message (_("This passage already has this code from this coder"));

  printf (g_dngettext (GETTEXT_PACKAGE, "coded %" PRId64 " passage\n",
                       "coded %" PRId64 " passages\n", added), added);
  return GLOSS_CLI_OK;
}

int
gloss_cli_code (int    argc,
                char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL, *coder = NULL, *code = NULL, *range = NULL, *match = NULL, *memo = NULL;
  gboolean all = FALSE;
  gint64 document_id, coder_id, code_id, start = 0, end = 0, id;
  int status;
  GOptionEntry entries[] = {
    { "doc", 'd', 0, G_OPTION_ARG_STRING, &doc, N_("The document (id or title)"), "DOC" },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Who codes"), "NAME" },
    { "code", 'c', 0, G_OPTION_ARG_STRING, &code, N_("The code’s path"), "PATH" },
    { "range", 'r', 0, G_OPTION_ARG_STRING, &range, N_("The characters [START, END)"), "START:END" },
    { "match", 'm', 0, G_OPTION_ARG_STRING, &match, N_("Code this phrase (its first occurrence)"), "TEXT" },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("With --match: code every occurrence"), NULL },
    { "memo", 0, 0, G_OPTION_ARG_STRING, &memo, N_("A memo on the coding"), "TEXT" },
    { NULL }
  };

  if (!gloss_cli_parse ("code", "PROJECT", _("Code a passage of a document."), entries, &argc, &argv, 1, 1, &status))
    return status;

  if (doc == NULL || coder == NULL || code == NULL)
    return gloss_cli_usage_error ("code", _("--doc, --coder and --code are required"));
  if ((range == NULL) == (match == NULL))
    return gloss_cli_usage_error ("code", _("give either --range or --match"));
  if (range != NULL && !gloss_cli_parse_range (range, &start, &end))
    return gloss_cli_usage_error ("code", _("“%s” is not a range START:END"), range);

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (document_id = gloss_project_find_document (project, doc, &error)) == 0 ||
      (coder_id = gloss_project_find_coder (project, coder, &error)) == 0 ||
      (code_id = gloss_project_find_code (project, code, &error)) == 0)
    return gloss_cli_fail (error);

  if (match != NULL)
    return code_matches (project, document_id, coder_id, code_id, match, all);

  id = gloss_project_add_coding (project, document_id, coder_id, code_id, start, end, memo, &error);
  if (id == 0)
    return gloss_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return GLOSS_CLI_OK;
}

typedef struct
{
  GHashTable *documents;  /* id -> title */
  GHashTable *coders;     /* id -> name */
  GHashTable *codes;      /* id -> path */
} Names;

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->documents, g_hash_table_unref);
  g_clear_pointer (&names->coders, g_hash_table_unref);
  g_clear_pointer (&names->codes, g_hash_table_unref);
}

static gboolean
names_load (Names         *names,
            GlossProject  *project,
            GError       **error)
{
  names->documents = gloss_project_list_names (project, GLOSS_NAMES_DOCUMENTS, error);
  names->coders = names->documents ? gloss_project_list_names (project, GLOSS_NAMES_CODERS, error) : NULL;
  names->codes = names->coders ? gloss_project_list_names (project, GLOSS_NAMES_CODES, error) : NULL;
  if (names->codes == NULL)
    {
      names_clear (names);
      return FALSE;
    }
  return TRUE;
}

static const char *
lookup (GHashTable *table,
        gint64      id)
{
  const char *name = g_hash_table_lookup (table, &id);

  return name != NULL ? name : "";
}

typedef struct
{
  Names       *names;
  JsonBuilder *builder;
} Printer;

static gboolean
add_coding_json (const GlossCoding *coding,
                 gpointer           user_data)
{
  Printer *printer = user_data;
  JsonBuilder *builder = printer->builder;
  g_autofree char *created = format_time (coding->created);
  g_autofree char *modified = format_time (coding->modified);

  json_builder_begin_object (builder);
  gloss_cli_json_add_int (builder, "id", coding->id);
  gloss_cli_json_add_string (builder, "guid", coding->guid);
  gloss_cli_json_add_string (builder, "document", lookup (printer->names->documents, coding->document_id));
  gloss_cli_json_add_int (builder, "document_id", coding->document_id);
  gloss_cli_json_add_string (builder, "coder", lookup (printer->names->coders, coding->coder_id));
  gloss_cli_json_add_string (builder, "code", lookup (printer->names->codes, coding->code_id));
  gloss_cli_json_add_int (builder, "start", coding->start);
  gloss_cli_json_add_int (builder, "end", coding->end);
  gloss_cli_json_add_string (builder, "quote", coding->quote);
  gloss_cli_json_add_string (builder, "memo", coding->memo);
  gloss_cli_json_add_string (builder, "created", created);
  gloss_cli_json_add_string (builder, "modified", modified);
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
print_codings_json (GlossProject             *project,
                    const GlossCodingFilter  *filter,
                    Names                    *names,
                    GError                  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Printer printer = { names, builder };

  json_builder_begin_array (builder);
  if (!gloss_project_foreach_coding (project, filter,
                                     GLOSS_CODING_COLUMNS_GUID | GLOSS_CODING_COLUMNS_QUOTE |
                                     GLOSS_CODING_COLUMNS_MEMO | GLOSS_CODING_COLUMNS_DATES,
                                     add_coding_json, &printer, error))
    return FALSE;
  json_builder_end_array (builder);

  gloss_cli_print_builder (builder);
  return TRUE;
}

typedef struct
{
  Names      *names;
  GString    *out;
  /* The names of the previous line: a listing repeats them. */
  gint64      document_id, coder_id, code_id;
  const char *document, *coder, *code;
} TextPrinter;

static const char *
cached_lookup (GHashTable  *table,
               gint64       id,
               gint64      *last_id,
               const char **last_name)
{
  if (*last_name == NULL || *last_id != id)
    {
      *last_id = id;
      *last_name = lookup (table, id);
    }
  return *last_name;
}

#define TEXT_FLUSH_SIZE (64 * 1024)

static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  int n = 0;
  guint64 rest = value < 0 ? -(guint64) value : (guint64) value;

  do
    digits[n++] = (char) ('0' + rest % 10);
  while ((rest /= 10) > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* The quote on one line: its line breaks, page breaks and tabs as spaces. */
static void
append_flat (GString    *out,
             const char *quote)
{
  for (const char *p = quote; p != NULL && *p != '\0'; )
    {
      size_t run = strcspn (p, "\n\f\t");

      g_string_append_len (out, p, run);
      p += run;
      if (*p != '\0')
        {
          g_string_append_c (out, ' ');
          p++;
        }
    }
}

static void
text_printer_flush (TextPrinter *printer)
{
  fwrite (printer->out->str, 1, printer->out->len, stdout);
  g_string_truncate (printer->out, 0);
}

/* One line per coding, written out in large blocks as they fill. */
static gboolean
print_coding_text (const GlossCoding *coding,
                   gpointer           user_data)
{
  TextPrinter *printer = user_data;
  GString *out = printer->out;

  append_int (out, coding->id);
  g_string_append_c (out, '\t');
  g_string_append (out, cached_lookup (printer->names->documents, coding->document_id,
                                      &printer->document_id, &printer->document));
  g_string_append_c (out, '\t');
  append_int (out, coding->start);
  g_string_append_c (out, ':');
  append_int (out, coding->end);
  g_string_append_c (out, '\t');
  g_string_append (out, cached_lookup (printer->names->coders, coding->coder_id,
                                      &printer->coder_id, &printer->coder));
  g_string_append_c (out, '\t');
  g_string_append (out, cached_lookup (printer->names->codes, coding->code_id,
                                      &printer->code_id, &printer->code));
  g_string_append_c (out, '\t');
  append_flat (out, coding->quote);
  g_string_append_c (out, '\n');
  if (out->len >= TEXT_FLUSH_SIZE)
    text_printer_flush (printer);
  return TRUE;
}

/* Text: one line per coding, printed as it is read. */
static gboolean
print_codings_text (GlossProject             *project,
                    const GlossCodingFilter  *filter,
                    Names                    *names,
                    GError                  **error)
{
  g_autoptr(GString) out = g_string_sized_new (TEXT_FLUSH_SIZE + 4096);
  TextPrinter printer = { .names = names, .out = out };
  gboolean done = gloss_project_foreach_coding (project, filter, GLOSS_CODING_COLUMNS_QUOTE,
                                                print_coding_text, &printer, error);

  text_printer_flush (&printer);
  return done;
}

static void
print_codings_csv (GPtrArray *codings,
                   Names     *names)
{
  g_autoptr(GString) out = g_string_new ("document,document_id,coder,code,start,end,quote,memo\r\n");

  for (guint i = 0; i < codings->len; i++)
    {
      const GlossCoding *coding = g_ptr_array_index (codings, i);

      gloss_csv_append_field (out, lookup (names->documents, coding->document_id));
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",", coding->document_id);
      gloss_csv_append_field (out, lookup (names->coders, coding->coder_id));
      g_string_append_c (out, ',');
      gloss_csv_append_field (out, lookup (names->codes, coding->code_id));
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",", coding->start, coding->end);
      gloss_csv_append_field (out, coding->quote);
      g_string_append_c (out, ',');
      gloss_csv_append_field (out, coding->memo);
      g_string_append (out, "\r\n");
    }

  fwrite (out->str, 1, out->len, stdout);
}

/* Codings in hand (a query's hits), printed as `codings` prints them. */
gboolean
gloss_cli_print_codings (GlossProject        *project,
                         GPtrArray           *codings,
                         GlossCliListFormat   format,
                         GError             **error)
{
  Names names = { 0 };

  if (!names_load (&names, project, error))
    return FALSE;

  switch (format)
    {
    case GLOSS_CLI_LIST_JSON:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
          Printer printer = { &names, builder };

        json_builder_begin_array (builder);
        for (guint i = 0; i < codings->len; i++)
          add_coding_json (g_ptr_array_index (codings, i), &printer);
        json_builder_end_array (builder);
        gloss_cli_print_builder (builder);
      }
      break;
    case GLOSS_CLI_LIST_CSV:
      print_codings_csv (codings, &names);
      break;
    case GLOSS_CLI_LIST_TEXT:
    default:
      {
        g_autoptr(GString) out = g_string_sized_new (TEXT_FLUSH_SIZE + 4096);
        TextPrinter printer = { .names = &names, .out = out };

        for (guint i = 0; i < codings->len; i++)
          print_coding_text (g_ptr_array_index (codings, i), &printer);
        text_printer_flush (&printer);
      }
      break;
    }

  names_clear (&names);
  return TRUE;
}

int
gloss_cli_codings (int    argc,
                   char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL, *coder = NULL, *code = NULL;
  GlossCodingFilter filter = { 0 };
  gboolean json = FALSE;
  Names names = { 0 };
  int status;
  GOptionEntry entries[] = {
    { "doc", 'd', 0, G_OPTION_ARG_STRING, &doc, N_("Only this document (id or title)"), "DOC" },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Only this coder’s codings"), "NAME" },
    { "code", 'c', 0, G_OPTION_ARG_STRING, &code, N_("Only this code"), "PATH" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("codings", "PROJECT", _("List codings, in text order."), entries, &argc, &argv, 1, 1, &status))
    return status;

  project = gloss_cli_open_project (argv[1], &error);
  if (project == NULL ||
      (doc != NULL && (filter.document_id = gloss_project_find_document (project, doc, &error)) == 0) ||
      (coder != NULL && (filter.coder_id = gloss_project_find_coder (project, coder, &error)) == 0) ||
      (code != NULL && (filter.code_id = gloss_project_find_code (project, code, &error)) == 0) ||
      !names_load (&names, project, &error))
    return gloss_cli_fail (error);

  if (!(json ? print_codings_json : print_codings_text) (project, &filter, &names, &error))
    {
      names_clear (&names);
      return gloss_cli_fail (error);
    }

  names_clear (&names);
  return GLOSS_CLI_OK;
}
