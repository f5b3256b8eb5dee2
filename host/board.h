/* board.h: the projector board, a view of the session drawn with SDL2 and SDL_ttf.
 * It reads the session and never changes it; keyboard and mouse become board actions
 * (later: commands) that main applies. All calls on the main thread. */
#ifndef MEDSKAPA_BOARD_H
#define MEDSKAPA_BOARD_H

#include <SDL.h>
#include "board-view.h"  /* struct board_view: what the board shows besides the session */
#include "session.h"

struct words;

struct board_config {
	int width, height;          /* window size in pixels (e.g. 1280x720) */
	int fullscreen;             /* start fullscreen (desktop mode) */
	int offscreen;              /* no visible window: for --screenshot */
	const char *assets_dir;     /* "assets": fonts list and theme */
	const char *home;           /* the folder holding participant-web/ and assets/, where the
	                             * words are (words.h); NULL: the current folder */
	const char *lang;           /* the board's language: it speaks it when the catalogue has it
	                             * ("sv-SE" is sv), else English (words_lang_for) */
	const struct words *words;  /* the catalogue already loaded in that language, borrowed for the
	                             * board's life; NULL: the board loads its own from home */
	int theme;                  /* 0 default, 1 high contrast (text at 7:1 or more, outlined notes);
	                             * key v switches */
	int start_page;             /* the page of notes shown first, from 0 (for tests) */
	const char *photo_dir;      /* the session's photo folder (photo ideas' files), copied; NULL:
	                             * photos are drawn as placeholders */
};

enum board_action {
	BOARD_NONE = 0,
	BOARD_QUIT,                 /* q, Escape or the window closed: save and quit */
	BOARD_REDRAW,               /* something changed on screen: draw again */
	BOARD_COMMAND,              /* *cmd holds a facilitator command for main to apply */
};

struct board;

/* Open the window (or an offscreen one) and load fonts. NULL and err on failure. */
struct board *board_create(const struct board_config *cfg, char *err, size_t errlen);

/* Handle one SDL event. Keys: f fullscreen, q/Escape quit, ? help overlay listing every key,
 * and the facilitator's keys (next/previous activity, open, lock, reveal, timer start/pause,
 * +1 minute, show the facilitator address, type an idea), mouse drags that group notes.
 * A facilitator action fills *cmd (cmd->facilitator = 1; its strings point into the board and
 * stay valid until the next call) and returns BOARD_COMMAND; main applies it and reports the
 * outcome with board_command_done(). */
enum board_action board_handle_event(struct board *b, const SDL_Event *ev, struct command *cmd);

/* The outcome of the last BOARD_COMMAND: res->err != SERR_OK shows res->message briefly. */
void board_command_done(struct board *b, const struct session_result *res);

/* 1 while the board shows something that changes by itself (a running timer, an animation):
 * main then wakes at least this often (ms) to draw; 0 = only on events. */
int board_wake_ms(const struct board *b, const struct board_view *v);

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
 * and more (board-json.c): a note's "original" text; "rendering": {"lang","text", its rect,
 * "ink"} when one is shown under it; "photo": {"file", its rect, "loaded"} when it has one;
 * "picto" when its category label shows one; "signals": {"interpret","slower","unclear",
 * "langs":[{"lang","n"}],"level","text", its rect} while the counter shows, else null.
 * 0 or -1 with err. */
int board_write_layout(struct board *b, const char *json_path, char *err, size_t errlen);

void board_destroy(struct board *b);

#endif
