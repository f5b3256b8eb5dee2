/* report.c: reports for staff from saved sessions: one self-contained HTML page that prints on
 * A4, Markdown for the minutes, CSV for Excel, and an HTML overview over a folder of sessions.
 * Rendering is pure (into a buffer); only report_main() and its helpers read and write files. */
#include "report.h"

#include <assert.h>
#include <ctype.h>
#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "journal.h"
#include "proto.h"
#include "store.h"
#include "util.h"

/* ---- tunables ------------------------------------------------------------------------- */
#define TIMELINE_MAX_BARS   96     /* the timeline counts ideas per 5 minutes, or per 10, 15, 30, 60 ...
                                    * when 5 would give more bars than this */
#define TIMELINE_MAX_LABELS 9      /* clock labels under the timeline */
#define MERGE_DEPTH         8      /* duplicates nest at most this deep: a damaged file cannot loop */
#define TOP_RANKS           3      /* ranks of each vote in the brief results and the overview */
#define TOP_ITEMS           5      /* ... but no more items than this when ranks are shared */
#define OVERVIEW_MAX_FILE   (256u * 1024 * 1024)   /* as store_load */

#define FSI "\xE2\x81\xA8"   /* U+2068 FIRST STRONG ISOLATE: what plain text isolates user text in */
#define PDI "\xE2\x81\xA9"   /* U+2069 POP DIRECTIONAL ISOLATE: its end */

/* ---- labels: every word a reader sees, in one table per language ------------------------
 * Staff read Swedish. To add English, add a `labels_en` beside `labels_sv` and choose it. */
enum lbl {
	/* the report's head and agenda */
	L_KICKER, L_REPORT, L_DATE, L_TIME, L_SPAN_NOTE, L_PARTICIPANTS, L_IDEAS, L_ZONE_NOTE,
	L_ZONE_UNKNOWN, L_ANONYMISED, L_AGENDA,
	/* activities */
	L_KIND_IDEAS, L_KIND_VOTE, L_KIND_POLL, L_POLL_SINGLE, L_POLL_MULTI, L_POLL_SCALE,
	L_PHASE_PREPARED, L_PHASE_OPEN, L_PHASE_LOCKED, L_PHASE_REVEALED, L_SILENT, L_CATEGORIES,
	L_UNGROUPED, L_NO_IDEAS, L_NOT_RUN, L_IDEA_ONE, L_IDEA_MANY, L_HIDDEN, L_EDITED, L_BEFORE,
	L_MERGED_HERE, L_MERGED_INTO, L_FACILITATOR, L_PROXY, L_DOT_ONE, L_DOT_MANY,
	L_VOTE_ON_IDEAS, L_VOTE_ON_GROUPS, L_DOTS_EACH, L_AT_MOST, L_PER_IDEA, L_PER_GROUP, L_LIVE,
	L_VOTED, L_VOTED_DOTS, L_RANK, L_IDEA, L_GROUP, L_DOTS, L_VOTERS, L_TIE, L_NO_VOTES,
	L_NO_DOTS, L_GROUP_ONE, L_GROUP_MANY, L_NOT_SHOWN, L_NOT_IN_VOTE, L_LOST_DOTS, L_CHART,
	/* polls, participation, timeline */
	L_CHOICE, L_ANSWERS, L_SHARE, L_RESPONDED, L_MEAN, L_OF, L_NO_ANSWERS, L_MULTI_NOTE,
	L_BRIEF, L_PARTICIPATION, L_P_PROXY, L_P_PROXIES, L_P_HIDDEN_ONE, L_P_HIDDEN,
	L_P_MERGED_ONE, L_P_MERGED, L_P_BY_FACILITATOR_ONE, L_P_BY_FACILITATOR, L_P_VOTES,
	L_P_POLLS, L_ANSWER_ONE, L_ANSWER_MANY, L_PERSON_ONE, L_PERSON_MANY, L_LANGUAGES,
	L_LANGUAGE, L_UNKNOWN_LANG, L_NAME, L_JOINED, L_NR, L_TIMELINE, L_IDEAS_PER, L_MINUTES,
	L_NO_TIMELINE, L_MODERATION, L_ACTION, L_DETAIL, L_NO_MODERATION, L_ACT_HIDE,
	L_ACT_RESTORE, L_ACT_EDIT, L_ACT_MERGE, L_LOG_BEFORE, L_AFTER, L_INTO, L_PEOPLE, L_NONE,
	L_SOURCE, L_MADE_BY, L_HOURS, L_MIN, L_UNDER_A_MINUTE,
	/* CSV columns and values */
	L_CSV_NR, L_CSV_ACTIVITY, L_CSV_GROUP, L_CSV_TEXT, L_CSV_DOTS, L_CSV_HIDDEN,
	L_CSV_HIDDEN_AT, L_CSV_LANG, L_CSV_TIME, L_CSV_TIME_UTC, L_CSV_CATEGORY, L_CSV_MERGED_INTO,
	L_CSV_EDITED, L_CSV_BY_FACILITATOR, L_CSV_NAME, L_YES, L_NO,
	/* the overview */
	L_OVERVIEW, L_OVERVIEW_OF, L_MEETING, L_FILE, L_TOP, L_NO_VOTE, L_CATEGORY, L_MEETINGS,
	L_CATEGORY_NOTE, L_NO_CATEGORIES, L_SKIPPED, L_TEMPLATE, L_NOT_SESSION, L_NO_SESSIONS,
	L_COUNT
};

struct lang_name {
	const char *code, *name;
};

struct labels {
	const char *text[L_COUNT];
	const char *month[12];
	const struct lang_name *langs;     /* ends with { NULL, NULL } */
};

/* Languages the phone page offers, and others common among newcomers in Sweden. */
static const struct lang_name langs_sv[] = {
	{ "sv", "svenska" }, { "en", "engelska" }, { "ar", "arabiska" }, { "fa", "persiska" },
	{ "prs", "dari" }, { "fa-AF", "dari" }, { "ps", "pashto" }, { "ti", "tigrinska" },
	{ "am", "amhariska" }, { "so", "somaliska" }, { "ku", "kurdiska" }, { "ckb", "sorani" },
	{ "kmr", "kurmanji" }, { "tr", "turkiska" }, { "uk", "ukrainska" }, { "ru", "ryska" },
	{ "pl", "polska" }, { "bs", "bosniska" }, { "sr", "serbiska" }, { "hr", "kroatiska" },
	{ "sq", "albanska" }, { "ro", "rumänska" }, { "es", "spanska" }, { "fr", "franska" },
	{ "de", "tyska" }, { "fi", "finska" }, { "ur", "urdu" }, { "hi", "hindi" }, { "bn", "bengali" },
	{ "th", "thailändska" }, { "vi", "vietnamesiska" }, { "zh", "kinesiska" }, { "my", "burmesiska" },
	{ "sw", "swahili" }, { "se", "nordsamiska" }, { "fit", "meänkieli" }, { "rom", "romani" },
	{ "yi", "jiddisch" }, { NULL, NULL }
};

static const struct labels labels_sv = {
	.text = {
		[L_KICKER] = "Rapport från ett medskapande möte",
		[L_REPORT] = "rapport",
		[L_DATE] = "Datum",
		[L_TIME] = "Tid",
		[L_SPAN_NOTE] = "från första till sista händelsen",
		[L_PARTICIPANTS] = "Deltagare",
		[L_IDEAS] = "Idéer",
		[L_ZONE_NOTE] = "Alla tider är lokal tid:",
		[L_ZONE_UNKNOWN] = "datorns tidszon",
		[L_ANONYMISED] = "Deltagarnas namn är utelämnade.",
		[L_AGENDA] = "Dagordning",
		[L_KIND_IDEAS] = "Idéinsamling",
		[L_KIND_VOTE] = "Prioritering med prickar",
		[L_KIND_POLL] = "Enkät",
		[L_POLL_SINGLE] = "ett svar",
		[L_POLL_MULTI] = "flera svar",
		[L_POLL_SCALE] = "skala 1–5",
		[L_PHASE_PREPARED] = "inte genomförd",
		[L_PHASE_OPEN] = "öppen när filen sparades",
		[L_PHASE_LOCKED] = "stängd",
		[L_PHASE_REVEALED] = "stängd och visad",
		[L_SILENT] = "tyst insamling",
		[L_CATEGORIES] = "Kategorier",
		[L_UNGROUPED] = "Utan grupp",
		[L_NO_IDEAS] = "Inga idéer lämnades.",
		[L_NOT_RUN] = "Aktiviteten genomfördes inte.",
		[L_IDEA_ONE] = "idé",
		[L_IDEA_MANY] = "idéer",
		[L_HIDDEN] = "Dold",
		[L_EDITED] = "Ändrad",
		[L_BEFORE] = "Ursprunglig text:",
		[L_MERGED_HERE] = "Dubblett, sammanslagen hit",
		[L_MERGED_INTO] = "Sammanslagen med",
		[L_FACILITATOR] = "samtalsledaren",
		[L_PROXY] = "utan telefon",
		[L_DOT_ONE] = "prick",
		[L_DOT_MANY] = "prickar",
		[L_VOTE_ON_IDEAS] = "på idéerna i",
		[L_VOTE_ON_GROUPS] = "på grupperna i",
		[L_DOTS_EACH] = "prickar per deltagare",
		[L_AT_MOST] = "högst",
		[L_PER_IDEA] = "per idé",
		[L_PER_GROUP] = "per grupp",
		[L_LIVE] = "resultatet syntes under röstningen",
		[L_VOTED] = "röstade",
		[L_VOTED_DOTS] = "och lade",
		[L_RANK] = "Plats",
		[L_IDEA] = "Idé",
		[L_GROUP] = "Grupp",
		[L_DOTS] = "Prickar",
		[L_VOTERS] = "Röstande",
		[L_TIE] = "delad",
		[L_NO_VOTES] = "Inga prickar lades.",
		[L_NO_DOTS] = "Utan prickar",
		[L_GROUP_ONE] = "grupp",
		[L_GROUP_MANY] = "grupper",
		[L_NOT_SHOWN] = "Resultatet visades inte för deltagarna.",
		[L_NOT_IN_VOTE] = "Dolda och sammanslagna idéer var inte med i röstningen.",
		[L_LOST_DOTS] = "prickar låg på idéer som sedan doldes och räknas inte.",
		[L_CHART] = "Diagram",
		[L_CHOICE] = "Svar",
		[L_ANSWERS] = "Antal",
		[L_SHARE] = "Andel",
		[L_RESPONDED] = "svarade",
		[L_MEAN] = "Medelvärde",
		[L_OF] = "av",
		[L_NO_ANSWERS] = "Inga svar.",
		[L_MULTI_NOTE] = "Flera svar var möjliga: andelarna räknas av dem som svarade.",
		[L_BRIEF] = "Resultat i korthet",
		[L_PARTICIPATION] = "Deltagande",
		[L_P_PROXY] = "tillagd av samtalsledaren (utan telefon)",
		[L_P_PROXIES] = "tillagda av samtalsledaren (utan telefon)",
		[L_P_HIDDEN_ONE] = "dold",
		[L_P_HIDDEN] = "dolda",
		[L_P_MERGED_ONE] = "sammanslagen dubblett",
		[L_P_MERGED] = "sammanslagna dubbletter",
		[L_P_BY_FACILITATOR_ONE] = "skriven av samtalsledaren",
		[L_P_BY_FACILITATOR] = "skrivna av samtalsledaren",
		[L_P_VOTES] = "Röstningar",
		[L_P_POLLS] = "Enkäter",
		[L_ANSWER_ONE] = "svar",
		[L_ANSWER_MANY] = "svar",
		[L_PERSON_ONE] = "deltagare",
		[L_PERSON_MANY] = "deltagare",
		[L_LANGUAGES] = "Språk som användes",
		[L_LANGUAGE] = "Språk",
		[L_UNKNOWN_LANG] = "okänt",
		[L_NAME] = "Namn",
		[L_JOINED] = "Anslöt",
		[L_NR] = "Nr",
		[L_TIMELINE] = "Tidslinje",
		[L_IDEAS_PER] = "Nya idéer per",
		[L_MINUTES] = "minuter",
		[L_NO_TIMELINE] = "Inga idéer att visa.",
		[L_MODERATION] = "Moderering",
		[L_ACTION] = "Åtgärd",
		[L_DETAIL] = "Detaljer",
		[L_NO_MODERATION] = "Inga idéer doldes, ändrades eller slogs ihop.",
		[L_ACT_HIDE] = "Dold",
		[L_ACT_RESTORE] = "Visas igen",
		[L_ACT_EDIT] = "Ändrad",
		[L_ACT_MERGE] = "Sammanslagen",
		[L_LOG_BEFORE] = "Före:",
		[L_AFTER] = "Efter:",
		[L_INTO] = "in i",
		[L_PEOPLE] = "Bilaga: deltagare",
		[L_NONE] = "–",
		[L_SOURCE] = "Källa:",
		[L_MADE_BY] = "Skapad med Medskapa.",
		[L_HOURS] = "tim",
		[L_MIN] = "min",
		[L_UNDER_A_MINUTE] = "under 1 min",
		[L_CSV_NR] = "Nr",
		[L_CSV_ACTIVITY] = "Aktivitet",
		[L_CSV_GROUP] = "Grupp",
		[L_CSV_TEXT] = "Idé",
		[L_CSV_DOTS] = "Prickar",
		[L_CSV_HIDDEN] = "Dold",
		[L_CSV_HIDDEN_AT] = "Dold tid",
		[L_CSV_LANG] = "Språk",
		[L_CSV_TIME] = "Tid",
		[L_CSV_TIME_UTC] = "Tid (UTC)",
		[L_CSV_CATEGORY] = "Kategori",
		[L_CSV_MERGED_INTO] = "Sammanslagen i nr",
		[L_CSV_EDITED] = "Ändrad",
		[L_CSV_BY_FACILITATOR] = "Av samtalsledaren",
		[L_CSV_NAME] = "Namn",
		[L_YES] = "ja",
		[L_NO] = "nej",
		[L_OVERVIEW] = "Översikt över möten",
		[L_OVERVIEW_OF] = "Mapp:",
		[L_MEETING] = "Möte",
		[L_FILE] = "Fil",
		[L_TOP] = "Högst rankat",
		[L_NO_VOTE] = "Ingen röstning",
		[L_CATEGORY] = "Kategori",
		[L_MEETINGS] = "Möten",
		[L_CATEGORY_NOTE] = "Synliga idéer per kategori; dolda idéer och sammanslagna dubbletter räknas inte.",
		[L_NO_CATEGORIES] = "Inga idéer hade en kategori.",
		[L_SKIPPED] = "Filer som inte togs med",
		[L_TEMPLATE] = "en dagordningsmall, inget möte",
		[L_NOT_SESSION] = "inte en sessionsfil från Medskapa",
		[L_NO_SESSIONS] = "Mappen innehåller inga möten.",
	},
	.month = { "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
	           "oktober", "november", "december" },
	.langs = langs_sv,
};

