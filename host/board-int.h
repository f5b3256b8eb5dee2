/* board-int.h: the board's insides, shared by the board*.c files and by no one else: struct
 * board, its modes, look and tunables, small helpers, and what each file offers the others.
 * The family (each file says its job in its first lines):
 *   board.c          the contract of board.h: create, events, draw, wake, screenshot, destroy
 *   board-words.c    everything the board says
 *   board-view.c     what the room sees, read from the session (board-view.h: no SDL)
 *   board-layout.c   the whole layout, the header and join card, the animation plan
 *   board-notes.c    the notes mode
 *   board-chart.c    the chart and silent modes, the empty board
 *   board-overlay.c  help, facilitator address, input box, toast
 *   board-draw.c     SDL primitives
 *   board-input.c    keys, text and mouse become commands
 *   board-json.c     the layout as JSON */
#ifndef MEDSKAPA_BOARD_INT_H
#define MEDSKAPA_BOARD_INT_H

#include "board.h"
#include "layout.h"
#include "qr.h"
#include "text.h"
#include "theme.h"
#include "words.h"

#include <stdint.h>
#include <string.h>

/* ---- words: everything the board says (the tables: board-words.c) -------------------------- */
/* The rows of the help overlay ('?'): each language's table has { keys, what } for each, and
 * the rows are shown in the order of board_keys[] (board-input.c). */
enum help_row {
	HELP_NEXT, HELP_PREV, HELP_OPEN, HELP_LOCK, HELP_REVEAL, HELP_PREPARED, HELP_TIMER,
	HELP_MINUTE, HELP_IDEA, HELP_DRAG, HELP_RENAME, HELP_PAGES, HELP_TABLES, HELP_CARD, HELP_THEME,
	HELP_FACILITATOR, HELP_FULLSCREEN, HELP_HELP, HELP_QUIT,
	HELP_ROWS
};


/* ---- the look ----------------------------------------------------------------------------------
 * The colours of the two themes live in theme.c (plain data, so the unit tests can compute
 * every text's contrast); here they become SDL colours. Same fields in the same order. */
struct board_theme {
	const char *name;
	SDL_Color bg, ink, muted, accent, card, divider, shadow, live, more_bg, more_ink, empty_ink;
	SDL_Color note_muted, edge;
	SDL_Color notes[THEME_NOTE_COLOURS];
	SDL_Color phase[4];
	SDL_Color group_bg, group_ink, drop;
	SDL_Color bar, bar_top, row_bg, rank_bg, rank_top;
	SDL_Color timer_bg, timer_low, dim, toast_bg, notice_bg, notice_ink, white;
	SDL_Color categories[THEME_CATEGORY_COLOURS];
	SDL_Color rendering;
};
_Static_assert(sizeof(struct board_theme) == sizeof(struct theme), "board_theme mirrors struct theme");
_Static_assert(sizeof(SDL_Color) == sizeof(struct theme_rgb), "SDL_Color is four bytes");

#define N_NOTE_COLOURS THEME_NOTE_COLOURS
#define N_CATEGORY_COLOURS THEME_CATEGORY_COLOURS

/* Tunables. */
#define CORNER_CACHE 16         /* rounded-corner textures kept (one per radius in use) */
#define NOTE_TEX_MAX 256        /* notes kept as textures at most (a page shows fewer); the
                                 * others are drawn piece by piece */
#define EMPTY_GAP_PM 14         /* between the empty state's two lines */
#define TOAST_MS     4500       /* how long a refused command's message stays */
#define DRAG_SLOP_PX 6          /* a press moves this far before it becomes a drag */
#define TIMER_LOW_MS 60000      /* the countdown turns warm in its last minute */
#define NOTE_MAX_LINES 6        /* a very long note is cut with "…" after this many lines on the
                                 * board, so that one essay does not take a column */
#define ANIM_MS      250        /* a new note fades and slides in, a moved one slides: long
                                 * enough to be seen, short enough not to distract */
