/* report-int.h: what the report's files share (report.c, report-*.c; nothing else includes it):
 * the context every format renders with, the labels, and the facts that every format shows. */
#ifndef MEDSKAPA_REPORT_INT_H
#define MEDSKAPA_REPORT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "report.h"
#include "session.h"
#include "util.h"
#include "words.h"

/* ---- tunables ------------------------------------------------------------------------- */
#define TIMELINE_MAX_BARS   96     /* the timeline counts ideas per 5 minutes, or per 10, 15, 30, 60 ...
                                    * when 5 would give more bars than this */
#define TIMELINE_MAX_LABELS 9      /* clock labels under the timeline */
#define MERGE_DEPTH         8      /* duplicates nest at most this deep: a damaged file cannot loop */
#define TOP_RANKS           3      /* ranks of each vote in the brief results and the overview */
#define TOP_ITEMS           5      /* ... but no more items than this when ranks are shared */

/* ---- words: every word a reader sees comes from the catalogue (words.h), in the language
 * the report was asked for; the report's own keys are report_* in assets/i18n/<lang>.json. */
#define REPORT_NONE "\xE2\x80\x93"   /* "–": a cell with nothing in it, in every language */
#define REPORT_SLOT '\x01'             /* in a sentence of the facts: where the format writes user text */

/* ---- the context: what every renderer needs -------------------------------------------- */

struct report_ctx {
	const struct session *s;
	const struct report_opts *o;
	const struct words *w;      /* o->words */
	struct report_buf *b;
	int64_t first, last;        /* first and last event with a time */
	int year, yday;             /* the meeting's local date: times on it show as 18:07 */
};

/* A word of the report's language. Inline and short: every line of every format uses it. */
static inline const char *T(const struct report_ctx *c, enum word_id id)
{
	return word(c->w, id);
}

/* A count in its plural form ("3 idéer") into buf (len bytes); returns buf. */
static inline const char *TN(const struct report_ctx *c, char *buf, size_t len, enum word_id id, long n)
{
	return word_n(buf, len, c->w, id, n);
}

/* report.c: c for session s in options o, writing to b. No allocation. */
void report_ctx_init(struct report_ctx *c, const struct session *s, const struct report_opts *o,
                     struct report_buf *b);
/* First and last event with a time: joins, ideas, hiding, groups, the moderation log, renderings,
 * the asks for interpreting and signals; with none, the session's creation. */
void report_session_span(const struct session *s, int64_t *first, int64_t *last);

/* The formats: each appends the whole report of c->s to c->b. */
void report_html(struct report_ctx *c);
void report_md(struct report_ctx *c);
void report_csv(struct report_ctx *c);

/* ---- report-labels.c: choosing a word ------------------------------------------------------ */
/* The plural form of id for n with {n} and each of names/values[0..count) filled in, appended
 * to out: a sentence whose word order is the catalogue's. */
void report_say(const struct report_ctx *c, struct report_buf *out, enum word_id id, long n, size_t count,
                const char *const *names, const char *const *values);
/* The language's name for a code ("ar-SY": arabiska), the code itself when unknown. */
const char *report_lang_name(const struct report_ctx *c, const char *code);
const char *report_kind_label(const struct report_ctx *c, const struct activity *a);
const char *report_phase_label(const struct report_ctx *c, enum phase p);
const char *report_poll_label(const struct report_ctx *c, enum poll_kind k);
/* Actions (issue 20): a status's word ("Planerad"), what an action came from (its idea's text
 * or its group's name, "" none), and how many changes its log holds. No I/O. */
const char *report_action_status_label(const struct report_ctx *c, enum action_status st);
const char *report_action_from(const struct session *s, const struct action *a);
size_t report_action_changes(const struct session *s, uint32_t action);

