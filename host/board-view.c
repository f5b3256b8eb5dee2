/* board-view.c: what the room sees, read from the session: the mode, the notes, groups and chart
 * rows it shows, the banner, the timer; and whether the view changed since the last layout.
 * No SDL: the model, the words and libc (test_board_view links nothing else). */
#include "board-view.h"
#include "util.h"
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef SDL_h_
#error "board-view.c sees SDL: it is the board's core without a window (test_board_view)"
#endif

/* ---- what the view shows ---------------------------------------------------------------------- */

static int str_differs(const char *a, const char *b)
{
	if (!a != !b) return 1;
	return a && strcmp(a, b) != 0;
}

static void str_keep(char **slot, const char *s)
{
	free(*slot);
	*slot = s ? xstrdup(s) : NULL;
}

/* The countdown as shown: whole seconds rounded up, so it reads 00:00 exactly at the end. */
static enum timer_state timer_of(const struct activity *a, int64_t now_ms, char *out, size_t len,
                                 int64_t *left)
{
	*left = 0;
	if (out && len) out[0] = '\0';
	if (!a || a->timer.duration_ms <= 0) return TIMER_NONE;
	int64_t ms = session_timer_left(&a->timer, now_ms);
	*left = ms;
	long secs = (long)((ms + 999) / 1000);
	if (out) {
		if (secs >= 3600) snprintf(out, len, "%ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
		else snprintf(out, len, "%02ld:%02ld", secs / 60, secs % 60);
	}
	if (ms <= 0) return TIMER_DONE;
	return a->timer.running ? TIMER_RUNNING : TIMER_PAUSED;
}

int board_view_changed(const struct room_view *r, const struct board_view *v, int fac_shown)
{
	const struct session *s = v->session;
	if (!r->seen_valid || s != r->s || v->phones != r->seen_phones) return 1;
	if (s && s->version != r->seen_version) return 1;
	if (str_differs(nonempty(v->join_url), r->seen_url)) return 1;
	if (str_differs(nonempty(v->notice), r->seen_notice)) return 1;
	if (fac_shown && str_differs(nonempty(v->facilitator_url), r->seen_fac_url))
		return 1;
	if (board_signals_level(board_signals_last(s), v->now_ms) != r->seen_signals) return 1;
	char t[24];
	int64_t left;
	timer_of(s ? session_current(s) : NULL, v->now_ms, t, sizeof t, &left);
	return strcmp(t, r->seen_timer) != 0;
}

void board_remember_view(struct room_view *r, const struct board_view *v)
{
	const struct session *s = v->session;
	r->s = s;
	r->seen_valid = 1;
	r->seen_version = s ? s->version : 0;
	r->seen_phones = v->phones;
	str_keep(&r->seen_url, nonempty(v->join_url));
	str_keep(&r->seen_notice, nonempty(v->notice));
	str_keep(&r->seen_fac_url, nonempty(v->facilitator_url));
	snprintf(r->seen_timer, sizeof r->seen_timer, "%s", r->timer_text);
	r->seen_signals = r->signals.level;
}

/* ---- the signals counter --------------------------------------------------------------------- */

int board_signals_level(int64_t last_ms, int64_t now_ms)
{
	if (last_ms <= 0) return 0;
	int64_t age = now_ms - last_ms;
	if (age >= SIGNALS_SHOW_MS) return 0;
	if (age < SIGNALS_SHOW_MS - SIGNALS_FADE_MS) return SIGNALS_LEVELS;   /* also a clock behind */
	int64_t rem = SIGNALS_SHOW_MS - age;                                  /* 1 .. SIGNALS_FADE_MS */
	return (int)((rem * SIGNALS_LEVELS + SIGNALS_FADE_MS - 1) / SIGNALS_FADE_MS);
}

int board_signals_wait(int64_t last_ms, int64_t now_ms)
{
	int k = board_signals_level(last_ms, now_ms);
	if (k == 0) return 0;
	/* level k lasts while what is left is above the next level's top (the full level and the
	 * fade's first step are one) */
	int64_t rem = SIGNALS_SHOW_MS - (now_ms - last_ms), below = (int64_t)(k - 1) * SIGNALS_FADE_MS / SIGNALS_LEVELS;
	int64_t w = rem - below;
	return (int)(w < 1 ? 1 : w > 86400000 ? 86400000 : w);
}

int64_t board_signals_last(const struct session *s)
{
	const struct activity *a = s ? session_current(s) : NULL;
	int64_t last = 0;
	for (size_t i = 0; a && i < s->n_signals; i++) {
		const struct signal_count *c = &s->signals[i];
		int n = 0;
		for (int k = 0; k < SIGNAL_KINDS; k++) n += c->count[k];
		if (c->activity == a->id && n > 0 && c->last_ms > last) last = c->last_ms;
	}
	return last;
}

/* The current activity's signals, summed and per language, and the counter's level. */
static void collect_signals(struct room_view *r, const struct session *s, const struct activity *a, int64_t now_ms)
{
	struct signals_view *sv = &r->signals;
	memset(sv, 0, sizeof *sv);
	for (size_t i = 0; a && i < s->n_signals; i++) {
		const struct signal_count *c = &s->signals[i];
		if (c->activity != a->id) continue;
		int n = 0;
		for (int k = 0; k < SIGNAL_KINDS; k++) {
			sv->count[k] += c->count[k];
			n += c->count[k];
		}
		if (n <= 0) continue;
		if (c->last_ms > sv->last_ms) sv->last_ms = c->last_ms;
		/* keep the languages that ask most, in that order (then by tag, to be stable) */
		size_t j = sv->n_langs;
		while (j > 0 && (sv->langs[j - 1].n < n || (sv->langs[j - 1].n == n && strcmp(sv->langs[j - 1].lang, c->lang) > 0)))
			j--;
		if (j >= SIGNALS_LANGS) continue;
		size_t end = sv->n_langs < SIGNALS_LANGS ? sv->n_langs : SIGNALS_LANGS - 1;
		memmove(&sv->langs[j + 1], &sv->langs[j], (end - j) * sizeof sv->langs[0]);
		snprintf(sv->langs[j].lang, sizeof sv->langs[j].lang, "%s", c->lang);
		sv->langs[j].n = n;
		if (sv->n_langs < SIGNALS_LANGS) sv->n_langs++;
	}
	sv->level = board_signals_level(sv->last_ms, now_ms);   /* the same as board_signals_last's */
}

static const char *category_picto(const struct session *s, const struct idea *d);

/* An idea as a note: its text and its author line. The facilitator's (typed in at the board)
 * carries the badge, which no participant's name can draw, whatever the name says. */
static struct item idea_item(const struct room_view *r, const struct session *s, const struct idea *idea)
{
	struct item it = { .id = idea->id, .category = idea->category, .text = idea->text };
	/* the meeting's language under the original, when an interpreter gave it */
	const struct rendering *rd = session_rendering(s, idea->id, s->lang);
	if (rd && nonempty(rd->text) && strcmp(rd->text, idea->text) != 0) {
		it.rendering = rd->text;
		it.rendering_lang = rd->lang;
	}
	if (nonempty(idea->photo)) {
		it.photo = idea->photo;
		it.photo_w = idea->photo_w;
		it.photo_h = idea->photo_h;
	}
	it.picto = category_picto(s, idea);
	it.table = idea->table;
	it.forward = idea->forward;
	if (!idea->author) {
		it.author = word(r->words, W_FACILITATOR);
		it.facilitator = 1;
	} else {
		const struct participant *p = session_participant(s, idea->author);
		it.author = p && p->name && *p->name ? p->name : NULL;
	}
	return it;
}

/* The pictogram of an idea's category, NULL none. */
static const char *category_picto(const struct session *s, const struct idea *d)
{
	const struct activity *a = session_activity(s, d->activity);
	if (!a || !a->pictos || d->category < 0 || (size_t)d->category >= a->n_options) return NULL;
	return nonempty(a->pictos[d->category]);
}

/* What the room may see of an idea: the board is no one's phone (viewer 0, not facilitator):
 * no hidden idea, no merged duplicate, nothing of a silent activity before it is revealed. */
static int on_board(const struct session *s, const struct idea *i)
{
	return session_idea_visible(s, i, 0, 0);
}

static int group_live(const struct group *g, uint32_t activity)
{
	return g->activity == activity && !g->removed;
}

/* Is idea d of activity a on the board in the round now? While an activity in rounds is open in
 * its second round or later, the room works on that round's ideas and on those the tables
 * brought forward from the round before (or later); once it is closed, the whole harvest. */
static int in_round(const struct activity *a, const struct idea *d)
{
	if (!a || a->n_rounds == 0 || a->round < 2 || a->phase != PHASE_OPEN) return 1;
	return d->round == a->round || (d->forward > 0 && d->forward >= a->round - 1);
}

/* The table an idea is shown at: its own while it exists, else 0 (at no table). */
static uint32_t table_of(const struct session *s, const struct idea *d)
{
	return d->table >= 1 && d->table <= (uint32_t)s->n_tables ? d->table : 0;
}

/* The ideas of activity src as items by table: a group for every table 1..n_tables in order (an
 * empty table too: the room sees who has not written yet), then one for ideas written at no
 * table if there are any; in each, the ideas brought forward first. */
static void collect_tables(struct room_view *r, const struct session *s, const struct activity *a, uint32_t src)
{
	size_t n = s->n_tables > 0 ? (size_t)s->n_tables : 0;
	xgrow((void **)&r->table_names, &r->cap_table_names, n + 1, sizeof *r->table_names);
	r->n_items = r->n_groups = r->n_grouped = 0;
	for (size_t t = 1; t <= n + 1; t++) {
		uint32_t tab = t <= n ? (uint32_t)t : 0;
		size_t first = r->n_items;
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < s->n_ideas; i++) {
				const struct idea *d = &s->ideas[i];
				if (d->activity != src || !on_board(s, d) || !in_round(a, d) || table_of(s, d) != tab) continue;
				if ((d->forward > 0) != (pass == 0)) continue;
				xgrow((void **)&r->items, &r->cap_items, r->n_items + 1, sizeof *r->items);
				struct item *it = &r->items[r->n_items++];
				*it = idea_item(r, s, d);
				it->group = BOARD_TABLE_GROUP + tab;
			}
		if (!tab && r->n_items == first) break;
		char *name = r->table_names[t - 1];
		if (tab) word_n(name, sizeof r->table_names[0], r->words, W_BOARD_TBL_TABLE, (long)tab);
		else snprintf(name, sizeof r->table_names[0], "%s", word(r->words, W_BOARD_TBL_NO_TABLE));
		xgrow((void **)&r->groups, &r->cap_groups, r->n_groups + 1, sizeof *r->groups);
		r->groups[r->n_groups++] = (struct gview){ .id = BOARD_TABLE_GROUP + tab, .name = name,
		                                           .n = r->n_items - first };
	}
	r->n_grouped = r->n_items;
}

