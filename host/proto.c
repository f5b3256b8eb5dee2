/* proto.c: the wire protocol's decoding half: phone messages validated into requests and
 * commands, and the times both halves write (proto-encode.c encodes state and events). */
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
	__attribute__((format(PRINTF_LIKE, 4, 5)));

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

/* Optional whole number in [lo, hi]: 0 with *out set (untouched when absent), or -1. */
static int get_int(const cJSON *obj, const char *key, int required, int64_t lo, int64_t hi, int64_t *out,
                   struct proto_error *err)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!it || cJSON_IsNull(it)) {
		if (required) return perr(err, "missing_field", key, "The field \"%s\" is missing.", key);
		return 0;
	}
	if (!cJSON_IsNumber(it) || it->valuedouble != floor(it->valuedouble) ||
	    it->valuedouble < (double)lo || it->valuedouble > (double)hi)
		return perr(err, "bad_field", key, "The field \"%s\" must be a whole number from %lld to %lld.", key,
		            (long long)lo, (long long)hi);
	*out = (int64_t)it->valuedouble;
	return 0;
}

static int get_id(const cJSON *obj, const char *key, int required, uint32_t *out, struct proto_error *err)
{
	int64_t v = *out;
	if (get_int(obj, key, required, 0, 4294967295LL, &v, err) < 0) return -1;
	*out = (uint32_t)v;
	return 0;
}

static int get_bool(const cJSON *obj, const char *key, int *out, struct proto_error *err)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!it || cJSON_IsNull(it)) return 0;
	if (!cJSON_IsBool(it)) return perr(err, "bad_field", key, "The field \"%s\" must be true or false.", key);
	*out = cJSON_IsTrue(it);
	return 0;
}

/* A string naming one of names[] (NULL entries skipped); *out = its index. */
static int get_enum(const cJSON *obj, const char *key, int required, int (*from_name)(const char *), int *out,
                    const char *expect, struct proto_error *err)
{
	char *v;
	if (get_string(obj, key, required, &v, err) < 0) return -1;
	if (!v) return 0;
	int k = from_name(v);
	free(v);
	if (k < 0) return perr(err, "bad_field", key, "The field \"%s\" must be %s.", key, expect);
	*out = k;
	return 0;
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
	if (get_string(obj, "key", 0, &req->key, err) < 0) return -1;
	return 0;
}

/* A photo in base64 (no data: prefix), checked from its bytes: JPEG or PNG only, at most
 * PHOTO_MAX_BYTES and PHOTO_MAX_SIDE pixels a side, not cut short. */
static int decode_photo(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, "photo");
	if (!it || cJSON_IsNull(it)) return 0;
	if (!cJSON_IsString(it)) return perr(err, "bad_field", "photo", "The field \"photo\" must be a string (base64).");
	int too_big = 0;
	req->photo = photo_base64_decode(it->valuestring, strlen(it->valuestring), PHOTO_MAX_BYTES, &req->photo_len, &too_big);
	if (!req->photo && too_big)
		return perr(err, "photo_too_big", "photo", "A photo can have at most %d KB.", PHOTO_MAX_BYTES / 1024);
	if (!req->photo)
		return perr(err, "bad_field", "photo", "The field \"photo\" must be the image's bytes in base64.");
	switch (photo_check(req->photo, req->photo_len, &req->photo_info)) {
	case PHOTO_OK: return 0;
	case PHOTO_BAD_TYPE:
		return perr(err, "photo_type", "photo", "A photo must be a JPEG or PNG image (judged by its content, not its name).");
	case PHOTO_TRUNCATED:
		return perr(err, "photo_truncated", "photo", "The photo arrived cut short; please send it again.");
	case PHOTO_TOO_BIG:
		return perr(err, "photo_too_big", "photo", "A photo can have at most %d KB.", PHOTO_MAX_BYTES / 1024);
	case PHOTO_TOO_LARGE_PIXELS:
		return perr(err, "photo_pixels", "photo", "A photo can have at most %d pixels on each side.", PHOTO_MAX_SIDE);
	}
	return perr(err, "photo_type", "photo", "A photo must be a JPEG or PNG image.");
}

