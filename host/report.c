/* report.c: reports for staff from saved sessions: one self-contained HTML page that prints on
 * A4, Markdown for the minutes, CSV for Excel, and an HTML overview over a folder of sessions.
 * This file holds the dispatch, the context every format renders with, and the facts they all
 * show: what is counted, what is flagged, which sentence is chosen. The formats are in
 * report-html.c, report-md.c, report-csv.c and report-overview.c; the command in report-main.c.
 * Rendering is pure (into a buffer); only report-main.c reads and writes files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report-int.h"
#include "util.h"

void report_render(const struct session *s, const struct report_opts *o, struct report_buf *b)
{
	struct report_ctx c;
	report_ctx_init(&c, s, o, b);
	if (o->format == REPORT_MD) report_md(&c);
	else if (o->format == REPORT_CSV) report_csv(&c);
	else report_html(&c);
}

/* ---- the context -------------------------------------------------------------------------- */

/* First and last event with a time: joins, ideas, hiding, groups, the moderation log, the asks
 * for interpreting, renderings and signals. Votes and answers carry no time. With no events at
 * all, the session's creation. */
void report_session_span(const struct session *s, int64_t *first, int64_t *last)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
#define SEE(t) do { int64_t t_ = (t); if (t_ > 0) { if (t_ < lo) lo = t_; if (t_ > hi) hi = t_; } } while (0)
	for (size_t i = 0; i < s->n_participants; i++) SEE(s->participants[i].joined_ms);
	for (size_t i = 0; i < s->n_ideas; i++) {
		SEE(s->ideas[i].created_ms);
		if (s->ideas[i].hidden) SEE(s->ideas[i].hidden_ms);
	}
	for (size_t i = 0; i < s->n_groups; i++) SEE(s->groups[i].created_ms);
	for (size_t i = 0; i < s->n_log; i++) SEE(s->log[i].at_ms);
	for (size_t i = 0; i < s->n_ideas; i++) SEE(s->ideas[i].interpret_ms);
	for (size_t i = 0; i < s->n_renderings; i++) SEE(s->renderings[i].at_ms);
	for (size_t i = 0; i < s->n_signals; i++) SEE(s->signals[i].last_ms);
#undef SEE
	if (lo > hi) lo = hi = s->created_ms;
	*first = lo;
	*last = hi;
}

void report_ctx_init(struct report_ctx *c, const struct session *s, const struct report_opts *o, struct report_buf *b)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->o = o;
	c->w = o->words;
	c->b = b;
	report_session_span(s, &c->first, &c->last);
	struct tm tm;
	report_local_tm(c->first, &tm);
	c->year = tm.tm_year;
	c->yday = tm.tm_yday;
}

/* ---- facts -------------------------------------------------------------------------------- */

/* An idea is merged into another that, following the chain, does not come back to it. A damaged
 * file with a loop shows each idea of the loop on its own, so no idea is left out. */
static int merged_child(const struct session *s, const struct idea *d)
{
	if (!d->merged_into) return 0;
	const struct idea *x = d;
	for (int k = 0; k < MERGE_DEPTH && x->merged_into; k++) {
		x = session_idea(s, x->merged_into);
		if (!x || x == d) return 0;
	}
	return !x->merged_into;
}

/* Dots an idea got, over every vote on its activity's ideas. */
int report_idea_dots(const struct session *s, const struct idea *d)
{
	int n = 0;
	for (size_t i = 0; i < s->n_votes; i++) {
		const struct vote *v = &s->votes[i];
		if (v->item != d->id) continue;
		const struct activity *a = session_activity(s, v->activity);
		if (a && a->kind == ACTIVITY_VOTE && !a->on_groups && a->source == d->activity) n += v->dots;
	}
	for (size_t i = 0; i < s->n_paper; i++) {   /* and the dots on paper */
		const struct paper_batch *b = &s->paper[i];
		if (b->item != d->id || b->replaced) continue;
		const struct activity *a = session_activity(s, b->activity);
		if (a && a->kind == ACTIVITY_VOTE && !a->on_groups && a->source == d->activity) n += b->count;
	}
	return n;
}

int report_participant_dots(const struct session *s, uint32_t p)
{
	int n = 0;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].participant == p) n += s->votes[i].dots;
	return n;
}

int report_participant_ideas(const struct session *s, uint32_t p)
{
	int n = 0;
	for (size_t i = 0; i < s->n_ideas; i++)
		if (s->ideas[i].author == p) n++;
	return n;
}

/* The first correction of an idea in the log (its text before), NULL when there is none. */
static const struct mod_entry *first_edit(const struct session *s, uint32_t idea)
{
	for (size_t i = 0; i < s->n_log; i++)
		if (s->log[i].kind == MOD_EDIT && s->log[i].idea == idea) return &s->log[i];
	return NULL;
}

/* Ideas listed at the top of an activity or group (merged duplicates are listed under theirs). */
size_t report_top_ideas(const struct session *s, uint32_t activity, int by_group, uint32_t group)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity == activity && !merged_child(s, d) && d->status == IDEA_SHOWN && (!by_group || d->group == group))
			n++;
	}
	return n;
}

