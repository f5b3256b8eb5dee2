/* server.h: the running host (struct server) and what its family shares: server.c (peers,
 * sending, apply, requests, saving, tick), server-publish.c (who hears of what) and
 * server-start.c (the session file, the addresses). main.c and review.c use it too.
 * All calls on the main thread, unless a comment says otherwise. */
#ifndef MEDSKAPA_SERVER_H
#define MEDSKAPA_SERVER_H

#include "board.h"
#include "options.h"
#include "session.h"
#include "words.h"

#include <stddef.h>
#include <stdint.h>

#define IDLE_WAIT_MS 250   /* longest sleep of a loop: how soon a signal is noticed */

struct peer {
	uint32_t id;            /* net peer id */
	uint32_t participant;   /* 0 until hello (and for the facilitator) */
	int joined;             /* said hello successfully */
	int facilitator;        /* said hello with the facilitator key */
	int interpreter;        /* said hello with the interpreter key */
	char name[SESSION_NAME_MAX_CHARS * 4 + 1];   /* an interpreter's chosen name */
};

/* A journal line the server applied and queued; it goes into the durable model once it is
 * durable. */
struct pending_line {
	uint64_t seq;
	char *line;
};

/* A request whose answer waits for a number not yet durable: if that number is rolled back,
 * the answer is taken back and the request handled again on the rolled-back model. */
struct pending_req {
	uint64_t need;
	uint32_t peer;
	int joined_by_it;       /* it was the hello that joined the peer */
	char *text;
	size_t len;
};

/* The running host: one, made by main (zeroed, then filled as start-up goes) and handed to
 * every function of the family; server_free undoes it. */
struct server {
	struct options opt;
	struct session *s;
	struct words *words;               /* what the terminal and the board's notices say, in the
	                                    * board's language (main: speak) */
	char *path;                        /* session file */
	size_t replayed;                   /* journal entries replayed on resuming it */
	struct net *net;
	struct board *board;
	char join_url[256];
	char facilitator_url[1024];
	char key[33];                      /* facilitator key: 128 random bits in hex */
	char ikey[33];                     /* interpreter key: the same, new at every start too */
	char interpreter_url[1024];        /* the join address with the interpreter key */
	char *photo_dir;                   /* the session's photos: "<session>-photos" beside it */
	char *audio_dir;                   /* recorded prompts: the template folder's audio/ */
	struct peer *peers; size_t n_peers, cap_peers;   /* sorted by id */
	uint32_t *conns; size_t cap_conns;               /* open peers per participant id */
	int phones;                        /* participants with at least one open peer */
	struct journal *journal;           /* NULL in --screenshot */
	char *journal_path;
	int64_t last_change;               /* when the last change was journaled */
	int64_t first_unsaved;             /* ... and the first one since the last snapshot (0: none) */
	int snapshot_due;                  /* a phase changed: snapshot at the end of the pass */
	int storage_failing;               /* the journal cannot write: changes are refused */
	/* Rollback (see server_apply): the model as the disk holds it, and what is on the way there. */
	struct session *durable;           /* a->s minus the lines not yet durable */
	struct pending_line *lines; size_t n_lines, cap_lines;   /* journaled, not yet in durable */
	struct pending_req *reqs; size_t n_reqs, cap_reqs;       /* requests answered after a number
	                                                            not yet durable */
	uint32_t cur_peer;                 /* the peer whose request is being handled ... */
	uint64_t cur_need;                 /* ... and the number its answer waits for (0: none held) */
	int refused_storage;               /* server_apply() refused the last command: storage fails */
	char notice[512];                  /* shown on the board while storage fails */
	char lonely[512];                  /* shown when no phone came in opt.no_phone_ms (a firewall, another
	                                    * Wi-Fi): W_HOST_NO_PHONE_REACHED, filled at start */
	int64_t listening_ms;              /* when the phones could first connect; 0 before */
	int phone_seen;                    /* a phone has connected since */
	uint32_t wake_event;
	/* What the events of this loop pass asked for; flushed once by server_flush_pending(). */
	int need_state;                    /* everyone gets a fresh state */
	int need_fac_state;                /* the facilitator's pages get a fresh state (a seat changed) */
	uint32_t dirty_results[16];        /* activities whose results changed */
	size_t n_dirty_results;
	int presence_sent;                 /* the number of phones last announced */
	int64_t presence_at;               /* ... and when */
	/* The room's progress on the current activity ("18 of 25"), to facilitator peers at most
	 * every PROGRESS_MS: the figures now (recomputed when the session or the phones change) and
	 * the ones last sent. */
	uint64_t progress_version;         /* a->s->version the figures are of; 0 = recompute */
	int progress_phones;
	uint32_t progress_act, progress_sent_act;
	int progress_done, progress_of, progress_sent_done, progress_sent_of;
	int64_t progress_at;
};

