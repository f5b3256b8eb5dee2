/* journal.c: append-only journal with group commit on a writer thread, snapshots in order,
 * and replay on resume. */
#include "journal.h"
#include "plat.h"
#include "store.h"
#include "util.h"

#include <cJSON.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define JOURNAL_RETRY_MS 1000            /* after a failed write, try again this often */
#define JOURNAL_MAX_LINE (1u << 20)      /* a line longer than this is damage, not a command */
#define JOURNAL_MAX_AT_MS 253402300799999LL  /* 9999-12-31T23:59:59.999Z, the session file's last time */
#define JOURNAL_MAX_SEQ ((int64_t)1 << 52)    /* the session file holds up to 2^53: room after it */
#define JOURNAL_ROTATE_BYTES ((off_t)16 << 20)   /* see journal_snapshot */
#define JOURNAL_PROBE_BYTES ((off_t)64 << 10)     /* while failing: room to reserve before saying it works */

/* One queued job: a run of journal lines, or a snapshot. */
struct job {
	struct job *next;
	int snapshot;
	char *data;          /* lines (each ending in \n), or the snapshot JSON once made */
	size_t len;
	struct session *s;   /* snapshot: the session to write, until its JSON is made */
	int64_t saved_ms;
	char *path;          /* snapshot: the session file */
	uint64_t last_seq;   /* the highest seq this job makes durable */
};

struct journal {
	char *path;
	int fd;
	pthread_t thread, snap_thread;
	pthread_mutex_t mu;
	pthread_mutex_t snap_mu;    /* one session file write at a time (taken before mu) */
	pthread_cond_t cv;          /* the threads wait for work; flush waits for progress */
	struct job *head, *tail;    /* queued jobs, oldest first */
	struct job *open_run;       /* the tail job while it is an unstarted run of lines */
	off_t size;                 /* of the journal file: whole, durable lines */
	off_t rotate_bytes;         /* beyond this the next snapshot goes in line (journal_snapshot) */
	uint64_t last_seq;          /* given out */
	uint64_t durable_seq;
	uint64_t since_snapshot;
	uint64_t snap_seq;          /* the newest snapshot on disk holds every entry up to this */
	struct job *snap_job;       /* the snapshot waiting for the snapshotter (the newest asked for) */
	int snap_busy;              /* the snapshotter is writing one */
	int snap_failing;
	char snap_msg[256];
	struct timespec snap_retry; /* after a failure, not before this */
	int trunc_blocked;          /* emptying the journal failed: not again before the next snapshot */
	int stop, writer_done;
	int failing;
	char fail_msg[256];
	struct timespec probe_at;   /* while failing: when to next try whether the disk takes writes */
	int rolled_back;            /* lines were dropped: main must roll back (journal_take_rollback) */
	int discarding;             /* ... and until it has, new lines are dropped too */
	journal_wake_fn wake;
	void *ud;
};

/* ---- encoding commands -------------------------------------------------------------------- */

/* Commands are named by the command table's .name (session.h). */

static void add_u(cJSON *o, const char *k, double v)
{
	if (v != 0) cJSON_AddNumberToObject(o, k, v);
}

static void add_s(cJSON *o, const char *k, const char *v)
{
	if (v) cJSON_AddStringToObject(o, k, v);
}

/* The fields of a command and of an activity's spec, in the order a line holds them: one
 * table for encoding and decoding. Numbers and strings are left out when 0 or NULL;
 * enumerated values are written by name (an enum's order may change) and read by name or by
 * the number an older journal holds (old_kinds, old_polls below). */
