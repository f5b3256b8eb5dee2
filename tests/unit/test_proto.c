/* Unit tests of the protocol codec: every bad input gets its own error code, good input
 * decodes, encoders produce the documented JSON. Links proto, session, util (and cJSON). */
#include <check.h>
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

/* Decode s; expect failure with code (and field when given). */
static void expect_error(const char *s, const char *code, const char *field)
{
	struct proto_request req;
	struct proto_error err;
	int rc = proto_decode(s, strlen(s), &req, &err);
	ck_assert_msg(rc == -1, "accepted: %s", s);
	ck_assert_msg(strcmp(err.code, code) == 0, "%s: got %s, want %s", s, err.code, code);
	if (field) ck_assert_str_eq(err.field, field);
	ck_assert_msg(err.message[0] != '\0', "no message for %s", s);
}

START_TEST(test_bad_inputs)
{
	expect_error("", "bad_json", NULL);
	expect_error("{\"type\":\"hello\"", "bad_json", NULL);
	expect_error("{\"type\":\"hello\",\"proto\":1} x", "bad_json", NULL);
	expect_error("{\"type\":\"hello\",\"proto\":1}{}", "bad_json", NULL);
	expect_error("[1,2]", "not_object", NULL);
	expect_error("\"hello\"", "not_object", NULL);
	expect_error("{}", "missing_field", "type");
	expect_error("{\"type\":7}", "bad_field", "type");
	expect_error("{\"type\":\"idea.delete\"}", "unknown_type", "type");
	expect_error("{\"type\":\"vote\",\"item\":1,\"dots\":1,\"as\":\"x\"}", "bad_field", "as");
	expect_error("{\"type\":\"hello\"}", "missing_field", "proto");
	expect_error("{\"type\":\"hello\",\"proto\":\"1\"}", "bad_field", "proto");
	expect_error("{\"type\":\"hello\",\"proto\":1.5}", "bad_field", "proto");
	expect_error("{\"type\":\"hello\",\"proto\":2}", "unsupported_proto", "proto");
	expect_error("{\"type\":\"hello\",\"proto\":1,\"name\":5}", "bad_field", "name");
	expect_error("{\"type\":\"hello\",\"proto\":1,\"token\":[]}", "bad_field", "token");
	expect_error("{\"type\":\"idea.post\"}", "missing_field", "text");
	expect_error("{\"type\":\"idea.post\",\"text\":42}", "bad_field", "text");
	expect_error("{\"type\":\"idea.post\",\"text\":\"a\",\"cid\":\"has space\"}", "bad_field", "cid");
	expect_error("{\"type\":\"idea.post\",\"text\":\"a\",\"cid\":7}", "bad_field", "cid");
	expect_error("{\"type\":\"idea.post\",\"text\":\"nul \\u0000 here\"}", "bad_utf8", NULL);
	expect_error("{\"type\":\"idea.post\",\"text\":\"lone \\ud800 high\"}", "bad_utf8", NULL);
	expect_error("{\"type\":\"idea.post\",\"text\":\"lone \\udc00 low\"}", "bad_utf8", NULL);
	expect_error("{\"type\":\"idea.post\",\"text\":\"bad \xff byte\"}", "bad_utf8", NULL);
	char big[PROTO_MAX_MESSAGE + 2];
	memset(big, ' ', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	expect_error(big, "too_large", NULL);
}
END_TEST

START_TEST(test_cid_echoed_in_errors)
{
	struct proto_request req;
	struct proto_error err;
	const char *s = "{\"type\":\"idea.post\",\"cid\":\"c-17\",\"text\":3}";
	ck_assert_int_eq(proto_decode(s, strlen(s), &req, &err), -1);
	ck_assert_str_eq(err.cid, "c-17");
	char *json = proto_encode_error(&err);
	cJSON *o = cJSON_Parse(json);
	ck_assert_str_eq(cJSON_GetObjectItem(o, "type")->valuestring, "error");
	ck_assert_str_eq(cJSON_GetObjectItem(o, "code")->valuestring, "bad_field");
	ck_assert_str_eq(cJSON_GetObjectItem(o, "field")->valuestring, "text");
	ck_assert_str_eq(cJSON_GetObjectItem(o, "cid")->valuestring, "c-17");
	cJSON_Delete(o);
	free(json);
	/* also when the text holds a bad escape that cJSON itself cannot parse */
	const char *u = "{\"type\":\"idea.post\",\"cid\":\"c-18\",\"text\":\"x \\ud800 \\u0000\"}";
	ck_assert_int_eq(proto_decode(u, strlen(u), &req, &err), -1);
	ck_assert_str_eq(err.code, "bad_utf8");
	ck_assert_str_eq(err.cid, "c-18");
	/* model refusals name their field */
	struct session_result res = { .err = SERR_BAD_TOKEN };
	proto_error_from_session(&err, &res, "c-19");
	ck_assert_str_eq(err.code, "bad_token");
	ck_assert_str_eq(err.field, "token");
	ck_assert_str_eq(err.cid, "c-19");
}
END_TEST

START_TEST(test_good_inputs)
{
	struct proto_request req;
	struct proto_error err;
	const char *h = "{\"type\":\"hello\",\"proto\":1,\"token\":\"abc\",\"name\":\"Amal\",\"lang\":\"ar\",\"extra\":{}}";
	ck_assert_int_eq(proto_decode(h, strlen(h), &req, &err), 0);
	ck_assert_int_eq(req.hello, 1);
	ck_assert_str_eq(req.token, "abc");   /* token form is the model's rule */
	ck_assert_str_eq(req.name, "Amal");
	ck_assert_str_eq(req.lang, "ar");
	proto_request_free(&req);

	const char *p = " {\"type\":\"idea.post\",\"cid\":\"c1\",\"text\":\"Fika \\u00e5 \\ud83d\\ude00\"}\n";
	ck_assert_int_eq(proto_decode(p, strlen(p), &req, &err), 0);
	ck_assert_int_eq(req.cmd.type, CMD_IDEA_POST);
	ck_assert_str_eq(req.cid, "c1");
	ck_assert_str_eq(req.text, "Fika å \xf0\x9f\x98\x80");
	proto_request_free(&req);

	/* An escaped backslash before u0000 is text, not a NUL. */
	const char *q = "{\"type\":\"idea.post\",\"text\":\"C:\\\\u0000\"}";
	ck_assert_int_eq(proto_decode(q, strlen(q), &req, &err), 0);
	ck_assert_str_eq(req.text, "C:\\u0000");
	proto_request_free(&req);
}
END_TEST

START_TEST(test_encoders)
{
	struct session *s = session_new("Rådrum", "sv", 0);
	struct session_result r;
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .title = "Idéer", .prompt = "Vad behövs?" };
	struct command c = { .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &sp };
	session_apply(s, &c, &r);
	c = (struct command){ .type = CMD_PHASE, .facilitator = 1, .n = PHASE_OPEN };
	session_apply(s, &c, &r);
	c = (struct command){ .type = CMD_JOIN, .at_ms = 1, .token = "0123456789abcdef0123456789abcdef", .name = "Amal" };
	session_apply(s, &c, &r);
	uint32_t p = r.events[0].id;
	c = (struct command){ .type = CMD_IDEA_POST, .participant = p, .at_ms = 1763920931250, .n = -1,
	                      .text = "نحتاج \"مكان\"" };
	session_apply(s, &c, &r);

	char *w = proto_encode_welcome(s, p, 0, 3, 0);
	cJSON *o = cJSON_Parse(w);
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(cJSON_GetObjectItem(o, "type")->valuestring, "welcome");
	ck_assert_int_eq(cJSON_GetObjectItem(o, "proto")->valueint, PROTO_VERSION);
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "you"), "token")->valuestring,
	                 "0123456789abcdef0123456789abcdef");
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "you"), "facilitator")));
	cJSON *act = cJSON_GetObjectItem(o, "activity");
	ck_assert_str_eq(cJSON_GetObjectItem(act, "prompt")->valuestring, "Vad behövs?");
	ck_assert_str_eq(cJSON_GetObjectItem(act, "phase")->valuestring, "open");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(act, "timer")));
	cJSON *ideas = cJSON_GetObjectItem(o, "ideas");
	ck_assert_int_eq(cJSON_GetArraySize(ideas), 1);
	cJSON *i0 = cJSON_GetArrayItem(ideas, 0);
	ck_assert_str_eq(cJSON_GetObjectItem(i0, "text")->valuestring, "نحتاج \"مكان\"");
	ck_assert_str_eq(cJSON_GetObjectItem(i0, "name")->valuestring, "Amal");
	ck_assert_str_eq(cJSON_GetObjectItem(i0, "at")->valuestring, "2025-11-23T18:02:11.250Z");
	ck_assert_ptr_null(cJSON_GetObjectItem(i0, "merged_into"));   /* facilitators only */
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(o, "agenda")), 1);
	ck_assert_int_eq(cJSON_GetObjectItem(o, "phones")->valueint, 3);
	ck_assert_ptr_null(cJSON_GetObjectItem(o, "proxies"));
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "limits"), "idea_chars")->valueint, 280);
	cJSON_Delete(o);
	free(w);

	/* a silent, hidden idea is not in another phone's state, but is in the facilitator's */
	c = (struct command){ .type = CMD_IDEA_HIDE, .facilitator = 1, .idea = 1 };
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	char *other = proto_encode_state(s, 99, 0, 0, 0), *fac = proto_encode_state(s, 0, 1, 0, 0);
	ck_assert_ptr_null(strstr(other, "مكان"));
	ck_assert_ptr_nonnull(strstr(fac, "مكان"));
	ck_assert_ptr_nonnull(strstr(fac, "\"proxies\""));
	free(other);
	free(fac);
	char *own = proto_encode_state(s, p, 0, 0, 0);
	ck_assert_ptr_nonnull(strstr(own, "\"hidden\":true"));   /* the author sees it marked */
	free(own);

	char *a = proto_encode_ack("c9", "idea", 1);
	ck_assert_str_eq(a, "{\"type\":\"ack\",\"cid\":\"c9\",\"idea\":1}");
	free(a);
	a = proto_encode_ack("c9", NULL, 0);
	ck_assert_str_eq(a, "{\"type\":\"ack\",\"cid\":\"c9\"}");
	free(a);
	char *pr = proto_encode_presence(12);
	ck_assert_str_eq(pr, "{\"type\":\"presence\",\"phones\":12}");
	free(pr);
	char *ad = proto_encode_idea(s, "idea.added", 1, 0, 0);
	ck_assert_ptr_nonnull(strstr(ad, "\"type\":\"idea.added\""));
	ck_assert_ptr_nonnull(strstr(ad, "\"author\":1"));
	free(ad);
	char *rm = proto_encode_idea_removed(7);
	ck_assert_str_eq(rm, "{\"type\":\"idea.removed\",\"id\":7}");
	free(rm);
	session_free(s);
}
END_TEST

