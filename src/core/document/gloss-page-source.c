/* gloss-page-source.c
 *
 * The document's text is read from the project once, when the source is
 * made; after that the source never touches the project again, so its
 * calls are safe from the render thread. Poppler is used under one lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include <poppler.h>
#include <pango/pangocairo.h>

#include "gloss-error.h"
#include "gloss-import.h"
#include "gloss-page-source.h"
#include "gloss-pdf-text.h"
#include "gloss-text-pages.h"

#define LAYOUT_CACHE_PAGES 32

struct _GlossPageSource
{
  GObject            parent_instance;

  gint64             document_id;
  GlossDocumentKind  kind;
  GArray            *pages;        /* GlossPage, by index */
  char              *text;         /* the whole document text */
  gint64             n_chars;
  gsize             *page_bytes;   /* byte offset of each page start in text, n_pages + 1 */

  /* PDF documents */
  GMutex             poppler_lock;
  GBytes            *bytes;
  char              *password;     /* the one the PDF was imported with */
  PopplerDocument   *document;

  /* Plain-text documents: visual lines of the whole text */
  GArray            *lines;

  /* Layouts: a small LRU of pages */
  GMutex             cache_lock;
  GHashTable        *layouts;      /* page index -> GlossPageLayout */
  GQueue             layout_order; /* page indices, most recent first */
};

G_DEFINE_FINAL_TYPE (GlossPageSource, gloss_page_source, G_TYPE_OBJECT)

/* Layouts */

static void
page_layout_clear (gpointer data)
{
  GlossPageLayout *layout = data;

  g_free (layout->boxes);
  g_free (layout->text);
}

static GlossPageLayout *
page_layout_new (guint       page,
                 gint64      start,
                 const char *text,
                 gsize       text_len)
{
  GlossPageLayout *layout = g_atomic_rc_box_new0 (GlossPageLayout);

  layout->page = page;
  layout->start = start;
  layout->text = g_strndup (text, text_len);
  layout->n_chars = g_utf8_strlen (layout->text, -1);
  layout->boxes = g_new0 (GlossCharBox, MAX (layout->n_chars, 1));

  return layout;
}

GlossPageLayout *
gloss_page_layout_ref (GlossPageLayout *layout)
{
  return g_atomic_rc_box_acquire (layout);
}

void
gloss_page_layout_unref (GlossPageLayout *layout)
{
  g_atomic_rc_box_release_full (layout, page_layout_clear);
}

/* Characters without a box get an empty one where the previous box ends
 * (or where the next one starts), so a caret or selection can sit there. */
static void
place_boxless_chars (GlossPageLayout *layout)
{
  const GlossCharBox *previous = NULL;
  gint64 first_boxed = -1;

  for (gint64 i = 0; i < layout->n_chars; i++)
    {
      GlossCharBox *b = &layout->boxes[i];

      if (b->has_box)
        {
          previous = b;
          if (first_boxed < 0)
            first_boxed = i;
          continue;
        }
      if (previous != NULL)
        *b = (GlossCharBox) { previous->x2, previous->y1, previous->x2, previous->y2, FALSE };
    }

  for (gint64 i = 0; i < first_boxed; i++)
    {
      const GlossCharBox *next = &layout->boxes[first_boxed];

      layout->boxes[i] = (GlossCharBox) { next->x1, next->y1, next->x1, next->y2, FALSE };
    }
}

/* Maps the boxes of poppler's text onto the stored text when the two
 * differ (another poppler version extracted it): characters are matched
 * in order within a small window; unmatched ones get no box. */
static void
transfer_boxes (GlossPageLayout    *layout,
                const gunichar     *stored,
                const gunichar     *extracted,
                glong               n_extracted,
                const GlossCharBox *extracted_boxes)
{
  glong j = 0;

  for (gint64 i = 0; i < layout->n_chars; i++)
    {
      for (glong k = j; k < n_extracted && k < j + 16; k++)
        {
          if (extracted[k] == stored[i])
            {
              layout->boxes[i] = extracted_boxes[k];
              j = k + 1;
              break;
            }
        }
    }
}

static gboolean
ensure_document_locked (GlossPageSource  *self,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (self->document != NULL)
    return TRUE;

  self->document = poppler_document_new_from_bytes (self->bytes, self->password, &local_error);
  if (self->document != NULL)
    return TRUE;

  if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, GLOSS_ERROR,
                 self->password ? GLOSS_ERROR_BAD_PASSWORD : GLOSS_ERROR_PASSWORD_REQUIRED,
                 self->password ? "The stored password no longer opens the document"
                                : "The document is encrypted and no password is known to open it");
  else
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                 "The document cannot be opened: %s", local_error->message);
  return FALSE;
}

