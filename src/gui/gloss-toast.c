/* gloss-toast.c: the one way a message is shown as a toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-toast.h"

AdwToast *
gloss_toast_add (AdwToastOverlay *overlay,
                 const char      *message,
                 guint            timeout,
                 const char      *button_label,
                 const char      *action_name,
                 GVariant        *target)
{
  AdwToast *toast;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, timeout);
  if (action_name != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
      if (target != NULL)
        adw_toast_set_action_target_value (toast, target);
    }
  else if (target != NULL)
    g_variant_unref (g_variant_ref_sink (target));
  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}

AdwToast *
gloss_toast_add_undo (AdwToastOverlay *overlay,
                      const char      *message)
{
  return gloss_toast_add (overlay, message, GLOSS_TOAST_TIMEOUT, _("_Undo"), "win.undo", NULL);
}

AdwToastOverlay *
gloss_toast_overlay_for (GtkWidget *widget)
{
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    return ADW_TOAST_OVERLAY (overlay);

  root = gtk_widget_get_root (widget);
  if (ADW_IS_APPLICATION_WINDOW (root))
    overlay = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));
  else if (ADW_IS_WINDOW (root))
    overlay = adw_window_get_content (ADW_WINDOW (root));
  return ADW_IS_TOAST_OVERLAY (overlay) ? ADW_TOAST_OVERLAY (overlay) : NULL;
}

void
gloss_toast_show (GtkWidget  *widget,
                  const char *message,
                  gboolean    undo)
{
  AdwToastOverlay *overlay = gloss_toast_overlay_for (widget);

  if (overlay == NULL)
    g_message ("%s", message);
  else if (undo)
    gloss_toast_add_undo (overlay, message);
  else
    gloss_toast_add (overlay, message, GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
}
