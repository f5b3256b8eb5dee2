/* layout.c: pure geometry of the board: header, QR card, notes columns, and the note size at
 * which they all fit. No SDL, no I/O. Every size is a fraction of the window height, so the
 * board looks the same at any size. */
#include "layout.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Tunables, in thousandths of the window height unless said. */
#define MARGIN_PM      33   /* outer margin: 24 px at 720 */
#define GAP_PM         19   /* between notes, and around the divider */
#define PAD_PM         22   /* inside a note, around its text */
#define SMALL_GAP_PM    8   /* text to author line; title to question */
#define NOTE_W_PM     400   /* target column width: about 22 characters a line at the note size;
                             * the real width stretches so the columns fill the row */
#define QR_PM         205   /* target QR side, quiet zone included; rounded to whole modules */
#define QR_BIG_PM     420   /* the same while no idea has come in: everybody is joining now */
#define QR_SMALL_PM   125   /* the same, small (key c, or a crowded board): still scannable from
                             * the front rows, and the header gives the notes room back */
#define HEADER_MIN_PM 205   /* the header is at least this tall: room for a two-line question */
#define HEADER_SMALL_PM 150 /* the same with the small join card */
#define HEADER_MAX_PM 340   /* and grows for a long question up to this */
#define JOIN_MIN_PM   190   /* narrowest text column in the join card */
#define JOIN_MAX_PCT   34   /* widest text column, in percent of the window WIDTH; a longer
                             * address wraps */
#define NOTE_MIN_PCT   36   /* shortest note, in percent of the column width */
/* Smaller notes when many ideas come in (layout_note_steps). */
#define NOTE_MIN_PM    25   /* smallest note text: 18 px at 720, read from the back of a room */
#define AUTHOR_MIN_PM  20   /* smallest author line: 14 px at 720 */
#define STEP_PCT       92   /* each step is this much of the one before: few steps, so the
                             * board re-flows only a few times while a room posts 100 ideas */
#define TIMER_MAX_PCT  40   /* the timer box takes at most this much of the header's left part */
#define GROUP_PAD_PM   11   /* inside a group's area (scaled with the notes) */
#define GROUP_EMPTY_PCT 60  /* an empty group's drop area, percent of a short note's height */
#define SIGNALS_MAX_PCT 50  /* the signals counter takes at most this much of the title row */

static int pm(int h, int permille)
{
	return (int)(((long)h * permille + 500) / 1000);
}

/* h * permille * scale / 10^6, rounded: a size of the notes at a scale. */
static int pm_scaled(int h, int permille, int scale)
{
	return (int)(((long long)h * permille * scale + 500000) / 1000000);
}

static int maxi(int a, int b) { return a > b ? a : b; }
static int mini(int a, int b) { return a < b ? a : b; }

static struct layout_rect rect(int x, int y, int w, int h)
{
	struct layout_rect r = { x, y, maxi(w, 0), maxi(h, 0) };
	return r;
}

int layout_join_max_w(int win_w)
{
	return maxi(win_w, 0) * JOIN_MAX_PCT / 100;
}

/* Size the QR card: the QR (its quiet zone is the card's padding) and a text column beside it
 * with lines sgap apart, the QR as near qr_target pixels as whole modules allow, within
 * max_w x max_h. Returns 0, or -1 if there is no QR or no room for one. */
static int size_card(const struct layout_frame_in *in, struct layout_frame *f, int qr_target,
                     int sgap, int max_w, int max_h)
{
	int H = f->win_h;
	if (in->qr_modules <= 0) return -1;
	/* Nearest whole module size: rounding down would lose up to a quarter of a small code. */
	int mod = maxi(1, (qr_target + in->qr_modules / 2) / in->qr_modules);
	int join_min = pm(H, JOIN_MIN_PM);
	int join_w = mini(maxi(in->join_w, join_min), layout_join_max_w(f->win_w));
	int text_h = in->scan_h + sgap + in->url_h + sgap + in->phones_h;
	int side, qz;
	for (;; mod--) {
		if (mod < 1) return -1;
		side = mod * in->qr_modules;
		qz = mod * in->qr_quiet;
		if (maxi(side, 2 * qz + text_h) > max_h) continue;
		if (side + qz + join_w <= max_w) break;
		/* Narrow window: first narrow the text column (the address wraps), then the QR. */
		if (side + qz + join_min <= max_w) {
			join_w = max_w - side - qz;
			break;
		}
	}
	f->has_qr = 1;
	f->qr_module = mod;
	f->card = rect(0, 0, side + join_w + qz, maxi(side, 2 * qz + text_h));
	f->qr = rect(0, 0, side, side);
	/* The three lines as a group in the middle of the text column, the phones line a little
	 * apart; if the address has to wrap, it gets all the room between the other two. */
	int top = qz, bottom = f->card.h - qz;
	if (join_w >= in->join_w) {
		int group = text_h + 2 * sgap;
		top = qz + maxi(0, (f->card.h - 2 * qz - group) / 2);
		bottom = top + group;
	}
	f->scan = rect(side, top, join_w, in->scan_h);
	f->phones = rect(side, bottom - in->phones_h, join_w, in->phones_h);
	int uy = top + in->scan_h + sgap;
	f->url = rect(side, uy, join_w, f->phones.y - sgap - uy);
	return 0;
}

static void move_rect(struct layout_rect *r, int dx, int dy)
{
	r->x += dx;
	r->y += dy;
}

