/* report-paper.c: paper counts in the reports (the paper part of a result, the log of every
 * batch and correction) and the printed sheets of `medskapa report --sheets` (issue 20): A4,
 * one item a line with its number and pictogram and ruled space for the dots, headings and
 * instructions in the meeting's language with the room's other languages beside them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "util.h"

int report_paper_total(const struct session *s, uint32_t activity)
{
	int n = 0;
	for (size_t i = 0; i < s->n_paper; i++)
		if (s->paper[i].activity == activity && !s->paper[i].replaced) n += s->paper[i].count;
	return n;
}

int report_paper_any(const struct session *s, uint32_t activity)
{
	for (size_t i = 0; i < s->n_paper; i++)
		if (s->paper[i].activity == activity) return 1;
	return 0;
}

void report_paper_of(const struct report_ctx *c, int paper, struct report_buf *out)
{
	report_say(c, out, W_REPORT_PAP_OF, paper, 0, NULL, NULL);
}

void report_paper_item(const struct report_ctx *c, const struct activity *a, uint32_t item, const char **text, char num[16])
{
	num[0] = '\0';
	*text = "";
	if (a->kind == ACTIVITY_VOTE) {
		if (!a->on_groups) snprintf(num, 16, "#%u ", item);
		*text = report_item_text(c->s, a, item);
	} else if (a->poll == POLL_SCALE || item >= a->n_options) {
		snprintf(num, 16, "%u", item);
	} else {
		*text = a->options[item];
	}
}

void report_paper_line(const struct report_ctx *c, const struct activity *a, const struct paper_batch *b,
                       struct report_buf *out)
{
	char batch[16], count[16], old[16], was[16], table[64], when[48], num[16], item[24];
	const char *text;
	report_paper_item(c, a, b->item, &text, num);
	snprintf(item, sizeof item, "%s%s", num, *text ? (char[]){ REPORT_SLOT, '\0' } : "");
	snprintf(batch, sizeof batch, "%u", b->id);
	snprintf(count, sizeof count, "%d", b->count);
	if (b->table) {
		char n[16];
		snprintf(n, sizeof n, "%u", b->table);
		const char *const tn[] = { "table" }, *const tv[] = { n };
		word_expand(table, sizeof table, T(c, W_REPORT_PAP_TABLE), 1, tn, tv);
	} else {
		snprintf(table, sizeof table, "%s", T(c, W_REPORT_PAP_NO_TABLE));
	}
	report_clock_at(c, b->at_ms, when, sizeof when);
	if (b->replaces) {
		const struct paper_batch *o = NULL;
		for (size_t i = 0; i < c->s->n_paper; i++)
			if (c->s->paper[i].id == b->replaces) o = &c->s->paper[i];
		snprintf(old, sizeof old, "%u", b->replaces);
		snprintf(was, sizeof was, "%d", o ? o->count : 0);
		const char *const names[] = { "batch", "old", "table", "item", "count", "was", "time" };
		const char *const values[] = { batch, old, table, item, count, was, when };
		report_say(c, out, W_REPORT_PAP_CORRECTION, 0, 7, names, values);
	} else {
		const char *const names[] = { "batch", "table", "item", "count", "time" };
		const char *const values[] = { batch, table, item, count, when };
		report_say(c, out, W_REPORT_PAP_BATCH, 0, 5, names, values);
	}
	if (b->replaced) report_putf(out, " (%s)", T(c, W_REPORT_PAP_REPLACED));
}

/* ---- the printed sheets --------------------------------------------------------------------- */

size_t report_sheet_langs(const struct session *s, const char *out[WORDS_LANGS])
{
	size_t n = 0;
	int used[WORDS_LANGS] = { 0 }, any = 0;
	char base[SESSION_LANG_MAX + 1];
	for (size_t i = 0; i < s->n_participants; i++) {   /* a proxy has no language; an unknown one reads English */
		if (!s->participants[i].lang[0]) continue;
		words_lang_for(s->participants[i].lang, base, sizeof base);
		for (int k = 0; k < WORDS_LANGS; k++)
			if (strcmp(base, words_langs[k]) == 0) used[k] = any = 1;
	}
	words_lang_for(s->lang, base, sizeof base);
	int first = 0;   /* the meeting's language, Swedish when it has no words */
	for (int k = 0; k < WORDS_LANGS; k++)
		if (strcmp(base, words_langs[k]) == 0) first = k;
	out[n++] = words_langs[first];
	for (int k = 0; k < WORDS_LANGS; k++)
		if (k != first && (!any || used[k])) out[n++] = words_langs[k];
	return n;
}

