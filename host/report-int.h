/* report-int.h: what the report's files share (report.c, report-*.c; nothing else includes it):
 * the context every format renders with, the labels, and the facts that every format shows. */
#ifndef MEDSKAPA_REPORT_INT_H
#define MEDSKAPA_REPORT_INT_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "report.h"
#include "session.h"

/* ---- tunables ------------------------------------------------------------------------- */
#define TIMELINE_MAX_BARS   96     /* the timeline counts ideas per 5 minutes, or per 10, 15, 30, 60 ...
                                    * when 5 would give more bars than this */
#define TIMELINE_MAX_LABELS 9      /* clock labels under the timeline */
#define MERGE_DEPTH         8      /* duplicates nest at most this deep: a damaged file cannot loop */
#define TOP_RANKS           3      /* ranks of each vote in the brief results and the overview */
#define TOP_ITEMS           5      /* ... but no more items than this when ranks are shared */

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

struct report_lang_name {
	const char *code, *name;
};

struct labels {
	const char *text[L_COUNT];
	const char *month[12];
	const struct report_lang_name *langs;     /* ends with { NULL, NULL } */
};

/* The table in use (report-labels.c). */
extern const struct labels *const report_labels;

/* ---- the context: what every renderer needs -------------------------------------------- */

struct report_ctx {
	const struct session *s;
	const struct report_opts *o;
	const struct labels *L;
	struct report_buf *b;
	int64_t first, last;        /* first and last event with a time */
	int year, yday;             /* the meeting's local date: times on it show as 18:07 */
};

/* A label of the context's language. Inline and short: every line of every format uses it. */
static inline const char *T(const struct report_ctx *c, enum lbl id)
{
	assert(c->L->text[id] != NULL);
	return c->L->text[id];
}

/* report.c: c for session s in options o, writing to b. No allocation. */
void report_ctx_init(struct report_ctx *c, const struct session *s, const struct report_opts *o,
                     struct report_buf *b);
/* First and last event with a time: joins, ideas, hiding, groups, the moderation log; with none,
 * the session's creation. */
void report_session_span(const struct session *s, int64_t *first, int64_t *last);

/* The formats: each appends the whole report of c->s to c->b. */
void report_html(struct report_ctx *c);
void report_md(struct report_ctx *c);
void report_csv(struct report_ctx *c);

/* ---- report-labels.c: choosing a word ------------------------------------------------------ */
const char *report_count_word(const struct report_ctx *c, long n, enum lbl one, enum lbl many);
/* The language's name for a code ("ar-SY": arabiska), the code itself when unknown. */
const char *report_lang_name(const struct labels *L, const char *code);
const char *report_kind_label(const struct report_ctx *c, const struct activity *a);
const char *report_phase_label(const struct report_ctx *c, enum phase p);
const char *report_poll_label(const struct report_ctx *c, enum poll_kind k);

