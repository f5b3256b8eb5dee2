/* Unit tests of the photo checks: SHA-256 against the FIPS 180-4 examples, base64, the JPEG
 * and PNG walkers on real little pictures and broken ones, and the stored name. Links photo
 * alone (and util). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "photo.h"

/* A real 1x1 PNG (RGB, one pixel #3366cc), written with zlib, CRCs right. */
static const unsigned char png_1x1[69] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
	0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x30, 0x4e, 0x3b, 0x03,
	0x00, 0x02, 0x35, 0x01, 0x66, 0xb4, 0x6f, 0x97, 0x9e, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
	0x44, 0xae, 0x42, 0x60, 0x82,
};
/* A real 4x3 baseline JPEG (cjpeg -quality 75 -optimize of a little gradient): SOF0 at 158. */
static const unsigned char jpeg_4x3[325] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
	0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08,
	0x07, 0x07, 0x07, 0x09, 0x09, 0x08, 0x0a, 0x0c, 0x14, 0x0d, 0x0c, 0x0b, 0x0b, 0x0c, 0x19, 0x12,
	0x13, 0x0f, 0x14, 0x1d, 0x1a, 0x1f, 0x1e, 0x1d, 0x1a, 0x1c, 0x1c, 0x20, 0x24, 0x2e, 0x27, 0x20,
	0x22, 0x2c, 0x23, 0x1c, 0x1c, 0x28, 0x37, 0x29, 0x2c, 0x30, 0x31, 0x34, 0x34, 0x34, 0x1f, 0x27,
	0x39, 0x3d, 0x38, 0x32, 0x3c, 0x2e, 0x33, 0x34, 0x32, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x09, 0x09,
	0x09, 0x0c, 0x0b, 0x0c, 0x18, 0x0d, 0x0d, 0x18, 0x32, 0x21, 0x1c, 0x21, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0xff, 0xc0,
	0x00, 0x11, 0x08, 0x00, 0x03, 0x00, 0x04, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11,
	0x01, 0xff, 0xc4, 0x00, 0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xff, 0xc4, 0x00, 0x1c, 0x10, 0x00, 0x01, 0x03,
	0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02,
	0x05, 0x03, 0x06, 0x14, 0x25, 0x91, 0xff, 0xc4, 0x00, 0x15, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x06, 0xff, 0xc4, 0x00,
	0x1b, 0x11, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x01, 0x03, 0x04, 0x00, 0x14, 0x22, 0x31, 0x41, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01,
	0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0xa9, 0x1f, 0x6c, 0x42, 0xe1, 0xb3, 0x5d, 0x43,
	0x8a, 0x00, 0x27, 0x27, 0x48, 0x6d, 0xcb, 0x32, 0x3b, 0x3d, 0x34, 0x70, 0x25, 0x3e, 0xd5, 0x79,
	0x9d, 0x0e, 0x9a, 0xff, 0xd9,
};
/* The same picture, progressive (cjpeg -progressive): SOF2 at 158, after two DQT. */
static const unsigned char jpeg_prog[557] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
	0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08,
	0x07, 0x07, 0x07, 0x09, 0x09, 0x08, 0x0a, 0x0c, 0x14, 0x0d, 0x0c, 0x0b, 0x0b, 0x0c, 0x19, 0x12,
	0x13, 0x0f, 0x14, 0x1d, 0x1a, 0x1f, 0x1e, 0x1d, 0x1a, 0x1c, 0x1c, 0x20, 0x24, 0x2e, 0x27, 0x20,
	0x22, 0x2c, 0x23, 0x1c, 0x1c, 0x28, 0x37, 0x29, 0x2c, 0x30, 0x31, 0x34, 0x34, 0x34, 0x1f, 0x27,
	0x39, 0x3d, 0x38, 0x32, 0x3c, 0x2e, 0x33, 0x34, 0x32, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x09, 0x09,
	0x09, 0x0c, 0x0b, 0x0c, 0x18, 0x0d, 0x0d, 0x18, 0x32, 0x21, 0x1c, 0x21, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0xff, 0xc2,
	0x00, 0x11, 0x08, 0x00, 0x03, 0x00, 0x04, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11,
	0x01, 0xff, 0xc4, 0x00, 0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xff, 0xc4, 0x00, 0x15, 0x01, 0x01, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x05, 0xff,
	0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x10, 0x03, 0x10, 0x00, 0x00, 0x01, 0xa8, 0x4d, 0x3f,
	0xff, 0xc4, 0x00, 0x16, 0x10, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x04, 0x12, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x01,
	0x05, 0x02, 0x39, 0x87, 0x1f, 0xff, 0xc4, 0x00, 0x18, 0x11, 0x00, 0x02, 0x03, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x00, 0x13, 0x21, 0xff,
	0xda, 0x00, 0x08, 0x01, 0x03, 0x01, 0x01, 0x3f, 0x01, 0x43, 0x4e, 0xa1, 0xd9, 0xff, 0xc4, 0x00,
	0x18, 0x11, 0x00, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x02, 0x03, 0x00, 0x13, 0x21, 0xff, 0xda, 0x00, 0x08, 0x01, 0x02, 0x01, 0x01, 0x3f,
	0x01, 0x7b, 0x0a, 0xc2, 0xd9, 0xff, 0xc4, 0x00, 0x16, 0x10, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x33, 0xff, 0xda, 0x00,
	0x08, 0x01, 0x01, 0x00, 0x06, 0x3f, 0x02, 0x9a, 0x3f, 0xff, 0xc4, 0x00, 0x15, 0x10, 0x01, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11,
	0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x01, 0x3f, 0x21, 0x8c, 0x7f, 0xff, 0xda, 0x00, 0x0c,
	0x03, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00, 0x10, 0x0b, 0xff, 0xc4, 0x00, 0x17, 0x11,
	0x00, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x31, 0x41, 0xff, 0xda, 0x00, 0x08, 0x01, 0x03, 0x01, 0x01, 0x3f, 0x10, 0xb4, 0xc5,
	0xac, 0xff, 0xc4, 0x00, 0x17, 0x11, 0x00, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x31, 0x41, 0xff, 0xda, 0x00, 0x08, 0x01, 0x02,
	0x01, 0x01, 0x3f, 0x10, 0xa6, 0x57, 0xac, 0xff, 0xc4, 0x00, 0x16, 0x10, 0x00, 0x03, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xc1, 0xff,
	0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x01, 0x3f, 0x10, 0x89, 0xd9, 0xff, 0xd9,
};

