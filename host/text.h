/* text.h: the one place that turns strings into textures: fonts (from assets/fonts.txt), font
 * sizes for a window height, wrapping, and a cache of sizes and textures so a frame only
 * copies textures and a relayout measures only new text.
 * Mixed scripts and directions: each paragraph gets its base direction from its first strong
 * character; its runs of one direction, script and font are ordered by the Unicode BiDi
 * algorithm (fribidi, bidi.h) and shaped by SDL_ttf/HarfBuzz, each in the first font of the
 * face's chain (assets/fonts.txt) that has its glyphs. Emoji (and sequences of them with
 * joiners, selectors and skin tones) are drawn in colour from the list's pictogram font (Noto
 * Color Emoji: bitmaps of one size, scaled down to the text). Main thread only: SDL_ttf is not
 * thread-safe. */
#ifndef MEDSKAPA_TEXT_H
#define MEDSKAPA_TEXT_H

#include <SDL.h>
#include <stdint.h>

enum text_face { TEXT_REGULAR, TEXT_BOLD, TEXT_FACES };
enum text_align { TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT };

struct text_style {
	enum text_face face;
	int px;                    /* font size in pixels */
	SDL_Color color;
	int wrap_w;                /* > 0: wrap lines at this width in pixels; 0: one line as is */
	int max_lines;             /* > 0: at most this many lines, the last cut with "…" */
	enum text_align align;     /* of the lines within the widest one. TEXT_LEFT means "at the
	                            * start": a right-to-left paragraph is right-aligned, and a
	                            * wrapped text with one is as wide as wrap_w */
};

/* A rendered text. Borrowed from the cache: valid until the next text_cache_sweep() that finds
 * it unused, or text_destroy(). */
struct text_img {
	SDL_Texture *tex;
	int w, h;                  /* texture size: the widest line; (lines - 1) * line_h + font_h */
	int lines;
	int line_h;                /* distance between lines */
	int font_h;                /* height of one line (ascent + descent) */
	unsigned long serial;      /* a number no other rendering gets: what a cached drawing that
	                            * shows this image remembers it by */
};

/* Font sizes in pixels for a window height: big enough for the back of the room. */
struct text_sizes {
	int title;                 /* session title, above the question */
	int question, question_min;/* the prompt; shrinks down to question_min when long */
	int note, author;          /* idea text and its author's name */
	int scan, url, phones;     /* the join card */
	int big_scan, big_url, big_phones; /* the join card while there are no ideas */
	int empty, empty_hint;     /* the empty state */
	int more;                  /* the "+N more" tile */
	int badge;                 /* the phase badge (bold) and the agenda position */
	int timer, timer_label;    /* the countdown: read from the back of the room */
	int heading;               /* a group's name over its notes (bold) */
	int category;              /* the category label on a note (bold) */
	int banner;                /* the status line over the notes ("12 people have voted") */
	int chart, chart_min;      /* rows of a bar chart; they shrink down to chart_min */
	int big_count, big_text;   /* a silent activity: how many ideas are hidden */
	int overlay_title, overlay_text; /* help, facilitator address, typing an idea */
	int toast, notice;         /* a brief error; a lasting notice to the facilitator */
};

void text_sizes_for_height(int height, struct text_sizes *s);

struct text;

/* Load the font files named in fonts_list (see assets/fonts.txt): every file that opens joins
 * its face's fallback chain, in order. If that file cannot be read, use the built-in list of
 * the same Noto and DejaVu files and say so on stderr. Reads the font files once into memory.
 * NULL with err if no usable file was found for some face. r may be NULL (tests: measuring
 * and text_runs work, text_render returns NULL). */
struct text *text_create(SDL_Renderer *r, const char *fonts_list, char *err, size_t errlen);
void text_destroy(struct text *t);

/* Path of the font file in use for a face (the first of its chain; for logs). */
const char *text_font_path(const struct text *t, enum text_face face);

/* Path of font k of a face's chain, NULL past its end; the chain index of the first font that
 * has a glyph for cp, -1 if none has (that character is drawn as a dotted circle). */
const char *text_chain_path(const struct text *t, enum text_face face, int k);
int text_font_for(const struct text *t, enum text_face face, uint32_t cp);

