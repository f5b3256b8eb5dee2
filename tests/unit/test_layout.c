/* test_layout.c: the board's geometry on many generated boards (1 to 500 notes, short and long
 * texts, four screen sizes, every note size): nothing overlaps, everything is inside, reading
 * order, appending a note never moves the notes before it, and notes shrink to the largest
 * size at which they all fit, never below the readable minimum. Also the header's title row,
 * timer, notice and banner; groups (areas, headings, their notes inside, every group kept on a
 * crowded board) and bar charts (rows in order, cells inside, bars by count). Links only
 * layout and util. */
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


/* ---- the title row, timer, notice and banner ------------------------------------------------ */


static void frame_in_full(int W, int H, int title_w, int timer, int notice, int banner,
                          struct layout_frame_in *fi)
{
	frame_in_at(W, H, 0, NULL, fi);
	fi->title_w = title_w;
	fi->agenda_w = H * 200 / 720;
	fi->badge_w = H * 90 / 720;
	fi->badge_h = H * 32 / 720;
	fi->timer_w = timer ? H * 230 / 720 : 0;
	fi->timer_h = timer ? H * 110 / 720 : 0;
	fi->notice_h = notice ? H * 40 / 720 : 0;
	fi->banner_h = banner ? H * 30 / 720 : 0;
	fi->heading_h = H * 30 / 720;
}

/* Issue 18: the signals counter goes at the right end of the title row, left of the timer and
 * the join card, on no note and on nothing else of the header; at most half the row; the
 * header does not grow for it; without it the frame is as before. */
START_TEST(signals_counter_in_the_title_row)
{
	for (int s = 0; s < N_SIZES; s++)
		for (int variant = 0; variant < 4; variant++) {
			int W = sizes[s][0], H = sizes[s][1], timer = variant & 1, wide = variant & 2;
			struct layout_frame_in fi;
			frame_in_full(W, H, H * 300 / 720, timer, 0, 0, &fi);
			struct layout_frame without, f;
			layout_frame(&fi, &without);
			ck_assert_int_eq(without.signals.w, 0);
			fi.signals_w = wide ? W : H * 180 / 720;
			fi.signals_h = fi.badge_h;
			layout_frame(&fi, &f);
			check_frame(&f, W, H, 0);
			ck_assert_msg(f.signals.w > 0 && f.signals.h == fi.signals_h, "%dx%d v%d: signals " RECT_FMT, W, H,
			              variant, RECT_ARG(f.signals));
			ck_assert(layout_rect_inside(&f.signals, &f.header));
			ck_assert_int_le(f.signals.w, fi.signals_w);
			if (!wide && W >= 1280) ck_assert_int_eq(f.signals.w, fi.signals_w);
			const struct layout_rect *others[] = { &f.title, &f.agenda, &f.badge, &f.question, &f.card, &f.timer, &f.notes };
			for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
				ck_assert_msg(!layout_rect_overlap(&f.signals, others[i]), "%dx%d v%d: signals " RECT_FMT " on part %zu "
				              RECT_FMT, W, H, variant, RECT_ARG(f.signals), i, RECT_ARG(*others[i]));
			ck_assert_int_gt(f.signals.x, f.badge.x + f.badge.w - 1);   /* the end of the row */
			ck_assert_int_le(f.signals.w, (f.question.w + 1) / 2 + 1);  /* half the row at most */
			/* the same header and notes: only the title row's parts make room */
			ck_assert_int_eq(f.header.h, without.header.h);
			ck_assert_int_eq(f.notes.y, without.notes.y);
			ck_assert(layout_rect_overlap(&f.question, &without.question) && f.question.w == without.question.w);
		}
}
END_TEST

