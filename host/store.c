/* store.c: session files: session -> JSON, templates out, atomic save (reading is store-read.c). */
#include "store-int.h"
#include "plat.h"
#include "proto.h"
#include "util.h"

#include <cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static void add_time(cJSON *o, const char *key, int64_t ms)
{
	char buf[32];
	proto_format_time(ms, buf, sizeof buf);
	cJSON_AddStringToObject(o, key, buf);
}

/* Numbers of a record, in order: key, value, key, value, ..., NULL. */
static void add_numbers(cJSON *o, ...) __attribute__((sentinel));
static void add_numbers(cJSON *o, ...)
{
	va_list ap;
	va_start(ap, o);
	for (const char *key; (key = va_arg(ap, const char *));) cJSON_AddNumberToObject(o, key, va_arg(ap, double));
	va_end(ap);
}

static void add_options(cJSON *o, const char *key, char *const *opts, size_t n)
{
	cJSON *arr = cJSON_AddArrayToObject(o, key);
	for (size_t i = 0; i < n; i++) cJSON_AddItemToArray(arr, cJSON_CreateString(opts[i]));
}

static cJSON *activity_json(const struct activity *a)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", a->id);
	cJSON_AddStringToObject(j, "kind", session_kind_name(a->kind));
	cJSON_AddStringToObject(j, "title", a->title);
	cJSON_AddStringToObject(j, "prompt", a->prompt);
	cJSON_AddStringToObject(j, "phase", session_phase_name(a->phase));
	if (a->kind == ACTIVITY_IDEAS) {
		add_options(j, "categories", a->options, a->n_options);
		cJSON_AddBoolToObject(j, "silent", a->silent);
		if (a->screened) cJSON_AddBoolToObject(j, "screened", 1);
	} else if (a->kind == ACTIVITY_VOTE) {
		cJSON_AddNumberToObject(j, "source", a->source);
		cJSON_AddBoolToObject(j, "on_groups", a->on_groups);
		cJSON_AddNumberToObject(j, "budget", a->budget);
		cJSON_AddNumberToObject(j, "max_per_item", a->max_per_item);
		cJSON_AddBoolToObject(j, "live", a->live);
	} else if (a->kind == ACTIVITY_POLL) {
		cJSON_AddStringToObject(j, "poll", session_poll_name(a->poll));
		add_options(j, "choices", a->options, a->n_options);
	} else if (a->kind == ACTIVITY_ACTIONS && a->source) {   /* issue 20: the vote it acts on */
		cJSON_AddNumberToObject(j, "source", a->source);
	}
	/* issue 19, consent: written only when not the default */
	if (a->kind == ACTIVITY_CONSENT && a->consent_round > 1) cJSON_AddNumberToObject(j, "consent_round", a->consent_round);
	if (a->moretime_ask) cJSON_AddNumberToObject(j, "moretime_ask", a->moretime_ask);
	if (a->moretime_open) cJSON_AddBoolToObject(j, "moretime_open", 1);
	proto_add_pictos_audio(j, a);
	if (a->n_rounds) {   /* tables and rounds: written only when used, like every new field */
		cJSON *rl = cJSON_AddArrayToObject(j, "rounds");
		for (size_t i = 0; i < a->n_rounds; i++) {
			cJSON *r = cJSON_CreateObject();
			cJSON_AddStringToObject(r, "title", a->rounds[i].title);
			cJSON_AddNumberToObject(r, "seconds", (double)(a->rounds[i].ms / 1000));
			cJSON_AddItemToArray(rl, r);
		}
	}
	if (a->round) cJSON_AddNumberToObject(j, "round", a->round);
	if (a->by_table) cJSON_AddBoolToObject(j, "by_table", 1);
	if (a->shuffle) cJSON_AddBoolToObject(j, "shuffle", 1);
	if (a->timer.duration_ms > 0) {
		cJSON *t = cJSON_AddObjectToObject(j, "timer");
		cJSON_AddNumberToObject(t, "duration_ms", (double)a->timer.duration_ms);
		cJSON_AddBoolToObject(t, "running", a->timer.running);
		if (a->timer.running) add_time(t, "ends", a->timer.ends_ms);
		else cJSON_AddNumberToObject(t, "left_ms", (double)a->timer.left_ms);
		cJSON_AddBoolToObject(t, "lock_at_zero", a->timer.lock_at_zero);
	}
	return j;
}

