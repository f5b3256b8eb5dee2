/* server.c: the running host. Phones' messages and board input become commands for the
 * session model (server_apply); answers wait for the disk; what the disk could not take is
 * taken back (roll_back); timers and saving hang off one tick. */
#include "server.h"
#include "journal.h"
#include "net.h"
#include "plat.h"
#include "proto.h"
#include "qr.h"
#include "name.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
#define INBOX_BATCH     64

#define STORAGE_MESSAGE "The host cannot save right now (its disk is full or unwritable), so nothing new is " \
                        "taken. Please wait; the facilitator has been told."

int64_t server_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Fill hex (2*n+1 bytes) with n (at most 32) random bytes from the system. */
void server_random_hex(char *hex, size_t n)
{
	unsigned char buf[32];
	if (plat_random(buf, n) < 0) {
		perror("medskapa: plat_random");
		exit(1);
	}
	for (size_t i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02x", buf[i]);
}

/* ---- peers ------------------------------------------------------------------------------ */

static struct peer *peer_find(struct server *a, uint32_t id)
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
static void send_many(struct server *a, const uint32_t *peers, size_t n, char *msg)
{
	uint64_t need = a->journal ? journal_last(a->journal) : 0;
	if (n) net_send_after(a->net, need, peers, n, msg, strlen(msg));
	if (n == 1 && peers[0] == a->cur_peer && need > a->cur_need) a->cur_need = need;
	free(msg);
}

void server_send(struct server *a, uint32_t peer, char *msg)
{
	send_many(a, &peer, 1, msg);
}

/* Send msg to every joined peer for which want(peer) is true (NULL: all); frees msg. */
void server_broadcast_if(struct server *a, char *msg,
                         int (*want)(const struct server *, const struct peer *, const void *),
                         const void *arg)
{
	uint32_t *ids = xmalloc((a->n_peers + 1) * sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < a->n_peers; i++)
		if (a->peers[i].joined && (!want || want(a, &a->peers[i], arg))) ids[n++] = a->peers[i].id;
	send_many(a, ids, n, msg);
	free(ids);
}

/* A refusal changes nothing, so it need not wait for the disk; it does wait its turn behind
 * earlier answers, except while the disk fails (then those may never come). */
static void send_error(struct server *a, uint32_t peer, const struct proto_error *e)
{
	char *msg = proto_encode_error(e);
	if (a->storage_failing) {
		net_send(a->net, peer, msg, strlen(msg));
		free(msg);
		return;
	}
	server_send(a, peer, msg);
}

static void changed(struct server *a)
{
	if (a->board) board_invalidate(a->board);
}

/* Count a participant's open peers; when the number of phones changes, redraw
 * (server_flush_pending announces it to the phones, coalesced). */
static void count_phone(struct server *a, uint32_t participant, int delta)
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


/* 1 if c is a resend of a change the model holds (the same actor used its cid lately), which
 * session_apply answers as before without changing anything. */
static int is_resend(const struct session *s, const struct command *c)
{
	if (!c->cid || !*c->cid || (cmd_table[c->type].flags & CMD_NO_DEDUPE) || (!c->participant && !c->facilitator))
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
int server_apply(struct server *a, struct command *c, struct session_result *res)
{
	c->at_ms = server_now_ms();
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

static void simple_error(struct server *a, uint32_t peer, const char *cid, const char *code, const char *msg)
{
	struct proto_error e = { .code = code };
	strlcpy_m(e.cid, cid ? cid : "", sizeof e.cid);
	strlcpy_m(e.message, msg, sizeof e.message);
	send_error(a, peer, &e);
}

/* Answer a command that server_apply refused: the model's error, or "storage" when it was
 * refused because saving fails. */
static void send_refusal(struct server *a, uint32_t peer, const char *cid, const struct session_result *res)
{
	struct proto_error e;
	proto_error_from_session(&e, res, cid);
	if (a->refused_storage) e.code = "storage";
	send_error(a, peer, &e);
}

/* Peer p joins as participant id: counted among the phones, then welcomed. */
static void welcome(struct server *a, struct peer *p, uint32_t id)
{
	count_phone(a, id, +1);
	server_send(a, p->id, proto_encode_welcome(a->s, id, 0, a->phones, server_now_ms()));
	p->participant = id;
	p->joined = 1;
}

static void on_hello(struct server *a, struct peer *p, struct proto_request *req)
{
	if (p->joined) {
		simple_error(a, p->id, req->cid, "already_joined", "This connection has already joined.");
		return;
	}
	if (req->key && a->ikey[0] && key_matches(req->key, a->ikey)) {
		/* an interpreter: sees what a phone sees, adds renderings under the name they chose */
		char *nm = name_clean(req->name ? req->name : "");
		size_t n = utf8_count(nm, strlen(nm));
		if (n == 0 || n > SESSION_NAME_MAX_CHARS) {
			free(nm);
			simple_error(a, p->id, req->cid, "interpreter_name",
			             "Write the name the room knows you by (1 to 40 characters): it goes with your renderings.");
			return;
		}
		if (name_role_word(nm)) {   /* as for everyone: no name that poses as a role */
			free(nm);
			simple_error(a, p->id, req->cid, "name_reserved",
			             "A name cannot be a role in the meeting, such as facilitator, moderator or interpreter. "
			             "Please choose another name.");
			return;
		}
		strlcpy_m(p->name, nm, sizeof p->name);
		free(nm);
		p->joined = p->interpreter = 1;
		server_send(a, p->id, proto_encode_interpreter_welcome(a->s, p->name, a->phones, server_now_ms()));
		return;
	}
	if (req->key) {
		if (!key_matches(req->key, a->key)) {
			simple_error(a, p->id, req->cid, "bad_key", "That is not the facilitator key of this session.");
			return;
		}
		p->joined = p->facilitator = 1;
		server_send(a, p->id, proto_encode_welcome(a->s, 0, 1, a->phones, server_now_ms()));
		char *svg = qr_svg_of(a->interpreter_url);
		server_send(a, p->id, proto_encode_links(a->interpreter_url, svg));
		free(svg);
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
		server_random_hex(token, SESSION_TOKEN_LEN / 2);
		c.token = token;
	}
	struct session_result res;
	const struct participant *known = c.token == req->token ? session_participant_by_token(a->s, c.token) : NULL;
	if (known && !known->proxy && (a->storage_failing || (a->journal && journal_failing(a->journal, NULL, 0)))) {
		/* Rejoining adds nothing that must be saved (a new name or language waits): let the
		 * phone back in, read-only, and tell it why it cannot post. */
		welcome(a, p, known->id);
		simple_error(a, p->id, NULL, "storage", STORAGE_MESSAGE);
		return;
	}
	if (server_apply(a, &c, &res) < 0) {
		send_refusal(a, p->id, req->cid, &res);
		return;
	}
	/* welcome answers hello first; then everyone (the new phone too) hears the new count */
	welcome(a, p, res.events[0].id);
	server_publish(a, &res);
}

/* Keep a photo beside the session under its content's name, durable before anything names
 * it (the idea that does is acknowledged only once its journal line is durable too). *fresh:
 * the file is new (a refusal takes it away again). 0, or -1 when it cannot be written. */
static int store_photo(struct server *a, const struct proto_request *req, char *name, size_t namelen, int *fresh)
{
	char path[4600], err[300];
	snprintf(name, namelen, "%s.%s", req->photo_info.sha256, photo_ext(req->photo_info.type));
	*fresh = 0;
	if (!a->photo_dir) return -1;
	snprintf(path, sizeof path, "%s/%s", a->photo_dir, name);
	if (plat_is_file(path)) return 0;   /* the same bytes are there already */
	if ((plat_mkdir(a->photo_dir) < 0 && snprintf(err, sizeof err, "%s: %s", a->photo_dir, strerror(errno))) ||
	    plat_write_atomic(path, (const char *)req->photo, req->photo_len, err, sizeof err) < 0) {
		fprintf(stderr, "medskapa: %s\n", err);
		return -1;
	}
	*fresh = 1;
	return 0;
}

static void forget_photo(struct server *a, const char *name)
{
	char path[4600];
	snprintf(path, sizeof path, "%s/%s", a->photo_dir, name);
	remove(path);
}

static void on_command(struct server *a, struct peer *p, struct proto_request *req)
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
		server_random_hex(token, SESSION_TOKEN_LEN / 2);
		c.token = token;
	}
	c.interpreter = p->interpreter;
	if (c.type == CMD_RENDER) c.name = p->interpreter ? p->name : NULL;
	if (c.type == CMD_SIGNAL) {   /* counted in the phone's language (the journal keeps no more) */
		const struct participant *me = session_participant(a->s, c.participant);
		c.lang = me ? me->lang : NULL;
	}
	uint32_t *seat = NULL;   /* tables.assign: who is here now, and the host's random seed */
	if (c.type == CMD_TABLES_ASSIGN) {
		char hex[9];
		seat = xcalloc(a->s->n_participants + 1, sizeof *seat);
		for (size_t i = 0; i < a->s->n_participants; i++) {
			const struct participant *q = &a->s->participants[i];
			if (q->proxy || (q->id < a->cap_conns && a->conns[q->id] > 0)) seat[c.n_ids++] = q->id;
		}
		server_random_hex(hex, 4);
		c.other = (uint32_t)strtoul(hex, NULL, 16);
		c.ids = seat;
	}
	char photo[SESSION_PHOTO_NAME_MAX + 1];
	int photo_new = 0;
	if (req->photo) {
		if (store_photo(a, req, photo, sizeof photo, &photo_new) < 0) {
			simple_error(a, p->id, req->cid, "storage", STORAGE_MESSAGE);
			return;
		}
		c.photo = photo;
		c.photo_w = req->photo_info.width;
		c.photo_h = req->photo_info.height;
	}
	struct session_result res;
	int rc = server_apply(a, &c, &res);
	free(seat);
	if (rc < 0) {
		if (photo_new) forget_photo(a, photo);   /* refused: nothing of it stays */
		send_refusal(a, p->id, req->cid, &res);
		return;
	}
	server_send(a, p->id, proto_encode_ack(req->cid, cmd_table[c.type].ack, res.result));
	if (!res.duplicate) server_publish(a, &res);
}

static void check_storage(struct server *a);

static void on_message(struct server *a, uint32_t peer, const char *data, size_t len)
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
	else if (req.host == PROTO_HOST_TEMPLATE_SAVE) server_template_save(a, peer, p->facilitator, req.cid, req.name);
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

void server_drain_net(struct server *a)
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
				a->phone_seen = 1;
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
		server_flush_pending(a);
	}
}

