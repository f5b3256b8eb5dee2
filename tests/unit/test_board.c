/* test_board.c: the board's cached drawings (notes, header and join card kept as textures)
 * never show something stale: a repaint from the caches is pixel for pixel the frame drawn
 * anew, and after a change (a note's text, the phones, the theme, the address) the frame is the
 * one a fresh board draws of the same view; and an idle board draws nothing. Real board objects, software renderer on SDL's
 * dummy driver; needs the fonts of assets/fonts.txt. Also: README.md's table of the board's keys
 * names exactly the keys of the board's key table, and the help overlay has a row for each.
 * Run from the repository root. */
#include "board-int.h"  /* the key table */
#include "board.h"
#include "store.h"
#include "theme.h"
#include "util.h"

#include <SDL_image.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIX "tests/board/fixtures/"
#define JOIN "http://192.168.1.23:8080/"

static char dir[64];
static const char *photo_dir;   /* boards opened see this photo folder (NULL: none) */

static void setup(void)
{
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	snprintf(dir, sizeof dir, "/tmp/test_board.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	SDL_Quit();
}

static struct session *load(const char *file)
{
	char err[256];
	uint64_t seq;
	struct session *s = store_load(file, &seq, err, sizeof err);
	ck_assert_msg(s != NULL, "%s: %s", file, err);
	return s;
}

static struct board *open_board(int w, int h, int theme)
{
	char err[256];
	struct board_config bc = { .width = w, .height = h, .offscreen = 1, .assets_dir = "assets", .theme = theme,
	                           .photo_dir = photo_dir };
	struct board *b = board_create(&bc, err, sizeof err);
	ck_assert_msg(b != NULL, "board_create: %s", err);
	return b;
}

static struct board_view view_of(const struct session *s, int phones)
{
	return (struct board_view){ .session = s, .join_url = JOIN, .phones = phones, .now_ms = 1795420800000LL };
}

/* The frame b draws of v, as a surface (written as PNG and read back). */
static SDL_Surface *frame(struct board *b, const struct board_view *v, const char *name)
{
	char path[128], err[256];
	snprintf(path, sizeof path, "%s/%s.png", dir, name);
	ck_assert_msg(board_screenshot(b, v, path, err, sizeof err) == 0, "screenshot: %s", err);
	SDL_Surface *s = IMG_Load(path);
	ck_assert_msg(s != NULL, "%s: %s", path, IMG_GetError());
	SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
	SDL_FreeSurface(s);
	ck_assert_ptr_nonnull(c);
	return c;
}

/* How many pixels of a and b differ; frees both. */
static long differ(SDL_Surface *a, SDL_Surface *b)
{
	ck_assert_int_eq(a->w, b->w);
	ck_assert_int_eq(a->h, b->h);
	long n = 0;
	for (int y = 0; y < a->h; y++) {
		const Uint8 *pa = (const Uint8 *)a->pixels + y * a->pitch, *pb = (const Uint8 *)b->pixels + y * b->pitch;
		for (int x = 0; x < a->w; x++) n += memcmp(pa + 3 * x, pb + 3 * x, 3) != 0;
	}
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	return n;
}

/* The frame a fresh board of the same size and theme draws of v. */
static SDL_Surface *fresh(int w, int h, int theme, const struct board_view *v)
{
	struct board *b = open_board(w, h, theme);
	SDL_Surface *f = frame(b, v, "fresh");
	board_destroy(b);
	return f;
}

static void repaint_case(const char *file, int w, int h, int theme)
{
	struct session *s = load(file);
	struct board *b = open_board(w, h, theme);
	struct board_view v = view_of(s, 0);
	SDL_Surface *first = frame(b, &v, "first");
	SDL_Surface *again = frame(b, &v, "again");  /* from the caches */
	long d = differ(first, again);
	ck_assert_msg(d == 0, "%s at %dx%d, theme %d: a repaint differs from the first frame in %ld pixels", file, w, h,
	              theme, d);
	board_invalidate(b);  /* a relayout with nothing changed keeps them too */
	SDL_Surface *relaid = frame(b, &v, "relaid");
	d = differ(relaid, fresh(w, h, theme, &v));
	ck_assert_msg(d == 0, "%s: a relayout differs from a fresh board in %ld pixels", file, d);
	board_destroy(b);
	session_free(s);
}

START_TEST(repaint_is_the_same_frame)
{
	repaint_case(FIX "radrum-12.json", 1280, 720, 0);
	repaint_case(FIX "radrum-12.json", 1280, 720, 1);
	repaint_case(FIX "meeting-grouped.json", 1280, 720, 0);
	repaint_case(FIX "meeting-grouped.json", 1920, 1080, 1);
	repaint_case(FIX "empty.json", 1280, 720, 0);
	repaint_case(FIX "radrum-100.json", 1920, 1080, 0);
	repaint_case(FIX "meeting-timer.json", 1280, 720, 0);
	/* issue 18: renderings under the text, photos (and placeholders), pictograms */
	repaint_case(FIX "voices-renderings.json", 1280, 720, 0);
	repaint_case(FIX "voices-pictos.json", 1280, 720, 1);
	repaint_case(FIX "voices-photos.json", 1280, 720, 0);   /* no photo folder: placeholders */
	photo_dir = FIX "voices-photos-photos";
	repaint_case(FIX "voices-photos.json", 1280, 720, 0);
	repaint_case(FIX "voices-photos.json", 1920, 1080, 1);
	photo_dir = NULL;
}
END_TEST


/* Change one letter of every idea of the current activity (same length, often the same size). */
static void edit_ideas(struct session *s)
{
	for (size_t i = 0; i < s->n_ideas; i++) {
		struct idea *d = &s->ideas[i];
		if (d->activity != s->current_activity) continue;
		for (char *p = d->text; *p; p++)
			if (*p == 'a') {
				*p = 'e';
				break;
			}
	}
	s->version++;
}

START_TEST(edited_notes_are_redrawn)
{
	struct session *s = load(FIX "radrum-12.json");
	struct board *b = open_board(1280, 720, 0);
	struct board_view v = view_of(s, 0);
	SDL_FreeSurface(frame(b, &v, "before"));
	edit_ideas(s);
	board_invalidate(b);
	SDL_Surface *after = frame(b, &v, "after");
	long d = differ(after, fresh(1280, 720, 0, &v));
	ck_assert_msg(d == 0, "after an edit the board differs from a fresh one in %ld pixels", d);
	board_destroy(b);
	session_free(s);
}
END_TEST

START_TEST(header_follows_the_view)
{
	struct session *s = load(FIX "radrum-12.json");
	struct board *b = open_board(1280, 720, 0);
	struct board_view v = view_of(s, 0);
	SDL_FreeSurface(frame(b, &v, "none"));
	v.phones = 7;  /* the phones line and its dot */
	SDL_Surface *seven = frame(b, &v, "seven");
	long d = differ(seven, fresh(1280, 720, 0, &v));
	ck_assert_msg(d == 0, "with 7 phones the board differs from a fresh one in %ld pixels", d);
	v.phones = 8;  /* the line alone */
	SDL_Surface *eight = frame(b, &v, "eight");
	d = differ(eight, fresh(1280, 720, 0, &v));
	ck_assert_msg(d == 0, "with 8 phones the board differs from a fresh one in %ld pixels", d);
	v.join_url = "http://10.0.0.5:8080/";  /* another address: another QR code */
	SDL_Surface *moved = frame(b, &v, "moved");
	d = differ(moved, fresh(1280, 720, 0, &v));
	ck_assert_msg(d == 0, "with another address the board differs from a fresh one in %ld pixels", d);
	board_destroy(b);
	session_free(s);

	s = load(FIX "empty.json");  /* the big join card */
	b = open_board(1280, 720, 0);
	v = view_of(s, 0);
	SDL_FreeSurface(frame(b, &v, "empty"));
	v.phones = 1;
	SDL_Surface *one = frame(b, &v, "one");
	d = differ(one, fresh(1280, 720, 0, &v));
	ck_assert_msg(d == 0, "empty board with a phone differs from a fresh one in %ld pixels", d);
	board_destroy(b);
	session_free(s);
}
END_TEST

START_TEST(theme_switch_redraws)
{
	struct session *s = load(FIX "meeting-grouped.json");
	struct board *b = open_board(1280, 720, 0);
	struct board_view v = view_of(s, 0);
	SDL_FreeSurface(frame(b, &v, "default"));
	SDL_Event key = { .key = { .type = SDL_KEYDOWN, .keysym = { .sym = SDLK_v } } };
	struct command cmd;
	board_handle_event(b, &key, &cmd);
	SDL_Surface *hc = frame(b, &v, "hc");
	long d = differ(hc, fresh(1280, 720, 1, &v));
	ck_assert_msg(d == 0, "after key v the board differs from a fresh high-contrast one in %ld pixels", d);
	board_destroy(b);
	session_free(s);
}
END_TEST

/* The B key: every table as a column for an activity that is not by_table, while the meeting
 * has tables; again: one list. A meeting without tables says so and changes nothing. */
START_TEST(tables_key_shows_columns)
{
	struct session *s = load(FIX "tables-plain.json");
	struct board *b = open_board(1280, 720, 0);
	struct board_view v = view_of(s, 0);
	SDL_Event key = { .key = { .type = SDL_KEYDOWN, .keysym = { .sym = SDLK_b } } };
	struct command cmd;
	SDL_FreeSurface(frame(b, &v, "plain"));
	ck_assert_int_eq(b->room.by_table, 0);
	ck_assert_uint_eq(b->room.n_groups, 0);
	ck_assert_int_eq(board_handle_event(b, &key, &cmd), BOARD_REDRAW);
	SDL_FreeSurface(frame(b, &v, "tables"));
	ck_assert_int_eq(b->room.by_table, 1);
	ck_assert_uint_eq(b->room.n_groups, 4);   /* every table, and no ideas at none */
	ck_assert_str_eq(b->room.groups[0].name, "Table 1");
	ck_assert_str_eq(b->room.groups[3].name, "Table 4");
	ck_assert_uint_eq(b->room.groups[0].n, 2);
	ck_assert_uint_eq(b->groups_placed, 4);
	for (size_t g = 1; g < 4; g++)   /* side by side: columns, not one under another */
		ck_assert_int_gt(b->lgroups[g].area.x, b->lgroups[g - 1].area.x);
	ck_assert_int_eq(b->room.can_group, 0);   /* no dragging notes into a table */
	board_handle_event(b, &key, &cmd);
	SDL_FreeSurface(frame(b, &v, "plain-again"));
	ck_assert_int_eq(b->room.by_table, 0);
	ck_assert_uint_eq(b->room.n_groups, 0);
	board_destroy(b);
	session_free(s);

	s = load(FIX "meeting-grouped.json");
	b = open_board(1280, 720, 0);
	v = view_of(s, 0);
	SDL_FreeSurface(frame(b, &v, "no-tables"));
	board_handle_event(b, &key, &cmd);
	SDL_FreeSurface(frame(b, &v, "no-tables-b"));
	ck_assert_int_eq(b->room.by_table, 0);
	ck_assert_str_eq(b->toast, "The meeting has no tables");
	board_destroy(b);
	session_free(s);
}
END_TEST

/* Draw until the board has nothing more to show (arrivals animate for a moment); how many
 * frames that took. */
static int settle(struct board *b, const struct board_view *v)
{
	int frames = 0;
	for (int i = 0; i < 200 && board_draw(b, v); i++) {
		frames++;
		SDL_Delay(5);
	}
	return frames;
}

/* Calm: with nothing changing the board draws no frame and asks to be woken for none, however
 * long it waits; a change draws one (and its short animation), then it is calm again. */
START_TEST(idle_board_draws_nothing)
{
	struct session *s = load(FIX "radrum-12.json");
	struct board *b = open_board(1280, 720, 0);
	struct board_view v = view_of(s, 3);
	ck_assert_int_ge(settle(b, &v), 1);
	for (int i = 0; i < 20; i++) {
		v.now_ms += 30000;   /* time passes: ten minutes, no timer running */
		ck_assert_int_eq(board_draw(b, &v), 0);
		ck_assert_int_eq(board_wake_ms(b, &v), 0);
	}
	v.phones = 4;
	ck_assert_int_ge(settle(b, &v), 1);
	ck_assert_int_eq(board_draw(b, &v), 0);
	edit_ideas(s);   /* a change in the session */
	board_invalidate(b);
	ck_assert_int_ge(settle(b, &v), 1);
	ck_assert_int_eq(board_draw(b, &v), 0);
	ck_assert_int_eq(board_wake_ms(b, &v), 0);
	board_destroy(b);
	session_free(s);

	/* A running timer: one frame when the shown second changes, none in between. */
	s = load(FIX "meeting-timer.json");
	b = open_board(1280, 720, 0);
	v = view_of(s, 3);
	v.now_ms = 1795464776000LL - 90000 + 300;   /* 1:29.7 left */
	settle(b, &v);
	int wake = board_wake_ms(b, &v);
	ck_assert_msg(wake > 0 && wake <= 1000, "wake in %d ms", wake);
	v.now_ms += 200;   /* still 1:30 shown */
	ck_assert_int_eq(board_draw(b, &v), 0);
	v.now_ms += 1000;  /* 1:29 */
	ck_assert_int_eq(board_draw(b, &v), 1);
	ck_assert_int_eq(board_draw(b, &v), 0);
	board_destroy(b);
	session_free(s);
}
END_TEST

/* Issue 18: a photo is read from its file once, however often the board lays out and draws;
 * a smaller size (the notes shrink) is made from the decoded copy, not from the file again. A
 * missing file and one that is no picture are tried once each and drawn as placeholders. */
START_TEST(photos_are_read_once)
{
	struct session *s = load(FIX "voices-photos.json");
	photo_dir = FIX "voices-photos-photos";
	struct board *b = open_board(1280, 720, 0);
	photo_dir = NULL;
	struct board_view v = view_of(s, 2);
	SDL_FreeSurface(frame(b, &v, "photos"));
	/* 3 pictures, 1 missing, 1 not a picture; the hidden idea's is not shown */
	ck_assert_uint_eq(b->photo_loads, 5);
	unsigned long renders = text_render_count(b->text);
	for (int i = 0; i < 5; i++) {
		board_invalidate(b);
		SDL_FreeSurface(frame(b, &v, "again"));
	}
	ck_assert_uint_eq(b->photo_loads, 5);
	ck_assert_uint_eq(text_render_count(b->text), renders);
	/* another size (a resized window): the photos are scaled again from memory */
	int w0 = b->lnotes[0].note.w;
	SDL_SetWindowSize(b->win, 1600, 900);
	board_invalidate(b);
	SDL_FreeSurface(frame(b, &v, "resized"));
	ck_assert_int_eq(b->h, 900);
	ck_assert_int_ne(b->lnotes[0].note.w, w0);
	ck_assert_uint_eq(b->photo_loads, 5);
	board_destroy(b);
	session_free(s);
}
END_TEST

/* Issue 18: the signals counter wakes the board only when its look changes (its fade steps
 * and its end), draws a frame then, and none in between; two minutes after the newest signal
 * it is gone and the board is calm again. */
START_TEST(signals_counter_fades_and_goes)
{
	struct session *s = load(FIX "voices-signals.json");
	int64_t now = 1795420800000LL;
	for (size_t i = 0; i < s->n_signals; i++) s->signals[i].last_ms = now - 20000 - (int64_t)i * 1000;
	struct board *b = open_board(1280, 720, 0);
	struct board_view v = view_of(s, 3);
	v.now_ms = now;
	ck_assert_int_ge(settle(b, &v), 1);
	ck_assert_ptr_nonnull(b->signals_img);
	int shown_w = b->frame.signals.w;
	ck_assert_int_gt(shown_w, 0);
	int frames = 0, wakes = 0;
	for (;;) {
		int wake = board_wake_ms(b, &v);
		if (wake == 0) break;
		ck_assert_int_le(wake, SIGNALS_SHOW_MS);
		ck_assert_int_eq(board_draw(b, &v), 0);   /* nothing until then */
		v.now_ms += wake - 1;
		ck_assert_int_eq(board_draw(b, &v), 0);
		v.now_ms += 1;
		frames += board_draw(b, &v);
		ck_assert_int_lt(++wakes, 50);
	}
	ck_assert_int_eq(frames, SIGNALS_LEVELS);   /* each fade step, the last one taking it away */
	ck_assert_int_eq(wakes, SIGNALS_LEVELS);
	ck_assert_ptr_null(b->signals_img);
	ck_assert_int_eq(b->frame.signals.w, 0);
	ck_assert_int_ge(v.now_ms - s->signals[0].last_ms, SIGNALS_SHOW_MS);
	for (int i = 0; i < 10; i++) {   /* calm */
		v.now_ms += 60000;
		ck_assert_int_eq(board_draw(b, &v), 0);
		ck_assert_int_eq(board_wake_ms(b, &v), 0);
	}
	/* a new signal: shown again at once, the frame the one a fresh board draws */
	s->signals[0].count[SIGNAL_SLOWER]++;
	s->signals[0].last_ms = v.now_ms;
	s->version++;
	ck_assert_int_ge(settle(b, &v), 1);
	ck_assert_int_gt(b->frame.signals.w, 0);
	long d = differ(frame(b, &v, "signal"), fresh(1280, 720, 0, &v));
	ck_assert_msg(d == 0, "with a new signal the board differs from a fresh one in %ld pixels", d);
	board_destroy(b);
	session_free(s);
}
END_TEST

/* A session with one open ideas activity and one idea by author (0: the facilitator) from
 * participant 1 named name; title, the activity's title and the idea's text as given. Written
 * to dir/file and loaded. */
static struct session *one_idea(const char *file, const char *title, const char *text, int author, const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "{\"format\":\"medskapa-session\",\"version\":2,\"title\":\"%s\",\"lang\":\"en\","
	           "\"created\":\"2026-11-23T17:00:00.000Z\",\"saved\":\"2026-11-23T17:30:00.000Z\",\"current_activity\":1,"
	           "\"activities\":[{\"id\":1,\"kind\":\"ideas\",\"title\":\"%s\",\"phase\":\"open\",\"prompt\":\"%s\","
	           "\"categories\":[],\"silent\":false}],"
	           "\"participants\":[{\"id\":1,\"token\":\"0123456789abcdef0123456789abcdef\",\"name\":\"%s\",\"lang\":\"en\","
	           "\"joined\":\"2026-11-23T17:01:00.000Z\"}],\"groups\":[],"
	           "\"ideas\":[{\"id\":1,\"activity\":1,\"author\":%d,\"text\":\"%s\",\"created\":\"2026-11-23T17:02:00.000Z\","
	           "\"category\":-1}],\"votes\":[],\"answers\":[],\"moderation\":[]}\n",
	        title, title, text, name, author, text);
	ck_assert_int_eq(fclose(f), 0);
	return load(path);
}

