/* board-draw.c: the board's SDL primitives: rounded fills and outlines, corner textures, soft
 * shadows, centred text, the QR code as a texture. */
#include "board-int.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- drawing helpers -------------------------------------------------------------------- */

/* White quarter discs of radius r with antialiased edge (4x4 supersampling), one texture for
 * each corner: [0] top-left, [1] top-right, [2] bottom-left, [3] bottom-right. Four plain
 * copies instead of one texture flipped with SDL_RenderCopyEx: the software renderer makes a
 * temporary surface for every flipped copy, and a frame has hundreds of corners. NULL if a
 * texture cannot be made. */
static SDL_Texture **corner_tex(struct board *b, int r)
{
	for (int i = 0; i < CORNER_CACHE; i++)
		if (b->corners[i].tex[0] && b->corners[i].r == r) return b->corners[i].tex;
	SDL_Texture *t[4] = { NULL, NULL, NULL, NULL };
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, r, r, 32, SDL_PIXELFORMAT_ARGB8888);
	Uint8 *cov = xmalloc((size_t)r * (size_t)r);
	for (int y = 0; y < r; y++)  /* coverage of the top-left corner: the centre at (r, r) */
		for (int x = 0; x < r; x++) {
			int in = 0;
			for (int sy = 0; sy < 4; sy++)
				for (int sx = 0; sx < 4; sx++) {
					double dx = x + (sx + 0.5) / 4 - r, dy = y + (sy + 0.5) / 4 - r;
					in += dx * dx + dy * dy <= (double)r * r;
				}
			cov[y * r + x] = (Uint8)(in * 255 / 16);
		}
	for (int k = 0; s && k < 4; k++) {
		for (int y = 0; y < r; y++) {
			Uint32 *row = (Uint32 *)(void *)((Uint8 *)s->pixels + y * s->pitch);
			int cy = k & 2 ? r - 1 - y : y;
			for (int x = 0; x < r; x++)
				row[x] = ((Uint32)cov[cy * r + (k & 1 ? r - 1 - x : x)] << 24) | 0xFFFFFFu;
		}
		t[k] = SDL_CreateTextureFromSurface(b->ren, s);
		if (!t[k]) break;
		SDL_SetTextureBlendMode(t[k], SDL_BLENDMODE_BLEND);
	}
	free(cov);
	if (s) SDL_FreeSurface(s);
	if (!t[3]) {
		for (int k = 0; k < 4; k++)
			if (t[k]) SDL_DestroyTexture(t[k]);
		return NULL;
	}
	int slot = 0;  /* replace an empty slot, else the first */
	for (int i = 0; i < CORNER_CACHE; i++)
		if (!b->corners[i].tex[0]) { slot = i; break; }
	for (int k = 0; k < 4; k++) {
		if (b->corners[slot].tex[k]) SDL_DestroyTexture(b->corners[slot].tex[k]);
		b->corners[slot].tex[k] = t[k];
	}
	b->corners[slot].r = r;
	return b->corners[slot].tex;
}

void board_corners_clear(struct board *b)
{
	for (int i = 0; i < CORNER_CACHE; i++)
		for (int k = 0; k < 4; k++) {
			if (b->corners[i].tex[k]) SDL_DestroyTexture(b->corners[i].tex[k]);
			b->corners[i].tex[k] = NULL;
		}
}

