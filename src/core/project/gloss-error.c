/* gloss-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-error.h"

G_DEFINE_QUARK (gloss-error-quark, gloss_error)
