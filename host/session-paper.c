/* session-paper.c: paper counts (issue 20). The facilitator enters a paper tally as one batch
 * ("paper, table 3: idea 7, 4 dots"); the vote's budget rules do not apply to it; a correction
 * is a new batch that replaces the earlier one, so every correction stays in the record. */
#include "session-int.h"

int apply_paper_add(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_paper_correct(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
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
	(void)s; (void)b;
	snprintf(err, errlen, "paper batches are not read yet");
	return -1;
}