/* A poll answer as people read it: the choice index, the list of indexes, or the scale value. */
static cJSON *answer_value_json(const struct activity *a, uint32_t v)
{
	if (a->poll == POLL_SCALE) return cJSON_CreateNumber(v);
	if (a->poll == POLL_SINGLE) {
		int i = 0;
		while (i < 31 && !((v >> i) & 1u)) i++;
		return cJSON_CreateNumber(i);
	}
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < 32; i++)
		if ((v >> i) & 1u) cJSON_AddItemToArray(arr, cJSON_CreateNumber(i));
	return arr;
}

const char *const store_mod_names[MOD_REJECT + 1] = { NULL, "hide", "restore", "edit", "merge", "approve", "reject" };
const char *const store_idea_status_names[IDEA_REJECTED + 1] = { "shown", "waiting", "rejected" };   /* screened ideas */

/* The cids an actor used lately, oldest first: [["c17", 5], ...] (so that a resend after a
 * restart is still recognised). */
static void add_recent(cJSON *o, const char *key, const struct recent_cid *ring, unsigned next)
{
	cJSON *arr = NULL;
	for (unsigned k = 0; k < SESSION_RECENT_CIDS; k++) {
		const struct recent_cid *r = &ring[(next + k) % SESSION_RECENT_CIDS];
		if (!r->cid[0]) continue;
		if (!arr) arr = cJSON_AddArrayToObject(o, key);
		cJSON *pair = cJSON_CreateArray();
		cJSON_AddItemToArray(pair, cJSON_CreateString(r->cid));
		cJSON_AddItemToArray(pair, cJSON_CreateNumber(r->result));
		cJSON_AddItemToArray(arr, pair);
	}
}

/* ---- the records of a session file, one function each: what store_to_json lists ---------- */

static size_t n_activities(const struct session *s) { return s->n_activities; }
static size_t n_participants(const struct session *s) { return s->n_participants; }
static size_t n_groups(const struct session *s) { return s->n_groups; }
static size_t n_ideas(const struct session *s) { return s->n_ideas; }
static size_t n_votes(const struct session *s) { return s->n_votes; }
static size_t n_answers(const struct session *s) { return s->n_answers; }
static size_t n_log(const struct session *s) { return s->n_log; }
static size_t n_renderings(const struct session *s) { return s->n_renderings; }
static size_t n_signals(const struct session *s) { return s->n_signals; }
static size_t n_consents(const struct session *s) { return s->n_consents; }
static size_t n_consent_rounds(const struct session *s) { return s->n_consent_log; }
static size_t n_moretime(const struct session *s) { return s->n_moretime; }
static size_t n_actions(const struct session *s) { return s->n_actions; }
static size_t n_action_log(const struct session *s) { return s->n_action_log; }
static size_t n_paper(const struct session *s) { return s->n_paper; }

static cJSON *activity_out(const struct session *s, size_t i)
{
	return activity_json(&s->activities[i]);
}

static cJSON *participant_out(const struct session *s, size_t i)
{
	const struct participant *p = &s->participants[i];
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", p->id);
	cJSON_AddStringToObject(j, "token", p->token);
	cJSON_AddStringToObject(j, "name", p->name);
	cJSON_AddStringToObject(j, "lang", p->lang);
	add_time(j, "joined", p->joined_ms);
	if (p->proxy) cJSON_AddBoolToObject(j, "proxy", 1);
	if (p->table) cJSON_AddNumberToObject(j, "table", p->table);
	if (p->scribe) cJSON_AddBoolToObject(j, "scribe", 1);
	add_recent(j, "recent", p->recent, p->recent_next);
	return j;
}

static cJSON *group_out(const struct session *s, size_t i)
{
	const struct group *g = &s->groups[i];
	cJSON *j = cJSON_CreateObject();
	add_numbers(j, "id", (double)g->id, "activity", (double)g->activity, NULL);
	cJSON_AddStringToObject(j, "name", g->name);
	add_time(j, "created", g->created_ms);
	if (g->removed) cJSON_AddBoolToObject(j, "removed", 1);
	return j;
}

