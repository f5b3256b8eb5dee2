/* Unit tests of the session model: every rule of session_apply, and restoring. Links only
 * session.o and util.o, which shows the model needs no I/O library. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

#define TOK_A "0123456789abcdef0123456789abcdef"
#define TOK_B "fedcba9876543210fedcba9876543210"

static struct session *with_activity(void)
{
	struct session *s = session_new("Rådrum", "sv", 1000);
	struct command c = { .type = CMD_ACTIVITY_ADD, .at_ms = 1000 };
	struct session_result r;
	c.u.activity_add.kind = ACTIVITY_IDEAS;
	c.u.activity_add.title = "Idéer";
	c.u.activity_add.prompt = "Vad behövs?";
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	return s;
}

static uint32_t join(struct session *s, const char *token, const char *name)
{
	struct command c = { .type = CMD_JOIN, .at_ms = 2000 };
	struct session_result r;
	c.u.join.token = token;
	c.u.join.name = name;
	c.u.join.lang = "sv";
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	ck_assert_uint_eq(r.n_events, 1);
	return r.events[0].id;
}

static int post(struct session *s, uint32_t who, const char *text, struct session_result *r)
{
	struct command c = { .type = CMD_IDEA_POST, .at_ms = 3000, .participant = who };
	c.u.idea_post.text = text;
	return session_apply(s, &c, r);
}

START_TEST(test_join_new_and_return)
{
	struct session *s = with_activity();
	struct command c = { .type = CMD_JOIN, .at_ms = 5 };
	struct session_result r;
	c.u.join.token = TOK_A;
	c.u.join.name = "  Amal ";
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	ck_assert_int_eq(r.events[0].type, EV_PARTICIPANT_JOINED);
	uint32_t id = r.events[0].id;
	ck_assert_str_eq(session_participant(s, id)->name, "Amal");
	/* Same token again: the same participant, no duplicate. */
	c.u.join.name = "Amal K";
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	ck_assert_int_eq(r.events[0].type, EV_PARTICIPANT_RETURNED);
	ck_assert_uint_eq(r.events[0].id, id);
	ck_assert_uint_eq(s->n_participants, 1);
	ck_assert_str_eq(session_participant(s, id)->name, "Amal K");
	ck_assert_uint_ne(join(s, TOK_B, NULL), id);
	ck_assert_str_eq(session_participant(s, 2)->name, "");
	session_free(s);
}
END_TEST

