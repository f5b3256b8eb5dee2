/* test_board_view.c: what the room sees, decided without a window: board-view.c linked with the
 * model, the words and the session files alone (no SDL: its Makefile line proves it). From the
 * board fixtures (tests/board/fixtures, the same sessions board.test.js draws): the mode of an
 * empty agenda, an open ideas activity, a silent one before and after reveal, a vote before and
 * after reveal, two polls; the banners in Swedish and English; and when the view has changed.
 * Run from the repository root. */
#include "board-view.h"
#include "session.h"
#include "store.h"
#include "words.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/board/fixtures/"
#define JOIN "http://192.168.1.23:8080/"
#define NOW 1795420800000LL   /* the board tests' clock */

static struct words *sv, *en;

static void setup(void)
{
	char err[256];
	sv = words_load(".", "sv", err, sizeof err);
	ck_assert_msg(sv != NULL, "%s", err);
	en = words_load(".", "en", err, sizeof err);
	ck_assert_msg(en != NULL, "%s", err);
}

static void teardown(void)
{
	words_free(sv);
	words_free(en);
}

static struct session *load(const char *name)
{
	char path[256], err[256];
	uint64_t seq = 0;
	snprintf(path, sizeof path, FIX "%s", name);
	struct session *s = store_load(path, &seq, err, sizeof err);
	ck_assert_msg(s != NULL, "%s: %s", path, err);
	return s;
}

static struct board_view view_of(const struct session *s, int phones)
{
	return (struct board_view){ .session = s, .join_url = JOIN, .phones = phones, .now_ms = NOW };
}

/* A facilitator command on the current activity; it must succeed. */
static void apply(struct session *s, enum cmd_type type, int64_t n, const char *text)
{
	struct command c = { .type = type, .at_ms = NOW, .facilitator = 1, .n = n, .text = text };
	struct session_result res;
	ck_assert_int_eq(session_apply(s, &c, &res), 0);
	ck_assert_int_eq(res.err, SERR_OK);
}

START_TEST(empty_agenda_and_no_ideas)
{
	struct room_view r = { .words = en };
	struct session *s = session_new("Tomt", "sv", NOW);
	struct board_view v = view_of(s, 0);
	ck_assert_ptr_null(board_view_update(&r, &v));
	ck_assert_int_eq(r.mode, MODE_JOIN);
	ck_assert_uint_eq(r.act_id, 0);
	ck_assert_int_eq(r.n_acts, 0);
	ck_assert_int_eq(r.timer_state, TIMER_NONE);
	ck_assert_str_eq(r.timer_text, "");
	ck_assert_str_eq(r.banner_text, "");
	ck_assert_str_eq(r.empty_msg, word(en, W_BOARD_EMPTY_TITLE));
	session_free(s);

	/* an ideas activity with no ideas yet: the join card, the invitation to post */
	s = load("empty.json");
	v = view_of(s, 0);
	ck_assert_ptr_nonnull(board_view_update(&r, &v));
	ck_assert_int_eq(r.mode, MODE_JOIN);
	ck_assert_int_eq(r.act_index, 1);
	ck_assert_int_eq(r.n_acts, 1);
	ck_assert_uint_eq(r.n_items, 0);
	ck_assert_str_eq(r.empty_msg_hint, word(en, W_BOARD_EMPTY_HINT));
	session_free(s);
	board_room_free(&r);
}
END_TEST

START_TEST(open_ideas_and_groups)
{
	struct room_view r = { .words = en };
	struct session *s = load("i18n-mixed.json");
	struct board_view v = view_of(s, 0);
	const struct activity *a = board_view_update(&r, &v);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->phase, PHASE_OPEN);
	ck_assert_int_eq(r.mode, MODE_NOTES);
	ck_assert_uint_eq(r.n_items, 8);
	ck_assert_int_eq(r.can_group, 1);
	ck_assert_str_eq(r.banner_text, "");
	/* the facilitator's own idea: the badge, not a name */
	apply(s, CMD_IDEA_POST, -1, "Från tavlan");
	board_view_update(&r, &v);
	ck_assert_uint_eq(r.n_items, 9);
	ck_assert_str_eq(r.items[8].text, "Från tavlan");
	ck_assert_int_eq(r.items[8].facilitator, 1);
	ck_assert_str_eq(r.items[8].author, word(en, W_FACILITATOR));
	session_free(s);

	/* grouped ideas, one hidden and one merged: 17 shown, the 11 grouped ones first */
	s = load("meeting-grouped.json");
	v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_NOTES);
	ck_assert_uint_eq(r.n_items, 17);
	ck_assert_uint_eq(r.n_groups, 3);
	ck_assert_uint_eq(r.n_grouped, 11);
	size_t in_groups = 0;
	for (size_t g = 0; g < r.n_groups; g++) in_groups += r.groups[g].n;
	ck_assert_uint_eq(in_groups, 11);
	for (size_t i = 0; i < r.n_items; i++) ck_assert_int_eq(r.items[i].group != 0, i < r.n_grouped);
	for (size_t i = 0; i < s->n_ideas; i++) {   /* the hidden and the merged idea are not there */
		const struct idea *d = &s->ideas[i];
		if (d->activity != 1 || !(d->hidden || d->merged_into)) continue;
		for (size_t j = 0; j < r.n_items; j++) ck_assert_uint_ne(r.items[j].id, d->id);
	}
	session_free(s);
	board_room_free(&r);
}
END_TEST