/* Whether an idea's group is one that is listed: it exists, is of this activity, not removed. */
static int listed_group(const struct session *s, const struct idea *d)
{
	const struct group *g = d->group ? session_group(s, d->group) : NULL;
	return g && !g->removed && g->activity == d->activity;
}

static struct result_row *results_of(const struct session *s, const struct activity *a, size_t *n)
{
	size_t k = session_results(s, a, NULL, 0);
	struct result_row *rows = xcalloc(k ? k : 1, sizeof *rows);
	*n = session_results(s, a, rows, k);
	return rows;
}

static int activity_dots(const struct session *s, uint32_t activity)
{
	int n = 0;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].activity == activity) n += s->votes[i].dots;
	return n + report_paper_total(s, activity);   /* paper dots count the same (issue 20) */
}

/* The items of a vote that cannot get dots in the results: hidden or merged ideas of its source. */
static int source_has_unvotable(const struct session *s, const struct activity *a)
{
	if (a->on_groups) return 0;
	for (size_t i = 0; i < s->n_ideas; i++)
		if (s->ideas[i].activity == a->source && (s->ideas[i].hidden || s->ideas[i].merged_into)) return 1;
	return 0;
}

/* The text of a vote result's item: an idea's text or a group's name ("" when it is gone). */
const char *report_item_text(const struct session *s, const struct activity *a, uint32_t item)
{
	if (a->on_groups) {
		const struct group *g = session_group(s, item);
		return g ? g->name : "";
	}
	const struct idea *d = session_idea(s, item);
	return d ? d->text : "";
}

/* A display name, or NULL when there is none to show (anonymised, or none given). */
const char *report_name_of(const struct report_ctx *c, const struct participant *p)
{
	if (!p || c->o->anonymise || !*p->name) return NULL;
	return p->name;
}

