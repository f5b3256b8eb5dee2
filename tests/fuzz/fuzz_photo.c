/* libFuzzer target: the checks on an uploaded photo (host/photo.c), fed any bytes as the photo
 * itself and as its base64 text. Must not crash or read out of bounds (ASan + UBSan), and must
 * keep its promises: a photo that passes has a type, sides in bounds and a name that
 * photo_name_valid takes; one that fails leaves info zeroed; base64 that decodes is exactly the
 * encoding of what it decodes to (one encoding per byte string), and the size limit refuses
 * exactly what is longer than it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "photo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int ok, const char *what)
{
	if (ok) return;
	fprintf(stderr, "fuzz_photo: %s\n", what);
	abort();
}

static void check(const unsigned char *b, size_t n)
{
	struct photo_info info;
	enum photo_err rc = photo_check(b, n, &info);

	must(rc >= PHOTO_OK && rc <= PHOTO_TOO_LARGE_PIXELS, "a result outside the enum");
	must((n > PHOTO_MAX_BYTES) == (rc == PHOTO_TOO_BIG), "size judged wrong");
	if (rc != PHOTO_OK) {
		must(info.type == PHOTO_NONE && info.width == 0 && info.height == 0 && info.sha256[0] == '\0',
		     "a failure left info filled");
		return;
	}
	must(info.type == PHOTO_JPEG || info.type == PHOTO_PNG, "a good photo without a type");
	must(info.width >= 1 && info.width <= PHOTO_MAX_SIDE && info.height >= 1 && info.height <= PHOTO_MAX_SIDE,
	     "a good photo's sides out of bounds");
	char name[80];
	snprintf(name, sizeof name, "%s.%s", info.sha256, photo_ext(info.type));
	must(photo_name_valid(name), "a good photo's own name refused");
}

static char *encode(const unsigned char *b, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc((n + 2) / 3 * 4 + 1), *o = out;
	if (!out) abort();
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)b[i] << 16 | (i + 1 < n ? (unsigned)b[i + 1] << 8 : 0) | (i + 2 < n ? b[i + 2] : 0);
		*o++ = a[v >> 18 & 63];
		*o++ = a[v >> 12 & 63];
		*o++ = i + 1 < n ? a[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? a[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size);

	/* the input as base64 text: with the real limit, and with a small one */
	const char *text = (const char *)data;
	size_t n, n2, small = size ? data[0] % 64 : 0;
	int big, big2;
	unsigned char *b = photo_base64_decode(text, size, PHOTO_MAX_BYTES, &n, &big);
	unsigned char *b2 = photo_base64_decode(text, size, small, &n2, &big2);
	must(!big, "a short text too big");
	if (b) {
		char *again = encode(b, n);
		must(strlen(again) == size && memcmp(again, text, size) == 0, "decoded text is not the encoding of its bytes");
		free(again);
		must(b2 ? n2 == n && n <= small && !big2 : n > small && big2, "the limit judged wrong");
		if (b2) must(memcmp(b, b2, n) == 0, "two decodings differ");
		check(b, n);
	} else {
		must(n == 0 && !b2 && n2 == 0, "a refused text decoded under another limit");
	}
	free(b);
	free(b2);

	/* the input as a stored name */
	char *name = malloc(size + 1);
	if (!name) abort();
	memcpy(name, data, size);
	name[size] = '\0';
	if (photo_name_valid(name))
		must(strlen(name) == 68 && (strcmp(name + 64, ".jpg") == 0 || strcmp(name + 64, ".png") == 0)
		     && strspn(name, "0123456789abcdef") == 64, "a name that is not <sha256>.<ext> taken");
	free(name);
	return 0;
}
