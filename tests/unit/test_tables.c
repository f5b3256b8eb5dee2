/* Unit tests of tables and rounds in the model: tables.set, table.join, tables.assign,
 * round.next, idea.forward, and the table of ideas and votes. Links the model alone. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

static uint32_t ok(struct session *s, struct command c)
{
	struct session_result r;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == 0, "command %d refused: %s", c.type, r.message);
	return r.n_events ? r.events[0].id : 0;
}

/* Apply and expect this error; nothing changed (the version, and who sits where). */
static void refused(struct session *s, struct command c, enum session_err want)
{
	struct session_result r;
	uint64_t v = s->version;
	size_t ni = s->n_ideas, nv = s->n_votes;
	int tables = s->n_tables;
	uint32_t seats[64] = { 0 };
	for (size_t i = 0; i < s->n_participants && i < 64; i++)
		seats[i] = s->participants[i].table * 2 + (uint32_t)s->participants[i].scribe;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == -1, "command %d accepted, wanted %s", c.type, session_err_code(want));
	ck_assert_msg(r.err == want, "command %d: got %s (%s), wanted %s", c.type, session_err_code(r.err), r.message,
	              session_err_code(want));
	ck_assert_msg(r.message[0] != '\0', "no message");
	ck_assert_uint_eq(r.n_events, 0);
	ck_assert_uint_eq(s->version, v);
	ck_assert_uint_eq(s->n_ideas, ni);
	ck_assert_uint_eq(s->n_votes, nv);
	ck_assert_int_eq(s->n_tables, tables);
	for (size_t i = 0; i < s->n_participants && i < 64; i++)
		ck_assert_uint_eq(seats[i], s->participants[i].table * 2 + (uint32_t)s->participants[i].scribe);
}

#define F(...) ((struct command){ .facilitator = 1, __VA_ARGS__ })
#define P(who, ...) ((struct command){ .participant = (who), __VA_ARGS__ })

static uint32_t join_n(struct session *s, int k)
{
	char tok[33];
	snprintf(tok, sizeof tok, "%032x", k + 1);
	return ok(s, (struct command){ .type = CMD_JOIN, .at_ms = 1000, .token = tok, .name = "", .lang = "sv" });
}

static const struct round_spec rounds124[] = {
	{ (char *)"Ensam", 60000 }, { (char *)"I par", 120000 }, { (char *)"I fyra", 240000 }, { (char *)"Alla", 300000 },
};

static uint32_t add_rounds(struct session *s)
{
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .prompt = "Vad kan vi göra?", .rounds = rounds124,
	                            .n_rounds = 4, .by_table = 1 };
	return ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp));
}

static uint32_t post(struct session *s, uint32_t who, const char *text)
{
	return ok(s, P(who, .type = CMD_IDEA_POST, .at_ms = 3000, .text = text, .n = -1));
}

