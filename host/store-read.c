/* store-read.c: reading session files and templates (the other half of store.c, which writes
 * them): each getter names the place of a problem, and the model's restore functions check
 * every record as session_apply would. */
#include "store-int.h"
#include "plat.h"
#include "proto.h"
#include "util.h"

#include <cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORE_MAX_FILE (256u * 1024 * 1024)  /* refuse to load anything bigger */

static int rd_recent(struct session *s, const cJSON *o, const char *key, uint32_t actor)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key), *pair;
	if (!arr) return 0;
	if (!cJSON_IsArray(arr)) return -1;
	cJSON_ArrayForEach(pair, arr) {
		const cJSON *c = cJSON_GetArrayItem(pair, 0), *r = cJSON_GetArrayItem(pair, 1);
		if (!cJSON_IsString(c) || !cJSON_IsNumber(r) || !(r->valuedouble >= 0 && r->valuedouble <= UINT32_MAX) ||
		    strlen(c->valuestring) > SESSION_CID_MAX)
			return -1;   /* out of range, the cast below would be undefined behaviour */
		session_remember_cid(s, actor, c->valuestring, (uint32_t)r->valuedouble);
	}
	return 0;
}

/* ---- reading: each getter names the place of a problem ---------------------------------- */

struct rd {
	const char *name;     /* file name for messages */
	char *err;
	size_t errlen;
	int version;          /* the file's format version (rd_parse) */
	char why[200];        /* the model's reason when it refuses a record */
};

static int rd_fail(struct rd *r, const char *where, const char *fmt, ...) __attribute__((format(PRINTF_LIKE, 3, 4)));
static int rd_fail(struct rd *r, const char *where, const char *fmt, ...)
{
	char what[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	seterr(r->err, r->errlen, "%s: %s%s%s", r->name, where, *where ? ": " : "", what);
	return -1;
}

/* 0 when the model took the record (rc 0), else -1 with its reason (r->why) at where. */
static int restored(struct rd *r, const char *where, int rc)
{
	return rc < 0 ? rd_fail(r, where, "%s", r->why) : 0;
}

static int rd_string(struct rd *r, const cJSON *o, const char *key, int required, const char **out,
                     const char *where)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = "";
	if (!it) return required ? rd_fail(r, where, "\"%s\" is missing", key) : 0;
	if (!cJSON_IsString(it)) return rd_fail(r, where, "\"%s\" must be a string", key);
	if (!utf8_valid(it->valuestring, strlen(it->valuestring)))
		return rd_fail(r, where, "\"%s\" is not valid UTF-8", key);
	*out = it->valuestring;
	return 0;
}

/* A whole number in [lo, hi]; *out untouched when absent and not required. */
/* The session's "lang": a tag that fits (session_new would cut a longer one anywhere). */
static int rd_lang(struct rd *r, const cJSON *o, const char **out, const char *where)
{
	if (rd_string(r, o, "lang", 0, out, where) < 0) return -1;
	if (strlen(*out) > SESSION_LANG_MAX)
		return rd_fail(r, where, "\"lang\" is not a language tag such as sv or fa-AF");
	return 0;
}

static int rd_int(struct rd *r, const cJSON *o, const char *key, int required, int64_t lo, int64_t hi,
                  int64_t *out, const char *where)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!it) return required ? rd_fail(r, where, "\"%s\" is missing", key) : 0;
	if (!cJSON_IsNumber(it) || it->valuedouble < (double)lo || it->valuedouble > (double)hi ||
	    it->valuedouble != floor(it->valuedouble))
		return rd_fail(r, where, "\"%s\" must be a whole number from %lld to %lld", key, (long long)lo,
		               (long long)hi);
	*out = (int64_t)it->valuedouble;
	return 0;
}

static int rd_id(struct rd *r, const cJSON *o, const char *key, int required, uint32_t *out,
                 const char *where)
{
	int64_t v = 0;
	if (rd_int(r, o, key, required, 0, 4294967295LL, &v, where) < 0) return -1;
	*out = (uint32_t)v;
	return 0;
}

static int rd_small(struct rd *r, const cJSON *o, const char *key, int lo, int hi, int *out, const char *where)
{
	int64_t v = *out;
	if (rd_int(r, o, key, 0, lo, hi, &v, where) < 0) return -1;
	*out = (int)v;
	return 0;
}

static int rd_bool(struct rd *r, const cJSON *o, const char *key, int *out, const char *where)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!it) return 0;
	if (!cJSON_IsBool(it)) return rd_fail(r, where, "\"%s\" must be true or false", key);
	*out = cJSON_IsTrue(it);
	return 0;
}

static int rd_time(struct rd *r, const cJSON *o, const char *key, int required, int64_t *out, const char *where)
{
	const char *s;
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!it && !required) return 0;
	if (rd_string(r, o, key, 1, &s, where) < 0) return -1;
	if (proto_parse_time(s, out) < 0)
		return rd_fail(r, where, "\"%s\" is not a time like 2026-11-23T18:00:00.000Z", key);
	return 0;
}

