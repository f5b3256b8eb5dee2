/* report-csv.c: a session as CSV for Excel: one row an idea, with a column per language its
 * ideas were rendered into; or (--table signals) one row per activity and language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proto.h"
#include "report-int.h"
#include "util.h"

/* Local date and time for the CSV: "2026-11-23 18:07:00", which Excel reads as a date. */
static const char *stamp_at(int64_t ms, char *buf, size_t len)
{
	struct tm tm;
	report_local_tm(ms, &tm);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	         tm.tm_hour, tm.tm_min, tm.tm_sec);
	return buf;
}

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

/* An option of a with its pictogram before it ("🏠 Bostad"), as one field; "" for none. */
static void csv_option(struct report_buf *b, const struct activity *a, int i, char sep)
{
	if (!a || i < 0 || (size_t)i >= a->n_options) {
		csv_user(b, "", sep);
		return;
	}
	const char *p = report_picto(a, (size_t)i);
	size_t n = strlen(p) + strlen(a->options[i]) + 2;
	char *f = xmalloc(n);
	snprintf(f, n, "%s%s%s", p, *p ? " " : "", a->options[i]);
	csv_user(b, f, sep);
	free(f);
}

/* A heading with a language code in it: "Översättning (sv)". */
static void csv_lang_head(struct report_ctx *c, enum word_id id, const char *lang, char sep)
{
	char h[256];
	const char *const names[] = { "lang" }, *const values[] = { lang };
	word_expand(h, sizeof h, T(c, id), 1, names, values);
	report_put_csv(c->b, h, sep);
}

/* "1. Idéer": an activity's number and title (isolated), as one field. */
static void csv_activity(struct report_buf *b, const struct activity *a, char sep)
{
	char *title = utf8_bidi_isolate(a ? a->title : "");
	size_t n = strlen(title) + 16;
	char *act = xmalloc(n);
	snprintf(act, n, "%u. %s", a ? a->id : 0, title);
	report_put_csv(b, act, sep);
	free(act);
	free(title);
}

/* --table signals: how many gave each signal, per activity and language; never who. */
static void csv_signals(struct report_ctx *c)
{
	const struct session *s = c->s;
	const char sep = c->o->sep ? c->o->sep : ',';
	char tt[48];
	report_put(c->b, "\xEF\xBB\xBF");
	report_put_csv(c->b, T(c, W_REPORT_ACTIVITY), sep);
	report_putf(c->b, "%c", sep);
	report_put_csv(c->b, T(c, W_REPORT_LANGUAGE), sep);
	for (int k = 0; k < SIGNAL_KINDS; k++) {
		report_putf(c->b, "%c", sep);
		report_put_csv(c->b, report_signal_label(c, (enum signal_kind)k), sep);
	}
	report_putf(c->b, "%c", sep);
	report_put_csv(c->b, T(c, W_REPORT_LAST), sep);
	report_put(c->b, "\r\n");
	for (size_t i = 0; i < s->n_activities; i++) {
		size_t n;
		const struct signal_count **rows = report_signal_rows(s, s->activities[i].id, &n);
		for (size_t j = 0; j < n; j++) {
			csv_activity(c->b, &s->activities[i], sep);
			report_putf(c->b, "%c", sep);
			report_put_csv(c->b, report_lang_name(c, rows[j]->lang), sep);
			for (int k = 0; k < SIGNAL_KINDS; k++) report_putf(c->b, "%c%d", sep, rows[j]->count[k]);
			report_putf(c->b, "%c%s\r\n", sep, rows[j]->last_ms > 0 ? stamp_at(rows[j]->last_ms, tt, sizeof tt) : "");
		}
		free(rows);
	}
}

