/* session.c: the meeting model. Pure: libc only, no I/O; every change through session_apply(). */
#include "session-int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct session *session_new(const char *title, const char *lang, int64_t created_ms)
{
	struct session *s = xcalloc(1, sizeof *s);
	s->title = xstrdup(title ? title : "");
	strlcpy_m(s->lang, lang ? lang : "", sizeof s->lang);
	s->created_ms = created_ms;
	s->next_participant_id = s->next_activity_id = s->next_idea_id = s->next_group_id = 1;
	s->next_action_id = s->next_paper_id = 1;
	return s;
}

static void free_options(char **o, size_t n)
{
	for (size_t i = 0; i < n; i++) free(o[i]);
	free(o);
}

void session_free(struct session *s)
{
	if (!s) return;
	for (size_t i = 0; i < s->n_participants; i++) free(s->participants[i].name);
	for (size_t i = 0; i < s->n_activities; i++) {
		free(s->activities[i].title);
		free(s->activities[i].prompt);
		free_options(s->activities[i].options, s->activities[i].n_options);
		free_options(s->activities[i].pictos, s->activities[i].pictos ? s->activities[i].n_options : 0);
		for (size_t k = 0; k < s->activities[i].n_audio; k++) free(s->activities[i].audio[k].file);
		free(s->activities[i].audio);
		for (size_t k = 0; k < s->activities[i].n_rounds; k++) free(s->activities[i].rounds[k].title);
		free(s->activities[i].rounds);
	}
	for (size_t i = 0; i < s->n_ideas; i++) {
		free(s->ideas[i].text);
		free(s->ideas[i].photo);
		free(s->ideas[i].reject_note);
	}
	for (size_t i = 0; i < s->n_consents; i++) {
		free(s->consents[i].reason);
		free(s->consents[i].photo);
	}
	for (size_t i = 0; i < s->n_consent_log; i++) free(s->consent_log[i].text);
	free(s->consents);
	free(s->consent_log);
	free(s->moretime);
	for (size_t i = 0; i < s->n_actions; i++) {
		free(s->actions[i].text);
		free(s->actions[i].who);
		free(s->actions[i].note);
		free(s->actions[i].offer);
	}
	for (size_t i = 0; i < s->n_action_log; i++) free(s->action_log[i].note);
	free(s->actions);
	free(s->action_log);
	free(s->paper);
	for (size_t i = 0; i < s->n_renderings; i++) {
		free(s->renderings[i].text);
		free(s->renderings[i].by);
	}
	for (size_t i = 0; i < s->n_groups; i++) free(s->groups[i].name);
	for (size_t i = 0; i < s->n_log; i++) {
		free(s->log[i].before);
		free(s->log[i].after);
	}
	free(s->participants);
	free(s->activities);
	free(s->ideas);
	free(s->groups);
	free(s->votes);
	free(s->answers);
	free(s->log);
	free(s->renderings);
	free(s->signals);
	free(s->title);
	free(s);
}

/* A copy of n elements of size sz (NULL for none), with room for all of them only. */
static void *dup_array(const void *a, size_t n, size_t sz)
{
	if (!n) return NULL;
	void *c = xmalloc(n * sz);
	memcpy(c, a, n * sz);
	return c;
}

static char *dup_str(const char *t)
{
	return t ? xstrdup(t) : NULL;
}

