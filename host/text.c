/* text.c: the board's fonts (text.h; the family's parts are listed in text-int.h): the font
 * list and each face's fallback chain, the pictogram font, font sizes for a window height,
 * which font has a character, line heights, and making and freeing struct text. Laying out
 * is text-layout.c's job; the cache and the pixels are text-render.c's. */
#include "text-int.h"
#include "util.h"

#include <SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Used when the fonts list cannot be read: the same files assets/fonts.txt names. */
static const char *const builtin_fonts[] = {
	"regular /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"regular /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
	"regular /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf",
	"regular /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"regular /usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf",
	"regular /usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSansEthiopic-Bold.ttf",
	"bold /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSansSymbols-Bold.ttf",
	"bold /usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
	"bold /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"emoji /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
};

static const char *const face_names[TEXT_FACES] = { "regular", "bold" };

static int pm(int h, int permille)
{
	return (int)(((long)h * permille + 500) / 1000);
}

static int at_least(int v, int lo) { return v < lo ? lo : v; }

void text_sizes_for_height(int h, struct text_sizes *s)
{
	/* At 720 px: title 22, question 40 (down to 24), note 24, author 17. */
	s->title = at_least(pm(h, 31), TEXT_MIN_PX);
	s->question = at_least(pm(h, 56), TEXT_MIN_PX);
	s->question_min = at_least(pm(h, 33), TEXT_MIN_PX);
	s->note = at_least(pm(h, 34), TEXT_MIN_PX);
	s->author = at_least(pm(h, 24), TEXT_MIN_PX);
	s->scan = at_least(pm(h, 32), TEXT_MIN_PX);
	s->url = at_least(pm(h, 29), TEXT_MIN_PX);
	s->phones = at_least(pm(h, 25), TEXT_MIN_PX);
	s->big_scan = at_least(pm(h, 50), TEXT_MIN_PX);
	s->big_url = at_least(pm(h, 42), TEXT_MIN_PX);
	s->big_phones = at_least(pm(h, 32), TEXT_MIN_PX);
	s->empty = at_least(pm(h, 50), TEXT_MIN_PX);
	s->empty_hint = at_least(pm(h, 30), TEXT_MIN_PX);
	s->more = at_least(pm(h, 28), TEXT_MIN_PX);
	/* At 720 px: timer 66 (a 4 cm digit on a 3 m screen), chart rows 27 down to 18. */
	s->badge = at_least(pm(h, 25), TEXT_MIN_PX);
	s->timer = at_least(pm(h, 92), TEXT_MIN_PX);
	s->timer_label = at_least(pm(h, 22), TEXT_MIN_PX);
	s->heading = at_least(pm(h, 30), TEXT_MIN_PX);
	s->category = at_least(pm(h, 21), TEXT_MIN_PX);
	s->banner = at_least(pm(h, 32), TEXT_MIN_PX);
	s->chart = at_least(pm(h, 38), TEXT_MIN_PX);
	s->chart_min = at_least(pm(h, 25), TEXT_MIN_PX);
	s->big_count = at_least(pm(h, 170), TEXT_MIN_PX);
	s->big_text = at_least(pm(h, 46), TEXT_MIN_PX);
	s->overlay_title = at_least(pm(h, 44), TEXT_MIN_PX);
	s->overlay_text = at_least(pm(h, 30), TEXT_MIN_PX);
	s->toast = at_least(pm(h, 30), TEXT_MIN_PX);
	s->notice = at_least(pm(h, 27), TEXT_MIN_PX);
}

/* ---- fonts ------------------------------------------------------------------------------ */

