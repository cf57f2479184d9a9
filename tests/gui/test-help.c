/* test-help.c: F1 opens the user guide: the app.help action with its
 * accelerator, its item in the main menu and in the shortcuts window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }
  return FALSE;
}

static GtkMenuButton *
find_main_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), _("Main Menu")) == 0)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_main_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_help_action (void)
{
  g_autoptr(GlossApplication) app = gloss_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBuilder) builder = NULL;
  g_auto(GStrv) accels = NULL;
  g_autoptr(GSList) objects = NULL;
  GtkMenuButton *menu_button;
  GlossWindow *window;
  gboolean in_shortcuts = FALSE;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* The action, on F1 */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));

  /* A Help item in the main menu */
  window = gloss_window_new (GTK_APPLICATION (app));
  menu_button = find_main_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button), "app.help"));

  /* F1 in the shortcuts window */
  builder = gtk_builder_new_from_resource ("/io/github/glossqda/Gloss/gloss-shortcuts-window.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        if (g_strcmp0 (accelerator, "F1") == 0)
          in_shortcuts = TRUE;
      }
  g_assert_true (in_shortcuts);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/help/action", test_help_action);

  return g_test_run ();
}
