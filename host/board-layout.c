/* board-layout.c: the frame: the whole layout (each mode's part through its file), the header
 * and the join card laid out and drawn (kept as panels), and the animation plan. */
#include "board-int.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- layout -------------------------------------------------------------------------------- */

/* What the signals counter says: the counts of each kind given (a pictogram, or the kind's
 * word when the board has no colour emoji, and the number), into *total; the same and then the
 * languages that ask, most first ("TI 2 · FA 1"), into *langs. */
static void signals_texts(const struct board *b, char *total, size_t tlen, char *langs, size_t llen)
{
	static const char *const icons[SIGNAL_KINDS] = {
		"\xf0\x9f\x97\xa3\xef\xb8\x8f",   /* U+1F5E3 U+FE0F speaking head: please interpret */
		"\xf0\x9f\x90\xa2",                 /* U+1F422 turtle: slower please */
		"\xe2\x9d\x93",                     /* U+2753 question mark: I did not understand */
	};
	static const enum word_id names[SIGNAL_KINDS] = { W_BOARD_SIGNAL_INTERPRET, W_BOARD_SIGNAL_SLOWER,
	                                                  W_BOARD_SIGNAL_UNCLEAR };
	const struct signals_view *sv = &b->room.signals;
	size_t o = 0;
	total[0] = '\0';
	for (int k = 0; k < SIGNAL_KINDS; k++) {
		if (sv->count[k] <= 0 || o >= tlen) continue;
		const char *what = text_can_draw(b->text, TEXT_BOLD, icons[k]) && text_has_emoji(b->text) ? icons[k]
		                 : board_word(b, names[k]);
		int n = snprintf(total + o, tlen - o, "%s%s\xc2\xa0%d", o ? "   " : "", what, sv->count[k]);
		if (n > 0) o += (size_t)n;
	}
	snprintf(langs, llen, "%s", total);
	o = strlen(langs);
	int first = 1;
	for (size_t i = 0; i < sv->n_langs && o < llen; i++) {
		if (!sv->langs[i].lang[0]) continue;   /* a phone that gave no language */
		char tag[SESSION_LANG_MAX + 1];
		size_t k = 0;
		for (const char *c = sv->langs[i].lang; *c && k < sizeof tag - 1; c++)
			tag[k++] = *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c;
		tag[k] = '\0';
		int n = snprintf(langs + o, llen - o, "%s%s\xc2\xa0%d", first ? "   \xc2\xb7   " : " \xc2\xb7 ", tag, sv->langs[i].n);
		if (n > 0) o += (size_t)n;
		first = 0;
	}
	if (o >= llen) snprintf(langs, llen, "%s", total);   /* cut: the totals alone */
}

/* Lay out the header (title row, question, timer, join card) and fill *fi with what the
 * frame needs at any note scale. */
