/* gloss-qdpx-import.c: REFI-QDA projects (.qdpx) and codebooks (.qdc) in
 *
 * The archive and its XML are read defensively by gloss-qdpx-reader.c.
 * project.qde is streamed, never held as a tree: a first pass reads all
 * of it (so a file that is not sound is refused before a project exists),
 * keeps its notes (everything may refer to them) and the positions of each
 * source's selections (the unit they count in is decided from all of
 * them); a second pass reads users and codes, then each source and its
 * selections one at a time (a third reads the sources when a file has them
 * before its users or codes). Variables, cases and sets are small and kept
 * as copies for the end.
 * The new project is built in a hidden file beside the target and renamed
 * into place at the end: all or nothing. Sources go through the normal
 * import, so texts and offsets are Gloss's own; selections are
 * re-anchored by their quote where the exporter's plain text differs.
 * A plain-text source is streamed from its entry (SHA-256, UTF-8 and line
 * ends a megabyte at a time) and its bytes written into the document's
 * blob piece by piece: our text is what is whole in memory, with theirs
 * beside it only when line ends differ. A PDF is read whole once, as
 * poppler needs it, and written to the blob without a copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "gloss-exchange-private.h"
#include "gloss-import.h"
#include "gloss-project-exchange.h"
#include "gloss-qdpx-reader.h"

#define CONTEXT_CHARS      32
#define MAX_RENAME_WARNINGS 10
/* Notes: each at most 1 MiB of text, all of them together 64 MiB; a memo
 * made of notes at most 4 MiB, all memos of an import together 256 MiB. A
 * note past a limit is left out with a warning, the import goes on. */
#define MAX_NOTE_BYTES     (G_GINT64_CONSTANT (1) * 1024 * 1024)
#define MAX_NOTES_BYTES    (G_GINT64_CONSTANT (64) * 1024 * 1024)
#define MAX_MEMO_BYTES     (G_GINT64_CONSTANT (4) * 1024 * 1024)
#define MAX_MEMOS_BYTES    (G_GINT64_CONSTANT (256) * 1024 * 1024)

/* XML */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
get_text (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup (value != NULL ? (const char *) value : "");

  xmlFree (value);
  return copy;
}

static xmlNode *
first_child (xmlNode    *node,
             const char *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is_element (c, name))
      return c;

  return NULL;
}

static char *
normal_guid (const char *guid)
{
  g_autofree char *clean = NULL;

  if (guid == NULL)
    return NULL;

  clean = g_strstrip (g_strdup (guid));
  if (clean[0] == '{' && g_str_has_suffix (clean, "}"))
    {
      clean[strlen (clean) - 1] = '\0';
      memmove (clean, clean + 1, strlen (clean));
    }

  return g_ascii_strdown (clean, -1);
}

static gint64
parse_int (const char *text,
           gboolean   *ok)
{
  g_autofree char *clean = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
  gint64 value = 0;

  *ok = clean != NULL && g_ascii_string_to_signed (clean, 10, G_MININT64, G_MAXINT64, &value, NULL);
  return value;
}

/* The import in progress */

typedef struct
{
  GlossProject *project;
  GlossQdpxArchive archive;
  GPtrArray    *warnings;     /* char * */
  GHashTable   *unknown;      /* element name -> count */
  GHashTable   *coders;       /* their GUID -> gint64 id */
  GHashTable   *codes;        /* their GUID -> gint64 id */
  GHashTable   *notes;        /* their GUID -> text */
  GHashTable   *used_notes;   /* their GUIDs referred to */
  GPtrArray    *note_rows;    /* FreeNote: every note read, in order */
  guint         n_free_notes; /* kept as notes of their own */
  gint64        unknown_coder;
  guint         n_codings;
  guint         n_reanchored;
  /* Making names unique in linear time: for each name (ASCII case folded,
   * as SQLite's NOCASE compares; codes keyed by parent too) the next
   * number to try, and for each parent the next position. */
  GHashTable   *next_number;  /* char * -> guint */
  GHashTable   *next_position;/* gint64 parent -> gint64 */
  gint64        n_coders;     /* -1 until counted */
  gint64        n_codes;
  guint         n_code_renames;
  gint64        notes_bytes;  /* text of the notes read */
  gint64        memos_bytes;  /* text of the memos written */
  guint         n_notes_too_long;
  guint         n_notes_over_total;
  guint         n_refs_over_memo;
  guint         n_memo_selections;
  guint         n_repeats;      /* codings that repeat another */
  guint         n_reversed;     /* selections that end before they start */
  guint         n_past_end;     /* selections past the end of their text */
  GString      *reversed;       /* the first few of each, for the summary */
  GString      *past_end;
  guint         n_coloured;     /* codes without a colour of their own */
  GString      *coloured;
  gboolean      counts_utf16; /* the producer (origin) counts UTF-16 units */
  char         *origin;
  /* Streaming: what the first pass found, and what is kept for the end */
  GPtrArray    *surveys;      /* SourceSurvey, one per child of <Sources> */
  guint         next_survey;
  gboolean      has_cases;    /* cases may refer to selections */
  gboolean      sources_first;/* <Sources> before <Users> or <CodeBook> */
  xmlNode      *kept;         /* <Project> with copies of its <Variables>, <Cases>,
                               * <Sets>, <Description> and <NoteRef>s */
  xmlNode      *kept_sources; /* its <Sources>: each source's attributes,
                               * values and selections (for the cases) */
} Import;

/* What the first pass found of a source's selections. */
typedef struct
{
  GArray *positions;     /* gint64: start and end of each with valid positions */
  guint   n_selections;
} SourceSurvey;

static void
source_survey_free (SourceSurvey *survey)
{
  g_clear_pointer (&survey->positions, g_array_unref);
  g_free (survey);
}

static void
warn (Import     *import,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (Import     *import,
      const char *format,
      ...)
{
  va_list args;

  if (import->warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (import->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
unknown_element (Import  *import,
                 xmlNode *node)
{
  g_autofree char *key = g_strdup_printf ("%s in %s", (const char *) node->name,
                                          node->parent != NULL && node->parent->name != NULL
                                          ? (const char *) node->parent->name : "?");
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (import->unknown, key));

  g_hash_table_insert (import->unknown, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
}

static void
flush_unknown (Import *import)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, import->unknown);
  while (g_hash_table_iter_next (&iter, &key, &value))
    warn (import, _("Unknown element <%s> skipped (%u×)"), (const char *) key, GPOINTER_TO_UINT (value));
}

static void
flush_renames (Import *import)
{
  if (import->n_code_renames > MAX_RENAME_WARNINGS)
    warn (import, _("%u more codes had the name of a sibling and were numbered"),
          import->n_code_renames - MAX_RENAME_WARNINGS);
}

static GHashTable *
guid_map_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
map_guid (GHashTable *map,
          const char *their_guid,
          gint64      id)
{
  g_autofree char *key = normal_guid (their_guid);

  if (key != NULL)
    g_hash_table_insert (map, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
}

static gint64
lookup_guid (GHashTable *map,
             const char *their_guid)
{
  g_autofree char *key = normal_guid (their_guid);
  gint64 *id = key != NULL ? g_hash_table_lookup (map, key) : NULL;

  return id != NULL ? *id : 0;
}

/* Their GUID without braces, in the case they wrote it (MAXQDA writes
 * uppercase): it leaves an export as it came. */
static char *
their_guid_as_written (const char *guid)
{
  g_autofree char *lower = normal_guid (guid);
  char *clean = guid != NULL ? g_strstrip (g_strdup (guid)) : NULL;

  if (clean != NULL && lower != NULL && strlen (clean) == strlen (lower) + 2)
    {
      clean[strlen (clean) - 1] = '\0';
      memmove (clean, clean + 1, strlen (clean));
    }

  return clean;
}

/* The GUID an entity of theirs is kept under: theirs as written when it
 * is a GUID; for an id that is not one (ATLAS.ti, some codebooks), a
 * name-based GUID made from it, the same on every import; NULL for none. */
static char *
stored_guid (const char *table,
             const char *their_guid)
{
  g_autofree char *guid = their_guid_as_written (their_guid);

  if (guid == NULL || *guid == '\0')
    return NULL;
  if (_gloss_guid_is_valid (guid) && strlen (guid) == 36)
    return g_steal_pointer (&guid);

  return _gloss_derived_guid (guid, table);
}

/* Whether @guid is taken in @table, in any case (GUIDs are compared
 * without it); the id of its row in *@id. */
static gboolean
guid_taken (Import     *import,
            const char *table,
            const char *guid,
            gint64     *id)
{
  g_autofree char *lower = g_ascii_strdown (guid, -1);
  g_autofree char *upper = g_ascii_strup (guid, -1);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE guid IN (?1, ?2, ?3)", table);
  sqlite3_stmt *stmt = _gloss_project_prepare (import->project, sql, NULL);
  gboolean taken = TRUE;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lower, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, upper, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  if (taken && id != NULL)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return taken;
}

/* Our GUID for an entity: the one it is kept under when still free. */
static char *
choose_guid (Import     *import,
             const char *table,
             const char *their_guid)
{
  g_autofree char *guid = stored_guid (table, their_guid);

  if (guid == NULL || guid_taken (import, table, guid, NULL))
    return _gloss_new_guid ();

  return g_steal_pointer (&guid);
}

static gboolean
run (Import        *import,
     sqlite3_stmt  *stmt,
     GError       **error)
{
  return stmt != NULL && _gloss_project_run (import->project, stmt, error);
}

static gint64
count_rows (Import     *import,
            const char *sql)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (import->project, sql, NULL);
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return n;
}

/* Coders */

static gint64
counted (Import     *import,
         gint64     *n,
         const char *sql)
{
  if (*n < 0)
    *n = count_rows (import, sql);

  return (*n)++;
}

/* @clean, or "@clean (N)" with the first N from 2 on that is free: each
 * number is tried once per name over the whole import, so N names alike
 * cost N lookups, not N². */
static char *
unique_name (Import      *import,
             const char  *scope,
             const char  *clean,
             gboolean   (*is_used) (Import *, gint64, const char *),
             gint64       parent_id)
{
  g_autofree char *folded = g_ascii_strdown (clean, -1);
  g_autofree char *key = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%s", scope, parent_id, folded);
  guint next = GPOINTER_TO_UINT (g_hash_table_lookup (import->next_number, key));
  char *unique;

  if (next == 0)
    {
      if (!is_used (import, parent_id, clean))
        {
          g_hash_table_insert (import->next_number, g_steal_pointer (&key), GUINT_TO_POINTER (2));
          return g_strdup (clean);
        }
      next = 2;
    }

  for (;; next++)
    {
      unique = g_strdup_printf ("%s (%u)", clean, next);
      if (!is_used (import, parent_id, unique))
        break;
      g_free (unique);
    }
  g_hash_table_insert (import->next_number, g_steal_pointer (&key), GUINT_TO_POINTER (next + 1));

  return unique;
}

static gboolean
coder_name_used (Import     *import,
                 gint64      unused,
                 const char *name)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (import->project, "SELECT 1 FROM coder WHERE name = ?1", NULL);
  gboolean used;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  used = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return used;
}

static gint64
insert_coder (Import      *import,
              const char  *their_guid,
              const char  *name,
              GError     **error)
{
  g_autofree char *guid = choose_guid (import, "coder", their_guid);
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL && *name != '\0' ? name : _("Unnamed coder")));
  g_autofree char *unique = NULL;
  sqlite3_stmt *stmt;
  gint64 n = counted (import, &import->n_coders, "SELECT count(*) FROM coder");

  if (*clean == '\0')
    {
      g_free (clean);
      clean = g_strdup (_("Unnamed coder"));
    }
  unique = unique_name (import, "coder", clean, coder_name_used, 0);

  stmt = _gloss_project_prepare (import->project,
                                 "INSERT INTO coder (guid, name, color, created) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, unique, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, gloss_palette_nth (GLOSS_PALETTE_CODERS, n), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, _gloss_now ());
  if (!run (import, stmt, error))
    return 0;

  _gloss_project_note_change (import->project, GLOSS_CHANGE_CODERS);
  return sqlite3_last_insert_rowid (import->project->db);
}

