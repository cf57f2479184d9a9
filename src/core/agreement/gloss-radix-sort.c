/* gloss-radix-sort.c: a stable sort of records by an unsigned 64-bit key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-radix-sort.h"

#include <string.h>

/* Below this many records insertion sort is quicker than the passes. */
#define SMALL 48
#define DIGIT_BITS 11
#define BUCKETS (1 << DIGIT_BITS)

static inline guint64
key_at (const char *record,
        gsize       key_offset)
{
  guint64 key;

  memcpy (&key, record + key_offset, sizeof key);
  return key;
}

static void
insertion_sort (char  *base,
                gsize  n,
                gsize  size,
                gsize  key_offset)
{
  g_autofree char *held = g_malloc (size);

  for (gsize i = 1; i < n; i++)
    {
      guint64 key = key_at (base + i * size, key_offset);
      gsize j = i;

      if (key_at (base + (i - 1) * size, key_offset) <= key)
        continue;
      memcpy (held, base + i * size, size);
      while (j > 0 && key_at (base + (j - 1) * size, key_offset) > key)
        {
          memcpy (base + j * size, base + (j - 1) * size, size);
          j--;
        }
      memcpy (base + j * size, held, size);
    }
}

void
gloss_radix_sort (void  *base,
                  gsize  n,
                  gsize  size,
                  gsize  key_offset)
{
  g_autofree char *scratch = NULL;
  g_autofree gsize *counts = NULL;
  char *from = base, *to;
  guint64 highest = 0;

  g_return_if_fail (key_offset + sizeof (guint64) <= size);

  if (n < 2)
    return;
  if (n < SMALL)
    {
      insertion_sort (base, n, size, key_offset);
      return;
    }
  for (gsize i = 0; i < n; i++)
    highest |= key_at (from + i * size, key_offset);

  scratch = g_malloc (n * size);
  counts = g_new (gsize, BUCKETS);
  to = scratch;
  /* least significant digit first: each pass keeps the order of the last */
  for (guint shift = 0; shift < 64 && (highest >> shift) != 0; shift += DIGIT_BITS)
    {
      gsize total = 0;
      char *swap;

      memset (counts, 0, BUCKETS * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        counts[(key_at (from + i * size, key_offset) >> shift) & (BUCKETS - 1)]++;
      for (gsize b = 0; b < BUCKETS; b++)
        {
          gsize c = counts[b];

          counts[b] = total;
          total += c;
        }
      for (gsize i = 0; i < n; i++)
        {
          const char *record = from + i * size;

          memcpy (to + counts[(key_at (record, key_offset) >> shift) & (BUCKETS - 1)]++ * size, record, size);
        }
      swap = from;
      from = to;
      to = swap;
    }
  if (from != base)
    memcpy (base, from, n * size);
}
