/* gloss-excerpts-pane.c: coded excerpts of a code or a document, and memo
 * search results, with coder and document filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-excerpt-row.h"
#include "gloss-excerpts-pane.h"
#include "gloss-hyphenation.h"

struct _GlossExcerptsPane
{
  GtkWidget          parent_instance;

  GlossProject      *project;
  GlossCodebookModel *model;         /* the codes, for their paths and colours */
  GlossExcerptsMode  mode;
  gint64             target;         /* the code or the document */
  char              *phrase;         /* for memo search */
  GlossQuery        *query;          /* for the hits of a query */
  char              *query_error;    /* why the query did not run, or NULL */
  gint64             blind_coder;
  GHashTable        *hidden;         /* coder id -> TRUE; borrowed from the window */
  GListStore        *store;
  GArray            *coder_ids;      /* index in the coder drop-down -> id (0: all) */
  GArray            *document_ids;
  gboolean           filling;

  /* Template children */
  GtkLabel          *title_label;
  GtkDropDown       *coder_dropdown;
  GtkDropDown       *document_dropdown;
  GtkButton         *memo_button;
  GtkLabel          *memo_label;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkListView       *list_view;
};

G_DEFINE_FINAL_TYPE (GlossExcerptsPane, gloss_excerpts_pane, GTK_TYPE_WIDGET)

enum {
  EXCERPT_ACTIVATED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_CODER_ID,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
gloss_excerpts_pane_new (void)
{
  return g_object_new (GLOSS_TYPE_EXCERPTS_PANE, NULL);
}

/* Filters: the drop-downs list the project's coders and documents. */

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
select_id (GtkDropDown *dropdown,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
fill_filters (GlossExcerptsPane *self)
{
  g_autoptr(GtkStringList) coders = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) documents = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) coder_list = NULL;
  g_autoptr(GPtrArray) document_list = NULL;
  gint64 coder_id = selected_id (self->coder_dropdown, self->coder_ids);
  gint64 document_id = selected_id (self->document_dropdown, self->document_ids);
  gint64 zero = 0;

  g_array_set_size (self->coder_ids, 0);
  g_array_set_size (self->document_ids, 0);
  gtk_string_list_append (coders, _("All Coders"));
  g_array_append_val (self->coder_ids, zero);
  gtk_string_list_append (documents, _("All Documents"));
  g_array_append_val (self->document_ids, zero);

  if (self->project != NULL)
    {
      coder_list = gloss_project_list_coders (self->project, NULL);
      document_list = gloss_project_list_documents (self->project, NULL);
    }
  for (guint i = 0; coder_list != NULL && i < coder_list->len; i++)
    {
      GlossCoder *coder = g_ptr_array_index (coder_list, i);
      gtk_string_list_append (coders, coder->name);
      g_array_append_val (self->coder_ids, coder->id);
    }
  for (guint i = 0; document_list != NULL && i < document_list->len; i++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (document_list, i);
      gtk_string_list_append (documents, info->title);
      g_array_append_val (self->document_ids, info->id);
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->coder_dropdown, G_LIST_MODEL (coders));
  gtk_drop_down_set_model (self->document_dropdown, G_LIST_MODEL (documents));
  select_id (self->coder_dropdown, self->coder_ids, self->blind_coder > 0 ? self->blind_coder : coder_id);
  select_id (self->document_dropdown, self->document_ids, document_id);
  self->filling = FALSE;

  /* Blind mode shows one coder only: the choice is not the user's. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->coder_dropdown), self->blind_coder == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->document_dropdown), self->mode != GLOSS_EXCERPTS_DOCUMENT);
}

/* Rows */

static GPtrArray *
pages_of (GlossExcerptsPane *self,
          GHashTable        *cache,
          gint64             document_id)
{
  GPtrArray *pages = g_hash_table_lookup (cache, &document_id);

  if (pages == NULL)
    {
      pages = gloss_project_get_pages (self->project, document_id, NULL);
      if (pages == NULL)
        pages = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_page_free);
      g_hash_table_insert (cache, g_memdup2 (&document_id, sizeof document_id), pages);
    }
  return pages;
}