/* ---- saving ----------------------------------------------------------------------------- */

/* Queue a snapshot of the session as it stands. A copy is all it costs here (0.06 ms at 1000
 * phones, where making the JSON took 7-14 ms): the journal's session file thread does the rest. */
void server_snapshot(struct server *a)
{
	a->snapshot_due = 0;
	a->first_unsaved = 0;
	journal_snapshot(a->journal, session_clone(a->s), server_now_ms(), a->path);
}

/* Move what the disk now holds into a->durable; forget requests whose answers are out. */
static void advance_durable(struct server *a)
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
static void roll_back(struct server *a, uint64_t d)
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
	words_say_n(stderr, "medskapa: ", a->words, W_HOST_TAKEN_BACK, (long)dropped, NULL);
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
	a->progress_version = 0;
	a->progress_sent_done = -1;
	changed(a);
}

/* Notice whether the journal can write (and take back what it could not); tell the
 * facilitator and the board. */
static void check_storage(struct server *a)
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
		word_fill(a->notice, sizeof a->notice, a->words, W_HOST_CANNOT_SAVE, "why", why, NULL);
		fprintf(stderr, "medskapa: %s\n", a->notice);
	} else {
		a->notice[0] = '\0';
		words_say(stderr, "medskapa: ", a->words, W_HOST_SAVING_AGAIN, NULL);
	}
	if (a->board) board_invalidate(a->board);
}

