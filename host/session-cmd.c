/* session-cmd.c: the command table, session_apply, a resend recognised by its cid, and the
 * checks and lookups every command's apply function shares. Pure, like all of the model. */
#include "session-int.h"

/* ---- applying commands ------------------------------------------------------------------ */

/* Record an error in res and return -1; the session is left as it was. */
int cmd_fail(struct session_result *res, enum session_err e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	res->err = e;
	vsnprintf(res->message, sizeof res->message, fmt, ap);
	va_end(ap);
	res->n_events = 0;
	return -1;
}

void cmd_emit(struct session_result *res, enum event_type t, uint32_t id, uint32_t other)
{
	for (size_t i = 0; i < res->n_events; i++)   /* one of each is enough */
		if (res->events[i].type == t && res->events[i].id == id && res->events[i].other == other) return;
	if (res->n_events == SESSION_MAX_EVENTS) return;   /* no command comes near: see the header */
	res->events[res->n_events++] = (struct event){ t, id, other };
}

int cmd_token_valid(const char *t)
{
	size_t n = 0;
	for (; t[n]; n++)
		if (!((t[n] >= '0' && t[n] <= '9') || (t[n] >= 'a' && t[n] <= 'f'))) return 0;
	return n == SESSION_TOKEN_LEN;
}