/* ---- report-consent.c: consent rounds, need more time, progress (issue 19) ---------------- */
enum report_cns_line { REPORT_CNS_ROUND, REPORT_CNS_COUNTS, REPORT_CNS_REASONS, REPORT_CNS_REASON,
                       REPORT_CNS_MORETIME, REPORT_CNS_PROGRESS };
/* One line of text (user text in it: the format escapes it as user text). */
typedef void (*report_cns_emit)(struct report_ctx *c, enum report_cns_line kind, const char *text);
/* A consent activity: each round (its proposal, its counts, its reasons without names), then
 * how many took part in the round now. */
void report_consent_lines(struct report_ctx *c, const struct activity *a, report_cns_emit emit);
/* "Need more time?": one line per time it was asked, with the counts; none when never asked. */
void report_moretime_lines(struct report_ctx *c, const struct activity *a, report_cns_emit emit);
/* The counts of the round now, as one sentence. */
void report_consent_counts(const struct report_ctx *c, const struct activity *a, struct report_buf *out);

/* ---- report-paper.c: paper counts and printed sheets (issue 20) --------------------------- */
/* Paper dots or answers on an activity (the batches that count). */
int report_paper_total(const struct session *s, uint32_t activity);
/* Whether an activity has any paper batch (also replaced ones): then the report lists them. */
int report_paper_any(const struct session *s, uint32_t activity);
/* "varav 4 på papper" for a result row's paper part, appended to out. */
void report_paper_of(const struct report_ctx *c, int paper, struct report_buf *out);
/* What a batch counted on: num "#7 " (a vote's idea) or a scale's value, and text the idea's
 * text, a group's name or a poll's choice ("" none): user text, for the format to isolate. */
void report_paper_item(const struct report_ctx *c, const struct activity *a, uint32_t item, const char **text, char num[16]);
/* One line of the paper log of activity a: batch b (its table, item, count and time, or what it
 * corrects), appended to out; the item's text is not in it: REPORT_SLOT marks where the format
 * writes it (report_paper_item), as user text. */
void report_paper_line(const struct report_ctx *c, const struct activity *a, const struct paper_batch *b,
                       struct report_buf *out);
/* The printed sheets (`report --sheets`): an A4 HTML page of idea, dot-vote and poll sheets for
 * s in its language with the room's other languages (words[1..n_words)) beside it. */
void report_sheets(const struct session *s, const struct words *const *words, size_t n_words, struct report_buf *b);
/* The languages of the sheets: the meeting's first, then those the participants use, or all
 * seven when no one has joined; codes from words_langs. Returns how many (at most WORDS_LANGS). */
size_t report_sheet_langs(const struct session *s, const char *out[WORDS_LANGS]);

/* ---- report-lang.c: results by UI language group (issue 20, `--by-language`) ---------------
 * Only groups of at least REPORT_LANG_MIN participants are shown; smaller ones are merged into
 * "other". When "other" is still smaller than that, the smallest shown group joins it (the room's
 * totals minus the shown groups would otherwise give the small group away), until it is big
 * enough or no group is left: then nobody is shown by language, and the report says so. */
#define REPORT_LANG_MIN 5
struct report_lang_group {
	const char *code;           /* the UI language ("" unknown); NULL: "other", always last */
	int people, ideas, dots;
};
struct report_lang_groups {
	struct report_lang_group *g;   /* n of them; the caller frees with report_lang_groups_free */
	size_t n;
	int *of;                    /* per participant (its index in s->participants): its group, -1 none */
	int left_out;               /* participants shown in no group (the room is too small) */
};
void report_lang_groups(const struct session *s, struct report_lang_groups *lg);
void report_lang_groups_free(struct report_lang_groups *lg);
/* The group of participant id, -1 for none (the facilitator, or left out). */
int report_lang_group_of(const struct session *s, const struct report_lang_groups *lg, uint32_t id);
/* A group's heading: the language's name, or the word for other languages. */
const char *report_lang_group_label(const struct report_ctx *c, const struct report_lang_group *g);
/* counts[k * lg->n + j]: activity a's dots (vote) or answers (poll) on its result row k from
 * group j. rows/n as session_results gives them (report_vote_facts, report_poll_facts).
 * Returns the counts (the caller frees), and *total: all of them. */
