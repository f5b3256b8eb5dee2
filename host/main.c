/* main.c: options, wiring and the loop. Phones' messages and board input become commands for
 * the session model; its events go out to the phones, to the board and to the session file. */
#include "board.h"
#include "journal.h"
#include "net.h"
#include "options.h"
#include "proto.h"
#include "report.h"
#include "session.h"
#include "store.h"
#include "util.h"

#include <SDL.h>
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Tunables. Every change is durable in the journal before anyone hears of it; the session
 * file (what staff open) is rewritten from it now and then. */
#define SNAPSHOT_QUIET_MS 300  /* rewrite the session file once changes pause this long ... */
#define SNAPSHOT_MAX_MS 1000   /* ... or when the oldest change not in it is this old (the
                                  file staff open is at most about a second behind); writing it
                                  (fsync, rename, fsync of the folder) holds up the journal's
                                  fdatasyncs behind it, so not in the middle of a burst of votes */
#define SNAPSHOT_MAX_ENTRIES 5000 /* ... or after this many journal entries */
#define QUIT_FLUSH_MS   10000  /* at quit, wait this long for the disk */
#define IDLE_WAIT_MS    250    /* longest sleep: how soon a signal is noticed */
#define RATE_PER_SEC    10     /* messages per second a phone may send on average ... */
#define RATE_BURST      40     /* ... and in a burst (a page resending after a reconnect) */
#define INBOX_BATCH     64
#define PRESENCE_MS     250    /* tell the phones the number present at most this often: a crowd
                                  joining at once costs one presence per phone per 250 ms, not one
                                  per phone per join (N^2/2 messages) */

#define STORAGE_MESSAGE "The host cannot save right now (its disk is full or unwritable), so nothing new is " \
                        "taken. Please wait; the facilitator has been told."

struct peer {
	uint32_t id;            /* net peer id */
	uint32_t participant;   /* 0 until hello (and for the facilitator) */
	int joined;             /* said hello successfully */
	int facilitator;        /* said hello with the facilitator key */
};

/* A journal line main applied and queued; it goes into the durable model once it is durable. */
struct pending_line {
	uint64_t seq;
	char *line;
};

/* A request whose answer waits for a number not yet durable: if that number is rolled back,
 * the answer is taken back and the request handled again on the rolled-back model. */
struct pending_req {
	uint64_t need;
	uint32_t peer;
	int joined_by_it;       /* it was the hello that joined the peer */
	char *text;
	size_t len;
};

struct app {
	struct options opt;
	struct session *s;
	char *path;                        /* session file */
	struct net *net;
	struct board *board;
	char join_url[256];
	char facilitator_url[1024];
	char key[33];                      /* facilitator key: 128 random bits in hex */
	struct peer *peers; size_t n_peers, cap_peers;   /* sorted by id */
	uint32_t *conns; size_t cap_conns;               /* open peers per participant id */
	int phones;                        /* participants with at least one open peer */
	struct journal *journal;           /* NULL in --screenshot */
	char *journal_path;
	int64_t last_change;               /* when the last change was journaled */
	int64_t first_unsaved;             /* ... and the first one since the last snapshot (0: none) */
	int snapshot_due;                  /* a phase changed: snapshot at the end of the pass */
	int storage_failing;               /* the journal cannot write: changes are refused */
	/* Rollback (see apply): the model as the disk holds it, and what is on the way there. */
	struct session *durable;           /* a->s minus the lines not yet durable */
	struct pending_line *lines; size_t n_lines, cap_lines;   /* journaled, not yet in durable */
	struct pending_req *reqs; size_t n_reqs, cap_reqs;       /* requests answered after a number
	                                                            not yet durable */
	uint32_t cur_peer;                 /* the peer whose request is being handled ... */
	uint64_t cur_need;                 /* ... and the number its answer waits for (0: none held) */
	int refused_storage;               /* apply() refused the last command: storage fails */
	char notice[512];                  /* shown on the board while storage fails */
	uint32_t wake_event;
	/* What the events of this loop pass asked for; flushed once by flush_pending(). */
	int need_state;                    /* everyone gets a fresh state */
	uint32_t dirty_results[16];        /* activities whose results changed */
	size_t n_dirty_results;
	int presence_sent;                 /* the number of phones last announced */
	int64_t presence_at;               /* ... and when */
};

static volatile sig_atomic_t quit_signal;

static void on_signal(int sig)
{
	quit_signal = sig;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Fill hex (2*n+1 bytes) with n random bytes from the kernel. */
static void random_hex(char *hex, size_t n)
{
	unsigned char buf[32];
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) {
			perror("medskapa: getrandom");
			exit(1);
		}
		got += (size_t)r;
	}
	for (size_t i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02x", buf[i]);
}

/* ---- peers ------------------------------------------------------------------------------ */

static struct peer *peer_find(struct app *a, uint32_t id)
{
	size_t lo = 0, hi = a->n_peers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->peers[mid].id == id) return &a->peers[mid];
		if (a->peers[mid].id < id) lo = mid + 1; else hi = mid;
	}
	return NULL;
}

/* Send msg (owned) to peers once everything applied so far is durable: every message goes
 * through here, so a phone never hears of a change that a crash could still take back, and
 * messages keep their order. The network edge holds it until the journal's writer reports
 * that sequence number durable (on_durable -> net_release), without a trip through this
 * thread. */
static void send_many(struct app *a, const uint32_t *peers, size_t n, char *msg)
{
	uint64_t need = a->journal ? journal_last(a->journal) : 0;
	if (n) net_send_after(a->net, need, peers, n, msg, strlen(msg));
	if (n == 1 && peers[0] == a->cur_peer && need > a->cur_need) a->cur_need = need;
	free(msg);
}

static void send_str(struct app *a, uint32_t peer, char *msg)
{
	send_many(a, &peer, 1, msg);
}

/* Send msg to every joined peer for which want(peer) is true (NULL: all); frees msg. */
static void broadcast_if(struct app *a, char *msg, int (*want)(const struct app *, const struct peer *, const void *),
                         const void *arg)
{
	uint32_t *ids = xmalloc((a->n_peers + 1) * sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < a->n_peers; i++)
		if (a->peers[i].joined && (!want || want(a, &a->peers[i], arg))) ids[n++] = a->peers[i].id;
	send_many(a, ids, n, msg);
	free(ids);
}

