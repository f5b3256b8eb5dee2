/* report-md.c: the report in Markdown, for the minutes. Markup only: what it shows comes from
 * the facts in report.c, in the same order as the HTML report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "util.h"

#define FSI "\xE2\x81\xA8"   /* U+2068 FIRST STRONG ISOLATE: what plain text isolates user text in */
#define PDI "\xE2\x81\xA9"   /* U+2069 POP DIRECTIONAL ISOLATE: its end */

#define M(x) report_put_md(c->b, (x), " ")
#define U(x) md_user(c->b, (x), " ")

/* User text in Markdown: bidi controls removed, escaped, and each of its lines isolated in
 * FSI ... PDI (newline is written between two lines, as report_put_md does), so that a line
 * of the minutes keeps its order whatever a name or an idea holds. "" writes nothing. */
static void md_user(struct report_buf *b, const char *s, const char *newline)
{
	char *t = utf8_bidi_clean(s);
	if (*t) {
		size_t n = strlen(newline) + 7;
		char *nl = xmalloc(n);
		snprintf(nl, n, "%s%s%s", PDI, newline, FSI);
		report_put(b, FSI);
		report_put_md(b, t, nl);
		report_put(b, PDI);
		free(nl);
	}
	free(t);
}

static void md_idea(struct report_ctx *c, const struct idea *d, int depth)
{
	const struct session *s = c->s;
	const struct activity *a = session_activity(s, d->activity);
	char t[48];
	char indent[2 * MERGE_DEPTH + 8];
	int w = 2 * depth;
	memset(indent, ' ', (size_t)w);
	indent[w] = '\0';
	char hard[sizeof indent + 8];
	snprintf(hard, sizeof hard, "\\\n%s  ", indent);   /* a line break inside the item */
	report_putf(c->b, "%s- **#%u** ", indent, d->id);
	md_user(c->b, d->text, hard);
	report_putf(c->b, " — %s", report_clock_at(c, d->created_ms, t, sizeof t));
	if (a && d->category >= 0 && (size_t)d->category < a->n_options) {
		report_put(c->b, " · ");
		U(a->options[d->category]);
	}
	if (!d->author) {   /* bold, outside any isolate: a participant's name is escaped and isolated */
		report_put(c->b, " · **");
		M(T(c, L_FACILITATOR));
		report_put(c->b, "**");
	} else {
		const struct participant *p = session_participant(s, d->author);
		const char *name = report_name_of(c, p);
		if (name) {
			report_put(c->b, " · ");
			U(name);
		}
		if (p && p->proxy) {
			report_put(c->b, name ? " (" : " · ");
			M(T(c, L_PROXY));
			if (name) report_put(c->b, ")");
		}
	}
	if (depth > 0) {
		const struct mod_entry *m = NULL;
		for (size_t i = 0; i < s->n_log; i++)
			if (s->log[i].kind == MOD_MERGE && s->log[i].idea == d->id) m = &s->log[i];
		report_put(c->b, " · *");
		M(T(c, L_MERGED_HERE));
		if (m) report_putf(c->b, " %s", report_clock_at(c, m->at_ms, t, sizeof t));
		report_put(c->b, "*");
	} else if (d->merged_into) {
		report_put(c->b, " · *");
		M(T(c, L_MERGED_INTO));
		report_putf(c->b, " #%u*", d->merged_into);
	}
	if (d->hidden) {
		report_put(c->b, " · **");
		M(T(c, L_HIDDEN));
		if (d->hidden_ms > 0) report_putf(c->b, " %s", report_clock_at(c, d->hidden_ms, t, sizeof t));
		report_put(c->b, "**");
	}
	const struct mod_entry *e = d->edited ? report_first_edit(s, d->id) : NULL;
	if (d->edited) {
		report_put(c->b, " · *");
		M(T(c, L_EDITED));
		if (e) report_putf(c->b, " %s", report_clock_at(c, e->at_ms, t, sizeof t));
		report_put(c->b, "*");
		if (e && e->before) {
			report_put(c->b, hard);
			report_put(c->b, "*");
			M(T(c, L_BEFORE));
			report_put(c->b, "* ");
			md_user(c->b, e->before, hard);
		}
	}
	report_put(c->b, "\n");
	for (size_t i = 0; i < s->n_ideas && depth < MERGE_DEPTH; i++) {
		const struct idea *x = &s->ideas[i];
		if (x->merged_into == d->id && report_merged_child(s, x)) md_idea(c, x, depth + 1);
	}
}

