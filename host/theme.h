/* theme.h: the board's two colour themes as plain data, the contrast of a text on its
 * background, and every text/background pair the board draws. No SDL, no I/O; libc and libm.
 * The board copies the colours into SDL colours; the unit tests check every pair's contrast.
 * Two themes: the default, a calm light board, and a high-contrast one (black on white,
 * outlined notes and cards): every text on it reads at 7:1 or more. Colours are sRGB; alpha
 * 255 = opaque. */
#ifndef MEDSKAPA_THEME_H
#define MEDSKAPA_THEME_H

#include <stddef.h>

struct theme_rgb { unsigned char r, g, b, a; };

#define THEME_COUNT 2          /* 0 default, 1 high contrast */
#define THEME_NOTE_COLOURS 6
#define THEME_CATEGORY_COLOURS 8

struct theme {
	const char *name;          /* "default", "high-contrast" */
	struct theme_rgb bg, ink, muted, accent, card, divider, shadow, live, more_bg, more_ink, empty_ink;
	struct theme_rgb note_muted; /* the author line on a note */
	struct theme_rgb edge;       /* an outline around notes, cards and rows; a = 0: none */
	struct theme_rgb notes[THEME_NOTE_COLOURS];
	struct theme_rgb phase[4];   /* badge of prepared, open, locked, revealed (white text) */
	struct theme_rgb group_bg, group_ink, drop;
	struct theme_rgb bar, bar_top, row_bg, rank_bg, rank_top;
	struct theme_rgb timer_bg, timer_low, dim, toast_bg, notice_bg, notice_ink, white;
	struct theme_rgb categories[THEME_CATEGORY_COLOURS];
	struct theme_rgb rendering;  /* an interpreter's rendering under a note's original text: an
	                              * ink of its own, as readable as the note's */
};

extern const struct theme theme_table[THEME_COUNT];

/* WCAG 2 contrast ratio of two opaque sRGB colours: 1 (same) to 21 (black on white). */
double theme_contrast(struct theme_rgb a, struct theme_rgb b);

/* Near-black or white, whichever has the higher contrast on bg (a category label's text). */
struct theme_rgb theme_ink_on(const struct theme *t, struct theme_rgb bg);

/* A text colour on the background the board draws it on, and the least contrast it needs
 * (7 for note text and for everything in the high-contrast theme, else 4.5). */
struct theme_text_pair {
	char what[32];
	struct theme_rgb fg, bg;
	double min;
};

/* Every text/background pair the board draws in theme t into out[0..cap); returns how many
 * there are (may exceed cap: then only cap are filled). Pure. */
size_t theme_text_pairs(const struct theme *t, int high_contrast, struct theme_text_pair *out,
                        size_t cap);

#endif