START_TEST(test_vote_results_encoding)
{
	struct session *s = session_new("R", "sv", 0);
	struct session_result r;
	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .prompt = "?" };
	struct command c = { .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &ideas };
	session_apply(s, &c, &r);
	c = (struct command){ .type = CMD_PHASE, .facilitator = 1, .n = PHASE_OPEN };
	session_apply(s, &c, &r);
	const char *toks[] = { "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210" };
	for (int k = 0; k < 2; k++) {
		c = (struct command){ .type = CMD_JOIN, .token = toks[k] };
		session_apply(s, &c, &r);
	}
	const char *texts[] = { "Läxhjälp", "Fika", "Språkcafé" };
	for (int k = 0; k < 3; k++) {
		c = (struct command){ .type = CMD_IDEA_POST, .participant = 1, .text = texts[k], .n = -1 };
		session_apply(s, &c, &r);
	}
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .prompt = "Prioritera", .source = 1, .budget = 3, .max_per_item = 2 };
	c = (struct command){ .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &vote };
	session_apply(s, &c, &r);
	uint32_t v = r.events[0].id;
	c = (struct command){ .type = CMD_PHASE, .facilitator = 1, .activity = v, .n = PHASE_OPEN };
	session_apply(s, &c, &r);
	c = (struct command){ .type = CMD_GOTO, .facilitator = 1, .activity = v };
	session_apply(s, &c, &r);
	c = (struct command){ .type = CMD_VOTE, .participant = 1, .activity = v, .item = 2, .n = 2 };
	ck_assert_int_eq(session_apply(s, &c, &r), 0);
	c = (struct command){ .type = CMD_VOTE, .participant = 2, .activity = v, .item = 3, .n = 2 };
	ck_assert_int_eq(session_apply(s, &c, &r), 0);

	char *st = proto_encode_state(s, 1, 0, 0, 0);
	cJSON *o = cJSON_Parse(st);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(o, "items")), 3);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(o, "results")));   /* hidden until revealed */
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "mine"), "used")->valueint, 2);
	cJSON_Delete(o);
	free(st);
	char *mine = proto_encode_votes_mine(s, v, 1);
	ck_assert_ptr_nonnull(strstr(mine, "\"dots\":[{\"item\":2,\"dots\":2}]"));
	ck_assert_ptr_nonnull(strstr(mine, "\"budget\":3"));
	free(mine);
	char *res = proto_encode_results(s, v);
	o = cJSON_Parse(res);
	cJSON *rows = cJSON_GetObjectItem(o, "rows");
	ck_assert_int_eq(cJSON_GetArraySize(rows), 3);
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 0), "rank")->valueint, 1);
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 1), "rank")->valueint, 1);
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 2), "rank")->valueint, 3);
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 0), "text")->valuestring, "Fika");
	ck_assert_int_eq(cJSON_GetObjectItem(o, "total")->valueint, 4);
	ck_assert_int_eq(cJSON_GetObjectItem(o, "voters")->valueint, 2);
	ck_assert_str_eq(cJSON_GetObjectItem(o, "type")->valuestring, "results");
	cJSON_Delete(o);
	free(res);
	session_free(s);
}
END_TEST

