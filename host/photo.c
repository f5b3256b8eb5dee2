/* photo.c: the checks on an uploaded photo: base64, JPEG and PNG structure, SHA-256 and the
 * stored name (see photo.h). Pure: libc and util only. */
#include "photo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- base64 (RFC 4648, standard alphabet, padded) ----------------------------------------- */

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

unsigned char *photo_base64_decode(const char *text, size_t len, size_t max, size_t *n, int *too_big)
{
	size_t pad = 0, size, o = 0;
	unsigned char *out;

	*n = 0;
	*too_big = 0;
	if (len % 4)
		return NULL;
	if (len && text[len - 1] == '=')
		pad = text[len - 2] == '=' ? 2 : 1;
	size = len / 4 * 3 - pad;
	if (size > max) {
		*too_big = 1;
		return NULL;
	}
	out = xmalloc(size ? size : 1);
	for (size_t i = 0; i < len; i += 4) {
		int last = i + 4 == len;
		uint32_t v = 0;
		for (size_t j = 0; j < 4; j++) {
			int d;
			if (last && j >= 4 - pad)
				d = 0;   /* the '=' found above */
			else if ((d = b64_value((unsigned char)text[i + j])) < 0)
				goto bad;
			v = v << 6 | (uint32_t)d;
		}
		if (!last || pad == 0) {
			out[o++] = (unsigned char)(v >> 16);
			out[o++] = (unsigned char)(v >> 8);
			out[o++] = (unsigned char)v;
		} else if (pad == 1) {
			if (v & 0xFF) goto bad;      /* unused bits set: not the canonical encoding */
			out[o++] = (unsigned char)(v >> 16);
			out[o++] = (unsigned char)(v >> 8);
		} else {
			if (v & 0xFFFF) goto bad;
			out[o++] = (unsigned char)(v >> 16);
		}
	}
	*n = size;
	return out;
bad:
	free(out);
	return NULL;
}

/* ---- JPEG and PNG ------------------------------------------------------------------------- */

static int side_ok(uint32_t s)
{
	return s >= 1 && s <= PHOTO_MAX_SIDE;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* b[0..3) is FF D8 FF. Walks the markers after SOI to the first frame header. */
static enum photo_err check_jpeg(const unsigned char *b, size_t n, uint32_t *w, uint32_t *h)
{
	size_t p = 2;

	for (;;) {
		if (p >= n || b[p] != 0xFF)
			return PHOTO_TRUNCATED;
		while (p < n && b[p] == 0xFF)   /* a marker may be preceded by fill bytes FF */
			p++;
		if (p >= n)
			return PHOTO_TRUNCATED;
		unsigned m = b[p++];
		/* stuffing, a second SOI, EOI or start of scan before any frame header: not a photo */
		if (m == 0x00 || m == 0xD8 || m == 0xD9 || m == 0xDA)
			return PHOTO_TRUNCATED;
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))   /* TEM, RSTn: no length */
			continue;
		if (n - p < 2)
			return PHOTO_TRUNCATED;
		size_t len = (size_t)b[p] << 8 | b[p + 1];   /* counts its own two bytes */
		if (len < 2 || len > n - p)
			return PHOTO_TRUNCATED;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (len < 8)   /* length, precision, height, width, components */
				return PHOTO_TRUNCATED;
			*h = (uint32_t)b[p + 3] << 8 | b[p + 4];
			*w = (uint32_t)b[p + 5] << 8 | b[p + 6];
			if (!side_ok(*w) || !side_ok(*h))   /* height 0 (set later by DNL) too */
				return PHOTO_TOO_LARGE_PIXELS;
			p += len;
			if (n - p < 2 || b[n - 2] != 0xFF || b[n - 1] != 0xD9)
				return PHOTO_TRUNCATED;
			return PHOTO_OK;
		}
		p += len;
	}
}

