/* text-layout.c: the board's text laid out, without pixels (text.h; the family: text-int.h).
 * Each paragraph gets its base direction from its first strong character and is split into
 * runs of one direction, script and font (fribidi orders them, see bidi.c); each run is shaped
 * and measured by SDL_ttf/HarfBuzz with its script and direction, in the first font of the
 * face's chain that has its glyphs. Then: wrapping, the ellipsis of a cut text, sizes (cached
 * in text-render.c's table), the runs for tests and the caret of the line being typed. */
#include "text-int.h"
#include "util.h"

#include <SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- paragraphs: code points, levels, scripts and fonts ---------------------------------- */

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
	int ph = text_chain_font(t, face, PLACEHOLDER) >= 0;
	for (size_t off = 0; off < len;) {
		size_t adv;
		uint32_t c = utf8_decode(s + off, len - off, &adv);
		off += adv;
		if (c == '\t' || c == '\n' || c == '\r') c = ' ';
		else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) continue;
		if (!bidi_ignorable(c) && text_chain_font(t, face, c) < 0) {
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
		           text_font_has(t, face, emo, c);
		if (bidi_ignorable(c)) k = prev >= 0 ? prev : 0;
		else if (pict) k = emo;
		else if (prev >= 0 && (prev != emo || sc == BIDI_MARK) &&
		         (sc == BIDI_MARK || (sc == BIDI_COMMON && p->b.level[i] == p->b.level[i - 1])) &&
		         text_font_has(t, face, prev, c))
			k = prev;
		else k = text_chain_font(t, face, c);
		p->font[i] = (uint8_t)(k >= 0 ? k : 0);
	}
}

static void par_free(struct tpar *p)
{
	bidi_par_free(&p->b);
	free(p->font);
}

void text_layout_free(struct tlayout *L)
{
	for (size_t i = 0; i < L->n_par; i++) par_free(&L->par[i]);
	free(L->par);
	free(L->line);
	memset(L, 0, sizeof *L);
}

/* Code points p[start, start+len) as NUL-terminated UTF-8 in t's scratch buffer. */
const char *text_run_utf8(struct text *t, const struct tpar *p, int start, int len)
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

