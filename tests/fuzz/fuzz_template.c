/* libFuzzer target: any bytes as an agenda template (store_template_from_json, what
 * --template reads) must neither crash nor leak (ASan + UBSan). A template that loads gives a
 * session that saves and loads back, and renders as the state a phone gets. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "session.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct session *s = store_template_from_json((const char *)data, size, "fuzz-template.json",
	                                             1763920800000, err, sizeof err);
	if (!s) return 0;
	char *json = store_to_json(s, 1763920800000, 0);
	struct session *again = store_from_json(json, strlen(json), "saved.json", NULL, err, sizeof err);
	if (!again) {   /* the first snapshot of a meeting would not resume */
		fprintf(stderr, "fuzz_template: a session started from a template does not load back: %s\n", err);
		abort();
	}
	session_free(again);
	free(json);
	free(proto_encode_state(s, 0, 1, 3, 1763920800000));
	session_free(s);
	return 0;
}