enum field_kind { F_U32, F_INT, F_I64, F_STR, F_KIND, F_POLL, F_OPTIONS, F_PICTOS };
struct field {
	const char *key;
	size_t off;
	enum field_kind kind;
};
#define FIELD(type, member, key, kind) { key, offsetof(type, member), kind }
static const struct field cmd_fields[] = {
	FIELD(struct command, participant, "p", F_U32), FIELD(struct command, facilitator, "f", F_INT),
	FIELD(struct command, activity, "activity", F_U32), FIELD(struct command, idea, "idea", F_U32),
	FIELD(struct command, group, "group", F_U32), FIELD(struct command, item, "item", F_U32),
	FIELD(struct command, other, "other", F_U32), FIELD(struct command, n, "n", F_I64),
	FIELD(struct command, text, "text", F_STR), FIELD(struct command, name, "name", F_STR),
	FIELD(struct command, token, "token", F_STR), FIELD(struct command, lang, "lang", F_STR),
	FIELD(struct command, interpreter, "i", F_INT), FIELD(struct command, photo, "photo", F_STR),
	FIELD(struct command, photo_w, "pw", F_INT), FIELD(struct command, photo_h, "ph", F_INT),
};
static const struct field spec_fields[] = {
	FIELD(struct activity_spec, kind, "kind", F_KIND), FIELD(struct activity_spec, title, "title", F_STR),
	FIELD(struct activity_spec, prompt, "prompt", F_STR),
	FIELD(struct activity_spec, options, "options", F_OPTIONS),
	FIELD(struct activity_spec, pictos, "pictos", F_PICTOS),
	FIELD(struct activity_spec, silent, "silent", F_INT), FIELD(struct activity_spec, source, "source", F_U32),
	FIELD(struct activity_spec, on_groups, "on_groups", F_INT),
	FIELD(struct activity_spec, budget, "budget", F_INT),
	FIELD(struct activity_spec, max_per_item, "max_per_item", F_INT),
	FIELD(struct activity_spec, live, "live", F_INT), FIELD(struct activity_spec, poll, "poll", F_POLL),
	FIELD(struct activity_spec, timer_ms, "timer_ms", F_I64),
	FIELD(struct activity_spec, lock_at_zero, "lock_at_zero", F_INT),
	FIELD(struct activity_spec, shuffle, "shuffle", F_INT),
};

/* Write rec's fields into o (sp: the spec itself, for its options). */
static void put_fields(cJSON *o, const void *rec, const struct field *f, size_t n, const struct activity_spec *sp)
{
	for (size_t i = 0; i < n; i++) {
		const char *at = (const char *)rec + f[i].off;
		switch (f[i].kind) {
		case F_U32: add_u(o, f[i].key, *(const uint32_t *)(const void *)at); break;
		case F_INT: add_u(o, f[i].key, *(const int *)(const void *)at); break;
		case F_I64: add_u(o, f[i].key, (double)*(const int64_t *)(const void *)at); break;
		case F_STR: add_s(o, f[i].key, *(const char *const *)(const void *)at); break;
		case F_KIND: add_s(o, f[i].key, session_kind_name(*(const enum activity_kind *)(const void *)at)); break;
		case F_POLL: {
			enum poll_kind pk = *(const enum poll_kind *)(const void *)at;
			if (pk) add_s(o, f[i].key, session_poll_name(pk));
			break;
		}
		case F_OPTIONS: {
			cJSON *opts = cJSON_AddArrayToObject(o, f[i].key);
			for (size_t k = 0; sp && k < sp->n_options; k++)
				cJSON_AddItemToArray(opts, cJSON_CreateString(sp->options[k]));
			break;
		}
		case F_PICTOS: {
			if (!sp || !sp->pictos) break;
			cJSON *p = cJSON_AddArrayToObject(o, f[i].key);
			for (size_t k = 0; k < sp->n_options; k++)
				cJSON_AddItemToArray(p, cJSON_CreateString(sp->pictos[k] ? sp->pictos[k] : ""));
			break;
		}
		}
	}
}

char *journal_encode(const struct command *c, uint64_t seq)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "seq", (double)seq);
	const struct cmd_entry *row = session_cmd(c->type);
	if (!row) {   /* a caller's bug: a line replay would refuse must never be written */
		fprintf(stderr, "medskapa: no journal name for command type %d\n", (int)c->type);
		abort();
	}
	cJSON_AddStringToObject(o, "cmd", row->name);
	cJSON_AddNumberToObject(o, "at", (double)c->at_ms);
	if (c->type == CMD_SIGNAL) {   /* counted per language, never kept per person: no p, no cid */
		struct command anon = *c;
		anon.participant = 0;
		anon.cid = NULL;
		anon.lang = c->lang ? c->lang : "";
		put_fields(o, &anon, cmd_fields, NELEM(cmd_fields), NULL);
	} else {
		put_fields(o, c, cmd_fields, NELEM(cmd_fields), NULL);
	}
	if (c->cid && *c->cid && c->type != CMD_SIGNAL) add_s(o, "cid", c->cid);
	if (c->spec) put_fields(cJSON_AddObjectToObject(o, "spec"), c->spec, spec_fields, NELEM(spec_fields), c->spec);
	char *out = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!out) {
		fprintf(stderr, "medskapa: out of memory writing the journal\n");
		abort();
	}
	return out;
}