static const struct labels *const default_labels = &labels_sv;

/* ---- the buffer ------------------------------------------------------------------------- */

void report_buf_free(struct report_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static void putn(struct report_buf *b, const char *s, size_t n)
{
	xgrow((void **)&b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void put(struct report_buf *b, const char *s)
{
	putn(b, s, strlen(s));
}

static void putf(struct report_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct report_buf *b, const char *fmt, ...)
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
			putn(b, run, (size_t)(s - run));
			put(b, rep);
			run = s + 1;
		}
	}
	putn(b, run, (size_t)(s - run));
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
			put(b, newline);
			s++;
			while (*s == ' ' || *s == '\t') s++;
			line_start = 1;
			continue;
		}
		if (line_start) {
			line_start = 0;
			if (strchr("-+=>#*_`~|", c)) {
				putn(b, "\\", 1);
				putn(b, s++, 1);
				continue;
			}
			if (c >= '0' && c <= '9') {   /* "1." or "1)" would start an ordered list */
				const char *d = s;
				while (*d >= '0' && *d <= '9') d++;
				putn(b, s, (size_t)(d - s));
				s = d;
				if (*s == '.' || *s == ')') {
					putn(b, "\\", 1);
					putn(b, s++, 1);
				}
				continue;
			}
		}
		if (strchr("\\`*_[]<>|#~", c) || (c == '&' && (isalnum((unsigned char)s[1]) || s[1] == '#'))) {
			putn(b, "\\", 1);
			putn(b, s, 1);
		} else if (c < 0x20 || c == 0x7f) {
			putn(b, " ", 1);
		} else {
			putn(b, s, 1);
		}
		s++;
	}
}

void report_put_csv(struct report_buf *b, const char *s, char sep)
{
	char special[] = { sep, '"', '\r', '\n', '\0' };
	int guard = *s && strchr("=+-@\t", *s) != NULL;
	int quote = strpbrk(s, special) != NULL;
	if (quote) putn(b, "\"", 1);
	if (guard) putn(b, "'", 1);
	for (const char *run = s;; s++) {
		if (*s == '"' || !*s) {
			putn(b, run, (size_t)(s - run) + (*s == '"'));   /* a quote is written twice */
			if (!*s) break;
			run = s;
		}
	}
	if (quote) putn(b, "\"", 1);
}

/* ---- time --------------------------------------------------------------------------------- */

static void local_tm(int64_t ms, struct tm *tm)
{
	int64_t sec = ms / 1000 - (ms % 1000 < 0);
	time_t t = (time_t)sec;
	if (!localtime_r(&t, tm)) memset(tm, 0, sizeof *tm);
}

static void date_with(const struct labels *L, int64_t ms, char *buf, size_t len)
{
	struct tm tm;
	local_tm(ms, &tm);
	snprintf(buf, len, "%d %s %d", tm.tm_mday, L->month[tm.tm_mon % 12], tm.tm_year + 1900);
}

void report_date(int64_t ms, char *buf, size_t len)
{
	date_with(default_labels, ms, buf, len);
}

static void duration_with(const struct labels *L, int64_t ms, char *buf, size_t len)
{
	int64_t min = (ms + 30000) / 60000;
	if (min < 1)
		snprintf(buf, len, "%s", L->text[L_UNDER_A_MINUTE]);
	else if (min < 60)
		snprintf(buf, len, "%lld %s", (long long)min, L->text[L_MIN]);
	else if (min % 60 == 0)
		snprintf(buf, len, "%lld %s", (long long)(min / 60), L->text[L_HOURS]);
	else
		snprintf(buf, len, "%lld %s %lld %s", (long long)(min / 60), L->text[L_HOURS], (long long)(min % 60),
		         L->text[L_MIN]);
}

void report_duration(int64_t ms, char *buf, size_t len)
{
	duration_with(default_labels, ms, buf, len);
}

/* ---- what every renderer needs -------------------------------------------------------- */

struct rc {
	const struct session *s;
	const struct report_opts *o;
	const struct labels *L;
	struct report_buf *b;
	int64_t first, last;        /* first and last event with a time */
	int year, yday;             /* the meeting's local date: times on it show as 18:07 */
};

static const char *T(const struct rc *c, enum lbl id)
{
	assert(c->L->text[id] != NULL);
	return c->L->text[id];
}

/* First and last event with a time: joins, ideas, hiding, groups, the moderation log. Votes and
 * answers carry no time. With no events at all, the session's creation. */
static void session_span(const struct session *s, int64_t *first, int64_t *last)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
#define SEE(t) do { int64_t t_ = (t); if (t_ > 0) { if (t_ < lo) lo = t_; if (t_ > hi) hi = t_; } } while (0)
	for (size_t i = 0; i < s->n_participants; i++) SEE(s->participants[i].joined_ms);
	for (size_t i = 0; i < s->n_ideas; i++) {
		SEE(s->ideas[i].created_ms);
		if (s->ideas[i].hidden) SEE(s->ideas[i].hidden_ms);
	}
	for (size_t i = 0; i < s->n_groups; i++) SEE(s->groups[i].created_ms);
	for (size_t i = 0; i < s->n_log; i++) SEE(s->log[i].at_ms);
#undef SEE
	if (lo > hi) lo = hi = s->created_ms;
	*first = lo;
	*last = hi;
}

static void rc_init(struct rc *c, const struct session *s, const struct report_opts *o, struct report_buf *b)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->o = o;
	c->L = default_labels;
	c->b = b;
	session_span(s, &c->first, &c->last);
	struct tm tm;
	local_tm(c->first, &tm);
	c->year = tm.tm_year;
	c->yday = tm.tm_yday;
}

/* "18:07" on the meeting's date, "24 november 09:10" on another. */
static const char *clock_at(const struct rc *c, int64_t ms, char *buf, size_t len)
{
	struct tm tm;
	local_tm(ms, &tm);
	if (tm.tm_year == c->year && tm.tm_yday == c->yday)
		snprintf(buf, len, "%02d:%02d", tm.tm_hour, tm.tm_min);
	else
		snprintf(buf, len, "%d %s %02d:%02d", tm.tm_mday, c->L->month[tm.tm_mon % 12], tm.tm_hour, tm.tm_min);
	return buf;
}

/* Local date and time for the CSV: "2026-11-23 18:07:00", which Excel reads as a date. */
static const char *stamp_at(int64_t ms, char *buf, size_t len)
{
	struct tm tm;
	local_tm(ms, &tm);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	         tm.tm_hour, tm.tm_min, tm.tm_sec);
	return buf;
}

static const char *count_word(const struct rc *c, long n, enum lbl one, enum lbl many)
{
	return n == 1 ? T(c, one) : T(c, many);
}

static const char *lang_name(const struct labels *L, const char *code)
{
	if (!*code) return L->text[L_UNKNOWN_LANG];
	for (const struct lang_name *l = L->langs; l->code; l++)
		if (strcasecmp(l->code, code) == 0) return l->name;
	size_t n = strcspn(code, "-");   /* "ar-SY": the language without the region */
	for (const struct lang_name *l = L->langs; l->code; l++)
		if (strlen(l->code) == n && strncasecmp(l->code, code, n) == 0) return l->name;
	return code;
}

static const char *kind_label(const struct rc *c, const struct activity *a)
{
	return a->kind == ACTIVITY_IDEAS ? T(c, L_KIND_IDEAS)
	     : a->kind == ACTIVITY_VOTE  ? T(c, L_KIND_VOTE)
	                                 : T(c, L_KIND_POLL);
}

static const char *phase_label(const struct rc *c, enum phase p)
{
	static const enum lbl ids[] = { L_PHASE_PREPARED, L_PHASE_OPEN, L_PHASE_LOCKED, L_PHASE_REVEALED };
	return T(c, ids[(unsigned)p < 4 ? p : 0]);
}

static const char *poll_label(const struct rc *c, enum poll_kind k)
{
	return k == POLL_MULTI ? T(c, L_POLL_MULTI) : k == POLL_SCALE ? T(c, L_POLL_SCALE) : T(c, L_POLL_SINGLE);
}

/* An idea is merged into another that, following the chain, does not come back to it. A damaged
 * file with a loop shows each idea of the loop on its own, so no idea is left out. */
static int merged_child(const struct session *s, const struct idea *d)
{
	if (!d->merged_into) return 0;
	const struct idea *x = d;
	for (int k = 0; k < MERGE_DEPTH && x->merged_into; k++) {
		x = session_idea(s, x->merged_into);
		if (!x || x == d) return 0;
	}
	return !x->merged_into;
}

/* Dots an idea got, over every vote on its activity's ideas. */
static int idea_dots(const struct session *s, const struct idea *d)
{
	int n = 0;
	for (size_t i = 0; i < s->n_votes; i++) {
		const struct vote *v = &s->votes[i];
		if (v->item != d->id) continue;
		const struct activity *a = session_activity(s, v->activity);
		if (a && a->kind == ACTIVITY_VOTE && !a->on_groups && a->source == d->activity) n += v->dots;
	}
	return n;
}

static int participant_dots(const struct session *s, uint32_t p)
{
	int n = 0;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].participant == p) n += s->votes[i].dots;
	return n;
}

static int participant_ideas(const struct session *s, uint32_t p)
{
	int n = 0;
	for (size_t i = 0; i < s->n_ideas; i++)
		if (s->ideas[i].author == p) n++;
	return n;
}

/* The first correction of an idea in the log (its text before), NULL when there is none. */
static const struct mod_entry *first_edit(const struct session *s, uint32_t idea)
{
	for (size_t i = 0; i < s->n_log; i++)
		if (s->log[i].kind == MOD_EDIT && s->log[i].idea == idea) return &s->log[i];
	return NULL;
}

/* Ideas listed at the top of an activity or group (merged duplicates are listed under theirs). */
static size_t top_ideas(const struct session *s, uint32_t activity, int by_group, uint32_t group)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity == activity && !merged_child(s, d) && (!by_group || d->group == group)) n++;
	}
	return n;
}

/* Whether an idea's group is one that is listed: it exists, is of this activity, not removed. */
static int listed_group(const struct session *s, const struct idea *d)
{
	const struct group *g = d->group ? session_group(s, d->group) : NULL;
	return g && !g->removed && g->activity == d->activity;
}

static struct result_row *results_of(const struct session *s, const struct activity *a, size_t *n)
{
	size_t k = session_results(s, a, NULL, 0);
	struct result_row *rows = xcalloc(k ? k : 1, sizeof *rows);
	*n = session_results(s, a, rows, k);
	return rows;
}

static int activity_dots(const struct session *s, uint32_t activity)
{
	int n = 0;
	for (size_t i = 0; i < s->n_votes; i++)
		if (s->votes[i].activity == activity) n += s->votes[i].dots;
	return n;
}

static int activity_voters(const struct session *s, uint32_t activity)
{
	int n = 0;
	for (size_t p = 0; p < s->n_participants; p++)
		for (size_t i = 0; i < s->n_votes; i++)
			if (s->votes[i].activity == activity && s->votes[i].participant == s->participants[p].id) {
				n++;
				break;
			}
	return n;
}

static int activity_answers(const struct session *s, uint32_t activity)
{
	int n = 0;
	for (size_t i = 0; i < s->n_answers; i++)
		if (s->answers[i].activity == activity) n++;
	return n;
}

/* The items of a vote that cannot get dots in the results: hidden or merged ideas of its source. */
static int source_has_unvotable(const struct session *s, const struct activity *a)
{
	if (a->on_groups) return 0;
	for (size_t i = 0; i < s->n_ideas; i++)
		if (s->ideas[i].activity == a->source && (s->ideas[i].hidden || s->ideas[i].merged_into)) return 1;
	return 0;
}

/* The text of a vote result's item: an idea's text or a group's name ("" when it is gone). */
static const char *item_text(const struct session *s, const struct activity *a, uint32_t item)
{
	if (a->on_groups) {
		const struct group *g = session_group(s, item);
		return g ? g->name : "";
	}
	const struct idea *d = session_idea(s, item);
	return d ? d->text : "";
}

/* A display name, or NULL when there is none to show (anonymised, or none given). */
static const char *name_of(const struct rc *c, const struct participant *p)
{
	if (!p || c->o->anonymise || !*p->name) return NULL;
	return p->name;
}

/* A poll's rows in the order of the question: the choices as listed, the scale 1..5. */
static int row_item_cmp(const void *x, const void *y)
{
	const struct result_row *a = x, *b = y;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* Timeline: ideas per bucket of `bucket_min` minutes from the first idea's bucket on. */
struct timeline {
	int64_t start_ms, bucket_ms;
	int bucket_min;
	size_t n;
	int *counts;
	int max;
};

static void timeline_build(const struct session *s, struct timeline *t)
{
	static const int sizes[] = { 5, 10, 15, 30, 60, 120, 240, 480, 1440, 10080 };
	memset(t, 0, sizeof *t);
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < s->n_ideas; i++) {
		if (s->ideas[i].created_ms < lo) lo = s->ideas[i].created_ms;
		if (s->ideas[i].created_ms > hi) hi = s->ideas[i].created_ms;
	}
	if (lo > hi) return;
	struct tm tm;
	local_tm(lo, &tm);
	int64_t off = (int64_t)tm.tm_gmtoff * 1000;   /* buckets start on the local clock's 5 minutes */
	size_t k = 0;
	for (;; k++) {
		t->bucket_min = sizes[k];
		t->bucket_ms = (int64_t)t->bucket_min * 60000;
		int64_t local = lo + off;
		t->start_ms = local - ((local % t->bucket_ms) + t->bucket_ms) % t->bucket_ms - off;
		t->n = (size_t)((hi - t->start_ms) / t->bucket_ms) + 1;
		if (t->n <= TIMELINE_MAX_BARS || k + 1 == sizeof sizes / sizeof sizes[0]) break;
	}
	if (t->n > 4 * TIMELINE_MAX_BARS) t->n = 4 * TIMELINE_MAX_BARS;   /* a file spanning months */
	t->counts = xcalloc(t->n, sizeof *t->counts);
	for (size_t i = 0; i < s->n_ideas; i++) {
		int64_t j = (s->ideas[i].created_ms - t->start_ms) / t->bucket_ms;
		if (j < 0 || (size_t)j >= t->n) continue;
		if (++t->counts[j] > t->max) t->max = t->counts[j];
	}
}

/* ==== HTML ================================================================================ */

