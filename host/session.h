/* session.h: the meeting as a pure model. No I/O, no SDL, no sockets, no stdio.
 * Every change goes through session_apply(): a command in, events or one error out. */
#ifndef MEDSKAPA_SESSION_H
#define MEDSKAPA_SESSION_H

#include <stddef.h>
#include <stdint.h>

#define SESSION_FORMAT_VERSION 4

/* Tunables of the model. Lengths are in Unicode code points unless said. */
#define SESSION_IDEA_MAX_CHARS   280   /* what a phone's counter shows */
#define SESSION_NAME_MAX_CHARS   40    /* display name */
#define SESSION_TITLE_MAX_CHARS  120
#define SESSION_PROMPT_MAX_CHARS 400
#define SESSION_OPTION_MAX_CHARS 60    /* a category, a poll choice, a group name */
#define SESSION_MAX_OPTIONS      12    /* categories of an ideas activity, choices of a poll */
#define SESSION_TOKEN_LEN        32    /* hex characters of a participant token */
#define SESSION_LANG_MAX         15    /* BCP 47 tag, bytes */
#define SESSION_MAX_BUDGET       50    /* dots a participant may get in one vote */
#define SESSION_MAX_TIMER_MS     (4 * 3600 * 1000)
#define SESSION_SCALE_MAX        5     /* a scale poll answers 1..5 */
#define SESSION_CID_MAX          64    /* a client's id for one message (protocol cid) */
#define SESSION_RECENT_CIDS      16    /* cids remembered per participant to apply a resend once */
#define SESSION_PICTO_MAX_BYTES  32    /* a pictogram: one emoji (a sequence with joiners and
                                        * variation selectors), at most this many UTF-8 bytes */
#define SESSION_PHOTO_NAME_MAX   68    /* "<64 hex>.jpg": a photo's file name (photo.h) */
#define SESSION_AUDIO_MAX        48    /* recorded prompts of one activity (languages x items) */
#define SESSION_AUDIO_NAME_MAX   80    /* bytes of a recorded prompt's file name */
#define SESSION_SIGNAL_GAP_MS    20000 /* one signal of a kind per participant in this time */
#define SESSION_MAX_TABLES       60    /* numbered tables 1..this */
#define SESSION_TABLE_MIN        2     /* tables.assign: people at one table, at least */
#define SESSION_TABLE_MAX        7     /* and at most */
#define SESSION_MAX_ROUNDS       8     /* rounds of one ideas activity */
#define SESSION_REASON_MAX_CHARS 280   /* a consent answer's reason, a rejection's note */
#define SESSION_WHO_MAX_CHARS    80    /* who takes an action: an organisation or a person, as typed */
#define SESSION_DATE_LEN         10    /* an action's "by when": YYYY-MM-DD */
#define SESSION_PAPER_MAX_DOTS   10000 /* dots in one paper batch line */

/* The three signals a phone can give without a word, counted per activity and language. */
enum signal_kind { SIGNAL_INTERPRET = 0, SIGNAL_SLOWER, SIGNAL_UNCLEAR, SIGNAL_KINDS };

/* A prompt recorded beforehand (a template's audio): for one language, the question
 * (option -1) or one option. file: a plain file name under the templates' audio folder. */
struct audio_clip {
	char lang[SESSION_LANG_MAX + 1];
	int option;
	char *file;
};

/* A message a participant sent lately, by its client id, and the id it produced. */
struct recent_cid {
	char cid[SESSION_CID_MAX + 1];
	uint32_t result;
};

enum activity_kind { ACTIVITY_IDEAS = 1, ACTIVITY_VOTE, ACTIVITY_POLL, ACTIVITY_CONSENT, ACTIVITY_ACTIONS };

/* An action's status (issue 20), in the order an action usually goes. */
enum action_status { ACTION_PLANNED = 0, ACTION_STARTED, ACTION_DONE, ACTION_DROPPED, ACTION_STATUSES };

/* One round of an ideas activity run in rounds (1-2-4-All, World Cafe): its name ("Ensam",
 * "I par") and its own timer. */
struct round_spec {
	char *title;                /* owned in an activity; borrowed in an activity_spec */
	int64_t ms;                 /* the round's timer, 0 = none */
};

/* Where an idea stands in a screened activity: shown to all, waiting in the facilitator's
 * queue (only the author sees it, as "waiting to be shown"), or rejected with a reason. */
enum idea_status { IDEA_SHOWN = 0, IDEA_WAITING, IDEA_REJECTED };

