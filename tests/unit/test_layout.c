/* test_layout.c: the board's geometry on many generated boards (1 to 500 notes, short and long
 * texts, four screen sizes, every note size): nothing overlaps, everything is inside, reading
 * order, appending a note never moves the notes before it, and notes shrink to the largest
 * size at which they all fit, never below the readable minimum. Links only layout and util. */
#include "layout.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int sizes[][2] = { { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 }, { 800, 600 } };
#define N_SIZES (int)(sizeof sizes / sizeof sizes[0])

static const size_t counts[] = { 1, 2, 3, 4, 5, 7, 12, 20, 40, 100, 250, 500 };
#define N_COUNTS (sizeof counts / sizeof counts[0])

/* Deterministic generator (xorshift32), so a failure names a seed that reproduces it. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Font metrics roughly as the board has them at height H. */
static int note_line(int H) { return H * 30 / 720; }
static int note_font(int H) { return H * 33 / 720; }
static int author_line(int H) { return H * 24 / 720; }

static void frame_for(int W, int H, int empty, struct layout_frame *f)
{
	struct layout_frame_in in = {
		.win_w = W, .win_h = H,
		.qr_modules = 33, .qr_quiet = 4,
		.title_h = H * 31 / 720,
		.join_w = H * 300 / 720,
		.scan_h = H * 31 / 720, .url_h = H * 28 / 720, .phones_h = H * 24 / 720,
		.note_line_h = note_line(H),
		.empty = empty, .empty_h = empty ? H * 90 / 720 : 0,
	};
	layout_frame(&in, f);
}

/* Notes of varied height: mostly one to four lines, some long ones, some beyond any note
 * (the layout must cut them), two in three with an author line. */
static void gen_notes(uint32_t seed, int H, struct layout_note_in *in, size_t n)
{
	uint32_t s = seed ? seed : 1;
	for (size_t i = 0; i < n; i++) {
		uint32_t r = rnd(&s) % 100;
		int lines = r < 70 ? 1 + (int)(rnd(&s) % 4) : r < 95 ? 5 + (int)(rnd(&s) % 8)
		                                                     : 20 + (int)(rnd(&s) % 20);
		in[i].text_h = (lines - 1) * note_line(H) + note_font(H);
		in[i].author_h = rnd(&s) % 3 ? author_line(H) : 0;
	}
}

/* ---- notes at smaller sizes: a model of the board's text ----------------------------------- */

/* Font metrics at a font size in pixels, roughly Noto Sans as the board has them. */
static int font_h(int px) { return px * 11 / 8; }
static int line_h(int px) { return px * 5 / 4; }
static int author_h_at(int px) { return px * 17 / 12; }

/* The board's full sizes of note text and author line at a window height (text.c). */
static int full_note_px(int H) { int v = (H * 34 + 500) / 1000; return v < 6 ? 6 : v; }
static int full_author_px(int H) { int v = (H * 24 + 500) / 1000; return v < 6 ? 6 : v; }

/* The steps for a window height, with line heights measured as the board does. */
static int steps_for(int H, struct layout_step *steps)
{
	int n = layout_note_steps(H, full_note_px(H), full_author_px(H), steps);
	for (int k = 0; k < n; k++) steps[k].note_line_h = line_h(steps[k].note_px);
	return n;
}

static void frame_in_at(int W, int H, int empty, const struct layout_step *st,
                        struct layout_frame_in *in)
{
	*in = (struct layout_frame_in){
		.win_w = W, .win_h = H,
		.qr_modules = 33, .qr_quiet = 4,
		.title_h = H * 31 / 720,
		.join_w = H * 300 / 720,
		.scan_h = H * 31 / 720, .url_h = H * 28 / 720, .phones_h = H * 24 / 720,
		.note_line_h = st ? st->note_line_h : note_line(H),
		.note_scale = st ? st->scale : 0,
		.empty = empty, .empty_h = empty ? H * 90 / 720 : 0,
	};
}

/* A note as typed on a phone: its length in characters and whether it has an author. */
struct gnote { int chars, author; };

static void gen_gnotes(uint32_t seed, struct gnote *g, size_t n)
{
	uint32_t s = seed ? seed : 1;
	for (size_t i = 0; i < n; i++) {
		uint32_t r = rnd(&s) % 100;
		g[i].chars = r < 15 ? 5 + (int)(rnd(&s) % 20) : r < 85 ? 25 + (int)(rnd(&s) % 50)
		           : r < 97 ? 75 + (int)(rnd(&s) % 125) : 280;
		g[i].author = rnd(&s) % 3 != 0;
	}
}

struct gctx {
	const struct gnote *g;
	unsigned long calls;
};

/* What the board's measure does: wrap at f->text_w (a character is half the font size wide),
 * cut to the room a note has, with "…". */
static void gmeasure(void *ctx, size_t i, const struct layout_frame *f, const struct layout_step *st,
                     struct layout_note_in *out)
{
	struct gctx *c = ctx;
	const struct gnote *g = &c->g[i];
	c->calls++;
	int px = st->note_px, lh = line_h(px), fh = font_h(px);
	int per_line = f->text_w > 0 ? f->text_w * 2 / px : 1;
	int lines = per_line > 0 ? (g->chars + per_line - 1) / per_line : g->chars;
	if (lines < 1) lines = 1;
	out->author_h = g->author ? author_h_at(st->author_px) : 0;
	int room = layout_note_text_room(f, out->author_h);
	int fit = room >= fh ? (room - fh) / lh + 1 : 1;
	if (lines > fit) lines = fit;
	out->text_h = (lines - 1) * lh + fh;
}

