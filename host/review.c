/* review.c: the board without a meeting running. --review shows a saved session read-only
 * and replays it; --screenshot renders the board as it stands to a PNG and exits. */
#include "review.h"
#include "proto.h"
#include "util.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REVIEW_REPLAY_MS 20000   /* a whole meeting replays in this long */
#define REVIEW_FRAME_MS  100

struct review {
	int *hidden;                 /* each idea's own hidden flag, to restore after a replay */
	size_t n_votes;              /* all votes; a replay shows a prefix (sorted by time) */
	int64_t t0, t1;              /* first and last moment of the meeting */
	int64_t replay_start;        /* wall clock when the replay began; 0 = not replaying */
};

static int vote_time_cmp(const void *x, const void *y)
{
	const struct vote *a = x, *b = y;
	return a->at_ms < b->at_ms ? -1 : a->at_ms > b->at_ms;
}

struct review *review_prepare(struct server *a)
{
	struct session *s = a->s;
	struct review *r = xcalloc(1, sizeof *r);
	for (size_t i = 0; i < s->n_activities; i++) {
		s->activities[i].phase = PHASE_REVEALED;
		s->activities[i].timer.running = 0;
	}
	r->hidden = xcalloc(s->n_ideas + 1, sizeof *r->hidden);
	r->t0 = s->created_ms;
	r->t1 = s->created_ms;
	for (size_t i = 0; i < s->n_ideas; i++) {
		r->hidden[i] = s->ideas[i].hidden;
		if (s->ideas[i].created_ms > r->t1) r->t1 = s->ideas[i].created_ms;
	}
	if (s->n_votes) qsort(s->votes, s->n_votes, sizeof *s->votes, vote_time_cmp);
	r->n_votes = s->n_votes;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].at_ms > r->t1) r->t1 = s->votes[i].at_ms;
	char when[32];
	proto_format_time(s->created_ms, when, sizeof when);
	when[10] = '\0';
	word_fill(a->notice, sizeof a->notice, a->words, W_HOST_REVIEW_NOTICE, "date", when, NULL);
	return r;
}

/* Show the meeting as it stood at time t (t >= t1: as it ended). */
static void review_show(struct server *a, struct review *r, int64_t t)
{
	struct session *s = a->s;
	for (size_t i = 0; i < s->n_ideas; i++) s->ideas[i].hidden = r->hidden[i] || s->ideas[i].created_ms > t;
	size_t n = 0;
	while (n < r->n_votes && s->votes[n].at_ms <= t) n++;
	s->n_votes = n;
	s->version++;
	if (a->board) board_invalidate(a->board);
}

void review_run(struct server *a, struct review *r, const volatile sig_atomic_t *quit)
{
	int done = 0;
	while (!done && !*quit) {
		SDL_Event ev;
		int wait = r->replay_start ? REVIEW_FRAME_MS : IDLE_WAIT_MS;
		if (SDL_WaitEventTimeout(&ev, wait)) {
			do {
				if (ev.type == SDL_KEYDOWN && !ev.key.repeat && ev.key.keysym.sym == SDLK_SPACE) {
					r->replay_start = r->replay_start ? 0 : server_now_ms();   /* start, or stop at the end */
					if (!r->replay_start) review_show(a, r, INT64_MAX);
					continue;
				}
				struct command c;
				memset(&c, 0, sizeof c);
				enum board_action act = board_handle_event(a->board, &ev, &c);
				if (act == BOARD_QUIT) done = 1;
				if (act == BOARD_COMMAND) {
					struct session_result res;
					c.facilitator = 1;
					c.at_ms = server_now_ms();
					if (c.type == CMD_GOTO) {   /* moving around is all a review may do */
						session_apply(a->s, &c, &res);
					} else {
						memset(&res, 0, sizeof res);
						res.err = SERR_FORBIDDEN;
						snprintf(res.message, sizeof res.message, "Review mode only shows the meeting; nothing can be changed.");
					}
					board_command_done(a->board, &res);
				}
			} while (SDL_PollEvent(&ev));
		}
		if (r->replay_start) {
			int64_t el = server_now_ms() - r->replay_start;
			int64_t span = r->t1 > r->t0 ? r->t1 - r->t0 : 1;
			int64_t t = r->t0 + (el >= REVIEW_REPLAY_MS ? span : span * el / REVIEW_REPLAY_MS);
			review_show(a, r, el >= REVIEW_REPLAY_MS ? INT64_MAX : t);
			if (el >= REVIEW_REPLAY_MS) r->replay_start = 0;
		}
		struct board_view v = server_view(a);
		board_draw(a->board, &v);
	}
	a->s->n_votes = r->n_votes;   /* whole again, so that everything is freed */
}

void review_free(struct review *r)
{
	if (!r) return;
	free(r->hidden);
	free(r);
}

int review_screenshot(struct server *a)
{
	char err[512];
	struct board_config bc = server_board_config(a);
	bc.fullscreen = 0;
	bc.offscreen = 1;
	if (!a->opt.review) {   /* a review has nobody to join */
		server_find_addresses(a, a->opt.port, 0);
		server_set_facilitator_url(a);
	}
	struct board *b = board_create(&bc, err, sizeof err);
	if (!b) {
		fprintf(stderr, "medskapa: %s\n", err);
		return -1;
	}
	struct board_view v = server_view(a);
	int rc = board_screenshot(b, &v, a->opt.screenshot, err, sizeof err);
	if (rc == 0 && a->opt.layout_json) rc = board_write_layout(b, a->opt.layout_json, err, sizeof err);
	if (rc < 0) fprintf(stderr, "medskapa: %s\n", err);
	else {
		char size[32];
		snprintf(size, sizeof size, "%dx%d", a->opt.width, a->opt.height);
		words_say(stdout, "", a->words, W_HOST_BOARD_WRITTEN, "file", a->opt.screenshot, "size", size, NULL);
	}
	board_destroy(b);
	return rc;
}
