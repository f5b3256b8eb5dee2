/* loadclient.c: many phones on one libwebsockets client context, for the benchmarks.
 *
 * Against the host (medskapa.v1): opens N connections (a bounded number of handshakes in
 * flight), says hello on each and waits for every welcome; waits for quiet and reads the
 * server's resident memory; then fan-out rounds (one phone posts an idea, the time until every
 * phone has its idea.added); then (--ideas K) a burst of K ideas from K phones within one
 * second, each to every phone; then a burst of votes spread evenly over one second and over the
 * phones, each with a cid, timing each durable ack. Against the libwebsockets test server
 * (--mirror: lws-mirror-protocol) the same connections, fan-out rounds and idea burst, the
 * same text mirrored to everyone. Server CPU comes from /proc/PID/stat, memory from /proc/PID/status.
 *
 * Why C on lws rather than Node with ws: at 1000 phones on these 2 cores this client joined
 * them in 0.9-1.6 s where a ws client doing the same took 2.1-2.9 s, and saw fan-out sooner
 * (18-30 ms p50 against 26-34 ms): it spends less of the shared CPU per message, so it loads
 * the host harder. It runs lws on a libev (epoll) loop, as the host does: at 1000 phones that
 * joined them in 0.2 s instead of 0.25-0.29 s (lws on libuv was slower still: 3.3 s to join).
 *
 * Prints one JSON object on stdout; progress on stderr. Exits 1 when something is broken
 * (phones could not connect, acks never came, connections dropped), 0 otherwise, however
 * slow. Every wait is bounded.
 *
 *   loadclient --port P --pid PID --phones N [--mirror] [--rounds R] [--votes V]
 *              [--vote-ms MS] [--items K] [--inflight C] [--label L] [--hold MS] [--dump FILE]
 *              [--ideas K]
 *
 * --hold keeps the phones idle MS longer once the host is quiet (to look at it from outside,
 * e.g. with gdb or perf), before the memory is read and the rounds start. --dump FILE writes
 * every vote's send and answer times (ms, CLOCK_REALTIME, to line up with strace -tt).
 */
#include <libwebsockets.h>
#include <ev.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* Bounds: every phase ends within these, or the run is reported broken. */
#define CONNECT_LIMIT_MS  90000   /* all N phones joined */
#define SETTLE_QUIET_MS   300     /* no message for this long: the host is idle */
#define SETTLE_LIMIT_MS   90000   /* then measure anyway, marked settle_timeout */
#define ROUND_LIMIT_MS    10000   /* one fan-out round */
#define ROUND_GAP_MS      100     /* quiet between rounds */
#define ACK_LIMIT_MS      15000   /* after the last vote was sent */
#define OUTQ              8       /* messages a phone may have waiting to be written */
#define MSG_MAX           240
#define RUN_LIMIT_MS      240000  /* the whole run, whatever happens */

enum phase { PH_CONNECT, PH_SETTLE, PH_FANOUT, PH_IDEAS, PH_VOTES, PH_DONE };
enum pstate { ST_IDLE, ST_CONNECTING, ST_OPEN, ST_JOINED, ST_FAILED, ST_CLOSED };

struct outmsg {
	char text[MSG_MAX];
	int len;
	int kind;                /* 'v' vote, 'i' burst idea (index in tag), 'f' fan-out post (round), 'h' hello */
	int tag;
};

struct phone {
	int idx;
	struct lws *wsi;
	enum pstate st;
	struct outmsg out[OUTQ];
	int out_head, out_n;
	int votes_done;          /* votes this phone has sent so far (their order) */
	char *rx;
	size_t rx_len, rx_cap;
};

struct vote_rec { double sent, acked; int error; };

static struct {
	int port, pid, n, mirror, rounds, votes, vote_ms, items, inflight, hold_ms, ideas;
	const char *label, *dump;
	struct lws_context *ctx;
	struct phone *ph;
	enum phase phase;
	double t_phase, t_start;
	int next_connect, connecting, joined, failed, closed_early;
	double t_first_connect, t_all_joined, t_last_join;
	double t_quiet;          /* the last message of the joining (presence) traffic */
	int settle_timeout;
	double last_rx;
	long long msgs, bytes, presence, errors_total, rate_limited;
	char first_error[160];
	/* memory and CPU of the server */
	long rss_before, rss_after, rss_end;
	double cpu0, cpu_connected, cpu_settled, cpu_fanout, cpu_ideas, cpu_end;
	/* fan-out */
	int round, round_sender, round_got, round_started;
	double round_t0, round_first, round_last, round_ack;
	double *fan_total, *fan_spread, *fan_ack;
	int fan_done, fan_timeouts;
	char marker[64];
	int nonce;
	/* the idea burst: B.ideas posts over one second, each to every phone */
	struct vote_rec *ir;
	int ideas_queued, ideas_answered, idea_errors;
	long long burst_got;
	double t_ideas0, t_ideas_sent, t_burst_first, t_burst_done;
	char burst_marker[48];
	/* votes */
	struct vote_rec *vr;
	int votes_queued, votes_answered, vote_errors;
	double t_votes0, t_votes_sent;
	char vote_error_code[64];
	int broken;
	char why[200];
	lws_sorted_usec_list_t sul;
} B;

