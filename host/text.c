/* text.c: fonts, font sizes, wrapping, bidirectional text and the text cache of the board
 * (SDL_ttf). Each paragraph is split into runs of one direction, script and font (fribidi
 * orders them, see bidi.c); each run is shaped by SDL_ttf/HarfBuzz with its script and
 * direction, in the first font of the face's chain that has its glyphs. Text is measured once
 * and rendered to a texture once, and both are reused until the text is no longer laid out. */
#include "text.h"
#include "bidi.h"
#include "util.h"

#include <SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Used when the fonts list cannot be read: the same files assets/fonts.txt names. */
static const char *const builtin_fonts[] = {
	"regular /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"regular /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
	"regular /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf",
	"regular /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"regular /usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf",
	"regular /usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSansEthiopic-Bold.ttf",
	"bold /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSansSymbols-Bold.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
	"bold /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"emoji /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
};

static const char *const face_names[TEXT_FACES] = { "regular", "bold" };

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

static int pm(int h, int permille)
{
	return (int)(((long)h * permille + 500) / 1000);
}

static int at_least(int v, int lo) { return v < lo ? lo : v; }

void text_sizes_for_height(int h, struct text_sizes *s)
{
	/* At 720 px: title 22, question 40 (down to 24), note 24, author 17. */
	s->title = at_least(pm(h, 31), TEXT_MIN_PX);
	s->question = at_least(pm(h, 56), TEXT_MIN_PX);
	s->question_min = at_least(pm(h, 33), TEXT_MIN_PX);
	s->note = at_least(pm(h, 34), TEXT_MIN_PX);
	s->author = at_least(pm(h, 24), TEXT_MIN_PX);
	s->scan = at_least(pm(h, 32), TEXT_MIN_PX);
	s->url = at_least(pm(h, 29), TEXT_MIN_PX);
	s->phones = at_least(pm(h, 25), TEXT_MIN_PX);
	s->big_scan = at_least(pm(h, 50), TEXT_MIN_PX);
	s->big_url = at_least(pm(h, 42), TEXT_MIN_PX);
	s->big_phones = at_least(pm(h, 32), TEXT_MIN_PX);
	s->empty = at_least(pm(h, 50), TEXT_MIN_PX);
	s->empty_hint = at_least(pm(h, 30), TEXT_MIN_PX);
	s->more = at_least(pm(h, 28), TEXT_MIN_PX);
	/* At 720 px: timer 66 (a 4 cm digit on a 3 m screen), chart rows 27 down to 18. */
	s->badge = at_least(pm(h, 25), TEXT_MIN_PX);
	s->timer = at_least(pm(h, 92), TEXT_MIN_PX);
	s->timer_label = at_least(pm(h, 22), TEXT_MIN_PX);
	s->heading = at_least(pm(h, 30), TEXT_MIN_PX);
	s->category = at_least(pm(h, 21), TEXT_MIN_PX);
	s->banner = at_least(pm(h, 32), TEXT_MIN_PX);
	s->chart = at_least(pm(h, 38), TEXT_MIN_PX);
	s->chart_min = at_least(pm(h, 25), TEXT_MIN_PX);
	s->big_count = at_least(pm(h, 170), TEXT_MIN_PX);
	s->big_text = at_least(pm(h, 46), TEXT_MIN_PX);
	s->overlay_title = at_least(pm(h, 44), TEXT_MIN_PX);
	s->overlay_text = at_least(pm(h, 30), TEXT_MIN_PX);
	s->toast = at_least(pm(h, 30), TEXT_MIN_PX);
	s->notice = at_least(pm(h, 27), TEXT_MIN_PX);
}


/* ---- fonts ------------------------------------------------------------------------------ */

/* Try one "<face> <path>" line: a file that opens as a font joins its face's chain. */
static void try_font_line(struct text *t, const char *line, const char *dir)
{
	char face[32], path[1024];
	if (sscanf(line, " %31s %1023[^\r\n]", face, path) != 2 || face[0] == '#') return;
	size_t pl = strlen(path);
	while (pl && (path[pl - 1] == ' ' || path[pl - 1] == '\t')) path[--pl] = '\0';
	int f, emoji = strcmp(face, "emoji") == 0;
	for (f = 0; f < TEXT_FACES; f++)
		if (strcmp(face, face_names[f]) == 0) break;
	if (emoji) {   /* one pictogram font, joined to both faces once every list line is read */
		if (t->emoji_k[0] >= 0 || t->emoji_k[1] >= 0 || t->n_file[0] >= MAX_CHAIN || t->n_file[1] >= MAX_CHAIN) return;
		f = 0;
	} else if (f == TEXT_FACES || t->n_file[f] >= MAX_CHAIN) {
		return;
	}

	char full[2048];
	if (path[0] != '/' && dir) snprintf(full, sizeof full, "%s/%s", dir, path);
	else snprintf(full, sizeof full, "%s", path);
	size_t len = 0;
	void *data = SDL_LoadFile(full, &len);
	if (!data) return;
	/* Check that it really is a font before relying on it; keep it to ask for glyphs. */
	TTF_Font *probe = TTF_OpenFontRW(SDL_RWFromConstMem(data, (int)len), 1, 12);
	if (!probe) {
		SDL_free(data);
		return;
	}
	if (!emoji) {
		t->file[f][t->n_file[f]++] = (struct font_file){ data, len, xstrdup(full), probe, 0, 0, 0 };
		return;
	}
	/* A font of bitmaps has one height whatever size it is opened at. */
	TTF_Font *big = TTF_OpenFontRW(SDL_RWFromConstMem(data, (int)len), 1, 48);
	int bitmap = big && TTF_FontHeight(big) == TTF_FontHeight(probe);
	if (big) TTF_CloseFont(big);
	t->pending_emoji = (struct font_file){ data, len, xstrdup(full), probe, 1, bitmap, 0 };
}