static void broadcast(struct app *a, char *msg)
{
	broadcast_if(a, msg, NULL, NULL);
}

/* A refusal changes nothing, so it need not wait for the disk; it does wait its turn behind
 * earlier answers, except while the disk fails (then those may never come). */
static void send_error(struct app *a, uint32_t peer, const struct proto_error *e)
{
	char *msg = proto_encode_error(e);
	if (a->storage_failing) {
		net_send(a->net, peer, msg, strlen(msg));
		free(msg);
		return;
	}
	send_str(a, peer, msg);
}

static void changed(struct app *a)
{
	if (a->board) board_invalidate(a->board);
}

/* Count a participant's open peers; when the number of phones changes, redraw (flush_pending
 * announces it to the phones, coalesced). */
static void count_phone(struct app *a, uint32_t participant, int delta)
{
	if (participant >= a->cap_conns) {
		size_t old = a->cap_conns;
		xgrow((void **)&a->conns, &a->cap_conns, (size_t)participant + 1, sizeof *a->conns);
		memset(a->conns + old, 0, (a->cap_conns - old) * sizeof *a->conns);
	}
	uint32_t before = a->conns[participant];
	if (delta < 0 && before == 0) return;
	a->conns[participant] = before + (uint32_t)delta;
	int was = before > 0, is = a->conns[participant] > 0;
	if (was == is) return;
	a->phones += is ? 1 : -1;
	if (a->board) board_invalidate(a->board);
}

/* ---- publishing events: who gets what ---------------------------------------------------- */

static int is_facilitator_peer(const struct app *a, const struct peer *p, const void *arg)
{
	(void)a; (void)arg;
	return p->facilitator;
}

static int sees_idea_phone(const struct app *a, const struct peer *p, const void *arg)
{
	return !p->facilitator && session_idea_visible(a->s, arg, p->participant, 0);
}

static int lost_idea_phone(const struct app *a, const struct peer *p, const void *arg)
{
	return !p->facilitator && !session_idea_visible(a->s, arg, p->participant, 0);
}

static int is_participant_peer(const struct app *a, const struct peer *p, const void *arg)
{
	(void)a;
	return !p->facilitator && p->participant == *(const uint32_t *)arg;
}

static int sees_results(const struct app *a, const struct peer *p, const void *arg)
{
	return session_results_visible(a->s, arg, p->facilitator);
}