/* Put the sized card with its top-left corner at (x, y). */
static void move_card(struct layout_frame *f, int x, int y)
{
	move_rect(&f->card, x, y);
	move_rect(&f->qr, x, y);
	move_rect(&f->scan, x, y);
	move_rect(&f->url, x, y);
	move_rect(&f->phones, x, y);
}

void layout_frame(const struct layout_frame_in *in, struct layout_frame *f)
{
	memset(f, 0, sizeof *f);
	int W = maxi(in->win_w, 0), H = maxi(in->win_h, 0);
	f->win_w = W;
	f->win_h = H;
	f->margin = pm(H, MARGIN_PM);
	/* The header's spacing is that of full size at every scale: only the notes shrink. */
	int gap = maxi(1, pm(H, GAP_PM)), sgap = pm(H, SMALL_GAP_PM);
	int scale = in->note_scale > 0 ? in->note_scale : 1000;
	f->scale = scale;
	f->gap = maxi(1, pm_scaled(H, GAP_PM, scale));
	f->pad = pm_scaled(H, PAD_PM, scale);
	f->small_gap = pm_scaled(H, SMALL_GAP_PM, scale);
	f->note_line_h = maxi(in->note_line_h, 0);
	int m = f->margin, inner_w = maxi(0, W - 2 * m);

	int card_h = 0;
	int qr_pm = in->card_small ? QR_SMALL_PM : QR_PM;
	if (!in->empty && size_card(in, f, pm(H, qr_pm), sgap, inner_w, maxi(0, H - 2 * m)) == 0) {
		card_h = f->card.h;
		move_card(f, W - m - f->card.w, m);
	}
	int header_h = maxi(card_h, pm(H, in->card_small ? HEADER_SMALL_PM : HEADER_MIN_PM));
	if (in->question_h > 0) {
		int want = in->title_h + sgap + in->question_h;
		header_h = maxi(header_h, mini(want, pm(H, HEADER_MAX_PM)));
	}
	header_h = mini(header_h, maxi(0, H - 2 * m));
	f->header = rect(m, m, inner_w, header_h);

	int left_w = f->has_qr ? f->card.x - 2 * gap - m : inner_w;
	if (in->timer_w > 0 && in->timer_h > 0) {
		/* The countdown at the right of the header's left part, as tall as it needs. */
		int tw = mini(in->timer_w, maxi(0, left_w) * TIMER_MAX_PCT / 100);
		header_h = mini(maxi(header_h, in->timer_h), maxi(0, H - 2 * m));
		f->timer = rect(m + left_w - tw, m, tw, mini(in->timer_h, header_h));
		left_w = maxi(0, left_w - tw - 2 * gap);
	}
	int sig_h = in->signals_w > 0 ? maxi(in->signals_h, 0) : 0;
	int row_h = mini(maxi(maxi(in->title_h, in->badge_w > 0 ? in->badge_h : 0), sig_h), header_h);
	/* The title row: the signals counter at its right end, then the badge gets its width, then
	 * the agenda, then the title what is left; laid out left to right, each centred on the row. */
	int row_w = maxi(left_w, 0);
	if (sig_h > 0) {
		int sw = mini(in->signals_w, row_w * SIGNALS_MAX_PCT / 100);
		if (sw > 0) {
			f->signals = rect(m + row_w - sw, m + (row_h - mini(sig_h, row_h)) / 2, sw, mini(sig_h, row_h));
			row_w = maxi(0, row_w - sw - gap);
		}
	}
	int badge_w = mini(maxi(in->badge_w, 0), row_w);
	int rest = maxi(0, row_w - (badge_w ? badge_w + gap : 0));
	int agenda_w = mini(maxi(in->agenda_w, 0), rest);
	rest = maxi(0, rest - (agenda_w ? agenda_w + gap : 0));
	int title_w = in->title_w > 0 ? mini(in->title_w, rest) : (badge_w || agenda_w ? 0 : row_w);
	int title_h = mini(in->title_h, row_h);
	int x = m;
	f->title = rect(x, m + (row_h - title_h) / 2, title_w, title_h);
	if (title_w) x += title_w + gap;
	if (agenda_w) {
		f->agenda = rect(x, m + (row_h - title_h) / 2, agenda_w, title_h);
		x += agenda_w + gap;
	}
	if (badge_w) {
		int bh = mini(in->badge_h, row_h);
		f->badge = rect(x, m + (row_h - bh) / 2, badge_w, bh);
	}
	int qy = m + row_h + sgap;
	f->question = rect(m, qy, left_w, maxi(0, m + header_h - qy));

	f->divider_y = m + header_h + gap;
	int ny = f->divider_y + gap;
	int bottom = H - m;
	if (in->notice_h > 0) {
		int nh = mini(in->notice_h, maxi(0, bottom - ny));
		f->notice = rect(m, bottom - nh, inner_w, nh);
		bottom = maxi(ny, f->notice.y - gap);
	}
	if (in->pager_h > 0) {
		int ph = mini(in->pager_h, maxi(0, bottom - ny));
		f->pager = rect(m, bottom - ph, inner_w, ph);
		bottom = maxi(ny, f->pager.y - gap);
	}
	if (in->banner_h > 0) {
		int bh = mini(in->banner_h, maxi(0, bottom - ny));
		f->banner = rect(m, ny, inner_w, bh);
		ny = mini(bottom, ny + bh + gap);
	}
	f->notes = rect(m, ny, inner_w, bottom - ny);

	if (in->empty) {
		/* No ideas yet: people are joining. The join card goes big in the middle, the
		 * "ideas will appear here" message under it. */
		int msg_h = maxi(in->empty_h, 0);
		int room_h = f->notes.h - msg_h - 2 * gap;
		if (size_card(in, f, pm(H, QR_BIG_PM), sgap, inner_w, room_h) == 0) {
			int block = f->card.h + 2 * gap + msg_h;
			int y = f->notes.y + maxi(0, (f->notes.h - block) * 2 / 5);
			move_card(f, f->notes.x + (f->notes.w - f->card.w) / 2, y);
			f->empty = rect(f->notes.x, f->card.y + f->card.h + 2 * gap, f->notes.w, msg_h);
		} else {
			f->empty = rect(f->notes.x, f->notes.y + maxi(0, (f->notes.h - msg_h) * 2 / 5),
			                f->notes.w, mini(msg_h, f->notes.h));
		}
	}

	int target = maxi(1, pm_scaled(H, NOTE_W_PM, scale));
	int cols = (f->notes.w + f->gap) / (target + f->gap);
	cols = maxi(1, mini(cols, LAYOUT_MAX_COLUMNS));
	f->columns = cols;
	f->col_w = maxi(0, (f->notes.w - (cols - 1) * f->gap) / cols);
	int spare = f->notes.w - (cols * f->col_w + (cols - 1) * f->gap);
	for (int c = 0; c < cols; c++)
		f->col_x[c] = f->notes.x + maxi(spare, 0) / 2 + c * (f->col_w + f->gap);
	f->text_w = maxi(0, f->col_w - 2 * f->pad);
	f->note_min_h = f->col_w * NOTE_MIN_PCT / 100;
	f->group_pad = maxi(1, pm_scaled(H, GROUP_PAD_PM, scale));
	f->group_note_w = maxi(0, f->col_w - 2 * f->group_pad);
	f->group_text_w = maxi(0, f->group_note_w - 2 * f->pad);
	f->heading_h = maxi(in->heading_h, 0);
}

