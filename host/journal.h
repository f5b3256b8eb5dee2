/* journal.h: the session's append-only journal, next to the session file (FILE.journal).
 * Every applied command is appended as one JSON line with a sequence number; a writer thread
 * makes them durable in groups (one fdatasync covers everything that arrived meanwhile) and
 * says how far it got, so that main acknowledges only what is durable. Snapshots (the session
 * file) are written by a second thread, so that their fsyncs do not hold up the lines; once
 * the session file on disk holds every line of the journal, the journal starts again.
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
 * start its two threads (journal lines, session files). The file is opened with O_NOFOLLOW
 * (a link at path is refused) and kept at mode 0600. NULL with err. */
struct journal *journal_open(const char *path, uint64_t next_seq, journal_wake_fn wake, void *ud,
                             char *err, size_t errlen);

/* Queue a command for the journal; returns its sequence number. Does no I/O itself. Between a
 * failed write and journal_take_rollback the line is numbered but dropped. */
uint64_t journal_append(struct journal *j, const struct command *c);

/* Queue a snapshot: copy (a session_clone of the session, owned by the journal from now on)
 * is written atomically to session_path as JSON (store_to_json with saved_ms and the last
 * sequence number given out), made on the writing thread, not the caller's, once every entry
 * it holds is durable in the journal; a newer snapshot replaces one not yet started. The
 * journal is emptied when the writer next finds that the session file holds every line in it
 * (at the first pause in changes); when it has grown past 16 MiB meanwhile, the snapshot is
 * written in line with the journal instead, and the journal emptied right after it. The copy
 * must include every entry up to the last journal_append() so far. */
void journal_snapshot(struct journal *j, struct session *copy, int64_t saved_ms, const char *session_path);

/* Change the 16 MiB of journal_snapshot (for tests). */
void journal_set_rotate_bytes(struct journal *j, size_t bytes);

/* Highest sequence number known durable (0 = none yet). Thread-safe. */
uint64_t journal_durable(struct journal *j);

/* Last sequence number given out. */
uint64_t journal_last(struct journal *j);

/* Entries appended since the last snapshot was queued. */
uint64_t journal_pending_entries(struct journal *j);

/* 1 while writing fails (disk full, unwritable) or the session file cannot be written: err gets
 * the reason. Lines that could not be made durable are dropped, not retried (see
 * journal_take_rollback); every second the writer checks whether the disk takes writes again
 * (by reserving room beyond the journal's end) and then clears this. */
int journal_failing(struct journal *j, char *err, size_t errlen);

/* 1 once after lines could not be made durable: they, every line queued after them and every
 * line appended since (journal_append still numbers those but drops them) were never written,
 * and never will be. The caller must put its model back to what *durable (the highest durable
 * sequence number) holds and take back whatever it said about later numbers; numbering goes on
 * from *durable + 1. 0 when nothing was dropped since the last call. Thread-safe, no I/O. */
int journal_take_rollback(struct journal *j, uint64_t *durable);

/* Apply one journal line (as journal_encode made it) to s, as a replay does; *seq (may be
 * NULL) gets its sequence number. 0, or -1 with err (not an entry, or it does not apply). */
int journal_apply_line(struct session *s, const char *line, size_t len, uint64_t *seq, char *err, size_t errlen);

/* Wait until everything queued is durable, the last snapshot is written and the journal
 * emptied if it can be, or timeout_ms passes. 0 when all that is done. */
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

/* The same from the journal's bytes buf[0..len) (need not end in a NUL), with no I/O: name is
 * used in messages, and instead of cutting a torn last line off, *torn gets the byte offset
 * where it starts (len when there is none). 0 or -1 with err; s may be partly replayed then. */
int journal_replay_buf(const char *buf, size_t len, const char *name, struct session *s, uint64_t after,
                       uint64_t *last, size_t *applied, size_t *torn, char *warn, size_t warnlen,
                       char *err, size_t errlen);

#endif
