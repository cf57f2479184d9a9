/* gloss-document-view-index.c: the highlights of each page
 *
 * A document may carry tens of thousands of codings. Drawing a page,
 * hovering it and finding the active coding look only at the highlights
 * on that page: the view sorts the highlights into one list per page once,
 * when they or the document change, instead of walking all of them for
 * every frame and pointer move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-document-view-private.h"

void
_gloss_document_view_index_clear (GlossDocumentView *self)
{
  for (guint i = 0; self->page_highlights != NULL && i < self->n_indexed_pages; i++)
    g_clear_pointer (&self->page_highlights[i], g_ptr_array_unref);
  g_clear_pointer (&self->page_highlights, g_free);
  g_clear_pointer (&self->highlight_ids, g_hash_table_unref);
  self->n_indexed_pages = 0;
}

static void
add_to_page (GlossDocumentView *self,
             guint              page,
             GlossHighlight    *highlight)
{
  if (self->page_highlights[page] == NULL)
    self->page_highlights[page] = g_ptr_array_new ();
  g_ptr_array_add (self->page_highlights[page], highlight);
}

/* Each highlight goes to every page it touches, in the order given. */
static void
build_index (GlossDocumentView *self)
{
  self->n_indexed_pages = self->n_pages;
  self->page_highlights = g_new0 (GPtrArray *, MAX (self->n_pages, 1));
  self->highlight_ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; self->highlights != NULL && i < self->highlights->len; i++)
    {
      GlossHighlight *h = g_ptr_array_index (self->highlights, i);
      guint first, last;

      g_hash_table_insert (self->highlight_ids, &h->id, h);
      if (self->source == NULL || self->n_pages == 0 || h->end <= h->start)
        continue;
      first = gloss_page_source_page_for_offset (self->source, h->start);
      last = gloss_page_source_page_for_offset (self->source, h->end - 1);
      for (guint page = first; page <= last && page < self->n_pages; page++)
        add_to_page (self, page, h);
    }
}

static void
ensure_index (GlossDocumentView *self)
{
  if (self->highlight_ids == NULL)
    build_index (self);
}

GPtrArray *
_gloss_document_view_page_highlights (GlossDocumentView *self,
                                      guint              page)
{
  ensure_index (self);
  return page < self->n_indexed_pages ? self->page_highlights[page] : NULL;
}

GlossHighlight *
_gloss_document_view_highlight_by_id (GlossDocumentView *self,
                                      gint64             id)
{
  if (id == 0 || self->highlights == NULL)
    return NULL;
  ensure_index (self);
  return g_hash_table_lookup (self->highlight_ids, &id);
}
