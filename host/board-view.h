/* board-view.h: what the room sees, decided from the session with libc alone (no SDL, no
 * fonts): the mode, the notes, groups and chart rows it shows, the banner, the timer, and
 * whether the view changed since the last layout. The board (board-int.h) embeds a struct
 * room_view and draws it; test_board_view reads it without a window. */
#ifndef MEDSKAPA_BOARD_VIEW_H
#define MEDSKAPA_BOARD_VIEW_H

#include "session.h"

#include <stddef.h>
#include <stdint.h>

struct words;

#define BOARD_ACTION_TEXT (SESSION_IDEA_MAX_CHARS * 4 + SESSION_WHO_MAX_CHARS * 4 + 160)   /* an action's row */

/* What the board shows besides the session itself. Strings borrowed for the call. */
struct board_view {
	const struct session *session;
	const char *join_url;       /* encoded in the QR code and shown as text */
	const char *facilitator_url;/* join_url with #key=...: shown only when asked (key k) */
	int phones;                 /* phones connected now */
	int64_t now_ms;             /* wall clock, for timers */
	const char *notice;         /* a line to show the facilitator (an error, a disk problem); NULL none */
};

/* The signals counter ("please interpret", "slower", "I did not understand"): it shows while
 * signals come in and fades out SIGNALS_SHOW_MS after the newest one, in SIGNALS_LEVELS steps
 * over its last SIGNALS_FADE_MS (a few redraws, not an animation). */
#define SIGNALS_SHOW_MS  120000
#define SIGNALS_FADE_MS  15000
#define SIGNALS_LEVELS   6
#define SIGNALS_LANGS    6       /* languages counted apart at most (the most asking first) */

enum mode {
	MODE_JOIN,                  /* nothing to show yet: the join card big, a message under it */
	MODE_NOTES,                 /* ideas (or a vote's items) as notes, in their groups */
	MODE_SILENT,                /* a silent activity before reveal: only how many */
	MODE_CHART,                 /* results as bars, or a poll's choices */
};

enum timer_state { TIMER_NONE, TIMER_RUNNING, TIMER_PAUSED, TIMER_DONE };

/* A note on the board: an idea, or a group when a vote is on groups. What the board draws for
 * it (textures, colour, animation) is the board's, at the same index (board-int.h). */
struct item {
	uint32_t id;
	uint32_t group;             /* the group it is shown in, 0 = none */
	int category;               /* -1 = none */
	const char *text;           /* borrowed from the session during a layout only */
	const char *author;         /* the author line, NULL = none */
	int facilitator;            /* the facilitator wrote it: the author line is a badge */
	char count_label[32];       /* a group as a vote item: "5 ideas" (its author line) */
	const char *rendering;      /* an interpreter's rendering in the meeting's language, shown
	                             * under the text (never instead of it); NULL none; borrowed */
	const char *rendering_lang; /* its language tag ("sv"); borrowed */
	const char *photo;          /* a photo idea's file in the session's photo folder, NULL none;
	                             * borrowed */
	int photo_w, photo_h;       /* its pixels, as the session records them */
	const char *picto;          /* its category's pictogram, NULL none; borrowed */
	uint32_t table;             /* the table it was written at, 0 = none */
	int forward;                /* its table brought it forward from this round, 0 = not: the
	                             * author line is a mark ("Brought forward · name") */
	char mark[160];             /* that author line (author points here once collected) */
};

/* A group of notes: a group of the session, or (view by table) a table: then id is
 * BOARD_TABLE_GROUP + the table (BOARD_TABLE_GROUP alone: ideas written at no table). */
#define BOARD_TABLE_GROUP 0xFFFF0000u
struct gview {
	uint32_t id;
	const char *name;           /* borrowed during a layout only */
	size_t n;
};

struct rview {
	uint32_t item;
	int rank, count, tie;
	int paper;                  /* the part of count from paper batches (issue 20), 0 none */
	const char *text;           /* borrowed during a layout only */
	const char *picto;          /* a poll choice's pictogram, or a voted idea's category's;
	                             * NULL none; borrowed */
	const char *photo;          /* a voted idea's photo file, NULL none; borrowed */
	int photo_w, photo_h;
	char count_label[96], rank_label[48];   /* rank_label: a rank, or an action's status word */
	int status;                 /* an action's (enum action_status), when the view shows actions */
};

