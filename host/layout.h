/* layout.h: pure geometry of the board. Given the window size and measured text sizes it says
 * where the header, the QR card, every note and group, and the rows of a bar chart go.
 * No SDL, no I/O; links only util. */
#ifndef MEDSKAPA_LAYOUT_H
#define MEDSKAPA_LAYOUT_H

#include <stddef.h>

#define LAYOUT_MAX_COLUMNS 32

struct layout_rect { int x, y, w, h; };

/* What the frame (header and notes area) needs to know, measured by the caller.
 * The caller lays out in two steps: layout_frame() gives the column and text widths; the
 * caller measures each note's wrapped text at frame.text_w; layout_flow_*() places them.
 * layout_fit() does both for each note size (layout_step) until all notes fit. */
struct layout_frame_in {
	int win_w, win_h;          /* drawable size in pixels */
	int qr_modules;            /* QR side in modules, quiet zone included; 0 = no QR card */
	int qr_quiet;              /* quiet zone in modules on each side (part of qr_modules) */
	int title_h;               /* height of the title line */
	int question_h;            /* 0, or the height a long question needs at its smallest size:
	                            * the header grows for it, up to a limit */
	int join_w;                /* widest line of the join card's text (see layout_join_max_w) */
	int scan_h, url_h, phones_h; /* heights of "Scan to join", the address (wrapped at
	                            * layout_join_max_w), the phones line */
	int note_line_h;           /* line height of note text: overlong notes are cut at a line */
	int note_scale;            /* size of the notes in permille of full size (layout_step.scale),
	                            * 0 = full: scales their padding, gaps and column width; the
	                            * header, the QR card and the margin stay as they are */
	int empty;                 /* no ideas yet: the join card goes big into the notes area */
	int empty_h;               /* with empty: height of the message under the card */
	/* The title row: the session title (cut to what is left), the agenda position
	 * ("2 / 5 · Prioritera") and the phase badge, left to right; 0 = not shown. */
	int title_w;               /* natural one-line width of the session title */
	int agenda_w;
	int badge_w, badge_h;
	int timer_w, timer_h;      /* the countdown box at the right of the header; 0 = no timer */
	int notice_h;              /* a strip at the bottom for a notice to the facilitator; 0 = none */
	int banner_h;              /* a status line at the top of the notes area (how many voted) */
	int heading_h;             /* height of a group's heading: for the groups' geometry */
	int pager_h;               /* a strip at the bottom of the notes area for the page indicator
	                            * ("Page 2 of 4" and dots); 0 = none */
	int card_small;            /* the join card in the header at its small size (the meeting
	                            * runs); 0 = its large size */
	int signals_w, signals_h;  /* the signals counter at the right end of the title row (never
	                            * over notes); 0 = none. It gets at most half the row: the title
	                            * row's other parts share the rest */
};

struct layout_frame {
	int win_w, win_h;
	int margin;                /* outer margin (not scaled) */
	int scale;                 /* the notes' size, permille of full size */
	int gap, pad, small_gap;   /* of the notes, at that scale: between notes, inside a note
	                            * around its text, between a note's text and its author line */
	struct layout_rect header; /* title, question and the QR card; notes never enter it */
	struct layout_rect title, question;
	int has_qr;                /* 0: no join address, or no room for its QR */
	struct layout_rect card;   /* the white join card: QR (with its quiet zone) and text; in
	                            * the header, or (empty) big in the middle of the notes area */
	struct layout_rect qr;     /* the QR code including its quiet zone */
	int qr_module;             /* pixels per module (integer: crisp) */
	struct layout_rect scan, url, phones; /* text lines of the card */
	int divider_y;             /* a thin line between header and notes */
	struct layout_rect notes;  /* where notes go */
	struct layout_rect empty;  /* with in->empty: the message under the big card */
	int columns, col_w;        /* notes columns and their width */
	int col_x[LAYOUT_MAX_COLUMNS];
	int text_w;                /* width to wrap note text at (col_w - 2 * pad) */
	int note_min_h;            /* short notes are padded to this height: they look like notes */
	int note_line_h;
	/* Title row (title is cut to the room left by agenda and badge), timer, notice, banner:
	 * w = h = 0 when not shown. */
	struct layout_rect agenda, badge, timer, notice, banner, pager;
	struct layout_rect signals;    /* the signals counter in the title row; w = h = 0: none */
	/* Groups: a tinted area one or more columns wide, its heading on top and its notes inside,
	 * narrower than the column by group_pad on each side. */
	int group_pad;             /* inside a group's area, around heading and notes */
	int group_note_w;          /* width of a note in a group */
	int group_text_w;          /* width to wrap the text of a note in a group at */
	int heading_h;             /* a group's heading (from layout_frame_in) */
};

