/* session.c: the meeting model. Pure: libc only, no I/O; every change through session_apply(). */
#include "session.h"
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
	s->next_participant_id = s->next_activity_id = s->next_idea_id = 1;
	return s;
}

void session_free(struct session *s)
{
	if (!s) return;
	for (size_t i = 0; i < s->n_participants; i++) free(s->participants[i].name);
	for (size_t i = 0; i < s->n_activities; i++) {
		free(s->activities[i].title);
		free(s->activities[i].prompt);
	}
	for (size_t i = 0; i < s->n_ideas; i++) free(s->ideas[i].text);
	free(s->participants);
	free(s->activities);
	free(s->ideas);
	free(s->title);
	free(s);
}

static const char *const err_codes[] = {
	[SERR_OK] = "ok",
	[SERR_NOT_JOINED] = "not_joined",
	[SERR_NO_ACTIVITY] = "no_activity",
	[SERR_WRONG_ACTIVITY] = "wrong_activity",
	[SERR_EMPTY_TEXT] = "empty_text",
	[SERR_TEXT_TOO_LONG] = "text_too_long",
	[SERR_BAD_UTF8] = "bad_utf8",
	[SERR_NAME_TOO_LONG] = "name_too_long",
	[SERR_BAD_TOKEN] = "bad_token",
	[SERR_BAD_LANG] = "bad_lang",
	[SERR_BAD_COMMAND] = "bad_command",
};

const char *session_err_code(enum session_err e)
{
	if ((size_t)e >= sizeof err_codes / sizeof err_codes[0] || !err_codes[e]) return "internal";
	return err_codes[e];
}

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

const struct participant *session_participant_by_token(const struct session *s, const char *token)
{
	/* Linear: called once per join, and a session has at most a few hundred phones. */
	for (size_t i = 0; i < s->n_participants; i++)
		if (strcmp(s->participants[i].token, token) == 0) return &s->participants[i];
	return NULL;
}

const struct activity *session_current(const struct session *s)
{
	return s->current_activity ? session_activity(s, s->current_activity) : NULL;
}

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