static void mark_results(struct app *a, uint32_t activity)
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
static void publish(struct app *a, const struct session_result *res)
{
	for (size_t k = 0; k < res->n_events; k++) {
		const struct event *ev = &res->events[k];
		const struct idea *idea;
		switch (ev->type) {
		case EV_IDEA_ADDED:
			idea = session_idea(a->s, ev->id);
			broadcast_if(a, proto_encode_idea(a->s, "idea.added", ev->id, 0, 1), is_facilitator_peer, NULL);
			broadcast_if(a, proto_encode_idea(a->s, "idea.added", ev->id, 0, 0), sees_idea_phone, idea);
			break;
		case EV_IDEA_CHANGED:
			idea = session_idea(a->s, ev->id);
			broadcast_if(a, proto_encode_idea(a->s, "idea.changed", ev->id, 0, 1), is_facilitator_peer, NULL);
			broadcast_if(a, proto_encode_idea(a->s, "idea.changed", ev->id, 0, 0), sees_idea_phone, idea);
			broadcast_if(a, proto_encode_idea_removed(ev->id), lost_idea_phone, idea);
			break;
		case EV_VOTES_CHANGED:
		case EV_ANSWERS_CHANGED: {
			uint32_t who = ev->other;
			const struct participant *p = who ? session_participant(a->s, who) : NULL;
			char *(*mine)(const struct session *, uint32_t, uint32_t) =
				ev->type == EV_VOTES_CHANGED ? proto_encode_votes_mine : proto_encode_answer_mine;
			if (!who) a->need_state = 1;   /* many participants' dots moved (merge, hide) */
			else if (p && p->proxy) broadcast_if(a, mine(a->s, ev->id, who), is_facilitator_peer, NULL);
			else broadcast_if(a, mine(a->s, ev->id, who), is_participant_peer, &who);
			mark_results(a, ev->id);
			break;
		}
		case EV_PARTICIPANT_JOINED:
			if (session_participant(a->s, ev->id)->proxy) a->need_state = 1;   /* the facilitator's list */
			break;
		case EV_PARTICIPANT_RETURNED:
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
static int anyone_sees_results(const struct app *a, const struct activity *act)
{
	for (size_t i = 0; i < a->n_peers; i++)
		if (a->peers[i].joined && sees_results(a, &a->peers[i], act)) return 1;
	return 0;
}

/* Milliseconds until a changed number of phones is due to be announced; -1 when none is. */
static int presence_wait(const struct app *a, int64_t t)
{
	if (a->phones == a->presence_sent) return -1;
	int64_t due = a->presence_at + PRESENCE_MS;
	return due > t ? (int)(due - t) : 0;
}

/* Send what publish() collected: one state per peer, or the changed results (built only when
 * someone may see them: a vote with hidden results costs nothing per vote); then the number
 * of phones, if it changed and the last announcement is PRESENCE_MS old. */
static void flush_pending(struct app *a)
{
	int64_t t = now_ms();
	if (a->need_state) {
		for (size_t i = 0; i < a->n_peers; i++) {
			const struct peer *p = &a->peers[i];
			if (p->joined)
				send_str(a, p->id, proto_encode_state(a->s, p->participant, p->facilitator, a->phones, t));
		}
	} else {
		for (size_t i = 0; i < a->n_dirty_results; i++) {
			const struct activity *act = session_activity(a->s, a->dirty_results[i]);
			if (act && anyone_sees_results(a, act))
				broadcast_if(a, proto_encode_results(a->s, act->id), sees_results, act);
		}
	}
	a->need_state = 0;
	a->n_dirty_results = 0;
	if (presence_wait(a, t) == 0) {
		broadcast(a, proto_encode_presence(a->phones));
		a->presence_sent = a->phones;
		a->presence_at = t;
	}
}

/* 1 if c is a resend of a change the model holds (the same actor used its cid lately), which
 * session_apply answers as before without changing anything. */
static int is_resend(const struct session *s, const struct command *c)
{
	if (!c->cid || !*c->cid || c->type == CMD_JOIN || c->type == CMD_TIMER_EXPIRE || (!c->participant && !c->facilitator))
		return 0;
	const struct participant *p = c->participant ? session_participant(s, c->participant) : NULL;
	const struct recent_cid *ring = c->participant ? (p ? p->recent : NULL) : s->fac_recent;
	for (size_t i = 0; ring && i < SESSION_RECENT_CIDS; i++)
		if (strcmp(ring[i].cid, c->cid) == 0) return 1;
	return 0;
}

/* Apply a command from anywhere (phone, board, clock). On success the change is marked for
 * saving and drawing; the caller publishes its events (after answering the sender, so that a
 * phone gets its ack before the broadcast of what it did).
 * Rollback: the change is applied to the model at once (its result, an idea's id, is part of
 * the ack) and queued for the journal, and its answers wait for the disk. Should the journal
 * fail to make it durable, it is taken back (check_storage -> roll_back): the model returns to
 * a->durable, the copy that holds exactly what the disk holds, and its sender is refused. So a
 * refusal always means "not applied", and an ack "on disk". */
static int apply(struct app *a, struct command *c, struct session_result *res)
{
	c->at_ms = now_ms();
	/* Refused at once when writing fails, even before the loop has noticed (check_storage). */
	a->refused_storage = a->storage_failing || (a->journal && journal_failing(a->journal, NULL, 0));
	if (a->refused_storage && is_resend(a->s, c)) {   /* answered as before: nothing to save */
		a->refused_storage = 0;
		return session_apply(a->s, c, res);
	}
	if (a->refused_storage) {
		memset(res, 0, sizeof *res);
		res->err = SERR_BAD_COMMAND;
		snprintf(res->message, sizeof res->message, "%s", STORAGE_MESSAGE);
		return -1;
	}
	if (session_apply(a->s, c, res) < 0) return -1;
	if (res->duplicate) return 0;   /* a resend: nothing new to keep */
	if (a->journal) {
		uint64_t seq = journal_append(a->journal, c);
		xgrow((void **)&a->lines, &a->cap_lines, a->n_lines + 1, sizeof *a->lines);
		a->lines[a->n_lines++] = (struct pending_line){ seq, journal_encode(c, seq) };
		a->last_change = c->at_ms;
		if (!a->first_unsaved) a->first_unsaved = c->at_ms;
	}
	for (size_t k = 0; k < res->n_events; k++)
		if (res->events[k].type == EV_PHASE_CHANGED) a->snapshot_due = 1;
	changed(a);
	return 0;
}

/* ---- requests --------------------------------------------------------------------------- */

/* Compare the facilitator key in time that does not depend on where they differ. */
static int key_matches(const char *given, const char *key)
{
	size_t n = strlen(key);
	if (strlen(given) != n) return 0;
	volatile unsigned char diff = 0;
	for (size_t i = 0; i < n; i++) diff |= (unsigned char)(given[i] ^ key[i]);
	return diff == 0;
}

static void simple_error(struct app *a, uint32_t peer, const char *cid, const char *code, const char *msg)
{
	struct proto_error e = { .code = code };
	strlcpy_m(e.cid, cid ? cid : "", sizeof e.cid);
	strlcpy_m(e.message, msg, sizeof e.message);
	send_error(a, peer, &e);
}

static void on_hello(struct app *a, struct peer *p, struct proto_request *req)
{
	if (p->joined) {
		simple_error(a, p->id, req->cid, "already_joined", "This connection has already joined.");
		return;
	}
	if (req->key) {
		if (!key_matches(req->key, a->key)) {
			simple_error(a, p->id, req->cid, "bad_key", "That is not the facilitator key of this session.");
			return;
		}
		p->joined = p->facilitator = 1;
		send_str(a, p->id, proto_encode_welcome(a->s, 0, 1, a->phones, now_ms()));
		return;
	}
	char token[SESSION_TOKEN_LEN + 1];
	struct command c = { .type = CMD_JOIN, .name = req->name, .lang = req->lang };
	int well_formed = req->token && strlen(req->token) == SESSION_TOKEN_LEN &&
	                  strspn(req->token, "0123456789abcdef") == SESSION_TOKEN_LEN;
	if (req->token && (!well_formed || session_participant_by_token(a->s, req->token))) {
		c.token = req->token;   /* known: the same participant; malformed: bad_token */
	} else {
		/* First visit, or a token from another session: a new participant, a new token. */
		random_hex(token, SESSION_TOKEN_LEN / 2);
		c.token = token;
	}
	struct session_result res;
	const struct participant *known = c.token == req->token ? session_participant_by_token(a->s, c.token) : NULL;
	if (known && !known->proxy && (a->storage_failing || (a->journal && journal_failing(a->journal, NULL, 0)))) {
		/* Rejoining adds nothing that must be saved (a new name or language waits): let the
		 * phone back in, read-only, and tell it why it cannot post. */
		uint32_t id = known->id;
		count_phone(a, id, +1);
		send_str(a, p->id, proto_encode_welcome(a->s, id, 0, a->phones, now_ms()));
		p->participant = id;
		p->joined = 1;
		simple_error(a, p->id, NULL, "storage", STORAGE_MESSAGE);
		return;
	}
	if (apply(a, &c, &res) < 0) {
		struct proto_error e;
		proto_error_from_session(&e, &res, req->cid);
		if (a->refused_storage) e.code = "storage";
		send_error(a, p->id, &e);
		return;
	}
	/* welcome answers hello first; then everyone (the new phone too) hears the new count */
	uint32_t id = res.events[0].id;
	count_phone(a, id, +1);
	send_str(a, p->id, proto_encode_welcome(a->s, id, 0, a->phones, now_ms()));
	p->participant = id;
	p->joined = 1;
	publish(a, &res);
}

static void on_command(struct app *a, struct peer *p, struct proto_request *req)
{
	struct command c;
	char token[SESSION_TOKEN_LEN + 1];
	proto_command(req, &c);
	c.cid = req->cid;
	c.participant = p->participant;
	c.facilitator = p->facilitator;
	if (req->as) {
		if (!p->facilitator) {
			simple_error(a, p->id, req->cid, "forbidden", "Only the facilitator can act for someone else.");
			return;
		}
		c.participant = req->as;
	}
	if (c.type == CMD_POLL_ANSWER && proto_poll_value(req, a->s, &c.n) < 0) {
		simple_error(a, p->id, req->cid, "bad_value",
		             "Answer a single-choice poll with a number, a multiple-choice poll with a list, a scale with 1 to 5.");
		return;
	}
	if (c.type == CMD_PROXY_ADD) {
		random_hex(token, SESSION_TOKEN_LEN / 2);
		c.token = token;
	}
	struct session_result res;
	if (apply(a, &c, &res) < 0) {
		struct proto_error e;
		proto_error_from_session(&e, &res, req->cid);
		if (a->refused_storage) e.code = "storage";
		send_error(a, p->id, &e);
		return;
	}
	send_str(a, p->id, proto_encode_ack(req->cid, cmd_table[c.type].ack, res.result));
	if (!res.duplicate) publish(a, &res);
}

static void check_storage(struct app *a);

static void on_message(struct app *a, uint32_t peer, const char *data, size_t len)
{
	if (a->journal) check_storage(a);   /* take back what could not be saved before anything else */
	struct peer *p = peer_find(a, peer);
	if (!p) return;
	struct proto_request req;
	struct proto_error e;
	if (proto_decode(data, len, &req, &e) < 0) {
		send_error(a, peer, &e);
		return;
	}
	int was_joined = p->joined;
	a->cur_peer = peer;
	a->cur_need = 0;
	if (req.hello) on_hello(a, p, &req);
	else if (!p->joined) simple_error(a, peer, req.cid, "not_joined", "Send hello before anything else.");
	else on_command(a, p, &req);
	proto_request_free(&req);
	a->cur_peer = 0;
	if (a->journal && a->cur_need > journal_durable(a->journal)) {   /* its answer may be taken back */
		xgrow((void **)&a->reqs, &a->cap_reqs, a->n_reqs + 1, sizeof *a->reqs);
		a->reqs[a->n_reqs++] = (struct pending_req){ .need = a->cur_need, .peer = peer, .len = len,
		                                             .joined_by_it = !was_joined && p->joined,
		                                             .text = xstrndup(data, len) };
	}
}

static void drain_net(struct app *a)
{
	struct net_in in[INBOX_BATCH];
	size_t n;
	while ((n = net_poll(a->net, in, INBOX_BATCH)) > 0) {
		for (size_t i = 0; i < n; i++) {
			struct net_in *m = &in[i];
			if (m->kind == NET_IN_OPEN) {
				/* Peer ids only grow, so appending keeps the array sorted. */
				xgrow((void **)&a->peers, &a->cap_peers, a->n_peers + 1, sizeof *a->peers);
				a->peers[a->n_peers++] = (struct peer){ .id = m->peer };
			} else if (m->kind == NET_IN_MESSAGE) {
				on_message(a, m->peer, m->data, m->len);
			} else if (m->kind == NET_IN_CLOSE) {
				struct peer *p = peer_find(a, m->peer);
				if (p) {
					uint32_t part = p->facilitator ? 0 : p->participant;
					size_t idx = (size_t)(p - a->peers);
					memmove(p, p + 1, (a->n_peers - idx - 1) * sizeof *p);
					a->n_peers--;
					if (part) count_phone(a, part, -1);
				}
			}
			free(m->data);
		}
		flush_pending(a);
	}
}

/* ---- saving ----------------------------------------------------------------------------- */

/* Queue a snapshot of the session as it stands. A copy is all it costs here (0.06 ms at 1000
 * phones, where making the JSON took 7-14 ms): the journal's session file thread does the rest. */
static void snapshot(struct app *a)
{
	a->snapshot_due = 0;
	a->first_unsaved = 0;
	journal_snapshot(a->journal, session_clone(a->s), now_ms(), a->path);
}

/* Move what the disk now holds into a->durable; forget requests whose answers are out. */
static void advance_durable(struct app *a)
{
	uint64_t d = journal_durable(a->journal);
	size_t k = 0;
	for (; k < a->n_lines && a->lines[k].seq <= d; k++) {
		char err[256];
		struct pending_line *l = &a->lines[k];
		if (journal_apply_line(a->durable, l->line, strlen(l->line), NULL, err, sizeof err) < 0)
			fprintf(stderr, "medskapa: bug: entry %llu does not apply to the saved copy: %s\n",
			        (unsigned long long)l->seq, err);
		free(l->line);
	}
	if (k) memmove(a->lines, a->lines + k, (a->n_lines - k) * sizeof *a->lines);
	a->n_lines -= k;
	for (k = 0; k < a->n_reqs && a->reqs[k].need <= d; k++) free(a->reqs[k].text);
	if (k) memmove(a->reqs, a->reqs + k, (a->n_reqs - k) * sizeof *a->reqs);
	a->n_reqs -= k;
}

/* The journal dropped every line after d (the disk failed): take those changes back. The model
 * becomes the durable copy again, every message that waited for a dropped number is discarded
 * unsent, the requests they answered are handled again (now refused with "storage", or
 * answered as a resend of what is durable), and everyone gets the state as it really is. */
static void roll_back(struct app *a, uint64_t d)
{
	advance_durable(a);
	net_discard_held(a->net, d);
	size_t dropped = a->n_lines;
	for (size_t k = 0; k < a->n_lines; k++) free(a->lines[k].line);
	a->n_lines = 0;
	uint64_t version = a->s->version;
	session_free(a->s);
	a->s = session_clone(a->durable);
	a->s->version = version + 1;   /* views compare it: this is a change, never an old state */
	struct pending_req *reqs = a->reqs;
	size_t n = a->n_reqs;
	a->reqs = NULL;
	a->n_reqs = a->cap_reqs = 0;
	fprintf(stderr, "medskapa: %zu change%s could not be saved and %s taken back\n", dropped,
	        dropped == 1 ? "" : "s", dropped == 1 ? "was" : "were");
	for (size_t k = 0; k < n; k++) {
		struct peer *p = peer_find(a, reqs[k].peer);
		if (p && reqs[k].joined_by_it && p->joined) {   /* its welcome was never sent */
			if (!p->facilitator) count_phone(a, p->participant, -1);
			p->joined = p->facilitator = 0;
			p->participant = 0;
		}
	}
	for (size_t k = 0; k < n; k++) {
		if (peer_find(a, reqs[k].peer)) on_message(a, reqs[k].peer, reqs[k].text, reqs[k].len);
		free(reqs[k].text);
	}
	free(reqs);
	a->need_state = 1;
	a->presence_sent = -1;
	changed(a);
}

/* Notice whether the journal can write (and take back what it could not); tell the
 * facilitator and the board. */
static void check_storage(struct app *a)
{
	char why[256];
	uint64_t d;
	if (journal_take_rollback(a->journal, &d)) {
		a->storage_failing = 1;   /* so that the requests handled again are refused */
		roll_back(a, d);
		a->storage_failing = 0;   /* announced below */
	}
	int failing = journal_failing(a->journal, why, sizeof why);
	if (failing == a->storage_failing) return;
	a->storage_failing = failing;
	if (failing) {
		snprintf(a->notice, sizeof a->notice, "Cannot save: %s. New ideas and votes are refused until it works again; "
		         "nothing taken so far is lost.", why);
		fprintf(stderr, "medskapa: %s\n", a->notice);
	} else {
		a->notice[0] = '\0';
		fprintf(stderr, "medskapa: saving works again\n");
	}
	if (a->board) board_invalidate(a->board);
}

/* Milliseconds until the session file is due to be rewritten; -1 when nothing is unsaved. */
static int snapshot_wait(const struct app *a, int64_t t)
{
	if (!a->first_unsaved || journal_pending_entries(a->journal) == 0) return -1;
	if (journal_pending_entries(a->journal) >= SNAPSHOT_MAX_ENTRIES) return 0;
	int64_t due = a->last_change + SNAPSHOT_QUIET_MS;
	if (a->first_unsaved + SNAPSHOT_MAX_MS < due) due = a->first_unsaved + SNAPSHOT_MAX_MS;
	return due > t ? (int)(due - t) : 0;
}

static int next_wait(const struct app *a)
{
	int64_t t = now_ms();
	int w = IDLE_WAIT_MS, pw = presence_wait(a, t), sw = snapshot_wait(a, t);
	if (pw >= 0 && pw < w) w = pw;
	if (sw >= 0 && sw < w) w = sw;
	for (size_t i = 0; i < a->s->n_activities; i++) {   /* wake when a timer runs out */
		const struct timer *tm = &a->s->activities[i].timer;
		if (tm->running && tm->ends_ms - t < w) w = tm->ends_ms > t ? (int)(tm->ends_ms - t) : 0;
	}
	return w;
}

static void tick(struct app *a)
{
	int64_t t = now_ms();
	for (size_t i = 0; i < a->s->n_activities; i++) {
		const struct activity *act = &a->s->activities[i];
		if (!act->timer.running || act->timer.ends_ms > t) continue;
		struct command c = { .type = CMD_TIMER_EXPIRE, .activity = act->id };
		struct session_result res;
		if (apply(a, &c, &res) == 0) publish(a, &res);
	}
	check_storage(a);
	advance_durable(a);
	flush_pending(a);
	t = now_ms();
	if (a->snapshot_due || snapshot_wait(a, t) == 0) snapshot(a);
}

/* ---- start-up --------------------------------------------------------------------------- */

/* "Rådrum: föreningslivet" -> "radrum-foreningslivet" */
static void slugify(const char *title, char *out, size_t outlen)
{
	static const struct { const char *from, *to; } fold[] = {
		{ "å", "a" }, { "ä", "a" }, { "ö", "o" }, { "Å", "a" }, { "Ä", "a" }, { "Ö", "o" },
		{ "é", "e" }, { "ü", "u" },
	};
	size_t n = 0;
	int dash = 0;
	for (const char *p = title; *p && n + 2 < outlen;) {
		unsigned char c = (unsigned char)*p;
		const char *rep = NULL;
		size_t adv = 1;
		for (size_t k = 0; k < NELEM(fold); k++)
			if (strncmp(p, fold[k].from, strlen(fold[k].from)) == 0) {
				rep = fold[k].to;
				adv = strlen(fold[k].from);
			}
		char ascii = 0;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ascii = (char)c;
		if (c >= 'A' && c <= 'Z') ascii = (char)(c - 'A' + 'a');
		if (rep) ascii = rep[0];
		if (!ascii && c >= 0x80) utf8_decode(p, strlen(p), &adv);
		if (ascii) {
			out[n++] = ascii;
			dash = 0;
		} else if (!dash && n > 0) {
			out[n++] = '-';
			dash = 1;
		}
		p += adv;
	}
	while (n > 0 && out[n - 1] == '-') n--;
	out[n] = '\0';
	if (n == 0) strlcpy_m(out, "session", outlen);
}

static char *new_session_path(const struct session *s, const char *dir)
{
	char slug[64], stamp[32], *path;
	time_t t = (time_t)(s->created_ms / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M", &tm);
	slugify(s->title, slug, sizeof slug);
	mkdir(dir, 0700);
	for (int i = 1;; i++) {
		size_t len = strlen(dir) + strlen(stamp) + strlen(slug) + 32;
		path = xmalloc(len);
		if (i == 1) snprintf(path, len, "%s/%s-%s.json", dir, stamp, slug);
		else snprintf(path, len, "%s/%s-%s-%d.json", dir, stamp, slug, i);
		struct stat st;
		if (lstat(path, &st) != 0 && errno == ENOENT) return path;   /* a dangling link is not free */
		free(path);
	}
}

static struct session *default_session(int64_t t)
{
	struct session *s = session_new("Medskapande möte", "sv", t);
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .title = "Idéer", .prompt = "Vad vill du föreslå?" };
	struct command add = { .type = CMD_ACTIVITY_ADD, .at_ms = t, .facilitator = 1, .spec = &sp };
	struct command open = { .type = CMD_PHASE, .at_ms = t, .facilitator = 1, .n = PHASE_OPEN };
	struct session_result res;
	session_apply(s, &add, &res);
	session_apply(s, &open, &res);
	return s;
}

/* Before anything is read or written: the session file and its journal must each be absent
 * or a regular file. A symbolic link planted at either is refused, naming it (lstat only).
 * 0, or -1 after printing why. */
static int refuse_links(const char *path)
{
	char err[512], *journal = xmalloc(strlen(path) + 9);
	sprintf(journal, "%s.journal", path);
	int rc = 0;
	if (store_check_target(path, err, sizeof err) < 0 || store_check_target(journal, err, sizeof err) < 0) {
		fprintf(stderr, "medskapa: cannot use the session: %s\n"
		        "medskapa: nothing was changed.\n", err);
		rc = -1;
	}
	free(journal);
	return rc;
}

/* Load or create the session named by the options, replaying its journal. 0, or -1 after
 * printing why (and touching nothing). *next_seq gets the journal's next sequence number. */
static int open_session(struct app *a, uint64_t *next_seq)
{
	char err[512], warn[512];
	int64_t t = now_ms();
	const char *path = a->opt.session_path;
	int writes = !a->opt.screenshot && !a->opt.review;   /* those two only read */
	*next_seq = 1;
	if (path && writes && refuse_links(path) < 0) return -1;
	if (path && access(path, F_OK) == 0) {
		uint64_t jseq = 0, last;
		size_t applied;
		if (a->opt.template_path)
			fprintf(stderr, "medskapa: %s exists; resuming it and ignoring --template\n", path);
		a->s = store_load(path, &jseq, err, sizeof err);
		if (!a->s) {
			fprintf(stderr, "medskapa: cannot resume the session: %s\n"
			        "medskapa: the file was left as it is.\n", err);
			return -1;
		}
		a->path = xstrdup(path);
		a->journal_path = xmalloc(strlen(path) + 9);
		sprintf(a->journal_path, "%s.journal", path);
		if (journal_replay(a->journal_path, a->s, jseq, writes, &last, &applied, warn, sizeof warn, err, sizeof err) < 0) {
			fprintf(stderr, "medskapa: cannot resume the session: %s\n"
			        "medskapa: nothing was changed; move the journal aside to start from the last snapshot.\n", err);
			return -1;
		}
		if (warn[0]) fprintf(stderr, "medskapa: warning: %s\n", warn);
		if (applied) printf("Resumed %s: %zu change%s replayed from its journal\n", path, applied, applied == 1 ? "" : "s");
		*next_seq = last + 1;
		return 0;
	}
	if (a->opt.template_path) {
		a->s = store_load_template(a->opt.template_path, t, err, sizeof err);
		if (!a->s) {
			fprintf(stderr, "medskapa: cannot read the template: %s\n", err);
			return -1;
		}
	} else {
		a->s = default_session(t);
	}
	a->path = path ? xstrdup(path) : new_session_path(a->s, a->opt.sessions_dir);
	a->journal_path = xmalloc(strlen(a->path) + 9);
	sprintf(a->journal_path, "%s.journal", a->path);
	if (a->opt.screenshot) return 0;   /* a screenshot leaves no file behind */
	if (!path && refuse_links(a->path) < 0) return -1;
	unlink(a->journal_path);            /* a stale journal of an older file of that name */
	if (store_save(a->s, a->path, t, 0, err, sizeof err) < 0) {
		fprintf(stderr, "medskapa: cannot create the session file: %s\n", err);
		return -1;
	}
	return 0;
}

/* Print the join address for every usable interface; keep the first for the QR code. */
static void find_addresses(struct app *a, int port, int print)
{
	struct ifaddrs *ifs = NULL, *i;
	int found = 0;
	if (getifaddrs(&ifs) == 0) {
		for (i = ifs; i; i = i->ifa_next) {
			if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
			if ((i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP)) continue;
			char ip[INET_ADDRSTRLEN];
			inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr, ip, sizeof ip);
			char url[256];
			snprintf(url, sizeof url, "http://%s:%d/", ip, port);
			if (!found && !a->opt.join_url) strlcpy_m(a->join_url, url, sizeof a->join_url);
			if (print) printf("  Join (%s): %s\n", i->ifa_name, url);
			found++;
		}
		freeifaddrs(ifs);
	}
	if (a->opt.join_url) strlcpy_m(a->join_url, a->opt.join_url, sizeof a->join_url);
	if (!found) {
		if (!a->opt.join_url) snprintf(a->join_url, sizeof a->join_url, "http://127.0.0.1:%d/", port);
		if (print)
			printf("  No network interface besides loopback: phones cannot reach this computer.\n"
			       "  Connect to the venue Wi-Fi (or your own router) and restart. This computer: %s\n",
			       a->join_url);
	}
}

/* The join address with the key in its fragment (never sent to a server in a request line). */
static void set_facilitator_url(struct app *a)
{
	size_t n = strlcpy_m(a->facilitator_url, a->join_url, sizeof a->facilitator_url);
	if (n + 5 + sizeof a->key < sizeof a->facilitator_url) {
		memcpy(a->facilitator_url + n, "#key=", 5);
		memcpy(a->facilitator_url + n + 5, a->key, sizeof a->key);
	}
}

static struct board_view view_of(const struct app *a)
{
	return (struct board_view){ .session = a->s, .join_url = a->join_url, .phones = a->phones,
	                            .facilitator_url = a->facilitator_url, .now_ms = now_ms(),
	                            .notice = a->notice[0] ? a->notice : NULL };
}

/* ---- review mode: the board over a saved session, read-only ------------------------------ */

#define REVIEW_REPLAY_MS 20000   /* a whole meeting replays in this long */
#define REVIEW_FRAME_MS  100

struct review {
	int *hidden;                 /* each idea's own hidden flag, to restore after a replay */
	size_t n_votes;              /* all votes; a replay shows a prefix (sorted by time) */
	int64_t t0, t1;              /* first and last moment of the meeting */
	int64_t replay_start;        /* wall clock when the replay began; 0 = not replaying */
};

static int vote_time_cmp(const void *x, const void *y)
{
	const struct vote *a = x, *b = y;
	return a->at_ms < b->at_ms ? -1 : a->at_ms > b->at_ms;
}

/* Make the loaded session fit for review: every activity revealed (the meeting is over, staff
 * see everything), votes in time order for replays. The file is never written. */
static void review_prepare(struct app *a, struct review *r)
{
	struct session *s = a->s;
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < s->n_activities; i++) {
		s->activities[i].phase = PHASE_REVEALED;
		s->activities[i].timer.running = 0;
	}
	r->hidden = xcalloc(s->n_ideas + 1, sizeof *r->hidden);
	r->t0 = s->created_ms;
	r->t1 = s->created_ms;
	for (size_t i = 0; i < s->n_ideas; i++) {
		r->hidden[i] = s->ideas[i].hidden;
		if (s->ideas[i].created_ms > r->t1) r->t1 = s->ideas[i].created_ms;
	}
	if (s->n_votes) qsort(s->votes, s->n_votes, sizeof *s->votes, vote_time_cmp);
	r->n_votes = s->n_votes;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].at_ms > r->t1) r->t1 = s->votes[i].at_ms;
	int sv = strncmp(s->lang, "sv", 2) == 0;
	char when[32];
	proto_format_time(s->created_ms, when, sizeof when);
	when[10] = '\0';
	snprintf(a->notice, sizeof a->notice, sv ?
	         "Granskning av mötet %s · vänster/höger: aktiviteter · mellanslag: spela upp mötet · q: avsluta" :
	         "Review of the meeting of %s · left/right: activities · space: replay the meeting · q: quit", when);
}