static void layout_header(struct board *b, const struct board_view *v, const struct text_sizes *ts,
                          int empty, struct layout_frame_in *fi)
{
	const struct session *s = v->session;
	const struct activity *act = s ? session_current(s) : NULL;
	const char *url = nonempty(v->join_url);
	struct text *t = b->text;
	board_qr_update(&b->join_qr, url);

	int scan_px = empty ? ts->big_scan : ts->scan;
	int url_px = empty ? ts->big_url : ts->url;
	int phones_px = empty ? ts->big_phones : ts->phones;
	int small = !empty && b->card_small;
	if (small) {   /* the small card: its text a size smaller too, never below the readable floor */
		scan_px = maxi(ts->author, scan_px * 80 / 100);
		url_px = maxi(ts->author, url_px * 80 / 100);
		phones_px = maxi(ts->author, phones_px * 80 / 100);
	}
	char phones[96], widest[96];
	board_count(b, phones, sizeof phones, W_BOARD_PHONES, v->phones);
	/* Measure the phones line in each of its forms (none, and every plural category, with up
	 * to four digits), so the card and the question beside it keep their size as phones come
	 * and go. */
	static const long forms[] = { 0, 1, 2, 3, 11, 100, 8888 };
	int pw = 0;
	for (size_t i = 0; i < NELEM(forms); i++) {
		board_count(b, widest, sizeof widest, W_BOARD_PHONES, forms[i]);
		pw = maxi(pw, text_width(t, TEXT_REGULAR, phones_px, widest));
	}
	b->phones_dot = maxi(4, phones_px * 9 / 16);
	int dot_w = b->phones_dot * 2;
	int url_w = 0, url_h = 0;  /* a long address wraps: the card is as wide as its lines */
	struct text_style us = style(TEXT_REGULAR, url_px, b->th->accent, layout_join_max_w(b->w), 0);
	if (url) text_measure(t, url, &us, &url_w, &url_h);

	/* the title row: agenda position and phase badge */
	b->agenda_text[0] = '\0';
	int badge_pad = maxi(2, ts->badge * 6 / 10);
	int badge_w = 0, badge_h = 0, agenda_w = 0;
	if (act) {
		char pos[32];
		word_ni(pos, sizeof pos, board_word(b, W_BOARD_AGENDA), b->room.n_acts, b->room.act_index);
		/* the title isolated (FSI ... PDI, its own controls gone): it cannot move the position */
		char *name = utf8_bidi_clean(nonempty(act->title) ? act->title : board_word(b, board_kind_word(act->kind)));
		snprintf(b->agenda_text, sizeof b->agenda_text, "%s \xc2\xb7 \xe2\x81\xa8%s\xe2\x81\xa9", pos, name);
		free(name);
		agenda_w = text_width(t, TEXT_REGULAR, ts->title, b->agenda_text);
		badge_w = text_width(t, TEXT_BOLD, ts->badge, board_word(b, board_phase_word(act->phase))) + 2 * badge_pad;
		badge_h = text_height(t, TEXT_BOLD, ts->badge, 1) + badge_pad * 2 / 3;
	}
	/* the countdown: its box fits the widest value it can show */
	int timer_w = 0, timer_h = 0;
	if (b->room.timer_state != TIMER_NONE) {
		const char *widest_t = act->timer.duration_ms >= 3600000 || b->room.timer_left >= 3600000 ? "8:88:88" : "88:88";
		int tpad = pm(b->h, 12);
		timer_w = maxi(text_width(t, TEXT_BOLD, ts->timer, widest_t),
		               text_width(t, TEXT_REGULAR, ts->timer_label, board_word(b, W_TIMER_UP))) + 2 * tpad;
		timer_h = text_height(t, TEXT_BOLD, ts->timer, 1) + text_height(t, TEXT_REGULAR, ts->timer_label, 1) + tpad;
	}
	/* the signals counter at the end of the title row: with the languages when they fit */
	char sig_total[128], sig_langs[256];
	int sig_pad = badge_pad, sig_w = 0, sig_total_w = 0, sig_h = 0;
	sig_total[0] = sig_langs[0] = '\0';
	if (b->room.signals.level > 0) {
		signals_texts(b, sig_total, sizeof sig_total, sig_langs, sizeof sig_langs);
		sig_total_w = text_width(t, TEXT_BOLD, ts->badge, sig_total) + 2 * sig_pad;
		sig_w = text_width(t, TEXT_BOLD, ts->badge, sig_langs) + 2 * sig_pad;
		sig_h = text_height(t, TEXT_BOLD, ts->badge, 1) + sig_pad * 2 / 3;
	}
	*fi = (struct layout_frame_in){
		.win_w = b->w, .win_h = b->h,
		.qr_modules = qr_side(&b->join_qr.qr), .qr_quiet = QR_QUIET,
		.title_h = text_height(t, TEXT_BOLD, ts->title, 1),
		.join_w = maxi(maxi(text_width(t, TEXT_BOLD, scan_px, board_word(b, W_BOARD_SCAN_TO_JOIN)), url_w),
		               dot_w + pw),
		.scan_h = text_height(t, TEXT_BOLD, scan_px, 1),
		.url_h = maxi(url_h, text_height(t, TEXT_REGULAR, url_px, 1)),
		.phones_h = text_height(t, TEXT_REGULAR, phones_px, 1),
		.note_line_h = text_line_height(t, TEXT_REGULAR, ts->note),
		.empty = empty,
		.empty_h = empty ? text_height(t, TEXT_REGULAR, ts->empty, 1) + pm(b->h, EMPTY_GAP_PM) +
		                   text_height(t, TEXT_REGULAR, ts->empty_hint, 1) : 0,
		.title_w = s && s->title ? text_width(t, TEXT_BOLD, ts->title, s->title) : 0,
		.agenda_w = agenda_w,
		.badge_w = badge_w, .badge_h = badge_h,
		.timer_w = timer_w, .timer_h = timer_h,
		.notice_h = nonempty(v->notice) ? text_height(t, TEXT_BOLD, ts->notice, 1) + pm(b->h, 22) : 0,
		.banner_h = b->room.banner_text[0] ? text_height(t, TEXT_REGULAR, ts->banner, 1) : 0,
		.heading_h = text_height(t, TEXT_BOLD, ts->heading, 1),
		.card_small = small,
		.signals_w = sig_w, .signals_h = sig_h,
	};
	layout_frame(fi, &b->frame);
	const char *sig_text = sig_langs;
	if (sig_w > 0 && (b->frame.signals.w < sig_w || b->frame.title.w < fi->title_w)) {
		/* no room for the languages (or they would cut the title): the totals alone */
		fi->signals_w = sig_total_w;
		sig_text = sig_total;
		layout_frame(fi, &b->frame);
	}
	const struct layout_frame *f = &b->frame;
	const char *q = act ? (nonempty(act->prompt) ? act->prompt : act->title) : board_word(b, W_BOARD_NO_QUESTION);
	struct text_style qs = style(TEXT_BOLD, ts->question_min, b->th->ink, f->question.w, 0);
	int qw = 0, qh = 0;
	text_measure(t, q, &qs, &qw, &qh);
	if (qh > f->question.h) {  /* a long question even at its smallest: a taller header */
		fi->question_h = qh;
		layout_frame(fi, &b->frame);
	}

	struct text_style st = style(TEXT_BOLD, ts->title, b->th->accent, f->title.w, 1);
	b->title = f->title.w > 0 ? text_render(t, s && s->title ? s->title : "", &st) : NULL;
	st = style(TEXT_REGULAR, ts->title, b->th->muted, f->agenda.w, 1);
	b->agenda = f->agenda.w > 0 ? text_render(t, b->agenda_text, &st) : NULL;
	st = style(TEXT_BOLD, ts->badge, b->th->white, maxi(1, f->badge.w - 2 * badge_pad), 1);
	b->badge = act && f->badge.w > 0 ? text_render(t, board_word(b, board_phase_word(act->phase)), &st) : NULL;
	snprintf(b->signals_text, sizeof b->signals_text, "%s", f->signals.w > 0 ? sig_text : "");
	st = style(TEXT_BOLD, ts->badge, b->th->more_ink, maxi(1, f->signals.w - 2 * sig_pad), 1);
	b->signals_img = f->signals.w > 0 ? text_render(t, b->signals_text, &st) : NULL;
	qs = style(TEXT_BOLD, ts->question, b->th->ink, f->question.w, 0);
	b->question = text_fit(t, q, &qs, ts->question_min, f->question.h);

	b->timer = b->timer_label = NULL;
	if (f->timer.w > 0) {
		SDL_Color tc = b->room.timer_state == TIMER_PAUSED ? b->th->muted
		             : b->room.timer_left < TIMER_LOW_MS ? b->th->timer_low : b->th->ink;
		st = style(TEXT_BOLD, ts->timer, tc, 0, 0);
		b->timer = text_render(t, b->room.timer_text, &st);
		const char *lbl = b->room.timer_state == TIMER_RUNNING ? board_word(b, W_BOARD_TIMER_RUNNING)
		                : b->room.timer_state == TIMER_DONE ? board_word(b, W_TIMER_UP)
		                : act->timer.left_ms == act->timer.duration_ms ? board_word(b, W_BOARD_TIMER_SET) : board_word(b, W_TIMER_PAUSED);
		st = style(TEXT_REGULAR, ts->timer_label, b->th->muted, f->timer.w, 1);
		b->timer_label = text_render(t, lbl, &st);
	}

	b->scan = b->url = b->phones = NULL;
	if (f->has_qr) {
		st = style(TEXT_BOLD, scan_px, b->th->ink, f->scan.w, 1);
		b->scan = text_render(t, board_word(b, W_BOARD_SCAN_TO_JOIN), &st);
		st = style(TEXT_REGULAR, url_px, b->th->accent, f->url.w, 0);
		b->url = text_render(t, url, &st);
		st = style(TEXT_REGULAR, phones_px, b->th->muted, maxi(1, f->phones.w - dot_w), 1);
		b->phones = text_render(t, phones, &st);
	}
}

