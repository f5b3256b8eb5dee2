/* report.h: reports for staff after the meeting (HTML, Markdown, CSV) from a saved session,
 * and an overview of many sessions. report_main() reads and writes files; the rest renders
 * into memory and does no I/O (it reads the local time zone through localtime_r). */
#ifndef MEDSKAPA_REPORT_H
#define MEDSKAPA_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include "session.h"

struct words;

/* `medskapa report SESSION.json [--format html|md|csv] [--sep comma|semicolon] [-o FILE]
 * [--table ideas|signals|consent|languages] [--anonymise] [--by-language] [--lang LANG]`
 * and `medskapa report --overview DIR [-o FILE] [--lang LANG]`. argv[0] is "report"; home is
 * the program's folder (options_find_home), where the catalogue of words is. The session's photos
 * are read from its photo folder ("X-photos" beside "X.json"), each only when its name is one the
 * host makes and the file a regular one (never through a link). Writes to FILE (atomically,
 * mode 0600: reports hold names) or to standard output. Returns the exit code: 0, 1 when a file
 * cannot be read or written (the message names the file and the problem), 2 on bad options
 * (with the usage) or an unknown language (naming the languages; nothing is written). */
int report_main(int argc, char **argv, const char *home);

enum report_format { REPORT_HTML = 1, REPORT_MD, REPORT_CSV };
/* What the CSV holds: one row an idea (the default), or the signals, one row an activity and
 * language. */
enum report_table { REPORT_TABLE_IDEAS = 0, REPORT_TABLE_SIGNALS, REPORT_TABLE_CONSENT, REPORT_TABLE_ACTIONS,
                   REPORT_TABLE_LANGUAGES   /* --by-language's counts: a row per item and language group */ };

/* A photo an idea names, as report_main found it in the session's photo folder. The renderers
 * look it up by file name; a photo that is not in the list is shown as missing. */
enum report_photo_state {
	REPORT_PHOTO_MISSING = 0,   /* no such file in the folder */
	REPORT_PHOTO_OK,            /* data holds it */
	REPORT_PHOTO_DAMAGED,       /* there, but not what its name says: a link or not a regular file,
	                             * too big, not a whole JPEG or PNG, or bytes of another SHA-256 */
};
struct report_photo {
	const char *file;           /* "<sha256>.jpg|png", as the idea names it */
	enum report_photo_state state;
	const unsigned char *data;  /* OK: the bytes */
	size_t len;
	const char *mime;           /* OK: "image/jpeg" or "image/png", from the bytes */
};

struct report_opts {
	enum report_format format;
	int anonymise;              /* leave display names out everywhere */
	char sep;                   /* CSV field separator: ',' (0 = ',') or ';' (Excel set to Swedish) */
	const char *source;         /* the session's file name, shown at the end; NULL = none */
	const char *zone;           /* what the local time zone is called ("Europe/Stockholm") */
	const struct words *words;  /* the catalogue in the report's language (words_load); required */
	enum report_table table;    /* CSV only */
	const struct report_photo *photos;  /* the session's photos, n_photos of them (may be 0): the
	                             * HTML embeds the bytes, Markdown links to photo_dir/file */
	size_t n_photos;
	const char *photo_dir;      /* the photo folder's name beside the session ("X-photos"), NULL none */
	int by_language;            /* HTML, Markdown: a section of results by UI language group (groups
	                             * of at least REPORT_LANG_MIN people); off: one line says it is off */
};

/* A growing text buffer. Appending aborts on out-of-memory (xmalloc); data is NUL-terminated
 * once anything was appended. Zero-initialise; free with report_buf_free(). */
struct report_buf {
	char *data;
	size_t len, cap;
};
void report_buf_free(struct report_buf *b);

/* Append the report of session s in o->format to b. Times are shown in local time. */
void report_render(const struct session *s, const struct report_opts *o, struct report_buf *b);

/* One file of a folder for the overview: a session, or why it was left out. */
struct report_entry {
	const char *file;           /* its name, as shown */
	const struct session *s;    /* NULL when skipped */
	const char *skipped;        /* why, when s is NULL */
};
/* Append the HTML overview of n entries (in the order given: the caller sorts) to b. */
void report_render_overview(const struct report_entry *e, size_t n, const char *folder,
                            const struct report_opts *o, struct report_buf *b);

/* Escapers, exposed for the unit tests. Each appends s to b. */
/* HTML text or attribute value: & < > " ' escaped; control characters but tab and newline
 * become spaces. */
void report_put_html(struct report_buf *b, const char *s);
/* Markdown inline text: punctuation that Markdown would read as markup backslash-escaped,
 * block markers at the start of a line too; each line break becomes `newline` (" " in a table
 * cell, "\\\n  " for a hard break inside a list item). */
void report_put_md(struct report_buf *b, const char *s, const char *newline);
/* One CSV field (RFC 4180): quoted when it holds sep (',' or ';'), a quote, CR or LF, quotes doubled. A
 * field starting with = + - @ or a tab gets a leading apostrophe, so that Excel shows it as
 * text instead of running it as a formula. */
void report_put_csv(struct report_buf *b, const char *s, char sep);

/* Bytes as standard base64 (RFC 4648, with '=' padding), for a data: URI. */
void report_put_base64(struct report_buf *b, const unsigned char *d, size_t n);

/* "23 november 2026": the local date of ms, in w's language. */
void report_date(const struct words *w, int64_t ms, char *buf, size_t len);
/* "1 tim 39 min", "39 min", "under 1 min": a duration, rounded to the minute, in w's language. */
void report_duration(const struct words *w, int64_t ms, char *buf, size_t len);

#endif