/* Show the meeting as it stood at time t (t >= t1: as it ended). */
static void review_show(struct app *a, struct review *r, int64_t t)
{
	struct session *s = a->s;
	for (size_t i = 0; i < s->n_ideas; i++) s->ideas[i].hidden = r->hidden[i] || s->ideas[i].created_ms > t;
	size_t n = 0;
	while (n < r->n_votes && s->votes[n].at_ms <= t) n++;
	s->n_votes = n;
	s->version++;
	if (a->board) board_invalidate(a->board);
}

static void run_review(struct app *a, struct review *r)
{
	int quit = 0;
	while (!quit && !quit_signal) {
		SDL_Event ev;
		int wait = r->replay_start ? REVIEW_FRAME_MS : IDLE_WAIT_MS;
		if (SDL_WaitEventTimeout(&ev, wait)) {
			do {
				if (ev.type == SDL_KEYDOWN && !ev.key.repeat && ev.key.keysym.sym == SDLK_SPACE) {
					r->replay_start = r->replay_start ? 0 : now_ms();   /* start, or stop at the end */
					if (!r->replay_start) review_show(a, r, INT64_MAX);
					continue;
				}
				struct command c;
				memset(&c, 0, sizeof c);
				enum board_action act = board_handle_event(a->board, &ev, &c);
				if (act == BOARD_QUIT) quit = 1;
				if (act == BOARD_COMMAND) {
					struct session_result res;
					c.facilitator = 1;
					c.at_ms = now_ms();
					if (c.type == CMD_GOTO) {   /* moving around is all a review may do */
						session_apply(a->s, &c, &res);
					} else {
						memset(&res, 0, sizeof res);
						res.err = SERR_FORBIDDEN;
						snprintf(res.message, sizeof res.message, "Review mode only shows the meeting; nothing can be changed.");
					}
					board_command_done(a->board, &res);
				}
			} while (SDL_PollEvent(&ev));
		}
		if (r->replay_start) {
			int64_t el = now_ms() - r->replay_start;
			int64_t span = r->t1 > r->t0 ? r->t1 - r->t0 : 1;
			int64_t t = r->t0 + (el >= REVIEW_REPLAY_MS ? span : span * el / REVIEW_REPLAY_MS);
			review_show(a, r, el >= REVIEW_REPLAY_MS ? INT64_MAX : t);
			if (el >= REVIEW_REPLAY_MS) r->replay_start = 0;
		}
		struct board_view v = view_of(a);
		board_draw(a->board, &v);
	}
	a->s->n_votes = r->n_votes;   /* whole again, so that everything is freed */
}

