/* gloss-window-cases.c: the window's attribute, set, query and crosstab
 * commands, each opening a window of its own over the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-document-table.h"
#include "gloss-window-private.h"

static void
set_enabled (GlossWindow *self,
             const char  *name,
             gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_gloss_window_update_cases_actions (GlossWindow *self)
{
  set_enabled (self, "document-table", self->project != NULL);
}

static void
document_table_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GlossWindow *self = user_data;
  GlossDocumentTable *table;

  if (self->project == NULL)
    return;

  table = gloss_document_table_new (GTK_WINDOW (self), self->project);
  gtk_window_present (GTK_WINDOW (table));
}

static const GActionEntry cases_entries[] = {
  { "document-table", document_table_action },
};

void
_gloss_window_add_cases_actions (GlossWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), cases_entries,
                                   G_N_ELEMENTS (cases_entries), self);
}
