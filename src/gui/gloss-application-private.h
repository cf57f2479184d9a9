/* gloss-application-private.h: what the application's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-application.h"

G_BEGIN_DECLS

/* gloss-application-exchange.c: app.import-qdpx */
void _gloss_application_add_exchange_actions (GlossApplication *self);

G_END_DECLS
