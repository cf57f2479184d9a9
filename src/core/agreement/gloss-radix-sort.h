/* gloss-radix-sort.h: a stable sort of records by an unsigned 64-bit key
 *
 * The sweeps of the agreement measures sort hundreds of thousands of
 * boundaries by position; qsort's call of a comparison function per step
 * was a third of a unitized report. This sort is stable, as glibc's qsort
 * is for these arrays, so the records come out in the same order and every
 * sum over them is the same to the last bit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sorts @n records of @size bytes at @base by the guint64 at @key_offset in
 * each (a non-negative gint64 or double reads the same way); records with
 * equal keys keep their order. */
void gloss_radix_sort (void  *base,
                       gsize  n,
                       gsize  size,
                       gsize  key_offset);

G_END_DECLS