#define ANIM_FRAME_MS 16        /* frames asked for while an animation runs */
#define CHART_STEPS  6
#define PAGER_DOTS   24         /* up to this many pages get a dot each */
#define CHART_TEXT_PCT 46       /* a chart row's text cell; the bar gets the rest */
#define CHART_TEXT_PCT2 60      /* the same in two columns: shorter bars, text less cut */
#define CHART_LINES  3          /* a chart row's text is cut after this many lines */
#define INPUT_MAX_BYTES (SESSION_IDEA_MAX_CHARS * 4 + 1)
/* Photos and renderings on notes (board-notes.c). */
#define PHOTO_MAX_PCT 80        /* a photo is at most 4:5 as tall as the note is wide:
                                 * a portrait photo does not take a whole column */
#define PHOTO_ROOM_PCT 70       /* and at most this much of the note's room, so its text fits */
#define PHOTO_SRC_MAX 768       /* a photo is kept decoded at most this big a side (one
                                 * downscale from the file), then scaled once to the size drawn */
#define PHOTO_CACHE_MAX 64      /* photos kept decoded at most (a page shows fewer) */
#define PHOTO_GAP_PM 10         /* between a note's photo, its text and its rendering */
#define TAG_PCT 90              /* a rendering's language tag, percent of the author line's size */

enum anim { ANIM_NONE, ANIM_ARRIVE, ANIM_MOVE };
enum card_mode { CARD_AUTO, CARD_LARGE, CARD_SMALL };
enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_FACILITATOR };
enum input_kind { INPUT_NONE, INPUT_IDEA, INPUT_RENAME };

/* What the board draws for the view's items[i], groups[i] and rows[i] (board-view.h), at the
 * same index: set by the layout, zeroed when the view is read again. */
struct item_look {
	int colour;
	int anim;                   /* ANIM_NONE, ANIM_ARRIVE, ANIM_MOVE */
	int from_x, from_y;         /* ANIM_MOVE: where it was */
	int cat_w, cat_h;           /* the category label's size, 0 = none */
	const struct text_img *text_img, *author_img, *cat_img;
	const struct text_img *rend_img, *tag_img; /* a rendering and its language tag */
	int picto;                  /* the category label shows its pictogram */
	/* The note's body, inside layout_note.text, top to bottom: its photo (centred), its text,
	 * and its rendering under a rule with the language tag. Heights; 0 = not there. */
	int photo_w, photo_h, text_h, sep_h, rend_h, gap;
	int rend_rtl;               /* the rendering reads right to left: its tag on the right */
	int photo;                  /* 1 + index in board.photos, 0 = no photo */
	uint64_t look;              /* hash of what its texts say (set when they are rendered) */
};

struct group_look { const struct text_img *name_img, *count_img, *more_img; };

struct row_look {
	const struct text_img *rank_img, *text_img, *count_img;
	int picto;                  /* its text starts with its pictogram */
	int photo;                  /* 1 + index in board.photos of its thumbnail, 0 = none */
	int photo_w, photo_h;       /* the thumbnail at the start of the text cell */
};

/* A photo of a note, decoded once (scaled down to PHOTO_SRC_MAX) and kept as a texture of the
 * size drawn (board-notes.c). */
struct photo {
	char file[SESSION_PHOTO_NAME_MAX + 1];
	SDL_Surface *src;           /* decoded; NULL when the file is missing or unreadable */
	int failed;                 /* tried and could not: drawn as a placeholder */
	SDL_Texture *tex;           /* src at tex_w x tex_h */
	int tex_w, tex_h;
	unsigned long serial;       /* a new number for each new texture: what note textures key on */
	int used;                   /* shown in the current layout */
};

/* A part of the frame kept as a texture (see panel()). */
struct panel {
	uint64_t key;               /* hash of everything its pixels depend on */
	int w, h;
	SDL_Texture *tex;
};
enum { PANEL_HEADER, PANEL_CARD, PANELS };

/* A note as the board draws it, kept as one opaque texture (see note_tex): its fill, texts,
 * rounded corners and shadow, over the flat colour behind it. */
