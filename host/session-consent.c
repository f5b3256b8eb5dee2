/* session-consent.c: a consent round on a proposal (yes, can live with it, concern,
 * objection; anonymous and hidden until revealed; amended into a new round), the room's
 * answer to "need more time?", and the room's progress ("18 of 25 have voted"), never who. */
#include "session-int.h"

/* A consent answer's reason: valid UTF-8, trimmed, at most SESSION_REASON_MAX_CHARS; *out is
 * the trimmed copy, or NULL when there is none (absent or only spaces). */
static int check_reason(const char *text, char **out, struct session_result *res)
{
	*out = NULL;
	if (!text) return 0;
	if (!utf8_valid(text, strlen(text))) return cmd_fail(res, SERR_BAD_UTF8, "The reason is not valid UTF-8.");
	char *t = utf8_trim(text);
	size_t n = utf8_count(t, strlen(t));
	if (n > SESSION_REASON_MAX_CHARS) {
		free(t);
		return cmd_fail(res, SERR_TEXT_TOO_LONG, "A reason can have at most %d characters (this one has %zu).",
		                SESSION_REASON_MAX_CHARS, n);
	}
	if (n == 0) free(t);
	else *out = t;
	return 0;
}

int apply_consent_answer(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (cmd_actor(s, c, 0, &who, res) < 0) return -1;   /* the facilitator stays out of the vote */
	struct activity *a = cmd_target_activity(s, c, ACTIVITY_CONSENT, res);
	if (!a) return -1;
	if (cmd_need_open(a, res) < 0) return -1;
	if (c->n < CONSENT_YES || c->n >= CONSENT_VALUES)
		return cmd_fail(res, SERR_BAD_VALUE, "Answer yes, live, concern or objection.");
	int needs = c->n == CONSENT_CONCERN || c->n == CONSENT_OBJECTION;
	char *reason = NULL;
	if (needs) {
		if (c->photo && cmd_check_photo(c->photo, c->photo_w, c->photo_h, res) < 0) return -1;
		if (check_reason(c->text, &reason, res) < 0) return -1;
		if (!reason && !c->photo && !c->other)
			return cmd_fail(res, SERR_NEED_REASON, "A concern or an objection needs a reason: a few words, a photo, "
			                "or \"I will tell the facilitator in person\".");
	}
	struct consent_answer *old = (struct consent_answer *)session_consent_of(s, a->id, who, a->consent_round);
	if (!old) {
		xgrow((void **)&s->consents, &s->cap_consents, s->n_consents + 1, sizeof *s->consents);
		old = &s->consents[s->n_consents++];
		memset(old, 0, sizeof *old);
	}
	free(old->reason);
	free(old->photo);
	*old = (struct consent_answer){ a->id, who, a->consent_round, (enum consent_value)c->n, reason,
	                                needs && c->photo ? xstrdup(c->photo) : NULL, needs && c->other, c->at_ms };
	cmd_emit(res, EV_CONSENT_CHANGED, a->id, who);
	return 0;
}

int apply_consent_amend(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, ACTIVITY_CONSENT, res);
	if (!a) return -1;
	char *text;
	if (cmd_check_short(c->text, SESSION_PROMPT_MAX_CHARS, 1, "proposal", SERR_TEXT_TOO_LONG, &text, res) < 0)
		return -1;
	xgrow((void **)&s->consent_log, &s->cap_consent_log, s->n_consent_log + 1, sizeof *s->consent_log);
	struct consent_record *r = &s->consent_log[s->n_consent_log++];
	memset(r, 0, sizeof *r);
	r->activity = a->id;
	r->round = a->consent_round;
	r->text = a->prompt;        /* the proposal as it read in that round moves to the record */
	session_consent_counts(s, a, a->consent_round, r->count);
	r->ended_ms = c->at_ms;
	a->prompt = text;
	a->consent_round++;
	a->phase = PHASE_OPEN;
	cmd_emit(res, EV_CONSENT_CHANGED, a->id, 0);
	cmd_emit(res, EV_PHASE_CHANGED, a->id, 0);
	return 0;
}

int apply_moretime_ask(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	a->moretime_ask++;
	a->moretime_open = 1;
	cmd_emit(res, EV_MORETIME_CHANGED, a->id, 0);
	return 0;
}

