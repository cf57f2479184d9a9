/* gloss-agreement-window-tables.c: the report's tables, pair matrix and disagreements
 *
 * The code and document tables are column views over a sort model whose
 * sorter is "pinned rows first" followed by the column view's own sorter,
 * so the overall row stays on top whichever column sorts. Their columns
 * follow the report: the unit of analysis decides which measures it has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-agreement-item.h"
#include "gloss-agreement-window-private.h"
#include "gloss-disagreement-item.h"
#include "gloss-hyphenation.h"

/* Columns besides the measures (which use their GlossMeasureKind). */
enum {
  COLUMN_LABEL = 100,
  COLUMN_UNITS,
  COLUMN_MATCHED,
  COLUMN_UNMATCHED,
  COLUMN_INTERVAL,
};

static const char *band_classes[] = { "reliable", "tentative", "unreliable" };

/* Krippendorff's alphas first (the colours follow their thresholds), then
 * raw agreement, then the other coefficients. */
static const GlossMeasureKind column_order[] = {
  GLOSS_MEASURE_KRIPPENDORFF_ALPHA,
  GLOSS_MEASURE_U_ALPHA_2004,
  GLOSS_MEASURE_U_ALPHA_2016,
  GLOSS_MEASURE_BINARY_U_ALPHA,
  GLOSS_MEASURE_CU_ALPHA,
  GLOSS_MEASURE_PERCENT_AGREEMENT,
  GLOSS_MEASURE_HOLSTI,
  GLOSS_MEASURE_COHEN_KAPPA,
  GLOSS_MEASURE_SCOTT_PI,
  GLOSS_MEASURE_FLEISS_KAPPA,
  GLOSS_MEASURE_BRENNAN_PREDIGER,
  GLOSS_MEASURE_GWET_AC1,
};

G_STATIC_ASSERT (G_N_ELEMENTS (column_order) == GLOSS_N_MEASURES);

/* Measure cells */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_LABEL ? 0.0 : 1.0);
  if (column == COLUMN_LABEL)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "agreement-cell");
  gtk_list_item_set_child (list_item, label);
}

static char *
format_count (double value)
{
  return g_strdup_printf ("%.0f", value);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GlossAgreementItem *item = gtk_list_item_get_item (list_item);
  const GlossAgreementMeasures *m = gloss_agreement_item_get_measures (item);
  g_autofree char *text = NULL;
  g_autofree char *owned_tooltip = NULL;
  const char *tooltip = NULL;
  const char *band = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (band_classes); i++)
    gtk_widget_remove_css_class (label, band_classes[i]);
  gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_remove_css_class (label, "prevalence");

  if (column == COLUMN_LABEL)
    {
      text = g_strdup (gloss_agreement_item_get_label (item));
      tooltip = text;
    }
  else if (column == COLUMN_UNITS)
    text = format_count (m->units);
  else if (column == COLUMN_MATCHED)
    text = format_count (m->matched);
  else if (column == COLUMN_UNMATCHED)
    text = format_count (m->unmatched);
  else if (column == COLUMN_INTERVAL)
    {
      text = gloss_agreement_format_interval (m);
      owned_tooltip = gloss_agreement_interval_tooltip (m);
      tooltip = owned_tooltip;
    }
  else
    {
      text = gloss_agreement_format_measure (m, column);
      tooltip = gloss_agreement_measure_reason (m, column);
      band = gloss_agreement_measure_css_class (m, column);
      if (m->no_data)
        gtk_widget_add_css_class (label, "dim-label");
      /* The prevalence paradox: this high value is not to be trusted. */
      if (m->prevalence && (column == GLOSS_MEASURE_BRENNAN_PREDIGER || column == GLOSS_MEASURE_GWET_AC1))
        {
          g_autofree char *marked = g_strconcat (text, " ⚠", NULL);

          g_free (text);
          text = g_steal_pointer (&marked);
          gtk_widget_add_css_class (label, "prevalence");
          band = NULL;
        }
    }

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
  if (band != NULL)
    gtk_widget_add_css_class (label, band);
  if (gloss_agreement_item_get_pinned (item))
    gtk_widget_add_css_class (label, "overall");
  else
    gtk_widget_remove_css_class (label, "overall");
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  GlossAgreementItem *x = (GlossAgreementItem *) a, *y = (GlossAgreementItem *) b;
  const GlossAgreementMeasures *mx = gloss_agreement_item_get_measures (x);
  const GlossAgreementMeasures *my = gloss_agreement_item_get_measures (y);

  switch (column)
    {
    case COLUMN_LABEL:
      return g_utf8_collate (gloss_agreement_item_get_label (x), gloss_agreement_item_get_label (y));
    case COLUMN_UNITS:
      return (mx->units > my->units) - (mx->units < my->units);
    case COLUMN_MATCHED:
      return (mx->matched > my->matched) - (mx->matched < my->matched);
    case COLUMN_UNMATCHED:
      return (mx->unmatched > my->unmatched) - (mx->unmatched < my->unmatched);
    case COLUMN_INTERVAL:
      if (!mx->bootstrap.defined || !my->bootstrap.defined)
        return my->bootstrap.defined - mx->bootstrap.defined;
      return (mx->bootstrap.low > my->bootstrap.low) - (mx->bootstrap.low < my->bootstrap.low);
    default:
      return gloss_agreement_compare_measure (mx, my, column);
    }
}