static cJSON *idea_out(const struct session *s, size_t i)
{
	const struct idea *d = &s->ideas[i];
	cJSON *j = cJSON_CreateObject();
	add_numbers(j, "id", (double)d->id, "activity", (double)d->activity, "author", (double)d->author, NULL);
	cJSON_AddStringToObject(j, "text", d->text);
	add_time(j, "created", d->created_ms);
	if (d->category >= 0) cJSON_AddNumberToObject(j, "category", d->category);
	if (d->group) cJSON_AddNumberToObject(j, "group", d->group);
	if (d->hidden) {
		cJSON_AddBoolToObject(j, "hidden", 1);
		add_time(j, "hidden_at", d->hidden_ms);
	}
	if (d->merged_into) cJSON_AddNumberToObject(j, "merged_into", d->merged_into);
	if (d->edited) cJSON_AddBoolToObject(j, "edited", 1);
	if (d->photo) {
		cJSON *ph = cJSON_AddObjectToObject(j, "photo");
		cJSON_AddStringToObject(ph, "file", d->photo);
		add_numbers(ph, "width", (double)d->photo_w, "height", (double)d->photo_h, NULL);
	}
	if (d->interpret_ms) add_time(j, "interpret_asked", d->interpret_ms);
	if (d->table) cJSON_AddNumberToObject(j, "table", d->table);
	if (d->round) cJSON_AddNumberToObject(j, "round", d->round);
	if (d->forward) cJSON_AddNumberToObject(j, "forward", d->forward);
	if (d->status) cJSON_AddStringToObject(j, "status", store_idea_status_names[d->status]);   /* screened */
	if (d->reject) cJSON_AddStringToObject(j, "reject", session_reject_name(d->reject));
	if (d->reject_note) cJSON_AddStringToObject(j, "reject_note", d->reject_note);
	if (d->decided_ms) add_time(j, "decided", d->decided_ms);
	return j;
}

static cJSON *rendering_out(const struct session *s, size_t i)
{
	const struct rendering *r = &s->renderings[i];
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "idea", r->idea);
	cJSON_AddStringToObject(j, "lang", r->lang);
	cJSON_AddStringToObject(j, "text", r->text);
	cJSON_AddStringToObject(j, "by", r->by);
	add_time(j, "at", r->at_ms);
	return j;
}

static cJSON *signals_out(const struct session *s, size_t i)
{
	const struct signal_count *c = &s->signals[i];
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "activity", c->activity);
	cJSON_AddStringToObject(j, "lang", c->lang);
	for (int k = 0; k < SIGNAL_KINDS; k++) cJSON_AddNumberToObject(j, session_signal_name(k), c->count[k]);
	if (c->last_ms) add_time(j, "last", c->last_ms);
	return j;
}

static cJSON *vote_out(const struct session *s, size_t i)
{
	const struct vote *v = &s->votes[i];
	cJSON *j = cJSON_CreateObject();
	add_numbers(j, "activity", (double)v->activity, "participant", (double)v->participant, "item", (double)v->item,
	            "dots", (double)v->dots, NULL);
	if (v->at_ms) add_time(j, "at", v->at_ms);
	if (v->table) cJSON_AddNumberToObject(j, "table", v->table);
	return j;
}

static cJSON *answer_out(const struct session *s, size_t i)
{
	const struct answer *an = &s->answers[i];
	cJSON *j = cJSON_CreateObject();
	add_numbers(j, "activity", (double)an->activity, "participant", (double)an->participant, NULL);
	cJSON_AddItemToObject(j, "value", answer_value_json(session_activity(s, an->activity), an->value));
	return j;
}

static cJSON *consent_out(const struct session *s, size_t i)
{
	const struct consent_answer *c = &s->consents[i];
	cJSON *j = cJSON_CreateObject();
	add_numbers(j, "activity", (double)c->activity, "participant", (double)c->participant, "round", (double)c->round, NULL);
	cJSON_AddStringToObject(j, "answer", session_consent_name(c->value));
	if (c->reason) cJSON_AddStringToObject(j, "reason", c->reason);
	if (c->photo) cJSON_AddStringToObject(j, "photo", c->photo);
	if (c->in_person) cJSON_AddBoolToObject(j, "in_person", 1);
	if (c->at_ms) add_time(j, "at", c->at_ms);
	return j;
}

static cJSON *consent_round_out(const struct session *s, size_t i)
{
	const struct consent_record *r = &s->consent_log[i];
	cJSON *j = cJSON_CreateObject(), *n;
	add_numbers(j, "activity", (double)r->activity, "round", (double)r->round, NULL);
	cJSON_AddStringToObject(j, "text", r->text);
	n = cJSON_AddObjectToObject(j, "counts");
	for (int k = CONSENT_YES; k < CONSENT_VALUES; k++) cJSON_AddNumberToObject(n, session_consent_name(k), r->count[k]);
	if (r->ended_ms) add_time(j, "ended", r->ended_ms);
	return j;
}

