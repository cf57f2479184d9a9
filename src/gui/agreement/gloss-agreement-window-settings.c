/* gloss-agreement-window-settings.c: the agreement options, remembered per project
 *
 * The options of the last computation are kept in GSettings under the
 * project's path, by GUID, so that the window opens as the lead left it.
 * Documents and codes are remembered by what was left out, so that new
 * ones are compared by default.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-agreement-window-private.h"

#define KEY      "agreement-settings"
#define GUID_KEY "gloss-guid"

static const char *
check_guid (GtkWidget *check)
{
  return g_object_get_data (G_OBJECT (check), GUID_KEY);
}

/* The GUIDs of the checks that are (@active) or are not checked. */
static GVariant *
guids (GPtrArray *checks,
       gboolean   active)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) == active && check_guid (check) != NULL)
        g_variant_builder_add (&builder, "s", check_guid (check));
    }
  return g_variant_builder_end (&builder);
}

static const char *
group_guid (GlossAgreementWindow        *self,
            const GlossAgreementOptions *options)
{
  for (guint i = 0; i < self->code_checks->len; i++)
    if (_gloss_agreement_window_check_id (g_ptr_array_index (self->code_checks, i)) == options->group_id)
      return check_guid (g_ptr_array_index (self->code_checks, i));
  return "";
}

void
_gloss_agreement_window_save_settings (GlossAgreementWindow        *self,
                                       const GlossAgreementOptions *options)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, KEY);
  const char *path = gloss_project_get_path (self->project);
  GVariantBuilder all, one;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_builder_init (&one, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&one, "{sv}", "unit", g_variant_new_string (gloss_agreement_unit_to_string (options->unit)));
  g_variant_builder_add (&one, "{sv}", "group", g_variant_new_string (group_guid (self, options)));
  g_variant_builder_add (&one, "{sv}", "coded-only", g_variant_new_boolean (options->coded_only));
  g_variant_builder_add (&one, "{sv}", "threshold", g_variant_new_double (options->threshold));
  g_variant_builder_add (&one, "{sv}", "coders", guids (self->coder_checks, TRUE));
  g_variant_builder_add (&one, "{sv}", "documents-left-out", guids (self->document_checks, FALSE));
  g_variant_builder_add (&one, "{sv}", "codes-left-out", guids (self->code_checks, FALSE));

  g_variant_builder_init (&all, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_strcmp0 (key, path) != 0)
        g_variant_builder_add (&all, "{sv}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&all, "{sv}", path, g_variant_builder_end (&one));
  g_settings_set_value (self->settings, KEY, g_variant_builder_end (&all));
}

/* Checks the rows whose GUID is (@listed) or is not in @list. */
static void
restore_checks (GPtrArray  *checks,
                GVariant   *list,
                gboolean    listed)
{
  g_autofree const char **strv = NULL;

  if (list == NULL)
    return;
  strv = g_variant_get_strv (list, NULL);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (checks, i);
      gboolean in = check_guid (check) != NULL && g_strv_contains (strv, check_guid (check));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), in == listed);
    }
}

static void
restore_group (GlossAgreementWindow *self,
               const char           *guid)
{
  for (guint i = 0; guid != NULL && *guid != '\0' && i < self->code_checks->len; i++)
    if (g_strcmp0 (check_guid (g_ptr_array_index (self->code_checks, i)), guid) == 0)
      gloss_agreement_window_set_group (self, _gloss_agreement_window_check_id (g_ptr_array_index (self->code_checks, i)));
}

gboolean
_gloss_agreement_window_restore_settings (GlossAgreementWindow *self)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, KEY);
  g_autoptr(GVariant) one = NULL;
  g_autoptr(GVariant) coders = NULL, documents = NULL, codes = NULL;
  GVariantDict dict;
  const char *unit_name = NULL, *group = NULL;
  GlossAgreementUnit unit;
  gboolean coded_only;
  double threshold;

  one = g_variant_lookup_value (all, gloss_project_get_path (self->project), G_VARIANT_TYPE_VARDICT);
  if (one == NULL)
    return FALSE;
  g_variant_dict_init (&dict, one);
  if (g_variant_dict_lookup (&dict, "unit", "&s", &unit_name) && gloss_agreement_unit_from_string (unit_name, &unit))
    gloss_agreement_window_set_unit (self, unit);
  if (g_variant_dict_lookup (&dict, "coded-only", "b", &coded_only))
    gtk_switch_set_active (self->coded_only_switch, coded_only);
  if (g_variant_dict_lookup (&dict, "threshold", "d", &threshold))
    gtk_spin_button_set_value (self->threshold_spin, threshold);
  documents = g_variant_dict_lookup_value (&dict, "documents-left-out", G_VARIANT_TYPE_STRING_ARRAY);
  restore_checks (self->document_checks, documents, FALSE);
  codes = g_variant_dict_lookup_value (&dict, "codes-left-out", G_VARIANT_TYPE_STRING_ARRAY);
  restore_checks (self->code_checks, codes, FALSE);
  coders = g_variant_dict_lookup_value (&dict, "coders", G_VARIANT_TYPE_STRING_ARRAY);
  restore_checks (self->coder_checks, coders, TRUE);
  if (g_variant_dict_lookup (&dict, "group", "&s", &group))
    restore_group (self, group);
  g_variant_dict_clear (&dict);
  return TRUE;
}