/* Pixels of exactly colour c in s; frees s. */
static long pixels_of(SDL_Surface *s, struct theme_rgb c)
{
	long n = 0;
	for (int y = 0; y < s->h; y++) {
		const Uint8 *p = (const Uint8 *)s->pixels + y * s->pitch;
		for (int x = 0; x < s->w; x++) n += p[3 * x] == c.r && p[3 * x + 1] == c.g && p[3 * x + 2] == c.b;
	}
	SDL_FreeSurface(s);
	return n;
}

/* Issue 15: the facilitator's note carries a drawn badge (a pill in the accent colour), which a
 * participant who calls themself "Facilitator" does not get. In both themes. */
START_TEST(facilitator_badge)
{
	int theme = _i;
	struct session *fac = one_idea("fac.json", "Meeting", "More light in the hall", 0, "Anna");
	struct session *imp = one_idea("imp.json", "Meeting", "More light in the hall", 1, "Facilitator");
	struct board *b = open_board(1280, 720, theme);
	struct board_view v = view_of(fac, 3);
	long with = pixels_of(frame(b, &v, "fac"), theme_table[theme].accent);
	board_destroy(b);
	b = open_board(1280, 720, theme);
	v = view_of(imp, 3);
	long without = pixels_of(frame(b, &v, "imp"), theme_table[theme].accent);
	board_destroy(b);
	ck_assert_msg(with - without > 300, "theme %d: the facilitator's note has %ld accent pixels more than a "
	              "participant's named Facilitator", theme, with - without);
	session_free(fac);
	session_free(imp);
}
END_TEST

