/* board-notes.c: the notes mode: notes and groups laid out and drawn, notes kept as textures,
 * the pager, where a dragged note would drop. */
#include "board-int.h"
#include "bidi.h"
#include "util.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- layout ---------------------------------------------------------------------------------- */

/* Black or white, whichever reads better on c (WCAG contrast). */
static SDL_Color ink_on(const struct board *b, SDL_Color c)
{
	struct theme_rgb bg = { c.r, c.g, c.b, 255 };
	struct theme_rgb k = theme_ink_on(&theme_table[b->theme_i], bg);
	return (SDL_Color){ k.r, k.g, k.b, 255 };
}

/* A note's colour: picked by its id, but never the colour of the note above it or of the note
 * before it, so neighbours differ. Depends only on earlier notes: stable as notes come in. */
static int note_colour(uint32_t id, int above, int prev)
{
	int c = (int)((id + N_NOTE_COLOURS - 1) % N_NOTE_COLOURS);
	while (c == above || c == prev) c = (c + 1) % (int)N_NOTE_COLOURS;
	return c;
}

/* The category label's style at a size: black or white on its colour. */
static struct text_style category_style(const struct board *b, int px, int cat)
{
	SDL_Color bg = b->th->categories[(size_t)cat % N_CATEGORY_COLOURS];
	return style(TEXT_BOLD, px, ink_on(b, bg), 0, 1);
}

static int category_pad(int px) { return maxi(2, px * 45 / 100); }

/* Category label size px at step st: a little under the author line. */
static int category_px(const struct layout_step *st)
{
	return maxi(6, st->author_px * 9 / 10);
}

/* A note's body (inside layout_note.text): photo, text, rendering; see struct item_look. */
struct note_body {
	struct text_style ns, rs, tags;  /* the text, the rendering, the rendering's language tag */
	char tag[SESSION_LANG_MAX + 1];  /* "SV" */
	int photo_w, photo_h, text_h, sep_h, rend_h, gap;
	int rend_rtl;
	int h;                           /* all of it */
};

/* The label of item it's category in activity a (its pictogram first when the board can draw
 * it) into buf; NULL when it has none. */
static const char *category_label(const struct board *b, const struct activity *a, const struct item *it, char *buf,
                                  size_t len, int *picto)
{
	*picto = 0;
	if (it->category < 0 || !a || (size_t)it->category >= a->n_options) return NULL;
	return board_with_picto(b, it->picto, a->options[it->category], buf, len, picto);
}

/* The activity whose categories the notes show: the current one, or the one a vote is on. */
static const struct activity *notes_activity(const struct board *b)
{
	const struct activity *a = b->room.s ? session_activity(b->room.s, b->room.act_id) : NULL;
	if (a && a->kind == ACTIVITY_VOTE) a = session_activity(b->room.s, a->source);
	return a;
}

/* How many lines of text px tall fit in h. */
static int lines_in(struct board *b, const struct layout_frame *f, int px, int h)
{
	int font_h = text_height(b->text, TEXT_REGULAR, px, 1);
	return h >= font_h ? (h - font_h) / maxi(1, f->note_line_h) + 1 : 0;
}

/* Lay out item it's body at text width text_w within room (the height its note may give it):
 * the photo as wide as the text (at most PHOTO_MAX_PCT as tall, and PHOTO_ROOM_PCT of the room),
 * then the text, cut with "…" to what is left (NOTE_MAX_LINES at most), then the rendering in
 * what is left after that: the original is never cut for the rendering, which goes first. */
static void note_body(struct board *b, const struct layout_frame *f, const struct layout_step *st, const struct item *it,
                      int text_w, int room, struct note_body *nb)
{
	struct text *t = b->text;
	memset(nb, 0, sizeof *nb);
	nb->gap = maxi(2, (int)(((long long)b->h * PHOTO_GAP_PM * f->scale + 500000) / 1000000));
	int left = room;
	if (it->photo) {
		int pw = it->photo_w > 0 ? it->photo_w : 4, ph = it->photo_h > 0 ? it->photo_h : 3;
		int w = maxi(1, text_w), h = (int)((long)w * ph / pw);
		int max_h = mini(w * PHOTO_MAX_PCT / 100, room * PHOTO_ROOM_PCT / 100);
		if (h > max_h) {
			h = maxi(1, max_h);
			w = maxi(1, (int)((long)h * pw / ph));
		}
		nb->photo_w = w;
		nb->photo_h = h;
		left -= h;
	}
	int has_text = it->text && *it->text;
	if (has_text) {
		if (nb->photo_h) left -= nb->gap;
		int lines = mini(maxi(1, lines_in(b, f, st->note_px, left)), NOTE_MAX_LINES);  /* the whole text is on the phones */
		nb->ns = style(TEXT_REGULAR, st->note_px, b->th->ink, text_w, lines);
		int w = 0;
		text_measure(t, it->text, &nb->ns, &w, &nb->text_h);
		left -= nb->text_h;
	} else {
		nb->ns = style(TEXT_REGULAR, st->note_px, b->th->ink, text_w, 1);
	}
	if (it->rendering) {
		/* a rule with the language tag on it, then the rendering in its own ink */
		int k = 0;
		for (const char *c = it->rendering_lang; c && *c && k < (int)sizeof nb->tag - 1; c++)
			nb->tag[k++] = *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c;
		nb->tag[k] = '\0';
		nb->tags = style(TEXT_BOLD, maxi(6, st->author_px * TAG_PCT / 100), b->th->rendering, 0, 1);
		int sep = text_height(t, TEXT_BOLD, nb->tags.px, 1);
		int avail = left - (has_text || nb->photo_h ? nb->gap : 0) - sep - nb->gap / 2;
		int lines = mini(lines_in(b, f, st->note_px, avail), NOTE_MAX_LINES);
		if (lines > 0) {
			nb->rs = style(TEXT_REGULAR, st->note_px, b->th->rendering, text_w, lines);
			int w = 0, h = 0;
			text_measure(t, it->rendering, &nb->rs, &w, &h);
			nb->sep_h = sep;
			nb->rend_h = (has_text || nb->photo_h ? nb->gap : 0) + sep + nb->gap / 2 + h;
			nb->rend_rtl = bidi_utf8_rtl(it->rendering);
		}
	}
	nb->h = nb->photo_h + (nb->photo_h && has_text ? nb->gap : 0) + nb->text_h + nb->rend_h;
}