static int decode_idea_post(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	req->cmd.n = -1;
	if (decode_photo(obj, req, err) < 0) return -1;
	if (get_string(obj, "text", !req->photo, &req->text, err) < 0) return -1;
	if (get_int(obj, "category", 0, -1, SESSION_MAX_OPTIONS, &req->cmd.n, err) < 0) return -1;
	return get_id(obj, "table", 0, &req->cmd.table, err);
}

static int decode_idea_interpret(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "idea", 1, &req->cmd.idea, err);
}

static int decode_render(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "idea", 1, &req->cmd.idea, err) < 0 || get_string(obj, "lang", 1, &req->lang, err) < 0 ||
	       get_string(obj, "text", 1, &req->text, err) < 0 ? -1 : 0;
}

static int decode_signal(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	int k = 0;
	if (get_enum(obj, "kind", 1, session_signal_from_name, &k, "interpret, slower or unclear", err) < 0) return -1;
	req->cmd.n = k;
	return 0;
}

static int decode_vote(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 ||
	       get_id(obj, "item", 1, &req->cmd.item, err) < 0 ||
	       get_int(obj, "dots", 1, 0, SESSION_MAX_BUDGET, &req->cmd.n, err) < 0 ||
	       get_id(obj, "table", 0, &req->cmd.table, err) < 0 ? -1 : 0;
}

static int decode_poll_answer(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	if (get_id(obj, "activity", 0, &req->cmd.activity, err) < 0) return -1;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "value"), *x;
	if (!v) return perr(err, "missing_field", "value", "The field \"value\" is missing.");
	if (cJSON_IsArray(v)) {
		req->value_is_list = 1;
		cJSON_ArrayForEach(x, v) {
			if (!cJSON_IsNumber(x) || x->valuedouble != floor(x->valuedouble) || x->valuedouble < 0 ||
			    x->valuedouble >= SESSION_MAX_OPTIONS)
				return perr(err, "bad_field", "value", "The list \"value\" holds choice numbers 0 to %d.",
				            SESSION_MAX_OPTIONS - 1);
			req->value_mask |= 1u << (int)x->valuedouble;
		}
		return 0;
	}
	return get_int(obj, "value", 1, 0, SESSION_MAX_OPTIONS, &req->value, err);
}

/* ---- consent, need more time (issue 19) ---- */
/* A name from a fixed list ("answer"): an unknown one is bad_value, as the model's own. */
static int get_answer(const cJSON *obj, int (*from_name)(const char *), const char *expect, int64_t *out,
                      struct proto_error *err)
{
	char *v;
	if (get_string(obj, "answer", 1, &v, err) < 0) return -1;
	int k = from_name(v);
	free(v);
	if (k < 0) return perr(err, "bad_value", "answer", "The field \"answer\" must be %s.", expect);
	*out = k;
	return 0;
}

static int decode_consent_answer(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	int in_person = 0;
	if (get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 ||
	    get_answer(obj, session_consent_from_name, "yes, live, concern or objection", &req->cmd.n, err) < 0 ||
	    get_string(obj, "reason", 0, &req->text, err) < 0 || get_bool(obj, "in_person", &in_person, err) < 0 ||
	    decode_photo(obj, req, err) < 0)
		return -1;
	req->cmd.other = (uint32_t)in_person;
	return 0;
}

static int decode_consent_amend(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 || get_string(obj, "text", 1, &req->text, err) < 0 ? -1 : 0;
}

static int decode_moretime_answer(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 ||
	       get_answer(obj, session_moretime_from_name, "done, little or more", &req->cmd.n, err) < 0 ? -1 : 0;
}

/* ---- actions (issue 20): who is "who" (name), by when is "due" (lang) ---- */
static int decode_action_add(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 || get_string(obj, "text", 1, &req->text, err) < 0 ||
	       get_string(obj, "who", 0, &req->name, err) < 0 || get_string(obj, "due", 0, &req->lang, err) < 0 ||
	       get_id(obj, "idea", 0, &req->cmd.idea, err) < 0 || get_id(obj, "group", 0, &req->cmd.group, err) < 0 ? -1 : 0;
}