static gboolean
read_users (Import   *import,
            xmlNode  *users,
            GError  **error)
{
  for (xmlNode *node = users->children; node != NULL; node = node->next)
    {
      g_autofree char *guid = NULL, *name = NULL;
      gint64 id;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (!is_element (node, "User"))
        {
          unknown_element (import, node);
          continue;
        }

      guid = get_attr (node, "guid");
      name = get_attr (node, "name");
      if (name == NULL)
        name = get_attr (node, "id");
      id = insert_coder (import, guid, name, error);
      if (id == 0)
        return FALSE;
      map_guid (import->coders, guid, id);
    }

  return TRUE;
}

static gint64
coder_for (Import      *import,
           const char  *their_guid,
           GError     **error)
{
  gint64 id = their_guid != NULL ? lookup_guid (import->coders, their_guid) : 0;

  if (id != 0)
    return id;

  /* Codings by a user the file does not list go to one stand-in coder. */
  if (import->unknown_coder == 0)
    {
      import->unknown_coder = insert_coder (import, NULL, _("Unknown coder"), error);
      if (import->unknown_coder != 0)
        warn (import, _("Some codings name no known user; they belong to “%s”"), _("Unknown coder"));
    }

  return import->unknown_coder;
}

/* Codes (shared with .qdc) */

static char *
clean_color (const char *color,
             gint64      n,
             gboolean   *invented)
{
  g_autofree char *clean = color != NULL ? g_strstrip (g_ascii_strdown (color, -1)) : NULL;

  if (clean != NULL && strlen (clean) == 4 && clean[0] == '#' &&
      g_ascii_isxdigit (clean[1]) && g_ascii_isxdigit (clean[2]) && g_ascii_isxdigit (clean[3]))
    return g_strdup_printf ("#%c%c%c%c%c%c", clean[1], clean[1], clean[2], clean[2], clean[3], clean[3]);

  if (gloss_color_is_valid (clean))
    return g_steal_pointer (&clean);

  *invented = TRUE;
  return g_strdup (gloss_palette_nth (GLOSS_PALETTE_CODES, n));
}

#define MAX_LISTED_NAMES 10

static void
list_name (GString    *list,
           guint       n,
           const char *name)
{
  if (n > MAX_LISTED_NAMES)
    return;
  g_string_append_printf (list, "%s“%s”", list->len > 0 ? ", " : "", name);
}

static void
flush_colours (Import *import)
{
  if (import->n_coloured > 0)
    warn (import, _("%u code(s) came without a colour and were given one from Gloss’s palette: %s%s"),
          import->n_coloured, import->coloured->str, import->n_coloured > MAX_LISTED_NAMES ? ", …" : "");
}

static gboolean
code_name_used (Import     *import,
                gint64      parent_id,
                const char *name)
{
  return _gloss_project_find_child_code (import->project, parent_id, name) != 0;
}

/* The position after the last child of @parent_id, counted once per parent. */
static gint64
next_position (Import *import,
               gint64  parent_id)
{
  gint64 *next = g_hash_table_lookup (import->next_position, &parent_id);

  if (next == NULL)
    {
      sqlite3_stmt *stmt = _gloss_project_prepare (import->project,
                                                   "SELECT ifnull (max (position) + 1, 0) FROM code "
                                                   "WHERE ifnull (parent_id, 0) = ?1", NULL);
      gint64 first = 0;

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, MAX (parent_id, 0));
          if (sqlite3_step (stmt) == SQLITE_ROW)
            first = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }
      next = g_memdup2 (&first, sizeof first);
      g_hash_table_insert (import->next_position, g_memdup2 (&parent_id, sizeof parent_id), next);
    }

  return (*next)++;
}

/* Adds one code below @parent_id; a sibling of the same name gets a
 * numbered name. Returns its id. */
static gint64
insert_code (Import      *import,
             gint64       parent_id,
             const char  *their_guid,
             const char  *name,
             const char  *color,
             const char  *description,
             gboolean     codable,
             GError     **error)
{
  g_autofree char *guid = choose_guid (import, "code", their_guid);
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *unique = NULL;
  gboolean invented = FALSE;
  g_autofree char *colour = clean_color (color, counted (import, &import->n_codes, "SELECT count(*) FROM code"),
                                         &invented);
  sqlite3_stmt *stmt;

  /* A "/" stays in the name: paths escape it (gloss-code-path.h). */
  if (*clean == '\0')
    {
      g_free (clean);
      clean = g_strdup (_("Unnamed code"));
    }

  if (invented)
    list_name (import->coloured, ++import->n_coloured, clean);
  unique = unique_name (import, "code", clean, code_name_used, parent_id);
  if (g_strcmp0 (unique, clean) != 0 && import->n_code_renames++ < MAX_RENAME_WARNINGS)
    warn (import, _("Two codes are called “%s” in the same place; the second is now “%s”"), clean, unique);

  stmt = _gloss_project_prepare (import->project,
                                 "INSERT INTO code (guid, parent_id, name, color, description, position, created, modified, "
                                 "codable) VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6, ?6, ?8)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, unique, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, colour, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, description != NULL ? description : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, _gloss_now ());
  sqlite3_bind_int64 (stmt, 7, next_position (import, parent_id));
  sqlite3_bind_int (stmt, 8, codable);
  if (!run (import, stmt, error))
    return 0;

  _gloss_project_note_change (import->project, GLOSS_CHANGE_CODES);
  return sqlite3_last_insert_rowid (import->project->db);
}

static gint64
code_by_guid (Import     *import,
              const char *their_guid)
{
  g_autofree char *guid = stored_guid ("code", their_guid);
  gint64 id = 0;

  if (guid == NULL || !guid_taken (import, "code", guid, &id))
    return 0;

  return id;
}

static void refer_notes (Import *import, xmlNode *node, GString *memo);

/* Reads Code elements below @parent (a Codes or Code element). With
 * @keep_existing (a .qdc into a project), a code whose GUID is there is
 * left as it is and its children go below it. */
static gboolean
read_codes (Import    *import,
            xmlNode   *parent,
            gint64     parent_id,
            gint       level,
            gboolean   keep_existing,
            guint     *n_added,
            GError   **error)
{
  if (level > GLOSS_MAX_CODE_LEVELS && first_child (parent, "Code") != NULL)
    return _gloss_qdpx_refuse (error, import->archive.name, _("its codes nest more than %d levels deep"),
                   GLOSS_MAX_CODE_LEVELS);

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      g_autofree char *guid = NULL, *name = NULL, *color = NULL, *description = NULL;
      g_autoptr(GString) memo = NULL;
      xmlNode *description_node;
      gint64 id = 0;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, "Description") || is_element (node, "NoteRef"))
        continue;
      if (!is_element (node, "Code"))
        {
          unknown_element (import, node);
          continue;
        }

      guid = get_attr (node, "guid");
      name = get_attr (node, "name");
      color = get_attr (node, "color");
      description_node = first_child (node, "Description");
      description = description_node != NULL ? get_text (description_node) : NULL;

      if (keep_existing)
        id = code_by_guid (import, guid);
      if (id == 0)
        {
          g_autofree char *codable = get_attr (node, "isCodable");

          id = insert_code (import, parent_id, guid, name, color, description,
                            g_strcmp0 (codable, "false") != 0 && g_strcmp0 (codable, "0") != 0, error);
          if (id == 0)
            return FALSE;
          if (n_added != NULL)
            (*n_added)++;

          memo = g_string_new (NULL);
          refer_notes (import, node, memo);
          if (memo->len > 0)
            {
              sqlite3_stmt *stmt = _gloss_project_prepare (import->project,
                                                           "INSERT INTO memo (guid, target_kind, target_id, text, created, modified) "
                                                           "VALUES (?1, 'code', ?2, ?3, ?4, ?4)", error);
              g_autofree char *memo_guid = _gloss_new_guid ();

              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_text (stmt, 1, memo_guid, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 2, id);
              sqlite3_bind_text (stmt, 3, memo->str, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 4, _gloss_now ());
              if (!run (import, stmt, error))
                return FALSE;
            }
        }
      map_guid (import->codes, guid, id);

      if (!read_codes (import, node, id, level + 1, keep_existing, n_added, error))
        return FALSE;
    }

  return TRUE;
}

/* Notes */

/* The text of a Note, inline or in the archive; NULL if there is none
 * Gloss can read or it is past the limits (counted for the warning). */