START_TEST(title_row_timer_notice_banner)
{
	for (int s = 0; s < N_SIZES; s++)
		for (int variant = 0; variant < 8; variant++) {
			int W = sizes[s][0], H = sizes[s][1];
			int timer = variant & 1, notice = variant & 2, banner = variant & 4;
			int long_title = variant >= 4;
			struct layout_frame_in fi;
			frame_in_full(W, H, long_title ? W : H * 300 / 720, timer, notice, banner, &fi);
			struct layout_frame f;
			layout_frame(&fi, &f);
			check_frame(&f, W, H, 0);
			struct layout_rect win = { 0, 0, W, H };
			const struct layout_rect *row[] = { &f.title, &f.agenda, &f.badge };
			for (int i = 0; i < 3; i++) {
				ck_assert_msg(layout_rect_inside(row[i], &f.header), "%dx%d v%d: title row part %d "
				              RECT_FMT " outside the header", W, H, variant, i, RECT_ARG(*row[i]));
				ck_assert(!layout_rect_overlap(row[i], &f.question));
				ck_assert(!layout_rect_overlap(row[i], &f.card));
				for (int j = 0; j < i; j++) ck_assert(!layout_rect_overlap(row[i], row[j]));
			}
			/* left to right: title, agenda, badge; agenda and badge are never cut */
			ck_assert_int_lt(f.title.x + f.title.w, f.agenda.x + 1);
			ck_assert_int_lt(f.agenda.x + f.agenda.w, f.badge.x + 1);
			ck_assert_int_eq(f.badge.w, fi.badge_w);
			ck_assert_int_le(f.agenda.w, fi.agenda_w);
			if (W >= 1280) ck_assert_int_eq(f.agenda.w, fi.agenda_w);  /* cut only when narrow */
			ck_assert_int_le(f.title.w, fi.title_w);
			if (long_title) ck_assert_int_lt(f.title.w, fi.title_w);  /* cut to the room left */
			else if (!timer && W >= 1280) ck_assert_int_eq(f.title.w, fi.title_w);
			if (timer) {
				ck_assert_int_eq(f.timer.h, fi.timer_h);
				ck_assert(layout_rect_inside(&f.timer, &f.header));
				ck_assert(!layout_rect_overlap(&f.timer, &f.card));
				ck_assert(!layout_rect_overlap(&f.timer, &f.question));
				for (int i = 0; i < 3; i++) ck_assert(!layout_rect_overlap(&f.timer, row[i]));
				ck_assert_int_gt(f.timer.x, f.question.x + f.question.w - 1);  /* right of the question */
			} else {
				ck_assert_int_eq(f.timer.w, 0);
			}
			if (notice) {
				ck_assert(layout_rect_inside(&f.notice, &win));
				ck_assert_int_eq(f.notice.y + f.notice.h, H - f.margin);  /* at the bottom */
				ck_assert(!layout_rect_overlap(&f.notice, &f.notes));
				ck_assert_int_lt(f.notes.y + f.notes.h, f.notice.y);
			} else {
				ck_assert_int_eq(f.notice.h, 0);
				ck_assert_int_eq(f.notes.y + f.notes.h, H - f.margin);
			}
			if (banner) {
				ck_assert(layout_rect_inside(&f.banner, &win));
				ck_assert_int_gt(f.banner.y, f.divider_y);
				ck_assert(!layout_rect_overlap(&f.banner, &f.notes));
				ck_assert(!layout_rect_overlap(&f.banner, &f.header));
				ck_assert_int_lt(f.banner.y, f.notes.y);
			} else {
				ck_assert_int_eq(f.banner.h, 0);
			}
		}
}
END_TEST

/* ---- groups ---------------------------------------------------------------------------------- */

/* Notes of a board with groups: ctx->grouped notes first are in groups (their text wraps at
 * the group's narrower width). */
struct grctx {
	const struct gnote *g;
	size_t grouped;
	unsigned long calls;
};

static void grmeasure(void *ctx, size_t i, const struct layout_frame *f, const struct layout_step *st,
                      struct layout_note_in *out)
{
	struct grctx *c = ctx;
	const struct gnote *g = &c->g[i];
	int in_group = i < c->grouped;
	c->calls++;
	int px = st->note_px, lh = line_h(px), fh = font_h(px);
	int w = in_group ? f->group_text_w : f->text_w;
	int per_line = w > 0 ? w * 2 / px : 1;
	int lines = per_line > 0 ? (g->chars + per_line - 1) / per_line : g->chars;
	if (lines < 1) lines = 1;
	out->author_h = g->author ? author_h_at(st->author_px) : 0;
	int room = in_group ? layout_group_note_text_room(f, out->author_h) : layout_note_text_room(f, out->author_h);
	int fit = room >= fh ? (room - fh) / lh + 1 : 1;
	if (lines > fit) lines = fit;
	out->text_h = (lines - 1) * lh + fh;
}

struct gboard {
	size_t n_groups, n;
	struct layout_group_in gin[16];
	struct layout_group gout[16];
	struct gnote g[600];
	struct layout_note out[600];
};

