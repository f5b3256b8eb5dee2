/* Unit tests of paper counts (session-paper.c): a batch on a vote's idea or group and on a
 * poll's choice or scale value, the refusals (no_idea, no_group, bad_value, no_table, not_open,
 * no_batch, forbidden), corrections that replace a batch and keep it in the record, the counts
 * in session_results with their paper part, and the batches through the session file. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "store.h"

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

static void refused(struct session *s, struct command c, enum session_err want)
{
	struct session_result r;
	uint64_t v = s->version;
	size_t np = s->n_paper;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == -1, "command %d accepted, wanted %s", c.type, session_err_code(want));
	ck_assert_msg(r.err == want, "command %d: got %s (%s), wanted %s", c.type, session_err_code(r.err), r.message,
	              session_err_code(want));
	ck_assert(r.message[0]);
	ck_assert_uint_eq(r.n_events, 0);
	ck_assert_uint_eq(s->version, v);
	ck_assert_uint_eq(s->n_paper, np);
}

/* Two phones, an ideas activity (1) with ideas 1-3 (3 hidden), a vote on it (2, open), a
 * multi poll (3) and a scale poll (4), both open; 3 tables. */
static struct session *room(void)
{
	struct session *s = session_new("Rådrum", "sv", 1000);
	ok(s, P(0, .type = CMD_JOIN, .token = TOK_A, .name = "Ada", .lang = "sv"));
	ok(s, P(0, .type = CMD_JOIN, .token = TOK_B, .name = "Bo", .lang = "ar"));
	ok(s, F(.type = CMD_TABLES_SET, .n = 3));
	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .prompt = "Vad behövs?" };
	uint32_t a1 = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &ideas));
	ok(s, F(.type = CMD_PHASE, .activity = a1, .n = PHASE_OPEN));
	ok(s, P(1, .type = CMD_IDEA_POST, .text = "Fler bänkar", .n = -1));
	ok(s, P(2, .type = CMD_IDEA_POST, .text = "Längre öppettider", .n = -1));
	ok(s, P(2, .type = CMD_IDEA_POST, .text = "Dolt", .n = -1));
	ok(s, F(.type = CMD_IDEA_HIDE, .idea = 3));
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .prompt = "Viktigast?", .source = a1, .budget = 3, .max_per_item = 2 };
	uint32_t a2 = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &vote));
	ck_assert_uint_eq(a2, 2);
	ok(s, F(.type = CMD_PHASE, .activity = a2, .n = PHASE_OPEN));
	const char *opts[] = { "Ja", "Nej", "Kanske" };
	struct activity_spec multi = { .kind = ACTIVITY_POLL, .prompt = "Ses igen?", .poll = POLL_MULTI, .options = opts, .n_options = 3 };
	ck_assert_uint_eq(ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &multi)), 3);
	ok(s, F(.type = CMD_PHASE, .activity = 3, .n = PHASE_OPEN));
	struct activity_spec scale = { .kind = ACTIVITY_POLL, .prompt = "Hur var det?", .poll = POLL_SCALE };
	ck_assert_uint_eq(ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &scale)), 4);
	ok(s, F(.type = CMD_PHASE, .activity = 4, .n = PHASE_OPEN));
	ok(s, F(.type = CMD_GOTO, .activity = a2));
	return s;
}

static const struct result_row *row_of(const struct result_row *rows, size_t n, uint32_t item)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].item == item) return &rows[i];
	ck_abort_msg("no row for item %u", item);
	return NULL;
}

