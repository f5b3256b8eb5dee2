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

/* ---- issue 18: every voice in the room ------------------------------------------------------ */

static const struct item *item_of(const struct room_view *r, uint32_t id)
{
	for (size_t i = 0; i < r->n_items; i++)
		if (r->items[i].id == id) return &r->items[i];
	return NULL;
}

/* A note carries the rendering in the meeting's language (sv), not one in another language,
 * and never instead of its own text. */
START_TEST(renderings_in_the_meetings_language)
{
	struct room_view r = { .words = en };
	struct session *s = load("voices-renderings.json");
	struct board_view v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_NOTES);
	ck_assert_uint_eq(r.n_items, 6);
	const struct item *ti = item_of(&r, 1), *ar = item_of(&r, 2), *fa = item_of(&r, 5);
	ck_assert_ptr_nonnull(ti);
	ck_assert_str_eq(ti->text, "ናይ ቋንቋ ትምህርቲ ንወለዲ ምስ ሕጻናት ኣብ ሓደ ግዜ");
	ck_assert_str_eq(ti->rendering, "Språkkurs för föräldrar samtidigt som barnen har aktivitet");
	ck_assert_str_eq(ti->rendering_lang, "sv");
	ck_assert_str_eq(ar->rendering, "Vi behöver information om föreningarna på arabiska");   /* not the English one */
	ck_assert_ptr_null(fa->rendering);
	ck_assert_ptr_null(item_of(&r, 3)->rendering);   /* written in Swedish */
	/* an English meeting shows the English rendering, and none where there is none */
	snprintf(s->lang, sizeof s->lang, "en");
	s->version++;
	board_view_update(&r, &v);
	ck_assert_str_eq(item_of(&r, 2)->rendering, "We need information about the clubs in Arabic");
	ck_assert_ptr_null(item_of(&r, 1)->rendering);
	session_free(s);
	board_room_free(&r);
}
END_TEST

/* Photo ideas are notes like any other (in their groups, in a vote's notes, in its ranking with
 * their file); a hidden one is not on the board. */
START_TEST(photo_ideas_are_notes)
{
	struct room_view r = { .words = en };
	struct session *s = load("voices-photos.json");
	struct board_view v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_NOTES);
	ck_assert_uint_eq(r.n_items, 6);   /* idea 7 is hidden */
	ck_assert_ptr_null(item_of(&r, 7));
	ck_assert_uint_eq(r.n_groups, 2);
	const struct item *house = item_of(&r, 2);
	ck_assert_ptr_nonnull(house);
	ck_assert_uint_eq(house->group, 1);
	ck_assert_str_eq(house->text, "");
	ck_assert_ptr_nonnull(house->photo);
	ck_assert_int_eq(house->photo_w, 360);
	ck_assert_int_eq(house->photo_h, 480);
	ck_assert_ptr_null(item_of(&r, 3)->photo);
	char house_photo[SESSION_PHOTO_NAME_MAX + 1];
	snprintf(house_photo, sizeof house_photo, "%s", house->photo);
	/* the vote on them shows them as notes with their photos */
	const struct command go = { .type = CMD_GOTO, .at_ms = NOW, .facilitator = 1, .activity = 2 };
	struct session_result res;
	ck_assert_int_eq(session_apply(s, &go, &res), 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_NOTES);
	ck_assert_ptr_nonnull(item_of(&r, 2)->photo);
	/* and its results name the photo of each row that has one */
	const struct command go3 = { .type = CMD_GOTO, .at_ms = NOW, .facilitator = 1, .activity = 3 };
	ck_assert_int_eq(session_apply(s, &go3, &res), 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_CHART);
	ck_assert_uint_eq(r.rows[0].item, 2);
	ck_assert_str_eq(r.rows[0].photo, house_photo);
	ck_assert_int_eq(r.rows[0].photo_h, 480);
	session_free(s);
	board_room_free(&r);
}
END_TEST

/* Pictograms: a note's category's, a voted idea's category's in the ranking, a poll choice's. */
START_TEST(pictograms_of_categories_and_choices)
{
	struct room_view r = { .words = en };
	struct session *s = load("voices-pictos.json");
	struct board_view v = view_of(s, 0);
	board_view_update(&r, &v);
	ck_assert_uint_eq(r.n_items, 7);
	ck_assert_str_eq(item_of(&r, 1)->picto, "🏠");
	ck_assert_str_eq(item_of(&r, 2)->picto, "🗣️");
	ck_assert_str_eq(item_of(&r, 3)->picto, "💼");
	ck_assert_ptr_null(item_of(&r, 6)->picto);   /* "Övrigt" has none */
	ck_assert_ptr_null(item_of(&r, 7)->picto);   /* no category */
	s->current_activity = 2;   /* the ranking */
	s->version++;
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_CHART);
	ck_assert_uint_eq(r.rows[0].item, 3);
	ck_assert_str_eq(r.rows[0].picto, "💼");
	s->current_activity = 3;   /* the poll, in the order of its choices */
	s->version++;
	board_view_update(&r, &v);
	ck_assert_uint_eq(r.n_rows, 4);
	ck_assert_str_eq(r.rows[0].picto, "🏠");
	ck_assert_str_eq(r.rows[1].picto, "☕");
	ck_assert_ptr_null(r.rows[3].picto);
	session_free(s);
	board_room_free(&r);
}
END_TEST

