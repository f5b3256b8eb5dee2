/* net.h: the network edge. A libwebsockets server on its own thread serves the phone page
 * (static files from one folder) and WebSocket peers on the same port. It passes whole text
 * messages in and queued text messages out; it knows nothing of the session or the protocol's
 * meaning. All functions here are safe to call from the main thread while the server runs. */
#ifndef MEDSKAPA_NET_H
#define MEDSKAPA_NET_H

#include <stddef.h>
#include <stdint.h>

#define NET_PROTOCOL_NAME "medskapa.v1"   /* WebSocket subprotocol the phone page names */

struct net_config {
	int port;                   /* 0 = let the kernel pick a free port */
	const char *bind_address;   /* NULL = all interfaces */
	const char *web_root;       /* folder served at "/", e.g. "participant-web" */
	size_t max_message;         /* bytes; larger messages close the peer with 1009 */
	int max_peers;              /* WebSocket peers at once; more are refused politely */
	int max_per_address;        /* WebSocket peers from one IP address at once; 0 = no limit */
	int rate_per_sec;           /* messages a peer may send per second on average; 0 = no limit */
	int rate_burst;             /* ... and in a burst */
	const char *photo_dir;      /* folder served at "/photo/" (the session's photos), NULL none */
	const char *audio_dir;      /* folder served at "/audio/" (recorded prompts), NULL none */
};

enum net_in_kind {
	NET_IN_OPEN = 1,            /* a WebSocket peer connected */
	NET_IN_MESSAGE,             /* one whole text message (valid UTF-8, <= max_message) */
	NET_IN_CLOSE,               /* the peer is gone; its id is never reused */
};

struct net_in {
	enum net_in_kind kind;
	uint32_t peer;              /* 1.., unique for the life of the process */
	char *data;                 /* MESSAGE only: NUL-terminated, owned by the receiver (free()) */
	size_t len;
};

/* Called on the network thread whenever something was queued for the main thread. Must be
 * thread-safe and quick (e.g. SDL_PushEvent, or nothing: net_wait also wakes). */
typedef void (*net_wake_fn)(void *ud);

struct net;

/* Bind the port and start the server thread. Returns NULL and fills err on failure
 * (port in use, web_root missing, ...). */
struct net *net_start(const struct net_config *cfg, net_wake_fn wake, void *ud,
                      char *err, size_t errlen);

/* The port actually listened on (useful with port 0). */
int net_port(const struct net *n);

/* 0, or the errno with which net_start could not raise the limit of open files to what many
 * phones need (it goes on with the lower limit; the caller tells the person running it). */
int net_fd_limit_error(const struct net *n);

/* A photo under /photo/ that is not to be served (a hidden idea's), or served again. name is
 * the file name ("<sha256>.jpg"). Safe from any thread. */
void net_photo_hide(struct net *n, const char *name, int hidden);

/* Move up to max pending inbound items into out[]; returns how many. Never blocks. */
size_t net_poll(struct net *n, struct net_in *out, size_t max);

/* Block until something is pending inbound, net_interrupt() is called, or timeout_ms passes. */
void net_wait(struct net *n, int timeout_ms);

/* Wake net_wait() (safe from any thread, not from a signal handler). */
void net_interrupt(struct net *n);

/* Queue a text message to one peer / to several peers (one shared copy). Peers that have
 * closed are skipped silently. The message is copied; the caller keeps msg. */
void net_send(struct net *n, uint32_t peer, const char *msg, size_t len);
void net_send_many(struct net *n, const uint32_t *peers, size_t npeers, const char *msg, size_t len);

/* Queue msg for peers like net_send_many, but only once net_release() has been told a number
 * >= seq (e.g. the journal's sequence number that must be durable first). Messages sent this
 * way keep their order among themselves: one held back holds back every later one. With
 * nothing held and seq already released, it is queued at once. The message is copied. */
void net_send_after(struct net *n, uint64_t seq, const uint32_t *peers, size_t npeers,
                    const char *msg, size_t len);

/* Everything up to seq may go out now: queue the held messages it covers and wake the network
 * thread once. Numbers only grow (a smaller one is ignored). Safe from any thread (the
 * journal's writer calls it right after an fdatasync, so an ack does not wait for main). */
void net_release(struct net *n, uint64_t seq);

/* Drop every held message (net_send_after) waiting for a number above seq: what it told of
 * did not happen (the journal could not make it durable and main rolled it back). Numbers
 * given to net_send_after afterwards may be above seq again. */
void net_discard_held(struct net *n, uint64_t seq);

/* Close a peer after its queued messages are sent, with a WebSocket close code and reason. */
void net_close_peer(struct net *n, uint32_t peer, int code, const char *reason);

/* WebSocket peers open now. */
int net_peer_count(struct net *n);

/* Stop the thread, close every connection, free everything. */
void net_stop(struct net *n);

#endif
