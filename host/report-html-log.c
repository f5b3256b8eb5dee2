/* report-html-log.c: the back half of the HTML report: the timeline (an SVG of ideas, dots and
 * answers over the meeting), the moderation log, who took part, and (--by-language) the
 * results by language group. Markup only, like
 * report-html.c, whose page calls these. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report-int.h"
#include "util.h"

#define H(x) report_put_html(c->b, (x))
#define HC(x) report_html_clean(c->b, (x))

/* The smallest of 1, 2, 5, 10, 20, 50 ... that divides 0..max into at most 5 grid lines. */
static int nice_step(int max)
{
	int step = 1;
	for (int k = 0; max / step > 4; k++) step = k % 3 == 1 ? step * 5 / 2 : step * 2;
	return step;
}

/* Minutes between clock labels under the timeline: a multiple of the bucket, few enough labels. */
static int label_minutes(const struct report_timeline *t)
{
	static const int mins[] = { 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 10080 };
	size_t k = 0;
	while (k + 1 < sizeof mins / sizeof mins[0] &&
	       (mins[k] < t->bucket_min || mins[k] % t->bucket_min ||
	        (int64_t)t->n * t->bucket_min / mins[k] + 1 > TIMELINE_MAX_LABELS))
		k++;
	return mins[k];
}

/* Ideas per bucket as an SVG column chart, with a grid and clock times under it. */
static void html_timeline_svg(struct report_ctx *c, const struct report_timeline *t)
{
	const double width = 640, height = 170, x0 = 34, x1 = 620, y0 = 10, y1 = 138;
	int step = nice_step(t->max), top = (t->max + step - 1) / step * step;
	if (top < step) top = step;
	int every = label_minutes(t);
	double bw = (x1 - x0) / (double)t->n, gap = bw > 6 ? bw * 0.18 : 0.5;
	if (bw - gap > 40) gap = bw - 40;   /* a short meeting: columns, not blocks */
	char tt[128];
	report_putf(c->b, "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", width, height);
	H(TN(c, tt, sizeof tt, W_REPORT_IDEAS_PER, t->bucket_min));
	report_put(c->b, "\">\n");
	for (int v = 0; v <= top; v += step) {
		double y = y1 - (y1 - y0) * v / top;
		report_putf(c->b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		           "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", x0, y, x1, y, x0 - 5, y + 3.5, v);
	}
	for (size_t i = 0; i < t->n; i++) {
		if (!t->counts[i]) continue;
		double h = (y1 - y0) * t->counts[i] / top;
		int64_t at = t->start_ms + t->bucket_ms * (int64_t)i;
		report_putf(c->b, "<rect class=\"col\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
		     x0 + bw * (double)i + gap / 2, y1 - h, bw - gap, h);
		report_putf(c->b, "<title>%s: %d</title></rect>\n", report_clock_at(c, at, tt, sizeof tt), t->counts[i]);
	}
	report_putf(c->b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x0, y1, x1, y1);
	for (size_t i = 0; i <= t->n; i++) {
		int64_t at = t->start_ms + t->bucket_ms * (int64_t)i;
		struct tm tm;
		report_local_tm(at, &tm);
		/* on the local clock's round times; longer than a day: every so many buckets */
		int here = every < 1440 ? (tm.tm_hour * 60 + tm.tm_min) % every == 0
		                        : i % (size_t)(every / t->bucket_min) == 0;
		if (!here) continue;
		double x = x0 + bw * (double)i;
		report_putf(c->b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		           "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
		     x, y1, x, y1 + 4, x, y1 + 16, report_clock_at(c, at, tt, sizeof tt));
	}
	report_put(c->b, "</svg>\n");
}

/* An idea's text by id in the log, or the word for a photo when it is a photo alone. */
static void html_idea_text(struct report_ctx *c, uint32_t idea)
{
	if (report_idea_photo_only(c->s, idea)) {
		report_html_photo_word(c);
		return;
	}
	report_put(c->b, "<bdi>");
	HC(report_idea_text(c->s, idea));
	report_put(c->b, "</bdi>");
}

