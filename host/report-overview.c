/* report-overview.c: one HTML page over a folder of sessions: each meeting with its date, size
 * (with its renderings, photos and signals when any meeting has them) and the top of its votes,
 * the categories across meetings with their pictograms, and the files left out. */
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "util.h"

/* One category across meetings: in how many it came up, and on how many ideas. */
struct cat_use {
	const char *name;
	const char *picto;          /* the first pictogram a meeting gave it, "" none */
	int meetings, ideas;
	size_t last;                /* the entry that counted it last: a meeting counts once */
};

static int cat_use_cmp(const void *x, const void *y)
{
	const struct cat_use *a = x, *b = y;
	if (a->ideas != b->ideas) return a->ideas > b->ideas ? -1 : 1;
	if (a->meetings != b->meetings) return a->meetings > b->meetings ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The top of each vote in the overview, or that there was none. */
static void overview_top(struct report_ctx *c, const struct session *s)
{
	int votes = 0;
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind != ACTIVITY_VOTE) continue;
		votes++;
		report_put(c->b, "<p class=\"vote\"><bdi class=\"par\">");
		report_html_clean(c->b, a->title);
		report_put(c->b, "</bdi></p>\n");
		report_html_vote_top(c, a);
	}
	if (!votes) {
		report_put(c->b, "<p class=\"note\">");
		report_put_html(c->b, T(c, W_REPORT_NO_VOTE));
		report_put(c->b, "</p>\n");
	}
}

/* A meeting's actions (issue 20): how many, and how many of each status. */
static void overview_actions(struct report_ctx *c, const struct session *s)
{
	int n[ACTION_STATUSES] = { 0 };
	for (size_t i = 0; i < s->n_actions; i++) n[s->actions[i].status]++;
	struct report_buf t = { 0 };
	report_say(c, &t, W_REPORT_ACT_N, (long)s->n_actions, 0, NULL, NULL);
	report_put_html(c->b, t.data ? t.data : "");
	report_buf_free(&t);
	for (int k = 0; k < ACTION_STATUSES; k++) {
		if (!n[k]) continue;
		report_put(c->b, "<br>");
		report_put_html(c->b, report_action_status_label(c, (enum action_status)k));
		report_putf(c->b, ": %d", n[k]);
	}
}

static const char overview_css[] =
	"@page{size:A4 landscape;margin:14mm 14mm 16mm;"
	"@bottom-right{content:counter(page) \" / \" counter(pages);font-size:8pt;color:#666}}\n"
	"td .vote{margin:0 0 .5mm;font-weight:600;font-size:9pt}\n"
	"td .file{display:block;font-size:8pt;color:var(--muted);overflow-wrap:anywhere}\n"
	"td.date{white-space:nowrap}\n"
	"table.categories{width:auto;min-width:150mm}\n";