/* The widest the join card's text column gets in a window this wide: measure the address
 * wrapped at this width and pass the widest line as (part of) join_w. */
int layout_join_max_w(int win_w);

/* Compute the frame for a window. Pure; never fails (tiny windows give tiny or empty rects,
 * never negative sizes). */
void layout_frame(const struct layout_frame_in *in, struct layout_frame *f);

/* One note as measured by the caller. */
struct layout_note_in {
	int text_h;                /* height of the note text wrapped at frame.text_w */
	int author_h;              /* height of the author line, 0 when there is none */
};

struct layout_note {
	struct layout_rect note;   /* the sticky note */
	struct layout_rect text;   /* the note text (inside note; cut to whole lines if too tall) */
	struct layout_rect author; /* the author line (inside note, under text); h = 0 if none */
	int column;
};

/* The most text a note can hold (its text and author line must fit in the notes area):
 * wrap note text to at most this height, cutting with "…". */
int layout_note_text_room(const struct layout_frame *f, int author_h);
/* The same for a note in a group (under the group's heading, inside its area). */
int layout_group_note_text_room(const struct layout_frame *f, int author_h);

/* Placing notes one after another. Notes go, in order, into the shortest column (the leftmost
 * of equally short ones), so placement is a pure function of the notes before: at one scale,
 * appending a note never moves earlier ones, and tops are in reading order (y, then x,
 * increasing). Room to grow: pages are flows started afresh where the previous one stopped. */
struct layout_flow {
	const struct layout_frame *f;
	int col_y[LAYOUT_MAX_COLUMNS];  /* next free y of each column */
};

void layout_flow_init(struct layout_flow *fl, const struct layout_frame *f);

/* Place the next note. Returns 0 and fills out, or -1 when it does not fit (the flow is
 * unchanged; stop there: later notes are not placed either). */
int layout_flow_place(struct layout_flow *fl, const struct layout_note_in *in,
                      struct layout_note *out);

/* After a note did not fit: find room for the "+N more" tile (height more_h, the width of a
 * column) after the placed notes, dropping the last placed notes if there is none. Returns how
 * many of the n_placed notes stay (a prefix; their positions are unchanged) and fills *more. */
size_t layout_flow_more(struct layout_flow *fl, const struct layout_note *placed, size_t n_placed,
                        int more_h, struct layout_rect *more);

/* All in one: place in[0..n) into out[]; returns how many were placed. When fewer than n,
 * *more is the "+N more" tile (else more->w = more->h = 0). */
size_t layout_notes(const struct layout_frame *f, const struct layout_note_in *in, size_t n,
                    struct layout_note *out, int more_h, struct layout_rect *more);

/* ---- smaller notes when they do not all fit ------------------------------------------------
 * A board with many ideas shrinks its notes step by step: note text and author line a size
 * smaller, padding and gaps in proportion, hence narrower columns and more of them. The
 * header does not change. layout_fit() uses the largest step at which every note fits; only
 * when they do not fit at the smallest does it show the "+N more" tile. */

#define LAYOUT_MAX_STEPS 8

struct layout_step {
	int scale;                 /* permille of full size (step 0: 1000): for layout_frame_in */
	int note_px, author_px;    /* font sizes of note text and author line at this step */
	int note_line_h;           /* measured by the caller: line height of note text at note_px */
	int heading_h;             /* measured by the caller: a group's heading at this step; 0 =
	                            * layout_frame_in.heading_h */
};

