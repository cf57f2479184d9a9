/* gloss-project.h: one project file, everything in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-code-path.h"
#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_PROJECT_SCHEMA_VERSION 10

/* The migration that records how each document's text was extracted
 * (document.text_extraction); documents of older files are extracted
 * again when the file is opened, and their codings re-anchored. */
#define GLOSS_PROJECT_MIGRATION_TEXT_EXTRACTION 8

/* The migration that added the team server's state (sync_server, sync_row). */
#define GLOSS_PROJECT_SYNC_VERSION 7

/* The migration that keeps the count of changes waiting for the team
 * server (sync_touched, sync_waiting, sync_count). */
#define GLOSS_PROJECT_MIGRATION_SYNC_COUNT 9

/* The format in which the history may record the codings of a load as one
 * range of rows ({"through": last id}) rather than a change per row: a
 * Gloss that predates it would undo such a step wrongly, so it refuses the
 * file as newer than itself. */
#define GLOSS_PROJECT_MIGRATION_HISTORY_RANGES 10

/* Codes nest at most this many levels deep (a top-level code is level 1):
 * adding, moving, importing and merging codes keep to it. */
#define GLOSS_MAX_CODE_LEVELS 100

#define GLOSS_TYPE_PROJECT (gloss_project_get_type ())

G_DECLARE_FINAL_TYPE (GlossProject, gloss_project, GLOSS, PROJECT, GObject)

/* What a change touched, for GlossProject::changed. */
typedef enum
{
  GLOSS_CHANGE_DOCUMENTS = 1 << 0,
  GLOSS_CHANGE_CODES     = 1 << 1,
  GLOSS_CHANGE_CODERS    = 1 << 2,
  GLOSS_CHANGE_CODINGS   = 1 << 3,
  GLOSS_CHANGE_MEMOS     = 1 << 4,
  GLOSS_CHANGE_PROJECT   = 1 << 5,
  GLOSS_CHANGE_ATTRIBUTES = 1 << 6,  /* attributes and their values */
  GLOSS_CHANGE_CASES     = 1 << 7,
  GLOSS_CHANGE_SETS      = 1 << 8,
  GLOSS_CHANGE_ALL       = 0x1ff,
} GlossChange;

/* What extracting documents' text again did: documents re-extracted,
 * codings and case passages moved to where their words now are, those
 * whose words were not found again (left in place), documents that could
 * not be read and keep their old text. */
typedef struct
{
  guint n_documents;
  guint n_moved;
  guint n_lost;
  guint n_failed;
} GlossTextUpgrade;

/* Opening and closing */
GlossProject *gloss_project_create        (const char    *path,
                                           const char    *title,
                                           GError       **error);
GlossProject *gloss_project_open          (const char    *path,
                                           GError       **error);
/* Opens @path only to read it, never changing a byte of it (a coder's copy
 * to merge); the schema is checked as by gloss_project_open(). */
GlossProject *gloss_project_open_snapshot (const char    *path,
                                           GError       **error);
/* Opens @path read-only as gloss_project_open_snapshot() does, but also
 * when its schema is not the one Gloss creates, so that
 * gloss_project_check() can say what differs. */
GlossProject *gloss_project_open_for_check (const char   *path,
                                            GError      **error);
/* Opens @path to show it, never writing a byte, when gloss_project_open()
 * refuses its rows (GUIDs, codebook, pages): what Gloss did not create in
 * its schema is left aside (nothing of it runs while nothing is written),
 * but Gloss's own tables must be as Gloss defines them. */
GlossProject *gloss_project_open_read_only (const char   *path,
                                            GError      **error);
void          gloss_project_close         (GlossProject  *self);
/* What opening the file did to documents of an older text extraction. */
void          gloss_project_get_text_upgrade (GlossProject     *self,
                                              GlossTextUpgrade *report);
/* A sentence for the user about @report, or NULL when it did nothing. */
char         *gloss_text_upgrade_describe    (const GlossTextUpgrade *report);
/* Extracts the text of a PDF document again and moves its codings, case
 * passages and their history with it. Not an undoable step. */
gboolean      gloss_project_reextract_document (GlossProject     *self,
                                                gint64            document_id,
                                                GlossTextUpgrade *report,
                                                GError          **error);
const char   *gloss_project_get_path      (GlossProject  *self);
char         *gloss_project_dup_title     (GlossProject  *self);
char         *gloss_project_dup_guid      (GlossProject  *self);
gboolean      gloss_project_set_title     (GlossProject  *self,
                                           const char    *title,
                                           GError       **error);
