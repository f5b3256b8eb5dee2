/* Unit tests of the session file: save/load round trip, atomic save, templates, and a clear
 * error naming file and place for each kind of damage. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proto.h"
#include "store.h"

static char dir[] = "/tmp/medskapa-store-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/medskapa-store-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* A path in the test folder; four rotating buffers so a few can be alive at once. */
static char *in_dir(const char *name)
{
	static char paths[4][256];
	static int k;
	char *path = paths[k++ % 4];
	snprintf(path, 256, "%s/%s", dir, name);
	return path;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Entries in the test folder, besides . and .. */
static int files_in_dir(void)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
	closedir(d);
	return n;
}

static void read_back(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	size_t n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void must(struct session *s, struct command c)
{
	struct session_result r;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == 0, "%s", r.message);
}

/* A session with every kind of record: activities of each kind with settings and a timer,
 * participants (one a proxy), groups, hidden/merged/edited ideas, votes, answers, a log. */
static struct session *sample(void)
{
	static const char *const cats[] = { "Bostad", "Språk" };
	static const char *const choices[] = { "Kväll", "Helg", "Dagtid" };
	struct session *s = session_new("Rådrum: föreningslivet", "sv", 1763920800000);
	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .title = "Idéer", .options = cats, .n_options = 2,
	                               .prompt = "Hur kommer fler in i föreningslivet?", .silent = 1, .timer_ms = 300000 };
	must(s, (struct command){ .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &ideas });
	must(s, (struct command){ .type = CMD_PHASE, .facilitator = 1, .n = PHASE_OPEN });
	must(s, (struct command){ .type = CMD_JOIN, .at_ms = 1763920860000, .token = "0123456789abcdef0123456789abcdef",
	                          .name = "Amal", .lang = "ar" });
	must(s, (struct command){ .type = CMD_PROXY_ADD, .facilitator = 1, .at_ms = 1763920870000,
	                          .token = "fedcba9876543210fedcba9876543210", .name = "Gunnar" });
	const char *texts[] = { "Läxhjälp på biblioteket", "نادي كرة القدم Båstad IF يبدأ الساعة 18:30",
	                        "ናይ ቋንቋ ትምህርቲ ንኹሉ።", "Citat \"så här\" och \\ snedstreck\nny rad", "Läxhjälp!" };
	for (int i = 0; i < 5; i++)
		must(s, (struct command){ .type = CMD_IDEA_POST, .at_ms = 1763920900000 + i, .participant = 1 + (i % 2),
		                          .facilitator = i % 2, .text = texts[i], .n = i % 3 - 1 });
	must(s, (struct command){ .type = CMD_GROUP_CREATE, .facilitator = 1, .activity = 1, .name = "Skola", .idea = 1, .other = 3 });
	must(s, (struct command){ .type = CMD_GROUP_CREATE, .facilitator = 1, .activity = 1, .name = "Tom" });
	must(s, (struct command){ .type = CMD_GROUP_REMOVE, .facilitator = 1, .group = 2 });
	must(s, (struct command){ .type = CMD_IDEA_HIDE, .facilitator = 1, .idea = 4, .at_ms = 1763921000000 });
	must(s, (struct command){ .type = CMD_IDEA_EDIT, .facilitator = 1, .idea = 2, .text = "نادي كرة القدم", .at_ms = 1763921001000 });
	must(s, (struct command){ .type = CMD_TIMER_START, .facilitator = 1, .at_ms = 1763921002000 });
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .prompt = "Vilka först?", .source = 1, .budget = 4,
	                              .max_per_item = 2, .live = 1 };
	must(s, (struct command){ .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &vote });
	must(s, (struct command){ .type = CMD_PHASE, .facilitator = 1, .activity = 2, .n = PHASE_OPEN });
	must(s, (struct command){ .type = CMD_VOTE, .participant = 1, .activity = 2, .item = 1, .n = 2 });
	must(s, (struct command){ .type = CMD_VOTE, .participant = 2, .facilitator = 1, .activity = 2, .item = 5, .n = 1 });
	must(s, (struct command){ .type = CMD_IDEA_MERGE, .facilitator = 1, .idea = 5, .other = 1, .at_ms = 1763921003000 });
	struct activity_spec poll = { .kind = ACTIVITY_POLL, .prompt = "När passar?", .poll = POLL_MULTI,
	                              .options = choices, .n_options = 3 };
	must(s, (struct command){ .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &poll });
	must(s, (struct command){ .type = CMD_PHASE, .facilitator = 1, .activity = 3, .n = PHASE_REVEALED });
	must(s, (struct command){ .type = CMD_PHASE, .facilitator = 1, .activity = 3, .n = PHASE_OPEN });
	must(s, (struct command){ .type = CMD_POLL_ANSWER, .participant = 1, .activity = 3, .n = 5 });
	must(s, (struct command){ .type = CMD_GOTO, .facilitator = 1, .activity = 2 });
	return s;
}

