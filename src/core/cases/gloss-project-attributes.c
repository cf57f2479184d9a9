/* gloss-project-attributes.c: typed variables on documents, coders, cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-cases-private.h"

#define ATTRIBUTE_SELECT \
  "SELECT a.id, a.guid, a.target, a.name, a.type, a.choices, a.description, a.position, " \
  "(SELECT count(*) FROM attribute_value v WHERE v.attribute_id = a.id) FROM attribute a "

static GStrv
choices_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *choice = json_array_get_string_element (array, i);
      if (choice != NULL)
        g_strv_builder_add (builder, choice);
    }

  return g_strv_builder_end (builder);
}

static char *
choices_to_json (const char * const *choices)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    json_builder_add_string_value (builder, choices[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static GlossAttribute *
attribute_from_row (sqlite3_stmt *stmt)
{
  GlossAttribute *attribute = g_new0 (GlossAttribute, 1);
  g_autofree char *target = _gloss_column_dup_text (stmt, 2);
  g_autofree char *type = _gloss_column_dup_text (stmt, 4);
  g_autofree char *choices = _gloss_column_dup_text (stmt, 5);

  attribute->id = sqlite3_column_int64 (stmt, 0);
  attribute->guid = _gloss_column_dup_text (stmt, 1);
  gloss_attribute_target_from_string (target, &attribute->target);
  attribute->name = _gloss_column_dup_text (stmt, 3);
  gloss_attribute_type_from_string (type, &attribute->type);
  if (attribute->type == GLOSS_ATTRIBUTE_CATEGORY)
    attribute->choices = choices_from_json (choices);
  attribute->description = _gloss_column_dup_text (stmt, 6);
  attribute->position = sqlite3_column_int (stmt, 7);
  attribute->n_values = sqlite3_column_int64 (stmt, 8);

  return attribute;
}

gboolean
_gloss_attribute_target_exists (GlossProject         *self,
                                GlossAttributeTarget  target,
                                gint64                target_id)
{
  static const char * const sql[] = {
    "SELECT 1 FROM document WHERE id = ?1 AND removed = 0",
    "SELECT 1 FROM coder WHERE id = ?1",
    "SELECT 1 FROM case_item WHERE id = ?1",
  };
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql[target], NULL);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return exists;
}

char *
_gloss_attribute_target_label (GlossProject         *self,
                               GlossAttributeTarget  target,
                               gint64                target_id)
{
  static const char * const sql[] = {
    "SELECT title FROM document WHERE id = ?1",
    "SELECT name FROM coder WHERE id = ?1",
    "SELECT name FROM case_item WHERE id = ?1",
  };
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql[target], NULL);
  char *label = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, target_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        label = _gloss_column_dup_text (stmt, 0);
      sqlite3_reset (stmt);
    }

  return label != NULL ? label : g_strdup_printf ("%" G_GINT64_FORMAT, target_id);
}

/* Category lists: at least one value, each valid, no two alike. */
static GStrv
clean_choices (const char * const  *choices,
               GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      g_autofree char *clean = NULL;
      char *folded;

      if (!g_utf8_validate (choices[i], -1, NULL))
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A category value is not valid text"));
          return NULL;
        }
      clean = g_strstrip (g_strdup (choices[i]));
      if (*clean == '\0')
        continue;
      folded = g_utf8_casefold (clean, -1);
      if (!g_hash_table_add (seen, folded))
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE,
                       _("The category value “%s” is listed twice"), clean);
          return NULL;
        }
      g_strv_builder_add (builder, clean);
      n++;
    }

  if (n == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("A category needs a list of values"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

static char *
clean_attribute_name (const char  *name,
                      GError     **error)
{
  g_autofree char *clean = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The name is not valid text"));
      return NULL;
    }

  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0')
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("An attribute needs a name"));
      return NULL;
    }

  /* Conditions name attributes; quotes would make them hard to write. */
  if (strchr (clean, '"') != NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("An attribute name cannot contain “\"”"));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