static int
compare_pinned (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return gloss_agreement_item_get_pinned ((GlossAgreementItem *) b)
         - gloss_agreement_item_get_pinned ((GlossAgreementItem *) a);
}

#define TOOLTIP_KEY "gloss-tooltip"

/* GtkColumnView (GTK 4.8) has no tooltip for a column heading: its header
 * row holds one title widget per visible column, in column order. */
static void
apply_header_tooltips (GtkColumnView *view)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  GListModel *columns = gtk_column_view_get_columns (view);
  guint i = 0;

  if (header == NULL)
    return;
  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title), i++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);

      if (col != NULL)
        gtk_widget_set_tooltip_text (title, g_object_get_data (G_OBJECT (col), TOOLTIP_KEY));
    }
}

static const char *
column_tooltip (int column)
{
  switch (column)
    {
    case COLUMN_LABEL:
      return _("What the row measures. The Overall row pools every row that has data.");
    case COLUMN_UNITS:
      return _("How many units were compared: characters, documents or codings, after the unit of analysis.");
    case COLUMN_MATCHED:
      return _("Codings matched one to one with another coder's coding of the same code.");
    case COLUMN_UNMATCHED:
      return _("Codings that found no match in the other coder's codings.");
    case COLUMN_INTERVAL:
      /* xgettext:no-c-format */
      return _("The 95% interval of alpha from bootstrap samples (Hayes & Krippendorff 2007), and in its tooltip "
               "the chance that alpha is below 0.667 and 0.800. Report it with alpha: the data are reliable "
               "when even the low end clears your minimum.");
    default:
      return gloss_measure_kind_to_description (column);
    }
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            int            column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  g_object_set_data (G_OBJECT (col), TOOLTIP_KEY, (gpointer) column_tooltip (column));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cells, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  /* Code paths and document titles are long: give them room. */
  if (column == COLUMN_LABEL)
    gtk_column_view_column_set_fixed_width (col, 280);
  gtk_column_view_append_column (view, col);
}

static void
clear_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, col);
    }
}

/* The measures any row of the table reports. */
static guint
present_measures (const GlossAgreementMeasures *overall,
                  GArray                       *rows,
                  gboolean                     *has_counts)
{
  guint present = overall->present;

  *has_counts = overall->has_counts;
  for (guint i = 0; i < rows->len; i++)
    {
      GlossAgreementRow *row = &g_array_index (rows, GlossAgreementRow, i);

      present |= row->measures.present;
      *has_counts |= row->measures.has_counts;
    }
  return present;
}

