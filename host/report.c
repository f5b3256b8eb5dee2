/* report.c: reports for staff from saved sessions: one self-contained HTML page that prints on
 * A4, Markdown for the minutes, CSV for Excel, and an HTML overview over a folder of sessions.
 * This file holds the dispatch, the context every format renders with, and the facts they all
 * show: what is counted, what is flagged, which sentence is chosen. The formats are in
 * report-html.c, report-md.c, report-csv.c and report-overview.c; the command in report-main.c.
 * Rendering is pure (into a buffer); only report-main.c reads and writes files. */
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

/* First and last event with a time: joins, ideas, hiding, groups, the moderation log. Votes and
 * answers carry no time. With no events at all, the session's creation. */
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
	c->L = report_labels;
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
int report_merged_child(const struct session *s, const struct idea *d)
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
const struct mod_entry *report_first_edit(const struct session *s, uint32_t idea)
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
		if (d->activity == activity && !report_merged_child(s, d) && (!by_group || d->group == group)) n++;
	}
	return n;
}

/* Whether an idea's group is one that is listed: it exists, is of this activity, not removed. */
int report_listed_group(const struct session *s, const struct idea *d)
{
	const struct group *g = d->group ? session_group(s, d->group) : NULL;
	return g && !g->removed && g->activity == d->activity;
}

struct result_row *report_results_of(const struct session *s, const struct activity *a, size_t *n)
{
	size_t k = session_results(s, a, NULL, 0);
	struct result_row *rows = xcalloc(k ? k : 1, sizeof *rows);
	*n = session_results(s, a, rows, k);
	return rows;
}

int report_activity_dots(const struct session *s, uint32_t activity)
{
	int n = 0;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].activity == activity) n += s->votes[i].dots;
	return n;
}

int report_activity_voters(const struct session *s, uint32_t activity)
{
	int n = 0;
	for (size_t p = 0; p < s->n_participants; p++)
		for (size_t i = 0; i < s->n_votes; i++)
			if (s->votes[i].activity == activity && s->votes[i].participant == s->participants[p].id) {
				n++;
				break;
			}
	return n;
}

int report_activity_answers(const struct session *s, uint32_t activity)
{
	int n = 0;
	for (size_t i = 0; i < s->n_answers; i++)
		if (s->answers[i].activity == activity) n++;
	return n;
}

/* The items of a vote that cannot get dots in the results: hidden or merged ideas of its source. */
int report_source_has_unvotable(const struct session *s, const struct activity *a)
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
int report_row_item_cmp(const void *x, const void *y)
{
	const struct result_row *a = x, *b = y;
	return a->item < b->item ? -1 : a->item > b->item;
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
	int64_t off = (int64_t)tm.tm_gmtoff * 1000;   /* buckets start on the local clock's 5 minutes */
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
	if (a->kind == ACTIVITY_POLL) return 1;
	if (a->kind == ACTIVITY_VOTE) {
		size_t n, rows_shown = 0;
		struct result_row *rows = report_results_of(s, a, &n);
		for (size_t i = 0; i < n; i++) rows_shown += rows[i].count > 0;
		free(rows);
		return rows_shown <= 8;
	}
	return report_top_ideas(s, a->id, 0, 0) <= 3;
}

/* ", 2 dolda, 1 sammanslagen dubblett": what is special about the ideas (plain text). */
void report_tally_ideas(struct report_ctx *c, const struct report_tally *t)
{
	if (t->hidden)
		report_putf(c->b, ", %zu %s", t->hidden, report_count_word(c, (long)t->hidden, L_P_HIDDEN_ONE, L_P_HIDDEN));
	if (t->merged)
		report_putf(c->b, ", %zu %s", t->merged, report_count_word(c, (long)t->merged, L_P_MERGED_ONE, L_P_MERGED));
	if (t->by_facilitator)
		report_putf(c->b, ", %zu %s", t->by_facilitator,
		            report_count_word(c, (long)t->by_facilitator, L_P_BY_FACILITATOR_ONE, L_P_BY_FACILITATOR));
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