START_TEST(test_join_refusals)
{
	struct session *s = with_activity();
	struct command c = { .type = CMD_JOIN };
	struct session_result r;
	c.u.join.token = "short";
	ck_assert_int_eq(session_apply(s, &c, &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_TOKEN);
	c.u.join.token = "0123456789ABCDEF0123456789ABCDEF";   /* upper case is not the form */
	ck_assert_int_eq(session_apply(s, &c, &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_TOKEN);
	c.u.join.token = TOK_A;
	c.u.join.name = "12345678901234567890123456789012345678901";   /* 41 */
	ck_assert_int_eq(session_apply(s, &c, &r), -1);
	ck_assert_int_eq(r.err, SERR_NAME_TOO_LONG);
	ck_assert_str_eq(session_err_code(r.err), "name_too_long");
	c.u.join.name = "ÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅ";   /* 40 code points, 80 bytes */
	c.u.join.lang = "sv SE";
	ck_assert_int_eq(session_apply(s, &c, &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_LANG);
	c.u.join.lang = "fa-AF";
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	c.u.join.token = TOK_B;
	c.u.join.name = "\xc3\x28";
	c.u.join.lang = NULL;
	ck_assert_int_eq(session_apply(s, &c, &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_UTF8);
	ck_assert_uint_eq(s->n_participants, 1);   /* refusals changed nothing */
	session_free(s);
}
END_TEST

START_TEST(test_post_idea)
{
	struct session *s = with_activity();
	uint32_t p = join(s, TOK_A, "Amal");
	struct session_result r;
	ck_assert_int_eq(post(s, p, "  Läxhjälp på biblioteket \n", &r), 0);
	ck_assert_int_eq(r.events[0].type, EV_IDEA_ADDED);
	const struct idea *i = session_idea(s, r.events[0].id);
	ck_assert_ptr_nonnull(i);
	ck_assert_str_eq(i->text, "Läxhjälp på biblioteket");
	ck_assert_uint_eq(i->author, p);
	ck_assert_uint_eq(i->activity, s->current_activity);
	ck_assert_int_eq(i->created_ms, 3000);
	/* The facilitator at the board is participant 0. */
	ck_assert_int_eq(post(s, 0, "Från tavlan", &r), 0);
	ck_assert_uint_eq(session_idea(s, r.events[0].id)->author, 0);
	ck_assert_uint_eq(s->n_ideas, 2);
	session_free(s);
}
END_TEST

START_TEST(test_post_refusals_change_nothing)
{
	struct session *s = with_activity();
	uint32_t p = join(s, TOK_A, "Amal");
	struct session_result r;
	char text[1300];

	ck_assert_int_eq(post(s, p, "", &r), -1);
	ck_assert_int_eq(r.err, SERR_EMPTY_TEXT);
	ck_assert_int_eq(post(s, p, " \t\n\xc2\xa0 ", &r), -1);   /* spaces incl. no-break space */
	ck_assert_int_eq(r.err, SERR_EMPTY_TEXT);
	ck_assert_int_eq(post(s, p, NULL, &r), -1);
	ck_assert_int_eq(r.err, SERR_EMPTY_TEXT);

	memset(text, 'a', 281);
	text[281] = '\0';
	ck_assert_int_eq(post(s, p, text, &r), -1);
	ck_assert_int_eq(r.err, SERR_TEXT_TOO_LONG);
	ck_assert_ptr_nonnull(strstr(r.message, "281"));

	/* 280 code points of two bytes each: accepted (the limit is characters, not bytes). */
	text[0] = '\0';
	for (int k = 0; k < 280; k++) strcat(text, "å");
	ck_assert_int_eq(post(s, p, text, &r), 0);
	strcat(text, "å");
	ck_assert_int_eq(post(s, p, text, &r), -1);
	ck_assert_int_eq(r.err, SERR_TEXT_TOO_LONG);

	ck_assert_int_eq(post(s, p, "bad \xff byte", &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_UTF8);
	ck_assert_int_eq(post(s, p, "overlong \xc0\xaf", &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_UTF8);
	ck_assert_int_eq(post(s, p, "surrogate \xed\xa0\x80", &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_UTF8);

	ck_assert_int_eq(post(s, 99, "who am I", &r), -1);
	ck_assert_int_eq(r.err, SERR_NOT_JOINED);
	ck_assert_uint_eq(s->n_ideas, 1);
	ck_assert_uint_eq(r.n_events, 0);
	session_free(s);
}
END_TEST

START_TEST(test_no_activity)
{
	struct session *s = session_new("Tom", "sv", 0);
	uint32_t p = join(s, TOK_A, NULL);
	struct session_result r;
	ck_assert_ptr_null(session_current(s));
	ck_assert_int_eq(post(s, p, "idé", &r), -1);
	ck_assert_int_eq(r.err, SERR_NO_ACTIVITY);
	ck_assert_str_eq(session_err_code(r.err), "no_activity");
	session_free(s);
}
END_TEST

START_TEST(test_activity_add_rules)
{
	struct session *s = session_new("T", "sv", 0);
	struct command c = { .type = CMD_ACTIVITY_ADD };
	struct session_result r;
	c.u.activity_add.kind = ACTIVITY_IDEAS;
	c.u.activity_add.prompt = "";
	ck_assert_int_eq(session_apply(s, &c, &r), -1);   /* a prompt is required */
	c.u.activity_add.prompt = "Första";
	c.participant = 1;
	ck_assert_int_eq(session_apply(s, &c, &r), -1);   /* phones cannot change the agenda */
	c.participant = 0;
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	ck_assert_uint_eq(s->current_activity, r.events[0].id);
	c.u.activity_add.prompt = "Andra";
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	ck_assert_uint_eq(s->n_activities, 2);
	ck_assert_str_eq(session_current(s)->prompt, "Första");   /* adding does not move on */
	c.type = (enum cmd_type)99;
	ck_assert_int_eq(session_apply(s, &c, &r), -1);
	ck_assert_int_eq(r.err, SERR_BAD_COMMAND);
	session_free(s);
}
END_TEST

START_TEST(test_replay_is_deterministic)
{
	/* The same commands on a fresh session give the same ids and texts: what resume relies on. */
	struct session *a = with_activity(), *b = with_activity();
	struct session_result r;
	for (struct session **x = (struct session *[]){ a, b, NULL }; *x; x++) {
		uint32_t p = join(*x, TOK_A, "A");
		uint32_t q = join(*x, TOK_B, "B");
		post(*x, p, "ett", &r);
		post(*x, q, "två", &r);
		post(*x, p, "", &r);
		post(*x, p, "tre", &r);
	}
	ck_assert_uint_eq(a->n_ideas, 3);
	ck_assert_uint_eq(b->n_ideas, 3);
	for (size_t i = 0; i < a->n_ideas; i++) {
		ck_assert_uint_eq(a->ideas[i].id, b->ideas[i].id);
		ck_assert_str_eq(a->ideas[i].text, b->ideas[i].text);
		ck_assert_uint_eq(a->ideas[i].author, b->ideas[i].author);
	}
	session_free(a);
	session_free(b);
}
END_TEST

START_TEST(test_restore_validates)
{
	struct session *s = with_activity();
	char err[200];
	struct participant p = { .id = 4, .token = TOK_A, .name = (char *)"Amal", .lang = "ar" };
	ck_assert_int_eq(session_restore_participant(s, &p, err, sizeof err), 0);
	ck_assert_int_eq(session_restore_participant(s, &p, err, sizeof err), -1);   /* id not increasing */
	p.id = 5;
	ck_assert_int_eq(session_restore_participant(s, &p, err, sizeof err), -1);   /* token taken */
	ck_assert_ptr_nonnull(strstr(err, "token"));
	struct idea i = { .id = 1, .activity = 1, .author = 4, .text = (char *)"ok", .created_ms = 1 };
	ck_assert_int_eq(session_restore_idea(s, &i, err, sizeof err), 0);
	i.id = 2;
	i.author = 7;
	ck_assert_int_eq(session_restore_idea(s, &i, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown author"));
	i.author = 4;
	i.activity = 9;
	ck_assert_int_eq(session_restore_idea(s, &i, err, sizeof err), -1);
	i.activity = 1;
	i.text = (char *)"   ";
	ck_assert_int_eq(session_restore_idea(s, &i, err, sizeof err), -1);
	/* New ids continue after restored ones. */
	struct session_result r;
	uint32_t q = join(s, TOK_B, NULL);
	ck_assert_uint_eq(q, 5);
	ck_assert_int_eq(post(s, q, "nästa", &r), 0);
	ck_assert_uint_eq(r.events[0].id, 2);
	session_free(s);
}
END_TEST

START_TEST(test_many_ideas_lookup)
{
	struct session *s = with_activity();
	uint32_t p = join(s, TOK_A, NULL);
	struct session_result r;
	for (int k = 0; k < 2000; k++) ck_assert_int_eq(post(s, p, "idé", &r), 0);
	ck_assert_uint_eq(session_idea(s, 1234)->id, 1234);
	ck_assert_ptr_null(session_idea(s, 2001));
	ck_assert_ptr_null(session_idea(s, 0));
	session_free(s);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("session");
	TCase *tc = tcase_create("model");
	tcase_add_test(tc, test_join_new_and_return);
	tcase_add_test(tc, test_join_refusals);
	tcase_add_test(tc, test_post_idea);
	tcase_add_test(tc, test_post_refusals_change_nothing);
	tcase_add_test(tc, test_no_activity);
	tcase_add_test(tc, test_activity_add_rules);
	tcase_add_test(tc, test_replay_is_deterministic);
	tcase_add_test(tc, test_restore_validates);
	tcase_add_test(tc, test_many_ideas_lookup);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