struct session *session_clone(const struct session *s)
{
	struct session *c = xmalloc(sizeof *c);
	*c = *s;
	c->title = dup_str(s->title);
	c->participants = dup_array(s->participants, s->n_participants, sizeof *s->participants);
	c->activities = dup_array(s->activities, s->n_activities, sizeof *s->activities);
	c->ideas = dup_array(s->ideas, s->n_ideas, sizeof *s->ideas);
	c->groups = dup_array(s->groups, s->n_groups, sizeof *s->groups);
	c->votes = dup_array(s->votes, s->n_votes, sizeof *s->votes);
	c->answers = dup_array(s->answers, s->n_answers, sizeof *s->answers);
	c->log = dup_array(s->log, s->n_log, sizeof *s->log);
	c->renderings = dup_array(s->renderings, s->n_renderings, sizeof *s->renderings);
	c->signals = dup_array(s->signals, s->n_signals, sizeof *s->signals);
	c->consents = dup_array(s->consents, s->n_consents, sizeof *s->consents);
	c->consent_log = dup_array(s->consent_log, s->n_consent_log, sizeof *s->consent_log);
	c->moretime = dup_array(s->moretime, s->n_moretime, sizeof *s->moretime);
	c->cap_consents = s->n_consents;
	c->cap_consent_log = s->n_consent_log;
	c->cap_moretime = s->n_moretime;
	for (size_t i = 0; i < c->n_consents; i++) {
		c->consents[i].reason = dup_str(s->consents[i].reason);
		c->consents[i].photo = dup_str(s->consents[i].photo);
	}
	for (size_t i = 0; i < c->n_consent_log; i++) c->consent_log[i].text = dup_str(s->consent_log[i].text);
	c->actions = dup_array(s->actions, s->n_actions, sizeof *s->actions);
	c->action_log = dup_array(s->action_log, s->n_action_log, sizeof *s->action_log);
	c->paper = dup_array(s->paper, s->n_paper, sizeof *s->paper);
	c->cap_actions = s->n_actions;
	c->cap_action_log = s->n_action_log;
	c->cap_paper = s->n_paper;
	for (size_t i = 0; i < c->n_actions; i++) {
		c->actions[i].text = dup_str(s->actions[i].text);
		c->actions[i].who = dup_str(s->actions[i].who);
		c->actions[i].note = dup_str(s->actions[i].note);
		c->actions[i].offer = dup_str(s->actions[i].offer);
	}
	for (size_t i = 0; i < c->n_action_log; i++) c->action_log[i].note = dup_str(s->action_log[i].note);
	c->cap_renderings = s->n_renderings;
	c->cap_signals = s->n_signals;
	c->cap_participants = s->n_participants;
	c->cap_activities = s->n_activities;
	c->cap_ideas = s->n_ideas;
	c->cap_groups = s->n_groups;
	c->cap_votes = s->n_votes;
	c->cap_answers = s->n_answers;
	c->cap_log = s->n_log;
	for (size_t i = 0; i < c->n_participants; i++) c->participants[i].name = dup_str(s->participants[i].name);
	for (size_t i = 0; i < c->n_activities; i++) {
		struct activity *a = &c->activities[i];
		a->title = dup_str(a->title);
		a->prompt = dup_str(a->prompt);
		if (a->n_options) {
			char **o = xmalloc(a->n_options * sizeof *o);
			for (size_t k = 0; k < a->n_options; k++) o[k] = dup_str(a->options[k]);
			a->options = o;
		} else {
			a->options = NULL;
		}
		if (a->pictos) {
			char **o = xmalloc(a->n_options * sizeof *o);
			for (size_t k = 0; k < a->n_options; k++) o[k] = dup_str(a->pictos[k]);
			a->pictos = o;
		}
		a->audio = dup_array(a->audio, a->n_audio, sizeof *a->audio);
		for (size_t k = 0; k < a->n_audio; k++) a->audio[k].file = dup_str(a->audio[k].file);
		a->rounds = dup_array(a->rounds, a->n_rounds, sizeof *a->rounds);
		for (size_t k = 0; k < a->n_rounds; k++) a->rounds[k].title = dup_str(a->rounds[k].title);
	}
	for (size_t i = 0; i < c->n_ideas; i++) {
		c->ideas[i].text = dup_str(c->ideas[i].text);
		c->ideas[i].photo = dup_str(c->ideas[i].photo);
		c->ideas[i].reject_note = dup_str(c->ideas[i].reject_note);
	}
	for (size_t i = 0; i < c->n_renderings; i++) {
		c->renderings[i].text = dup_str(c->renderings[i].text);
		c->renderings[i].by = dup_str(c->renderings[i].by);
	}
	for (size_t i = 0; i < c->n_groups; i++) c->groups[i].name = dup_str(c->groups[i].name);
	for (size_t i = 0; i < c->n_log; i++) {
		c->log[i].before = dup_str(c->log[i].before);
		c->log[i].after = dup_str(c->log[i].after);
	}
	return c;
}

/* ---- names ------------------------------------------------------------------------------ */

