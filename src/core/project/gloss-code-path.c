/* gloss-code-path.c: escaping code names in paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-code-path.h"

char *
gloss_code_path_escape (const char *name)
{
  GString *out = g_string_sized_new (strlen (name) + 2);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '/')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
gloss_code_path_append (const char *parent_path,
                        const char *name)
{
  g_autofree char *escaped = gloss_code_path_escape (name);

  if (parent_path == NULL || *parent_path == '\0')
    return g_steal_pointer (&escaped);

  return g_strconcat (parent_path, "/", escaped, NULL);
}

GStrv
gloss_code_path_split (const char *path)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == '\\' && (p[1] == '\\' || p[1] == '/'))
        g_string_append_c (name, *++p);
      else if (*p == '/')
        {
          g_strv_builder_add (names, name->str);
          g_string_truncate (name, 0);
        }
      else
        g_string_append_c (name, *p);
    }
  g_strv_builder_add (names, name->str);

  return g_strv_builder_end (names);
}