/* The author line of an idea brought forward: the mark, then the name. Once the items stop
 * moving (the array grows while they are collected). */
static void mark_forward(struct room_view *r)
{
	for (size_t i = 0; i < r->n_items; i++) {
		struct item *it = &r->items[i];
		if (!it->forward) continue;
		const char *fw = word(r->words, W_BOARD_TBL_FORWARD);
		if (it->author) snprintf(it->mark, sizeof it->mark, "%s \xc2\xb7 %s", fw, it->author);
		else snprintf(it->mark, sizeof it->mark, "%s", fw);
		it->author = it->mark;
	}
}

/* The ideas of activity src as items, grouped ones first in the order of their groups. */
static void collect_ideas(struct room_view *r, const struct session *s, uint32_t src)
{
	const struct activity *a = session_activity(s, src);
	r->n_items = r->n_groups = r->n_grouped = 0;
	if (r->by_table) {
		collect_tables(r, s, a, src);
		mark_forward(r);
		return;
	}
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (!group_live(gr, src)) continue;
		xgrow((void **)&r->groups, &r->cap_groups, r->n_groups + 1, sizeof *r->groups);
		struct gview *gv = &r->groups[r->n_groups++];
		memset(gv, 0, sizeof *gv);
		gv->id = gr->id;
		gv->name = gr->name;
		for (size_t i = 0; i < s->n_ideas; i++) {
			const struct idea *d = &s->ideas[i];
			if (d->activity != src || d->group != gr->id || !on_board(s, d) || !in_round(a, d)) continue;
			xgrow((void **)&r->items, &r->cap_items, r->n_items + 1, sizeof *r->items);
			struct item *it = &r->items[r->n_items++];
			*it = idea_item(r, s, d);
			it->group = gr->id;
			gv->n++;
		}
	}
	r->n_grouped = r->n_items;
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity != src || !on_board(s, d) || !in_round(a, d)) continue;
		const struct group *gr = d->group ? session_group(s, d->group) : NULL;
		if (gr && group_live(gr, src)) continue;
		xgrow((void **)&r->items, &r->cap_items, r->n_items + 1, sizeof *r->items);
		r->items[r->n_items++] = idea_item(r, s, d);
	}
	mark_forward(r);
}