START_TEST(silent_before_and_after_reveal)
{
	struct room_view r = { .words = sv };
	struct session *s = load("meeting-silent.json");
	struct board_view v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_SILENT);
	ck_assert_uint_eq(r.silent_n, 14);
	ck_assert_int_eq(r.silent_answers, 0);
	ck_assert_uint_eq(r.n_items, 0);
	ck_assert_int_eq(r.timer_state, TIMER_PAUSED);   /* 265 s left */
	ck_assert_str_eq(r.timer_text, "04:25");
	ck_assert_int_eq(r.timer_left, 265000);
	apply(s, CMD_PHASE, PHASE_REVEALED, NULL);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_NOTES);
	ck_assert_uint_eq(r.n_items, 14);
	ck_assert_uint_eq(r.silent_n, 0);
	session_free(s);
	board_room_free(&r);
}
END_TEST

START_TEST(vote_before_reveal)
{
	struct room_view r = { .words = sv };
	struct session *s = load("meeting-vote-open.json");
	struct board_view v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.act_kind, ACTIVITY_VOTE);
	ck_assert_int_eq(r.mode, MODE_NOTES);   /* the items to vote on, no results */
	ck_assert_uint_eq(r.n_items, 17);
	ck_assert_uint_eq(r.n_rows, 0);
	ck_assert_int_eq(r.chart_bars, 0);
	ck_assert_int_eq(r.can_group, 0);
	ck_assert_str_eq(r.banner_text, "10 personer har röstat \xc2\xb7 5 prickar var \xc2\xb7 resultatet visas när det avslöjas");
	ck_assert_str_eq(r.empty_msg, word(sv, W_BOARD_NO_ITEMS));
	ck_assert_ptr_null(r.empty_msg_hint);
	r.words = en;
	board_view_update(&r, &v);
	ck_assert_str_eq(r.banner_text, "10 people have voted \xc2\xb7 5 dots each \xc2\xb7 results are shown when revealed");
	/* too many to show as notes: the same items as a list, no ranks */
	board_items_to_rows(&r);
	ck_assert_uint_eq(r.n_rows, 17);
	for (size_t i = 0; i < r.n_rows; i++) {
		ck_assert_uint_eq(r.rows[i].item, r.items[i].id);
		ck_assert_str_eq(r.rows[i].text, r.items[i].text);
		ck_assert_str_eq(r.rows[i].rank_label, "");
		ck_assert_str_eq(r.rows[i].count_label, "");
	}
	session_free(s);
	board_room_free(&r);
}
END_TEST

START_TEST(vote_after_reveal)
{
	struct room_view r = { .words = sv };
	struct session *s = load("meeting-vote-revealed.json");
	struct board_view v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_CHART);
	ck_assert_int_eq(r.chart_bars, 1);
	ck_assert_uint_eq(r.n_rows, 9);      /* the ideas with dots, ranked */
	ck_assert_uint_eq(r.undotted, 8);    /* the other 8 of 17, counted */
	ck_assert_str_eq(r.banner_text, "10 personer har röstat \xc2\xb7 8 idéer utan prickar");
	/* 11, 8, 8, 6 dots: ranks 1, 2, 2, 4, the two 8s a tie */
	const int counts[] = { 11, 8, 8, 6 }, ranks[] = { 1, 2, 2, 4 }, ties[] = { 0, 1, 1, 0 };
	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(r.rows[i].count, counts[i]);
		ck_assert_int_eq(r.rows[i].rank, ranks[i]);
		ck_assert_int_eq(r.rows[i].tie, ties[i]);
		char want[16];
		snprintf(want, sizeof want, "%d", ranks[i]);
		ck_assert_str_eq(r.rows[i].rank_label, want);
		snprintf(want, sizeof want, "%d", counts[i]);
		ck_assert_str_eq(r.rows[i].count_label, want);
	}
	r.words = en;
	board_view_update(&r, &v);
	ck_assert_str_eq(r.banner_text, "10 people have voted \xc2\xb7 8 ideas without dots");
	session_free(s);
	board_room_free(&r);
}
END_TEST

