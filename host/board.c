/* board.c: the projector board. Lays out the session with layout, renders text with text,
 * draws only when something changed, and writes screenshots and its layout for tests. */
#include "board.h"
#include "layout.h"
#include "qr.h"
#include "text.h"
#include "util.h"

#include <SDL_image.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything the board says, in one table per language (Swedish comes next). "{n}" is
 * replaced by a number. */
struct board_labels {
	const char *scan_to_join;   /* over the address beside the QR code */
	const char *phones_none;    /* no phone connected yet */
	const char *phones_one;
	const char *phones_many;    /* {n} phones */
	const char *empty_title;    /* no ideas yet in this activity */
	const char *empty_hint;
	const char *more;           /* {n} ideas that do not fit */
	const char *no_question;    /* the agenda is empty */
};

static const struct board_labels labels_en = {
	.scan_to_join = "Scan to join",
	.phones_none = "No phones connected yet",
	.phones_one = "1 phone connected",
	.phones_many = "{n} phones connected",
	.empty_title = "Ideas will appear here",
	.empty_hint = "Scan the code with your phone camera and share yours",
	.more = "+{n} more",
	.no_question = "Welcome! We will start in a moment.",
};

/* The look: a calm light board (projectors wash out dark text on dark grounds less than
 * colour on black) with soft sticky notes. Colours are sRGB. */
struct board_theme {
	SDL_Color bg, ink, muted, accent, card, divider, shadow, live, more_bg, more_ink, empty_ink;
	SDL_Color notes[6];
};

static const struct board_theme theme = {
	.bg = { 0xF4, 0xF1, 0xEA, 255 },
	.ink = { 0x1F, 0x29, 0x33, 255 },
	.muted = { 0x5B, 0x66, 0x70, 255 },
	.accent = { 0x1D, 0x6A, 0x72, 255 },
	.card = { 0xFF, 0xFF, 0xFF, 255 },
	.divider = { 0xDD, 0xD7, 0xCB, 255 },
	.shadow = { 0x3A, 0x2E, 0x1E, 255 },   /* alpha set where used */
	.live = { 0x2E, 0x9E, 0x5B, 255 },
	.more_bg = { 0xE6, 0xE0, 0xD3, 255 },
	.more_ink = { 0x4A, 0x54, 0x5D, 255 },
	.empty_ink = { 0x8A, 0x90, 0x96, 255 },
	.notes = {
		{ 0xFF, 0xEE, 0x9C, 255 },  /* yellow */
		{ 0xCF, 0xEB, 0xC8, 255 },  /* mint */
		{ 0xFF, 0xD6, 0xC0, 255 },  /* peach */
		{ 0xCB, 0xE3, 0xF7, 255 },  /* sky */
		{ 0xF8, 0xD3, 0xE1, 255 },  /* rose */
		{ 0xE2, 0xD8, 0xF4, 255 },  /* lavender */
	},
};

#define N_NOTE_COLOURS (sizeof theme.notes / sizeof theme.notes[0])
#define CORNER_CACHE 16         /* rounded-corner textures kept (one per radius in use) */

struct note_draw {
	uint32_t idea;
	const struct text_img *text, *author;
	int colour;
};

struct board {
	SDL_Window *win;
	SDL_Renderer *ren;
	struct text *text;
	const struct board_labels *lab;
	int w, h;                   /* drawable size of the current layout */
	int fullscreen;
	int relayout;               /* the layout is stale */
	int dirty;                  /* the screen is stale */

	/* what the current layout was made from, to notice changes */
	const struct session *seen_session;
	size_t seen_ideas;
	uint32_t seen_activity;
	int seen_phones;
	char *seen_url;

	struct qr qr;
	char *qr_url;               /* what qr encodes */
	SDL_Texture *qr_tex;
	int qr_tex_module;

	struct { int r; SDL_Texture *tex; } corners[CORNER_CACHE];

	struct layout_frame frame;
	struct layout_note *lnotes; /* placed notes: geometry ... */
	struct note_draw *dnotes;   /* ... and what to draw in them */
	size_t n_notes, cap_lnotes, cap_dnotes;
	size_t n_total;             /* ideas in the current activity ... */
	size_t *shown, cap_shown;   /* ... and their indexes in session->ideas, in order */
	struct layout_step step;    /* the size the notes have */
	int step_i, n_steps;        /* which of how many sizes that is (0: full size) */
	struct layout_rect more;
	char more_label[64];        /* what the "+N more" tile says */
	int phones_dot;
	const struct text_img *title, *question, *scan, *url, *phones, *more_text;
	const struct text_img *empty_title, *empty_hint;
};

