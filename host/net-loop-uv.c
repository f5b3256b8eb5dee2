/* net-loop-uv.c: the event loop under lws on Windows: libuv (IOCP), which lws 4.1 supports
 * there; libev has no Windows backend that scales past a few dozen sockets. Debian keeps libev
 * (net-loop-ev.c: why, there). Two things lws 4.1 does not do on a libuv loop of ours:
 *  - lws_cancel_service sets an event only lws' own Windows loop waits on: the wake-up is a
 *    uv_async of ours, which runs what EVENT_WAIT_CANCELLED would (net_on_cancelled);
 *  - lws_context_destroy only starts closing, and never closes lws' idle and timer handles by
 *    itself: the loop runs, and a second lws_context_destroy finishes (lws' own eventlib-foreign
 *    example does the same); lws clears n->ctx when it is wholly gone (info.pcontext). */
#ifdef _WIN32
#include "net-int.h"

#include <uv.h>

struct net_loop {
	uv_loop_t uv;
	uv_async_t wake;
};

struct net_watch {
	uv_poll_t poll;
	uv_timer_t timer;
	int open;   /* handles not yet closed: the watch is freed when both are */
	void (*on_ready)(void *ud, int timed_out);
	void *ud;
};

static void net_loop_on_wake(uv_async_t *a)
{
	struct net *n = a->data;

	if (n->ctx && !atomic_load(&n->stop))
		net_on_cancelled(n);
}

int net_loop_open(struct net *n, struct lws_context_creation_info *info, char *err, size_t errlen)
{
	static void *loops[1];   /* read during lws_create_context only */
	struct net_loop *l = xcalloc(1, sizeof(*l));

	if (uv_loop_init(&l->uv) != 0) {
		free(l);
		snprintf(err, errlen, "net: cannot create an event loop");
		return -1;
	}
	uv_async_init(&l->uv, &l->wake, net_loop_on_wake);
	l->wake.data = n;
	n->loop = l;
	loops[0] = &l->uv;
	info->options |= LWS_SERVER_OPTION_LIBUV;
	info->foreign_loops = loops;
	info->pcontext = &n->ctx;
	return 0;
}

void net_loop_run_once(struct net *n)
{
	uv_run(&n->loop->uv, UV_RUN_ONCE);
}

void net_loop_wake(struct net *n)
{
	if (n->loop)
		uv_async_send(&n->loop->wake);
}

void net_loop_close(struct net *n)
{
	struct net_loop *l = n->loop;

	if (!l) {
		if (n->ctx)
			lws_context_destroy(n->ctx);
		return;
	}
	uv_close((uv_handle_t *)&l->wake, NULL);
	if (n->ctx) {
		lws_context_destroy(n->ctx);
		for (int i = 0; n->ctx && i < 50 && uv_run(&l->uv, UV_RUN_NOWAIT) != 0; i++)
			;
		if (n->ctx)
			lws_context_destroy(n->ctx);
	}
	for (int i = 0; i < 1000 && uv_run(&l->uv, UV_RUN_NOWAIT) != 0; i++)
		uv_sleep(1);
	(void)uv_loop_close(&l->uv);
	free(l);
	n->loop = NULL;
}

void net_loop_forget(struct net *n, int fd)
{
	(void)n;
	(void)fd;   /* our duplicate is a handle of its own: nothing to take out */
}

static void net_watch_closed(uv_handle_t *h)
{
	struct net_watch *x = h->data;

	if (--x->open == 0)
		free(x);
}

static void net_watch_poll(uv_poll_t *p, int status, int events)
{
	struct net_watch *x = p->data;

	(void)status;
	(void)events;
	x->on_ready(x->ud, 0);   /* an error reads as the end: the linger ends */
}

static void net_watch_timer(uv_timer_t *t)
{
	struct net_watch *x = t->data;

	x->on_ready(x->ud, 1);
}

struct net_watch *net_watch_start(struct net *n, int fd, double secs,
                                  void (*on_ready)(void *ud, int timed_out), void *ud)
{
	struct net_watch *x = xcalloc(1, sizeof(*x));

	if (uv_poll_init_socket(&n->loop->uv, &x->poll, (uv_os_sock_t)fd) != 0) {
		free(x);
		return NULL;
	}
	uv_timer_init(&n->loop->uv, &x->timer);
	x->poll.data = x->timer.data = x;
	x->open = 2;
	x->on_ready = on_ready;
	x->ud = ud;
	uv_poll_start(&x->poll, UV_READABLE | UV_DISCONNECT, net_watch_poll);
	uv_timer_start(&x->timer, net_watch_timer, (uint64_t)(secs * 1000), 0);
	return x;
}

void net_watch_end(struct net_watch *x)
{
	uv_poll_stop(&x->poll);
	uv_timer_stop(&x->timer);
	uv_close((uv_handle_t *)&x->poll, net_watch_closed);
	uv_close((uv_handle_t *)&x->timer, net_watch_closed);
}
#endif
