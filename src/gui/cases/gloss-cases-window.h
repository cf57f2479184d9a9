/* gloss-cases-window.h: the cases of a project with their documents and
 * passages, and the attributes of each case and each coder
 *
 * Actions (group "cases"):
 *   cases.create (s name)          cases.rename (x case, s name)
 *   cases.describe (x case, s description; blank: none)
 *   cases.delete (x case)          cases.show (s kind "case" or "coder", x id)
 *   cases.remove-member (x member) cases.open-member (x member): the
 *                                  passage in the window the cases belong to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-attribute-sheet.h"
#include "gloss-cases.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CASES_WINDOW (gloss_cases_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossCasesWindow, gloss_cases_window, GLOSS, CASES_WINDOW, AdwWindow)

GlossCasesWindow    *gloss_cases_window_new        (GtkWindow        *parent,
                                                    GlossProject     *project);
void                 gloss_cases_window_reload     (GlossCasesWindow *self);
GlossAttributeSheet *gloss_cases_window_get_sheet  (GlossCasesWindow *self);
/* The case's description as shown: kept on Enter and when left. */
GtkEditable         *gloss_cases_window_get_description (GlossCasesWindow *self);
/* The lines of the list on the left and of the members shown. */
GPtrArray           *gloss_cases_window_dup_lines  (GlossCasesWindow *self);
GPtrArray           *gloss_cases_window_dup_member_lines (GlossCasesWindow *self);
const char          *gloss_cases_window_get_message (GlossCasesWindow *self);

G_END_DECLS