static char *
read_note_text (Import  *import,
                xmlNode *node)
{
  xmlNode *content = first_child (node, "PlainTextContent");
  g_autofree char *path = get_attr (node, "plainTextPath");
  g_autoptr(GBytes) bytes = NULL;
  char *text = NULL;

  if (content != NULL)
    text = get_text (content);
  else if (path != NULL && g_str_has_prefix (path, "internal://"))
    {
      g_autofree char *entry = g_strconcat ("sources/", path + strlen ("internal://"), NULL);
      zip_int64_t index = zip_name_locate (import->archive.zip, entry, ZIP_FL_NOCASE);
      zip_stat_t st;

      if (index >= 0 && zip_stat_index (import->archive.zip, index, 0, &st) == 0 &&
          (st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t) MAX_NOTE_BYTES)
        {
          import->n_notes_too_long++;
          return NULL;
        }
      if (index >= 0)
        bytes = _gloss_qdpx_archive_read_index (&import->archive, index, MAX_NOTE_BYTES, NULL);
      if (bytes != NULL && g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
        text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  if (text == NULL)
    return NULL;
  if ((gint64) strlen (text) > MAX_NOTE_BYTES)
    {
      import->n_notes_too_long++;
      g_free (text);
      return NULL;
    }
  if (import->notes_bytes + (gint64) strlen (text) > MAX_NOTES_BYTES)
    {
      import->n_notes_over_total++;
      g_free (text);
      return NULL;
    }
  import->notes_bytes += strlen (text);

  return text;
}

/* What a note is besides its text, kept for the notes nothing refers to. */
typedef struct
{
  char *guid;      /* normalised, the key of import->notes */
  char *raw_guid;  /* as written */
  char *name;
  char *user;
  char *created;
  char *modified;
} FreeNote;

static void
free_note_free (FreeNote *note)
{
  g_free (note->guid);
  g_free (note->raw_guid);
  g_free (note->name);
  g_free (note->user);
  g_free (note->created);
  g_free (note->modified);
  g_free (note);
}

static void
keep_note_row (Import     *import,
               xmlNode    *node,
               const char *guid)
{
  FreeNote *note = g_new0 (FreeNote, 1);

  note->guid = g_strdup (guid);
  note->raw_guid = get_attr (node, "guid");
  note->name = get_attr (node, "name");
  note->user = get_attr (node, "creatingUser");
  note->created = get_attr (node, "creationDateTime");
  note->modified = get_attr (node, "modifiedDateTime");
  g_ptr_array_add (import->note_rows, note);
}

static void
read_note (Import  *import,
           xmlNode *node)
{
  g_autofree char *guid = NULL;
  guint before = import->n_notes_too_long + import->n_notes_over_total;
  char *text;

  if (!is_element (node, "Note"))
    {
      unknown_element (import, node);
      return;
    }

  {
    g_autofree char *raw = get_attr (node, "guid");
    guid = normal_guid (raw);
  }
  text = read_note_text (import, node);

  if (guid != NULL && text != NULL)
    {
      if (!g_hash_table_contains (import->notes, guid))
        keep_note_row (import, node, guid);
      g_hash_table_insert (import->notes, g_steal_pointer (&guid), text);
    }
  else if (import->n_notes_too_long + import->n_notes_over_total == before)
    {
      g_autofree char *name = get_attr (node, "name");
      warn (import, _("The note “%s” has no text Gloss can read; skipped"), name != NULL ? name : "?");
      g_free (text);
    }
  else
    g_free (text);
}

/* Appends @text to @memo unless that would take the memo or all memos
 * past their limit. */
static void
memo_append (Import     *import,
             GString    *memo,
             const char *text)
{
  gsize length = strlen (text) + (memo->len > 0 ? 2 : 0);

  if ((gint64) (memo->len + length) > MAX_MEMO_BYTES ||
      import->memos_bytes + (gint64) length > MAX_MEMOS_BYTES)
    {
      import->n_refs_over_memo++;
      return;
    }
  if (memo->len > 0)
    g_string_append (memo, "\n\n");
  g_string_append (memo, text);
  import->memos_bytes += length;
}

/* Puts @text before @memo, under the same limits, unless it is the memo
 * already (Gloss writes a coding memo as both a note and a Description). */
static void
memo_prepend (Import     *import,
              GString    *memo,
              const char *text)
{
  gsize length;

  if (text == NULL || _gloss_is_blank (text) || strcmp (text, memo->str) == 0)
    return;
  length = strlen (text) + (memo->len > 0 ? 2 : 0);
  if ((gint64) (memo->len + length) > MAX_MEMO_BYTES ||
      import->memos_bytes + (gint64) length > MAX_MEMOS_BYTES)
    {
      import->n_refs_over_memo++;
      return;
    }
  if (memo->len > 0)
    g_string_prepend (memo, "\n\n");
  g_string_prepend (memo, text);
  import->memos_bytes += length;
}

/* A Description child's text, or NULL. */
static char *
description_of (xmlNode *node)
{
  xmlNode *description = first_child (node, "Description");

  return description != NULL ? get_text (description) : NULL;
}

static void
flush_note_limits (Import *import)
{
  if (import->n_notes_too_long > 0)
    warn (import, _("%u note(s) longer than 1 MiB left out"), import->n_notes_too_long);
  if (import->n_notes_over_total > 0)
    warn (import, _("%u note(s) left out: the notes of a project may hold 64 MiB of text together"),
          import->n_notes_over_total);
  if (import->n_refs_over_memo > 0)
    warn (import, _("%u note(s) left out of memos: a memo holds at most 4 MiB, the memos of an import 256 MiB together"),
          import->n_refs_over_memo);
}

/* Appends the texts of the notes @node refers to, each once. */
static void
refer_notes (Import  *import,
             xmlNode *node,
             GString *memo)
{
  g_autoptr(GHashTable) seen = NULL;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *target = NULL;
      g_autofree char *guid = NULL;
      const char *text;

      if (!is_element (c, "NoteRef"))
        continue;
      target = get_attr (c, "targetGUID");
      guid = normal_guid (target);
      text = guid != NULL ? g_hash_table_lookup (import->notes, guid) : NULL;
      if (text == NULL)
        continue;
      if (seen == NULL)
        seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!g_hash_table_add (seen, g_strdup (guid)))
        continue;
      memo_append (import, memo, text);
      g_hash_table_add (import->used_notes, g_steal_pointer (&guid));
    }
}