START_TEST(test_tables_set_and_join)
{
	struct session *s = session_new("Bord", "sv", 1);
	uint32_t a = join_n(s, 0), b = join_n(s, 1);
	refused(s, P(a, .type = CMD_TABLE_JOIN, .n = 1), SERR_NO_TABLE);   /* no tables yet */
	refused(s, P(a, .type = CMD_TABLES_SET, .n = 3), SERR_FORBIDDEN);
	refused(s, F(.type = CMD_TABLES_SET, .n = 61), SERR_BAD_VALUE);
	refused(s, F(.type = CMD_TABLES_SET, .n = -1), SERR_BAD_VALUE);
	ok(s, F(.type = CMD_TABLES_SET, .n = 3));
	ck_assert_int_eq(s->n_tables, 3);
	ok(s, P(a, .type = CMD_TABLE_JOIN, .n = 3));
	ck_assert_uint_eq(session_participant(s, a)->table, 3);
	refused(s, P(a, .type = CMD_TABLE_JOIN, .n = 4), SERR_NO_TABLE);
	refused(s, P(99, .type = CMD_TABLE_JOIN, .n = 1), SERR_NOT_JOINED);
	refused(s, F(.type = CMD_TABLE_JOIN, .n = 1), SERR_FORBIDDEN);   /* she sits at no table herself */
	/* A scribe; a second scribe at the same table takes over. */
	ok(s, P(a, .type = CMD_TABLE_JOIN, .n = 2, .other = 1));
	ck_assert_int_eq(session_participant(s, a)->scribe, 1);
	ok(s, P(b, .type = CMD_TABLE_JOIN, .n = 2, .other = 1));
	ck_assert_int_eq(session_participant(s, a)->scribe, 0);
	ck_assert_int_eq(session_participant(s, b)->scribe, 1);
	ck_assert_int_eq(session_table_size(s, 2), 2);
	/* Leaving: table 0, no scribe. */
	ok(s, P(b, .type = CMD_TABLE_JOIN, .n = 0, .other = 1));
	ck_assert_uint_eq(session_participant(s, b)->table, 0);
	ck_assert_int_eq(session_participant(s, b)->scribe, 0);
	/* Fewer tables: those at a table that is gone sit at none. */
	ok(s, F(.type = CMD_TABLES_SET, .n = 1));
	ck_assert_uint_eq(session_participant(s, a)->table, 0);
	session_free(s);
}
END_TEST

START_TEST(test_proxy_joins_through_facilitator)
{
	struct session *s = session_new("Bord", "sv", 1);
	uint32_t a = join_n(s, 0);
	uint32_t p = ok(s, F(.type = CMD_PROXY_ADD, .token = "000000000000000000000000000000ff", .name = "Rut"));
	ok(s, F(.type = CMD_TABLES_SET, .n = 2));
	refused(s, P(p, .type = CMD_TABLE_JOIN, .n = 1), SERR_FORBIDDEN);   /* only she acts for a proxy */
	refused(s, F(.participant = a, .type = CMD_TABLE_JOIN, .n = 1), SERR_FORBIDDEN);
	ok(s, F(.participant = p, .type = CMD_TABLE_JOIN, .n = 2, .other = 1));
	ck_assert_uint_eq(session_participant(s, p)->table, 2);
	ck_assert_int_eq(session_participant(s, p)->scribe, 1);
	session_free(s);
}
END_TEST

/* Deal n people at size k with seed; the tables as a string "t1,t2,..." in participant order. */
static void deal(struct session *s, const uint32_t *ids, size_t n, int size, uint32_t seed)
{
	ok(s, F(.type = CMD_TABLES_ASSIGN, .n = size, .other = seed, .ids = ids, .n_ids = n));
}

START_TEST(test_assign_rules)
{
	struct session *s = session_new("Bord", "sv", 1);
	uint32_t ids[8];
	for (int i = 0; i < 8; i++) ids[i] = join_n(s, i);
	refused(s, F(.type = CMD_TABLES_ASSIGN, .n = 1, .ids = ids, .n_ids = 8), SERR_BAD_VALUE);
	refused(s, F(.type = CMD_TABLES_ASSIGN, .n = 8, .ids = ids, .n_ids = 8), SERR_BAD_VALUE);
	refused(s, F(.type = CMD_TABLES_ASSIGN, .n = 4, .ids = ids, .n_ids = 0), SERR_BAD_VALUE);
	refused(s, P(ids[0], .type = CMD_TABLES_ASSIGN, .n = 4, .ids = ids, .n_ids = 8), SERR_FORBIDDEN);
	uint32_t bad[2] = { ids[0], 77 };
	refused(s, F(.type = CMD_TABLES_ASSIGN, .n = 2, .ids = bad, .n_ids = 2), SERR_NOT_JOINED);
	/* A scribe loses the role in a new seating; the count of tables grows as needed. */
	ok(s, F(.type = CMD_TABLES_SET, .n = 1));
	ok(s, P(ids[0], .type = CMD_TABLE_JOIN, .n = 1, .other = 1));
	struct session_result r;
	struct command c = F(.type = CMD_TABLES_ASSIGN, .n = 4, .other = 42, .ids = ids, .n_ids = 8);
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	ck_assert_uint_eq(r.n_events, 1);
	ck_assert_int_eq(r.events[0].type, EV_TABLES_CHANGED);
	ck_assert_uint_eq(r.events[0].id, 0);
	ck_assert_int_eq(s->n_tables, 2);
	ck_assert_int_eq(session_table_size(s, 1), 4);
	ck_assert_int_eq(session_table_size(s, 2), 4);
	for (int i = 0; i < 8; i++) ck_assert_int_eq(s->participants[i].scribe, 0);
	/* More tables than needed stay. Repeated ids count once. */
	ok(s, F(.type = CMD_TABLES_SET, .n = 5));
	uint32_t twice[4] = { ids[0], ids[1], ids[0], ids[1] };
	deal(s, twice, 4, 2, 7);
	ck_assert_int_eq(s->n_tables, 5);
	ck_assert_uint_eq(session_participant(s, ids[0])->table, 1);
	ck_assert_uint_eq(session_participant(s, ids[1])->table, 1);
	session_free(s);
}
END_TEST

