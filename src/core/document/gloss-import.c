/* gloss-import.c: PDF and plain text into document text and pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-import.h"
#include "gloss-pdf-text.h"
#include "gloss-text-pages.h"

void
gloss_imported_document_free (GlossImportedDocument *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->title);
  g_free (doc->filename);
  g_free (doc->password);
  g_clear_pointer (&doc->bytes, g_bytes_unref);
  g_free (doc->sha256);
  g_free (doc->guid);
  g_free (doc->text);
  g_clear_pointer (&doc->pages, g_array_unref);
  g_free (doc);
}

char *
gloss_import_checksum (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

GBytes *
gloss_import_load_bytes (const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("Cannot read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT, _("“%s” is not a file"), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > GLOSS_IMPORT_MAX_BYTES)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                   _("“%s” is too large to import (more than %d MB)"), name,
                   (int) (GLOSS_IMPORT_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }

  if (length == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT, _("“%s” is empty"), name);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* PDF */

static gboolean
looks_like_pdf (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  /* The header may follow a little garbage; readers accept it within 1 KiB. */
  for (gsize i = 0; i + 5 <= size && i < 1024; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;

  return FALSE;
}

char *
gloss_import_pdf_page_text (PopplerPage *page)
{
  g_autoptr(GlossPdfPageText) text = gloss_pdf_page_text_extract (page);

  return g_steal_pointer (&text->text);
}

static char *
pdf_title (PopplerDocument *document,
           const char      *filename)
{
  g_autofree char *title = poppler_document_get_title (document);

  if (title != NULL && g_utf8_validate (title, -1, NULL))
    {
      g_strstrip (title);
      /* Some producers write a title of only control characters. */
      for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isprint (g_utf8_get_char (p)))
          return g_strdup (filename);
      if (*title != '\0')
        return g_steal_pointer (&title);
    }

  return g_strdup (filename);
}

static gboolean
set_pdf_error (GError      *poppler_error,
               const char  *name,
               const char  *password,
               GError     **error)
{
  if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      if (password == NULL || *password == '\0')
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_PASSWORD_REQUIRED,
                     _("“%s” is protected by a password: give its password to import it"), name);
      else
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_PASSWORD,
                     _("The password does not open “%s”"), name);
    }
  else
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                   _("“%s” is damaged or not a PDF file (%s)"), name, poppler_error->message);
    }

  return FALSE;
}

/* poppler_document_new_from_bytes() retries a wrong password on a stream
 * it has already freed (poppler 22.12); a memory stream is safe. */
static PopplerDocument *
open_pdf (GBytes      *bytes,
          const char  *password,
          GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

  return poppler_document_new_from_stream (stream, g_bytes_get_size (bytes), password, NULL, error);
}


/* The largest page the PDF standard allows is 14,400 units square; a page
 * beyond that (or of no size at all) cannot be shown and is refused rather
 * than stored. An empty size falls back to Letter, as a missing page does. */
#define MAX_PAGE_POINTS 14400.0

static gboolean
page_size_is_sane (GlossPage   *info,
                   const char  *name,
                   GError     **error)
{
  if (info->width == 0.0 && info->height == 0.0)
    {
      info->width = 612;
      info->height = 792;
      return TRUE;
    }

  if (!(info->width > 0.0 && info->width <= MAX_PAGE_POINTS &&
        info->height > 0.0 && info->height <= MAX_PAGE_POINTS))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                   _("“%s” has a page of an impossible size (page %u: %g × %g points)"),
                   name, info->index + 1, info->width, info->height);
      return FALSE;
    }

  return TRUE;
}

static GlossImportedDocument *
read_pdf (const char    *path,
          GBytes        *bytes,
          const char    *password,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GlossImportedDocument) doc = g_new0 (GlossImportedDocument, 1);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  int n_pages;
  gint64 offset = 0;

  document = open_pdf (bytes, password, &local_error);
  if (document == NULL)
    {
      set_pdf_error (local_error, name, password, error);
      return NULL;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0 || n_pages > GLOSS_IMPORT_MAX_PAGES)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                   n_pages <= 0 ? _("“%s” has no pages") : _("“%s” declares too many pages"), name);
      return NULL;
    }

  doc->kind = GLOSS_DOCUMENT_PDF;
  doc->filename = g_path_get_basename (path);
  doc->title = pdf_title (document, doc->filename);
  doc->password = g_strdup (password);
  doc->pages = g_array_sized_new (FALSE, TRUE, sizeof (GlossPage), n_pages);
  text = g_string_sized_new (g_bytes_get_size (bytes) / 2);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = NULL;
      GlossPage info = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (i > 0)
        {
          g_string_append_c (text, '\f');
          offset++;
        }

      info.index = i;
      info.start = offset;
      if (page != NULL)
        {
          page_text = gloss_import_pdf_page_text (page);
          poppler_page_get_size (page, &info.width, &info.height);
          if (!page_size_is_sane (&info, name, error))
            return NULL;
        }
      else
        {
          page_text = g_strdup ("");
          info.width = 612;
          info.height = 792;
        }

      info.length = g_utf8_strlen (page_text, -1);
      offset += info.length;
      g_string_append (text, page_text);
      g_array_append_val (doc->pages, info);
    }

  doc->n_chars = offset;
  doc->text = g_string_free (g_steal_pointer (&text), FALSE);
  doc->bytes = g_bytes_ref (bytes);
  doc->sha256 = gloss_import_checksum (bytes);

  return g_steal_pointer (&doc);
}

/* Plain text */

