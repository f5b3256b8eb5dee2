/* net.c: the network edge on libwebsockets 4.1. One thread serves the phone page and the
 * WebSocket peers on one port; it shares only queues, under one mutex, with the main thread.
 * The family, and what each file holds: net-int.h. */

#include "net-int.h"

/* ---- small helpers -------------------------------------------------------------------- */

/* lws log lines go to stderr, prefixed, errors and warnings only. */
static void net_log_emit(int level, const char *line)
{
	(void)level;
	fprintf(stderr, "net: %s", line);
}

/* Binary search for peer id in the sorted table; caller holds n->mu. */
struct net_peer *net_peer_find(struct net *n, uint32_t id, size_t *pos)
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
void net_msg_unref(struct net_msg *m)
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
void net_in_push(struct net *n, enum net_in_kind kind, uint32_t peer, char *data, size_t len)
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
void net_notify(struct net *n)
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
int net_out_push(struct net *n, struct net_peer *p, struct net_msg *m)
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
void net_peer_free(struct net_peer *p)
{
	while (p->out_head < p->out_len)
		net_msg_unref(p->out[p->out_head++]);
	free(p->out);
	free(p->rx);
	free(p);
}

/* Close wsi from inside its own callback: send the close frame with code and reason now, and
 * let the caller return -1 (lws then ends the connection and the lingering close drains it).
 * Sent here rather than left to lws: lws 4.1 on a libuv loop ends the connection before the
 * frame it queued goes out. When the socket cannot take the frame now, lws gets the reason
 * and sends it once it can. */
int net_close_with(struct lws *wsi, int code, const char *reason)
{
	unsigned char buf[LWS_PRE + 4 + NET_CLOSE_REASON_MAX];
	size_t len = strlen(reason);

	if (len > NET_CLOSE_REASON_MAX)
		len = NET_CLOSE_REASON_MAX;
	if (!lws_partial_buffered(wsi) && !lws_send_pipe_choked(wsi)) {
		unsigned char *f = buf + LWS_PRE;   /* the frame, whole: FIN + close, length, code */
		f[0] = 0x88;
		f[1] = (unsigned char)(2 + len);
		f[2] = (unsigned char)((code >> 8) & 0xff);
		f[3] = (unsigned char)(code & 0xff);
		memcpy(f + 4, reason, len);
		if (lws_write(wsi, f, 4 + len, LWS_WRITE_RAW) == (int)(4 + len))
			return -1;
	}
	lws_close_reason(wsi, (enum lws_close_status)code, (unsigned char *)reason, len);
	return -1;
}

/* Allow only `Upgrade: websocket`. Reads the header itself: in 4.1.6 `in` is not safe to use
 * here (CVE-2025-11677), and accepting h2c would expose the unpatched HTTP/2 code. */
int net_confirm_upgrade(struct lws *wsi)
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
uint64_t net_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NET_NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* The remote address of wsi's socket as 16 bytes, an IPv4 address mapped into IPv6 the way a
 * dual-stack socket reports it, so the same phone counts once whichever way it came in.
 * Returns 0, or -1 when there is none (not an IP socket). Kept in memory only, never logged. */
int net_peer_address(struct lws *wsi, unsigned char out[16])
{
	union {
		struct sockaddr sa;
		struct sockaddr_in in4;
		struct sockaddr_in6 in6;
		struct sockaddr_storage ss;
	} u;
	socklen_t sl = sizeof(u);
	lws_sockfd_type fd = lws_get_socket_fd(wsi);

	if (fd == LWS_SOCK_INVALID || getpeername(fd, &u.sa, &sl) != 0)
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
int net_count_address(const struct net *n, const unsigned char addr[16])
{
	int count = 0;

	for (size_t i = 0; i < n->npeers; i++)
		if (n->peers[i]->has_addr && memcmp(n->peers[i]->addr, addr, 16) == 0)
			count++;
	return count;
}

/* The network thread: serve until net_stop. */
static void *net_thread(void *arg)
{
	struct net *n = arg;

	net_guard_thread(1);
	/* One pass of the loop at a time, so that net_stop's wake-up ends it. */
	while (!atomic_load(&n->stop))
		net_loop_run_once(n);
	net_guard_thread(0);
	return NULL;
}

/* Let lws have as many descriptors as the system allows (soft limit up to the hard one).
 * 0, or the errno of the failure (net_fd_limit_error: the caller says it in its words). */
static int net_raise_fd_limit(void)
{
#ifdef _WIN32
	return 0;   /* Windows has no such limit on sockets */
#else
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 0;
	rlim_t want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > NET_FD_CAP ? NET_FD_CAP : rl.rlim_max;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = want;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			return errno;
	}
	return 0;
#endif
}