static int seen_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct seen_note *)a)->id, y = ((const struct seen_note *)b)->id;
	return x < y ? -1 : x > y;
}

/* Compare the shown notes with the last layout's: a note that was not there arrives, one that
 * was elsewhere moves. Only on the same activity, page and window size: a new activity, a page
 * turn or a resize is a new picture, not a change to animate. Remembers this layout's notes. */
static void plan_animation(struct board *b)
{
	int same = b->n_prev > 0 && b->prev_act == b->room.act_id && b->prev_page == b->page && b->prev_w == b->w &&
	           b->prev_h == b->h && b->room.mode == MODE_NOTES;
	int any = 0;
	for (size_t i = 0; i < b->room.n_items; i++) {
		struct item_look *lk = &b->ilook[i];
		lk->anim = ANIM_NONE;
		if (!same || !shown(b, i)) continue;
		struct seen_note key = { b->room.items[i].id, 0, 0 };
		const struct seen_note *p = bsearch(&key, b->prev, b->n_prev, sizeof *b->prev, seen_cmp);
		const struct layout_rect *n = &b->lnotes[i].note;
		if (!p) lk->anim = ANIM_ARRIVE;
		else if (p->x != n->x || p->y != n->y) {
			lk->anim = ANIM_MOVE;
			lk->from_x = p->x;
			lk->from_y = p->y;
		}
		any |= lk->anim != ANIM_NONE;
	}
	if (any) {
		b->anim_start = SDL_GetTicks();
		b->anim_active = 1;
	}
	b->n_prev = 0;
	for (size_t i = 0; i < b->room.n_items; i++) {
		if (!shown(b, i)) continue;
		xgrow((void **)&b->prev, &b->cap_prev, b->n_prev + 1, sizeof *b->prev);
		b->prev[b->n_prev++] = (struct seen_note){ b->room.items[i].id, b->lnotes[i].note.x, b->lnotes[i].note.y };
	}
	if (b->n_prev > 1) qsort(b->prev, b->n_prev, sizeof *b->prev, seen_cmp);
	b->prev_act = b->room.act_id;
	b->prev_page = b->page;
	b->prev_w = b->w;
	b->prev_h = b->h;
}