START_TEST(test_assign_replays_the_same)
{
	uint32_t seats[3][30];
	for (int run = 0; run < 3; run++) {
		struct session *s = session_new("Bord", "sv", 1);
		uint32_t ids[30];
		for (int i = 0; i < 30; i++) ids[i] = join_n(s, i);
		deal(s, ids, 30, 4, run < 2 ? 12345u : 54321u);
		for (int i = 0; i < 30; i++) seats[run][i] = s->participants[i].table;
		session_free(s);
	}
	ck_assert_mem_eq(seats[0], seats[1], sizeof seats[0]);                  /* same seed: same seats */
	ck_assert_int_ne(memcmp(seats[0], seats[2], sizeof seats[0]), 0);       /* another: others */
	int in_order = 1;   /* and the deal is shuffled, not 1,2,3,.. in joining order */
	for (int i = 0; i < 30; i++) in_order &= seats[0][i] == (uint32_t)(i % 8) + 1;
	ck_assert_int_eq(in_order, 0);
}
END_TEST

START_TEST(test_assign_sizes)
{
	for (int size = SESSION_TABLE_MIN; size <= SESSION_TABLE_MAX; size++) {
		for (int n = 5; n <= 30; n++) {
			struct session *s = session_new("Bord", "sv", 1);
			uint32_t ids[30];
			for (int i = 0; i < n; i++) ids[i] = join_n(s, i);
			deal(s, ids, (size_t)n, size, (uint32_t)(n * 31 + size));
			int want = (2 * n + size) / (2 * size);
			if (want < 1) want = 1;
			ck_assert_int_eq(session_tables_for(n, size), want);
			ck_assert_int_eq(s->n_tables, want);
			int lo = 1000, hi = 0, total = 0;
			for (int t = 1; t <= want; t++) {
				int k = session_table_size(s, (uint32_t)t);
				lo = k < lo ? k : lo;
				hi = k > hi ? k : hi;
				total += k;
			}
			ck_assert_msg(hi - lo <= 1, "%d people at %d a table: sizes %d to %d", n, size, lo, hi);
			ck_assert_int_eq(total, n);
			ck_assert_int_eq(session_table_size(s, 0), 0);
			session_free(s);
		}
	}
	ck_assert_int_eq(session_tables_for(24, 4), 6);
	ck_assert_int_eq(session_tables_for(26, 4), 7);   /* 6.5 rounds up */
	ck_assert_int_eq(session_tables_for(3, 7), 1);
	ck_assert_int_eq(session_tables_for(300, 2), SESSION_MAX_TABLES);
}
END_TEST