static int run_width(struct text *t, enum text_face face, int px, const struct tpar *p,
                     const struct bidi_run *r)
{
	TTF_Font *f = text_run_font(t, face, px, r->font, r->script, r->level);
	int w = 0, h = 0;
	if (!f || r->len <= 0 || TTF_SizeUTF8(f, text_run_utf8(t, p, r->start, r->len), &w, &h) < 0) return 0;
	return text_scaled_w(t, face, r->font, f, px, w);
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

/* ---- lines: wrapping -------------------------------------------------------------------- */

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
void text_layout(struct text *t, const char *s, const struct text_style *st, struct tlayout *L)
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

/* ---- measuring -------------------------------------------------------------------------- */

/* Is any of the first n lines in a right-to-left paragraph? */
static int any_rtl(const struct tlayout *L, size_t n)
{
	for (size_t i = 0; i < n && i < L->n_line; i++)
		if (L->par[L->line[i].par].b.rtl) return 1;
	return 0;
}

/* Texture width for lines of widest w: a right-to-left paragraph in a left-aligned (that is:
 * start-aligned) wrapped text fills the wrap width so its lines end at the right edge. */
int text_box_w(const struct tlayout *L, size_t n, const struct text_style *st, int w)
{
	if (st->wrap_w > 0 && st->align == TEXT_LEFT && any_rtl(L, n) && w < st->wrap_w) return st->wrap_w;
	return w;
}

int text_width(struct text *t, enum text_face face, int px, const char *s)
{
	if (!s || !*s || !text_font_get(t, face, px)) return 0;
	struct text_style st = { face, px, { 0, 0, 0, 255 }, 0, 0, TEXT_LEFT };
	struct entry *e = text_entry_get(t, s, &st);  /* the header asks for the same widths each layout */
	if (!e->widthed) {
		struct tlayout L;
		text_layout(t, s, &st, &L);
		e->width = L.n_line ? L.line[0].w : 0;
		e->widthed = 1;
		text_layout_free(&L);
	}
	return e->width;
}

/* What text_measure returns, computed. */
static int measure(struct text *t, TTF_Font *f, const char *s, const struct text_style *st, int *w, int *h)
{
	*w = *h = 0;
	struct tlayout L;
	text_layout(t, s, st, &L);
	int n = (int)L.n_line;
	if (st->max_lines > 0 && n > st->max_lines) n = st->max_lines;
	for (int i = 0; i < n; i++)
		if (L.line[i].w > *w) *w = L.line[i].w;
	if (st->max_lines > 0 && (int)L.n_line > st->max_lines && st->wrap_w > 0)
		*w = st->wrap_w;  /* the cut line is filled up to the width */
	*w = text_box_w(&L, (size_t)n, st, *w);
	text_layout_free(&L);
	*h = (n - 1) * (TTF_FontLineSkip(f) * LINE_PCT / 100) + TTF_FontHeight(f);
	return n;
}

int text_measure(struct text *t, const char *s, const struct text_style *st, int *w, int *h)
{
	*w = *h = 0;
	if (!s || !*s) return 0;
	struct entry *e = text_entry_get(t, s, st);
	if (!e->measured) {
		TTF_Font *f = text_font_get(t, st->face, st->px);
		if (!f) return 0;  /* not remembered: a font may open later */
		e->m_lines = measure(t, f, s, st, &e->m_w, &e->m_h);
		e->measured = 1;
		t->measures++;
	}
	*w = e->m_w;
	*h = e->m_h;
	return e->m_lines;
}

/* ---- the ellipsis, and the lines shown -------------------------------------------------- */

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
size_t text_shown_lines(struct text *t, const char *s, const struct text_style *st, struct tlayout *L)
{
	text_layout(t, s, st, L);
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
int text_line_x(const struct tlayout *L, const struct tline *l, const struct text_style *st, int w)
{
	if (st->align == TEXT_CENTER) return (w - l->w) / 2;
	if (st->align == TEXT_RIGHT || L->par[l->par].b.rtl) return w - l->w;
	return 0;
}

/* The runs of line l in visual order into t->runs; returns how many. */
size_t text_line_runs(struct text *t, const struct tlayout *L, const struct tline *l)
{
	const struct tpar *p = &L->par[l->par];
	return bidi_line_runs(&p->b, l->start, l->end, p->font, &t->runs, &t->runs_cap);
}

size_t text_runs(struct text *t, const char *s, const struct text_style *st, struct text_run **out)
{
	*out = NULL;
	if (!s || !*s || !text_font_get(t, st->face, st->px)) return 0;
	struct tlayout L;
	size_t n_lines = text_shown_lines(t, s, st, &L), n = 0, cap = 0;
	for (size_t i = 0; i < n_lines; i++) {
		const struct tline *l = &L.line[i];
		const struct tpar *p = &L.par[l->par];
		size_t nr = text_line_runs(t, &L, l);
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
			o->text = xstrdup(text_run_utf8(t, p, r->start, r->len));
			x += w;
		}
	}
	text_layout_free(&L);
	return n;
}

void text_runs_free(struct text_run *runs, size_t n)
{
	for (size_t i = 0; i < n; i++) free(runs[i].text);
	free(runs);
}

void text_end_position(struct text *t, const char *s, const struct text_style *st, int *x, int *line)
{
	*x = *line = 0;
	TTF_Font *f = text_font_get(t, st->face, st->px);
	if (!f || !s || !*s) return;
	struct tlayout L;
	text_layout(t, s, st, &L);
	size_t n = L.n_line;
	if (st->max_lines > 0 && n > (size_t)st->max_lines) n = (size_t)st->max_lines;
	if (n > 0) {
		const struct tline *l = &L.line[n - 1];
		int rtl = L.par[l->par].b.rtl, widest = 0;
		for (size_t i = 0; i < n; i++)
			if (L.line[i].w > widest) widest = L.line[i].w;
		int w = text_box_w(&L, n, st, widest);
		int lx = text_line_x(&L, l, st, w);
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
	text_layout_free(&L);
}