static gboolean
has_intervals (const GlossAgreementMeasures *overall,
               GArray                       *rows)
{
  if (overall->bootstrap.defined)
    return TRUE;
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, GlossAgreementRow, i).measures.bootstrap.defined)
      return TRUE;
  return FALSE;
}

static void
fill_table (GtkColumnView                *view,
            GListStore                   *store,
            const char                   *label_title,
            const GlossAgreementMeasures *overall,
            GArray                       *rows)
{
  gboolean has_counts;
  guint present = present_measures (overall, rows, &has_counts);
  g_autoptr(GlossAgreementItem) overall_item = NULL;

  g_list_store_remove_all (store);
  clear_columns (view);

  add_column (view, label_title, COLUMN_LABEL);
  add_column (view, _("Units"), COLUMN_UNITS);
  if (has_counts)
    {
      add_column (view, _("Matched"), COLUMN_MATCHED);
      add_column (view, _("Unmatched"), COLUMN_UNMATCHED);
    }
  for (guint i = 0; i < G_N_ELEMENTS (column_order); i++)
    if (present & (1u << column_order[i]))
      {
        add_column (view, gloss_measure_kind_to_label (column_order[i]), column_order[i]);
        if (column_order[i] == overall->alpha_kind && has_intervals (overall, rows))
          add_column (view, _("Alpha 95% Interval"), COLUMN_INTERVAL);
      }

  apply_header_tooltips (view);

  overall_item = gloss_agreement_item_new (0, _("Overall"), TRUE, overall);
  g_list_store_append (store, overall_item);
  for (guint i = 0; i < rows->len; i++)
    {
      GlossAgreementRow *row = &g_array_index (rows, GlossAgreementRow, i);
      g_autoptr(GlossAgreementItem) item = gloss_agreement_item_new (row->id, row->label, FALSE, &row->measures);

      g_list_store_append (store, item);
    }
}

static GtkSortListModel *
make_sorted_model (GtkColumnView *view,
                   GListStore    *store)
{
  GtkMultiSorter *sorter = gtk_multi_sorter_new ();
  GtkSortListModel *sorted;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (compare_pinned, NULL, NULL)));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (view)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (store)), GTK_SORTER (sorter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (sorted)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  return sorted;
}

/* The coder-pair matrix */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
make_grid_label (const char *text,
                 const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_size_request (label, 96, -1);
  gtk_widget_add_css_class (label, "pair-cell");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_pair_cell (const GlossAgreementPair *pair,
                GlossMeasureKind          kind)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (pair == NULL)
    return make_grid_label ("", NULL);
  text = gloss_agreement_format_measure (&pair->measures, kind);
  label = make_grid_label (text, gloss_agreement_measure_css_class (&pair->measures, kind));
  gtk_widget_add_css_class (label, "numeric");
  if (gloss_measure_is_defined (pair->measures.values[kind]) && kind == pair->measures.alpha_kind)
    {
      g_autofree char *interval = gloss_agreement_interval_tooltip (&pair->measures);

      gtk_widget_set_tooltip_text (label, interval);
    }
  else
    gtk_widget_set_tooltip_text (label, gloss_agreement_measure_reason (&pair->measures, kind));
  return label;
}

void
_gloss_agreement_window_fill_pairs (GlossAgreementWindow *self)
{
  const GlossAgreementReport *report = self->report;
  guint selected = gtk_drop_down_get_selected (self->pair_measure_dropdown);
  GlossMeasureKind kind;
  guint n;

  clear_grid (self->pairs_grid);
  if (report == NULL || selected >= self->pair_kinds->len)
    return;
  kind = g_array_index (self->pair_kinds, GlossMeasureKind, selected);
  n = report->coders->len;

  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (report->coders, i);

      gtk_grid_attach (self->pairs_grid, make_grid_label (name, "heading"), (int) i + 1, 0, 1, 1);
      gtk_grid_attach (self->pairs_grid, make_grid_label (name, "heading"), 0, (int) i + 1, 1, 1);
      for (guint j = 0; j < n; j++)
        gtk_grid_attach (self->pairs_grid,
                         i == j ? make_grid_label ("—", "dim-label")
                                : make_pair_cell (gloss_agreement_report_find_pair (report, i, j), kind),
                         (int) j + 1, (int) i + 1, 1, 1);
    }
}

