/* test-codebook.c: the code tree and the coders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "gloss-test-util.h"

static char *
paths_of (GlossProject *project)
{
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (project, NULL);
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    g_string_append_printf (str, "%s%s", i > 0 ? "," : "", ((GlossCode *) codes->pdata[i])->path);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static void
test_tree (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCode) code = NULL;
  g_autofree char *paths = NULL;
  gint64 partnership, funding, accountability, independence;

  partnership = gloss_project_add_code (project, 0, "Partnership", "#3584e4", "Working together", &error);
  g_assert_no_error (error);
  funding = gloss_project_add_code (project, partnership, "Funding", NULL, NULL, &error);
  accountability = gloss_project_add_code (project, partnership, "Accountability", NULL, NULL, &error);
  independence = gloss_project_ensure_code_path (project, "Independence/Codes of conduct", "#e01b24", "Imposed rules", &error);
  g_assert_no_error (error);

  paths = paths_of (project);
  g_assert_cmpstr (paths, ==, "Partnership,Partnership/Funding,Partnership/Accountability,Independence,Independence/Codes of conduct");
  g_assert_cmpint (gloss_project_find_code (project, "partnership/funding", NULL), ==, funding);
  g_assert_cmpint (gloss_project_find_code (project, "Independence/Codes of conduct", NULL), ==, independence);
  g_assert_cmpint (gloss_project_ensure_code_path (project, "Partnership/Funding", NULL, NULL, NULL), ==, funding);

  code = gloss_project_get_code (project, independence, &error);
  g_assert_cmpstr (code->color, ==, "#e01b24");
  g_assert_cmpstr (code->description, ==, "Imposed rules");
  g_assert_cmpuint (code->depth, ==, 1);

  /* Names are unique among siblings (whatever the case), not across the tree. */
  g_assert_cmpint (gloss_project_add_code (project, partnership, "funding", NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_add_code (project, 0, "Funding", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* Bad names and colours */
  g_assert_cmpint (gloss_project_add_code (project, 0, "  ", NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_add_code (project, 0, "Red", "red", NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_add_code (project, 99, "Orphan", NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Rename, recolour, describe */
  g_assert_true (gloss_project_rename_code (project, accountability, "State accountability", &error));
  g_assert_false (gloss_project_rename_code (project, accountability, "Funding", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (gloss_project_set_code_color (project, accountability, "#26a269", &error));
  g_assert_false (gloss_project_set_code_color (project, accountability, "#26a26", &error));
  g_clear_error (&error);
  g_assert_true (gloss_project_set_code_description (project, accountability, "Who answers to whom", &error));
  g_clear_pointer (&code, gloss_code_free);
  code = gloss_project_get_code (project, accountability, &error);
  g_assert_cmpstr (code->path, ==, "Partnership/State accountability");
  g_assert_cmpstr (code->color, ==, "#26a269");
  g_assert_cmpstr (code->description, ==, "Who answers to whom");
}

static void
test_move (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *paths = NULL;
  gint64 a, b, c, a1;

  a = gloss_project_add_code (project, 0, "A", NULL, NULL, &error);
  b = gloss_project_add_code (project, 0, "B", NULL, NULL, &error);
  c = gloss_project_add_code (project, 0, "C", NULL, NULL, &error);
  a1 = gloss_project_add_code (project, a, "A1", NULL, NULL, &error);
  g_assert_no_error (error);

  /* Re-order at the top level */
  g_assert_true (gloss_project_move_code (project, c, 0, 0, &error));
  paths = paths_of (project);
  g_assert_cmpstr (paths, ==, "C,A,A/A1,B");
  g_clear_pointer (&paths, g_free);

  /* Re-parent, and no cycles */
  g_assert_true (gloss_project_move_code (project, b, a1, -1, &error));
  paths = paths_of (project);
  g_assert_cmpstr (paths, ==, "C,A,A/A1,A/A1/B");
  g_clear_pointer (&paths, g_free);

  g_assert_false (gloss_project_move_code (project, a, b, -1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_false (gloss_project_move_code (project, a, a, -1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_CYCLE);
  g_clear_error (&error);

  g_assert_true (gloss_project_move_code (project, b, 0, 1, &error));
  paths = paths_of (project);
  g_assert_cmpstr (paths, ==, "C,B,A,A/A1");
}

static gint64
make_coding (GlossProject *project,
             gint64        doc,
             gint64        coder,
             gint64        code,
             gint64        start,
             gint64        end)
{
  g_autoptr(GError) error = NULL;
  gint64 id = gloss_project_add_coding (project, doc, coder, code, start, end, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_merge_and_delete (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *paths = NULL;
  gint64 doc, amina, a, b, a_child, c;
  GlossCodingFilter on_b = { 0 };

  doc = gloss_project_import_text (project, "t.txt", "Partnership requires accountability and trust.", -1, &error);
  amina = gloss_project_add_coder (project, "Amina", NULL, &error);
  a = gloss_project_add_code (project, 0, "Funding", NULL, NULL, &error);
  b = gloss_project_add_code (project, 0, "Money", NULL, NULL, &error);
  a_child = gloss_project_add_code (project, a, "Donors", NULL, NULL, &error);
  c = gloss_project_add_code (project, 0, "Trust", NULL, NULL, &error);
  g_assert_no_error (error);

  make_coding (project, doc, amina, a, 0, 11);
  make_coding (project, doc, amina, a, 12, 20);
  make_coding (project, doc, amina, b, 0, 11);   /* the same range on the target */
  make_coding (project, doc, amina, a_child, 21, 35);
  make_coding (project, doc, amina, c, 40, 45);

  g_assert_false (gloss_project_merge_code (project, a, a_child, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_CYCLE);
  g_clear_error (&error);

  g_assert_true (gloss_project_merge_code (project, a, b, &error));
  g_assert_no_error (error);
  paths = paths_of (project);
  g_assert_cmpstr (paths, ==, "Money,Money/Donors,Trust");
  on_b.code_id = b;
  g_assert_cmpint (gloss_project_count_codings (project, &on_b, NULL), ==, 2);
  g_assert_cmpint (gloss_project_count_code_codings (project, b, TRUE, NULL), ==, 3);
  g_assert_null (gloss_project_get_code (project, a, NULL));

  /* Deleting a code takes its children and all their codings. */
  g_assert_true (gloss_project_delete_code (project, b, &error));
  g_clear_pointer (&paths, g_free);
  paths = paths_of (project);
  g_assert_cmpstr (paths, ==, "Trust");
  g_assert_cmpint (gloss_project_count_codings (project, NULL, NULL), ==, 1);
}

static void
test_coders (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GlossCoder) coder = NULL;
  gint64 amina, jonas;

  amina = gloss_project_add_coder (project, "Amina", "#813d9c", &error);
  jonas = gloss_project_add_coder (project, "Jonas", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coder (project, "AMINA", NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (gloss_project_add_coder (project, "", NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (gloss_project_rename_coder (project, jonas, "Jonas K.", &error));
  g_assert_false (gloss_project_rename_coder (project, jonas, "amina", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (gloss_project_set_coder_color (project, jonas, "#e5a50a", &error));
  g_assert_false (gloss_project_set_coder_color (project, 42, "#e5a50a", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  coders = gloss_project_list_coders (project, &error);
  g_assert_cmpuint (coders->len, ==, 2);
  coder = gloss_project_get_coder (project, jonas, &error);
  g_assert_cmpstr (coder->name, ==, "Jonas K.");
  g_assert_cmpstr (coder->color, ==, "#e5a50a");
  g_assert_true (g_uuid_string_is_valid (coder->guid));
  g_assert_cmpint (gloss_project_find_coder (project, "amina", NULL), ==, amina);
}

/* Codes and coders never share a colour, and every way of making a code
 * follows one rule: the first palette colour no code has yet. */
static void
test_palettes (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  const char * const *codes, * const *coders;
  guint n_codes, n_coders;
  gint64 first, second, path, coder;
  g_autoptr(GlossCode) a = NULL;
  g_autoptr(GlossCode) b = NULL;
  g_autoptr(GlossCode) c = NULL;
  g_autoptr(GlossCoder) k = NULL;

  codes = gloss_palette_get_colors (GLOSS_PALETTE_CODES, &n_codes);
  coders = gloss_palette_get_colors (GLOSS_PALETTE_CODERS, &n_coders);
  for (guint i = 0; i < n_codes; i++)
    for (guint j = 0; j < n_coders; j++)
      g_assert_cmpstr (codes[i], !=, coders[j]);

  /* The codebook panel's way and the code popover's way. */
  first = gloss_project_add_code (project, 0, "Partnership", NULL, NULL, &error);
  g_assert_no_error (error);
  second = gloss_project_ensure_code_path (project, "Funding", NULL, NULL, &error);
  g_assert_no_error (error);
  /* A colour chosen by hand is taken; the rule skips it. */
  g_assert_true (gloss_project_set_code_color (project, first, codes[2], &error));
  path = gloss_project_ensure_code_path (project, "Voice/Refugee-led", NULL, NULL, &error);
  g_assert_no_error (error);

  a = gloss_project_get_code (project, first, &error);
  b = gloss_project_get_code (project, second, &error);
  c = gloss_project_get_code (project, path, &error);
  g_assert_cmpstr (b->color, ==, codes[1]);
  /* "Voice", made on the way, takes the freed first colour; its child the next free one. */
  g_assert_cmpstr (c->color, ==, codes[3]);
  g_assert_cmpstr (a->color, ==, codes[2]);

  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  g_assert_no_error (error);
  k = gloss_project_get_coder (project, coder, &error);
  for (guint i = 0; i < n_codes; i++)
    g_assert_cmpstr (k->color, !=, codes[i]);

  g_assert_cmpstr (gloss_palette_pick (GLOSS_PALETTE_CODES, codes, n_codes), ==, codes[0]);
  g_assert_cmpstr (gloss_palette_nth (GLOSS_PALETTE_CODERS, n_coders + 1), ==, coders[1]);
}

/* Codes nest at most GLOSS_MAX_CODE_LEVELS deep: adding or moving past it
 * is refused with a message, and nothing changes. */
static void
test_levels (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 parent = 0, level_99 = 0, deepest, other, below;

  for (int i = 0; i < GLOSS_MAX_CODE_LEVELS; i++)
    {
      g_autofree char *name = g_strdup_printf ("level %d", i + 1);

      level_99 = parent;
      parent = gloss_project_add_code (project, parent, name, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (parent, >, 0);
    }
  deepest = parent;

  g_assert_cmpint (gloss_project_add_code (project, deepest, "too deep", NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "100 levels"));
  g_clear_error (&error);

  /* A two-level branch cannot go below level 99; one code can. */
  other = gloss_project_add_code (project, 0, "Other", NULL, NULL, &error);
  below = gloss_project_add_code (project, other, "Below", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_project_move_code (project, other, level_99, -1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gloss_project_move_code (project, below, level_99, -1, &error));
  g_assert_no_error (error);
}

/* The codebook's JSON is what the loader reads back: same tree, colours
 * and descriptions in another project. */
static void
test_json_round_trip (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GlossProject) other = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "codebook.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GlossCode) child = NULL;
  gsize length;
  gint64 trust, id;

  trust = gloss_project_add_code (project, 0, "Trust", "#3584e4", "Confidence in others", &error);
  id = gloss_project_add_code (project, trust, "Institutional", "#e66100", NULL, &error);
  gloss_project_add_code (project, 0, "Funding", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  g_assert_true (gloss_project_export_codebook_json (project, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &json, &length, &error));
  g_assert_nonnull (strstr (json, "\"Trust/Institutional\""));
  g_assert_true (gloss_project_load_json (other, json, length, &error));
  g_assert_no_error (error);

  want = paths_of (project);
  got = paths_of (other);
  g_assert_cmpstr (got, ==, want);
  id = gloss_project_find_code (other, "Trust/Institutional", &error);
  child = gloss_project_get_code (other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (child->color, ==, "#e66100");
  g_clear_pointer (&child, gloss_code_free);
  child = gloss_project_get_code (other, gloss_project_find_code (other, "Trust", NULL), &error);
  g_assert_cmpstr (child->description, ==, "Confidence in others");
}

/* A name may hold "/" and "\\"; its path escapes them, and every command
 * that takes a path reads the escape back. */
static void
test_slash_in_name (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCode) code = NULL;
  g_autofree char *paths = NULL;
  gint64 asylum, child, nested;

  asylum = gloss_project_add_code (project, 0, "Asylum / refugee status", NULL, NULL, &error);
  g_assert_no_error (error);
  child = gloss_project_add_code (project, asylum, "C:\\data/1", NULL, NULL, &error);
  g_assert_no_error (error);
  code = gloss_project_get_code (project, child, &error);
  g_assert_cmpstr (code->name, ==, "C:\\data/1");
  g_assert_cmpstr (code->path, ==, "Asylum \\/ refugee status/C:\\\\data\\/1");
  g_assert_cmpint (gloss_project_find_code (project, code->path, &error), ==, child);
  g_assert_cmpint (gloss_project_find_code (project, "Asylum \\/ refugee status", &error), ==, asylum);
  g_assert_no_error (error);
  /* Unescaped, the same text is a path of two codes that are not there. */
  g_assert_cmpint (gloss_project_find_code (project, "Asylum / refugee status", NULL), ==, 0);

  nested = gloss_project_ensure_code_path (project, "Legal\\/status/Stateless", NULL, NULL, &error);
  g_assert_no_error (error);
  paths = paths_of (project);
  g_assert_cmpstr (paths, ==, "Asylum \\/ refugee status,Asylum \\/ refugee status/C:\\\\data\\/1,"
                              "Legal\\/status,Legal\\/status/Stateless");
  g_assert_cmpint (gloss_project_find_code (project, "legal\\/STATUS/stateless", NULL), ==, nested);
  g_assert_true (gloss_project_rename_code (project, nested, "Stateless / no papers", &error));
  g_assert_no_error (error);

  /* Escaping and splitting are each other's inverse, whatever the name. */
  {
    static const char * const names[] = { "a/b", "a\\b", "\\/", "//", "\\", "a\\\\/b", "plain", "\\x" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = gloss_code_path_append ("Top\\/x", names[i]);
        g_auto(GStrv) parts = gloss_code_path_split (path);

        g_assert_cmpuint (g_strv_length (parts), ==, 2);
        g_assert_cmpstr (parts[0], ==, "Top/x");
        g_assert_cmpstr (parts[1], ==, names[i]);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codebook/tree", test_tree);
  g_test_add_func ("/codebook/move", test_move);
  g_test_add_func ("/codebook/slash-in-name", test_slash_in_name);
  g_test_add_func ("/codebook/merge-and-delete", test_merge_and_delete);
  g_test_add_func ("/codebook/coders", test_coders);
  g_test_add_func ("/codebook/json-round-trip", test_json_round_trip);
  g_test_add_func ("/codebook/palettes", test_palettes);
  g_test_add_func ("/codebook/levels", test_levels);

  return g_test_run ();
}