int cmd_lang_valid(const char *l)
{
	size_t n = strlen(l);
	if (n > SESSION_LANG_MAX) return 0;
	for (size_t i = 0; i < n; i++) {
		char c = l[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return n == 0 || (l[0] != '-' && l[n - 1] != '-');
}

/* ---- display names ---------------------------------------------------------------------- */
/* Cleaning and the role words are in name.c. */

/* Check a display name given in a command and clean it (see above). keep: the name the
 * participant has now, which may be given again unchanged even if it would not be taken new
 * (a name from an older session file). On success *out is the cleaned copy (caller frees). */
int cmd_check_name(const char *text, int required, const char *keep, char **out, struct session_result *res)
{
	*out = NULL;
	if (!text) text = "";
	if (!utf8_valid(text, strlen(text))) return cmd_fail(res, SERR_BAD_UTF8, "The name is not valid UTF-8.");
	char *t = name_clean(text);
	size_t n = utf8_count(t, strlen(t));
	if (keep && (strcmp(text, keep) == 0 || strcmp(t, keep) == 0)) {
		free(t);
		*out = xstrdup(keep);
		return 0;
	}
	if (n > SESSION_NAME_MAX_CHARS) {
		free(t);
		return cmd_fail(res, SERR_NAME_TOO_LONG, "A name can have at most %d characters (this one has %zu).",
		            SESSION_NAME_MAX_CHARS, n);
	}
	if (required && n == 0) {
		free(t);
		return cmd_fail(res, SERR_EMPTY_TEXT, "The name is empty.");
	}
	if (name_role_word(t)) {
		free(t);
		return cmd_fail(res, SERR_NAME_RESERVED, "A name cannot be a role in the meeting, such as facilitator, "
		            "moderator or interpreter. Please choose another name.");
	}
	*out = t;
	return 0;
}

/* Check a short text (a group name): valid UTF-8, at most max code points after trimming,
 * non-empty when required. On success *out is the trimmed copy (caller frees). */
int cmd_check_short(const char *text, size_t max, int required, const char *what,
                    enum session_err too_long, char **out, struct session_result *res)
{
	*out = NULL;
	if (!text) text = "";
	if (!utf8_valid(text, strlen(text)))
		return cmd_fail(res, SERR_BAD_UTF8, "The %s is not valid UTF-8.", what);
	char *t = utf8_trim(text);
	size_t n = utf8_count(t, strlen(t));
	if (n > max) {
		free(t);
		return cmd_fail(res, too_long, "A %s can have at most %zu characters (this one has %zu).", what, max, n);
	}
	if (required && n == 0) {
		free(t);
		return cmd_fail(res, SERR_EMPTY_TEXT, "The %s is empty.", what);
	}
	*out = t;
	return 0;
}

/* Check idea text; on success *out is the trimmed copy (caller frees). */
int cmd_check_idea_text(const char *text, char **out, struct session_result *res)
{
	return cmd_check_idea_text_opt(text, 0, out, res);
}

/* The same; with empty_ok (an idea that is a photo) the text may be empty or absent. */
int cmd_check_idea_text_opt(const char *text, int empty_ok, char **out, struct session_result *res)
{
	*out = NULL;
	if (!text && empty_ok) text = "";
	if (!text) return cmd_fail(res, SERR_EMPTY_TEXT, "The idea is empty.");
	if (!utf8_valid(text, strlen(text)))
		return cmd_fail(res, SERR_BAD_UTF8, "The idea is not valid UTF-8.");
	char *t = utf8_trim(text);
	size_t n = utf8_count(t, strlen(t));
	if (n == 0 && !empty_ok) {
		free(t);
		return cmd_fail(res, SERR_EMPTY_TEXT, "The idea is empty.");
	}
	if (n > SESSION_IDEA_MAX_CHARS) {
		free(t);
		return cmd_fail(res, SERR_TEXT_TOO_LONG, "An idea can have at most %d characters (this one has %zu).",
		            SESSION_IDEA_MAX_CHARS, n);
	}
	*out = t;
	return 0;
}

/* A photo as an idea names it: the name the host stored it under, and its pixels. */
int cmd_check_photo(const char *name, int w, int h, struct session_result *res)
{
	if (!photo_name_valid(name))
		return cmd_fail(res, SERR_BAD_PHOTO, "A photo is named by its content: 64 hex digits and .jpg or .png.");
	if (w < 1 || h < 1 || w > PHOTO_MAX_SIDE || h > PHOTO_MAX_SIDE)
		return cmd_fail(res, SERR_BAD_PHOTO, "A photo has 1 to %d pixels on each side.", PHOTO_MAX_SIDE);
	return 0;
}

static int cmd_need_facilitator(const struct command *c, struct session_result *res)
{
	if (c->facilitator) return 0;
	if (c->interpreter)
		return cmd_fail(res, SERR_INTERPRETER, "An interpreter adds renderings of ideas; hiding, editing, "
		                "grouping and changing phases are for the facilitator.");
	return cmd_fail(res, SERR_FORBIDDEN, "Only the facilitator can do that.");
}

static int cmd_need_interpreter(const struct command *c, struct session_result *res)
{
	if (c->facilitator || c->interpreter) return 0;
	return cmd_fail(res, SERR_FORBIDDEN, "Only an interpreter or the facilitator can add a rendering.");
}

/* Who acts: a phone's participant, or (facilitator) herself (0) or a proxy participant.
 * self_ok: the facilitator may act as herself. Returns 0 and *who, or -1. */
int cmd_actor(const struct session *s, const struct command *c, int self_ok, uint32_t *who,
              struct session_result *res)
{
	*who = c->participant;
	if (c->participant == 0) {
		if (c->facilitator && self_ok) return 0;
		if (c->facilitator) return cmd_fail(res, SERR_FORBIDDEN, "Choose the person without a phone to act for.");
		return cmd_fail(res, SERR_NOT_JOINED, "Join the session first.");
	}
	const struct participant *p = session_participant(s, c->participant);
	if (!p) return cmd_fail(res, SERR_NOT_JOINED, "Join the session first.");
	if (c->facilitator && !p->proxy)
		return cmd_fail(res, SERR_FORBIDDEN, "The facilitator can act only for people added without a phone.");
	if (!c->facilitator && p->proxy)
		return cmd_fail(res, SERR_FORBIDDEN, "Only the facilitator can act for this person.");
	return 0;
}

/* The activity a command names (0 = current), of the wanted kind (0 = any). */
struct activity *cmd_target_activity(struct session *s, const struct command *c, enum activity_kind kind,
                                     struct session_result *res)
{
	uint32_t id = c->activity ? c->activity : s->current_activity;
	struct activity *a = id ? cmd_act_mut(s, id) : NULL;
	if (!a) {
		if (c->activity) cmd_fail(res, SERR_NO_ACTIVITY, "There is no activity %u.", c->activity);
		else cmd_fail(res, SERR_NO_ACTIVITY, "There is no activity yet.");
		return NULL;
	}
	if (kind && a->kind != kind) {
		cmd_fail(res, SERR_WRONG_ACTIVITY, "\"%.60s\" is not %s activity.", a->title[0] ? a->title : a->prompt,
		     kind == ACTIVITY_IDEAS ? "an ideas" : kind == ACTIVITY_VOTE ? "a vote" : kind == ACTIVITY_POLL ? "a poll"
		     : "a consent");
		return NULL;
	}
	return a;
}

int cmd_need_open(const struct activity *a, struct session_result *res)
{
	static const char *const why[] = {
		[PHASE_PREPARED] = "has not opened yet",
		[PHASE_LOCKED] = "is closed",
		[PHASE_REVEALED] = "is closed",
	};
	if (a->phase == PHASE_OPEN) return 0;
	return cmd_fail(res, SERR_NOT_OPEN, "This activity %s.", why[a->phase] ? why[a->phase] : "is not open");
}

/* An idea the facilitator may work on: exists, not merged away. */
struct idea *cmd_target_idea(struct session *s, uint32_t id, struct session_result *res)
{
	struct idea *i = cmd_idea_mut(s, id);
	if (!i) {
		cmd_fail(res, SERR_NO_IDEA, "There is no idea %u.", id);
		return NULL;
	}
	if (i->merged_into) {
		cmd_fail(res, SERR_NO_IDEA, "Idea %u was merged into idea %u.", id, i->merged_into);
		return NULL;
	}
	return i;
}

void cmd_add_log(struct session *s, int64_t at, enum mod_kind kind, uint32_t idea, uint32_t other,
                 const char *before, const char *after)
{
	xgrow((void **)&s->log, &s->cap_log, s->n_log + 1, sizeof *s->log);
	s->log[s->n_log++] = (struct mod_entry){ at, kind, idea, other, before ? xstrdup(before) : NULL,
	                                         after ? xstrdup(after) : NULL };
}

/* Drop every dot on item in the votes on groups (groups=1) or ideas of activity src. */
void cmd_drop_votes_on(struct session *s, uint32_t src, int groups, uint32_t item, struct session_result *res)
{
	for (size_t k = 0; k < s->n_activities; k++) {
		const struct activity *v = &s->activities[k];
		if (v->kind != ACTIVITY_VOTE || v->source != src || !!v->on_groups != groups) continue;
		int touched = 0;
		for (size_t i = 0; i < s->n_votes;) {
			if (s->votes[i].activity == v->id && s->votes[i].item == item) {
				memmove(&s->votes[i], &s->votes[i + 1], (s->n_votes - i - 1) * sizeof *s->votes);
				s->n_votes--;
				touched = 1;
			} else {
				i++;
			}
		}
		if (touched) cmd_emit(res, EV_VOTES_CHANGED, v->id, 0);
	}
}

struct group *cmd_target_group(struct session *s, uint32_t id, struct session_result *res)
{
	struct group *g = cmd_group_mut(s, id);
	if (!g || g->removed) {
		cmd_fail(res, SERR_NO_GROUP, "There is no group %u.", id);
		return NULL;
	}
	return g;
}

/* The command table (ORDER CMD: enum cmd_type in session.h). Who may send a command is
 * checked here from .flags, before its apply function runs. */
#define F CMD_FACILITATOR
const struct cmd_entry cmd_table[CMD_COUNT] = {
	[CMD_JOIN]          = { "join",         NULL,          CMD_NO_DEDUPE, apply_join },
	[CMD_PROXY_ADD]     = { "proxy.add",    "participant", F, apply_proxy_add },
	[CMD_IDEA_POST]     = { "idea.post",    "idea",        0, apply_idea_post },
	[CMD_ACTIVITY_ADD]  = { "activity.add", "activity",    F, apply_activity_add },
	[CMD_GOTO]          = { "goto",         NULL,          F, apply_goto },
	[CMD_PHASE]         = { "phase",        NULL,          F, apply_phase },
	[CMD_TIMER_SET]     = { "timer.set",    NULL,          F, apply_timer },
	[CMD_TIMER_START]   = { "timer.start",  NULL,          F, apply_timer },
	[CMD_TIMER_PAUSE]   = { "timer.pause",  NULL,          F, apply_timer },
	[CMD_TIMER_ADD]     = { "timer.add",    NULL,          F, apply_timer },
	[CMD_TIMER_EXPIRE]  = { "timer.expire", NULL,          CMD_NO_DEDUPE, apply_timer },
	[CMD_VOTE]          = { "vote",         NULL,          0, apply_vote },
	[CMD_POLL_ANSWER]   = { "poll.answer",  NULL,          0, apply_poll_answer },
	[CMD_GROUP_CREATE]  = { "group.create", "group",       F, apply_group_create },
	[CMD_GROUP_RENAME]  = { "group.rename", NULL,          F, apply_group_rename },
	[CMD_GROUP_REMOVE]  = { "group.remove", NULL,          F, apply_group_remove },
	[CMD_IDEA_GROUP]    = { "idea.group",   NULL,          F, apply_idea_group },
	[CMD_IDEA_HIDE]     = { "idea.hide",    NULL,          F, apply_idea_hide },
	[CMD_IDEA_RESTORE]  = { "idea.restore", NULL,          F, apply_idea_hide },
	[CMD_IDEA_EDIT]     = { "idea.edit",    NULL,          F, apply_idea_edit },
	[CMD_IDEA_MERGE]    = { "idea.merge",   NULL,          F, apply_idea_merge },
	[CMD_IDEA_INTERPRET] = { "idea.interpret", NULL,       0, apply_idea_interpret },
	[CMD_RENDER]        = { "render",       NULL,          CMD_INTERPRETER, apply_render },
	[CMD_SIGNAL]        = { "signal",       NULL,          CMD_NO_DEDUPE, apply_signal },   /* nothing kept per person */
	[CMD_TABLES_SET]    = { "tables.set",   NULL,          F, apply_tables_set },
	[CMD_TABLE_JOIN]    = { "table.join",   NULL,          0, apply_table_join },
	[CMD_TABLES_ASSIGN] = { "tables.assign", NULL,         F, apply_tables_assign },
	[CMD_ROUND_NEXT]    = { "round.next",   NULL,          F, apply_round_next },
	[CMD_IDEA_FORWARD]  = { "idea.forward", NULL,          0, apply_idea_forward },
	[CMD_IDEA_APPROVE]  = { "idea.approve", NULL,          F, apply_idea_approve },
	[CMD_IDEA_REJECT]   = { "idea.reject",  NULL,          F, apply_idea_reject },
	[CMD_CONSENT_ANSWER] = { "consent.answer", NULL,       0, apply_consent_answer },
	[CMD_CONSENT_AMEND] = { "consent.amend", NULL,         F, apply_consent_amend },
	[CMD_MORETIME_ASK]  = { "moretime.ask", NULL,          F, apply_moretime_ask },
	[CMD_MORETIME_ANSWER] = { "moretime.answer", NULL,     0, apply_moretime_answer },
	[CMD_MORETIME_CLOSE] = { "moretime.close", NULL,       F, apply_moretime_close },
	[CMD_ACTION_ADD]    = { "action.add",   "action",      F, apply_action_add },
	[CMD_ACTION_EDIT]   = { "action.edit",  NULL,          F, apply_action_edit },
	[CMD_ACTION_STATUS] = { "action.status", NULL,         F, apply_action_status },
	[CMD_ACTION_VOLUNTEER] = { "action.volunteer", NULL,   0, apply_action_volunteer },
	[CMD_ACTION_CONFIRM] = { "action.confirm", NULL,       F, apply_action_confirm },
	[CMD_PAPER_ADD]     = { "paper.add",    "batch",       F, apply_paper_add },
	[CMD_PAPER_CORRECT] = { "paper.correct", "batch",      F, apply_paper_correct },
};
#undef F
_Static_assert(NELEM(cmd_table) == CMD_COUNT, "one row per command type");

const struct cmd_entry *session_cmd(enum cmd_type t)
{
	if ((int)t <= 0 || (int)t >= CMD_COUNT || !cmd_table[t].apply) return NULL;
	return &cmd_table[t];
}

enum cmd_type session_cmd_from_name(const char *name)
{
	for (int t = 1; name && t < CMD_COUNT; t++)
		if (cmd_table[t].name && strcmp(cmd_table[t].name, name) == 0) return (enum cmd_type)t;
	return 0;
}

/* The ring of recent cids of an actor (0 = the facilitator); NULL for unknown participants. */
static struct recent_cid *cid_ring(struct session *s, uint32_t actor, unsigned **next)
{
	if (actor == 0) {
		*next = &s->fac_recent_next;
		return s->fac_recent;
	}
	struct participant *p = (struct participant *)session_participant(s, actor);
	if (!p) return NULL;
	*next = &p->recent_next;
	return p->recent;
}

void session_remember_cid(struct session *s, uint32_t actor, const char *cid, uint32_t result)
{
	unsigned *next;
	struct recent_cid *ring = cid_ring(s, actor, &next);
	if (!ring || !cid || !*cid) return;
	struct recent_cid *r = &ring[*next % SESSION_RECENT_CIDS];
	strlcpy_m(r->cid, cid, sizeof r->cid);
	r->result = result;
	*next = (*next + 1) % SESSION_RECENT_CIDS;
}

int session_apply(struct session *s, const struct command *cmd, struct session_result *res)
{
	res->err = SERR_OK;
	res->message[0] = '\0';
	res->n_events = 0;
	res->duplicate = 0;
	res->result = 0;
	/* A resend of a message already applied (same actor, same cid): answer as before. Joins
	 * and the clock's commands have no actor to remember them by. */
	const struct cmd_entry *row = session_cmd(cmd->type);
	if (!row) return cmd_fail(res, SERR_BAD_COMMAND, "Unknown command %d.", (int)cmd->type);
	int dedupe = cmd->cid && *cmd->cid && !(row->flags & CMD_NO_DEDUPE) &&
	             (cmd->participant != 0 || cmd->facilitator);
	if (dedupe) {
		unsigned *next;
		struct recent_cid *ring = cid_ring(s, cmd->participant, &next);
		for (size_t i = 0; ring && i < SESSION_RECENT_CIDS; i++) {
			if (strcmp(ring[i].cid, cmd->cid) != 0) continue;
			res->duplicate = 1;
			res->result = ring[i].result;
			return 0;
		}
	}
	if ((row->flags & CMD_FACILITATOR) && cmd_need_facilitator(cmd, res) < 0) return -1;
	if ((row->flags & CMD_INTERPRETER) && cmd_need_interpreter(cmd, res) < 0) return -1;
	int rc = row->apply(s, cmd, res);
	if (rc == 0) {
		s->version++;
		if (!res->result) res->result = res->n_events ? res->events[0].id : 0;   /* or what apply set */
		if (dedupe) session_remember_cid(s, cmd->participant, cmd->cid, res->result);
	}
	return rc;
}
