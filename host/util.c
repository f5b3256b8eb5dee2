/* util.c: allocation wrappers and UTF-8 helpers. */
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void oom(size_t n)
{
	fprintf(stderr, "medskapa: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void xgrow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap;
	if (need <= c) return;
	if (c < 8) c = 8;
	while (c < need) c *= 2;
	*arr = xrealloc(*arr, c * elem);
	*cap = c;
}

/* Well-formed UTF-8; NUL bytes allowed only when nul_ok. */
static int well_formed(const char *str, size_t len, int nul_ok)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c == 0 && !nul_ok) return 0;
		if (c < 0x80) { i++; continue; }
		size_t n;
		uint32_t cp, min;
		if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; min = 0x80; }
		else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; min = 0x800; }
		else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; min = 0x10000; }
		else return 0;
		if (i + n > len) return 0;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80) return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
		i += n;
	}
	return 1;
}

int utf8_valid(const char *s, size_t len)
{
	return well_formed(s, len, 0);
}

int utf8_well_formed(const char *s, size_t len)
{
	return well_formed(s, len, 1);
}

size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
	return n;
}

uint32_t utf8_decode(const char *str, size_t len, size_t *adv)
{
	const unsigned char *s = (const unsigned char *)str;
	*adv = 1;
	if (len == 0) return 0xFFFD;
	unsigned c = s[0];
	if (c < 0x80) return c;
	size_t n;
	uint32_t cp;
	if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
	else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
	else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
	else return 0xFFFD;
	if (n > len) return 0xFFFD;
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80) return 0xFFFD;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	*adv = n;
	return cp;
}

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

char *utf8_trim(const char *s)
{
	size_t len = strlen(s), start = 0, end = 0, i = 0;
	int seen = 0;
	while (i < len) {
		size_t adv;
		uint32_t cp = utf8_decode(s + i, len - i, &adv);
		if (!is_space_cp(cp)) {
			if (!seen) { start = i; seen = 1; }
			end = i + adv;
		}
		i += adv;
	}
	if (!seen) return xstrdup("");
	return xstrndup(s + start, end - start);
}

int utf8_is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Bytes of s that are a bidi control (*drop) or a paragraph separator to write as '\n'
 * (*newline): the length of the code point at s, len bytes left. */
static size_t bidi_step(const char *s, size_t len, int *drop, int *newline)
{
	size_t adv;
	uint32_t cp = utf8_decode(s, len, &adv);
	if (cp == 0xFFFD && adv == 1) cp = 0xFFFD;   /* malformed: the byte is kept as it is */
	*drop = utf8_is_bidi_control(cp);
	*newline = cp == 0x2029 || cp == 0x85 || (cp >= 0x1C && cp <= 0x1E);
	return adv;
}

char *utf8_bidi_clean(const char *s)
{
	size_t len = strlen(s), o = 0;
	char *d = xmalloc(len + 1);
	for (size_t i = 0; i < len;) {
		int drop, nl;
		size_t adv = bidi_step(s + i, len - i, &drop, &nl);
		if (nl) d[o++] = '\n';
		else if (!drop) { memcpy(d + o, s + i, adv); o += adv; }
		i += adv;
	}
	d[o] = '\0';
	return d;
}

#define FSI "\xE2\x81\xA8"   /* U+2068 FIRST STRONG ISOLATE */
#define PDI "\xE2\x81\xA9"   /* U+2069 POP DIRECTIONAL ISOLATE */

char *utf8_bidi_isolate(const char *s)
{
	char *c = utf8_bidi_clean(s);
	size_t len = strlen(c), lines = 1;
	for (size_t i = 0; i < len; i++) lines += c[i] == '\n' || c[i] == '\r';
	char *d = xmalloc(len + lines * 6 + 1);
	size_t o = 0;
	int open = 0;
	for (size_t i = 0; i < len; i++) {
		if (c[i] == '\n' || c[i] == '\r') {
			if (open) { memcpy(d + o, PDI, 3); o += 3; open = 0; }
		} else if (!open) {
			memcpy(d + o, FSI, 3);
			o += 3;
			open = 1;
		}
		d[o++] = c[i];
	}
	if (open) { memcpy(d + o, PDI, 3); o += 3; }
	d[o] = '\0';
	free(c);
	return d;
}

void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

size_t strlcpy_m(char *dst, const char *src, size_t dstlen)
{
	size_t n = strlen(src);
	if (dstlen) {
		size_t c = n < dstlen - 1 ? n : dstlen - 1;
		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}

void deadline_after(struct timespec *ts, int clock, int ms)
{
	clock_gettime((clockid_t)clock, ts);
	if (ms <= 0) return;
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}
