/* libFuzzer target: any bytes as a session file (store_from_json, what resume and `medskapa
 * report` read) must neither crash nor leak (ASan + UBSan). A file that loads must save and
 * load back to the same file, and must render as a report and as the state a phone gets. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "report.h"
#include "session.h"
#include "store.h"
#include "words.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The catalogue in each language, loaded once from the checkout (the fuzzer runs in its root):
 * every report is rendered in one of them. */
static struct words *words[WORDS_LANGS];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[256];
	setenv("TZ", "UTC", 1);   /* report times: the same on every machine */
	for (int i = 0; i < WORDS_LANGS; i++) {
		words[i] = words_load(".", words_langs[i], err, sizeof err);
		if (!words[i]) {
			fprintf(stderr, "fuzz_session: %s (run from the checkout's root)\n", err);
			abort();
		}
	}
	return 0;
}

/* The round trip's oracle: a saved session that does not load back would be lost on resume. */
static void must(int ok, const char *what, const char *err)
{
	if (ok) return;
	fprintf(stderr, "fuzz_session: %s: %s\n", what, err);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	uint64_t seq = 0, seq2 = 0;
	struct session *s = store_from_json((const char *)data, size, "fuzz.json", &seq, err, sizeof err);
	if (!s) return 0;

	char *json = store_to_json(s, 1, seq);
	struct session *again = store_from_json(json, strlen(json), "saved.json", &seq2, err, sizeof err);
	must(again != NULL, "a loaded session saves into a file that does not load", err);
	must(seq2 == seq, "journal_seq changes on a round trip", "");
	char *json2 = store_to_json(again, 1, seq2);
	must(strcmp(json, json2) == 0, "a loaded session saves differently the second time", json2);
	free(json2);
	free(json);
	session_free(again);

	struct report_opts o = { .format = (enum report_format)(1 + size % 3), .anonymise = (size >> 2) & 1,
	                         .sep = size & 8 ? ';' : ',', .source = "fuzz.json", .zone = "UTC",
	                         .words = words[(size >> 4) % WORDS_LANGS], .by_language = (size >> 7) & 1 };
	if (o.format == REPORT_CSV && o.by_language) o.table = REPORT_TABLE_LANGUAGES;   /* its CSV form */
	struct report_buf b = { 0 };
	report_render(s, &o, &b);
	report_buf_free(&b);
	uint32_t viewer = s->n_participants ? s->participants[size % s->n_participants].id : 0;
	free(proto_encode_state(s, viewer, viewer == 0, 3, 1));
	session_free(s);
	return 0;
}
