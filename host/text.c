/* text.c: fonts, font sizes, wrapping and the text cache of the board (SDL_ttf).
 * Text is measured once and rendered to a texture once, and both are reused until the text is
 * no longer laid out. */
#include "text.h"
#include "util.h"

#include <SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Used when the fonts list cannot be read: the same files assets/fonts.txt names. */
static const char *const builtin_fonts[] = {
	"regular /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"regular /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
	"bold /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
};

static const char *const face_names[TEXT_FACES] = { "regular", "bold" };

#define TEXT_MIN_PX 6          /* no font is opened smaller */
#define FIT_STEP_PCT 90        /* text_fit shrinks by this much a step */
#define LINE_PCT 90            /* wrapped lines are this much of the font's line skip apart:
                                * Noto's own 1.36 em is airy for short notes read from afar */

struct font_slot {
	enum text_face face;
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
	struct text_img img;       /* img.tex NULL: not rendered */
	unsigned gen;
};

struct text {
	SDL_Renderer *r;
	struct {
		void *data;            /* the whole font file, shared by every size */
		size_t len;
		char *path;
	} file[TEXT_FACES];
	struct font_slot *fonts;
	size_t n_fonts, cap_fonts;
	struct entry **buckets;
	size_t n_buckets, n_entries;
	unsigned gen;
	unsigned long renders, measures;
	int warned;                /* a render failure was logged */
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

/* Try one "<face> <path>" line; keeps the first file that opens as a font for its face. */
static void try_font_line(struct text *t, const char *line, const char *dir)
{
	char face[32], path[1024];
	if (sscanf(line, " %31s %1023[^\r\n]", face, path) != 2 || face[0] == '#') return;
	size_t pl = strlen(path);
	while (pl && (path[pl - 1] == ' ' || path[pl - 1] == '\t')) path[--pl] = '\0';
	int f;
	for (f = 0; f < TEXT_FACES; f++)
		if (strcmp(face, face_names[f]) == 0) break;
	if (f == TEXT_FACES || t->file[f].data) return;

	char full[2048];
	if (path[0] != '/' && dir) snprintf(full, sizeof full, "%s/%s", dir, path);
	else snprintf(full, sizeof full, "%s", path);
	size_t len = 0;
	void *data = SDL_LoadFile(full, &len);
	if (!data) return;
	/* Check that it really is a font before relying on it. */
	TTF_Font *probe = TTF_OpenFontRW(SDL_RWFromConstMem(data, (int)len), 1, 12);
	if (!probe) {
		SDL_free(data);
		return;
	}
	TTF_CloseFont(probe);
	t->file[f].data = data;
	t->file[f].len = len;
	t->file[f].path = xstrdup(full);
}

static void load_font_list(struct text *t, const char *list)
{
	char *dir = NULL;
	size_t len = 0;
	char *buf = list ? SDL_LoadFile(list, &len) : NULL;
	if (!buf) {
		fprintf(stderr, "medskapa: cannot read font list %s; using the built-in list\n",
		        list ? list : "(none)");
		for (size_t i = 0; i < sizeof builtin_fonts / sizeof builtin_fonts[0]; i++)
			try_font_line(t, builtin_fonts[i], NULL);
		return;
	}
	const char *slash = strrchr(list, '/');
	dir = slash ? xstrndup(list, (size_t)(slash - list)) : xstrdup(".");
	char *save = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		try_font_line(t, line, dir);
	free(dir);
	SDL_free(buf);
}

static TTF_Font *font_get(struct text *t, enum text_face face, int px)
{
	if ((unsigned)face >= TEXT_FACES || !t->file[face].data) return NULL;
	px = at_least(px, TEXT_MIN_PX);
	for (size_t i = 0; i < t->n_fonts; i++) {
		struct font_slot *fs = &t->fonts[i];
		if (fs->face == face && fs->px == px) {
			fs->gen = t->gen;
			return fs->font;
		}
	}
	SDL_RWops *rw = SDL_RWFromConstMem(t->file[face].data, (int)t->file[face].len);
	TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
	if (!font) return NULL;
	xgrow((void **)&t->fonts, &t->cap_fonts, t->n_fonts + 1, sizeof *t->fonts);
	t->fonts[t->n_fonts++] = (struct font_slot){ face, px, font, t->gen };
	return font;
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
	load_font_list(t, fonts_list);
	for (int f = 0; f < TEXT_FACES; f++) {
		if (!t->file[f].data) {
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
	return (unsigned)face < TEXT_FACES && t->file[face].path ? t->file[face].path : "";
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

int text_width(struct text *t, enum text_face face, int px, const char *s)
{
	TTF_Font *f = font_get(t, face, px);
	int w = 0, h = 0;
	if (!f || !s || !*s || TTF_SizeUTF8(f, s, &w, &h) < 0) return 0;
	return w;
}

/* ---- wrapping --------------------------------------------------------------------------- */

struct line {
	size_t off, len;           /* bytes of the source string */
};

struct lines {
	struct line *v;
	size_t n, cap;
	char *scratch;             /* a NUL-terminated copy for SDL_ttf to measure */
	size_t scratch_cap;
};

static void lines_push(struct lines *ls, size_t off, size_t len)
{
	xgrow((void **)&ls->v, &ls->cap, ls->n + 1, sizeof *ls->v);
	ls->v[ls->n++] = (struct line){ off, len };
}

static const char *scratch(struct lines *ls, const char *s, size_t len)
{
	xgrow((void **)&ls->scratch, &ls->scratch_cap, len + 1, 1);
	memcpy(ls->scratch, s, len);
	ls->scratch[len] = '\0';
	return ls->scratch;
}

static int line_width(TTF_Font *f, struct lines *ls, const char *s, size_t len)
{
	int w = 0, h = 0;
	if (len == 0 || TTF_SizeUTF8(f, scratch(ls, s, len), &w, &h) < 0) return 0;
	return w;
}

/* Bytes of the first n code points of s[0..len). */
static size_t cp_bytes(const char *s, size_t len, int n)
{
	size_t off = 0;
	for (int i = 0; i < n && off < len; i++) {
		size_t adv;
		utf8_decode(s + off, len - off, &adv);
		off += adv;
	}
	return off;
}

/* Break one paragraph s[0..len) (no newline in it) into lines at most width wide: after
 * spaces, else after '-' or '/', else (a word wider than the line) between any two characters. */
static void wrap_paragraph(TTF_Font *f, const char *s, size_t len, size_t base, int width,
                           struct lines *ls)
{
	size_t pos = 0;
	if (len == 0) {
		lines_push(ls, base, 0);
		return;
	}
	while (pos < len) {
		size_t rest = len - pos;
		int extent = 0, count = 0;
		if (TTF_MeasureUTF8(f, scratch(ls, s + pos, rest), width, &extent, &count) < 0) count = 0;
		size_t fit = cp_bytes(s + pos, rest, count);
		if (fit >= rest) {
			lines_push(ls, base + pos, rest);
			return;
		}
		size_t cut = 0, next = 0;
		/* The last break opportunity at or before the first character that does not fit. */
		for (size_t k = fit; k > 0; k--) {
			if (s[pos + k] == ' ') {  /* the space goes: break before it */
				cut = k;
				next = k + 1;
				break;
			}
			if (k > 1 && (s[pos + k - 1] == '-' || s[pos + k - 1] == '/')) {
				cut = next = k;    /* keep the hyphen or slash on this line */
				break;
			}
		}
		if (cut == 0) {               /* one long word: cut it where it overflows */
			cut = next = fit ? fit : cp_bytes(s + pos, rest, 1);
		}
		while (cut > 0 && s[pos + cut - 1] == ' ') cut--;
		lines_push(ls, base + pos, cut);
		pos += next;
		while (pos < len && s[pos] == ' ') pos++;
	}
}

/* Lines of s in style st (one line if st->wrap_w is 0). */
static void wrap_text(TTF_Font *f, const char *s, const struct text_style *st, struct lines *ls)
{
	size_t len = strlen(s), p = 0;
	ls->n = 0;
	if (st->wrap_w <= 0) {
		lines_push(ls, 0, len);
		return;
	}
	for (;;) {
		const char *nl = memchr(s + p, '\n', len - p);
		size_t pe = nl ? (size_t)(nl - s) : len;
		wrap_paragraph(f, s + p, pe - p, p, st->wrap_w, ls);
		if (!nl) break;
		p = pe + 1;
	}
}

static void lines_free(struct lines *ls)
{
	free(ls->v);
	free(ls->scratch);
}

/* What text_measure returns, computed. */
static int measure(TTF_Font *f, const char *s, const struct text_style *st, int *w, int *h)
{
	*w = *h = 0;
	struct lines ls = { 0 };
	wrap_text(f, s, st, &ls);
	int n = (int)ls.n;
	if (st->max_lines > 0 && n > st->max_lines) n = st->max_lines;
	for (int i = 0; i < n; i++) {
		int lw = line_width(f, &ls, s + ls.v[i].off, ls.v[i].len);
		if (lw > *w) *w = lw;
	}
	if (st->max_lines > 0 && (int)ls.n > st->max_lines && st->wrap_w > 0)
		*w = st->wrap_w;  /* the cut line is filled up to the width */
	lines_free(&ls);
	*h = (n - 1) * (TTF_FontLineSkip(f) * LINE_PCT / 100) + TTF_FontHeight(f);
	return n;
}

/* ---- the cache -------------------------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t key_hash(const char *s, const struct text_style *st)
{
	int k[9] = { st->face, st->px, st->wrap_w, st->max_lines, st->align,
	             st->color.r, st->color.g, st->color.b, st->color.a };
	return fnv(fnv(14695981039346656037ull, k, sizeof k), s, strlen(s));
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
		e->m_lines = measure(f, s, st, &e->m_w, &e->m_h);
		e->measured = 1;
		t->measures++;
	}
	*w = e->m_w;
	*h = e->m_h;
	return e->m_lines;
}

/* s[0..len) with newlines as spaces, cut to fit max_w on one line with "…". Caller frees. */
static char *ellipsize(TTF_Font *f, const char *s, size_t len, int max_w)
{
	static const char dots[] = "\xe2\x80\xa6";  /* U+2026 */
	char *line = xstrndup(s, len);
	for (char *c = line; *c; c++)
		if (*c == '\n') *c = ' ';
	int w = 0, h = 0;
	if (TTF_SizeUTF8(f, line, &w, &h) == 0 && w <= max_w) return line;
	int dw = 0;
	TTF_SizeUTF8(f, dots, &dw, &h);
	int extent = 0, count = 0;
	if (TTF_MeasureUTF8(f, line, max_w - dw > 0 ? max_w - dw : 0, &extent, &count) < 0) count = 0;
	size_t off = cp_bytes(line, len, count);
	while (off > 0 && line[off - 1] == ' ') off--;
	char *out = xmalloc(off + sizeof dots);
	memcpy(out, line, off);
	memcpy(out + off, dots, sizeof dots);
	free(line);
	return out;
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

/* Render s in style st: wrapped, cut to max_lines, each line rendered by SDL_ttf and put in
 * place. NULL on failure. */
static SDL_Surface *render_surface(TTF_Font *f, const char *s, const struct text_style *st,
                                   int *n_lines)
{
	struct lines ls = { 0 };
	wrap_text(f, s, st, &ls);
	size_t n = ls.n;
	char **text = xcalloc(n, sizeof *text);
	int cut = st->max_lines > 0 && n > (size_t)st->max_lines;
	if (cut) n = (size_t)st->max_lines;
	for (size_t i = 0; i < n; i++) {
		const struct line *l = &ls.v[i];
		if (cut && i == n - 1) /* the last line takes the rest of the text, with "…" */
			text[i] = ellipsize(f, s + l->off, strlen(s + l->off),
			                    st->wrap_w > 0 ? st->wrap_w : INT32_MAX);
		else
			text[i] = xstrndup(s + l->off, l->len);
	}
	SDL_Surface **sf = xcalloc(n, sizeof *sf);
	int w = 0, ok = 1;
	for (size_t i = 0; i < n && ok; i++) {
		if (!text[i][0]) continue;  /* an empty line */
		sf[i] = TTF_RenderUTF8_Blended(f, text[i], st->color);
		if (!sf[i] || sf[i]->format->format != SDL_PIXELFORMAT_ARGB8888) ok = 0;
		else if (sf[i]->w > w) w = sf[i]->w;
	}
	int lh = TTF_FontLineSkip(f) * LINE_PCT / 100, fh = TTF_FontHeight(f);
	int h = ((int)n - 1) * lh + fh;
	SDL_Surface *out = NULL;
	if (ok && w > 0)
		out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (out) {
		Uint32 colour = ((Uint32)st->color.r << 16) | ((Uint32)st->color.g << 8) | st->color.b;
		SDL_FillRect(out, NULL, colour);  /* alpha 0 */
		for (size_t i = 0; i < n; i++) {
			if (!sf[i]) continue;
			int x = 0;
			if (st->align == TEXT_CENTER) x = (w - sf[i]->w) / 2;
			else if (st->align == TEXT_RIGHT) x = w - sf[i]->w;
			put_line(out, sf[i], x, (int)i * lh);
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (sf[i]) SDL_FreeSurface(sf[i]);
		free(text[i]);
	}
	free(sf);
	free(text);
	lines_free(&ls);
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
	SDL_Surface *sf = render_surface(f, s, st, &n_lines);
	SDL_Texture *tex = sf ? SDL_CreateTextureFromSurface(t->r, sf) : NULL;
	if (!tex) {
		if (!t->warned++)
			fprintf(stderr, "medskapa: cannot render text: %s\n", SDL_GetError());
		if (sf) SDL_FreeSurface(sf);
		return NULL;
	}
	SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	e->img = (struct text_img){ tex, sf->w, sf->h, n_lines,
	                            TTF_FontLineSkip(f) * LINE_PCT / 100, TTF_FontHeight(f) };
	SDL_FreeSurface(sf);
	t->renders++;
	return &e->img;
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
	struct lines ls = { 0 };
	wrap_text(f, s, st, &ls);
	size_t n = ls.n;
	if (st->max_lines > 0 && n > (size_t)st->max_lines) n = (size_t)st->max_lines;
	if (n > 0) {
		const struct line *l = &ls.v[n - 1];
		*x = line_width(f, &ls, s + l->off, l->len);
		*line = (int)n - 1;
		/* a trailing space is dropped by the wrapping but was typed: it moves the caret */
		size_t end = strlen(s);
		if (n == ls.n && end > l->off + l->len && s[end - 1] == ' ') {
			int sw = 0, sh = 0;
			TTF_SizeUTF8(f, " ", &sw, &sh);
			*x += sw * (int)(end - (l->off + l->len));
		}
	}
	lines_free(&ls);
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
		SDL_free(t->file[f].data);
		free(t->file[f].path);
	}
	free(t);
	TTF_Quit();
}
