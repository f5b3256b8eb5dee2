/* main.c: the host program. Chooses the mode (run, review, screenshot, report), wires the
 * server to the network edge, the journal and the board, and runs the loop. */
#include "board.h"
#include "journal.h"
#include "net.h"
#include "options.h"
#include "proto.h"
#include "report.h"
#include "server.h"
#include "session.h"
#include "util.h"

#include <SDL.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define QUIT_FLUSH_MS   10000  /* at quit, wait this long for the disk */
#define RATE_PER_SEC    10     /* messages per second a phone may send on average ... */
#define RATE_BURST      40     /* ... and in a burst (a page resending after a reconnect) */

static volatile sig_atomic_t quit_signal;

static void on_signal(int sig)
{
	quit_signal = sig;
}

/* ---- review mode: the board over a saved session, read-only ------------------------------ */

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

/* Make the loaded session fit for review: every activity revealed (the meeting is over, staff
 * see everything), votes in time order for replays. The file is never written. */
static void review_prepare(struct server *a, struct review *r)
{
	struct session *s = a->s;
	memset(r, 0, sizeof *r);
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
	int sv = strncmp(s->lang, "sv", 2) == 0;
	char when[32];
	proto_format_time(s->created_ms, when, sizeof when);
	when[10] = '\0';
	snprintf(a->notice, sizeof a->notice, sv ?
	         "Granskning av mötet %s · vänster/höger: aktiviteter · mellanslag: spela upp mötet · q: avsluta" :
	         "Review of the meeting of %s · left/right: activities · space: replay the meeting · q: quit", when);
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

static void run_review(struct server *a, struct review *r)
{
	int quit = 0;
	while (!quit && !quit_signal) {
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
				if (act == BOARD_QUIT) quit = 1;
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

static int take_screenshot(struct server *a)
{
	char err[512];
	struct board_config bc = { .width = a->opt.width, .height = a->opt.height, .offscreen = 1,
	                           .assets_dir = a->opt.assets, .lang = a->s->lang,
	                           .theme = a->opt.theme };
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
	else printf("Board written to %s (%dx%d)\n", a->opt.screenshot, a->opt.width, a->opt.height);
	board_destroy(b);
	return rc;
}

static void wake_board(void *ud)
{
	struct server *a = ud;
	SDL_Event ev = { .type = a->wake_event };
	SDL_PushEvent(&ev);
}

/* On the journal's thread, after it made something durable (or failed): let the network edge
 * send what waited for it. The loop notices a failure within IDLE_WAIT_MS (check_storage). */
static void on_durable(void *ud)
{
	struct server *a = ud;
	net_release(a->net, journal_durable(a->journal));
	if (journal_failing(a->journal, NULL, 0)) net_interrupt(a->net);   /* roll back and refuse soon */
}

static void run_headless(struct server *a)
{
	while (!quit_signal) {
		net_wait(a->net, server_next_wait(a));
		server_drain_net(a);
		server_tick(a);
	}
}

static void run_board(struct server *a)
{
	int quit = 0;
	/* For tests that drive the window with a real mouse and keyboard: after each frame drawn,
	 * write where everything went (board_write_layout, with the open input field if any), so
	 * that a test waits for what the board shows instead of guessing how long it takes. */
	const char *live = getenv("MEDSKAPA_BOARD_LAYOUT");
	if (live && !*live) live = NULL;
	while (!quit && !quit_signal) {
		SDL_Event ev;
		struct board_view v = server_view(a);
		int wait = server_next_wait(a), bw = board_wake_ms(a->board, &v);
		if (bw > 0 && bw < wait) wait = bw;
		if (SDL_WaitEventTimeout(&ev, wait)) {
			do {
				struct command c;
				if (ev.type == a->wake_event) continue;
				memset(&c, 0, sizeof c);
				enum board_action act = board_handle_event(a->board, &ev, &c);
				if (act == BOARD_QUIT) quit = 1;
				if (act == BOARD_COMMAND) {   /* the board's keys and mouse: same path as a phone */
					struct session_result res;
					c.facilitator = 1;
					if (server_apply(a, &c, &res) == 0) server_publish(a, &res);
					board_command_done(a->board, &res);
				}
			} while (SDL_PollEvent(&ev));
			server_flush_pending(a);
		}
		server_drain_net(a);
		server_tick(a);
		v = server_view(a);
		if (board_draw(a->board, &v) && live) {
			char err[512];
			if (board_write_layout(a->board, live, err, sizeof err) < 0) fprintf(stderr, "medskapa: %s\n", err);
		}
	}
}

int main(int argc, char **argv)
{
	struct server app = { 0 };
	struct server *a = &app;
	char err[512];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "report") == 0) return report_main(argc - 1, argv + 1);
	if (options_parse(argc, argv, &a->opt) < 0) return 2;
	umask(077);   /* session files are for their owner only */
	options_find_home(&a->opt);
	server_random_hex(a->key, 16);
	uint64_t next_seq;
	if (server_open_session(a, &next_seq) < 0) return 1;
	struct review review = { 0 };
	if (a->opt.review) review_prepare(a, &review);
	if (a->opt.review && !a->opt.screenshot) {
		int rc = 0;
		if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY") && !getenv("SDL_VIDEODRIVER")) {
			fprintf(stderr, "medskapa: --review needs a display (or use --screenshot)\n");
			rc = 1;
		} else {
			struct board_config bc = { .width = a->opt.width, .height = a->opt.height,
			                           .fullscreen = a->opt.fullscreen, .assets_dir = a->opt.assets,
			                           .lang = a->s->lang, .theme = a->opt.theme };
			a->board = board_create(&bc, err, sizeof err);
			if (!a->board) {
				fprintf(stderr, "medskapa: cannot open the board: %s\n", err);
				rc = 1;
			} else {
				printf("Reviewing %s (read-only)\n", a->path);
				run_review(a, &review);
				board_destroy(a->board);
				SDL_Quit();
			}
		}
		free(review.hidden);
		session_free(a->s);
		free(a->path);
		free(a->journal_path);
		return rc;
	}
	if (a->opt.screenshot) {
		int rc = take_screenshot(a);
		free(review.hidden);
		session_free(a->s);
		free(a->path);
		free(a->journal_path);
		return rc < 0 ? 1 : 0;
	}

	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (!a->opt.headless && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY") && !getenv("SDL_VIDEODRIVER")) {
		printf("medskapa: no display found (DISPLAY is not set): running headless, without the board\n");
		a->opt.headless = 1;
	}
	if (!a->opt.headless) {
		SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
		struct board_config bc = { .width = a->opt.width, .height = a->opt.height,
		                           .fullscreen = a->opt.fullscreen, .assets_dir = a->opt.assets,
		                           .lang = a->s->lang, .theme = a->opt.theme };
		a->board = board_create(&bc, err, sizeof err);
		if (!a->board) {
			fprintf(stderr, "medskapa: cannot open the board: %s\n"
			        "medskapa: use --headless to run without a window\n", err);
			return 1;
		}
		a->wake_event = SDL_RegisterEvents(1);
	}

	struct net_config nc = { .port = a->opt.port, .web_root = a->opt.web_root,
	                         .max_message = PROTO_MAX_MESSAGE, .max_peers = a->opt.max_phones,
	                         .max_per_address = a->opt.max_per_address, .rate_per_sec = RATE_PER_SEC,
	                         .rate_burst = RATE_BURST };
	a->net = net_start(&nc, a->board ? wake_board : NULL, a, err, sizeof err);
	if (!a->net) {
		fprintf(stderr, "medskapa: cannot start the server: %s\n", err);
		if (a->board) board_destroy(a->board);
		return 1;
	}
	int port = net_port(a->net);
	a->journal = journal_open(a->journal_path, next_seq, on_durable, a, err, sizeof err);
	if (!a->journal) {
		fprintf(stderr, "medskapa: %s\n", err);
		net_stop(a->net);
		if (a->board) board_destroy(a->board);
		return 1;
	}
	net_release(a->net, journal_durable(a->journal));   /* what a resumed journal holds is durable */
	a->durable = session_clone(a->s);
	printf("Medskapa %s: \"%s\"\n", MEDSKAPA_VERSION, a->s->title);
	printf("  Session file:   %s\n", a->path);
	server_find_addresses(a, port, 1);
	server_set_facilitator_url(a);
	printf("  Facilitator:    %s (gives control of the meeting; also on the board, key k)\n",
	       a->facilitator_url);
	printf("Listening on port %d (phone page and WebSocket)%s\n", port,
	       a->board ? "" : "; headless, Ctrl-C to stop");

	if (a->board) run_board(a);
	else run_headless(a);

	printf("medskapa: %s, saving %s\n", quit_signal ? "signal received" : "quitting", a->path);
	server_snapshot(a);
	int rc = 0;
	if (journal_flush(a->journal, QUIT_FLUSH_MS) < 0) {
		char why[256] = "the disk did not answer in time";
		journal_failing(a->journal, why, sizeof why);
		fprintf(stderr, "medskapa: could not save at quit: %s\n"
		        "medskapa: the journal %s holds every change that was acknowledged\n", why, a->journal_path);
		rc = 1;
	}
	journal_close(a->journal);   /* its thread wakes the net: stop it first */
	net_stop(a->net);            /* frees what was never released: it did not reach the disk */
	free(a->journal_path);
	if (a->board) {
		board_destroy(a->board);
		SDL_Quit();
	}
	session_free(a->s);
	session_free(a->durable);
	for (size_t k = 0; k < a->n_lines; k++) free(a->lines[k].line);
	for (size_t k = 0; k < a->n_reqs; k++) free(a->reqs[k].text);
	free(a->lines);
	free(a->reqs);
	free(a->path);
	free(a->peers);
	free(a->conns);
	return rc;
}
