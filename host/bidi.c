/* bidi.c: embedding levels and visual run order by fribidi, and the script of each code
 * point, so that text.c can shape each run with the right script, direction and font. */
#include "bidi.h"
#include "util.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

enum bidi_script bidi_script_of(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == 0xAA || c == 0xBA ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF) ||
	    (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF) || (c >= 0xFB00 && c <= 0xFB06))
		return BIDI_LATN;
	if ((c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
	    (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F))
		return BIDI_MARK;
	if ((c >= 0x600 && c <= 0x6FF && c != 0x60C && c != 0x61B && c != 0x61F && c != 0x640) ||
	    (c >= 0x750 && c <= 0x77F) || (c >= 0x8A0 && c <= 0x8FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
	    (c >= 0xFE70 && c <= 0xFEFF && c != 0xFEFF))
		return BIDI_ARAB;
	if ((c >= 0x1200 && c <= 0x139F) || (c >= 0x2D80 && c <= 0x2DDF) || (c >= 0xAB00 && c <= 0xAB2F) ||
	    (c >= 0x1E7E0 && c <= 0x1E7FF))
		return BIDI_ETHI;
	if ((c >= 0x400 && c <= 0x52F) || (c >= 0x1C80 && c <= 0x1C8F) || (c >= 0x2DE0 && c <= 0x2DFF) ||
	    (c >= 0xA640 && c <= 0xA69F))
		return BIDI_CYRL;
	if ((c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387) || (c >= 0x1F00 && c <= 0x1FFF))
		return BIDI_GREK;
	if ((c >= 0x591 && c <= 0x5FF) || (c >= 0xFB1D && c <= 0xFB4F))
		return BIDI_HEBR;
	return BIDI_COMMON;
}

const char *bidi_script_tag(enum bidi_script s)
{
	static const char *const tags[BIDI_SCRIPTS] = {
		"Zyyy", "Zinh", "Latn", "Arab", "Ethi", "Cyrl", "Grek", "Hebr"
	};
	return (unsigned)s < BIDI_SCRIPTS ? tags[s] : "Zyyy";
}

int bidi_ignorable(uint32_t c)
{
	return c == 0xAD || c == 0x34F || c == 0x61C || (c >= 0x180B && c <= 0x180F) ||
	       (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x206F) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF ||
	       (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0000 && c <= 0xE0FFF);
}

int bidi_clean_controls(uint32_t *cp, int n)
{
	if (n <= 0) return 0;
	/* keep[i]: 1 unless dropped; an isolate initiator is kept when its PDI is found */
	char *keep = xmalloc((size_t)n);
	int *open = xmalloc((size_t)n * sizeof *open), depth = 0;
	for (int i = 0; i < n; i++) {
		uint32_t c = cp[i];
		keep[i] = !(c >= 0x202A && c <= 0x202E);
		if (c >= 0x2066 && c <= 0x2068) {
			keep[i] = 0;
			open[depth++] = i;
		} else if (c == 0x2069) {
			keep[i] = depth > 0;
			if (depth > 0) keep[open[--depth]] = 1;
		}
	}
	int k = 0;
	for (int i = 0; i < n; i++)
		if (keep[i]) cp[k++] = cp[i];
	free(open);
	free(keep);
	return k;
}

/* Common characters and marks take the script of their neighbours: a mark that of its base;
 * others the nearest strong script before them at the same level, else after them, else Latin
 * (left to right) or Arabic (right to left). "18:30" inside Arabic text is its own left-to-right
 * run, so it is shaped as Latin; the space between two Arabic words stays Arabic. */
static void resolve_scripts(struct bidi_par *p)
{
	for (int i = 0; i < p->n; i++) p->script[i] = (uint8_t)bidi_script_of(p->cp[i]);
	for (int i = 0; i < p->n; i++) {
		if (p->script[i] == BIDI_MARK && i > 0) p->script[i] = p->script[i - 1];
		if (p->script[i] != BIDI_COMMON && p->script[i] != BIDI_MARK) continue;
		int s = -1;
		for (int k = i - 1; k >= 0 && p->level[k] == p->level[i]; k--) {
			if (p->script[k] != BIDI_COMMON && p->script[k] != BIDI_MARK) { s = p->script[k]; break; }
		}
		for (int k = i + 1; s < 0 && k < p->n && p->level[k] == p->level[i]; k++) {
			int sk = bidi_script_of(p->cp[k]);
			if (sk != BIDI_COMMON && sk != BIDI_MARK) s = sk;
		}
		if (s < 0) s = p->level[i] & 1 ? BIDI_ARAB : BIDI_LATN;
		p->script[i] = (uint8_t)s;
	}
}

void bidi_par_init(struct bidi_par *p, const uint32_t *cp, int n, int base)
{
	memset(p, 0, sizeof *p);
	p->n = n > 0 ? n : 0;
	size_t m = (size_t)p->n + 1;
	p->cp = xmalloc(m * sizeof *p->cp);
	if (n > 0) memcpy(p->cp, cp, (size_t)n * sizeof *p->cp);
	p->level = xcalloc(m, 1);
	p->script = xcalloc(m, 1);
	p->types = xcalloc(m, sizeof *p->types);
	FriBidiParType dir = base < 0 ? FRIBIDI_PAR_ON : base ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	if (p->n > 0) {
		FriBidiCharType *types = xmalloc(m * sizeof *types);
		FriBidiBracketType *brackets = xmalloc(m * sizeof *brackets);
		FriBidiLevel *levels = xmalloc(m * sizeof *levels);
		fribidi_get_bidi_types(p->cp, p->n, types);
		fribidi_get_bracket_types(p->cp, p->n, types, brackets);
		if (fribidi_get_par_embedding_levels_ex(types, brackets, p->n, &dir, levels) == 0) {
			/* out of memory inside fribidi: all at the base level */
			for (int i = 0; i < p->n; i++) levels[i] = dir == FRIBIDI_PAR_RTL ? 1 : 0;
		}
		for (int i = 0; i < p->n; i++) {
			p->level[i] = (uint8_t)levels[i];
			p->types[i] = types[i];
		}
		free(types);
		free(brackets);
		free(levels);
	}
	p->rtl = FRIBIDI_IS_RTL(dir) ? 1 : 0;
	resolve_scripts(p);
}

void bidi_par_free(struct bidi_par *p)
{
	free(p->cp);
	free(p->level);
	free(p->script);
	free(p->types);
	memset(p, 0, sizeof *p);
}

size_t bidi_line_runs(const struct bidi_par *p, int start, int end, const uint8_t *font,
                      struct bidi_run **runs, size_t *cap)
{
	if (start < 0) start = 0;
	if (end > p->n) end = p->n;
	if (end <= start) return 0;
	int len = end - start;
	/* fribidi works on arrays of the whole paragraph with the line's offset. */
	FriBidiLevel *levels = xmalloc((size_t)p->n * sizeof *levels);
	FriBidiCharType *types = xmalloc((size_t)p->n * sizeof *types);
	FriBidiStrIndex *map = xmalloc((size_t)p->n * sizeof *map);
	int *run_of = xmalloc((size_t)len * sizeof *run_of);
	for (int i = 0; i < p->n; i++) {
		levels[i] = p->level[i];
		types[i] = p->types[i];
		map[i] = i;
	}
	/* L1 (trailing white space to the base level) and L2; on failure (out of memory inside
	 * fribidi) the line stays in logical order. */
	if (!fribidi_reorder_line(0, types, len, start, p->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR,
	                          levels, NULL, map))
		for (int i = 0; i < p->n; i++) map[i] = i;
	/* Logical runs: a new one where the level, the script or the font changes. */
	size_t n = 0;
	for (int i = start; i < end; i++) {
		int f = font ? font[i] : 0;
		struct bidi_run *r = n ? &(*runs)[n - 1] : NULL;
		if (!r || r->level != levels[i] || r->script != p->script[i] || r->font != f) {
			xgrow((void **)runs, cap, n + 1, sizeof **runs);
			(*runs)[n++] = (struct bidi_run){ i, 0, levels[i], p->script[i], f };
			r = &(*runs)[n - 1];
		}
		r->len++;
		run_of[i - start] = (int)n - 1;
	}
	/* Visual order: each logical run is one block of the reordered line (it has one level),
	 * so the runs in order of their first visual position. */
	struct bidi_run *vis = xmalloc(n * sizeof *vis);
	char *seen = xcalloc(n ? n : 1, 1);
	size_t k = 0;
	for (int v = start; v < end; v++) {
		int lg = map[v];
		if (lg < start || lg >= end) continue;
		int r = run_of[lg - start];
		if (!seen[r]) {
			seen[r] = 1;
			vis[k++] = (*runs)[r];
		}
	}
	memcpy(*runs, vis, k * sizeof *vis);
	free(vis);
	free(seen);
	free(run_of);
	free(map);
	free(types);
	free(levels);
	return k;
}