/* "Round 2 of 4 · In pairs" for an activity in rounds that has started, "" otherwise; the
 * round's name isolated (FSI ... PDI, its own controls gone). */
static void round_for(struct room_view *r, const struct activity *a)
{
	r->round_text[0] = '\0';
	r->round = r->n_rounds = 0;
	if (!a || a->n_rounds == 0 || a->round < 1 || (size_t)a->round > a->n_rounds) return;
	r->round = a->round;
	r->n_rounds = (int)a->n_rounds;
	char pos[96];
	word_ni(pos, sizeof pos, word(r->words, W_BOARD_TBL_ROUND), (long)a->n_rounds, (long)a->round);
	const char *title = a->rounds[a->round - 1].title;
	if (!nonempty(title)) {
		snprintf(r->round_text, sizeof r->round_text, "%s", pos);
		return;
	}
	char *name = utf8_bidi_clean(title);
	snprintf(r->round_text, sizeof r->round_text, "%s \xc2\xb7 \xe2\x81\xa8%s\xe2\x81\xa9", pos, name);
	free(name);
}

/* The groups of activity src as items of a vote on groups. */
static void collect_group_items(struct room_view *r, const struct session *s, const struct activity *vote)
{
	r->n_items = r->n_groups = r->n_grouped = 0;
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (!session_item_votable(s, vote, gr->id)) continue;
		size_t n = 0;
		for (size_t i = 0; i < s->n_ideas; i++)
			if (s->ideas[i].group == gr->id && on_board(s, &s->ideas[i])) n++;
		xgrow((void **)&r->items, &r->cap_items, r->n_items + 1, sizeof *r->items);
		struct item *it = &r->items[r->n_items++];
		*it = (struct item){ .id = gr->id, .category = -1, .text = gr->name };
		word_n(it->count_label, sizeof it->count_label, r->words, W_BOARD_GROUP_IDEAS, (long)n);
		it->author = it->count_label;
	}
}

