/* session-restore.c: a session loaded from its file, record by record, checked like
 * session_apply checks a command. */
#include "session-int.h"

/* ---- restoring from a snapshot ---------------------------------------------------------- */

#define RESTORE_FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

int session_restore_participant(struct session *s, const struct participant *p, char *err, size_t errlen)
{
	if (p->id == 0 || (s->n_participants && p->id <= s->participants[s->n_participants - 1].id))
		RESTORE_FAIL("participant id %u is zero or not increasing", p->id);
	if (!cmd_token_valid(p->token)) RESTORE_FAIL("participant %u has a malformed token", p->id);
	if (session_participant_by_token(s, p->token))
		RESTORE_FAIL("participant %u has the token of another participant", p->id);
	const char *name = p->name ? p->name : "";
	if (!utf8_valid(name, strlen(name)) || utf8_count(name, strlen(name)) > SESSION_NAME_MAX_CHARS)
		RESTORE_FAIL("participant %u has an invalid name", p->id);
	if (!cmd_lang_valid(p->lang)) RESTORE_FAIL("participant %u has an invalid language tag", p->id);
	if (p->table > (uint32_t)s->n_tables) RESTORE_FAIL("participant %u sits at table %u of %d", p->id, p->table, s->n_tables);
	xgrow((void **)&s->participants, &s->cap_participants, s->n_participants + 1, sizeof *s->participants);
	struct participant *q = &s->participants[s->n_participants++];
	*q = *p;
	q->name = xstrdup(name);
	q->proxy = !!p->proxy;
	q->scribe = p->table && p->scribe;
	if (s->next_participant_id <= p->id) s->next_participant_id = p->id + 1;
	return 0;
}

int session_restore_activity(struct session *s, const struct activity *a, char *err, size_t errlen)
{
	if (a->id == 0 || (s->n_activities && a->id <= s->activities[s->n_activities - 1].id))
		RESTORE_FAIL("activity id %u is zero or not increasing", a->id);
	struct activity_spec sp = {
		.kind = a->kind, .title = a->title, .prompt = a->prompt,
		.options = (const char *const *)a->options, .n_options = a->n_options, .silent = a->silent,
		.pictos = (const char *const *)a->pictos, .audio = a->audio, .n_audio = a->n_audio,
		.source = a->source, .on_groups = a->on_groups, .budget = a->budget,
		.max_per_item = a->max_per_item, .live = a->live, .poll = a->poll,
		.timer_ms = a->timer.duration_ms, .lock_at_zero = a->timer.lock_at_zero,
		.rounds = a->rounds, .n_rounds = a->n_rounds, .by_table = a->by_table, .shuffle = a->shuffle,
		.screened = a->screened,
	};
	char why[160];
	if (cmd_check_spec(s, &sp, why, sizeof why) < 0) RESTORE_FAIL("activity %u: %s", a->id, why);
	if (a->phase < PHASE_PREPARED || a->phase > PHASE_REVEALED) RESTORE_FAIL("activity %u: bad phase", a->id);
	const struct timer *t = &a->timer;
	if (t->left_ms < 0 || t->left_ms > SESSION_MAX_TIMER_MS || (t->running && t->ends_ms <= 0))
		RESTORE_FAIL("activity %u: bad timer", a->id);
	if (a->round < 0 || a->round > (int)a->n_rounds) RESTORE_FAIL("activity %u: bad round %d", a->id, a->round);
	if (a->moretime_ask < 0 || a->moretime_ask > 1000000 || a->consent_round < 0 || a->consent_round > 1000000)
		RESTORE_FAIL("activity %u: bad consent round or need-more-time count", a->id);
	uint32_t cur = s->current_activity;
	struct activity *d = cmd_append_activity(s, a->id, &sp);
	s->current_activity = cur ? cur : a->id;
	d->round = a->round;
	d->phase = a->phase;
	d->timer = *t;
	if (a->kind == ACTIVITY_CONSENT && a->consent_round > 1) d->consent_round = a->consent_round;   /* consent */
	d->moretime_ask = a->moretime_ask;
	d->moretime_open = a->moretime_ask && a->moretime_open;
	return 0;
}

int session_restore_group(struct session *s, const struct group *g, char *err, size_t errlen)
{
	if (g->id == 0 || (s->n_groups && g->id <= s->groups[s->n_groups - 1].id))
		RESTORE_FAIL("group id %u is zero or not increasing", g->id);
	const struct activity *a = session_activity(s, g->activity);
	if (!a || a->kind != ACTIVITY_IDEAS) RESTORE_FAIL("group %u belongs to no ideas activity", g->id);
	const char *name = g->name ? g->name : "";
	if (!utf8_valid(name, strlen(name)) || !*name || utf8_count(name, strlen(name)) > SESSION_OPTION_MAX_CHARS)
		RESTORE_FAIL("group %u has an invalid name", g->id);
	xgrow((void **)&s->groups, &s->cap_groups, s->n_groups + 1, sizeof *s->groups);
	struct group *d = &s->groups[s->n_groups++];
	*d = *g;
	d->name = xstrdup(name);
	d->removed = !!g->removed;
	if (s->next_group_id <= g->id) s->next_group_id = g->id + 1;
	return 0;
}

