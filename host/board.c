/* board.c: the projector board: the contract of board.h. Creates and destroys the board, hands
 * events to the input handlers, lays out and draws only when something changed, wakes for
 * timers and animations, takes screenshots. The other files of the family: board-int.h. */
#include "board-int.h"
#include "util.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- drawing --------------------------------------------------------------------------------- */

static void render(struct board *b)
{
	board_draw_header(b);  /* and the background */
	switch (b->room.mode) {
	case MODE_JOIN: board_draw_empty(b); break;
	case MODE_NOTES: board_draw_notes(b); break;
	case MODE_SILENT: board_draw_silent(b); break;
	case MODE_CHART: board_draw_chart(b); break;
	}
	board_draw_overlays(b);
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
	if (cfg->words) {
		b->words = cfg->words;
	} else {
		char lang[16];
		b->words = b->own_words = words_load(cfg->home ? cfg->home : ".", words_lang_for(cfg->lang, lang, sizeof lang),
		                                     err, errlen);
		if (!b->words) goto fail;
	}
	b->room.words = b->words;
	for (int i = 0; i < THEME_COUNT; i++) memcpy(&b->themes[i], &theme_table[i], sizeof b->themes[i]);
	b->theme_i = cfg->theme == 1 ? 1 : 0;
	b->th = &b->themes[b->theme_i];
	b->page = (size_t)(cfg->start_page > 0 ? cfg->start_page : 0);
	b->fullscreen = cfg->fullscreen && !cfg->offscreen;
	int w = cfg->width > 0 ? cfg->width : 1280, h = cfg->height > 0 ? cfg->height : 720;
	/* High-density screens: draw at the drawable's full resolution (SDL_GetRendererOutputSize);
	 * mouse positions are turned into those pixels (to_pixels). */
	Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
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
	/* Letters are keys; text events come only for the layout-dependent '?' and '+' and while
	 * typing an idea. */
	SDL_StartTextInput();
	/* Notes are kept as textures in the window's own format (copies are then plain memcpy),
	 * if the renderer can draw into textures; else they are drawn piece by piece. */
	SDL_RendererInfo ri;
	if (SDL_GetRendererInfo(b->ren, &ri) == 0 && (ri.flags & SDL_RENDERER_TARGETTEXTURE))
		b->ntex_format = SDL_GetWindowPixelFormat(b->win);
	if (b->ntex_format == SDL_PIXELFORMAT_UNKNOWN) b->ntex_format = 0;
	b->photo_dir = cfg->photo_dir ? xstrdup(cfg->photo_dir) : NULL;
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
		case SDL_WINDOWEVENT_FOCUS_LOST:
			if (!b->drag.pressed) return BOARD_NONE;
			b->drag.pressed = b->drag.moved = 0;
			b->dirty = 1;
			return BOARD_REDRAW;
		}
		return BOARD_NONE;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		board_note_tex_clear(b);  /* what they held may be gone */
		board_panels_clear(b);
		if (ev->type == SDL_RENDER_DEVICE_RESET) {   /* every texture is gone: the photos' too */
			board_photos_clear(b);
			b->relayout = 1;
		}
		b->dirty = 1;
		return BOARD_REDRAW;
	case SDL_KEYDOWN:
		return board_handle_key(b, &ev->key, cmd);
	case SDL_TEXTINPUT:
		return board_handle_text(b, ev->text.text, cmd);
	case SDL_MOUSEBUTTONDOWN:
		return board_mouse_down(b, &ev->button);
	case SDL_MOUSEMOTION:
		return board_mouse_motion(b, &ev->motion);
	case SDL_MOUSEBUTTONUP:
		return board_mouse_up(b, &ev->button, cmd);
	}
	return BOARD_NONE;
}

void board_command_done(struct board *b, const struct session_result *res)
{
	if (res && res->err != SERR_OK) {
		char why[512];
		board_refusal(b, res, why, sizeof why);
		board_toast(b, why);
	} else if (b->pending_input) {
		board_input_close(b);
	}
	b->pending_input = 0;
	b->relayout = b->dirty = 1;
}

int board_wake_ms(const struct board *b, const struct board_view *v)
{
	int ms = 0;
	const struct activity *a = v->session ? session_current(v->session) : NULL;
	if (a && a->timer.running) {
		int64_t left = session_timer_left(&a->timer, v->now_ms);
		/* the shown second changes when left passes a whole second: wake just after */
		if (left > 0) ms = (int)(left % 1000) + 1;
	}
	if (b->anim_active) ms = ms ? mini(ms, ANIM_FRAME_MS) : ANIM_FRAME_MS;
	/* the signals counter: to fade it step by step, and to take it away */
	int sw = board_signals_wait(board_signals_last(v->session), v->now_ms);
	if (sw > 0) ms = ms ? mini(ms, sw) : sw;
	if (b->toast[0]) {
		Uint32 now = SDL_GetTicks();
		int t = SDL_TICKS_PASSED(now, b->toast_until) ? 1 : (int)(b->toast_until - now) + 1;
		ms = ms ? mini(ms, t) : t;
	}
	return ms;
}

void board_invalidate(struct board *b)
{
	b->relayout = b->dirty = 1;
}

static void prepare(struct board *b, const struct board_view *v)
{
	int W = 0, H = 0;
	b->now_ms = v->now_ms;
	b->now_ticks = SDL_GetTicks();
	if (b->toast[0] && SDL_TICKS_PASSED(b->now_ticks, b->toast_until)) {
		b->toast[0] = '\0';
		b->relayout = 1;
	}
	SDL_GetRendererOutputSize(b->ren, &W, &H);
	if (b->relayout || W != b->w || H != b->h || board_view_changed(&b->room, v, b->overlay == OVERLAY_FACILITATOR)) board_layout(b, v);
}

int board_draw(struct board *b, const struct board_view *v)
{
	prepare(b, v);
	if (b->anim_active) {   /* a frame for each step of the animation, then one at its end */
		b->dirty = 1;
		if (SDL_GetTicks() - b->anim_start >= ANIM_MS) b->anim_active = 0;
	}
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
	b->anim_active = 0;  /* a screenshot shows where everything ends up */
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

void board_destroy(struct board *b)
{
	if (!b) return;
	text_destroy(b->text);
	words_free(b->own_words);
	board_corners_clear(b);
	board_note_tex_clear(b);
	free(b->ntex);
	board_panels_clear(b);
	board_photos_clear(b);
	free(b->photos);
	free(b->photo_dir);
	board_qr_view_free(&b->join_qr);
	board_qr_view_free(&b->fac_qr);
	board_room_free(&b->room);
	free(b->ilook);
	free(b->glook);
	free(b->rlook);
	free(b->lnotes);
	free(b->page_of);
	free(b->prev);
	free(b->lgroups);
	free(b->gin);
	free(b->lrows);
	free(b->counts);
	if (b->ren) SDL_DestroyRenderer(b->ren);
	if (b->win) SDL_DestroyWindow(b->win);
	free(b);
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
}
