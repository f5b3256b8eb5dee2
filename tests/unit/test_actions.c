/* Unit tests of actions (session-actions.c, issue 20): an actions activity and its vote, each
 * command's rules, what a refusal leaves untouched, the volunteer's offer until the facilitator
 * confirms or declines, the action log, and restoring actions and their log. Links the model
 * alone (no I/O). */
#include <check.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "session.h"

#define TOK_A "0123456789abcdef0123456789abcdef"
#define TOK_B "fedcba9876543210fedcba9876543210"

#define F(...) ((struct command){ .facilitator = 1, __VA_ARGS__ })
#define P(who, ...) ((struct command){ .participant = (who), __VA_ARGS__ })

static uint32_t ok(struct session *s, struct command c)
{
	struct session_result r;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == 0, "command %d refused: %s", c.type, r.message);
	return r.result;
}

/* Refused with want, and nothing changed. */
static void refused(struct session *s, struct command c, enum session_err want)
{
	struct session_result r;
	uint64_t v = s->version;
	size_t na = s->n_actions, nl = s->n_action_log;
	char *before = NULL;
	const struct action *x = s->n_actions ? &s->actions[0] : NULL;
	if (x) {
		size_t n = strlen(x->text) + strlen(x->who) + 64;
		before = malloc(n);
		snprintf(before, n, "%s|%s|%s|%d|%u", x->text, x->who, x->due, (int)x->status, x->volunteer);
	}
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == -1, "command %d accepted, wanted %s", c.type, session_err_code(want));
	ck_assert_msg(r.err == want, "command %d: got %s (%s), wanted %s", c.type, session_err_code(r.err), r.message,
	              session_err_code(want));
	ck_assert(r.message[0]);
	ck_assert_uint_eq(r.n_events, 0);
	ck_assert_uint_eq(s->version, v);
	ck_assert_uint_eq(s->n_actions, na);
	ck_assert_uint_eq(s->n_action_log, nl);
	if (x) {
		char now[1200];
		snprintf(now, sizeof now, "%s|%s|%s|%d|%u", x->text, x->who, x->due, (int)x->status, x->volunteer);
		ck_assert_str_eq(now, before);
	}
	free(before);
}

/* Two phones (1, 2), ideas 1 and 2 in activity 1 with group 1, a vote (2) and an actions activity (3). */
static struct session *room(void)
{
	struct session *s = session_new("Rådrum", "sv", 1000);
	ok(s, P(0, .type = CMD_JOIN, .token = TOK_A, .name = "Ada", .lang = "sv"));
	ok(s, P(0, .type = CMD_JOIN, .token = TOK_B, .name = "Omar", .lang = "ar"));
	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .prompt = "Vad behöver parken?" };
	ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &ideas));
	ok(s, F(.type = CMD_PHASE, .activity = 1, .n = PHASE_OPEN));
	ok(s, P(1, .type = CMD_IDEA_POST, .text = "Belysning", .n = -1));
	ok(s, P(2, .type = CMD_IDEA_POST, .text = "En grillplats", .n = -1));
	ok(s, F(.type = CMD_GROUP_CREATE, .activity = 1, .name = "Parken"));
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .prompt = "Vad först?", .source = 1 };
	ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &vote));
	struct activity_spec act = { .kind = ACTIVITY_ACTIONS, .title = "Vad gör vi nu?", .prompt = "Vem gör vad?", .source = 2 };
	ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &act));
	ok(s, F(.type = CMD_GOTO, .activity = 3));
	return s;
}

START_TEST(test_actions_activity)
{
	struct session *s = room();
	const struct activity *a = session_activity(s, 3);
	ck_assert_int_eq(a->kind, ACTIVITY_ACTIONS);
	ck_assert_uint_eq(a->source, 2);
	ck_assert_str_eq(session_kind_name(ACTIVITY_ACTIONS), "actions");
	ck_assert_int_eq(session_kind_from_name("actions"), ACTIVITY_ACTIONS);
	ck_assert_int_eq(session_progress(s, a), 0);
	struct activity_spec sp = { .kind = ACTIVITY_ACTIONS, .prompt = "Vem?" };   /* no vote: fine */
	ck_assert_uint_eq(ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp)), 4);
	ck_assert_uint_eq(session_activity(s, 4)->source, 0);
	sp.source = 1;   /* an ideas activity is no vote */
	refused(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp), SERR_BAD_SPEC);
	sp.source = 9;
	refused(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp), SERR_BAD_SPEC);
	sp.source = 0;
	sp.prompt = "";
	refused(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp), SERR_BAD_SPEC);
	const char *const opts[] = { "a", "b" };
	struct activity_spec with = { .kind = ACTIVITY_ACTIONS, .prompt = "Vem?", .options = opts, .n_options = 2 };
	refused(s, F(.type = CMD_ACTIVITY_ADD, .spec = &with), SERR_BAD_SPEC);
	session_free(s);
}
END_TEST

