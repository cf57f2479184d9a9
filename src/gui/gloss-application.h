/* gloss-application.h: the application, its actions and its windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_APPLICATION (gloss_application_get_type ())

G_DECLARE_FINAL_TYPE (GlossApplication, gloss_application, GLOSS, APPLICATION, AdwApplication)

GlossApplication *gloss_application_new           (void);
GSettings        *gloss_application_get_settings  (GlossApplication *self);
/* Where the bundled sample project is read from (GLOSS_SAMPLE_PROJECT wins). */
char             *gloss_application_dup_sample_path (void);
/* Copies the sample project into the user's data folder (once) and returns its path. */
char             *gloss_application_install_sample (GError **error);
/* Remembers @path as the most recent project. */
void              gloss_application_add_recent    (GlossApplication *self,
                                                   const char       *path);
/* Opens @file in a window (an empty window is reused). */
void              gloss_application_open_project  (GlossApplication *self,
                                                   GFile            *file);

G_END_DECLS