/* A poll's rows in the order of the question: the choices as listed, the scale 1..5. */
static int row_item_cmp(const void *x, const void *y)
{
	const struct result_row *a = x, *b = y;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* Seconds the local clock of tm is ahead of UTC at the moment ms: tm's fields read as if they
 * were UTC, less the moment (what tm_gmtoff says where the C library has it; Windows' has not). */
static int64_t local_offset_s(const struct tm *tm, int64_t ms)
{
	int64_t y = (int64_t)tm->tm_year + 1900 - (tm->tm_mon < 2);   /* days from civil, Hinnant */
	int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	int64_t mp = (tm->tm_mon + 10) % 12, doy = (153 * mp + 2) / 5 + tm->tm_mday - 1;
	int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	int64_t as_utc = days * 86400 + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
	int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	return as_utc - secs;
}

void report_timeline_build(const struct session *s, struct report_timeline *t)
{
	static const int sizes[] = { 5, 10, 15, 30, 60, 120, 240, 480, 1440, 10080 };
	memset(t, 0, sizeof *t);
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < s->n_ideas; i++) {
		if (s->ideas[i].created_ms < lo) lo = s->ideas[i].created_ms;
		if (s->ideas[i].created_ms > hi) hi = s->ideas[i].created_ms;
	}
	if (lo > hi) return;
	struct tm tm;
	report_local_tm(lo, &tm);
	int64_t off = local_offset_s(&tm, lo) * 1000;   /* buckets start on the local clock's 5 minutes */
	size_t k = 0;
	for (;; k++) {
		t->bucket_min = sizes[k];
		t->bucket_ms = (int64_t)t->bucket_min * 60000;
		int64_t local = lo + off;
		t->start_ms = local - ((local % t->bucket_ms) + t->bucket_ms) % t->bucket_ms - off;
		t->n = (size_t)((hi - t->start_ms) / t->bucket_ms) + 1;
		if (t->n <= TIMELINE_MAX_BARS || k + 1 == sizeof sizes / sizeof sizes[0]) break;
	}
	if (t->n > 4 * TIMELINE_MAX_BARS) t->n = 4 * TIMELINE_MAX_BARS;   /* a file spanning months */
	t->counts = xcalloc(t->n, sizeof *t->counts);
	for (size_t i = 0; i < s->n_ideas; i++) {
		int64_t j = (s->ideas[i].created_ms - t->start_ms) / t->bucket_ms;
		if (j < 0 || (size_t)j >= t->n) continue;
		if (++t->counts[j] > t->max) t->max = t->counts[j];
	}
}

/* Whether an activity fits on the page after the one before: small ones do not get a page of
 * their own. */
int report_activity_is_small(const struct session *s, const struct activity *a)
{
	if (a->kind == ACTIVITY_POLL || a->kind == ACTIVITY_CONSENT) return 1;
	if (a->kind == ACTIVITY_ACTIONS) {
		size_t k = 0;
		for (size_t j = 0; j < s->n_actions; j++) k += s->actions[j].activity == a->id;
		return k <= 8;
	}
	if (a->kind == ACTIVITY_VOTE) {
		size_t n, rows_shown = 0;
		struct result_row *rows = results_of(s, a, &n);
		for (size_t i = 0; i < n; i++) rows_shown += rows[i].count > 0;
		free(rows);
		return rows_shown <= 8;
	}
	return report_top_ideas(s, a->id, 0, 0) <= 3;
}

void report_tally(const struct session *s, struct report_tally *t)
{
	memset(t, 0, sizeof *t);
	t->ideas = s->n_ideas;
	for (size_t i = 0; i < s->n_ideas; i++) {
		t->hidden += !!s->ideas[i].hidden;
		t->merged += !!s->ideas[i].merged_into;
		t->by_facilitator += !s->ideas[i].author;
	}
	for (size_t i = 0; i < s->n_participants; i++) t->proxies += !!s->participants[i].proxy;
}

/* Languages by participants, then ideas, then code. The facilitator's own ideas are in none. */
static int lang_use_cmp(const void *x, const void *y)
{
	const struct report_lang_use *a = x, *b = y;
	if (a->people != b->people) return a->people > b->people ? -1 : 1;
	if (a->ideas != b->ideas) return a->ideas > b->ideas ? -1 : 1;
	return strcmp(a->code, b->code);
}

struct report_lang_use *report_languages(const struct session *s, size_t *n)
{
	struct report_lang_use *u = xcalloc(s->n_participants ? s->n_participants : 1, sizeof *u);
	size_t k = 0;
	for (size_t i = 0; i < s->n_participants; i++) {
		const struct participant *p = &s->participants[i];
		size_t j = 0;
		while (j < k && strcmp(u[j].code, p->lang) != 0) j++;
		if (j == k) u[k++] = (struct report_lang_use){ p->lang, 0, 0 };
		u[j].people++;
		u[j].ideas += report_participant_ideas(s, p->id);
	}
	qsort(u, k, sizeof *u, lang_use_cmp);
	*n = k;
	return u;
}

/* ---- sentences: what a report says, the same in every format ------------------------------
 * Each writes plain text (labels and numbers, no user text) to out; HTML escapes it, Markdown
 * writes it as it is. */

/* The zone the times are in. */
static const char *report_zone(const struct report_ctx *c)
{
	return c->o->zone && *c->o->zone ? c->o->zone : T(c, W_REPORT_ZONE_UNKNOWN);
}

void report_zone_note(const struct report_ctx *c, struct report_buf *out)
{
	const char *const names[] = { "zone" }, *const values[] = { report_zone(c) };
	report_say(c, out, W_REPORT_ZONE_NOTE, 0, 1, names, values);
}

const char *report_source(const struct report_ctx *c)
{
	return c->o->source && *c->o->source ? c->o->source : NULL;
}

int report_people_shown(const struct report_ctx *c)
{
	return !c->o->anonymise && c->s->n_participants;
}

const char *report_nothing(const struct report_ctx *c, const struct activity *a)
{
	if (a->phase == PHASE_PREPARED) return T(c, W_REPORT_NOT_RUN);
	return a->kind == ACTIVITY_IDEAS ? T(c, W_REPORT_NO_IDEAS)
	     : a->kind == ACTIVITY_VOTE  ? T(c, W_REPORT_NO_VOTES)
	                                 : T(c, W_REPORT_NO_ANSWERS);
}

const char *report_brief_nothing(const struct report_ctx *c, const struct activity *a)
{
	return a->kind == ACTIVITY_VOTE ? T(c, W_REPORT_NO_VOTES) : T(c, W_REPORT_NO_ANSWERS);
}

void report_agenda_count(const struct report_ctx *c, const struct activity *a, struct report_buf *out)
{
	const struct session *s = c->s;
	if (a->kind == ACTIVITY_IDEAS) {
		size_t k = 0;
		for (size_t j = 0; j < s->n_ideas; j++) k += s->ideas[j].activity == a->id;
		report_say(c, out, W_REPORT_N_IDEAS, (long)k, 0, NULL, NULL);
	} else if (a->kind == ACTIVITY_VOTE) {
		report_say(c, out, W_REPORT_AGENDA_VOTED, session_voters(s, a), 0, NULL, NULL);
	} else if (a->kind == ACTIVITY_ACTIONS) {   /* issue 20: its actions */
		long k = 0;
		for (size_t j = 0; j < s->n_actions; j++) k += s->actions[j].activity == a->id;
		report_say(c, out, W_REPORT_ACT_N, k, 0, NULL, NULL);
	} else {
		report_say(c, out, W_REPORT_AGENDA_ANSWERED, session_voters(s, a), 0, NULL, NULL);
	}
}

void report_idea_facts(const struct report_ctx *c, const struct idea *d, int as_child, struct report_idea *f)
{
	const struct session *s = c->s;
	const struct activity *a = session_activity(s, d->activity);
	memset(f, 0, sizeof *f);
	if (a && d->category >= 0 && (size_t)d->category < a->n_options) f->category = a->options[d->category];
	f->by_facilitator = !d->author;
	if (d->author) {
		const struct participant *p = session_participant(s, d->author);
		f->name = report_name_of(c, p);
		f->proxy = p && p->proxy;
	}
	if (as_child) {
		f->merged_here = 1;
		for (size_t i = 0; i < s->n_log; i++)   /* the last merge of it */
			if (s->log[i].kind == MOD_MERGE && s->log[i].idea == d->id) {
				f->merge_logged = 1;
				f->merged_ms = s->log[i].at_ms;
			}
	} else {
		f->merged_into = d->merged_into;   /* only in a damaged file with a loop of merges */
	}
	f->hidden = d->hidden;
	if (d->hidden && d->hidden_ms > 0) f->hidden_ms = d->hidden_ms;
	f->edited = d->edited;
	const struct mod_entry *e = d->edited ? first_edit(s, d->id) : NULL;
	if (e) {
		f->edited_ms = e->at_ms;
		f->before = e->before;
	}
	f->edit = e != NULL;
	f->interpret = d->interpret_ms != 0;
}

/* A flag: its word alone, or its sentence with {time} when the time is known. */
static void flag_at(const struct report_ctx *c, struct report_flag *out, enum report_flag_kind kind,
                    enum word_id plain, enum word_id at, int64_t ms)
{
	char t[48];
	const char *const names[] = { "time" }, *const values[] = { ms ? report_clock_at(c, ms, t, sizeof t) : "" };
	out->kind = kind;
	word_expand(out->text, sizeof out->text, T(c, ms ? at : plain), 1, names, values);
}

size_t report_idea_flags(const struct report_ctx *c, const struct report_idea *f, struct report_flag out[REPORT_FLAGS])
{
	size_t n = 0;
	if (f->merged_here) {
		flag_at(c, &out[n++], REPORT_FLAG_MERGED, W_REPORT_MERGED_HERE, W_REPORT_MERGED_HERE_AT,
		        f->merge_logged ? f->merged_ms : 0);
	} else if (f->merged_into) {
		char id[16];
		snprintf(id, sizeof id, "#%u", f->merged_into);
		const char *const names[] = { "idea" }, *const values[] = { id };
		out[n].kind = REPORT_FLAG_MERGED;
		word_expand(out[n++].text, sizeof out->text, T(c, W_REPORT_MERGED_INTO), 1, names, values);
	}
	if (f->hidden) flag_at(c, &out[n++], REPORT_FLAG_HIDDEN, W_REPORT_HIDDEN, W_REPORT_HIDDEN_AT, f->hidden_ms);
	if (f->edited)
		flag_at(c, &out[n++], REPORT_FLAG_EDITED, W_REPORT_EDITED, W_REPORT_EDITED_AT, f->edit ? f->edited_ms : 0);
	if (f->interpret) {
		out[n].kind = REPORT_FLAG_INTERPRET;
		snprintf(out[n++].text, sizeof out->text, "%s", T(c, W_REPORT_INTERPRET));
	}
	return n;
}

int report_idea_listed(const struct session *s, const struct idea *d, const struct activity *a, int by_group,
                       uint32_t group)
{
	if (d->activity != a->id || merged_child(s, d) || d->status != IDEA_SHOWN) return 0;   /* screened: own list */
	return !by_group || (group ? d->group == group : !listed_group(s, d));
}

int report_merged_under(const struct session *s, const struct idea *x, const struct idea *d)
{
	return x->merged_into == d->id && merged_child(s, x);
}

size_t report_groups_listed(const struct session *s, const struct activity *a)
{
	size_t n = 0;
	for (size_t g = 0; g < s->n_groups; g++)
		if (s->groups[g].activity == a->id && !s->groups[g].removed) n++;
	return n;
}

size_t report_ungrouped(const struct session *s, const struct activity *a)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_ideas; i++)
		if (report_idea_listed(s, &s->ideas[i], a, 1, 0)) n++;
	return n;
}

