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

/* Emoji_Presentation=Yes (Unicode 15 emoji-data.txt), as ranges in order. */
static const uint32_t emoji_ranges[][2] = {
	{ 0x231A, 0x231B }, { 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE },
	{ 0x2614, 0x2615 }, { 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 },
	{ 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA }, { 0x26FD, 0x26FD },
	{ 0x2705, 0x2705 }, { 0x270A, 0x270B }, { 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF },
	{ 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF },
	{ 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F1E6, 0x1F1FF }, { 0x1F201, 0x1F201 },
	{ 0x1F21A, 0x1F21A }, { 0x1F22F, 0x1F22F }, { 0x1F232, 0x1F236 }, { 0x1F238, 0x1F23A },
	{ 0x1F250, 0x1F251 }, { 0x1F300, 0x1F320 }, { 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C },
	{ 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 }, { 0x1F3E0, 0x1F3F0 },
	{ 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E }, { 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC },
	{ 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A },
	{ 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 }, { 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 },
	{ 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 }, { 0x1F6D5, 0x1F6D7 }, { 0x1F6DC, 0x1F6DF },
	{ 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7EB }, { 0x1F7F0, 0x1F7F0 },
	{ 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 }, { 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAFF },
};

int bidi_is_emoji(uint32_t c)
{
	if (c < 0x231A) return 0;
	size_t lo = 0, hi = sizeof emoji_ranges / sizeof emoji_ranges[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < emoji_ranges[mid][0]) hi = mid;
		else if (c > emoji_ranges[mid][1]) lo = mid + 1;
		else return 1;
	}
	return 0;
}

int bidi_utf8_rtl(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	for (size_t off = 0; off < len;) {
		size_t adv;
		uint32_t c = utf8_decode(s + off, len - off, &adv);
		off += adv ? adv : 1;
		FriBidiCharType t = fribidi_get_bidi_type(c);
		if (FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_STRONG(t)) return FRIBIDI_IS_RTL(t) ? 1 : 0;
	}
	return 0;
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
