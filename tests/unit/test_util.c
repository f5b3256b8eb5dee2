/* test_util.c: util's bidi cleaning and isolation of user text (what the reports and the board
 * wrap every user string in): every embedding, override and isolate control goes, marks stay,
 * each line is wrapped in FSI ... PDI of its own. Links only util: libc alone. */
#include "util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"
#define LRM "\xE2\x80\x8E"
#define RLM "\xE2\x80\x8F"
#define ALM "\xD8\x9C"

/* The nine controls as UTF-8: LRE RLE PDF LRO RLO, LRI RLI FSI PDI. */
static const char *const controls[] = {
	"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
	"\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",
};
#define N_CONTROLS (int)(sizeof controls / sizeof controls[0])

static void clean_is(const char *in, const char *want)
{
	char *got = utf8_bidi_clean(in);
	ck_assert_str_eq(got, want);
	free(got);
}

static void isolate_is(const char *in, const char *want)
{
	char *got = utf8_bidi_isolate(in);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(each_control_is_removed)
{
	const char *c = controls[_i];
	char in[64];
	/* at the start, in the middle, at the end, twice */
	snprintf(in, sizeof in, "%sabc%sdef 12:30%s%s", c, c, c, c);
	clean_is(in, "abcdef 12:30");
}
END_TEST

START_TEST(controls_by_code_point)
{
	for (uint32_t cp = 0x2000; cp < 0x2100; cp++)
		ck_assert_int_eq(utf8_is_bidi_control(cp), (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069));
	ck_assert(!utf8_is_bidi_control(0x200E));   /* LRM */
	ck_assert(!utf8_is_bidi_control(0x200F));   /* RLM */
	ck_assert(!utf8_is_bidi_control(0x61C));    /* ALM */
}
END_TEST

START_TEST(marks_and_text_stay)
{
	clean_is("", "");
	clean_is("Anna", "Anna");
	clean_is("a" LRM "b" RLM "c" ALM "d", "a" LRM "b" RLM "c" ALM "d");
	clean_is("نادي الشباب 18:30", "نادي الشباب 18:30");
	clean_is("Läxhjälp\nför alla", "Läxhjälp\nför alla");
	/* the other format characters are not bidi controls (the names' cleaning is elsewhere) */
	clean_is("a\xE2\x80\x8B" "b", "a\xE2\x80\x8B" "b");
	/* malformed bytes are copied as they are, even one that looks like NEL's second byte */
	clean_is("a\x85\xFF" "b", "a\x85\xFF" "b");
}
END_TEST

START_TEST(paragraph_separators_become_newlines)
{
	clean_is("a\xE2\x80\xA9" "b", "a\nb");     /* U+2029 */
	clean_is("a\xC2\x85" "b", "a\nb");         /* NEL */
	clean_is("a\x1C" "b\x1D" "c\x1E" "d", "a\nb\nc\nd");
	clean_is("a\xE2\x80\xA8" "b", "a\xE2\x80\xA8" "b");   /* U+2028 is a line, not a paragraph */
}
END_TEST

START_TEST(isolate_wraps_each_line)
{
	isolate_is("", "");
	isolate_is("Anna", FSI "Anna" PDI);
	isolate_is("abc\xE2\x80\xAE" "def 12:30", FSI "abcdef 12:30" PDI);
	isolate_is("a\nb", FSI "a" PDI "\n" FSI "b" PDI);
	isolate_is("a\r\nb\r", FSI "a" PDI "\r\n" FSI "b" PDI "\r");
	isolate_is("\n\na\n\n", "\n\n" FSI "a" PDI "\n\n");
	isolate_is("a\xE2\x80\xA9" "b", FSI "a" PDI "\n" FSI "b" PDI);
	/* only controls: nothing left to isolate */
	isolate_is("\xE2\x80\xAE\xE2\x81\xA9", "");
	/* a user's own FSI and PDI go, the wrapper's stay */
	isolate_is(FSI "x" PDI PDI "y", FSI "xy" PDI);
}
END_TEST

/* Whatever the input, the isolated form has no control but the wrapper's, and on each line
 * one FSI first and one PDI last. */
START_TEST(isolate_is_balanced_on_every_line)
{
	uint32_t seed = 12345;
	char in[256];
	for (int round = 0; round < 2000; round++) {
		size_t o = 0;
		while (o < sizeof in - 8) {
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			unsigned k = seed % 16;
			const char *piece = k < (unsigned)N_CONTROLS ? controls[k] : k == 9 ? "\n" : k == 10 ? "\r" : k == 11 ? "ن" : k == 12 ? " " : "a";
			size_t n = strlen(piece);
			memcpy(in + o, piece, n);
			o += n;
			if (seed % 7 == 0) break;
		}
		in[o] = '\0';
		char *got = utf8_bidi_isolate(in);
		const char *line = got;
		while (*line) {
			size_t n = strcspn(line, "\r\n");
			if (n) {
				ck_assert_msg(n >= 6 && memcmp(line, FSI, 3) == 0 && memcmp(line + n - 3, PDI, 3) == 0,
				              "round %d: a line not wrapped", round);
				for (size_t i = 3; i + 3 < n; i++) {
					size_t adv;
					uint32_t cp = utf8_decode(line + i, n - i, &adv);
					ck_assert_msg(!utf8_is_bidi_control(cp), "round %d: a control left inside", round);
				}
			}
			line += n;
			while (*line == '\r' || *line == '\n') line++;
		}
		free(got);
	}
}
END_TEST

/* One validator for the model and the network edge: the edge lets NUL through (the JSON layer
 * refuses it), the model does not; both refuse overlong forms, surrogates and cut sequences. */
START_TEST(one_utf8_validator)
{
	static const char nul[] = "a\0b";
	ck_assert(utf8_well_formed(nul, 3));
	ck_assert(!utf8_valid(nul, 3));
	const char *bad[] = { "\xC0\xAF", "\xED\xA0\x80", "\xE2\x82", "\xF4\x90\x80\x80", "\xFF" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert(!utf8_well_formed(bad[i], strlen(bad[i])));
		ck_assert(!utf8_valid(bad[i], strlen(bad[i])));
	}
	ck_assert(utf8_well_formed("Åsa \xE2\x80\x8B \xF0\x9F\x8F\xA0", strlen("Åsa \xE2\x80\x8B \xF0\x9F\x8F\xA0")));
}
END_TEST

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("bidi");   /* issue 15: text in the reports cannot reorder the report */
	tcase_add_loop_test(tc, each_control_is_removed, 0, N_CONTROLS);
	tcase_add_test(tc, controls_by_code_point);
	tcase_add_test(tc, marks_and_text_stay);
	tcase_add_test(tc, paragraph_separators_become_newlines);
	tcase_add_test(tc, isolate_wraps_each_line);
	tcase_add_test(tc, isolate_is_balanced_on_every_line);
	tcase_add_test(tc, one_utf8_validator);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(util_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
