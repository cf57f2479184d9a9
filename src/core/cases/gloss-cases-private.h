/* gloss-cases-private.h: what the attribute, case, set and query files
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gloss-cases.h"
#include "gloss-project-private.h"

G_BEGIN_DECLS

/* The condition @where as an SQL expression that is true for the document
 * whose id is @doc_expr; the values it compares with go to @binds (char *),
 * numbered from ?@first_bind. */
char     *_gloss_condition_to_sql (GlossProject  *self,
                                   const char    *where,
                                   const char    *doc_expr,
                                   int            first_bind,
                                   GPtrArray     *binds,
                                   GError       **error);

/* @where with every mention of the attribute @old_name on @target renamed
 * to @new_name (quoted when it would not read as one name), the rest kept
 * as written; NULL when it names no such attribute or does not read. */
char     *_gloss_condition_rename_attribute (const char           *where,
                                             GlossAttributeTarget  target,
                                             const char           *old_name,
                                             const char           *new_name);

/* Binds @binds as texts from ?@first_bind. */
void      _gloss_bind_texts       (sqlite3_stmt  *stmt,
                                   int            first_bind,
                                   GPtrArray     *binds);

gboolean  _gloss_attribute_target_exists (GlossProject         *self,
                                          GlossAttributeTarget  target,
                                          gint64                target_id);

/* The label of a target in messages: a document title, coder or case name. */
char     *_gloss_attribute_target_label  (GlossProject         *self,
                                          GlossAttributeTarget  target,
                                          gint64                target_id);

/* The "attributes" and "sets" of a load file (gloss-load-cases.c), inside
 * the load's step. */
/* What gloss-project-load.c and gloss-load-cases.c share: an error naming
 * the entry ("@place[@index]: @message"; returns FALSE), and a string member
 * (NULL when absent; FALSE when present but not a string). */
gboolean  _gloss_load_fail_at    (GError       **error,
                                  const char    *place,
                                  guint          index,
                                  const char    *message);
gboolean  _gloss_load_get_string (JsonObject    *object,
                                  const char    *member,
                                  const char   **value);
gboolean  _gloss_project_load_cases_json (GlossProject  *self,
                                          JsonObject    *root,
                                          GError       **error);

G_END_DECLS