static const cJSON *rd_array(struct rd *r, const cJSON *o, const char *key, int required, int *bad)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	*bad = 0;
	if (!it) {
		if (required) *bad = rd_fail(r, "", "\"%s\" is missing", key);
		return NULL;
	}
	if (!cJSON_IsArray(it)) {
		*bad = rd_fail(r, "", "\"%s\" must be a list", key);
		return NULL;
	}
	return it;
}

/* Room for what a spec borrows from the JSON: its options, their pictograms, its prompts. */
struct spec_buf {
	const char *opts[SESSION_MAX_OPTIONS];
	const char *pictos[SESSION_MAX_OPTIONS];
	struct audio_clip audio[SESSION_AUDIO_MAX];
	struct round_spec rounds[SESSION_MAX_ROUNDS];
};

/* A list of options (categories, choices) into b->opts (borrowed from the JSON): each a string,
 * or {"text": "Bostad", "picto": "🏠"}. A "pictos" list beside them gives the pictograms too. */
static int rd_options(struct rd *r, const cJSON *o, const char *key, struct activity_spec *sp, struct spec_buf *b,
                      const char *where)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key), *it;
	size_t *n = &sp->n_options;
	int any_picto = 0;
	*n = 0;
	sp->options = b->opts;
	if (!arr) return 0;
	if (!cJSON_IsArray(arr)) return rd_fail(r, where, "\"%s\" must be a list of strings", key);
	cJSON_ArrayForEach(it, arr) {
		if (*n == SESSION_MAX_OPTIONS) return rd_fail(r, where, "\"%s\" has more than %d entries", key, SESSION_MAX_OPTIONS);
		const char *text = NULL, *picto = "";
		if (cJSON_IsString(it)) {
			text = it->valuestring;
		} else if (cJSON_IsObject(it)) {
			if (rd_string(r, it, "text", 1, &text, where) < 0 || rd_string(r, it, "picto", 0, &picto, where) < 0)
				return -1;
		} else {
			return rd_fail(r, where, "\"%s\" must be a list of strings", key);
		}
		if (!session_picto_valid(picto))
			return rd_fail(r, where, "the pictogram of \"%.40s\" must be one emoji (at most %d bytes)", text,
			               SESSION_PICTO_MAX_BYTES);
		any_picto |= picto[0] != '\0';
		b->pictos[*n] = picto;
		b->opts[(*n)++] = text;
	}
	const cJSON *pl = cJSON_GetObjectItemCaseSensitive(o, "pictos");
	if (pl) {
		if (!cJSON_IsArray(pl) || (size_t)cJSON_GetArraySize(pl) != *n)
			return rd_fail(r, where, "\"pictos\" must list one pictogram (or \"\") per choice");
		size_t k = 0;
		cJSON_ArrayForEach(it, pl) {
			if (!cJSON_IsString(it) || !session_picto_valid(it->valuestring))
				return rd_fail(r, where, "pictogram %zu must be one emoji (at most %d bytes)", k + 1,
				               SESSION_PICTO_MAX_BYTES);
			any_picto |= it->valuestring[0] != '\0';
			b->pictos[k++] = it->valuestring;
		}
	}
	sp->pictos = any_picto ? b->pictos : NULL;
	return 0;
}

/* One recorded prompt (f: a file name, or null for none) for lang and option (-1: the question). */
static int rd_clip(struct rd *r, const cJSON *f, const char *lang, int option, struct activity_spec *sp,
                   struct spec_buf *b, const char *where)
{
	if (!f || cJSON_IsNull(f)) return 0;
	if (!cJSON_IsString(f) || !session_audio_name_valid(f->valuestring))
		return rd_fail(r, where, "audio for %.15s: \"%.40s\" is not a plain file name ending in .ogg, .opus, "
		               ".mp3, .m4a or .wav", lang, cJSON_IsString(f) ? f->valuestring : "?");
	if (sp->n_audio == SESSION_AUDIO_MAX)
		return rd_fail(r, where, "at most %d recorded prompts per activity", SESSION_AUDIO_MAX);
	struct audio_clip *a = &b->audio[sp->n_audio++];
	memset(a, 0, sizeof *a);
	strlcpy_m(a->lang, lang, sizeof a->lang);
	a->option = option;
	a->file = f->valuestring;
	return 0;
}

/* Recorded prompts: {"ti": {"prompt": "q1-ti.ogg", "choices": ["a-ti.ogg", null]}}. */
static int rd_audio(struct rd *r, const cJSON *o, struct activity_spec *sp, struct spec_buf *b, const char *where)
{
	const cJSON *au = cJSON_GetObjectItemCaseSensitive(o, "audio"), *l, *c;
	sp->audio = b->audio;
	sp->n_audio = 0;
	if (!au) return 0;
	if (!cJSON_IsObject(au)) return rd_fail(r, where, "\"audio\" must map languages to recorded prompts");
	cJSON_ArrayForEach(l, au) {
		const cJSON *ch = cJSON_GetObjectItemCaseSensitive(l, "choices");
		if (!cJSON_IsObject(l) || strlen(l->string) > SESSION_LANG_MAX || (ch && !cJSON_IsArray(ch)))
			return rd_fail(r, where, "\"audio\" must map languages to {\"prompt\": file, \"choices\": [files]}");
		if (rd_clip(r, cJSON_GetObjectItemCaseSensitive(l, "prompt"), l->string, -1, sp, b, where) < 0) return -1;
		int option = 0;
		cJSON_ArrayForEach(c, ch)
			if (rd_clip(r, c, l->string, option++, sp, b, where) < 0) return -1;
	}
	return 0;
}