/* The chart rows of a vote (ranked) or a poll (in the order of its choices). */
static void collect_rows(struct room_view *r, const struct session *s, const struct activity *a, int bars)
{
	size_t n = session_results(s, a, NULL, 0);
	struct result_row *rr = xcalloc(n ? n : 1, sizeof *rr);
	session_results(s, a, rr, n);
	r->n_rows = 0;
	r->undotted = 0;
	long total = 0;
	if (a->kind == ACTIVITY_POLL) {
		total = session_voters(s, a);
		/* poll rows come ranked: put them back in the order of the choices */
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && rr[j].item < rr[j - 1].item; j--) {
				struct result_row t = rr[j];
				rr[j] = rr[j - 1];
				rr[j - 1] = t;
			}
	}
	for (size_t i = 0; i < n; i++) {
		const char *text = NULL, *picto = NULL, *photo = NULL;
		int photo_w = 0, photo_h = 0;
		if (a->kind == ACTIVITY_VOTE && a->on_groups) {
			const struct group *g = session_group(s, rr[i].item);
			text = g ? g->name : NULL;
		} else if (a->kind == ACTIVITY_VOTE) {
			const struct idea *d = session_idea(s, rr[i].item);
			text = d && on_board(s, d) ? d->text : NULL;
			picto = text ? category_picto(s, d) : NULL;
			photo = text ? nonempty(d->photo) : NULL;
			if (photo) {
				photo_w = d->photo_w;
				photo_h = d->photo_h;
			}
		} else if (a->poll != POLL_SCALE && rr[i].item < a->n_options) {
			text = a->options[rr[i].item];
			picto = a->pictos ? nonempty(a->pictos[rr[i].item]) : NULL;
		}
		if (!text && !(a->kind == ACTIVITY_POLL && a->poll == POLL_SCALE)) continue;
		if (a->kind == ACTIVITY_VOTE && bars && rr[i].count == 0 && rr[0].count > 0) {
			r->undotted++;  /* the ranking is of what got dots: the rest is counted */
			continue;
		}
		xgrow((void **)&r->rows, &r->cap_rows, r->n_rows + 1, sizeof *r->rows);
		struct rview *row = &r->rows[r->n_rows++];
		memset(row, 0, sizeof *row);
		row->item = rr[i].item;
		row->count = rr[i].count;
		row->paper = rr[i].paper;
		row->rank = rr[i].rank;
		row->text = text;
		row->picto = picto;
		row->photo = photo;
		row->photo_w = photo_w;
		row->photo_h = photo_h;
		if (a->kind == ACTIVITY_POLL && a->poll == POLL_SCALE) {
			snprintf(row->rank_label, sizeof row->rank_label, "%u", rr[i].item);
			row->text = NULL;
		} else if (a->kind == ACTIVITY_VOTE) {
			snprintf(row->rank_label, sizeof row->rank_label, "%d", row->rank);
		}
		if (!bars) continue;
		if (a->kind == ACTIVITY_POLL && total > 0)
			snprintf(row->count_label, sizeof row->count_label, "%d \xc2\xb7 %ld%%", row->count,
			         (row->count * 100L + total / 2) / total);
		else
			snprintf(row->count_label, sizeof row->count_label, "%d", row->count);
		if (row->paper) {   /* "12 · varav 4 på papper": the paper part is marked (issue 20) */
			char of[64];
			size_t k = strlen(row->count_label);
			word_n(of, sizeof of, r->words, W_BOARD_PAP_OF, row->paper);
			snprintf(row->count_label + k, sizeof row->count_label - k, " \xc2\xb7 %s", of);
		}
	}
	for (size_t i = 0; i < r->n_rows; i++) {   /* ties: a rank shared with a neighbour */
		struct rview *row = &r->rows[i];
		row->tie = a->kind == ACTIVITY_VOTE &&
		         ((i > 0 && r->rows[i - 1].rank == row->rank) ||
		          (i + 1 < r->n_rows && r->rows[i + 1].rank == row->rank));
	}
	free(rr);
}