void report_vote_facts(const struct session *s, const struct activity *a, struct report_vote *v)
{
	memset(v, 0, sizeof *v);
	v->rows = results_of(s, a, &v->n);
	v->voters = session_voters(s, a);
	v->dots = activity_dots(s, a->id);
	for (size_t i = 0; i < v->n; i++) v->counted += v->rows[i].count;
	while (v->zeros < v->n && v->rows[v->n - 1 - v->zeros].count == 0) v->zeros++;
}

void report_vote_summary(const struct report_ctx *c, const struct activity *a, const struct report_vote *v,
                         struct report_buf *out)
{
	if (!v->dots) {
		report_put(out, report_nothing(c, a));
		return;
	}
	char dots[128];
	const char *const names[] = { "dots" }, *const values[] = { TN(c, dots, sizeof dots, W_REPORT_N_DOTS, v->dots) };
	report_say(c, out, W_REPORT_VOTE_SUMMARY, v->voters, 1, names, values);
	if (a->phase != PHASE_REVEALED && !a->live) report_putf(out, " %s", T(c, W_REPORT_NOT_SHOWN));
}

int report_row_tied(const struct result_row *rows, size_t n, size_t i)
{
	return (i > 0 && rows[i - 1].rank == rows[i].rank) || (i + 1 < n && rows[i + 1].rank == rows[i].rank);
}