static gboolean
insert_memo (Import      *import,
             const char  *kind,
             gint64       target_id,
             const char  *text,
             GError     **error)
{
  g_autofree char *guid = _gloss_new_guid ();
  sqlite3_stmt *stmt;

  if (text == NULL || *text == '\0')
    return TRUE;

  stmt = _gloss_project_prepare (import->project,
                                 "INSERT INTO memo (guid, target_kind, target_id, text, created, modified) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (target_kind, target_id) "
                                 "DO UPDATE SET text = text || char (10, 10) || ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, target_id);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, _gloss_now ());
  if (!run (import, stmt, error))
    return FALSE;

  _gloss_project_note_change (import->project, GLOSS_CHANGE_MEMOS);
  return TRUE;
}

/* Sources */

/* A text and where every MARK_STEP-th character starts in it: a slice
 * by code points costs at most MARK_STEP steps, in a few bytes per
 * MARK_STEP characters, where an array of code points would take four
 * bytes per character. */
#define MARK_STEP 256

typedef struct
{
  const char *text;
  gint64      n_chars;    /* -1 until counted */
  GArray     *marks;      /* gsize byte offsets; NULL until needed */
} MarkedText;

static void
marked_text_init (MarkedText *marked,
                  const char *text,
                  gint64      n_chars)
{
  marked->text = text;
  marked->n_chars = n_chars;
  marked->marks = NULL;
}

/* One pass over the bytes: a byte that does not continue a character
 * starts one. */
static void
marked_text_ensure (MarkedText *marked)
{
  const guchar *p = (const guchar *) marked->text;
  gint64 n = 0;

  if (marked->marks != NULL)
    return;

  marked->marks = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (gsize i = 0; p[i] != '\0'; i++)
    if ((p[i] & 0xC0) != 0x80 && n++ % MARK_STEP == 0)
      g_array_append_val (marked->marks, i);
  marked->n_chars = n;
}

static gint64
marked_text_length (MarkedText *marked)
{
  if (marked->n_chars < 0)
    marked_text_ensure (marked);

  return marked->n_chars;
}

static void
marked_text_clear (MarkedText *marked)
{
  g_clear_pointer (&marked->marks, g_array_unref);
  marked->text = NULL;
  marked->n_chars = 0;
}

static const char *
marked_text_at (MarkedText *marked,
                gint64      offset)
{
  const char *p;
  guint mark;

  marked_text_ensure (marked);
  offset = CLAMP (offset, 0, marked->n_chars);
  if (marked->marks->len == 0)
    return marked->text;
  mark = MIN (offset / MARK_STEP, marked->marks->len - 1);
  p = marked->text + g_array_index (marked->marks, gsize, mark);
  for (gint64 i = (gint64) mark * MARK_STEP; i < offset && *p != '\0'; i++)
    p = g_utf8_next_char (p);

  return p;
}

/* [start, end) of @marked as a new string. */
static char *
marked_text_slice (MarkedText *marked,
                   gint64      start,
                   gint64      end)
{
  const char *from, *to;

  start = CLAMP (start, 0, marked_text_length (marked));
  end = CLAMP (end, start, marked->n_chars);
  from = marked_text_at (marked, start);
  to = marked_text_at (marked, end);

  return g_strndup (from, to - from);
}

typedef struct
{
  gint64      document_id;
  char       *text;        /* ours */
  MarkedText  ours;
  gunichar   *chars;       /* ours as code points: only made to re-anchor */
  GBytes     *plain;       /* holds the exporter's plain text, or NULL */
  MarkedText  theirs;      /* in @plain, when it differs from ours */
  gboolean    same;        /* theirs == ours, or there is no theirs */
  GString    *memo;        /* the document memo: its Description, notes and
                            * the memos of selections without codings */
  GArray     *astral;      /* when positions count UTF-16 units: the unit
                            * where each character past U+FFFF starts */
} SourceText;

static void
source_text_clear (SourceText *source)
{
  marked_text_clear (&source->ours);
  marked_text_clear (&source->theirs);
  g_free (source->text);
  g_free (source->chars);
  g_clear_pointer (&source->plain, g_bytes_unref);
  g_clear_pointer (&source->astral, g_array_unref);
  if (source->memo != NULL)
    g_string_free (source->memo, TRUE);
  source->memo = NULL;
}

static char *
safe_file_name (const char *name,
                const char *extension)
{
  g_autofree char *base = g_strdup (name != NULL && *name != '\0' ? name : "document");
  g_autofree char *lower = NULL;

  /* Our own name in our own directory: no separators, no leading dot. */
  g_strdelimit (base, "/\\:", '_');
  while (base[0] == '.')
    base[0] = '_';
  if (strlen (base) > 200)
    base[200] = '\0';
  if (!g_utf8_validate (base, -1, NULL))
    {
      g_free (base);
      base = g_strdup ("document");
    }

  lower = g_ascii_strdown (base, -1);
  if (g_str_has_suffix (lower, extension))
    return g_steal_pointer (&base);

  return g_strconcat (base, extension, NULL);
}

static char *
entry_of_path (const char *path)
{
  if (path == NULL)
    return NULL;
  if (g_str_has_prefix (path, "internal://"))
    return g_strconcat ("sources/", path + strlen ("internal://"), NULL);

  return NULL;
}

/* Imports @bytes as a new document through the normal reading path, so
 * that texts and offsets are Gloss's own. Two sources of the same bytes
 * are two documents. */
static gint64
import_source_bytes (Import      *import,
                     GBytes      *bytes,
                     const char  *their_guid,
                     const char  *name,
                     const char  *extension,
                     char       **text,
                     gint64      *n_chars,
                     GError     **error)
{
  g_autofree char *file_name = safe_file_name (name, extension);
  g_autoptr(GlossImportedDocument) doc = gloss_import_read (file_name, bytes, NULL, NULL, error);
  gint64 id;

  if (doc == NULL)
    return 0;

  /* Their GUID and name, set as the row is made: a large text is written once. */
  doc->guid = choose_guid (import, "document", their_guid);
  if (name != NULL && !_gloss_is_blank (name))
    {
      g_free (doc->title);
      doc->title = g_strdup (name);
    }
  id = _gloss_project_store_document (import->project, doc, error);
  if (id != 0)
    {
      *text = g_steal_pointer (&doc->text);
      *n_chars = doc->n_chars;
    }

  return id;
}

/* A plain-text entry read as a stream: its SHA-256, validated and with
 * Gloss's line ends, a megabyte at a time, so that only our text is ever
 * whole in memory (and, when line ends differ, theirs beside it). */
typedef struct
{
  GChecksum *sha;
  GString   *text;       /* ours, without the byte order mark */
  guint8    *work;       /* the bytes held over from the last piece, then this one */
  gsize      n_carry;
  gsize      bom;        /* 3 if the entry starts with a byte order mark */
  gboolean   bom_known;
  gboolean   after_cr;   /* the last piece ended in CR: a LF after it goes */
  gboolean   has_cr;     /* ours differs from theirs */
  gboolean   invalid;    /* not UTF-8, or a NUL byte */
  guint64    size;
} TextStream;

static void
text_stream_normalise (TextStream  *ts,
                       const char  *p,
                       const char  *end)
{
  if (ts->after_cr && p < end)
    {
      if (*p == '\n')
        p++;
      ts->after_cr = FALSE;
    }

  while (p < end)
    {
      const char *cr = memchr (p, '\r', end - p);

      if (cr == NULL)
        {
          g_string_append_len (ts->text, p, end - p);
          break;
        }
      g_string_append_len (ts->text, p, cr - p);
      g_string_append_c (ts->text, '\n');
      ts->has_cr = TRUE;
      p = cr + 1;
      if (p == end)
        ts->after_cr = TRUE;
      else if (*p == '\n')
        p++;
    }
}

/* Validates and appends @len bytes of ts->work; an incomplete character
 * at the end waits for the next piece, unless this is the @last. */
static void
text_stream_take (TextStream *ts,
                  gsize       len,
                  gboolean    last)
{
  const char *data = (const char *) ts->work;
  const char *end = NULL;
  gsize valid;

  ts->n_carry = 0;
  if (!ts->bom_known)
    {
      if (len < 3 && !last)
        {
          ts->n_carry = len;
          return;
        }
      ts->bom_known = TRUE;
      if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        ts->bom = 3;
      data += ts->bom;
      len -= ts->bom;
    }

  if (!g_utf8_validate_len (data, len, &end))
    {
      if (last || len - (end - data) >= 4)
        {
          ts->invalid = TRUE;
          return;
        }
      ts->n_carry = len - (end - data);
    }
  valid = end - data;
  text_stream_normalise (ts, data, end);
  if (ts->n_carry > 0)
    memmove (ts->work, data + valid, ts->n_carry);
}

static gboolean
text_stream_chunk (const guint8  *chunk,
                   gsize          size,
                   guint64        declared,
                   gpointer       user_data,
                   GError       **error)
{
  TextStream *ts = user_data;

  if (chunk == NULL)
    {
      ts->size = declared;
      ts->text = g_string_sized_new (declared + 1);
      return TRUE;
    }

  g_checksum_update (ts->sha, chunk, size);
  if (ts->invalid)
    return TRUE;
  ts->work = g_realloc (ts->work, ts->n_carry + size);
  memcpy (ts->work + ts->n_carry, chunk, size);
  text_stream_take (ts, ts->n_carry + size, FALSE);

  return TRUE;
}

typedef struct
{
  Import      *import;
  const char  *entry;
  TextStream  *ts;
  GString     *theirs;    /* made as the entry is read again, when line ends differ */
  sqlite3_blob *blob;
  gint64       offset;
  gboolean     refused;   /* the archive refused as the entry was read again */
} BlobFill;

static gboolean
theirs_chunk (const guint8  *chunk,
              gsize          size,
              guint64        declared,
              gpointer       user_data,
              GError       **error)
{
  BlobFill *fill = user_data;
  gsize skip;

  if (chunk == NULL)
    {
      fill->theirs = g_string_sized_new (declared + 1);
      return TRUE;
    }
  if (!_gloss_project_blob_write (fill->import->project, fill->blob, chunk, size, fill->offset, error))
    return FALSE;
  skip = fill->offset < (gint64) fill->ts->bom ? MIN (size, fill->ts->bom - fill->offset) : 0;
  g_string_append_len (fill->theirs, (const char *) chunk + skip, size - skip);
  fill->offset += size;

  return TRUE;
}

/* The entry's bytes into the document's blob: our text itself when it is
 * theirs, else the entry read a second time. */
static gboolean
fill_text_blob (GlossProject  *project,
                sqlite3_blob  *blob,
                gpointer       user_data,
                GError       **error)
{
  BlobFill *fill = user_data;
  TextStream *ts = fill->ts;
  gboolean ok;

  if (!ts->has_cr)
    return _gloss_project_blob_write (project, blob, "\xEF\xBB\xBF", ts->bom, 0, error) &&
           _gloss_project_blob_write (project, blob, ts->text->str, ts->text->len, ts->bom, error);

  fill->blob = blob;
  ok = _gloss_qdpx_archive_stream (&fill->import->archive, fill->entry, GLOSS_IMPORT_MAX_BYTES,
                                   theirs_chunk, fill, error);
  fill->blob = NULL;
  if (ok && (guint64) fill->offset != ts->size)
    ok = _gloss_qdpx_refuse (error, fill->import->archive.name, _("the entry “%s” is damaged"), fill->entry);
  fill->refused = !ok && error != NULL && *error != NULL && g_error_matches (*error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT);

  return ok;
}

/* A TextSource whose plain text is the entry @entry (and nothing else,
 * no original file that could be its source), imported as it streams.
 * Returns the new document's id; 0 with @error set when it fails (and
 * *@refused TRUE when that refuses the archive), 0 without when the
 * entry is not text Gloss can read. */
static gint64
import_streamed_text (Import      *import,
                      const char  *entry,
                      const char  *their_guid,
                      const char  *name,
                      char       **text,
                      gint64      *n_chars,
                      GBytes     **plain,
                      gboolean    *refused,
                      GError     **error)
{
  g_autofree char *file_name = safe_file_name (name, ".txt");
  g_autoptr(GlossImportedDocument) doc = g_new0 (GlossImportedDocument, 1);
  TextStream ts = { 0 };
  BlobFill fill = { import, entry, &ts, NULL, NULL, 0, FALSE };
  gint64 id = 0;

  ts.sha = g_checksum_new (G_CHECKSUM_SHA256);
  if (!_gloss_qdpx_archive_stream (&import->archive, entry, GLOSS_IMPORT_MAX_BYTES, text_stream_chunk, &ts, error))
    {
      *refused = TRUE;
      goto out;
    }
  if (!ts.invalid)
    text_stream_take (&ts, ts.n_carry, TRUE);
  if (ts.invalid || memchr (ts.text->str, '\0', ts.text->len) != NULL)
    goto out;

  doc->kind = GLOSS_DOCUMENT_TEXT;
  doc->guid = choose_guid (import, "document", their_guid);
  doc->title = name != NULL && !_gloss_is_blank (name) ? g_strdup (name) : g_filename_display_basename (file_name);
  doc->filename = g_path_get_basename (file_name);
  doc->sha256 = g_strdup (g_checksum_get_string (ts.sha));
  doc->text = ts.text->str;
  doc->n_chars = g_utf8_strlen (ts.text->str, ts.text->len);
  doc->pages = gloss_import_paginate_text (doc->text, doc->n_chars);

  id = _gloss_project_store_document_with (import->project, doc, ts.size, fill_text_blob, &fill, error);
  doc->text = NULL;
  *refused = fill.refused;
  if (id != 0)
    {
      *n_chars = doc->n_chars;
      *text = g_string_free (g_steal_pointer (&ts.text), FALSE);
      if (fill.theirs != NULL)
        {
          gsize len = fill.theirs->len;

          *plain = g_bytes_new_take (g_string_free (g_steal_pointer (&fill.theirs), FALSE), len);
        }
    }

out:
  if (ts.text != NULL)
    g_string_free (ts.text, TRUE);
  if (fill.theirs != NULL)
    g_string_free (fill.theirs, TRUE);
  g_free (ts.work);
  g_checksum_free (ts.sha);
  return id;
}

/* Whether a TextSource's text can be streamed: its plain text is a file
 * of the archive, and it names no original file whose bytes would be the
 * document's instead (see read_original_text). */
static char *
streamable_text_entry (Import  *import,
                       xmlNode *node)
{
  g_autofree char *path = get_attr (node, "plainTextPath");
  g_autofree char *rich = get_attr (node, "richTextPath");
  g_autofree char *entry = entry_of_path (path);
  g_autofree char *rich_entry = entry_of_path (rich);

  if (first_child (node, "PlainTextContent") != NULL || entry == NULL ||
      !_gloss_qdpx_archive_has (&import->archive, entry))
    return NULL;
  if (rich_entry != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (rich_entry, -1);

      if (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".md"))
        return NULL;
    }

  return g_steal_pointer (&entry);
}

/* Our text beside theirs: when they are the same, as between two Gloss,
 * theirs is let go and positions are taken as they are. */
static void
load_source_text (SourceText  *source,
                  char        *text,
                  gint64       n_chars,
                  GBytes      *plain,
                  const char  *theirs)
{
  source->text = text;
  marked_text_init (&source->ours, source->text, n_chars);
  source->same = theirs == NULL || strcmp (theirs, source->text) == 0;
  if (!source->same)
    {
      source->plain = g_bytes_ref (plain);
      marked_text_init (&source->theirs, theirs, -1);
    }
}

/* The text a TextSource or Representation carries, its content or file,
 * in a GBytes (NUL-terminated) with *@text pointing at it after any byte
 * order mark; NULL if it has none Gloss can read, with @error set when
 * its entry refuses the archive (it inflates past its declared size). */
static GBytes *
read_plain_text (Import      *import,
                 xmlNode     *node,
                 const char **text,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  xmlNode *content = first_child (node, "PlainTextContent");
  g_autofree char *path = get_attr (node, "plainTextPath");
  g_autofree char *entry = entry_of_path (path);
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *data;

  if (content != NULL)
    {
      char *inline_text = get_text (content);

      *text = inline_text;
      return g_bytes_new_take (inline_text, strlen (inline_text));
    }
  if (entry == NULL)
    return NULL;

  bytes = _gloss_qdpx_archive_read (&import->archive, entry, GLOSS_IMPORT_MAX_BYTES, &local_error);
  if (bytes == NULL)
    {
      /* A missing entry is the caller's to skip; one that lies about its
       * size is a refusal, as for every other entry. */
      if (g_error_matches (local_error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, size -= 3;
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate (data, size, NULL))
    return NULL;

  *text = data;
  return g_steal_pointer (&bytes);
}

/* The file a TextSource was made from, as its richTextPath names it, when
 * it is a text file whose text is exactly the plain text (as Gloss writes
 * it for a file with CRLF line ends or a byte order mark): importing those
 * bytes keeps the document's SHA-256. Anything else (a .docx, another
 * text) is not used: the positions count in the plain text. */
static GBytes *
read_original_text (Import     *import,
                    xmlNode    *node,
                    const char *theirs,
                    char      **extension)
{
  g_autofree char *path = get_attr (node, "richTextPath");
  g_autofree char *entry = entry_of_path (path);
  g_autofree char *lower = entry != NULL ? g_ascii_strdown (entry, -1) : NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossImportedDocument) doc = NULL;
  const char *ext;

  if (lower == NULL || theirs == NULL)
    return NULL;
  if (g_str_has_suffix (lower, ".txt"))
    ext = ".txt";
  else if (g_str_has_suffix (lower, ".md"))
    ext = ".md";
  else
    return NULL;

  bytes = _gloss_qdpx_archive_read (&import->archive, entry, GLOSS_IMPORT_MAX_BYTES, NULL);
  if (bytes == NULL)
    return NULL;
  doc = gloss_import_read_text (ext, bytes, NULL);
  if (doc == NULL || g_strcmp0 (doc->text, theirs) != 0)
    return NULL;

  *extension = g_strdup (ext);
  return g_steal_pointer (&bytes);
}

/* Line ends as Gloss's text has them (CRLF and CR become LF), in place. */
static char *
normalise_breaks (char *text)
{
  char *out = text;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          *out++ = '\n';
          if (p[1] == '\n')
            p++;
        }
      else
        *out++ = *p;
    }
  *out = '\0';

  return text;
}

