/* gloss-compare-view.c: one disagreement, each coder's codings side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-compare-view.h"
#include "gloss-consensus.h"
#include "gloss-disagreement-item.h"
#include "gloss-error.h"

/* Characters shown before and after the disagreement. */
#define CONTEXT_CHARS   200
/* A longer stretch (a whole document, for the document unit) is narrowed
 * to the codings in it, and cut if still too long. */
#define NARROW_ABOVE    1200
#define MAX_PASSAGE     6000

struct _GlossCompareView
{
  GtkWidget              parent_instance;

  GlossProject          *project;
  gulong                 changed_id;
  GPtrArray             *coders;         /* GlossCoder, in the report's order */
  gboolean               with_children;
  GListModel            *items;
  guint                  position;

  /* The disagreement shown */
  GlossDisagreementItem *item;
  GArray                *code_ids;       /* gint64: the codes that count here */
  GtkStringList         *code_paths;     /* their paths, for the editor */
  gint64                 n_chars;
  gint64                 passage_start;
  gint64                 passage_end;
  gboolean               shortened;
  GPtrArray             *lane_views;     /* GtkTextView, one per lane */

  /* Template children */
  GtkLabel              *position_label;
  GtkLabel              *title_label;
  GtkLabel              *subtitle_label;
  GtkBox                *lanes_box;
  GtkRevealer           *edit_revealer;
  GtkDropDown           *edit_code_dropdown;
  GtkSpinButton         *edit_start_spin;
  GtkSpinButton         *edit_end_spin;
  GtkLabel              *edit_preview_label;
  GtkBox                *accept_box;
};

G_DEFINE_FINAL_TYPE (GlossCompareView, gloss_compare_view, GTK_TYPE_WIDGET)

enum {
  SHOW_IN_DOCUMENT,
  CONSENSUS_SAVED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (GlossCompareView *self);

GtkWidget *
gloss_compare_view_new (void)
{
  return g_object_new (GLOSS_TYPE_COMPARE_VIEW, NULL);
}

/* The codes and codings that count for the shown disagreement */

static gboolean
code_counts (GlossCompareView *self,
             const GlossCode  *code,
             const char       *path)
{
  if (!self->with_children)
    return g_strcmp0 (code->path, path) == 0;
  return g_str_has_prefix (code->path, path) && code->path[strlen (path)] == '/';
}

static void
load_codes (GlossCompareView *self)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = gloss_disagreement_item_get_code (self->item);
  /* a substitution counts both coders' codes */
  const char *other = gloss_disagreement_item_get_other_code (self->item);

  g_array_set_size (self->code_ids, 0);
  g_clear_object (&self->code_paths);
  self->code_paths = gtk_string_list_new (NULL);

  codes = gloss_project_list_codes (self->project, &error);
  if (codes == NULL)
    {
      g_warning ("Could not read the codebook: %s", error->message);
      return;
    }
  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);

      if (!code_counts (self, code, path) && (other == NULL || !code_counts (self, code, other)))
        continue;
      g_array_append_val (self->code_ids, code->id);
      gtk_string_list_append (self->code_paths, code->path);
    }
}

/* The disagreement's stretch [start, end) and the codes that count there. */
static GlossConsensusPassage
passage_of (GlossCompareView *self,
            gint64            start,
            gint64            end)
{
  GlossConsensusPassage passage = {
    .document_id = gloss_disagreement_item_get_document_id (self->item),
    .start = start,
    .end = end,
    .code_ids = (const gint64 *) (gpointer) self->code_ids->data,
    .n_code_ids = self->code_ids->len,
  };

  return passage;
}

/* @coder_id's codings of the counted codes that overlap [start, end). */
static GPtrArray *
list_codings (GlossCompareView *self,
              gint64            coder_id,
              gint64            start,
              gint64            end,
              GError          **error)
{
  GlossConsensusPassage passage = passage_of (self, start, end);

  return gloss_consensus_list_codings (self->project, &passage, coder_id, error);
}

static gint64
find_consensus_coder (GlossCompareView *self)
{
  return gloss_project_get_consensus_coder (self->project, NULL);
}

/* The passage: the disagreement with some context; a very long one is
 * narrowed to where the compared coders coded. */