/* An ideas activity's rounds: [{"title": "Ensam", "seconds": 60}] (the model checks them). */
static int rd_rounds(struct rd *r, const cJSON *o, struct activity_spec *sp, struct spec_buf *b, const char *where)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, "rounds"), *it;
	sp->rounds = b->rounds;
	sp->n_rounds = 0;
	if (!arr) return 0;
	if (!cJSON_IsArray(arr)) return rd_fail(r, where, "\"rounds\" must be a list of {\"title\", \"seconds\"}");
	cJSON_ArrayForEach(it, arr) {
		const char *t;
		int64_t secs = 0;
		if (sp->n_rounds == SESSION_MAX_ROUNDS) return rd_fail(r, where, "at most %d rounds", SESSION_MAX_ROUNDS);
		if (!cJSON_IsObject(it)) return rd_fail(r, where, "\"rounds\" must be a list of {\"title\", \"seconds\"}");
		if (rd_string(r, it, "title", 1, &t, where) < 0 ||
		    rd_int(r, it, "seconds", 0, 0, SESSION_MAX_TIMER_MS / 1000, &secs, where) < 0)
			return -1;
		b->rounds[sp->n_rounds++] = (struct round_spec){ (char *)(uintptr_t)t, secs * 1000 };
	}
	return 0;
}

/* The parts of an activity that a template and a session file share. */
static int rd_spec(struct rd *r, const cJSON *it, struct activity_spec *sp, struct spec_buf *b, const char *where)
{
	const char *k, *t, *p, *pk;
	memset(sp, 0, sizeof *sp);
	if (rd_string(r, it, "kind", 1, &k, where) < 0) return -1;
	int kind = session_kind_from_name(k);
	if (kind < 0) return rd_fail(r, where, "unknown activity kind \"%.40s\"", k);
	sp->kind = (enum activity_kind)kind;
	if (rd_string(r, it, "title", 0, &t, where) < 0 || rd_string(r, it, "prompt", 1, &p, where) < 0) return -1;
	sp->title = t;
	sp->prompt = p;
	if (rd_options(r, it, sp->kind == ACTIVITY_POLL ? "choices" : "categories", sp, b, where) < 0 ||
	    rd_audio(r, it, sp, b, where) < 0 ||
	    rd_bool(r, it, "silent", &sp->silent, where) < 0 || rd_bool(r, it, "on_groups", &sp->on_groups, where) < 0 ||
	    rd_bool(r, it, "live", &sp->live, where) < 0 || rd_bool(r, it, "screened", &sp->screened, where) < 0 ||
	    rd_small(r, it, "budget", 0, SESSION_MAX_BUDGET, &sp->budget, where) < 0 ||
	    rd_small(r, it, "max_per_item", 0, SESSION_MAX_BUDGET, &sp->max_per_item, where) < 0 ||
	    rd_id(r, it, "source", 0, &sp->source, where) < 0 || rd_rounds(r, it, sp, b, where) < 0 ||
	    rd_bool(r, it, "by_table", &sp->by_table, where) < 0 || rd_bool(r, it, "shuffle", &sp->shuffle, where) < 0)
		return -1;
	if (sp->kind == ACTIVITY_POLL) {
		if (rd_string(r, it, "poll", 1, &pk, where) < 0) return -1;
		int pkind = session_poll_from_name(pk);
		if (pkind < 0) return rd_fail(r, where, "\"poll\" is single, multi or scale, not \"%.20s\"", pk);
		sp->poll = (enum poll_kind)pkind;
	}
	return 0;
}

static cJSON *rd_parse(struct rd *r, const char *json, size_t len, const char *format, int *version)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (!root) {
		size_t off = end ? (size_t)(end - json) : 0, line = 1;
		for (size_t i = 0; i < off && i < len; i++) if (json[i] == '\n') line++;
		rd_fail(r, "", "not valid JSON (near line %zu, byte %zu)", line, off);
		return NULL;
	}
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		rd_fail(r, "", "not a JSON object");
		return NULL;
	}
	const char *f;
	if (rd_string(r, root, "format", 1, &f, "") < 0) goto fail;
	if (strcmp(f, format) != 0) {
		rd_fail(r, "", "\"format\" is \"%.40s\", expected \"%s\"", f, format);
		goto fail;
	}
	uint32_t v;
	if (rd_id(r, root, "version", 1, &v, "") < 0) goto fail;
	if (v < 1 || v > SESSION_FORMAT_VERSION) {
		rd_fail(r, "", "format version %u is not supported (this build reads 1 to %d)", v, SESSION_FORMAT_VERSION);
		goto fail;
	}
	*version = r->version = (int)v;
	return root;
fail:
	cJSON_Delete(root);
	return NULL;
}

