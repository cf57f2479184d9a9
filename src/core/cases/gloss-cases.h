/* gloss-cases.h: attributes, cases and sets
 *
 * Attributes are typed variables defined once per project on documents,
 * coders or cases, with at most one value per target (none: empty).
 * A case groups whole documents or passages that belong to one participant
 * or organisation and carries attributes of its own. A set names documents
 * (or codes): its members are listed, or, for documents, given by a rule
 * over attributes ("type = refugee-led and year >= 2021") that is evaluated
 * each time the set is used, so it stays current.
 *
 * Every change is one undoable step, as elsewhere in the project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-project.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_ATTRIBUTE_TEXT,
  GLOSS_ATTRIBUTE_NUMBER,
  GLOSS_ATTRIBUTE_DATE,      /* YYYY-MM-DD */
  GLOSS_ATTRIBUTE_BOOLEAN,   /* yes/no, kept as "true"/"false" */
  GLOSS_ATTRIBUTE_CATEGORY,  /* one of a fixed list of values */
} GlossAttributeType;

typedef enum
{
  GLOSS_ATTRIBUTE_ON_DOCUMENT,
  GLOSS_ATTRIBUTE_ON_CODER,
  GLOSS_ATTRIBUTE_ON_CASE,
} GlossAttributeTarget;

/* "text", "number", "date", "boolean" (also "yes/no"), "category" */
const char *gloss_attribute_type_to_string     (GlossAttributeType    type);
gboolean    gloss_attribute_type_from_string   (const char           *str,
                                                GlossAttributeType   *type);
/* "document", "coder", "case" */
const char *gloss_attribute_target_to_string   (GlossAttributeTarget  target);
gboolean    gloss_attribute_target_from_string (const char           *str,
                                                GlossAttributeTarget *target);

typedef struct
{
  gint64                id;
  char                 *guid;
  GlossAttributeTarget  target;
  char                 *name;
  GlossAttributeType    type;
  GStrv                 choices;      /* category values in order; NULL for other types */
  char                 *description;
  int                   position;
  gint64                n_values;     /* targets with a value; filled by list queries */
} GlossAttribute;

typedef struct
{
  gint64  attribute_id;
  gint64  target_id;     /* the document, coder or case */
  char   *value;         /* canonical text */
} GlossAttributeValue;

typedef struct
{
  gint64  id;
  char   *guid;
  char   *name;
  char   *description;
  gint64  n_members;     /* filled by list queries */
} GlossCase;

typedef struct
{
  gint64  id;
  char   *guid;
  gint64  case_id;
  gint64  document_id;
  gint64  start;         /* -1 with end -1: the whole document */
  gint64  end;
} GlossCaseMember;

typedef enum
{
  GLOSS_SET_DOCUMENTS,
  GLOSS_SET_CODES,
} GlossSetKind;

const char *gloss_set_kind_to_string   (GlossSetKind  kind);
gboolean    gloss_set_kind_from_string (const char   *str,
                                        GlossSetKind *kind);

typedef struct
{
  gint64        id;
  char         *guid;
  GlossSetKind  kind;
  char         *name;
  char         *rule;        /* NULL for a set of listed members */
  char         *description;
  gint64        n_members;   /* filled by list queries (the rule evaluated) */
} GlossSet;

void gloss_attribute_free       (GlossAttribute      *attribute);
void gloss_attribute_value_free (GlossAttributeValue *value);
void gloss_case_free            (GlossCase           *item);
void gloss_case_member_free     (GlossCaseMember     *member);
void gloss_set_free             (GlossSet            *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAttribute, gloss_attribute_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAttributeValue, gloss_attribute_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCase, gloss_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCaseMember, gloss_case_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSet, gloss_set_free)

/* The canonical form of @input for @attribute: numbers as shortest
 * decimals, dates as YYYY-MM-DD, yes/no as "true"/"false", categories
 * spelt as in the list. Blank input is the empty value (*out NULL).
 * Returns FALSE with a message when @input does not fit the type. */