START_TEST(test_rounds)
{
	struct session *s = session_new("Rundor", "sv", 1);
	uint32_t a = join_n(s, 0);
	struct activity_spec plain = { .kind = ACTIVITY_IDEAS, .prompt = "Utan rundor" };
	uint32_t act0 = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &plain));
	refused(s, F(.type = CMD_ROUND_NEXT, .activity = act0), SERR_NO_ROUND);
	uint32_t act = add_rounds(s);
	const struct activity *x = session_activity(s, act);
	ck_assert_uint_eq(x->n_rounds, 4);
	ck_assert_str_eq(x->rounds[1].title, "I par");
	ck_assert_int_eq(x->by_table, 1);
	ck_assert_int_eq(x->round, 0);
	refused(s, P(a, .type = CMD_ROUND_NEXT, .activity = act), SERR_FORBIDDEN);
	refused(s, F(.type = CMD_ROUND_NEXT, .activity = 9), SERR_NO_ACTIVITY);
	for (int r = 1; r <= 4; r++) {
		ok(s, F(.type = CMD_ROUND_NEXT, .activity = act, .at_ms = 10000 * r));
		x = session_activity(s, act);
		ck_assert_int_eq(x->round, r);
		ck_assert_int_eq(x->phase, PHASE_OPEN);
		ck_assert_int_eq(x->timer.running, 1);
		ck_assert_int_eq(x->timer.duration_ms, rounds124[r - 1].ms);
		ck_assert_int_eq(x->timer.ends_ms, 10000 * r + rounds124[r - 1].ms);
	}
	refused(s, F(.type = CMD_ROUND_NEXT, .activity = act, .at_ms = 99999), SERR_NO_ROUND);
	session_free(s);
}
END_TEST

START_TEST(test_round_specs)
{
	struct session *s = session_new("Rundor", "sv", 1);
	struct session_result r;
	struct round_spec bad_title[] = { { (char *)"", 1000 } };
	struct round_spec bad_time[] = { { (char *)"Ensam", SESSION_MAX_TIMER_MS + 1 } };
	struct round_spec neg[] = { { (char *)"Ensam", -1 } };
	struct round_spec long_title[] = { { (char *)"0123456789012345678901234567890123456789012345678901234567890", 1 } };
	struct round_spec many[SESSION_MAX_ROUNDS + 1];
	for (int i = 0; i <= SESSION_MAX_ROUNDS; i++) many[i] = (struct round_spec){ (char *)"R", 0 };
	struct activity_spec sp[] = {
		{ .kind = ACTIVITY_IDEAS, .prompt = "?", .rounds = bad_title, .n_rounds = 1 },
		{ .kind = ACTIVITY_IDEAS, .prompt = "?", .rounds = bad_time, .n_rounds = 1 },
		{ .kind = ACTIVITY_IDEAS, .prompt = "?", .rounds = neg, .n_rounds = 1 },
		{ .kind = ACTIVITY_IDEAS, .prompt = "?", .rounds = long_title, .n_rounds = 1 },
		{ .kind = ACTIVITY_IDEAS, .prompt = "?", .rounds = many, .n_rounds = SESSION_MAX_ROUNDS + 1 },
		{ .kind = ACTIVITY_POLL, .prompt = "?", .poll = POLL_SCALE, .rounds = many, .n_rounds = 1 },
		{ .kind = ACTIVITY_POLL, .prompt = "?", .poll = POLL_SCALE, .by_table = 1 },
		{ .kind = ACTIVITY_IDEAS, .prompt = "?", .shuffle = 1 },
	};
	for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++) {
		struct command c = F(.type = CMD_ACTIVITY_ADD, .spec = &sp[i]);
		ck_assert_msg(session_apply(s, &c, &r) == -1 && r.err == SERR_BAD_SPEC, "spec %zu accepted", i);
	}
	struct activity_spec fine = { .kind = ACTIVITY_IDEAS, .prompt = "?", .rounds = many, .n_rounds = SESSION_MAX_ROUNDS };
	ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &fine));
	struct activity_spec sh = { .kind = ACTIVITY_POLL, .prompt = "?", .poll = POLL_SCALE, .shuffle = 1 };
	ck_assert_int_eq(session_activity(s, ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sh)))->shuffle, 1);
	session_free(s);
}
END_TEST

