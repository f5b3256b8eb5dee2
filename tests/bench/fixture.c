/* fixture.c: session files for the benchmarks, made through the host's own model and writer
 * (session_apply, store_save, journal_encode), so they are exactly what the host writes.
 *
 *   fixture FILE IDEAS [JOURNAL_LINES]
 *       a meeting with an open ideas activity (current) holding IDEAS ideas, and an open dot
 *       vote on it (activity 2, budget 5, at most 3 a item, results hidden until revealed);
 *       one participant per 20 ideas. With JOURNAL_LINES, that many more ideas are written
 *       to FILE.journal after the snapshot, one journal line each, as the host journals
 *       idea.post (journal_encode).
 *
 * Texts are deterministic (a fixed pseudo-random sequence): Swedish of 20 to 200 characters,
 * one idea in ten in Arabic, as a meeting in a Swedish town gets them. */
#include "journal.h"
#include "session.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0_MS        1795420800000LL   /* 2026-11-23T08:00:00Z: any fixed time will do */
#define IDEAS_PER_PARTICIPANT 20

static const char *const words_sv[] = {
	"läxhjälp", "på", "biblioteket", "föreningar", "som", "bjuder", "in", "nyanlända", "till",
	"öppet", "hus", "med", "fika", "och", "språkcafé", "varje", "vecka", "skjuts", "träningen",
	"för", "barn", "utan", "bil", "information", "på", "flera", "språk", "i", "kommunens",
	"app", "gratis", "första", "terminen", "en", "fadder", "i", "varje", "lag", "kvällar",
	"helger", "mötesplats", "vid", "torget", "lägre", "avgifter", "familjer", "ledare",
	"utbildning", "för", "unga", "tjejer", "simskola", "för", "vuxna", "cykelkurs",
};
static const char *const words_ar[] = {
	"مساعدة", "في", "الواجبات", "المدرسية", "بالمكتبة", "نادي", "مفتوح", "للجميع", "كل",
	"أسبوع", "مع", "القهوة", "معلومات", "بلغات", "كثيرة", "رياضة", "للأطفال",
};
static const char *const names[] = {
	"Amal", "Gunnar", "Sara", "Yousef", "Elin", "Hamid", "Karin", "Fatima", "Lars", "Noor",
	"Britt", "Dawit", "Maja", "Reza", "Ingrid", "Abdi", "", "", "",
};

static unsigned long long rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* An idea text of 20 to 200 bytes-ish into out. */
static void idea_text(char *out, size_t len)
{
	int arabic = rnd(10) == 0;
	const char *const *w = arabic ? words_ar : words_sv;
	unsigned nw = arabic ? sizeof words_ar / sizeof *words_ar : sizeof words_sv / sizeof *words_sv;
	size_t want = 20 + rnd(180), n = 0;
	out[0] = '\0';
	while (n < want) {
		const char *x = w[rnd(nw)];
		size_t k = strlen(x);
		if (n + k + 2 >= len || n + k > 260) break;
		if (n) out[n++] = ' ';
		memcpy(out + n, x, k + 1);
		if (n == 0 && !arabic && out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
		n += k;
	}
}

static void apply_or_die(struct session *s, struct command *c)
{
	struct session_result res;
	if (session_apply(s, c, &res) < 0) {
		fprintf(stderr, "fixture: command %d refused: %s\n", (int)c->type, res.message);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: fixture FILE IDEAS [JOURNAL_LINES]\n");
		return 2;
	}
	const char *path = argv[1];
	long n_ideas = atol(argv[2]), n_journal = argc > 3 ? atol(argv[3]) : 0;
	long n_part = (n_ideas + n_journal) / IDEAS_PER_PARTICIPANT + 1;
	int64_t t = T0_MS;
	char err[512];
	struct session *s = session_new("Rådrum: föreningslivet (benchmark)", "sv", t);

	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .title = "Idéer",
	                               .prompt = "Vad skulle göra det lättare för nyanlända att börja i en förening här?" };
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .title = "Prioritera",
	                              .prompt = "Vilka idéer ska vi börja med?", .source = 1, .budget = 5,
	                              .max_per_item = 3 };
	struct command c = { .type = CMD_ACTIVITY_ADD, .at_ms = t, .facilitator = 1, .spec = &ideas };
	apply_or_die(s, &c);
	c = (struct command){ .type = CMD_ACTIVITY_ADD, .at_ms = t, .facilitator = 1, .spec = &vote };
	apply_or_die(s, &c);
	c = (struct command){ .type = CMD_PHASE, .at_ms = t, .facilitator = 1, .activity = 1, .n = PHASE_OPEN };
	apply_or_die(s, &c);
	c = (struct command){ .type = CMD_PHASE, .at_ms = t, .facilitator = 1, .activity = 2, .n = PHASE_OPEN };
	apply_or_die(s, &c);
	c = (struct command){ .type = CMD_GOTO, .at_ms = t, .facilitator = 1, .activity = 1 };
	apply_or_die(s, &c);

	for (long i = 0; i < n_part; i++) {
		char token[SESSION_TOKEN_LEN + 1];
		snprintf(token, sizeof token, "%032lx", (unsigned long)(0xbe9c0000UL + (unsigned long)i));
		c = (struct command){ .type = CMD_JOIN, .at_ms = t + i * 100, .token = token,
		                      .name = names[i % (long)(sizeof names / sizeof *names)], .lang = "sv" };
		apply_or_die(s, &c);
	}
	char text[400];
	for (long i = 0; i < n_ideas; i++) {
		idea_text(text, sizeof text);
		c = (struct command){ .type = CMD_IDEA_POST, .at_ms = t + 60000 + i * 50,
		                      .participant = (uint32_t)(1 + i % n_part), .text = text, .n = -1 };
		apply_or_die(s, &c);
	}
	if (store_save(s, path, t + 3600000, 0, err, sizeof err) < 0) {
		fprintf(stderr, "fixture: %s\n", err);
		return 1;
	}

	char jpath[4200];
	snprintf(jpath, sizeof jpath, "%s.journal", path);
	remove(jpath);
	if (n_journal > 0) {
		FILE *f = fopen(jpath, "w");
		if (!f) {
			perror(jpath);
			return 1;
		}
		for (long i = 0; i < n_journal; i++) {
			char cid[32];
			idea_text(text, sizeof text);
			snprintf(cid, sizeof cid, "j%ld", i);
			c = (struct command){ .type = CMD_IDEA_POST, .at_ms = t + 3700000 + i * 50,
			                      .participant = (uint32_t)(1 + i % n_part), .text = text, .n = -1,
			                      .cid = cid };
			apply_or_die(s, &c);
			char *line = journal_encode(&c, (uint64_t)i + 1);
			fprintf(f, "%s\n", line);
			free(line);
		}
		if (fclose(f) != 0) {
			perror(jpath);
			return 1;
		}
	}
	session_free(s);
	return 0;
}