static void
fill_pair_measures (GlossAgreementWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint present = 0, selected = 0;
  gboolean chosen = FALSE;

  g_array_set_size (self->pair_kinds, 0);
  for (guint p = 0; p < self->report->pairs->len; p++)
    present |= g_array_index (self->report->pairs, GlossAgreementPair, p).measures.present;
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (present & (1u << k))
      {
        GlossMeasureKind kind = k;

        /* Krippendorff's alpha when there is one (the thresholds are its),
         * else the first chance-corrected measure. */
        if (kind == GLOSS_MEASURE_KRIPPENDORFF_ALPHA || kind == GLOSS_MEASURE_U_ALPHA_2004)
          {
            selected = self->pair_kinds->len;
            chosen = TRUE;
          }
        else if (!chosen && kind != GLOSS_MEASURE_PERCENT_AGREEMENT && kind != GLOSS_MEASURE_HOLSTI)
          {
            selected = self->pair_kinds->len;
            chosen = TRUE;
          }
        g_array_append_val (self->pair_kinds, kind);
        gtk_string_list_append (labels, gloss_measure_kind_to_label (kind));
      }
  gtk_drop_down_set_model (self->pair_measure_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->pair_measure_dropdown, selected);
  _gloss_agreement_window_fill_pairs (self);
}

/* Disagreements */

enum {
  DISAGREEMENT_DOCUMENT = -1,
  DISAGREEMENT_QUOTE = -2,
  DISAGREEMENT_CODE = -3,
  DISAGREEMENT_RESOLUTION = -4,
  DISAGREEMENT_KIND = -5,
};

static const char *
kind_to_display (const char *kind)
{
  if (g_strcmp0 (kind, "other code") == 0)
    return _("Other code");
  if (g_strcmp0 (kind, "omission") == 0)
    return _("Coded by some");
  return kind;
}

/* A coder's cell: what they did, then their own text. */
static char *
coder_cell_text (GlossDisagreementItem *item,
                 guint                  coder)
{
  const char *value = gloss_disagreement_value_to_display (gloss_disagreement_item_get_value (item, coder));
  const char *version = gloss_disagreement_item_get_version (item, coder);
  g_autofree char *flat = NULL;

  if (version == NULL)
    return g_strdup (value);
  flat = gloss_text_one_line (version);
  /* Translators: a coder's cell in the disagreement list: value, then the text they coded */
  return g_strdup_printf (_("%s: “%s”"), value, flat);
}