static const char *const err_codes[] = {
	[SERR_OK] = "ok",
	[SERR_NOT_JOINED] = "not_joined",
	[SERR_NO_ACTIVITY] = "no_activity",
	[SERR_WRONG_ACTIVITY] = "wrong_activity",
	[SERR_NOT_OPEN] = "not_open",
	[SERR_EMPTY_TEXT] = "empty_text",
	[SERR_TEXT_TOO_LONG] = "text_too_long",
	[SERR_BAD_UTF8] = "bad_utf8",
	[SERR_NAME_TOO_LONG] = "name_too_long",
	[SERR_BAD_TOKEN] = "bad_token",
	[SERR_BAD_LANG] = "bad_lang",
	[SERR_BAD_COMMAND] = "bad_command",
	[SERR_FORBIDDEN] = "forbidden",
	[SERR_NO_IDEA] = "no_idea",
	[SERR_NO_GROUP] = "no_group",
	[SERR_BAD_CATEGORY] = "bad_category",
	[SERR_OVER_BUDGET] = "over_budget",
	[SERR_OVER_ITEM_MAX] = "over_item_max",
	[SERR_BAD_VALUE] = "bad_value",
	[SERR_BAD_SPEC] = "bad_spec",
	[SERR_NAME_RESERVED] = "name_reserved",
	[SERR_INTERPRETER] = "interpreter_cannot",
	[SERR_TOO_SOON] = "too_soon",
	[SERR_BAD_PHOTO] = "bad_photo",
	[SERR_BAD_PICTO] = "bad_picto",
	[SERR_NO_TABLE] = "no_table",
	[SERR_WRONG_TABLE] = "wrong_table",
	[SERR_NO_ROUND] = "no_round",
	[SERR_NOT_WAITING] = "not_waiting",
	[SERR_NEED_REASON] = "need_reason",
	[SERR_NOT_ASKED] = "not_asked",
	[SERR_NO_ACTION] = "no_action",
	[SERR_BAD_DATE] = "bad_date",
	[SERR_NO_BATCH] = "no_batch",
	[SERR_NO_VOLUNTEER] = "no_volunteer",
};

const char *session_err_code(enum session_err e)
{
	if ((size_t)e >= NELEM(err_codes) || !err_codes[e]) return "internal";
	return err_codes[e];
}

static const char *const phase_names[] = { "prepared", "open", "locked", "revealed" };
static const char *const kind_names[] = { NULL, "ideas", "vote", "poll", "consent", "actions" };
static const char *const poll_names[] = { NULL, "single", "multi", "scale" };

static int name_index(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (names[i] && strcmp(names[i], name) == 0) return (int)i;
	return -1;
}

const char *session_phase_name(enum phase p)
{
	return (size_t)p < NELEM(phase_names) ? phase_names[p] : "?";
}

const char *session_kind_name(enum activity_kind k)
{
	return (size_t)k < NELEM(kind_names) && kind_names[k] ? kind_names[k] : "?";
}

const char *session_poll_name(enum poll_kind k)
{
	return (size_t)k < NELEM(poll_names) && poll_names[k] ? poll_names[k] : "?";
}

int session_phase_from_name(const char *n) { return name_index(phase_names, NELEM(phase_names), n); }
int session_kind_from_name(const char *n) { return name_index(kind_names, NELEM(kind_names), n); }
int session_poll_from_name(const char *n) { return name_index(poll_names, NELEM(poll_names), n); }

/* ---- lookups ---------------------------------------------------------------------------- */

/* Binary search: ids are appended in increasing order, so each array stays sorted. */
#define FIND_BY_ID(arr, n, want) do { \
	size_t lo = 0, hi = (n); \
	while (lo < hi) { \
		size_t mid = lo + (hi - lo) / 2; \
		if ((arr)[mid].id == (want)) return &(arr)[mid]; \
		if ((arr)[mid].id < (want)) lo = mid + 1; else hi = mid; \
	} \
	return NULL; \
} while (0)

const struct participant *session_participant(const struct session *s, uint32_t id)
{
	FIND_BY_ID(s->participants, s->n_participants, id);
}

const struct activity *session_activity(const struct session *s, uint32_t id)
{
	FIND_BY_ID(s->activities, s->n_activities, id);
}

const struct idea *session_idea(const struct session *s, uint32_t id)
{
	FIND_BY_ID(s->ideas, s->n_ideas, id);
}

const struct group *session_group(const struct session *s, uint32_t id)
{
	FIND_BY_ID(s->groups, s->n_groups, id);
}

const struct participant *session_participant_by_token(const struct session *s, const char *token)
{
	/* Linear: called once per join, and a session has at most a few thousand phones. */
	for (size_t i = 0; i < s->n_participants; i++)
		if (strcmp(s->participants[i].token, token) == 0) return &s->participants[i];
	return NULL;
}

const struct activity *session_current(const struct session *s)
{
	return s->current_activity ? session_activity(s, s->current_activity) : NULL;
}

/* Mutable versions for the appliers. */
struct activity *cmd_act_mut(struct session *s, uint32_t id)
{
	return (struct activity *)session_activity(s, id);
}

struct idea *cmd_idea_mut(struct session *s, uint32_t id)
{
	return (struct idea *)session_idea(s, id);
}

struct group *cmd_group_mut(struct session *s, uint32_t id)
{
	return (struct group *)session_group(s, id);
}

/* ---- visibility and derived values -------------------------------------------------------- */