/* The note sizes for a window height, given the full sizes of note text and author line:
 * steps[0] is full size, each next about 8% smaller, the last the readable minimum (note text
 * 2.5% of the window height: 18 px at 720, 27 px at 1080; never above the full size).
 * Fills steps[0..n) and returns n, 1 <= n <= LAYOUT_MAX_STEPS. Pure. */
int layout_note_steps(int win_h, int note_px, int author_px, struct layout_step *steps);

/* Measure note i (0.. in reading order) for frame f at step st: its text wrapped at f->text_w
 * in st->note_px and cut to layout_note_text_room(f, author_h), and its author line. Called
 * for the notes of each step tried, up to the first that does not fit: cache measurements. */
typedef void layout_measure_fn(void *ctx, size_t i, const struct layout_frame *f,
                               const struct layout_step *st, struct layout_note_in *out);

struct layout_fit {
	int step;                  /* index of the step used */
	struct layout_frame frame; /* the frame at that step */
	size_t placed;             /* notes placed in out[0..placed) */
	size_t groups_placed;      /* layout_fit_groups: groups with an area */
	struct layout_rect more;   /* the "+N more" tile when placed < n, else w = h = 0 */
};

/* Lay out n notes at the largest of steps[0..n_steps) (n_steps >= 1, as layout_note_steps
 * gives) at which all of them fit; in is the frame at any scale: note_scale and note_line_h
 * are taken from each step. If none fits, the last step with the notes that fit and a "+N more"
 * tile of height more_h. out must hold n notes. Pure, apart from what measure does. As notes
 * are appended the step used never grows back. Pages (later): a page is a layout_fit of the
 * notes after the previous page's last placed one, measure's i counting from there. */
void layout_fit(const struct layout_frame_in *in, const struct layout_step *steps, int n_steps,
                size_t n, layout_measure_fn *measure, void *ctx, int more_h,
                struct layout_note *out, struct layout_fit *fit);

/* ---- groups ------------------------------------------------------------------------------
 * Grouped notes come first, group by group, then the ungrouped ones: note i of measure counts
 * through them in that order (measure wraps the text of a grouped note at f->group_text_w).
 * Each group is a block in the flow: a tinted area with its heading on top and its notes in
 * sub-columns that line up with the board's columns. A block spans the fewest columns in
 * which it fits, at the place where its top is highest (leftmost of equals); ungrouped notes
 * then flow into the shortest column as without groups. An empty group still gets an area, a
 * place to drop notes on.
 * When not all notes fit even at the smallest step, every group shows its first notes, as
 * many as lets every group fit (the same number for all), with a "+N more" footer inside its
 * area; the ungrouped notes get at least as many, and a "+N more" tile counts the rest of
 * them. Only when not even one note a group fits are whole groups left out (and counted by the
 * tile). Without groups this is exactly layout_fit. */
struct layout_group_in {
	size_t n;                  /* its notes: the next n of measure's i */
};

struct layout_group {
	struct layout_rect area;   /* w = h = 0: not placed (no room) */
	struct layout_rect heading;
	struct layout_rect more;   /* the footer "+N more" when placed < n, else w = h = 0 */
	int column, columns;       /* the board columns it spans */
	size_t first;              /* index of its first note in out[] */
	size_t n;                  /* its notes */
	size_t placed;             /* how many of them are shown: out[first..first + placed) */
};

/* Like layout_fit with groups: groups[0..n_groups) and n notes in all (grouped ones first;
 * sum of groups[].n <= n). gout must hold n_groups. A note that is not shown has out[i].note
 * w = h = 0: with groups the notes shown are not a prefix. fit->placed counts the notes shown,
 * fit->groups_placed the groups with an area (a prefix of the groups). in->heading_h (or a
 * step's heading_h) is the headings' height, foot_h the footers'. Pure, apart from what
 * measure does. */