/* --table consent: one row per consent round (its proposal and counts), never who. */
static void csv_consent(struct report_ctx *c)
{
	const struct session *s = c->s;
	const char sep = c->o->sep ? c->o->sep : ',';
	static const enum word_id head[] = { W_REPORT_ACTIVITY, W_BOARD_CNS_ROUND, W_CNS_KIND, W_BOARD_CNS_YES,
	                                     W_BOARD_CNS_LIVE, W_BOARD_CNS_CONCERN, W_BOARD_CNS_OBJECTION };
	report_put(c->b, "\xEF\xBB\xBF");
	for (size_t k = 0; k < NELEM(head); k++) {
		if (k) report_putf(c->b, "%c", sep);
		char h[256];
		const char *const names[] = { "round" }, *const values[] = { "" };
		word_expand(h, sizeof h, T(c, head[k]), 1, names, values);
		for (size_t e = strlen(h); e > 0 && (h[e - 1] == ' ' || h[e - 1] == ':'); e--) h[e - 1] = '\0';   /* "Runda" */
		report_put_csv(c->b, h, sep);
	}
	report_put(c->b, "\r\n");
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind != ACTIVITY_CONSENT) continue;
		for (int r = 1; r <= a->consent_round; r++) {
			int n[CONSENT_VALUES];
			const char *text = a->prompt;
			session_consent_counts(s, a, r, n);
			for (size_t j = 0; j < s->n_consent_log; j++)
				if (s->consent_log[j].activity == a->id && s->consent_log[j].round == r) {
					text = s->consent_log[j].text;
					memcpy(n, s->consent_log[j].count, sizeof n);
				}
			csv_activity(c->b, a, sep);
			report_putf(c->b, "%c%d%c", sep, r, sep);
			csv_user(c->b, text, sep);
			for (int k = CONSENT_YES; k < CONSENT_VALUES; k++) report_putf(c->b, "%c%d", sep, n[k]);
			report_put(c->b, "\r\n");
		}
	}
}

/* --table actions (issue 20): one row per action: what, from which idea or group, who, by
 * when, status, note, and how many changes its log holds; never who volunteered. */
static void csv_actions(struct report_ctx *c)
{
	const struct session *s = c->s;
	const char sep = c->o->sep ? c->o->sep : ',';
	static const enum word_id head[] = { W_REPORT_ACTIVITY, W_REPORT_ACT_NR, W_BOARD_ACT_ACTION, W_REPORT_ACT_FROM,
	                                     W_BOARD_ACT_WHO, W_BOARD_ACT_DUE, W_BOARD_ACT_STATUS, W_REPORT_ACT_NOTE,
	                                     W_REPORT_ACT_CHANGES };
	report_put(c->b, "\xEF\xBB\xBF");
	for (size_t k = 0; k < NELEM(head); k++) {
		if (k) report_putf(c->b, "%c", sep);
		report_put_csv(c->b, T(c, head[k]), sep);
	}
	report_put(c->b, "\r\n");
	for (size_t i = 0; i < s->n_actions; i++) {
		const struct action *x = &s->actions[i];
		const struct activity *a = session_activity(s, x->activity);
		if (!a) continue;
		csv_activity(c->b, a, sep);
		report_putf(c->b, "%c%u%c", sep, x->id, sep);
		csv_user(c->b, x->text, sep);
		report_putf(c->b, "%c", sep);
		csv_user(c->b, report_action_from(s, x), sep);
		report_putf(c->b, "%c", sep);
		csv_user(c->b, x->who, sep);
		report_putf(c->b, "%c%s%c", sep, x->due, sep);
		report_put_csv(c->b, report_action_status_label(c, x->status), sep);
		report_putf(c->b, "%c", sep);
		csv_user(c->b, x->note ? x->note : "", sep);
		report_putf(c->b, "%c%zu\r\n", sep, report_action_changes(s, x->id));
	}
}

/* Paper dots on an idea over every vote on its activity's ideas (batches that count). */
static int idea_paper(const struct session *s, const struct idea *d)
{
	int n = 0;
	for (size_t i = 0; i < s->n_paper; i++) {
		const struct paper_batch *b = &s->paper[i];
		const struct activity *a = session_activity(s, b->activity);
		if (b->item == d->id && !b->replaced && a && a->kind == ACTIVITY_VOTE && !a->on_groups && a->source == d->activity)
			n += b->count;
	}
	return n;
}

/* --table languages: the counts of --by-language, one row per vote item or poll choice and
 * language group, under the same rule: never a group under REPORT_LANG_MIN (report-lang.c). */