/* Issue 15: an RLO left open in the session's title, the activity's title, an idea and a name
 * changes nothing on the board: the frame is the one of the same texts without it. */
START_TEST(controls_change_nothing)
{
	const char *rlo = "abc\xE2\x80\xAE" "def 12:30", *plain = "abcdef 12:30";
	struct session *a = one_idea("rlo.json", rlo, rlo, 1, rlo);
	struct session *p = one_idea("plain.json", plain, plain, 1, plain);
	struct board_view va = view_of(a, 2), vp = view_of(p, 2);
	long d = differ(fresh(1280, 720, 0, &va), fresh(1280, 720, 0, &vp));
	ck_assert_msg(d == 0, "an RLO in the texts changes %ld pixels", d);
	session_free(a);
	session_free(p);
}
END_TEST

/* ---- the keys: one table for the handler, the help overlay and the README ------------------- */

#define README_KEYS 64

/* The key names in README.md's table under "### Board keys": the first cell of each row, split
 * at "," and "/", backticks and spaces trimmed. Returns how many (at most README_KEYS). */
static size_t readme_keys(char names[README_KEYS][64])
{
	FILE *f = fopen("README.md", "r");
	ck_assert_msg(f != NULL, "README.md: run from the repository root");
	char line[2048];
	size_t n = 0;
	int in = 0, row = 0;
	while (fgets(line, sizeof line, f)) {
		if (!in) {
			in = strncmp(line, "### Board keys", 14) == 0;
			continue;
		}
		if (line[0] != '|') break;      /* the table ends */
		if (row++ < 2) continue;         /* "| key | does |" and "|---|---|" */
		char *end = strchr(line + 1, '|');
		ck_assert_ptr_nonnull(end);
		*end = '\0';
		for (char *tok = strtok(line + 1, ",/"); tok; tok = strtok(NULL, ",/")) {
			while (*tok == ' ' || *tok == '`') tok++;
			size_t len = strlen(tok);
			while (len > 0 && (tok[len - 1] == ' ' || tok[len - 1] == '`')) len--;
			ck_assert_uint_lt(n, README_KEYS);
			ck_assert_uint_lt(len, 64);
			memcpy(names[n], tok, len);
			names[n++][len] = '\0';
		}
	}
	fclose(f);
	ck_assert_msg(n > 0, "README.md has no table under \"### Board keys\"");
	return n;
}

