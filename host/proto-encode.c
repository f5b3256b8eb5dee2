/* proto-encode.c: the wire protocol's encoding half: session state and events as JSON, each
 * for the viewer that receives it (what a phone, an interpreter or the facilitator may see). */
#include "proto.h"
#include "util.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- encoding --------------------------------------------------------------------------- */

static char *print_and_free(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s) {
		fprintf(stderr, "medskapa: out of memory encoding a message\n");
		abort();
	}
	return s;
}

char *proto_encode_error(const struct proto_error *err)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "error");
	cJSON_AddStringToObject(o, "code", err->code ? err->code : "internal");
	cJSON_AddStringToObject(o, "message", err->message);
	if (err->field[0]) cJSON_AddStringToObject(o, "field", err->field);
	if (err->cid[0]) cJSON_AddStringToObject(o, "cid", err->cid);
	return print_and_free(o);
}

/* What an idea carries besides its text: its photo, whether someone asked for it to be
 * interpreted, and its renderings (each phone picks the one in its language). */
static void add_idea_extras(cJSON *o, const struct session *s, const struct idea *i)
{
	if (i->photo) {
		cJSON *ph = cJSON_AddObjectToObject(o, "photo");
		cJSON_AddStringToObject(ph, "file", i->photo);
		cJSON_AddNumberToObject(ph, "width", i->photo_w);
		cJSON_AddNumberToObject(ph, "height", i->photo_h);
	}
	if (i->interpret_ms) cJSON_AddBoolToObject(o, "interpret", 1);
	cJSON *rs = NULL;
	for (size_t k = 0; k < s->n_renderings; k++) {
		const struct rendering *r = &s->renderings[k];
		if (r->idea != i->id) continue;
		if (!rs) rs = cJSON_AddArrayToObject(o, "renderings");
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "lang", r->lang);
		cJSON_AddStringToObject(e, "text", r->text);
		cJSON_AddStringToObject(e, "by", r->by);
		cJSON_AddItemToArray(rs, e);
	}
}

static cJSON *idea_json(const struct session *s, const struct idea *i, int facilitator)
{
	char when[32];
	const struct participant *p = i->author ? session_participant(s, i->author) : NULL;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", i->id);
	cJSON_AddNumberToObject(o, "activity", i->activity);
	cJSON_AddNumberToObject(o, "author", i->author);
	cJSON_AddStringToObject(o, "name", p ? p->name : "");
	cJSON_AddStringToObject(o, "text", i->text);
	proto_format_time(i->created_ms, when, sizeof when);
	cJSON_AddStringToObject(o, "at", when);
	cJSON_AddNumberToObject(o, "category", i->category);
	cJSON_AddNumberToObject(o, "group", i->group);
	cJSON_AddBoolToObject(o, "hidden", i->hidden);
	cJSON_AddBoolToObject(o, "edited", i->edited);
	cJSON_AddBoolToObject(o, "proxy", p && p->proxy);
	cJSON_AddStringToObject(o, "lang", p ? p->lang : "");
	add_idea_extras(o, s, i);
	cJSON_AddNumberToObject(o, "table", i->table);     /* tables and rounds */
	cJSON_AddNumberToObject(o, "round", i->round);
	cJSON_AddNumberToObject(o, "forward", i->forward);
	if (facilitator) cJSON_AddNumberToObject(o, "merged_into", i->merged_into);
	/* screened: only its author and the facilitator ever get a waiting or rejected idea */
	if (i->status) cJSON_AddStringToObject(o, "status", i->status == IDEA_WAITING ? "waiting" : "rejected");
	if (i->reject) cJSON_AddStringToObject(o, "reject", session_reject_name(i->reject));
	if (i->reject_note) cJSON_AddStringToObject(o, "reject_note", i->reject_note);
	return o;
}

