/* proto.h: the wire protocol (docs/protocol.md): JSON text frames to requests, and session
 * state and events to JSON. Validation happens here, before anything reaches the model.
 * No I/O. */
#ifndef MEDSKAPA_PROTO_H
#define MEDSKAPA_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include "session.h"

#define PROTO_VERSION     1
#define PROTO_MAX_MESSAGE 8192   /* bytes in one frame; the network closes larger with 1009 */
#define PROTO_CID_MAX     64

enum proto_type {
	PROTO_HELLO = 1,
	PROTO_IDEA_POST,
};

/* A decoded, validated request from a phone. Strings are owned; free with proto_request_free. */
struct proto_request {
	enum proto_type type;
	char cid[PROTO_CID_MAX + 1];    /* "" when absent */
	int proto;                      /* hello */
	char *token, *name, *lang;      /* hello; NULL when absent */
	char *text;                     /* idea.post */
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

/* Fill an error from a model refusal. */
void proto_error_from_session(struct proto_error *err, const struct session_result *res, const char *cid);

/* Encoders: each returns a NUL-terminated JSON string the caller frees (free()). */
char *proto_encode_error(const struct proto_error *err);
char *proto_encode_welcome(const struct session *s, uint32_t participant, int phones);
char *proto_encode_idea_added(const struct session *s, uint32_t idea);
char *proto_encode_ack(const char *cid, uint32_t idea);
char *proto_encode_presence(int phones);

/* ISO 8601 UTC with milliseconds ("2026-11-23T18:02:11.250Z"); buf at least 25 bytes. */
void proto_format_time(int64_t ms, char *buf, size_t buflen);
/* Parse that form (also without milliseconds); 0 or -1. */
int proto_parse_time(const char *s, int64_t *ms);

#endif