/* A number field, 0 when absent or not a number; one beyond int64_t's range (a damaged line:
 * converting it would be undefined behaviour) counts as absent too. */
static int64_t num(const cJSON *o, const char *k)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!cJSON_IsNumber(it) || !(it->valuedouble > -9.2e18 && it->valuedouble < 9.2e18)) return 0;
	return (int64_t)it->valuedouble;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(it) ? it->valuestring : NULL;
}

/* Journals written before enumerated fields were named hold these numbers; frozen here, so
 * that reordering an enum in session.h cannot change what an old journal means. */
static const char *const old_kinds[] = { NULL, "ideas", "vote", "poll" };
static const char *const old_polls[] = { NULL, "single", "multi", "scale" };

/* An enumerated field: its name ("ideas", "scale"), or the number an older journal holds.
 * 0 when absent, -1 when unknown (the model refuses it). */
static int named(const cJSON *o, const char *k, int (*from_name)(const char *), const char *const *old, size_t n_old)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!it) return 0;
	if (cJSON_IsString(it)) return from_name(it->valuestring);
	int64_t v = num(o, k);
	return v > 0 && (size_t)v < n_old ? from_name(old[v]) : -1;
}

/* Read rec's fields from o (sp, opts: the spec being read and room for its options).
 * -1 for more options than a spec may have. */
static int get_fields(const cJSON *o, void *rec, const struct field *f, size_t n, struct activity_spec *sp,
                      const char **opts)
{
	for (size_t i = 0; i < n; i++) {
		char *at = (char *)rec + f[i].off;
		switch (f[i].kind) {
		case F_U32: *(uint32_t *)(void *)at = (uint32_t)num(o, f[i].key); break;
		case F_INT: *(int *)(void *)at = (int)num(o, f[i].key); break;
		case F_I64: *(int64_t *)(void *)at = num(o, f[i].key); break;
		case F_STR: *(const char **)(void *)at = str(o, f[i].key); break;
		case F_KIND:
			*(enum activity_kind *)(void *)at = (enum activity_kind)named(o, f[i].key, session_kind_from_name,
			                                                              old_kinds, NELEM(old_kinds));
			break;
		case F_POLL:
			*(enum poll_kind *)(void *)at = (enum poll_kind)named(o, f[i].key, session_poll_from_name,
			                                                      old_polls, NELEM(old_polls));
			break;
		case F_OPTIONS: {
			const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, f[i].key), *x;
			cJSON_ArrayForEach(x, arr) {
				if (!sp || !cJSON_IsString(x) || sp->n_options == SESSION_MAX_OPTIONS) return -1;
				opts[sp->n_options++] = x->valuestring;
			}
			if (sp) sp->options = opts;
			break;
		}
		case F_PICTOS: {   /* after the options: one per option */
			const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, f[i].key), *x;
			size_t k = 0;
			if (!arr) break;
			if (!sp || !cJSON_IsArray(arr) || (size_t)cJSON_GetArraySize(arr) != sp->n_options) return -1;
			cJSON_ArrayForEach(x, arr) {
				if (!cJSON_IsString(x)) return -1;
				opts[SESSION_MAX_OPTIONS + k++] = x->valuestring;
			}
			sp->pictos = opts + SESSION_MAX_OPTIONS;
			break;
		}
		}
	}
	return 0;
}

/* Decode a journal line into c (strings point into root; spec into *sp, opts). */
static int decode(const cJSON *root, struct command *c, struct activity_spec *sp, const char **opts)
{
	const char *name = str(root, "cmd");
	memset(c, 0, sizeof *c);
	c->type = session_cmd_from_name(name);
	if (!c->type) return -1;
	c->at_ms = num(root, "at");
	if (c->at_ms < 0 || c->at_ms > JOURNAL_MAX_AT_MS) return -1;   /* the session file could not hold it */
	if (get_fields(root, c, cmd_fields, NELEM(cmd_fields), NULL, NULL) < 0) return -1;
	c->cid = str(root, "cid");
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(root, "spec");
	if (cJSON_IsObject(j)) {
		memset(sp, 0, sizeof *sp);
		if (get_fields(j, sp, spec_fields, NELEM(spec_fields), sp, opts) < 0) return -1;
		c->spec = sp;
	}
	return 0;
}