void board_set_colour(struct board *b, SDL_Color c)
{
	SDL_SetRenderDrawBlendMode(b->ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(b->ren, c.r, c.g, c.b, c.a);
}

void board_fill_rect(struct board *b, struct layout_rect rc, SDL_Color c)
{
	if (rc.w <= 0 || rc.h <= 0) return;
	board_set_colour(b, c);
	SDL_Rect r = { rc.x, rc.y, rc.w, rc.h };
	SDL_RenderFillRect(b->ren, &r);
}

/* Fill a rectangle with rounded corners of radius r (antialiased). */
void board_fill_round(struct board *b, struct layout_rect rc, int r, SDL_Color c)
{
	r = mini(r, mini(rc.w / 2, rc.h / 2));
	if (rc.w <= 0 || rc.h <= 0) return;
	board_set_colour(b, c);
	SDL_Texture **t = r > 0 ? corner_tex(b, r) : NULL;
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
	for (int i = 0; i < 4; i++) {
		SDL_SetTextureColorMod(t[i], c.r, c.g, c.b);
		SDL_SetTextureAlphaMod(t[i], c.a);
		SDL_Rect d = { i & 1 ? rc.x + rc.w - r : rc.x, i & 2 ? rc.y + rc.h - r : rc.y, r, r };
		SDL_RenderCopy(b->ren, t[i], NULL, &d);
	}
}

/* A rounded outline of thickness th around rc (drawn as four bands of a rounded fill). */
void board_outline_round(struct board *b, struct layout_rect rc, int r, int th, SDL_Color c)
{
	struct layout_rect o = { rc.x - th, rc.y - th, rc.w + 2 * th, rc.h + 2 * th };
	SDL_Rect bands[4] = {
		{ o.x, o.y, o.w, th }, { o.x, rc.y + rc.h, o.w, th },
		{ o.x, rc.y, th, rc.h }, { rc.x + rc.w, rc.y, th, rc.h },
	};
	for (int k = 0; k < 4; k++) {
		SDL_RenderSetClipRect(b->ren, &bands[k]);
		board_fill_round(b, o, r + th, c);
	}
	SDL_RenderSetClipRect(b->ren, NULL);
}

/* A note, card or row: filled, with the theme's edge around it when it has one (the
 * high-contrast theme; light notes on white need an edge). The edge is a slightly larger fill
 * under it: one more fill, cheaper than an outline. */
void board_fill_card(struct board *b, struct layout_rect rc, int r, SDL_Color c)
{
	if (b->th->edge.a && c.a == 255) {
		int e = maxi(2, pm(b->h, 3));
		board_fill_round(b, (struct layout_rect){ rc.x - e, rc.y - e, rc.w + 2 * e, rc.h + 2 * e }, r + e, b->th->edge);
	}
	board_fill_round(b, rc, r, c);
}

/* A soft shadow under a card: a few faint layers, offset downwards. Only the bands of each
 * layer that can show around the card are drawn (the card covers the rest): blending whole
 * layers made the shadows three quarters of a frame's time. */
static const struct { int grow, dy, alpha; } shadow_layers[] = { { 2, 2, 10 }, { 1, 1, 16 }, { 0, 0, 22 } };
#define SHADOW_LAYERS (sizeof shadow_layers / sizeof shadow_layers[0])

/* Layer i of the shadow under rc; *g: how much it grows on each side. */
static struct layout_rect shadow_layer(const struct board *b, struct layout_rect rc, size_t i, int *g)
{
	int s = maxi(1, pm(b->h, 3));
	*g = shadow_layers[i].grow * s / 2;
	return (struct layout_rect){ rc.x - *g, rc.y - *g + s + shadow_layers[i].dy * s / 2,
	                             rc.w + 2 * *g, rc.h + 2 * *g };
}

void board_shadow(struct board *b, struct layout_rect rc, int r)
{
	if (b->th->shadow.a == 0) return;  /* the high-contrast theme: outlines instead */
	for (size_t i = 0; i < SHADOW_LAYERS; i++) {
		int g;
		struct layout_rect l = shadow_layer(b, rc, i, &g);
		SDL_Color c = b->th->shadow;
		c.a = (Uint8)shadow_layers[i].alpha;
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
			board_fill_round(b, l, r + g, c);
		}
		SDL_RenderSetClipRect(b->ren, NULL);
	}
}

/* How far the shadow and the edge (fill_card) of a card w x h reach past it on each side. */
void board_card_margins(const struct board *b, int w, int h, int m[4])
{
	m[0] = m[1] = m[2] = m[3] = 0;  /* left, top, right, bottom */
	struct layout_rect rc = { 0, 0, w, h };
	if (b->th->shadow.a)
		for (size_t i = 0; i < SHADOW_LAYERS; i++) {
			int g;
			struct layout_rect l = shadow_layer(b, rc, i, &g);
			m[0] = maxi(m[0], -l.x);
			m[1] = maxi(m[1], -l.y);
			m[2] = maxi(m[2], l.x + l.w - w);
			m[3] = maxi(m[3], l.y + l.h - h);
		}
	if (b->th->edge.a) {
		int e = maxi(2, pm(b->h, 3));
		for (int k = 0; k < 4; k++) m[k] = maxi(m[k], e);
	}
}

/* A text centred in rc (cut to it). */
void board_text_center(struct board *b, const struct text_img *img, struct layout_rect rc)
{
	if (!img) return;
	text_draw(b->text, img, rc.x + (rc.w - img->w) / 2, rc.y + maxi(0, (rc.h - img->h) / 2), rc.h);
}

