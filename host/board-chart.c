/* board-chart.c: the chart mode (a vote's ranking, a poll's answers, a list of items), the
 * silent mode (a big count) and the empty board: laid out and drawn. */
#include "board-int.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

/* ---- layout ---------------------------------------------------------------------------------- */

static struct text_style row_style(const struct board *b, int px, int text_w)
{
	return style(TEXT_REGULAR, px, b->th->ink, maxi(1, text_w), CHART_LINES);
}

#define ROW_TEXT_MAX (SESSION_IDEA_MAX_CHARS * 4 + SESSION_PICTO_MAX_BYTES + 8)

/* What row r says: its pictogram (a poll choice's, a voted idea's category's) and its text. */
static const char *row_text(const struct board *b, const struct rview *r, char *buf, size_t len, int *picto)
{
	return board_with_picto(b, r->picto, r->text, buf, len, picto);
}

/* A voted photo idea's thumbnail at the start of its row: two lines of text px tall (at most
 * 16:9 wide), and the gap after it; 0 without a photo. */
static int row_thumb(struct board *b, const struct rview *r, int px, int *tw, int *th)
{
	*tw = *th = 0;
	if (!r->photo) return 0;
	int h = text_height(b->text, TEXT_REGULAR, px, 2), pw = r->photo_w > 0 ? r->photo_w : 4,
	    ph = r->photo_h > 0 ? r->photo_h : 3;
	int w = maxi(1, (int)((long)h * pw / ph));
	if (w > h * 16 / 9) {
		w = h * 16 / 9;
		h = maxi(1, (int)((long)w * ph / pw));
	}
	*tw = w;
	*th = h;
	return maxi(4, px / 2);
}

static int measure_row(void *ctx, size_t i, int text_w, const struct layout_chart_step *st)
{
	struct board *b = ctx;
	const struct rview *r = &b->room.rows[i];
	if (!r->text) return 0;
	int tw, th, gap = row_thumb(b, r, st->px, &tw, &th);
	struct text_style rs = row_style(b, st->px, text_w - (tw ? tw + gap : 0));
	int w = 0, h = 0, picto;
	char buf[ROW_TEXT_MAX];
	text_measure(b->text, row_text(b, r, buf, sizeof buf, &picto), &rs, &w, &h);
	return maxi(h, th);
}