/* A vote's items as the rows of a list (no ranks, no bars). */
void board_items_to_rows(struct room_view *r)
{
	r->n_rows = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		xgrow((void **)&r->rows, &r->cap_rows, r->n_rows + 1, sizeof *r->rows);
		struct rview *row = &r->rows[r->n_rows++];
		memset(row, 0, sizeof *row);
		row->item = r->items[i].id;
		row->text = r->items[i].text;
		row->picto = r->items[i].picto;
		row->photo = r->items[i].photo;
		row->photo_w = r->items[i].photo_w;
		row->photo_h = r->items[i].photo_h;
	}
}

/* A screened activity: how many ideas wait in the facilitator's queue (a count, never what). */
static void screen_banner(struct room_view *r, const struct session *s, const struct activity *a)
{
	long n = 0;
	for (size_t i = 0; a->screened && i < s->n_ideas; i++)
		n += s->ideas[i].activity == a->id && s->ideas[i].status == IDEA_WAITING && !s->ideas[i].hidden;
	if (n) word_n(r->banner_text, sizeof r->banner_text, r->words, W_BOARD_SCR_WAITING, n);
}

/* "18 av 25 har röstat" (id) when the room's size is known, else leaves buf as it is. */
static void progress_text(struct room_view *r, enum word_id id, char *buf, size_t len)
{
	if (r->progress_of <= 0) return;
	char d[16], o[16];
	snprintf(d, sizeof d, "%d", r->progress_done);
	snprintf(o, sizeof o, "%d", r->progress_of);
	const char *const names[] = { "done", "of" }, *const values[] = { d, o };
	word_expand(buf, len, word(r->words, id), 2, names, values);
}

/* A row of the chart with its own words (consent answers, need-more-time answers). */
static void word_row(struct room_view *r, uint32_t item, enum word_id id, int count)
{
	xgrow((void **)&r->rows, &r->cap_rows, r->n_rows + 1, sizeof *r->rows);
	struct rview *row = &r->rows[r->n_rows++];
	memset(row, 0, sizeof *row);
	row->item = item;
	row->count = count;
	row->rank = (int)item;
	row->text = word(r->words, id);
	snprintf(row->count_label, sizeof row->count_label, "%d", count);
}

/* A consent round: the four counts as bars once revealed (the round, and earlier rounds'
 * counts small in the banner); before that how many have answered, never who. */
