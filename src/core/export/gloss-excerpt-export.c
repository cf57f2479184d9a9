/* gloss-excerpt-export.c: coded excerpts for analysis and publication
 *
 * The formats are described in gloss-excerpt-export.h. Every export is
 * written beside its target and renamed over it when complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <time.h>

#include "gloss-exchange-private.h"
#include "gloss-excerpt-export.h"
#include "gloss-hyphenation.h"
#include "gloss-table-writer.h"

#define DEFAULT_COLOR "#888888"

gboolean
gloss_excerpt_format_from_string (const char         *name,
                                  GlossExcerptFormat *format)
{
  static const struct { const char *name; GlossExcerptFormat format; } names[] = {
    { "csv", GLOSS_EXCERPT_CSV }, { "xlsx", GLOSS_EXCERPT_XLSX }, { "json", GLOSS_EXCERPT_JSON },
    { "html", GLOSS_EXCERPT_HTML }, { "md", GLOSS_EXCERPT_MARKDOWN }, { "markdown", GLOSS_EXCERPT_MARKDOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }

  return FALSE;
}

/* What the rows refer to, looked up once. */

typedef struct
{
  char *title;
  char *guid;
  GPtrArray *pages;
} Document;

typedef struct
{
  char *path;
  char *guid;
  char *color;
  int   order;   /* in the codebook */
} Code;

typedef struct
{
  char *name;
  char *guid;
} Coder;

typedef struct
{
  GlossProject *project;
  char         *title;
  char         *guid;
  GHashTable   *documents;  /* id -> Document */
  GHashTable   *codes;      /* id -> Code */
  GHashTable   *coders;     /* id -> Coder */
  GPtrArray    *codings;    /* GlossCoding, filtered */
  GHashTable   *texts;      /* GlossCoding -> its quote, line-end hyphens joined */
} Excerpts;

static void
document_free (Document *doc)
{
  g_free (doc->title);
  g_free (doc->guid);
  g_clear_pointer (&doc->pages, g_ptr_array_unref);
  g_free (doc);
}

static void
code_free (Code *code)
{
  g_free (code->path);
  g_free (code->guid);
  g_free (code->color);
  g_free (code);
}

static void
coder_free (Coder *coder)
{
  g_free (coder->name);
  g_free (coder->guid);
  g_free (coder);
}

static void
excerpts_clear (Excerpts *ex)
{
  g_clear_pointer (&ex->title, g_free);
  g_clear_pointer (&ex->guid, g_free);
  g_clear_pointer (&ex->documents, g_hash_table_unref);
  g_clear_pointer (&ex->codes, g_hash_table_unref);
  g_clear_pointer (&ex->coders, g_hash_table_unref);
  g_clear_pointer (&ex->texts, g_hash_table_unref);
  g_clear_pointer (&ex->codings, g_ptr_array_unref);
}

static GHashTable *
table_new (GDestroyNotify free_func)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_func);
}

static void
put (GHashTable *table,
     gint64      id,
     gpointer    value)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), value);
}

static gpointer
get (GHashTable *table,
     gint64      id)
{
  return g_hash_table_lookup (table, &id);
}

/* TRUE if @code_id is @root or below it. */
static gboolean
is_below (GHashTable *parents,
          gint64     code_id,
          gint64     root)
{
  for (gint64 id = code_id; id != 0;)
    {
      gint64 *parent;

      if (id == root)
        return TRUE;
      parent = get (parents, id);
      id = parent != NULL ? *parent : 0;
    }

  return FALSE;
}

/* Keeps the codings whose ids are in @ids. */
static void
keep_codings (GPtrArray *codings,
              GArray    *ids)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint kept = 0;

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (wanted, &g_array_index (ids, gint64, i));

  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (codings, i);

      if (g_hash_table_contains (wanted, &coding->id))
        codings->pdata[kept++] = coding;
      else
        gloss_coding_free (coding);
    }
  for (guint i = kept; i < codings->len; i++)
    codings->pdata[i] = NULL;
  g_ptr_array_set_size (codings, kept);
}