START_TEST(test_action_add)
{
	struct session *s = room();
	ck_assert_uint_eq(ok(s, F(.type = CMD_ACTION_ADD, .text = "  Belysning på gångvägen ", .idea = 1, .name = "Kommunen",
	                          .lang = "2028-02-29", .at_ms = 5000)), 1);
	const struct action *x = session_action(s, 1);
	ck_assert_str_eq(x->text, "Belysning på gångvägen");
	ck_assert_str_eq(x->who, "Kommunen");
	ck_assert_str_eq(x->due, "2028-02-29");
	ck_assert_int_eq(x->status, ACTION_PLANNED);
	ck_assert_uint_eq(x->activity, 3);
	ck_assert_uint_eq(x->idea, 1);
	ck_assert(x->created_ms == 5000 && x->updated_ms == 5000);
	ck_assert_uint_eq(s->n_action_log, 1);
	ck_assert_uint_eq(ok(s, F(.type = CMD_ACTION_ADD, .activity = 3, .text = "Parken", .group = 1)), 2);
	ck_assert_str_eq(session_action(s, 2)->who, "");
	ck_assert_str_eq(session_action(s, 2)->due, "");

	refused(s, P(1, .type = CMD_ACTION_ADD, .text = "Jag"), SERR_FORBIDDEN);
	refused(s, F(.type = CMD_ACTION_ADD, .text = "   "), SERR_EMPTY_TEXT);
	refused(s, F(.type = CMD_ACTION_ADD), SERR_EMPTY_TEXT);
	refused(s, F(.type = CMD_ACTION_ADD, .text = "\xff"), SERR_BAD_UTF8);
	static const char *const bad_dates[] = { "2027-02-29", "2027-13-01", "2027-04-31", "2027-00-10", "27-03-31",
	                                         "2027/03/31", "2027-3-31", "2027-03-31T", "1899-12-31", "abcd-ef-gh" };
	for (size_t i = 0; i < sizeof bad_dates / sizeof *bad_dates; i++)
		refused(s, F(.type = CMD_ACTION_ADD, .text = "X", .lang = bad_dates[i]), SERR_BAD_DATE);
	refused(s, F(.type = CMD_ACTION_ADD, .text = "X", .idea = 9), SERR_NO_IDEA);
	refused(s, F(.type = CMD_ACTION_ADD, .text = "X", .group = 9), SERR_NO_GROUP);
	refused(s, F(.type = CMD_ACTION_ADD, .text = "X", .activity = 9), SERR_NO_ACTIVITY);
	refused(s, F(.type = CMD_ACTION_ADD, .text = "X", .activity = 2), SERR_WRONG_ACTIVITY);
	char who[100];
	memset(who, 'W', 81);
	who[81] = '\0';
	refused(s, F(.type = CMD_ACTION_ADD, .text = "X", .name = who), SERR_TEXT_TOO_LONG);
	who[80] = '\0';
	ok(s, F(.type = CMD_ACTION_ADD, .text = "X", .name = who));
	char text[SESSION_IDEA_MAX_CHARS + 2];
	memset(text, 'x', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	refused(s, F(.type = CMD_ACTION_ADD, .text = text), SERR_TEXT_TOO_LONG);
	session_free(s);
}
END_TEST

START_TEST(test_action_edit_and_status)
{
	struct session *s = room();
	ok(s, F(.type = CMD_ACTION_ADD, .text = "Belysning", .lang = "2027-03-31"));
	ok(s, F(.type = CMD_ACTION_EDIT, .other = 1, .name = "Kommunen", .at_ms = 7000));
	const struct action *x = session_action(s, 1);
	ck_assert_str_eq(x->who, "Kommunen");
	ck_assert_str_eq(x->due, "2027-03-31");   /* left out: unchanged */
	ck_assert_str_eq(x->text, "Belysning");
	ok(s, F(.type = CMD_ACTION_EDIT, .other = 1, .lang = "", .text = "Belysning på gångvägen"));
	ck_assert_str_eq(x->due, "");
	ck_assert_str_eq(x->text, "Belysning på gångvägen");
	refused(s, F(.type = CMD_ACTION_EDIT, .other = 2, .name = "X"), SERR_NO_ACTION);
	refused(s, F(.type = CMD_ACTION_EDIT, .other = 1, .lang = "31 mars"), SERR_BAD_DATE);
	refused(s, F(.type = CMD_ACTION_EDIT, .other = 1, .text = ""), SERR_EMPTY_TEXT);
	refused(s, P(2, .type = CMD_ACTION_EDIT, .other = 1, .name = "Omar"), SERR_FORBIDDEN);

	ok(s, F(.type = CMD_ACTION_STATUS, .other = 1, .n = ACTION_STARTED, .text = " Offert beställd ", .at_ms = 9000));
	ck_assert_int_eq(x->status, ACTION_STARTED);
	ck_assert_str_eq(x->note, "Offert beställd");
	ck_assert(x->updated_ms == 9000);
	ok(s, F(.type = CMD_ACTION_STATUS, .other = 1, .n = ACTION_DONE));
	ck_assert_int_eq(x->status, ACTION_DONE);
	ck_assert_ptr_null(x->note);   /* a status without a note clears the old one */
	refused(s, F(.type = CMD_ACTION_STATUS, .other = 1, .n = ACTION_STATUSES), SERR_BAD_VALUE);
	refused(s, F(.type = CMD_ACTION_STATUS, .other = 1, .n = -1), SERR_BAD_VALUE);
	refused(s, F(.type = CMD_ACTION_STATUS, .other = 7, .n = ACTION_DONE), SERR_NO_ACTION);
	refused(s, P(1, .type = CMD_ACTION_STATUS, .other = 1, .n = ACTION_DROPPED), SERR_FORBIDDEN);
	char note[SESSION_REASON_MAX_CHARS + 2];
	memset(note, 'n', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	refused(s, F(.type = CMD_ACTION_STATUS, .other = 1, .n = ACTION_DROPPED, .text = note), SERR_TEXT_TOO_LONG);

	/* the log: add, two edits, two statuses; each with the status and note after it */
	ck_assert_uint_eq(s->n_action_log, 5);
	ck_assert_int_eq(s->action_log[3].status, ACTION_STARTED);
	ck_assert_str_eq(s->action_log[3].note, "Offert beställd");
	ck_assert(s->action_log[3].at_ms == 9000);
	ck_assert_int_eq(s->action_log[4].status, ACTION_DONE);
	ck_assert_ptr_null(s->action_log[4].note);
	for (int k = 0; k < ACTION_STATUSES; k++)
		ck_assert_int_eq(session_action_status_from_name(session_action_status_name((enum action_status)k)), k);
	ck_assert_int_eq(session_action_status_from_name("finished"), -1);
	ck_assert_int_eq(session_action_status_from_name(NULL), -1);
	session_free(s);
}
END_TEST

START_TEST(test_volunteer)
{
	struct session *s = room();
	ok(s, F(.type = CMD_ACTION_ADD, .text = "Grillplats"));
	ok(s, F(.type = CMD_ACTION_ADD, .text = "Städdag"));
	const struct action *x = session_action(s, 1);
	refused(s, F(.type = CMD_ACTION_CONFIRM, .other = 1, .n = 1), SERR_NO_VOLUNTEER);
	refused(s, P(2, .type = CMD_ACTION_VOLUNTEER, .other = 9, .name = "Klubben"), SERR_NO_ACTION);
	refused(s, P(2, .type = CMD_ACTION_VOLUNTEER, .other = 1, .name = "  "), SERR_EMPTY_TEXT);
	refused(s, F(.type = CMD_ACTION_VOLUNTEER, .other = 1, .name = "Jag"), SERR_FORBIDDEN);   /* not herself */
	refused(s, P(7, .type = CMD_ACTION_VOLUNTEER, .other = 1, .name = "Jag"), SERR_NOT_JOINED);
	size_t logged = s->n_action_log;
	ok(s, P(2, .type = CMD_ACTION_VOLUNTEER, .other = 1, .name = " Fotbollsklubben "));
	ck_assert_uint_eq(x->volunteer, 2);
	ck_assert_str_eq(x->offer, "Fotbollsklubben");
	ck_assert_str_eq(x->who, "");   /* not until the facilitator confirms */
	ck_assert_uint_eq(s->n_action_log, logged);
	refused(s, P(1, .type = CMD_ACTION_VOLUNTEER, .other = 1, .name = "Kören"), SERR_BAD_VALUE);
	ok(s, P(2, .type = CMD_ACTION_VOLUNTEER, .other = 1, .name = "Fotbollsklubben IK"));   /* the same person again */
	ck_assert_str_eq(x->offer, "Fotbollsklubben IK");
	refused(s, P(2, .type = CMD_ACTION_CONFIRM, .other = 1, .n = 1), SERR_FORBIDDEN);
	ok(s, F(.type = CMD_ACTION_CONFIRM, .other = 1, .n = 1));
	ck_assert_str_eq(x->who, "Fotbollsklubben IK");
	ck_assert_uint_eq(x->volunteer, 0);
	ck_assert_ptr_null(x->offer);
	ck_assert_uint_eq(s->n_action_log, logged + 1);
	refused(s, F(.type = CMD_ACTION_CONFIRM, .other = 1, .n = 1), SERR_NO_VOLUNTEER);
	/* declined: who stays as it was */
	ok(s, P(1, .type = CMD_ACTION_VOLUNTEER, .other = 2, .name = "Kören"));
	ok(s, F(.type = CMD_ACTION_CONFIRM, .other = 2, .n = 0));
	ck_assert_str_eq(session_action(s, 2)->who, "");
	ck_assert_uint_eq(session_action(s, 2)->volunteer, 0);
	ck_assert_ptr_null(session_action(s, 2)->offer);
	/* a clone keeps an offer of its own */
	ok(s, P(1, .type = CMD_ACTION_VOLUNTEER, .other = 2, .name = "Kören"));
	struct session *c = session_clone(s);
	ck_assert_str_eq(session_action(c, 2)->offer, "Kören");
	ck_assert_ptr_ne(session_action(c, 2)->offer, session_action(s, 2)->offer);
	session_free(c);
	session_free(s);
}
END_TEST

START_TEST(test_restore)
{
	struct session *s = room();
	ok(s, F(.type = CMD_ACTION_ADD, .text = "Belysning", .idea = 1, .lang = "2027-03-31"));
	ok(s, F(.type = CMD_ACTION_STATUS, .other = 1, .n = ACTION_STARTED, .text = "Offert"));
	ok(s, P(2, .type = CMD_ACTION_VOLUNTEER, .other = 1, .name = "Klubben"));

	struct session *t = session_new("Rådrum", "sv", 1000);
	char err[200];
	for (size_t i = 0; i < s->n_participants; i++)
		ck_assert_int_eq(session_restore_participant(t, &s->participants[i], err, sizeof err), 0);
	ck_assert_int_eq(session_restore_action(t, &s->actions[0], err, sizeof err), -1);   /* before its activity */
	for (size_t i = 0; i < s->n_activities; i++)
		ck_assert_int_eq(session_restore_activity(t, &s->activities[i], err, sizeof err), 0);
	for (size_t i = 0; i < s->n_groups; i++) ck_assert_int_eq(session_restore_group(t, &s->groups[i], err, sizeof err), 0);
	ck_assert_int_eq(session_restore_action_change(t, &s->action_log[0], err, sizeof err), -1);   /* before its action */
	struct action bad = s->actions[0];
	bad.idea = 9;   /* its idea is not there yet */
	ck_assert_int_eq(session_restore_action(t, &bad, err, sizeof err), -1);
	for (size_t i = 0; i < s->n_ideas; i++) ck_assert_int_eq(session_restore_idea(t, &s->ideas[i], err, sizeof err), 0);
	bad = s->actions[0];
	bad.activity = 2;
	ck_assert_int_eq(session_restore_action(t, &bad, err, sizeof err), -1);
	bad = s->actions[0];
	strcpy(bad.due, "2027-02-30");
	ck_assert_int_eq(session_restore_action(t, &bad, err, sizeof err), -1);
	bad = s->actions[0];
	bad.status = (enum action_status)ACTION_STATUSES;
	ck_assert_int_eq(session_restore_action(t, &bad, err, sizeof err), -1);
	bad = s->actions[0];
	bad.volunteer = 9;
	ck_assert_int_eq(session_restore_action(t, &bad, err, sizeof err), -1);
	ck_assert_int_eq(session_restore_action(t, &s->actions[0], err, sizeof err), 0);
	ck_assert_int_eq(session_restore_action(t, &s->actions[0], err, sizeof err), -1);   /* ids increase */
	for (size_t i = 0; i < s->n_action_log; i++)
		ck_assert_int_eq(session_restore_action_change(t, &s->action_log[i], err, sizeof err), 0);
	const struct action *x = session_action(t, 1);
	ck_assert_str_eq(x->text, "Belysning");
	ck_assert_str_eq(x->note, "Offert");
	ck_assert_str_eq(x->offer, "Klubben");
	ck_assert_uint_eq(x->volunteer, 2);
	ck_assert_uint_eq(t->n_action_log, 2);
	/* the next action gets the next id */
	t->current_activity = 3;
	ck_assert_uint_eq(ok(t, F(.type = CMD_ACTION_ADD, .text = "Ny")), 2);
	session_free(t);
	session_free(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("actions");
	TCase *tc = tcase_create("actions");
	tcase_add_test(tc, test_actions_activity);
	tcase_add_test(tc, test_action_add);
	tcase_add_test(tc, test_action_edit_and_status);
	tcase_add_test(tc, test_volunteer);
	tcase_add_test(tc, test_restore);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
