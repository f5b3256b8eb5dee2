/* report-md.c: the report in Markdown, for the minutes. Markup only: what it shows and says
 * comes from the facts in report.c; its functions are report-html.c's, in the same order. */
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

/* A sentence of the facts' (labels and numbers, nothing to escape) as it is; frees t. */
static void md_text(struct report_ctx *c, struct report_buf *t)
{
	if (t->data) report_put(c->b, t->data);
	report_buf_free(t);
}

/* Option i of a (a category or a poll's choice): its pictogram, then its text. */
static void md_option(struct report_ctx *c, const struct activity *a, size_t i)
{
	const char *p = report_picto(a, i);
	if (*p) report_putf(c->b, "%s ", p);   /* one emoji, no ASCII (session_picto_valid): nothing to escape */
	U(i < a->n_options ? a->options[i] : "");
}

/* An idea's text in a list or a table cell, or the word for a photo when it is a photo alone. */
static void md_idea_text(struct report_ctx *c, uint32_t idea)
{
	if (report_idea_photo_only(c->s, idea)) report_putf(c->b, "*%s*", T(c, W_REPORT_PHOTO));
	else U(report_idea_text(c->s, idea));
}

/* A vote's item: its text, or the word for a photo. */
static void md_item(struct report_ctx *c, const struct activity *a, uint32_t item)
{
	if (a->on_groups) U(report_item_text(c->s, a, item));
	else md_idea_text(c, item);
}

/* After an idea in a list, its rendering in the report's or the meeting's language, for staff
 * to read: " — svenska: ..."; nothing when it has none. */
static void md_item_rendering(struct report_ctx *c, const struct activity *a, uint32_t item)
{
	const struct rendering *r = a->on_groups ? NULL : report_rendering_brief(c, item);
	if (!r) return;
	report_put(c->b, " — ");
	M(report_lang_name(c, r->lang));
	report_put(c->b, ": ");
	U(r->text);
}

static void md_head(struct report_ctx *c)
{
	const struct session *s = c->s;
	char date[64], dur[64], t1[48], t2[48];
	report_date(c->w, c->first, date, sizeof date);
	report_duration(c->w, c->last - c->first, dur, sizeof dur);
	report_put(c->b, "# ");
	U(s->title);
	report_putf(c->b, "\n\n*%s*\n\n", T(c, W_REPORT_KICKER));
	report_putf(c->b, "- **%s:** %s\n", T(c, W_REPORT_DATE), date);
	report_putf(c->b, "- **%s:** %s–%s (%s, %s)\n", T(c, W_REPORT_TIME), report_clock_at(c, c->first, t1, sizeof t1),
	            report_clock_at(c, c->last, t2, sizeof t2), dur, T(c, W_REPORT_SPAN_NOTE));
	report_putf(c->b, "- **%s:** %zu\n", T(c, W_REPORT_PARTICIPANTS), s->n_participants);
	report_putf(c->b, "- **%s:** %zu\n\n", T(c, W_REPORT_IDEAS), s->n_ideas);
	struct report_buf t = { 0 };
	report_zone_note(c, &t);   /* the zone's name is not the catalogue's: escaped with the rest */
	M(t.data);
	report_buf_free(&t);
	if (c->o->anonymise) report_putf(c->b, " %s", T(c, W_REPORT_ANONYMISED));
	report_put(c->b, "\n\n");
}

static void md_agenda(struct report_ctx *c)
{
	const struct session *s = c->s;
	report_putf(c->b, "## %s\n\n", T(c, W_REPORT_AGENDA));
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		struct report_buf t = { 0 };
		report_putf(c->b, "%zu. **", i + 1);
		U(a->title);
		report_putf(c->b, "** (%s, ", report_kind_label(c, a));
		report_agenda_count(c, a, &t);
		md_text(c, &t);
		if (a->phase == PHASE_PREPARED) report_putf(c->b, ", %s", T(c, W_REPORT_PHASE_PREPARED));
		report_put(c->b, "): ");
		U(a->prompt);
		report_put(c->b, "\n");
	}
	report_put(c->b, "\n");
}

/* The first ranks of a vote: "- **1.** text (9 prickar)". */
static void md_vote_top(struct report_ctx *c, const struct activity *a)
{
	struct report_vote v;
	char t[128];
	report_vote_facts(c->s, a, &v);
	if (!v.dots) {
		report_putf(c->b, "%s\n\n", report_brief_nothing(c, a));
	} else {
		for (size_t k = 0, top = report_vote_top(v.rows, v.n); k < top; k++) {
			report_putf(c->b, "- **%d.** ", v.rows[k].rank);
			md_item(c, a, v.rows[k].item);
			report_putf(c->b, " (%s)", TN(c, t, sizeof t, W_REPORT_N_DOTS, v.rows[k].count));
			md_item_rendering(c, a, v.rows[k].item);
			report_put(c->b, "\n");
		}
		report_put(c->b, "\n");
	}
	free(v.rows);
}

