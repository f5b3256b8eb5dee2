/* net.c: the network edge on libwebsockets 4.1. One thread serves the phone page and the
 * WebSocket peers on one port; it shares only queues, under one mutex, with the main thread. */

#include "net.h"
#include "httpcheck.h"
#include "util.h"
#include "wsframe.h"

#include <libwebsockets.h>
#include <ev.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- tunables ------------------------------------------------------------------------- */

/* Whole messages one peer may have waiting for the main thread. Past this we stop reading
 * from its socket (TCP then slows the phone down) until the main thread catches up, so a
 * flooding phone costs bounded memory and cannot starve the others. */
#define NET_IN_PER_PEER_MAX   32
#define NET_IN_PER_PEER_RESUME (NET_IN_PER_PEER_MAX / 2)

/* Bytes queued for one peer that it has not read. A phone that stops reading (asleep with the
 * socket still open) would otherwise hold every broadcast; past this its backlog is dropped
 * and it is closed at once (1008 if it still reads the close), and it rejoins with its token
 * when it wakes. A welcome with hundreds of ideas is well under 1 MiB. */
#define NET_OUT_PER_PEER_MAX  ((size_t)8 << 20)

/* Idle WebSocket peers get a ping after this many seconds and are hung up if nothing valid
 * arrived for the second number: a phone that left the Wi-Fi without closing stops counting
 * as present within about a minute. */
#define NET_PING_SECS         30
#define NET_HANGUP_SECS       75

/* A connection must send its whole request head (HTTP headers, or the WebSocket handshake)
 * within this many seconds of connecting, however it trickles it in: a "slowloris" client
 * holds a header buffer and a descriptor for at most this long. lws counts from the accept
 * and does not restart the clock on each byte. */
#define NET_HEADER_SECS       10

/* An HTTP/1.1 keep-alive connection idle this long after a response is closed. The phone
 * page loads in one burst; browsers open a new connection when they need one. */
#define NET_KEEPALIVE_SECS    5

/* Rate limit (cfg->rate_per_sec, cfg->rate_burst): a message over it is dropped with a
 * `rate_limited` error to its sender. A peer that has more than NET_FLOOD_FACTOR bursts'
 * worth dropped within NET_FLOOD_WINDOW_SECS is not a phone resending after a reconnect but
 * a flood, and is closed with 1008. */
#define NET_FLOOD_FACTOR      4
#define NET_FLOOD_WINDOW_SECS 10

/* One WRITEABLE callback writes queued messages until the socket would block, up to this
 * many bytes, then asks for another: fewer trips through the event loop
 * (a joining phone gets its welcome and the presence together), yet one peer with a long
 * backlog does not hold up the others for long. */
#define NET_WRITE_BUDGET      ((size_t)64 << 10)

/* A peer's queue of outgoing messages is freed once drained if it had grown past this many
 * slots, so a burst (a crowd joining) leaves no memory behind on each idle phone. */
#define NET_OUT_KEEP_SLOTS    8

/* lws' receive buffer per WebSocket (one allocation per connection). Phones send small JSON
 * messages; a larger one (up to max_message) arrives in pieces of this size and is
 * reassembled in net_on_receive, so this bounds memory, not message size. */
#define NET_RX_BUFFER         1024

/* File descriptors: lws sizes its tables from RLIMIT_NOFILE; an unlimited hard limit is
 * capped here so those tables stay a few MB. */
#define NET_FD_CAP            ((rlim_t)1 << 20)

/* Lingering close, as nginx's lingering_close: a connection the host ends while the client may
 * still be sending is not simply closed, since closing a socket with unread input makes the
 * kernel send a reset, which destroys the close frame (or HTTP answer) on its way to the phone
 * ("socket hang up" instead of 1009). The host sends its close, shuts down its side, and reads
 * and discards what still comes, until the client ends its side, for at most this long and
 * this many bytes. */
#define NET_LINGER_SECS       3.0
#define NET_LINGER_BYTES      ((size_t)4 << 20)

#define NET_HTTP_PROTOCOL     "http"
#define NET_WS_PATH           "/ws"
#define NET_CLOSE_REASON_MAX  123   /* RFC 6455: control payload 125 minus the code */
#define NET_CLOSE_TRY_AGAIN_LATER 1013   /* RFC 6455 registry; lws 4.1 has no name for it */
#define NET_NS_PER_SEC        1000000000ull

/* Close reasons the phone page and the tests can tell apart (docs/protocol.md). */
#define NET_REASON_FULL       "host full"
#define NET_REASON_ADDRESS    "too many connections from your address"
#define NET_REASON_FLOOD      "too many messages"

/* ---- types ---------------------------------------------------------------------------- */

/* One outbound message, shared by every peer it is queued for (refs under net->mu). */
struct net_msg {
	int refs;
	size_t len;
	unsigned char buf[];        /* LWS_PRE bytes of headroom, then len bytes of text */
};

/* One WebSocket peer. All fields are under net->mu except wsi, rx*, the rate limiter and
 * addr, which only the network thread touches. Freed by the network thread when lws reports
 * it closed. */
struct net_peer {
	uint32_t id;
	struct lws *wsi;
	struct net_msg **out;       /* out[head..len) are unsent */
	size_t out_head, out_len, out_cap, out_bytes;
	size_t in_pending;          /* messages in the inbound queue not yet polled */
	int throttled;              /* reading paused (NET_IN_PER_PEER_MAX) */
	int resume;                 /* main thread asks the network thread to read again */
	int dirty;                  /* id is on net->dirty */
	int closing;                /* close once out is empty */
	int kill;                   /* close now without sending what is queued */
	int close_code;
	char close_reason[NET_CLOSE_REASON_MAX + 1];
	char *rx;                   /* the message being reassembled */
	size_t rx_len, rx_cap;
	uint64_t tat;               /* rate limit: theoretical arrival time of the next message (ns) */
	uint64_t flood_since;       /* start of the window in which drops are counted (ns) */
	unsigned drops;             /* messages dropped in that window */
	int flooded;                /* closing for flooding: drop whatever else it sends */
	int close_started;          /* a callback returned -1 to close it: write nothing more */
	unsigned char addr[16];     /* remote address (IPv4 as ::ffff:a.b.c.d), in memory only */
	int has_addr;
};

/* A message held until net_release() reaches seq (net_send_after). */
struct net_held {
	uint64_t seq;
	struct net_msg *m;          /* no references taken until released */
	uint32_t *peers;
	size_t npeers;
};

/* lws per-connection data of our WebSocket protocol. */
struct net_pss {
	struct net_peer *peer;      /* NULL when refused */
	const char *refused;        /* why (NET_REASON_FULL / NET_REASON_ADDRESS), closed with 1013 */
	int close_started;          /* a callback returned -1 with a close code: say nothing more */
};

/* A connection being closed the lingering way: a descriptor of our own on its socket (lws has
 * closed its own), read and discarded until the client ends, or the time or bytes run out. */
struct net_linger {
	ev_io io;
	ev_timer timer;
	struct net *n;
	struct net_linger *prev, *next;
	size_t drained;
};

struct net {
	struct lws_context *ctx;
	struct lws_vhost *vhost;
	pthread_t thread;
	struct ev_loop *loop;
	int thread_started;
	atomic_int stop;
	int port;
	size_t max_message;
	int max_peers;
	int max_per_address;        /* 0 = no limit */
	uint64_t rate_interval;     /* ns between messages at the average rate; 0 = no limit */
	uint64_t rate_tolerance;    /* ns a peer may run ahead of that (burst - 1 intervals) */
	unsigned flood_drops;       /* more drops than this in the window close the peer */
	struct net_msg *rate_error; /* the `rate_limited` reply, shared; net holds one reference */
	net_wake_fn wake;
	void *ud;