static void consent_view(struct room_view *r, const struct session *s, const struct activity *a)
{
	static const enum word_id ids[CONSENT_VALUES] = { 0, W_BOARD_CNS_YES, W_BOARD_CNS_LIVE, W_BOARD_CNS_CONCERN,
	                                                  W_BOARD_CNS_OBJECTION };
	char line[200] = "";
	r->consent_round = a->consent_round;
	if (session_results_visible(s, a, 0)) {
		int n[CONSENT_VALUES];
		session_consent_counts(s, a, a->consent_round, n);
		for (int k = CONSENT_YES; k < CONSENT_VALUES; k++) word_row(r, (uint32_t)k, ids[k], n[k]);
		r->chart_bars = 1;
		r->mode = MODE_CHART;
		char rd[16];
		snprintf(rd, sizeof rd, "%d", a->consent_round);
		const char *const names[] = { "round" }, *const values[] = { rd };
		word_expand(r->banner_text, sizeof r->banner_text, word(r->words, W_BOARD_CNS_ROUND), 1, names, values);
		for (size_t i = 0; i < s->n_consent_log; i++) {   /* the earlier rounds, small, newest first */
			const struct consent_record *e = &s->consent_log[s->n_consent_log - 1 - i];
			if (e->activity != a->id) continue;
			char v[5][16];
			snprintf(v[0], sizeof v[0], "%d", e->round);
			for (int k = CONSENT_YES; k < CONSENT_VALUES; k++) snprintf(v[k], sizeof v[k], "%d", e->count[k]);
			const char *const en[] = { "round", "yes", "live", "concern", "objection" };
			const char *const ev[] = { v[0], v[1], v[2], v[3], v[4] };
			word_expand(line, sizeof line, word(r->words, W_BOARD_CNS_EARLIER), 5, en, ev);
			size_t k = strlen(r->banner_text);
			snprintf(r->banner_text + k, sizeof r->banner_text - k, " \xc2\xb7 %s", line);
		}
		return;
	}
	r->silent_n = (size_t)r->progress_done;
	r->silent_answers = 1;
	r->mode = MODE_SILENT;
	word_n(line, sizeof line, r->words, W_BOARD_ANSWERS, r->progress_done);
	progress_text(r, W_BOARD_CNS_ANSWERED, line, sizeof line);
	snprintf(r->banner_text, sizeof r->banner_text, "%s", line);
}

/* An actions activity (issue 20): every action as a row: its status in the rank cell, then
 * what, and "Who: ... · By when: ...". */
static void actions_view(struct room_view *r, const struct session *s, const struct activity *a)
{
	static const enum word_id st[ACTION_STATUSES] = { W_BOARD_ACT_PLANNED, W_BOARD_ACT_STARTED, W_BOARD_ACT_DONE,
	                                                  W_BOARD_ACT_DROPPED };
	size_t k = 0;
	for (size_t i = 0; i < s->n_actions; i++) k += s->actions[i].activity == a->id;
	r->actions = 1;
	r->empty_msg = word(r->words, W_BOARD_ACT_NONE);
	r->empty_msg_hint = NULL;
	if (!k) return;
	xgrow((void **)&r->row_texts, &r->cap_row_texts, k, sizeof *r->row_texts);
	xgrow((void **)&r->rows, &r->cap_rows, k, sizeof *r->rows);
	for (size_t i = 0; i < s->n_actions; i++) {
		const struct action *x = &s->actions[i];
		if (x->activity != a->id) continue;
		struct rview *row = &r->rows[r->n_rows];
		char *t = r->row_texts[r->n_rows++];
		memset(row, 0, sizeof *row);
		row->item = x->id;
		row->rank = (int)x->status + 1;
		row->status = (int)x->status;
		snprintf(row->rank_label, sizeof row->rank_label, "%s", word(r->words, st[(unsigned)x->status < ACTION_STATUSES ? x->status : 0]));
		int n = snprintf(t, BOARD_ACTION_TEXT, "%s\n%s: %s", x->text, word(r->words, W_BOARD_ACT_WHO),
		                 *x->who ? x->who : word(r->words, W_BOARD_ACT_NOBODY));
		if (*x->due && n > 0 && n < BOARD_ACTION_TEXT)
			n += snprintf(t + n, BOARD_ACTION_TEXT - (size_t)n, " \xc2\xb7 %s: \xe2\x81\xa6%s\xe2\x81\xa9", word(r->words, W_BOARD_ACT_DUE), x->due);   /* LRI date PDI: 2027-03-31 reads the same in Arabic */
		if (x->volunteer && n > 0 && n < BOARD_ACTION_TEXT)
			snprintf(t + n, BOARD_ACTION_TEXT - (size_t)n, " \xc2\xb7 %s", word(r->words, W_BOARD_ACT_OFFER));
		row->text = t;
	}
	r->mode = MODE_CHART;
	word_n(r->banner_text, sizeof r->banner_text, r->words, W_REPORT_ACT_N, (long)k);
}

