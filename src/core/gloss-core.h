/* gloss-core.h: everything core offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-error.h"
#include "gloss-types.h"
#include "gloss-project.h"