void layout_flow_init(struct layout_flow *fl, const struct layout_frame *f)
{
	memset(fl, 0, sizeof *fl);
	fl->f = f;
	for (int c = 0; c < f->columns; c++) fl->col_y[c] = f->notes.y;
}

static int shortest(const struct layout_flow *fl)
{
	int best = 0;
	for (int c = 1; c < fl->f->columns; c++)
		if (fl->col_y[c] < fl->col_y[best]) best = c;
	return best;
}

/* Author line height as placed: dropped if it would crowd out the text. */
static int author_height(const struct layout_frame *f, int author_h)
{
	author_h = maxi(author_h, 0);
	int room = f->notes.h - 2 * f->pad;
	return author_h && f->small_gap + author_h > room - f->note_line_h ? 0 : author_h;
}

int layout_note_text_room(const struct layout_frame *f, int author_h)
{
	author_h = author_height(f, author_h);
	return maxi(0, f->notes.h - 2 * f->pad - (author_h ? f->small_gap + author_h : 0));
}

/* The height of the area under a group's heading that its notes may fill. */
static int group_room(const struct layout_frame *f)
{
	return maxi(0, f->notes.h - 2 * f->group_pad - f->heading_h - f->small_gap);
}

int layout_group_note_text_room(const struct layout_frame *f, int author_h)
{
	author_h = author_height(f, author_h);
	return maxi(0, group_room(f) - 2 * f->pad - (author_h ? f->small_gap + author_h : 0));
}

/* Size a note of width w (text width w - 2 pad) whose height may not exceed max_h: fills out
 * at (0, 0) and returns its height, or -1 when not even one line fits. */
static int size_note(const struct layout_frame *f, const struct layout_note_in *in, int w, int max_h,
                     struct layout_note *out)
{
	int author_h = author_height(f, in->author_h);
	int author_part = author_h ? f->small_gap + author_h : 0;
	int room = maxi(0, max_h - 2 * f->pad - author_part);
	int text_h = maxi(in->text_h, 0);
	if (text_h > room) {
		/* Taller than the whole area (the caller should have cut it with
		 * layout_note_text_room): cut at a whole line; the board crops the text. */
		text_h = room;
		if (f->note_line_h > 0) text_h -= text_h % f->note_line_h;
		if (text_h <= 0) return -1;
	}
	int h = maxi(2 * f->pad + text_h + author_part, f->note_min_h);
	h = mini(h, max_h);
	int tw = maxi(0, w - 2 * f->pad);
	memset(out, 0, sizeof *out);
	out->note = rect(0, 0, w, h);
	out->text = rect(f->pad, f->pad, tw, text_h);
	out->author = rect(f->pad, h - f->pad - author_h, tw, author_h);
	return h;
}

static void move_note(struct layout_note *n, int x, int y)
{
	move_rect(&n->note, x, y);
	move_rect(&n->text, x, y);
	move_rect(&n->author, x, y);
}

int layout_flow_place(struct layout_flow *fl, const struct layout_note_in *in,
                      struct layout_note *out)
{
	const struct layout_frame *f = fl->f;
	int bottom = f->notes.y + f->notes.h;
	struct layout_note n;
	int h = size_note(f, in, f->col_w, f->notes.h, &n);
	if (h < 0) return -1;
	int c = shortest(fl);
	int y = fl->col_y[c];
	if (f->col_w <= 0 || y + h > bottom) return -1;
	move_note(&n, f->col_x[c], y);
	n.column = c;
	*out = n;
	fl->col_y[c] = y + h + f->gap;
	return 0;
}