/* A right-to-left language of the catalogue. */
static int rtl(const char *lang)
{
	return strcmp(lang, "ar") == 0 || strcmp(lang, "fa") == 0;
}

struct sheets {
	const struct session *s;
	const struct words *const *w;   /* [0] the meeting's language */
	size_t n;
	struct report_buf *b;
};

/* One word in every language of the sheets: the meeting's big, the others small beside it.
 * {budget} is filled in when given. */
static void say_all(struct sheets *sh, enum word_id id, const char *cls, const char *budget)
{
	const char *const names[] = { "budget" }, *const values[] = { budget ? budget : "" };
	report_putf(sh->b, "<div class=\"%s\">", cls);
	for (size_t k = 0; k < sh->n; k++) {
		char text[1024];
		const char *lang = words_lang(sh->w[k]);
		word_expand(text, sizeof text, word(sh->w[k], id), budget ? 1 : 0, names, values);
		report_putf(sh->b, "<span class=\"%s\" lang=\"%s\" dir=\"%s\">", k ? "other" : "main", lang, rtl(lang) ? "rtl" : "ltr");
		report_put_html(sh->b, text);
		report_put(sh->b, "</span>");
	}
	report_put(sh->b, "</div>\n");
}

static void user_text(struct sheets *sh, const char *text)
{
	report_put(sh->b, "<bdi>");
	report_html_clean(sh->b, text);
	report_put(sh->b, "</bdi>");
}

/* A sheet's top: its kind in every language, the activity's title and question (as written, in
 * the meeting's language), a space for the table's number, and how to fill it in. */
static void sheet_head(struct sheets *sh, const struct activity *a, enum word_id kind, enum word_id howto,
                       const char *budget)
{
	report_put(sh->b, "<section class=\"sheet\">\n<header>\n");
	say_all(sh, kind, "kind", NULL);
	report_put(sh->b, "<div class=\"table-blank\">");
	for (size_t k = 0; k < sh->n && k < 1; k++) report_put_html(sh->b, word(sh->w[k], W_REPORT_PAP_TABLE_BLANK));
	report_put(sh->b, " <span class=\"blank\"></span></div>\n<h1>");
	user_text(sh, a->title[0] ? a->title : a->prompt);
	report_put(sh->b, "</h1>\n");
	if (a->title[0]) {
		report_put(sh->b, "<p class=\"prompt\">");
		user_text(sh, a->prompt);
		report_put(sh->b, "</p>\n");
	}
	report_put(sh->b, "</header>\n");
	say_all(sh, howto, "howto", budget);
}

static void sheet_foot(struct sheets *sh)
{
	say_all(sh, W_REPORT_PAP_FOOTER, "foot", NULL);
	report_put(sh->b, "</section>\n");
}

static void col_heads(struct sheets *sh, int picto, int dots)
{
	report_put(sh->b, "<table class=\"lines\">\n<thead><tr><th class=\"nr\">");
	report_put_html(sh->b, word(sh->w[0], W_REPORT_PAP_NR));
	report_put(sh->b, "</th>");
	if (picto) report_put(sh->b, "<th class=\"picto\"></th>");
	report_put(sh->b, "<th></th><th class=\"dots\">");
	if (dots) report_put_html(sh->b, word(sh->w[0], W_REPORT_PAP_DOTS));   /* a poll's box is for a mark */
	report_put(sh->b, "</th></tr></thead>\n<tbody>\n");
}

static const char *picto_of(const struct activity *src, int category)
{
	if (!src || !src->pictos || category < 0 || (size_t)category >= src->n_options) return "";
	return src->pictos[category];
}

