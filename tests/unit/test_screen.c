/* Unit tests of screened ideas (session-screen.c): a new idea waits in the facilitator's queue,
 * only its author sees it; she approves it (as it is or edited) or rejects it with a reason.
 * Links only the model, like test_session. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

#define TOK_A "0123456789abcdef0123456789abcdef"
#define TOK_B "fedcba9876543210fedcba9876543210"

static uint32_t ok(struct session *s, struct command c)
{
	struct session_result r;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == 0, "command %d refused: %s", c.type, r.message);
	return r.n_events ? r.events[0].id : 0;
}

/* Refused with this code, and nothing changed. */
static void refused(struct session *s, struct command c, enum session_err want)
{
	struct session_result r;
	uint64_t v = s->version;
	size_t ni = s->n_ideas, nl = s->n_log, ng = s->n_groups;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == -1, "command %d accepted, wanted %s", c.type, session_err_code(want));
	ck_assert_msg(r.err == want, "command %d: got %s (%s), wanted %s", c.type, session_err_code(r.err), r.message,
	              session_err_code(want));
	ck_assert_msg(r.message[0] != '\0', "no message");
	ck_assert_uint_eq(r.n_events, 0);
	ck_assert_uint_eq(s->version, v);
	ck_assert_uint_eq(s->n_ideas, ni);
	ck_assert_uint_eq(s->n_log, nl);
	ck_assert_uint_eq(s->n_groups, ng);
}

#define F(...) ((struct command){ .facilitator = 1, __VA_ARGS__ })
#define P(who, ...) ((struct command){ .participant = (who), __VA_ARGS__ })

struct fx { struct session *s; uint32_t act, vote, a, b, wa, wb, mine; };

/* A screened, open ideas activity (silent when asked), a vote on it, two phones that each
 * posted an idea (waiting) and one idea of the facilitator's (shown at once). */
static struct fx fixture(int silent)
{
	struct fx f;
	f.s = session_new("Rådrum", "sv", 1000);
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .prompt = "Vad behövs?", .screened = 1, .silent = silent };
	f.act = ok(f.s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp));
	struct activity_spec vs = { .kind = ACTIVITY_VOTE, .prompt = "Viktigast?", .source = f.act, .budget = 3,
	                            .max_per_item = 3 };
	f.vote = ok(f.s, F(.type = CMD_ACTIVITY_ADD, .spec = &vs));
	ok(f.s, F(.type = CMD_PHASE, .activity = f.act, .n = PHASE_OPEN));
	f.a = ok(f.s, (struct command){ .type = CMD_JOIN, .at_ms = 2000, .token = TOK_A, .name = "Amal", .lang = "ar" });
	f.b = ok(f.s, (struct command){ .type = CMD_JOIN, .at_ms = 2000, .token = TOK_B, .name = "Berhane", .lang = "ti" });
	f.wa = ok(f.s, P(f.a, .type = CMD_IDEA_POST, .activity = f.act, .at_ms = 3000, .text = "Läxhjälp", .n = -1));
	f.wb = ok(f.s, P(f.b, .type = CMD_IDEA_POST, .activity = f.act, .at_ms = 3100, .text = "Fotboll", .n = -1));
	f.mine = ok(f.s, F(.type = CMD_IDEA_POST, .activity = f.act, .at_ms = 3200, .text = "Fika", .n = -1));
	return f;
}

START_TEST(test_posted_ideas_wait_for_their_author_only)
{
	struct fx f = fixture(0);
	const struct idea *wa = session_idea(f.s, f.wa), *mine = session_idea(f.s, f.mine);
	ck_assert_int_eq(wa->status, IDEA_WAITING);
	ck_assert_int_eq(mine->status, IDEA_SHOWN);   /* the facilitator's own idea shows at once */
	ck_assert(session_idea_visible(f.s, wa, f.a, 0));
	ck_assert(!session_idea_visible(f.s, wa, f.b, 0));
	ck_assert(!session_idea_visible(f.s, wa, 0, 0));   /* the board */
	ck_assert(session_idea_visible(f.s, wa, 0, 1));    /* the facilitator */
	ck_assert(session_idea_visible(f.s, mine, f.b, 0));
	ck_assert(!session_item_votable(f.s, session_activity(f.s, f.vote), f.wa));
	ck_assert(session_item_votable(f.s, session_activity(f.s, f.vote), f.mine));
	/* a proxy's idea, posted by the facilitator, shows at once too */
	uint32_t px = ok(f.s, F(.type = CMD_PROXY_ADD, .token = "00000000000000000000000000000002", .name = "Dawit"));
	uint32_t pi = ok(f.s, F(.type = CMD_IDEA_POST, .participant = px, .activity = f.act, .text = "Bibliotek", .n = -1));
	ck_assert_int_eq(session_idea(f.s, pi)->status, IDEA_SHOWN);
	session_free(f.s);
}
END_TEST