#define H(x) report_put_html(c->b, (x))
#define HC(x) html_clean(c->b, (x))

/* User text in HTML (a name, an idea, a title ...): its bidi controls removed, escaped. The
 * caller puts it in a <bdi>: an isolate that takes its direction from its first strong
 * character, so nothing in it can reorder what the report writes around it. */
static void html_clean(struct report_buf *b, const char *s)
{
	char *t = utf8_bidi_clean(s);
	report_put_html(b, t);
	free(t);
}

/* User text where no element can go (<title>): isolated with FSI ... PDI, then escaped. */
static void html_isolate(struct report_buf *b, const char *s)
{
	char *t = utf8_bidi_isolate(s);
	report_put_html(b, t);
	free(t);
}

static const char html_css[] =
	"@page{size:A4;margin:16mm 16mm 18mm;"
	"@bottom-right{content:counter(page) \" / \" counter(pages);font-size:8pt;color:#666}}\n"
	":root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#cfcfcf;--soft:#ececec;--accent:#1d5b79;--warn:#9a3412}\n"
	"html{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,\"Noto Sans Arabic\",\"Noto Naskh Arabic\","
	"\"Noto Sans Ethiopic\",sans-serif;font-size:10.5pt;line-height:1.42;color:var(--ink);"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{margin:0 auto;max-width:178mm;padding:10mm 8mm}\n"
	"@media print{body{max-width:none;padding:0}}\n"
	"h1{font-size:21pt;line-height:1.2;margin:0 0 5mm}\n"
	"h2{font-size:14pt;line-height:1.25;margin:8mm 0 2mm;padding-bottom:1mm;"
	"border-bottom:1.2pt solid var(--accent);break-after:avoid}\n"
	"h2 .n{color:var(--accent)}\n"
	"h3{font-size:11pt;margin:5mm 0 1mm;break-after:avoid}\n"
	"h3 .count{font-weight:normal;color:var(--muted);font-size:9pt}\n"
	"p{margin:0 0 2mm}\n"
	".kicker{text-transform:uppercase;letter-spacing:.08em;font-size:8.5pt;color:var(--accent);margin:0 0 1mm}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:1mm 6mm;margin:0 0 3mm}\n"
	"dl.facts dt{font-weight:600}\n"
	"dl.facts dd{margin:0}\n"
	".note,.kind,.meta,.summary{color:var(--muted)}\n"
	".note{font-size:9pt}\n"
	".kind{font-size:9pt;margin:0 0 2mm}\n"
	".prompt{font-size:11.5pt;margin:0 0 3mm;padding-inline-start:3mm;border-inline-start:2pt solid var(--accent)}\n"
	".summary{font-size:9.5pt}\n"
	"section.page{break-before:page}\n"
	"section.activity h2{margin-top:0}\n"
	"section.activity:not(.page){margin-top:9mm;break-inside:avoid}\n"
	".kind,.prompt{break-after:avoid}\n"
	"ol.agenda{padding-inline-start:6mm;margin:0}\n"
	"ol.agenda li{margin:0 0 1.5mm;break-inside:avoid}\n"
	"ol.agenda .t{font-weight:600}\n"
	"ol.agenda .k{color:var(--muted);font-size:9pt}\n"
	"ol.agenda .p{display:block}\n"
	"ul.ideas{list-style:none;margin:0 0 2mm;padding:0}\n"
	"li.idea{display:grid;grid-template-columns:9mm 1fr;column-gap:1.5mm;padding:1.3mm 0;"
	"border-bottom:.5pt solid var(--soft);break-inside:avoid}\n"
	"li.idea .no{color:var(--muted);font-size:8.5pt;padding-top:.6mm;font-variant-numeric:tabular-nums}\n"
	".text{margin:0;white-space:pre-line;overflow-wrap:anywhere}\n"
	".meta{margin:.4mm 0 0;font-size:8.5pt}\n"
	".before{margin:.4mm 0 0;font-size:8.5pt;color:var(--muted)}\n"
	"li.idea.hidden>div>.text{color:#6b6b6b}\n"
	"ul.merged{list-style:none;margin:1mm 0 0;padding:0;border-inline-start:1pt solid var(--line)}\n"
	"ul.merged li.idea{border-bottom:0;padding:.6mm 0 .6mm 2mm}\n"
	".flag{display:inline-block;border:.6pt solid currentColor;border-radius:2pt;padding:0 1.2mm;"
	"font-size:7.5pt;line-height:1.5;text-transform:uppercase;letter-spacing:.04em;margin-inline-start:1mm}\n"
	".flag.hidden{color:var(--warn)}\n"
	".flag.edited,.flag.merged{color:var(--accent)}\n"
	"bdi.par{display:block}\n"
	".badge.facilitator{display:inline-block;background:var(--accent);color:#fff;border-radius:2pt;"
	"padding:0 1.2mm;font-size:7.5pt;line-height:1.5;font-weight:600;text-transform:uppercase;letter-spacing:.04em}\n"
	"table{border-collapse:collapse;width:100%;margin:1mm 0 3mm}\n"
	"th,td{text-align:start;vertical-align:top;padding:1mm 1.5mm;border-bottom:.5pt solid var(--soft)}\n"
	"th{font-size:8.5pt;color:var(--muted);font-weight:600;border-bottom:.8pt solid #9a9a9a}\n"
	"thead{display:table-header-group}\n"
	"tr{break-inside:avoid}\n"
	".num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"td.rank{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	".tie{font-size:7.5pt;color:var(--muted)}\n"
	"td .no{color:var(--muted);font-size:8.5pt}\n"
	"th.bar,td.bar{width:30mm}\n"
	"td.bar svg{display:block;width:30mm;height:3.4mm;margin-top:.6mm}\n"
	"th.num{width:16mm}\n"
	"a.no{color:inherit;text-decoration:none}\n"
	"table.langs{width:auto;min-width:110mm}\n"
	"table.log td.num{width:12mm}\n"
	".bar .track{fill:var(--soft)}\n"
	".bar .fill{fill:var(--accent)}\n"
	".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}\n"
	"table.facts th{width:32mm;font-size:9.5pt;color:var(--ink);border-bottom:.5pt solid var(--soft)}\n"
	"ol.top{margin:0 0 2mm;padding:0;list-style:none}\n"
	"ol.top li{margin:0 0 .5mm}\n"
	"ol.top .rank{color:var(--muted);font-variant-numeric:tabular-nums}\n"
	".brief h3{margin-top:3mm}\n"
	"figure{margin:2mm 0 4mm;break-inside:avoid}\n"
	"figure svg{display:block;width:100%;height:auto}\n"
	"figcaption{font-size:9pt;color:var(--muted)}\n"
	"svg text{font-family:inherit;font-size:10px;fill:#444}\n"
	"svg .grid{stroke:#dcdcdc;stroke-width:.6}\n"
	"svg .axis{stroke:#888;stroke-width:.8}\n"
	"svg .col{fill:var(--accent)}\n"
	"section.people{break-before:page}\n"
	"footer{margin-top:8mm;padding-top:2mm;border-top:.5pt solid var(--line);font-size:8.5pt;color:var(--muted)}\n";

static void html_head(struct rc *c, const char *title)
{
	put(c->b, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
	          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_isolate(c->b, title);
	put(c->b, " – ");
	H(T(c, L_REPORT));
	put(c->b, "</title>\n<style>\n");
	put(c->b, html_css);
	put(c->b, "</style>\n</head>\n<body>\n");
}

/* "18:07 · Information · Anna" under an idea, and its flags. */
static void html_idea_meta(struct rc *c, const struct idea *d, int as_child)
{
	const struct session *s = c->s;
	const struct activity *a = session_activity(s, d->activity);
	char t[48];
	put(c->b, "<p class=\"meta\">");
	put(c->b, clock_at(c, d->created_ms, t, sizeof t));
	if (a && d->category >= 0 && (size_t)d->category < a->n_options) {
		put(c->b, " · <bdi>");
		HC(a->options[d->category]);
		put(c->b, "</bdi>");
	}
	if (!d->author) {   /* a badge, not a word: no participant's text can make an element */
		put(c->b, " · <span class=\"badge facilitator\">");
		H(T(c, L_FACILITATOR));
		put(c->b, "</span>");
	} else {
		const struct participant *p = session_participant(s, d->author);
		const char *name = name_of(c, p);
		if (name) {
			put(c->b, " · <bdi>");
			HC(name);
			put(c->b, "</bdi>");
		}
		if (p && p->proxy) {
			put(c->b, name ? " (" : " · ");
			H(T(c, L_PROXY));
			if (name) put(c->b, ")");
		}
	}
	if (as_child) {
		const struct mod_entry *m = NULL;
		for (size_t i = 0; i < s->n_log; i++)
			if (s->log[i].kind == MOD_MERGE && s->log[i].idea == d->id) m = &s->log[i];
		put(c->b, " <span class=\"flag merged\">");
		H(T(c, L_MERGED_HERE));
		if (m) putf(c->b, " %s", clock_at(c, m->at_ms, t, sizeof t));
		put(c->b, "</span>");
	} else if (d->merged_into) {   /* only in a damaged file with a loop of merges */
		put(c->b, " <span class=\"flag merged\">");
		H(T(c, L_MERGED_INTO));
		putf(c->b, " #%u</span>", d->merged_into);
	}
	if (d->hidden) {
		put(c->b, " <span class=\"flag hidden\">");
		H(T(c, L_HIDDEN));
		if (d->hidden_ms > 0) putf(c->b, " %s", clock_at(c, d->hidden_ms, t, sizeof t));
		put(c->b, "</span>");
	}
	const struct mod_entry *e = d->edited ? first_edit(s, d->id) : NULL;
	if (d->edited) {
		put(c->b, " <span class=\"flag edited\">");
		H(T(c, L_EDITED));
		if (e) putf(c->b, " %s", clock_at(c, e->at_ms, t, sizeof t));
		put(c->b, "</span>");
	}
	put(c->b, "</p>\n");
	if (e && e->before) {
		put(c->b, "<p class=\"before\">");
		H(T(c, L_BEFORE));
		put(c->b, " <bdi>");
		HC(e->before);
		put(c->b, "</bdi></p>\n");
	}
}

static void html_idea(struct rc *c, const struct idea *d, int depth)
{
	const struct session *s = c->s;
	putf(c->b, "<li class=\"idea%s\" id=\"idea-%u\"><span class=\"no\">#%u</span><div>\n",
	     d->hidden ? " hidden" : "", d->id, d->id);
	put(c->b, "<p class=\"text\"><bdi class=\"par\">");
	HC(d->text);
	put(c->b, "</bdi></p>\n");
	html_idea_meta(c, d, depth > 0);
	int opened = 0;
	for (size_t i = 0; i < s->n_ideas && depth < MERGE_DEPTH; i++) {
		const struct idea *x = &s->ideas[i];
		if (x->merged_into != d->id || !merged_child(s, x)) continue;
		if (!opened) put(c->b, "<ul class=\"merged\">\n");
		opened = 1;
		html_idea(c, x, depth + 1);
	}
	if (opened) put(c->b, "</ul>\n");
	put(c->b, "</div></li>\n");
}

static void html_idea_list(struct rc *c, const struct activity *a, int by_group, uint32_t group)
{
	const struct session *s = c->s;
	put(c->b, "<ul class=\"ideas\">\n");
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity != a->id || merged_child(s, d)) continue;
		if (by_group && (group ? d->group != group : listed_group(s, d))) continue;
		html_idea(c, d, 0);
	}
	put(c->b, "</ul>\n");
}

static void html_activity_ideas(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	size_t n = top_ideas(s, a->id, 0, 0);
	if (!n) {
		put(c->b, "<p class=\"summary\">");
		H(a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_IDEAS));
		put(c->b, "</p>\n");
		return;
	}
	size_t groups = 0;
	for (size_t g = 0; g < s->n_groups; g++)
		if (s->groups[g].activity == a->id && !s->groups[g].removed) groups++;
	if (!groups) {
		html_idea_list(c, a, 0, 0);
		return;
	}
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (gr->activity != a->id || gr->removed) continue;
		size_t k = top_ideas(s, a->id, 1, gr->id);
		put(c->b, "<h3><bdi>");
		HC(gr->name);
		putf(c->b, "</bdi> <span class=\"count\">(%zu %s)</span></h3>\n", k,
		     count_word(c, (long)k, L_IDEA_ONE, L_IDEA_MANY));
		if (k) html_idea_list(c, a, 1, gr->id);
	}
	size_t loose = 0;
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity == a->id && !merged_child(s, d) && !listed_group(s, d)) loose++;
	}
	if (loose) {
		put(c->b, "<h3>");
		H(T(c, L_UNGROUPED));
		putf(c->b, " <span class=\"count\">(%zu %s)</span></h3>\n", loose,
		     count_word(c, (long)loose, L_IDEA_ONE, L_IDEA_MANY));
		html_idea_list(c, a, 1, 0);
	}
}

/* A bar in a results table: the share of the largest count, as an inline SVG. */
static void html_bar(struct rc *c, int count, int max)
{
	double w = max > 0 ? 100.0 * count / max : 0;
	put(c->b, "<td class=\"bar\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
	          "<rect class=\"track\" width=\"100\" height=\"10\"/>");
	if (count > 0) putf(c->b, "<rect class=\"fill\" width=\"%.1f\" height=\"10\"/>", w);
	put(c->b, "</svg></td>");
}