/* Four people at two tables, a rounds activity in round 1, a vote on it. */
struct fx { struct session *s; uint32_t p[4], act, vote; };

static struct fx fixture(void)
{
	struct fx f;
	f.s = session_new("Bord", "sv", 1);
	for (int i = 0; i < 4; i++) f.p[i] = join_n(f.s, i);
	ok(f.s, F(.type = CMD_TABLES_SET, .n = 2));
	ok(f.s, P(f.p[0], .type = CMD_TABLE_JOIN, .n = 1, .other = 1));
	ok(f.s, P(f.p[1], .type = CMD_TABLE_JOIN, .n = 1));
	ok(f.s, P(f.p[2], .type = CMD_TABLE_JOIN, .n = 2, .other = 1));
	f.act = add_rounds(f.s);
	ok(f.s, F(.type = CMD_ROUND_NEXT, .activity = f.act, .at_ms = 2000));
	return f;
}

START_TEST(test_ideas_carry_table_and_round)
{
	struct fx f = fixture();
	struct session *s = f.s;
	const struct idea *i = session_idea(s, post(s, f.p[1], "Mer grönt"));
	ck_assert_uint_eq(i->table, 1);
	ck_assert_int_eq(i->round, 1);
	ck_assert_uint_eq(session_idea(s, post(s, f.p[3], "Bänkar"))->table, 0);   /* at no table */
	ok(s, F(.type = CMD_ROUND_NEXT, .activity = f.act, .at_ms = 70000));
	ck_assert_int_eq(session_idea(s, post(s, f.p[2], "Ljus"))->round, 2);
	/* A scribe writes for their own table; no one else names a table. */
	ck_assert_uint_eq(session_idea(s, ok(s, P(f.p[0], .type = CMD_IDEA_POST, .text = "Sagt vid bordet", .n = -1,
	                                          .table = 1)))->table, 1);
	refused(s, P(f.p[0], .type = CMD_IDEA_POST, .text = "x", .n = -1, .table = 2), SERR_WRONG_TABLE);
	refused(s, P(f.p[1], .type = CMD_IDEA_POST, .text = "x", .n = -1, .table = 1), SERR_WRONG_TABLE);
	refused(s, P(f.p[3], .type = CMD_IDEA_POST, .text = "x", .n = -1, .table = 1), SERR_WRONG_TABLE);
	/* The facilitator herself may write for any table that exists. */
	ck_assert_uint_eq(session_idea(s, ok(s, F(.type = CMD_IDEA_POST, .text = "Från scenen", .n = -1, .table = 2)))
	                  ->table, 2);
	refused(s, F(.type = CMD_IDEA_POST, .text = "x", .n = -1, .table = 3), SERR_WRONG_TABLE);
	session_free(s);
}
END_TEST

