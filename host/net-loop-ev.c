/* net-loop-ev.c: the event loop under lws on Debian: libev on epoll. Windows has its own
 * (net-loop-uv.c, libuv); why not libuv here too: the README's "Building for Windows" gives the
 * benchmark (with lws 4.1's libuv glue, 50 ideas from 3000 phones reached every phone about
 * twice as late: each change of what lws waits for is an epoll_ctl DEL and ADD there). */
#ifndef _WIN32
#include "net-int.h"

#include <dirent.h>
#include <ev.h>
#include <sys/epoll.h>

struct net_loop {
	struct ev_loop *ev;
	int epoll_fd;   /* libev's epoll descriptor, or -1 (libev does not tell: net_epoll_new_fd) */
};

struct net_watch {
	ev_io io;
	ev_timer timer;
	struct net_loop *loop;
	void (*on_ready)(void *ud, int timed_out);
	void *ud;
};

/* The descriptors of epoll instances this process has (up to max, the rest -1): libev does not
 * tell which descriptor is its epoll, so net_loop_open compares the list before and after it
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

int net_loop_open(struct net *n, struct lws_context_creation_info *info, char *err, size_t errlen)
{
	int before[NET_EPOLL_SEEN];
	struct net_loop *l = xcalloc(1, sizeof(*l));

	l->epoll_fd = -1;
	net_epoll_fds(before, NET_EPOLL_SEEN);
	l->ev = ev_loop_new(EVBACKEND_EPOLL);
	if (!l->ev)
		l->ev = ev_loop_new(EVFLAG_AUTO);
	else
		l->epoll_fd = net_epoll_new_fd(before);
	if (!l->ev) {
		free(l);
		snprintf(err, errlen, "net: cannot create an event loop");
		return -1;
	}
	n->loop = l;
	info->options |= LWS_SERVER_OPTION_LIBEV;
	info->foreign_loops = (void **)&l->ev;   /* read during lws_create_context only */
	return 0;
}

void net_loop_run_once(struct net *n)
{
	ev_run(n->loop->ev, EVRUN_ONCE);
}

void net_loop_wake(struct net *n)
{
	if (n->ctx)
		lws_cancel_service(n->ctx);   /* lws' own pipe: EVENT_WAIT_CANCELLED, net_on_cancelled */
}

void net_loop_close(struct net *n)
{
	if (n->ctx)
		lws_context_destroy(n->ctx);
	if (n->loop) {
		ev_loop_destroy(n->loop->ev);
		free(n->loop);
		n->loop = NULL;
	}
}

/* The epoll entry of fd goes before lws lets fd go, so that events on the socket are not
 * reported under a number lws has closed (libev would take them as stale and rebuild its whole
 * epoll set). */
void net_loop_forget(struct net *n, int fd)
{
	if (n->loop && n->loop->epoll_fd >= 0)
		(void)epoll_ctl(n->loop->epoll_fd, EPOLL_CTL_DEL, fd, NULL);
}

static void net_watch_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct net_watch *x = (struct net_watch *)((char *)w - offsetof(struct net_watch, io));

	(void)loop;
	(void)revents;
	x->on_ready(x->ud, 0);
}

static void net_watch_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct net_watch *x = (struct net_watch *)((char *)w - offsetof(struct net_watch, timer));

	(void)loop;
	(void)revents;
	x->on_ready(x->ud, 1);
}

struct net_watch *net_watch_start(struct net *n, int fd, double secs,
                                  void (*on_ready)(void *ud, int timed_out), void *ud)
{
	struct net_watch *x = xcalloc(1, sizeof(*x));

	x->loop = n->loop;
	x->on_ready = on_ready;
	x->ud = ud;
	ev_io_init(&x->io, net_watch_io, fd, EV_READ);
	ev_timer_init(&x->timer, net_watch_timer, secs, 0.);
	ev_io_start(n->loop->ev, &x->io);
	ev_timer_start(n->loop->ev, &x->timer);
	return x;
}

void net_watch_end(struct net_watch *x)
{
	ev_io_stop(x->loop->ev, &x->io);
	ev_timer_stop(x->loop->ev, &x->timer);
	free(x);
}
#endif
