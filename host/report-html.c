/* report-html.c: the report as one self-contained HTML page that prints on A4, built of the
 * parts in report-html-page.c (the style sheet, tables, bars, user text). Markup only: what it
 * shows comes from the facts in report.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report-int.h"
#include "util.h"

#define H(x) report_put_html(c->b, (x))
#define HC(x) report_html_clean(c->b, (x))

/* User text where no element can go (<title>): isolated with FSI ... PDI, then escaped. */
static void html_isolate(struct report_buf *b, const char *s)
{
	char *t = utf8_bidi_isolate(s);
	report_put_html(b, t);
	free(t);
}

/* A sentence of the facts' (labels and numbers), escaped; frees t. */
void report_html_text(struct report_ctx *c, struct report_buf *t)
{
	if (t->data) H(t->data);
	report_buf_free(t);
}

/* Option i of a (a category or a poll's choice): its pictogram, then its text. */
void report_html_option(struct report_ctx *c, const struct activity *a, size_t i)
{
	const char *p = report_picto(a, i);
	if (*p) {
		report_put(c->b, "<span class=\"picto\" aria-hidden=\"true\">");
		H(p);
		report_put(c->b, "</span> ");
	}
	report_put(c->b, "<bdi>");
	HC(i < a->n_options ? a->options[i] : "");
	report_put(c->b, "</bdi>");
}

/* The word for a photo, where a list shows an idea that is a photo alone. */
void report_html_photo_word(struct report_ctx *c)
{
	report_put(c->b, "<span class=\"photo-word\">");
	H(T(c, W_REPORT_PHOTO));
	report_put(c->b, "</span>");
}

/* A vote's item in a list: its text, or the word for a photo. */
void report_html_item(struct report_ctx *c, const struct activity *a, uint32_t item)
{
	if (report_item_photo_only(c->s, a, item)) {
		report_html_photo_word(c);
	} else {
		report_put(c->b, "<bdi>");
		HC(report_item_text(c->s, a, item));
		report_put(c->b, "</bdi>");
	}
}

/* Under an idea in a list, its rendering in the report's language or the meeting's, so that
 * staff can read what was voted on; nothing when it has none. */
void report_html_item_rendering(struct report_ctx *c, const struct activity *a, uint32_t item)
{
	const struct rendering *r = a->on_groups ? NULL : report_rendering_brief(c, item);
	if (r) {
		report_put(c->b, " <span class=\"rb\"><span class=\"lang\">");
		H(report_lang_name(c, r->lang));
		report_putf(c->b, ":</span> <bdi lang=\"%s\">", r->lang);
		HC(r->text);
		report_put(c->b, "</bdi></span>");
	}
}

/* The page's head and the report's: title, date, time, counts, the zone. */
static void html_head(struct report_ctx *c)
{
	const struct session *s = c->s;
	char date[64], dur[64], t1[48], t2[48];
	struct report_buf t = { 0 };
	report_date(c->w, c->first, date, sizeof date);
	report_duration(c->w, c->last - c->first, dur, sizeof dur);
	report_html_root(c->b, c->w);
	report_put(c->b, "<head>\n<meta charset=\"utf-8\">\n"
	                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_isolate(c->b, s->title);
	report_put(c->b, " – ");
	H(T(c, W_REPORT_REPORT));
	report_put(c->b, "</title>\n<style>\n");
	report_put(c->b, report_html_css);
	report_put(c->b, "</style>\n</head>\n<body>\n");
	report_put(c->b, "<header>\n<p class=\"kicker\">");
	H(T(c, W_REPORT_KICKER));
	report_put(c->b, "</p>\n<h1><bdi class=\"par\">");
	HC(s->title);
	report_put(c->b, "</bdi></h1>\n<dl class=\"facts\">\n<dt>");
	H(T(c, W_REPORT_DATE));
	report_put(c->b, "</dt><dd>");
	H(date);
	report_put(c->b, "</dd>\n<dt>");
	H(T(c, W_REPORT_TIME));
	report_putf(c->b, "</dt><dd>%s–%s (", report_clock_at(c, c->first, t1, sizeof t1),
	            report_clock_at(c, c->last, t2, sizeof t2));
	H(dur);
	report_put(c->b, ", ");
	H(T(c, W_REPORT_SPAN_NOTE));
	report_put(c->b, ")</dd>\n<dt>");
	H(T(c, W_REPORT_PARTICIPANTS));
	report_putf(c->b, "</dt><dd>%zu</dd>\n<dt>", s->n_participants);
	H(T(c, W_REPORT_IDEAS));
	report_putf(c->b, "</dt><dd>%zu</dd>\n</dl>\n<p class=\"note\">", s->n_ideas);
	report_zone_note(c, &t);
	report_html_text(c, &t);
	if (c->o->anonymise) {
		report_put(c->b, " ");
		H(T(c, W_REPORT_ANONYMISED));
	}
	report_put(c->b, "</p>\n</header>\n");
}

static void html_agenda(struct report_ctx *c)
{
	const struct session *s = c->s;
	report_put(c->b, "<section class=\"agenda\">\n<h2>");
	H(T(c, W_REPORT_AGENDA));
	report_put(c->b, "</h2>\n<ol class=\"agenda\">\n");
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		struct report_buf t = { 0 };
		report_put(c->b, "<li><bdi class=\"t\">");
		HC(a->title);
		report_put(c->b, "</bdi> <span class=\"k\">");
		H(report_kind_label(c, a));
		report_put(c->b, " · ");
		report_agenda_count(c, a, &t);
		report_html_text(c, &t);
		if (a->phase == PHASE_PREPARED) {
			report_put(c->b, " · ");
			H(T(c, W_REPORT_PHASE_PREPARED));
		}
		report_put(c->b, "</span><bdi class=\"p\">");
		HC(a->prompt);
		report_put(c->b, "</bdi></li>\n");
	}
	report_put(c->b, "</ol>\n</section>\n");
}