/* Frame at step st, and notes g[0..n) measured for it into in[]. */
static void measure_all(int W, int H, const struct layout_step *st, const struct gnote *g, size_t n,
                        struct layout_frame *f, struct layout_note_in *in)
{
	struct layout_frame_in fi;
	frame_in_at(W, H, 0, st, &fi);
	layout_frame(&fi, f);
	struct gctx c = { g, 0 };
	for (size_t i = 0; i < n; i++) gmeasure(&c, i, f, st, &in[i]);
}

static int same_rect(const struct layout_rect *a, const struct layout_rect *b)
{
	return a->x == b->x && a->y == b->y && a->w == b->w && a->h == b->h;
}

static int same_note(const struct layout_note *a, const struct layout_note *b)
{
	return same_rect(&a->note, &b->note) && same_rect(&a->text, &b->text) &&
	       same_rect(&a->author, &b->author);
}

#define RECT_FMT "(%d,%d %dx%d)"
#define RECT_ARG(r) (r).x, (r).y, (r).w, (r).h

static void check_nonneg(const struct layout_rect *r, const char *what)
{
	ck_assert_msg(r->w >= 0 && r->h >= 0, "%s has a negative size " RECT_FMT, what, RECT_ARG(*r));
}

/* Everything about the frame that holds whatever the notes are. */
static void check_frame(const struct layout_frame *f, int W, int H, int empty)
{
	struct layout_rect win = { 0, 0, W, H };
	const struct { const struct layout_rect *r; const char *name; } parts[] = {
		{ &f->header, "header" }, { &f->title, "title" }, { &f->question, "question" },
		{ &f->notes, "notes area" },
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		check_nonneg(parts[i].r, parts[i].name);
		ck_assert_msg(layout_rect_inside(parts[i].r, &win), "%dx%d: %s " RECT_FMT
		              " outside the window", W, H, parts[i].name, RECT_ARG(*parts[i].r));
	}
	ck_assert(layout_rect_inside(&f->title, &f->header));
	ck_assert(layout_rect_inside(&f->question, &f->header));
	ck_assert(!layout_rect_overlap(&f->title, &f->question));
	ck_assert_msg(!layout_rect_overlap(&f->header, &f->notes), "%dx%d: header " RECT_FMT
	              " overlaps the notes area " RECT_FMT, W, H, RECT_ARG(f->header),
	              RECT_ARG(f->notes));
	ck_assert(f->divider_y >= f->header.y + f->header.h && f->divider_y < f->notes.y);
	ck_assert_int_ge(f->columns, 1);
	ck_assert_int_le(f->columns, LAYOUT_MAX_COLUMNS);
	for (int c = 0; c < f->columns; c++) {
		ck_assert_int_ge(f->col_x[c], f->notes.x);
		ck_assert_int_le(f->col_x[c] + f->col_w, f->notes.x + f->notes.w);
		if (c) ck_assert_int_eq(f->col_x[c] - f->col_x[c - 1], f->col_w + f->gap);
	}
	ck_assert_int_eq(f->text_w, f->col_w - 2 * f->pad);
	ck_assert_msg(f->has_qr, "%dx%d: no room found for the QR code", W, H);
	ck_assert(layout_rect_inside(&f->card, &win));
	ck_assert(layout_rect_inside(&f->qr, &f->card));
	ck_assert_int_eq(f->qr.w, f->qr.h);
	ck_assert_int_eq(f->qr.w, 33 * f->qr_module);  /* whole modules: crisp */
	const struct layout_rect *lines[] = { &f->scan, &f->url, &f->phones };
	for (int i = 0; i < 3; i++) {
		ck_assert_msg(layout_rect_inside(lines[i], &f->card), "%dx%d: card line %d " RECT_FMT
		              " outside the card " RECT_FMT, W, H, i, RECT_ARG(*lines[i]),
		              RECT_ARG(f->card));
		ck_assert(!layout_rect_overlap(lines[i], &f->qr));
		for (int j = 0; j < i; j++) ck_assert(!layout_rect_overlap(lines[i], lines[j]));
	}
	if (!empty) {
		ck_assert_msg(layout_rect_inside(&f->card, &f->header), "%dx%d: card outside header", W, H);
		ck_assert(!layout_rect_overlap(&f->card, &f->title));
		ck_assert(!layout_rect_overlap(&f->card, &f->question));
		ck_assert_int_ge(f->qr.w, H / 6);  /* big enough to scan from the back */
		ck_assert_int_le(f->qr.w, H * 3 / 10);
	} else {
		ck_assert(layout_rect_inside(&f->card, &f->notes));
		ck_assert(layout_rect_inside(&f->empty, &f->notes));
		ck_assert(!layout_rect_overlap(&f->card, &f->empty));
		ck_assert_int_ge(f->qr.w, H / 3);
	}
}

