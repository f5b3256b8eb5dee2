/* layout.c: pure geometry of the board: header, QR card, notes columns, and the note size at
 * which they all fit. No SDL, no I/O. Every size is a fraction of the window height, so the
 * board looks the same at any size. */
#include "layout.h"

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
#define HEADER_MIN_PM 205   /* the header is at least this tall: room for a two-line question */
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
	if (!in->empty && size_card(in, f, pm(H, QR_PM), sgap, inner_w, maxi(0, H - 2 * m)) == 0) {
		card_h = f->card.h;
		move_card(f, W - m - f->card.w, m);
	}
	int header_h = maxi(card_h, pm(H, HEADER_MIN_PM));
	if (in->question_h > 0) {
		int want = in->title_h + sgap + in->question_h;
		header_h = maxi(header_h, mini(want, pm(H, HEADER_MAX_PM)));
	}
	header_h = mini(header_h, maxi(0, H - 2 * m));
	f->header = rect(m, m, inner_w, header_h);

	int left_w = f->has_qr ? f->card.x - 2 * gap - m : inner_w;
	int title_h = mini(in->title_h, header_h);
	f->title = rect(m, m, left_w, title_h);
	int qy = m + title_h + sgap;
	f->question = rect(m, qy, left_w, m + header_h - qy);

	f->divider_y = m + header_h + gap;
	int ny = f->divider_y + gap;
	f->notes = rect(m, ny, inner_w, H - m - ny);

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

int layout_flow_place(struct layout_flow *fl, const struct layout_note_in *in,
                      struct layout_note *out)
{
	const struct layout_frame *f = fl->f;
	int bottom = f->notes.y + f->notes.h;
	int author_h = author_height(f, in->author_h);
	int author_part = author_h ? f->small_gap + author_h : 0;
	int room = layout_note_text_room(f, author_h);
	int text_h = maxi(in->text_h, 0);
	if (text_h > room) {
		/* Taller than the whole area (the caller should have cut it with
		 * layout_note_text_room): cut at a whole line; the board crops the text. */
		text_h = room;
		if (f->note_line_h > 0) text_h -= text_h % f->note_line_h;
		if (text_h <= 0) return -1;
	}
	int h = maxi(2 * f->pad + text_h + author_part, f->note_min_h);
	h = mini(h, f->notes.h);

	int c = shortest(fl);
	int y = fl->col_y[c];
	if (f->col_w <= 0 || y + h > bottom) return -1;
	int x = f->col_x[c];
	memset(out, 0, sizeof *out);
	out->column = c;
	out->note = rect(x, y, f->col_w, h);
	out->text = rect(x + f->pad, y + f->pad, f->text_w, text_h);
	out->author = rect(x + f->pad, y + h - f->pad - author_h, f->text_w, author_h);
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
	struct layout_frame_in fin = *in;
	memset(fit, 0, sizeof *fit);  /* stays so only without steps: a caller's mistake */
	for (int k = 0; k < n_steps; k++) {
		fin.note_scale = steps[k].scale;
		fin.note_line_h = steps[k].note_line_h;
		layout_frame(&fin, &fit->frame);
		struct layout_flow fl;
		layout_flow_init(&fl, &fit->frame);
		size_t i = 0;
		for (; i < n; i++) {
			struct layout_note_in ni = { 0, 0 };
			measure(ctx, i, &fit->frame, &steps[k], &ni);
			if (layout_flow_place(&fl, &ni, &out[i]) < 0) break;
		}
		fit->step = k;
		fit->placed = i;
		fit->more = rect(0, 0, 0, 0);
		if (i == n) return;
		if (k == n_steps - 1) fit->placed = layout_flow_more(&fl, out, i, more_h, &fit->more);
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
