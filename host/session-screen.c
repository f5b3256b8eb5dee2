/* session-screen.c: screened ideas. In a screened activity a new idea waits in the
 * facilitator's queue; she approves it (as it is, or edited) or rejects it with a reason its
 * author reads in their own language. Every decision goes into the moderation log. */
#include "session-int.h"

/* The idea an approval or rejection names: it must be waiting in the queue. */
static struct idea *waiting_idea(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = cmd_target_idea(s, c->idea, res);
	if (!i) return NULL;
	if (i->status != IDEA_WAITING) {
		cmd_fail(res, SERR_NOT_WAITING, i->status == IDEA_REJECTED ? "Idea %u was rejected already." :
		         "Idea %u is not waiting to be shown.", i->id);
		return NULL;
	}
	return i;
}

int apply_idea_approve(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = waiting_idea(s, c, res);
	if (!i) return -1;
	char *text = NULL;
	if (c->text && cmd_check_idea_text_opt(c->text, i->photo != NULL, &text, res) < 0) return -1;
	if (text && strcmp(text, i->text) != 0) {   /* edit and approve: the edit is logged as an edit */
		cmd_add_log(s, c->at_ms, MOD_EDIT, i->id, 0, i->text, text);
		free(i->text);
		i->text = text;
		i->edited = 1;
	} else {
		free(text);
	}
	cmd_add_log(s, c->at_ms, MOD_APPROVE, i->id, 0, NULL, NULL);
	i->status = IDEA_SHOWN;
	i->decided_ms = c->at_ms;
	cmd_emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}

int apply_idea_reject(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = waiting_idea(s, c, res);
	if (!i) return -1;
	if (c->n < 1 || c->n >= REJECT_REASONS)
		return cmd_fail(res, SERR_BAD_VALUE, "A rejection needs a reason: off_topic, duplicate, personal, hurtful, "
		                "unclear or other.");
	char *note;
	if (cmd_check_short(c->text, SESSION_REASON_MAX_CHARS, 0, "note", SERR_TEXT_TOO_LONG, &note, res) < 0)
		return -1;
	if (!*note) {
		free(note);
		note = NULL;
	}
	cmd_add_log(s, c->at_ms, MOD_REJECT, i->id, 0, NULL, session_reject_name((enum reject_reason)c->n));
	i->status = IDEA_REJECTED;
	i->reject = (enum reject_reason)c->n;
	free(i->reject_note);
	i->reject_note = note;
	i->decided_ms = c->at_ms;
	cmd_emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
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