struct note_tex {
	uint32_t id;
	uint64_t key;               /* hash of everything the pixels depend on */
	int w, h;                   /* the texture: the note and its margins */
	int ml, mt;                 /* where the note is in it */
	SDL_Texture *tex;
	int used;                   /* drawn in the last frame */
};

struct qr_view {
	struct qr qr;
	char *url;                  /* what qr encodes */
	SDL_Texture *tex;
	int tex_module;
};

struct help_line { const struct text_img *keys, *what; };

struct board {
	const struct board_theme *th;  /* the colours in use: themes[theme_i] */
	int theme_i;
	struct board_theme themes[THEME_COUNT];
	SDL_Window *win;
	SDL_Renderer *ren;
	struct text *text;
	const struct words *words;  /* what the board says, in its language (cfg->words, or own_words) */
	struct words *own_words;    /* loaded by board_create when the config brings none */
	int w, h;                   /* drawable size of the current layout */
	int fullscreen;
	int relayout;               /* the layout is stale */
	int dirty;                  /* the screen is stale */

	/* what the room sees, decided from the session (board-view.c): the mode, the items, groups
	 * and rows with their texts, banner, timer; and what the current layout was made from */
	struct room_view room;
	int64_t now_ms;             /* the view's clock at the last draw ... */
	Uint32 now_ticks;           /* ... and SDL's then: commands get now_ms + elapsed */

	struct qr_view join_qr, fac_qr;
	struct { int r; SDL_Texture *tex[4]; } corners[CORNER_CACHE];
	struct note_tex *ntex;      /* the notes drawn in the last frame, as textures */
	size_t n_ntex, cap_ntex;
	Uint32 ntex_format;         /* pixel format of the window: copies are plain memcpy */
	struct panel panels[PANELS];

	struct layout_frame frame;

	/* photos of notes: the session's photo folder, and those decoded */
	char *photo_dir;
	struct photo *photos;
	size_t n_photos, cap_photos;
	unsigned long photo_loads;  /* files read (tests: shown photos are not read again) */
	unsigned long photo_serial;

	/* the signals counter in the title row (room.signals): what it says, and its look */
	char signals_text[256];
	const struct text_img *signals_img;

	/* MODE_NOTES: the looks of room.items[] and room.groups[], index for index */
	struct item_look *ilook;
	struct group_look *glook;
	size_t cap_ilook, cap_glook;
	struct layout_note *lnotes;
	size_t cap_lnotes, n_placed; /* notes shown: lnotes[i].note.w > 0 (not a prefix with groups) */
	size_t more_n;              /* what the "+N more" tile counts */
	struct layout_group *lgroups; /* room.groups[]: the placed ones first */
	struct layout_group_in *gin;
	size_t cap_lgroups, cap_gin, groups_placed;
	struct layout_step step;
	int step_i, n_steps;
	int all_fit;                /* every note fits on one page (at some step) */
	size_t page, n_pages;       /* the page shown (from 0) and how many: 1 = no pages */
	size_t *page_of, cap_page_of; /* with pages: the page of each note */
	char pager_label[64];
	const struct text_img *pager_text;
	/* animation of arrivals and moves: where the shown notes were in the last layout */
	struct seen_note { uint32_t id; int x, y; } *prev;
	size_t n_prev, cap_prev;
	uint32_t prev_act;
	size_t prev_page;
	int prev_w, prev_h;
	Uint32 anim_start;
	int anim_active;
	int card_mode;              /* the join card in the header: CARD_AUTO, CARD_LARGE, CARD_SMALL */
	int card_small;             /* as laid out now */
	struct layout_rect more;
	char more_label[64];
	const struct text_img *more_text;

	/* MODE_CHART: the looks of room.rows[], index for index */
	struct row_look *rlook;
	struct layout_row *lrows;
	int *counts;
	size_t cap_rlook, cap_lrows, cap_counts;
	struct layout_chart chart;
	int chart_px;

	/* MODE_SILENT */
	struct layout_rect silent_rect[2];
	const struct text_img *silent_img[2];

	/* the header and the rest of the frame */
	int phones_dot;
	const struct text_img *title, *question, *scan, *url, *phones;
	const struct text_img *empty_title, *empty_hint;
	const struct text_img *agenda, *badge, *timer, *timer_label, *banner, *notice;
	char agenda_text[160];