/* Why the facilitator did not show an idea; the author reads it in their own language. */
enum reject_reason { REJECT_OFF_TOPIC = 1, REJECT_DUPLICATE, REJECT_PERSONAL, REJECT_HURTFUL,
                     REJECT_UNCLEAR, REJECT_OTHER, REJECT_REASONS };

/* A consent answer, in order of weight. */
enum consent_value { CONSENT_YES = 1, CONSENT_LIVE, CONSENT_CONCERN, CONSENT_OBJECTION, CONSENT_VALUES };

/* The three answers to "need more time?". */
enum moretime_value { MORETIME_DONE = 0, MORETIME_LITTLE, MORETIME_MORE, MORETIME_VALUES };

/* prepared: on the agenda, not yet open; open: takes ideas, votes or answers; locked: closed,
 * results not shown; revealed: closed and everything shown (silent ideas, vote results). */
enum phase { PHASE_PREPARED = 0, PHASE_OPEN, PHASE_LOCKED, PHASE_REVEALED };

enum poll_kind { POLL_SINGLE = 1, POLL_MULTI, POLL_SCALE };

/* A countdown. Running: ends_ms is when it reaches zero. Stopped: left_ms is what is left. */
struct timer {
	int64_t duration_ms;        /* as set; 0 = no timer */
	int running;
	int64_t ends_ms;            /* running only */
	int64_t left_ms;            /* stopped only */
	int lock_at_zero;           /* lock the activity when it reaches zero */
};

/* What an activity is, as given when it is added (template or facilitator). */
struct activity_spec {
	enum activity_kind kind;
	const char *title;          /* may be NULL */
	const char *prompt;         /* required: the question */
	const char *const *options; /* ideas: categories (may be 0); poll: choices (2.., not scale) */
	size_t n_options;
	const char *const *pictos;  /* NULL, or one per option: an emoji or "" (none) */
	const struct audio_clip *audio; /* recorded prompts (a template's), may be 0 */
	size_t n_audio;
	int silent;                 /* ideas: shown to nobody but the author until revealed */
	uint32_t source;            /* vote: the ideas activity voted on */
	int on_groups;              /* vote: on the groups of source instead of its ideas */
	int budget;                 /* vote: dots per participant, 1..SESSION_MAX_BUDGET */
	int max_per_item;           /* vote: most dots one participant may put on one item, 1..budget */
	int live;                   /* vote: results shown while open (else hidden until revealed) */
	enum poll_kind poll;        /* poll */
	int64_t timer_ms;           /* 0 = no timer */
	int lock_at_zero;
	const struct round_spec *rounds;  /* ideas: run in rounds (0 = not) */
	size_t n_rounds;
	int screened;               /* ideas: new ideas wait in the facilitator's queue */
	int by_table;               /* ideas, vote: the board shows every table as a column */
	int shuffle;                /* vote, poll: items in a random order per participant */
};

struct participant {
	uint32_t id;                         /* 1.. in order of joining */
	char token[SESSION_TOKEN_LEN + 1];   /* secret kept on the phone */
	char *name;                          /* display name, "" when none; owned */
	char lang[SESSION_LANG_MAX + 1];     /* "" when unknown */
	int64_t joined_ms;                   /* Unix time in milliseconds */
	int proxy;                           /* added by the facilitator for someone without a phone */
	struct recent_cid recent[SESSION_RECENT_CIDS];   /* ring, oldest overwritten */
	unsigned recent_next;
	int64_t signal_ms[SIGNAL_KINDS];     /* when they last gave each signal: in memory only,
	                                      * never saved (signals are counted, not kept per person) */
	uint32_t table;                      /* 1..n_tables, 0 = at no table */
	int scribe;                          /* writes (and votes) for their table */
};

struct activity {
	uint32_t id;                /* 1.. */
	enum activity_kind kind;
	char *title;                /* short name on the agenda; owned */
	char *prompt;               /* the question shown on board and phones; owned */
	enum phase phase;
	char **options;             /* categories (ideas) or choices (poll); owned */
	size_t n_options;
	char **pictos;              /* one per option, "" = none; owned (NULL when no options) */
	struct audio_clip *audio;   /* owned */
	size_t n_audio;
	int silent;
	uint32_t source;
	int on_groups, budget, max_per_item, live;
	enum poll_kind poll;
	struct timer timer;
	struct round_spec *rounds;  /* owned */
	size_t n_rounds;
	int round;                  /* the round now: 1..n_rounds, 0 = not started (or no rounds) */
	int screened, by_table, shuffle;
	int consent_round;          /* consent: the round now, 1.. (an amendment starts the next) */
	int moretime_ask;           /* "need more time?" asked this many times, 0 = never */
	int moretime_open;          /* the latest ask still takes answers */
};