size_t layout_flow_more(struct layout_flow *fl, const struct layout_note *placed, size_t n_placed,
                        int more_h, struct layout_rect *more)
{
	const struct layout_frame *f = fl->f;
	int bottom = f->notes.y + f->notes.h;
	size_t n = n_placed;
	more_h = mini(maxi(more_h, 0), f->notes.h);
	for (;;) {
		for (int c = 0; c < f->columns; c++) fl->col_y[c] = f->notes.y;
		for (size_t i = 0; i < n; i++) {
			const struct layout_note *p = &placed[i];
			fl->col_y[p->column] = maxi(fl->col_y[p->column], p->note.y + p->note.h + f->gap);
		}
		int c = shortest(fl);
		if (fl->col_y[c] + more_h <= bottom || n == 0) {
			*more = rect(f->col_x[c], mini(fl->col_y[c], bottom - more_h), f->col_w, more_h);
			return n;
		}
		n--;  /* no room after the last note: it makes way for the tile */
	}
}

size_t layout_notes(const struct layout_frame *f, const struct layout_note_in *in, size_t n,
                    struct layout_note *out, int more_h, struct layout_rect *more)
{
	struct layout_flow fl;
	layout_flow_init(&fl, f);
	size_t i;
	for (i = 0; i < n; i++)
		if (layout_flow_place(&fl, &in[i], &out[i]) < 0) break;
	*more = rect(0, 0, 0, 0);
	if (i == n) return n;
	return layout_flow_more(&fl, out, i, more_h, more);
}

int layout_note_steps(int win_h, int note_px, int author_px, struct layout_step *steps)
{
	int H = maxi(win_h, 0);
	note_px = maxi(note_px, 1);
	author_px = maxi(author_px, 1);
	int min_px = mini(note_px, maxi(1, pm(H, NOTE_MIN_PM)));
	int author_min = mini(author_px, pm(H, AUTHOR_MIN_PM));
	int n = 0, px = note_px;
	for (;;) {
		struct layout_step *st = &steps[n++];
		st->scale = (int)(((long long)px * 1000 + note_px / 2) / note_px);
		st->author_px = maxi(author_min, pm_scaled(author_px, 1000, st->scale));
		st->note_px = px;
		st->note_line_h = 0;
		st->heading_h = 0;
		if (px <= min_px) return n;
		int next = mini(px - 1, (px * STEP_PCT + 50) / 100);
		/* the last step is always the readable minimum */
		px = n == LAYOUT_MAX_STEPS - 1 ? min_px : maxi(next, min_px);
	}
}

void layout_fit(const struct layout_frame_in *in, const struct layout_step *steps, int n_steps,
                size_t n, layout_measure_fn *measure, void *ctx, int more_h,
                struct layout_note *out, struct layout_fit *fit)
{
	layout_fit_groups(in, steps, n_steps, NULL, 0, n, measure, ctx, more_h, 0, out, NULL, fit);
}

/* ---- groups ------------------------------------------------------------------------------- */

struct gplace {
	const struct layout_frame *f;
	struct layout_note *out;
	struct layout_group *gout;
	int foot_h;                     /* a group's "+N more" footer */
	int col_y[LAYOUT_MAX_COLUMNS];  /* next free y of each column */
};

static size_t min_sz(size_t a, size_t b) { return a < b ? a : b; }

static int shortest_of(const struct layout_frame *f, const int *col_y)
{
	int best = 0;
	for (int c = 1; c < f->columns; c++)
		if (col_y[c] < col_y[best]) best = c;
	return best;
}

/* The leftmost start column for a block k columns wide whose top (the lowest of the columns it
 * covers) is highest; *top gets that top. */
static int best_start(const struct gplace *g, int k, int *top)
{
	int best = 0, best_top = 0;
	for (int c = 0; c + k <= g->f->columns; c++) {
		int t = 0;
		for (int j = c; j < c + k; j++) t = maxi(t, g->col_y[j]);
		if (c == 0 || t < best_top) {
			best = c;
			best_top = t;
		}
	}
	*top = best_top;
	return best;
}

/* Flow a group's sized notes nn[0..cnt) (each at (0, 0)) into k sub-columns from board
 * column col0 under the heading of an area whose top is top, as long as they stay above
 * max_bottom (foot: room kept under them for the footer). Returns how many fit (a prefix) and
 * *bottom, the bottom of the area. With commit, moves those notes into place. */
static size_t group_flow(const struct layout_frame *f, struct layout_note *nn, size_t cnt, int col0, int k,
                         int top, int max_bottom, int foot, int commit, int *bottom)
{
	int sub_y[LAYOUT_MAX_COLUMNS];
	int y0 = top + f->group_pad + f->heading_h + f->small_gap;
	for (int j = 0; j < k; j++) sub_y[j] = y0;
	int lowest = y0;
	size_t i = 0;
	for (; i < cnt; i++) {
		int j = 0;
		for (int q = 1; q < k; q++)
			if (sub_y[q] < sub_y[j]) j = q;
		int h = nn[i].note.h;
		if (sub_y[j] + h + foot + f->group_pad > max_bottom) break;
		if (commit) {
			move_note(&nn[i], f->col_x[col0 + j] + f->group_pad, sub_y[j]);
			nn[i].column = col0 + j;
		}
		sub_y[j] += h + f->gap;
		lowest = maxi(lowest, sub_y[j] - f->gap);
	}
	/* An empty group keeps a drop area the height of part of a short note. */
	if (cnt == 0 && !foot) lowest = y0 + f->note_min_h * GROUP_EMPTY_PCT / 100;
	*bottom = lowest + foot + f->group_pad;
	return i;
}