START_TEST(test_round_trip)
{
	struct session *s = sample();
	char err[300];
	const char *path = in_dir("s.json");
	ck_assert_int_eq(store_save(s, path, 1763921000000, 0, err, sizeof err), 0);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);   /* owner only */
	ck_assert_int_eq(files_in_dir(), 1);   /* no temp file left */

	struct session *t = store_load(path, NULL, err, sizeof err);
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_str_eq(t->title, s->title);
	ck_assert_str_eq(t->lang, "sv");
	ck_assert_int_eq(t->created_ms, s->created_ms);
	ck_assert_uint_eq(t->current_activity, 2);
	ck_assert_uint_eq(t->n_participants, 2);
	ck_assert_str_eq(t->participants[0].token, s->participants[0].token);
	ck_assert_str_eq(t->participants[0].lang, "ar");
	ck_assert(t->participants[1].proxy);
	ck_assert_uint_eq(t->n_ideas, 5);
	for (size_t i = 0; i < 5; i++) {
		ck_assert_uint_eq(t->ideas[i].id, s->ideas[i].id);
		ck_assert_uint_eq(t->ideas[i].author, s->ideas[i].author);
		ck_assert_str_eq(t->ideas[i].text, s->ideas[i].text);
		ck_assert_int_eq(t->ideas[i].created_ms, s->ideas[i].created_ms);
		ck_assert_int_eq(t->ideas[i].category, s->ideas[i].category);
		ck_assert_uint_eq(t->ideas[i].group, s->ideas[i].group);
		ck_assert_int_eq(t->ideas[i].hidden, s->ideas[i].hidden);
		ck_assert_uint_eq(t->ideas[i].merged_into, s->ideas[i].merged_into);
	}
	ck_assert(t->ideas[3].hidden);
	ck_assert_int_eq(t->ideas[3].hidden_ms, 1763921000000);
	ck_assert(t->ideas[1].edited);
	ck_assert_uint_eq(t->ideas[4].merged_into, 1);
	const struct activity *a1 = session_activity(t, 1), *a2 = session_activity(t, 2), *a3 = session_activity(t, 3);
	ck_assert(a1->silent);
	ck_assert_str_eq(a1->options[1], "Språk");
	ck_assert(a1->timer.running);
	ck_assert_int_eq(a1->timer.ends_ms, 1763921002000 + 300000);
	ck_assert_int_eq(a2->budget, 4);
	ck_assert_int_eq(a2->max_per_item, 2);
	ck_assert(a2->live);
	ck_assert_int_eq(a2->phase, PHASE_OPEN);
	ck_assert_int_eq(a3->poll, POLL_MULTI);
	ck_assert_uint_eq(t->n_groups, 2);
	ck_assert(t->groups[1].removed);
	ck_assert_uint_eq(t->n_votes, s->n_votes);
	ck_assert_int_eq(session_dots_on(t, 2, 1, 1), 2);
	ck_assert_int_eq(session_dots_on(t, 2, 2, 1), 1);   /* moved by the merge */
	ck_assert_uint_eq(session_answer(t, 3, 1)->value, 5);
	ck_assert_uint_eq(t->n_log, 3);
	ck_assert_int_eq(t->log[1].kind, MOD_EDIT);
	ck_assert_str_eq(t->log[1].before, "نادي كرة القدم Båstad IF يبدأ الساعة 18:30");
	ck_assert_int_eq(t->log[2].kind, MOD_MERGE);
	ck_assert_uint_eq(t->log[2].other, 1);
	/* Saving the loaded session gives the same file (but for the "saved" time). */
	char *a = store_to_json(s, 0, 0), *b = store_to_json(t, 0, 0);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	/* New ids continue after the restored ones. */
	struct command c = { .type = CMD_IDEA_POST, .at_ms = 1, .activity = 1, .facilitator = 1, .text = "en till", .n = -1 };
	struct session_result r;
	ck_assert_int_eq(session_apply(t, &c, &r), 0);
	ck_assert_uint_eq(r.events[0].id, 6);
	c = (struct command){ .type = CMD_GROUP_CREATE, .activity = 1, .facilitator = 1, .name = "Ny" };
	ck_assert_int_eq(session_apply(t, &c, &r), 0);
	ck_assert_uint_eq(r.events[0].id, 3);
	session_free(s);
	session_free(t);
}
END_TEST

