/* test_text.c: the board's text in every language of a rådrum: paragraphs split into runs of one
 * direction, script and font, in visual order (Unicode BiDi by fribidi); wrapping of
 * right-to-left and mixed lines; and, for every code point of the sample ideas, a font that
 * really has its glyph (no box). Needs SDL_ttf and the fonts of assets/fonts.txt, no window.
 * Run from the repository root. Prints the time to lay out and render a 280-character note. */
#include "text.h"
#include "bidi.h"
#include "util.h"

#include <SDL_ttf.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FONTS "assets/fonts.txt"
#define SAMPLES "tests/fixtures/multilingual-ideas.json"
#define PX 24

static struct text *T;

static void setup(void)
{
	char err[256];
	T = text_create(NULL, FONTS, err, sizeof err);
	ck_assert_msg(T != NULL, "text_create: %s", err);
}

static void teardown(void)
{
	text_destroy(T);
	T = NULL;
}

static struct text_style st_wrap(int wrap_w)
{
	struct text_style st = { TEXT_REGULAR, PX, { 0, 0, 0, 255 }, wrap_w, 0, TEXT_LEFT };
	return st;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ') return 0;
	return 1;
}

/* The runs of s as "line:R|L:Script:text" joined by " / ", left to right; runs of spaces
 * alone are left out and texts trimmed (where a space goes does not matter to a reader). */
static char *describe(const char *s, int wrap_w)
{
	struct text_style st = st_wrap(wrap_w);
	struct text_run *r;
	size_t n = text_runs(T, s, &st, &r);
	size_t cap = 64;
	for (size_t i = 0; i < n; i++) cap += strlen(r[i].text) + 32;
	char *out = xmalloc(cap);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (blank(r[i].text)) continue;
		const char *a = r[i].text;
		size_t len = strlen(a);
		while (*a == ' ') a++, len--;
		while (len && a[len - 1] == ' ') len--;
		size_t o = strlen(out);
		snprintf(out + o, cap - o, "%s%d:%c:%s:%.*s", o ? " / " : "", r[i].line, r[i].rtl ? 'R' : 'L',
		         r[i].script, (int)len, a);
	}
	text_runs_free(r, n);
	return out;
}

static void expect_runs(const char *s, int wrap_w, const char *want)
{
	char *got = describe(s, wrap_w);
	ck_assert_msg(strcmp(got, want) == 0, "runs of \"%s\"\n got: %s\nwant: %s", s, got, want);
	free(got);
}

/* The font file of the run holding the first occurrence of piece. */
static char *font_of_piece(const char *s, const char *piece)
{
	struct text_style st = st_wrap(0);
	struct text_run *r;
	size_t n = text_runs(T, s, &st, &r);
	char *f = NULL;
	for (size_t i = 0; i < n && !f; i++)
		if (strstr(r[i].text, piece)) f = xstrdup(r[i].font);
	text_runs_free(r, n);
	return f ? f : xstrdup("(none)");
}

START_TEST(arabic_with_latin_and_digits)
{
	/* Read right to left: the club's name and the time keep their own order in between. */
	expect_runs("نادي كرة القدم Båstad IF يبدأ الساعة 18:30 كل يوم ثلاثاء", 0,
	            "0:R:Arab:كل يوم ثلاثاء / 0:L:Latn:18:30 / 0:R:Arab:يبدأ الساعة / "
	            "0:L:Latn:Båstad IF / 0:R:Arab:نادي كرة القدم");
	expect_runs("نحتاج إلى مكان للقاء بعد المدرسة", 0, "0:R:Arab:نحتاج إلى مكان للقاء بعد المدرسة");
	/* numbers stay in order inside Arabic text; the brackets (from Noto Sans: the Arabic font
	 * has none) are shaped right to left, so mirrored: "(" is drawn on the right as ")" */
	expect_runs("من 17:00 إلى 19:30 (مجاناً)", 0,
	            "0:R:Arab:) / 0:R:Arab:مجاناً / 0:R:Arab:( / 0:L:Latn:19:30 / 0:R:Arab:إلى / 0:L:Latn:17:00 / 0:R:Arab:من");
	char *f = font_of_piece("نادي كرة القدم Båstad IF", "Båstad");
	ck_assert_msg(strstr(f, "NotoSans-Regular"), "Båstad drawn with %s", f);
	free(f);
	f = font_of_piece("نادي كرة القدم Båstad IF", "نادي");
	ck_assert_msg(strstr(f, "Arabic"), "Arabic drawn with %s", f);
	free(f);
}
END_TEST

