/* session-voices.c: every voice in the room. Anyone asks for an idea to be interpreted; an
 * interpreter (or the facilitator) renders an idea into another language; a phone signals
 * "please interpret", "slower please" or "I did not understand", counted per activity and
 * language and never kept per person. */
#include "session-int.h"

int apply_idea_interpret(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who = 0;
	if (!c->interpreter && cmd_actor(s, c, 1, &who, res) < 0) return -1;
	struct idea *i = cmd_target_idea(s, c->idea, res);
	if (!i) return -1;
	if (!session_idea_visible(s, i, who, c->facilitator) || (i->hidden && !c->facilitator))
		return cmd_fail(res, SERR_NO_IDEA, "There is no idea %u.", c->idea);
	if (i->interpret_ms) return 0;   /* asked already: the first time is kept, nothing changes */
	i->interpret_ms = c->at_ms > 0 ? c->at_ms : 1;
	cmd_emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}

int apply_render(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = cmd_target_idea(s, c->idea, res);
	if (!i) return -1;
	if (!c->facilitator && (i->hidden || !session_idea_visible(s, i, 0, 0)))
		return cmd_fail(res, SERR_NO_IDEA, "There is no idea %u.", c->idea);
	if (!c->lang || !c->lang[0] || !cmd_lang_valid(c->lang))
		return cmd_fail(res, SERR_BAD_LANG, "Say which language the rendering is in, such as sv or ti.");
	char *text, *by;
	if (cmd_check_idea_text(c->text, &text, res) < 0) return -1;
	if (cmd_check_name(c->name, 0, NULL, &by, res) < 0) {
		free(text);
		return -1;
	}
	struct rendering *r = (struct rendering *)session_rendering(s, i->id, c->lang);
	if (r && strcmp(r->text, text) == 0) {
		free(text);
		free(by);
		return cmd_fail(res, SERR_BAD_VALUE, "The rendering is the same as before.");
	}
	if (!r) {
		xgrow((void **)&s->renderings, &s->cap_renderings, s->n_renderings + 1, sizeof *s->renderings);
		r = &s->renderings[s->n_renderings++];
		*r = (struct rendering){ .idea = i->id };
		strlcpy_m(r->lang, c->lang, sizeof r->lang);
	} else {
		free(r->text);
		free(r->by);
	}
	r->text = text;
	r->by = by;
	r->at_ms = c->at_ms;
	cmd_emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}

int apply_signal(struct session *s, const struct command *c, struct session_result *res)
{
	if (c->facilitator || c->interpreter)
		return cmd_fail(res, SERR_FORBIDDEN, "Signals are for the participants.");
	if (c->n < 0 || c->n >= SIGNAL_KINDS)
		return cmd_fail(res, SERR_BAD_VALUE, "A signal is interpret, slower or unclear.");
	struct participant *p = NULL;
	const char *lang = c->lang ? c->lang : "";
	if (c->participant) {   /* from a phone; the replayed form names only the language */
		p = (struct participant *)session_participant(s, c->participant);
		if (!p) return cmd_fail(res, SERR_NOT_JOINED, "Join the session first.");
		lang = p->lang;
	} else if (!c->lang) {
		return cmd_fail(res, SERR_NOT_JOINED, "Join the session first.");
	}
	if (!cmd_lang_valid(lang)) return cmd_fail(res, SERR_BAD_LANG, "\"%.20s\" is not a language tag.", lang);
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	int k = (int)c->n;
	if (p && p->signal_ms[k] && c->at_ms - p->signal_ms[k] < SESSION_SIGNAL_GAP_MS)
		return cmd_fail(res, SERR_TOO_SOON, "The facilitator has your signal already; give it again in %d seconds.",
		                (int)((SESSION_SIGNAL_GAP_MS - (c->at_ms - p->signal_ms[k]) + 999) / 1000));
	struct signal_count *sc = (struct signal_count *)session_signals(s, a->id, lang);
	if (!sc) {
		xgrow((void **)&s->signals, &s->cap_signals, s->n_signals + 1, sizeof *s->signals);
		sc = &s->signals[s->n_signals++];
		*sc = (struct signal_count){ .activity = a->id };
		strlcpy_m(sc->lang, lang, sizeof sc->lang);
	}
	sc->count[k]++;
	sc->last_ms = c->at_ms;
	if (p) p->signal_ms[k] = c->at_ms;
	cmd_emit(res, EV_SIGNALS_CHANGED, a->id, 0);
	return 0;
}
