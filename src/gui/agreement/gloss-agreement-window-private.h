/* gloss-agreement-window-private.h: what the agreement window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-agreement-window.h"
#include "gloss-set-chooser.h"

G_BEGIN_DECLS

struct _GlossAgreementWindow
{
  AdwWindow              parent_instance;

  GlossProject          *project;
  gulong                 changed_id;
  GSettings             *settings;
  GlossWindow           *main_window;      /* weak */
  GCancellable          *cancellable;      /* the computation running, or NULL */
  GlossAgreementOptions *pending_options;  /* what it was asked */
  GlossAgreementReport  *report;
  GPtrArray             *report_coders;    /* GlossCoder in the report's order */

  /* Option rows: check buttons carry the id they stand for ("gloss-id"). */
  GPtrArray             *coder_rows;       /* AdwActionRow in coders_group */
  GPtrArray             *coder_checks;     /* GtkCheckButton */
  GPtrArray             *document_checks;
  GPtrArray             *code_checks;
  GtkWidget             *documents_row;    /* AdwExpanderRow */
  GtkWidget             *codes_row;
  GArray                *group_ids;        /* gint64 per group_row position; 0: none */

  /* Results */
  GListStore            *code_items;
  GListStore            *document_items;
  GListStore            *disagreement_items;
  GtkSortListModel      *code_sorted;
  GtkSortListModel      *document_sorted;
  GArray                *pair_kinds;       /* GlossMeasureKind per pair_measure_dropdown item */

  /* Template children */
  AdwToastOverlay       *toast_overlay;
  AdwViewSwitcherTitle  *switcher_title;
  GtkMenuButton         *export_button;
  GtkToggleButton       *options_button;
  GtkSpinner            *header_spinner;
  AdwComboRow           *unit_row;
  AdwComboRow           *group_row;
  AdwActionRow          *coded_only_row;
  GtkSwitch             *coded_only_switch;
  AdwActionRow          *threshold_row;
  GtkSpinButton         *threshold_spin;
  AdwPreferencesGroup   *coders_group;
  AdwPreferencesGroup   *documents_group;
  GlossSetChooser       *set_chooser;
  AdwPreferencesGroup   *codes_group;
  GtkStack              *content_stack;
  AdwStatusPage         *empty_page;
  GtkSpinner            *computing_spinner;
  AdwStatusPage         *error_page;
  AdwViewStack          *results_stack;
  GtkColumnView         *codes_view;
  GtkColumnView         *documents_view;
  GtkDropDown           *pair_measure_dropdown;
  GtkGrid               *pairs_grid;
  GtkLabel              *disagreements_label;
  GtkColumnView         *disagreements_view;
  GtkBox                *legend_box;
  GtkExpander           *notes_expander;
  GtkLabel              *notes_label;
  GlossCompareView      *compare_view;
};

/* gloss-agreement-window.c */
gint64 _gloss_agreement_window_check_id (GtkWidget *check);

/* gloss-agreement-window-settings.c */
void     _gloss_agreement_window_save_settings    (GlossAgreementWindow        *self,
                                                   const GlossAgreementOptions *options);
/* FALSE when nothing was remembered for the project. */
gboolean _gloss_agreement_window_restore_settings (GlossAgreementWindow        *self);

/* gloss-agreement-window-tables.c */
void _gloss_agreement_window_setup_tables (GlossAgreementWindow *self);
void _gloss_agreement_window_show_tables  (GlossAgreementWindow *self);
void _gloss_agreement_window_fill_pairs   (GlossAgreementWindow *self);

G_END_DECLS
