/* test_wsframe.c: RFC 6455 section 5 rules on a client's byte stream (host/wsframe.c). */
#include "wsframe.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const char HEAD[] = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";

/* A client frame: fin, rsv bits, opcode, masked or not, payload of n bytes of 'a'. */
static size_t frame(unsigned char *out, int fin, int rsv, int op, int masked, size_t n)
{
	size_t k = 0;

	out[k++] = (unsigned char)((fin ? 0x80 : 0) | rsv | op);
	if (n < 126) {
		out[k++] = (unsigned char)((masked ? 0x80 : 0) | n);
	} else if (n < 65536) {
		out[k++] = (unsigned char)((masked ? 0x80 : 0) | 126);
		out[k++] = (unsigned char)(n >> 8);
		out[k++] = (unsigned char)n;
	} else {
		out[k++] = (unsigned char)((masked ? 0x80 : 0) | 127);
		for (int i = 7; i >= 0; i--)
			out[k++] = (unsigned char)((uint64_t)n >> (8 * i));
	}
	if (masked) {
		memcpy(out + k, "\x01\x02\x03\x04", 4);
		k += 4;
	}
	memset(out + k, 'a', n);
	return k + n;
}

static struct wsframe upgraded(void)
{
	struct wsframe f;
	size_t good;

	wsframe_reset(&f);
	ck_assert_int_eq(wsframe_feed(&f, (const unsigned char *)HEAD, strlen(HEAD), &good), 0);
	ck_assert_uint_eq(good, strlen(HEAD));
	return f;
}

START_TEST(well_formed_stream_passes_in_any_pieces)
{
	unsigned char buf[70000];
	size_t n = 0, good;

	n += frame(buf + n, 0, 0, 1, 1, 10);        /* text, not final */
	n += frame(buf + n, 1, 0, 9, 1, 3);         /* ping in between */
	n += frame(buf + n, 1, 0, 0, 1, 300);       /* final continuation, 16-bit length */
	n += frame(buf + n, 1, 0, 2, 1, 66000);     /* binary, 64-bit length */
	n += frame(buf + n, 1, 0, 8, 1, 2);         /* close */
	for (size_t step = 1; step <= n; step = step * 3 + 1) {
		struct wsframe f = upgraded();

		for (size_t i = 0; i < n; i += step) {
			size_t len = n - i < step ? n - i : step;
			ck_assert_int_eq(wsframe_feed(&f, buf + i, len, &good), 0);
			ck_assert_uint_eq(good, len);
		}
	}
}
END_TEST

START_TEST(http_without_upgrade_is_not_read_as_frames)
{
	struct wsframe f;
	size_t good;
	const char *req = "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /app.js HTTP/1.1\r\nHost: x\r\n\r\n";

	wsframe_reset(&f);
	ck_assert_int_eq(wsframe_feed(&f, (const unsigned char *)req, strlen(req), &good), 0);
	/* a later upgrade on the same connection switches to frames */
	ck_assert_int_eq(wsframe_feed(&f, (const unsigned char *)HEAD, strlen(HEAD), &good), 0);
	unsigned char bad[16];
	size_t n = frame(bad, 1, 0, 1, 0, 5);
	ck_assert_int_eq(wsframe_feed(&f, bad, n, &good), WSFRAME_PROTOCOL_ERROR);
	ck_assert_str_eq(f.error, "unmasked frame");
}
END_TEST

static void expect_breach(int fin, int rsv, int op, int masked, size_t n, int started, const char *why)
{
	struct wsframe f = upgraded();
	unsigned char buf[400];
	size_t k = 0, good;

	if (started)
		k += frame(buf, 0, 0, 1, 1, 4);
	size_t at = k;
	k += frame(buf + k, fin, rsv, op, masked, n);
	ck_assert_int_eq(wsframe_feed(&f, buf, k, &good), WSFRAME_PROTOCOL_ERROR);
	ck_assert_str_eq(f.error, why);
	ck_assert_uint_eq(good, at);   /* what came before the bad frame passes on */
	ck_assert_int_eq(wsframe_feed(&f, buf, 1, &good), WSFRAME_PROTOCOL_ERROR);
	ck_assert_uint_eq(good, 0);    /* and nothing after it */
}

START_TEST(each_rule_of_section_5)
{
	expect_breach(1, 0, 1, 0, 5, 0, "unmasked frame");
	expect_breach(1, 0x40, 1, 1, 5, 0, "reserved bits set");
	expect_breach(1, 0x10, 1, 1, 5, 0, "reserved bits set");
	expect_breach(1, 0, 3, 1, 5, 0, "unknown opcode");
	expect_breach(1, 0, 0xb, 1, 0, 0, "unknown opcode");
	expect_breach(0, 0, 9, 1, 1, 0, "fragmented control frame");
	expect_breach(1, 0, 9, 1, 126, 0, "control frame too long");
	expect_breach(1, 0, 0, 1, 5, 0, "continuation without a start");
	expect_breach(1, 0, 1, 1, 5, 1, "new message inside a fragmented one");
}
END_TEST

START_TEST(length_with_top_bit)
{
	struct wsframe f = upgraded();
	unsigned char buf[] = { 0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 1 };
	size_t good;

	ck_assert_int_eq(wsframe_feed(&f, buf, sizeof(buf), &good), WSFRAME_PROTOCOL_ERROR);
	ck_assert_str_eq(f.error, "length with its top bit set");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("wsframe");
	TCase *tc = tcase_create("rules");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, well_formed_stream_passes_in_any_pieces);
	tcase_add_test(tc, http_without_upgrade_is_not_read_as_frames);
	tcase_add_test(tc, each_rule_of_section_5);
	tcase_add_test(tc, length_with_top_bit);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
