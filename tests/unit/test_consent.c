/* Unit tests of consent rounds, "need more time?" and the room's progress (session-consent.c):
 * the rules of each command, what a refusal leaves untouched, the facilitator kept out of the
 * vote, and restoring the three new records. Links the model alone (no I/O). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

#define TOK_A "0123456789abcdef0123456789abcdef"
#define TOK_B "fedcba9876543210fedcba9876543210"
#define TOK_C "00000000000000000000000000000001"
#define PHOTO "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg"

#define F(...) ((struct command){ .facilitator = 1, __VA_ARGS__ })
#define P(who, ...) ((struct command){ .participant = (who), __VA_ARGS__ })

static uint32_t ok(struct session *s, struct command c)
{
	struct session_result r;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == 0, "command %d refused: %s", c.type, r.message);
	return r.n_events ? r.events[0].id : 0;
}

/* Refused with want, and nothing changed: the session file before and after is the same. */
static void refused(struct session *s, struct command c, enum session_err want)
{
	struct session_result r;
	uint64_t v = s->version;
	size_t nc = s->n_consents, nl = s->n_consent_log, nm = s->n_moretime;
	const struct activity *a = session_current(s);
	int round = a ? a->consent_round : 0, ask = a ? a->moretime_ask : 0, open = a ? a->moretime_open : 0;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == -1, "command %d accepted, wanted %s", c.type, session_err_code(want));
	ck_assert_msg(r.err == want, "command %d: got %s (%s), wanted %s", c.type, session_err_code(r.err), r.message,
	              session_err_code(want));
	ck_assert(r.message[0]);
	ck_assert_uint_eq(r.n_events, 0);
	ck_assert_uint_eq(s->version, v);
	ck_assert_uint_eq(s->n_consents, nc);
	ck_assert_uint_eq(s->n_consent_log, nl);
	ck_assert_uint_eq(s->n_moretime, nm);
	if (a) {
		ck_assert_int_eq(a->consent_round, round);
		ck_assert_int_eq(a->moretime_ask, ask);
		ck_assert_int_eq(a->moretime_open, open);
	}
}

/* A room of three phones (1, 2, 3) and a proxy (4), with a consent activity open. */
static struct session *room(uint32_t *act)
{
	struct session *s = session_new("Samråd", "sv", 1000);
	ok(s, P(0, .type = CMD_JOIN, .token = TOK_A, .name = "Ada", .lang = "sv"));
	ok(s, P(0, .type = CMD_JOIN, .token = TOK_B, .name = "Bo", .lang = "fa"));
	ok(s, P(0, .type = CMD_JOIN, .token = TOK_C, .name = "Cem", .lang = "ar"));
	ok(s, F(.type = CMD_PROXY_ADD, .token = "00000000000000000000000000000002", .name = "Dan"));
	struct activity_spec sp = { .kind = ACTIVITY_CONSENT, .title = "Beslut", .prompt = "Vi provar tysta rundor i ett år." };
	*act = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp));
	ok(s, F(.type = CMD_PHASE, .activity = *act, .n = PHASE_OPEN));
	return s;
}

START_TEST(test_consent_activity)
{
	uint32_t act;
	struct session *s = room(&act);
	const struct activity *a = session_activity(s, act);
	ck_assert_int_eq(a->kind, ACTIVITY_CONSENT);
	ck_assert_int_eq(a->consent_round, 1);
	ck_assert_str_eq(session_kind_name(a->kind), "consent");
	/* no choices of its own; shuffle is for votes and polls */
	const char *opts[] = { "Ja", "Nej" };
	struct activity_spec bad = { .kind = ACTIVITY_CONSENT, .prompt = "X", .options = opts, .n_options = 2 };
	struct session_result r;
	struct command c = F(.type = CMD_ACTIVITY_ADD, .spec = &bad);
	ck_assert_int_eq(session_apply(s, &c, &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_SPEC);
	struct activity_spec sh = { .kind = ACTIVITY_IDEAS, .prompt = "X", .shuffle = 1 };
	c = F(.type = CMD_ACTIVITY_ADD, .spec = &sh);
	ck_assert_int_eq(session_apply(s, &c, &r), -1);
	struct activity_spec pl = { .kind = ACTIVITY_POLL, .prompt = "X", .poll = POLL_SINGLE, .options = opts,
	                            .n_options = 2, .shuffle = 1 };
	uint32_t poll = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &pl));
	ck_assert(session_activity(s, poll)->shuffle);
	session_free(s);
}
END_TEST

