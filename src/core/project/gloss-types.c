/* gloss-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "gloss-types.h"

const char *
gloss_document_kind_to_string (GlossDocumentKind kind)
{
  return kind == GLOSS_DOCUMENT_PDF ? "pdf" : "text";
}

gboolean
gloss_document_kind_from_string (const char        *str,
                                 GlossDocumentKind *kind)
{
  if (g_strcmp0 (str, "pdf") == 0)
    *kind = GLOSS_DOCUMENT_PDF;
  else if (g_strcmp0 (str, "text") == 0)
    *kind = GLOSS_DOCUMENT_TEXT;
  else
    return FALSE;

  return TRUE;
}

void
gloss_document_info_free (GlossDocumentInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->guid);
  g_free (info->title);
  g_free (info->filename);
  g_free (info->sha256);
  g_free (info);
}

void
gloss_page_free (GlossPage *page)
{
  g_free (page);
}

void
gloss_code_free (GlossCode *code)
{
  if (code == NULL)
    return;
  g_free (code->guid);
  g_free (code->name);
  g_free (code->color);
  g_free (code->description);
  g_free (code->path);
  g_free (code);
}

GlossCode *
gloss_code_copy (const GlossCode *code)
{
  GlossCode *copy = g_memdup2 (code, sizeof *code);

  copy->guid = g_strdup (code->guid);
  copy->name = g_strdup (code->name);
  copy->color = g_strdup (code->color);
  copy->description = g_strdup (code->description);
  copy->path = g_strdup (code->path);
  return copy;
}

void
gloss_coder_free (GlossCoder *coder)
{
  if (coder == NULL)
    return;
  g_free (coder->guid);
  g_free (coder->name);
  g_free (coder->color);
  g_free (coder);
}

GlossCoder *
gloss_coder_copy (const GlossCoder *coder)
{
  GlossCoder *copy = g_memdup2 (coder, sizeof *coder);

  copy->guid = g_strdup (coder->guid);
  copy->name = g_strdup (coder->name);
  copy->color = g_strdup (coder->color);
  return copy;
}

void
gloss_coding_free (GlossCoding *coding)
{
  if (coding == NULL)
    return;
  g_free (coding->guid);
  g_free (coding->quote);
  g_free (coding->prefix);
  g_free (coding->suffix);
  g_free (coding->memo);
  g_free (coding);
}

GlossCoding *
gloss_coding_copy (const GlossCoding *coding)
{
  GlossCoding *copy = g_memdup2 (coding, sizeof *coding);

  copy->guid = g_strdup (coding->guid);
  copy->quote = g_strdup (coding->quote);
  copy->prefix = g_strdup (coding->prefix);
  copy->suffix = g_strdup (coding->suffix);
  copy->memo = g_strdup (coding->memo);
  return copy;
}

void
gloss_memo_free (GlossMemo *memo)
{
  if (memo == NULL)
    return;
  g_free (memo->guid);
  g_free (memo->target_kind);
  g_free (memo->text);
  g_free (memo);
}

void
gloss_search_hit_free (GlossSearchHit *hit)
{
  g_free (hit);
}

void
gloss_import_result_free (GlossImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_free (result->message);
  g_free (result);
}

gboolean
gloss_color_is_valid (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  return TRUE;
}