static cJSON *strings_json(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

/* Pictograms beside the options (when one has one) and the recorded prompts, as
 * {"ti": {"prompt": "q1-ti.ogg", "choices": ["a-ti.ogg", null]}}: the same on the wire and in
 * the session file (store.c). */
void proto_add_pictos_audio(cJSON *o, const struct activity *a)
{
	if (a->pictos) cJSON_AddItemToObject(o, "pictos", strings_json(a->pictos, a->n_options));
	if (!a->n_audio) return;
	cJSON *au = cJSON_AddObjectToObject(o, "audio");
	for (size_t i = 0; i < a->n_audio; i++) {
		const struct audio_clip *c = &a->audio[i];
		cJSON *l = cJSON_GetObjectItemCaseSensitive(au, c->lang);
		if (!l) l = cJSON_AddObjectToObject(au, c->lang);
		if (c->option < 0) {
			cJSON_AddStringToObject(l, "prompt", c->file);
			continue;
		}
		cJSON *ch = cJSON_GetObjectItemCaseSensitive(l, "choices");
		if (!ch) ch = cJSON_AddArrayToObject(l, "choices");
		while (cJSON_GetArraySize(ch) <= c->option) cJSON_AddItemToArray(ch, cJSON_CreateNull());
		cJSON_ReplaceItemInArray(ch, c->option, cJSON_CreateString(c->file));
	}
}

static cJSON *activity_json(const struct activity *a, int64_t now_ms)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", a->id);
	cJSON_AddStringToObject(o, "kind", session_kind_name(a->kind));
	cJSON_AddStringToObject(o, "title", a->title);
	cJSON_AddStringToObject(o, "prompt", a->prompt);
	cJSON_AddStringToObject(o, "phase", session_phase_name(a->phase));
	if (a->kind == ACTIVITY_IDEAS) {
		cJSON_AddItemToObject(o, "categories", strings_json(a->options, a->n_options));
		cJSON_AddBoolToObject(o, "silent", a->silent);
		cJSON_AddBoolToObject(o, "screened", a->screened);
	} else if (a->kind == ACTIVITY_VOTE) {
		cJSON_AddNumberToObject(o, "source", a->source);
		cJSON_AddBoolToObject(o, "on_groups", a->on_groups);
		cJSON_AddNumberToObject(o, "budget", a->budget);
		cJSON_AddNumberToObject(o, "max_per_item", a->max_per_item);
		cJSON_AddBoolToObject(o, "live", a->live);
	} else if (a->kind == ACTIVITY_POLL) {
		cJSON_AddStringToObject(o, "poll", session_poll_name(a->poll));
		cJSON_AddItemToObject(o, "choices", strings_json(a->options, a->n_options));
	} else if (a->kind == ACTIVITY_CONSENT) {
		cJSON_AddStringToObject(o, "proposal", a->prompt);
		cJSON_AddNumberToObject(o, "consent_round", a->consent_round);
	}
	if (a->shuffle) cJSON_AddBoolToObject(o, "shuffle", 1);
	proto_add_pictos_audio(o, a);
	cJSON *rl = cJSON_AddArrayToObject(o, "rounds");   /* tables and rounds */
	for (size_t i = 0; i < a->n_rounds; i++) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "title", a->rounds[i].title);
		cJSON_AddNumberToObject(r, "seconds", (double)(a->rounds[i].ms / 1000));
		cJSON_AddItemToArray(rl, r);
	}
	cJSON_AddNumberToObject(o, "round", a->round);
	cJSON_AddBoolToObject(o, "by_table", a->by_table);
	cJSON_AddBoolToObject(o, "shuffle", a->shuffle);
	if (a->timer.duration_ms > 0) {
		cJSON *t = cJSON_AddObjectToObject(o, "timer");
		cJSON_AddNumberToObject(t, "duration_ms", (double)a->timer.duration_ms);
		cJSON_AddBoolToObject(t, "running", a->timer.running);
		cJSON_AddNumberToObject(t, "left_ms", (double)session_timer_left(&a->timer, now_ms));
		cJSON_AddBoolToObject(t, "lock_at_zero", a->timer.lock_at_zero);
	} else {
		cJSON_AddNullToObject(o, "timer");
	}
	return o;
}

/* The text people see for a vote item: an idea's text or a group's name. */
static const char *item_text(const struct session *s, const struct activity *vote, uint32_t item)
{
	if (vote->on_groups) {
		const struct group *g = session_group(s, item);
		return g ? g->name : "";
	}
	const struct idea *i = session_idea(s, item);
	return i ? i->text : "";
}