START_TEST(persian_digits_and_zwnj)
{
	expect_runs("۳ جلسه در ماه در کتابخانه", 0, "0:R:Arab:جلسه در ماه در کتابخانه / 0:L:Arab:۳");
	/* the zero-width non-joiner stays inside the Persian run so it can break the joining */
	expect_runs("می‌خواهم ۳ بار", 0, "0:R:Arab:بار / 0:L:Arab:۳ / 0:R:Arab:می‌خواهم");
	expect_runs("کلاس زبان سوئدی برای مادران با مراقبت از کودکان", 0,
	            "0:R:Arab:کلاس زبان سوئدی برای مادران با مراقبت از کودکان");
}
END_TEST

START_TEST(tigrinya_and_latin_punctuation)
{
	expect_runs("ናይ ቋንቋ ትምህርቲ ንኹሉ።", 0, "0:L:Ethi:ናይ ቋንቋ ትምህርቲ ንኹሉ።");
	char *f = font_of_piece("ናይ ቋንቋ ትምህርቲ ንኹሉ።", "።");
	ck_assert_msg(strstr(f, "Ethiopic"), "። drawn with %s", f);
	free(f);
	/* NotoSansEthiopic has no ! or digits: they come from the next font that has them */
	expect_runs("ሰዓት 18:30!", 0, "0:L:Ethi:ሰዓት / 0:L:Ethi:18:30!");
	f = font_of_piece("ሰዓት 18:30!", "18:30!");
	ck_assert_msg(strstr(f, "NotoSans-Regular"), "18:30! drawn with %s", f);
	free(f);
}
END_TEST

START_TEST(left_to_right_languages)
{
	expect_runs("Läxhjälp på biblioteket för barn och föräldrar, två kvällar i veckan", 0,
	            "0:L:Latn:Läxhjälp på biblioteket för barn och föräldrar, två kvällar i veckan");
	expect_runs("Більше спортивних клубів для дітей і молоді", 0,
	            "0:L:Cyrl:Більше спортивних клубів для дітей і молоді");
	expect_runs("Waxaan u baahanahay shaqo iyo barashada luqadda", 0,
	            "0:L:Latn:Waxaan u baahanahay shaqo iyo barashada luqadda");
	/* Arabic inside a Swedish sentence: the paragraph stays left to right */
	expect_runs("Skylt vid entrén: مرحبا بكم – välkommen kl. 18:00", 0,
	            "0:L:Latn:Skylt vid entrén: / 0:R:Arab:مرحبا بكم / 0:L:Latn:– välkommen kl. 18:00");
	/* an emoji is drawn in colour from the pictogram font (or, without it, from a symbols
	 * font), never as a box */
	char *f = font_of_piece("Mer information på lätt svenska 👍", "👍");
	if (text_has_emoji(T)) ck_assert_msg(strstr(f, "NotoColorEmoji"), "👍 drawn with %s", f);
	else ck_assert_msg(strstr(f, "Symbols"), "👍 drawn with %s", f);
	free(f);
}
END_TEST

START_TEST(base_direction)
{
	struct text_style st = st_wrap(0);
	struct text_run *r;
	size_t n = text_runs(T, "18:30 نادي", &st, &r);  /* digits are weak: Arabic decides */
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(r[0].par_rtl, 1);
	text_runs_free(r, n);
	n = text_runs(T, "IF نادي", &st, &r);
	ck_assert_int_eq(r[0].par_rtl, 0);
	text_runs_free(r, n);
	n = text_runs(T, "12:00", &st, &r);               /* no strong character: left to right */
	ck_assert_int_eq(r[0].par_rtl, 0);
	text_runs_free(r, n);
}
END_TEST

/* Issue 15: a bidi control inside a user's text cannot reorder it or what follows it. Each of
 * LRE RLE PDF LRO RLO LRI RLI FSI PDI, left open in "abc?def 12:30", is gone: one left-to-right
 * paragraph whose runs read "abcdef 12:30" and as wide as the text without it. */
