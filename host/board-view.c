/* board-view.c: what the room sees, read from the session: the mode, the notes, groups and chart
 * rows it shows, the banner, the timer; and whether the view changed since the last layout. */
#include "board-int.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int board_view_changed(const struct board *b, const struct board_view *v)
{
	const struct session *s = v->session;
	if (!b->seen_valid || s != b->s || v->phones != b->seen_phones) return 1;
	if (s && s->version != b->seen_version) return 1;
	if (str_differs(nonempty(v->join_url), b->seen_url)) return 1;
	if (str_differs(nonempty(v->notice), b->seen_notice)) return 1;
	if (b->overlay == OVERLAY_FACILITATOR && str_differs(nonempty(v->facilitator_url), b->seen_fac_url))
		return 1;
	char t[24];
	int64_t left;
	timer_of(s ? session_current(s) : NULL, v->now_ms, t, sizeof t, &left);
	return strcmp(t, b->seen_timer) != 0;
}

void board_remember_view(struct board *b, const struct board_view *v)
{
	const struct session *s = v->session;
	b->s = s;
	b->seen_valid = 1;
	b->seen_version = s ? s->version : 0;
	b->seen_phones = v->phones;
	str_keep(&b->seen_url, nonempty(v->join_url));
	str_keep(&b->seen_notice, nonempty(v->notice));
	str_keep(&b->seen_fac_url, nonempty(v->facilitator_url));
	snprintf(b->seen_timer, sizeof b->seen_timer, "%s", b->timer_text);
}

/* An idea as a note: its text and its author line. The facilitator's (typed in at the board)
 * carries the badge, which no participant's name can draw, whatever the name says. */
static struct item idea_item(const struct board *b, const struct session *s, const struct idea *idea)
{
	struct item it = { .id = idea->id, .category = idea->category, .text = idea->text };
	if (!idea->author) {
		it.author = board_word(b, W_FACILITATOR);
		it.facilitator = 1;
	} else {
		const struct participant *p = session_participant(s, idea->author);
		it.author = p && p->name && *p->name ? p->name : NULL;
	}
	return it;
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

/* The ideas of activity src as items, grouped ones first in the order of their groups. */
static void collect_ideas(struct board *b, const struct session *s, uint32_t src)
{
	b->n_items = b->n_groups = b->n_grouped = 0;
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (!group_live(gr, src)) continue;
		xgrow((void **)&b->groups, &b->cap_groups, b->n_groups + 1, sizeof *b->groups);
		struct gview *gv = &b->groups[b->n_groups++];
		memset(gv, 0, sizeof *gv);
		gv->id = gr->id;
		gv->name = gr->name;
		for (size_t i = 0; i < s->n_ideas; i++) {
			const struct idea *d = &s->ideas[i];
			if (d->activity != src || d->group != gr->id || !on_board(s, d)) continue;
			xgrow((void **)&b->items, &b->cap_items, b->n_items + 1, sizeof *b->items);
			struct item *it = &b->items[b->n_items++];
			*it = idea_item(b, s, d);
			it->group = gr->id;
			gv->n++;
		}
	}
	b->n_grouped = b->n_items;
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity != src || !on_board(s, d)) continue;
		const struct group *gr = d->group ? session_group(s, d->group) : NULL;
		if (gr && group_live(gr, src)) continue;
		xgrow((void **)&b->items, &b->cap_items, b->n_items + 1, sizeof *b->items);
		b->items[b->n_items++] = idea_item(b, s, d);
	}
}

/* The groups of activity src as items of a vote on groups. */
static void collect_group_items(struct board *b, const struct session *s, const struct activity *vote)
{
	b->n_items = b->n_groups = b->n_grouped = 0;
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (!session_item_votable(s, vote, gr->id)) continue;
		size_t n = 0;
		for (size_t i = 0; i < s->n_ideas; i++)
			if (s->ideas[i].group == gr->id && on_board(s, &s->ideas[i])) n++;
		xgrow((void **)&b->items, &b->cap_items, b->n_items + 1, sizeof *b->items);
		struct item *it = &b->items[b->n_items++];
		*it = (struct item){ .id = gr->id, .category = -1, .text = gr->name };
		board_count(b, it->count_label, sizeof it->count_label, W_BOARD_GROUP_IDEAS, (long)n);
		it->author = it->count_label;
	}
}

