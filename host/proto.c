/* proto.c: decoding and validating phone messages, encoding state and events (cJSON). */
#include "proto.h"
#include "util.h"

#include <cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int perr(struct proto_error *err, const char *code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Fill err (keeping err->cid) and return -1. */
static int perr(struct proto_error *err, const char *code, const char *field, const char *fmt, ...)
{
	va_list ap;
	err->code = code;
	strlcpy_m(err->field, field ? field : "", sizeof err->field);
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* cJSON truncates strings at \u0000 and treats lone surrogates as a parse error; find both in
 * the raw text first so that they get their own error. Each offending escape in buf is
 * overwritten with \ufffd (same length), so that the patched text can still be parsed for
 * its cid. Returns 0 when the escapes are sound, else -1 with err filled for the first. */
static int check_escapes(char *s, size_t len, struct proto_error *err)
{
	int bad = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != '\\') continue;
		if (s[i + 1] != 'u' || i + 6 > len) { i++; continue; }
		int v = 0, ok = 1;
		for (int k = 2; k < 6 && ok; k++) {
			int h = hexval(s[i + k]);
			if (h < 0) ok = 0; else v = v * 16 + h;
		}
		if (!ok) { i++; continue; }   /* malformed escape: cJSON reports bad_json */
		int lone = v >= 0xDC00 && v <= 0xDFFF;
		if (v >= 0xD800 && v <= 0xDBFF) {
			int lo = 0, pair = i + 12 <= len && s[i + 6] == '\\' && s[i + 7] == 'u';
			for (int k = 8; pair && k < 12; k++) {
				int h = hexval(s[i + k]);
				if (h < 0) pair = 0; else lo = lo * 16 + h;
			}
			if (pair && lo >= 0xDC00 && lo <= 0xDFFF) { i += 11; continue; }
			lone = 1;
		}
		if (v == 0 || lone) {
			if (!bad++) {
				if (v == 0)
					perr(err, "bad_utf8", NULL, "Text may not contain the NUL character (\\u0000).");
				else
					perr(err, "bad_utf8", NULL, "Text holds a lone UTF-16 surrogate (\\u%04x).", v);
			}
			memcpy(s + i + 2, "fffd", 4);
		}
		i += 5;
	}
	return bad ? -1 : 0;
}

/* After a bad escape: parse the patched text just to echo the request's cid, if readable. */
static void cid_from_patched(const char *s, size_t len, struct proto_error *err)
{
	cJSON *root = cJSON_ParseWithLength(s, len);
	const cJSON *cid = cJSON_GetObjectItemCaseSensitive(root, "cid");
	if (cJSON_IsString(cid) && strlen(cid->valuestring) <= PROTO_CID_MAX)
		strlcpy_m(err->cid, cid->valuestring, sizeof err->cid);
	cJSON_Delete(root);
}

/* Optional string field: 0 and *out (owned copy or NULL when absent), or -1 with err. */
static int get_string(const cJSON *obj, const char *key, int required, char **out,
                      struct proto_error *err)
{
	*out = NULL;
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!it || cJSON_IsNull(it)) {
		if (required) return perr(err, "missing_field", key, "The field \"%s\" is missing.", key);
		return 0;
	}
	if (!cJSON_IsString(it) || !it->valuestring)
		return perr(err, "bad_field", key, "The field \"%s\" must be a string.", key);
	if (!utf8_valid(it->valuestring, strlen(it->valuestring)))
		return perr(err, "bad_utf8", key, "The field \"%s\" is not valid UTF-8.", key);
	*out = xstrdup(it->valuestring);
	return 0;
}

static int cid_valid(const char *c)
{
	size_t n = strlen(c);
	if (n == 0 || n > PROTO_CID_MAX) return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = c[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '_' || ch == '-'))
			return 0;
	}
	return 1;
}

static int decode_hello(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(obj, "proto");
	if (!p) return perr(err, "missing_field", "proto", "The field \"proto\" is missing.");
	if (!cJSON_IsNumber(p) || p->valuedouble != floor(p->valuedouble) || fabs(p->valuedouble) > 1e6)
		return perr(err, "bad_field", "proto", "The field \"proto\" must be an integer.");
	req->proto = (int)p->valuedouble;
	if (req->proto != PROTO_VERSION)
		return perr(err, "unsupported_proto", "proto",
		            "This host speaks protocol version %d, not %d.", PROTO_VERSION, req->proto);
	if (get_string(obj, "token", 0, &req->token, err) < 0) return -1;
	if (get_string(obj, "name", 0, &req->name, err) < 0) return -1;
	if (get_string(obj, "lang", 0, &req->lang, err) < 0) return -1;
	return 0;
}

