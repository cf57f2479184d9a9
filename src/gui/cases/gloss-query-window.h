/* gloss-query-window.h: a query put together as a sentence, its hits
 * listed with their quotes
 *
 * "Codings of [code] [with the codes below] [and / or / not] [overlapping /
 * within / near / in the same document as] [code] in [set] where
 * [condition] by [coders]": the query model of gloss-query.h, described
 * back by it, run as the parts change. Activating a hit opens its passage
 * in the window the query belongs to.
 *
 * Actions: query.run, query.open-hit (u position), query.export (s format:
 * the hits as coded excerpts), query.show-in-excerpts (the hits in the
 * main window's excerpts pane).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-query.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_QUERY_WINDOW (gloss_query_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossQueryWindow, gloss_query_window, GLOSS, QUERY_WINDOW, AdwWindow)

GlossQueryWindow *gloss_query_window_new          (GtkWindow        *parent,
                                                   GlossProject     *project);
/* Sets every part of the sentence from @query (and runs it). */
void              gloss_query_window_set_query    (GlossQueryWindow *self,
                                                   const GlossQuery *query);
/* The query as the sentence now reads. */
GlossQuery       *gloss_query_window_dup_query    (GlossQueryWindow *self);
void              gloss_query_window_set_condition (GlossQueryWindow *self,
                                                    const char       *where);
/* The sentence shown, the hits (GlossExcerptItem) and the refusal shown
 * (NULL when the query runs). */
const char       *gloss_query_window_get_sentence (GlossQueryWindow *self);
GListModel       *gloss_query_window_get_hits     (GlossQueryWindow *self);
const char       *gloss_query_window_get_message  (GlossQueryWindow *self);

G_END_DECLS