/* The poll's most chosen answers, or its mean on a scale. */
static void md_poll_top(struct report_ctx *c, const struct activity *a)
{
	struct report_poll p;
	struct report_buf t = { 0 };
	report_poll_facts(c->s, a, 0, &p);
	if (!p.answers) {
		report_putf(c->b, "%s\n\n", report_brief_nothing(c, a));
	} else if (a->poll == POLL_SCALE) {
		report_poll_mean(c, &p, &t);
		md_text(c, &t);
		report_put(c->b, " (");
		report_say(c, &t, W_REPORT_N_ANSWERS, p.answers, 0, NULL, NULL);
		md_text(c, &t);
		report_put(c->b, ")\n\n");
	} else {
		for (size_t k = 0, top = report_poll_top(p.rows, p.n); k < top; k++) {
			report_put(c->b, "- ");
			md_option(c, a, p.rows[k].item);
			report_put(c->b, " (");
			report_answer_share(c, p.rows[k].count, p.answers, &t);
			md_text(c, &t);
			report_put(c->b, ")\n");
		}
		report_put(c->b, "\n");
	}
	free(p.rows);
}

/* ---- consent rounds, need more time (issue 19): lines of report-consent.c ---- */
static void md_cns_line(struct report_ctx *c, enum report_cns_line kind, const char *text)
{
	if (kind == REPORT_CNS_REASONS) report_putf(c->b, "\n**%s**\n\n", text);
	else if (kind == REPORT_CNS_COUNTS) { report_put(c->b, "  "); U(text); report_put(c->b, "\n"); }
	else if (kind == REPORT_CNS_ROUND) { report_put(c->b, "- **"); U(text); report_put(c->b, "**\n"); }
	else { report_put(c->b, kind == REPORT_CNS_REASON ? "- " : "\n"); U(text); report_put(c->b, "\n"); }
}

static void md_consent_top(struct report_ctx *c, const struct activity *a)
{
	struct report_buf t = { 0 };
	report_consent_counts(c, a, &t);
	U(t.data ? t.data : "");
	report_buf_free(&t);
	report_put(c->b, "\n\n");
}

/* Actions (issue 20) in the brief: "- text · who · by when · status". */
static void md_actions_top(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	for (size_t i = 0; i < s->n_actions; i++) {
		const struct action *x = &s->actions[i];
		if (x->activity != a->id) continue;
		report_put(c->b, "- ");
		U(x->text);
		report_put(c->b, " · ");
		if (*x->who) U(x->who);
		else report_putf(c->b, "*%s*", T(c, W_BOARD_ACT_NOBODY));
		if (*x->due) report_putf(c->b, " · %s", x->due);
		report_putf(c->b, " · **%s**\n", report_action_status_label(c, x->status));
	}
	report_put(c->b, "\n");
}

/* An actions activity's table: what, from which idea or group, who, by when, status, note. */
static void md_activity_actions(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	int any = 0;
	for (size_t i = 0; i < s->n_actions; i++) {
		const struct action *x = &s->actions[i];
		if (x->activity != a->id) continue;
		if (!any++)
			report_putf(c->b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n|---:|---|---|---|---|---|---|---:|\n",
			            T(c, W_REPORT_ACT_NR), T(c, W_BOARD_ACT_ACTION), T(c, W_REPORT_ACT_FROM), T(c, W_BOARD_ACT_WHO),
			            T(c, W_BOARD_ACT_DUE), T(c, W_BOARD_ACT_STATUS), T(c, W_REPORT_ACT_NOTE),
			            T(c, W_REPORT_ACT_CHANGES));
		report_putf(c->b, "| %u | ", x->id);
		U(x->text);
		report_put(c->b, " | ");
		U(report_action_from(s, x));
		report_put(c->b, " | ");
		U(x->who);
		report_putf(c->b, " | %s | %s | ", x->due, report_action_status_label(c, x->status));
		if (x->note) U(x->note);
		report_putf(c->b, " | %zu |\n", report_action_changes(s, x->id));
	}
	if (!any) report_putf(c->b, "*%s*\n", T(c, W_BOARD_ACT_NONE));
	report_put(c->b, "\n");
}

/* What the votes and polls came to, after the agenda. */
static void md_brief(struct report_ctx *c)
{
	const struct session *s = c->s;
	int any = 0;
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS) continue;
		if (!any) report_putf(c->b, "## %s\n\n", T(c, W_REPORT_BRIEF));
		any = 1;
		report_putf(c->b, "**%zu. ", i + 1);
		U(a->title);
		report_put(c->b, "**\n\n");
		if (a->kind == ACTIVITY_VOTE) md_vote_top(c, a);
		else if (a->kind == ACTIVITY_CONSENT) md_consent_top(c, a);
		else if (a->kind == ACTIVITY_ACTIONS) md_actions_top(c, a);
		else md_poll_top(c, a);
	}
}

