/* gloss-merge-notes.c: merging the free notes of a coder's copy
 *
 * Notes are matched by GUID (in any case). A note the lead lacks is added
 * as it is; one whose name or text differs is a conflict, the lead's kept
 * unless their version is asked for. Deletions are not carried over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-exchange-private.h"
#include "gloss-project-notes.h"

static void
add_item (GPtrArray  *list,
          const char *guid,
          const char *label,
          const char *reason)
{
  GlossMergeItem *item = g_new0 (GlossMergeItem, 1);

  item->kind = g_strdup ("note");
  item->guid = g_strdup (guid);
  item->label = g_strdup (label);
  item->reason = g_strdup (reason);
  g_ptr_array_add (list, item);
}

/* The lead's note of @guid: its id, name and text; 0 if there is none. */
static gint64
lead_note (GlossProject  *lead,
           const char    *guid,
           char         **name,
           char         **text)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (lead, "SELECT id, name, text FROM note WHERE lower (guid) = lower (?1)",
                                               NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *name = _gloss_column_dup_text (stmt, 1);
      *text = _gloss_column_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);

  return id;
}

static gboolean
take_theirs (GlossProject     *lead,
             gint64            id,
             const GlossNote  *note,
             GError          **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (lead, "UPDATE note SET name = ?2, text = ?3, modified = ?4 WHERE id = ?1",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, note->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, note->text, -1, SQLITE_TRANSIENT);
  if (note->modified > 0)
    sqlite3_bind_int64 (stmt, 4, note->modified);
  if (!_gloss_project_run (lead, stmt, error))
    return FALSE;

  _gloss_project_note_change (lead, GLOSS_CHANGE_MEMOS);
  return TRUE;
}

static gboolean
merge_note (GlossProject       *lead,
            const GlossNote    *note,
            gboolean            theirs,
            GlossMergeSummary  *summary,
            GError            **error)
{
  g_autofree char *name = NULL, *text = NULL;
  gint64 id = lead_note (lead, note->guid, &name, &text);

  if (id == 0)
    {
      if (!_gloss_project_insert_note (lead, note->guid, note->name, note->text, note->author_guid,
                                       note->author_name, note->created, note->modified, error))
        return FALSE;
      add_item (summary->added, note->guid, note->name, NULL);
      return TRUE;
    }

  if (g_strcmp0 (name, note->name) == 0 && g_strcmp0 (text, note->text) == 0)
    {
      summary->n_unchanged++;
      return TRUE;
    }

  if (!theirs)
    {
      add_item (summary->conflicts, note->guid, note->name, _("the lead’s note differs; the lead’s kept"));
      return TRUE;
    }
  if (!take_theirs (lead, id, note, error))
    return FALSE;
  summary->n_updated++;
  add_item (summary->conflicts, note->guid, note->name, _("the lead’s note differs; their version taken"));

  return TRUE;
}

gboolean
_gloss_merge_notes (GlossProject       *lead,
                    GlossProject       *other,
                    gboolean            theirs,
                    GlossMergeSummary  *summary,
                    GError            **error)
{
  g_autoptr(GPtrArray) notes = gloss_project_list_notes (other, error);

  if (notes == NULL)
    return FALSE;
  for (guint i = 0; i < notes->len; i++)
    if (!merge_note (lead, g_ptr_array_index (notes, i), theirs, summary, error))
      return FALSE;

  return TRUE;
}