static void md_idea_list(struct report_ctx *c, const struct activity *a, int by_group, uint32_t group)
{
	const struct session *s = c->s;
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity != a->id || report_merged_child(s, d)) continue;
		if (by_group && (group ? d->group != group : report_listed_group(s, d))) continue;
		md_idea(c, d, 0);
	}
	report_put(c->b, "\n");
}

static void md_activity_ideas(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	if (!report_top_ideas(s, a->id, 0, 0)) {
		report_putf(c->b, "%s\n\n", a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_IDEAS));
		return;
	}
	size_t groups = 0, loose = 0;
	for (size_t g = 0; g < s->n_groups; g++)
		if (s->groups[g].activity == a->id && !s->groups[g].removed) groups++;
	if (!groups) {
		md_idea_list(c, a, 0, 0);
		return;
	}
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (gr->activity != a->id || gr->removed) continue;
		size_t k = report_top_ideas(s, a->id, 1, gr->id);
		report_put(c->b, "### ");
		U(gr->name);
		report_putf(c->b, " (%zu %s)\n\n", k, report_count_word(c, (long)k, L_IDEA_ONE, L_IDEA_MANY));
		if (k) md_idea_list(c, a, 1, gr->id);
	}
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity == a->id && !report_merged_child(s, d) && !report_listed_group(s, d)) loose++;
	}
	if (loose) {
		report_putf(c->b, "### %s (%zu %s)\n\n", T(c, L_UNGROUPED), loose, report_count_word(c, (long)loose, L_IDEA_ONE, L_IDEA_MANY));
		md_idea_list(c, a, 1, 0);
	}
}

static void md_activity_vote(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	size_t n;
	struct result_row *rows = report_results_of(s, a, &n);
	int voters = report_activity_voters(s, a->id), dots = report_activity_dots(s, a->id), counted = 0;
	for (size_t i = 0; i < n; i++) counted += rows[i].count;
	if (!dots) {
		report_putf(c->b, "%s\n\n", a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_VOTES));
	} else {
		report_putf(c->b, "%d %s %s %s %d %s.", voters, report_count_word(c, voters, L_PERSON_ONE, L_PERSON_MANY), T(c, L_VOTED),
		     T(c, L_VOTED_DOTS), dots, report_count_word(c, dots, L_DOT_ONE, L_DOT_MANY));
		if (a->phase != PHASE_REVEALED && !a->live) report_putf(c->b, " %s", T(c, L_NOT_SHOWN));
		report_put(c->b, "\n\n");
		report_putf(c->b, "| %s | %s | %s | %s |\n|---:|---|---:|---:|\n", T(c, L_RANK),
		     a->on_groups ? T(c, L_GROUP) : T(c, L_IDEA), T(c, L_DOTS), T(c, L_VOTERS));
		for (size_t i = 0; i < n && rows[i].count; i++) {
			const struct result_row *r = &rows[i];
			int tie = (i > 0 && rows[i - 1].rank == r->rank) || (i + 1 < n && rows[i + 1].rank == r->rank);
			report_putf(c->b, "| %d%s%s%s | ", r->rank, tie ? " (" : "", tie ? T(c, L_TIE) : "", tie ? ")" : "");
			if (!a->on_groups) report_putf(c->b, "#%u ", r->item);
			U(report_item_text(s, a, r->item));
			report_putf(c->b, " | %d | %d |\n", r->count, r->voters);
		}
		report_put(c->b, "\n");
		size_t z = 0;
		while (z < n && rows[n - 1 - z].count == 0) z++;
		if (z) {
			report_putf(c->b, "%s (%zu %s): ", T(c, L_NO_DOTS), z, a->on_groups ? report_count_word(c, (long)z, L_GROUP_ONE, L_GROUP_MANY)
			                                                            : report_count_word(c, (long)z, L_IDEA_ONE, L_IDEA_MANY));
			for (size_t i = n - z; i < n; i++) {
				if (i > n - z) report_put(c->b, ", ");
				if (a->on_groups) U(report_item_text(s, a, rows[i].item));
				else report_putf(c->b, "#%u", rows[i].item);
			}
			report_put(c->b, ".\n\n");
		}
	}
	if (report_source_has_unvotable(s, a) || dots > counted) {
		if (report_source_has_unvotable(s, a)) report_put(c->b, T(c, L_NOT_IN_VOTE));
		if (dots > counted) report_putf(c->b, " %d %s", dots - counted, T(c, L_LOST_DOTS));
		report_put(c->b, "\n\n");
	}
	free(rows);
}

