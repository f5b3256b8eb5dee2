/* Unit tests of the command table (session.h, cmd_table): every command type has one row, a
 * journal name and an apply function; who may send it is checked from the row; and a meeting
 * that uses every command type, each one decoded from its wire message the way the host does,
 * journalled and replayed, gives the same session. A command type added without its row, its
 * journal name or its wire decoder fails here. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "proto.h"
#include "store.h"

/* Commands that never come from a phone: the host makes them (join from hello, the clock's). */
static int host_made(enum cmd_type t)
{
	return t == CMD_JOIN || t == CMD_TIMER_EXPIRE;
}

START_TEST(test_every_type_has_a_row)
{
	for (int t = 1; t < CMD_COUNT; t++) {
		const struct cmd_entry *row = session_cmd((enum cmd_type)t);
		ck_assert_msg(row != NULL, "command type %d has no row in cmd_table", t);
		ck_assert_msg(row->name && *row->name, "command type %d has no journal name", t);
		ck_assert_msg(row->apply != NULL, "command type %d has no apply function", t);
		ck_assert_int_eq(session_cmd_from_name(row->name), t);
		for (int u = 1; u < t; u++)
			ck_assert_msg(strcmp(cmd_table[u].name, row->name) != 0, "two commands are named %s", row->name);
	}
	ck_assert_ptr_null(session_cmd(0));
	ck_assert_ptr_null(session_cmd(CMD_COUNT));
	ck_assert_ptr_null(session_cmd((enum cmd_type)-1));
	ck_assert_int_eq(session_cmd_from_name("?"), 0);
	ck_assert_int_eq(session_cmd_from_name(NULL), 0);
}
END_TEST

