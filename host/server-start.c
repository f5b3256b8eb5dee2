/* server-start.c: start-up. The session file (named from the date and the title, created
 * or resumed with its journal), the join address of this computer and the facilitator's. */
#include "server.h"
#include "net.h"
#include "journal.h"
#include "plat.h"
#include "store.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void slugify(const char *title, char *out, size_t outlen)
{
	static const struct { const char *from, *to; } fold[] = {
		{ "å", "a" }, { "ä", "a" }, { "ö", "o" }, { "Å", "a" }, { "Ä", "a" }, { "Ö", "o" },
		{ "é", "e" }, { "ü", "u" },
	};
	size_t n = 0;
	int dash = 0;
	for (const char *p = title; *p && n + 2 < outlen;) {
		unsigned char c = (unsigned char)*p;
		const char *rep = NULL;
		size_t adv = 1;
		for (size_t k = 0; k < NELEM(fold); k++)
			if (strncmp(p, fold[k].from, strlen(fold[k].from)) == 0) {
				rep = fold[k].to;
				adv = strlen(fold[k].from);
			}
		char ascii = 0;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ascii = (char)c;
		if (c >= 'A' && c <= 'Z') ascii = (char)(c - 'A' + 'a');
		if (rep) ascii = rep[0];
		if (!ascii && c >= 0x80) utf8_decode(p, strlen(p), &adv);
		if (ascii) {
			out[n++] = ascii;
			dash = 0;
		} else if (!dash && n > 0) {
			out[n++] = '-';
			dash = 1;
		}
		p += adv;
	}
	while (n > 0 && out[n - 1] == '-') n--;
	out[n] = '\0';
	if (n == 0) strlcpy_m(out, "session", outlen);
}

static char *new_session_path(const struct session *s, const char *dir)
{
	char slug[64], stamp[32], *path;
	time_t t = (time_t)(s->created_ms / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M", &tm);
	slugify(s->title, slug, sizeof slug);
	plat_mkdir(dir);   /* with its parents: the user's data folder may be new (options_find_home) */
	for (int i = 1;; i++) {
		size_t len = strlen(dir) + strlen(stamp) + strlen(slug) + 32;
		path = xmalloc(len);
		if (i == 1) snprintf(path, len, "%s/%s-%s.json", dir, stamp, slug);
		else snprintf(path, len, "%s/%s-%s-%d.json", dir, stamp, slug, i);
		if (!plat_exists(path)) return path;   /* a dangling link is not free */
		free(path);
	}
}

static struct session *default_session(int64_t t)
{
	struct session *s = session_new("Medskapande möte", "sv", t);
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .title = "Idéer", .prompt = "Vad vill du föreslå?" };
	struct command add = { .type = CMD_ACTIVITY_ADD, .at_ms = t, .facilitator = 1, .spec = &sp };
	struct command open = { .type = CMD_PHASE, .at_ms = t, .facilitator = 1, .n = PHASE_OPEN };
	struct session_result res;
	session_apply(s, &add, &res);
	session_apply(s, &open, &res);
	return s;
}

/* Before anything is read or written: the session file and its journal must each be absent
 * or a regular file. A symbolic link planted at either is refused, naming it (lstat only).
 * 0, or -1 after printing why in w's words. */
static int refuse_links(const char *path, const struct words *w)
{
	char err[512], *journal = xmalloc(strlen(path) + 9);
	sprintf(journal, "%s.journal", path);
	int rc = 0;
	if (store_check_target(path, err, sizeof err) < 0 || store_check_target(journal, err, sizeof err) < 0) {
		words_say(stderr, "medskapa: ", w, W_HOST_LINK_REFUSED, "why", err, NULL);
		words_say(stderr, "medskapa: ", w, W_HOST_NOTHING_CHANGED, NULL);
		rc = -1;
	}
	free(journal);
	return rc;
}

/* Load or create the session named by the options, replaying its journal. 0, or -1 after
 * printing why (and touching nothing). *next_seq gets the journal's next sequence number. */