/* ---- server.c ---------------------------------------------------------------------------- */

/* Wall clock in milliseconds. */
int64_t server_now_ms(void);

/* Fill hex (2*n+1 bytes, n <= 32) with n random bytes from the kernel, in hex; exits if the
 * kernel has none to give. */
void server_random_hex(char *hex, size_t n);

/* Send msg (owned, freed here) to one peer once everything applied so far is durable. */
void server_send(struct server *a, uint32_t peer, char *msg);

/* Send msg (owned, freed here) to every joined peer for which want(a, peer, arg) is true
 * (want NULL: all), once everything applied so far is durable. */
void server_broadcast_if(struct server *a, char *msg,
                         int (*want)(const struct server *, const struct peer *, const void *),
                         const void *arg);

/* Apply a command from anywhere (phone, board, clock): 0 with res filled and the change
 * journaled, or -1 with res->err (a->refused_storage set when saving fails). The caller
 * publishes the events (server_publish). */
int server_apply(struct server *a, struct command *c, struct session_result *res);

/* Take in what the network edge received: new peers, messages, closed peers. */
void server_drain_net(struct server *a);

/* Queue a snapshot of the session for the journal's session file thread. */
void server_snapshot(struct server *a);

/* Milliseconds a loop may sleep before server_tick has work (IDLE_WAIT_MS at most). */
int server_next_wait(const struct server *a);

/* The periodic work: timers that ran out, storage checks, what the disk now holds, pending
 * messages, the session file when due. */
void server_tick(struct server *a);

/* What the board shows besides the session: addresses, phones, the clock, a notice. */
struct board_view server_view(const struct server *a);

/* The board window the options ask for (not offscreen). */
struct board_config server_board_config(const struct server *a);

/* Close the journal (its thread first), stop the network, close the board (and SDL), free
 * the models and everything the server holds. Each only if it was made: safe on a server
 * that start-up left half made. Does not save: the caller snapshots and flushes first. */
void server_free(struct server *a);

/* ---- server-publish.c ------------------------------------------------------------------- */

/* Tell the phones what the events of an applied command changed (small messages now, or a
 * fresh state at the next server_flush_pending). */
void server_publish(struct server *a, const struct session_result *res);

/* Milliseconds until a changed number of phones is due to be announced; -1 when none is. */
int server_presence_wait(const struct server *a, int64_t t);

/* Milliseconds until a changed progress is due to the facilitator; -1 when none is. */
int server_progress_wait(const struct server *a, int64_t t);

/* Send what server_publish collected in this loop pass, and the number of phones if due. */
void server_flush_pending(struct server *a);

/* ---- server-start.c --------------------------------------------------------------------- */

/* Load or create the session named by the options, replaying its journal. 0, or -1 after
 * printing why (and touching nothing). *next_seq gets the journal's next sequence number. */
int server_open_session(struct server *a, uint64_t *next_seq);

/* Fill a->join_url (--join-url, else the first usable interface, else loopback); with print,
 * print the join address of every usable interface. */
void server_find_addresses(struct server *a, int port, int print);

/* a->facilitator_url and a->interpreter_url: the join address with a key in its fragment. */
void server_set_facilitator_url(struct server *a);

/* The folders of the session's photos and of the recorded prompts (a->photo_dir, a->audio_dir),
 * from the session file's path and the options; tells the network which photos are hidden. */
void server_set_media_dirs(struct server *a);
void server_hide_photos(struct server *a);

/* server-template.c: template.save from peer (facilitator: whether it is the facilitator's):
 * writes the agenda of a->s as templates/<slug of name>.json beside the session file, never
 * over another file (-2, -3 ...), atomically; answers the peer with an ack naming the file, or
 * the error forbidden, template_name (empty or over 80 characters) or storage. */
void server_template_save(struct server *a, uint32_t peer, int facilitator, const char *cid, const char *name);

#endif