/* Units of positions. The standard counts code points; NVivo counts
 * UTF-16 code units, where a character past U+FFFF (an emoji) is two. The
 * two readings differ only after such a character, and the one that puts
 * more selections on word boundaries is taken; on a tie, the producer's. */

/* The text the positions count in: theirs, or ours when they are the same. */
static const char *
position_text (SourceText *source)
{
  return source->same ? source->ours.text : source->theirs.text;
}

static GArray *
astral_units (const char *text)
{
  GArray *astral = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 unit = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if ((guchar) *p >= 0xF0)
        {
          g_array_append_val (astral, unit);
          unit++;
        }
      unit++;
    }

  return astral;
}

/* A UTF-16 position as a code point position: less one for each character
 * past U+FFFF that starts before it. */
static gint64
code_point_of_unit (GArray *astral,
                    gint64  unit)
{
  guint low = 0, high = astral->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (astral, gint64, mid) < unit)
        low = mid + 1;
      else
        high = mid;
    }

  return unit - low;
}

static gboolean
on_boundary (const gunichar *chars,
             gint64          n_chars,
             gint64          at)
{
  if (at <= 0 || at >= n_chars)
    return at == 0 || at == n_chars;

  return !g_unichar_isalnum (chars[at - 1]) || !g_unichar_isalnum (chars[at]);
}

typedef struct
{
  guint n_selections;
  guint on_words_points;   /* start and end on word boundaries, read as code points */
  guint on_words_units;    /* the same, read as UTF-16 units */
} UnitVotes;

/* @positions: the start and end of each selection with valid positions,
 * gathered in the first pass over the XML. */
static void
count_unit_votes (GArray         *positions,
                  const gunichar *chars,
                  gint64          n_chars,
                  GArray         *astral,
                  UnitVotes      *votes)
{
  for (guint i = 0; positions != NULL && i + 1 < positions->len; i += 2)
    {
      gint64 start = g_array_index (positions, gint64, i);
      gint64 end = g_array_index (positions, gint64, i + 1);

      votes->n_selections++;
      if (start < end && end <= n_chars &&
          on_boundary (chars, n_chars, start) && on_boundary (chars, n_chars, end))
        votes->on_words_points++;
      start = code_point_of_unit (astral, start);
      end = code_point_of_unit (astral, end);
      if (start < end && end <= n_chars &&
          on_boundary (chars, n_chars, start) && on_boundary (chars, n_chars, end))
        votes->on_words_units++;
    }
}

/* Decides how @source's positions count and says so when it matters. */
static void
choose_position_unit (Import     *import,
                      SourceText *source,
                      GArray     *positions,
                      const char *label)
{
  const char *text = position_text (source);
  g_autoptr(GArray) astral = astral_units (text);
  g_autofree gunichar *chars = NULL;
  glong n_chars = 0;
  UnitVotes votes = { 0 };
  gboolean units;

  if (astral->len == 0)
    return;

  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  count_unit_votes (positions, chars, n_chars, astral, &votes);
  if (votes.n_selections == 0)
    return;

  units = votes.on_words_units > votes.on_words_points ||
          (votes.on_words_units == votes.on_words_points && import->counts_utf16);
  if (units)
    {
      warn (import, _("“%s”: positions read as UTF-16 code units, as %s counts them "
                      "(%u of %u selections on word boundaries, %u as code points)"),
            label, import->counts_utf16 ? import->origin : "NVivo",
            votes.on_words_units, votes.n_selections, votes.on_words_points);
      source->astral = g_steal_pointer (&astral);
    }
  else if (import->counts_utf16)
    warn (import, _("“%s”: positions read as code points, not as UTF-16 code units as %s counts them "
                    "(%u of %u selections on word boundaries, %u as UTF-16 units)"),
          label, import->origin, votes.on_words_points, votes.n_selections, votes.on_words_units);
}

/* Maps the exporter's [start, end) onto our text. */
static gboolean
anchor_selection (Import     *import,
                  SourceText *source,
                  gint64      start,
                  gint64      end,
                  gint64     *our_start,
                  gint64     *our_end)
{
  g_autofree char *quote = NULL, *prefix = NULL, *suffix = NULL;
  gint64 hint;

  if (source->same)
    {
      *our_start = CLAMP (start, 0, source->ours.n_chars);
      *our_end = CLAMP (end, 0, source->ours.n_chars);
      return *our_start < *our_end;
    }

  /* Their text with its line ends made Gloss's, as the import makes them:
   * the quote and its context are then found as they are near the hint. */
  quote = marked_text_slice (&source->theirs, start, end);
  prefix = marked_text_slice (&source->theirs, start - CONTEXT_CHARS, start);
  suffix = marked_text_slice (&source->theirs, end, end + CONTEXT_CHARS);
  /* A CRLF cut in two by an end of the selection is one line end. */
  if (g_str_has_suffix (prefix, "\r") && quote[0] == '\n')
    memmove (quote, quote + 1, strlen (quote));
  if (g_str_has_suffix (quote, "\r") && suffix[0] == '\n')
    memmove (suffix, suffix + 1, strlen (suffix));
  normalise_breaks (quote);
  normalise_breaks (prefix);
  normalise_breaks (suffix);
  hint = marked_text_length (&source->theirs) > 0
         ? start * source->ours.n_chars / source->theirs.n_chars : 0;

  if (source->chars == NULL)
    source->chars = g_utf8_to_ucs4_fast (source->text, -1, NULL);
  if (!_gloss_reanchor (source->text, source->chars, source->ours.n_chars, quote, prefix, suffix,
                        hint, our_start, our_end))
    return FALSE;

  if (*our_start != start)
    import->n_reanchored++;
  return TRUE;
}

static gboolean
insert_coding (Import      *import,
               SourceText  *source,
               xmlNode     *coding,
               xmlNode     *selection,
               gint64       start,
               gint64       end,
               GError     **error)
{
  g_autofree char *their_guid = get_attr (coding, "guid");
  g_autofree char *guid = choose_guid (import, "coding", their_guid);
  g_autofree char *user = get_attr (coding, "creatingUser");
  g_autofree char *created_text = get_attr (coding, "creationDateTime");
  g_autofree char *modified_text = get_attr (selection, "modifiedDateTime");
  g_autofree char *code_guid = NULL;
  g_autofree char *quote = NULL, *prefix = NULL, *suffix = NULL;
  g_autoptr(GString) memo = g_string_new (NULL);
  xmlNode *code_ref = first_child (coding, "CodeRef");
  gint64 code_id, coder_id, created, modified;
  sqlite3_stmt *stmt;

  code_guid = code_ref != NULL ? get_attr (code_ref, "targetGUID") : NULL;
  code_id = lookup_guid (import->codes, code_guid);
  if (code_id == 0)
    {
      warn (import, _("A coding refers to a code that is not in the codebook; skipped"));
      return TRUE;
    }

  if (user == NULL)
    user = get_attr (selection, "creatingUser");
  coder_id = coder_for (import, user, error);
  if (coder_id == 0)
    return FALSE;

  if (created_text == NULL)
    created_text = get_attr (selection, "creationDateTime");
  created = _gloss_parse_time (created_text);
  if (created == 0)
    created = _gloss_now ();
  modified = MAX (_gloss_parse_time (modified_text), created);

  refer_notes (import, selection, memo);
  refer_notes (import, coding, memo);
  {
    /* A segment comment (MAXQDA, ATLAS.ti, QualCoder) is the selection's Description. */
    g_autofree char *description = description_of (selection);
    memo_prepend (import, memo, description);
  }

  quote = marked_text_slice (&source->ours, start, end);
  prefix = marked_text_slice (&source->ours, start - CONTEXT_CHARS, start);
  suffix = marked_text_slice (&source->ours, end, end + CONTEXT_CHARS);

  stmt = _gloss_project_prepare (import->project,
                                 "INSERT INTO coding (guid, document_id, coder_id, code_id, start, end, quote, prefix, "
                                 "suffix, memo, created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                                 "ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, source->document_id);
  sqlite3_bind_int64 (stmt, 3, coder_id);
  sqlite3_bind_int64 (stmt, 4, code_id);
  sqlite3_bind_int64 (stmt, 5, start);
  sqlite3_bind_int64 (stmt, 6, end);
  sqlite3_bind_text (stmt, 7, quote, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, suffix, -1, SQLITE_TRANSIENT);
  if (memo->len > 0)
    sqlite3_bind_text (stmt, 10, memo->str, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_int64 (stmt, 11, created);
  sqlite3_bind_int64 (stmt, 12, modified);
  if (!run (import, stmt, error))
    return FALSE;

  if (sqlite3_changes (import->project->db) > 0)
    import->n_codings++;
  else
    import->n_repeats++;

  _gloss_project_note_change (import->project, GLOSS_CHANGE_CODINGS);
  return TRUE;
}

/* A selection with a memo and no coding (a comment on a passage) has no
 * code to become a coding of: its memo goes into the document's, after the
 * passage it is about. */
static gboolean
keep_selection_memo (Import     *import,
                     SourceText *source,
                     xmlNode    *selection,
                     gint64      start,
                     gint64      end)
{
  g_autofree char *description = description_of (selection);
  g_autofree char *quote = NULL, *kept = NULL;
  g_autoptr(GString) memo = g_string_new (NULL);

  refer_notes (import, selection, memo);
  memo_prepend (import, memo, description);
  if (memo->len == 0)
    return TRUE;

  quote = marked_text_slice (&source->ours, start, end);
  kept = g_strdup_printf ("“%s”: %s", quote, memo->str);
  memo_append (import, source->memo, kept);
  import->n_memo_selections++;
  return TRUE;
}

#define MAX_LISTED_POSITIONS 10

static void
list_positions (GString *list,
                guint    n,
                gint64   start,
                gint64   end)
{
  if (n > MAX_LISTED_POSITIONS)
    return;
  g_string_append_printf (list, "%s%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                          list->len > 0 ? ", " : "", start, end);
}

/* Whether [@start, @end) can be a selection of @source: one that ends
 * before it starts or reaches past the end of the text it counts in is
 * skipped and listed, never swapped or cut to fit. */
static gboolean
positions_usable (Import     *import,
                  SourceText *source,
                  gint64      start,
                  gint64      end)
{
  gint64 n_chars = source->same ? marked_text_length (&source->ours)
                                : marked_text_length (&source->theirs);

  if (start > end)
    {
      list_positions (import->reversed, ++import->n_reversed, start, end);
      return FALSE;
    }
  if (start < 0 || end > n_chars)
    {
      list_positions (import->past_end, ++import->n_past_end, start, end);
      return FALSE;
    }

  return TRUE;
}

static void
flush_positions (Import *import)
{
  if (import->n_reversed > 0)
    warn (import, _("%u text selection(s) with reversed positions (end before start) skipped: %s%s"),
          import->n_reversed, import->reversed->str, import->n_reversed > MAX_LISTED_POSITIONS ? ", …" : "");
  if (import->n_past_end > 0)
    warn (import, _("%u text selection(s) outside their text (before its beginning or past the end) skipped: %s%s"),
          import->n_past_end, import->past_end->str, import->n_past_end > MAX_LISTED_POSITIONS ? ", …" : "");
  if (import->n_repeats > 0)
    warn (import, _("%u coding(s) repeat another (same passage, code and coder); skipped"), import->n_repeats);
}

static gboolean
read_selection (Import      *import,
                SourceText  *source,
                xmlNode     *selection,
                GError     **error)
{
  g_autofree char *start_text = get_attr (selection, "startPosition");
  g_autofree char *end_text = get_attr (selection, "endPosition");
  gboolean ok_start, ok_end;
  gint64 start = parse_int (start_text, &ok_start);
  gint64 end = parse_int (end_text, &ok_end);
  gint64 our_start = 0, our_end = 0;

  if (!ok_start || !ok_end)
    {
      warn (import, _("A text selection without valid positions; skipped"));
      return TRUE;
    }
  if (source->astral != NULL)
    {
      start = code_point_of_unit (source->astral, start);
      end = code_point_of_unit (source->astral, end);
    }
  if (!positions_usable (import, source, start, end))
    return TRUE;

  if (!anchor_selection (import, source, start, end, &our_start, &our_end))
    {
      warn (import, _("A text selection (%" PRId64 "-%" PRId64 ") could not be found in Gloss’s text; skipped"),
            start, end);
      return TRUE;
    }

  if (first_child (selection, "Coding") == NULL)
    return keep_selection_memo (import, source, selection, our_start, our_end);

  for (xmlNode *c = selection->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE || is_element (c, "Description") || is_element (c, "NoteRef"))
        continue;
      if (!is_element (c, "Coding"))
        {
          unknown_element (import, c);
          continue;
        }
      if (!insert_coding (import, source, c, selection, our_start, our_end, error))
        return FALSE;
    }

  return TRUE;
}

static void
check_source_children (Import     *import,
                       xmlNode    *node,
                       const char *name)
{
  static const char * const known[] = {
    "Description", "PlainTextContent", "PlainTextSelection", "NoteRef", "Representation",
    "PDFSelection", "VariableValue", "Coding", NULL
  };
  guint regions = 0, whole = 0;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (c, "PDFSelection"))
        regions++;
      else if (is_element (c, "Coding"))
        whole++;
      else if (!g_strv_contains (known, (const char *) c->name))
        unknown_element (import, c);
    }

  if (regions > 0)
    warn (import, _("“%s”: %u region coding(s) (PDFSelection) skipped: Gloss codes text, not regions"),
          name, regions);
  if (whole > 0)
    warn (import, _("“%s”: %u coding(s) of the whole source skipped"), name, whole);
}