static guint
page_at (GPtrArray *pages,
         gint64     offset)
{
  guint index = 0;

  for (guint i = 0; i < pages->len; i++)
    {
      GlossPage *page = g_ptr_array_index (pages, i);
      if (page->start <= offset)
        index = page->index;
    }
  return index;
}

typedef struct
{
  GlossCodebookModel *model;  /* the codes (borrowed) */
  GHashTable *coders;     /* id -> GlossCoder */
  GHashTable *documents;  /* id -> GlossDocumentInfo */
  GHashTable *pages;      /* document id -> GPtrArray of GlossPage */
  GPtrArray  *coder_list;
  GPtrArray  *document_list;
} Lookup;

static void
lookup_clear (Lookup *lookup)
{
  g_clear_pointer (&lookup->coders, g_hash_table_unref);
  g_clear_pointer (&lookup->documents, g_hash_table_unref);
  g_clear_pointer (&lookup->pages, g_hash_table_unref);
  g_clear_pointer (&lookup->coder_list, g_ptr_array_unref);
  g_clear_pointer (&lookup->document_list, g_ptr_array_unref);
}

static GHashTable *
index_by_id (GPtrArray *list)
{
  GHashTable *index = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Every record type starts with its gint64 id. */
  for (guint i = 0; list != NULL && i < list->len; i++)
    g_hash_table_insert (index, g_ptr_array_index (list, i), g_ptr_array_index (list, i));
  return index;
}

static void
lookup_init (GlossExcerptsPane *self,
             Lookup            *lookup)
{
  lookup->model = self->model;
  lookup->coder_list = gloss_project_list_coders (self->project, NULL);
  lookup->document_list = gloss_project_list_documents (self->project, NULL);
  lookup->coders = index_by_id (lookup->coder_list);
  lookup->documents = index_by_id (lookup->document_list);
  lookup->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

static GlossExcerptItem *
item_for_coding (GlossExcerptsPane *self,
                 Lookup            *lookup,
                 GlossCoding       *coding)
{
  const GlossCode *code = gloss_codebook_model_get_code (lookup->model, coding->code_id);
  GlossCoder *coder = g_hash_table_lookup (lookup->coders, &coding->coder_id);
  GlossDocumentInfo *info = g_hash_table_lookup (lookup->documents, &coding->document_id);
  GPtrArray *pages = pages_of (self, lookup->pages, coding->document_id);
  g_autofree char *heading = NULL;
  g_autofree char *details = NULL;
  g_autofree char *quote = gloss_text_one_line (coding->quote);

  /* Translators: an excerpt's place, "interview.pdf · page 3" */
  heading = g_strdup_printf (_("%s · page %u"), info ? info->title : _("Unknown document"),
                             page_at (pages, coding->start) + 1);
  /* Translators: an excerpt's code and coder, "Trust — Ana" */
  details = g_strdup_printf (_("%s — %s"), code ? code->path : _("Unknown code"),
                             coder ? coder->name : _("Unknown coder"));
  return gloss_excerpt_item_new (coding->id, coding->document_id, coding->start, coding->end,
                                 heading, details, quote, coding->memo,
                                 code ? code->color : NULL);
}

static gboolean
code_in_scope (Lookup *lookup,
               gint64  code_id,
               gint64  scope_id)
{
  const GlossCode *code = gloss_codebook_model_get_code (lookup->model, code_id);

  /* The code itself or any code below it. */
  while (code != NULL)
    {
      if (code->id == scope_id)
        return TRUE;
      code = code->parent_id > 0 ? gloss_codebook_model_get_code (lookup->model, code->parent_id) : NULL;
    }
  return FALSE;
}

static gboolean
contains_folded (const char *text,
                 const char *folded_phrase)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *folded_phrase == '\0')
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, folded_phrase) != NULL;
}

