/* fuzz-import-text.c: the text import path (UTF-8 check, line ends, pages)
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
  gint64 covered = 0;

  doc = gloss_import_read ("fuzz.txt", bytes, NULL, NULL, &error);
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  g_assert_true (g_utf8_validate (doc->text, -1, NULL));
  g_assert_null (strchr (doc->text, '\r'));
  g_assert_cmpint (g_utf8_strlen (doc->text, -1), ==, doc->n_chars);
  for (guint i = 0; i < doc->pages->len; i++)
    {
      GlossPage *page = &g_array_index (doc->pages, GlossPage, i);
      g_assert_cmpint (page->start, >=, covered);
      covered = page->start + page->length;
    }
  g_assert_cmpint (covered, <=, doc->n_chars);

  return 0;
}
