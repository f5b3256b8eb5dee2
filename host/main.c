/* main.c: the host program. Chooses the mode (run, review, screenshot, report), wires the
 * server to the network edge, the journal and the board, runs the loop, and cleans up in one
 * place whatever the mode and however far start-up got. */
#include "board.h"
#include "journal.h"
#include "net.h"
#include "options.h"
#include "proto.h"
#include "report.h"
#include "review.h"
#include "server.h"
#include "session.h"

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

/* 1 if a window can be opened: a display, or an SDL video driver named (tests: dummy). */
static int has_display(void)
{
	return getenv("DISPLAY") || getenv("WAYLAND_DISPLAY") || getenv("SDL_VIDEODRIVER");
}

/* Open the board window the options ask for into a->board. 0, or -1 after printing why and
 * then advice (a line, or ""). */
static int open_board(struct server *a, const char *advice)
{
	char err[512];
	struct board_config bc = server_board_config(a);
	a->board = board_create(&bc, err, sizeof err);
	if (a->board) return 0;
	fprintf(stderr, "medskapa: cannot open the board: %s\n%s", err, advice);
	return -1;
}

static void wake_board(void *ud)
{
	struct server *a = ud;
	SDL_Event ev = { .type = a->wake_event };
	SDL_PushEvent(&ev);
}

/* On the journal's thread, after it made something durable (or failed): let the network edge
 * send what waited for it. The loop notices a failure within IDLE_WAIT_MS (check_storage, in
 * server.c). */
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

/* --review without --screenshot: the board window over the saved session. Exit status. */
static int show_review(struct server *a, struct review *r)
{
	if (!has_display()) {
		fprintf(stderr, "medskapa: --review needs a display (or use --screenshot)\n");
		return 1;
	}
	if (open_board(a, "") < 0) return 1;
	printf("Reviewing %s (read-only)\n", a->path);
	review_run(a, r, &quit_signal);
	return 0;
}

/* The meeting: the board (unless headless), the network edge, the journal, the loop; at the
 * end a last snapshot and the journal flushed. Exit status; main frees what was made. */
static int serve(struct server *a, uint64_t next_seq)
{
	char err[512];
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (!a->opt.headless && !has_display()) {
		printf("medskapa: no display found (DISPLAY is not set): running headless, without the board\n");
		a->opt.headless = 1;
	}
	if (!a->opt.headless) {
		SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
		if (open_board(a, "medskapa: use --headless to run without a window\n") < 0) return 1;
		a->wake_event = SDL_RegisterEvents(1);
	}

	struct net_config nc = { .port = a->opt.port, .web_root = a->opt.web_root,
	                         .max_message = PROTO_MAX_MESSAGE, .max_peers = a->opt.max_phones,
	                         .max_per_address = a->opt.max_per_address, .rate_per_sec = RATE_PER_SEC,
	                         .rate_burst = RATE_BURST };
	a->net = net_start(&nc, a->board ? wake_board : NULL, a, err, sizeof err);
	if (!a->net) {
		fprintf(stderr, "medskapa: cannot start the server: %s\n", err);
		return 1;
	}
	int port = net_port(a->net);
	a->journal = journal_open(a->journal_path, next_seq, on_durable, a, err, sizeof err);
	if (!a->journal) {
		fprintf(stderr, "medskapa: %s\n", err);
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
	if (journal_flush(a->journal, QUIT_FLUSH_MS) < 0) {
		char why[256] = "the disk did not answer in time";
		journal_failing(a->journal, why, sizeof why);
		fprintf(stderr, "medskapa: could not save at quit: %s\n"
		        "medskapa: the journal %s holds every change that was acknowledged\n", why, a->journal_path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct server srv = { 0 };
	struct server *a = &srv;
	struct review *r = NULL;
	uint64_t next_seq;
	int rc = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "report") == 0) {   /* its words are in the program's folder */
		options_find_home(&a->opt);
		return report_main(argc - 1, argv + 1, a->opt.home);
	}
	if (options_parse(argc, argv, &a->opt) < 0) return 2;
	umask(077);   /* session files are for their owner only */
	options_find_home(&a->opt);
	server_random_hex(a->key, 16);
	if (server_open_session(a, &next_seq) < 0) goto done;
	if (a->opt.review) r = review_prepare(a);
	if (a->opt.screenshot) rc = review_screenshot(a) < 0 ? 1 : 0;
	else if (a->opt.review) rc = show_review(a, r);
	else rc = serve(a, next_seq);
done:   /* the one cleanup path: each part only if it was made */
	review_free(r);
	server_free(a);
	return rc;
}