/* 1 if s is a dotted IPv4 address such as 127.0.0.1. */
static int net_is_ipv4_literal(const char *s)
{
	struct in_addr a;

	return inet_pton(AF_INET, s, &a) == 1;
}

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
#ifdef _WIN32
	root = _fullpath(NULL, cfg->web_root, 0);
#else
	root = realpath(cfg->web_root, NULL);
#endif
	if (!root || stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "web root %s: %s", cfg->web_root,
		         root ? "not a folder" : strerror(errno));
		free(root);
		return NULL;
	}

	if (net_guard_install() != 0) {
		snprintf(err, errlen, "net: cannot put the frame checks beneath libwebsockets");
		free(root);
		return NULL;
	}
	int fd_limit_error = net_raise_fd_limit();
	lws_set_log_level(LLL_ERR | LLL_WARN, net_log_emit);

	n = xcalloc(1, sizeof(*n));
	n->fd_limit_error = fd_limit_error;
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
		pthread_condattr_setclock(&ca, NET_CV_CLOCK);
		pthread_cond_init(&n->cv, &ca);
		pthread_condattr_destroy(&ca);
	}

	n->mount.mountpoint = "/";
	n->mount.mountpoint_len = 1;
	n->mount.origin = n->web_root;
	n->mount.def = "index.html";
	n->mount.origin_protocol = LWSMPRO_FILE;
	n->mount.extra_mimetypes = &net_mime_woff2;
	/* the session's photos and the recorded prompts: files only, no listing, no default */
	if (cfg->photo_dir) {
		n->photo_dir = xstrdup(cfg->photo_dir);
		n->mount_photo = (struct lws_http_mount){ .mountpoint = "/photo", .mountpoint_len = 6,
			.origin = n->photo_dir, .origin_protocol = LWSMPRO_FILE, .def = "-" };
		n->mount_photo.mount_next = n->mount.mount_next;
		n->mount.mount_next = &n->mount_photo;
	}
	if (cfg->audio_dir) {
		n->audio_dir = xstrdup(cfg->audio_dir);
		n->mount_audio = (struct lws_http_mount){ .mountpoint = "/audio", .mountpoint_len = 6,
			.origin = n->audio_dir, .origin_protocol = LWSMPRO_FILE, .def = "-",
			.extra_mimetypes = &net_mime_woff2 };
		n->mount_audio.mount_next = n->mount.mount_next;
		n->mount.mount_next = &n->mount_audio;
	}

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
	/* lws on an event loop of our own (epoll on Debian, IOCP on Windows), not lws' poll()
	 * loop: poll() hands the kernel every connection on every wake-up, which at 1000 phones
	 * was most of the host's CPU in a vote burst (0.8 s of CPU for 1000 votes; 0.2 s on
	 * epoll). The loop is ours so that the network thread runs it one pass at a time and
	 * stops when asked. */
	if (net_loop_open(n, &info, err, errlen) < 0)
		goto fail;
	n->ctx = lws_create_context(&info);
	if (!n->ctx) {
		snprintf(err, errlen, "net: cannot create the libwebsockets context (is the package "
		         "libwebsockets-evlib-uv installed?)");
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
#ifdef _WIN32
	/* Windows makes an IPv6 socket IPv6-only (Linux serves IPv4 on it too): the phones come
	 * over IPv4, the join address is IPv4, so listen on IPv4. */
	info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
#endif
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

int net_fd_limit_error(const struct net *n)
{
	return n->fd_limit_error;
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
		net_loop_wake(n);
	return got;
}

/* Block until something is pending inbound, net_interrupt() is called, or timeout_ms passes
 * (negative: no timeout). Consumes one interrupt. */
void net_wait(struct net *n, int timeout_ms)
{
	struct timespec until;

	deadline_after(&until, NET_CV_CLOCK, timeout_ms);
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

/* Queue msg for peers[] now, or, when hold is set, once seq is released (behind any message
 * held before it, so that held messages keep their order). */
static void send_or_hold(struct net *n, int hold, uint64_t seq, const uint32_t *peers, size_t npeers,
                         const char *msg, size_t len)
{
	struct net_msg *m;
	int queued = 0;

	if (npeers == 0)
		return;
	m = net_msg_new(msg, len);
	pthread_mutex_lock(&n->mu);
	if (!hold || (n->held_head == n->held_len && n->released >= seq)) {
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
		net_loop_wake(n);
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
	send_or_hold(n, 0, 0, peers, npeers, msg, len);
}

/* Queue msg once seq is released (see net.h); held messages keep their order. */
void net_send_after(struct net *n, uint64_t seq, const uint32_t *peers, size_t npeers,
                    const char *msg, size_t len)
{
	send_or_hold(n, 1, seq, peers, npeers, msg, len);
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
		net_loop_wake(n);
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
		net_loop_wake(n);
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
		net_loop_wake(n);
		pthread_join(n->thread, NULL);
	}
	/* Now only this thread touches n; lws reports each connection closed while it tears
	 * down, which frees the peers. */
	while (n->lingers)
		net_linger_end(n->lingers);
	net_loop_close(n);
	net_guard_free();

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
	free(n->photo_dir);
	free(n->audio_dir);
	free(n->hidden_photos);
	pthread_cond_destroy(&n->cv);
	pthread_mutex_destroy(&n->mu);
	free(n);
}

void net_photo_hide(struct net *n, const char *name, int hidden)
{
	if (!n || !name || strlen(name) > NET_PHOTO_NAME) return;
	pthread_mutex_lock(&n->mu);
	size_t i = 0;
	while (i < n->n_hidden_photos && strcmp(n->hidden_photos[i], name) != 0) i++;
	if (hidden && i == n->n_hidden_photos) {
		xgrow((void **)&n->hidden_photos, &n->cap_hidden_photos, n->n_hidden_photos + 1, sizeof *n->hidden_photos);
		snprintf(n->hidden_photos[n->n_hidden_photos++], NET_PHOTO_NAME + 1, "%s", name);
	} else if (!hidden && i < n->n_hidden_photos) {
		n->hidden_photos[i][0] = '\0';
		memcpy(n->hidden_photos[i], n->hidden_photos[n->n_hidden_photos - 1], sizeof *n->hidden_photos);
		n->n_hidden_photos--;
	}
	pthread_mutex_unlock(&n->mu);
}

/* 1 if the request uri (len bytes) asks for a photo that is hidden (network thread). */
int net_photo_hidden(struct net *n, const char *uri, size_t len)
{
	static const char pre[] = "/photo/";
	if (!n || len <= sizeof pre - 1 || memcmp(uri, pre, sizeof pre - 1) != 0) return 0;
	const char *name = uri + sizeof pre - 1;
	size_t nl = len - (sizeof pre - 1);
	int hidden = 0;
	pthread_mutex_lock(&n->mu);
	for (size_t i = 0; i < n->n_hidden_photos && !hidden; i++)
		hidden = strlen(n->hidden_photos[i]) == nl && memcmp(n->hidden_photos[i], name, nl) == 0;
	pthread_mutex_unlock(&n->mu);
	return hidden;
}