gint64
gloss_project_add_attribute (GlossProject          *self,
                             GlossAttributeTarget   target,
                             const char            *name,
                             GlossAttributeType     type,
                             const char * const    *choices,
                             GError               **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *guid = _gloss_new_guid ();
  g_autofree char *label = NULL;
  g_autofree char *duplicate = NULL;
  g_autofree char *choices_json = NULL;
  g_auto(GStrv) clean_list = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if ((clean = clean_attribute_name (name, error)) == NULL)
    return 0;
  if (type == GLOSS_ATTRIBUTE_CATEGORY)
    {
      if ((clean_list = clean_choices (choices, error)) == NULL)
        return 0;
      choices_json = choices_to_json ((const char * const *) clean_list);
    }

  label = g_strdup_printf (_("Add attribute “%s”"), clean);
  duplicate = g_strdup_printf (_("There is already an attribute “%s”"), clean);

  if (!gloss_project_begin_step (self, label, error))
    return 0;

  stmt = _gloss_project_prepare (self,
                                 "INSERT INTO attribute (guid, target, name, type, choices, position, created) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, "
                                 "(SELECT ifnull (max (position) + 1, 0) FROM attribute WHERE target = ?2), ?6)",
                                 error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, gloss_attribute_target_to_string (target), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, clean, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, gloss_attribute_type_to_string (type), -1, SQLITE_STATIC);
      if (choices_json != NULL)
        sqlite3_bind_text (stmt, 5, choices_json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, _gloss_now ());
    }
  return _gloss_project_finish_insert (self, stmt, duplicate, GLOSS_CHANGE_ATTRIBUTES, error);
}

GlossAttribute *
gloss_project_get_attribute (GlossProject  *self,
                             gint64         attribute_id,
                             GError       **error)
{
  GlossAttribute *attribute;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  attribute = _gloss_project_query_row (self, ATTRIBUTE_SELECT "WHERE a.id = ?1", attribute_id,
                                        (GlossRowFunc) attribute_from_row, error);
  if (attribute == NULL && (error == NULL || *error == NULL))
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                 _("No attribute %" PRId64 " in the project"), attribute_id);

  return attribute;
}

GPtrArray *
gloss_project_list_attributes (GlossProject  *self,
                               int            target,
                               GError       **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *chosen;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  all = _gloss_project_query_rows (self, ATTRIBUTE_SELECT "ORDER BY a.target, a.position, a.id", 0,
                                   (GlossRowFunc) attribute_from_row,
                                   (GDestroyNotify) gloss_attribute_free, error);
  if (all == NULL || target < 0)
    return g_steal_pointer (&all);

  chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_attribute_free);
  for (guint i = 0; i < all->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (all, i);
      if ((int) attribute->target == target)
        g_ptr_array_add (chosen, g_steal_pointer (&all->pdata[i]));
    }

  return chosen;
}

gint64
gloss_project_find_attribute (GlossProject          *self,
                              GlossAttributeTarget   target,
                              const char            *name,
                              GError               **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  stmt = _gloss_project_prepare (self,
                                 "SELECT id FROM attribute WHERE target = ?1 AND name = trim (?2) COLLATE NOCASE",
                                 error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, gloss_attribute_target_to_string (target), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                 target == GLOSS_ATTRIBUTE_ON_CODER ? _("No coder attribute “%s” in the project")
                 : target == GLOSS_ATTRIBUTE_ON_CASE ? _("No case attribute “%s” in the project")
                 : _("No document attribute “%s” in the project"), name);

  return id;
}

/* The rules of sets name attributes: a renamed attribute is renamed in
 * them too, inside the rename's step, so that the sets keep their members. */
