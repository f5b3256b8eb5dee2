/* libFuzzer target: the HTTP request checks (httpcheck) on any bytes must neither crash nor
 * read out of bounds (ASan + UBSan), and must agree with what they promise. The input is up to
 * three lines: the request path, the Origin header, the Host header. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int ok, const char *what)
{
	if (ok) return;
	fprintf(stderr, "fuzz_http: %s\n", what);
	abort();
}

/* The next line of in[*pos..size) as a new NUL-terminated string (it may hold NULs). */
static char *field(const uint8_t *in, size_t size, size_t *pos, size_t *len)
{
	const uint8_t *nl = *pos < size ? memchr(in + *pos, '\n', size - *pos) : NULL;
	size_t end = nl ? (size_t)(nl - in) : size;
	if (end < *pos) end = *pos;
	*len = end - *pos;
	char *s = malloc(*len + 1);
	if (!s) abort();
	memcpy(s, in + *pos, *len);
	s[*len] = '\0';
	*pos = nl ? end + 1 : size;
	return s;
}

/* What httpcheck_split_authority promises about a result of 0. */
static void check_authority(const char *a, long def)
{
	const char *h;
	size_t hl;
	long port;
	if (httpcheck_split_authority(a, def, &h, &hl, &port) != 0) return;
	must(h == a && hl > 0 && hl <= strlen(a), "split_authority: host outside the authority");
	must(port == def || (port >= 1 && port <= 65535), "split_authority: port out of range");
	if (a[0] == '[') must(a[hl - 1] == ']', "split_authority: an IPv6 host not ending in ]");
	else must(memchr(a, ':', hl) == NULL, "split_authority: a host holding a colon");
	if (a[hl] == '\0') must(port == def, "split_authority: a port where there is none");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos = 0, plen, olen, hlen;
	char *path = field(data, size, &pos, &plen);
	char *origin = field(data, size, &pos, &olen);
	char *host = field(data, size, &pos, &hlen);

	/* the path: bounded by len, NULs and all */
	int dot = httpcheck_has_dot_segment(path, plen);
	int want = plen > 0 && path[0] == '.';
	for (size_t i = 0; i + 1 < plen && !want; i++)
		want = path[i] == '/' && path[i + 1] == '.';
	must(dot == want, "has_dot_segment: a dot segment missed or made up");
	httpcheck_has_dot_segment((const char *)data, size);

	check_authority(origin, 80);
	check_authority(host, 443);
	int ok = httpcheck_origin_ok(origin, host);
	must(ok == 0 || ok == 1, "origin_ok: not 0 or 1");
	if (!origin[0]) must(ok == 1, "origin_ok: no Origin refused");

	/* The page's own origin is allowed whatever the case, exactly when the Host is an authority. */
	size_t hl = strlen(host);
	if (hl > 0 && hl + 8 < HTTPCHECK_HEADER_MAX) {
		char own[HTTPCHECK_HEADER_MAX];
		const char *h;
		size_t n;
		long port;
		snprintf(own, sizeof own, "%s://%s", size & 1 ? "HTTP" : "http", host);
		if (size & 2)
			for (char *c = own + 7; *c; c++) if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
		must(httpcheck_origin_ok(own, host) == (httpcheck_split_authority(host, 80, &h, &n, &port) == 0),
		     "origin_ok: the page's own origin judged wrongly");
	}
	free(path);
	free(origin);
	free(host);
	return 0;
}