/* Everything about placed notes. */
static void check_notes(const struct layout_frame *f, const struct layout_note_in *in,
                        const struct layout_note *out, size_t placed, size_t n,
                        const struct layout_rect *more, int more_h, const char *ctx)
{
	struct layout_rect win = { 0, 0, f->win_w, f->win_h };
	ck_assert_msg(placed <= n, "%s: placed %zu of %zu", ctx, placed, n);
	for (size_t i = 0; i < placed; i++) {
		const struct layout_note *a = &out[i];
		ck_assert_msg(layout_rect_inside(&a->note, &win), "%s: note %zu outside the window", ctx, i);
		ck_assert_msg(layout_rect_inside(&a->note, &f->notes), "%s: note %zu " RECT_FMT
		              " outside the notes area " RECT_FMT, ctx, i, RECT_ARG(a->note),
		              RECT_ARG(f->notes));
		ck_assert_msg(!layout_rect_overlap(&a->note, &f->header), "%s: note %zu on the header", ctx, i);
		ck_assert_msg(!layout_rect_overlap(&a->note, &f->card), "%s: note %zu on the QR card", ctx, i);
		ck_assert_msg(layout_rect_inside(&a->text, &a->note), "%s: note %zu text " RECT_FMT
		              " outside its note " RECT_FMT, ctx, i, RECT_ARG(a->text), RECT_ARG(a->note));
		ck_assert_msg(layout_rect_inside(&a->author, &a->note), "%s: note %zu author outside", ctx, i);
		ck_assert_msg(!layout_rect_overlap(&a->text, &a->author), "%s: note %zu text on author", ctx, i);
		ck_assert_int_eq(a->note.w, f->col_w);
		ck_assert_int_le(a->text.h, in[i].text_h);  /* cut, never stretched */
		if (a->text.h < in[i].text_h)  /* cut only when it could not fit */
			ck_assert_int_eq(a->text.h + (a->author.h ? f->small_gap + a->author.h : 0) +
			                 2 * f->pad + (f->note_line_h - 1) >= f->notes.h, 1);
		else
			ck_assert_int_ge(a->note.h, f->note_min_h < f->notes.h ? f->note_min_h : f->notes.h);
		if (i > 0) {  /* reading order: top to bottom, then left to right */
			const struct layout_note *p = &out[i - 1];
			ck_assert_msg(a->note.y > p->note.y || (a->note.y == p->note.y && a->note.x > p->note.x),
			              "%s: note %zu " RECT_FMT " comes before note %zu " RECT_FMT, ctx, i,
			              RECT_ARG(a->note), i - 1, RECT_ARG(p->note));
		}
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(!layout_rect_overlap(&a->note, &out[j].note), "%s: notes %zu " RECT_FMT
			              " and %zu " RECT_FMT " overlap", ctx, j, RECT_ARG(out[j].note), i,
			              RECT_ARG(a->note));
	}
	if (placed == n) {
		ck_assert_int_eq(more->h, 0);
		return;
	}
	ck_assert_msg(more->h == more_h && more->w == f->col_w, "%s: no \"+N more\" tile", ctx);
	ck_assert_msg(layout_rect_inside(more, &f->notes), "%s: more tile outside notes area", ctx);
	for (size_t i = 0; i < placed; i++)
		ck_assert_msg(!layout_rect_overlap(more, &out[i].note), "%s: more tile on note %zu", ctx, i);
}

START_TEST(rect_helpers_can_fail)
{
	/* The checks above are only as good as these two. */
	struct layout_rect a = { 0, 0, 10, 10 }, b = { 10, 0, 10, 10 }, c = { 9, 9, 5, 5 };
	struct layout_rect d = { 2, 2, 3, 3 }, e = { 8, 8, 3, 3 };
	ck_assert(!layout_rect_overlap(&a, &b));  /* touching edges do not overlap */
	ck_assert(layout_rect_overlap(&a, &c));
	ck_assert(layout_rect_overlap(&c, &a));
	ck_assert(layout_rect_inside(&d, &a));
	ck_assert(!layout_rect_inside(&e, &a));
	ck_assert(layout_rect_inside(&a, &a));
}
END_TEST

START_TEST(frames_at_every_size)
{
	for (int s = 0; s < N_SIZES; s++)
		for (int empty = 0; empty <= 1; empty++) {
			struct layout_frame f;
			frame_for(sizes[s][0], sizes[s][1], empty, &f);
			check_frame(&f, sizes[s][0], sizes[s][1], empty);
		}
}
END_TEST

START_TEST(columns_have_readable_width)
{
	for (int s = 0; s < N_SIZES; s++) {
		struct layout_frame f;
		int H = sizes[s][1];
		frame_for(sizes[s][0], H, 0, &f);
		/* About 20 to 30 characters of note text a line (a character is about half the
		 * font size), whatever the screen. */
		int chars = f.text_w * 2 / note_font(H);
		ck_assert_msg(chars >= 16 && chars <= 34, "%dx%d: %d characters a line", sizes[s][0], H, chars);
	}
	struct layout_frame f;
	frame_for(1280, 720, 0, &f);
	ck_assert_int_eq(f.columns, 4);
	frame_for(800, 600, 0, &f);
	ck_assert_int_eq(f.columns, 3);
}
END_TEST