START_TEST(test_forward)
{
	struct fx f = fixture();
	struct session *s = f.s;
	uint32_t i1 = post(s, f.p[0], "Ett"), i2 = post(s, f.p[1], "Två"), i3 = post(s, f.p[2], "Tre");
	uint32_t fac = ok(s, F(.type = CMD_IDEA_POST, .text = "Fyra", .n = -1));
	refused(s, P(f.p[0], .type = CMD_IDEA_FORWARD, .idea = 99, .n = 1), SERR_NO_IDEA);
	refused(s, P(f.p[0], .type = CMD_IDEA_FORWARD, .idea = i3, .n = 1), SERR_WRONG_TABLE);
	refused(s, P(f.p[3], .type = CMD_IDEA_FORWARD, .idea = i1, .n = 1), SERR_WRONG_TABLE);
	refused(s, P(42, .type = CMD_IDEA_FORWARD, .idea = i1, .n = 1), SERR_NOT_JOINED);
	ok(s, P(f.p[1], .type = CMD_IDEA_FORWARD, .idea = i1, .n = 1));
	ck_assert_int_eq(session_idea(s, i1)->forward, 1);
	/* One per table and round: a new pick replaces; another table's pick stays. */
	ok(s, P(f.p[2], .type = CMD_IDEA_FORWARD, .idea = i3, .n = 1));
	ok(s, P(f.p[0], .type = CMD_IDEA_FORWARD, .idea = i2, .n = 1));
	ck_assert_int_eq(session_idea(s, i1)->forward, 0);
	ck_assert_int_eq(session_idea(s, i2)->forward, 1);
	ck_assert_int_eq(session_idea(s, i3)->forward, 1);
	/* Taken back. */
	ok(s, P(f.p[0], .type = CMD_IDEA_FORWARD, .idea = i2, .n = 0));
	ck_assert_int_eq(session_idea(s, i2)->forward, 0);
	/* The facilitator may bring forward anything of the round. */
	ok(s, F(.type = CMD_IDEA_FORWARD, .idea = fac, .n = 1));
	ok(s, F(.type = CMD_IDEA_FORWARD, .idea = i1, .n = 1));
	ck_assert_int_eq(session_idea(s, i3)->forward, 1);
	/* Only an idea of the round now. */
	ok(s, F(.type = CMD_ROUND_NEXT, .activity = f.act, .at_ms = 70000));
	refused(s, P(f.p[0], .type = CMD_IDEA_FORWARD, .idea = i1, .n = 0), SERR_NO_ROUND);
	ck_assert_int_eq(session_idea(s, i1)->forward, 1);   /* round 1's pick is kept */
	/* No rounds: nothing to bring forward. */
	struct activity_spec plain = { .kind = ACTIVITY_IDEAS, .prompt = "Utan rundor" };
	uint32_t act0 = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &plain));
	ok(s, F(.type = CMD_PHASE, .activity = act0, .n = PHASE_OPEN));
	uint32_t i5 = ok(s, P(f.p[0], .type = CMD_IDEA_POST, .activity = act0, .text = "Fem", .n = -1));
	refused(s, P(f.p[0], .type = CMD_IDEA_FORWARD, .idea = i5, .n = 1), SERR_NO_ROUND);
	session_free(s);
}
END_TEST

START_TEST(test_votes_carry_the_table)
{
	struct fx f = fixture();
	struct session *s = f.s;
	uint32_t i1 = post(s, f.p[0], "Ett"), i2 = post(s, f.p[2], "Två");
	struct activity_spec sp = { .kind = ACTIVITY_VOTE, .prompt = "Vilka?", .source = f.act, .budget = 3,
	                            .max_per_item = 3, .by_table = 1 };
	uint32_t v = ok(s, F(.type = CMD_ACTIVITY_ADD, .spec = &sp));
	ok(s, F(.type = CMD_PHASE, .activity = v, .n = PHASE_OPEN));
	ok(s, P(f.p[1], .type = CMD_VOTE, .activity = v, .item = i1, .n = 2));
	ok(s, P(f.p[2], .type = CMD_VOTE, .activity = v, .item = i2, .n = 1, .table = 2));
	ok(s, P(f.p[3], .type = CMD_VOTE, .activity = v, .item = i2, .n = 1));
	refused(s, P(f.p[0], .type = CMD_VOTE, .activity = v, .item = i2, .n = 1, .table = 2), SERR_WRONG_TABLE);
	refused(s, P(f.p[1], .type = CMD_VOTE, .activity = v, .item = i2, .n = 1, .table = 1), SERR_WRONG_TABLE);
	ck_assert_uint_eq(s->n_votes, 3);
	ck_assert_uint_eq(s->votes[0].table, 1);
	ck_assert_uint_eq(s->votes[1].table, 2);
	ck_assert_uint_eq(s->votes[2].table, 0);
	/* A vote changed after moving tables counts for the new table. */
	ok(s, P(f.p[1], .type = CMD_TABLE_JOIN, .n = 2));
	ok(s, P(f.p[1], .type = CMD_VOTE, .activity = v, .item = i1, .n = 3));
	ck_assert_uint_eq(s->votes[0].table, 2);
	session_free(s);
}
END_TEST