/* The looks of the view's items, groups and rows, as many as it has, all zero: nothing
 * rendered yet, no animation. */
static void looks_reset(struct board *b)
{
	const struct room_view *r = &b->room;
	xgrow((void **)&b->ilook, &b->cap_ilook, r->n_items, sizeof *b->ilook);
	xgrow((void **)&b->glook, &b->cap_glook, r->n_groups, sizeof *b->glook);
	xgrow((void **)&b->rlook, &b->cap_rlook, r->n_rows, sizeof *b->rlook);
	if (r->n_items) memset(b->ilook, 0, r->n_items * sizeof *b->ilook);
	if (r->n_groups) memset(b->glook, 0, r->n_groups * sizeof *b->glook);
	if (r->n_rows) memset(b->rlook, 0, r->n_rows * sizeof *b->rlook);
}

void board_layout(struct board *b, const struct board_view *v)
{
	int W = 0, H = 0;
	SDL_GetRendererOutputSize(b->ren, &W, &H);
	if (W != b->w || H != b->h) board_corners_clear(b);
	b->w = W;
	b->h = H;
	struct text_sizes ts;
	text_sizes_for_height(H, &ts);
	const struct session *s = v->session;
	uint32_t was = b->room.act_id;
	const struct activity *act = board_view_update(&b->room, v);
	if (b->room.act_id != was && b->room.seen_valid) b->page = 0;  /* another activity: page 1 */
	b->n_placed = b->groups_placed = 0;
	looks_reset(b);

	struct layout_frame_in fi;
	b->card_small = b->card_mode == CARD_SMALL;
	layout_header(b, v, &ts, b->room.mode == MODE_JOIN, &fi);

	struct text *t = b->text;
	b->more = (struct layout_rect){ 0, 0, 0, 0 };
	b->more_text = b->empty_title = b->empty_hint = NULL;
	{   /* the note size of a board without notes: full size */
		struct layout_step steps[LAYOUT_MAX_STEPS];
		b->n_steps = layout_note_steps(H, ts.note, ts.author, steps);
		b->step = steps[0];
		b->step_i = 0;
	}
	memset(&b->chart, 0, sizeof b->chart);
	if (b->room.mode == MODE_NOTES) {
		board_layout_notes_mode(b, &fi, &ts);
		if (!b->all_fit && b->card_mode == CARD_AUTO && !b->card_small) {
			/* A crowded board: the join card goes small and gives the notes room (key c
			 * chooses for good). */
			b->card_small = 1;
			layout_header(b, v, &ts, 0, &fi);
			board_layout_notes_mode(b, &fi, &ts);
		}
		if (b->n_placed < b->room.n_items && act && act->kind == ACTIVITY_VOTE) {
			/* A vote's items that do not all fit as notes: a list holds more, and every item
			 * should be readable while people vote. */
			board_items_to_rows(&b->room);
			looks_reset(b);
			b->room.mode = MODE_CHART;
			b->more = (struct layout_rect){ 0, 0, 0, 0 };
			b->n_placed = b->groups_placed = 0;
			b->n_pages = 1;
			b->pager_text = NULL;
			memset(b->lnotes, 0, b->room.n_items * sizeof *b->lnotes);  /* no note is shown */
		}
	}
	if (b->room.mode == MODE_CHART) board_layout_chart_mode(b, &fi, &ts);
	else if (b->room.mode == MODE_SILENT) board_layout_silent_mode(b, &fi, &ts);

	const struct layout_frame *f = &b->frame;
	b->banner = NULL;
	if (b->room.banner_text[0] && f->banner.h > 0) {
		struct text_style bs = style(TEXT_REGULAR, ts.banner, b->th->ink, maxi(1, f->banner.w - f->banner.h), 1);
		b->banner = text_render(t, b->room.banner_text, &bs);
	}
	b->notice = NULL;
	if (f->notice.h > 0) {
		struct text_style ns = style(TEXT_BOLD, ts.notice, b->th->notice_ink, maxi(1, f->notice.w - pm(H, 40)), 1);
		b->notice = text_render(t, v->notice, &ns);
	}
	if (b->room.mode == MODE_JOIN) {
		struct text_style es = style(TEXT_REGULAR, ts.empty, b->th->muted, f->empty.w, 1);
		b->empty_title = text_render(t, act || !s ? b->room.empty_msg : board_word(b, W_BOARD_NO_ACTIVITY), &es);
		es = style(TEXT_REGULAR, ts.empty_hint, b->th->empty_ink, f->empty.w, 1);
		if (f->has_qr && b->room.empty_msg_hint) b->empty_hint = text_render(t, b->room.empty_msg_hint, &es);
	}
	board_layout_overlays(b, v, &ts);
	plan_animation(b);
	board_photos_sweep(b);
	text_cache_sweep(t);
	if (s && s->title && *s->title) {
		char title[256];
		snprintf(title, sizeof title, "%s - Medskapa", s->title);
		SDL_SetWindowTitle(b->win, title);
	}
	board_remember_view(&b->room, v);
	b->relayout = 0;
	b->dirty = 1;
}