/* An ideas activity: numbered empty lines to write on, its categories' pictograms to circle. */
static void idea_sheet(struct sheets *sh, const struct activity *a)
{
	sheet_head(sh, a, W_REPORT_PAP_IDEA_SHEET, W_REPORT_PAP_IDEA_HOWTO, NULL);
	report_put(sh->b, "<table class=\"lines write\">\n<tbody>\n");
	for (int i = 1; i <= 10; i++) {
		report_putf(sh->b, "<tr><td class=\"nr\">%d</td><td class=\"write\"></td><td class=\"cats\">", i);
		for (size_t k = 0; a->pictos && k < a->n_options; k++)
			if (a->pictos[k][0]) report_putf(sh->b, "<span class=\"picto\">%s</span>", a->pictos[k]);
		report_put(sh->b, "</td></tr>\n");
	}
	report_put(sh->b, "</tbody>\n</table>\n");
	sheet_foot(sh);
}

/* A vote: every item it can get dots on, by number, with a box for the dots; a vote whose
 * ideas are not written yet (a template) gets numbered lines for the idea's number. */
static void vote_sheet(struct sheets *sh, const struct activity *a)
{
	const struct session *s = sh->s;
	const struct activity *src = session_activity(s, a->source);
	char budget[16];
	snprintf(budget, sizeof budget, "%d", a->budget);
	sheet_head(sh, a, W_REPORT_PAP_VOTE_SHEET, W_REPORT_PAP_VOTE_HOWTO, budget);
	int n = 0;
	col_heads(sh, !a->on_groups, 1);
	if (a->on_groups) {
		for (size_t g = 0; g < s->n_groups; g++) {
			if (!session_item_votable(s, a, s->groups[g].id)) continue;
			report_putf(sh->b, "<tr><td class=\"nr\">%u</td><td class=\"text\">", s->groups[g].id);
			user_text(sh, s->groups[g].name);
			report_put(sh->b, "</td><td class=\"dots\"></td></tr>\n");
			n++;
		}
	} else {
		for (size_t i = 0; i < s->n_ideas; i++) {
			const struct idea *d = &s->ideas[i];
			if (!session_item_votable(s, a, d->id)) continue;
			report_putf(sh->b, "<tr><td class=\"nr\">%u</td><td class=\"picto\">%s</td><td class=\"text\">", d->id,
			            picto_of(src, d->category));
			user_text(sh, d->text);
			report_put(sh->b, "</td><td class=\"dots\"></td></tr>\n");
			n++;
		}
	}
	if (!n) {
		report_put(sh->b, "</tbody>\n</table>\n");
		say_all(sh, W_REPORT_PAP_BY_NUMBER, "howto", NULL);
		report_put(sh->b, "<table class=\"lines\">\n<tbody>\n");
		for (int i = 0; i < 10; i++)
			report_put(sh->b, "<tr><td class=\"nr blank-nr\">#</td><td class=\"text\"></td><td class=\"dots\"></td></tr>\n");
	}
	report_put(sh->b, "</tbody>\n</table>\n");
	sheet_foot(sh);
}

static void poll_sheet(struct sheets *sh, const struct activity *a)
{
	sheet_head(sh, a, W_REPORT_PAP_POLL_SHEET, W_REPORT_PAP_POLL_HOWTO, NULL);
	col_heads(sh, a->poll != POLL_SCALE, 0);
	if (a->poll == POLL_SCALE) {
		for (int v = 1; v <= SESSION_SCALE_MAX; v++)
			report_putf(sh->b, "<tr><td class=\"nr\">%d</td><td class=\"text scale\">%s</td><td class=\"dots\"></td></tr>\n",
			            v, v == 1 ? "\xe2\x98\xb9\xef\xb8\x8f" : v == SESSION_SCALE_MAX ? "\xf0\x9f\x98\x80" : "");
	} else {
		for (size_t k = 0; k < a->n_options; k++) {
			report_putf(sh->b, "<tr><td class=\"nr\">%zu</td><td class=\"picto\">%s</td><td class=\"text\">", k + 1,
			            a->pictos ? a->pictos[k] : "");
			user_text(sh, a->options[k]);
			report_put(sh->b, "</td><td class=\"dots\"></td></tr>\n");
		}
	}
	report_put(sh->b, "</tbody>\n</table>\n");
	sheet_foot(sh);
}