/* The pill of an author line: the facilitator's badge in the accent colour; the mark of an idea
 * its table brought forward ("Tas vidare · Amal") in the warm colour of the locked phase's badge,
 * apart from the badge at a glance (white on it is a checked pair: theme.c "badge on phase"). */
static SDL_Color mark_colour(const struct board *b, const struct item *it)
{
	return it->facilitator ? b->th->accent : b->th->phase[PHASE_LOCKED];
}

/* The styles of item it's text and author line in frame f at step st, and its body. The text
 * is cut with "…" so that the note never grows taller than its area. Measuring and rendering
 * use the same styles, so they agree on the note's height. The author line shares its row
 * with the category label, right-aligned. */
static void note_styles(struct board *b, const struct layout_frame *f, const struct layout_step *st,
                        const struct item *it, int grouped, struct note_body *nb, struct text_style *as,
                        int *author_h, int *cat_w, int *cat_h)
{
	struct text *t = b->text;
	const struct activity *a = notes_activity(b);
	int text_w = grouped ? f->group_text_w : f->text_w;
	int cw = 0, ch = 0, picto;
	char label[SESSION_OPTION_MAX_CHARS * 4 + SESSION_PICTO_MAX_BYTES + 8];
	const char *cat = category_label(b, a, it, label, sizeof label, &picto);
	if (cat) {
		int px = category_px(st), pad = category_pad(px);
		struct text_style cs = category_style(b, px, it->category);
		int w = 0, h = 0;
		text_measure(t, cat, &cs, &w, &h);
		cw = mini(w + 2 * pad, text_w);
		ch = h + pad / 2;
	}
	int aw = 0, ah = 0;
	*as = style(TEXT_REGULAR, st->author_px, b->th->note_muted, maxi(1, text_w - (cw ? cw + f->small_gap : 0)), 1);
	if (it->facilitator || it->forward) {   /* bold on a pill, as wide as the row allows */
		int pad = category_pad(st->author_px);
		*as = style(TEXT_BOLD, st->author_px, ink_on(b, mark_colour(b, it)), maxi(1, as->wrap_w - 2 * pad), 1);
	}
	if (it->author) text_measure(t, it->author, as, &aw, &ah);
	if ((it->facilitator || it->forward) && ah > 0) ah += category_pad(st->author_px) / 2;
	int row = maxi(ah, ch);
	int room = grouped ? layout_group_note_text_room(f, row) : layout_note_text_room(f, row);
	note_body(b, f, st, it, text_w, room, nb);
	*author_h = row;
	*cat_w = cw;
	*cat_h = ch;
}

/* ---- photos ------------------------------------------------------------------------------
 * A photo is read from the session's photo folder the first time a layout shows it, decoded
 * and scaled down once (PHOTO_SRC_MAX), and kept as a texture of the size it is drawn; a new
 * size (the notes shrank, a window resized) makes a new texture from the decoded copy, not
 * from the file. A file that is missing or cannot be decoded is tried once and drawn as a
 * placeholder. Photos a layout does not show are forgotten (board_photos_sweep). */

static void photo_free(struct photo *p)
{
	if (p->src) SDL_FreeSurface(p->src);
	if (p->tex) SDL_DestroyTexture(p->tex);
	memset(p, 0, sizeof *p);
}

/* A stored name is "<sha256>.jpg|png" (the model checks it); nothing that could leave the
 * folder is opened, whatever a session file says. */
static int photo_name_ok(const char *f)
{
	if (!f || !*f || strlen(f) > SESSION_PHOTO_NAME_MAX) return 0;
	for (const char *c = f; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '.' || *c == '_' || *c == '-'))
			return 0;
	return f[0] != '.';
}

/* Read and decode p->file (once); p->failed when it cannot be. */
static void photo_load(struct board *b, struct photo *p)
{
	if (p->src || p->failed) return;
	p->failed = 1;
	if (!b->photo_dir || !photo_name_ok(p->file)) return;
	size_t n = strlen(b->photo_dir) + strlen(p->file) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", b->photo_dir, p->file);
	b->photo_loads++;
	SDL_Surface *s = IMG_Load(path);
	if (!s) {
		fprintf(stderr, "medskapa: %s: %s\n", path, IMG_GetError());   /* drawn as a placeholder */
		free(path);
		return;
	}
	free(path);
	int w = s->w, h = s->h;
	if (w <= 0 || h <= 0) {
		SDL_FreeSurface(s);
		return;
	}
	if (w > PHOTO_SRC_MAX || h > PHOTO_SRC_MAX) {
		if (w >= h) {
			h = maxi(1, (int)((long)h * PHOTO_SRC_MAX / w));
			w = PHOTO_SRC_MAX;
		} else {
			w = maxi(1, (int)((long)w * PHOTO_SRC_MAX / h));
			h = PHOTO_SRC_MAX;
		}
	}
	p->src = text_downscale(s, w, h);   /* ARGB8888 whatever the file's format, once */
	SDL_FreeSurface(s);
	p->failed = p->src == NULL;
}