static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static int png_type_ok(const unsigned char *t)
{
	for (int i = 0; i < 4; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z')))
			return 0;
	return 1;
}

/* b[0..8) is the signature. Chunks: length (4), type (4), data (length), CRC (4). */
static enum photo_err check_png(const unsigned char *b, size_t n, uint32_t *w, uint32_t *h)
{
	size_t p = 8;

	if (n - p < 12 + 13 || be32(b + p) != 13 || memcmp(b + p + 4, "IHDR", 4) != 0)
		return PHOTO_TRUNCATED;
	*w = be32(b + p + 8);
	*h = be32(b + p + 12);
	if (!side_ok(*w) || !side_ok(*h))
		return PHOTO_TOO_LARGE_PIXELS;
	p += 12 + 13;
	for (;;) {
		if (n - p < 12)
			return PHOTO_TRUNCATED;
		uint32_t len = be32(b + p);
		const unsigned char *type = b + p + 4;
		if (!png_type_ok(type) || len > n - p - 12 || memcmp(type, "IHDR", 4) == 0)
			return PHOTO_TRUNCATED;
		if (memcmp(type, "IEND", 4) == 0)   /* empty, and the last bytes: nothing hides after */
			return len == 0 && p + 12 == n ? PHOTO_OK : PHOTO_TRUNCATED;
		p += 12 + (size_t)len;
	}
}

enum photo_err photo_check(const unsigned char *b, size_t n, struct photo_info *info)
{
	enum photo_type type;
	enum photo_err rc;
	uint32_t w = 0, h = 0;

	memset(info, 0, sizeof *info);
	if (n > PHOTO_MAX_BYTES)
		return PHOTO_TOO_BIG;
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
		type = PHOTO_JPEG;
		rc = check_jpeg(b, n, &w, &h);
	} else if (n >= sizeof png_sig && memcmp(b, png_sig, sizeof png_sig) == 0) {
		type = PHOTO_PNG;
		rc = check_png(b, n, &w, &h);
	} else {
		return PHOTO_BAD_TYPE;
	}
	if (rc != PHOTO_OK)
		return rc;
	info->type = type;
	info->width = (int)w;
	info->height = (int)h;
	sha256_hex(b, n, info->sha256);
	return PHOTO_OK;
}

const char *photo_ext(enum photo_type t)
{
	return t == PHOTO_JPEG ? "jpg" : t == PHOTO_PNG ? "png" : "";
}

const char *photo_mime(enum photo_type t)
{
	return t == PHOTO_JPEG ? "image/jpeg" : t == PHOTO_PNG ? "image/png" : "";
}

int photo_name_valid(const char *name)
{
	if (!name)
		return 0;
	for (int i = 0; i < 64; i++)   /* stops at the NUL of a shorter name */
		if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return strcmp(name + 64, ".jpg") == 0 || strcmp(name + 64, ".png") == 0;
}

/* ---- SHA-256 (FIPS 180-4) ----------------------------------------------------------------- */

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR32(x, r) ((x) >> (r) | (x) << (32 - (r)))

static void sha256_block(uint32_t st[8], const unsigned char *p)
{
	uint32_t m[64], a, b, c, d, e, f, g, h;

	for (int i = 0; i < 16; i++)
		m[i] = be32(p + 4 * i);
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR32(m[i - 15], 7) ^ ROR32(m[i - 15], 18) ^ (m[i - 15] >> 3);
		uint32_t s1 = ROR32(m[i - 2], 17) ^ ROR32(m[i - 2], 19) ^ (m[i - 2] >> 10);
		m[i] = m[i - 16] + s0 + m[i - 7] + s1;
	}
	a = st[0]; b = st[1]; c = st[2]; d = st[3]; e = st[4]; f = st[5]; g = st[6]; h = st[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ROR32(e, 6) ^ ROR32(e, 11) ^ ROR32(e, 25)) + ((e & f) ^ (~e & g))
		              + sha256_k[i] + m[i];
		uint32_t t2 = (ROR32(a, 2) ^ ROR32(a, 13) ^ ROR32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	st[0] += a; st[1] += b; st[2] += c; st[3] += d; st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

void sha256_hex(const unsigned char *b, size_t n, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint32_t st[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	unsigned char tail[128] = { 0 };
	size_t i = 0, rest, tlen;
	uint64_t bits = (uint64_t)n * 8;

	for (; n - i >= 64; i += 64)
		sha256_block(st, b + i);
	rest = n - i;
	if (rest)   /* b may be NULL when n is 0 */
		memcpy(tail, b + i, rest);
	/* a 1 bit, zeros, and the length in bits as 64 bits big-endian: one or two blocks */
	tail[rest] = 0x80;
	tlen = rest + 1 + 8 <= 64 ? 64 : 128;
	for (int k = 0; k < 8; k++)
		tail[tlen - 1 - k] = (unsigned char)(bits >> (8 * k));
	sha256_block(st, tail);
	if (tlen == 128)
		sha256_block(st, tail + 64);
	for (int k = 0; k < 32; k++) {
		unsigned char byte = (unsigned char)(st[k / 4] >> (24 - 8 * (k % 4)));
		out[2 * k] = hex[byte >> 4];
		out[2 * k + 1] = hex[byte & 15];
	}
	out[64] = '\0';
}