static cJSON *results_json(const struct session *s, const struct activity *a)
{
	size_t n = session_results(s, a, NULL, 0);
	struct result_row *rows = xcalloc(n ? n : 1, sizeof *rows);
	session_results(s, a, rows, n);
	cJSON *o = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(o, "rows");
	int total = 0;
	for (size_t i = 0; i < n; i++) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddNumberToObject(r, "item", rows[i].item);
		const char *text = a->kind == ACTIVITY_VOTE ? item_text(s, a, rows[i].item)
		                 : a->poll == POLL_SCALE ? "" : a->options[rows[i].item];
		cJSON_AddStringToObject(r, "text", text);
		cJSON_AddNumberToObject(r, "count", rows[i].count);
		cJSON_AddNumberToObject(r, "voters", rows[i].voters);
		cJSON_AddNumberToObject(r, "rank", rows[i].rank);
		if (rows[i].paper) cJSON_AddNumberToObject(r, "paper", rows[i].paper);   /* the paper part of count */
		cJSON_AddItemToArray(arr, r);
		total += rows[i].count;
	}
	cJSON_AddNumberToObject(o, "total", total);
	/* distinct participants who took part */
	cJSON_AddNumberToObject(o, "voters", session_voters(s, a));
	free(rows);
	return o;
}

/* issue 20: the session's actions. Everyone sees what, who, by when and how it stands, and
 * whether someone offered to take it; what the volunteer typed goes only to the facilitator
 * and to the volunteer's own phone ("mine"). */
static cJSON *actions_json(const struct session *s, uint32_t viewer, int facilitator)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < s->n_actions; i++) {
		const struct action *a = &s->actions[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", a->id);
		cJSON_AddNumberToObject(o, "activity", a->activity);
		cJSON_AddNumberToObject(o, "idea", a->idea);
		cJSON_AddNumberToObject(o, "group", a->group);
		cJSON_AddStringToObject(o, "text", a->text);
		cJSON_AddStringToObject(o, "who", a->who ? a->who : "");
		cJSON_AddStringToObject(o, "due", a->due);
		cJSON_AddStringToObject(o, "status", session_action_status_name(a->status));
		if (a->note) cJSON_AddStringToObject(o, "note", a->note);
		else cJSON_AddNullToObject(o, "note");
		cJSON_AddBoolToObject(o, "volunteer", a->volunteer != 0);
		int mine = a->volunteer && viewer && a->volunteer == viewer;
		if (mine) cJSON_AddBoolToObject(o, "mine", 1);
		if (a->volunteer && (facilitator || mine)) cJSON_AddStringToObject(o, "offer", a->offer ? a->offer : "");
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *mine_dots_json(const struct session *s, uint32_t activity, uint32_t participant)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; participant && i < s->n_votes; i++) {
		const struct vote *v = &s->votes[i];
		if (v->activity != activity || v->participant != participant) continue;
		cJSON *d = cJSON_CreateObject();
		cJSON_AddNumberToObject(d, "item", v->item);
		cJSON_AddNumberToObject(d, "dots", v->dots);
		cJSON_AddItemToArray(arr, d);
	}
	return arr;
}

static cJSON *answer_json(const struct session *s, const struct activity *a, uint32_t participant)
{
	const struct answer *an = participant ? session_answer(s, a->id, participant) : NULL;
	if (!an) return cJSON_CreateNull();
	if (a->poll == POLL_SCALE) return cJSON_CreateNumber(an->value);
	if (a->poll == POLL_SINGLE) {
		int i = 0;
		while (i < 31 && !((an->value >> i) & 1u)) i++;
		return cJSON_CreateNumber(i);
	}
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < 32; i++)
		if ((an->value >> i) & 1u) cJSON_AddItemToArray(arr, cJSON_CreateNumber(i));
	return arr;
}

/* The signals of an activity, one entry per language: [{"lang", "interpret", "slower",
 * "unclear", "last"}]. */
static cJSON *signals_json(const struct session *s, uint32_t activity)
{
	cJSON *arr = cJSON_CreateArray();
	char when[32];
	for (size_t i = 0; i < s->n_signals; i++) {
		const struct signal_count *c = &s->signals[i];
		if (c->activity != activity) continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "lang", c->lang);
		for (int k = 0; k < SIGNAL_KINDS; k++) cJSON_AddNumberToObject(e, session_signal_name(k), c->count[k]);
		proto_format_time(c->last_ms, when, sizeof when);
		cJSON_AddStringToObject(e, "last", when);
		cJSON_AddItemToArray(arr, e);
	}
	return arr;
}