/* "*Idéinsamling · stängd · Kategorier: ...*" under an activity's heading. */
static void md_activity_kind(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	struct report_buf t = { 0 };
	report_put(c->b, "*");
	if (a->kind != ACTIVITY_VOTE) M(report_kind_label(c, a));
	if (a->kind == ACTIVITY_POLL) report_putf(c->b, " (%s)", report_poll_label(c, a->poll));
	if (a->kind == ACTIVITY_VOTE) {
		const struct activity *src = session_activity(s, a->source);
		report_vote_source(c, a, &t);
		char *slot = strchr(t.data, REPORT_SLOT);
		if (slot) {
			*slot = '\0';
			M(t.data);
			report_putf(c->b, "%u. ", a->source);
			U(src ? src->title : "");
		}
		M(slot ? slot + 1 : t.data);
		report_buf_free(&t);
		report_put(c->b, " · ");
		report_vote_rules(c, a, &t);
		md_text(c, &t);
		if (a->live) report_putf(c->b, " · %s", T(c, W_REPORT_LIVE));
	}
	if (a->kind == ACTIVITY_IDEAS && a->silent) report_putf(c->b, " · %s", T(c, W_REPORT_SILENT));
	report_putf(c->b, " · %s", report_phase_label(c, a->phase));
	if (a->kind == ACTIVITY_IDEAS && a->n_options) {
		report_putf(c->b, " · %s: ", T(c, W_REPORT_CATEGORIES));
		for (size_t i = 0; i < a->n_options; i++) {
			if (i) report_put(c->b, ", ");
			md_option(c, a, i);
		}
	}
	report_put(c->b, "*\n\n");
}

/* " — 18:07 · Information · Anna · *Ändrad 18:20*" after an idea, and its text before; `hard`
 * is the line break inside the list item. */
static void md_idea_meta(struct report_ctx *c, const struct idea *d, int as_child, const char *hard)
{
	struct report_idea f;
	char t[48];
	report_idea_facts(c, d, as_child, &f);
	report_putf(c->b, " — %s", report_clock_at(c, d->created_ms, t, sizeof t));
	if (f.category) {
		report_put(c->b, " · ");
		md_option(c, session_activity(c->s, d->activity), (size_t)d->category);
	}
	if (f.by_facilitator) {   /* bold, outside any isolate: a participant's name is escaped and isolated */
		report_put(c->b, " · **");
		M(T(c, W_FACILITATOR));
		report_put(c->b, "**");
	} else {
		if (f.name) {
			report_put(c->b, " · ");
			U(f.name);
		}
		if (f.proxy) {
			report_put(c->b, f.name ? " (" : " · ");
			M(T(c, W_REPORT_PROXY));
			if (f.name) report_put(c->b, ")");
		}
	}
	if (d->table) report_putf(c->b, " · %s", report_table_name(c, d->table, t, sizeof t));   /* tables and rounds */
	if (d->round) {
		report_putf(c->b, " · %s", report_round_name(c, d->round, t, sizeof t));
		if (*report_round_title(c->s, d)) {
			report_put(c->b, ": ");
			U(report_round_title(c->s, d));
		}
	}
	if (d->forward) report_putf(c->b, " · **%s**", T(c, W_TBL_FORWARD));
	struct report_flag flags[REPORT_FLAGS];
	for (size_t i = 0, n = report_idea_flags(c, &f, flags); i < n; i++) {   /* hiding in bold */
		const char *em = flags[i].kind == REPORT_FLAG_HIDDEN ? "**" : "*";
		report_putf(c->b, " · %s%s%s", em, flags[i].text, em);
	}
	if (f.before) {
		report_put(c->b, hard);
		report_put(c->b, "*");
		M(T(c, W_REPORT_BEFORE));
		report_put(c->b, "* ");
		md_user(c->b, f.before, hard);
	}
}

/* Under an idea, one line each: its renderings ("*svenska:* text · av Mehret, 18:12"), and its
 * photo as a link into the photo folder beside the session, or why it is not there. */
static void md_idea_more(struct report_ctx *c, const struct idea *d, const char *hard)
{
	size_t n;
	const struct rendering **r = report_renderings_of(c->s, d->id, &n);
	for (size_t i = 0; i < n; i++) {
		struct report_buf t = { 0 };
		report_put(c->b, hard);
		report_put(c->b, "*");
		M(report_lang_name(c, r[i]->lang));
		report_put(c->b, ":* ");
		md_user(c->b, r[i]->text, hard);
		report_rendering_by(c, r[i], &t);
		if (t.data) {
			char *slot = strchr(t.data, REPORT_SLOT);
			report_put(c->b, " · ");
			if (slot) {
				*slot = '\0';
				M(t.data);
				U(r[i]->by);
			}
			M(slot ? slot + 1 : t.data);
		}
		report_buf_free(&t);
	}
	free(r);
	if (!d->photo) return;
	const struct report_photo *p = report_photo_of(c, d->photo);
	struct report_buf t = { 0 };
	report_put(c->b, hard);
	if (p->state != REPORT_PHOTO_OK) {
		report_photo_problem(c, p, d->photo, &t);
		report_put(c->b, "*");
		M(t.data);
		report_put(c->b, "*");
	} else {
		const char *const names[] = { "file" }, *const values[] = { d->photo };
		report_say(c, &t, W_REPORT_PHOTO_FILE, 0, 1, names, values);
		report_put(c->b, "[");
		M(t.data);
		report_put(c->b, "](");
		if (c->o->photo_dir) {   /* a relative link, percent-encoded: the folder's name is the session's */
			for (const unsigned char *u = (const unsigned char *)c->o->photo_dir; *u; u++) {
				if ((*u >= 'A' && *u <= 'Z') || (*u >= 'a' && *u <= 'z') || (*u >= '0' && *u <= '9') || strchr("-._~", *u))
					report_putn(c->b, (const char *)u, 1);
				else
					report_putf(c->b, "%%%02X", *u);
			}
			report_put(c->b, "/");
		}
		report_putf(c->b, "%s)", d->photo);   /* photo_name_valid: hex digits and an ending */
	}
	report_buf_free(&t);
}