START_TEST(controls_cannot_reorder)
{
	static const char *const controls[] = {
		"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
		"\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",
	};
	struct text_style st = st_wrap(0);
	int plain = text_width(T, TEXT_REGULAR, st.px, "abcdef 12:30");
	for (size_t k = 0; k < sizeof controls / sizeof controls[0]; k++) {
		char s[64], seen[64] = "";
		snprintf(s, sizeof s, "abc%sdef 12:30", controls[k]);
		struct text_run *r;
		size_t n = text_runs(T, s, &st, &r);
		ck_assert_uint_gt(n, 0);
		for (size_t i = 0; i < n; i++) {
			ck_assert_msg(!r[i].rtl && !r[i].par_rtl, "control %zu: run \"%s\" is right to left", k, r[i].text);
			ck_assert_uint_lt(strlen(seen) + strlen(r[i].text), sizeof seen);
			strcat(seen, r[i].text);
		}
		ck_assert_msg(strcmp(seen, "abcdef 12:30") == 0, "control %zu: the runs read \"%s\"", k, seen);
		text_runs_free(r, n);
		ck_assert_int_eq(text_width(T, TEXT_REGULAR, st.px, s), plain);
	}
}
END_TEST

/* The board's own isolate around a title stays (the position before it is not moved by an
 * Arabic title); a stray PDI in the title cannot close it, an unclosed one is dropped. */
START_TEST(balanced_isolates_stay)
{
	struct text_style st = st_wrap(0);
	struct text_run *r;
	size_t n = text_runs(T, "1 / 3 \xC2\xB7 \xE2\x81\xA8نادي الشباب\xE2\x81\xA9", &st, &r);
	ck_assert_uint_gt(n, 1);
	ck_assert_int_eq(r[0].par_rtl, 0);          /* the isolate is skipped for the base direction */
	ck_assert(strncmp(r[0].text, "1 / 3", 5) == 0);   /* the position first, at the left */
	text_runs_free(r, n);
	n = text_runs(T, "\xE2\x81\xA8نادي\xE2\x80\xAE 18:30", &st, &r);   /* FSI never closed, RLO */
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(r[0].par_rtl, 1);          /* no isolate left: Arabic decides */
	for (size_t i = 0; i < n; i++) ck_assert_ptr_null(strstr(r[i].text, "\xE2\x81\xA8"));
	text_runs_free(r, n);
}
END_TEST

/* Lines of s wrapped at w: each within w, words intact and in logical order. */
static size_t check_wrap(const char *s, int w, int rtl)
{
	struct text_style st = st_wrap(w);
	struct text_run *r;
	size_t n = text_runs(T, s, &st, &r);
	int lines = 0, lw = 0, line = -1;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || r[i].line != line) {
			ck_assert_msg(lw <= w, "line %d of \"%s\" is %d px, wider than %d", line, s, lw, w);
			if (i == n) break;
			line = r[i].line;
			lines++;
			lw = 0;
		}
		ck_assert_int_eq(r[i].par_rtl, rtl);
		lw = r[i].x + r[i].w;
	}
	text_runs_free(r, n);
	int mw, mh;
	int ml = text_measure(T, s, &st, &mw, &mh);
	ck_assert_int_eq(ml, lines);
	if (rtl) ck_assert_int_eq(mw, w);  /* right-aligned in the whole width */
	return (size_t)lines;
}

/* A text wrapped at its own width stays one line: the board sizes its join card to the
 * address's width and then renders the address at that width (issue 16: an address broke after
 * "http://" on an Arabic board, where no other line was wider). */
START_TEST(fits_its_own_width)
{
	static const char *const texts[] = {
		"http://192.168.1.23:8080/", "http://10.0.0.5:8080/", "Inga telefoner anslutna än",
		"هنوز هیچ تلفنی وصل نیست", "Під'єднано 22 телефони", "Fikrad cusub oo ka timid looxa",
	};
	for (int px = 10; px <= 40; px++) {
		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			int w = 0, h = 0, w1, h1;
			struct text_style one = st_wrap(4000);
			one.px = px;
			ck_assert_int_eq(text_measure(T, texts[i], &one, &w, &h), 1);
			struct text_style own = one;
			own.wrap_w = w;
			ck_assert_msg(text_measure(T, texts[i], &own, &w1, &h1) == 1, "%s at %d px, wrapped at its width %d",
			              texts[i], px, w);
			ck_assert_int_eq(h1, h);
		}
	}
}
END_TEST