/* The photo of file at w x h: 1 + its index in b->photos (its texture made if it can be). */
int board_photo_for(struct board *b, const char *file, int w, int h)
{
	size_t k;
	for (k = 0; k < b->n_photos; k++)
		if (b->photos[k].file[0] && strcmp(b->photos[k].file, file) == 0) break;
	if (k == b->n_photos) {
		/* a free slot, else a new one, else (full) one this layout has not used; slots never
		 * move, so the notes' indices stay right */
		for (k = 0; k < b->n_photos && b->photos[k].file[0]; k++) {}
		if (k == b->n_photos && b->n_photos >= PHOTO_CACHE_MAX) {
			for (k = 0; k < b->n_photos && b->photos[k].used; k++) {}
			if (k == b->n_photos) return 0;
			photo_free(&b->photos[k]);
		} else if (k == b->n_photos) {
			xgrow((void **)&b->photos, &b->cap_photos, b->n_photos + 1, sizeof *b->photos);
			k = b->n_photos++;
			memset(&b->photos[k], 0, sizeof b->photos[k]);
		}
		snprintf(b->photos[k].file, sizeof b->photos[k].file, "%s", file);
	}
	struct photo *p = &b->photos[k];
	p->used = 1;
	photo_load(b, p);
	if (!p->src || w <= 0 || h <= 0) return (int)k + 1;
	if (p->tex && p->tex_w == w && p->tex_h == h) return (int)k + 1;
	if (p->tex) SDL_DestroyTexture(p->tex);
	p->tex = NULL;
	/* shrink here with a box filter (the renderer's nearest pixel would alias); a photo
	 * smaller than its box is enlarged by the renderer, smoothly */
	SDL_Surface *sized = w < p->src->w || h < p->src->h ? text_downscale(p->src, mini(w, p->src->w), mini(h, p->src->h)) : NULL;
	p->tex = SDL_CreateTextureFromSurface(b->ren, sized ? sized : p->src);
	if (sized) SDL_FreeSurface(sized);
	if (p->tex) {
		SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_BLEND);
		SDL_SetTextureScaleMode(p->tex, SDL_ScaleModeLinear);
		p->tex_w = w;
		p->tex_h = h;
		p->serial = ++b->photo_serial;
	}
	return (int)k + 1;
}

void board_photo_draw(struct board *b, int k, struct layout_rect rc, int full_h, Uint8 a)
{
	const struct photo *ph = k > 0 && (size_t)k <= b->n_photos ? &b->photos[k - 1] : NULL;
	if (rc.w <= 0 || rc.h <= 0) return;
	if (ph && ph->tex) {
		int tw = 0, th = 0;
		SDL_QueryTexture(ph->tex, NULL, NULL, &tw, &th);   /* it may be smaller: the renderer enlarges */
		/* cut at the bottom (rc.h < full_h): the top of the photo */
		SDL_Rect src = { 0, 0, tw, (int)((long)th * rc.h / maxi(1, full_h)) }, dst = { rc.x, rc.y, rc.w, rc.h };
		SDL_SetTextureAlphaMod(ph->tex, a);
		SDL_RenderCopy(b->ren, ph->tex, &src, &dst);
		SDL_SetTextureAlphaMod(ph->tex, 255);
	} else if (a == 255) {
		board_photo_placeholder(b, rc);
	}
}

void board_photos_sweep(struct board *b)
{
	for (size_t k = 0; k < b->n_photos; k++) {
		if (!b->photos[k].used) photo_free(&b->photos[k]);   /* the slot stays, empty */
		b->photos[k].used = 0;
	}
	while (b->n_photos && !b->photos[b->n_photos - 1].file[0]) b->n_photos--;
}

void board_photos_clear(struct board *b)
{
	for (size_t k = 0; k < b->n_photos; k++) photo_free(&b->photos[k]);
	b->n_photos = 0;
}

/* layout_fit's measure: item i, measured (cached), not rendered. */
static void measure_note(void *ctx, size_t i, const struct layout_frame *f, const struct layout_step *st,
                         struct layout_note_in *out)
{
	struct board *b = ctx;
	const struct item *it = &b->room.items[i];
	struct note_body nb;
	struct text_style as;
	int author_h, cw, ch;
	note_styles(b, f, st, it, i < b->room.n_grouped, &nb, &as, &author_h, &cw, &ch);
	out->text_h = nb.h > 0 ? nb.h : f->note_line_h;
	out->author_h = author_h;
}