static void md_idea(struct report_ctx *c, const struct idea *d, int depth)
{
	const struct session *s = c->s;
	char indent[2 * MERGE_DEPTH + 8];
	int w = 2 * depth;
	memset(indent, ' ', (size_t)w);
	indent[w] = '\0';
	char hard[sizeof indent + 8];
	snprintf(hard, sizeof hard, "\\\n%s  ", indent);   /* a line break inside the item */
	report_putf(c->b, "%s- **#%u** ", indent, d->id);
	if (*d->text || !d->photo) md_user(c->b, d->text, hard);
	else report_putf(c->b, "*%s*", T(c, W_REPORT_PHOTO));
	md_idea_meta(c, d, depth > 0, hard);
	md_idea_more(c, d, hard);
	report_put(c->b, "\n");
	for (size_t i = 0; i < s->n_ideas && depth < MERGE_DEPTH; i++)
		if (report_merged_under(s, &s->ideas[i], d)) md_idea(c, &s->ideas[i], depth + 1);
}

static void md_idea_list(struct report_ctx *c, const struct activity *a, int by_group, uint32_t group)
{
	const struct session *s = c->s;
	for (size_t i = 0; i < s->n_ideas; i++)
		if (report_idea_listed(s, &s->ideas[i], a, by_group, group)) md_idea(c, &s->ideas[i], 0);
	report_put(c->b, "\n");
}

static void md_activity_ideas(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	char t[128];
	if (!report_top_ideas(s, a->id, 0, 0)) {
		report_putf(c->b, "%s\n\n", report_nothing(c, a));
		return;
	}
	if (!report_groups_listed(s, a)) {
		md_idea_list(c, a, 0, 0);
		return;
	}
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (gr->activity != a->id || gr->removed) continue;
		size_t k = report_top_ideas(s, a->id, 1, gr->id);
		report_put(c->b, "### ");
		U(gr->name);
		report_putf(c->b, " (%s)\n\n", TN(c, t, sizeof t, W_REPORT_N_IDEAS, (long)k));
		if (k) md_idea_list(c, a, 1, gr->id);
	}
	size_t loose = report_ungrouped(s, a);
	if (loose) {
		report_putf(c->b, "### %s (%s)\n\n", T(c, W_REPORT_UNGROUPED), TN(c, t, sizeof t, W_REPORT_N_IDEAS, (long)loose));
		md_idea_list(c, a, 1, 0);
	}
}

/* The paper part of a count, beside it: "(varav 4 på papper)" (issue 20). */
static void md_paper_of(struct report_ctx *c, int paper)
{
	if (!paper) return;
	struct report_buf t = { 0 };
	report_paper_of(c, paper, &t);
	report_put(c->b, " (");
	U(t.data ? t.data : "");
	report_put(c->b, ")");
	report_buf_free(&t);
}

/* Every paper batch and correction of a vote or poll, in the order entered. */
static void md_paper_log(struct report_ctx *c, const struct activity *a)
{
	if (!report_paper_any(c->s, a->id)) return;
	report_putf(c->b, "**%s**\n\n", T(c, W_REPORT_PAP_LOG));
	for (size_t i = 0; i < c->s->n_paper; i++) {
		const struct paper_batch *b = &c->s->paper[i];
		if (b->activity != a->id) continue;
		struct report_buf t = { 0 };
		const char *text;
		char num[16];
		report_paper_line(c, a, b, &t);
		report_paper_item(c, a, b->item, &text, num);
		char *slot = t.data ? strchr(t.data, REPORT_SLOT) : NULL;
		if (slot) *slot = '\0';
		report_put(c->b, b->replaced ? "- ~~" : "- ");
		report_put(c->b, t.data ? t.data : "");
		if (slot) {
			U(text);
			report_put(c->b, slot + 1);
		}
		report_put(c->b, b->replaced ? "~~\n" : "\n");
		report_buf_free(&t);
	}
	report_put(c->b, "\n");
}

