/* gloss-palette.c: the colours given to new codes and coders
 *
 * One rule wherever a code or coder is made (the code popover, the
 * codebook, an import, a coder's copy): the first palette colour that no
 * code (or coder) has yet, else the next one by rotation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-palette.h"
#include "gloss-project-private.h"

/* Light and medium tones of the GNOME palette: fills that text stays
 * readable under. */
static const char * const code_colors[] = {
  "#3584e4", "#e5a50a", "#2ec27e", "#e01b24", "#9141ac",
  "#ff7800", "#1c71d8", "#c64600", "#26a269", "#c061cb",
  "#f5c211", "#986a44",
};

/* Dark tones, none of them a code colour: lanes, underlines and labels. */
static const char * const coder_colors[] = {
  "#1a5fb4", "#a51d2d", "#613583", "#63452c", "#5e5c64",
  "#c88800", "#0b6e4f", "#b5835a",
};

const char * const *
gloss_palette_get_colors (GlossPalette  palette,
                          guint        *n_colors)
{
  if (palette == GLOSS_PALETTE_CODERS)
    {
      *n_colors = G_N_ELEMENTS (coder_colors);
      return coder_colors;
    }

  *n_colors = G_N_ELEMENTS (code_colors);
  return code_colors;
}

const char *
gloss_palette_nth (GlossPalette palette,
                   guint64      n)
{
  guint n_colors;
  const char * const *colors = gloss_palette_get_colors (palette, &n_colors);

  return colors[n % n_colors];
}

const char *
gloss_palette_pick (GlossPalette        palette,
                    const char * const *used,
                    guint               n_used)
{
  guint n_colors;
  const char * const *colors = gloss_palette_get_colors (palette, &n_colors);

  for (guint i = 0; i < n_colors; i++)
    {
      gboolean taken = FALSE;

      for (guint j = 0; j < n_used && !taken; j++)
        taken = used[j] != NULL && g_ascii_strcasecmp (used[j], colors[i]) == 0;
      if (!taken)
        return colors[i];
    }

  return gloss_palette_nth (palette, n_used);
}

const char *
_gloss_palette_pick_for_db (sqlite3      *db,
                            GlossPalette  palette)
{
  const char *sql = palette == GLOSS_PALETTE_CODERS ? "SELECT color FROM coder" : "SELECT color FROM code";
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (used, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return gloss_palette_pick (palette, (const char * const *) used->pdata, used->len);
}
