/* gloss-document-view-review.c: what lets several coders' codings be told
 * apart: lanes in the margin marked with their coder's initials, underlines in place of mixed fills,
 * and every coding under the pointer listed on hover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-document-view-private.h"

#define LABELLED_LANE   10.0   /* widest lane that carries a name */
#define LABEL_SIZE      9.0    /* pixels */
#define UNDERLINE       2.0    /* pixels */
#define MAX_LISTED      8      /* codings listed on hover, then "and N more" */

double
_gloss_document_view_lane_width (GlossDocumentView *self)
{
  double widest = self->lane_labels != NULL ? LABELLED_LANE : GLOSS_VIEW_MAX_LANE;

  return MIN (widest, (GLOSS_VIEW_LANE_AREA - 8) / MAX (self->n_lanes, 1));
}

void
gloss_document_view_set_lane_labels (GlossDocumentView  *self,
                                     const char * const *labels,
                                     const GdkRGBA      *colors)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  g_clear_pointer (&self->lane_labels, g_strfreev);
  g_clear_pointer (&self->lane_colors, g_array_unref);
  if (labels != NULL && labels[0] != NULL)
    {
      self->lane_labels = g_strdupv ((char **) labels);
      self->lane_colors = g_array_new (FALSE, TRUE, sizeof (GdkRGBA));
      g_array_append_vals (self->lane_colors, colors, g_strv_length (self->lane_labels));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A name's initials ("Ana María" -> "AM"), or its first letter where two
 * do not fit the lane. */
static char *
initials_of (const char *name,
             gboolean    one)
{
  GString *out = g_string_new (NULL);
  gboolean word_start = TRUE;

  for (const char *p = name; *p != '\0' && g_utf8_strlen (out->str, -1) < (one ? 1 : 2); p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-')
        word_start = TRUE;
      else if (word_start)
        {
          g_string_append_unichar (out, g_unichar_toupper (c));
          word_start = FALSE;
        }
    }
  return g_string_free (out, FALSE);
}

/* Each lane's coder, by initials in the coder's colour, at the top of the
 * lane on every page (the hover names them in full). */
void
_gloss_document_view_snapshot_lane_labels (GlossDocumentView     *self,
                                           GtkSnapshot           *snapshot,
                                           const graphene_rect_t *page_rect)
{
  double lane_width = _gloss_document_view_lane_width (self);
  PangoFontDescription *font;

  if (self->lane_labels == NULL)
    return;

  font = pango_font_description_new ();
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (font, LABEL_SIZE * PANGO_SCALE);
  for (guint lane = 0; self->lane_labels[lane] != NULL && lane < self->n_lanes; lane++)
    {
      g_autofree char *initials = initials_of (self->lane_labels[lane], FALSE);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), initials);
      GdkRGBA color = g_array_index (self->lane_colors, GdkRGBA, lane);
      double lane_right = page_rect->origin.x - 6 - lane * lane_width;
      int width, height;

      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &width, &height);
      if (width > lane_width + 2)
        {
          g_autofree char *one = initials_of (self->lane_labels[lane], TRUE);

          pango_layout_set_text (layout, one, -1);
          pango_layout_get_pixel_size (layout, &width, &height);
        }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (lane_right - (lane_width + width) / 2,
                                                              page_rect->origin.y + 2));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
    }
  pango_font_description_free (font);
}

/* An underline below each line of the coding, raised by its lane so that
 * several coders' underlines on one line stay apart. */
void
_gloss_document_view_snapshot_underline (GlossDocumentView     *self,
                                         GtkSnapshot           *snapshot,
                                         const graphene_rect_t *page_rect,
                                         double                 ppp,
                                         GArray                *rects,
                                         const GlossHighlight  *highlight,
                                         gboolean               active)
{
  GdkRGBA color = highlight->color;
  double raise = (MIN (highlight->lane, self->n_lanes - 1)) * (UNDERLINE + 1);

  color.alpha = active ? 1.0 : 0.9;
  for (guint i = 0; i < rects->len; i++)
    {
      const GlossCharBox *b = &g_array_index (rects, GlossCharBox, i);
      double x = page_rect->origin.x + b->x1 * ppp;
      double bottom = page_rect->origin.y + b->y2 * ppp;

      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x, bottom - UNDERLINE - raise,
                                                      (b->x2 - b->x1) * ppp,
                                                      active ? UNDERLINE + 1 : UNDERLINE));
    }
}

GPtrArray *
gloss_document_view_highlights_at (GlossDocumentView *self,
                                   double             x,
                                   double             y)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return _gloss_document_view_all_highlights_at (self, x, y);
}

/* The tooltip of all codings under the pointer: each one's two lines. */
char *
_gloss_document_view_tooltip_markup_for_all (GPtrArray *highlights)
{
  GString *markup = g_string_new (NULL);
  guint listed = 0;

  for (guint i = 0; i < highlights->len && listed < MAX_LISTED; i++)
    {
      const GlossHighlight *h = g_ptr_array_index (highlights, i);
      g_autofree char *one = NULL;

      if (h->tooltip == NULL && h->code_label == NULL)
        continue;
      one = _gloss_document_view_tooltip_markup (h);
      if (markup->len > 0)
        g_string_append (markup, "\n");
      g_string_append (markup, one);
      listed++;
    }
  if (highlights->len > listed && listed == MAX_LISTED)
    {
      guint more = highlights->len - listed;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more coding",
                                                            "and %u more codings", more), more);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append_printf (markup, "\n<i>%s</i>", escaped);
    }
  if (markup->len == 0)
    return g_string_free (markup, TRUE);
  return g_string_free (markup, FALSE);
}