static int pm(int h, int permille)
{
	return (int)(((long)h * permille + 500) / 1000);
}

static int maxi(int a, int b) { return a > b ? a : b; }
static int mini(int a, int b) { return a < b ? a : b; }

/* Expand a label template: "{n}" becomes n. */
static void label_n(char *out, size_t len, const char *tmpl, long n)
{
	const char *p = strstr(tmpl, "{n}");
	if (!p) {
		snprintf(out, len, "%s", tmpl);
		return;
	}
	snprintf(out, len, "%.*s%ld%s", (int)(p - tmpl), tmpl, n, p + 3);
}

static void phones_label(const struct board_labels *lab, char *out, size_t len, int n)
{
	if (n <= 0) snprintf(out, len, "%s", lab->phones_none);
	else if (n == 1) snprintf(out, len, "%s", lab->phones_one);
	else label_n(out, len, lab->phones_many, n);
}

/* ---- drawing helpers -------------------------------------------------------------------- */

/* A white quarter disc of radius r with antialiased edge (4x4 supersampling); its centre is the
 * texture's bottom-right corner, so as is it rounds a top-left corner. */
static SDL_Texture *corner_tex(struct board *b, int r)
{
	for (int i = 0; i < CORNER_CACHE; i++)
		if (b->corners[i].tex && b->corners[i].r == r) return b->corners[i].tex;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, r, r, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s) return NULL;
	for (int y = 0; y < r; y++) {
		Uint32 *row = (Uint32 *)(void *)((Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < r; x++) {
			int in = 0;
			for (int sy = 0; sy < 4; sy++)
				for (int sx = 0; sx < 4; sx++) {
					double dx = x + (sx + 0.5) / 4 - r, dy = y + (sy + 0.5) / 4 - r;
					in += dx * dx + dy * dy <= (double)r * r;
				}
			row[x] = ((Uint32)(in * 255 / 16) << 24) | 0xFFFFFFu;
		}
	}
	SDL_Texture *t = SDL_CreateTextureFromSurface(b->ren, s);
	SDL_FreeSurface(s);
	if (!t) return NULL;
	SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	int slot = 0;  /* replace an empty slot, else the first */
	for (int i = 0; i < CORNER_CACHE; i++)
		if (!b->corners[i].tex) { slot = i; break; }
	if (b->corners[slot].tex) SDL_DestroyTexture(b->corners[slot].tex);
	b->corners[slot].r = r;
	b->corners[slot].tex = t;
	return t;
}

static void corners_clear(struct board *b)
{
	for (int i = 0; i < CORNER_CACHE; i++) {
		if (b->corners[i].tex) SDL_DestroyTexture(b->corners[i].tex);
		b->corners[i].tex = NULL;
	}
}

static void set_colour(struct board *b, SDL_Color c)
{
	SDL_SetRenderDrawBlendMode(b->ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(b->ren, c.r, c.g, c.b, c.a);
}

/* Fill a rectangle with rounded corners of radius r (antialiased). */
static void fill_round(struct board *b, struct layout_rect rc, int r, SDL_Color c)
{
	r = mini(r, mini(rc.w / 2, rc.h / 2));
	if (rc.w <= 0 || rc.h <= 0) return;
	set_colour(b, c);
	SDL_Texture *t = r > 0 ? corner_tex(b, r) : NULL;
	if (!t) {
		SDL_Rect all = { rc.x, rc.y, rc.w, rc.h };
		SDL_RenderFillRect(b->ren, &all);
		return;
	}
	SDL_Rect fill[3] = {
		{ rc.x + r, rc.y, rc.w - 2 * r, rc.h },
		{ rc.x, rc.y + r, r, rc.h - 2 * r },
		{ rc.x + rc.w - r, rc.y + r, r, rc.h - 2 * r },
	};
	SDL_RenderFillRects(b->ren, fill, 3);
	SDL_SetTextureColorMod(t, c.r, c.g, c.b);
	SDL_SetTextureAlphaMod(t, c.a);
	static const SDL_RendererFlip flips[4] = {
		SDL_FLIP_NONE, SDL_FLIP_HORIZONTAL, SDL_FLIP_VERTICAL,
		(SDL_RendererFlip)(SDL_FLIP_HORIZONTAL | SDL_FLIP_VERTICAL),
	};
	for (int i = 0; i < 4; i++) {
		SDL_Rect d = { i & 1 ? rc.x + rc.w - r : rc.x, i & 2 ? rc.y + rc.h - r : rc.y, r, r };
		SDL_RenderCopyEx(b->ren, t, NULL, &d, 0, NULL, flips[i]);
	}
}

/* A soft shadow under a card: a few faint layers, offset downwards. Only the bands of each
 * layer that can show around the card are drawn (the card covers the rest): blending whole
 * layers made the shadows three quarters of a frame's time. */
static void shadow(struct board *b, struct layout_rect rc, int r)
{
	int s = maxi(1, pm(b->h, 3));
	static const struct { int grow, dy, alpha; } layers[] = { { 2, 2, 10 }, { 1, 1, 16 }, { 0, 0, 22 } };
	for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++) {
		int g = layers[i].grow * s / 2;
		struct layout_rect l = { rc.x - g, rc.y - g + s + layers[i].dy * s / 2,
		                         rc.w + 2 * g, rc.h + 2 * g };
		SDL_Color c = theme.shadow;
		c.a = (Uint8)layers[i].alpha;
		int in = mini(r, mini(rc.w / 2, rc.h / 2));  /* the card's own rounded corner */
		int top = rc.y + in, bottom = rc.y + rc.h - in;
		SDL_Rect bands[4] = {
			{ l.x, l.y, l.w, top - l.y },
			{ l.x, bottom, l.w, l.y + l.h - bottom },
			{ l.x, top, rc.x + in - l.x, bottom - top },
			{ rc.x + rc.w - in, top, l.x + l.w - (rc.x + rc.w - in), bottom - top },
		};
		for (int k = 0; k < 4; k++) {
			if (bands[k].w <= 0 || bands[k].h <= 0) continue;
			SDL_RenderSetClipRect(b->ren, &bands[k]);
			fill_round(b, l, r + g, c);
		}
		SDL_RenderSetClipRect(b->ren, NULL);
	}
}