static gboolean
excerpts_load (Excerpts                  *ex,
               GlossProject              *project,
               const GlossExcerptOptions *options,
               GError                   **error)
{
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (project, error);
  g_autoptr(GPtrArray) codes = documents != NULL ? gloss_project_list_codes (project, error) : NULL;
  g_autoptr(GPtrArray) coders = codes != NULL ? gloss_project_list_coders (project, error) : NULL;
  g_autoptr(GHashTable) parents = table_new (g_free);
  GlossCodingFilter filter = { 0 };
  g_autoptr(GPtrArray) codings = NULL;

  if (coders == NULL)
    return FALSE;

  ex->project = project;
  ex->title = gloss_project_dup_title (project);
  /* A file opened read-only may lack its project row. */
  if (ex->title == NULL)
    ex->title = g_path_get_basename (gloss_project_get_path (project));
  ex->guid = gloss_project_dup_guid (project);
  ex->documents = table_new ((GDestroyNotify) document_free);
  ex->codes = table_new ((GDestroyNotify) code_free);
  ex->coders = table_new ((GDestroyNotify) coder_free);

  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      Document *doc = g_new0 (Document, 1);

      doc->title = g_strdup (info->title);
      doc->guid = g_strdup (info->guid);
      doc->pages = gloss_project_get_pages (project, info->id, NULL);
      put (ex->documents, info->id, doc);
    }
  for (guint i = 0; i < codes->len; i++)
    {
      const GlossCode *info = g_ptr_array_index (codes, i);
      Code *code = g_new0 (Code, 1);

      code->path = g_strdup (info->path);
      code->guid = g_strdup (info->guid);
      code->color = g_strdup (gloss_color_is_valid (info->color) ? info->color : DEFAULT_COLOR);
      code->order = i;
      put (ex->codes, info->id, code);
      put (parents, info->id, g_memdup2 (&info->parent_id, sizeof info->parent_id));
    }
  for (guint i = 0; i < coders->len; i++)
    {
      const GlossCoder *info = g_ptr_array_index (coders, i);
      Coder *coder = g_new0 (Coder, 1);

      coder->name = g_strdup (info->name);
      coder->guid = g_strdup (info->guid);
      put (ex->coders, info->id, coder);
    }

  if (options != NULL)
    {
      filter.document_id = options->document_id;
      filter.coder_id = options->coder_id;
      filter.document_ids = options->document_ids;
    }
  codings = gloss_project_list_codings (project, &filter, error);
  if (codings == NULL)
    return FALSE;

  if (options != NULL && options->coding_ids != NULL)
    keep_codings (codings, options->coding_ids);

  if (options != NULL && options->code_id != 0)
    {
      ex->codings = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coding_free);
      for (guint i = 0; i < codings->len; i++)
        if (is_below (parents, ((GlossCoding *) codings->pdata[i])->code_id, options->code_id))
          g_ptr_array_add (ex->codings, g_steal_pointer (&codings->pdata[i]));
    }
  else
    ex->codings = g_steal_pointer (&codings);

  /* A word broken at a line end is quoted whole; the selector of a JSON
   * annotation keeps the document text as it is. */
  ex->texts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (options == NULL || !options->keep_line_hyphens)
    for (guint i = 0; i < ex->codings->len; i++)
      {
        const GlossCoding *coding = ex->codings->pdata[i];

        if (coding->quote != NULL)
          g_hash_table_insert (ex->texts, (gpointer) coding, gloss_text_join_line_hyphens (coding->quote));
      }

  return TRUE;
}

/* One row's fields */

typedef struct
{
  const char *document;
  char        pages[32];
  const char *coder;
  const char *code;
  char        start[24];
  char        end[24];
  const char *text;
  const char *memo;
  char        created[32];
  char        modified[32];
} Row;

static const char * const columns[] = {
  "document", "pages", "coder", "code", "start", "end", "text", "memo", "created", "modified"
};