/* Everything about a board with groups. */
static void check_groups(const struct gboard *B, const struct layout_fit *fit, int more_h, int foot_h,
                         const char *ctx)
{
	const struct layout_frame *f = &fit->frame;
	struct layout_rect win = { 0, 0, f->win_w, f->win_h };
	size_t u0 = 0, shown = 0;
	for (size_t gi = 0; gi < B->n_groups; gi++) u0 += B->gin[gi].n;
	ck_assert_uint_le(fit->groups_placed, B->n_groups);
	/* the notes shown */
	for (size_t i = 0; i < B->n; i++) {
		const struct layout_note *a = &B->out[i];
		if (a->note.w == 0) {
			ck_assert_msg(a->note.h == 0, "%s: note %zu hidden with a height", ctx, i);
			continue;
		}
		shown++;
		ck_assert_msg(layout_rect_inside(&a->note, &f->notes), "%s: note %zu " RECT_FMT " outside the notes "
		              "area " RECT_FMT, ctx, i, RECT_ARG(a->note), RECT_ARG(f->notes));
		ck_assert(layout_rect_inside(&a->note, &win));
		ck_assert_msg(layout_rect_inside(&a->text, &a->note), "%s: note %zu text outside its note", ctx, i);
		ck_assert(layout_rect_inside(&a->author, &a->note));
		ck_assert(!layout_rect_overlap(&a->text, &a->author));
		ck_assert_int_eq(a->note.w, i < u0 ? f->group_note_w : f->col_w);
		for (size_t j = 0; j < i; j++)
			if (B->out[j].note.w)
				ck_assert_msg(!layout_rect_overlap(&a->note, &B->out[j].note), "%s: notes %zu " RECT_FMT
				              " and %zu " RECT_FMT " overlap", ctx, j, RECT_ARG(B->out[j].note), i,
				              RECT_ARG(a->note));
		if (fit->more.h > 0) ck_assert_msg(!layout_rect_overlap(&a->note, &fit->more), "%s: tile on note %zu", ctx, i);
	}
	ck_assert_uint_eq(shown, fit->placed);
	/* the groups */
	size_t first = 0, footers = 0;
	for (size_t gi = 0; gi < B->n_groups; gi++) {
		const struct layout_group *go = &B->gout[gi];
		ck_assert_uint_eq(go->first, first);
		ck_assert_uint_eq(go->n, B->gin[gi].n);
		if (gi >= fit->groups_placed) {
			ck_assert_msg(go->area.w == 0 && go->area.h == 0, "%s: group %zu after the placed ones has an area",
			              ctx, gi);
			for (size_t i = first; i < first + go->n; i++) ck_assert_int_eq(B->out[i].note.w, 0);
			first += go->n;
			continue;
		}
		ck_assert_msg(go->area.h > 0 && go->area.w > 0, "%s: placed group %zu has no area", ctx, gi);
		ck_assert_msg(layout_rect_inside(&go->area, &f->notes), "%s: group %zu " RECT_FMT " outside the notes "
		              "area " RECT_FMT, ctx, gi, RECT_ARG(go->area), RECT_ARG(f->notes));
		ck_assert(layout_rect_inside(&go->heading, &go->area));
		ck_assert_int_eq(go->heading.h, f->heading_h);
		ck_assert(go->column >= 0 && go->columns >= 1 && go->column + go->columns <= f->columns);
		ck_assert_int_eq(go->area.x, f->col_x[go->column]);
		ck_assert_int_eq(go->area.w, go->columns * f->col_w + (go->columns - 1) * f->gap);
		ck_assert_uint_le(go->placed, go->n);
		/* its shown notes are its first ones, inside its area, under its heading */
		for (size_t i = 0; i < go->n; i++) {
			const struct layout_note *a = &B->out[first + i];
			if (i >= go->placed) {
				ck_assert_msg(a->note.w == 0, "%s: group %zu note %zu shown after a hidden one", ctx, gi, i);
				continue;
			}
			ck_assert_msg(layout_rect_inside(&a->note, &go->area), "%s: group %zu note %zu " RECT_FMT
			              " outside its area " RECT_FMT, ctx, gi, i, RECT_ARG(a->note), RECT_ARG(go->area));
			ck_assert(!layout_rect_overlap(&a->note, &go->heading));
			ck_assert_int_ge(a->note.y, go->heading.y + go->heading.h);
			ck_assert(a->column >= go->column && a->column < go->column + go->columns);
			if (go->more.h > 0) ck_assert(!layout_rect_overlap(&a->note, &go->more));
		}
		if (go->placed < go->n) {
			ck_assert_msg(go->more.h == foot_h, "%s: group %zu hides notes without a footer", ctx, gi);
			ck_assert(layout_rect_inside(&go->more, &go->area));
			ck_assert(!layout_rect_overlap(&go->more, &go->heading));
			footers += go->n - go->placed;
		} else {
			ck_assert_int_eq(go->more.h, 0);
		}
		/* no other group and no ungrouped note on it */
		for (size_t gj = 0; gj < gi; gj++)
			ck_assert_msg(!layout_rect_overlap(&go->area, &B->gout[gj].area), "%s: groups %zu " RECT_FMT
			              " and %zu " RECT_FMT " overlap", ctx, gj, RECT_ARG(B->gout[gj].area), gi,
			              RECT_ARG(go->area));
		for (size_t i = u0; i < B->n; i++)
			if (B->out[i].note.w)
				ck_assert_msg(!layout_rect_overlap(&go->area, &B->out[i].note), "%s: ungrouped note %zu on "
				              "group %zu", ctx, i, gi);
		if (fit->more.h > 0) ck_assert(!layout_rect_overlap(&go->area, &fit->more));
		first += go->n;
	}
	/* ungrouped notes shown: a prefix of them */
	int gap = 0;
	for (size_t i = u0; i < B->n; i++) {
		if (B->out[i].note.w == 0) gap = 1;
		else ck_assert_msg(!gap, "%s: ungrouped note %zu shown after a hidden one", ctx, i);
	}
	/* what no footer counts, the tile counts */
	if (shown + footers < B->n) {
		ck_assert_msg(fit->more.h == more_h && fit->more.w == f->col_w, "%s: %zu notes left out and no tile",
		              ctx, B->n - shown - footers);
		ck_assert(layout_rect_inside(&fit->more, &f->notes));
	} else {
		ck_assert_msg(fit->more.h == 0, "%s: a tile though nothing is left out", ctx);
	}
}

static void gen_groups(uint32_t seed, struct gboard *B, size_t n_groups, size_t max_per_group, size_t ungrouped)
{
	uint32_t s = seed ? seed : 1;
	B->n_groups = n_groups;
	size_t n = 0;
	for (size_t gi = 0; gi < n_groups; gi++) {
		B->gin[gi].n = max_per_group ? rnd(&s) % (max_per_group + 1) : 0;
		n += B->gin[gi].n;
	}
	B->n = n + ungrouped;
	gen_gnotes(seed * 7 + 3, B->g, B->n);
}