void board_layout_chart_mode(struct board *b, const struct layout_frame_in *fi, const struct text_sizes *ts)
{
	struct text *t = b->text;
	layout_frame(fi, &b->frame);
	const struct layout_frame *f = &b->frame;
	const struct activity *a = session_activity(b->room.s, b->room.act_id);
	int ranks = a && a->kind == ACTIVITY_VOTE;
	int scale = a && a->kind == ACTIVITY_POLL && a->poll == POLL_SCALE;
	/* the widest count, and the rank cell as wide as the widest rank */
	char widest[40] = "8", rank_w[12] = "8";
	for (size_t i = 0; i < b->room.n_rows; i++) {
		if (strlen(b->room.rows[i].count_label) > strlen(widest)) snprintf(widest, sizeof widest, "%s", b->room.rows[i].count_label);
		if (strlen(b->room.rows[i].rank_label) > strlen(rank_w)) snprintf(rank_w, sizeof rank_w, "%s", b->room.rows[i].rank_label);
	}
	for (char *c = widest; *c; c++)
		if (*c >= '0' && *c <= '9') *c = '8';
	struct layout_chart_step steps[CHART_STEPS];
	int n_steps = 0;
	for (int px = ts->chart;; px = maxi(ts->chart_min, px * 90 / 100)) {
		struct layout_chart_step *st = &steps[n_steps++];
		int fh = text_height(t, TEXT_REGULAR, px, 1);
		st->px = px;
		st->min_h = fh;
		st->pad = maxi(2, px * 30 / 100);
		st->bar_h = fh * 3 / 4;
		st->count_w = b->room.chart_bars ? text_width(t, TEXT_BOLD, px, widest) : 0;
		st->rank_w = b->room.markers ? fh * 7 / 10
		           : (ranks && b->room.chart_bars) || scale || b->room.actions ? maxi(fh, text_width(t, TEXT_BOLD, px, rank_w) + fh / 2) : 0;
		if (b->room.actions) {   /* status words: the widest drawn, not the longest in bytes (Arabic) */
			int w = 0;
			for (size_t i = 0; i < b->room.n_rows; i++) w = maxi(w, text_width(t, TEXT_BOLD, px, b->room.rows[i].rank_label));
			st->rank_w = maxi(fh, w + fh * 3 / 4);
		}
		if (px <= ts->chart_min || n_steps == CHART_STEPS) break;
	}
	xgrow((void **)&b->lrows, &b->cap_lrows, b->room.n_rows + 1, sizeof *b->lrows);
	xgrow((void **)&b->counts, &b->cap_counts, b->room.n_rows + 1, sizeof *b->counts);
	int max_count = 0;
	for (size_t i = 0; i < b->room.n_rows; i++) {
		b->counts[i] = b->room.rows[i].count;
		max_count = maxi(max_count, b->counts[i]);
	}
	struct layout_chart_in ci = {
		.area = f->notes,
		.gap = maxi(2, pm(b->h, 9)),
		.text_pct = scale ? 0 : b->room.chart_bars ? CHART_TEXT_PCT : 100,
		.text_pct2 = scale ? 0 : b->room.chart_bars ? CHART_TEXT_PCT2 : 100,
		.bars = b->room.chart_bars,
		.min_col_w = pm(b->h, 780),
		.max_count = max_count,
		.more_h = text_height(t, TEXT_BOLD, ts->more, 1) + 2 * pm(b->h, 12),
	};
	layout_chart_fit(&ci, steps, n_steps, b->room.n_rows, b->counts, measure_row, b, b->lrows, &b->chart);
	const struct layout_chart_step *st = &steps[b->chart.step];
	b->chart_px = st->px;
	for (size_t i = 0; i < b->chart.placed; i++) {
		const struct rview *r = &b->room.rows[i];
		struct row_look *lk = &b->rlook[i];
		int gap = row_thumb(b, r, st->px, &lk->photo_w, &lk->photo_h);
		lk->photo = lk->photo_w ? board_photo_for(b, r->photo, lk->photo_w, lk->photo_h) : 0;
		struct text_style rs = row_style(b, st->px, b->chart.text_w - (lk->photo_w ? lk->photo_w + gap : 0));
		char buf[ROW_TEXT_MAX];
		const char *text = r->text ? row_text(b, r, buf, sizeof buf, &lk->picto) : NULL;
		lk->text_img = text ? text_render(t, text, &rs) : NULL;
		struct text_style ks = style(TEXT_BOLD, st->px, scale ? b->th->ink : b->th->white, 0, 1);
		lk->rank_img = r->rank_label[0] ? text_render(t, r->rank_label, &ks) : NULL;
		struct text_style cs = style(TEXT_BOLD, st->px, b->th->ink, 0, 1);
		lk->count_img = b->room.chart_bars ? text_render(t, r->count_label, &cs) : NULL;
	}
	b->more_label[0] = '\0';
	b->more_text = NULL;
	if (b->chart.placed < b->room.n_rows) {
		board_count(b, b->more_label, sizeof b->more_label, W_BOARD_MORE, (long)(b->room.n_rows - b->chart.placed));
		struct text_style ms = style(TEXT_BOLD, ts->more, b->th->more_ink, b->chart.more.w, 1);
		b->more_text = text_render(t, b->more_label, &ms);
		b->more = b->chart.more;
	}
}

void board_layout_silent_mode(struct board *b, const struct layout_frame_in *fi, const struct text_sizes *ts)
{
	struct text *t = b->text;
	layout_frame(fi, &b->frame);
	char n[32], line[160];
	snprintf(n, sizeof n, "%zu", b->room.silent_n);
	if (b->room.silent_answers)
		board_count(b, line, sizeof line, W_BOARD_ANSWERS, (long)b->room.silent_n);
	else
		board_count(b, line, sizeof line, W_BOARD_SILENT, (long)b->room.silent_n);
	/* "14" big, then "14 ideas written · hidden until revealed" */
	char text[256];
	snprintf(text, sizeof text, "%s \xc2\xb7 %s", line,
	         b->room.silent_answers ? board_word(b, W_BOARD_ANSWERS_HIDDEN) : board_word(b, W_BOARD_SILENT_HINT));
	struct text_style bs = style(TEXT_BOLD, ts->big_count, b->th->accent, 0, 1);
	b->silent_img[0] = text_render(t, n, &bs);
	struct text_style ls = style(TEXT_REGULAR, ts->big_text, b->th->muted, b->frame.notes.w, 2);
	ls.align = TEXT_CENTER;
	b->silent_img[1] = text_render(t, text, &ls);
	int h[2] = { b->silent_img[0] ? b->silent_img[0]->h : 0, b->silent_img[1] ? b->silent_img[1]->h : 0 };
	layout_stack(&b->frame.notes, h, 2, pm(b->h, 10), b->silent_rect);
}

/* ---- drawing --------------------------------------------------------------------------------- */

/* An action's status on its pill: planned blue, started orange, done green, dropped grey (the
 * phase badges' colours, which keep white text readable in every theme). */
static SDL_Color action_colour(const struct board *b, int status)
{
	static const int phase_of[ACTION_STATUSES] = { PHASE_REVEALED, PHASE_LOCKED, PHASE_OPEN, PHASE_PREPARED };
	return b->th->phase[phase_of[(unsigned)status < ACTION_STATUSES ? status : 0]];
}

