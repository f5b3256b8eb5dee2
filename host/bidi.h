/* bidi.h: the Unicode bidirectional algorithm (fribidi) and script classes for the board's
 * text: a paragraph's embedding levels and base direction, and a line's runs of one level,
 * script and font in visual order. No SDL, no I/O; allocation through util's x* wrappers. */
#ifndef MEDSKAPA_BIDI_H
#define MEDSKAPA_BIDI_H

#include <stddef.h>
#include <stdint.h>

/* Scripts the board shapes differently. BIDI_COMMON: digits, punctuation, spaces, symbols,
 * which take the script of their neighbours; BIDI_MARK: combining marks (script Inherited). */
enum bidi_script {
	BIDI_COMMON, BIDI_MARK, BIDI_LATN, BIDI_ARAB, BIDI_ETHI, BIDI_CYRL, BIDI_GREK, BIDI_HEBR,
	BIDI_SCRIPTS
};

/* The script of a code point (by Unicode block; good enough to pick a shaping script). */
enum bidi_script bidi_script_of(uint32_t cp);

/* ISO 15924 tag ("Latn", "Arab", "Ethi", "Cyrl", ...) as TTF_SetFontScriptName wants it. */
const char *bidi_script_tag(enum bidi_script s);

/* 1 for default-ignorable code points (ZWJ, ZWNJ, bidi controls, variation selectors...):
 * they are kept (they change joining and levels) but need no glyph of their own. */
int bidi_ignorable(uint32_t cp);

/* 1 for code points shown as a colour pictogram by default (Unicode's Emoji_Presentation, by
 * ranges), and regional indicators (flags). Others (digits, U+2764 heart, U+1F5E3 speaking head)
 * are pictograms only when a U+FE0F follows them: the caller looks at the next code point. */
int bidi_is_emoji(uint32_t cp);

/* 1 when the UTF-8 text s reads right to left: its first strong character is (rules P2, P3;
 * 0 when there is none). Invalid bytes are skipped. */
int bidi_utf8_rtl(const char *s);

/* Remove from cp[0..n) every embedding and override control (LRE, RLE, PDF, LRO, RLO) and
 * every isolate control without its partner (an LRI, RLI or FSI never closed, a PDI that closes
 * nothing), in place; returns the new length. What is left cannot reach past its own isolates:
 * the board's own FSI ... PDI around a user's text stay, a user's unclosed RLO does not. */
int bidi_clean_controls(uint32_t *cp, int n);

/* One paragraph (no newline in it). */
struct bidi_par {
	uint32_t *cp;              /* code points, logical order */
	int n;
	int rtl;                   /* base direction: 1 right to left */
	uint8_t *level;            /* embedding level of each code point (odd: RTL) */
	uint8_t *script;           /* enum bidi_script of each, common ones resolved (never
	                            * BIDI_COMMON or BIDI_MARK after init) */
	uint32_t *types;           /* fribidi's character types, for reordering lines */
};

/* Fill p from cp[0..n) (copied). base: -1 from the first strong character (rules P2, P3; left
 * to right when there is none), 0 left to right, 1 right to left. Free with bidi_par_free. */
void bidi_par_init(struct bidi_par *p, const uint32_t *cp, int n, int base);
void bidi_par_free(struct bidi_par *p);

/* A run: code points [start, start + len) of the paragraph, one level, script and font. */
struct bidi_run {
	int start, len;
	int level;                 /* odd: shape right to left */
	int script;                /* enum bidi_script */
	int font;                  /* the caller's font index (0 when font is NULL) */
};

/* The runs of the line [start, end) of p in visual order, left to right (rules L1, L2 by
 * fribidi_reorder_line): maximal pieces of one resolved level, script and font[i] (font may
 * be NULL). Stores them in *runs (grown with xgrow, *cap its capacity) and returns how many. */
size_t bidi_line_runs(const struct bidi_par *p, int start, int end, const uint8_t *font,
                      struct bidi_run **runs, size_t *cap);

#endif