static int take_screenshot(struct app *a)
{
	char err[512];
	struct board_config bc = { .width = a->opt.width, .height = a->opt.height, .offscreen = 1,
	                           .assets_dir = a->opt.assets, .lang = a->s->lang,
	                           .theme = a->opt.theme };
	if (!a->opt.review) {   /* a review has nobody to join */
		find_addresses(a, a->opt.port, 0);
		set_facilitator_url(a);
	}
	struct board *b = board_create(&bc, err, sizeof err);
	if (!b) {
		fprintf(stderr, "medskapa: %s\n", err);
		return -1;
	}
	struct board_view v = view_of(a);
	int rc = board_screenshot(b, &v, a->opt.screenshot, err, sizeof err);
	if (rc == 0 && a->opt.layout_json) rc = board_write_layout(b, a->opt.layout_json, err, sizeof err);
	if (rc < 0) fprintf(stderr, "medskapa: %s\n", err);
	else printf("Board written to %s (%dx%d)\n", a->opt.screenshot, a->opt.width, a->opt.height);
	board_destroy(b);
	return rc;
}

static void wake_board(void *ud)
{
	struct app *a = ud;
	SDL_Event ev = { .type = a->wake_event };
	SDL_PushEvent(&ev);
}

/* On the journal's thread, after it made something durable (or failed): let the network edge
 * send what waited for it. The loop notices a failure within IDLE_WAIT_MS (check_storage). */