static GlossPageLayout *
build_pdf_layout (GlossPageSource  *self,
                  GlossPageLayout  *layout,
                  GError          **error)
{
  PopplerPage *page = NULL;
  g_autoptr(GlossPdfPageText) extracted = NULL;

  g_mutex_lock (&self->poppler_lock);
  if (!ensure_document_locked (self, error))
    {
      g_mutex_unlock (&self->poppler_lock);
      gloss_page_layout_unref (layout);
      return NULL;
    }
  page = poppler_document_get_page (self->document, layout->page);
  /* The same extraction as the import's, so characters line up. */
  if (page != NULL)
    extracted = gloss_pdf_page_text_extract (page);
  g_clear_object (&page);
  g_mutex_unlock (&self->poppler_lock);

  /* A page poppler cannot read was stored empty: it has no boxes. */
  if (extracted != NULL && g_strcmp0 (extracted->text, layout->text) == 0)
    memcpy (layout->boxes, extracted->boxes, sizeof (GlossCharBox) * layout->n_chars);
  else if (extracted != NULL)
    {
      g_autofree gunichar *stored_chars = g_utf8_to_ucs4_fast (layout->text, -1, NULL);
      g_autofree gunichar *extracted_chars = g_utf8_to_ucs4_fast (extracted->text, -1, NULL);

      transfer_boxes (layout, stored_chars, extracted_chars, extracted->n_chars, extracted->boxes);
    }

  place_boxless_chars (layout);
  return layout;
}

/* Plain text */

static PangoLayout *
create_text_line_layout (PangoContext *context,
                         const char   *text,
                         gssize        len)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (GLOSS_TEXT_FONT);
  PangoLayout *line = pango_layout_new (context);

  pango_layout_set_font_description (line, font);
  pango_layout_set_text (line, text, len);
  return line;
}

static PangoContext *
create_text_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: boxes and rendering agree at every scale. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);

  return context;
}

/* Visual lines of @page: [*first, *last) into self->lines. */
static void
text_page_lines (GlossPageSource *self,
                 guint            page,
                 guint           *first,
                 guint           *last)
{
  *first = MIN (page * GLOSS_TEXT_LINES_PER_PAGE, self->lines->len);
  *last = MIN (*first + GLOSS_TEXT_LINES_PER_PAGE, self->lines->len);
}

/* Byte offset of code point @offset of the text; offsets only grow in the
 * callers, so they walk from a known position. */
static const char *
text_at (const char *from,
         gint64      from_offset,
         gint64      offset)
{
  return g_utf8_offset_to_pointer (from, offset - from_offset);
}

static void
layout_text_line_boxes (GlossPageLayout     *layout,
                        PangoContext        *context,
                        const GlossTextLine *line,
                        const char          *line_text,
                        double               top)
{
  g_autoptr(PangoLayout) pl = NULL;
  const char *end = g_utf8_offset_to_pointer (line_text, line->length);
  const char *p = line_text;

  pl = create_text_line_layout (context, line_text, end - line_text);

  for (gint64 k = 0; k < line->length; k++, p = g_utf8_next_char (p))
    {
      gint64 index = line->start + k - layout->start;
      PangoRectangle pos;
      double x1, x2;

      if (index < 0 || index >= layout->n_chars)
        continue;
      pango_layout_index_to_pos (pl, p - line_text, &pos);
      x1 = GLOSS_TEXT_MARGIN + pango_units_to_double (MIN (pos.x, pos.x + pos.width));
      x2 = GLOSS_TEXT_MARGIN + pango_units_to_double (MAX (pos.x, pos.x + pos.width));
      layout->boxes[index] = (GlossCharBox) { x1, top, x2, top + GLOSS_TEXT_LINE_HEIGHT, TRUE };
    }
}