START_TEST(test_consent_answers)
{
	uint32_t act;
	struct session *s = room(&act);
	ok(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_YES, .at_ms = 2000));
	ok(s, P(2, .type = CMD_CONSENT_ANSWER, .n = CONSENT_OBJECTION, .text = "  Det blir för dyrt.  ", .at_ms = 2001));
	ok(s, P(3, .type = CMD_CONSENT_ANSWER, .n = CONSENT_CONCERN, .other = 1, .at_ms = 2002));
	ok(s, F(.type = CMD_CONSENT_ANSWER, .participant = 4, .n = CONSENT_CONCERN, .photo = PHOTO, .photo_w = 10,
	        .photo_h = 20, .at_ms = 2003));
	const struct consent_answer *c = session_consent_of(s, act, 2, 1);
	ck_assert_str_eq(c->reason, "Det blir för dyrt.");
	ck_assert(!c->in_person);
	ck_assert(session_consent_of(s, act, 3, 1)->in_person);
	ck_assert_str_eq(session_consent_of(s, act, 4, 1)->photo, PHOTO);
	/* a new answer replaces the old one of this round */
	ok(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_LIVE, .text = "dropped: yes and live need none"));
	ck_assert_uint_eq(s->n_consents, 4);
	ck_assert_int_eq(session_consent_of(s, act, 1, 1)->value, CONSENT_LIVE);
	ck_assert_ptr_null(session_consent_of(s, act, 1, 1)->reason);
	int n[CONSENT_VALUES];
	session_consent_counts(s, session_activity(s, act), 1, n);
	ck_assert_int_eq(n[CONSENT_YES], 0);
	ck_assert_int_eq(n[CONSENT_LIVE], 1);
	ck_assert_int_eq(n[CONSENT_CONCERN], 2);
	ck_assert_int_eq(n[CONSENT_OBJECTION], 1);
	ck_assert_int_eq(session_progress(s, session_activity(s, act)), 4);

	/* the refusals: each changes nothing */
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .n = 0), SERR_BAD_VALUE);
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_VALUES), SERR_BAD_VALUE);
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_OBJECTION), SERR_NEED_REASON);
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_CONCERN, .text = "   "), SERR_NEED_REASON);
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_CONCERN, .text = "\xff"), SERR_BAD_UTF8);
	char longer[SESSION_REASON_MAX_CHARS + 2];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_CONCERN, .text = longer), SERR_TEXT_TOO_LONG);
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_CONCERN, .photo = "x.jpg", .photo_w = 1, .photo_h = 1),
	        SERR_BAD_PHOTO);
	refused(s, P(9, .type = CMD_CONSENT_ANSWER, .n = CONSENT_YES), SERR_NOT_JOINED);
	refused(s, P(4, .type = CMD_CONSENT_ANSWER, .n = CONSENT_YES), SERR_FORBIDDEN);   /* a proxy's phone? none */
	/* the facilitator stays out: without "as" her answer is refused, and never counted */
	refused(s, F(.type = CMD_CONSENT_ANSWER, .n = CONSENT_YES), SERR_FORBIDDEN);
	/* after the lock: not_open */
	ok(s, F(.type = CMD_PHASE, .activity = act, .n = PHASE_LOCKED));
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_YES), SERR_NOT_OPEN);
	/* not a consent activity */
	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .prompt = "Idéer?" };
	uint32_t other = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &ideas));
	refused(s, P(1, .type = CMD_CONSENT_ANSWER, .activity = other, .n = CONSENT_YES), SERR_WRONG_ACTIVITY);
	refused(s, F(.type = CMD_CONSENT_AMEND, .activity = other, .text = "Nytt"), SERR_WRONG_ACTIVITY);
	session_free(s);
}
END_TEST