static int decode_action_edit(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "action", 1, &req->cmd.other, err) < 0 || get_string(obj, "text", 0, &req->text, err) < 0 ||
	       get_string(obj, "who", 0, &req->name, err) < 0 || get_string(obj, "due", 0, &req->lang, err) < 0 ? -1 : 0;
}

static int decode_action_status(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	int st = 0;
	if (get_id(obj, "action", 1, &req->cmd.other, err) < 0 ||
	    get_enum(obj, "status", 1, session_action_status_from_name, &st, "planned, started, done or dropped", err) < 0 ||
	    get_string(obj, "note", 0, &req->text, err) < 0)
		return -1;
	req->cmd.n = st;
	return 0;
}

static int decode_action_volunteer(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "action", 1, &req->cmd.other, err) < 0 || get_string(obj, "who", 1, &req->name, err) < 0 ? -1 : 0;
}

static int decode_action_confirm(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	int yes = 0;
	if (get_id(obj, "action", 1, &req->cmd.other, err) < 0) return -1;
	if (!cJSON_GetObjectItemCaseSensitive(obj, "confirm"))
		return perr(err, "missing_field", "confirm", "The field \"confirm\" is missing.");
	if (get_bool(obj, "confirm", &yes, err) < 0) return -1;
	req->cmd.n = yes;
	return 0;
}

/* ---- paper counts (issue 20) ---- */
/* A count out of 0..SESSION_PAPER_MAX_DOTS is the model's bad_value; the wire takes any int. */
static int decode_paper_add(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 || get_id(obj, "table", 0, &req->cmd.table, err) < 0 ||
	       get_id(obj, "item", 1, &req->cmd.item, err) < 0 ||
	       get_int(obj, "count", 1, -2147483647LL, 2147483647LL, &req->cmd.n, err) < 0 ? -1 : 0;
}

static int decode_paper_correct(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "batch", 1, &req->cmd.other, err) < 0 ||
	       get_int(obj, "count", 1, -2147483647LL, 2147483647LL, &req->cmd.n, err) < 0 ? -1 : 0;
}

static int decode_activity_only(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "activity", 0, &req->cmd.activity, err);
}

