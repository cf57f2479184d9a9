/* gloss-agreement-quotes.c: the text of a report's disagreements, on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-agreement-quotes.h"

#include <string.h>

/* Quotes longer than this keep their beginning and end around an ellipsis. */
#define QUOTE_MAX 240

/* The byte offset of every STRIDE-th character is kept, so that any
 * character is found in a few steps. */
#define STRIDE 16

struct _GlossAgreementQuotes
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  GlossProject    *project;
  gint64           document_id;   /* of @text, 0: none */
  char            *text;
  gsize            text_len;
  gint64           n_chars;
  GArray          *marks;         /* gsize: byte offset of character k * STRIDE */
};

GlossAgreementQuotes *
gloss_agreement_quotes_new (GlossProject *project)
{
  GlossAgreementQuotes *self = g_new0 (GlossAgreementQuotes, 1);

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->project = g_object_ref (project);
  self->marks = g_array_new (FALSE, FALSE, sizeof (gsize));
  return self;
}

GlossAgreementQuotes *
gloss_agreement_quotes_ref (GlossAgreementQuotes *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gloss_agreement_quotes_unref (GlossAgreementQuotes *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_object_unref (self->project);
  g_free (self->text);
  g_array_unref (self->marks);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* Makes document @document_id's text the current one. */
static gboolean
load_document (GlossAgreementQuotes *self,
               gint64                document_id)
{
  char *text;
  gint64 n = 0;

  if (self->document_id == document_id && self->text != NULL)
    return TRUE;
  text = gloss_project_get_text (self->project, document_id, 0, -1, NULL);
  g_clear_pointer (&self->text, g_free);
  g_array_set_size (self->marks, 0);
  self->document_id = 0;
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    if (n % STRIDE == 0)
      {
        gsize at = p - text;

        g_array_append_val (self->marks, at);
      }
  self->text = text;
  self->text_len = strlen (text);
  self->n_chars = n;
  self->document_id = document_id;
  return TRUE;
}

static const char *
text_at (GlossAgreementQuotes *self,
         gint64                offset)
{
  offset = CLAMP (offset, 0, self->n_chars);
  if (offset == self->n_chars)
    return self->text + self->text_len;
  return g_utf8_offset_to_pointer (self->text + g_array_index (self->marks, gsize, offset / STRIDE),
                                   offset % STRIDE);
}

static char *
dup_range (GlossAgreementQuotes *self,
           gint64                start,
           gint64                end)
{
  const char *a = text_at (self, start), *b = text_at (self, end);

  return g_strndup (a, b - a);
}

char *
gloss_agreement_quotes_dup (GlossAgreementQuotes *self,
                            gint64                document_id,
                            gint64                start,
                            gint64                end)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!load_document (self, document_id))
    return NULL;
  start = CLAMP (start, 0, self->n_chars);
  end = CLAMP (end, start, self->n_chars);
  if (end - start <= QUOTE_MAX)
    return dup_range (self, start, end);
  {
    g_autofree char *head = dup_range (self, start, start + QUOTE_MAX / 2);
    g_autofree char *tail = dup_range (self, end - QUOTE_MAX / 2, end);

    return g_strconcat (head, " … ", tail, NULL);
  }
}