	pthread_mutex_t mu;
	pthread_cond_t cv;          /* inbound queue became non-empty, or net_interrupt */
	int interrupted;
	struct net_in *in;          /* in[head..len) are pending for the main thread */
	size_t in_head, in_len, in_cap;
	struct net_peer **peers;    /* open peers, sorted by id (ids only grow) */
	size_t npeers, peers_cap;
	uint32_t next_id;
	uint32_t *dirty;            /* peers the network thread must look at */
	size_t ndirty, dirty_cap;
	struct net_held *held;      /* held[head..len) wait for net_release, oldest first */
	size_t held_head, held_len, held_cap;
	uint64_t released;          /* highest number given to net_release */

	/* network thread only */
	uint32_t *scratch;
	size_t scratch_cap;
	struct net_linger *lingers;   /* connections being closed the lingering way */
	int epoll_fd;                 /* the loop's epoll descriptor (libev does not tell), or -1 */

	/* configuration lws keeps pointers to for the life of the context */
	char *web_root;
	struct lws_http_mount mount;
	struct lws_protocols protocols[3];
	lws_retry_bo_t retry;
};

/* ---- small helpers -------------------------------------------------------------------- */

static void net_linger_http(struct lws *wsi);

/* lws log lines go to stderr, prefixed, errors and warnings only. */
static void net_log_emit(int level, const char *line)
{
	(void)level;
	fprintf(stderr, "net: %s", line);
}

/* Binary search for peer id in the sorted table; caller holds n->mu. */
static struct net_peer *net_peer_find(struct net *n, uint32_t id, size_t *pos)
{
	size_t lo = 0, hi = n->npeers;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (n->peers[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (pos)
		*pos = lo;
	if (lo < n->npeers && n->peers[lo]->id == id)
		return n->peers[lo];
	return NULL;
}

/* Drop one reference to m; caller holds n->mu. */
static void net_msg_unref(struct net_msg *m)
{
	if (--m->refs == 0)
		free(m);
}

/* A new message with LWS_PRE headroom and no references yet. */
static struct net_msg *net_msg_new(const char *msg, size_t len)
{
	struct net_msg *m = xmalloc(sizeof(*m) + LWS_PRE + len + 1);

	m->refs = 0;
	m->len = len;
	if (len)
		memcpy(m->buf + LWS_PRE, msg, len);
	m->buf[LWS_PRE + len] = '\0';
	return m;
}

/* Append to the inbound queue and wake net_wait; caller holds n->mu. */
static void net_in_push(struct net *n, enum net_in_kind kind, uint32_t peer, char *data, size_t len)
{
	if (n->in_len == n->in_cap && n->in_head > 0) {
		memmove(n->in, n->in + n->in_head, (n->in_len - n->in_head) * sizeof(*n->in));
		n->in_len -= n->in_head;
		n->in_head = 0;
	}
	xgrow((void **)&n->in, &n->in_cap, n->in_len + 1, sizeof(*n->in));
	n->in[n->in_len++] = (struct net_in){ .kind = kind, .peer = peer, .data = data, .len = len };
	pthread_cond_signal(&n->cv);
}

/* Tell the main thread something is queued (outside n->mu, never while stopping). */
static void net_notify(struct net *n)
{
	if (n->wake && !atomic_load(&n->stop))
		n->wake(n->ud);
}

/* Put p on the list the network thread looks at when woken; caller holds n->mu. */
static void net_mark_dirty(struct net *n, struct net_peer *p)
{
	if (p->dirty)
		return;
	p->dirty = 1;
	xgrow((void **)&n->dirty, &n->dirty_cap, n->ndirty + 1, sizeof(*n->dirty));
	n->dirty[n->ndirty++] = p->id;
}

/* Queue m for p, taking a reference; caller holds n->mu. Returns 0 if p is closing. */
static int net_out_push(struct net *n, struct net_peer *p, struct net_msg *m)
{
	if (p->closing || p->kill)
		return 0;
	if (p->out_bytes + m->len > NET_OUT_PER_PEER_MAX) {
		/* It has stopped reading: drop its backlog and cut it off now. */
		while (p->out_head < p->out_len)
			net_msg_unref(p->out[p->out_head++]);
		p->out_head = p->out_len = 0;
		p->out_bytes = 0;
		p->kill = 1;
		net_mark_dirty(n, p);
		return 0;
	}
	if (p->out_len == p->out_cap && p->out_head > 0) {
		memmove(p->out, p->out + p->out_head, (p->out_len - p->out_head) * sizeof(*p->out));
		p->out_len -= p->out_head;
		p->out_head = 0;
	}
	xgrow((void **)&p->out, &p->out_cap, p->out_len + 1, sizeof(*p->out));
	p->out[p->out_len++] = m;
	p->out_bytes += m->len;
	m->refs++;
	net_mark_dirty(n, p);
	return 1;
}

/* Queue m for each live peer in peers[]; caller holds n->mu. 1 if the network thread must
 * look (something queued, or a peer to cut off). Frees m if nobody took it. */
static int net_fan_out(struct net *n, struct net_msg *m, const uint32_t *peers, size_t npeers)
{
	int queued = 0;

	for (size_t i = 0; i < npeers; i++) {
		struct net_peer *p = net_peer_find(n, peers[i], NULL);
		if (p && (net_out_push(n, p, m) || p->kill))
			queued = 1;
	}
	if (m->refs == 0)
		free(m);
	return queued;
}

/* Free a peer and everything it still holds; caller holds n->mu, p is out of the table. */
static void net_peer_free(struct net_peer *p)
{
	while (p->out_head < p->out_len)
		net_msg_unref(p->out[p->out_head++]);
	free(p->out);
	free(p->rx);
	free(p);
}

/* 1 if s[0..len) is well-formed UTF-8 (NUL allowed: that is for the JSON layer to judge).
 * lws checks this already with LWS_SERVER_OPTION_VALIDATE_UTF8; this guards the contract. */
static int net_utf8_ok(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t k;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			k = 1; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			k = 2; cp = c & 0x0F; min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			k = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return 0;
		}
		if (len - i - 1 < k)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* Close wsi from inside its own callback: set the code and let the caller return -1. */
static int net_close_with(struct lws *wsi, int code, const char *reason)
{
	lws_close_reason(wsi, (enum lws_close_status)code, (unsigned char *)reason, strlen(reason));
	return -1;
}

/* Allow only `Upgrade: websocket`. Reads the header itself: in 4.1.6 `in` is not safe to use
 * here (CVE-2025-11677), and accepting h2c would expose the unpatched HTTP/2 code. */
static int net_confirm_upgrade(struct lws *wsi)
{
	char up[32];
	int len = lws_hdr_total_length(wsi, WSI_TOKEN_UPGRADE);

	if (len <= 0 || len >= (int)sizeof(up))
		return -1;
	if (lws_hdr_copy(wsi, up, sizeof(up), WSI_TOKEN_UPGRADE) != len)
		return -1;
	return strcasecmp(up, "websocket") == 0 ? 0 : -1;
}

/* Monotonic time in nanoseconds (network thread: rate limiting). */
static uint64_t net_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NET_NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* The remote address of wsi's socket as 16 bytes, an IPv4 address mapped into IPv6 the way a
 * dual-stack socket reports it, so the same phone counts once whichever way it came in.
 * Returns 0, or -1 when there is none (not an IP socket). Kept in memory only, never logged. */
static int net_peer_address(struct lws *wsi, unsigned char out[16])
{
	union {
		struct sockaddr sa;
		struct sockaddr_in in4;
		struct sockaddr_in6 in6;
		struct sockaddr_storage ss;
	} u;
	socklen_t sl = sizeof(u);
	lws_sockfd_type fd = lws_get_socket_fd(wsi);

	if (fd < 0 || getpeername(fd, &u.sa, &sl) != 0)
		return -1;
	if (u.sa.sa_family == AF_INET6) {
		memcpy(out, &u.in6.sin6_addr, 16);
		return 0;
	}
	if (u.sa.sa_family == AF_INET) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &u.in4.sin_addr, 4);
		return 0;
	}
	return -1;
}