/* ---- QR ---------------------------------------------------------------------------------- */

static void qr_update(struct board *b, const char *url)
{
	if (url && b->qr_url && strcmp(url, b->qr_url) == 0) return;
	if (!url && !b->qr_url) return;
	qr_free(&b->qr);
	free(b->qr_url);
	b->qr_url = NULL;
	if (b->qr_tex) SDL_DestroyTexture(b->qr_tex);
	b->qr_tex = NULL;
	if (!url) return;
	char err[160];
	if (qr_encode(&b->qr, url, err, sizeof err) < 0) {
		fprintf(stderr, "medskapa: %s\n", err);
		return;
	}
	b->qr_url = xstrdup(url);
}

/* The QR code as a texture at module px per module: black on white, quiet zone included. */
static SDL_Texture *qr_texture(struct board *b, int module)
{
	if (b->qr_tex && b->qr_tex_module == module) return b->qr_tex;
	if (b->qr_tex) SDL_DestroyTexture(b->qr_tex);
	b->qr_tex = NULL;
	int n = qr_side(&b->qr), side = n * module;
	if (n <= 0 || module <= 0) return NULL;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s) return NULL;
	Uint32 white = SDL_MapRGBA(s->format, 255, 255, 255, 255);
	Uint32 black = SDL_MapRGBA(s->format, 0, 0, 0, 255);
	SDL_FillRect(s, NULL, white);
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++)
			if (qr_dark(&b->qr, x, y)) {
				SDL_Rect m = { x * module, y * module, module, module };
				SDL_FillRect(s, &m, black);
			}
	b->qr_tex = SDL_CreateTextureFromSurface(b->ren, s);
	SDL_FreeSurface(s);
	b->qr_tex_module = module;
	return b->qr_tex;
}

/* ---- layout -------------------------------------------------------------------------------- */

static int view_changed(const struct board *b, const struct board_view *v)
{
	const struct session *s = v->session;
	const char *url = v->join_url && *v->join_url ? v->join_url : NULL;
	if (s != b->seen_session || v->phones != b->seen_phones) return 1;
	if (s && (s->n_ideas != b->seen_ideas || s->current_activity != b->seen_activity)) return 1;
	if (!url != !b->seen_url) return 1;
	return url && strcmp(url, b->seen_url) != 0;
}

static void remember_view(struct board *b, const struct board_view *v)
{
	const struct session *s = v->session;
	b->seen_session = s;
	b->seen_ideas = s ? s->n_ideas : 0;
	b->seen_activity = s ? s->current_activity : 0;
	b->seen_phones = v->phones;
	free(b->seen_url);
	b->seen_url = v->join_url && *v->join_url ? xstrdup(v->join_url) : NULL;
}

static struct text_style style(enum text_face face, int px, SDL_Color c, int wrap, int max_lines)
{
	struct text_style st = { face, px, c, wrap, max_lines, TEXT_LEFT };
	return st;
}

static const char *author_name(const struct session *s, const struct idea *idea)
{
	if (!idea->author) return NULL;  /* typed in at the board */
	const struct participant *p = session_participant(s, idea->author);
	return p && p->name && *p->name ? p->name : NULL;
}

