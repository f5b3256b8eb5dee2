/* session-screen.c: screened ideas. In a screened activity a new idea waits in the
 * facilitator's queue; she approves it (as it is, or edited) or rejects it with a reason its
 * author reads in their own language. Every decision goes into the moderation log. */
#include "session-int.h"

int apply_idea_approve(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_idea_reject(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

static const char *const reject_names[REJECT_REASONS] = {
	[REJECT_OFF_TOPIC] = "off_topic", [REJECT_DUPLICATE] = "duplicate", [REJECT_PERSONAL] = "personal",
	[REJECT_HURTFUL] = "hurtful", [REJECT_UNCLEAR] = "unclear", [REJECT_OTHER] = "other",
};

const char *session_reject_name(enum reject_reason r)
{
	return (unsigned)r < REJECT_REASONS && reject_names[r] ? reject_names[r] : "?";
}

int session_reject_from_name(const char *name)
{
	for (int r = 1; name && r < REJECT_REASONS; r++)
		if (strcmp(name, reject_names[r]) == 0) return r;
	return -1;
}