static volatile sig_atomic_t interrupted;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Server CPU seconds (user + system) from /proc/PID/stat; -1 when it is gone. */
static double server_cpu(void)
{
	char path[64], buf[2048];
	snprintf(path, sizeof path, "/proc/%d/stat", B.pid);
	FILE *f = fopen(path, "r");
	if (!f) return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	if (!p) return -1;
	unsigned long long ut = 0, st = 0;
	/* after ")": state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15) */
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* Server VmRSS in KiB; -1 when it is gone. */
static long server_rss(void)
{
	char path[64], line[256];
	long kib = -1;
	snprintf(path, sizeof path, "/proc/%d/status", B.pid);
	FILE *f = fopen(path, "r");
	if (!f) return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
	fclose(f);
	return kib;
}

static void set_phase(enum phase p)
{
	B.phase = p;
	B.t_phase = now_ms();
}

static void broken(const char *fmt, const char *arg)
{
	if (!B.broken) snprintf(B.why, sizeof B.why, fmt, arg ? arg : "");
	B.broken = 1;
	fprintf(stderr, "loadclient: %s\n", B.why);
	set_phase(PH_DONE);
}

static void queue_msg(struct phone *p, int kind, int tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void queue_msg(struct phone *p, int kind, int tag, const char *fmt, ...)
{
	if (p->out_n == OUTQ || !p->wsi) return;
	struct outmsg *m = &p->out[(p->out_head + p->out_n) % OUTQ];
	va_list ap;
	va_start(ap, fmt);
	m->len = vsnprintf(m->text, sizeof m->text, fmt, ap);
	va_end(ap);
	m->kind = kind;
	m->tag = tag;
	p->out_n++;
	lws_callback_on_writable(p->wsi);
}

static void connect_one(struct phone *p)
{
	struct lws_client_connect_info i;
	memset(&i, 0, sizeof i);
	i.context = B.ctx;
	i.address = "127.0.0.1";
	i.port = B.port;
	i.path = B.mirror ? "/" : "/ws";
	i.host = "127.0.0.1";
	i.protocol = B.mirror ? "lws-mirror-protocol" : "medskapa.v1";
	i.local_protocol_name = "bench-phone";
	i.userdata = p;
	i.pwsi = &p->wsi;
	p->st = ST_CONNECTING;
	B.connecting++;
	if (!lws_client_connect_via_info(&i) && p->st == ST_CONNECTING) {
		p->st = ST_FAILED;
		B.connecting--;
		B.failed++;
	}
}

/* ---- what comes in -------------------------------------------------------------------- */

/* The value of "key":"..." in a flat JSON message into out ("" when absent). */
static void json_str(const char *msg, const char *key, char *out, size_t len)
{
	char pat[32];
	snprintf(pat, sizeof pat, "\"%s\":\"", key);
	const char *s = strstr(msg, pat);
	out[0] = '\0';
	if (!s) return;
	s += strlen(pat);
	size_t n = 0;
	while (s[n] && s[n] != '"' && n + 1 < len) n++;
	memcpy(out, s, n);
	out[n] = '\0';
}

static int is_type(const char *msg, const char *type)
{
	char pat[48];
	snprintf(pat, sizeof pat, "\"type\":\"%s\"", type);
	return strstr(msg, pat) != NULL;
}

static void fan_arrival(double t)
{
	if (B.round_got == 0) B.round_first = t;
	if (++B.round_got == B.joined) B.round_last = t;
}

static void burst_arrival(double t)
{
	if (!B.burst_got) B.t_burst_first = t;
	if (++B.burst_got == (long long)B.ideas * B.joined) B.t_burst_done = t;
}

/* An ack or error for a vote or burst idea: its time, once. */
static void answered(struct vote_rec *r, int n, int k, int err, double t, int *answered_count, int *errors,
                     const char *msg)
{
	if (k < 0 || k >= n || r[k].acked) return;
	r[k].acked = t;
	r[k].error = err;
	(*answered_count)++;
	if (err) {
		(*errors)++;
		if (!B.vote_error_code[0]) json_str(msg, "code", B.vote_error_code, sizeof B.vote_error_code);
	}
}

static void on_message(struct phone *p, const char *msg, size_t len)
{
	double t = now_ms();
	B.msgs++;
	B.bytes += (long long)len;
	B.last_rx = t;
	if (B.mirror) {
		if (B.phase == PH_FANOUT && B.round_started && strstr(msg, B.marker)) fan_arrival(t);
		else if (B.phase == PH_IDEAS && strstr(msg, B.burst_marker)) burst_arrival(t);
		return;
	}
	if (is_type(msg, "presence")) {
		B.presence++;
		return;
	}
	if (is_type(msg, "welcome")) {
		if (p->st == ST_OPEN) {
			p->st = ST_JOINED;
			B.joined++;
			B.connecting--;
			B.t_last_join = t;
		}
		return;
	}
	if (is_type(msg, "idea.added")) {
		if (B.phase == PH_FANOUT && B.round_started && strstr(msg, B.marker)) fan_arrival(t);
		else if (B.phase == PH_IDEAS && strstr(msg, B.burst_marker)) burst_arrival(t);
		return;
	}
	char cid[72];
	if (is_type(msg, "ack") || is_type(msg, "error")) {
		int err = is_type(msg, "error");
		json_str(msg, "cid", cid, sizeof cid);
		if (err) {
			char code[64];
			json_str(msg, "code", code, sizeof code);
			B.errors_total++;
			if (strcmp(code, "rate_limited") == 0) B.rate_limited++;
			if (!B.first_error[0]) snprintf(B.first_error, sizeof B.first_error, "%.60s (cid %.40s)", code, cid);
		}
		if (cid[0] == 'v') {
			answered(B.vr, B.votes, atoi(cid + 1), err, t, &B.votes_answered, &B.vote_errors, msg);
		} else if (cid[0] == 'i') {
			answered(B.ir, B.ideas, atoi(cid + 1), err, t, &B.ideas_answered, &B.idea_errors, msg);
		} else if (cid[0] == 'f' && atoi(cid + 1) == B.round && B.phase == PH_FANOUT) {
			B.round_ack = t;
			if (err) broken("the fan-out post was refused: %s", msg);
		}
	}
}

static int on_receive(struct lws *wsi, struct phone *p, const void *in, size_t len)
{
	if (p->rx_len + len + 1 > p->rx_cap) {
		size_t cap = p->rx_cap ? p->rx_cap : 512;
		while (cap < p->rx_len + len + 1) cap *= 2;
		char *n = realloc(p->rx, cap);
		if (!n) return -1;
		p->rx = n;
		p->rx_cap = cap;
	}
	memcpy(p->rx + p->rx_len, in, len);
	p->rx_len += len;
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi)) return 0;
	p->rx[p->rx_len] = '\0';
	on_message(p, p->rx, p->rx_len);
	p->rx_len = 0;
	if (p->rx_cap > 65536) {   /* a welcome can be big; do not keep that much per phone */
		free(p->rx);
		p->rx = NULL;
		p->rx_cap = 0;
	}
	return 0;
}