int server_open_session(struct server *a, uint64_t *next_seq)
{
	const struct words *w = a->words;
	char err[512], warn[512];
	int64_t t = server_now_ms();
	const char *path = a->opt.session_path;
	int writes = !a->opt.screenshot && !a->opt.review;   /* those two only read */
	*next_seq = 1;
	if (path && writes && refuse_links(path, w) < 0) return -1;
	if (path && plat_exists(path)) {
		uint64_t jseq = 0, last;
		size_t applied;
		if (a->opt.template_path)
			words_say(stderr, "medskapa: ", w, W_HOST_TEMPLATE_IGNORED, "file", path, NULL);
		a->s = store_load(path, &jseq, err, sizeof err);
		if (!a->s) {
			words_say(stderr, "medskapa: ", w, W_HOST_RESUME_FAILED, "why", err, NULL);
			words_say(stderr, "medskapa: ", w, W_HOST_FILE_LEFT, NULL);
			return -1;
		}
		a->path = xstrdup(path);
		a->journal_path = xmalloc(strlen(path) + 9);
		sprintf(a->journal_path, "%s.journal", path);
		if (journal_replay(a->journal_path, a->s, jseq, writes, &last, &applied, warn, sizeof warn, err, sizeof err) < 0) {
			words_say(stderr, "medskapa: ", w, W_HOST_RESUME_FAILED, "why", err, NULL);
			words_say(stderr, "medskapa: ", w, W_HOST_JOURNAL_ASIDE, NULL);
			return -1;
		}
		if (warn[0]) words_say(stderr, "medskapa: ", w, W_HOST_WARNING, "why", warn, NULL);
		a->replayed = applied;   /* main says so, in the meeting's language */
		*next_seq = last + 1;
		return 0;
	}
	if (a->opt.template_path) {
		a->s = store_load_template(a->opt.template_path, t, err, sizeof err);
		if (!a->s) {
			words_say(stderr, "medskapa: ", w, W_HOST_TEMPLATE_FAILED, "why", err, NULL);
			return -1;
		}
	} else {
		a->s = default_session(t);
	}
	a->path = path ? xstrdup(path) : new_session_path(a->s, a->opt.sessions_dir);
	a->journal_path = xmalloc(strlen(a->path) + 9);
	sprintf(a->journal_path, "%s.journal", a->path);
	if (a->opt.screenshot) return 0;   /* a screenshot leaves no file behind */
	if (!path && refuse_links(a->path, w) < 0) return -1;
	plat_remove(a->journal_path);       /* a stale journal of an older file of that name */
	if (store_save(a->s, a->path, t, 0, err, sizeof err) < 0) {
		words_say(stderr, "medskapa: ", w, W_HOST_CREATE_FAILED, "why", err, NULL);
		return -1;
	}
	return 0;
}

/* Print the join address for every usable interface; keep the first for the QR code. */
void server_find_addresses(struct server *a, int port, int print)
{
	struct plat_addr addrs[16];
	int found = plat_addresses(addrs, (int)NELEM(addrs));
	for (int i = 0; i < found; i++) {
		char url[256];
		snprintf(url, sizeof url, "http://%s:%d/", addrs[i].ip, port);
		if (i == 0 && !a->opt.join_url) strlcpy_m(a->join_url, url, sizeof a->join_url);
		if (print) words_say(stdout, "  ", a->words, W_HOST_JOIN, "interface", addrs[i].name, "url", url, NULL);
	}
	if (a->opt.join_url) strlcpy_m(a->join_url, a->opt.join_url, sizeof a->join_url);
	if (!found) {
		if (!a->opt.join_url) snprintf(a->join_url, sizeof a->join_url, "http://127.0.0.1:%d/", port);
		if (print) {
			words_say(stdout, "  ", a->words, W_HOST_NO_NETWORK, NULL);
			words_say(stdout, "  ", a->words, W_HOST_NO_NETWORK_HINT, "url", a->join_url, NULL);
		}
	}
}

/* The join address with the key in its fragment (never sent to a server in a request line). */
void server_set_facilitator_url(struct server *a)
{
	size_t n = strlcpy_m(a->facilitator_url, a->join_url, sizeof a->facilitator_url);
	if (n + 5 + sizeof a->key < sizeof a->facilitator_url) {
		memcpy(a->facilitator_url + n, "#key=", 5);
		memcpy(a->facilitator_url + n + 5, a->key, sizeof a->key);
	}
	/* the interpreter's page, with their key in the fragment */
	n = strlen(a->join_url);
	snprintf(a->interpreter_url, sizeof a->interpreter_url, "%s%sinterpreter.html#ikey=%s", a->join_url,
	         n && a->join_url[n - 1] == '/' ? "" : "/", a->ikey);
}

void server_set_media_dirs(struct server *a)
{
	size_t n = strlen(a->path);
	if (n > 5 && strcmp(a->path + n - 5, ".json") == 0) n -= 5;
	free(a->photo_dir);
	a->photo_dir = xmalloc(n + 8);
	memcpy(a->photo_dir, a->path, n);
	memcpy(a->photo_dir + n, "-photos", 8);
	/* recorded prompts sit in audio/ beside the template the meeting came from (or the
	 * program's own templates) */
	char dir[4400];
	const char *t = a->opt.template_path;
	const char *slash = t ? strrchr(t, '/') : NULL;
#ifdef _WIN32
	const char *bs = t ? strrchr(t, '\\') : NULL;
	if (bs && (!slash || bs > slash)) slash = bs;
#endif
	if (t && slash) snprintf(dir, sizeof dir, "%.*s/audio", (int)(slash - t), t);
	else if (t) snprintf(dir, sizeof dir, "audio");
	else snprintf(dir, sizeof dir, "%s/sessions/templates/audio", a->opt.home);
	free(a->audio_dir);
	a->audio_dir = xstrdup(dir);
}

void server_hide_photos(struct server *a)
{
	for (size_t i = 0; a->net && i < a->s->n_ideas; i++)
		if (a->s->ideas[i].photo && a->s->ideas[i].hidden) net_photo_hide(a->net, a->s->ideas[i].photo, 1);
}