gboolean gloss_attribute_normalize (GlossAttributeType   type,
                                    const char * const  *choices,
                                    const char          *input,
                                    char               **out,
                                    GError             **error);

/* Attributes */
gint64          gloss_project_add_attribute     (GlossProject          *self,
                                                 GlossAttributeTarget   target,
                                                 const char            *name,
                                                 GlossAttributeType     type,
                                                 const char * const    *choices,
                                                 GError               **error);
gboolean        gloss_project_rename_attribute  (GlossProject          *self,
                                                 gint64                 attribute_id,
                                                 const char            *name,
                                                 GError               **error);
/* Changes the type (and the category list), converting every value. Values
 * that do not convert are listed in @unconverted ("TARGET: VALUE"); unless
 * @drop_unconverted they make the change fail with a message naming them
 * and nothing changes; with it they are emptied. */
gboolean        gloss_project_retype_attribute  (GlossProject          *self,
                                                 gint64                 attribute_id,
                                                 GlossAttributeType     type,
                                                 const char * const    *choices,
                                                 gboolean               drop_unconverted,
                                                 GPtrArray             *unconverted,
                                                 GError               **error);
/* Renames and retypes in one undoable step, either part left out when
 * @name and @type (with @choices) are what the attribute has: the rules
 * and refusals of rename and retype, nothing changed when one refuses. */
gboolean        gloss_project_change_attribute  (GlossProject          *self,
                                                 gint64                 attribute_id,
                                                 const char            *name,
                                                 GlossAttributeType     type,
                                                 const char * const    *choices,
                                                 gboolean               drop_unconverted,
                                                 GPtrArray             *unconverted,
                                                 GError               **error);
/* The names of the sets whose rule names the attribute, in the order of
 * the sets: deleting it leaves those rules unreadable. */
GPtrArray      *gloss_project_list_sets_using_attribute (GlossProject  *self,
                                                         gint64         attribute_id,
                                                         GError       **error);
/* Deletes the attribute with its values. */
gboolean        gloss_project_delete_attribute  (GlossProject          *self,
                                                 gint64                 attribute_id,
                                                 GError               **error);
/* In order of position; all targets when @target is -1. */
GPtrArray      *gloss_project_list_attributes   (GlossProject          *self,
                                                 int                    target,
                                                 GError               **error);
GlossAttribute *gloss_project_get_attribute     (GlossProject          *self,
                                                 gint64                 attribute_id,
                                                 GError               **error);
/* By name, any case. */
gint64          gloss_project_find_attribute    (GlossProject          *self,
                                                 GlossAttributeTarget   target,
                                                 const char            *name,
                                                 GError               **error);
/* Sets (NULL or blank: clears) one value, checked against the type. */
gboolean        gloss_project_set_attribute_value (GlossProject        *self,
                                                   gint64               attribute_id,
                                                   gint64               target_id,
                                                   const char          *value,
                                                   GError             **error);
/* The value, or NULL when empty (then @error is not set). */
char           *gloss_project_get_attribute_value (GlossProject        *self,
                                                   gint64               attribute_id,
                                                   gint64               target_id,
                                                   GError             **error);
/* GlossAttributeValue of one attribute (@target_id 0) or of one target
 * (@attribute_id 0), by attribute position then target. */
GPtrArray      *gloss_project_list_attribute_values (GlossProject      *self,
                                                     gint64             attribute_id,
                                                     gint64             target_id,
                                                     GError           **error);

/* Cases */
gint64          gloss_project_add_case          (GlossProject  *self,
                                                 const char    *name,
                                                 const char    *description,
                                                 GError       **error);
gboolean        gloss_project_rename_case       (GlossProject  *self,
                                                 gint64         case_id,
                                                 const char    *name,
                                                 GError       **error);
/* NULL or blank: no description. */
gboolean        gloss_project_set_case_description (GlossProject *self,
                                                    gint64        case_id,
                                                    const char   *description,
                                                    GError      **error);
/* Deletes the case, its members and its attribute values. */
gboolean        gloss_project_delete_case       (GlossProject  *self,
                                                 gint64         case_id,
                                                 GError       **error);
