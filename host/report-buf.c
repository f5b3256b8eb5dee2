/* report-buf.c: the growing buffer every report is written into, the escapers for HTML,
 * Markdown and CSV, and dates, clock times and durations in local time. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report-int.h"
#include "util.h"

/* ---- the buffer ------------------------------------------------------------------------- */

void report_buf_free(struct report_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void report_putn(struct report_buf *b, const char *s, size_t n)
{
	xgrow((void **)&b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void report_put(struct report_buf *b, const char *s)
{
	report_putn(b, s, strlen(s));
}

void report_putf(struct report_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0) return;
	xgrow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* ---- escaping ----------------------------------------------------------------------------- */

void report_put_html(struct report_buf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) rep = " ";
		}
		if (rep) {
			report_putn(b, run, (size_t)(s - run));
			report_put(b, rep);
			run = s + 1;
		}
	}
	report_putn(b, run, (size_t)(s - run));
}

/* At the start of a line, what Markdown would read as a block (a list, heading, quote, rule,
 * fence, table, setext line) is escaped; anywhere, inline markup and HTML are. */
void report_put_md(struct report_buf *b, const char *s, const char *newline)
{
	int line_start = 1;
	while (*s) {
		unsigned char c = (unsigned char)*s;
		if (c == '\r' || c == '\n') {
			if (c == '\r' && s[1] == '\n') s++;
			report_put(b, newline);
			s++;
			while (*s == ' ' || *s == '\t') s++;
			line_start = 1;
			continue;
		}
		if (line_start) {
			line_start = 0;
			if (strchr("-+=>#*_`~|", c)) {
				report_putn(b, "\\", 1);
				report_putn(b, s++, 1);
				continue;
			}
			if (c >= '0' && c <= '9') {   /* "1." or "1)" would start an ordered list */
				const char *d = s;
				while (*d >= '0' && *d <= '9') d++;
				report_putn(b, s, (size_t)(d - s));
				s = d;
				if (*s == '.' || *s == ')') {
					report_putn(b, "\\", 1);
					report_putn(b, s++, 1);
				}
				continue;
			}
		}
		if (strchr("\\`*_[]<>|#~", c) || (c == '&' && (isalnum((unsigned char)s[1]) || s[1] == '#'))) {
			report_putn(b, "\\", 1);
			report_putn(b, s, 1);
		} else if (c < 0x20 || c == 0x7f) {
			report_putn(b, " ", 1);
		} else {
			report_putn(b, s, 1);
		}
		s++;
	}
}

void report_put_csv(struct report_buf *b, const char *s, char sep)
{
	char special[] = { sep, '"', '\r', '\n', '\0' };
	int guard = *s && strchr("=+-@\t", *s) != NULL;
	int quote = strpbrk(s, special) != NULL;
	if (quote) report_putn(b, "\"", 1);
	if (guard) report_putn(b, "'", 1);
	for (const char *run = s;; s++) {
		if (*s == '"' || !*s) {
			report_putn(b, run, (size_t)(s - run) + (*s == '"'));   /* a quote is written twice */
			if (!*s) break;
			run = s;
		}
	}
	if (quote) report_putn(b, "\"", 1);
}

void report_put_base64(struct report_buf *b, const unsigned char *d, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char out[4];
	if (!n) return;
	xgrow((void **)&b->data, &b->cap, b->len + (n + 2) / 3 * 4 + 1, 1);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)d[i] << 16 | (i + 1 < n ? (unsigned)d[i + 1] << 8 : 0) | (i + 2 < n ? d[i + 2] : 0);
		out[0] = abc[v >> 18 & 63];
		out[1] = abc[v >> 12 & 63];
		out[2] = i + 1 < n ? abc[v >> 6 & 63] : '=';
		out[3] = i + 2 < n ? abc[v & 63] : '=';
		report_putn(b, out, 4);
	}
}

/* ---- time --------------------------------------------------------------------------------- */

void report_local_tm(int64_t ms, struct tm *tm)
{
	int64_t sec = ms / 1000 - (ms % 1000 < 0);
	time_t t = (time_t)sec;
	if (!localtime_r(&t, tm)) memset(tm, 0, sizeof *tm);
}

/* "23 november 2026", or with time instead of the year "24 november 09:10" (the catalogue
 * says in which order). */
static void date_of(const struct words *w, const struct tm *tm, const char *time, char *buf, size_t len)
{
	char day[16], year[16];
	snprintf(day, sizeof day, "%d", tm->tm_mday);
	snprintf(year, sizeof year, "%d", tm->tm_year + 1900);
	const char *const names[] = { "day", "month", "year", "time" };
	const char *const values[] = { day, word(w, (enum word_id)(W_REPORT_MONTH_1 + tm->tm_mon % 12)), year, time };
	word_expand(buf, len, word(w, time ? W_REPORT_DAY_TIME : W_REPORT_DATE_FORMAT), 4, names, values);
}

void report_date(const struct words *w, int64_t ms, char *buf, size_t len)
{
	struct tm tm;
	report_local_tm(ms, &tm);
	date_of(w, &tm, NULL, buf, len);
}

void report_duration(const struct words *w, int64_t ms, char *buf, size_t len)
{
	int64_t min = (ms + 30000) / 60000;
	char h[24], m[24];
	snprintf(h, sizeof h, "%lld", (long long)(min / 60));
	snprintf(m, sizeof m, "%lld", (long long)(min % 60));
	const char *const names[] = { "h", "m" }, *const values[] = { h, m };
	enum word_id id = min < 1 ? W_REPORT_UNDER_A_MINUTE : min < 60 ? W_REPORT_DURATION_M
	                : min % 60 == 0 ? W_REPORT_DURATION_H : W_REPORT_DURATION_HM;
	word_expand(buf, len, word(w, id), 2, names, values);
}

/* "18:07" on the meeting's date, "24 november 09:10" on another. */
const char *report_clock_at(const struct report_ctx *c, int64_t ms, char *buf, size_t len)
{
	struct tm tm;
	char hm[8];
	report_local_tm(ms, &tm);
	snprintf(hm, sizeof hm, "%02d:%02d", tm.tm_hour % 24, tm.tm_min % 60);
	if (tm.tm_year == c->year && tm.tm_yday == c->yday) snprintf(buf, len, "%s", hm);
	else date_of(c->w, &tm, hm, buf, len);
	return buf;
}
