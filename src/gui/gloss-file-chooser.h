/* gloss-file-chooser.h: asking for files without blocking, as an async call
 *
 * One entry for every file question the exchange commands ask, so a test
 * can answer it without a file chooser on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_FILE_CHOOSER_OPEN,
  GLOSS_FILE_CHOOSER_OPEN_MULTIPLE,
  GLOSS_FILE_CHOOSER_SAVE,
} GlossFileChooserMode;

/* Shows a GtkFileChooserNative over @parent. @filter (may be NULL) is
 * added as the only filter; @suggested_name is used when saving. */
void    gloss_file_chooser_choose_async  (GtkWindow            *parent,
                                          GlossFileChooserMode  mode,
                                          const char           *title,
                                          const char           *accept_label,
                                          const char           *suggested_name,
                                          GtkFileFilter        *filter,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
/* The chosen paths (NULL-terminated), or NULL with G_IO_ERROR_CANCELLED
 * when the user cancelled. */
char  **gloss_file_chooser_choose_finish (GAsyncResult         *result,
                                          GError              **error);

/* Tests: the next questions are answered with these paths, one set per
 * question, in order, without showing anything. */
void    gloss_file_chooser_push_answer_for_test (const char * const *paths);

/* A filter named @name for one or more "*.ext" patterns (NULL-terminated). */
GtkFileFilter *gloss_file_filter_new (const char *name,
                                      const char *pattern,
                                      ...) G_GNUC_NULL_TERMINATED;

/* @path, with @extension (".csv") added unless it ends with it already. */
char          *gloss_file_chooser_with_extension (const char *path,
                                                  const char *extension);

G_END_DECLS