static void md_activity_poll(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	size_t n;
	struct result_row *rows = report_results_of(s, a, &n);
	qsort(rows, n, sizeof *rows, report_row_item_cmp);
	int answers = report_activity_answers(s, a->id);
	long sum = 0;
	for (size_t i = 0; i < n; i++) sum += (long)rows[i].item * rows[i].count;
	if (!answers) {
		report_putf(c->b, "%s\n\n", a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_ANSWERS));
		free(rows);
		return;
	}
	report_putf(c->b, "%d %s %s.", answers, report_count_word(c, answers, L_PERSON_ONE, L_PERSON_MANY), T(c, L_RESPONDED));
	if (a->poll == POLL_SCALE) {
		long tenths = (sum * 10 + answers / 2) / answers;
		report_putf(c->b, " %s %ld,%ld %s %d.", T(c, L_MEAN), tenths / 10, tenths % 10, T(c, L_OF), SESSION_SCALE_MAX);
	}
	if (a->phase != PHASE_REVEALED) report_putf(c->b, " %s", T(c, L_NOT_SHOWN));
	report_putf(c->b, "\n\n| %s | %s | %s |\n|---|---:|---:|\n", T(c, L_CHOICE), T(c, L_ANSWERS), T(c, L_SHARE));
	for (size_t i = 0; i < n; i++) {
		const struct result_row *r = &rows[i];
		report_put(c->b, "| ");
		if (a->poll == POLL_SCALE) report_putf(c->b, "%u", r->item);
		else U(r->item < a->n_options ? a->options[r->item] : "");
		report_putf(c->b, " | %d | %d %% |\n", r->count, (r->count * 100 + answers / 2) / answers);
	}
	report_put(c->b, "\n");
	if (a->poll == POLL_MULTI) report_putf(c->b, "%s\n\n", T(c, L_MULTI_NOTE));
	free(rows);
}

static void md_activity_kind(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	report_put(c->b, "*");
	M(report_kind_label(c, a));
	if (a->kind == ACTIVITY_POLL) report_putf(c->b, " (%s)", report_poll_label(c, a->poll));
	if (a->kind == ACTIVITY_VOTE) {
		const struct activity *src = session_activity(s, a->source);
		report_putf(c->b, " %s %u. ", a->on_groups ? T(c, L_VOTE_ON_GROUPS) : T(c, L_VOTE_ON_IDEAS), a->source);
		U(src ? src->title : "");
		report_putf(c->b, " · %d %s, ", a->budget, T(c, L_DOTS_EACH));
		report_putf(c->b, "%s %d %s", T(c, L_AT_MOST), a->max_per_item, a->on_groups ? T(c, L_PER_GROUP) : T(c, L_PER_IDEA));
		if (a->live) report_putf(c->b, " · %s", T(c, L_LIVE));
	}
	if (a->kind == ACTIVITY_IDEAS && a->silent) report_putf(c->b, " · %s", T(c, L_SILENT));
	report_putf(c->b, " · %s", report_phase_label(c, a->phase));
	if (a->kind == ACTIVITY_IDEAS && a->n_options) {
		report_putf(c->b, " · %s: ", T(c, L_CATEGORIES));
		for (size_t i = 0; i < a->n_options; i++) {
			if (i) report_put(c->b, ", ");
			U(a->options[i]);
		}
	}
	report_put(c->b, "*\n\n");
}

