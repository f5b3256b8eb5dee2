/* test_theme.c: every text the board draws reads on its background, in both themes (WCAG
 * contrast: 4.5:1, 7:1 for note text and for all of the high-contrast theme), and the category
 * colours are told apart. Links only theme. */
#include "theme.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(contrast_ratio_known_values)
{
	struct theme_rgb black = { 0, 0, 0, 255 }, white = { 255, 255, 255, 255 }, grey = { 0x77, 0x77, 0x77, 255 };
	ck_assert_double_eq_tol(theme_contrast(black, white), 21.0, 0.01);
	ck_assert_double_eq_tol(theme_contrast(white, black), 21.0, 0.01);
	ck_assert_double_eq_tol(theme_contrast(grey, grey), 1.0, 0.001);
	ck_assert_double_eq_tol(theme_contrast(grey, white), 4.48, 0.01);  /* the classic #777 on white */
}
END_TEST

START_TEST(every_text_pair_reads_in_both_themes)
{
	struct theme_text_pair pairs[128];
	for (int t = 0; t < THEME_COUNT; t++) {
		const struct theme *th = &theme_table[t];
		size_t n = theme_text_pairs(th, t == 1, pairs, 128);
		ck_assert_uint_le(n, 128);
		ck_assert_uint_ge(n, 30);
		int notes = 0;
		for (size_t i = 0; i < n; i++) {
			double c = theme_contrast(pairs[i].fg, pairs[i].bg);
			ck_assert_msg(c >= pairs[i].min, "%s theme: %s: contrast %.2f < %.1f", th->name, pairs[i].what, c,
			              pairs[i].min);
			if (t == 1) ck_assert_msg(pairs[i].min >= 7.0, "%s: %s needs 7:1", th->name, pairs[i].what);
			if (strncmp(pairs[i].what, "note text", 9) == 0) {
				ck_assert_msg(c >= 7.0, "%s: %s %.2f", th->name, pairs[i].what, c);
				notes++;
			}
		}
		ck_assert_int_eq(notes, THEME_NOTE_COLOURS);
	}
}
END_TEST

/* Category colours told apart: no two alike in lightness and hue together; the label on each
 * is near-black or white, whichever reads. */
START_TEST(category_colours_distinct)
{
	for (int t = 0; t < THEME_COUNT; t++) {
		const struct theme *th = &theme_table[t];
		for (int i = 0; i < THEME_CATEGORY_COLOURS; i++)
			for (int j = 0; j < i; j++) {
				struct theme_rgb a = th->categories[i], b = th->categories[j];
				int d = abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b);
				ck_assert_msg(d >= 90 || theme_contrast(a, b) >= 1.5, "%s: categories %d and %d alike", th->name,
				              i, j);
			}
	}
}
END_TEST

static Suite *theme_suite(void)
{
	Suite *s = suite_create("theme");
	TCase *tc = tcase_create("themes");  /* issue 5: contrast of every text, colour-blind categories */
	tcase_add_test(tc, contrast_ratio_known_values);
	tcase_add_test(tc, every_text_pair_reads_in_both_themes);
	tcase_add_test(tc, category_colours_distinct);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(theme_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
