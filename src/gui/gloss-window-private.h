/* gloss-window-private.h: what the window's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-window.h"
#include "gloss-error.h"
#include "gloss-code-popover.h"
#include "gloss-codebook-model.h"
#include "gloss-codebook-panel.h"
#include "gloss-excerpts-pane.h"
#include "gloss-document-list.h"
#include "gloss-inspector.h"
#include "gloss-sync-indicator.h"

G_BEGIN_DECLS

struct _GlossWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GlossProject         *project;
  gulong                project_changed_id;
  GFileMonitor         *watch_monitor;      /* the project's folder, for other programs' changes */
  guint                 watch_id;           /* a pending check of the data version (or the poll) */
  gint64                data_version;

  gint64                document_id;
  gint64                coder_id;
  gint64                coding_id;      /* the coding shown in the inspector */
  gint64                last_code_id;   /* for win.apply-last-code */
  guint                 view_controls_idle;

  /* The codebook in tree order, with counts, that every panel shows; it
   * gives the highlights their colours and lanes (a template object). */
  GlossCodebookModel   *codebook_model;
  GPtrArray            *coders;
  GHashTable           *coder_index;    /* coder id -> GlossCoder (borrowed from coders) */

  /* Template children */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *coder_button;
  GtkMenuButton        *primary_menu_button;
  GlossSyncIndicator   *sync_indicator;
  GtkToggleButton      *inspector_button;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkStack             *main_stack;
  GtkStack             *view_stack;
  GlossDocumentList    *document_list;
  GtkBox               *view_box;
  GtkOverlay           *view_overlay;
  GtkScrolledWindow    *scroller;
  GtkWidget            *code_button;    /* "Code…" beside the selection */
  guint                 code_button_idle;
  GlossDocumentView    *document_view;
  GlossInspector       *inspector;
  GtkEntry             *page_entry;
  GtkLabel             *n_pages_label;
  GtkMenuButton        *zoom_button;
  GtkWidget            *view_controls;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_label;

  GPtrArray            *search_hits;    /* GlossSearchHit in the open document */
  guint                 search_index;

  GlossCodePopover     *code_popover;

  /* Codebook panel, coded excerpts, per-coder visibility, find across
   * documents and memos (gloss-window-review.c) */
  GtkStack             *sidebar_stack;
  GlossCodebookPanel   *codebook_panel;
  GlossExcerptsPane    *excerpts_pane;
  GtkToggleButton      *search_all_button;
  GtkToggleButton      *search_memos_button;
  GtkMenuButton        *code_hits_button;
  GlossCodePopover     *hits_popover;
  GHashTable           *hidden_coders;  /* coder id -> itself, hidden in review mode */
  GSimpleActionGroup   *coder_actions;  /* coders.visible-ID */
  GlossProject         *review_project; /* the project whose "changed" review follows */
  gulong                review_changed_id;
  gboolean              keep_search;    /* opening a hit's document keeps the search */

  /* gloss-window-coders.c: the coder name dialog while it is open */
  GtkWindow            *coder_name_dialog;

  /* gloss-window-workbench.c */
  GlossProject         *workbench_project;
  gulong                workbench_changed_id;

  /* gloss-window-fit.c */
  GtkWidget            *search_row;          /* the Find bar's entry and its options */
  GtkWidget            *search_options_row;  /* the options below it, when narrow */
  gboolean              folded;              /* one side pane at a time */
  gboolean              inspector_folded_away;
};

void     _gloss_window_add_actions            (GlossWindow      *self);
void     _gloss_window_update_actions         (GlossWindow      *self);
/* Enables or disables the window's action @name. */
void     _gloss_window_set_action_enabled     (GlossWindow      *self,
                                               const char       *name,
                                               gboolean          enabled);
void     _gloss_window_watch_project          (GlossWindow      *self);
void     _gloss_window_unwatch_project        (GlossWindow      *self);
void     _gloss_window_refresh                (GlossWindow      *self,
                                               guint             changes);
void     _gloss_window_refresh_highlights     (GlossWindow      *self);
void     _gloss_window_refresh_coders         (GlossWindow      *self);
void     _gloss_window_refresh_inspector      (GlossWindow      *self);
void     _gloss_window_show_error             (GlossWindow      *self,
                                               const GError     *error);