static void
format_time (char   *buffer,
             gsize   size,
             gint64  usec)
{
  time_t seconds = usec / G_USEC_PER_SEC;
  struct tm tm;

  if (usec <= 0 || gmtime_r (&seconds, &tm) == NULL)
    {
      buffer[0] = '\0';
      return;
    }
  strftime (buffer, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
fill_row (Excerpts          *ex,
          const GlossCoding *coding,
          Row               *row)
{
  Document *doc = get (ex->documents, coding->document_id);
  Coder *coder = get (ex->coders, coding->coder_id);
  Code *code = get (ex->codes, coding->code_id);
  g_autofree char *pages = _gloss_pages_label (doc != NULL ? doc->pages : NULL, coding->start, coding->end);

  row->document = doc != NULL ? doc->title : "";
  g_strlcpy (row->pages, pages, sizeof row->pages);
  row->coder = coder != NULL ? coder->name : "";
  row->code = code != NULL ? code->path : "";
  g_snprintf (row->start, sizeof row->start, "%" G_GINT64_FORMAT, coding->start);
  g_snprintf (row->end, sizeof row->end, "%" G_GINT64_FORMAT, coding->end);
  row->text = g_hash_table_lookup (ex->texts, coding);
  if (row->text == NULL)
    row->text = coding->quote != NULL ? coding->quote : "";
  row->memo = coding->memo != NULL ? coding->memo : "";
  format_time (row->created, sizeof row->created, coding->created);
  format_time (row->modified, sizeof row->modified, coding->modified);
}

static const char *
row_field (const Row *row,
           guint      i)
{
  switch (i)
    {
    case 0: return row->document;
    case 1: return row->pages;
    case 2: return row->coder;
    case 3: return row->code;
    case 4: return row->start;
    case 5: return row->end;
    case 6: return row->text;
    case 7: return row->memo;
    case 8: return row->created;
    default: return row->modified;
    }
}

/* Output through a buffer */

static gboolean
flush (GString  *out,
       FILE     *fp,
       gboolean  force)
{
  if (out->len < (1 << 20) && !force)
    return TRUE;
  if (out->len > 0 && fwrite (out->str, 1, out->len, fp) != out->len)
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

/* JSON: W3C Web Annotations */

static void
json_member (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_printf (out, "\"%s\": ", name);
  _gloss_json_escape_append (out, value);
}

static gboolean
write_json (Excerpts *ex,
            FILE     *fp)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 21);
  Row row;

  g_string_append (out, "{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n");
  g_string_append_printf (out, "  \"id\": \"urn:uuid:%s\",\n  \"type\": \"AnnotationCollection\",\n  ", ex->guid);
  json_member (out, "label", ex->title);
  g_string_append_printf (out, ",\n  \"total\": %u,\n", ex->codings->len);
  g_string_append (out, "  \"first\": {\n    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n    \"items\": [");

  for (guint r = 0; r < ex->codings->len; r++)
    {
      const GlossCoding *coding = g_ptr_array_index (ex->codings, r);
      Document *doc = get (ex->documents, coding->document_id);
      Coder *coder = get (ex->coders, coding->coder_id);
      Code *code = get (ex->codes, coding->code_id);

      fill_row (ex, coding, &row);
      g_string_append (out, r > 0 ? ",\n      {" : "\n      {");
      g_string_append_printf (out, "\"id\": \"urn:uuid:%s\", \"type\": \"Annotation\", \"motivation\": \"classifying\", ",
                              coding->guid);
      json_member (out, "created", row.created);
      g_string_append (out, ", ");
      json_member (out, "modified", row.modified);
      g_string_append_printf (out, ",\n       \"creator\": {\"id\": \"urn:uuid:%s\", \"type\": \"Person\", ",
                              coder != NULL ? coder->guid : "");
      json_member (out, "name", row.coder);
      g_string_append (out, "},\n       \"body\": [{\"type\": \"TextualBody\", \"purpose\": \"classifying\", ");
      json_member (out, "value", row.code);
      if (code != NULL)
        g_string_append_printf (out, ", \"id\": \"urn:uuid:%s\"", code->guid);
      g_string_append (out, "}");
      if (*row.memo != '\0')
        {
          g_string_append (out, ", {\"type\": \"TextualBody\", \"purpose\": \"commenting\", ");
          json_member (out, "value", row.memo);
          g_string_append (out, "}");
        }
      g_string_append_printf (out, "],\n       \"target\": {\"source\": {\"id\": \"urn:uuid:%s\", \"type\": \"Text\", ",
                              doc != NULL ? doc->guid : "");
      json_member (out, "label", row.document);
      g_string_append (out, "},\n        \"selector\": [");
      g_string_append_printf (out, "{\"type\": \"TextPositionSelector\", \"start\": %s, \"end\": %s}, ",
                              row.start, row.end);
      g_string_append (out, "{\"type\": \"TextQuoteSelector\", ");
      json_member (out, "exact", coding->quote != NULL ? coding->quote : "");
      g_string_append (out, ", ");
      json_member (out, "prefix", coding->prefix);
      g_string_append (out, ", ");
      json_member (out, "suffix", coding->suffix);
      g_string_append (out, "}]}");
      g_string_append (out, ",\n       ");
      json_member (out, "pages", row.pages);
      g_string_append (out, "}");
      if (!flush (out, fp, FALSE))
        return FALSE;
    }

  g_string_append (out, "\n    ]\n  }\n}\n");
  return flush (out, fp, TRUE);
}

/* HTML and Markdown: grouped by code in codebook order */

typedef struct
{
  GlossCoding *coding;
  int          order;   /* the code's place in the codebook */
  guint        index;   /* the coding's place in the list */
} Sortable;

static gint
compare_by_code (gconstpointer a,
                 gconstpointer b)
{
  const Sortable *x = a;
  const Sortable *y = b;

  /* The list came ordered by document and place; keep that within a code. */
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

static GPtrArray *
by_code (Excerpts *ex)
{
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (Sortable), ex->codings->len);
  GPtrArray *sorted = g_ptr_array_sized_new (ex->codings->len);

  for (guint i = 0; i < ex->codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (ex->codings, i);
      Code *code = get (ex->codes, coding->code_id);
      Sortable item = { coding, code != NULL ? code->order : G_MAXINT, i };

      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_by_code);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (sorted, g_array_index (items, Sortable, i).coding);

  return sorted;
}

/* How many of @sorted from @i on share its code. */
static guint
group_size (GPtrArray *sorted,
            guint      i)
{
  gint64 code_id = ((GlossCoding *) g_ptr_array_index (sorted, i))->code_id;
  guint n = 0;

  while (i + n < sorted->len && ((GlossCoding *) g_ptr_array_index (sorted, i + n))->code_id == code_id)
    n++;

  return n;
}

static const char html_head[] =
  "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
  "<meta name=\"generator\" content=\"Gloss\">\n"
  "<style>\n"
  "body { font-family: sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }\n"
  "h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; }\n"
  ".swatch { display: inline-block; width: .8em; height: .8em; border-radius: .2em; margin-right: .4em; }\n"
  "article { border-left: .4em solid; padding: .2em 1em; margin: 1em 0; background: #f8f8f8; }\n"
  "blockquote { margin: 0; white-space: pre-wrap; }\n"
  ".meta { color: #555; font-size: .9em; margin: .3em 0 0; }\n"
  ".memo { font-style: italic; white-space: pre-wrap; margin: .3em 0 0; }\n"
  "</style>\n";

static gboolean
write_html (Excerpts *ex,
            FILE     *fp)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 21);
  g_autoptr(GPtrArray) sorted = by_code (ex);
  gint64 current = -1;
  Row row;

  g_string_append (out, html_head);
  g_string_append (out, "<title>");
  gloss_html_append_escaped (out, ex->title);
  g_string_append (out, "</title>\n</head>\n<body>\n<h1>");
  gloss_html_append_escaped (out, ex->title);
  g_string_append_printf (out, "</h1>\n<p>%u coded excerpts</p>\n", sorted->len);

  for (guint i = 0; i < sorted->len; i++)
    {
      const GlossCoding *coding = g_ptr_array_index (sorted, i);
      Code *code = get (ex->codes, coding->code_id);
      const char *color = code != NULL ? code->color : DEFAULT_COLOR;

      fill_row (ex, coding, &row);
      if (coding->code_id != current)
        {
          if (current != -1)
            g_string_append (out, "</section>\n");
          current = coding->code_id;
          g_string_append_printf (out, "<section>\n<h2><span class=\"swatch\" style=\"background: %s\"></span>", color);
          gloss_html_append_escaped (out, row.code);
          g_string_append_printf (out, " <small>(%u)</small></h2>\n", group_size (sorted, i));
        }

      g_string_append_printf (out, "<article style=\"border-left-color: %s\">\n<blockquote>", color);
      gloss_html_append_escaped (out, row.text);
      g_string_append (out, "</blockquote>\n<p class=\"meta\">");
      gloss_html_append_escaped (out, row.document);
      g_string_append_printf (out, " · p. %s · ", row.pages);
      gloss_html_append_escaped (out, row.coder);
      g_string_append_printf (out, " · %s–%s</p>\n", row.start, row.end);
      if (*row.memo != '\0')
        {
          g_string_append (out, "<p class=\"memo\">");
          gloss_html_append_escaped (out, row.memo);
          g_string_append (out, "</p>\n");
        }
      g_string_append (out, "</article>\n");
      if (!flush (out, fp, FALSE))
        return FALSE;
    }
  if (current != -1)
    g_string_append (out, "</section>\n");
  g_string_append (out, "</body>\n</html>\n");

  return flush (out, fp, TRUE);
}

