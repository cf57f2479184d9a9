/* gloss-consensus.h: settling a disagreement into the consensus coder
 *
 * The consensus coder holds what the lead settled on. It is marked in the
 * project file (by GUID), never found by its name, and made on first use.
 * A passage is a stretch [start, end) of one document and the codes that
 * count there (one code, or a group's children). Settling it replaces the
 * consensus coder's codings of those codes over the passage, in one step
 * the lead can undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_CONSENSUS_COLOR "#77767b"

typedef struct
{
  gint64        document_id;
  gint64        start;
  gint64        end;
  const gint64 *code_ids;
  guint         n_code_ids;
} GlossConsensusPassage;

/* The consensus coder, made (and marked) when there is none yet; 0 on error. */
gint64     gloss_consensus_ensure_coder (GlossProject                *project,
                                         GError                     **error);

/* @coder_id's codings of the passage's codes overlapping it, in text order. */
GPtrArray *gloss_consensus_list_codings (GlossProject                *project,
                                         const GlossConsensusPassage *passage,
                                         gint64                       coder_id,
                                         GError                     **error);

/* "Accept this coder's version": the consensus over the passage becomes a
 * copy of @coder_id's codings there. */
gboolean   gloss_consensus_accept       (GlossProject                *project,
                                         const GlossConsensusPassage *passage,
                                         gint64                       coder_id,
                                         GError                     **error);

/* "Edit the consensus": the consensus over the passage (widened to
 * [@start, @end)) becomes one coding of @code_id, one of the passage's
 * codes, over [@start, @end). */
gboolean   gloss_consensus_edit         (GlossProject                *project,
                                         const GlossConsensusPassage *passage,
                                         gint64                       code_id,
                                         gint64                       start,
                                         gint64                       end,
                                         GError                     **error);

/* The undo labels of the two steps. */
char      *gloss_consensus_accept_label (const char                  *coder_name);
const char *gloss_consensus_edit_label  (void);

G_END_DECLS