static void set_group(const struct gplace *g, struct layout_group *go, int col0, int k, int top, int bottom)
{
	const struct layout_frame *f = g->f;
	int w = k * f->col_w + (k - 1) * f->gap;
	go->column = col0;
	go->columns = k;
	go->area = rect(f->col_x[col0], top, w, bottom - top);
	go->heading = rect(f->col_x[col0] + f->group_pad, top + f->group_pad, w - 2 * f->group_pad,
	                   f->heading_h);
	go->more = rect(0, 0, 0, 0);
	if (go->placed < go->n)
		go->more = rect(go->heading.x, bottom - f->group_pad - g->foot_h, go->heading.w, g->foot_h);
}

/* Place group go (go->first, go->n set), showing at most cnt of its notes; cut: the smallest
 * step's last resort, where a group that does not fit goes across the whole width under
 * everything and shows what fits. Returns 0 if cnt notes are shown, else -1 (go->area.h > 0
 * if the group has an area at all). */
static int place_group(struct gplace *g, struct layout_group *go, size_t cnt, layout_measure_fn *measure,
                       void *ctx, const struct layout_step *st, int cut)
{
	const struct layout_frame *f = g->f;
	int bottom = f->notes.y + f->notes.h;
	size_t want = cnt;
	struct layout_note *nn = &g->out[go->first];
	go->placed = 0;
	if (f->col_w <= 0 || f->group_note_w <= 0) return -1;
	/* Size every note first: their heights do not depend on where they go. */
	for (size_t i = 0; i < cnt; i++) {
		struct layout_note_in ni = { 0, 0 };
		measure(ctx, go->first + i, f, st, &ni);
		if (size_note(f, &ni, f->group_note_w, group_room(f), &nn[i]) < 0) {
			if (!cut) return -1;
			cnt = i;  /* not one line fits (a tiny window): keep the notes before */
			break;
		}
	}
	int foot = cnt < go->n ? g->foot_h + f->small_gap : 0;
	for (int k = 1; k <= f->columns; k++) {
		int top, end;
		int c = best_start(g, k, &top);
		size_t fit = group_flow(f, nn, cnt, c, k, top, bottom, foot, 0, &end);
		if (fit < cnt || end > bottom) continue;
		group_flow(f, nn, cnt, c, k, top, bottom, foot, 1, &end);
		go->placed = cnt;
		set_group(g, go, c, k, top, end);
		for (int j = c; j < c + k; j++) g->col_y[j] = end + f->gap;
		return cnt == want ? 0 : -1;
	}
	if (!cut) return -1;
	/* Across the whole width under everything placed, as many notes as fit. */
	int top, end, k = f->columns;
	best_start(g, k, &top);
	foot = g->foot_h + f->small_gap;
	if (top + 2 * f->group_pad + f->heading_h + f->small_gap + foot > bottom) return -1;
	size_t fit = group_flow(f, nn, cnt, 0, k, top, bottom, 0, 0, &end);
	if (fit < go->n) fit = group_flow(f, nn, cnt, 0, k, top, bottom, foot, 0, &end);
	else foot = 0;
	group_flow(f, nn, fit, 0, k, top, bottom, foot, 1, &end);
	go->placed = fit;
	set_group(g, go, 0, k, top, mini(end, bottom));
	for (int j = 0; j < k; j++) g->col_y[j] = go->area.y + go->area.h + f->gap;
	return -1;
}

/* Recompute the columns' free y from what is placed: groups gout[0..ng), then the ungrouped
 * notes out[u0..u1). */
static void recompute_cols(struct gplace *g, size_t ng, size_t u0, size_t u1)
{
	const struct layout_frame *f = g->f;
	for (int c = 0; c < f->columns; c++) g->col_y[c] = f->notes.y;
	for (size_t i = 0; i < ng; i++) {
		const struct layout_group *go = &g->gout[i];
		if (go->area.h <= 0) continue;
		for (int c = go->column; c < go->column + go->columns; c++)
			g->col_y[c] = maxi(g->col_y[c], go->area.y + go->area.h + f->gap);
	}
	for (size_t i = u0; i < u1; i++) {
		const struct layout_note *p = &g->out[i];
		g->col_y[p->column] = maxi(g->col_y[p->column], p->note.y + p->note.h + f->gap);
	}
}

static void hide_notes(struct layout_note *out, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) memset(&out[i], 0, sizeof out[i]);
}

/* Show only the first keep notes of group go: its area ends under the last one kept, with
 * its footer. */
static void group_shrink(const struct gplace *g, struct layout_group *go, size_t keep)
{
	const struct layout_frame *f = g->f;
	hide_notes(g->out, go->first + keep, go->first + go->placed);
	int lowest = go->heading.y + go->heading.h + f->small_gap;
	for (size_t i = 0; i < keep; i++) {
		const struct layout_note *n = &g->out[go->first + i];
		lowest = maxi(lowest, n->note.y + n->note.h);
	}
	go->placed = keep;
	int bottom = lowest + (keep < go->n ? g->foot_h + f->small_gap : 0) + f->group_pad;
	set_group(g, go, go->column, go->columns, go->area.y, bottom);
}

/* Make room for the "+N more" tile (one column wide, more_h high) by leaving out ungrouped
 * notes from the end, and (groups) then notes of the last groups, and groups left with none.
 * Returns 1 with *more set, or 0 when there is no room for it even so (*more not set). */