static void csv_languages(struct report_ctx *c)
{
	const struct session *s = c->s;
	const char sep = c->o->sep ? c->o->sep : ',';
	static const enum word_id head[] = { W_REPORT_ACTIVITY, W_REPORT_LANG_ITEM, W_REPORT_LANG_GROUP, W_REPORT_PARTICIPANTS,
	                                     W_REPORT_DOTS, W_REPORT_ANSWERS };
	struct report_lang_groups lg;
	report_lang_groups(s, &lg);
	report_put(c->b, "\xEF\xBB\xBF");
	for (size_t k = 0; k < NELEM(head); k++) {
		if (k) report_putf(c->b, "%c", sep);
		report_put_csv(c->b, T(c, head[k]), sep);
	}
	report_put(c->b, "\r\n");
	for (size_t i = 0; lg.n && i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind != ACTIVITY_VOTE && a->kind != ACTIVITY_POLL) continue;
		size_t n = session_results(s, a, NULL, 0);
		struct result_row *rows = xcalloc(n ? n : 1, sizeof *rows);
		n = session_results(s, a, rows, n);
		int total;
		int *counts = report_lang_counts(s, a, &lg, rows, n, &total);
		for (size_t k = 0; k < n; k++) {
			for (size_t j = 0; j < lg.n; j++) {
				char item[32];
				csv_activity(c->b, a, sep);
				report_putf(c->b, "%c", sep);
				if (a->kind == ACTIVITY_VOTE) {
					if (a->on_groups) {
						csv_user(c->b, report_item_text(s, a, rows[k].item), sep);
					} else {
						size_t len = strlen(report_item_text(s, a, rows[k].item)) + 16;
						char *f = xmalloc(len);
						snprintf(f, len, "#%u %s", rows[k].item, report_item_text(s, a, rows[k].item));
						csv_user(c->b, f, sep);
						free(f);
					}
				} else if (a->poll == POLL_SCALE) {
					snprintf(item, sizeof item, "%u", rows[k].item);
					report_put_csv(c->b, item, sep);
				} else {
					csv_option(c->b, a, (int)rows[k].item, sep);
				}
				report_putf(c->b, "%c", sep);
				report_put_csv(c->b, lg.g[j].code ? lg.g[j].code : T(c, W_REPORT_LANG_MERGED), sep);
				int v = counts[k * lg.n + j];
				if (a->kind == ACTIVITY_VOTE) report_putf(c->b, "%c%d%c%d%c\r\n", sep, lg.g[j].people, sep, v, sep);
				else report_putf(c->b, "%c%d%c%c%d\r\n", sep, lg.g[j].people, sep, sep, v);
			}
		}
		free(counts);
		free(rows);
	}
	report_lang_groups_free(&lg);
}

