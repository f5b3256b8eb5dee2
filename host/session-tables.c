/* session-tables.c: tables and rounds. Numbered tables, chosen on the phone or dealt at
 * random by the facilitator (the host gives the seed, so a replay deals the same); a scribe
 * who writes and votes for a table; an ideas activity run in rounds, each with its timer; the
 * idea a table brings forward from a round. */
#include "session-int.h"

int apply_tables_set(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_table_join(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_tables_assign(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_round_next(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_idea_forward(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int session_table_size(const struct session *s, uint32_t table)
{
	int n = 0;
	for (size_t i = 0; i < s->n_participants; i++)
		if (s->participants[i].table == table) n++;
	return n;
}