/* ---- drawing -------------------------------------------------------------------------------- */

static struct layout_rect moved(struct layout_rect r, int ox, int oy)
{
	return (struct layout_rect){ r.x - ox, r.y - oy, r.w, r.h };
}

/* The join card: QR code, address, phones; everything moved by (-ox, -oy). */
static void draw_card(struct board *b, int ox, int oy)
{
	const struct layout_frame *f = &b->frame;
	struct text *t = b->text;
	int r = maxi(2, pm(b->h, 10));
	struct layout_rect card = moved(f->card, ox, oy), qr = moved(f->qr, ox, oy), scan = moved(f->scan, ox, oy),
	                   url = moved(f->url, ox, oy), phones = moved(f->phones, ox, oy);
	board_shadow(b, card, r);
	board_fill_card(b, card, r, b->th->card);
	SDL_Texture *qt = board_qr_texture(b, &b->join_qr, f->qr_module);
	if (qt) {
		SDL_Rect d = { qr.x, qr.y, qr.w, qr.h };
		SDL_RenderCopy(b->ren, qt, NULL, &d);
	}
	text_draw(t, b->scan, scan.x, scan.y, scan.h);
	text_draw(t, b->url, url.x, url.y, url.h);
	int d = b->phones_dot;
	struct layout_rect dot = { phones.x, phones.y + (phones.h - d) / 2, d, d };
	board_fill_round(b, dot, d / 2, b->room.seen_phones > 0 ? b->th->live : b->th->divider);
	text_draw(t, b->phones, phones.x + 2 * d, phones.y, phones.h);
}