/* What the votes and polls came to, after the agenda. */
static void md_brief(struct report_ctx *c)
{
	const struct session *s = c->s;
	int any = 0;
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS) continue;
		if (!any) report_putf(c->b, "## %s\n\n", T(c, L_BRIEF));
		any = 1;
		report_putf(c->b, "**%zu. ", i + 1);
		md_user(c->b, a->title, " ");
		report_put(c->b, "**\n\n");
		size_t n;
		struct result_row *rows = report_results_of(s, a, &n);
		int total = a->kind == ACTIVITY_VOTE ? report_activity_dots(s, a->id) : report_activity_answers(s, a->id);
		if (!total) {
			report_putf(c->b, "%s\n\n", a->kind == ACTIVITY_VOTE ? T(c, L_NO_VOTES) : T(c, L_NO_ANSWERS));
		} else if (a->kind == ACTIVITY_VOTE) {
			for (size_t k = 0; k < n && k < TOP_ITEMS && rows[k].rank <= TOP_RANKS && rows[k].count; k++) {
				report_putf(c->b, "- **%d.** ", rows[k].rank);
				md_user(c->b, report_item_text(s, a, rows[k].item), " ");
				report_putf(c->b, " (%d %s)\n", rows[k].count, report_count_word(c, rows[k].count, L_DOT_ONE, L_DOT_MANY));
			}
			report_put(c->b, "\n");
		} else if (a->poll == POLL_SCALE) {
			long sum = 0;
			for (size_t k = 0; k < n; k++) sum += (long)rows[k].item * rows[k].count;
			long tenths = (sum * 10 + total / 2) / total;
			report_putf(c->b, "%s %ld,%ld %s %d (%d %s)\n\n", T(c, L_MEAN), tenths / 10, tenths % 10, T(c, L_OF),
			     SESSION_SCALE_MAX, total, report_count_word(c, total, L_ANSWER_ONE, L_ANSWER_MANY));
		} else {
			for (size_t k = 0; k < n && rows[k].rank == 1 && rows[k].count; k++) {
				report_put(c->b, "- ");
				md_user(c->b, rows[k].item < a->n_options ? a->options[rows[k].item] : "", " ");
				report_putf(c->b, " (%d %s %d %s)\n", rows[k].count, T(c, L_OF), total,
				     report_count_word(c, total, L_ANSWER_ONE, L_ANSWER_MANY));
			}
			report_put(c->b, "\n");
		}
		free(rows);
	}
}

