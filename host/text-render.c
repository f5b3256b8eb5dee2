/* text-render.c: the board's text in pixels, and the cache that makes a frame cheap (text.h;
 * the family: text-int.h). A text is measured once and rendered to a texture once, and both are
 * kept until a sweep finds the text no longer laid out. Each line's runs are rendered by SDL_ttf
 * on a common baseline; pictograms come from the colour font's bitmaps, scaled down. */
#include "text-int.h"
#include "util.h"

#include <SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct entry *text_entry_get(struct text *t, const char *s, const struct text_style *st)
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

void text_cache_init(struct text *t)
{
	t->n_buckets = 256;
	t->buckets = xcalloc(t->n_buckets, sizeof *t->buckets);
}

void text_cache_free(struct text *t)
{
	for (size_t b = 0; b < t->n_buckets; b++) {
		struct entry *e = t->buckets[b];
		while (e) {
			struct entry *next = e->next;
			entry_free(e);
			e = next;
		}
	}
	free(t->buckets);
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

/* ---- pixels: a text on a surface, then a texture ---------------------------------------- */

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
	size_t n = text_shown_lines(t, s, st, &L);
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
		size_t nr = text_line_runs(t, &L, l);
		int x = text_line_x(&L, l, st, w);
		for (size_t j = 0; j < nr; j++) {
			struct bidi_run r = t->runs[j];
			TTF_Font *rf = text_run_font(t, st->face, st->px, r.font, r.script, r.level);
			const char *u8 = text_run_utf8(t, p, r.start, r.len);
			int rw = 0, rh = 0;
			if (!rf || TTF_SizeUTF8(rf, u8, &rw, &rh) < 0) continue;
			SDL_Surface *sf = TTF_RenderUTF8_Blended(rf, u8, st->color);
			if (!sf || sf->format->format != SDL_PIXELFORMAT_ARGB8888) {
				/* a run of only invisible characters renders nothing: not an error */
				if (sf) SDL_FreeSurface(sf);
				x += text_scaled_w(t, st->face, r.font, rf, st->px, rw);
				continue;
			}
			if (t->file[st->face][r.font].bitmap) {
				/* pictograms: from the strike down to the text's size, on its baseline */
				int sh = TTF_FontHeight(rf), eh = text_emoji_h(st->px), ew = text_scaled_w(t, st->face, r.font, rf, st->px, rw);
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
	text_layout_free(&L);
	*n_lines = (int)n;
	return out;
}

const struct text_img *text_render(struct text *t, const char *s, const struct text_style *st)
{
	if (!s || !*s) return NULL;
	struct entry *e = text_entry_get(t, s, st);
	TTF_Font *f = text_font_get(t, st->face, st->px);  /* keeps its font alive too */
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
	TTF_Font *f = s && *s ? text_font_get(t, st->face, st->px) : NULL;
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