/* Is the join card in the header (else it is big, in the notes area)? */
static int card_in_header(const struct board *b)
{
	return b->frame.has_qr && b->frame.card.y < b->frame.divider_y;
}

/* The top of the window down to the divider: title, agenda, badge, question, timer, the join
 * card when it is small, the divider. Drawn at (0, 0) with its own coordinates: ox, oy are 0. */
static void draw_header_top(struct board *b, int ox, int oy)
{
	const struct layout_frame *f = &b->frame;
	struct text *t = b->text;
	(void)ox;
	(void)oy;
	text_draw(t, b->title, f->title.x, f->title.y, f->title.h);
	text_draw(t, b->agenda, f->agenda.x, f->agenda.y, f->agenda.h);
	if (b->badge && f->badge.w > 0) {
		board_fill_round(b, f->badge, f->badge.h / 2, b->th->phase[b->room.phase]);
		board_text_center(b, b->badge, f->badge);
	}
	text_draw(t, b->question, f->question.x, f->question.y, f->question.h);
	if (b->signals_img && f->signals.w > 0) {   /* the signals counter, fading out at its end */
		Uint8 a = (Uint8)(255 * b->room.signals.level / SIGNALS_LEVELS);
		SDL_Color c = b->th->more_bg;
		c.a = a;
		board_fill_round(b, f->signals, f->signals.h / 2, c);
		if (b->signals_img->tex) SDL_SetTextureAlphaMod(b->signals_img->tex, a);
		board_text_center(b, b->signals_img, f->signals);
		if (b->signals_img->tex) SDL_SetTextureAlphaMod(b->signals_img->tex, 255);
	}
	if (f->timer.w > 0) {
		int r = maxi(2, pm(b->h, 10));
		board_shadow(b, f->timer, r);
		board_fill_card(b, f->timer, r, b->th->timer_bg);
		const struct text_img *ti = b->timer, *tl = b->timer_label;
		int lh = tl ? tl->h : 0;
		int th = ti ? ti->h : 0;
		int y = f->timer.y + maxi(0, (f->timer.h - th - lh) / 2);
		if (ti) text_draw(t, ti, f->timer.x + (f->timer.w - ti->w) / 2, y, th);
		if (tl) text_draw(t, tl, f->timer.x + (f->timer.w - tl->w) / 2, y + th, lh);
	}
	if (card_in_header(b)) draw_card(b, 0, 0);
	board_set_colour(b, b->th->divider);
	SDL_Rect line = { f->header.x, f->divider_y, f->header.w, maxi(1, pm(b->h, 2)) };
	SDL_RenderFillRect(b->ren, &line);
}