START_TEST(wrapping)
{
	const char *ar = "نحتاج إلى معلومات عن الأندية الرياضية والثقافية في المدينة باللغة العربية "
	                 "والسويدية، وإلى شخص يساعد الأسر الجديدة على التسجيل في النشاطات، مثلاً في "
	                 "IK Sirius أو في مكتبة Stadsbiblioteket كل يوم سبت من الساعة 10 إلى 12";
	ck_assert_uint_ge(check_wrap(ar, 300, 1), 5);
	ck_assert_uint_ge(check_wrap("Läxhjälp på biblioteket för barn och föräldrar, två kvällar i veckan",
	                             200, 0), 3);
	ck_assert_uint_ge(check_wrap("ናይ ቋንቋ ትምህርቲ ንኹሉ። ሰዓት 18:30!", 120, 0), 2);
	/* Break the Båstad sentence right after "Båstad IF": the first line is its right-to-left
	 * beginning, the club's name on its left; the time is on the next line, in order. */
	const char *bif = "نادي كرة القدم Båstad IF يبدأ الساعة 18:30 كل يوم ثلاثاء";
	int w = text_width(T, TEXT_REGULAR, PX, "نادي كرة القدم Båstad IF") + 4;
	char *got = describe(bif, w);
	const char *want = "0:L:Latn:Båstad IF / 0:R:Arab:نادي كرة القدم / ";
	ck_assert_msg(strncmp(got, want, strlen(want)) == 0, "wrapped at %d: %s", w, got);
	ck_assert_msg(strstr(got, "L:Latn:18:30") && !strstr(got, "0:L:Latn:18:30"), "wrapped: %s", got);
	free(got);
	/* a word wider than the line is cut, never lost */
	ck_assert_uint_ge(check_wrap("Stadsbiblioteketsföreningsverksamhet", 100, 0), 2);
	/* cut to two lines with an ellipsis at the end (the left end, right to left) */
	struct text_style st = st_wrap(300);
	st.max_lines = 2;
	struct text_run *r;
	size_t n = text_runs(T, ar, &st, &r);
	ck_assert_int_eq(r[n - 1].line, 1);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (r[i].line == 1 && strstr(r[i].text, "…")) found = (int)i + 1;
	ck_assert_msg(found == 1 || (found && blank(r[0].text)) || found > 0, "no ellipsis");
	ck_assert_msg(strstr(r[found - 1].text, "…") && r[found - 1].x < 40,
	              "the ellipsis of an Arabic text is at the left end (x %d)", r[found - 1].x);
	text_runs_free(r, n);
}
END_TEST

/* ---- every code point of the samples has a glyph in the font that draws it -------------- */

struct sample { char lang[8]; char *text; };

/* The ideas of the samples file: "lang" and "text" of each line (the file has one idea a line
 * and no escapes in its texts). */
static size_t load_samples(struct sample *out, size_t max)
{
	size_t len = 0, n = 0;
	char *buf = SDL_LoadFile(SAMPLES, &len);
	ck_assert_msg(buf != NULL, "cannot read %s (run from the repository root)", SAMPLES);
	for (char *p = buf; (p = strstr(p, "\"lang\": \"")) && n < max;) {
		p += 9;
		char *q = strchr(p, '"');
		char *tx = strstr(q, "\"text\": \"");
		ck_assert(q && tx);
		snprintf(out[n].lang, sizeof out[n].lang, "%.*s", (int)(q - p), p);
		tx += 9;
		char *e = strchr(tx, '"');
		out[n].text = xstrndup(tx, (size_t)(e - tx));
		n++;
		p = e;
	}
	SDL_free(buf);
	return n;
}