/* Open peers from addr; caller holds n->mu. A linear pass, once per handshake: about 14 us
 * with 5000 peers open (measured), which is not worth a hash table's upkeep. */
static int net_count_address(const struct net *n, const unsigned char addr[16])
{
	int count = 0;

	for (size_t i = 0; i < n->npeers; i++)
		if (n->peers[i]->has_addr && memcmp(n->peers[i]->addr, addr, 16) == 0)
			count++;
	return count;
}

/* 1 if a WebSocket handshake may go on as far as its origin goes. No Origin header: not a
 * browser (a script or a test client can send anything anyway), allowed. Otherwise the
 * Origin must be http(s)://host[:port] naming the same host and port as the Host header,
 * i.e. the page was served by this host; that stops another site the phone has open from
 * talking to the meeting behind the participant's back. A port left out is the scheme's. */
static int net_origin_ok(struct lws *wsi)
{
	char origin[HTTPCHECK_HEADER_MAX], host[HTTPCHECK_HEADER_MAX];
	int olen = lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN);
	int hlen = lws_hdr_total_length(wsi, WSI_TOKEN_HOST);

	if (olen <= 0)
		return 1;
	if (olen >= (int)sizeof(origin) || hlen <= 0 || hlen >= (int)sizeof(host) ||
	    lws_hdr_copy(wsi, origin, sizeof(origin), WSI_TOKEN_ORIGIN) != olen ||
	    lws_hdr_copy(wsi, host, sizeof(host), WSI_TOKEN_HOST) != hlen ||
	    strlen(origin) != (size_t)olen || strlen(host) != (size_t)hlen)
		return 0;   /* too long, unreadable, or holding a NUL */
	return httpcheck_origin_ok(origin, host);
}

/* Answer 405 with an Allow header and close: the static files are only read. Closing, rather
 * than reading and discarding a body, also stops a client trickling a request body in. */
static int net_refuse_method(struct lws *wsi)
{
	unsigned char buf[LWS_PRE + 1024], *start = buf + LWS_PRE, *p = start, *end = buf + sizeof(buf) - 1;
	static const char allow[] = "GET, HEAD";

	if (lws_add_http_header_status(wsi, HTTP_STATUS_METHOD_NOT_ALLOWED, &p, end) ||
	    lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_ALLOW, (const unsigned char *)allow,
	                                 (int)strlen(allow), &p, end) ||
	    lws_add_http_header_by_token(wsi, WSI_TOKEN_CONNECTION, (const unsigned char *)"close", 5, &p, end) ||
	    lws_add_http_header_content_length(wsi, 0, &p, end) ||
	    lws_finalize_http_header(wsi, &p, end))
		return -1;
	lws_write(wsi, start, (size_t)(p - start), LWS_WRITE_HTTP_HEADERS);
	net_linger_http(wsi);
	return -1;
}

/* GCRA token bucket: 1 and charge p if a message may pass now. One timestamp per peer: tat is
 * when the next message would be on time at the average rate; a peer may run up to
 * rate_tolerance ahead of it, which is the burst. About 30 ns a message with the clock read. */
static int net_rate_take(const struct net *n, struct net_peer *p, uint64_t now)
{
	uint64_t tat;

	if (!n->rate_interval)
		return 1;
	tat = p->tat > now ? p->tat : now;
	if (tat - now > n->rate_tolerance)
		return 0;
	p->tat = tat + n->rate_interval;
	return 1;
}

/* A whole message over the rate limit: drop it and queue the `rate_limited` error to its
 * sender, or close the sender with 1008 when it keeps flooding. Returns the callback result. */
static int net_rate_limited(struct net *n, struct lws *wsi, struct net_peer *p, uint64_t now)
{
	int flood, kill;

	free(p->rx);
	p->rx = NULL;
	p->rx_len = p->rx_cap = 0;
	if (now - p->flood_since >= (uint64_t)NET_FLOOD_WINDOW_SECS * NET_NS_PER_SEC) {
		p->flood_since = now;
		p->drops = 0;
	}
	flood = ++p->drops > n->flood_drops;

	pthread_mutex_lock(&n->mu);
	if (flood) {
		p->flooded = 1;   /* whatever else it sends is dropped unread */
		if (!p->closing && !p->kill) {
			/* After what is queued: it sees its errors, then the close. */
			p->closing = 1;
			p->close_code = LWS_CLOSE_STATUS_POLICY_VIOLATION;
			strlcpy_m(p->close_reason, NET_REASON_FLOOD, sizeof(p->close_reason));
		}
	} else {
		net_out_push(n, p, n->rate_error);
	}
	kill = p->kill;
	pthread_mutex_unlock(&n->mu);

	if (kill)
		lws_set_timeout(wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
	else
		lws_callback_on_writable(wsi);
	return 0;
}

/* ---- the client's byte stream, checked before lws parses it ----------------------------- */

/* lws 4.1 takes an unmasked frame from a client as if it were masked (RFC 6455 5.1 says close
 * with 1002). It reads every connection with recv() from its own code, so the network edge
 * defines recv() here: the dynamic linker binds lws' calls to it (the executable comes first),
 * and it passes them to the C library's, feeding what a connection of ours sends to wsframe on
 * the way. Only the network thread's calls on descriptors of our connections are looked at;
 * everything else goes straight through. Once a frame breaks a rule, lws gets the bytes before
 * it and nothing more, the WebSocket is closed with 1002 from WRITEABLE, and after that close
 * lws is told the stream ended, so it frees the connection and the lingering close drains the
 * rest. */
struct net_guard {
	struct wsframe f;
	struct lws *wsi;            /* the WebSocket, once established (to ask for WRITEABLE) */
	unsigned char on;           /* a connection of ours is on this descriptor */
	unsigned char close_sent;   /* the 1002 close has been sent */
};

/* Global because recv() has no context: one network thread per process. */
static struct {
	pthread_t thread;           /* the network thread; valid while running */
	atomic_int running;
	struct net_guard *slot;     /* by descriptor; network thread only */
	size_t cap;
} net_guards;

static ssize_t (*net_libc_recv)(int, void *, size_t, int);
static pthread_once_t net_libc_once = PTHREAD_ONCE_INIT;

static void net_libc_find(void)
{
	net_libc_recv = (ssize_t (*)(int, void *, size_t, int))dlsym(RTLD_NEXT, "recv");
}

/* The guard of fd when the caller is the network thread and fd is one of our connections. */
static struct net_guard *net_guard_mine(int fd)
{
	if (!atomic_load(&net_guards.running) || !pthread_equal(pthread_self(), net_guards.thread))
		return NULL;
	if (fd < 0 || (size_t)fd >= net_guards.cap || !net_guards.slot[fd].on)
		return NULL;
	return &net_guards.slot[fd];
}

ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	struct net_guard *g = net_guard_mine(fd);
	ssize_t r;
	size_t good;

	pthread_once(&net_libc_once, net_libc_find);
	if (!net_libc_recv) {
		errno = ENOSYS;
		return -1;
	}
	if (!g || (flags & MSG_PEEK))
		return net_libc_recv(fd, buf, len, flags);
	if (g->f.error && g->close_sent)
		return 0;   /* the close is out: lws ends the connection, the linger drains it */
	r = net_libc_recv(fd, buf, len, flags);
	if (r <= 0 || wsframe_feed(&g->f, buf, (size_t)r, &good) == 0)
		return r;
	if (g->wsi)
		lws_callback_on_writable(g->wsi);
	if (good)
		return (ssize_t)good;
	errno = EAGAIN;
	return -1;
}