/* The first ranks of a vote: "1. text (9 prickar)", shared ranks included up to a few items. */
void report_html_vote_top(struct report_ctx *c, const struct activity *a)
{
	struct report_vote v;
	char t[128];
	report_vote_facts(c->s, a, &v);
	if (!v.dots) {
		report_put(c->b, "<p class=\"note\">");
		H(report_brief_nothing(c, a));
		report_put(c->b, "</p>\n");
	} else {
		report_put(c->b, "<ol class=\"top\">\n");
		for (size_t k = 0, top = report_vote_top(v.rows, v.n); k < top; k++) {
			report_putf(c->b, "<li><span class=\"rank\">%d.</span> ", v.rows[k].rank);
			report_html_item(c, a, v.rows[k].item);
			report_putf(c->b, " <span class=\"note\">(%s)</span>", TN(c, t, sizeof t, W_REPORT_N_DOTS, v.rows[k].count));
			report_html_item_rendering(c, a, v.rows[k].item);
			report_put(c->b, "</li>\n");
		}
		report_put(c->b, "</ol>\n");
	}
	free(v.rows);
}

/* The poll's most chosen answers ("Lördag förmiddag: 5 av 10 svar"), or its mean on a scale. */
static void html_poll_top(struct report_ctx *c, const struct activity *a)
{
	struct report_poll p;
	struct report_buf t = { 0 };
	report_poll_facts(c->s, a, 0, &p);
	if (!p.answers) {
		report_put(c->b, "<p class=\"note\">");
		H(report_brief_nothing(c, a));
		report_put(c->b, "</p>\n");
	} else if (a->poll == POLL_SCALE) {
		report_put(c->b, "<ol class=\"top\">\n<li>");
		report_poll_mean(c, &p, &t);
		report_html_text(c, &t);
		report_put(c->b, " <span class=\"note\">(");
		report_say(c, &t, W_REPORT_N_ANSWERS, p.answers, 0, NULL, NULL);
		report_html_text(c, &t);
		report_put(c->b, ")</span></li>\n</ol>\n");
	} else {
		report_put(c->b, "<ol class=\"top\">\n");
		for (size_t k = 0, top = report_poll_top(p.rows, p.n); k < top; k++) {
			report_put(c->b, "<li>");
			report_html_option(c, a, p.rows[k].item);
			report_put(c->b, " <span class=\"note\">(");
			report_answer_share(c, p.rows[k].count, p.answers, &t);
			report_html_text(c, &t);
			report_put(c->b, ")</span></li>\n");
		}
		report_put(c->b, "</ol>\n");
	}
	free(p.rows);
}

/* ---- consent rounds, need more time (issue 19): lines of report-consent.c ---- */
static void html_cns_line(struct report_ctx *c, enum report_cns_line kind, const char *text)
{
	static const char *const cls[] = { "cns-round", "cns-counts", "cns-reasons", "cns-reason", "cns-moretime",
	                                   "cns-progress" };
	report_putf(c->b, "<p class=\"%s\"><bdi>", cls[kind]);
	HC(text);
	report_put(c->b, "</bdi></p>\n");
}

static void html_consent_top(struct report_ctx *c, const struct activity *a)
{
	struct report_buf t = { 0 };
	report_consent_counts(c, a, &t);
	html_cns_line(c, REPORT_CNS_COUNTS, t.data ? t.data : "");
	report_buf_free(&t);
}

/* ---- actions (issue 20) ---- */
/* A status in its colour, as on the board and the phones: planned blue, started orange, done
 * green, dropped grey (inline: the page's style sheet stays as it was for older reports). */
static void html_action_status(struct report_ctx *c, enum action_status st)
{
	static const char *const colour[ACTION_STATUSES] = { "#1f5fa8", "#9a4e0c", "#1e7a46", "#5f666e" };
	report_putf(c->b, "<span class=\"act-status act-%s\" style=\"color:%s;font-weight:600%s\">",
	            session_action_status_name(st), colour[(unsigned)st < ACTION_STATUSES ? st : 0],
	            st == ACTION_DROPPED ? ";text-decoration:line-through" : "");
	H(report_action_status_label(c, st));
	report_put(c->b, "</span>");
}

static void html_actions_top(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	report_put(c->b, "<ul class=\"actions\">\n");
	for (size_t i = 0; i < s->n_actions; i++) {
		const struct action *x = &s->actions[i];
		if (x->activity != a->id) continue;
		report_put(c->b, "<li><bdi>");
		HC(x->text);
		report_put(c->b, "</bdi> · <bdi>");
		if (*x->who) HC(x->who);
		else H(T(c, W_BOARD_ACT_NOBODY));
		report_put(c->b, "</bdi>");
		if (*x->due) report_putf(c->b, " · %s", x->due);
		report_put(c->b, " · ");
		html_action_status(c, x->status);
		report_put(c->b, "</li>\n");
	}
	report_put(c->b, "</ul>\n");
}

