/* main.c: the host program. Chooses the mode (run, review, screenshot, report), wires the
 * server to the network edge, the journal and the board, runs the loop, and cleans up in one
 * place whatever the mode and however far start-up got. */
#include "board.h"
#include "journal.h"
#include "net.h"
#include "options.h"
#include "plat.h"
#include "proto.h"
#include "report.h"
#include "review.h"
#include "server.h"
#include "session.h"
#include "words.h"

#include <SDL.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
 * then the advice (NULL: none). */
static int open_board(struct server *a, const enum word_id *advice)
{
	char err[512];
	struct board_config bc = server_board_config(a);
	a->board = board_create(&bc, err, sizeof err);
	if (a->board) return 0;
	words_say(stderr, "medskapa: ", a->words, W_HOST_BOARD_FAILED, "why", err, NULL);
	if (advice) words_say(stderr, "medskapa: ", a->words, *advice, NULL);
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
		words_say(stderr, "medskapa: ", a->words, W_HOST_REVIEW_DISPLAY, NULL);
		return 1;
	}
	if (open_board(a, NULL) < 0) return 1;
	words_say(stdout, "", a->words, W_HOST_REVIEWING, "file", a->path, NULL);
	review_run(a, r, &quit_signal);
	return 0;
}

/* The meeting: the board (unless headless), the network edge, the journal, the loop; at the
 * end a last snapshot and the journal flushed. Exit status; main frees what was made. */
static int serve(struct server *a, uint64_t next_seq)
{
	char err[512], num[16];
	plat_on_stop(on_signal);

	if (!a->opt.headless && !has_display()) {
		words_say(stdout, "medskapa: ", a->words, W_HOST_NO_DISPLAY, NULL);
		a->opt.headless = 1;
	}
	if (!a->opt.headless) {
		SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
		static const enum word_id use_headless = W_HOST_USE_HEADLESS;
		if (open_board(a, &use_headless) < 0) return 1;
		a->wake_event = SDL_RegisterEvents(1);
	}

	struct net_config nc = { .port = a->opt.port, .web_root = a->opt.web_root,
	                         .photo_dir = a->photo_dir, .audio_dir = a->audio_dir,
	                         .max_message = PROTO_MAX_PHOTO_MESSAGE, .max_peers = a->opt.max_phones,
	                         .max_per_address = a->opt.max_per_address, .rate_per_sec = RATE_PER_SEC,
	                         .rate_burst = RATE_BURST };
	a->net = net_start(&nc, a->board ? wake_board : NULL, a, err, sizeof err);
	if (!a->net) {
		words_say(stderr, "medskapa: ", a->words, W_HOST_SERVER_FAILED, "why", err, NULL);
		return 1;
	}
	server_hide_photos(a);
	a->listening_ms = server_now_ms();
	word_fill(a->lonely, sizeof a->lonely, a->words, W_HOST_NO_PHONE_REACHED, NULL);
	int port = net_port(a->net);
	if (net_fd_limit_error(a->net))
		words_say(stderr, "medskapa: ", a->words, W_HOST_FD_LIMIT, "why", strerror(net_fd_limit_error(a->net)), NULL);
	a->journal = journal_open(a->journal_path, next_seq, on_durable, a, err, sizeof err);
	if (!a->journal) {
		words_say(stderr, "medskapa: ", a->words, W_HOST_JOURNAL_FAILED, "why", err, NULL);
		return 1;
	}
	net_release(a->net, journal_durable(a->journal));   /* what a resumed journal holds is durable */
	a->durable = session_clone(a->s);
	snprintf(num, sizeof num, "%d", port);
	words_say(stdout, "", a->words, W_HOST_BANNER, "version", MEDSKAPA_VERSION, "title", a->s->title, NULL);
	words_say(stdout, "  ", a->words, W_HOST_SESSION_FILE, "file", a->path, NULL);
	server_find_addresses(a, port, 1);
	server_set_facilitator_url(a);
	words_say(stdout, "  ", a->words, W_HOST_FACILITATOR, "url", a->facilitator_url, NULL);
	words_say(stdout, "", a->words, a->board ? W_HOST_LISTENING : W_HOST_LISTENING_HEADLESS, "port", num, NULL);

	if (a->board) run_board(a);
	else run_headless(a);

	words_say(stdout, "medskapa: ", a->words, quit_signal ? W_HOST_SIGNAL : W_HOST_QUITTING, "file", a->path, NULL);
	server_snapshot(a);
	if (journal_flush(a->journal, QUIT_FLUSH_MS) < 0) {
		char why[256];
		word_fill(why, sizeof why, a->words, W_HOST_DISK_SILENT, NULL);
		journal_failing(a->journal, why, sizeof why);
		words_say(stderr, "medskapa: ", a->words, W_HOST_QUIT_FAILED, "why", why, NULL);
		words_say(stderr, "medskapa: ", a->words, W_HOST_JOURNAL_HOLDS, "file", a->journal_path, NULL);
		return 1;
	}
	return 0;
}