static void html_moderation(struct report_ctx *c)
{
	const struct session *s = c->s;
	report_put(c->b, "<h3>");
	H(T(c, W_REPORT_MODERATION));
	report_put(c->b, "</h3>\n");
	if (!s->n_log) {
		report_put(c->b, "<p class=\"summary\">");
		H(T(c, W_REPORT_NO_MODERATION));
		report_put(c->b, "</p>\n");
		return;
	}
	const struct report_col cols[] = { { T(c, W_REPORT_TIME), NULL }, { T(c, W_REPORT_ACTION), NULL },
	                                   { T(c, W_REPORT_IDEA), NULL } };
	report_html_table(c->b, "log", cols, NELEM(cols));
	for (size_t i = 0; i < s->n_log; i++) {
		const struct mod_entry *m = &s->log[i];
		char tt[48];
		report_putf(c->b, "<tr><td class=\"num\">%s</td><td>", report_clock_at(c, m->at_ms, tt, sizeof tt));
		H(report_mod_action(c, m));
		report_putf(c->b, "</td><td><a href=\"#idea-%u\" class=\"no\">#%u</a> ", m->idea, m->idea);
		if (m->kind == MOD_EDIT) {
			H(T(c, W_REPORT_LOG_BEFORE));
			report_put(c->b, " <bdi>");
			HC(m->before ? m->before : "");
			report_put(c->b, "</bdi><br>");
			H(T(c, W_REPORT_AFTER));
			report_put(c->b, " <bdi>");
			HC(m->after ? m->after : "");
			report_put(c->b, "</bdi>");
		} else {
			html_idea_text(c, m->idea);
		}
		if (m->kind == MOD_MERGE) {
			report_put(c->b, "<br>");
			H(T(c, W_REPORT_INTO));
			report_putf(c->b, " <a href=\"#idea-%u\" class=\"no\">#%u</a> ", m->other, m->other);
			html_idea_text(c, m->other);
		}
		if (m->kind == MOD_REJECT) {   /* the reason, as its author read it */
			const struct idea *d = session_idea(c->s, m->idea);
			report_put(c->b, "<br>");
			H(report_reject_word(c, d ? d->reject : 0));
		}
		report_put(c->b, "</td></tr>\n");
	}
	report_put(c->b, "</tbody>\n</table>\n");
}

void report_html_timeline(struct report_ctx *c)
{
	struct report_timeline tl;
	report_timeline_build(c->s, &tl);
	report_put(c->b, "<section class=\"timeline\">\n<h2>");
	H(T(c, W_REPORT_TIMELINE));
	report_put(c->b, "</h2>\n");
	if (!tl.n) {
		report_put(c->b, "<p class=\"summary\">");
		H(T(c, W_REPORT_NO_TIMELINE));
		report_put(c->b, "</p>\n");
	} else {
		report_put(c->b, "<figure>\n");
		html_timeline_svg(c, &tl);
		char t[128];
		report_put(c->b, "<figcaption>");
		H(TN(c, t, sizeof t, W_REPORT_IDEAS_PER, tl.bucket_min));
		report_put(c->b, ".</figcaption>\n</figure>\n");
	}
	free(tl.counts);
	html_moderation(c);
	report_put(c->b, "</section>\n");
}

void report_html_people(struct report_ctx *c)
{
	const struct session *s = c->s;
	if (!report_people_shown(c)) return;
	char tt[48];
	report_put(c->b, "<section class=\"people\">\n<h2>");
	H(T(c, W_REPORT_PEOPLE));
	report_put(c->b, "</h2>\n");
	const struct report_col cols[] = { { T(c, W_REPORT_NR), "num" }, { T(c, W_REPORT_NAME), NULL },
	                                   { T(c, W_REPORT_LANGUAGE), NULL }, { T(c, W_REPORT_JOINED), "num" },
	                                   { T(c, W_REPORT_IDEAS), "num" }, { T(c, W_REPORT_DOTS), "num" } };
	report_html_table(c->b, NULL, cols, NELEM(cols));
	for (size_t i = 0; i < s->n_participants; i++) {
		const struct participant *p = &s->participants[i];
		report_putf(c->b, "<tr><td class=\"num\">%u</td><td><bdi>", p->id);
		HC(*p->name ? p->name : REPORT_NONE);
		report_put(c->b, "</bdi>");
		if (p->proxy) {
			report_put(c->b, " <span class=\"note\">(");
			H(T(c, W_REPORT_PROXY));
			report_put(c->b, ")</span>");
		}
		report_put(c->b, "</td><td>");
		H(report_lang_name(c, p->lang));
		report_putf(c->b, "</td><td class=\"num\">%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n",
		            report_clock_at(c, p->joined_ms, tt, sizeof tt), report_participant_ideas(s, p->id),
		            report_participant_dots(s, p->id));
	}
	report_put(c->b, "</tbody>\n</table>\n</section>\n");
}