static gboolean
coding_shown (GlossExcerptsPane *self,
              Lookup            *lookup,
              GlossCoding       *coding,
              const char        *folded_phrase)
{
  if (self->hidden != NULL && self->blind_coder == 0 &&
      g_hash_table_contains (self->hidden, &coding->coder_id))
    return FALSE;

  switch (self->mode)
    {
    case GLOSS_EXCERPTS_CODE:
      return code_in_scope (lookup, coding->code_id, self->target);
    case GLOSS_EXCERPTS_MEMOS:
      return contains_folded (coding->memo, folded_phrase);
    case GLOSS_EXCERPTS_QUERY:
      return TRUE;
    case GLOSS_EXCERPTS_DOCUMENT:
    case GLOSS_EXCERPTS_NONE:
    default:
      return TRUE;
    }
}

/* Memos of codes, documents and the project that contain the phrase. */
static void
add_memo_matches (GlossExcerptsPane *self,
                  Lookup            *lookup,
                  const char        *folded_phrase,
                  GPtrArray         *items)
{
  g_autofree char *project_memo = gloss_project_get_memo (self->project, "project", 0, NULL);

  if (contains_folded (project_memo, folded_phrase))
    g_ptr_array_add (items, gloss_excerpt_item_new (0, 0, 0, 0, _("Project memo"), NULL,
                                                    project_memo, NULL, NULL));

  for (guint i = 0; lookup->document_list && i < lookup->document_list->len; i++)
    {
      GlossDocumentInfo *info = g_ptr_array_index (lookup->document_list, i);
      g_autofree char *memo = gloss_project_get_memo (self->project, "document", info->id, NULL);
      g_autofree char *heading = NULL;

      if (!contains_folded (memo, folded_phrase))
        continue;
      /* Translators: %s is a document's title */
      heading = g_strdup_printf (_("Memo on the document “%s”"), info->title);
      g_ptr_array_add (items, gloss_excerpt_item_new (0, info->id, 0, 0, heading, NULL,
                                                      memo, NULL, NULL));
    }

  GPtrArray *codes = gloss_codebook_model_get_codes (lookup->model);

  for (guint i = 0; i < codes->len; i++)
    {
      GlossCode *code = g_ptr_array_index (codes, i);
      g_autofree char *memo = gloss_project_get_memo (self->project, "code", code->id, NULL);
      g_autofree char *heading = NULL;

      if (!contains_folded (memo, folded_phrase))
        continue;
      /* Translators: %s is a code's path */
      heading = g_strdup_printf (_("Memo on the code “%s”"), code->path);
      g_ptr_array_add (items, gloss_excerpt_item_new (0, 0, 0, 0, heading, NULL,
                                                      memo, NULL, code->color));
    }
}