struct idea {
	uint32_t id;                /* 1.. in order of posting */
	uint32_t activity;          /* activity id */
	uint32_t author;            /* participant id; 0 = the facilitator */
	char *text;                 /* valid UTF-8, trimmed, 1..SESSION_IDEA_MAX_CHARS; owned */
	int64_t created_ms;
	int category;               /* index into the activity's options, -1 = none */
	int hidden;                 /* hidden by the facilitator: only the author sees (that it is hidden) */
	int64_t hidden_ms;
	uint32_t group;             /* group id, 0 = none */
	uint32_t merged_into;       /* merged as a duplicate into this idea, 0 = not merged */
	int edited;                 /* the facilitator changed its text */
	char *photo;                /* NULL, or the photo's file name "<sha256>.jpg|png"; owned */
	int photo_w, photo_h;       /* its pixels */
	int64_t interpret_ms;       /* when someone first asked for it to be interpreted, 0 = never */
	uint32_t table;             /* the author's table when posted, 0 = none */
	int round;                  /* the activity's round when posted, 0 = none */
	int forward;                /* brought forward by its table from this round, 0 = not */
	enum idea_status status;    /* screened activities: shown, waiting or rejected */
	enum reject_reason reject;  /* REJECTED: why */
	char *reject_note;          /* REJECTED: the facilitator's own words, NULL = none; owned */
	int64_t decided_ms;         /* when approved or rejected, 0 = not screened or waiting */
};

/* An idea rendered into another language by an interpreter (or the facilitator). One per
 * idea and language: a new rendering in the same language replaces the old one. */
struct rendering {
	uint32_t idea;
	char lang[SESSION_LANG_MAX + 1];
	char *text;                 /* owned, like an idea's text */
	char *by;                   /* the interpreter's chosen name; owned */
	int64_t at_ms;
};

/* How many asked for interpreting, a slower pace, or said they did not understand, during
 * one activity, in one UI language. Never who. */
struct signal_count {
	uint32_t activity;
	char lang[SESSION_LANG_MAX + 1];   /* "" = unknown */
	int count[SIGNAL_KINDS];
	int64_t last_ms;                   /* the newest of them */
};

struct group {
	uint32_t id;
	uint32_t activity;          /* the ideas activity it groups */
	char *name;                 /* owned */
	int64_t created_ms;
	int removed;                /* emptied or dissolved; kept so ids stay meaningful in the log */
};

/* One participant's dots on one item (idea or group) of a vote; only dots > 0 are kept. */
struct vote {
	uint32_t activity, participant, item;
	int dots;
	int64_t at_ms;              /* when these dots were last set (for the minutes and replays) */
	uint32_t table;             /* the voter's table then, 0 = none */
};

/* One participant's answer to a poll: a bit per choice (single, multi) or 1..5 (scale). */
struct answer {
	uint32_t activity, participant;
	uint32_t value;
};

/* A consent answer of one participant in one round. The reason of a concern or an objection:
 * text, a photo, or "I will tell the facilitator in person" (at least one of them). */
struct consent_answer {
	uint32_t activity, participant;
	int round;
	enum consent_value value;
	char *reason;               /* owned, NULL = none */
	char *photo;                /* "<sha256>.jpg|png", owned, NULL = none */
	int in_person;
	int64_t at_ms;
};

/* A consent round that has ended by an amendment: the proposal as it read, and its counts. */
struct consent_record {
	uint32_t activity;
	int round;
	char *text;                 /* the proposal in that round; owned */
	int count[CONSENT_VALUES];  /* by enum consent_value (index 0 unused) */
	int64_t ended_ms;
};

/* One answer to "need more time?" in one ask of one activity. */
struct moretime_answer {
	uint32_t activity, participant;
	int ask;
	enum moretime_value value;
};

/* An action (issue 20): what will be done, who takes it, by when, and how it stands. Made in an
 * actions activity ("now what"), usually from an idea or a group at the top of a vote. */
