/* session-actions.c: from ideas to actions (issue 20). In an actions activity ("now what") the
 * facilitator turns ideas or groups into actions: what, who takes it, by when, and how it
 * stands (planned, started, done, dropped) with a note; a participant can volunteer, and the
 * facilitator confirms. Every change is kept in the action log, for its history across meetings. */
#include "session-int.h"

/* A "by when": "" (none), or a real date YYYY-MM-DD (1900..9999, the month's own days). */
static int date_valid(const char *d)
{
	if (!*d) return 1;
	if (strlen(d) != SESSION_DATE_LEN || d[4] != '-' || d[7] != '-') return 0;
	for (int i = 0; i < SESSION_DATE_LEN; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) return 0;
	int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	int m = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || m < 1 || m > 12 || day < 1) return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return day <= days[m - 1] + (m == 2 && leap);
}

static int check_due(const char *due, struct session_result *res)
{
	if (!date_valid(due))
		return cmd_fail(res, SERR_BAD_DATE, "\"By when\" is a date like 2026-03-31 (or nothing).");
	return 0;
}

/* Who takes an action: trimmed, at most SESSION_WHO_MAX_CHARS, may be empty. */
static int check_who(const char *who, char **out, struct session_result *res)
{
	return cmd_check_short(who, SESSION_WHO_MAX_CHARS, 0, "name of who takes it", SERR_TEXT_TOO_LONG, out, res);
}

/* A note on a status change: trimmed, at most SESSION_REASON_MAX_CHARS; *out NULL when none. */
static int check_note(const char *note, char **out, struct session_result *res)
{
	*out = NULL;
	if (!note) return 0;
	char *t;
	if (cmd_check_short(note, SESSION_REASON_MAX_CHARS, 0, "note", SERR_TEXT_TOO_LONG, &t, res) < 0) return -1;
	if (*t) *out = t;
	else free(t);
	return 0;
}

static struct action *action_mut(struct session *s, uint32_t id, struct session_result *res)
{
	struct action *a = (struct action *)session_action(s, id);
	if (!a) cmd_fail(res, SERR_NO_ACTION, "There is no action %u.", id);
	return a;
}

/* Every add, edit, status change and confirmation is kept in the action log, with the status
 * and note the action has after it. */
static void log_change(struct session *s, const struct action *a, int64_t at)
{
	xgrow((void **)&s->action_log, &s->cap_action_log, s->n_action_log + 1, sizeof *s->action_log);
	s->action_log[s->n_action_log++] = (struct action_change){ a->id, at, a->status, a->note ? xstrdup(a->note) : NULL };
}

int apply_action_add(struct session *s, const struct command *c, struct session_result *res)
{
	const struct activity *act = cmd_target_activity(s, c, 0, res);
	if (!act) return -1;
	if (act->kind != ACTIVITY_ACTIONS)
		return cmd_fail(res, SERR_WRONG_ACTIVITY, "\"%.60s\" is not an actions activity.",
		                act->title[0] ? act->title : act->prompt);
	if (c->idea && !cmd_target_idea(s, c->idea, res)) return -1;
	if (c->group && !cmd_target_group(s, c->group, res)) return -1;
	const char *due = c->lang ? c->lang : "";
	if (check_due(due, res) < 0) return -1;
	char *text, *who;
	if (cmd_check_idea_text(c->text, &text, res) < 0) return -1;
	if (check_who(c->name, &who, res) < 0) {
		free(text);
		return -1;
	}
	xgrow((void **)&s->actions, &s->cap_actions, s->n_actions + 1, sizeof *s->actions);
	struct action *a = &s->actions[s->n_actions++];
	memset(a, 0, sizeof *a);
	a->id = s->next_action_id++;
	a->activity = act->id;
	a->idea = c->idea;
	a->group = c->group;
	a->text = text;
	a->who = who;
	memcpy(a->due, due, strlen(due) + 1);
	a->status = ACTION_PLANNED;
	a->created_ms = a->updated_ms = c->at_ms;
	log_change(s, a, c->at_ms);
	cmd_emit(res, EV_ACTION_CHANGED, a->id, 0);
	return 0;
}

int apply_action_edit(struct session *s, const struct command *c, struct session_result *res)
{
	struct action *a = action_mut(s, c->other, res);
	if (!a) return -1;
	if (c->lang && check_due(c->lang, res) < 0) return -1;
	char *text = NULL, *who = NULL;
	if (c->text && cmd_check_idea_text(c->text, &text, res) < 0) return -1;
	if (c->name && check_who(c->name, &who, res) < 0) {
		free(text);
		return -1;
	}
	if (text) {
		free(a->text);
		a->text = text;
	}
	if (who) {
		free(a->who);
		a->who = who;
	}
	if (c->lang) memcpy(a->due, c->lang, strlen(c->lang) + 1);
	a->updated_ms = c->at_ms;
	log_change(s, a, c->at_ms);
	cmd_emit(res, EV_ACTION_CHANGED, a->id, 0);
	return 0;
}

int apply_action_status(struct session *s, const struct command *c, struct session_result *res)
{
	struct action *a = action_mut(s, c->other, res);
	if (!a) return -1;
	if (c->n < ACTION_PLANNED || c->n >= ACTION_STATUSES)
		return cmd_fail(res, SERR_BAD_VALUE, "The status is planned, started, done or dropped.");
	char *note;
	if (check_note(c->text, &note, res) < 0) return -1;
	a->status = (enum action_status)c->n;
	free(a->note);
	a->note = note;
	a->updated_ms = c->at_ms;
	log_change(s, a, c->at_ms);
	cmd_emit(res, EV_ACTION_CHANGED, a->id, 0);
	return 0;
}