/* The language the host speaks in the terminal and the board shows: --lang, else tag, as the
 * catalogue has it (words_lang_for: "sv-SE" is sv, a language without words English). A Swedish
 * facilitator expects Swedish before the meeting is known (option mistakes, --help, a session
 * that cannot be opened): that is what main asks for first, unless --lang says otherwise; once
 * the session is open, its language. The board borrows these words (server_board_config).
 * 0, or -1 after printing why (no catalogue: no words). */
static int speak(struct server *a, const char *tag)
{
	char err[512], lang[16];
	words_lang_for(a->opt.lang ? a->opt.lang : tag, lang, sizeof lang);
	if (a->words && strcmp(words_lang(a->words), lang) == 0) return 0;
	struct words *w = words_load(a->opt.home, lang, err, sizeof err);
	if (!w) {
		fprintf(stderr, "medskapa: %s\n", err);
		return a->words ? 0 : -1;   /* keep the words it has */
	}
	words_free(a->words);
	a->words = w;
	return 0;
}

int main(int argc, char **argv)
{
	struct server srv = { 0 };
	struct server *a = &srv;
	struct review *r = NULL;
	uint64_t next_seq;
	int rc = 1;
	plat_init();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "report") == 0) {   /* its words are in the program's folder */
		options_find_home(&a->opt);
		return report_main(argc - 1, argv + 1, a->opt.home);
	}
	int bad = options_parse(argc, argv, &a->opt);
	options_find_home(&a->opt);
	if (speak(a, "sv") < 0) goto done;
	if (bad < 0 || a->opt.help || a->opt.version) {
		char proto[16], format[16];
		snprintf(proto, sizeof proto, "%d", PROTO_VERSION);
		snprintf(format, sizeof format, "%d", SESSION_FORMAT_VERSION);
		if (bad < 0) options_say_error(&a->opt, a->words);
		else if (a->opt.help) options_usage(stdout, a->words);
		else words_say(stdout, "", a->words, W_HOST_VERSION, "version", MEDSKAPA_VERSION,
		               "protocol", proto, "format", format, NULL);
		rc = bad < 0 ? 2 : 0;
		goto done;
	}
	plat_private_files();   /* session files are for their owner only */
	server_random_hex(a->key, 16);
	server_random_hex(a->ikey, 16);
	if (server_open_session(a, &next_seq) < 0) goto done;
	server_set_media_dirs(a);   /* the photos beside the session, the recorded prompts */
	speak(a, a->s->lang);
	if (a->replayed)
		words_say_n(stdout, "", a->words, W_HOST_RESUMED, (long)a->replayed, "file", a->path, NULL);
	if (a->opt.review) r = review_prepare(a);
	if (a->opt.screenshot) rc = review_screenshot(a) < 0 ? 1 : 0;
	else if (a->opt.review) rc = show_review(a, r);
	else rc = serve(a, next_seq);
done:   /* the one cleanup path: each part only if it was made */
	review_free(r);
	server_free(a);
	plat_stopped();   /* Windows: a closed console window may end the process now */
	return rc;
}
