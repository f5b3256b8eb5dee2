/* session-tables.c: tables and rounds. Numbered tables, chosen on the phone or dealt at
 * random by the facilitator (the host gives the seed, so a replay deals the same); a scribe
 * who writes and votes for a table; an ideas activity run in rounds, each with its timer; the
 * idea a table brings forward from a round. */
#include "session-int.h"

int apply_tables_set(struct session *s, const struct command *c, struct session_result *res)
{
	if (c->n < 0 || c->n > SESSION_MAX_TABLES)
		return cmd_fail(res, SERR_BAD_VALUE, "A meeting has 0 to %d tables.", SESSION_MAX_TABLES);
	s->n_tables = (int)c->n;
	for (size_t i = 0; i < s->n_participants; i++) {   /* a table that is gone seats nobody */
		struct participant *p = &s->participants[i];
		if (p->table > (uint32_t)s->n_tables) {
			p->table = 0;
			p->scribe = 0;
		}
	}
	cmd_emit(res, EV_TABLES_CHANGED, 0, 0);
	return 0;
}

int apply_table_join(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (cmd_actor(s, c, 0, &who, res) < 0) return -1;
	if (c->n < 0 || c->n > s->n_tables)
		return cmd_fail(res, SERR_NO_TABLE, s->n_tables ? "The tables are 1 to %d." : "There are no tables (%d).",
		                s->n_tables);
	struct participant *p = (struct participant *)session_participant(s, who);
	p->table = (uint32_t)c->n;
	p->scribe = c->n > 0 && c->other;
	if (p->scribe) {   /* one scribe per table: a new one takes over */
		for (size_t i = 0; i < s->n_participants; i++) {
			struct participant *q = &s->participants[i];
			if (q != p && q->table == p->table && q->scribe) {
				q->scribe = 0;
				cmd_emit(res, EV_TABLES_CHANGED, q->id, 0);
			}
		}
	}
	cmd_emit(res, EV_TABLES_CHANGED, who, 0);
	return 0;
}

/* splitmix64: a small, well-mixed generator, so the same seed deals the same seating on every
 * platform and in every replay. */
static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int session_tables_for(int people, int size)
{
	if (size < 1) return 0;
	int t = (2 * people + size) / (2 * size);   /* round(people / size), halves up */
	if (t < 1) t = 1;
	return t > SESSION_MAX_TABLES ? SESSION_MAX_TABLES : t;
}

int apply_tables_assign(struct session *s, const struct command *c, struct session_result *res)
{
	if (c->n < SESSION_TABLE_MIN || c->n > SESSION_TABLE_MAX)
		return cmd_fail(res, SERR_BAD_VALUE, "A table seats %d to %d people.", SESSION_TABLE_MIN, SESSION_TABLE_MAX);
	if (c->n_ids == 0) return cmd_fail(res, SERR_BAD_VALUE, "There is nobody to seat.");
	for (size_t i = 0; i < c->n_ids; i++)
		if (!session_participant(s, c->ids[i]))
			return cmd_fail(res, SERR_NOT_JOINED, "There is no participant %u to seat.", c->ids[i]);
	/* Who, without repeats, in the order given; then shuffled (Fisher-Yates) by the seed. */
	uint32_t *who = xcalloc(c->n_ids, sizeof *who);
	size_t n = 0;
	for (size_t i = 0; i < c->n_ids; i++) {
		size_t k = 0;
		while (k < n && who[k] != c->ids[i]) k++;
		if (k == n) who[n++] = c->ids[i];
	}
	uint64_t state = c->other;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(splitmix64(&state) % i);
		uint32_t t = who[i - 1];
		who[i - 1] = who[j];
		who[j] = t;
	}
	int tables = session_tables_for((int)n, (int)c->n);
	if (s->n_tables < tables) s->n_tables = tables;
	for (size_t i = 0; i < s->n_participants; i++) s->participants[i].scribe = 0;
	for (size_t i = 0; i < n; i++) {   /* dealt like cards: sizes differ by at most one */
		struct participant *p = (struct participant *)session_participant(s, who[i]);
		p->table = (uint32_t)(i % (size_t)tables) + 1;
	}
	free(who);
	cmd_emit(res, EV_TABLES_CHANGED, 0, 0);
	return 0;
}

int apply_round_next(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	if (a->n_rounds == 0) return cmd_fail(res, SERR_NO_ROUND, "This activity is not run in rounds.");
	if (a->round >= (int)a->n_rounds)
		return cmd_fail(res, SERR_NO_ROUND, "Round %d of %zu was the last.", a->round, a->n_rounds);
	a->round++;
	struct timer *t = &a->timer;
	t->duration_ms = t->left_ms = a->rounds[a->round - 1].ms;
	t->running = t->duration_ms > 0;
	t->ends_ms = t->running ? c->at_ms + t->duration_ms : 0;
	cmd_emit(res, EV_ACTIVITY_CHANGED, a->id, 0);
	if (a->phase != PHASE_OPEN) {
		a->phase = PHASE_OPEN;
		cmd_emit(res, EV_PHASE_CHANGED, a->id, 0);
	}
	return 0;
}

int apply_idea_forward(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (cmd_actor(s, c, 1, &who, res) < 0) return -1;
	struct idea *i = cmd_target_idea(s, c->idea, res);
	if (!i) return -1;
	const struct activity *a = session_activity(s, i->activity);
	if (!a->n_rounds || !a->round || i->round != a->round)
		return cmd_fail(res, SERR_NO_ROUND, "Only an idea of the round now can be brought forward.");
	if (who) {   /* a participant brings forward their own table's ideas; the facilitator any */
		const struct participant *p = session_participant(s, who);
		if (p->table != i->table)
			return cmd_fail(res, SERR_WRONG_TABLE, "Idea %u was written at another table.", i->id);
	}
	if (c->n) {   /* one per table and round: a new pick replaces the old */
		for (size_t k = 0; k < s->n_ideas; k++) {
			struct idea *o = &s->ideas[k];
			if (o != i && o->activity == i->activity && o->table == i->table && o->round == i->round && o->forward) {
				o->forward = 0;
				cmd_emit(res, EV_IDEA_CHANGED, o->id, 0);
			}
		}
	}
	i->forward = c->n ? i->round : 0;
	cmd_emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}

/* The table an idea or a vote belongs to: the actor's own, or (scribe) the one named. */
int cmd_acting_table(const struct session *s, uint32_t who, uint32_t table, uint32_t *out,
                     struct session_result *res)
{
	const struct participant *p = who ? session_participant(s, who) : NULL;
	*out = p ? p->table : 0;
	if (!table) return 0;
	if (!who && table <= (uint32_t)s->n_tables) {   /* the facilitator herself may write for any table */
		*out = table;
		return 0;
	}
	if (!p || !p->scribe || p->table != table)
		return cmd_fail(res, SERR_WRONG_TABLE, "Only the scribe of table %u can write or vote for it.", table);
	return 0;
}

int session_table_size(const struct session *s, uint32_t table)
{
	int n = 0;
	for (size_t i = 0; i < s->n_participants; i++)
		if (s->participants[i].table == table) n++;
	return n;
}