/* The counter: every kind summed over the languages of the current activity only, the
 * languages most first; shown for two minutes after the newest signal, fading in steps at the
 * end, and the view changes exactly when its step does. */
START_TEST(signals_counter)
{
	ck_assert_int_eq(board_signals_level(0, NOW), 0);
	ck_assert_int_eq(board_signals_level(NOW, NOW), SIGNALS_LEVELS);
	ck_assert_int_eq(board_signals_level(NOW + 5000, NOW), SIGNALS_LEVELS);   /* a clock behind */
	ck_assert_int_eq(board_signals_level(NOW - (SIGNALS_SHOW_MS - SIGNALS_FADE_MS) + 1, NOW), SIGNALS_LEVELS);
	ck_assert_int_eq(board_signals_level(NOW - SIGNALS_SHOW_MS + 1, NOW), 1);
	ck_assert_int_eq(board_signals_level(NOW - SIGNALS_SHOW_MS, NOW), 0);
	ck_assert_int_eq(board_signals_wait(NOW - SIGNALS_SHOW_MS, NOW), 0);
	ck_assert_int_eq(board_signals_wait(NOW - 1000, NOW),
	                 SIGNALS_SHOW_MS - SIGNALS_FADE_MS / SIGNALS_LEVELS * (SIGNALS_LEVELS - 1) - 1000);
	/* walking through the fade: every wait lands on the next level, down to 0 */
	int64_t last = NOW, t = NOW, steps = 0;
	for (int k = board_signals_level(last, t); k > 0; steps++) {
		int w = board_signals_wait(last, t);
		ck_assert_int_gt(w, 0);
		ck_assert_int_eq(board_signals_level(last, t + w - 1), k);
		t += w;
		int next = board_signals_level(last, t);
		ck_assert_int_eq(next, k - 1);
		k = next;
	}
	ck_assert_int_eq(steps, SIGNALS_LEVELS);
	ck_assert_int_eq(t, last + SIGNALS_SHOW_MS);

	struct room_view r = { .words = en };
	struct session *s = load("voices-signals.json");
	int64_t newest = 0;
	for (size_t i = 0; i < s->n_signals; i++)
		if (s->signals[i].activity == 1 && s->signals[i].last_ms > newest) newest = s->signals[i].last_ms;
	struct board_view v = view_of(s, 0);
	v.now_ms = newest + 30000;
	board_view_update(&r, &v);
	board_remember_view(&r, &v);
	const struct signals_view *c = &r.signals;
	ck_assert_int_eq(c->level, SIGNALS_LEVELS);
	ck_assert_int_eq(c->count[SIGNAL_INTERPRET], 3);
	ck_assert_int_eq(c->count[SIGNAL_SLOWER], 2);
	ck_assert_int_eq(c->count[SIGNAL_UNCLEAR], 2);   /* activity 2's Somali signals are not counted */
	ck_assert_uint_eq(c->n_langs, 4);
	ck_assert_str_eq(c->langs[0].lang, "ti");
	ck_assert_int_eq(c->langs[0].n, 3);
	ck_assert_str_eq(c->langs[1].lang, "fa");
	ck_assert_int_eq(c->langs[1].n, 2);
	ck_assert_int_eq(c->last_ms, newest);
	ck_assert_int_eq(board_signals_last(s), newest);
	v.now_ms += 1000;   /* the same level: nothing to draw again */
	ck_assert_int_eq(board_view_changed(&r, &v, 0), 0);
	v.now_ms = newest + SIGNALS_SHOW_MS - SIGNALS_FADE_MS / SIGNALS_LEVELS * (SIGNALS_LEVELS - 1);   /* fading */
	ck_assert_int_eq(board_view_changed(&r, &v, 0), 1);
	v.now_ms = newest + SIGNALS_SHOW_MS;   /* gone */
	board_view_update(&r, &v);
	ck_assert_int_eq(r.signals.level, 0);
	board_remember_view(&r, &v);
	v.now_ms += 3600000;
	ck_assert_int_eq(board_view_changed(&r, &v, 0), 0);
	session_free(s);
	board_room_free(&r);
}
END_TEST

/* Screened ideas (issue 19): the board is no one's phone, so it shows nothing waiting or
 * rejected: not as a note, not as a vote's item, not in the silent count. */
