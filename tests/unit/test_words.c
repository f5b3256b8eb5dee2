/* test_words.c: the catalogue of words as the C side reads it. Every S_* id has its key in
 * every language (a plural id: every form the language's numbers need), the CLDR plural rule
 * gives the right form for 0, 1, 2, 5, 11 and 21 in each language, the forms come out of the
 * catalogue as written, and placeholders are filled. Runs from the repository root (reads
 * participant-web/i18n and assets/i18n). Links strings, util and cJSON. */
#include "words.h"
#include "util.h"

#include <check.h>
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *read_json(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char buf[1 << 20];
	size_t len = fread(buf, 1, sizeof buf, f);
	fclose(f);
	cJSON *root = cJSON_ParseWithLength(buf, len);
	ck_assert_msg(cJSON_IsObject(root), "%s is a JSON object", path);
	return root;
}

/* The two halves of lang's catalogue, as they are on disk. */
static cJSON *half(const char *dir, const char *lang)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s.json", dir, lang);
	return read_json(path);
}

static int has(const cJSON *web, const cJSON *host, const char *key)
{
	return cJSON_IsString(cJSON_GetObjectItemCaseSensitive(web, key)) ||
	       cJSON_IsString(cJSON_GetObjectItemCaseSensitive(host, key));
}

START_TEST(every_id_in_every_language)
{
	const char *lang = words_langs[_i];
	cJSON *web = half("participant-web/i18n", lang), *host = half("assets/i18n", lang);
	int missing = 0;
	for (int id = 0; id < W_COUNT; id++) {
		const char *key = words_key((enum word_id)id);
		if (!words_is_plural((enum word_id)id)) {
			if (!has(web, host, key)) {
				fprintf(stderr, "%s: missing %s\n", lang, key);
				missing++;
			}
			continue;
		}
		/* Every category the language's whole numbers fall in, and _other. */
		char k[160];
		snprintf(k, sizeof k, "%s_other", key);
		if (!has(web, host, k)) {
			fprintf(stderr, "%s: missing %s\n", lang, k);
			missing++;
		}
		for (long n = 0; n <= 1000; n++) {
			snprintf(k, sizeof k, "%s_%s", key, words_plural(lang, n));
			if (!has(web, host, k)) {
				fprintf(stderr, "%s: missing %s (for %ld)\n", lang, k, n);
				missing++;
				break;
			}
		}
	}
	ck_assert_int_eq(missing, 0);
	cJSON_Delete(web);
	cJSON_Delete(host);
}
END_TEST

/* No key in both halves: each word has one home. */
START_TEST(no_key_in_both_halves)
{
	const char *lang = words_langs[_i];
	cJSON *web = half("participant-web/i18n", lang), *host = half("assets/i18n", lang);
	const cJSON *it;
	cJSON_ArrayForEach(it, host)
		ck_assert_msg(!cJSON_GetObjectItemCaseSensitive(web, it->string),
		              "%s: %s is in both participant-web/i18n and assets/i18n", lang, it->string);
	cJSON_Delete(web);
	cJSON_Delete(host);
}
END_TEST

/* CLDR's categories for 0, 1, 2, 5, 11, 21 (unicode.org/cldr, plurals.xml). */
START_TEST(plural_categories)
{
	static const struct {
		const char *lang;
		const char *cat[6];
	} want[] = {
		{ "sv", { "other", "one", "other", "other", "other", "other" } },
		{ "en", { "other", "one", "other", "other", "other", "other" } },
		{ "so", { "other", "one", "other", "other", "other", "other" } },
		{ "fa", { "one", "one", "other", "other", "other", "other" } },
		{ "ti", { "one", "one", "other", "other", "other", "other" } },
		{ "ar", { "zero", "one", "two", "few", "many", "many" } },
		{ "uk", { "many", "one", "few", "many", "many", "one" } },
	};
	static const long counts[6] = { 0, 1, 2, 5, 11, 21 };
	ck_assert_int_eq((int)NELEM(want), WORDS_LANGS);
	for (size_t l = 0; l < NELEM(want); l++)
		for (int c = 0; c < 6; c++)
			ck_assert_msg(strcmp(words_plural(want[l].lang, counts[c]), want[l].cat[c]) == 0,
			              "%s %ld: %s, want %s", want[l].lang, counts[c],
			              words_plural(want[l].lang, counts[c]), want[l].cat[c]);
	ck_assert_str_eq(words_plural("ar", 100), "other");
	ck_assert_str_eq(words_plural("ar", 103), "few");
	ck_assert_str_eq(words_plural("uk", 111), "many");
	ck_assert_str_eq(words_plural("uk", 22), "few");
	ck_assert_str_eq(words_plural("de", 0), "other");
}
END_TEST