/* A new connection on fd (network thread): start checking its stream from the first byte. */
static void net_guard_open(int fd)
{
	if (fd < 0)
		return;
	if ((size_t)fd >= net_guards.cap) {
		size_t old = net_guards.cap;
		xgrow((void **)&net_guards.slot, &net_guards.cap, (size_t)fd + 1, sizeof(*net_guards.slot));
		memset(net_guards.slot + old, 0, (net_guards.cap - old) * sizeof(*net_guards.slot));
	}
	memset(&net_guards.slot[fd], 0, sizeof(net_guards.slot[fd]));
	wsframe_reset(&net_guards.slot[fd].f);
	net_guards.slot[fd].on = 1;
}

static struct net_guard *net_guard_of(struct lws *wsi)
{
	int fd = (int)lws_get_socket_fd(wsi);

	return fd >= 0 && (size_t)fd < net_guards.cap && net_guards.slot[fd].on ? &net_guards.slot[fd] : NULL;
}

/* The WebSocket on wsi is established: a breach found before now still gets its close. */
static void net_guard_established(struct lws *wsi)
{
	struct net_guard *g = net_guard_of(wsi);

	if (!g)
		return;
	g->wsi = wsi;
	if (g->f.error)
		lws_callback_on_writable(wsi);
}

/* If the stream of wsi broke a framing rule: set the 1002 close and return -1 (for the callback
 * to return); else 0. */
static int net_guard_breach(struct lws *wsi)
{
	struct net_guard *g = net_guard_of(wsi);

	if (!g || !g->f.error)
		return 0;
	g->close_sent = 1;
	lws_close_reason(wsi, (enum lws_close_status)WSFRAME_PROTOCOL_ERROR,
	                 (unsigned char *)g->f.error, strlen(g->f.error));
	return -1;
}

static void net_guard_close(struct lws *wsi)
{
	struct net_guard *g = net_guard_of(wsi);

	if (g)
		memset(g, 0, sizeof(*g));
}

/* ---- lingering close -------------------------------------------------------------------- */

static void net_linger_end(struct net_linger *l)
{
	struct net *n = l->n;

	ev_io_stop(n->loop, &l->io);
	ev_timer_stop(n->loop, &l->timer);
	close(l->io.fd);
	if (l->prev)
		l->prev->next = l->next;
	else
		n->lingers = l->next;
	if (l->next)
		l->next->prev = l->prev;
	free(l);
}

static void net_linger_read(struct ev_loop *loop, ev_io *w, int revents)
{
	struct net_linger *l = (struct net_linger *)((char *)w - offsetof(struct net_linger, io));
	char buf[16384];

	(void)loop;
	(void)revents;
	for (int i = 0; i < 16; i++) {   /* then let the other connections have the loop */
		ssize_t r = read(w->fd, buf, sizeof(buf));

		if (r > 0) {
			l->drained += (size_t)r;
			if (l->drained < NET_LINGER_BYTES)
				continue;
			net_linger_end(l);   /* enough: close, even if that resets it */
			return;
		}
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		net_linger_end(l);       /* the client ended its side (or the socket failed) */
		return;
	}
}

static void net_linger_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	net_linger_end((struct net_linger *)((char *)w - offsetof(struct net_linger, timer)));
}

/* Close the connection on fd the lingering way (network thread, just before lws closes fd):
 * take a descriptor of our own on the socket so lws' close does not reset it, end our side of
 * the stream after what has been written, and drain the client's side. The epoll entry of fd
 * is removed first, so that events on the socket are not reported under a number lws has let
 * go (libev would take them as stale and rebuild its whole epoll set). */
static void net_linger_start(struct net *n, int fd)
{
	struct net_linger *l;
	int d;

	if (fd < 0 || atomic_load(&n->stop))
		return;
	if (n->epoll_fd >= 0)
		(void)epoll_ctl(n->epoll_fd, EPOLL_CTL_DEL, fd, NULL);
	d = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (d < 0)
		return;   /* out of descriptors: lws closes it as before */
	(void)shutdown(d, SHUT_WR);
	l = xcalloc(1, sizeof(*l));
	l->n = n;
	ev_io_init(&l->io, net_linger_read, d, EV_READ);
	ev_timer_init(&l->timer, net_linger_timeout, NET_LINGER_SECS, 0.);
	ev_io_start(n->loop, &l->io);
	ev_timer_start(n->loop, &l->timer);
	l->next = n->lingers;
	if (l->next)
		l->next->prev = l;
	n->lingers = l;
}

/* An HTTP answer that ends the connection (403, 404, 405) was written: linger, unless lws
 * still holds part of it to send (then lws closes it itself once sent). */
static void net_linger_http(struct lws *wsi)
{
	struct net *n = lws_context_user(lws_get_context(wsi));

	if (!lws_partial_buffered(wsi))
		net_linger_start(n, (int)lws_get_socket_fd(wsi));
}

/* ---- lws callbacks (network thread) ---------------------------------------------------- */

/* protocols[0]: plain HTTP (the static files) and any WebSocket naming no known subprotocol. */
static int net_http_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user,
                       void *in, size_t len)
{
	switch (reason) {
	case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
		/* A new TCP connection; in is its descriptor. */
		net_guard_open((int)(intptr_t)in);
		return 0;

	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return net_confirm_upgrade(wsi);

	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		/* A WebSocket that named no subprotocol lands here: refuse the handshake. */
		return -1;

	case LWS_CALLBACK_FILTER_HTTP_CONNECTION:
		if (lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) <= 0 &&
		    lws_hdr_total_length(wsi, WSI_TOKEN_HEAD_URI) <= 0)
			return net_refuse_method(wsi);
		if (in && httpcheck_has_dot_segment(in, len ? len : strlen(in))) {
			lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL);
			net_linger_http(wsi);
			return -1;
		}
		return 0;

	case LWS_CALLBACK_HTTP_BIND_PROTOCOL:
		/* lws 4.1 turns a CONNECT into a raw tunnel with no timeout and never asks
		 * FILTER_HTTP_CONNECTION: refuse it here, or it holds a connection for ever. */
		if (lws_hdr_total_length(wsi, WSI_TOKEN_CONNECT) > 0)
			return net_refuse_method(wsi);
		return lws_callback_http_dummy(wsi, reason, user, in, len);

	case LWS_CALLBACK_RAW_ADOPT:
	case LWS_CALLBACK_RAW_RX:
		return -1;   /* no raw connections here, whatever led to one */

	case LWS_CALLBACK_HTTP:
		/* No mount matched, or the file is missing. */
		if (lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL))
			return -1;
		return lws_http_transaction_completed(wsi) ? -1 : 0;

	default:
		return lws_callback_http_dummy(wsi, reason, user, in, len);
	}
}