START_TEST(polls)
{
	struct room_view r = { .words = en };
	/* a scale poll revealed: five rows in order 1 to 5, counts and shares of 12 answers */
	struct session *s = load("meeting-poll.json");
	struct board_view v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.act_kind, ACTIVITY_POLL);
	ck_assert_int_eq(r.mode, MODE_CHART);
	ck_assert_int_eq(r.chart_bars, 1);
	ck_assert_int_eq(r.markers, 0);
	ck_assert_uint_eq(r.n_rows, 5);
	int total = 0;
	for (size_t i = 0; i < r.n_rows; i++) {
		ck_assert_uint_eq(r.rows[i].item, i + 1);
		ck_assert_ptr_null(r.rows[i].text);
		char want[40];
		snprintf(want, sizeof want, "%zu", i + 1);
		ck_assert_str_eq(r.rows[i].rank_label, want);
		snprintf(want, sizeof want, "%d \xc2\xb7 %d%%", r.rows[i].count, (r.rows[i].count * 100 + 6) / 12);
		ck_assert_str_eq(r.rows[i].count_label, want);
		total += r.rows[i].count;
	}
	ck_assert_int_eq(total, 12);
	ck_assert_str_eq(r.banner_text, "12 answers");
	session_free(s);

	/* a single-choice poll open: its three choices with round markers, no counts */
	s = load("meeting-poll-open.json");
	v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_CHART);
	ck_assert_int_eq(r.chart_bars, 0);
	ck_assert_int_eq(r.markers, 1);
	ck_assert_uint_eq(r.n_rows, 3);
	ck_assert_str_eq(r.rows[0].text, "Ett nytt rådrum i vår");
	for (size_t i = 0; i < r.n_rows; i++) ck_assert_str_eq(r.rows[i].count_label, "");
	ck_assert_str_eq(r.banner_text, "7 answers \xc2\xb7 choose one on your phone");
	r.words = sv;
	board_view_update(&r, &v);
	ck_assert_str_eq(r.banner_text, "7 svar \xc2\xb7 välj ett på telefonen");
	session_free(s);
	board_room_free(&r);
}
END_TEST

START_TEST(view_changed)
{
	struct room_view r = { .words = en };
	struct session *s = load("meeting-timer.json");
	const struct activity *a = session_current(s);
	ck_assert_int_eq(a->timer.running, 1);
	int64_t now = a->timer.ends_ms - 150000;    /* 2:30 left */
	struct board_view v = view_of(s, 3);
	v.now_ms = now;
	ck_assert_int_eq(board_view_changed(&r, &v, 0), 1);   /* nothing remembered yet */
	board_view_update(&r, &v);
	ck_assert_int_eq(r.timer_state, TIMER_RUNNING);
	ck_assert_str_eq(r.timer_text, "02:30");
	board_remember_view(&r, &v);
	ck_assert_int_eq(board_view_changed(&r, &v, 0), 0);   /* the same view */
	ck_assert_int_eq(board_view_changed(&r, &v, 1), 0);

	struct board_view w = v;
	w.phones = 4;
	ck_assert_int_eq(board_view_changed(&r, &w, 0), 1);
	w = v;
	w.now_ms = now + 400;   /* still 02:30 on the board */
	ck_assert_int_eq(board_view_changed(&r, &w, 0), 0);
	w.now_ms = now + 1000;  /* 02:29 */
	ck_assert_int_eq(board_view_changed(&r, &w, 0), 1);
	w = v;
	w.notice = "disk full";
	ck_assert_int_eq(board_view_changed(&r, &w, 0), 1);
	w.notice = "";          /* an empty notice is none */
	ck_assert_int_eq(board_view_changed(&r, &w, 0), 0);
	w = v;
	w.join_url = "http://10.0.0.2:8080/";
	ck_assert_int_eq(board_view_changed(&r, &w, 0), 1);
	w = v;
	w.facilitator_url = JOIN "#key=abc";   /* matters only while it is on screen */
	ck_assert_int_eq(board_view_changed(&r, &w, 0), 0);
	ck_assert_int_eq(board_view_changed(&r, &w, 1), 1);

	/* the session changed: its version moved on */
	uint64_t version = s->version;
	apply(s, CMD_TIMER_PAUSE, 0, NULL);
	ck_assert_uint_ne(s->version, version);
	ck_assert_int_eq(board_view_changed(&r, &v, 0), 1);
	board_view_update(&r, &v);
	board_remember_view(&r, &v);
	ck_assert_int_eq(board_view_changed(&r, &v, 0), 0);
	ck_assert_int_eq(r.timer_state, TIMER_PAUSED);

	/* another session, even an equal one */
	struct session *t = load("meeting-timer.json");
	w = v;
	w.session = t;
	ck_assert_int_eq(board_view_changed(&r, &w, 0), 1);
	session_free(t);
	session_free(s);
	board_room_free(&r);
}
END_TEST

static Suite *board_view_suite(void)
{
	Suite *s = suite_create("board_view");
	TCase *tc = tcase_create("what the room sees");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, empty_agenda_and_no_ideas);
	tcase_add_test(tc, open_ideas_and_groups);
	tcase_add_test(tc, silent_before_and_after_reveal);
	tcase_add_test(tc, vote_before_reveal);
	tcase_add_test(tc, vote_after_reveal);
	tcase_add_test(tc, polls);
	tcase_add_test(tc, view_changed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(board_view_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