int session_idea_visible(const struct session *s, const struct idea *i, uint32_t viewer, int facilitator)
{
	if (facilitator) return 1;
	if (i->merged_into) return 0;
	int own = viewer != 0 && i->author == viewer;
	if (i->status != IDEA_SHOWN) return own;   /* screened: waiting or rejected */
	if (i->hidden) return own;
	const struct activity *a = session_activity(s, i->activity);
	if (a && a->silent && a->phase != PHASE_REVEALED) return own;
	return 1;
}

int session_results_visible(const struct session *s, const struct activity *a, int facilitator)
{
	(void)s;
	if (facilitator) return 1;
	if (a->phase == PHASE_REVEALED) return 1;
	return a->kind == ACTIVITY_VOTE && a->live && a->phase != PHASE_PREPARED;
}

int session_item_votable(const struct session *s, const struct activity *vote, uint32_t item)
{
	if (vote->kind != ACTIVITY_VOTE) return 0;
	if (vote->on_groups) {
		const struct group *g = session_group(s, item);
		return g && !g->removed && g->activity == vote->source;
	}
	const struct idea *i = session_idea(s, item);
	return i && i->activity == vote->source && !i->hidden && !i->merged_into && i->status == IDEA_SHOWN;
}

int64_t session_timer_left(const struct timer *t, int64_t now_ms)
{
	if (t->duration_ms <= 0) return 0;
	if (!t->running) return t->left_ms;
	return t->ends_ms > now_ms ? t->ends_ms - now_ms : 0;
}

int session_dots_on(const struct session *s, uint32_t activity, uint32_t participant, uint32_t item)
{
	for (size_t i = 0; i < s->n_votes; i++) {
		const struct vote *v = &s->votes[i];
		if (v->activity == activity && v->participant == participant && v->item == item) return v->dots;
	}
	return 0;
}

int session_dots_used(const struct session *s, uint32_t activity, uint32_t participant)
{
	int n = 0;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].activity == activity && s->votes[i].participant == participant) n += s->votes[i].dots;
	return n;
}

const struct answer *session_answer(const struct session *s, uint32_t activity, uint32_t participant)
{
	for (size_t i = 0; i < s->n_answers; i++)
		if (s->answers[i].activity == activity && s->answers[i].participant == participant)
			return &s->answers[i];
	return NULL;
}

static int row_cmp(const void *x, const void *y)
{
	const struct result_row *a = x, *b = y;
	if (a->count != b->count) return a->count > b->count ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

size_t session_results(const struct session *s, const struct activity *a, struct result_row *out, size_t max)
{
	struct result_row *rows = NULL;
	size_t n = 0, cap = 0;
	if (a->kind == ACTIVITY_VOTE) {
		/* every votable item, then the dots on each */
		if (a->on_groups) {
			for (size_t i = 0; i < s->n_groups; i++) {
				if (!session_item_votable(s, a, s->groups[i].id)) continue;
				xgrow((void **)&rows, &cap, n + 1, sizeof *rows);
				rows[n++] = (struct result_row){ .item = s->groups[i].id };
			}
		} else {
			for (size_t i = 0; i < s->n_ideas; i++) {
				if (!session_item_votable(s, a, s->ideas[i].id)) continue;
				xgrow((void **)&rows, &cap, n + 1, sizeof *rows);
				rows[n++] = (struct result_row){ .item = s->ideas[i].id };
			}
		}
		for (size_t v = 0; v < s->n_votes; v++) {
			if (s->votes[v].activity != a->id) continue;
			/* rows are in increasing item id: binary search */
			size_t lo = 0, hi = n;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (rows[mid].item < s->votes[v].item) lo = mid + 1; else hi = mid;
			}
			if (lo < n && rows[lo].item == s->votes[v].item) {
				rows[lo].count += s->votes[v].dots;
				rows[lo].voters++;
			}
		}
	} else if (a->kind == ACTIVITY_POLL) {
		size_t k = a->poll == POLL_SCALE ? SESSION_SCALE_MAX : a->n_options;
		rows = xcalloc(k ? k : 1, sizeof *rows);
		n = k;
		for (size_t i = 0; i < k; i++) rows[i].item = a->poll == POLL_SCALE ? (uint32_t)i + 1 : (uint32_t)i;
		for (size_t i = 0; i < s->n_answers; i++) {
			const struct answer *ans = &s->answers[i];
			if (ans->activity != a->id) continue;
			for (size_t j = 0; j < k; j++) {
				int hit = a->poll == POLL_SCALE ? ans->value == j + 1 : (ans->value >> j) & 1u;
				if (hit) {
					rows[j].count++;
					rows[j].voters++;
				}
			}
		}
	}
	/* paper batches that count, added into the rows' counts and marked (issue 20) */
	for (size_t i = 0; i < s->n_paper && n; i++) {
		const struct paper_batch *b = &s->paper[i];
		if (b->activity != a->id || b->replaced) continue;
		for (size_t j = 0; j < n; j++)
			if (rows[j].item == b->item) {
				rows[j].count += b->count;
				rows[j].paper += b->count;
				break;
			}
	}
	if (n) qsort(rows, n, sizeof *rows, row_cmp);
	for (size_t i = 0; i < n; i++)
		rows[i].rank = (i > 0 && rows[i].count == rows[i - 1].count) ? rows[i - 1].rank : (int)i + 1;
	for (size_t i = 0; i < n && i < max; i++) out[i] = rows[i];
	free(rows);
	return n;
}

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

