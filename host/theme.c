/* theme.c: the board's colour themes (plain data) and the WCAG contrast of what it draws on
 * them. No SDL, no I/O. */
#include "theme.h"

#include <math.h>
#include <stdio.h>

#define RGB(x) { (unsigned char)((x) >> 16), (unsigned char)((x) >> 8 & 0xFF), (unsigned char)((x) & 0xFF), 255 }
#define RGBA(x, al) { (unsigned char)((x) >> 16), (unsigned char)((x) >> 8 & 0xFF), (unsigned char)((x) & 0xFF), al }

const struct theme theme_table[THEME_COUNT] = {
	{
		/* A calm light board (projectors wash out dark text on dark grounds less than colour
		 * on black) with soft sticky notes. */
		.name = "default",
		.bg = RGB(0xF4F1EA), .ink = RGB(0x1F2933), .muted = RGB(0x5B6670), .accent = RGB(0x1D6A72),
		.card = RGB(0xFFFFFF), .divider = RGB(0xDDD7CB),
		.shadow = RGB(0x3A2E1E),   /* alpha set where used */
		.live = RGB(0x2E9E5B), .more_bg = RGB(0xE6E0D3), .more_ink = RGB(0x4A545D),
		.empty_ink = RGB(0x646C74), .note_muted = RGB(0x4A545D), .edge = RGBA(0, 0),
		.notes = { RGB(0xFFEE9C), RGB(0xCFEBC8), RGB(0xFFD6C0), RGB(0xCBE3F7), RGB(0xF8D3E1), RGB(0xE2D8F4) },
		/* Each phase also has its word on the badge: the colour is never the only cue. */
		.phase = { RGB(0x5F666E), RGB(0x1E7A46), RGB(0x9A4E0C), RGB(0x1F5FA8) },
		.group_bg = RGB(0xE7E1D4), .group_ink = RGB(0x2B353F), .drop = RGB(0x1D6A72),
		.bar = RGB(0x8CBCC0), .bar_top = RGB(0x1D6A72), .row_bg = RGB(0xFFFFFF),
		.rank_bg = RGB(0x6B727A), .rank_top = RGB(0x1D6A72),
		.timer_bg = RGB(0xFFFFFF), .timer_low = RGB(0xB43C12), .dim = RGBA(0x1F2933, 170),
		.toast_bg = RGBA(0x3B2722, 240), .notice_bg = RGB(0xFDEBC8), .notice_ink = RGB(0x5C3400),
		.white = RGB(0xFFFFFF),
		/* Okabe and Ito's palette: told apart with every common colour vision deficiency;
		 * the category's name is on the label too. */
		.categories = { RGB(0x0072B2), RGB(0xE69F00), RGB(0x009E73), RGB(0xCC79A7), RGB(0x56B4E9),
		                RGB(0xD55E00), RGB(0xF0E442), RGB(0x444444) },
		.rendering = RGB(0x163E6B),   /* a dark blue beside the near-black original */
	},
	{
		/* High contrast: black text on white and on light notes, every note, card and row
		 * outlined in black (light notes on white need an edge), no shadows. */
		.name = "high-contrast",
		.bg = RGB(0xFFFFFF), .ink = RGB(0x000000), .muted = RGB(0x2E2E2E), .accent = RGB(0x003E57),
		.card = RGB(0xFFFFFF), .divider = RGB(0x000000), .shadow = RGBA(0, 0),
		.live = RGB(0x006B2E), .more_bg = RGB(0xE6E6E6), .more_ink = RGB(0x000000),
		.empty_ink = RGB(0x2E2E2E), .note_muted = RGB(0x1A1A1A), .edge = RGB(0x000000),
		.notes = { RGB(0xFFE45C), RGB(0xA8E6A0), RGB(0xFFC29E), RGB(0xA6D4FA), RGB(0xF9B8D0), RGB(0xD4C2F5) },
		.phase = { RGB(0x3F454B), RGB(0x005C2A), RGB(0x7A3A00), RGB(0x004C8C) },
		.group_bg = RGB(0xEDEDED), .group_ink = RGB(0x000000), .drop = RGB(0x003E57),
		.bar = RGB(0x6E6E6E), .bar_top = RGB(0x000000), .row_bg = RGB(0xFFFFFF),
		.rank_bg = RGB(0x3F454B), .rank_top = RGB(0x003E57),
		.timer_bg = RGB(0xFFFFFF), .timer_low = RGB(0x8F2A00), .dim = RGBA(0x000000, 190),
		.toast_bg = RGBA(0x000000, 245), .notice_bg = RGB(0xFFF0C0), .notice_ink = RGB(0x000000),
		.white = RGB(0xFFFFFF),
		/* Okabe and Ito's hues, darkened or lightened until their label reads at 7:1. */
		.categories = { RGB(0x004C8C), RGB(0xE69F00), RGB(0x005C42), RGB(0xE0A0C8), RGB(0x56B4E9),
		                RGB(0x7A3A00), RGB(0xF0E442), RGB(0x444444) },
		.rendering = RGB(0x002650),
	},
};

