/* libFuzzer target: the RFC 6455 checks on a client's raw byte stream (host/wsframe.c), fed any
 * bytes in any pieces. Must not crash or read out of bounds (ASan + UBSan), and must keep its
 * promises: *good never passes the piece, an error sticks with *good 0 afterwards, and the
 * verdict does not depend on how the stream is cut into pieces (the network thread sees it cut
 * wherever the kernel and lws' buffer cut it), but for the bad frame's header bytes that
 * came before the byte that broke the rule. The first byte of the input picks the piece size. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wsframe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int ok, const char *what)
{
	if (ok) return;
	fprintf(stderr, "fuzz_wsframe: %s\n", what);
	abort();
}

/* Feed in[0..n) in pieces of step bytes; returns the total passed on and the verdict. */
static size_t run(const uint8_t *in, size_t n, size_t step, int *verdict, const char **why)
{
	struct wsframe f;
	size_t passed = 0;

	wsframe_reset(&f);
	*verdict = 0;
	for (size_t i = 0; i < n; i += step) {
		size_t len = n - i < step ? n - i : step, good = (size_t)-1;
		int rc = wsframe_feed(&f, in + i, len, &good);
		must(good <= len, "good past the piece");
		if (rc) {
			must(rc == WSFRAME_PROTOCOL_ERROR && f.error, "an error without its reason");
			if (!*verdict) passed += good;
			*verdict = rc;
			*why = f.error;
			size_t again;
			must(wsframe_feed(&f, in + i, len, &again) == rc && again == 0, "an error that does not stick");
			break;
		}
		must(good == len, "all of a good piece passes");
		passed += len;
	}
	return passed;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1) return 0;
	size_t step = (size_t)data[0] % 64 + 1;
	const uint8_t *in = data + 1;
	size_t n = size - 1;
	int v1, v2;
	const char *w1 = NULL, *w2 = NULL;
	size_t p1 = run(in, n, n ? n : 1, &v1, &w1);
	size_t p2 = run(in, n, step, &v2, &w2);

	must(v1 == v2, "the verdict depends on the pieces");
	if (v1) {
		must(strcmp(w1, w2) == 0, "the reason depends on the pieces");
		/* Whole: everything before the bad frame's header passes. In pieces too, plus those of
		 * its header bytes (at most 13: it breaks a rule before its mask key ends) that came in
		 * an earlier piece, before the rule was broken. */
		must(p2 >= p1 && p2 - p1 <= 13, "pieces passed a different stream than the whole");
	} else {
		must(p1 == n && p2 == n, "a good stream is passed whole");
	}
	return 0;
}