/* Each section of a session file: read one element, restore it. 0 or -1 (message set). */
static int rd_activity(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct activity_spec sp;
	struct spec_buf b;
	struct activity a = { 0 };
	if (rd_id(r, it, "id", 1, &a.id, where) < 0 || rd_spec(r, it, &sp, &b, where) < 0) return -1;
	/* version 1 had no phases: everything was open */
	a.phase = r->version == 1 ? PHASE_OPEN : PHASE_PREPARED;
	const char *ph;
	if (r->version >= 2) {
		if (rd_string(r, it, "phase", 1, &ph, where) < 0) return -1;
		int p = session_phase_from_name(ph);
		if (p < 0) return rd_fail(r, where, "unknown phase \"%.20s\"", ph);
		a.phase = (enum phase)p;
	}
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(it, "timer");
	if (t) {
		if (!cJSON_IsObject(t)) return rd_fail(r, where, "\"timer\" must be an object");
		if (rd_int(r, t, "duration_ms", 1, 1, SESSION_MAX_TIMER_MS, &a.timer.duration_ms, where) < 0 ||
		    rd_bool(r, t, "running", &a.timer.running, where) < 0 ||
		    rd_bool(r, t, "lock_at_zero", &a.timer.lock_at_zero, where) < 0)
			return -1;
		if (a.timer.running ? rd_time(r, t, "ends", 1, &a.timer.ends_ms, where) < 0
		                    : rd_int(r, t, "left_ms", 1, 0, SESSION_MAX_TIMER_MS, &a.timer.left_ms, where) < 0)
			return -1;
	}
	a.kind = sp.kind;
	a.title = (char *)sp.title;
	a.prompt = (char *)sp.prompt;
	a.options = (char **)b.opts;
	a.n_options = sp.n_options;
	a.pictos = (char **)sp.pictos;
	a.audio = b.audio;
	a.n_audio = sp.n_audio;
	a.silent = sp.silent;
	a.screened = sp.screened;
	a.source = sp.source;
	a.on_groups = sp.on_groups;
	a.budget = sp.budget;
	a.max_per_item = sp.max_per_item;
	a.live = sp.live;
	a.poll = sp.poll;
	a.rounds = b.rounds;
	a.n_rounds = sp.n_rounds;
	a.by_table = sp.by_table;
	a.shuffle = sp.shuffle;
	if (rd_small(r, it, "round", 0, SESSION_MAX_ROUNDS, &a.round, where) < 0) return -1;
	if (rd_small(r, it, "consent_round", 1, 1000000, &a.consent_round, where) < 0 ||
	    rd_small(r, it, "moretime_ask", 0, 1000000, &a.moretime_ask, where) < 0 ||
	    rd_bool(r, it, "moretime_open", &a.moretime_open, where) < 0)
		return -1;
	return restored(r, where, session_restore_activity(s, &a, r->why, sizeof r->why));
}

static int rd_participant(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct participant p = { 0 };
	const char *tok, *nm, *lg;
	if (rd_id(r, it, "id", 1, &p.id, where) < 0 || rd_string(r, it, "token", 1, &tok, where) < 0 ||
	    rd_string(r, it, "name", 0, &nm, where) < 0 || rd_string(r, it, "lang", 0, &lg, where) < 0 ||
	    rd_time(r, it, "joined", 1, &p.joined_ms, where) < 0 || rd_bool(r, it, "proxy", &p.proxy, where) < 0 ||
	    rd_id(r, it, "table", 0, &p.table, where) < 0 || rd_bool(r, it, "scribe", &p.scribe, where) < 0)
		return -1;
	if (strlen(tok) != SESSION_TOKEN_LEN || strlen(lg) > SESSION_LANG_MAX)
		return rd_fail(r, where, "malformed token or language");
	strlcpy_m(p.token, tok, sizeof p.token);
	strlcpy_m(p.lang, lg, sizeof p.lang);
	p.name = (char *)nm;
	if (restored(r, where, session_restore_participant(s, &p, r->why, sizeof r->why)) < 0) return -1;
	if (rd_recent(s, it, "recent", p.id) < 0) return rd_fail(r, where, "\"recent\" must be a list of [cid, id]");
	return 0;
}

static int rd_group(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct group g = { 0 };
	const char *nm;
	if (rd_id(r, it, "id", 1, &g.id, where) < 0 || rd_id(r, it, "activity", 1, &g.activity, where) < 0 ||
	    rd_string(r, it, "name", 1, &nm, where) < 0 || rd_time(r, it, "created", 0, &g.created_ms, where) < 0 ||
	    rd_bool(r, it, "removed", &g.removed, where) < 0)
		return -1;
	g.name = (char *)nm;
	return restored(r, where, session_restore_group(s, &g, r->why, sizeof r->why));
}

