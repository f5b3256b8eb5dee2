/* proto.h: the wire protocol (docs/protocol.md): JSON text frames to requests, and session
 * state and events to JSON. Validation happens here, before anything reaches the model.
 * No I/O. */
#ifndef MEDSKAPA_PROTO_H
#define MEDSKAPA_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include "session.h"
#include "photo.h"

#define PROTO_VERSION     1
#define PROTO_MAX_MESSAGE 8192   /* bytes in one message, but for an idea.post with a photo */
#define PROTO_MAX_PHOTO_MESSAGE (2 * 1024 * 1024)   /* an idea.post with a photo in base64 (600 KB
                                  * of photo is 800 KB of base64; up to here a larger photo gets
                                  * photo_too_big); the network closes a larger message with 1009 */
#define PROTO_CID_MAX     64

/* A decoded, validated request from a phone. For everything but hello, proto_command() gives
 * the command to apply once main has filled in who sends it (participant, facilitator, at_ms,
 * and a new token for proxy.add). Strings are owned by the request; free with
 * proto_request_free. */
enum { PROTO_HOST_TEMPLATE_SAVE = 1 };   /* template.save {name}: the agenda as a template */

struct proto_request {
	int hello;                      /* a hello (no command); else cmd.type says which */
	int host;                       /* a request to the host itself, not a command (never journaled):
	                                 * PROTO_HOST_TEMPLATE_SAVE (name); 0 = none */
	char cid[PROTO_CID_MAX + 1];    /* "" when absent */
	int proto;                      /* hello */
	char *token, *name, *lang, *key;/* hello; name also for groups and proxies; NULL when absent */
	char *text;                     /* idea.post, idea.edit, render */
	unsigned char *photo;           /* idea.post: the photo's bytes, checked (photo_check) */
	size_t photo_len;
	struct photo_info photo_info;
	uint32_t as;                    /* acting for a proxy participant (facilitator), 0 = none */
	int value_is_list;              /* poll.answer: value was a list (multi) ... */
	uint32_t value_mask;            /* ... of these choice bits */
	int64_t value;                  /* ... or a number (single: index, scale: 1..5) */
	struct command cmd;
	struct activity_spec spec;      /* activity.add; cmd.spec points here */
	char *spec_title, *spec_prompt, *spec_options[SESSION_MAX_OPTIONS], *spec_pictos[SESSION_MAX_OPTIONS];
	struct round_spec spec_rounds[SESSION_MAX_ROUNDS];   /* activity.add: titles owned */
};

/* Why a request was refused: a code from docs/protocol.md and a sentence for people. */
struct proto_error {
	const char *code;               /* static string, e.g. "bad_json" */
	char field[32];                 /* offending field, "" when none */
	char cid[PROTO_CID_MAX + 1];    /* the request's cid when readable, else "" */
	char message[200];
};

/* Decode one text frame. 0 with *req filled, or -1 with *err filled (req needs no free). */
int proto_decode(const char *msg, size_t len, struct proto_request *req, struct proto_error *err);
void proto_request_free(struct proto_request *req);

/* The command a request asks for, its strings and spec pointing into req (valid while req is). */
void proto_command(const struct proto_request *req, struct command *c);

/* poll.answer: the wire's value (an index, a list of indexes, or a scale value) as the model's
 * number for the poll it answers in s (a bit mask of choices, or 1..5). -1 when the value's
 * shape does not fit the poll (bad_value); 0 with *n = 0 when there is no such poll (the model
 * names that problem). */
int proto_poll_value(const struct proto_request *req, const struct session *s, int64_t *n);

/* Fill an error from a model refusal. */
void proto_error_from_session(struct proto_error *err, const struct session_result *res, const char *cid);

/* Encoders: each returns a NUL-terminated JSON string the caller frees (free()).
 * viewer/facilitator say who receives it: what is encoded is what that viewer may see
 * (session_idea_visible, session_results_visible). now_ms is for timers. */
char *proto_encode_error(const struct proto_error *err);
char *proto_encode_welcome(const struct session *s, uint32_t viewer, int facilitator, int phones, int64_t now_ms);
char *proto_encode_state(const struct session *s, uint32_t viewer, int facilitator, int phones, int64_t now_ms);
char *proto_encode_idea(const struct session *s, const char *type, uint32_t idea, uint32_t viewer, int facilitator);
char *proto_encode_idea_removed(uint32_t idea);
char *proto_encode_votes_mine(const struct session *s, uint32_t activity, uint32_t participant);
char *proto_encode_answer_mine(const struct session *s, uint32_t activity, uint32_t participant);
char *proto_encode_results(const struct session *s, uint32_t activity);
/* ack: key names what id is ("idea", "activity", "group", "participant"); NULL for none. */
char *proto_encode_ack(const char *cid, const char *key, uint32_t id);
/* template.save's ack: the file written, by its name (no folder). */
char *proto_encode_ack_file(const char *cid, const char *file);
char *proto_encode_presence(int phones);
/* The room's progress on an activity, for the facilitator: {"type":"progress","activity",
 * "done","of"} (docs/protocol.md "Consent, need more time, progress"). */
char *proto_encode_progress(uint32_t activity, int done, int of);
/* "of" in a progress: the phones connected now plus the proxies, never less than the done. */
int proto_room_size(const struct session *s, const struct activity *a, int phones);
/* An interpreter's view: the ideas of the activity in view (also during its vote), with their
 * renderings; no one's dots or answers. */
char *proto_encode_interpreter_welcome(const struct session *s, const char *name, int phones, int64_t now_ms);
char *proto_encode_interpreter_state(const struct session *s, int phones, int64_t now_ms);
/* An activity's pictograms and recorded prompts added to o (a cJSON object), as the wire and
 * the session file both write them. */
struct cJSON;
void proto_add_pictos_audio(struct cJSON *o, const struct activity *a);

/* For the facilitator only: the interpreter link and its QR code (an SVG, may be NULL). */
char *proto_encode_links(const char *interpreter_url, const char *interpreter_qr_svg);
/* The signals of an activity, per language (for the facilitator). */
char *proto_encode_signals(const struct session *s, uint32_t activity);

/* ISO 8601 UTC with milliseconds ("2026-11-23T18:02:11.250Z"); buf at least 25 bytes. */
void proto_format_time(int64_t ms, char *buf, size_t buflen);
/* Parse that form (also without milliseconds); 0 or -1. */
int proto_parse_time(const char *s, int64_t *ms);

#endif