static int on_writeable(struct lws *wsi, struct phone *p)
{
	if (!p->out_n) return 0;
	struct outmsg *m = &p->out[p->out_head];
	unsigned char buf[LWS_PRE + MSG_MAX];
	memcpy(buf + LWS_PRE, m->text, (size_t)m->len);
	double t = now_ms();
	if (lws_write(wsi, buf + LWS_PRE, (size_t)m->len, LWS_WRITE_TEXT) < m->len) return -1;
	if (m->kind == 'v') B.vr[m->tag].sent = t;
	if (m->kind == 'i') B.ir[m->tag].sent = t;
	if (m->kind == 'f' && m->tag == B.round) B.round_t0 = t;
	p->out_head = (p->out_head + 1) % OUTQ;
	p->out_n--;
	if (p->out_n) lws_callback_on_writable(wsi);
	return 0;
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	struct phone *p = user;
	switch (reason) {
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		if (p && p->st == ST_CONNECTING) {
			p->st = ST_FAILED;
			B.connecting--;
			B.failed++;
			if (!B.first_error[0])
				snprintf(B.first_error, sizeof B.first_error, "connect: %.120s", in ? (const char *)in : "?");
		}
		break;
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		if (!p) break;
		p->st = ST_OPEN;
		if (B.mirror) {
			p->st = ST_JOINED;
			B.joined++;
			B.connecting--;
			B.t_last_join = now_ms();
		} else {
			queue_msg(p, 'h', 0, "{\"type\":\"hello\",\"proto\":1,\"name\":\"Bench %d\",\"lang\":\"sv\"}", p->idx);
		}
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		if (p) return on_receive(wsi, p, in, len);
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		if (p) return on_writeable(wsi, p);
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		if (p && p->st != ST_CLOSED && p->st != ST_FAILED) {
			if (p->st == ST_CONNECTING || p->st == ST_OPEN) B.connecting--;
			if (p->st == ST_JOINED) B.joined--;
			if (B.phase != PH_DONE) B.closed_early++;
			p->st = ST_CLOSED;
		}
		break;
	case LWS_CALLBACK_WSI_DESTROY:
		if (p) p->wsi = NULL;
		break;
	default:
		break;
	}
	return 0;
}

