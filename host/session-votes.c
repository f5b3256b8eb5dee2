/* session-votes.c: dots on a vote's items and answers to a poll. */
#include "session-int.h"

/* Remove participant's entry for (activity, item) or set its dots. */
void cmd_set_dots(struct session *s, uint32_t activity, uint32_t participant, uint32_t item, int dots,
                  int64_t at_ms)
{
	for (size_t i = 0; i < s->n_votes; i++) {
		struct vote *v = &s->votes[i];
		if (v->activity != activity || v->participant != participant || v->item != item) continue;
		if (dots > 0) {
			v->dots = dots;
			v->at_ms = at_ms;
		} else {
			memmove(v, v + 1, (s->n_votes - i - 1) * sizeof *v);
			s->n_votes--;
		}
		return;
	}
	if (dots <= 0) return;
	const struct participant *p = session_participant(s, participant);   /* the voter's table now */
	xgrow((void **)&s->votes, &s->cap_votes, s->n_votes + 1, sizeof *s->votes);
	s->votes[s->n_votes++] = (struct vote){ activity, participant, item, dots, at_ms, p ? p->table : 0 };
}

int apply_vote(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (cmd_actor(s, c, 0, &who, res) < 0) return -1;
	struct activity *a = cmd_target_activity(s, c, ACTIVITY_VOTE, res);
	if (!a) return -1;
	if (cmd_need_open(a, res) < 0) return -1;
	if (!session_item_votable(s, a, c->item))
		return cmd_fail(res, a->on_groups ? SERR_NO_GROUP : SERR_NO_IDEA, "There is no %s %u to vote on here.",
		            a->on_groups ? "group" : "idea", c->item);
	uint32_t table;
	if (cmd_acting_table(s, who, c->table, &table, res) < 0) return -1;
	if (c->n < 0) return cmd_fail(res, SERR_BAD_VALUE, "Dots are counted from 0.");
	if (c->n > a->max_per_item)
		return cmd_fail(res, SERR_OVER_ITEM_MAX, "At most %d dots on one item.", a->max_per_item);
	int used = session_dots_used(s, a->id, who), here = session_dots_on(s, a->id, who, c->item);
	if (used - here + c->n > a->budget)
		return cmd_fail(res, SERR_OVER_BUDGET, "You have %d of %d dots left.", a->budget - used, a->budget);
	cmd_set_dots(s, a->id, who, c->item, (int)c->n, c->at_ms);
	for (size_t i = 0; i < s->n_votes; i++)   /* the dots count for the table voted for */
		if (s->votes[i].activity == a->id && s->votes[i].participant == who && s->votes[i].item == c->item)
			s->votes[i].table = table;
	cmd_emit(res, EV_VOTES_CHANGED, a->id, who);
	return 0;
}

int apply_poll_answer(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (cmd_actor(s, c, 0, &who, res) < 0) return -1;
	struct activity *a = cmd_target_activity(s, c, ACTIVITY_POLL, res);
	if (!a) return -1;
	if (cmd_need_open(a, res) < 0) return -1;
	uint32_t v = (uint32_t)c->n;
	int ok;
	if (a->poll == POLL_SCALE) {
		ok = c->n >= 1 && c->n <= SESSION_SCALE_MAX;
	} else {
		uint32_t all = (uint32_t)((1u << a->n_options) - 1);
		ok = c->n >= 0 && c->n <= (int64_t)all && (v & ~all) == 0;
		if (ok && a->poll == POLL_SINGLE) ok = v != 0 && (v & (v - 1)) == 0;   /* exactly one */
	}
	if (!ok && a->poll == POLL_SCALE) return cmd_fail(res, SERR_BAD_VALUE, "Answer with 1 to %d.", SESSION_SCALE_MAX);
	if (!ok) return cmd_fail(res, SERR_BAD_VALUE, "Choose %s of the %zu choices.",
	                     a->poll == POLL_SINGLE ? "one" : "among", a->n_options);
	struct answer *old = (struct answer *)session_answer(s, a->id, who);
	if (old && v == 0 && a->poll == POLL_MULTI) {   /* empty multi answer: withdrawn */
		size_t i = (size_t)(old - s->answers);
		memmove(old, old + 1, (s->n_answers - i - 1) * sizeof *old);
		s->n_answers--;
	} else if (old) {
		old->value = v;
	} else if (v != 0) {
		xgrow((void **)&s->answers, &s->cap_answers, s->n_answers + 1, sizeof *s->answers);
		s->answers[s->n_answers++] = (struct answer){ a->id, who, v };
	}
	cmd_emit(res, EV_ANSWERS_CHANGED, a->id, who);
	return 0;
}