struct action {
	uint32_t id;                /* 1.. */
	uint32_t activity;          /* the actions activity it was made in */
	uint32_t idea, group;       /* what it came from, 0 = none */
	char *text;                 /* owned, 1..SESSION_IDEA_MAX_CHARS */
	char *who;                  /* owned, "" = nobody yet */
	char due[SESSION_DATE_LEN + 1];   /* "YYYY-MM-DD", "" = no date */
	enum action_status status;
	char *note;                 /* owned, NULL = none */
	uint32_t volunteer;         /* a participant who offered to take it and waits for the facilitator's
	                             * confirmation, 0 = none */
	char *offer;                /* owned: what the volunteer typed (who takes it), NULL = no offer;
	                             * it becomes who when the facilitator confirms */
	int64_t created_ms, updated_ms;
};

/* Every change of an action, for its history across meetings. */
struct action_change {
	uint32_t action;
	int64_t at_ms;
	enum action_status status;
	char *note;                 /* owned, NULL = none */
};

/* A batch of paper dots (issue 20): "paper, table 3: idea 7, 4 dots". Entered by the facilitator
 * outside the budget rules; a correction is a new batch that replaces an earlier one. */
struct paper_batch {
	uint32_t id;                /* 1.. */
	uint32_t activity;          /* a vote (dots on item) or a poll (answers to choice item) */
	uint32_t table;             /* 0 = no table */
	uint32_t item;
	int count;                  /* dots or answers, 0..SESSION_PAPER_MAX_DOTS */
	uint32_t replaces;          /* a correction: the batch it replaces, 0 = none */
	int replaced;               /* a later batch replaced this one: it no longer counts */
	int64_t at_ms;
};

/* The moderation log: every hide, restore, edit, merge, approval and rejection with its time. */
enum mod_kind { MOD_HIDE = 1, MOD_RESTORE, MOD_EDIT, MOD_MERGE, MOD_APPROVE, MOD_REJECT };
struct mod_entry {
	int64_t at_ms;
	enum mod_kind kind;
	uint32_t idea;
	uint32_t other;             /* MERGE: the idea it went into */
	char *before, *after;       /* EDIT: the texts; owned, NULL otherwise */
};

struct session {
	char *title;                /* owned */
	char lang[SESSION_LANG_MAX + 1];
	int64_t created_ms;
	uint32_t current_activity;  /* activity id, 0 when the agenda is empty */
	uint64_t version;           /* +1 on every applied change: views compare it to redraw */

	struct participant *participants; size_t n_participants, cap_participants;
	struct activity *activities;      size_t n_activities, cap_activities;
	struct idea *ideas;               size_t n_ideas, cap_ideas;
	struct group *groups;             size_t n_groups, cap_groups;
	struct vote *votes;               size_t n_votes, cap_votes;
	struct answer *answers;           size_t n_answers, cap_answers;
	struct mod_entry *log;            size_t n_log, cap_log;
	struct rendering *renderings;     size_t n_renderings, cap_renderings;
	struct signal_count *signals;     size_t n_signals, cap_signals;
	struct consent_answer *consents;  size_t n_consents, cap_consents;
	struct consent_record *consent_log; size_t n_consent_log, cap_consent_log;
	struct moretime_answer *moretime; size_t n_moretime, cap_moretime;
	struct action *actions;           size_t n_actions, cap_actions;
	struct action_change *action_log; size_t n_action_log, cap_action_log;
	struct paper_batch *paper;        size_t n_paper, cap_paper;
	uint32_t next_action_id, next_paper_id;
	int n_tables;               /* numbered tables 1..n_tables, 0 = none */
	uint32_t next_participant_id, next_activity_id, next_idea_id, next_group_id;
	struct recent_cid fac_recent[SESSION_RECENT_CIDS];   /* the facilitator's own messages */
	unsigned fac_recent_next;
};

