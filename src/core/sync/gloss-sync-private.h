/* gloss-sync-private.h: what the sync files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "gloss-project-private.h"
#include "gloss-sync.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

/* The server connection (gloss-pg.c) */

/* Refuses a connection string that holds a password. */
gboolean  _gloss_pg_check_uri (const char  *uri,
                               GError     **error);
/* Connects; GLOSS_ERROR_OFFLINE or GLOSS_ERROR_DENIED in one sentence. */
PGconn   *_gloss_pg_connect   (const char  *uri,
                               GError     **error);
gboolean  _gloss_pg_exec      (PGconn      *conn,
                               const char  *sql,
                               GError     **error);
/* Runs @sql with text parameters (NULL: SQL NULL); a result with rows, or
 * NULL with @error set. */
PGresult *_gloss_pg_query     (PGconn             *conn,
                               const char         *sql,
                               int                 n_params,
                               const char * const *params,
                               GError            **error);
void      _gloss_pg_set_error (PGconn      *conn,
                               const PGresult *result,
                               GError     **error);
/* The connection's identifier quoting, as a string to free. */
char     *_gloss_pg_quote_ident (PGconn     *conn,
                                 const char *name);

/* Server schema (gloss-server-schema.c) */
int       _gloss_server_schema_version_known (void);
gboolean  _gloss_server_migrate      (PGconn      *conn,
                                      int          from_version,
                                      GError     **error);
gboolean  _gloss_server_grant_coder  (PGconn      *conn,
                                      const char  *quoted_role,
                                      gboolean     grant,
                                      GError     **error);
/* Checks that the database holds a project of a schema this Gloss knows,
 * and that it is @project_guid (when not NULL); @version (may be NULL)
 * gets the server's schema version. */
gboolean  _gloss_server_check        (PGconn      *conn,
                                      const char  *project_guid,
                                      int         *version,
                                      GError     **error);
/* As the lead: takes the server's schema to the version this Gloss knows
 * (nothing when it is there); @version is updated. */
gboolean  _gloss_server_upgrade      (PGconn      *conn,
                                      int         *version,
                                      GError     **error);

/* The local state (gloss-sync-state.c) */
typedef struct
{
  char          *uri;
  char          *coder_guid;   /* NULL for the lead */
  gboolean       is_lead;
  gint64         cursor;
  GlossTeamPhase phase;
  int            server_version;  /* the server's schema, once connected */
} GlossSyncState;

void            _gloss_sync_state_free (GlossSyncState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSyncState, _gloss_sync_state_free)

/* NULL with an error when the project has no server. */
GlossSyncState *_gloss_sync_state_read  (GlossProject  *project,
                                         GError       **error);
gboolean        _gloss_sync_state_write (GlossProject  *project,
                                         const GlossSyncState *state,
                                         GError       **error);

/* The tables a sync carries, in the order they are pushed and pulled. */
typedef enum
{
  GLOSS_SYNC_PROJECT,
  GLOSS_SYNC_CODER,
  GLOSS_SYNC_CODE,
  GLOSS_SYNC_DOCUMENT,
  GLOSS_SYNC_CODING,
  GLOSS_SYNC_MEMO,
  GLOSS_SYNC_NOTE,
  GLOSS_SYNC_ATTRIBUTE,
  GLOSS_SYNC_CASE,
  GLOSS_SYNC_CASE_MEMBER,
  GLOSS_SYNC_ATTRIBUTE_VALUE,
  GLOSS_SYNC_SET,
  GLOSS_SYNC_SET_MEMBER,
  GLOSS_SYNC_N_TABLES,
} GlossSyncTable;

/* The table's name, in the file, on the server and in sync_row.tbl. */
const char *_gloss_sync_table_name (GlossSyncTable table);
/* The server schema version from which the server has the table. */
int         _gloss_sync_table_since (GlossSyncTable table);
/* Deletes here the row of @table named @guid (its own or the one made of
 * the GUIDs it joins); FALSE only on a failure to write. */
gboolean    _gloss_sync_delete_local (GlossProject   *project,
                                      GlossSyncTable  table,
                                      const char     *guid,
                                      GError        **error);

/* A row changed here since the last sync: its state now (NULL: deleted). */
typedef struct
{
  GlossSyncTable table;
  char          *guid;
  char          *state;
} GlossSyncChange;

void _gloss_sync_change_free (GlossSyncChange *change);

/* Every row of @table whose state differs from what was last synced, in
 * push order (a code's parents first); deletions last. */
GPtrArray  *_gloss_sync_list_changes   (GlossProject   *project,
                                        GlossSyncTable  table,
                                        GError        **error);
/* Sets what was last synced of a row (@state NULL: forgets it). */
gboolean    _gloss_sync_remember       (GlossProject   *project,
                                        GlossSyncTable  table,
                                        const char     *guid,
                                        const char     *state,
                                        GError        **error);
/* The row's state as it is here now (NULL if it is not here). */
char       *_gloss_sync_local_state    (GlossProject   *project,
                                        GlossSyncTable  table,
                                        const char     *guid);
/* (table, guid) keys "coding:GUID" of every row changed here. */
GHashTable *_gloss_sync_changed_keys   (GlossProject   *project,
                                        GError        **error);
char       *_gloss_sync_key            (GlossSyncTable  table,
                                        const char     *guid);

/* The count of changes waiting (see gloss-sync-state.c): the triggers of
 * this connection that note what each change touches; sync_waiting set to
 * @changes (NULL: listed anew), and whether it is so already. */
gboolean    _gloss_sync_install_counting (GlossProject  *project,
                                          GError       **error);
gboolean    _gloss_sync_set_waiting    (GlossProject   *project,
                                        GPtrArray      *changes,
                                        GError        **error);
gboolean    _gloss_sync_waiting_is     (GlossProject   *project,
                                        GPtrArray      *changes);

/* Push and pull (gloss-sync-push.c, gloss-sync-pull.c) */
gboolean _gloss_sync_push (GlossProject    *project,
                           PGconn          *conn,
                           GlossSyncState  *state,
                           GlossSyncReport *report,
                           GError         **error);
gboolean _gloss_sync_pull (GlossProject    *project,
                           PGconn          *conn,
                           GlossSyncState  *state,
                           GlossSyncReport *report,
                           GError         **error);

GlossSyncReport *_gloss_sync_report_new (void);
void _gloss_sync_note (GPtrArray  *items,
                       const char *kind,
                       const char *guid,
                       const char *label,
                       const char *reason);

G_END_DECLS
