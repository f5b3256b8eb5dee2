/* session-agenda.c: the agenda: activities added and checked, which one is current, its
 * phase and its timer. */
#include "session-int.h"

/* Validate a spec; 0 or -1 with a message in err. */
int cmd_check_spec(const struct session *s, const struct activity_spec *sp, char *err, size_t errlen)
{
	if (sp->kind != ACTIVITY_IDEAS && sp->kind != ACTIVITY_VOTE && sp->kind != ACTIVITY_POLL &&
	    sp->kind != ACTIVITY_CONSENT && sp->kind != ACTIVITY_ACTIONS) {
		snprintf(err, errlen, "unknown activity kind %d", (int)sp->kind);
		return -1;
	}
	if (!sp->prompt || !*sp->prompt) {
		snprintf(err, errlen, "an activity needs a prompt (the question)");
		return -1;
	}
	const char *title = sp->title ? sp->title : "";
	if (!utf8_valid(sp->prompt, strlen(sp->prompt)) || !utf8_valid(title, strlen(title))) {
		snprintf(err, errlen, "activity text is not valid UTF-8");
		return -1;
	}
	if (utf8_count(sp->prompt, strlen(sp->prompt)) > SESSION_PROMPT_MAX_CHARS) {
		snprintf(err, errlen, "a prompt can have at most %d characters", SESSION_PROMPT_MAX_CHARS);
		return -1;
	}
	if (utf8_count(title, strlen(title)) > SESSION_TITLE_MAX_CHARS) {
		snprintf(err, errlen, "an activity title can have at most %d characters", SESSION_TITLE_MAX_CHARS);
		return -1;
	}
	if (sp->n_options > SESSION_MAX_OPTIONS) {
		snprintf(err, errlen, "at most %d categories or choices", SESSION_MAX_OPTIONS);
		return -1;
	}
	for (size_t i = 0; i < sp->n_options; i++) {
		const char *o = sp->options[i] ? sp->options[i] : "";
		char *t = utf8_valid(o, strlen(o)) ? utf8_trim(o) : NULL;   /* counted as it is stored */
		size_t n = t ? utf8_count(t, strlen(t)) : 0;
		free(t);
		if (n == 0 || n > SESSION_OPTION_MAX_CHARS) {
			snprintf(err, errlen, "choice %zu must have 1 to %d characters", i + 1, SESSION_OPTION_MAX_CHARS);
			return -1;
		}
	}
	for (size_t i = 0; sp->pictos && i < sp->n_options; i++) {
		if (!sp->pictos[i] || !session_picto_valid(sp->pictos[i])) {
			snprintf(err, errlen, "the pictogram of choice %zu must be one emoji (at most %d bytes)", i + 1,
			         SESSION_PICTO_MAX_BYTES);
			return -1;
		}
	}
	if (sp->n_audio > SESSION_AUDIO_MAX) {
		snprintf(err, errlen, "at most %d recorded prompts per activity", SESSION_AUDIO_MAX);
		return -1;
	}
	for (size_t i = 0; i < sp->n_audio; i++) {
		const struct audio_clip *c = &sp->audio[i];
		if (!c->file || !session_audio_name_valid(c->file) || !c->lang[0] || !cmd_lang_valid(c->lang) ||
		    c->option < -1 || (c->option >= 0 && (size_t)c->option >= sp->n_options)) {
			snprintf(err, errlen, "recorded prompt %zu: a language, the question or an existing choice, and a "
			         "plain file name ending in .ogg, .opus, .mp3, .m4a or .wav", i + 1);
			return -1;
		}
	}
	if (sp->timer_ms < 0 || sp->timer_ms > SESSION_MAX_TIMER_MS) {
		snprintf(err, errlen, "a timer runs from 0 to %d minutes", SESSION_MAX_TIMER_MS / 60000);
		return -1;
	}
	if (sp->n_rounds && sp->kind != ACTIVITY_IDEAS) {   /* tables and rounds */
		snprintf(err, errlen, "only an ideas activity runs in rounds");
		return -1;
	}
	if (sp->n_rounds > SESSION_MAX_ROUNDS) {
		snprintf(err, errlen, "at most %d rounds", SESSION_MAX_ROUNDS);
		return -1;
	}
	for (size_t i = 0; i < sp->n_rounds; i++) {
		const char *o = sp->rounds[i].title ? sp->rounds[i].title : "";
		char *t = utf8_valid(o, strlen(o)) ? utf8_trim(o) : NULL;
		size_t n = t ? utf8_count(t, strlen(t)) : 0;
		free(t);
		if (n == 0 || n > SESSION_OPTION_MAX_CHARS || sp->rounds[i].ms < 0 || sp->rounds[i].ms > SESSION_MAX_TIMER_MS) {
			snprintf(err, errlen, "round %zu needs a title of 1 to %d characters and 0 to %d minutes", i + 1,
			         SESSION_OPTION_MAX_CHARS, SESSION_MAX_TIMER_MS / 60000);
			return -1;
		}
	}
	if ((sp->by_table && sp->kind != ACTIVITY_IDEAS && sp->kind != ACTIVITY_VOTE) ||
	    (sp->shuffle && sp->kind != ACTIVITY_VOTE && sp->kind != ACTIVITY_POLL)) {
		snprintf(err, errlen, "by_table is for ideas and votes, shuffle for votes and polls");
		return -1;
	}
	if (sp->screened && sp->kind != ACTIVITY_IDEAS) {
		snprintf(err, errlen, "only an ideas activity can be screened");
		return -1;
	}
	if (sp->kind == ACTIVITY_VOTE) {
		const struct activity *src = session_activity(s, sp->source);
		if (!src || src->kind != ACTIVITY_IDEAS) {
			snprintf(err, errlen, "a vote is on an earlier ideas activity (source %u is none)", sp->source);
			return -1;
		}
		if (sp->budget < 1 || sp->budget > SESSION_MAX_BUDGET) {
			snprintf(err, errlen, "a vote gives 1 to %d dots each", SESSION_MAX_BUDGET);
			return -1;
		}
		if (sp->max_per_item < 1 || sp->max_per_item > sp->budget) {
			snprintf(err, errlen, "the most dots on one item is 1 to the budget (%d)", sp->budget);
			return -1;
		}
		if (sp->n_options) {
			snprintf(err, errlen, "a vote has no choices of its own");
			return -1;
		}
	}
	if (sp->kind == ACTIVITY_POLL) {
		if (sp->poll != POLL_SINGLE && sp->poll != POLL_MULTI && sp->poll != POLL_SCALE) {
			snprintf(err, errlen, "a poll is single, multi or scale");
			return -1;
		}
		if (sp->poll != POLL_SCALE && sp->n_options < 2) {
			snprintf(err, errlen, "a poll needs at least 2 choices");
			return -1;
		}
		if (sp->poll == POLL_SCALE && sp->n_options) {
			snprintf(err, errlen, "a scale poll has no choices (it is 1 to %d)", SESSION_SCALE_MAX);
			return -1;
		}
	}
	if (sp->kind == ACTIVITY_CONSENT && sp->n_options) {   /* consent: the prompt is the proposal */
		snprintf(err, errlen, "a consent round has no choices of its own (yes, live, concern, objection)");
		return -1;
	}
	if (sp->kind == ACTIVITY_ACTIONS) {   /* "now what": the prompt, and maybe the vote it acts on */
		if (sp->n_options) {
			snprintf(err, errlen, "an actions activity has no choices of its own");
			return -1;
		}
		const struct activity *src = sp->source ? session_activity(s, sp->source) : NULL;
		if (sp->source && (!src || src->kind != ACTIVITY_VOTE)) {
			snprintf(err, errlen, "an actions activity acts on an earlier vote (source %u is none)", sp->source);
			return -1;
		}
	}
	return 0;
}