void report_vote_source(const struct report_ctx *c, const struct activity *a, struct report_buf *out)
{
	const char slot[] = { REPORT_SLOT, '\0' };
	const char *const names[] = { "source" }, *const values[] = { slot };
	report_say(c, out, a->on_groups ? W_REPORT_VOTE_ON_GROUPS : W_REPORT_VOTE_ON_IDEAS, 0, 1, names, values);
}

void report_vote_rules(const struct report_ctx *c, const struct activity *a, struct report_buf *out)
{
	char most[256];
	const char *const names[] = { "most" };
	const char *const values[] = { TN(c, most, sizeof most, a->on_groups ? W_REPORT_AT_MOST_GROUP : W_REPORT_AT_MOST_IDEA,
	                                  a->max_per_item) };
	report_say(c, out, W_REPORT_DOTS_EACH, a->budget, 1, names, values);
}

const char *report_item_label(const struct report_ctx *c, const struct activity *a)
{
	return a->on_groups ? T(c, W_REPORT_GROUP) : T(c, W_REPORT_IDEA);
}

void report_no_dots_head(const struct report_ctx *c, const struct activity *a, size_t z, struct report_buf *out)
{
	report_say(c, out, a->on_groups ? W_REPORT_NO_DOTS_GROUPS : W_REPORT_NO_DOTS_IDEAS, (long)z, 0, NULL, NULL);
	report_put(out, " ");
}

int report_vote_note(const struct report_ctx *c, const struct activity *a, const struct report_vote *v,
                     struct report_buf *out)
{
	int unvotable = source_has_unvotable(c->s, a);
	if (!unvotable && v->dots <= v->counted) return 0;
	if (unvotable) report_put(out, T(c, W_REPORT_NOT_IN_VOTE));
	if (v->dots > v->counted) {
		report_put(out, " ");
		report_say(c, out, W_REPORT_LOST_DOTS, v->dots - v->counted, 0, NULL, NULL);
	}
	return 1;
}

size_t report_vote_top(const struct result_row *rows, size_t n)
{
	size_t k = 0;
	while (k < n && k < TOP_ITEMS && rows[k].rank <= TOP_RANKS && rows[k].count) k++;
	return k;
}

void report_poll_facts(const struct session *s, const struct activity *a, int by_item, struct report_poll *p)
{
	memset(p, 0, sizeof *p);
	p->rows = results_of(s, a, &p->n);
	if (by_item) qsort(p->rows, p->n, sizeof *p->rows, row_item_cmp);
	p->answers = session_voters(s, a) + report_paper_total(s, a->id);   /* a paper mark is an answer */
	long sum = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (p->rows[i].count > p->max) p->max = p->rows[i].count;
		sum += (long)p->rows[i].item * p->rows[i].count;
	}
	if (p->answers) p->tenths = (sum * 10 + p->answers / 2) / p->answers;
}

/* "3,4": a mean in tenths with the language's decimal mark. */
static const char *report_decimal(const struct report_ctx *c, long tenths, char *buf, size_t len)
{
	snprintf(buf, len, "%ld%s%ld", tenths / 10, T(c, W_REPORT_DECIMAL), tenths % 10);
	return buf;
}

/* A poll's mean and the scale's top, for the sentences' {mean} and {max}. */
static const char *const mean_names[] = { "mean", "max" };
static void mean_values(const struct report_ctx *c, const struct report_poll *p, char mean[64], char max[16],
                        const char *values[2])
{
	snprintf(max, 16, "%d", SESSION_SCALE_MAX);
	values[0] = report_decimal(c, p->tenths, mean, 64);
	values[1] = max;
}

void report_poll_mean(const struct report_ctx *c, const struct report_poll *p, struct report_buf *out)
{
	char mean[64], max[16];
	const char *values[2];
	mean_values(c, p, mean, max, values);
	report_say(c, out, W_REPORT_MEAN, 0, 2, mean_names, values);
}

void report_poll_summary(const struct report_ctx *c, const struct activity *a, const struct report_poll *p,
                         struct report_buf *out)
{
	if (!p->answers) {
		report_put(out, report_nothing(c, a));
		return;
	}
	char mean[64], max[16];
	const char *values[2];
	mean_values(c, p, mean, max, values);
	report_say(c, out, a->poll == POLL_SCALE ? W_REPORT_POLL_SUMMARY_SCALE : W_REPORT_POLL_SUMMARY, p->answers, 2,
	           mean_names, values);
	if (a->phase != PHASE_REVEALED) report_putf(out, " %s", T(c, W_REPORT_NOT_SHOWN));
}

int report_share(int count, int answers)
{
	return (count * 100 + answers / 2) / answers;
}

const char *report_choice(const struct activity *a, uint32_t item)
{
	return item < a->n_options ? a->options[item] : "";
}

size_t report_poll_top(const struct result_row *rows, size_t n)
{
	size_t k = 0;
	while (k < n && rows[k].rank == 1 && rows[k].count) k++;
	return k;
}

