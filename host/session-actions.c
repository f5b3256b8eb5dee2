/* session-actions.c: from ideas to actions (issue 20). In an actions activity ("now what") the
 * facilitator turns ideas or groups into actions: what, who takes it, by when, and how it
 * stands (planned, started, done, dropped) with a note; a participant can volunteer, and the
 * facilitator confirms. Every change is kept in the action log, for its history across meetings. */
#include "session-int.h"

#define NOT_BUILT (void)s; (void)c; return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.")

int apply_action_add(struct session *s, const struct command *c, struct session_result *res) { NOT_BUILT; }
int apply_action_edit(struct session *s, const struct command *c, struct session_result *res) { NOT_BUILT; }
int apply_action_status(struct session *s, const struct command *c, struct session_result *res) { NOT_BUILT; }
int apply_action_volunteer(struct session *s, const struct command *c, struct session_result *res) { NOT_BUILT; }
int apply_action_confirm(struct session *s, const struct command *c, struct session_result *res) { NOT_BUILT; }

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

int session_restore_action(struct session *s, const struct action *a, char *err, size_t errlen)
{
	(void)s; (void)a;
	snprintf(err, errlen, "actions are not read yet");
	return -1;
}

int session_restore_action_change(struct session *s, const struct action_change *c, char *err, size_t errlen)
{
	(void)s; (void)c;
	snprintf(err, errlen, "the action log is not read yet");
	return -1;
}