static void html_activity_actions(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	int any = 0;
	for (size_t i = 0; i < s->n_actions; i++) {
		const struct action *x = &s->actions[i];
		if (x->activity != a->id) continue;
		if (!any++) {
			const struct report_col cols[] = { { T(c, W_REPORT_ACT_NR), "num" }, { T(c, W_BOARD_ACT_ACTION), NULL },
			                                   { T(c, W_REPORT_ACT_FROM), NULL }, { T(c, W_BOARD_ACT_WHO), NULL },
			                                   { T(c, W_BOARD_ACT_DUE), NULL }, { T(c, W_BOARD_ACT_STATUS), NULL },
			                                   { T(c, W_REPORT_ACT_NOTE), NULL }, { T(c, W_REPORT_ACT_CHANGES), "num" } };
			report_html_table(c->b, "actions", cols, NELEM(cols));
		}
		report_putf(c->b, "<tr><td class=\"num\">%u</td><td><bdi>", x->id);
		HC(x->text);
		report_put(c->b, "</bdi></td><td><bdi>");
		HC(report_action_from(s, x));
		report_put(c->b, "</bdi></td><td><bdi>");
		HC(x->who);
		report_putf(c->b, "</bdi></td><td style=\"white-space:nowrap\">%s</td><td>", x->due);
		html_action_status(c, x->status);
		report_put(c->b, "</td><td><bdi>");
		if (x->note) HC(x->note);
		report_putf(c->b, "</bdi></td><td class=\"num\">%zu</td></tr>\n", report_action_changes(s, x->id));
	}
	if (any) report_put(c->b, "</tbody>\n</table>\n");
	else {
		report_put(c->b, "<p class=\"note\">");
		H(T(c, W_BOARD_ACT_NONE));
		report_put(c->b, "</p>\n");
	}
}

/* On the first page: what the votes and polls came to. */
static void html_brief(struct report_ctx *c)
{
	const struct session *s = c->s;
	int any = 0;
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS) continue;
		if (!any) {
			report_put(c->b, "<section class=\"brief\">\n<h2>");
			H(T(c, W_REPORT_BRIEF));
			report_put(c->b, "</h2>\n");
		}
		any = 1;
		report_putf(c->b, "<h3><a class=\"no\" href=\"#activity-%u\">%zu.</a> <bdi>", a->id, i + 1);
		HC(a->title);
		report_put(c->b, "</bdi></h3>\n");
		if (a->kind == ACTIVITY_VOTE) report_html_vote_top(c, a);
		else if (a->kind == ACTIVITY_CONSENT) html_consent_top(c, a);
		else if (a->kind == ACTIVITY_ACTIONS) html_actions_top(c, a);
		else html_poll_top(c, a);
	}
	if (any) report_put(c->b, "</section>\n");
}

/* "Idéinsamling · stängd · Kategorier: ..." under an activity's heading. */
static void html_activity_kind(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	struct report_buf t = { 0 };
	report_put(c->b, "<p class=\"kind\">");
	if (a->kind != ACTIVITY_VOTE) H(report_kind_label(c, a));
	if (a->kind == ACTIVITY_POLL) {
		report_put(c->b, " (");
		H(report_poll_label(c, a->poll));
		report_put(c->b, ")");
	}
	if (a->kind == ACTIVITY_VOTE) {
		const struct activity *src = session_activity(s, a->source);
		report_vote_source(c, a, &t);
		char *slot = strchr(t.data, REPORT_SLOT);
		if (slot) {
			*slot = '\0';
			H(t.data);
			report_putf(c->b, "%u. <bdi>", a->source);
			HC(src ? src->title : "");
			report_put(c->b, "</bdi>");
		}
		H(slot ? slot + 1 : t.data);
		report_buf_free(&t);
		report_put(c->b, " · ");
		report_vote_rules(c, a, &t);
		report_html_text(c, &t);
		if (a->live) {
			report_put(c->b, " · ");
			H(T(c, W_REPORT_LIVE));
		}
	}
	if (a->kind == ACTIVITY_IDEAS && a->silent) {
		report_put(c->b, " · ");
		H(T(c, W_REPORT_SILENT));
	}
	report_put(c->b, " · ");
	H(report_phase_label(c, a->phase));
	if (a->kind == ACTIVITY_IDEAS && a->n_options) {
		report_put(c->b, " · ");
		H(T(c, W_REPORT_CATEGORIES));
		report_put(c->b, ": ");
		for (size_t i = 0; i < a->n_options; i++) {
			if (i) report_put(c->b, ", ");
			report_html_option(c, a, i);
		}
	}
	report_put(c->b, "</p>\n");
}