void report_people_count(const struct report_ctx *c, const struct report_tally *t, struct report_buf *out)
{
	report_putf(out, "%zu", c->s->n_participants);
	if (t->proxies) {
		report_put(out, ", ");
		report_say(c, out, W_REPORT_WITH_PROXIES, (long)t->proxies, 0, NULL, NULL);
	}
}

void report_ideas_count(const struct report_ctx *c, const struct report_tally *t, struct report_buf *out)
{
	const struct { size_t n; enum word_id id; } parts[] = {
		{ t->hidden, W_REPORT_WITH_HIDDEN }, { t->merged, W_REPORT_WITH_MERGED },
		{ t->by_facilitator, W_REPORT_WITH_BY_FACILITATOR },
	};
	report_putf(out, "%zu", t->ideas);
	for (size_t i = 0; i < NELEM(parts); i++) {
		if (!parts[i].n) continue;
		report_put(out, ", ");
		report_say(c, out, parts[i].id, (long)parts[i].n, 0, NULL, NULL);
	}
}

void report_answer_share(const struct report_ctx *c, int count, int answers, struct report_buf *out)
{
	char k[24];
	snprintf(k, sizeof k, "%d", count);
	const char *const names[] = { "count" }, *const values[] = { k };
	report_say(c, out, W_REPORT_ANSWER_SHARE, answers, 1, names, values);
}

const char *report_take_part_label(const struct report_ctx *c, const struct activity *a)
{
	return a->kind == ACTIVITY_VOTE ? T(c, W_REPORT_VOTES) : a->kind == ACTIVITY_CONSENT ? T(c, W_CNS_KIND)
	                                : T(c, W_REPORT_POLLS);
}

void report_take_part(const struct report_ctx *c, const struct activity *a, struct report_buf *out)
{
	const struct session *s = c->s;
	if (a->kind == ACTIVITY_VOTE) {
		char dots[128];
		const char *const names[] = { "dots" };
		const char *const values[] = { TN(c, dots, sizeof dots, W_REPORT_N_DOTS, activity_dots(s, a->id)) };
		report_say(c, out, W_REPORT_TOOK_PART_VOTE, session_voters(s, a), 1, names, values);
	} else {
		report_say(c, out, W_REPORT_N_ANSWERS, session_voters(s, a), 0, NULL, NULL);
	}
}

const char *report_mod_action(const struct report_ctx *c, const struct mod_entry *m)
{
	static const enum word_id act[] = { W_COUNT, W_REPORT_HIDDEN, W_REPORT_ACT_RESTORE, W_REPORT_EDITED,
	                                    W_REPORT_ACT_MERGE, W_REPORT_SCR_ACT_APPROVE, W_REPORT_SCR_ACT_REJECT };
	unsigned k = (unsigned)m->kind <= MOD_REJECT ? (unsigned)m->kind : 0;
	return k ? T(c, act[k]) : REPORT_NONE;
}

/* ---- screened ideas ------------------------------------------------------------------------ */

void report_screen_facts(const struct session *s, const struct activity *a, struct report_screen *f)
{
	memset(f, 0, sizeof *f);
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity != a->id) continue;
		f->approved += d->status == IDEA_SHOWN && d->decided_ms > 0;
		f->rejected += d->status == IDEA_REJECTED;
		f->waiting += d->status == IDEA_WAITING;
	}
}

void report_screen_summary(const struct report_ctx *c, const struct report_screen *f, struct report_buf *out)
{
	char na[24], nr[24], nw[24];
	snprintf(na, sizeof na, "%ld", f->approved);
	snprintf(nr, sizeof nr, "%ld", f->rejected);
	snprintf(nw, sizeof nw, "%ld", f->waiting);
	const char *const names[] = { "approved", "rejected", "waiting" }, *const values[] = { na, nr, nw };
	report_say(c, out, W_REPORT_SCR_SUMMARY, 0, 3, names, values);
}

const char *report_reject_word(const struct report_ctx *c, enum reject_reason r)
{
	static const enum word_id w[REJECT_REASONS] = {
		[REJECT_OFF_TOPIC] = W_SCR_REASON_OFF_TOPIC, [REJECT_DUPLICATE] = W_SCR_REASON_DUPLICATE,
		[REJECT_PERSONAL] = W_SCR_REASON_PERSONAL, [REJECT_HURTFUL] = W_SCR_REASON_HURTFUL,
		[REJECT_UNCLEAR] = W_SCR_REASON_UNCLEAR, [REJECT_OTHER] = W_SCR_REASON_OTHER,
	};
	return (unsigned)r < REJECT_REASONS && r ? T(c, w[r]) : REPORT_NONE;
}

const char *report_idea_text(const struct session *s, uint32_t idea)
{
	const struct idea *d = session_idea(s, idea);
	return d ? d->text : "";
}

/* ---- every voice in the room: renderings, photos, pictograms, signals --------------------- */

const char *report_picto(const struct activity *a, size_t i)
{
	return a->pictos && i < a->n_options && a->pictos[i] ? a->pictos[i] : "";
}

/* The order renderings are listed in, and the CSV's columns: the meeting's language, then by
 * code. An insertion sort with the meeting's language at hand (qsort passes no context); a
 * session has a few languages. */
