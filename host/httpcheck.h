/* httpcheck.h: the checks the host makes on an HTTP request's path, Origin and Host, as pure
 * functions over plain strings (libc only, no I/O), so that they can be unit-tested and fuzzed
 * apart from libwebsockets. */
#ifndef MEDSKAPA_HTTPCHECK_H
#define MEDSKAPA_HTTPCHECK_H

#include <stddef.h>

/* An Origin or Host header this long or longer (in bytes) is refused unread. */
#define HTTPCHECK_HEADER_MAX 256

/* 1 if a path segment of uri[0..len) starts with '.' (dotfiles, and any ".." left over), or
 * uri itself does; else 0. uri need not end in a NUL; len 0 is the empty path (0). */
int httpcheck_has_dot_segment(const char *uri, size_t len);

/* Split an authority "host[:port]" or "[v6]:port" (NUL-terminated) into its host and port.
 * *host points into a (the brackets of an IPv6 literal included, *hlen bytes); *port gets the
 * port, or def when none is given. Returns 0, or -1 when a is not one (empty host, a port that
 * is not 1 to 65535 in decimal digits, anything after "]" but ":port"); the outputs may then
 * be partly set. */
int httpcheck_split_authority(const char *a, long def, const char **host, size_t *hlen, long *port);

/* 1 if a WebSocket handshake may go on as far as its origin goes, else 0. origin is the Origin
 * header (NULL or "" when there is none: not a browser, allowed), host the Host header (NULL
 * when there is none). Otherwise the origin must be http(s)://host[:port] naming the same host
 * (compared without case) and port as the Host header; a port left out is the scheme's (80,
 * 443). Either header HTTPCHECK_HEADER_MAX bytes or longer is refused. */
int httpcheck_origin_ok(const char *origin, const char *host);

#endif
