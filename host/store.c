/* store.c: session files: JSON <-> session, atomic save, load, templates. */
#include "store.h"
#include "proto.h"
#include "util.h"

#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORE_MAX_FILE (256u * 1024 * 1024)  /* refuse to load anything bigger */

static void seterr(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static void add_time(cJSON *o, const char *key, int64_t ms)
{
	char buf[32];
	proto_format_time(ms, buf, sizeof buf);
	cJSON_AddStringToObject(o, key, buf);
}

char *store_to_json(const struct session *s, int64_t saved_ms)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "format", STORE_FORMAT);
	cJSON_AddNumberToObject(o, "version", SESSION_FORMAT_VERSION);
	cJSON_AddStringToObject(o, "title", s->title);
	cJSON_AddStringToObject(o, "lang", s->lang);
	add_time(o, "created", s->created_ms);
	add_time(o, "saved", saved_ms);
	cJSON_AddNumberToObject(o, "current_activity", s->current_activity);

	cJSON *acts = cJSON_AddArrayToObject(o, "activities");
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "id", a->id);
		cJSON_AddStringToObject(j, "kind", "ideas");
		cJSON_AddStringToObject(j, "title", a->title);
		cJSON_AddStringToObject(j, "prompt", a->prompt);
		cJSON_AddItemToArray(acts, j);
	}
	cJSON *parts = cJSON_AddArrayToObject(o, "participants");
	for (size_t i = 0; i < s->n_participants; i++) {
		const struct participant *p = &s->participants[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "id", p->id);
		cJSON_AddStringToObject(j, "token", p->token);
		cJSON_AddStringToObject(j, "name", p->name);
		cJSON_AddStringToObject(j, "lang", p->lang);
		add_time(j, "joined", p->joined_ms);
		cJSON_AddItemToArray(parts, j);
	}
	cJSON *ideas = cJSON_AddArrayToObject(o, "ideas");
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "id", d->id);
		cJSON_AddNumberToObject(j, "activity", d->activity);
		cJSON_AddNumberToObject(j, "author", d->author);
		cJSON_AddStringToObject(j, "text", d->text);
		add_time(j, "created", d->created_ms);
		cJSON_AddItemToArray(ideas, j);
	}
	char *out = cJSON_Print(o);
	cJSON_Delete(o);
	if (!out) {
		fprintf(stderr, "medskapa: out of memory writing the session\n");
		abort();
	}
	return out;
}

/* ---- reading: each getter names the place of a problem ---------------------------------- */

struct rd {
	const char *name;     /* file name for messages */
	char *err;
	size_t errlen;
};

static int rd_fail(struct rd *r, const char *where, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
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

static int rd_id(struct rd *r, const cJSON *o, const char *key, int required, uint32_t *out,
                 const char *where)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = 0;
	if (!it) return required ? rd_fail(r, where, "\"%s\" is missing", key) : 0;
	if (!cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble > 4294967295.0 ||
	    it->valuedouble != floor(it->valuedouble))
		return rd_fail(r, where, "\"%s\" must be a whole number from 0", key);
	*out = (uint32_t)it->valuedouble;
	return 0;
}

static int rd_time(struct rd *r, const cJSON *o, const char *key, int64_t *out, const char *where)
{
	const char *s;
	if (rd_string(r, o, key, 1, &s, where) < 0) return -1;
	if (proto_parse_time(s, out) < 0)
		return rd_fail(r, where, "\"%s\" is not a time like 2026-11-23T18:00:00.000Z", key);
	return 0;
}

static const cJSON *rd_array(struct rd *r, const cJSON *o, const char *key, int required)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!it) {
		if (required) rd_fail(r, "", "\"%s\" is missing", key);
		return NULL;
	}
	if (!cJSON_IsArray(it)) {
		rd_fail(r, "", "\"%s\" must be a list", key);
		return NULL;
	}
	return it;
}

static int rd_kind(struct rd *r, const cJSON *o, enum activity_kind *kind, const char *where)
{
	const char *k;
	if (rd_string(r, o, "kind", 1, &k, where) < 0) return -1;
	if (strcmp(k, "ideas") != 0) return rd_fail(r, where, "unknown activity kind \"%.40s\"", k);
	*kind = ACTIVITY_IDEAS;
	return 0;
}