#define EMPTY_GAP_PM 14   /* between the empty state's two lines */

/* Lay out the header (title, question, join card) and fill *fi with what the notes' frame
 * needs at any scale. */
static void layout_header(struct board *b, const struct board_view *v, const struct text_sizes *ts,
                          int empty, struct layout_frame_in *fi)
{
	const struct session *s = v->session;
	const struct activity *act = s ? session_current(s) : NULL;
	const char *url = v->join_url && *v->join_url ? v->join_url : NULL;
	struct text *t = b->text;
	qr_update(b, url);

	int scan_px = empty ? ts->big_scan : ts->scan;
	int url_px = empty ? ts->big_url : ts->url;
	int phones_px = empty ? ts->big_phones : ts->phones;
	char phones[96], widest[96];
	phones_label(b->lab, phones, sizeof phones, v->phones);
	/* Measure the phones line as if 8888 phones were there, so the card and the question
	 * beside it keep their size as phones come and go. */
	phones_label(b->lab, widest, sizeof widest, 8888);
	b->phones_dot = maxi(4, phones_px * 9 / 16);
	int dot_w = b->phones_dot * 2;
	int pw = maxi(text_width(t, TEXT_REGULAR, phones_px, widest),
	              text_width(t, TEXT_REGULAR, phones_px, b->lab->phones_none));
	int url_w = 0, url_h = 0;  /* a long address wraps: the card is as wide as its lines */
	struct text_style us = style(TEXT_REGULAR, url_px, theme.accent, layout_join_max_w(b->w), 0);
	if (url) text_measure(t, url, &us, &url_w, &url_h);
	*fi = (struct layout_frame_in){
		.win_w = b->w, .win_h = b->h,
		.qr_modules = qr_side(&b->qr), .qr_quiet = QR_QUIET,
		.title_h = text_height(t, TEXT_BOLD, ts->title, 1),
		.join_w = maxi(maxi(text_width(t, TEXT_BOLD, scan_px, b->lab->scan_to_join), url_w),
		               dot_w + pw),
		.scan_h = text_height(t, TEXT_BOLD, scan_px, 1),
		.url_h = maxi(url_h, text_height(t, TEXT_REGULAR, url_px, 1)),
		.phones_h = text_height(t, TEXT_REGULAR, phones_px, 1),
		.note_line_h = text_line_height(t, TEXT_REGULAR, ts->note),
		.empty = empty,
		.empty_h = empty ? text_height(t, TEXT_REGULAR, ts->empty, 1) + pm(b->h, EMPTY_GAP_PM) +
		                   text_height(t, TEXT_REGULAR, ts->empty_hint, 1) : 0,
	};
	layout_frame(fi, &b->frame);
	const struct layout_frame *f = &b->frame;
	const char *q = act ? (act->prompt && *act->prompt ? act->prompt : act->title)
	                    : b->lab->no_question;
	struct text_style qs = style(TEXT_BOLD, ts->question_min, theme.ink, f->question.w, 0);
	int qw = 0, qh = 0;
	text_measure(t, q, &qs, &qw, &qh);
	if (qh > f->question.h) {  /* a long question even at its smallest: a taller header */
		fi->question_h = qh;
		layout_frame(fi, &b->frame);
	}

	b->title = text_render(t, s && s->title ? s->title : "",
	                       &(struct text_style){ TEXT_BOLD, ts->title, theme.accent,
	                                             f->title.w, 1, TEXT_LEFT });
	qs = style(TEXT_BOLD, ts->question, theme.ink, f->question.w, 0);
	b->question = text_fit(t, q, &qs, ts->question_min, f->question.h);

	b->scan = b->url = b->phones = NULL;
	if (f->has_qr) {
		struct text_style st = style(TEXT_BOLD, scan_px, theme.ink, f->scan.w, 1);
		b->scan = text_render(t, b->lab->scan_to_join, &st);
		st = style(TEXT_REGULAR, url_px, theme.accent, f->url.w, 0);
		b->url = text_render(t, url, &st);
		st = style(TEXT_REGULAR, phones_px, theme.muted, maxi(1, f->phones.w - dot_w), 1);
		b->phones = text_render(t, phones, &st);
	}
}

/* A note's colour: picked by its id, but never the colour of the note above it or of the note
 * before it, so neighbours differ. Depends only on earlier notes: stable as notes come in. */
static int note_colour(uint32_t id, int above, int prev)
{
	int c = (int)((id + N_NOTE_COLOURS - 1) % N_NOTE_COLOURS);
	while (c == above || c == prev) c = (c + 1) % (int)N_NOTE_COLOURS;
	return c;
}