static void
update_header (GlossExcerptsPane *self,
               Lookup            *lookup,
               guint              n_items)
{
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree char *memo = NULL;
  g_autofree char *about = NULL;
  const char *kind = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u excerpt", "%u excerpts", n_items),
                           n_items);
  if (self->mode == GLOSS_EXCERPTS_CODE)
    {
      const GlossCode *code = gloss_codebook_model_get_code (lookup->model, self->target);

      /* Translators: the excerpts pane's title, "Trust — 4 excerpts" */
      title = g_strdup_printf (_("%s — %s"), code ? code->path : "", count);
      kind = "code";
      if (code != NULL && code->description != NULL && *code->description != '\0')
        about = g_strdup (code->description);
    }
  else if (self->mode == GLOSS_EXCERPTS_DOCUMENT)
    {
      GlossDocumentInfo *info = g_hash_table_lookup (lookup->documents, &self->target);

      /* Translators: the excerpts pane's title, "Coded in interview.pdf — 4 excerpts" */
      title = g_strdup_printf (_("Coded in %s — %s"), info ? info->title : "", count);
      kind = "document";
    }
  else if (self->mode == GLOSS_EXCERPTS_QUERY)
    {
      /* Translators: the excerpts pane's title for a query's hits, "Query — 4 excerpts" */
      title = g_strdup_printf (_("%s — %s"), _("Query"), count);
      /* The sentence is long: it goes below, where it wraps. */
      about = gloss_query_describe (self->project, self->query);
    }
  else if (self->mode == GLOSS_EXCERPTS_MEMOS)
    {
      /* Translators: the excerpts pane's title for a memo search */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Memos with “%s” — %u match",
                                            "Memos with “%s” — %u matches", n_items),
                               self->phrase, n_items);
    }

  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->memo_button), kind != NULL);
  if (kind != NULL)
    {
      memo = gloss_project_get_memo (self->project, kind, self->target, NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->memo_button),
                                              g_variant_new ("(sx)", kind, self->target));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->memo_button), "win.edit-memo");
    }

  if (about != NULL && memo != NULL && *memo != '\0')
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", about, memo);
      g_free (memo);
      memo = g_steal_pointer (&both);
    }
  else if (about != NULL)
    {
      g_free (memo);
      memo = g_steal_pointer (&about);
    }
  gtk_label_set_text (self->memo_label, memo ? memo : "");
  gtk_widget_set_visible (GTK_WIDGET (self->memo_label), memo != NULL && *memo != '\0');
}

/* The query's hits now; NULL with the reason kept when it does not run
 * (a condition naming an attribute since deleted, say). */
static GPtrArray *
run_query (GlossExcerptsPane *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codings = gloss_project_run_query (self->project, self->query, &error);

  if (codings == NULL)
    self->query_error = g_strdup (error->message);
  return codings;
}

static gboolean
in_filter (const GlossCoding       *coding,
           const GlossCodingFilter *filter)
{
  return (filter->coder_id <= 0 || coding->coder_id == filter->coder_id) &&
         (filter->document_id <= 0 || coding->document_id == filter->document_id);
}

void
gloss_excerpts_pane_reload (GlossExcerptsPane *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *folded = NULL;
  GlossCodingFilter filter = { 0 };
  Lookup lookup = { 0 };

  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));

  if (self->project == NULL || self->mode == GLOSS_EXCERPTS_NONE)
    {
      g_list_store_remove_all (self->store);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  lookup_init (self, &lookup);
  folded = g_utf8_casefold (self->phrase ? self->phrase : "", -1);
  filter.coder_id = self->blind_coder > 0 ? self->blind_coder
                                          : selected_id (self->coder_dropdown, self->coder_ids);
  filter.document_id = self->mode == GLOSS_EXCERPTS_DOCUMENT
                       ? self->target
                       : selected_id (self->document_dropdown, self->document_ids);

  if (self->mode == GLOSS_EXCERPTS_MEMOS)
    add_memo_matches (self, &lookup, folded, items);

  g_clear_pointer (&self->query_error, g_free);
  if (self->mode == GLOSS_EXCERPTS_QUERY)
    codings = run_query (self);
  else
    codings = gloss_project_list_codings (self->project, &filter, NULL);
  for (guint i = 0; codings != NULL && i < codings->len; i++)
    {
      GlossCoding *coding = g_ptr_array_index (codings, i);

      if (self->mode == GLOSS_EXCERPTS_QUERY && !in_filter (coding, &filter))
        continue;
      if (coding_shown (self, &lookup, coding, folded))
        g_ptr_array_add (items, item_for_coding (self, &lookup, coding));
    }

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  adw_status_page_set_description (self->empty_page,
                                   self->query_error != NULL ? self->query_error
                                   : self->mode == GLOSS_EXCERPTS_MEMOS ? _("No memo contains this.")
                                   : self->mode == GLOSS_EXCERPTS_QUERY && self->blind_coder > 0
                                   ? _("The query finds nothing among the codings shown: "
                                       "blind coding shows only the active coder’s.")
                                   : self->mode == GLOSS_EXCERPTS_QUERY ? _("The query finds nothing for the coders shown.")
                                   : _("Nothing is coded here for the coders shown."));
  update_header (self, &lookup, items->len);
  lookup_clear (&lookup);
}