void board_layout_notes_mode(struct board *b, const struct layout_frame_in *fi, const struct text_sizes *ts)
{
	struct text *t = b->text;
	struct layout_step steps[LAYOUT_MAX_STEPS];
	b->n_steps = layout_note_steps(b->h, ts->note, ts->author, steps);
	for (int k = 0; k < b->n_steps; k++) {
		steps[k].note_line_h = text_line_height(t, TEXT_REGULAR, steps[k].note_px);
		steps[k].heading_h = text_height(t, TEXT_BOLD, steps[k].note_px, 1);
	}
	xgrow((void **)&b->lnotes, &b->cap_lnotes, b->room.n_items + 1, sizeof *b->lnotes);
	xgrow((void **)&b->lgroups, &b->cap_lgroups, b->room.n_groups + 1, sizeof *b->lgroups);
	xgrow((void **)&b->gin, &b->cap_gin, b->room.n_groups + 1, sizeof *b->gin);
	for (size_t g = 0; g < b->room.n_groups; g++) b->gin[g].n = b->room.groups[g].n;
	int more_h = text_height(t, TEXT_BOLD, ts->more, 1) + 2 * pm(b->h, 14);
	int foot_px = steps[b->n_steps - 1].author_px;
	int foot_h = text_height(t, TEXT_BOLD, foot_px, 1);
	struct layout_fit fit;
	layout_fit_groups(fi, steps, b->n_steps, b->gin, b->room.n_groups, b->room.n_items, measure_note, b, more_h, foot_h,
	                  b->lnotes, b->lgroups, &fit);
	b->n_pages = 1;
	b->all_fit = fit.placed == b->room.n_items;
	if (!b->all_fit && (b->room.can_group || b->room.by_table) && !(b->card_mode == CARD_AUTO && !b->card_small)) {
		/* Pages: the smallest notes, a strip at the bottom for the indicator. */
		struct layout_frame_in pin = *fi;
		pin.pager_h = text_height(t, TEXT_BOLD, ts->more, 1) + pm(b->h, 8);
		xgrow((void **)&b->page_of, &b->cap_page_of, b->room.n_items + 1, sizeof *b->page_of);
		const struct layout_step *last = &steps[b->n_steps - 1];
		if (b->room.n_groups == 0) {
			pin.note_scale = last->scale;
			pin.note_line_h = last->note_line_h;
			pin.heading_h = last->heading_h;
			memset(&fit, 0, sizeof fit);
			fit.step = b->n_steps - 1;
			layout_frame(&pin, &fit.frame);
			b->n_pages = layout_paginate(&fit.frame, last, NULL, b->room.n_items, measure_note, b, 0, b->lnotes,
			                             b->page_of);
			fit.placed = b->room.n_items;
		} else {
			/* Page 1: the groups as they fit (with their footers); the notes not shown there go
			 * on the next pages, in order. */
			layout_fit_groups(&pin, steps, b->n_steps, b->gin, b->room.n_groups, b->room.n_items, measure_note, b, more_h,
			                  foot_h, b->lnotes, b->lgroups, &fit);
			size_t *rest = xcalloc(b->room.n_items + 1, sizeof *rest), m = 0;
			for (size_t i = 0; i < b->room.n_items; i++) {
				if (b->lnotes[i].note.w > 0) b->page_of[i] = 0;
				else rest[m++] = i;
			}
			b->n_pages = 1 + layout_paginate(&fit.frame, last, rest, m, measure_note, b, 1, b->lnotes, b->page_of);
			free(rest);
			fit.more = (struct layout_rect){ 0, 0, 0, 0 };
			fit.placed = b->room.n_items;
		}
	}
	if (b->n_pages > 1 && b->page >= b->n_pages) b->page = b->n_pages - 1;
	b->frame = fit.frame;
	b->step = steps[fit.step];
	b->step_i = fit.step;
	b->n_placed = fit.placed;
	b->groups_placed = fit.groups_placed;
	b->more = fit.more;

	const struct layout_frame *f = &b->frame;
	int prev_colour = -1, above[LAYOUT_MAX_COLUMNS];
	for (int c = 0; c < LAYOUT_MAX_COLUMNS; c++) above[c] = -1;
	const struct activity *a = notes_activity(b);
	for (size_t i = 0; i < b->room.n_items; i++) {
		if (!shown(b, i)) continue;
		const struct item *it = &b->room.items[i];
		struct item_look *lk = &b->ilook[i];
		struct note_body nb;
		struct text_style as;
		int author_h, cw, ch;
		note_styles(b, f, &b->step, it, i < b->room.n_grouped, &nb, &as, &author_h, &cw, &ch);
		lk->author_img = it->author ? text_render(t, it->author, &as) : NULL;
		lk->text_img = nb.text_h > 0 ? text_render(t, it->text, &nb.ns) : NULL;
		lk->rend_img = nb.rend_h > 0 ? text_render(t, it->rendering, &nb.rs) : NULL;
		lk->tag_img = nb.rend_h > 0 && nb.tag[0] ? text_render(t, nb.tag, &nb.tags) : NULL;
		lk->photo_w = nb.photo_w;
		lk->photo_h = nb.photo_h;
		lk->text_h = nb.text_h;
		lk->sep_h = nb.sep_h;
		lk->rend_h = nb.rend_h;
		lk->gap = nb.gap;
		lk->rend_rtl = nb.rend_rtl;
		lk->photo = it->photo ? board_photo_for(b, it->photo, nb.photo_w, nb.photo_h) : 0;
		lk->cat_img = NULL;
		lk->cat_w = cw;
		lk->cat_h = ch;
		char label[SESSION_OPTION_MAX_CHARS * 4 + SESSION_PICTO_MAX_BYTES + 8];
		const char *cat = category_label(b, a, it, label, sizeof label, &lk->picto);
		if (cw > 0) {
			int px = category_px(&b->step);
			struct text_style cs = category_style(b, px, it->category);
			cs.wrap_w = maxi(1, cw - 2 * category_pad(px));
			lk->cat_img = text_render(t, cat, &cs);
		}
		lk->look = fnv_str(fnv_str(fnv_str(FNV_OFFSET, it->text), it->author), cw > 0 ? cat : NULL);
		lk->look = fnv_bytes(lk->look, &it->facilitator, sizeof it->facilitator);
		lk->look = fnv_str(fnv_str(lk->look, lk->rend_img ? it->rendering : NULL), lk->tag_img ? nb.tag : NULL);
		if (lk->photo) {   /* the photo's pixels as drawn: its texture, or the placeholder */
			const struct photo *ph = &b->photos[lk->photo - 1];
			unsigned long serial = ph->tex ? ph->serial : 0;
			lk->look = fnv_bytes(fnv_str(lk->look, ph->file), &serial, sizeof serial);
		}
		int body[6] = { lk->photo_w, lk->photo_h, lk->text_h, lk->sep_h, lk->rend_h, lk->gap * 2 + lk->rend_rtl };
		lk->look = fnv_bytes(lk->look, body, sizeof body);
		const struct layout_note *ln = &b->lnotes[i];
		int colour = note_colour(it->id, above[ln->column], prev_colour);
		above[ln->column] = prev_colour = colour;
		lk->colour = colour;
	}
	for (size_t g = 0; g < b->groups_placed; g++) {
		const struct gview *gv = &b->room.groups[g];
		struct group_look *gl = &b->glook[g];
		const struct layout_group *lg = &b->lgroups[g];
		char n[16];
		snprintf(n, sizeof n, "%zu", gv->n);
		int hpx = b->step.note_px;  /* the heading as big as the notes' text, in bold */
		struct text_style cs = style(TEXT_BOLD, hpx, b->th->muted, 0, 1);
		gl->count_img = text_render(t, n, &cs);
		int cw = gl->count_img ? gl->count_img->w + pm(b->h, 10) : 0;
		struct text_style hs = style(TEXT_BOLD, hpx, b->th->group_ink, maxi(1, lg->heading.w - cw), 1);
		gl->name_img = text_render(t, gv->name, &hs);
		gl->more_img = NULL;
		if (lg->more.h > 0) {  /* the notes of this group that are not shown */
			char more[64];
			board_count(b, more, sizeof more, W_BOARD_MORE, (long)(lg->n - lg->placed));
			struct text_style fs = style(TEXT_BOLD, foot_px, b->th->more_ink, lg->more.w, 1);
			gl->more_img = text_render(t, more, &fs);
		}
	}
	/* The tile counts what no group footer counts: ungrouped notes, and groups left out. */
	b->more_n = b->room.n_items - b->n_placed;
	for (size_t g = 0; g < b->groups_placed && b->n_pages < 2; g++) b->more_n -= b->lgroups[g].n - b->lgroups[g].placed;
	b->more_label[0] = '\0';
	b->more_text = NULL;
	if (b->more_n == 0) b->more = (struct layout_rect){ 0, 0, 0, 0 };
	if (b->more.h > 0) {
		board_count(b, b->more_label, sizeof b->more_label, W_BOARD_MORE, (long)b->more_n);
		struct text_style ms = style(TEXT_BOLD, ts->more, b->th->more_ink, b->more.w, 1);
		b->more_text = text_render(t, b->more_label, &ms);
	}
	/* The page indicator: "Page 2 of 4" and a dot a page; groups are on the first page. */
	b->pager_text = NULL;
	b->pager_label[0] = '\0';
	if (b->n_pages > 1) {
		word_ni(b->pager_label, sizeof b->pager_label, board_word(b, W_BOARD_PAGE), (long)b->n_pages, (long)b->page + 1);
		struct text_style ps = style(TEXT_BOLD, ts->more, b->th->ink, maxi(1, f->pager.w / 2), 1);
		b->pager_text = text_render(t, b->pager_label, &ps);
		if (b->page > 0) b->groups_placed = 0;
	}
}