/* The pictogram font read from the list joins the end of both chains. */
static void add_emoji(struct text *t)
{
	struct font_file *e = &t->pending_emoji;
	if (!e->data) return;
	for (int f = 0; f < TEXT_FACES; f++) {
		if (t->n_file[f] >= MAX_CHAIN) continue;
		t->emoji_k[f] = t->n_file[f];
		t->file[f][t->n_file[f]++] = *e;
		e->borrowed = 1;   /* the first face owns it */
	}
	if (!e->borrowed) {
		TTF_CloseFont(e->probe);
		SDL_free(e->data);
		free(e->path);
	}
	memset(e, 0, sizeof *e);
}

static void load_font_list(struct text *t, const char *list)
{
	char *dir = NULL;
	size_t len = 0;
	char *buf = list ? SDL_LoadFile(list, &len) : NULL;
	if (!buf) {
		fprintf(stderr, "medskapa: cannot read font list %s; using the built-in list\n",
		        list ? list : "(none)");
		for (size_t i = 0; i < NELEM(builtin_fonts); i++)
			try_font_line(t, builtin_fonts[i], NULL);
		add_emoji(t);
		return;
	}
	const char *slash = strrchr(list, '/');
	dir = slash ? xstrndup(list, (size_t)(slash - list)) : xstrdup(".");
	char *save = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		try_font_line(t, line, dir);
	add_emoji(t);
	free(dir);
	SDL_free(buf);
}

/* Font k of a face's chain at px pixels, opened once and kept while used. */
static TTF_Font *font_get_k(struct text *t, enum text_face face, int k, int px)
{
	if ((unsigned)face >= TEXT_FACES || k < 0 || k >= t->n_file[face]) return NULL;
	px = t->file[face][k].bitmap ? EMOJI_STRIKE : at_least(px, TEXT_MIN_PX);
	for (size_t i = 0; i < t->n_fonts; i++) {
		struct font_slot *fs = &t->fonts[i];
		if (fs->face == face && fs->k == k && fs->px == px) {
			fs->gen = t->gen;
			return fs->font;
		}
	}
	const struct font_file *ff = &t->file[face][k];
	SDL_RWops *rw = SDL_RWFromConstMem(ff->data, (int)ff->len);
	TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
	if (!font) return NULL;
	xgrow((void **)&t->fonts, &t->cap_fonts, t->n_fonts + 1, sizeof *t->fonts);
	t->fonts[t->n_fonts++] = (struct font_slot){ face, k, px, font, t->gen };
	return font;
}

/* The face's first font: its metrics make the line height of every text. */
static TTF_Font *font_get(struct text *t, enum text_face face, int px)
{
	return font_get_k(t, face, 0, px);
}

static int font_has(const struct text *t, enum text_face face, int k, uint32_t cp)
{
	return k >= 0 && k < t->n_file[face] && TTF_GlyphIsProvided32(t->file[face][k].probe, cp);
}

/* The first font of the chain with a glyph for cp, or -1. */
static int chain_font(const struct text *t, enum text_face face, uint32_t cp)
{
	for (int k = 0; k < t->n_file[face]; k++)
		if (TTF_GlyphIsProvided32(t->file[face][k].probe, cp)) return k;
	return -1;
}

struct text *text_create(SDL_Renderer *r, const char *fonts_list, char *err, size_t errlen)
{
	if (TTF_Init() < 0) {
		snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
		return NULL;
	}
	struct text *t = xcalloc(1, sizeof *t);
	t->r = r;
	t->gen = 1;
	t->n_buckets = 256;
	t->buckets = xcalloc(t->n_buckets, sizeof *t->buckets);
	t->emoji_k[0] = t->emoji_k[1] = -1;
	load_font_list(t, fonts_list);
	for (int f = 0; f < TEXT_FACES; f++) {
		if (!t->n_file[f] || (t->n_file[f] == 1 && t->emoji_k[f] == 0)) {
			snprintf(err, errlen, "no usable %s font: check %s and that fonts-noto-core "
			         "or fonts-dejavu-core is installed", face_names[f],
			         fonts_list ? fonts_list : "the font list");
			text_destroy(t);
			return NULL;
		}
	}
	return t;
}

const char *text_font_path(const struct text *t, enum text_face face)
{
	return (unsigned)face < TEXT_FACES && t->n_file[face] ? t->file[face][0].path : "";
}

const char *text_chain_path(const struct text *t, enum text_face face, int k)
{
	return (unsigned)face < TEXT_FACES && k >= 0 && k < t->n_file[face] ? t->file[face][k].path : NULL;
}

int text_font_for(const struct text *t, enum text_face face, uint32_t cp)
{
	return (unsigned)face < TEXT_FACES ? chain_font(t, face, cp) : -1;
}

int text_has_emoji(const struct text *t)
{
	return t->emoji_k[TEXT_REGULAR] >= 0 && t->emoji_k[TEXT_BOLD] >= 0;
}

int text_can_draw(const struct text *t, enum text_face face, const char *s)
{
	if ((unsigned)face >= TEXT_FACES || !s) return 0;
	size_t len = strlen(s);
	for (size_t off = 0; off < len;) {
		size_t adv;
		uint32_t c = utf8_decode(s + off, len - off, &adv);
		off += adv;
		if (c < 0x20 || bidi_ignorable(c)) continue;
		if (chain_font(t, face, c) < 0) return 0;
	}
	return 1;
}

int text_line_height(struct text *t, enum text_face face, int px)
{
	TTF_Font *f = font_get(t, face, px);
	return f ? TTF_FontLineSkip(f) * LINE_PCT / 100 : 0;
}