/* A source whose file is not in the archive is left out with its
 * selections, and listed; the rest of the project is imported. */
static gboolean
skip_missing_source (Import       *import,
                     SourceSurvey *survey,
                     const char   *label,
                     const char   *entry)
{
  warn (import, _("“%s”: its file (%s) is not in the archive; skipped with its %u selection(s)"),
        label, entry, survey->n_selections);
  return TRUE;
}

/* A source as it streams by: everything but its selections is kept in
 * @node (and @representation) until its text is needed, at the first
 * selection; each selection is then read and let go. */
typedef struct
{
  Import       *import;
  SourceSurvey *survey;
  gboolean      pdf;
  xmlNode      *node;
  xmlNode      *representation;  /* where the plain text is: @node, or the PDF's Representation */
  char         *label;
  SourceText    source;
  gboolean      begun;
  gboolean      importing;       /* begun, and the document made: selections are read */
} StreamSource;

static gboolean
source_begin (StreamSource  *ss,
              GError       **error)
{
  Import *import = ss->import;
  xmlNode *node = ss->node;
  gboolean pdf = ss->pdf;
  g_autofree char *guid = get_attr (node, "guid");
  g_autofree char *name = get_attr (node, "name");
  g_autofree char *path = get_attr (node, pdf ? "path" : "plainTextPath");
  g_autofree char *entry = entry_of_path (path);
  g_autofree char *extension = NULL;
  g_autofree char *streamed = NULL;
  g_autofree char *text = NULL;
  gint64 n_chars = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) plain = NULL;
  const char *theirs = NULL;
  xmlNode *representation = ss->representation;
  g_autoptr(GError) local_error = NULL;
  const char *label = ss->label;

  ss->begun = TRUE;
  if (pdf)
    {
      if (entry == NULL)
        {
          warn (import, _("“%s”: the PDF is not in the archive (%s); skipped"), label, path != NULL ? path : "");
          return TRUE;
        }
      if (!_gloss_qdpx_archive_has (&import->archive, entry))
        return skip_missing_source (import, ss->survey, label, entry);
      bytes = _gloss_qdpx_archive_read (&import->archive, entry, GLOSS_IMPORT_MAX_BYTES, error);
      if (bytes == NULL)
        return FALSE;
      if (representation != NULL && (plain = read_plain_text (import, representation, &theirs, error)) == NULL &&
          error != NULL && *error != NULL)
        return FALSE;
    }
  else if ((streamed = streamable_text_entry (import, node)) != NULL)
    {
      gboolean refused = FALSE;

      ss->source.document_id = import_streamed_text (import, streamed, guid, name, &text, &n_chars, &plain,
                                                     &refused, &local_error);
      if (refused)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (ss->source.document_id == 0 && local_error == NULL)
        {
          warn (import, _("“%s”: no plain text Gloss can read; skipped"), label);
          return TRUE;
        }
      if (plain != NULL)
        theirs = g_bytes_get_data (plain, NULL);
    }
  else
    {
      if ((plain = read_plain_text (import, node, &theirs, error)) == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (plain == NULL && entry != NULL && !_gloss_qdpx_archive_has (&import->archive, entry))
        return skip_missing_source (import, ss->survey, label, entry);
      if (plain == NULL)
        {
          warn (import, _("“%s”: no plain text Gloss can read; skipped"), label);
          return TRUE;
        }
      bytes = read_original_text (import, node, theirs, &extension);
      if (bytes == NULL)
        bytes = g_bytes_ref (plain);
    }

  if (streamed == NULL)
    ss->source.document_id = import_source_bytes (import, bytes, guid, name,
                                                  pdf ? ".pdf" : (extension != NULL ? extension : ".txt"),
                                                  &text, &n_chars, &local_error);
  g_clear_pointer (&bytes, g_bytes_unref);
  if (ss->source.document_id == 0)
    {
      /* A source Gloss cannot read is left out; a failed write fails all. */
      if (import->project->step_failed || local_error->domain != GLOSS_ERROR ||
          local_error->code == GLOSS_ERROR_FAILED || local_error->code == GLOSS_ERROR_NO_SPACE ||
          local_error->code == GLOSS_ERROR_BUSY)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      warn (import, _("“%s” cannot be imported (%s); skipped with its codings"), label, local_error->message);
      return TRUE;
    }

  if (pdf && theirs == NULL)
    warn (import, _("“%s”: no plain text representation; positions are taken as Gloss’s"), label);
  load_source_text (&ss->source, g_steal_pointer (&text), n_chars, plain, theirs);
  theirs = NULL;
  g_clear_pointer (&plain, g_bytes_unref);
  choose_position_unit (import, &ss->source, ss->survey->positions, label);
  ss->source.memo = g_string_new (NULL);
  ss->importing = TRUE;

  return TRUE;
}

/* The element the stream is at, without its children, attributes kept. */
static xmlNode *
stream_shallow_copy (GlossQdeStream *stream,
                     const char     *name)
{
  xmlTextReaderPtr reader = _gloss_qde_stream_reader (stream);
  xmlNode *node = xmlNewNode (NULL, (const xmlChar *) name);

  if (xmlTextReaderMoveToFirstAttribute (reader) == 1)
    {
      do
        {
          const char *attr_name = (const char *) xmlTextReaderConstName (reader);

          if (attr_name != NULL && !g_str_has_prefix (attr_name, "xmlns"))
            xmlNewProp (node, (const xmlChar *) attr_name, xmlTextReaderConstValue (reader));
        }
      while (xmlTextReaderMoveToNextAttribute (reader) == 1);
      xmlTextReaderMoveToElement (reader);
    }

  return node;
}

/* Keeps what the cases need of a selection: its GUID and positions. */
static void
keep_selection_stub (xmlNode *parent,
                     xmlNode *selection)
{
  static const char * const attributes[] = { "guid", "startPosition", "endPosition" };
  xmlNode *stub = xmlNewChild (parent, NULL, (const xmlChar *) "PlainTextSelection", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      g_autofree char *value = get_attr (selection, attributes[i]);

      if (value != NULL)
        xmlNewProp (stub, (const xmlChar *) attributes[i], (const xmlChar *) value);
    }
}

static gboolean
source_selection (StreamSource    *ss,
                  GlossQdeStream  *stream,
                  xmlNode         *parent,
                  GError         **error)
{
  gboolean more;

  if (!ss->begun && !source_begin (ss, error))
    return FALSE;
  if (ss->importing || ss->import->has_cases)
    {
      xmlNode *selection = _gloss_qde_stream_expand (stream, error);

      if (selection == NULL)
        return FALSE;
      if (ss->importing && !read_selection (ss->import, &ss->source, selection, error))
        return FALSE;
      if (ss->import->has_cases)
        keep_selection_stub (parent, selection);
    }

  return _gloss_qde_stream_skip (stream, &more, error);
}

static gboolean
keep_child (GlossQdeStream  *stream,
            xmlNode         *parent,
            GError         **error)
{
  xmlNode *copy = _gloss_qde_stream_copy (stream, error);

  if (copy == NULL)
    return FALSE;
  xmlAddChild (parent, copy);
  return TRUE;
}

static gboolean
representation_child (GlossQdeStream  *stream,
                      const char      *name,
                      gpointer         data,
                      GError         **error)
{
  StreamSource *ss = data;

  if (g_str_equal (name, "PlainTextSelection"))
    return source_selection (ss, stream, ss->representation, error);

  return keep_child (stream, ss->representation, error);
}

static gboolean
source_child (GlossQdeStream  *stream,
              const char      *name,
              gpointer         data,
              GError         **error)
{
  StreamSource *ss = data;

  if (g_str_equal (name, "PlainTextSelection"))
    return source_selection (ss, stream, ss->node, error);
  if (g_str_equal (name, "Representation") && ss->pdf && ss->representation == NULL)
    {
      ss->representation = stream_shallow_copy (stream, name);
      xmlAddChild (ss->node, ss->representation);
      return _gloss_qde_stream_children (stream, representation_child, ss, error);
    }

  return keep_child (stream, ss->node, error);
}

/* What stays of a source for the cases: its attributes, values and
 * selections (as stubs); its text and the rest go. */
