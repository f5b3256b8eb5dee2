/* session.h: the meeting as a pure model. No I/O, no SDL, no sockets, no stdio.
 * Every change goes through session_apply(): a command in, events or one error out. */
#ifndef MEDSKAPA_SESSION_H
#define MEDSKAPA_SESSION_H

#include <stddef.h>
#include <stdint.h>

#define SESSION_FORMAT_VERSION 1

/* Tunables of the model. Lengths are in Unicode code points unless said. */
#define SESSION_IDEA_MAX_CHARS   280   /* what a phone's counter shows */
#define SESSION_NAME_MAX_CHARS   40    /* display name */
#define SESSION_TITLE_MAX_CHARS  120
#define SESSION_PROMPT_MAX_CHARS 400
#define SESSION_TOKEN_LEN        32    /* hex characters of a participant token */
#define SESSION_LANG_MAX         15    /* BCP 47 tag, bytes */

enum activity_kind { ACTIVITY_IDEAS = 1 };

struct participant {
	uint32_t id;                         /* 1.. in order of joining */
	char token[SESSION_TOKEN_LEN + 1];   /* secret kept on the phone */
	char *name;                          /* display name, "" when none; owned */
	char lang[SESSION_LANG_MAX + 1];     /* "" when unknown */
	int64_t joined_ms;                   /* Unix time in milliseconds */
};

struct activity {
	uint32_t id;                /* 1.. */
	enum activity_kind kind;
	char *title;                /* short name on the agenda; owned */
	char *prompt;               /* the question shown on board and phones; owned */
};

struct idea {
	uint32_t id;                /* 1.. in order of posting */
	uint32_t activity;          /* activity id */
	uint32_t author;            /* participant id; 0 = the facilitator at the board */
	char *text;                 /* valid UTF-8, trimmed, 1..SESSION_IDEA_MAX_CHARS; owned */
	int64_t created_ms;
};

struct session {
	char *title;                /* owned */
	char lang[SESSION_LANG_MAX + 1];
	int64_t created_ms;
	uint32_t current_activity;  /* activity id, 0 when the agenda is empty */

	struct participant *participants; size_t n_participants, cap_participants;
	struct activity *activities;      size_t n_activities, cap_activities;
	struct idea *ideas;               size_t n_ideas, cap_ideas;
	uint32_t next_participant_id, next_activity_id, next_idea_id;
};

enum cmd_type {
	CMD_JOIN = 1,        /* a phone joins or rejoins with its token */
	CMD_IDEA_POST,       /* post an idea to the current activity */
	CMD_ACTIVITY_ADD,    /* facilitator: append an activity to the agenda */
};

/* A command. Strings are borrowed from the caller for the duration of session_apply().
 * The model has no clock and no randomness: the caller supplies the time and new tokens,
 * so replaying the same commands gives the same session. */
struct command {
	enum cmd_type type;
	int64_t at_ms;             /* when it happened */
	uint32_t participant;      /* who sends it (0 = facilitator at the board); unused by JOIN */
	union {
		struct { const char *token; const char *name; const char *lang; } join;
		struct { const char *text; } idea_post;
		struct { enum activity_kind kind; const char *title; const char *prompt; } activity_add;
	} u;
};

enum event_type {
	EV_PARTICIPANT_JOINED = 1,  /* new participant */
	EV_PARTICIPANT_RETURNED,    /* known token came back (name/lang may have changed) */
	EV_IDEA_ADDED,
	EV_ACTIVITY_ADDED,
};

/* An event names what changed by id; read the details from the session. */
struct event {
	enum event_type type;
	uint32_t id;               /* participant, idea or activity id */
};

enum session_err {
	SERR_OK = 0,
	SERR_NOT_JOINED,        /* unknown participant */
	SERR_NO_ACTIVITY,       /* nothing on the agenda to post to */
	SERR_WRONG_ACTIVITY,    /* the current activity does not take ideas */
	SERR_EMPTY_TEXT,
	SERR_TEXT_TOO_LONG,
	SERR_BAD_UTF8,
	SERR_NAME_TOO_LONG,
	SERR_BAD_TOKEN,
	SERR_BAD_LANG,
	SERR_BAD_COMMAND,
};

#define SESSION_MAX_EVENTS 4  /* most events one command can produce */

struct session_result {
	enum session_err err;
	char message[160];         /* human-readable reason when err != SERR_OK */
	struct event events[SESSION_MAX_EVENTS];
	size_t n_events;
};

/* Create an empty session. Aborts on out-of-memory (xmalloc). Free with session_free(). */
struct session *session_new(const char *title, const char *lang, int64_t created_ms);
void session_free(struct session *s);

/* Apply one command. On success fills res->events and returns 0; on failure returns -1,
 * fills res->err and res->message, and leaves the session unchanged. */
int session_apply(struct session *s, const struct command *cmd, struct session_result *res);

/* Stable machine name of an error ("empty_text", ...), for the protocol. */
const char *session_err_code(enum session_err e);

const struct participant *session_participant(const struct session *s, uint32_t id);
const struct participant *session_participant_by_token(const struct session *s, const char *token);
const struct activity *session_activity(const struct session *s, uint32_t id);
const struct idea *session_idea(const struct session *s, uint32_t id);
const struct activity *session_current(const struct session *s);

/* Restoring from a snapshot: these append records as they were saved, keeping their ids.
 * They validate like session_apply and return -1 with a message on bad data. */
int session_restore_participant(struct session *s, const struct participant *p, char *err, size_t errlen);
int session_restore_activity(struct session *s, const struct activity *a, char *err, size_t errlen);
int session_restore_idea(struct session *s, const struct idea *i, char *err, size_t errlen);

#endif