static void
compute_passage (GlossCompareView *self)
{
  gint64 start = gloss_disagreement_item_get_start (self->item);
  gint64 end = gloss_disagreement_item_get_end (self->item);

  self->shortened = FALSE;
  if (end - start > NARROW_ABOVE)
    {
      gint64 lo = G_MAXINT64, hi = -1;

      for (guint i = 0; i < self->coders->len; i++)
        {
          GlossCoder *coder = g_ptr_array_index (self->coders, i);
          g_autoptr(GPtrArray) codings = list_codings (self, coder->id, start, end, NULL);

          for (guint k = 0; codings != NULL && k < codings->len; k++)
            {
              GlossCoding *coding = g_ptr_array_index (codings, k);

              lo = MIN (lo, coding->start);
              hi = MAX (hi, coding->end);
            }
        }
      if (hi > lo)
        {
          start = MAX (start, lo);
          end = MIN (end, hi);
        }
      if (end - start > MAX_PASSAGE)
        {
          end = start + MAX_PASSAGE;
          self->shortened = TRUE;
        }
    }
  self->passage_start = MAX (0, start - CONTEXT_CHARS);
  self->passage_end = MIN (self->n_chars, end + CONTEXT_CHARS);
}

/* Lanes */

static GtkWidget *
make_lane_header (const char *name,
                  const char *color,
                  const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *name_label = gtk_label_new (name);
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>", color);

  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_widget_add_css_class (name_label, "heading");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name_label);
  if (value != NULL)
    {
      GtkWidget *value_label = gtk_label_new (value);

      gtk_widget_add_css_class (value_label, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), value_label);
    }
  return box;
}

static void
apply_tag (GtkTextBuffer *buffer,
           const char    *tag,
           gint64         from,
           gint64         to)
{
  GtkTextIter a, b;

  if (to <= from)
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) from);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) to);
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &a, &b);
}

static GtkTextBuffer *
make_lane_buffer (GlossCompareView *self,
                  const char       *text,
                  const char       *color,
                  GPtrArray        *codings)
{
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
  gint64 length = self->passage_end - self->passage_start;
  gint64 start = gloss_disagreement_item_get_start (self->item) - self->passage_start;
  gint64 end = gloss_disagreement_item_get_end (self->item) - self->passage_start;
  GdkRGBA fill = { 0.5, 0.5, 0.5, 1.0 };

  gdk_rgba_parse (&fill, color);
  fill.alpha = 0.35;
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_create_tag (buffer, "context", "foreground-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 1.0 }, NULL);
  gtk_text_buffer_create_tag (buffer, "coded", "background-rgba", &fill, NULL);
  gtk_text_buffer_create_tag (buffer, "range", "underline", PANGO_UNDERLINE_SINGLE, NULL);

  apply_tag (buffer, "context", 0, CLAMP (start, 0, length));
  apply_tag (buffer, "context", CLAMP (end, 0, length), length);
  /* Underlined only where the disagreement is a part of the passage. */
  if (start > 0 || end < length)
    apply_tag (buffer, "range", CLAMP (start, 0, length), CLAMP (end, 0, length));
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (codings, i);

      apply_tag (buffer, "coded",
                 CLAMP (coding->start - self->passage_start, 0, length),
                 CLAMP (coding->end - self->passage_start, 0, length));
    }
  return buffer;
}

static char *
format_range (gint64 start,
              gint64 end)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, start, end);
}

static char *
describe_codings (GlossCompareView *self,
                  GPtrArray        *codings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (codings->len == 0)
    return g_strdup (_("No coding of this code here"));
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (codings, i);
      const char *path = NULL;

      for (guint k = 0; k < self->code_ids->len; k++)
        if (g_array_index (self->code_ids, gint64, k) == coding->code_id)
          path = gtk_string_list_get_string (self->code_paths, k);
      g_autofree char *range = format_range (coding->start, coding->end);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: a coding in the compare view: code path, "start–end" */
      g_string_append_printf (text, _("%s, characters %s"), path, range);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_lane (GlossCompareView *self,
          const char       *text,
          gint64            coder_id,
          const char       *name,
          const char       *color,
          const char       *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = list_codings (self, coder_id, self->passage_start, self->passage_end, &error);
  g_autoptr(GtkTextBuffer) buffer = NULL;
  g_autofree char *described = NULL;
  GtkWidget *lane, *frame, *view, *summary;

  if (codings == NULL)
    {
      g_warning ("Could not read the codings: %s", error->message);
      codings = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coding_free);
    }
  buffer = make_lane_buffer (self, text, color, codings);
  described = describe_codings (self, codings);

  lane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (lane), make_lane_header (name, color, value));
  view = gtk_text_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_add_css_class (view, "compare-lane");
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (lane), frame);
  summary = gtk_label_new (described);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_widget_add_css_class (summary, "caption");
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_box_append (GTK_BOX (lane), summary);

  gtk_box_append (self->lanes_box, lane);
  g_ptr_array_add (self->lane_views, view);
}