/* Tables and rounds: who sits where, an activity's rounds, ideas' table, round and pick, votes'
 * table; written only when used, read back the same; a seat at a table that is not, refused. */
START_TEST(test_tables_round_trip)
{
	char err[300];
	struct session *s = sample();
	uint32_t ids[] = { 1, 2 };
	static const struct round_spec rounds[] = { { (char *)"Ensam", 60000 }, { (char *)"Alla", 300000 } };
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .prompt = "Vad gör vi?", .rounds = rounds, .n_rounds = 2,
	                            .by_table = 1 };
	must(s, (struct command){ .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &sp });
	must(s, (struct command){ .type = CMD_TABLES_ASSIGN, .facilitator = 1, .n = 2, .other = 9, .ids = ids, .n_ids = 2 });
	must(s, (struct command){ .type = CMD_TABLES_SET, .facilitator = 1, .n = 3 });
	must(s, (struct command){ .type = CMD_TABLE_JOIN, .participant = 1, .n = 3, .other = 1 });
	must(s, (struct command){ .type = CMD_ROUND_NEXT, .facilitator = 1, .activity = 4, .at_ms = 1763921100000 });
	must(s, (struct command){ .type = CMD_IDEA_POST, .participant = 1, .activity = 4, .text = "Vid bord 3", .n = -1,
	                          .table = 3, .at_ms = 1763921101000 });
	must(s, (struct command){ .type = CMD_IDEA_FORWARD, .participant = 1, .idea = 6, .n = 1 });
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .prompt = "Vilken?", .source = 4, .budget = 2,
	                              .max_per_item = 2, .by_table = 1, .shuffle = 1 };
	must(s, (struct command){ .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &vote });
	must(s, (struct command){ .type = CMD_PHASE, .facilitator = 1, .activity = 5, .n = PHASE_OPEN });
	must(s, (struct command){ .type = CMD_VOTE, .participant = 1, .activity = 5, .item = 6, .n = 2, .table = 3 });
	const char *path = in_dir("t.json");
	ck_assert_int_eq(store_save(s, path, 1763921200000, 0, err, sizeof err), 0);
	struct session *t = store_load(path, NULL, err, sizeof err);
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_int_eq(t->n_tables, 3);
	ck_assert_uint_eq(t->participants[0].table, 3);
	ck_assert_int_eq(t->participants[0].scribe, 1);
	ck_assert_uint_eq(t->participants[1].table, s->participants[1].table);
	const struct activity *a = session_activity(t, 4);
	ck_assert_uint_eq(a->n_rounds, 2);
	ck_assert_str_eq(a->rounds[0].title, "Ensam");
	ck_assert_int_eq(a->rounds[1].ms, 300000);
	ck_assert_int_eq(a->round, 1);
	ck_assert_int_eq(a->by_table, 1);
	ck_assert_int_eq(session_activity(t, 5)->shuffle, 1);
	const struct idea *i = session_idea(t, 6);
	ck_assert_uint_eq(i->table, 3);
	ck_assert_int_eq(i->round, 1);
	ck_assert_int_eq(i->forward, 1);
	ck_assert_uint_eq(t->votes[t->n_votes - 1].table, 3);
	char *j1 = store_to_json(s, 0, 0), *j2 = store_to_json(t, 0, 0);
	ck_assert_str_eq(j1, j2);
	ck_assert_ptr_nonnull(strstr(j1, "\"tables\":\t3"));
	ck_assert_ptr_nonnull(strstr(j1, "\"rounds\":\t[{\n"));
	/* Without tables nothing new is written: the sample's file has none of the new keys. */
	struct session *p = sample();
	char *plain = store_to_json(p, 0, 0);
	ck_assert_ptr_null(strstr(plain, "\"tables\""));
	ck_assert_ptr_null(strstr(plain, "\"table\""));
	ck_assert_ptr_null(strstr(plain, "\"round"));
	ck_assert_ptr_null(strstr(plain, "\"forward\""));
	ck_assert_ptr_null(strstr(plain, "\"by_table\""));
	free(plain);
	session_free(p);
	/* A participant at a table beyond "tables" is refused, named. */
	char *bad = strdup(j1), *at = strstr(bad, "\"tables\":\t3");
	at[10] = '2';
	write_file(path, bad);
	ck_assert_ptr_null(store_load(path, NULL, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "participants[0]"));
	free(bad);
	free(j1);
	free(j2);
	/* Fewer tables later: the ideas and dots keep the table they were made at, and still load. */
	must(s, (struct command){ .type = CMD_TABLES_SET, .facilitator = 1, .n = 1 });
	ck_assert_int_eq(store_save(s, path, 1763921300000, 0, err, sizeof err), 0);
	session_free(t);
	t = store_load(path, NULL, err, sizeof err);
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_uint_eq(session_idea(t, 6)->table, 3);
	ck_assert_uint_eq(t->participants[0].table, 0);
	session_free(s);
	session_free(t);
}
END_TEST