static void fit_groups(struct gboard *B, int W, int H, int more_h, int foot_h, struct layout_fit *fit,
                       unsigned long *calls)
{
	struct layout_step st[LAYOUT_MAX_STEPS];
	int n_steps = steps_for(H, st);
	struct layout_frame_in fi;
	frame_in_full(W, H, H * 300 / 720, 0, 0, 0, &fi);
	size_t u0 = 0;
	for (size_t gi = 0; gi < B->n_groups; gi++) u0 += B->gin[gi].n;
	struct grctx gc = { B->g, u0, 0 };
	layout_fit_groups(&fi, st, n_steps, B->gin, B->n_groups, B->n, grmeasure, &gc, more_h, foot_h, B->out,
	                  B->gout, fit);
	if (calls) *calls = gc.calls;
}

START_TEST(generated_boards_with_groups)
{
	static struct gboard B;
	int s = _i % N_SIZES;
	uint32_t seed = 500u + (uint32_t)_i * 31u;
	int W = sizes[s][0], H = sizes[s][1];
	uint32_t r = seed;
	for (int round = 0; round < 12; round++) {
		size_t ng = rnd(&r) % 9, per = 1 + rnd(&r) % 16, ung = rnd(&r) % 30;
		gen_groups(seed + (uint32_t)round, &B, ng, per, ung);
		struct layout_fit fit;
		int more_h = H * 48 / 720, foot_h = H * 22 / 720;
		fit_groups(&B, W, H, more_h, foot_h, &fit, NULL);
		char ctx[96];
		snprintf(ctx, sizeof ctx, "%dx%d seed %u round %d (%zu groups, %zu notes)", W, H, seed, round, ng, B.n);
		check_groups(&B, &fit, more_h, foot_h, ctx);
		if (fit.placed == B.n) ck_assert_uint_eq(fit.groups_placed, ng);
	}
}
END_TEST

/* A few small groups fit at full size, each in one column, in the order of the groups. */
START_TEST(small_groups_one_column_each)
{
	static struct gboard B;
	B.n_groups = 3;
	for (int gi = 0; gi < 3; gi++) B.gin[gi].n = 2;
	B.n = 7;
	for (size_t i = 0; i < B.n; i++) B.g[i] = (struct gnote){ 20, 1 };
	for (int s = 0; s < N_SIZES; s++) {
		int W = sizes[s][0], H = sizes[s][1];
		struct layout_fit fit;
		fit_groups(&B, W, H, 40, 20, &fit, NULL);
		check_groups(&B, &fit, 40, 20, "small groups");
		ck_assert_int_eq(fit.step, 0);
		ck_assert_uint_eq(fit.placed, B.n);
		for (int gi = 0; gi < 3; gi++) {
			ck_assert_int_eq(B.gout[gi].columns, 1);
			ck_assert_int_eq(B.gout[gi].column, gi);  /* side by side, in order */
			ck_assert_int_eq(B.gout[gi].area.y, fit.frame.notes.y);
		}
	}
}
END_TEST

/* A group too tall for one column spans more, its notes in the columns it spans. */
START_TEST(big_group_spans_columns)
{
	static struct gboard B;
	B.n_groups = 1;
	B.gin[0].n = 9;
	B.n = 9;
	for (size_t i = 0; i < B.n; i++) B.g[i] = (struct gnote){ 40, 1 };
	for (int s = 0; s < N_SIZES; s++) {
		int W = sizes[s][0], H = sizes[s][1];
		struct layout_fit fit;
		fit_groups(&B, W, H, 40, 20, &fit, NULL);
		check_groups(&B, &fit, 40, 20, "big group");
		ck_assert_uint_eq(fit.placed, 9);
		ck_assert_int_gt(B.gout[0].columns, 1);
		int used[LAYOUT_MAX_COLUMNS] = { 0 };
		for (size_t i = 0; i < B.n; i++) used[B.out[i].column] = 1;
		for (int c = B.gout[0].column; c < B.gout[0].column + B.gout[0].columns; c++)
			ck_assert_msg(used[c], "column %d of the group holds no note", c);
	}
}
END_TEST

/* An empty group still gets an area to drop notes on. */
START_TEST(empty_group_has_drop_area)
{
	static struct gboard B;
	B.n_groups = 2;
	B.gin[0].n = 0;
	B.gin[1].n = 3;
	B.n = 5;
	for (size_t i = 0; i < B.n; i++) B.g[i] = (struct gnote){ 30, 0 };
	struct layout_fit fit;
	fit_groups(&B, 1280, 720, 40, 20, &fit, NULL);
	check_groups(&B, &fit, 40, 20, "empty group");
	ck_assert_uint_eq(fit.groups_placed, 2);
	ck_assert_int_gt(B.gout[0].area.h, B.gout[0].heading.h + 2 * fit.frame.group_pad);
	ck_assert_int_eq(B.gout[0].more.h, 0);
}
END_TEST

/* 100 ideas in six groups (the end of a big brainstorm): every group stays on the board with
 * the same number of its first notes and a footer counting the rest. */