/* The rows by-language counts are laid on: a vote's items or a poll's choices, as the report
 * shows them (report_vote_facts, report_poll_facts); the caller frees them. */
struct result_row *report_lang_rows(const struct session *s, const struct activity *a, size_t *n);
int *report_lang_counts(const struct session *s, const struct activity *a, const struct report_lang_groups *lg,
                        const struct result_row *rows, size_t n, int *total);
/* "2,4": count per person in tenths with the language's decimal mark, REPORT_NONE for none. */
const char *report_lang_ratio(const struct report_ctx *c, int count, int people, char *buf, size_t len);
/* The sentences: the rule (always above the section), some left out, and the one line a report
 * without the option has. Plain text into out. */
void report_lang_rule(const struct report_ctx *c, struct report_buf *out);
void report_lang_left_out(const struct report_ctx *c, struct report_buf *out);
void report_lang_off(const struct report_ctx *c, struct report_buf *out);

/* ---- report-buf.c: the buffer and time ----------------------------------------------------- */
void report_putn(struct report_buf *b, const char *s, size_t n);
void report_put(struct report_buf *b, const char *s);
void report_putf(struct report_buf *b, const char *fmt, ...) __attribute__((format(PRINTF_LIKE, 2, 3)));
/* The local time of ms (all zero when the C library cannot tell). */
void report_local_tm(int64_t ms, struct tm *tm);
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
	int interpret;              /* someone asked for it to be interpreted */
};
void report_idea_facts(const struct report_ctx *c, const struct idea *d, int as_child, struct report_idea *f);
/* The flags after an idea, in this order: "Dubblett, sammanslagen hit 18:10" (or "Sammanslagen med
 * #3" in a damaged file), "Dold 18:07", "Ändrad 18:20", "Behöver tolkas". Plain text; returns how
 * many (at most REPORT_FLAGS). */
enum report_flag_kind { REPORT_FLAG_MERGED, REPORT_FLAG_HIDDEN, REPORT_FLAG_EDITED, REPORT_FLAG_INTERPRET };
#define REPORT_FLAGS 4
struct report_flag {
	enum report_flag_kind kind;
	char text[128];
};
size_t report_idea_flags(const struct report_ctx *c, const struct report_idea *f, struct report_flag out[REPORT_FLAGS]);
/* Whether d is listed at the top of activity a (by_group: in group, or 0 for no listed group). */
int report_idea_listed(const struct session *s, const struct idea *d, const struct activity *a, int by_group,
                       uint32_t group);
/* Whether x is listed under d, as a duplicate merged into it. */
int report_merged_under(const struct session *s, const struct idea *x, const struct idea *d);
/* Groups of a that are listed; ideas of a listed in no group. */
size_t report_groups_listed(const struct session *s, const struct activity *a);
size_t report_ungrouped(const struct session *s, const struct activity *a);

/* ---- report.c: sentences, as plain text (labels and numbers; no user text) to out --------- */
/* "Alla tider är lokal tid: Europe/Stockholm."; the session's file name to show (NULL: none); the
 * people appendix. */
void report_zone_note(const struct report_ctx *c, struct report_buf *out);
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
/* "Prickröstning på idéerna i \x01": a vote's kind and source; the format writes the source's
 * number and title at REPORT_SLOT. */
void report_vote_source(const struct report_ctx *c, const struct activity *a, struct report_buf *out);
/* "5 prickar per deltagare, högst 2 per idé": a vote's rules. */
void report_vote_rules(const struct report_ctx *c, const struct activity *a, struct report_buf *out);
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