static void html_activity_vote(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	size_t n;
	struct result_row *rows = results_of(s, a, &n);
	int voters = activity_voters(s, a->id), dots = activity_dots(s, a->id), counted = 0;
	for (size_t i = 0; i < n; i++) counted += rows[i].count;
	put(c->b, "<p class=\"summary\">");
	if (!dots) {
		H(a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_VOTES));
	} else {
		putf(c->b, "%d %s %s %s %d %s.", voters, count_word(c, voters, L_PERSON_ONE, L_PERSON_MANY), T(c, L_VOTED),
		     T(c, L_VOTED_DOTS), dots, count_word(c, dots, L_DOT_ONE, L_DOT_MANY));
		if (a->phase != PHASE_REVEALED && !a->live) {
			put(c->b, " ");
			H(T(c, L_NOT_SHOWN));
		}
	}
	put(c->b, "</p>\n");
	if (n && dots) {
		int max = rows[0].count;
		put(c->b, "<table class=\"results\">\n<thead><tr><th class=\"rank\">");
		H(T(c, L_RANK));
		put(c->b, "</th><th>");
		H(a->on_groups ? T(c, L_GROUP) : T(c, L_IDEA));
		put(c->b, "</th><th class=\"num\">");
		H(T(c, L_DOTS));
		put(c->b, "</th><th class=\"num\">");
		H(T(c, L_VOTERS));
		put(c->b, "</th><th class=\"bar\"><span class=\"sr\">");
		H(T(c, L_CHART));
		put(c->b, "</span></th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n && rows[i].count; i++) {
			const struct result_row *r = &rows[i];
			int tie = (i > 0 && rows[i - 1].rank == r->rank) || (i + 1 < n && rows[i + 1].rank == r->rank);
			putf(c->b, "<tr><td class=\"rank\">%d", r->rank);
			if (tie) {
				put(c->b, " <span class=\"tie\">");
				H(T(c, L_TIE));
				put(c->b, "</span>");
			}
			put(c->b, "</td><td>");
			if (!a->on_groups) putf(c->b, "<span class=\"no\">#%u</span> ", r->item);
			put(c->b, "<bdi>");
			HC(item_text(s, a, r->item));
			putf(c->b, "</bdi></td><td class=\"num\">%d</td><td class=\"num\">%d</td>", r->count, r->voters);
			html_bar(c, r->count, max);
			put(c->b, "</tr>\n");
		}
		put(c->b, "</tbody>\n</table>\n");
		/* what got no dots: by number (ideas) or name (groups), not a table row each */
		size_t z = 0;
		while (z < n && rows[n - 1 - z].count == 0) z++;
		if (z) {
			put(c->b, "<p class=\"summary\">");
			H(T(c, L_NO_DOTS));
			putf(c->b, " (%zu %s): ", z, a->on_groups ? count_word(c, (long)z, L_GROUP_ONE, L_GROUP_MANY)
			                                         : count_word(c, (long)z, L_IDEA_ONE, L_IDEA_MANY));
			for (size_t i = n - z; i < n; i++) {
				if (i > n - z) put(c->b, ", ");
				if (a->on_groups) {
					put(c->b, "<bdi>");
					HC(item_text(s, a, rows[i].item));
					put(c->b, "</bdi>");
				} else {
					putf(c->b, "<a class=\"no\" href=\"#idea-%u\">#%u</a>", rows[i].item, rows[i].item);
				}
			}
			put(c->b, ".</p>\n");
		}
	}
	if (source_has_unvotable(s, a) || dots > counted) {
		put(c->b, "<p class=\"note\">");
		if (source_has_unvotable(s, a)) H(T(c, L_NOT_IN_VOTE));
		if (dots > counted) putf(c->b, " %d %s", dots - counted, T(c, L_LOST_DOTS));
		put(c->b, "</p>\n");
	}
	free(rows);
}

static void html_activity_poll(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	size_t n;
	struct result_row *rows = results_of(s, a, &n);
	qsort(rows, n, sizeof *rows, row_item_cmp);
	int answers = activity_answers(s, a->id), max = 0;
	long sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].count > max) max = rows[i].count;
		sum += (long)rows[i].item * rows[i].count;
	}
	put(c->b, "<p class=\"summary\">");
	if (!answers) {
		H(a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_ANSWERS));
	} else {
		putf(c->b, "%d %s %s.", answers, count_word(c, answers, L_PERSON_ONE, L_PERSON_MANY), T(c, L_RESPONDED));
		if (a->poll == POLL_SCALE) {
			long tenths = (sum * 10 + answers / 2) / answers;
			putf(c->b, " %s %ld,%ld %s %d.", T(c, L_MEAN), tenths / 10, tenths % 10, T(c, L_OF), SESSION_SCALE_MAX);
		}
		if (a->phase != PHASE_REVEALED) {
			put(c->b, " ");
			H(T(c, L_NOT_SHOWN));
		}
	}
	put(c->b, "</p>\n");
	if (answers) {
		put(c->b, "<table class=\"results\">\n<thead><tr><th>");
		H(T(c, L_CHOICE));
		put(c->b, "</th><th class=\"num\">");
		H(T(c, L_ANSWERS));
		put(c->b, "</th><th class=\"num\">");
		H(T(c, L_SHARE));
		put(c->b, "</th><th class=\"bar\"><span class=\"sr\">");
		H(T(c, L_CHART));
		put(c->b, "</span></th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			const struct result_row *r = &rows[i];
			putf(c->b, "<tr%s><td>", r->count ? "" : " class=\"zero\"");
			if (a->poll == POLL_SCALE) {
				putf(c->b, "%u", r->item);
			} else {
				put(c->b, "<bdi>");
				HC(r->item < a->n_options ? a->options[r->item] : "");
				put(c->b, "</bdi>");
			}
			putf(c->b, "</td><td class=\"num\">%d</td><td class=\"num\">%d&#160;%%</td>", r->count,
			     (r->count * 100 + answers / 2) / answers);
			html_bar(c, r->count, max);
			put(c->b, "</tr>\n");
		}
		put(c->b, "</tbody>\n</table>\n");
		if (a->poll == POLL_MULTI) {
			put(c->b, "<p class=\"note\">");
			H(T(c, L_MULTI_NOTE));
			put(c->b, "</p>\n");
		}
	}
	free(rows);
}

/* "Idéinsamling · stängd · Kategorier: ..." under an activity's heading. */
static void html_activity_kind(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	put(c->b, "<p class=\"kind\">");
	H(kind_label(c, a));
	if (a->kind == ACTIVITY_POLL) {
		put(c->b, " (");
		H(poll_label(c, a->poll));
		put(c->b, ")");
	}
	if (a->kind == ACTIVITY_VOTE) {
		const struct activity *src = session_activity(s, a->source);
		put(c->b, " ");
		H(a->on_groups ? T(c, L_VOTE_ON_GROUPS) : T(c, L_VOTE_ON_IDEAS));
		putf(c->b, " %u. <bdi>", a->source);
		HC(src ? src->title : "");
		putf(c->b, "</bdi> · %d ", a->budget);
		H(T(c, L_DOTS_EACH));
		put(c->b, ", ");
		putf(c->b, "%s %d %s", T(c, L_AT_MOST), a->max_per_item, a->on_groups ? T(c, L_PER_GROUP) : T(c, L_PER_IDEA));
		if (a->live) {
			put(c->b, " · ");
			H(T(c, L_LIVE));
		}
	}
	if (a->kind == ACTIVITY_IDEAS && a->silent) {
		put(c->b, " · ");
		H(T(c, L_SILENT));
	}
	put(c->b, " · ");
	H(phase_label(c, a->phase));
	if (a->kind == ACTIVITY_IDEAS && a->n_options) {
		put(c->b, " · ");
		H(T(c, L_CATEGORIES));
		put(c->b, ": ");
		for (size_t i = 0; i < a->n_options; i++) {
			if (i) put(c->b, ", ");
			put(c->b, "<bdi>");
			HC(a->options[i]);
			put(c->b, "</bdi>");
		}
	}
	put(c->b, "</p>\n");
}

/* Whether an activity fits on the page after the one before: small ones do not get a page of
 * their own. */
static int activity_is_small(const struct session *s, const struct activity *a)
{
	if (a->kind == ACTIVITY_POLL) return 1;
	if (a->kind == ACTIVITY_VOTE) {
		size_t n, rows_shown = 0;
		struct result_row *rows = results_of(s, a, &n);
		for (size_t i = 0; i < n; i++) rows_shown += rows[i].count > 0;
		free(rows);
		return rows_shown <= 8;
	}
	return top_ideas(s, a->id, 0, 0) <= 3;
}

static void html_agenda(struct rc *c)
{
	const struct session *s = c->s;
	put(c->b, "<section class=\"agenda\">\n<h2>");
	H(T(c, L_AGENDA));
	put(c->b, "</h2>\n<ol class=\"agenda\">\n");
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		put(c->b, "<li><bdi class=\"t\">");
		HC(a->title);
		put(c->b, "</bdi> <span class=\"k\">");
		H(kind_label(c, a));
		if (a->kind == ACTIVITY_IDEAS) {
			size_t k = 0;
			for (size_t j = 0; j < s->n_ideas; j++) k += s->ideas[j].activity == a->id;
			putf(c->b, " · %zu %s", k, count_word(c, (long)k, L_IDEA_ONE, L_IDEA_MANY));
		} else if (a->kind == ACTIVITY_VOTE) {
			int v = activity_voters(s, a->id);
			putf(c->b, " · %d %s", v, T(c, L_VOTED));
		} else {
			int v = activity_answers(s, a->id);
			putf(c->b, " · %d %s", v, T(c, L_RESPONDED));
		}
		if (a->phase == PHASE_PREPARED) {
			put(c->b, " · ");
			H(T(c, L_PHASE_PREPARED));
		}
		put(c->b, "</span><bdi class=\"p\">");
		HC(a->prompt);
		put(c->b, "</bdi></li>\n");
	}
	put(c->b, "</ol>\n</section>\n");
}

/* Counts for the participation section. */
struct tally {
	size_t ideas, hidden, merged, by_facilitator, proxies;
};

/* ", 2 dolda, 1 sammanslagen dubblett": what is special about the ideas (plain text). */
static void tally_ideas(struct rc *c, const struct tally *t)
{
	if (t->hidden) putf(c->b, ", %zu %s", t->hidden, count_word(c, (long)t->hidden, L_P_HIDDEN_ONE, L_P_HIDDEN));
	if (t->merged) putf(c->b, ", %zu %s", t->merged, count_word(c, (long)t->merged, L_P_MERGED_ONE, L_P_MERGED));
	if (t->by_facilitator)
		putf(c->b, ", %zu %s", t->by_facilitator,
		     count_word(c, (long)t->by_facilitator, L_P_BY_FACILITATOR_ONE, L_P_BY_FACILITATOR));
}

static void tally(const struct session *s, struct tally *t)
{
	memset(t, 0, sizeof *t);
	t->ideas = s->n_ideas;
	for (size_t i = 0; i < s->n_ideas; i++) {
		t->hidden += !!s->ideas[i].hidden;
		t->merged += !!s->ideas[i].merged_into;
		t->by_facilitator += !s->ideas[i].author;
	}
	for (size_t i = 0; i < s->n_participants; i++) t->proxies += !!s->participants[i].proxy;
}

/* Languages in use: each with its participants and the ideas its participants posted. Sorted
 * by participants, then ideas, then code. The facilitator's own ideas are not in any. */
struct lang_use {
	const char *code;
	int people, ideas;
};

static int lang_use_cmp(const void *x, const void *y)
{
	const struct lang_use *a = x, *b = y;
	if (a->people != b->people) return a->people > b->people ? -1 : 1;
	if (a->ideas != b->ideas) return a->ideas > b->ideas ? -1 : 1;
	return strcmp(a->code, b->code);
}

static struct lang_use *languages(const struct session *s, size_t *n)
{
	struct lang_use *u = xcalloc(s->n_participants ? s->n_participants : 1, sizeof *u);
	size_t k = 0;
	for (size_t i = 0; i < s->n_participants; i++) {
		const struct participant *p = &s->participants[i];
		size_t j = 0;
		while (j < k && strcmp(u[j].code, p->lang) != 0) j++;
		if (j == k) u[k++] = (struct lang_use){ p->lang, 0, 0 };
		u[j].people++;
		u[j].ideas += participant_ideas(s, p->id);
	}
	qsort(u, k, sizeof *u, lang_use_cmp);
	*n = k;
	return u;
}