/* ---- panels: parts of the frame kept as opaque textures ------------------------------------
 * The header and the join card change seldom (a timer once a second, the phones line when
 * phones come and go) but cost a blended pixel for every letter, a shadow and a large fill in
 * every frame. Each is drawn into a texture when what it shows changes and copied otherwise. */

static uint64_t key_text(uint64_t h, const struct text_img *img)
{
	unsigned long serial = img ? img->serial : 0;
	return fnv_bytes(h, &serial, sizeof serial);
}

static uint64_t key_rect(uint64_t h, struct layout_rect r)
{
	int v[4] = { r.x, r.y, r.w, r.h };
	return fnv_bytes(h, v, sizeof v);
}

static uint64_t key_int(uint64_t h, int v)
{
	return fnv_bytes(h, &v, sizeof v);
}

/* The colours in use and the window's height (sizes derive from it), as a key. */
static uint64_t theme_key(const struct board *b)
{
	return key_int(fnv_bytes(FNV_OFFSET, b->th, sizeof *b->th), b->h);
}

/* What draw_card shows, as a key. */
static uint64_t card_key(const struct board *b, uint64_t h)
{
	const struct layout_frame *f = &b->frame;
	const struct layout_rect rs[5] = { f->card, f->qr, f->scan, f->url, f->phones };
	for (int i = 0; i < 5; i++) h = key_rect(h, rs[i]);
	h = key_int(h, f->qr_module);
	h = fnv_str(h, b->join_qr.url);
	h = key_text(key_text(key_text(h, b->scan), b->url), b->phones);
	return key_int(key_int(h, b->phones_dot), b->room.seen_phones > 0);
}

/* The texture of panel p, of size w x h: kept if key is the one it was drawn with, else drawn
 * now with draw(b, ox, oy) over the colour under. NULL when the renderer cannot draw into a
 * texture: then the caller draws the panel itself. */
static SDL_Texture *panel(struct board *b, struct panel *p, uint64_t key, int w, int h, SDL_Color under,
                          void (*draw)(struct board *, int, int), int ox, int oy)
{
	if (!b->ntex_format || w <= 0 || h <= 0) return NULL;
	if (p->tex && p->key == key && p->w == w && p->h == h) return p->tex;
	if (p->tex && (p->w != w || p->h != h)) {
		SDL_DestroyTexture(p->tex);
		p->tex = NULL;
	}
	if (!p->tex) p->tex = SDL_CreateTexture(b->ren, b->ntex_format, SDL_TEXTUREACCESS_TARGET, w, h);
	if (!p->tex || SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_NONE) < 0 ||
	    SDL_SetRenderTarget(b->ren, p->tex) < 0) {
		if (p->tex) SDL_DestroyTexture(p->tex);
		p->tex = NULL;
		return NULL;
	}
	p->key = key;
	p->w = w;
	p->h = h;
	board_fill_rect(b, (struct layout_rect){ 0, 0, w, h }, under);
	draw(b, ox, oy);
	SDL_SetRenderTarget(b->ren, NULL);
	return p->tex;
}

