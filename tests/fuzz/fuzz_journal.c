/* libFuzzer target: journal replay (journal_replay_buf, what resume does after loading the
 * session file) must neither crash nor leak (ASan + UBSan). An input holding a line "---" is
 * a session file, then its journal; any other input is a journal replayed onto a session
 * started from BASE_TEMPLATE. A replay that succeeds leaves a session that saves and loads
 * back (else the next resume would fail). Seeds: make-journal-corpus.js. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "proto.h"
#include "session.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The same agenda as BASE_TEMPLATE in make-journal-corpus.js. */
static const char BASE_TEMPLATE[] =
	"{\"format\":\"medskapa-template\",\"version\":1,\"title\":\"Fuzz\",\"lang\":\"sv\",\"activities\":["
	"{\"kind\":\"ideas\",\"title\":\"Idéer\",\"prompt\":\"Vad behövs?\",\"categories\":[\"Bostad\",\"Språk\",\"Arbete\"]},"
	"{\"kind\":\"vote\",\"title\":\"Prioritera\",\"prompt\":\"Vad först?\",\"source\":1,\"budget\":5,\"max_per_item\":3},"
	"{\"kind\":\"poll\",\"title\":\"Nästa träff\",\"prompt\":\"När?\",\"poll\":\"single\",\"choices\":[\"Kväll\",\"Helg\",\"Dagtid\"]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512], warn[512];
	const char *in = (const char *)data, *journal = in;
	size_t jlen = size;
	uint64_t after = 0, last;
	size_t applied, torn;
	struct session *s;
	const char *sep = memmem(in, size, "\n---\n", 5);
	if (sep) {
		s = store_from_json(in, (size_t)(sep + 1 - in), "fuzz.json", &after, err, sizeof err);
		if (!s) return 0;
		journal = sep + 5;
		jlen = size - (size_t)(journal - in);
	} else {
		s = store_template_from_json(BASE_TEMPLATE, sizeof BASE_TEMPLATE - 1, "base", 1763920800000, err, sizeof err);
		if (!s) abort();   /* the fuzzer's own template */
	}
	int rc = journal_replay_buf(journal, jlen, "fuzz.json.journal", s, after, &last, &applied, &torn, warn,
	                            sizeof warn, err, sizeof err);
	if (rc == 0 && (torn > jlen || last < after)) abort();
	if (rc == 0 && applied) {
		char *json = store_to_json(s, 1, last);
		struct session *again = store_from_json(json, strlen(json), "saved.json", NULL, err, sizeof err);
		if (!again) {
			fprintf(stderr, "fuzz_journal: the replayed session saves into a file that does not load: %s\n", err);
			abort();
		}
		session_free(again);
		free(json);
		if ((size & 7) == 0) free(proto_encode_state(s, 1, size & 8 ? 1 : 0, 3, 1));
	}
	session_free(s);
	return 0;
}