static void html_participation(struct rc *c)
{
	const struct session *s = c->s;
	struct tally t;
	tally(s, &t);
	put(c->b, "<section class=\"participation\">\n<h2>");
	H(T(c, L_PARTICIPATION));
	put(c->b, "</h2>\n<table class=\"facts\">\n<tr><th>");
	H(T(c, L_PARTICIPANTS));
	putf(c->b, "</th><td>%zu", s->n_participants);
	if (t.proxies) {
		putf(c->b, ", %zu ", t.proxies);
		H(count_word(c, (long)t.proxies, L_P_PROXY, L_P_PROXIES));
	}
	put(c->b, "</td></tr>\n<tr><th>");
	H(T(c, L_IDEAS));
	putf(c->b, "</th><td>%zu", t.ideas);
	tally_ideas(c, &t);
	put(c->b, "</td></tr>\n");
	for (int kind = ACTIVITY_VOTE; kind <= ACTIVITY_POLL; kind++) {
		int any = 0;
		for (size_t i = 0; i < s->n_activities; i++) {
			const struct activity *a = &s->activities[i];
			if ((int)a->kind != kind) continue;
			if (!any) {
				put(c->b, "<tr><th>");
				H(kind == ACTIVITY_VOTE ? T(c, L_P_VOTES) : T(c, L_P_POLLS));
				put(c->b, "</th><td>");
			} else {
				put(c->b, "<br>");
			}
			any = 1;
			put(c->b, "<bdi>");
			HC(a->title);
			put(c->b, "</bdi>: ");
			if (kind == ACTIVITY_VOTE) {
				int v = activity_voters(s, a->id), d = activity_dots(s, a->id);
				putf(c->b, "%d %s %s, %d %s", v, count_word(c, v, L_PERSON_ONE, L_PERSON_MANY), T(c, L_VOTED), d,
				     count_word(c, d, L_DOT_ONE, L_DOT_MANY));
			} else {
				int v = activity_answers(s, a->id);
				putf(c->b, "%d %s", v, count_word(c, v, L_ANSWER_ONE, L_ANSWER_MANY));
			}
		}
		if (any) put(c->b, "</td></tr>\n");
	}
	put(c->b, "</table>\n<h3>");
	H(T(c, L_LANGUAGES));
	put(c->b, "</h3>\n<table class=\"langs\">\n<thead><tr><th>");
	H(T(c, L_LANGUAGE));
	put(c->b, "</th><th class=\"num\">");
	H(T(c, L_PARTICIPANTS));
	put(c->b, "</th><th class=\"num\">");
	H(T(c, L_IDEAS));
	put(c->b, "</th></tr></thead>\n<tbody>\n");
	size_t n;
	struct lang_use *u = languages(s, &n);
	for (size_t i = 0; i < n; i++) {
		put(c->b, "<tr><td>");
		H(lang_name(c->L, u[i].code));
		if (*u[i].code) {
			put(c->b, " <span class=\"note\">(");
			H(u[i].code);
			put(c->b, ")</span>");
		}
		putf(c->b, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n", u[i].people, u[i].ideas);
	}
	if (t.by_facilitator) {
		put(c->b, "<tr><td>");
		H(T(c, L_FACILITATOR));
		putf(c->b, "</td><td class=\"num\">%s</td><td class=\"num\">%zu</td></tr>\n", T(c, L_NONE), t.by_facilitator);
	}
	put(c->b, "</tbody>\n</table>\n</section>\n");
	free(u);
}

/* The smallest of 1, 2, 5, 10, 20, 50 ... that divides 0..max into at most 5 grid lines. */
static int nice_step(int max)
{
	int step = 1;
	for (int k = 0; max / step > 4; k++) step = k % 3 == 1 ? step * 5 / 2 : step * 2;
	return step;
}

/* Minutes between clock labels under the timeline: a multiple of the bucket, few enough labels. */
static int label_minutes(const struct timeline *t)
{
	static const int mins[] = { 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 10080 };
	size_t k = 0;
	while (k + 1 < sizeof mins / sizeof mins[0] &&
	       (mins[k] < t->bucket_min || mins[k] % t->bucket_min ||
	        (int64_t)t->n * t->bucket_min / mins[k] + 1 > TIMELINE_MAX_LABELS))
		k++;
	return mins[k];
}

/* Ideas per bucket as an SVG column chart, with a grid and clock times under it. */
static void html_timeline_svg(struct rc *c, const struct timeline *t)
{
	const double width = 640, height = 170, x0 = 34, x1 = 620, y0 = 10, y1 = 138;
	int step = nice_step(t->max), top = (t->max + step - 1) / step * step;
	if (top < step) top = step;
	int every = label_minutes(t);
	double bw = (x1 - x0) / (double)t->n, gap = bw > 6 ? bw * 0.18 : 0.5;
	if (bw - gap > 40) gap = bw - 40;   /* a short meeting: columns, not blocks */
	char tt[48];
	putf(c->b, "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", width, height);
	H(T(c, L_IDEAS_PER));
	putf(c->b, " %d ", t->bucket_min);
	H(T(c, L_MINUTES));
	put(c->b, "\">\n");
	for (int v = 0; v <= top; v += step) {
		double y = y1 - (y1 - y0) * v / top;
		putf(c->b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		           "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", x0, y, x1, y, x0 - 5, y + 3.5, v);
	}
	for (size_t i = 0; i < t->n; i++) {
		if (!t->counts[i]) continue;
		double h = (y1 - y0) * t->counts[i] / top;
		int64_t at = t->start_ms + t->bucket_ms * (int64_t)i;
		putf(c->b, "<rect class=\"col\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
		     x0 + bw * (double)i + gap / 2, y1 - h, bw - gap, h);
		putf(c->b, "<title>%s: %d</title></rect>\n", clock_at(c, at, tt, sizeof tt), t->counts[i]);
	}
	putf(c->b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x0, y1, x1, y1);
	for (size_t i = 0; i <= t->n; i++) {
		int64_t at = t->start_ms + t->bucket_ms * (int64_t)i;
		struct tm tm;
		local_tm(at, &tm);
		/* on the local clock's round times; longer than a day: every so many buckets */
		int here = every < 1440 ? (tm.tm_hour * 60 + tm.tm_min) % every == 0
		                        : i % (size_t)(every / t->bucket_min) == 0;
		if (!here) continue;
		double x = x0 + bw * (double)i;
		putf(c->b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		           "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
		     x, y1, x, y1 + 4, x, y1 + 16, clock_at(c, at, tt, sizeof tt));
	}
	put(c->b, "</svg>\n");
}

static void html_timeline(struct rc *c)
{
	const struct session *s = c->s;
	struct timeline t;
	timeline_build(s, &t);
	put(c->b, "<section class=\"timeline\">\n<h2>");
	H(T(c, L_TIMELINE));
	put(c->b, "</h2>\n");
	if (!t.n) {
		put(c->b, "<p class=\"summary\">");
		H(T(c, L_NO_TIMELINE));
		put(c->b, "</p>\n");
	} else {
		put(c->b, "<figure>\n");
		html_timeline_svg(c, &t);
		put(c->b, "<figcaption>");
		H(T(c, L_IDEAS_PER));
		putf(c->b, " %d ", t.bucket_min);
		H(T(c, L_MINUTES));
		put(c->b, ".</figcaption>\n</figure>\n");
	}
	free(t.counts);
	put(c->b, "<h3>");
	H(T(c, L_MODERATION));
	put(c->b, "</h3>\n");
	if (!s->n_log) {
		put(c->b, "<p class=\"summary\">");
		H(T(c, L_NO_MODERATION));
		put(c->b, "</p>\n");
	} else {
		put(c->b, "<table class=\"log\">\n<thead><tr><th>");
		H(T(c, L_TIME));
		put(c->b, "</th><th>");
		H(T(c, L_ACTION));
		put(c->b, "</th><th>");
		H(T(c, L_IDEA));
		put(c->b, "</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < s->n_log; i++) {
			const struct mod_entry *m = &s->log[i];
			static const enum lbl act[] = { L_NONE, L_ACT_HIDE, L_ACT_RESTORE, L_ACT_EDIT, L_ACT_MERGE };
			char tt[48];
			const struct idea *d = session_idea(s, m->idea);
			putf(c->b, "<tr><td class=\"num\">%s</td><td>", clock_at(c, m->at_ms, tt, sizeof tt));
			H(T(c, act[(unsigned)m->kind <= MOD_MERGE ? m->kind : 0]));
			putf(c->b, "</td><td><a href=\"#idea-%u\" class=\"no\">#%u</a> ", m->idea, m->idea);
			if (m->kind == MOD_EDIT) {
				H(T(c, L_LOG_BEFORE));
				put(c->b, " <bdi>");
				HC(m->before ? m->before : "");
				put(c->b, "</bdi><br>");
				H(T(c, L_AFTER));
				put(c->b, " <bdi>");
				HC(m->after ? m->after : "");
				put(c->b, "</bdi>");
			} else {
				put(c->b, "<bdi>");
				HC(d ? d->text : "");
				put(c->b, "</bdi>");
			}
			if (m->kind == MOD_MERGE) {
				const struct idea *into = session_idea(s, m->other);
				put(c->b, "<br>");
				H(T(c, L_INTO));
				putf(c->b, " <a href=\"#idea-%u\" class=\"no\">#%u</a> <bdi>", m->other, m->other);
				HC(into ? into->text : "");
				put(c->b, "</bdi>");
			}
			put(c->b, "</td></tr>\n");
		}
		put(c->b, "</tbody>\n</table>\n");
	}
	put(c->b, "</section>\n");
}

static void html_people(struct rc *c)
{
	const struct session *s = c->s;
	if (c->o->anonymise || !s->n_participants) return;
	char tt[48];
	put(c->b, "<section class=\"people\">\n<h2>");
	H(T(c, L_PEOPLE));
	put(c->b, "</h2>\n<table>\n<thead><tr><th class=\"num\">");
	H(T(c, L_NR));
	put(c->b, "</th><th>");
	H(T(c, L_NAME));
	put(c->b, "</th><th>");
	H(T(c, L_LANGUAGE));
	put(c->b, "</th><th class=\"num\">");
	H(T(c, L_JOINED));
	put(c->b, "</th><th class=\"num\">");
	H(T(c, L_IDEAS));
	put(c->b, "</th><th class=\"num\">");
	H(T(c, L_DOTS));
	put(c->b, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < s->n_participants; i++) {
		const struct participant *p = &s->participants[i];
		putf(c->b, "<tr><td class=\"num\">%u</td><td><bdi>", p->id);
		HC(*p->name ? p->name : T(c, L_NONE));
		put(c->b, "</bdi>");
		if (p->proxy) {
			put(c->b, " <span class=\"note\">(");
			H(T(c, L_PROXY));
			put(c->b, ")</span>");
		}
		put(c->b, "</td><td>");
		H(lang_name(c->L, p->lang));
		putf(c->b, "</td><td class=\"num\">%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n",
		     clock_at(c, p->joined_ms, tt, sizeof tt), participant_ideas(s, p->id), participant_dots(s, p->id));
	}
	put(c->b, "</tbody>\n</table>\n</section>\n");
}

/* The first ranks of a vote: "1. text (9 prickar)", shared ranks included up to a few items. */
static void html_vote_top(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	if (!activity_dots(s, a->id)) {
		put(c->b, "<p class=\"note\">");
		report_put_html(c->b, T(c, L_NO_VOTES));
		put(c->b, "</p>\n");
		return;
	}
	size_t n;
	struct result_row *rows = results_of(s, a, &n);
	put(c->b, "<ol class=\"top\">\n");
	for (size_t k = 0; k < n && k < TOP_ITEMS && rows[k].rank <= TOP_RANKS && rows[k].count; k++) {
		putf(c->b, "<li><span class=\"rank\">%d.</span> <bdi>", rows[k].rank);
		html_clean(c->b, item_text(s, a, rows[k].item));
		putf(c->b, "</bdi> <span class=\"note\">(%d %s)</span></li>\n", rows[k].count,
		     count_word(c, rows[k].count, L_DOT_ONE, L_DOT_MANY));
	}
	put(c->b, "</ol>\n");
	free(rows);
}

/* The poll's most chosen answers ("Lördag förmiddag: 5 av 10 svar"), or its mean on a scale. */
static void html_poll_top(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	int answers = activity_answers(s, a->id);
	if (!answers) {
		put(c->b, "<p class=\"note\">");
		report_put_html(c->b, T(c, L_NO_ANSWERS));
		put(c->b, "</p>\n");
		return;
	}
	size_t n;
	struct result_row *rows = results_of(s, a, &n);
	put(c->b, "<ol class=\"top\">\n");
	if (a->poll == POLL_SCALE) {
		long sum = 0;
		for (size_t k = 0; k < n; k++) sum += (long)rows[k].item * rows[k].count;
		long tenths = (sum * 10 + answers / 2) / answers;
		putf(c->b, "<li>%s %ld,%ld %s %d <span class=\"note\">(%d %s)</span></li>\n", T(c, L_MEAN), tenths / 10,
		     tenths % 10, T(c, L_OF), SESSION_SCALE_MAX, answers, count_word(c, answers, L_ANSWER_ONE, L_ANSWER_MANY));
	} else {
		for (size_t k = 0; k < n && rows[k].rank == 1 && rows[k].count; k++) {
			put(c->b, "<li><bdi>");
			html_clean(c->b, rows[k].item < a->n_options ? a->options[rows[k].item] : "");
			putf(c->b, "</bdi> <span class=\"note\">(%d %s %d %s)</span></li>\n", rows[k].count, T(c, L_OF), answers,
			     count_word(c, answers, L_ANSWER_ONE, L_ANSWER_MANY));
		}
	}
	put(c->b, "</ol>\n");
	free(rows);
}

/* On the first page: what the votes and polls came to. */
static void html_brief(struct rc *c)
{
	const struct session *s = c->s;
	int any = 0;
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS) continue;
		if (!any) {
			put(c->b, "<section class=\"brief\">\n<h2>");
			report_put_html(c->b, T(c, L_BRIEF));
			put(c->b, "</h2>\n");
		}
		any = 1;
		putf(c->b, "<h3><a class=\"no\" href=\"#activity-%u\">%zu.</a> <bdi>", a->id, i + 1);
		html_clean(c->b, a->title);
		put(c->b, "</bdi></h3>\n");
		if (a->kind == ACTIVITY_VOTE) html_vote_top(c, a);
		else html_poll_top(c, a);
	}
	if (any) put(c->b, "</section>\n");
}

static void html_report(struct rc *c)
{
	const struct session *s = c->s;
	char date[64], dur[64], t1[48], t2[48];
	date_with(c->L, c->first, date, sizeof date);
	duration_with(c->L, c->last - c->first, dur, sizeof dur);
	html_head(c, s->title);
	put(c->b, "<header>\n<p class=\"kicker\">");
	H(T(c, L_KICKER));
	put(c->b, "</p>\n<h1><bdi class=\"par\">");
	HC(s->title);
	put(c->b, "</bdi></h1>\n<dl class=\"facts\">\n<dt>");
	H(T(c, L_DATE));
	put(c->b, "</dt><dd>");
	H(date);
	put(c->b, "</dd>\n<dt>");
	H(T(c, L_TIME));
	putf(c->b, "</dt><dd>%s–%s (", clock_at(c, c->first, t1, sizeof t1), clock_at(c, c->last, t2, sizeof t2));
	H(dur);
	put(c->b, ", ");
	H(T(c, L_SPAN_NOTE));
	put(c->b, ")</dd>\n<dt>");
	H(T(c, L_PARTICIPANTS));
	putf(c->b, "</dt><dd>%zu</dd>\n<dt>", s->n_participants);
	H(T(c, L_IDEAS));
	putf(c->b, "</dt><dd>%zu</dd>\n</dl>\n<p class=\"note\">", s->n_ideas);
	H(T(c, L_ZONE_NOTE));
	put(c->b, " ");
	H(c->o->zone && *c->o->zone ? c->o->zone : T(c, L_ZONE_UNKNOWN));
	put(c->b, ".");
	if (c->o->anonymise) {
		put(c->b, " ");
		H(T(c, L_ANONYMISED));
	}
	put(c->b, "</p>\n</header>\n");
	html_agenda(c);
	html_brief(c);
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		/* A big activity starts a page; a small one follows on the page before. */
		putf(c->b, "<section class=\"activity %s%s\" id=\"activity-%u\">\n", session_kind_name(a->kind),
		     activity_is_small(s, a) ? "" : " page", a->id);
		putf(c->b, "<h2><span class=\"n\">%zu.</span> <bdi>", i + 1);
		HC(a->title);
		put(c->b, "</bdi></h2>\n");
		html_activity_kind(c, a);
		put(c->b, "<p class=\"prompt\"><bdi class=\"par\">");
		HC(a->prompt);
		put(c->b, "</bdi></p>\n");
		if (a->kind == ACTIVITY_IDEAS) html_activity_ideas(c, a);
		else if (a->kind == ACTIVITY_VOTE) html_activity_vote(c, a);
		else html_activity_poll(c, a);
		put(c->b, "</section>\n");
	}
	html_participation(c);
	html_timeline(c);
	html_people(c);
	put(c->b, "<footer>");
	H(T(c, L_MADE_BY));
	if (c->o->source && *c->o->source) {
		put(c->b, " ");
		H(T(c, L_SOURCE));
		put(c->b, " <bdi>");
		HC(c->o->source);
		put(c->b, "</bdi>");
	}
	put(c->b, "</footer>\n</body>\n</html>\n");
}

#undef H

/* ==== Markdown ============================================================================ */

#define M(x) report_put_md(c->b, (x), " ")
#define U(x) md_user(c->b, (x), " ")

/* User text in Markdown: bidi controls removed, escaped, and each of its lines isolated in
 * FSI ... PDI (newline is written between two lines, as report_put_md does), so that a line
 * of the minutes keeps its order whatever a name or an idea holds. "" writes nothing. */