static void md_activity_vote(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	struct report_vote v;
	struct report_buf t = { 0 };
	report_vote_facts(s, a, &v);
	report_vote_summary(c, a, &v, &t);
	md_text(c, &t);
	report_put(c->b, "\n\n");
	if (v.dots) {
		report_putf(c->b, "| %s | %s | %s | %s |\n|---:|---|---:|---:|\n", T(c, W_REPORT_RANK), report_item_label(c, a),
		            T(c, W_REPORT_DOTS), T(c, W_REPORT_VOTERS));
		for (size_t i = 0; i < v.n && v.rows[i].count; i++) {
			const struct result_row *r = &v.rows[i];
			int tie = report_row_tied(v.rows, v.n, i);
			report_putf(c->b, "| %d%s%s%s | ", r->rank, tie ? " (" : "", tie ? T(c, W_REPORT_TIE) : "", tie ? ")" : "");
			if (!a->on_groups) report_putf(c->b, "#%u ", r->item);
			md_item(c, a, r->item);
			md_item_rendering(c, a, r->item);
			report_putf(c->b, " | %d", r->count);
			md_paper_of(c, r->paper);
			report_putf(c->b, " | %d |\n", r->voters);
		}
		report_put(c->b, "\n");
		if (v.zeros) {   /* what got no dots: by number (ideas) or name (groups) */
			report_no_dots_head(c, a, v.zeros, &t);
			md_text(c, &t);
			for (size_t i = v.n - v.zeros; i < v.n; i++) {
				if (i > v.n - v.zeros) report_put(c->b, ", ");
				if (a->on_groups) U(report_item_text(s, a, v.rows[i].item));
				else report_putf(c->b, "#%u", v.rows[i].item);
			}
			report_put(c->b, ".\n\n");
		}
	}
	if (report_vote_note(c, a, &v, &t)) {
		md_text(c, &t);
		report_put(c->b, "\n\n");
	}
	free(v.rows);
}

static void md_activity_poll(struct report_ctx *c, const struct activity *a)
{
	struct report_poll p;
	struct report_buf t = { 0 };
	report_poll_facts(c->s, a, 1, &p);
	report_poll_summary(c, a, &p, &t);
	md_text(c, &t);
	report_put(c->b, "\n\n");
	if (p.answers) {
		report_putf(c->b, "| %s | %s | %s |\n|---|---:|---:|\n", T(c, W_REPORT_CHOICE), T(c, W_REPORT_ANSWERS), T(c, W_REPORT_SHARE));
		for (size_t i = 0; i < p.n; i++) {
			const struct result_row *r = &p.rows[i];
			report_put(c->b, "| ");
			if (a->poll == POLL_SCALE) report_putf(c->b, "%u", r->item);
			else md_option(c, a, r->item);
			report_putf(c->b, " | %d", r->count);
			md_paper_of(c, r->paper);
			report_putf(c->b, " | %d %% |\n", report_share(r->count, p.answers));
		}
		report_put(c->b, "\n");
		if (a->poll == POLL_MULTI) report_putf(c->b, "%s\n\n", T(c, W_REPORT_MULTI_NOTE));
	}
	free(p.rows);
}

/* A language in a table: its name and code. */
static void md_lang_cell(struct report_ctx *c, const char *code)
{
	M(report_lang_name(c, code));
	if (*code) {
		report_put(c->b, " (");
		M(code);
		report_put(c->b, ")");
	}
}

/* The activity's signals per language, counts only; nothing when nobody gave one. */
static void md_signals(struct report_ctx *c, const struct activity *a)
{
	size_t n;
	const struct signal_count **rows = report_signal_rows(c->s, a->id, &n);
	if (!n) return;
	report_putf(c->b, "### %s\n\n| %s | %s | %s | %s |\n|---|---:|---:|---:|\n", T(c, W_REPORT_SIGNALS),
	            T(c, W_REPORT_LANGUAGE), report_signal_label(c, SIGNAL_INTERPRET), report_signal_label(c, SIGNAL_SLOWER),
	            report_signal_label(c, SIGNAL_UNCLEAR));
	for (size_t i = 0; i < n; i++) {
		report_put(c->b, "| ");
		md_lang_cell(c, rows[i]->lang);
		for (int k = 0; k < SIGNAL_KINDS; k++) report_putf(c->b, " | %d", rows[i]->count[k]);
		report_put(c->b, " |\n");
	}
	report_putf(c->b, "\n%s\n\n", T(c, W_REPORT_SIGNALS_NOTE));
	free(rows);
}

