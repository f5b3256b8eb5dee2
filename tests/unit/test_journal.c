/* Unit tests of the journal: commands survive encode + replay exactly, group commit makes
 * entries durable in order, snapshots (on their own thread) empty it once they hold all of it, a torn last line is dropped and other damage
 * is refused with the file, line and problem named. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal.h"
#include "store.h"

static char dir[64];
static char jpath[128], spath[128];

static void setup(void)
{
	strcpy(dir, "/tmp/medskapa-journal-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(jpath, sizeof jpath, "%s/s.json.journal", dir);
	snprintf(spath, sizeof spath, "%s/s.json", dir);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static struct session *base(void)
{
	struct session *s = session_new("R", "sv", 0);
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .prompt = "?" };
	struct command c = { .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &sp };
	struct session_result r;
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	c = (struct command){ .type = CMD_PHASE, .facilitator = 1, .n = PHASE_OPEN };
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	return s;
}

/* Apply to s and append to j. */
static void both(struct session *s, struct journal *j, struct command c)
{
	struct session_result r;
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	journal_append(j, &c);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

START_TEST(test_replay_gives_the_same_session)
{
	static const char *const choices[] = { "Kväll", "Helg" };
	struct session *s = base();
	struct journal *j = journal_open(jpath, 1, NULL, NULL, NULL, 0);
	ck_assert_ptr_nonnull(j);
	both(s, j, (struct command){ .type = CMD_JOIN, .at_ms = 5, .token = "0123456789abcdef0123456789abcdef",
	                             .name = "Amal \"A\"", .lang = "ar" });
	both(s, j, (struct command){ .type = CMD_IDEA_POST, .at_ms = 6, .participant = 1, .n = -1, .cid = "c1",
	                             .text = "نادي كرة القدم Båstad IF\nny rad" });
	struct activity_spec poll = { .kind = ACTIVITY_POLL, .prompt = "När?", .poll = POLL_MULTI, .options = choices,
	                              .n_options = 2, .timer_ms = 60000, .lock_at_zero = 1 };
	both(s, j, (struct command){ .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &poll, .cid = "f1" });
	both(s, j, (struct command){ .type = CMD_PHASE, .facilitator = 1, .activity = 2, .n = PHASE_OPEN });
	both(s, j, (struct command){ .type = CMD_POLL_ANSWER, .participant = 1, .activity = 2, .n = 3 });
	both(s, j, (struct command){ .type = CMD_TIMER_START, .facilitator = 1, .activity = 2, .at_ms = 1000 });
	ck_assert_int_eq(journal_flush(j, 5000), 0);
	ck_assert_uint_eq(journal_durable(j), 6);
	ck_assert_uint_eq(journal_last(j), 6);
	journal_close(j);

	struct session *t = base();
	uint64_t last;
	size_t applied;
	char warn[200], err[300];
	ck_assert_int_eq(journal_replay(jpath, t, 0, 1, &last, &applied, warn, sizeof warn, err, sizeof err), 0);
	ck_assert_uint_eq(last, 6);
	ck_assert_uint_eq(applied, 6);
	ck_assert_str_eq(warn, "");
	char *a = store_to_json(s, 0, 0), *b = store_to_json(t, 0, 0);
	ck_assert_str_eq(a, b);   /* the replayed session is the same, cids included */
	free(a);
	free(b);
	/* only entries after the snapshot's seq are replayed */
	struct session *u = base();
	ck_assert_int_eq(journal_replay(jpath, u, 4, 1, &last, &applied, warn, sizeof warn, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "does not apply"));   /* entry 5 needs the poll of entry 3 */
	session_free(s);
	session_free(t);
	session_free(u);
}
END_TEST

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The journal's text (empty string when it is empty); caller frees. */
static char *journal_text(void)
{
	size_t len;
	char err[300];
	char *text = store_read_file(jpath, 1 << 24, &len, err, sizeof err);
	ck_assert_ptr_nonnull(text);
	return text;
}

/* Load the session file and replay the journal after it, as a resume does. */
static struct session *resume(uint64_t *jseq, size_t *applied)
{
	char err[300], warn[200];
	uint64_t last;
	struct session *t = store_load(spath, jseq, err, sizeof err);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(journal_replay(jpath, t, *jseq, 1, &last, applied, warn, sizeof warn, err, sizeof err), 0);
	return t;
}

START_TEST(test_snapshot_empties_the_journal)
{
	struct session *s = base();
	struct journal *j = journal_open(jpath, 1, NULL, NULL, NULL, 0);
	both(s, j, (struct command){ .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef" });
	both(s, j, (struct command){ .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "ett" });
	journal_snapshot(j, session_clone(s), 0, spath);
	ck_assert_uint_eq(journal_pending_entries(j), 0);
	/* flush returns once the session file is written and the journal emptied */
	ck_assert_int_eq(journal_flush(j, 5000), 0);
	ck_assert_int_eq(file_size(jpath), 0);
	both(s, j, (struct command){ .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "två" });
	ck_assert_int_eq(journal_flush(j, 5000), 0);
	journal_close(j);
	/* the journal holds only what came after the snapshot */
	char *text = journal_text();
	ck_assert_ptr_nonnull(strstr(text, "två"));
	ck_assert_ptr_null(strstr(text, "ett"));
	free(text);
	uint64_t jseq;
	size_t applied;
	struct session *t = resume(&jseq, &applied);
	ck_assert_uint_eq(jseq, 2);
	ck_assert_uint_eq(applied, 1);
	ck_assert_uint_eq(t->n_ideas, 2);
	ck_assert_str_eq(t->ideas[1].text, "två");
	session_free(s);
	session_free(t);
}
END_TEST

/* Lines keep coming while the session file is written (it has a thread of its own): the
 * journal then keeps lines the file already holds, and a resume skips exactly those. */
START_TEST(test_lines_during_a_snapshot)
{
	struct session *s = base();
	struct journal *j = journal_open(jpath, 1, NULL, NULL, NULL, 0);
	both(s, j, (struct command){ .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef" });
	char text[32];
	uint64_t snap_at = 0;
	for (int i = 1; i <= 300; i++) {
		snprintf(text, sizeof text, "idé %d", i);
		both(s, j, (struct command){ .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = text });
		if (i % 50 == 0) {   /* snapshots in the middle of the stream, as the host makes them */
			snap_at = journal_last(j);
			journal_snapshot(j, session_clone(s), 0, spath);
		}
		if (i % 7 == 0) usleep(200);
	}
	both(s, j, (struct command){ .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "sist" });
	ck_assert_int_eq(journal_flush(j, 10000), 0);
	ck_assert_uint_eq(journal_durable(j), 302);
	journal_close(j);
	uint64_t jseq;
	size_t applied;
	struct session *t = resume(&jseq, &applied);
	ck_assert_uint_eq(jseq, snap_at);
	ck_assert_uint_eq(applied, 302 - snap_at);
	ck_assert_uint_eq(t->n_ideas, 301);
	ck_assert_str_eq(t->ideas[300].text, "sist");
	for (size_t i = 0; i < 300; i++) {
		snprintf(text, sizeof text, "idé %zu", i + 1);
		ck_assert_str_eq(t->ideas[i].text, text);
	}
	session_free(s);
	session_free(t);
}
END_TEST

/* A journal never emptied because changes never paused: past the size limit the next snapshot
 * is written in line, and the journal starts again right after it. */
START_TEST(test_grown_journal_is_emptied_in_line)
{
	struct session *s = base();
	struct journal *j = journal_open(jpath, 1, NULL, NULL, NULL, 0);
	journal_set_rotate_bytes(j, 1);
	both(s, j, (struct command){ .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef" });
	both(s, j, (struct command){ .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "ett" });
	ck_assert_int_eq(journal_flush(j, 5000), 0);
	ck_assert_int_gt(file_size(jpath), 1);
	journal_snapshot(j, session_clone(s), 0, spath);
	both(s, j, (struct command){ .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "två" });
	ck_assert_int_eq(journal_flush(j, 5000), 0);
	journal_close(j);
	char *text = journal_text();
	ck_assert_ptr_nonnull(strstr(text, "två"));
	ck_assert_ptr_null(strstr(text, "ett"));   /* emptied between the snapshot and "två" */
	free(text);
	uint64_t jseq;
	size_t applied;
	struct session *t = resume(&jseq, &applied);
	ck_assert_uint_eq(jseq, 2);
	ck_assert_uint_eq(applied, 1);
	ck_assert_uint_eq(t->n_ideas, 2);
	session_free(s);
	session_free(t);
}
END_TEST

/* The session file cannot be written (its folder is gone): the failure is reported, the
 * lines still become durable in the journal, and nothing is emptied. */
START_TEST(test_snapshot_failure_is_reported)
{
	char bad[160];
	snprintf(bad, sizeof bad, "%s/no-such-folder/s.json", dir);
	struct session *s = base();
	struct journal *j = journal_open(jpath, 1, NULL, NULL, NULL, 0);
	both(s, j, (struct command){ .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef" });
	journal_snapshot(j, session_clone(s), 0, bad);
	both(s, j, (struct command){ .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "ett" });
	ck_assert_int_eq(journal_flush(j, 1500), -1);
	char why[256];
	ck_assert_int_eq(journal_failing(j, why, sizeof why), 1);
	ck_assert_ptr_nonnull(strstr(why, "no-such-folder"));
	ck_assert_uint_eq(journal_durable(j), 2);
	char *text = journal_text();
	ck_assert_ptr_nonnull(strstr(text, "ett"));
	free(text);
	/* a later snapshot to a good place works, and the failure is over */
	journal_snapshot(j, session_clone(s), 0, spath);
	ck_assert_int_eq(journal_flush(j, 5000), 0);
	ck_assert_int_eq(journal_failing(j, why, sizeof why), 0);
	ck_assert_int_eq(file_size(jpath), 0);
	journal_close(j);
	session_free(s);
}
END_TEST

START_TEST(test_torn_and_damaged)
{
	struct session *s = base();
	char warn[300], err[300];
	uint64_t last;
	size_t applied;
	char *line1 = journal_encode(&(struct command){ .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef" }, 1);
	char *line2 = journal_encode(&(struct command){ .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "x" }, 2);
	char good[1024];
	snprintf(good, sizeof good, "%s\n%s\n", line1, line2);
	/* a torn last line: dropped with a warning, the file cut back */
	char torn[1100];
	snprintf(torn, sizeof torn, "%s{\"seq\":3,\"cmd\":\"idea.po", good);
	write_text(jpath, torn);
	ck_assert_int_eq(journal_replay(jpath, s, 0, 1, &last, &applied, warn, sizeof warn, err, sizeof err), 0);
	ck_assert_uint_eq(applied, 2);
	ck_assert_ptr_nonnull(strstr(warn, "line 3 was cut short"));
	struct stat st;
	stat(jpath, &st);
	ck_assert_int_eq(st.st_size, (off_t)strlen(good));
	session_free(s);
	/* damage in the middle: refused, naming file and line, file untouched */
	s = base();
	char bad[1100];
	snprintf(bad, sizeof bad, "%s\ngarbage here\n%s\n", line1, line2);
	write_text(jpath, bad);
	ck_assert_int_eq(journal_replay(jpath, s, 0, 1, &last, &applied, warn, sizeof warn, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, jpath));
	ck_assert_ptr_nonnull(strstr(err, "line 2"));
	stat(jpath, &st);
	ck_assert_int_eq(st.st_size, (off_t)strlen(bad));
	session_free(s);
	/* sequence numbers must grow */
	s = base();
	snprintf(bad, sizeof bad, "%s\n%s\n", line2, line1);
	write_text(jpath, bad);
	ck_assert_int_eq(journal_replay(jpath, s, 0, 1, &last, &applied, warn, sizeof warn, err, sizeof err), -1);
	session_free(s);
	/* a missing journal is an empty one */
	s = base();
	unlink(jpath);
	ck_assert_int_eq(journal_replay(jpath, s, 7, 1, &last, &applied, warn, sizeof warn, err, sizeof err), 0);
	ck_assert_uint_eq(last, 7);
	ck_assert_uint_eq(applied, 0);
	session_free(s);
	free(line1);
	free(line2);
}
END_TEST

START_TEST(test_resend_is_applied_once)
{
	struct session *s = base();
	struct session_result r;
	struct command join = { .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef" };
	ck_assert_int_eq(session_apply(s, &join, &r), 0);
	struct command post = { .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "en gång", .cid = "c-9" };
	ck_assert_int_eq(session_apply(s, &post, &r), 0);
	uint32_t id = r.result;
	uint64_t v = s->version;
	ck_assert_int_eq(session_apply(s, &post, &r), 0);
	ck_assert(r.duplicate);
	ck_assert_uint_eq(r.result, id);
	ck_assert_uint_eq(r.n_events, 0);
	ck_assert_uint_eq(s->n_ideas, 1);
	ck_assert_uint_eq(s->version, v);
	/* the cids survive a snapshot */
	char err[300];
	char *json = store_to_json(s, 0, 0);
	struct session *t = store_from_json(json, strlen(json), "mem", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(session_apply(t, &post, &r), 0);
	ck_assert(r.duplicate);
	ck_assert_uint_eq(t->n_ideas, 1);
	/* another participant may use the same cid */
	struct command join2 = { .type = CMD_JOIN, .token = "fedcba9876543210fedcba9876543210" };
	ck_assert_int_eq(session_apply(t, &join2, &r), 0);
	post.participant = 2;
	ck_assert_int_eq(session_apply(t, &post, &r), 0);
	ck_assert(!r.duplicate);
	ck_assert_uint_eq(t->n_ideas, 2);
	free(json);
	session_free(s);
	session_free(t);
}
END_TEST

START_TEST(test_write_failure_rolls_back)
{
	/* A journal whose file cannot take writes (a full disk is simulated by /dev/full): nothing
	 * becomes durable, the failure is reported, and the lines are dropped, not retried, with
	 * a rollback to what is durable for the caller to take; numbering goes on from there. */
	struct journal *j = journal_open("/dev/full", 1, NULL, NULL, NULL, 0);
	ck_assert_ptr_nonnull(j);
	journal_append(j, &(struct command){ .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef" });
	char why[256];
	uint64_t durable = 99;
	for (int k = 0; k < 500 && !journal_failing(j, why, sizeof why); k++) usleep(10000);
	ck_assert_int_eq(journal_failing(j, why, sizeof why), 1);
	ck_assert_ptr_nonnull(strstr(why, "No space left"));
	ck_assert_uint_eq(journal_append(j, &(struct command){ .type = CMD_GOTO, .activity = 1 }), 2);   /* dropped */
	ck_assert_int_eq(journal_take_rollback(j, &durable), 1);
	ck_assert_uint_eq(durable, 0);
	ck_assert_uint_eq(journal_last(j), 0);
	ck_assert_uint_eq(journal_durable(j), 0);
	ck_assert_int_eq(journal_take_rollback(j, &durable), 0);   /* once */
	ck_assert_int_eq(journal_flush(j, 1500), 0);   /* nothing is left queued */
	journal_close(j);
}
END_TEST

/* main's durable copy: the lines applied one by one give what a replay gives. */
START_TEST(test_apply_line)
{
	struct session *s = base(), *t = base();
	struct command join = { .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef", .at_ms = 5 };
	struct command post = { .type = CMD_IDEA_POST, .participant = 1, .n = -1, .text = "Idé", .cid = "c1", .at_ms = 6 };
	struct session_result r;
	char err[200];
	uint64_t seq = 0;
	ck_assert_int_eq(session_apply(s, &join, &r), 0);
	ck_assert_int_eq(session_apply(s, &post, &r), 0);
	char *l1 = journal_encode(&join, 1), *l2 = journal_encode(&post, 2);
	ck_assert_int_eq(journal_apply_line(t, l1, strlen(l1), &seq, err, sizeof err), 0);
	ck_assert_int_eq(journal_apply_line(t, l2, strlen(l2), &seq, err, sizeof err), 0);
	ck_assert_uint_eq(seq, 2);
	char *a = store_to_json(s, 0, 0), *b = store_to_json(t, 0, 0);
	ck_assert_str_eq(a, b);
	ck_assert_int_eq(journal_apply_line(t, "{\"seq\":3", 8, NULL, err, sizeof err), -1);
	free(a); free(b); free(l1); free(l2);
	session_free(s);
	session_free(t);
}
END_TEST

/* Kinds are journalled by name; journals written before that hold the enum's numbers, and
 * still mean what they meant. An unknown name or number is refused, not guessed. */
START_TEST(test_kinds_by_name_and_old_numbers)
{
	struct activity_spec sp = { .kind = ACTIVITY_POLL, .prompt = "?", .poll = POLL_SCALE };
	struct command c = { .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &sp };
	char *line = journal_encode(&c, 1);
	ck_assert_ptr_nonnull(strstr(line, "\"kind\":\"poll\""));
	ck_assert_ptr_nonnull(strstr(line, "\"poll\":\"scale\""));
	free(line);

	struct session *s = session_new("R", "sv", 0);
	char err[256];
	const char *old = "{\"seq\":1,\"cmd\":\"activity.add\",\"at\":5,\"f\":1,"
	                  "\"spec\":{\"kind\":3,\"prompt\":\"?\",\"options\":[],\"poll\":3}}";
	ck_assert_int_eq(journal_apply_line(s, old, strlen(old), NULL, err, sizeof err), 0);
	const char *old2 = "{\"seq\":2,\"cmd\":\"activity.add\",\"at\":6,\"f\":1,"
	                   "\"spec\":{\"kind\":1,\"prompt\":\"?\",\"options\":[]}}";
	ck_assert_int_eq(journal_apply_line(s, old2, strlen(old2), NULL, err, sizeof err), 0);
	ck_assert_uint_eq(s->n_activities, 2);
	ck_assert_int_eq(s->activities[0].kind, ACTIVITY_POLL);
	ck_assert_int_eq(s->activities[0].poll, POLL_SCALE);
	ck_assert_int_eq(s->activities[1].kind, ACTIVITY_IDEAS);
	const char *bad[] = {
		"{\"seq\":3,\"cmd\":\"activity.add\",\"at\":7,\"f\":1,\"spec\":{\"kind\":\"brainstorm\",\"prompt\":\"?\"}}",
		"{\"seq\":3,\"cmd\":\"activity.add\",\"at\":7,\"f\":1,\"spec\":{\"kind\":9,\"prompt\":\"?\"}}",
		"{\"seq\":3,\"cmd\":\"activity.add\",\"at\":7,\"f\":1,\"spec\":{\"kind\":\"poll\",\"prompt\":\"?\",\"poll\":\"rank\"}}",
	};
	for (size_t i = 0; i < 3; i++)
		ck_assert_int_eq(journal_apply_line(s, bad[i], strlen(bad[i]), NULL, err, sizeof err), -1);
	ck_assert_uint_eq(s->n_activities, 2);
	session_free(s);
}
END_TEST

START_TEST(test_never_through_a_link)
{
	/* A link planted at the journal: refused, naming it; its target keeps size and content. */
	char victim[160], err[300], buf[16] = "";
	snprintf(victim, sizeof victim, "%s/victim", dir);
	FILE *f = fopen(victim, "w");
	fputs("precious", f);
	fclose(f);
	ck_assert_int_eq(symlink(victim, jpath), 0);
	ck_assert_ptr_null(journal_open(jpath, 1, NULL, NULL, err, sizeof err));
	ck_assert_msg(strstr(err, jpath) && strstr(err, "symbolic link"), "%s", err);
	f = fopen(victim, "r");
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
	fclose(f);
	ck_assert_str_eq(buf, "precious");
	/* A torn last line is cut off with repair, but not through a link either. */
	unlink(jpath);
	f = fopen(victim, "w");
	fputs("{\"seq\":1,\"cmd\":\"join\",\"token\":\"0123456789abcdef0123456789abcdef\"}\n{\"seq\":2,", f);
	fclose(f);
	ck_assert_int_eq(symlink(victim, jpath), 0);
	struct session *s = base();
	uint64_t last;
	size_t applied;
	char warn[300];
	ck_assert_int_eq(journal_replay(jpath, s, 0, 1, &last, &applied, warn, sizeof warn, err, sizeof err), -1);
	struct stat st;
	ck_assert_int_eq(stat(victim, &st), 0);
	ck_assert_int_gt(st.st_size, 60);
	session_free(s);
	/* A journal left with mode 0644 is made private again. */
	unlink(jpath);
	f = fopen(jpath, "w");
	fclose(f);
	chmod(jpath, 0644);
	struct journal *j = journal_open(jpath, 1, NULL, NULL, err, sizeof err);
	ck_assert_ptr_nonnull(j);
	journal_close(j);
	ck_assert_int_eq(stat(jpath, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("journal");
	TCase *tc = tcase_create("journal");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_replay_gives_the_same_session);
	tcase_add_test(tc, test_snapshot_empties_the_journal);
	tcase_add_test(tc, test_lines_during_a_snapshot);
	tcase_add_test(tc, test_grown_journal_is_emptied_in_line);
	tcase_add_test(tc, test_snapshot_failure_is_reported);
	tcase_add_test(tc, test_torn_and_damaged);
	tcase_add_test(tc, test_resend_is_applied_once);
	tcase_add_test(tc, test_write_failure_rolls_back);
	tcase_add_test(tc, test_apply_line);
	tcase_add_test(tc, test_kinds_by_name_and_old_numbers);
	tcase_add_test(tc, test_never_through_a_link);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