START_TEST(test_approve_and_edit_and_approve)
{
	struct fx f = fixture(0);
	ok(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wa, .at_ms = 5000));
	const struct idea *wa = session_idea(f.s, f.wa);
	ck_assert_int_eq(wa->status, IDEA_SHOWN);
	ck_assert_int_eq(wa->decided_ms, 5000);
	ck_assert(!wa->edited);
	ck_assert(session_idea_visible(f.s, wa, f.b, 0));
	ck_assert(session_idea_visible(f.s, wa, 0, 0));
	ck_assert(session_item_votable(f.s, session_activity(f.s, f.vote), f.wa));
	ck_assert_uint_eq(f.s->n_log, 1);
	ck_assert_int_eq(f.s->log[0].kind, MOD_APPROVE);
	ck_assert_uint_eq(f.s->log[0].idea, f.wa);

	/* edit and approve: an edit (before, after) and then the approval */
	ok(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wb, .at_ms = 6000, .text = "  Fotboll på lördagar "));
	const struct idea *wb = session_idea(f.s, f.wb);
	ck_assert_str_eq(wb->text, "Fotboll på lördagar");
	ck_assert(wb->edited);
	ck_assert_int_eq(wb->status, IDEA_SHOWN);
	ck_assert_uint_eq(f.s->n_log, 3);
	ck_assert_int_eq(f.s->log[1].kind, MOD_EDIT);
	ck_assert_str_eq(f.s->log[1].before, "Fotboll");
	ck_assert_str_eq(f.s->log[1].after, "Fotboll på lördagar");
	ck_assert_int_eq(f.s->log[2].kind, MOD_APPROVE);

	/* not (or no longer) in the queue */
	refused(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wa), SERR_NOT_WAITING);
	refused(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.mine), SERR_NOT_WAITING);
	refused(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.mine, .n = REJECT_OTHER), SERR_NOT_WAITING);
	refused(f.s, F(.type = CMD_IDEA_APPROVE, .idea = 999), SERR_NO_IDEA);
	session_free(f.s);
}
END_TEST

START_TEST(test_approve_refusals)
{
	struct fx f = fixture(0);
	refused(f.s, P(f.a, .type = CMD_IDEA_APPROVE, .idea = f.wa), SERR_FORBIDDEN);
	refused(f.s, P(f.a, .type = CMD_IDEA_REJECT, .idea = f.wb, .n = REJECT_OFF_TOPIC), SERR_FORBIDDEN);
	refused(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wa, .text = "   "), SERR_EMPTY_TEXT);
	char big[SESSION_IDEA_MAX_CHARS + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	refused(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wa, .text = big), SERR_TEXT_TOO_LONG);
	refused(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wa, .text = "\xff"), SERR_BAD_UTF8);
	ck_assert_int_eq(session_idea(f.s, f.wa)->status, IDEA_WAITING);
	/* the same text is no edit, just an approval */
	ok(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wa, .text = "Läxhjälp"));
	ck_assert(!session_idea(f.s, f.wa)->edited);
	ck_assert_uint_eq(f.s->n_log, 1);
	session_free(f.s);
}
END_TEST