void layout_fit_groups(const struct layout_frame_in *in, const struct layout_step *steps, int n_steps,
                       const struct layout_group_in *groups, size_t n_groups, size_t n,
                       layout_measure_fn *measure, void *ctx, int more_h, int foot_h,
                       struct layout_note *out, struct layout_group *gout, struct layout_fit *fit);

/* ---- pages -------------------------------------------------------------------------------
 * When the notes do not all fit even at the smallest step, they go on pages rather than behind
 * a "+N more" tile. A page is a flow (layout_flow) from the top of the notes area started where
 * the previous page stopped, so page p holds the notes after those of pages 0..p-1: appending a
 * note changes only the last page, and every note is on exactly one page. */

/* Put notes idx[0..m) (idx NULL: 0..m) on pages first_page, first_page + 1, ... of frame f at
 * step st: out[i] is note i's place on its page, page_of[i] its page (both indexed by the note,
 * i = idx[k]). A note taller than a whole page is cut (as layout_flow_place does). Returns the
 * number of pages used (0 when m = 0). Pure, apart from what measure does. */
size_t layout_paginate(const struct layout_frame *f, const struct layout_step *st, const size_t *idx,
                       size_t m, layout_measure_fn *measure, void *ctx, size_t first_page,
                       struct layout_note *out, size_t *page_of);

/* ---- bar charts ----------------------------------------------------------------------------
 * Results of a vote or a poll: rows of [rank] [text] [bar] [count], top to bottom, in one
 * column, or two side by side when one does not hold them. Rows shrink in steps like notes;
 * at the smallest step, the rows that do not fit are counted in a "+N more" tile. A row
 * without bars (results not shown yet) is [rank] [text] across the whole width. */
struct layout_chart_step {
	int px;                    /* text size of the rows at this step (for the caller) */
	int rank_w;                /* width of the rank cell (0: no ranks) */
	int count_w;               /* width of the widest count label */
	int bar_h;                 /* thickness of a bar */
	int pad;                   /* above and below a row's text, and between cells */
	int min_h;                 /* the least a row's text takes (one line) */
};

struct layout_chart_in {
	struct layout_rect area;   /* where the rows go */
	int gap;                   /* between rows and between the two columns */
	int text_pct;              /* the text cell's share of a row, percent (the bar gets the
	                            * rest); 100 with no bars */
	int text_pct2;             /* the same when the rows go in two columns (shorter bars) */
	int bars;                  /* 0: no bars and no counts */
	int min_col_w;             /* two columns only if each is at least this wide */
	int max_count;             /* the longest bar's count (bars are count / max_count long) */
	int more_h;                /* height of the "+N more" tile */
};

/* Measure row i at step st: the height of its text wrapped at text_w (at most two lines). */
typedef int layout_row_measure_fn(void *ctx, size_t i, int text_w, const struct layout_chart_step *st);

struct layout_row {
	struct layout_rect row;    /* the whole row */
	struct layout_rect rank, text, bar, count; /* cells; bar and count w = 0 without bars */
	int column;
};

struct layout_chart {
	int step;                  /* index of the step used */
	int columns, col_w, text_w;
	size_t placed;             /* rows placed: out[0..placed) */
	struct layout_rect more;   /* the "+N more" tile when placed < n, else w = h = 0 */
};

/* Lay out n rows with counts[i] (bars, if in->bars). Pure, apart from what measure does.
 * out must hold n rows. */
void layout_chart_fit(const struct layout_chart_in *in, const struct layout_chart_step *steps,
                      int n_steps, size_t n, const int *counts, layout_row_measure_fn *measure,
                      void *ctx, struct layout_row *out, struct layout_chart *ch);

/* Stack n blocks of heights h[0..n) with gap between them, centred across area and placed a
 * little above its middle (two fifths of the free height above); each as wide as the area.
 * Blocks taller than the area are cut at its bottom. */
void layout_stack(const struct layout_rect *area, const int *h, int n, int gap, struct layout_rect *out);

/* Rectangle helpers, used by tests and the board. */
int layout_rect_inside(const struct layout_rect *inner, const struct layout_rect *outer);
int layout_rect_overlap(const struct layout_rect *a, const struct layout_rect *b);

#endif