static int make_more(struct gplace *g, size_t *ng, size_t u0, size_t *u_placed, int groups, int more_h,
                     struct layout_rect *more)
{
	const struct layout_frame *f = g->f;
	int bottom = f->notes.y + f->notes.h;
	more_h = mini(maxi(more_h, 0), f->notes.h);
	for (;;) {
		recompute_cols(g, *ng, u0, u0 + *u_placed);
		int c = shortest_of(f, g->col_y);
		if (g->col_y[c] + more_h <= bottom) {
			*more = rect(f->col_x[c], g->col_y[c], f->col_w, more_h);
			return 1;
		}
		if (*u_placed > 0) {       /* the last ungrouped note makes way */
			(*u_placed)--;
			hide_notes(g->out, u0 + *u_placed, u0 + *u_placed + 1);
			continue;
		}
		if (!groups || *ng == 0) {
			if (*ng == 0) {        /* nothing left: the tile takes the top */
				*more = rect(f->col_x[0], f->notes.y, f->col_w, more_h);
				return 1;
			}
			return 0;
		}
		struct layout_group *go = &g->gout[*ng - 1];
		if (go->placed > 0) {      /* else the last note of the last group */
			group_shrink(g, go, go->placed - 1);
			if (go->placed > 0) continue;
		}
		hide_notes(g->out, go->first, go->first + go->n);
		size_t first = go->first, gn = go->n;
		memset(go, 0, sizeof *go);  /* a group with none of its notes goes */
		go->first = first;
		go->n = gn;
		(*ng)--;
	}
}

/* One pass: groups with at most cap notes each, then the ungrouped notes as they fit. */
struct pass {
	size_t ng;                 /* groups with an area (a prefix) */
	int groups_ok;             /* every group has min(its n, cap) notes shown */
	size_t u_placed;           /* ungrouped notes shown: out[u0..u0 + u_placed) */
};

static void place_all(struct gplace *g, const struct layout_group_in *groups, size_t n_groups, size_t n,
                      size_t u0, size_t cap, int cut, layout_measure_fn *measure, void *ctx,
                      const struct layout_step *st, struct pass *p)
{
	const struct layout_frame *f = g->f;
	for (int c = 0; c < f->columns; c++) g->col_y[c] = f->notes.y;
	memset(p, 0, sizeof *p);
	p->groups_ok = 1;
	size_t first = 0, gi = 0;
	for (; gi < n_groups; gi++) {
		struct layout_group *go = &g->gout[gi];
		memset(go, 0, sizeof *go);
		go->first = first;
		go->n = min_sz(groups[gi].n, n - first);
		int rc = place_group(g, go, min_sz(go->n, cap), measure, ctx, st, cut);
		hide_notes(g->out, go->first + go->placed, go->first + go->n);
		first += go->n;
		if (go->area.h > 0) p->ng = gi + 1;
		if (rc < 0) {
			p->groups_ok = 0;
			if (go->area.h <= 0) memset(&go->area, 0, sizeof go->area);
			gi++;
			break;
		}
	}
	for (; gi < n_groups; gi++) {  /* the groups after one that did not fit */
		struct layout_group *go = &g->gout[gi];
		memset(go, 0, sizeof *go);
		go->first = first;
		go->n = min_sz(groups[gi].n, n - first);
		hide_notes(g->out, go->first, go->first + go->n);
		first += go->n;
	}
	if (!p->groups_ok) {
		hide_notes(g->out, u0, n);
		return;
	}
	struct layout_flow fl;
	fl.f = f;
	memcpy(fl.col_y, g->col_y, sizeof fl.col_y);
	size_t i = u0;
	for (; i < n; i++) {
		struct layout_note_in ni = { 0, 0 };
		measure(ctx, i, f, st, &ni);
		if (layout_flow_place(&fl, &ni, &g->out[i]) < 0) break;
	}
	hide_notes(g->out, i, n);
	memcpy(g->col_y, fl.col_y, sizeof g->col_y);
	p->u_placed = i - u0;
}

/* With at most cap notes a group: do all groups fit, the ungrouped notes get at least as many
 * (or all), and the tile room if some are left out? Leaves that layout in place. */
static int cap_fits(struct gplace *g, const struct layout_group_in *groups, size_t n_groups, size_t n, size_t u0,
                    size_t cap, layout_measure_fn *measure, void *ctx, const struct layout_step *st,
                    int more_h, struct layout_rect *more, struct pass *p)
{
	place_all(g, groups, n_groups, n, u0, cap, 0, measure, ctx, st, p);
	if (!p->groups_ok) return 0;
	size_t want_u = min_sz(n - u0, cap);
	*more = rect(0, 0, 0, 0);
	if (u0 + p->u_placed == n) return 1;
	if (!make_more(g, &p->ng, u0, &p->u_placed, 0, more_h, more)) return 0;
	return p->u_placed >= want_u;
}

