/* fuzz-merge.c: merging a coder's copy whose rows another program changed
 *
 * Each input mutates a copy of a valid project (see fuzz-rows.c); with bit 1
 * of its first byte the lead is the mutated one instead. The other is
 * merged into the lead: no crash, no hang; a refused merge says why and
 * leaves the lead as it was; a merge that succeeds leaves a lead that
 * passes check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-rows.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *mutated;
static char *sound;

static void
remove_files (void)
{
  fuzz_rows_remove (mutated);
  fuzz_rows_remove (sound);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *folder = fuzz_rows_init ();

  mutated = g_build_filename (folder, "mutated.gloss", NULL);
  sound = g_build_filename (folder, "sound.gloss", NULL);
  atexit (remove_files);
  return 0;
}

/* What the lead holds, to see that a refused merge changed nothing. */
static char *
state (GlossProject *project)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (project, NULL);
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (project, NULL);
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (project, NULL, NULL);
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (project, NULL);

  g_string_append_printf (out, "%u %u %u %u", coders ? coders->len : 0, codes ? codes->len : 0,
                          codings ? codings->len : 0, documents ? documents->len : 0);
  for (guint i = 0; codings != NULL && i < codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (codings, i);
      g_string_append_printf (out, " %s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, coding->guid, coding->start,
                              coding->end);
    }
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) lead = NULL;
  g_autoptr(GlossMergeSummary) summary = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean lead_mutated = size > 0 && (data[0] & 2) != 0;
  g_autoptr(GFile) from = g_file_new_for_path (fuzz_rows_base ());
  g_autoptr(GFile) to = g_file_new_for_path (sound);

  fuzz_rows_make_input (mutated, data, size);
  fuzz_rows_remove (sound);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));

  lead = gloss_project_open (lead_mutated ? mutated : sound, &error);
  if (lead == NULL)
    {
      g_assert_nonnull (error);
      remove_files ();
      return 0;
    }

  before = state (lead);
  if (!gloss_project_merge (lead, lead_mutated ? sound : mutated, GLOSS_MERGE_DEFAULT, &summary, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (error->message[0] != '\0');
      after = state (lead);
      g_assert_cmpstr (before, ==, after);
    }
  else if (!lead_mutated)
    {
      /* A sound lead stays sound: merge verifies what it takes. */
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      g_assert_true (gloss_project_check (lead, problems, &error));
      if (problems->len > 0)
        g_error ("the merge broke the lead: %s", (const char *) g_ptr_array_index (problems, 0));
    }

  gloss_project_close (lead);
  remove_files ();
  return 0;
}