/* "18:07 · Information · Anna" under an idea, its flags, and its text before. */
static void html_idea_meta(struct report_ctx *c, const struct idea *d, int as_child)
{
	struct report_idea f;
	char t[48];
	report_idea_facts(c, d, as_child, &f);
	report_put(c->b, "<p class=\"meta\">");
	report_put(c->b, report_clock_at(c, d->created_ms, t, sizeof t));
	if (f.category) {
		report_put(c->b, " · ");
		report_html_option(c, session_activity(c->s, d->activity), (size_t)d->category);
	}
	if (f.by_facilitator) {   /* a badge, not a word: no participant's text can make an element */
		report_put(c->b, " · <span class=\"badge facilitator\">");
		H(T(c, W_FACILITATOR));
		report_put(c->b, "</span>");
	} else {
		if (f.name) {
			report_put(c->b, " · <bdi>");
			HC(f.name);
			report_put(c->b, "</bdi>");
		}
		if (f.proxy) {
			report_put(c->b, f.name ? " (" : " · ");
			H(T(c, W_REPORT_PROXY));
			if (f.name) report_put(c->b, ")");
		}
	}
	if (d->table) {   /* tables and rounds: where and when it was written, and the table's pick */
		report_put(c->b, " · ");
		H(report_table_name(c, d->table, t, sizeof t));
	}
	if (d->round) {
		report_put(c->b, " · ");
		H(report_round_name(c, d->round, t, sizeof t));
		if (*report_round_title(c->s, d)) {
			report_put(c->b, ": <bdi>");
			HC(report_round_title(c->s, d));
			report_put(c->b, "</bdi>");
		}
	}
	if (d->forward) {
		report_put(c->b, " <span class=\"flag forward\">");
		H(T(c, W_TBL_FORWARD));
		report_put(c->b, "</span>");
	}
	static const char *const flag_class[] = { "merged", "hidden", "edited", "interpret" };
	struct report_flag flags[REPORT_FLAGS];
	for (size_t i = 0, n = report_idea_flags(c, &f, flags); i < n; i++) {
		report_putf(c->b, " <span class=\"flag %s\">", flag_class[flags[i].kind]);
		H(flags[i].text);
		report_put(c->b, "</span>");
	}
	report_put(c->b, "</p>\n");
	if (f.before) {
		report_put(c->b, "<p class=\"before\">");
		H(T(c, W_REPORT_BEFORE));
		report_put(c->b, " <bdi>");
		HC(f.before);
		report_put(c->b, "</bdi></p>\n");
	}
}

/* An idea's renderings under its text: "svenska  text  av Mehret, 18:12", each isolated. */
static void html_renderings(struct report_ctx *c, const struct idea *d)
{
	size_t n;
	const struct rendering **r = report_renderings_of(c->s, d->id, &n);
	if (!n) return;
	report_put(c->b, "<ul class=\"renderings\">\n");
	for (size_t i = 0; i < n; i++) {
		struct report_buf t = { 0 };
		report_put(c->b, "<li><span class=\"lang\">");
		H(report_lang_name(c, r[i]->lang));
		report_putf(c->b, "</span> <bdi lang=\"%s\">", r[i]->lang);
		HC(r[i]->text);
		report_put(c->b, "</bdi>");
		report_rendering_by(c, r[i], &t);
		if (t.data) {
			char *slot = strchr(t.data, REPORT_SLOT);
			report_put(c->b, " <span class=\"by\">");
			if (slot) {
				*slot = '\0';
				H(t.data);
				report_put(c->b, "<bdi>");
				HC(r[i]->by);
				report_put(c->b, "</bdi>");
			}
			H(slot ? slot + 1 : t.data);
			report_put(c->b, "</span>");
		}
		report_buf_free(&t);
		report_put(c->b, "</li>\n");
	}
	report_put(c->b, "</ul>\n");
	free(r);
}

/* An idea's photo, embedded as a data: URI (the page stays one file), or why it is not there. */
static void html_photo(struct report_ctx *c, const struct idea *d)
{
	const struct report_photo *p = report_photo_of(c, d->photo);
	if (p->state != REPORT_PHOTO_OK) {
		struct report_buf t = { 0 };
		report_put(c->b, "<p class=\"photo-missing\">");
		report_photo_problem(c, p, d->photo, &t);
		report_html_text(c, &t);
		report_put(c->b, "</p>\n");
		return;
	}
	report_putf(c->b, "<figure class=\"photo\"><img class=\"photo\" src=\"data:%s;base64,", p->mime);
	report_put_base64(c->b, p->data, p->len);
	report_put(c->b, "\"");
	if (d->photo_w > 0 && d->photo_h > 0) report_putf(c->b, " width=\"%d\" height=\"%d\"", d->photo_w, d->photo_h);
	report_put(c->b, " alt=\"");
	HC(*d->text ? d->text : T(c, W_REPORT_PHOTO));
	report_put(c->b, "\"></figure>\n");
}

static void html_idea(struct report_ctx *c, const struct idea *d, int depth)
{
	const struct session *s = c->s;
	report_putf(c->b, "<li class=\"idea%s\" id=\"idea-%u\"><span class=\"no\">#%u</span><div>\n",
	            d->hidden ? " hidden" : "", d->id, d->id);
	if (*d->text || !d->photo) {
		report_put(c->b, "<p class=\"text\"><bdi class=\"par\">");
		HC(d->text);
		report_put(c->b, "</bdi></p>\n");
	}
	html_renderings(c, d);
	if (d->photo) html_photo(c, d);
	html_idea_meta(c, d, depth > 0);
	int opened = 0;
	for (size_t i = 0; i < s->n_ideas && depth < MERGE_DEPTH; i++) {
		if (!report_merged_under(s, &s->ideas[i], d)) continue;
		if (!opened) report_put(c->b, "<ul class=\"merged\">\n");
		opened = 1;
		html_idea(c, &s->ideas[i], depth + 1);
	}
	if (opened) report_put(c->b, "</ul>\n");
	report_put(c->b, "</div></li>\n");
}

