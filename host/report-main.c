/* report-main.c: the `medskapa report` command: its options, loading a session with what its
 * journal adds and the photos its ideas name, the overview's folder, and writing the result
 * atomically. */
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "journal.h"
#include "photo.h"
#include "plat.h"
#include "report-int.h"
#include "store.h"
#include "util.h"

#define OVERVIEW_MAX_FILE   (256u * 1024 * 1024)   /* as store_load */

/* What the report command says goes to the terminal in the report's language (--lang, Swedish
 * by default, and Swedish when --lang names a language there are no words for). */
#define SAY(w, id, ...) words_say(stderr, "medskapa report: ", (w), (id), __VA_ARGS__, NULL)

static void usage(FILE *f, const struct words *w)
{
	words_say(f, "", w, W_HOST_REPORT_USAGE, NULL);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* Write the report to path (atomically, 0600) or to stdout. 0 or -1 with a message printed. */
static int write_out(const struct report_buf *b, const char *path, const struct words *w)
{
	char err[512];
	const char *data = b->data ? b->data : "";
	if (path) {
		if (store_write_atomic(path, data, b->len, err, sizeof err) < 0) {
			fprintf(stderr, "medskapa report: %s\n", err);
			return -1;
		}
		return 0;
	}
	plat_binary_stdout();   /* the same bytes as with -o: a CSV's line ends stay "\r\n" on Windows */
	if ((b->len && fwrite(data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0) {
		SAY(w, W_HOST_REPORT_STDOUT, "why", strerror(errno));
		return -1;
	}
	return 0;
}

/* One *.json of the overview's folder: a session, or why it was left out. */
struct ov_file {
	char *name;
	struct session *s;
	char *why;                  /* NULL when s */
	int64_t first;              /* the meeting's first event: the overview's order */
};

static int ov_file_cmp(const void *x, const void *y)
{
	const struct ov_file *a = x, *b = y;
	if (!a->s != !b->s) return a->s ? -1 : 1;   /* sessions first, in the order they took place */
	if (a->s && a->first != b->first) return a->first < b->first ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* A message from store names the file first; the overview shows the file in its own column. */
static char *without_path(const char *err, const char *path)
{
	size_t n = strlen(path);
	return xstrdup(strncmp(err, path, n) == 0 && err[n] == ':' && err[n + 1] == ' ' ? err + n + 2 : err);
}

/* Add to s what the journal beside path holds after the snapshot's journal_seq: a host that was
 * killed, or a laptop that lost power, kept its last second or so only there, and staff must
 * see it. Only reads (a torn last line is left on disk and skipped). 0, or -1 with err. */
static int with_journal(const char *path, struct session *s, uint64_t jseq, const struct words *w, char *err,
                        size_t errlen)
{
	size_t plen = strlen(path) + 9, applied = 0;
	char *jpath = xmalloc(plen), warn[512];
	uint64_t last;
	snprintf(jpath, plen, "%s.journal", path);
	int rc = journal_replay(jpath, s, jseq, 0, &last, &applied, warn, sizeof warn, err, errlen);
	if (rc == 0 && warn[0]) SAY(w, W_HOST_WARNING, "why", warn);
	if (rc == 0 && applied)
		words_say_n(stderr, "medskapa report: ", w, W_HOST_REPORT_FROM_JOURNAL, (long)applied,
		            "file", base_name(path), "journal", base_name(jpath), NULL);
	free(jpath);
	return rc;
}

/* Read f->name in dir: a session, or a template, other JSON or a damaged file with the reason. */
static void ov_load(const char *dir, const struct words *w, struct ov_file *f)
{
	size_t plen = strlen(dir) + strlen(f->name) + 2, len;
	char *path = xmalloc(plen), err[512];
	uint64_t jseq = 0;
	snprintf(path, plen, "%s/%s", dir, f->name);
	char *buf = store_read_file(path, OVERVIEW_MAX_FILE, &len, err, sizeof err);
	cJSON *root = buf ? cJSON_ParseWithLength(buf, len) : NULL;
	const cJSON *fmt = root ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
	const char *format = cJSON_IsString(fmt) ? fmt->valuestring : NULL;
	if (!buf) {
		f->why = without_path(err, path);
	} else if (format && strcmp(format, STORE_TEMPLATE) == 0) {
		f->why = xstrdup(word(w, W_REPORT_TEMPLATE));
	} else if (root && (!format || strcmp(format, STORE_FORMAT) != 0)) {
		f->why = xstrdup(word(w, W_REPORT_NOT_SESSION));
	} else if (!(f->s = store_from_json(buf, len, path, &jseq, err, sizeof err))
	           || with_journal(path, f->s, jseq, w, err, sizeof err) < 0) {
		session_free(f->s);
		f->s = NULL;
		f->why = without_path(err, path);   /* damaged: staff should hear of it */
		SAY(w, W_HOST_REPORT_LEFT_OUT, "why", err);
	} else {
		int64_t last;
		report_session_span(f->s, &f->first, &last);
	}
	cJSON_Delete(root);
	free(buf);
	free(path);
}

struct ov_list {
	const char *dir;
	struct ov_file *files;
	size_t n, cap;
};

/* One entry of the folder: kept if it is a regular *.json file. */
static int ov_take(const char *name, void *ud)
{
	struct ov_list *l = ud;
	size_t len = strlen(name);
	if (name[0] == '.' || len < 6 || strcmp(name + len - 5, ".json") != 0) return 0;
	size_t plen = strlen(l->dir) + len + 2;
	char *path = xmalloc(plen);
	snprintf(path, plen, "%s/%s", l->dir, name);
	int regular = plat_is_file(path);
	free(path);
	if (regular) {
		xgrow((void **)&l->files, &l->cap, l->n + 1, sizeof *l->files);
		l->files[l->n++] = (struct ov_file){ .name = xstrdup(name) };
	}
	return 0;
}

/* Every *.json in dir (not in folders below it), sessions loaded, the rest with why not. */
static int overview(const char *dir, const struct report_opts *o, const char *out)
{
	struct ov_list l = { .dir = dir };
	if (plat_list_dir(dir, ov_take, &l) < 0) {
		fprintf(stderr, "medskapa report: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	struct ov_file *files = l.files;
	size_t n = l.n;
	for (size_t i = 0; i < n; i++) ov_load(dir, o->words, &files[i]);
	if (n) qsort(files, n, sizeof *files, ov_file_cmp);
	struct report_entry *e = xcalloc(n ? n : 1, sizeof *e);
	for (size_t i = 0; i < n; i++) e[i] = (struct report_entry){ files[i].name, files[i].s, files[i].why };
	struct report_buf b = { 0 };
	report_render_overview(e, n, base_name(dir), o, &b);
	int rc = write_out(&b, out, o->words) < 0 ? 1 : 0;
	report_buf_free(&b);
	for (size_t i = 0; i < n; i++) {
		session_free(files[i].s);
		free(files[i].why);
		free(files[i].name);
	}
	free(files);
	free(e);
	return rc;
}

struct args {
	const char *session, *out, *dir, *format, *sep, *lang, *table;
	int anonymise, sheets, by_language;
};

/* 0, or -1 when the options make no sense (the caller prints the usage). */
static int parse_args(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof *a);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], **slot = NULL;
		if (strcmp(arg, "--anonymise") == 0 || strcmp(arg, "--anonymize") == 0) a->anonymise = 1;
		else if (strcmp(arg, "--sheets") == 0) a->sheets = 1;
		else if (strcmp(arg, "--by-language") == 0) a->by_language = 1;
		else if (strcmp(arg, "--format") == 0) slot = &a->format;
		else if (strcmp(arg, "--sep") == 0) slot = &a->sep;
		else if (strcmp(arg, "--table") == 0) slot = &a->table;
		else if (strcmp(arg, "--lang") == 0) slot = &a->lang;
		else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) slot = &a->out;
		else if (strcmp(arg, "--overview") == 0) slot = &a->dir;
		else if (strncmp(arg, "--format=", 9) == 0 && !a->format) a->format = arg + 9;
		else if (arg[0] == '-' && arg[1]) return -1;
		else if (!a->session) a->session = arg;
		else return -1;
		if (slot) {
			if (*slot || i + 1 >= argc) return -1;
			*slot = argv[++i];
		}
	}
	if (!a->session == !a->dir) return -1;   /* one session, or one folder */
	if (a->sheets && (a->dir || a->format || a->sep || a->table || a->anonymise)) return -1;   /* sheets are HTML */
	if (a->dir && a->format && strcmp(a->format, "html") != 0) return -1;   /* the overview is HTML */
	if (a->sep && (!a->format || strcmp(a->format, "csv") != 0)) return -1;   /* only CSV has fields */
	if (a->table && (!a->format || strcmp(a->format, "csv") != 0)) return -1;   /* ... and tables */
	if (a->by_language && (a->dir || (a->format && strcmp(a->format, "csv") == 0))) return -1;   /* a section of
	                                                                  * one session's HTML or Markdown */
	return 0;
}

/* The photo folder of the session file path: "X-photos" beside "X.json". Caller frees. */
static char *photo_dir_of(const char *path)
{
	size_t n = strlen(path);
	if (n > 5 && strcmp(path + n - 5, ".json") == 0) n -= 5;
	char *dir = xmalloc(n + 8);
	memcpy(dir, path, n);
	memcpy(dir + n, "-photos", 8);
	return dir;
}

/* Read one photo of dir into p (p->file set): only a name the host makes (no path, no script),
 * only a regular file that is not a link (opened without following one), at most
 * PHOTO_MAX_BYTES, a whole JPEG or PNG whose SHA-256 and type are what its name says. */
static void photo_read(const char *dir, struct report_photo *p)
{
	struct photo_info info;
	unsigned char *buf = NULL;
	size_t n = 0;
	char path[PLAT_PATH_MAX];
	p->state = REPORT_PHOTO_DAMAGED;
	if (!photo_name_valid(p->file) || snprintf(path, sizeof path, "%s/%s", dir, p->file) >= (int)sizeof path) return;
	if (!plat_exists(path)) {
		p->state = REPORT_PHOTO_MISSING;
		return;
	}
	if (plat_is_link(path) || !plat_is_file(path)) return;
	int fd = plat_open(path, 0);
	if (fd < 0) return;
	buf = xmalloc(PHOTO_MAX_BYTES + 1);
	for (;;) {
		ssize_t got = read(fd, buf + n, PHOTO_MAX_BYTES + 1 - n);
		if (got < 0 && errno == EINTR) continue;
		if (got <= 0) {
			if (got < 0) n = PHOTO_MAX_BYTES + 1;   /* a read error: not shown */
			break;
		}
		n += (size_t)got;
		if (n > PHOTO_MAX_BYTES) break;
	}
	close(fd);
	size_t hex = strcspn(p->file, ".");
	if (n <= PHOTO_MAX_BYTES && photo_check(buf, n, &info) == PHOTO_OK && strncmp(info.sha256, p->file, hex) == 0 &&
	    hex == 64 && strcmp(p->file + hex + 1, photo_ext(info.type)) == 0) {
		p->state = REPORT_PHOTO_OK;
		p->data = buf;
		p->len = n;
		p->mime = photo_mime(info.type);
		return;
	}
	free(buf);
}

/* The photos the ideas of s name (each once), read from dir. Never fails: a photo that cannot
 * be read is listed as missing or damaged, and the report says so where it would be. */
static struct report_photo *photos_load(const char *dir, const struct session *s, size_t *n)
{
	struct report_photo *ph = NULL;
	size_t k = 0, cap = 0;
	for (size_t i = 0; i < s->n_ideas; i++) {
		const char *f = s->ideas[i].photo;
		size_t j = 0;
		if (!f) continue;
		while (j < k && strcmp(ph[j].file, f) != 0) j++;
		if (j < k) continue;
		xgrow((void **)&ph, &cap, k + 1, sizeof *ph);
		ph[k] = (struct report_photo){ .file = f };
		photo_read(dir, &ph[k++]);
	}
	*n = k;
	return ph;
}

/* Render and write the report of one session file; 0 or 1. */
static int one_session(const char *path, struct report_opts *o, const char *out)
{
	char err[512];
	uint64_t jseq = 0;
	struct session *s = store_load(path, &jseq, err, sizeof err);
	if (!s || with_journal(path, s, jseq, o->words, err, sizeof err) < 0) {
		fprintf(stderr, "medskapa report: %s\n", err);
		session_free(s);
		return 1;
	}
	o->source = base_name(path);
	char *dir = photo_dir_of(path);
	struct report_photo *photos = NULL;
	o->photo_dir = base_name(dir);
	if (o->format != REPORT_CSV) photos = photos_load(dir, s, &o->n_photos);   /* the CSV names them only */
	o->photos = photos;
	struct report_buf b = { 0 };
	report_render(s, o, &b);
	int rc = write_out(&b, out, o->words) < 0 ? 1 : 0;
	report_buf_free(&b);
	for (size_t i = 0; i < o->n_photos; i++) free((void *)photos[i].data);
	free(photos);
	free(dir);
	session_free(s);
	return rc;
}

/* `--sheets`: the printed sheets of a session or a template (issue 20), in the meeting's
 * language with the room's others beside it; 0 or 1. */
static int sheets(const char *path, const char *home, const char *out, const struct words *w)
{
	char err[512], terr[512];
	uint64_t jseq = 0;
	struct session *s = store_load(path, &jseq, err, sizeof err);
	if (s && with_journal(path, s, jseq, w, err, sizeof err) < 0) {
		session_free(s);
		s = NULL;
	}
	if (!s) s = store_load_template(path, 0, terr, sizeof terr);   /* a template is an agenda too */
	if (!s) {
		const char *why = strstr(err, STORE_TEMPLATE) ? terr : err;   /* a template's own complaint */
		fprintf(stderr, "medskapa report: %s\n", why);
		return 1;
	}
	const char *langs[WORDS_LANGS];
	struct words *ws[WORDS_LANGS];
	size_t n = report_sheet_langs(s, langs), k = 0;
	int rc = 0;
	for (; k < n; k++) {
		ws[k] = words_load(home, langs[k], err, sizeof err);
		if (!ws[k]) {
			fprintf(stderr, "medskapa report: %s\n", err);
			rc = 1;
			break;
		}
	}
	if (!rc) {
		struct report_buf b = { 0 };
		report_sheets(s, (const struct words *const *)ws, n, &b);
		rc = write_out(&b, out, w) < 0 ? 1 : 0;
		report_buf_free(&b);
	}
	while (k > 0) words_free(ws[--k]);
	session_free(s);
	return rc;
}

/* The command, its words loaded: 0 done, 1 failed, 2 bad options. */
static int report_run(int argc, char **argv, const struct words *w, const char *home)
{
	struct args a;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout, w);
			return 0;
		}
	}
	struct report_opts o = { .format = REPORT_HTML };
	if (parse_args(argc, argv, &a) < 0) {
		usage(stderr, w);
		return 2;
	}
	if (a.sheets) {
		tzset();
		return sheets(a.session, home, a.out, w);
	}
	if (a.format) {
		if (strcmp(a.format, "html") == 0) o.format = REPORT_HTML;
		else if (strcmp(a.format, "md") == 0 || strcmp(a.format, "markdown") == 0) o.format = REPORT_MD;
		else if (strcmp(a.format, "csv") == 0) o.format = REPORT_CSV;
		else {
			SAY(w, W_HOST_REPORT_FORMAT, "value", a.format);
			usage(stderr, w);
			return 2;
		}
	}
	o.anonymise = a.anonymise;
	o.by_language = a.by_language;
	if (a.table) {
		if (strcmp(a.table, "ideas") == 0) o.table = REPORT_TABLE_IDEAS;
		else if (strcmp(a.table, "signals") == 0) o.table = REPORT_TABLE_SIGNALS;
		else if (strcmp(a.table, "consent") == 0) o.table = REPORT_TABLE_CONSENT;
		else if (strcmp(a.table, "actions") == 0) o.table = REPORT_TABLE_ACTIONS;
		else if (strcmp(a.table, "languages") == 0) o.table = REPORT_TABLE_LANGUAGES;
		else {
			SAY(w, W_HOST_REPORT_TABLE, "value", a.table);
			usage(stderr, w);
			return 2;
		}
	}
	if (a.sep) {
		if (strcmp(a.sep, "comma") == 0 || strcmp(a.sep, ",") == 0) o.sep = ',';
		else if (strcmp(a.sep, "semicolon") == 0 || strcmp(a.sep, ";") == 0) o.sep = ';';
		else {
			SAY(w, W_HOST_REPORT_SEP, "value", a.sep);
			usage(stderr, w);
			return 2;
		}
	}
	if (a.lang && !words_known(a.lang)) {
		SAY(w, W_HOST_REPORT_LANG, "value", a.lang);
		usage(stderr, w);
		return 2;
	}
	o.words = w;
	char zone[256];
	plat_zone_name(zone, sizeof zone);
	o.zone = zone;
	tzset();
	return a.dir ? overview(a.dir, &o, a.out) : one_session(a.session, &o, a.out);
}

/* The --lang the command line names, if it names one there are words for; else Swedish. */
static const char *lang_of(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "--lang") == 0 && words_known(argv[i + 1])) return argv[i + 1];
	return "sv";   /* staff read Swedish unless they ask */
}

int report_main(int argc, char **argv, const char *home)
{
	char err[512];
	struct words *w = words_load(home, lang_of(argc, argv), err, sizeof err);
	if (!w) {
		fprintf(stderr, "medskapa report: %s\n", err);
		return 1;
	}
	int rc = report_run(argc, argv, w, home);
	words_free(w);
	return rc;
}