/* CRLF and lone CR become LF; a leading byte order mark goes. */
static char *
normalise_line_ends (const char *data,
                     gsize       length)
{
  GString *out = g_string_sized_new (length);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\r')
        {
          g_string_append_c (out, '\n');
          if (i + 1 < length && data[i + 1] == '\n')
            i++;
        }
      else
        g_string_append_c (out, data[i]);
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  GArray *pages;
  guint   n_lines;
} Pagination;

/* Every GLOSS_TEXT_LINES_PER_PAGE-th visual line starts a page. */
static void
start_page (gint64   start,
            gint64   length,
            gpointer user_data)
{
  Pagination *pagination = user_data;

  if (pagination->n_lines++ % GLOSS_TEXT_LINES_PER_PAGE == 0)
    {
      GlossPage page = { 0 };

      page.index = pagination->pages->len;
      page.start = start;
      page.width = GLOSS_TEXT_PAGE_WIDTH;
      page.height = GLOSS_TEXT_PAGE_HEIGHT;
      g_array_append_val (pagination->pages, page);
    }
}

GArray *
gloss_import_paginate_text (const char *text,
                            gint64      n_chars)
{
  Pagination pagination = { g_array_new (FALSE, TRUE, sizeof (GlossPage)), 0 };

  gloss_text_foreach_line (text, start_page, &pagination);

  /* A page runs to the start of the next one, line breaks included. */
  for (guint i = 0; i < pagination.pages->len; i++)
    {
      GlossPage *page = &g_array_index (pagination.pages, GlossPage, i);
      gint64 next = i + 1 < pagination.pages->len ? g_array_index (pagination.pages, GlossPage, i + 1).start : n_chars;

      page->length = next - page->start;
    }

  return pagination.pages;
}

GlossImportedDocument *
gloss_import_read_text (const char  *title,
                        GBytes      *bytes,
                        GError     **error)
{
  g_autoptr(GlossImportedDocument) doc = g_new0 (GlossImportedDocument, 1);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *end = NULL;

  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_ENCODING,
                   _("“%s” is not valid UTF-8 text (invalid byte at offset %zu); save it as UTF-8 and import it again"),
                   title, (gsize) (end - data));
      return NULL;
    }

  doc->kind = GLOSS_DOCUMENT_TEXT;
  doc->title = g_strdup (title);
  doc->filename = g_strdup (title);
  doc->text = normalise_line_ends (data, length);
  doc->n_chars = g_utf8_strlen (doc->text, -1);
  doc->pages = gloss_import_paginate_text (doc->text, doc->n_chars);
  doc->bytes = g_bytes_ref (bytes);
  doc->sha256 = gloss_import_checksum (bytes);

  return g_steal_pointer (&doc);
}

static gboolean
has_text_suffix (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".md") ||
         g_str_has_suffix (lower, ".text") || g_str_has_suffix (lower, ".markdown");
}

GlossImportedDocument *
gloss_import_read (const char    *path,
                   GBytes        *bytes,
                   const char    *password,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf") || (!has_text_suffix (path) && looks_like_pdf (bytes)))
    {
      if (!looks_like_pdf (bytes))
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                       _("“%s” is not a PDF file (it has no PDF header)"), name);
          return NULL;
        }
      return read_pdf (path, bytes, password, cancellable, error);
    }

  if (has_text_suffix (path))
    {
      g_autoptr(GlossImportedDocument) doc = gloss_import_read_text (name, bytes, error);

      if (doc != NULL)
        {
          g_free (doc->filename);
          doc->filename = g_path_get_basename (path);
        }
      return g_steal_pointer (&doc);
    }

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
               _("“%s” is of a kind Gloss cannot import (PDF, .txt and .md files are supported)"), name);
  return NULL;
}

/* Progress */

struct _GlossImportProgress
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  guint            done;
  guint            total;
  char            *current;
};

GlossImportProgress *
gloss_import_progress_new (void)
{
  GlossImportProgress *progress = g_new0 (GlossImportProgress, 1);

  g_atomic_ref_count_init (&progress->ref_count);
  g_mutex_init (&progress->lock);
  return progress;
}

GlossImportProgress *
gloss_import_progress_ref (GlossImportProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);

  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

void
gloss_import_progress_unref (GlossImportProgress *progress)
{
  g_return_if_fail (progress != NULL);

  if (!g_atomic_ref_count_dec (&progress->ref_count))
    return;
  g_mutex_clear (&progress->lock);
  g_free (progress->current);
  g_free (progress);
}

void
gloss_import_progress_get (GlossImportProgress  *progress,
                           guint                *done,
                           guint                *total,
                           char                **current)
{
  g_return_if_fail (progress != NULL);

  g_mutex_lock (&progress->lock);
  if (done != NULL)
    *done = progress->done;
  if (total != NULL)
    *total = progress->total;
  if (current != NULL)
    *current = g_strdup (progress->current);
  g_mutex_unlock (&progress->lock);
}

void
_gloss_import_progress_start (GlossImportProgress *progress,
                              guint                total)
{
  g_mutex_lock (&progress->lock);
  progress->done = 0;
  progress->total = total;
  g_clear_pointer (&progress->current, g_free);
  g_mutex_unlock (&progress->lock);
}

void
_gloss_import_progress_begin_file (GlossImportProgress *progress,
                                   guint                done,
                                   const char          *path)
{
  g_mutex_lock (&progress->lock);
  progress->done = done;
  g_free (progress->current);
  progress->current = path != NULL ? g_filename_display_basename (path) : NULL;
  g_mutex_unlock (&progress->lock);
}