/* One vote's dots per item, or one poll's answers per choice, by language group. */
static void html_lang_results(struct report_ctx *c, const struct activity *a, const struct report_lang_groups *lg)
{
	size_t n;
	struct result_row *rows = report_lang_rows(c->s, a, &n);
	int total;
	int *counts = report_lang_counts(c->s, a, lg, rows, n, &total);
	if (total) {
		report_put(c->b, "<h4><bdi>");
		HC(a->title);
		report_put(c->b, "</bdi></h4>\n");
		struct report_col *cols = xcalloc(lg->n + 1, sizeof *cols);
		cols[0].head = a->kind == ACTIVITY_VOTE ? report_item_label(c, a) : T(c, W_REPORT_CHOICE);
		for (size_t j = 0; j < lg->n; j++) cols[j + 1] = (struct report_col){ report_lang_group_label(c, &lg->g[j]), "num" };
		report_html_table(c->b, "results by-language", cols, lg->n + 1);
		free(cols);
		for (size_t k = 0; k < n; k++) {
			report_put(c->b, "<tr><td>");
			if (a->kind == ACTIVITY_VOTE) {
				if (!a->on_groups) report_putf(c->b, "<span class=\"no\">#%u</span> ", rows[k].item);
				report_html_item(c, a, rows[k].item);
			} else if (a->poll == POLL_SCALE) {
				report_putf(c->b, "%u", rows[k].item);
			} else {
				report_html_option(c, a, rows[k].item);
			}
			report_put(c->b, "</td>");
			for (size_t j = 0; j < lg->n; j++) report_putf(c->b, "<td class=\"num\">%d</td>", counts[k * lg->n + j]);
			report_put(c->b, "</tr>\n");
		}
		report_put(c->b, "</tbody>\n</table>\n");
	}
	free(counts);
	free(rows);
}

/* `--by-language`: participation and results per UI language group, never a group under
 * REPORT_LANG_MIN people (report-lang.c). */
void report_html_by_language(struct report_ctx *c)
{
	const struct session *s = c->s;
	struct report_lang_groups lg;
	struct report_buf t = { 0 };
	char ib[32], db[32];
	report_lang_groups(s, &lg);
	report_put(c->b, "<section class=\"by-language\">\n<h2>");
	H(T(c, W_REPORT_LANG_TITLE));
	report_put(c->b, "</h2>\n<p class=\"note\">");
	report_lang_rule(c, &t);
	report_html_text(c, &t);
	report_put(c->b, "</p>\n");
	if (lg.left_out) {
		report_put(c->b, "<p class=\"note\">");
		report_lang_left_out(c, &t);
		report_html_text(c, &t);
		report_put(c->b, "</p>\n");
	}
	if (lg.n) {
		report_put(c->b, "<h3>");
		H(T(c, W_REPORT_LANG_EQUITY));
		report_put(c->b, "</h3>\n");
		const struct report_col cols[] = { { T(c, W_REPORT_LANG_GROUP), NULL }, { T(c, W_REPORT_PARTICIPANTS), "num" },
		                                   { T(c, W_REPORT_IDEAS), "num" }, { T(c, W_REPORT_LANG_IDEAS_PER), "num" },
		                                   { T(c, W_REPORT_DOTS), "num" }, { T(c, W_REPORT_LANG_DOTS_PER), "num" } };
		report_html_table(c->b, "langs", cols, NELEM(cols));
		for (size_t j = 0; j < lg.n; j++) {
			const struct report_lang_group *g = &lg.g[j];
			report_put(c->b, "<tr><td>");
			if (g->code) report_html_lang_cell(c, g->code);
			else H(T(c, W_REPORT_LANG_MERGED));
			report_putf(c->b, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%s</td>"
			            "<td class=\"num\">%d</td><td class=\"num\">%s</td></tr>\n", g->people, g->ideas,
			            report_lang_ratio(c, g->ideas, g->people, ib, sizeof ib), g->dots,
			            report_lang_ratio(c, g->dots, g->people, db, sizeof db));
		}
		report_put(c->b, "</tbody>\n</table>\n");
		int any = 0;
		for (size_t i = 0; i < s->n_activities; i++) {
			const struct activity *a = &s->activities[i];
			if (a->kind != ACTIVITY_VOTE && a->kind != ACTIVITY_POLL) continue;
			if (!any) {
				report_put(c->b, "<h3>");
				H(T(c, W_REPORT_LANG_RESULTS));
				report_put(c->b, "</h3>\n");
			}
			any = 1;
			html_lang_results(c, a, &lg);
		}
	}
	report_put(c->b, "</section>\n");
	report_lang_groups_free(&lg);
}

#undef HC
#undef H