static void
clear_lanes (GlossCompareView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lanes_box))) != NULL)
    gtk_box_remove (self->lanes_box, child);
  g_ptr_array_set_size (self->lane_views, 0);
}

/* The context starts and ends at a space rather than inside a word (the
 * disagreement itself is never cut). */
static void
trim_to_words (GlossCompareView *self,
               char            **text)
{
  gint64 length = g_utf8_strlen (*text, -1);
  gint64 head = 0, tail = length;
  gint64 start = gloss_disagreement_item_get_start (self->item) - self->passage_start;
  gint64 end = gloss_disagreement_item_get_end (self->item) - self->passage_start;
  const char *p;
  char *trimmed;

  if (self->passage_start > 0)
    for (p = *text; head < MIN (start, 40) && !g_unichar_isspace (g_utf8_get_char (p)); p = g_utf8_next_char (p))
      head++;
  head = head >= MIN (start, 40) ? 0 : head + 1;
  if (self->passage_end < self->n_chars)
    for (p = g_utf8_offset_to_pointer (*text, length); tail > MAX (end, length - 40); tail--)
      {
        p = g_utf8_prev_char (p);
        if (g_unichar_isspace (g_utf8_get_char (p)))
          break;
      }
  if (tail <= MAX (end, length - 40))
    tail = length;
  if (head == 0 && tail == length)
    return;
  trimmed = g_utf8_substring (*text, head, tail);
  g_free (*text);
  *text = trimmed;
  self->passage_start += head;
  self->passage_end = self->passage_start + (tail - head);
}

static void
build_lanes (GlossCompareView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 consensus_id = find_consensus_coder (self);
  gboolean consensus_compared = FALSE;

  clear_lanes (self);
  text = gloss_project_get_text (self->project, gloss_disagreement_item_get_document_id (self->item),
                                 self->passage_start, self->passage_end, &error);
  if (text == NULL)
    {
      g_warning ("Could not read the passage: %s", error->message);
      return;
    }
  trim_to_words (self, &text);

  for (guint i = 0; i < self->coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (self->coders, i);
      const char *value = NULL;

      if (i < gloss_disagreement_item_get_n_values (self->item))
        value = gloss_disagreement_value_to_display (gloss_disagreement_item_get_value (self->item, i));
      add_lane (self, text, coder->id, coder->name, coder->color ? coder->color : "#3584e4", value);
      consensus_compared |= coder->id == consensus_id;
    }
  if (consensus_id > 0 && !consensus_compared)
    add_lane (self, text, consensus_id, _("Consensus"), GLOSS_CONSENSUS_COLOR, NULL);
}

/* Header and actions */

static gboolean
is_writable (GlossCompareView *self)
{
  return self->project != NULL && !gloss_project_get_read_only (self->project);
}

static void
update_actions (GlossCompareView *self)
{
  guint n = self->items ? g_list_model_get_n_items (self->items) : 0;
  gboolean can_change = self->item != NULL && is_writable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.previous", self->item && self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.next", self->item && self->position + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.accept", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.edit", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.save-edit", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.show-in-document", self->item != NULL);
}

static void
update_header (GlossCompareView *self)
{
  guint n = self->items ? g_list_model_get_n_items (self->items) : 0;
  g_autofree char *position = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *range = NULL;
  g_autofree char *settled_text = NULL;
  const char *resolution;

  if (self->item == NULL)
    {
      gtk_label_set_text (self->position_label, "");
      gtk_label_set_text (self->title_label, _("No disagreement"));
      gtk_label_set_text (self->subtitle_label, "");
      return;
    }

  /* Translators: "3 of 29" disagreements */
  position = g_strdup_printf (_("%u of %u"), self->position + 1, n);
  resolution = gloss_disagreement_item_get_resolution (self->item);
  range = format_range (gloss_disagreement_item_get_start (self->item),
                        gloss_disagreement_item_get_end (self->item));
  /* Translators: code, then the disagreement's character range "start–end" */
  if (gloss_disagreement_item_get_other_code (self->item) != NULL)
    /* Translators: a substitution: one code, the other, then the character range "start–end" */
    subtitle = g_strdup_printf (_("Other code: %s or %s · characters %s"), gloss_disagreement_item_get_code (self->item),
                                gloss_disagreement_item_get_other_code (self->item), range);
  else
    subtitle = g_strdup_printf (_("%s · characters %s"), gloss_disagreement_item_get_code (self->item), range);
  if (self->shortened)
    {
      /* Translators: the passage shown is only the start of the disagreement */
      g_autofree char *longer = g_strdup_printf (_("%s (shortened)"), subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&longer);
    }
  if (resolution != NULL)
    {
      /* Translators: the subtitle, then how the disagreement was settled */
      settled_text = g_strdup_printf (_("%s · %s"), subtitle, resolution);
      g_free (subtitle);
      subtitle = g_steal_pointer (&settled_text);
    }
  gtk_label_set_text (self->position_label, position);
  gtk_label_set_text (self->title_label, gloss_disagreement_item_get_document_title (self->item));
  gtk_label_set_text (self->subtitle_label, subtitle);
}

