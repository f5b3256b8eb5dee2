/* options.c: the command line and the program's folder (see options.h). */
#include "options.h"
#include "plat.h"
#include "util.h"
#include "words.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_PORT    8080
#define MAX_PEERS       5000   /* phones at once (--max-phones) */
#define MAX_PER_ADDRESS 50     /* from one address (--max-per-address): a venue NAT shares one */

/* The --help rows: the option, the word for its argument (W_COUNT: none) and what it does. */
static const struct {
	const char *option;
	enum word_id arg, what;
} usage_rows[] = {
	{ "--session", W_HOST_ARG_FILE, W_HOST_HELP_SESSION },
	{ "--template", W_HOST_ARG_FILE, W_HOST_HELP_TEMPLATE },
	{ "--port", W_HOST_ARG_N, W_HOST_HELP_PORT },
	{ "--headless", W_COUNT, W_HOST_HELP_HEADLESS },
	{ "--fullscreen", W_COUNT, W_HOST_HELP_FULLSCREEN },
	{ "--size", W_HOST_ARG_SIZE, W_HOST_HELP_SIZE },
	{ "--theme", W_HOST_ARG_NAME, W_HOST_HELP_THEME },
	{ "--lang", W_HOST_ARG_LANG, W_HOST_HELP_LANG },
	{ "--join-url", W_HOST_ARG_URL, W_HOST_HELP_JOIN_URL },
	{ "--max-phones", W_HOST_ARG_N, W_HOST_HELP_MAX_PHONES },
	{ "--max-per-address", W_HOST_ARG_N, W_HOST_HELP_MAX_PER_ADDRESS },
	{ "--review", W_HOST_ARG_FILE, W_HOST_HELP_REVIEW },
	{ "--screenshot", W_HOST_ARG_PNG, W_HOST_HELP_SCREENSHOT },
	{ "--layout-json", W_HOST_ARG_FILE, W_HOST_HELP_LAYOUT_JSON },
	{ "--help, --version", W_COUNT, W_HOST_HELP_HELP },
};
#define USAGE_COLUMN 21   /* where the descriptions start, as in most programs' --help */