/* Decode s and expect success; returns the request (free it). */
static struct proto_request decode_ok(const char *s)
{
	struct proto_request req;
	struct proto_error err;
	int rc = proto_decode(s, strlen(s), &req, &err);
	ck_assert_msg(rc == 0, "%s: %s %s", s, err.code, err.message);
	return req;
}

START_TEST(test_meeting_messages)
{
	struct proto_request r = decode_ok("{\"type\":\"vote\",\"activity\":4,\"item\":12,\"dots\":2,\"cid\":\"v1\"}");
	ck_assert_int_eq(r.cmd.type, CMD_VOTE);
	ck_assert_uint_eq(r.cmd.activity, 4);
	ck_assert_uint_eq(r.cmd.item, 12);
	ck_assert_int_eq(r.cmd.n, 2);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"poll.answer\",\"value\":[0,2]}");
	ck_assert(r.value_is_list);
	ck_assert_uint_eq(r.value_mask, 5);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"poll.answer\",\"activity\":5,\"value\":3}");
	ck_assert(!r.value_is_list);
	ck_assert_int_eq(r.value, 3);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"activity.add\",\"kind\":\"poll\",\"prompt\":\"När?\",\"poll\":\"multi\","
	              "\"choices\":[\"Kväll\",\"Helg\"],\"timer_s\":120,\"lock_at_zero\":true}");
	struct command cmd;
	proto_command(&r, &cmd);
	ck_assert_int_eq(cmd.type, CMD_ACTIVITY_ADD);
	ck_assert_ptr_eq(cmd.spec, &r.spec);
	ck_assert_int_eq(cmd.spec->kind, ACTIVITY_POLL);
	ck_assert_int_eq(cmd.spec->poll, POLL_MULTI);
	ck_assert_uint_eq(cmd.spec->n_options, 2);
	ck_assert_str_eq(cmd.spec->options[1], "Helg");
	ck_assert_str_eq(cmd.spec->prompt, "När?");
	ck_assert_int_eq(cmd.spec->timer_ms, 120000);
	ck_assert(cmd.spec->lock_at_zero);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"phase\",\"phase\":\"revealed\"}");
	ck_assert_int_eq(r.cmd.type, CMD_PHASE);
	ck_assert_int_eq(r.cmd.n, PHASE_REVEALED);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"timer\",\"action\":\"add\",\"seconds\":-60}");
	ck_assert_int_eq(r.cmd.type, CMD_TIMER_ADD);
	ck_assert_int_eq(r.cmd.n, -60000);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"timer\",\"action\":\"start\"}");
	ck_assert_int_eq(r.cmd.type, CMD_TIMER_START);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"idea.merge\",\"idea\":3,\"into\":1}");
	ck_assert_int_eq(r.cmd.type, CMD_IDEA_MERGE);
	ck_assert_uint_eq(r.cmd.other, 1);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"idea.post\",\"text\":\"x\",\"as\":14,\"category\":2}");
	ck_assert_uint_eq(r.as, 14);
	ck_assert_int_eq(r.cmd.n, 2);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"hello\",\"proto\":1,\"key\":\"00ff\"}");
	ck_assert_str_eq(r.key, "00ff");
	proto_request_free(&r);

	expect_error("{\"type\":\"vote\",\"item\":1}", "missing_field", "dots");
	expect_error("{\"type\":\"vote\",\"item\":1,\"dots\":-1}", "bad_field", "dots");
	expect_error("{\"type\":\"vote\",\"item\":\"1\",\"dots\":1}", "bad_field", "item");
	expect_error("{\"type\":\"poll.answer\"}", "missing_field", "value");
	expect_error("{\"type\":\"poll.answer\",\"value\":[\"a\"]}", "bad_field", "value");
	expect_error("{\"type\":\"phase\",\"phase\":\"closed\"}", "bad_field", "phase");
	expect_error("{\"type\":\"timer\",\"action\":\"stop\"}", "bad_field", "action");
	expect_error("{\"type\":\"timer\",\"action\":\"set\"}", "missing_field", "seconds");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"dance\",\"prompt\":\"?\"}", "bad_field", "kind");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"ideas\"}", "missing_field", "prompt");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"poll\",\"prompt\":\"?\"}", "missing_field", "poll");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"?\",\"categories\":\"Bostad\"}", "bad_field", "categories");
	expect_error("{\"type\":\"idea.post\",\"text\":\"x\",\"as\":-3}", "bad_field", "as");
	expect_error("{\"type\":\"goto\"}", "missing_field", "activity");
	expect_error("{\"type\":\"group.create\"}", "missing_field", "name");
	expect_error("{\"type\":\"idea.merge\",\"idea\":1}", "missing_field", "into");
}
END_TEST

