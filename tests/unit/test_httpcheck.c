/* Unit tests of the HTTP request checks: dot segments in paths, Host/Origin authorities, and
 * the same-origin rule for the WebSocket handshake. Links httpcheck alone (and util). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "httpcheck.h"

static int dot(const char *uri)
{
	return httpcheck_has_dot_segment(uri, strlen(uri));
}

START_TEST(test_dot_segments)
{
	ck_assert_int_eq(dot("/"), 0);
	ck_assert_int_eq(dot("/index.html"), 0);
	ck_assert_int_eq(dot("/fonts/noto.woff2"), 0);
	ck_assert_int_eq(dot("/a.b/c..d"), 0);
	ck_assert_int_eq(dot(""), 0);
	ck_assert_int_eq(dot("/.git/config"), 1);
	ck_assert_int_eq(dot("/.env"), 1);
	ck_assert_int_eq(dot("/a/../b"), 1);
	ck_assert_int_eq(dot("/a/./b"), 1);
	ck_assert_int_eq(dot("/a/."), 1);
	ck_assert_int_eq(dot("."), 1);
	ck_assert_int_eq(dot("../x"), 1);
	/* only the first len bytes count */
	ck_assert_int_eq(httpcheck_has_dot_segment("/x/.hidden", 3), 0);
	ck_assert_int_eq(httpcheck_has_dot_segment("/x/.hidden", 4), 1);
	ck_assert_int_eq(httpcheck_has_dot_segment(".", 0), 0);
}
END_TEST

START_TEST(test_split_authority)
{
	const char *h;
	size_t hl;
	long port;

	ck_assert_int_eq(httpcheck_split_authority("192.168.1.5:8080", 80, &h, &hl, &port), 0);
	ck_assert_int_eq(hl, 11);
	ck_assert_int_eq(port, 8080);
	ck_assert_int_eq(httpcheck_split_authority("medskapa.lan", 80, &h, &hl, &port), 0);
	ck_assert_int_eq(hl, 12);
	ck_assert_int_eq(port, 80);
	ck_assert_int_eq(httpcheck_split_authority("[fe80::1]:8080", 443, &h, &hl, &port), 0);
	ck_assert_int_eq(hl, 9);
	ck_assert(strncmp(h, "[fe80::1]", hl) == 0);
	ck_assert_int_eq(port, 8080);
	ck_assert_int_eq(httpcheck_split_authority("[::1]", 443, &h, &hl, &port), 0);
	ck_assert_int_eq(hl, 5);
	ck_assert_int_eq(port, 443);
	ck_assert_int_eq(httpcheck_split_authority("h:65535", 80, &h, &hl, &port), 0);
	ck_assert_int_eq(port, 65535);

	static const char *const bad[] = {
		"", ":8080", "h:", "h:0", "h:65536", "h:-1", "h:+80", "h: 80", "h:80 ", "h:80x",
		"h:1:2", "h:99999999999999999999999", "[::1", "[::1]x", "[::1]:", "[::1]:0", "[]x",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(httpcheck_split_authority(bad[i], 80, &h, &hl, &port) == -1, "\"%s\" accepted", bad[i]);
}
END_TEST

START_TEST(test_origin)
{
	/* no Origin: not a browser */
	ck_assert_int_eq(httpcheck_origin_ok(NULL, "h:8080"), 1);
	ck_assert_int_eq(httpcheck_origin_ok("", NULL), 1);
	/* the page's own origin */
	ck_assert_int_eq(httpcheck_origin_ok("http://192.168.1.5:8080", "192.168.1.5:8080"), 1);
	ck_assert_int_eq(httpcheck_origin_ok("HTTP://Medskapa.LAN", "medskapa.lan:80"), 1);
	ck_assert_int_eq(httpcheck_origin_ok("https://medskapa.lan", "medskapa.lan:443"), 1);
	ck_assert_int_eq(httpcheck_origin_ok("http://[::1]:8080", "[::1]:8080"), 1);
	/* another site, another port, another scheme's port, no Host, other schemes */
	ck_assert_int_eq(httpcheck_origin_ok("http://evil.example", "192.168.1.5:8080"), 0);
	ck_assert_int_eq(httpcheck_origin_ok("http://192.168.1.5:8081", "192.168.1.5:8080"), 0);
	ck_assert_int_eq(httpcheck_origin_ok("https://medskapa.lan", "medskapa.lan:80"), 0);
	/* a Host without a port takes the Origin scheme's, as the browser sent it */
	ck_assert_int_eq(httpcheck_origin_ok("https://medskapa.lan", "medskapa.lan"), 1);
	ck_assert_int_eq(httpcheck_origin_ok("http://medskapa.lan", NULL), 0);
	ck_assert_int_eq(httpcheck_origin_ok("http://medskapa.lan", ""), 0);
	ck_assert_int_eq(httpcheck_origin_ok("null", "medskapa.lan"), 0);
	ck_assert_int_eq(httpcheck_origin_ok("file://", "medskapa.lan"), 0);
	ck_assert_int_eq(httpcheck_origin_ok("ws://medskapa.lan", "medskapa.lan"), 0);
	/* a prefix of the host is not the host */
	ck_assert_int_eq(httpcheck_origin_ok("http://medskapa.la", "medskapa.lan"), 0);
	ck_assert_int_eq(httpcheck_origin_ok("http://medskapa.lan.evil", "medskapa.lan"), 0);
	/* a path after the authority is not an origin */
	ck_assert_int_eq(httpcheck_origin_ok("http://medskapa.lan:80/", "medskapa.lan"), 0);

	/* headers of HTTPCHECK_HEADER_MAX bytes or more are refused, one byte less is read */
	char o[HTTPCHECK_HEADER_MAX + 1], h[HTTPCHECK_HEADER_MAX + 1];
	memcpy(o, "http://", 7);
	memset(o + 7, 'a', HTTPCHECK_HEADER_MAX - 1 - 7);
	o[HTTPCHECK_HEADER_MAX - 1] = '\0';
	memset(h, 'a', HTTPCHECK_HEADER_MAX - 1 - 7);
	h[HTTPCHECK_HEADER_MAX - 1 - 7] = '\0';
	ck_assert_int_eq(httpcheck_origin_ok(o, h), 1);
	memset(o + 7, 'a', HTTPCHECK_HEADER_MAX - 7);
	o[HTTPCHECK_HEADER_MAX] = '\0';
	ck_assert_int_eq(httpcheck_origin_ok(o, h), 0);
	memset(h, 'a', HTTPCHECK_HEADER_MAX);
	h[HTTPCHECK_HEADER_MAX] = '\0';
	ck_assert_int_eq(httpcheck_origin_ok("http://a", h), 0);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("httpcheck");
	TCase *tc = tcase_create("checks");
	tcase_add_test(tc, test_dot_segments);
	tcase_add_test(tc, test_split_authority);
	tcase_add_test(tc, test_origin);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