static void
show (GlossExcerptsPane *self,
      GlossExcerptsMode  mode,
      gint64             target,
      const char        *phrase)
{
  self->mode = mode;
  self->target = target;
  g_free (self->phrase);
  self->phrase = g_strdup (phrase);
  fill_filters (self);
  gloss_excerpts_pane_reload (self);
}

void
gloss_excerpts_pane_show_code (GlossExcerptsPane *self,
                               gint64             code_id)
{
  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));
  show (self, GLOSS_EXCERPTS_CODE, code_id, NULL);
}

void
gloss_excerpts_pane_show_document (GlossExcerptsPane *self,
                                   gint64             document_id)
{
  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));
  show (self, GLOSS_EXCERPTS_DOCUMENT, document_id, NULL);
}

void
gloss_excerpts_pane_show_memos (GlossExcerptsPane *self,
                                const char        *phrase)
{
  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));
  show (self, GLOSS_EXCERPTS_MEMOS, 0, phrase);
}

void
gloss_excerpts_pane_show_query (GlossExcerptsPane *self,
                                const GlossQuery  *query)
{
  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));
  g_return_if_fail (query != NULL);

  g_clear_pointer (&self->query, gloss_query_free);
  self->query = gloss_query_copy (query);
  show (self, GLOSS_EXCERPTS_QUERY, 0, NULL);
}

const GlossQuery *
gloss_excerpts_pane_get_query (GlossExcerptsPane *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPTS_PANE (self), NULL);

  return self->mode == GLOSS_EXCERPTS_QUERY ? self->query : NULL;
}

void
gloss_excerpts_pane_set_project (GlossExcerptsPane *self,
                                 GlossProject      *project)
{
  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));

  if (self->project == project)
    return;
  self->mode = GLOSS_EXCERPTS_NONE;
  self->target = 0;
  g_set_object (&self->project, project);
  fill_filters (self);
  gloss_excerpts_pane_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

void
gloss_excerpts_pane_set_model (GlossExcerptsPane  *self,
                               GlossCodebookModel *model)
{
  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));
  g_return_if_fail (model == NULL || GLOSS_IS_CODEBOOK_MODEL (model));

  if (model != NULL && self->model == model)
    return;
  g_clear_object (&self->model);
  /* Without a model of its own, an empty one. */
  self->model = model != NULL ? g_object_ref (model) : gloss_codebook_model_new ();
  gloss_excerpts_pane_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
gloss_excerpts_pane_set_coder_id (GlossExcerptsPane *self,
                                  gint64             coder_id)
{
  gboolean leaving_blind;

  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));

  if (self->blind_coder == coder_id)
    return;
  leaving_blind = self->blind_coder > 0 && coder_id == 0;
  self->blind_coder = coder_id;
  fill_filters (self);
  /* Review mode starts with every coder. */
  if (leaving_blind)
    {
      self->filling = TRUE;
      gtk_drop_down_set_selected (self->coder_dropdown, 0);
      self->filling = FALSE;
    }
  gloss_excerpts_pane_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER_ID]);
}

void
gloss_excerpts_pane_set_hidden_coders (GlossExcerptsPane *self,
                                       GHashTable        *hidden)
{
  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));

  g_clear_pointer (&self->hidden, g_hash_table_unref);
  self->hidden = hidden ? g_hash_table_ref (hidden) : NULL;
  gloss_excerpts_pane_reload (self);
}

void
gloss_excerpts_pane_set_filter (GlossExcerptsPane *self,
                                gint64             coder_id,
                                gint64             document_id)
{
  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));

  self->filling = TRUE;
  select_id (self->coder_dropdown, self->coder_ids, coder_id);
  select_id (self->document_dropdown, self->document_ids, document_id);
  self->filling = FALSE;
  gloss_excerpts_pane_reload (self);
}