START_TEST(generated_boards)
{
	int s = _i % N_SIZES;
	uint32_t seed = 1000u + (uint32_t)_i;
	int W = sizes[s][0], H = sizes[s][1];
	struct layout_frame f;
	frame_for(W, H, 0, &f);
	check_frame(&f, W, H, 0);
	size_t nmax = counts[N_COUNTS - 1];
	struct layout_note_in *in = calloc(nmax, sizeof *in);
	struct layout_note *out = calloc(nmax, sizeof *out);
	ck_assert(in && out);
	gen_notes(seed, H, in, nmax);
	int more_h = H * 50 / 720;
	for (size_t k = 0; k < N_COUNTS; k++) {
		size_t n = counts[k];
		struct layout_rect more;
		size_t placed = layout_notes(&f, in, n, out, more_h, &more);
		char ctx[96];
		snprintf(ctx, sizeof ctx, "%dx%d seed %u n %zu", W, H, seed, n);
		check_notes(&f, in, out, placed, n, &more, more_h, ctx);
		if (n <= 2) ck_assert_int_eq(placed, n);  /* a note or two always fit */
	}
	free(in);
	free(out);
}
END_TEST

/* Appending: place n notes, then n + 1 (the same first n): no earlier note moves. */
START_TEST(appending_moves_nothing)
{
	int s = _i % N_SIZES;
	uint32_t seed = 7u + 31u * (uint32_t)_i;
	int W = sizes[s][0], H = sizes[s][1];
	struct layout_frame f;
	frame_for(W, H, 0, &f);
	enum { N = 60 };
	struct layout_note_in in[N];
	struct layout_note prev[N], cur[N];
	gen_notes(seed, H, in, N);
	struct layout_rect more;
	size_t prev_placed = layout_notes(&f, in, 1, prev, 40, &more);
	for (size_t n = 2; n <= N; n++) {
		size_t placed = layout_notes(&f, in, n, cur, 40, &more);
		size_t common = placed < prev_placed ? placed : prev_placed;
		for (size_t i = 0; i < common; i++)
			ck_assert_msg(same_note(&prev[i], &cur[i]), "%dx%d seed %u: note %zu moved when note "
			              "%zu was added: " RECT_FMT " -> " RECT_FMT, W, H, seed, i, n - 1,
			              RECT_ARG(prev[i].note), RECT_ARG(cur[i].note));
		/* Only the "+N more" tile can take a place, and only once notes overflow. */
		if (prev_placed == n - 1 && placed < prev_placed) ck_assert(more.h > 0);
		memcpy(prev, cur, sizeof cur);
		prev_placed = placed;
	}
}
END_TEST

/* The incremental flow (what the board uses) gives exactly what layout_notes gives. */
START_TEST(flow_matches_batch)
{
	struct layout_frame f;
	frame_for(1920, 1080, 0, &f);
	enum { N = 200 };
	struct layout_note_in in[N];
	struct layout_note batch[N], one;
	gen_notes(99, 1080, in, N);
	struct layout_rect more;
	size_t placed = layout_notes(&f, in, N, batch, 50, &more);
	struct layout_flow fl;
	layout_flow_init(&fl, &f);
	size_t i = 0;
	for (; i < N && layout_flow_place(&fl, &in[i], &one) == 0; i++)
		if (i < placed) ck_assert(same_note(&one, &batch[i]));
	ck_assert_int_ge(i, placed);
}
END_TEST

START_TEST(short_notes_all_fit)
{
	/* Twelve one- and two-line notes fit on a 16:9 board at any resolution. */
	for (int s = 0; s < 3; s++) {
		int W = sizes[s][0], H = sizes[s][1];
		struct layout_frame f;
		frame_for(W, H, 0, &f);
		struct layout_note_in in[12];
		struct layout_note out[12];
		for (int i = 0; i < 12; i++) {
			in[i].text_h = (i % 2) * note_line(H) + note_font(H);
			in[i].author_h = author_line(H);
		}
		struct layout_rect more;
		ck_assert_int_eq(layout_notes(&f, in, 12, out, 40, &more), 12);
		check_notes(&f, in, out, 12, 12, &more, 40, "short notes");
		/* The first row goes left to right across the top. */
		for (int c = 0; c < f.columns; c++) {
			ck_assert_int_eq(out[c].note.y, f.notes.y);
			ck_assert_int_eq(out[c].note.x, f.col_x[c]);
		}
	}
}
END_TEST

START_TEST(overlong_note_is_cut_inside)
{
	struct layout_frame f;
	frame_for(1280, 720, 0, &f);
	struct layout_note_in in[2] = { { 5000, author_line(720) }, { 5000, 0 } };
	struct layout_note out[2];
	struct layout_rect more;
	size_t placed = layout_notes(&f, in, 2, out, 40, &more);
	ck_assert_int_eq(placed, 2);
	check_notes(&f, in, out, placed, 2, &more, 40, "overlong");
	ck_assert_int_le(out[0].text.h, layout_note_text_room(&f, author_line(720)));
	ck_assert_int_eq(out[0].text.h % f.note_line_h, 0);
	ck_assert_int_gt(out[0].author.h, 0);
	/* A text cut to layout_note_text_room() needs no further cut. */
	int room = layout_note_text_room(&f, 0);
	struct layout_note_in exact = { room, 0 };
	struct layout_note o;
	struct layout_flow fl;
	layout_flow_init(&fl, &f);
	ck_assert_int_eq(layout_flow_place(&fl, &exact, &o), 0);
	ck_assert_int_eq(o.text.h, room);
}
END_TEST

