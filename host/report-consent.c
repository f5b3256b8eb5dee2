/* report-consent.c: consent rounds (each round's proposal and counts, the reasons without
 * names), the answers to "need more time?" and the room's progress, as lines of text the
 * formats (report-md.c, report-html.c, report-csv.c) each print in their own way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "util.h"

static void counts_line(const struct report_ctx *c, const int count[CONSENT_VALUES], struct report_buf *out)
{
	char v[CONSENT_VALUES][16];
	const char *const names[] = { "yes", "live", "concern", "objection" };
	const char *values[4];
	for (int k = CONSENT_YES; k < CONSENT_VALUES; k++) {
		snprintf(v[k], sizeof v[k], "%d", count[k]);
		values[k - 1] = v[k];
	}
	report_say(c, out, W_REPORT_CNS_COUNTS, 0, 4, names, values);
}

static void emit_say(struct report_ctx *c, report_cns_emit emit, enum report_cns_line kind, struct report_buf *t)
{
	emit(c, kind, t->data ? t->data : "");
	report_buf_free(t);
}

/* The text of round r of a: the record's, or the proposal now for the round now. */
static const char *round_text(const struct session *s, const struct activity *a, int r, int count[CONSENT_VALUES])
{
	for (size_t i = 0; i < s->n_consent_log; i++)
		if (s->consent_log[i].activity == a->id && s->consent_log[i].round == r) {
			memcpy(count, s->consent_log[i].count, sizeof s->consent_log[i].count);
			return s->consent_log[i].text;
		}
	session_consent_counts(s, a, r, count);
	return a->prompt;
}

static const enum word_id answer_words[CONSENT_VALUES] = {
	[CONSENT_YES] = W_BOARD_CNS_YES, [CONSENT_LIVE] = W_BOARD_CNS_LIVE, [CONSENT_CONCERN] = W_BOARD_CNS_CONCERN,
	[CONSENT_OBJECTION] = W_BOARD_CNS_OBJECTION,
};

void report_consent_counts(const struct report_ctx *c, const struct activity *a, struct report_buf *out)
{
	int count[CONSENT_VALUES];
	session_consent_counts(c->s, a, a->consent_round, count);
	counts_line(c, count, out);
}

void report_consent_lines(struct report_ctx *c, const struct activity *a, report_cns_emit emit)
{
	const struct session *s = c->s;
	struct report_buf t = { 0 };
	for (int r = 1; r <= a->consent_round; r++) {
		int count[CONSENT_VALUES];
		char round[16];
		const char *text = round_text(s, a, r, count);
		snprintf(round, sizeof round, "%d", r);
		const char *const names[] = { "round", "text" }, *const values[] = { round, text };
		report_say(c, &t, W_REPORT_CNS_ROUND, 0, 2, names, values);
		emit_say(c, emit, REPORT_CNS_ROUND, &t);
		counts_line(c, count, &t);
		emit_say(c, emit, REPORT_CNS_COUNTS, &t);
		int head = 0;
		for (size_t i = 0; i < s->n_consents; i++) {   /* the reasons of the round, in the order given; never who */
			const struct consent_answer *x = &s->consents[i];
			if (x->activity != a->id || x->round != r || (!x->reason && !x->photo && !x->in_person)) continue;
			if (!head++) emit(c, REPORT_CNS_REASONS, T(c, W_REPORT_CNS_REASONS));
			report_put(&t, T(c, answer_words[x->value]));
			report_put(&t, ": ");
			if (x->reason) report_put(&t, x->reason);
			if (x->photo) report_putf(&t, "%s%s (%s)", x->reason ? " \xc2\xb7 " : "", T(c, W_REPORT_CNS_PHOTO), x->photo);
			if (x->in_person) report_putf(&t, "%s%s", x->reason || x->photo ? " \xc2\xb7 " : "", T(c, W_REPORT_CNS_IN_PERSON));
			emit_say(c, emit, REPORT_CNS_REASON, &t);
		}
	}
	char done[16];
	snprintf(done, sizeof done, "%d", session_progress(s, a));
	const char *const names[] = { "done" }, *const values[] = { done };
	report_say(c, &t, W_REPORT_CNS_PROGRESS, (long)s->n_participants, 1, names, values);
	emit_say(c, emit, REPORT_CNS_PROGRESS, &t);
}

void report_moretime_lines(struct report_ctx *c, const struct activity *a, report_cns_emit emit)
{
	const struct session *s = c->s;
	struct report_buf t = { 0 };
	for (int ask = 1; ask <= a->moretime_ask; ask++) {
		int n[MORETIME_VALUES] = { 0 };
		for (size_t i = 0; i < s->n_moretime; i++)
			if (s->moretime[i].activity == a->id && s->moretime[i].ask == ask) n[s->moretime[i].value]++;
		char v[4][16];
		snprintf(v[0], sizeof v[0], "%d", ask);
		for (int k = 0; k < MORETIME_VALUES; k++) snprintf(v[k + 1], sizeof v[k + 1], "%d", n[k]);
		const char *const names[] = { "ask", "done", "little", "more" };
		const char *const values[] = { v[0], v[1], v[2], v[3] };
		report_say(c, &t, W_REPORT_CNS_MORETIME, 0, 4, names, values);
		emit_say(c, emit, REPORT_CNS_MORETIME, &t);
	}
}
