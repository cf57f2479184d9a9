/* gloss-texture-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-texture-cache.h"

typedef struct
{
  guint       page;
  double      scale;
  GdkTexture *texture;
  gsize       bytes;
  GList      *link;      /* in order */
} CacheEntry;

struct _GlossTextureCache
{
  GObject     parent_instance;

  gsize       max_bytes;
  gsize       bytes;
  gsize       dropped;
  GHashTable *entries;   /* page -> CacheEntry */
  GQueue      order;     /* CacheEntry, most recently used first */
  guint       pin_first;
  guint       pin_last;
  gboolean    has_pin;
};

G_DEFINE_FINAL_TYPE (GlossTextureCache, gloss_texture_cache, G_TYPE_OBJECT)

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->texture);
  g_free (entry);
}

/* An image counts twice: its pixels here and their copy in the renderer
 * (GPU memory, or main memory with a software renderer). */
static gsize
texture_bytes (GdkTexture *texture)
{
  return (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4 * 2;
}

static gboolean
is_pinned (GlossTextureCache *self,
           guint              page)
{
  return self->has_pin && page >= self->pin_first && page <= self->pin_last;
}

static void
remove_entry (GlossTextureCache *self,
              CacheEntry        *entry)
{
  g_queue_delete_link (&self->order, entry->link);
  self->bytes -= entry->bytes;
  self->dropped += entry->bytes;
  g_hash_table_remove (self->entries, GUINT_TO_POINTER (entry->page));
}

static void
evict (GlossTextureCache *self)
{
  GList *l = self->order.tail;

  while (self->bytes > self->max_bytes && l != NULL)
    {
      CacheEntry *entry = l->data;
      GList *previous = l->prev;

      if (!is_pinned (self, entry->page))
        remove_entry (self, entry);
      l = previous;
    }
}

GlossTextureCache *
gloss_texture_cache_new (gsize max_bytes)
{
  GlossTextureCache *self = g_object_new (GLOSS_TYPE_TEXTURE_CACHE, NULL);

  self->max_bytes = max_bytes;
  return self;
}

void
gloss_texture_cache_set_max_bytes (GlossTextureCache *self,
                                   gsize              max_bytes)
{
  g_return_if_fail (GLOSS_IS_TEXTURE_CACHE (self));

  self->max_bytes = max_bytes;
  evict (self);
}

gsize
gloss_texture_cache_get_max_bytes (GlossTextureCache *self)
{
  g_return_val_if_fail (GLOSS_IS_TEXTURE_CACHE (self), 0);
  return self->max_bytes;
}

gsize
gloss_texture_cache_get_bytes (GlossTextureCache *self)
{
  g_return_val_if_fail (GLOSS_IS_TEXTURE_CACHE (self), 0);
  return self->bytes;
}

guint
gloss_texture_cache_get_n_pages (GlossTextureCache *self)
{
  g_return_val_if_fail (GLOSS_IS_TEXTURE_CACHE (self), 0);
  return g_hash_table_size (self->entries);
}

GdkTexture *
gloss_texture_cache_lookup (GlossTextureCache *self,
                            guint              page,
                            double            *scale)
{
  CacheEntry *entry;

  g_return_val_if_fail (GLOSS_IS_TEXTURE_CACHE (self), NULL);

  entry = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (page));
  if (entry == NULL)
    return NULL;

  g_queue_unlink (&self->order, entry->link);
  g_queue_push_head_link (&self->order, entry->link);
  if (scale)
    *scale = entry->scale;
  return entry->texture;
}

void
gloss_texture_cache_insert (GlossTextureCache *self,
                            guint              page,
                            double             scale,
                            GdkTexture        *texture)
{
  CacheEntry *entry;

  g_return_if_fail (GLOSS_IS_TEXTURE_CACHE (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  entry = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (page));
  if (entry != NULL)
    remove_entry (self, entry);

  entry = g_new0 (CacheEntry, 1);
  entry->page = page;
  entry->scale = scale;
  entry->texture = g_object_ref (texture);
  entry->bytes = texture_bytes (texture);
  g_queue_push_head (&self->order, entry);
  entry->link = self->order.head;
  g_hash_table_insert (self->entries, GUINT_TO_POINTER (page), entry);
  self->bytes += entry->bytes;

  evict (self);
}

void
gloss_texture_cache_pin (GlossTextureCache *self,
                         guint              first,
                         guint              last)
{
  g_return_if_fail (GLOSS_IS_TEXTURE_CACHE (self));

  self->pin_first = first;
  self->pin_last = last;
  self->has_pin = TRUE;
}

void
gloss_texture_cache_clear (GlossTextureCache *self)
{
  g_return_if_fail (GLOSS_IS_TEXTURE_CACHE (self));

  g_queue_clear (&self->order);
  g_hash_table_remove_all (self->entries);
  self->bytes = 0;
  self->has_pin = FALSE;
}

gsize
gloss_texture_cache_take_dropped_bytes (GlossTextureCache *self)
{
  gsize dropped;

  g_return_val_if_fail (GLOSS_IS_TEXTURE_CACHE (self), 0);
  dropped = self->dropped;
  self->dropped = 0;
  return dropped;
}

static void
gloss_texture_cache_finalize (GObject *object)
{
  GlossTextureCache *self = GLOSS_TEXTURE_CACHE (object);

  g_queue_clear (&self->order);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_texture_cache_parent_class)->finalize (object);
}

static void
gloss_texture_cache_class_init (GlossTextureCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_texture_cache_finalize;
}

static void
gloss_texture_cache_init (GlossTextureCache *self)
{
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, cache_entry_free);
}