START_TEST(crowded_groups_all_visible)
{
	static struct gboard B;
	for (int s = 0; s < N_SIZES; s++) {
		int W = sizes[s][0], H = sizes[s][1];
		B.n_groups = 6;
		for (int gi = 0; gi < 6; gi++) B.gin[gi].n = 14;
		B.n = 6 * 14 + 16;
		gen_gnotes(4242, B.g, B.n);
		struct layout_fit fit;
		int more_h = H * 48 / 720, foot_h = H * 22 / 720;
		fit_groups(&B, W, H, more_h, foot_h, &fit, NULL);
		check_groups(&B, &fit, more_h, foot_h, "crowded");
		ck_assert_msg(fit.groups_placed == 6, "%dx%d: only %zu of 6 groups on the board", W, H, fit.groups_placed);
		size_t cap = B.gout[0].placed;
		ck_assert_uint_ge(cap, 1);
		for (int gi = 0; gi < 6; gi++) {
			ck_assert_uint_eq(B.gout[gi].placed, cap);  /* the same number from each */
			ck_assert_int_gt(B.gout[gi].more.h, 0);
		}
		/* the ungrouped get at least as many, and the tile counts the rest of them */
		size_t u = 0;
		for (size_t i = 84; i < B.n; i++) u += B.out[i].note.w > 0;
		ck_assert_uint_ge(u, cap < 16 ? cap : 16);
		if (u < 16) ck_assert_int_gt(fit.more.h, 0);
	}
}
END_TEST

/* Without groups, layout_fit_groups is layout_fit. */
START_TEST(no_groups_is_fit)
{
	static struct gnote g[150];
	static struct layout_note a[150], b[150];
	gen_gnotes(5, g, 150);
	for (int s = 0; s < N_SIZES; s++)
		for (size_t n = 1; n <= 150; n += 37) {
			int W = sizes[s][0], H = sizes[s][1];
			struct layout_step st[LAYOUT_MAX_STEPS];
			int n_steps = steps_for(H, st);
			struct layout_frame_in fi;
			frame_in_at(W, H, 0, NULL, &fi);
			struct gctx c1 = { g, 0 };
			struct grctx c2 = { g, 0, 0 };
			struct layout_fit f1, f2;
			layout_fit(&fi, st, n_steps, n, gmeasure, &c1, 40, a, &f1);
			layout_fit_groups(&fi, st, n_steps, NULL, 0, n, grmeasure, &c2, 40, 20, b, NULL, &f2);
			ck_assert_int_eq(f1.step, f2.step);
			ck_assert_uint_eq(f1.placed, f2.placed);
			ck_assert(same_rect(&f1.more, &f2.more));
			for (size_t i = 0; i < f1.placed; i++) ck_assert(same_note(&a[i], &b[i]));
		}
}
END_TEST

/* ---- bar charts ------------------------------------------------------------------------------ */

struct cctx {
	const int *lines;          /* of each row's text at full width */
	unsigned long calls;
};

static int cmeasure(void *ctx, size_t i, int text_w, const struct layout_chart_step *st)
{
	struct cctx *c = ctx;
	c->calls++;
	int lines = c->lines[i];
	if (text_w < st->px * 12 && lines < 3) lines++;   /* narrower: wraps more */
	return (lines - 1) * line_h(st->px) + font_h(st->px);
}

static int chart_steps(int H, struct layout_chart_step *st)
{
	int n = 0;
	for (int px = H * 38 / 720;; px = px * 9 / 10) {
		if (px < H * 25 / 720) px = H * 25 / 720;
		st[n] = (struct layout_chart_step){ .px = px, .rank_w = px * 2, .count_w = px * 3, .bar_h = px * 3 / 4,
		                                    .pad = px * 3 / 10, .min_h = px * 11 / 8 };
		n++;
		if (px <= H * 25 / 720 || n == 6) return n;
	}
}