START_TEST(no_boxes_in_samples)
{
	struct sample sm[64];
	size_t ns = load_samples(sm, 64);
	ck_assert_uint_ge(ns, 11);
	const char *paths[32];
	TTF_Font *fonts[32];
	size_t nf = 0;
	char fails[4096] = "";
	for (size_t k = 0; k < ns; k++) {
		for (int face = 0; face < TEXT_FACES; face++) {
			struct text_style st = st_wrap(0);
			st.face = (enum text_face)face;
			struct text_run *r;
			size_t n = text_runs(T, sm[k].text, &st, &r);
			/* every drawn code point is in the font that draws it */
			for (size_t i = 0; i < n; i++) {
				size_t fi;
				for (fi = 0; fi < nf && strcmp(paths[fi], r[i].font); fi++) {}
				if (fi == nf) {
					ck_assert(nf < 32);
					paths[nf] = r[i].font;
					fonts[nf] = TTF_OpenFont(r[i].font, PX);
					ck_assert_msg(fonts[nf] != NULL, "cannot open %s", r[i].font);
					nf++;
				}
				const char *s = r[i].text;
				for (size_t off = 0, adv; s[off]; off += adv) {
					uint32_t c = utf8_decode(s + off, strlen(s + off), &adv);
					if (bidi_ignorable(c) || TTF_GlyphIsProvided32(fonts[fi], c)) continue;
					size_t o = strlen(fails);
					snprintf(fails + o, sizeof fails - o, "U+%04X (%s, %s) has no glyph in %s\n",
					         (unsigned)c, sm[k].lang, face ? "bold" : "regular", r[i].font);
				}
			}
			/* and every code point of the text is drawn (none dropped or replaced) */
			const char *s = sm[k].text;
			for (size_t off = 0, adv; s[off]; off += adv) {
				uint32_t c = utf8_decode(s + off, strlen(s + off), &adv);
				char one[5] = { 0 };
				memcpy(one, s + off, adv);
				int seen = c == ' ' || bidi_ignorable(c);
				for (size_t i = 0; i < n && !seen; i++) seen = strstr(r[i].text, one) != NULL;
				if (!seen) {
					size_t o = strlen(fails);
					snprintf(fails + o, sizeof fails - o, "U+%04X (%s, %s) is not drawn\n",
					         (unsigned)c, sm[k].lang, face ? "bold" : "regular");
				}
			}
			text_runs_free(r, n);
		}
		free(sm[k].text);
	}
	for (size_t i = 0; i < nf; i++) TTF_CloseFont(fonts[i]);
	ck_assert_msg(fails[0] == '\0', "missing glyphs:\n%s", fails);
}
END_TEST

START_TEST(placeholder_for_unknown)
{
	/* U+E000 (private use) is in no font of the chain: a dotted circle, not a box */
	ck_assert_int_lt(text_font_for(T, TEXT_REGULAR, 0xE000), 0);
	expect_runs("ab \xee\x80\x80 cd", 0, "0:L:Latn:ab ◌ cd");
}
END_TEST

/* ---- issue 18: emoji in colour ---------------------------------------------------------------- */

/* The runs of s drawn with the pictogram font: how many, their text joined, their width. */
static int emoji_runs(const char *s, char *text, size_t len, int *w)
{
	struct text_style st = st_wrap(0);
	struct text_run *r;
	size_t n = text_runs(T, s, &st, &r);
	int k = 0;
	text[0] = '\0';
	*w = 0;
	for (size_t i = 0; i < n; i++)
		if (strstr(r[i].font, "NotoColorEmoji")) {
			k++;
			*w += r[i].w;
			snprintf(text + strlen(text), len - strlen(text), "%s", r[i].text);
		}
	text_runs_free(r, n);
	return k;
}

/* Pixels of s rendered (black text) that are clearly coloured: a channel far from the others. */
static long coloured_pixels(const char *s, int *w, int *h)
{
	struct text_style st = st_wrap(0);
	SDL_Surface *sf = text_render_surface(T, s, &st, NULL);
	ck_assert_ptr_nonnull(sf);
	long n = 0;
	for (int y = 0; y < sf->h; y++) {
		const Uint32 *p = (const Uint32 *)(const void *)((const Uint8 *)sf->pixels + y * sf->pitch);
		for (int x = 0; x < sf->w; x++) {
			int a = (int)(p[x] >> 24), r = (int)(p[x] >> 16 & 255), g = (int)(p[x] >> 8 & 255), b = (int)(p[x] & 255);
			int hi = r > g ? (r > b ? r : b) : (g > b ? g : b), lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
			n += a > 128 && hi - lo > 60;
		}
	}
	*w = sf->w;
	*h = sf->h;
	SDL_FreeSurface(sf);
	return n;
}

