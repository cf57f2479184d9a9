/* gloss-merge-cases.c: attributes, their values, cases and sets of a
 * coder's copy merged into the lead project
 *
 * Matched by GUID, as everything else in a merge: an attribute, case or set
 * the lead lacks is added with its GUID (unless the lead has another of the
 * same name: a conflict); a value the lead lacks is added, a different one
 * is a conflict that --theirs resolves their way; case members and listed
 * set members are added when missing. Deletions are not carried over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-cases.h"
#include "gloss-exchange-private.h"

typedef struct
{
  GlossProject      *lead;
  GlossProject      *other;
  GHashTable        *documents;
  GHashTable        *coders;
  GHashTable        *codes;
  GHashTable        *attributes;  /* other id -> lead id */
  GHashTable        *cases;       /* other id -> lead id */
  gboolean           theirs;
  GlossMergeSummary *summary;
} CaseMerge;

/* The lead's row of the same GUID (0: none). */
static gint64
lead_by_guid (CaseMerge  *m,
              const char *sql,
              const char *guid)
{
  return _gloss_project_select_id (m->lead, sql, guid, NULL);
}

static gboolean
same_choices (GStrv a,
              GStrv b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
merge_attributes (CaseMerge  *m,
                  GError    **error)
{
  g_autoptr(GPtrArray) theirs = gloss_project_list_attributes (m->other, -1, error);

  if (theirs == NULL)
    return FALSE;

  for (guint i = 0; i < theirs->len; i++)
    {
      const GlossAttribute *a = g_ptr_array_index (theirs, i);
      gint64 id = lead_by_guid (m, "SELECT id FROM attribute WHERE guid = ?1", a->guid);

      if (id == 0)
        {
          if (gloss_project_find_attribute (m->lead, a->target, a->name, NULL) != 0)
            {
              _gloss_merge_note (m->summary->conflicts, "attribute", a->guid, a->name,
                                 _("the lead has another attribute of this name"));
              continue;
            }
          id = gloss_project_add_attribute (m->lead, a->target, a->name, a->type,
                                            (const char * const *) a->choices, error);
          if (id == 0)
            return FALSE;
          _gloss_keep_guid (m->lead, "attribute", id, a->guid);
          _gloss_merge_note (m->summary->added, "attribute", a->guid, a->name, NULL);
        }
      else
        {
          g_autoptr(GlossAttribute) ours = gloss_project_get_attribute (m->lead, id, error);

          if (ours == NULL)
            return FALSE;
          if (ours->type != a->type || !same_choices (ours->choices, a->choices))
            {
              _gloss_merge_note (m->summary->conflicts, "attribute", a->guid, a->name,
                                 _("the type or the values differ; the lead’s are kept"));
              continue;
            }
          if (g_strcmp0 (ours->name, a->name) != 0)
            {
              if (m->theirs && gloss_project_find_attribute (m->lead, a->target, a->name, NULL) == 0)
                {
                  if (!gloss_project_rename_attribute (m->lead, id, a->name, error))
                    return FALSE;
                  m->summary->n_updated++;
                }
              else
                _gloss_merge_note (m->summary->conflicts, "attribute", a->guid, a->name, _("renamed differently"));
            }
          else
            m->summary->n_unchanged++;
        }
      _gloss_merge_map_put (m->attributes, a->id, id);
    }

  return TRUE;
}

static gint64
lead_target (CaseMerge            *m,
             GlossAttributeTarget  target,
             gint64                id)
{
  switch (target)
    {
    case GLOSS_ATTRIBUTE_ON_CODER:
      return _gloss_merge_map_get (m->coders, id);
    case GLOSS_ATTRIBUTE_ON_CASE:
      return _gloss_merge_map_get (m->cases, id);
    case GLOSS_ATTRIBUTE_ON_DOCUMENT:
    default:
      return _gloss_merge_map_get (m->documents, id);
    }
}

static gboolean
merge_values (CaseMerge  *m,
              GError    **error)
{
  g_autoptr(GPtrArray) theirs = gloss_project_list_attributes (m->other, -1, error);

  if (theirs == NULL)
    return FALSE;

  for (guint i = 0; i < theirs->len; i++)
    {
      const GlossAttribute *a = g_ptr_array_index (theirs, i);
      gint64 id = _gloss_merge_map_get (m->attributes, a->id);
      g_autoptr(GPtrArray) values = NULL;

      if (id == 0)
        continue;
      if ((values = gloss_project_list_attribute_values (m->other, a->id, 0, error)) == NULL)
        return FALSE;

      for (guint v = 0; v < values->len; v++)
        {
          const GlossAttributeValue *value = g_ptr_array_index (values, v);
          gint64 target = lead_target (m, a->target, value->target_id);
          g_autofree char *ours = NULL;
          g_autofree char *label = NULL;
          g_autoptr(GError) local_error = NULL;

          if (target == 0)
            continue;
          ours = gloss_project_get_attribute_value (m->lead, id, target, NULL);
          if (g_strcmp0 (ours, value->value) == 0)
            {
              m->summary->n_unchanged++;
              continue;
            }
          label = g_strdup_printf ("%s = %s", a->name, value->value);
          if (ours != NULL && !m->theirs)
            {
              g_autofree char *reason = g_strdup_printf (_("the lead has “%s”"), ours);
              _gloss_merge_note (m->summary->conflicts, "value", a->guid, label, reason);
              continue;
            }
          if (!gloss_project_set_attribute_value (m->lead, id, target, value->value, &local_error))
            {
              if (m->lead->step_failed)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              _gloss_merge_note (m->summary->skipped, "value", a->guid, label, local_error->message);
              continue;
            }
          if (ours != NULL)
            m->summary->n_updated++;
          else
            _gloss_merge_note (m->summary->added, "value", a->guid, label, NULL);
        }
    }

  return TRUE;
}

static gboolean
merge_members (CaseMerge  *m,
               gint64      their_case,
               gint64      case_id,
               GError    **error)
{
  g_autoptr(GPtrArray) members = gloss_project_list_case_members (m->other, their_case, error);

  if (members == NULL)
    return FALSE;

  for (guint i = 0; i < members->len; i++)
    {
      const GlossCaseMember *member = g_ptr_array_index (members, i);
      gint64 doc = _gloss_merge_map_get (m->documents, member->document_id);
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (lead_by_guid (m, "SELECT id FROM case_member WHERE guid = ?1", member->guid) != 0 || doc == 0)
        continue;
      id = gloss_project_add_case_member (m->lead, case_id, doc, member->start, member->end, &local_error);
      if (id == 0)
        {
          if (m->lead->step_failed)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;   /* the lead has the same member under another GUID */
        }
      _gloss_keep_guid (m->lead, "case_member", id, member->guid);
    }

  return TRUE;
}

static gboolean
merge_case_items (CaseMerge  *m,
                  GError    **error)
{
  g_autoptr(GPtrArray) theirs = gloss_project_list_cases (m->other, error);

  if (theirs == NULL)
    return FALSE;

  for (guint i = 0; i < theirs->len; i++)
    {
      const GlossCase *c = g_ptr_array_index (theirs, i);
      gint64 id = lead_by_guid (m, "SELECT id FROM case_item WHERE guid = ?1", c->guid);

      if (id == 0)
        {
          if (gloss_project_find_case (m->lead, c->name, NULL) != 0)
            {
              _gloss_merge_note (m->summary->conflicts, "case", c->guid, c->name, _("the lead has another case of this name"));
              continue;
            }
          if ((id = gloss_project_add_case (m->lead, c->name, c->description, error)) == 0)
            return FALSE;
          _gloss_keep_guid (m->lead, "case_item", id, c->guid);
          _gloss_merge_note (m->summary->added, "case", c->guid, c->name, NULL);
        }
      else
        m->summary->n_unchanged++;

      _gloss_merge_map_put (m->cases, c->id, id);
      if (!merge_members (m, c->id, id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
merge_sets (CaseMerge  *m,
            GError    **error)
{
  g_autoptr(GPtrArray) theirs = gloss_project_list_sets (m->other, error);

  if (theirs == NULL)
    return FALSE;

  for (guint i = 0; i < theirs->len; i++)
    {
      const GlossSet *s = g_ptr_array_index (theirs, i);
      gint64 id = lead_by_guid (m, "SELECT id FROM set_item WHERE guid = ?1", s->guid);
      g_autoptr(GlossSet) ours = NULL;
      g_autoptr(GArray) members = NULL;
      g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (id == 0)
        {
          g_autoptr(GError) local_error = NULL;

          if (gloss_project_find_set (m->lead, s->name, NULL) != 0)
            {
              _gloss_merge_note (m->summary->conflicts, "set", s->guid, s->name, _("the lead has another set of this name"));
              continue;
            }
          id = gloss_project_add_set (m->lead, s->kind, s->name, s->rule, &local_error);
          if (id == 0)
            {
              /* A rule naming an attribute the lead lacks is not an error of the merge. */
              if (m->lead->step_failed)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              _gloss_merge_note (m->summary->skipped, "set", s->guid, s->name, local_error->message);
              continue;
            }
          _gloss_keep_guid (m->lead, "set_item", id, s->guid);
          _gloss_merge_note (m->summary->added, "set", s->guid, s->name, NULL);
        }
      else
        m->summary->n_unchanged++;

      if ((ours = gloss_project_get_set (m->lead, id, error)) == NULL)
        return FALSE;
      if (g_strcmp0 (ours->rule, s->rule) != 0)
        {
          _gloss_merge_note (m->summary->conflicts, "set", s->guid, s->name, _("the rule differs; the lead’s is kept"));
          continue;
        }
      if (s->rule != NULL)
        continue;

      if ((members = gloss_project_get_set_members (m->other, s->id, error)) == NULL)
        return FALSE;
      for (guint k = 0; k < members->len; k++)
        {
          gint64 member = _gloss_merge_map_get (s->kind == GLOSS_SET_CODES ? m->codes : m->documents,
                                                g_array_index (members, gint64, k));
          if (member != 0)
            g_array_append_val (mapped, member);
        }
      if (mapped->len > 0 &&
          !gloss_project_add_set_members (m->lead, id, (const gint64 *) mapped->data, mapped->len, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_gloss_merge_cases (GlossProject      *lead,
                    GlossProject      *other,
                    GHashTable        *documents,
                    GHashTable        *coders,
                    GHashTable        *codes,
                    gboolean           theirs,
                    GlossMergeSummary *summary,
                    GError           **error)
{
  CaseMerge m = { lead, other, documents, coders, codes, NULL, NULL, theirs, summary };
  gboolean ok;

  m.attributes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  m.cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* Cases before values: a value may belong to a case. */
  ok = merge_attributes (&m, error) &&
       merge_case_items (&m, error) &&
       merge_values (&m, error) &&
       merge_sets (&m, error);

  g_hash_table_unref (m.attributes);
  g_hash_table_unref (m.cases);
  return ok;
}