static int decode_activity_add(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	struct activity_spec *sp = &req->spec;
	int kind = 0, poll = 0;
	int64_t timer_s = 0, budget = 0, max = 0;
	if (get_enum(obj, "kind", 1, session_kind_from_name, &kind, "ideas, vote, poll, consent or actions", err) < 0) return -1;
	sp->kind = (enum activity_kind)kind;
	if (get_string(obj, "title", 0, &req->spec_title, err) < 0 || get_string(obj, "prompt", 1, &req->spec_prompt, err) < 0)
		return -1;
	const char *list = sp->kind == ACTIVITY_POLL ? "choices" : "categories";
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, list), *x;
	if (arr) {
		if (!cJSON_IsArray(arr)) return perr(err, "bad_field", list, "The field \"%s\" must be a list of strings.", list);
		cJSON_ArrayForEach(x, arr) {
			if (!cJSON_IsString(x) || !utf8_valid(x->valuestring, strlen(x->valuestring)))
				return perr(err, "bad_field", list, "The field \"%s\" must be a list of strings.", list);
			if (sp->n_options == SESSION_MAX_OPTIONS)
				return perr(err, "bad_field", list, "At most %d %s.", SESSION_MAX_OPTIONS, list);
			req->spec_options[sp->n_options++] = xstrdup(x->valuestring);
		}
	}
	const cJSON *pl = cJSON_GetObjectItemCaseSensitive(obj, "pictos");
	if (pl && !cJSON_IsNull(pl)) {
		size_t k = 0;
		if (!cJSON_IsArray(pl) || (size_t)cJSON_GetArraySize(pl) != sp->n_options)
			return perr(err, "bad_field", "pictos", "The field \"pictos\" must list one pictogram (or \"\") per %s.",
			            sp->kind == ACTIVITY_POLL ? "choice" : "category");
		cJSON_ArrayForEach(x, pl) {
			if (!cJSON_IsString(x))
				return perr(err, "bad_field", "pictos", "The field \"pictos\" must be a list of strings.");
			if (!session_picto_valid(x->valuestring))
				return perr(err, "bad_picto", "pictos", "A pictogram is one emoji, such as 🏠 (at most %d bytes).",
				            SESSION_PICTO_MAX_BYTES);
			req->spec_pictos[k++] = xstrdup(x->valuestring);
		}
		sp->pictos = (const char *const *)req->spec_pictos;
	}
	if (get_bool(obj, "silent", &sp->silent, err) < 0 || get_id(obj, "source", 0, &sp->source, err) < 0 ||
	    get_bool(obj, "on_groups", &sp->on_groups, err) < 0 || get_bool(obj, "live", &sp->live, err) < 0 ||
	    get_int(obj, "budget", 0, 0, SESSION_MAX_BUDGET, &budget, err) < 0 ||
	    get_int(obj, "max_per_item", 0, 0, SESSION_MAX_BUDGET, &max, err) < 0 ||
	    get_int(obj, "timer_s", 0, 0, SESSION_MAX_TIMER_MS / 1000, &timer_s, err) < 0 ||
	    get_bool(obj, "lock_at_zero", &sp->lock_at_zero, err) < 0 ||
	    get_bool(obj, "screened", &sp->screened, err) < 0)
		return -1;
	if (get_bool(obj, "by_table", &sp->by_table, err) < 0 || get_bool(obj, "shuffle", &sp->shuffle, err) < 0)
		return -1;
	const cJSON *rl = cJSON_GetObjectItemCaseSensitive(obj, "rounds");   /* tables and rounds */
	if (rl && !cJSON_IsNull(rl)) {
		if (!cJSON_IsArray(rl) || cJSON_GetArraySize(rl) > SESSION_MAX_ROUNDS)
			return perr(err, "bad_field", "rounds", "The field \"rounds\" must be a list of at most %d rounds.",
			            SESSION_MAX_ROUNDS);
		cJSON_ArrayForEach(x, rl) {
			struct round_spec *r = &req->spec_rounds[sp->n_rounds];
			int64_t secs = 0;
			if (!cJSON_IsObject(x) || get_string(x, "title", 1, &r->title, err) < 0 ||
			    get_int(x, "seconds", 0, 0, SESSION_MAX_TIMER_MS / 1000, &secs, err) < 0) {
				if (!err->code) perr(err, "bad_field", "rounds", "A round is {\"title\": ..., \"seconds\": ...}.");
				return -1;
			}
			r->ms = secs * 1000;
			sp->n_rounds++;
		}
		sp->rounds = req->spec_rounds;
	}
	sp->budget = (int)budget;
	sp->max_per_item = (int)max;
	sp->timer_ms = timer_s * 1000;
	if (sp->kind == ACTIVITY_POLL) {
		if (get_enum(obj, "poll", 1, session_poll_from_name, &poll, "single, multi or scale", err) < 0) return -1;
		sp->poll = (enum poll_kind)poll;
	}
	return 0;
}

static int decode_goto(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "activity", 1, &req->cmd.activity, err);
}

static int decode_phase(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	int phase = 0;
	if (get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 ||
	    get_enum(obj, "phase", 1, session_phase_from_name, &phase, "prepared, open, locked or revealed", err) < 0)
		return -1;
	req->cmd.n = phase;
	return 0;
}

static int action_from_name(const char *n)
{
	static const char *const names[] = { "set", "start", "pause", "add" };
	for (int i = 0; i < 4; i++) if (strcmp(n, names[i]) == 0) return i;
	return -1;
}