static void
strip_source (xmlNode *node)
{
  xmlNode *next;

  for (xmlNode *c = node->children; c != NULL; c = next)
    {
      next = c->next;
      if (is_element (c, "Representation"))
        strip_source (c);
      else if (!is_element (c, "VariableValue") && !is_element (c, "PlainTextSelection"))
        {
          xmlUnlinkNode (c);
          xmlFreeNode (c);
        }
    }
}

static gboolean
source_finish (StreamSource  *ss,
               GError       **error)
{
  Import *import = ss->import;
  gboolean ok = TRUE;

  /* A source without selections is made here. */
  if (!ss->begun)
    ok = source_begin (ss, error);

  check_source_children (import, ss->node, ss->label);
  if (ok && ss->importing)
    {
      g_autoptr(GString) memo = g_string_new (NULL);
      g_autofree char *description = description_of (ss->node);

      refer_notes (import, ss->node, memo);
      memo_prepend (import, memo, description);
      if (ss->source.memo->len > 0)
        memo_append (import, memo, ss->source.memo->str);
      ok = insert_memo (import, "document", ss->source.document_id, memo->str, error);
    }

  return ok;
}

static gboolean
read_source (Import          *import,
             GlossQdeStream  *stream,
             const char      *element,
             SourceSurvey    *survey,
             GError         **error)
{
  StreamSource ss = { 0 };
  g_autofree char *name = NULL, *path = NULL;
  gboolean ok;

  ss.import = import;
  ss.survey = survey;
  ss.pdf = g_str_equal (element, "PDFSource");
  ss.node = stream_shallow_copy (stream, element);
  ss.representation = ss.pdf ? NULL : ss.node;
  name = get_attr (ss.node, "name");
  path = get_attr (ss.node, ss.pdf ? "path" : "plainTextPath");
  ss.label = g_strdup (name != NULL ? name : (path != NULL ? path : "?"));

  ok = _gloss_qde_stream_children (stream, source_child, &ss, error) && source_finish (&ss, error);

  source_text_clear (&ss.source);
  strip_source (ss.node);
  xmlAddChild (import->kept_sources, ss.node);
  g_free (ss.label);

  return ok;
}

static gboolean
sources_child (GlossQdeStream  *stream,
               const char      *name,
               gpointer         data,
               GError         **error)
{
  Import *import = data;
  SourceSurvey *survey = import->next_survey < import->surveys->len
                         ? g_ptr_array_index (import->surveys, import->next_survey) : NULL;
  static SourceSurvey none = { NULL, 0 };
  gboolean more;

  import->next_survey++;
  if (g_str_equal (name, "TextSource") || g_str_equal (name, "PDFSource"))
    return read_source (import, stream, name, survey != NULL ? survey : &none, error);
  if (g_str_equal (name, "PictureSource") || g_str_equal (name, "AudioSource") || g_str_equal (name, "VideoSource"))
    {
      g_autofree char *source_name = _gloss_qde_stream_attr (stream, "name");

      warn (import, _("“%s”: %s is not supported; skipped"), source_name != NULL ? source_name : "?", name);
    }
  else
    {
      xmlNode *node = _gloss_qde_stream_expand (stream, error);

      if (node == NULL)
        return FALSE;
      unknown_element (import, node);
    }

  return _gloss_qde_stream_skip (stream, &more, error);
}

/* The project */

/* Links and graphs are not imported: the summary says how many of each
 * kind were left. */
static void
warn_not_imported (Import  *import,
                   xmlNode *node)
{
  static const struct { const char *element; const char *message; } kinds[] = {
    { "Variables", N_("%u variable(s) not imported (<Variables>)") },
    { "Cases", N_("%u case(s) not imported (<Cases>)") },
    { "Sets", N_("%u set(s) not imported (<Sets>)") },
    { "Links", N_("%u link(s) not imported (<Links>)") },
    { "Graphs", N_("%u graph(s) not imported (<Graphs>)") },
  };
  guint n = 0;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      n++;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (is_element (node, kinds[i].element))
      {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        warn (import, _(kinds[i].message), n);
#pragma GCC diagnostic pop
        return;
      }
}

/* The first pass, before a project is made: the whole file is read (and
 * so checked), its notes kept (everything else may refer to them), and the
 * positions of each source's selections gathered (the unit they count in
 * is decided from all of them before the first is read). */

static gboolean
survey_selection (GlossQdeStream  *stream,
                  SourceSurvey    *survey,
                  GError         **error)
{
  g_autofree char *start_text = _gloss_qde_stream_attr (stream, "startPosition");
  g_autofree char *end_text = _gloss_qde_stream_attr (stream, "endPosition");
  gboolean ok_start, ok_end, more;
  gint64 start = parse_int (start_text, &ok_start);
  gint64 end = parse_int (end_text, &ok_end);

  survey->n_selections++;
  if (ok_start && ok_end)
    {
      g_array_append_val (survey->positions, start);
      g_array_append_val (survey->positions, end);
    }

  return _gloss_qde_stream_skip (stream, &more, error);
}

static gboolean
survey_source_child (GlossQdeStream  *stream,
                     const char      *name,
                     gpointer         data,
                     GError         **error)
{
  SourceSurvey *survey = data;
  gboolean more;

  if (g_str_equal (name, "PlainTextSelection"))
    return survey_selection (stream, survey, error);
  if (g_str_equal (name, "Representation"))
    return _gloss_qde_stream_children (stream, survey_source_child, survey, error);

  return _gloss_qde_stream_skip (stream, &more, error);
}

static gboolean
survey_sources_child (GlossQdeStream  *stream,
                      const char      *name,
                      gpointer         data,
                      GError         **error)
{
  Import *import = data;
  SourceSurvey *survey = g_new0 (SourceSurvey, 1);
  gboolean more;

  survey->positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_ptr_array_add (import->surveys, survey);
  if (g_str_equal (name, "TextSource") || g_str_equal (name, "PDFSource"))
    return _gloss_qde_stream_children (stream, survey_source_child, survey, error);

  return _gloss_qde_stream_skip (stream, &more, error);
}

static gboolean
survey_note (GlossQdeStream  *stream,
             const char      *name,
             gpointer         data,
             GError         **error)
{
  xmlNode *node = _gloss_qde_stream_expand (stream, error);
  gboolean more;

  if (node == NULL)
    return FALSE;
  read_note (data, node);
  return _gloss_qde_stream_skip (stream, &more, error);
}

typedef struct
{
  Import     *import;
  GHashTable *seen;          /* the project's children met so far */
  gboolean    read_sources;  /* this pass reads <Sources> */
  gboolean    only_sources;
} Pass;

static gboolean
survey_project_child (GlossQdeStream  *stream,
                      const char      *name,
                      gpointer         data,
                      GError         **error)
{
  Pass *pass = data;
  Import *import = pass->import;
  gboolean first = g_hash_table_add (pass->seen, g_strdup (name));
  gboolean more;

  if ((g_str_equal (name, "Users") || g_str_equal (name, "CodeBook")) &&
      g_hash_table_contains (pass->seen, "Sources"))
    import->sources_first = TRUE;
  if (g_str_equal (name, "Cases"))
    import->has_cases = TRUE;
  if (first && g_str_equal (name, "Notes"))
    return _gloss_qde_stream_children (stream, survey_note, import, error);
  if (first && g_str_equal (name, "Sources"))
    return _gloss_qde_stream_children (stream, survey_sources_child, import, error);

  return _gloss_qde_stream_skip (stream, &more, error);
}

/* Moves @stream to the root element, which must be <@name>. */
static gboolean
stream_to_root (GlossQdeStream  *stream,
                const char      *name,
                const char      *archive_name,
                GError         **error)
{
  xmlTextReaderPtr reader = _gloss_qde_stream_reader (stream);
  gboolean more = TRUE;

  while (_gloss_qde_stream_next (stream, &more, error) && more)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT)
      {
        if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0)
          return TRUE;
        break;
      }

  if (error != NULL && *error != NULL)
    return FALSE;
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
               _("“%s” is not a REFI-QDA file: its root element is not <%s>"), archive_name, name);
  return FALSE;
}