/* ---- the phases, driven by a 1 ms tick ---------------------------------------------------- */

static void start_round(void)
{
	/* A different phone each round, spread over the room. */
	int k = (int)(((long)B.round * 7919 + 13) % B.n);
	for (int tries = 0; tries < B.n && B.ph[k].st != ST_JOINED; tries++) k = (k + 1) % B.n;
	B.round_sender = k;
	B.round_got = 0;
	B.round_t0 = B.round_first = B.round_last = B.round_ack = 0;
	snprintf(B.marker, sizeof B.marker, "fanout-%d-%d\"", B.nonce, B.round);
	B.round_started = 1;
	queue_msg(&B.ph[k], 'f', B.round, "{\"type\":\"idea.post\",\"cid\":\"f%d\",\"text\":\"fanout-%d-%d\"}",
	          B.round, B.nonce, B.round);
	B.t_phase = now_ms();
}

static void queue_due_votes(double t)
{
	int due = (int)((t - B.t_votes0) * B.votes / B.vote_ms) + 1;
	if (due > B.votes) due = B.votes;
	int voters = B.joined < B.votes ? B.joined : B.votes;
	if (voters < 1) voters = 1;
	while (B.votes_queued < due) {
		int j = B.votes_queued++;
		struct phone *p = &B.ph[j % voters];
		int k = p->votes_done++;
		/* Absolute dots: put one dot on an item, then take it back; the budget is never passed. */
		int item = 1 + (p->idx + k / 2) % B.items;
		queue_msg(p, 'v', j, "{\"type\":\"vote\",\"cid\":\"v%d\",\"activity\":2,\"item\":%d,\"dots\":%d}",
		          j, item, k % 2 == 0 ? 1 : 0);
	}
	if (B.votes_queued == B.votes && !B.t_votes_sent) B.t_votes_sent = t;
}

/* The idea burst: B.ideas posts spread evenly over one second, each from another phone. */
static void queue_due_ideas(double t)
{
	int due = (int)((t - B.t_ideas0) * B.ideas / 1000) + 1;
	if (due > B.ideas) due = B.ideas;
	while (B.ideas_queued < due) {
		int j = B.ideas_queued++;
		struct phone *p = &B.ph[(int)(((long)j * 7919 + 3) % B.n)];
		for (int tries = 0; tries < B.n && p->st != ST_JOINED; tries++) p = &B.ph[(p->idx + 1) % B.n];
		queue_msg(p, 'i', j, "{\"type\":\"idea.post\",\"cid\":\"i%d\",\"text\":\"%s%d\"}", j, B.burst_marker, j);
	}
	if (B.ideas_queued == B.ideas && !B.t_ideas_sent) B.t_ideas_sent = t;
}

/* After the fan-out rounds: the idea burst, then the votes, or the end. */
static void after_fanout(double t)
{
	if (B.ideas > 0 && B.phase == PH_FANOUT) {
		set_phase(PH_IDEAS);
		B.t_ideas0 = t;
	} else if (!B.mirror && B.votes > 0) {
		set_phase(PH_VOTES);
		B.t_votes0 = t;
	} else {
		set_phase(PH_DONE);
	}
}