/* A new WebSocket peer: give it an id, or refuse it when the host is full or its address
 * has as many peers as it may. */
static int net_on_established(struct net *n, struct lws *wsi, struct net_pss *pss)
{
	struct net_peer *p;
	unsigned char addr[16];
	int has_addr = net_peer_address(wsi, addr) == 0;
	const char *refuse = NULL;

	pthread_mutex_lock(&n->mu);
	if ((int)n->npeers >= n->max_peers)
		refuse = NET_REASON_FULL;
	else if (n->max_per_address > 0 && has_addr &&
	         net_count_address(n, addr) >= n->max_per_address)
		refuse = NET_REASON_ADDRESS;
	if (refuse) {
		pthread_mutex_unlock(&n->mu);
		pss->peer = NULL;
		pss->refused = refuse;
		/* Send the close from WRITEABLE: a close code set during the handshake is lost. */
		lws_callback_on_writable(wsi);
		return 0;
	}
	p = xcalloc(1, sizeof(*p));
	p->id = n->next_id++;
	if (n->next_id == 0)
		n->next_id = 1;   /* 4 billion connections later; ids in use stay unique in practice */
	p->wsi = wsi;
	if (has_addr) {
		memcpy(p->addr, addr, sizeof(addr));
		p->has_addr = 1;
	}
	xgrow((void **)&n->peers, &n->peers_cap, n->npeers + 1, sizeof(*n->peers));
	n->peers[n->npeers++] = p;
	pss->peer = p;
	net_in_push(n, NET_IN_OPEN, p->id, NULL, 0);
	pthread_mutex_unlock(&n->mu);
	net_notify(n);
	return 0;
}

/* One piece of a message arrived: reassemble, enforce limits, hand whole messages over. */
static int net_on_receive(struct net *n, struct lws *wsi, struct net_pss *pss,
                          const void *in, size_t len)
{
	struct net_peer *p = pss->peer;
	int pause = 0;
	uint64_t now;

	if (!p)   /* refused, and about to be closed from WRITEABLE */
		return net_close_with(wsi, NET_CLOSE_TRY_AGAIN_LATER, pss->refused ? pss->refused : NET_REASON_FULL);
	if (p->flooded)   /* closing for flooding */
		return 0;
	if (lws_frame_is_binary(wsi))
		return net_close_with(wsi, LWS_CLOSE_STATUS_UNACCEPTABLE_OPCODE,
		                      "binary frames are not accepted");
	if (len > n->max_message - p->rx_len) {
		free(p->rx);
		p->rx = NULL;
		p->rx_len = p->rx_cap = 0;
		return net_close_with(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, "message too big");
	}
	xgrow((void **)&p->rx, &p->rx_cap, p->rx_len + len + 1, 1);
	if (len)
		memcpy(p->rx + p->rx_len, in, len);
	p->rx_len += len;
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi))
		return 0;

	if (!net_utf8_ok((const unsigned char *)p->rx, p->rx_len))
		return net_close_with(wsi, LWS_CLOSE_STATUS_INVALID_PAYLOAD, "invalid UTF-8");
	now = net_now_ns();
	if (!net_rate_take(n, p, now))
		return net_rate_limited(n, wsi, p, now);
	p->rx[p->rx_len] = '\0';

	pthread_mutex_lock(&n->mu);
	net_in_push(n, NET_IN_MESSAGE, p->id, p->rx, p->rx_len);
	if (++p->in_pending >= NET_IN_PER_PEER_MAX && !p->throttled) {
		p->throttled = 1;
		pause = 1;
	}
	pthread_mutex_unlock(&n->mu);
	p->rx = NULL;
	p->rx_len = p->rx_cap = 0;
	if (pause)
		lws_rx_flow_control(wsi, 0);
	net_notify(n);
	return 0;
}

/* Take p's next queued message (NULL when none); caller holds n->mu. A drained queue that had
 * grown is freed. */
static struct net_msg *net_out_pop(struct net_peer *p)
{
	struct net_msg *m;

	if (p->out_head == p->out_len)
		return NULL;
	m = p->out[p->out_head++];
	p->out_bytes -= m->len;
	if (p->out_head == p->out_len) {
		p->out_head = p->out_len = 0;
		if (p->out_cap > NET_OUT_KEEP_SLOTS) {
			free(p->out);
			p->out = NULL;
			p->out_cap = 0;
		}
	}
	return m;
}

/* Write p's queued messages until the socket would block or NET_WRITE_BUDGET is spent (lws
 * 4.1 buffers what a write could not pass to the kernel and sends it first when the socket
 * drains). Returns 0 when done, 1 when more is left or a close is due (the caller asks for a
 * WRITEABLE), -1 when a write failed. Network thread. */
static int net_write_queued(struct net *n, struct lws *wsi, struct net_peer *p)
{
	size_t budget = NET_WRITE_BUDGET;

	for (;;) {
		struct net_msg *m;
		size_t mlen;
		int wrote, more, closing;

		pthread_mutex_lock(&n->mu);
		m = p->kill ? NULL : net_out_pop(p);
		more = p->out_head < p->out_len;
		closing = p->closing || p->kill;
		pthread_mutex_unlock(&n->mu);

		if (!m)
			return closing;
		mlen = m->len;
		wrote = lws_write(wsi, m->buf + LWS_PRE, mlen, LWS_WRITE_TEXT);
		pthread_mutex_lock(&n->mu);
		net_msg_unref(m);
		pthread_mutex_unlock(&n->mu);
		if (wrote < 0 || (size_t)wrote < mlen)
			return -1;
		budget = mlen < budget ? budget - mlen : 0;
		if (!more && !closing)
			return 0;
		/* A close goes in a WRITEABLE of its own, after lws has sent what it buffered. */
		if (closing || !budget || lws_send_pipe_choked(wsi))
			return 1;
	}
}

/* Room to write: send what is queued, or close if asked and nothing is left. */
static int net_on_writeable(struct net *n, struct lws *wsi, struct net_pss *pss)
{
	struct net_peer *p = pss->peer;
	int rc, kill, closing, code = 0;
	char reason[NET_CLOSE_REASON_MAX + 1] = "";

	if (!p)
		return net_close_with(wsi, NET_CLOSE_TRY_AGAIN_LATER, pss->refused ? pss->refused : NET_REASON_FULL);

	rc = net_write_queued(n, wsi, p);
	if (rc < 0)
		return -1;
	pthread_mutex_lock(&n->mu);
	kill = p->kill;
	closing = p->closing && p->out_head == p->out_len;
	if (closing) {
		code = p->close_code;
		memcpy(reason, p->close_reason, sizeof(reason));
	}
	pthread_mutex_unlock(&n->mu);
	if (kill)
		return net_close_with(wsi, LWS_CLOSE_STATUS_POLICY_VIOLATION, "too slow");
	if (rc == 0)
		return 0;
	if (closing && !lws_send_pipe_choked(wsi))
		return net_close_with(wsi, code, reason);
	lws_callback_on_writable(wsi);
	return 0;
}