/* "Need more time?" asked: the three answers as bars over whatever activity is on. */
static void moretime_view(struct room_view *r, const struct session *s, const struct activity *a)
{
	static const enum word_id ids[MORETIME_VALUES] = { W_BOARD_CNS_MT_DONE, W_BOARD_CNS_MT_LITTLE, W_BOARD_CNS_MT_MORE };
	int n[MORETIME_VALUES];
	session_moretime_counts(s, a, n);
	r->n_rows = r->n_items = r->n_groups = r->n_grouped = 0;
	for (int k = 0; k < MORETIME_VALUES; k++) word_row(r, (uint32_t)k + 1, ids[k], n[k]);
	r->chart_bars = 1;
	r->markers = 0;
	r->mode = MODE_CHART;
	r->moretime = 1;
	snprintf(r->banner_text, sizeof r->banner_text, "%s", word(r->words, W_BOARD_CNS_MT_QUESTION));
}

/* The banner over the notes: how a vote or a poll is going. */
static void banner_for(struct room_view *r, const struct session *s, const struct activity *a)
{
	char who[96], dots[64];
	r->banner_text[0] = '\0';
	if (!a) return;
	if (a->kind == ACTIVITY_VOTE) {
		long n = session_voters(s, a);
		word_n(who, sizeof who, r->words, W_BOARD_VOTED, n);
		progress_text(r, W_BOARD_CNS_VOTED, who, sizeof who);
		word_n(dots, sizeof dots, r->words, W_BOARD_DOTS_EACH, a->budget);
		if (a->phase == PHASE_PREPARED)
			snprintf(r->banner_text, sizeof r->banner_text, "%s \xc2\xb7 %s", word(r->words, W_BOARD_VOTE_SOON), dots);
		else if (session_results_visible(s, a, 0) && r->undotted) {
			char un[96];
			word_n(un, sizeof un, r->words, a->on_groups ? W_BOARD_UNDOTTED_GROUPS : W_BOARD_UNDOTTED_IDEAS, (long)r->undotted);
			snprintf(r->banner_text, sizeof r->banner_text, "%s \xc2\xb7 %s", who, un);
		} else if (session_results_visible(s, a, 0))
			snprintf(r->banner_text, sizeof r->banner_text, "%s", who);
		else if (a->phase == PHASE_OPEN)
			snprintf(r->banner_text, sizeof r->banner_text, "%s \xc2\xb7 %s \xc2\xb7 %s", who, dots,
			         word(r->words, W_BOARD_VOTE_HIDDEN));
		else
			snprintf(r->banner_text, sizeof r->banner_text, "%s \xc2\xb7 %s \xc2\xb7 %s", word(r->words, W_BOARD_VOTE_CLOSED),
			         who, word(r->words, W_BOARD_VOTE_HIDDEN));
	} else if (a->kind == ACTIVITY_POLL) {
		word_n(who, sizeof who, r->words, W_BOARD_ANSWERS, session_voters(s, a));
		progress_text(r, W_BOARD_CNS_ANSWERED, who, sizeof who);
		if (a->phase == PHASE_PREPARED)
			snprintf(r->banner_text, sizeof r->banner_text, "%s", word(r->words, W_BOARD_POLL_SOON));
		else if (a->phase == PHASE_OPEN && a->poll != POLL_SCALE)
			snprintf(r->banner_text, sizeof r->banner_text, "%s \xc2\xb7 %s", who,
			         a->poll == POLL_SINGLE ? word(r->words, W_BOARD_CHOOSE_ONE) : word(r->words, W_BOARD_CHOOSE_MANY));
		else
			snprintf(r->banner_text, sizeof r->banner_text, "%s", who);
	}
}

/* Read the view: the current activity (returned), its place on the agenda and its timer, and
 * what the notes area shows: the mode and its notes, groups or rows, the banner. */
