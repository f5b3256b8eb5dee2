/* server-publish.c: who hears of what. The events of an applied command become small
 * messages to those who may see them, or one fresh state for everyone at the end of the loop
 * pass; the number of phones is announced at most every PRESENCE_MS. */
#include "server.h"
#include "proto.h"
#include "net.h"
#include "util.h"

#include <stdlib.h>

#define PROGRESS_MS     250    /* the facilitator's "18 of 25" at most this often: a room voting at
                                  once costs one message per 250 ms, not one per vote */
#define PRESENCE_MS     250    /* tell the phones the number present at most this often: a crowd
                                  joining at once costs one presence per phone per 250 ms, not one
                                  per phone per join (N^2/2 messages) */

static int is_facilitator_peer(const struct server *a, const struct peer *p, const void *arg)
{
	(void)a; (void)arg;
	return p->facilitator;
}

static int sees_idea_phone(const struct server *a, const struct peer *p, const void *arg)
{
	return !p->facilitator && session_idea_visible(a->s, arg, p->participant, 0);
}

/* A phone that had the idea and may no longer see it. A screened idea not (yet) shown was only
 * ever its author's: no one else is told of it, not even its id. */
static int lost_idea_phone(const struct server *a, const struct peer *p, const void *arg)
{
	const struct idea *i = arg;
	return !p->facilitator && i->status == IDEA_SHOWN && !session_idea_visible(a->s, i, p->participant, 0);
}

static int is_participant_peer(const struct server *a, const struct peer *p, const void *arg)
{
	(void)a;
	return !p->facilitator && p->participant == *(const uint32_t *)arg;
}

static int sees_results(const struct server *a, const struct peer *p, const void *arg)
{
	return session_results_visible(a->s, arg, p->facilitator);
}

/* A fresh state to each joined peer for which want() holds (a few: one phone's, the facilitator's). */
static void send_state_if(struct server *a, int (*want)(const struct server *, const struct peer *, const void *),
                          const void *arg)
{
	int64_t t = server_now_ms();
	for (size_t i = 0; i < a->n_peers; i++) {
		const struct peer *p = &a->peers[i];
		if (p->joined && !p->interpreter && want(a, p, arg))
			server_send(a, p->id, proto_encode_state(a->s, p->participant, p->facilitator, a->phones, t));
	}
}

/* One participant's answer (consent, need more time) changed: a fresh state to their own
 * phone (or, for a proxy, to the facilitator) and to the facilitator, who sees the counts.
 * Everyone else's view is unchanged until the results are revealed. */
static void answer_changed(struct server *a, uint32_t who)
{
	const struct participant *p = who ? session_participant(a->s, who) : NULL;
	if (!p) {
		a->need_state = 1;
		return;
	}
	if (!p->proxy) send_state_if(a, is_participant_peer, &who);
	send_state_if(a, is_facilitator_peer, NULL);
}

static void mark_results(struct server *a, uint32_t activity)
{
	for (size_t i = 0; i < a->n_dirty_results; i++)
		if (a->dirty_results[i] == activity) return;
	if (a->n_dirty_results < NELEM(a->dirty_results))
		a->dirty_results[a->n_dirty_results++] = activity;
	else
		a->need_state = 1;   /* too many at once: a fresh state carries every result */
}

/* Tell the phones what the events of an applied command changed. Frequent events (ideas,
 * votes, answers) go out as small messages to those who may see them; rare, facilitator-made
 * ones ask for one fresh state for everyone at the end of the loop pass. */
void server_publish(struct server *a, const struct session_result *res)
{
	for (size_t k = 0; k < res->n_events; k++) {
		const struct event *ev = &res->events[k];
		const struct idea *idea;
		switch (ev->type) {
		case EV_IDEA_ADDED:
			idea = session_idea(a->s, ev->id);
			server_broadcast_if(a, proto_encode_idea(a->s, "idea.added", ev->id, 0, 1), is_facilitator_peer, NULL);
			server_broadcast_if(a, proto_encode_idea(a->s, "idea.added", ev->id, 0, 0), sees_idea_phone, idea);
			break;
		case EV_IDEA_CHANGED:
			idea = session_idea(a->s, ev->id);
			if (idea->photo) net_photo_hide(a->net, idea->photo, idea->hidden);
			server_broadcast_if(a, proto_encode_idea(a->s, "idea.changed", ev->id, 0, 1), is_facilitator_peer, NULL);
			server_broadcast_if(a, proto_encode_idea(a->s, "idea.changed", ev->id, 0, 0), sees_idea_phone, idea);
			server_broadcast_if(a, proto_encode_idea_removed(ev->id), lost_idea_phone, idea);
			break;
		case EV_VOTES_CHANGED:
		case EV_ANSWERS_CHANGED: {
			uint32_t who = ev->other;
			const struct participant *p = who ? session_participant(a->s, who) : NULL;
			char *(*mine)(const struct session *, uint32_t, uint32_t) =
				ev->type == EV_VOTES_CHANGED ? proto_encode_votes_mine : proto_encode_answer_mine;
			if (!who) a->need_state = 1;   /* many participants' dots moved (merge, hide) */
			else if (p && p->proxy) server_broadcast_if(a, mine(a->s, ev->id, who), is_facilitator_peer, NULL);
			else server_broadcast_if(a, mine(a->s, ev->id, who), is_participant_peer, &who);
			mark_results(a, ev->id);
			break;
		}
		case EV_PARTICIPANT_JOINED:
			if (session_participant(a->s, ev->id)->proxy) a->need_state = 1;   /* the facilitator's list */
			break;
		case EV_PARTICIPANT_RETURNED:
			break;
		case EV_SIGNALS_CHANGED:
			server_broadcast_if(a, proto_encode_signals(a->s, ev->id), is_facilitator_peer, NULL);
			break;
		case EV_TABLES_CHANGED: {    /* tables and rounds: who sits where */
			/* One person's seat: a phone sees only its own, so only that phone and the
			 * facilitator (once per pass) hear of it; a crowd choosing tables costs one state
			 * each, not one for everyone per choice. The count or a deal: everyone. */
			uint32_t who = ev->id;
			const struct participant *p = who ? session_participant(a->s, who) : NULL;
			if (!p) {
				a->need_state = 1;
				break;
			}
			if (!p->proxy)
				server_broadcast_if(a, proto_encode_state(a->s, who, 0, a->phones, server_now_ms()), is_participant_peer,
				                    &who);
			a->need_fac_state = 1;
			break;
		}
		case EV_CONSENT_CHANGED:     /* consent: one answer, or a new round for everyone */
		case EV_MORETIME_CHANGED:    /* "need more time?": one answer, or asked or closed */
			if (a->need_state) break;   /* everyone gets a state anyway */
			if (ev->other) answer_changed(a, ev->other);
			else a->need_state = 1;
			break;
		case EV_ACTION_CHANGED:      /* actions (issue 20) */
		case EV_PAPER_CHANGED:       /* paper batches (issue 20) */
			a->need_state = 1;
			break;
		case EV_GROUP_ADDED:
		case EV_GROUP_CHANGED:
		case EV_ACTIVITY_ADDED:
		case EV_ACTIVITY_CHANGED:
		case EV_PHASE_CHANGED:
		case EV_CURRENT_CHANGED:
			a->need_state = 1;
			break;
		}
	}
}