#define PNG_SHA "429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de"
#define JPEG_SHA "4b3c7e75262b58ee83b00b128a07babe75f4a0505c7cd780aadaf0ea930dbf34"
#define JPEG_PROG_SHA "ac5282fc929d186f14aebef22b68a2b21812b826ab99f88990d4c9d1c02870ab"
#define JPEG_SOF 158      /* where FF C0 / FF C2 stands in both JPEGs */

static const char *sha(const void *b, size_t n)
{
	static char out[65];
	sha256_hex(b, n, out);
	return out;
}

static enum photo_err check_bytes(const unsigned char *b, size_t n)
{
	struct photo_info info;
	return photo_check(b, n, &info);
}

/* A copy of b[0..n) to change: freed by the caller. */
static unsigned char *dup_bytes(const unsigned char *b, size_t n)
{
	unsigned char *c = malloc(n ? n : 1);
	ck_assert_ptr_nonnull(c);
	memcpy(c, b, n);
	return c;
}

static void put_be32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* The test's own encoder, to round-trip the decoder. Caller frees. */
static char *b64_encode(const unsigned char *b, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc((n + 2) / 3 * 4 + 1), *o = out;
	ck_assert_ptr_nonnull(out);
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

START_TEST(test_sha256_vectors)
{
	ck_assert_str_eq(sha("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_str_eq(sha(NULL, 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_str_eq(sha("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	ck_assert_int_eq(strlen(m448) * 8, 448);
	ck_assert_str_eq(sha(m448, strlen(m448)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	char *million = malloc(1000000);
	ck_assert_ptr_nonnull(million);
	memset(million, 'a', 1000000);
	ck_assert_str_eq(sha(million, 1000000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* around the padding's block boundaries: 55 bytes fit one block with the length, 56 do not */
	static const struct { size_t n; const char *hex; } as[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	};
	for (size_t i = 0; i < sizeof as / sizeof as[0]; i++)
		ck_assert_str_eq(sha(million, as[i].n), as[i].hex);
	free(million);
}
END_TEST

START_TEST(test_good_photos)
{
	struct photo_info info;

	ck_assert_int_eq(photo_check(png_1x1, sizeof png_1x1, &info), PHOTO_OK);
	ck_assert_int_eq(info.type, PHOTO_PNG);
	ck_assert_int_eq(info.width, 1);
	ck_assert_int_eq(info.height, 1);
	ck_assert_str_eq(info.sha256, PNG_SHA);
	ck_assert_str_eq(photo_ext(info.type), "png");
	ck_assert_str_eq(photo_mime(info.type), "image/png");

	ck_assert_int_eq(photo_check(jpeg_4x3, sizeof jpeg_4x3, &info), PHOTO_OK);
	ck_assert_int_eq(info.type, PHOTO_JPEG);
	ck_assert_int_eq(info.width, 4);
	ck_assert_int_eq(info.height, 3);
	ck_assert_str_eq(info.sha256, JPEG_SHA);
	ck_assert_str_eq(photo_ext(info.type), "jpg");
	ck_assert_str_eq(photo_mime(info.type), "image/jpeg");

	ck_assert_int_eq(photo_check(jpeg_prog, sizeof jpeg_prog, &info), PHOTO_OK);
	ck_assert_int_eq(info.type, PHOTO_JPEG);
	ck_assert_int_eq(info.width, 4);
	ck_assert_int_eq(info.height, 3);
	ck_assert_str_eq(info.sha256, JPEG_PROG_SHA);

	ck_assert_str_eq(photo_ext(PHOTO_NONE), "");
	ck_assert_str_eq(photo_mime(PHOTO_NONE), "");
}
END_TEST

/* A phone may call its PNG "IMG_0001.jpg": there is no name here, the bytes alone decide. */
START_TEST(test_type_from_bytes)
{
	struct photo_info info;

	ck_assert_int_eq(photo_check(png_1x1, sizeof png_1x1, &info), PHOTO_OK);
	ck_assert_int_eq(info.type, PHOTO_PNG);
	ck_assert_str_eq(photo_ext(info.type), "png");
	/* and the name the host stores it under is made from those bytes */
	char name[80];
	strcpy(name, info.sha256);
	strcat(name, ".");
	strcat(name, photo_ext(info.type));
	ck_assert_int_eq(photo_name_valid(name), 1);
}
END_TEST

START_TEST(test_bad_type)
{
	static const struct { const char *what; const char *bytes; } bad[] = {
		{ "HTML", "<html><script>alert(1)</script></html>" },
		{ "GIF", "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01;" },
		{ "SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>" },
		{ "SOI alone", "\xff\xd8" },
		{ "PNG signature cut", "\x89PNG\r\n\x1a" },
		{ "text", "iVBORw0KGgo=" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(check_bytes((const unsigned char *)bad[i].bytes, strlen(bad[i].bytes)) == PHOTO_BAD_TYPE,
		              "%s not refused as a type", bad[i].what);
	ck_assert_int_eq(check_bytes(NULL, 0), PHOTO_BAD_TYPE);
	ck_assert_int_eq(check_bytes((const unsigned char *)"", 0), PHOTO_BAD_TYPE);
	/* a failure leaves nothing behind in info */
	struct photo_info info;
	memset(&info, 'x', sizeof info);
	ck_assert_int_eq(photo_check((const unsigned char *)"<html>", 6, &info), PHOTO_BAD_TYPE);
	ck_assert_int_eq(info.type, PHOTO_NONE);
	ck_assert_int_eq(info.width, 0);
	ck_assert_str_eq(info.sha256, "");
}
END_TEST

START_TEST(test_truncated)
{
	ck_assert_int_eq(check_bytes(jpeg_4x3, sizeof jpeg_4x3 - 10), PHOTO_TRUNCATED);
	ck_assert_int_eq(check_bytes(png_1x1, sizeof png_1x1 - 10), PHOTO_TRUNCATED);
	/* every cut that keeps the magic, of all three */
	for (size_t n = 3; n < sizeof jpeg_4x3; n++)
		ck_assert_msg(check_bytes(jpeg_4x3, n) == PHOTO_TRUNCATED, "JPEG cut at %zu", n);
	for (size_t n = 3; n < sizeof jpeg_prog; n++)
		ck_assert_msg(check_bytes(jpeg_prog, n) == PHOTO_TRUNCATED, "progressive JPEG cut at %zu", n);
	for (size_t n = 8; n < sizeof png_1x1; n++)
		ck_assert_msg(check_bytes(png_1x1, n) == PHOTO_TRUNCATED, "PNG cut at %zu", n);
}
END_TEST

START_TEST(test_broken_structure)
{
	unsigned char buf[1024];

	/* bytes after the end: a PNG or JPEG with something else (HTML, a zip) behind it */
	memcpy(buf, png_1x1, sizeof png_1x1);
	memcpy(buf + sizeof png_1x1, "<html>", 6);
	ck_assert_int_eq(check_bytes(buf, sizeof png_1x1 + 6), PHOTO_TRUNCATED);
	ck_assert_int_eq(check_bytes(buf, sizeof png_1x1 + 1), PHOTO_TRUNCATED);
	memcpy(buf, jpeg_4x3, sizeof jpeg_4x3);
	buf[sizeof jpeg_4x3] = 0;
	ck_assert_int_eq(check_bytes(buf, sizeof jpeg_4x3 + 1), PHOTO_TRUNCATED);

	unsigned char *p = dup_bytes(png_1x1, sizeof png_1x1);
	p[12] = 'X';   /* first chunk not IHDR */
	ck_assert_int_eq(check_bytes(p, sizeof png_1x1), PHOTO_TRUNCATED);
	memcpy(p, png_1x1, sizeof png_1x1);
	put_be32(p + 8, 14);   /* IHDR of another length */
	ck_assert_int_eq(check_bytes(p, sizeof png_1x1), PHOTO_TRUNCATED);
	memcpy(p, png_1x1, sizeof png_1x1);
	put_be32(p + 33, 0xFFFFFFF0u);   /* IDAT's length past the end (and past 2^31) */
	ck_assert_int_eq(check_bytes(p, sizeof png_1x1), PHOTO_TRUNCATED);
	memcpy(p, png_1x1, sizeof png_1x1);
	p[37] = '1';   /* a chunk type that is not four letters */
	ck_assert_int_eq(check_bytes(p, sizeof png_1x1), PHOTO_TRUNCATED);
	free(p);

	unsigned char *j = dup_bytes(jpeg_4x3, sizeof jpeg_4x3);
	j[20] = 0x00;   /* DQT's FF: not a marker where one must be */
	ck_assert_int_eq(check_bytes(j, sizeof jpeg_4x3), PHOTO_TRUNCATED);
	memcpy(j, jpeg_4x3, sizeof jpeg_4x3);
	j[4] = 0xFF; j[5] = 0xFF;   /* APP0's length past the end */
	ck_assert_int_eq(check_bytes(j, sizeof jpeg_4x3), PHOTO_TRUNCATED);
	memcpy(j, jpeg_4x3, sizeof jpeg_4x3);
	j[4] = 0; j[5] = 1;   /* a length shorter than its own two bytes */
	ck_assert_int_eq(check_bytes(j, sizeof jpeg_4x3), PHOTO_TRUNCATED);
	free(j);
	/* markers, then EOI, with no frame header */
	static const unsigned char no_frame[] = { 0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x03, 'x', 0xFF, 0xD9 };
	ck_assert_int_eq(check_bytes(no_frame, sizeof no_frame), PHOTO_TRUNCATED);
	/* DHT (C4) is not a frame header even though it sits among the SOFs */
	static const unsigned char dht_only[] = { 0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x08, 0, 3, 0, 4, 3, 1, 0xFF, 0xD9 };
	ck_assert_int_eq(check_bytes(dht_only, sizeof dht_only), PHOTO_TRUNCATED);
	/* the least the walker takes: SOF0 right after SOI, then EOI; fill bytes before a marker */
	static const unsigned char bare[] = { 0xFF, 0xD8, 0xFF, 0xFF, 0xC0, 0x00, 0x08, 8, 0, 3, 0, 4, 1, 0xFF, 0xD9 };
	struct photo_info info;
	ck_assert_int_eq(photo_check(bare, sizeof bare, &info), PHOTO_OK);
	ck_assert_int_eq(info.width, 4);
	ck_assert_int_eq(info.height, 3);
	/* the EOI must come after the frame header, not be its last bytes: here FF D9 are the
	 * width's low byte (3 x 255) and the number of components */
	static const unsigned char eoi_inside[] = { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x08, 8, 0, 3, 0, 0xFF, 0xD9 };
	ck_assert_int_eq(check_bytes(eoi_inside, sizeof eoi_inside), PHOTO_TRUNCATED);
}
END_TEST

START_TEST(test_pixels)
{
	struct photo_info info;
	unsigned char *p = dup_bytes(png_1x1, sizeof png_1x1);

	put_be32(p + 16, 5000);   /* width */
	put_be32(p + 20, 10);
	ck_assert_int_eq(photo_check(p, sizeof png_1x1, &info), PHOTO_TOO_LARGE_PIXELS);
	ck_assert_int_eq(info.type, PHOTO_NONE);
	/* sides are judged as soon as they are read: a header alone claiming 5000x10 */
	ck_assert_int_eq(check_bytes(p, 33), PHOTO_TOO_LARGE_PIXELS);
	put_be32(p + 16, 0);
	ck_assert_int_eq(check_bytes(p, sizeof png_1x1), PHOTO_TOO_LARGE_PIXELS);
	put_be32(p + 16, 1);
	put_be32(p + 20, 0);
	ck_assert_int_eq(check_bytes(p, sizeof png_1x1), PHOTO_TOO_LARGE_PIXELS);
	put_be32(p + 20, 0x80000000u);
	ck_assert_int_eq(check_bytes(p, sizeof png_1x1), PHOTO_TOO_LARGE_PIXELS);
	/* the CRCs are not checked, so the bound itself can be tried */
	put_be32(p + 16, PHOTO_MAX_SIDE);
	put_be32(p + 20, PHOTO_MAX_SIDE);
	ck_assert_int_eq(photo_check(p, sizeof png_1x1, &info), PHOTO_OK);
	ck_assert_int_eq(info.width, PHOTO_MAX_SIDE);
	ck_assert_int_eq(info.height, PHOTO_MAX_SIDE);
	put_be32(p + 20, PHOTO_MAX_SIDE + 1);
	ck_assert_int_eq(check_bytes(p, sizeof png_1x1), PHOTO_TOO_LARGE_PIXELS);
	free(p);

	unsigned char *j = dup_bytes(jpeg_4x3, sizeof jpeg_4x3);
	ck_assert_int_eq(j[JPEG_SOF], 0xFF);
	ck_assert_int_eq(j[JPEG_SOF + 1], 0xC0);
	/* SOF: FF C0, length (2), precision, height (2), width (2) */
	j[JPEG_SOF + 7] = 5000 >> 8;
	j[JPEG_SOF + 8] = 5000 & 0xFF;
	ck_assert_int_eq(check_bytes(j, sizeof jpeg_4x3), PHOTO_TOO_LARGE_PIXELS);
	j[JPEG_SOF + 7] = 0;
	j[JPEG_SOF + 8] = 4;
	j[JPEG_SOF + 5] = 0;
	j[JPEG_SOF + 6] = 0;   /* height 0: given later in a DNL segment, which is not taken */
	ck_assert_int_eq(check_bytes(j, sizeof jpeg_4x3), PHOTO_TOO_LARGE_PIXELS);
	j[JPEG_SOF + 5] = PHOTO_MAX_SIDE >> 8;
	j[JPEG_SOF + 6] = PHOTO_MAX_SIDE & 0xFF;
	ck_assert_int_eq(photo_check(j, sizeof jpeg_4x3, &info), PHOTO_OK);
	ck_assert_int_eq(info.height, PHOTO_MAX_SIDE);
	free(j);
}
END_TEST

START_TEST(test_too_big)
{
	/* a PNG grown to exactly PHOTO_MAX_BYTES with an ancillary chunk before IEND, then one more */
	size_t n = PHOTO_MAX_BYTES, head = sizeof png_1x1 - 12, extra = n - head - 12 - 12;
	unsigned char *p = calloc(1, n + 1);
	struct photo_info info;

	ck_assert_ptr_nonnull(p);
	memcpy(p, png_1x1, head);
	put_be32(p + head, (unsigned)extra);
	memcpy(p + head + 4, "tEXt", 4);
	memcpy(p + n - 12, png_1x1 + head, 12);   /* IEND */
	ck_assert_int_eq(photo_check(p, n, &info), PHOTO_OK);
	ck_assert_str_eq(info.sha256, sha(p, n));
	ck_assert_int_eq(check_bytes(p, n + 1), PHOTO_TOO_BIG);
	/* size is judged before type */
	memcpy(p, "<html>", 6);
	ck_assert_int_eq(check_bytes(p, n + 1), PHOTO_TOO_BIG);
	ck_assert_int_eq(check_bytes(p, n), PHOTO_BAD_TYPE);
	free(p);
}
END_TEST

static int decodes_to(const char *text, const char *want)
{
	size_t n;
	int big = -1;
	unsigned char *b = photo_base64_decode(text, strlen(text), 1000, &n, &big);
	int ok = b && big == 0 && n == strlen(want) && memcmp(b, want, n) == 0;
	free(b);
	return ok;
}

static int refused(const char *text, size_t len)
{
	size_t n = 99;
	int big = -1;
	unsigned char *b = photo_base64_decode(text, len, 1000, &n, &big);
	free(b);
	return !b && n == 0 && big == 0;
}

START_TEST(test_base64)
{
	/* RFC 4648 section 10 */
	ck_assert(decodes_to("", ""));
	ck_assert(decodes_to("Zg==", "f"));
	ck_assert(decodes_to("Zm8=", "fo"));
	ck_assert(decodes_to("Zm9v", "foo"));
	ck_assert(decodes_to("Zm9vYg==", "foob"));
	ck_assert(decodes_to("Zm9vYmE=", "fooba"));
	ck_assert(decodes_to("Zm9vYmFy", "foobar"));
	ck_assert(decodes_to("+/+/", "\xfb\xff\xbf"));

	static const char *const bad[] = {
		"Zg", "Zg=", "Zm9", "Z===", "====", "Zg=a", "=Zg=", "Zm9vZg==Zm9v", "Zg==Zg==",
		"Zm9v\n", " Zm9v", "Zm9v ", "Zm9\tv", "Zm9v\r\nYmFy",
		"Zm9-", "Zm9_", "Zm9.", "Zm9v!AAA", "Zm\xc3\xa9v",
		"Zh==", "Zm9=",           /* unused bits set: not the canonical encoding of "f", "fo" */
		"Zm 9", "Zm9vYmF\n", "Zm9v    ",   /* whitespace, even where the length is right */
		"data:image/png;base64,iVBORw0KGgo=",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(refused(bad[i], strlen(bad[i])), "\"%s\" accepted", bad[i]);
	ck_assert(refused("Zm9v\0Zm9", 8));   /* a NUL inside the given length */

	/* too big: judged from the length, flagged apart from invalid */
	size_t n = 99;
	int big = -1;
	unsigned char *b = photo_base64_decode("Zm9vYmFy", 8, 5, &n, &big);
	ck_assert_ptr_null(b);
	ck_assert_int_eq(big, 1);
	ck_assert_int_eq(n, 0);
	b = photo_base64_decode("Zm9vYmFy", 8, 6, &n, &big);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(big, 0);
	ck_assert_int_eq(n, 6);
	free(b);
	b = photo_base64_decode("Zm9vYg==", 8, 4, &n, &big);   /* padding counts: 4 bytes, not 6 */
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(n, 4);
	free(b);
	b = photo_base64_decode("Zm9vYg==", 8, 3, &n, &big);
	ck_assert_ptr_null(b);
	ck_assert_int_eq(big, 1);
	b = photo_base64_decode("Zg==", 4, 0, &n, &big);
	ck_assert_ptr_null(b);
	ck_assert_int_eq(big, 1);
	b = photo_base64_decode("", 0, 0, &n, &big);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(n, 0);
	free(b);

	/* round trips: the photos, and every length across the padding cases */
	const struct { const unsigned char *b; size_t n; } photos[] = {
		{ png_1x1, sizeof png_1x1 }, { jpeg_4x3, sizeof jpeg_4x3 }, { jpeg_prog, sizeof jpeg_prog },
	};
	for (size_t i = 0; i < sizeof photos / sizeof photos[0]; i++) {
		char *t = b64_encode(photos[i].b, photos[i].n);
		b = photo_base64_decode(t, strlen(t), PHOTO_MAX_BYTES, &n, &big);
		ck_assert_ptr_nonnull(b);
		ck_assert_int_eq(n, photos[i].n);
		ck_assert(memcmp(b, photos[i].b, n) == 0);
		struct photo_info info;
		ck_assert_int_eq(photo_check(b, n, &info), PHOTO_OK);
		free(b);
		free(t);
	}
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)(255 - i);
	for (size_t len = 0; len <= sizeof all; len++) {
		char *t = b64_encode(all, len);
		b = photo_base64_decode(t, strlen(t), len, &n, &big);
		ck_assert_msg(b && n == len && memcmp(b, all, len) == 0, "round trip of %zu bytes", len);
		free(b);
		free(t);
	}
}
END_TEST

START_TEST(test_names)
{
	const char *hex = PNG_SHA;
	char name[128];

	snprintf(name, sizeof name, "%s.jpg", hex);
	ck_assert_int_eq(photo_name_valid(name), 1);
	snprintf(name, sizeof name, "%s.png", hex);
	ck_assert_int_eq(photo_name_valid(name), 1);
	ck_assert_int_eq(photo_name_valid("0000000000000000000000000000000000000000000000000000000000000000.png"), 1);

	static const char *const bad[] = {
		"../x.jpg", "a.jpg", "x.png", "", ".jpg", "/etc/passwd",
		"429BE16D0A91E377D16CD9F57F84B94B5D2B32804321E8FAB7EEF752BF6020DE.jpg",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020dE.jpg",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.svg",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.jpg/x",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.JPG",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.jpeg",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.jpgx",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.html",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020d.jpg",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de0.jpg",
		"../429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020.jpg",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.jpg ",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.jpg\n",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020de.php.jpg",
		"429be16d0a91e377d16cd9f57f84b94b5d2b32804321e8fab7eef752bf6020g.jpg",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(photo_name_valid(bad[i]) == 0, "\"%s\" accepted", bad[i]);
	ck_assert_int_eq(photo_name_valid(NULL), 0);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("photo");
	TCase *tc = tcase_create("checks");
	tcase_add_test(tc, test_sha256_vectors);
	tcase_add_test(tc, test_good_photos);
	tcase_add_test(tc, test_type_from_bytes);
	tcase_add_test(tc, test_bad_type);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_broken_structure);
	tcase_add_test(tc, test_pixels);
	tcase_add_test(tc, test_too_big);
	tcase_add_test(tc, test_base64);
	tcase_add_test(tc, test_names);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