struct activity *cmd_append_activity(struct session *s, uint32_t id, const struct activity_spec *sp)
{
	xgrow((void **)&s->activities, &s->cap_activities, s->n_activities + 1, sizeof *s->activities);
	struct activity *a = &s->activities[s->n_activities++];
	memset(a, 0, sizeof *a);
	a->id = id;
	a->kind = sp->kind;
	a->title = xstrdup(sp->title ? sp->title : "");
	a->prompt = xstrdup(sp->prompt);
	a->phase = PHASE_PREPARED;
	if (sp->n_options) {
		a->options = xcalloc(sp->n_options, sizeof *a->options);
		for (size_t i = 0; i < sp->n_options; i++) a->options[i] = utf8_trim(sp->options[i]);
	}
	a->n_options = sp->n_options;
	if (sp->pictos && sp->n_options) {
		int any = 0;
		for (size_t i = 0; i < sp->n_options; i++) any |= sp->pictos[i][0] != '\0';
		if (any) {
			a->pictos = xcalloc(sp->n_options, sizeof *a->pictos);
			for (size_t i = 0; i < sp->n_options; i++) a->pictos[i] = xstrdup(sp->pictos[i]);
		}
	}
	if (sp->n_audio) {
		a->audio = xcalloc(sp->n_audio, sizeof *a->audio);
		for (size_t i = 0; i < sp->n_audio; i++) {
			a->audio[i] = sp->audio[i];
			a->audio[i].file = xstrdup(sp->audio[i].file);
		}
		a->n_audio = sp->n_audio;
	}
	a->silent = sp->kind == ACTIVITY_IDEAS && sp->silent;
	a->screened = sp->kind == ACTIVITY_IDEAS && sp->screened;
	if (sp->kind == ACTIVITY_VOTE) {
		a->source = sp->source;
		a->on_groups = !!sp->on_groups;
		a->budget = sp->budget;
		a->max_per_item = sp->max_per_item;
		a->live = !!sp->live;
	}
	if (sp->kind == ACTIVITY_POLL) a->poll = sp->poll;
	if (sp->kind == ACTIVITY_ACTIONS) a->source = sp->source;   /* the vote whose top items it turns into actions */
	if (sp->n_rounds) {   /* tables and rounds */
		a->rounds = xcalloc(sp->n_rounds, sizeof *a->rounds);
		for (size_t i = 0; i < sp->n_rounds; i++)
			a->rounds[i] = (struct round_spec){ utf8_trim(sp->rounds[i].title), sp->rounds[i].ms };
		a->n_rounds = sp->n_rounds;
	}
	a->by_table = !!sp->by_table;
	if (sp->kind == ACTIVITY_CONSENT) a->consent_round = 1;
	a->shuffle = !!sp->shuffle;
	a->timer.duration_ms = a->timer.left_ms = sp->timer_ms;
	a->timer.lock_at_zero = !!sp->lock_at_zero;
	if (s->next_activity_id <= id) s->next_activity_id = id + 1;
	if (!s->current_activity) s->current_activity = id;
	return a;
}