/* The styles of a note's text and author line in frame f at step st. The text is cut with "…"
 * so that the note never grows taller than the notes area. Measuring and rendering use the
 * same styles, so they agree on the note's height. */
static void note_styles(struct board *b, const struct layout_frame *f, const struct layout_step *st,
                        const char *name, struct text_style *ns, struct text_style *as,
                        int *author_h)
{
	struct text *t = b->text;
	int aw = 0, ah = 0;
	*as = style(TEXT_REGULAR, st->author_px, theme.muted, f->text_w, 1);
	if (name) text_measure(t, name, as, &aw, &ah);
	int room = layout_note_text_room(f, ah);
	int font_h = text_height(t, TEXT_REGULAR, st->note_px, 1);
	int max_lines = room >= font_h ? (room - font_h) / maxi(1, f->note_line_h) + 1 : 1;
	*ns = style(TEXT_REGULAR, st->note_px, theme.ink, f->text_w, max_lines);
	*author_h = ah;
}

struct measure_ctx {
	struct board *b;
	const struct session *s;
};

/* layout_fit's measure: note i of the current activity, measured (cached), not rendered. */
static void measure_note(void *ctx, size_t i, const struct layout_frame *f,
                         const struct layout_step *st, struct layout_note_in *out)
{
	const struct measure_ctx *mc = ctx;
	struct board *b = mc->b;
	const struct session *s = mc->s;
	const struct idea *idea = &s->ideas[b->shown[i]];
	struct text_style ns, as;
	int author_h, w = 0, h = 0;
	note_styles(b, f, st, author_name(s, idea), &ns, &as, &author_h);
	text_measure(b->text, idea->text, &ns, &w, &h);
	out->text_h = h > 0 ? h : f->note_line_h;
	out->author_h = author_h;
}

static void layout_board(struct board *b, const struct board_view *v)
{
	int W = 0, H = 0;
	SDL_GetRendererOutputSize(b->ren, &W, &H);
	if (W != b->w || H != b->h) corners_clear(b);
	b->w = W;
	b->h = H;
	struct text_sizes ts;
	text_sizes_for_height(H, &ts);
	const struct session *s = v->session;
	uint32_t act = s ? s->current_activity : 0;
	b->n_total = 0;
	for (size_t i = 0; s && i < s->n_ideas; i++) {
		if (s->ideas[i].activity != act) continue;
		xgrow((void **)&b->shown, &b->cap_shown, b->n_total + 1, sizeof *b->shown);
		b->shown[b->n_total++] = i;
	}
	struct layout_frame_in fi;
	layout_header(b, v, &ts, b->n_total == 0, &fi);

	struct text *t = b->text;
	b->n_notes = 0;
	b->more = (struct layout_rect){ 0, 0, 0, 0 };
	b->more_text = b->empty_title = b->empty_hint = NULL;

	/* The largest note size at which every idea fits; measuring only, rendering after. */
	struct layout_step steps[LAYOUT_MAX_STEPS];
	b->n_steps = layout_note_steps(H, ts.note, ts.author, steps);
	for (int k = 0; k < b->n_steps; k++)
		steps[k].note_line_h = text_line_height(t, TEXT_REGULAR, steps[k].note_px);
	xgrow((void **)&b->lnotes, &b->cap_lnotes, b->n_total + 1, sizeof *b->lnotes);
	xgrow((void **)&b->dnotes, &b->cap_dnotes, b->n_total + 1, sizeof *b->dnotes);
	int more_h = text_height(t, TEXT_BOLD, ts.more, 1) + 2 * pm(H, 14);
	struct measure_ctx mc = { b, s };
	struct layout_fit fit;
	layout_fit(&fi, steps, b->n_steps, b->n_total, measure_note, &mc, more_h, b->lnotes, &fit);
	b->frame = fit.frame;
	b->step = steps[fit.step];
	b->step_i = fit.step;
	b->n_notes = fit.placed;
	b->more = fit.more;

	const struct layout_frame *f = &b->frame;
	int prev_colour = -1, above[LAYOUT_MAX_COLUMNS];
	for (int c = 0; c < LAYOUT_MAX_COLUMNS; c++) above[c] = -1;
	for (size_t i = 0; i < b->n_notes; i++) {
		const struct idea *idea = &s->ideas[b->shown[i]];
		const char *name = author_name(s, idea);
		struct text_style ns, as;
		int author_h;
		note_styles(b, f, &b->step, name, &ns, &as, &author_h);
		const struct text_img *ai = name ? text_render(t, name, &as) : NULL;
		const struct text_img *ti = text_render(t, idea->text, &ns);
		const struct layout_note *ln = &b->lnotes[i];
		int colour = note_colour(idea->id, above[ln->column], prev_colour);
		above[ln->column] = prev_colour = colour;
		b->dnotes[i] = (struct note_draw){ idea->id, ti, ai, colour };
	}
	b->more_label[0] = '\0';
	if (b->n_notes < b->n_total) {
		label_n(b->more_label, sizeof b->more_label, b->lab->more, (long)(b->n_total - b->n_notes));
		struct text_style ms = style(TEXT_BOLD, ts.more, theme.more_ink, b->more.w, 1);
		b->more_text = text_render(t, b->more_label, &ms);
	}
	if (b->n_total == 0) {
		struct text_style es = style(TEXT_REGULAR, ts.empty, theme.muted, f->empty.w, 1);
		b->empty_title = text_render(t, b->lab->empty_title, &es);
		es = style(TEXT_REGULAR, ts.empty_hint, theme.empty_ink, f->empty.w, 1);
		if (f->has_qr) b->empty_hint = text_render(t, b->lab->empty_hint, &es);  /* "scan" */
	}
	text_cache_sweep(t);
	if (s && s->title && *s->title) {
		char title[256];
		snprintf(title, sizeof title, "%s - Medskapa", s->title);
		SDL_SetWindowTitle(b->win, title);
	}
	remember_view(b, v);
	b->relayout = 0;
	b->dirty = 1;
}