int session_restore_idea(struct session *s, const struct idea *i, char *err, size_t errlen)
{
	if (i->id == 0 || (s->n_ideas && i->id <= s->ideas[s->n_ideas - 1].id))
		RESTORE_FAIL("idea id %u is zero or not increasing", i->id);
	const struct activity *a = session_activity(s, i->activity);
	if (!a) RESTORE_FAIL("idea %u belongs to unknown activity %u", i->id, i->activity);
	if (a->kind != ACTIVITY_IDEAS) RESTORE_FAIL("idea %u belongs to activity %u, which takes no ideas", i->id, a->id);
	if (i->author && !session_participant(s, i->author))
		RESTORE_FAIL("idea %u has unknown author %u", i->id, i->author);
	if (i->category < -1 || (i->category >= 0 && (size_t)i->category >= a->n_options))
		RESTORE_FAIL("idea %u has category %d, which its activity does not have", i->id, i->category);
	if (i->group) {
		const struct group *g = session_group(s, i->group);
		if (!g || g->activity != i->activity) RESTORE_FAIL("idea %u is in unknown group %u", i->id, i->group);
	}
	/* merged_into may name a later idea: the caller checks it once all ideas are in */
	if (i->merged_into == i->id) RESTORE_FAIL("idea %u is merged into itself", i->id);
	if ((unsigned)i->status > IDEA_REJECTED || (i->status == IDEA_REJECTED) != (i->reject != 0) ||
	    (unsigned)i->reject >= REJECT_REASONS || (i->reject_note && i->status != IDEA_REJECTED) || i->decided_ms < 0)
		RESTORE_FAIL("idea %u: a bad screening (status, reason or note)", i->id);
	if (i->reject_note && (!utf8_valid(i->reject_note, strlen(i->reject_note)) ||
	                       utf8_count(i->reject_note, strlen(i->reject_note)) > SESSION_REASON_MAX_CHARS))
		RESTORE_FAIL("idea %u: a rejection note that is not text of at most %d characters", i->id,
		             SESSION_REASON_MAX_CHARS);
	if (i->interpret_ms < 0) RESTORE_FAIL("idea %u: a negative time", i->id);
	struct session_result res;
	char *text;
	if (i->photo && cmd_check_photo(i->photo, i->photo_w, i->photo_h, &res) < 0)
		RESTORE_FAIL("idea %u: %s", i->id, res.message);
	if (cmd_check_idea_text_opt(i->text, !!i->photo, &text, &res) < 0) RESTORE_FAIL("idea %u: %s", i->id, res.message);
	if (i->interpret_ms < 0) RESTORE_FAIL("idea %u: a negative time", i->id);
	/* an idea keeps its table when there are fewer tables later: only the highest is checked */
	if (i->table > SESSION_MAX_TABLES || i->round < 0 || i->round > (int)a->n_rounds ||
	    i->forward < 0 || (i->forward && i->forward != i->round)) {
		free(text);
		RESTORE_FAIL("idea %u: table %u, round %d or forward %d is not of its activity", i->id, i->table, i->round,
		             i->forward);
	}
	xgrow((void **)&s->ideas, &s->cap_ideas, s->n_ideas + 1, sizeof *s->ideas);
	struct idea *d = &s->ideas[s->n_ideas++];
	*d = *i;
	d->text = text;
	d->photo = i->photo ? xstrdup(i->photo) : NULL;
	d->reject_note = i->reject_note ? xstrdup(i->reject_note) : NULL;
	d->hidden = !!i->hidden;
	d->edited = !!i->edited;
	if (s->next_idea_id <= i->id) s->next_idea_id = i->id + 1;
	return 0;
}

