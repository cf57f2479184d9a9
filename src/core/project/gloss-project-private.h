/* gloss-project-private.h: what the project's topic files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "gloss-error.h"
#include "gloss-palette.h"
#include "gloss-project.h"

G_BEGIN_DECLS

/* The file's SQLite application_id: "GLSS". */
#define GLOSS_APPLICATION_ID 0x474C5353

struct _GlossProject
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  GHashTable  *statements;   /* SQL text -> sqlite3_stmt, prepared once */
  guint        step_depth;
  gboolean     step_failed;
  GlossChange  step_changes;
  gboolean     read_only;
  GlossTextUpgrade text_upgrade;  /* what opening the file re-extracted */
};

/* Statements: prepared once per connection, reset on each use. */
sqlite3_stmt *_gloss_project_prepare   (GlossProject  *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      _gloss_project_exec      (GlossProject  *self,
                                        const char    *sql,
                                        GError       **error);
/* Runs a prepared statement that returns no rows; resets it. */
gboolean      _gloss_project_run       (GlossProject  *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
/* Runs @sql (with @id bound to ?1 when it is not 0) and makes a record of
 * each row with @from_row: all of them, or the first one (NULL if none;
 * @error is set only when the query itself fails). */
typedef gpointer (*GlossRowFunc) (sqlite3_stmt *stmt);
GPtrArray    *_gloss_project_query_rows (GlossProject   *self,
                                         const char     *sql,
                                         gint64          id,
                                         GlossRowFunc    from_row,
                                         GDestroyNotify  free_func,
                                         GError        **error);
gpointer      _gloss_project_query_row  (GlossProject   *self,
                                         const char     *sql,
                                         gint64          id,
                                         GlossRowFunc    from_row,
                                         GError        **error);
/* Sets @error from the connection's last error. */
void          _gloss_project_set_error (GlossProject  *self,
                                        GError       **error,
                                        const char    *what);
gboolean      _gloss_set_sqlite_error  (sqlite3       *db,
                                        int            rc,
                                        GError       **error,
                                        const char    *what);
char         *_gloss_column_dup_text   (sqlite3_stmt  *stmt,
                                        int            column);
char         *_gloss_new_guid          (void);

/* GUIDs for the many rows of one load (RFC 9562, version 7): its time,
 * random bits, then a counter from a random start, so that the rows follow
 * each other in a GUID index instead of landing all over it. */
typedef struct
{
  guint64 high;
  guint32 random_low;
  guint32 counter;
} GlossGuidSequence;

#define GLOSS_GUID_LENGTH 36

void          _gloss_guid_sequence_init (GlossGuidSequence *sequence);
void          _gloss_guid_sequence_next (GlossGuidSequence *sequence,
                                         char               guid[GLOSS_GUID_LENGTH + 1]);
gboolean      _gloss_is_blank          (const char    *text);
gint64        _gloss_now               (void);

/* A note row as it is (GUID, author and dates kept): import and merge. */
gboolean      _gloss_project_insert_note (GlossProject *self,
                                          const char   *guid,
                                          const char   *name,
                                          const char   *text,
                                          const char   *author_guid,
                                          const char   *author_name,
                                          gint64        created,
                                          gint64        modified,
                                          GError      **error);

/* Steps: one transaction each, recorded for undo. */
void          _gloss_project_note_change (GlossProject *self,
                                          GlossChange   change);
gboolean      _gloss_project_check_writable (GlossProject *self,
                                             GError      **error);

/* Changing one row (gloss-project-change.c) */
char         *_gloss_clean_name        (const char    *name,
                                        gboolean       is_code,
                                        GError       **error);
gboolean      _gloss_check_color       (const char    *color,
                                        GError       **error);
/* Whether @sql (one row for ?1 = @id, or none) finds a row. */
gboolean      _gloss_project_row_exists (GlossProject  *self,
                                         const char    *sql,
                                         gint64         id);
/* The id in the first column of the first row @sql finds with ?1 = @text;
 * 0 when there is none (with @error unset) or on failure (@error set). */
gint64        _gloss_project_select_id (GlossProject  *self,
                                        const char    *sql,
                                        const char    *text,
                                        GError       **error);
/* The same, but no row is a GLOSS_ERROR_NOT_FOUND saying @not_found. */
gint64        _gloss_project_find_id   (GlossProject  *self,
                                        const char    *sql,
                                        const char    *text,
                                        GError       **error,
                                        const char    *not_found,
                                        ...) G_GNUC_PRINTF (5, 6);
/* Ends an INSERT prepared (and bound) inside a step the caller began:
 * steps @stmt (NULL when preparing failed), notes @change and ends the
 * step. Returns the new row's id, or 0 with the step aborted. */
gint64        _gloss_project_finish_insert (GlossProject  *self,
                                            sqlite3_stmt  *stmt,
                                            const char    *duplicate_message,
                                            GlossChange    change,
                                            GError       **error);
/* The number in the first column of the first row of @sql with ?1 = @value
 * (0 when there is none or on failure). */
gint64        _gloss_project_query_int (GlossProject  *self,
                                        const char    *sql,
                                        gint64         value);
/* Runs @sql (no rows) with ?1 = @id. */
gboolean      _gloss_project_run_with_id (GlossProject  *self,
                                          const char    *sql,
                                          gint64         id,
                                          GError       **error);
/* Steps @stmt to its end; a broken constraint becomes @duplicate_message. */
gboolean      _gloss_project_finish    (GlossProject  *self,
                                        sqlite3_stmt  *stmt,
                                        const char    *duplicate_message,
                                        GError       **error);
/* One UPDATE of one text column (?1 id, ?2 value, ?3 now) as a step. */
gboolean      _gloss_project_update_text (GlossProject  *self,
                                          const char    *label,
                                          const char    *sql,
                                          gint64         id,
                                          const char    *value,
                                          GlossChange    change,
                                          const char    *duplicate_message,
                                          GError       **error);

/* Colours (gloss-palette.c): the rule of gloss_palette_pick over the
 * colours the codes (or coders) of @db have. */
const char   *_gloss_palette_pick_for_db (sqlite3      *db,
                                          GlossPalette  palette);

/* Schema (gloss-project-schema.c) */
/* Extracts again the PDF documents of an older text extraction, moving
 * their codings (gloss-project-reextract.c). */
gboolean      _gloss_project_upgrade_texts (GlossProject     *self,
                                            GlossTextUpgrade *report,
                                            GError          **error);
/* The document's text replaced by @text, of text extraction @version and
 * cut in @pages (GlossPage), its codings and case passages moved to it
 * (see gloss-project-reextract.c). Within the caller's transaction. */
gboolean      _gloss_project_adopt_text (GlossProject     *self,
                                         gint64            document_id,
                                         const char       *text,
                                         int               version,
                                         GArray           *pages,
                                         GlossTextUpgrade *report,
                                         GError          **error);
gboolean      _gloss_project_migrate   (GlossProject  *self,
                                        int            from_version,
                                        GError       **error);
/* Appends a sentence to @problems for each table, index, trigger or view
 * of the file that differs from what the migrations up to @version create
 * (extra, changed or missing). */
void          _gloss_project_check_schema (GlossProject *self,
                                           int           version,
                                           GPtrArray    *problems);
/* The same for Gloss's own tables and indexes only: what else the file
 * holds is left aside (it cannot run while nothing is written). */
void          _gloss_project_check_own_schema (GlossProject *self,
                                               int           version,
                                               GPtrArray    *problems);
/* Repair (gloss-project-repair.c) of a copy on a connection without
 * foreign keys: the first drops what Gloss did not create (triggers
 * first, before anything is written), the second makes Gloss's tables and
 * indexes as Gloss defines them, keeping the rows that fit them. A
 * sentence for each change goes to @changes. */
gboolean      _gloss_project_drop_foreign_schema (GlossProject *self,
                                                  int           version,
                                                  GPtrArray    *changes,
                                                  GError      **error);
gboolean      _gloss_project_rebuild_schema      (GlossProject *self,
                                                  int           version,
                                                  GPtrArray    *changes,
                                                  GError      **error);
/* Invariants (gloss-project-invariants.c): a sentence for each thing the
 * code relies on that the file breaks. The open ones are cheap and run on
 * every open; the others only for a check. */
void          _gloss_project_check_open_invariants (GlossProject *self,
                                                    GPtrArray    *problems);
void          _gloss_project_check_invariants      (GlossProject *self,
                                                    GPtrArray    *problems);
/* For a repair: the lowest id of a code on a cycle (0 if the codebook is
 * a tree), the documents whose pages do not cut their text. */
gint64        _gloss_project_find_code_on_cycle    (GlossProject *self);
GArray       *_gloss_project_find_bad_pages        (GlossProject *self);
/* Each row of a table whose text in one of the columns Gloss reads as
 * text is not UTF-8; @func returns FALSE to stop. */
typedef gboolean (*GlossInvalidTextFunc) (const char *table,
                                          const char *column,
                                          gint64      row_id,
                                          const char *bytes,
                                          int         size,
                                          gpointer    user_data);
void          _gloss_project_foreach_invalid_text  (GlossProject         *self,
                                                    GlossInvalidTextFunc  func,
                                                    gpointer              user_data);
/* Makes a connection refuse to run what a file may bring: functions with
 * side effects in its schema, and writes to the schema itself. */
void          _gloss_harden_connection (sqlite3       *db);

/* History (gloss-project-history.c) */
gboolean      _gloss_project_install_history_triggers (GlossProject *self,
                                                       GError      **error);
gboolean      _gloss_project_set_current_step (GlossProject *self,
                                               gint64        step_id,
                                               GError      **error);
/* A load of many rows: the insert trigger of @table is paused while the
 * rows go in, then the inserted rows with ids in [@first, @last] are
 * written down as one change, a range. Its rows are written down one by
 * one when the step is undone (they are all there then), so that redo
 * has them; the rows of a range are not changed again in its step. */
gboolean      _gloss_project_pause_history    (GlossProject *self,
                                               const char   *table,
                                               gboolean      paused,
                                               GError      **error);
gboolean      _gloss_project_record_inserts   (GlossProject *self,
                                               const char   *table,
                                               gint64        first,
                                               gint64        last,
                                               GError      **error);

/* Codebook lookups shared by codings and load */
gboolean      _gloss_project_code_exists     (GlossProject *self,
                                              gint64        code_id);
/* The child of @parent_id (0: top level) named @name, any case; 0 if none. */
/* 1 for a top-level code, 2 below it...; 0 for no code. */
gint64        _gloss_project_code_level      (GlossProject *self,
                                              gint64        code_id);
gint64        _gloss_project_find_child_code (GlossProject *self,
                                              gint64        parent_id,
                                              const char   *name);
gboolean      _gloss_project_coder_exists    (GlossProject *self,
                                              gint64        coder_id);
/* Stores @doc as a new document (a step of its own), even if a document
 * with the same bytes is there. Returns its id, 0 on error. */
struct _GlossImportedDocument;
gint64        _gloss_project_store_document  (GlossProject                  *self,
                                              struct _GlossImportedDocument *doc,
                                              GError                       **error);
/* As _gloss_project_store_document, for @size bytes that @fill writes
 * into the open blob (with _gloss_project_blob_write) instead of
 * doc->bytes, which may be NULL. */
typedef gboolean (*GlossBlobFill) (GlossProject  *self,
                                   sqlite3_blob  *blob,
                                   gpointer       user_data,
                                   GError       **error);
gint64        _gloss_project_store_document_with (GlossProject                  *self,
                                                  struct _GlossImportedDocument *doc,
                                                  gint64                         size,
                                                  GlossBlobFill                  fill,
                                                  gpointer                       user_data,
                                                  GError                       **error);
gboolean      _gloss_project_blob_write      (GlossProject  *self,
                                              sqlite3_blob  *blob,
                                              const void    *data,
                                              gsize          size,
                                              gint64         offset,
                                              GError       **error);
gint64        _gloss_project_document_length (GlossProject *self,
                                              gint64        document_id,
                                              GError      **error);

/* Every column of a coding (table alias c), in the order
 * _gloss_coding_from_row reads them. */
#define GLOSS_CODING_SELECT_COLUMNS \
  "c.id, c.guid, c.document_id, c.coder_id, c.code_id, c.start, c.end, c.quote, c.prefix, " \
  "c.suffix, c.memo, c.created, c.modified"
GlossCoding  *_gloss_coding_from_row       (sqlite3_stmt     *stmt);

/* A coding's quote and its context (prefix, suffix), UTF-8 not
 * necessarily terminated: pointers into a document text with lengths. */
typedef struct
{
  const char *exact, *prefix, *suffix;
  int         exact_bytes, prefix_bytes, suffix_bytes;
} GlossQuote;

/* Adds a coding as a step; @quote NULL reads it from the document. */
gint64        _gloss_project_insert_coding (GlossProject     *self,
                                            gint64            document_id,
                                            gint64            coder_id,
                                            gint64            code_id,
                                            gint64            start,
                                            gint64            end,
                                            const char       *memo,
                                            const GlossQuote *quote,
                                            GError          **error);

/* The same without a step of its own and without checks: inside a step,
 * for a caller that has checked the range (below) and the ids; @guid
 * NULL for a new one. */
gint64        _gloss_project_insert_checked_coding (GlossProject     *self,
                                                    const char       *guid,
                                                    gint64            document_id,
                                                    gint64            coder_id,
                                                    gint64            code_id,
                                                    gint64            start,
                                                    gint64            end,
                                                    const char       *memo,
                                                    const GlossQuote *quote,
                                                    GError          **error);
/* [start, end) is a coding's range in a document of @length characters. */
gboolean      _gloss_project_check_coding_range (gint64   length,
                                                 gint64   start,
                                                 gint64   end,
                                                 GError **error);

/* Search helper shared with load: hits of @phrase in @text (whitespace
 * runs in the phrase match any whitespace run). */
GArray       *_gloss_find_in_text       (const char   *text,
                                         const char   *phrase,
                                         gboolean      case_sensitive);

G_END_DECLS