enum cmd_type {
	CMD_JOIN = 1,        /* token, name, lang: a phone joins or rejoins */
	CMD_PROXY_ADD,       /* F: token, name: a participant without a phone */
	CMD_IDEA_POST,       /* text, n = category (-1 none): to the current activity */
	CMD_ACTIVITY_ADD,    /* F: spec: append to the agenda */
	CMD_GOTO,            /* F: activity: make it current */
	CMD_PHASE,           /* F: activity, n = phase */
	CMD_TIMER_SET,       /* F: activity, n = duration in ms (0 = none); stops it */
	CMD_TIMER_START,     /* F: activity */
	CMD_TIMER_PAUSE,     /* F: activity */
	CMD_TIMER_ADD,       /* F: activity, n = ms to add (may be negative) */
	CMD_TIMER_EXPIRE,    /* the host's clock: a running timer reached zero at at_ms */
	CMD_VOTE,            /* activity, item, n = dots on it now (0 withdraws) */
	CMD_POLL_ANSWER,     /* activity, n = value (bit mask of choices, or 1..5) */
	CMD_GROUP_CREATE,    /* F: activity (ideas), name, idea (first idea to put in, 0 none) */
	CMD_GROUP_RENAME,    /* F: group, name */
	CMD_GROUP_REMOVE,    /* F: group: its ideas become ungrouped */
	CMD_IDEA_GROUP,      /* F: idea, group (0 = ungroup) */
	CMD_IDEA_HIDE,       /* F: idea */
	CMD_IDEA_RESTORE,    /* F: idea */
	CMD_IDEA_EDIT,       /* F: idea, text */
	CMD_IDEA_MERGE,      /* F: idea (the duplicate), other (the idea it goes into) */
	CMD_IDEA_INTERPRET,  /* idea: anyone asks for it to be interpreted */
	CMD_RENDER,          /* I: idea, lang, text, name = the interpreter's name */
	CMD_SIGNAL,          /* n = enum signal_kind, to the current activity; lang: the replayed
	                      * form, which names no participant */
	CMD_TABLES_SET,      /* F: n = number of tables (0 = none); people at a higher table leave it */
	CMD_TABLE_JOIN,      /* n = table (0 = leave), other = 1: as the table's scribe */
	CMD_TABLES_ASSIGN,   /* F: n = people per table, other = seed (the host's random), ids: who */
	CMD_ROUND_NEXT,      /* F: activity: the next round; its timer set and started */
	CMD_IDEA_FORWARD,    /* idea: a table brings it forward from its round (n = 0 takes it back) */
	CMD_IDEA_APPROVE,    /* F: idea (waiting), text = edited text or NULL */
	CMD_IDEA_REJECT,     /* F: idea (waiting), n = enum reject_reason, text = a note or NULL */
	CMD_CONSENT_ANSWER,  /* n = enum consent_value, text = reason, photo, other = 1: in person */
	CMD_CONSENT_AMEND,   /* F: activity, text = the new proposal: a new round */
	CMD_MORETIME_ASK,    /* F: activity: ask the room "need more time?" */
	CMD_MORETIME_ANSWER, /* n = enum moretime_value */
	CMD_MORETIME_CLOSE,  /* F: activity: the question is answered; phones stop showing it */
	CMD_ACTION_ADD,      /* F: activity (actions), text, name = who, lang = due, idea, group */
	CMD_ACTION_EDIT,     /* F: other = action, text, name = who, lang = due (NULL = unchanged) */
	CMD_ACTION_STATUS,   /* F: other = action, n = enum action_status, text = note */
	CMD_ACTION_VOLUNTEER,/* other = action, name = who (a participant offers to take it) */
	CMD_ACTION_CONFIRM,  /* F: other = action, n = 1 confirm the volunteer, 0 decline */
	CMD_PAPER_ADD,       /* F: activity, table, item, n = count: a paper batch */
	CMD_PAPER_CORRECT,   /* F: other = batch, n = the right count */
	CMD_COUNT            /* not a command: one more than the last (ORDER CMD: cmd_table) */
};

/* A command. Strings are borrowed from the caller for the duration of session_apply().
 * The model has no clock and no randomness: the caller supplies the time and new tokens,
 * so replaying the same commands gives the same session. */
struct command {
	enum cmd_type type;
	int64_t at_ms;              /* when it happened */
	uint32_t participant;       /* who acts: a phone's participant; with facilitator set, 0 = the
	                             * facilitator herself or a proxy participant she acts for */
	int facilitator;            /* sent with the facilitator key, or from the board */
	int interpreter;            /* sent with an interpreter key */
	uint32_t activity;          /* 0 = the current activity */
	uint32_t idea, group, item, other;
	int64_t n;
	const char *text, *name, *token, *lang;
	const struct activity_spec *spec;
	const char *photo;          /* idea.post: the photo's file name (checked and stored first) */
	int photo_w, photo_h;
	const uint32_t *ids;        /* tables.assign: the participants to seat (borrowed) */
	size_t n_ids;
	uint32_t table;             /* vote, idea.post: a scribe acts for this table (0 = own) */
	const char *cid;            /* the sender's id for this message, NULL or "" = none: a command
	                             * whose cid the actor used lately is not applied again */
};

