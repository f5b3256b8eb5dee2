/* report-lang.c: results by UI language group (`report --by-language`): which groups can be
 * shown without singling anyone out, and their counts. The formats lay them out. No I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "util.h"

static int group_cmp(const void *x, const void *y)
{
	const struct report_lang_group *a = x, *b = y;
	if (!a->code != !b->code) return a->code ? -1 : 1;   /* "other" last */
	if (a->people != b->people) return a->people > b->people ? -1 : 1;
	return a->code ? strcmp(a->code, b->code) : 0;
}

void report_lang_groups(const struct session *s, struct report_lang_groups *lg)
{
	size_t n_use;
	struct report_lang_use *u = report_languages(s, &n_use);   /* most people first */
	memset(lg, 0, sizeof *lg);
	lg->g = xcalloc(n_use + 1, sizeof *lg->g);
	lg->of = xcalloc(s->n_participants ? s->n_participants : 1, sizeof *lg->of);
	size_t shown = 0;
	int other = 0;
	for (size_t i = 0; i < n_use; i++) {
		if (*u[i].code && u[i].people >= REPORT_LANG_MIN) lg->g[shown++].code = u[i].code;
		else other += u[i].people;
	}
	/* The smallest shown group joins "other" while "other" could single someone out. */
	while (other > 0 && other < REPORT_LANG_MIN && shown > 0) {
		size_t k = shown - 1;   /* u is sorted by people: the last shown is the smallest */
		for (size_t i = 0; i < n_use; i++)
			if (u[i].code == lg->g[k].code) other += u[i].people;
		shown--;
	}
	lg->n = shown;
	if (other >= REPORT_LANG_MIN) lg->g[lg->n++].code = NULL;
	for (size_t i = 0; i < s->n_participants; i++) {
		const struct participant *p = &s->participants[i];
		int k = -1;
		for (size_t j = 0; j < lg->n; j++)
			if (lg->g[j].code ? strcmp(lg->g[j].code, p->lang) == 0 : 1) {
				k = (int)j;
				break;
			}
		lg->of[i] = k;
		if (k < 0) {
			lg->left_out++;
			continue;
		}
		lg->g[k].people++;
		lg->g[k].ideas += report_participant_ideas(s, p->id);
		lg->g[k].dots += report_participant_dots(s, p->id);
	}
	qsort(lg->g, lg->n, sizeof *lg->g, group_cmp);
	/* qsort moved the groups: map each participant again by its code */
	for (size_t i = 0; i < s->n_participants; i++) {
		if (lg->of[i] < 0) continue;
		for (size_t j = 0; j < lg->n; j++)
			if (lg->g[j].code ? strcmp(lg->g[j].code, s->participants[i].lang) == 0 : 1) {
				lg->of[i] = (int)j;
				break;
			}
	}
	free(u);
}

void report_lang_groups_free(struct report_lang_groups *lg)
{
	free(lg->g);
	free(lg->of);
	memset(lg, 0, sizeof *lg);
}

int report_lang_group_of(const struct session *s, const struct report_lang_groups *lg, uint32_t id)
{
	for (size_t i = 0; i < s->n_participants; i++)
		if (s->participants[i].id == id) return lg->of[i];
	return -1;
}

const char *report_lang_group_label(const struct report_ctx *c, const struct report_lang_group *g)
{
	return g->code ? report_lang_name(c, g->code) : T(c, W_REPORT_LANG_MERGED);
}

int *report_lang_counts(const struct session *s, const struct activity *a, const struct report_lang_groups *lg,
                        const struct result_row *rows, size_t n, int *total)
{
	int *counts = xcalloc(n * lg->n + 1, sizeof *counts);
	*total = 0;
	if (a->kind == ACTIVITY_VOTE) {
		for (size_t i = 0; i < s->n_votes; i++) {
			const struct vote *v = &s->votes[i];
			int j = v->activity == a->id ? report_lang_group_of(s, lg, v->participant) : -1;
			if (j < 0) continue;
			for (size_t k = 0; k < n; k++)
				if (rows[k].item == v->item) {
					counts[k * lg->n + (size_t)j] += v->dots;
					*total += v->dots;
				}
		}
	} else if (a->kind == ACTIVITY_POLL) {
		for (size_t i = 0; i < s->n_answers; i++) {
			const struct answer *an = &s->answers[i];
			int j = an->activity == a->id ? report_lang_group_of(s, lg, an->participant) : -1;
			if (j < 0) continue;
			for (size_t k = 0; k < n; k++) {
				int hit = a->poll == POLL_SCALE ? an->value == rows[k].item
				                                : rows[k].item < 32 && (an->value >> rows[k].item) & 1u;
				if (hit) {
					counts[k * lg->n + (size_t)j]++;
					(*total)++;
				}
			}
		}
	}
	return counts;
}

const char *report_lang_ratio(const struct report_ctx *c, int count, int people, char *buf, size_t len)
{
	if (people <= 0) return REPORT_NONE;
	long tenths = ((long)count * 20 + people) / (2L * people);   /* rounded to the nearest tenth */
	snprintf(buf, len, "%ld%s%ld", tenths / 10, T(c, W_REPORT_DECIMAL), tenths % 10);
	return buf;
}

static const char *const min_name[] = { "min" };

static void say_min(const struct report_ctx *c, enum word_id id, struct report_buf *out)
{
	char min[16];
	const char *values[] = { min };
	snprintf(min, sizeof min, "%d", REPORT_LANG_MIN);
	report_say(c, out, id, 0, 1, min_name, values);
}

void report_lang_rule(const struct report_ctx *c, struct report_buf *out)
{
	say_min(c, W_REPORT_LANG_RULE, out);
}

void report_lang_left_out(const struct report_ctx *c, struct report_buf *out)
{
	say_min(c, W_REPORT_LANG_LEFT_OUT, out);
}

void report_lang_off(const struct report_ctx *c, struct report_buf *out)
{
	say_min(c, W_REPORT_LANG_OFF, out);
}

struct result_row *report_lang_rows(const struct session *s, const struct activity *a, size_t *n)
{
	if (a->kind == ACTIVITY_VOTE) {
		struct report_vote v;
		report_vote_facts(s, a, &v);
		*n = v.n;
		return v.rows;
	}
	struct report_poll p;
	report_poll_facts(s, a, 1, &p);
	*n = p.n;
	return p.rows;
}