/* ---- consent, need more time, progress (issue 19) ---- */
static cJSON *consent_counts_json(const int count[CONSENT_VALUES])
{
	cJSON *o = cJSON_CreateObject();
	for (int k = CONSENT_YES; k < CONSENT_VALUES; k++) cJSON_AddNumberToObject(o, session_consent_name(k), count[k]);
	return o;
}

/* A participant's own consent answer in the round now, or null. */
static cJSON *consent_mine_json(const struct session *s, const struct activity *a, uint32_t participant)
{
	const struct consent_answer *c = participant ? session_consent_of(s, a->id, participant, a->consent_round) : NULL;
	if (!c) return cJSON_CreateNull();
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "answer", session_consent_name(c->value));
	if (c->reason) cJSON_AddStringToObject(o, "reason", c->reason);
	else cJSON_AddNullToObject(o, "reason");
	cJSON_AddBoolToObject(o, "in_person", c->in_person);
	if (c->photo) cJSON_AddStringToObject(o, "photo", c->photo);
	else cJSON_AddNullToObject(o, "photo");
	return o;
}

/* The counts of the round now and of the rounds before (never who); the reasons, without
 * names, only for the facilitator. */
static cJSON *consent_results_json(const struct session *s, const struct activity *a, int facilitator)
{
	int count[CONSENT_VALUES];
	session_consent_counts(s, a, a->consent_round, count);
	cJSON *o = consent_counts_json(count);
	cJSON_AddNumberToObject(o, "round", a->consent_round);
	cJSON_AddNumberToObject(o, "voters", session_progress(s, a));
	cJSON *rounds = cJSON_AddArrayToObject(o, "rounds");
	for (size_t i = 0; i < s->n_consent_log; i++) {
		const struct consent_record *r = &s->consent_log[i];
		if (r->activity != a->id) continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "round", r->round);
		cJSON_AddStringToObject(e, "text", r->text);
		cJSON_AddItemToObject(e, "counts", consent_counts_json(r->count));
		cJSON_AddItemToArray(rounds, e);
	}
	if (facilitator) {
		cJSON *rs = cJSON_AddArrayToObject(o, "reasons");
		for (size_t i = 0; i < s->n_consents; i++) {
			const struct consent_answer *c = &s->consents[i];
			if (c->activity != a->id || c->round != a->consent_round || (!c->reason && !c->photo && !c->in_person))
				continue;
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "answer", session_consent_name(c->value));
			if (c->reason) cJSON_AddStringToObject(e, "reason", c->reason);
			if (c->photo) cJSON_AddStringToObject(e, "photo", c->photo);
			if (c->in_person) cJSON_AddBoolToObject(e, "in_person", 1);
			cJSON_AddItemToArray(rs, e);
		}
	}
	return o;
}

/* "need more time?" of an activity: asked how often, open, the viewer's answer, and the
 * counts for the facilitator (for everyone once closed). NULL when never asked. */
static cJSON *moretime_json(const struct session *s, const struct activity *a, uint32_t viewer, int facilitator)
{
	if (!a->moretime_ask) return NULL;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "ask", a->moretime_ask);
	cJSON_AddBoolToObject(o, "open", a->moretime_open);
	const struct moretime_answer *mine = NULL;
	for (size_t i = 0; viewer && i < s->n_moretime; i++)
		if (s->moretime[i].activity == a->id && s->moretime[i].ask == a->moretime_ask && s->moretime[i].participant == viewer)
			mine = &s->moretime[i];
	if (mine) cJSON_AddStringToObject(o, "mine", session_moretime_name(mine->value));
	else cJSON_AddNullToObject(o, "mine");
	if (facilitator || !a->moretime_open) {
		int n[MORETIME_VALUES];
		session_moretime_counts(s, a, n);
		cJSON *c = cJSON_AddObjectToObject(o, "counts");
		for (int k = 0; k < MORETIME_VALUES; k++) cJSON_AddNumberToObject(c, session_moretime_name(k), n[k]);
	}
	return o;
}