/* ---- replay ------------------------------------------------------------------------------ */

int journal_apply_line(struct session *s, const char *line, size_t len, uint64_t *seq, char *err, size_t errlen)
{
	struct command c;
	struct activity_spec sp;
	const char *opts[2 * SESSION_MAX_OPTIONS];   /* the options, then their pictograms */
	struct session_result res;
	cJSON *root = len > JOURNAL_MAX_LINE ? NULL : cJSON_ParseWithLength(line, len);
	if (!cJSON_IsObject(root) || decode(root, &c, &sp, opts) < 0) {
		snprintf(err, errlen, "not a journal entry");
		cJSON_Delete(root);
		return -1;
	}
	if (seq) *seq = (uint64_t)num(root, "seq");
	int rc = session_apply(s, &c, &res);
	if (rc < 0) snprintf(err, errlen, "%s", res.message);
	cJSON_Delete(root);
	return rc;
}

int journal_replay(const char *path, struct session *s, uint64_t after, int repair, uint64_t *last,
                   size_t *applied, char *warn, size_t warnlen, char *err, size_t errlen)
{
	size_t len, torn;
	char why[300];
	*last = after;
	*applied = 0;
	if (warn && warnlen) warn[0] = '\0';
	char *buf = store_read_file(path, (size_t)1 << 31, &len, why, sizeof why);
	if (!buf) {
		if (errno == ENOENT) return 0;
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	int rc = journal_replay_buf(buf, len, path, s, after, last, applied, &torn, warn, warnlen, err, errlen);
	free(buf);
	if (rc == 0 && torn < len && repair) {
		int fd = plat_open(path, PLAT_WRITE);   /* never through a link */
		if (fd < 0 || plat_truncate(fd, (long long)torn) < 0) {
			snprintf(err, errlen, "%s: cannot cut off the torn last line (at byte %zu): %s", path, torn,
			         strerror(errno));
			rc = -1;
		}
		if (fd >= 0) close(fd);
	}
	return rc;
}

int journal_replay_buf(const char *buf, size_t len, const char *name, struct session *s, uint64_t after,
                       uint64_t *last, size_t *applied, size_t *torn, char *warn, size_t warnlen,
                       char *err, size_t errlen)
{
	*last = after;
	*applied = 0;
	*torn = len;
	if (warn && warnlen) warn[0] = '\0';
	size_t pos = 0, line = 0;
	int rc = 0;
	while (pos < len) {
		char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		line++;
		cJSON *root = NULL;
		struct command c;
		struct activity_spec sp;
		const char *opts[2 * SESSION_MAX_OPTIONS];   /* the options, then their pictograms */
		int bad = end - pos > JOURNAL_MAX_LINE;
		if (!bad) {
			root = cJSON_ParseWithLength(buf + pos, end - pos);
			bad = !cJSON_IsObject(root) || decode(root, &c, &sp, opts) < 0 ||
			      num(root, "seq") < 0 || num(root, "seq") > JOURNAL_MAX_SEQ;
		}
		if (bad && !nl) {
			/* The last line, cut short by a crash: it was never acknowledged. Drop it. */
			cJSON_Delete(root);
			if (warn) snprintf(warn, warnlen, "%s: line %zu was cut short by a crash and is dropped "
			                   "(it was never acknowledged)", name, line);
			*torn = pos;
			break;
		}
		if (bad) {
			cJSON_Delete(root);
			snprintf(err, errlen, "%s: line %zu (byte %zu) is damaged: not a journal entry", name, line, pos);
			rc = -1;
			break;
		}
		uint64_t seq = (uint64_t)num(root, "seq");
		if (seq > after) {
			if (seq <= *last) {
				snprintf(err, errlen, "%s: line %zu: sequence %llu after %llu", name, line,
				         (unsigned long long)seq, (unsigned long long)*last);
				cJSON_Delete(root);
				rc = -1;
				break;
			}
			struct session_result res;
			if (session_apply(s, &c, &res) < 0) {
				snprintf(err, errlen, "%s: line %zu: the entry does not apply to the session (%s)", name, line,
				         res.message);
				cJSON_Delete(root);
				rc = -1;
				break;
			}
			*last = seq;
			(*applied)++;
		}
		cJSON_Delete(root);
		pos = end + 1;
	}
	return rc;
}

static void job_free(struct job *job)
{
	if (!job) return;
	session_free(job->s);
	free(job->data);
	free(job->path);
	free(job);
}

/* ---- the writer threads ------------------------------------------------------------------- */

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR) continue;
		if (w < 0) return -1;
		if (w == 0) {
			errno = ENOSPC;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write a snapshot job to its session file unless a newer snapshot is already there (both
 * threads may write one; snap_mu keeps them apart and in order). 0 or -1 with msg. */
static int write_snapshot(struct journal *j, struct job *job, char *msg, size_t msglen)
{
	int rc = 0;
	pthread_mutex_lock(&j->snap_mu);
	pthread_mutex_lock(&j->mu);
	int older = job->last_seq < j->snap_seq;
	pthread_mutex_unlock(&j->mu);
	if (!older && job->s) {   /* made here, not on the main thread: 10 ms at 1000 phones */
		job->data = store_to_json(job->s, job->saved_ms, job->last_seq);
		job->len = strlen(job->data);
		session_free(job->s);
		job->s = NULL;
	}
	if (!older) rc = store_write_atomic(job->path, job->data, job->len, msg, msglen);
	if (rc == 0) {
		pthread_mutex_lock(&j->mu);
		if (job->last_seq > j->snap_seq) j->snap_seq = job->last_seq;
		j->trunc_blocked = 0;
		pthread_mutex_unlock(&j->mu);
	}
	pthread_mutex_unlock(&j->snap_mu);
	return rc;
}

/* Every line in the journal file is in a snapshot on disk: the journal can start again. */
static int truncate_due(const struct journal *j)
{
	return j->size > 0 && j->snap_seq >= j->durable_seq && !j->trunc_blocked;
}

/* Do one job of the line queue (lock not held). 0 or -1 with msg. */
static int run_job(struct journal *j, struct job *job, off_t size, char *msg, size_t msglen)
{
	if (job->snapshot)   /* a journal grown past rotate_bytes: the snapshot in line, see journal_snapshot */
		return write_snapshot(j, job, msg, msglen);
	if (write_all(j->fd, job->data, job->len) < 0 || plat_sync_data(j->fd) < 0) {
		int e = errno;
		/* Cut a partial write back so that a retry does not leave a torn line in the middle. */
		if (plat_truncate(j->fd, size) < 0) { /* the next replay drops a torn tail anyway */ }
		snprintf(msg, msglen, "cannot write the journal %s: %s", j->path, strerror(e));
		return -1;
	}
	return 0;
}

/* A run of lines could not be made durable (lock held): it and everything queued after it
 * (lines, and snapshots that hold them) are dropped, never to be written, and main is told to
 * roll its model back to what is durable (journal_take_rollback). Nothing is retried: a
 * change is either durable and acknowledged, or dropped and refused. */
static void fail_lines(struct journal *j, const char *msg)
{
	j->failing = 1;
	strlcpy_m(j->fail_msg, msg, sizeof j->fail_msg);
	for (struct job *job = j->head, *next; job; job = next) {
		next = job->next;
		job_free(job);
	}
	j->head = j->tail = j->open_run = NULL;
	if (j->snap_job && j->snap_job->last_seq > j->durable_seq) {
		job_free(j->snap_job);
		j->snap_job = NULL;
	}
	j->rolled_back = j->discarding = 1;
	deadline_after(&j->probe_at, CLOCK_REALTIME, JOURNAL_RETRY_MS);
}

/* While failing: can the disk take writes again? Reserve room beyond the end of the journal
 * (not changing its size); where that cannot be asked, say yes and let the next line try. */
static int probe(struct journal *j, off_t size)
{
	return plat_has_room(j->fd, size, JOURNAL_PROBE_BYTES);
}

static int before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* The journal's writer: runs of lines, each made durable with one fdatasync; and empties the
 * journal whenever a snapshot on disk holds everything in it. */
static void *writer(void *arg)
{
	struct journal *j = arg;
	pthread_mutex_lock(&j->mu);
	for (;;) {
		if (j->failing && !j->head && !j->stop) {   /* try every second whether writing works again */
			struct timespec now;
			clock_gettime(CLOCK_REALTIME, &now);
			if (before(&now, &j->probe_at)) {
				pthread_cond_timedwait(&j->cv, &j->mu, &j->probe_at);
				continue;
			}
			off_t size = j->size;
			pthread_mutex_unlock(&j->mu);
			int ok = probe(j, size);
			pthread_mutex_lock(&j->mu);
			if (ok) {
				j->failing = 0;
				pthread_cond_broadcast(&j->cv);
				pthread_mutex_unlock(&j->mu);
				if (j->wake) j->wake(j->ud);
				pthread_mutex_lock(&j->mu);
			} else {
				deadline_after(&j->probe_at, CLOCK_REALTIME, JOURNAL_RETRY_MS);
			}
			continue;
		}
		while (!j->head && !j->stop && !truncate_due(j) && !j->failing) pthread_cond_wait(&j->cv, &j->mu);
		if (j->failing && !j->head && !j->stop) continue;
		if (truncate_due(j)) {
			/* Only this thread writes the file, and nothing is being written: every line in
			 * it is in the snapshot. A failure here costs only space; lines go on. */
			pthread_mutex_unlock(&j->mu);
			int ok = plat_truncate(j->fd, 0) == 0 && plat_sync_data(j->fd) == 0;
			pthread_mutex_lock(&j->mu);
			if (ok) j->size = 0;
			else j->trunc_blocked = 1;   /* until the next snapshot */
			pthread_cond_broadcast(&j->cv);
			continue;
		}
		if (!j->head) break;   /* stopping with nothing left */
		struct job *job = j->head;
		if (j->open_run == job) j->open_run = NULL;   /* no more lines join a run being written */
		off_t size = j->size;
		pthread_mutex_unlock(&j->mu);

		char msg[256];
		int rc = run_job(j, job, size, msg, sizeof msg);

		pthread_mutex_lock(&j->mu);
		if (rc == 0) {
			j->head = job->next;
			if (!j->head) j->tail = NULL;
			if (!job->snapshot) {
				j->size += (off_t)job->len;
				if (job->last_seq > j->durable_seq) j->durable_seq = job->last_seq;
				j->failing = 0;
			}
			job_free(job);
		} else if (job->snapshot) {
			/* A snapshot in line could not be written: the lines behind it can. The session
			 * file's thread tries it again (unless it has a newer one). */
			j->head = job->next;
			if (!j->head) j->tail = NULL;
			if (!j->snap_job) j->snap_job = job;
			else job_free(job);
			j->snap_failing = 1;
			strlcpy_m(j->snap_msg, msg, sizeof j->snap_msg);
			deadline_after(&j->snap_retry, CLOCK_REALTIME, JOURNAL_RETRY_MS);
		} else {
			fail_lines(j, msg);
		}
		pthread_cond_broadcast(&j->cv);
		pthread_mutex_unlock(&j->mu);
		if (j->wake) j->wake(j->ud);
		pthread_mutex_lock(&j->mu);
	}
	j->writer_done = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

/* The session file's writer: the newest snapshot asked for, once every line it holds is
 * durable (so a file on disk never holds a change nobody was told of). Its fsyncs and rename
 * no longer hold up the lines, and so the acknowledgements, behind it. */
static void *snapshotter(void *arg)
{
	struct journal *j = arg;
	pthread_mutex_lock(&j->mu);
	for (;;) {
		struct job *job = j->snap_job;
		if (job && j->snap_failing && !j->stop) {   /* after a failure, wait before trying again */
			struct timespec t;
			clock_gettime(CLOCK_REALTIME, &t);
			if (t.tv_sec < j->snap_retry.tv_sec ||
			    (t.tv_sec == j->snap_retry.tv_sec && t.tv_nsec < j->snap_retry.tv_nsec)) {
				pthread_cond_timedwait(&j->cv, &j->mu, &j->snap_retry);
				continue;
			}
		}
		if (!job || j->durable_seq < job->last_seq) {
			if (j->stop && (!job || j->writer_done)) break;   /* at exit: never durable, not written */
			pthread_cond_wait(&j->cv, &j->mu);
			continue;
		}
		j->snap_job = NULL;
		j->snap_busy = 1;
		pthread_mutex_unlock(&j->mu);

		char msg[256];
		int rc = write_snapshot(j, job, msg, sizeof msg);

		pthread_mutex_lock(&j->mu);
		j->snap_busy = 0;
		if (rc == 0) {
			j->snap_failing = 0;
			job_free(job);
		} else {
			j->snap_failing = 1;
			strlcpy_m(j->snap_msg, msg, sizeof j->snap_msg);
			if (j->snap_job) {   /* a newer one came meanwhile: that one is tried instead */
				job_free(job);
			} else {
				j->snap_job = job;
			}
		}
		if (rc != 0) {
			deadline_after(&j->snap_retry, CLOCK_REALTIME, JOURNAL_RETRY_MS);
		}
		pthread_cond_broadcast(&j->cv);   /* the writer may empty the journal now */
		pthread_mutex_unlock(&j->mu);
		if (j->wake) j->wake(j->ud);
		pthread_mutex_lock(&j->mu);
		if (rc != 0 && j->stop) break;   /* give up at exit; main reports what was not saved */
	}
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

/* ---- the main thread's side ------------------------------------------------------------------- */

struct journal *journal_open(const char *path, uint64_t next_seq, journal_wake_fn wake, void *ud,
                             char *err, size_t errlen)
{
	/* Never through a link planted at path; 0600 even if an older file was wider (it holds
	 * names and every phone's token). */
	int fd = plat_open(path, PLAT_WRITE | PLAT_CREATE | PLAT_APPEND);
	if (fd < 0) {
		if (errno == ELOOP)
			snprintf(err, errlen, "the journal %s is a symbolic link; refusing to write through it", path);
		else
			snprintf(err, errlen, "cannot open the journal %s: %s", path, strerror(errno));
		return NULL;
	}
	if (plat_make_private(fd) < 0) {   /* (tests use /dev/full: a device is left as it is) */
		snprintf(err, errlen, "cannot make the journal %s private (mode 0600): %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	struct journal *j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->fd = fd;
	j->last_seq = j->durable_seq = next_seq ? next_seq - 1 : 0;
	j->wake = wake;
	j->ud = ud;
	j->size = lseek(fd, 0, SEEK_END);
	if (j->size < 0) j->size = 0;
	j->rotate_bytes = JOURNAL_ROTATE_BYTES;
	pthread_mutex_init(&j->mu, NULL);
	pthread_mutex_init(&j->snap_mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	if (pthread_create(&j->thread, NULL, writer, j) != 0) {
		snprintf(err, errlen, "cannot start the journal writer");
		close(fd);
		free(j->path);
		free(j);
		return NULL;
	}
	if (pthread_create(&j->snap_thread, NULL, snapshotter, j) != 0) {
		snprintf(err, errlen, "cannot start the session file writer");
		pthread_mutex_lock(&j->mu);
		j->stop = 1;
		pthread_cond_broadcast(&j->cv);
		pthread_mutex_unlock(&j->mu);
		pthread_join(j->thread, NULL);
		close(fd);
		free(j->path);
		free(j);
		return NULL;
	}
	return j;
}

static void enqueue(struct journal *j, struct job *job)
{
	if (j->tail) j->tail->next = job;
	else j->head = job;
	j->tail = job;
}

uint64_t journal_append(struct journal *j, const struct command *c)
{
	pthread_mutex_lock(&j->mu);
	uint64_t seq = ++j->last_seq;
	if (j->discarding) {   /* made on a model that is being rolled back: never written */
		pthread_mutex_unlock(&j->mu);
		return seq;
	}
	char *line = journal_encode(c, seq);
	size_t n = strlen(line);
	struct job *run = j->open_run;
	if (!run) {   /* a new run; lines that come while the writer is busy join it: one fdatasync for all */
		run = xcalloc(1, sizeof *run);
		enqueue(j, run);
		j->open_run = run;
	}
	run->data = xrealloc(run->data, run->len + n + 2);
	memcpy(run->data + run->len, line, n);
	run->data[run->len + n] = '\n';
	run->len += n + 1;
	run->last_seq = seq;
	j->since_snapshot++;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	free(line);
	return seq;
}

void journal_snapshot(struct journal *j, struct session *copy, int64_t saved_ms, const char *session_path)
{
	struct job *job = xcalloc(1, sizeof *job);
	job->snapshot = 1;
	job->s = copy;
	job->saved_ms = saved_ms;
	job->path = xstrdup(session_path);
	pthread_mutex_lock(&j->mu);
	if (j->discarding) {   /* it holds changes that are being rolled back */
		pthread_mutex_unlock(&j->mu);
		job_free(job);
		return;
	}
	job->last_seq = j->last_seq;
	job_free(j->snap_job);   /* not started yet: this newer one holds all of it */
	j->snap_job = NULL;
	if (j->size > j->rotate_bytes) {
		/* The journal has not been emptied for long (changes never paused for a snapshot to
		 * catch up): this snapshot goes in line, so that the writer empties the journal right
		 * after it, before the next lines. Acks wait for it this once. */
		enqueue(j, job);
		j->open_run = NULL;   /* later lines go after the snapshot */
	} else {
		j->snap_job = job;
	}
	j->since_snapshot = 0;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

void journal_set_rotate_bytes(struct journal *j, size_t bytes)
{
	pthread_mutex_lock(&j->mu);
	j->rotate_bytes = (off_t)bytes;
	pthread_mutex_unlock(&j->mu);
}

uint64_t journal_durable(struct journal *j)
{
	pthread_mutex_lock(&j->mu);
	uint64_t d = j->durable_seq;
	pthread_mutex_unlock(&j->mu);
	return d;
}

uint64_t journal_last(struct journal *j)
{
	pthread_mutex_lock(&j->mu);
	uint64_t d = j->last_seq;
	pthread_mutex_unlock(&j->mu);
	return d;
}

uint64_t journal_pending_entries(struct journal *j)
{
	pthread_mutex_lock(&j->mu);
	uint64_t n = j->since_snapshot;
	pthread_mutex_unlock(&j->mu);
	return n;
}

int journal_take_rollback(struct journal *j, uint64_t *durable)
{
	pthread_mutex_lock(&j->mu);
	int r = j->rolled_back;
	if (r) {
		j->rolled_back = j->discarding = 0;
		j->last_seq = j->durable_seq;   /* the dropped numbers are given out again */
		j->since_snapshot = 0;
		*durable = j->durable_seq;
	}
	pthread_mutex_unlock(&j->mu);
	return r;
}

int journal_failing(struct journal *j, char *err, size_t errlen)
{
	pthread_mutex_lock(&j->mu);
	int f = j->failing || j->snap_failing;
	if (f && err) strlcpy_m(err, j->failing ? j->fail_msg : j->snap_msg, errlen);
	pthread_mutex_unlock(&j->mu);
	return f;
}

/* Lines to write, a session file to write, or a journal to empty (lock held). */
static int busy(const struct journal *j)
{
	return j->head || j->snap_job || j->snap_busy || truncate_due(j);
}

int journal_flush(struct journal *j, int timeout_ms)
{
	struct timespec until;
	deadline_after(&until, CLOCK_REALTIME, timeout_ms);
	pthread_mutex_lock(&j->mu);
	while (busy(j)) {
		if (pthread_cond_timedwait(&j->cv, &j->mu, &until) != 0) break;
	}
	int rc = busy(j) ? -1 : 0;
	pthread_mutex_unlock(&j->mu);
	return rc;
}

void journal_close(struct journal *j)
{
	if (!j) return;
	pthread_mutex_lock(&j->mu);
	j->stop = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	pthread_join(j->thread, NULL);
	pthread_join(j->snap_thread, NULL);
	for (struct job *job = j->head, *next; job; job = next) {
		next = job->next;
		job_free(job);
	}
	job_free(j->snap_job);
	close(j->fd);
	pthread_mutex_destroy(&j->mu);
	pthread_mutex_destroy(&j->snap_mu);
	pthread_cond_destroy(&j->cv);
	free(j->path);
	free(j);
}
