/* gloss-application-private.h: what the application's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-application.h"

G_BEGIN_DECLS

/* gloss-application-exchange.c: app.import-qdpx */
void _gloss_application_add_exchange_actions (GlossApplication *self);

/* gloss-application.c: app.new-project once a path is chosen; FALSE
 * with @error, and nothing touched, where the project may not go. */
gboolean _gloss_application_new_project_at (GlossApplication  *self,
                                            const char        *chosen,
                                            GError           **error);

G_END_DECLS
