/* gloss-sync.h: coding one project with a team on a PostgreSQL server
 *
 * A local project file can be published to a PostgreSQL database, or made
 * by joining one; it then remembers the server (a libpq connection string)
 * and syncs: it pushes the changes made here since the last sync and pulls
 * everyone else's from the server's change log, matching rows by GUID.
 * A change made here and on the server to the same row is a conflict:
 * reported, and the local version kept (it is pushed again next time).
 *
 * Passwords come from libpq's usual places (~/.pgpass, PGPASSWORD); a
 * connection string that holds one is refused, so that no password is
 * ever written into a project file. When the server cannot be reached or
 * refuses the login, the call fails with GLOSS_ERROR_OFFLINE or
 * GLOSS_ERROR_DENIED and the project is not changed.
 *
 * The server decides what a role may do (see gloss-server-schema.c): the
 * lead (the role that published) changes everything; a coder changes only
 * its own codings and memos, and in the blind phase sees no one else's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-project.h"
#include "gloss-project-exchange.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_TEAM_PHASE_BLIND,
  GLOSS_TEAM_PHASE_REVIEW,
} GlossTeamPhase;

typedef struct
{
  guint          n_pushed;   /* rows written to the server */
  guint          n_pulled;   /* rows brought here from the server */
  guint          n_deleted;  /* rows deleted here because they were on the server */
  GPtrArray     *conflicts;  /* GlossMergeItem: changed here and there; kept here */
  GPtrArray     *refused;    /* GlossMergeItem: changes here the server did not take */
  gint64         cursor;     /* the last change of the server's log seen */
  GlossTeamPhase phase;
  guint          n_texts;    /* documents whose text came anew (extracted again by the lead) */
  guint          n_moved;    /* codings and case passages moved to such a text */
} GlossSyncReport;

void gloss_sync_report_free (GlossSyncReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSyncReport, gloss_sync_report_free)

/* Puts @project on the server at @uri (whose database must not hold a
 * project yet) with the connecting role as its lead, and pushes all of it. */
GlossSyncReport *gloss_sync_publish (GlossProject  *project,
                                     const char    *uri,
                                     GError       **error);

/* Creates the project file @path (which must not exist) from the server at
 * @uri, for the coder @coder_name, whose role the connection must log in
 * as (or the lead's, with @coder_name NULL). */
GlossProject    *gloss_sync_join    (const char    *uri,
                                     const char    *path,
                                     const char    *coder_name,
                                     GError       **error);

/* Pushes what changed here, then pulls what changed on the server. */
GlossSyncReport *gloss_sync_run     (GlossProject  *project,
                                     GError       **error);

/* The same on a connection of its own (the file is opened again in a
 * thread), for the window. */
void             gloss_sync_run_async  (GlossProject        *project,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GlossSyncReport *gloss_sync_run_finish (GlossProject        *project,
                                        GAsyncResult        *result,
                                        GError             **error);

/* The server's address, or NULL if the project has none. */
char            *gloss_sync_dup_uri (GlossProject  *project);
/* How many rows changed here since the last sync (-1 on error). */
gint64           gloss_sync_count_waiting (GlossProject  *project,
                                           GError       **error);

/* The team (lead only, except the status) */

/* Adds the coder @coder_name here (if missing) and on the server, with a
 * login role @role (made from the name when NULL) that may code. The role
 * gets @password (may be NULL: none, for peer or certificate logins). */
gboolean gloss_team_add_coder    (GlossProject  *project,
                                  const char    *coder_name,
                                  const char    *role,
                                  const char    *password,
                                  GError       **error);
/* Takes the coder's role out of the project; the coder's codings stay. */
gboolean gloss_team_remove_coder (GlossProject  *project,
                                  const char    *coder_name,
                                  GError       **error);
gboolean gloss_team_set_phase    (GlossProject  *project,
                                  GlossTeamPhase phase,
                                  GError       **error);

typedef struct
{
  char    *role;
  char    *coder;      /* NULL for the lead */
  gboolean is_lead;
  gint64   n_codings;  /* those this role may see; -1 when hidden */
} GlossTeamMember;

typedef struct
{
  char          *uri;
  char          *role;       /* the role this file logs in as */
  gboolean       is_lead;
  GlossTeamPhase phase;
  gint64         cursor;     /* this file's */
  gint64         head;       /* the server's last change this role may see */
  gint64         n_waiting;  /* changes here not yet pushed */
  GPtrArray     *members;    /* GlossTeamMember */
} GlossTeamStatus;

void gloss_team_status_free (GlossTeamStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossTeamStatus, gloss_team_status_free)

GlossTeamStatus *gloss_team_get_status (GlossProject  *project,
                                        GError       **error);

const char      *gloss_team_phase_to_string   (GlossTeamPhase phase);
gboolean         gloss_team_phase_from_string (const char     *text,
                                               GlossTeamPhase *phase);

G_END_DECLS