START_TEST(readme_names_every_key)
{
	char names[README_KEYS][64];
	size_t n = readme_keys(names);
	for (size_t k = 0; k < board_n_keys; k++) {
		size_t i = 0;
		while (i < n && strcmp(names[i], board_keys[k].name) != 0) i++;
		ck_assert_msg(i < n, "key \"%s\" is not in README.md's table \"Board keys\"", board_keys[k].name);
	}
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < board_n_keys && strcmp(names[i], board_keys[k].name) != 0) k++;
		ck_assert_msg(k < board_n_keys, "README.md's \"Board keys\" names \"%s\", which the board does not have",
		              names[i]);
	}
}
END_TEST

/* Every help row has a key, and a key code or text does one thing. */
START_TEST(help_rows_and_keys_are_whole)
{
	enum help_row order[HELP_ROWS];
	ck_assert_uint_eq(board_help_order(order), HELP_ROWS);
	for (size_t k = 0; k < board_n_keys; k++) {
		const struct board_key *e = &board_keys[k];
		ck_assert_msg(e->act || (!e->sym && !e->text), "%s: a key without an action", e->name);
		for (size_t j = 0; j < k; j++) {
			ck_assert_msg(!e->sym || board_keys[j].sym != e->sym, "%s: its key code twice", e->name);
			ck_assert_msg(!e->text || !board_keys[j].text || strcmp(board_keys[j].text, e->text) != 0,
			              "%s: its text twice", e->name);
		}
	}
}
END_TEST