int proto_room_size(const struct session *s, const struct activity *a, int phones)
{
	int n = phones, done = session_progress(s, a);
	for (size_t i = 0; i < s->n_participants; i++) n += s->participants[i].proxy;
	return n < done ? done : n;
}

char *proto_encode_progress(uint32_t activity, int done, int of)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "progress");
	cJSON_AddNumberToObject(o, "activity", activity);
	cJSON_AddNumberToObject(o, "done", done);
	cJSON_AddNumberToObject(o, "of", of);
	return print_and_free(o);
}

/* Everything a viewer may see of the current activity, added to o. */
static void add_state(cJSON *o, const struct session *s, uint32_t viewer, int facilitator, int interpreter,
                      int phones, int64_t now_ms)
{
	const struct activity *a = session_current(s);
	cJSON *sess = cJSON_AddObjectToObject(o, "session");
	cJSON_AddStringToObject(sess, "title", s->title);
	cJSON_AddStringToObject(sess, "lang", s->lang);   /* the meeting's language */
	cJSON_AddNumberToObject(sess, "tables", s->n_tables);
	if (facilitator && s->n_tables > 0) {   /* how many sit at each table and whether it has a scribe: never who */
		int people[SESSION_MAX_TABLES + 1] = { 0 }, scribe[SESSION_MAX_TABLES + 1] = { 0 };
		for (size_t i = 0; i < s->n_participants; i++) {
			const struct participant *p = &s->participants[i];
			if (p->table < 1 || p->table > (uint32_t)s->n_tables) continue;
			people[p->table]++;
			scribe[p->table] |= p->scribe;
		}
		cJSON *seats = cJSON_AddArrayToObject(sess, "seats");
		for (int t = 1; t <= s->n_tables; t++) {
			cJSON *x = cJSON_CreateObject();
			cJSON_AddNumberToObject(x, "table", t);
			cJSON_AddNumberToObject(x, "people", people[t]);
			cJSON_AddBoolToObject(x, "scribe", scribe[t]);
			cJSON_AddItemToArray(seats, x);
		}
	}
	const struct participant *me = viewer && !facilitator ? session_participant(s, viewer) : NULL;
	if (me) {   /* where this phone sits */
		cJSON *seat = cJSON_AddObjectToObject(o, "seat");
		cJSON_AddNumberToObject(seat, "table", me->table);
		cJSON_AddBoolToObject(seat, "scribe", me->scribe);
	} else {
		cJSON_AddNullToObject(o, "seat");
	}
	cJSON *agenda = cJSON_AddArrayToObject(o, "agenda");
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *x = &s->activities[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "id", x->id);
		cJSON_AddStringToObject(e, "kind", session_kind_name(x->kind));
		cJSON_AddStringToObject(e, "title", x->title);
		cJSON_AddStringToObject(e, "phase", session_phase_name(x->phase));
		cJSON_AddItemToArray(agenda, e);
	}
	if (a) {
		cJSON *aj = activity_json(a, now_ms), *mt = moretime_json(s, a, viewer, facilitator);
		if (mt) cJSON_AddItemToObject(aj, "moretime", mt);
		cJSON_AddItemToObject(o, "activity", aj);
	} else {
		cJSON_AddNullToObject(o, "activity");
	}

	/* the ideas activity in view: this one, or the one a vote is on */
	uint32_t ideas_act = !a ? 0 : a->kind == ACTIVITY_IDEAS ? a->id : a->kind == ACTIVITY_VOTE ? a->source : 0;
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	if (a && a->kind == ACTIVITY_VOTE) {
		if (a->on_groups) {
			for (size_t g = 0; g < s->n_groups; g++) {
				if (!session_item_votable(s, a, s->groups[g].id)) continue;
				cJSON *it = cJSON_CreateObject(), *texts;
				cJSON_AddNumberToObject(it, "id", s->groups[g].id);
				cJSON_AddStringToObject(it, "text", s->groups[g].name);
				texts = cJSON_AddArrayToObject(it, "ideas");
				for (size_t i = 0; i < s->n_ideas; i++)
					if (s->ideas[i].group == s->groups[g].id && session_idea_visible(s, &s->ideas[i], viewer, 0))
						cJSON_AddItemToArray(texts, cJSON_CreateString(s->ideas[i].text));
				cJSON_AddItemToArray(items, it);
			}
		} else {
			for (size_t i = 0; i < s->n_ideas; i++) {
				if (!session_item_votable(s, a, s->ideas[i].id)) continue;
				cJSON *it = cJSON_CreateObject();
				cJSON_AddNumberToObject(it, "id", s->ideas[i].id);
				cJSON_AddStringToObject(it, "text", s->ideas[i].text);
				cJSON_AddNumberToObject(it, "category", s->ideas[i].category);
				add_idea_extras(it, s, &s->ideas[i]);
				cJSON_AddItemToArray(items, it);
			}
		}
	}
	cJSON *ideas = cJSON_AddArrayToObject(o, "ideas");
	if (a && (a->kind == ACTIVITY_IDEAS || interpreter))
		for (size_t i = 0; i < s->n_ideas; i++)
			if (s->ideas[i].activity == ideas_act && session_idea_visible(s, &s->ideas[i], viewer, facilitator))
				cJSON_AddItemToArray(ideas, idea_json(s, &s->ideas[i], facilitator));
	cJSON *groups = cJSON_AddArrayToObject(o, "groups");
	for (size_t g = 0; ideas_act && g < s->n_groups; g++) {
		if (s->groups[g].activity != ideas_act || s->groups[g].removed) continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "id", s->groups[g].id);
		cJSON_AddNumberToObject(e, "activity", s->groups[g].activity);
		cJSON_AddStringToObject(e, "name", s->groups[g].name);
		cJSON_AddItemToArray(groups, e);
	}
	cJSON *mine = cJSON_AddObjectToObject(o, "mine");
	if (a && a->kind == ACTIVITY_VOTE) {
		cJSON_AddItemToObject(mine, "dots", mine_dots_json(s, a->id, viewer));
		cJSON_AddNumberToObject(mine, "used", viewer ? session_dots_used(s, a->id, viewer) : 0);
	} else {
		cJSON_AddItemToObject(mine, "dots", cJSON_CreateArray());
		cJSON_AddNumberToObject(mine, "used", 0);
	}
	if (a && a->kind == ACTIVITY_POLL) cJSON_AddItemToObject(mine, "answer", answer_json(s, a, viewer));
	else cJSON_AddNullToObject(mine, "answer");
	if (a && a->kind == ACTIVITY_CONSENT) cJSON_AddItemToObject(mine, "consent", consent_mine_json(s, a, viewer));
	if (a && a->kind == ACTIVITY_CONSENT && session_results_visible(s, a, facilitator)) {
		cJSON *r = consent_results_json(s, a, facilitator);
		cJSON_AddNumberToObject(r, "activity", a->id);
		cJSON_AddItemToObject(o, "results", r);
	} else if (a && (a->kind == ACTIVITY_VOTE || a->kind == ACTIVITY_POLL) && session_results_visible(s, a, facilitator)) {
		cJSON *r = results_json(s, a);
		cJSON_AddNumberToObject(r, "activity", a->id);
		cJSON_AddItemToObject(o, "results", r);
	}
	else
		cJSON_AddNullToObject(o, "results");
	cJSON_AddItemToObject(o, "actions", actions_json(s, viewer, facilitator));   /* issue 20 */
	const struct activity *src = a && a->kind == ACTIVITY_ACTIONS && a->source ? session_activity(s, a->source) : NULL;
	if (facilitator && src && src->kind == ACTIVITY_VOTE) {   /* the vote's top items, to turn into actions */
		cJSON *r = results_json(s, src);
		cJSON_AddNumberToObject(r, "activity", src->id);
		cJSON_AddBoolToObject(r, "on_groups", src->on_groups);
		cJSON_AddItemToObject(o, "source_results", r);
	}
	cJSON_AddNumberToObject(o, "phones", phones);
	if (facilitator && a) {
		cJSON *sig = signals_json(s, a->id);
		cJSON_AddItemToObject(o, "signals", sig);
		cJSON *pg = cJSON_AddObjectToObject(o, "progress");   /* as the progress message has it */
		cJSON_AddNumberToObject(pg, "activity", a->id);
		cJSON_AddNumberToObject(pg, "done", session_progress(s, a));
		cJSON_AddNumberToObject(pg, "of", proto_room_size(s, a, phones));
	}
	if (facilitator && a && (a->kind == ACTIVITY_VOTE || a->kind == ACTIVITY_POLL)) {   /* paper batches (issue 20) */
		cJSON *pb = cJSON_AddArrayToObject(o, "paper");
		for (size_t i = 0; i < s->n_paper; i++) {
			const struct paper_batch *b = &s->paper[i];
			if (b->activity != a->id) continue;
			cJSON *e = cJSON_CreateObject();
			cJSON_AddNumberToObject(e, "id", b->id);
			cJSON_AddNumberToObject(e, "table", b->table);
			cJSON_AddNumberToObject(e, "item", b->item);
			cJSON_AddNumberToObject(e, "count", b->count);
			cJSON_AddNumberToObject(e, "replaces", b->replaces);
			cJSON_AddBoolToObject(e, "replaced", b->replaced);
			cJSON_AddItemToArray(pb, e);
		}
	}
	if (facilitator) {   /* the people without a phone she acts for, with their dots and answer here */
		cJSON *px = cJSON_AddArrayToObject(o, "proxies");
		for (size_t i = 0; i < s->n_participants; i++) {
			const struct participant *pp = &s->participants[i];
			if (!pp->proxy) continue;
			cJSON *e = cJSON_CreateObject(), *m;
			cJSON_AddNumberToObject(e, "id", pp->id);
			cJSON_AddStringToObject(e, "name", pp->name);
			cJSON_AddNumberToObject(e, "table", pp->table);
			cJSON_AddBoolToObject(e, "scribe", pp->scribe);
			m = cJSON_AddObjectToObject(e, "mine");
			if (a && a->kind == ACTIVITY_VOTE) {
				cJSON_AddItemToObject(m, "dots", mine_dots_json(s, a->id, pp->id));
				cJSON_AddNumberToObject(m, "used", session_dots_used(s, a->id, pp->id));
			}
			if (a && a->kind == ACTIVITY_POLL) cJSON_AddItemToObject(m, "answer", answer_json(s, a, pp->id));
			if (a && a->kind == ACTIVITY_CONSENT) cJSON_AddItemToObject(m, "consent", consent_mine_json(s, a, pp->id));
			cJSON_AddItemToArray(px, e);
		}
	}
}