void report_render_overview(const struct report_entry *e, size_t n, const char *folder,
                            const struct report_opts *o, struct report_buf *b)
{
	struct report_ctx c0, *c = &c0;
	struct session *empty = session_new("", "", 0);
	report_ctx_init(c, empty, o, b);
	report_html_root(b, c->w);
	report_put(b, "<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	report_put_html(b, T(c, W_REPORT_OVERVIEW));
	report_put(b, "</title>\n<style>\n");
	report_put(b, report_html_css);
	report_put(b, overview_css);
	report_put(b, "body{max-width:260mm}\n</style>\n</head>\n<body>\n<header>\n<p class=\"kicker\">Medskapa</p>\n<h1>");
	report_put_html(b, T(c, W_REPORT_OVERVIEW));
	report_put(b, "</h1>\n<p class=\"note\">");
	report_put_html(b, T(c, W_REPORT_OVERVIEW_OF));
	report_put(b, " <bdi>");
	report_html_clean(b, folder);
	report_put(b, "</bdi>. ");
	struct report_buf t = { 0 };
	report_zone_note(c, &t);
	report_put_html(b, t.data);
	report_buf_free(&t);
	report_put(b, "</p>\n</header>\n");

	size_t sessions = 0;
	for (size_t i = 0; i < n; i++) sessions += e[i].s != NULL;
	report_put(b, "<section>\n");
	if (!sessions) {
		report_put(b, "<p class=\"summary\">");
		report_put_html(b, T(c, W_REPORT_NO_SESSIONS));
		report_put(b, "</p>\n");
	} else {
		/* renderings, photos and signals: columns of their own when a meeting has any */
		int voices = 0, actions = 0;   /* actions (issue 20): a column when a meeting has any */
		for (size_t i = 0; i < n; i++) {
			struct report_voices v;
			if (!e[i].s) continue;
			report_voices(e[i].s, &v);
			voices |= v.renderings || v.photos || v.all_signals;
			actions |= e[i].s->n_actions > 0;
		}
		const struct report_col cols[] = { { T(c, W_REPORT_DATE), NULL }, { T(c, W_REPORT_MEETING), NULL },
		                                   { T(c, W_REPORT_PARTICIPANTS), "num" }, { T(c, W_REPORT_IDEAS), "num" },
		                                   { T(c, W_REPORT_RENDERINGS), "num" }, { T(c, W_REPORT_PHOTOS), "num" },
		                                   { T(c, W_REPORT_SIGNALS), "num" }, { T(c, W_REPORT_TOP), NULL } };
		struct report_col use[9];
		size_t nuse = 0;
		for (size_t k = 0; k < NELEM(cols) - 1; k++)
			if (voices || k < 4) use[nuse++] = cols[k];
		if (actions) use[nuse++] = (struct report_col){ T(c, W_ACT_KIND), NULL };
		use[nuse++] = cols[NELEM(cols) - 1];
		report_html_table(b, "overview", use, nuse);
		for (size_t i = 0; i < n; i++) {
			const struct session *s = e[i].s;
			if (!s) continue;
			struct report_ctx one;
			report_ctx_init(&one, s, o, b);
			char date[64];
			report_date(one.w, one.first, date, sizeof date);
			report_put(b, "<tr><td class=\"date\">");
			report_put_html(b, date);
			report_put(b, "</td><td><bdi>");
			report_html_clean(b, s->title);
			report_put(b, "</bdi><span class=\"file\"><bdi>");
			report_html_clean(b, e[i].file);
			report_put(b, "</bdi>");
			report_putf(b, "</span></td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>", s->n_participants,
			            s->n_ideas);
			if (voices) {
				struct report_voices v;
				report_voices(s, &v);
				report_putf(b, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">%ld</td>",
				            v.renderings, v.photos, v.all_signals);
			}
			if (actions) {
				report_put(b, "<td>");
				overview_actions(&one, s);
				report_put(b, "</td>");
			}
			report_put(b, "<td>\n");
			overview_top(&one, s);
			report_put(b, "</td></tr>\n");
		}
		report_put(b, "</tbody>\n</table>\n");
	}
	report_put(b, "</section>\n");

	/* categories across meetings */
	struct cat_use *cats = NULL;
	size_t ncat = 0, capcat = 0;
	for (size_t i = 0; i < n; i++) {
		const struct session *s = e[i].s;
		if (!s) continue;
		for (size_t j = 0; j < s->n_ideas; j++) {
			const struct idea *d = &s->ideas[j];
			const struct activity *a = session_activity(s, d->activity);
			if (d->hidden || d->merged_into || !a || d->category < 0 || (size_t)d->category >= a->n_options) continue;
			const char *name = a->options[d->category];
			size_t k = 0;
			while (k < ncat && strcmp(cats[k].name, name) != 0) k++;
			if (k == ncat) {
				xgrow((void **)&cats, &capcat, ncat + 1, sizeof *cats);
				cats[ncat++] = (struct cat_use){ name, report_picto(a, (size_t)d->category), 0, 0, (size_t)-1 };
			}
			if (!*cats[k].picto) cats[k].picto = report_picto(a, (size_t)d->category);
			cats[k].ideas++;
			if (cats[k].last != i) {
				cats[k].meetings++;
				cats[k].last = i;
			}
		}
	}
	report_put(b, "<section>\n<h2>");
	report_put_html(b, T(c, W_REPORT_CATEGORIES));
	report_put(b, "</h2>\n");
	if (!ncat) {
		report_put(b, "<p class=\"summary\">");
		report_put_html(b, T(c, W_REPORT_NO_CATEGORIES));
		report_put(b, "</p>\n");
	} else {
		qsort(cats, ncat, sizeof *cats, cat_use_cmp);
		int max = cats[0].ideas;
		const struct report_col cols[] = { { T(c, W_REPORT_CATEGORY), NULL }, { T(c, W_REPORT_MEETINGS), "num" },
		                                   { T(c, W_REPORT_IDEAS), "num" }, { T(c, W_REPORT_CHART), "bar" } };
		report_html_table(b, "categories", cols, NELEM(cols));
		for (size_t k = 0; k < ncat; k++) {
			report_put(b, "<tr><td>");
			if (*cats[k].picto) {
				report_put(b, "<span class=\"picto\" aria-hidden=\"true\">");
				report_put_html(b, cats[k].picto);
				report_put(b, "</span> ");
			}
			report_put(b, "<bdi>");
			report_html_clean(b, cats[k].name);
			report_putf(b, "</bdi></td><td class=\"num\">%d</td><td class=\"num\">%d</td>", cats[k].meetings, cats[k].ideas);
			report_html_bar(c, cats[k].ideas, max);
			report_put(b, "</tr>\n");
		}
		report_put(b, "</tbody>\n</table>\n<p class=\"note\">");
		report_put_html(b, T(c, W_REPORT_CATEGORY_NOTE));
		report_put(b, "</p>\n");
	}
	report_put(b, "</section>\n");
	free(cats);

	if (sessions < n) {
		report_put(b, "<section>\n<h2>");
		report_put_html(b, T(c, W_REPORT_SKIPPED));
		report_put(b, "</h2>\n");
		const struct report_col cols[] = { { T(c, W_REPORT_FILE), NULL }, { T(c, W_REPORT_DETAIL), NULL } };
		report_html_table(b, "skipped", cols, NELEM(cols));
		for (size_t i = 0; i < n; i++) {
			if (e[i].s) continue;
			report_put(b, "<tr><td><bdi>");
			report_html_clean(b, e[i].file);
			report_put(b, "</bdi></td><td>");
			report_put(b, "<bdi>");   /* a reason may quote the file */
			report_html_clean(b, e[i].skipped ? e[i].skipped : "");
			report_put(b, "</bdi>");
			report_put(b, "</td></tr>\n");
		}
		report_put(b, "</tbody>\n</table>\n</section>\n");
	}
	report_put(b, "<footer>");
	report_put_html(b, T(c, W_REPORT_MADE_BY));
	report_put(b, "</footer>\n</body>\n</html>\n");
	session_free(empty);
}
