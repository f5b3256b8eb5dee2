/* session-people.c: who takes part: a phone joins or comes back, the facilitator adds someone
 * without a phone. */
#include "session-int.h"

struct participant *cmd_add_participant(struct session *s, const char *token, char *name,
                                        const char *lang, int64_t at, int proxy)
{
	xgrow((void **)&s->participants, &s->cap_participants, s->n_participants + 1, sizeof *s->participants);
	struct participant *p = &s->participants[s->n_participants++];
	memset(p, 0, sizeof *p);
	p->id = s->next_participant_id++;
	strlcpy_m(p->token, token, sizeof p->token);
	p->name = name ? name : xstrdup("");
	strlcpy_m(p->lang, lang ? lang : "", sizeof p->lang);
	p->joined_ms = at;
	p->proxy = proxy;
	return p;
}

int apply_join(struct session *s, const struct command *c, struct session_result *res)
{
	const char *token = c->token ? c->token : "";
	if (!cmd_token_valid(token))
		return cmd_fail(res, SERR_BAD_TOKEN, "A participant token is %d lowercase hex characters.", SESSION_TOKEN_LEN);
	if (c->lang && !cmd_lang_valid(c->lang))
		return cmd_fail(res, SERR_BAD_LANG, "\"%.20s\" is not a language tag such as sv or fa-AF.", c->lang);
	struct participant *p = (struct participant *)session_participant_by_token(s, token);
	char *name = NULL;
	if (c->name && cmd_check_name(c->name, 0, p ? p->name : NULL, &name, res) < 0) return -1;
	if (p && p->proxy) {
		free(name);
		return cmd_fail(res, SERR_FORBIDDEN, "That token belongs to someone added by the facilitator.");
	}
	if (p) {
		if (name) { free(p->name); p->name = name; }
		if (c->lang) strlcpy_m(p->lang, c->lang, sizeof p->lang);
		cmd_emit(res, EV_PARTICIPANT_RETURNED, p->id, 0);
		return 0;
	}
	p = cmd_add_participant(s, token, name, c->lang, c->at_ms, 0);
	cmd_emit(res, EV_PARTICIPANT_JOINED, p->id, 0);
	return 0;
}

int apply_proxy_add(struct session *s, const struct command *c, struct session_result *res)
{
	char *name;
	if (!c->token || !cmd_token_valid(c->token) || session_participant_by_token(s, c->token))
		return cmd_fail(res, SERR_BAD_TOKEN, "A new participant needs a new token.");
	if (cmd_check_name(c->name, 1, NULL, &name, res) < 0) return -1;
	struct participant *p = cmd_add_participant(s, c->token, name, NULL, c->at_ms, 1);
	cmd_emit(res, EV_PARTICIPANT_JOINED, p->id, 0);
	return 0;
}