int apply_moretime_answer(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (cmd_actor(s, c, 0, &who, res) < 0) return -1;
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	if (!a->moretime_ask || !a->moretime_open)
		return cmd_fail(res, SERR_NOT_ASKED, "The facilitator is not asking whether you need more time now.");
	if (c->n < MORETIME_DONE || c->n >= MORETIME_VALUES)
		return cmd_fail(res, SERR_BAD_VALUE, "Answer done, little or more.");
	for (size_t i = 0; i < s->n_moretime; i++) {
		struct moretime_answer *m = &s->moretime[i];
		if (m->activity == a->id && m->ask == a->moretime_ask && m->participant == who) {
			m->value = (enum moretime_value)c->n;
			cmd_emit(res, EV_MORETIME_CHANGED, a->id, who);
			return 0;
		}
	}
	xgrow((void **)&s->moretime, &s->cap_moretime, s->n_moretime + 1, sizeof *s->moretime);
	s->moretime[s->n_moretime++] = (struct moretime_answer){ a->id, who, a->moretime_ask, (enum moretime_value)c->n };
	cmd_emit(res, EV_MORETIME_CHANGED, a->id, who);
	return 0;
}

int apply_moretime_close(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	if (!a->moretime_open) return cmd_fail(res, SERR_NOT_ASKED, "\"Need more time?\" is not being asked.");
	a->moretime_open = 0;
	cmd_emit(res, EV_MORETIME_CHANGED, a->id, 0);
	return 0;
}

/* Distinct participants (never 0: the facilitator herself) among ids[0..n), sorted here. */
static int distinct(uint32_t *ids, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++) {   /* insertion sort: a room is at most a few hundred */
		uint32_t v = ids[i];
		size_t j = i;
		for (; j > 0 && ids[j - 1] > v; j--) ids[j] = ids[j - 1];
		ids[j] = v;
	}
	for (size_t i = 0; i < n; i++)
		if (ids[i] && (i == 0 || ids[i] != ids[i - 1])) k++;
	return k;
}

int session_progress(const struct session *s, const struct activity *a)
{
	size_t cap = a->kind == ACTIVITY_IDEAS ? s->n_ideas : a->kind == ACTIVITY_VOTE ? s->n_votes
	           : a->kind == ACTIVITY_POLL ? s->n_answers : s->n_consents;
	if (!cap) return 0;
	uint32_t *ids = xmalloc(cap * sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < cap; i++) {
		if (a->kind == ACTIVITY_IDEAS && s->ideas[i].activity == a->id) ids[n++] = s->ideas[i].author;
		else if (a->kind == ACTIVITY_VOTE && s->votes[i].activity == a->id && s->votes[i].dots > 0)
			ids[n++] = s->votes[i].participant;
		else if (a->kind == ACTIVITY_POLL && s->answers[i].activity == a->id) ids[n++] = s->answers[i].participant;
		else if (a->kind == ACTIVITY_CONSENT && s->consents[i].activity == a->id &&
		         s->consents[i].round == a->consent_round)
			ids[n++] = s->consents[i].participant;
	}
	int k = distinct(ids, n);
	free(ids);
	return k;
}

void session_consent_counts(const struct session *s, const struct activity *a, int round, int count[CONSENT_VALUES])
{
	for (int k = 0; k < CONSENT_VALUES; k++) count[k] = 0;
	for (size_t i = 0; i < s->n_consents; i++)
		if (s->consents[i].activity == a->id && s->consents[i].round == round) count[s->consents[i].value]++;
}

const struct consent_answer *session_consent_of(const struct session *s, uint32_t activity, uint32_t participant,
                                                int round)
{
	for (size_t i = 0; i < s->n_consents; i++) {
		const struct consent_answer *c = &s->consents[i];
		if (c->activity == activity && c->participant == participant && c->round == round) return c;
	}
	return NULL;
}

void session_moretime_counts(const struct session *s, const struct activity *a, int count[MORETIME_VALUES])
{
	for (int k = 0; k < MORETIME_VALUES; k++) count[k] = 0;
	for (size_t i = 0; i < s->n_moretime; i++)
		if (s->moretime[i].activity == a->id && s->moretime[i].ask == a->moretime_ask) count[s->moretime[i].value]++;
}

static const char *const consent_names[CONSENT_VALUES] = {
	[CONSENT_YES] = "yes", [CONSENT_LIVE] = "live", [CONSENT_CONCERN] = "concern", [CONSENT_OBJECTION] = "objection",
};
static const char *const moretime_names[MORETIME_VALUES] = {
	[MORETIME_DONE] = "done", [MORETIME_LITTLE] = "little", [MORETIME_MORE] = "more",
};

const char *session_consent_name(enum consent_value v)
{
	return (unsigned)v < CONSENT_VALUES && consent_names[v] ? consent_names[v] : "?";
}

int session_consent_from_name(const char *name)
{
	for (int v = 1; name && v < CONSENT_VALUES; v++)
		if (strcmp(name, consent_names[v]) == 0) return v;
	return -1;
}

const char *session_moretime_name(enum moretime_value v)
{
	return (unsigned)v < MORETIME_VALUES ? moretime_names[v] : "?";
}