int session_voters(const struct session *s, const struct activity *a)
{
	if (a->kind == ACTIVITY_CONSENT) return session_progress(s, a);   /* in the round now */
	size_t n = 0, total = a->kind == ACTIVITY_VOTE ? s->n_votes : a->kind == ACTIVITY_POLL ? s->n_answers : 0;
	if (total == 0) return 0;
	/* The participant of every vote or answer here, sorted: count the distinct ones. */
	uint32_t *who = xmalloc(total * sizeof *who);
	for (size_t i = 0; i < total; i++) {
		if (a->kind == ACTIVITY_VOTE) {
			const struct vote *v = &s->votes[i];
			if (v->activity == a->id && v->dots > 0) who[n++] = v->participant;
		} else if (s->answers[i].activity == a->id) {
			who[n++] = s->answers[i].participant;
		}
	}
	if (n) qsort(who, n, sizeof *who, u32_cmp);
	int voters = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || who[i] != who[i - 1]) voters++;
	free(who);
	return voters;
}

/* ---- renderings, signals, pictograms, recorded prompts ----------------------------------- */

const struct rendering *session_rendering(const struct session *s, uint32_t idea, const char *lang)
{
	for (size_t i = 0; i < s->n_renderings; i++)
		if (s->renderings[i].idea == idea && strcmp(s->renderings[i].lang, lang) == 0) return &s->renderings[i];
	return NULL;
}

size_t session_renderings_of(const struct session *s, uint32_t idea, const struct rendering **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_renderings; i++) {
		if (s->renderings[i].idea != idea) continue;
		if (n < max) out[n] = &s->renderings[i];
		n++;
	}
	return n;
}

const struct signal_count *session_signals(const struct session *s, uint32_t activity, const char *lang)
{
	for (size_t i = 0; i < s->n_signals; i++)
		if (s->signals[i].activity == activity && strcmp(s->signals[i].lang, lang) == 0) return &s->signals[i];
	return NULL;
}

static const char *const signal_names[SIGNAL_KINDS] = { "interpret", "slower", "unclear" };

const char *session_signal_name(enum signal_kind k)
{
	return (unsigned)k < SIGNAL_KINDS ? signal_names[k] : "?";
}

int session_signal_from_name(const char *name)
{
	for (int k = 0; name && k < SIGNAL_KINDS; k++)
		if (strcmp(name, signal_names[k]) == 0) return k;
	return -1;
}

int session_picto_valid(const char *p)
{
	size_t n = strlen(p);
	if (n > SESSION_PICTO_MAX_BYTES || !utf8_valid(p, n)) return 0;
	for (size_t i = 0; i < n;) {
		size_t adv;
		uint32_t cp = utf8_decode(p + i, n - i, &adv);
		/* emoji, symbols and their joiners and selectors: nothing below U+00A9, no controls,
		 * no spaces, no bidi controls or marks, no private use */
		if (cp < 0xA9 || (cp >= 0x2000 && cp <= 0x200C) || (cp >= 0x200E && cp <= 0x200F) ||
		    (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
		    (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 || utf8_is_bidi_control(cp))
			return 0;
		i += adv;
	}
	return 1;
}

int session_audio_name_valid(const char *name)
{
	static const char *const exts[] = { "ogg", "opus", "mp3", "m4a", "wav" };
	size_t n = strlen(name), i = 0;
	if (n == 0 || n > SESSION_AUDIO_NAME_MAX) return 0;
	while (i < n && ((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
	                 (name[i] >= '0' && name[i] <= '9') || name[i] == '_' || name[i] == '-'))
		i++;
	if (i == 0 || name[i] != '.') return 0;
	for (size_t k = 0; k < NELEM(exts); k++)
		if (strcmp(name + i + 1, exts[k]) == 0) return 1;
	return 0;
}
