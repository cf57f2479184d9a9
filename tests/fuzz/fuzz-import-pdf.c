/* fuzz-import-pdf.c: the PDF import path (poppler and the text extraction)
 * on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>

#include "gloss-core.h"
#include "gloss-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossImportedDocument) doc = NULL;

  doc = gloss_import_read ("fuzz.pdf", bytes, NULL, NULL, &error);
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  /* What import keeps must be consistent, as the project file checks it. */
  g_assert_true (g_utf8_validate (doc->text, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (doc->text, -1), ==, doc->n_chars);
  g_assert_cmpuint (doc->pages->len, >, 0);
  for (guint i = 0; i < doc->pages->len; i++)
    {
      GlossPage *page = &g_array_index (doc->pages, GlossPage, i);
      g_assert_cmpint (page->start + page->length, <=, doc->n_chars);
      g_assert_cmpfloat (page->width, >, 0);
      g_assert_cmpfloat (page->height, >, 0);
    }

  return 0;
}
