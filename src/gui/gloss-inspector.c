/* gloss-inspector.c: the selected coding: code, coder, quote, memo, dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-attribute-sheet.h"
#include "gloss-code-popover.h"
#include "gloss-hyphenation.h"
#include "gloss-inspector.h"
#include "gloss-memo-editor.h"

/* A memo is saved this long after the last key press, or when focus leaves. */
#define MEMO_SAVE_DELAY_MS 800
#define MAX_QUOTE_CHARS 600

struct _GlossInspector
{
  GtkWidget         parent_instance;

  GlossProject     *project;
  gint64            coding_id;
  GdkRGBA           color;
  gboolean          memo_dirty;
  gboolean          loading;
  guint             memo_timeout;

  GlossCodebookModel *model;   /* for the "change code" popover */

  /* With no coding selected: the open document and the code chosen in the codebook */
  gint64            document_id;
  gint64            code_id;
  GdkRGBA           code_color;

  /* Template children */
  GtkStack         *stack;
  GtkDrawingArea   *swatch;
  GtkLabel         *code_label;
  GtkMenuButton    *change_code_button;
  GtkLabel         *coder_label;
  GtkLabel         *quote_label;
  GtkLabel         *range_label;
  GtkTextView      *memo_view;
  GtkLabel         *dates_label;
  GtkWidget        *document_section;
  GtkLabel         *document_label;
  GlossMemoEditor  *document_memo;
  GlossAttributeSheet *document_attributes;
  GtkWidget        *code_section;
  GtkDrawingArea   *code_swatch;
  GtkLabel         *selected_code_label;
  GtkLabel         *description_label;
  GlossMemoEditor  *code_memo;
  GlossCodePopover *code_popover;
};

G_DEFINE_FINAL_TYPE (GlossInspector, gloss_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
gloss_inspector_new (void)
{
  return g_object_new (GLOSS_TYPE_INSPECTOR, NULL);
}

gint64
gloss_inspector_get_coding (GlossInspector *self)
{
  g_return_val_if_fail (GLOSS_IS_INSPECTOR (self), 0);

  return self->coding_id;
}

char *
gloss_inspector_format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec <= 0)
    return g_strdup (_("unknown"));

  time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return g_strdup (_("unknown"));

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (time, _("%-d %B %Y, %H:%M"));
}

static char *
memo_text (GlossInspector *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
gloss_inspector_flush_memo (GlossInspector *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;

  g_return_if_fail (GLOSS_IS_INSPECTOR (self));

  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  if (self->document_memo != NULL)
    gloss_memo_editor_flush (self->document_memo);
  if (self->code_memo != NULL)
    gloss_memo_editor_flush (self->code_memo);
  if (!self->memo_dirty || self->project == NULL || self->coding_id <= 0)
    return;

  self->memo_dirty = FALSE;
  text = memo_text (self);
  /* Saving emits "changed", which may replace the project shown. */
  project = g_object_ref (self->project);
  if (!gloss_project_set_coding_memo (project, self->coding_id, text, &error))
    g_warning ("Could not save the memo: %s", error->message);
}

static gboolean
on_memo_timeout (gpointer user_data)
{
  GlossInspector *self = user_data;

  self->memo_timeout = 0;
  gloss_inspector_flush_memo (self);
  return G_SOURCE_REMOVE;
}

static void
on_memo_changed (GlossInspector *self)
{
  if (self->loading)
    return;

  self->memo_dirty = TRUE;
  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  self->memo_timeout = g_timeout_add (MEMO_SAVE_DELAY_MS, on_memo_timeout, self);
}

static void
on_memo_focus_leave (GlossInspector *self)
{
  gloss_inspector_flush_memo (self);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GdkRGBA *color = user_data;
  double size = MIN (width, height);

  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 0.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
show_code (GlossInspector    *self,
           const GlossCoding *coding)
{
  g_autoptr(GlossCode) code = gloss_project_get_code (self->project, coding->code_id, NULL);
  g_autofree char *path = gloss_project_dup_code_path (self->project, coding->code_id, NULL);

  self->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1.0 };
  if (code != NULL && code->color != NULL)
    gdk_rgba_parse (&self->color, code->color);

  gtk_label_set_text (self->code_label, path ? path : code ? code->name : _("Unknown code"));
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}

static void
show_coder (GlossInspector    *self,
            const GlossCoding *coding)
{
  g_autoptr(GlossCoder) coder = gloss_project_get_coder (self->project, coding->coder_id, NULL);
  g_autofree char *text = NULL;

  /* Translators: "by Alice", the coder of the coding */
  text = g_strdup_printf (_("by %s"), coder ? coder->name : _("an unknown coder"));
  gtk_label_set_text (self->coder_label, text);
}

static void
show_quote (GlossInspector    *self,
            const GlossCoding *coding)
{
  g_autofree char *quote = NULL;
  g_autofree char *range = NULL;
  /* Read as one run, words broken at a line end joined as exports join them. */
  g_autofree char *text = gloss_text_one_line (coding->quote);

  if (g_utf8_strlen (text, -1) > MAX_QUOTE_CHARS)
    {
      g_autofree char *head = g_utf8_substring (text, 0, MAX_QUOTE_CHARS);
      quote = g_strdup_printf ("“%s…”", head);
    }
  else
    {
      quote = g_strdup_printf ("“%s”", text);
    }
  gtk_label_set_text (self->quote_label, quote);

  /* Translators: the coded range in characters, "Characters 120–184" */
  range = g_strdup_printf (_("Characters %" PRId64 "–%" PRId64),
                           coding->start, coding->end);
  gtk_label_set_text (self->range_label, range);
}

static void
show_memo (GlossInspector    *self,
           const GlossCoding *coding,
           gboolean           same_coding)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  g_autofree char *current = memo_text (self);
  const char *memo = coding->memo ? coding->memo : "";

  /* Keep what the user is typing. */
  if (same_coding && (self->memo_dirty || gtk_widget_has_focus (GTK_WIDGET (self->memo_view))))
    return;
  if (g_strcmp0 (current, memo) == 0)
    return;

  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, memo, -1);
  self->loading = FALSE;
}

