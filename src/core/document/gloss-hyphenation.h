/* gloss-hyphenation.h: words broken at a line end
 *
 * The stored text keeps a line-end hyphen and the line break after it, as
 * the page shows them: every character keeps its glyph, offsets stay
 * those of the page, and a hyphen that belongs to the word ("well-
 * known") is not lost. Search reads across such a break, and exports of
 * excerpts join the word again (an option, on by default).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @text[@i] is a hyphen that ends a line inside a word: a letter
 * before it, a line break after it, a lower-case letter after that. */
gboolean gloss_is_line_hyphen          (const gunichar *text,
                                        glong           n,
                                        glong           i);
/* @text with every such hyphen and its line break taken out. */
char    *gloss_text_join_line_hyphens  (const char     *text);
/* @text for a one-line row or label: words broken at a line end joined as
 * gloss_text_join_line_hyphens() joins them, every other line break, page
 * break and tab a space. NULL gives "". */
char    *gloss_text_one_line           (const char     *text);

G_END_DECLS