void layout_fit_groups(const struct layout_frame_in *in, const struct layout_step *steps, int n_steps,
                       const struct layout_group_in *groups, size_t n_groups, size_t n,
                       layout_measure_fn *measure, void *ctx, int more_h, int foot_h,
                       struct layout_note *out, struct layout_group *gout, struct layout_fit *fit)
{
	struct layout_frame_in fin = *in;
	memset(fit, 0, sizeof *fit);  /* stays so only without steps: a caller's mistake */
	size_t u0 = 0, max_n = 0;     /* where the ungrouped notes start; the largest group */
	for (size_t gi = 0; gi < n_groups; gi++) {
		u0 += groups[gi].n;
		max_n = groups[gi].n > max_n ? groups[gi].n : max_n;
	}
	u0 = min_sz(u0, n);
	for (int k = 0; k < n_steps; k++) {
		int last = k == n_steps - 1;
		fin.note_scale = steps[k].scale;
		fin.note_line_h = steps[k].note_line_h;
		if (steps[k].heading_h > 0) fin.heading_h = steps[k].heading_h;
		layout_frame(&fin, &fit->frame);
		const struct layout_frame *f = &fit->frame;
		struct gplace g = { .f = f, .out = out, .gout = gout, .foot_h = maxi(foot_h, 0) };
		fit->step = k;
		fit->more = rect(0, 0, 0, 0);
		if (n_groups == 0) {
			/* as before there were groups: the notes in order, the tile after them */
			struct layout_flow fl;
			layout_flow_init(&fl, f);
			size_t i = 0;
			for (; i < n; i++) {
				struct layout_note_in ni = { 0, 0 };
				measure(ctx, i, f, &steps[k], &ni);
				if (layout_flow_place(&fl, &ni, &out[i]) < 0) break;
			}
			fit->placed = i;
			if (i == n) return;
			if (last) {
				fit->placed = layout_flow_more(&fl, out, i, more_h, &fit->more);
				hide_notes(out, fit->placed, n);
			}
			continue;
		}
		struct pass p;
		place_all(&g, groups, n_groups, n, u0, (size_t)-1, 0, measure, ctx, &steps[k], &p);
		if (p.groups_ok && u0 + p.u_placed == n) {
			fit->placed = n;
			fit->groups_placed = n_groups;
			return;
		}
		if (!last) continue;
		/* The smallest step and still too many: the same number of notes from every group,
		 * as many as lets them all fit. */
		size_t lo = 1, hi = max_n, best = 0;
		while (lo <= hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (cap_fits(&g, groups, n_groups, n, u0, mid, measure, ctx, &steps[k], more_h, &fit->more, &p)) {
				best = mid;
				lo = mid + 1;
			} else {
				hi = mid - 1;
			}
		}
		while (best > 0 &&
		       !cap_fits(&g, groups, n_groups, n, u0, best, measure, ctx, &steps[k], more_h, &fit->more, &p))
			best--;  /* not quite monotonic: step down to one that fits */
		if (best == 0) {
			/* Not one note a group: what fits, cut, and the tile for the rest. */
			place_all(&g, groups, n_groups, n, u0, 1, 1, measure, ctx, &steps[k], &p);
			if (!make_more(&g, &p.ng, u0, &p.u_placed, 1, more_h, &fit->more)) fit->more = rect(0, 0, 0, 0);
		}
		fit->groups_placed = p.ng;
		size_t shown = p.u_placed;
		for (size_t gi = 0; gi < p.ng; gi++) shown += gout[gi].placed;
		fit->placed = shown;
		if (shown == n) fit->more = rect(0, 0, 0, 0);
	}
}

/* ---- pages --------------------------------------------------------------------------------- */

size_t layout_paginate(const struct layout_frame *f, const struct layout_step *st, const size_t *idx,
                       size_t m, layout_measure_fn *measure, void *ctx, size_t first_page,
                       struct layout_note *out, size_t *page_of)
{
	if (m == 0) return 0;
	struct layout_flow fl;
	layout_flow_init(&fl, f);
	size_t page = 0, on_page = 0;
	for (size_t k = 0; k < m; k++) {
		size_t i = idx ? idx[k] : k;
		struct layout_note_in ni = { 0, 0 };
		measure(ctx, i, f, st, &ni);
		int rc = layout_flow_place(&fl, &ni, &out[i]);
		if (rc < 0 && on_page > 0) {  /* a fresh page */
			page++;
			on_page = 0;
			layout_flow_init(&fl, f);
			rc = layout_flow_place(&fl, &ni, &out[i]);
		}
		if (rc < 0) {
			/* Not even alone on a page (a tiny window): give it the page's top-left corner at
			 * no size, so it is still on a page but takes no room. */
			memset(&out[i], 0, sizeof out[i]);
			out[i].note = rect(f->col_x[0], f->notes.y, 0, 0);
		}
		page_of[i] = first_page + page;
		on_page++;
	}
	return page + 1;
}

/* ---- bar charts ------------------------------------------------------------------------------ */

/* Row i at (x, y) in a column w wide: cells and height, from its measured text height. */
static void chart_row(const struct layout_chart_in *in, const struct layout_chart_step *st, int text_pct,
                      int text_h, int count, int x, int y, int w, struct layout_row *r)
{
	memset(r, 0, sizeof *r);
	int pad = maxi(st->pad, 0);
	int inner = maxi(maxi(text_h, st->min_h), in->bars ? st->bar_h : 0);
	int h = inner + 2 * pad;
	r->row = rect(x, y, w, h);
	/* cells inside the row's padding: [pad rank pad text pad bar pad count pad] */
	int x0 = x + pad, x1 = x + w - pad;
	int rank_w = mini(maxi(st->rank_w, 0), maxi(0, x1 - x0));
	r->rank = rect(x0, y + pad, rank_w, inner);
	int tx = x0 + rank_w + (rank_w ? pad : 0);
	int rest = maxi(0, x1 - tx);
	int tw = in->bars ? rest * mini(maxi(text_pct, 0), 100) / 100 : rest;
	int th = mini(maxi(text_h, 0), inner);
	r->text = rect(tx, y + pad + (inner - th) / 2, tw, th);
	if (!in->bars) return;
	int bx = tx + tw + (tw ? pad : 0);
	int count_w = maxi(st->count_w, 0);
	int bar_max = maxi(0, x1 - bx - pad - count_w);
	int bw = 0;
	if (in->max_count > 0 && count > 0) {
		long long v = ((long long)count * bar_max * 2 + in->max_count) / (2LL * in->max_count);
		bw = mini((int)v, bar_max);
		bw = maxi(bw, mini(3, bar_max));  /* a count of 1 still shows */
	}
	int bh = mini(st->bar_h, inner);
	r->bar = rect(bx, y + pad + (inner - bh) / 2, bw, bh);
	int ch = mini(st->min_h, inner);
	r->count = rect(bx + bw + pad, y + pad + (inner - ch) / 2, count_w, ch);
}