/* ---- drawing --------------------------------------------------------------------------------- */

static int item_index(const struct board *b, uint32_t id)
{
	for (size_t i = 0; i < b->room.n_items; i++)
		if (shown(b, i) && b->room.items[i].id == id) return (int)i;
	return -1;
}

/* The author line of note i in its row (ax, ay, w, h): the name, or the facilitator's badge
 * (the word on a pill in the accent colour), alpha a. */
static void draw_author(struct board *b, size_t i, int ax, int ay, int h, Uint8 a)
{
	const struct item *it = &b->room.items[i];
	const struct text_img *img = b->ilook[i].author_img;
	if (!img) return;
	if (!it->facilitator && !it->forward) {
		text_draw(b->text, img, ax, ay + (h - img->h) / 2, h);
		return;
	}
	int pad = category_pad(b->step.author_px), ph = mini(h, img->h + pad / 2);
	struct layout_rect pill = { ax, ay + (h - ph) / 2, img->w + 2 * pad, ph };
	SDL_Color c = mark_colour(b, it);
	c.a = a;
	board_fill_round(b, pill, pill.h / 2, c);
	board_text_center(b, img, pill);
}

/* The body of note i (photo, text, rendering) with its text rect moved by (dx, dy), alpha a;
 * nothing below the text rect's bottom. */
static void draw_body(struct board *b, size_t i, int dx, int dy, Uint8 a)
{
	const struct layout_note *ln = &b->lnotes[i];
	const struct item_look *lk = &b->ilook[i];
	int x = ln->text.x + dx, y = ln->text.y + dy, w = ln->text.w, bottom = y + ln->text.h;
	if (lk->photo_h > 0) {
		struct layout_rect pr = { x + (w - lk->photo_w) / 2, y, lk->photo_w, mini(lk->photo_h, bottom - y) };
		board_photo_draw(b, lk->photo, pr, lk->photo_h, a);
		y += lk->photo_h + (lk->text_h ? lk->gap : 0);
	}
	if (lk->text_img && y < bottom) text_draw(b->text, lk->text_img, x, y, mini(lk->text_h, bottom - y));
	y += lk->text_h;
	if (lk->rend_h > 0 && y < bottom) {
		y += lk->rend_h - lk->sep_h - lk->gap / 2 - (lk->rend_img ? lk->rend_img->h : 0);
		/* the rule across the note, the language tag at the rendering's start */
		int tw = lk->tag_img ? lk->tag_img->w : 0, tgap = tw ? maxi(4, lk->sep_h / 3) : 0;
		int th = maxi(1, pm(b->h, 2));
		SDL_Color rc = b->th->rendering;
		rc.a = (Uint8)(a * 96 / 255);
		int rule_y = y + lk->sep_h / 2 - th / 2;
		if (lk->rend_rtl) {
			board_fill_rect(b, (struct layout_rect){ x, rule_y, maxi(0, w - tw - tgap), th }, rc);
			if (lk->tag_img) text_draw(b->text, lk->tag_img, x + w - tw, y, lk->sep_h);
		} else {
			if (lk->tag_img) text_draw(b->text, lk->tag_img, x, y, lk->sep_h);
			board_fill_rect(b, (struct layout_rect){ x + tw + tgap, rule_y, maxi(0, w - tw - tgap), th }, rc);
		}
		y += lk->sep_h + lk->gap / 2;
		if (lk->rend_img && y < bottom) text_draw(b->text, lk->rend_img, x, y, bottom - y);
	}
}