int apply_action_volunteer(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (cmd_actor(s, c, 0, &who, res) < 0) return -1;   /* a participant (or one the facilitator acts for) */
	struct action *a = action_mut(s, c->other, res);
	if (!a) return -1;
	if (a->volunteer && a->volunteer != who)
		return cmd_fail(res, SERR_BAD_VALUE, "Someone else has offered to take this action; the facilitator decides first.");
	char *offer;
	if (cmd_check_short(c->name, SESSION_WHO_MAX_CHARS, 1, "name of who takes it", SERR_TEXT_TOO_LONG, &offer, res) < 0)
		return -1;
	free(a->offer);
	a->offer = offer;
	a->volunteer = who;
	a->updated_ms = c->at_ms;
	cmd_emit(res, EV_ACTION_CHANGED, a->id, 0);
	return 0;
}

int apply_action_confirm(struct session *s, const struct command *c, struct session_result *res)
{
	struct action *a = action_mut(s, c->other, res);
	if (!a) return -1;
	if (!a->volunteer) return cmd_fail(res, SERR_NO_VOLUNTEER, "Nobody has offered to take action %u.", a->id);
	if (c->n) {   /* confirmed: the volunteer's words are who takes it */
		free(a->who);
		a->who = a->offer ? a->offer : xstrdup("");
	} else {
		free(a->offer);
	}
	a->offer = NULL;
	a->volunteer = 0;
	a->updated_ms = c->at_ms;
	if (c->n) log_change(s, a, c->at_ms);
	cmd_emit(res, EV_ACTION_CHANGED, a->id, 0);
	return 0;
}

const struct action *session_action(const struct session *s, uint32_t id)
{
	size_t lo = 0, hi = s->n_actions;   /* ids are appended in increasing order */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->actions[mid].id == id) return &s->actions[mid];
		if (s->actions[mid].id < id) lo = mid + 1; else hi = mid;
	}
	return NULL;
}

static const char *const status_names[ACTION_STATUSES] = { "planned", "started", "done", "dropped" };

const char *session_action_status_name(enum action_status st)
{
	return (unsigned)st < ACTION_STATUSES ? status_names[st] : "?";
}

int session_action_status_from_name(const char *name)
{
	for (int k = 0; name && k < ACTION_STATUSES; k++)
		if (strcmp(name, status_names[k]) == 0) return k;
	return -1;
}

#define RESTORE_FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

int session_restore_action(struct session *s, const struct action *a, char *err, size_t errlen)
{
	if (a->id == 0 || (s->n_actions && a->id <= s->actions[s->n_actions - 1].id))
		RESTORE_FAIL("action id %u is zero or not increasing", a->id);
	const struct activity *act = session_activity(s, a->activity);
	if (!act || act->kind != ACTIVITY_ACTIONS) RESTORE_FAIL("action %u names activity %u, which is no actions activity", a->id, a->activity);
	if (a->idea && !session_idea(s, a->idea)) RESTORE_FAIL("action %u names unknown idea %u", a->id, a->idea);
	if (a->group && !session_group(s, a->group)) RESTORE_FAIL("action %u names unknown group %u", a->id, a->group);
	struct session_result res = { 0 };
	char *text = NULL, *who = NULL, *note = NULL, *offer = NULL;
	if (cmd_check_idea_text(a->text, &text, &res) < 0) RESTORE_FAIL("action %u: %s", a->id, res.message);
	if (check_who(a->who, &who, &res) < 0 || check_note(a->note, &note, &res) < 0 ||
	    (a->offer && check_who(a->offer, &offer, &res) < 0)) {
		free(text);
		free(who);
		free(note);
		RESTORE_FAIL("action %u: %s", a->id, res.message);
	}
	if (!date_valid(a->due) || (unsigned)a->status >= ACTION_STATUSES ||
	    (a->volunteer && !session_participant(s, a->volunteer))) {
		free(text);
		free(who);
		free(note);
		free(offer);
		RESTORE_FAIL("action %u has a bad date, status or volunteer", a->id);
	}
	xgrow((void **)&s->actions, &s->cap_actions, s->n_actions + 1, sizeof *s->actions);
	struct action *d = &s->actions[s->n_actions++];
	*d = *a;
	d->text = text;
	d->who = who;
	d->note = note;
	d->offer = a->volunteer ? (offer ? offer : xstrdup("")) : NULL;
	if (!a->volunteer) free(offer);
	if (s->next_action_id <= a->id) s->next_action_id = a->id + 1;
	return 0;
}

int session_restore_action_change(struct session *s, const struct action_change *c, char *err, size_t errlen)
{
	if (!session_action(s, c->action)) RESTORE_FAIL("the action log names unknown action %u", c->action);
	if ((unsigned)c->status >= ACTION_STATUSES) RESTORE_FAIL("the action log has an unknown status");
	struct session_result res = { 0 };
	char *note;
	if (check_note(c->note, &note, &res) < 0) RESTORE_FAIL("the action log: %s", res.message);
	xgrow((void **)&s->action_log, &s->cap_action_log, s->n_action_log + 1, sizeof *s->action_log);
	s->action_log[s->n_action_log++] = (struct action_change){ c->action, c->at_ms, c->status, note };
	return 0;
}