/* Each count gets the form its language's category names, with the number filled in: the
 * catalogue's text for that form, read straight from the file. */
START_TEST(counts_come_out_in_their_form)
{
	const char *lang = words_langs[_i];
	char err[256] = "";
	struct words *s = words_load(".", lang, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_str_eq(words_lang(s), lang);
	cJSON *host = half("assets/i18n", lang);
	static const long counts[] = { 0, 1, 2, 5, 11, 21 };
	for (size_t c = 0; c < NELEM(counts); c++) {
		long n = counts[c];
		char key[96], want[512], got[512];
		snprintf(key, sizeof key, "board_voted_%s", n == 0 ? "none" : words_plural(lang, n));
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(host, key);
		ck_assert_msg(cJSON_IsString(v), "%s: %s", lang, key);
		word_ni(want, sizeof want, v->valuestring, n, 0);
		word_n(got, sizeof got, s, W_BOARD_VOTED, n);
		ck_assert_str_eq(got, want);
		/* Without a _none form, 0 takes its category's form. */
		snprintf(key, sizeof key, "board_group_ideas_%s", words_plural(lang, n));
		v = cJSON_GetObjectItemCaseSensitive(host, key);
		ck_assert_msg(cJSON_IsString(v), "%s: %s", lang, key);
		word_ni(want, sizeof want, v->valuestring, n, 0);
		word_n(got, sizeof got, s, W_BOARD_GROUP_IDEAS, n);
		ck_assert_str_eq(got, want);
	}
	cJSON_Delete(host);
	words_free(s);
}
END_TEST

START_TEST(known_words)
{
	char err[256] = "", out[256];
	struct words *sv = words_load(".", "sv", err, sizeof err);
	ck_assert_msg(sv != NULL, "%s", err);
	/* The glossary: one Swedish word per concept. */
	ck_assert_str_eq(word(sv, W_FACILITATOR), "Mötesledare");
	ck_assert_str_eq(word(sv, W_KIND_VOTE), "Prickröstning");
	ck_assert_str_eq(word(sv, W_KIND_POLL), "Snabbfråga");
	ck_assert_str_eq(word(sv, W_PHASE_PREPARED), "Förberedd");
	ck_assert_str_eq(word(sv, W_PHASE_OPEN), "Öppen");
	ck_assert_str_eq(word(sv, W_PHASE_LOCKED), "Låst");
	ck_assert_str_eq(word(sv, W_PHASE_REVEALED), "Visas");
	ck_assert_str_eq(word_n(out, sizeof out, sv, W_BOARD_PHONES, 0), "Inga telefoner anslutna än");
	ck_assert_str_eq(word_n(out, sizeof out, sv, W_BOARD_PHONES, 1), "1 telefon ansluten");
	ck_assert_str_eq(word_n(out, sizeof out, sv, W_BOARD_PHONES, 12), "12 telefoner anslutna");
	words_free(sv);
	struct words *uk = words_load(".", "uk", err, sizeof err);
	ck_assert_msg(uk != NULL, "%s", err);
	ck_assert_str_eq(word_n(out, sizeof out, uk, W_BOARD_PHONES, 5), "Під'єднано 5 телефонів");
	ck_assert_str_eq(word_n(out, sizeof out, uk, W_BOARD_PHONES, 22), "Під'єднано 22 телефони");
	words_free(uk);
}
END_TEST

START_TEST(unknown_language_and_missing_files)
{
	char err[256] = "";
	ck_assert_ptr_null(words_load(".", "de", err, sizeof err));
	ck_assert_msg(strstr(err, "unknown language 'de'") != NULL, "%s", err);
	ck_assert_ptr_null(words_load("/nonexistent", "sv", err, sizeof err));
	ck_assert_msg(strstr(err, "cannot read the words for 'sv'") != NULL, "%s", err);
	ck_assert(words_known("ti"));
	/* A meeting's tag to the catalogue's language: the board and the terminal agree on it. */
	char lang[16];
	ck_assert_str_eq(words_lang_for("sv-SE", lang, sizeof lang), "sv");
	ck_assert_str_eq(words_lang_for("AR", lang, sizeof lang), "ar");
	ck_assert_str_eq(words_lang_for("de", lang, sizeof lang), "en");
	ck_assert_str_eq(words_lang_for(NULL, lang, sizeof lang), "en");
	ck_assert(!words_known("sv-SE"));
	ck_assert(!words_known(NULL));
}
END_TEST

START_TEST(placeholders)
{
	char out[64];
	const char *names[] = { "name", "n" }, *values[] = { "Amal", "3" };
	word_expand(out, sizeof out, "{name} has {n} dots, {who}?", 2, names, values);
	ck_assert_str_eq(out, "Amal has 3 dots, {who}?");
	ck_assert_str_eq(word_ni(out, sizeof out, "Sida {i} av {n}", 9, 2), "Sida 2 av 9");
	ck_assert_str_eq(word_ni(out, sizeof out, "{", 1, 2), "{");
	/* Cut to fit, always terminated, never inside a character. */
	char small[8];
	word_ni(small, sizeof small, "åååå{n}", 1, 0);
	ck_assert_str_eq(small, "ååå");
	word_ni(small, sizeof small, "ab{n}", 123456789, 0);
	ck_assert_str_eq(small, "ab12345");
}
END_TEST

/* The host's terminal lines: a sentence filled by name, a count in its form with {n}. */
START_TEST(host_lines_filled)
{
	char err[256] = "", out[512];
	struct words *sv = words_load(".", "sv", err, sizeof err);
	ck_assert_msg(sv != NULL, "%s", err);
	ck_assert_str_eq(word_fill(out, sizeof out, sv, W_HOST_RESUME_FAILED, "why", "x.json: not valid JSON", NULL),
	                 "kan inte fortsätta sessionen: x.json: not valid JSON");
	ck_assert_str_eq(word_fill(out, sizeof out, sv, W_HOST_JOIN, "interface", "wlan0", "url", "http://10.0.0.2:8080/", NULL),
	                 "Anslut (wlan0): http://10.0.0.2:8080/");
	ck_assert_str_eq(word_fill_n(out, sizeof out, sv, W_HOST_TAKEN_BACK, 1, NULL),
	                 "1 ändring kunde inte sparas och togs tillbaka");
	ck_assert_str_eq(word_fill_n(out, sizeof out, sv, W_HOST_RESUMED, 3, "file", "s.json", NULL),
	                 "Fortsätter s.json: 3 ändringar spelades upp från journalen");
	words_free(sv);
}
END_TEST

static Suite *words_suite(void)
{
	Suite *s = suite_create("words");
	TCase *tc = tcase_create("catalogue");   /* issue 16: one source of words */
	tcase_add_loop_test(tc, every_id_in_every_language, 0, WORDS_LANGS);
	tcase_add_loop_test(tc, no_key_in_both_halves, 0, WORDS_LANGS);
	tcase_add_test(tc, plural_categories);
	tcase_add_loop_test(tc, counts_come_out_in_their_form, 0, WORDS_LANGS);
	tcase_add_test(tc, known_words);
	tcase_add_test(tc, unknown_language_and_missing_files);
	tcase_add_test(tc, placeholders);
	tcase_add_test(tc, host_lines_filled);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(words_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