/* The session file is made from a copy on another thread: the copy must write the same file
 * and stay as it was when the session goes on (and when the session is freed). */
START_TEST(test_clone_writes_the_same_file)
{
	struct session *s = sample();
	struct session *c = session_clone(s);
	char *a = store_to_json(s, 42, 7), *b = store_to_json(c, 42, 7);
	ck_assert_str_eq(a, b);
	must(s, (struct command){ .type = CMD_IDEA_EDIT, .facilitator = 1, .idea = 1, .text = "Ändrad", .at_ms = 1763921004000 });
	must(s, (struct command){ .type = CMD_GROUP_RENAME, .facilitator = 1, .group = 1, .name = "Skolan" });
	must(s, (struct command){ .type = CMD_JOIN, .token = "00112233445566778899aabbccddeeff", .name = "Ny", .lang = "ti" });
	char *a2 = store_to_json(s, 42, 7);
	ck_assert_str_ne(a, a2);
	session_free(s);
	char *b2 = store_to_json(c, 42, 7);
	ck_assert_str_eq(b, b2);
	/* and the copy works as a session of its own */
	must(c, (struct command){ .type = CMD_IDEA_EDIT, .facilitator = 1, .idea = 1, .text = "Ändrad", .at_ms = 1763921004000 });
	must(c, (struct command){ .type = CMD_GROUP_RENAME, .facilitator = 1, .group = 1, .name = "Skolan" });
	must(c, (struct command){ .type = CMD_JOIN, .token = "00112233445566778899aabbccddeeff", .name = "Ny", .lang = "ti" });
	char *c2 = store_to_json(c, 42, 7);
	ck_assert_str_eq(c2, a2);
	session_free(c);
	free(a);
	free(b);
	free(a2);
	free(b2);
	free(c2);
}
END_TEST