static double lin_channel(unsigned char c)
{
	double v = c / 255.0;
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(struct theme_rgb c)
{
	return 0.2126 * lin_channel(c.r) + 0.7152 * lin_channel(c.g) + 0.0722 * lin_channel(c.b);
}

double theme_contrast(struct theme_rgb a, struct theme_rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

struct theme_rgb theme_ink_on(const struct theme *t, struct theme_rgb bg)
{
	struct theme_rgb black = RGB(0x111111);
	return theme_contrast(black, bg) >= theme_contrast(t->white, bg) ? black : t->white;
}

struct pairs { struct theme_text_pair *out; size_t cap, n; double min; };

static void pair(struct pairs *p, const char *what, int i, struct theme_rgb fg, struct theme_rgb bg, double min)
{
	if (p->n < p->cap) {
		struct theme_text_pair *q = &p->out[p->n];
		if (i >= 0) snprintf(q->what, sizeof q->what, "%s %d", what, i);
		else snprintf(q->what, sizeof q->what, "%s", what);
		q->fg = fg;
		q->bg = bg;
		q->min = min > p->min ? min : p->min;
	}
	p->n++;
}

size_t theme_text_pairs(const struct theme *t, int high_contrast, struct theme_text_pair *out,
                        size_t cap)
{
	struct pairs p = { out, cap, 0, high_contrast ? 7.0 : 4.5 };
	/* the header: title, question, agenda, banner, page indicator, empty state */
	pair(&p, "title on bg", -1, t->accent, t->bg, 0);
	pair(&p, "question on bg", -1, t->ink, t->bg, 0);
	pair(&p, "agenda on bg", -1, t->muted, t->bg, 0);
	pair(&p, "empty hint on bg", -1, t->empty_ink, t->bg, 0);
	for (int i = 0; i < 4; i++) pair(&p, "badge on phase", i, t->white, t->phase[i], 0);
	/* the join card, the timer, the overlays and the input box */
	pair(&p, "scan on card", -1, t->ink, t->card, 0);
	pair(&p, "address on card", -1, t->accent, t->card, 0);
	pair(&p, "phones on card", -1, t->muted, t->card, 0);
	pair(&p, "warning on card", -1, t->timer_low, t->card, 0);
	pair(&p, "timer on its box", -1, t->ink, t->timer_bg, 0);
	pair(&p, "timer low on its box", -1, t->timer_low, t->timer_bg, 0);
	pair(&p, "timer label on its box", -1, t->muted, t->timer_bg, 0);
	/* notes: their text needs 7:1 in both themes */
	for (int i = 0; i < THEME_NOTE_COLOURS; i++) {
		pair(&p, "note text on note", i, t->ink, t->notes[i], 7.0);
		pair(&p, "author on note", i, t->note_muted, t->notes[i], 0);
		pair(&p, "rendering on note", i, t->rendering, t->notes[i], 7.0);
	}
	for (int i = 0; i < THEME_CATEGORY_COLOURS; i++)
		pair(&p, "category label", i, theme_ink_on(t, t->categories[i]), t->categories[i], 0);
	pair(&p, "group name", -1, t->group_ink, t->group_bg, 0);
	pair(&p, "group count", -1, t->muted, t->group_bg, 0);
	pair(&p, "group footer", -1, t->more_ink, t->group_bg, 0);
	pair(&p, "more tile", -1, t->more_ink, t->more_bg, 0);
	/* charts */
	pair(&p, "chart row", -1, t->ink, t->row_bg, 0);
	pair(&p, "rank", -1, t->white, t->rank_bg, 0);
	pair(&p, "top rank", -1, t->white, t->rank_top, 0);
	/* messages */
	pair(&p, "notice", -1, t->notice_ink, t->notice_bg, 0);
	pair(&p, "toast", -1, t->white, t->toast_bg, 0);
	return p.n;
}
