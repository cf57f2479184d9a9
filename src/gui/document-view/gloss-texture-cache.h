/* gloss-texture-cache.h: page images kept by the document view, bounded in bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_TEXTURE_CACHE (gloss_texture_cache_get_type ())

G_DECLARE_FINAL_TYPE (GlossTextureCache, gloss_texture_cache, GLOSS, TEXTURE_CACHE, GObject)

GlossTextureCache *gloss_texture_cache_new           (gsize              max_bytes);
void               gloss_texture_cache_set_max_bytes (GlossTextureCache *self,
                                                      gsize              max_bytes);
gsize              gloss_texture_cache_get_max_bytes (GlossTextureCache *self);
/* Bytes the cached images take. */
gsize              gloss_texture_cache_get_bytes     (GlossTextureCache *self);
guint              gloss_texture_cache_get_n_pages   (GlossTextureCache *self);
/* The image of @page (borrowed) and the scale it was made at; marks it as
 * recently used. NULL when the page has none. */
GdkTexture        *gloss_texture_cache_lookup        (GlossTextureCache *self,
                                                      guint              page,
                                                      double            *scale);
/* Keeps @texture for @page (replacing an older one), then drops the least
 * recently used pages while over the bound, never a pinned one. */
void               gloss_texture_cache_insert        (GlossTextureCache *self,
                                                      guint              page,
                                                      double             scale,
                                                      GdkTexture        *texture);
/* Pages [first, last] are on screen: they are never dropped. */
void               gloss_texture_cache_pin           (GlossTextureCache *self,
                                                      guint              first,
                                                      guint              last);
void               gloss_texture_cache_clear         (GlossTextureCache *self);
/* Bytes dropped since the last call. */
gsize              gloss_texture_cache_take_dropped_bytes (GlossTextureCache *self);

G_END_DECLS