START_TEST(test_reject_with_reason_and_note)
{
	struct fx f = fixture(0);
	refused(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wb, .n = 0), SERR_BAD_VALUE);
	refused(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wb, .n = -1), SERR_BAD_VALUE);   /* an unknown name */
	refused(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wb, .n = REJECT_REASONS), SERR_BAD_VALUE);
	char big[SESSION_REASON_MAX_CHARS + 2];
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	refused(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wb, .n = REJECT_OTHER, .text = big), SERR_TEXT_TOO_LONG);
	ok(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wb, .n = REJECT_OFF_TOPIC, .at_ms = 7000,
	          .text = " Ta gärna upp det på fikat "));
	const struct idea *wb = session_idea(f.s, f.wb);
	ck_assert_int_eq(wb->status, IDEA_REJECTED);
	ck_assert_int_eq(wb->reject, REJECT_OFF_TOPIC);
	ck_assert_str_eq(wb->reject_note, "Ta gärna upp det på fikat");
	ck_assert_int_eq(wb->decided_ms, 7000);
	ck_assert(session_idea_visible(f.s, wb, f.b, 0));    /* its author reads why */
	ck_assert(!session_idea_visible(f.s, wb, f.a, 0));
	ck_assert(!session_idea_visible(f.s, wb, 0, 0));
	ck_assert(!session_item_votable(f.s, session_activity(f.s, f.vote), f.wb));
	ck_assert_uint_eq(f.s->n_log, 1);
	ck_assert_int_eq(f.s->log[0].kind, MOD_REJECT);
	ck_assert_str_eq(f.s->log[0].after, "off_topic");
	refused(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wb), SERR_NOT_WAITING);
	refused(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wb, .n = REJECT_DUPLICATE), SERR_NOT_WAITING);
	/* an empty note is no note */
	ok(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wa, .n = REJECT_UNCLEAR, .text = "  "));
	ck_assert_ptr_null(session_idea(f.s, f.wa)->reject_note);
	/* names both ways */
	ck_assert_str_eq(session_reject_name(REJECT_HURTFUL), "hurtful");
	ck_assert_int_eq(session_reject_from_name("personal"), REJECT_PERSONAL);
	ck_assert_int_eq(session_reject_from_name("rude"), -1);
	session_free(f.s);
}
END_TEST

START_TEST(test_silent_and_screened_combine)
{
	struct fx f = fixture(1);
	ok(f.s, F(.type = CMD_IDEA_APPROVE, .idea = f.wa));
	const struct idea *wa = session_idea(f.s, f.wa);
	ck_assert(session_idea_visible(f.s, wa, f.a, 0));
	ck_assert(!session_idea_visible(f.s, wa, f.b, 0));   /* approved, but silent until revealed */
	ck_assert(!session_idea_visible(f.s, wa, 0, 0));
	ok(f.s, F(.type = CMD_PHASE, .activity = f.act, .n = PHASE_REVEALED));
	ck_assert(session_idea_visible(f.s, wa, f.b, 0));
	ck_assert(!session_idea_visible(f.s, session_idea(f.s, f.wb), f.a, 0));   /* still waiting: never */
	ck_assert(session_idea_visible(f.s, session_idea(f.s, f.wb), f.b, 0));
	session_free(f.s);
}
END_TEST

START_TEST(test_waiting_ideas_hide_but_never_group_or_merge)
{
	struct fx f = fixture(0);
	refused(f.s, F(.type = CMD_IDEA_MERGE, .idea = f.wa, .other = f.mine), SERR_NO_IDEA);
	refused(f.s, F(.type = CMD_IDEA_MERGE, .idea = f.mine, .other = f.wa), SERR_NO_IDEA);
	refused(f.s, F(.type = CMD_GROUP_CREATE, .activity = f.act, .name = "Skola", .idea = f.wa), SERR_NO_IDEA);
	uint32_t g = ok(f.s, F(.type = CMD_GROUP_CREATE, .activity = f.act, .name = "Skola", .idea = f.mine));
	refused(f.s, F(.type = CMD_IDEA_GROUP, .idea = f.wa, .group = g), SERR_NO_IDEA);
	ok(f.s, F(.type = CMD_IDEA_HIDE, .idea = f.wa));
	ck_assert(session_idea(f.s, f.wa)->hidden);
	ck_assert_int_eq(session_idea(f.s, f.wa)->status, IDEA_WAITING);
	ok(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wa, .n = REJECT_PERSONAL));
	/* a rejected idea stays out of groups and merges too */
	refused(f.s, F(.type = CMD_IDEA_GROUP, .idea = f.wa, .group = g), SERR_NO_IDEA);
	session_free(f.s);
}
END_TEST