static int lang_before(const char *x, const char *y, const char *meeting)
{
	int mx = strcmp(x, meeting) == 0, my = strcmp(y, meeting) == 0;
	return mx != my ? mx : strcmp(x, y) < 0;
}

const struct rendering **report_renderings_of(const struct session *s, uint32_t idea, size_t *n)
{
	size_t k = session_renderings_of(s, idea, NULL, 0);
	*n = k;
	if (!k) return NULL;
	const struct rendering **r = xcalloc(k, sizeof *r);
	session_renderings_of(s, idea, r, k);
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && lang_before(r[j]->lang, r[j - 1]->lang, s->lang); j--) {
			const struct rendering *x = r[j];
			r[j] = r[j - 1];
			r[j - 1] = x;
		}
	return r;
}

const char **report_rendering_langs(const struct session *s, size_t *n)
{
	const char **l = NULL;
	size_t k = 0, cap = 0;
	for (size_t i = 0; i < s->n_renderings; i++) {
		size_t j = 0;
		while (j < k && strcmp(l[j], s->renderings[i].lang) != 0) j++;
		if (j < k) continue;
		xgrow((void **)&l, &cap, k + 1, sizeof *l);
		l[k++] = s->renderings[i].lang;
	}
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && lang_before(l[j], l[j - 1], s->lang); j--) {
			const char *x = l[j];
			l[j] = l[j - 1];
			l[j - 1] = x;
		}
	*n = k;
	return l;
}

void report_rendering_by(const struct report_ctx *c, const struct rendering *r, struct report_buf *out)
{
	char t[48];
	report_clock_at(c, r->at_ms, t, sizeof t);
	if (c->o->anonymise || !r->by || !*r->by) {
		if (r->at_ms > 0) report_put(out, t);
		return;
	}
	const char slot[] = { REPORT_SLOT, '\0' };
	const char *const names[] = { "name", "time" }, *const values[] = { slot, r->at_ms > 0 ? t : "" };
	report_say(c, out, W_REPORT_RENDERING_BY, 0, 2, names, values);
}

const struct rendering *report_rendering_brief(const struct report_ctx *c, uint32_t idea)
{
	const struct rendering *r = session_rendering(c->s, idea, words_lang(c->w));
	return r ? r : session_rendering(c->s, idea, c->s->lang);
}

int report_idea_photo_only(const struct session *s, uint32_t idea)
{
	const struct idea *d = session_idea(s, idea);
	return d && d->photo && !*d->text;
}

int report_item_photo_only(const struct session *s, const struct activity *a, uint32_t item)
{
	return !a->on_groups && report_idea_photo_only(s, item);
}

const struct report_photo *report_photo_of(const struct report_ctx *c, const char *file)
{
	static const struct report_photo missing = { .state = REPORT_PHOTO_MISSING };
	for (size_t i = 0; i < c->o->n_photos; i++)
		if (c->o->photos[i].file && strcmp(c->o->photos[i].file, file) == 0) return &c->o->photos[i];
	return &missing;
}

void report_photo_problem(const struct report_ctx *c, const struct report_photo *p, const char *file,
                          struct report_buf *out)
{
	const char *const names[] = { "file" }, *const values[] = { file };
	report_say(c, out, p->state == REPORT_PHOTO_DAMAGED ? W_REPORT_PHOTO_DAMAGED : W_REPORT_PHOTO_MISSING, 0, 1, names,
	           values);
}

static int signal_total(const struct signal_count *sc)
{
	int n = 0;
	for (int k = 0; k < SIGNAL_KINDS; k++) n += sc->count[k];
	return n;
}

static int signal_row_cmp(const void *x, const void *y)
{
	const struct signal_count *a = *(const struct signal_count *const *)x, *b = *(const struct signal_count *const *)y;
	int ta = signal_total(a), tb = signal_total(b);
	if (ta != tb) return ta > tb ? -1 : 1;
	return strcmp(a->lang, b->lang);
}

const struct signal_count **report_signal_rows(const struct session *s, uint32_t activity, size_t *n)
{
	const struct signal_count **r = NULL;
	size_t k = 0, cap = 0;
	for (size_t i = 0; i < s->n_signals; i++) {
		if (s->signals[i].activity != activity || !signal_total(&s->signals[i])) continue;
		xgrow((void **)&r, &cap, k + 1, sizeof *r);
		r[k++] = &s->signals[i];
	}
	if (k) qsort(r, k, sizeof *r, signal_row_cmp);
	*n = k;
	return r;
}

const char *report_signal_label(const struct report_ctx *c, enum signal_kind k)
{
	static const enum word_id ids[SIGNAL_KINDS] = { W_REPORT_SIGNAL_INTERPRET, W_REPORT_SIGNAL_SLOWER,
	                                                W_REPORT_SIGNAL_UNCLEAR };
	return T(c, ids[(unsigned)k < SIGNAL_KINDS ? k : 0]);
}