/* Tables and rounds on the wire: the five messages, rounds on activity.add, table on
 * vote/idea.post, and their refusals; the state's seat, tables and rounds. */
START_TEST(test_tables_messages)
{
	struct proto_request r = decode_ok("{\"type\":\"table.join\",\"table\":3,\"scribe\":true}");
	ck_assert_int_eq(r.cmd.type, CMD_TABLE_JOIN);
	ck_assert_int_eq(r.cmd.n, 3);
	ck_assert_uint_eq(r.cmd.other, 1);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"table.join\",\"table\":0,\"as\":14}");
	ck_assert_uint_eq(r.cmd.other, 0);
	ck_assert_uint_eq(r.as, 14);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"tables.set\",\"count\":8}");
	ck_assert_int_eq(r.cmd.type, CMD_TABLES_SET);
	ck_assert_int_eq(r.cmd.n, 8);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"tables.assign\",\"size\":4}");
	ck_assert_int_eq(r.cmd.type, CMD_TABLES_ASSIGN);
	ck_assert_int_eq(r.cmd.n, 4);
	ck_assert_uint_eq(r.cmd.n_ids, 0);   /* the host adds who and the seed */
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"round.next\",\"activity\":2}");
	ck_assert_int_eq(r.cmd.type, CMD_ROUND_NEXT);
	ck_assert_uint_eq(r.cmd.activity, 2);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"idea.forward\",\"idea\":9}");
	ck_assert_int_eq(r.cmd.type, CMD_IDEA_FORWARD);
	ck_assert_int_eq(r.cmd.n, 1);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"idea.forward\",\"idea\":9,\"forward\":false}");
	ck_assert_int_eq(r.cmd.n, 0);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"vote\",\"item\":1,\"dots\":1,\"table\":2}");
	ck_assert_uint_eq(r.cmd.table, 2);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"idea.post\",\"text\":\"x\",\"table\":5}");
	ck_assert_uint_eq(r.cmd.table, 5);
	proto_request_free(&r);
	r = decode_ok("{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"?\",\"by_table\":true,"
	              "\"rounds\":[{\"title\":\"Ensam\",\"seconds\":60},{\"title\":\"Alla\"}]}");
	struct command cmd;
	proto_command(&r, &cmd);
	ck_assert_uint_eq(cmd.spec->n_rounds, 2);
	ck_assert_str_eq(cmd.spec->rounds[0].title, "Ensam");
	ck_assert_int_eq(cmd.spec->rounds[0].ms, 60000);
	ck_assert_int_eq(cmd.spec->rounds[1].ms, 0);
	ck_assert(cmd.spec->by_table);
	proto_request_free(&r);

	expect_error("{\"type\":\"table.join\"}", "missing_field", "table");
	expect_error("{\"type\":\"table.join\",\"table\":-1}", "bad_field", "table");
	expect_error("{\"type\":\"table.join\",\"table\":1,\"scribe\":1}", "bad_field", "scribe");
	expect_error("{\"type\":\"tables.set\"}", "missing_field", "count");
	expect_error("{\"type\":\"tables.assign\",\"size\":\"4\"}", "bad_field", "size");
	expect_error("{\"type\":\"idea.forward\"}", "missing_field", "idea");
	expect_error("{\"type\":\"vote\",\"item\":1,\"dots\":1,\"table\":-2}", "bad_field", "table");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"?\",\"rounds\":{}}", "bad_field", "rounds");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"?\",\"rounds\":[7]}", "bad_field", "rounds");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"?\",\"rounds\":[{\"seconds\":1}]}",
	             "missing_field", "title");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"?\",\"rounds\":[{\"title\":\"A\",\"seconds\":-1}]}",
	             "bad_field", "seconds");
	expect_error("{\"type\":\"activity.add\",\"kind\":\"ideas\",\"prompt\":\"?\",\"rounds\":"
	             "[{\"title\":\"1\"},{\"title\":\"2\"},{\"title\":\"3\"},{\"title\":\"4\"},{\"title\":\"5\"},"
	             "{\"title\":\"6\"},{\"title\":\"7\"},{\"title\":\"8\"},{\"title\":\"9\"}]}", "bad_field", "rounds");

	/* The state: the phone's seat, the count of tables, the rounds, an idea's table and round. */
	struct session *s = session_new("Bord", "sv", 0);
	struct session_result res;
	static const struct round_spec rounds[] = { { (char *)"Ensam", 60000 }, { (char *)"I par", 120000 } };
	struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .prompt = "?", .rounds = rounds, .n_rounds = 2 };
	struct command c[] = {
		{ .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &sp },
		{ .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef", .name = "Amal" },
		{ .type = CMD_TABLES_SET, .facilitator = 1, .n = 4 },
		{ .type = CMD_TABLE_JOIN, .participant = 1, .n = 3, .other = 1 },
		{ .type = CMD_ROUND_NEXT, .facilitator = 1, .at_ms = 1000 },
		{ .type = CMD_IDEA_POST, .participant = 1, .text = "Ett", .n = -1 },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) ck_assert_int_eq(session_apply(s, &c[i], &res), 0);
	char *js = proto_encode_state(s, 1, 0, 1, 2000);
	cJSON *o = cJSON_Parse(js);
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "session"), "tables")->valueint, 4);
	cJSON *seat = cJSON_GetObjectItem(o, "seat");
	ck_assert_int_eq(cJSON_GetObjectItem(seat, "table")->valueint, 3);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(seat, "scribe")));
	cJSON *act = cJSON_GetObjectItem(o, "activity");
	ck_assert_int_eq(cJSON_GetObjectItem(act, "round")->valueint, 1);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(act, "rounds")), 2);
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(act, "rounds"), 1), "seconds")->valueint, 120);
	cJSON *idea = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "ideas"), 0);
	ck_assert_int_eq(cJSON_GetObjectItem(idea, "table")->valueint, 3);
	ck_assert_int_eq(cJSON_GetObjectItem(idea, "round")->valueint, 1);
	ck_assert_int_eq(cJSON_GetObjectItem(idea, "forward")->valueint, 0);
	cJSON_Delete(o);
	free(js);
	js = proto_encode_state(s, 0, 1, 1, 2000);   /* the facilitator sits nowhere */
	o = cJSON_Parse(js);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(o, "seat")));
	cJSON_Delete(o);
	free(js);
	session_free(s);
}
END_TEST