/* Characters (not bytes) in a UTF-8 string: how far it moves the cursor, near enough. */
static int columns(const char *s)
{
	int n = 0;
	for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void options_usage(FILE *f, const struct words *w)
{
	char what[1024], num[16];
	words_say(f, "", w, W_HOST_USAGE, NULL);
	words_say(f, "", w, W_HOST_USAGE_WHAT, NULL);
	fputc('\n', f);
	for (size_t i = 0; i < NELEM(usage_rows); i++) {
		const char *arg = usage_rows[i].arg < W_COUNT ? word(w, usage_rows[i].arg) : "";
		int used = 2 + columns(usage_rows[i].option) + (*arg ? 1 + columns(arg) : 0);
		fprintf(f, "  %s%s%s", usage_rows[i].option, *arg ? " " : "", arg);
		/* The default a row names: the port, the phones, the connections per address. */
		enum word_id id = usage_rows[i].what;
		snprintf(num, sizeof num, "%d", id == W_HOST_HELP_PORT ? DEFAULT_PORT :
		         id == W_HOST_HELP_MAX_PHONES ? MAX_PEERS : MAX_PER_ADDRESS);
		word_fill(what, sizeof what, w, id, "n", num, NULL);
		fprintf(f, "%*s", used + 2 > USAGE_COLUMN ? 2 : USAGE_COLUMN - used, "");
		/* A description of two lines (a newline in the catalogue) keeps to its column. */
		for (char *line = what, *nl; line; line = nl) {
			nl = strchr(line, '\n');
			if (nl) *nl++ = '\0';
			fprintf(f, "%*s%s\n", line == what ? 0 : USAGE_COLUMN, "", line);
		}
	}
	fputc('\n', f);
	words_say(f, "", w, W_HOST_USAGE_KEYS, NULL);
}

void options_say_error(const struct options *o, const struct words *w)
{
	const struct options_error *e = &o->error;
	words_say(stderr, "medskapa: ", w, e->id, "option", e->option, "value", e->value,
	          "file", e->value, "why", e->why, NULL);
	if (e->usage) options_usage(stderr, w);
}

/* Keep the first mistake; the rest of the line is still read (see options_parse). */
static void mistake(struct options *o, enum word_id id, const char *option, const char *value, int usage)
{
	if (!o->error.id)   /* 0 is W_FACILITATOR, never a mistake: none yet */
		o->error = (struct options_error){ .id = id, .option = option, .value = value, .usage = usage };
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
	o->bare = argc == 1;
	opterr = 0;   /* getopt's own messages are in English: say them from the catalogue */
	/* ":" first: a missing argument is ':' and an unknown option '?' */
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		char *end;
		long v;
		switch (c) {
		case 's': o->session_path = optarg; break;
		case 'R': o->session_path = optarg; o->review = 1; break;
		case 'T':
			if (strcmp(optarg, "default") == 0) o->theme = 0;
			else if (strcmp(optarg, "high-contrast") == 0) o->theme = 1;
			else mistake(o, W_HOST_OPT_THEME, "--theme", optarg, 0);
			break;
		case 'l':
			if (words_known(optarg)) o->lang = optarg;
			else mistake(o, W_HOST_OPT_LANG, "--lang", optarg, 0);
			break;
		case 't': o->template_path = optarg; break;
		case 'H': o->headless = 1; break;
		case 'f': o->fullscreen = 1; break;
		case 'S': o->screenshot = optarg; break;
		case 'L': o->layout_json = optarg; break;
		case 'j': o->join_url = optarg; break;
		case 'p':
			v = strtol(optarg, &end, 10);
			if (*end || v < 0 || v > 65535) mistake(o, W_HOST_OPT_PORT, "--port", optarg, 0);
			else o->port = (int)v;
			break;
		case 'M':
		case 'A':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 100000)
				mistake(o, W_HOST_OPT_COUNT, c == 'M' ? "--max-phones" : "--max-per-address", optarg, 0);
			else if (c == 'M') o->max_phones = (int)v;
			else o->max_per_address = (int)v;
			break;
		case 'z':
			if (sscanf(optarg, "%dx%d", &o->width, &o->height) != 2 || o->width < 320 ||
			    o->height < 240 || o->width > 8192 || o->height > 8192)
				mistake(o, W_HOST_OPT_SIZE, "--size", optarg, 0);
			break;
		case 'h': o->help = 1; break;
		case 'V': o->version = 1; break;
		case ':': mistake(o, W_HOST_OPT_MISSING, argv[optind - 1], NULL, 0); break;
		default: mistake(o, W_HOST_OPT_UNKNOWN, NULL, argv[optind - 1], 1); break;
		}
	}
	const char *theme = getenv("MEDSKAPA_BOARD_THEME"), *page = getenv("MEDSKAPA_BOARD_PAGE");
	if (theme && *theme) o->theme = strcmp(theme, "high-contrast") == 0 || strcmp(theme, "1") == 0;
	if (page && atoi(page) > 1) o->start_page = atoi(page) - 1;
	const char *lonely = getenv("MEDSKAPA_NO_PHONE_SECS");
	o->no_phone_ms = lonely && atoi(lonely) > 0 ? atoi(lonely) * 1000 : NO_PHONE_MS;
	if (optind < argc) mistake(o, W_HOST_OPT_UNEXPECTED, NULL, argv[optind], 0);
	if (o->review && !o->error.id) {
		FILE *f = plat_fopen(o->session_path, "rb");
		if (!f) {
			mistake(o, W_HOST_OPT_REVIEW, "--review", o->session_path, 0);
			o->error.why = strerror(errno);
		} else {
			fclose(f);
		}
	}
	if (o->layout_json && !o->screenshot) mistake(o, W_HOST_OPT_LAYOUT_JSON, "--layout-json", NULL, 0);
	return o->error.id ? -1 : 0;
}

/* 1 if dir holds the program's files (its phone page). */
static int is_home(const char *dir)
{
	char probe[PLAT_PATH_MAX + 64];
	snprintf(probe, sizeof probe, "%s/participant-web/index.html", dir);
	return plat_is_file(probe);
}

/* Where the sessions go: home's sessions/ if it can be written there, else the user's. An
 * installed program (its files in share/medskapa) always uses the user's: even run by root it
 * does not write into /usr. */
static void find_sessions_dir(struct options *o, int installed)
{
	char data[PLAT_PATH_MAX];
	snprintf(o->sessions_dir, sizeof o->sessions_dir, "%s/sessions", o->home);
	if (!installed &&
	    (plat_is_dir(o->sessions_dir) ? plat_dir_writable(o->sessions_dir) : plat_dir_writable(o->home)))
		return;
	if (plat_data_dir(data, sizeof data) == 0)
		snprintf(o->sessions_dir, sizeof o->sessions_dir, "%s/sessions", data);
}

void options_find_home(struct options *o)
{
	char dir[PLAT_PATH_MAX], share[PLAT_PATH_MAX + 32];
	int installed = 0;
	strlcpy_m(o->home, ".", sizeof o->home);
	if (plat_exe_dir(dir, sizeof dir) == 0) {
		for (int up = 0; up < 3; up++) {
			snprintf(share, sizeof share, "%s/share/medskapa", dir);
			if (is_home(dir) || is_home(share)) {
				installed = !is_home(dir);
				strlcpy_m(o->home, installed ? share : dir, sizeof o->home);
				break;
			}
			char *slash = strrchr(dir, '/');
			if (!slash || slash == dir) break;
			*slash = '\0';
		}
	}
	snprintf(o->web_root, sizeof o->web_root, "%s/participant-web", o->home);
	snprintf(o->assets, sizeof o->assets, "%s/assets", o->home);
	find_sessions_dir(o, installed);
	if (o->bare) {
		snprintf(o->demo, sizeof o->demo, "%s/sessions/templates/demo-radrum.json", o->home);
		o->template_path = o->demo;
	}
}