START_TEST(emoji_in_colour)
{
	/* Debian's fonts-noto-color-emoji (DEB_RUN) is on the list: every pictogram draws from it */
	ck_assert_msg(text_has_emoji(T), "no colour emoji font: apt-get install fonts-noto-color-emoji");
	char text[128];
	int w = 0;
	ck_assert_int_eq(emoji_runs("Bostad \xf0\x9f\x8f\xa0", text, sizeof text, &w), 1);   /* 🏠 */
	ck_assert_str_eq(text, "\xf0\x9f\x8f\xa0");
	/* scaled from the 128-pixel strike to the text: about 1.2 em wide, like a wide letter */
	ck_assert_msg(w >= PX && w <= PX * 3 / 2, "🏠 is %d px wide at %d px", w, PX);
	int one = w;
	/* a sequence with joiners is one glyph: woman, ZWJ, laptop */
	ck_assert_int_eq(emoji_runs("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", text, sizeof text, &w), 1);
	ck_assert_str_eq(text, "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
	ck_assert_msg(w == one, "👩‍💻 is %d px wide, one emoji %d", w, one);
	/* a flag: two regional indicators, one glyph */
	ck_assert_int_eq(emoji_runs("\xf0\x9f\x87\xb8\xf0\x9f\x87\xaa", text, sizeof text, &w), 1);
	ck_assert_int_eq(w, one);
	/* the variation selector makes a pictogram of a text character (speaking head, heart) and
	 * stays with it; without it the heart is text */
	ck_assert_int_eq(emoji_runs("\xf0\x9f\x97\xa3\xef\xb8\x8f Spr\xc3\xa5k", text, sizeof text, &w), 1);
	ck_assert_str_eq(text, "\xf0\x9f\x97\xa3\xef\xb8\x8f");
	ck_assert_int_eq(emoji_runs("\xe2\x9d\xa4\xef\xb8\x8f", text, sizeof text, &w), 1);
	ck_assert_int_eq(emoji_runs("I \xe2\x9d\xa4 Malm\xc3\xb6", text, sizeof text, &w), 0);
	/* a keycap: digit, VS16, combining enclosing keycap */
	ck_assert_int_eq(emoji_runs("\x31\xef\xb8\x8f\xe2\x83\xa3", text, sizeof text, &w), 1);
	ck_assert_int_eq(w, one);
	/* what follows a pictogram is text again: digits and words are never drawn as emoji */
	ck_assert_int_eq(emoji_runs("\xf0\x9f\x8f\xa0 12 rum", text, sizeof text, &w), 1);
	ck_assert_str_eq(text, "\xf0\x9f\x8f\xa0");
	char *f = font_of_piece("\xf0\x9f\x8f\xa0 12 rum", "12 rum");
	ck_assert_msg(strstr(f, "NotoSans-Regular"), "12 rum drawn with %s", f);
	free(f);
	/* inside right-to-left text too */
	ck_assert_int_eq(emoji_runs("\xd8\xb3\xd9\x83\xd9\x86 \xf0\x9f\x8f\xa0", text, sizeof text, &w), 1);
	/* drawn in colour, as tall as the line allows */
	int sw, sh;
	long with = coloured_pixels("Bostad \xf0\x9f\x8f\xa0", &sw, &sh), without = coloured_pixels("Bostad", &sw, &sh);
	ck_assert_int_eq(without, 0);
	ck_assert_msg(with > PX * PX / 4, "🏠 has %ld coloured pixels", with);
	ck_assert_int_eq(sh, text_height(T, TEXT_REGULAR, PX, 1));
	ck_assert(text_can_draw(T, TEXT_BOLD, "\xf0\x9f\x8f\xa0"));
	ck_assert(!text_can_draw(T, TEXT_BOLD, "\xee\x80\x80"));
}
END_TEST

/* Without the pictogram font (an older list, or the package missing) an emoji no other font
 * has is a placeholder, never a box, and text_can_draw says so, so the board leaves a
 * category's pictogram out. */
START_TEST(emoji_without_the_font)
{
	char list[64], err[256];
	snprintf(list, sizeof list, "/tmp/test_text_fonts.XXXXXX");
	int fd = mkstemp(list);
	ck_assert_int_ge(fd, 0);
	FILE *out = fdopen(fd, "w"), *in = fopen(FONTS, "r");
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(in);
	char line[512];
	while (fgets(line, sizeof line, in))   /* the list without its "emoji" line */
		if (strncmp(line, "emoji", 5) != 0) fputs(line, out);
	fclose(in);
	fclose(out);
	struct text *t = text_create(NULL, list, err, sizeof err);
	unlink(list);
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert(!text_has_emoji(t));
	ck_assert(!text_can_draw(t, TEXT_BOLD, "\xf0\x9f\x90\xa2"));   /* 🐢 is in no other font */
	ck_assert(text_can_draw(t, TEXT_BOLD, "\xf0\x9f\x8f\xa0"));    /* 🏠 is, in black (Noto Sans Symbols 2) */
	ck_assert(text_can_draw(t, TEXT_BOLD, "Bostad"));
	struct text_style st = st_wrap(0);
	struct text_run *r;
	size_t n = text_runs(t, "Sakta \xf0\x9f\x90\xa2", &st, &r);
	ck_assert_uint_ge(n, 1);
	ck_assert_msg(strstr(r[n - 1].text, "\xe2\x97\x8c") != NULL, "the last run is \"%s\"", r[n - 1].text);
	text_runs_free(r, n);
	text_destroy(t);
}
END_TEST

/* ---- time to render a mixed 280-character note ------------------------------------------ */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

START_TEST(timing_280)
{
	const char *note = "نحتاج إلى معلومات عن الأندية الرياضية في المدينة باللغة العربية والسويدية، "
	                   "مثلاً في IK Sirius أو في Stadsbiblioteket كل يوم سبت من الساعة 10:00 إلى 12:30. "
	                   "Läxhjälp på biblioteket för barn och föräldrar, två kvällar i veckan – "
	                   "ናይ ቋንቋ ትምህርቲ ንኹሉ። ۳ جلسه در ماه";
	size_t cps = utf8_count(note, strlen(note));
	SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *ren = SDL_CreateSoftwareRenderer(target);
	ck_assert(ren != NULL);
	char err[256];
	struct text *t = text_create(ren, FONTS, err, sizeof err);
	ck_assert(t != NULL);
	struct text_style st = { TEXT_REGULAR, 24, { 0, 0, 0, 255 }, 280, 0, TEXT_LEFT };
	double t0 = now_ms();
	int w, h;
	int lines = text_measure(t, note, &st, &w, &h);
	double t1 = now_ms();
	const struct text_img *img = text_render(t, note, &st);
	double t2 = now_ms();
	ck_assert(img != NULL);
	const int reps = 1000;
	for (int i = 0; i < reps; i++) {
		ck_assert_ptr_eq(text_render(t, note, &st), img);
		text_draw(t, img, 10, 10, -1);
	}
	double t3 = now_ms();
	ck_assert_uint_eq(text_render_count(t), 1);
	/* A second note of the same kind once the fonts are open (what a new idea costs). */
	char *other = xstrdup(note);
	other[strlen(other) - 1] = '!';
	double t4 = now_ms();
	text_measure(t, other, &st, &w, &h);
	double t5 = now_ms();
	ck_assert(text_render(t, other, &st) != NULL);
	double t6 = now_ms();
	free(other);
	fprintf(stderr, "timing: %zu code points, %d lines at 24 px, 280 px wide: first note (fonts "
	        "opened): measure %.2f ms, render to texture %.2f ms; another note: measure %.2f ms, "
	        "render %.2f ms; cached lookup + draw of the texture %.1f us\n",
	        cps, lines, t1 - t0, t2 - t1, t5 - t4, t6 - t5, (t3 - t2) * 1e3 / reps);
	text_destroy(t);
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(target);
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("runs");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, arabic_with_latin_and_digits);
	tcase_add_test(tc, persian_digits_and_zwnj);
	tcase_add_test(tc, tigrinya_and_latin_punctuation);
	tcase_add_test(tc, left_to_right_languages);
	tcase_add_test(tc, base_direction);
	tcase_add_test(tc, controls_cannot_reorder);
	tcase_add_test(tc, balanced_isolates_stay);
	tcase_add_test(tc, wrapping);
	tcase_add_test(tc, fits_its_own_width);
	tcase_add_test(tc, no_boxes_in_samples);
	tcase_add_test(tc, placeholder_for_unknown);
	tcase_add_test(tc, emoji_in_colour);
	tcase_add_test(tc, emoji_without_the_font);
	suite_add_tcase(s, tc);
	TCase *tt = tcase_create("timing");
	tcase_set_timeout(tt, 60);
	tcase_add_test(tt, timing_280);
	suite_add_tcase(s, tt);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(text_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