int text_height(struct text *t, enum text_face face, int px, int lines)
{
	TTF_Font *f = font_get(t, face, px);
	if (!f || lines <= 0) return 0;
	return (lines - 1) * (TTF_FontLineSkip(f) * LINE_PCT / 100) + TTF_FontHeight(f);
}

/* ---- paragraphs: code points, levels, scripts and fonts ---------------------------------- */

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

/* Paragraph from UTF-8 s[0..len): control characters go (a tab or a newline is a space), a
 * character no font of the chain has becomes the placeholder (or goes when even that is
 * missing); then levels (base: see bidi_par_init) and a font for each code point: marks and
 * invisible characters stay in the font of what precedes them, digits, spaces and punctuation
 * too when that font has them and they are at the same level; every other character takes
 * the first font in the chain that has it. */
static void par_init(struct text *t, enum text_face face, struct tpar *p, const char *s, size_t len,
                     int base)
{
	uint32_t *cp = xmalloc((len + 1) * sizeof *cp);
	int n = 0;
	int ph = chain_font(t, face, PLACEHOLDER) >= 0;
	for (size_t off = 0; off < len;) {
		size_t adv;
		uint32_t c = utf8_decode(s + off, len - off, &adv);
		off += adv;
		if (c == '\t' || c == '\n' || c == '\r') c = ' ';
		else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) continue;
		if (!bidi_ignorable(c) && chain_font(t, face, c) < 0) {
			if (!ph) continue;
			c = PLACEHOLDER;
		}
		cp[n++] = c;
	}
	n = bidi_clean_controls(cp, n);   /* no override or open isolate from inside a text */
	bidi_par_init(&p->b, cp, n, base);
	free(cp);
	p->font = xcalloc((size_t)n + 1, 1);
	int emo = t->emoji_k[face];
	for (int i = 0; i < n; i++) {
		uint32_t c = p->b.cp[i];
		int sc = bidi_script_of(c), prev = i > 0 ? p->font[i - 1] : -1, k;
		/* A pictogram in the colour font: an emoji by default, or any character with the
		 * emoji variation selector after it (a keycap's digit, U+2764 heart); what follows
		 * it in a sequence (joiners, selectors, skin tones, the keycap) stays with it. */
		int pict = emo >= 0 && (bidi_is_emoji(c) || (i + 1 < n && p->b.cp[i + 1] == 0xFE0F)) &&
		           font_has(t, face, emo, c);
		if (bidi_ignorable(c)) k = prev >= 0 ? prev : 0;
		else if (pict) k = emo;
		else if (prev >= 0 && (prev != emo || sc == BIDI_MARK) &&
		         (sc == BIDI_MARK || (sc == BIDI_COMMON && p->b.level[i] == p->b.level[i - 1])) &&
		         font_has(t, face, prev, c))
			k = prev;
		else k = chain_font(t, face, c);
		p->font[i] = (uint8_t)(k >= 0 ? k : 0);
	}
}

static void par_free(struct tpar *p)
{
	bidi_par_free(&p->b);
	free(p->font);
}

static void layout_free(struct tlayout *L)
{
	for (size_t i = 0; i < L->n_par; i++) par_free(&L->par[i]);
	free(L->par);
	free(L->line);
	memset(L, 0, sizeof *L);
}

/* Code points p[start, start+len) as NUL-terminated UTF-8 in t's scratch buffer. */
static const char *run_utf8(struct text *t, const struct tpar *p, int start, int len)
{
	xgrow((void **)&t->u8, &t->u8_cap, (size_t)len * 4 + 1, 1);
	char *o = t->u8;
	for (int i = start; i < start + len; i++) {
		uint32_t c = p->b.cp[i];
		if (c < 0x80) *o++ = (char)c;
		else if (c < 0x800) {
			*o++ = (char)(0xC0 | (c >> 6));
			*o++ = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			*o++ = (char)(0xE0 | (c >> 12));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		} else {
			*o++ = (char)(0xF0 | (c >> 18));
			*o++ = (char)(0x80 | ((c >> 12) & 0x3F));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		}
	}
	*o = '\0';
	return t->u8;
}