/* "12, 1 tillagd av mötesledaren (utan telefon)"; "40, 2 dolda, 1 sammanslagen dubblett". */
void report_people_count(const struct report_ctx *c, const struct report_tally *t, struct report_buf *out);
void report_ideas_count(const struct report_ctx *c, const struct report_tally *t, struct report_buf *out);
/* "5 av 10 svar": how many chose an answer, of all who answered. */
void report_answer_share(const struct report_ctx *c, int count, int answers, struct report_buf *out);
/* "Prickröstningar" or "Snabbfrågor"; "5 deltagare röstade, 15 prickar" or "8 svar". */
const char *report_take_part_label(const struct report_ctx *c, const struct activity *a);
void report_take_part(const struct report_ctx *c, const struct activity *a, struct report_buf *out);
/* A moderation entry's action ("Dold"); an idea's text by id ("" when it is gone). */
const char *report_mod_action(const struct report_ctx *c, const struct mod_entry *m);
const char *report_idea_text(const struct session *s, uint32_t idea);
/* Screened ideas of an activity: how many were approved, rejected, are still waiting; one
 * sentence of it; a reason in the report's language. */
struct report_screen { long approved, rejected, waiting; };
void report_screen_facts(const struct session *s, const struct activity *a, struct report_screen *f);
void report_screen_summary(const struct report_ctx *c, const struct report_screen *f, struct report_buf *out);
const char *report_reject_word(const struct report_ctx *c, enum reject_reason r);

/* ---- report.c: every voice in the room (issue 18): renderings, photos, pictograms, signals -- */
/* Option i of a (a category or a poll's choice): its pictogram, "" for none. */
const char *report_picto(const struct activity *a, size_t i);
/* The renderings of an idea as every format lists them: the meeting's language first, then by
 * language code. *n of them (0: NULL), in memory the caller frees; they point into s. */
const struct rendering **report_renderings_of(const struct session *s, uint32_t idea, size_t *n);
/* Every language an idea of s is rendered into, in the same order: *n codes (0: NULL) pointing
 * into s, in memory the caller frees. The CSV's columns. */
const char **report_rendering_langs(const struct session *s, size_t *n);
/* "av \x01, 18:12": who rendered it and when; the format writes the name (user text) at
 * REPORT_SLOT. Only the time when there is no name to show (none given, or anonymised). */
void report_rendering_by(const struct report_ctx *c, const struct rendering *r, struct report_buf *out);
/* The rendering a results list shows beside an idea: in the report's language, else in the
 * meeting's; NULL when there is none. */
const struct rendering *report_rendering_brief(const struct report_ctx *c, uint32_t idea);
/* Whether a vote's item, or an idea, is shown by its photo alone (a photo idea without text):
 * where a list would show its text, the formats write the word for a photo instead. */
int report_item_photo_only(const struct session *s, const struct activity *a, uint32_t item);
int report_idea_photo_only(const struct session *s, uint32_t idea);
/* The photo named file as report_main found it; a photo not in the options' list is missing. */
const struct report_photo *report_photo_of(const struct report_ctx *c, const char *file);
/* "Fotot saknas: <file>" or "Fotot kan inte visas ...: <file>": why photo p (not OK) of the
 * idea that names file is not shown. Plain text (the name is the host's: hex and an ending). */
void report_photo_problem(const struct report_ctx *c, const struct report_photo *p, const char *file,
                          struct report_buf *out);
/* The signals of an activity: one row a language with any count, most first, then by code;
 * *n of them (0: NULL), in memory the caller frees; they point into s. */
const struct signal_count **report_signal_rows(const struct session *s, uint32_t activity, size_t *n);
/* The heading of each kind of signal, in the order of enum signal_kind. */
const char *report_signal_label(const struct report_ctx *c, enum signal_kind k);
/* A session's totals: renderings, photos (hidden ones among them) and signals of each kind. */
struct report_voices {
	size_t renderings, photos, hidden_photos;
	long signals[SIGNAL_KINDS];
	long all_signals;
};
void report_voices(const struct session *s, struct report_voices *v);
/* "3 (svenska 2, engelska 1)": the renderings, by language. */
void report_renderings_count(const struct report_ctx *c, struct report_buf *out);
/* "Tolka, tack: 3 · Långsammare, tack: 1 · Jag förstod inte: 2": the signals of the whole meeting. */
void report_signals_count(const struct report_ctx *c, const struct report_voices *v, struct report_buf *out);