/* Markdown: HTML is escaped (renderers pass it through) and so are the
 * characters that would start markup. */
static void
md_escape (GString    *out,
           const char *text,
           const char *line_prefix)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '\r': break;
        case '\n':
        case '\f':
          g_string_append_c (out, '\n');
          g_string_append (out, line_prefix);
          break;
        case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '|': case '!':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static gboolean
write_markdown (Excerpts *ex,
                FILE     *fp)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 21);
  g_autoptr(GPtrArray) sorted = by_code (ex);
  gint64 current = -1;
  Row row;

  g_string_append (out, "# ");
  md_escape (out, ex->title, "");
  g_string_append_printf (out, "\n\n%u coded excerpts\n", sorted->len);

  for (guint i = 0; i < sorted->len; i++)
    {
      const GlossCoding *coding = g_ptr_array_index (sorted, i);

      fill_row (ex, coding, &row);
      if (coding->code_id != current)
        {
          current = coding->code_id;
          g_string_append (out, "\n## ");
          md_escape (out, row.code, "");
          g_string_append_printf (out, " (%u)\n", group_size (sorted, i));
        }

      g_string_append (out, "\n> ");
      md_escape (out, row.text, "> ");
      g_string_append (out, "\n\n*");
      md_escape (out, row.document, "");
      g_string_append_printf (out, "*, p. %s, ", row.pages);
      md_escape (out, row.coder, "");
      g_string_append_printf (out, ", %s–%s\n", row.start, row.end);
      if (*row.memo != '\0')
        {
          g_string_append (out, "\nMemo: ");
          md_escape (out, row.memo, "");
          g_string_append_c (out, '\n');
        }
      if (!flush (out, fp, FALSE))
        return FALSE;
    }

  return flush (out, fp, TRUE);
}

