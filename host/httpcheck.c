/* httpcheck.c: pure checks on an HTTP request's path, Origin and Host (see httpcheck.h). */
#include "httpcheck.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int httpcheck_has_dot_segment(const char *uri, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (uri[i] == '/' && uri[i + 1] == '.')
			return 1;
	return len > 0 && uri[0] == '.';
}

int httpcheck_split_authority(const char *a, long def, const char **host, size_t *hlen, long *port)
{
	const char *colon;
	char *end;

	if (a[0] == '[') {
		const char *close = strchr(a, ']');
		if (!close || (close[1] && close[1] != ':'))
			return -1;
		*hlen = (size_t)(close + 1 - a);
		colon = close[1] ? close + 1 : NULL;
	} else {
		colon = strchr(a, ':');
		*hlen = colon ? (size_t)(colon - a) : strlen(a);
	}
	*host = a;
	if (*hlen == 0)
		return -1;
	if (!colon) {
		*port = def;
		return 0;
	}
	if (!isdigit((unsigned char)colon[1]))
		return -1;
	*port = strtol(colon + 1, &end, 10);
	return *end || *port <= 0 || *port > 65535 ? -1 : 0;
}

int httpcheck_origin_ok(const char *origin, const char *host)
{
	const char *o, *oh, *hh;
	size_t ohl, hhl;
	long def, op, hp;

	if (!origin || !origin[0])
		return 1;
	if (strnlen(origin, HTTPCHECK_HEADER_MAX) >= HTTPCHECK_HEADER_MAX || !host || !host[0] ||
	    strnlen(host, HTTPCHECK_HEADER_MAX) >= HTTPCHECK_HEADER_MAX)
		return 0;
	if (strncasecmp(origin, "http://", 7) == 0) {
		o = origin + 7;
		def = 80;
	} else if (strncasecmp(origin, "https://", 8) == 0) {
		o = origin + 8;   /* behind a TLS proxy that keeps the Host header */
		def = 443;
	} else {
		return 0;         /* "null" (sandboxed frames, file:), other schemes */
	}
	if (httpcheck_split_authority(o, def, &oh, &ohl, &op) != 0 ||
	    httpcheck_split_authority(host, def, &hh, &hhl, &hp) != 0)
		return 0;
	return ohl == hhl && strncasecmp(oh, hh, ohl) == 0 && op == hp;
}