void report_md(struct report_ctx *c)
{
	const struct session *s = c->s;
	char date[64], dur[64], t1[48], t2[48];
	report_date_with(c->L, c->first, date, sizeof date);
	report_duration_with(c->L, c->last - c->first, dur, sizeof dur);
	report_put(c->b, "# ");
	U(s->title);
	report_putf(c->b, "\n\n*%s*\n\n", T(c, L_KICKER));
	report_putf(c->b, "- **%s:** %s\n", T(c, L_DATE), date);
	report_putf(c->b, "- **%s:** %s–%s (%s, %s)\n", T(c, L_TIME), report_clock_at(c, c->first, t1, sizeof t1),
	     report_clock_at(c, c->last, t2, sizeof t2), dur, T(c, L_SPAN_NOTE));
	report_putf(c->b, "- **%s:** %zu\n", T(c, L_PARTICIPANTS), s->n_participants);
	report_putf(c->b, "- **%s:** %zu\n\n", T(c, L_IDEAS), s->n_ideas);
	report_putf(c->b, "%s ", T(c, L_ZONE_NOTE));
	M(c->o->zone && *c->o->zone ? c->o->zone : T(c, L_ZONE_UNKNOWN));
	report_put(c->b, ".");
	if (c->o->anonymise) report_putf(c->b, " %s", T(c, L_ANONYMISED));
	report_putf(c->b, "\n\n## %s\n\n", T(c, L_AGENDA));
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		report_putf(c->b, "%zu. **", i + 1);
		U(a->title);
		report_putf(c->b, "** (%s", report_kind_label(c, a));
		if (a->kind == ACTIVITY_IDEAS) {
			size_t k = 0;
			for (size_t j = 0; j < s->n_ideas; j++) k += s->ideas[j].activity == a->id;
			report_putf(c->b, ", %zu %s", k, report_count_word(c, (long)k, L_IDEA_ONE, L_IDEA_MANY));
		} else if (a->kind == ACTIVITY_VOTE) {
			report_putf(c->b, ", %d %s", report_activity_voters(s, a->id), T(c, L_VOTED));
		} else {
			report_putf(c->b, ", %d %s", report_activity_answers(s, a->id), T(c, L_RESPONDED));
		}
		if (a->phase == PHASE_PREPARED) report_putf(c->b, ", %s", T(c, L_PHASE_PREPARED));
		report_put(c->b, "): ");
		U(a->prompt);
		report_put(c->b, "\n");
	}
	report_put(c->b, "\n");
	md_brief(c);
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		report_putf(c->b, "## %zu. ", i + 1);
		U(a->title);
		report_put(c->b, "\n\n");
		md_activity_kind(c, a);
		report_put(c->b, "> ");
		md_user(c->b, a->prompt, " ");
		report_put(c->b, "\n\n");
		if (a->kind == ACTIVITY_IDEAS) md_activity_ideas(c, a);
		else if (a->kind == ACTIVITY_VOTE) md_activity_vote(c, a);
		else md_activity_poll(c, a);
	}

	struct report_tally t;
	report_tally(s, &t);
	report_putf(c->b, "## %s\n\n", T(c, L_PARTICIPATION));
	report_putf(c->b, "- **%s:** %zu", T(c, L_PARTICIPANTS), s->n_participants);
	if (t.proxies) report_putf(c->b, ", %zu %s", t.proxies, report_count_word(c, (long)t.proxies, L_P_PROXY, L_P_PROXIES));
	report_putf(c->b, "\n- **%s:** %zu", T(c, L_IDEAS), t.ideas);
	report_tally_ideas(c, &t);
	report_put(c->b, "\n");
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS) continue;
		report_putf(c->b, "- **%s:** ", a->kind == ACTIVITY_VOTE ? T(c, L_P_VOTES) : T(c, L_P_POLLS));
		U(a->title);
		if (a->kind == ACTIVITY_VOTE) {
			int v = report_activity_voters(s, a->id), d = report_activity_dots(s, a->id);
			report_putf(c->b, ": %d %s %s, %d %s\n", v, report_count_word(c, v, L_PERSON_ONE, L_PERSON_MANY), T(c, L_VOTED), d,
			     report_count_word(c, d, L_DOT_ONE, L_DOT_MANY));
		} else {
			int v = report_activity_answers(s, a->id);
			report_putf(c->b, ": %d %s\n", v, report_count_word(c, v, L_ANSWER_ONE, L_ANSWER_MANY));
		}
	}
	report_putf(c->b, "\n### %s\n\n| %s | %s | %s |\n|---|---:|---:|\n", T(c, L_LANGUAGES), T(c, L_LANGUAGE),
	     T(c, L_PARTICIPANTS), T(c, L_IDEAS));
	size_t n;
	struct report_lang_use *u = report_languages(s, &n);
	for (size_t i = 0; i < n; i++) {
		report_put(c->b, "| ");
		M(report_lang_name(c->L, u[i].code));
		if (*u[i].code) {
			report_put(c->b, " (");
			M(u[i].code);
			report_put(c->b, ")");
		}
		report_putf(c->b, " | %d | %d |\n", u[i].people, u[i].ideas);
	}
	if (t.by_facilitator) report_putf(c->b, "| %s | %s | %zu |\n", T(c, L_FACILITATOR), T(c, L_NONE), t.by_facilitator);
	free(u);

	struct report_timeline tl;
	report_timeline_build(s, &tl);
	report_putf(c->b, "\n## %s\n\n", T(c, L_TIMELINE));
	if (!tl.n) {
		report_putf(c->b, "%s\n\n", T(c, L_NO_TIMELINE));
	} else {
		report_putf(c->b, "| %s | %s %d %s |\n|---:|---:|\n", T(c, L_TIME), T(c, L_IDEAS_PER), tl.bucket_min, T(c, L_MINUTES));
		for (size_t i = 0; i < tl.n; i++) {
			char tt[48];
			report_putf(c->b, "| %s | %d |\n", report_clock_at(c, tl.start_ms + tl.bucket_ms * (int64_t)i, tt, sizeof tt), tl.counts[i]);
		}
		report_put(c->b, "\n");
	}
	free(tl.counts);
	report_putf(c->b, "### %s\n\n", T(c, L_MODERATION));
	if (!s->n_log) {
		report_putf(c->b, "%s\n\n", T(c, L_NO_MODERATION));
	} else {
		report_putf(c->b, "| %s | %s | %s |\n|---:|---|---|\n", T(c, L_TIME), T(c, L_ACTION), T(c, L_IDEA));
		for (size_t i = 0; i < s->n_log; i++) {
			static const enum lbl act[] = { L_NONE, L_ACT_HIDE, L_ACT_RESTORE, L_ACT_EDIT, L_ACT_MERGE };
			const struct mod_entry *m = &s->log[i];
			const struct idea *d = session_idea(s, m->idea);
			char tt[48];
			report_putf(c->b, "| %s | %s | #%u ", report_clock_at(c, m->at_ms, tt, sizeof tt),
			     T(c, act[(unsigned)m->kind <= MOD_MERGE ? m->kind : 0]), m->idea);
			if (m->kind == MOD_EDIT) {
				report_putf(c->b, "%s ", T(c, L_LOG_BEFORE));
				U(m->before ? m->before : "");
				report_putf(c->b, "; %s ", T(c, L_AFTER));
				U(m->after ? m->after : "");
			} else {
				U(d ? d->text : "");
			}
			if (m->kind == MOD_MERGE) {
				const struct idea *into = session_idea(s, m->other);
				report_putf(c->b, " %s #%u ", T(c, L_INTO), m->other);
				U(into ? into->text : "");
			}
			report_put(c->b, " |\n");
		}
		report_put(c->b, "\n");
	}
	if (!c->o->anonymise && s->n_participants) {
		report_putf(c->b, "## %s\n\n| %s | %s | %s | %s | %s | %s |\n|---:|---|---|---:|---:|---:|\n", T(c, L_PEOPLE),
		     T(c, L_NR), T(c, L_NAME), T(c, L_LANGUAGE), T(c, L_JOINED), T(c, L_IDEAS), T(c, L_DOTS));
		for (size_t i = 0; i < s->n_participants; i++) {
			const struct participant *p = &s->participants[i];
			char tt[48];
			report_putf(c->b, "| %u | ", p->id);
			if (*p->name) U(p->name);
			else M(T(c, L_NONE));
			if (p->proxy) report_putf(c->b, " (%s)", T(c, L_PROXY));
			report_putf(c->b, " | %s | %s | %d | %d |\n", report_lang_name(c->L, p->lang), report_clock_at(c, p->joined_ms, tt, sizeof tt),
			     report_participant_ideas(s, p->id), report_participant_dots(s, p->id));
		}
		report_put(c->b, "\n");
	}
	report_putf(c->b, "---\n\n%s", T(c, L_MADE_BY));
	if (c->o->source && *c->o->source) {
		report_putf(c->b, " %s ", T(c, L_SOURCE));
		U(c->o->source);
	}
	report_put(c->b, "\n");
}

#undef U
#undef M