static cJSON *rd_parse(struct rd *r, const char *json, size_t len, const char *format)
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
	uint32_t version;
	if (rd_id(r, root, "version", 1, &version, "") < 0) goto fail;
	if (version < 1 || version > SESSION_FORMAT_VERSION) {
		rd_fail(r, "", "format version %u is not supported (this build reads 1 to %d)",
		        version, SESSION_FORMAT_VERSION);
		goto fail;
	}
	return root;
fail:
	cJSON_Delete(root);
	return NULL;
}

struct session *store_from_json(const char *json, size_t len, const char *name, char *err, size_t errlen)
{
	struct rd r = { name, err, errlen };
	struct session *s = NULL;
	cJSON *root = rd_parse(&r, json, len, STORE_FORMAT);
	if (!root) return NULL;

	const char *title, *lang;
	int64_t created;
	uint32_t current;
	if (rd_string(&r, root, "title", 1, &title, "") < 0 || rd_string(&r, root, "lang", 0, &lang, "") < 0 ||
	    rd_time(&r, root, "created", &created, "") < 0 ||
	    rd_id(&r, root, "current_activity", 0, &current, "") < 0)
		goto fail;
	s = session_new(title, lang, created);

	const cJSON *arr, *it;
	char where[48], why[200];
	size_t k;
	if (!(arr = rd_array(&r, root, "activities", 1))) goto fail;
	k = 0;
	cJSON_ArrayForEach(it, arr) {
		struct activity a = { 0 };
		const char *t, *p;
		snprintf(where, sizeof where, "activities[%zu]", k++);
		if (!cJSON_IsObject(it)) { rd_fail(&r, where, "not an object"); goto fail; }
		if (rd_id(&r, it, "id", 1, &a.id, where) < 0 || rd_kind(&r, it, &a.kind, where) < 0 ||
		    rd_string(&r, it, "title", 0, &t, where) < 0 || rd_string(&r, it, "prompt", 1, &p, where) < 0)
			goto fail;
		a.title = (char *)t;
		a.prompt = (char *)p;
		if (session_restore_activity(s, &a, why, sizeof why) < 0) { rd_fail(&r, where, "%s", why); goto fail; }
	}
	if (!(arr = rd_array(&r, root, "participants", 1))) goto fail;
	k = 0;
	cJSON_ArrayForEach(it, arr) {
		struct participant p = { 0 };
		const char *tok, *nm, *lg;
		snprintf(where, sizeof where, "participants[%zu]", k++);
		if (!cJSON_IsObject(it)) { rd_fail(&r, where, "not an object"); goto fail; }
		if (rd_id(&r, it, "id", 1, &p.id, where) < 0 || rd_string(&r, it, "token", 1, &tok, where) < 0 ||
		    rd_string(&r, it, "name", 0, &nm, where) < 0 || rd_string(&r, it, "lang", 0, &lg, where) < 0 ||
		    rd_time(&r, it, "joined", &p.joined_ms, where) < 0)
			goto fail;
		if (strlen(tok) != SESSION_TOKEN_LEN || strlen(lg) > SESSION_LANG_MAX) {
			rd_fail(&r, where, "malformed token or language");
			goto fail;
		}
		strlcpy_m(p.token, tok, sizeof p.token);
		strlcpy_m(p.lang, lg, sizeof p.lang);
		p.name = (char *)nm;
		if (session_restore_participant(s, &p, why, sizeof why) < 0) { rd_fail(&r, where, "%s", why); goto fail; }
	}
	if (!(arr = rd_array(&r, root, "ideas", 1))) goto fail;
	k = 0;
	cJSON_ArrayForEach(it, arr) {
		struct idea d = { 0 };
		const char *t;
		snprintf(where, sizeof where, "ideas[%zu]", k++);
		if (!cJSON_IsObject(it)) { rd_fail(&r, where, "not an object"); goto fail; }
		if (rd_id(&r, it, "id", 1, &d.id, where) < 0 || rd_id(&r, it, "activity", 1, &d.activity, where) < 0 ||
		    rd_id(&r, it, "author", 0, &d.author, where) < 0 || rd_string(&r, it, "text", 1, &t, where) < 0 ||
		    rd_time(&r, it, "created", &d.created_ms, where) < 0)
			goto fail;
		d.text = (char *)t;
		if (session_restore_idea(s, &d, why, sizeof why) < 0) { rd_fail(&r, where, "%s", why); goto fail; }
	}
	if (current && !session_activity(s, current)) {
		rd_fail(&r, "", "\"current_activity\" %u is not on the agenda", current);
		goto fail;
	}
	s->current_activity = current ? current : (s->n_activities ? s->activities[0].id : 0);
	cJSON_Delete(root);
	return s;
fail:
	session_free(s);
	cJSON_Delete(root);
	return NULL;
}