int session_moretime_from_name(const char *name)
{
	for (int v = 0; name && v < MORETIME_VALUES; v++)
		if (strcmp(name, moretime_names[v]) == 0) return v;
	return -1;
}

#define RESTORE_FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

int session_restore_consent(struct session *s, const struct consent_answer *c, char *err, size_t errlen)
{
	const struct activity *a = session_activity(s, c->activity);
	if (!a || a->kind != ACTIVITY_CONSENT) RESTORE_FAIL("a consent answer names activity %u, which is no consent", c->activity);
	if (!session_participant(s, c->participant)) RESTORE_FAIL("a consent answer names unknown participant %u", c->participant);
	if (c->round < 1 || c->round > a->consent_round) RESTORE_FAIL("a consent answer names round %d of activity %u", c->round, c->activity);
	if (c->value < CONSENT_YES || c->value >= CONSENT_VALUES) RESTORE_FAIL("a consent answer has an unknown value");
	if (session_consent_of(s, c->activity, c->participant, c->round))
		RESTORE_FAIL("participant %u answers round %d of activity %u twice", c->participant, c->round, c->activity);
	if (c->reason && (!utf8_valid(c->reason, strlen(c->reason)) ||
	                  utf8_count(c->reason, strlen(c->reason)) > SESSION_REASON_MAX_CHARS))
		RESTORE_FAIL("a consent answer has an invalid reason");
	if (c->photo && *c->photo && !photo_name_valid(c->photo)) RESTORE_FAIL("a consent answer names a photo that is not one");
	xgrow((void **)&s->consents, &s->cap_consents, s->n_consents + 1, sizeof *s->consents);
	struct consent_answer *d = &s->consents[s->n_consents++];
	*d = *c;
	d->reason = c->reason && *c->reason ? xstrdup(c->reason) : NULL;
	d->photo = c->photo && *c->photo ? xstrdup(c->photo) : NULL;
	d->in_person = !!c->in_person;
	return 0;
}

int session_restore_consent_record(struct session *s, const struct consent_record *r, char *err, size_t errlen)
{
	const struct activity *a = session_activity(s, r->activity);
	if (!a || a->kind != ACTIVITY_CONSENT) RESTORE_FAIL("a consent round names activity %u, which is no consent", r->activity);
	if (r->round < 1 || r->round >= a->consent_round) RESTORE_FAIL("consent round %d of activity %u has not ended", r->round, r->activity);
	for (size_t i = 0; i < s->n_consent_log; i++)
		if (s->consent_log[i].activity == r->activity && s->consent_log[i].round == r->round)
			RESTORE_FAIL("consent round %d of activity %u is there twice", r->round, r->activity);
	const char *text = r->text ? r->text : "";
	if (!*text || !utf8_valid(text, strlen(text)) || utf8_count(text, strlen(text)) > SESSION_PROMPT_MAX_CHARS)
		RESTORE_FAIL("consent round %d of activity %u has no valid text", r->round, r->activity);
	for (int k = 1; k < CONSENT_VALUES; k++)
		if (r->count[k] < 0) RESTORE_FAIL("consent round %d of activity %u has a negative count", r->round, r->activity);
	xgrow((void **)&s->consent_log, &s->cap_consent_log, s->n_consent_log + 1, sizeof *s->consent_log);
	struct consent_record *d = &s->consent_log[s->n_consent_log++];
	*d = *r;
	d->count[0] = 0;
	d->text = xstrdup(text);
	return 0;
}

int session_restore_moretime(struct session *s, const struct moretime_answer *m, char *err, size_t errlen)
{
	const struct activity *a = session_activity(s, m->activity);
	if (!a) RESTORE_FAIL("an answer to need-more-time names unknown activity %u", m->activity);
	if (!session_participant(s, m->participant)) RESTORE_FAIL("an answer to need-more-time names unknown participant %u", m->participant);
	if (m->ask < 1 || m->ask > a->moretime_ask) RESTORE_FAIL("an answer to need-more-time names ask %d of activity %u", m->ask, m->activity);
	if (m->value < MORETIME_DONE || m->value >= MORETIME_VALUES) RESTORE_FAIL("an answer to need-more-time has an unknown value");
	for (size_t i = 0; i < s->n_moretime; i++)
		if (s->moretime[i].activity == m->activity && s->moretime[i].ask == m->ask && s->moretime[i].participant == m->participant)
			RESTORE_FAIL("participant %u answers need-more-time %d of activity %u twice", m->participant, m->ask, m->activity);
	xgrow((void **)&s->moretime, &s->cap_moretime, s->n_moretime + 1, sizeof *s->moretime);
	s->moretime[s->n_moretime++] = *m;
	return 0;
}