/* CSV and XLSX: one row per coding */

static const double widths[] = { 24, 8, 14, 24, 8, 8, 60, 30, 20, 20 };
G_STATIC_ASSERT (G_N_ELEMENTS (widths) == G_N_ELEMENTS (columns));

static void
write_row (GlossTableWriter *writer,
           const Row        *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *value = row_field (row, i);

      if (i == 4 || i == 5)
        gloss_table_writer_number (writer, g_ascii_strtod (value, NULL));
      else if (i == 6 || i == 7)
        gloss_table_writer_wrapped (writer, value);
      else
        gloss_table_writer_text (writer, value);
    }
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ ,
 * unique in the workbook. */
static char *
sheet_name (const char *path,
            GHashTable *used)
{
  g_autofree char *clean = g_strdup (path);
  g_autofree char *base = NULL;
  char *name;

  g_strdelimit (clean, "[]:*?/\\", '-');
  base = _gloss_utf8_head (clean, 28);
  name = g_strdup (base);
  for (int i = 2; g_hash_table_contains (used, name) || g_ascii_strcasecmp (name, "Codings") == 0; i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s %d", base, i);
    }
  g_hash_table_add (used, g_ascii_strdown (name, -1));

  return name;
}

/* With a sheet per code (XLSX), the sheets come in codebook order after
 * the sheet of all codings; @sheets maps a code id to its sheet. */