gboolean      gloss_project_get_read_only (GlossProject  *self);
int           gloss_project_get_schema_version (GlossProject *self);
/* Checks the file and its content; problems are appended to @problems. */
gboolean      gloss_project_check         (GlossProject  *self,
                                           GPtrArray     *problems,
                                           GError       **error);
/* A number that grows with every change any program makes to the file. */
gint64        gloss_project_get_data_version (GlossProject *self);

/* Removes a project file and its SQLite companions (-wal, -shm,
 * -journal) so that a new file can take its place; missing ones are fine. */
gboolean      gloss_project_remove_files  (const char    *path,
                                           GError       **error);

/* Documents */
GPtrArray    *gloss_project_import_files  (GlossProject       *self,
                                           const char * const *paths,
                                           const char         *password,
                                           GCancellable       *cancellable);
/* The same off the main thread, on a connection of its own; @progress
 * (may be NULL) can be read while it runs. Cancelling ends it after the
 * current file, with G_IO_ERROR_CANCELLED. */
void          gloss_project_import_files_async  (GlossProject        *self,
                                                 const char * const  *paths,
                                                 const char          *password,
                                                 GlossImportProgress *progress,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray    *gloss_project_import_files_finish (GlossProject        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
gint64        gloss_project_import_file   (GlossProject  *self,
                                           const char    *path,
                                           const char    *password,
                                           gboolean      *out_duplicate,
                                           GError       **error);
gint64        gloss_project_import_text   (GlossProject  *self,
                                           const char    *title,
                                           const char    *text,
                                           gssize         length,
                                           GError       **error);
GPtrArray    *gloss_project_list_documents (GlossProject *self,
                                            GError      **error);
GlossDocumentInfo *gloss_project_get_document (GlossProject *self,
                                               gint64        document_id,
                                               GError      **error);
/* DOC is an id ("3") or a title. */
gint64        gloss_project_find_document (GlossProject  *self,
                                           const char    *id_or_title,
                                           GError       **error);
char         *gloss_project_get_text      (GlossProject  *self,
                                           gint64         document_id,
                                           gint64         start,
                                           gint64         end,
                                           GError       **error);
GBytes       *gloss_project_get_bytes     (GlossProject  *self,
                                           gint64         document_id,
                                           GError       **error);
/* The password the PDF was imported with, or NULL. */
char         *gloss_project_dup_document_password (GlossProject *self,
                                                   gint64        document_id);
GPtrArray    *gloss_project_get_pages     (GlossProject  *self,
                                           gint64         document_id,
                                           GError       **error);
gboolean      gloss_project_rename_document (GlossProject *self,
                                             gint64        document_id,
                                             const char   *title,
                                             GError      **error);
gboolean      gloss_project_remove_document (GlossProject *self,
                                             gint64        document_id,
                                             GError      **error);

/* Coders */
gint64        gloss_project_add_coder     (GlossProject  *self,
                                           const char    *name,
                                           const char    *color,
                                           GError       **error);
gboolean      gloss_project_rename_coder  (GlossProject  *self,
                                           gint64         coder_id,
                                           const char    *name,
                                           GError       **error);
gboolean      gloss_project_set_coder_color (GlossProject *self,
                                             gint64        coder_id,
                                             const char   *color,
                                             GError      **error);
/* Removes the coder with all their codings, memo and attribute values. */
gboolean      gloss_project_remove_coder  (GlossProject  *self,
                                           gint64         coder_id,
                                           GError       **error);
GPtrArray    *gloss_project_list_coders   (GlossProject  *self,
                                           GError       **error);
GlossCoder   *gloss_project_get_coder     (GlossProject  *self,
                                           gint64         coder_id,
                                           GError       **error);
gint64        gloss_project_find_coder    (GlossProject  *self,
                                           const char    *name,
                                           GError       **error);
/* The coder marked in the project file as holding the consensus (0 if
 * none; @error set only when the file cannot be read). */
gint64        gloss_project_get_consensus_coder (GlossProject  *self,
                                                 GError       **error);
gboolean      gloss_project_set_consensus_coder (GlossProject  *self,
                                                 gint64         coder_id,
                                                 GError       **error);

/* Codebook */
gint64        gloss_project_add_code      (GlossProject  *self,
                                           gint64         parent_id,
                                           const char    *name,
                                           const char    *color,
                                           const char    *description,
                                           GError       **error);
/* Creates the missing codes of "A/B/C"; returns the last one. */
gint64        gloss_project_ensure_code_path (GlossProject *self,
                                              const char   *path,
                                              const char   *color,
                                              const char   *description,
                                              GError      **error);
gboolean      gloss_project_rename_code   (GlossProject  *self,
                                           gint64         code_id,
                                           const char    *name,
                                           GError       **error);
gboolean      gloss_project_set_code_color (GlossProject *self,
                                            gint64        code_id,
                                            const char   *color,
                                            GError      **error);
gboolean      gloss_project_set_code_description (GlossProject *self,
                                                  gint64        code_id,
                                                  const char   *description,
                                                  GError      **error);
/* A code that is not codable is only a heading for others (REFI-QDA isCodable). */
gboolean      gloss_project_set_code_codable (GlossProject *self,
                                              gint64        code_id,
                                              gboolean      codable,
                                              GError      **error);
/* Moves below @parent_id (0: top level) at @position (-1: last). */
gboolean      gloss_project_move_code     (GlossProject  *self,
                                           gint64         code_id,
                                           gint64         parent_id,
                                           int            position,
                                           GError       **error);
/* @source's codings and children move to @target, then @source goes. */
gboolean      gloss_project_merge_code    (GlossProject  *self,
                                           gint64         source_id,
                                           gint64         target_id,
                                           GError       **error);
/* Deletes the code, its children and all their codings. */
gboolean      gloss_project_delete_code   (GlossProject  *self,
                                           gint64         code_id,
                                           GError       **error);
/* The codebook in tree order (depth first, by position), with paths and counts. */
GPtrArray    *gloss_project_list_codes    (GlossProject  *self,
                                           GError       **error);
GlossCode    *gloss_project_get_code      (GlossProject  *self,
                                           gint64         code_id,
                                           GError       **error);
gint64        gloss_project_find_code     (GlossProject  *self,
                                           const char    *path,
                                           GError       **error);
char         *gloss_project_dup_code_path (GlossProject  *self,
                                           gint64         code_id,
                                           GError       **error);
/* Codings of the code and of all codes below it. */
gint64        gloss_project_count_code_codings (GlossProject *self,
                                                gint64        code_id,
                                                gboolean      with_children,
                                                GError      **error);

/* Codings */
gint64        gloss_project_add_coding    (GlossProject  *self,
                                           gint64         document_id,
                                           gint64         coder_id,
                                           gint64         code_id,
                                           gint64         start,
                                           gint64         end,
                                           const char    *memo,
                                           GError       **error);
gboolean      gloss_project_set_coding_memo (GlossProject *self,
                                             gint64        coding_id,
                                             const char   *memo,
                                             GError      **error);
gboolean      gloss_project_set_coding_code (GlossProject *self,
                                             gint64        coding_id,
                                             gint64        code_id,
                                             GError      **error);
gboolean      gloss_project_set_coding_range (GlossProject *self,
                                              gint64        coding_id,
                                              gint64        start,
                                              gint64        end,
                                              GError      **error);
gboolean      gloss_project_delete_coding (GlossProject  *self,
                                           gint64         coding_id,
                                           GError       **error);
GlossCoding  *gloss_project_get_coding    (GlossProject  *self,
                                           gint64         coding_id,
                                           GError       **error);
/* Codings matching @filter (NULL: all), ordered by document, start, end. */
GPtrArray    *gloss_project_list_codings  (GlossProject            *self,
                                           const GlossCodingFilter *filter,
                                           GError                 **error);
/* The same listing, one coding at a time, reading only @columns:
 * no list is built and no string copied. */
gboolean      gloss_project_foreach_coding (GlossProject            *self,
                                            const GlossCodingFilter *filter,
                                            GlossCodingColumns       columns,
                                            GlossCodingFunc          func,
                                            gpointer                 user_data,
                                            GError                 **error);
/* The listing with only @columns filled in. */
GPtrArray    *gloss_project_list_coding_columns (GlossProject            *self,
                                                 const GlossCodingFilter *filter,
                                                 GlossCodingColumns       columns,
                                                 GError                 **error);
typedef enum
{
  GLOSS_NAMES_DOCUMENTS,  /* titles of the documents not removed */
  GLOSS_NAMES_CODERS,     /* coders' names */
  GLOSS_NAMES_CODES,      /* codes' paths */
} GlossNames;
/* What a listing prints for an id, and nothing more (no counts):
 * id (gint64 *) -> name (char *). */
GHashTable   *gloss_project_list_names    (GlossProject            *self,
                                           GlossNames               kind,
                                           GError                 **error);
gint64        gloss_project_count_codings (GlossProject            *self,
                                           const GlossCodingFilter *filter,
                                           GError                 **error);
/* The same per code, in one query: code id (gint64 *) -> count (gint64 *);
 * codes without a matching coding are absent. */
GHashTable   *gloss_project_count_codings_by_code (GlossProject            *self,
                                                   const GlossCodingFilter *filter,
                                                   GError                 **error);

/* Memos on the project, a document, a code (codings carry their own). */
gboolean      gloss_project_set_memo      (GlossProject  *self,
                                           const char    *target_kind,
                                           gint64         target_id,
                                           const char    *text,
                                           GError       **error);
char         *gloss_project_get_memo      (GlossProject  *self,
                                           const char    *target_kind,
                                           gint64         target_id,
                                           GError       **error);

/* Search: hits of @phrase in one document (or all when @document_id is 0). */
GPtrArray    *gloss_project_search        (GlossProject  *self,
                                           gint64         document_id,
                                           const char    *phrase,
                                           gboolean       case_sensitive,
                                           GError       **error);
/* Codes every hit for @coder_id with @code_id in one step; hits already
 * coded the same way are skipped. Returns the number of new codings. */
gint64        gloss_project_code_hits     (GlossProject  *self,
                                           GPtrArray     *hits,
                                           gint64         coder_id,
                                           gint64         code_id,
                                           GError       **error);

/* History: each change is one step that can be undone and redone. */
gboolean      gloss_project_can_undo      (GlossProject  *self);
gboolean      gloss_project_can_redo      (GlossProject  *self);
char         *gloss_project_dup_undo_label (GlossProject *self);
char         *gloss_project_dup_redo_label (GlossProject *self);
gboolean      gloss_project_undo          (GlossProject  *self,
                                           GError       **error);
gboolean      gloss_project_redo          (GlossProject  *self,
                                           GError       **error);

/* A step of the history as the Edit menu and gloss-cli name it: its label
 * and how many rows of each kind it added, changed or removed. */
typedef struct
{
  gint64  id;
  char   *label;        /* "Delete code “Funding”", "Load codings" */
  guint   n_items;      /* every row the step touched */
  guint   n_coders;
  guint   n_codes;
  guint   n_codings;
  guint   n_memos;
  guint   n_documents;
} GlossHistoryStep;

/* A step with more items than this is named with its counts. */
#define GLOSS_HISTORY_FEW_ITEMS   3
/* Undoing or redoing a step with more items than this is announced. */
#define GLOSS_HISTORY_LARGE_STEP  10

void              gloss_history_step_free      (GlossHistoryStep       *step);
/* The label, with the counts when the step touched more than a few items:
 * "Load codings (2 coders, 11 codes, 49 codings)". */
char             *gloss_history_step_describe  (const GlossHistoryStep *step);
gboolean          gloss_history_step_is_large  (const GlossHistoryStep *step);
/* The step that undo (redo) would take back (bring back), or NULL. */
GlossHistoryStep *gloss_project_get_undo_step  (GlossProject  *self);
GlossHistoryStep *gloss_project_get_redo_step  (GlossProject  *self);
/* Hands the project over: forgets every step, to undo and to redo, so that
 * undo stops at the project as it is now. The content does not change. */
gboolean          gloss_project_clear_history  (GlossProject  *self,
                                                GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossHistoryStep, gloss_history_step_free)

/* Groups several changes into one step (and one transaction). */
gboolean      gloss_project_begin_step    (GlossProject  *self,
                                           const char    *label,
                                           GError       **error);
gboolean      gloss_project_end_step      (GlossProject  *self,
                                           GError       **error);
void          gloss_project_abort_step    (GlossProject  *self);

/* JSON loading: see README, "gloss-cli load". All or nothing. */
gboolean      gloss_project_load_json     (GlossProject  *self,
                                           const char    *json,
                                           gssize         length,
                                           GError       **error);
/* The codebook in the loader's shape: {"codes": [{"path", "color",
 * "description"}]}, in tree order. */
char         *gloss_project_dup_codebook_json    (GlossProject  *self,
                                                  GError       **error);
gboolean      gloss_project_export_codebook_json (GlossProject  *self,
                                                  const char    *path,
                                                  GError       **error);

G_END_DECLS