START_TEST(overflow_shows_more_tile)
{
	struct layout_frame f;
	frame_for(1280, 720, 0, &f);
	enum { N = 500 };
	static struct layout_note_in in[N];
	static struct layout_note out[N];
	for (int i = 0; i < N; i++) in[i] = (struct layout_note_in){ note_font(720), 0 };
	struct layout_rect more;
	size_t placed = layout_notes(&f, in, N, out, 44, &more);
	ck_assert(placed > 8 && placed < N);
	check_notes(&f, in, out, placed, N, &more, 44, "overflow");
}
END_TEST

START_TEST(tiny_and_odd_windows)
{
	static const int odd[][2] = { { 0, 0 }, { 1, 1 }, { 100, 80 }, { 320, 240 }, { 3840, 600 },
	                              { 600, 1600 } };
	for (size_t s = 0; s < sizeof odd / sizeof odd[0]; s++) {
		int W = odd[s][0], H = odd[s][1];
		struct layout_rect win = { 0, 0, W, H };
		for (int empty = 0; empty <= 1; empty++) {
			struct layout_frame f;
			frame_for(W, H, empty, &f);
			check_nonneg(&f.notes, "notes");
			check_nonneg(&f.header, "header");
			ck_assert(layout_rect_inside(&f.header, &win) || (W == 0 && H == 0));
			ck_assert(layout_rect_inside(&f.notes, &win) || f.notes.h == 0);
			if (f.has_qr) ck_assert(layout_rect_inside(&f.card, &win));
			struct layout_note_in in[30];
			struct layout_note out[30];
			gen_notes(5, H, in, 30);
			struct layout_rect more;
			size_t placed = layout_notes(&f, in, 30, out, H / 14, &more);
			for (size_t i = 0; i < placed; i++) {
				ck_assert(layout_rect_inside(&out[i].note, &f.notes));
				ck_assert(layout_rect_inside(&out[i].text, &out[i].note));
			}
		}
	}
}
END_TEST

/* ---- smaller notes when they do not all fit ------------------------------------------------ */

START_TEST(steps_shrink_to_readable_minimum)
{
	static const int heights[] = { 240, 320, 480, 600, 720, 768, 800, 900, 1050, 1080, 1200,
	                               1440, 1600, 2160, 2880, 4320 };
	for (size_t h = 0; h < sizeof heights / sizeof heights[0]; h++) {
		int H = heights[h], full = full_note_px(H), afull = full_author_px(H);
		int min_px = (H * 25 + 500) / 1000;  /* 2.5% of the window height, rounded */
		struct layout_step st[LAYOUT_MAX_STEPS];
		int n = layout_note_steps(H, full, afull, st);
		ck_assert_int_ge(n, 1);
		ck_assert_int_le(n, LAYOUT_MAX_STEPS);
		ck_assert_int_eq(st[0].scale, 1000);
		ck_assert_int_eq(st[0].note_px, full);
		ck_assert_int_eq(st[0].author_px, afull);
		for (int k = 0; k < n; k++) {
			ck_assert_msg(st[k].note_px >= min_px, "H %d step %d: note text %d px, below 2.5%% "
			              "of the height (%d px)", H, k, st[k].note_px, min_px);
			ck_assert_msg(st[k].note_px * 1000 >= H * 25 - 500, "H %d: %d px", H, st[k].note_px);
			ck_assert_int_le(st[k].author_px, afull);
			ck_assert_int_ge(st[k].author_px, (H * 20 + 500) / 1000 < afull ? (H * 20 + 500) / 1000 : afull);
			/* the scale is the note text's own ratio to full size */
			ck_assert_int_le(abs(st[k].scale - st[k].note_px * 1000 / full), 1);
			if (k == 0) continue;
			ck_assert_int_lt(st[k].note_px, st[k - 1].note_px);
			ck_assert_int_lt(st[k].scale, st[k - 1].scale);
			ck_assert_int_le(st[k].author_px, st[k - 1].author_px);
			/* small steps: a change of size is a nudge, not a jump */
			ck_assert_msg(st[k].note_px * 100 >= st[k - 1].note_px * 85, "H %d: %d px after %d",
			              H, st[k].note_px, st[k - 1].note_px);
		}
		ck_assert_msg(st[n - 1].note_px == min_px, "H %d: the smallest step is %d px, not the "
		              "readable minimum %d px", H, st[n - 1].note_px, min_px);
	}
	/* The sizes a 720 and a 1080 board go through. */
	struct layout_step st[LAYOUT_MAX_STEPS];
	ck_assert_int_eq(layout_note_steps(720, 24, 17, st), 4);
	ck_assert_int_eq(st[1].note_px, 22);
	ck_assert_int_eq(st[2].note_px, 20);
	ck_assert_int_eq(st[3].note_px, 18);
	ck_assert_int_eq(st[3].author_px, 14);
	ck_assert_int_eq(layout_note_steps(1080, 37, 26, st), 5);
	ck_assert_int_eq(st[4].note_px, 27);
	/* Full size already at or under the minimum: one step, never bigger. */
	ck_assert_int_eq(layout_note_steps(720, 18, 17, st), 1);
	ck_assert_int_eq(layout_note_steps(720, 12, 10, st), 1);
	ck_assert_int_eq(st[0].note_px, 12);
	/* A window of no height: still whole steps, none of zero size. */
	int n = layout_note_steps(0, 6, 6, st);
	ck_assert(n >= 1 && n <= LAYOUT_MAX_STEPS && st[n - 1].note_px >= 1 && st[n - 1].scale > 0);
}
END_TEST