static int decode_timer(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	static const enum cmd_type types[] = { CMD_TIMER_SET, CMD_TIMER_START, CMD_TIMER_PAUSE, CMD_TIMER_ADD };
	int action = 0;
	int64_t secs = 0;
	if (get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 ||
	    get_enum(obj, "action", 1, action_from_name, &action, "set, start, pause or add", err) < 0 ||
	    get_int(obj, "seconds", action == 0 || action == 3, -SESSION_MAX_TIMER_MS / 1000,
	            SESSION_MAX_TIMER_MS / 1000, &secs, err) < 0)
		return -1;
	req->cmd.type = types[action];
	req->cmd.n = secs * 1000;
	return 0;
}

static int decode_group_create(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	if (get_string(obj, "name", 1, &req->name, err) < 0 || get_id(obj, "activity", 0, &req->cmd.activity, err) < 0 ||
	    get_id(obj, "idea", 0, &req->cmd.idea, err) < 0 || get_id(obj, "other", 0, &req->cmd.other, err) < 0)
		return -1;
	return 0;
}

static int decode_group_rename(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	if (get_id(obj, "group", 1, &req->cmd.group, err) < 0 || get_string(obj, "name", 1, &req->name, err) < 0) return -1;
	return 0;
}

static int decode_group_remove(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "group", 1, &req->cmd.group, err);
}

static int decode_idea_group(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "idea", 1, &req->cmd.idea, err) < 0 || get_id(obj, "group", 1, &req->cmd.group, err) < 0 ? -1 : 0;
}

static int decode_idea_hide(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "idea", 1, &req->cmd.idea, err);
}

static int decode_idea_edit(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "idea", 1, &req->cmd.idea, err) < 0 || get_string(obj, "text", 1, &req->text, err) < 0 ? -1 : 0;
}

static int decode_idea_merge(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "idea", 1, &req->cmd.idea, err) < 0 || get_id(obj, "into", 1, &req->cmd.other, err) < 0 ? -1 : 0;
}

/* Tables and rounds. Numbers out of range reach the model, which names them (no_table,
 * bad_value). */
static int decode_table_join(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	int scribe = 0;
	if (get_int(obj, "table", 1, 0, 1000000, &req->cmd.n, err) < 0 || get_bool(obj, "scribe", &scribe, err) < 0)
		return -1;
	req->cmd.other = (uint32_t)scribe;
	return 0;
}

static int decode_tables_set(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_int(obj, "count", 1, 0, 1000000, &req->cmd.n, err);
}

static int decode_tables_assign(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_int(obj, "size", 1, 0, 1000000, &req->cmd.n, err);   /* the host adds seed and ids */
}

static int decode_round_next(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "activity", 0, &req->cmd.activity, err);
}

static int decode_idea_forward(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	int fwd = 1;
	if (get_id(obj, "idea", 1, &req->cmd.idea, err) < 0 || get_bool(obj, "forward", &fwd, err) < 0) return -1;
	req->cmd.n = fwd;
	return 0;
}

/* Screened ideas: approve (text = edit and approve), reject with a reason by name (an unknown
 * name reaches the model as -1, which answers bad_value) and an optional note. */
static int decode_idea_approve(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	return get_id(obj, "idea", 1, &req->cmd.idea, err) < 0 || get_string(obj, "text", 0, &req->text, err) < 0 ? -1 : 0;
}

static int decode_idea_reject(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	char *why;
	if (get_id(obj, "idea", 1, &req->cmd.idea, err) < 0 || get_string(obj, "reason", 1, &why, err) < 0) return -1;
	req->cmd.n = session_reject_from_name(why);
	free(why);
	return get_string(obj, "note", 0, &req->text, err);
}

static int decode_proxy_add(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	if (get_string(obj, "name", 1, &req->name, err) < 0) return -1;
	return 0;
}

/* template.save: a request to the host (server.c), not a command */
static int decode_template_save(const cJSON *obj, struct proto_request *req, struct proto_error *err)
{
	req->host = PROTO_HOST_TEMPLATE_SAVE;
	return get_string(obj, "name", 1, &req->name, err);
}

/* One entry per message type (tmux-style table), in protocol.md order: the wire name, the
 * command it yields (the model's row in cmd_table; 0 for hello, and timer picks one of four
 * by its action), and its decoder. */
