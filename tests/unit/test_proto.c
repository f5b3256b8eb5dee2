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
	ck_assert_int_eq(req.type, PROTO_HELLO);
	ck_assert_str_eq(req.token, "abc");   /* token form is the model's rule */
	ck_assert_str_eq(req.name, "Amal");
	ck_assert_str_eq(req.lang, "ar");
	proto_request_free(&req);

	const char *p = " {\"type\":\"idea.post\",\"cid\":\"c1\",\"text\":\"Fika \\u00e5 \\ud83d\\ude00\"}\n";
	ck_assert_int_eq(proto_decode(p, strlen(p), &req, &err), 0);
	ck_assert_int_eq(req.type, PROTO_IDEA_POST);
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
	struct command c = { .type = CMD_ACTIVITY_ADD };
	struct session_result r;
	c.u.activity_add.kind = ACTIVITY_IDEAS;
	c.u.activity_add.title = "Idéer";
	c.u.activity_add.prompt = "Vad behövs?";
	session_apply(s, &c, &r);
	c = (struct command){ .type = CMD_JOIN, .at_ms = 1 };
	c.u.join.token = "0123456789abcdef0123456789abcdef";
	c.u.join.name = "Amal";
	session_apply(s, &c, &r);
	uint32_t p = r.events[0].id;
	c = (struct command){ .type = CMD_IDEA_POST, .participant = p, .at_ms = 1763920931250 };
	c.u.idea_post.text = "نحتاج \"مكان\"";
	session_apply(s, &c, &r);

	char *w = proto_encode_welcome(s, p, 3);
	cJSON *o = cJSON_Parse(w);
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(cJSON_GetObjectItem(o, "type")->valuestring, "welcome");
	ck_assert_int_eq(cJSON_GetObjectItem(o, "proto")->valueint, PROTO_VERSION);
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "you"), "token")->valuestring,
	                 "0123456789abcdef0123456789abcdef");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "activity"), "prompt")->valuestring, "Vad behövs?");
	cJSON *ideas = cJSON_GetObjectItem(o, "ideas");
	ck_assert_int_eq(cJSON_GetArraySize(ideas), 1);
	cJSON *i0 = cJSON_GetArrayItem(ideas, 0);
	ck_assert_str_eq(cJSON_GetObjectItem(i0, "text")->valuestring, "نحتاج \"مكان\"");
	ck_assert_str_eq(cJSON_GetObjectItem(i0, "name")->valuestring, "Amal");
	ck_assert_str_eq(cJSON_GetObjectItem(i0, "at")->valuestring, "2025-11-23T18:02:11.250Z");
	ck_assert_int_eq(cJSON_GetObjectItem(o, "phones")->valueint, 3);
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "limits"), "idea_chars")->valueint, 280);
	cJSON_Delete(o);
	free(w);

	char *a = proto_encode_ack("c9", 1);
	ck_assert_str_eq(a, "{\"type\":\"ack\",\"cid\":\"c9\",\"idea\":1}");
	free(a);
	char *pr = proto_encode_presence(12);
	ck_assert_str_eq(pr, "{\"type\":\"presence\",\"phones\":12}");
	free(pr);
	char *ad = proto_encode_idea_added(s, 1);
	ck_assert_ptr_nonnull(strstr(ad, "\"type\":\"idea.added\""));
	ck_assert_ptr_nonnull(strstr(ad, "\"author\":1"));
	free(ad);
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
	tcase_add_test(tc, test_time_round_trip);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
