/* gloss-query.h: one query model for the window, gloss-cli and reports
 *
 * A query asks for the codings of code A (with or without the codes below
 * it), alone or combined with code B:
 * - A and B: the codings of A that B relates to (overlaps, lies within,
 *   or comes within N characters of), in the same document;
 * - A not B: the codings of A that no coding of B relates to;
 * - A or B: the codings of either.
 * Codings of B count whoever coded them, within the coders of the scope.
 * The scope restricts everything to the documents of a set and/or those
 * meeting an attribute condition, and to some coders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-cases.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_QUERY_ONLY,   /* the codings of A */
  GLOSS_QUERY_AND,
  GLOSS_QUERY_OR,
  GLOSS_QUERY_NOT,
} GlossQueryOperator;

typedef enum
{
  GLOSS_QUERY_OVERLAPS,       /* share at least one character */
  GLOSS_QUERY_WITHIN,         /* B lies within A */
  GLOSS_QUERY_NEAR,           /* at most distance characters apart (or overlapping) */
  GLOSS_QUERY_SAME_DOCUMENT,  /* anywhere in the same document */
} GlossQueryRelation;

const char *gloss_query_operator_to_string   (GlossQueryOperator  op);
gboolean    gloss_query_operator_from_string (const char         *str,
                                              GlossQueryOperator *op);
const char *gloss_query_relation_to_string   (GlossQueryRelation  relation);
gboolean    gloss_query_relation_from_string (const char         *str,
                                              GlossQueryRelation *relation);

/* What agreement, excerpts, matrices, exports and queries are restricted
 * to; zero or NULL members mean no restriction. */
typedef struct
{
  gint64  set_id;      /* a set of documents */
  char   *where;       /* a condition over document (and case.) attributes */
  GArray *coder_ids;   /* gint64 */
} GlossScope;

gboolean gloss_scope_is_empty (const GlossScope *scope);
void     gloss_scope_clear    (GlossScope       *scope);
void     gloss_scope_copy     (const GlossScope *from,
                               GlossScope       *to);

/* The documents of @scope (gint64, ascending, not removed); every document
 * when @scope is NULL or restricts no documents. */
GArray  *gloss_project_scope_documents (GlossProject     *self,
                                        const GlossScope *scope,
                                        GError          **error);

typedef struct
{
  gint64              code_a;
  gboolean            a_children;
  GlossQueryOperator  op;
  gint64              code_b;
  gboolean            b_children;
  GlossQueryRelation  relation;
  gint64              distance;     /* GLOSS_QUERY_NEAR */
  GlossScope          scope;
} GlossQuery;

GlossQuery *gloss_query_new  (void);
GlossQuery *gloss_query_copy (const GlossQuery *query);
void        gloss_query_free (GlossQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossQuery, gloss_query_free)

/* The codings the query finds (GlossCoding), by document, start, end. */
GPtrArray  *gloss_project_run_query (GlossProject      *self,
                                     const GlossQuery  *query,
                                     GError           **error);
/* The query as a sentence, e.g. "Codings of Funding overlapping
 * Independence in the set “refugee-led”". */
char       *gloss_query_describe    (GlossProject      *self,
                                     const GlossQuery  *query);

G_END_DECLS