static gboolean
survey_project (Import   *import,
                char    **title,
                GError  **error)
{
  g_autoptr(GlossQdeStream) stream = _gloss_qde_stream_open (&import->archive, "project.qde", error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Pass pass = { import, seen, FALSE, FALSE };
  gboolean more = TRUE;

  if (stream == NULL || !stream_to_root (stream, "Project", import->archive.name, error))
    return FALSE;

  /* NVivo (Windows and Mac) counts positions in UTF-16 code units. */
  *title = _gloss_qde_stream_attr (stream, "name");
  import->origin = _gloss_qde_stream_attr (stream, "origin");
  import->counts_utf16 = import->origin != NULL && strstr (import->origin, "NVivo") != NULL;

  if (!_gloss_qde_stream_children (stream, survey_project_child, &pass, error))
    return FALSE;
  /* Whatever follows the root is read too: all of the file is sound. */
  while (more)
    if (!_gloss_qde_stream_next (stream, &more, error))
      return FALSE;

  return TRUE;
}

/* The second pass: users and codes, then the sources; what the cases and
 * the project's memo need is kept for the end. */
static gboolean
project_child (GlossQdeStream  *stream,
               const char      *name,
               gpointer         data,
               GError         **error)
{
  static const char * const kept[] = { "Variables", "Cases", "Sets", "Description", NULL };
  static const char * const known[] = { "Notes", "Users", "CodeBook", "Sources", "Variables", "Cases", "Sets",
                                        "Description", NULL };
  Pass *pass = data;
  Import *import = pass->import;
  gboolean first = g_hash_table_add (pass->seen, g_strdup (name));
  gboolean more;
  xmlNode *node;

  if (g_str_equal (name, "Sources") && first && pass->read_sources)
    return _gloss_qde_stream_children (stream, sources_child, import, error);
  if (pass->only_sources || g_str_equal (name, "Sources") || g_str_equal (name, "Notes"))
    return _gloss_qde_stream_skip (stream, &more, error);
  if ((first && g_strv_contains (kept, name)) || g_str_equal (name, "NoteRef"))
    return keep_child (stream, import->kept, error);
  if (!first && g_strv_contains (known, name))
    return _gloss_qde_stream_skip (stream, &more, error);

  if ((node = _gloss_qde_stream_expand (stream, error)) == NULL)
    return FALSE;
  if (g_str_equal (name, "Users"))
    {
      if (!read_users (import, node, error))
        return FALSE;
    }
  else if (g_str_equal (name, "CodeBook"))
    {
      xmlNode *codes = first_child (node, "Codes");

      if (codes != NULL && !read_codes (import, codes, 0, 1, FALSE, NULL, error))
        return FALSE;
    }
  else if (g_str_equal (name, "Links") || g_str_equal (name, "Graphs"))
    warn_not_imported (import, node);
  else
    unknown_element (import, node);

  return _gloss_qde_stream_skip (stream, &more, error);
}

static gboolean
stream_project (Import    *import,
                gboolean   read_sources,
                gboolean   only_sources,
                GError   **error)
{
  g_autoptr(GlossQdeStream) stream = _gloss_qde_stream_open (&import->archive, "project.qde", error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Pass pass = { import, seen, read_sources, only_sources };

  return stream != NULL && stream_to_root (stream, "Project", import->archive.name, error) &&
         _gloss_qde_stream_children (stream, project_child, &pass, error);
}

static gboolean insert_free_notes (Import *import, GError **error);

static gboolean
read_project (Import   *import,
              GError  **error)
{
  g_autoptr(GString) project_memo = g_string_new (NULL);
  xmlNode *node;

  /* Sources refer to users and codes: when a file has them after its
   * sources, the sources are read in a pass of their own. */
  if (!stream_project (import, !import->sources_first, FALSE, error) ||
      (import->sources_first && !stream_project (import, TRUE, TRUE, error)))
    return FALSE;
  if (!_gloss_qdpx_read_cases (import->project, import->kept, import->codes, import->warnings, error))
    return FALSE;

  /* The project's notes, then its description. */
  refer_notes (import, import->kept, project_memo);
  if ((node = first_child (import->kept, "Description")) != NULL)
    {
      g_autofree char *description = get_text (node);

      if (!_gloss_is_blank (description))
        {
          if (project_memo->len > 0)
            g_string_prepend (project_memo, "\n\n");
          g_string_prepend (project_memo, description);
        }
    }
  if (!insert_memo (import, "project", 1, project_memo->str, error))
    return FALSE;

  return insert_free_notes (import, error);
}

/* The author of a note: the coder their user became, or their GUID. */
static void
note_author (Import      *import,
             const char  *user,
             char       **author_guid,
             char       **author_name)
{
  gint64 coder = user != NULL ? lookup_guid (import->coders, user) : 0;
  sqlite3_stmt *stmt;

  *author_guid = NULL;
  *author_name = NULL;
  if (coder == 0)
    {
      *author_guid = user != NULL ? stored_guid ("coder", user) : NULL;
      return;
    }
  stmt = _gloss_project_prepare (import->project, "SELECT guid, name FROM coder WHERE id = ?1", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, coder);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *author_guid = _gloss_column_dup_text (stmt, 0);
      *author_name = _gloss_column_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
}

/* The notes nothing referred to are notes of the project, as they came. */
static gboolean
insert_free_notes (Import  *import,
                   GError **error)
{
  for (guint i = 0; i < import->note_rows->len; i++)
    {
      const FreeNote *note = g_ptr_array_index (import->note_rows, i);
      const char *text = g_hash_table_lookup (import->notes, note->guid);
      g_autofree char *guid = NULL, *author_guid = NULL, *author_name = NULL;
      gint64 created, modified;

      if (text == NULL || g_hash_table_contains (import->used_notes, note->guid))
        continue;
      guid = choose_guid (import, "note", note->raw_guid);
      note_author (import, note->user, &author_guid, &author_name);
      created = _gloss_parse_time (note->created);
      modified = MAX (_gloss_parse_time (note->modified), created);
      if (!_gloss_project_insert_note (import->project, guid, note->name, text, author_guid, author_name,
                                       created, modified, error))
        return FALSE;
      import->n_free_notes++;
    }

  return TRUE;
}

static void
import_clear (Import *import)
{
  _gloss_qdpx_archive_close (&import->archive);
  g_clear_pointer (&import->unknown, g_hash_table_unref);
  g_clear_pointer (&import->coders, g_hash_table_unref);
  g_clear_pointer (&import->codes, g_hash_table_unref);
  g_clear_pointer (&import->notes, g_hash_table_unref);
  g_clear_pointer (&import->used_notes, g_hash_table_unref);
  g_clear_pointer (&import->note_rows, g_ptr_array_unref);
  g_clear_pointer (&import->surveys, g_ptr_array_unref);
  g_clear_pointer (&import->kept, xmlFreeNode);
  import->kept_sources = NULL;
  g_clear_pointer (&import->next_number, g_hash_table_unref);
  g_clear_pointer (&import->next_position, g_hash_table_unref);
  g_clear_pointer (&import->origin, g_free);
  if (import->reversed != NULL)
    g_string_free (import->reversed, TRUE);
  if (import->past_end != NULL)
    g_string_free (import->past_end, TRUE);
  if (import->coloured != NULL)
    g_string_free (import->coloured, TRUE);
}

static void
import_init (Import       *import,
             GPtrArray    *warnings)
{
  import->warnings = warnings;
  import->unknown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->coders = guid_map_new ();
  import->codes = guid_map_new ();
  import->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->used_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->note_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) free_note_free);
  import->surveys = g_ptr_array_new_with_free_func ((GDestroyNotify) source_survey_free);
  import->kept = xmlNewNode (NULL, (const xmlChar *) "Project");
  import->kept_sources = xmlNewChild (import->kept, NULL, (const xmlChar *) "Sources", NULL);
  import->next_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->next_position = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import->n_coders = -1;
  import->n_codes = -1;
  import->reversed = g_string_new (NULL);
  import->past_end = g_string_new (NULL);
  import->coloured = g_string_new (NULL);
}

static xmlNode *
root_element (xmlDocPtr   doc,
              const char *name,
              const char *archive_name,
              GError    **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (!is_element (root, name))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                   _("“%s” is not a REFI-QDA file: its root element is not <%s>"), archive_name, name);
      return NULL;
    }

  return root;
}

static gboolean
build_project (Import       *import,
               GError      **error)
{
  g_autofree char *label = NULL;

  label = g_strdup_printf (_("Import “%s”"), import->archive.name);
  if (!gloss_project_begin_step (import->project, label, error))
    return FALSE;

  /* A new project has nothing to undo: its rows are not recorded as
   * changes (a change row per coding would double the writes). */
  if (!_gloss_project_exec (import->project, "UPDATE temp.gloss_state SET replaying = 1", error) ||
      !read_project (import, error) ||
      !_gloss_project_exec (import->project, "UPDATE temp.gloss_state SET replaying = 0", error))
    {
      _gloss_project_exec (import->project, "UPDATE temp.gloss_state SET replaying = 0", NULL);
      gloss_project_abort_step (import->project);
      return FALSE;
    }

  flush_unknown (import);
  flush_renames (import);
  flush_note_limits (import);
  flush_positions (import);
  flush_colours (import);
  if (import->n_memo_selections > 0)
    warn (import, _("%u memo-only selection(s) (a memo on a passage, without a code) kept in their document’s memo"),
          import->n_memo_selections);
  if (import->n_reanchored > 0)
    warn (import, _("%u coding(s) moved to where their text is in Gloss’s version of the document"),
          import->n_reanchored);

  if (!gloss_project_end_step (import->project, error))
    return FALSE;

  /* A new project has nothing to undo. */
  return _gloss_project_exec (import->project, "DELETE FROM history_change; DELETE FROM history_step", error);
}

/* What the new project holds, counted before it is closed. */
static void
count_contents (GlossProject    *project,
                GlossQdpxCounts *counts)
{
  static const struct { const char *sql; gsize offset; } queries[] = {
    { "SELECT count(*) FROM document", G_STRUCT_OFFSET (GlossQdpxCounts, n_documents) },
    { "SELECT count(*) FROM coder", G_STRUCT_OFFSET (GlossQdpxCounts, n_coders) },
    { "SELECT count(*) FROM code", G_STRUCT_OFFSET (GlossQdpxCounts, n_codes) },
    { "SELECT count(*) FROM coding", G_STRUCT_OFFSET (GlossQdpxCounts, n_codings) },
    { "SELECT count(*) FROM note", G_STRUCT_OFFSET (GlossQdpxCounts, n_notes) },
    { "SELECT (SELECT count(*) FROM memo) + (SELECT count(*) FROM coding WHERE memo IS NOT NULL)",
      G_STRUCT_OFFSET (GlossQdpxCounts, n_memos) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = _gloss_project_prepare (project, queries[i].sql, NULL);

      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        G_STRUCT_MEMBER (guint, counts, queries[i].offset) = (guint) sqlite3_column_int64 (stmt, 0);
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }
}

char *
_gloss_qdpx_import_build (const char       *qdpx_path,
                          const char       *project_path,
                          GPtrArray        *warnings,
                          GlossQdpxCounts  *counts,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *title = NULL;
  Import import = { 0 };
  gboolean ok = FALSE;

  name = g_filename_display_basename (project_path);
  if (g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("“%s” already exists"), name);
      return NULL;
    }

  {
    g_autofree char *dir = g_path_get_dirname (project_path);

    if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
      {
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                     _("Cannot create “%s”: its folder does not exist"), name);
        return NULL;
      }
  }

  import_init (&import, warnings);
  if (!_gloss_qdpx_archive_open (&import.archive, qdpx_path, error))
    goto out;

  /* All of project.qde is read once before a project is made. */
  if (!survey_project (&import, &title, error))
    goto out;

  tmp_path = _gloss_sibling_temp_path (project_path, ".gloss");
  import.project = gloss_project_create (tmp_path, title, error);
  if (import.project == NULL)
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !build_project (&import, error))
    goto out;
  if (counts != NULL)
    count_contents (import.project, counts);
  ok = TRUE;

out:
  if (import.project != NULL)
    {
      gloss_project_close (import.project);
      g_clear_object (&import.project);
    }
  if (!ok && tmp_path != NULL)
    _gloss_remove_database_files (tmp_path);
  import_clear (&import);

  return ok ? g_steal_pointer (&tmp_path) : NULL;
}

/* Codebooks */

gint64
gloss_qdc_import (GlossProject  *self,
                  const char    *qdc_path,
                  GPtrArray     *warnings,
                  GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *label = NULL;
  Import import = { 0 };
  xmlDocPtr doc = NULL;
  xmlNode *root, *codes;
  gsize length = 0;
  guint n_added = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), -1);

  name = g_filename_display_basename (qdc_path);
  if (!g_file_get_contents (qdc_path, &contents, &length, &local_error))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("Cannot read “%s”: %s"), name, local_error->message);
      return -1;
    }
  if ((gint64) length > GLOSS_QDPX_MAX_XML_BYTES)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (GLOSS_QDPX_MAX_XML_BYTES);
      _gloss_qdpx_refuse (error, name, _("it is too large: %s, and Gloss reads at most %s"), size, limit);
      return -1;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  import_init (&import, warnings);
  import.project = self;
  import.archive.name = g_strdup (name);
  doc = _gloss_qdpx_parse_xml (bytes, name, name, error);
  if (doc == NULL || (root = root_element (doc, "CodeBook", name, error)) == NULL)
    goto out;

  codes = first_child (root, "Codes");
  label = g_strdup_printf (_("Import codebook “%s”"), name);
  if (!gloss_project_begin_step (self, label, error))
    goto out;
  if (codes != NULL && !read_codes (&import, codes, 0, 1, TRUE, &n_added, error))
    {
      gloss_project_abort_step (self);
      goto out;
    }
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && !is_element (node, "Codes"))
      {
        if (is_element (node, "Sets"))
          warn (&import, _("<%s> is not imported"), "Sets");
        else
          unknown_element (&import, node);
      }
  flush_unknown (&import);
  flush_renames (&import);
  flush_colours (&import);
  ok = gloss_project_end_step (self, error);

out:
  if (doc != NULL)
    xmlFreeDoc (doc);
  import.project = NULL;
  import_clear (&import);

  return ok ? (gint64) n_added : -1;
}