/* ---- report-buf.c: the buffer and time ----------------------------------------------------- */
void report_putn(struct report_buf *b, const char *s, size_t n);
void report_put(struct report_buf *b, const char *s);
void report_putf(struct report_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The local time of ms (all zero when the C library cannot tell). */
void report_local_tm(int64_t ms, struct tm *tm);
void report_date_with(const struct labels *L, int64_t ms, char *buf, size_t len);
void report_duration_with(const struct labels *L, int64_t ms, char *buf, size_t len);
/* "18:07" on the meeting's date, "24 november 09:10" on another; returns buf. */
const char *report_clock_at(const struct report_ctx *c, int64_t ms, char *buf, size_t len);

/* ---- report.c: facts ------------------------------------------------------------------------ */
/* Dots an idea got, over every vote on its activity's ideas. */
int report_idea_dots(const struct session *s, const struct idea *d);
int report_participant_dots(const struct session *s, uint32_t p);
int report_participant_ideas(const struct session *s, uint32_t p);
/* Ideas listed at the top of an activity or group (merged duplicates are listed under theirs). */
size_t report_top_ideas(const struct session *s, uint32_t activity, int by_group, uint32_t group);
/* The text of a vote result's item: an idea's text or a group's name ("" when it is gone). */
const char *report_item_text(const struct session *s, const struct activity *a, uint32_t item);
/* A display name, or NULL when there is none to show (anonymised, or none given). */
const char *report_name_of(const struct report_ctx *c, const struct participant *p);
/* Whether an activity fits on the page after the one before. */
int report_activity_is_small(const struct session *s, const struct activity *a);

/* Timeline: ideas per bucket of `bucket_min` minutes from the first idea's bucket on. */
struct report_timeline {
	int64_t start_ms, bucket_ms;
	int bucket_min;
	size_t n;
	int *counts;                /* the caller frees */
	int max;
};
void report_timeline_build(const struct session *s, struct report_timeline *t);

/* Counts for the participation section. */
struct report_tally {
	size_t ideas, hidden, merged, by_facilitator, proxies;
};
void report_tally(const struct session *s, struct report_tally *t);

/* Languages in use: each with its participants and the ideas its participants posted. */
struct report_lang_use {
	const char *code;
	int people, ideas;
};
/* Sorted by participants, then ideas, then code; n of them, in memory the caller frees. */
struct report_lang_use *report_languages(const struct session *s, size_t *n);

/* ---- report.c: what an idea shows, and where ------------------------------------------------ */
struct report_idea {
	const char *category;       /* its category's name, NULL for none */
	int by_facilitator;         /* posted by the facilitator (a mark, never a name) */
	const char *name;           /* the author's name to show, NULL for none */
	int proxy;                  /* the author has no phone */
	int merged_here;            /* listed under the idea it was merged into ... */
	int merge_logged;           /* ... and the merge is in the log ... */
	int64_t merged_ms;          /* ... at this time (the last, if it was merged more than once) */
	uint32_t merged_into;       /* merged, yet listed on its own (a damaged file's loop); 0 none */
	int hidden;
	int64_t hidden_ms;          /* 0: no time to show */
	int edited, edit;           /* corrected; edit: the correction is in the log ... */
	int64_t edited_ms;          /* ... at this time */
	const char *before;         /* ... with this text before, NULL when not kept */
};
void report_idea_facts(const struct report_ctx *c, const struct idea *d, int as_child, struct report_idea *f);
/* The flags after an idea, in this order: "Dubblett, sammanslagen hit 18:10" (or "Sammanslagen med
 * #3" in a damaged file), "Dold 18:07", "Ändrad 18:20". Plain text; returns how many (at most 3). */
enum report_flag_kind { REPORT_FLAG_MERGED, REPORT_FLAG_HIDDEN, REPORT_FLAG_EDITED };
struct report_flag {
	enum report_flag_kind kind;
	char text[128];
};
size_t report_idea_flags(const struct report_ctx *c, const struct report_idea *f, struct report_flag out[3]);
/* Whether d is listed at the top of activity a (by_group: in group, or 0 for no listed group). */
int report_idea_listed(const struct session *s, const struct idea *d, const struct activity *a, int by_group,
                       uint32_t group);
/* Whether x is listed under d, as a duplicate merged into it. */
int report_merged_under(const struct session *s, const struct idea *x, const struct idea *d);
/* Groups of a that are listed; ideas of a listed in no group. */
size_t report_groups_listed(const struct session *s, const struct activity *a);
size_t report_ungrouped(const struct session *s, const struct activity *a);

/* ---- report.c: sentences, as plain text (labels and numbers; no user text) to out --------- */
/* The zone the times are in; the session's file name to show (NULL: none); the people appendix. */
const char *report_zone(const struct report_ctx *c);
const char *report_source(const struct report_ctx *c);
int report_people_shown(const struct report_ctx *c);
/* What an activity shows when it has no ideas, dots or answers. */
const char *report_nothing(const struct report_ctx *c, const struct activity *a);
/* What a vote or poll shows in the brief when it has no dots or answers. */
const char *report_brief_nothing(const struct report_ctx *c, const struct activity *a);
/* "3 idéer", "5 röstade", "4 svarade": an activity in the agenda. */
void report_agenda_count(const struct report_ctx *c, const struct activity *a, struct report_buf *out);

/* A vote's results: rows best first (the caller frees rows), with the dots nobody could count. */
struct report_vote {
	struct result_row *rows;
	size_t n;
	int voters, dots, counted;  /* counted: dots on items that are in the results */
	size_t zeros;               /* rows at the end that got no dots */
};
void report_vote_facts(const struct session *s, const struct activity *a, struct report_vote *v);
/* "5 deltagare röstade och lade 15 prickar." and whether the result was shown, or nothing. */
void report_vote_summary(const struct report_ctx *c, const struct activity *a, const struct report_vote *v,
                         struct report_buf *out);
int report_row_tied(const struct result_row *rows, size_t n, size_t i);
/* "Idé" or "Grupp": what a vote's rows are. */
const char *report_item_label(const struct report_ctx *c, const struct activity *a);
/* "Utan prickar (2 idéer): " */
void report_no_dots_head(const struct report_ctx *c, const struct activity *a, size_t z, struct report_buf *out);
/* Why dots are missing from the results, if any are: 1 with the note written, else 0. */
int report_vote_note(const struct report_ctx *c, const struct activity *a, const struct report_vote *v,
                     struct report_buf *out);
/* How many of the first rows the brief lists: the first ranks, a few items at most. */
size_t report_vote_top(const struct result_row *rows, size_t n);

/* A poll's results: rows by rank, or (by_item) in the order of the question; rows the caller frees. */
struct report_poll {
	struct result_row *rows;
	size_t n;
	int answers, max;           /* max: the most answers of a row */
	long tenths;                /* the mean on a scale, in tenths */
};
void report_poll_facts(const struct session *s, const struct activity *a, int by_item, struct report_poll *p);
/* "Medelvärde 3,4 av 5" */
void report_poll_mean(const struct report_ctx *c, const struct report_poll *p, struct report_buf *out);
/* "10 deltagare svarade." with the mean on a scale and whether the result was shown, or nothing. */
void report_poll_summary(const struct report_ctx *c, const struct activity *a, const struct report_poll *p,
                         struct report_buf *out);
/* A row's share of the answers in whole percent; answers > 0. */
int report_share(int count, int answers);
/* A choice's text ("" when the file names one that is not there). */
const char *report_choice(const struct activity *a, uint32_t item);
/* How many of the first rows (by rank) the brief lists: the most chosen. */
size_t report_poll_top(const struct result_row *rows, size_t n);

/* "12, 1 tillagd av samtalsledaren (utan telefon)"; "40, 2 dolda, 1 sammanslagen dubblett". */
void report_people_count(const struct report_ctx *c, const struct report_tally *t, struct report_buf *out);
void report_ideas_count(const struct report_ctx *c, const struct report_tally *t, struct report_buf *out);
/* "Röstningar" or "Enkäter"; "5 deltagare röstade, 15 prickar" or "8 svar". */
const char *report_take_part_label(const struct report_ctx *c, const struct activity *a);
void report_take_part(const struct report_ctx *c, const struct activity *a, struct report_buf *out);
/* A moderation entry's action ("Dold"); an idea's text by id ("" when it is gone). */
const char *report_mod_action(const struct report_ctx *c, const struct mod_entry *m);
const char *report_idea_text(const struct session *s, uint32_t idea);

/* ---- report-html.c: what the overview shares ------------------------------------------------ */
extern const char report_html_css[];
/* User text in HTML: its bidi controls removed, escaped; the caller puts it in a <bdi>. */
void report_html_clean(struct report_buf *b, const char *s);
/* A results table's bar cell: count as a share of max. */
void report_html_bar(struct report_ctx *c, int count, int max);
/* The first ranks of a vote as a list, or that no dots were given. */
void report_html_vote_top(struct report_ctx *c, const struct activity *a);

#endif