enum event_type {
	EV_PARTICIPANT_JOINED = 1,  /* id = participant */
	EV_PARTICIPANT_RETURNED,    /* id = participant (name/lang may have changed) */
	EV_IDEA_ADDED,              /* id = idea */
	EV_IDEA_CHANGED,            /* id = idea: text, category, hidden, group or merged_into */
	EV_GROUP_ADDED,             /* id = group */
	EV_GROUP_CHANGED,           /* id = group: name, or removed */
	EV_ACTIVITY_ADDED,          /* id = activity */
	EV_ACTIVITY_CHANGED,        /* id = activity: timer or settings */
	EV_PHASE_CHANGED,           /* id = activity */
	EV_CURRENT_CHANGED,         /* id = the new current activity */
	EV_VOTES_CHANGED,           /* id = vote activity, other = participant (0 = several) */
	EV_ANSWERS_CHANGED,         /* id = poll activity, other = participant */
	EV_SIGNALS_CHANGED,         /* id = activity */
	EV_TABLES_CHANGED,          /* id = participant whose table changed, 0 = everyone's or the count */
	EV_CONSENT_CHANGED,         /* id = consent activity, other = participant (0 = a new round) */
	EV_MORETIME_CHANGED,        /* id = activity, other = participant (0 = asked or closed) */
	EV_ACTION_CHANGED,          /* id = action (added or changed) */
	EV_PAPER_CHANGED,           /* id = the vote or poll activity */
};

/* An event names what changed by id; read the details from the session. */
struct event {
	enum event_type type;
	uint32_t id, other;
};

enum session_err {
	SERR_OK = 0,
	SERR_NOT_JOINED,        /* unknown participant */
	SERR_NO_ACTIVITY,       /* nothing on the agenda / no such activity */
	SERR_WRONG_ACTIVITY,    /* the activity is of another kind */
	SERR_NOT_OPEN,          /* the activity is prepared, locked or revealed */
	SERR_EMPTY_TEXT,
	SERR_TEXT_TOO_LONG,
	SERR_BAD_UTF8,
	SERR_NAME_TOO_LONG,
	SERR_BAD_TOKEN,
	SERR_BAD_LANG,
	SERR_BAD_COMMAND,
	SERR_FORBIDDEN,         /* a facilitator command from a phone, or acting for another */
	SERR_NO_IDEA,           /* no such idea (in this activity, visible) */
	SERR_NO_GROUP,
	SERR_BAD_CATEGORY,
	SERR_OVER_BUDGET,       /* more dots than the budget */
	SERR_OVER_ITEM_MAX,     /* more dots on one item than allowed */
	SERR_BAD_VALUE,         /* a phase, timer, dots or poll value out of range */
	SERR_BAD_SPEC,          /* an activity that cannot be */
	SERR_NAME_RESERVED,     /* a display name that is a role word (facilitator, tolk, ...) */
	SERR_INTERPRETER,       /* an interpreter tried what only the facilitator may do */
	SERR_TOO_SOON,          /* the same signal again within SESSION_SIGNAL_GAP_MS */
	SERR_BAD_PHOTO,         /* a photo name that is not "<sha256>.jpg|png", or bad pixels */
	SERR_BAD_PICTO,         /* a pictogram that is not one short emoji */
	SERR_NO_TABLE,          /* a table that does not exist */
	SERR_WRONG_TABLE,       /* acting for a table one is not the scribe of / an idea of another table */
	SERR_NO_ROUND,          /* no rounds, or no round after this one */
	SERR_NOT_WAITING,       /* approving or rejecting an idea that is not in the queue */
	SERR_NEED_REASON,       /* a concern or objection without a reason */
	SERR_NOT_ASKED,         /* an answer to "need more time?" when it is not asked */
	SERR_NO_ACTION,         /* an action that does not exist */
	SERR_BAD_DATE,          /* a "by when" that is not a date YYYY-MM-DD */
	SERR_NO_BATCH,          /* correcting a paper batch that does not exist or was replaced */
	SERR_NO_VOLUNTEER,      /* confirming a volunteer when nobody offered */
};

#define SESSION_MAX_EVENTS 8  /* most events one command can produce */

struct session_result {
	enum session_err err;
	char message[200];         /* human-readable reason when err != SERR_OK */
	struct event events[SESSION_MAX_EVENTS];
	size_t n_events;
	int duplicate;             /* the cid was seen: nothing applied again, no events */
	uint32_t result;           /* the id the command produced (first event's), also for duplicates */
};

/* Create an empty session. Aborts on out-of-memory (xmalloc). Free with session_free(). */
struct session *session_new(const char *title, const char *lang, int64_t created_ms);
void session_free(struct session *s);

/* A deep copy, independent of s (for writing the session file on another thread). */
struct session *session_clone(const struct session *s);

