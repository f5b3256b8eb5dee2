/* session-consent.c: a consent round on a proposal (yes, can live with it, concern,
 * objection; anonymous and hidden until revealed; amended into a new round), the room's
 * answer to "need more time?", and the room's progress ("18 of 25 have voted"), never who. */
#include "session-int.h"

int apply_consent_answer(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_consent_amend(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_moretime_ask(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_moretime_answer(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int apply_moretime_close(struct session *s, const struct command *c, struct session_result *res)
{
	(void)s; (void)c;
	return cmd_fail(res, SERR_BAD_COMMAND, "Not built yet.");
}

int session_progress(const struct session *s, const struct activity *a)
{
	(void)s; (void)a;
	return 0;
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

int session_restore_consent(struct session *s, const struct consent_answer *c, char *err, size_t errlen)
{
	(void)s; (void)c;
	snprintf(err, errlen, "consent answers are not read yet");
	return -1;
}

int session_restore_consent_record(struct session *s, const struct consent_record *r, char *err, size_t errlen)
{
	(void)s; (void)r;
	snprintf(err, errlen, "consent rounds are not read yet");
	return -1;
}

int session_restore_moretime(struct session *s, const struct moretime_answer *m, char *err, size_t errlen)
{
	(void)s; (void)m;
	snprintf(err, errlen, "answers to need-more-time are not read yet");
	return -1;
}
