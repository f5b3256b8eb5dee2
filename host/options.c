/* options.c: the command line and the program's folder (see options.h). */
#include "options.h"
#include "proto.h"
#include "session.h"
#include "util.h"
#include "words.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_PORT    8080
#define MAX_PEERS       5000   /* phones at once (--max-phones) */
#define MAX_PER_ADDRESS 50     /* from one address (--max-per-address): a venue NAT shares one */

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: medskapa [options]\n"
	        "Runs a co-creation meeting: projects the board, serves the phone page, saves the session.\n\n"
	        "  --session FILE     resume FILE if it exists, else create the session there\n"
	        "                     (default: a new file under sessions/ named by date and title)\n"
	        "  --template FILE    start a new session from an agenda template (sessions/templates/)\n"
	        "  --port N           port for the phone page and WebSocket (default %d; 0 = any free)\n"
	        "  --headless         no window: serve phones and save only\n"
	        "  --fullscreen       start the board fullscreen (key f toggles)\n"
	        "  --size WxH         board window size (default 1280x720)\n"
	        "  --theme NAME       board colours: default or high-contrast (key v switches)\n"
	        "  --lang LANG        the board's language: sv, en, ar, fa, ti, so or uk\n"
	        "                     (default: the meeting's language, Swedish in the templates)\n"
	        "  --join-url URL     address to show and encode in the QR code instead of the detected one\n"
	        "  --max-phones N     most phones connected at once (default %d); more are asked to wait\n"
	        "  --max-per-address N  most connections from one address (default %d)\n"
	        "  --review FILE      open a saved session on the board, read-only: step through the\n"
	        "                     activities and their results (left/right), replay it (space)\n"
	        "  --screenshot PNG   render the board as it stands to PNG and exit (no display needed)\n"
	        "  --layout-json FILE with --screenshot: also write where every note went, as JSON\n"
	        "  --help, --version\n\n"
	        "Board keys: f fullscreen, q or Escape quit (the session is saved first), ? all keys.\n",
	        DEFAULT_PORT, MAX_PEERS, MAX_PER_ADDRESS);
}

int options_parse(int argc, char **argv, struct options *o)
{
	static const struct option longs[] = {
		{ "session", required_argument, 0, 's' }, { "template", required_argument, 0, 't' },
		{ "port", required_argument, 0, 'p' }, { "headless", no_argument, 0, 'H' },
		{ "fullscreen", no_argument, 0, 'f' }, { "screenshot", required_argument, 0, 'S' },
		{ "layout-json", required_argument, 0, 'L' }, { "size", required_argument, 0, 'z' },
		{ "join-url", required_argument, 0, 'j' }, { "help", no_argument, 0, 'h' },
		{ "max-phones", required_argument, 0, 'M' }, { "max-per-address", required_argument, 0, 'A' },
		{ "review", required_argument, 0, 'R' }, { "theme", required_argument, 0, 'T' },
		{ "version", no_argument, 0, 'V' }, { "lang", required_argument, 0, 'l' }, { 0, 0, 0, 0 },
	};
	*o = (struct options){ .port = DEFAULT_PORT, .width = 1280, .height = 720, .max_phones = MAX_PEERS,
	                       .max_per_address = MAX_PER_ADDRESS };
	int c;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		char *end;
		long v;
		switch (c) {
		case 's': o->session_path = optarg; break;
		case 'R': o->session_path = optarg; o->review = 1; break;
		case 'T':
			if (strcmp(optarg, "default") == 0) o->theme = 0;
			else if (strcmp(optarg, "high-contrast") == 0) o->theme = 1;
			else {
				fprintf(stderr, "medskapa: --theme is default or high-contrast, not \"%s\"\n", optarg);
				return -1;
			}
			break;
		case 'l':
			if (!words_known(optarg)) {
				fprintf(stderr, "medskapa: --lang is one of sv, en, ar, fa, ti, so, uk, not \"%s\"\n", optarg);
				return -1;
			}
			o->lang = optarg;
			break;
		case 't': o->template_path = optarg; break;
		case 'H': o->headless = 1; break;
		case 'f': o->fullscreen = 1; break;
		case 'S': o->screenshot = optarg; break;
		case 'L': o->layout_json = optarg; break;
		case 'j': o->join_url = optarg; break;
		case 'p':
			v = strtol(optarg, &end, 10);
			if (*end || v < 0 || v > 65535) {
				fprintf(stderr, "medskapa: --port wants a number from 0 to 65535, not \"%s\"\n", optarg);
				return -1;
			}
			o->port = (int)v;
			break;
		case 'M':
		case 'A':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 100000) {
				fprintf(stderr, "medskapa: --%s wants a number from 1 to 100000, not \"%s\"\n",
				        c == 'M' ? "max-phones" : "max-per-address", optarg);
				return -1;
			}
			if (c == 'M') o->max_phones = (int)v; else o->max_per_address = (int)v;
			break;
		case 'z':
			if (sscanf(optarg, "%dx%d", &o->width, &o->height) != 2 || o->width < 320 ||
			    o->height < 240 || o->width > 8192 || o->height > 8192) {
				fprintf(stderr, "medskapa: --size wants WIDTHxHEIGHT such as 1920x1080, not \"%s\"\n", optarg);
				return -1;
			}
			break;
		case 'h': usage(stdout); exit(0);
		case 'V': printf("medskapa %s (protocol %d, session format %d)\n", MEDSKAPA_VERSION,
		                 PROTO_VERSION, SESSION_FORMAT_VERSION); exit(0);
		default: usage(stderr); return -1;
		}
	}
	const char *theme = getenv("MEDSKAPA_BOARD_THEME"), *page = getenv("MEDSKAPA_BOARD_PAGE");
	if (theme && *theme) o->theme = strcmp(theme, "high-contrast") == 0 || strcmp(theme, "1") == 0;
	if (page && atoi(page) > 1) o->start_page = atoi(page) - 1;
	if (optind < argc) {
		fprintf(stderr, "medskapa: unexpected argument \"%s\" (see --help)\n", argv[optind]);
		return -1;
	}
	if (o->review && access(o->session_path, R_OK) != 0) {
		fprintf(stderr, "medskapa: --review %s: %s\n", o->session_path, strerror(errno));
		return -1;
	}
	if (o->layout_json && !o->screenshot) {
		fprintf(stderr, "medskapa: --layout-json goes with --screenshot\n");
		return -1;
	}
	return 0;
}

void options_find_home(struct options *o)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	strlcpy_m(o->home, ".", sizeof o->home);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash) break;
			*slash = '\0';
			char probe[4200];
			snprintf(probe, sizeof probe, "%s/participant-web/index.html", exe);
			if (access(probe, R_OK) == 0) {
				strlcpy_m(o->home, exe, sizeof o->home);
				break;
			}
		}
	}
	snprintf(o->web_root, sizeof o->web_root, "%s/participant-web", o->home);
	snprintf(o->assets, sizeof o->assets, "%s/assets", o->home);
	snprintf(o->sessions_dir, sizeof o->sessions_dir, "%s/sessions", o->home);
}