static void check_chart(const struct layout_chart_in *in, const struct layout_chart *ch, const struct layout_row *r,
                        size_t n, const int *cnt, const char *ctx)
{
	const struct layout_rect *A = &in->area;
	ck_assert_uint_le(ch->placed, n);
	ck_assert(ch->columns == 1 || ch->columns == 2);
	if (ch->columns == 2) ck_assert_int_ge(ch->col_w, in->min_col_w);
	for (size_t i = 0; i < ch->placed; i++) {
		const struct layout_row *a = &r[i];
		ck_assert_msg(layout_rect_inside(&a->row, A), "%s: row %zu " RECT_FMT " outside the area " RECT_FMT,
		              ctx, i, RECT_ARG(a->row), RECT_ARG(*A));
		ck_assert_int_eq(a->row.w, ch->col_w);
		const struct layout_rect *cells[] = { &a->rank, &a->text, &a->bar, &a->count };
		for (int k = 0; k < 4; k++) {
			if (cells[k]->w == 0) continue;
			ck_assert_msg(layout_rect_inside(cells[k], &a->row), "%s: row %zu cell %d " RECT_FMT " outside the "
			              "row " RECT_FMT, ctx, i, k, RECT_ARG(*cells[k]), RECT_ARG(a->row));
			for (int j = 0; j < k; j++)
				if (cells[j]->w) ck_assert_msg(!layout_rect_overlap(cells[k], cells[j]), "%s: row %zu cells %d "
				                               "and %d overlap", ctx, i, j, k);
		}
		/* order: down a column, then the next column */
		if (i > 0) {
			const struct layout_row *p = &r[i - 1];
			ck_assert(a->column >= p->column);
			if (a->column == p->column) ck_assert_int_ge(a->row.y, p->row.y + p->row.h);
			else ck_assert_int_gt(a->row.x, p->row.x);
		}
		for (size_t j = 0; j < i; j++) ck_assert(!layout_rect_overlap(&a->row, &r[j].row));
		if (ch->more.h > 0) ck_assert(!layout_rect_overlap(&a->row, &ch->more));
		if (!in->bars) {
			ck_assert_int_eq(a->bar.w, 0);
			continue;
		}
		/* bars: none for no count, longer for more, the longest for the most */
		ck_assert_int_eq(a->bar.w == 0, cnt[i] == 0);
		for (size_t j = 0; j < i; j++)  /* rows of one column width: bars by count */
			if (cnt[j] >= cnt[i]) ck_assert_int_ge(r[j].bar.w, a->bar.w);
		ck_assert_int_ge(a->count.x, a->bar.x + a->bar.w);  /* the count after its bar */
	}
	if (ch->placed < n) {
		ck_assert_msg(ch->more.h > 0, "%s: rows left out and no tile", ctx);
		ck_assert(layout_rect_inside(&ch->more, A));
	} else {
		ck_assert_int_eq(ch->more.h, 0);
	}
}

START_TEST(generated_charts)
{
	int s = _i % N_SIZES;
	int W = sizes[s][0], H = sizes[s][1];
	uint32_t r = 900u + (uint32_t)_i;
	static int lines[200], cnt[200];
	static struct layout_row rows[200];
	for (int round = 0; round < 20; round++) {
		size_t n = 1 + rnd(&r) % 60;
		int c = 40;
		for (size_t i = 0; i < n; i++) {  /* ranked: counts go down, with ties */
			lines[i] = 1 + (int)(rnd(&r) % 3);
			if (rnd(&r) % 3) c -= (int)(rnd(&r) % 4);
			cnt[i] = c > 0 ? c : 0;
		}
		struct layout_frame_in fi;
		frame_in_full(W, H, H * 300 / 720, 0, 0, 1, &fi);
		struct layout_frame f;
		layout_frame(&fi, &f);
		struct layout_chart_step st[6];
		int n_steps = chart_steps(H, st);
		struct layout_chart_in in = { .area = f.notes, .gap = H * 9 / 1000 + 1, .text_pct = 46, .text_pct2 = 60,
		                              .bars = round % 4 != 3, .min_col_w = H * 780 / 1000,
		                              .max_count = cnt[0], .more_h = H * 48 / 720 };
		struct cctx cc = { lines, 0 };
		struct layout_chart ch;
		layout_chart_fit(&in, st, n_steps, n, cnt, cmeasure, &cc, rows, &ch);
		char ctx[80];
		snprintf(ctx, sizeof ctx, "%dx%d round %d (%zu rows)", W, H, round, n);
		check_chart(&in, &ch, rows, n, cnt, ctx);
		if (n <= 3) ck_assert_uint_eq(ch.placed, n);  /* a handful always fit */
	}
}
END_TEST

/* The top count gets the longest bar; equal counts equal bars. */
START_TEST(chart_bars_scale)
{
	static int lines[6] = { 1, 1, 1, 1, 1, 1 }, cnt[6] = { 12, 8, 8, 3, 1, 0 };
	static struct layout_row rows[6];
	struct layout_chart_step st = { .px = 27, .rank_w = 40, .count_w = 50, .bar_h = 20, .pad = 8, .min_h = 37 };
	struct layout_chart_in in = { .area = { 24, 200, 1232, 480 }, .gap = 7, .text_pct = 46, .bars = 1,
	                              .min_col_w = 560, .max_count = 12, .more_h = 40 };
	struct cctx cc = { lines, 0 };
	struct layout_chart ch;
	layout_chart_fit(&in, &st, 1, 6, cnt, cmeasure, &cc, rows, &ch);
	check_chart(&in, &ch, rows, 6, cnt, "bars");
	ck_assert_uint_eq(ch.placed, 6);
	ck_assert_int_eq(ch.columns, 1);
	ck_assert_int_eq(rows[1].bar.w, rows[2].bar.w);
	ck_assert_int_gt(rows[0].bar.w, rows[1].bar.w);
	ck_assert_int_gt(rows[3].bar.w, rows[4].bar.w);
	ck_assert_int_gt(rows[4].bar.w, 0);
	ck_assert_int_eq(rows[5].bar.w, 0);
	for (int i = 0; i < 5; i++)  /* proportional to the count, rounded */
		ck_assert_int_eq(rows[i].bar.w, (cnt[i] * rows[0].bar.w * 2 + 12) / 24);
	/* the longest bar ends where its count still fits in the row */
	ck_assert_int_eq(rows[0].count.x + rows[0].count.w + st.pad, rows[0].row.x + rows[0].row.w);
	/* without bars the text takes the row */
	in.bars = 0;
	layout_chart_fit(&in, &st, 1, 6, cnt, cmeasure, &cc, rows, &ch);
	check_chart(&in, &ch, rows, 6, cnt, "no bars");
	ck_assert_int_eq(rows[0].text.x + rows[0].text.w + st.pad, rows[0].row.x + rows[0].row.w);
}
END_TEST