/* ---- drawing -------------------------------------------------------------------------------- */

static void draw_header(struct board *b)
{
	const struct layout_frame *f = &b->frame;
	struct text *t = b->text;
	text_draw(t, b->title, f->title.x, f->title.y, f->title.h);
	text_draw(t, b->question, f->question.x, f->question.y, f->question.h);
	if (f->has_qr) {
		int r = maxi(2, pm(b->h, 10));
		shadow(b, f->card, r);
		fill_round(b, f->card, r, theme.card);
		SDL_Texture *qt = qr_texture(b, f->qr_module);
		if (qt) {
			SDL_Rect d = { f->qr.x, f->qr.y, f->qr.w, f->qr.h };
			SDL_RenderCopy(b->ren, qt, NULL, &d);
		}
		text_draw(t, b->scan, f->scan.x, f->scan.y, f->scan.h);
		text_draw(t, b->url, f->url.x, f->url.y, f->url.h);
		int d = b->phones_dot;
		struct layout_rect dot = { f->phones.x, f->phones.y + (f->phones.h - d) / 2, d, d };
		fill_round(b, dot, d / 2, b->seen_phones > 0 ? theme.live : theme.divider);
		text_draw(t, b->phones, f->phones.x + 2 * d, f->phones.y, f->phones.h);
	}
	set_colour(b, theme.divider);
	SDL_Rect line = { f->notes.x, f->divider_y, f->notes.w, maxi(1, pm(b->h, 2)) };
	SDL_RenderFillRect(b->ren, &line);
}

static void draw_notes(struct board *b)
{
	int r = maxi(2, pm(b->h, 6));
	for (size_t i = 0; i < b->n_notes; i++) shadow(b, b->lnotes[i].note, r);
	for (size_t i = 0; i < b->n_notes; i++) {
		const struct layout_note *ln = &b->lnotes[i];
		const struct note_draw *dn = &b->dnotes[i];
		fill_round(b, ln->note, r, theme.notes[dn->colour]);
		text_draw(b->text, dn->text, ln->text.x, ln->text.y, ln->text.h);
		if (ln->author.h > 0)
			text_draw(b->text, dn->author, ln->author.x, ln->author.y, ln->author.h);
	}
	if (b->more.h > 0) {
		fill_round(b, b->more, b->more.h / 2, theme.more_bg);
		const struct text_img *m = b->more_text;
		if (m)
			text_draw(b->text, m, b->more.x + (b->more.w - m->w) / 2,
			          b->more.y + (b->more.h - m->h) / 2, b->more.h);
	}
}

static void draw_empty(struct board *b)
{
	const struct layout_rect *a = &b->frame.empty;
	const struct text_img *et = b->empty_title, *eh = b->empty_hint;
	if (et) text_draw(b->text, et, a->x + (a->w - et->w) / 2, a->y, a->h);
	if (eh && et) {
		int y = a->y + et->h + pm(b->h, EMPTY_GAP_PM);
		text_draw(b->text, eh, a->x + (a->w - eh->w) / 2, y, a->y + a->h - y);
	}
}

static void render(struct board *b)
{
	SDL_SetRenderDrawColor(b->ren, theme.bg.r, theme.bg.g, theme.bg.b, 255);
	SDL_RenderClear(b->ren);
	draw_header(b);
	if (b->n_total == 0) draw_empty(b);
	else draw_notes(b);
}