static void md_user(struct report_buf *b, const char *s, const char *newline)
{
	char *t = utf8_bidi_clean(s);
	if (*t) {
		size_t n = strlen(newline) + 7;
		char *nl = xmalloc(n);
		snprintf(nl, n, "%s%s%s", PDI, newline, FSI);
		put(b, FSI);
		report_put_md(b, t, nl);
		put(b, PDI);
		free(nl);
	}
	free(t);
}

static void md_idea(struct rc *c, const struct idea *d, int depth)
{
	const struct session *s = c->s;
	const struct activity *a = session_activity(s, d->activity);
	char t[48];
	char indent[2 * MERGE_DEPTH + 8];
	int w = 2 * depth;
	memset(indent, ' ', (size_t)w);
	indent[w] = '\0';
	char hard[sizeof indent + 8];
	snprintf(hard, sizeof hard, "\\\n%s  ", indent);   /* a line break inside the item */
	putf(c->b, "%s- **#%u** ", indent, d->id);
	md_user(c->b, d->text, hard);
	putf(c->b, " — %s", clock_at(c, d->created_ms, t, sizeof t));
	if (a && d->category >= 0 && (size_t)d->category < a->n_options) {
		put(c->b, " · ");
		U(a->options[d->category]);
	}
	if (!d->author) {   /* bold, outside any isolate: a participant's name is escaped and isolated */
		put(c->b, " · **");
		M(T(c, L_FACILITATOR));
		put(c->b, "**");
	} else {
		const struct participant *p = session_participant(s, d->author);
		const char *name = name_of(c, p);
		if (name) {
			put(c->b, " · ");
			U(name);
		}
		if (p && p->proxy) {
			put(c->b, name ? " (" : " · ");
			M(T(c, L_PROXY));
			if (name) put(c->b, ")");
		}
	}
	if (depth > 0) {
		const struct mod_entry *m = NULL;
		for (size_t i = 0; i < s->n_log; i++)
			if (s->log[i].kind == MOD_MERGE && s->log[i].idea == d->id) m = &s->log[i];
		put(c->b, " · *");
		M(T(c, L_MERGED_HERE));
		if (m) putf(c->b, " %s", clock_at(c, m->at_ms, t, sizeof t));
		put(c->b, "*");
	} else if (d->merged_into) {
		put(c->b, " · *");
		M(T(c, L_MERGED_INTO));
		putf(c->b, " #%u*", d->merged_into);
	}
	if (d->hidden) {
		put(c->b, " · **");
		M(T(c, L_HIDDEN));
		if (d->hidden_ms > 0) putf(c->b, " %s", clock_at(c, d->hidden_ms, t, sizeof t));
		put(c->b, "**");
	}
	const struct mod_entry *e = d->edited ? first_edit(s, d->id) : NULL;
	if (d->edited) {
		put(c->b, " · *");
		M(T(c, L_EDITED));
		if (e) putf(c->b, " %s", clock_at(c, e->at_ms, t, sizeof t));
		put(c->b, "*");
		if (e && e->before) {
			put(c->b, hard);
			put(c->b, "*");
			M(T(c, L_BEFORE));
			put(c->b, "* ");
			md_user(c->b, e->before, hard);
		}
	}
	put(c->b, "\n");
	for (size_t i = 0; i < s->n_ideas && depth < MERGE_DEPTH; i++) {
		const struct idea *x = &s->ideas[i];
		if (x->merged_into == d->id && merged_child(s, x)) md_idea(c, x, depth + 1);
	}
}

static void md_idea_list(struct rc *c, const struct activity *a, int by_group, uint32_t group)
{
	const struct session *s = c->s;
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity != a->id || merged_child(s, d)) continue;
		if (by_group && (group ? d->group != group : listed_group(s, d))) continue;
		md_idea(c, d, 0);
	}
	put(c->b, "\n");
}

static void md_activity_ideas(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	if (!top_ideas(s, a->id, 0, 0)) {
		putf(c->b, "%s\n\n", a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_IDEAS));
		return;
	}
	size_t groups = 0, loose = 0;
	for (size_t g = 0; g < s->n_groups; g++)
		if (s->groups[g].activity == a->id && !s->groups[g].removed) groups++;
	if (!groups) {
		md_idea_list(c, a, 0, 0);
		return;
	}
	for (size_t g = 0; g < s->n_groups; g++) {
		const struct group *gr = &s->groups[g];
		if (gr->activity != a->id || gr->removed) continue;
		size_t k = top_ideas(s, a->id, 1, gr->id);
		put(c->b, "### ");
		U(gr->name);
		putf(c->b, " (%zu %s)\n\n", k, count_word(c, (long)k, L_IDEA_ONE, L_IDEA_MANY));
		if (k) md_idea_list(c, a, 1, gr->id);
	}
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		if (d->activity == a->id && !merged_child(s, d) && !listed_group(s, d)) loose++;
	}
	if (loose) {
		putf(c->b, "### %s (%zu %s)\n\n", T(c, L_UNGROUPED), loose, count_word(c, (long)loose, L_IDEA_ONE, L_IDEA_MANY));
		md_idea_list(c, a, 1, 0);
	}
}

static void md_activity_vote(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	size_t n;
	struct result_row *rows = results_of(s, a, &n);
	int voters = activity_voters(s, a->id), dots = activity_dots(s, a->id), counted = 0;
	for (size_t i = 0; i < n; i++) counted += rows[i].count;
	if (!dots) {
		putf(c->b, "%s\n\n", a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_VOTES));
	} else {
		putf(c->b, "%d %s %s %s %d %s.", voters, count_word(c, voters, L_PERSON_ONE, L_PERSON_MANY), T(c, L_VOTED),
		     T(c, L_VOTED_DOTS), dots, count_word(c, dots, L_DOT_ONE, L_DOT_MANY));
		if (a->phase != PHASE_REVEALED && !a->live) putf(c->b, " %s", T(c, L_NOT_SHOWN));
		put(c->b, "\n\n");
		putf(c->b, "| %s | %s | %s | %s |\n|---:|---|---:|---:|\n", T(c, L_RANK),
		     a->on_groups ? T(c, L_GROUP) : T(c, L_IDEA), T(c, L_DOTS), T(c, L_VOTERS));
		for (size_t i = 0; i < n && rows[i].count; i++) {
			const struct result_row *r = &rows[i];
			int tie = (i > 0 && rows[i - 1].rank == r->rank) || (i + 1 < n && rows[i + 1].rank == r->rank);
			putf(c->b, "| %d%s%s%s | ", r->rank, tie ? " (" : "", tie ? T(c, L_TIE) : "", tie ? ")" : "");
			if (!a->on_groups) putf(c->b, "#%u ", r->item);
			U(item_text(s, a, r->item));
			putf(c->b, " | %d | %d |\n", r->count, r->voters);
		}
		put(c->b, "\n");
		size_t z = 0;
		while (z < n && rows[n - 1 - z].count == 0) z++;
		if (z) {
			putf(c->b, "%s (%zu %s): ", T(c, L_NO_DOTS), z, a->on_groups ? count_word(c, (long)z, L_GROUP_ONE, L_GROUP_MANY)
			                                                            : count_word(c, (long)z, L_IDEA_ONE, L_IDEA_MANY));
			for (size_t i = n - z; i < n; i++) {
				if (i > n - z) put(c->b, ", ");
				if (a->on_groups) U(item_text(s, a, rows[i].item));
				else putf(c->b, "#%u", rows[i].item);
			}
			put(c->b, ".\n\n");
		}
	}
	if (source_has_unvotable(s, a) || dots > counted) {
		if (source_has_unvotable(s, a)) put(c->b, T(c, L_NOT_IN_VOTE));
		if (dots > counted) putf(c->b, " %d %s", dots - counted, T(c, L_LOST_DOTS));
		put(c->b, "\n\n");
	}
	free(rows);
}

static void md_activity_poll(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	size_t n;
	struct result_row *rows = results_of(s, a, &n);
	qsort(rows, n, sizeof *rows, row_item_cmp);
	int answers = activity_answers(s, a->id);
	long sum = 0;
	for (size_t i = 0; i < n; i++) sum += (long)rows[i].item * rows[i].count;
	if (!answers) {
		putf(c->b, "%s\n\n", a->phase == PHASE_PREPARED ? T(c, L_NOT_RUN) : T(c, L_NO_ANSWERS));
		free(rows);
		return;
	}
	putf(c->b, "%d %s %s.", answers, count_word(c, answers, L_PERSON_ONE, L_PERSON_MANY), T(c, L_RESPONDED));
	if (a->poll == POLL_SCALE) {
		long tenths = (sum * 10 + answers / 2) / answers;
		putf(c->b, " %s %ld,%ld %s %d.", T(c, L_MEAN), tenths / 10, tenths % 10, T(c, L_OF), SESSION_SCALE_MAX);
	}
	if (a->phase != PHASE_REVEALED) putf(c->b, " %s", T(c, L_NOT_SHOWN));
	putf(c->b, "\n\n| %s | %s | %s |\n|---|---:|---:|\n", T(c, L_CHOICE), T(c, L_ANSWERS), T(c, L_SHARE));
	for (size_t i = 0; i < n; i++) {
		const struct result_row *r = &rows[i];
		put(c->b, "| ");
		if (a->poll == POLL_SCALE) putf(c->b, "%u", r->item);
		else U(r->item < a->n_options ? a->options[r->item] : "");
		putf(c->b, " | %d | %d %% |\n", r->count, (r->count * 100 + answers / 2) / answers);
	}
	put(c->b, "\n");
	if (a->poll == POLL_MULTI) putf(c->b, "%s\n\n", T(c, L_MULTI_NOTE));
	free(rows);
}

static void md_activity_kind(struct rc *c, const struct activity *a)
{
	const struct session *s = c->s;
	put(c->b, "*");
	M(kind_label(c, a));
	if (a->kind == ACTIVITY_POLL) putf(c->b, " (%s)", poll_label(c, a->poll));
	if (a->kind == ACTIVITY_VOTE) {
		const struct activity *src = session_activity(s, a->source);
		putf(c->b, " %s %u. ", a->on_groups ? T(c, L_VOTE_ON_GROUPS) : T(c, L_VOTE_ON_IDEAS), a->source);
		U(src ? src->title : "");
		putf(c->b, " · %d %s, ", a->budget, T(c, L_DOTS_EACH));
		putf(c->b, "%s %d %s", T(c, L_AT_MOST), a->max_per_item, a->on_groups ? T(c, L_PER_GROUP) : T(c, L_PER_IDEA));
		if (a->live) putf(c->b, " · %s", T(c, L_LIVE));
	}
	if (a->kind == ACTIVITY_IDEAS && a->silent) putf(c->b, " · %s", T(c, L_SILENT));
	putf(c->b, " · %s", phase_label(c, a->phase));
	if (a->kind == ACTIVITY_IDEAS && a->n_options) {
		putf(c->b, " · %s: ", T(c, L_CATEGORIES));
		for (size_t i = 0; i < a->n_options; i++) {
			if (i) put(c->b, ", ");
			U(a->options[i]);
		}
	}
	put(c->b, "*\n\n");
}

/* What the votes and polls came to, after the agenda. */
static void md_brief(struct rc *c)
{
	const struct session *s = c->s;
	int any = 0;
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS) continue;
		if (!any) putf(c->b, "## %s\n\n", T(c, L_BRIEF));
		any = 1;
		putf(c->b, "**%zu. ", i + 1);
		md_user(c->b, a->title, " ");
		put(c->b, "**\n\n");
		size_t n;
		struct result_row *rows = results_of(s, a, &n);
		int total = a->kind == ACTIVITY_VOTE ? activity_dots(s, a->id) : activity_answers(s, a->id);
		if (!total) {
			putf(c->b, "%s\n\n", a->kind == ACTIVITY_VOTE ? T(c, L_NO_VOTES) : T(c, L_NO_ANSWERS));
		} else if (a->kind == ACTIVITY_VOTE) {
			for (size_t k = 0; k < n && k < TOP_ITEMS && rows[k].rank <= TOP_RANKS && rows[k].count; k++) {
				putf(c->b, "- **%d.** ", rows[k].rank);
				md_user(c->b, item_text(s, a, rows[k].item), " ");
				putf(c->b, " (%d %s)\n", rows[k].count, count_word(c, rows[k].count, L_DOT_ONE, L_DOT_MANY));
			}
			put(c->b, "\n");
		} else if (a->poll == POLL_SCALE) {
			long sum = 0;
			for (size_t k = 0; k < n; k++) sum += (long)rows[k].item * rows[k].count;
			long tenths = (sum * 10 + total / 2) / total;
			putf(c->b, "%s %ld,%ld %s %d (%d %s)\n\n", T(c, L_MEAN), tenths / 10, tenths % 10, T(c, L_OF),
			     SESSION_SCALE_MAX, total, count_word(c, total, L_ANSWER_ONE, L_ANSWER_MANY));
		} else {
			for (size_t k = 0; k < n && rows[k].rank == 1 && rows[k].count; k++) {
				put(c->b, "- ");
				md_user(c->b, rows[k].item < a->n_options ? a->options[rows[k].item] : "", " ");
				putf(c->b, " (%d %s %d %s)\n", rows[k].count, T(c, L_OF), total,
				     count_word(c, total, L_ANSWER_ONE, L_ANSWER_MANY));
			}
			put(c->b, "\n");
		}
		free(rows);
	}
}