/* Far too many rows: two columns at the smallest size, and the tile. */
START_TEST(chart_many_rows_more_tile)
{
	static int lines[150], cnt[150];
	static struct layout_row rows[150];
	for (int i = 0; i < 150; i++) {
		lines[i] = 1 + i % 2;
		cnt[i] = 150 - i;
	}
	for (int s = 0; s < N_SIZES; s++) {
		int W = sizes[s][0], H = sizes[s][1];
		struct layout_frame_in fi;
		frame_in_full(W, H, H * 300 / 720, 0, 0, 1, &fi);
		struct layout_frame f;
		layout_frame(&fi, &f);
		struct layout_chart_step st[6];
		int n_steps = chart_steps(H, st);
		struct layout_chart_in in = { .area = f.notes, .gap = 6, .text_pct = 46, .text_pct2 = 60, .bars = 1,
		                              .min_col_w = H * 780 / 1000, .max_count = 150, .more_h = H * 48 / 720 };
		struct cctx cc = { lines, 0 };
		struct layout_chart ch;
		layout_chart_fit(&in, st, n_steps, 150, cnt, cmeasure, &cc, rows, &ch);
		check_chart(&in, &ch, rows, 150, cnt, "many rows");
		ck_assert_int_eq(ch.step, n_steps - 1);
		ck_assert_msg(ch.placed > 3 && ch.placed < 150, "%dx%d: %zu rows placed, step %d, %d columns", W, H,
		              ch.placed, ch.step, ch.columns);
		ck_assert_int_eq(ch.columns, f.notes.w / 2 >= in.min_col_w ? 2 : 1);
	}
}
END_TEST

START_TEST(stack_centred)
{
	struct layout_rect area = { 24, 200, 1232, 480 }, out[3];
	int h[3] = { 120, 40, 30 };
	layout_stack(&area, h, 3, 10, out);
	for (int i = 0; i < 3; i++) {
		ck_assert(layout_rect_inside(&out[i], &area));
		ck_assert_int_eq(out[i].h, h[i]);
		if (i) ck_assert_int_eq(out[i].y, out[i - 1].y + out[i - 1].h + 10);
	}
	int above = out[0].y - area.y, below = area.y + area.h - (out[2].y + out[2].h);
	ck_assert(above > 0 && above < below);  /* a little above the middle */
	int tall[2] = { 400, 400 };
	layout_stack(&area, tall, 2, 10, out);  /* too tall: cut at the bottom, never outside */
	for (int i = 0; i < 2; i++) ck_assert(layout_rect_inside(&out[i], &area));
}
END_TEST

/* ---- pages ---------------------------------------------------------------------------------- */

struct pmeasure { const struct layout_note_in *in; };

static void pmeasure_fn(void *ctx, size_t i, const struct layout_frame *f, const struct layout_step *st,
                        struct layout_note_in *out)
{
	(void)f;
	(void)st;
	*out = ((const struct pmeasure *)ctx)->in[i];
}

/* Generated boards of 1 to 500 notes, short, long and overlong, at every size (3840x2160 too),
 * the smallest notes with a page indicator: every note on exactly one page, pages in order and
 * none empty, nothing overlapping on a page, everything inside the notes area (inside the
 * window, off the header and the indicator), text inside its note; appending a note moves no
 * note and changes no page of the notes before it. */