START_TEST(test_consent_results_hidden_until_revealed)
{
	uint32_t act;
	struct session *s = room(&act);
	const struct activity *a = session_activity(s, act);
	ok(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_YES));
	ck_assert(!session_results_visible(s, a, 0));
	ck_assert(session_results_visible(s, a, 1));
	ok(s, F(.type = CMD_PHASE, .activity = act, .n = PHASE_LOCKED));
	ck_assert(!session_results_visible(s, a, 0));
	ok(s, F(.type = CMD_PHASE, .activity = act, .n = PHASE_REVEALED));
	ck_assert(session_results_visible(s, a, 0));
	session_free(s);
}
END_TEST

START_TEST(test_consent_amend)
{
	uint32_t act;
	struct session *s = room(&act);
	ok(s, P(1, .type = CMD_CONSENT_ANSWER, .n = CONSENT_YES));
	ok(s, P(2, .type = CMD_CONSENT_ANSWER, .n = CONSENT_OBJECTION, .text = "För länge"));
	ok(s, F(.type = CMD_PHASE, .activity = act, .n = PHASE_REVEALED));
	refused(s, P(1, .type = CMD_CONSENT_AMEND, .text = "Nej"), SERR_FORBIDDEN);
	refused(s, F(.type = CMD_CONSENT_AMEND, .text = "  "), SERR_EMPTY_TEXT);
	refused(s, F(.type = CMD_CONSENT_AMEND, .activity = 99, .text = "X"), SERR_NO_ACTIVITY);
	ok(s, F(.type = CMD_CONSENT_AMEND, .text = " Vi provar tysta rundor i ett halvår. ", .at_ms = 5000));
	const struct activity *a = session_activity(s, act);
	ck_assert_int_eq(a->consent_round, 2);
	ck_assert_int_eq(a->phase, PHASE_OPEN);
	ck_assert_str_eq(a->prompt, "Vi provar tysta rundor i ett halvår.");
	ck_assert_uint_eq(s->n_consent_log, 1);
	const struct consent_record *r = &s->consent_log[0];
	ck_assert_int_eq(r->round, 1);
	ck_assert_str_eq(r->text, "Vi provar tysta rundor i ett år.");
	ck_assert_int_eq(r->count[CONSENT_YES], 1);
	ck_assert_int_eq(r->count[CONSENT_OBJECTION], 1);
	ck_assert_int_eq(r->ended_ms, 5000);
	/* the new round starts empty; the old answers stay, in their round */
	ck_assert_int_eq(session_progress(s, a), 0);
	ck_assert_ptr_null(session_consent_of(s, act, 1, 2));
	ck_assert_ptr_nonnull(session_consent_of(s, act, 1, 1));
	ck_assert(!session_results_visible(s, a, 0));
	ok(s, P(2, .type = CMD_CONSENT_ANSWER, .n = CONSENT_LIVE));
	ck_assert_int_eq(session_consent_of(s, act, 2, 2)->round, 2);
	ck_assert_int_eq(session_progress(s, a), 1);

	/* a clone keeps all of it */
	struct session *c = session_clone(s);
	ck_assert_str_eq(c->consent_log[0].text, r->text);
	ck_assert_str_eq(session_consent_of(c, act, 2, 1)->reason, "För länge");
	session_free(c);
	session_free(s);
}
END_TEST