START_TEST(test_facilitator_rows_refuse_participants)
{
	/* A participant sending a facilitator's command is refused as forbidden before anything
	 * about the command itself is looked at, whatever else is wrong with it. */
	struct session *s = session_new("R", "sv", 0);
	struct session_result r;
	struct command join = { .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef", .name = "Ada" };
	ck_assert_int_eq(session_apply(s, &join, &r), 0);
	int n = 0;
	for (int t = 1; t < CMD_COUNT; t++) {
		if (!(cmd_table[t].flags & CMD_FACILITATOR)) continue;
		struct command c = { .type = (enum cmd_type)t, .participant = 1, .at_ms = 5 };
		ck_assert_int_eq(session_apply(s, &c, &r), -1);
		ck_assert_msg(r.err == SERR_FORBIDDEN, "%s from a participant: %s", cmd_table[t].name, r.message);
		n++;
	}
	ck_assert_int_ge(n, 15);
	session_free(s);
}
END_TEST

/* ---- a meeting with every command, through decode, apply, journal and replay -------------- */

struct run {
	struct session *s;
	char *lines;                /* the journal so far */
	size_t len;
	uint64_t seq;
	int64_t at;
	int applied[CMD_COUNT];     /* how often each type was applied */
	int from_wire[CMD_COUNT];   /* ... of which decoded from a wire message */
};

static void keep(struct run *r, const struct command *c)
{
	struct session_result res;
	int rc = session_apply(r->s, c, &res);
	ck_assert_msg(rc == 0, "%s: %s", cmd_table[c->type].name, res.message);
	ck_assert(!res.duplicate);
	char *line = journal_encode(c, ++r->seq);
	size_t n = strlen(line);
	r->lines = realloc(r->lines, r->len + n + 2);
	memcpy(r->lines + r->len, line, n);
	r->lines[r->len + n] = '\n';
	r->len += n + 1;
	r->lines[r->len] = '\0';
	free(line);
	r->applied[c->type]++;
}

/* A message from a phone (participant > 0) or from the facilitator (participant 0), decoded
 * and completed the way the host completes it (server: on_command). */
static void wire(struct run *r, uint32_t participant, const char *msg)
{
	struct proto_request req;
	struct proto_error e;
	ck_assert_msg(proto_decode(msg, strlen(msg), &req, &e) == 0, "%s: %s", msg, e.message);
	ck_assert(!req.hello);
	struct command c;
	proto_command(&req, &c);
	c.cid = req.cid;
	c.participant = req.as ? req.as : participant;
	c.facilitator = participant == 0;
	c.at_ms = r->at += 1000;
	if (c.type == CMD_POLL_ANSWER) ck_assert_int_eq(proto_poll_value(&req, r->s, &c.n), 0);
	if (c.type == CMD_PROXY_ADD) c.token = "fedcba9876543210fedcba9876543210";
	if (c.type == CMD_SIGNAL) c.lang = session_participant(r->s, c.participant)->lang;   /* as the host does */
	uint32_t here[] = { 1, 2 };   /* tables.assign: the host seats the phones here and the proxies */
	if (c.type == CMD_TABLES_ASSIGN) {
		c.ids = here;
		c.n_ids = 2;
		c.other = 0x5eed;
	}
	char photo[80];
	if (req.photo) {   /* stored by the host under its content's name */
		snprintf(photo, sizeof photo, "%s.%s", req.photo_info.sha256, photo_ext(req.photo_info.type));
		c.photo = photo;
		c.photo_w = req.photo_info.width;
		c.photo_h = req.photo_info.height;
	}
	keep(r, &c);
	r->from_wire[c.type]++;
	proto_request_free(&req);
}

START_TEST(test_every_command_survives_the_journal)
{
	struct run r = { .s = session_new("Rådrum", "sv", 0) };
	struct command join = { .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef", .name = "Ada",
	                        .lang = "ti", .at_ms = r.at += 1000 };
	keep(&r, &join);                                                          /* participant 1 */
	wire(&r, 0, "{\"type\":\"proxy.add\",\"name\":\"Bo\",\"cid\":\"f1\"}");  /* participant 2 */
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"ideas\",\"title\":\"Idéer\",\"prompt\":\"Vad behövs?\","
	            "\"categories\":[\"Hus\",\"Park\"],\"timer_s\":60,\"lock_at_zero\":true}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":1}");
	wire(&r, 0, "{\"type\":\"phase\",\"activity\":1,\"phase\":\"open\"}");
	wire(&r, 0, "{\"type\":\"timer\",\"activity\":1,\"action\":\"set\",\"seconds\":90}");
	wire(&r, 0, "{\"type\":\"timer\",\"activity\":1,\"action\":\"start\"}");
	wire(&r, 0, "{\"type\":\"timer\",\"activity\":1,\"action\":\"pause\"}");
	wire(&r, 0, "{\"type\":\"timer\",\"activity\":1,\"action\":\"add\",\"seconds\":-80}");
	wire(&r, 0, "{\"type\":\"timer\",\"activity\":1,\"action\":\"start\"}");
	wire(&r, 1, "{\"type\":\"idea.post\",\"text\":\"Fler bänkar\",\"category\":1,\"cid\":\"a1\"}");
	wire(&r, 1, "{\"type\":\"idea.post\",\"text\":\"Längre öppettider\",\"cid\":\"a2\"}");
	wire(&r, 0, "{\"type\":\"idea.post\",\"text\":\"Bänkar i parken\",\"as\":2}");
	wire(&r, 1, "{\"type\":\"idea.interpret\",\"idea\":1,\"cid\":\"a5\"}");
	wire(&r, 0, "{\"type\":\"render\",\"idea\":1,\"lang\":\"en\",\"text\":\"More benches\"}");
	struct command render = { .type = CMD_RENDER, .interpreter = 1, .name = "Mehret", .idea = 1, .lang = "sv",
	                          .text = "Fler bänkar (tolkat)", .at_ms = r.at += 1000 };
	keep(&r, &render);                                                        /* an interpreter */
	wire(&r, 1, "{\"type\":\"signal\",\"kind\":\"slower\",\"cid\":\"a6\"}");
	wire(&r, 1, "{\"type\":\"idea.post\",\"text\":\"\",\"cid\":\"a7\",\"photo\":"
	            "\"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mMwTjsDAAI1AWa0b5eeAAAAAElFTkSuQmCC\"}");
	wire(&r, 0, "{\"type\":\"idea.edit\",\"idea\":2,\"text\":\"Längre öppettider på biblioteket\"}");
	wire(&r, 0, "{\"type\":\"idea.hide\",\"idea\":2}");
	wire(&r, 0, "{\"type\":\"idea.restore\",\"idea\":2}");
	wire(&r, 0, "{\"type\":\"idea.merge\",\"idea\":3,\"into\":1}");
	wire(&r, 0, "{\"type\":\"group.create\",\"activity\":1,\"name\":\"Parken\",\"idea\":1}");
	wire(&r, 0, "{\"type\":\"group.create\",\"activity\":1,\"name\":\"Tomt\"}");
	wire(&r, 0, "{\"type\":\"group.rename\",\"group\":1,\"name\":\"Parken och torget\"}");
	wire(&r, 0, "{\"type\":\"idea.group\",\"idea\":2,\"group\":2}");
	wire(&r, 0, "{\"type\":\"group.remove\",\"group\":2}");
	struct command expire = { .type = CMD_TIMER_EXPIRE, .activity = 1, .at_ms = r.at += 20000 };
	keep(&r, &expire);                                                        /* locks activity 1 */
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"vote\",\"prompt\":\"Vad är viktigast?\",\"source\":1,"
	            "\"budget\":3,\"max_per_item\":2}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":2}");
	wire(&r, 0, "{\"type\":\"phase\",\"activity\":2,\"phase\":\"open\"}");
	wire(&r, 1, "{\"type\":\"vote\",\"activity\":2,\"item\":2,\"dots\":2,\"cid\":\"a3\"}");
	wire(&r, 0, "{\"type\":\"vote\",\"activity\":2,\"item\":2,\"dots\":1,\"as\":2}");
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"poll\",\"prompt\":\"Ska vi ses igen?\","
	            "\"choices\":[\"Ja\",\"Nej\",\"Kanske\"],\"poll\":\"multi\"}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":3}");
	wire(&r, 0, "{\"type\":\"phase\",\"activity\":3,\"phase\":\"open\"}");
	wire(&r, 1, "{\"type\":\"poll.answer\",\"activity\":3,\"value\":[0,2],\"cid\":\"a4\"}");
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"poll\",\"prompt\":\"Hur var mötet?\",\"poll\":\"scale\"}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":4}");
	wire(&r, 0, "{\"type\":\"phase\",\"activity\":4,\"phase\":\"open\"}");
	wire(&r, 1, "{\"type\":\"poll.answer\",\"activity\":4,\"value\":4}");
	wire(&r, 0, "{\"type\":\"phase\",\"activity\":4,\"phase\":\"revealed\"}");
	/* tables and rounds */
	wire(&r, 0, "{\"type\":\"tables.set\",\"count\":3}");
	wire(&r, 1, "{\"type\":\"table.join\",\"table\":2,\"scribe\":true,\"cid\":\"t1\"}");
	wire(&r, 0, "{\"type\":\"table.join\",\"table\":1,\"as\":2}");
	wire(&r, 0, "{\"type\":\"tables.assign\",\"size\":2}");
	wire(&r, 1, "{\"type\":\"table.join\",\"table\":1,\"scribe\":true,\"cid\":\"t2\"}");
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"Vad gör vi?\",\"by_table\":true,"
	            "\"rounds\":[{\"title\":\"Ensam\",\"seconds\":60},{\"title\":\"Alla\",\"seconds\":120}]}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":5}");
	wire(&r, 0, "{\"type\":\"round.next\",\"activity\":5}");
	wire(&r, 1, "{\"type\":\"idea.post\",\"text\":\"Vid bordet\",\"table\":1,\"cid\":\"t3\"}");
	wire(&r, 1, "{\"type\":\"idea.forward\",\"idea\":5,\"cid\":\"t4\"}");
	wire(&r, 0, "{\"type\":\"round.next\"}");
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"vote\",\"prompt\":\"Vilken?\",\"source\":5,"
	            "\"by_table\":true,\"shuffle\":true}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":6}");
	wire(&r, 0, "{\"type\":\"phase\",\"activity\":6,\"phase\":\"open\"}");
	wire(&r, 1, "{\"type\":\"vote\",\"item\":5,\"dots\":1,\"table\":1,\"cid\":\"t5\"}");
	ck_assert_int_eq(r.s->ideas[r.s->n_ideas - 1].table, 1);
	ck_assert_int_eq(r.s->ideas[r.s->n_ideas - 1].forward, 1);
	ck_assert_int_eq(r.s->votes[r.s->n_votes - 1].table, 1);
	/* screened ideas (activity 7; ideas 6 and 7): approved as edited, rejected with a note */
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"Vad saknas?\",\"screened\":true}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":7}");
	wire(&r, 0, "{\"type\":\"phase\",\"activity\":7,\"phase\":\"open\"}");
	wire(&r, 1, "{\"type\":\"idea.post\",\"text\":\"Ett bibliotek\",\"cid\":\"s1\"}");
	wire(&r, 1, "{\"type\":\"idea.post\",\"text\":\"Grannen är dum\",\"cid\":\"s2\"}");
	wire(&r, 0, "{\"type\":\"idea.approve\",\"idea\":6,\"text\":\"Ett bibliotek i parken\"}");
	wire(&r, 0, "{\"type\":\"idea.reject\",\"idea\":7,\"reason\":\"hurtful\",\"note\":\"Skriv om saken\"}");
	/* consent, need more time (activity 8) */
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"consent\",\"prompt\":\"Vi provar i ett år.\"}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":8}");
	wire(&r, 0, "{\"type\":\"phase\",\"activity\":8,\"phase\":\"open\"}");
	wire(&r, 1, "{\"type\":\"consent.answer\",\"answer\":\"objection\",\"reason\":\"För dyrt\",\"cid\":\"a8\"}");
	wire(&r, 0, "{\"type\":\"consent.answer\",\"answer\":\"concern\",\"in_person\":true,\"as\":2}");
	wire(&r, 0, "{\"type\":\"consent.amend\",\"text\":\"Vi provar i ett halvår.\"}");
	wire(&r, 1, "{\"type\":\"consent.answer\",\"activity\":8,\"answer\":\"concern\",\"cid\":\"a9\",\"photo\":"
	            "\"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mMwTjsDAAI1AWa0b5eeAAAAAElFTkSuQmCC\"}");
	wire(&r, 0, "{\"type\":\"moretime.ask\"}");
	wire(&r, 1, "{\"type\":\"moretime.answer\",\"answer\":\"little\",\"cid\":\"a10\"}");
	wire(&r, 0, "{\"type\":\"moretime.answer\",\"answer\":\"more\",\"as\":2}");
	wire(&r, 0, "{\"type\":\"moretime.close\",\"activity\":8}");
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"poll\",\"prompt\":\"Vilken dag?\",\"poll\":\"single\","
	            "\"choices\":[\"Måndag\",\"Tisdag\"],\"shuffle\":true}");
	/* actions (activity 10, on the vote 2; actions 1 and 2) */
	wire(&r, 0, "{\"type\":\"activity.add\",\"kind\":\"actions\",\"prompt\":\"Vem gör vad?\",\"source\":2}");
	wire(&r, 0, "{\"type\":\"goto\",\"activity\":10}");
	wire(&r, 0, "{\"type\":\"action.add\",\"text\":\"Fler bänkar\",\"idea\":1,\"due\":\"2027-02-28\"}");
	wire(&r, 0, "{\"type\":\"action.add\",\"activity\":10,\"text\":\"Parken\",\"group\":1,\"who\":\"Kommunen\"}");
	wire(&r, 0, "{\"type\":\"action.edit\",\"action\":2,\"who\":\"Fritidsgården\",\"due\":\"\"}");
	wire(&r, 0, "{\"type\":\"action.status\",\"action\":2,\"status\":\"started\",\"note\":\"Möte i mars\"}");
	wire(&r, 1, "{\"type\":\"action.volunteer\",\"action\":1,\"who\":\"Fotbollsklubben\",\"cid\":\"v1\"}");
	wire(&r, 0, "{\"type\":\"action.confirm\",\"action\":1,\"confirm\":true}");
	ck_assert_str_eq(session_action(r.s, 1)->who, "Fotbollsklubben");
	ck_assert_int_eq(r.s->n_action_log, 5);
	/* paper counts: a batch on the vote (2) at table 3, its correction, one on the poll (3) */
	wire(&r, 0, "{\"type\":\"paper.add\",\"activity\":2,\"table\":3,\"item\":2,\"count\":4,\"cid\":\"p1\"}");
	wire(&r, 0, "{\"type\":\"paper.correct\",\"batch\":1,\"count\":5}");
	wire(&r, 0, "{\"type\":\"paper.add\",\"activity\":3,\"item\":1,\"count\":2}");
	ck_assert_uint_eq(r.s->n_paper, 3);
	ck_assert_int_eq(r.s->paper[0].replaced, 1);
	ck_assert_int_eq(session_paper_on(r.s, 2, 2), 5);

	/* Every command type was applied; every one a phone can send came from the wire. */
	for (int t = 1; t < CMD_COUNT; t++) {
		ck_assert_msg(r.applied[t] > 0, "the meeting never applies %s: add it above", cmd_table[t].name);
		ck_assert_msg(host_made((enum cmd_type)t) || r.from_wire[t] > 0,
		              "%s never came from a wire message: a decoder is missing", cmd_table[t].name);
	}

	/* Replaying the journal into an empty session gives the same session, byte for byte. */
	struct session *again = session_new("Rådrum", "sv", 0);
	uint64_t last = 0;
	size_t applied = 0, torn = 0;
	char warn[256] = "", err[256] = "";
	int rc = journal_replay_buf(r.lines, r.len, "test", again, 0, &last, &applied, &torn, warn, sizeof warn,
	                            err, sizeof err);
	ck_assert_msg(rc == 0, "replay: %s", err);
	ck_assert_uint_eq(applied, r.seq);
	ck_assert_uint_eq(last, r.seq);
	ck_assert_uint_eq(torn, r.len);
	char *want = store_to_json(r.s, 0, 0), *got = store_to_json(again, 0, 0);
	if (strcmp(got, want) != 0) {   /* check cannot print a whole session: say where they part */
		size_t k = 0;
		while (got[k] && got[k] == want[k]) k++;
		ck_abort_msg("replay differs at byte %zu: got ...%.80s... want ...%.80s...", k, got + (k > 40 ? k - 40 : 0),
		             want + (k > 40 ? k - 40 : 0));
	}
	/* ... and the session file it makes reads back as the same session */
	uint64_t seq = 0;
	char lerr[256] = "";
	struct session *loaded = store_from_json(want, strlen(want), "test", &seq, lerr, sizeof lerr);
	ck_assert_msg(loaded != NULL, "load: %s", lerr);
	char *back = store_to_json(loaded, 0, 0);
	ck_assert_msg(strcmp(back, want) == 0, "the session file does not read back as it was");
	ck_assert_ptr_nonnull(strstr(back, "\"consent_rounds\""));
	free(back);
	session_free(loaded);
	free(want);
	free(got);

	session_free(again);
	session_free(r.s);
	free(r.lines);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cmd");
	TCase *tc = tcase_create("table");
	tcase_add_test(tc, test_every_type_has_a_row);
	tcase_add_test(tc, test_facilitator_rows_refuse_participants);
	tcase_add_test(tc, test_every_command_survives_the_journal);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