static void
reload (GlossCompareView *self)
{
  if (self->item != NULL && self->project != NULL)
    {
      g_autoptr(GlossDocumentInfo) info =
        gloss_project_get_document (self->project, gloss_disagreement_item_get_document_id (self->item), NULL);

      self->n_chars = info ? info->n_chars : gloss_disagreement_item_get_end (self->item);
      load_codes (self);
      compute_passage (self);
      build_lanes (self);
    }
  else
    clear_lanes (self);
  update_header (self);
  update_actions (self);
}

static void
on_project_changed (GlossProject     *project,
                    guint             changes,
                    GlossCompareView *self)
{
  if (self->item != NULL && (changes & (GLOSS_CHANGE_CODINGS | GLOSS_CHANGE_CODERS | GLOSS_CHANGE_CODES)))
    reload (self);
}

/* Public API */

void
gloss_compare_view_set_project (GlossCompareView *self,
                                GlossProject     *project)
{
  g_return_if_fail (GLOSS_IS_COMPARE_VIEW (self));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id = g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  g_clear_object (&self->item);
  reload (self);
}

static GtkWidget *
make_accept_button (GlossCoder *coder,
                    guint       index)
{
  /* Translators: a button in the compare view; %s is a coder's name */
  g_autofree char *label = g_strdup_printf (_("Accept %s’s Version"), coder->name);
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare.accept");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (index));
  return button;
}

void
gloss_compare_view_set_coders (GlossCompareView *self,
                               GPtrArray        *coders,
                               gboolean          with_children)
{
  GtkWidget *child;

  g_return_if_fail (GLOSS_IS_COMPARE_VIEW (self));

  g_ptr_array_set_size (self->coders, 0);
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    g_ptr_array_add (self->coders, gloss_coder_copy (g_ptr_array_index (coders, i)));
  self->with_children = with_children;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accept_box))) != NULL)
    gtk_box_remove (self->accept_box, child);
  for (guint i = 0; i < self->coders->len; i++)
    gtk_box_append (self->accept_box, make_accept_button (g_ptr_array_index (self->coders, i), i));
}

void
gloss_compare_view_set_disagreements (GlossCompareView *self,
                                      GListModel       *disagreements)
{
  g_return_if_fail (GLOSS_IS_COMPARE_VIEW (self));

  g_set_object (&self->items, disagreements);
  g_clear_object (&self->item);
  self->position = 0;
  reload (self);
}

void
gloss_compare_view_show (GlossCompareView *self,
                         guint             position)
{
  g_return_if_fail (GLOSS_IS_COMPARE_VIEW (self));
  g_return_if_fail (self->items != NULL);

  if (position >= g_list_model_get_n_items (self->items))
    return;
  g_clear_object (&self->item);
  self->item = g_list_model_get_item (self->items, position);
  self->position = position;
  gtk_revealer_set_reveal_child (self->edit_revealer, FALSE);
  reload (self);
}

guint
gloss_compare_view_get_position (GlossCompareView *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_VIEW (self), 0);

  return self->position;
}

guint
gloss_compare_view_get_n_lanes (GlossCompareView *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_VIEW (self), 0);

  return self->lane_views->len;
}

/* Consensus */

static void
settled (GlossCompareView *self,
         const char       *label,
         const char       *resolution)
{
  gloss_disagreement_item_set_resolution (self->item, resolution);
  gtk_revealer_set_reveal_child (self->edit_revealer, FALSE);
  update_header (self);
  g_signal_emit (self, signals[CONSENSUS_SAVED], 0, label);
}