START_TEST(test_moretime)
{
	uint32_t act;
	struct session *s = room(&act);
	const struct activity *a = session_activity(s, act);
	refused(s, P(1, .type = CMD_MORETIME_ANSWER, .n = MORETIME_MORE), SERR_NOT_ASKED);
	refused(s, F(.type = CMD_MORETIME_CLOSE), SERR_NOT_ASKED);
	refused(s, P(1, .type = CMD_MORETIME_ASK), SERR_FORBIDDEN);
	ok(s, F(.type = CMD_MORETIME_ASK));
	ck_assert_int_eq(a->moretime_ask, 1);
	ck_assert(a->moretime_open);
	ok(s, P(1, .type = CMD_MORETIME_ANSWER, .n = MORETIME_DONE));
	ok(s, P(2, .type = CMD_MORETIME_ANSWER, .n = MORETIME_LITTLE));
	ok(s, P(2, .type = CMD_MORETIME_ANSWER, .n = MORETIME_MORE));   /* replaces */
	ok(s, F(.type = CMD_MORETIME_ANSWER, .participant = 4, .n = MORETIME_MORE));
	refused(s, F(.type = CMD_MORETIME_ANSWER, .n = MORETIME_MORE), SERR_FORBIDDEN);
	refused(s, P(1, .type = CMD_MORETIME_ANSWER, .n = 3), SERR_BAD_VALUE);
	refused(s, P(1, .type = CMD_MORETIME_ANSWER, .n = -1), SERR_BAD_VALUE);
	int n[MORETIME_VALUES];
	session_moretime_counts(s, a, n);
	ck_assert_int_eq(n[MORETIME_DONE], 1);
	ck_assert_int_eq(n[MORETIME_LITTLE], 0);
	ck_assert_int_eq(n[MORETIME_MORE], 2);
	ok(s, F(.type = CMD_MORETIME_CLOSE));
	ck_assert(!a->moretime_open);
	refused(s, P(3, .type = CMD_MORETIME_ANSWER, .n = MORETIME_DONE), SERR_NOT_ASKED);
	/* a new ask starts empty */
	ok(s, F(.type = CMD_MORETIME_ASK));
	session_moretime_counts(s, a, n);
	ck_assert_int_eq(n[MORETIME_DONE] + n[MORETIME_LITTLE] + n[MORETIME_MORE], 0);
	ck_assert_int_eq(a->moretime_ask, 2);
	session_free(s);
}
END_TEST

/* The facilitator herself never counts in a vote or in the room's progress. */
START_TEST(test_facilitator_out_of_the_vote)
{
	uint32_t act;
	struct session *s = room(&act);
	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .prompt = "Idéer?" };
	uint32_t ia = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &ideas));
	ok(s, F(.type = CMD_PHASE, .activity = ia, .n = PHASE_OPEN));
	ok(s, F(.type = CMD_IDEA_POST, .activity = ia, .text = "Hennes egen idé", .n = -1));   /* she may post */
	ck_assert_int_eq(session_progress(s, session_activity(s, ia)), 0);
	uint32_t i1 = ok(s, P(1, .type = CMD_IDEA_POST, .activity = ia, .text = "Bänkar", .n = -1));
	ok(s, P(1, .type = CMD_IDEA_POST, .activity = ia, .text = "Träd", .n = -1));
	ok(s, F(.type = CMD_IDEA_POST, .participant = 4, .activity = ia, .text = "Lampor", .n = -1));
	ck_assert_int_eq(session_progress(s, session_activity(s, ia)), 2);

	struct activity_spec vs = { .kind = ACTIVITY_VOTE, .prompt = "Viktigast?", .source = ia, .budget = 3,
	                            .max_per_item = 3, .shuffle = 1 };
	uint32_t va = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &vs));
	ok(s, F(.type = CMD_PHASE, .activity = va, .n = PHASE_OPEN));
	refused(s, F(.type = CMD_VOTE, .activity = va, .item = i1, .n = 1), SERR_FORBIDDEN);
	ok(s, P(2, .type = CMD_VOTE, .activity = va, .item = i1, .n = 2));
	ok(s, F(.type = CMD_VOTE, .participant = 4, .activity = va, .item = i1, .n = 1));
	ck_assert_int_eq(session_progress(s, session_activity(s, va)), 2);
	ok(s, P(2, .type = CMD_VOTE, .activity = va, .item = i1, .n = 0));   /* taken back: no longer counted */
	ck_assert_int_eq(session_progress(s, session_activity(s, va)), 1);

	const char *opts[] = { "Ja", "Nej" };
	struct activity_spec ps = { .kind = ACTIVITY_POLL, .prompt = "Igen?", .poll = POLL_SINGLE, .options = opts,
	                            .n_options = 2 };
	uint32_t pa = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &ps));
	ok(s, F(.type = CMD_PHASE, .activity = pa, .n = PHASE_OPEN));
	refused(s, F(.type = CMD_POLL_ANSWER, .activity = pa, .n = 1), SERR_FORBIDDEN);
	ok(s, P(3, .type = CMD_POLL_ANSWER, .activity = pa, .n = 2));
	ck_assert_int_eq(session_progress(s, session_activity(s, pa)), 1);
	session_free(s);
}
END_TEST