START_TEST(test_save_replaces_atomically)
{
	struct session *s = sample();
	char err[300];
	const char *path = in_dir("s.json");
	write_file(path, "old contents");
	ck_assert_int_eq(store_save(s, path, 0, 0, err, sizeof err), 0);
	struct session *t = store_load(path, NULL, err, sizeof err);
	ck_assert_ptr_nonnull(t);
	session_free(t);
	/* An unwritable folder: the save fails with a message and the old file stays. */
	char sub[256];
	snprintf(sub, sizeof sub, "%s/ro", dir);
	mkdir(sub, 0700);
	char p2[300];
	snprintf(p2, sizeof p2, "%s/s.json", sub);
	write_file(p2, "keep me");
	chmod(sub, 0500);
	if (geteuid() != 0) {   /* root writes anyway */
		ck_assert_int_eq(store_save(s, p2, 0, 0, err, sizeof err), -1);
		ck_assert_ptr_nonnull(strstr(err, "cannot create"));
		FILE *f = fopen(p2, "r");
		char buf[32] = "";
		ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
		fclose(f);
		ck_assert_str_eq(buf, "keep me");
	}
	chmod(sub, 0700);
	ck_assert_int_eq(store_save(s, "/nonexistent-dir/x.json", 0, 0, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent-dir/x.json"));
	session_free(s);
}
END_TEST

/* No save goes through a planted link, and whatever the umask, the result is 0600. */
START_TEST(test_save_never_through_a_link)
{
	struct session *s = sample();
	char err[400], buf[64];
	struct stat st;
	mode_t old = umask(022);
	const char *victim = in_dir("victim"), *path = in_dir("s.json");
	write_file(victim, "secret");
	chmod(victim, 0644);
	/* a link at the session file itself: refused, naming it; the target untouched */
	ck_assert_int_eq(symlink(victim, path), 0);
	ck_assert_int_eq(store_save(s, path, 0, 0, err, sizeof err), -1);
	ck_assert_msg(strstr(err, path) && strstr(err, "symbolic link"), "%s", err);
	read_back(victim, buf, sizeof buf);
	ck_assert_str_eq(buf, "secret");
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	unlink(path);
	/* a link at the old fixed temporary name: never opened; the file is saved beside it */
	const char *tmp = in_dir("s.json.tmp");
	ck_assert_int_eq(symlink(victim, tmp), 0);
	ck_assert_int_eq(store_save(s, path, 0, 0, err, sizeof err), 0);
	read_back(victim, buf, sizeof buf);
	ck_assert_str_eq(buf, "secret");
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(files_in_dir(), 3);   /* victim, the link, s.json: no temp file left */
	unlink(tmp);
	/* a stale temporary file of mode 0644 left by a crash: does not make the result 0644 */
	write_file(tmp, "stale");
	chmod(tmp, 0644);
	ck_assert_int_eq(store_save(s, path, 0, 0, err, sizeof err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	/* a folder that is a link: refused, naming it */
	char sub[300], lnk[300], inlnk[330];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	snprintf(lnk, sizeof lnk, "%s/lnk", dir);
	snprintf(inlnk, sizeof inlnk, "%s/s.json", lnk);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(symlink(sub, lnk), 0);
	ck_assert_int_eq(store_save(s, inlnk, 0, 0, err, sizeof err), -1);
	ck_assert_msg(strstr(err, lnk) && strstr(err, "symbolic link"), "%s", err);
	/* a report written with store_write_atomic onto a link: the same */
	ck_assert_int_eq(symlink(victim, in_dir("r.html")), 0);
	ck_assert_int_eq(store_write_atomic(in_dir("r.html"), "x", 1, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "r.html") && strstr(err, "symbolic link"), "%s", err);
	read_back(victim, buf, sizeof buf);
	ck_assert_str_eq(buf, "secret");
	ck_assert_int_eq(stat(victim, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0644);
	umask(old);
	session_free(s);
}
END_TEST

/* Each damaged file: NULL and an error naming the file and the problem. */
static void expect_damage(const char *json, const char *want)
{
	char err[400];
	const char *path = in_dir("bad.json");
	write_file(path, json);
	struct session *s = store_load(path, NULL, err, sizeof err);
	ck_assert_msg(s == NULL, "accepted: %s", json);
	ck_assert_msg(strstr(err, path) != NULL, "error does not name the file: %s", err);
	ck_assert_msg(strstr(err, want) != NULL, "error \"%s\" lacks \"%s\"", err, want);
}

#define HEAD "{\"format\":\"medskapa-session\",\"version\":2,\"title\":\"T\",\"created\":\"2026-11-23T18:00:00.000Z\","
#define ACT "\"activities\":[{\"id\":1,\"kind\":\"ideas\",\"title\":\"I\",\"prompt\":\"P?\",\"phase\":\"open\"}],"
#define PART "\"participants\":[{\"id\":1,\"token\":\"0123456789abcdef0123456789abcdef\",\"name\":\"A\",\"lang\":\"sv\",\"joined\":\"2026-11-23T18:00:00.000Z\"}],"

START_TEST(test_damaged_files)
{
	expect_damage("", "not valid JSON");
	expect_damage("{\"format\":\"medskapa-session\",\n\"version\":1,\n\"title\":", "line 3");
	expect_damage("[]", "not a JSON object");
	expect_damage("{\"format\":\"other\",\"version\":1}", "\"format\" is \"other\"");
	expect_damage("{\"format\":\"medskapa-session\",\"version\":99}", "version 99 is not supported");
	expect_damage("{\"format\":\"medskapa-session\",\"version\":1}", "\"title\" is missing");
	expect_damage(HEAD "\"activities\":{}}", "\"activities\" must be a list");
	expect_damage(HEAD ACT PART "\"ideas\":[{\"id\":1,\"activity\":1,\"author\":1,\"text\":\"x\",\"created\":\"yesterday\"}]}",
	              "ideas[0]: \"created\" is not a time");
	expect_damage(HEAD ACT PART "\"ideas\":[{\"id\":1,\"activity\":2,\"author\":1,\"text\":\"x\",\"created\":\"2026-11-23T18:00:00Z\"}]}",
	              "unknown activity 2");
	expect_damage(HEAD ACT PART "\"ideas\":[{\"id\":1,\"activity\":1,\"author\":1,\"text\":\"\",\"created\":\"2026-11-23T18:00:00Z\"}]}",
	              "ideas[0]: idea 1: The idea is empty");
	expect_damage(HEAD ACT PART "\"ideas\":[{\"id\":-1,\"activity\":1,\"author\":1,\"text\":\"x\",\"created\":\"2026-11-23T18:00:00Z\"}]}",
	              "\"id\" must be a whole number");
	expect_damage(HEAD ACT "\"participants\":[{\"id\":1,\"token\":\"short\",\"joined\":\"2026-11-23T18:00:00Z\"}],\"ideas\":[]}",
	              "participants[0]");
	expect_damage(HEAD "\"current_activity\":3," ACT PART "\"ideas\":[]}", "\"current_activity\" 3");
	expect_damage(HEAD "\"activities\":[{\"id\":1,\"kind\":\"dance\",\"prompt\":\"P\"}]," PART "\"ideas\":[]}",
	              "unknown activity kind \"dance\"");
	expect_damage(HEAD "\"activities\":[{\"id\":1,\"kind\":\"ideas\",\"prompt\":\"P\"}]," PART "\"ideas\":[]}",
	              "activities[0]: \"phase\" is missing");
	expect_damage(HEAD ACT PART "\"ideas\":[],\"votes\":[{\"activity\":1,\"participant\":1,\"item\":1,\"dots\":1}]}",
	              "votes[0]: a vote names activity 1, which is no vote");
	expect_damage(HEAD ACT PART "\"ideas\":[{\"id\":1,\"activity\":1,\"author\":1,\"text\":\"x\",\"created\":\"2026-11-23T18:00:00Z\",\"merged_into\":9}]}",
	              "merged into unknown idea 9");
	expect_damage(HEAD ACT PART "\"ideas\":[],\"moderation\":[{\"at\":\"2026-11-23T18:00:00Z\",\"action\":\"delete\",\"idea\":1}]}",
	              "unknown action");
	/* format 3: photos, renderings, signals, pictograms and recorded prompts */
#define IDEA1 "\"ideas\":[{\"id\":1,\"activity\":1,\"author\":1,\"text\":\"x\",\"created\":\"2026-11-23T18:00:00Z\""
	expect_damage(HEAD ACT PART IDEA1 ",\"photo\":{\"file\":\"../../etc/passwd\",\"width\":1,\"height\":1}}]}",
	              "ideas[0]: idea 1: A photo is named by its content");
	expect_damage(HEAD ACT PART IDEA1 ",\"photo\":\"x.jpg\"}]}", "\"photo\" must be");
	expect_damage(HEAD ACT PART IDEA1 "}],\"renderings\":[{\"idea\":7,\"lang\":\"sv\",\"text\":\"y\"}]}",
	              "renderings[0]: a rendering names unknown idea 7");
	expect_damage(HEAD ACT PART IDEA1 "}],\"renderings\":[{\"idea\":1,\"lang\":\"sv\",\"text\":\"y\"},"
	              "{\"idea\":1,\"lang\":\"sv\",\"text\":\"z\"}]}", "two renderings in sv");
	expect_damage(HEAD ACT PART "\"ideas\":[],\"signals\":[{\"activity\":1,\"lang\":\"fa\",\"interpret\":-2}]}",
	              "signals[0]: \"interpret\" must be a whole number");
	expect_damage(HEAD "\"activities\":[{\"id\":1,\"kind\":\"ideas\",\"prompt\":\"P\",\"phase\":\"open\","
	              "\"categories\":[\"A\"],\"pictos\":[\"A\"]}]," PART "\"ideas\":[]}", "pictogram 1 must be one emoji");
	expect_damage(HEAD "\"activities\":[{\"id\":1,\"kind\":\"ideas\",\"prompt\":\"P\",\"phase\":\"open\","
	              "\"audio\":{\"ti\":{\"prompt\":\"../x.ogg\"}}}]," PART "\"ideas\":[]}", "not a plain file name");
	/* and the minimal good one loads */
	char err[300];
	write_file(in_dir("ok.json"), HEAD ACT PART "\"ideas\":[]}");
	struct session *s = store_load(in_dir("ok.json"), NULL, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_uint_eq(s->current_activity, 1);
	session_free(s);
	/* format version 1 (issue 2): no phases, no groups or votes; read as open activities */
	write_file(in_dir("v1.json"), "{\"format\":\"medskapa-session\",\"version\":1,\"title\":\"T\","
	           "\"created\":\"2026-11-23T18:00:00.000Z\",\"current_activity\":1,"
	           "\"activities\":[{\"id\":1,\"kind\":\"ideas\",\"title\":\"I\",\"prompt\":\"P?\"}]," PART
	           "\"ideas\":[{\"id\":1,\"activity\":1,\"author\":1,\"text\":\"Läxhjälp\",\"created\":\"2026-11-23T18:01:00.000Z\"}]}");
	s = store_load(in_dir("v1.json"), NULL, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(s->activities[0].phase, PHASE_OPEN);
	ck_assert_int_eq(s->ideas[0].category, -1);
	ck_assert_uint_eq(s->n_groups, 0);
	char *again = store_to_json(s, 0, 0);
	ck_assert_ptr_nonnull(strstr(again, "\"version\":\t4"));   /* written in the current version */
	free(again);
	session_free(s);
	/* a missing file */
	ck_assert_ptr_null(store_load(in_dir("none.json"), NULL, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

START_TEST(test_templates)
{
	char err[300];
	static const char *const shipped[] = {
		"sessions/templates/demo-radrum.json",
		"sessions/templates/tre-delar-bostad-sprak-arbete.json",
		"sessions/templates/sex-fokusomraden.json",
		"sessions/templates/1-2-4-alla.json",
		"sessions/templates/varldscafe.json",
		"sessions/templates/vad-sa-vad-nu-vad.json",
	};
	for (size_t k = 0; k < sizeof shipped / sizeof shipped[0]; k++) {
		struct session *s = store_load_template(shipped[k], 5000, err, sizeof err);
		ck_assert_msg(s != NULL, "%s", err);
		ck_assert_uint_ge(s->n_activities, 1);
		ck_assert_uint_eq(s->current_activity, s->activities[0].id);
		ck_assert_int_eq(s->activities[0].phase, PHASE_OPEN);   /* the meeting starts there */
		if (s->n_activities > 1) ck_assert_int_eq(s->activities[1].phase, PHASE_PREPARED);
		ck_assert_int_eq(s->created_ms, 5000);
		ck_assert_uint_eq(s->n_ideas, 0);
		session_free(s);
	}
	/* the methods' templates: tables, rounds with their timers, a harvest by table */
	struct session *m = store_load_template("sessions/templates/1-2-4-alla.json", 0, err, sizeof err);
	ck_assert_msg(m != NULL, "%s", err);
	ck_assert_int_eq(m->n_tables, 6);
	ck_assert_uint_eq(m->activities[0].n_rounds, 4);
	ck_assert_str_eq(m->activities[0].rounds[1].title, "I par");
	ck_assert_int_eq(m->activities[0].rounds[3].ms, 300000);
	ck_assert_int_eq(m->activities[0].by_table, 1);
	session_free(m);
	m = store_load_template("sessions/templates/varldscafe.json", 0, err, sizeof err);
	ck_assert_msg(m != NULL, "%s", err);
	ck_assert_int_eq(m->n_tables, 4);
	ck_assert_uint_eq(m->activities[0].n_rounds, 3);
	session_free(m);
	write_file(in_dir("t.json"), "{\"format\":\"medskapa-template\",\"version\":1,\"title\":\"T\",\"tables\":61,"
	           "\"activities\":[{\"kind\":\"ideas\",\"prompt\":\"P\"}]}");
	ck_assert_ptr_null(store_load_template(in_dir("t.json"), 0, err, sizeof err));
	write_file(in_dir("t.json"), "{\"format\":\"medskapa-template\",\"version\":1,\"title\":\"T\",\"activities\":[{\"kind\":\"ideas\",\"prompt\":\"\"}]}");
	ck_assert_ptr_null(store_load_template(in_dir("t.json"), 0, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "activities[0]"));
	/* pictograms as {"text","picto"}, recorded prompts; kept through a save and a load */
	write_file(in_dir("t.json"), "{\"format\":\"medskapa-template\",\"version\":1,\"title\":\"T\",\"lang\":\"sv\","
	           "\"activities\":[{\"kind\":\"ideas\",\"prompt\":\"P?\",\"categories\":[{\"text\":\"Bostad\",\"picto\":\"🏠\"},"
	           "\"Övrigt\"],\"audio\":{\"ti\":{\"prompt\":\"q-ti.ogg\",\"choices\":[null,\"o-ti.ogg\"]}}}]}");
	struct session *t = store_load_template(in_dir("t.json"), 0, err, sizeof err);
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_str_eq(t->activities[0].options[0], "Bostad");
	ck_assert_str_eq(t->activities[0].pictos[0], "🏠");
	ck_assert_str_eq(t->activities[0].pictos[1], "");
	ck_assert_uint_eq(t->activities[0].n_audio, 2);
	char *j1 = store_to_json(t, 0, 0);
	write_file(in_dir("s3.json"), j1);
	struct session *t2 = store_load(in_dir("s3.json"), NULL, err, sizeof err);
	ck_assert_msg(t2 != NULL, "%s", err);
	char *j2 = store_to_json(t2, 0, 0);
	ck_assert_str_eq(j1, j2);
	ck_assert_ptr_nonnull(strstr(j1, "\"audio\":\t{\n\t\t\t\t\"ti\":\t{\n\t\t\t\t\t\"prompt\":\t\"q-ti.ogg\""));
	free(j1);
	free(j2);
	session_free(t);
	session_free(t2);
	/* a session file is not a template */
	write_file(in_dir("t.json"), HEAD ACT PART "\"ideas\":[]}");
	ck_assert_ptr_null(store_load_template(in_dir("t.json"), 0, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "expected \"medskapa-template\""));
}
END_TEST

/* template.save's file (store_template_to_json): a meeting started from it is the meeting started
 * from the template it came from, for every shipped template; and a meeting that has run (a round
 * started, ideas, a vote's source not its own id's place) saves only its agenda. */
START_TEST(test_template_from_session)
{
	char err[300];
	static const char *const shipped[] = {
		"sessions/templates/demo-radrum.json", "sessions/templates/tre-delar-bostad-sprak-arbete.json",
		"sessions/templates/sex-fokusomraden.json", "sessions/templates/1-2-4-alla.json",
		"sessions/templates/varldscafe.json", "sessions/templates/vad-sa-vad-nu-vad.json",
	};
	for (size_t k = 0; k < sizeof shipped / sizeof shipped[0]; k++) {
		struct session *a = store_load_template(shipped[k], 5000, err, sizeof err);
		ck_assert_msg(a != NULL, "%s", err);
		char *tpl = store_template_to_json(a);
		struct session *b = store_template_from_json(tpl, strlen(tpl), "saved", 5000, err, sizeof err);
		ck_assert_msg(b != NULL, "%s: %s", shipped[k], err);
		char *ja = store_to_json(a, 0, 0), *jb = store_to_json(b, 0, 0), *tpl2 = store_template_to_json(b);
		ck_assert_str_eq(ja, jb);
		ck_assert_str_eq(tpl, tpl2);
		ck_assert_ptr_nonnull(strstr(tpl, "\"format\":\t\"medskapa-template\""));
		free(ja);
		free(jb);
		free(tpl);
		free(tpl2);
		session_free(a);
		session_free(b);
	}
	struct session *s = sample();
	must(s, (struct command){ .type = CMD_TIMER_SET, .facilitator = 1, .activity = 1, .n = 90500 });
	char *tpl = store_template_to_json(s);
	ck_assert_ptr_null(strstr(tpl, "participants"));
	ck_assert_ptr_null(strstr(tpl, "\"phase\""));
	ck_assert_ptr_null(strstr(tpl, "\"id\""));
	ck_assert_ptr_nonnull(strstr(tpl, "\"timer_s\":\t91"));   /* rounded up to the second */
	for (size_t i = 0; i < s->n_ideas; i++) ck_assert_ptr_null(strstr(tpl, s->ideas[i].text));
	struct session *t = store_template_from_json(tpl, strlen(tpl), "saved", 0, err, sizeof err);
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_uint_eq(t->n_activities, s->n_activities);
	for (size_t i = 0; i < s->n_activities; i++) {
		ck_assert_int_eq(t->activities[i].kind, s->activities[i].kind);
		ck_assert_str_eq(t->activities[i].prompt, s->activities[i].prompt);
		ck_assert_uint_eq(t->activities[i].n_options, s->activities[i].n_options);
		if (s->activities[i].kind == ACTIVITY_VOTE) ck_assert_uint_eq(t->activities[i].source, s->activities[i].source);
	}
	ck_assert_int_eq(t->activities[0].timer.duration_ms, 91000);
	ck_assert_uint_eq(t->n_ideas, 0);
	free(tpl);
	session_free(s);
	session_free(t);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("store");
	TCase *tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_tables_round_trip);
	tcase_add_test(tc, test_clone_writes_the_same_file);
	tcase_add_test(tc, test_save_replaces_atomically);
	tcase_add_test(tc, test_save_never_through_a_link);
	tcase_add_test(tc, test_damaged_files);
	tcase_add_test(tc, test_templates);
	tcase_add_test(tc, test_template_from_session);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