static cJSON *moretime_out(const struct session *s, size_t i)
{
	const struct moretime_answer *m = &s->moretime[i];
	cJSON *j = cJSON_CreateObject();
	add_numbers(j, "activity", (double)m->activity, "ask", (double)m->ask, "participant", (double)m->participant, NULL);
	cJSON_AddStringToObject(j, "answer", session_moretime_name(m->value));
	return j;
}

/* issue 20: actions and every change of them */
static cJSON *action_out(const struct session *s, size_t i)
{
	const struct action *a = &s->actions[i];
	cJSON *j = cJSON_CreateObject();
	add_numbers(j, "id", (double)a->id, "activity", (double)a->activity, NULL);
	if (a->idea) cJSON_AddNumberToObject(j, "idea", a->idea);
	if (a->group) cJSON_AddNumberToObject(j, "group", a->group);
	cJSON_AddStringToObject(j, "text", a->text);
	cJSON_AddStringToObject(j, "who", a->who ? a->who : "");
	cJSON_AddStringToObject(j, "due", a->due);
	cJSON_AddStringToObject(j, "status", session_action_status_name(a->status));
	if (a->note) cJSON_AddStringToObject(j, "note", a->note);
	if (a->volunteer) {
		cJSON_AddNumberToObject(j, "volunteer", a->volunteer);
		cJSON_AddStringToObject(j, "offer", a->offer ? a->offer : "");
	}
	if (a->created_ms) add_time(j, "created", a->created_ms);
	if (a->updated_ms) add_time(j, "updated", a->updated_ms);
	return j;
}

static cJSON *action_change_out(const struct session *s, size_t i)
{
	const struct action_change *c = &s->action_log[i];
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "action", c->action);
	if (c->at_ms) add_time(j, "at", c->at_ms);
	cJSON_AddStringToObject(j, "status", session_action_status_name(c->status));
	if (c->note) cJSON_AddStringToObject(j, "note", c->note);
	return j;
}

/* A paper batch (issue 20): "replaced" is not written, the later batch's "replaces" says it. */
static cJSON *paper_out(const struct session *s, size_t i)
{
	const struct paper_batch *b = &s->paper[i];
	cJSON *j = cJSON_CreateObject();
	add_numbers(j, "id", (double)b->id, "activity", (double)b->activity, NULL);
	if (b->table) cJSON_AddNumberToObject(j, "table", b->table);
	add_numbers(j, "item", (double)b->item, "count", (double)b->count, NULL);
	if (b->replaces) cJSON_AddNumberToObject(j, "replaces", b->replaces);
	if (b->at_ms) add_time(j, "at", b->at_ms);
	return j;
}

static cJSON *mod_out(const struct session *s, size_t i)
{
	const struct mod_entry *m = &s->log[i];
	cJSON *j = cJSON_CreateObject();
	add_time(j, "at", m->at_ms);
	cJSON_AddStringToObject(j, "action", store_mod_names[m->kind]);
	cJSON_AddNumberToObject(j, "idea", m->idea);
	if (m->kind == MOD_MERGE) cJSON_AddNumberToObject(j, "into", m->other);
	if (m->before) cJSON_AddStringToObject(j, "before", m->before);
	if (m->after) cJSON_AddStringToObject(j, "after", m->after);
	return j;
}

/* A template's activity: a session file's, without what belongs to one meeting (its id, phase,
 * timer state, round, consent round, asks for more time), with the timer's length as timer_s
 * (not when it runs in rounds: each round sets it) and a vote's source counted from 1. */
static cJSON *template_activity(const struct session *s, const struct activity *a)
{
	static const char *const meeting_only[] = { "id", "phase", "timer", "round", "consent_round", "moretime_ask",
	                                            "moretime_open" };
	cJSON *j = activity_json(a);
	for (size_t i = 0; i < NELEM(meeting_only); i++) cJSON_DeleteItemFromObjectCaseSensitive(j, meeting_only[i]);
	if (a->kind == ACTIVITY_VOTE) {
		uint32_t at = 0;
		for (size_t i = 0; i < s->n_activities; i++)
			if (s->activities[i].id == a->source) at = (uint32_t)i + 1;
		cJSON_ReplaceItemInObjectCaseSensitive(j, "source", cJSON_CreateNumber(at));
	}
	if (a->timer.duration_ms > 0 && !a->n_rounds) {
		cJSON_AddNumberToObject(j, "timer_s", (double)((a->timer.duration_ms + 999) / 1000));
		if (a->timer.lock_at_zero) cJSON_AddBoolToObject(j, "lock_at_zero", 1);
	}
	return j;
}