/* A whole document (@start = @end = -1) or the passage [start, end). */
gint64          gloss_project_add_case_member   (GlossProject  *self,
                                                 gint64         case_id,
                                                 gint64         document_id,
                                                 gint64         start,
                                                 gint64         end,
                                                 GError       **error);
gboolean        gloss_project_remove_case_member (GlossProject *self,
                                                  gint64        member_id,
                                                  GError      **error);
GPtrArray      *gloss_project_list_cases        (GlossProject  *self,
                                                 GError       **error);
GlossCase      *gloss_project_get_case          (GlossProject  *self,
                                                 gint64         case_id,
                                                 GError       **error);
/* By id ("3") or name. */
gint64          gloss_project_find_case         (GlossProject  *self,
                                                 const char    *id_or_name,
                                                 GError       **error);
/* GlossCaseMember in document, start order; all cases when @case_id is 0. */
GPtrArray      *gloss_project_list_case_members (GlossProject  *self,
                                                 gint64         case_id,
                                                 GError       **error);

/* Sets */
/* @rule (documents only): a condition as for --where; NULL or "" for a set
 * of listed members. The rule is checked against the attributes now. */
gint64          gloss_project_add_set           (GlossProject  *self,
                                                 GlossSetKind   kind,
                                                 const char    *name,
                                                 const char    *rule,
                                                 GError       **error);
gboolean        gloss_project_rename_set        (GlossProject  *self,
                                                 gint64         set_id,
                                                 const char    *name,
                                                 GError       **error);
gboolean        gloss_project_set_set_rule      (GlossProject  *self,
                                                 gint64         set_id,
                                                 const char    *rule,
                                                 GError       **error);
/* Renames the set and changes its rule (blank: back to its listed
 * members) in one undoable step; nothing changes when either is refused. */
gboolean        gloss_project_change_set        (GlossProject  *self,
                                                 gint64         set_id,
                                                 const char    *name,
                                                 const char    *rule,
                                                 GError       **error);
gboolean        gloss_project_delete_set        (GlossProject  *self,
                                                 gint64         set_id,
                                                 GError       **error);
/* Members of a set of listed members: documents or codes by id. */
gboolean        gloss_project_add_set_members   (GlossProject  *self,
                                                 gint64         set_id,
                                                 const gint64  *member_ids,
                                                 guint          n_members,
                                                 GError       **error);
gboolean        gloss_project_remove_set_members (GlossProject *self,
                                                  gint64        set_id,
                                                  const gint64 *member_ids,
                                                  guint         n_members,
                                                  GError      **error);
GPtrArray      *gloss_project_list_sets         (GlossProject  *self,
                                                 GError       **error);
GlossSet       *gloss_project_get_set           (GlossProject  *self,
                                                 gint64         set_id,
                                                 GError       **error);
gint64          gloss_project_find_set          (GlossProject  *self,
                                                 const char    *id_or_name,
                                                 GError       **error);
/* The members now (gint64, ascending): the listed ones, or the documents
 * the rule matches. Removed documents are never members. */
GArray         *gloss_project_get_set_members   (GlossProject  *self,
                                                 gint64         set_id,
                                                 GError       **error);

/* The documents (gint64, ascending, not removed) that satisfy @where, a
 * condition over document attributes:
 *   cond   := term { ("and" | "or") term }      ("and" binds tighter)
 *   term   := "not" term | "(" cond ")" | NAME OP VALUE | NAME "is" ["not"] "empty"
 *   OP     := "=" | "!=" | "<" | "<=" | ">" | ">=" | "~" (contains, any case)
 * NAME and VALUE are words (letters, digits, "-", "_", ".", ":") or quoted
 * with "…"; text and category compare in any case, numbers as numbers,
 * dates as dates. A name may be prefixed "case." for the attribute of a
 * case the document belongs to. */
GArray         *gloss_project_match_documents   (GlossProject  *self,
                                                 const char    *where,
                                                 GError       **error);

G_END_DECLS