/* Draw note i with its top-left corner at (x, y); alpha 255 = opaque. */
static void draw_note_at(struct board *b, size_t i, int x, int y, Uint8 alpha)
{
	const struct layout_note *ln = &b->lnotes[i];
	const struct item *it = &b->room.items[i];
	const struct item_look *lk = &b->ilook[i];
	int r = maxi(2, pm(b->h, 6));
	int dx = x - ln->note.x, dy = y - ln->note.y;
	struct layout_rect nr = { x, y, ln->note.w, ln->note.h };
	SDL_Color c = b->th->notes[lk->colour];
	c.a = alpha;
	board_fill_card(b, nr, r, c);
	if (alpha != 255) return;  /* a ghost: only where the note was */
	draw_body(b, i, dx, dy, 255);
	if (ln->author.h > 0) {
		int ay = ln->author.y + dy;
		draw_author(b, i, ln->author.x + dx, ay, ln->author.h, 255);
		if (lk->cat_w > 0 && lk->cat_img) {
			struct layout_rect pill = { ln->author.x + dx + ln->author.w - lk->cat_w,
			                            ay + (ln->author.h - lk->cat_h) / 2, lk->cat_w, lk->cat_h };
			board_fill_round(b, pill, pill.h / 2, b->th->categories[(size_t)it->category % N_CATEGORY_COLOURS]);
			board_text_center(b, lk->cat_img, pill);
		}
	}
}

/* An arriving note: drawn whole, its colour and text at alpha a. */
static void draw_note_faded(struct board *b, size_t i, int x, int y, Uint8 a)
{
	const struct item_look *lk = &b->ilook[i];
	const struct text_img *imgs[5] = { lk->text_img, lk->author_img, lk->cat_img, lk->rend_img, lk->tag_img };
	for (int k = 0; k < 5; k++)
		if (imgs[k] && imgs[k]->tex) SDL_SetTextureAlphaMod(imgs[k]->tex, a);
	SDL_Color c = b->th->notes[lk->colour];
	c.a = a;
	const struct layout_note *ln = &b->lnotes[i];
	int r = maxi(2, pm(b->h, 6));
	board_fill_round(b, (struct layout_rect){ x, y, ln->note.w, ln->note.h }, r, c);
	int dx = x - ln->note.x, dy = y - ln->note.y;
	draw_body(b, i, dx, dy, a);
	if (ln->author.h > 0) draw_author(b, i, ln->author.x + dx, ln->author.y + dy, ln->author.h, a);
	for (int k = 0; k < 5; k++)  /* the textures are shared through the cache */
		if (imgs[k] && imgs[k]->tex) SDL_SetTextureAlphaMod(imgs[k]->tex, 255);
}

/* ---- notes as textures -------------------------------------------------------------------
 * The software renderer spends a frame filling and blending pixels: a note's fill, its text,
 * its rounded corners and the layers of its shadow, one by one. A note that has not changed
 * looks the same in every frame, so it is drawn once into a texture of its own, over the flat
 * colour behind it (the background, or its group's), and then copied as it is: opaque, row by
 * row. Its shadow and edge, which reach past the note, are copied first with the other notes'
 * shadows, the note itself after them, as the pieces were drawn before. */

/* The flat colour behind note i with its margins m, into *under; 0 if there is none (a group
 * note too near its group's rounded edge). */
static int note_under(const struct board *b, size_t i, const int m[4], SDL_Color *under)
{
	const struct layout_rect *n = &b->lnotes[i].note;
	if (i >= b->room.n_grouped) {
		*under = b->th->bg;
		return under->a == 255;
	}
	int gr = maxi(2, pm(b->h, 10));
	for (size_t g = 0; g < b->groups_placed; g++) {
		if (b->room.groups[g].id != b->room.items[i].group) continue;
		const struct layout_rect *a = &b->lgroups[g].area;
		*under = b->th->group_bg;
		return under->a == 255 && b->th->bg.a == 255 && n->x - m[0] >= a->x + gr && n->y - m[1] >= a->y + gr &&
		       n->x + n->w + m[2] <= a->x + a->w - gr && n->y + n->h + m[3] <= a->y + a->h - gr;
	}
	return 0;
}

static void note_tex_drop(struct board *b, size_t k)
{
	if (b->ntex[k].tex) SDL_DestroyTexture(b->ntex[k].tex);
	b->ntex[k] = b->ntex[--b->n_ntex];
}

void board_note_tex_clear(struct board *b)
{
	while (b->n_ntex) note_tex_drop(b, b->n_ntex - 1);
}

/* Forget the notes not drawn in the last frame. */
static void note_tex_sweep(struct board *b)
{
	for (size_t k = b->n_ntex; k-- > 0;)
		if (!b->ntex[k].used) note_tex_drop(b, k);
	for (size_t k = 0; k < b->n_ntex; k++) b->ntex[k].used = 0;
}

/* Note i (shown, opaque, where the layout put it) as a texture: the cached one if nothing it
 * shows has changed, else drawn now. NULL when it cannot be one: then draw it piece by piece. */