static void tick(lws_sorted_usec_list_t *sul)
{
	double t = now_ms();
	if (interrupted) broken("interrupted%s", NULL);
	if (B.phase != PH_DONE && t - B.t_start > RUN_LIMIT_MS) broken("the run took too long%s", NULL);
	static unsigned ticks;
	if (B.pid && ++ticks % 100 == 0 && server_rss() < 0 && B.phase != PH_DONE)   /* every ~100 ms */
		broken("the server (pid) is gone%s", NULL);
	switch (B.phase) {
	case PH_CONNECT:
		while (B.connecting < B.inflight && B.next_connect < B.n) {
			if (!B.t_first_connect) B.t_first_connect = now_ms();
			connect_one(&B.ph[B.next_connect++]);
		}
		if (B.joined + B.failed + B.closed_early >= B.n && B.next_connect == B.n && B.connecting == 0) {
			B.t_all_joined = B.t_last_join ? B.t_last_join : t;
			B.cpu_connected = server_cpu();
			fprintf(stderr, "loadclient %s: %d phones joined in %.0f ms (%d failed)\n", B.label, B.joined,
			        t - B.t_first_connect, B.failed);
			if (B.joined < B.n) {
				char n[32];
				snprintf(n, sizeof n, "%d", B.n - B.joined);
				broken("%s phones could not connect", n);
				break;
			}
			set_phase(PH_SETTLE);
		} else if (t - B.t_phase > CONNECT_LIMIT_MS) {
			broken("phones did not all join in time%s", NULL);
		}
		break;
	case PH_SETTLE:
		if (t - B.last_rx >= SETTLE_QUIET_MS && t - B.t_phase >= SETTLE_QUIET_MS + B.hold_ms) {
			B.t_quiet = B.last_rx > B.t_all_joined ? B.last_rx : B.t_all_joined;
			B.rss_after = server_rss();
			B.cpu_settled = server_cpu();
			set_phase(PH_FANOUT);
			B.round = 0;
			if (B.rounds > 0) start_round();
		} else if (t - B.t_phase > SETTLE_LIMIT_MS) {
			/* Slow, not broken: measure from here on, and say so in the results. */
			fprintf(stderr, "loadclient %s: the host was still sending %d s after the last join; going on\n",
			        B.label, SETTLE_LIMIT_MS / 1000);
			B.settle_timeout = 1;
			B.t_quiet = t;
			B.rss_after = server_rss();
			B.cpu_settled = server_cpu();
			set_phase(PH_FANOUT);
			B.round = 0;
			if (B.rounds > 0) start_round();
		}
		break;
	case PH_FANOUT:
		if (B.round >= B.rounds) {
			/* no rounds asked for, or all done (below) */
		} else if (B.round_got >= B.joined && B.round_t0 > 0 && (B.mirror || B.round_ack > 0)) {
			if (B.round_started) {   /* the round is complete: record it once */
				double last = B.round_last;
				B.fan_total[B.fan_done] = last - B.round_t0;
				B.fan_spread[B.fan_done] = last - B.round_first;
				B.fan_ack[B.fan_done] = B.mirror ? 0 : B.round_ack - B.round_t0;
				B.fan_done++;
				B.round_started = 0;
				B.t_phase = t;
			}
			if (t - B.last_rx >= ROUND_GAP_MS && t - B.t_phase >= ROUND_GAP_MS) {
				B.round++;
				if (B.round < B.rounds) start_round();
			}
		} else if (t - B.t_phase > ROUND_LIMIT_MS) {
			char got[64];
			snprintf(got, sizeof got, "%d of %d", B.round_got, B.joined);
			B.fan_timeouts++;
			broken("a fan-out round did not reach every phone in time (%s)", got);
		}
		if (B.round >= B.rounds) {
			B.cpu_fanout = server_cpu();
			after_fanout(t);
		}
		break;
	case PH_IDEAS:
		queue_due_ideas(t);
		if (B.burst_got >= (long long)B.ideas * B.joined && (B.mirror || B.ideas_answered >= B.ideas) &&
		    t - B.last_rx >= ROUND_GAP_MS) {
			B.cpu_ideas = server_cpu();
			after_fanout(t);
		} else if (B.t_ideas_sent && t - B.t_ideas_sent > ACK_LIMIT_MS) {
			char got[80];
			snprintf(got, sizeof got, "%lld of %lld deliveries, %d of %d acks", B.burst_got,
			         (long long)B.ideas * B.joined, B.ideas_answered, B.ideas);
			broken("the idea burst did not arrive in time (%s)", got);
		}
		break;
	case PH_VOTES:
		queue_due_votes(t);
		if (B.votes_answered >= B.votes) set_phase(PH_DONE);
		else if (B.t_votes_sent && t - B.t_votes_sent > ACK_LIMIT_MS) {
			char n[32];
			snprintf(n, sizeof n, "%d", B.votes - B.votes_answered);
			broken("%s votes never got an ack or an error", n);
		}
		break;
	case PH_DONE:
		break;
	}
	if (B.phase != PH_DONE) lws_sul_schedule(B.ctx, 0, sul, tick, 1000);
	else lws_cancel_service(B.ctx);
}