static void
setup_disagreement_cell (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
update_resolution_label (GlossDisagreementItem *item,
                         GParamSpec            *pspec,
                         GtkLabel              *label)
{
  const char *resolution = gloss_disagreement_item_get_resolution (item);

  gtk_label_set_text (label, resolution ? resolution : "");
}

static void
bind_disagreement_cell (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  GlossDisagreementItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  switch (column)
    {
    case DISAGREEMENT_DOCUMENT:
      text = g_strdup (gloss_disagreement_item_get_document_title (item));
      break;
    case DISAGREEMENT_QUOTE:
      {
        const char *quote = gloss_disagreement_item_get_quote (item);
        g_autofree char *flat = gloss_text_one_line (quote);

        text = quote ? g_strdup_printf ("“%s”", flat) : g_strdup ("");
        /* Translators: tooltip of a disagreement's text: the text, then its characters "start–end" */
        tooltip = g_strdup_printf (_("%s\n(characters %" PRId64 "–%" PRId64 ")"), quote ? quote : "",
                                   gloss_disagreement_item_get_start (item), gloss_disagreement_item_get_end (item));
      }
      break;
    case DISAGREEMENT_CODE:
      if (gloss_disagreement_item_get_other_code (item) != NULL)
        /* Translators: a substitution: one coder's code, then the other's */
        text = g_strdup_printf (_("%s or %s"), gloss_disagreement_item_get_code (item),
                                gloss_disagreement_item_get_other_code (item));
      else
        text = g_strdup (gloss_disagreement_item_get_code (item));
      break;
    case DISAGREEMENT_KIND:
      text = g_strdup (kind_to_display (gloss_disagreement_item_get_kind (item)));
      break;
    case DISAGREEMENT_RESOLUTION:
      update_resolution_label (item, NULL, label);
      g_signal_connect_object (item, "notify::resolution", G_CALLBACK (update_resolution_label), label, 0);
      return;
    default:
      if ((guint) column < gloss_disagreement_item_get_n_values (item))
        text = coder_cell_text (item, column);
    }
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip ? tooltip : text);
}

static void
unbind_disagreement_cell (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          gpointer                  user_data)
{
  GlossDisagreementItem *item = gtk_list_item_get_item (list_item);

  if (GPOINTER_TO_INT (user_data) == DISAGREEMENT_RESOLUTION && item != NULL)
    g_signal_handlers_disconnect_by_func (item, update_resolution_label, gtk_list_item_get_child (list_item));
}

static const char *
disagreement_tooltip (int column)
{
  switch (column)
    {
    case DISAGREEMENT_DOCUMENT:
      return _("The document the disagreement is in.");
    case DISAGREEMENT_QUOTE:
      return _("The text where the coders differ.");
    case DISAGREEMENT_CODE:
      return _("The code the coders differ on; for another code, both codes.");
    case DISAGREEMENT_KIND:
      return _("“Coded by some”: some coders coded the text with the code, others did not. "
               "“Other code”: the coders gave the same text different codes.");
    case DISAGREEMENT_RESOLUTION:
      return _("How the disagreement was settled into the Consensus coder, if it was.");
    default:
      return _("What this coder did here, and the text of their own coding.");
    }
}

static void
add_disagreement_column (GtkColumnView *view,
                         const char    *title,
                         int            column,
                         gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_disagreement_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_disagreement_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_disagreement_cell), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  g_object_set_data (G_OBJECT (col), TOOLTIP_KEY, (gpointer) disagreement_tooltip (column));
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_append_column (view, col);
}

/* The report names documents by their index among the compared ones, which
 * are the report's document rows in the same order. */