static GlossPageLayout *
build_text_layout (GlossPageSource *self,
                   GlossPageLayout *layout)
{
  PangoContext *context = create_text_context ();
  const char *base = self->text + self->page_bytes[layout->page];
  gint64 base_offset = layout->start;
  guint first, last;

  text_page_lines (self, layout->page, &first, &last);

  for (guint i = first; i < last; i++)
    {
      const GlossTextLine *line = &g_array_index (self->lines, GlossTextLine, i);
      const char *line_text;

      if (line->start < base_offset)
        continue;
      line_text = text_at (base, base_offset, line->start);
      base = line_text;
      base_offset = line->start;
      layout_text_line_boxes (layout, context, line,
                              line_text,
                              GLOSS_TEXT_MARGIN + (i - first) * GLOSS_TEXT_LINE_HEIGHT);
    }

  g_object_unref (context);
  place_boxless_chars (layout);
  return layout;
}

static void
render_text_page (GlossPageSource *self,
                  cairo_t         *cr,
                  guint            page)
{
  PangoContext *context = create_text_context ();
  guint first, last;

  text_page_lines (self, page, &first, &last);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);

  for (guint i = first; i < last; i++)
    {
      const GlossTextLine *line = &g_array_index (self->lines, GlossTextLine, i);
      g_autoptr(PangoLayout) pl = NULL;
      gint64 page_start = g_array_index (self->pages, GlossPage, page).start;
      const char *start, *end;

      if (line->start < page_start)
        continue;
      start = g_utf8_offset_to_pointer (self->text + self->page_bytes[page],
                                        line->start - page_start);
      end = g_utf8_offset_to_pointer (start, line->length);
      pl = create_text_line_layout (context, start, end - start);
      cairo_move_to (cr, GLOSS_TEXT_MARGIN,
                     GLOSS_TEXT_MARGIN + (i - first) * GLOSS_TEXT_LINE_HEIGHT);
      pango_cairo_show_layout (cr, pl);
    }
  g_object_unref (context);
}

/* Cache */

static GlossPageLayout *
cache_lookup (GlossPageSource *self,
              guint            page)
{
  GlossPageLayout *layout;

  g_mutex_lock (&self->cache_lock);
  layout = g_hash_table_lookup (self->layouts, GUINT_TO_POINTER (page));
  if (layout != NULL)
    {
      g_queue_remove (&self->layout_order, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->layout_order, GUINT_TO_POINTER (page));
      gloss_page_layout_ref (layout);
    }
  g_mutex_unlock (&self->cache_lock);

  return layout;
}

static GlossPageLayout *
cache_insert (GlossPageSource *self,
              GlossPageLayout *layout)
{
  GlossPageLayout *existing;

  g_mutex_lock (&self->cache_lock);
  existing = g_hash_table_lookup (self->layouts, GUINT_TO_POINTER (layout->page));
  if (existing != NULL)
    {
      /* Another thread built it meanwhile: keep one. */
      gloss_page_layout_ref (existing);
      g_mutex_unlock (&self->cache_lock);
      gloss_page_layout_unref (layout);
      return existing;
    }

  g_hash_table_insert (self->layouts, GUINT_TO_POINTER (layout->page),
                       gloss_page_layout_ref (layout));
  g_queue_push_head (&self->layout_order, GUINT_TO_POINTER (layout->page));
  while (self->layout_order.length > LAYOUT_CACHE_PAGES)
    g_hash_table_remove (self->layouts, g_queue_pop_tail (&self->layout_order));
  g_mutex_unlock (&self->cache_lock);

  return layout;
}

/* Construction */

static gboolean
load_text (GlossPageSource  *self,
           GlossProject     *project,
           gint64            n_chars,
           GError          **error)
{
  const char *p;
  gint64 offset = 0;

  self->text = gloss_project_get_text (project, self->document_id, 0, n_chars, error);
  if (self->text == NULL)
    return FALSE;
  self->n_chars = g_utf8_strlen (self->text, -1);

  /* The pages come from the file, which another program may have changed
   * since it was opened: they must cut the text in order. */
  for (guint i = 0; i < self->pages->len; i++)
    {
      const GlossPage *page = &g_array_index (self->pages, GlossPage, i);
      gint64 previous_end = i > 0 ? g_array_index (self->pages, GlossPage, i - 1).start +
                                    g_array_index (self->pages, GlossPage, i - 1).length : 0;

      if (page->start < previous_end || page->length < 0 || page->start > self->n_chars ||
          page->length > self->n_chars - page->start)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED,
                       _("The pages of this document do not match its text (page %u); "
                         "“gloss-cli check” names the problem"), i + 1);
          return FALSE;
        }
    }

  /* Byte offsets of the page starts, in one walk over the text. */
  self->page_bytes = g_new0 (gsize, self->pages->len + 1);
  p = self->text;
  for (guint i = 0; i < self->pages->len; i++)
    {
      gint64 start = g_array_index (self->pages, GlossPage, i).start;

      while (offset < start && *p)
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      self->page_bytes[i] = p - self->text;
    }
  self->page_bytes[self->pages->len] = strlen (self->text);

  return TRUE;
}