START_TEST(test_paper_on_a_vote)
{
	struct session *s = room();
	ok(s, P(1, .type = CMD_VOTE, .item = 1, .n = 2));
	ok(s, P(2, .type = CMD_VOTE, .item = 2, .n = 1));
	/* the budget (3) and the item maximum (2) do not apply to paper */
	uint32_t b1 = ok(s, F(.type = CMD_PAPER_ADD, .table = 3, .item = 2, .n = 7, .at_ms = 5000));
	ck_assert_uint_eq(b1, 1);
	uint32_t b2 = ok(s, F(.type = CMD_PAPER_ADD, .activity = 2, .item = 1, .n = 1));
	ck_assert_uint_eq(b2, 2);
	ck_assert_int_eq(session_paper_on(s, 2, 2), 7);
	ck_assert_uint_eq(s->paper[0].table, 3);
	ck_assert_int_eq(s->paper[0].at_ms, 5000);
	struct result_row rows[8];
	size_t n = session_results(s, session_activity(s, 2), rows, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(rows[0].item, 2);   /* 1 + 7 beats 2 + 1 */
	ck_assert_int_eq(rows[0].count, 8);
	ck_assert_int_eq(rows[0].paper, 7);
	ck_assert_int_eq(rows[0].voters, 1);  /* paper is no participant */
	ck_assert_int_eq(rows[1].count, 3);
	ck_assert_int_eq(rows[1].paper, 1);
	/* zero is a count too (a table's sheet had none) */
	ok(s, F(.type = CMD_PAPER_ADD, .item = 1, .n = 0));
	session_free(s);
}
END_TEST

START_TEST(test_paper_refusals)
{
	struct session *s = room();
	refused(s, P(1, .type = CMD_PAPER_ADD, .item = 1, .n = 1), SERR_FORBIDDEN);
	refused(s, F(.type = CMD_PAPER_ADD, .item = 3, .n = 1), SERR_NO_IDEA);     /* hidden */
	refused(s, F(.type = CMD_PAPER_ADD, .item = 99, .n = 1), SERR_NO_IDEA);
	refused(s, F(.type = CMD_PAPER_ADD, .item = 1, .n = -1), SERR_BAD_VALUE);
	refused(s, F(.type = CMD_PAPER_ADD, .item = 1, .n = SESSION_PAPER_MAX_DOTS + 1), SERR_BAD_VALUE);
	ok(s, F(.type = CMD_PAPER_ADD, .item = 1, .n = SESSION_PAPER_MAX_DOTS));
	refused(s, F(.type = CMD_PAPER_ADD, .item = 1, .table = 4, .n = 1), SERR_NO_TABLE);
	refused(s, F(.type = CMD_PAPER_ADD, .activity = 1, .item = 1, .n = 1), SERR_WRONG_ACTIVITY);
	refused(s, F(.type = CMD_PAPER_ADD, .activity = 9, .item = 1, .n = 1), SERR_NO_ACTIVITY);
	refused(s, F(.type = CMD_PAPER_ADD, .activity = 3, .item = 3, .n = 1), SERR_BAD_VALUE);  /* choices 0..2 */
	refused(s, F(.type = CMD_PAPER_ADD, .activity = 4, .item = 0, .n = 1), SERR_BAD_VALUE);  /* scale 1..5 */
	refused(s, F(.type = CMD_PAPER_ADD, .activity = 4, .item = 6, .n = 1), SERR_BAD_VALUE);
	refused(s, F(.type = CMD_PAPER_CORRECT, .other = 9, .n = 1), SERR_NO_BATCH);
	refused(s, F(.type = CMD_PAPER_CORRECT, .other = 1, .n = -2), SERR_BAD_VALUE);
	refused(s, P(2, .type = CMD_PAPER_CORRECT, .other = 1, .n = 2), SERR_FORBIDDEN);
	/* a prepared activity takes no paper yet */
	struct activity_spec later = { .kind = ACTIVITY_POLL, .prompt = "Sen?", .poll = POLL_SCALE };
	uint32_t a5 = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &later));
	refused(s, F(.type = CMD_PAPER_ADD, .activity = a5, .item = 3, .n = 1), SERR_NOT_OPEN);
	/* locked and revealed still do: sheets are counted after the phones */
	ok(s, F(.type = CMD_PHASE, .activity = 2, .n = PHASE_REVEALED));
	ok(s, F(.type = CMD_PAPER_ADD, .activity = 2, .item = 2, .n = 2));
	session_free(s);
}
END_TEST

