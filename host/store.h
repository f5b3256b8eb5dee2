/* store.h: the session file (docs/session-format.md). Turns a session into JSON and back,
 * saves it atomically, loads it on resume, and starts sessions from agenda templates.
 * Does file I/O; the JSON conversions alone do none. */
#ifndef MEDSKAPA_STORE_H
#define MEDSKAPA_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "session.h"

#define STORE_FORMAT   "medskapa-session"
#define STORE_TEMPLATE "medskapa-template"

/* The session as JSON text (pretty-printed, ending in a newline). journal_seq is the last
 * journal entry the snapshot includes (resume replays only later ones). Caller frees. */
char *store_to_json(const struct session *s, int64_t saved_ms, uint64_t journal_seq);

/* Parse session JSON. name is used in messages (the file name). NULL with err on any problem;
 * the message names the file and what is wrong. */
struct session *store_from_json(const char *json, size_t len, const char *name, uint64_t *journal_seq,
                                char *err, size_t errlen);

/* Write the session to path atomically: a temporary file beside it under a fresh random name
 * (created with O_EXCL, mode 0600 whatever the umask), fsync, rename, fsync the folder. Refused
 * when path is a symbolic link or not a regular file, or its folder is a link (see
 * store_check_target). The previous file stays intact on any failure. 0 or -1 with err. */
int store_save(const struct session *s, const char *path, int64_t now_ms, uint64_t journal_seq,
               char *err, size_t errlen);

/* Write data to path atomically in the same way (any file: reports too). 0 or -1 with err. */
int store_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen);

/* 0 if path is absent or a regular file; -1 with err naming it when it is a symbolic link
 * (never written through) or anything else. Does lstat only. */
int store_check_target(const char *path, char *err, size_t errlen);

/* Read a session file; *journal_seq (may be NULL) gets its journal_seq. NULL with err
 * (missing file: errno ENOENT is left for the caller). */
struct session *store_load(const char *path, uint64_t *journal_seq, char *err, size_t errlen);

/* A new session from an agenda template file, created at now_ms. NULL with err. */
struct session *store_load_template(const char *path, int64_t now_ms, char *err, size_t errlen);

/* The same from template JSON text json[0..len) (need not end in a NUL); name is used in
 * messages. No I/O. Caller frees the session (session_free); NULL with err on any problem. */
struct session *store_template_from_json(const char *json, size_t len, const char *name, int64_t now_ms,
                                         char *err, size_t errlen);

/* The agenda of s as template JSON text (pretty-printed, ending in a newline) that
 * store_template_from_json reads back: the title, language and tables, and each activity as it
 * was set up, without anything people gave. No I/O. Caller frees. */
char *store_template_to_json(const struct session *s);

/* Read a whole file into a NUL-terminated buffer (at most max bytes). NULL with err. */
char *store_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen);

#endif