GlossExcerptsMode
gloss_excerpts_pane_get_mode (GlossExcerptsPane *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPTS_PANE (self), GLOSS_EXCERPTS_NONE);
  return self->mode;
}

gint64
gloss_excerpts_pane_get_target (GlossExcerptsPane *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPTS_PANE (self), 0);
  return self->target;
}

GListModel *
gloss_excerpts_pane_get_items (GlossExcerptsPane *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPTS_PANE (self), NULL);
  return G_LIST_MODEL (self->store);
}

void
gloss_excerpts_pane_activate (GlossExcerptsPane *self,
                              guint              position)
{
  g_autoptr(GlossExcerptItem) item = NULL;

  g_return_if_fail (GLOSS_IS_EXCERPTS_PANE (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (item != NULL)
    g_signal_emit (self, signals[EXCERPT_ACTIVATED], 0, item);
}

static void
on_list_activate (GlossExcerptsPane *self,
                  guint              position)
{
  gloss_excerpts_pane_activate (self, position);
}

static void
on_filter_changed (GlossExcerptsPane *self)
{
  if (!self->filling)
    gloss_excerpts_pane_reload (self);
}

static void
on_close_clicked (GlossExcerptsPane *self)
{
  g_signal_emit (self, signals[CLOSED], 0);
}

/* Class */

static void
gloss_excerpts_pane_dispose (GObject *object)
{
  GlossExcerptsPane *self = GLOSS_EXCERPTS_PANE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_EXCERPTS_PANE);
  /* The template's unnamed top box is not cleared by dispose_template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->project);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->coder_ids, g_array_unref);
  g_clear_pointer (&self->document_ids, g_array_unref);
  g_clear_pointer (&self->phrase, g_free);
  g_clear_pointer (&self->query, gloss_query_free);
  g_clear_pointer (&self->query_error, g_free);

  G_OBJECT_CLASS (gloss_excerpts_pane_parent_class)->dispose (object);
}

static void
gloss_excerpts_pane_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossExcerptsPane *self = GLOSS_EXCERPTS_PANE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_CODER_ID:
      g_value_set_int64 (value, self->blind_coder);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_excerpts_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossExcerptsPane *self = GLOSS_EXCERPTS_PANE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      gloss_excerpts_pane_set_project (self, g_value_get_object (value));
      break;
    case PROP_CODER_ID:
      gloss_excerpts_pane_set_coder_id (self, g_value_get_int64 (value));
      break;
    case PROP_MODEL:
      gloss_excerpts_pane_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_excerpts_pane_class_init (GlossExcerptsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_excerpts_pane_dispose;
  object_class->get_property = gloss_excerpts_pane_get_property;
  object_class->set_property = gloss_excerpts_pane_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, GLOSS_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Blind mode: only this coder's codings are listed; 0 lists every coder's. */
  properties[PROP_CODER_ID] =
    g_param_spec_int64 ("coder-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GLOSS_TYPE_CODEBOOK_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXCERPT_ACTIVATED] =
    g_signal_new ("excerpt-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GLOSS_TYPE_EXCERPT_ITEM);
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-excerpts-pane.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, GlossExcerptsPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExcerptsPane, coder_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExcerptsPane, document_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExcerptsPane, memo_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExcerptsPane, memo_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExcerptsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossExcerptsPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossExcerptsPane, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked);
  g_type_ensure (GLOSS_TYPE_EXCERPT_ROW);
}

static void
gloss_excerpts_pane_init (GlossExcerptsPane *self)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkNoSelection) selection = NULL;

  self->store = g_list_store_new (GLOSS_TYPE_EXCERPT_ITEM);
  self->model = gloss_codebook_model_new ();
  self->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_builder_list_item_factory_new_from_resource (NULL, "/io/github/glossqda/Gloss/gloss-excerpt-list-item.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  fill_filters (self);
}