/* ---- the contract ------------------------------------------------------------------------ */

struct board *board_create(const struct board_config *cfg, char *err, size_t errlen)
{
	/* No display, or a screenshot run, and no driver asked for: use "dummy". SDL would pick
	 * "offscreen" on its own, which leaks inside Mesa/EGL under AddressSanitizer. */
	const char *drv = getenv("SDL_VIDEODRIVER");
	if (!drv || !*drv) {
		const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
		if (cfg->offscreen || ((!x || !*x) && (!wl || !*wl)))
			SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
	}
	/* On a projector the board must stay up when the facilitator switches windows. */
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) < 0) {
		snprintf(err, errlen, "SDL video: %s", SDL_GetError());
		return NULL;
	}
	struct board *b = xcalloc(1, sizeof *b);
	b->lab = &labels_en;
	b->fullscreen = cfg->fullscreen && !cfg->offscreen;
	int w = cfg->width > 0 ? cfg->width : 1280, h = cfg->height > 0 ? cfg->height : 720;
	Uint32 flags = SDL_WINDOW_RESIZABLE;
	if (cfg->offscreen) flags |= SDL_WINDOW_HIDDEN;
	if (b->fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	b->win = SDL_CreateWindow("Medskapa", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
	                          flags);
	if (!b->win) {
		snprintf(err, errlen, "SDL window: %s", SDL_GetError());
		goto fail;
	}
	SDL_SetWindowMinimumSize(b->win, 480, 320);  /* below that nothing is readable anyway */
	/* The software renderer: the same pixels on every machine and driver, and fast enough
	 * since a frame is drawn only when something changed. */
	b->ren = SDL_CreateRenderer(b->win, -1, SDL_RENDERER_SOFTWARE);
	if (!b->ren) {
		snprintf(err, errlen, "SDL renderer: %s", SDL_GetError());
		goto fail;
	}
	char list[1024];
	snprintf(list, sizeof list, "%s/fonts.txt", cfg->assets_dir ? cfg->assets_dir : "assets");
	b->text = text_create(b->ren, list, err, errlen);
	if (!b->text) goto fail;
	b->relayout = b->dirty = 1;
	fprintf(stderr, "medskapa: board %dx%d, video driver %s, font %s\n", w, h,
	        SDL_GetCurrentVideoDriver(), text_font_path(b->text, TEXT_REGULAR));
	return b;
fail:
	board_destroy(b);
	return NULL;
}

enum board_action board_handle_event(struct board *b, const SDL_Event *ev, struct command *cmd)
{
	(void)cmd;   /* the facilitator's keys and mouse come with the issue-3 board */
	switch (ev->type) {
	case SDL_QUIT:
		return BOARD_QUIT;
	case SDL_WINDOWEVENT:
		switch (ev->window.event) {
		case SDL_WINDOWEVENT_CLOSE:
			return BOARD_QUIT;
		case SDL_WINDOWEVENT_SIZE_CHANGED:
		case SDL_WINDOWEVENT_RESIZED:
			b->relayout = b->dirty = 1;
			return BOARD_REDRAW;
		case SDL_WINDOWEVENT_EXPOSED:
		case SDL_WINDOWEVENT_RESTORED:
		case SDL_WINDOWEVENT_SHOWN:
			b->dirty = 1;
			return BOARD_REDRAW;
		}
		return BOARD_NONE;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		b->dirty = 1;
		return BOARD_REDRAW;
	case SDL_KEYDOWN:
		if (ev->key.repeat) return BOARD_NONE;
		switch (ev->key.keysym.sym) {
		case SDLK_q:
		case SDLK_ESCAPE:
			return BOARD_QUIT;
		case SDLK_f:
			b->fullscreen = !b->fullscreen;
			SDL_SetWindowFullscreen(b->win, b->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
			b->relayout = b->dirty = 1;
			return BOARD_REDRAW;
		}
		return BOARD_NONE;
	}
	return BOARD_NONE;
}

void board_invalidate(struct board *b)
{
	b->relayout = b->dirty = 1;
}

void board_command_done(struct board *b, const struct session_result *res)
{
	(void)res;
	b->dirty = 1;
}

int board_wake_ms(const struct board *b, const struct board_view *v)
{
	(void)b;
	(void)v;
	return 0;
}

static void prepare(struct board *b, const struct board_view *v)
{
	int W = 0, H = 0;
	SDL_GetRendererOutputSize(b->ren, &W, &H);
	if (b->relayout || W != b->w || H != b->h || view_changed(b, v)) layout_board(b, v);
}

int board_draw(struct board *b, const struct board_view *v)
{
	prepare(b, v);
	if (!b->dirty) return 0;
	render(b);
	SDL_RenderPresent(b->ren);
	b->dirty = 0;
	return 1;
}

int board_screenshot(struct board *b, const struct board_view *v, const char *png_path,
                     char *err, size_t errlen)
{
	prepare(b, v);
	render(b);
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, b->w, b->h, 24, SDL_PIXELFORMAT_RGB24);
	if (!s) {
		snprintf(err, errlen, "screenshot: %s", SDL_GetError());
		return -1;
	}
	int rc = 0;
	if (SDL_RenderReadPixels(b->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) < 0) {
		snprintf(err, errlen, "screenshot: reading pixels: %s", SDL_GetError());
		rc = -1;
	} else if (IMG_SavePNG(s, png_path) < 0) {
		snprintf(err, errlen, "screenshot: writing %s: %s", png_path, IMG_GetError());
		rc = -1;
	}
	SDL_FreeSurface(s);
	SDL_RenderPresent(b->ren);
	b->dirty = 0;
	return rc;
}