/* ---- results ------------------------------------------------------------------------------ */

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q-quantile (nearest rank) of v[0..n), sorted in place. */
static double quant(double *v, int n, double q)
{
	if (n <= 0) return -1;
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	int k = (int)(q * n + 0.999999) - 1;
	if (k < 0) k = 0;
	if (k >= n) k = n - 1;
	return v[k];
}

static void print_list(const char *name, double *v, int n)
{
	printf("\"%s\":[", name);
	for (int i = 0; i < n; i++) printf("%s%.2f", i ? "," : "", v[i]);
	printf("]");
}

static void report(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double client_cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	printf("{\"label\":\"%s\",\"target\":\"%s\",\"phones\":%d,\"joined\":%d,\"failed\":%d,\"closed_early\":%d,",
	       B.label, B.mirror ? "lws-test-server" : "medskapa", B.n, B.joined, B.failed, B.closed_early);
	printf("\"connect_ms\":%.1f,\"quiet_ms\":%.1f,\"settle_timeout\":%s,",
	       B.t_all_joined ? B.t_all_joined - B.t_first_connect : -1.0,
	       B.t_quiet ? B.t_quiet - B.t_first_connect : -1.0, B.settle_timeout ? "true" : "false");
	printf("\"rss_before_kib\":%ld,\"rss_after_kib\":%ld,\"rss_end_kib\":%ld,", B.rss_before, B.rss_after, B.rss_end);
	printf("\"rss_per_phone_kib\":%.2f,", B.rss_after > 0 && B.n ? (double)(B.rss_after - B.rss_before) / B.n : -1.0);
	printf("\"msgs_in\":%lld,\"bytes_in\":%lld,\"presence_msgs\":%lld,\"errors\":%lld,\"rate_limited\":%lld,",
	       B.msgs, B.bytes, B.presence, B.errors_total, B.rate_limited);
	printf("\"first_error\":\"%s\",", B.first_error[0] ? B.first_error : "");
	/* fan-out: sorted copies for the quantiles, raw lists kept in run order */
	double *s = malloc(sizeof(double) * (size_t)(B.fan_done + 1));
	printf("\"fanout\":{\"rounds\":%d,", B.fan_done);
	print_list("total_ms", B.fan_total, B.fan_done);
	printf(",");
	print_list("spread_ms", B.fan_spread, B.fan_done);
	printf(",");
	print_list("post_ack_ms", B.fan_ack, B.fan_done);
	memcpy(s, B.fan_total, sizeof(double) * (size_t)B.fan_done);
	double t50 = quant(s, B.fan_done, 0.5), tmax = quant(s, B.fan_done, 1.0);
	memcpy(s, B.fan_spread, sizeof(double) * (size_t)B.fan_done);
	double s50 = quant(s, B.fan_done, 0.5), smax = quant(s, B.fan_done, 1.0);
	memcpy(s, B.fan_ack, sizeof(double) * (size_t)B.fan_done);
	double a50 = quant(s, B.fan_done, 0.5);
	printf(",\"total_p50_ms\":%.2f,\"total_max_ms\":%.2f,\"spread_p50_ms\":%.2f,\"spread_max_ms\":%.2f,"
	       "\"post_ack_p50_ms\":%.2f},", t50, tmax, s50, smax, a50);
	free(s);
	/* the idea burst */
	if (B.ideas > 0) {
		double *lat = malloc(sizeof(double) * (size_t)B.ideas);
		int n = 0;
		for (int i = 0; i < B.ideas; i++)
			if (B.ir[i].sent > 0 && B.ir[i].acked > 0 && !B.ir[i].error) lat[n++] = B.ir[i].acked - B.ir[i].sent;
		double first = 0, last = 0;
		for (int i = 0; i < B.ideas; i++) {
			if (B.ir[i].sent > 0 && (!first || B.ir[i].sent < first)) first = B.ir[i].sent;
			if (B.ir[i].sent > last) last = B.ir[i].sent;
		}
		printf("\"ideas\":{\"sent\":%d,\"acked\":%d,\"errors\":%d,\"deliveries\":%lld,\"expected\":%lld,"
		       "\"all_delivered_ms\":%.1f,\"after_last_post_ms\":%.1f,\"ack_p50_ms\":%.2f,\"ack_p99_ms\":%.2f,"
		       "\"ack_max_ms\":%.2f},",
		       B.ideas_queued, n, B.idea_errors, B.burst_got, (long long)B.ideas * B.joined,
		       B.t_burst_done && first ? B.t_burst_done - first : -1.0,
		       B.t_burst_done && last ? B.t_burst_done - last : -1.0, quant(lat, n, 0.5), quant(lat, n, 0.99),
		       quant(lat, n, 1.0));
		free(lat);
	}
	/* votes */
	if (!B.mirror && B.votes > 0) {
		double *lat = malloc(sizeof(double) * (size_t)B.votes);
		int n = 0;
		double first = 0, last = 0;
		for (int i = 0; i < B.votes; i++) {
			if (B.vr[i].sent > 0 && (!first || B.vr[i].sent < first)) first = B.vr[i].sent;
			if (B.vr[i].sent > last) last = B.vr[i].sent;
			if (B.vr[i].sent > 0 && B.vr[i].acked > 0 && !B.vr[i].error) lat[n++] = B.vr[i].acked - B.vr[i].sent;
		}
		double mean = 0;
		for (int i = 0; i < n; i++) mean += lat[i];
		mean = n ? mean / n : -1;
		printf("\"votes\":{\"sent\":%d,\"acked\":%d,\"errors\":%d,\"error_code\":\"%s\",\"send_span_ms\":%.1f,"
		       "\"ack_mean_ms\":%.2f,\"ack_p50_ms\":%.2f,\"ack_p90_ms\":%.2f,\"ack_p99_ms\":%.2f,\"ack_max_ms\":%.2f,",
		       B.votes_queued, n, B.vote_errors, B.vote_error_code, last - first, mean, quant(lat, n, 0.5),
		       quant(lat, n, 0.9), quant(lat, n, 0.99), quant(lat, n, 1.0));
		/* The p99 of each second of the burst on its own (votes by the second they were sent
		 * in): one hiccup of a shared machine then spoils one second, not the whole figure. */
		int secs = (B.vote_ms + 999) / 1000;
		printf("\"ack_p99_per_second_ms\":[");
		for (int k = 0; k < secs; k++) {
			int m = 0;
			for (int i = 0; i < B.votes; i++) {
				int sec = (int)((B.vr[i].sent - first) / 1000);
				if (sec >= secs) sec = secs - 1;
				if (B.vr[i].sent > 0 && B.vr[i].acked > 0 && !B.vr[i].error && sec == k)
					lat[m++] = B.vr[i].acked - B.vr[i].sent;
			}
			printf("%s%.2f", k ? "," : "", quant(lat, m, 0.99));
		}
		printf("]},");
		free(lat);
	}
	double wall = (B.t_phase - B.t_start) / 1e3;
	double before_votes = B.cpu_ideas > 0 ? B.cpu_ideas : B.cpu_fanout;
	printf("\"server_cpu_s\":{\"connect\":%.2f,\"settle\":%.2f,\"fanout\":%.2f,\"ideas\":%.2f,\"votes\":%.2f,"
	       "\"total\":%.2f},",
	       B.cpu_connected - B.cpu0, B.cpu_settled - B.cpu_connected, B.cpu_fanout - B.cpu_settled,
	       B.cpu_ideas > 0 ? B.cpu_ideas - B.cpu_fanout : 0,
	       !B.mirror && B.votes > 0 && before_votes > 0 ? B.cpu_end - before_votes : 0, B.cpu_end - B.cpu0);
	printf("\"wall_s\":%.2f,\"client_cpu_s\":%.2f,\"broken\":%s,\"why\":\"%s\"}\n", wall, client_cpu,
	       B.broken ? "true" : "false", B.why);
	fflush(stdout);
}