static const struct {
	const char *name;
	enum cmd_type type;
	int (*decode)(const cJSON *, struct proto_request *, struct proto_error *);
} decoders[] = {
	{ "hello", 0, decode_hello },
	{ "template.save", 0, decode_template_save },   /* the host's, not the model's */
	{ "idea.post", CMD_IDEA_POST, decode_idea_post },
	{ "vote", CMD_VOTE, decode_vote },
	{ "poll.answer", CMD_POLL_ANSWER, decode_poll_answer },
	{ "activity.add", CMD_ACTIVITY_ADD, decode_activity_add },
	{ "goto", CMD_GOTO, decode_goto },
	{ "phase", CMD_PHASE, decode_phase },
	{ "timer", CMD_TIMER_SET, decode_timer },
	{ "group.create", CMD_GROUP_CREATE, decode_group_create },
	{ "group.rename", CMD_GROUP_RENAME, decode_group_rename },
	{ "group.remove", CMD_GROUP_REMOVE, decode_group_remove },
	{ "idea.group", CMD_IDEA_GROUP, decode_idea_group },
	{ "idea.hide", CMD_IDEA_HIDE, decode_idea_hide },
	{ "idea.restore", CMD_IDEA_RESTORE, decode_idea_hide },
	{ "idea.edit", CMD_IDEA_EDIT, decode_idea_edit },
	{ "idea.merge", CMD_IDEA_MERGE, decode_idea_merge },
	{ "proxy.add", CMD_PROXY_ADD, decode_proxy_add },
	{ "idea.interpret", CMD_IDEA_INTERPRET, decode_idea_interpret },
	{ "render", CMD_RENDER, decode_render },
	{ "signal", CMD_SIGNAL, decode_signal },
	{ "table.join", CMD_TABLE_JOIN, decode_table_join },
	{ "tables.set", CMD_TABLES_SET, decode_tables_set },
	{ "tables.assign", CMD_TABLES_ASSIGN, decode_tables_assign },
	{ "round.next", CMD_ROUND_NEXT, decode_round_next },
	{ "idea.forward", CMD_IDEA_FORWARD, decode_idea_forward },
	{ "idea.approve", CMD_IDEA_APPROVE, decode_idea_approve },
	{ "idea.reject", CMD_IDEA_REJECT, decode_idea_reject },
	{ "consent.answer", CMD_CONSENT_ANSWER, decode_consent_answer },
	{ "consent.amend", CMD_CONSENT_AMEND, decode_consent_amend },
	{ "moretime.ask", CMD_MORETIME_ASK, decode_activity_only },
	{ "moretime.answer", CMD_MORETIME_ANSWER, decode_moretime_answer },
	{ "moretime.close", CMD_MORETIME_CLOSE, decode_activity_only },
	{ "action.add", CMD_ACTION_ADD, decode_action_add },
	{ "action.edit", CMD_ACTION_EDIT, decode_action_edit },
	{ "action.status", CMD_ACTION_STATUS, decode_action_status },
	{ "action.volunteer", CMD_ACTION_VOLUNTEER, decode_action_volunteer },
	{ "action.confirm", CMD_ACTION_CONFIRM, decode_action_confirm },
	{ "paper.add", CMD_PAPER_ADD, decode_paper_add },
	{ "paper.correct", CMD_PAPER_CORRECT, decode_paper_correct },
};

/* 1 if "photo" (with its quotes) occurs in msg: only then may a message be larger (mingw has
 * no memmem). */
static int has_photo_key(const char *msg, size_t len)
{
	static const char key[] = "\"photo\"";
	for (size_t i = 0; i + sizeof key - 1 <= len; i++)
		if (msg[i] == '"' && memcmp(msg + i, key, sizeof key - 1) == 0) return 1;
	return 0;
}