static void md_report(struct rc *c)
{
	const struct session *s = c->s;
	char date[64], dur[64], t1[48], t2[48];
	date_with(c->L, c->first, date, sizeof date);
	duration_with(c->L, c->last - c->first, dur, sizeof dur);
	put(c->b, "# ");
	U(s->title);
	putf(c->b, "\n\n*%s*\n\n", T(c, L_KICKER));
	putf(c->b, "- **%s:** %s\n", T(c, L_DATE), date);
	putf(c->b, "- **%s:** %s–%s (%s, %s)\n", T(c, L_TIME), clock_at(c, c->first, t1, sizeof t1),
	     clock_at(c, c->last, t2, sizeof t2), dur, T(c, L_SPAN_NOTE));
	putf(c->b, "- **%s:** %zu\n", T(c, L_PARTICIPANTS), s->n_participants);
	putf(c->b, "- **%s:** %zu\n\n", T(c, L_IDEAS), s->n_ideas);
	putf(c->b, "%s ", T(c, L_ZONE_NOTE));
	M(c->o->zone && *c->o->zone ? c->o->zone : T(c, L_ZONE_UNKNOWN));
	put(c->b, ".");
	if (c->o->anonymise) putf(c->b, " %s", T(c, L_ANONYMISED));
	putf(c->b, "\n\n## %s\n\n", T(c, L_AGENDA));
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		putf(c->b, "%zu. **", i + 1);
		U(a->title);
		putf(c->b, "** (%s", kind_label(c, a));
		if (a->kind == ACTIVITY_IDEAS) {
			size_t k = 0;
			for (size_t j = 0; j < s->n_ideas; j++) k += s->ideas[j].activity == a->id;
			putf(c->b, ", %zu %s", k, count_word(c, (long)k, L_IDEA_ONE, L_IDEA_MANY));
		} else if (a->kind == ACTIVITY_VOTE) {
			putf(c->b, ", %d %s", activity_voters(s, a->id), T(c, L_VOTED));
		} else {
			putf(c->b, ", %d %s", activity_answers(s, a->id), T(c, L_RESPONDED));
		}
		if (a->phase == PHASE_PREPARED) putf(c->b, ", %s", T(c, L_PHASE_PREPARED));
		put(c->b, "): ");
		U(a->prompt);
		put(c->b, "\n");
	}
	put(c->b, "\n");
	md_brief(c);
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		putf(c->b, "## %zu. ", i + 1);
		U(a->title);
		put(c->b, "\n\n");
		md_activity_kind(c, a);
		put(c->b, "> ");
		md_user(c->b, a->prompt, " ");
		put(c->b, "\n\n");
		if (a->kind == ACTIVITY_IDEAS) md_activity_ideas(c, a);
		else if (a->kind == ACTIVITY_VOTE) md_activity_vote(c, a);
		else md_activity_poll(c, a);
	}

	struct tally t;
	tally(s, &t);
	putf(c->b, "## %s\n\n", T(c, L_PARTICIPATION));
	putf(c->b, "- **%s:** %zu", T(c, L_PARTICIPANTS), s->n_participants);
	if (t.proxies) putf(c->b, ", %zu %s", t.proxies, count_word(c, (long)t.proxies, L_P_PROXY, L_P_PROXIES));
	putf(c->b, "\n- **%s:** %zu", T(c, L_IDEAS), t.ideas);
	tally_ideas(c, &t);
	put(c->b, "\n");
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS) continue;
		putf(c->b, "- **%s:** ", a->kind == ACTIVITY_VOTE ? T(c, L_P_VOTES) : T(c, L_P_POLLS));
		U(a->title);
		if (a->kind == ACTIVITY_VOTE) {
			int v = activity_voters(s, a->id), d = activity_dots(s, a->id);
			putf(c->b, ": %d %s %s, %d %s\n", v, count_word(c, v, L_PERSON_ONE, L_PERSON_MANY), T(c, L_VOTED), d,
			     count_word(c, d, L_DOT_ONE, L_DOT_MANY));
		} else {
			int v = activity_answers(s, a->id);
			putf(c->b, ": %d %s\n", v, count_word(c, v, L_ANSWER_ONE, L_ANSWER_MANY));
		}
	}
	putf(c->b, "\n### %s\n\n| %s | %s | %s |\n|---|---:|---:|\n", T(c, L_LANGUAGES), T(c, L_LANGUAGE),
	     T(c, L_PARTICIPANTS), T(c, L_IDEAS));
	size_t n;
	struct lang_use *u = languages(s, &n);
	for (size_t i = 0; i < n; i++) {
		put(c->b, "| ");
		M(lang_name(c->L, u[i].code));
		if (*u[i].code) {
			put(c->b, " (");
			M(u[i].code);
			put(c->b, ")");
		}
		putf(c->b, " | %d | %d |\n", u[i].people, u[i].ideas);
	}
	if (t.by_facilitator) putf(c->b, "| %s | %s | %zu |\n", T(c, L_FACILITATOR), T(c, L_NONE), t.by_facilitator);
	free(u);

	struct timeline tl;
	timeline_build(s, &tl);
	putf(c->b, "\n## %s\n\n", T(c, L_TIMELINE));
	if (!tl.n) {
		putf(c->b, "%s\n\n", T(c, L_NO_TIMELINE));
	} else {
		putf(c->b, "| %s | %s %d %s |\n|---:|---:|\n", T(c, L_TIME), T(c, L_IDEAS_PER), tl.bucket_min, T(c, L_MINUTES));
		for (size_t i = 0; i < tl.n; i++) {
			char tt[48];
			putf(c->b, "| %s | %d |\n", clock_at(c, tl.start_ms + tl.bucket_ms * (int64_t)i, tt, sizeof tt), tl.counts[i]);
		}
		put(c->b, "\n");
	}
	free(tl.counts);
	putf(c->b, "### %s\n\n", T(c, L_MODERATION));
	if (!s->n_log) {
		putf(c->b, "%s\n\n", T(c, L_NO_MODERATION));
	} else {
		putf(c->b, "| %s | %s | %s |\n|---:|---|---|\n", T(c, L_TIME), T(c, L_ACTION), T(c, L_IDEA));
		for (size_t i = 0; i < s->n_log; i++) {
			static const enum lbl act[] = { L_NONE, L_ACT_HIDE, L_ACT_RESTORE, L_ACT_EDIT, L_ACT_MERGE };
			const struct mod_entry *m = &s->log[i];
			const struct idea *d = session_idea(s, m->idea);
			char tt[48];
			putf(c->b, "| %s | %s | #%u ", clock_at(c, m->at_ms, tt, sizeof tt),
			     T(c, act[(unsigned)m->kind <= MOD_MERGE ? m->kind : 0]), m->idea);
			if (m->kind == MOD_EDIT) {
				putf(c->b, "%s ", T(c, L_LOG_BEFORE));
				U(m->before ? m->before : "");
				putf(c->b, "; %s ", T(c, L_AFTER));
				U(m->after ? m->after : "");
			} else {
				U(d ? d->text : "");
			}
			if (m->kind == MOD_MERGE) {
				const struct idea *into = session_idea(s, m->other);
				putf(c->b, " %s #%u ", T(c, L_INTO), m->other);
				U(into ? into->text : "");
			}
			put(c->b, " |\n");
		}
		put(c->b, "\n");
	}
	if (!c->o->anonymise && s->n_participants) {
		putf(c->b, "## %s\n\n| %s | %s | %s | %s | %s | %s |\n|---:|---|---|---:|---:|---:|\n", T(c, L_PEOPLE),
		     T(c, L_NR), T(c, L_NAME), T(c, L_LANGUAGE), T(c, L_JOINED), T(c, L_IDEAS), T(c, L_DOTS));
		for (size_t i = 0; i < s->n_participants; i++) {
			const struct participant *p = &s->participants[i];
			char tt[48];
			putf(c->b, "| %u | ", p->id);
			if (*p->name) U(p->name);
			else M(T(c, L_NONE));
			if (p->proxy) putf(c->b, " (%s)", T(c, L_PROXY));
			putf(c->b, " | %s | %s | %d | %d |\n", lang_name(c->L, p->lang), clock_at(c, p->joined_ms, tt, sizeof tt),
			     participant_ideas(s, p->id), participant_dots(s, p->id));
		}
		put(c->b, "\n");
	}
	putf(c->b, "---\n\n%s", T(c, L_MADE_BY));
	if (c->o->source && *c->o->source) {
		putf(c->b, " %s ", T(c, L_SOURCE));
		U(c->o->source);
	}
	put(c->b, "\n");
}

#undef U
#undef M

/* ==== CSV ================================================================================= */

/* User text as one CSV field: bidi controls removed, each line in FSI ... PDI. Excel and
 * LibreOffice show the two as nothing (they are invisible format characters) and draw a cell
 * as it would be drawn anyway; the cost is that a cell holds two characters more than it shows
 * (LEN, an exact match against typed text). We isolate all the same: the file is also read as
 * text (an editor, a mail, the minutes), where one unclosed RLO in an idea would reverse the
 * fields after it on the line. A field that starts with = + - @ or a tab still gets its
 * apostrophe, in front of the FSI, so it stays text wherever the FSI is dropped. */
static void csv_user(struct report_buf *b, const char *s, char sep)
{
	char *t = utf8_bidi_clean(s);
	char *iso = utf8_bidi_isolate(t);
	int guard = *t && strchr("=+-@\t", *t) != NULL;
	char *f = xmalloc(strlen(iso) + 2);
	snprintf(f, strlen(iso) + 2, "%s%s", guard ? "'" : "", iso);
	report_put_csv(b, f, sep);
	free(f);
	free(iso);
	free(t);
}

static void csv_report(struct rc *c)
{
	const struct session *s = c->s;
	const char sep = c->o->sep ? c->o->sep : ',';
	const char sep_s[] = { sep, '\0' };
	static const enum lbl head[] = { L_CSV_NR, L_CSV_ACTIVITY, L_CSV_GROUP, L_CSV_TEXT, L_CSV_DOTS, L_CSV_HIDDEN,
	                                 L_CSV_HIDDEN_AT, L_CSV_LANG, L_CSV_TIME, L_CSV_TIME_UTC, L_CSV_CATEGORY,
	                                 L_CSV_MERGED_INTO, L_CSV_EDITED, L_CSV_BY_FACILITATOR, L_CSV_NAME };
	size_t cols = sizeof head / sizeof head[0] - (c->o->anonymise ? 1 : 0);
	put(c->b, "\xEF\xBB\xBF");   /* the BOM: Excel reads the file as UTF-8 only with it */
	for (size_t k = 0; k < cols; k++) {
		if (k) put(c->b, sep_s);
		report_put_csv(c->b, T(c, head[k]), sep);
	}
	put(c->b, "\r\n");
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		const struct activity *a = session_activity(s, d->activity);
		const struct group *g = d->group ? session_group(s, d->group) : NULL;
		const struct participant *p = d->author ? session_participant(s, d->author) : NULL;
		char tt[48];
		putf(c->b, "%u%c", d->id, sep);
		char *title = utf8_bidi_isolate(a ? a->title : "");
		size_t n = strlen(title) + 16;
		char *act = xmalloc(n);   /* "1. Idéer", the title isolated */
		snprintf(act, n, "%u. %s", a ? a->id : 0, title);
		report_put_csv(c->b, act, sep);
		free(act);
		free(title);
		put(c->b, sep_s);
		csv_user(c->b, g ? g->name : "", sep);
		put(c->b, sep_s);
		csv_user(c->b, d->text, sep);
		putf(c->b, "%c%d%c%s%c", sep, idea_dots(s, d), sep, d->hidden ? T(c, L_YES) : T(c, L_NO), sep);
		if (d->hidden && d->hidden_ms > 0) put(c->b, stamp_at(d->hidden_ms, tt, sizeof tt));
		put(c->b, sep_s);
		report_put_csv(c->b, !d->author ? T(c, L_FACILITATOR) : p && *p->lang ? lang_name(c->L, p->lang) : "", sep);
		putf(c->b, "%c%s%c", sep, stamp_at(d->created_ms, tt, sizeof tt), sep);
		proto_format_time(d->created_ms, tt, sizeof tt);
		putf(c->b, "%s%c", tt, sep);
		csv_user(c->b, a && d->category >= 0 && (size_t)d->category < a->n_options ? a->options[d->category] : "", sep);
		put(c->b, sep_s);
		if (d->merged_into) putf(c->b, "%u", d->merged_into);
		putf(c->b, "%c%s", sep, d->edited ? T(c, L_YES) : T(c, L_NO));
		/* the facilitator's mark: a column of its own that no text can fill */
		putf(c->b, "%c%s", sep, !d->author ? T(c, L_YES) : T(c, L_NO));
		if (!c->o->anonymise) {
			put(c->b, sep_s);
			const char *name = name_of(c, p);
			csv_user(c->b, name ? name : "", sep);
		}
		put(c->b, "\r\n");
	}
}

void report_render(const struct session *s, const struct report_opts *o, struct report_buf *b)
{
	struct rc c;
	rc_init(&c, s, o, b);
	if (o->format == REPORT_MD) md_report(&c);
	else if (o->format == REPORT_CSV) csv_report(&c);
	else html_report(&c);
}

/* ==== the overview ======================================================================== */

/* One category across meetings: in how many it came up, and on how many ideas. */
struct cat_use {
	const char *name;
	int meetings, ideas;
	size_t last;                /* the entry that counted it last: a meeting counts once */
};

static int cat_use_cmp(const void *x, const void *y)
{
	const struct cat_use *a = x, *b = y;
	if (a->ideas != b->ideas) return a->ideas > b->ideas ? -1 : 1;
	if (a->meetings != b->meetings) return a->meetings > b->meetings ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The top of each vote in the overview, or that there was none. */
static void overview_top(struct rc *c, const struct session *s)
{
	int votes = 0;
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind != ACTIVITY_VOTE) continue;
		votes++;
		put(c->b, "<p class=\"vote\"><bdi class=\"par\">");
		html_clean(c->b, a->title);
		put(c->b, "</bdi></p>\n");
		html_vote_top(c, a);
	}
	if (!votes) {
		put(c->b, "<p class=\"note\">");
		report_put_html(c->b, T(c, L_NO_VOTE));
		put(c->b, "</p>\n");
	}
}

static const char overview_css[] =
	"@page{size:A4 landscape;margin:14mm 14mm 16mm;"
	"@bottom-right{content:counter(page) \" / \" counter(pages);font-size:8pt;color:#666}}\n"
	"td .vote{margin:0 0 .5mm;font-weight:600;font-size:9pt}\n"
	"td .file{display:block;font-size:8pt;color:var(--muted);overflow-wrap:anywhere}\n"
	"td.date{white-space:nowrap}\n"
	"table.categories{width:auto;min-width:150mm}\n";