/* Tables and rounds: each table's harvest, or a vote's dots by table (report-html.c's html_by_table). */
static void md_by_table(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	uint32_t max = report_tables_of(s, a);
	char t[128], r[64];
	if (!max) return;
	report_putf(c->b, "### %s\n\n", T(c, W_TBL_BY_TABLE));
	if (a->kind == ACTIVITY_IDEAS) {
		for (uint32_t tb = 0; tb <= max; tb++) {
			size_t k = report_table_ideas(s, a, tb);
			if (!k) continue;
			report_putf(c->b, "#### %s (%s)\n\n", report_table_name(c, tb, r, sizeof r),
			            TN(c, t, sizeof t, W_REPORT_N_IDEAS, (long)k));
			for (size_t i = 0; i < s->n_ideas; i++) {
				const struct idea *d = &s->ideas[i];
				if (d->activity != a->id || d->merged_into || d->table != tb) continue;
				report_putf(c->b, "- #%u ", d->id);
				if (*d->text || !d->photo) U(d->text);
				else report_putf(c->b, "*%s*", T(c, W_REPORT_PHOTO));
				if (d->round) report_putf(c->b, " · %s", report_round_name(c, d->round, r, sizeof r));
				if (d->photo && *d->text) report_putf(c->b, " · *%s*", T(c, W_REPORT_PHOTO));
				if (d->forward) report_putf(c->b, " · **%s**", T(c, W_TBL_FORWARD));
				report_put(c->b, "\n");
			}
			report_put(c->b, "\n");
		}
		return;
	}
	report_putf(c->b, "| %s | %s | %s | %s |\n|---|---:|---:|---|\n", T(c, W_TBL_TABLE), T(c, W_REPORT_DOTS),
	            T(c, W_REPORT_VOTERS), report_item_label(c, a));
	for (uint32_t tb = 0; tb <= max + 1; tb++) {   /* each table, then the whole room in bold */
		size_t n;
		int dots, voters;
		uint32_t which = tb <= max ? tb : REPORT_ALL_TABLES;
		struct result_row *rows = report_table_dots(s, a, which, &n, &dots, &voters);
		if (n && which == REPORT_ALL_TABLES) {
			report_putf(c->b, "| **%s** | **%d** | **%d** | ", T(c, W_TBL_WHOLE_ROOM), dots, voters);
		} else if (n) {
			report_putf(c->b, "| %s | %d | %d | ", report_table_name(c, tb, r, sizeof r), dots, voters);
		}
		if (n) {
			for (size_t i = 0; i < n && i < TOP_ITEMS; i++) {
				report_put(c->b, i ? " · " : "");
				if (!a->on_groups) report_putf(c->b, "#%u ", rows[i].item);
				md_item(c, a, rows[i].item);
				report_putf(c->b, " (%d)", rows[i].count);
			}
			report_put(c->b, " |\n");
		}
		free(rows);
	}
}

/* A screened activity: how many the facilitator approved and rejected, then what the room never
 * saw, each with the reason its author was given (in the report's language) and her note. */
static void md_screened(struct report_ctx *c, const struct activity *a)
{
	struct report_screen f;
	struct report_buf t = { 0 };
	report_screen_facts(c->s, a, &f);
	report_screen_summary(c, &f, &t);
	md_text(c, &t);
	report_put(c->b, "\n\n");
	if (!f.rejected && !f.waiting) return;
	report_putf(c->b, "### %s\n\n", T(c, W_REPORT_SCR_NOT_SHOWN));
	for (size_t i = 0; i < c->s->n_ideas; i++) {
		const struct idea *d = &c->s->ideas[i];
		if (d->activity != a->id || d->status == IDEA_SHOWN) continue;
		report_putf(c->b, "- **#%u** ", d->id);
		if (*d->text || !d->photo) U(d->text);
		else report_putf(c->b, "*%s*", T(c, W_REPORT_PHOTO));
		report_putf(c->b, " · *%s*", d->status == IDEA_WAITING ? T(c, W_REPORT_SCR_WAITING) : report_reject_word(c, d->reject));
		if (d->reject_note) {
			report_putf(c->b, " · %s ", T(c, W_REPORT_SCR_NOTE));
			U(d->reject_note);
		}
		report_put(c->b, "\n");
	}
	report_put(c->b, "\n");
}

static void md_activity(struct report_ctx *c, const struct activity *a, size_t i)
{
	report_putf(c->b, "## %zu. ", i + 1);
	U(a->title);
	report_put(c->b, "\n\n");
	md_activity_kind(c, a);
	report_put(c->b, "> ");
	U(a->prompt);
	report_put(c->b, "\n\n");
	if (a->kind == ACTIVITY_IDEAS) {
		md_activity_ideas(c, a);
		if (a->screened) md_screened(c, a);
	} else if (a->kind == ACTIVITY_VOTE) md_activity_vote(c, a);
	else if (a->kind == ACTIVITY_CONSENT) report_consent_lines(c, a, md_cns_line);
	else if (a->kind == ACTIVITY_ACTIONS) md_activity_actions(c, a);
	else md_activity_poll(c, a);
	if (a->kind == ACTIVITY_VOTE || a->kind == ACTIVITY_POLL) md_paper_log(c, a);
	md_by_table(c, a);
	if (a->moretime_ask) report_moretime_lines(c, a, md_cns_line);
	if (a->kind == ACTIVITY_CONSENT || a->moretime_ask) report_put(c->b, "\n");
	md_signals(c, a);
}