START_TEST(screened_ideas_never_on_the_board)
{
	struct room_view r = { .words = sv };
	struct session *s = session_new("Granskat", "sv", NOW);
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .prompt = "Vad behövs?", .screened = 1 };
	struct command add = { .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &sp, .at_ms = NOW };
	struct session_result res;
	ck_assert_int_eq(session_apply(s, &add, &res), 0);
	apply(s, CMD_PHASE, PHASE_OPEN, NULL);
	uint32_t ids[4];
	const char *texts[] = { "Väntar", "Visad", "Avvisad", "Ändrad" };
	for (int k = 0; k < 4; k++) {
		static const char *const tok[] = { "00000000000000000000000000000001", "00000000000000000000000000000002",
		                                   "00000000000000000000000000000003", "00000000000000000000000000000004" };
		struct command j = { .type = CMD_JOIN, .token = tok[k], .name = texts[k], .at_ms = NOW };
		ck_assert_int_eq(session_apply(s, &j, &res), 0);
		struct command p = { .type = CMD_IDEA_POST, .participant = res.events[0].id, .text = texts[k], .n = -1, .at_ms = NOW };
		ck_assert_int_eq(session_apply(s, &p, &res), 0);
		ids[k] = res.events[0].id;
	}
	struct board_view v = view_of(s, 4);
	board_view_update(&r, &v);
	ck_assert_uint_eq(r.n_items, 0);   /* all four wait */
	struct command d[] = {
		{ .type = CMD_IDEA_APPROVE, .facilitator = 1, .idea = ids[1], .at_ms = NOW },
		{ .type = CMD_IDEA_REJECT, .facilitator = 1, .idea = ids[2], .n = REJECT_HURTFUL, .at_ms = NOW },
		{ .type = CMD_IDEA_APPROVE, .facilitator = 1, .idea = ids[3], .text = "Ändrad och visad", .at_ms = NOW },
	};
	for (size_t k = 0; k < 3; k++) ck_assert_int_eq(session_apply(s, &d[k], &res), 0);
	apply(s, CMD_IDEA_POST, -1, "Mötesledarens");   /* hers show at once */
	board_view_update(&r, &v);
	ck_assert_uint_eq(r.n_items, 3);
	for (size_t i = 0; i < r.n_items; i++) ck_assert(r.items[i].id != ids[0] && r.items[i].id != ids[2]);
	ck_assert_str_eq(r.banner_text, "1 idé väntar på att visas");   /* how many, never what */
	/* a vote on it offers the shown ideas only */
	struct activity_spec vs = { .kind = ACTIVITY_VOTE, .prompt = "Viktigast?", .source = 1, .budget = 3, .max_per_item = 2 };
	struct command addv = { .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &vs, .at_ms = NOW };
	ck_assert_int_eq(session_apply(s, &addv, &res), 0);
	struct command go = { .type = CMD_GOTO, .facilitator = 1, .activity = res.events[0].id, .at_ms = NOW };
	ck_assert_int_eq(session_apply(s, &go, &res), 0);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.act_kind, ACTIVITY_VOTE);
	ck_assert_uint_eq(r.n_items, 3);
	for (size_t i = 0; i < r.n_items; i++) ck_assert(r.items[i].id != ids[0] && r.items[i].id != ids[2]);
	session_free(s);

	/* silent and screened: the silent count is of approved ideas only */
	s = session_new("Tyst", "sv", NOW);
	sp.silent = 1;
	ck_assert_int_eq(session_apply(s, &add, &res), 0);
	apply(s, CMD_PHASE, PHASE_OPEN, NULL);
	struct command j = { .type = CMD_JOIN, .token = "00000000000000000000000000000001", .name = "A", .at_ms = NOW };
	ck_assert_int_eq(session_apply(s, &j, &res), 0);
	uint32_t who = res.events[0].id;
	for (int k = 0; k < 3; k++) {
		struct command p = { .type = CMD_IDEA_POST, .participant = who, .text = texts[k], .n = -1, .at_ms = NOW };
		ck_assert_int_eq(session_apply(s, &p, &res), 0);
		ids[k] = res.events[0].id;
	}
	struct command ok1 = { .type = CMD_IDEA_APPROVE, .facilitator = 1, .idea = ids[0], .at_ms = NOW };
	ck_assert_int_eq(session_apply(s, &ok1, &res), 0);
	v = view_of(s, 1);
	board_view_update(&r, &v);
	ck_assert_int_eq(r.mode, MODE_SILENT);
	ck_assert_uint_eq(r.silent_n, 1);
	apply(s, CMD_PHASE, PHASE_REVEALED, NULL);
	board_view_update(&r, &v);
	ck_assert_uint_eq(r.n_items, 1);
	ck_assert_uint_eq(r.items[0].id, ids[0]);
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
	tcase_add_test(tc, renderings_in_the_meetings_language);
	tcase_add_test(tc, photo_ideas_are_notes);
	tcase_add_test(tc, pictograms_of_categories_and_choices);
	tcase_add_test(tc, signals_counter);
	tcase_add_test(tc, screened_ideas_never_on_the_board);
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