START_TEST(test_restore)
{
	uint32_t act;
	struct session *s = room(&act);
	ok(s, P(2, .type = CMD_CONSENT_ANSWER, .n = CONSENT_OBJECTION, .text = "För länge", .at_ms = 3000));
	ok(s, F(.type = CMD_CONSENT_AMEND, .text = "Ett halvår", .at_ms = 4000));
	ok(s, F(.type = CMD_MORETIME_ASK));
	ok(s, P(1, .type = CMD_MORETIME_ANSWER, .n = MORETIME_LITTLE));

	struct session *t = session_new("Samråd", "sv", 1000);
	char err[200];
	for (size_t i = 0; i < s->n_participants; i++)
		ck_assert_int_eq(session_restore_participant(t, &s->participants[i], err, sizeof err), 0);
	/* records before their activity are refused */
	ck_assert_int_eq(session_restore_consent(t, &s->consents[0], err, sizeof err), -1);
	ck_assert_int_eq(session_restore_activity(t, &s->activities[0], err, sizeof err), 0);
	ck_assert_int_eq(session_activity(t, act)->consent_round, 2);
	ck_assert_int_eq(session_activity(t, act)->moretime_ask, 1);
	ck_assert_int_eq(session_restore_consent(t, &s->consents[0], err, sizeof err), 0);
	ck_assert_int_eq(session_restore_consent(t, &s->consents[0], err, sizeof err), -1);   /* twice */
	ck_assert_int_eq(session_restore_consent_record(t, &s->consent_log[0], err, sizeof err), 0);
	ck_assert_int_eq(session_restore_consent_record(t, &s->consent_log[0], err, sizeof err), -1);
	ck_assert_int_eq(session_restore_moretime(t, &s->moretime[0], err, sizeof err), 0);
	ck_assert_str_eq(t->consents[0].reason, "För länge");
	ck_assert_str_eq(t->consent_log[0].text, "Vi provar tysta rundor i ett år.");
	struct consent_answer bad = s->consents[0];
	bad.round = 3;
	ck_assert_int_eq(session_restore_consent(t, &bad, err, sizeof err), -1);
	bad.round = 2;
	bad.value = 0;
	ck_assert_int_eq(session_restore_consent(t, &bad, err, sizeof err), -1);
	struct consent_record rec = s->consent_log[0];
	rec.round = 2;   /* the round now has not ended */
	ck_assert_int_eq(session_restore_consent_record(t, &rec, err, sizeof err), -1);
	struct moretime_answer m = s->moretime[0];
	m.ask = 2;
	ck_assert_int_eq(session_restore_moretime(t, &m, err, sizeof err), -1);
	session_free(t);
	session_free(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("consent");
	TCase *tc = tcase_create("consent");
	tcase_add_test(tc, test_consent_activity);
	tcase_add_test(tc, test_consent_answers);
	tcase_add_test(tc, test_consent_results_hidden_until_revealed);
	tcase_add_test(tc, test_consent_amend);
	tcase_add_test(tc, test_moretime);
	tcase_add_test(tc, test_facilitator_out_of_the_vote);
	tcase_add_test(tc, test_restore);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