/* Apply one command. On success fills res->events, adds 1 to s->version and returns 0; a resend
 * (a cid the actor used lately) returns 0 with res->duplicate set and no change. On failure
 * returns -1, fills res->err and res->message, and leaves the session unchanged. */
int session_apply(struct session *s, const struct command *cmd, struct session_result *res);

/* The command table: one row per command type, indexed by enum cmd_type (ORDER CMD), the one
 * place a command is described. The journal names a command by .name; the host's ack names
 * the new thing by .ack; the model checks .flags before .apply. A new command type without a
 * row fails test_cmd (every type must have a name and an apply function). */
enum cmd_flags {
	CMD_FACILITATOR = 1 << 0,   /* only with the facilitator key (or from the board) */
	CMD_NO_DEDUPE = 1 << 1,     /* no actor to remember a cid by: join, the host's clock */
	CMD_INTERPRETER = 1 << 2,   /* only with an interpreter key or the facilitator's */
};
struct cmd_entry {
	const char *name;           /* journal name: "idea.post", "timer.start", "join", ... */
	const char *ack;            /* the ack's field for the new thing's id ("idea"), NULL none */
	int flags;
	int (*apply)(struct session *, const struct command *, struct session_result *);
};
extern const struct cmd_entry cmd_table[CMD_COUNT];
/* The row of a type, NULL when t is not a command type. */
const struct cmd_entry *session_cmd(enum cmd_type t);
/* The type a journal name stands for, 0 when none. */
enum cmd_type session_cmd_from_name(const char *name);

/* Stable machine name of an error ("empty_text", ...), for the protocol. */
const char *session_err_code(enum session_err e);
const char *session_phase_name(enum phase p);        /* "prepared", "open", ... */
const char *session_kind_name(enum activity_kind k); /* "ideas", "vote", "poll" */
const char *session_poll_name(enum poll_kind k);     /* "single", "multi", "scale" */
int session_phase_from_name(const char *name);       /* -1 when unknown */
int session_kind_from_name(const char *name);
int session_poll_from_name(const char *name);

const struct participant *session_participant(const struct session *s, uint32_t id);
const struct participant *session_participant_by_token(const struct session *s, const char *token);
const struct activity *session_activity(const struct session *s, uint32_t id);
const struct idea *session_idea(const struct session *s, uint32_t id);
const struct group *session_group(const struct session *s, uint32_t id);
const struct activity *session_current(const struct session *s);

/* Visibility, the one place that decides what a phone may see. viewer = participant id
 * (0 with facilitator set: the facilitator, who sees everything). */
/* An idea is listed to the viewer (hidden ones only to their author, marked hidden; silent
 * ones only to their author until revealed; merged ones to nobody but the facilitator). */
int session_idea_visible(const struct session *s, const struct idea *i, uint32_t viewer, int facilitator);
/* The viewer may see the counts of a vote or poll now. */
int session_results_visible(const struct session *s, const struct activity *a, int facilitator);
/* The items a vote offers: an idea or group id is votable now. */
int session_item_votable(const struct session *s, const struct activity *vote, uint32_t item);

/* Renderings of an idea: the one in lang (NULL when none), and all of them in order. */
const struct rendering *session_rendering(const struct session *s, uint32_t idea, const char *lang);
size_t session_renderings_of(const struct session *s, uint32_t idea, const struct rendering **out, size_t max);
/* The signal counts of an activity in one language (NULL when none). */
const struct signal_count *session_signals(const struct session *s, uint32_t activity, const char *lang);
const char *session_signal_name(enum signal_kind k);  /* "interpret", "slower", "unclear" */
int session_signal_from_name(const char *name);       /* -1 when unknown */
/* 1 if p is one pictogram as the model keeps them: valid UTF-8, 1..SESSION_PICTO_MAX_BYTES,
 * no ASCII, no controls, no bidi controls ("" is no pictogram and valid too). */
int session_picto_valid(const char *p);
/* 1 if name is a recorded prompt's file name: [A-Za-z0-9_-] then one '.' and ogg, opus, mp3,
 * m4a or wav; no path. */
int session_audio_name_valid(const char *name);

/* ---- methods: tables, rounds, screened ideas, consent, the room's progress -------------- */
/* How many participants have taken part in an activity so far, never who: posted an idea
 * (ideas; screened ones count when posted), put dots (vote), answered (poll; consent: in its
 * round now). Proxies count; the facilitator herself never does. */
int session_progress(const struct session *s, const struct activity *a);
/* The consent answers of a round, counted by enum consent_value (index 0 unused). */
void session_consent_counts(const struct session *s, const struct activity *a, int round, int count[CONSENT_VALUES]);
const struct consent_answer *session_consent_of(const struct session *s, uint32_t activity, uint32_t participant,
                                                int round);