/* The chart rows of a vote (ranked) or a poll (in the order of its choices). */
static void collect_rows(struct board *b, const struct session *s, const struct activity *a, int bars)
{
	size_t n = session_results(s, a, NULL, 0);
	struct result_row *rr = xcalloc(n ? n : 1, sizeof *rr);
	session_results(s, a, rr, n);
	b->n_rows = 0;
	b->undotted = 0;
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
		const char *text = NULL;
		if (a->kind == ACTIVITY_VOTE && a->on_groups) {
			const struct group *g = session_group(s, rr[i].item);
			text = g ? g->name : NULL;
		} else if (a->kind == ACTIVITY_VOTE) {
			const struct idea *d = session_idea(s, rr[i].item);
			text = d && on_board(s, d) ? d->text : NULL;
		} else if (a->poll != POLL_SCALE && rr[i].item < a->n_options) {
			text = a->options[rr[i].item];
		}
		if (!text && !(a->kind == ACTIVITY_POLL && a->poll == POLL_SCALE)) continue;
		if (a->kind == ACTIVITY_VOTE && bars && rr[i].count == 0 && rr[0].count > 0) {
			b->undotted++;  /* the ranking is of what got dots: the rest is counted */
			continue;
		}
		xgrow((void **)&b->rows, &b->cap_rows, b->n_rows + 1, sizeof *b->rows);
		struct rview *r = &b->rows[b->n_rows++];
		memset(r, 0, sizeof *r);
		r->item = rr[i].item;
		r->count = rr[i].count;
		r->rank = rr[i].rank;
		r->text = text;
		if (a->kind == ACTIVITY_POLL && a->poll == POLL_SCALE) {
			snprintf(r->rank_label, sizeof r->rank_label, "%u", rr[i].item);
			r->text = NULL;
		} else if (a->kind == ACTIVITY_VOTE) {
			snprintf(r->rank_label, sizeof r->rank_label, "%d", r->rank);
		}
		if (!bars) continue;
		if (a->kind == ACTIVITY_POLL && total > 0)
			snprintf(r->count_label, sizeof r->count_label, "%d \xc2\xb7 %ld%%", r->count,
			         (r->count * 100L + total / 2) / total);
		else
			snprintf(r->count_label, sizeof r->count_label, "%d", r->count);
	}
	for (size_t i = 0; i < b->n_rows; i++) {   /* ties: a rank shared with a neighbour */
		struct rview *r = &b->rows[i];
		r->tie = a->kind == ACTIVITY_VOTE &&
		         ((i > 0 && b->rows[i - 1].rank == r->rank) ||
		          (i + 1 < b->n_rows && b->rows[i + 1].rank == r->rank));
	}
	free(rr);
}

/* A vote's items as the rows of a list (no ranks, no bars). */
void board_items_to_rows(struct board *b)
{
	b->n_rows = 0;
	for (size_t i = 0; i < b->n_items; i++) {
		xgrow((void **)&b->rows, &b->cap_rows, b->n_rows + 1, sizeof *b->rows);
		struct rview *r = &b->rows[b->n_rows++];
		memset(r, 0, sizeof *r);
		r->item = b->items[i].id;
		r->text = b->items[i].text;
	}
}

/* The banner over the notes: how a vote or a poll is going. */
static void banner_for(struct board *b, const struct session *s, const struct activity *a)
{
	char who[96], dots[64];
	b->banner_text[0] = '\0';
	if (!a) return;
	if (a->kind == ACTIVITY_VOTE) {
		long n = session_voters(s, a);
		board_count(b, who, sizeof who, W_BOARD_VOTED, n);
		board_count(b, dots, sizeof dots, W_BOARD_DOTS_EACH, a->budget);
		if (a->phase == PHASE_PREPARED)
			snprintf(b->banner_text, sizeof b->banner_text, "%s \xc2\xb7 %s", board_word(b, W_BOARD_VOTE_SOON), dots);
		else if (session_results_visible(s, a, 0) && b->undotted) {
			char un[96];
			board_count(b, un, sizeof un, a->on_groups ? W_BOARD_UNDOTTED_GROUPS : W_BOARD_UNDOTTED_IDEAS, (long)b->undotted);
			snprintf(b->banner_text, sizeof b->banner_text, "%s \xc2\xb7 %s", who, un);
		} else if (session_results_visible(s, a, 0))
			snprintf(b->banner_text, sizeof b->banner_text, "%s", who);
		else if (a->phase == PHASE_OPEN)
			snprintf(b->banner_text, sizeof b->banner_text, "%s \xc2\xb7 %s \xc2\xb7 %s", who, dots,
			         board_word(b, W_BOARD_VOTE_HIDDEN));
		else
			snprintf(b->banner_text, sizeof b->banner_text, "%s \xc2\xb7 %s \xc2\xb7 %s", board_word(b, W_BOARD_VOTE_CLOSED),
			         who, board_word(b, W_BOARD_VOTE_HIDDEN));
	} else if (a->kind == ACTIVITY_POLL) {
		board_count(b, who, sizeof who, W_BOARD_ANSWERS, session_voters(s, a));
		if (a->phase == PHASE_PREPARED)
			snprintf(b->banner_text, sizeof b->banner_text, "%s", board_word(b, W_BOARD_POLL_SOON));
		else if (a->phase == PHASE_OPEN && a->poll != POLL_SCALE)
			snprintf(b->banner_text, sizeof b->banner_text, "%s \xc2\xb7 %s", who,
			         a->poll == POLL_SINGLE ? board_word(b, W_BOARD_CHOOSE_ONE) : board_word(b, W_BOARD_CHOOSE_MANY));
		else
			snprintf(b->banner_text, sizeof b->banner_text, "%s", who);
	}
}

