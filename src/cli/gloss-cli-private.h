/* gloss-cli-private.h: what the gloss-cli subcommands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gloss-core.h"

G_BEGIN_DECLS

/* Exit statuses */
#define GLOSS_CLI_OK          0
#define GLOSS_CLI_USER_ERROR  1
#define GLOSS_CLI_BAD_USAGE   2

typedef int (*GlossCliRun) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *synopsis;   /* "PROJECT FILE... [--password PW]" */
  const char  *summary;    /* one line */
  GlossCliRun  run;
} GlossCliCommand;

/* Parses the options of a subcommand; on --help prints and sets *status to 0,
 * on bad usage prints a one-line message and sets *status to 2. Returns FALSE
 * when the command should stop with *status. @argv keeps the positional
 * arguments (argv[0] is the subcommand); their count must lie in
 * [min_args, max_args] (max_args -1: no limit). */
gboolean      gloss_cli_parse        (const char    *command,
                                      const char    *parameter_string,
                                      const char    *summary,
                                      GOptionEntry  *entries,
                                      int           *argc,
                                      char        ***argv,
                                      int            min_args,
                                      int            max_args,
                                      int           *status);
/* Prints "gloss-cli: MESSAGE" on stderr; returns 1. */
int           gloss_cli_fail         (GError        *error);
int           gloss_cli_fail_message (const char    *format,
                                      ...) G_GNUC_PRINTF (1, 2);
/* Prints "gloss-cli COMMAND: MESSAGE" on stderr; returns 2. */
int           gloss_cli_usage_error  (const char    *command,
                                      const char    *format,
                                      ...) G_GNUC_PRINTF (2, 3);
/* Removes what a killed Gloss left in the folder of @out_path (hidden
 * half-made projects) before a command writes there. */
void          gloss_cli_remove_stale_files (const char *out_path);
GlossProject *gloss_cli_open_project (const char    *path,
                                      GError       **error);
/* Parses "START:END" in characters. */
gboolean      gloss_cli_parse_range  (const char    *text,
                                      gint64        *start,
                                      gint64        *end);
/* Pretty-prints @node on stdout, followed by a newline. */
void          gloss_cli_print_json   (JsonNode      *node);
/* The same for what @builder built. */
void          gloss_cli_print_builder (JsonBuilder  *builder);
/* Members of the object being built: a string (null for NULL), a number,
 * a number or null (when not @present). */
void          gloss_cli_json_add_string      (JsonBuilder *builder,
                                              const char  *name,
                                              const char  *value);
void          gloss_cli_json_add_int         (JsonBuilder *builder,
                                              const char  *name,
                                              gint64       value);
void          gloss_cli_json_add_int_or_null (JsonBuilder *builder,
                                              const char  *name,
                                              gint64       value,
                                              gboolean     present);

typedef enum
{
  GLOSS_CLI_LIST_TEXT,
  GLOSS_CLI_LIST_JSON,
  GLOSS_CLI_LIST_CSV,
} GlossCliListFormat;

/* Prints codings as `codings` does (text, JSON) or as CSV. */
gboolean      gloss_cli_print_codings (GlossProject        *project,
                                       GPtrArray           *codings,
                                       GlossCliListFormat   format,
                                       GError             **error);

/* Fills @scope from --set, --where and --coders (each may be NULL). */
gboolean      gloss_cli_parse_scope  (GlossProject  *project,
                                      const char    *set,
                                      const char    *where,
                                      const char    *coders,
                                      GlossScope    *scope,
                                      GError       **error);
/* The documents of --set and --where as ids, added to @document_ids
 * (intersected with them when it is not empty). FALSE with a message when
 * none is left. Does nothing when both are NULL. */
gboolean      gloss_cli_restrict_documents (GlossProject  *project,
                                            const char    *set,
                                            const char    *where,
                                            GArray        *document_ids,
                                            GError       **error);

/* Subcommands, one file per topic */
int gloss_cli_init       (int argc, char **argv);
int gloss_cli_import     (int argc, char **argv);
int gloss_cli_documents  (int argc, char **argv);
int gloss_cli_memo       (int argc, char **argv);
int gloss_cli_text       (int argc, char **argv);
int gloss_cli_coders     (int argc, char **argv);
int gloss_cli_notes      (int argc, char **argv);
int gloss_cli_note_add   (int argc, char **argv);
int gloss_cli_coder_add  (int argc, char **argv);
int gloss_cli_coder_remove (int argc, char **argv);
int gloss_cli_codes      (int argc, char **argv);
int gloss_cli_code_add   (int argc, char **argv);
int gloss_cli_code       (int argc, char **argv);
int gloss_cli_codings    (int argc, char **argv);
int gloss_cli_load       (int argc, char **argv);
int gloss_cli_search     (int argc, char **argv);
int gloss_cli_reextract  (int argc, char **argv);
int gloss_cli_check      (int argc, char **argv);
int gloss_cli_repair     (int argc, char **argv);
int gloss_cli_undo       (int argc, char **argv);
int gloss_cli_redo       (int argc, char **argv);
int gloss_cli_hand_over  (int argc, char **argv);
int gloss_cli_copy        (int argc, char **argv);
int gloss_cli_merge       (int argc, char **argv);
int gloss_cli_export      (int argc, char **argv);
int gloss_cli_import_qdpx (int argc, char **argv);
int gloss_cli_import_qdc  (int argc, char **argv);
int gloss_cli_matrix      (int argc, char **argv);
int gloss_cli_agreement  (int argc, char **argv);
int gloss_cli_consensus  (int argc, char **argv);
int gloss_cli_attributes        (int argc, char **argv);
int gloss_cli_attribute_add     (int argc, char **argv);
int gloss_cli_attribute_set     (int argc, char **argv);
int gloss_cli_attribute_rename  (int argc, char **argv);
int gloss_cli_attribute_retype  (int argc, char **argv);
int gloss_cli_attribute_delete  (int argc, char **argv);
int gloss_cli_cases             (int argc, char **argv);
int gloss_cli_case_add          (int argc, char **argv);
int gloss_cli_case_rename       (int argc, char **argv);
int gloss_cli_case_describe     (int argc, char **argv);
int gloss_cli_case_delete       (int argc, char **argv);
int gloss_cli_case_member_add   (int argc, char **argv);
int gloss_cli_case_member_remove (int argc, char **argv);
int gloss_cli_sets              (int argc, char **argv);
int gloss_cli_set_add           (int argc, char **argv);
int gloss_cli_set_rename        (int argc, char **argv);
int gloss_cli_set_rule          (int argc, char **argv);
int gloss_cli_set_delete        (int argc, char **argv);
int gloss_cli_set_member_add    (int argc, char **argv);
int gloss_cli_set_member_remove (int argc, char **argv);
int gloss_cli_query             (int argc, char **argv);
int gloss_cli_crosstab          (int argc, char **argv);
int gloss_cli_publish           (int argc, char **argv);
int gloss_cli_join              (int argc, char **argv);
int gloss_cli_sync              (int argc, char **argv);
int gloss_cli_team              (int argc, char **argv);

G_END_DECLS