/* The peer is gone: take it out of the table, tell the main thread, free it. */
static void net_on_closed(struct net *n, struct net_pss *pss)
{
	struct net_peer *p = pss->peer;
	size_t pos;

	if (!p)
		return;
	pss->peer = NULL;
	pthread_mutex_lock(&n->mu);
	if (net_peer_find(n, p->id, &pos) == p) {
		memmove(n->peers + pos, n->peers + pos + 1, (n->npeers - pos - 1) * sizeof(*n->peers));
		n->npeers--;
	}
	net_in_push(n, NET_IN_CLOSE, p->id, NULL, 0);
	net_peer_free(p);
	pthread_mutex_unlock(&n->mu);
	net_notify(n);
}

/* Woken by lws_cancel_service: act on what the main thread asked of each marked peer. */
static void net_on_cancelled(struct net *n)
{
	size_t count, i;

	pthread_mutex_lock(&n->mu);
	count = n->ndirty;
	xgrow((void **)&n->scratch, &n->scratch_cap, count ? count : 1, sizeof(*n->scratch));
	if (count)
		memcpy(n->scratch, n->dirty, count * sizeof(*n->dirty));
	n->ndirty = 0;
	pthread_mutex_unlock(&n->mu);

	/* Peers are freed only on this thread, so a peer found here stays valid until we
	 * return; the lock is not held across lws calls. */
	for (i = 0; i < count; i++) {
		struct net_peer *p;
		int resume, kill, write;

		pthread_mutex_lock(&n->mu);
		p = net_peer_find(n, n->scratch[i], NULL);
		if (!p) {
			pthread_mutex_unlock(&n->mu);
			continue;
		}
		p->dirty = 0;
		resume = p->resume;
		p->resume = 0;
		if (resume)
			p->throttled = 0;
		kill = p->kill;
		write = p->out_head < p->out_len || p->closing;
		pthread_mutex_unlock(&n->mu);

		if (resume)
			lws_rx_flow_control(p->wsi, 1);
		if (kill) {
			/* A stuck peer may never become writeable: close it from a timer. */
			lws_set_timeout(p->wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
		} else if (write && !p->close_started && !lws_send_pipe_choked(p->wsi)) {
			/* Room now: write at once rather than after one more pass of the loop. */
			int rc = net_write_queued(n, p->wsi, p);
			if (rc < 0)
				lws_set_timeout(p->wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
			else if (rc > 0)
				lws_callback_on_writable(p->wsi);
		} else if (write) {
			lws_callback_on_writable(p->wsi);
		}
	}
}

/* protocols[1]: NET_PROTOCOL_NAME, the phones. */
static int net_ws_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user,
                     void *in, size_t len)
{
	struct net *n = lws_context_user(lws_get_context(wsi));
	struct net_pss *pss = user;
	char uri[16];

	switch (reason) {
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return net_confirm_upgrade(wsi);

	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		/* Only at the documented endpoint. */
		if (lws_hdr_copy(wsi, uri, sizeof(uri), WSI_TOKEN_GET_URI) <= 0 ||
		    strcmp(uri, NET_WS_PATH) != 0)
			return -1;
		if (!net_origin_ok(wsi)) {
			lws_return_http_status(wsi, HTTP_STATUS_FORBIDDEN, NULL);
			net_linger_http(wsi);
			return -1;
		}
		return 0;

	case LWS_CALLBACK_ESTABLISHED:
		net_guard_established(wsi);
		return net_on_established(n, wsi, pss);

	/* After a callback has returned -1 with a close code, lws 4.1 sends the close frame from
	 * a later WRITEABLE, and may call these again first: returning -1 a second time would
	 * abort the close handshake, and the phone would get no close code and lose what was
	 * queued before it. */
	case LWS_CALLBACK_RECEIVE:
		if (pss->close_started)
			return 0;
		if (net_guard_breach(wsi) == 0 && net_on_receive(n, wsi, pss, in, len) == 0)
			return 0;
		pss->close_started = 1;
		if (pss->peer)
			pss->peer->close_started = 1;
		return -1;

	case LWS_CALLBACK_SERVER_WRITEABLE:
		if (pss->close_started)
			return 0;
		if (net_guard_breach(wsi) == 0 && net_on_writeable(n, wsi, pss) == 0)
			return 0;
		pss->close_started = 1;
		if (pss->peer)
			pss->peer->close_started = 1;
		return -1;

	case LWS_CALLBACK_CLOSED:
		/* lws has sent its close and shut down its side; it closes fd when we return. A
		 * connection the host refused may still be sending: it ends the lingering way. */
		net_guard_close(wsi);
		if (pss->close_started || pss->refused)   /* (a refused handshake lingered already) */
			net_linger_start(n, (int)lws_get_socket_fd(wsi));
		net_on_closed(n, pss);
		return 0;

	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		net_on_cancelled(n);
		return 0;

	default:
		return 0;
	}
}

/* The network thread: serve until net_stop. */
static void *net_thread(void *arg)
{
	struct net *n = arg;

	net_guards.thread = pthread_self();
	atomic_store(&net_guards.running, 1);
	/* One pass of the loop at a time, so that net_stop's wake-up ends it. */
	while (!atomic_load(&n->stop))
		ev_run(n->loop, EVRUN_ONCE);
	atomic_store(&net_guards.running, 0);
	return NULL;
}

/* Let lws have as many descriptors as the system allows (soft limit up to the hard one). */
static void net_raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	rlim_t want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > NET_FD_CAP ? NET_FD_CAP : rl.rlim_max;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = want;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			fprintf(stderr, "net: cannot raise the open file limit: %s\n", strerror(errno));
	}
}

/* The descriptors of epoll instances this process has (up to max, the rest -1): libev does not
 * tell which descriptor is its epoll, so net_start compares the list before and after it
 * creates the loop. The lingering close needs it to take a socket out of that epoll set. */
#define NET_EPOLL_SEEN 16
static void net_epoll_fds(int *out, size_t max)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	size_t k = 0;
	char path[300], target[64];

	for (size_t i = 0; i < max; i++)
		out[i] = -1;
	if (!d)
		return;
	while ((e = readdir(d)) && k < max) {
		ssize_t len;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len <= 0)
			continue;
		target[len] = '\0';
		if (strcmp(target, "anon_inode:[eventpoll]") == 0)
			out[k++] = atoi(e->d_name);
	}
	closedir(d);
}

/* The one epoll descriptor that is not in before (net_epoll_fds), or -1. */
static int net_epoll_new_fd(const int *before)
{
	int after[NET_EPOLL_SEEN], found = -1;

	net_epoll_fds(after, NET_EPOLL_SEEN);
	for (size_t i = 0; i < NET_EPOLL_SEEN && after[i] >= 0; i++) {
		int known = 0;

		for (size_t j = 0; j < NET_EPOLL_SEEN && before[j] >= 0; j++)
			known |= before[j] == after[i];
		if (!known) {
			if (found >= 0)
				return -1;   /* more than one: do not guess */
			found = after[i];
		}
	}
	return found;
}

/* 1 if s is a dotted IPv4 address such as 127.0.0.1. */
static int net_is_ipv4_literal(const char *s)
{
	struct in_addr a;

	return inet_pton(AF_INET, s, &a) == 1;
}

/* MIME types lws 4.1 does not know by itself. */
static const struct lws_protocol_vhost_options net_mime_webmanifest = {
	NULL, NULL, ".webmanifest", "application/manifest+json" };
static const struct lws_protocol_vhost_options net_mime_json = {
	&net_mime_webmanifest, NULL, ".json", "application/json" };
static const struct lws_protocol_vhost_options net_mime_mjs = {
	&net_mime_json, NULL, ".mjs", "text/javascript" };