/* Read the view: the current activity (returned), its place on the agenda and its timer, and
 * what the notes area shows: the mode and its notes, groups or rows, the banner. */
const struct activity *board_view_update(struct board *b, const struct board_view *v)
{
	const struct session *s = v->session;
	b->s = s;
	const struct activity *act = s ? session_current(s) : NULL;
	if ((act ? act->id : 0) != b->act_id && b->seen_valid) b->page = 0;  /* another activity: page 1 */
	b->act_id = act ? act->id : 0;
	b->act_kind = act ? act->kind : ACTIVITY_IDEAS;
	b->phase = act ? act->phase : PHASE_PREPARED;
	b->n_acts = s ? (int)s->n_activities : 0;
	b->act_index = 0;
	for (size_t i = 0; act && i < s->n_activities; i++)
		if (s->activities[i].id == act->id) b->act_index = (int)i + 1;
	b->timer_state = timer_of(act, v->now_ms, b->timer_text, sizeof b->timer_text, &b->timer_left);

	/* what the notes area shows */
	b->n_items = b->n_groups = b->n_grouped = b->n_rows = b->n_placed = b->groups_placed = 0;
	b->silent_n = 0;
	b->silent_answers = 0;
	b->markers = 0;
	b->undotted = 0;
	b->can_group = 0;
	b->chart_bars = 0;
	b->banner_text[0] = '\0';
	b->empty_msg = board_word(b, W_BOARD_EMPTY_TITLE);
	b->empty_msg_hint = board_word(b, W_BOARD_EMPTY_HINT);
	b->mode = MODE_JOIN;
	if (act && act->kind == ACTIVITY_IDEAS) {
		if (act->silent && act->phase != PHASE_REVEALED) {
			for (size_t i = 0; i < s->n_ideas; i++) {
				const struct idea *d = &s->ideas[i];
				b->silent_n += d->activity == act->id && !d->hidden && !d->merged_into;
			}
			if (b->silent_n) b->mode = MODE_SILENT;
		} else {
			collect_ideas(b, s, act->id);
			if (b->n_items || b->n_groups) b->mode = MODE_NOTES;
			b->can_group = 1;
		}
	} else if (act && act->kind == ACTIVITY_VOTE) {
		if (session_results_visible(s, act, 0)) {
			b->chart_bars = 1;
			collect_rows(b, s, act, 1);
			b->mode = b->n_rows ? MODE_CHART : MODE_JOIN;
		} else {
			if (act->on_groups) collect_group_items(b, s, act);
			else collect_ideas(b, s, act->source);
			b->mode = b->n_items ? MODE_NOTES : MODE_JOIN;
		}
		banner_for(b, s, act);
		b->empty_msg = board_word(b, W_BOARD_NO_ITEMS);
		b->empty_msg_hint = NULL;
	} else if (act && act->kind == ACTIVITY_POLL) {
		banner_for(b, s, act);
		b->chart_bars = session_results_visible(s, act, 0);
		if (!b->chart_bars && act->poll == POLL_SCALE) {
			/* nothing to read before the results but how many answered */
			b->silent_n = (size_t)session_voters(s, act);
			b->silent_answers = 1;
			b->mode = MODE_SILENT;
			b->banner_text[0] = '\0';
		} else {
			collect_rows(b, s, act, b->chart_bars);
			b->markers = b->chart_bars ? 0 : act->poll == POLL_SINGLE ? 1 : 2;
			b->mode = MODE_CHART;
		}
	}
	if (b->mode == MODE_JOIN) b->banner_text[0] = '\0';
	return act;
}