void report_voices(const struct session *s, struct report_voices *v)
{
	memset(v, 0, sizeof *v);
	v->renderings = s->n_renderings;
	for (size_t i = 0; i < s->n_ideas; i++) {
		if (!s->ideas[i].photo) continue;
		v->photos++;
		v->hidden_photos += !!s->ideas[i].hidden;
	}
	for (size_t i = 0; i < s->n_signals; i++)
		for (int k = 0; k < SIGNAL_KINDS; k++) {
			v->signals[k] += s->signals[i].count[k];
			v->all_signals += s->signals[i].count[k];
		}
}

void report_renderings_count(const struct report_ctx *c, struct report_buf *out)
{
	size_t n;
	const char **langs = report_rendering_langs(c->s, &n);
	report_putf(out, "%zu (", c->s->n_renderings);
	for (size_t i = 0; i < n; i++) {
		int k = 0;
		for (size_t j = 0; j < c->s->n_renderings; j++) k += strcmp(c->s->renderings[j].lang, langs[i]) == 0;
		report_putf(out, "%s%s %d", i ? ", " : "", report_lang_name(c, langs[i]), k);
	}
	report_put(out, ")");
	free(langs);
}

void report_signals_count(const struct report_ctx *c, const struct report_voices *v, struct report_buf *out)
{
	for (int k = 0; k < SIGNAL_KINDS; k++)
		report_putf(out, "%s%s: %ld", k ? " · " : "", report_signal_label(c, (enum signal_kind)k), v->signals[k]);
}

/* ---- tables and rounds (issue 19) ------------------------------------------------------------ */

uint32_t report_tables_of(const struct session *s, const struct activity *a)
{
	uint32_t max = 0;
	if (a->kind == ACTIVITY_IDEAS) {
		for (size_t i = 0; i < s->n_ideas; i++)
			if (s->ideas[i].activity == a->id && !s->ideas[i].merged_into && s->ideas[i].table > max)
				max = s->ideas[i].table;
	} else if (a->kind == ACTIVITY_VOTE) {
		for (size_t i = 0; i < s->n_votes; i++)
			if (s->votes[i].activity == a->id && s->votes[i].table > max) max = s->votes[i].table;
	}
	return max;
}

int report_uses_tables(const struct session *s)
{
	for (size_t i = 0; i < s->n_ideas; i++)
		if (s->ideas[i].table || s->ideas[i].round) return 1;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].table) return 1;
	return 0;
}

const char *report_table_name(const struct report_ctx *c, uint32_t t, char *buf, size_t len)
{
	char n[16];
	snprintf(n, sizeof n, "%u", t);
	const char *const names[] = { "n" }, *const values[] = { n };
	if (!t) snprintf(buf, len, "%s", T(c, W_TBL_NO_TABLE));
	else word_expand(buf, len, T(c, W_TBL_TABLE_N), 1, names, values);
	return buf;
}

const char *report_round_name(const struct report_ctx *c, int round, char *buf, size_t len)
{
	char n[16];
	snprintf(n, sizeof n, "%d", round);
	const char *const names[] = { "n" }, *const values[] = { n };
	word_expand(buf, len, T(c, W_TBL_ROUND_N), 1, names, values);
	return buf;
}

const char *report_round_title(const struct session *s, const struct idea *d)
{
	const struct activity *a = session_activity(s, d->activity);
	return a && d->round > 0 && (size_t)d->round <= a->n_rounds ? a->rounds[d->round - 1].title : "";
}

size_t report_table_ideas(const struct session *s, const struct activity *a, uint32_t t)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_ideas; i++)
		n += s->ideas[i].activity == a->id && !s->ideas[i].merged_into && s->ideas[i].table == t;
	return n;
}

struct result_row *report_table_dots(const struct session *s, const struct activity *a, uint32_t t, size_t *n,
                                     int *dots, int *voters)
{
	struct result_row *rows = xcalloc(s->n_votes + 1, sizeof *rows);
	uint32_t *who = xcalloc(s->n_votes + 1, sizeof *who);
	size_t nw = 0;
	*n = 0;
	*dots = 0;
	for (size_t i = 0; i < s->n_votes; i++) {
		const struct vote *v = &s->votes[i];
		if (v->activity != a->id || (t != REPORT_ALL_TABLES && v->table != t)) continue;
		size_t k = 0;
		while (k < *n && rows[k].item != v->item) k++;
		if (k == *n) rows[(*n)++] = (struct result_row){ .item = v->item };
		rows[k].count += v->dots;
		rows[k].voters++;
		*dots += v->dots;
		size_t w = 0;
		while (w < nw && who[w] != v->participant) w++;
		if (w == nw) who[nw++] = v->participant;
	}
	*voters = (int)nw;
	free(who);
	for (size_t i = 1; i < *n; i++)   /* most dots first; ties by item, as the results */
		for (size_t j = i; j > 0 && (rows[j].count > rows[j - 1].count ||
		                             (rows[j].count == rows[j - 1].count && rows[j].item < rows[j - 1].item)); j--) {
			struct result_row x = rows[j];
			rows[j] = rows[j - 1];
			rows[j - 1] = x;
		}
	return rows;
}