static const struct note_tex *note_tex(struct board *b, size_t i)
{
	if (!b->ntex_format) return NULL;
	const struct layout_note *ln = &b->lnotes[i];
	const struct item *it = &b->room.items[i];
	const struct item_look *lk = &b->ilook[i];
	int r = maxi(2, pm(b->h, 6)), m[4];
	board_card_margins(b, ln->note.w, ln->note.h, m);
	SDL_Color under;
	if (!note_under(b, i, m, &under)) return NULL;
	struct {  /* what the pixels depend on; no padding: all ints */
		int w, h, r, win_h, m[4], colour, category, theme;
		int text[4], author[4], cat[2];
		int imgs[3][3];
		SDL_Color colours[7];   /* note, under, shadow, edge, ink, muted, category */
	} k;
	memset(&k, 0, sizeof k);
	k.w = ln->note.w;
	k.h = ln->note.h;
	k.r = r;
	k.win_h = b->h;
	memcpy(k.m, m, sizeof k.m);
	k.colour = lk->colour;
	k.category = it->category;
	k.theme = b->theme_i;
	int rel[8] = { ln->text.x - ln->note.x, ln->text.y - ln->note.y, ln->text.w, ln->text.h,
	               ln->author.x - ln->note.x, ln->author.y - ln->note.y, ln->author.w, ln->author.h };
	memcpy(k.text, rel, sizeof k.text);
	memcpy(k.author, rel + 4, sizeof k.author);
	k.cat[0] = lk->cat_w;
	k.cat[1] = lk->cat_h;
	const struct text_img *imgs[3] = { lk->text_img, lk->author_img, lk->cat_img };
	for (int j = 0; j < 3; j++)
		if (imgs[j]) {
			k.imgs[j][0] = imgs[j]->w;
			k.imgs[j][1] = imgs[j]->h;
			k.imgs[j][2] = imgs[j]->lines;
		}
	const SDL_Color cs[7] = { b->th->notes[lk->colour], under, b->th->shadow, b->th->edge, b->th->ink,
	                          b->th->note_muted, b->th->categories[(size_t)(it->category < 0 ? 0 : it->category) %
	                                                                N_CATEGORY_COLOURS] };
	memcpy(k.colours, cs, sizeof cs);
	if (cs[0].a != 255) return NULL;
	uint64_t key = fnv_bytes(lk->look, &k, sizeof k);

	struct note_tex *nt = NULL;
	for (size_t j = 0; j < b->n_ntex && !nt; j++)
		if (b->ntex[j].id == it->id) nt = &b->ntex[j];
	int tw = m[0] + k.w + m[2], th = m[1] + k.h + m[3];
	if (nt && nt->key == key && nt->w == tw && nt->h == th) {
		nt->used = 1;
		return nt;
	}
	if (!nt) {
		if (b->n_ntex >= NOTE_TEX_MAX) return NULL;
		xgrow((void **)&b->ntex, &b->cap_ntex, b->n_ntex + 1, sizeof *b->ntex);
		nt = &b->ntex[b->n_ntex++];
		*nt = (struct note_tex){ .id = it->id };
	}
	if (nt->tex && (nt->w != tw || nt->h != th)) {
		SDL_DestroyTexture(nt->tex);
		nt->tex = NULL;
	}
	if (!nt->tex) nt->tex = SDL_CreateTexture(b->ren, b->ntex_format, SDL_TEXTUREACCESS_TARGET, tw, th);
	if (!nt->tex || SDL_SetTextureBlendMode(nt->tex, SDL_BLENDMODE_NONE) < 0 ||
	    SDL_SetRenderTarget(b->ren, nt->tex) < 0) {
		note_tex_drop(b, (size_t)(nt - b->ntex));
		b->ntex_format = 0;  /* no render targets here: draw piece by piece from now on */
		return NULL;
	}
	nt->key = key;
	nt->w = tw;
	nt->h = th;
	nt->ml = m[0];
	nt->mt = m[1];
	nt->used = 1;
	board_fill_rect(b, (struct layout_rect){ 0, 0, tw, th }, under);
	board_shadow(b, (struct layout_rect){ m[0], m[1], k.w, k.h }, r);
	draw_note_at(b, i, m[0], m[1], 255);
	SDL_SetRenderTarget(b->ren, NULL);
	return nt;
}

static const struct note_tex *note_tex_find(const struct board *b, uint32_t id)
{
	for (size_t j = 0; j < b->n_ntex; j++)
		if (b->ntex[j].id == id && b->ntex[j].used) return &b->ntex[j];
	return NULL;
}

/* Copy part (x, y, w, h) of nt to the screen, its note's corner at (nx, ny). */
static void note_tex_copy(struct board *b, const struct note_tex *nt, int nx, int ny, int x, int y, int w, int h)
{
	if (w <= 0 || h <= 0) return;
	SDL_Rect src = { x, y, w, h }, dst = { nx - nt->ml + x, ny - nt->mt + y, w, h };
	SDL_RenderCopy(b->ren, nt->tex, &src, &dst);
}

/* What note i shows past its edges (shadow, edge): in place of board_shadow(). */
static void note_tex_margins(struct board *b, const struct note_tex *nt, const struct layout_rect *n)
{
	int mr = nt->w - nt->ml - n->w, mb = nt->h - nt->mt - n->h;
	note_tex_copy(b, nt, n->x, n->y, 0, 0, nt->w, nt->mt);
	note_tex_copy(b, nt, n->x, n->y, 0, nt->mt + n->h, nt->w, mb);
	note_tex_copy(b, nt, n->x, n->y, 0, nt->mt, nt->ml, n->h);
	note_tex_copy(b, nt, n->x, n->y, nt->ml + n->w, nt->mt, mr, n->h);
}

/* Where a drop at (x, y) would go: a note (*note), a group (*group), or neither. */
void board_drop_target(const struct board *b, int x, int y, uint32_t dragged, int *note, int *group)
{
	*note = *group = -1;
	struct layout_rect p = { x, y, 1, 1 };
	for (size_t i = 0; i < b->room.n_items; i++)
		if (shown(b, i) && b->room.items[i].id != dragged && layout_rect_overlap(&p, &b->lnotes[i].note)) {
			*note = (int)i;
			return;
		}
	for (size_t g = 0; g < b->groups_placed; g++)
		if (layout_rect_overlap(&p, &b->lgroups[g].area)) {
			*group = (int)g;
			return;
		}
}