/* Milliseconds until the session file is due to be rewritten; -1 when nothing is unsaved. */
static int snapshot_wait(const struct server *a, int64_t t)
{
	if (!a->first_unsaved || journal_pending_entries(a->journal) == 0) return -1;
	if (journal_pending_entries(a->journal) >= SNAPSHOT_MAX_ENTRIES) return 0;
	int64_t due = a->last_change + SNAPSHOT_QUIET_MS;
	if (a->first_unsaved + SNAPSHOT_MAX_MS < due) due = a->first_unsaved + SNAPSHOT_MAX_MS;
	return due > t ? (int)(due - t) : 0;
}

int server_next_wait(const struct server *a)
{
	int64_t t = server_now_ms();
	int w = IDLE_WAIT_MS, pw = server_presence_wait(a, t), sw = snapshot_wait(a, t), gw = server_progress_wait(a, t);
	if (pw >= 0 && pw < w) w = pw;
	if (gw >= 0 && gw < w) w = gw;
	if (sw >= 0 && sw < w) w = sw;
	for (size_t i = 0; i < a->s->n_activities; i++) {   /* wake when a timer runs out */
		const struct timer *tm = &a->s->activities[i].timer;
		if (tm->running && tm->ends_ms - t < w) w = tm->ends_ms > t ? (int)(tm->ends_ms - t) : 0;
	}
	return w;
}