START_TEST(test_time_round_trip)
{
	char buf[32];
	int64_t ms;
	proto_format_time(0, buf, sizeof buf);
	ck_assert_str_eq(buf, "1970-01-01T00:00:00.000Z");
	ck_assert_int_eq(proto_parse_time("2026-11-23T18:02:11.250Z", &ms), 0);
	proto_format_time(ms, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-11-23T18:02:11.250Z");
	ck_assert_int_eq(proto_parse_time("2026-11-23T18:02:11Z", &ms), 0);
	ck_assert_int_eq(ms % 1000, 0);
	ck_assert_int_eq(proto_parse_time("2026-11-23 18:02:11", &ms), -1);
	ck_assert_int_eq(proto_parse_time("2026-13-23T18:02:11Z", &ms), -1);
	ck_assert_int_eq(proto_parse_time("2026-11-23T18:02:11.Z", &ms), -1);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("proto");
	TCase *tc = tcase_create("codec");
	tcase_add_test(tc, test_bad_inputs);
	tcase_add_test(tc, test_cid_echoed_in_errors);
	tcase_add_test(tc, test_good_inputs);
	tcase_add_test(tc, test_encoders);
	tcase_add_test(tc, test_vote_results_encoding);
	tcase_add_test(tc, test_meeting_messages);
	tcase_add_test(tc, test_tables_messages);
	tcase_add_test(tc, test_time_round_trip);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
