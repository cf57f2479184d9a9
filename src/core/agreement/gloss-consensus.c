/* gloss-consensus.c: settling a disagreement into the consensus coder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-consensus.h"
#include "gloss-error.h"

static gboolean
counts (const GlossConsensusPassage *passage,
        gint64                       code_id)
{
  for (guint i = 0; i < passage->n_code_ids; i++)
    if (passage->code_ids[i] == code_id)
      return TRUE;
  return FALSE;
}

GPtrArray *
gloss_consensus_list_codings (GlossProject                *project,
                              const GlossConsensusPassage *passage,
                              gint64                       coder_id,
                              GError                     **error)
{
  GlossCodingFilter filter = { .document_id = passage->document_id, .coder_id = coder_id };
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *codings;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  if ((all = gloss_project_list_codings (project, &filter, error)) == NULL)
    return NULL;
  codings = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coding_free);
  for (guint i = 0; i < all->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (all, i);

      if (counts (passage, coding->code_id) && coding->start < passage->end && coding->end > passage->start)
        g_ptr_array_add (codings, gloss_coding_copy (coding));
    }
  return codings;
}

/* "Consensus", or "Consensus 2", … when a coder already has that name:
 * the name only labels the coder, the mark in the file identifies it. */
static gint64
add_consensus_coder (GlossProject  *project,
                     GError       **error)
{
  for (guint n = 1; n < 100; n++)
    {
      /* Translators: the name of the coder that holds the settled codings */
      g_autofree char *name = n == 1 ? g_strdup (_("Consensus")) : g_strdup_printf (_("Consensus %u"), n);

      if (gloss_project_find_coder (project, name, NULL) == 0)
        return gloss_project_add_coder (project, name, GLOSS_CONSENSUS_COLOR, error);
    }
  g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("No free name for the consensus coder"));
  return 0;
}

gint64
gloss_consensus_ensure_coder (GlossProject  *project,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), 0);

  id = gloss_project_get_consensus_coder (project, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (id > 0)
    return id;
  if (!gloss_project_begin_step (project, _("Add the consensus coder"), error))
    return 0;
  if ((id = add_consensus_coder (project, error)) == 0 ||
      !gloss_project_set_consensus_coder (project, id, error) ||
      !gloss_project_end_step (project, error))
    {
      gloss_project_abort_step (project);
      return 0;
    }
  return id;
}

/* Deletes the consensus coder's codings of the passage's codes over it. */
static gboolean
clear_consensus (GlossProject                *project,
                 const GlossConsensusPassage *passage,
                 gint64                       consensus_id,
                 GError                     **error)
{
  g_autoptr(GPtrArray) codings = gloss_consensus_list_codings (project, passage, consensus_id, error);

  if (codings == NULL)
    return FALSE;
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (codings, i);

      if (!gloss_project_delete_coding (project, coding->id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
copy_codings (GlossProject  *project,
              gint64         consensus_id,
              GPtrArray     *codings,
              GError       **error)
{
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (codings, i);

      if (gloss_project_add_coding (project, coding->document_id, consensus_id, coding->code_id,
                                    coding->start, coding->end, coding->memo, error) == 0)
        return FALSE;
    }
  return TRUE;
}

char *
gloss_consensus_accept_label (const char *coder_name)
{
  /* Translators: an undo step; %s is a coder's name */
  return g_strdup_printf (_("Accept %s’s version"), coder_name);
}

const char *
gloss_consensus_edit_label (void)
{
  return _("Edit consensus coding");
}

gboolean
gloss_consensus_accept (GlossProject                *project,
                        const GlossConsensusPassage *passage,
                        gint64                       coder_id,
                        GError                     **error)
{
  g_autoptr(GlossCoder) coder = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *label = NULL;
  gint64 consensus_id;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (passage != NULL, FALSE);

  if ((coder = gloss_project_get_coder (project, coder_id, error)) == NULL ||
      (codings = gloss_consensus_list_codings (project, passage, coder_id, error)) == NULL)
    return FALSE;
  label = gloss_consensus_accept_label (coder->name);
  if (!gloss_project_begin_step (project, label, error))
    return FALSE;
  if ((consensus_id = gloss_consensus_ensure_coder (project, error)) == 0 ||
      !clear_consensus (project, passage, consensus_id, error) ||
      !copy_codings (project, consensus_id, codings, error) ||
      !gloss_project_end_step (project, error))
    {
      gloss_project_abort_step (project);
      return FALSE;
    }
  return TRUE;
}

gboolean
gloss_consensus_edit (GlossProject                *project,
                      const GlossConsensusPassage *passage,
                      gint64                       code_id,
                      gint64                       start,
                      gint64                       end,
                      GError                     **error)
{
  GlossConsensusPassage widened;
  gint64 consensus_id;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (passage != NULL, FALSE);

  if (end <= start)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                           _("The consensus coding must end after it starts"));
      return FALSE;
    }
  if (!counts (passage, code_id))
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Choose a code for the consensus coding"));
      return FALSE;
    }

  widened = *passage;
  widened.start = MIN (start, passage->start);
  widened.end = MAX (end, passage->end);
  if (!gloss_project_begin_step (project, gloss_consensus_edit_label (), error))
    return FALSE;
  if ((consensus_id = gloss_consensus_ensure_coder (project, error)) == 0 ||
      !clear_consensus (project, &widened, consensus_id, error) ||
      gloss_project_add_coding (project, passage->document_id, consensus_id, code_id, start, end, NULL, error) == 0 ||
      !gloss_project_end_step (project, error))
    {
      gloss_project_abort_step (project);
      return FALSE;
    }
  return TRUE;
}
