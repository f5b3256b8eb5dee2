/* options.h: the command line (struct options, options_parse) and the program's folder
 * (options_find_home). Reads argv, the environment's /proc/self/exe and the file system. */
#ifndef MEDSKAPA_OPTIONS_H
#define MEDSKAPA_OPTIONS_H

struct options {
	const char *session_path, *template_path, *screenshot, *layout_json, *join_url;
	int review;                 /* --review FILE: the board read-only over a saved session */
	int theme;                  /* --theme: 0 default, 1 high contrast (MEDSKAPA_BOARD_THEME, for
	                             * tests: high-contrast|default) */
	const char *lang;           /* --lang: the board's language; NULL: the meeting's */
	int start_page;             /* the board's first page of notes, from 0 (MEDSKAPA_BOARD_PAGE=N,
	                             * from 1, for tests) */
	int port, headless, fullscreen, width, height, max_phones, max_per_address;
	/* Not from the command line: the program's folder and what is in it (options_find_home). */
	char home[4096];            /* folder with participant-web/, assets/, sessions/ */
	char web_root[4200], assets[4200], sessions_dir[4200];
};

/* Fill *o from the command line (strings point into argv) and the two test settings named
 * above, the only environment the host reads besides the display's. --help and --version print and
 * exit(0); 0, or -1 after printing why (the caller exits with 2). Checks that a --review
 * file is readable. The folders are left empty: options_find_home fills them. */
int options_parse(int argc, char **argv, struct options *o);

/* The program's folder: where participant-web/ is, next to the binary (build/medskapa or
 * build/san/medskapa) or else the current folder, so it runs from anywhere. Fills o->home,
 * o->web_root, o->assets and o->sessions_dir; never fails. */
void options_find_home(struct options *o);

#endif
