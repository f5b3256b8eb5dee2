/* options.h: the command line (struct options, options_parse) and the program's folder
 * (options_find_home). Reads argv, the environment and the file system (through plat.h). */
#ifndef MEDSKAPA_OPTIONS_H
#define MEDSKAPA_OPTIONS_H

#include "words.h"

#include <stdio.h>

#define NO_PHONE_MS 60000  /* the board says what to check when no phone connected this long after start */

struct options {
	const char *session_path, *template_path, *screenshot, *layout_json, *join_url;
	int review;                 /* --review FILE: the board read-only over a saved session */
	int theme;                  /* --theme: 0 default, 1 high contrast (MEDSKAPA_BOARD_THEME, for
	                             * tests: high-contrast|default) */
	const char *lang;           /* --lang: the board's language; NULL: the meeting's */
	int start_page;             /* the board's first page of notes, from 0 (MEDSKAPA_BOARD_PAGE=N,
	                             * from 1, for tests) */
	int no_phone_ms;            /* how long without a phone before the board says what to check
	                             * (NO_PHONE_MS; MEDSKAPA_NO_PHONE_SECS=N for tests) */
	int port, headless, fullscreen, width, height, max_phones, max_per_address;
	int help, version;          /* --help, --version: main prints them and exits 0 */
	int bare;                   /* started with no arguments at all (a double-click, the desktop
	                             * menu): the demo meeting, as `make run` starts it */
	/* The first thing wrong on the command line (options_parse returned -1), for main to say
	 * in the chosen language: a W_HOST_OPT_* id and the option and value it is about. */
	struct options_error {
		enum word_id id;
		const char *option, *value, *why;
		int usage;              /* an unknown option: the usage follows */
	} error;
	/* Not from the command line: the program's folder and what is in it (options_find_home). */
	char home[4096];            /* folder with participant-web/, assets/, sessions/ */
	char web_root[4200], assets[4200], sessions_dir[4200], demo[4200];
};

/* Fill *o from the command line (strings point into argv) and the three test settings named
 * above, the only environment the host reads besides the display's. Prints nothing: 0, or -1
 * with o->error filled (the caller says it, options_say_error, and exits with 2); the whole
 * line is read either way, so a --lang after the mistake still chooses the language it is
 * said in. Checks that a --review file is readable. The folders are left empty:
 * options_find_home fills them. */
int options_parse(int argc, char **argv, struct options *o);

/* The program's folder: where participant-web/ is, found from the binary's own folder up to
 * two levels above it (build/medskapa, build/san/medskapa; medskapa.exe in an unzipped folder),
 * or in share/medskapa beside them (/usr/bin/medskapa and /usr/share/medskapa), else the
 * current folder, so it runs from anywhere. Sessions go to its sessions/ when that can be
 * written, else to the user's data folder (plat_data_dir: ~/.local/share/medskapa/sessions,
 * %LOCALAPPDATA%\Medskapa\sessions). Started bare, the demo template is the meeting. Fills
 * o->home, o->web_root, o->assets, o->sessions_dir (and o->template_path); never fails. */
void options_find_home(struct options *o);

/* Say o->error on stderr in w's language (and the usage after an unknown option). */
void options_say_error(const struct options *o, const struct words *w);

/* The --help text in w's language, to f. */
void options_usage(FILE *f, const struct words *w);

#endif