/* Review mode: the state of win.show-all-coders. */
gboolean _gloss_window_show_all_coders        (GlossWindow      *self);
/* The coder whose codings alone are shown and counted: the active coder in
 * blind mode, 0 (everyone) in review mode. */
gint64   _gloss_window_blind_coder            (GlossWindow      *self);
/* Says that the two above may have changed ("show-all-coders", "blind-coder-id"). */
void     _gloss_window_notify_mode            (GlossWindow      *self);
/* Codes the view's selection; returns the new coding or 0. */
gint64   _gloss_window_code_selection         (GlossWindow      *self,
                                               gint64            code_id,
                                               GError          **error);
/* Creates a code named @name (a path "A/B" is allowed) with a fresh colour. */
gint64   _gloss_window_create_code            (GlossWindow      *self,
                                               const char       *name,
                                               GError          **error);
void     _gloss_window_popup_code_popover     (GlossWindow      *self);
void     _gloss_window_confirm_remove_document (GlossWindow     *self,
                                                gint64           document_id);
void     _gloss_window_add_coder_dialog       (GlossWindow      *self);
void     _gloss_window_clear_search           (GlossWindow      *self);
/* Shows the "Code…" button by the selection's end, or hides it. */
void     _gloss_window_update_code_button     (GlossWindow      *self);

/* gloss-window-exchange.c */
void     _gloss_window_add_exchange_actions   (GlossWindow      *self);
void     _gloss_window_update_exchange_actions (GlossWindow     *self);

/* cases/gloss-window-cases.c */
void     _gloss_window_add_cases_actions      (GlossWindow      *self);
void     _gloss_window_update_cases_actions   (GlossWindow      *self);

/* gloss-window-review.c */
void     _gloss_window_setup_review           (GlossWindow      *self);
void     _gloss_window_dispose_review         (GlossWindow      *self);
/* Whether review mode leaves @coder_id's codings out (visibility filter). */
gboolean _gloss_window_coder_hidden           (GlossWindow      *self,
                                               gint64            coder_id);
/* The coder menu's "Show codings of" section, one check item per coder. */
void     _gloss_window_append_coder_filter    (GlossWindow      *self,
                                               GMenu            *menu);
gboolean _gloss_window_search_all_documents   (GlossWindow      *self);
gboolean _gloss_window_search_in_memos        (GlossWindow      *self);
/* Lists the memos that contain @text in the excerpts pane. */
void     _gloss_window_search_memos           (GlossWindow      *self,
                                               const char       *text);
/* Draws the search hits that fall in the open document. */
void     _gloss_window_show_search_marks      (GlossWindow      *self);

/* gloss-window-coders.c */
void     _gloss_window_add_coder_actions      (GlossWindow      *self);
void     _gloss_window_update_coder_actions   (GlossWindow      *self);
void     _gloss_window_append_coder_management (GlossWindow     *self,
                                                GMenu           *menu);
/* TRUE when there is a coder to code as. Otherwise, in a writable project,
 * asks who is coding (the account's name to start from), makes that coder
 * the first and active one, then activates @then_action (with
 * @then_param, taken if floating) when one is given; FALSE. */
gboolean _gloss_window_ensure_coder           (GlossWindow      *self,
                                               const char       *then_action,
                                               GVariant         *then_param);
/* Closes a coder name dialog still open, before the window goes. */
void     _gloss_window_close_coder_dialogs    (GlossWindow      *self);
/* Review mode names the margin's lanes after the coders. */
void     _gloss_window_label_coder_lanes      (GlossWindow      *self);

/* gloss-window-fit.c */
void     _gloss_window_setup_fit              (GlossWindow      *self);
/* Stops @paned's gestures while one of its children is hidden. */
void     _gloss_window_sync_paned_gestures    (GtkPaned         *paned);

/* gloss-window-workbench.c */
void     _gloss_window_setup_workbench        (GlossWindow      *self);
void     _gloss_window_dispose_workbench      (GlossWindow      *self);

G_END_DECLS