static int rd_idea(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct idea d = { .category = -1 };
	const char *t;
	if (rd_id(r, it, "id", 1, &d.id, where) < 0 || rd_id(r, it, "activity", 1, &d.activity, where) < 0 ||
	    rd_id(r, it, "author", 0, &d.author, where) < 0 || rd_string(r, it, "text", 1, &t, where) < 0 ||
	    rd_time(r, it, "created", 1, &d.created_ms, where) < 0 ||
	    rd_small(r, it, "category", -1, SESSION_MAX_OPTIONS, &d.category, where) < 0 ||
	    rd_id(r, it, "group", 0, &d.group, where) < 0 || rd_bool(r, it, "hidden", &d.hidden, where) < 0 ||
	    rd_time(r, it, "hidden_at", 0, &d.hidden_ms, where) < 0 ||
	    rd_id(r, it, "merged_into", 0, &d.merged_into, where) < 0 || rd_bool(r, it, "edited", &d.edited, where) < 0 ||
	    rd_time(r, it, "interpret_asked", 0, &d.interpret_ms, where) < 0 ||
	    rd_id(r, it, "table", 0, &d.table, where) < 0 || rd_small(r, it, "round", 0, SESSION_MAX_ROUNDS, &d.round, where) < 0 ||
	    rd_small(r, it, "forward", 0, SESSION_MAX_ROUNDS, &d.forward, where) < 0)
		return -1;
	const cJSON *ph = cJSON_GetObjectItemCaseSensitive(it, "photo");
	if (ph) {
		const char *file;
		if (!cJSON_IsObject(ph)) return rd_fail(r, where, "\"photo\" must be {\"file\", \"width\", \"height\"}");
		if (rd_string(r, ph, "file", 1, &file, where) < 0 || rd_small(r, ph, "width", 1, 100000, &d.photo_w, where) < 0 ||
		    rd_small(r, ph, "height", 1, 100000, &d.photo_h, where) < 0)
			return -1;
		d.photo = (char *)file;
	}
	const char *st, *rj, *note;   /* screened ideas */
	if (rd_string(r, it, "status", 0, &st, where) < 0 || rd_string(r, it, "reject", 0, &rj, where) < 0 ||
	    rd_string(r, it, "reject_note", 0, &note, where) < 0 || rd_time(r, it, "decided", 0, &d.decided_ms, where) < 0)
		return -1;
	if (*st) {
		for (int k = IDEA_WAITING; k <= IDEA_REJECTED; k++)
			if (strcmp(st, store_idea_status_names[k]) == 0) d.status = (enum idea_status)k;
		if (!d.status) return rd_fail(r, where, "\"status\" is waiting or rejected, not \"%.20s\"", st);
	}
	if (*rj) {
		int why = session_reject_from_name(rj);
		if (why < 0) return rd_fail(r, where, "unknown rejection reason \"%.20s\"", rj);
		d.reject = (enum reject_reason)why;
	}
	d.reject_note = *note ? (char *)note : NULL;
	d.text = (char *)t;
	return restored(r, where, session_restore_idea(s, &d, r->why, sizeof r->why));
}

static int rd_rendering(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct rendering d = { 0 };
	const char *lang, *text, *by;
	if (rd_id(r, it, "idea", 1, &d.idea, where) < 0 || rd_string(r, it, "lang", 1, &lang, where) < 0 ||
	    rd_string(r, it, "text", 1, &text, where) < 0 || rd_string(r, it, "by", 0, &by, where) < 0 ||
	    rd_time(r, it, "at", 0, &d.at_ms, where) < 0)
		return -1;
	if (strlen(lang) > SESSION_LANG_MAX) return rd_fail(r, where, "\"lang\" is not a language tag such as sv or ti");
	strlcpy_m(d.lang, lang, sizeof d.lang);
	d.text = (char *)text;
	d.by = (char *)by;
	return restored(r, where, session_restore_rendering(s, &d, r->why, sizeof r->why));
}

static int rd_signals(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct signal_count c = { 0 };
	const char *lang;
	if (rd_id(r, it, "activity", 1, &c.activity, where) < 0 || rd_string(r, it, "lang", 0, &lang, where) < 0 ||
	    rd_time(r, it, "last", 0, &c.last_ms, where) < 0)
		return -1;
	for (int k = 0; k < SIGNAL_KINDS; k++)
		if (rd_small(r, it, session_signal_name(k), 0, 1000000, &c.count[k], where) < 0) return -1;
	if (strlen(lang) > SESSION_LANG_MAX) return rd_fail(r, where, "\"lang\" is not a language tag such as sv or ti");
	strlcpy_m(c.lang, lang, sizeof c.lang);
	return restored(r, where, session_restore_signals(s, &c, r->why, sizeof r->why));
}

static int rd_vote(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct vote v = { 0 };
	if (rd_id(r, it, "activity", 1, &v.activity, where) < 0 || rd_id(r, it, "participant", 1, &v.participant, where) < 0 ||
	    rd_id(r, it, "item", 1, &v.item, where) < 0 || rd_small(r, it, "dots", 0, SESSION_MAX_BUDGET, &v.dots, where) < 0 ||
	    rd_time(r, it, "at", 0, &v.at_ms, where) < 0 || rd_id(r, it, "table", 0, &v.table, where) < 0)
		return -1;
	return restored(r, where, session_restore_vote(s, &v, r->why, sizeof r->why));
}

