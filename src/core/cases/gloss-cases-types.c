/* gloss-cases-types.c: attribute types, their names, and values in their
 * canonical form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gloss-cases.h"
#include "gloss-error.h"

static const char * const type_names[] = { "text", "number", "date", "boolean", "category" };
static const char * const target_names[] = { "document", "coder", "case" };

const char *
gloss_attribute_type_to_string (GlossAttributeType type)
{
  return (guint) type < G_N_ELEMENTS (type_names) ? type_names[type] : "text";
}

gboolean
gloss_attribute_type_from_string (const char         *str,
                                  GlossAttributeType *type)
{
  if (g_strcmp0 (str, "yes/no") == 0 || g_strcmp0 (str, "bool") == 0)
    str = "boolean";

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_strcmp0 (str, type_names[i]) == 0)
      {
        *type = (GlossAttributeType) i;
        return TRUE;
      }

  return FALSE;
}

const char *
gloss_attribute_target_to_string (GlossAttributeTarget target)
{
  return (guint) target < G_N_ELEMENTS (target_names) ? target_names[target] : "document";
}

gboolean
gloss_attribute_target_from_string (const char           *str,
                                    GlossAttributeTarget *target)
{
  for (guint i = 0; i < G_N_ELEMENTS (target_names); i++)
    if (g_strcmp0 (str, target_names[i]) == 0)
      {
        *target = (GlossAttributeTarget) i;
        return TRUE;
      }

  return FALSE;
}

const char *
gloss_set_kind_to_string (GlossSetKind kind)
{
  return kind == GLOSS_SET_CODES ? "code" : "document";
}

gboolean
gloss_set_kind_from_string (const char   *str,
                            GlossSetKind *kind)
{
  if (g_strcmp0 (str, "document") == 0 || g_strcmp0 (str, "documents") == 0)
    *kind = GLOSS_SET_DOCUMENTS;
  else if (g_strcmp0 (str, "code") == 0 || g_strcmp0 (str, "codes") == 0)
    *kind = GLOSS_SET_CODES;
  else
    return FALSE;

  return TRUE;
}

void
gloss_attribute_free (GlossAttribute *attribute)
{
  if (attribute == NULL)
    return;

  g_free (attribute->guid);
  g_free (attribute->name);
  g_strfreev (attribute->choices);
  g_free (attribute->description);
  g_free (attribute);
}

void
gloss_attribute_value_free (GlossAttributeValue *value)
{
  if (value == NULL)
    return;

  g_free (value->value);
  g_free (value);
}

void
gloss_case_free (GlossCase *item)
{
  if (item == NULL)
    return;

  g_free (item->guid);
  g_free (item->name);
  g_free (item->description);
  g_free (item);
}

void
gloss_case_member_free (GlossCaseMember *member)
{
  if (member == NULL)
    return;

  g_free (member->guid);
  g_free (member);
}

void
gloss_set_free (GlossSet *set)
{
  if (set == NULL)
    return;

  g_free (set->guid);
  g_free (set->name);
  g_free (set->rule);
  g_free (set->description);
  g_free (set);
}

/* Canonical values */

static char *
normalize_number (const char  *text,
                  GError     **error)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (end == text || *end != '\0' || !isfinite (value))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("“%s” is not a number"), text);
      return NULL;
    }

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static char *
normalize_date (const char  *text,
                GError     **error)
{
  guint year = 0, month = 0, day = 0;
  int consumed = 0;

  /* YYYY-MM-DD, optionally followed by a time ("2021-03-04T10:00:00Z"). */
  if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) == 3 &&
      consumed == 10 && (text[10] == '\0' || text[10] == 'T' || text[10] == ' ') &&
      g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return g_strdup_printf ("%04u-%02u-%02u", year, month, day);

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
               _("“%s” is not a date: use YYYY-MM-DD"), text);
  return NULL;
}

static char *
normalize_boolean (const char  *text,
                   GError     **error)
{
  static const char * const yes[] = { "true", "yes", "y", "1", NULL };
  static const char * const no[] = { "false", "no", "n", "0", NULL };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (g_strv_contains (yes, lower))
    return g_strdup ("true");
  if (g_strv_contains (no, lower))
    return g_strdup ("false");

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("“%s” is not yes or no"), text);
  return NULL;
}

static char *
normalize_category (const char * const  *choices,
                    const char          *text,
                    GError             **error)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *list = NULL;

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      g_autofree char *choice = g_utf8_casefold (choices[i], -1);
      if (g_str_equal (choice, folded))
        return g_strdup (choices[i]);
    }

  list = choices != NULL ? g_strjoinv (", ", (char **) choices) : g_strdup ("");
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
               _("“%s” is not one of the values: %s"), text, list);
  return NULL;
}

gboolean
gloss_attribute_normalize (GlossAttributeType   type,
                           const char * const  *choices,
                           const char          *input,
                           char               **out,
                           GError             **error)
{
  g_autofree char *text = NULL;

  *out = NULL;
  if (input == NULL)
    return TRUE;

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The value is not valid text"));
      return FALSE;
    }

  text = g_strstrip (g_strdup (input));
  if (*text == '\0')
    return TRUE;

  switch (type)
    {
    case GLOSS_ATTRIBUTE_NUMBER:
      *out = normalize_number (text, error);
      break;
    case GLOSS_ATTRIBUTE_DATE:
      *out = normalize_date (text, error);
      break;
    case GLOSS_ATTRIBUTE_BOOLEAN:
      *out = normalize_boolean (text, error);
      break;
    case GLOSS_ATTRIBUTE_CATEGORY:
      *out = normalize_category (choices, text, error);
      break;
    case GLOSS_ATTRIBUTE_TEXT:
    default:
      *out = g_steal_pointer (&text);
      break;
    }

  return *out != NULL;
}
