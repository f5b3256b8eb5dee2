/* session-paper.c: paper counts (issue 20). The facilitator enters a paper tally as one batch
 * ("paper, table 3: idea 7, 4 dots"); the vote's budget rules do not apply to it; a correction
 * is a new batch that replaces the earlier one, so every correction stays in the record.
 * A batch can be entered once the vote or poll has opened: while it is open, locked or revealed
 * (paper sheets are often counted after the phones have voted), never while it is prepared. */
#include "session-int.h"

#define RESTORE_FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

/* Is item a thing a paper batch can count on in activity a? 0, or -1 with the error. */
static int paper_item_ok(const struct session *s, const struct activity *a, uint32_t item,
                         struct session_result *res)
{
	if (a->kind == ACTIVITY_VOTE) {
		if (session_item_votable(s, a, item)) return 0;
		if (a->on_groups) return cmd_fail(res, SERR_NO_GROUP, "There is no group %u to count paper dots on.", item);
		return cmd_fail(res, SERR_NO_IDEA, "There is no idea %u to count paper dots on.", item);
	}
	if (a->poll == POLL_SCALE) {
		if (item >= 1 && item <= SESSION_SCALE_MAX) return 0;
		return cmd_fail(res, SERR_BAD_VALUE, "A scale value is 1 to %d.", SESSION_SCALE_MAX);
	}
	if (item < a->n_options) return 0;
	return cmd_fail(res, SERR_BAD_VALUE, "The poll has choices 0 to %zu.", a->n_options ? a->n_options - 1 : 0);
}

static int paper_count_ok(int64_t n, struct session_result *res)
{
	if (n < 0 || n > SESSION_PAPER_MAX_DOTS)
		return cmd_fail(res, SERR_BAD_VALUE, "A paper count is 0 to %d.", SESSION_PAPER_MAX_DOTS);
	return 0;
}

static struct paper_batch *append_batch(struct session *s, const struct paper_batch *b)
{
	xgrow((void **)&s->paper, &s->cap_paper, s->n_paper + 1, sizeof *s->paper);
	struct paper_batch *d = &s->paper[s->n_paper++];
	*d = *b;
	if (d->id >= s->next_paper_id) s->next_paper_id = d->id + 1;
	return d;
}

int apply_paper_add(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	if (a->kind != ACTIVITY_VOTE && a->kind != ACTIVITY_POLL)
		return cmd_fail(res, SERR_WRONG_ACTIVITY, "Paper counts go to a vote or a poll.");
	if (a->phase == PHASE_PREPARED) return cmd_fail(res, SERR_NOT_OPEN, "The activity has not opened yet.");
	if (c->table > (uint32_t)s->n_tables)
		return cmd_fail(res, SERR_NO_TABLE, "There is no table %u.", c->table);
	if (paper_item_ok(s, a, c->item, res) < 0) return -1;
	if (paper_count_ok(c->n, res) < 0) return -1;
	struct paper_batch b = { .id = s->next_paper_id, .activity = a->id, .table = c->table, .item = c->item,
	                         .count = (int)c->n, .at_ms = c->at_ms };
	struct paper_batch *d = append_batch(s, &b);
	cmd_emit(res, EV_PAPER_CHANGED, a->id, d->id);
	res->result = d->id;
	return 0;
}

int apply_paper_correct(struct session *s, const struct command *c, struct session_result *res)
{
	struct paper_batch *old = NULL;
	for (size_t i = 0; i < s->n_paper; i++)
		if (s->paper[i].id == c->other) old = &s->paper[i];
	if (!old || old->replaced)
		return cmd_fail(res, SERR_NO_BATCH, old ? "Paper batch %u was corrected already: correct the newest one."
		                                        : "There is no paper batch %u.", c->other);
	if (paper_count_ok(c->n, res) < 0) return -1;
	struct paper_batch b = { .id = s->next_paper_id, .activity = old->activity, .table = old->table,
	                         .item = old->item, .count = (int)c->n, .replaces = old->id, .at_ms = c->at_ms };
	size_t at = (size_t)(old - s->paper);
	struct paper_batch *d = append_batch(s, &b);   /* may move the array */
	s->paper[at].replaced = 1;
	cmd_emit(res, EV_PAPER_CHANGED, d->activity, d->id);
	res->result = d->id;
	return 0;
}

int session_paper_on(const struct session *s, uint32_t activity, uint32_t item)
{
	int n = 0;
	for (size_t i = 0; i < s->n_paper; i++) {
		const struct paper_batch *b = &s->paper[i];
		if (b->activity == activity && b->item == item && !b->replaced) n += b->count;
	}
	return n;
}

int session_restore_paper(struct session *s, const struct paper_batch *b, char *err, size_t errlen)
{
	const struct activity *a = session_activity(s, b->activity);
	if (!a || (a->kind != ACTIVITY_VOTE && a->kind != ACTIVITY_POLL))
		RESTORE_FAIL("paper batch %u names activity %u, which is no vote or poll", b->id, b->activity);
	if (!b->id) RESTORE_FAIL("a paper batch has no id");
	for (size_t i = 0; i < s->n_paper; i++)
		if (s->paper[i].id == b->id) RESTORE_FAIL("paper batch %u is there twice", b->id);
	if (b->count < 0 || b->count > SESSION_PAPER_MAX_DOTS) RESTORE_FAIL("paper batch %u has a count out of range", b->id);
	if (b->table > SESSION_MAX_TABLES) RESTORE_FAIL("paper batch %u names table %u", b->id, b->table);
	if (a->kind == ACTIVITY_POLL && (a->poll == POLL_SCALE ? b->item < 1 || b->item > SESSION_SCALE_MAX
	                                                        : b->item >= a->n_options))
		RESTORE_FAIL("paper batch %u names a choice the poll does not have", b->id);
	if (b->replaces) {
		struct paper_batch *old = NULL;
		for (size_t i = 0; i < s->n_paper; i++)
			if (s->paper[i].id == b->replaces) old = &s->paper[i];
		if (!old || old->activity != b->activity || old->item != b->item)
			RESTORE_FAIL("paper batch %u replaces batch %u, which is not before it", b->id, b->replaces);
		old->replaced = 1;
	}
	struct paper_batch c = *b;
	c.replaced = 0;   /* a later batch marks it */
	append_batch(s, &c);
	return 0;
}