char *proto_encode_welcome(const struct session *s, uint32_t viewer, int facilitator, int phones, int64_t now_ms)
{
	const struct participant *p = viewer ? session_participant(s, viewer) : NULL;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "welcome");
	cJSON_AddNumberToObject(o, "proto", PROTO_VERSION);
	cJSON *you = cJSON_AddObjectToObject(o, "you");
	cJSON_AddNumberToObject(you, "id", viewer);
	cJSON_AddStringToObject(you, "token", p ? p->token : "");
	cJSON_AddStringToObject(you, "name", p ? p->name : "");
	cJSON_AddStringToObject(you, "lang", p ? p->lang : "");
	cJSON_AddBoolToObject(you, "facilitator", facilitator);
	add_state(o, s, viewer, facilitator, 0, phones, now_ms);
	cJSON *lim = cJSON_AddObjectToObject(o, "limits");
	cJSON_AddNumberToObject(lim, "idea_chars", SESSION_IDEA_MAX_CHARS);
	cJSON_AddNumberToObject(lim, "name_chars", SESSION_NAME_MAX_CHARS);
	return print_and_free(o);
}

char *proto_encode_state(const struct session *s, uint32_t viewer, int facilitator, int phones, int64_t now_ms)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "state");
	add_state(o, s, viewer, facilitator, 0, phones, now_ms);
	return print_and_free(o);
}