/* Try one "<face> <path>" line: a file that opens as a font joins its face's chain. */
static void try_font_line(struct text *t, const char *line, const char *dir)
{
	char face[32], path[1024];
	if (sscanf(line, " %31s %1023[^\r\n]", face, path) != 2 || face[0] == '#') return;
	size_t pl = strlen(path);
	while (pl && (path[pl - 1] == ' ' || path[pl - 1] == '\t')) path[--pl] = '\0';
	int f, emoji = strcmp(face, "emoji") == 0;
	for (f = 0; f < TEXT_FACES; f++)
		if (strcmp(face, face_names[f]) == 0) break;
	if (emoji) {   /* one pictogram font, joined to both faces once every list line is read */
		if (t->emoji_k[0] >= 0 || t->emoji_k[1] >= 0 || t->n_file[0] >= MAX_CHAIN || t->n_file[1] >= MAX_CHAIN) return;
		f = 0;
	} else if (f == TEXT_FACES || t->n_file[f] >= MAX_CHAIN) {
		return;
	}

	char full[2048];
	if (path[0] != '/' && dir) snprintf(full, sizeof full, "%s/%s", dir, path);
	else snprintf(full, sizeof full, "%s", path);
	size_t len = 0;
	void *data = SDL_LoadFile(full, &len);
	if (!data) return;
	/* Check that it really is a font before relying on it; keep it to ask for glyphs. */
	TTF_Font *probe = TTF_OpenFontRW(SDL_RWFromConstMem(data, (int)len), 1, 12);
	if (!probe) {
		SDL_free(data);
		return;
	}
	if (!emoji) {
		t->file[f][t->n_file[f]++] = (struct font_file){ data, len, xstrdup(full), probe, 0, 0, 0 };
		return;
	}
	/* A font of bitmaps has one height whatever size it is opened at. */
	TTF_Font *big = TTF_OpenFontRW(SDL_RWFromConstMem(data, (int)len), 1, 48);
	int bitmap = big && TTF_FontHeight(big) == TTF_FontHeight(probe);
	if (big) TTF_CloseFont(big);
	t->pending_emoji = (struct font_file){ data, len, xstrdup(full), probe, 1, bitmap, 0 };
}

/* The pictogram font read from the list joins the end of both chains. */
static void add_emoji(struct text *t)
{
	struct font_file *e = &t->pending_emoji;
	if (!e->data) return;
	for (int f = 0; f < TEXT_FACES; f++) {
		if (t->n_file[f] >= MAX_CHAIN) continue;
		t->emoji_k[f] = t->n_file[f];
		t->file[f][t->n_file[f]++] = *e;
		e->borrowed = 1;   /* the first face owns it */
	}
	if (!e->borrowed) {
		TTF_CloseFont(e->probe);
		SDL_free(e->data);
		free(e->path);
	}
	memset(e, 0, sizeof *e);
}

static void load_font_list(struct text *t, const char *list)
{
	char *dir = NULL;
	size_t len = 0;
	char *buf = list ? SDL_LoadFile(list, &len) : NULL;
	if (!buf) {
		fprintf(stderr, "medskapa: cannot read font list %s; using the built-in list\n",
		        list ? list : "(none)");
		for (size_t i = 0; i < NELEM(builtin_fonts); i++)
			try_font_line(t, builtin_fonts[i], NULL);
		add_emoji(t);
		return;
	}
	const char *slash = strrchr(list, '/');
	dir = slash ? xstrndup(list, (size_t)(slash - list)) : xstrdup(".");
	char *save = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		try_font_line(t, line, dir);
	add_emoji(t);
	free(dir);
	SDL_free(buf);
}

/* Font k of a face's chain at px pixels, opened once and kept while used. */
TTF_Font *text_font_get_k(struct text *t, enum text_face face, int k, int px)
{
	if ((unsigned)face >= TEXT_FACES || k < 0 || k >= t->n_file[face]) return NULL;
	px = t->file[face][k].bitmap ? EMOJI_STRIKE : at_least(px, TEXT_MIN_PX);
	for (size_t i = 0; i < t->n_fonts; i++) {
		struct font_slot *fs = &t->fonts[i];
		if (fs->face == face && fs->k == k && fs->px == px) {
			fs->gen = t->gen;
			return fs->font;
		}
	}
	const struct font_file *ff = &t->file[face][k];
	SDL_RWops *rw = SDL_RWFromConstMem(ff->data, (int)ff->len);
	TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
	if (!font) return NULL;
	xgrow((void **)&t->fonts, &t->cap_fonts, t->n_fonts + 1, sizeof *t->fonts);
	t->fonts[t->n_fonts++] = (struct font_slot){ face, k, px, font, t->gen };
	return font;
}

/* The face's first font: its metrics make the line height of every text. */
TTF_Font *text_font_get(struct text *t, enum text_face face, int px)
{
	return text_font_get_k(t, face, 0, px);
}

int text_font_has(const struct text *t, enum text_face face, int k, uint32_t cp)
{
	return k >= 0 && k < t->n_file[face] && TTF_GlyphIsProvided32(t->file[face][k].probe, cp);
}

/* The first font of the chain with a glyph for cp, or -1. */
int text_chain_font(const struct text *t, enum text_face face, uint32_t cp)
{
	for (int k = 0; k < t->n_file[face]; k++)
		if (TTF_GlyphIsProvided32(t->file[face][k].probe, cp)) return k;
	return -1;
}