static void
show_dates (GlossInspector    *self,
            const GlossCoding *coding)
{
  g_autofree char *created = gloss_inspector_format_time (coding->created);
  g_autofree char *modified = gloss_inspector_format_time (coding->modified);
  g_autofree char *text = NULL;

  if (coding->modified > coding->created)
    text = g_strdup_printf (_("Created %s\nModified %s"), created, modified);
  else
    text = g_strdup_printf (_("Created %s"), created);
  gtk_label_set_text (self->dates_label, text);
}

/* No coding selected: the document's memo, the chosen code's description
 * and memo, and the way to the project memo. */
static void
show_document_memo (GlossInspector *self)
{
  g_autoptr(GlossDocumentInfo) info = NULL;

  if (self->document_id > 0)
    info = gloss_project_get_document (self->project, self->document_id, NULL);
  if (info == NULL)
    {
      gloss_memo_editor_set_target (self->document_memo, NULL, NULL, 0);
      gloss_attribute_sheet_set_target (self->document_attributes, NULL, GLOSS_ATTRIBUTE_ON_DOCUMENT, 0);
      gtk_widget_set_visible (self->document_section, FALSE);
      return;
    }
  gtk_label_set_text (self->document_label, info->title);
  gloss_memo_editor_set_target (self->document_memo, self->project, "document", self->document_id);
  gloss_attribute_sheet_set_target (self->document_attributes, self->project, GLOSS_ATTRIBUTE_ON_DOCUMENT,
                                    self->document_id);
  gtk_widget_set_visible (self->document_section, TRUE);
}

static void
show_code_memo (GlossInspector *self)
{
  g_autoptr(GlossCode) code = NULL;
  g_autofree char *path = NULL;
  gboolean described;

  if (self->code_id > 0)
    code = gloss_project_get_code (self->project, self->code_id, NULL);
  if (code == NULL)
    {
      gloss_memo_editor_set_target (self->code_memo, NULL, NULL, 0);
      gtk_widget_set_visible (self->code_section, FALSE);
      return;
    }

  path = gloss_project_dup_code_path (self->project, code->id, NULL);
  self->code_color = (GdkRGBA) { 0.5, 0.5, 0.5, 1.0 };
  if (code->color != NULL)
    gdk_rgba_parse (&self->code_color, code->color);
  gtk_widget_queue_draw (GTK_WIDGET (self->code_swatch));
  gtk_label_set_text (self->selected_code_label, path ? path : code->name);

  described = code->description != NULL && *code->description != '\0';
  gtk_label_set_text (self->description_label, described ? code->description : _("No description"));
  if (described)
    gtk_widget_remove_css_class (GTK_WIDGET (self->description_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->description_label), "dim-label");

  gloss_memo_editor_set_target (self->code_memo, self->project, "code", code->id);
  gtk_widget_set_visible (self->code_section, TRUE);
}