const struct activity *board_view_update(struct room_view *r, const struct board_view *v)
{
	const struct session *s = v->session;
	r->s = s;
	const struct activity *act = s ? session_current(s) : NULL;
	r->act_id = act ? act->id : 0;
	r->act_kind = act ? act->kind : ACTIVITY_IDEAS;
	r->phase = act ? act->phase : PHASE_PREPARED;
	r->n_acts = s ? (int)s->n_activities : 0;
	r->act_index = 0;
	for (size_t i = 0; act && i < s->n_activities; i++)
		if (s->activities[i].id == act->id) r->act_index = (int)i + 1;
	r->timer_state = timer_of(act, v->now_ms, r->timer_text, sizeof r->timer_text, &r->timer_left);
	collect_signals(r, s, act, v->now_ms);

	/* what the notes area shows */
	r->n_items = r->n_groups = r->n_grouped = r->n_rows = 0;
	r->silent_n = 0;
	r->silent_answers = 0;
	r->markers = 0;
	r->undotted = 0;
	r->can_group = 0;
	r->chart_bars = 0;
	r->banner_text[0] = '\0';
	r->empty_msg = word(r->words, W_BOARD_EMPTY_TITLE);
	r->empty_msg_hint = word(r->words, W_BOARD_EMPTY_HINT);
	r->mode = MODE_JOIN;
	/* tables as columns: an activity that asks for it, or the board's key, while there are tables */
	r->by_table = act && s->n_tables > 0 && (act->kind == ACTIVITY_IDEAS || act->kind == ACTIVITY_VOTE) &&
	              (act->by_table || r->tables_on);
	round_for(r, act);
	r->consent_round = r->moretime = 0;
	r->progress_done = act ? session_progress(s, act) : 0;
	r->progress_of = 0;
	if (act) {   /* of: the phones connected now plus the proxies, never less than done */
		int of = v->phones;
		for (size_t i = 0; i < s->n_participants; i++) of += s->participants[i].proxy;
		r->progress_of = of > 0 && of < r->progress_done ? r->progress_done : of;
	}
	r->actions = 0;
	if (act && act->kind == ACTIVITY_CONSENT) {
		consent_view(r, s, act);
	} else if (act && act->kind == ACTIVITY_ACTIONS) {
		actions_view(r, s, act);
	} else if (act && act->kind == ACTIVITY_IDEAS) {
		if (act->phase == PHASE_OPEN) progress_text(r, W_BOARD_CNS_POSTED, r->banner_text, sizeof r->banner_text);
		if (act->silent && act->phase != PHASE_REVEALED) {
			for (size_t i = 0; i < s->n_ideas; i++) {
				const struct idea *d = &s->ideas[i];
				r->silent_n += d->activity == act->id && !d->hidden && !d->merged_into && d->status == IDEA_SHOWN;
			}
			if (r->silent_n) r->mode = MODE_SILENT;
		} else {
			collect_ideas(r, s, act->id);
			if (r->n_items || r->n_groups) r->mode = MODE_NOTES;
			r->can_group = !r->by_table;   /* the table groups are no session groups to drop on */
			screen_banner(r, s, act);
		}
		if (r->round_text[0] && r->banner_text[0]) {   /* the round, then how many wait to be shown */
			char waiting[sizeof r->banner_text];
			snprintf(waiting, sizeof waiting, "%s", r->banner_text);
			snprintf(r->banner_text, sizeof r->banner_text, "%.96s \xc2\xb7 %.96s", r->round_text, waiting);
		} else if (r->round_text[0]) {
			snprintf(r->banner_text, sizeof r->banner_text, "%s", r->round_text);
		}
	} else if (act && act->kind == ACTIVITY_VOTE) {
		if (session_results_visible(s, act, 0)) {
			r->chart_bars = 1;
			collect_rows(r, s, act, 1);
			r->mode = r->n_rows ? MODE_CHART : MODE_JOIN;
		} else {
			if (act->on_groups) collect_group_items(r, s, act);
			else collect_ideas(r, s, act->source);
			r->mode = r->n_items ? MODE_NOTES : MODE_JOIN;
		}
		banner_for(r, s, act);
		r->empty_msg = word(r->words, W_BOARD_NO_ITEMS);
		r->empty_msg_hint = NULL;
	} else if (act && act->kind == ACTIVITY_POLL) {
		banner_for(r, s, act);
		r->chart_bars = session_results_visible(s, act, 0);
		if (!r->chart_bars && act->poll == POLL_SCALE) {
			/* nothing to read before the results but how many answered */
			r->silent_n = (size_t)session_voters(s, act);
			r->silent_answers = 1;
			r->mode = MODE_SILENT;
			r->banner_text[0] = '\0';
		} else {
			collect_rows(r, s, act, r->chart_bars);
			r->markers = r->chart_bars ? 0 : act->poll == POLL_SINGLE ? 1 : 2;
			r->mode = MODE_CHART;
		}
	}
	if (act && act->moretime_open) moretime_view(r, s, act);
	if (r->mode == MODE_JOIN) r->banner_text[0] = '\0';
	if (r->mode == MODE_JOIN && act && act->kind == ACTIVITY_IDEAS)   /* the round shows before its ideas */
		snprintf(r->banner_text, sizeof r->banner_text, "%s", r->round_text);
	return act;
}

void board_room_free(struct room_view *r)
{
	free(r->items);
	free(r->groups);
	free(r->rows);
	free(r->table_names);
	free(r->row_texts);
	free(r->seen_url);
	free(r->seen_fac_url);
	free(r->seen_notice);
}