/* Replaying the same commands on a fresh session gives the same seating, rounds and picks;
 * and a clone carries them. */
START_TEST(test_replay_and_clone)
{
	struct session *s[2];
	for (int run = 0; run < 2; run++) {
		struct fx f = fixture();
		uint32_t ids[4] = { f.p[0], f.p[1], f.p[2], f.p[3] };
		deal(f.s, ids, 4, 2, 99);
		uint32_t i1 = post(f.s, f.p[0], "Ett");
		ok(f.s, F(.type = CMD_IDEA_FORWARD, .idea = i1, .n = 1));
		s[run] = f.s;
	}
	for (size_t i = 0; i < 4; i++) ck_assert_uint_eq(s[0]->participants[i].table, s[1]->participants[i].table);
	struct session *c = session_clone(s[0]);
	ck_assert_str_eq(session_activity(c, 1)->rounds[3].title, "Alla");
	ck_assert_int_eq(session_activity(c, 1)->round, 1);
	ck_assert_int_eq(c->n_tables, s[0]->n_tables);
	ck_assert_int_eq(c->ideas[0].forward, 1);
	session_free(c);
	session_free(s[0]);
	session_free(s[1]);
}
END_TEST

START_TEST(test_restore_checks_tables)
{
	struct session *s = session_new("Bord", "sv", 1);
	char err[200];
	struct participant p = { .id = 1, .token = "0123456789abcdef0123456789abcdef", .name = (char *)"", .table = 2 };
	ck_assert_int_eq(session_restore_participant(s, &p, err, sizeof err), -1);
	s->n_tables = 2;
	p.scribe = 1;
	ck_assert_int_eq(session_restore_participant(s, &p, err, sizeof err), 0);
	ck_assert_int_eq(s->participants[0].scribe, 1);
	struct round_spec r[] = { { (char *)"Ensam", 60000 } };
	struct activity a = { .id = 1, .kind = ACTIVITY_IDEAS, .title = (char *)"", .prompt = (char *)"?", .rounds = r, .n_rounds = 1,
	                      .round = 2 };
	ck_assert_int_eq(session_restore_activity(s, &a, err, sizeof err), -1);
	a.round = 1;
	ck_assert_int_eq(session_restore_activity(s, &a, err, sizeof err), 0);
	ck_assert_int_eq(s->activities[0].round, 1);
	struct idea i = { .id = 1, .activity = 1, .author = 1, .text = (char *)"Ett", .category = -1, .table = 61, .round = 1 };
	ck_assert_int_eq(session_restore_idea(s, &i, err, sizeof err), -1);
	i.table = 2;
	i.forward = 2;
	ck_assert_int_eq(session_restore_idea(s, &i, err, sizeof err), -1);
	i.forward = 1;
	ck_assert_int_eq(session_restore_idea(s, &i, err, sizeof err), 0);
	ck_assert_uint_eq(s->ideas[0].table, 2);
	session_free(s);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("tables");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_tables_set_and_join);
	tcase_add_test(tc, test_proxy_joins_through_facilitator);
	tcase_add_test(tc, test_assign_rules);
	tcase_add_test(tc, test_assign_replays_the_same);
	tcase_add_test(tc, test_assign_sizes);
	tcase_add_test(tc, test_rounds);
	tcase_add_test(tc, test_round_specs);
	tcase_add_test(tc, test_ideas_carry_table_and_round);
	tcase_add_test(tc, test_forward);
	tcase_add_test(tc, test_votes_carry_the_table);
	tcase_add_test(tc, test_replay_and_clone);
	tcase_add_test(tc, test_restore_checks_tables);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