int proto_decode(const char *msg, size_t len, struct proto_request *req, struct proto_error *err)
{
	memset(req, 0, sizeof *req);
	memset(err, 0, sizeof *err);
	/* Only an idea with a photo may be larger (and is checked again once parsed). */
	if (len > PROTO_MAX_PHOTO_MESSAGE || (len > PROTO_MAX_MESSAGE && !has_photo_key(msg, len)))
		return perr(err, "too_large", NULL, "A message can have at most %d bytes (but for an idea with a photo).",
		            PROTO_MAX_MESSAGE);
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
	if (len > PROTO_MAX_MESSAGE && ((strcmp(type->valuestring, "idea.post") != 0 &&
	                                 strcmp(type->valuestring, "consent.answer") != 0) ||
	                                !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "photo")))) {
		perr(err, "too_large", NULL, "A message can have at most %d bytes (but for an idea or a reason with a photo).",
		     PROTO_MAX_MESSAGE);
		goto fail;
	}
	for (size_t i = 0; i < NELEM(decoders); i++) {
		if (strcmp(decoders[i].name, type->valuestring) != 0) continue;
		req->hello = decoders[i].decode == decode_hello;
		req->cmd.type = decoders[i].type;
		if (!req->hello && get_id(root, "as", 0, &req->as, err) < 0) goto fail;
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

void proto_command(const struct proto_request *req, struct command *c)
{
	*c = req->cmd;
	c->text = req->text;
	c->name = req->name;
	c->lang = req->lang;
	if (req->cmd.type == CMD_ACTIVITY_ADD) {
		struct activity_spec *sp = (struct activity_spec *)&req->spec;
		sp->title = req->spec_title;
		sp->prompt = req->spec_prompt;
		sp->options = (const char *const *)req->spec_options;
		if (sp->n_rounds) sp->rounds = req->spec_rounds;
		c->spec = sp;
	}
}

/* poll.answer: the wire's index, list or scale value as the model's number for this poll. */
int proto_poll_value(const struct proto_request *req, const struct session *s, int64_t *n)
{
	const struct activity *act = session_activity(s, req->cmd.activity ? req->cmd.activity : s->current_activity);
	if (!act || act->kind != ACTIVITY_POLL) {
		*n = 0;   /* the model names the problem (no_activity, wrong_activity) */
		return 0;
	}
	if (act->poll == POLL_MULTI) {
		if (!req->value_is_list) return -1;
		*n = req->value_mask;
	} else {
		if (req->value_is_list || req->value < 0 || req->value > 30) return -1;
		*n = act->poll == POLL_SINGLE ? (int64_t)1 << req->value : req->value;
	}
	return 0;
}

void proto_request_free(struct proto_request *req)
{
	free(req->token);
	free(req->name);
	free(req->lang);
	free(req->key);
	free(req->text);
	free(req->photo);
	free(req->spec_title);
	free(req->spec_prompt);
	for (size_t i = 0; i < SESSION_MAX_OPTIONS; i++) {
		free(req->spec_options[i]);
		free(req->spec_pictos[i]);
	}
	for (size_t i = 0; i < SESSION_MAX_ROUNDS; i++) free(req->spec_rounds[i].title);
	memset(req, 0, sizeof *req);
}

void proto_error_from_session(struct proto_error *err, const struct session_result *res, const char *cid)
{
	memset(err, 0, sizeof *err);
	static const struct { enum session_err e; const char *field; } fields[] = {
		{ SERR_EMPTY_TEXT, "text" }, { SERR_TEXT_TOO_LONG, "text" }, { SERR_NAME_TOO_LONG, "name" },
		{ SERR_NAME_RESERVED, "name" },
		{ SERR_BAD_TOKEN, "token" }, { SERR_BAD_LANG, "lang" }, { SERR_BAD_CATEGORY, "category" },
		{ SERR_OVER_BUDGET, "dots" }, { SERR_OVER_ITEM_MAX, "dots" },
	};
	err->code = session_err_code(res->err);
	for (size_t i = 0; i < NELEM(fields); i++)
		if (fields[i].e == res->err) strlcpy_m(err->field, fields[i].field, sizeof err->field);
	strlcpy_m(err->message, res->message, sizeof err->message);
	strlcpy_m(err->cid, cid ? cid : "", sizeof err->cid);
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