START_TEST(frames_at_every_step)
{
	for (int s = 0; s < N_SIZES; s++) {
		int W = sizes[s][0], H = sizes[s][1];
		struct layout_step st[LAYOUT_MAX_STEPS];
		int n = steps_for(H, st);
		ck_assert_int_ge(n, 3);
		for (int empty = 0; empty <= 1; empty++) {
			struct layout_frame_in in;
			struct layout_frame f0, f;
			frame_in_at(W, H, empty, &st[0], &in);
			layout_frame(&in, &f0);
			for (int k = 0; k < n; k++) {
				frame_in_at(W, H, empty, &st[k], &in);
				layout_frame(&in, &f);
				check_frame(&f, W, H, empty);
				ck_assert_int_eq(f.scale, st[k].scale);
				/* Only the notes shrink: header, card and notes area stay. */
				const struct layout_rect *a[] = { &f.header, &f.title, &f.question, &f.card, &f.qr,
				                                  &f.scan, &f.url, &f.phones, &f.notes, &f.empty };
				const struct layout_rect *b[] = { &f0.header, &f0.title, &f0.question, &f0.card,
				                                  &f0.qr, &f0.scan, &f0.url, &f0.phones, &f0.notes,
				                                  &f0.empty };
				for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
					ck_assert_msg(same_rect(a[i], b[i]), "%dx%d step %d: part %zu of the frame "
					              "moved " RECT_FMT " -> " RECT_FMT, W, H, k, i, RECT_ARG(*b[i]),
					              RECT_ARG(*a[i]));
				ck_assert_int_eq(f.divider_y, f0.divider_y);
				ck_assert_int_eq(f.margin, f0.margin);
				/* Padding, gaps and columns in proportion; as many characters a line. */
				ck_assert_int_le(abs(f.pad - f0.pad * st[k].scale / 1000), 1);
				ck_assert_int_le(abs(f.gap - f0.gap * st[k].scale / 1000), 1);
				ck_assert_int_ge(f.columns, f0.columns);
				int chars = f.text_w * 2 / st[k].note_px;  /* a character: half the font size */
				ck_assert_msg(chars >= 16 && chars <= 34, "%dx%d step %d: %d characters a line",
				              W, H, k, chars);
			}
			ck_assert_msg(f.columns > f0.columns, "%dx%d: no more columns at the smallest step",
			              W, H);
		}
	}
}
END_TEST

/* generated_boards and appending_moves_nothing at every note size: notes measured for the
 * step (cut to fit, as the board does) and notes of any height (the layout cuts them). */
START_TEST(generated_boards_at_every_step)
{
	enum { N = 250 };
	int s = _i % N_SIZES;
	uint32_t seed = 300u + 7u * (uint32_t)_i;
	int W = sizes[s][0], H = sizes[s][1];
	static struct gnote g[N];
	static struct layout_note_in in[N];
	static struct layout_note out[N], prev[N];
	gen_gnotes(seed, g, N);
	struct layout_step st[LAYOUT_MAX_STEPS];
	int n_steps = steps_for(H, st);
	int more_h = H * 50 / 720;
	for (int k = 0; k < n_steps; k++) {
		for (int source = 0; source < 2; source++) {
			struct layout_frame f;
			measure_all(W, H, &st[k], g, N, &f, in);
			if (source) gen_notes(seed, H, in, N);
			check_frame(&f, W, H, 0);
			size_t prev_placed = 0;
			for (size_t n = 1; n <= N; n += n < 60 ? 1 : 19) {
				struct layout_rect more;
				size_t placed = layout_notes(&f, in, n, out, more_h, &more);
				char ctx[96];
				snprintf(ctx, sizeof ctx, "%dx%d seed %u step %d (%d px) source %d n %zu", W, H,
				         seed, k, st[k].note_px, source, n);
				check_notes(&f, in, out, placed, n, &more, more_h, ctx);
				if (n <= 2) ck_assert_int_eq(placed, n);
				size_t common = placed < prev_placed ? placed : prev_placed;
				for (size_t i = 0; i < common; i++)
					ck_assert_msg(same_note(&prev[i], &out[i]), "%s: note %zu moved", ctx, i);
				memcpy(prev, out, placed * sizeof *out);
				prev_placed = placed;
			}
		}
	}
}
END_TEST

