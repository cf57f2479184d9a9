/* gloss-project-notes.h: free notes, about the project and nothing in it
 *
 * A REFI-QDA <Note> that no source, selection or code refers to is kept
 * as a note of its own: its GUID, name, text, author and dates, and
 * written back so. Memos on a code, coder, document or coding are memos.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *guid;
  char   *name;
  char   *text;
  char   *author_guid;  /* the coder who wrote it, or NULL */
  char   *author_name;  /* as the coder was called then, or NULL */
  gint64  created;      /* µs since the epoch, 0 if not known */
  gint64  modified;
} GlossNote;

void       gloss_note_free          (GlossNote     *note);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossNote, gloss_note_free)

/* In the order they were made. */
GPtrArray *gloss_project_list_notes  (GlossProject  *self,
                                      GError       **error);
/* A note by @coder_id (0: nobody); one undoable step. */
gint64     gloss_project_add_note    (GlossProject  *self,
                                      const char    *name,
                                      const char    *text,
                                      gint64         coder_id,
                                      GError       **error);
gboolean   gloss_project_delete_note (GlossProject  *self,
                                      gint64         note_id,
                                      GError       **error);

G_END_DECLS