char *proto_encode_interpreter_welcome(const struct session *s, const char *name, int phones, int64_t now_ms)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "welcome");
	cJSON_AddNumberToObject(o, "proto", PROTO_VERSION);
	cJSON *you = cJSON_AddObjectToObject(o, "you");
	cJSON_AddNumberToObject(you, "id", 0);
	cJSON_AddStringToObject(you, "token", "");
	cJSON_AddStringToObject(you, "name", name ? name : "");
	cJSON_AddStringToObject(you, "lang", "");
	cJSON_AddBoolToObject(you, "facilitator", 0);
	cJSON_AddBoolToObject(you, "interpreter", 1);
	cJSON_AddStringToObject(o, "meeting_lang", s->lang);
	add_state(o, s, 0, 0, 1, phones, now_ms);
	cJSON *lim = cJSON_AddObjectToObject(o, "limits");
	cJSON_AddNumberToObject(lim, "idea_chars", SESSION_IDEA_MAX_CHARS);
	cJSON_AddNumberToObject(lim, "name_chars", SESSION_NAME_MAX_CHARS);
	return print_and_free(o);
}

char *proto_encode_interpreter_state(const struct session *s, int phones, int64_t now_ms)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "state");
	add_state(o, s, 0, 0, 1, phones, now_ms);
	return print_and_free(o);
}

