/* gloss-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLOSS_ERROR (gloss_error_quark ())

typedef enum
{
  GLOSS_ERROR_FAILED,
  GLOSS_ERROR_NOT_A_PROJECT,     /* the file is not a Gloss project */
  GLOSS_ERROR_DAMAGED,           /* the project file is corrupt */
  GLOSS_ERROR_TOO_NEW,           /* written by a newer Gloss */
  GLOSS_ERROR_READ_ONLY,         /* the project cannot be written */
  GLOSS_ERROR_EXISTS,            /* the target already exists */
  GLOSS_ERROR_NOT_FOUND,         /* no such document, code, coder, coding */
  GLOSS_ERROR_INVALID,           /* an argument is out of range or malformed */
  GLOSS_ERROR_DUPLICATE,         /* the same thing is already there */
  GLOSS_ERROR_CYCLE,             /* a code cannot move below itself */
  GLOSS_ERROR_PASSWORD_REQUIRED, /* the PDF is encrypted and no password was given */
  GLOSS_ERROR_BAD_PASSWORD,      /* the password does not open the PDF */
  GLOSS_ERROR_BAD_DOCUMENT,      /* the file cannot be read as a document */
  GLOSS_ERROR_ENCODING,          /* the text is not valid UTF-8 */
  GLOSS_ERROR_CONFLICT,          /* same GUID, different content */
  GLOSS_ERROR_NOTHING_TO_UNDO,
  GLOSS_ERROR_NOTHING_TO_REDO,
  GLOSS_ERROR_BUSY,              /* another program holds the file too long */
  GLOSS_ERROR_NO_SPACE,          /* the disk is full */
  GLOSS_ERROR_FOREIGN_SCHEMA,    /* the file holds tables, triggers or views Gloss did not create */
  GLOSS_ERROR_OFFLINE,           /* the team server cannot be reached */
  GLOSS_ERROR_DENIED,            /* the team server refused the login or the request */
} GlossError;

GQuark gloss_error_quark (void);

G_END_DECLS
