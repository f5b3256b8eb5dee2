/* util.h: allocation that cannot fail sensibly, and UTF-8 helpers. libc only, no I/O
 * except the message printed by an allocation failure before abort(). */
#ifndef MEDSKAPA_UTIL_H
#define MEDSKAPA_UTIL_H

#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);                 /* aborts with a message on failure */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *arr (element size elem) so that it holds at least need elements. */
void xgrow(void **arr, size_t *cap, size_t need, size_t elem);

/* 1 if s[0..len) is well-formed UTF-8 (no overlong forms, no surrogates, <= U+10FFFF,
 * no NUL byte), else 0. */
int utf8_valid(const char *s, size_t len);

/* Number of code points in valid UTF-8 s[0..len). */
size_t utf8_count(const char *s, size_t len);

/* Decode one code point from valid UTF-8 at s (len bytes left); stores its byte length
 * in *adv. Returns 0xFFFD and *adv = 1 on malformed input. */
uint32_t utf8_decode(const char *s, size_t len, size_t *adv);

/* New string: s with leading and trailing ASCII and Unicode spaces removed. Caller frees. */
char *utf8_trim(const char *s);

/* Copy at most dstlen-1 bytes, always NUL-terminates. Returns strlen(src). */
size_t strlcpy_m(char *dst, const char *src, size_t dstlen);

#endif
