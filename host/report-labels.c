/* report-labels.c: choosing the report's words from the catalogue (words.h): a kind's name, a
 * phase's, a language's, and sentences whose counts decide their form. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report-int.h"
#include "util.h"

/* Languages the phone page offers, and others common among newcomers in Sweden, by code. */
static const struct {
	const char *code;
	enum word_id name;
} lang_names[] = {
	{ "sv", W_REPORT_LANG_SV }, { "en", W_REPORT_LANG_EN }, { "ar", W_REPORT_LANG_AR },
	{ "fa", W_REPORT_LANG_FA }, { "prs", W_REPORT_LANG_PRS }, { "fa-AF", W_REPORT_LANG_PRS },
	{ "ps", W_REPORT_LANG_PS }, { "ti", W_REPORT_LANG_TI }, { "am", W_REPORT_LANG_AM },
	{ "so", W_REPORT_LANG_SO }, { "ku", W_REPORT_LANG_KU }, { "ckb", W_REPORT_LANG_CKB },
	{ "kmr", W_REPORT_LANG_KMR }, { "tr", W_REPORT_LANG_TR }, { "uk", W_REPORT_LANG_UK },
	{ "ru", W_REPORT_LANG_RU }, { "pl", W_REPORT_LANG_PL }, { "bs", W_REPORT_LANG_BS },
	{ "sr", W_REPORT_LANG_SR }, { "hr", W_REPORT_LANG_HR }, { "sq", W_REPORT_LANG_SQ },
	{ "ro", W_REPORT_LANG_RO }, { "es", W_REPORT_LANG_ES }, { "fr", W_REPORT_LANG_FR },
	{ "de", W_REPORT_LANG_DE }, { "fi", W_REPORT_LANG_FI }, { "ur", W_REPORT_LANG_UR },
	{ "hi", W_REPORT_LANG_HI }, { "bn", W_REPORT_LANG_BN }, { "th", W_REPORT_LANG_TH },
	{ "vi", W_REPORT_LANG_VI }, { "zh", W_REPORT_LANG_ZH }, { "my", W_REPORT_LANG_MY },
	{ "sw", W_REPORT_LANG_SW }, { "se", W_REPORT_LANG_SE }, { "fit", W_REPORT_LANG_FIT },
	{ "rom", W_REPORT_LANG_ROM }, { "yi", W_REPORT_LANG_YI },
};

void report_say(const struct report_ctx *c, struct report_buf *out, enum word_id id, long n, size_t count,
                const char *const *names, const char *const *values)
{
	const char *all_names[8], *all_values[8];
	char ns[24], text[1024];
	snprintf(ns, sizeof ns, "%ld", n);
	all_names[0] = "n";
	all_values[0] = ns;
	for (size_t i = 0; i < count && i + 1 < NELEM(all_names); i++) {
		all_names[i + 1] = names[i];
		all_values[i + 1] = values[i];
	}
	size_t k = count + 1 < NELEM(all_names) ? count + 1 : NELEM(all_names);
	word_expand(text, sizeof text, word_form(c->w, id, n), k, all_names, all_values);
	report_put(out, text);
}

const char *report_lang_name(const struct report_ctx *c, const char *code)
{
	if (!*code) return T(c, W_REPORT_UNKNOWN_LANG);
	for (size_t i = 0; i < NELEM(lang_names); i++)
		if (strcasecmp(lang_names[i].code, code) == 0) return T(c, lang_names[i].name);
	size_t n = strcspn(code, "-");   /* "ar-SY": the language without the region */
	for (size_t i = 0; i < NELEM(lang_names); i++)
		if (strlen(lang_names[i].code) == n && strncasecmp(lang_names[i].code, code, n) == 0)
			return T(c, lang_names[i].name);
	return code;
}

const char *report_kind_label(const struct report_ctx *c, const struct activity *a)
{
	return a->kind == ACTIVITY_IDEAS ? T(c, W_KIND_IDEAS)
	     : a->kind == ACTIVITY_VOTE  ? T(c, W_KIND_VOTE)
	     : a->kind == ACTIVITY_CONSENT ? T(c, W_CNS_KIND)
	     : a->kind == ACTIVITY_ACTIONS ? T(c, W_ACT_KIND)
	                                 : T(c, W_KIND_POLL);
}

const char *report_action_status_label(const struct report_ctx *c, enum action_status st)
{
	static const enum word_id ids[ACTION_STATUSES] = { W_BOARD_ACT_PLANNED, W_BOARD_ACT_STARTED, W_BOARD_ACT_DONE,
	                                                   W_BOARD_ACT_DROPPED };
	return T(c, ids[(unsigned)st < ACTION_STATUSES ? st : 0]);
}

const char *report_action_from(const struct session *s, const struct action *a)
{
	const struct idea *d = a->idea ? session_idea(s, a->idea) : NULL;
	const struct group *g = a->group ? session_group(s, a->group) : NULL;
	return d ? d->text : g ? g->name : "";
}

size_t report_action_changes(const struct session *s, uint32_t action)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_action_log; i++) n += s->action_log[i].action == action;
	return n;
}

const char *report_phase_label(const struct report_ctx *c, enum phase p)
{
	static const enum word_id ids[] = { W_REPORT_PHASE_PREPARED, W_REPORT_PHASE_OPEN, W_REPORT_PHASE_LOCKED,
	                                    W_REPORT_PHASE_REVEALED };
	return T(c, ids[(unsigned)p < NELEM(ids) ? p : 0]);
}

const char *report_poll_label(const struct report_ctx *c, enum poll_kind k)
{
	return k == POLL_MULTI ? T(c, W_REPORT_POLL_MULTI) : k == POLL_SCALE ? T(c, W_REPORT_POLL_SCALE)
	                                                    : T(c, W_REPORT_POLL_SINGLE);
}