START_TEST(test_paper_on_groups)
{
	struct session *s = room();
	ok(s, F(.type = CMD_GROUP_CREATE, .activity = 1, .name = "Parken", .idea = 1));
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .prompt = "Vilken grupp?", .source = 1, .on_groups = 1, .budget = 3 };
	uint32_t a = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &vote));
	ok(s, F(.type = CMD_PHASE, .activity = a, .n = PHASE_OPEN));
	ok(s, F(.type = CMD_PAPER_ADD, .activity = a, .item = 1, .n = 4));
	refused(s, F(.type = CMD_PAPER_ADD, .activity = a, .item = 2, .n = 4), SERR_NO_GROUP);
	struct result_row rows[4];
	ck_assert_uint_eq(session_results(s, session_activity(s, a), rows, 4), 1);
	ck_assert_int_eq(rows[0].count, 4);
	ck_assert_int_eq(rows[0].paper, 4);
	session_free(s);
}
END_TEST

START_TEST(test_paper_on_polls)
{
	struct session *s = room();
	ok(s, P(1, .type = CMD_POLL_ANSWER, .activity = 3, .n = 0x5));   /* Ja and Kanske */
	ok(s, F(.type = CMD_PAPER_ADD, .activity = 3, .item = 1, .n = 6));
	ok(s, F(.type = CMD_PAPER_ADD, .activity = 4, .item = 5, .n = 2, .table = 1));
	struct result_row rows[8];
	size_t n = session_results(s, session_activity(s, 3), rows, 8);
	ck_assert_uint_eq(n, 3);
	const struct result_row *nej = row_of(rows, n, 1), *ja = row_of(rows, n, 0);
	ck_assert_int_eq(nej->count, 6);
	ck_assert_int_eq(nej->paper, 6);
	ck_assert_int_eq(nej->rank, 1);
	ck_assert_int_eq(ja->count, 1);
	ck_assert_int_eq(ja->paper, 0);
	n = session_results(s, session_activity(s, 4), rows, 8);
	ck_assert_int_eq(row_of(rows, n, 5)->count, 2);
	ck_assert_int_eq(row_of(rows, n, 5)->paper, 2);
	session_free(s);
}
END_TEST

START_TEST(test_paper_correct)
{
	struct session *s = room();
	uint32_t b1 = ok(s, F(.type = CMD_PAPER_ADD, .table = 2, .item = 1, .n = 4));
	uint32_t b2 = ok(s, F(.type = CMD_PAPER_CORRECT, .other = b1, .n = 5, .at_ms = 9000));
	ck_assert_uint_eq(b2, 2);
	ck_assert_uint_eq(s->n_paper, 2);
	ck_assert_int_eq(s->paper[0].replaced, 1);
	ck_assert_int_eq(s->paper[0].count, 4);         /* kept as it was */
	ck_assert_uint_eq(s->paper[1].replaces, b1);
	ck_assert_uint_eq(s->paper[1].table, 2);
	ck_assert_uint_eq(s->paper[1].item, 1);
	ck_assert_uint_eq(s->paper[1].activity, 2);
	ck_assert_int_eq(session_paper_on(s, 2, 1), 5);
	/* the replaced batch cannot be corrected again; the new one can */
	refused(s, F(.type = CMD_PAPER_CORRECT, .other = b1, .n = 6), SERR_NO_BATCH);
	uint32_t b3 = ok(s, F(.type = CMD_PAPER_CORRECT, .other = b2, .n = 0));
	ck_assert_int_eq(session_paper_on(s, 2, 1), 0);
	ck_assert_uint_eq(s->paper[2].replaces, b2);
	/* the event names the activity, the ack the batch */
	struct session_result r;
	struct command c = F(.type = CMD_PAPER_CORRECT, .other = b3, .n = 1);
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	ck_assert_uint_eq(r.n_events, 1);
	ck_assert_int_eq(r.events[0].type, EV_PAPER_CHANGED);
	ck_assert_uint_eq(r.events[0].id, 2);
	ck_assert_uint_eq(r.result, 4);
	/* a resend with the same cid is applied once and acked with the same batch */
	struct command d = F(.type = CMD_PAPER_ADD, .item = 2, .n = 3, .cid = "p1");
	ck_assert_int_eq(session_apply(s, &d, &r), 0);
	uint32_t first = r.result;
	ck_assert_int_eq(session_apply(s, &d, &r), 0);
	ck_assert(r.duplicate);
	ck_assert_uint_eq(r.result, first);
	ck_assert_int_eq(session_paper_on(s, 2, 2), 3);
	session_free(s);
}
END_TEST

