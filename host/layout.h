/* layout.h: pure geometry of the board. Given the window size and measured text sizes it says
 * where the header, the QR card and every note go. No SDL, no I/O; links only util. */
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

/* Rectangle helpers, used by tests and the board. */
int layout_rect_inside(const struct layout_rect *inner, const struct layout_rect *outer);
int layout_rect_overlap(const struct layout_rect *a, const struct layout_rect *b);

#endif
