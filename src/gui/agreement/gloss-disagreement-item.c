/* gloss-disagreement-item.c: one disagreement of a report as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-disagreement-item.h"

struct _GlossDisagreementItem
{
  GObject  parent_instance;

  gint64   document_id;
  char    *document_title;
  gint64   start;
  gint64   end;
  char    *code;
  GStrv    values;
  char    *resolution;
  char    *kind;
  char    *other_code;
  GlossAgreementQuotes *quotes;
  gboolean quoted;
  gint64  *ranges;     /* start, end per value; start < 0: no version */
  char    *quote;      /* read when first asked for */
  char   **versions;   /* per value, read when first asked for */
};

G_DEFINE_FINAL_TYPE (GlossDisagreementItem, gloss_disagreement_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESOLUTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlossDisagreementItem *
gloss_disagreement_item_new (gint64              document_id,
                             const char         *document_title,
                             gint64              start,
                             gint64              end,
                             const char         *code,
                             const char * const *values)
{
  GlossDisagreementItem *self = g_object_new (GLOSS_TYPE_DISAGREEMENT_ITEM, NULL);

  self->document_id = document_id;
  self->document_title = g_strdup (document_title);
  self->start = start;
  self->end = end;
  self->code = g_strdup (code);
  self->values = g_strdupv ((char **) values);
  return self;
}

gint64
gloss_disagreement_item_get_document_id (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), 0);

  return self->document_id;
}

const char *
gloss_disagreement_item_get_document_title (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), NULL);

  return self->document_title;
}

gint64
gloss_disagreement_item_get_start (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), 0);

  return self->start;
}

gint64
gloss_disagreement_item_get_end (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), 0);

  return self->end;
}

const char *
gloss_disagreement_item_get_code (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), NULL);

  return self->code;
}

guint
gloss_disagreement_item_get_n_values (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), 0);

  return self->values ? g_strv_length (self->values) : 0;
}

const char *
gloss_disagreement_item_get_value (GlossDisagreementItem *self,
                                   guint                  coder)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), NULL);
  g_return_val_if_fail (coder < gloss_disagreement_item_get_n_values (self), NULL);

  return self->values[coder];
}

static void
clear_texts (GlossDisagreementItem *self)
{
  guint n = gloss_disagreement_item_get_n_values (self);

  g_clear_pointer (&self->quote, g_free);
  for (guint i = 0; self->versions != NULL && i < n; i++)
    g_free (self->versions[i]);
  g_clear_pointer (&self->versions, g_free);
}

void
gloss_disagreement_item_set_details (GlossDisagreementItem *self,
                                     const char            *kind,
                                     const char            *other_code,
                                     GlossAgreementQuotes  *quotes,
                                     gboolean               quoted,
                                     const gint64          *versions)
{
  guint n;

  g_return_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self));

  n = gloss_disagreement_item_get_n_values (self);
  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_free (self->other_code);
  self->other_code = g_strdup (other_code);
  clear_texts (self);
  g_clear_pointer (&self->quotes, gloss_agreement_quotes_unref);
  self->quotes = quotes ? gloss_agreement_quotes_ref (quotes) : NULL;
  self->quoted = quoted;
  g_free (self->ranges);
  self->ranges = versions ? g_memdup2 (versions, sizeof (gint64) * 2 * n) : NULL;
}

const char *
gloss_disagreement_item_get_kind (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), NULL);

  return self->kind;
}

const char *
gloss_disagreement_item_get_other_code (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), NULL);

  return self->other_code;
}

const char *
gloss_disagreement_item_get_quote (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), NULL);

  if (self->quote == NULL && self->quoted && self->quotes != NULL)
    self->quote = gloss_agreement_quotes_dup (self->quotes, self->document_id, self->start, self->end);
  return self->quote;
}

const char *
gloss_disagreement_item_get_version (GlossDisagreementItem *self,
                                     guint                  coder)
{
  guint n;

  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), NULL);

  n = gloss_disagreement_item_get_n_values (self);
  if (self->ranges == NULL || coder >= n || self->ranges[2 * coder] < 0 || self->quotes == NULL)
    return NULL;
  if (self->versions == NULL)
    self->versions = g_new0 (char *, n);
  if (self->versions[coder] == NULL)
    self->versions[coder] = gloss_agreement_quotes_dup (self->quotes, self->document_id,
                                                        self->ranges[2 * coder], self->ranges[2 * coder + 1]);
  return self->versions[coder] != NULL && *self->versions[coder] != '\0' ? self->versions[coder] : NULL;
}

const char *
gloss_disagreement_item_get_resolution (GlossDisagreementItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self), NULL);

  return self->resolution;
}

void
gloss_disagreement_item_set_resolution (GlossDisagreementItem *self,
                                        const char            *resolution)
{
  g_return_if_fail (GLOSS_IS_DISAGREEMENT_ITEM (self));

  if (g_strcmp0 (self->resolution, resolution) == 0)
    return;
  g_free (self->resolution);
  self->resolution = g_strdup (resolution);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

const char *
gloss_disagreement_value_to_display (const char *value)
{
  static const struct {
    const char *key;
    const char *label;
  } known[] = {
    { "coded", N_("coded") },
    { "not coded", N_("not coded") },
    { "matched", N_("matched") },
    { "no match", N_("no match") },
    { "none", N_("none") },
    { "conflict", N_("conflict") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (value, known[i].key) == 0)
      return _(known[i].label);
  return value;
}

static void
gloss_disagreement_item_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GlossDisagreementItem *self = GLOSS_DISAGREEMENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_RESOLUTION:
      g_value_set_string (value, self->resolution);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_disagreement_item_finalize (GObject *object)
{
  GlossDisagreementItem *self = GLOSS_DISAGREEMENT_ITEM (object);

  g_clear_pointer (&self->document_title, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->values, g_strfreev);
  g_clear_pointer (&self->resolution, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->other_code, g_free);
  clear_texts (self);
  g_clear_pointer (&self->ranges, g_free);
  g_clear_pointer (&self->quotes, gloss_agreement_quotes_unref);

  G_OBJECT_CLASS (gloss_disagreement_item_parent_class)->finalize (object);
}

static void
gloss_disagreement_item_class_init (GlossDisagreementItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gloss_disagreement_item_get_property;
  object_class->finalize = gloss_disagreement_item_finalize;

  properties[PROP_RESOLUTION] =
    g_param_spec_string ("resolution", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_disagreement_item_init (GlossDisagreementItem *self)
{
}