/* 1 when the pictogram font (the list's "emoji" line) is loaded for both faces. */
int text_has_emoji(const struct text *t);

/* 1 when every visible character of s has a glyph in some font of the face's chain (so nothing
 * of it would be drawn as a placeholder): a pictogram is left out rather than drawn as one. */
int text_can_draw(const struct text *t, enum text_face face, const char *s);

/* src scaled to w x h as a new ARGB8888 surface the caller frees (NULL on failure or a size
 * of 0): each pixel the average of the box of src it covers, weighted by alpha, so a big photo
 * or a pictogram's bitmap shrinks without jagged edges or dark fringes. For enlarging, let the
 * renderer scale. Does no I/O. */
SDL_Surface *text_downscale(SDL_Surface *src, int w, int h);

/* Distance between wrapped lines, height of a text of n lines, one-line width of s; without
 * rendering. 0 when the font cannot be opened. */
int text_line_height(struct text *t, enum text_face face, int px);
int text_height(struct text *t, enum text_face face, int px, int lines);
int text_width(struct text *t, enum text_face face, int px, const char *s);

/* Size s would have in style st, without rendering: fills *w, *h (0 for an empty string) and
 * returns the number of lines. Cached like textures (text_cache_sweep): measuring the same
 * text in the same style again costs a lookup. */
int text_measure(struct text *t, const char *s, const struct text_style *st, int *w, int *h);

/* The texture of s in style st, rendered now or taken from the cache. NULL for an empty
 * string or on failure (bad UTF-8, out of memory: logged once). */
const struct text_img *text_render(struct text *t, const char *s, const struct text_style *st);

/* Like text_render but shrinks the font from st->px in steps down to min_px until the wrapped
 * text is at most max_h tall; at min_px, cuts it to the lines that fit, with "…". */
const struct text_img *text_fit(struct text *t, const char *s, const struct text_style *st,
                                int min_px, int max_h);

/* Where a caret after the end of s goes in style st: *x, the width of its last line, and
 * *line, that line's index from 0. Not cached: for the one line being typed. */
void text_end_position(struct text *t, const char *s, const struct text_style *st, int *x, int *line);

/* One run of a laid-out text: characters of one direction, script and font. */
struct text_run {
	int line;                  /* its line, from 0 */
	int x, w;                  /* from the line's left end (the line unaligned), in pixels */
	int rtl;                   /* shaped right to left */
	int par_rtl;               /* its paragraph is right to left (so right-aligned) */
	char script[5];            /* ISO 15924 tag it is shaped with: "Latn", "Arab", ... */
	const char *font;          /* the font file drawing it (owned by t) */
	char *text;                /* its characters in logical order, UTF-8 */
};

/* The runs s has in style st (wrapped and cut as text_render would), line after line, each
 * line's runs in visual order from left to right. *runs is a new array (NULL when there is
 * none) the caller frees with text_runs_free; returns how many. Not cached: for tests, logs. */
size_t text_runs(struct text *t, const char *s, const struct text_style *st, struct text_run **runs);
void text_runs_free(struct text_run *runs, size_t n);

/* What text_render would put in a texture, as a new ARGB8888 surface the caller frees (NULL
 * for an empty string or on failure); *lines its number of lines. Not cached: for tests and
 * timing without a renderer. */
SDL_Surface *text_render_surface(struct text *t, const char *s, const struct text_style *st, int *lines);

/* Copy img to the renderer at (x, y), cut to whole lines of at most max_h pixels
 * (max_h < 0: no limit). NULL img draws nothing. */
void text_draw(struct text *t, const struct text_img *img, int x, int y, int max_h);

/* Free cached sizes, textures and fonts not used (measured, rendered or looked up) since the
 * previous sweep. Call after laying out a whole frame; imgs used in that layout stay valid. */
void text_cache_sweep(struct text *t);

/* Cached texts now (measured or rendered), textures rendered and texts measured (cache
 * misses) since text_create: for tests and tuning. */
size_t text_cache_size(const struct text *t);
unsigned long text_render_count(const struct text *t);
unsigned long text_measure_count(const struct text *t);

#endif