/* The answers to the latest "need more time?" of an activity, by enum moretime_value. */
void session_moretime_counts(const struct session *s, const struct activity *a, int count[MORETIME_VALUES]);
/* Participants at a table (0: at none). */
int session_table_size(const struct session *s, uint32_t table);
/* How many tables tables.assign deals people into at size a table: round(people/size), 1..max. */
int session_tables_for(int people, int size);
const char *session_reject_name(enum reject_reason r);    /* "off_topic", "duplicate", ... */
int session_reject_from_name(const char *name);           /* -1 when unknown */
const char *session_consent_name(enum consent_value v);   /* "yes", "live", "concern", "objection" */
int session_consent_from_name(const char *name);
const char *session_moretime_name(enum moretime_value v); /* "done", "little", "more" */
int session_moretime_from_name(const char *name);

/* ---- actions and paper (issue 20) ------------------------------------------------------ */
const struct action *session_action(const struct session *s, uint32_t id);
const char *session_action_status_name(enum action_status st);   /* "planned", "started", "done", "dropped" */
int session_action_status_from_name(const char *name);           /* -1 when unknown */
/* The paper count on an item of a vote or poll (batches that count), and in all. */
int session_paper_on(const struct session *s, uint32_t activity, uint32_t item);
int session_restore_action(struct session *s, const struct action *a, char *err, size_t errlen);
int session_restore_action_change(struct session *s, const struct action_change *c, char *err, size_t errlen);
int session_restore_paper(struct session *s, const struct paper_batch *b, char *err, size_t errlen);

/* Timer: ms left at now_ms (0 when none or expired). */
int64_t session_timer_left(const struct timer *t, int64_t now_ms);

/* A participant's dots in a vote: on one item, and in all. */
int session_dots_on(const struct session *s, uint32_t activity, uint32_t participant, uint32_t item);
int session_dots_used(const struct session *s, uint32_t activity, uint32_t participant);
const struct answer *session_answer(const struct session *s, uint32_t activity, uint32_t participant);

/* Results of a vote (items with their dots, most first; ties share a rank: 1, 1, 3) or of a
 * poll (one row per choice, or per scale value 1..5, in order; rank by count). Fills at most
 * max rows and returns how many there are in all. Votable items with no dots are included. */
struct result_row {
	uint32_t item;              /* vote: idea or group id; poll: choice index or scale value */
	int count;                  /* dots, or answers */
	int voters;                 /* vote: participants who put dots on it */
	int rank;                   /* 1 = top */
	int paper;                  /* the part of count entered from paper (issue 20), 0 = none */
};
size_t session_results(const struct session *s, const struct activity *a, struct result_row *rows, size_t max);
/* Participants who took part in a vote (have dots on something) or a poll (answered): one
 * pass over the votes or answers, O(n log n); 0 for an ideas activity. No I/O. */
int session_voters(const struct session *s, const struct activity *a);

/* Restoring from a snapshot: these append records as they were saved, keeping their ids.
 * They validate like session_apply and return -1 with a message on bad data. Restore
 * activities, participants, groups, ideas, votes, answers, log in that order. */
int session_restore_participant(struct session *s, const struct participant *p, char *err, size_t errlen);
int session_restore_activity(struct session *s, const struct activity *a, char *err, size_t errlen);
int session_restore_idea(struct session *s, const struct idea *i, char *err, size_t errlen);
int session_restore_group(struct session *s, const struct group *g, char *err, size_t errlen);
int session_restore_vote(struct session *s, const struct vote *v, char *err, size_t errlen);
int session_restore_answer(struct session *s, const struct answer *a, char *err, size_t errlen);
int session_restore_log(struct session *s, const struct mod_entry *m, char *err, size_t errlen);
int session_restore_rendering(struct session *s, const struct rendering *r, char *err, size_t errlen);
int session_restore_signals(struct session *s, const struct signal_count *c, char *err, size_t errlen);
int session_restore_consent(struct session *s, const struct consent_answer *c, char *err, size_t errlen);
int session_restore_consent_record(struct session *s, const struct consent_record *r, char *err, size_t errlen);
int session_restore_moretime(struct session *s, const struct moretime_answer *m, char *err, size_t errlen);
/* Remember a cid of an actor (participant id; 0 = the facilitator), as session_apply does. */
void session_remember_cid(struct session *s, uint32_t actor, const char *cid, uint32_t result);

#endif
