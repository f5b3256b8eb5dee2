/* net-int.h: the network edge's insides, shared by the net*.c files and by no one else: the
 * tunables, struct net and its peers and messages, and what each file offers the others.
 * The family:
 *   net.c        the public API of net.h (main thread), the queues, the thread, start and stop
 *   net-ws.c     the WebSocket peers: lws callbacks, the rate limit, reading and writing
 *   net-http.c   the phone page: the HTTP callback, Origin and method checks, MIME types
 *   net-guard.c  beneath lws: RFC 6455 checks on the client's bytes (recv), lingering close
 *   net-sock.c   the socket calls of the lingering close that differ on Windows
 *   net-loop-ev.c, net-loop-uv.c  the event loop under lws: libev (Debian), libuv (Windows) */
#ifndef MEDSKAPA_NET_INT_H
#define MEDSKAPA_NET_INT_H

#include "net.h"
#include "httpcheck.h"
#include "util.h"
#include "wsframe.h"

#include <libwebsockets.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#else
#include <arpa/inet.h>
#include <dlfcn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#endif


/* The clock of the inbound queue's timed wait (net_wait): the monotonic one, which a change of
 * the wall clock does not move; winpthreads' timed waits read the wall clock whatever the
 * attribute says (with the monotonic one every wait ended at once: a busy loop). */
#ifdef _WIN32
#define NET_CV_CLOCK CLOCK_REALTIME
#else
#define NET_CV_CLOCK CLOCK_MONOTONIC
#endif

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
	struct net_watch *watch;    /* readable, or the time is up */
	int fd;                     /* our descriptor on the socket */
	struct net *n;
	struct net_linger *prev, *next;
	size_t drained;
};

#define NET_PHOTO_NAME 68   /* "<64 hex>.jpg" */

struct net {
	int fd_limit_error;        /* errno of raising the open file limit, 0 if it worked */
	struct lws_context *ctx;
	struct lws_vhost *vhost;
	pthread_t thread;
	struct net_loop *loop;      /* the loop lws runs on (net-loop-ev.c, net-loop-uv.c) */
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

	/* configuration lws keeps pointers to for the life of the context */
	char *web_root, *photo_dir, *audio_dir;
	struct lws_http_mount mount, mount_photo, mount_audio;
	char (*hidden_photos)[NET_PHOTO_NAME + 1];   /* under mu: photos not to serve */
	size_t n_hidden_photos, cap_hidden_photos;
	struct lws_protocols protocols[3];
	lws_retry_bo_t retry;
};

/* ---- shared between the net*.c files ------------------------------------------------------ */
int net_photo_hidden(struct net *n, const char *uri, size_t len);

void net_guard_open(int fd);
void net_guard_established(struct lws *wsi);
int net_guard_breach(struct lws *wsi);
void net_guard_close(struct lws *wsi);
void net_linger_end(struct net_linger *l);
void net_linger_start(struct net *n, int fd);
void net_linger_http(struct lws *wsi);
#define NET_SOCK_AGAIN (-2)   /* net_sock_read: nothing to read now */
int net_sock_keep(int fd);
ssize_t net_sock_read(int d, void *buf, size_t len);
void net_sock_close(int d);
int net_sock_hook_recv(void *fn, void **orig);   /* Windows only */
int net_guard_install(void);
void net_on_cancelled(struct net *n);

/* The event loop under lws: libev on epoll (Debian, net-loop-ev.c) or libuv (Windows,
 * net-loop-uv.c). net_loop_open makes it and points info at it (before lws_create_context);
 * the network thread runs it one pass at a time; any thread may wake it (the marked peers are
 * then served: net_on_cancelled); net_loop_close, once the thread has ended, destroys lws'
 * context and the loop. net_loop_forget: lws is about to let fd go (the lingering close). */
struct net_loop;
int net_loop_open(struct net *n, struct lws_context_creation_info *info, char *err, size_t errlen);
void net_loop_run_once(struct net *n);
void net_loop_wake(struct net *n);
void net_loop_close(struct net *n);
void net_loop_forget(struct net *n, int fd);
/* A watch on a descriptor of ours: on_ready(ud, 0) when it can be read (or has ended),
 * on_ready(ud, 1) once secs have passed, until net_watch_end. NULL if it cannot be watched. */
struct net_watch;
struct net_watch *net_watch_start(struct net *n, int fd, double secs,
                                  void (*on_ready)(void *ud, int timed_out), void *ud);
void net_watch_end(struct net_watch *w);
int net_origin_ok(struct lws *wsi);
int net_http_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user,
                void *in, size_t len);
extern const struct lws_protocol_vhost_options net_mime_woff2;
int net_ws_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user,
              void *in, size_t len);
struct net_peer *net_peer_find(struct net *n, uint32_t id, size_t *pos);
void net_msg_unref(struct net_msg *m);
void net_in_push(struct net *n, enum net_in_kind kind, uint32_t peer, char *data, size_t len);
void net_notify(struct net *n);
int net_out_push(struct net *n, struct net_peer *p, struct net_msg *m);
void net_peer_free(struct net_peer *p);
int net_close_with(struct lws *wsi, int code, const char *reason);
int net_confirm_upgrade(struct lws *wsi);
uint64_t net_now_ns(void);
int net_peer_address(struct lws *wsi, unsigned char out[16]);
int net_count_address(const struct net *n, const unsigned char addr[16]);
void net_guard_thread(int running);
void net_guard_free(void);

#endif
