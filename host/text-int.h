/* text-int.h: the insides of the board's text, shared by the text*.c files and by no one else:
 * struct text, its fonts and its cache, a text laid out in lines, the tunables, and what each
 * file offers the others. The family (each file says its job in its first lines):
 *   text.c         create and destroy, the font list and the fallback chains, the pictogram font,
 *                  font sizes, the public queries about fonts and line heights
 *   text-layout.c  paragraphs, runs, wrapping, the ellipsis, measuring, the caret
 *   text-render.c  the cache of sizes and textures, the sweep, surfaces and their blits, draw */
#ifndef MEDSKAPA_TEXT_INT_H
#define MEDSKAPA_TEXT_INT_H

#include "text.h"
#include "bidi.h"

#include <SDL_ttf.h>
#include <stddef.h>
#include <stdint.h>

/* ---- tunables --------------------------------------------------------------------------- */
#define TEXT_MIN_PX 6          /* no font is opened smaller */
#define FIT_STEP_PCT 90        /* text_fit shrinks by this much a step */
#define LINE_PCT 90            /* wrapped lines are this much of the font's line skip apart:
                                * Noto's own 1.36 em is airy for short notes read from afar */
#define MAX_CHAIN 12           /* font files per face: the first, then fallbacks */
#define PLACEHOLDER 0x25CCu    /* dotted circle: stands for a character no font has (no box) */
#define ELLIPSIS 0x2026u
#define EMOJI_PCT 118          /* an emoji is drawn this tall, in percent of the font size: about
                                * a capital letter and a descender, like a word's own height */
#define EMOJI_STRIKE 109       /* the size Noto Color Emoji is opened at: its one bitmap strike
                                * (SDL_ttf picks the strike itself; one size keeps one glyph cache) */

/* ---- fonts (text.c) --------------------------------------------------------------------- */

struct font_file {
	void *data;                /* the whole font file, shared by every size */
	size_t len;
	char *path;
	TTF_Font *probe;           /* opened once, to ask which glyphs the file has */
	int emoji;                 /* the pictogram font ("emoji" in the list): preferred for emoji
	                            * code points, after every other font for the rest */
	int bitmap;                /* its glyphs are bitmaps of one size (Noto Color Emoji): opened
	                            * once, its runs rendered at that size and scaled to the text */
	int borrowed;              /* data, path and probe belong to the other face's entry */
};

struct font_slot {
	enum text_face face;
	int k;                     /* index in the face's chain */
	int px;
	TTF_Font *font;
	unsigned gen;              /* last generation it was used in */
};

/* Font k of a face's chain at px pixels, opened once and kept while used (NULL when it cannot
 * be opened); the face's first font, whose metrics make the line height of every text. */
TTF_Font *text_font_get_k(struct text *t, enum text_face face, int k, int px);
TTF_Font *text_font_get(struct text *t, enum text_face face, int px);
/* Whether font k of the face's chain has a glyph for cp; the first font of the chain that has,
 * or -1. */
int text_font_has(const struct text *t, enum text_face face, int k, uint32_t cp);
int text_chain_font(const struct text *t, enum text_face face, uint32_t cp);
/* The font of a run, set up to shape it with its script and direction. */
TTF_Font *text_run_font(struct text *t, enum text_face face, int px, int font, int script, int level);
/* The height an emoji is drawn at in text of px pixels; a width w measured in font f (chain
 * index k) in the text's pixels: a bitmap font's runs are scaled from its strike. */
int text_emoji_h(int px);
int text_scaled_w(const struct text *t, enum text_face face, int k, TTF_Font *f, int px, int w);

/* ---- the cache (text-render.c) ---------------------------------------------------------- */

/* One text in one style: its size when measured, its texture when rendered (either can be
 * missing: the board measures notes at several sizes and renders only the one it uses). */
struct entry {
	struct entry *next;        /* hash chain */
	uint64_t hash;
	char *s;
	struct text_style st;
	int measured;              /* m_* are set */
	int m_lines, m_w, m_h;     /* what text_measure returns */
	int widthed, width;        /* what text_width returns, once known */
	struct text_img img;       /* img.tex NULL: not rendered */
	unsigned gen;
};

/* An empty table for text_create; every entry and the table, for text_destroy. */
void text_cache_init(struct text *t);
void text_cache_free(struct text *t);
/* The entry of s in style st (marked used), or a new empty one. */
struct entry *text_entry_get(struct text *t, const char *s, const struct text_style *st);

/* ---- the whole: fonts, cache and scratch ------------------------------------------------ */
struct text {
	SDL_Renderer *r;
	struct font_file file[TEXT_FACES][MAX_CHAIN];
	int n_file[TEXT_FACES];
	struct font_slot *fonts;
	size_t n_fonts, cap_fonts;
	struct entry **buckets;
	size_t n_buckets, n_entries;
	unsigned gen;
	unsigned long renders, measures;
	int warned;                /* a render failure was logged */
	char *u8;                  /* scratch: one run in UTF-8 for SDL_ttf */
	size_t u8_cap;
	struct bidi_run *runs;     /* scratch: a line's runs */
	size_t runs_cap;
	int emoji_k[TEXT_FACES];   /* chain index of the pictogram font, -1 when there is none */
	struct font_file pending_emoji; /* read from the list, joins the chains at its end */
};

/* ---- a text laid out in lines (text-layout.c) ------------------------------------------- */
struct tpar {
	struct bidi_par b;
	uint8_t *font;             /* chain index of each code point */
};

struct tline {
	int par, start, end;       /* code points [start, end) of paragraph par */
	int w;                     /* width in pixels */
};

struct tlayout {
	struct tpar *par;
	size_t n_par, cap_par;
	struct tline *line;
	size_t n_line, cap_line;
};

/* Paragraphs and lines of s in style st (one line if st->wrap_w is 0: newlines as spaces);
 * text_layout_free frees what L holds and empties it. */
void text_layout(struct text *t, const char *s, const struct text_style *st, struct tlayout *L);
void text_layout_free(struct tlayout *L);
/* The lines to show of s in style st: L laid out, cut to max_lines with the last line
 * replaced by an ellipsized paragraph (appended to L->par). Returns the number shown. */
size_t text_shown_lines(struct text *t, const char *s, const struct text_style *st, struct tlayout *L);
/* Texture width for the first n lines of L, widest w: a right-to-left paragraph in a
 * start-aligned wrapped text fills the wrap width. */
int text_box_w(const struct tlayout *L, size_t n, const struct text_style *st, int w);
/* x of line l in a box w wide. */
int text_line_x(const struct tlayout *L, const struct tline *l, const struct text_style *st, int w);
/* The runs of line l in visual order into t->runs; returns how many. */
size_t text_line_runs(struct text *t, const struct tlayout *L, const struct tline *l);
/* Code points p[start, start+len) as NUL-terminated UTF-8 in t's scratch buffer (valid until
 * the next call). */
const char *text_run_utf8(struct text *t, const struct tpar *p, int start, int len);

#endif