int session_restore_vote(struct session *s, const struct vote *v, char *err, size_t errlen)
{
	const struct activity *a = session_activity(s, v->activity);
	if (!a || a->kind != ACTIVITY_VOTE) RESTORE_FAIL("a vote names activity %u, which is no vote", v->activity);
	if (!session_participant(s, v->participant)) RESTORE_FAIL("a vote names unknown participant %u", v->participant);
	int known = a->on_groups ? session_group(s, v->item) != NULL : session_idea(s, v->item) != NULL;
	if (!known) RESTORE_FAIL("a vote names unknown item %u", v->item);
	if (v->dots < 1 || v->dots > a->max_per_item)
		RESTORE_FAIL("participant %u has %d dots on item %u (1 to %d allowed)", v->participant, v->dots,
		             v->item, a->max_per_item);
	if (session_dots_on(s, v->activity, v->participant, v->item))
		RESTORE_FAIL("participant %u votes twice on item %u", v->participant, v->item);
	if (session_dots_used(s, v->activity, v->participant) + v->dots > a->budget)
		RESTORE_FAIL("participant %u is over the budget of vote %u", v->participant, v->activity);
	if (v->table > SESSION_MAX_TABLES) RESTORE_FAIL("a vote of participant %u names table %u", v->participant, v->table);
	cmd_set_dots(s, v->activity, v->participant, v->item, v->dots, v->at_ms);
	s->votes[s->n_votes - 1].table = v->table;
	return 0;
}

int session_restore_answer(struct session *s, const struct answer *an, char *err, size_t errlen)
{
	const struct activity *a = session_activity(s, an->activity);
	if (!a || a->kind != ACTIVITY_POLL) RESTORE_FAIL("an answer names activity %u, which is no poll", an->activity);
	if (!session_participant(s, an->participant)) RESTORE_FAIL("an answer names unknown participant %u", an->participant);
	if (session_answer(s, an->activity, an->participant))
		RESTORE_FAIL("participant %u answers poll %u twice", an->participant, an->activity);
	int ok = a->poll == POLL_SCALE ? an->value >= 1 && an->value <= SESSION_SCALE_MAX
	                               : an->value != 0 && (an->value >> a->n_options) == 0;
	if (ok && a->poll == POLL_SINGLE) ok = (an->value & (an->value - 1)) == 0;
	if (!ok) RESTORE_FAIL("participant %u has an impossible answer to poll %u", an->participant, an->activity);
	xgrow((void **)&s->answers, &s->cap_answers, s->n_answers + 1, sizeof *s->answers);
	s->answers[s->n_answers++] = *an;
	return 0;
}

int session_restore_log(struct session *s, const struct mod_entry *m, char *err, size_t errlen)
{
	if (m->kind < MOD_HIDE || m->kind > MOD_REJECT) RESTORE_FAIL("unknown moderation kind %d", (int)m->kind);
	if (!session_idea(s, m->idea)) RESTORE_FAIL("the moderation log names unknown idea %u", m->idea);
	cmd_add_log(s, m->at_ms, m->kind, m->idea, m->other, m->before, m->after);
	return 0;
}

int session_restore_rendering(struct session *s, const struct rendering *r, char *err, size_t errlen)
{
	if (!session_idea(s, r->idea)) RESTORE_FAIL("a rendering names unknown idea %u", r->idea);
	if (!r->lang[0] || !cmd_lang_valid(r->lang)) RESTORE_FAIL("a rendering of idea %u has a bad language", r->idea);
	if (session_rendering(s, r->idea, r->lang)) RESTORE_FAIL("idea %u has two renderings in %s", r->idea, r->lang);
	struct session_result res;
	char *text, *by;
	if (cmd_check_idea_text(r->text, &text, &res) < 0) RESTORE_FAIL("rendering of idea %u: %s", r->idea, res.message);
	if (cmd_check_name(r->by ? r->by : "", 0, r->by, &by, &res) < 0) {
		free(text);
		RESTORE_FAIL("rendering of idea %u: %s", r->idea, res.message);
	}
	xgrow((void **)&s->renderings, &s->cap_renderings, s->n_renderings + 1, sizeof *s->renderings);
	s->renderings[s->n_renderings++] = (struct rendering){ .idea = r->idea, .text = text, .by = by, .at_ms = r->at_ms };
	strlcpy_m(s->renderings[s->n_renderings - 1].lang, r->lang, sizeof r->lang);
	return 0;
}

int session_restore_signals(struct session *s, const struct signal_count *c, char *err, size_t errlen)
{
	if (!session_activity(s, c->activity)) RESTORE_FAIL("signals name unknown activity %u", c->activity);
	if (!cmd_lang_valid(c->lang)) RESTORE_FAIL("signals of activity %u have a bad language", c->activity);
	if (session_signals(s, c->activity, c->lang))
		RESTORE_FAIL("activity %u has its signals in %s twice", c->activity, c->lang[0] ? c->lang : "no language");
	for (int k = 0; k < SIGNAL_KINDS; k++)
		if (c->count[k] < 0 || c->count[k] > 1000000) RESTORE_FAIL("signals of activity %u: a bad count", c->activity);
	xgrow((void **)&s->signals, &s->cap_signals, s->n_signals + 1, sizeof *s->signals);
	s->signals[s->n_signals++] = *c;
	return 0;
}
