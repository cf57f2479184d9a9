/* gloss-codebook-json.c: the codebook as JSON, in the shape the loader reads
 *
 * {"codes":[{"path","color","description"}]}: what gloss-project-load.c
 * reads back ("gloss-cli load", Import Codebook).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "gloss-project-private.h"

static void
add_code (JsonBuilder     *builder,
          const GlossCode *code)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, code->path);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, code->color);
  if (code->description != NULL && *code->description != '\0')
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, code->description);
    }
  json_builder_end_object (builder);
}

char *
gloss_project_dup_codebook_json (GlossProject  *self,
                                 GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if ((codes = gloss_project_list_codes (self, error)) == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < codes->len; i++)
    add_code (builder, g_ptr_array_index (codes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
gloss_project_export_codebook_json (GlossProject  *self,
                                    const char    *path,
                                    GError       **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return (json = gloss_project_dup_codebook_json (self, error)) != NULL &&
         g_file_set_contents (path, json, -1, error);
}