static void md_participation(struct report_ctx *c)
{
	const struct session *s = c->s;
	struct report_tally tl;
	struct report_buf t = { 0 };
	report_tally(s, &tl);
	report_putf(c->b, "## %s\n\n", T(c, W_REPORT_PARTICIPATION));
	report_putf(c->b, "- **%s:** ", T(c, W_REPORT_PARTICIPANTS));
	report_people_count(c, &tl, &t);
	md_text(c, &t);
	report_putf(c->b, "\n- **%s:** ", T(c, W_REPORT_IDEAS));
	report_ideas_count(c, &tl, &t);
	md_text(c, &t);
	report_put(c->b, "\n");
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS || a->kind == ACTIVITY_ACTIONS) continue;
		report_putf(c->b, "- **%s:** ", report_take_part_label(c, a));
		U(a->title);
		report_put(c->b, ": ");
		report_take_part(c, a, &t);
		md_text(c, &t);
		report_put(c->b, "\n");
	}
	struct report_voices vo;
	report_voices(s, &vo);
	if (vo.renderings) {
		report_putf(c->b, "- **%s:** ", T(c, W_REPORT_RENDERINGS));
		report_renderings_count(c, &t);
		md_text(c, &t);
		report_put(c->b, "\n");
	}
	if (vo.photos) report_putf(c->b, "- **%s:** %zu\n", T(c, W_REPORT_PHOTOS), vo.photos);
	if (vo.all_signals) {
		report_putf(c->b, "- **%s:** ", T(c, W_REPORT_SIGNALS));
		report_signals_count(c, &vo, &t);
		md_text(c, &t);
		report_put(c->b, "\n");
	}
	report_putf(c->b, "\n### %s\n\n| %s | %s | %s |\n|---|---:|---:|\n", T(c, W_REPORT_LANGUAGES), T(c, W_REPORT_LANGUAGE),
	            T(c, W_REPORT_PARTICIPANTS), T(c, W_REPORT_IDEAS));
	size_t n;
	struct report_lang_use *u = report_languages(s, &n);
	for (size_t i = 0; i < n; i++) {
		report_put(c->b, "| ");
		md_lang_cell(c, u[i].code);
		report_putf(c->b, " | %d | %d |\n", u[i].people, u[i].ideas);
	}
	if (tl.by_facilitator)
		report_putf(c->b, "| %s | %s | %zu |\n", T(c, W_FACILITATOR), REPORT_NONE, tl.by_facilitator);
	report_put(c->b, "\n");
	if (!c->o->by_language) {   /* off by default, and the report says so */
		report_lang_off(c, &t);
		md_text(c, &t);
		report_put(c->b, "\n\n");
	}
	free(u);
}

/* One vote's dots per item, or one poll's answers per choice, by language group. */
static void md_lang_results(struct report_ctx *c, const struct activity *a, const struct report_lang_groups *lg)
{
	size_t n;
	struct result_row *rows = report_lang_rows(c->s, a, &n);
	int total;
	int *counts = report_lang_counts(c->s, a, lg, rows, n, &total);
	if (total) {
		report_put(c->b, "#### ");
		U(a->title);
		report_putf(c->b, "\n\n| %s |", a->kind == ACTIVITY_VOTE ? report_item_label(c, a) : T(c, W_REPORT_CHOICE));
		for (size_t j = 0; j < lg->n; j++) {
			report_put(c->b, " ");
			M(report_lang_group_label(c, &lg->g[j]));
			report_put(c->b, " |");
		}
		report_put(c->b, "\n|---|");
		for (size_t j = 0; j < lg->n; j++) report_put(c->b, "---:|");
		report_put(c->b, "\n");
		for (size_t k = 0; k < n; k++) {
			report_put(c->b, "| ");
			if (a->kind == ACTIVITY_VOTE) {
				if (!a->on_groups) report_putf(c->b, "#%u ", rows[k].item);
				md_item(c, a, rows[k].item);
			} else if (a->poll == POLL_SCALE) {
				report_putf(c->b, "%u", rows[k].item);
			} else {
				md_option(c, a, rows[k].item);
			}
			report_put(c->b, " |");
			for (size_t j = 0; j < lg->n; j++) report_putf(c->b, " %d |", counts[k * lg->n + j]);
			report_put(c->b, "\n");
		}
		report_put(c->b, "\n");
	}
	free(counts);
	free(rows);
}

/* `--by-language` (report-html.c's html_by_language). */
static void md_by_language(struct report_ctx *c)
{
	const struct session *s = c->s;
	struct report_lang_groups lg;
	struct report_buf t = { 0 };
	char ib[32], db[32];
	report_lang_groups(s, &lg);
	report_putf(c->b, "## %s\n\n", T(c, W_REPORT_LANG_TITLE));
	report_lang_rule(c, &t);
	md_text(c, &t);
	report_put(c->b, "\n\n");
	if (lg.left_out) {
		report_lang_left_out(c, &t);
		md_text(c, &t);
		report_put(c->b, "\n\n");
	}
	if (lg.n) {
		report_putf(c->b, "### %s\n\n| %s | %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|---:|\n",
		            T(c, W_REPORT_LANG_EQUITY), T(c, W_REPORT_LANG_GROUP), T(c, W_REPORT_PARTICIPANTS),
		            T(c, W_REPORT_IDEAS), T(c, W_REPORT_LANG_IDEAS_PER), T(c, W_REPORT_DOTS), T(c, W_REPORT_LANG_DOTS_PER));
		for (size_t j = 0; j < lg.n; j++) {
			const struct report_lang_group *g = &lg.g[j];
			report_put(c->b, "| ");
			if (g->code) md_lang_cell(c, g->code);
			else M(T(c, W_REPORT_LANG_MERGED));
			report_putf(c->b, " | %d | %d | %s | %d | %s |\n", g->people, g->ideas,
			            report_lang_ratio(c, g->ideas, g->people, ib, sizeof ib), g->dots,
			            report_lang_ratio(c, g->dots, g->people, db, sizeof db));
		}
		report_put(c->b, "\n");
		int any = 0;
		for (size_t i = 0; i < s->n_activities; i++) {
			const struct activity *a = &s->activities[i];
			if (a->kind != ACTIVITY_VOTE && a->kind != ACTIVITY_POLL) continue;
			if (!any) report_putf(c->b, "### %s\n\n", T(c, W_REPORT_LANG_RESULTS));
			any = 1;
			md_lang_results(c, a, &lg);
		}
	}
	report_lang_groups_free(&lg);
}