char *proto_encode_links(const char *interpreter_url, const char *interpreter_qr_svg)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "links");
	cJSON_AddStringToObject(o, "interpreter", interpreter_url ? interpreter_url : "");
	if (interpreter_qr_svg) cJSON_AddStringToObject(o, "interpreter_qr", interpreter_qr_svg);
	return print_and_free(o);
}

char *proto_encode_signals(const struct session *s, uint32_t activity)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "signals");
	cJSON_AddNumberToObject(o, "activity", activity);
	cJSON_AddItemToObject(o, "signals", signals_json(s, activity));
	return print_and_free(o);
}

char *proto_encode_idea(const struct session *s, const char *type, uint32_t idea, uint32_t viewer, int facilitator)
{
	const struct idea *i = session_idea(s, idea);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", type);
	if (i) cJSON_AddItemToObject(o, "idea", idea_json(s, i, facilitator));
	(void)viewer;
	return print_and_free(o);
}

/* A message of one number: {"type": type, key: n}. */
static char *one_number(const char *type, const char *key, double n)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", type);
	cJSON_AddNumberToObject(o, key, n);
	return print_and_free(o);
}

char *proto_encode_idea_removed(uint32_t idea)
{
	return one_number("idea.removed", "id", idea);
}

/* The head of a "what is mine" message: its type, the activity, and for whom (0: the sender). */
static cJSON *mine_head(const char *type, uint32_t activity, uint32_t participant)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", type);
	cJSON_AddNumberToObject(o, "activity", activity);
	if (participant) cJSON_AddNumberToObject(o, "participant", participant);
	return o;
}

char *proto_encode_votes_mine(const struct session *s, uint32_t activity, uint32_t participant)
{
	const struct activity *a = session_activity(s, activity);
	cJSON *o = mine_head("votes.mine", activity, participant);
	cJSON_AddItemToObject(o, "dots", mine_dots_json(s, activity, participant));
	cJSON_AddNumberToObject(o, "used", session_dots_used(s, activity, participant));
	cJSON_AddNumberToObject(o, "budget", a ? a->budget : 0);
	return print_and_free(o);
}

char *proto_encode_answer_mine(const struct session *s, uint32_t activity, uint32_t participant)
{
	const struct activity *a = session_activity(s, activity);
	cJSON *o = mine_head("answer.mine", activity, participant);
	cJSON_AddItemToObject(o, "value", a ? answer_json(s, a, participant) : cJSON_CreateNull());
	return print_and_free(o);
}

char *proto_encode_results(const struct session *s, uint32_t activity)
{
	const struct activity *a = session_activity(s, activity);
	cJSON *o = a ? results_json(s, a) : cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "results");
	cJSON_AddNumberToObject(o, "activity", activity);
	return print_and_free(o);
}

char *proto_encode_ack(const char *cid, const char *key, uint32_t id)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "ack");
	if (cid && *cid) cJSON_AddStringToObject(o, "cid", cid);
	if (key) cJSON_AddNumberToObject(o, key, id);
	return print_and_free(o);
}

char *proto_encode_ack_file(const char *cid, const char *file)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "ack");
	if (cid && *cid) cJSON_AddStringToObject(o, "cid", cid);
	cJSON_AddStringToObject(o, "file", file);
	return print_and_free(o);
}

char *proto_encode_presence(int phones)
{
	return one_number("presence", "phones", phones);
}