/* 1 if some joined peer may see act's results now (a facilitator always may). */
static int anyone_sees_results(const struct server *a, const struct activity *act)
{
	for (size_t i = 0; i < a->n_peers; i++)
		if (a->peers[i].joined && sees_results(a, &a->peers[i], act)) return 1;
	return 0;
}

/* Milliseconds until a changed number of phones is due to be announced; -1 when none is. */
int server_presence_wait(const struct server *a, int64_t t)
{
	if (a->phones == a->presence_sent) return -1;
	int64_t due = a->presence_at + PRESENCE_MS;
	return due > t ? (int)(due - t) : 0;
}

/* The figures of the room's progress on the current activity, recomputed only when the
 * session or the phones changed. */
static void progress_update(struct server *a)
{
	if (a->progress_version == a->s->version && a->progress_phones == a->phones && a->progress_version) return;
	const struct activity *act = session_current(a->s);
	a->progress_version = a->s->version;
	a->progress_phones = a->phones;
	a->progress_act = act ? act->id : 0;
	a->progress_done = act ? session_progress(a->s, act) : 0;
	a->progress_of = act ? proto_room_size(a->s, act, a->phones) : 0;
}

int server_progress_wait(const struct server *a, int64_t t)
{
	if (!a->progress_act || (a->progress_act == a->progress_sent_act && a->progress_done == a->progress_sent_done &&
	                         a->progress_of == a->progress_sent_of))
		return -1;
	int64_t due = a->progress_at + PROGRESS_MS;
	return due > t ? (int)(due - t) : 0;
}

/* Send what server_publish() collected: one state per peer, or the changed results (built
 * only when someone may see them: a vote with hidden results costs nothing per vote); then
 * the number of phones, if it changed and the last announcement is PRESENCE_MS old. */
void server_flush_pending(struct server *a)
{
	int64_t t = server_now_ms();
	if (a->need_state) {
		for (size_t i = 0; i < a->n_peers; i++) {
			const struct peer *p = &a->peers[i];
			if (p->joined && p->interpreter)
				server_send(a, p->id, proto_encode_interpreter_state(a->s, a->phones, t));
			else if (p->joined)
				server_send(a, p->id, proto_encode_state(a->s, p->participant, p->facilitator, a->phones, t));
		}
	} else {
		for (size_t i = 0; a->need_fac_state && i < a->n_peers; i++)
			if (a->peers[i].joined && a->peers[i].facilitator)
				server_send(a, a->peers[i].id, proto_encode_state(a->s, 0, 1, a->phones, t));
		for (size_t i = 0; i < a->n_dirty_results; i++) {
			const struct activity *act = session_activity(a->s, a->dirty_results[i]);
			if (act && anyone_sees_results(a, act))
				server_broadcast_if(a, proto_encode_results(a->s, act->id), sees_results, act);
		}
	}
	a->need_state = 0;
	a->need_fac_state = 0;
	a->n_dirty_results = 0;
	if (server_presence_wait(a, t) == 0) {
		server_broadcast_if(a, proto_encode_presence(a->phones), NULL, NULL);
		a->presence_sent = a->phones;
		a->presence_at = t;
	}
	progress_update(a);
	if (server_progress_wait(a, t) == 0) {
		server_broadcast_if(a, proto_encode_progress(a->progress_act, a->progress_done, a->progress_of),
		                    is_facilitator_peer, NULL);
		a->progress_sent_act = a->progress_act;
		a->progress_sent_done = a->progress_done;
		a->progress_sent_of = a->progress_of;
		a->progress_at = t;
	}
}
