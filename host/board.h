/* board.h: the projector board, a view of the session drawn with SDL2 and SDL_ttf.
 * It reads the session and never changes it; keyboard and mouse become board actions
 * (later: commands) that main applies. All calls on the main thread. */
#ifndef MEDSKAPA_BOARD_H
#define MEDSKAPA_BOARD_H

#include <SDL.h>
#include "session.h"

struct board_config {
	int width, height;          /* window size in pixels (e.g. 1280x720) */
	int fullscreen;             /* start fullscreen (desktop mode) */
	int offscreen;              /* no visible window: for --screenshot */
	const char *assets_dir;     /* "assets": fonts list and theme */
};

/* What the board shows besides the session itself. Strings borrowed for the call. */
struct board_view {
	const struct session *session;
	const char *join_url;       /* encoded in the QR code and shown as text */
	int phones;                 /* phones connected now */
};

enum board_action {
	BOARD_NONE = 0,
	BOARD_QUIT,                 /* q, Escape or the window closed: save and quit */
	BOARD_REDRAW,               /* something changed on screen: draw again */
};

struct board;

/* Open the window (or an offscreen one) and load fonts. NULL and err on failure. */
struct board *board_create(const struct board_config *cfg, char *err, size_t errlen);

/* Handle one SDL event (keys: f fullscreen, q/Escape quit; resize). */
enum board_action board_handle_event(struct board *b, const SDL_Event *ev);

/* Tell the board the session changed (a new idea, ...) so that the next draw re-lays out. */
void board_invalidate(struct board *b);

/* Draw one frame if anything changed since the last one; returns 1 if it drew. */
int board_draw(struct board *b, const struct board_view *v);

/* Draw the current view and write it as PNG of the window's size. 0 or -1 with err. */
int board_screenshot(struct board *b, const struct board_view *v, const char *png_path,
                     char *err, size_t errlen);

/* Write where the last drawn frame put everything, as JSON, for tests and tools:
 * {"width":W,"height":H,"notes":[{"idea":ID,"x":..,"y":..,"w":..,"h":..,
 *   "text":{"x":..,"y":..,"w":..,"h":..}}],"qr":{"x":..,"y":..,"w":..,"h":..}}
 * 0 or -1 with err. */
int board_write_layout(struct board *b, const char *json_path, char *err, size_t errlen);

void board_destroy(struct board *b);

#endif