void report_render_overview(const struct report_entry *e, size_t n, const char *folder,
                            const struct report_opts *o, struct report_buf *b)
{
	struct rc c0, *c = &c0;
	struct session *empty = session_new("", "", 0);
	rc_init(c, empty, o, b);
	put(b, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	report_put_html(b, T(c, L_OVERVIEW));
	put(b, "</title>\n<style>\n");
	put(b, html_css);
	put(b, overview_css);
	put(b, "body{max-width:260mm}\n</style>\n</head>\n<body>\n<header>\n<p class=\"kicker\">Medskapa</p>\n<h1>");
	report_put_html(b, T(c, L_OVERVIEW));
	put(b, "</h1>\n<p class=\"note\">");
	report_put_html(b, T(c, L_OVERVIEW_OF));
	put(b, " <bdi>");
	html_clean(b, folder);
	put(b, "</bdi>. ");
	report_put_html(b, T(c, L_ZONE_NOTE));
	put(b, " ");
	report_put_html(b, o->zone && *o->zone ? o->zone : T(c, L_ZONE_UNKNOWN));
	put(b, ".</p>\n</header>\n");

	size_t sessions = 0;
	for (size_t i = 0; i < n; i++) sessions += e[i].s != NULL;
	put(b, "<section>\n");
	if (!sessions) {
		put(b, "<p class=\"summary\">");
		report_put_html(b, T(c, L_NO_SESSIONS));
		put(b, "</p>\n");
	} else {
		put(b, "<table class=\"overview\">\n<thead><tr><th>");
		report_put_html(b, T(c, L_DATE));
		put(b, "</th><th>");
		report_put_html(b, T(c, L_MEETING));
		put(b, "</th><th class=\"num\">");
		report_put_html(b, T(c, L_PARTICIPANTS));
		put(b, "</th><th class=\"num\">");
		report_put_html(b, T(c, L_IDEAS));
		put(b, "</th><th>");
		report_put_html(b, T(c, L_TOP));
		put(b, "</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			const struct session *s = e[i].s;
			if (!s) continue;
			struct rc one;
			rc_init(&one, s, o, b);
			char date[64];
			date_with(one.L, one.first, date, sizeof date);
			put(b, "<tr><td class=\"date\">");
			report_put_html(b, date);
			put(b, "</td><td><bdi>");
			html_clean(b, s->title);
			put(b, "</bdi><span class=\"file\"><bdi>");
			html_clean(b, e[i].file);
			put(b, "</bdi>");
			putf(b, "</span></td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td>\n", s->n_participants, s->n_ideas);
			overview_top(&one, s);
			put(b, "</td></tr>\n");
		}
		put(b, "</tbody>\n</table>\n");
	}
	put(b, "</section>\n");

	/* categories across meetings */
	struct cat_use *cats = NULL;
	size_t ncat = 0, capcat = 0;
	for (size_t i = 0; i < n; i++) {
		const struct session *s = e[i].s;
		if (!s) continue;
		for (size_t j = 0; j < s->n_ideas; j++) {
			const struct idea *d = &s->ideas[j];
			const struct activity *a = session_activity(s, d->activity);
			if (d->hidden || d->merged_into || !a || d->category < 0 || (size_t)d->category >= a->n_options) continue;
			const char *name = a->options[d->category];
			size_t k = 0;
			while (k < ncat && strcmp(cats[k].name, name) != 0) k++;
			if (k == ncat) {
				xgrow((void **)&cats, &capcat, ncat + 1, sizeof *cats);
				cats[ncat++] = (struct cat_use){ name, 0, 0, (size_t)-1 };
			}
			cats[k].ideas++;
			if (cats[k].last != i) {
				cats[k].meetings++;
				cats[k].last = i;
			}
		}
	}
	put(b, "<section>\n<h2>");
	report_put_html(b, T(c, L_CATEGORIES));
	put(b, "</h2>\n");
	if (!ncat) {
		put(b, "<p class=\"summary\">");
		report_put_html(b, T(c, L_NO_CATEGORIES));
		put(b, "</p>\n");
	} else {
		qsort(cats, ncat, sizeof *cats, cat_use_cmp);
		int max = cats[0].ideas;
		put(b, "<table class=\"categories\">\n<thead><tr><th>");
		report_put_html(b, T(c, L_CATEGORY));
		put(b, "</th><th class=\"num\">");
		report_put_html(b, T(c, L_MEETINGS));
		put(b, "</th><th class=\"num\">");
		report_put_html(b, T(c, L_IDEAS));
		put(b, "</th><th class=\"bar\"><span class=\"sr\">");
		report_put_html(b, T(c, L_CHART));
		put(b, "</span></th></tr></thead>\n<tbody>\n");
		for (size_t k = 0; k < ncat; k++) {
			put(b, "<tr><td><bdi>");
			html_clean(b, cats[k].name);
			putf(b, "</bdi></td><td class=\"num\">%d</td><td class=\"num\">%d</td>", cats[k].meetings, cats[k].ideas);
			html_bar(c, cats[k].ideas, max);
			put(b, "</tr>\n");
		}
		put(b, "</tbody>\n</table>\n<p class=\"note\">");
		report_put_html(b, T(c, L_CATEGORY_NOTE));
		put(b, "</p>\n");
	}
	put(b, "</section>\n");
	free(cats);

	if (sessions < n) {
		put(b, "<section>\n<h2>");
		report_put_html(b, T(c, L_SKIPPED));
		put(b, "</h2>\n<table class=\"skipped\">\n<thead><tr><th>");
		report_put_html(b, T(c, L_FILE));
		put(b, "</th><th>");
		report_put_html(b, T(c, L_DETAIL));
		put(b, "</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			if (e[i].s) continue;
			put(b, "<tr><td><bdi>");
			html_clean(b, e[i].file);
			put(b, "</bdi></td><td>");
			put(b, "<bdi>");   /* a reason may quote the file */
			html_clean(b, e[i].skipped ? e[i].skipped : "");
			put(b, "</bdi>");
			put(b, "</td></tr>\n");
		}
		put(b, "</tbody>\n</table>\n</section>\n");
	}
	put(b, "<footer>");
	report_put_html(b, T(c, L_MADE_BY));
	put(b, "</footer>\n</body>\n</html>\n");
	session_free(empty);
}

/* ==== the command ========================================================================= */

static void usage(FILE *f)
{
	fputs("usage: medskapa report SESSION.json [--format html|md|csv] [--sep comma|semicolon] [-o FILE]\n"
	      "                      [--anonymise]\n"
	      "       medskapa report --overview DIR [-o FILE]\n"
	      "Writes a report of a saved session for the minutes (HTML for print on A4, Markdown, or\n"
	      "CSV for Excel), or one HTML page over every session in DIR. Without -o it goes to\n"
	      "standard output. --anonymise leaves display names out. --sep semicolon separates CSV\n"
	      "fields with ';' (for Excel set to Swedish and other languages with a decimal comma).\n"
	      "Times are shown in local time\n"
	      "(set TZ, e.g. TZ=Europe/Stockholm, to choose the zone).\n", f);
}

/* The name of the local time zone, for the report: TZ, else what /etc/localtime points to. */
static void zone_name(char *buf, size_t len)
{
	const char *tz = getenv("TZ");
	buf[0] = '\0';
	if (tz && *tz) {
		snprintf(buf, len, "%s", tz[0] == ':' ? tz + 1 : tz);
		return;
	}
	char link[512];
	ssize_t k = readlink("/etc/localtime", link, sizeof link - 1);
	if (k > 0) {
		link[k] = '\0';
		const char *z = strstr(link, "zoneinfo/");
		if (z) snprintf(buf, len, "%s", z + strlen("zoneinfo/"));
	}
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* Write the report to path (atomically, 0600) or to stdout. 0 or -1 with a message printed. */
static int write_out(const struct report_buf *b, const char *path)
{
	char err[512];
	const char *data = b->data ? b->data : "";
	if (path) {
		if (store_write_atomic(path, data, b->len, err, sizeof err) < 0) {
			fprintf(stderr, "medskapa report: %s\n", err);
			return -1;
		}
		return 0;
	}
	if ((b->len && fwrite(data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0) {
		fprintf(stderr, "medskapa report: cannot write to standard output: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* One *.json of the overview's folder: a session, or why it was left out. */
struct ov_file {
	char *name;
	struct session *s;
	char *why;                  /* NULL when s */
	int64_t first;              /* the meeting's first event: the overview's order */
};

static int ov_file_cmp(const void *x, const void *y)
{
	const struct ov_file *a = x, *b = y;
	if (!a->s != !b->s) return a->s ? -1 : 1;   /* sessions first, in the order they took place */
	if (a->s && a->first != b->first) return a->first < b->first ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* A message from store names the file first; the overview shows the file in its own column. */
static char *without_path(const char *err, const char *path)
{
	size_t n = strlen(path);
	return xstrdup(strncmp(err, path, n) == 0 && err[n] == ':' && err[n + 1] == ' ' ? err + n + 2 : err);
}

/* Add to s what the journal beside path holds after the snapshot's journal_seq: a host that was
 * killed, or a laptop that lost power, kept its last second or so only there, and staff must
 * see it. Only reads (a torn last line is left on disk and skipped). 0, or -1 with err. */
static int with_journal(const char *path, struct session *s, uint64_t jseq, char *err, size_t errlen)
{
	size_t plen = strlen(path) + 9, applied = 0;
	char *jpath = xmalloc(plen), warn[512];
	uint64_t last;
	snprintf(jpath, plen, "%s.journal", path);
	int rc = journal_replay(jpath, s, jseq, 0, &last, &applied, warn, sizeof warn, err, errlen);
	if (rc == 0 && warn[0]) fprintf(stderr, "medskapa report: warning: %s\n", warn);
	if (rc == 0 && applied)
		fprintf(stderr, "medskapa report: %s: %zu change%s after the last save taken from %s\n",
		        base_name(path), applied, applied == 1 ? "" : "s", base_name(jpath));
	free(jpath);
	return rc;
}

/* Read f->name in dir: a session, or a template, other JSON or a damaged file with the reason. */
static void ov_load(const char *dir, struct ov_file *f)
{
	size_t plen = strlen(dir) + strlen(f->name) + 2, len;
	char *path = xmalloc(plen), err[512];
	uint64_t jseq = 0;
	snprintf(path, plen, "%s/%s", dir, f->name);
	char *buf = store_read_file(path, OVERVIEW_MAX_FILE, &len, err, sizeof err);
	cJSON *root = buf ? cJSON_ParseWithLength(buf, len) : NULL;
	const cJSON *fmt = root ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
	const char *format = cJSON_IsString(fmt) ? fmt->valuestring : NULL;
	if (!buf) {
		f->why = without_path(err, path);
	} else if (format && strcmp(format, STORE_TEMPLATE) == 0) {
		f->why = xstrdup(default_labels->text[L_TEMPLATE]);
	} else if (root && (!format || strcmp(format, STORE_FORMAT) != 0)) {
		f->why = xstrdup(default_labels->text[L_NOT_SESSION]);
	} else if (!(f->s = store_from_json(buf, len, path, &jseq, err, sizeof err))
	           || with_journal(path, f->s, jseq, err, sizeof err) < 0) {
		session_free(f->s);
		f->s = NULL;
		f->why = without_path(err, path);   /* damaged: staff should hear of it */
		fprintf(stderr, "medskapa report: left out %s\n", err);
	} else {
		int64_t last;
		session_span(f->s, &f->first, &last);
	}
	cJSON_Delete(root);
	free(buf);
	free(path);
}

/* Every *.json in dir (not in folders below it), sessions loaded, the rest with why not. */
static int overview(const char *dir, const struct report_opts *o, const char *out)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "medskapa report: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	struct ov_file *files = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".json") != 0) continue;
		size_t plen = strlen(dir) + len + 2;
		char *path = xmalloc(plen);
		snprintf(path, plen, "%s/%s", dir, de->d_name);
		struct stat st;
		int regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
		if (!regular) continue;
		xgrow((void **)&files, &cap, n + 1, sizeof *files);
		files[n++] = (struct ov_file){ .name = xstrdup(de->d_name) };
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) ov_load(dir, &files[i]);
	if (n) qsort(files, n, sizeof *files, ov_file_cmp);
	struct report_entry *e = xcalloc(n ? n : 1, sizeof *e);
	for (size_t i = 0; i < n; i++) e[i] = (struct report_entry){ files[i].name, files[i].s, files[i].why };
	struct report_buf b = { 0 };
	report_render_overview(e, n, base_name(dir), o, &b);
	int rc = write_out(&b, out) < 0 ? 1 : 0;
	report_buf_free(&b);
	for (size_t i = 0; i < n; i++) {
		session_free(files[i].s);
		free(files[i].why);
		free(files[i].name);
	}
	free(files);
	free(e);
	return rc;
}

struct args {
	const char *session, *out, *dir, *format, *sep;
	int anonymise;
};

/* 0, or -1 when the options make no sense (the caller prints the usage). */
static int parse_args(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof *a);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], **slot = NULL;
		if (strcmp(arg, "--anonymise") == 0 || strcmp(arg, "--anonymize") == 0) a->anonymise = 1;
		else if (strcmp(arg, "--format") == 0) slot = &a->format;
		else if (strcmp(arg, "--sep") == 0) slot = &a->sep;
		else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) slot = &a->out;
		else if (strcmp(arg, "--overview") == 0) slot = &a->dir;
		else if (strncmp(arg, "--format=", 9) == 0 && !a->format) a->format = arg + 9;
		else if (arg[0] == '-' && arg[1]) return -1;
		else if (!a->session) a->session = arg;
		else return -1;
		if (slot) {
			if (*slot || i + 1 >= argc) return -1;
			*slot = argv[++i];
		}
	}
	if (!a->session == !a->dir) return -1;   /* one session, or one folder */
	if (a->dir && a->format && strcmp(a->format, "html") != 0) return -1;   /* the overview is HTML */
	if (a->sep && (!a->format || strcmp(a->format, "csv") != 0)) return -1;   /* only CSV has fields */
	return 0;
}

int report_main(int argc, char **argv)
{
	struct args a;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
	}
	struct report_opts o = { .format = REPORT_HTML };
	if (parse_args(argc, argv, &a) < 0) {
		usage(stderr);
		return 2;
	}
	if (a.format) {
		if (strcmp(a.format, "html") == 0) o.format = REPORT_HTML;
		else if (strcmp(a.format, "md") == 0 || strcmp(a.format, "markdown") == 0) o.format = REPORT_MD;
		else if (strcmp(a.format, "csv") == 0) o.format = REPORT_CSV;
		else {
			fprintf(stderr, "medskapa report: unknown format \"%s\" (html, md or csv)\n", a.format);
			usage(stderr);
			return 2;
		}
	}
	o.anonymise = a.anonymise;
	if (a.sep) {
		if (strcmp(a.sep, "comma") == 0 || strcmp(a.sep, ",") == 0) o.sep = ',';
		else if (strcmp(a.sep, "semicolon") == 0 || strcmp(a.sep, ";") == 0) o.sep = ';';
		else {
			fprintf(stderr, "medskapa report: unknown separator \"%s\" (comma or semicolon)\n", a.sep);
			usage(stderr);
			return 2;
		}
	}
	char zone[256];
	zone_name(zone, sizeof zone);
	o.zone = zone;
	tzset();
	if (a.dir) return overview(a.dir, &o, a.out);

	char err[512];
	uint64_t jseq = 0;
	struct session *s = store_load(a.session, &jseq, err, sizeof err);
	if (!s || with_journal(a.session, s, jseq, err, sizeof err) < 0) {
		fprintf(stderr, "medskapa report: %s\n", err);
		session_free(s);
		return 1;
	}
	o.source = base_name(a.session);
	struct report_buf b = { 0 };
	report_render(s, &o, &b);
	int rc = write_out(&b, a.out) < 0 ? 1 : 0;
	report_buf_free(&b);
	session_free(s);
	return rc;
}