static void on_durable(void *ud)
{
	struct app *a = ud;
	net_release(a->net, journal_durable(a->journal));
	if (journal_failing(a->journal, NULL, 0)) net_interrupt(a->net);   /* roll back and refuse soon */
}

static void run_headless(struct app *a)
{
	while (!quit_signal) {
		net_wait(a->net, next_wait(a));
		drain_net(a);
		tick(a);
	}
}

static void run_board(struct app *a)
{
	int quit = 0;
	/* For tests that drive the window with a real mouse and keyboard: after each frame drawn,
	 * write where everything went (board_write_layout, with the open input field if any), so
	 * that a test waits for what the board shows instead of guessing how long it takes. */
	const char *live = getenv("MEDSKAPA_BOARD_LAYOUT");
	if (live && !*live) live = NULL;
	while (!quit && !quit_signal) {
		SDL_Event ev;
		struct board_view v = view_of(a);
		int wait = next_wait(a), bw = board_wake_ms(a->board, &v);
		if (bw > 0 && bw < wait) wait = bw;
		if (SDL_WaitEventTimeout(&ev, wait)) {
			do {
				struct command c;
				if (ev.type == a->wake_event) continue;
				memset(&c, 0, sizeof c);
				enum board_action act = board_handle_event(a->board, &ev, &c);
				if (act == BOARD_QUIT) quit = 1;
				if (act == BOARD_COMMAND) {   /* the board's keys and mouse: same path as a phone */
					struct session_result res;
					c.facilitator = 1;
					if (apply(a, &c, &res) == 0) publish(a, &res);
					board_command_done(a->board, &res);
				}
			} while (SDL_PollEvent(&ev));
			flush_pending(a);
		}
		drain_net(a);
		tick(a);
		v = view_of(a);
		if (board_draw(a->board, &v) && live) {
			char err[512];
			if (board_write_layout(a->board, live, err, sizeof err) < 0) fprintf(stderr, "medskapa: %s\n", err);
		}
	}
}