char *store_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
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

struct session *store_load(const char *path, char *err, size_t errlen)
{
	size_t len;
	char *buf = store_read_file(path, STORE_MAX_FILE, &len, err, errlen);
	if (!buf) return NULL;
	struct session *s = store_from_json(buf, len, path, err, errlen);
	free(buf);
	return s;
}

struct session *store_load_template(const char *path, int64_t now_ms, char *err, size_t errlen)
{
	size_t len;
	char *buf = store_read_file(path, 4u * 1024 * 1024, &len, err, errlen);
	if (!buf) return NULL;
	struct rd r = { path, err, errlen };
	struct session *s = NULL;
	cJSON *root = rd_parse(&r, buf, len, STORE_TEMPLATE);
	free(buf);
	if (!root) return NULL;
	const char *title, *lang;
	if (rd_string(&r, root, "title", 1, &title, "") < 0 || rd_string(&r, root, "lang", 0, &lang, "") < 0)
		goto fail;
	s = session_new(title, lang, now_ms);
	const cJSON *arr = rd_array(&r, root, "activities", 1), *it;
	if (!arr) goto fail;
	size_t k = 0;
	cJSON_ArrayForEach(it, arr) {
		char where[48];
		const char *t, *p;
		struct command c = { .type = CMD_ACTIVITY_ADD, .at_ms = now_ms };
		struct session_result res;
		snprintf(where, sizeof where, "activities[%zu]", k++);
		if (!cJSON_IsObject(it)) { rd_fail(&r, where, "not an object"); goto fail; }
		if (rd_kind(&r, it, &c.u.activity_add.kind, where) < 0 ||
		    rd_string(&r, it, "title", 0, &t, where) < 0 || rd_string(&r, it, "prompt", 1, &p, where) < 0)
			goto fail;
		c.u.activity_add.title = t;
		c.u.activity_add.prompt = p;
		if (session_apply(s, &c, &res) < 0) { rd_fail(&r, where, "%s", res.message); goto fail; }
	}
	cJSON_Delete(root);
	return s;
fail:
	session_free(s);
	cJSON_Delete(root);
	return NULL;
}

/* fsync the folder holding path, so that a rename in it is durable. */
static int sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0) return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int store_save(const struct session *s, const char *path, int64_t now_ms, char *err, size_t errlen)
{
	char *json = store_to_json(s, now_ms);
	size_t len = strlen(json), tmplen = strlen(path) + 16;
	char *tmp = xmalloc(tmplen);
	snprintf(tmp, tmplen, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		seterr(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
		goto fail;
	}
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, json + off, len - off);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) {
			seterr(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
			goto fail_fd;
		}
		off += (size_t)w;
	}
	if (write(fd, "\n", 1) != 1 || fsync(fd) < 0) {
		seterr(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		goto fail_fd;
	}
	if (close(fd) < 0) {
		fd = -1;
		seterr(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		goto fail_unlink;
	}
	if (rename(tmp, path) < 0) {
		seterr(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
		goto fail_unlink;
	}
	if (sync_dir(path) < 0) {
		/* The file is in place; only its durability across a power cut is in doubt. */
		seterr(err, errlen, "saved %s but could not sync its folder: %s", path, strerror(errno));
		free(tmp);
		free(json);
		return -1;
	}
	free(tmp);
	free(json);
	return 0;
fail_fd:
	close(fd);
fail_unlink:
	unlink(tmp);
fail:
	free(tmp);
	free(json);
	return -1;
}
