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
	/* template.save: the agenda saved as a template loads, and saves the same again */
	char *tpl = store_template_to_json(s);
	struct session *back = store_template_from_json(tpl, strlen(tpl), "saved-template.json", 1763920800000, err, sizeof err);
	if (!back) {
		fprintf(stderr, "fuzz_template: a saved template does not load back: %s\n%s\n", err, tpl);
		abort();
	}
	char *tpl2 = store_template_to_json(back);
	if (strcmp(tpl, tpl2) != 0) {
		fprintf(stderr, "fuzz_template: a saved template saves differently the second time\n%s\n%s\n", tpl, tpl2);
		abort();
	}
	free(tpl2);
	free(tpl);
	session_free(back);
	free(proto_encode_state(s, 0, 1, 3, 1763920800000));
	session_free(s);
	return 0;
}