static int decode_idea_post(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_string(obj, "text", 1, &req->text, err);
}

/* One entry per message type (tmux-style table), in protocol.md order. */
static const struct {
	const char *name;
	enum proto_type type;
	int (*decode)(const cJSON *, struct proto_request *, struct proto_error *);
} decoders[] = {
	{ "hello", PROTO_HELLO, decode_hello },
	{ "idea.post", PROTO_IDEA_POST, decode_idea_post },
};

int proto_decode(const char *msg, size_t len, struct proto_request *req, struct proto_error *err)
{
	memset(req, 0, sizeof *req);
	memset(err, 0, sizeof *err);
	if (len > PROTO_MAX_MESSAGE)
		return perr(err, "too_large", NULL, "A message can have at most %d bytes.", PROTO_MAX_MESSAGE);
	if (memchr(msg, '\0', len) || !utf8_valid(msg, len))
		return perr(err, "bad_utf8", NULL, "The message is not valid UTF-8 text.");

	char *copy = xstrndup(msg, len);
	if (check_escapes(copy, len, err) < 0) {
		cid_from_patched(copy, len, err);
		free(copy);
		return -1;
	}
	free(copy);

	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(msg, len, &end, 0);
	/* The parse stops at the end of the value: anything after it but spaces is garbage. */
	for (const char *q = root ? end : msg + len; q < msg + len; q++) {
		if (*q != ' ' && *q != '\t' && *q != '\r' && *q != '\n') {
			cJSON_Delete(root);
			root = NULL;
			break;
		}
	}
	if (!root) return perr(err, "bad_json", NULL, "The message is not valid JSON.");
	if (!cJSON_IsObject(root)) {
		perr(err, "not_object", NULL, "A message must be a JSON object.");
		goto fail;
	}
	const cJSON *cid = cJSON_GetObjectItemCaseSensitive(root, "cid");
	if (cid) {
		if (!cJSON_IsString(cid) || !cid_valid(cid->valuestring)) {
			perr(err, "bad_field", "cid", "The field \"cid\" must be 1-%d letters, digits, _ or -.", PROTO_CID_MAX);
			goto fail;
		}
		strlcpy_m(req->cid, cid->valuestring, sizeof req->cid);
		strlcpy_m(err->cid, cid->valuestring, sizeof err->cid);
	}
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "type");
	if (!type) {
		perr(err, "missing_field", "type", "The field \"type\" is missing.");
		goto fail;
	}
	if (!cJSON_IsString(type)) {
		perr(err, "bad_field", "type", "The field \"type\" must be a string.");
		goto fail;
	}
	for (size_t i = 0; i < sizeof decoders / sizeof decoders[0]; i++) {
		if (strcmp(decoders[i].name, type->valuestring) != 0) continue;
		req->type = decoders[i].type;
		if (decoders[i].decode(root, req, err) < 0) goto fail;
		cJSON_Delete(root);
		return 0;
	}
	perr(err, "unknown_type", "type", "Unknown message type \"%.40s\".", type->valuestring);
fail:
	cJSON_Delete(root);
	proto_request_free(req);
	return -1;
}

void proto_request_free(struct proto_request *req)
{
	free(req->token);
	free(req->name);
	free(req->lang);
	free(req->text);
	req->token = req->name = req->lang = req->text = NULL;
}

void proto_error_from_session(struct proto_error *err, const struct session_result *res, const char *cid)
{
	memset(err, 0, sizeof *err);
	static const struct { enum session_err e; const char *field; } fields[] = {
		{ SERR_EMPTY_TEXT, "text" }, { SERR_TEXT_TOO_LONG, "text" }, { SERR_NAME_TOO_LONG, "name" },
		{ SERR_BAD_TOKEN, "token" }, { SERR_BAD_LANG, "lang" },
	};
	err->code = session_err_code(res->err);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i].e == res->err) strlcpy_m(err->field, fields[i].field, sizeof err->field);
	strlcpy_m(err->message, res->message, sizeof err->message);
	strlcpy_m(err->cid, cid ? cid : "", sizeof err->cid);
}

/* ---- encoding --------------------------------------------------------------------------- */

static char *print_and_free(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s) {
		fprintf(stderr, "medskapa: out of memory encoding a message\n");
		abort();
	}
	return s;
}