static int rd_answer(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct answer an = { 0 };
	if (rd_id(r, it, "activity", 1, &an.activity, where) < 0 || rd_id(r, it, "participant", 1, &an.participant, where) < 0)
		return -1;
	const struct activity *a = session_activity(s, an.activity);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(it, "value"), *x;
	if (!a || a->kind != ACTIVITY_POLL) return rd_fail(r, where, "activity %u is not a poll", an.activity);
	if (cJSON_IsArray(v) && a->poll == POLL_MULTI) {
		cJSON_ArrayForEach(x, v) {
			if (!cJSON_IsNumber(x) || x->valuedouble < 0 || x->valuedouble > 31 || x->valuedouble != floor(x->valuedouble))
				return rd_fail(r, where, "\"value\" must list choice numbers");
			an.value |= 1u << (int)x->valuedouble;
		}
	} else if (cJSON_IsNumber(v) && a->poll != POLL_MULTI && v->valuedouble >= 0 && v->valuedouble <= 31 &&
	           v->valuedouble == floor(v->valuedouble)) {
		an.value = a->poll == POLL_SCALE ? (uint32_t)v->valuedouble : 1u << (int)v->valuedouble;
	} else {
		return rd_fail(r, where, "\"value\" does not fit a %s poll", session_poll_name(a->poll));
	}
	return restored(r, where, session_restore_answer(s, &an, r->why, sizeof r->why));
}

static int rd_mod(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct mod_entry m = { 0 };
	const char *act, *before, *after;
	if (rd_time(r, it, "at", 1, &m.at_ms, where) < 0 || rd_string(r, it, "action", 1, &act, where) < 0 ||
	    rd_id(r, it, "idea", 1, &m.idea, where) < 0 || rd_id(r, it, "into", 0, &m.other, where) < 0 ||
	    rd_string(r, it, "before", 0, &before, where) < 0 || rd_string(r, it, "after", 0, &after, where) < 0)
		return -1;
	for (int k = MOD_HIDE; k <= MOD_REJECT; k++)
		if (strcmp(act, store_mod_names[k]) == 0) m.kind = (enum mod_kind)k;
	if (!m.kind) return rd_fail(r, where, "unknown action \"%.20s\"", act);
	m.before = *before ? (char *)before : NULL;
	m.after = *after ? (char *)after : NULL;
	return restored(r, where, session_restore_log(s, &m, r->why, sizeof r->why));
}

static int rd_consent(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct consent_answer c = { 0 };
	const char *ans, *reason, *photo;
	if (rd_id(r, it, "activity", 1, &c.activity, where) < 0 || rd_id(r, it, "participant", 1, &c.participant, where) < 0 ||
	    rd_small(r, it, "round", 1, 1000000, &c.round, where) < 0 || rd_string(r, it, "answer", 1, &ans, where) < 0 ||
	    rd_string(r, it, "reason", 0, &reason, where) < 0 || rd_string(r, it, "photo", 0, &photo, where) < 0 ||
	    rd_bool(r, it, "in_person", &c.in_person, where) < 0 || rd_time(r, it, "at", 0, &c.at_ms, where) < 0)
		return -1;
	int v = session_consent_from_name(ans);
	if (v < 0) return rd_fail(r, where, "\"answer\" is yes, live, concern or objection, not \"%.20s\"", ans);
	if (!cJSON_GetObjectItemCaseSensitive(it, "round")) return rd_fail(r, where, "\"round\" is missing");
	c.value = (enum consent_value)v;
	c.reason = *reason ? (char *)reason : NULL;
	c.photo = *photo ? (char *)photo : NULL;
	return restored(r, where, session_restore_consent(s, &c, r->why, sizeof r->why));
}

static int rd_consent_round(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct consent_record c = { 0 };
	const char *text;
	if (rd_id(r, it, "activity", 1, &c.activity, where) < 0 || rd_small(r, it, "round", 1, 1000000, &c.round, where) < 0 ||
	    rd_string(r, it, "text", 1, &text, where) < 0 || rd_time(r, it, "ended", 0, &c.ended_ms, where) < 0)
		return -1;
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(it, "counts");
	if (!cJSON_IsObject(n)) return rd_fail(r, where, "\"counts\" must be {\"yes\", \"live\", \"concern\", \"objection\"}");
	for (int k = CONSENT_YES; k < CONSENT_VALUES; k++)
		if (rd_small(r, n, session_consent_name(k), 0, 1000000, &c.count[k], where) < 0) return -1;
	c.text = (char *)text;
	return restored(r, where, session_restore_consent_record(s, &c, r->why, sizeof r->why));
}

static int rd_moretime(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct moretime_answer m = { 0 };
	const char *ans;
	if (rd_id(r, it, "activity", 1, &m.activity, where) < 0 || rd_small(r, it, "ask", 1, 1000000, &m.ask, where) < 0 ||
	    rd_id(r, it, "participant", 1, &m.participant, where) < 0 || rd_string(r, it, "answer", 1, &ans, where) < 0)
		return -1;
	int v = session_moretime_from_name(ans);
	if (v < 0) return rd_fail(r, where, "\"answer\" is done, little or more, not \"%.20s\"", ans);
	m.value = (enum moretime_value)v;
	return restored(r, where, session_restore_moretime(s, &m, r->why, sizeof r->why));
}