static const struct lws_protocol_vhost_options net_mime_webp = {
	&net_mime_mjs, NULL, ".webp", "image/webp" };
static const struct lws_protocol_vhost_options net_mime_woff2 = {
	&net_mime_webp, NULL, ".woff2", "font/woff2" };

/* ---- public API (main thread) ----------------------------------------------------------- */

/* Bind the port and start the server thread. Raises the open-file soft limit first. Returns
 * NULL and fills err (never NULL-terminated beyond errlen) when the web root is not a folder,
 * the address cannot be bound (in use, not permitted), or lws cannot start. */
struct net *net_start(const struct net_config *cfg, net_wake_fn wake, void *ud,
                      char *err, size_t errlen)
{
	struct lws_context_creation_info info;
	struct stat st;
	struct net *n;
	char *root, errbuf[8];
	int before[NET_EPOLL_SEEN];
	uint64_t opts = LWS_SERVER_OPTION_VALIDATE_UTF8 |
	                LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE;

	if (!err || !errlen) {
		err = errbuf;
		errlen = sizeof(errbuf);
	}
	err[0] = '\0';
	if (!cfg || !cfg->web_root || cfg->max_message == 0 || cfg->max_peers <= 0 ||
	    cfg->port < 0 || cfg->port > 65535) {
		snprintf(err, errlen, "net: bad configuration");
		return NULL;
	}
	root = realpath(cfg->web_root, NULL);
	if (!root || stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "web root %s: %s", cfg->web_root,
		         root ? "not a folder" : strerror(errno));
		free(root);
		return NULL;
	}

	net_raise_fd_limit();
	lws_set_log_level(LLL_ERR | LLL_WARN, net_log_emit);

	n = xcalloc(1, sizeof(*n));
	n->epoll_fd = -1;
	n->web_root = root;
	n->max_message = cfg->max_message;
	n->max_peers = cfg->max_peers;
	n->max_per_address = cfg->max_per_address > 0 ? cfg->max_per_address : 0;
	if (cfg->rate_per_sec > 0) {
		char msg[160];
		unsigned burst = cfg->rate_burst > 0 ? (unsigned)cfg->rate_burst : 1;
		int mlen = snprintf(msg, sizeof(msg), "{\"type\":\"error\",\"code\":\"rate_limited\","
		                    "\"message\":\"Too many messages: wait a moment (at most %d per second).\"}",
		                    cfg->rate_per_sec);

		n->rate_interval = NET_NS_PER_SEC / (uint64_t)cfg->rate_per_sec;
		n->rate_tolerance = n->rate_interval * (burst - 1);
		n->flood_drops = NET_FLOOD_FACTOR * burst;
		n->rate_error = net_msg_new(msg, (size_t)mlen);
		n->rate_error->refs = 1;
	}
	n->wake = wake;
	n->ud = ud;
	n->next_id = 1;
	atomic_init(&n->stop, 0);
	pthread_mutex_init(&n->mu, NULL);
	{
		pthread_condattr_t ca;
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&n->cv, &ca);
		pthread_condattr_destroy(&ca);
	}

	n->mount.mountpoint = "/";
	n->mount.mountpoint_len = 1;
	n->mount.origin = n->web_root;
	n->mount.def = "index.html";
	n->mount.origin_protocol = LWSMPRO_FILE;
	n->mount.extra_mimetypes = &net_mime_woff2;

	n->protocols[0] = (struct lws_protocols){ .name = NET_HTTP_PROTOCOL, .callback = net_http_cb };
	n->protocols[1] = (struct lws_protocols){
		.name = NET_PROTOCOL_NAME, .callback = net_ws_cb,
		.per_session_data_size = sizeof(struct net_pss), .rx_buffer_size = NET_RX_BUFFER };

	n->retry.secs_since_valid_ping = NET_PING_SECS;
	n->retry.secs_since_valid_hangup = NET_HANGUP_SECS;

	memset(&info, 0, sizeof(info));
	info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS | opts;
	info.user = n;
	info.count_threads = 1;
	/* lws on a libev loop of our own (epoll), not lws' poll() loop: poll() hands the kernel
	 * every connection on every wake-up, which at 1000 phones was most of the host's CPU in a
	 * vote burst (0.8 s of CPU for 1000 votes; 0.2 s on epoll). The loop is ours so that the
	 * network thread runs it one pass at a time and stops when asked. */
	net_epoll_fds(before, NET_EPOLL_SEEN);
	n->loop = ev_loop_new(EVBACKEND_EPOLL);
	if (!n->loop)
		n->loop = ev_loop_new(EVFLAG_AUTO);
	else
		n->epoll_fd = net_epoll_new_fd(before);
	if (!n->loop) {
		snprintf(err, errlen, "net: cannot create an event loop");
		goto fail;
	}
	info.options |= LWS_SERVER_OPTION_LIBEV;
	info.foreign_loops = (void **)&n->loop;
	n->ctx = lws_create_context(&info);
	if (!n->ctx) {
		snprintf(err, errlen, "net: cannot create the libwebsockets context (is the package "
		         "libwebsockets-evlib-ev installed?)");
		goto fail;
	}

	memset(&info, 0, sizeof(info));
	info.options = opts | LWS_SERVER_OPTION_FAIL_UPON_UNABLE_TO_BIND;
	info.port = cfg->port;
	info.iface = cfg->bind_address;
	if (cfg->bind_address && net_is_ipv4_literal(cfg->bind_address))
		/* lws 4.1 on an IPv6 socket cannot bind an IPv4 address and silently listens on
		 * every address instead; an IPv4 socket binds it as asked. */
		info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
	info.vhost_name = "medskapa";
	info.protocols = n->protocols;
	info.mounts = &n->mount;
	info.retry_and_idle_policy = &n->retry;
	info.timeout_secs_ah_idle = NET_HEADER_SECS;
	info.keepalive_timeout = NET_KEEPALIVE_SECS;
	info.server_string = "medskapa";
	n->vhost = lws_create_vhost(n->ctx, &info);
	n->port = n->vhost ? lws_get_vhost_listen_port(n->vhost) : -1;
	if (!n->vhost || n->port <= 0) {
		snprintf(err, errlen, "cannot listen on %s port %d (in use, not permitted, or no such address)",
		         cfg->bind_address ? cfg->bind_address : "all addresses", cfg->port);
		goto fail;
	}

	if (pthread_create(&n->thread, NULL, net_thread, n) != 0) {
		snprintf(err, errlen, "net: cannot start the network thread");
		goto fail;
	}
	n->thread_started = 1;
	return n;

fail:
	net_stop(n);
	return NULL;
}

/* The port actually listened on (useful with port 0). */
int net_port(const struct net *n)
{
	return n->port;
}

/* Move up to max pending inbound items into out[]; returns how many. The caller owns and
 * frees each MESSAGE's data. Never blocks (beyond the queue lock). */
size_t net_poll(struct net *n, struct net_in *out, size_t max)
{
	size_t got = 0;
	int wake_net = 0;

	pthread_mutex_lock(&n->mu);
	while (got < max && n->in_head < n->in_len) {
		struct net_in *it = &n->in[n->in_head++];
		out[got++] = *it;
		if (it->kind == NET_IN_MESSAGE) {
			struct net_peer *p = net_peer_find(n, it->peer, NULL);
			if (p && p->in_pending > 0 && --p->in_pending <= NET_IN_PER_PEER_RESUME &&
			    p->throttled && !p->resume) {
				p->resume = 1;
				net_mark_dirty(n, p);
				wake_net = 1;
			}
		}
	}
	if (n->in_head == n->in_len)
		n->in_head = n->in_len = 0;
	pthread_mutex_unlock(&n->mu);
	if (wake_net)
		lws_cancel_service(n->ctx);
	return got;
}

