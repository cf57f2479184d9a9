/* gloss-preferences-window.c: render cache size and default zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-preferences-window.h"

struct _GlossPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  AdwComboRow          *zoom_row;
  GtkStringList        *zoom_list;
  GtkSpinButton        *cache_spin;
};

G_DEFINE_FINAL_TYPE (GlossPreferencesWindow, gloss_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The choices of the default zoom row: a mode, and a level for "free". */
static const struct {
  const char *label;
  const char *mode;
  double      level;
} zoom_choices[] = {
  { N_("Fit Width"), "fit-width", 1.0 },
  { N_("Fit Page"), "fit-page", 1.0 },
  { "50%", "free", 0.5 },
  { "75%", "free", 0.75 },
  { "100%", "free", 1.0 },
  { "125%", "free", 1.25 },
  { "150%", "free", 1.5 },
  { "200%", "free", 2.0 },
};

static guint
zoom_choice_from_settings (GSettings *settings)
{
  g_autofree char *mode = g_settings_get_string (settings, "default-zoom-mode");
  double level = g_settings_get_double (settings, "default-zoom-level");

  for (guint i = 0; i < G_N_ELEMENTS (zoom_choices); i++)
    {
      if (g_strcmp0 (zoom_choices[i].mode, mode) != 0)
        continue;
      if (g_strcmp0 (mode, "free") != 0 || G_APPROX_VALUE (zoom_choices[i].level, level, 0.001))
        return i;
    }

  return 0;
}

static void
on_zoom_selected (GlossPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->zoom_row);

  if (i >= G_N_ELEMENTS (zoom_choices))
    return;

  g_settings_set_string (self->settings, "default-zoom-mode", zoom_choices[i].mode);
  g_settings_set_double (self->settings, "default-zoom-level", zoom_choices[i].level);
}

/* The cache size key is a uint, the spin button's value a double. */
static gboolean
get_cache_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
set_cache_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) g_value_get_double (value));
}

GtkWidget *
gloss_preferences_window_new (GSettings *settings)
{
  GlossPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GLOSS_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "render-cache-size",
                                gtk_spin_button_get_adjustment (self->cache_spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                get_cache_mapping, set_cache_mapping, NULL, NULL);

  adw_combo_row_set_selected (self->zoom_row, zoom_choice_from_settings (settings));
  g_signal_connect_swapped (self->zoom_row, "notify::selected",
                            G_CALLBACK (on_zoom_selected), self);

  return GTK_WIDGET (self);
}

static void
gloss_preferences_window_dispose (GObject *object)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_preferences_window_parent_class)->dispose (object);
}

static void
gloss_preferences_window_class_init (GlossPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, zoom_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, zoom_list);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, cache_spin);
}

static void
gloss_preferences_window_init (GlossPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (zoom_choices); i++)
    gtk_string_list_append (self->zoom_list, g_dgettext (GETTEXT_PACKAGE, zoom_choices[i].label));
}