gboolean
gloss_compare_view_accept (GlossCompareView *self,
                           guint             coder,
                           GError          **error)
{
  GlossConsensusPassage passage;
  GlossCoder *chosen;
  g_autofree char *label = NULL;
  g_autofree char *resolution = NULL;

  g_return_val_if_fail (GLOSS_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (self->item != NULL, FALSE);
  g_return_val_if_fail (coder < self->coders->len, FALSE);

  chosen = g_ptr_array_index (self->coders, coder);
  passage = passage_of (self, gloss_disagreement_item_get_start (self->item),
                        gloss_disagreement_item_get_end (self->item));
  if (!gloss_consensus_accept (self->project, &passage, chosen->id, error))
    return FALSE;

  label = gloss_consensus_accept_label (chosen->name);
  /* Translators: how a disagreement was settled; %s is a coder's name */
  resolution = g_strdup_printf (_("%s’s version"), chosen->name);
  settled (self, label, resolution);
  return TRUE;
}

/* Editing */

static void
update_preview (GlossCompareView *self)
{
  gint64 start = gtk_spin_button_get_value_as_int (self->edit_start_spin);
  gint64 end = gtk_spin_button_get_value_as_int (self->edit_end_spin);
  g_autofree char *text = NULL;

  if (self->item == NULL || end <= start)
    {
      gtk_label_set_text (self->edit_preview_label, _("The end must come after the start."));
      return;
    }
  text = gloss_project_get_text (self->project, gloss_disagreement_item_get_document_id (self->item),
                                 start, MIN (end, start + 400), NULL);
  gtk_label_set_text (self->edit_preview_label, text ? text : "");
}

static void
on_edit_range_changed (GlossCompareView *self)
{
  update_preview (self);
}

void
gloss_compare_view_set_edit_range (GlossCompareView *self,
                                   gint64            start,
                                   gint64            end)
{
  g_return_if_fail (GLOSS_IS_COMPARE_VIEW (self));

  gtk_spin_button_set_value (self->edit_start_spin, start);
  gtk_spin_button_set_value (self->edit_end_spin, end);
  update_preview (self);
}

/* Where the compared coders coded over the disagreement, and which code the
 * first of them used: what the editor starts from. */
static void
guess_consensus (GlossCompareView *self,
                 gint64           *start,
                 gint64           *end,
                 guint            *code)
{
  gint64 lo = G_MAXINT64, hi = -1;

  *code = 0;
  for (guint i = 0; i < self->coders->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (self->coders, i);
      g_autoptr(GPtrArray) codings = list_codings (self, coder->id, self->passage_start,
                                                   self->passage_end, NULL);

      for (guint k = 0; codings != NULL && k < codings->len; k++)
        {
          GlossCoding *coding = g_ptr_array_index (codings, k);

          if (coding->end <= gloss_disagreement_item_get_start (self->item)
              || coding->start >= gloss_disagreement_item_get_end (self->item))
            continue;
          if (hi < 0)
            for (guint c = 0; c < self->code_ids->len; c++)
              if (g_array_index (self->code_ids, gint64, c) == coding->code_id)
                *code = c;
          lo = MIN (lo, coding->start);
          hi = MAX (hi, coding->end);
        }
    }
  *start = hi > lo ? lo : gloss_disagreement_item_get_start (self->item);
  *end = hi > lo ? hi : gloss_disagreement_item_get_end (self->item);
}

void
gloss_compare_view_begin_edit (GlossCompareView *self)
{
  gint64 start, end;
  guint code;

  g_return_if_fail (GLOSS_IS_COMPARE_VIEW (self));

  if (self->item == NULL)
    return;
  guess_consensus (self, &start, &end, &code);
  gtk_drop_down_set_model (self->edit_code_dropdown, G_LIST_MODEL (self->code_paths));
  gtk_drop_down_set_selected (self->edit_code_dropdown, code);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->edit_start_spin), self->n_chars);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->edit_end_spin), self->n_chars);
  gloss_compare_view_set_edit_range (self, start, end);
  gtk_revealer_set_reveal_child (self->edit_revealer, TRUE);
}