/* Boards of 1 to 300 generated notes: layout_fit takes the largest step at which all fit, or
 * the smallest with the "+N more" tile, and places exactly what a flow at that step places. */
START_TEST(fit_takes_largest_step_that_fits)
{
	static const size_t fit_counts[] = { 1, 3, 8, 11, 12, 14, 16, 18, 20, 25, 30, 40, 60, 100, 300 };
	enum { NMAX = 300 };
	int s = _i % N_SIZES;
	uint32_t seed = 4242u + 17u * (uint32_t)_i;
	int W = sizes[s][0], H = sizes[s][1];
	static struct gnote g[NMAX];
	static struct layout_note out[NMAX], tmp[NMAX];
	static struct layout_note_in in[NMAX];
	gen_gnotes(seed, g, NMAX);
	struct layout_step st[LAYOUT_MAX_STEPS];
	int n_steps = steps_for(H, st);
	int more_h = H * 48 / 720;
	struct layout_frame_in fi;
	frame_in_at(W, H, 0, NULL, &fi);
	for (size_t c = 0; c < sizeof fit_counts / sizeof fit_counts[0]; c++) {
		size_t n = fit_counts[c];
		struct gctx gc = { g, 0 };
		struct layout_fit fit;
		layout_fit(&fi, st, n_steps, n, gmeasure, &gc, more_h, out, &fit);
		char ctx[96];
		snprintf(ctx, sizeof ctx, "%dx%d seed %u n %zu step %d", W, H, seed, n, fit.step);
		ck_assert_int_ge(fit.step, 0);
		ck_assert_int_lt(fit.step, n_steps);
		/* What a plain flow at that step gives, and the same frame. */
		struct layout_frame f;
		measure_all(W, H, &st[fit.step], g, n, &f, in);
		ck_assert_msg(same_rect(&f.notes, &fit.frame.notes) && f.columns == fit.frame.columns &&
		              f.col_w == fit.frame.col_w && f.scale == st[fit.step].scale, "%s: frame", ctx);
		check_frame(&fit.frame, W, H, 0);
		check_notes(&fit.frame, in, out, fit.placed, n, &fit.more, more_h, ctx);
		struct layout_rect more;
		size_t placed = layout_notes(&f, in, n, tmp, more_h, &more);
		ck_assert_msg(placed == fit.placed, "%s: placed %zu, a flow places %zu", ctx, fit.placed,
		              placed);
		for (size_t i = 0; i < placed; i++) ck_assert(same_note(&out[i], &tmp[i]));
		/* No larger step fits them all. */
		for (int k = 0; k < fit.step; k++) {
			measure_all(W, H, &st[k], g, n, &f, in);
			size_t pk = layout_notes(&f, in, n, tmp, more_h, &more);
			ck_assert_msg(pk < n, "%s: all fit at the larger step %d (%d px)", ctx, k, st[k].note_px);
		}
		if (fit.placed < n) {  /* only at the smallest size is anything left out */
			ck_assert_msg(fit.step == n_steps - 1, "%s: \"+N more\" above the smallest size", ctx);
			ck_assert_int_gt(fit.more.h, 0);
		} else {
			ck_assert_int_eq(fit.more.h, 0);
		}
		if (n <= 2) ck_assert_int_eq(fit.placed, n);
	}
}
END_TEST

/* The case that made the board shrink: more notes than fit at full size, all placed smaller. */
START_TEST(fit_shrinks_to_place_all)
{
	for (int s = 0; s < 3; s++) {  /* the 16:9 sizes */
		int W = sizes[s][0], H = sizes[s][1];
		enum { N = 16 };
		struct gnote g[N];
		for (int i = 0; i < N; i++) g[i] = (struct gnote){ 30 + (i * 7) % 30, i % 3 != 2 };
		struct layout_step st[LAYOUT_MAX_STEPS];
		int n_steps = steps_for(H, st);
		struct layout_frame_in fi;
		frame_in_at(W, H, 0, NULL, &fi);
		struct layout_note out[N], tmp[N];
		struct layout_note_in in[N];
		struct layout_frame f;
		struct layout_rect more;
		measure_all(W, H, &st[0], g, N, &f, in);
		ck_assert_msg(layout_notes(&f, in, N, tmp, 40, &more) < N, "%dx%d: %d notes fit at full "
		              "size: the case tests nothing", W, H, N);
		struct gctx gc = { g, 0 };
		struct layout_fit fit;
		layout_fit(&fi, st, n_steps, N, gmeasure, &gc, 40, out, &fit);
		ck_assert_msg(fit.placed == N, "%dx%d: %zu of %d notes placed", W, H, fit.placed, N);
		ck_assert_int_gt(fit.step, 0);
		ck_assert_int_eq(fit.more.h, 0);
		ck_assert_int_ge(st[fit.step].note_px * 1000, H * 25 - 500);
		measure_all(W, H, &st[fit.step], g, N, &f, in);
		check_notes(&fit.frame, in, out, fit.placed, N, &fit.more, 40, "shrunk");
	}
}
END_TEST