void board_panels_clear(struct board *b)
{
	for (int i = 0; i < PANELS; i++) {
		if (b->panels[i].tex) SDL_DestroyTexture(b->panels[i].tex);
		b->panels[i].tex = NULL;
	}
}

/* The background and the header: the header as a panel copied to the top of the window, the
 * rest cleared (one pass over each pixel, not a clear and then the header over it). */
void board_draw_header(struct board *b)
{
	const struct layout_frame *f = &b->frame;
	struct text *t = b->text;
	int reach = 0;
	if (b->th->bg.a == 255) {
		int m[4];
		reach = f->divider_y + maxi(1, pm(b->h, 2));
		if (f->timer.w > 0) {
			board_card_margins(b, f->timer.w, f->timer.h, m);
			reach = maxi(reach, f->timer.y + f->timer.h + m[3]);
		}
		if (card_in_header(b)) {
			board_card_margins(b, f->card.w, f->card.h, m);
			reach = maxi(reach, f->card.y + f->card.h + m[3]);
		}
		reach = mini(reach, b->h);
		uint64_t h = theme_key(b);
		const struct layout_rect rs[6] = { f->header, f->title, f->agenda, f->badge, f->question, f->timer };
		for (int i = 0; i < 6; i++) h = key_rect(h, rs[i]);
		h = key_int(key_int(h, f->divider_y), b->room.phase);
		h = key_int(key_text(key_rect(h, f->signals), b->signals_img), b->room.signals.level);
		const struct text_img *imgs[6] = { b->title, b->agenda, b->badge, b->question, b->timer, b->timer_label };
		for (int i = 0; i < 6; i++) h = key_text(h, imgs[i]);
		if (card_in_header(b)) h = card_key(b, h);
		SDL_Texture *tex = panel(b, &b->panels[PANEL_HEADER], h, b->w, reach, b->th->bg, draw_header_top, 0, 0);
		if (tex) {
			SDL_Rect r = { 0, 0, b->w, reach };
			SDL_RenderCopy(b->ren, tex, NULL, &r);
			board_fill_rect(b, (struct layout_rect){ 0, reach, b->w, b->h - reach }, b->th->bg);
		} else {
			reach = 0;
		}
	}
	if (!reach) {
		SDL_SetRenderDrawColor(b->ren, b->th->bg.r, b->th->bg.g, b->th->bg.b, 255);
		SDL_RenderClear(b->ren);
		draw_header_top(b, 0, 0);
	}
	if (f->has_qr && !card_in_header(b)) {  /* the big card of an empty board */
		int m[4];
		board_card_margins(b, f->card.w, f->card.h, m);
		int ox = f->card.x - m[0], oy = f->card.y - m[1];
		int w = m[0] + f->card.w + m[2], h = m[1] + f->card.h + m[3];
		SDL_Texture *tex = NULL;
		if (b->th->bg.a == 255)
			tex = panel(b, &b->panels[PANEL_CARD], card_key(b, theme_key(b)), w, h, b->th->bg, draw_card, ox, oy);
		if (tex) {
			SDL_Rect r = { ox, oy, w, h };
			SDL_RenderCopy(b->ren, tex, NULL, &r);
		} else {
			draw_card(b, 0, 0);
		}
	}
	if (b->banner && f->banner.h > 0) {
		int d = maxi(4, f->banner.h * 9 / 20);
		struct layout_rect dot = { f->banner.x, f->banner.y + (f->banner.h - d) / 2, d, d };
		board_fill_round(b, dot, d / 2, b->th->phase[b->room.phase]);
		text_draw(t, b->banner, f->banner.x + d * 2, f->banner.y, f->banner.h);
	}
	if (b->notice && f->notice.h > 0) {
		board_fill_round(b, f->notice, maxi(2, pm(b->h, 8)), b->th->notice_bg);
		text_draw(t, b->notice, f->notice.x + pm(b->h, 20), f->notice.y + (f->notice.h - b->notice->h) / 2,
		          f->notice.h);
	}
}
