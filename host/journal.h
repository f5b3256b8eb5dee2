/* journal.h: the session's append-only journal, next to the session file (FILE.journal).
 * Every applied command is appended as one JSON line with a sequence number; a writer thread
 * makes them durable in groups (one fdatasync covers everything that arrived meanwhile) and
 * says how far it got, so that main acknowledges only what is durable. Snapshots (the session
 * file) are written by the same thread, in order, after which the journal starts again.
 * Resume = load the snapshot, then replay the journal lines after the snapshot's sequence. */
#ifndef MEDSKAPA_JOURNAL_H
#define MEDSKAPA_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include "session.h"

/* Called on the writer thread after it made something durable or failed; must be thread-safe. */
typedef void (*journal_wake_fn)(void *ud);

struct journal;

/* Open (create) the journal at path for appending, numbering new entries from next_seq, and
 * start the writer thread. NULL with err. */
struct journal *journal_open(const char *path, uint64_t next_seq, journal_wake_fn wake, void *ud,
                             char *err, size_t errlen);

/* Queue a command for the journal; returns its sequence number. Does no I/O itself. */
uint64_t journal_append(struct journal *j, const struct command *c);

/* Queue a snapshot: json (ownership passes to the journal) is written atomically to
 * session_path once every entry before it is durable; then the journal is emptied. The
 * snapshot must include every entry up to the last journal_append() so far. */
void journal_snapshot(struct journal *j, char *json, const char *session_path);

/* Highest sequence number known durable (0 = none yet). Thread-safe. */
uint64_t journal_durable(struct journal *j);

/* Last sequence number given out. */
uint64_t journal_last(struct journal *j);

/* Entries appended since the last snapshot was queued. */
uint64_t journal_pending_entries(struct journal *j);

/* 1 while writing fails (disk full, unwritable): err gets the reason. The writer keeps the
 * unwritten entries and tries again every second; nothing is lost while the host runs. */
int journal_failing(struct journal *j, char *err, size_t errlen);

/* Wait until everything queued is durable, or timeout_ms passes. 0 when all is durable. */
int journal_flush(struct journal *j, int timeout_ms);

/* Stop the writer (after trying to flush) and close. */
void journal_close(struct journal *j);

/* Encode a command as one journal line (JSON, no newline). Caller frees. No I/O. */
char *journal_encode(const struct command *c, uint64_t seq);

/* Replay the journal at path into s: every entry with seq > after. A torn last line (a write
 * cut short by a crash) is dropped with a warning in warn, and with repair set the file is cut
 * back to the last whole line (else the file is only read); any other damage fails with err
 * naming the file, line and problem, changing nothing on disk. *last gets the last sequence
 * number seen (or after). 0 or -1. A missing journal is an empty one. */
int journal_replay(const char *path, struct session *s, uint64_t after, int repair, uint64_t *last,
                   size_t *applied, char *warn, size_t warnlen, char *err, size_t errlen);

#endif