static void html_idea_list(struct report_ctx *c, const struct activity *a, int by_group, uint32_t group)
{
	const struct session *s = c->s;
	report_put(c->b, "<ul class=\"ideas\">\n");
	for (size_t i = 0; i < s->n_ideas; i++)
		if (report_idea_listed(s, &s->ideas[i], a, by_group, group)) html_idea(c, &s->ideas[i], 0);
	report_put(c->b, "</ul>\n");
}

static void html_activity_ideas(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	char t[128];
	if (!report_top_ideas(s, a->id, 0, 0)) {
		report_put(c->b, "<p class=\"summary\">");
		H(report_nothing(c, a));
		report_put(c->b, "</p>\n");
		return;
	}
	if (!report_groups_listed(s, a)) {
		html_idea_list(c, a, 0, 0);
		return;
	}
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (gr->activity != a->id || gr->removed) continue;
		size_t k = report_top_ideas(s, a->id, 1, gr->id);
		report_put(c->b, "<h3><bdi>");
		HC(gr->name);
		report_putf(c->b, "</bdi> <span class=\"count\">(%s)</span></h3>\n", TN(c, t, sizeof t, W_REPORT_N_IDEAS, (long)k));
		if (k) html_idea_list(c, a, 1, gr->id);
	}
	size_t loose = report_ungrouped(s, a);
	if (loose) {
		report_put(c->b, "<h3>");
		H(T(c, W_REPORT_UNGROUPED));
		report_putf(c->b, " <span class=\"count\">(%s)</span></h3>\n", TN(c, t, sizeof t, W_REPORT_N_IDEAS, (long)loose));
		html_idea_list(c, a, 1, 0);
	}
}

/* The paper part of a count, under it: "varav 4 på papper" (issue 20). */
static void html_paper_of(struct report_ctx *c, int paper)
{
	if (!paper) return;
	struct report_buf t = { 0 };
	report_paper_of(c, paper, &t);
	report_put(c->b, "<br><span class=\"note paper\">");
	H(t.data ? t.data : "");
	report_put(c->b, "</span>");
	report_buf_free(&t);
}

/* Every paper batch and correction of a vote or poll, in the order entered. */
static void html_paper_log(struct report_ctx *c, const struct activity *a)
{
	if (!report_paper_any(c->s, a->id)) return;
	report_put(c->b, "<h3>");
	H(T(c, W_REPORT_PAP_LOG));
	report_put(c->b, "</h3>\n<ul class=\"paper-log\">\n");
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
		report_put(c->b, b->replaced ? "<li><s>" : "<li>");
		H(t.data ? t.data : "");
		if (slot) {
			report_put(c->b, "<bdi>");
			HC(text);
			report_put(c->b, "</bdi>");
			H(slot + 1);
		}
		report_put(c->b, b->replaced ? "</s></li>\n" : "</li>\n");
		report_buf_free(&t);
	}
	report_put(c->b, "</ul>\n");
}

static void html_activity_vote(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	struct report_vote v;
	struct report_buf t = { 0 };
	report_vote_facts(s, a, &v);
	report_put(c->b, "<p class=\"summary\">");
	report_vote_summary(c, a, &v, &t);
	report_html_text(c, &t);
	report_put(c->b, "</p>\n");
	if (v.n && v.dots) {
		int max = v.rows[0].count;
		const struct report_col cols[] = { { T(c, W_REPORT_RANK), "rank" }, { report_item_label(c, a), NULL },
		                                   { T(c, W_REPORT_DOTS), "num" }, { T(c, W_REPORT_VOTERS), "num" },
		                                   { T(c, W_REPORT_CHART), "bar" } };
		report_html_table(c->b, "results", cols, NELEM(cols));
		for (size_t i = 0; i < v.n && v.rows[i].count; i++) {
			const struct result_row *r = &v.rows[i];
			report_putf(c->b, "<tr><td class=\"rank\">%d", r->rank);
			if (report_row_tied(v.rows, v.n, i)) {
				report_put(c->b, " <span class=\"tie\">");
				H(T(c, W_REPORT_TIE));
				report_put(c->b, "</span>");
			}
			report_put(c->b, "</td><td>");
			if (!a->on_groups) report_putf(c->b, "<span class=\"no\">#%u</span> ", r->item);
			report_html_item(c, a, r->item);
			report_html_item_rendering(c, a, r->item);
			report_putf(c->b, "</td><td class=\"num\">%d", r->count);
			html_paper_of(c, r->paper);
			report_putf(c->b, "</td><td class=\"num\">%d</td>", r->voters);
			if (r->paper) report_html_bar_paper(c, r->count, r->paper, max);
			else report_html_bar(c, r->count, max);
			report_put(c->b, "</tr>\n");
		}
		report_put(c->b, "</tbody>\n</table>\n");
		if (v.zeros) {   /* what got no dots: by number (ideas) or name (groups), not a table row each */
			report_put(c->b, "<p class=\"summary\">");
			report_no_dots_head(c, a, v.zeros, &t);
			report_html_text(c, &t);
			for (size_t i = v.n - v.zeros; i < v.n; i++) {
				if (i > v.n - v.zeros) report_put(c->b, ", ");
				if (a->on_groups) {
					report_put(c->b, "<bdi>");
					HC(report_item_text(s, a, v.rows[i].item));
					report_put(c->b, "</bdi>");
				} else {
					report_putf(c->b, "<a class=\"no\" href=\"#idea-%u\">#%u</a>", v.rows[i].item, v.rows[i].item);
				}
			}
			report_put(c->b, ".</p>\n");
		}
	}
	if (report_vote_note(c, a, &v, &t)) {
		report_put(c->b, "<p class=\"note\">");
		report_html_text(c, &t);
		report_put(c->b, "</p>\n");
	}
	free(v.rows);
}