/* The paper part of a bar, its end (paper / count of its width): striped in the row's colour,
 * so the room sees which dots came from paper (issue 20). */
static void board_paper_stripes(struct board *b, struct layout_rect bar, int paper, int count)
{
	int w = (int)((long long)bar.w * paper / count);
	if (w < 2) w = mini(2, bar.w);
	int x0 = bar.x + bar.w - w, step = maxi(4, bar.h / 2), sw = maxi(1, step / 3);
	for (int x = x0; x < bar.x + bar.w; x += step)
		board_fill_rect(b, (struct layout_rect){ x, bar.y, mini(sw, bar.x + bar.w - x), bar.h }, b->th->row_bg);
	board_fill_rect(b, (struct layout_rect){ x0, bar.y, mini(sw, w), bar.h }, b->th->row_bg);   /* the seam */
}

void board_draw_chart(struct board *b)
{
	int r = maxi(2, pm(b->h, 6));
	int vote = b->room.act_kind == ACTIVITY_VOTE;
	for (size_t i = 0; i < b->chart.placed; i++) {
		const struct layout_row *lr = &b->lrows[i];
		const struct rview *rv = &b->room.rows[i];
		const struct row_look *lk = &b->rlook[i];
		int top = vote && rv->rank == 1;
		board_fill_card(b, lr->row, r, b->th->row_bg);
		if (lr->rank.w > 0 && lk->rank_img) {
			/* a vote's rank on a pill (the top one in the accent); a scale's value as is */
			int ph = mini(lr->rank.h, lk->rank_img->h + maxi(2, lk->rank_img->h / 5));
			struct layout_rect pill = { lr->rank.x, lr->rank.y + (lr->rank.h - ph) / 2, lr->rank.w, ph };
			if (vote) board_fill_round(b, pill, ph / 2, top ? b->th->rank_top : b->th->rank_bg);
			if (b->room.actions) board_fill_round(b, pill, ph / 2, action_colour(b, rv->status));
			board_text_center(b, lk->rank_img, pill);
		}
		if (lr->rank.w > 0 && b->room.markers) {
			/* a poll's choice: a round mark for one answer, a square one for several */
			int d = lr->rank.w, th = maxi(2, d / 7);
			int line = lk->text_img ? lk->text_img->font_h : lr->rank.h;
			struct layout_rect m = { lr->rank.x, lr->rank.y + (mini(line, lr->rank.h) - d) / 2, d, d };
			int rr = b->room.markers == 2 ? maxi(2, d / 5) : d / 2;
			board_fill_round(b, m, rr, b->th->accent);
			board_fill_round(b, (struct layout_rect){ m.x + th, m.y + th, d - 2 * th, d - 2 * th }, maxi(0, rr - th),
			                 b->th->row_bg);
		}
		int tx = lr->text.x;
		if (lk->photo_w > 0) {   /* a photo idea: its thumbnail first */
			struct layout_rect pr = { tx, lr->text.y, lk->photo_w, mini(lk->photo_h, lr->text.h) };
			board_photo_draw(b, lk->photo, pr, lk->photo_h, 255);
			tx += lk->photo_w + maxi(4, b->chart_px / 2);
		}
		text_draw(b->text, lk->text_img, tx, lr->text.y, lr->text.h);
		if (lr->bar.h > 0 && lr->bar.w > 0)
			board_fill_round(b, lr->bar, mini(lr->bar.h / 2, r), top || !vote ? b->th->bar_top : b->th->bar);
		if (lr->bar.h > 0 && lr->bar.w > 0 && rv->paper > 0 && rv->count > 0)
			board_paper_stripes(b, lr->bar, rv->paper, rv->count);
		if (lk->count_img)
			text_draw(b->text, lk->count_img, lr->count.x, lr->row.y + (lr->row.h - lk->count_img->h) / 2,
			          lr->row.h);
	}
	if (b->more.h > 0) {
		board_fill_round(b, b->more, b->more.h / 2, b->th->more_bg);
		board_text_center(b, b->more_text, b->more);
	}
}

void board_draw_silent(struct board *b)
{
	for (int i = 0; i < 2; i++) {
		const struct text_img *img = b->silent_img[i];
		const struct layout_rect *rc = &b->silent_rect[i];
		if (img) text_draw(b->text, img, rc->x + (rc->w - img->w) / 2, rc->y, rc->h);
	}
}

void board_draw_empty(struct board *b)
{
	const struct layout_rect *a = &b->frame.empty;
	const struct text_img *et = b->empty_title, *eh = b->empty_hint;
	if (et) text_draw(b->text, et, a->x + (a->w - et->w) / 2, a->y, a->h);
	if (eh && et) {
		int y = a->y + et->h + pm(b->h, EMPTY_GAP_PM);
		text_draw(b->text, eh, a->x + (a->w - eh->w) / 2, y, a->y + a->h - y);
	}
}