gboolean
gloss_compare_view_save_edit (GlossCompareView *self,
                              GError          **error)
{
  gint64 start = gtk_spin_button_get_value_as_int (self->edit_start_spin);
  gint64 end = gtk_spin_button_get_value_as_int (self->edit_end_spin);
  guint code = gtk_drop_down_get_selected (self->edit_code_dropdown);
  GlossConsensusPassage passage;

  g_return_val_if_fail (GLOSS_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (self->item != NULL, FALSE);

  passage = passage_of (self, gloss_disagreement_item_get_start (self->item),
                        gloss_disagreement_item_get_end (self->item));
  if (!gloss_consensus_edit (self->project, &passage,
                             code < self->code_ids->len ? g_array_index (self->code_ids, gint64, code) : 0,
                             start, end, error))
    return FALSE;
  settled (self, gloss_consensus_edit_label (), _("Edited"));
  return TRUE;
}

/* Actions */

static void
report_failure (GlossCompareView *self,
                GError           *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GlossCompareView *self = GLOSS_COMPARE_VIEW (widget);

  if (self->position > 0)
    gloss_compare_view_show (self, self->position - 1);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GlossCompareView *self = GLOSS_COMPARE_VIEW (widget);

  gloss_compare_view_show (self, self->position + 1);
}

static void
accept_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GlossCompareView *self = GLOSS_COMPARE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  guint coder = g_variant_get_uint32 (param);

  if (coder < self->coders->len && !gloss_compare_view_accept (self, coder, &error))
    report_failure (self, error);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gloss_compare_view_begin_edit (GLOSS_COMPARE_VIEW (widget));
}

static void
cancel_edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_revealer_set_reveal_child (GLOSS_COMPARE_VIEW (widget)->edit_revealer, FALSE);
}

static void
save_edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GlossCompareView *self = GLOSS_COMPARE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!gloss_compare_view_save_edit (self, &error))
    report_failure (self, error);
}

/* The first lane with a selection gives the consensus coding's range. */
static void
use_selection_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GlossCompareView *self = GLOSS_COMPARE_VIEW (widget);

  for (guint i = 0; i < self->lane_views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (g_ptr_array_index (self->lane_views, i));
      GtkTextIter a, b;

      if (gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
        {
          gloss_compare_view_set_edit_range (self, self->passage_start + gtk_text_iter_get_offset (&a),
                                             self->passage_start + gtk_text_iter_get_offset (&b));
          return;
        }
    }
}

static void
show_in_document_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GlossCompareView *self = GLOSS_COMPARE_VIEW (widget);

  if (self->item != NULL)
    g_signal_emit (self, signals[SHOW_IN_DOCUMENT], 0,
                   gloss_disagreement_item_get_document_id (self->item),
                   gloss_disagreement_item_get_start (self->item),
                   MIN (gloss_disagreement_item_get_end (self->item), self->passage_end));
}

/* Life cycle */

static void
gloss_compare_view_dispose (GObject *object)
{
  GlossCompareView *self = GLOSS_COMPARE_VIEW (object);
  GtkWidget *child;

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  g_clear_object (&self->items);
  g_clear_object (&self->item);
  g_clear_object (&self->code_paths);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_COMPARE_VIEW);
  /* The template's root box has no id, so disposing the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gloss_compare_view_parent_class)->dispose (object);
}

static void
gloss_compare_view_finalize (GObject *object)
{
  GlossCompareView *self = GLOSS_COMPARE_VIEW (object);

  g_clear_pointer (&self->coders, g_ptr_array_unref);
  g_clear_pointer (&self->code_ids, g_array_unref);
  g_clear_pointer (&self->lane_views, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_compare_view_parent_class)->finalize (object);
}

static void
gloss_compare_view_class_init (GlossCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_compare_view_dispose;
  object_class->finalize = gloss_compare_view_finalize;

  signals[SHOW_IN_DOCUMENT] =
    g_signal_new ("show-in-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
  signals[CONSENSUS_SAVED] =
    g_signal_new ("consensus-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, position_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, lanes_box);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, edit_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, edit_code_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, edit_start_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, edit_end_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, edit_preview_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCompareView, accept_box);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_range_changed);

  gtk_widget_class_install_action (widget_class, "compare.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "compare.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "compare.accept", "u", accept_action);
  gtk_widget_class_install_action (widget_class, "compare.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "compare.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "compare.save-edit", NULL, save_edit_action);
  gtk_widget_class_install_action (widget_class, "compare.use-selection", NULL, use_selection_action);
  gtk_widget_class_install_action (widget_class, "compare.show-in-document", NULL, show_in_document_action);
}

static void
gloss_compare_view_init (GlossCompareView *self)
{
  self->coders = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coder_free);
  self->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->code_paths = gtk_string_list_new (NULL);
  self->lane_views = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}