int main(int argc, char **argv)
{
	struct app app = { 0 };
	struct app *a = &app;
	char err[512];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "report") == 0) return report_main(argc - 1, argv + 1);
	if (options_parse(argc, argv, &a->opt) < 0) return 2;
	umask(077);   /* session files are for their owner only */
	options_find_home(&a->opt);
	random_hex(a->key, 16);
	uint64_t next_seq;
	if (open_session(a, &next_seq) < 0) return 1;
	struct review review = { 0 };
	if (a->opt.review) review_prepare(a, &review);
	if (a->opt.review && !a->opt.screenshot) {
		int rc = 0;
		if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY") && !getenv("SDL_VIDEODRIVER")) {
			fprintf(stderr, "medskapa: --review needs a display (or use --screenshot)\n");
			rc = 1;
		} else {
			struct board_config bc = { .width = a->opt.width, .height = a->opt.height,
			                           .fullscreen = a->opt.fullscreen, .assets_dir = a->opt.assets,
			                           .lang = a->s->lang, .theme = a->opt.theme };
			a->board = board_create(&bc, err, sizeof err);
			if (!a->board) {
				fprintf(stderr, "medskapa: cannot open the board: %s\n", err);
				rc = 1;
			} else {
				printf("Reviewing %s (read-only)\n", a->path);
				run_review(a, &review);
				board_destroy(a->board);
				SDL_Quit();
			}
		}
		free(review.hidden);
		session_free(a->s);
		free(a->path);
		free(a->journal_path);
		return rc;
	}
	if (a->opt.screenshot) {
		int rc = take_screenshot(a);
		free(review.hidden);
		session_free(a->s);
		free(a->path);
		free(a->journal_path);
		return rc < 0 ? 1 : 0;
	}

	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (!a->opt.headless && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY") && !getenv("SDL_VIDEODRIVER")) {
		printf("medskapa: no display found (DISPLAY is not set): running headless, without the board\n");
		a->opt.headless = 1;
	}
	if (!a->opt.headless) {
		SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
		struct board_config bc = { .width = a->opt.width, .height = a->opt.height,
		                           .fullscreen = a->opt.fullscreen, .assets_dir = a->opt.assets,
		                           .lang = a->s->lang, .theme = a->opt.theme };
		a->board = board_create(&bc, err, sizeof err);
		if (!a->board) {
			fprintf(stderr, "medskapa: cannot open the board: %s\n"
			        "medskapa: use --headless to run without a window\n", err);
			return 1;
		}
		a->wake_event = SDL_RegisterEvents(1);
	}

	struct net_config nc = { .port = a->opt.port, .web_root = a->opt.web_root,
	                         .max_message = PROTO_MAX_MESSAGE, .max_peers = a->opt.max_phones,
	                         .max_per_address = a->opt.max_per_address, .rate_per_sec = RATE_PER_SEC,
	                         .rate_burst = RATE_BURST };
	a->net = net_start(&nc, a->board ? wake_board : NULL, a, err, sizeof err);
	if (!a->net) {
		fprintf(stderr, "medskapa: cannot start the server: %s\n", err);
		if (a->board) board_destroy(a->board);
		return 1;
	}
	int port = net_port(a->net);
	a->journal = journal_open(a->journal_path, next_seq, on_durable, a, err, sizeof err);
	if (!a->journal) {
		fprintf(stderr, "medskapa: %s\n", err);
		net_stop(a->net);
		if (a->board) board_destroy(a->board);
		return 1;
	}
	net_release(a->net, journal_durable(a->journal));   /* what a resumed journal holds is durable */
	a->durable = session_clone(a->s);
	printf("Medskapa %s: \"%s\"\n", MEDSKAPA_VERSION, a->s->title);
	printf("  Session file:   %s\n", a->path);
	find_addresses(a, port, 1);
	set_facilitator_url(a);
	printf("  Facilitator:    %s (gives control of the meeting; also on the board, key k)\n",
	       a->facilitator_url);
	printf("Listening on port %d (phone page and WebSocket)%s\n", port,
	       a->board ? "" : "; headless, Ctrl-C to stop");

	if (a->board) run_board(a);
	else run_headless(a);

	printf("medskapa: %s, saving %s\n", quit_signal ? "signal received" : "quitting", a->path);
	snapshot(a);
	int rc = 0;
	if (journal_flush(a->journal, QUIT_FLUSH_MS) < 0) {
		char why[256] = "the disk did not answer in time";
		journal_failing(a->journal, why, sizeof why);
		fprintf(stderr, "medskapa: could not save at quit: %s\n"
		        "medskapa: the journal %s holds every change that was acknowledged\n", why, a->journal_path);
		rc = 1;
	}
	journal_close(a->journal);   /* its thread wakes the net: stop it first */
	net_stop(a->net);            /* frees what was never released: it did not reach the disk */
	free(a->journal_path);
	if (a->board) {
		board_destroy(a->board);
		SDL_Quit();
	}
	session_free(a->s);
	session_free(a->durable);
	for (size_t k = 0; k < a->n_lines; k++) free(a->lines[k].line);
	for (size_t k = 0; k < a->n_reqs; k++) free(a->reqs[k].text);
	free(a->lines);
	free(a->reqs);
	free(a->path);
	free(a->peers);
	free(a->conns);
	return rc;
}