/* Far too many notes: the smallest size, as many as fit, and the "+N more" tile. */
START_TEST(fit_minimum_then_more_tile)
{
	enum { N = 200 };
	static struct gnote g[N];
	static struct layout_note out[N];
	static struct layout_note_in in[N];
	gen_gnotes(77, g, N);
	for (int s = 0; s < N_SIZES; s++) {
		int W = sizes[s][0], H = sizes[s][1];
		struct layout_step st[LAYOUT_MAX_STEPS];
		int n_steps = steps_for(H, st);
		struct layout_frame_in fi;
		frame_in_at(W, H, 0, NULL, &fi);
		struct gctx gc = { g, 0 };
		struct layout_fit fit;
		layout_fit(&fi, st, n_steps, N, gmeasure, &gc, H / 15, out, &fit);
		ck_assert_int_eq(fit.step, n_steps - 1);
		ck_assert_int_eq(st[fit.step].note_px, (H * 25 + 500) / 1000);
		ck_assert(fit.placed > 0 && fit.placed < N);
		ck_assert_int_gt(fit.more.h, 0);
		struct layout_frame f;
		measure_all(W, H, &st[fit.step], g, N, &f, in);
		check_notes(&fit.frame, in, out, fit.placed, N, &fit.more, H / 15, "minimum");
		/* Trying the larger sizes stopped early: far fewer measures than notes x steps. */
		ck_assert_uint_lt(gc.calls, (unsigned long)n_steps * (fit.placed + 1) + 1);
	}
	/* No notes: full size, nothing placed. */
	struct layout_step st[LAYOUT_MAX_STEPS];
	int n_steps = steps_for(720, st);
	struct layout_frame_in fi;
	frame_in_at(1280, 720, 1, NULL, &fi);
	struct layout_fit fit;
	struct gctx gc = { g, 0 };
	layout_fit(&fi, st, n_steps, 0, gmeasure, &gc, 40, out, &fit);
	ck_assert_int_eq(fit.step, 0);
	ck_assert_int_eq(fit.placed, 0);
	ck_assert_int_eq(fit.more.h, 0);
	ck_assert_int_eq(gc.calls, 0);
	check_frame(&fit.frame, 1280, 720, 1);
}
END_TEST

/* Ideas coming in one by one: the size only ever goes down (the board never grows back and
 * forth), and while it stays, no placed note moves. */
START_TEST(fit_appending)
{
	enum { N = 120 };
	int s = _i % N_SIZES;
	uint32_t seed = 99u + 13u * (uint32_t)_i;
	int W = sizes[s][0], H = sizes[s][1];
	static struct gnote g[N];
	static struct layout_note prev[N], cur[N];
	gen_gnotes(seed, g, N);
	struct layout_step st[LAYOUT_MAX_STEPS];
	int n_steps = steps_for(H, st);
	struct layout_frame_in fi;
	frame_in_at(W, H, 0, NULL, &fi);
	struct layout_fit pf = { 0 }, cf;
	struct gctx gc = { g, 0 };
	int more_h = H * 48 / 720;
	layout_fit(&fi, st, n_steps, 1, gmeasure, &gc, more_h, prev, &pf);
	int changes = 0;
	for (size_t n = 2; n <= N; n++) {
		layout_fit(&fi, st, n_steps, n, gmeasure, &gc, more_h, cur, &cf);
		ck_assert_msg(cf.step >= pf.step, "%dx%d seed %u: notes grew from step %d to %d at %zu "
		              "notes", W, H, seed, pf.step, cf.step, n);
		if (cf.step == pf.step) {
			size_t common = cf.placed < pf.placed ? cf.placed : pf.placed;
			for (size_t i = 0; i < common; i++)
				ck_assert_msg(same_note(&prev[i], &cur[i]), "%dx%d seed %u step %d: note %zu "
				              "moved when note %zu came", W, H, seed, cf.step, i, n - 1);
			if (pf.placed == n - 1 && cf.placed < pf.placed) ck_assert(cf.more.h > 0);
		} else {
			changes++;
		}
		memcpy(prev, cur, sizeof cur);
		pf = cf;
	}
	ck_assert_int_le(changes, n_steps - 1);
}
END_TEST

static Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rect_helpers_can_fail);
	tcase_add_test(tc, frames_at_every_size);
	tcase_add_test(tc, columns_have_readable_width);
	tcase_add_loop_test(tc, generated_boards, 0, 40);          /* 10 seeds x 4 sizes */
	tcase_add_loop_test(tc, appending_moves_nothing, 0, 20);
	tcase_add_test(tc, flow_matches_batch);
	tcase_add_test(tc, short_notes_all_fit);
	tcase_add_test(tc, overlong_note_is_cut_inside);
	tcase_add_test(tc, overflow_shows_more_tile);
	tcase_add_test(tc, tiny_and_odd_windows);
	tcase_add_test(tc, steps_shrink_to_readable_minimum);
	tcase_add_test(tc, frames_at_every_step);
	tcase_add_loop_test(tc, generated_boards_at_every_step, 0, 16);  /* 4 seeds x 4 sizes */
	tcase_add_loop_test(tc, fit_takes_largest_step_that_fits, 0, 24);  /* 6 seeds x 4 sizes */
	tcase_add_test(tc, fit_shrinks_to_place_all);
	tcase_add_test(tc, fit_minimum_then_more_tile);
	tcase_add_loop_test(tc, fit_appending, 0, 12);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(layout_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