static cJSON *rect_json(cJSON *o, const struct layout_rect *r)
{
	if (!o) o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "x", r->x);
	cJSON_AddNumberToObject(o, "y", r->y);
	cJSON_AddNumberToObject(o, "w", r->w);
	cJSON_AddNumberToObject(o, "h", r->h);
	return o;
}

int board_write_layout(struct board *b, const char *json_path, char *err, size_t errlen)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "width", b->w);
	cJSON_AddNumberToObject(root, "height", b->h);
	cJSON *notes = cJSON_AddArrayToObject(root, "notes");
	for (size_t i = 0; i < b->n_notes; i++) {
		const struct layout_note *ln = &b->lnotes[i];
		cJSON *n = cJSON_CreateObject();
		cJSON_AddNumberToObject(n, "idea", b->dnotes[i].idea);
		rect_json(n, &ln->note);
		cJSON_AddItemToObject(n, "text", rect_json(NULL, &ln->text));
		if (ln->author.h > 0) cJSON_AddItemToObject(n, "author", rect_json(NULL, &ln->author));
		cJSON_AddItemToArray(notes, n);
	}
	if (b->frame.has_qr) cJSON_AddItemToObject(root, "qr", rect_json(NULL, &b->frame.qr));
	else cJSON_AddNullToObject(root, "qr");
	/* Beyond the contract, for tests and tools: */
	cJSON_AddNumberToObject(root, "ideas", (double)b->n_total);  /* in the current activity */
	cJSON_AddItemToObject(root, "header", rect_json(NULL, &b->frame.header));
	cJSON_AddItemToObject(root, "notes_area", rect_json(NULL, &b->frame.notes));
	if (b->more.h > 0) {  /* the tile, and what it says */
		cJSON *m = rect_json(NULL, &b->more);
		cJSON_AddNumberToObject(m, "n", (double)(b->n_total - b->n_notes));
		cJSON_AddStringToObject(m, "label", b->more_label);
		cJSON_AddItemToObject(root, "more", m);
	}
	/* The note size: step 0 of "steps" is full size, the last the readable minimum. */
	cJSON_AddNumberToObject(root, "step", b->step_i);
	cJSON_AddNumberToObject(root, "steps", b->n_steps);
	cJSON_AddNumberToObject(root, "note_px", b->step.note_px);
	cJSON_AddNumberToObject(root, "author_px", b->step.author_px);
	cJSON_AddNumberToObject(root, "columns", b->frame.columns);
	char *txt = cJSON_Print(root);
	cJSON_Delete(root);
	if (!txt) {
		snprintf(err, errlen, "layout JSON: out of memory");
		return -1;
	}
	int rc = 0, saved = 0;
	FILE *fp = fopen(json_path, "w");
	if (!fp || fputs(txt, fp) < 0 || fputc('\n', fp) < 0) {
		rc = -1;
		saved = errno;
	}
	if (fp && fclose(fp) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc < 0) snprintf(err, errlen, "writing %s: %s", json_path, strerror(saved));
	free(txt);
	return rc;
}

void board_destroy(struct board *b)
{
	if (!b) return;
	text_destroy(b->text);
	corners_clear(b);
	if (b->qr_tex) SDL_DestroyTexture(b->qr_tex);
	qr_free(&b->qr);
	free(b->qr_url);
	free(b->seen_url);
	free(b->lnotes);
	free(b->dnotes);
	free(b->shown);
	if (b->ren) SDL_DestroyRenderer(b->ren);
	if (b->win) SDL_DestroyWindow(b->win);
	free(b);
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
}
