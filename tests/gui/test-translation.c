/* test-translation.c: the real window on the sample project in the language
 * of LANGUAGE: its labels and tooltips come from the translation, none is
 * left in English, the layout runs right to left for Arabic, and a
 * screenshot of it is written to the log folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-document-view.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

typedef struct
{
  GPtrArray *untranslated;   /* English strings the catalog translates */
  gboolean   found_menu_tooltip;
  guint      n_texts;
} Walk;

/* A text shown in the window that is a msgid with a translation means a
 * string was not run through gettext (or not in the catalog's domain). */
static void
check_text (Walk       *walk,
            GtkWidget  *widget,
            const char *text)
{
  const char *translated;

  if (text == NULL || *text == '\0')
    return;
  walk->n_texts++;
  translated = g_dgettext (GETTEXT_PACKAGE, text);
  if (translated != text && strcmp (translated, text) != 0)
    g_ptr_array_add (walk->untranslated,
                     g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget), text));
}

static void
walk_widget (Walk      *walk,
             GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (g_strcmp0 (tooltip, _("Main Menu")) == 0 && GTK_IS_MENU_BUTTON (widget))
    walk->found_menu_tooltip = TRUE;
  check_text (walk, widget, tooltip);
  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_label (GTK_LABEL (widget));

      check_text (walk, widget, label);
      /* Counts put together at run time ("2 pages · 7 codings"); no
       * translation of "coding" contains the English word */
      if (strstr (label, " · ") != NULL && strstr (label, "coding") != NULL)
        g_ptr_array_add (walk->untranslated,
                         g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget), label));
    }
  if (ADW_IS_STATUS_PAGE (widget))
    {
      check_text (walk, widget, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      check_text (walk, widget, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  if (ADW_IS_WINDOW_TITLE (widget))
    check_text (walk, widget, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
  if (GTK_IS_EDITABLE (widget) && GTK_IS_ENTRY (widget))
    check_text (walk, widget, gtk_entry_get_placeholder_text (GTK_ENTRY (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child);
}

static void
on_first_page_shown (gboolean *shown)
{
  *shown = TRUE;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *language)
{
  const char *log_dir = g_getenv ("GLOSS_TEST_LOG_DIR");
  g_autoptr(GdkTexture) texture = render_window (window);
  g_autofree char *name = g_strdup_printf ("screenshot-%s.png", language);
  g_autofree char *path = NULL;

  g_assert_nonnull (log_dir);
  g_assert_cmpint (g_mkdir_with_parents (log_dir, 0755), ==, 0);
  path = g_build_filename (log_dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_window_translated (void)
{
  const char *language = g_getenv ("LANGUAGE");
  gboolean rtl = g_str_has_prefix (language, "ar");
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *sample_name = NULL;
  g_autoptr(GPtrArray) untranslated = g_ptr_array_new_with_free_func (g_free);
  Walk walk = { untranslated, FALSE, 0 };
  gboolean shown = FALSE;
  GlossWindow *window;
  gint64 deadline;

  /* The catalog is the one built for this language, not a stale install. */
  g_assert_cmpstr (_("Main Menu"), !=, "Main Menu");

  sample = gloss_application_install_sample (&error);
  g_assert_no_error (error);
  /* The copy of the sample project is named in the user's language. */
  sample_name = g_path_get_basename (sample);
  g_assert_true (g_str_has_prefix (sample_name, _("Sample project")));
  g_assert_false (g_str_has_prefix (sample_name, "Sample project"));

  window = gloss_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  g_signal_connect_swapped (gloss_window_get_document_view (window), "first-page-shown",
                            G_CALLBACK (on_first_page_shown), &shown);
  g_assert_true (gloss_window_open_project (window, sample, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));

  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!shown && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (shown);
  spin (500);

  /* Right to left for Arabic, left to right for the others, the window and
   * what is inside it alike. */
  g_assert_cmpint (gtk_widget_get_default_direction (), ==,
                   rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==,
                   rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (gloss_window_get_document_view (window))),
                   ==, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

  walk_widget (&walk, GTK_WIDGET (window));
  g_assert_true (walk.found_menu_tooltip);
  g_assert_cmpuint (walk.n_texts, >, 10);
  for (guint i = 0; i < untranslated->len; i++)
    g_test_message ("shown in English: %s", (const char *) untranslated->pdata[i]);
  g_assert_cmpuint (untranslated->len, ==, 0);

  save_screenshot (GTK_WIDGET (window), language);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("GLOSS_LOCALEDIR");

  /* As main() does, with the catalogs of the build tree */
  setlocale (LC_ALL, "");
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/translation/window", test_window_translated);

  return g_test_run ();
}