char *proto_encode_error(const struct proto_error *err)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "error");
	cJSON_AddStringToObject(o, "code", err->code ? err->code : "internal");
	cJSON_AddStringToObject(o, "message", err->message);
	if (err->field[0]) cJSON_AddStringToObject(o, "field", err->field);
	if (err->cid[0]) cJSON_AddStringToObject(o, "cid", err->cid);
	return print_and_free(o);
}

static cJSON *idea_json(const struct session *s, const struct idea *i)
{
	char when[32];
	const struct participant *p = i->author ? session_participant(s, i->author) : NULL;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", i->id);
	cJSON_AddNumberToObject(o, "activity", i->activity);
	cJSON_AddNumberToObject(o, "author", i->author);
	cJSON_AddStringToObject(o, "name", p ? p->name : "");
	cJSON_AddStringToObject(o, "text", i->text);
	proto_format_time(i->created_ms, when, sizeof when);
	cJSON_AddStringToObject(o, "at", when);
	return o;
}

char *proto_encode_welcome(const struct session *s, uint32_t participant, int phones)
{
	const struct participant *p = session_participant(s, participant);
	const struct activity *a = session_current(s);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "welcome");
	cJSON_AddNumberToObject(o, "proto", PROTO_VERSION);
	cJSON *you = cJSON_AddObjectToObject(o, "you");
	cJSON_AddNumberToObject(you, "id", participant);
	cJSON_AddStringToObject(you, "token", p ? p->token : "");
	cJSON_AddStringToObject(you, "name", p ? p->name : "");
	cJSON_AddStringToObject(you, "lang", p ? p->lang : "");
	cJSON *sess = cJSON_AddObjectToObject(o, "session");
	cJSON_AddStringToObject(sess, "title", s->title);
	if (a) {
		cJSON *act = cJSON_AddObjectToObject(o, "activity");
		cJSON_AddNumberToObject(act, "id", a->id);
		cJSON_AddStringToObject(act, "kind", "ideas");
		cJSON_AddStringToObject(act, "title", a->title);
		cJSON_AddStringToObject(act, "prompt", a->prompt);
	} else {
		cJSON_AddNullToObject(o, "activity");
	}
	cJSON *ideas = cJSON_AddArrayToObject(o, "ideas");
	for (size_t i = 0; a && i < s->n_ideas; i++)
		if (s->ideas[i].activity == a->id) cJSON_AddItemToArray(ideas, idea_json(s, &s->ideas[i]));
	cJSON_AddNumberToObject(o, "phones", phones);
	cJSON *lim = cJSON_AddObjectToObject(o, "limits");
	cJSON_AddNumberToObject(lim, "idea_chars", SESSION_IDEA_MAX_CHARS);
	cJSON_AddNumberToObject(lim, "name_chars", SESSION_NAME_MAX_CHARS);
	return print_and_free(o);
}

char *proto_encode_idea_added(const struct session *s, uint32_t idea)
{
	const struct idea *i = session_idea(s, idea);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "idea.added");
	if (i) cJSON_AddItemToObject(o, "idea", idea_json(s, i));
	return print_and_free(o);
}

char *proto_encode_ack(const char *cid, uint32_t idea)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "ack");
	if (cid && *cid) cJSON_AddStringToObject(o, "cid", cid);
	cJSON_AddNumberToObject(o, "idea", idea);
	return print_and_free(o);
}

char *proto_encode_presence(int phones)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "presence");
	cJSON_AddNumberToObject(o, "phones", phones);
	return print_and_free(o);
}

/* ---- time ------------------------------------------------------------------------------- */

void proto_format_time(int64_t ms, char *buf, size_t buflen)
{
	time_t secs = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	int frac = (int)(ms - (int64_t)secs * 1000);
	struct tm tm;
	gmtime_r(&secs, &tm);
	snprintf(buf, buflen, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

int proto_parse_time(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, sec, frac = 0, n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6) return -1;
	const char *p = s + n;
	if (*p == '.') {
		int digits = 0;
		p++;
		while (*p >= '0' && *p <= '9') {
			if (digits < 3) frac = frac * 10 + (*p - '0');
			digits++;
			p++;
		}
		if (digits == 0) return -1;
		for (; digits < 3; digits++) frac *= 10;
	}
	if (strcmp(p, "Z") != 0) return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return -1;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	                 .tm_hour = h, .tm_min = mi, .tm_sec = sec };
	time_t t = timegm(&tm);
	if (t == (time_t)-1) return -1;
	*ms = (int64_t)t * 1000 + frac;
	return 0;
}
