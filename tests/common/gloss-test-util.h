/* gloss-test-util.h: fixtures the test suites share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-core.h"

G_BEGIN_DECLS

/* Writes a PDF whose pages hold @pages (NULL-terminated; lines split by
 * '\n'), with @title as its metadata title (or none). poppler returns each
 * page's lines joined by '\n', so the document text is the pages joined by
 * '\f'. */
void          gloss_test_make_pdf       (const char         *path,
                                         const char * const *pages,
                                         const char         *title);
/* A new temporary folder, removed with its content at exit. */
char         *gloss_test_make_tmpdir    (void);
/* A new empty project in a new temporary folder. */
GlossProject *gloss_test_new_project    (char              **out_path);
/* Another connection to the project file at @path, as a second program
 * would have; fails the test if it cannot be opened. */
GlossProject *gloss_test_open_project   (const char         *path);
/* Writes a one-column PDF (A4, black, @font at @size points): each
 * entry of @lines is drawn at (72, its y) on its page, counted from 0;
 * the list ends with a NULL text. */
typedef struct
{
  guint       page;
  double      y;
  const char *text;
} GlossTestLine;
void          gloss_test_write_pdf_lines (const char          *path,
                                          const char          *font,
                                          double               size,
                                          const GlossTestLine *lines);
/* The folder of real-world PDFs (GLOSS_CORPUS_DIR). */
const char   *gloss_test_corpus_dir     (void);
char         *gloss_test_corpus_file    (const char         *name);
/* The SHA-256 of a file's bytes, to prove it did not change. */
char         *gloss_test_file_checksum  (const char         *path);
/* Writes @contents to @dir/@name and returns the path. */
char         *gloss_test_write_file     (const char         *dir,
                                         const char         *name,
                                         const char         *contents,
                                         gssize              length);
/* SQL that undoes what version 6 changed, for tests that fabricate older
 * files: the code table back as versions 1 to 5 made it (names without
 * "/", and before version 5 without codable), its rows kept, and no note
 * table. It drops the set trigger on the code table (version 4 made it). */
const char   *gloss_test_sql_before_version_6 (gboolean      with_codable);

G_END_DECLS