void report_csv(struct report_ctx *c)
{
	if (c->o->table == REPORT_TABLE_ACTIONS) {
		csv_actions(c);
		return;
	}
	if (c->o->table == REPORT_TABLE_LANGUAGES) {
		csv_languages(c);
		return;
	}
	if (c->o->table == REPORT_TABLE_SIGNALS) {
		csv_signals(c);
		return;
	}
	if (c->o->table == REPORT_TABLE_CONSENT) {
		csv_consent(c);
		return;
	}
	const struct session *s = c->s;
	const char sep = c->o->sep ? c->o->sep : ',';
	const char sep_s[] = { sep, '\0' };
	static const enum word_id head[] = {
		W_REPORT_NR, W_REPORT_ACTIVITY, W_REPORT_GROUP, W_REPORT_IDEA, W_REPORT_DOTS, W_REPORT_HIDDEN,
		W_REPORT_HIDDEN_TIME, W_REPORT_LANGUAGE, W_REPORT_TIME, W_REPORT_TIME_UTC, W_REPORT_CATEGORY,
		W_REPORT_MERGED_INTO_NR, W_REPORT_EDITED, W_REPORT_BY_FACILITATOR, W_REPORT_NAME,
	};
	size_t cols = sizeof head / sizeof head[0] - (c->o->anonymise ? 1 : 0), n_langs;
	const char **langs = report_rendering_langs(s, &n_langs);
	int screened = 0;   /* the screening's two columns, last, only when an activity was screened */
	for (size_t k = 0; k < s->n_activities; k++) screened |= s->activities[k].screened;
	int paper = s->n_paper > 0;   /* the paper part of the dots, last, only when there is paper (issue 20) */
	report_put(c->b, "\xEF\xBB\xBF");   /* the BOM: Excel reads the file as UTF-8 only with it */
	for (size_t k = 0; k < cols; k++) {
		if (k) report_put(c->b, sep_s);
		report_put_csv(c->b, T(c, head[k]), sep);
	}
	/* then the photo's file, when someone asked for interpreting, and each language's rendering
	 * (the meeting's language first) with who made it */
	int tables = report_uses_tables(s);   /* tables and rounds: three columns when used */
	static const enum word_id table_head[] = { W_TBL_TABLE, W_TBL_ROUND, W_TBL_FORWARD };
	for (size_t k = 0; tables && k < NELEM(table_head); k++) {
		report_put(c->b, sep_s);
		report_put_csv(c->b, T(c, table_head[k]), sep);
	}
	report_put(c->b, sep_s);
	report_put_csv(c->b, T(c, W_REPORT_PHOTO), sep);
	report_put(c->b, sep_s);
	report_put_csv(c->b, T(c, W_REPORT_INTERPRET), sep);
	for (size_t k = 0; k < n_langs; k++) {
		report_put(c->b, sep_s);
		csv_lang_head(c, W_REPORT_CSV_RENDERING, langs[k], sep);
		if (c->o->anonymise) continue;
		report_put(c->b, sep_s);
		csv_lang_head(c, W_REPORT_CSV_RENDERING_BY, langs[k], sep);
	}
	if (screened) {
		report_put(c->b, sep_s);
		report_put_csv(c->b, T(c, W_REPORT_SCR_CSV), sep);
		report_put(c->b, sep_s);
		report_put_csv(c->b, T(c, W_REPORT_SCR_CSV_NOTE), sep);
	}
	if (paper) {
		report_put(c->b, sep_s);
		report_put_csv(c->b, T(c, W_REPORT_PAP_CSV), sep);
	}
	report_put(c->b, "\r\n");
	for (size_t i = 0; i < s->n_ideas; i++) {
		const struct idea *d = &s->ideas[i];
		const struct activity *a = session_activity(s, d->activity);
		const struct group *g = d->group ? session_group(s, d->group) : NULL;
		const struct participant *p = d->author ? session_participant(s, d->author) : NULL;
		char tt[48];
		report_putf(c->b, "%u%c", d->id, sep);
		csv_activity(c->b, a, sep);
		report_put(c->b, sep_s);
		csv_user(c->b, g ? g->name : "", sep);
		report_put(c->b, sep_s);
		csv_user(c->b, d->text, sep);
		report_putf(c->b, "%c%d%c%s%c", sep, report_idea_dots(s, d), sep, d->hidden ? T(c, W_REPORT_YES) : T(c, W_REPORT_NO), sep);
		if (d->hidden && d->hidden_ms > 0) report_put(c->b, stamp_at(d->hidden_ms, tt, sizeof tt));
		report_put(c->b, sep_s);
		report_put_csv(c->b, !d->author ? T(c, W_FACILITATOR) : p && *p->lang ? report_lang_name(c, p->lang) : "", sep);
		report_putf(c->b, "%c%s%c", sep, stamp_at(d->created_ms, tt, sizeof tt), sep);
		proto_format_time(d->created_ms, tt, sizeof tt);
		report_putf(c->b, "%s%c", tt, sep);
		csv_option(c->b, a, d->category, sep);
		report_put(c->b, sep_s);
		if (d->merged_into) report_putf(c->b, "%u", d->merged_into);
		report_putf(c->b, "%c%s", sep, d->edited ? T(c, W_REPORT_YES) : T(c, W_REPORT_NO));
		/* the facilitator's mark: a column of its own that no text can fill */
		report_putf(c->b, "%c%s", sep, !d->author ? T(c, W_REPORT_YES) : T(c, W_REPORT_NO));
		if (!c->o->anonymise) {
			report_put(c->b, sep_s);
			const char *name = report_name_of(c, p);
			csv_user(c->b, name ? name : "", sep);
		}
		if (tables) {   /* the table's number, the round's number, and whether the table picked it */
			report_put(c->b, sep_s);
			if (d->table) report_putf(c->b, "%u", d->table);
			report_put(c->b, sep_s);
			if (d->round) report_putf(c->b, "%d", d->round);
			report_putf(c->b, "%c%s", sep, d->forward ? T(c, W_REPORT_YES) : T(c, W_REPORT_NO));
		}
		report_put(c->b, sep_s);
		if (d->photo) report_put_csv(c->b, d->photo, sep);
		report_put(c->b, sep_s);
		if (d->interpret_ms) report_put(c->b, stamp_at(d->interpret_ms, tt, sizeof tt));
		for (size_t k = 0; k < n_langs; k++) {
			const struct rendering *r = session_rendering(s, d->id, langs[k]);
			report_put(c->b, sep_s);
			csv_user(c->b, r ? r->text : "", sep);
			if (c->o->anonymise) continue;
			report_put(c->b, sep_s);
			csv_user(c->b, r && r->by ? r->by : "", sep);
		}
		if (screened) {   /* approved, not shown (the reason) or still waiting; the facilitator's note */
			report_put(c->b, sep_s);
			if (d->status == IDEA_REJECTED) report_put_csv(c->b, report_reject_word(c, d->reject), sep);
			else if (d->status == IDEA_WAITING) report_put_csv(c->b, T(c, W_REPORT_SCR_WAITING), sep);
			else if (d->decided_ms) report_put_csv(c->b, T(c, W_REPORT_SCR_ACT_APPROVE), sep);
			report_put(c->b, sep_s);
			csv_user(c->b, d->reject_note ? d->reject_note : "", sep);
		}
		if (paper) report_putf(c->b, "%c%d", sep, idea_paper(s, d));
		report_put(c->b, "\r\n");
	}
	free(langs);
}
