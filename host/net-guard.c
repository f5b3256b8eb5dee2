/* net-guard.c: beneath lws: every byte a client sends passes the RFC 6455 checks of
 * wsframe.c first (recv), and a connection the host ends is closed the lingering way. */

#include "net-int.h"

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

/* The calling thread is the network thread from now on (running 1), or no longer (0): only
 * its calls on our connections are looked at. */
void net_guard_thread(int running)
{
	if (running) net_guards.thread = pthread_self();
	atomic_store(&net_guards.running, running);
}

/* Forget every connection's state (net_stop, after the loop is gone). */
void net_guard_free(void)
{
	free(net_guards.slot);
	net_guards.slot = NULL;
	net_guards.cap = 0;
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

/* What recv returned on a connection of ours (r bytes in buf), as lws is to see it: the bytes
 * before a broken rule and nothing after; -1 with *again set when nothing may go to lws yet. */
static ssize_t net_guard_pass(struct net_guard *g, void *buf, ssize_t r, int *again)
{
	size_t good;

	*again = 0;
	if (r <= 0 || wsframe_feed(&g->f, buf, (size_t)r, &good) == 0)
		return r;
	if (g->wsi)
		lws_callback_on_writable(g->wsi);
	if (good)
		return (ssize_t)good;
	*again = 1;
	return -1;
}

#ifndef _WIN32
/* Debian: the executable's recv() comes before the C library's for lws' calls. */
static ssize_t (*net_libc_recv)(int, void *, size_t, int);
static pthread_once_t net_libc_once = PTHREAD_ONCE_INIT;

static void net_libc_find(void)
{
	net_libc_recv = (ssize_t (*)(int, void *, size_t, int))dlsym(RTLD_NEXT, "recv");
}

ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	struct net_guard *g = net_guard_mine(fd);
	ssize_t r;
	int again;

	pthread_once(&net_libc_once, net_libc_find);
	if (!net_libc_recv) {
		errno = ENOSYS;
		return -1;
	}
	if (!g || (flags & MSG_PEEK))
		return net_libc_recv(fd, buf, len, flags);
	if (g->f.error && g->close_sent)
		return 0;   /* the close is out: lws ends the connection, the linger drains it */
	r = net_guard_pass(g, buf, net_libc_recv(fd, buf, len, flags), &again);
	if (again)
		errno = EAGAIN;
	return r;
}

int net_guard_install(void)
{
	return 0;
}
#else
/* Windows: lws is a DLL that imports recv from ws2_32.dll; net_guard_install points that one
 * import at net_guard_recv (its import table entry, the way a debugger hooks a call). */
static int (WSAAPI *net_ws2_recv)(SOCKET, char *, int, int);

static int WSAAPI net_guard_recv(SOCKET s, char *buf, int len, int flags)
{
	struct net_guard *g = s > (SOCKET)INT_MAX ? NULL : net_guard_mine((int)s);
	int again;
	ssize_t r;

	if (!g || (flags & MSG_PEEK))
		return net_ws2_recv(s, buf, len, flags);
	if (g->f.error && g->close_sent)
		return 0;
	r = net_guard_pass(g, buf, net_ws2_recv(s, buf, len, flags), &again);
	if (again)
		WSASetLastError(WSAEWOULDBLOCK);
	return (int)r;
}

int net_guard_install(void)
{
	return net_sock_hook_recv((void *)net_guard_recv, (void **)&net_ws2_recv);
}
#endif

/* A new connection on fd (network thread): start checking its stream from the first byte. */
void net_guard_open(int fd)
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
void net_guard_established(struct lws *wsi)
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
int net_guard_breach(struct lws *wsi)
{
	struct net_guard *g = net_guard_of(wsi);

	if (!g || !g->f.error)
		return 0;
	g->close_sent = 1;
	return net_close_with(wsi, WSFRAME_PROTOCOL_ERROR, g->f.error);
}

void net_guard_close(struct lws *wsi)
{
	struct net_guard *g = net_guard_of(wsi);

	if (g)
		memset(g, 0, sizeof(*g));
}

/* ---- lingering close -------------------------------------------------------------------- */

/* Stop draining l: close our descriptor (which may reset the connection now; the close frame
 * is long out) and forget it. */
void net_linger_end(struct net_linger *l)
{
	struct net *n = l->n;

	net_watch_end(l->watch);
	net_sock_close(l->fd);
	if (l->prev)
		l->prev->next = l->next;
	else
		n->lingers = l->next;
	if (l->next)
		l->next->prev = l->prev;
	free(l);
}

/* Our descriptor can be read (drain it), or the time is up. */
static void net_linger_ready(void *ud, int timed_out)
{
	struct net_linger *l = ud;
	char buf[16384];

	if (timed_out) {
		net_linger_end(l);
		return;
	}
	for (int i = 0; i < 16; i++) {   /* then let the other connections have the loop */
		ssize_t r = net_sock_read(l->fd, buf, sizeof(buf));

		if (r > 0) {
			l->drained += (size_t)r;
			if (l->drained < NET_LINGER_BYTES)
				continue;
			net_linger_end(l);   /* enough: close, even if that resets it */
			return;
		}
		if (r == NET_SOCK_AGAIN)
			return;
		net_linger_end(l);       /* the client ended its side (or the socket failed) */
		return;
	}
}

/* Close the connection on fd the lingering way (network thread, just before lws closes fd):
 * take a descriptor of our own on the socket so lws' close does not reset it, end our side of
 * the stream after what has been written, and drain the client's side. */
void net_linger_start(struct net *n, int fd)
{
	struct net_linger *l;
	int d;

	if (fd < 0 || atomic_load(&n->stop))
		return;
	net_loop_forget(n, fd);
	d = net_sock_keep(fd);
	if (d < 0)
		return;   /* out of descriptors: lws closes it as before */
	l = xcalloc(1, sizeof(*l));
	l->n = n;
	l->fd = d;
	l->watch = net_watch_start(n, d, NET_LINGER_SECS, net_linger_ready, l);
	if (!l->watch) {
		net_sock_close(d);
		free(l);
		return;
	}
	l->next = n->lingers;
	if (l->next)
		l->next->prev = l;
	n->lingers = l;
}

/* An HTTP answer that ends the connection (403, 404, 405) was written: linger, unless lws
 * still holds part of it to send (then lws closes it itself once sent). */
void net_linger_http(struct lws *wsi)
{
	struct net *n = lws_context_user(lws_get_context(wsi));

	if (!lws_partial_buffered(wsi))
		net_linger_start(n, (int)lws_get_socket_fd(wsi));
}