void server_tick(struct server *a)
{
	int64_t t = server_now_ms();
	for (size_t i = 0; i < a->s->n_activities; i++) {
		const struct activity *act = &a->s->activities[i];
		if (!act->timer.running || act->timer.ends_ms > t) continue;
		struct command c = { .type = CMD_TIMER_EXPIRE, .activity = act->id };
		struct session_result res;
		if (server_apply(a, &c, &res) == 0) server_publish(a, &res);
	}
	check_storage(a);
	advance_durable(a);
	server_flush_pending(a);
	t = server_now_ms();
	if (a->snapshot_due || snapshot_wait(a, t) == 0) server_snapshot(a);
}

/* The board's notice: a storage failure first; else, when no phone has connected within
 * opt.no_phone_ms (a minute) of start, what to check (the Wi-Fi, the firewall). */
static const char *view_notice(const struct server *a, int64_t t)
{
	if (a->notice[0]) return a->notice;
	if (!a->phone_seen && a->listening_ms && t - a->listening_ms >= a->opt.no_phone_ms && a->lonely[0]) return a->lonely;
	return NULL;
}

struct board_view server_view(const struct server *a)
{
	int64_t t = server_now_ms();
	return (struct board_view){ .session = a->s, .join_url = a->join_url, .phones = a->phones,
	                            .facilitator_url = a->facilitator_url, .now_ms = t,
	                            .notice = view_notice(a, t) };
}

struct board_config server_board_config(const struct server *a)
{
	return (struct board_config){ .width = a->opt.width, .height = a->opt.height,
	                              .fullscreen = a->opt.fullscreen, .assets_dir = a->opt.assets,
	                              .home = a->opt.home, .lang = a->opt.lang ? a->opt.lang : a->s->lang,
	                              .words = a->words, .theme = a->opt.theme, .start_page = a->opt.start_page,
	                              .photo_dir = a->photo_dir };
}

void server_free(struct server *a)
{
	journal_close(a->journal);   /* its thread wakes the net: stop it first */
	net_stop(a->net);            /* frees what was never released: it did not reach the disk */
	free(a->journal_path);
	if (a->board) {
		board_destroy(a->board);
		SDL_Quit();
	}
	session_free(a->s);
	session_free(a->durable);
	words_free(a->words);
	for (size_t k = 0; k < a->n_lines; k++) free(a->lines[k].line);
	for (size_t k = 0; k < a->n_reqs; k++) free(a->reqs[k].text);
	free(a->lines);
	free(a->reqs);
	free(a->path);
	free(a->photo_dir);
	free(a->audio_dir);
	free(a->peers);
	free(a->conns);
	memset(a, 0, sizeof *a);
}