char *store_template_to_json(const struct session *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "format", STORE_TEMPLATE);
	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "title", s->title);
	cJSON_AddStringToObject(o, "lang", s->lang);
	if (s->n_tables) cJSON_AddNumberToObject(o, "tables", s->n_tables);
	cJSON *arr = cJSON_AddArrayToObject(o, "activities");
	for (size_t i = 0; i < s->n_activities; i++) cJSON_AddItemToArray(arr, template_activity(s, &s->activities[i]));
	char *out = cJSON_Print(o);
	cJSON_Delete(o);
	if (!out) abort();   /* out of memory: as store_to_json */
	size_t n = strlen(out);
	out = xrealloc(out, n + 2);
	out[n] = '\n';
	out[n + 1] = '\0';
	return out;
}

char *store_to_json(const struct session *s, int64_t saved_ms, uint64_t journal_seq)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "format", STORE_FORMAT);
	cJSON_AddNumberToObject(o, "version", SESSION_FORMAT_VERSION);
	cJSON_AddStringToObject(o, "title", s->title);
	cJSON_AddStringToObject(o, "lang", s->lang);
	add_time(o, "created", s->created_ms);
	add_time(o, "saved", saved_ms);
	cJSON_AddNumberToObject(o, "current_activity", s->current_activity);
	if (s->n_tables) cJSON_AddNumberToObject(o, "tables", s->n_tables);
	cJSON_AddNumberToObject(o, "journal_seq", (double)journal_seq);
	add_recent(o, "facilitator_recent", s->fac_recent, s->fac_recent_next);

	static const struct {
		const char *key;
		size_t (*count)(const struct session *);
		cJSON *(*record)(const struct session *, size_t);
		int if_any;          /* written only when there is one (newer lists: older files stay as they were) */
	} sections[] = {   /* the reader's order (store_from_json) */
		{ "activities", n_activities, activity_out, 0 }, { "participants", n_participants, participant_out, 0 },
		{ "groups", n_groups, group_out, 0 }, { "ideas", n_ideas, idea_out, 0 }, { "votes", n_votes, vote_out, 0 },
		{ "answers", n_answers, answer_out, 0 }, { "moderation", n_log, mod_out, 0 },
		{ "renderings", n_renderings, rendering_out, 0 }, { "signals", n_signals, signals_out, 0 },
		{ "consents", n_consents, consent_out, 1 }, { "consent_rounds", n_consent_rounds, consent_round_out, 1 },
		{ "moretime", n_moretime, moretime_out, 1 }, { "paper", n_paper, paper_out, 1 },
		{ "actions", n_actions, action_out, 1 }, { "action_log", n_action_log, action_change_out, 1 },
	};
	for (size_t k = 0; k < NELEM(sections); k++) {
		if (sections[k].if_any && !sections[k].count(s)) continue;
		cJSON *arr = cJSON_AddArrayToObject(o, sections[k].key);
		for (size_t i = 0, n = sections[k].count(s); i < n; i++) cJSON_AddItemToArray(arr, sections[k].record(s, i));
	}
	char *out = cJSON_Print(o);
	cJSON_Delete(o);
	if (!out) {
		fprintf(stderr, "medskapa: out of memory writing the session\n");
		abort();
	}
	size_t n = strlen(out);   /* end the file with a newline, as text files do */
	out = xrealloc(out, n + 2);
	out[n] = '\n';
	out[n + 1] = '\0';
	return out;
}

/* The file-system side is the platform's (plat-posix.c, plat-win.c): one way to write a file
 * that survives a power cut on each system. */
int store_check_target(const char *path, char *err, size_t errlen)
{
	return plat_check_target(path, err, errlen);
}

int store_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	return plat_write_atomic(path, data, len, err, errlen);
}

int store_save(const struct session *s, const char *path, int64_t now_ms, uint64_t journal_seq,
               char *err, size_t errlen)
{
	char *json = store_to_json(s, now_ms, journal_seq);
	int rc = store_write_atomic(path, json, strlen(json), err, errlen);
	free(json);
	return rc;
}
