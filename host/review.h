/* review.h: --review, the board over a saved session, read-only (step through its activities,
 * replay it), and --screenshot, the board as it stands written to a PNG. Main thread only. */
#ifndef MEDSKAPA_REVIEW_H
#define MEDSKAPA_REVIEW_H

#include "server.h"

#include <signal.h>

struct review;

/* Make the loaded session a->s fit for review: every activity revealed (the meeting is over,
 * staff see everything), votes in time order for replays, the board's notice set. The file is
 * never written. Returns what review_run needs; the caller frees it with review_free. */
struct review *review_prepare(struct server *a);

/* The review window's loop on a->board (opened by the caller) until the board quits or *quit
 * is set. Moving between activities is all it applies; other commands are refused. */
void review_run(struct server *a, struct review *r, const volatile sig_atomic_t *quit);

/* Free what review_prepare made; NULL does nothing. */
void review_free(struct review *r);

/* Render the board as it stands offscreen to a->opt.screenshot (and, with --layout-json, where
 * everything went). No display needed. 0, or -1 after printing why. */
int review_screenshot(struct server *a);

#endif