static int rd_action(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct action a = { 0 };
	const char *text, *who, *due, *st, *note, *offer;
	if (rd_id(r, it, "id", 1, &a.id, where) < 0 || rd_id(r, it, "activity", 1, &a.activity, where) < 0 ||
	    rd_id(r, it, "idea", 0, &a.idea, where) < 0 || rd_id(r, it, "group", 0, &a.group, where) < 0 ||
	    rd_string(r, it, "text", 1, &text, where) < 0 || rd_string(r, it, "who", 0, &who, where) < 0 ||
	    rd_string(r, it, "due", 0, &due, where) < 0 || rd_string(r, it, "status", 1, &st, where) < 0 ||
	    rd_string(r, it, "note", 0, &note, where) < 0 || rd_id(r, it, "volunteer", 0, &a.volunteer, where) < 0 ||
	    rd_string(r, it, "offer", 0, &offer, where) < 0 || rd_time(r, it, "created", 0, &a.created_ms, where) < 0 ||
	    rd_time(r, it, "updated", 0, &a.updated_ms, where) < 0)
		return -1;
	int k = session_action_status_from_name(st);
	if (k < 0) return rd_fail(r, where, "\"status\" is planned, started, done or dropped, not \"%.20s\"", st);
	if (strlen(due) > SESSION_DATE_LEN) return rd_fail(r, where, "\"due\" is a date YYYY-MM-DD");
	a.status = (enum action_status)k;
	strlcpy_m(a.due, due, sizeof a.due);
	a.text = (char *)text;
	a.who = (char *)who;
	a.note = *note ? (char *)note : NULL;
	a.offer = a.volunteer ? (char *)offer : NULL;
	return restored(r, where, session_restore_action(s, &a, r->why, sizeof r->why));
}

static int rd_action_change(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct action_change c = { 0 };
	const char *st, *note;
	if (rd_id(r, it, "action", 1, &c.action, where) < 0 || rd_time(r, it, "at", 0, &c.at_ms, where) < 0 ||
	    rd_string(r, it, "status", 1, &st, where) < 0 || rd_string(r, it, "note", 0, &note, where) < 0)
		return -1;
	int k = session_action_status_from_name(st);
	if (k < 0) return rd_fail(r, where, "\"status\" is planned, started, done or dropped, not \"%.20s\"", st);
	c.status = (enum action_status)k;
	c.note = *note ? (char *)note : NULL;
	return restored(r, where, session_restore_action_change(s, &c, r->why, sizeof r->why));
}

static int rd_paper(struct rd *r, struct session *s, const cJSON *it, const char *where)
{
	struct paper_batch b = { 0 };
	int count = 0;
	if (rd_id(r, it, "id", 1, &b.id, where) < 0 || rd_id(r, it, "activity", 1, &b.activity, where) < 0 ||
	    rd_id(r, it, "table", 0, &b.table, where) < 0 || rd_id(r, it, "item", 0, &b.item, where) < 0 ||
	    rd_small(r, it, "count", 0, SESSION_PAPER_MAX_DOTS, &count, where) < 0 ||
	    rd_id(r, it, "replaces", 0, &b.replaces, where) < 0 || rd_time(r, it, "at", 0, &b.at_ms, where) < 0)
		return -1;
	if (!cJSON_GetObjectItemCaseSensitive(it, "item") || !cJSON_GetObjectItemCaseSensitive(it, "count"))
		return rd_fail(r, where, "a paper batch needs \"item\" and \"count\"");
	b.count = count;
	return restored(r, where, session_restore_paper(s, &b, r->why, sizeof r->why));
}

/* The end of a load: root freed, and the session (its change count from 0 again: nothing in it
 * is unsaved) or, when not ok, NULL and the session freed. */
static struct session *loaded(struct session *s, cJSON *root, int ok)
{
	cJSON_Delete(root);
	if (!ok) {
		session_free(s);
		return NULL;
	}
	s->version = 0;
	return s;
}

struct session *store_from_json(const char *json, size_t len, const char *name, uint64_t *journal_seq,
                                char *err, size_t errlen)
{
	static const struct {
		const char *key;
		int required;        /* else an absent list is an empty one */
		int (*read)(struct rd *, struct session *, const cJSON *, const char *);
	} sections[] = {   /* in the order references need them */
		{ "activities", 1, rd_activity }, { "participants", 1, rd_participant },
		{ "groups", 0, rd_group }, { "ideas", 1, rd_idea }, { "votes", 0, rd_vote },
		{ "answers", 0, rd_answer }, { "moderation", 0, rd_mod },
		{ "renderings", 0, rd_rendering }, { "signals", 0, rd_signals },
		{ "consents", 0, rd_consent }, { "consent_rounds", 0, rd_consent_round }, { "moretime", 0, rd_moretime },
		{ "actions", 0, rd_action }, { "action_log", 0, rd_action_change },
		{ "paper", 0, rd_paper },
	};
	struct rd r = { .name = name, .err = err, .errlen = errlen };
	struct session *s = NULL;
	int version;
	cJSON *root = rd_parse(&r, json, len, STORE_FORMAT, &version);
	if (!root) return NULL;

	const char *title, *lang;
	int64_t created;
	uint32_t current;
	if (rd_string(&r, root, "title", 1, &title, "") < 0 || rd_lang(&r, root, &lang, "") < 0 ||
	    rd_time(&r, root, "created", 1, &created, "") < 0 ||
	    rd_id(&r, root, "current_activity", 0, &current, "") < 0)
		goto fail;
	int64_t jseq = 0;
	if (rd_int(&r, root, "journal_seq", 0, 0, (int64_t)1 << 53, &jseq, "") < 0) goto fail;
	if (journal_seq) *journal_seq = (uint64_t)jseq;
	int tables = 0;   /* before the participants, who may sit at them */
	if (rd_small(&r, root, "tables", 0, SESSION_MAX_TABLES, &tables, "") < 0) goto fail;
	s = session_new(title, lang, created);
	s->n_tables = tables;
	for (size_t k = 0; k < NELEM(sections); k++) {
		int bad;
		const cJSON *arr = rd_array(&r, root, sections[k].key, sections[k].required, &bad), *it;
		if (bad) goto fail;
		size_t i = 0;
		cJSON_ArrayForEach(it, arr) {
			char where[48];
			snprintf(where, sizeof where, "%s[%zu]", sections[k].key, i++);
			if (!cJSON_IsObject(it)) { rd_fail(&r, where, "not an object"); goto fail; }
			if (sections[k].read(&r, s, it, where) < 0) goto fail;
		}
	}
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		const struct idea *into = d->merged_into ? session_idea(s, d->merged_into) : NULL;
		if (d->merged_into && (!into || into->activity != d->activity)) {
			rd_fail(&r, "", "idea %u is merged into unknown idea %u", d->id, d->merged_into);
			goto fail;
		}
	}
	if (current && !session_activity(s, current)) {
		rd_fail(&r, "", "\"current_activity\" %u is not on the agenda", current);
		goto fail;
	}
	if (rd_recent(s, root, "facilitator_recent", 0) < 0) {
		rd_fail(&r, "", "\"facilitator_recent\" must be a list of [cid, id]");
		goto fail;
	}
	s->current_activity = current ? current : (s->n_activities ? s->activities[0].id : 0);
	return loaded(s, root, 1);
