/* net-ws.c: the WebSocket peers on the network thread: lws' callbacks for our protocol, the
 * rate limit, a message read and queued for main, queued messages written. */

#include "net-int.h"

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

	if (!utf8_well_formed(p->rx, p->rx_len))
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

/* Woken by net_wake (or lws' own cancel): act on what the main thread asked of each marked
 * peer. */
void net_on_cancelled(struct net *n)
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
int net_ws_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user,
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
