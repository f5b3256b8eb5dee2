/* session.c: the meeting model. Pure: libc only, no I/O; every change through session_apply(). */
#include "session.h"
#include "name.h"
#include "util.h"

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
	}
	for (size_t i = 0; i < s->n_ideas; i++) free(s->ideas[i].text);
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
	}
	for (size_t i = 0; i < c->n_ideas; i++) c->ideas[i].text = dup_str(c->ideas[i].text);
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
};


const char *session_err_code(enum session_err e)
{
	if ((size_t)e >= NELEM(err_codes) || !err_codes[e]) return "internal";
	return err_codes[e];
}

static const char *const phase_names[] = { "prepared", "open", "locked", "revealed" };
static const char *const kind_names[] = { NULL, "ideas", "vote", "poll" };
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
static struct activity *act_mut(struct session *s, uint32_t id)
{
	return (struct activity *)session_activity(s, id);
}

static struct idea *idea_mut(struct session *s, uint32_t id)
{
	return (struct idea *)session_idea(s, id);
}

static struct group *group_mut(struct session *s, uint32_t id)
{
	return (struct group *)session_group(s, id);
}

/* ---- visibility and derived values -------------------------------------------------------- */

int session_idea_visible(const struct session *s, const struct idea *i, uint32_t viewer, int facilitator)
{
	if (facilitator) return 1;
	if (i->merged_into) return 0;
	int own = viewer != 0 && i->author == viewer;
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
	return i && i->activity == vote->source && !i->hidden && !i->merged_into;
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

/* ---- applying commands ------------------------------------------------------------------ */

static int fail(struct session_result *res, enum session_err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record an error in res and return -1; the session is left as it was. */
static int fail(struct session_result *res, enum session_err e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	res->err = e;
	vsnprintf(res->message, sizeof res->message, fmt, ap);
	va_end(ap);
	res->n_events = 0;
	return -1;
}

static void emit(struct session_result *res, enum event_type t, uint32_t id, uint32_t other)
{
	for (size_t i = 0; i < res->n_events; i++)   /* one of each is enough */
		if (res->events[i].type == t && res->events[i].id == id && res->events[i].other == other) return;
	if (res->n_events == SESSION_MAX_EVENTS) return;   /* no command comes near: see the header */
	res->events[res->n_events++] = (struct event){ t, id, other };
}

static int token_valid(const char *t)
{
	size_t n = 0;
	for (; t[n]; n++)
		if (!((t[n] >= '0' && t[n] <= '9') || (t[n] >= 'a' && t[n] <= 'f'))) return 0;
	return n == SESSION_TOKEN_LEN;
}

static int lang_valid(const char *l)
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
static int check_name(const char *text, int required, const char *keep, char **out, struct session_result *res)
{
	*out = NULL;
	if (!text) text = "";
	if (!utf8_valid(text, strlen(text))) return fail(res, SERR_BAD_UTF8, "The name is not valid UTF-8.");
	char *t = name_clean(text);
	size_t n = utf8_count(t, strlen(t));
	if (keep && (strcmp(text, keep) == 0 || strcmp(t, keep) == 0)) {
		free(t);
		*out = xstrdup(keep);
		return 0;
	}
	if (n > SESSION_NAME_MAX_CHARS) {
		free(t);
		return fail(res, SERR_NAME_TOO_LONG, "A name can have at most %d characters (this one has %zu).",
		            SESSION_NAME_MAX_CHARS, n);
	}
	if (required && n == 0) {
		free(t);
		return fail(res, SERR_EMPTY_TEXT, "The name is empty.");
	}
	if (name_role_word(t)) {
		free(t);
		return fail(res, SERR_NAME_RESERVED, "A name cannot be a role in the meeting, such as facilitator, "
		            "moderator or interpreter. Please choose another name.");
	}
	*out = t;
	return 0;
}

/* Check a short text (a group name): valid UTF-8, at most max code points after trimming,
 * non-empty when required. On success *out is the trimmed copy (caller frees). */
static int check_short(const char *text, size_t max, int required, const char *what,
                       enum session_err too_long, char **out, struct session_result *res)
{
	*out = NULL;
	if (!text) text = "";
	if (!utf8_valid(text, strlen(text)))
		return fail(res, SERR_BAD_UTF8, "The %s is not valid UTF-8.", what);
	char *t = utf8_trim(text);
	size_t n = utf8_count(t, strlen(t));
	if (n > max) {
		free(t);
		return fail(res, too_long, "A %s can have at most %zu characters (this one has %zu).", what, max, n);
	}
	if (required && n == 0) {
		free(t);
		return fail(res, SERR_EMPTY_TEXT, "The %s is empty.", what);
	}
	*out = t;
	return 0;
}

/* Check idea text; on success *out is the trimmed copy (caller frees). */
static int check_idea_text(const char *text, char **out, struct session_result *res)
{
	*out = NULL;
	if (!text) return fail(res, SERR_EMPTY_TEXT, "The idea is empty.");
	if (!utf8_valid(text, strlen(text)))
		return fail(res, SERR_BAD_UTF8, "The idea is not valid UTF-8.");
	char *t = utf8_trim(text);
	size_t n = utf8_count(t, strlen(t));
	if (n == 0) {
		free(t);
		return fail(res, SERR_EMPTY_TEXT, "The idea is empty.");
	}
	if (n > SESSION_IDEA_MAX_CHARS) {
		free(t);
		return fail(res, SERR_TEXT_TOO_LONG, "An idea can have at most %d characters (this one has %zu).",
		            SESSION_IDEA_MAX_CHARS, n);
	}
	*out = t;
	return 0;
}

static int need_facilitator(const struct command *c, struct session_result *res)
{
	if (!c->facilitator) return fail(res, SERR_FORBIDDEN, "Only the facilitator can do that.");
	return 0;
}

/* Who acts: a phone's participant, or (facilitator) herself (0) or a proxy participant.
 * self_ok: the facilitator may act as herself. Returns 0 and *who, or -1. */
static int actor(const struct session *s, const struct command *c, int self_ok, uint32_t *who,
                 struct session_result *res)
{
	*who = c->participant;
	if (c->participant == 0) {
		if (c->facilitator && self_ok) return 0;
		if (c->facilitator) return fail(res, SERR_FORBIDDEN, "Choose the person without a phone to act for.");
		return fail(res, SERR_NOT_JOINED, "Join the session first.");
	}
	const struct participant *p = session_participant(s, c->participant);
	if (!p) return fail(res, SERR_NOT_JOINED, "Join the session first.");
	if (c->facilitator && !p->proxy)
		return fail(res, SERR_FORBIDDEN, "The facilitator can act only for people added without a phone.");
	if (!c->facilitator && p->proxy)
		return fail(res, SERR_FORBIDDEN, "Only the facilitator can act for this person.");
	return 0;
}

/* The activity a command names (0 = current), of the wanted kind (0 = any). */
static struct activity *target_activity(struct session *s, const struct command *c, enum activity_kind kind,
                                        struct session_result *res)
{
	uint32_t id = c->activity ? c->activity : s->current_activity;
	struct activity *a = id ? act_mut(s, id) : NULL;
	if (!a) {
		if (c->activity) fail(res, SERR_NO_ACTIVITY, "There is no activity %u.", c->activity);
		else fail(res, SERR_NO_ACTIVITY, "There is no activity yet.");
		return NULL;
	}
	if (kind && a->kind != kind) {
		fail(res, SERR_WRONG_ACTIVITY, "\"%.60s\" is not %s activity.", a->title[0] ? a->title : a->prompt,
		     kind == ACTIVITY_IDEAS ? "an ideas" : kind == ACTIVITY_VOTE ? "a vote" : "a poll");
		return NULL;
	}
	return a;
}

static int need_open(const struct activity *a, struct session_result *res)
{
	static const char *const why[] = {
		[PHASE_PREPARED] = "has not opened yet",
		[PHASE_LOCKED] = "is closed",
		[PHASE_REVEALED] = "is closed",
	};
	if (a->phase == PHASE_OPEN) return 0;
	return fail(res, SERR_NOT_OPEN, "This activity %s.", why[a->phase] ? why[a->phase] : "is not open");
}

static struct participant *add_participant(struct session *s, const char *token, char *name,
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

static int apply_join(struct session *s, const struct command *c, struct session_result *res)
{
	const char *token = c->token ? c->token : "";
	if (!token_valid(token))
		return fail(res, SERR_BAD_TOKEN, "A participant token is %d lowercase hex characters.", SESSION_TOKEN_LEN);
	if (c->lang && !lang_valid(c->lang))
		return fail(res, SERR_BAD_LANG, "\"%.20s\" is not a language tag such as sv or fa-AF.", c->lang);
	struct participant *p = (struct participant *)session_participant_by_token(s, token);
	char *name = NULL;
	if (c->name && check_name(c->name, 0, p ? p->name : NULL, &name, res) < 0) return -1;
	if (p && p->proxy) {
		free(name);
		return fail(res, SERR_FORBIDDEN, "That token belongs to someone added by the facilitator.");
	}
	if (p) {
		if (name) { free(p->name); p->name = name; }
		if (c->lang) strlcpy_m(p->lang, c->lang, sizeof p->lang);
		emit(res, EV_PARTICIPANT_RETURNED, p->id, 0);
		return 0;
	}
	p = add_participant(s, token, name, c->lang, c->at_ms, 0);
	emit(res, EV_PARTICIPANT_JOINED, p->id, 0);
	return 0;
}

static int apply_proxy_add(struct session *s, const struct command *c, struct session_result *res)
{
	char *name;
	if (!c->token || !token_valid(c->token) || session_participant_by_token(s, c->token))
		return fail(res, SERR_BAD_TOKEN, "A new participant needs a new token.");
	if (check_name(c->name, 1, NULL, &name, res) < 0) return -1;
	struct participant *p = add_participant(s, c->token, name, NULL, c->at_ms, 1);
	emit(res, EV_PARTICIPANT_JOINED, p->id, 0);
	return 0;
}

static int apply_idea_post(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (actor(s, c, 1, &who, res) < 0) return -1;
	struct activity *a = target_activity(s, c, ACTIVITY_IDEAS, res);
	if (!a) return -1;
	if (need_open(a, res) < 0) return -1;
	int category = c->n < 0 ? -1 : (int)c->n;
	if (c->n < -1 || (category >= 0 && (size_t)category >= a->n_options)) {
		if (!a->n_options) return fail(res, SERR_BAD_CATEGORY, "This activity has no categories.");
		return fail(res, SERR_BAD_CATEGORY, "Choose one of the %zu categories.", a->n_options);
	}
	char *text;
	if (check_idea_text(c->text, &text, res) < 0) return -1;

	xgrow((void **)&s->ideas, &s->cap_ideas, s->n_ideas + 1, sizeof *s->ideas);
	struct idea *i = &s->ideas[s->n_ideas++];
	memset(i, 0, sizeof *i);
	i->id = s->next_idea_id++;
	i->activity = a->id;
	i->author = who;
	i->text = text;
	i->created_ms = c->at_ms;
	i->category = category;
	emit(res, EV_IDEA_ADDED, i->id, 0);
	return 0;
}

/* Validate a spec; 0 or -1 with a message in err. */
static int check_spec(const struct session *s, const struct activity_spec *sp, char *err, size_t errlen)
{
	if (sp->kind != ACTIVITY_IDEAS && sp->kind != ACTIVITY_VOTE && sp->kind != ACTIVITY_POLL) {
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
	if (sp->timer_ms < 0 || sp->timer_ms > SESSION_MAX_TIMER_MS) {
		snprintf(err, errlen, "a timer runs from 0 to %d minutes", SESSION_MAX_TIMER_MS / 60000);
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
	return 0;
}

static struct activity *append_activity(struct session *s, uint32_t id, const struct activity_spec *sp)
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
	a->silent = sp->kind == ACTIVITY_IDEAS && sp->silent;
	if (sp->kind == ACTIVITY_VOTE) {
		a->source = sp->source;
		a->on_groups = !!sp->on_groups;
		a->budget = sp->budget;
		a->max_per_item = sp->max_per_item;
		a->live = !!sp->live;
	}
	if (sp->kind == ACTIVITY_POLL) a->poll = sp->poll;
	a->timer.duration_ms = a->timer.left_ms = sp->timer_ms;
	a->timer.lock_at_zero = !!sp->lock_at_zero;
	if (s->next_activity_id <= id) s->next_activity_id = id + 1;
	if (!s->current_activity) s->current_activity = id;
	return a;
}

static int apply_activity_add(struct session *s, const struct command *c, struct session_result *res)
{
	char err[160];
	if (!c->spec) return fail(res, SERR_BAD_SPEC, "No activity given.");
	struct activity_spec sp = *c->spec;
	if (sp.kind == ACTIVITY_VOTE) {   /* the usual dot vote when left out */
		if (sp.budget == 0) sp.budget = 5;
		if (sp.max_per_item == 0) sp.max_per_item = sp.budget < 3 ? sp.budget : 3;
	}
	if (check_spec(s, &sp, err, sizeof err) < 0) return fail(res, SERR_BAD_SPEC, "Cannot add it: %s.", err);
	uint32_t before = s->current_activity;
	struct activity *a = append_activity(s, s->next_activity_id, &sp);
	emit(res, EV_ACTIVITY_ADDED, a->id, 0);
	if (!before) emit(res, EV_CURRENT_CHANGED, a->id, 0);
	return 0;
}

static int apply_goto(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = target_activity(s, c, 0, res);
	if (!a) return -1;
	s->current_activity = a->id;
	emit(res, EV_CURRENT_CHANGED, a->id, 0);
	return 0;
}

static int apply_phase(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = target_activity(s, c, 0, res);
	if (!a) return -1;
	if (c->n < PHASE_PREPARED || c->n > PHASE_REVEALED)
		return fail(res, SERR_BAD_VALUE, "A phase is prepared, open, locked or revealed.");
	a->phase = (enum phase)c->n;
	emit(res, EV_PHASE_CHANGED, a->id, 0);
	return 0;
}

static int apply_timer(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = target_activity(s, c, 0, res);
	if (!a) return -1;
	struct timer *t = &a->timer;
	int64_t now = c->at_ms;
	switch (c->type) {
	case CMD_TIMER_SET:
		if (c->n < 0 || c->n > SESSION_MAX_TIMER_MS)
			return fail(res, SERR_BAD_VALUE, "A timer runs from 0 to %d minutes.", SESSION_MAX_TIMER_MS / 60000);
		t->duration_ms = t->left_ms = c->n;
		t->running = 0;
		break;
	case CMD_TIMER_START:
		if (t->duration_ms <= 0) return fail(res, SERR_BAD_VALUE, "Set the timer first.");
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
			return fail(res, SERR_BAD_VALUE, "That is more than the longest timer.");
		if (t->duration_ms <= 0) {   /* "+1 minute" on an activity without a timer makes one */
			if (c->n <= 0) return fail(res, SERR_BAD_VALUE, "Set the timer first.");
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
		if (!t->running || t->ends_ms > now) return fail(res, SERR_BAD_VALUE, "The timer has not run out.");
		t->running = 0;
		t->left_ms = 0;
		if (t->lock_at_zero && a->phase == PHASE_OPEN) {
			a->phase = PHASE_LOCKED;
			emit(res, EV_PHASE_CHANGED, a->id, 0);
		}
		break;
	default:
		return fail(res, SERR_BAD_COMMAND, "Not a timer command.");
	}
	emit(res, EV_ACTIVITY_CHANGED, a->id, 0);
	return 0;
}

/* Remove participant's entry for (activity, item) or set its dots. */
static void set_dots(struct session *s, uint32_t activity, uint32_t participant, uint32_t item, int dots,
                     int64_t at_ms)
{
	for (size_t i = 0; i < s->n_votes; i++) {
		struct vote *v = &s->votes[i];
		if (v->activity != activity || v->participant != participant || v->item != item) continue;
		if (dots > 0) {
			v->dots = dots;
			v->at_ms = at_ms;
		} else {
			memmove(v, v + 1, (s->n_votes - i - 1) * sizeof *v);
			s->n_votes--;
		}
		return;
	}
	if (dots <= 0) return;
	xgrow((void **)&s->votes, &s->cap_votes, s->n_votes + 1, sizeof *s->votes);
	s->votes[s->n_votes++] = (struct vote){ activity, participant, item, dots, at_ms };
}

static int apply_vote(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (actor(s, c, 0, &who, res) < 0) return -1;
	struct activity *a = target_activity(s, c, ACTIVITY_VOTE, res);
	if (!a) return -1;
	if (need_open(a, res) < 0) return -1;
	if (!session_item_votable(s, a, c->item))
		return fail(res, a->on_groups ? SERR_NO_GROUP : SERR_NO_IDEA, "There is no %s %u to vote on here.",
		            a->on_groups ? "group" : "idea", c->item);
	if (c->n < 0) return fail(res, SERR_BAD_VALUE, "Dots are counted from 0.");
	if (c->n > a->max_per_item)
		return fail(res, SERR_OVER_ITEM_MAX, "At most %d dots on one item.", a->max_per_item);
	int used = session_dots_used(s, a->id, who), here = session_dots_on(s, a->id, who, c->item);
	if (used - here + c->n > a->budget)
		return fail(res, SERR_OVER_BUDGET, "You have %d of %d dots left.", a->budget - used, a->budget);
	set_dots(s, a->id, who, c->item, (int)c->n, c->at_ms);
	emit(res, EV_VOTES_CHANGED, a->id, who);
	return 0;
}

static int apply_poll_answer(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (actor(s, c, 0, &who, res) < 0) return -1;
	struct activity *a = target_activity(s, c, ACTIVITY_POLL, res);
	if (!a) return -1;
	if (need_open(a, res) < 0) return -1;
	uint32_t v = (uint32_t)c->n;
	int ok;
	if (a->poll == POLL_SCALE) {
		ok = c->n >= 1 && c->n <= SESSION_SCALE_MAX;
	} else {
		uint32_t all = (uint32_t)((1u << a->n_options) - 1);
		ok = c->n >= 0 && c->n <= (int64_t)all && (v & ~all) == 0;
		if (ok && a->poll == POLL_SINGLE) ok = v != 0 && (v & (v - 1)) == 0;   /* exactly one */
	}
	if (!ok && a->poll == POLL_SCALE) return fail(res, SERR_BAD_VALUE, "Answer with 1 to %d.", SESSION_SCALE_MAX);
	if (!ok) return fail(res, SERR_BAD_VALUE, "Choose %s of the %zu choices.",
	                     a->poll == POLL_SINGLE ? "one" : "among", a->n_options);
	struct answer *old = (struct answer *)session_answer(s, a->id, who);
	if (old && v == 0 && a->poll == POLL_MULTI) {   /* empty multi answer: withdrawn */
		size_t i = (size_t)(old - s->answers);
		memmove(old, old + 1, (s->n_answers - i - 1) * sizeof *old);
		s->n_answers--;
	} else if (old) {
		old->value = v;
	} else if (v != 0) {
		xgrow((void **)&s->answers, &s->cap_answers, s->n_answers + 1, sizeof *s->answers);
		s->answers[s->n_answers++] = (struct answer){ a->id, who, v };
	}
	emit(res, EV_ANSWERS_CHANGED, a->id, who);
	return 0;
}

/* An idea the facilitator may work on: exists, not merged away. */
static struct idea *target_idea(struct session *s, uint32_t id, struct session_result *res)
{
	struct idea *i = idea_mut(s, id);
	if (!i) {
		fail(res, SERR_NO_IDEA, "There is no idea %u.", id);
		return NULL;
	}
	if (i->merged_into) {
		fail(res, SERR_NO_IDEA, "Idea %u was merged into idea %u.", id, i->merged_into);
		return NULL;
	}
	return i;
}

static void add_log(struct session *s, int64_t at, enum mod_kind kind, uint32_t idea, uint32_t other,
                    const char *before, const char *after)
{
	xgrow((void **)&s->log, &s->cap_log, s->n_log + 1, sizeof *s->log);
	s->log[s->n_log++] = (struct mod_entry){ at, kind, idea, other, before ? xstrdup(before) : NULL,
	                                         after ? xstrdup(after) : NULL };
}

/* Drop every dot on item in the votes on groups (groups=1) or ideas of activity src. */
static void drop_votes_on(struct session *s, uint32_t src, int groups, uint32_t item, struct session_result *res)
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
		if (touched) emit(res, EV_VOTES_CHANGED, v->id, 0);
	}
}

static int apply_idea_hide(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = target_idea(s, c->idea, res);
	if (!i) return -1;
	int hide = c->type == CMD_IDEA_HIDE;
	if (i->hidden == hide) return fail(res, SERR_BAD_VALUE, hide ? "It is hidden already." : "It is not hidden.");
	i->hidden = hide;
	i->hidden_ms = hide ? c->at_ms : 0;
	if (hide) drop_votes_on(s, i->activity, 0, i->id, res);
	add_log(s, c->at_ms, hide ? MOD_HIDE : MOD_RESTORE, i->id, 0, NULL, NULL);
	emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}

static int apply_idea_edit(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = target_idea(s, c->idea, res);
	if (!i) return -1;
	char *text;
	if (check_idea_text(c->text, &text, res) < 0) return -1;
	if (strcmp(text, i->text) == 0) {
		free(text);
		return fail(res, SERR_BAD_VALUE, "The text is the same.");
	}
	add_log(s, c->at_ms, MOD_EDIT, i->id, 0, i->text, text);
	free(i->text);
	i->text = text;
	i->edited = 1;
	emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}

static int apply_idea_merge(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *dup = target_idea(s, c->idea, res);
	if (!dup) return -1;
	struct idea *into = target_idea(s, c->other, res);
	if (!into) return -1;
	if (dup == into) return fail(res, SERR_BAD_VALUE, "An idea cannot be merged into itself.");
	if (dup->activity != into->activity)
		return fail(res, SERR_NO_IDEA, "Both ideas must belong to the same activity.");
	if (into->hidden) return fail(res, SERR_NO_IDEA, "Restore idea %u before merging into it.", into->id);
	/* Dots on the duplicate move to the idea it joins, up to the per-item maximum. */
	for (size_t k = 0; k < s->n_activities; k++) {
		const struct activity *v = &s->activities[k];
		if (v->kind != ACTIVITY_VOTE || v->source != dup->activity || v->on_groups) continue;
		int touched = 0;
		for (size_t i = 0; i < s->n_votes;) {
			struct vote *vt = &s->votes[i];
			if (vt->activity != v->id || vt->item != dup->id) { i++; continue; }
			uint32_t who = vt->participant;
			int moved = vt->dots;
			memmove(vt, vt + 1, (s->n_votes - i - 1) * sizeof *vt);
			s->n_votes--;
			int there = session_dots_on(s, v->id, who, into->id);
			int total = there + moved > v->max_per_item ? v->max_per_item : there + moved;
			set_dots(s, v->id, who, into->id, total, c->at_ms);
			touched = 1;
			i = 0;   /* set_dots may have appended; start over (few votes per idea) */
		}
		if (touched) emit(res, EV_VOTES_CHANGED, v->id, 0);
	}
	dup->merged_into = into->id;
	dup->group = 0;
	add_log(s, c->at_ms, MOD_MERGE, dup->id, into->id, NULL, NULL);
	emit(res, EV_IDEA_CHANGED, dup->id, 0);
	emit(res, EV_IDEA_CHANGED, into->id, 0);
	return 0;
}

static struct group *target_group(struct session *s, uint32_t id, struct session_result *res)
{
	struct group *g = group_mut(s, id);
	if (!g || g->removed) {
		fail(res, SERR_NO_GROUP, "There is no group %u.", id);
		return NULL;
	}
	return g;
}

static int apply_group_create(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = target_activity(s, c, ACTIVITY_IDEAS, res);
	if (!a) return -1;
	struct idea *first = NULL, *second = NULL;
	if (c->idea && !(first = target_idea(s, c->idea, res))) return -1;
	if (c->other && !(second = target_idea(s, c->other, res))) return -1;
	if ((first && first->activity != a->id) || (second && second->activity != a->id))
		return fail(res, SERR_NO_IDEA, "The ideas must belong to the activity being grouped.");
	char *name;
	if (check_short(c->name, SESSION_OPTION_MAX_CHARS, 1, "group name", SERR_NAME_TOO_LONG, &name, res) < 0)
		return -1;
	xgrow((void **)&s->groups, &s->cap_groups, s->n_groups + 1, sizeof *s->groups);
	struct group *g = &s->groups[s->n_groups++];
	*g = (struct group){ .id = s->next_group_id++, .activity = a->id, .name = name, .created_ms = c->at_ms };
	emit(res, EV_GROUP_ADDED, g->id, 0);
	if (first) { first->group = g->id; emit(res, EV_IDEA_CHANGED, first->id, 0); }
	if (second) { second->group = g->id; emit(res, EV_IDEA_CHANGED, second->id, 0); }
	return 0;
}

static int apply_group_rename(struct session *s, const struct command *c, struct session_result *res)
{
	struct group *g = target_group(s, c->group, res);
	if (!g) return -1;
	char *name;
	if (check_short(c->name, SESSION_OPTION_MAX_CHARS, 1, "group name", SERR_NAME_TOO_LONG, &name, res) < 0)
		return -1;
	free(g->name);
	g->name = name;
	emit(res, EV_GROUP_CHANGED, g->id, 0);
	return 0;
}

static int apply_group_remove(struct session *s, const struct command *c, struct session_result *res)
{
	struct group *g = target_group(s, c->group, res);
	if (!g) return -1;
	g->removed = 1;
	for (size_t i = 0; i < s->n_ideas; i++)
		if (s->ideas[i].group == g->id) s->ideas[i].group = 0;   /* no event each: the group event says it */
	drop_votes_on(s, g->activity, 1, g->id, res);
	emit(res, EV_GROUP_CHANGED, g->id, 0);
	return 0;
}

static int apply_idea_group(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = target_idea(s, c->idea, res);
	if (!i) return -1;
	if (c->group) {
		struct group *g = target_group(s, c->group, res);
		if (!g) return -1;
		if (g->activity != i->activity)
			return fail(res, SERR_NO_GROUP, "Group %u belongs to another activity.", g->id);
	}
	i->group = c->group;
	emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
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
	if (!row) return fail(res, SERR_BAD_COMMAND, "Unknown command %d.", (int)cmd->type);
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
	if ((row->flags & CMD_FACILITATOR) && need_facilitator(cmd, res) < 0) return -1;
	int rc = row->apply(s, cmd, res);
	if (rc == 0) {
		s->version++;
		res->result = res->n_events ? res->events[0].id : 0;
		if (dedupe) session_remember_cid(s, cmd->participant, cmd->cid, res->result);
	}
	return rc;
}

/* ---- restoring from a snapshot ---------------------------------------------------------- */

#define RESTORE_FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

int session_restore_participant(struct session *s, const struct participant *p, char *err, size_t errlen)
{
	if (p->id == 0 || (s->n_participants && p->id <= s->participants[s->n_participants - 1].id))
		RESTORE_FAIL("participant id %u is zero or not increasing", p->id);
	if (!token_valid(p->token)) RESTORE_FAIL("participant %u has a malformed token", p->id);
	if (session_participant_by_token(s, p->token))
		RESTORE_FAIL("participant %u has the token of another participant", p->id);
	const char *name = p->name ? p->name : "";
	if (!utf8_valid(name, strlen(name)) || utf8_count(name, strlen(name)) > SESSION_NAME_MAX_CHARS)
		RESTORE_FAIL("participant %u has an invalid name", p->id);
	if (!lang_valid(p->lang)) RESTORE_FAIL("participant %u has an invalid language tag", p->id);
	xgrow((void **)&s->participants, &s->cap_participants, s->n_participants + 1, sizeof *s->participants);
	struct participant *q = &s->participants[s->n_participants++];
	*q = *p;
	q->name = xstrdup(name);
	q->proxy = !!p->proxy;
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
		.source = a->source, .on_groups = a->on_groups, .budget = a->budget,
		.max_per_item = a->max_per_item, .live = a->live, .poll = a->poll,
		.timer_ms = a->timer.duration_ms, .lock_at_zero = a->timer.lock_at_zero,
	};
	char why[160];
	if (check_spec(s, &sp, why, sizeof why) < 0) RESTORE_FAIL("activity %u: %s", a->id, why);
	if (a->phase < PHASE_PREPARED || a->phase > PHASE_REVEALED) RESTORE_FAIL("activity %u: bad phase", a->id);
	const struct timer *t = &a->timer;
	if (t->left_ms < 0 || t->left_ms > SESSION_MAX_TIMER_MS || (t->running && t->ends_ms <= 0))
		RESTORE_FAIL("activity %u: bad timer", a->id);
	uint32_t cur = s->current_activity;
	struct activity *d = append_activity(s, a->id, &sp);
	s->current_activity = cur ? cur : a->id;
	d->phase = a->phase;
	d->timer = *t;
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
	struct session_result res;
	char *text;
	if (check_idea_text(i->text, &text, &res) < 0) RESTORE_FAIL("idea %u: %s", i->id, res.message);
	xgrow((void **)&s->ideas, &s->cap_ideas, s->n_ideas + 1, sizeof *s->ideas);
	struct idea *d = &s->ideas[s->n_ideas++];
	*d = *i;
	d->text = text;
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
	set_dots(s, v->activity, v->participant, v->item, v->dots, v->at_ms);
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
	if (m->kind < MOD_HIDE || m->kind > MOD_MERGE) RESTORE_FAIL("unknown moderation kind %d", (int)m->kind);
	if (!session_idea(s, m->idea)) RESTORE_FAIL("the moderation log names unknown idea %u", m->idea);
	add_log(s, m->at_ms, m->kind, m->idea, m->other, m->before, m->after);
	return 0;
}