	/* interaction */
	enum overlay overlay;
	struct {
		enum input_kind kind;
		uint32_t group;         /* INPUT_RENAME */
		char buf[INPUT_MAX_BYTES];
		size_t len;
	} input;
	int eat_text;               /* swallow the text event of a key already handled */
	struct {
		int pressed, moved;
		uint32_t idea;
		int x0, y0, x, y;       /* where the press was, where the pointer is (pixels) */
		int dx, dy;             /* from the note's corner to the pointer */
	} drag;
	Uint32 last_click;
	int pending_input;          /* the last command came from the input box: close it when it
	                             * succeeds, keep the text when it is refused */
	char cmd_text[INPUT_MAX_BYTES], cmd_name[SESSION_OPTION_MAX_CHARS * 4 + 8];
	char toast[512];            /* a refused command's sentence: long in some languages */
	Uint32 toast_until;

	/* overlays and the input box, laid out with the frame */
	struct layout_rect ov_card, ov_title, ov_qr, ov_url, ov_warn, ov_close;
	struct layout_rect in_card, in_label, in_text, in_hint, toast_rect;
	const struct text_img *ov_title_img, *ov_url_img, *ov_warn_img, *ov_close_img;
	struct help_line help[HELP_ROWS];
	int help_key_w, help_row_h;
	const struct text_img *in_label_img, *in_text_img, *in_hint_img, *toast_img;
	int caret_x, caret_y, caret_h;
};

/* ---- small helpers ------------------------------------------------------------------------- */

static inline int pm(int h, int permille)
{
	return (int)(((long)h * permille + 500) / 1000);
}

static inline int maxi(int a, int b) { return a > b ? a : b; }
static inline int mini(int a, int b) { return a < b ? a : b; }

static inline struct layout_rect rect(int x, int y, int w, int h)
{
	struct layout_rect r = { x, y, maxi(w, 0), maxi(h, 0) };
	return r;
}

static inline struct text_style style(enum text_face face, int px, SDL_Color c, int wrap, int max_lines)
{
	struct text_style st = { face, px, c, wrap, max_lines, TEXT_LEFT };
	return st;
}

/* FNV-1a, 64 bits: keys of cached drawings. */
#define FNV_OFFSET 14695981039346656037u
static inline uint64_t fnv_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++) h = (h ^ c[i]) * 1099511628211u;
	return h;
}

/* s and its end (NULL hashes apart from ""). */
static inline uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* Is note i shown (placed by the layout, on the page shown)? */
static inline int shown(const struct board *b, size_t i)
{
	return i < b->room.n_items && b->lnotes[i].note.w > 0 && (b->n_pages < 2 || b->page_of[i] == b->page);
}

/* ---- what the files offer each other -------------------------------------------------------- */

/* board-words.c: the board's words (words.h) in its language. board_count writes id's form for
 * n with n filled in and returns out. */
const char *board_word(const struct board *b, enum word_id id);
char *board_count(const struct board *b, char *out, size_t len, enum word_id id, long n);
enum word_id board_phase_word(enum phase p);
enum word_id board_kind_word(enum activity_kind k);
const char *board_help_keys(const struct board *b, enum help_row row);
const char *board_help_what(const struct board *b, enum help_row row);
void board_refusal(const struct board *b, const struct session_result *res, char *out, size_t len);

/* board-view.c: board-view.h */

/* board-layout.c */
void board_layout(struct board *b, const struct board_view *v);   /* lay out the whole frame */
void board_draw_header(struct board *b);                          /* and the background */
void board_panels_clear(struct board *b);

/* board-notes.c */
void board_layout_notes_mode(struct board *b, const struct layout_frame_in *fi, const struct text_sizes *ts);
void board_photos_sweep(struct board *b);   /* forget photos the layout did not use */
/* The photo of file as a w x h texture: 1 + its index in b->photos (the texture NULL when the
 * file cannot be read: draw board_photo_placeholder), 0 when there is no room for it. */