/* "Page 2 of 4" centred at the bottom of the notes area, a dot a page after it (the current
 * one filled); more than PAGER_DOTS pages: the words alone. */
static void draw_pager(struct board *b)
{
	const struct layout_rect *p = &b->frame.pager;
	if (b->n_pages < 2 || p->h <= 0 || !b->pager_text) return;
	int d = maxi(6, p->h * 2 / 5), gap = d * 3 / 4;
	size_t n = b->n_pages <= PAGER_DOTS ? b->n_pages : 0;
	int dots_w = n ? (int)n * d + (int)(n - 1) * gap : 0;
	int tw = b->pager_text->w, total = tw + (n ? 2 * d + dots_w : 0);
	int x = p->x + (p->w - total) / 2;
	text_draw(b->text, b->pager_text, x, p->y + (p->h - b->pager_text->h) / 2, p->h);
	x += tw + 2 * d;
	for (size_t i = 0; i < n; i++, x += d + gap) {
		struct layout_rect dot = { x, p->y + (p->h - d) / 2, d, d };
		if (i == b->page) {
			board_fill_round(b, dot, d / 2, b->th->ink);
		} else {
			board_fill_round(b, dot, d / 2, b->th->muted);
			int th = maxi(1, d / 6);
			board_fill_round(b, (struct layout_rect){ dot.x + th, dot.y + th, d - 2 * th, d - 2 * th }, d / 2 - th, b->th->bg);
		}
	}
}

void board_draw_notes(struct board *b)
{
	int r = maxi(2, pm(b->h, 6));
	int gr = maxi(2, pm(b->h, 10));
	int dragging = b->drag.pressed && b->drag.moved ? item_index(b, b->drag.idea) : -1;
	int t_note = -1, t_group = -1;
	if (dragging >= 0) board_drop_target(b, b->drag.x, b->drag.y, b->drag.idea, &t_note, &t_group);
	if (t_note >= 0 && b->room.items[t_note].group) {  /* a note in a group: the drop goes to its group */
		for (size_t g = 0; g < b->groups_placed; g++)
			if (b->room.groups[g].id == b->room.items[t_note].group) t_group = (int)g;
		t_note = -1;
	}
	for (size_t g = 0; g < b->groups_placed; g++) {
		const struct layout_group *lg = &b->lgroups[g];
		const struct group_look *gl = &b->glook[g];
		if ((int)g == t_group) board_outline_round(b, lg->area, gr, maxi(2, pm(b->h, 4)), b->th->drop);
		board_fill_round(b, lg->area, gr, b->th->group_bg);
		text_draw(b->text, gl->name_img, lg->heading.x, lg->heading.y, lg->heading.h);
		if (gl->count_img)
			text_draw(b->text, gl->count_img, lg->heading.x + lg->heading.w - gl->count_img->w, lg->heading.y,
			          lg->heading.h);
		if (gl->more_img) board_text_center(b, gl->more_img, lg->more);
	}
	/* 0..1000 through the animation, eased out (fast start, soft landing) */
	int k = 1000;
	if (b->anim_active) {
		Uint32 el = SDL_GetTicks() - b->anim_start;
		k = el >= ANIM_MS ? 1000 : (int)(el * 1000 / ANIM_MS);
		k = 1000 - (1000 - k) * (1000 - k) / 1000;
	}
	int rise = pm(b->h, 24);
	for (size_t i = 0; i < b->room.n_items; i++)
		if (shown(b, i) && (int)i != dragging && (k == 1000 || b->ilook[i].anim == ANIM_NONE)) {
			const struct note_tex *nt = note_tex(b, i);
			if (nt) note_tex_margins(b, nt, &b->lnotes[i].note);
			else board_shadow(b, b->lnotes[i].note, r);
		}
	for (size_t i = 0; i < b->room.n_items; i++) {
		if (!shown(b, i)) continue;
		const struct layout_note *ln = &b->lnotes[i];
		const struct item *it = &b->room.items[i];
		const struct item_look *lk = &b->ilook[i];
		if ((int)i == t_note) board_outline_round(b, ln->note, r, maxi(2, pm(b->h, 4)), b->th->drop);
		if (k < 1000 && lk->anim == ANIM_ARRIVE) {
			draw_note_faded(b, i, ln->note.x, ln->note.y + rise * (1000 - k) / 1000, (Uint8)(k * 255 / 1000));
			continue;
		}
		if (k < 1000 && lk->anim == ANIM_MOVE) {
			draw_note_at(b, i, lk->from_x + (ln->note.x - lk->from_x) * k / 1000,
			             lk->from_y + (ln->note.y - lk->from_y) * k / 1000, 255);
			continue;
		}
		const struct note_tex *nt = (int)i != dragging ? note_tex_find(b, it->id) : NULL;
		if (nt) note_tex_copy(b, nt, ln->note.x, ln->note.y, nt->ml, nt->mt, ln->note.w, ln->note.h);
		else draw_note_at(b, i, ln->note.x, ln->note.y, (int)i == dragging ? 90 : 255);
	}
	if (b->more.h > 0) {
		board_fill_round(b, b->more, b->more.h / 2, b->th->more_bg);
		board_text_center(b, b->more_text, b->more);
	}
	draw_pager(b);
	note_tex_sweep(b);
	if (dragging >= 0) {  /* the dragged note follows the pointer, above everything */
		const struct layout_note *ln = &b->lnotes[dragging];
		struct layout_rect at = { b->drag.x - b->drag.dx, b->drag.y - b->drag.dy, ln->note.w, ln->note.h };
		board_shadow(b, (struct layout_rect){ at.x, at.y + pm(b->h, 4), at.w, at.h }, r);
		draw_note_at(b, (size_t)dragging, at.x, at.y, 255);
	}
}