/* ---- report-html-page.c: what every HTML page is made of (the report and the overview) ------ */
/* The style sheet, for a <style> element. */
extern const char report_html_css[];
/* "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n": the page in w's language and direction. */
void report_html_root(struct report_buf *b, const struct words *w);
/* User text in HTML: its bidi controls removed, escaped; the caller puts it in a <bdi>. */
void report_html_clean(struct report_buf *b, const char *s);
/* A results table's bar cell: count as a share of max. */
void report_html_bar(struct report_ctx *c, int count, int max);
void report_html_bar_paper(struct report_ctx *c, int count, int paper, int max);
struct report_col {
	const char *head;           /* the heading (escaped when written) */
	const char *cls;            /* its class: "num", "rank", "bar" (the chart), or NULL */
};
void report_html_table(struct report_buf *b, const char *table_class, const struct report_col *cols, size_t n);

/* ---- report-html.c: what the overview shares ------------------------------------------------ */
/* Option i of a: its pictogram, then its text in a <bdi>. */
void report_html_option(struct report_ctx *c, const struct activity *a, size_t i);
/* A vote's item: its text (or the word for a photo); then, as a line under it, its rendering
 * in the report's or the meeting's language for staff to read (nothing when none). */
void report_html_item(struct report_ctx *c, const struct activity *a, uint32_t item);
void report_html_item_rendering(struct report_ctx *c, const struct activity *a, uint32_t item);
/* The first ranks of a vote as a list, or that no dots were given. */
void report_html_vote_top(struct report_ctx *c, const struct activity *a);
/* The word for a photo, marked up (a photo idea without text). */
void report_html_photo_word(struct report_ctx *c);
/* A sentence of the facts, escaped (frees t); a language's name with its code. */
void report_html_text(struct report_ctx *c, struct report_buf *t);
void report_html_lang_cell(struct report_ctx *c, const char *code);
/* report-html-log.c: the timeline with its moderation log, who took part, and the results by
 * language group. */
void report_html_by_language(struct report_ctx *c);
void report_html_timeline(struct report_ctx *c);
void report_html_people(struct report_ctx *c);

/* ---- report.c: tables and rounds (issue 19): results by table beside the whole room's ---- */
/* The highest table a's ideas (ideas) or dots (vote) name; 0 when none does. */
uint32_t report_tables_of(const struct session *s, const struct activity *a);
/* Whether any idea or vote of s names a table or a round: the CSV's table columns. */
int report_uses_tables(const struct session *s);
/* "Bord 3", or "Utan bord" for 0; "Runda 2". Return buf. */
const char *report_table_name(const struct report_ctx *c, uint32_t t, char *buf, size_t len);
const char *report_round_name(const struct report_ctx *c, int round, char *buf, size_t len);
/* The title of the round an idea was written in (user text), "" for none. */
const char *report_round_title(const struct session *s, const struct idea *d);
/* Ideas of a written at table t (merged duplicates not counted). */
size_t report_table_ideas(const struct session *s, const struct activity *a, uint32_t t);
/* The dots of vote a that table t's voters put (REPORT_ALL_TABLES: the whole room's), per item,
 * most first: *n rows (item, count, voters), in memory the caller frees; *dots and *voters: the
 * table's totals. */
#define REPORT_ALL_TABLES UINT32_MAX
struct result_row *report_table_dots(const struct session *s, const struct activity *a, uint32_t t, size_t *n,
                                     int *dots, int *voters);

#endif