/* The font of a run, set up to shape it with its script and direction. */
TTF_Font *text_run_font(struct text *t, enum text_face face, int px, int font, int script, int level)
{
	TTF_Font *f = text_font_get_k(t, face, font, px);
	if (!f) return NULL;
	TTF_SetFontScriptName(f, bidi_script_tag((enum bidi_script)script));
	TTF_SetFontDirection(f, level & 1 ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	return f;
}

/* The height an emoji is drawn at in text of px pixels. */
int text_emoji_h(int px)
{
	return (at_least(px, TEXT_MIN_PX) * EMOJI_PCT + 50) / 100;
}

/* A width w measured in font f (of chain index k), in the text's pixels: a bitmap font's runs
 * are scaled from its strike to text_emoji_h(px). */
int text_scaled_w(const struct text *t, enum text_face face, int k, TTF_Font *f, int px, int w)
{
	if (!t->file[face][k].bitmap) return w;
	int sh = TTF_FontHeight(f);
	return sh > 0 ? (int)(((long)w * text_emoji_h(px) + sh / 2) / sh) : w;
}

/* ---- struct text, and what it tells about its fonts ------------------------------------- */

struct text *text_create(SDL_Renderer *r, const char *fonts_list, char *err, size_t errlen)
{
	if (TTF_Init() < 0) {
		snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
		return NULL;
	}
	struct text *t = xcalloc(1, sizeof *t);
	t->r = r;
	t->gen = 1;
	text_cache_init(t);
	t->emoji_k[0] = t->emoji_k[1] = -1;
	load_font_list(t, fonts_list);
	for (int f = 0; f < TEXT_FACES; f++) {
		if (!t->n_file[f] || (t->n_file[f] == 1 && t->emoji_k[f] == 0)) {
			snprintf(err, errlen, "no usable %s font: check %s and that fonts-noto-core "
			         "or fonts-dejavu-core is installed", face_names[f],
			         fonts_list ? fonts_list : "the font list");
			text_destroy(t);
			return NULL;
		}
	}
	return t;
}

const char *text_font_path(const struct text *t, enum text_face face)
{
	return (unsigned)face < TEXT_FACES && t->n_file[face] ? t->file[face][0].path : "";
}

const char *text_chain_path(const struct text *t, enum text_face face, int k)
{
	return (unsigned)face < TEXT_FACES && k >= 0 && k < t->n_file[face] ? t->file[face][k].path : NULL;
}

int text_font_for(const struct text *t, enum text_face face, uint32_t cp)
{
	return (unsigned)face < TEXT_FACES ? text_chain_font(t, face, cp) : -1;
}

int text_has_emoji(const struct text *t)
{
	return t->emoji_k[TEXT_REGULAR] >= 0 && t->emoji_k[TEXT_BOLD] >= 0;
}

int text_can_draw(const struct text *t, enum text_face face, const char *s)
{
	if ((unsigned)face >= TEXT_FACES || !s) return 0;
	size_t len = strlen(s);
	for (size_t off = 0; off < len;) {
		size_t adv;
		uint32_t c = utf8_decode(s + off, len - off, &adv);
		off += adv;
		if (c < 0x20 || bidi_ignorable(c)) continue;
		if (text_chain_font(t, face, c) < 0) return 0;
	}
	return 1;
}

int text_line_height(struct text *t, enum text_face face, int px)
{
	TTF_Font *f = text_font_get(t, face, px);
	return f ? TTF_FontLineSkip(f) * LINE_PCT / 100 : 0;
}

int text_height(struct text *t, enum text_face face, int px, int lines)
{
	TTF_Font *f = text_font_get(t, face, px);
	if (!f || lines <= 0) return 0;
	return (lines - 1) * (TTF_FontLineSkip(f) * LINE_PCT / 100) + TTF_FontHeight(f);
}

void text_destroy(struct text *t)
{
	if (!t) return;
	text_cache_free(t);
	for (size_t i = 0; i < t->n_fonts; i++) TTF_CloseFont(t->fonts[i].font);
	free(t->fonts);
	for (int f = 0; f < TEXT_FACES; f++) {
		for (int k = 0; k < t->n_file[f]; k++) {
			if (t->file[f][k].borrowed) continue;
			TTF_CloseFont(t->file[f][k].probe);
			SDL_free(t->file[f][k].data);
			free(t->file[f][k].path);
		}
	}
	free(t->u8);
	free(t->runs);
	free(t);
	TTF_Quit();
}