/* Block until something is pending inbound, net_interrupt() is called, or timeout_ms passes
 * (negative: no timeout). Consumes one interrupt. */
void net_wait(struct net *n, int timeout_ms)
{
	struct timespec until;

	clock_gettime(CLOCK_MONOTONIC, &until);
	if (timeout_ms > 0) {
		until.tv_sec += timeout_ms / 1000;
		until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&n->mu);
	while (n->in_head == n->in_len && !n->interrupted && timeout_ms != 0) {
		int rc = timeout_ms < 0 ? pthread_cond_wait(&n->cv, &n->mu)
		                        : pthread_cond_timedwait(&n->cv, &n->mu, &until);
		if (rc == ETIMEDOUT)
			break;
	}
	n->interrupted = 0;
	pthread_mutex_unlock(&n->mu);
}

/* Wake net_wait() (safe from any thread, not from a signal handler). */
void net_interrupt(struct net *n)
{
	pthread_mutex_lock(&n->mu);
	n->interrupted = 1;
	pthread_cond_broadcast(&n->cv);
	pthread_mutex_unlock(&n->mu);
}

/* Queue a copy of msg for one peer; dropped silently if the peer is gone or closing. */
void net_send(struct net *n, uint32_t peer, const char *msg, size_t len)
{
	net_send_many(n, &peer, 1, msg, len);
}

/* Queue one shared copy of msg for each live peer in peers[]. A peer whose unread backlog
 * would pass NET_OUT_PER_PEER_MAX is closed with 1008 instead. */
void net_send_many(struct net *n, const uint32_t *peers, size_t npeers, const char *msg, size_t len)
{
	struct net_msg *m;
	int queued = 0;

	if (npeers == 0)
		return;
	m = net_msg_new(msg, len);
	pthread_mutex_lock(&n->mu);
	queued = net_fan_out(n, m, peers, npeers);
	pthread_mutex_unlock(&n->mu);
	if (queued)
		lws_cancel_service(n->ctx);
}

/* Queue msg once seq is released (see net.h); held messages keep their order. */
void net_send_after(struct net *n, uint64_t seq, const uint32_t *peers, size_t npeers,
                    const char *msg, size_t len)
{
	struct net_msg *m;
	int queued = 0;

	if (npeers == 0)
		return;
	m = net_msg_new(msg, len);
	pthread_mutex_lock(&n->mu);
	if (n->held_head == n->held_len && n->released >= seq) {
		queued = net_fan_out(n, m, peers, npeers);
	} else {
		struct net_held *h;

		if (n->held_len == n->held_cap && n->held_head > 0) {
			memmove(n->held, n->held + n->held_head, (n->held_len - n->held_head) * sizeof(*n->held));
			n->held_len -= n->held_head;
			n->held_head = 0;
		}
		xgrow((void **)&n->held, &n->held_cap, n->held_len + 1, sizeof(*n->held));
		h = &n->held[n->held_len++];
		h->seq = seq;
		h->m = m;
		h->peers = xmalloc(npeers * sizeof(*peers));
		memcpy(h->peers, peers, npeers * sizeof(*peers));
		h->npeers = npeers;
	}
	pthread_mutex_unlock(&n->mu);
	if (queued)
		lws_cancel_service(n->ctx);
}

/* Release what is held up to seq and wake the network thread once (any thread). */
void net_release(struct net *n, uint64_t seq)
{
	int queued = 0;

	pthread_mutex_lock(&n->mu);
	if (seq > n->released)
		n->released = seq;
	while (n->held_head < n->held_len && n->held[n->held_head].seq <= n->released) {
		struct net_held *h = &n->held[n->held_head++];
		queued |= net_fan_out(n, h->m, h->peers, h->npeers);
		free(h->peers);
	}
	if (n->held_head == n->held_len) {
		n->held_head = n->held_len = 0;
		if (n->held_cap > NET_OUT_KEEP_SLOTS) {
			free(n->held);
			n->held = NULL;
			n->held_cap = 0;
		}
	}
	pthread_mutex_unlock(&n->mu);
	if (queued && !atomic_load(&n->stop))
		lws_cancel_service(n->ctx);
}

/* Drop, never to be sent, every held message waiting for a number above seq (main thread). */
void net_discard_held(struct net *n, uint64_t seq)
{
	pthread_mutex_lock(&n->mu);
	while (n->held_len > n->held_head && n->held[n->held_len - 1].seq > seq) {
		struct net_held *h = &n->held[--n->held_len];
		free(h->m);   /* no references were taken: it was never released */
		free(h->peers);
	}
	if (n->held_head == n->held_len)
		n->held_head = n->held_len = 0;
	pthread_mutex_unlock(&n->mu);
}

/* Close a peer once its queued messages are sent. code should be a WebSocket close code the
 * application may send (1000, 1008, 3000-4999, ...); reason is cut to 123 bytes. */
void net_close_peer(struct net *n, uint32_t peer, int code, const char *reason)
{
	struct net_peer *p;
	int found = 0;

	pthread_mutex_lock(&n->mu);
	p = net_peer_find(n, peer, NULL);
	if (p && !p->closing && !p->kill) {
		p->closing = 1;
		p->close_code = code;
		strlcpy_m(p->close_reason, reason ? reason : "", sizeof(p->close_reason));
		net_mark_dirty(n, p);
		found = 1;
	}
	pthread_mutex_unlock(&n->mu);
	if (found)
		lws_cancel_service(n->ctx);
}

/* WebSocket peers open now (refused ones not counted). */
int net_peer_count(struct net *n)
{
	int c;

	pthread_mutex_lock(&n->mu);
	c = (int)n->npeers;
	pthread_mutex_unlock(&n->mu);
	return c;
}

/* Stop the thread, close every connection (lws sends no close frames to phones: they see the
 * TCP connection end and reconnect), free everything including unpolled inbound data. */
void net_stop(struct net *n)
{
	if (!n)
		return;
	atomic_store(&n->stop, 1);
	if (n->thread_started) {
		lws_cancel_service(n->ctx);
		pthread_join(n->thread, NULL);
	}
	/* Now only this thread touches n; lws reports each connection closed while it tears
	 * down, which frees the peers. */
	if (n->ctx)
		lws_context_destroy(n->ctx);
	while (n->lingers)
		net_linger_end(n->lingers);
	if (n->loop)
		ev_loop_destroy(n->loop);
	free(net_guards.slot);
	net_guards.slot = NULL;
	net_guards.cap = 0;

	while (n->in_head < n->in_len)
		free(n->in[n->in_head++].data);
	free(n->in);
	for (size_t i = 0; i < n->npeers; i++)
		net_peer_free(n->peers[i]);
	free(n->peers);
	if (n->rate_error)
		net_msg_unref(n->rate_error);
	for (size_t i = n->held_head; i < n->held_len; i++) {   /* never released: never sent */
		free(n->held[i].m);
		free(n->held[i].peers);
	}
	free(n->held);
	free(n->dirty);
	free(n->scratch);
	free(n->web_root);
	pthread_cond_destroy(&n->cv);
	pthread_mutex_destroy(&n->mu);
	free(n);
}
