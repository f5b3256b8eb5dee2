/* layout.h: pure geometry of the board. Given the window size and measured text sizes it says
 * where the header, the QR card and every note go. No SDL, no I/O; links only util. */
#ifndef MEDSKAPA_LAYOUT_H
#define MEDSKAPA_LAYOUT_H

#include <stddef.h>

#define LAYOUT_MAX_COLUMNS 32

struct layout_rect { int x, y, w, h; };

/* What the frame (header and notes area) needs to know, measured by the caller.
 * The caller lays out in two steps: layout_frame() gives the column and text widths; the
 * caller measures each note's wrapped text at frame.text_w; layout_flow_*() places them. */
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
	int empty;                 /* no ideas yet: the join card goes big into the notes area */
	int empty_h;               /* with empty: height of the message under the card */
};

struct layout_frame {
	int win_w, win_h;
	int margin, gap, pad;      /* outer margin, space between notes, padding inside a note */
	int small_gap;             /* between a note's text and its author line, title and question */
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
 * of equally short ones), so placement is a pure function of the notes before: appending a note
 * never moves earlier ones, and tops are in reading order (y, then x, increasing).
 * Room to grow: pages are flows started afresh where the previous one stopped; smaller notes
 * are a frame computed with a smaller target column width (a scale in layout_frame_in). */
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

/* Rectangle helpers, used by tests and the board. */
int layout_rect_inside(const struct layout_rect *inner, const struct layout_rect *outer);
int layout_rect_overlap(const struct layout_rect *a, const struct layout_rect *b);

#endif