static void
fill_disagreements (GlossAgreementWindow *self)
{
  const GlossAgreementReport *report = self->report;
  g_autofree char *summary = NULL;
  g_autofree gint64 *versions = g_new (gint64, 2 * MAX (report->coders->len, 1));

  g_list_store_remove_all (self->disagreement_items);
  clear_columns (self->disagreements_view);
  add_disagreement_column (self->disagreements_view, _("Document"), DISAGREEMENT_DOCUMENT, FALSE);
  add_disagreement_column (self->disagreements_view, _("Text"), DISAGREEMENT_QUOTE, TRUE);
  add_disagreement_column (self->disagreements_view, report->group ? _("Group") : _("Code"), DISAGREEMENT_CODE, FALSE);
  add_disagreement_column (self->disagreements_view, _("Kind"), DISAGREEMENT_KIND, FALSE);
  for (guint i = 0; i < report->coders->len; i++)
    add_disagreement_column (self->disagreements_view, g_ptr_array_index (report->coders, i), (int) i, TRUE);
  add_disagreement_column (self->disagreements_view, _("Consensus"), DISAGREEMENT_RESOLUTION, FALSE);
  apply_header_tooltips (self->disagreements_view);

  for (guint i = 0; i < report->disagreements->len; i++)
    {
      const GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);
      const GlossAgreementRow *document = &g_array_index (report->documents, GlossAgreementRow, d->document);
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      g_autoptr(GlossDisagreementItem) item = NULL;

      for (guint c = 0; c < report->coders->len; c++)
        g_ptr_array_add (values, (gpointer) d->values[c]);
      g_ptr_array_add (values, NULL);
      item = gloss_disagreement_item_new (document->id, document->label,
                                          d->start, d->end, d->code, (const char * const *) values->pdata);
      for (guint c = 0; c < report->coders->len; c++)
        {
          const GlossAgreementVersion *v = gloss_agreement_report_get_version (report, d, c);

          versions[2 * c] = v ? v->start : -1;
          versions[2 * c + 1] = v ? v->end : -1;
        }
      /* the texts are read when a row is shown */
      gloss_disagreement_item_set_details (item, gloss_disagreement_kind_to_string (d->kind), d->other_code,
                                           report->quotes, report->unit != GLOSS_AGREEMENT_UNIT_DOCUMENT,
                                           versions);
      g_list_store_append (self->disagreement_items, item);
    }

  if (report->disagreements->len == 0)
    summary = g_strdup (_("The coders agree everywhere: there is nothing to settle."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u disagreement. Click one to compare the coders’ codings and settle it.",
                                            "%u disagreements. Click one to compare the coders’ codings and settle it.",
                                            report->disagreements->len),
                               report->disagreements->len);
  gtk_label_set_text (self->disagreements_label, summary);
}

static void
fill_notes (GlossAgreementWindow *self)
{
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint i = 0; i < self->report->notes->len; i++)
    {
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append (notes, g_ptr_array_index (self->report->notes, i));
    }
  gtk_label_set_text (self->notes_label, notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_expander), notes->len > 0);
}

static GtkWidget *
make_legend_label (const char *text,
                   const char *band)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "agreement-cell");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, band);
  return label;
}

/* The colour key under the tables. */
static void
fill_legend (GlossAgreementWindow *self)
{
  g_autofree char *reliable = g_strdup_printf (_("≥ %.3f reliable"), GLOSS_AGREEMENT_RELIABLE);
  g_autofree char *tentative = g_strdup_printf (_("≥ %.3f tentative"), GLOSS_AGREEMENT_TENTATIVE);

  gtk_box_insert_child_after (self->legend_box, make_legend_label (_("lower: unreliable"), "unreliable"), NULL);
  gtk_box_insert_child_after (self->legend_box, make_legend_label (tentative, "tentative"), NULL);
  gtk_box_insert_child_after (self->legend_box, make_legend_label (reliable, "reliable"), NULL);
}

void
_gloss_agreement_window_show_tables (GlossAgreementWindow *self)
{
  const GlossAgreementReport *report = self->report;

  fill_table (self->codes_view, self->code_items, report->group ? _("Category") : _("Code"),
              &report->overall, report->codes);
  fill_table (self->documents_view, self->document_items, _("Document"), &report->overall, report->documents);
  fill_pair_measures (self);
  fill_disagreements (self);
  fill_notes (self);
}

void
_gloss_agreement_window_setup_tables (GlossAgreementWindow *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  self->code_items = g_list_store_new (GLOSS_TYPE_AGREEMENT_ITEM);
  self->document_items = g_list_store_new (GLOSS_TYPE_AGREEMENT_ITEM);
  self->disagreement_items = g_list_store_new (GLOSS_TYPE_DISAGREEMENT_ITEM);
  self->pair_kinds = g_array_new (FALSE, FALSE, sizeof (GlossMeasureKind));

  self->code_sorted = make_sorted_model (self->codes_view, self->code_items);
  self->document_sorted = make_sorted_model (self->documents_view, self->document_items);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->disagreement_items))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->disagreements_view, selection);
  fill_legend (self);
}