START_TEST(test_paper_clone_and_file)
{
	struct session *s = room();
	uint32_t b1 = ok(s, F(.type = CMD_PAPER_ADD, .table = 1, .item = 2, .n = 4, .at_ms = 1700000000000LL));
	ok(s, F(.type = CMD_PAPER_CORRECT, .other = b1, .n = 3, .at_ms = 1700000060000LL));
	ok(s, F(.type = CMD_PAPER_ADD, .activity = 3, .item = 0, .n = 2, .at_ms = 1700000120000LL));
	struct session *c = session_clone(s);
	ck_assert_uint_eq(c->n_paper, 3);
	ck_assert_int_eq(session_paper_on(c, 2, 2), 3);
	char *json = store_to_json(s, 1700000200000LL, 0);
	ck_assert_ptr_nonnull(strstr(json, "\"paper\""));
	ck_assert_ptr_nonnull(strstr(json, "\"replaces\""));
	char err[256] = "";
	struct session *t = store_from_json(json, strlen(json), "test", NULL, err, sizeof err);
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_uint_eq(t->n_paper, 3);
	ck_assert_int_eq(t->paper[0].replaced, 1);
	ck_assert_int_eq(t->paper[1].replaced, 0);
	ck_assert_uint_eq(t->paper[1].replaces, b1);
	ck_assert_int_eq(t->paper[0].at_ms, 1700000000000LL);
	ck_assert_int_eq(session_paper_on(t, 2, 2), 3);
	ck_assert_int_eq(session_paper_on(t, 3, 0), 2);
	/* new batches go on from the restored ids */
	ck_assert_uint_eq(ok(t, F(.type = CMD_PAPER_ADD, .item = 1, .n = 1)), 4);
	char *again = store_to_json(t, 1700000200000LL, 0);
	ck_assert_ptr_nonnull(again);
	/* a session without paper writes no "paper" array (older files stay the same) */
	struct session *none = room();
	char *plain = store_to_json(none, 1700000200000LL, 0);
	ck_assert_ptr_null(strstr(plain, "\"paper\""));
	free(plain);
	session_free(none);
	/* bad batches are refused with a message */
	struct paper_batch bad = s->paper[2];
	bad.id = 9;
	bad.item = 7;   /* the poll has 3 choices */
	ck_assert_int_eq(session_restore_paper(t, &bad, err, sizeof err), -1);
	ck_assert(err[0]);
	bad = s->paper[2];
	ck_assert_int_eq(session_restore_paper(t, &bad, err, sizeof err), -1);   /* id 3 twice */
	bad.id = 10;
	bad.replaces = 77;
	ck_assert_int_eq(session_restore_paper(t, &bad, err, sizeof err), -1);
	bad.replaces = 0;
	bad.activity = 1;   /* an ideas activity */
	ck_assert_int_eq(session_restore_paper(t, &bad, err, sizeof err), -1);
	free(again);
	free(json);
	session_free(t);
	session_free(c);
	session_free(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("paper");
	TCase *tc = tcase_create("paper");
	tcase_add_test(tc, test_paper_on_a_vote);
	tcase_add_test(tc, test_paper_refusals);
	tcase_add_test(tc, test_paper_on_groups);
	tcase_add_test(tc, test_paper_on_polls);
	tcase_add_test(tc, test_paper_correct);
	tcase_add_test(tc, test_paper_clone_and_file);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