static gboolean
load_pages (GlossPageSource  *self,
            GlossProject     *project,
            GError          **error)
{
  g_autoptr(GPtrArray) pages = gloss_project_get_pages (project, self->document_id, error);

  if (pages == NULL)
    return FALSE;

  self->pages = g_array_sized_new (FALSE, FALSE, sizeof (GlossPage), pages->len);
  for (guint i = 0; i < pages->len; i++)
    g_array_append_val (self->pages, *(GlossPage *) g_ptr_array_index (pages, i));

  return TRUE;
}

GlossPageSource *
gloss_page_source_new (GlossProject  *project,
                       gint64         document_id,
                       GError       **error)
{
  g_autoptr(GlossPageSource) self = NULL;
  g_autoptr(GlossDocumentInfo) info = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  info = gloss_project_get_document (project, document_id, error);
  if (info == NULL)
    return NULL;

  self = g_object_new (GLOSS_TYPE_PAGE_SOURCE, NULL);
  self->document_id = document_id;
  self->kind = info->kind;

  if (!load_pages (self, project, error) ||
      !load_text (self, project, info->n_chars, error))
    return NULL;

  if (self->kind == GLOSS_DOCUMENT_PDF)
    {
      gboolean opened;

      self->bytes = gloss_project_get_bytes (project, document_id, error);
      if (self->bytes == NULL)
        return NULL;
      self->password = gloss_project_dup_document_password (project, document_id);
      g_mutex_lock (&self->poppler_lock);
      opened = ensure_document_locked (self, error);
      g_mutex_unlock (&self->poppler_lock);
      if (!opened)
        return NULL;
    }
  else
    {
      self->lines = gloss_text_wrap_lines (self->text);
    }

  return g_steal_pointer (&self);
}

static void
gloss_page_source_finalize (GObject *object)
{
  GlossPageSource *self = GLOSS_PAGE_SOURCE (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->page_bytes, g_free);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_queue_clear (&self->layout_order);
  g_mutex_clear (&self->poppler_lock);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (gloss_page_source_parent_class)->finalize (object);
}

static void
gloss_page_source_class_init (GlossPageSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_page_source_finalize;
}

static void
gloss_page_source_init (GlossPageSource *self)
{
  g_mutex_init (&self->poppler_lock);
  g_mutex_init (&self->cache_lock);
  self->layouts = g_hash_table_new_full (NULL, NULL, NULL,
                                         (GDestroyNotify) gloss_page_layout_unref);
}

/* Queries */

gint64
gloss_page_source_get_document_id (GlossPageSource *self)
{
  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), 0);
  return self->document_id;
}

GlossDocumentKind
gloss_page_source_get_kind (GlossPageSource *self)
{
  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), GLOSS_DOCUMENT_PDF);
  return self->kind;
}

guint
gloss_page_source_get_n_pages (GlossPageSource *self)
{
  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), 0);
  return self->pages->len;
}

void
gloss_page_source_get_page_size (GlossPageSource *self,
                                 guint            page,
                                 double          *width,
                                 double          *height)
{
  const GlossPage *p;

  g_return_if_fail (GLOSS_IS_PAGE_SOURCE (self));
  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, GlossPage, page);
  if (width)
    *width = p->width > 0 ? p->width : GLOSS_TEXT_PAGE_WIDTH;
  if (height)
    *height = p->height > 0 ? p->height : GLOSS_TEXT_PAGE_HEIGHT;
}

gint64
gloss_page_source_get_page_start (GlossPageSource *self,
                                  guint            page)
{
  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), 0);
  g_return_val_if_fail (page < self->pages->len, 0);
  return g_array_index (self->pages, GlossPage, page).start;
}

gint64
gloss_page_source_get_page_length (GlossPageSource *self,
                                   guint            page)
{
  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), 0);
  g_return_val_if_fail (page < self->pages->len, 0);
  return g_array_index (self->pages, GlossPage, page).length;
}