/* The font of a run, set up to shape it with its script and direction. */
static TTF_Font *run_font(struct text *t, enum text_face face, int px, int font, int script, int level)
{
	TTF_Font *f = font_get_k(t, face, font, px);
	if (!f) return NULL;
	TTF_SetFontScriptName(f, bidi_script_tag((enum bidi_script)script));
	TTF_SetFontDirection(f, level & 1 ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	return f;
}

/* The height an emoji is drawn at in text of px pixels. */
static int emoji_h(int px)
{
	return (at_least(px, TEXT_MIN_PX) * EMOJI_PCT + 50) / 100;
}

/* A width w measured in font f (of chain index k), in the text's pixels: a bitmap font's runs
 * are scaled from its strike to emoji_h(px). */
static int scaled_w(const struct text *t, enum text_face face, int k, TTF_Font *f, int px, int w)
{
	if (!t->file[face][k].bitmap) return w;
	int sh = TTF_FontHeight(f);
	return sh > 0 ? (int)(((long)w * emoji_h(px) + sh / 2) / sh) : w;
}

static int run_width(struct text *t, enum text_face face, int px, const struct tpar *p,
                     const struct bidi_run *r)
{
	TTF_Font *f = run_font(t, face, px, r->font, r->script, r->level);
	int w = 0, h = 0;
	if (!f || r->len <= 0 || TTF_SizeUTF8(f, run_utf8(t, p, r->start, r->len), &w, &h) < 0) return 0;
	return scaled_w(t, face, r->font, f, px, w);
}

/* Width of code points [a, b) of p on one line: the sum of its runs (order does not matter). */
static int range_width(struct text *t, enum text_face face, int px, const struct tpar *p, int a, int b)
{
	int w = 0;
	struct bidi_run r = { a, 0, 0, 0, 0 };
	for (int i = a; i <= b; i++) {
		if (i < b && r.len > 0 && p->b.level[i] == r.level && p->b.script[i] == r.script &&
		    p->font[i] == r.font) {
			r.len++;
			continue;
		}
		if (r.len > 0) w += run_width(t, face, px, p, &r);
		if (i < b) r = (struct bidi_run){ i, 1, p->b.level[i], p->b.script[i], p->font[i] };
	}
	return w;
}

static void line_push(struct tlayout *L, int par, int start, int end, int w)
{
	xgrow((void **)&L->line, &L->cap_line, L->n_line + 1, sizeof *L->line);
	L->line[L->n_line++] = (struct tline){ par, start, end, w };
}

/* Break paragraph pi into lines at most width wide, in logical order: after spaces (which go),
 * else after '-' or '/', else (a word wider than the line) between any two characters. Each
 * line is measured with its runs' own fonts; it is put in visual order when drawn. */
static void wrap_par(struct text *t, enum text_face face, int px, struct tlayout *L, int pi, int width)
{
	const struct tpar *p = &L->par[pi];
	const uint32_t *cp = p->b.cp;
	int n = p->b.n, pos = 0;
	if (n == 0) {
		line_push(L, pi, 0, 0, 0);
		return;
	}
	if (width <= 0) {
		line_push(L, pi, 0, n, range_width(t, face, px, p, 0, n));
		return;
	}
	int *cand = xmalloc(((size_t)n + 1) * 2 * sizeof *cand);  /* (end, next) that fit */
	while (pos < n) {
		/* Lines are wrapped word by word: a word's width is measured once, with the spaces
		 * before it, and added up (shaping does not cross a space); the line chosen is then
		 * measured whole, and shortened in the rare case kerning made it too wide. */
		int nc = 0, first_end = -1, acc = 0, prev_end = pos;
		for (int e = pos + 1; e <= n; e++) {
			int next;
			if (e == n) next = n;
			else if (cp[e] == ' ') next = e + 1;
			else if ((cp[e - 1] == '-' || cp[e - 1] == '/') && e - 1 > pos) next = e;
			else continue;
			int end = e;
			while (end > pos && cp[end - 1] == ' ') end--;
			if (end == pos || end <= prev_end) continue;  /* only spaces so far */
			if (first_end < 0) first_end = end;
			acc += range_width(t, face, px, p, prev_end, end);
			/* Pieces measured apart can add up to a pixel or two more than the whole (an
			 * address wrapped at its own measured width broke after "http://"): ask the whole. */
			if (acc > width && (acc = range_width(t, face, px, p, pos, end)) > width) break;
			prev_end = end;
			cand[2 * nc] = end;
			cand[2 * nc + 1] = next;
			nc++;
		}
		int w = 0;
		while (nc > 0 && (w = range_width(t, face, px, p, pos, cand[2 * nc - 2])) > width && nc > 1) nc--;
		if (nc == 0) {  /* one long word: cut it where it overflows, at least one character */
			int lo = 1, hi = first_end > pos ? first_end - pos : n - pos;
			while (lo < hi) {
				int mid = (lo + hi + 1) / 2;
				if (range_width(t, face, px, p, pos, pos + mid) <= width) lo = mid;
				else hi = mid - 1;
			}
			line_push(L, pi, pos, pos + lo, range_width(t, face, px, p, pos, pos + lo));
			pos += lo;
			continue;
		}
		line_push(L, pi, pos, cand[2 * nc - 2], w);
		pos = cand[2 * nc - 1];
		while (pos < n && cp[pos] == ' ') pos++;
	}
	free(cand);
}

/* Paragraphs and lines of s in style st (one line if st->wrap_w is 0: newlines as spaces). */
static void layout_text(struct text *t, const char *s, const struct text_style *st, struct tlayout *L)
{
	memset(L, 0, sizeof *L);
	size_t len = strlen(s), p = 0;
	for (;;) {
		const char *nl = st->wrap_w > 0 ? memchr(s + p, '\n', len - p) : NULL;
		size_t pe = nl ? (size_t)(nl - s) : len;
		xgrow((void **)&L->par, &L->cap_par, L->n_par + 1, sizeof *L->par);
		par_init(t, st->face, &L->par[L->n_par], s + p, pe - p, -1);
		L->n_par++;
		wrap_par(t, st->face, st->px, L, (int)L->n_par - 1, st->wrap_w);
		if (!nl) break;
		p = pe + 1;
	}
}

/* Is any of the first n lines in a right-to-left paragraph? */
static int any_rtl(const struct tlayout *L, size_t n)
{
	for (size_t i = 0; i < n && i < L->n_line; i++)
		if (L->par[L->line[i].par].b.rtl) return 1;
	return 0;
}

/* Texture width for lines of widest w: a right-to-left paragraph in a left-aligned (that is:
 * start-aligned) wrapped text fills the wrap width so its lines end at the right edge. */
static int text_box_w(const struct tlayout *L, size_t n, const struct text_style *st, int w)
{
	if (st->wrap_w > 0 && st->align == TEXT_LEFT && any_rtl(L, n) && w < st->wrap_w) return st->wrap_w;
	return w;
}

static struct entry *entry_get(struct text *t, const char *s, const struct text_style *st);

int text_width(struct text *t, enum text_face face, int px, const char *s)
{
	if (!s || !*s || !font_get(t, face, px)) return 0;
	struct text_style st = { face, px, { 0, 0, 0, 255 }, 0, 0, TEXT_LEFT };
	struct entry *e = entry_get(t, s, &st);  /* the header asks for the same widths each layout */
	if (!e->widthed) {
		struct tlayout L;
		layout_text(t, s, &st, &L);
		e->width = L.n_line ? L.line[0].w : 0;
		e->widthed = 1;
		layout_free(&L);
	}
	return e->width;
}

/* What text_measure returns, computed. */
static int measure(struct text *t, TTF_Font *f, const char *s, const struct text_style *st, int *w, int *h)
{
	*w = *h = 0;
	struct tlayout L;
	layout_text(t, s, st, &L);
	int n = (int)L.n_line;
	if (st->max_lines > 0 && n > st->max_lines) n = st->max_lines;
	for (int i = 0; i < n; i++)
		if (L.line[i].w > *w) *w = L.line[i].w;
	if (st->max_lines > 0 && (int)L.n_line > st->max_lines && st->wrap_w > 0)
		*w = st->wrap_w;  /* the cut line is filled up to the width */
	*w = text_box_w(&L, (size_t)n, st, *w);
	layout_free(&L);
	*h = (n - 1) * (TTF_FontLineSkip(f) * LINE_PCT / 100) + TTF_FontHeight(f);
	return n;
}

/* The last line shown of a text cut to max_lines: the rest of its paragraph cut to fit
 * max_w with "…" after it, as a new paragraph of the same direction (caller frees). */
static void ellipsize(struct text *t, enum text_face face, int px, const struct tpar *p, int start,
                      int max_w, struct tpar *out)
{
	uint32_t *cp = xmalloc(((size_t)(p->b.n - start) + 1) * sizeof *cp);
	int n = 0;
	for (int i = start; i < p->b.n; i++) cp[n++] = p->b.cp[i];
	/* Widths from the whole paragraph's runs, the dots measured apart. */
	struct tpar dots;
	par_init(t, face, &dots, "\xe2\x80\xa6", 3, p->b.rtl);
	int dw = range_width(t, face, px, &dots, 0, dots.b.n);
	par_free(&dots);
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (range_width(t, face, px, p, start, start + mid) + dw <= max_w) lo = mid;
		else hi = mid - 1;
	}
	if (lo < n) {  /* cut between words when there is a space to cut at */
		int sp = lo;
		while (sp > 0 && cp[sp] != ' ') sp--;
		if (sp > 0) lo = sp;
	}
	while (lo > 0 && cp[lo - 1] == ' ') lo--;
	cp[lo++] = ELLIPSIS;
	/* Back to UTF-8 for par_init (it decodes and picks fonts the same way). */
	char *u8 = xmalloc((size_t)lo * 4 + 1);
	size_t o = 0;
	for (int i = 0; i < lo; i++) {
		uint32_t c = cp[i];
		if (c < 0x80) u8[o++] = (char)c;
		else if (c < 0x800) { u8[o++] = (char)(0xC0 | (c >> 6)); u8[o++] = (char)(0x80 | (c & 0x3F)); }
		else if (c < 0x10000) {
			u8[o++] = (char)(0xE0 | (c >> 12));
			u8[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
			u8[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			u8[o++] = (char)(0xF0 | (c >> 18));
			u8[o++] = (char)(0x80 | ((c >> 12) & 0x3F));
			u8[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
			u8[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	par_init(t, face, out, u8, o, p->b.rtl);
	free(u8);
	free(cp);
}

/* The lines to show of s in style st: L laid out, cut to max_lines with the last line
 * replaced by an ellipsized paragraph (appended to L->par). Returns the number shown. */
static size_t shown_lines(struct text *t, const char *s, const struct text_style *st, struct tlayout *L)
{
	layout_text(t, s, st, L);
	size_t n = L->n_line;
	if (st->max_lines > 0 && n > (size_t)st->max_lines) {
		n = (size_t)st->max_lines;
		struct tline *last = &L->line[n - 1];
		struct tpar cut;
		ellipsize(t, st->face, st->px, &L->par[last->par], last->start,
		          st->wrap_w > 0 ? st->wrap_w : INT32_MAX, &cut);
		xgrow((void **)&L->par, &L->cap_par, L->n_par + 1, sizeof *L->par);
		L->par[L->n_par] = cut;
		last = &L->line[n - 1];
		*last = (struct tline){ (int)L->n_par, 0, cut.b.n,
		                        range_width(t, st->face, st->px, &cut, 0, cut.b.n) };
		L->n_par++;
	}
	return n;
}

/* x of line l in a box w wide. */
static int line_x(const struct tlayout *L, const struct tline *l, const struct text_style *st, int w)
{
	if (st->align == TEXT_CENTER) return (w - l->w) / 2;
	if (st->align == TEXT_RIGHT || L->par[l->par].b.rtl) return w - l->w;
	return 0;
}

/* The runs of line l in visual order into t->runs; returns how many. */
static size_t line_runs(struct text *t, const struct tlayout *L, const struct tline *l)
{
	const struct tpar *p = &L->par[l->par];
	return bidi_line_runs(&p->b, l->start, l->end, p->font, &t->runs, &t->runs_cap);
}

size_t text_runs(struct text *t, const char *s, const struct text_style *st, struct text_run **out)
{
	*out = NULL;
	if (!s || !*s || !font_get(t, st->face, st->px)) return 0;
	struct tlayout L;
	size_t n_lines = shown_lines(t, s, st, &L), n = 0, cap = 0;
	for (size_t i = 0; i < n_lines; i++) {
		const struct tline *l = &L.line[i];
		const struct tpar *p = &L.par[l->par];
		size_t nr = line_runs(t, &L, l);
		int x = 0;
		for (size_t j = 0; j < nr; j++) {
			const struct bidi_run *r = &t->runs[j];
			int w = run_width(t, st->face, st->px, p, r);
			xgrow((void **)out, &cap, n + 1, sizeof **out);
			struct text_run *o = &(*out)[n++];
			memset(o, 0, sizeof *o);
			o->line = (int)i;
			o->x = x;
			o->w = w;
			o->rtl = r->level & 1;
			o->par_rtl = p->b.rtl;
			snprintf(o->script, sizeof o->script, "%s", bidi_script_tag((enum bidi_script)r->script));
			o->font = t->file[st->face][r->font].path;
			o->text = xstrdup(run_utf8(t, p, r->start, r->len));
			x += w;
		}
	}
	layout_free(&L);
	return n;
}

void text_runs_free(struct text_run *runs, size_t n)
{
	for (size_t i = 0; i < n; i++) free(runs[i].text);
	free(runs);
}

/* ---- the cache -------------------------------------------------------------------------- */

/* A hash of n bytes, eight at a time: a relayout looks up every note's text (500 notes, a
 * few times each), and a byte at a time was most of that. */
static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (; n >= 8; n -= 8, b += 8) {
		uint64_t w;
		memcpy(&w, b, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	uint64_t w = n;  /* the tail, and how long it is */
	memcpy(&w, b, n);
	h = (h ^ w ^ ((uint64_t)n << 59)) * 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 32);
}

static uint64_t key_hash(const char *s, const struct text_style *st)
{
	int k[9] = { st->face, st->px, st->wrap_w, st->max_lines, st->align,
	             st->color.r, st->color.g, st->color.b, st->color.a };
	return hash_bytes(hash_bytes(14695981039346656037ull, k, sizeof k), s, strlen(s));
}

static int same_style(const struct text_style *a, const struct text_style *b)
{
	return a->face == b->face && a->px == b->px && a->wrap_w == b->wrap_w &&
	       a->max_lines == b->max_lines && a->align == b->align && a->color.r == b->color.r &&
	       a->color.g == b->color.g && a->color.b == b->color.b && a->color.a == b->color.a;
}

static void entry_free(struct entry *e)
{
	if (e->img.tex) SDL_DestroyTexture(e->img.tex);
	free(e->s);
	free(e);
}

/* The entry of s in style st (marked used), or a new empty one. */
static struct entry *entry_get(struct text *t, const char *s, const struct text_style *st)
{
	uint64_t h = key_hash(s, st);
	struct entry **bucket = &t->buckets[h % t->n_buckets];
	for (struct entry *e = *bucket; e; e = e->next) {
		if (e->hash == h && same_style(&e->st, st) && strcmp(e->s, s) == 0) {
			e->gen = t->gen;
			return e;
		}
	}
	struct entry *e = xcalloc(1, sizeof *e);
	e->hash = h;
	e->s = xstrdup(s);
	e->st = *st;
	e->gen = t->gen;
	e->next = *bucket;
	*bucket = e;
	t->n_entries++;
	return e;
}


int text_measure(struct text *t, const char *s, const struct text_style *st, int *w, int *h)
{
	*w = *h = 0;
	if (!s || !*s) return 0;
	struct entry *e = entry_get(t, s, st);
	if (!e->measured) {
		TTF_Font *f = font_get(t, st->face, st->px);
		if (!f) return 0;  /* not remembered: a font may open later */
		e->m_lines = measure(t, f, s, st, &e->m_w, &e->m_h);
		e->measured = 1;
		t->measures++;
	}
	*w = e->m_w;
	*h = e->m_h;
	return e->m_lines;
}

/* Take the coverage (alpha) of one rendered line into dst at (x, y): dst has the text colour
 * everywhere, so only alpha is combined, which keeps antialiased edges true where lines
 * touch (lines are closer than the font's own line skip). */
static void put_line(SDL_Surface *dst, SDL_Surface *src, int x, int y)
{
	for (int sy = 0; sy < src->h; sy++) {
		int dy = y + sy;
		if (dy < 0 || dy >= dst->h) continue;
		const Uint32 *sp = (const Uint32 *)(const void *)((const Uint8 *)src->pixels + sy * src->pitch);
		Uint32 *dp = (Uint32 *)(void *)((Uint8 *)dst->pixels + dy * dst->pitch);
		for (int sx = 0; sx < src->w; sx++) {
			int dx = x + sx;
			if (dx < 0 || dx >= dst->w) continue;
			Uint32 sa = sp[sx] >> 24, da = dp[dx] >> 24;
			if (sa > da) dp[dx] = (dp[dx] & 0x00FFFFFFu) | (sa << 24);
		}
	}
}


/* Put a pictogram's pixels (colour and alpha) into dst at (x, y) where they cover more than
 * what is there: text and pictograms do not overlap but where lines touch. */
static void put_colour(SDL_Surface *dst, SDL_Surface *src, int x, int y)
{
	for (int sy = 0; sy < src->h; sy++) {
		int dy = y + sy;
		if (dy < 0 || dy >= dst->h) continue;
		const Uint32 *sp = (const Uint32 *)(const void *)((const Uint8 *)src->pixels + sy * src->pitch);
		Uint32 *dp = (Uint32 *)(void *)((Uint8 *)dst->pixels + dy * dst->pitch);
		for (int sx = 0; sx < src->w; sx++) {
			int dx = x + sx;
			if (dx < 0 || dx >= dst->w) continue;
			if ((sp[sx] >> 24) > (dp[dx] >> 24)) dp[dx] = sp[sx];
		}
	}
}

SDL_Surface *text_downscale(SDL_Surface *src, int w, int h)
{
	if (!src || w <= 0 || h <= 0) return NULL;
	SDL_Surface *in = src->format->format == SDL_PIXELFORMAT_ARGB8888 ? src
	                : SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_Surface *out = in ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
	if (!out) {
		if (in && in != src) SDL_FreeSurface(in);
		return NULL;
	}
	int sw = in->w, sh = in->h;
	if (SDL_MUSTLOCK(in)) SDL_LockSurface(in);
	for (int dy = 0; dy < h; dy++) {
		int y0 = (int)((long)dy * sh / h), y1 = (int)((long)(dy + 1) * sh / h);
		if (y1 <= y0) y1 = y0 + 1;
		Uint32 *dp = (Uint32 *)(void *)((Uint8 *)out->pixels + dy * out->pitch);
		for (int dx = 0; dx < w; dx++) {
			int x0 = (int)((long)dx * sw / w), x1 = (int)((long)(dx + 1) * sw / w);
			if (x1 <= x0) x1 = x0 + 1;
			/* the box's average, weighted by alpha (premultiplied): no dark fringes */
			uint64_t a = 0, r = 0, g = 0, b = 0, n = 0;
			for (int y = y0; y < y1 && y < sh; y++) {
				const Uint32 *sp = (const Uint32 *)(const void *)((const Uint8 *)in->pixels + y * in->pitch);
				for (int x = x0; x < x1 && x < sw; x++) {
					Uint32 v = sp[x], al = v >> 24;
					a += al;
					r += al * (v >> 16 & 0xFF);
					g += al * (v >> 8 & 0xFF);
					b += al * (v & 0xFF);
					n++;
				}
			}
			Uint32 pa = n ? (Uint32)((a + n / 2) / n) : 0;
			Uint32 pr = a ? (Uint32)((r + a / 2) / a) : 0, pg = a ? (Uint32)((g + a / 2) / a) : 0,
			       pb = a ? (Uint32)((b + a / 2) / a) : 0;
			dp[dx] = pa << 24 | pr << 16 | pg << 8 | pb;
		}
	}
	if (SDL_MUSTLOCK(in)) SDL_UnlockSurface(in);
	if (in != src) SDL_FreeSurface(in);
	return out;
}

/* Render s in style st: laid out, cut to max_lines, each line's runs rendered by SDL_ttf in
 * visual order and put in place on a common baseline (the first font's: fonts of other
 * scripts have other ascents). NULL on failure. */
static SDL_Surface *render_surface(struct text *t, TTF_Font *f, const char *s, const struct text_style *st,
                                   int *n_lines)
{
	struct tlayout L;
	size_t n = shown_lines(t, s, st, &L);
	int w = 0;
	for (size_t i = 0; i < n; i++)
		if (L.line[i].w > w) w = L.line[i].w;
	w = text_box_w(&L, n, st, w);
	int lh = TTF_FontLineSkip(f) * LINE_PCT / 100, fh = TTF_FontHeight(f), asc = TTF_FontAscent(f);
	int h = ((int)n - 1) * lh + fh;
	SDL_Surface *out = NULL;
	if (w > 0) out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (out) {
		Uint32 colour = ((Uint32)st->color.r << 16) | ((Uint32)st->color.g << 8) | st->color.b;
		SDL_FillRect(out, NULL, colour);  /* alpha 0 */
	}
	for (size_t i = 0; i < n && out; i++) {
		const struct tline *l = &L.line[i];
		const struct tpar *p = &L.par[l->par];
		size_t nr = line_runs(t, &L, l);
		int x = line_x(&L, l, st, w);
		for (size_t j = 0; j < nr; j++) {
			struct bidi_run r = t->runs[j];
			TTF_Font *rf = run_font(t, st->face, st->px, r.font, r.script, r.level);
			const char *u8 = run_utf8(t, p, r.start, r.len);
			int rw = 0, rh = 0;
			if (!rf || TTF_SizeUTF8(rf, u8, &rw, &rh) < 0) continue;
			SDL_Surface *sf = TTF_RenderUTF8_Blended(rf, u8, st->color);
			if (!sf || sf->format->format != SDL_PIXELFORMAT_ARGB8888) {
				/* a run of only invisible characters renders nothing: not an error */
				if (sf) SDL_FreeSurface(sf);
				x += scaled_w(t, st->face, r.font, rf, st->px, rw);
				continue;
			}
			if (t->file[st->face][r.font].bitmap) {
				/* pictograms: from the strike down to the text's size, on its baseline */
				int sh = TTF_FontHeight(rf), eh = emoji_h(st->px), ew = scaled_w(t, st->face, r.font, rf, st->px, rw);
				SDL_Surface *small = text_downscale(sf, ew, eh);
				if (small) {
					int easc = sh > 0 ? (int)((long)TTF_FontAscent(rf) * eh / sh) : eh;
					put_colour(out, small, x, (int)i * lh + asc - easc);
					SDL_FreeSurface(small);
				}
				SDL_FreeSurface(sf);
				x += ew;
				continue;
			}
			put_line(out, sf, x, (int)i * lh + asc - TTF_FontAscent(rf));
			SDL_FreeSurface(sf);
			x += rw;
		}
	}
	layout_free(&L);
	*n_lines = (int)n;
	return out;
}

const struct text_img *text_render(struct text *t, const char *s, const struct text_style *st)
{
	if (!s || !*s) return NULL;
	struct entry *e = entry_get(t, s, st);
	TTF_Font *f = font_get(t, st->face, st->px);  /* keeps its font alive too */
	if (e->img.tex) return &e->img;
	if (!f) return NULL;
	int n_lines = 0;
	SDL_Surface *sf = render_surface(t, f, s, st, &n_lines);
	SDL_Texture *tex = sf && t->r ? SDL_CreateTextureFromSurface(t->r, sf) : NULL;
	if (!tex) {
		if (!t->warned++)
			fprintf(stderr, "medskapa: cannot render text: %s\n", SDL_GetError());
		if (sf) SDL_FreeSurface(sf);
		return NULL;
	}
	SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	t->renders++;
	e->img = (struct text_img){ tex, sf->w, sf->h, n_lines,
	                            TTF_FontLineSkip(f) * LINE_PCT / 100, TTF_FontHeight(f), t->renders };
	SDL_FreeSurface(sf);
	return &e->img;
}

SDL_Surface *text_render_surface(struct text *t, const char *s, const struct text_style *st, int *lines)
{
	int n = 0;
	TTF_Font *f = s && *s ? font_get(t, st->face, st->px) : NULL;
	SDL_Surface *sf = f ? render_surface(t, f, s, st, &n) : NULL;
	if (lines) *lines = n;
	return sf;
}

const struct text_img *text_fit(struct text *t, const char *s, const struct text_style *st,
                                int min_px, int max_h)
{
	struct text_style try = *st;
	for (;;) {
		int w, h;
		int lines = text_measure(t, s, &try, &w, &h);
		if (h <= max_h || try.px <= min_px) {
			if (h > max_h && lines > 0) {  /* still too tall at the smallest size: cut */
				int lh = text_line_height(t, try.face, try.px);
				int fh = text_height(t, try.face, try.px, 1);
				try.max_lines = lh > 0 && max_h >= fh ? (max_h - fh) / lh + 1 : 1;
			}
			return text_render(t, s, &try);
		}
		int next = try.px * FIT_STEP_PCT / 100;
		try.px = next < min_px ? min_px : next;
	}
}

void text_end_position(struct text *t, const char *s, const struct text_style *st, int *x, int *line)
{
	*x = *line = 0;
	TTF_Font *f = font_get(t, st->face, st->px);
	if (!f || !s || !*s) return;
	struct tlayout L;
	layout_text(t, s, st, &L);
	size_t n = L.n_line;
	if (st->max_lines > 0 && n > (size_t)st->max_lines) n = (size_t)st->max_lines;
	if (n > 0) {
		const struct tline *l = &L.line[n - 1];
		int rtl = L.par[l->par].b.rtl, widest = 0;
		for (size_t i = 0; i < n; i++)
			if (L.line[i].w > widest) widest = L.line[i].w;
		int w = text_box_w(&L, n, st, widest);
		int lx = line_x(&L, l, st, w);
		/* after the end: right of a left-to-right line, left of a right-to-left one */
		*x = rtl ? lx : lx + l->w;
		*line = (int)n - 1;
		/* a trailing space is dropped by the wrapping but was typed: it moves the caret */
		size_t end = strlen(s), spaces = 0;
		while (spaces < end && s[end - 1 - spaces] == ' ') spaces++;
		if (n == L.n_line && spaces && l->end == L.par[l->par].b.n - (int)spaces) {
			int sw = 0, sh = 0;
			TTF_SizeUTF8(f, " ", &sw, &sh);
			*x += (rtl ? -sw : sw) * (int)spaces;
			if (*x < 0) *x = 0;
		}
	}
	layout_free(&L);
}

void text_draw(struct text *t, const struct text_img *img, int x, int y, int max_h)
{
	if (!img) return;
	int h = img->h;
	if (max_h >= 0 && h > max_h) {  /* show the whole lines that fit */
		int k = img->line_h > 0 && max_h >= img->font_h ? (max_h - img->font_h) / img->line_h + 1 : 0;
		h = k > 0 ? (k - 1) * img->line_h + img->font_h : max_h;
		if (h > max_h) h = max_h;
	}
	if (h <= 0) return;
	SDL_Rect src = { 0, 0, img->w, h }, dst = { x, y, img->w, h };
	SDL_RenderCopy(t->r, img->tex, &src, &dst);
}

void text_cache_sweep(struct text *t)
{
	for (size_t b = 0; b < t->n_buckets; b++) {
		struct entry **pp = &t->buckets[b];
		while (*pp) {
			struct entry *e = *pp;
			if (e->gen != t->gen) {
				*pp = e->next;
				entry_free(e);
				t->n_entries--;
			} else {
				pp = &e->next;
			}
		}
	}
	size_t keep = 0;
	for (size_t i = 0; i < t->n_fonts; i++) {
		if (t->fonts[i].gen != t->gen) TTF_CloseFont(t->fonts[i].font);
		else t->fonts[keep++] = t->fonts[i];
	}
	t->n_fonts = keep;
	t->gen++;
	/* Grow the table when chains get long (hundreds of notes). */
	if (t->n_entries > t->n_buckets) {
		size_t nb = t->n_buckets * 4;
		struct entry **nbk = xcalloc(nb, sizeof *nbk);
		for (size_t b = 0; b < t->n_buckets; b++) {
			struct entry *e = t->buckets[b];
			while (e) {
				struct entry *next = e->next;
				e->next = nbk[e->hash % nb];
				nbk[e->hash % nb] = e;
				e = next;
			}
		}
		free(t->buckets);
		t->buckets = nbk;
		t->n_buckets = nb;
	}
}

size_t text_cache_size(const struct text *t)
{
	return t->n_entries;
}

unsigned long text_render_count(const struct text *t)
{
	return t->renders;
}

unsigned long text_measure_count(const struct text *t)
{
	return t->measures;
}

void text_destroy(struct text *t)
{
	if (!t) return;
	for (size_t b = 0; b < t->n_buckets; b++) {
		struct entry *e = t->buckets[b];
		while (e) {
			struct entry *next = e->next;
			entry_free(e);
			e = next;
		}
	}
	free(t->buckets);
	for (size_t i = 0; i < t->n_fonts; i++) TTF_CloseFont(t->fonts[i].font);
	free(t->fonts);
	for (int f = 0; f < TEXT_FACES; f++) {
		for (int k = 0; k < t->n_file[f]; k++) {
			if (t->file[f][k].borrowed) continue;
			TTF_CloseFont(t->file[f][k].probe);
			SDL_free(t->file[f][k].data);
			free(t->file[f][k].path);
		}
	}
	free(t->u8);
	free(t->runs);
	free(t);
	TTF_Quit();
}
