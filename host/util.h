/* util.h: allocation that cannot fail sensibly, and UTF-8 helpers. libc only, no I/O
 * except the message printed by an allocation failure before abort(). */
#ifndef MEDSKAPA_UTIL_H
#define MEDSKAPA_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The number of elements of an array (not a pointer). */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* For __attribute__((format(PRINTF_LIKE, ...))): on Windows the build uses mingw's C99 printf
 * (%zu), which GCC must check as GNU's, not as Microsoft's. */
#ifdef _WIN32
#include <stdio.h>   /* defines __MINGW_PRINTF_FORMAT */
#endif
#if defined(_WIN32) && defined(__MINGW_PRINTF_FORMAT)
#define PRINTF_LIKE __MINGW_PRINTF_FORMAT
#else
#define PRINTF_LIKE printf
#endif

#ifdef _WIN32
/* mingw-w64's C library calls timegm _mkgmtime (its localtime_r and gmtime_r come with
 * _POSIX_THREAD_SAFE_FUNCTIONS, which the Windows build sets: host/dist/windows.mk). */
#define timegm _mkgmtime
#endif

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

/* The same, but NUL bytes allowed (a WebSocket text frame may hold them: whether they are
 * acceptable is for the JSON layer to judge). */
int utf8_well_formed(const char *s, size_t len);

/* Number of code points in valid UTF-8 s[0..len). */
size_t utf8_count(const char *s, size_t len);

/* Decode one code point from valid UTF-8 at s (len bytes left); stores its byte length
 * in *adv. Returns 0xFFFD and *adv = 1 on malformed input. */
uint32_t utf8_decode(const char *s, size_t len, size_t *adv);

/* New string: s with leading and trailing ASCII and Unicode spaces removed. Caller frees. */
char *utf8_trim(const char *s);

/* 1 for the bidi controls that open or close an embedding, override or isolate: LRE, RLE,
 * PDF, LRO, RLO (U+202A..U+202E) and LRI, RLI, FSI, PDI (U+2066..U+2069). The marks LRM, RLM
 * and ALM open nothing and are not among them. */
int utf8_is_bidi_control(uint32_t cp);

/* New string: s without any bidi control (utf8_is_bidi_control), and with the paragraph
 * separators that are not a line break in a text file (U+2029, NEL U+0085, U+001C..U+001E)
 * turned into '\n', so that no user text can open a direction that reaches past its own end
 * or end a paragraph unseen. Bytes that are not valid UTF-8 are copied as they are. Caller
 * frees; allocation failure aborts (xmalloc). */
char *utf8_bidi_clean(const char *s);

/* New string: utf8_bidi_clean(s) with each of its lines (split at CR, LF or CRLF, which are
 * kept) wrapped in FSI (U+2068) ... PDI (U+2069), the isolate of plain text: whatever
 * direction the text has, it cannot move what comes before or after it on the line. An
 * empty line stays empty (and "" gives ""). For Markdown, CSV and other plain text; HTML
 * escapes the cleaned text and wraps it in <bdi> instead. Caller frees. */
char *utf8_bidi_isolate(const char *s);

/* The time ms milliseconds from now on clock (CLOCK_REALTIME for pthread_cond_timedwait with
 * a default condition variable, CLOCK_MONOTONIC for one set to it); ms <= 0: now. */
struct timespec;
void deadline_after(struct timespec *ts, int clock, int ms);

/* Copy at most dstlen-1 bytes, always NUL-terminates. Returns strlen(src). */
size_t strlcpy_m(char *dst, const char *src, size_t dstlen);
/* Write a message into err (errlen bytes, always terminated): the "char *err, size_t errlen"
 * of the file-handling modules (store, plat-*). */
void seterr(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(PRINTF_LIKE, 3, 4)));

#endif