static void md_moderation(struct report_ctx *c)
{
	const struct session *s = c->s;
	report_putf(c->b, "### %s\n\n", T(c, W_REPORT_MODERATION));
	if (!s->n_log) {
		report_putf(c->b, "%s\n\n", T(c, W_REPORT_NO_MODERATION));
		return;
	}
	report_putf(c->b, "| %s | %s | %s |\n|---:|---|---|\n", T(c, W_REPORT_TIME), T(c, W_REPORT_ACTION), T(c, W_REPORT_IDEA));
	for (size_t i = 0; i < s->n_log; i++) {
		const struct mod_entry *m = &s->log[i];
		char tt[48];
		report_putf(c->b, "| %s | %s | #%u ", report_clock_at(c, m->at_ms, tt, sizeof tt), report_mod_action(c, m),
		            m->idea);
		if (m->kind == MOD_EDIT) {
			report_putf(c->b, "%s ", T(c, W_REPORT_LOG_BEFORE));
			U(m->before ? m->before : "");
			report_putf(c->b, "; %s ", T(c, W_REPORT_AFTER));
			U(m->after ? m->after : "");
		} else {
			md_idea_text(c, m->idea);
		}
		if (m->kind == MOD_MERGE) {
			report_putf(c->b, " %s #%u ", T(c, W_REPORT_INTO), m->other);
			md_idea_text(c, m->other);
		}
		if (m->kind == MOD_REJECT) {   /* the reason, as its author read it */
			const struct idea *d = session_idea(c->s, m->idea);
			report_putf(c->b, " · %s", report_reject_word(c, d ? d->reject : 0));
		}
		report_put(c->b, " |\n");
	}
	report_put(c->b, "\n");
}

static void md_timeline(struct report_ctx *c)
{
	struct report_timeline tl;
	report_timeline_build(c->s, &tl);
	report_putf(c->b, "## %s\n\n", T(c, W_REPORT_TIMELINE));
	if (!tl.n) {
		report_putf(c->b, "%s\n\n", T(c, W_REPORT_NO_TIMELINE));
	} else {
		char t[128];
		report_putf(c->b, "| %s | %s |\n|---:|---:|\n", T(c, W_REPORT_TIME),
		            TN(c, t, sizeof t, W_REPORT_IDEAS_PER, tl.bucket_min));
		for (size_t i = 0; i < tl.n; i++) {
			char tt[48];
			report_putf(c->b, "| %s | %d |\n",
			            report_clock_at(c, tl.start_ms + tl.bucket_ms * (int64_t)i, tt, sizeof tt), tl.counts[i]);
		}
		report_put(c->b, "\n");
	}
	free(tl.counts);
	md_moderation(c);
}

static void md_people(struct report_ctx *c)
{
	const struct session *s = c->s;
	if (!report_people_shown(c)) return;
	report_putf(c->b, "## %s\n\n| %s | %s | %s | %s | %s | %s |\n|---:|---|---|---:|---:|---:|\n", T(c, W_REPORT_PEOPLE),
	            T(c, W_REPORT_NR), T(c, W_REPORT_NAME), T(c, W_REPORT_LANGUAGE), T(c, W_REPORT_JOINED), T(c, W_REPORT_IDEAS), T(c, W_REPORT_DOTS));
	for (size_t i = 0; i < s->n_participants; i++) {
		const struct participant *p = &s->participants[i];
		char tt[48];
		report_putf(c->b, "| %u | ", p->id);
		if (*p->name) U(p->name);
		else M(REPORT_NONE);
		if (p->proxy) report_putf(c->b, " (%s)", T(c, W_REPORT_PROXY));
		report_putf(c->b, " | %s | %s | %d | %d |\n", report_lang_name(c, p->lang),
		            report_clock_at(c, p->joined_ms, tt, sizeof tt), report_participant_ideas(s, p->id),
		            report_participant_dots(s, p->id));
	}
	report_put(c->b, "\n");
}

static void md_foot(struct report_ctx *c)
{
	report_putf(c->b, "---\n\n%s", T(c, W_REPORT_MADE_BY));
	if (report_source(c)) {
		report_putf(c->b, " %s ", T(c, W_REPORT_SOURCE));
		U(report_source(c));
	}
	report_put(c->b, "\n");
}

void report_md(struct report_ctx *c)
{
	const struct session *s = c->s;
	md_head(c);
	md_agenda(c);
	md_brief(c);
	for (size_t i = 0; i < s->n_activities; i++) md_activity(c, &s->activities[i], i);
	md_participation(c);
	if (c->o->by_language) md_by_language(c);
	md_timeline(c);
	md_people(c);
	md_foot(c);
}