static void
show_overview (GlossInspector *self)
{
  if (self->project == NULL)
    {
      gloss_memo_editor_set_target (self->document_memo, NULL, NULL, 0);
      gloss_memo_editor_set_target (self->code_memo, NULL, NULL, 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  show_document_memo (self);
  show_code_memo (self);
  gtk_stack_set_visible_child_name (self->stack, "overview");
}

void
gloss_inspector_set_context (GlossInspector *self,
                             gint64          document_id,
                             gint64          code_id)
{
  g_return_if_fail (GLOSS_IS_INSPECTOR (self));

  if (self->document_id == document_id && self->code_id == code_id)
    return;
  self->document_id = document_id;
  self->code_id = code_id;
  if (self->coding_id <= 0)
    show_overview (self);
}

GlossMemoEditor *
gloss_inspector_get_memo_editor (GlossInspector *self,
                                 const char     *kind)
{
  g_return_val_if_fail (GLOSS_IS_INSPECTOR (self), NULL);

  if (g_strcmp0 (kind, "document") == 0)
    return self->document_memo;
  if (g_strcmp0 (kind, "code") == 0)
    return self->code_memo;
  return NULL;
}

GtkWidget *
gloss_inspector_get_attribute_sheet (GlossInspector *self)
{
  g_return_val_if_fail (GLOSS_IS_INSPECTOR (self), NULL);

  return GTK_WIDGET (self->document_attributes);
}

void
gloss_inspector_show_coding (GlossInspector *self,
                             GlossProject   *project,
                             gint64          coding_id)
{
  g_autoptr(GlossCoding) coding = NULL;
  gboolean same_coding;

  g_return_if_fail (GLOSS_IS_INSPECTOR (self));

  same_coding = project == self->project && coding_id == self->coding_id;
  if (!same_coding)
    gloss_inspector_flush_memo (self);

  g_set_object (&self->project, project);
  self->coding_id = coding_id;

  if (project != NULL && coding_id > 0)
    coding = gloss_project_get_coding (project, coding_id, NULL);

  if (coding == NULL)
    {
      self->coding_id = 0;
      self->memo_dirty = FALSE;
      show_overview (self);
      return;
    }

  show_code (self, coding);
  show_coder (self, coding);
  show_quote (self, coding);
  show_memo (self, coding, same_coding);
  show_dates (self, coding);
  gtk_widget_set_sensitive (GTK_WIDGET (self->memo_view), !gloss_project_get_read_only (project));
  gtk_stack_set_visible_child_name (self->stack, "coding");
}

void
gloss_inspector_set_model (GlossInspector     *self,
                           GlossCodebookModel *model)
{
  g_return_if_fail (GLOSS_IS_INSPECTOR (self));

  if (g_set_object (&self->model, model))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GlossCodebookModel *
gloss_inspector_get_model (GlossInspector *self)
{
  g_return_val_if_fail (GLOSS_IS_INSPECTOR (self), NULL);

  return self->model;
}

static void
on_code_chosen (GlossInspector   *self,
                gint64            code_id,
                GlossCodePopover *popover)
{
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.change-coding-code", "x", code_id);
}

static void
on_code_create (GlossInspector   *self,
                const char       *name,
                GlossCodePopover *popover)
{
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.change-coding-new-code", "s", name);
}

static void
gloss_inspector_dispose (GObject *object)
{
  GlossInspector *self = GLOSS_INSPECTOR (object);

  gloss_inspector_flush_memo (self);
  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_INSPECTOR);
  g_clear_object (&self->project);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (gloss_inspector_parent_class)->dispose (object);
}

static void
gloss_inspector_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlossInspector *self = GLOSS_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_inspector_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GlossInspector *self = GLOSS_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      gloss_inspector_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_inspector_class_init (GlossInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_inspector_dispose;
  object_class->get_property = gloss_inspector_get_property;
  object_class->set_property = gloss_inspector_set_property;

  /* The codes the "change code" popover offers. */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GLOSS_TYPE_CODEBOOK_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSS_TYPE_MEMO_EDITOR);
  g_type_ensure (GLOSS_TYPE_ATTRIBUTE_SHEET);
  g_type_ensure (GLOSS_TYPE_CODE_POPOVER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, swatch);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, code_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, change_code_button);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, coder_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, quote_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, range_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, memo_view);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, dates_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, document_section);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, document_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, document_memo);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, document_attributes);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, code_section);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, code_swatch);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, selected_code_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, description_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, code_memo);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, code_popover);
  gtk_widget_class_bind_template_callback (widget_class, on_code_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_code_create);
}

static void
gloss_inspector_init (GlossInspector *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1.0 };
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, &self->color, NULL);
  self->code_color = self->color;
  gtk_drawing_area_set_draw_func (self->code_swatch, draw_swatch, &self->code_color, NULL);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->memo_view), "changed",
                            G_CALLBACK (on_memo_changed), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_memo_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->memo_view), focus);
}