START_TEST(test_screened_only_for_ideas)
{
	struct session *s = session_new("R", "sv", 0);
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .prompt = "Vad?" };
	uint32_t ideas = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp));
	struct activity_spec vs = { .kind = ACTIVITY_VOTE, .prompt = "Viktigast?", .source = ideas, .screened = 1 };
	refused(s, F(.type = CMD_ACTIVITY_ADD, .spec = &vs), SERR_BAD_SPEC);
	/* an unscreened activity: ideas show at once, nothing waits */
	ok(s, F(.type = CMD_PHASE, .activity = ideas, .n = PHASE_OPEN));
	uint32_t a = ok(s, (struct command){ .type = CMD_JOIN, .token = TOK_A, .name = "Amal" });
	uint32_t i = ok(s, P(a, .type = CMD_IDEA_POST, .text = "Läxhjälp", .n = -1));
	ck_assert_int_eq(session_idea(s, i)->status, IDEA_SHOWN);
	refused(s, F(.type = CMD_IDEA_APPROVE, .idea = i), SERR_NOT_WAITING);
	session_free(s);
}
END_TEST

START_TEST(test_restore_and_clone_keep_the_decisions)
{
	struct fx f = fixture(0);
	ok(f.s, F(.type = CMD_IDEA_REJECT, .idea = f.wb, .n = REJECT_HURTFUL, .text = "Säg det på ett annat sätt"));
	struct session *c = session_clone(f.s);
	ck_assert_str_eq(session_idea(c, f.wb)->reject_note, "Säg det på ett annat sätt");
	ck_assert_ptr_ne(session_idea(c, f.wb)->reject_note, session_idea(f.s, f.wb)->reject_note);
	ck_assert_int_eq(session_idea(c, f.wa)->status, IDEA_WAITING);
	session_free(c);

	/* restoring checks the screening of each idea */
	struct session *r = session_new("R", "sv", 0);
	char err[200];
	const struct activity *act = session_activity(f.s, f.act);
	ck_assert_int_eq(session_restore_activity(r, act, err, sizeof err), 0);
	ck_assert(session_activity(r, f.act)->screened);
	ck_assert_int_eq(session_restore_participant(r, session_participant(f.s, f.a), err, sizeof err), 0);
	ck_assert_int_eq(session_restore_participant(r, session_participant(f.s, f.b), err, sizeof err), 0);
	struct idea bad = *session_idea(f.s, f.wb);
	bad.reject = 0;                            /* rejected without a reason */
	ck_assert_int_eq(session_restore_idea(r, &bad, err, sizeof err), -1);
	bad = *session_idea(f.s, f.wa);
	bad.reject_note = (char *)"a note on a waiting idea";
	ck_assert_int_eq(session_restore_idea(r, &bad, err, sizeof err), -1);
	bad.reject_note = NULL;
	bad.status = (enum idea_status)7;
	ck_assert_int_eq(session_restore_idea(r, &bad, err, sizeof err), -1);
	ck_assert_int_eq(session_restore_idea(r, session_idea(f.s, f.wa), err, sizeof err), 0);
	ck_assert_int_eq(session_restore_idea(r, session_idea(f.s, f.wb), err, sizeof err), 0);
	ck_assert_str_eq(session_idea(r, f.wb)->reject_note, "Säg det på ett annat sätt");
	struct mod_entry m = f.s->log[0];
	ck_assert_int_eq(session_restore_log(r, &m, err, sizeof err), 0);
	ck_assert_int_eq(r->log[0].kind, MOD_REJECT);
	session_free(r);
	session_free(f.s);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("screen");
	TCase *tc = tcase_create("screened ideas");
	tcase_add_test(tc, test_posted_ideas_wait_for_their_author_only);
	tcase_add_test(tc, test_approve_and_edit_and_approve);
	tcase_add_test(tc, test_approve_refusals);
	tcase_add_test(tc, test_reject_with_reason_and_note);
	tcase_add_test(tc, test_silent_and_screened_combine);
	tcase_add_test(tc, test_waiting_ideas_hide_but_never_group_or_merge);
	tcase_add_test(tc, test_screened_only_for_ideas);
	tcase_add_test(tc, test_restore_and_clone_keep_the_decisions);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