const char *board_with_picto(const struct board *b, const char *p, const char *s, char *out, size_t len,
                             int *shown)
{
	*shown = 0;
	if (!p || !*p || !text_can_draw(b->text, TEXT_BOLD, p) || !text_can_draw(b->text, TEXT_REGULAR, p)) {
		snprintf(out, len, "%s", s ? s : "");
		return out;
	}
	/* a no-break space: the pictogram stays with the first word when the text wraps */
	snprintf(out, len, "%s\xc2\xa0%s", p, s ? s : "");
	*shown = 1;
	return out;
}

void board_photo_placeholder(struct board *b, struct layout_rect rc)
{
	if (rc.w <= 0 || rc.h <= 0) return;
	SDL_Color bg = b->th->more_bg, ink = b->th->muted;
	board_fill_round(b, rc, maxi(2, pm(b->h, 4)), bg);
	/* a picture frame, a sun and a hill: "a photo goes here" in any language */
	int side = mini(rc.w, rc.h), th = maxi(1, side / 40);
	int fw = side * 11 / 20, fh = side * 9 / 20;
	struct layout_rect fr = { rc.x + (rc.w - fw) / 2, rc.y + (rc.h - fh) / 2, fw, fh };
	SDL_Rect edges[4] = { { fr.x, fr.y, fr.w, th }, { fr.x, fr.y + fr.h - th, fr.w, th },
	                      { fr.x, fr.y, th, fr.h }, { fr.x + fr.w - th, fr.y, th, fr.h } };
	board_set_colour(b, ink);
	SDL_RenderFillRects(b->ren, edges, 4);
	int d = maxi(2, fh / 4);
	board_fill_round(b, (struct layout_rect){ fr.x + fr.w - 2 * th - d * 3 / 2, fr.y + 2 * th + d / 3, d, d }, d / 2, ink);
	SDL_Vertex v[3];
	SDL_FPoint pts[3] = { { (float)(fr.x + 2 * th), (float)(fr.y + fr.h - 2 * th) },
	                      { (float)(fr.x + fr.w * 2 / 5), (float)(fr.y + fr.h * 2 / 5) },
	                      { (float)(fr.x + fr.w * 3 / 4), (float)(fr.y + fr.h - 2 * th) } };
	for (int i = 0; i < 3; i++) v[i] = (SDL_Vertex){ pts[i], ink, { 0, 0 } };
	SDL_RenderGeometry(b->ren, NULL, v, 3, NULL, 0);
}

/* ---- QR ---------------------------------------------------------------------------------- */

void board_qr_update(struct qr_view *q, const char *url)
{
	if (url && q->url && strcmp(url, q->url) == 0) return;
	if (!url && !q->url) return;
	qr_free(&q->qr);
	free(q->url);
	q->url = NULL;
	if (q->tex) SDL_DestroyTexture(q->tex);
	q->tex = NULL;
	if (!url) return;
	char err[160];
	if (qr_encode(&q->qr, url, err, sizeof err) < 0) {
		fprintf(stderr, "medskapa: %s\n", err);
		return;
	}
	q->url = xstrdup(url);
}

/* The QR code as a texture at module px per module: black on white, quiet zone included. */
SDL_Texture *board_qr_texture(struct board *b, struct qr_view *q, int module)
{
	if (q->tex && q->tex_module == module) return q->tex;
	if (q->tex) SDL_DestroyTexture(q->tex);
	q->tex = NULL;
	int n = qr_side(&q->qr), side = n * module;
	if (n <= 0 || module <= 0) return NULL;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s) return NULL;
	Uint32 white = SDL_MapRGBA(s->format, 255, 255, 255, 255);
	Uint32 black = SDL_MapRGBA(s->format, 0, 0, 0, 255);
	SDL_FillRect(s, NULL, white);
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++)
			if (qr_dark(&q->qr, x, y)) {
				SDL_Rect m = { x * module, y * module, module, module };
				SDL_FillRect(s, &m, black);
			}
	q->tex = SDL_CreateTextureFromSurface(b->ren, s);
	SDL_FreeSurface(s);
	if (q->tex) SDL_SetTextureBlendMode(q->tex, SDL_BLENDMODE_NONE);  /* opaque: a plain copy */
	q->tex_module = module;
	return q->tex;
}

void board_qr_view_free(struct qr_view *q)
{
	if (q->tex) SDL_DestroyTexture(q->tex);
	qr_free(&q->qr);
	free(q->url);
	memset(q, 0, sizeof *q);
}