guint
gloss_page_source_page_for_offset (GlossPageSource *self,
                                   gint64           offset)
{
  guint lo = 0, hi;

  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), 0);
  if (self->pages->len == 0)
    return 0;

  /* The last page whose start is at or before @offset. */
  hi = self->pages->len - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (g_array_index (self->pages, GlossPage, mid).start <= offset)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

/* Rendering */

static gboolean
render_pdf_page (GlossPageSource  *self,
                 cairo_t          *cr,
                 guint             page,
                 GError          **error)
{
  PopplerPage *ppage = NULL;
  gboolean have_page = FALSE;
  gboolean ok;

  g_mutex_lock (&self->poppler_lock);
  ok = ensure_document_locked (self, error);
  if (ok)
    {
      ppage = poppler_document_get_page (self->document, page);
      have_page = ppage != NULL;
      if (have_page)
        poppler_page_render (ppage, cr);
      g_clear_object (&ppage);
    }
  g_mutex_unlock (&self->poppler_lock);

  /* A page poppler cannot read stays blank, as the import stored it. */
  return ok;
}

typedef struct
{
  void  *data;
  gsize  size;
} PixelMap;

static const cairo_user_data_key_t pixel_map_key;

static void
pixel_map_free (void *data)
{
  PixelMap *map = data;

  munmap (map->data, map->size);
  g_free (map);
}

/* Page images are a few megabytes each and come and go as the user
 * scrolls. Mapped straight from the system, each one's memory goes back
 * when the image goes, instead of fragmenting the heap of the thread that
 * made it (which would keep resident memory well above what is cached). */
static cairo_surface_t *
create_page_surface (int width,
                     int height)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  gsize size = (gsize) stride * height;
  cairo_surface_t *surface;
  PixelMap *map;
  void *data;

  data = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32, width, height, stride);
  map = g_new (PixelMap, 1);
  map->data = data;
  map->size = size;
  if (cairo_surface_set_user_data (surface, &pixel_map_key, map, pixel_map_free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      pixel_map_free (map);
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  return surface;
}

cairo_surface_t *
gloss_page_source_render (GlossPageSource  *self,
                          guint             page,
                          double            scale,
                          GCancellable     *cancellable,
                          GError          **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  gboolean ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  if (page >= self->pages->len)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "No page %u", page + 1);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  gloss_page_source_get_page_size (self, page, &width, &height);
  surface = create_page_surface (MAX (1, (int) ceil (width * scale)),
                                 MAX (1, (int) ceil (height * scale)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);

  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (self->kind == GLOSS_DOCUMENT_PDF)
        ok = render_pdf_page (self, cr, page, error);
      else
        render_text_page (self, cr, page);
    }
  else
    ok = FALSE;

  cairo_destroy (cr);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (!ok)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  return surface;
}

GlossPageLayout *
gloss_page_source_peek_layout (GlossPageSource *self,
                               guint            page)
{
  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), NULL);
  return cache_lookup (self, page);
}

GlossPageLayout *
gloss_page_source_get_layout (GlossPageSource  *self,
                              guint             page,
                              GError          **error)
{
  GlossPageLayout *layout;
  const char *text;
  gsize len;

  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), NULL);

  if (page >= self->pages->len)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "No page %u", page + 1);
      return NULL;
    }

  layout = cache_lookup (self, page);
  if (layout != NULL)
    return layout;

  text = self->text + self->page_bytes[page];
  len = g_utf8_offset_to_pointer (text, gloss_page_source_get_page_length (self, page)) - text;
  layout = page_layout_new (page, gloss_page_source_get_page_start (self, page), text, len);

  if (self->kind == GLOSS_DOCUMENT_PDF)
    layout = build_pdf_layout (self, layout, error);
  else
    layout = build_text_layout (self, layout);

  if (layout == NULL)
    return NULL;
  return cache_insert (self, layout);
}

char *
gloss_page_source_dup_text (GlossPageSource *self,
                            gint64           start,
                            gint64           end)
{
  guint page;
  const char *p, *q;

  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (self), NULL);
  start = CLAMP (start, 0, self->n_chars);
  end = CLAMP (end, start, self->n_chars);
  if (self->pages->len == 0 || end <= start)
    return g_strdup ("");

  page = gloss_page_source_page_for_offset (self, start);
  p = g_utf8_offset_to_pointer (self->text + self->page_bytes[page],
                                start - gloss_page_source_get_page_start (self, page));
  q = g_utf8_offset_to_pointer (p, end - start);
  return g_strndup (p, q - p);
}