/* The current activity's signals, summed over languages, and per language. */
struct signals_view {
	int count[SIGNAL_KINDS];
	struct { char lang[SESSION_LANG_MAX + 1]; int n; } langs[SIGNALS_LANGS];
	size_t n_langs;             /* languages with signals, most first (at most SIGNALS_LANGS) */
	int64_t last_ms;            /* the newest signal, 0 none */
	int level;                  /* 0 not shown, SIGNALS_LEVELS fully shown, between: fading */
};

/* The view state. Zero it, set words, and it is ready; board_room_free frees what it holds. */
struct room_view {
	const struct words *words;  /* what the board says, in its language (borrowed) */

	/* what the current view was made from, to notice changes */
	const struct session *s;    /* the session of the last view: board input acts on it */
	int seen_valid;
	uint64_t seen_version;
	int seen_phones;
	char *seen_url, *seen_fac_url, *seen_notice;
	char seen_timer[24];
	int seen_signals;           /* the signals counter's level */

	enum mode mode;
	uint32_t act_id;            /* the current activity, 0 none */
	enum activity_kind act_kind;
	enum phase phase;
	int act_index, n_acts;      /* 1-based position on the agenda */

	/* MODE_NOTES: items[0..n_grouped) are in groups[], in group order; then the ungrouped */
	struct item *items;
	size_t n_items, cap_items, n_grouped;
	struct gview *groups;       /* in the order of the session's groups */
	size_t n_groups, cap_groups;
	int can_group;              /* the notes are an ideas activity's: the mouse groups them */
	int tables_on;              /* the board's key: every table as a column for any activity
	                             * while the session has tables (set by the board, kept) */
	int by_table;               /* this view shows the tables as groups (by_table or tables_on) */
	char (*table_names)[64];    /* "Table 3": the names the table groups point to */
	size_t cap_table_names;
	int round, n_rounds;        /* an ideas activity in rounds: the round now (1..), how many */
	char round_text[200];       /* "Round 2 of 4 · In pairs" (also the banner), "" = none */

	/* MODE_CHART */
	struct rview *rows;
	size_t n_rows, cap_rows;
	int chart_bars;
	size_t undotted;            /* a vote's items without dots, left out of the ranking */
	int markers;                /* a poll's choices: 1 = single (round), 2 = multiple (square) */

	/* MODE_SILENT: a big count (silent ideas, or a scale poll's answers) */
	size_t silent_n;
	int silent_answers;         /* the count is of answers */

	/* the header's timer and the banner; MODE_JOIN's message */
	char timer_text[24], banner_text[200];
	enum timer_state timer_state;
	int64_t timer_left;
	const char *empty_msg, *empty_msg_hint;

	struct signals_view signals;

	/* issue 19: the room's progress ("18 of 25 have voted"; of = phones + proxies, 0 = not
	 * known), a consent round's number, and whether "need more time?" takes the chart */
	int progress_done, progress_of;
	int consent_round;
	int moretime;

	/* issue 20: an actions activity: its actions as rows (the status in the rank cell, in its
	 * colour; what, who and by when as the text, written into row_texts) */
	int actions;
	char (*row_texts)[BOARD_ACTION_TEXT];
	size_t cap_row_texts;
};

static inline const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* Read the view into r: the current activity (returned, NULL none), its place on the agenda and
 * its timer, and what the notes area shows: the mode and its notes, groups or rows, the banner.
 * Texts in items, groups and rows are borrowed from v->session until its next change. */
const struct activity *board_view_update(struct room_view *r, const struct board_view *v);

/* 1 when v would show something else than the view r last remembered: another session or
 * version, phones, address, notice, the timer's text, or (fac_shown: the facilitator's address
 * is on screen) that address. */
int board_view_changed(const struct room_view *r, const struct board_view *v, int fac_shown);

/* Remember v (and r's timer text) as what the current layout shows. */
void board_remember_view(struct room_view *r, const struct board_view *v);

/* The signals counter's level (0 gone .. SIGNALS_LEVELS) for a newest signal at last_ms (0: none)
 * at now_ms; and in how many ms it changes by itself (0: never, it is gone). Pure. */
int board_signals_level(int64_t last_ms, int64_t now_ms);
int board_signals_wait(int64_t last_ms, int64_t now_ms);

/* The newest signal of the session's current activity, 0 none. */
int64_t board_signals_last(const struct session *s);

/* A vote's items as the rows of a list (no ranks, no bars): when they do not fit as notes. */
void board_items_to_rows(struct room_view *r);

/* Free what r holds (not the words); r can be used again after zeroing. */
void board_room_free(struct room_view *r);

#endif