static const char sheets_css[] =
	"@page { size: A4; margin: 14mm 14mm 16mm; }\n"
	"* { box-sizing: border-box; }\n"
	"body { margin: 0; color: #000; background: #fff; font: 11pt/1.35 \"Noto Sans\", \"Noto Sans Arabic\", "
	"\"Noto Sans Ethiopic\", \"DejaVu Sans\", sans-serif; }\n"
	".sheet { break-after: page; page-break-after: always; }\n"
	".sheet:last-of-type { break-after: auto; page-break-after: auto; }\n"
	"header { border-bottom: 2px solid #000; padding-bottom: 2mm; margin-bottom: 3mm; }\n"
	"h1 { font-size: 18pt; margin: 1mm 0; }\n"
	".prompt { font-size: 12.5pt; margin: 1mm 0 0; }\n"
	".kind, .howto, .foot { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5mm 4mm; }\n"
	".kind .main { font-size: 13pt; font-weight: bold; }\n"
	".other { font-size: 8.5pt; color: #333; unicode-bidi: isolate; }\n"
	".howto .other, .foot .other { width: 100%; }\n"
	".howto { border-inline-start: 3px solid #000; padding: 1mm 0 1mm 3mm; margin: 0 0 3mm; }\n"
	".howto .main { font-size: 11.5pt; font-weight: bold; width: 100%; }\n"
	".foot { break-inside: avoid; margin-top: 4mm; border-top: 1px solid #999; padding-top: 2mm; }\n"
	".foot .main { font-weight: bold; }\n"
	".table-blank { float: inline-end; font-size: 12pt; font-weight: bold; }\n"
	".table-blank .blank { display: inline-block; width: 22mm; border-bottom: 1.5px solid #000; height: 6mm; }\n"
	"table.lines { width: 100%; border-collapse: collapse; }\n"
	"table.lines th { font-size: 9pt; text-align: start; border-bottom: 1.5px solid #000; padding: 1mm 1.5mm; }\n"
	"table.lines td { border-bottom: 1px solid #888; padding: 1.5mm; height: 13mm; vertical-align: middle; }\n"
	"table.lines tr { break-inside: avoid; }\n"
	"td.nr, th.nr { width: 14mm; font-size: 14pt; font-weight: bold; text-align: center; }\n"
	"td.blank-nr { color: #999; text-align: start; }\n"
	"td.picto, th.picto { width: 11mm; font-size: 17pt; text-align: center; }\n"
	"td.text { font-size: 12pt; }\n"
	"td.scale { font-size: 17pt; }\n"
	"td.dots, th.dots { width: 62mm; }\n"
	"td.dots { border: 1.5px solid #000; background: repeating-linear-gradient(90deg, #fff 0 9.5mm, #ddd 9.5mm 10mm); }\n"
	"td.write { border-bottom: 1.5px solid #000; }\n"
	"td.cats { width: 40mm; text-align: end; white-space: nowrap; }\n"
	"td.cats .picto { font-size: 15pt; margin-inline-start: 2mm; }\n"
	"table.write td { height: 16mm; }\n"
	".nothing { font-size: 14pt; margin-top: 20mm; text-align: center; }\n";

void report_sheets(const struct session *s, const struct words *const *words, size_t n_words, struct report_buf *b)
{
	struct sheets sh = { s, words, n_words, b };
	const char *lang = words_lang(words[0]);
	report_putf(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>", lang,
	            rtl(lang) ? "rtl" : "ltr");
	report_put_html(b, word(words[0], W_REPORT_PAP_SHEETS));
	report_put(b, " \xe2\x80\x93 ");
	report_html_clean(b, s->title);
	report_putf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", sheets_css);
	int any = 0;
	for (size_t i = 0; i < s->n_activities; i++) {
		const struct activity *a = &s->activities[i];
		if (a->kind == ACTIVITY_IDEAS) idea_sheet(&sh, a);
		else if (a->kind == ACTIVITY_VOTE) vote_sheet(&sh, a);
		else if (a->kind == ACTIVITY_POLL) poll_sheet(&sh, a);
		else continue;
		any = 1;
	}
	if (!any) say_all(&sh, W_REPORT_PAP_NOTHING, "nothing", NULL);
	report_put(b, "</body>\n</html>\n");
}