START_TEST(pages_cover_every_note_once)
{
	int W = sizes[_i % N_SIZES][0], H = sizes[_i % N_SIZES][1];
	uint32_t seed = 977u * (uint32_t)(_i + 1);
	struct layout_frame_in fin = {
		.win_w = W, .win_h = H, .qr_modules = 33, .qr_quiet = 4, .title_h = H * 31 / 720,
		.join_w = H * 300 / 720, .scan_h = H * 31 / 720, .url_h = H * 28 / 720, .phones_h = H * 24 / 720,
		.note_line_h = note_line(H) * 3 / 4, .note_scale = 740, .pager_h = H * 34 / 720, .card_small = 1,
	};
	struct layout_frame f;
	layout_frame(&fin, &f);
	ck_assert_int_gt(f.pager.h, 0);
	ck_assert(!layout_rect_overlap(&f.pager, &f.notes));
	ck_assert(!layout_rect_overlap(&f.header, &f.notes));
	struct layout_rect win = { 0, 0, W, H };
	ck_assert(layout_rect_inside(&f.notes, &win) && layout_rect_inside(&f.pager, &win));
	struct layout_step st = { .scale = 740 };
	for (size_t c = 0; c < N_COUNTS; c++) {
		size_t n = counts[c];
		struct layout_note_in *in = calloc(n, sizeof *in);
		struct layout_note *out = calloc(n, sizeof *out), *out2 = calloc(n, sizeof *out2);
		size_t *page = calloc(n, sizeof *page), *page2 = calloc(n, sizeof *page2);
		gen_notes(seed + (uint32_t)n, H * 3 / 4, in, n);
		struct pmeasure pm = { in };
		size_t pages = layout_paginate(&f, &st, NULL, n, pmeasure_fn, &pm, 0, out, page);
		ck_assert_uint_ge(pages, 1);
		size_t *per = calloc(pages, sizeof *per);
		for (size_t i = 0; i < n; i++) {
			ck_assert_uint_lt(page[i], pages);
			if (i) ck_assert_uint_ge(page[i], page[i - 1]);  /* in order */
			per[page[i]]++;
			ck_assert_msg(out[i].note.w > 0, "%dx%d, %zu notes: note %zu has no size", W, H, n, i);
			ck_assert(layout_rect_inside(&out[i].note, &f.notes));
			ck_assert(layout_rect_inside(&out[i].text, &out[i].note));
			ck_assert(!layout_rect_overlap(&out[i].note, &f.pager));
			for (size_t j = 0; j < i; j++)
				if (page[j] == page[i])
					ck_assert_msg(!layout_rect_overlap(&out[i].note, &out[j].note), "%dx%d: notes %zu and %zu overlap",
					              W, H, j, i);
		}
		for (size_t p = 0; p < pages; p++) ck_assert_msg(per[p] > 0, "page %zu empty", p);
		if (n > 1) {  /* the same board before the last note came in */
			size_t pages2 = layout_paginate(&f, &st, NULL, n - 1, pmeasure_fn, &pm, 0, out2, page2);
			ck_assert_uint_le(pages2, pages);
			for (size_t i = 0; i + 1 < n; i++) {
				ck_assert_int_eq(page2[i], page[i]);
				ck_assert_int_eq(out2[i].note.x, out[i].note.x);
				ck_assert_int_eq(out2[i].note.y, out[i].note.y);
			}
		}
		/* an index list: pages numbered from first_page, only the listed notes touched */
		size_t idx[3] = { 0, n / 2, n - 1 };
		size_t m = n >= 3 ? 3 : 1;
		memset(page2, 0xFF, n * sizeof *page2);
		ck_assert_uint_eq(layout_paginate(&f, &st, idx, m, pmeasure_fn, &pm, 5, out2, page2), 1);
		for (size_t k = 0; k < m; k++) ck_assert_uint_eq(page2[idx[k]], 5);
		ck_assert_uint_eq(layout_paginate(&f, &st, NULL, 0, pmeasure_fn, &pm, 0, out2, page2), 0);
		free(per);
		free(in);
		free(out);
		free(out2);
		free(page);
		free(page2);
	}
}
END_TEST

/* The readable floor: the smallest note text is 2.5% of the window height (18 px at 1280x720,
 * 54 at 3840x2160), and the small join card keeps its QR code whole. */
START_TEST(readable_floor_and_small_card)
{
	for (int k = 0; k < N_SIZES; k++) {
		int H = sizes[k][1];
		struct layout_step steps[LAYOUT_MAX_STEPS];
		int n = layout_note_steps(H, H * 34 / 1000, H * 24 / 1000, steps);
		ck_assert_int_ge(steps[n - 1].note_px, (H * 25 + 500) / 1000);
		if (H == 720) ck_assert_int_eq(steps[n - 1].note_px, 18);
		struct layout_frame_in in = {
			.win_w = sizes[k][0], .win_h = H, .qr_modules = 33, .qr_quiet = 4, .title_h = H * 31 / 720,
			.join_w = H * 300 / 720, .scan_h = H * 31 / 720, .url_h = H * 28 / 720, .phones_h = H * 24 / 720,
			.note_line_h = note_line(H),
		};
		struct layout_frame big, small;
		layout_frame(&in, &big);
		in.card_small = 1;
		layout_frame(&in, &small);
		ck_assert(big.has_qr && small.has_qr);
		ck_assert_int_lt(small.qr.w, big.qr.w);
		ck_assert_int_ge(small.qr.w, H / 10);
		ck_assert_int_ge(small.notes.h, big.notes.h);  /* the notes get the room */
		ck_assert_int_eq(small.qr.w % 33, 0);          /* whole modules */
	}
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
	tc = tcase_create("meeting");  /* the issue-3 board: header parts, groups, charts */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, title_row_timer_notice_banner);
	tcase_add_test(tc, signals_counter_in_the_title_row);
	tcase_add_loop_test(tc, generated_boards_with_groups, 0, 16);  /* 4 seeds x 4 sizes, 12 boards each */
	tcase_add_test(tc, small_groups_one_column_each);
	tcase_add_test(tc, big_group_spans_columns);
	tcase_add_test(tc, empty_group_has_drop_area);
	tcase_add_test(tc, crowded_groups_all_visible);
	tcase_add_test(tc, no_groups_is_fit);
	tcase_add_loop_test(tc, generated_charts, 0, 8);
	tcase_add_test(tc, chart_bars_scale);
	tcase_add_test(tc, chart_many_rows_more_tile);
	tcase_add_test(tc, stack_centred);
	suite_add_tcase(s, tc);
	tc = tcase_create("pages");  /* issue 5: pages instead of "+N more", the readable floor */
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, pages_cover_every_note_once, 0, 2 * N_SIZES);
	tcase_add_test(tc, readable_floor_and_small_card);
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