/* --dump: one line per vote, "index sent answered error", realtime ms. */
static void dump_votes(void)
{
	FILE *f = fopen(B.dump, "w");
	if (!f) return;
	struct timespec rt;
	clock_gettime(CLOCK_REALTIME, &rt);
	double off = rt.tv_sec * 1e3 + rt.tv_nsec / 1e6 - now_ms();
	for (int i = 0; i < B.votes; i++)
		fprintf(f, "%d %.3f %.3f %d\n", i, B.vr[i].sent ? B.vr[i].sent + off : 0,
		        B.vr[i].acked ? B.vr[i].acked + off : 0, B.vr[i].error);
	fclose(f);
}

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "port", required_argument, 0, 'p' }, { "pid", required_argument, 0, 'P' },
		{ "phones", required_argument, 0, 'n' }, { "mirror", no_argument, 0, 'm' },
		{ "rounds", required_argument, 0, 'r' }, { "votes", required_argument, 0, 'v' },
		{ "vote-ms", required_argument, 0, 'd' }, { "items", required_argument, 0, 'i' },
		{ "inflight", required_argument, 0, 'c' }, { "label", required_argument, 0, 'l' },
		{ "hold", required_argument, 0, 'H' }, { "dump", required_argument, 0, 'D' },
		{ "ideas", required_argument, 0, 'I' }, { 0, 0, 0, 0 },
	};
	B.rounds = 10;
	B.vote_ms = 1000;
	B.items = 20;
	B.inflight = 128;
	B.label = "run";
	int c;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 'p': B.port = atoi(optarg); break;
		case 'P': B.pid = atoi(optarg); break;
		case 'n': B.n = atoi(optarg); break;
		case 'm': B.mirror = 1; break;
		case 'r': B.rounds = atoi(optarg); break;
		case 'v': B.votes = atoi(optarg); break;
		case 'd': B.vote_ms = atoi(optarg); break;
		case 'i': B.items = atoi(optarg); break;
		case 'c': B.inflight = atoi(optarg); break;
		case 'l': B.label = optarg; break;
		case 'H': B.hold_ms = atoi(optarg); break;
		case 'D': B.dump = optarg; break;
		case 'I': B.ideas = atoi(optarg); break;
		default: return 2;
		}
	}
	if (B.port <= 0 || B.n <= 0 || B.items <= 0 || B.vote_ms <= 0 || B.inflight <= 0 || B.rounds < 0 || B.votes < 0 ||
	    B.hold_ms < 0 || B.hold_ms > 60000 || B.ideas < 0 || B.ideas > 10000) {
		fprintf(stderr, "usage: loadclient --port P --pid PID --phones N [--mirror] [--rounds R] [--votes V] "
		        "[--vote-ms MS] [--items K] [--inflight C] [--label L] [--hold MS] [--dump FILE] [--ideas K]\n");
		return 2;
	}
	signal(SIGINT, on_sigint);
	signal(SIGTERM, on_sigint);
	signal(SIGPIPE, SIG_IGN);
	B.nonce = (int)(getpid() % 100000);
	snprintf(B.burst_marker, sizeof B.burst_marker, "burst-%d-", B.nonce);
	B.ph = calloc((size_t)B.n, sizeof *B.ph);
	B.vr = calloc((size_t)B.votes + 1, sizeof *B.vr);
	B.ir = calloc((size_t)B.ideas + 1, sizeof *B.ir);
	B.fan_total = calloc((size_t)B.rounds + 1, sizeof(double));
	B.fan_spread = calloc((size_t)B.rounds + 1, sizeof(double));
	B.fan_ack = calloc((size_t)B.rounds + 1, sizeof(double));
	for (int i = 0; i < B.n; i++) B.ph[i].idx = i;

	static const struct lws_protocols protocols[] = {
		{ "bench-phone", callback, 0, 0, 0, NULL, 0 },
		{ NULL, NULL, 0, 0, 0, NULL, 0 },
	};
	struct lws_context_creation_info info;
	memset(&info, 0, sizeof info);
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = protocols;
	info.count_threads = 1;
	lws_set_log_level(LLL_ERR, NULL);
	/* On a libev (epoll) loop, as the host: lws' own poll() loop hands the kernel every
	 * socket on every wake-up (the 1000-phone scenario cost this client 2.4 s of CPU on it
	 * with 1000 votes, 0.7-1.0 s on epoll with 3000). */
	struct ev_loop *loop = ev_loop_new(EVBACKEND_EPOLL);
	if (!loop) {
		fprintf(stderr, "loadclient: cannot create an event loop\n");
		return 1;
	}
	info.options |= LWS_SERVER_OPTION_LIBEV;
	info.foreign_loops = (void **)&loop;
	B.ctx = lws_create_context(&info);
	if (!B.ctx) {
		fprintf(stderr, "loadclient: cannot create the lws context\n");
		return 1;
	}
	B.cpu0 = server_cpu();
	B.rss_before = server_rss();
	B.t_start = now_ms();
	set_phase(PH_CONNECT);
	lws_sul_schedule(B.ctx, 0, &B.sul, tick, 1000);
	while (B.phase != PH_DONE) {
		ev_run(loop, EVRUN_ONCE);
	}
	B.cpu_end = server_cpu();
	B.rss_end = server_rss();
	report();
	if (B.dump) dump_votes();
	/* Leave without tearing down thousands of connections one by one: the kernel closes
	 * them all at exit, and the server is stopped next anyway. */
	fflush(stdout);
	fflush(stderr);
	_exit(B.broken ? 1 : 0);
}