int apply_activity_add(struct session *s, const struct command *c, struct session_result *res)
{
	char err[160];
	if (!c->spec) return cmd_fail(res, SERR_BAD_SPEC, "No activity given.");
	struct activity_spec sp = *c->spec;
	if (sp.kind == ACTIVITY_VOTE) {   /* the usual dot vote when left out */
		if (sp.budget == 0) sp.budget = 5;
		if (sp.max_per_item == 0) sp.max_per_item = sp.budget < 3 ? sp.budget : 3;
	}
	if (cmd_check_spec(s, &sp, err, sizeof err) < 0) return cmd_fail(res, SERR_BAD_SPEC, "Cannot add it: %s.", err);
	uint32_t before = s->current_activity;
	struct activity *a = cmd_append_activity(s, s->next_activity_id, &sp);
	cmd_emit(res, EV_ACTIVITY_ADDED, a->id, 0);
	if (!before) cmd_emit(res, EV_CURRENT_CHANGED, a->id, 0);
	return 0;
}

int apply_goto(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	s->current_activity = a->id;
	cmd_emit(res, EV_CURRENT_CHANGED, a->id, 0);
	return 0;
}

int apply_phase(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	if (c->n < PHASE_PREPARED || c->n > PHASE_REVEALED)
		return cmd_fail(res, SERR_BAD_VALUE, "A phase is prepared, open, locked or revealed.");
	a->phase = (enum phase)c->n;
	cmd_emit(res, EV_PHASE_CHANGED, a->id, 0);
	return 0;
}

int apply_timer(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, 0, res);
	if (!a) return -1;
	struct timer *t = &a->timer;
	int64_t now = c->at_ms;
	switch (c->type) {
	case CMD_TIMER_SET:
		if (c->n < 0 || c->n > SESSION_MAX_TIMER_MS)
			return cmd_fail(res, SERR_BAD_VALUE, "A timer runs from 0 to %d minutes.", SESSION_MAX_TIMER_MS / 60000);
		t->duration_ms = t->left_ms = c->n;
		t->running = 0;
		break;
	case CMD_TIMER_START:
		if (t->duration_ms <= 0) return cmd_fail(res, SERR_BAD_VALUE, "Set the timer first.");
		if (t->running) break;
		if (t->left_ms <= 0) t->left_ms = t->duration_ms;   /* start again after zero */
		t->running = 1;
		t->ends_ms = now + t->left_ms;
		break;
	case CMD_TIMER_PAUSE:
		if (!t->running) break;
		t->left_ms = t->ends_ms > now ? t->ends_ms - now : 0;
		t->running = 0;
		break;
	case CMD_TIMER_ADD:
		if (c->n < -SESSION_MAX_TIMER_MS || c->n > SESSION_MAX_TIMER_MS)
			return cmd_fail(res, SERR_BAD_VALUE, "That is more than the longest timer.");
		if (t->duration_ms <= 0) {   /* "+1 minute" on an activity without a timer makes one */
			if (c->n <= 0) return cmd_fail(res, SERR_BAD_VALUE, "Set the timer first.");
			t->duration_ms = t->left_ms = c->n;
			break;
		}
		if (t->running) {
			int64_t left = session_timer_left(t, now) + c->n;
			if (left > SESSION_MAX_TIMER_MS) left = SESSION_MAX_TIMER_MS;
			t->ends_ms = now + (left > 0 ? left : 0);
		} else {
			int64_t left = t->left_ms + c->n;
			t->left_ms = left < 0 ? 0 : left > SESSION_MAX_TIMER_MS ? SESSION_MAX_TIMER_MS : left;
		}
		break;
	case CMD_TIMER_EXPIRE:
		if (!t->running || t->ends_ms > now) return cmd_fail(res, SERR_BAD_VALUE, "The timer has not run out.");
		t->running = 0;
		t->left_ms = 0;
		if (t->lock_at_zero && a->phase == PHASE_OPEN) {
			a->phase = PHASE_LOCKED;
			cmd_emit(res, EV_PHASE_CHANGED, a->id, 0);
		}
		break;
	default:
		return cmd_fail(res, SERR_BAD_COMMAND, "Not a timer command.");
	}
	cmd_emit(res, EV_ACTIVITY_CHANGED, a->id, 0);
	return 0;
}