fail:
	return loaded(s, root, 0);
}

char *store_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
	FILE *f = plat_fopen(path, "rb");
	if (!f) {
		int e = errno;
		seterr(err, errlen, "%s: %s", path, strerror(e));
		errno = e;
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			seterr(err, errlen, "%s: larger than %zu bytes", path, max);
			goto fail;
		}
		if (got == 0) break;
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	if (ferror(f)) {
		seterr(err, errlen, "%s: read error: %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	fclose(f);
	free(buf);
	errno = EIO;
	return NULL;
}

struct session *store_load(const char *path, uint64_t *journal_seq, char *err, size_t errlen)
{
	size_t len;
	char *buf = store_read_file(path, STORE_MAX_FILE, &len, err, errlen);
	if (!buf) return NULL;
	struct session *s = store_from_json(buf, len, path, journal_seq, err, errlen);
	free(buf);
	return s;
}

struct session *store_load_template(const char *path, int64_t now_ms, char *err, size_t errlen)
{
	size_t len;
	char *buf = store_read_file(path, 4u * 1024 * 1024, &len, err, errlen);
	if (!buf) return NULL;
	struct session *s = store_template_from_json(buf, len, path, now_ms, err, errlen);
	free(buf);
	return s;
}

struct session *store_template_from_json(const char *json, size_t len, const char *name, int64_t now_ms,
                                         char *err, size_t errlen)
{
	struct rd r = { .name = name, .err = err, .errlen = errlen };
	struct session *s = NULL;
	int version, bad;
	cJSON *root = rd_parse(&r, json, len, STORE_TEMPLATE, &version);
	if (!root) return NULL;
	const char *title, *lang;
	if (rd_string(&r, root, "title", 1, &title, "") < 0 || rd_lang(&r, root, &lang, "") < 0)
		goto fail;
	int tables = 0;
	if (rd_small(&r, root, "tables", 0, SESSION_MAX_TABLES, &tables, "") < 0) goto fail;
	s = session_new(title, lang, now_ms);
	s->n_tables = tables;   /* numbered tables, ready for the room */
	const cJSON *arr = rd_array(&r, root, "activities", 1, &bad), *it;
	if (!arr) goto fail;
	size_t k = 0;
	cJSON_ArrayForEach(it, arr) {
		char where[48];
		struct spec_buf b;
		struct activity_spec sp;
		struct session_result res;
		int64_t timer_s = 0;
		snprintf(where, sizeof where, "activities[%zu]", k++);
		if (!cJSON_IsObject(it)) { rd_fail(&r, where, "not an object"); goto fail; }
		if (rd_spec(&r, it, &sp, &b, where) < 0 ||
		    rd_int(&r, it, "timer_s", 0, 0, SESSION_MAX_TIMER_MS / 1000, &timer_s, where) < 0 ||
		    rd_bool(&r, it, "lock_at_zero", &sp.lock_at_zero, where) < 0)
			goto fail;
		sp.timer_ms = timer_s * 1000;
		/* In a template, "source" counts the template's activities from 1: the same as their ids. */
		struct command c = { .type = CMD_ACTIVITY_ADD, .at_ms = now_ms, .facilitator = 1, .spec = &sp };
		if (session_apply(s, &c, &res) < 0) { rd_fail(&r, where, "%s", res.message); goto fail; }
	}
	if (s->current_activity) {   /* the meeting starts on its first activity, open */
		struct command c = { .type = CMD_PHASE, .at_ms = now_ms, .facilitator = 1, .n = PHASE_OPEN };
		struct session_result res;
		session_apply(s, &c, &res);
	}
	return loaded(s, root, 1);
fail:
	return loaded(s, root, 0);
}