static void html_activity_poll(struct report_ctx *c, const struct activity *a)
{
	struct report_poll p;
	struct report_buf t = { 0 };
	report_poll_facts(c->s, a, 1, &p);
	report_put(c->b, "<p class=\"summary\">");
	report_poll_summary(c, a, &p, &t);
	report_html_text(c, &t);
	report_put(c->b, "</p>\n");
	if (p.answers) {
		const struct report_col cols[] = { { T(c, W_REPORT_CHOICE), NULL }, { T(c, W_REPORT_ANSWERS), "num" },
		                                   { T(c, W_REPORT_SHARE), "num" }, { T(c, W_REPORT_CHART), "bar" } };
		report_html_table(c->b, "results", cols, NELEM(cols));
		for (size_t i = 0; i < p.n; i++) {
			const struct result_row *r = &p.rows[i];
			report_putf(c->b, "<tr%s><td>", r->count ? "" : " class=\"zero\"");
			if (a->poll == POLL_SCALE) {
				report_putf(c->b, "%u", r->item);
			} else {
				report_html_option(c, a, r->item);
			}
			report_putf(c->b, "</td><td class=\"num\">%d", r->count);
			html_paper_of(c, r->paper);
			report_putf(c->b, "</td><td class=\"num\">%d&#160;%%</td>", report_share(r->count, p.answers));
			if (r->paper) report_html_bar_paper(c, r->count, r->paper, p.max);
			else report_html_bar(c, r->count, p.max);
			report_put(c->b, "</tr>\n");
		}
		report_put(c->b, "</tbody>\n</table>\n");
		if (a->poll == POLL_MULTI) {
			report_put(c->b, "<p class=\"note\">");
			H(T(c, W_REPORT_MULTI_NOTE));
			report_put(c->b, "</p>\n");
		}
	}
	free(p.rows);
}

/* A language in a table: its name, and its code in parentheses. */
void report_html_lang_cell(struct report_ctx *c, const char *code)
{
	H(report_lang_name(c, code));
	if (*code) {
		report_put(c->b, " <span class=\"note\">(");
		H(code);
		report_put(c->b, ")</span>");
	}
}

/* How many asked for interpreting, a slower pace, or said they did not understand during the
 * activity, per language: counts only, never who. Nothing when nobody did. */
static void html_signals(struct report_ctx *c, const struct activity *a)
{
	size_t n;
	const struct signal_count **rows = report_signal_rows(c->s, a->id, &n);
	if (!n) return;
	report_put(c->b, "<h3>");
	H(T(c, W_REPORT_SIGNALS));
	report_put(c->b, "</h3>\n");
	const struct report_col cols[] = { { T(c, W_REPORT_LANGUAGE), NULL },
	                                   { report_signal_label(c, SIGNAL_INTERPRET), "num" },
	                                   { report_signal_label(c, SIGNAL_SLOWER), "num" },
	                                   { report_signal_label(c, SIGNAL_UNCLEAR), "num" } };
	report_html_table(c->b, "signals", cols, NELEM(cols));
	for (size_t i = 0; i < n; i++) {
		report_put(c->b, "<tr><td>");
		report_html_lang_cell(c, rows[i]->lang);
		report_put(c->b, "</td>");
		for (int k = 0; k < SIGNAL_KINDS; k++) report_putf(c->b, "<td class=\"num\">%d</td>", rows[i]->count[k]);
		report_put(c->b, "</tr>\n");
	}
	report_put(c->b, "</tbody>\n</table>\n<p class=\"note\">");
	H(T(c, W_REPORT_SIGNALS_NOTE));
	report_put(c->b, "</p>\n");
	free(rows);
}

/* Tables and rounds: an ideas activity's harvest table by table (each idea by number, its
 * round, and the table's picks), or a vote's dots by the table of who put them. The sections
 * above are the whole room's. Nothing when no idea or dot names a table. */