static gboolean
rename_in_rules (GlossProject         *self,
                 const GlossAttribute *attribute,
                 const char           *name,
                 GError              **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (attribute->target == GLOSS_ATTRIBUTE_ON_CODER)
    return TRUE;

  stmt = _gloss_project_prepare (self, "SELECT id, rule FROM set_item WHERE rule IS NOT NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *rule = _gloss_column_dup_text (stmt, 1);
      char *renamed = _gloss_condition_rename_attribute (rule, attribute->target, attribute->name, name);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (renamed == NULL)
        continue;
      g_array_append_val (ids, id);
      g_ptr_array_add (rules, renamed);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _gloss_set_sqlite_error (self->db, rc, error, _("Cannot read the project"));
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = _gloss_project_prepare (self, "UPDATE set_item SET rule = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (rules, i), -1, SQLITE_TRANSIENT);
      if (!_gloss_project_run (self, stmt, error))
        return FALSE;
    }

  if (ids->len > 0)
    _gloss_project_note_change (self, GLOSS_CHANGE_SETS);
  return TRUE;
}

gboolean
gloss_project_rename_attribute (GlossProject  *self,
                                gint64         attribute_id,
                                const char    *name,
                                GError       **error)
{
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *duplicate = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((attribute = gloss_project_get_attribute (self, attribute_id, error)) == NULL ||
      (clean = clean_attribute_name (name, error)) == NULL)
    return FALSE;

  duplicate = g_strdup_printf (_("There is already an attribute “%s”"), clean);
  if (!gloss_project_begin_step (self, _("Rename attribute"), error))
    return FALSE;

  stmt = _gloss_project_prepare (self, "UPDATE attribute SET name = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, attribute_id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  if (!_gloss_project_finish (self, stmt, duplicate, error) ||
      !rename_in_rules (self, attribute, clean, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_ATTRIBUTES);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

gboolean
gloss_project_delete_attribute (GlossProject  *self,
                                gint64         attribute_id,
                                GError       **error)
{
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((attribute = gloss_project_get_attribute (self, attribute_id, error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Delete attribute “%s”"), attribute->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  /* The values first, each recorded, so that undo brings them back. */
  if (!_gloss_project_run_with_id (self, "DELETE FROM attribute_value WHERE attribute_id = ?1",
                                   attribute_id, error) ||
      !_gloss_project_run_with_id (self, "DELETE FROM attribute WHERE id = ?1", attribute_id, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  _gloss_project_note_change (self, GLOSS_CHANGE_ATTRIBUTES);
  return gloss_project_end_step (self, error);
}

/* Writes one value (NULL: none) inside the current step. */
static gboolean
store_value (GlossProject  *self,
             gint64         attribute_id,
             gint64         target_id,
             const char    *value,
             GError       **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    stmt = _gloss_project_prepare (self,
                                   "DELETE FROM attribute_value WHERE attribute_id = ?1 AND target_id = ?2",
                                   error);
  else
    stmt = _gloss_project_prepare (self,
                                   "INSERT INTO attribute_value (attribute_id, target_id, value) VALUES (?1, ?2, ?3) "
                                   "ON CONFLICT (attribute_id, target_id) DO UPDATE SET value = excluded.value "
                                   "WHERE value IS NOT excluded.value",
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attribute_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);

  return _gloss_project_run (self, stmt, error);
}

gboolean
gloss_project_set_attribute_value (GlossProject  *self,
                                   gint64         attribute_id,
                                   gint64         target_id,
                                   const char    *value,
                                   GError       **error)
{
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((attribute = gloss_project_get_attribute (self, attribute_id, error)) == NULL)
    return FALSE;

  if (!_gloss_attribute_target_exists (self, attribute->target, target_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("No %s %" PRId64 " in the project"),
                   gloss_attribute_target_to_string (attribute->target), target_id);
      return FALSE;
    }

  if (!gloss_attribute_normalize (attribute->type, (const char * const *) attribute->choices,
                                  value, &canonical, &local_error))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s: %s", attribute->name, local_error->message);
      return FALSE;
    }

  label = g_strdup_printf (_("Set “%s”"), attribute->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;
  if (!store_value (self, attribute_id, target_id, canonical, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  _gloss_project_note_change (self, GLOSS_CHANGE_ATTRIBUTES);
  return gloss_project_end_step (self, error);
}

char *
gloss_project_get_attribute_value (GlossProject  *self,
                                   gint64         attribute_id,
                                   gint64         target_id,
                                   GError       **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  stmt = _gloss_project_prepare (self,
                                 "SELECT value FROM attribute_value WHERE attribute_id = ?1 AND target_id = ?2",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attribute_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static GlossAttributeValue *
value_from_row (sqlite3_stmt *stmt)
{
  GlossAttributeValue *value = g_new0 (GlossAttributeValue, 1);

  value->attribute_id = sqlite3_column_int64 (stmt, 0);
  value->target_id = sqlite3_column_int64 (stmt, 1);
  value->value = _gloss_column_dup_text (stmt, 2);

  return value;
}

GPtrArray *
gloss_project_list_attribute_values (GlossProject  *self,
                                     gint64         attribute_id,
                                     gint64         target_id,
                                     GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if (attribute_id != 0)
    return _gloss_project_query_rows (self,
                                      "SELECT attribute_id, target_id, value FROM attribute_value "
                                      "WHERE attribute_id = ?1 ORDER BY target_id",
                                      attribute_id, (GlossRowFunc) value_from_row,
                                      (GDestroyNotify) gloss_attribute_value_free, error);

  return _gloss_project_query_rows (self,
                                    "SELECT v.attribute_id, v.target_id, v.value FROM attribute_value v "
                                    "JOIN attribute a ON a.id = v.attribute_id "
                                    "WHERE v.target_id = ?1 ORDER BY a.target, a.position, a.id",
                                    target_id, (GlossRowFunc) value_from_row,
                                    (GDestroyNotify) gloss_attribute_value_free, error);
}

/* Retyping */

/* A value converted to @type; yes/no becomes 1/0 as a number. */
static char *
convert_value (GlossAttributeType   from,
               GlossAttributeType   type,
               const char * const  *choices,
               const char          *value)
{
  char *out = NULL;

  if (from == GLOSS_ATTRIBUTE_BOOLEAN && type == GLOSS_ATTRIBUTE_NUMBER)
    return g_strdup (g_str_equal (value, "true") ? "1" : "0");

  if (!gloss_attribute_normalize (type, choices, value, &out, NULL))
    return NULL;

  return out;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* A text or other attribute made a category without a list takes its
 * values, in the order they sort. */
static GStrv
choices_from_values (GPtrArray *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < values->len; i++)
    {
      GlossAttributeValue *value = g_ptr_array_index (values, i);
      if (g_hash_table_add (seen, g_utf8_casefold (value->value, -1)))
        g_ptr_array_add (sorted, value->value);
    }
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (sorted, i));

  return g_strv_builder_end (builder);
}

gboolean
gloss_project_retype_attribute (GlossProject          *self,
                                gint64                 attribute_id,
                                GlossAttributeType     type,
                                const char * const    *choices,
                                gboolean               drop_unconverted,
                                GPtrArray             *unconverted,
                                GError               **error)
{
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) converted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) list = NULL;
  g_autofree char *choices_json = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((attribute = gloss_project_get_attribute (self, attribute_id, error)) == NULL ||
      (values = gloss_project_list_attribute_values (self, attribute_id, 0, error)) == NULL)
    return FALSE;

  if (type == GLOSS_ATTRIBUTE_CATEGORY)
    {
      if (choices == NULL || choices[0] == NULL)
        list = choices_from_values (values);
      else if ((list = clean_choices (choices, error)) == NULL)
        return FALSE;
      if (list[0] == NULL)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A category needs a list of values"));
          return FALSE;
        }
      choices_json = choices_to_json ((const char * const *) list);
    }

  for (guint i = 0; i < values->len; i++)
    {
      GlossAttributeValue *value = g_ptr_array_index (values, i);
      char *out = convert_value (attribute->type, type, (const char * const *) list, value->value);

      g_ptr_array_add (converted, out);
      if (out == NULL)
        {
          g_autofree char *target = _gloss_attribute_target_label (self, attribute->target, value->target_id);
          g_ptr_array_add (failed, g_strdup_printf ("%s: %s", target, value->value));
        }
    }

  if (unconverted != NULL)
    for (guint i = 0; i < failed->len; i++)
      g_ptr_array_add (unconverted, g_strdup (g_ptr_array_index (failed, i)));

  if (failed->len > 0 && !drop_unconverted)
    {
      guint n_failed = failed->len;
      g_autofree char *names = NULL;

      g_ptr_array_add (failed, NULL);
      names = g_strjoinv ("; ", (char **) failed->pdata);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u value of “%s” does not convert to %s: %s",
                                "%u values of “%s” do not convert to %s: %s", n_failed),
                   n_failed, attribute->name, gloss_attribute_type_to_string (type), names);
      return FALSE;
    }

  label = g_strdup_printf (_("Change the type of “%s”"), attribute->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  stmt = _gloss_project_prepare (self, "UPDATE attribute SET type = ?2, choices = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, attribute_id);
  sqlite3_bind_text (stmt, 2, gloss_attribute_type_to_string (type), -1, SQLITE_STATIC);
  if (choices_json != NULL)
    sqlite3_bind_text (stmt, 3, choices_json, -1, SQLITE_TRANSIENT);
  if (!_gloss_project_run (self, stmt, error))
    goto fail;

  for (guint i = 0; i < values->len; i++)
    {
      GlossAttributeValue *value = g_ptr_array_index (values, i);
      const char *out = g_ptr_array_index (converted, i);

      if (g_strcmp0 (out, value->value) != 0 &&
          !store_value (self, attribute_id, value->target_id, out, error))
        goto fail;
    }

  _gloss_project_note_change (self, GLOSS_CHANGE_ATTRIBUTES);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

/* Whether @choices (as typed: blanks and spaces around values ignored)
 * list the values of @attribute, in its order. */
static gboolean
same_choices (const GlossAttribute *attribute,
              const char * const   *choices)
{
  guint n = 0;

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      g_autofree char *clean = g_strstrip (g_strdup (choices[i]));

      if (*clean == '\0')
        continue;
      if (attribute->choices == NULL || attribute->choices[n] == NULL ||
          g_strcmp0 (attribute->choices[n], clean) != 0)
        return FALSE;
      n++;
    }

  /* No list given keeps the list there is. */
  return n == 0 || attribute->choices == NULL || attribute->choices[n] == NULL;
}

gboolean
gloss_project_change_attribute (GlossProject          *self,
                                gint64                 attribute_id,
                                const char            *name,
                                GlossAttributeType     type,
                                const char * const    *choices,
                                gboolean               drop_unconverted,
                                GPtrArray             *unconverted,
                                GError               **error)
{
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;
  gboolean rename, retype;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((attribute = gloss_project_get_attribute (self, attribute_id, error)) == NULL ||
      (clean = clean_attribute_name (name, error)) == NULL)
    return FALSE;

  rename = g_strcmp0 (clean, attribute->name) != 0;
  retype = type != attribute->type || (type == GLOSS_ATTRIBUTE_CATEGORY && !same_choices (attribute, choices));
  if (!rename && !retype)
    return TRUE;

  label = g_strdup_printf (_("Change attribute “%s”"), attribute->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  /* The type first: its refusal (values that do not convert) is the likely one. */
  if ((retype && !gloss_project_retype_attribute (self, attribute_id, type, choices, drop_unconverted,
                                                   unconverted, error)) ||
      (rename && !gloss_project_rename_attribute (self, attribute_id, clean, error)))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  return gloss_project_end_step (self, error);
}

GPtrArray *
gloss_project_list_sets_using_attribute (GlossProject  *self,
                                         gint64         attribute_id,
                                         GError       **error)
{
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  GPtrArray *names;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if ((attribute = gloss_project_get_attribute (self, attribute_id, error)) == NULL ||
      (sets = gloss_project_list_sets (self, error)) == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  if (attribute->target == GLOSS_ATTRIBUTE_ON_CODER)
    return names;

  /* A rule names it when renaming it would change the rule. */
  for (guint i = 0; i < sets->len; i++)
    {
      GlossSet *set = g_ptr_array_index (sets, i);
      g_autofree char *renamed = NULL;

      if (set->rule == NULL)
        continue;
      renamed = _gloss_condition_rename_attribute (set->rule, attribute->target, attribute->name,
                                                   "gloss-renamed-attribute");
      if (renamed != NULL && g_strcmp0 (renamed, set->rule) != 0)
        g_ptr_array_add (names, g_strdup (set->name));
    }

  return names;
}