static gboolean
add_code_sheets (Excerpts          *ex,
                 GlossTableWriter  *writer,
                 GHashTable        *sheets,
                 GError           **error)
{
  g_autoptr(GPtrArray) sorted = by_code (ex);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 current = -1;

  for (guint i = 0; i < sorted->len; i++)
    {
      const GlossCoding *coding = g_ptr_array_index (sorted, i);
      Code *code = get (ex->codes, coding->code_id);
      g_autofree char *name = NULL;

      if (coding->code_id == current)
        continue;
      current = coding->code_id;
      name = sheet_name (code != NULL ? code->path : "?", names);
      if (!gloss_table_writer_add_sheet (writer, name, columns, G_N_ELEMENTS (columns), widths, 0, error))
        return FALSE;
      g_hash_table_insert (sheets, (gpointer) &coding->code_id, GUINT_TO_POINTER (g_hash_table_size (sheets) + 1));
    }

  return TRUE;
}

static gboolean
write_table (Excerpts          *ex,
             GlossTableFormat   format,
             const char        *out_path,
             gboolean           sheet_per_code,
             GError           **error)
{
  g_autoptr(GlossTableWriter) writer = gloss_table_writer_new (format, out_path, ex->title, error);
  g_autoptr(GHashTable) sheets = g_hash_table_new (g_int64_hash, g_int64_equal);
  Row row;

  if (writer == NULL ||
      !gloss_table_writer_add_sheet (writer, "Codings", columns, G_N_ELEMENTS (columns), widths, 0, error))
    return FALSE;
  sheet_per_code = sheet_per_code && format == GLOSS_TABLE_XLSX;
  if (sheet_per_code && !add_code_sheets (ex, writer, sheets, error))
    return FALSE;

  for (guint r = 0; r < ex->codings->len; r++)
    {
      const GlossCoding *coding = g_ptr_array_index (ex->codings, r);

      fill_row (ex, coding, &row);
      gloss_table_writer_select_sheet (writer, 0);
      write_row (writer, &row);
      if (!gloss_table_writer_end_row (writer, error))
        return FALSE;
      if (sheet_per_code)
        {
          gloss_table_writer_select_sheet (writer, GPOINTER_TO_UINT (g_hash_table_lookup (sheets, &coding->code_id)));
          write_row (writer, &row);
          gloss_table_writer_end_row (writer, NULL);
        }
    }

  return gloss_table_writer_finish (writer, error);
}

gint64
gloss_excerpt_export (GlossProject              *project,
                      GlossExcerptFormat         format,
                      const GlossExcerptOptions *options,
                      const char                *out_path,
                      GError                   **error)
{
  g_autoptr(GlossAtomicFile) file = NULL;
  Excerpts ex = { 0 };
  gboolean ok;
  gint64 n;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), -1);
  g_return_val_if_fail (out_path != NULL, -1);

  if (!excerpts_load (&ex, project, options, error))
    {
      excerpts_clear (&ex);
      return -1;
    }

  if (format == GLOSS_EXCERPT_CSV || format == GLOSS_EXCERPT_XLSX)
    {
      ok = write_table (&ex, format == GLOSS_EXCERPT_CSV ? GLOSS_TABLE_CSV : GLOSS_TABLE_XLSX, out_path,
                        options != NULL && options->sheet_per_code, error);
      n = ex.codings->len;
      excerpts_clear (&ex);
      return ok ? n : -1;
    }

  file = _gloss_atomic_file_new (out_path, TRUE, error);
  if (file == NULL)
    {
      excerpts_clear (&ex);
      return -1;
    }

  switch (format)
    {
    case GLOSS_EXCERPT_JSON: ok = write_json (&ex, file->fp); break;
    case GLOSS_EXCERPT_HTML: ok = write_html (&ex, file->fp); break;
    case GLOSS_EXCERPT_MARKDOWN:
    default:
      ok = write_markdown (&ex, file->fp);
      break;
    }

  if (!ok && error != NULL && *error == NULL)
    {
      g_autofree char *name = g_filename_display_basename (out_path);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot write “%s”"), name);
    }

  n = ex.codings->len;
  excerpts_clear (&ex);

  return ok && _gloss_atomic_file_commit (file, error) ? n : -1;
}