static int pct_of(const struct layout_chart_in *in, int cols)
{
	return cols == 2 && in->text_pct2 > 0 ? in->text_pct2 : in->text_pct;
}

static int text_w_of(const struct layout_chart_in *in, const struct layout_chart_step *st, int col_w,
                     int text_pct)
{
	int pad = maxi(st->pad, 0), inner = maxi(0, col_w - 2 * pad);
	int rank_w = mini(maxi(st->rank_w, 0), inner);
	int rest = maxi(0, inner - rank_w - (rank_w ? pad : 0));
	return in->bars ? rest * mini(maxi(text_pct, 0), 100) / 100 : rest;
}

/* Fill columns top to bottom from row 0: at most per_col[c] rows in column c (0: as many as
 * fit). Returns the rows placed. */
static size_t chart_fill(const struct layout_chart_in *in, const struct layout_chart_step *st, int cols,
                         int col_w, const size_t *per_col, size_t n, const int *counts, const int *text_h,
                         struct layout_row *out)
{
	const struct layout_rect *A = &in->area;
	size_t i = 0;
	for (int c = 0; c < cols && i < n; c++) {
		int x = A->x + c * (col_w + in->gap), y = A->y;
		size_t in_col = 0;
		while (i < n && (!per_col[c] || in_col < per_col[c])) {
			struct layout_row r;
			chart_row(in, st, pct_of(in, cols), text_h[i], counts ? counts[i] : 0, x, y, col_w, &r);
			if (y + r.row.h > A->y + A->h) break;
			r.column = c;
			out[i++] = r;
			in_col++;
			y += r.row.h + in->gap;
		}
	}
	return i;
}

void layout_chart_fit(const struct layout_chart_in *in, const struct layout_chart_step *steps,
                      int n_steps, size_t n, const int *counts, layout_row_measure_fn *measure,
                      void *ctx, struct layout_row *out, struct layout_chart *ch)
{
	const struct layout_rect *A = &in->area;
	memset(ch, 0, sizeof *ch);
	int *text_h = xcalloc(n ? n : 1, sizeof *text_h);
	for (int k = 0; k < n_steps; k++) {
		const struct layout_chart_step *st = &steps[k];
		for (int cols = 1; cols <= 2; cols++) {
			int col_w = cols == 1 ? A->w : (A->w - in->gap) / 2;
			if (cols == 2 && col_w < in->min_col_w) break;
			if (col_w <= 0) break;
			int tw = text_w_of(in, st, col_w, pct_of(in, cols));
			for (size_t i = 0; i < n; i++) text_h[i] = measure(ctx, i, tw, st);
			size_t per_col[2] = { 0, 0 };
			if (cols == 2) per_col[0] = (n + 1) / 2;  /* balanced: the first column the longer */
			size_t placed = chart_fill(in, st, cols, col_w, per_col, n, counts, text_h, out);
			ch->step = k;
			ch->columns = cols;
			ch->col_w = col_w;
			ch->text_w = tw;
			ch->placed = placed;
			if (placed == n) goto done;
		}
	}
	if (n_steps > 0 && n > 0) {
		/* At the smallest step nothing holds them all: fill the columns used, then make room for
		 * the tile at the bottom of the last one. */
		const struct layout_chart_step *st = &steps[ch->step];
		size_t per_col[2] = { 0, 0 };
		size_t placed = chart_fill(in, st, ch->columns, ch->col_w, per_col, n, counts, text_h, out);
		int more_h = mini(maxi(in->more_h, 0), A->h);
		while (placed > 0) {
			const struct layout_row *r = &out[placed - 1];
			if (r->row.y + r->row.h + in->gap + more_h <= A->y + A->h) break;
			placed--;
		}
		int c = placed ? out[placed - 1].column : 0;
		int y = placed ? out[placed - 1].row.y + out[placed - 1].row.h + in->gap : A->y;
		ch->placed = placed;
		ch->more = rect(A->x + c * (ch->col_w + in->gap), y, ch->col_w, more_h);
	}
done:
	free(text_h);
}

void layout_stack(const struct layout_rect *area, const int *h, int n, int gap, struct layout_rect *out)
{
	int total = 0;
	for (int i = 0; i < n; i++) total += maxi(h[i], 0) + (i ? gap : 0);
	int y = area->y + maxi(0, (area->h - total) * 2 / 5);
	int bottom = area->y + area->h;
	for (int i = 0; i < n; i++) {
		int hh = mini(maxi(h[i], 0), maxi(0, bottom - y));
		out[i] = rect(area->x, y, area->w, hh);
		y = mini(bottom, y + hh + gap);
	}
}

int layout_rect_inside(const struct layout_rect *a, const struct layout_rect *b)
{
	return a->x >= b->x && a->y >= b->y && a->x + a->w <= b->x + b->w &&
	       a->y + a->h <= b->y + b->h;
}

int layout_rect_overlap(const struct layout_rect *a, const struct layout_rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	       b->y < a->y + a->h;
}