/* Issue 16: a refused command shows the phone's sentence for its code in the board's language,
 * with the limit filled in, not the model's English message; a code no phone sees keeps it. */
START_TEST(refusals_in_the_boards_language)
{
	struct session *s = one_idea("refused.json", "Möte", "Mer ljus i hallen", 1, "Anna");
	char err[256];
	struct board_config bc = { .width = 1280, .height = 720, .offscreen = 1, .assets_dir = "assets",
	                           .lang = "sv" };
	struct board *b = board_create(&bc, err, sizeof err);
	ck_assert_msg(b != NULL, "board_create: %s", err);
	struct board_view v = view_of(s, 1);
	board_draw(b, &v);
	struct session_result res = { .err = SERR_NOT_OPEN };
	snprintf(res.message, sizeof res.message, "The activity is not open.");
	board_command_done(b, &res);
	ck_assert_str_eq(b->toast, "Det här är inte öppet just nu.");
	res.err = SERR_TEXT_TOO_LONG;
	board_command_done(b, &res);
	ck_assert_str_eq(b->toast, "Din idé är för lång. Korta den till högst 280 tecken.");
	res.err = SERR_BAD_TOKEN;
	board_command_done(b, &res);
	ck_assert_str_eq(b->toast, "The activity is not open.");
	board_destroy(b);
	session_free(s);
}
END_TEST

static Suite *board_suite(void)
{
	Suite *s = suite_create("board");
	TCase *tc = tcase_create("caches");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, repaint_is_the_same_frame);
	tcase_add_test(tc, edited_notes_are_redrawn);
	tcase_add_test(tc, header_follows_the_view);
	tcase_add_test(tc, theme_switch_redraws);
	tcase_add_test(tc, tables_key_shows_columns);
	tcase_add_test(tc, idle_board_draws_nothing);
	tcase_add_test(tc, photos_are_read_once);
	tcase_add_test(tc, signals_counter_fades_and_goes);
	suite_add_tcase(s, tc);
	tc = tcase_create("issue 15");   /* text cannot reorder the board; the facilitator's mark */
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, facilitator_badge, 0, 2);
	tcase_add_test(tc, controls_change_nothing);
	tcase_add_test(tc, refusals_in_the_boards_language);
	suite_add_tcase(s, tc);
	tc = tcase_create("keys");
	tcase_add_test(tc, readme_names_every_key);
	tcase_add_test(tc, help_rows_and_keys_are_whole);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(board_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