static void html_by_table(struct report_ctx *c, const struct activity *a)
{
	const struct session *s = c->s;
	uint32_t max = report_tables_of(s, a);
	char t[128], r[64];
	if (!max) return;
	report_put(c->b, "<h3>");
	H(T(c, W_TBL_BY_TABLE));
	report_put(c->b, "</h3>\n");
	if (a->kind == ACTIVITY_IDEAS) {
		for (uint32_t tb = 0; tb <= max; tb++) {
			size_t k = report_table_ideas(s, a, tb);
			if (!k) continue;
			report_put(c->b, "<h4>");
			H(report_table_name(c, tb, r, sizeof r));
			report_putf(c->b, " <span class=\"count\">(%s)</span></h4>\n<ul class=\"harvest\">\n",
			            TN(c, t, sizeof t, W_REPORT_N_IDEAS, (long)k));
			for (size_t i = 0; i < s->n_ideas; i++) {
				const struct idea *d = &s->ideas[i];
				if (d->activity != a->id || d->merged_into || d->table != tb) continue;
				report_putf(c->b, "<li><a class=\"no\" href=\"#idea-%u\">#%u</a> <bdi>", d->id, d->id);
				HC(*d->text || !d->photo ? d->text : T(c, W_REPORT_PHOTO));
				report_put(c->b, "</bdi>");
				if (d->round || (d->photo && *d->text)) {   /* its round, and that it is a photo */
					report_put(c->b, " <span class=\"note\">");
					if (d->round) H(report_round_name(c, d->round, r, sizeof r));
					if (d->photo && *d->text) {
						if (d->round) report_put(c->b, " · ");
						H(T(c, W_REPORT_PHOTO));
					}
					report_put(c->b, "</span>");
				}
				if (d->forward) {
					report_put(c->b, " <span class=\"flag forward\">");
					H(T(c, W_TBL_FORWARD));
					report_put(c->b, "</span>");
				}
				report_put(c->b, "</li>\n");
			}
			report_put(c->b, "</ul>\n");
		}
		return;
	}
	const struct report_col cols[] = { { T(c, W_TBL_TABLE), NULL }, { T(c, W_REPORT_DOTS), "num" },
	                                   { T(c, W_REPORT_VOTERS), "num" }, { report_item_label(c, a), NULL } };
	report_html_table(c->b, "by-table", cols, NELEM(cols));
	for (uint32_t tb = 0; tb <= max + 1; tb++) {   /* each table, then the whole room */
		size_t n;
		int dots, voters;
		uint32_t which = tb <= max ? tb : REPORT_ALL_TABLES;
		struct result_row *rows = report_table_dots(s, a, which, &n, &dots, &voters);
		if (n) {
			report_put(c->b, which == REPORT_ALL_TABLES ? "<tr class=\"room\"><td>" : "<tr><td>");
			H(which == REPORT_ALL_TABLES ? T(c, W_TBL_WHOLE_ROOM) : report_table_name(c, tb, r, sizeof r));
			report_putf(c->b, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td>", dots, voters);
			for (size_t i = 0; i < n && i < TOP_ITEMS; i++) {
				report_put(c->b, i ? "<br>" : "");
				if (!a->on_groups) report_putf(c->b, "<span class=\"no\">#%u</span> ", rows[i].item);
				report_html_item(c, a, rows[i].item);
				report_putf(c->b, " (%d)", rows[i].count);
			}
			report_put(c->b, "</td></tr>\n");
		}
		free(rows);
	}
	report_put(c->b, "</tbody>\n</table>\n");
}

/* An activity's section: a big one starts a page; a small one follows on the page before. */
/* A screened activity: the counts, then the ideas the room never saw with their reasons. */
static void html_screened(struct report_ctx *c, const struct activity *a)
{
	struct report_screen f;
	struct report_buf t = { 0 };
	report_screen_facts(c->s, a, &f);
	report_put(c->b, "<p class=\"summary screened\">");
	report_screen_summary(c, &f, &t);
	report_html_text(c, &t);
	report_put(c->b, "</p>\n");
	if (!f.rejected && !f.waiting) return;
	report_put(c->b, "<h3>");
	H(T(c, W_REPORT_SCR_NOT_SHOWN));
	report_put(c->b, "</h3>\n<ul class=\"ideas not-shown\">\n");
	for (size_t i = 0; i < c->s->n_ideas; i++) {
		const struct idea *d = &c->s->ideas[i];
		if (d->activity != a->id || d->status == IDEA_SHOWN) continue;
		report_putf(c->b, "<li id=\"idea-%u\"><span class=\"no\">#%u</span> <bdi class=\"par\">", d->id, d->id);
		if (*d->text || !d->photo) HC(d->text);
		else H(T(c, W_REPORT_PHOTO));
		report_put(c->b, "</bdi> <span class=\"meta\">");
		H(d->status == IDEA_WAITING ? T(c, W_REPORT_SCR_WAITING) : report_reject_word(c, d->reject));
		if (d->reject_note) {
			report_put(c->b, " · ");
			H(T(c, W_REPORT_SCR_NOTE));
			report_put(c->b, " <bdi>");
			HC(d->reject_note);
			report_put(c->b, "</bdi>");
		}
		report_put(c->b, "</span></li>\n");
	}
	report_put(c->b, "</ul>\n");
}

static void html_activity(struct report_ctx *c, const struct activity *a, size_t i)
{
	report_putf(c->b, "<section class=\"activity %s%s\" id=\"activity-%u\">\n", session_kind_name(a->kind),
	            report_activity_is_small(c->s, a) ? "" : " page", a->id);
	report_putf(c->b, "<h2><span class=\"n\">%zu.</span> <bdi>", i + 1);
	HC(a->title);
	report_put(c->b, "</bdi></h2>\n");
	html_activity_kind(c, a);
	report_put(c->b, "<p class=\"prompt\"><bdi class=\"par\">");
	HC(a->prompt);
	report_put(c->b, "</bdi></p>\n");
	if (a->kind == ACTIVITY_IDEAS) {
		html_activity_ideas(c, a);
		if (a->screened) html_screened(c, a);
	} else if (a->kind == ACTIVITY_VOTE) html_activity_vote(c, a);
	else if (a->kind == ACTIVITY_CONSENT) report_consent_lines(c, a, html_cns_line);
	else if (a->kind == ACTIVITY_ACTIONS) html_activity_actions(c, a);
	else html_activity_poll(c, a);
	if (a->kind == ACTIVITY_VOTE || a->kind == ACTIVITY_POLL) html_paper_log(c, a);
	html_by_table(c, a);
	if (a->moretime_ask) report_moretime_lines(c, a, html_cns_line);
	html_signals(c, a);
	report_put(c->b, "</section>\n");
}

static void html_participation(struct report_ctx *c)
{
	const struct session *s = c->s;
	struct report_tally tl;
	struct report_buf t = { 0 };
	report_tally(s, &tl);
	report_put(c->b, "<section class=\"participation\">\n<h2>");
	H(T(c, W_REPORT_PARTICIPATION));
	report_put(c->b, "</h2>\n<table class=\"facts\">\n<tr><th>");
	H(T(c, W_REPORT_PARTICIPANTS));
	report_put(c->b, "</th><td>");
	report_people_count(c, &tl, &t);
	report_html_text(c, &t);
	report_put(c->b, "</td></tr>\n<tr><th>");
	H(T(c, W_REPORT_IDEAS));
	report_put(c->b, "</th><td>");
	report_ideas_count(c, &tl, &t);
	report_html_text(c, &t);
	report_put(c->b, "</td></tr>\n");
	for (int kind = ACTIVITY_VOTE; kind <= ACTIVITY_CONSENT; kind++) {   /* a row for the votes, polls, consents */
		int any = 0;
		for (size_t i = 0; i < s->n_activities; i++) {
			const struct activity *a = &s->activities[i];
			if ((int)a->kind != kind) continue;
			if (!any) {
				report_put(c->b, "<tr><th>");
				H(report_take_part_label(c, a));
				report_put(c->b, "</th><td>");
			} else {
				report_put(c->b, "<br>");
			}
			any = 1;
			report_put(c->b, "<bdi>");
			HC(a->title);
			report_put(c->b, "</bdi>: ");
			report_take_part(c, a, &t);
			report_html_text(c, &t);
		}
		if (any) report_put(c->b, "</td></tr>\n");
	}
	struct report_voices vo;
	report_voices(s, &vo);
	if (vo.renderings) {
		report_put(c->b, "<tr><th>");
		H(T(c, W_REPORT_RENDERINGS));
		report_put(c->b, "</th><td>");
		report_renderings_count(c, &t);
		report_html_text(c, &t);
		report_put(c->b, "</td></tr>\n");
	}
	if (vo.photos) {
		report_put(c->b, "<tr><th>");
		H(T(c, W_REPORT_PHOTOS));
		report_putf(c->b, "</th><td>%zu</td></tr>\n", vo.photos);
	}
	if (vo.all_signals) {
		report_put(c->b, "<tr><th>");
		H(T(c, W_REPORT_SIGNALS));
		report_put(c->b, "</th><td>");
		report_signals_count(c, &vo, &t);
		report_html_text(c, &t);
		report_put(c->b, "</td></tr>\n");
	}
	report_put(c->b, "</table>\n<h3>");
	H(T(c, W_REPORT_LANGUAGES));
	report_put(c->b, "</h3>\n");
	const struct report_col cols[] = { { T(c, W_REPORT_LANGUAGE), NULL }, { T(c, W_REPORT_PARTICIPANTS), "num" },
	                                   { T(c, W_REPORT_IDEAS), "num" } };
	report_html_table(c->b, "langs", cols, NELEM(cols));
	size_t n;
	struct report_lang_use *u = report_languages(s, &n);
	for (size_t i = 0; i < n; i++) {
		report_put(c->b, "<tr><td>");
		report_html_lang_cell(c, u[i].code);
		report_putf(c->b, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n", u[i].people, u[i].ideas);
	}
	if (tl.by_facilitator) {
		report_put(c->b, "<tr><td>");
		H(T(c, W_FACILITATOR));
		report_putf(c->b, "</td><td class=\"num\">%s</td><td class=\"num\">%zu</td></tr>\n", REPORT_NONE,
		            tl.by_facilitator);
	}
	report_put(c->b, "</tbody>\n</table>\n");
	if (!c->o->by_language) {   /* off by default, and the report says so */
		report_put(c->b, "<p class=\"note\">");
		report_lang_off(c, &t);
		report_html_text(c, &t);
		report_put(c->b, "</p>\n");
	}
	report_put(c->b, "</section>\n");
	free(u);
}

static void html_foot(struct report_ctx *c)
{
	report_put(c->b, "<footer>");
	H(T(c, W_REPORT_MADE_BY));
	if (report_source(c)) {
		report_put(c->b, " ");
		H(T(c, W_REPORT_SOURCE));
		report_put(c->b, " <bdi>");
		HC(report_source(c));
		report_put(c->b, "</bdi>");
	}
	report_put(c->b, "</footer>\n</body>\n</html>\n");
}

void report_html(struct report_ctx *c)
{
	const struct session *s = c->s;
	html_head(c);
	html_agenda(c);
	html_brief(c);
	for (size_t i = 0; i < s->n_activities; i++) html_activity(c, &s->activities[i], i);
	html_participation(c);
	if (c->o->by_language) report_html_by_language(c);
	report_html_timeline(c);
	report_html_people(c);
	html_foot(c);
}

#undef HC
#undef H