int board_photo_for(struct board *b, const char *file, int w, int h);
/* Draw photo k (board_photo_for) in rc at alpha a, or the placeholder (only opaque). */
void board_photo_draw(struct board *b, int k, struct layout_rect rc, int full_h, Uint8 a);
void board_photos_clear(struct board *b);
void board_draw_notes(struct board *b);
void board_note_tex_clear(struct board *b);
void board_drop_target(const struct board *b, int x, int y, uint32_t dragged, int *note, int *group);

/* board-chart.c */
void board_layout_chart_mode(struct board *b, const struct layout_frame_in *fi, const struct text_sizes *ts);
void board_layout_silent_mode(struct board *b, const struct layout_frame_in *fi, const struct text_sizes *ts);
void board_draw_chart(struct board *b);
void board_draw_silent(struct board *b);
void board_draw_empty(struct board *b);

/* board-overlay.c */
void board_layout_overlays(struct board *b, const struct board_view *v, const struct text_sizes *ts);
void board_draw_overlays(struct board *b);

/* board-input.c: each handler returns what board_handle_event returns */

/* The board's keys, one row per key: what it does and its row in the help overlay. A key comes
 * as its key code, or (sym 0) as the text it types where the key differs between keyboard
 * layouts ('?' is Shift+'+' on a Swedish keyboard, Shift+'/' on an American one). A row with
 * neither is a mouse gesture: board_mouse_* do it; it is here for the help and the README.
 * Keys typed into the input box (Enter, Escape, Backspace, Ctrl+V) are not board keys: the
 * box's own handler reads them. test_board checks README.md's key table against this one. */
struct board_key {
	const char *name;          /* the key as README.md's table "Board keys" names it */
	SDL_Keycode sym;
	const char *text;
	enum board_action (*act)(struct board *b, struct command *cmd, int arg);
	int arg;
	enum help_row help;
};
extern const struct board_key board_keys[];
extern const size_t board_n_keys;

/* The help rows in the order of board_keys[], each once, into out; returns how many (HELP_ROWS
 * when every row has a key: test_board checks). */
size_t board_help_order(enum help_row out[HELP_ROWS]);

void board_toast(struct board *b, const char *msg);
void board_input_close(struct board *b);
enum board_action board_handle_key(struct board *b, const SDL_KeyboardEvent *k, struct command *cmd);
enum board_action board_handle_text(struct board *b, const char *text, struct command *cmd);
enum board_action board_mouse_down(struct board *b, const SDL_MouseButtonEvent *m);
enum board_action board_mouse_motion(struct board *b, const SDL_MouseMotionEvent *m);
enum board_action board_mouse_up(struct board *b, const SDL_MouseButtonEvent *m, struct command *cmd);

/* board-draw.c */
void board_corners_clear(struct board *b);
void board_set_colour(struct board *b, SDL_Color c);
void board_fill_rect(struct board *b, struct layout_rect rc, SDL_Color c);
void board_fill_round(struct board *b, struct layout_rect rc, int r, SDL_Color c);
void board_outline_round(struct board *b, struct layout_rect rc, int r, int th, SDL_Color c);
void board_fill_card(struct board *b, struct layout_rect rc, int r, SDL_Color c);
void board_shadow(struct board *b, struct layout_rect rc, int r);
void board_card_margins(const struct board *b, int w, int h, int m[4]);
void board_text_center(struct board *b, const struct text_img *img, struct layout_rect rc);
/* A pictogram (or any short text) and then text s, as one string for a label or a row: s alone
 * when p is empty or the board cannot draw it (no colour emoji font). Returns out; *shown 1
 * when p is in it. */
const char *board_with_picto(const struct board *b, const char *p, const char *s, char *out, size_t len,
                             int *shown);
/* A photo's placeholder (missing or unreadable file): a neutral tile with a picture frame. */
void board_photo_placeholder(struct board *b, struct layout_rect rc);
void board_qr_update(struct qr_view *q, const char *url);
SDL_Texture *board_qr_texture(struct board *b, struct qr_view *q, int module);
void board_qr_view_free(struct qr_view *q);

#endif