static void emit(struct session_result *res, enum event_type t, uint32_t id)
{
	res->events[res->n_events].type = t;
	res->events[res->n_events].id = id;
	res->n_events++;
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

/* Check a display name; on success *out is the trimmed copy (caller frees). */
static int check_name(const char *name, char **out, struct session_result *res)
{
	*out = NULL;
	if (!utf8_valid(name, strlen(name)))
		return fail(res, SERR_BAD_UTF8, "The name is not valid UTF-8.");
	char *t = utf8_trim(name);
	size_t n = utf8_count(t, strlen(t));
	if (n > SESSION_NAME_MAX_CHARS) {
		free(t);
		return fail(res, SERR_NAME_TOO_LONG, "A name can have at most %d characters (this one has %zu).",
		            SESSION_NAME_MAX_CHARS, n);
	}
	*out = t;
	return 0;
}

static int apply_join(struct session *s, const struct command *c, struct session_result *res)
{
	const char *token = c->u.join.token ? c->u.join.token : "";
	const char *lang = c->u.join.lang;
	if (!token_valid(token))
		return fail(res, SERR_BAD_TOKEN, "A participant token is %d lowercase hex characters.", SESSION_TOKEN_LEN);
	if (lang && !lang_valid(lang))
		return fail(res, SERR_BAD_LANG, "\"%.20s\" is not a language tag such as sv or fa-AF.", lang);
	char *name = NULL;
	if (c->u.join.name && check_name(c->u.join.name, &name, res) < 0) return -1;

	struct participant *p = (struct participant *)session_participant_by_token(s, token);
	if (p) {
		if (name) { free(p->name); p->name = name; }
		if (lang) strlcpy_m(p->lang, lang, sizeof p->lang);
		emit(res, EV_PARTICIPANT_RETURNED, p->id);
		return 0;
	}
	xgrow((void **)&s->participants, &s->cap_participants, s->n_participants + 1, sizeof *s->participants);
	p = &s->participants[s->n_participants++];
	memset(p, 0, sizeof *p);
	p->id = s->next_participant_id++;
	strlcpy_m(p->token, token, sizeof p->token);
	p->name = name ? name : xstrdup("");
	strlcpy_m(p->lang, lang ? lang : "", sizeof p->lang);
	p->joined_ms = c->at_ms;
	emit(res, EV_PARTICIPANT_JOINED, p->id);
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

static int apply_idea_post(struct session *s, const struct command *c, struct session_result *res)
{
	if (c->participant != 0 && !session_participant(s, c->participant))
		return fail(res, SERR_NOT_JOINED, "Join the session before posting.");
	const struct activity *a = session_current(s);
	if (!a) return fail(res, SERR_NO_ACTIVITY, "There is no activity to post ideas to yet.");
	if (a->kind != ACTIVITY_IDEAS)
		return fail(res, SERR_WRONG_ACTIVITY, "The current activity does not take ideas.");
	char *text;
	if (check_idea_text(c->u.idea_post.text, &text, res) < 0) return -1;

	xgrow((void **)&s->ideas, &s->cap_ideas, s->n_ideas + 1, sizeof *s->ideas);
	struct idea *i = &s->ideas[s->n_ideas++];
	i->id = s->next_idea_id++;
	i->activity = a->id;
	i->author = c->participant;
	i->text = text;
	i->created_ms = c->at_ms;
	emit(res, EV_IDEA_ADDED, i->id);
	return 0;
}

static int check_activity(enum activity_kind kind, const char *title, const char *prompt,
                          char *err, size_t errlen)
{
	if (kind != ACTIVITY_IDEAS) {
		snprintf(err, errlen, "unknown activity kind %d", (int)kind);
		return -1;
	}
	if (!prompt || !*prompt) {
		snprintf(err, errlen, "an ideas activity needs a prompt");
		return -1;
	}
	if (!utf8_valid(prompt, strlen(prompt)) || (title && !utf8_valid(title, strlen(title)))) {
		snprintf(err, errlen, "activity text is not valid UTF-8");
		return -1;
	}
	if (utf8_count(prompt, strlen(prompt)) > SESSION_PROMPT_MAX_CHARS) {
		snprintf(err, errlen, "a prompt can have at most %d characters", SESSION_PROMPT_MAX_CHARS);
		return -1;
	}
	if (title && utf8_count(title, strlen(title)) > SESSION_TITLE_MAX_CHARS) {
		snprintf(err, errlen, "an activity title can have at most %d characters", SESSION_TITLE_MAX_CHARS);
		return -1;
	}
	return 0;
}

static struct activity *append_activity(struct session *s, uint32_t id, enum activity_kind kind,
                                        const char *title, const char *prompt)
{
	xgrow((void **)&s->activities, &s->cap_activities, s->n_activities + 1, sizeof *s->activities);
	struct activity *a = &s->activities[s->n_activities++];
	a->id = id;
	a->kind = kind;
	a->title = xstrdup(title ? title : "");
	a->prompt = xstrdup(prompt);
	if (s->next_activity_id <= id) s->next_activity_id = id + 1;
	if (!s->current_activity) s->current_activity = id;
	return a;
}

static int apply_activity_add(struct session *s, const struct command *c, struct session_result *res)
{
	char err[120];
	if (c->participant != 0)
		return fail(res, SERR_BAD_COMMAND, "Only the facilitator can change the agenda.");
	if (check_activity(c->u.activity_add.kind, c->u.activity_add.title, c->u.activity_add.prompt,
	                   err, sizeof err) < 0)
		return fail(res, SERR_BAD_COMMAND, "%s", err);
	struct activity *a = append_activity(s, s->next_activity_id, c->u.activity_add.kind,
	                                     c->u.activity_add.title, c->u.activity_add.prompt);
	emit(res, EV_ACTIVITY_ADDED, a->id);
	return 0;
}

/* One entry per command type: the dispatch table grows instead of a switch. */
static const struct {
	enum cmd_type type;
	int (*apply)(struct session *, const struct command *, struct session_result *);
} appliers[] = {
	{ CMD_JOIN, apply_join },
	{ CMD_IDEA_POST, apply_idea_post },
	{ CMD_ACTIVITY_ADD, apply_activity_add },
};

int session_apply(struct session *s, const struct command *cmd, struct session_result *res)
{
	res->err = SERR_OK;
	res->message[0] = '\0';
	res->n_events = 0;
	for (size_t i = 0; i < sizeof appliers / sizeof appliers[0]; i++)
		if (appliers[i].type == cmd->type) return appliers[i].apply(s, cmd, res);
	return fail(res, SERR_BAD_COMMAND, "Unknown command %d.", (int)cmd->type);
}

/* ---- restoring from a snapshot ---------------------------------------------------------- */

int session_restore_participant(struct session *s, const struct participant *p, char *err, size_t errlen)
{
	if (p->id == 0 || (s->n_participants && p->id <= s->participants[s->n_participants - 1].id)) {
		snprintf(err, errlen, "participant id %u is zero or not increasing", p->id);
		return -1;
	}
	if (!token_valid(p->token)) {
		snprintf(err, errlen, "participant %u has a malformed token", p->id);
		return -1;
	}
	if (session_participant_by_token(s, p->token)) {
		snprintf(err, errlen, "participant %u has the token of another participant", p->id);
		return -1;
	}
	const char *name = p->name ? p->name : "";
	if (!utf8_valid(name, strlen(name)) || utf8_count(name, strlen(name)) > SESSION_NAME_MAX_CHARS) {
		snprintf(err, errlen, "participant %u has an invalid name", p->id);
		return -1;
	}
	if (!lang_valid(p->lang)) {
		snprintf(err, errlen, "participant %u has an invalid language tag", p->id);
		return -1;
	}
	xgrow((void **)&s->participants, &s->cap_participants, s->n_participants + 1, sizeof *s->participants);
	struct participant *q = &s->participants[s->n_participants++];
	*q = *p;
	q->name = xstrdup(name);
	if (s->next_participant_id <= p->id) s->next_participant_id = p->id + 1;
	return 0;
}

int session_restore_activity(struct session *s, const struct activity *a, char *err, size_t errlen)
{
	if (a->id == 0 || (s->n_activities && a->id <= s->activities[s->n_activities - 1].id)) {
		snprintf(err, errlen, "activity id %u is zero or not increasing", a->id);
		return -1;
	}
	char why[120];
	if (check_activity(a->kind, a->title, a->prompt, why, sizeof why) < 0) {
		snprintf(err, errlen, "activity %u: %s", a->id, why);
		return -1;
	}
	append_activity(s, a->id, a->kind, a->title, a->prompt);
	return 0;
}

int session_restore_idea(struct session *s, const struct idea *i, char *err, size_t errlen)
{
	if (i->id == 0 || (s->n_ideas && i->id <= s->ideas[s->n_ideas - 1].id)) {
		snprintf(err, errlen, "idea id %u is zero or not increasing", i->id);
		return -1;
	}
	if (!session_activity(s, i->activity)) {
		snprintf(err, errlen, "idea %u belongs to unknown activity %u", i->id, i->activity);
		return -1;
	}
	if (i->author && !session_participant(s, i->author)) {
		snprintf(err, errlen, "idea %u has unknown author %u", i->id, i->author);
		return -1;
	}
	struct session_result res;
	char *text;
	if (check_idea_text(i->text, &text, &res) < 0) {
		snprintf(err, errlen, "idea %u: %s", i->id, res.message);
		return -1;
	}
	xgrow((void **)&s->ideas, &s->cap_ideas, s->n_ideas + 1, sizeof *s->ideas);
	struct idea *d = &s->ideas[s->n_ideas++];
	*d = *i;
	d->text = text;
	if (s->next_idea_id <= i->id) s->next_idea_id = i->id + 1;
	return 0;
}
